//! Serde types mirroring the casebook's YAML files exactly.
//!
//! Owns the shape of `foi.yaml`, `contracts/*.yaml` and `requests/*.yaml`: every key, its
//! type and its doc comment (which is the user reference and feeds the JSON Schema). It
//! checks only what serde can check alone; cross-references and the law are `validate`.

mod answer;
mod contract;
mod fields;
mod hand_schemas;
mod profile;
mod request;
pub mod sent;
pub mod values;

pub use answer::{DECISION_KEYS, Publication, RawAnswer, RawDecision};
pub use contract::ContractFile;
pub use fields::Facts;
pub use profile::{
    AuthorityCodeFile, AuthorityFile, BankHolidayFile, Jurisdiction, Layout, Licence, ProfileFile,
    SharedService, Signature, TeamContact,
};
pub use request::{
    ClarificationSought, CommissionerFile, DecisionNotice, Extension, NoticeOutcome, Number, OrStandard,
    PartAsked, QuestionAsked, Refusal, RefusalGround, RequestFile, Requester, ReviewDecision, ReviewFile,
    ReviewOutcome, ReviewedQuestion,
};
pub use values::Value;

/// The longest a title or name that heads a letter or a section of it may be, in
/// characters: a line, with room to spare. `validate` enforces it; a PDF carries headings in
/// its outline as strings, which PDF/A bounds (32,767 bytes).
pub const MAX_TITLE: usize = 300;

/// The longest word (a run of text without a space) published text may have, in
/// characters: a line breaks only between words, so a longer one runs off the page of a
/// PDF, and no real word or web address comes near it.
pub const MAX_WORD: usize = 1_000;
