//! The canonical round-robin questionnaire: parts, questions, labels, wording, aliases and
//! the type of each question's answer.
//!
//! Questions are data, in `src/data/questionnaire.yaml`, embedded in the binary: a
//! [`QuestionId`] names an entry of it, and each entry declares its id (casebook keys and
//! tests rely on them), the type of value its answer takes, its descriptions for editors'
//! JSON Schema and, where a rule needs it, its role. A new question is a new entry there.
//! This module only describes questions; answering them is `rules`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// A question of the canonical questionnaire: an entry of `questionnaire.yaml`, in its
/// order, written in YAML by its id (`annual-spend`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuestionId(u8);

/// The kind of value a question takes (`type:` in `questionnaire.yaml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValueKind {
    /// Free text.
    Text,
    /// A number or a number in words.
    Count,
    /// A date.
    Date,
    /// An average yearly spend.
    Money,
    /// A contract term.
    Duration,
    /// A contract owner.
    Contact,
    /// One or more items.
    List,
}

/// What a rule needs a question for (`role:` in `questionnaire.yaml`): rules find the
/// question by its role, never by its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// The date a contract ends: checked against its start and review, and against an
    /// earlier request's answer (s.14(2)).
    EndDate,
    /// The date a contract is next reviewed.
    ReviewDate,
    /// The officer responsible for a contract, whose details may be personal data
    /// (s.40(2), s.38(1)(b)).
    Owner,
}

impl QuestionId {
    /// Every question, in the questionnaire's order.
    pub fn all() -> &'static [QuestionId] {
        static ALL: OnceLock<Vec<QuestionId>> = OnceLock::new();
        ALL.get_or_init(|| {
            (0..questions().len()).filter_map(|i| u8::try_from(i).ok()).map(QuestionId).collect()
        })
    }

    /// The question whose id is `id`.
    pub fn named(id: &str) -> Option<QuestionId> {
        Self::all().iter().copied().find(|q| q.as_str() == id)
    }

    /// The question a rule knows by `role`, if the questionnaire has one.
    pub fn with_role(role: Role) -> Option<QuestionId> {
        Self::all().iter().copied().find(|q| q.entry().role == Some(role))
    }

    /// The id as written in YAML: `annual-spend`.
    pub fn as_str(self) -> &'static str {
        &questions()[usize::from(self.0)].0
    }

    /// The kind of value the question takes.
    pub fn kind(self) -> ValueKind {
        self.entry().kind
    }

    /// The question's entry in the questionnaire.
    pub fn entry(self) -> &'static Question {
        &questions()[usize::from(self.0)].1
    }
}

impl fmt::Debug for QuestionId {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "QuestionId({})", self.as_str())
    }
}

impl fmt::Display for QuestionId {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for QuestionId {
    type Err = String;

    /// A question by its id; an unknown id is refused with the nearest ids.
    fn from_str(id: &str) -> Result<Self, String> {
        QuestionId::named(id).ok_or_else(|| {
            let ids: Vec<&str> = QuestionId::all().iter().map(|q| q.as_str()).collect();
            let hint = crate::nearest::suggestion(id, &ids).unwrap_or_default();
            format!("unknown question `{id}`: {hint}")
        })
    }
}

impl Serialize for QuestionId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for QuestionId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = Cow::<str>::deserialize(deserializer)?;
        id.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for QuestionId {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("QuestionId")
    }

    /// One constant per question of the questionnaire, with its `summary`.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let questions: Vec<serde_json::Value> = QuestionId::all()
            .iter()
            .map(|q| serde_json::json!({"const": q.as_str(), "description": q.entry().summary, "type": "string"}))
            .collect();
        schemars::json_schema!({
            "description": "A question of the canonical questionnaire.",
            "oneOf": questions,
        })
    }
}

/// A part of the questionnaire.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum PartId {
    /// Contact centre (call centre) contracts.
    ContactCentre,
    /// Inbound network services contracts (0800/0300 numbers, routing, IVR).
    InboundNetwork,
}

impl PartId {
    /// Both parts, in the questionnaire's order.
    pub const ALL: [PartId; 2] = [PartId::ContactCentre, PartId::InboundNetwork];

    /// The id as written in YAML.
    pub fn as_str(self) -> &'static str {
        match self {
            PartId::ContactCentre => "contact-centre",
            PartId::InboundNetwork => "inbound-network",
        }
    }
}

impl fmt::Display for PartId {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a question's answer normally lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// One answer per contract.
    Contract,
    /// Per contract, or once for the whole organisation.
    Either,
    /// Once for the whole organisation.
    Authority,
}

/// A canonical question.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// What the question asks about, for editors: the JSON Schema's description of its id.
    pub summary: String,
    /// The type of value its answer takes.
    #[serde(rename = "type")]
    pub kind: ValueKind,
    /// What to write as its answer, for editors: the JSON Schema's description of its
    /// answer field.
    pub field: String,
    /// What a rule needs it for, if anything.
    #[serde(default)]
    pub role: Option<Role>,
    /// Where the answer normally lives.
    pub scope: Scope,
    /// Short label, as printed before an answer: `Incumbent supplier`.
    pub label: String,
    /// The question in full, in our words.
    pub wording: String,
    /// Other labels and phrases requesters use for it, lower case.
    pub aliases: Vec<String>,
    /// The same in Welsh, lower case, the Welsh label first: intake reads Welsh and
    /// bilingual requests through them (optional, so older data still loads).
    #[serde(default, rename = "aliases-cy")]
    pub aliases_cy: Vec<String>,
}

/// A part of the canonical questionnaire.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// Title, e.g. `Contact centre contracts`.
    pub title: String,
    /// What kinds of contract the part is about.
    pub scope: String,
    /// The part's questions, in canonical order.
    pub questions: Vec<QuestionId>,
}

/// The whole questionnaire.
#[derive(Debug, Clone)]
pub struct Questionnaire {
    /// The parts, by id.
    pub parts: BTreeMap<PartId, Part>,
    /// The questions, by id.
    pub questions: BTreeMap<QuestionId, Question>,
}

/// The questionnaire as written: its questions come first, so that the parts can name
/// them by id.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionnaireFile {
    parts: serde_yaml::Value,
    questions: serde_yaml::Mapping,
}

const DATA: &str = include_str!("data/questionnaire.yaml");

/// The questionnaire file, read once.
fn file() -> &'static QuestionnaireFile {
    static CELL: OnceLock<QuestionnaireFile> = OnceLock::new();
    CELL.get_or_init(|| match serde_yaml::from_str(DATA) {
        Ok(file) => file,
        Err(err) => panic!("built-in questionnaire is invalid: {err}"),
    })
}

/// Every question's id and entry, in the file's order: what a [`QuestionId`] indexes.
///
/// The data is part of the binary and covered by tests, so a parse failure here is a
/// build defect, not bad input.
fn questions() -> &'static [(String, Question)] {
    static CELL: OnceLock<Vec<(String, Question)>> = OnceLock::new();
    CELL.get_or_init(|| {
        let table: Vec<(String, Question)> = file()
            .questions
            .iter()
            .map(|(id, entry)| match (id, serde_yaml::from_value::<Question>(entry.clone())) {
                (serde_yaml::Value::String(id), Ok(question)) => (id.clone(), question),
                (id, Err(err)) => panic!("built-in questionnaire is invalid at {id:?}: {err}"),
                (id, Ok(_)) => panic!("built-in questionnaire: {id:?} is not an id"),
            })
            .collect();
        assert!(table.len() <= usize::from(u8::MAX), "too many questions for a QuestionId");
        table
    })
}

impl Questionnaire {
    /// The built-in questionnaire.
    ///
    /// The data is part of the binary and covered by tests, so a parse failure here is a
    /// build defect, not bad input.
    pub fn builtin() -> &'static Questionnaire {
        static CELL: OnceLock<Questionnaire> = OnceLock::new();
        CELL.get_or_init(|| {
            let parts = match serde_yaml::from_value(file().parts.clone()) {
                Ok(parts) => parts,
                Err(err) => panic!("built-in questionnaire is invalid: {err}"),
            };
            let questions = QuestionId::all().iter().map(|q| (*q, q.entry().clone())).collect();
            Questionnaire { parts, questions }
        })
    }

    /// A question by id. Every id has an entry (checked by the tests).
    pub fn question(&self, id: QuestionId) -> &Question {
        id.entry()
    }

    /// A part by id. Every part has an entry (checked by the tests).
    pub fn part(&self, id: PartId) -> &Part {
        &self.parts[&id]
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The question `id`, for tests of rules about it.
    pub(crate) fn q(id: &str) -> QuestionId {
        QuestionId::named(id).unwrap_or_else(|| panic!("no question `{id}` in questionnaire.yaml"))
    }

    #[test]
    fn every_question_and_part_is_described() {
        let q = Questionnaire::builtin();
        for &id in QuestionId::all() {
            let question = q.question(id);
            assert!(!question.label.is_empty() && !question.wording.is_empty(), "{id}");
            assert!(question.aliases.iter().all(|a| a == &a.to_lowercase()), "{id} aliases lower case");
        }
        for id in PartId::ALL {
            assert!(!q.part(id).questions.is_empty());
        }
    }

    #[test]
    fn parts_hold_the_questions_of_the_spec() {
        let q = Questionnaire::builtin();
        assert_eq!(q.part(PartId::ContactCentre).questions, QuestionId::all().to_vec());
        assert_eq!(
            q.part(PartId::InboundNetwork).questions,
            QuestionId::all()[..7].to_vec(),
            "inbound network asks supplier to contact"
        );
    }

    #[test]
    fn an_unknown_question_id_is_refused_with_the_nearest() {
        let err = "anual-spend".parse::<QuestionId>().expect_err("no such question");
        assert_eq!(err, "unknown question `anual-spend`: did you mean `annual-spend`?");
    }

    #[test]
    fn the_rules_find_their_questions_by_role() {
        assert_eq!(QuestionId::with_role(Role::EndDate), Some(q("expiry")));
        assert_eq!(QuestionId::with_role(Role::ReviewDate), Some(q("review")));
        assert_eq!(QuestionId::with_role(Role::Owner), Some(q("contact")));
        for role in [Role::EndDate, Role::ReviewDate, Role::Owner] {
            let with: Vec<_> = QuestionId::all().iter().filter(|id| id.entry().role == Some(role)).collect();
            assert_eq!(with.len(), 1, "one question has the role {role:?}");
        }
        assert_eq!(q("contact").kind(), ValueKind::Contact, "the owner is a contact");
        assert!(
            matches!(q("expiry").kind(), ValueKind::Date) && matches!(q("review").kind(), ValueKind::Date)
        );
    }

    #[test]
    fn ids_round_trip_through_yaml() {
        for &id in QuestionId::all() {
            let parsed: QuestionId = serde_yaml::from_str(id.as_str()).expect("id parses");
            assert_eq!(parsed, id);
        }
    }
}
