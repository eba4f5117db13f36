//! `foi stats`: the statistics of one or more casebooks' requests, as text or JSON.
//!
//! Refused, like `foi publish`, when a casebook has an error that `foi check` would report.

use std::path::PathBuf;

use foi::model::values::Date;
use foi::{Warnings, write};

/// Prints the statistics on standard output.
pub fn run(casebooks: &[PathBuf], json: bool, today: Date) -> anyhow::Result<Warnings> {
    let (statistics, findings) = foi::site::statistics(casebooks, today)?;
    let warnings = super::fail_on_errors(findings)?;
    let text = if json { serde_json::to_string_pretty(&statistics)? + "\n" } else { statistics.to_text() };
    write::stdout(text.as_bytes())?;
    Ok(warnings)
}
