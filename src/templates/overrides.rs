//! Checking a casebook's own templates before anything is rendered with them: each one
//! parses, and a file whose name is a near miss of a built-in one is pointed out (it would
//! be ignored, and the built-in used instead).

use std::path::Path;

use crate::load::{self, Files};
use crate::report::{Finding, Severity, closest};
use crate::source::{FieldPath, Location, SourceFile};

/// How deep `templates/` may nest; deeper files are not templates `foi` would load.
const MAX_DEPTH: usize = 8;

/// Checks every file in the casebook's `templates/` folder. Returns how many there are and
/// every finding.
pub fn check(files: &Files) -> (usize, Vec<Finding>) {
    let dir = files.root().join("templates");
    let mut paths = files.all_under(&dir, MAX_DEPTH);
    // A Word template (`word-template:`) may live here too: it is no text template, and
    // `foi check` reads the one foi.yaml names as a Word file.
    paths.retain(|path| !is_word_file(path));
    paths.sort();
    let builtin: Vec<&str> = super::BUILTIN.iter().map(|(name, _)| *name).collect();
    let mut env = super::environment(Some(files));
    let mut findings = Vec::new();
    for path in &paths {
        let file = match load::read(files, path) {
            Ok(file) => file,
            Err(finding) => {
                findings.push(*finding);
                continue;
            }
        };
        let name = path
            .strip_prefix(&dir)
            .map(|p| p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
            .unwrap_or_default();
        // Typst templates are not minijinja; Typst reports their errors when the PDF is made.
        if !name.ends_with(".typ")
            && let Err(err) = env.add_template_owned(name.clone(), file.text.clone())
        {
            findings.push(syntax(&file, &err));
        }
        if !builtin.contains(&name.as_str())
            && let Some(meant) = closest(&name, &builtin)
        {
            findings.push(
                Finding::warning(
                    &file,
                    &FieldPath::root(),
                    format!("`{name}` does not replace a built-in template"),
                )
                .hint(format!(
                    "did you mean `{meant}`? Under this name it is used only if another template includes it"
                )),
            );
        }
    }
    (paths.len(), findings)
}

/// Whether `path` names a Word document or template, by its extension.
fn is_word_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("docx") || e.eq_ignore_ascii_case("dotx"))
}

/// A template syntax error at its line and column.
fn syntax(file: &SourceFile, err: &minijinja::Error) -> Finding {
    let line = err.line().unwrap_or(1).max(1);
    let column = err
        .range()
        .and_then(|range| {
            let start = range.start.min(file.text.len());
            let before = file.text.get(..start)?;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            Some(before[line_start..].chars().count() + 1)
        })
        .unwrap_or(1);
    // The parser's range, as far as it stays on the line.
    let width = err
        .range()
        .and_then(|range| file.text.get(range.start.min(range.end)..range.end))
        .map_or(1, |spanned| spanned.split('\n').next().map_or(1, |first| first.chars().count()));
    let what = err.detail().map_or_else(|| err.kind().to_string(), str::to_owned);
    Finding::at(
        Severity::Error,
        file,
        &FieldPath::root(),
        Location { line, column },
        format!("template syntax error: {what}"),
    )
    .underline(width)
    .hint("templates use minijinja syntax: `{{ value }}`, `{% if … %}…{% endif %}`, `{# comment #}`")
}
