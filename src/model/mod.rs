//! Serde types mirroring the casebook's YAML files exactly.
//!
//! Owns the shape of `foi.yaml`, `contracts/*.yaml` and `requests/*.yaml`: every key, its
//! type and its doc comment (which is the user reference and feeds the JSON Schema). It
//! checks only what serde can check alone; cross-references and the law are `validate`.

mod answer;
mod contract;
mod fields;
mod profile;
mod request;
pub mod schema;
pub mod values;

pub use answer::{Answer, DECISION_KEYS, Decision, Publication};
pub use contract::ContractFile;
pub use fields::Facts;
pub use profile::{
    AuthorityCodeFile, AuthorityFile, BankHolidayFile, Jurisdiction, Layout, Licence, ProfileFile,
    SharedService, Signature, TeamContact,
};
pub use request::{
    Extension, Number, OrStandard, PartAsked, QuestionAsked, Refusal, RefusalGround, RequestFile, Requester,
};
pub use values::Value;
