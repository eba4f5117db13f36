//! Reading the records of `sent/` through the casebook's confined reader, and writing a
//! new one through `write`.

use std::path::{Path, PathBuf};

use super::{FOLDER, PUBLIC_FILE, RECORD_FILE, Record};
use crate::load::Files;
use crate::model::sent::{FORMAT, RecordFile, sha256};
use crate::report::{Finding, Severity};
use crate::source::{Location, SourceFile};

/// The most `response.json` may hold: the response as data is far smaller.
const RECORD_LIMIT: u64 = 4 << 20;
/// The most one letter of a record may hold: a PDF with its fonts and a logo, or a Word
/// document with its template, is larger than any text.
const LETTER_LIMIT: u64 = 64 << 20;
/// The most records read: a casebook of many years' requests, and a bound on the work.
const MAX_RECORDS: usize = 100_000;

/// Every record under `sent/`, its hashes checked, and a finding for each that cannot be
/// read or no longer matches its hash. No `sent/` folder: no records, no findings.
pub fn load(files: &Files) -> (Vec<Record>, Vec<Finding>) {
    let root = files.root();
    let mut paths: Vec<PathBuf> = files
        .all_under(&root.join(FOLDER), 2)
        .into_iter()
        .filter(|path| path.file_name().is_some_and(|name| name == RECORD_FILE))
        .collect();
    paths.sort();
    let mut records = Vec::new();
    let mut findings = Vec::new();
    for path in paths.into_iter().take(MAX_RECORDS) {
        let shown = crate::load::relative(root, &path);
        match read(files, &path, &shown) {
            Ok(record) => records.push(record),
            Err(finding) => findings.push(*finding),
        }
    }
    (records, findings)
}

/// A finding about a record's file, at its first line.
pub(super) fn finding(severity: Severity, file: &Path, message: impl Into<String>) -> Finding {
    Finding::at_path(
        severity,
        &SourceFile::new(file.to_path_buf(), String::new()),
        String::new(),
        Location { line: 1, column: 1 },
        message,
    )
}

const NEVER_EDITED: &str = "a sent record is never edited: restore it from git (`git checkout -- sent/`); \
                            to correct a reply, send the correction with `foi send REQUEST --amend REASON`";

fn read(files: &Files, path: &Path, shown: &Path) -> Result<Record, Box<Finding>> {
    let fail = |message: String| finding(Severity::Error, shown, message);
    let bytes = files
        .read(path, RECORD_LIMIT)
        .map_err(|why| Box::new(fail(format!("cannot read this sent record: {why}"))))?;
    let text =
        String::from_utf8(bytes).map_err(|_| Box::new(fail("this sent record is not UTF-8 text".into())))?;
    let file: RecordFile = serde_json::from_str(&text).map_err(|err| {
        let at = Location { line: err.line().max(1), column: err.column().max(1) };
        let mut f = finding(Severity::Error, shown, format!("this sent record cannot be read: {err}"));
        f.location = at;
        Box::new(f.hint(NEVER_EDITED))
    })?;
    if file.format != FORMAT {
        return Err(Box::new(fail(format!(
            "this sent record is in format `{}`, which this foi does not read",
            file.format
        ))));
    }
    let dir = shown.parent().unwrap_or(Path::new("")).to_path_buf();
    let version = dir.file_name().and_then(|n| n.to_str()).and_then(|n| n.parse::<u32>().ok());
    let name = dir.parent().and_then(Path::file_name).and_then(|n| n.to_str()).unwrap_or_default().to_owned();
    let expected = crate::validate::reference::file_name(&file.reference).ok();
    if version != Some(file.version) || expected.as_deref() != Some(name.as_str()) {
        return Err(fail(format!(
            "this sent record of {} version {} is not in its folder, sent/{}/{}",
            file.reference,
            file.version,
            expected.as_deref().unwrap_or("?"),
            file.version
        ))
        .hint(NEVER_EDITED)
        .into());
    }
    if file.content_hash() != file.hash {
        return Err(fail(format!(
            "this sent record of {} has been changed since it was written: its hash does not match",
            file.reference
        ))
        .hint(NEVER_EDITED)
        .into());
    }
    let mut public = None;
    for (name, hash) in &file.files {
        let plain = !name.is_empty() && !name.contains(['/', '\\']) && !name.starts_with('.');
        let at = dir.join(name);
        if !plain {
            return Err(Box::new(fail(format!(
                "this sent record lists `{name}`, which is not a file of its folder"
            ))));
        }
        let bytes = files.read(&files.root().join(&at), LETTER_LIMIT).map_err(|why| {
            Box::new(
                fail(format!("cannot read {} of this sent record: {why}", at.display())).hint(NEVER_EDITED),
            )
        })?;
        if sha256(&bytes) != *hash {
            return Err(Box::new(
                finding(
                    Severity::Error,
                    &at,
                    format!("this file of the sent record of {} has been changed since it was sent: its hash does not match", file.reference),
                )
                .hint(NEVER_EDITED),
            ));
        }
        if name == PUBLIC_FILE {
            public = Some(
                String::from_utf8(bytes)
                    .map_err(|_| Box::new(fail(format!("{PUBLIC_FILE} is not UTF-8 text"))))?,
            );
        }
    }
    let Some(public) = public else {
        return Err(Box::new(fail(format!("this sent record has no {PUBLIC_FILE}"))));
    };
    Ok(Record { dir, name, file, public })
}
