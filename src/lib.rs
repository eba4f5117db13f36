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
//!
//! [`open()`] runs the pipeline up to the rules over a casebook's [`Files`], from a folder
//! or from memory, and gives one [`Report`] of every finding with the checked casebook.
//! A response rendered from files that never touch the disk:
//!
//! ```
//! use foi::{Audience, Files};
//!
//! # fn main() -> anyhow::Result<()> {
//! let files = Files::memory([
//!     ("foi.yaml", "\
//! authority:
//!   name: Example Borough Council
//!   jurisdiction: foia
//!   address: [Town Hall, Example Street, Exampleton, EX1 1AA]
//!   foi-team: {name: FOI Team, email: foi@example.gov.uk}
//! "),
//!     ("contracts/calls.yaml", "\
//! part: contact-centre
//! title: Call Handling
//! supplier: Example Supplier Ltd
//! annual-spend: {withhold: [s43-2], reason: The price is being renegotiated.}
//! expiry: 2030-01-31
//! "),
//!     ("requests/REQ-1.yaml", "\
//! reference: REQ-1
//! received: 2024-01-10
//! requester: {name: Rosa Requester, email: rosa@example.com}
//! parts:
//!   - part: contact-centre
//!     questions:
//!       - {number: 1, id: supplier}
//!       - {number: 2, id: annual-spend}
//! "),
//! ]);
//! let today = foi::model::values::Date(chrono::NaiveDate::from_ymd_opt(2024, 2, 1).expect("a date"));
//! let opened = foi::open(&files, today);
//! assert_eq!(opened.report.errors(), 0, "{}", opened.report.to_text_styled(false));
//! let casebook = opened.casebook.as_ref().expect("the casebook has no errors");
//! let request = opened.requests[0].request.as_ref().expect("the request has no errors");
//! let response = foi::rules::respond(casebook, request, Audience::Requester)?;
//! let letter = foi::markdown(casebook, &response)?;
//! assert!(letter.contains("Example Supplier Ltd"));
//! assert!(letter.contains("section 43(2)"), "the spend is withheld, and the letter says why");
//! # Ok(())
//! # }
//! ```

// Output goes through `write::stdout` and `write::stderr`, which survive a closed pipe:
// `println!` and friends panic when the reader has gone (`foi schema | head`).
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod batch;
pub mod calendar;
pub mod casebook;
pub mod check;
pub mod cli;
pub mod commands;
pub mod exemptions;
pub mod init;
pub mod intake;
pub mod jurisdiction;
pub mod load;
pub mod model;
pub mod open;
pub mod progress;
pub mod questionnaire;
pub mod render;
pub mod report;
pub mod response;
pub mod rules;
pub mod schema;
pub mod shape;
pub mod site;
pub mod source;
pub mod templates;
pub mod validate;
pub mod write;

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::NaiveDate;

pub use load::Files;
pub use open::{Opened, open};
pub use render::{Document, OutputFormat};
pub use report::Report;
pub use response::Response;

use casebook::{Casebook, Request};
use model::values::Date;
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

/// A failure already reported to the user (a batch with failed requests, a check that did
/// not pass): exit code 1, nothing more to print.
#[derive(Debug)]
pub struct Reported;

impl std::fmt::Display for Reported {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("problems were reported")
    }
}

impl std::error::Error for Reported {}

/// Warnings found along the way, printed to standard error by the caller.
pub type Warnings = Vec<report::Finding>;

/// Loads and checks the casebook holding `path`, and the request at `path`, as at `today`.
///
/// The whole casebook is opened (see [`open()`]), but only its own errors and the request's
/// fail this: another request's errors are left to `foi check`, and a warning says so.
/// Returns the errors as a [`Report`] when there are any; warnings are returned beside the
/// result.
pub fn load_request(path: &Path, today: Date) -> anyhow::Result<(Casebook, Request, Warnings)> {
    if !path.is_file() {
        return Err(UsageError(format!("no request file at {}", path.display())).into());
    }
    let root = load::find_root(path).map_err(|err| UsageError(format!("{err:#}")))?;
    let files = load::Files::disk(root.clone());
    let mut opened = open::open_with(&files, &[path.to_path_buf()], today);
    let file = load::relative(&root, path);
    let mine = std::collections::BTreeSet::from([file.as_path()]);
    let mut findings = opened.findings_for(&mine);
    let others = opened.others_failing(&mine);
    let request = opened.requests.iter_mut().find(|r| r.file == file).and_then(|r| r.request.take());
    let failed = findings.iter().any(|f| f.severity == Severity::Error);
    match (opened.casebook, request) {
        (Some(casebook), Some(request)) if !failed => {
            if others > 0 {
                findings.push(others_failing(others));
            }
            Ok((casebook, request, findings))
        }
        _ => Err(Report::new(findings).into()),
    }
}

/// The warning that other requests of the casebook have errors, which a render of one
/// request does not stop for.
fn others_failing(count: usize) -> report::Finding {
    report::Finding::at_path(
        Severity::Warning,
        &source::SourceFile::new("requests", String::new()),
        String::new(),
        source::Location { line: 1, column: 1 },
        format!(
            "{count} other request{} of this casebook {} errors",
            if count == 1 { "" } else { "s" },
            if count == 1 { "has" } else { "have" }
        ),
    )
    .hint("run `foi check` to see them")
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
    render::Renderer::new(Some(&casebook.files))
        .markdown(response)
        .with_context(|| format!("cannot render the response to {}", response.reference))
}

/// What `foi render` was asked to do.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Request files or folders.
    pub paths: Vec<PathBuf>,
    /// The output formats.
    pub formats: Vec<OutputFormat>,
    /// Override the layout.
    pub layout: Option<Layout>,
    /// JSON only: include the requester's identity.
    pub include_private: bool,
    /// A file (one response) or a folder (a batch).
    pub output: Option<PathBuf>,
    /// Today's date: no date in the request may be later.
    pub today: Date,
}

impl RenderOptions {
    /// Whether this is a batch: several paths, a folder, several formats, or an output
    /// that is a folder.
    pub fn is_batch(&self) -> bool {
        let folder_out = self.output.as_ref().is_some_and(|out| {
            out.is_dir() || out.as_os_str().to_string_lossy().ends_with(std::path::MAIN_SEPARATOR)
        });
        self.paths.len() > 1 || self.paths.iter().any(|p| p.is_dir()) || self.formats.len() > 1 || folder_out
    }
}

/// `foi render` of one request in one format, to standard output or a file. Returns the
/// warnings found.
///
/// The letter formats (Markdown, HTML, text, Typst, PDF, Word) are addressed to the
/// requester; JSON leaves the requester out unless asked to include them. A PDF or Word
/// document is not written to a terminal.
pub fn render(options: &RenderOptions) -> anyhow::Result<Warnings> {
    let (Some(request), [format]) = (options.paths.first(), options.formats.as_slice()) else {
        return Err(UsageError("give one request and one format, or use -o DIR for several".into()).into());
    };
    let audience = match format {
        OutputFormat::Json if !options.include_private => Audience::Public,
        _ => Audience::Requester,
    };
    if format.is_binary() && options.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        let what = if *format == OutputFormat::Docx { "a Word document" } else { "a PDF" };
        return Err(
            UsageError(format!("{what} is not for the terminal: write it to a file with -o FILE")).into()
        );
    }
    let (casebook, mut response, warnings) = respond(request, audience, options.today)?;
    if let Some(layout) = options.layout {
        response.layout = layout;
    }
    let document = render::Renderer::new(Some(&casebook.files))
        .document(&response, *format)
        .with_context(|| format!("cannot render the response to {}", response.reference))?;
    match &options.output {
        Some(path) => write::atomic(path, document.as_bytes())?,
        None => write::stdout(document.as_bytes())?,
    }
    Ok(warnings)
}

/// `foi render` of many requests into a folder.
pub fn render_batch(
    options: &RenderOptions,
    progress: &dyn batch::Progress,
) -> anyhow::Result<batch::BatchSummary> {
    let Some(out) = &options.output else {
        return Err(UsageError(
            "rendering several requests or formats needs an output folder: -o DIR".into(),
        )
        .into());
    };
    if out.is_file() {
        return Err(UsageError(format!(
            "{} is a file: -o needs a folder for several responses",
            out.display()
        ))
        .into());
    }
    batch::run(
        &batch::BatchOptions {
            paths: options.paths.clone(),
            out: out.clone(),
            formats: options.formats.clone(),
            layout: options.layout,
            include_private: options.include_private,
            today: options.today,
        },
        progress,
    )
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
        // Files foi names in a folder: a link or device already there is replaced, never
        // written through.
        write::replacing(&path, text.as_bytes())?;
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
    /// Whose working days to count; `None`: the casebook's Act, or FOIA without one.
    pub jurisdiction: Option<Jurisdiction>,
    /// A casebook whose added bank holidays (and Act) count too.
    pub casebook: Option<PathBuf>,
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
    let (casebook, warnings) = match &options.casebook {
        Some(dir) => {
            let (casebook, warnings) = load_casebook(dir)?;
            (Some(casebook), warnings)
        }
        None => (None, Vec::new()),
    };
    let jurisdiction = match (options.jurisdiction, &casebook) {
        (Some(jurisdiction), _) => jurisdiction,
        (None, None) => Jurisdiction::Foia,
        (None, Some(casebook)) => casebook_act(casebook)?,
    };
    let extra = casebook.as_ref().map_or(&[][..], |casebook| &casebook.bank_holidays[..]);
    let deadline = calendar::due(received, options.days, jurisdiction, extra)
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
    Ok(warnings)
}

/// The one Act every authority of `casebook` answers under.
fn casebook_act(casebook: &Casebook) -> Result<Jurisdiction, UsageError> {
    let mut acts = casebook.authorities.iter().map(|authority| authority.jurisdiction);
    let first = acts.next().unwrap_or(Jurisdiction::Foia);
    if acts.all(|act| act == first) {
        Ok(first)
    } else {
        Err(UsageError(
            "the casebook's authorities answer under different Acts: choose one with --jurisdiction"
                .to_owned(),
        ))
    }
}

/// Loads and checks the casebook holding `start` (a folder or file inside it): its profile,
/// contracts and exemption library; its requests' own errors are left to `foi check`.
/// Errors come back as a [`Report`].
pub fn load_casebook(start: &Path) -> anyhow::Result<(Casebook, Warnings)> {
    if !start.exists() {
        return Err(UsageError(format!("no casebook folder at {}", start.display())).into());
    }
    let root = load::find_root(start).map_err(|err| UsageError(format!("{err:#}")))?;
    let opened = open::open_casebook(&load::Files::disk(root));
    let findings = opened.findings_for(&std::collections::BTreeSet::new());
    let has_errors = findings.iter().any(|f| f.severity == Severity::Error);
    match opened.casebook {
        Some(casebook) if !has_errors => Ok((casebook, findings)),
        _ => Err(Report::new(findings).into()),
    }
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
    let (raw, findings) = load::casebook(&load::Files::disk(root));
    let problems = findings.iter().any(|f| f.severity == Severity::Error);
    match raw {
        Some(raw) => Ok(intake::draft::CasebookHints::from_raw(&raw, problems)),
        None => Err(
            "the casebook's foi.yaml has errors (run `foi render` to see them): list this part's contracts"
                .to_owned(),
        ),
    }
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
        report::ReportFormat::Text => {
            let mut text = report.to_text_styled(options.colour);
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

/// `foi schema`: the JSON Schema of each kind of casebook file, written into `out` (one
/// file each), or returned as one JSON document keyed by file name for standard output.
pub fn schema(out: Option<&Path>) -> anyhow::Result<Option<String>> {
    match out {
        Some(dir) => {
            write::folder(dir)?;
            for kind in schema::FileKind::ALL {
                write::replacing(&dir.join(kind.file_name()), kind.text().as_bytes())?;
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
