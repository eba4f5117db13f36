//! A contract file: `contracts/<id>.yaml`, one contract per file, named by its id.

use serde::Deserialize;

use super::answer::RawAnswer;
use super::fields::answer_fields;
use super::values::Date;
use super::values::{Contact, Count, DurationAnswer, List, MoneyAnswer, Text, Value};
use crate::questionnaire::{PartId, QuestionId};

answer_fields! {
    /// A contract in the register. Its id is the file name without `.yaml`.
    #[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    pub struct ContractFile {
        /// The authority holding the contract (an `id` from foi.yaml). Required when
        /// foi.yaml lists several authorities.
        #[serde(default)]
        pub authority: Option<String>,
        /// The questionnaire part the contract answers: `contact-centre` or `inbound-network`.
        pub part: PartId,
        /// The contract's name, as printed in responses.
        pub title: String,
        /// Start date, YYYY-MM-DD.
        #[serde(default)]
        pub start: Option<Date>,
    }
}
