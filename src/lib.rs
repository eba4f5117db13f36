//! `foi` answers UK Freedom of Information round-robin requests from a casebook of facts.
//!
//! Every command runs the same pipeline, top to bottom:
//!
//! ```text
//! load → validate → apply rules → render → write
//! ```
//!
//! `load` reads the casebook's YAML files; `validate` turns them into checked types or
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
pub(crate) mod casebook;
pub mod check;
pub mod clocks;
mod error;
pub mod exemptions;
pub mod init;
pub mod intake;
pub(crate) mod jurisdiction;
pub(crate) mod letters;
pub(crate) mod load;
pub mod model;
mod nearest;
pub(crate) mod open;
pub mod questionnaire;
pub(crate) mod questionnaires;
pub mod record;
pub mod render;
pub mod report;
pub mod response;
pub mod rules;
pub mod schema;
pub(crate) mod shape;
pub mod site;
pub(crate) mod source;
pub mod templates;
pub(crate) mod validate;
pub mod write;

use std::path::Path;

use anyhow::Context;

pub use casebook::{Casebook, Request};
pub use error::Error;
pub use letters::LetterKind;
pub use load::{Files, PROFILE, find_root, request_text};
pub use open::{FileCounts, Opened, OpenedRequest, OpenedTogether, open, open_together};
pub use questionnaires::install as install_questionnaires;
pub use render::{Document, OutputFormat};
pub use report::Report;
pub use response::Response;

use model::values::Date;
use report::Severity;
pub use rules::Audience;

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
        return Err(Error::NotFound(format!("no request file at {}", path.display())).into());
    }
    let root = load::find_root(path).map_err(|err| Error::NoCasebook(format!("{err:#}")))?;
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
        _ => Err(Report::new(findings).in_folder(check::shown_folder(&root)).into()),
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

/// Loads the request at `path` with its casebook and writes the letter of kind `kind` for
/// `audience`: the response, or the letter of an earlier stage (see [`rules::letter`]).
pub fn letter(
    path: &Path,
    audience: Audience,
    today: Date,
    kind: letters::LetterKind,
) -> anyhow::Result<(Casebook, Response, Warnings)> {
    let (casebook, request, warnings) = load_request(path, today)?;
    let response = rules::letter(&casebook, &request, audience, kind)?;
    Ok((casebook, response, warnings))
}

/// Loads the request at `path` with its casebook and lists every clock of it as at `today`
/// (see [`mod@clocks`]).
pub fn clocks(path: &Path, today: Date) -> anyhow::Result<(clocks::Clocks, Warnings)> {
    let (casebook, request, warnings) = load_request(path, today)?;
    Ok((clocks::Clocks::of(&casebook, &request, today), warnings))
}

/// Reads one casebook file from its text, as every command reads it: its type, or every
/// finding about it (line, column, the field, a hint), naming the file `name`. What an
/// editor's language server needs to check a file as it is typed; a file's checks against
/// the rest of its casebook need [`open()`].
///
/// ```
/// let findings = foi::read_file::<foi::model::ContractFile>("contracts/calls.yaml", "part: contact-centre\ntitel: Calls\n")
///     .expect_err("a key is misspelt");
/// assert!(findings.iter().any(|f| f.message.contains("titel") && f.location.line == 2));
/// ```
pub fn read_file<T: schema::FileType>(name: &str, text: &str) -> Result<T, Vec<report::Finding>> {
    load::deserialize(&source::SourceFile::new(name, text.to_owned()), T::KIND)
}

/// The exemption library: the built-in files of every Act, with the casebook's own
/// (`exemptions/ACT/ID.yaml` in `casebook`) added or replacing them, and every problem
/// found in any of them.
pub fn exemption_library(casebook: Option<&Files>) -> (exemptions::Library, Vec<report::Finding>) {
    load::exemptions::library(casebook)
}

/// Renders a response to Markdown with the casebook's templates.
pub fn markdown(casebook: &Casebook, response: &Response) -> anyhow::Result<String> {
    render::Renderer::new(Some(&casebook.files))
        .markdown(response)
        .with_context(|| format!("cannot render the response to {}", response.reference))
}

/// Loads and checks the casebook holding `start` (a folder or file inside it): its profile,
/// contracts and exemption library; its requests' own errors are left to `foi check`.
/// Errors come back as a [`Report`].
pub fn load_casebook(start: &Path) -> anyhow::Result<(Casebook, Warnings)> {
    if !start.exists() {
        return Err(Error::NotFound(format!("no casebook folder at {}", start.display())).into());
    }
    let root = load::find_root(start).map_err(|err| Error::NoCasebook(format!("{err:#}")))?;
    let opened = open::open_casebook(&load::Files::disk(root.clone()));
    let findings = opened.findings_for(&std::collections::BTreeSet::new());
    let has_errors = findings.iter().any(|f| f.severity == Severity::Error);
    match opened.casebook {
        Some(casebook) if !has_errors => Ok((casebook, findings)),
        _ => Err(Report::new(findings).in_folder(check::shown_folder(&root)).into()),
    }
}
