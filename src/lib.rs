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

pub use render::{Document, Format};
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
    render::Renderer::new(Some(&casebook.root))
        .markdown(response)
        .with_context(|| format!("cannot render the response to {}", response.reference))
}

/// What `foi render` was asked to do.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// The request file.
    pub request: PathBuf,
    /// The output format.
    pub format: Format,
    /// Override the layout.
    pub layout: Option<Layout>,
    /// JSON only: include the requester's identity.
    pub include_private: bool,
    /// Write here instead of standard output.
    pub output: Option<PathBuf>,
}

/// `foi render`: one request in one format. Returns the warnings found.
///
/// The letter formats (Markdown, HTML, text, Typst, PDF) are addressed to the requester;
/// JSON leaves the requester out unless asked to include them. A PDF is not written to a
/// terminal.
pub fn render(options: &RenderOptions) -> anyhow::Result<Warnings> {
    let audience = match options.format {
        Format::Json if !options.include_private => Audience::Public,
        _ => Audience::Requester,
    };
    if options.format.is_binary()
        && options.output.is_none()
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        return Err(
            UsageError("a PDF is not for the terminal: write it to a file with -o FILE".to_owned()).into()
        );
    }
    let (casebook, mut response, warnings) = respond(&options.request, audience)?;
    if let Some(layout) = options.layout {
        response.layout = layout;
    }
    let document = render::Renderer::new(Some(&casebook.root))
        .document(&response, options.format)
        .with_context(|| format!("cannot render the response to {}", response.reference))?;
    match &options.output {
        Some(path) => write::atomic(path, document.as_bytes())?,
        None => write::stdout(document.as_bytes())?,
    }
    Ok(warnings)
}

/// `foi templates list`: each built-in template, and whether the casebook at `root` (if
/// any) has its own copy.
pub fn templates_list(root: Option<&Path>) -> String {
    let mut out = String::new();
    for (name, _) in templates::BUILTIN {
        let own = root.and_then(|r| templates::override_path(r, name)).is_some_and(|p| p.is_file());
        out.push_str(name);
        if own {
            out.push_str("  (casebook copy in templates/)");
        }
        out.push('\n');
    }
    out
}

/// `foi templates eject`: copies built-in templates (all, or those named) into `to`, so an
/// authority can edit them. Refuses to replace existing files unless `force`. Returns the
/// paths written.
pub fn templates_eject(names: &[String], to: &Path, force: bool) -> anyhow::Result<Vec<PathBuf>> {
    let all: Vec<&str> = templates::BUILTIN.iter().map(|(n, _)| *n).collect();
    let chosen: Vec<&(&str, &str)> = if names.is_empty() {
        templates::BUILTIN.iter().collect()
    } else {
        let mut chosen = Vec::new();
        for name in names {
            match templates::BUILTIN.iter().find(|(n, _)| n == name) {
                Some(template) => chosen.push(template),
                None => {
                    let hint = report::suggestion(name, &all).unwrap_or_default();
                    return Err(UsageError(format!("no built-in template `{name}`: {hint}")).into());
                }
            }
        }
        chosen
    };
    let existing: Vec<String> = chosen
        .iter()
        .map(|(name, _)| to.join(name))
        .filter(|path| path.exists())
        .map(|path| path.display().to_string())
        .collect();
    if !force && !existing.is_empty() {
        anyhow::bail!(
            "{} already exist{}: use --force to replace",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" }
        );
    }
    std::fs::create_dir_all(to).with_context(|| format!("cannot create folder {}", to.display()))?;
    let mut written = Vec::new();
    for (name, text) in chosen {
        let path = to.join(name);
        write::atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
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
