//! JSON Schema, written by hand, for the types whose YAML form is read by hand (their
//! `Deserialize` is not derived), so the schema says exactly what they accept.
//!
//! Derived types get their schema from `#[derive(JsonSchema)]`, which reads the same serde
//! attributes as the deserializer. These impls must be kept in step with the hand-written
//! visitors next to each type: `tests/schema.rs` validates the examples against the
//! generated schema and the checker's own walk of it (`shape`) is tested against serde.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::answer::{DECISION_KEYS, Publication, RawAnswer};
use super::request::{Number, OrStandard};
use super::values::Duration;
use super::values::{
    Count, Date, DurationAnswer, Link, List, MONTHS, Money, MoneyAnswer, Months, Text, YesNo,
};

/// Declares a schema that does not depend on a type parameter.
macro_rules! plain_schema {
    ($ty:ty, $name:literal, $schema:tt) => {
        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    };
}

plain_schema!(Text, "Text", {
    "description": "Text. A number or true/false is kept as written.",
    "type": ["string", "number", "boolean"]
});

plain_schema!(Date, "Date", {
    "description": "A date written YYYY-MM-DD, e.g. 2023-02-01.",
    "type": "string",
    "format": "date",
    "pattern": "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\\s*$"
});

plain_schema!(Count, "Count", {
    "description": "A whole number, or words such as `about 700`.",
    "anyOf": [
        {"type": "integer", "minimum": 0, "maximum": 1_000_000_000},
        {"type": "string", "pattern": "\\S"}
    ]
});

plain_schema!(List, "List", {
    "description": "One item as text, or a list such as `[January, September]`.",
    "anyOf": [
        {"type": "string"},
        {"type": "array", "items": {"type": ["string", "number", "boolean"]}, "minItems": 1}
    ]
});

impl JsonSchema for Months {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Months")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "One or more months, each in full: `[October, November]`, or one month as text.",
            "anyOf": [
                {"type": "string", "enum": MONTHS},
                {"type": "array", "items": {"type": "string", "enum": MONTHS}, "minItems": 1}
            ]
        })
    }
}

plain_schema!(YesNo, "YesNo", {
    "description": "Yes or no: `yes`, `no`, or text that starts with yes or no and explains (`yes, through RM6116`).",
    "anyOf": [
        {"type": "boolean"},
        {"type": "string", "pattern": "^\\s*([Yy][Ee][Ss]|[Nn][Oo])([^A-Za-z0-9]|$)"}
    ]
});

plain_schema!(Link, "Link", {
    "description": "A web address where the answer is published, `https://…`.",
    "type": "string",
    "pattern": "^\\s*https?://[^\\s<>\"]+\\s*$"
});

plain_schema!(Number, "QuestionNumber", {
    "description": "The requester's number or letter for a question: `3`, `b`, `iv`.",
    "anyOf": [
        {"type": "integer", "minimum": 0},
        {"type": "string", "pattern": "^\\s*[(]?[^\\s().:][^\\s]*\\s*$"}
    ]
});

impl JsonSchema for MoneyAnswer {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("AnnualSpend")
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An average yearly spend: `12000`, or `{amount: 12000, years: 3, note: excluding VAT}`.",
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 1e12},
                {"type": "string", "pattern": "^[£\\s]*[0-9][0-9,\\s]*([.][0-9]+)?\\s*$"},
                generator.subschema_for::<Money>()
            ]
        })
    }
}

impl JsonSchema for DurationAnswer {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("ContractTerm")
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "How long the contract runs: `3 years`, or `{term: 3 years, extensions: …}`.",
            "anyOf": [
                {"type": "string"},
                generator.subschema_for::<Duration>()
            ]
        })
    }
}

impl<T: JsonSchema> JsonSchema for OrStandard<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("{}ListOrStandard", T::schema_name()).into()
    }
    fn schema_id() -> Cow<'static, str> {
        format!("OrStandard<{}>", T::schema_id()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "`standard` for the whole canonical questionnaire, or a list.",
            "anyOf": [
                {"const": "standard"},
                {"type": "array", "items": generator.subschema_for::<T>()}
            ]
        })
    }
}

/// Any YAML value: a request's own answer, whose type depends on the question it answers
/// (checked when the question is known).
pub struct AnyValue;

impl JsonSchema for AnyValue {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("AnyValue")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // A mapping that uses a decision key is a decision (and is checked as one), so the
        // "any value" form refuses those keys.
        let decision_keys: serde_json::Map<String, serde_json::Value> =
            DECISION_KEYS.iter().map(|key| ((*key).to_owned(), false.into())).collect();
        json_schema!({
            "description": "The answer, in the form its question takes (text, a number, a date, …).",
            "anyOf": [
                {"type": ["string", "number", "boolean", "null", "array"]},
                {"type": "object", "properties": decision_keys}
            ]
        })
    }
}

/// The schema of a request question's `answer`: any value, or a decision.
pub fn request_answer(generator: &mut SchemaGenerator) -> Schema {
    generator.subschema_for::<RawAnswer<AnyValue>>()
}

/// `true` or an explanation; `false` is refused (it would say nothing).
fn flag(what: &str) -> Schema {
    json_schema!({
        "description": format!("`true`, or a sentence explaining why the information is {what}."),
        "anyOf": [{"const": true}, {"type": "string"}]
    })
}

fn exemption_ids(description: &str) -> Schema {
    json_schema!({
        "description": description,
        "type": "array",
        "items": {"type": "string"},
        "minItems": 1
    })
}

impl<T: JsonSchema> JsonSchema for RawAnswer<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("{}Answer", T::schema_name()).into()
    }
    fn schema_id() -> Cow<'static, str> {
        format!("Answer<{}>", T::schema_id()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let reason = json_schema!({
            "description": "Case-specific reasoning, printed with the exemption in the refusal notice.",
            "type": "string"
        });
        let mut publication = generator.subschema_for::<Publication>();
        publication
            .insert("description".into(), "Where it is published: `{title: …, url: https://…}`.".into());
        let mut value = generator.subschema_for::<T>();
        value.insert(
            "description".into(),
            "The information itself, for the record. Never printed anywhere.".into(),
        );
        json_schema!({
            "description": "A plain value (disclosed), or a decision: `withhold`, \
                `neither-confirm-nor-deny`, `not-held`, `published` or `not-applicable`.",
            "anyOf": [
                generator.subschema_for::<T>(),
                {
                    "description": "Held, but withheld under these exemptions.",
                    "type": "object",
                    "properties": {
                        "withhold": exemption_ids("Exemption ids under the authority's Act, e.g. `[s43-2]`."),
                        "reason": reason.clone(),
                        "value": value
                    },
                    "required": ["withhold"],
                    "additionalProperties": false
                },
                {
                    "description": "Neither confirmed nor denied, under the exemptions' own provisions.",
                    "type": "object",
                    "properties": {
                        "neither-confirm-nor-deny": exemption_ids(
                            "Exemption ids whose provision lifts the duty to confirm or deny."
                        ),
                        "reason": reason
                    },
                    "required": ["neither-confirm-nor-deny"],
                    "additionalProperties": false
                },
                {
                    "description": "Not held.",
                    "type": "object",
                    "properties": {"not-held": flag("not held")},
                    "required": ["not-held"],
                    "additionalProperties": false
                },
                {
                    "description": "Already published (FOIA s.21, FOISA s.25).",
                    "type": "object",
                    "properties": {"published": publication},
                    "required": ["published"],
                    "additionalProperties": false
                },
                {
                    "description": "The question does not apply.",
                    "type": "object",
                    "properties": {"not-applicable": flag("not applicable")},
                    "required": ["not-applicable"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// The schema of `no-contracts:` in an authority: a reason per questionnaire part.
pub fn no_contracts(generator: &mut SchemaGenerator) -> Schema {
    let _ = generator;
    let reason = |part: &str| {
        json_schema!({
            "description": format!("Why the authority holds no {part} contracts (printed as \"not held\")."),
            "type": "string"
        })
    };
    json_schema!({
        "type": "object",
        "properties": {
            "contact-centre": reason("contact centre"),
            "inbound-network": reason("inbound network services")
        },
        "additionalProperties": false
    })
}
