//! Passages of an exemption's wording, each printed only where it is true of the case.
//!
//! A refusal notice must give the real reasons the exemption applies (FOIA s.17(1)(c);
//! FOISA s.16(1)(d)), so a sentence about the supplier must not reach a letter that names
//! the supplier and withholds only the spend. An exemption file therefore writes its
//! explanation (and its public interest factors) as passages: plain text, printed always,
//! or `{when: [...], text: ...}`, printed only when one of its conditions holds for the
//! questions the notice covers. Which conditions hold is decided by `rules`; this module
//! only says what the conditions are and picks the passages.

use std::collections::BTreeSet;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::questionnaire::QuestionId;

/// When a passage applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Condition {
    /// The notice covers this question of the questionnaire (`supplier`, `annual-spend`…).
    Question(QuestionId),
    /// The notice covers a question that no other passage of the same list names by id,
    /// or a question outside the questionnaire: the fallback reasoning.
    OtherQuestion,
    /// A contract owner's job title was given (the personal-data exemption).
    JobTitleGiven,
    /// A contract owner's job title was withheld too, because one person holds the post.
    JobTitleWithheld,
    /// A senior officer was named in place of a junior contract owner.
    SeniorOfficerGiven,
    /// The request is a round robin: the same request sent to many authorities.
    RoundRobin,
}

/// The conditions that are not question ids, as written in YAML.
const SPECIAL: &[(&str, Condition)] = &[
    ("other-question", Condition::OtherQuestion),
    ("job-title-given", Condition::JobTitleGiven),
    ("job-title-withheld", Condition::JobTitleWithheld),
    ("senior-officer-given", Condition::SeniorOfficerGiven),
    ("round-robin", Condition::RoundRobin),
];

impl Condition {
    /// The condition as written in YAML.
    pub fn as_str(self) -> &'static str {
        match self {
            Condition::Question(id) => id.as_str(),
            other => SPECIAL.iter().find(|(_, c)| *c == other).map_or("", |(name, _)| name),
        }
    }

    /// Every condition's name, for messages and the schema.
    pub(crate) fn names() -> Vec<&'static str> {
        QuestionId::all().iter().map(|q| q.as_str()).chain(SPECIAL.iter().map(|(n, _)| *n)).collect()
    }

    fn parse(text: &str) -> Option<Condition> {
        if let Some(id) = QuestionId::all().iter().find(|q| q.as_str() == text) {
            return Some(Condition::Question(*id));
        }
        SPECIAL.iter().find(|(name, _)| *name == text).map(|(_, c)| *c)
    }
}

impl Serialize for Condition {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Condition::parse(&text).ok_or_else(|| {
            de::Error::custom(format_args!(
                "unknown condition `{text}`: use a question id (`supplier`, `annual-spend`, …) or one of \
                 `other-question`, `job-title-given`, `job-title-withheld`, `senior-officer-given`, `round-robin`"
            ))
        })
    }
}

impl schemars::JsonSchema for Condition {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Condition".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A question id (the passage is printed when the notice covers that question), \
                            `other-question` (a question no other passage names), `job-title-given`, \
                            `job-title-withheld`, `senior-officer-given` or `round-robin`.",
            "enum": Condition::names(),
        })
    }
}

/// A paragraph (or public interest factor) and when it is printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Printed when any of these holds; always when empty.
    pub(crate) when: Vec<Condition>,
    /// The text, which may use the placeholders.
    pub text: String,
}

impl<'de> Deserialize<'de> for Passage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PassageVisitor;
        impl<'de> Visitor<'de> for PassageVisitor {
            type Value = Passage;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a paragraph, or `{when: [supplier], text: …}`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Passage, E> {
                Ok(Passage { when: Vec::new(), text: v.to_owned() })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Passage, A::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Keyed {
                    when: Vec<Condition>,
                    text: String,
                }
                let keyed = Keyed::deserialize(de::value::MapAccessDeserializer::new(map))?;
                if keyed.when.is_empty() {
                    return Err(de::Error::custom(
                        "`when` needs at least one condition; write plain text for a passage printed always",
                    ));
                }
                Ok(Passage { when: keyed.when, text: keyed.text })
            }
        }
        deserializer.deserialize_any(PassageVisitor)
    }
}

impl schemars::JsonSchema for Passage {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Passage".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let condition = generator.subschema_for::<Condition>();
        schemars::json_schema!({
            "description": "A paragraph printed always, or `{when: [...], text: ...}`: printed only when \
                            one of the conditions holds for the questions the notice covers.",
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "properties": {
                        "when": {
                            "description": "Print the text when any of these holds.",
                            "type": "array",
                            "items": condition,
                            "minItems": 1
                        },
                        "text": {
                            "description": "The paragraph or factor; may use `{authority}` and `{act}`.",
                            "type": "string"
                        }
                    },
                    "required": ["when", "text"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// What is true of the case a notice is about: the facts its passages are chosen by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The questionnaire questions the notice covers.
    pub questions: BTreeSet<QuestionId>,
    /// Whether it covers a question outside the questionnaire.
    pub(crate) unlisted: bool,
    /// The other conditions that hold.
    pub(crate) holding: BTreeSet<Condition>,
}

impl Facts {
    fn holds(&self, condition: Condition, named: &BTreeSet<QuestionId>) -> bool {
        match condition {
            Condition::Question(id) => self.questions.contains(&id),
            Condition::OtherQuestion => self.unlisted || self.questions.iter().any(|q| !named.contains(q)),
            other => self.holding.contains(&other),
        }
    }
}

/// The passages of `list` that hold for `facts`, in order.
pub(crate) fn select<'a>(list: &'a [Passage], facts: &Facts) -> Vec<&'a str> {
    let named: BTreeSet<QuestionId> = list
        .iter()
        .flat_map(|p| p.when.iter())
        .filter_map(|c| match c {
            Condition::Question(id) => Some(*id),
            _ => None,
        })
        .collect();
    list.iter()
        .filter(|p| p.when.is_empty() || p.when.iter().any(|c| facts.holds(*c, &named)))
        .map(|p| p.text.as_str())
        .collect()
}

/// Whether `list` has something to say about `question` beyond the passages printed
/// always: a passage naming it, or a fallback (`other-question`).
pub(crate) fn covers(list: &[Passage], question: Option<QuestionId>) -> bool {
    list.iter().any(|p| {
        p.when.iter().any(|c| match (c, question) {
            (Condition::Question(id), Some(q)) => *id == q,
            (Condition::OtherQuestion, _) => true,
            _ => false,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::tests::q;

    fn passages(yaml: &str) -> Vec<Passage> {
        serde_yaml::from_str(yaml).expect("passages")
    }

    fn facts(questions: &[QuestionId], holding: &[Condition]) -> Facts {
        Facts {
            questions: questions.iter().copied().collect(),
            unlisted: false,
            holding: holding.iter().copied().collect(),
        }
    }

    const LIST: &str = "\
- Always.
- {when: [supplier], text: Supplier.}
- {when: [annual-spend], text: Spend.}
- {when: [other-question], text: Otherwise.}
- {when: [senior-officer-given], text: Senior.}
";

    #[test]
    fn only_the_passages_about_what_is_withheld_are_printed() {
        let list = passages(LIST);
        let spend = facts(&[q("annual-spend")], &[]);
        assert_eq!(select(&list, &spend), ["Always.", "Spend."], "the supplier is not mentioned");
        let both = facts(&[q("supplier"), q("annual-spend")], &[]);
        assert_eq!(select(&list, &both), ["Always.", "Supplier.", "Spend."]);
    }

    #[test]
    fn a_question_no_passage_names_gets_the_fallback() {
        let list = passages(LIST);
        let agents = facts(&[q("agents"), q("supplier")], &[]);
        assert_eq!(select(&list, &agents), ["Always.", "Supplier.", "Otherwise."]);
        let outside = Facts { unlisted: true, ..Facts::default() };
        assert_eq!(select(&list, &outside), ["Always.", "Otherwise."]);
        assert!(covers(&list, Some(q("agents"))), "the fallback covers it");
        assert!(!covers(&passages("- Always.\n- {when: [supplier], text: S.}\n"), Some(q("agents"))));
    }

    #[test]
    fn other_conditions_are_facts_of_the_case() {
        let list = passages(LIST);
        let senior = facts(&[q("supplier")], &[Condition::SeniorOfficerGiven]);
        assert_eq!(select(&list, &senior), ["Always.", "Supplier.", "Senior."]);
    }

    #[test]
    fn bad_passages_are_refused_with_the_conditions_listed() {
        let unknown = serde_yaml::from_str::<Vec<Passage>>("- {when: [supplyer], text: x}").unwrap_err();
        assert!(unknown.to_string().contains("unknown condition `supplyer`"), "{unknown}");
        let empty = serde_yaml::from_str::<Vec<Passage>>("- {when: [], text: x}").unwrap_err();
        assert!(empty.to_string().contains("at least one condition"), "{empty}");
        let extra = serde_yaml::from_str::<Vec<Passage>>("- {when: [supplier], txt: x}").unwrap_err();
        assert!(extra.to_string().contains("unknown field `txt`"), "{extra}");
    }
}
