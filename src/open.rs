//! Opening a casebook: the one pipeline every command runs before it renders anything.
//!
//! ```text
//! files → load every file → validate the casebook and every request together
//!       → the checks across requests → the templates → a checked casebook + one report
//! ```
//!
//! `foi check` prints the report; `foi render`, a batch, `foi publish` and `foi stats` use
//! the checked casebook and refuse what the report says is wrong, in the same words. So a
//! rule lives in one place and every command applies it: the s.14(2) register of earlier
//! requests is built once (in `validate`), a reference used twice or two giving one file
//! name is found once (in `validate`), and nothing a check would refuse can be published.
//!
//! Nothing stops at the first problem: a file that cannot be read is reported and the rest
//! are still checked.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::casebook::{Casebook, Request};
use crate::load::{self, Files, Parsed};
use crate::model::RequestFile;
use crate::model::values::Date;
use crate::report::{Finding, Report, Severity};
use crate::source::Location;
use crate::{templates, validate};

/// A casebook opened: every finding about it, and what can be used.
#[derive(Debug)]
pub struct Opened {
    /// Every finding of every file, sorted by file and line.
    pub report: Report,
    /// The checked casebook, when it has no errors of its own (its requests may have).
    pub casebook: Option<Casebook>,
    /// Every request file read, in the order of their paths.
    pub requests: Vec<OpenedRequest>,
    /// How many files of each kind were checked.
    pub counts: FileCounts,
    /// The findings about the letterhead's logo and Word template, which only the PDF and
    /// Word letters read: they fail `foi check`, and the renderer of those formats, but not
    /// a letter in another format.
    letterhead: Vec<Finding>,
}

/// One request file of an opened casebook.
#[derive(Debug)]
pub struct OpenedRequest {
    /// Where it was read from.
    pub path: PathBuf,
    /// The file as findings name it (its path within the casebook).
    pub file: PathBuf,
    /// The checked request, when neither it nor the casebook has errors (the checks across
    /// requests included).
    pub request: Option<Request>,
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
    /// The records of `sent/` that were read.
    pub records: usize,
    /// The casebook's own `questionnaires/*.yaml`.
    pub questionnaires: usize,
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
        if self.records > 0 {
            write!(f, ", {}", n(self.records, "sent record"))?;
        }
        if self.questionnaires > 0 {
            write!(f, ", {}", n(self.questionnaires, "questionnaire"))?;
        }
        Ok(())
    }
}

/// Opens the casebook `files` as at `today` (no date in a request may be later): every
/// file of it loaded and checked, its requests (`requests/*.yaml`) with it.
pub fn open(files: &Files, today: Date) -> Opened {
    open_with(files, &[], today)
}

/// [`open`], with request files kept elsewhere in the casebook (named on the command line)
/// checked beside those of `requests/`.
pub(crate) fn open_with(files: &Files, also: &[PathBuf], today: Date) -> Opened {
    let (casebook, mut findings, letterhead, mut counts) = casebook(files);
    let casebook_failed = findings.iter().any(|f| f.severity == Severity::Error);
    findings.extend(letterhead.iter().cloned());
    let root = files.root();
    let mut paths = match load::request_paths(files) {
        Ok(paths) => paths,
        Err(err) => {
            findings.push(folder_finding("requests", &format!("{err:#}")));
            Vec::new()
        }
    };
    counts.requests = paths.len();
    let listed: BTreeSet<PathBuf> = paths.iter().map(|path| load::relative(root, path)).collect();
    for path in also {
        if !listed.contains(&load::relative(root, path)) {
            paths.push(path.clone());
        }
    }
    let read: Vec<Result<Parsed<RequestFile>, Vec<Finding>>> =
        paths.par_iter().map(|path| load::request(files, path)).collect();
    let mut parsed = Vec::with_capacity(read.len());
    let mut entries = Vec::with_capacity(read.len());
    for (path, one) in paths.into_iter().zip(read) {
        entries.push(OpenedRequest { file: load::relative(root, &path), path, request: None });
        match one {
            Ok(mut one) => {
                // A flawed request's structural findings; the rest of it is checked below.
                if let Some(flawed) = one.flawed.as_mut() {
                    findings.append(&mut flawed.findings);
                }
                parsed.push((entries.len() - 1, one));
            }
            Err(more) => findings.extend(more),
        }
    }
    // Repeats (s.14(2)) are checked against the other requests, so all are read first.
    let checked: Vec<Option<Request>> = match &casebook {
        Some(casebook) => {
            let all: Vec<&Parsed<RequestFile>> = parsed.iter().map(|(_, one)| one).collect();
            validate::requests_of(casebook, &all, today)
                .into_iter()
                .zip(&all)
                .map(|((request, more), parsed)| match &parsed.flawed {
                    None => {
                        findings.extend(more);
                        request
                    }
                    // What the lenient read left out or stood in for is reported once, by
                    // the read; the request is never used.
                    Some(flawed) => {
                        findings.extend(more.into_iter().filter(|f| !flawed.hides(f)));
                        None
                    }
                })
                .collect()
        }
        None => parsed.iter().map(|_| None).collect(),
    };
    let (at, parsed): (Vec<usize>, Vec<_>) = parsed.into_iter().unzip();
    let loaded: Vec<validate::LoadedRequest> = parsed.into_iter().zip(checked).collect();
    findings.extend(validate::requests(casebook.as_ref(), &loaded));
    // The sent records against today's casebook, and `see:` answers against the records:
    // only requests without errors of their own can be answered, so only they are compared.
    if let Some(casebook) = casebook.as_ref().filter(|_| !casebook_failed) {
        let failed: BTreeSet<&Path> =
            findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.file.as_path()).collect();
        let answerable: Vec<(&crate::source::SourceFile, &Request)> = loaded
            .iter()
            .filter_map(|(parsed, request)| Some((&parsed.file, request.as_ref()?)))
            .filter(|(file, _)| !failed.contains(file.path()))
            .collect();
        let more = crate::record::check(casebook, &answerable);
        findings.extend(validate::masked(casebook, more));
    }

    let failed: BTreeSet<&Path> =
        findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.file.as_path()).collect();
    let usable: Vec<Option<Request>> = loaded
        .into_iter()
        .zip(&at)
        .map(|((_, request), &at)| {
            request.filter(|_| !casebook_failed && !failed.contains(entries[at].file.as_path()))
        })
        .collect();
    for (request, at) in usable.into_iter().zip(at) {
        entries[at].request = request;
    }
    Opened {
        report: Report::new(findings),
        casebook: casebook.filter(|_| !casebook_failed),
        requests: entries,
        counts,
        letterhead,
    }
}

/// Several casebooks opened together, as one disclosure log publishes them.
#[derive(Debug)]
pub struct OpenedTogether {
    /// Each casebook opened, in the order given, with its folder as findings show it.
    pub casebooks: Vec<(PathBuf, Opened)>,
    /// Every finding of every casebook, its files named from the casebook's folder, and
    /// the findings across them (`validate::together`).
    pub report: Report,
}

/// Opens each casebook of `casebooks` (its files, and its folder as findings should show it)
/// as [`open`] does, then checks them against each other: one licence for the site, no two
/// published pages with one name. Findings name their files from the folder given, as a
/// compiler names them from the current folder.
pub fn open_together(casebooks: &[(Files, PathBuf)], today: Date) -> OpenedTogether {
    let opened: Vec<(PathBuf, Opened)> =
        casebooks.iter().map(|(files, folder)| (folder.clone(), open(files, today))).collect();
    let mut findings: Vec<Finding> = opened
        .iter()
        .flat_map(|(folder, one)| one.report.findings().iter().map(|f| f.clone().within(folder)))
        .collect();
    let members: Vec<validate::together::Member> = opened
        .iter()
        .zip(casebooks)
        .filter_map(|((folder, one), (files, _))| {
            Some(validate::together::Member {
                folder,
                files,
                casebook: one.casebook.as_ref()?,
                requests: one.requests.iter().filter_map(|r| r.request.as_ref()).collect(),
            })
        })
        .collect();
    findings.extend(validate::together::casebooks(&members));
    OpenedTogether { casebooks: opened, report: Report::new(findings) }
}

/// [`open`] without the requests: the casebook's own files alone, for a command that needs
/// its facts but none of its requests (`foi due --casebook`).
pub(crate) fn open_casebook(files: &Files) -> Opened {
    let (casebook, mut findings, letterhead, counts) = casebook(files);
    let failed = findings.iter().any(|f| f.severity == Severity::Error);
    findings.extend(letterhead.iter().cloned());
    Opened {
        report: Report::new(findings),
        casebook: casebook.filter(|_| !failed),
        requests: Vec::new(),
        counts,
        letterhead,
    }
}

/// The casebook's own files loaded and checked: foi.yaml, the contracts, the exemption
/// library and the templates, and apart from them the letterhead (logo and Word
/// template). The casebook comes back whenever foi.yaml could be read, errors or not, so
/// that requests can still be checked against it.
fn casebook(files: &Files) -> (Option<Casebook>, Vec<Finding>, Vec<Finding>, FileCounts) {
    let root = files.root();
    let (raw, mut findings) = load::casebook(files);
    // The casebook's own questionnaires: the binary installed those without errors before
    // opening it (`questionnaires::install`); their findings are reported here.
    findings.extend(crate::questionnaires::read(files).1);
    // The logo is read only when a PDF is made; check it now, so CI finds a bad one first.
    let mut letterhead: Vec<Finding> = raw.iter().flat_map(load::logo_findings).collect();
    // So is the Word template, when a Word letter is made.
    letterhead.extend(raw.iter().flat_map(word_template_findings));
    let mut counts = FileCounts {
        contracts: files.yaml_paths(&root.join("contracts")).map_or(0, |p| p.len()),
        questionnaires: files.yaml_paths(&root.join(crate::questionnaires::FOLDER)).map_or(0, |p| p.len()),
        exemptions: crate::model::Jurisdiction::ids()
            .iter()
            .map(|act| files.yaml_paths(&root.join("exemptions").join(act)).map_or(0, |p| p.len()))
            .sum(),
        ..FileCounts::default()
    };
    // Built-in exemptions plus the casebook's own, read through the same files.
    let (library, more) = crate::load::exemptions::library(Some(files));
    findings.extend(more);
    let casebook = raw.map(|raw| {
        let (mut casebook, more) = validate::casebook(raw, library);
        findings.extend(more);
        // What was sent, read back and its hashes checked.
        casebook.keeps_records = files.is_dir(&root.join(crate::record::FOLDER));
        let (sent, more) = crate::record::load(files);
        casebook.sent = sent;
        findings.extend(more);
        casebook
    });
    let (templates, more) = templates::check(files);
    counts.templates = templates;
    counts.records = casebook.as_ref().map_or(0, |c| c.sent.len());
    findings.extend(more);
    (casebook, findings, letterhead, counts)
}

impl Opened {
    /// The request read from `path` (as given, or as listed), if it was read.
    pub fn request(&self, root: &Path, path: &Path) -> Option<&OpenedRequest> {
        let file = load::relative(root, path);
        self.requests.iter().find(|request| request.file == file)
    }

    /// The findings about the casebook as a whole and about the request files `files`
    /// (as findings name them): what rendering those requests depends on. The letterhead's
    /// are left to the renderers that read it.
    pub fn findings_for(&self, files: &BTreeSet<&Path>) -> Vec<Finding> {
        let requests: BTreeSet<&Path> = self.requests.iter().map(|r| r.file.as_path()).collect();
        self.report
            .findings()
            .iter()
            .filter(|f| !requests.contains(f.file.as_path()) || files.contains(f.file.as_path()))
            .filter(|f| !self.letterhead.contains(f))
            // Information (a sent record's history) is for `foi check`, not every render.
            .filter(|f| f.severity != Severity::Info)
            .cloned()
            .collect()
    }

    /// How many request files other than `files` have errors.
    pub fn others_failing(&self, files: &BTreeSet<&Path>) -> usize {
        let requests: BTreeSet<&Path> = self.requests.iter().map(|r| r.file.as_path()).collect();
        let failing: BTreeSet<&Path> = self
            .report
            .findings()
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.file.as_path())
            .filter(|file| requests.contains(file) && !files.contains(file))
            .collect();
        failing.len()
    }
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
        width: 1,
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
            let why = match load::word_template(&raw.files, template) {
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
