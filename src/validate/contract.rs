//! Checking a contract file.

use std::collections::BTreeMap;

use super::answer::Law;
use super::profile::which_authority;
use super::{Check, is_id};
use crate::casebook::{Answer, Authority, Contract, Decision};
use crate::exemptions::Library;
use crate::model::ContractFile;
use crate::model::values::{Date, Value};
use crate::questionnaire::QuestionId;
use crate::report::Finding;
use crate::source::FieldPath;

/// Checks one contract; `id` is its file stem.
pub(crate) fn check(
    check: &mut Check,
    id: &str,
    raw: ContractFile,
    authorities: &[Authority],
    library: &Library,
) -> Option<Contract> {
    if !is_id(id) {
        check.push(
            Finding::error(check.file, &FieldPath::root(), format!("`{id}` is not a usable contract id"))
                .hint("rename the file with lower-case letters, digits and hyphens, e.g. `contracts/ivr-support.yaml`"),
        );
    }
    let authority_index = which_authority(check, authorities, raw.authority.as_deref())?;
    let authority = &authorities[authority_index];
    let law = Law { library, jurisdiction: authority.jurisdiction, act: authority.act };
    if raw.title.trim().is_empty() {
        check.push(Finding::error(check.file, &FieldPath::key("title"), "the contract needs a title"));
    }
    let before = check.findings.len();
    let mut answers = BTreeMap::new();
    for (question, answer) in raw.answers() {
        let at = FieldPath::key(question.as_str());
        if let Some(answer) = law.answer(check, &at, answer) {
            answers.insert(question, answer);
        }
    }
    dates(check, raw.start, &answers);
    let failed = check.findings[before..].iter().any(|f| f.severity == crate::report::Severity::Error);
    (!failed && is_id(id)).then(|| Contract {
        id: id.to_owned(),
        authority: authority_index,
        part: raw.part,
        title: raw.title,
        start: raw.start,
        answers,
    })
}

/// The date an answer holds, disclosed or withheld.
pub(crate) fn date_of(answer: Option<&Answer>) -> Option<Date> {
    match answer? {
        Answer::Value(Value::Date(date)) => Some(*date),
        Answer::Decision(Decision::Withhold { held: Some(Value::Date(date)), .. }) => Some(*date),
        _ => None,
    }
}

fn dates(check: &mut Check, start: Option<Date>, answers: &BTreeMap<QuestionId, Answer>) {
    let expiry = date_of(answers.get(&QuestionId::Expiry));
    let review = date_of(answers.get(&QuestionId::Review));
    if let (Some(start), Some(expiry)) = (start, expiry) {
        if expiry < start {
            check.push(Finding::error(
                check.file,
                &FieldPath::key("expiry"),
                format!("the contract expires ({expiry}) before it starts ({start})"),
            ));
        }
    }
    if let (Some(review), Some(expiry)) = (review, expiry) {
        if review > expiry {
            check.push(
                Finding::error(
                    check.file,
                    &FieldPath::key("review"),
                    format!("the review date ({review}) is after the contract expires ({expiry})"),
                )
                .hint("a contract is reviewed before it ends; check both dates"),
            );
        }
    }
}
