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
//!
//! [`mod@intake`] runs before all of that: it turns a pasted request into a request file.

pub mod casebook;
pub mod cli;
pub mod exemptions;
pub mod intake;
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

use anyhow::{Context, bail};
use chrono::NaiveDate;

pub use report::Report;
pub use response::Response;

use casebook::{Casebook, Request};
use model::Layout;
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

/// How `foi intake` prints what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IntakeFormat {
    /// A request-file draft (the default).
    #[default]
    Yaml,
    /// `{"questions": [...]}` for other tools.
    Json,
}

/// What `foi intake` was asked to do.
#[derive(Debug, Clone)]
pub struct IntakeOptions {
    /// The request text, or `-` for standard input.
    pub input: PathBuf,
    /// Output format.
    pub format: IntakeFormat,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
    /// Replace `output` if it exists.
    pub force: bool,
    /// Our reference for the request, for the draft.
    pub reference: Option<String>,
    /// Date the request was received, for the draft.
    pub received: Option<NaiveDate>,
}

/// `foi intake`: a pasted request to a request-file draft or JSON. Returns warnings for the
/// questions the officer must look at (low confidence, outside the questionnaire).
pub fn intake(options: &IntakeOptions) -> anyhow::Result<Warnings> {
    let (source, text) = load::request_text(&options.input, intake::MAX_INPUT_BYTES)?;
    let found = intake::read(&text);
    if found.parts.is_empty() {
        bail!(
            "found no numbered questions in {source}: intake needs the request's questions, \
             numbered `1.`, `a)`, `(iv)`, `Q3` or bulleted"
        );
    }
    let out = match options.format {
        IntakeFormat::Json => found.to_json().context("cannot write JSON")?,
        IntakeFormat::Yaml => {
            let draft_options = intake::draft::DraftOptions {
                source: source.clone(),
                reference: options.reference.clone(),
                received: options.received,
                casebook: casebook_hints(options.output.as_deref()),
            };
            intake::draft::draft(&found, &draft_options)
        }
    };
    match &options.output {
        Some(path) if options.force => write::atomic(path, out.as_bytes())?,
        Some(path) => write::atomic_new(path, out.as_bytes()).map_err(|err| {
            match err.downcast::<write::AlreadyExists>() {
                Ok(exists) => UsageError(format!("{exists}: pass --force to replace it")).into(),
                Err(err) => err,
            }
        })?,
        None => write::stdout(out.as_bytes())?,
    }
    Ok(intake::warnings(&source, &text, &found))
}

/// The contracts of the casebook holding `output` (or the current folder), for the draft.
fn casebook_hints(output: Option<&Path>) -> Result<intake::draft::CasebookHints, String> {
    let start = output.unwrap_or(Path::new("."));
    let root = load::find_root(start).map_err(|_| {
        "no casebook (foi.yaml) in this folder or above: list this part's contracts".to_owned()
    })?;
    let (raw, findings) = load::casebook(&root);
    let problems = findings.iter().any(|f| f.severity == Severity::Error);
    match raw {
        Some(raw) => Ok(intake::draft::CasebookHints::from_raw(&raw, problems)),
        None => Err(
            "the casebook's foi.yaml has errors (run `foi render` to see them): list this part's contracts"
                .to_owned(),
        ),
    }
}
