//! `foi` answers UK Freedom of Information round-robin requests from a casebook of facts.
//!
//! Every command runs the same pipeline, top to bottom:
//!
//! ```text
//! load → validate → apply rules → render → write
//! ```
//!
//! [`load`] reads the casebook's YAML files; [`validate`] turns them into checked types or
//! a [`Report`] of every finding; [`rules`] resolves a request into a [`Response`] (what is
//! disclosed, withheld and why); [`mod@render`] phrases it through the [`templates`]; [`mod@write`]
//! is the only module that touches the disk.

pub mod casebook;
pub mod check;
pub mod cli;
pub mod exemptions;
pub mod jurisdiction;
pub mod load;
pub mod model;
pub mod questionnaire;
pub mod render;
pub mod report;
pub mod response;
pub mod rules;
pub mod schema;
pub mod shape;
pub mod source;
pub mod templates;
pub mod validate;
pub mod write;

use std::path::{Path, PathBuf};

use anyhow::Context;

pub use report::Report;
pub use response::Response;

use casebook::{Casebook, Request};
use model::Layout;
use model::values::Date;
use report::Severity;
pub use rules::Audience;

/// A problem with how `foi` was asked to run (exit code 2), as opposed to a problem found
/// in the casebook (exit code 1).
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Warnings found along the way, printed to standard error by the caller.
pub type Warnings = Vec<report::Finding>;

/// Loads and checks the casebook holding `path`, and the request at `path`, as at `today`.
///
/// Returns the errors as a [`Report`] when there are any; warnings are returned beside the
/// result.
pub fn load_request(path: &Path, today: Date) -> anyhow::Result<(Casebook, Request, Warnings)> {
    if !path.is_file() {
        return Err(UsageError(format!("no request file at {}", path.display())).into());
    }
    let root = load::find_root(path).map_err(|err| UsageError(format!("{err:#}")))?;
    let (raw, mut findings) = load::casebook(&root);
    let casebook = raw.map(|raw| {
        let (casebook, more) = validate::casebook(raw);
        findings.extend(more);
        casebook
    });
    let request = match (&casebook, load::request(&root, path)) {
        (Some(casebook), Ok(parsed)) => {
            let (request, more) = validate::request(casebook, &parsed, today);
            findings.extend(more);
            request
        }
        (_, Err(more)) => {
            findings.extend(more);
            None
        }
        (None, Ok(_)) => None,
    };
    let (errors, warnings): (Vec<_>, Vec<_>) =
        findings.into_iter().partition(|f| f.severity == Severity::Error);
    match (casebook, request) {
        (Some(casebook), Some(request)) if errors.is_empty() => Ok((casebook, request, warnings)),
        _ => Err(Report::new(errors.into_iter().chain(warnings).collect()).into()),
    }
}

/// Loads the request at `path` with its casebook and resolves it for `audience`.
pub fn respond(
    path: &Path,
    audience: Audience,
    today: Date,
) -> anyhow::Result<(Casebook, Response, Warnings)> {
    let (casebook, request, warnings) = load_request(path, today)?;
    let response = rules::respond(&casebook, &request, audience)?;
    Ok((casebook, response, warnings))
}

/// Renders a response to Markdown with the casebook's templates.
pub fn markdown(casebook: &Casebook, response: &Response) -> anyhow::Result<String> {
    let env = templates::environment(Some(&casebook.root));
    render::markdown::render(&env, Some(&casebook.root), response)
        .with_context(|| format!("cannot render the response to {}", response.reference))
}

/// What `foi render` was asked to do.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// The request file.
    pub request: PathBuf,
    /// Override the layout.
    pub layout: Option<Layout>,
    /// Write here instead of standard output.
    pub output: Option<PathBuf>,
    /// Today's date: no date in the request may be later.
    pub today: Date,
}

/// `foi render`: one request to Markdown. Returns the warnings found.
pub fn render(options: &RenderOptions) -> anyhow::Result<Warnings> {
    let (casebook, mut response, warnings) = respond(&options.request, Audience::Requester, options.today)?;
    if let Some(layout) = options.layout {
        response.layout = layout;
    }
    let text = markdown(&casebook, &response)?;
    match &options.output {
        Some(path) => write::atomic(path, text.as_bytes())?,
        None => write::stdout(text.as_bytes())?,
    }
    Ok(warnings)
}

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
    pub format: report::Format,
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
pub fn check(options: &CheckOptions) -> anyhow::Result<CheckOutput> {
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
        report::Format::Text => {
            let mut text = report.to_text_styled(options.colour);
            if report.findings().is_empty() {
                text = format!("{}: no problems found in {}\n", shown.display(), checked.files);
            } else if !passed && !report.has_errors() {
                text.push_str("warnings fail the check (--deny-warnings)\n");
            }
            (text, false)
        }
        report::Format::Json => (report.to_json(&shown), true),
        report::Format::Github => (report.to_github(&shown), true),
    };
    Ok(CheckOutput { text, stdout, passed })
}

/// `foi schema`: the JSON Schema of each kind of casebook file, written into `out` (one
/// file each), or returned as one JSON document keyed by file name for standard output.
pub fn schema(out: Option<&Path>) -> anyhow::Result<Option<String>> {
    match out {
        Some(dir) => {
            write::folder(dir)?;
            for kind in schema::FileKind::ALL {
                write::atomic(&dir.join(kind.file_name()), kind.text().as_bytes())?;
            }
            Ok(None)
        }
        None => {
            let all: serde_json::Map<String, serde_json::Value> = schema::FileKind::ALL
                .iter()
                .map(|kind| (kind.file_name().to_owned(), kind.schema().clone()))
                .collect();
            let mut text = serde_json::to_string_pretty(&all).context("cannot print the schemas")?;
            text.push('\n');
            Ok(Some(text))
        }
    }
}
