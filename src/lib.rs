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

pub mod calendar;
pub mod casebook;
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
pub mod source;
pub mod templates;
pub mod validate;
pub mod write;

use std::path::{Path, PathBuf};

use anyhow::Context;

pub use report::Report;
pub use response::Response;

use casebook::{Casebook, Request};
use model::{Jurisdiction, Layout};
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

/// Loads and checks the casebook holding `path`, and the request at `path`.
///
/// Returns the errors as a [`Report`] when there are any; warnings are returned beside the
/// result.
pub fn load_request(path: &Path) -> anyhow::Result<(Casebook, Request, Warnings)> {
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
            let (request, more) = validate::request(casebook, &parsed);
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
pub fn respond(path: &Path, audience: Audience) -> anyhow::Result<(Casebook, Response, Warnings)> {
    let (casebook, request, warnings) = load_request(path)?;
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
}

/// `foi render`: one request to Markdown. Returns the warnings found.
pub fn render(options: &RenderOptions) -> anyhow::Result<Warnings> {
    let (casebook, mut response, warnings) = respond(&options.request, Audience::Requester)?;
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

/// How `foi due` prints a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueFormat {
    /// The due date first, then notes; with `explain`, the count day by day.
    Text,
    /// The whole [`calendar::Deadline`] as JSON.
    Json,
}

/// What `foi due` was asked to do.
#[derive(Debug, Clone)]
pub struct DueOptions {
    /// The day of receipt as typed, `YYYY-MM-DD`.
    pub date: String,
    /// Whose working days to count.
    pub jurisdiction: Jurisdiction,
    /// How many working days.
    pub days: u32,
    /// Whether to list the count day by day (text output).
    pub explain: bool,
    /// Text or JSON.
    pub format: DueFormat,
}

/// `foi due`: the date a response is due, on standard output. A date that does not parse,
/// or that the calendar cannot count from, is a usage error (exit code 2).
pub fn due(options: &DueOptions) -> anyhow::Result<Warnings> {
    let typed = options.date.trim();
    let received = chrono::NaiveDate::parse_from_str(typed, "%Y-%m-%d").map_err(|_| {
        UsageError(format!("`{typed}` is not a date: write it as YYYY-MM-DD, e.g. 2022-11-25"))
    })?;
    let deadline = calendar::due(received, options.days, options.jurisdiction, &[])
        .map_err(|err| UsageError(err.to_string()))?;
    let text = match options.format {
        DueFormat::Text => deadline.to_text(options.explain),
        DueFormat::Json => {
            let mut json =
                serde_json::to_string_pretty(&deadline).context("cannot write the deadline as JSON")?;
            json.push('\n');
            json
        }
    };
    write::stdout(text.as_bytes())?;
    Ok(Vec::new())
}
