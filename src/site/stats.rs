//! Statistics of a casebook's requests, as the official returns count them: outcomes in the
//! Cabinet Office and OSIC categories, timeliness against the statutory deadline, and the
//! exemptions relied on, overall and per authority (reference notes B.5), and requests by
//! the calendar quarter they were received in, as the Cabinet Office's quarterly FOI
//! statistics and the Scottish Information Commissioner's statistics count them. Refusals
//! under s.12 and s.14 are not exemptions: the returns count them as procedural refusals,
//! in their own outcome categories, never under "exemptions relied on".

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::Datelike;
use serde::Serialize;

use crate::response::{Outcome, Response};

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
    /// Counts `responses`.
    pub fn of<'a>(responses: impl Iterator<Item = &'a Response>) -> Self {
        let responses: Vec<&Response> = responses.collect();
        let mut by_authority: BTreeMap<&str, Vec<&Response>> = BTreeMap::new();
        for response in &responses {
            by_authority.entry(&response.authority.name).or_default().push(response);
        }
        Self {
            overall: tally(&responses),
            authorities: by_authority
                .into_iter()
                .map(|(name, list)| AuthorityTally { authority: name.to_owned(), tally: tally(&list) })
                .collect(),
            quarters: quarters(&responses),
        }
    }

    /// The statistics as plain text, as `foi stats` prints them.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
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

fn tally(responses: &[&Response]) -> Tally {
    let mut tally = Tally { requests: responses.len(), ..Tally::default() };
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut exemptions: BTreeMap<String, usize> = BTreeMap::new();
    for response in responses {
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
}
