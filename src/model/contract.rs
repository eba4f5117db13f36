//! A contract file: `contracts/<id>.yaml`, one contract per file, named by its id.

use std::fmt;
use std::sync::OnceLock;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::answer::RawAnswer;
use super::fields::{AnswerFields, expected_keys, read_map};
use super::values::{Date, Value};
use crate::questionnaire::{PartId, QuestionId};

/// A contract in the register. Its id is the file name without `.yaml`.
#[derive(Debug, Clone)]
pub struct ContractFile {
    /// The authority holding the contract (an `id` from foi.yaml). Required when foi.yaml
    /// lists several authorities.
    pub authority: Option<String>,
    /// The questionnaire part the contract answers: `contact-centre`, `inbound-network`,
    /// `it-contracts` or `operational-systems`.
    pub part: PartId,
    /// The contract's name, as printed in responses.
    pub title: String,
    /// Start date, YYYY-MM-DD.
    pub start: Option<Date>,
    /// For a part that asks per item (a system, a kind of contract): the item this
    /// contract is, by its id in the questionnaire (`crm`).
    pub item: Option<String>,
    /// The answers, one key per question of the questionnaire.
    pub answers: AnswerFields,
}

impl ContractFile {
    /// Every answer given, with its question, in questionnaire order.
    pub fn answers(&self) -> Vec<(QuestionId, RawAnswer<Value>)> {
        self.answers.answers()
    }
}

/// The keys of a contract besides its answers, with their schema: the one place they are
/// declared for editors (the deserializer below reads the same keys).
#[derive(JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[allow(dead_code)]
struct ContractKeys {
    /// The authority holding the contract (an `id` from foi.yaml). Required when
    /// foi.yaml lists several authorities.
    #[serde(default)]
    authority: Option<String>,
    /// The questionnaire part the contract answers: `contact-centre`, `inbound-network`,
    /// `it-contracts` or `operational-systems`.
    part: PartId,
    /// The contract's name, as printed in responses.
    title: String,
    /// Start date, YYYY-MM-DD.
    #[serde(default)]
    start: Option<Date>,
    /// For a part that asks per item (a system, a kind of contract): the item this
    /// contract is, by its id in the questionnaire (`crm`, `command-and-control`, `wan`).
    #[serde(default)]
    item: Option<String>,
}

/// The keys of [`ContractKeys`], as written.
const KEYS: &[&str] = &["authority", "part", "title", "start", "item"];

impl JsonSchema for ContractFile {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("ContractFile")
    }

    /// The keys' schema with one answer property per question.
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut schema = ContractKeys::json_schema(generator);
        schema.insert(
            "description".to_owned(),
            "A contract in the register. Its id is the file name without `.yaml`.".into(),
        );
        AnswerFields::add_properties(&mut schema, generator);
        schema
    }
}

impl<'de> Deserialize<'de> for ContractFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ContractVisitor;
        impl<'de> Visitor<'de> for ContractVisitor {
            type Value = ContractFile;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a contract")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ContractFile, A::Error> {
                static EXPECTED: OnceLock<Vec<&'static str>> = OnceLock::new();
                let expected = EXPECTED.get_or_init(|| expected_keys(KEYS));
                let (mut authority, mut part, mut title, mut start, mut item) =
                    (None, None, None, None, None);
                let answers = read_map(&mut map, KEYS, expected, |key, map| {
                    fn once<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
                        slot: &mut Option<T>,
                        key: &'static str,
                        map: &mut A,
                    ) -> Result<(), A::Error> {
                        if slot.is_some() {
                            return Err(de::Error::duplicate_field(key));
                        }
                        *slot = Some(map.next_value()?);
                        Ok(())
                    }
                    match key {
                        "authority" => once(&mut authority, "authority", map),
                        "part" => once(&mut part, "part", map),
                        "title" => once(&mut title, "title", map),
                        "start" => once(&mut start, "start", map),
                        "item" => once(&mut item, "item", map),
                        other => Err(de::Error::unknown_field(other, KEYS)),
                    }
                })?;
                Ok(ContractFile {
                    authority: authority.flatten(),
                    part: part.ok_or_else(|| de::Error::missing_field("part"))?,
                    title: title.ok_or_else(|| de::Error::missing_field("title"))?,
                    start: start.flatten(),
                    item: item.flatten(),
                    answers,
                })
            }
        }
        deserializer.deserialize_map(ContractVisitor)
    }
}
