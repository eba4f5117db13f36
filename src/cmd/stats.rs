//! `foi stats`: the statistics of one or more casebooks' requests, as text or JSON.
//!
//! Refused, like `foi publish`, when a casebook has an error that `foi check` would report.

use std::path::PathBuf;

use foi::model::values::Date;
use foi::site::Period;
use foi::{Warnings, write};

/// Prints the statistics of `period` on standard output.
pub fn run(casebooks: &[PathBuf], json: bool, today: Date, period: Period) -> anyhow::Result<Warnings> {
    if let (Some(from), Some(to)) = (period.from, period.to)
        && from > to
    {
        return Err(super::UsageError(format!("--from {from} is after --to {to}")).into());
    }
    let (statistics, findings) = foi::site::statistics(casebooks, today, period)?;
    let warnings = super::fail_on_errors(findings)?;
    let text = if json { serde_json::to_string_pretty(&statistics)? + "\n" } else { statistics.to_text() };
    write::stdout(text.as_bytes())?;
    Ok(warnings)
}
