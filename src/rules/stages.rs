//! The letters of the exchange before the response: what each stage's letter states, from
//! the request file's record of that stage.
//!
//! - The acknowledgement (house policy; no Act requires one) gives the date received and
//!   the date the reply is due, and how that date was counted (FOIA s.10(1) and FOISA
//!   s.10(1): 20 working days, leaving out weekends, Christmas Day, Good Friday and bank
//!   holidays).
//! - The request for clarification (FOIA s.1(3), FOISA s.1(3)) says what is unclear; the
//!   duty to advise and assist (FOIA s.16, FOISA s.15) shapes what it offers, and house
//!   policy says when an unanswered request closes.
//! - The public interest extension notice (FOIA s.17(2)–(3) with s.10(3)) names the
//!   qualified exemptions whose public interest test is still being weighed and the date a
//!   decision is expected. FOISA has no such extension.

use chrono::Months;

use crate::casebook::{Casebook, Request};
use crate::error::Error;
use crate::exemptions::ExemptionKind;
use crate::letters::LetterKind;
use crate::model::values::Date;
use crate::response::{
    ClarificationView, Counted, ExemptionView, Response, ReviewView, ReviewedAnswerView,
    ReviewedQuestionView, SkippedDay, Stage,
};

use super::Audience;

/// Whether `request` records the stage whose letter is `kind`: the response and the
/// acknowledgement always (either may be a draft), the clarification and the extension
/// notice when the request file records them, the review's outcome once it has a decision.
pub(crate) fn recorded(request: &Request, kind: LetterKind) -> bool {
    match kind.id {
        "clarification" => request.clarification_sought.is_some(),
        "extension" => request.extension.is_some(),
        // A review's letter is written once it has a decision.
        "review" => request.review.as_ref().is_some_and(|review| review.outcome.is_some()),
        _ => true,
    }
}

/// The day an unanswered request for clarification closes the request: the house policy's
/// months after `sought`.
pub(crate) fn closes(authority: &crate::casebook::Authority, sought: Date) -> Date {
    let months = Months::new(authority.close_unclarified_after_months);
    Date(sought.0.checked_add_months(months).unwrap_or(sought.0))
}

/// The letter of kind `kind` for `request`, for `audience`: the response itself, or the
/// letter of an earlier stage, which the request file must record (an acknowledgement may
/// be drafted before it is sent).
pub fn letter(
    casebook: &Casebook,
    request: &Request,
    audience: Audience,
    kind: LetterKind,
) -> anyhow::Result<Response> {
    let mut response = super::respond(casebook, request, audience)?;
    if kind == LetterKind::RESPONSE {
        return Ok(response);
    }
    let authority = casebook.authority(request.authority);
    let stage = match kind.id {
        "acknowledgement" => {
            // An acknowledgement sent before a clarification arrived gave the first count,
            // from receipt: the letter says what was true on its date.
            let before_clarification =
                request.clarification.is_some_and(|c| request.acknowledged.is_some_and(|a| a < c));
            let (from, skipped) = match (&request.first_count, before_clarification) {
                (Some((due, skipped)), true) => {
                    response.due = *due;
                    response.clarification = None;
                    (request.received, skipped)
                }
                _ => (request.clarification.unwrap_or(request.received), &request.skipped),
            };
            Stage {
                dated: request.acknowledged,
                counted: Some(Counted {
                    working_days: authority.act.working_days,
                    from,
                    skipped: skipped
                        .iter()
                        .map(|(date, name)| SkippedDay { date: *date, name: name.clone() })
                        .collect(),
                }),
                ..Stage::default()
            }
        }
        "clarification" => {
            let Some(sought) = &request.clarification_sought else {
                return Err(Error::Unusable(format!(
                    "{} records no request for clarification: add `clarification-sought: {{date: YYYY-MM-DD, points: [...]}}` to its file",
                    request.reference
                ))
                .into());
            };
            let months = authority.close_unclarified_after_months;
            let closes = closes(authority, sought.date);
            Stage {
                dated: Some(sought.date),
                clarification: Some(ClarificationView {
                    points: sought.points.clone(),
                    closes,
                    closes_after_months: months,
                }),
                ..Stage::default()
            }
        }
        "extension" => {
            if authority.act.public_interest_extension.is_none() {
                return Err(Error::Unusable(format!(
                    "{} is answered under {}, which has no public interest extension: no extension notice can be sent",
                    request.reference, authority.act.act
                ))
                .into());
            }
            let Some(extension) = &request.extension else {
                return Err(Error::Unusable(format!(
                    "{} records no public interest extension: add `extension: {{notice-sent: YYYY-MM-DD, days: N, reason: ...}}` to its file",
                    request.reference
                ))
                .into());
            };
            let mut considering: Vec<ExemptionView> = Vec::new();
            let mut neutral = false;
            for notice in response.notices.iter().filter(|n| n.exemption.kind == ExemptionKind::Qualified) {
                neutral |= notice.neither_confirm_nor_deny;
                if !considering.iter().any(|e| e.id == notice.exemption.id) {
                    considering.push(notice.exemption.clone());
                }
            }
            if considering.is_empty() {
                return Err(Error::Unusable(format!(
                    "{}: an extension is only for weighing the public interest of a qualified exemption (s.10(3)), and no answer relies on one",
                    request.reference
                ))
                .into());
            }
            Stage { dated: Some(extension.notice_sent), considering, neutral, ..Stage::default() }
        }
        "review" => {
            let Some(review) = &request.review else {
                return Err(Error::Unusable(format!(
                    "{} records no internal review: add `review: {{requested: YYYY-MM-DD, ...}}` to its file",
                    request.reference
                ))
                .into());
            };
            if review.outcome.is_none() {
                return Err(Error::Unusable(format!(
                    "the review of {} has no decision yet: record its `questions:` (each upheld or overturned) or `outcome:` to write the outcome letter",
                    request.reference
                ))
                .into());
            }
            let record = crate::model::sent::latest(&casebook.sent, &request.file_name);
            Stage {
                dated: review.decided,
                review: Some(ReviewView {
                    requested: review.requested,
                    due: review.due,
                    late: review.decided.is_some_and(|d| d > review.due),
                    working_days: authority.act.review.answer_within_working_days,
                    outcome: review.outcome.map(crate::model::ReviewOutcome::as_str),
                    sent: record.map(|r| r.file.sent),
                    // What the reply said as sent comes from its record: the review
                    // reproduces what was sent, not what today's casebook would answer.
                    questions: reviewed_questions(review, record.map(|r| &r.file.response), None),
                    reasons: review.reasons.clone(),
                }),
                ..Stage::default()
            }
        }
        other => return Err(anyhow::anyhow!("no rules for the letter kind `{other}`")),
    };
    response.document_title =
        format!("{}: {}: {} – {}", response.reference, kind.title, response.title, response.authority.name);
    response.letter = kind;
    response.stage = Some(stage);
    Ok(response)
}

/// The questions `review` looked at again, each with its answers: what the reply said as
/// sent (from `sent`, the record's public `foi-response/1` data) and what it says now (from
/// `now`, today's public response as data). Either may be absent; both hold public data
/// only, so no withheld value and no requester can show.
pub(crate) fn reviewed_questions(
    review: &crate::casebook::Review,
    sent: Option<&serde_json::Value>,
    now: Option<&serde_json::Value>,
) -> Vec<ReviewedQuestionView> {
    use super::answer_lines::{Line, lines};
    let then = sent.map(lines).unwrap_or_default();
    let today = now.map(lines).unwrap_or_default();
    let gives = |line: &Line| {
        matches!(
            line.question.get("status").and_then(serde_json::Value::as_str),
            Some("disclosed" | "partly-withheld" | "published")
        )
    };
    review
        .questions
        .iter()
        .map(|q| {
            let asked = |line: &&Line| {
                usize::try_from(line.part_number).ok() == Some(q.part)
                    && line.number == Some(q.number.as_str())
            };
            let then: Vec<&Line> = then.iter().filter(asked).collect();
            let today: Vec<&Line> = today.iter().filter(asked).collect();
            // Every contract either answer is about, in the order the reply gave them.
            let mut keys: Vec<_> = then.iter().chain(&today).map(|l| l.key()).collect();
            keys.dedup();
            let mut seen = Vec::new();
            keys.retain(|k| {
                let new = !seen.contains(k);
                seen.push(*k);
                new
            });
            let answers = keys
                .into_iter()
                .map(|key| {
                    let sent = then.iter().find(|l| l.key() == key);
                    let current = today.iter().find(|l| l.key() == key);
                    let line = current.or(sent);
                    ReviewedAnswerView {
                        contract: line.and_then(|l| l.contract).map(|(_, title)| title.to_owned()),
                        sent: sent.map(|l| l.words()),
                        now: current.map(|l| l.words()),
                        released: q.decision == crate::model::ReviewDecision::Overturned
                            && current.is_some_and(|c| {
                                gives(c) && sent.is_none_or(|s| !s.same_answer(c) && s.words() != c.words())
                            }),
                    }
                })
                .collect();
            ReviewedQuestionView {
                part: q.part,
                number: q.number.clone(),
                label: q.label.clone(),
                decision: q.decision,
                answers,
            }
        })
        .collect()
}
