//! An internal review as the request file records it: its dates, each question's decision
//! and the outcome they add up to.
//!
//! The clocks: FOIA has no statutory review period, but the s.45 Code of Practice asks for
//! reviews to be asked for within 40 working days and answered within 20 (at most 40 where
//! the case is complex, which is also when the ICO takes a complaint); FOISA s.20(5) gives
//! the requester 40 working days to require a review and s.21(1) the authority 20 to answer
//! it. The numbers come from `jurisdictions.yaml`.

use super::Check;
use crate::calendar::{self, Holiday};
use crate::casebook::{AskedPart, Authority, Review, ReviewedAnswer};
use crate::model::values::Date;
use crate::model::{RequestFile, ReviewDecision, ReviewOutcome};
use crate::report::Finding;
use crate::source::FieldPath;

/// Checks the request's review, if it records one. `None` when there is none or it has
/// errors (reported).
pub(super) fn review(
    check: &mut Check,
    authority: &Authority,
    bank_holidays: &[Holiday],
    raw: &RequestFile,
    parts: &[AskedPart],
) -> Option<Review> {
    let review = raw.review.as_ref()?;
    let at = FieldPath::key("review");
    let before = check.findings.len();
    let Some(responded) = raw.responded else {
        check.push(
            Finding::error(check.file, &at, "a review needs a response to review")
                .hint("record `responded:`, the date the response was sent"),
        );
        return None;
    };
    if review.requested < responded {
        check.push(Finding::error(
            check.file,
            &at.at("requested"),
            format!(
                "the review was asked for ({}) before the response was sent ({responded})",
                review.requested
            ),
        ));
    }
    if let Some(decided) = review.decided
        && decided < review.requested
    {
        check.push(Finding::error(
            check.file,
            &at.at("decided"),
            format!("the review was decided ({decided}) before it was asked for ({})", review.requested),
        ));
    }
    let jurisdiction = authority.jurisdiction;
    let limits = &authority.act.review;
    let count = |from: Date, days: u32| calendar::due(from.0, days, jurisdiction, bank_holidays).ok();
    // Asked for after the window: the authority may still review, but need not.
    if let Some(window) = count(responded, limits.request_within_working_days)
        && review.requested.0 > window.due
    {
        check.push(
            Finding::warning(
                check.file,
                &at.at("requested"),
                format!(
                    "the review was asked for on {}, after the {} working days from the response ({}) the requester has",
                    review.requested,
                    limits.request_within_working_days,
                    Date(window.due)
                ),
            )
            .hint("a review asked for late need not be carried out; if you do, say so in the outcome letter"),
        );
    }
    let due = count(review.requested, limits.answer_within_working_days)?;
    let overdue = authority.act.regulator.review_overdue_after_working_days;
    let outer_due = overdue.and_then(|days| count(review.requested, days)).map(|d| Date(d.due));
    if let Some(decided) = review.decided
        && decided.0 > due.due
    {
        let very = outer_due.is_some_and(|d| decided > d);
        check.push(
            Finding::warning(
                check.file,
                &at.at("decided"),
                format!(
                    "the review was decided on {decided}, after the {} working days it had (due {})",
                    limits.answer_within_working_days,
                    Date(due.due)
                ),
            )
            .hint(if very {
                "past the regulator's outer limit too: the requester could complain without waiting"
            } else {
                "the outcome letter should apologise for the delay"
            }),
        );
    }
    let mut answers = Vec::new();
    for (index, question) in review.questions.iter().enumerate() {
        let here = at.at("questions").index(index);
        let part_number = question.part.unwrap_or(1);
        let Some(part) = part_number.checked_sub(1).and_then(|i| parts.get(i)) else {
            check.push(Finding::error(
                check.file,
                &here.at("part"),
                format!(
                    "the request has {} part{}, not {part_number}",
                    parts.len(),
                    if parts.len() == 1 { "" } else { "s" }
                ),
            ));
            continue;
        };
        let number = question.number.0.trim();
        let Some(asked) = part.questions.iter().find(|q| q.number.as_deref() == Some(number)) else {
            let numbers: Vec<&str> = part.questions.iter().filter_map(|q| q.number.as_deref()).collect();
            check.push(
                Finding::error(
                    check.file,
                    &here.at("number"),
                    format!("part {part_number} has no question {number}"),
                )
                .suggest(number, numbers),
            );
            continue;
        };
        if answers.iter().any(|a: &ReviewedAnswer| a.part == part_number && a.number == number) {
            check.push(Finding::error(
                check.file,
                &here.at("number"),
                format!("question {number} of part {part_number} is listed twice"),
            ));
            continue;
        }
        answers.push(ReviewedAnswer {
            part: part_number,
            number: number.to_owned(),
            label: asked.label.clone(),
            decision: question.decision,
        });
    }
    let worked_out = match (
        answers.iter().any(|a| a.decision == ReviewDecision::Upheld),
        answers.iter().any(|a| a.decision == ReviewDecision::Overturned),
    ) {
        (_, false) if answers.is_empty() => None,
        (true, false) => Some(ReviewOutcome::Upheld),
        (false, true) => Some(ReviewOutcome::Overturned),
        _ => Some(ReviewOutcome::UpheldInPart),
    };
    let outcome = match (review.outcome, worked_out) {
        (Some(given), Some(worked)) if given != worked => {
            check.push(
                Finding::error(
                    check.file,
                    &at.at("outcome"),
                    format!(
                        "the questions' decisions make the outcome `{}`, not `{}`",
                        worked.as_str(),
                        given.as_str()
                    ),
                )
                .hint("leave `outcome:` out: it is worked out from the questions"),
            );
            None
        }
        (Some(outcome), _) | (None, Some(outcome)) => Some(outcome),
        (None, None) => None,
    };
    if review.decided.is_some() && outcome.is_none() && check.findings.len() == before {
        check.push(Finding::error(check.file, &at, "a decided review needs its decision").hint(
            "list the `questions:` looked at again, each `upheld` or `overturned`, or give `outcome:`",
        ));
    }
    let reasons = review.reasons.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned);
    if review.decided.is_some() && reasons.is_none() {
        check.push(
            Finding::error(check.file, &at.at("reasons"), "say why the review decided as it did")
                .hint("the outcome letter gives the requester the reasons"),
        );
    }
    if check.findings.len() > before
        && check.findings[before..].iter().any(|f| f.severity == crate::report::Severity::Error)
    {
        return None;
    }
    Some(Review {
        requested: review.requested,
        due: Date(due.due),
        outer_due,
        decided: review.decided,
        questions: answers,
        outcome,
        reasons,
    })
}
