//! `foi check`: every file of a casebook checked, every finding reported.

use std::path::PathBuf;

use super::UsageError;
use foi::model::values::Date;
use foi::{check, load, report};

/// What `foi check` was asked to do.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The casebook's folder, or any folder or file inside it.
    pub casebook: PathBuf,
    /// Today's date: no request may be dated later.
    pub today: Date,
    /// Whether warnings fail the check too.
    pub deny_warnings: bool,
    /// How to print the findings.
    pub format: report::ReportFormat,
    /// Whether text may be coloured (the caller knows the terminal).
    pub colour: bool,
}

/// What `foi check` prints, and whether the casebook passed.
#[derive(Debug, Clone)]
pub struct CheckOutput {
    /// The report, formatted.
    pub text: String,
    /// Whether `text` is data for standard output (JSON, annotations) rather than
    /// diagnostics for standard error.
    pub stdout: bool,
    /// No errors (and, with `deny_warnings`, no warnings).
    pub passed: bool,
}

/// `foi check`: every file of the casebook checked, every finding reported.
pub fn run(options: &CheckOptions) -> anyhow::Result<CheckOutput> {
    if !options.casebook.exists() {
        return Err(UsageError(format!("no folder or file at {}", options.casebook.display())).into());
    }
    let root = load::find_root(&options.casebook).map_err(|err| UsageError(format!("{err:#}")))?;
    let checked = check::casebook(&root, options.today);
    let report = &checked.report;
    let failing = report.errors() + if options.deny_warnings { report.warnings() } else { 0 };
    let passed = failing == 0;
    let shown = check::shown_root(&root);
    let (text, stdout) = match options.format {
        report::ReportFormat::Text => {
            let text_report = report.clone().in_folder(check::shown_folder(&root));
            let mut text = text_report.to_text_styled(options.colour);
            if report.findings().is_empty() {
                text = format!("{}: no problems found in {}\n", shown.display(), checked.files);
            } else if !passed && !report.has_errors() {
                text.push_str("warnings fail the check (--deny-warnings)\n");
            }
            (text, false)
        }
        report::ReportFormat::Json => (report.to_json(&shown), true),
        report::ReportFormat::Github => (report.to_github(&shown), true),
    };
    Ok(CheckOutput { text, stdout, passed })
}
