//! The questionnaires foi answers: their parts, questions, labels, wording, aliases and
//! the type of each question's answer.
//!
//! Questionnaires are data, one file each in `src/data/questionnaires/`, embedded in the
//! binary, in the format a casebook's `questionnaires/ID.yaml` is checked against
//! ([`QuestionnaireFile`], its JSON Schema `questionnaire.schema.json`). A [`QuestionId`]
//! names a question of any of them and is the answer field of contracts, `facts:` and
//! `policy:`; a question declared once may be asked by several questionnaires. A
//! [`PartId`] names a part of one of them. This module only describes questions;
//! answering them is `rules`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// A question of a built-in questionnaire: an entry of a file in
/// `src/data/questionnaires/`, in their order, written in YAML by its id (`annual-spend`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuestionId(u8);

/// The kind of value a question takes (`type:` in a questionnaire file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ValueKind {
    /// Free text.
    Text,
    /// A number or a number in words.
    Count,
    /// A date, YYYY-MM-DD.
    Date,
    /// A sum of money: a yearly spend or a total value.
    Money,
    /// A contract term, with any extension options.
    Duration,
    /// A person, such as a contract owner: their details get the s.40(2) rules for junior
    /// and senior staff and the personal-data checks.
    #[serde(alias = "contact")]
    Person,
    /// One or more items.
    List,
    /// One or more months of the year (`[January, September]`).
    Months,
    /// Yes or no, with any explanation after it (`yes, through RM6116`).
    YesNo,
    /// A web address where the answer is published (`https://…`).
    Link,
}

impl ValueKind {
    /// The name written after `type:`.
    pub fn as_str(self) -> &'static str {
        match self {
            ValueKind::Text => "text",
            ValueKind::Count => "count",
            ValueKind::Date => "date",
            ValueKind::Money => "money",
            ValueKind::Duration => "duration",
            ValueKind::Person => "person",
            ValueKind::List => "list",
            ValueKind::Months => "months",
            ValueKind::YesNo => "yes-no",
            ValueKind::Link => "link",
        }
    }
}

/// What a rule needs a question for (`role:` in a questionnaire file): rules find the
/// question by its role, never by its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Role {
    /// The date a contract ends: checked against its start and review, and against an
    /// earlier request's answer (s.14(2)).
    EndDate,
    /// The date a contract is next reviewed.
    ReviewDate,
    /// The officer responsible for a contract, whose details may be personal data
    /// (s.40(2), s.38(1)(b)).
    Owner,
}

/// Where a question's answer normally lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Scope {
    /// One answer per contract.
    Contract,
    /// Per contract, or once for the whole organisation.
    Either,
    /// Once for the whole organisation.
    Authority,
}

/// A questionnaire file: a round robin foi answers, its parts and the questions it
/// declares.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuestionnaireFile {
    /// The questionnaire's id (`it-infrastructure`): the file name without `.yaml`, and
    /// what `foi intake --questionnaire` takes.
    pub id: String,
    /// Its title, e.g. `IT infrastructure contracts`.
    pub title: String,
    /// Words and phrases, lower case, that mark a pasted request as this round robin:
    /// intake picks the questionnaire whose keywords and questions fit the text best.
    #[serde(default)]
    pub(crate) keywords: Vec<String>,
    /// Its parts, in order. Each part id is unique across every questionnaire.
    pub parts: Vec<PartFile>,
    /// The questions it declares, in order: each id is an answer field of contracts,
    /// `facts:` and `policy:`. A part may also ask a question another questionnaire
    /// declares, by its id.
    #[serde(default)]
    pub questions: Vec<Question>,
}

/// A part of a questionnaire, as written.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PartFile {
    /// The part's id (`it-contracts`): what a contract's and a request's `part:` says.
    pub id: String,
    /// Title, e.g. `Contact centre contracts`.
    pub title: String,
    /// What kinds of contract the part is about.
    pub(crate) scope: String,
    /// For a part that asks its questions of each item of a list ("for each of command
    /// and control, CRM, telephony…"): the items, in order. A contract of the part then
    /// names its item with `item:`, and a request may ask some items only (`items:`).
    #[serde(default)]
    pub items: Vec<Item>,
    /// The part's questions, in order, by id.
    pub questions: Vec<String>,
}

/// An item a part asks about: a system, or a kind of contract.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Item {
    /// The item's id (`crm`), as a contract's `item:` and a request's `items:` write it.
    pub id: String,
    /// Its name as printed, e.g. `Contact management (CRM)`.
    pub label: String,
    /// Other names requesters use for it, lower case: intake reads a list of items
    /// through them.
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
}

/// A question: one answer field of contracts, `facts:` and `policy:`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Question {
    /// The question's id (`total-value`): the key its answer is written under.
    pub id: String,
    /// What the question asks about, for editors: the JSON Schema's description of its id.
    pub(crate) summary: String,
    /// The type of value its answer takes.
    #[serde(rename = "type")]
    pub kind: ValueKind,
    /// What to write as its answer, for editors: the JSON Schema's description of its
    /// answer field.
    pub(crate) field: String,
    /// What a rule needs it for, if anything (`end-date`, `review-date`, `owner`).
    #[serde(default)]
    pub(crate) role: Option<Role>,
    /// Where the answer normally lives: `contract`, `either` or `authority`.
    pub(crate) scope: Scope,
    /// For a `money` question: whether the sum is a yearly one, printed "a year" (the
    /// default), or a total (`yearly: false`).
    #[serde(default = "yearly")]
    pub(crate) yearly: bool,
    /// Short label, as printed before an answer: `Incumbent supplier`.
    pub label: String,
    /// The question in full, in our words.
    pub(crate) wording: String,
    /// Other labels and phrases requesters use for it, lower case.
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
    /// The same in Welsh, lower case, the Welsh label first: intake reads Welsh and
    /// bilingual requests through them.
    #[serde(default, rename = "aliases-cy")]
    pub(crate) aliases_cy: Vec<String>,
}

/// A sum of money is yearly unless its question says otherwise.
fn yearly() -> bool {
    true
}

/// A part of a built-in questionnaire.
#[derive(Debug, Clone)]
pub struct Part {
    /// Its id, as written.
    pub id: String,
    /// Title, e.g. `Contact centre contracts`.
    pub title: String,
    /// What kinds of contract the part is about.
    pub scope: String,
    /// The items it asks each question of, if it asks per item.
    pub items: Vec<Item>,
    /// The part's questions, in order.
    pub questions: Vec<QuestionId>,
    /// The questionnaire it belongs to (an index of [`Definition::all`]).
    questionnaire: usize,
}

impl Part {
    /// The item whose id is `id`.
    pub(crate) fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.id == id)
    }
}

/// A built-in questionnaire: its id, title, intake keywords and parts.
#[derive(Debug, Clone)]
pub struct Definition {
    /// Its id: `contact-centre`.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What marks a request as this round robin, lower case.
    pub(crate) keywords: Vec<String>,
    /// Its parts, in order.
    pub parts: Vec<PartId>,
}

impl Definition {
    /// Every built-in questionnaire, the contact-centre one first.
    pub fn all() -> &'static [Definition] {
        &tables().definitions
    }

    /// The questionnaire whose id is `id`.
    pub fn named(id: &str) -> Option<&'static Definition> {
        Self::all().iter().find(|d| d.id == id)
    }

    /// The questionnaire a request's `parts: standard` means: the contact-centre one.
    pub(crate) fn standard() -> &'static Definition {
        &tables().definitions[0]
    }

    /// Every question any of its parts asks, each once, in order of first asking.
    pub fn questions(&self) -> Vec<QuestionId> {
        let mut out = Vec::new();
        for part in &self.parts {
            for q in &part.entry().questions {
                if !out.contains(q) {
                    out.push(*q);
                }
            }
        }
        out
    }
}

/// The built-in questionnaires, in order: the contact-centre one first, so that its
/// question and part ids keep their places.
const BUILTIN: &[(&str, &str)] = &[
    ("contact-centre", include_str!("data/questionnaires/contact-centre.yaml")),
    ("it-infrastructure", include_str!("data/questionnaires/it-infrastructure.yaml")),
    ("systems", include_str!("data/questionnaires/systems.yaml")),
];

/// The built-in questionnaires as tables that ids index.
struct Tables {
    questions: Vec<Question>,
    parts: Vec<Part>,
    definitions: Vec<Definition>,
}

/// The built-in files, read once.
///
/// The data is part of the binary and covered by tests (`builtin_files_pass_their_checks`),
/// so a parse failure here is a build defect, not bad input.
fn tables() -> &'static Tables {
    TABLES.get_or_init(|| {
        let mut files: Vec<QuestionnaireFile> = builtin().to_vec();
        // A casebook's own, checked by `questionnaires::read`; whatever repeats an id
        // already known (from another casebook opened in the same run) is left out.
        for extra in INSTALLED.get().into_iter().flatten() {
            let mut extra = extra.clone();
            let known = |id: &str, files: &[QuestionnaireFile]| {
                files.iter().flat_map(|f| &f.questions).any(|q| q.id == id)
            };
            extra.questions.retain(|q| !known(&q.id, &files));
            extra.parts.retain(|p| !files.iter().flat_map(|f| &f.parts).any(|other| other.id == p.id));
            let declared = |id: &String, files: &[QuestionnaireFile]| {
                known(id, files) || extra.questions.iter().any(|q| &q.id == id)
            };
            let asks_known = extra.parts.iter().all(|p| p.questions.iter().all(|q| declared(q, &files)));
            // Ids are bytes: a casebook never takes them past their bound.
            let questions = files.iter().map(|f| f.questions.len()).sum::<usize>() + extra.questions.len();
            let parts = files.iter().map(|f| f.parts.len()).sum::<usize>() + extra.parts.len();
            let fits = questions <= MAX_QUESTIONS && parts <= MAX_PARTS;
            if !files.iter().any(|f| f.id == extra.id) && asks_known && !extra.parts.is_empty() && fits {
                files.push(extra);
            }
        }
        let questions: Vec<Question> = files.iter().flat_map(|f| f.questions.iter().cloned()).collect();
        assert!(questions.len() <= usize::from(u8::MAX), "too many questions for a QuestionId");
        let index = |id: &str| -> QuestionId {
            match questions.iter().position(|q| q.id == id).and_then(|i| u8::try_from(i).ok()) {
                Some(i) => QuestionId(i),
                None => panic!("built-in questionnaire: a part asks `{id}`, which no file declares"),
            }
        };
        let mut parts = Vec::new();
        let mut definitions = Vec::new();
        for (n, file) in files.iter().enumerate() {
            let mut ids = Vec::new();
            for part in &file.parts {
                let id = u8::try_from(parts.len()).map(PartId).unwrap_or_else(|_| panic!("too many parts"));
                ids.push(id);
                parts.push(Part {
                    id: part.id.clone(),
                    title: part.title.clone(),
                    scope: part.scope.clone(),
                    items: part.items.clone(),
                    questions: part.questions.iter().map(|q| index(q)).collect(),
                    questionnaire: n,
                });
            }
            definitions.push(Definition {
                id: file.id.clone(),
                title: file.title.clone(),
                keywords: file.keywords.clone(),
                parts: ids,
            });
        }
        Tables { questions, parts, definitions }
    })
}

static TABLES: OnceLock<Tables> = OnceLock::new();

/// Most questions and parts all questionnaires together may have: their ids are bytes.
pub(crate) const MAX_QUESTIONS: usize = 250;
/// See [`MAX_QUESTIONS`].
pub(crate) const MAX_PARTS: usize = 250;

/// Casebooks' own questionnaires, installed before the tables are built.
static INSTALLED: OnceLock<Vec<QuestionnaireFile>> = OnceLock::new();

/// Adds casebooks' own questionnaires (checked by `questionnaires::read`) to the built-in
/// ones, after them, so that the built-in ids keep their places. Only before anything has
/// read the questionnaires: returns whether they were installed.
pub(crate) fn install(files: Vec<QuestionnaireFile>) -> bool {
    TABLES.get().is_none() && INSTALLED.set(files).is_ok()
}

/// The built-in files, parsed once, without what casebooks install: what a casebook's
/// questionnaire is checked against, without building the tables it may yet join.
///
/// The data is part of the binary and covered by tests, so a parse failure here is a
/// build defect, not bad input.
pub(crate) fn builtin() -> &'static [QuestionnaireFile] {
    static CELL: OnceLock<Vec<QuestionnaireFile>> = OnceLock::new();
    CELL.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|(name, text)| match serde_yaml::from_str(text) {
                Ok(file) => file,
                Err(err) => panic!("built-in questionnaire {name} is invalid: {err}"),
            })
            .collect()
    })
}

/// The built-in files as written, for the tests and the schema's examples.
pub fn builtin_files() -> Vec<(&'static str, &'static str)> {
    BUILTIN.to_vec()
}

impl QuestionId {
    /// Every question, in the questionnaires' order.
    pub fn all() -> &'static [QuestionId] {
        static ALL: OnceLock<Vec<QuestionId>> = OnceLock::new();
        ALL.get_or_init(|| {
            (0..tables().questions.len()).filter_map(|i| u8::try_from(i).ok()).map(QuestionId).collect()
        })
    }

    /// The question whose id is `id`.
    pub fn named(id: &str) -> Option<QuestionId> {
        Self::all().iter().copied().find(|q| q.as_str() == id)
    }

    /// The question a rule knows by `role`, if a questionnaire has one.
    pub(crate) fn with_role(role: Role) -> Option<QuestionId> {
        Self::all().iter().copied().find(|q| q.entry().role == Some(role))
    }

    /// The id as written in YAML: `annual-spend`.
    pub fn as_str(self) -> &'static str {
        &self.entry().id
    }

    /// The kind of value the question takes.
    pub fn kind(self) -> ValueKind {
        self.entry().kind
    }

    /// The question's entry in its questionnaire.
    pub(crate) fn entry(self) -> &'static Question {
        &tables().questions[usize::from(self.0)]
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
            "description": "A question of a questionnaire.",
            "oneOf": questions,
        })
    }
}

/// A part of a built-in questionnaire, written in YAML by its id (`contact-centre`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartId(u8);

impl PartId {
    /// The contact-centre part of the contact-centre questionnaire: its first part.
    pub const CONTACT_CENTRE: PartId = PartId(0);
    /// The inbound network services part of the contact-centre questionnaire.
    pub const INBOUND_NETWORK: PartId = PartId(1);

    /// Every part of every built-in questionnaire, in order.
    pub fn all() -> &'static [PartId] {
        static ALL: OnceLock<Vec<PartId>> = OnceLock::new();
        ALL.get_or_init(|| {
            (0..tables().parts.len()).filter_map(|i| u8::try_from(i).ok()).map(PartId).collect()
        })
    }

    /// The part whose id is `id`.
    pub fn named(id: &str) -> Option<PartId> {
        Self::all().iter().copied().find(|p| p.as_str() == id)
    }

    /// The id as written in YAML.
    pub fn as_str(self) -> &'static str {
        &self.entry().id
    }

    /// The part's entry.
    pub(crate) fn entry(self) -> &'static Part {
        &tables().parts[usize::from(self.0)]
    }

    /// The questionnaire the part belongs to.
    pub fn questionnaire(self) -> &'static Definition {
        &tables().definitions[self.entry().questionnaire]
    }
}

impl fmt::Debug for PartId {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "PartId({})", self.as_str())
    }
}

impl fmt::Display for PartId {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for PartId {
    type Err = String;

    /// A part by its id; an unknown id is refused with the nearest ids.
    fn from_str(id: &str) -> Result<Self, String> {
        PartId::named(id).ok_or_else(|| {
            let ids: Vec<&str> = PartId::all().iter().map(|p| p.as_str()).collect();
            let hint = crate::nearest::suggestion(id, &ids).unwrap_or_default();
            format!("unknown variant `{id}`, {hint}")
        })
    }
}

impl Serialize for PartId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for PartId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = Cow::<str>::deserialize(deserializer)?;
        id.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for PartId {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("PartId")
    }

    /// One constant per part, with its title.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let parts: Vec<serde_json::Value> = PartId::all()
            .iter()
            .map(|p| serde_json::json!({"const": p.as_str(), "description": p.entry().title, "type": "string"}))
            .collect();
        schemars::json_schema!({
            "description": "A part of a questionnaire.",
            "oneOf": parts,
        })
    }
}

/// Every built-in questionnaire's parts and questions, by id.
#[derive(Debug, Clone)]
pub struct Questionnaire {
    /// The parts, by id.
    pub parts: BTreeMap<PartId, Part>,
    /// The questions, by id.
    pub questions: BTreeMap<QuestionId, Question>,
}

impl Questionnaire {
    /// The built-in questionnaires' parts and questions.
    pub(crate) fn builtin() -> &'static Questionnaire {
        static CELL: OnceLock<Questionnaire> = OnceLock::new();
        CELL.get_or_init(|| Questionnaire {
            parts: PartId::all().iter().map(|p| (*p, p.entry().clone())).collect(),
            questions: QuestionId::all().iter().map(|q| (*q, q.entry().clone())).collect(),
        })
    }

    /// A question by id.
    pub(crate) fn question(&self, id: QuestionId) -> &Question {
        id.entry()
    }

    /// A part by id.
    pub(crate) fn part(&self, id: PartId) -> &Part {
        id.entry()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The question `id`, for tests of rules about it.
    pub(crate) fn q(id: &str) -> QuestionId {
        QuestionId::named(id).unwrap_or_else(|| panic!("no question `{id}` in the questionnaires"))
    }

    #[test]
    fn every_question_and_part_is_described() {
        let q = Questionnaire::builtin();
        for &id in QuestionId::all() {
            let question = q.question(id);
            assert!(!question.label.is_empty() && !question.wording.is_empty(), "{id}");
            assert!(question.aliases.iter().all(|a| a == &a.to_lowercase()), "{id} aliases lower case");
        }
        for &id in PartId::all() {
            assert!(!q.part(id).questions.is_empty());
            let items = &q.part(id).items;
            assert!(items.iter().all(|i| i.aliases.iter().all(|a| a == &a.to_lowercase())), "{id} items");
        }
    }

    #[test]
    fn parts_hold_the_questions_of_the_spec() {
        let q = Questionnaire::builtin();
        assert_eq!(q.part(PartId::CONTACT_CENTRE).questions, QuestionId::all()[..14].to_vec());
        assert_eq!(PartId::CONTACT_CENTRE.as_str(), "contact-centre");
        assert_eq!(PartId::INBOUND_NETWORK.as_str(), "inbound-network");
        assert_eq!(
            q.part(PartId::INBOUND_NETWORK).questions,
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
        assert_eq!(q("contact").kind(), ValueKind::Person, "the owner is a person");
        assert!(
            matches!(q("expiry").kind(), ValueKind::Date) && matches!(q("review").kind(), ValueKind::Date)
        );
    }

    #[test]
    fn the_builtin_questionnaires_are_the_three_round_robins() {
        let ids: Vec<&str> = Definition::all().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["contact-centre", "it-infrastructure", "systems"]);
        for (name, _) in builtin_files() {
            assert!(Definition::named(name).is_some(), "{name}: the file name is its id");
        }
        let systems = Definition::named("systems").expect("systems");
        let part = systems.parts[0].entry();
        assert_eq!(part.id, "operational-systems");
        assert!(part.item("crm").is_some() && part.item("command-and-control").is_some());
        assert_eq!(systems.parts[0].questionnaire().id, "systems");
        assert!(systems.questions().contains(&q("supplier")), "a question is shared by id");
    }

    #[test]
    fn part_ids_are_unique_and_round_trip() {
        let mut ids: Vec<&str> = PartId::all().iter().map(|p| p.as_str()).collect();
        let all = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all);
        for &id in PartId::all() {
            let parsed: PartId = serde_yaml::from_str(id.as_str()).expect("id parses");
            assert_eq!(parsed, id);
        }
    }

    #[test]
    fn builtin_files_pass_their_checks() {
        for (name, text) in builtin_files() {
            let doc: serde_yaml::Value = serde_yaml::from_str(text).expect("yaml");
            let schema = crate::schema::FileKind::Questionnaire.schema();
            assert!(crate::shape::check(&doc, schema).is_empty(), "{name} fits questionnaire.schema.json");
        }
        let mut ids: Vec<&str> = QuestionId::all().iter().map(|q| q.as_str()).collect();
        let all = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all, "each field is declared once, by one questionnaire");
        for definition in Definition::all() {
            for part in &definition.parts {
                let items = &part.entry().items;
                let mut item_ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
                item_ids.dedup();
                assert_eq!(item_ids.len(), items.len(), "{part}");
            }
        }
    }

    #[test]
    fn ids_round_trip_through_yaml() {
        for &id in QuestionId::all() {
            let parsed: QuestionId = serde_yaml::from_str(id.as_str()).expect("id parses");
            assert_eq!(parsed, id);
        }
    }
}
