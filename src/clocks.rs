//! Every clock of one request, as at a day: the response (restarted by a clarification),
//! the public interest extension's estimate, the clarification the case waits for, the
//! internal review (and, under FOIA, the ICO's outer limit) and the steps of a decision
//! notice. `foi due REQUEST` prints them.
//!
//! Nothing is counted here: each date is the one `validate` worked out for the checked
//! request (`deadline.rs`, `review.rs`, `commissioner.rs`), so this list and `foi check`'s
//! warnings cannot disagree. This module only says, for each, whether it was met.

use std::fmt::Write as _;

use serde::Serialize;

use crate::casebook::{Casebook, Request};
use crate::model::Jurisdiction;
use crate::model::values::Date;

/// Where a clock stands as at the day asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Done by its date.
    Met,
    /// Done, after its date.
    Late,
    /// Not done, and its date has not passed.
    Open,
    /// Not done, and its date has passed.
    Overdue,
    /// Not running: the response's clock while a clarification is awaited (s.1(3)).
    Stopped,
}

impl Status {
    /// The status as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Late => "late",
            Status::Open => "open",
            Status::Overdue => "overdue",
            Status::Stopped => "stopped",
        }
    }

    /// Done on `done` (if it is) against `due`, as at `today`.
    fn of(due: Date, done: Option<Date>, today: Date) -> Self {
        match done {
            Some(done) if done <= due => Status::Met,
            Some(_) => Status::Late,
            None if today <= due => Status::Open,
            None => Status::Overdue,
        }
    }
}

/// One clock.
#[derive(Debug, Clone, Serialize)]
pub struct Clock {
    /// Which: `response`, `extension`, `clarification`, `review`, `review-outer-limit`,
    /// `steps`.
    pub clock: &'static str,
    /// The day it runs out.
    pub due: Date,
    /// Where it stands.
    pub status: Status,
    /// The day it was met, when it was.
    pub done: Option<Date>,
    /// How the date was reached and what meets it, in words.
    pub rule: String,
}

/// Every clock of one request.
#[derive(Debug, Clone, Serialize)]
pub struct Clocks {
    /// Our reference.
    pub reference: String,
    /// The Act it is answered under.
    pub jurisdiction: Jurisdiction,
    /// The day the statuses are as at.
    pub today: Date,
    /// The clocks, in the order the exchange reaches them.
    pub clocks: Vec<Clock>,
}

impl Clocks {
    /// The clocks of `request`, as at `today`.
    pub fn of(casebook: &Casebook, request: &Request, today: Date) -> Self {
        let authority = casebook.authority(request.authority);
        let act = authority.act;
        let days = act.working_days;
        let mut clocks = Vec::new();
        let awaiting = request.clarification_sought.is_some() && request.clarification.is_none();
        if let Some(sought) = &request.clarification_sought {
            let closes = crate::rules::closes(authority, sought.date);
            clocks.push(Clock {
                clock: "clarification",
                due: closes,
                status: match request.clarification {
                    Some(reply) if reply <= closes => Status::Met,
                    Some(_) => Status::Late,
                    // The requester's clock, not ours: past it, the request may be closed.
                    None if today <= closes => Status::Open,
                    None => Status::Overdue,
                },
                done: request.clarification,
                rule: format!(
                    "clarification sought on {} (s.1(3)); without a reply the request closes after {} months (house policy)",
                    sought.date, authority.close_unclarified_after_months
                ),
            });
        }
        let from = match request.clarification {
            Some(clarification) => format!("the clarification received on {clarification}"),
            None => format!("receipt on {}", request.received),
        };
        // The s.17(2) notice, sent by day 20, is what s.17(1) asks for by then.
        let done = request.extension.as_ref().map(|e| e.notice_sent).or(request.responded);
        let status =
            if awaiting && done.is_none() { Status::Stopped } else { Status::of(request.due, done, today) };
        let mut rule = format!("working day {days} after {from} ({} s.10(1))", act.short);
        if awaiting {
            rule.push_str("; stopped until the clarification arrives, then counted again from it");
        }
        if let Some(extension) = &request.extension {
            let _ = write!(rule, "; met by the s.17(2) extension notice sent on {}", extension.notice_sent);
        }
        clocks.push(Clock { clock: "response", due: request.due, status, done, rule });
        if let Some(extension) = &request.extension {
            clocks.push(Clock {
                clock: "extension",
                due: extension.due,
                status: Status::of(extension.due, request.responded, today),
                done: request.responded,
                rule: format!(
                    "the estimate given in the s.17(2) notice: {} working days after day {days} (s.10(3); the ICO expects no more than 20)",
                    extension.days
                ),
            });
        }
        if let Some(review) = &request.review {
            let decided = review.decided.filter(|_| review.outcome.is_some());
            clocks.push(Clock {
                clock: "review",
                due: review.due,
                status: Status::of(review.due, decided, today),
                done: decided,
                rule: format!(
                    "{} working days from the request for review on {} ({})",
                    act.review.answer_within_working_days, review.requested, act.review.answer_within_source
                ),
            });
            if let (Some(outer), Some(limit)) =
                (review.outer_due, act.regulator.review_overdue_after_working_days)
            {
                clocks.push(Clock {
                    clock: "review-outer-limit",
                    due: outer,
                    status: Status::of(outer, decided, today),
                    done: decided,
                    rule: format!(
                        "{limit} working days from the request for review, the most {} allows a complex review",
                        act.regulator.short
                    ),
                });
            }
        }
        if let Some(notice) = request.commissioner.as_ref().and_then(|c| c.decision.as_ref())
            && let Some(steps_due) = notice.steps_due
        {
            clocks.push(Clock {
                clock: "steps",
                due: steps_due,
                status: Status::of(steps_due, notice.complied, today),
                done: notice.complied,
                rule: format!(
                    "{} calendar days from the decision notice of {}, as {} usually allows (unless the notice gives another date)",
                    act.regulator.steps_within_days, notice.date, act.regulator.short
                ),
            });
        }
        Self { reference: request.reference.clone(), jurisdiction: authority.jurisdiction, today, clocks }
    }

    /// The clocks as text: a heading, then one line each, the date first.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{} ({}), as at {}\n",
            self.reference,
            self.jurisdiction.as_str().to_uppercase(),
            self.today
        );
        let width = self.clocks.iter().map(|c| c.clock.len()).max().unwrap_or(0);
        for clock in &self.clocks {
            let done = clock.done.map_or(String::new(), |d| format!(" ({d})"));
            let _ = writeln!(
                out,
                "  {:<width$}  {}  {}{done}: {}",
                clock.clock,
                clock.due,
                clock.status.as_str(),
                clock.rule
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date(chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date"))
    }

    #[test]
    fn status_against_the_due_date_and_today() {
        let due = date("2024-06-11");
        let cases = [
            (Some("2024-06-11"), "2024-12-01", Status::Met),
            (Some("2024-06-12"), "2024-12-01", Status::Late),
            (None, "2024-06-11", Status::Open),
            (None, "2024-06-12", Status::Overdue),
        ];
        for (done, today, expected) in cases {
            assert_eq!(Status::of(due, done.map(date), date(today)), expected, "{done:?} {today}");
        }
    }
}
