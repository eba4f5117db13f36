//! Dates: a contract's dates in order, a request's dates not in the future, and contracts
//! that were already out of date when a request arrived.
//!
//! `today` comes from the caller (the command line reads the clock, or `--today`), so a
//! check gives the same answer on every run.

use std::collections::BTreeMap;

use super::Check;
use crate::casebook::{Answer, Casebook, Decision, Request};
use crate::model::values::{Date, Value};
use crate::model::{OrStandard, RequestFile};
use crate::questionnaire::{QuestionId, Role};
use crate::report::Finding;
use crate::source::FieldPath;

/// The date an answer holds, disclosed or withheld.
pub(crate) fn date_of(answer: Option<&Answer>) -> Option<Date> {
    match answer? {
        Answer::Value(Value::Date(date)) => Some(*date),
        Answer::Decision(Decision::Withhold { held: Some(Value::Date(date)), .. }) => Some(*date),
        _ => None,
    }
}

/// A date as a finding may print it: a withheld one is never printed.
fn shown(answer: Option<&Answer>) -> String {
    match (answer, date_of(answer)) {
        (Some(Answer::Decision(_)), Some(_)) => "a withheld date".to_owned(),
        (_, Some(date)) => date.to_string(),
        (_, None) => String::new(),
    }
}

/// The answer to the question a rule knows by `role`, if the questionnaire has one and it
/// was answered.
pub(super) fn by_role(answers: &BTreeMap<QuestionId, Answer>, role: Role) -> Option<&Answer> {
    QuestionId::with_role(role).and_then(|id| answers.get(&id))
}

/// The key of the question with `role` in a contract.
fn role_key(role: Role) -> FieldPath {
    FieldPath::key(QuestionId::with_role(role).map_or("", QuestionId::as_str))
}

/// A contract ends after it starts, and is reviewed before it ends.
pub(super) fn contract(check: &mut Check, start: Option<Date>, answers: &BTreeMap<QuestionId, Answer>) {
    let expiry = date_of(by_role(answers, Role::EndDate));
    let review = date_of(by_role(answers, Role::ReviewDate));
    let (expiry_shown, review_shown) =
        (shown(by_role(answers, Role::EndDate)), shown(by_role(answers, Role::ReviewDate)));
    if let (Some(start), Some(expiry)) = (start, expiry)
        && expiry < start
    {
        check.push(Finding::error(
            check.file,
            &role_key(Role::EndDate),
            format!("the contract expires ({expiry_shown}) before it starts ({start})"),
        ));
    }
    if let (Some(review), Some(expiry)) = (review, expiry)
        && review > expiry
    {
        check.push(
            Finding::error(
                check.file,
                &role_key(Role::ReviewDate),
                format!("the review date ({review_shown}) is after the contract expires ({expiry_shown})"),
            )
            .hint("a contract is reviewed before it ends; check both dates"),
        );
    }
}

/// A request is answered after it arrives, and neither has happened after `today`.
pub(super) fn request(check: &mut Check, raw: &RequestFile, today: Date) {
    if let Some(responded) = raw.responded
        && responded < raw.received
    {
        check.push(Finding::error(
            check.file,
            &FieldPath::key("responded"),
            format!("responded ({responded}) is before the request was received ({})", raw.received),
        ));
    }
    let review = raw.review.as_ref();
    let dates = [
        (FieldPath::key("received"), Some(raw.received), "the request was received"),
        (FieldPath::key("responded"), raw.responded, "the response was sent"),
        (FieldPath::key("acknowledged"), raw.acknowledged, "the acknowledgement was sent"),
        (
            FieldPath::key("clarification-sought").at("date"),
            raw.clarification_sought.as_ref().map(|c| c.date),
            "clarification was sought",
        ),
        (FieldPath::key("clarification"), raw.clarification, "the clarification arrived"),
        (FieldPath::key("review").at("requested"), review.map(|r| r.requested), "the review was asked for"),
        (FieldPath::key("review").at("decided"), review.and_then(|r| r.decided), "the review was decided"),
        (
            FieldPath::key("commissioner").at("complained"),
            raw.commissioner.as_ref().map(|c| c.complained),
            "the complaint was made",
        ),
    ];
    for (key, date, what) in dates {
        if let Some(date) = date.filter(|date| *date > today) {
            check.push(
                Finding::error(check.file, &key, format!("{what} on {date}, which is after today ({today})"))
                    .hint(
                        "check the year; to check the casebook as at another date, pass `--today YYYY-MM-DD`",
                    ),
            );
        }
    }
}

/// Warns when a contract answering the request had expired, or was past its review date,
/// before the request was received: the response must give the information held at the
/// time of the request (FOIA s.1(4); FOISA s.1(4)), which a stale record may not be.
pub(super) fn staleness(check: &mut Check, casebook: &Casebook, raw: &RequestFile, request: &Request) {
    let received = request.received;
    for (i, part) in request.parts.iter().enumerate() {
        let listed = match &raw.parts {
            OrStandard::Listed(parts) => parts.get(i),
            OrStandard::Standard => None,
        };
        for id in &part.contracts {
            let Some(contract) = casebook.contracts.get(id) else { continue };
            let part_path =
                if listed.is_some() { FieldPath::key("parts").index(i) } else { FieldPath::key("parts") };
            let path = match listed
                .and_then(|p| p.contracts.as_ref())
                .and_then(|c| c.iter().position(|c| c == id))
            {
                Some(j) => part_path.at("contracts").index(j),
                None => part_path,
            };
            let file = contract.file.display();
            let expiry = date_of(by_role(&contract.answers, Role::EndDate));
            let review = date_of(by_role(&contract.answers, Role::ReviewDate));
            let on = |role| format!("on {}", shown(by_role(&contract.answers, role)));
            let stale = match (expiry, review) {
                (Some(expiry), _) if expiry < received => Some(format!(
                    "contract `{id}` ({file}) expired {}, before this request was received on {received}",
                    on(Role::EndDate)
                )),
                (_, Some(review)) if review < received => Some(format!(
                    "contract `{id}` ({file}) was due for review {}, before this request was received on {received}",
                    on(Role::ReviewDate)
                )),
                _ => None,
            };
            if let Some(message) = stale {
                check.push(Finding::warning(check.file, &path, message).hint(
                    "the answer must reflect what was held when the request arrived: \
                     update the contract file if it was renewed or reviewed",
                ));
            }
        }
    }
}
