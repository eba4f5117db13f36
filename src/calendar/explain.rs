//! A deadline as text: the due date first, then (on request) the count day by day.
//!
//! Phrasing only: every fact comes from the [`Deadline`] the count produced, or, for the
//! notes, from the built-in calendar's coverage.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::{DayStatus, Deadline, Nation, Origin, Reason, WorkingDays, builtin};

/// `Wed 30 Nov 2022`.
pub fn short_date(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// `Scotland`, `all of the UK`, `Scotland; added in foi.yaml`; empty for a plain reason.
fn whose(reason: &Reason) -> String {
    let mut label = if reason.nations.len() == Nation::ALL.len() {
        "all of the UK".to_owned()
    } else {
        reason.nations.iter().map(|n| n.name()).collect::<Vec<_>>().join(", ")
    };
    match reason.origin {
        Some(Origin::Rule) => label.push_str("; computed by rule"),
        Some(Origin::Casebook) => label.push_str("; added in foi.yaml"),
        Some(Origin::Data) | None => {}
    }
    label
}

/// `St Andrew's Day (Scotland)`; a name already ending in brackets takes the nations inside
/// them: `Boxing Day (substitute day; all of the UK)`.
fn name_and_whose(reason: &Reason) -> String {
    let label = whose(reason);
    match reason.name.strip_suffix(')') {
        _ if label.is_empty() => reason.name.clone(),
        Some(open) => format!("{open}; {label})"),
        None => format!("{} ({label})", reason.name),
    }
}

fn describe(reasons: &[Reason]) -> String {
    let names: Vec<String> = reasons.iter().map(name_and_whose).collect();
    names.join(" and ")
}

impl Deadline {
    /// The deadline as text. The first token of the first line is the due date,
    /// `YYYY-MM-DD`, so scripts can take it; with `explain`, one line per day of the count
    /// follows, each skipped day with its reason and the provision that makes it so.
    pub fn to_text(&self, explain: bool) -> String {
        let section = WorkingDays::of(self.jurisdiction).section;
        let act = self.jurisdiction.as_str().to_uppercase();
        let mut out = format!(
            "{} ({}): working day {} after {}, under {act}\n",
            self.due,
            short_date(self.due),
            self.days,
            short_date(self.received)
        );
        if explain {
            out.push('\n');
            for day in &self.trace {
                let date = short_date(day.date);
                let line = match (day.status, day.working_day) {
                    // ICO: receipt on a non-working day still makes the next working day day 1.
                    (DayStatus::Received, _) if !day.reasons.is_empty() => format!(
                        "{date}: received (day 0), not a working day ({}); the count starts with the next working day",
                        describe(&day.reasons)
                    ),
                    (DayStatus::Received, _) => {
                        format!("{date}: received (day 0); the count starts with the next working day")
                    }
                    (DayStatus::NotWorking, _) | (DayStatus::WorkingDay, None) => {
                        format!("{date}: {} — not a working day under {section}", describe(&day.reasons))
                    }
                    (DayStatus::WorkingDay, Some(n)) => {
                        let mut line = format!("{date}: working day {n}");
                        if n == self.days {
                            line.push_str(", the due date");
                        }
                        if !day.elsewhere.is_empty() {
                            let _ = write!(
                                line,
                                " — {} is not a bank holiday that {section} counts",
                                describe(&day.elsewhere)
                            );
                        }
                        line
                    }
                };
                out.push_str(&line);
                out.push('\n');
            }
        }
        if explain && !self.notes.is_empty() {
            out.push('\n');
        }
        for note in &self.notes {
            let _ = writeln!(out, "note: {note}");
        }
        out
    }
}

/// Caveats for a count from `first` to `last`: years computed by rule, and years whose
/// proclamations may not all have been made when the data was taken.
pub(super) fn notes(first: NaiveDate, last: NaiveDate) -> Vec<String> {
    let calendar = builtin();
    let (from, to) = calendar.covers();
    let years = first.year()..=last.year();
    let by_rule: Vec<String> =
        years.clone().filter(|y| calendar.computed_by_rule(*y)).map(|y| y.to_string()).collect();
    let mut notes = Vec::new();
    for year in years.filter(|y| !calendar.computed_by_rule(*y) && *y > calendar.taken().year()) {
        notes.push(format!(
            "{year}'s bank holidays are those announced by {}, when the calendar was taken: \
             a later proclamation may add or move a day",
            calendar.taken()
        ));
    }
    if !by_rule.is_empty() {
        let verb = if by_rule.len() == 1 { "is" } else { "are" };
        notes.push(format!(
            "{} {verb} outside the built-in calendar ({from} to {to}): bank holidays there are \
             computed by rule, so proclaimed one-off days may be missing",
            by_rule.join(" and ")
        ));
    }
    notes
}
