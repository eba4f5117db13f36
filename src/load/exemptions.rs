//! Reading the exemption library: the built-in exemption files, then the casebook's own
//! (`exemptions/<act>/<id>.yaml`), which add provisions or replace built-in wording.
//!
//! Lives with the loader, not with the library, so the library (what an exemption is and
//! how its wording is checked and chosen) depends on nothing that reads files.

use crate::exemptions::{BUILTIN, ExemptionFile, Library};
use crate::model::Jurisdiction;
use crate::report::Finding;
use crate::schema::FileKind;
use crate::source::{FieldPath, SourceFile};

use super::{Files, deserialize, yaml_files};

/// The built-in library, with the casebook's own files (if any) added or replacing
/// built-in ones. Returns every problem found in any file.
pub fn library(casebook: Option<&Files>) -> (Library, Vec<Finding>) {
    let mut library = Library::default();
    let mut findings = Vec::new();
    for (folder, stem, text) in BUILTIN {
        let file = SourceFile::new(format!("(built in) exemptions/{folder}/{stem}.yaml"), (*text).to_owned());
        match Jurisdiction::named(folder) {
            Some(act) => add(&mut library, act, stem, &file, &mut findings),
            // A built-in folder is named after an Act of jurisdictions.yaml; the tests hold
            // them together, so this is a defect, reported rather than guessed.
            None => findings.push(Finding::error(
                &file,
                &FieldPath::root(),
                format!("no Act `{folder}` in jurisdictions.yaml for this built-in exemption"),
            )),
        }
    }
    if let Some(files) = casebook {
        for act in Jurisdiction::all() {
            let dir = files.root().join("exemptions").join(act.as_str());
            match yaml_files(files, &dir) {
                Ok(files) => {
                    for (stem, file) in files {
                        match file {
                            Ok(file) => add(&mut library, act, &stem, &file, &mut findings),
                            Err(finding) => findings.push(*finding),
                        }
                    }
                }
                Err(finding) => findings.push(*finding),
            }
        }
    }
    (library, findings)
}

/// Parses `file` as an exemption file and adds it to `library` (see [`Library::add`]).
pub(crate) fn add(
    library: &mut Library,
    act: Jurisdiction,
    stem: &str,
    file: &SourceFile,
    findings: &mut Vec<Finding>,
) {
    match deserialize::<ExemptionFile>(file, FileKind::Exemption) {
        Ok(parsed) => library.add(act, stem, file, parsed, findings),
        Err(more) => findings.extend(more),
    }
}
