//! `foi check`: every file of a casebook checked, every finding reported.

use std::path::{Path, PathBuf};

use super::UsageError;
use foi::model::values::Date;
use foi::{Files, check, report};

/// What `foi check` was asked to do.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The casebooks' folders, or any folder or file inside each: one, or several checked
    /// together as they are published together.
    pub casebooks: Vec<PathBuf>,
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
    let mut roots = Vec::with_capacity(options.casebooks.len());
    for casebook in &options.casebooks {
        if !casebook.exists() {
            return Err(UsageError(format!("no folder or file at {}", casebook.display())).into());
        }
        let root = foi::find_root(casebook).map_err(|err| UsageError(format!("{err:#}")))?;
        // Named twice (`foi check . examples/x` from inside it) is checked once.
        if !roots.contains(&root) {
            roots.push(root);
        }
    }
    match roots.as_slice() {
        [root] => one(root, options),
        _ => together(&roots, options),
    }
}

/// One casebook: files named from its folder.
fn one(root: &Path, options: &CheckOptions) -> anyhow::Result<CheckOutput> {
    let checked = check::casebook(root, options.today);
    let report = &checked.report;
    let passed = passes(report, options.deny_warnings);
    let shown = check::shown_root(root);
    let (text, stdout) = match options.format {
        report::ReportFormat::Text => {
            let text_report = report.clone().in_folder(check::shown_folder(root));
            let mut text = text_report.to_text_styled(options.colour);
            if report.findings().is_empty() {
                text = format!("{}: no problems found in {}\n", shown.display(), checked.files);
            } else if !passed && !report.has_errors() {
                text.push_str(DENIED);
            }
            (text, false)
        }
        report::ReportFormat::Json => (report.to_json(&shown), true),
        report::ReportFormat::Github => (report.to_github(&shown), true),
    };
    Ok(CheckOutput { text, stdout, passed })
}

/// Several casebooks, as `foi publish` publishes them together: files named from the
/// current folder, as compilers name them.
fn together(roots: &[PathBuf], options: &CheckOptions) -> anyhow::Result<CheckOutput> {
    // Text names files as a compiler does; JSON and annotations from the current folder,
    // with `..` where needed, as they name one casebook's files.
    let shown = |root: &PathBuf| match options.format {
        report::ReportFormat::Text => check::shown_folder(root),
        report::ReportFormat::Json | report::ReportFormat::Github => check::shown_root(root),
    };
    let casebooks: Vec<(Files, PathBuf)> =
        roots.iter().map(|root| (Files::disk(root.clone()), shown(root))).collect();
    let together = foi::open_together(&casebooks, options.today);
    let report = &together.report;
    let passed = passes(report, options.deny_warnings);
    let (text, stdout) = match options.format {
        report::ReportFormat::Text => {
            let mut text = report.to_text_styled(options.colour);
            if report.findings().is_empty() {
                text = together
                    .casebooks
                    .iter()
                    .map(|(folder, opened)| {
                        format!("{}: no problems found in {}\n", folder.display(), opened.counts)
                    })
                    .collect();
            } else if !passed && !report.has_errors() {
                text.push_str(DENIED);
            }
            (text, false)
        }
        report::ReportFormat::Json => (report.to_json(Path::new(".")), true),
        report::ReportFormat::Github => (report.to_github(Path::new(".")), true),
    };
    Ok(CheckOutput { text, stdout, passed })
}

/// What a check that found only warnings says under `--deny-warnings`.
const DENIED: &str = "warnings fail the check (--deny-warnings)\n";

/// No errors, and with `deny_warnings` no warnings.
fn passes(report: &report::Report, deny_warnings: bool) -> bool {
    report.errors() + if deny_warnings { report.warnings() } else { 0 } == 0
}
