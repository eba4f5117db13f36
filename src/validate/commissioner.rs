//! A complaint to the regulator and its decision notice: dates in order, and the time the
//! notice's steps allow (FOIA s.50(4), FOISA s.49(5): the notice specifies the steps and
//! the time for them; the number of days usual for each regulator is in
//! `jurisdictions.yaml`). Failing to comply can be certified to the court as contempt
//! (FOIA s.54, FOISA s.53), so a missed date is worth a warning on every check.

use chrono::Days;

use super::Check;
use crate::casebook::{Authority, Complaint, DecisionNotice};
use crate::model::RequestFile;
use crate::model::values::Date;
use crate::report::Finding;
use crate::source::FieldPath;

/// Checks the request's complaint to the regulator, as at `today`, and returns it with the
/// date its notice's steps are due. `None` when there is none or it has errors (reported).
pub(super) fn check(
    check: &mut Check,
    authority: &Authority,
    raw: &RequestFile,
    today: Date,
) -> Option<Complaint> {
    let complaint = raw.commissioner.as_ref()?;
    let before = check.findings.len();
    let decision = decision(check, authority, raw, today)?;
    let failed = check.findings[before..].iter().any(|f| f.severity == crate::report::Severity::Error);
    (!failed).then_some(Complaint { complained: complaint.complained, decision })
}

/// The checks of [`check`]; `None` when a date is out of order, else the decision notice,
/// if any, with its steps' due date.
fn decision(
    check: &mut Check,
    authority: &Authority,
    raw: &RequestFile,
    today: Date,
) -> Option<Option<DecisionNotice>> {
    let complaint = raw.commissioner.as_ref()?;
    let at = FieldPath::key("commissioner");
    if complaint.complained < raw.received {
        check.push(Finding::error(
            check.file,
            &at.at("complained"),
            format!(
                "the complaint ({}) is dated before the request was received ({})",
                complaint.complained, raw.received
            ),
        ));
    }
    if complaint.reference.trim().is_empty() {
        check.push(Finding::error(check.file, &at.at("reference"), "give the regulator's case reference"));
    }
    let Some(notice) = &complaint.decision else { return Some(None) };
    let at = at.at("decision");
    if notice.date < complaint.complained {
        check.push(Finding::error(
            check.file,
            &at.at("date"),
            format!(
                "the decision notice ({}) is dated before the complaint ({})",
                notice.date, complaint.complained
            ),
        ));
        return None;
    }
    for (key, date) in [("date", Some(notice.date)), ("complied", notice.complied)] {
        if let Some(date) = date.filter(|date| *date > today) {
            check.push(Finding::error(check.file, &at.at(key), format!("{date} is after today ({today})")));
        }
    }
    if notice.steps.as_deref().is_none_or(|steps| steps.trim().is_empty()) {
        if notice.complied.is_some() {
            check.push(
                Finding::error(check.file, &at.at("complied"), "the notice requires no steps to comply with")
                    .hint("record the steps it requires as `steps:`"),
            );
        }
        return Some(Some(DecisionNotice {
            reference: notice.reference.trim().to_owned(),
            date: notice.date,
            outcome: notice.outcome,
            steps_due: None,
            complied: notice.complied,
        }));
    }
    let days = authority.act.regulator.steps_within_days;
    let by = notice.date.0.checked_add_days(Days::new(u64::from(days))).map(Date)?;
    match notice.complied {
        Some(complied) if complied > by => check.push(
            Finding::warning(
                check.file,
                &at.at("complied"),
                format!("the notice's steps were taken on {complied}, after the {days} days it usually allows (by {by})"),
            )
            .hint("if the notice gave another date, that date is the one that counts"),
        ),
        Some(_) => {}
        None if today > by => check.push(
            Finding::warning(
                check.file,
                &at.at("steps"),
                format!(
                    "the decision notice {} required steps by {by} ({days} days from {}), and no `complied:` date is recorded",
                    notice.reference.trim(),
                    notice.date
                ),
            )
            .hint("take the steps and record `complied: YYYY-MM-DD`; not complying can be certified to the court as contempt"),
        ),
        None => {}
    }
    Some(Some(DecisionNotice {
        reference: notice.reference.trim().to_owned(),
        date: notice.date,
        outcome: notice.outcome,
        steps_due: Some(by),
        complied: notice.complied,
    }))
}
