//! A deadline as text: the due date first, then (on request) the count day by day.
//!
//! Phrasing only: every fact comes from the [`Deadline`] the count produced.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::{DayStatus, Deadline, Nation, Origin, Reason, WorkingDays};

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
        for note in &self.notes {
            let _ = writeln!(out, "note: {note}");
        }
        out
    }
}
