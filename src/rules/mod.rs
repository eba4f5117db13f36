//! Checked casebook + request → resolved response.
//!
//! Owns the legal decisions of a response (SPEC §5): which answer each question gets
//! (the request's own, then the contract's, then the authority's), house policy, s.40(2)
//! for junior staff, the refusal notice grouped by exemption in the requester's numbering,
//! the public interest test for qualified exemptions only, and the outcome. It reads no
//! files and phrases nothing: that is `render`.

pub(crate) mod answer_lines;
mod answers;
mod notices;
mod outcome;
mod stages;

use std::sync::Arc;

use anyhow::{Context, anyhow};

use crate::casebook::{AskedPart, Authority, Casebook, Request, Source};
use crate::letters::LetterKind;
use crate::model::RefusalGround;
use crate::questionnaire::Scope;
use crate::response::{
    Addressee, AnswerLine, AnswerSource, AskedPartView, AskedQuestionView, AuthorityView, ContractView,
    EarlierView, ExtensionView, PartView, RefusalView, Response, Section, SectionKind,
};
use notices::{NoticeBook, Numbering, Setting};

pub(crate) use outcome::classify;
pub use stages::letter;
pub(crate) use stages::reviewed_questions;
pub(crate) use stages::{closes, recorded};

/// Who a response is rendered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The letter to the requester: addressed to them.
    Requester,
    /// Publication (disclosure log): no trace of who asked.
    Public,
}

/// Resolves every question of `request` and builds the response.
///
/// The request has been validated against the casebook, so every reference resolves; a
/// failure here is a defect, reported as an error rather than a panic.
pub fn respond(casebook: &Casebook, request: &Request, audience: Audience) -> anyhow::Result<Response> {
    let authority = casebook.authority(request.authority);
    let personal_data = casebook
        .library
        .get(authority.jurisdiction, &authority.act.exemptions.personal_data)
        .context("the exemption library has no personal-data exemption for this Act")?;
    let numbering: Numbering = request
        .parts
        .iter()
        .map(|part| part.questions.iter().map(|q| (q.number.clone(), q.label.clone())).collect())
        .collect();
    let mut book = NoticeBook::default();
    let mut parts = Vec::new();
    let mut statuses = Vec::new();
    if request.refusal.is_none() {
        for (index, asked) in request.parts.iter().enumerate() {
            let part = answer_part(casebook, authority, asked, index + 1, personal_data, &mut book)?;
            statuses.extend(part.sections.iter().flat_map(|s| s.answers.iter().map(|a| a.status)));
            parts.push(part);
        }
    }
    let setting = Setting {
        library: &casebook.library,
        authority,
        received: request.received,
        round_robin: request.round_robin,
    };
    let notices = book.finish(&setting, &numbering)?;
    let (outcome, refusal) = match &request.refusal {
        Some(refusal) => {
            let cost = &authority.act.cost;
            let notice = match refusal.ground {
                RefusalGround::Cost => &authority.act.refusal_notices.cost,
                RefusalGround::Vexatious => &authority.act.refusal_notices.vexatious,
                RefusalGround::Repeated => &authority.act.refusal_notices.repeated,
            };
            let view = RefusalView {
                exemption: notices::refusal_view(&refusal.exemption, &setting)?,
                ground: refusal.ground.id().to_owned(),
                notice: notice.clone(),
                asked: asked(request),
                hours: refusal.hours,
                cost: refusal.cost,
                limit_hours: refusal.limit_hours,
                limit_pounds: refusal.limit_pounds,
                limit_name: cost.limit_name.clone(),
                hourly_rate: cost.hourly_rate,
                rate_is_maximum: cost.rate_is_maximum,
                basis: refusal.basis.clone(),
                advice: refusal.advice.clone(),
                reason: refusal.reason.clone(),
                previous: refusal.previous.clone(),
                earlier: refusal.earlier.as_ref().map(|e| EarlierView {
                    reference: e.reference.clone(),
                    received: e.received,
                    responded: e.responded,
                }),
            };
            (outcome::refused(refusal.ground), Some(view))
        }
        None => (classify(statuses.iter().copied()), None),
    };
    let not_held_notice = authority
        .act
        .not_held_notice
        .clone()
        .filter(|_| statuses.contains(&crate::response::Status::NotHeld));
    let final_due = request.extension.as_ref().map_or(request.due, |e| e.due);
    let requester = match audience {
        Audience::Requester => request.requester.as_ref().map(|r| Addressee {
            name: r.name.clone(),
            email: r.email.clone(),
            address: r.address.clone(),
        }),
        Audience::Public => None,
    };
    Ok(Response {
        letter: LetterKind::RESPONSE,
        reference: request.reference.clone(),
        title: request.title.clone(),
        document_title: format!("{}: {} – {}", request.reference, request.title, authority.name),
        authority: AuthorityView {
            id: authority.id.clone(),
            name: authority.name.clone(),
            in_text: authority.in_text.clone(),
            address: authority.address.clone(),
            website: authority.website.clone(),
            foi_team: authority.foi_team.clone(),
            internal_review: authority.internal_review.clone(),
            signature: authority.signature.clone(),
            shared_service: casebook.shared_service.as_ref().map(|s| s.name.clone()),
            logo: authority.logo.clone(),
            word_template: authority.word_template.clone(),
        },
        jurisdiction: authority.jurisdiction,
        act: authority.act,
        received: request.received,
        clarification: request.clarification,
        due: request.due,
        extension: request.extension.as_ref().map(|e| ExtensionView {
            days: e.days,
            reason: e.reason.clone(),
            notice_sent: e.notice_sent,
            due: e.due,
        }),
        responded: request.responded,
        late: request.responded.is_some_and(|r| r > final_due),
        requester,
        layout: request.layout,
        outcome,
        parts,
        refusal,
        notices,
        not_held_notice,
        stage: None,
    })
}

/// What a refused request asked, part by part, for the refusal to show.
fn asked(request: &Request) -> Vec<AskedPartView> {
    request
        .parts
        .iter()
        .enumerate()
        .map(|(i, part)| AskedPartView {
            number: i + 1,
            title: part.title.clone(),
            questions: part
                .questions
                .iter()
                .map(|q| AskedQuestionView {
                    number: q.number.clone(),
                    label: q.label.clone(),
                    text: q.text.clone(),
                })
                .collect(),
        })
        .collect()
}

/// Answers one part: a section per contract, then the organisation-wide answers; or, with
/// no contracts, the questions that need one (not held) and the organisation-wide answers.
fn answer_part(
    casebook: &Casebook,
    authority: &Authority,
    asked: &AskedPart,
    number: usize,
    personal_data: &Arc<crate::exemptions::Exemption>,
    book: &mut NoticeBook,
) -> anyhow::Result<PartView> {
    let mut sections = Vec::new();
    let mut organisation: Vec<AnswerLine> = Vec::new();
    let mut organisation_done = vec![false; asked.questions.len()];
    let mut no_contracts: Vec<(usize, AnswerLine)> = Vec::new();
    let contracts: Vec<Option<&crate::casebook::Contract>> = if asked.contracts.is_empty() {
        vec![None]
    } else {
        asked
            .contracts
            .iter()
            .map(|id| {
                casebook
                    .contracts
                    .get(id)
                    .map(Some)
                    .ok_or_else(|| anyhow!("contract `{id}` vanished after validation"))
            })
            .collect::<anyhow::Result<_>>()?
    };
    for contract in contracts {
        let mut answers = Vec::new();
        for (position, question) in asked.questions.iter().enumerate() {
            let source = casebook.source(authority, asked.part, contract, question).ok_or_else(|| {
                anyhow!(
                    "question {:?} in {} has no answer (validation should have caught this)",
                    question.label,
                    asked.part
                )
            })?;
            let per_contract = match source {
                Source::Contract(_) => true,
                Source::Request(_) => {
                    contract.is_some()
                        && question
                            .id
                            .is_some_and(|id| casebook.questionnaire.question(id).scope != Scope::Authority)
                }
                Source::Authority(_) | Source::NoContracts(_) => false,
            };
            if !per_contract && organisation_done[position] {
                continue;
            }
            let (line, claims) = answers::resolve(question, source, authority, personal_data);
            for claim in claims {
                book.record((number, position), question.id, claim);
            }
            if per_contract {
                answers.push(line);
            } else {
                organisation_done[position] = true;
                if line.source == AnswerSource::NoContracts {
                    no_contracts.push((position, line));
                } else {
                    organisation.push(line);
                }
            }
        }
        if let Some(contract) = contract {
            sections.push(Section {
                kind: SectionKind::Contract,
                contract: Some(ContractView { id: contract.id.clone(), title: contract.title.clone() }),
                statement: None,
                questions: None,
                answers,
            });
        }
    }
    if !no_contracts.is_empty() {
        let places = no_contracts.iter().map(|(position, _)| (1, *position)).collect();
        let numbering: Numbering =
            vec![asked.questions.iter().map(|q| (q.number.clone(), q.label.clone())).collect()];
        sections.push(Section {
            kind: SectionKind::NoContracts,
            contract: None,
            statement: authority.no_contracts.get(&asked.part).cloned(),
            questions: Some(notices::refs(&places, &numbering)),
            answers: no_contracts.into_iter().map(|(_, line)| line).collect(),
        });
    }
    if !organisation.is_empty() {
        sections.push(Section {
            kind: SectionKind::Organisation,
            contract: None,
            statement: None,
            questions: None,
            answers: organisation,
        });
    }
    Ok(PartView { number, id: asked.part, title: asked.title.clone(), sections })
}
