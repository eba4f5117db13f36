//! The canonical round-robin questionnaire: parts, questions, labels, wording and aliases.
//!
//! The ids are code (`QuestionId`, `PartId`): casebook keys and tests rely on them. Labels,
//! wording, scope and aliases are data, in `src/data/questionnaire.yaml`, embedded in the
//! binary. This module only describes questions; answering them is `rules`.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// A question of the canonical questionnaire.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionId {
    /// Who supplies the contract.
    Supplier,
    /// Average yearly spend.
    AnnualSpend,
    /// Term of the contract and extension options.
    Duration,
    /// End date.
    Expiry,
    /// Next review date.
    Review,
    /// What the contract covers.
    Description,
    /// Who is responsible for the contract.
    Contact,
    /// Number of contact centre agents.
    Agents,
    /// Number of contact centre sites.
    Sites,
    /// Maker of the contact centre system.
    Manufacturer,
    /// Busiest months.
    BusyPeriods,
    /// Email server product.
    EmailServer,
    /// Number of email users.
    EmailUsers,
    /// Planned changes.
    FurtherComments,
}

/// The kind of value a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

impl QuestionId {
    /// Every question, in the questionnaire's order.
    pub const ALL: [QuestionId; 14] = [
        QuestionId::Supplier,
        QuestionId::AnnualSpend,
        QuestionId::Duration,
        QuestionId::Expiry,
        QuestionId::Review,
        QuestionId::Description,
        QuestionId::Contact,
        QuestionId::Agents,
        QuestionId::Sites,
        QuestionId::Manufacturer,
        QuestionId::BusyPeriods,
        QuestionId::EmailServer,
        QuestionId::EmailUsers,
        QuestionId::FurtherComments,
    ];

    /// The id as written in YAML: `annual-spend`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionId::Supplier => "supplier",
            QuestionId::AnnualSpend => "annual-spend",
            QuestionId::Duration => "duration",
            QuestionId::Expiry => "expiry",
            QuestionId::Review => "review",
            QuestionId::Description => "description",
            QuestionId::Contact => "contact",
            QuestionId::Agents => "agents",
            QuestionId::Sites => "sites",
            QuestionId::Manufacturer => "manufacturer",
            QuestionId::BusyPeriods => "busy-periods",
            QuestionId::EmailServer => "email-server",
            QuestionId::EmailUsers => "email-users",
            QuestionId::FurtherComments => "further-comments",
        }
    }

    /// The kind of value the question takes.
    pub fn kind(self) -> ValueKind {
        match self {
            QuestionId::Supplier
            | QuestionId::Description
            | QuestionId::Manufacturer
            | QuestionId::EmailServer
            | QuestionId::FurtherComments => ValueKind::Text,
            QuestionId::AnnualSpend => ValueKind::Money,
            QuestionId::Duration => ValueKind::Duration,
            QuestionId::Expiry | QuestionId::Review => ValueKind::Date,
            QuestionId::Contact => ValueKind::Contact,
            QuestionId::Agents | QuestionId::Sites | QuestionId::EmailUsers => ValueKind::Count,
            QuestionId::BusyPeriods => ValueKind::List,
        }
    }
}

impl fmt::Display for QuestionId {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
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
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// The parts, by id.
    pub parts: BTreeMap<PartId, Part>,
    /// The questions, by id.
    pub questions: BTreeMap<QuestionId, Question>,
}

const DATA: &str = include_str!("data/questionnaire.yaml");

impl Questionnaire {
    /// The built-in questionnaire.
    ///
    /// The data is part of the binary and covered by tests, so a parse failure here is a
    /// build defect, not bad input.
    pub fn builtin() -> &'static Questionnaire {
        static CELL: OnceLock<Questionnaire> = OnceLock::new();
        CELL.get_or_init(|| match serde_yaml::from_str(DATA) {
            Ok(q) => q,
            Err(err) => panic!("built-in questionnaire is invalid: {err}"),
        })
    }

    /// A question by id. Every id has an entry (checked by the tests).
    pub fn question(&self, id: QuestionId) -> &Question {
        &self.questions[&id]
    }

    /// A part by id. Every part has an entry (checked by the tests).
    pub fn part(&self, id: PartId) -> &Part {
        &self.parts[&id]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_and_part_is_described() {
        let q = Questionnaire::builtin();
        for id in QuestionId::ALL {
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
        assert_eq!(q.part(PartId::ContactCentre).questions, QuestionId::ALL.to_vec());
        assert_eq!(
            q.part(PartId::InboundNetwork).questions,
            QuestionId::ALL[..7].to_vec(),
            "inbound network asks supplier to contact"
        );
    }

    #[test]
    fn ids_round_trip_through_yaml() {
        for id in QuestionId::ALL {
            let parsed: QuestionId = serde_yaml::from_str(id.as_str()).expect("id parses");
            assert_eq!(parsed, id);
        }
    }
}
