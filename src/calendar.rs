//! Working days, bank holidays and statutory deadlines: pure functions, no clock.
//!
//! Owns the answer to "when is the response due?" (SPEC §5) and the trace that explains
//! it. FOIA s.10(1) and FOISA s.10(1) give 20 working days "following the date of
//! receipt": the day of receipt is day 0, wherever it falls, and day 1 is the first working
//! day after it. FOIA s.10(6) makes every Saturday, Sunday, Christmas Day, Good Friday and
//! bank holiday in *any* part of the United Kingdom a non-working day; FOISA s.73 counts
//! Saturdays, Sundays, Christmas Day and Scottish bank holidays only.
//!
//! The bank holidays come from `src/data/bank-holidays.tsv` (the UK government's list, see
//! its header) for the years it covers; other years are computed by rule (`holidays`), and
//! a deadline that relies on such a year says that proclaimed one-off days may be missing.
//! A casebook may add days proclaimed after this build (`bank-holidays:` in foi.yaml).
//! This module reads no files and never looks at today's date.

mod data;
mod explain;
pub(crate) mod holidays;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::jurisdiction::Jurisdiction;

/// First year `foi` computes deadlines for: FOIA's and FOISA's rights of access came into
/// force on 1 January 2005.
pub const FIRST_YEAR: i32 = 2005;

/// Last year `foi` computes deadlines for. Rules far ahead are guesses, and a bound keeps
/// every count short.
pub const LAST_YEAR: i32 = 2100;

/// A part of the United Kingdom with its own bank holidays.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Nation {
    /// England and Wales (one list for both).
    EnglandAndWales,
    /// Scotland.
    Scotland,
    /// Northern Ireland.
    NorthernIreland,
}

impl Nation {
    /// Every nation, in the order gov.uk lists them.
    pub const ALL: [Nation; 3] = [Nation::EnglandAndWales, Nation::Scotland, Nation::NorthernIreland];

    /// The name as printed: `England and Wales`.
    pub fn name(self) -> &'static str {
        match self {
            Nation::EnglandAndWales => "England and Wales",
            Nation::Scotland => "Scotland",
            Nation::NorthernIreland => "Northern Ireland",
        }
    }

    /// The code used in the data file: `ew`, `sc`, `ni`.
    pub fn code(self) -> &'static str {
        match self {
            Nation::EnglandAndWales => "ew",
            Nation::Scotland => "sc",
            Nation::NorthernIreland => "ni",
        }
    }
}

/// Where a bank holiday comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// The built-in data file (the UK government's published list).
    Data,
    /// Computed by rule for a year past the data: proclaimed one-off days may be missing.
    Rule,
    /// Added by the casebook in foi.yaml (`bank-holidays:`).
    Casebook,
}

/// A bank holiday: a weekday on which one or more nations have a holiday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holiday {
    /// The day (a weekday: a holiday at a weekend is listed as its substitute day).
    pub date: NaiveDate,
    /// Name, e.g. `St Andrew's Day` or `Boxing Day (substitute day)`.
    pub name: String,
    /// The nations where it is a bank holiday, in [`Nation::ALL`] order.
    pub nations: Vec<Nation>,
    /// Where it comes from.
    pub origin: Origin,
}

/// The built-in calendar: the data file, and the rules for the years beyond it.
#[derive(Debug)]
pub struct Calendar {
    data: data::Data,
}

/// The built-in calendar, parsed once.
///
/// The data file is part of the binary and covered by tests, so a parse failure is a
/// build defect, not bad input.
pub fn builtin() -> &'static Calendar {
    static CELL: OnceLock<Calendar> = OnceLock::new();
    CELL.get_or_init(|| match data::parse(data::TEXT) {
        Ok(data) => Calendar { data },
        Err(err) => panic!("built-in bank holiday data is invalid: {err}"),
    })
}

impl Calendar {
    /// First and last year the data file covers.
    pub fn covers(&self) -> (i32, i32) {
        (self.data.first_year, self.data.last_year)
    }

    /// When the data was taken from its source.
    pub fn taken(&self) -> NaiveDate {
        self.data.taken
    }

    /// Whether `year`'s bank holidays come from the rules rather than the data file.
    pub fn computed_by_rule(&self, year: i32) -> bool {
        !self.data.years.contains_key(&year)
    }

    /// The bank holidays of `year` in date order: the data file's, or computed by rule.
    pub fn holidays(&self, year: i32) -> Vec<Holiday> {
        match self.data.years.get(&year) {
            Some(listed) => listed.clone(),
            None => holidays::regular(year),
        }
    }
}

/// Which days an Act counts as working days (its `non-working-days` in
/// `jurisdictions.yaml`).
#[derive(Debug, Clone, Copy)]
struct WorkingDays {
    /// Nations whose bank holidays are non-working days, by place in [`Nation::ALL`].
    nations: [bool; 3],
    /// Whether Good Friday is named as a non-working day in its own right.
    good_friday: bool,
    /// The provision defining a working day, as cited in explanations.
    section: &'static str,
}

impl WorkingDays {
    fn of(jurisdiction: Jurisdiction) -> Self {
        let rule = &jurisdiction.act().non_working_days;
        let nations =
            Nation::ALL.map(|nation| rule.bank_holidays_of.iter().any(|code| code == nation.code()));
        WorkingDays { nations, good_friday: rule.good_friday, section: &rule.section }
    }

    /// Whether the bank holidays of `nation` are non-working days.
    fn counts(self, nation: Nation) -> bool {
        Nation::ALL.iter().position(|n| *n == nation).is_some_and(|at| self.nations[at])
    }
}

/// Why a day is not a working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// What kind of reason.
    pub kind: ReasonKind,
    /// `Saturday`, `Christmas Day`, `St Andrew's Day`.
    pub name: String,
    /// For a bank holiday: the nations keeping it; otherwise empty.
    pub nations: Vec<Nation>,
    /// For a bank holiday: where it comes from.
    pub origin: Option<Origin>,
}

/// Kinds of non-working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonKind {
    /// Saturday or Sunday.
    Weekend,
    /// 25 December, named in the Act itself.
    ChristmasDay,
    /// Good Friday, named in FOIA s.10(6) itself.
    GoodFriday,
    /// A bank holiday under the Banking and Financial Dealings Act 1971.
    BankHoliday,
}

/// What a day in the count was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DayStatus {
    /// The day the request (or its clarification) was received: day 0.
    Received,
    /// A working day, counted.
    WorkingDay,
    /// Not a working day, skipped.
    NotWorking,
}

/// One day of the count, from the day of receipt to the due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TraceDay {
    /// The day.
    pub date: NaiveDate,
    /// Received, counted or skipped.
    pub status: DayStatus,
    /// For a working day: its number, from 1.
    pub working_day: Option<u32>,
    /// Why the day is not a working day (for the day of receipt, why it would not be).
    pub reasons: Vec<Reason>,
    /// Bank holidays on this day in nations the Act does not count: the day is a working
    /// day all the same (under FOISA, e.g. Easter Monday).
    pub elsewhere: Vec<Reason>,
}

/// A statutory deadline and how it was counted. Serialised for `foi due --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// The Act whose working days were counted.
    pub jurisdiction: Jurisdiction,
    /// Day 0: the day of receipt (or of a clarification, which restarts the clock).
    pub received: NaiveDate,
    /// Working days counted.
    pub days: u32,
    /// The due date: working day `days` after `received`.
    pub due: NaiveDate,
    /// Every day from `received` to `due`, inclusive.
    pub trace: Vec<TraceDay>,
    /// Caveats about the calendar used, e.g. years computed by rule.
    pub notes: Vec<String>,
    /// The built-in calendar's coverage and date.
    pub calendar: CalendarInfo,
}

/// Why a deadline cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeadlineError {
    /// A date outside the years `foi` computes deadlines for.
    OutOfRange(NaiveDate),
    /// The count from a date inside those years would end after their last day.
    RunsPast {
        /// The day the count starts from.
        received: NaiveDate,
        /// The working days asked for.
        days: u32,
    },
    /// Zero working days asked for.
    NoDays,
}

impl fmt::Display for DeadlineError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            DeadlineError::OutOfRange(date) => write!(
                f,
                "{date} is outside the years foi computes deadlines for ({FIRST_YEAR} to {LAST_YEAR})"
            ),
            DeadlineError::RunsPast { received, days } => write!(
                f,
                "{days} working day{} from {received} would end after 31 December {LAST_YEAR}, the last \
                 day foi computes deadlines for (the years {FIRST_YEAR} to {LAST_YEAR})",
                if *days == 1 { "" } else { "s" }
            ),
            DeadlineError::NoDays => f.write_str("a deadline needs at least one working day"),
        }
    }
}

impl std::error::Error for DeadlineError {}

/// The date `days` working days after `received` under `jurisdiction`'s Act, with the
/// trace of the count. `extra_days` are bank holidays the casebook adds to the calendar.
pub fn due(
    received: NaiveDate,
    days: u32,
    jurisdiction: Jurisdiction,
    extra_days: &[Holiday],
) -> Result<Deadline, DeadlineError> {
    count(received, days, jurisdiction, WorkingDays::of(jurisdiction), extra_days)
}

/// Whether `date` is a working day under `jurisdiction`'s Act.
pub fn is_working_day(date: NaiveDate, jurisdiction: Jurisdiction, extra_days: &[Holiday]) -> bool {
    let mut years = Years::new(extra_days);
    classify(date, WorkingDays::of(jurisdiction), years.get(date.year())).0.is_empty()
}

fn in_range(date: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&date.year())
}

fn count(
    received: NaiveDate,
    days: u32,
    jurisdiction: Jurisdiction,
    rules: WorkingDays,
    extra_days: &[Holiday],
) -> Result<Deadline, DeadlineError> {
    if !in_range(received) {
        return Err(DeadlineError::OutOfRange(received));
    }
    if days == 0 {
        return Err(DeadlineError::NoDays);
    }
    let mut years = Years::new(extra_days);
    let (reasons, elsewhere) = classify(received, rules, years.get(received.year()));
    let mut trace =
        vec![TraceDay { date: received, status: DayStatus::Received, working_day: None, reasons, elsewhere }];
    let (mut day, mut counted) = (received, 0);
    while counted < days {
        day = day.succ_opt().filter(|d| in_range(*d)).ok_or(DeadlineError::RunsPast { received, days })?;
        let (reasons, elsewhere) = classify(day, rules, years.get(day.year()));
        let (status, working_day) = if reasons.is_empty() {
            counted += 1;
            (DayStatus::WorkingDay, Some(counted))
        } else {
            (DayStatus::NotWorking, None)
        };
        trace.push(TraceDay { date: day, status, working_day, reasons, elsewhere });
    }
    let notes = explain::notes(received, day);
    Ok(Deadline { jurisdiction, received, days, due: day, trace, notes, calendar: builtin().info() })
}

/// The calendar a deadline was counted with, for the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CalendarInfo {
    /// When the built-in data was taken from the UK government's list.
    pub taken: NaiveDate,
    /// First year the data covers; other years are computed by rule.
    pub first_year: i32,
    /// Last year the data covers.
    pub last_year: i32,
}

impl Calendar {
    /// Where this calendar's data comes from and what it covers.
    pub fn info(&self) -> CalendarInfo {
        CalendarInfo {
            taken: self.data.taken,
            first_year: self.data.first_year,
            last_year: self.data.last_year,
        }
    }
}

/// The bank holidays of each year met during a count, built once per year.
struct Years<'a> {
    extra: &'a [Holiday],
    cache: BTreeMap<i32, Vec<Holiday>>,
}

impl<'a> Years<'a> {
    fn new(extra: &'a [Holiday]) -> Self {
        Self { extra, cache: BTreeMap::new() }
    }

    fn get(&mut self, year: i32) -> &[Holiday] {
        let extra = self.extra;
        self.cache.entry(year).or_insert_with(|| {
            let mut holidays = builtin().holidays(year);
            holidays.extend(extra.iter().filter(|h| h.date.year() == year).cloned());
            holidays
        })
    }
}

/// Why `date` is not a working day under `rules` (empty: it is one), and the bank holidays
/// on it that `rules` does not count.
fn classify(date: NaiveDate, rules: WorkingDays, holidays: &[Holiday]) -> (Vec<Reason>, Vec<Reason>) {
    let plain = |kind, name: &str| Reason { kind, name: name.to_owned(), nations: Vec::new(), origin: None };
    let mut reasons = Vec::new();
    match date.weekday() {
        Weekday::Sat => reasons.push(plain(ReasonKind::Weekend, "Saturday")),
        Weekday::Sun => reasons.push(plain(ReasonKind::Weekend, "Sunday")),
        _ => {}
    }
    // Both Acts name Christmas Day itself, so it is never a working day, whatever the data.
    if date.month() == 12 && date.day() == 25 {
        reasons.push(plain(ReasonKind::ChristmasDay, "Christmas Day"));
    }
    if rules.good_friday && holidays::good_friday(date.year()) == Some(date) {
        reasons.push(plain(ReasonKind::GoodFriday, "Good Friday"));
    }
    let mut elsewhere = Vec::new();
    for holiday in holidays.iter().filter(|h| h.date == date) {
        let reason = Reason {
            kind: ReasonKind::BankHoliday,
            name: holiday.name.clone(),
            nations: holiday.nations.clone(),
            origin: Some(holiday.origin),
        };
        if holiday.nations.iter().any(|n| rules.counts(*n)) {
            // Christmas Day and Good Friday already stand as the Act's own words.
            if !reasons.iter().any(|r| r.name == holiday.name) {
                reasons.push(reason);
            }
        } else {
            elsewhere.push(reason);
        }
    }
    (reasons, elsewhere)
}

#[cfg(test)]
mod tests;
