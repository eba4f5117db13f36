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
    // Most files are fine: parse the text once, walk the tree, and read the type from the
    // tree. The nesting limit is checked on that tree, which is at least as deep as the
    // text's own nesting (an alias reads as a copy of what it names), so a file the tree
    // passes would pass the event-by-event check below too; the walk before the parse is
    // kept for text whose nesting could make the parse itself slow.
    if shallow_enough_to_parse(&file.text)
        && let Ok(doc) = serde_yaml::from_str::<serde_yaml::Value>(&file.text)
        && !deeper_than(&doc, MAX_DEPTH)
        && shape::check(&doc, kind.schema()).is_empty()
        && let Ok(data) = T::deserialize(&doc)
    {
        return Ok(data);
    }
    // Before any other full parse: YAML parsers are quadratic in the depth of nesting.
    if let Some(location) = crate::source::too_deep(&file.text, MAX_DEPTH) {
        let message = format!("the YAML nests lists and mappings more than {MAX_DEPTH} deep here");
        return Err(vec![Finding::at_path(Severity::Error, file, String::new(), location, message).hint(
            "no casebook file needs more than a few levels: look for an unclosed `[` or `{`, \
             or indentation that runs away",
        )]);
    }
    // Anything the quick path above did not accept (a problem, or a value serde reads from
    // text but not from a tree, such as a number where text is wanted) takes the full path
    // below, whose findings are the same either way.
    let typed = serde_yaml::from_str::<T>(&file.text);
    if typed.is_err()
        && let Some(finding) = syntax_finding(file)
    {
        return Err(vec![finding]);
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

/// Whether `text` is certainly nested shallowly enough for a parse to take time linear in
/// its length, so it may be parsed before [`crate::source::too_deep`] looks at it. A rough
/// upper bound is enough: every flow collection needs a `[` or `{`, and a block collection
/// nests inside another only further indented or after a `-` or `?` on the same line. Text
/// that fails the bound is not refused, only checked event by event first, as before.
fn shallow_enough_to_parse(text: &str) -> bool {
    const ROUGH_LIMIT: usize = 1000;
    let bytes = text.as_bytes();
    let flow = memchr::memchr2_iter(b'[', b'{', bytes).count();
    flow <= ROUGH_LIMIT
        && text.split('\n').all(|line| {
            let indent = line.bytes().take_while(|b| b.is_ascii_whitespace()).count();
            let indicators = line.bytes().filter(|b| matches!(b, b'-' | b'?')).count();
            2 * (indent + 1) + indicators <= ROUGH_LIMIT
        })
}

/// Whether `node` holds lists and mappings (its own counted) more than `limit` deep. Keys
/// count as well as values, and the walk stops as soon as the answer is known.
fn deeper_than(node: &serde_yaml::Value, limit: usize) -> bool {
    use serde_yaml::Value;
    match node {
        Value::Mapping(map) => {
            limit == 0
                || map.iter().any(|(key, value)| deeper_than(key, limit - 1) || deeper_than(value, limit - 1))
        }
        Value::Sequence(items) => limit == 0 || items.iter().any(|item| deeper_than(item, limit - 1)),
        Value::Tagged(tagged) => deeper_than(&tagged.value, limit),
        _ => false,
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> serde_yaml::Value {
        serde_yaml::from_str(text).expect("parses")
    }

    /// The quick path may skip the event-by-event depth check only where that check would
    /// pass: the tree is never shallower than the text.
    #[test]
    fn the_tree_is_as_deep_as_the_text() {
        let samples = [
            "a: 1\n",
            "a: [[[[1]]]]\n",
            "- - - - x\n",
            "a: {b: [c, {d: [e]}]}\n",
            "? [a, [b]]\n: c\n",
            "a: &x [[1]]\nb: [*x]\n",
            "a: !tag [[1]]\n",
            "a:\n- b:\n  - c: [d]\n",
        ];
        for text in samples {
            for limit in 0..8 {
                let events = crate::source::too_deep(text, limit).is_some();
                let nodes = deeper_than(&tree(text), limit);
                assert!(!events || nodes, "{text:?} at {limit}: events {events}, tree {nodes}");
                if !text.contains('*') {
                    assert_eq!(events, nodes, "{text:?} at {limit}: without aliases they agree");
                }
            }
        }
    }

    #[test]
    fn an_alias_makes_the_tree_deeper_than_the_text() {
        let text = "a: &x [[1]]\nb: [[*x]]\n";
        assert!(crate::source::too_deep(text, 3).is_none());
        assert!(deeper_than(&tree(text), 3), "b holds two lists around a copy of two more");
    }

    #[test]
    fn deeply_bracketed_text_is_checked_before_it_is_parsed() {
        assert!(shallow_enough_to_parse("parts:\n  - part: a\n    questions: [{id: b}]\n"));
        assert!(!shallow_enough_to_parse(&"[".repeat(2000)));
        assert!(!shallow_enough_to_parse(&"- ".repeat(2000)));
        assert!(!shallow_enough_to_parse(&format!("{}a: 1\n", " ".repeat(2000))));
    }
}
