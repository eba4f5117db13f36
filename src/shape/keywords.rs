//! Reading the JSON Schema keywords the walk understands, and matching YAML values to them.

use std::borrow::Cow;

use serde_json::Value as Schema;
use serde_yaml::Value as Yaml;

/// The part of a branch's fit that comes from naming one of its required keys.
pub(super) const NAMED: usize = 1000;

/// A tagged value (`!tag x`) is judged by what it holds; serde reports the tag if it minds.
pub(super) fn untagged(node: &Yaml) -> &Yaml {
    match node {
        Yaml::Tagged(tagged) => untagged(&tagged.value),
        other => other,
    }
}

/// A mapping key as text, the way the position index names it.
pub(super) fn key_text(key: &Yaml) -> Option<Cow<'_, str>> {
    match untagged(key) {
        Yaml::String(s) => Some(Cow::Borrowed(s)),
        Yaml::Number(n) => Some(Cow::Owned(n.to_string())),
        Yaml::Bool(b) => Some(Cow::Owned(b.to_string())),
        Yaml::Null => Some(Cow::Borrowed("~")),
        _ => None,
    }
}

pub(super) fn strings(value: Option<&Schema>) -> Vec<&str> {
    value
        .and_then(Schema::as_array)
        .map(|a| a.iter().filter_map(Schema::as_str).collect())
        .unwrap_or_default()
}

pub(super) fn json_type(value: &Schema) -> Option<&'static str> {
    Some(match value {
        Schema::Null => "null",
        Schema::Bool(_) => "boolean",
        Schema::Number(_) => "number",
        Schema::String(_) => "string",
        Schema::Array(_) => "array",
        Schema::Object(_) => "object",
    })
}

/// The words a closed set allows, when the schema is one (a string `enum` or `const`).
pub(super) fn choices(schema: &Schema) -> Option<Vec<&str>> {
    if let Some(Schema::String(one)) = schema.get("const") {
        return Some(vec![one.as_str()]);
    }
    let values = schema.get("enum")?.as_array()?;
    values.iter().map(Schema::as_str).collect()
}

/// Whether a scalar equals a `const`.
pub(super) fn same(node: &Yaml, constant: &Schema) -> bool {
    match (node, constant) {
        (Yaml::String(a), Schema::String(b)) => a == b,
        (Yaml::Bool(a), Schema::Bool(b)) => a == b,
        (Yaml::Null, Schema::Null) => true,
        (Yaml::Number(a), Schema::Number(b)) => a.as_f64() == b.as_f64(),
        _ => false,
    }
}

/// How well a mapping fits an object schema: its required keys present first, then how
/// many of its keys the schema knows.
pub(super) fn key_fit(schema: &Schema, node: &Yaml) -> usize {
    let Yaml::Mapping(map) = node else { return 0 };
    let keys: Vec<Cow<str>> = map.keys().filter_map(key_text).collect();
    let required = strings(schema.get("required"));
    let required_present = required.iter().filter(|r| keys.iter().any(|k| k == *r)).count();
    let known = schema
        .get("properties")
        .and_then(Schema::as_object)
        .map_or(0, |p| keys.iter().filter(|k| p.contains_key(k.as_ref())).count());
    required_present * NAMED + known
}
