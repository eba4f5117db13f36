//! JSON: the resolved response as data for other systems.
//!
//! The shape is documented in the README and versioned by its `format` field
//! (`foi-response/1`): add fields freely, but never rename or remove one without a new
//! version. The requester appears only when the response was resolved for the letter
//! (`--include-private`); otherwise `requester` is null.

use serde::Serialize;

use crate::exemptions::{ExemptionKind, PublicInterest, Test};
use crate::letters::LetterKind;
use crate::model::values::{Date, Value};
use crate::model::{Jurisdiction, Layout, Publication, TeamContact};
use crate::questionnaire::{PartId, QuestionId};
use crate::response::{
    Addressee, AnswerSource, ContractView, ExtensionView, Outcome, QuestionPointer, RefusalView, Response,
    Stage, Status, Withholding,
};

/// The version of the JSON shape.
pub const FORMAT: &str = "foi-response/1";

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    letter: LetterKind,
    reference: &'a str,
    title: &'a str,
    authority: Authority<'a>,
    jurisdiction: Jurisdiction,
    act: &'a str,
    received: Date,
    clarification: Option<Date>,
    due: Date,
    extension: Option<&'a ExtensionView>,
    responded: Option<Date>,
    late: bool,
    requester: Option<&'a Addressee>,
    layout: Layout,
    outcome: Outcome,
    questions: Vec<Question<'a>>,
    exemptions: Vec<Exemption<'a>>,
    refusal: Option<&'a RefusalView>,
    /// The stage's facts, for a letter other than the response.
    #[serde(skip_serializing_if = "Option::is_none")]
    stage: Option<&'a Stage>,
}

#[derive(Serialize)]
struct Authority<'a> {
    id: &'a str,
    name: &'a str,
    in_text: &'a str,
    address: &'a [String],
    foi_team: &'a TeamContact,
    shared_service: Option<&'a str>,
}

#[derive(Serialize)]
struct Question<'a> {
    part: PartId,
    part_number: usize,
    part_title: &'a str,
    contract: Option<&'a ContractView>,
    number: Option<&'a str>,
    id: Option<QuestionId>,
    label: &'a str,
    text: &'a str,
    source: AnswerSource,
    status: Status,
    value: Option<&'a Value>,
    withheld: &'a [Withholding],
    explanation: Option<&'a str>,
    publication: Option<&'a Publication>,
}

#[derive(Serialize)]
struct Exemption<'a> {
    id: &'a str,
    citation: &'a str,
    title: &'a str,
    kind: ExemptionKind,
    test: Test,
    neither_confirm_nor_deny: bool,
    ncnd: Option<&'a str>,
    applies_to: &'a [QuestionPointer],
    reasons: &'a [String],
    case_reasons: Vec<CaseReason<'a>>,
    explanation: &'a [String],
    public_interest: Option<&'a PublicInterest>,
    guidance: &'a str,
}

#[derive(Serialize)]
struct CaseReason<'a> {
    text: &'a str,
    applies_to: &'a [QuestionPointer],
}

/// The response as pretty-printed JSON, with a final newline.
pub fn render(response: &Response) -> anyhow::Result<String> {
    let questions = response
        .parts
        .iter()
        .flat_map(|part| {
            part.sections.iter().flat_map(move |section| {
                section.answers.iter().map(move |line| Question {
                    part: part.id,
                    part_number: part.number,
                    part_title: &part.title,
                    contract: section.contract.as_ref(),
                    number: line.number.as_deref(),
                    id: line.id,
                    label: &line.label,
                    text: &line.text,
                    source: line.source,
                    status: line.status,
                    value: line.disclosed.as_ref(),
                    withheld: &line.withheld,
                    explanation: line.explanation.as_deref(),
                    publication: line.publication.as_ref(),
                })
            })
        })
        .collect();
    let exemptions = response
        .notices
        .iter()
        .map(|notice| Exemption {
            id: &notice.exemption.id,
            citation: &notice.exemption.citation,
            title: &notice.exemption.title,
            kind: notice.exemption.kind,
            test: notice.exemption.test,
            neither_confirm_nor_deny: notice.neither_confirm_nor_deny,
            ncnd: notice.exemption.ncnd.as_deref().filter(|_| notice.neither_confirm_nor_deny),
            applies_to: &notice.applies_to,
            reasons: &notice.reasons,
            case_reasons: notice
                .case_reasons
                .iter()
                .map(|reason| CaseReason { text: &reason.text, applies_to: &reason.applies_to })
                .collect(),
            explanation: &notice.exemption.explanation,
            public_interest: notice.public_interest.as_ref(),
            guidance: &notice.exemption.guidance,
        })
        .collect();
    let document = Document {
        format: FORMAT,
        letter: response.letter,
        reference: &response.reference,
        title: &response.title,
        authority: Authority {
            id: &response.authority.id,
            name: &response.authority.name,
            in_text: &response.authority.in_text,
            address: &response.authority.address,
            foi_team: &response.authority.foi_team,
            shared_service: response.authority.shared_service.as_deref(),
        },
        jurisdiction: response.jurisdiction,
        act: &response.act.act,
        received: response.received,
        clarification: response.clarification,
        due: response.due,
        extension: response.extension.as_ref(),
        responded: response.responded,
        late: response.late,
        requester: response.requester.as_ref(),
        layout: response.layout,
        outcome: response.outcome,
        questions,
        exemptions,
        refusal: response.refusal.as_ref(),
        stage: response.stage.as_ref(),
    };
    let mut text = serde_json::to_string_pretty(&document)?;
    text.push('\n');
    Ok(text)
}
