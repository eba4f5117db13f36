//! Statistics of a casebook's requests, as the official returns count them: outcomes in the
//! Cabinet Office and OSIC categories, timeliness against the statutory deadline, and the
//! exemptions relied on, overall and per authority (reference notes B.5), and requests by
//! the calendar quarter they were received in, as the Cabinet Office's quarterly FOI
//! statistics and the Scottish Information Commissioner's statistics count them. Refusals
//! under s.12 and s.14 are not exemptions: the returns count them as procedural refusals,
//! in their own outcome categories, never under "exemptions relied on".
//!
//! The later stages are counted as the Cabinet Office's quarterly statistics count them:
//! internal reviews by the date they were asked for, with their outcome (upheld, upheld in
//! part, overturned) and whether they were decided in time (the Act's 20 working days);
//! complaints to the Commissioner by the date they were made, with the decision notices
//! issued on them and what they found. A period (`--from`, `--to`, `--quarter`) selects
//! requests by receipt, reviews by request and complaints by the complaint's date, so a
//! review in this quarter of a request answered last quarter counts in this one.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::Datelike;
use serde::Serialize;

use crate::casebook::{Complaint, Review};
use crate::model::values::Date;
use crate::model::{NoticeOutcome, ReviewOutcome};
use crate::response::{Outcome, Response};

/// One request as the statistics count it: its public response and its later stages.
#[derive(Debug, Clone, Copy)]
pub struct Case<'a> {
    /// The response (with the outcome as sent, when it was recorded).
    pub response: &'a Response,
    /// Its internal review, if one was asked for.
    pub review: Option<&'a Review>,
    /// Its complaint to the Commissioner, if one was made.
    pub complaint: Option<&'a Complaint>,
}

/// The days counted: each bound included, either open. The default counts everything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The first day counted, if any.
    pub from: Option<Date>,
    /// The last day counted, if any.
    pub to: Option<Date>,
}

impl Period {
    /// The calendar quarter `2024-Q2` (April to June 2024); `None` when `text` is not one.
    pub fn quarter(text: &str) -> Option<Self> {
        let (year, quarter) = text.trim().split_once(['-', ' '])?;
        let year: i32 = year.parse().ok()?;
        let quarter: u32 = quarter.strip_prefix(['Q', 'q'])?.parse().ok()?;
        if !(1..=4).contains(&quarter) {
            return None;
        }
        let from = chrono::NaiveDate::from_ymd_opt(year, quarter * 3 - 2, 1)?;
        let next = if quarter == 4 {
            chrono::NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
        } else {
            chrono::NaiveDate::from_ymd_opt(year, quarter * 3 + 1, 1)?
        };
        Some(Self { from: Some(Date(from)), to: next.pred_opt().map(Date) })
    }

    /// Whether `date` falls in the period.
    pub fn contains(&self, date: Date) -> bool {
        self.from.is_none_or(|from| date >= from) && self.to.is_none_or(|to| date <= to)
    }

    /// Whether the period is bounded at all.
    fn bounded(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }
}

/// Internal reviews asked for in the period, as the Cabinet Office statistics count them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Reviews {
    /// Reviews asked for.
    pub received: usize,
    /// Of those, decided so far.
    pub decided: usize,
    /// Decided: the original decision upheld in full.
    pub upheld: usize,
    /// Decided: upheld in part, changed in part.
    pub upheld_in_part: usize,
    /// Decided: the original decision overturned in full.
    pub overturned: usize,
    /// Decided within the Act's 20 working days from the request for review.
    pub in_time: usize,
    /// Decided after them.
    pub late: usize,
    /// Not yet decided.
    pub open: usize,
    /// Share of decided reviews decided in time, in per cent to one decimal place.
    pub in_time_percent: Option<f64>,
}

/// Complaints to the Commissioner made in the period, and the decision notices on them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Complaints {
    /// Complaints (FOIA s.50) or applications (FOISA s.47) made.
    pub made: usize,
    /// Of those, decided by a decision notice.
    pub decision_notices: usize,
    /// Notices upholding the complaint: the authority was wrong.
    pub upheld: usize,
    /// Notices upholding it in part.
    pub partly_upheld: usize,
    /// Notices not upholding it.
    pub not_upheld: usize,
    /// Complaints with no decision notice yet.
    pub open: usize,
}

/// Every outcome category, in the order the returns list them.
const OUTCOMES: [Outcome; 8] = Outcome::ALL;

/// Counts for a set of requests.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Tally {
    /// Requests received.
    pub requests: usize,
    /// Requests per outcome category, every category listed.
    pub outcomes: Vec<Count>,
    /// Requests answered so far.
    pub responded: usize,
    /// Answered by the statutory deadline (or within a permitted extension).
    pub in_time: usize,
    /// Of those, answered within a public interest extension (FOIA s.10(3)).
    pub with_extension: usize,
    /// Answered after the deadline.
    pub late: usize,
    /// Not yet answered.
    pub open: usize,
    /// Share of answered requests answered in time, in per cent to one decimal place.
    pub in_time_percent: Option<f64>,
    /// Requests relying on each exemption, most used first.
    pub exemptions: Vec<Count>,
    /// Internal reviews asked for in the period.
    pub reviews: Reviews,
    /// Complaints to the Commissioner made in the period.
    pub complaints: Complaints,
}

/// A labelled count.
#[derive(Debug, Clone, Serialize)]
pub struct Count {
    /// What is counted: an outcome category or an exemption.
    pub label: String,
    /// How many requests.
    pub count: usize,
}

/// Statistics overall, per authority and per calendar quarter.
#[derive(Debug, Clone, Serialize)]
pub struct Statistics {
    /// The days counted (both bounds `null`: every request).
    pub period: Period,
    /// Every request.
    pub overall: Tally,
    /// Per authority, by name.
    pub authorities: Vec<AuthorityTally>,
    /// Per calendar quarter of receipt, oldest first: every quarter from the first request's
    /// to the last one's, quarters without requests included (a gap is a fact too).
    pub quarters: Vec<QuarterTally>,
}

/// Requests received in one calendar quarter, and how they were answered.
#[derive(Debug, Clone, Serialize)]
pub struct QuarterTally {
    /// `2022-Q4`.
    pub quarter: String,
    /// `October to December 2022`.
    pub label: String,
    /// The quarter's first day, `YYYY-MM-DD`.
    pub start: String,
    /// Requests received in the quarter.
    pub requests: usize,
    /// Of those, answered by the deadline (or within a permitted extension).
    pub in_time: usize,
    /// Answered after the deadline.
    pub late: usize,
    /// Not yet answered.
    pub open: usize,
    /// Share of those answered that were answered in time, in per cent to one decimal place.
    pub in_time_percent: Option<f64>,
}

/// One authority's counts.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorityTally {
    /// The authority's name.
    pub authority: String,
    /// Its counts.
    pub tally: Tally,
}

impl Statistics {
    /// Counts `cases` in `period`: requests received in it, reviews asked for in it and
    /// complaints made in it. An authority is listed when anything of its is counted.
    pub fn of<'a>(cases: impl Iterator<Item = Case<'a>>, period: Period) -> Self {
        let cases: Vec<Case<'a>> = cases
            .filter(|case| {
                period.contains(case.response.received)
                    || case.review.is_some_and(|r| period.contains(r.requested))
                    || case.complaint.is_some_and(|c| period.contains(c.complained))
            })
            .collect();
        let mut by_authority: BTreeMap<&str, Vec<Case<'a>>> = BTreeMap::new();
        for case in &cases {
            by_authority.entry(&case.response.authority.name).or_default().push(*case);
        }
        let received: Vec<&Response> =
            cases.iter().map(|c| c.response).filter(|r| period.contains(r.received)).collect();
        Self {
            period,
            overall: tally(&cases, period),
            authorities: by_authority
                .into_iter()
                .map(|(name, list)| AuthorityTally {
                    authority: name.to_owned(),
                    tally: tally(&list, period),
                })
                .collect(),
            quarters: quarters(&received),
        }
    }

    /// The statistics as plain text, as `foi stats` prints them.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if self.period.bounded() {
            let bound = |date: Option<Date>, open: &str| date.map_or(open.to_owned(), |d| d.to_string());
            let _ = writeln!(
                out,
                "Period: {} to {}\n",
                bound(self.period.from, "the first request"),
                bound(self.period.to, "today")
            );
        }
        write_tally(&mut out, "All requests", &self.overall);
        if self.authorities.len() > 1 {
            for authority in &self.authorities {
                out.push('\n');
                write_tally(&mut out, &authority.authority, &authority.tally);
            }
        }
        if !self.quarters.is_empty() {
            out.push_str("\nBy quarter received              Requests  In time  Late  Open\n");
            for q in &self.quarters {
                let _ = writeln!(
                    out,
                    "  {:<30} {:>8} {:>8} {:>5} {:>5}",
                    q.label, q.requests, q.in_time, q.late, q.open
                );
            }
        }
        out
    }
}

/// Whether a response was sent by its deadline (the extended one, when a public interest
/// extension was taken under FOIA s.10(3)); `None` while it is not yet sent.
pub(crate) fn answered_in_time(response: &Response) -> Option<bool> {
    let deadline = response.extension.as_ref().map_or(response.due, |e| e.due);
    response.responded.map(|responded| responded <= deadline)
}

/// Calendar quarters run January to March, April to June, July to September and October to
/// December, as in the Cabinet Office's and the Scottish Information Commissioner's tables.
fn quarters(responses: &[&Response]) -> Vec<QuarterTally> {
    let key = |r: &Response| (r.received.0.year(), (r.received.0.month0() / 3) as usize);
    let (Some(first), Some(last)) =
        (responses.iter().map(|r| key(r)).min(), responses.iter().map(|r| key(r)).max())
    else {
        return Vec::new();
    };
    let mut counts: BTreeMap<(i32, usize), QuarterTally> = BTreeMap::new();
    let (mut year, mut quarter) = first;
    while (year, quarter) <= last {
        const NAMES: [&str; 4] =
            ["January to March", "April to June", "July to September", "October to December"];
        counts.insert(
            (year, quarter),
            QuarterTally {
                quarter: format!("{year}-Q{}", quarter + 1),
                label: format!("{} {year}", NAMES[quarter]),
                start: format!("{year:04}-{:02}-01", quarter * 3 + 1),
                requests: 0,
                in_time: 0,
                late: 0,
                open: 0,
                in_time_percent: None,
            },
        );
        (year, quarter) = if quarter == 3 { (year + 1, 0) } else { (year, quarter + 1) };
    }
    for response in responses {
        let Some(q) = counts.get_mut(&key(response)) else { continue };
        q.requests += 1;
        match answered_in_time(response) {
            None => q.open += 1,
            Some(true) => q.in_time += 1,
            Some(false) => q.late += 1,
        }
    }
    counts
        .into_values()
        .map(|mut q| {
            q.in_time_percent = percent(q.in_time, q.in_time + q.late);
            q
        })
        .collect()
}

fn percent(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| ((part as f64 * 1000.0 / whole as f64).round()) / 10.0)
}

fn tally(cases: &[Case<'_>], period: Period) -> Tally {
    let responses: Vec<&Response> =
        cases.iter().map(|c| c.response).filter(|r| period.contains(r.received)).collect();
    let mut tally = Tally { requests: responses.len(), ..Tally::default() };
    tally.reviews = reviews(cases.iter().filter_map(|c| c.review).filter(|r| period.contains(r.requested)));
    tally.complaints =
        complaints(cases.iter().filter_map(|c| c.complaint).filter(|c| period.contains(c.complained)));
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut exemptions: BTreeMap<String, usize> = BTreeMap::new();
    for response in &responses {
        *outcomes.entry(response.outcome.code()).or_default() += 1;
        // A request counts once for each exemption it relies on, however many notices (a
        // provision relied on both to withhold and to neither confirm nor deny has two).
        let relied: std::collections::BTreeSet<String> = response
            .notices
            .iter()
            .map(|notice| format!("{}: {}", notice.exemption.citation, notice.exemption.title))
            .collect();
        for label in relied {
            *exemptions.entry(label).or_default() += 1;
        }
        match (answered_in_time(response), response.responded) {
            (Some(true), Some(responded)) => {
                tally.responded += 1;
                tally.in_time += 1;
                if responded > response.due {
                    tally.with_extension += 1;
                }
            }
            (Some(_), _) => {
                tally.responded += 1;
                tally.late += 1;
            }
            (None, _) => tally.open += 1,
        }
    }
    tally.outcomes = OUTCOMES
        .iter()
        .map(|o| Count { label: o.label().to_owned(), count: outcomes.get(o.code()).copied().unwrap_or(0) })
        .collect();
    let mut exemptions: Vec<Count> =
        exemptions.into_iter().map(|(label, count)| Count { label, count }).collect();
    exemptions.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    tally.exemptions = exemptions;
    tally.in_time_percent = percent(tally.in_time, tally.responded);
    tally
}

/// Counts internal reviews: decided ones by outcome and by whether they met their due date.
fn reviews<'a>(reviews: impl Iterator<Item = &'a Review>) -> Reviews {
    let mut counts = Reviews::default();
    for review in reviews {
        counts.received += 1;
        let (Some(decided), Some(outcome)) = (review.decided, review.outcome) else {
            counts.open += 1;
            continue;
        };
        counts.decided += 1;
        match outcome {
            ReviewOutcome::Upheld => counts.upheld += 1,
            ReviewOutcome::UpheldInPart => counts.upheld_in_part += 1,
            ReviewOutcome::Overturned => counts.overturned += 1,
        }
        if decided <= review.due {
            counts.in_time += 1;
        } else {
            counts.late += 1;
        }
    }
    counts.in_time_percent = percent(counts.in_time, counts.decided);
    counts
}

/// Counts complaints to the Commissioner and the findings of their decision notices.
fn complaints<'a>(complaints: impl Iterator<Item = &'a Complaint>) -> Complaints {
    let mut counts = Complaints::default();
    for complaint in complaints {
        counts.made += 1;
        let Some(notice) = &complaint.decision else {
            counts.open += 1;
            continue;
        };
        counts.decision_notices += 1;
        match notice.outcome {
            NoticeOutcome::Upheld => counts.upheld += 1,
            NoticeOutcome::PartlyUpheld => counts.partly_upheld += 1,
            NoticeOutcome::NotUpheld => counts.not_upheld += 1,
        }
    }
    counts
}

/// The later stages' lines of a tally, when it counts any, aligned with the tally's.
fn write_later_stages(out: &mut String, tally: &Tally) {
    fn line(out: &mut String, label: &str, count: usize) {
        let _ = writeln!(out, "{label:<35}{count:>5}");
    }
    let r = &tally.reviews;
    if r.received > 0 {
        line(out, "  Internal reviews asked for", r.received);
        line(out, "    upheld", r.upheld);
        line(out, "    upheld in part", r.upheld_in_part);
        line(out, "    overturned", r.overturned);
        line(out, "    not yet decided", r.open);
        let percent = r.in_time_percent.map_or("none decided yet".to_owned(), |p| format!("{p:.1}%"));
        let _ = writeln!(
            out,
            "{:<35}{percent:>5} ({} of {})",
            "    decided in 20 working days", r.in_time, r.decided
        );
    }
    let c = &tally.complaints;
    if c.made > 0 {
        line(out, "  Complaints to the Commissioner", c.made);
        line(out, "    decision notices", c.decision_notices);
        line(out, "      complaint upheld", c.upheld);
        line(out, "      complaint partly upheld", c.partly_upheld);
        line(out, "      complaint not upheld", c.not_upheld);
        line(out, "    awaiting a decision", c.open);
    }
}

fn write_tally(out: &mut String, heading: &str, tally: &Tally) {
    let _ =
        writeln!(out, "{heading}: {} request{}", tally.requests, if tally.requests == 1 { "" } else { "s" });
    for outcome in &tally.outcomes {
        let _ = writeln!(out, "  {:<32} {:>5}", outcome.label, outcome.count);
    }
    let percent = tally.in_time_percent.map_or("no responses yet".to_owned(), |p| format!("{p:.1}%"));
    let _ = writeln!(
        out,
        "  Answered within the deadline      {percent:>5} ({} of {})",
        tally.in_time, tally.responded
    );
    if tally.with_extension > 0 {
        let _ = writeln!(out, "    of which within an extension   {:>5}", tally.with_extension);
    }
    let _ = writeln!(out, "  Late                             {:>5}", tally.late);
    let _ = writeln!(out, "  Not yet answered                 {:>5}", tally.open);
    if !tally.exemptions.is_empty() {
        let _ = writeln!(out, "  Exemptions relied on:");
        let width = tally.exemptions.iter().map(|e| e.label.chars().count()).max().unwrap_or(0);
        for exemption in &tally.exemptions {
            let _ = writeln!(out, "    {:<width$} {:>5}", exemption.label, exemption.count);
        }
    }
    write_later_stages(out, tally);
}
