//! A casebook's own questionnaires, `questionnaires/ID.yaml`: read through the confined
//! loader, checked, and installed beside the built-in ones.
//!
//! A casebook adds a questionnaire for a round robin its authority keeps receiving. Its
//! file has the built-in files' format ([`QuestionnaireFile`], `questionnaire.schema.json`):
//! its parts ask questions by id, and any question no questionnaire declares yet is
//! declared under `questions:` with its type, which makes it an answer field of contracts,
//! `facts:` and `policy:`. `foi check` reports a file that is malformed (at its line and
//! column), a field given a second type, and a part asking a question no contract can
//! hold; only a file with no errors is installed.
//!
//! Questions and parts are ids the whole process shares, so the binary installs the
//! questionnaires of the casebooks it is about to open ([`install`]) before anything
//! reads the questionnaires; the library never installs by itself, so its checks do not
//! depend on what was opened before.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::load::{self, Files};
use crate::questionnaire::{self, QuestionnaireFile};
use crate::report::{Finding, Severity};
use crate::schema::FileKind;
use crate::source::{FieldPath, SourceFile};

/// The folder of a casebook's questionnaires.
pub const FOLDER: &str = "questionnaires";

/// Most keywords, labels and aliases one questionnaire file may give.
const MAX_PHRASES: usize = 1000;

/// Keys a contract has besides its answers: no question may be one.
const RESERVED: &[&str] = &["authority", "part", "title", "start", "item"];

/// Reads and checks the casebook's questionnaire files: those without errors, and every
/// finding about them.
pub fn read(files: &Files) -> (Vec<QuestionnaireFile>, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut parsed: Vec<(SourceFile, QuestionnaireFile)> = Vec::new();
    match load::yaml_files(files, &files.root().join(FOLDER)) {
        Ok(read) => {
            for (stem, file) in read {
                let file = match file {
                    Ok(file) => file,
                    Err(finding) => {
                        findings.push(*finding);
                        continue;
                    }
                };
                match load::deserialize::<QuestionnaireFile>(&file, FileKind::Questionnaire) {
                    Ok(data) => {
                        if data.id != stem {
                            findings.push(
                                Finding::error(
                                    &file,
                                    &FieldPath::key("id"),
                                    format!("the questionnaire's id is `{}`, but its file is {FOLDER}/{stem}.yaml", data.id),
                                )
                                .hint(format!("write `id: {stem}`, or rename the file to match its id")),
                            );
                        }
                        parsed.push((file, data));
                    }
                    Err(more) => findings.extend(more),
                }
            }
        }
        Err(finding) => findings.push(*finding),
    }
    let mut good = Vec::new();
    let mut declared: BTreeMap<String, (questionnaire::ValueKind, String)> = BTreeMap::new();
    let mut parts: BTreeMap<String, String> = BTreeMap::new();
    for (file, data) in parsed {
        let before = findings.len();
        check(&file, &data, &mut declared, &mut parts, &mut findings);
        if !findings[before..].iter().any(|f| f.severity == Severity::Error)
            && !findings.iter().any(|f| f.severity == Severity::Error && f.file == file.display)
        {
            good.push(data);
        }
    }
    (good, findings)
}

/// Checks one questionnaire file against the built-in questionnaires and the casebook's
/// files read before it (`declared`: each field's type and where it was declared;
/// `parts`: each part id and its questionnaire).
fn check(
    file: &SourceFile,
    data: &QuestionnaireFile,
    declared: &mut BTreeMap<String, (questionnaire::ValueKind, String)>,
    parts: &mut BTreeMap<String, String>,
    findings: &mut Vec<Finding>,
) {
    let builtin = questionnaire::builtin();
    let builtin_ids: Vec<&str> = builtin.iter().map(|f| f.id.as_str()).collect();
    let builtin_questions: Vec<&questionnaire::Question> =
        builtin.iter().flat_map(|f| &f.questions).collect();
    let builtin_parts: Vec<&str> = builtin.iter().flat_map(|f| &f.parts).map(|p| p.id.as_str()).collect();
    if builtin_ids.contains(&data.id.as_str()) {
        findings.push(
            Finding::error(file, &FieldPath::key("id"), format!("`{}` is a built-in questionnaire", data.id))
                .hint("give the casebook's questionnaire an id of its own, and its file that name"),
        );
    }
    let (questions, parts_now) =
        (builtin_questions.len() + declared.len(), builtin_parts.len() + parts.len());
    if data.questions.len() + questions > questionnaire::MAX_QUESTIONS
        || data.parts.len() + parts_now > questionnaire::MAX_PARTS
    {
        findings.push(
            Finding::error(
                file,
                &FieldPath::root(),
                "the questionnaire declares too many questions or parts",
            )
            .hint(format!(
                "all questionnaires together hold at most {} questions and {} parts",
                questionnaire::MAX_QUESTIONS,
                questionnaire::MAX_PARTS
            )),
        );
    }
    // Intake reads every request against every keyword, item and alias: bounded, so that
    // a casebook cannot make it slow.
    let aliases = data.keywords.len()
        + data.parts.iter().flat_map(|p| &p.items).map(|i| i.aliases.len() + 1).sum::<usize>()
        + data.questions.iter().map(|q| q.aliases.len() + q.aliases_cy.len() + 1).sum::<usize>();
    if aliases > MAX_PHRASES {
        findings.push(
            Finding::error(
                file,
                &FieldPath::root(),
                format!("the questionnaire has {aliases} keywords, labels and aliases"),
            )
            .hint(format!(
                "keep them to {MAX_PHRASES} at most: a few per question and item are enough for intake"
            )),
        );
    }
    if data.parts.is_empty() {
        findings.push(
            Finding::error(file, &FieldPath::key("parts"), "the questionnaire has no parts")
                .hint("add a part: `{id: …, title: …, scope: …, questions: […]}`"),
        );
    }
    // The fields this file declares, checked against every other declaration.
    for (j, question) in data.questions.iter().enumerate() {
        let at = FieldPath::key("questions").index(j);
        let id = question.id.as_str();
        if !crate::validate::is_id(id) {
            findings.push(
                Finding::error(file, &at.at("id"), format!("`{id}` is not a usable field id"))
                    .hint("use lower-case letters, digits and hyphens, e.g. `print-volume`"),
            );
            continue;
        }
        if RESERVED.contains(&id) {
            findings.push(
                Finding::error(
                    file,
                    &at.at("id"),
                    format!("`{id}` is a key of every contract, not a field a question can declare"),
                )
                .hint("give the field another id, e.g. `contract-title`"),
            );
            continue;
        }
        let earlier = builtin
            .iter()
            .find_map(|f| {
                f.questions
                    .iter()
                    .find(|q| q.id == id)
                    .map(|q| (q.kind, format!("the built-in questionnaire `{}`", f.id)))
            })
            .or_else(|| declared.get(id).cloned());
        match earlier {
            Some((kind, by)) if kind != question.kind => findings.push(
                Finding::error(
                    file,
                    &at.at("type"),
                    format!(
                        "field `{id}` is declared with two types: `{}` here, `{}` in {by}",
                        question.kind.as_str(),
                        kind.as_str()
                    ),
                )
                .hint(format!(
                    "one field has one type in every contract: give `{}` to keep asking it, or a new id for a new field",
                    kind.as_str()
                )),
            ),
            Some((_, by)) => findings.push(
                Finding::warning(file, &at.at("id"), format!("field `{id}` is already declared, in {by}"))
                    .hint("leave this entry out and ask the field by its id in a part: its label and wording are the first declaration's"),
            ),
            None => {
                if let Some(role) = question.role {
                    findings.push(
                        Finding::error(file, &at.at("role"), format!("`{id}` cannot take the role `{role:?}`"))
                            .hint("each role belongs to one built-in question (`expiry`, `review`, `contact`): ask that one instead"),
                    );
                }
                declared.insert(id.to_owned(), (question.kind, format!("{FOLDER}/{}.yaml", data.id)));
            }
        }
    }
    for (i, part) in data.parts.iter().enumerate() {
        let at = FieldPath::key("parts").index(i);
        if builtin_parts.contains(&part.id.as_str()) {
            findings.push(
                Finding::error(
                    file,
                    &at.at("id"),
                    format!("`{}` is a part of a built-in questionnaire", part.id),
                )
                .hint("give the part an id of its own"),
            );
        } else if let Some(other) = parts.insert(part.id.clone(), data.id.clone()) {
            findings.push(
                Finding::error(
                    file,
                    &at.at("id"),
                    format!("part `{}` is also a part of questionnaire `{other}`", part.id),
                )
                .hint("part ids are unique across every questionnaire: rename one"),
            );
        }
        if !crate::validate::is_id(&part.id) {
            findings.push(
                Finding::error(file, &at.at("id"), format!("`{}` is not a usable part id", part.id))
                    .hint("use lower-case letters, digits and hyphens, e.g. `printing`"),
            );
        }
        for (k, item) in part.items.iter().enumerate() {
            if part.items[..k].iter().any(|other| other.id == item.id) {
                findings.push(Finding::error(
                    file,
                    &at.at("items").index(k).at("id"),
                    format!("item `{}` is listed twice in part `{}`", item.id, part.id),
                ));
            }
        }
        if part.questions.is_empty() {
            findings.push(Finding::error(
                file,
                &at.at("questions"),
                format!("part `{}` asks no questions", part.id),
            ));
        }
        for (k, id) in part.questions.iter().enumerate() {
            if builtin_questions.iter().any(|q| &q.id == id) || declared.contains_key(id) {
                continue;
            }
            let mut known: Vec<&str> = builtin_questions.iter().map(|q| q.id.as_str()).collect();
            known.extend(declared.keys().map(String::as_str));
            let mut finding = Finding::error(
                file,
                &at.at("questions").index(k),
                format!("no contract can hold `{id}`: no questionnaire declares that field"),
            );
            finding = match crate::report::suggestion(id, &known).filter(|s| s.starts_with("did you mean")) {
                Some(near) => {
                    finding.hint(format!("{near} Or declare `{id}` under `questions:` with its `type`"))
                }
                None => finding.hint(format!(
                    "declare `{id}` under `questions:` with its `type`, `label` and `wording`"
                )),
            };
            findings.push(finding);
        }
    }
}

/// Installs the questionnaires of the casebooks holding `paths` (a request file, a
/// casebook's folder or a folder of casebooks, as a batch is given), those without errors
/// (`foi check` reports the rest), so that their parts and fields are known to every file
/// read after. Does nothing once the questionnaires have been read, and for a path in no
/// casebook.
pub fn install(paths: &[&Path]) {
    let mut roots: Vec<PathBuf> = Vec::new();
    for path in paths {
        if let Ok(root) = load::find_root(path) {
            roots.push(root);
        } else if path.is_dir() {
            for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
                if entry.path().join(load::PROFILE).is_file() {
                    roots.push(entry.path());
                }
            }
        }
    }
    roots.sort();
    roots.dedup();
    let mut files: Vec<QuestionnaireFile> = Vec::new();
    for root in roots {
        let (good, _) = read(&Files::disk(root));
        for file in good {
            if !files.iter().any(|f| f.id == file.id) {
                files.push(file);
            }
        }
    }
    if !files.is_empty() {
        questionnaire::install(files);
    }
}
