//! Reading one casebook file into its type: serde for the data, the schema walk (`shape`)
//! for every structural mistake at once, and the two reconciled into one set of findings.

use super::{characters, syntax_finding, yaml_finding};
use crate::report::{Finding, Severity};
use crate::schema::FileKind;
use crate::shape;
use crate::source::SourceFile;

/// Reads a file of `kind` into its serde type, or returns every finding about it.
///
/// A file with a problem is read twice: by serde into its type, and into a YAML tree
/// walked against the file's JSON Schema (`shape`), which reports every structural
/// mistake at once where serde stops at the first. The schema is the contract, the same
/// one editors check as you type, so a file passes only if both accept it: the schema is stricter where serde is lenient
/// by accident (`title:` left empty reads as the text "" to serde). A YAML syntax error is
/// reported alone, since nothing after it can be trusted; serde's own error is added when
/// it is about something the walk does not see.
///
/// A character XML forbids (`characters`) is reported at its own line and column, in
/// place of the parser's own complaint about it, which has no position.
pub fn deserialize<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    kind: FileKind,
) -> Result<T, Vec<Finding>> {
    let forbidden = characters::check(file);
    let read = read_checked::<T>(file, kind);
    if forbidden.is_empty() {
        return read;
    }
    let mut findings = forbidden;
    if let Err(more) = read {
        findings
            .extend(more.into_iter().filter(|f| !f.message.contains("control characters are not allowed")));
    }
    Err(findings)
}

fn read_checked<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    kind: FileKind,
) -> Result<T, Vec<Finding>> {
    // Before any full parse: YAML parsers are quadratic in the depth of nesting.
    if let Some(location) = crate::source::too_deep(&file.text, MAX_DEPTH) {
        let message = format!("the YAML nests lists and mappings more than {MAX_DEPTH} deep here");
        return Err(vec![Finding::at_path(Severity::Error, file, String::new(), location, message).hint(
            "no casebook file needs more than a few levels: look for an unclosed `[` or `{`, \
             or indentation that runs away",
        )]);
    }
    // Most files are fine: parse the text once, walk the tree, and read the type from the
    // tree. Anything else (a problem, or a value serde reads from text but not from a tree,
    // such as a number where text is wanted) takes the full path below, whose findings are
    // the same either way.
    if let Ok(doc) = serde_yaml::from_str::<serde_yaml::Value>(&file.text) {
        if shape::check(&doc, kind.schema()).is_empty() {
            if let Ok(data) = T::deserialize(&doc) {
                return Ok(data);
            }
        }
    }
    let typed = serde_yaml::from_str::<T>(&file.text);
    if typed.is_err() {
        if let Some(finding) = syntax_finding(file) {
            return Err(vec![finding]);
        }
    }
    let mut findings: Vec<Finding> = match serde_yaml::from_str::<serde_yaml::Value>(&file.text) {
        Ok(doc) => shape::check(&doc, kind.schema())
            .into_iter()
            .map(|issue| {
                let location =
                    if issue.key.is_some() { file.locate_key(&issue.path) } else { file.locate(&issue.path) };
                let mut finding = Finding::at(Severity::Error, file, &issue.path, location, issue.message);
                finding.hint = issue.hint;
                finding
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    match typed {
        Ok(data) if findings.is_empty() => Ok(data),
        Ok(_) => Err(findings),
        Err(err) => {
            merge(&mut findings, yaml_finding(file, &err));
            Err(findings)
        }
    }
}

/// How deep a casebook file may nest collections. The deepest the format goes is seven,
/// counting the file's own mapping (`parts[0].questions[0].answer.withhold[0]`); anything
/// far deeper is a mistake or an attack, refused before the parse whose time is quadratic
/// in it.
pub const MAX_DEPTH: usize = 32;

/// Adds serde's error to the walk's findings unless the walk already reported it. Where
/// both describe the same wrong value, serde's words win over the walk's "expected …,
/// found …" when they are the type's own (`5` has no unit), not serde's generic ones.
fn merge(findings: &mut Vec<Finding>, first: Finding) {
    let nested = |f: &Finding| {
        !first.path.is_empty()
            && (f.path == first.path
                || f.path.starts_with(&format!("{}.", first.path))
                || f.path.starts_with(&format!("{}[", first.path)))
    };
    let same_spot = |f: &Finding| f.location == first.location && f.path == first.path;
    if let Some(found) = findings.iter_mut().find(|f| same_spot(f)) {
        let generic = first.message.starts_with("invalid type") || first.message.starts_with("invalid value");
        if found.message.starts_with("expected ") && !generic {
            found.message = first.message;
            found.hint = first.hint.or(found.hint.take());
        }
        return;
    }
    let repeated = findings
        .iter()
        .any(|f| f.location.line == first.location.line || f.message == first.message || nested(f));
    if !repeated {
        findings.push(first);
    }
}
