//! What the statistics page shows, worked out from the [`Statistics`]: the headline
//! figures, each table's rows with the share that sizes its bar, and one table comparing the
//! authorities. Categories no request fell into are named once in a sentence, not listed as
//! rows of zeros; the template (`site-stats.html`) only lays the figures out.

use serde::Serialize;

use super::stats::{Complaints, Count, Reviews, Statistics, Tally};

/// The statistics page's figures.
#[derive(Debug, Serialize)]
pub struct StatsPage {
    /// The figures at the top of the page.
    pub headline: Headline,
    /// Requests by outcome, only the outcomes that occurred.
    pub outcomes: Vec<Bar>,
    /// The outcome categories no request fell into.
    pub empty_outcomes: Vec<String>,
    /// Answered in time, late, still open.
    pub timeliness: Vec<Bar>,
    /// Requests by calendar quarter of receipt.
    pub quarters: Vec<QuarterRow>,
    /// Exemptions relied on, most used first.
    pub exemptions: Vec<Bar>,
    /// The authorities side by side, when there are several.
    pub comparison: Option<Comparison>,
    /// Internal reviews, when any was asked for.
    pub reviews: Option<LaterStage>,
    /// Complaints to the Commissioner, when any was made.
    pub complaints: Option<LaterStage>,
}

/// A later stage's figures: how many, and each outcome's row.
#[derive(Debug, Serialize)]
pub struct LaterStage {
    /// Reviews asked for, or complaints made.
    pub count: usize,
    /// One row per outcome that occurred, and one for those not yet decided.
    pub rows: Vec<Bar>,
    /// Reviews only: how many decided reviews were decided within the 20 working days.
    pub in_time: usize,
    /// Reviews only: how many are decided.
    pub decided: usize,
}

/// The headline figures.
#[derive(Debug, Serialize)]
pub struct Headline {
    /// Requests received.
    pub requests: usize,
    /// Answered so far.
    pub responded: usize,
    /// Answered in time.
    pub in_time: usize,
    /// The share of answered requests answered in time, as printed (`95%`, `95.5%`).
    pub in_time_percent: Option<String>,
    /// Not yet answered.
    pub open: usize,
    /// Answered late.
    pub late: usize,
}

/// One row of a table with a bar.
#[derive(Debug, Serialize)]
pub struct Bar {
    /// What is counted.
    pub label: String,
    /// How many requests.
    pub count: usize,
    /// The share of the table's whole, in per cent, as printed.
    pub share: String,
    /// The bar's width, in per cent of the cell (0 to 100, one decimal place).
    pub width: f64,
}

/// One calendar quarter.
#[derive(Debug, Serialize)]
pub struct QuarterRow {
    /// `October to December 2022`.
    pub label: String,
    /// `2022-Q4`.
    pub quarter: String,
    /// Requests received.
    pub requests: usize,
    /// Answered in time.
    pub in_time: usize,
    /// Answered late.
    pub late: usize,
    /// Not yet answered.
    pub open: usize,
    /// The share answered in time, as printed, when any was answered.
    pub in_time_percent: Option<String>,
    /// The bar's width: requests against the busiest quarter.
    pub width: f64,
}

/// The authorities compared: one row each, the outcome columns only for outcomes that
/// occurred somewhere.
#[derive(Debug, Serialize)]
pub struct Comparison {
    /// The outcome columns' headings.
    pub outcomes: Vec<String>,
    /// One row per authority, by name.
    pub rows: Vec<ComparisonRow>,
    /// Every authority together.
    pub total: ComparisonRow,
}

/// One authority's figures.
#[derive(Debug, Serialize)]
pub struct ComparisonRow {
    /// The authority.
    pub authority: String,
    /// Requests received.
    pub requests: usize,
    /// Answered in time.
    pub in_time: usize,
    /// The share answered in time, as printed.
    pub in_time_percent: Option<String>,
    /// Answered late.
    pub late: usize,
    /// Not yet answered.
    pub open: usize,
    /// Requests per outcome column.
    pub outcomes: Vec<usize>,
}

/// `95.0` → `95%`; `95.5` → `95.5%`.
fn percent_text(percent: f64) -> String {
    if percent.fract() == 0.0 { format!("{percent:.0}%") } else { format!("{percent:.1}%") }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { (part as f64 * 1000.0 / whole as f64).round() / 10.0 }
}

fn bars(counts: &[Count], whole: usize) -> Vec<Bar> {
    counts
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| {
            let width = share(c.count, whole);
            Bar { label: c.label.clone(), count: c.count, share: percent_text(width.round()), width }
        })
        .collect()
}

fn row(authority: &str, tally: &Tally, outcomes: &[String]) -> ComparisonRow {
    ComparisonRow {
        authority: authority.to_owned(),
        requests: tally.requests,
        in_time: tally.in_time,
        in_time_percent: tally.in_time_percent.map(percent_text),
        late: tally.late,
        open: tally.open,
        outcomes: outcomes
            .iter()
            .map(|label| tally.outcomes.iter().find(|o| &o.label == label).map_or(0, |o| o.count))
            .collect(),
    }
}

fn later_stage(reviews: &Reviews) -> Option<LaterStage> {
    let counts = [
        ("Upheld", reviews.upheld),
        ("Upheld in part", reviews.upheld_in_part),
        ("Overturned", reviews.overturned),
        ("Not yet decided", reviews.open),
    ]
    .map(|(label, count)| Count { label: label.to_owned(), count });
    (reviews.received > 0).then(|| LaterStage {
        count: reviews.received,
        rows: bars(&counts, reviews.received),
        in_time: reviews.in_time,
        decided: reviews.decided,
    })
}

fn complaints(complaints: &Complaints) -> Option<LaterStage> {
    let counts = [
        ("Complaint upheld", complaints.upheld),
        ("Complaint partly upheld", complaints.partly_upheld),
        ("Complaint not upheld", complaints.not_upheld),
        ("Awaiting a decision notice", complaints.open),
    ]
    .map(|(label, count)| Count { label: label.to_owned(), count });
    (complaints.made > 0).then(|| LaterStage {
        count: complaints.made,
        rows: bars(&counts, complaints.made),
        in_time: 0,
        decided: complaints.decision_notices,
    })
}

impl StatsPage {
    /// The page's figures for `statistics`.
    pub fn of(statistics: &Statistics) -> Self {
        let overall = &statistics.overall;
        let timeliness = [
            Count { label: "Answered within the deadline".to_owned(), count: overall.in_time },
            Count {
                label: "Of which within a public interest extension".to_owned(),
                count: overall.with_extension,
            },
            Count { label: "Answered late".to_owned(), count: overall.late },
            Count { label: "Not yet answered".to_owned(), count: overall.open },
        ];
        let busiest = statistics.quarters.iter().map(|q| q.requests).max().unwrap_or(0);
        let used: Vec<String> =
            overall.outcomes.iter().filter(|o| o.count > 0).map(|o| o.label.clone()).collect();
        let comparison = (statistics.authorities.len() > 1).then(|| Comparison {
            rows: statistics.authorities.iter().map(|a| row(&a.authority, &a.tally, &used)).collect(),
            total: row("All authorities", overall, &used),
            outcomes: used.clone(),
        });
        Self {
            headline: Headline {
                requests: overall.requests,
                responded: overall.responded,
                in_time: overall.in_time,
                in_time_percent: overall.in_time_percent.map(percent_text),
                open: overall.open,
                late: overall.late,
            },
            outcomes: bars(&overall.outcomes, overall.requests),
            empty_outcomes: overall
                .outcomes
                .iter()
                .filter(|o| o.count == 0)
                .map(|o| o.label.clone())
                .collect(),
            timeliness: bars(&timeliness, overall.requests),
            quarters: statistics
                .quarters
                .iter()
                .map(|q| QuarterRow {
                    label: q.label.clone(),
                    quarter: q.quarter.clone(),
                    requests: q.requests,
                    in_time: q.in_time,
                    late: q.late,
                    open: q.open,
                    in_time_percent: q.in_time_percent.map(percent_text),
                    width: share(q.requests, busiest),
                })
                .collect(),
            exemptions: bars(&overall.exemptions, overall.requests),
            comparison,
            reviews: later_stage(&overall.reviews),
            complaints: complaints(&overall.complaints),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_print_without_needless_decimals() {
        assert_eq!(percent_text(100.0), "100%");
        assert_eq!(percent_text(95.5), "95.5%");
        assert_eq!(share(1, 3), 33.3);
        assert_eq!(share(0, 0), 0.0);
    }

    #[test]
    fn categories_with_no_requests_are_not_rows() {
        let counts = [
            Count { label: "Granted in full".into(), count: 3 },
            Count { label: "Withheld in full".into(), count: 0 },
            Count { label: "Not held".into(), count: 1 },
        ];
        let rows = bars(&counts, 4);
        assert_eq!(
            rows.iter().map(|b| b.label.as_str()).collect::<Vec<_>>(),
            ["Granted in full", "Not held"]
        );
        assert_eq!((rows[0].share.as_str(), rows[0].width), ("75%", 75.0));
    }
}
