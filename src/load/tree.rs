//! The quick read of a casebook file: its YAML tree built straight from saphyr-parser's
//! events, the parser `source` already uses for positions, in place of a second parser.
//!
//! The tree is the very value `yaml_serde` would give (`serde_yaml::Value`), built with its
//! rules for plain scalars (YAML 1.2's core schema: `~`, `null`, `true`, integers in four
//! bases, floats; `yes` and `no` stay text; a number with a leading zero stays text), so
//! everything downstream reads it as before. Whatever those rules do not settle plainly is
//! declined rather than guessed: a tag, an anchor or alias, a duplicate key, a second
//! document, an integer too wide for 64 bits, nesting past [`MAX_NESTING`], and any syntax
//! error. A declined file is read by `yaml_serde` exactly as before, so its values and its
//! findings are the ones it always had; most casebook files use none of these.
//!
//! In debug builds every tree built here is compared with `yaml_serde`'s reading of the same
//! text (see [`parse`]), so every file the test suite loads is a comparison test.

use saphyr_parser::{Event, Parser, ScalarStyle};
use serde_yaml::{Mapping, Value};

/// Nesting past which the tree is not built here (`yaml_serde` refuses past 128; casebook
/// files stop at [`super::file::MAX_DEPTH`], far below both).
pub const MAX_NESTING: usize = 64;

/// The tree of `text`, or `None` when it is one this module declines (see the module
/// documentation): the caller then reads it with `yaml_serde`.
pub fn parse(text: &str) -> Option<Value> {
    let built = build(text);
    #[cfg(debug_assertions)]
    if let Some(tree) = &built {
        let theirs = serde_yaml::from_str::<Value>(text);
        assert!(
            theirs.as_ref().is_ok_and(|theirs| theirs == tree),
            "the quick YAML tree differs from yaml_serde's for {text:?}: {tree:?} against {theirs:?}"
        );
    }
    built
}

/// An open collection while the tree is built.
enum Open {
    Sequence(Vec<Value>),
    /// The mapping so far and the key waiting for its value.
    Mapping(Mapping, Option<Value>),
}

/// Builds the tree, or `None` to decline.
fn build(text: &str) -> Option<Value> {
    // libyaml breaks lines at NEL and the Unicode line and paragraph separators, as YAML 1.1
    // did; saphyr-parser, following YAML 1.2, reads them as text.
    if !text.is_ascii() && text.contains(['\u{85}', '\u{2028}', '\u{2029}']) {
        return None;
    }
    // libyaml refuses characters YAML does not call printable; saphyr-parser reads them.
    let plain = text.bytes().all(|b| matches!(b, b' '..=b'~' | b'\t' | b'\n' | b'\r'));
    if !plain && !text.chars().all(printable) {
        return None;
    }
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Value> = None;
    let mut documents = 0usize;
    while let Some(event) = parser.next_event() {
        let (event, _) = event.ok()?;
        let done = match event {
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => continue,
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
                continue;
            }
            Event::Alias(_) => return None,
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                scalar(&value, style)?
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                if anchor != 0 || tag.is_some() || stack.len() >= MAX_NESTING {
                    return None;
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Open::Sequence(Vec::new())
                } else {
                    Open::Mapping(Mapping::new(), None)
                });
                continue;
            }
            Event::SequenceEnd => match stack.pop()? {
                Open::Sequence(items) => Value::Sequence(items),
                Open::Mapping(..) => return None,
            },
            Event::MappingEnd => match stack.pop()? {
                Open::Mapping(map, None) => Value::Mapping(map),
                _ => return None,
            },
        };
        // A finished node: the root, an item, a key or a key's value.
        match stack.last_mut() {
            None => {
                if root.replace(done).is_some() {
                    return None;
                }
            }
            Some(Open::Sequence(items)) => items.push(done),
            Some(Open::Mapping(map, key)) => match key.take() {
                None => *key = Some(done),
                Some(key) => {
                    // An empty key (`: x`) libyaml refuses where saphyr-parser reads a null;
                    // no casebook key is null, so any null key is left to yaml_serde.
                    if key.is_null() || map.insert(key, done).is_some() {
                        // A duplicate key: yaml_serde's error, with its words, is the one
                        // the loader reports.
                        return None;
                    }
                }
            },
        }
    }
    if !stack.is_empty() {
        return None;
    }
    Some(root.unwrap_or(Value::Null))
}

/// Whether libyaml reads `c` (YAML 1.1's printable set, less the byte order mark inside).
fn printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        && c != '\u{feff}'
}

/// A scalar's value as `yaml_serde` resolves an untagged one: quoted and block scalars are
/// text; a plain one may be null, a boolean, an integer or a float. `None` declines.
fn scalar(text: &str, style: ScalarStyle) -> Option<Value> {
    if style != ScalarStyle::Plain {
        return Some(Value::String(text.to_owned()));
    }
    if text.is_empty() || matches!(text, "null" | "Null" | "NULL" | "~") {
        return Some(Value::Null);
    }
    match text {
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    // Only text that could be a number is tried as one.
    let first = text.as_bytes()[0];
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return Some(Value::String(text.to_owned()));
    }
    if let Some(int) = unsigned(text, u64::from_str_radix) {
        return Some(Value::Number(int.into()));
    }
    if let Some(int) = negative(text, i64::from_str_radix) {
        return Some(Value::Number(int.into()));
    }
    if unsigned(text, u128::from_str_radix).is_some() || negative(text, i128::from_str_radix).is_some() {
        return None;
    }
    if !digits_but_not_number(text)
        && let Some(float) = float(text)
    {
        return Some(Value::Number(float.into()));
    }
    Some(Value::String(text.to_owned()))
}

// The three functions below follow yaml_serde 0.10's own (its `de.rs`), so that a plain
// scalar resolves the same here and there; `tests` compares the two on a table of cases.

fn unsigned<T>(scalar: &str, radix: fn(&str, u32) -> Result<T, std::num::ParseIntError>) -> Option<T> {
    let unpositive = scalar.strip_prefix('+').unwrap_or(scalar);
    for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = radix(rest, base) {
                return Some(int);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(scalar) {
        return None;
    }
    radix(unpositive, 10).ok()
}

fn negative<T>(scalar: &str, radix: fn(&str, u32) -> Result<T, std::num::ParseIntError>) -> Option<T> {
    for (prefix, base) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = scalar.strip_prefix(prefix)
            && let Ok(int) = radix(&format!("-{rest}"), base)
        {
            return Some(int);
        }
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    radix(scalar, 10).ok()
}

fn float(scalar: &str) -> Option<f64> {
    let unpositive = match scalar.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => scalar,
    };
    if matches!(unpositive, ".inf" | ".Inf" | ".INF") {
        return Some(f64::INFINITY);
    }
    if matches!(scalar, "-.inf" | "-.Inf" | "-.INF") {
        return Some(f64::NEG_INFINITY);
    }
    if matches!(scalar, ".nan" | ".NaN" | ".NAN") {
        return Some(f64::NAN.copysign(1.0));
    }
    unpositive.parse::<f64>().ok().filter(|float| float.is_finite())
}

/// A leading zero followed by digits is text in YAML 1.2 (`007`, `-01`).
fn digits_but_not_number(scalar: &str) -> bool {
    let scalar = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
    scalar.len() > 1 && scalar.starts_with('0') && scalar[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree built here is yaml_serde's, or the text is declined and yaml_serde reads it.
    fn same_as_yaml_serde(text: &str) {
        let ours = build(text);
        let theirs = serde_yaml::from_str::<Value>(text);
        if let Some(ours) = ours {
            match theirs {
                Ok(theirs) => assert_eq!(ours, theirs, "{text:?}"),
                Err(err) => panic!("{text:?}: built {ours:?} where yaml_serde refuses it: {err}"),
            }
        }
    }

    #[test]
    fn plain_scalars_resolve_as_yaml_serde_resolves_them() {
        let scalars = [
            "",
            "~",
            "null",
            "Null",
            "NULL",
            "nul",
            "true",
            "True",
            "TRUE",
            "tRue",
            "false",
            "False",
            "FALSE",
            "yes",
            "no",
            "Yes",
            "NO",
            "on",
            "off",
            "y",
            "n",
            "0",
            "-0",
            "+0",
            "00",
            "007",
            "-007",
            "+007",
            "1",
            "+1",
            "-1",
            "++1",
            "+-1",
            "--1",
            "0x1F",
            "0X1F",
            "-0x1F",
            "+0x1F",
            "0x-1",
            "0x",
            "0o17",
            "-0o17",
            "0o8",
            "0b101",
            "-0b101",
            "0b2",
            "1_000",
            "1,000",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "340282366920938463463374607431768211456",
            "1.5",
            "-1.5",
            "+1.5",
            ".5",
            "5.",
            "1e3",
            "1E3",
            "1e-3",
            "-1e3",
            "1e400",
            "-1e400",
            ".inf",
            ".Inf",
            ".INF",
            "+.inf",
            "-.inf",
            "-.Inf",
            ".nan",
            ".NaN",
            ".NAN",
            "-.nan",
            "+.nan",
            "nan",
            "NaN",
            "inf",
            "infinity",
            "-infinity",
            "0.0",
            "00.5",
            "01.5",
            "-01.5",
            "1.2.3",
            "2023-02-01",
            "2023-02-01T10:00:00Z",
            "12:30",
            "1:20:30",
            "£5",
            "5%",
            "0.1e",
            "e5",
            ".",
            "-",
            "+",
            "-.",
            "s43",
            "FOI-001",
            "+ 1",
            "3 months",
        ];
        let declined: Vec<&str> =
            scalars.into_iter().filter(|s| build(&format!("a: {s}\n")).is_none()).collect();
        assert_eq!(
            declined,
            ["18446744073709551616", "-9223372036854775809", "-"],
            "only integers wider than 64 bits, and what saphyr reads as a list's dash, are left to yaml_serde"
        );
        for scalar in scalars {
            same_as_yaml_serde(&format!("a: {scalar}\n"));
            same_as_yaml_serde(&format!("- {scalar}\n"));
            same_as_yaml_serde(&format!("{{k: [{scalar}]}}\n"));
            same_as_yaml_serde(&format!(
                "a: '{scalar}'\nb: \"{scalar}\"\nc: |\n  {scalar}\nd: >\n  {scalar}\n"
            ));
        }
    }

    #[test]
    fn documents_and_collections_match_yaml_serde() {
        let texts = [
            "",
            "# only a comment\n",
            "---\n",
            "---\na: 1\n...\n",
            "a: 1\n---\nb: 2\n",
            "---\n---\n",
            "just text\n",
            "- a\n- b\n",
            "[]\n",
            "{}\n",
            "a:\nb: ~\n",
            "a: 1\na: 2\n",
            "{a: 1, a: 1}\n",
            "? [a, b]\n: c\n",
            "? {a: 1}\n: c\n",
            "1: one\n2.5: two\ntrue: three\n~: four\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: !custom 1\n",
            "a: !!binary aGk=\n",
            "<<: {a: 1}\nb: 2\n",
            "a: [1, [2, [3]]]\n",
            "a: \"tab\\there \\u00e9 \\x41\"\n",
            "a: 'it''s'\n",
            "a: |+\n  kept\n\n",
            "a: |-\n  stripped\n",
            "a: >\n  folded\n  line\n\n  para\n",
            "a: plain\n  continued\n",
            "a: b: c\n",
            "a: [1, 2\n",
            "a:\n\t- b\n",
            "\u{feff}a: 1\n",
            "a: 1\r\nb: 2\r\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: @x\n",
            "a: `x\n",
            "key with spaces: value with: colon\n",
            "a: #not a comment?\n",
            "a: 'multi\n  line'\n",
            "- ? a\n  : b\n",
            "- - - x\n",
            "\u{2028}\r\n",
            "a: x\u{2028}y\n",
            "a: x\u{2029}y\n",
            "a: x\u{85}y\n",
            "a: caf\u{e9}\n",
            ": \n",
            "\n: \n",
            "a: x\u{ffff}y\n",
            "a: x\u{1}y\n",
            "a: x\u{feff}y\n",
            "a: \u{1f600}\n",
        ];
        for text in texts {
            same_as_yaml_serde(text);
        }
    }

    #[test]
    fn the_example_casebooks_are_built_here_unless_they_use_anchors() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut built = 0;
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("examples folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|ext| ext == "yaml") {
                    let text = std::fs::read_to_string(&path).expect("an example");
                    same_as_yaml_serde(&text);
                    let anchored = text.contains(": &") || text.contains("- &");
                    assert!(build(&text).is_some() || anchored, "{} is declined", path.display());
                    built += 1;
                }
            }
        }
        assert!(built > 10, "only {built} example files");
    }

    #[test]
    fn nesting_past_the_limit_is_declined() {
        let deep = format!("{}1{}", "[".repeat(MAX_NESTING + 1), "]".repeat(MAX_NESTING + 1));
        assert!(build(&deep).is_none());
        let fine = format!("{}1{}", "[".repeat(MAX_NESTING), "]".repeat(MAX_NESTING));
        assert!(build(&fine).is_some());
    }
}
