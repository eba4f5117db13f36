//! Checking what a casebook says about time: the bank holidays foi.yaml adds, and each
//! request's clarification, public interest extension, due date and lateness.
//!
//! The counting itself is `calendar`'s; this module turns its answers into findings at the
//! field that caused them.

use chrono::{Datelike, NaiveDate, Weekday};

use super::Check;
use crate::calendar::{self, Holiday, Origin};
use crate::casebook::{Authority, ClarificationSought, Extension};
use crate::model::values::Date;
use crate::model::{BankHolidayFile, RequestFile};
use crate::report::{Finding, Severity};
use crate::source::FieldPath;

/// The bank holidays foi.yaml adds to the calendar, checked.
pub(super) fn bank_holidays(check: &mut Check, listed: &[BankHolidayFile]) -> Vec<Holiday> {
    let mut out: Vec<Holiday> = Vec::new();
    for (i, raw) in listed.iter().enumerate() {
        let at = FieldPath::key("bank-holidays").index(i);
        let date = raw.date.0;
        if !(calendar::FIRST_YEAR..=calendar::LAST_YEAR).contains(&date.year()) {
            check.push(Finding::error(
                check.file,
                &at.at("date"),
                format!(
                    "{date} is outside the years foi computes deadlines for ({} to {})",
                    calendar::FIRST_YEAR,
                    calendar::LAST_YEAR
                ),
            ));
            continue;
        }
        if raw.name.trim().is_empty() {
            check.push(Finding::error(check.file, &at.at("name"), "the bank holiday needs a name"));
            continue;
        }
        if raw.nations.is_empty() {
            check.push(
                Finding::error(check.file, &at.at("nations"), "say where the bank holiday is kept")
                    .hint("list one or more of `england-and-wales`, `scotland`, `northern-ireland`"),
            );
            continue;
        }
        let weekend = match date.weekday() {
            Weekday::Sat => Some("Saturday"),
            Weekday::Sun => Some("Sunday"),
            _ => None,
        };
        if let Some(weekend) = weekend {
            check.push(Finding::warning(
                check.file,
                &at.at("date"),
                format!(
                    "{date} is a {weekend}: weekends are never working days, so this changes no deadline"
                ),
            ));
        }
        let mut nations = raw.nations.clone();
        nations.sort();
        nations.dedup();
        let known = calendar::builtin().holidays(date.year());
        let already = nations.iter().all(|n| known.iter().any(|h| h.date == date && h.nations.contains(n)));
        if already && !calendar::builtin().computed_by_rule(date.year()) {
            check.push(Finding::warning(
                check.file,
                &at.at("date"),
                format!("{date} is already a bank holiday there in the built-in calendar"),
            ));
        }
        if out.iter().any(|h| h.date == date) {
            check.push(Finding::warning(check.file, &at.at("date"), format!("{date} is listed twice")));
        }
        out.push(Holiday { date, name: raw.name.trim().to_owned(), nations, origin: Origin::Casebook });
    }
    out
}

/// What the checks of a request's dates decide.
pub(super) struct Dates {
    /// The statutory due date.
    pub due: Date,
    /// The public interest extension, if any.
    pub extension: Option<Extension>,
    /// The days other than weekends that the count of `due` skipped: Christmas Day, Good
    /// Friday and bank holidays, named, for a letter that says how the date was counted.
    pub skipped: Vec<(Date, String)>,
    /// The clarification asked for, checked.
    pub clarification_sought: Option<ClarificationSought>,
    /// When a clarification restarted the clock: the first count, from receipt, as the
    /// letters sent before the clarification arrived gave it (due date, skipped days).
    pub first_count: Option<(Date, Vec<(Date, String)>)>,
}

/// Checks a request's clarification and extension, computes its due dates, and warns when
/// the response was late. `None` when the dates are in error (reported).
pub(super) fn request(
    check: &mut Check,
    authority: &Authority,
    bank_holidays: &[Holiday],
    raw: &RequestFile,
) -> Option<Dates> {
    let clock = match raw.clarification {
        Some(clarification) if clarification < raw.received => {
            check.push(Finding::error(
                check.file,
                &FieldPath::key("clarification"),
                format!(
                    "the clarification ({clarification}) is dated before the request was received ({})",
                    raw.received
                ),
            ));
            return None;
        }
        Some(clarification) => Clock { start: clarification.0, key: "clarification" },
        None => Clock { start: raw.received.0, key: "received" },
    };
    let start = clock.start;
    if let Some(acknowledged) = raw.acknowledged
        && acknowledged < raw.received
    {
        check.push(Finding::error(
            check.file,
            &FieldPath::key("acknowledged"),
            format!(
                "the acknowledgement ({acknowledged}) is dated before the request was received ({})",
                raw.received
            ),
        ));
    }
    if let (Some(responded), Some(clarification)) = (raw.responded, raw.clarification)
        && responded < clarification
    {
        check.push(
            Finding::error(
                check.file,
                &FieldPath::key("responded"),
                format!("responded ({responded}) is before the clarification arrived ({clarification})"),
            )
            .hint("record `clarification:` only when the reply waited for it"),
        );
    }
    let jurisdiction = authority.jurisdiction;
    let count = |days: u32| calendar::due(start, days, jurisdiction, bank_holidays);
    let deadline = match count(authority.act.working_days) {
        Ok(deadline) => deadline,
        Err(err) => {
            check.push(Finding::error(check.file, &FieldPath::key(clock.key), err.to_string()));
            return None;
        }
    };
    let extension = raw.extension.as_ref().and_then(|raw_extension| {
        let at = FieldPath::key("extension");
        let Some(most) = authority.act.public_interest_extension else {
            // At the key: the whole entry is what must go, and a block value starts a line later.
            let key = check.file.locate_key(&at);
            check.push(
                Finding::at(
                    Severity::Error,
                    check.file,
                    &at,
                    key,
                    format!(
                        "{} has no public interest extension: its section 10 has no counterpart of FOIA \
                         s.10(3), so the public interest must be weighed within the {} working days",
                        authority.act.short, authority.act.working_days
                    ),
                )
                .hint("remove `extension:`; a reply that needed longer was late"),
            );
            return None;
        };
        if raw_extension.reason.trim().is_empty() {
            check.push(
                Finding::error(
                    check.file,
                    &at.at("reason"),
                    "say why the public interest test needs more time",
                )
                .hint("e.g. the third parties being consulted: the letter gives the reason"),
            );
            return None;
        }
        // The estimate given in the s.17(2) notice: further working days, or the date itself.
        let (days, extended) = match (raw_extension.days, raw_extension.estimate) {
            (Some(_), Some(_)) => {
                check.push(
                    Finding::error(check.file, &at, "give the estimate as `days` or as `estimate`, not both")
                        .hint("`estimate: YYYY-MM-DD` is the date the s.17(2) notice gave; `days` counts working days after day 20"),
                );
                return None;
            }
            (None, None) => {
                check.push(
                    Finding::error(check.file, &at, "the s.17(2) notice must estimate when the decision will be made")
                        .hint("give `estimate: YYYY-MM-DD`, the date the notice gave, or `days`: working days after day 20"),
                );
                return None;
            }
            (Some(days), None) => {
                if days == 0 || days > most {
                    check.push(
                        Finding::error(
                            check.file,
                            &at.at("days"),
                            format!("an extension of {days} working days is outside 1 to {most}"),
                        )
                        .hint(format!(
                            "the ICO expects a public interest extension of no more than {most} working days"
                        )),
                    );
                    return None;
                }
                (days, count(authority.act.working_days + days).ok()?.due)
            }
            (None, Some(estimate)) => {
                let last = count(authority.act.working_days + most).ok()?.due;
                if estimate.0 <= deadline.due || estimate.0 > last {
                    check.push(
                        Finding::error(
                            check.file,
                            &at.at("estimate"),
                            format!(
                                "the estimate {estimate} is not after the due date ({}) and by {last}",
                                deadline.due
                            ),
                        )
                        .hint(format!(
                            "an extension runs after working day {}; the ICO expects no more than {most} working days more",
                            authority.act.working_days
                        )),
                    );
                    return None;
                }
                let days = (1..=most)
                    .find(|d| count(authority.act.working_days + d).is_ok_and(|c| c.due >= estimate.0))
                    .unwrap_or(most);
                (days, estimate.0)
            }
        };
        // s.10(3) does not move the time for the s.17(1) notice: it is due by day 20, and
        // under s.17(2) it says that no decision has been reached and estimates when it will be.
        let sent = raw_extension.notice_sent;
        if sent < raw.received || sent.0 > deadline.due {
            check.push(
                Finding::error(
                    check.file,
                    &at.at("notice-sent"),
                    format!(
                        "the s.17(2) notice is dated {sent}, but it was due between receipt ({}) and working day {} ({})",
                        raw.received, authority.act.working_days, deadline.due
                    ),
                )
                .hint("an extension is claimed by a notice sent in time; if it was late, remove `extension:`: the reply was then late"),
            );
            return None;
        }
        if raw.responded.is_some_and(|r| r < sent) {
            check.push(Finding::error(
                check.file,
                &at.at("notice-sent"),
                format!("the s.17(2) notice ({sent}) is dated after the response"),
            ));
            return None;
        }
        Some(Extension {
            days,
            reason: raw_extension.reason.trim().to_owned(),
            notice_sent: sent,
            due: Date(extended),
        })
    });
    let final_due = extension.as_ref().map_or(deadline.due, |e| e.due.0);
    past_the_data(check, start, final_due, clock.key);
    if let Some(responded) = raw.responded
        && responded.0 > final_due
    {
        let days = authority.act.working_days + extension.as_ref().map_or(0, |e| e.days);
        late(check, authority, responded.0, final_due, days, &clock, bank_holidays);
    }
    let skipped = skipped_days(&deadline);
    // Whether clarification was sought in time is judged against the reply's first due
    // date, counted from receipt, not from the clarification that restarted it.
    let first = (clock.key == "clarification")
        .then(|| calendar::due(raw.received.0, authority.act.working_days, jurisdiction, bank_holidays).ok())
        .flatten();
    let first_due = first.as_ref().map_or(deadline.due, |d| d.due);
    let first_count = first.as_ref().map(|d| (Date(d.due), skipped_days(d)));
    let clarification_sought = clarification_sought(check, authority, raw, Date(first_due));
    Some(Dates { due: Date(deadline.due), extension, skipped, clarification_sought, first_count })
}

/// The days other than weekends that a count left out, named.
fn skipped_days(deadline: &calendar::Deadline) -> Vec<(Date, String)> {
    deadline
        .trace
        .iter()
        .filter(|day| day.status == calendar::DayStatus::NotWorking)
        // A holiday at a weekend changes nothing: only weekdays left out are worth naming.
        .filter(|day| day.reasons.iter().all(|r| r.kind != calendar::ReasonKind::Weekend))
        .filter_map(|day| {
            let holiday = day.reasons.first()?;
            // FOIA counts a bank holiday in any part of the UK: say where one is kept when it
            // is not kept everywhere the Act reaches.
            let everywhere = calendar::Nation::ALL
                .iter()
                .all(|n| holiday.nations.is_empty() || holiday.nations.contains(n));
            let name = if everywhere {
                holiday.name.clone()
            } else {
                let kept: Vec<&str> = holiday.nations.iter().map(|n| n.name()).collect();
                format!("{}, a bank holiday in {}", holiday.name, kept.join(" and "))
            };
            Some((Date(day.date), name))
        })
        .collect()
}

/// Checks the request for clarification (s.1(3)): dated between receipt and its reply,
/// asking something, and sent in time. `due` is the request's due date as counted.
fn clarification_sought(
    check: &mut Check,
    authority: &Authority,
    raw: &RequestFile,
    due: Date,
) -> Option<ClarificationSought> {
    let sought = raw.clarification_sought.as_ref()?;
    let at = FieldPath::key("clarification-sought");
    let mut ok = true;
    if sought.date < raw.received {
        check.push(Finding::error(
            check.file,
            &at.at("date"),
            format!(
                "clarification was sought ({}) before the request was received ({})",
                sought.date, raw.received
            ),
        ));
        ok = false;
    }
    if let Some(reply) = raw.clarification
        && reply < sought.date
    {
        check.push(
            Finding::error(
                check.file,
                &FieldPath::key("clarification"),
                format!("the clarification arrived ({reply}) before it was sought ({})", sought.date),
            )
            .hint("`clarification:` is the date the requester's reply arrived"),
        );
        ok = false;
    }
    if sought.points.is_empty() {
        check.push(
            Finding::error(check.file, &at.at("points"), "say what is unclear about the request")
                .hint("one question or point per item, each a full sentence"),
        );
        ok = false;
    }
    for (index, point) in sought.points.iter().enumerate() {
        if point.trim().is_empty() {
            check.push(Finding::error(check.file, &at.at("points").index(index), "this point is empty"));
            ok = false;
        }
    }
    // The clock stops only from the day clarification is sought; by working day 20 the
    // reply itself was due (s.10(1)), so asking later cannot excuse a late reply. The s.45
    // Code of Practice asks for clarification to be sought as soon as possible.
    if ok && sought.date > due {
        check.push(
            Finding::warning(
                check.file,
                &at.at("date"),
                format!(
                    "clarification was sought on {}, after the reply to the request was due ({due}, \
                     working day {} from receipt on {})",
                    sought.date, authority.act.working_days, raw.received
                ),
            )
            .hint("seek clarification as soon as the request is found unclear: asking late does not stop a clock that has run out"),
        );
    }
    ok.then(|| ClarificationSought {
        date: sought.date,
        points: sought.points.iter().map(|p| p.trim().to_owned()).collect(),
    })
}

/// Warns when a due date relies on years the data file does not cover.
fn past_the_data(check: &mut Check, start: NaiveDate, due: NaiveDate, key: &str) {
    let calendar = calendar::builtin();
    if (start.year()..=due.year()).any(|y| calendar.computed_by_rule(y)) {
        let (from, to) = calendar.covers();
        check.push(
            Finding::warning(
                check.file,
                &FieldPath::key(key),
                format!(
                    "the deadline is counted with bank holidays computed by rule (the built-in calendar covers \
                     {from} to {to}), so proclaimed one-off days may be missing"
                ),
            )
            .hint("add any newly proclaimed bank holiday under `bank-holidays:` in foi.yaml"),
        );
    }
}

/// When the clock started: the day of receipt, or the day a clarification arrived.
struct Clock {
    start: NaiveDate,
    key: &'static str,
}

/// Warns that the response went out after `due`, working day `days` of the clock.
fn late(
    check: &mut Check,
    authority: &Authority,
    responded: NaiveDate,
    due: NaiveDate,
    days: u32,
    clock: &Clock,
    bank_holidays: &[Holiday],
) {
    let standard = days == authority.act.working_days;
    let what = if standard { "the deadline" } else { "the extended deadline" };
    let mut days_arg = if standard { String::new() } else { format!(" --days {days}") };
    if !bank_holidays.is_empty() {
        // Without the casebook, `foi due` would count without the days foi.yaml adds.
        days_arg.push_str(" --casebook .");
    }
    let from = if clock.key == "clarification" { "the clarification" } else { "receipt" };
    let start = clock.start;
    let act = authority.jurisdiction.as_str();
    check.push(
        Finding::warning(
            check.file,
            &FieldPath::key("responded"),
            format!(
                "responded {responded}, after {what} of {due} counted from {from} on {start}: \
                 the response was late"
            ),
        )
        .hint(format!(
            "if the clock stopped while clarification was sought (s.1(3)), record `clarification: DATE`; \
             `foi due {start} --jurisdiction {act}{days_arg} --explain` shows the count"
        )),
    );
}
