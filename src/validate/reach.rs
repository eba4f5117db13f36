//! What a request's answers rely on: every exemption they reach, and whether the request
//! is given anything (information, or a statement that it is not held).
//!
//! Several checks of a request need this before it is answered: that each exemption has
//! wording good on the day the request was received, that a public interest extension has
//! a qualified exemption to weigh (FOIA s.10(3)), that an earlier request cited under
//! s.14(2) was actually complied with. The walk follows the order `rules` answers in (the
//! request's own answer, the contract's, the authority's; house policy over held values;
//! the personal-data exemption for a junior contract owner), but decides nothing and
//! phrases nothing.

use std::sync::Arc;

use crate::casebook::{Answer, AskedPart, Authority, Casebook, Decision, Source};
use crate::exemptions::Exemption;
use crate::model::values::{Seniority, Value};
use crate::questionnaire::QuestionId;

/// One exemption relied on by one answer.
pub(super) struct Use<'a> {
    /// The exemption (its newest wording).
    pub exemption: &'a Arc<Exemption>,
    /// Relied on to neither confirm nor deny.
    pub ncnd: bool,
    /// The question answered, if it is one of the questionnaire's.
    pub question: Option<QuestionId>,
    /// Whether the answer gives reasoning of its own (`reason:`).
    pub reasoned: bool,
    /// Where the question is: part index and question index in the request.
    pub at: (usize, usize),
}

/// Everything the answers of a request rely on.
#[derive(Default)]
pub(super) struct Reached<'a> {
    /// Exemptions, one entry per answer that relies on each.
    pub uses: Vec<Use<'a>>,
    /// Whether any answer gives information or says that it is not held.
    pub provided: bool,
}

/// Walks the answers of `parts` for `authority`.
pub(super) fn reach<'a>(
    casebook: &'a Casebook,
    authority: &'a Authority,
    parts: &'a [AskedPart],
) -> Reached<'a> {
    let mut reached = Reached::default();
    let personal_data = casebook.library.get(authority.jurisdiction, &authority.act.exemptions.personal_data);
    for (i, part) in parts.iter().enumerate() {
        let contracts: Vec<Option<&crate::casebook::Contract>> = if part.contracts.is_empty() {
            vec![None]
        } else {
            part.contracts.iter().map(|id| casebook.contracts.get(id)).filter(Option::is_some).collect()
        };
        for contract in contracts {
            for (j, question) in part.questions.iter().enumerate() {
                let Some(source) = casebook.source(authority, part.part, contract, question) else {
                    continue;
                };
                let (answer, own) = match source {
                    Source::Request(answer) => (answer, true),
                    Source::Contract(answer) | Source::Authority(answer) => (answer, false),
                    Source::NoContracts(_) => {
                        reached.provided = true;
                        continue;
                    }
                };
                let policy = question.id.and_then(|id| authority.policy.get(&id)).filter(|_| !own);
                let decision = match (answer, policy) {
                    (Answer::Value(_), Some(policy)) => policy,
                    (Answer::Value(Value::Contact(contact)), None)
                        if contact.seniority == Seniority::Junior =>
                    {
                        let titled = contact.job_title.is_some() && contact.unique_post != Some(true);
                        let given = titled || contact.senior_officer.is_some();
                        reached.provided |= given;
                        let withheld = contact.name.is_some()
                            || contact.phone.is_some()
                            || contact.email.is_some()
                            || (contact.unique_post == Some(true) && contact.job_title.is_some());
                        if let (true, Some(exemption)) = (withheld, personal_data) {
                            reached.uses.push(Use {
                                exemption,
                                ncnd: false,
                                question: question.id,
                                reasoned: false,
                                at: (i, j),
                            });
                        }
                        continue;
                    }
                    (Answer::Value(_), None) => {
                        reached.provided = true;
                        continue;
                    }
                    (Answer::Decision(decision), _) => decision,
                };
                let mut relied = |exemptions: &'a [Arc<Exemption>], ncnd: bool, reasoned: bool| {
                    for exemption in exemptions {
                        reached.uses.push(Use {
                            exemption,
                            ncnd,
                            question: question.id,
                            reasoned,
                            at: (i, j),
                        });
                    }
                };
                match decision {
                    Decision::Withhold { exemptions, reason, .. } => {
                        relied(exemptions, false, reason.is_some())
                    }
                    Decision::NeitherConfirmNorDeny { exemptions, reason } => {
                        relied(exemptions, true, reason.is_some())
                    }
                    Decision::Published { exemption, .. } => {
                        relied(std::slice::from_ref(exemption), false, false)
                    }
                    Decision::NotHeld { .. } => reached.provided = true,
                    Decision::NotApplicable { .. } => {}
                }
            }
        }
    }
    reached
}
