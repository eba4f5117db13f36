//! One question's answer: house policy and the personal-data rule applied.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::casebook::{Answer, AskedQuestion, Authority, Decision, Source};
use crate::exemptions::{Condition, Exemption};
use crate::model::values::{Contact, Seniority, Value};
use crate::response::{AnswerLine, AnswerSource, ExemptionRef, Status, Withholding};

/// An exemption relied on by an answer, for the refusal notice.
#[derive(Debug, Clone)]
pub(super) struct Claim {
    pub exemption: Arc<Exemption>,
    pub reason: Option<String>,
    pub neither_confirm_nor_deny: bool,
    /// Facts of this answer that decide which passages of the wording hold.
    pub(crate) holding: BTreeSet<Condition>,
}

/// Resolves one question's answer from its source.
///
/// House policy turns held information into the policy's decision, except where the
/// request itself sets the answer. A junior contract owner's name, phone and email are
/// withheld under the Act's personal-data exemption; the job title and any senior officer
/// named instead are given (FOIA s.40(2), FOISA s.38(1)(b); ICO guidance on public
/// authority employees), unless one person holds the post, when the title would identify
/// them and is withheld too.
pub(super) fn resolve(
    question: &AskedQuestion,
    source: Source,
    authority: &Authority,
    personal_data: &Arc<Exemption>,
) -> (AnswerLine, Vec<Claim>) {
    let mut line = AnswerLine {
        number: question.number.clone(),
        id: question.id,
        label: question.label.clone(),
        text: question.text.clone(),
        source: AnswerSource::Request,
        status: Status::Disclosed,
        disclosed: None,
        withheld: Vec::new(),
        explanation: None,
        publication: None,
    };
    let (answer, origin) = match source {
        Source::Request(answer) => (answer, AnswerSource::Request),
        Source::Contract(answer) => (answer, AnswerSource::Contract),
        Source::Authority(answer) => (answer, AnswerSource::Authority),
        Source::NoContracts(why) => {
            line.source = AnswerSource::NoContracts;
            line.status = Status::NotHeld;
            line.explanation = Some(why.to_owned());
            return (line, Vec::new());
        }
    };
    line.source = origin;
    let policy = question.id.and_then(|id| authority.policy.get(&id));
    let decision = match (answer, policy) {
        (Answer::Value(_), Some(policy)) if origin != AnswerSource::Request => {
            line.source = AnswerSource::Policy;
            policy
        }
        (Answer::Value(value), _) => return disclose(line, value, personal_data),
        (Answer::Decision(decision), _) => decision,
    };
    let claims = decide(&mut line, decision);
    (line, claims)
}

fn decide(line: &mut AnswerLine, decision: &Decision) -> Vec<Claim> {
    let claims = |exemptions: &[Arc<Exemption>], reason: &Option<String>, ncnd: bool| -> Vec<Claim> {
        exemptions
            .iter()
            .map(|e| Claim {
                exemption: Arc::clone(e),
                reason: reason.clone(),
                neither_confirm_nor_deny: ncnd,
                holding: BTreeSet::new(),
            })
            .collect()
    };
    match decision {
        Decision::Withhold { exemptions, reason, held: _ } => {
            line.status = Status::Withheld;
            line.withheld.push(withholding(Vec::new(), exemptions, false));
            claims(exemptions, reason, false)
        }
        Decision::NeitherConfirmNorDeny { exemptions, reason } => {
            line.status = Status::NeitherConfirmNorDeny;
            line.withheld.push(withholding(Vec::new(), exemptions, true));
            claims(exemptions, reason, true)
        }
        Decision::NotHeld { explanation } => {
            line.status = Status::NotHeld;
            line.explanation.clone_from(explanation);
            Vec::new()
        }
        Decision::NotApplicable { explanation } => {
            line.status = Status::NotApplicable;
            line.explanation.clone_from(explanation);
            Vec::new()
        }
        Decision::Published { exemption, publication } => {
            line.status = Status::Published;
            line.publication = Some(publication.clone());
            let exemptions = std::slice::from_ref(exemption);
            line.withheld.push(withholding(Vec::new(), exemptions, false));
            claims(exemptions, &None, false)
        }
    }
}

fn disclose(mut line: AnswerLine, value: &Value, personal_data: &Arc<Exemption>) -> (AnswerLine, Vec<Claim>) {
    let Value::Contact(contact) = value else {
        line.disclosed = Some(value.clone());
        return (line, Vec::new());
    };
    if contact.seniority == Seniority::Senior {
        line.disclosed = Some(value.clone());
        return (line, Vec::new());
    }
    let title_identifies = contact.unique_post == Some(true) && contact.job_title.is_some();
    let items: Vec<String> = [
        (title_identifies, "job title"),
        (contact.name.is_some(), "name"),
        (contact.phone.is_some(), "telephone number"),
        (contact.email.is_some(), "email address"),
    ]
    .into_iter()
    .filter(|(held, _)| *held)
    .map(|(_, item)| item.to_owned())
    .collect();
    let job_title = if title_identifies { None } else { contact.job_title.clone() };
    let given = Contact { name: None, phone: None, email: None, job_title, ..contact.clone() };
    let anything_given = given.job_title.is_some() || given.senior_officer.is_some();
    if items.is_empty() {
        if anything_given {
            line.disclosed = Some(Value::Contact(given));
        }
        return (line, Vec::new());
    }
    // Which of the exemption's passages are true here: the legitimate-interest sentences
    // about what was given instead are printed only when it was given.
    let holding: BTreeSet<Condition> = [
        (given.job_title.is_some(), Condition::JobTitleGiven),
        (title_identifies, Condition::JobTitleWithheld),
        (given.senior_officer.is_some(), Condition::SeniorOfficerGiven),
    ]
    .into_iter()
    .filter(|(holds, _)| *holds)
    .map(|(_, condition)| condition)
    .collect();
    if anything_given {
        line.disclosed = Some(Value::Contact(given));
    }
    line.status = if anything_given { Status::PartlyWithheld } else { Status::Withheld };
    let exemptions = std::slice::from_ref(personal_data);
    line.withheld.push(withholding(items, exemptions, false));
    let claim = Claim {
        exemption: Arc::clone(personal_data),
        reason: None,
        neither_confirm_nor_deny: false,
        holding,
    };
    (line, vec![claim])
}

fn withholding(items: Vec<String>, exemptions: &[Arc<Exemption>], ncnd: bool) -> Withholding {
    Withholding {
        items,
        exemptions: exemptions
            .iter()
            .map(|e| ExemptionRef { id: e.id.clone(), citation: e.citation.clone(), title: e.title.clone() })
            .collect(),
        neither_confirm_nor_deny: ncnd,
    }
}
