//! Characters no casebook text may hold: control characters (C0, DEL and C1, but tab and
//! line breaks) and U+FFFE and U+FFFF, the non-characters XML 1.0 also forbids. Casebook
//! text ends up in letters, the Atom feed and the web pages: no letter can print a control
//! character (a NUL or escape would reach the Markdown and text letters as it is), and one
//! XML forbids makes the feed invalid, which feed readers refuse whole. They are invisible
//! in most editors, so each is reported where it stands: at its line and column when it is
//! in the file as itself, at the value when it is written as an escape (`"\uFFFF"`,
//! `"\0"`). This is the one place that decides which characters a casebook may hold.

use crate::report::{Finding, Severity};
use crate::source::{FieldPath, Location, SourceFile};

/// At most this many are reported per file: one is enough to know what to look for.
const MOST: usize = 20;

/// Whether XML 1.0 allows `c` in a document (its `Char` production; the surrogates it
/// leaves out cannot occur in Rust text).
pub fn allowed_in_xml(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Whether a casebook's text may hold `c`: what XML allows, less the control characters
/// no letter can print (tab and line breaks are text).
pub fn allowed_in_casebook(c: char) -> bool {
    allowed_in_xml(c) && (!c.is_control() || matches!(c, '\t' | '\n' | '\r'))
}

/// A finding for every forbidden character in `file`, as itself or as an escape.
pub fn check(file: &SourceFile) -> Vec<Finding> {
    let mut findings = Vec::new();
    // Most files are printable ASCII throughout, which is all allowed: a byte scan says so
    // without decoding every character and counting columns.
    let plain = file.text.bytes().all(|b| matches!(b, b' '..=b'~' | b'\t' | b'\n' | b'\r'));
    let lines = if plain { "" } else { file.text.as_str() };
    for (n, line) in lines.split('\n').enumerate() {
        for (column, c) in line.chars().enumerate().filter(|(_, c)| !allowed_in_casebook(*c)) {
            if findings.len() == MOST {
                return findings;
            }
            let location = Location { line: n + 1, column: column + 1 };
            findings.push(finding(file, &FieldPath::root(), location, c));
        }
    }
    // An escape (`\x01`, `\uFFFF`) only a parse reveals; without a backslash there is none.
    if findings.is_empty()
        && file.text.contains('\\')
        && let Ok(doc) = serde_yaml::from_str::<serde_yaml::Value>(&file.text)
    {
        walk(file, &doc, &FieldPath::root(), &mut findings);
    }
    findings
}

fn walk(file: &SourceFile, node: &serde_yaml::Value, path: &FieldPath, findings: &mut Vec<Finding>) {
    use serde_yaml::Value;
    if findings.len() >= MOST {
        return;
    }
    match node {
        Value::String(text) => {
            if let Some(c) = text.chars().find(|c| !allowed_in_casebook(*c)) {
                findings.push(finding(file, path, file.locate(path), c));
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(file, item, &path.index(i), findings);
            }
        }
        Value::Mapping(map) => {
            for (key, value) in map {
                let step = match key {
                    Value::String(key) => {
                        if let Some(c) = key.chars().find(|c| !allowed_in_casebook(*c)) {
                            findings.push(finding(file, path, file.locate_key(&path.at(key)), c));
                        }
                        path.at(key)
                    }
                    _ => path.at("?"),
                };
                walk(file, value, &step, findings);
            }
        }
        Value::Tagged(tagged) => walk(file, &tagged.value, path, findings),
        _ => {}
    }
}

fn finding(file: &SourceFile, path: &FieldPath, location: Location, c: char) -> Finding {
    let code = format!("U+{:04X}", u32::from(c));
    let message = if c.is_control() {
        format!("this text holds a control character ({code}), which no letter can print")
    } else {
        format!("the character {code} cannot be published: XML forbids it, so the feed would be broken")
    };
    Finding::at(Severity::Error, file, path, location, message).hint(format!(
        "delete it: it usually comes from text pasted from another program, and most editors do not show it \
         (search for {code}); a line break or tab is fine"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_controls_and_the_characters_xml_forbids_are_refused() {
        for c in ['\u{0}', '\u{1}', '\u{8}', '\u{b}', '\u{1f}', '\u{fffe}', '\u{ffff}'] {
            assert!(!allowed_in_xml(c) && !allowed_in_casebook(c), "{c:?}");
        }
        // XML allows DEL and the C1 controls (NEL among them), but no letter can print them.
        for c in ['\u{7f}', '\u{85}', '\u{9f}'] {
            assert!(allowed_in_xml(c) && !allowed_in_casebook(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', ' ', 'é', '\u{a0}', '\u{fffd}', '\u{10000}', '\u{10ffff}'] {
            assert!(allowed_in_casebook(c), "{c:?}");
        }
    }

    #[test]
    fn each_is_found_at_its_line_and_column_or_at_its_value() {
        let file = SourceFile::new("r.yaml", "reference: R\ntitle: Phones \u{ffff} here\n".to_owned());
        let found = check(&file);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].location, Location { line: 2, column: 15 });
        assert!(found[0].message.contains("U+FFFF"), "{}", found[0].message);
        let file = SourceFile::new("r.yaml", "reference: R\ntitle: \"Phones \\uFFFE here\"\n".to_owned());
        let found = check(&file);
        assert_eq!((found.len(), found[0].path.as_str()), (1, "title"));
        assert_eq!(found[0].location, Location { line: 2, column: 8 });
    }
}
