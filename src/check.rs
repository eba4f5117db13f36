//! `foi check` over a whole casebook: every file read, every rule run, every finding kept.
//!
//! The same stages as rendering one request (`load`, then `validate`), run over all of the
//! casebook's files, then the checks that need them all at once (duplicate references,
//! answers that differ between requests) and the templates. Nothing stops at the first
//! problem: a file that cannot be read is reported and the rest are still checked.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::load;
use crate::model::values::Date;
use crate::report::{Finding, Report, Severity};
use crate::source::Location;
use crate::templates;
use crate::validate;

/// A casebook checked from end to end.
#[derive(Debug)]
pub struct Checked {
    /// Every finding, sorted by file and line.
    pub report: Report,
    /// What was checked.
    pub files: FileCounts,
}

/// How many files of each kind were checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileCounts {
    /// `contracts/*.yaml`.
    pub contracts: usize,
    /// `requests/*.yaml`.
    pub requests: usize,
    /// The casebook's own `exemptions/<act>/*.yaml`.
    pub exemptions: usize,
    /// The casebook's own `templates/`.
    pub templates: usize,
}

impl fmt::Display for FileCounts {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let n = |count: usize, word: &str| format!("{count} {word}{}", if count == 1 { "" } else { "s" });
        write!(f, "{}, {}", load::PROFILE, n(self.contracts, "contract"))?;
        write!(f, ", {}", n(self.requests, "request"))?;
        if self.exemptions > 0 {
            write!(f, ", {}", n(self.exemptions, "exemption file"))?;
        }
        if self.templates > 0 {
            write!(f, ", {}", n(self.templates, "template"))?;
        }
        Ok(())
    }
}

/// Checks every file of the casebook at `root`, as at `today`.
pub fn casebook(root: &Path, today: Date) -> Checked {
    let (raw, mut findings) = load::casebook(root);
    // The logo is read only when a PDF is made; check it now, so CI finds a bad one first.
    findings.extend(raw.iter().flat_map(load::logo_findings));
    // So is the Word template, when a Word letter is made.
    findings.extend(raw.iter().flat_map(word_template_findings));
    let mut files = FileCounts {
        contracts: load::yaml_paths(&root.join("contracts")).map_or(0, |p| p.len()),
        exemptions: crate::model::Jurisdiction::ids()
            .iter()
            .map(|act| load::yaml_paths(&root.join("exemptions").join(act)).map_or(0, |p| p.len()))
            .sum(),
        ..FileCounts::default()
    };
    let casebook = raw.map(|raw| {
        let (casebook, more) = validate::casebook(raw);
        findings.extend(more);
        casebook
    });
    let paths = match load::request_paths(root) {
        Ok(paths) => paths,
        Err(err) => {
            findings.push(folder_finding("requests", &format!("{err:#}")));
            Vec::new()
        }
    };
    files.requests = paths.len();
    let mut parsed = Vec::with_capacity(paths.len());
    for path in &paths {
        match load::request(root, path) {
            Ok(one) => parsed.push(one),
            Err(more) => findings.extend(more),
        }
    }
    // Repeats (s.14(2)) are checked against the other requests, so all are read first.
    let checked: Vec<Option<crate::casebook::Request>> = match &casebook {
        Some(casebook) => {
            let all: Vec<&load::Parsed<crate::model::RequestFile>> = parsed.iter().collect();
            validate::requests_of(casebook, &all, today)
                .into_iter()
                .map(|(request, more)| {
                    findings.extend(more);
                    request
                })
                .collect()
        }
        None => parsed.iter().map(|_| None).collect(),
    };
    let requests: Vec<validate::LoadedRequest> = parsed.into_iter().zip(checked).collect();
    findings.extend(validate::requests(casebook.as_ref(), &requests));
    let (templates, more) = templates::check(root);
    files.templates = templates;
    findings.extend(more);
    Checked { report: Report::new(findings), files }
}

/// `root` as the user should see it: relative to the current folder (`.`, `examples/x`,
/// `..`), or absolute when the current folder is unknown.
pub fn shown_root(root: &Path) -> PathBuf {
    match std::env::current_dir().and_then(std::fs::canonicalize) {
        Ok(here) => relative_to(root, &here),
        Err(_) => root.to_path_buf(),
    }
}

/// `path` relative to the folder `from` (both absolute), climbing with `..` as needed.
fn relative_to(path: &Path, from: &Path) -> PathBuf {
    let path: Vec<_> = path.components().collect();
    let from: Vec<_> = from.components().collect();
    let common = path.iter().zip(&from).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return path.iter().collect();
    }
    let mut relative: PathBuf = from[common..].iter().map(|_| "..").collect();
    relative.extend(&path[common..]);
    if relative.as_os_str().is_empty() { PathBuf::from(".") } else { relative }
}

fn folder_finding(folder: &str, message: &str) -> Finding {
    Finding {
        severity: Severity::Error,
        file: PathBuf::from(folder),
        location: Location { line: 1, column: 1 },
        path: String::new(),
        message: message.to_owned(),
        hint: None,
        snippet: None,
    }
}

/// A finding for each authority's Word template that cannot be read or is not one foi
/// can use (a bad path is already a finding of `validate`).
fn word_template_findings(raw: &load::RawCasebook) -> Vec<Finding> {
    load::authority_files(raw)
        .into_iter()
        .filter_map(|(path, authority)| {
            let template = authority.word_template.as_deref()?;
            load::word_template_path(template).ok()?;
            let why = match load::word_template(&raw.root, template) {
                Ok(bytes) => crate::render::docx::Template::parse(&bytes).err()?,
                Err(why) => why,
            };
            Some(
                Finding::error(
                    &raw.profile.file,
                    &path.at("word-template"),
                    format!("the Word template {why}"),
                )
                .hint(
                    "Word letters take their styles and letterhead from this file; save it again from Word",
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_are_shown_relative_to_the_current_folder() {
        let cases = [
            ("/r/book", "/r/book", "."),
            ("/r/book", "/r", "book"),
            ("/r/book", "/r/book/requests", ".."),
            ("/r/other", "/r/book", "../other"),
            ("/r/a/b", "/r/c/d", "../../a/b"),
        ];
        for (path, from, shown) in cases {
            assert_eq!(
                relative_to(Path::new(path), Path::new(from)),
                PathBuf::from(shown),
                "{path} from {from}"
            );
        }
    }
}
