//! The answer fields shared by contracts, authority facts and house policy: one key per
//! question of the questionnaire, read as a map keyed by question id and typed by the
//! type each question declares in `the questionnaire files`.
//!
//! Nothing here names a question: a new question in the questionnaire is a new answer
//! field of contracts, `facts:` and `policy:`, with its type, its JSON Schema (for editors
//! and for the shape check) and its description.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::answer::RawAnswer;
use super::values::{
    Contact, Count, Date, DurationAnswer, Link, List, MoneyAnswer, Months, Text, Value, YesNo,
};
use crate::questionnaire::{QuestionId, ValueKind};

/// The answers a file gives, by question, each read as its question's type.
#[derive(Debug, Clone, Default)]
pub struct AnswerFields(BTreeMap<QuestionId, RawAnswer<Value>>);

impl AnswerFields {
    /// Every answer given, with its question, in questionnaire order.
    pub fn answers(&self) -> Vec<(QuestionId, RawAnswer<Value>)> {
        self.0.iter().map(|(id, answer)| (*id, answer.clone())).collect()
    }

    /// The answer to `id`, if given.
    pub fn get(&self, id: QuestionId) -> Option<&RawAnswer<Value>> {
        self.0.get(&id)
    }

    /// Reads the value of the key `id` from `map`, as the type `id` declares. A key given
    /// twice is refused, as serde refuses a duplicate field.
    fn read<'de, A: MapAccess<'de>>(&mut self, id: QuestionId, map: &mut A) -> Result<(), A::Error> {
        if self.0.contains_key(&id) {
            return Err(de::Error::duplicate_field(id.as_str()));
        }
        // `key:` with nothing after it (null) is no answer, as an absent key is.
        fn typed<'de, A: MapAccess<'de>, T: Deserialize<'de> + Into<Value>>(
            map: &mut A,
        ) -> Result<Option<RawAnswer<Value>>, A::Error> {
            Ok(map.next_value::<Option<RawAnswer<T>>>()?.map(|answer| answer.map(Into::into)))
        }
        let answer = match id.kind() {
            ValueKind::Text => typed::<A, Text>(map)?,
            ValueKind::Count => typed::<A, Count>(map)?,
            ValueKind::Date => typed::<A, Date>(map)?,
            ValueKind::Money => typed::<A, MoneyAnswer>(map)?,
            ValueKind::Duration => typed::<A, DurationAnswer>(map)?,
            ValueKind::Person => typed::<A, Contact>(map)?,
            ValueKind::List => typed::<A, List>(map)?,
            ValueKind::Months => typed::<A, Months>(map)?,
            ValueKind::YesNo => typed::<A, YesNo>(map)?,
            ValueKind::Link => typed::<A, Link>(map)?,
        };
        if let Some(mut answer) = answer {
            if let RawAnswer::Value(Value::Money(money)) = &mut answer {
                money.yearly = id.entry().yearly;
            }
            self.0.insert(id, answer);
        }
        Ok(())
    }

    /// The schema of the answer to `id`: its type's answer, or nothing (`null`), described
    /// by the question's `field`.
    fn property(id: QuestionId, generator: &mut SchemaGenerator) -> serde_json::Value {
        let answer = match id.kind() {
            ValueKind::Text => generator.subschema_for::<RawAnswer<Text>>(),
            ValueKind::Count => generator.subschema_for::<RawAnswer<Count>>(),
            ValueKind::Date => generator.subschema_for::<RawAnswer<Date>>(),
            ValueKind::Money => generator.subschema_for::<RawAnswer<MoneyAnswer>>(),
            ValueKind::Duration => generator.subschema_for::<RawAnswer<DurationAnswer>>(),
            ValueKind::Person => generator.subschema_for::<RawAnswer<Contact>>(),
            ValueKind::List => generator.subschema_for::<RawAnswer<List>>(),
            ValueKind::Months => generator.subschema_for::<RawAnswer<Months>>(),
            ValueKind::YesNo => generator.subschema_for::<RawAnswer<YesNo>>(),
            ValueKind::Link => generator.subschema_for::<RawAnswer<Link>>(),
        };
        serde_json::json!({
            "anyOf": [answer, {"type": "null"}],
            "description": id.entry().field,
        })
    }

    /// Adds one property per question to the object schema `schema`.
    pub(crate) fn add_properties(schema: &mut Schema, generator: &mut SchemaGenerator) {
        let mut added = serde_json::Map::new();
        for &id in QuestionId::all() {
            added.insert(id.as_str().to_owned(), Self::property(id, generator));
        }
        if let Some(properties) = schema.get_mut("properties").and_then(serde_json::Value::as_object_mut) {
            properties.extend(added);
        } else {
            schema.insert("properties".to_owned(), serde_json::Value::Object(added));
        }
    }
}

/// The keys a file of answers takes, for messages: `fixed` ones, then every question's id.
pub(crate) fn expected_keys(fixed: &[&'static str]) -> Vec<&'static str> {
    fixed.iter().copied().chain(QuestionId::all().iter().map(|id| id.as_str())).collect()
}

/// A key of a file of answers: one of its own keys, or a question's id.
enum Key {
    Fixed(&'static str),
    Question(QuestionId),
}

/// Reads a key, refusing one that is neither a fixed key nor a question as serde refuses
/// an unknown field: while the key is read, so the error points at it.
struct KeySeed {
    fixed: &'static [&'static str],
    expected: &'static [&'static str],
}

impl<'de> de::DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        if let Some(fixed) = self.fixed.iter().find(|fixed| **fixed == key) {
            return Ok(Key::Fixed(fixed));
        }
        match QuestionId::named(key) {
            Some(id) => Ok(Key::Question(id)),
            None => Err(de::Error::unknown_field(key, self.expected)),
        }
    }
}

/// Reads a map whose keys are `fixed` keys (each given to `fixed_key` to read its value) or
/// question ids; any other key is refused as serde refuses an unknown field.
/// `expected` lists every key, for the message ([`expected_keys`]).
pub(crate) fn read_map<'de, A: MapAccess<'de>>(
    map: &mut A,
    fixed: &'static [&'static str],
    expected: &'static [&'static str],
    mut fixed_key: impl FnMut(&'static str, &mut A) -> Result<(), A::Error>,
) -> Result<AnswerFields, A::Error> {
    let mut answers = AnswerFields::default();
    while let Some(key) = map.next_key_seed(KeySeed { fixed, expected })? {
        match key {
            Key::Fixed(key) => fixed_key(key, map)?,
            Key::Question(id) => answers.read(id, map)?,
        }
    }
    Ok(answers)
}

/// Answers that hold for the whole organisation (`facts:`), or that house policy applies
/// to every contract (`policy:`).
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The answers, by question.
    pub answers: AnswerFields,
}

impl Facts {
    /// Every answer given, with its question, in questionnaire order.
    pub fn answers(&self) -> Vec<(QuestionId, RawAnswer<Value>)> {
        self.answers.answers()
    }
}

impl<'de> Deserialize<'de> for Facts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FactsVisitor;
        impl<'de> Visitor<'de> for FactsVisitor {
            type Value = Facts;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("answers by question id")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Facts, A::Error> {
                static EXPECTED: OnceLock<Vec<&'static str>> = OnceLock::new();
                let expected = EXPECTED.get_or_init(|| expected_keys(&[]));
                let answers = read_map(&mut map, &[], expected, |_, _| Ok(()))?;
                Ok(Facts { answers })
            }
        }
        deserializer.deserialize_map(FactsVisitor)
    }
}

impl JsonSchema for Facts {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("Facts")
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut schema = schemars::json_schema!({
            "additionalProperties": false,
            "description": "Answers that hold for the whole organisation (`facts:`), or that house policy applies\nto every contract (`policy:`).",
            "type": "object",
        });
        AnswerFields::add_properties(&mut schema, generator);
        schema
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_is_an_answer_field_read_as_its_declared_type() {
        for &id in QuestionId::all() {
            let sample = match id.kind() {
                ValueKind::Text => "Some text",
                ValueKind::Count => "12",
                ValueKind::Date => "2024-01-31",
                ValueKind::Money => "12000",
                ValueKind::Duration => "3 years",
                ValueKind::Person => "{name: A Person, job-title: Manager, seniority: senior}",
                ValueKind::List => "[January, September]",
                ValueKind::Months => "[October, November]",
                ValueKind::YesNo => "yes, through a framework",
                ValueKind::Link => "https://www.example.gov.uk/contracts",
            };
            let facts: Facts = serde_yaml::from_str(&format!("{id}: {sample}")).expect("reads");
            let answers = facts.answers();
            assert_eq!(answers.len(), 1, "{id}");
            assert_eq!(answers[0].0, id);
        }
        let wrong: Result<Facts, _> = serde_yaml::from_str("expiry: {amount: 3}");
        assert!(wrong.is_err(), "a date question takes a date");
        for wrong in
            ["budget-months: [Octember]", "framework: perhaps", "contracts-register: www.example.com"]
        {
            assert!(serde_yaml::from_str::<Facts>(wrong).is_err(), "{wrong} is refused");
        }
        let yes: Facts = serde_yaml::from_str("framework: YES, RM6116").expect("reads");
        assert!(matches!(&yes.answers()[0].1, RawAnswer::Value(Value::Text(t)) if t == "Yes, RM6116"));
        let empty: Facts = serde_yaml::from_str("supplier:").expect("an empty key reads");
        assert!(empty.answers().is_empty(), "an empty key is no answer");
    }

    #[test]
    fn a_key_that_is_no_question_is_refused() {
        let err = serde_yaml::from_str::<Facts>("supplyer: Acme").expect_err("no such question");
        assert!(err.to_string().contains("unknown field `supplyer`"), "{err}");
    }
}
