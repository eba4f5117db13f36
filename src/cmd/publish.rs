//! `foi publish`: the disclosure log of one or more casebooks, written into a folder.
//!
//! Nothing is written when a casebook has an error that `foi check` would report.

use foi::site::PublishOptions;
use foi::{Warnings, write};

/// Publishes, and says on standard error what was written and removed (unless `quiet`).
pub fn run(options: &PublishOptions, quiet: bool) -> anyhow::Result<Warnings> {
    let summary = foi::site::publish(options)?;
    let warnings = super::fail_on_errors(summary.findings)?;
    if quiet {
        return Ok(warnings);
    }
    write::stderr(&format!(
        "published {} response{}: {} file{} written, {} removed\n",
        summary.published,
        if summary.published == 1 { "" } else { "s" },
        summary.written,
        if summary.written == 1 { "" } else { "s" },
        summary.removed
    ));
    Ok(warnings)
}
