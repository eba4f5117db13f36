//! Findings about a casebook: what is wrong, where, and how to fix it.
//!
//! Owns the `Finding` type every stage reports with, and printing a set of findings: the way
//! rustc prints diagnostics (the offending line quoted, a caret under it, in colour on a
//! terminal), as JSON, or as GitHub Actions annotations (`output`). It never decides what
//! is wrong; `load` and `validate` do.

mod output;

pub use output::ReportFormat;

use std::fmt;
use std::path::PathBuf;

pub use crate::nearest::suggestion;
pub(crate) use crate::nearest::{closest, closest_all};

use serde::Serialize;

use crate::source::{FieldPath, Location, Masks, SourceFile};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed before anything is rendered.
    Error,
    /// Worth a look; does not stop rendering.
    Warning,
    /// Worth knowing, nothing to fix (a sent response that today's casebook would answer
    /// differently): never fails a check, not even with `--deny-warnings`.
    Info,
}

/// One problem found in a casebook file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The file, as shown to the user.
    pub file: PathBuf,
    /// Where in the file.
    pub location: Location,
    /// The field, e.g. `annual-spend.withhold[0]` (empty for the whole file).
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub hint: Option<String>,
    /// The quoted source line, with personal and withheld data masked.
    #[serde(skip)]
    pub snippet: Option<String>,
    /// How many characters of the quoted line, from `location`, to underline: the whole
    /// key or value the finding is about (at least 1).
    #[serde(skip)]
    pub width: usize,
}

impl Finding {
    /// The same finding with its file named from `folder` (a casebook's folder, when
    /// several are reported together). A built-in file (`(built in) exemptions/…`) is in
    /// no folder.
    #[must_use]
    pub(crate) fn within(mut self, folder: &std::path::Path) -> Self {
        let built_in = self.file.to_string_lossy().starts_with('(');
        if !built_in && !folder.as_os_str().is_empty() && folder != std::path::Path::new(".") {
            self.file = folder.join(&self.file);
        }
        self
    }

    /// An error at the value of `path` in `file`.
    pub(crate) fn error(file: &SourceFile, path: &FieldPath, message: impl Into<String>) -> Self {
        Self::at(Severity::Error, file, path, file.locate(path), message)
    }

    /// A warning at the value of `path` in `file`.
    pub(crate) fn warning(file: &SourceFile, path: &FieldPath, message: impl Into<String>) -> Self {
        Self::at(Severity::Warning, file, path, file.locate(path), message)
    }

    /// A finding at an explicit location.
    pub(crate) fn at(
        severity: Severity,
        file: &SourceFile,
        path: &FieldPath,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        let finding = Self::at_path(severity, file, path.to_string(), location, message);
        // About the value at `path` (not its key): underline all of it, a mapping included.
        // Only where the file's positions are read already (see `SourceFile::span_width`).
        if file.is_indexed() && location == file.locate(path) {
            let width = file.value_width(path, location);
            return finding.underline(width);
        }
        finding
    }

    /// A finding at an explicit location, with the path already printed.
    ///
    /// The quoted line and the message never show the file's personal or withheld data
    /// (`source::private`): such values are masked, and a message about a field that holds
    /// one has whatever it quotes masked too (serde and the schema walk quote the value
    /// they found), unless what it quotes is a key.
    pub(crate) fn at_path(
        severity: Severity,
        file: &SourceFile,
        path: String,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        let mut message = message.into();
        // Only a file with a finding is searched for private data: a clean casebook pays
        // nothing.
        let private = file.private();
        let about_keys = message.starts_with("unknown key") || message.starts_with("missing key");
        if !path.is_empty() && private.is_private_path(&path) && !about_keys {
            message = mask_quoted(&message, &path);
        }
        Self {
            severity,
            file: file.display.clone(),
            location,
            path,
            message: private.masks.in_message(&message),
            hint: None,
            snippet: file.masked_line(location.line),
            width: file.span_width(location),
        }
    }

    /// The same finding with `width` characters underlined (at least 1), for a finding
    /// whose extent is known from elsewhere (a template parser's byte range).
    #[must_use]
    pub(crate) fn underline(mut self, width: usize) -> Self {
        self.width = width.max(1);
        self
    }

    /// The same finding with `masks` applied to its message, hint and quoted line: for
    /// private values recorded in other files (a junior officer's details, a value withheld
    /// in a contract, found in a request).
    #[must_use]
    pub(crate) fn mask(mut self, masks: &Masks) -> Self {
        if masks.is_empty() {
            return self;
        }
        self.message = masks.in_message(&self.message);
        self.hint = self.hint.map(|hint| masks.in_message(&hint));
        self.snippet = self.snippet.map(|line| masks.in_line(&line));
        self
    }

    /// The same finding with a hint.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// A "did you mean" hint from the closest candidates, or the list of candidates.
    #[must_use]
    pub(crate) fn suggest<'a>(self, given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Self {
        let candidates: Vec<&str> = candidates.into_iter().collect();
        match suggestion(given, &candidates) {
            Some(hint) => self.hint(hint),
            None => self,
        }
    }
}

/// `message` with what it quotes (between backticks or double quotes) masked, except the
/// names of the keys on `path` (`value`, `name`), which say which field, not what it holds.
fn mask_quoted(message: &str, path: &str) -> String {
    let keys: Vec<&str> = path.split(['.', '[', ']']).filter(|k| !k.is_empty()).collect();
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = &rest[open..=open];
        out.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        match after.find(quote) {
            Some(close) => {
                let quoted = &after[..close];
                out.push_str(if keys.contains(&quoted) { quoted } else { crate::source::private::MASK });
                out.push_str(quote);
                rest = &after[close + 1..];
            }
            None => {
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every finding from one run, in file and line order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    findings: Vec<Finding>,
    /// The casebook's folder as the user should see it (see [`Report::in_folder`]); empty
    /// when unknown, and then files are shown relative to the casebook.
    folder: PathBuf,
}

impl Report {
    /// A report holding these findings, sorted by file, line and column.
    pub fn new(mut findings: Vec<Finding>) -> Self {
        findings.sort_by(|a, b| {
            (&a.file, a.location, a.severity, &a.message).cmp(&(&b.file, b.location, b.severity, &b.message))
        });
        findings.dedup();
        Self { findings, folder: PathBuf::new() }
    }

    /// The same report with its files shown, in text, inside `folder`: the casebook's folder
    /// as the user knows it ([`crate::check::shown_folder`]), so a path can be copied from
    /// the terminal as compilers' paths can. JSON and annotations keep their own rules.
    #[must_use]
    pub fn in_folder(mut self, folder: impl Into<PathBuf>) -> Self {
        self.folder = folder.into();
        self
    }

    /// How the text report shows `file`: inside the casebook's folder when that is known.
    /// A built-in file (`(built in) exemptions/…`) is in no folder.
    fn shown(&self, file: &std::path::Path) -> PathBuf {
        let built_in = file.to_string_lossy().starts_with('(');
        if self.folder.as_os_str().is_empty() || self.folder == std::path::Path::new(".") || built_in {
            file.to_path_buf()
        } else {
            self.folder.join(file)
        }
    }

    /// The findings.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Warning).count()
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    /// The report as plain text, one block per finding and a summary line.
    pub fn to_text(&self) -> String {
        self.to_text_styled(false)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

impl std::error::Error for Report {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_but_not_strangers() {
        let ids = ["s21", "s43-1", "s43-2", "s31-1-a"];
        assert_eq!(closest("s43-3", &ids), None, "two are as near");
        assert_eq!(closest_all("s43-3", &ids), vec!["s43-1", "s43-2"]);
        assert_eq!(closest("s432", &ids), Some("s43-2"));
        assert_eq!(closest("s312a", &ids), None);
        assert_eq!(closest("s31-1a", &ids), Some("s31-1-a"));
        assert_eq!(closest("agentz", &["agents", "sites"]), Some("agents"));
        assert_eq!(closest("zzz", &["agents", "sites"]), None);
    }

    #[test]
    fn text_quotes_the_line_and_underlines_the_value() {
        let file =
            SourceFile::new("contracts/ivr.yaml", "title: IVR\nsupplier: {withhold: [s43-3]}\n".into());
        let path = FieldPath::key("supplier").at("withhold").index(0);
        let finding = Finding::error(&file, &path, "unknown exemption `s43-3`")
            .suggest("s43-3", ["s21", "s43-1", "s43-2"]);
        let text = Report::new(vec![finding]).to_text();
        assert_eq!(
            text,
            "error: unknown exemption `s43-3`\n  --> contracts/ivr.yaml:2:23 (supplier.withhold[0])\n  |\n2 | supplier: {withhold: [s43-3]}\n  |                       ^^^^^\n  = help: did you mean `s43-1` or `s43-2`?\n\n1 error\n"
        );
    }
}
