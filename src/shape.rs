//! Every structural mistake in a YAML file at once: unknown keys, missing keys, wrong types
//! and values outside a closed set, found by walking the document against its JSON Schema.
//!
//! serde stops at the first error in a file, so on its own it would make an officer fix
//! mistakes one run at a time. So `load` also walks every file's parsed YAML tree against
//! the schema generated from the same serde types (`schema`) and reports everything the
//! walk finds. Using the schema rather than a second, hand-written table of keys means there
//! is one description of each file's shape: the one editors check against too.
//!
//! The walk understands the part of JSON Schema that schemars and `model::hand_schemas` emit:
//! `$ref`, `type`, `const`, `enum`, `anyOf`/`oneOf`, `properties`, `required`,
//! `additionalProperties`, `items`, `minItems`, `minimum`, `maximum` and `format: date`. Other keywords
//! (such as `pattern`) are left to serde, which reads every file as well and whose error is
//! reported where the walk found nothing. For a choice (`anyOf`) the walk follows the branch
//! that best fits the value (by type, then by the keys a mapping uses) and reports that
//! branch's problems, the way a person would read the file. It judges shape, never meaning.
//!
//! A file without problems costs one pass and no allocation beyond the walk's own stack:
//! paths and hints are built only for a value that has a problem.

use serde_json::Value as Schema;
use serde_yaml::Value as Yaml;

use crate::report::suggestion;
use crate::source::FieldPath;

mod compiled;
mod keywords;
mod wording;

use compiled::{Compiled, Node};
use keywords::{NAMED, key_fit, key_text, same, strings, untagged};
use wording::{as_hint, describe, explain_key, found, join_or, with_hint};

/// One structural problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Where: the value (or, for an unknown key, the entry) at this path.
    pub path: FieldPath,
    /// The key, when the problem is the key of the entry rather than its value.
    pub key: Option<String>,
    /// What is wrong, in the words the loader uses for serde's errors.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

/// How deep `$ref` chains and nested choices may go before the walk gives up on a branch;
/// generated schemas never come near it.
const MAX_REFS: usize = 32;

/// Walks `doc` against `schema` (a root schema with its `$defs`: a file kind's, which lives
/// as long as the process) and returns every problem, in document order.
pub fn check(doc: &Yaml, schema: &'static Schema) -> Vec<Issue> {
    let walker = Walker { compiled: compiled::of(schema) };
    let mut issues = Vec::new();
    if doc.is_null() {
        let required: Vec<String> = walker.node(schema).required.iter().map(|k| format!("`{k}`")).collect();
        issues.push(Issue {
            path: FieldPath::root(),
            key: None,
            message: "the file is empty".into(),
            hint: (!required.is_empty()).then(|| format!("it needs at least {}", join_or(&required, "and"))),
        });
        return issues;
    }
    walker.walk(doc, schema, &Step::Root, &mut issues);
    issues
}

struct Walker {
    /// The schema's keywords, node by node, read once per process.
    compiled: &'static Compiled,
}

/// The keywords of a node the compiled schema does not hold: one its nesting limit left
/// out, or the `true` a broken reference resolves to. It accepts anything, as `true` does;
/// serde still reads the value.
static ANYTHING: Node = Node {
    resolved: &Schema::Bool(true),
    description: None,
    accepts: compiled::types::ANY,
    choice: None,
    words: None,
    constant: None,
    properties: None,
    additional: None,
    required: Vec::new(),
    items: None,
    min_items: 0,
    date: false,
    ranged: false,
};

/// Where the walk is, as a chain of borrowed steps on the stack: a `FieldPath` is built only
/// for a value that has a problem, so a file without problems costs no allocation for paths.
#[derive(Clone, Copy)]
enum Step<'p> {
    Root,
    Key(&'p Step<'p>, &'p str),
    Index(&'p Step<'p>, usize),
}

impl Step<'_> {
    fn path(&self) -> FieldPath {
        match self {
            Step::Root => FieldPath::root(),
            Step::Key(parent, key) => parent.path().at(key),
            Step::Index(parent, index) => parent.path().index(*index),
        }
    }
}

impl Walker {
    /// The keywords of `schema`.
    fn node(&self, schema: &Schema) -> &Node {
        self.compiled.node(schema).unwrap_or(&ANYTHING)
    }

    /// Whether `value`'s type is one `schema` allows.
    fn fits(&self, schema: &Schema, value: &Yaml) -> bool {
        self.node(schema).accepts & type_bits(value) != 0
    }

    fn walk(&self, node: &Yaml, schema: &'static Schema, path: &Step, out: &mut Vec<Issue>) {
        let node = untagged(node);
        let schema = self.node(schema).resolved;
        let keywords = self.node(schema);
        // A value's own description says what it should be: the hint for a wrong one
        // (phrased only when there is a problem to hint at).
        let about = || keywords.description.map(as_hint);
        if schema.as_bool() == Some(false) {
            out.push(issue(path, "nothing is allowed here", None));
            return;
        }
        if let Some((all, about)) = &keywords.choice {
            self.choose(node, all, *about, path, out);
            return;
        }
        if keywords.accepts & type_bits(node) == 0 {
            let expected = describe(schema);
            out.push(issue(path, format!("expected {expected}, found {}", found(node)), about()));
            return;
        }
        if let Some(choices) = &keywords.words
            && let Yaml::String(given) = node
        {
            if !choices.contains(&given.as_str()) {
                out.push(issue(path, format!("unknown value `{given}`"), suggestion(given, choices)));
            }
            return;
        }
        if let Some(constant) = keywords.constant {
            if !same(node, constant) {
                out.push(issue(
                    path,
                    format!("expected {}, found {}", describe(schema), found(node)),
                    about(),
                ));
            }
            return;
        }
        match node {
            Yaml::Mapping(map) => self.mapping(map, keywords, path, out),
            Yaml::Sequence(items) => {
                if let Some(item) = keywords.items {
                    for (i, value) in items.iter().enumerate() {
                        self.walk(value, item, &Step::Index(path, i), out);
                    }
                }
                let least = keywords.min_items;
                if (items.len() as u64) < least {
                    let plural = if least == 1 { "item" } else { "items" };
                    out.push(issue(path, format!("empty list: give at least {least} {plural}"), about()));
                }
            }
            Yaml::String(text)
                if keywords.date && chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").is_err() =>
            {
                out.push(issue(
                    path,
                    format!("`{text}` is not a date: write dates as YYYY-MM-DD, e.g. 2023-02-01"),
                    about(),
                ));
            }
            Yaml::Number(number) if keywords.ranged => {
                if let Some(message) = outside_range(schema, number) {
                    out.push(issue(path, message, about()));
                }
            }
            _ => {}
        }
    }

    /// A choice: follow the alternative that best fits `node`.
    fn choose(
        &self,
        node: &Yaml,
        all: &[&'static Schema],
        about: Option<&str>,
        path: &Step,
        out: &mut Vec<Issue>,
    ) {
        let fitting: Vec<&'static Schema> = all.iter().copied().filter(|b| self.fits(b, node)).collect();
        let hint = || about.map(as_hint);
        match fitting.as_slice() {
            [] => {
                let mut kinds: Vec<String> = Vec::new();
                for branch in all {
                    let kind = describe(branch);
                    let useful = kind != "nothing" || node.is_null();
                    if useful && !kinds.contains(&kind) {
                        kinds.push(kind);
                    }
                }
                let message = format!("expected {}, found {}", join_or(&kinds, "or"), found(node));
                out.push(issue(path, message, hint()));
            }
            [one] => {
                let mut issues = Vec::new();
                self.walk(node, one, path, &mut issues);
                if !issues.is_empty() {
                    let here = path.path();
                    out.extend(issues.into_iter().map(|i| with_hint(i, &here, &hint)));
                }
            }
            several => {
                // A value of one of a closed set of words: say which words.
                let words: Option<Vec<&[&str]>> =
                    several.iter().map(|b| self.node(b).words.as_deref()).collect();
                if let (Yaml::String(given), Some(words)) = (node, words) {
                    let words: Vec<&str> = words.concat();
                    if !words.contains(&given.as_str()) {
                        out.push(issue(path, format!("unknown value `{given}`"), suggestion(given, &words)));
                    }
                    return;
                }
                // A mapping that names a branch's required key has chosen that branch, even
                // if a looser one (such as "any value") would also take it.
                let top = several.iter().map(|b| key_fit(b, node)).max().unwrap_or(0);
                // Else one that a misspelt key nearly names (`withold:`, `not-heldd:`): the
                // officer chose that form, and its walk says which key was meant.
                let nearly: Vec<&'static Schema> =
                    several.iter().copied().filter(|b| top < NAMED && nearly_named(b, node)).collect();
                let named: Vec<&'static Schema> = if top >= NAMED {
                    several.iter().copied().filter(|b| key_fit(b, node) == top).collect()
                } else if !nearly.is_empty() {
                    nearly
                } else {
                    several.to_vec()
                };
                let mut best: Option<(&Schema, usize, Vec<Issue>)> = None;
                for branch in named {
                    let fit = key_fit(branch, node);
                    let mut issues = Vec::new();
                    self.walk(node, branch, path, &mut issues);
                    if issues.is_empty() {
                        return;
                    }
                    let better = match &best {
                        None => true,
                        Some((chosen, count, _)) => {
                            let chosen_fit = key_fit(chosen, node);
                            fit > chosen_fit || (fit == chosen_fit && issues.len() < *count)
                        }
                    };
                    if better {
                        best = Some((branch, issues.len(), issues));
                    }
                }
                if let Some((chosen, _, issues)) = best {
                    let here = path.path();
                    out.extend(
                        issues
                            .into_iter()
                            .map(|i| explain_key(i, &here, chosen, several))
                            .map(|i| with_hint(i, &here, &hint)),
                    );
                }
            }
        }
    }

    fn mapping(&self, map: &serde_yaml::Mapping, keywords: &Node, path: &Step, out: &mut Vec<Issue>) {
        let properties = keywords.properties;
        let additional = keywords.additional;
        // Required keys an unknown key nearly spells: the fix for that key adds them, so
        // they are not reported missing as well.
        let mut misspelt: Vec<&str> = Vec::new();
        for (key, value) in map {
            let Some(name) = key_text(key) else {
                out.push(issue(path, "a key must be a plain word, not a list or mapping", None));
                continue;
            };
            let at = Step::Key(path, &name);
            if let Some(property) = properties.and_then(|p| p.get(name.as_ref())) {
                self.walk(value, property, &at, out);
                continue;
            }
            match additional {
                Some(Schema::Bool(false)) => {
                    let names: Vec<&str> =
                        properties.map(|p| p.keys().map(String::as_str).collect()).unwrap_or_default();
                    let hint =
                        suggestion(&name, &names).unwrap_or_else(|| "this mapping takes no keys".into());
                    misspelt.extend(crate::report::closest_all(&name, &names));
                    out.push(Issue {
                        path: at.path(),
                        message: format!("unknown key `{name}`"),
                        key: Some(name.into_owned()),
                        hint: Some(hint),
                    });
                }
                Some(other) => self.walk(value, other, &at, out),
                None => {}
            }
        }
        for required in &keywords.required {
            let present = map.keys().any(|k| key_text(k).as_deref() == Some(*required));
            if !present && !misspelt.contains(required) {
                out.push(issue(
                    path,
                    format!("missing key `{required}`"),
                    Some(format!("add `{required}:` here")),
                ));
            }
        }
    }
}

/// The JSON types `value` satisfies, as bits. A YAML float is never an integer (serde
/// refuses `3.0` where it wants a whole number).
fn type_bits(value: &Yaml) -> u8 {
    use compiled::types;
    match value {
        Yaml::Null => types::NULL,
        Yaml::Bool(_) => types::BOOLEAN,
        Yaml::Number(n) if n.is_f64() => types::NUMBER,
        Yaml::Number(_) => types::INTEGER | types::NUMBER,
        Yaml::String(_) => types::STRING,
        Yaml::Sequence(_) => types::ARRAY,
        Yaml::Mapping(_) => types::OBJECT,
        Yaml::Tagged(tagged) => type_bits(&tagged.value),
    }
}

/// Whether a key of the mapping `node`, unknown to `schema`, is a near miss of one of the
/// keys `schema` requires: `withold` for `withhold`.
fn nearly_named(schema: &Schema, node: &Yaml) -> bool {
    let Yaml::Mapping(map) = node else { return false };
    let required = strings(schema.get("required"));
    let properties = schema.get("properties").and_then(Schema::as_object);
    map.keys().filter_map(key_text).any(|key| {
        let known = properties.is_some_and(|p| p.contains_key(key.as_ref()));
        !known && !crate::report::closest_all(&key, &required).is_empty()
    })
}

fn issue(path: &Step, message: impl Into<String>, hint: Option<String>) -> Issue {
    Issue { path: path.path(), key: None, message: message.into(), hint }
}

/// What is wrong with a number outside the schema's `minimum` and `maximum`, in words: the
/// range allowed, never a Rust type. Not a number (`.nan`) is outside any range.
fn outside_range(schema: &Schema, number: &serde_yaml::Number) -> Option<String> {
    let least = schema.get("minimum").and_then(Schema::as_f64);
    let most = schema.get("maximum").and_then(Schema::as_f64);
    let value = number.as_f64()?;
    let inside =
        !value.is_nan() && least.is_none_or(|least| value >= least) && most.is_none_or(|most| value <= most);
    if inside || (least.is_none() && most.is_none()) {
        return None;
    }
    let integer = match schema.get("type") {
        Some(Schema::String(kind)) => kind == "integer",
        Some(Schema::Array(kinds)) => kinds.iter().any(|kind| kind == "integer"),
        _ => false,
    };
    let kind = if integer { "a whole number" } else { "a number" };
    let number = if number.is_f64() { crate::model::values::yaml_number(value) } else { number.to_string() };
    Some(match (least, most) {
        (Some(least), Some(most)) => {
            format!(
                "`{number}` is outside the range allowed here: give {kind} from {} to {}",
                bound(least),
                bound(most)
            )
        }
        (Some(least), None) => format!("`{number}` is below the minimum of {}", bound(least)),
        (None, Some(most)) => format!("`{number}` is above the maximum of {}", bound(most)),
        (None, None) => return None,
    })
}

/// A bound of a range as people write it: `1,000,000,000,000`, `0.5`.
fn bound(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e18 {
        let grouped = crate::model::values::grouped(value.abs() as u64);
        if value < 0.0 { format!("-{grouped}") } else { grouped }
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::FileKind;

    /// The problems the walk finds in a contract file: (path, message, hint).
    fn contract(yaml: &str) -> Vec<(String, String, Option<String>)> {
        let doc: Yaml = serde_yaml::from_str(yaml).expect("yaml");
        check(&doc, FileKind::Contract.schema())
            .into_iter()
            .map(|i| (i.path.to_string(), i.message, i.hint))
            .collect()
    }

    const OK: &str = "part: contact-centre\ntitle: T\n";

    #[test]
    fn a_valid_file_has_no_problems_and_an_empty_one_says_what_it_needs() {
        assert_eq!(contract(OK), []);
        assert_eq!(
            contract(""),
            [("".into(), "the file is empty".into(), Some("it needs at least `part` and `title`".into()))]
        );
    }

    #[test]
    fn every_problem_is_found_not_just_the_first() {
        let found = contract("part: contact-centre\ntitle: T\nagentz: 1\nsites: [1]\ncontact: {name: A}\n");
        let messages: Vec<&str> = found.iter().map(|(_, m, _)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "unknown key `agentz`",
                "expected a whole number, text or a mapping, found a list",
                "missing key `seniority`"
            ]
        );
        assert_eq!(found[0].2.as_deref(), Some("did you mean `agents`?"));
    }

    #[test]
    fn a_choice_follows_the_form_the_mapping_names() {
        let decision = |answer: &str| contract(&format!("{OK}supplier: {answer}\n"));
        assert_eq!(decision("{withhold: [s43-2], resaon: x}")[0].1, "unknown key `resaon`");
        assert_eq!(
            decision("{withhold: [s43-2], not-held: true}")[0].1,
            "`not-held` cannot be combined with `withhold`"
        );
        assert_eq!(decision("{not-held: true, reason: x}")[0].1, "`reason` cannot be used with `not-held`");
        assert_eq!(decision("{not-held: yes please}"), [], "an explanation is text");
        assert_eq!(decision("{withhold: []}")[0].1, "empty list: give at least 1 item");
        let money = contract(&format!("{OK}annual-spend: {{amount: 5, year: 3}}\n"));
        assert_eq!((money[0].0.as_str(), money[0].1.as_str()), ("annual-spend.year", "unknown key `year`"));
    }

    #[test]
    fn a_misspelt_decision_key_is_named_without_a_missing_key_beside_it() {
        let decision = |answer: &str| contract(&format!("{OK}supplier: {answer}\n"));
        let did_you_mean = |answer: &str| {
            decision(answer)
                .into_iter()
                .map(|(path, message, hint)| format!("{path}: {message}: {hint:?}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            did_you_mean("{withold: [s43-2]}"),
            ["supplier.withold: unknown key `withold`: Some(\"did you mean `withhold`?\")"]
        );
        assert_eq!(
            did_you_mean("{not-heldd: true}"),
            ["supplier.not-heldd: unknown key `not-heldd`: Some(\"did you mean `not-held`?\")"]
        );
        assert_eq!(
            did_you_mean("{publised: {url: https://x.example, title: T}}"),
            ["supplier.publised: unknown key `publised`: Some(\"did you mean `published`?\")"]
        );
        assert_eq!(
            did_you_mean("{withold: [s43-2], value: Wren Ltd}"),
            ["supplier.withold: unknown key `withold`: Some(\"did you mean `withhold`?\")"]
        );
        let spend = contract(&format!("{OK}annual-spend: {{withold: [s43-2]}}\n"));
        assert_eq!(spend.len(), 1, "{spend:?}");
        assert_eq!(spend[0].2.as_deref(), Some("did you mean `withhold`?"));
        let contact = contract(&format!("{OK}contact: {{name: A, senority: senior}}\n"));
        assert_eq!(contact.len(), 1, "{contact:?}");
        assert_eq!(contact[0].2.as_deref(), Some("did you mean `seniority`?"));
        let unrelated = decision("{resaon: x}");
        assert!(unrelated.iter().any(|(_, m, _)| m.starts_with("missing key")), "{unrelated:?}");
    }

    #[test]
    fn closed_sets_and_dates_are_checked_with_suggestions() {
        let found = contract("part: contact-centr\ntitle: T\nexpiry: 2023-02-30\nreview: 2023-02-28\n");
        assert_eq!(found[0].1, "unknown value `contact-centr`");
        assert_eq!(found[0].2.as_deref(), Some("did you mean `contact-centre`?"));
        assert_eq!(found[1].1, "`2023-02-30` is not a date: write dates as YYYY-MM-DD, e.g. 2023-02-01");
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn text_takes_numbers_and_true_or_false_as_serde_does_but_not_nothing() {
        assert_eq!(contract("part: contact-centre\ntitle: 2024\nsupplier: true\n"), []);
        assert_eq!(contract("part: contact-centre\ntitle:\n")[0].1, "expected text, found nothing");
    }

    #[test]
    fn hints_from_descriptions_read_as_phrases() {
        assert_eq!(as_hint("The contract's name, as printed."), "the contract's name, as printed");
        assert_eq!(as_hint("YYYY-MM-DD dates."), "YYYY-MM-DD dates");
        assert_eq!(as_hint("`standard` or a list."), "`standard` or a list");
    }
}
