//! An answer as written in a casebook file: a plain value (disclosed) or a decision.
//!
//! Owns the YAML shape of answers and of the values each question takes. It does not know
//! which exemptions exist (that needs the casebook's Act and library): ids stay strings here
//! and `validate` resolves them.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// The keys that mark a mapping as a decision rather than a value.
pub const DECISION_KEYS: &[&str] =
    &["withhold", "neither-confirm-nor-deny", "reason", "value", "not-held", "published", "not-applicable"];

/// An answer to one question: the information itself, or what we decided about it.
///
/// In YAML a plain value (`supplier: Acme Ltd`) is disclosed. A mapping with one of the
/// decision keys is a decision: `{withhold: [s43-2]}`, `{not-held: true}`,
/// `{published: {title: …, url: …}}`, `{not-applicable: true}` or
/// `{neither-confirm-nor-deny: [s43-2]}`.
#[derive(Debug, Clone, PartialEq)]
pub enum RawAnswer<T> {
    /// The information, to be disclosed.
    Value(T),
    /// A decision about the information.
    Decision(RawDecision<T>),
}

impl<T> RawAnswer<T> {
    /// The same answer with its value (disclosed or withheld) converted.
    pub fn map<U>(self, f: impl Fn(T) -> U) -> RawAnswer<U> {
        match self {
            RawAnswer::Value(value) => RawAnswer::Value(f(value)),
            RawAnswer::Decision(decision) => RawAnswer::Decision(decision.map(f)),
        }
    }
}

impl<T> RawDecision<T> {
    /// The same decision with its withheld value converted.
    pub fn map<U>(self, f: impl Fn(T) -> U) -> RawDecision<U> {
        match self {
            RawDecision::Withhold { exemptions, reason, value } => {
                RawDecision::Withhold { exemptions, reason, value: value.map(f) }
            }
            RawDecision::NeitherConfirmNorDeny { exemptions, reason } => {
                RawDecision::NeitherConfirmNorDeny { exemptions, reason }
            }
            RawDecision::NotHeld { explanation } => RawDecision::NotHeld { explanation },
            RawDecision::Published(publication) => RawDecision::Published(publication),
            RawDecision::NotApplicable { explanation } => RawDecision::NotApplicable { explanation },
        }
    }
}

/// What was decided about a piece of information instead of disclosing it.
#[derive(Debug, Clone, PartialEq)]
pub enum RawDecision<T> {
    /// Held but withheld under one or more exemptions.
    Withhold {
        /// Exemption ids, relative to the authority's Act (`s43-2`).
        exemptions: Vec<String>,
        /// Case-specific reasoning, printed under the exemption in the refusal notice.
        reason: Option<String>,
        /// The information itself, for the record. Never printed anywhere.
        value: Option<T>,
    },
    /// Neither confirmed nor denied, under the exemptions' own provisions.
    NeitherConfirmNorDeny {
        /// Exemption ids whose provision lifts the duty to confirm or deny.
        exemptions: Vec<String>,
        /// Case-specific reasoning.
        reason: Option<String>,
    },
    /// Not held, with an optional explanation.
    NotHeld {
        /// Why the information is not held.
        explanation: Option<String>,
    },
    /// Already published (FOIA s.21, FOISA s.25): where to find it.
    Published(Publication),
    /// The question does not apply, with an optional explanation.
    NotApplicable {
        /// Why the question does not apply.
        explanation: Option<String>,
    },
}

/// Where published information can be found.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct Publication {
    /// Title of the publication or page, as shown to the requester.
    pub title: String,
    /// Web address of the publication (`https://…`).
    pub url: String,
}

/// `true`, or an explanation (which implies `true`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
enum Flag {
    Set(bool),
    Explained(String),
}

impl Flag {
    /// `Some(explanation)` when set; `None` when `false`.
    fn explanation(self) -> Option<Option<String>> {
        match self {
            Flag::Set(true) => Some(None),
            Flag::Set(false) => None,
            Flag::Explained(text) => Some(Some(text)),
        }
    }
}

/// The decision mapping as written, before the one-decision-per-answer rule.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct WrittenDecision<T> {
    withhold: Option<Vec<String>>,
    neither_confirm_nor_deny: Option<Vec<String>>,
    reason: Option<String>,
    value: Option<T>,
    not_held: Option<Flag>,
    published: Option<Publication>,
    not_applicable: Option<Flag>,
}

impl<T> WrittenDecision<T> {
    fn into_decision(self) -> Result<RawDecision<T>, String> {
        let kinds = [
            self.withhold.is_some(),
            self.neither_confirm_nor_deny.is_some(),
            self.not_held.is_some(),
            self.published.is_some(),
            self.not_applicable.is_some(),
        ];
        match kinds.iter().filter(|set| **set).count() {
            0 => {
                return Err("a decision needs one of `withhold`, `neither-confirm-nor-deny`, \
                 `not-held`, `published` or `not-applicable`"
                    .into());
            }
            1 => {}
            _ => {
                return Err("an answer can carry only one decision: choose one of `withhold`, \
                 `neither-confirm-nor-deny`, `not-held`, `published` or `not-applicable`"
                    .into());
            }
        }
        let no_reason = |key: &str| -> Result<(), String> {
            if self.reason.is_some() {
                return Err(format!(
                    "`reason` goes with `withhold` or `neither-confirm-nor-deny`; \
                     to explain `{key}`, write `{key}: \"explanation\"`"
                ));
            }
            Ok(())
        };
        if self.value.is_some() && self.withhold.is_none() {
            return Err("`value` records withheld information; it goes with `withhold` only".into());
        }
        if let Some(exemptions) = self.withhold {
            if exemptions.is_empty() {
                return Err("`withhold` needs at least one exemption id, e.g. `[s43-2]`".into());
            }
            return Ok(RawDecision::Withhold { exemptions, reason: self.reason, value: self.value });
        }
        if let Some(exemptions) = self.neither_confirm_nor_deny {
            if exemptions.is_empty() {
                return Err("`neither-confirm-nor-deny` needs at least one exemption id".into());
            }
            return Ok(RawDecision::NeitherConfirmNorDeny { exemptions, reason: self.reason });
        }
        if let Some(flag) = self.not_held {
            no_reason("not-held")?;
            return match flag.explanation() {
                Some(explanation) => Ok(RawDecision::NotHeld { explanation }),
                None => Err("`not-held: false` says nothing: give the value instead".into()),
            };
        }
        if let Some(publication) = self.published {
            no_reason("published")?;
            return Ok(RawDecision::Published(publication));
        }
        if let Some(flag) = self.not_applicable {
            no_reason("not-applicable")?;
            return match flag.explanation() {
                Some(explanation) => Ok(RawDecision::NotApplicable { explanation }),
                None => Err("`not-applicable: false` says nothing: give the value instead".into()),
            };
        }
        Err("a decision needs one of `withhold`, `not-held`, `published` or `not-applicable`".into())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for RawAnswer<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnswerVisitor(PhantomData))
    }
}

struct AnswerVisitor<T>(PhantomData<T>);

impl<T> AnswerVisitor<T> {
    fn scalar<'de, V, E>(value: V) -> Result<RawAnswer<T>, E>
    where
        T: Deserialize<'de>,
        V: IntoDeserializer<'de, E>,
        E: de::Error,
    {
        T::deserialize(value.into_deserializer()).map(RawAnswer::Value)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for AnswerVisitor<T> {
    type Value = RawAnswer<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value, or a decision such as `withhold: [s43-2]` or `not-held: true`")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Self::scalar(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Self::scalar(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Self::scalar(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Self::scalar(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Self::scalar(v)
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Self::scalar(v)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        T::deserialize(SeqAccessDeserializer::new(seq)).map(RawAnswer::Value)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let first: Option<String> = map.next_key()?;
        let is_decision = first.as_deref().is_some_and(|key| DECISION_KEYS.contains(&key));
        let rest = MapAccessDeserializer::new(Prepended { first, map });
        if is_decision {
            let raw = WrittenDecision::<T>::deserialize(rest)?;
            raw.into_decision().map(RawAnswer::Decision).map_err(de::Error::custom)
        } else {
            T::deserialize(rest).map(RawAnswer::Value)
        }
    }
}

/// A mapping whose first key has already been read, so the rest can be handed on whole.
struct Prepended<A> {
    first: Option<String>,
    map: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Prepended<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Self::Error> {
        match self.first.take() {
            Some(key) => seed.deserialize(key.into_deserializer()).map(Some),
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Self::Error> {
        self.map.next_value_seed(seed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::values::Text;

    fn parse(yaml: &str) -> Result<RawAnswer<Text>, String> {
        #[derive(Deserialize)]
        struct Doc {
            a: RawAnswer<Text>,
        }
        serde_yaml::from_str::<Doc>(yaml).map(|d| d.a).map_err(|e| e.to_string())
    }

    #[test]
    fn plain_values_are_disclosed() {
        assert_eq!(parse("a: Acme Ltd").unwrap(), RawAnswer::Value(Text("Acme Ltd".into())));
        assert_eq!(parse("a: 12").unwrap(), RawAnswer::Value(Text("12".into())));
    }

    #[test]
    fn decisions_are_recognised_whatever_key_comes_first() {
        let withheld = RawAnswer::Decision(RawDecision::Withhold {
            exemptions: vec!["s43-2".into()],
            reason: Some("live tender".into()),
            value: Some(Text("Acme".into())),
        });
        assert_eq!(parse("a: {withhold: [s43-2], reason: live tender, value: Acme}").unwrap(), withheld);
        assert_eq!(parse("a: {reason: live tender, value: Acme, withhold: [s43-2]}").unwrap(), withheld);
        assert_eq!(
            parse("a: {not-held: We have no contact centre.}").unwrap(),
            RawAnswer::Decision(RawDecision::NotHeld {
                explanation: Some("We have no contact centre.".into())
            })
        );
        assert_eq!(
            parse("a: {not-applicable: true}").unwrap(),
            RawAnswer::Decision(RawDecision::NotApplicable { explanation: None })
        );
    }

    #[test]
    fn malformed_decisions_are_errors_at_the_answer() {
        let two = parse("a:\n  withhold: [s43-2]\n  not-held: true\n").unwrap_err();
        assert!(two.contains("only one decision"), "{two}");
        assert!(two.contains("line 2"), "{two}");
        let empty = parse("a: {withhold: []}").unwrap_err();
        assert!(empty.contains("at least one exemption"), "{empty}");
        let reason = parse("a: {not-held: true, reason: x}").unwrap_err();
        assert!(
            reason.contains("not-held: \\\"explanation\\\"") || reason.contains("not-held: \"explanation\""),
            "{reason}"
        );
        let unknown = parse("a: {withhold: [s43-2], resaon: x}").unwrap_err();
        assert!(unknown.contains("unknown field `resaon`"), "{unknown}");
    }
}
