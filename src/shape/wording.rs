//! How the walk words what it finds: what a schema expects and what was found instead, and
//! hints drawn from the schema's descriptions.

use serde_json::Value as Schema;
use serde_yaml::Value as Yaml;

use super::Issue;
use super::keywords::{choices, strings};
use crate::source::FieldPath;

/// A description written for the schema (a sentence) as a hint (a phrase, like the other
/// hints): first letter in lower case unless the word is an abbreviation, no final stop.
pub(super) fn as_hint(description: &str) -> String {
    // A doc comment over several lines keeps its line breaks: a hint is one line.
    let joined = description.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = joined.trim_end_matches('.');
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_owned(),
    }
}

/// Gives a problem with the value at `path` itself the choice's description as its hint,
/// when it has none of its own.
pub(super) fn with_hint(mut issue: Issue, path: &FieldPath, hint: &impl Fn() -> Option<String>) -> Issue {
    if issue.hint.is_none() && issue.key.is_none() && issue.path == *path {
        issue.hint = hint();
    }
    issue
}

/// Rephrases an unknown key of the chosen form of a value when another form uses it: the
/// mistake is mixing two forms (`withhold` with `not-held`), not a misspelling.
pub(super) fn explain_key(
    mut issue: Issue,
    path: &FieldPath,
    chosen: &Schema,
    branches: &[&Schema],
) -> Issue {
    let Some(key) = issue.key.clone() else { return issue };
    if issue.path.parent() != *path {
        return issue;
    }
    let own = strings(chosen.get("required"));
    let Some(own) = own.first() else { return issue };
    let others: Vec<&Schema> = branches.iter().copied().filter(|b| !std::ptr::eq(*b, chosen)).collect();
    if others.iter().any(|b| strings(b.get("required")).contains(&key.as_str())) {
        issue.message = format!("`{key}` cannot be combined with `{own}`");
        issue.hint = Some("give one or the other".into());
        return issue;
    }
    let homes: Vec<String> = others
        .iter()
        .filter(|b| b.get("properties").and_then(Schema::as_object).is_some_and(|p| p.contains_key(&key)))
        .filter_map(|b| strings(b.get("required")).first().map(|r| format!("`{r}`")))
        .collect();
    if !homes.is_empty() {
        issue.message = format!("`{key}` cannot be used with `{own}`");
        issue.hint = Some(format!("`{key}` goes with {}", join_or(&homes, "or")));
    }
    issue
}

/// What a schema expects, in words.
pub(super) fn describe(schema: &Schema) -> String {
    if let Some(constant) = schema.get("const") {
        return match constant {
            Schema::String(s) => format!("`{s}`"),
            other => format!("`{other}`"),
        };
    }
    if let Some(words) = choices(schema) {
        let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
        return format!("one of {}", join_or(&quoted, "or"));
    }
    let mut names: Vec<&str> = match schema.get("type") {
        Some(Schema::String(t)) => vec![t.as_str()],
        Some(Schema::Array(ts)) => ts.iter().filter_map(Schema::as_str).filter(|t| *t != "null").collect(),
        _ => Vec::new(),
    };
    if names.contains(&"string") {
        // Where text is accepted, numbers and true/false are too: they are kept as written.
        names.retain(|t| !matches!(*t, "number" | "integer" | "boolean"));
    }
    let date = schema.get("format").and_then(Schema::as_str) == Some("date");
    let words: Vec<String> = names
        .iter()
        .map(|t| match *t {
            "string" if date => "a date (YYYY-MM-DD)".to_owned(),
            "string" => "text".to_owned(),
            "integer" => "a whole number".to_owned(),
            "number" => "a number".to_owned(),
            "boolean" => "true or false".to_owned(),
            "array" => "a list".to_owned(),
            "object" => "a mapping".to_owned(),
            "null" => "nothing".to_owned(),
            other => other.to_owned(),
        })
        .collect();
    if words.is_empty() { "a value".to_owned() } else { join_or(&words, "or") }
}

/// What was found instead, in words.
pub(super) fn found(node: &Yaml) -> &'static str {
    match node {
        Yaml::Null => "nothing",
        Yaml::Bool(true) => "`true`",
        Yaml::Bool(false) => "`false`",
        Yaml::Number(n) if n.is_f64() => "a decimal number",
        Yaml::Number(_) => "a number",
        Yaml::String(_) => "text",
        Yaml::Sequence(_) => "a list",
        Yaml::Mapping(_) => "a mapping",
        Yaml::Tagged(tagged) => found(&tagged.value),
    }
}

/// `a`, `a or b`, `a, b or c`.
pub(super) fn join_or(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}
