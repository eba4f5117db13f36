//! The checks across casebooks published together: one disclosure log, so one licence, and
//! no two published pages with one name.
//!
//! A shared service publishes the logs of several authorities as one site (`foi publish A B`,
//! `foi check A B`): a page is named after its request's reference, so two casebooks that
//! both publish `FOI-2024-001` would overwrite each other's page, and the site states one
//! licence for all its pages and open data. Within one casebook the same clash is found with
//! the other checks across requests (`reference`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::casebook::{Casebook, Request};
use crate::load::Files;
use crate::model::Licence;
use crate::report::Finding;
use crate::source::{FieldPath, SourceFile};

/// One casebook of several published together.
pub(crate) struct Member<'a> {
    /// Its folder as findings show it (`examples/hastings`).
    pub folder: &'a Path,
    /// Its files, to quote the line a finding is about.
    pub files: &'a Files,
    /// The checked casebook.
    pub casebook: &'a Casebook,
    /// Its requests without errors.
    pub requests: Vec<&'a Request>,
}

/// The findings across `members`, named from each member's folder. Nothing to find for fewer
/// than two.
pub(crate) fn casebooks(members: &[Member]) -> Vec<Finding> {
    if members.len() < 2 {
        return Vec::new();
    }
    let mut findings = licences(members);
    findings.extend(page_names(members));
    findings
}

/// The site's licence is the first casebook's (or the default): every other must give the
/// same one.
fn licences(members: &[Member]) -> Vec<Finding> {
    let default = Licence::open_government();
    let licence = |member: &Member| member.casebook.licence.clone().unwrap_or_else(|| default.clone());
    let first = &members[0];
    let ours: Licence = licence(first);
    members[1..]
        .iter()
        .filter(|member| licence(member) != ours)
        .map(|member| {
            let theirs = licence(member);
            let file = source(member, Path::new(crate::load::PROFILE));
            let at = if file.locate_key(&FieldPath::key("licence")).line > 1 { "licence" } else { "authority" };
            Finding::error(
                &file,
                &FieldPath::key(at),
                format!(
                    "this casebook's pages would be published under {}, but {}, published with it, uses {}",
                    theirs.title,
                    first.folder.display(),
                    ours.title
                ),
            )
            .hint("one site has one licence: give the casebooks published together the same `licence:` in foi.yaml")
        })
        .collect()
}

/// Two published requests of different casebooks whose pages would have one name.
fn page_names(members: &[Member]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut names: BTreeMap<String, (&str, PathBuf)> = BTreeMap::new();
    for member in members {
        let mut mine = Vec::new();
        for request in member.requests.iter().filter(|request| request.publish) {
            let file = member.folder.join(&request.file);
            let key = super::reference::clash_key(&request.file_name);
            match names.get(&key) {
                Some((other, other_file)) => {
                    let message = super::reference::clash(
                        &request.reference,
                        &request.file_name,
                        other,
                        &other_file.display().to_string(),
                    );
                    findings.push(Finding::error(
                        &source(member, &request.file),
                        &FieldPath::key("reference"),
                        format!("{message}: both would be published as responses/{}.html", request.file_name),
                    ));
                }
                // Clashes inside one casebook are the casebook's own finding.
                None => mine.push((key, (request.reference.as_str(), file))),
            }
        }
        names.extend(mine);
    }
    findings
}

/// The file `file` of `member` (a path within the casebook), named from its folder, with its
/// text so that a finding quotes its line; without it when it can no longer be read.
fn source(member: &Member, file: &Path) -> SourceFile {
    let text = member
        .files
        .read(&member.files.root().join(file), crate::load::MAX_FILE_BYTES)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default();
    SourceFile::new(member.folder.join(file), text)
}
