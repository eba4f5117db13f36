//! The keywords of every node of a file's schema, read once per schema rather than once per
//! value walked.
//!
//! The schema is a `serde_json` tree, and each keyword the walk asks for (`$ref`, `type`,
//! `anyOf`, `properties`…) is a string-keyed search in it: a request of thirty questions
//! asked for them some thousands of times, which was most of the walk's time. Here each
//! node's keywords are looked up once, when its kind's schema is first walked, and kept for
//! the life of the process (four schemas, a few hundred nodes).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use serde_json::{Map, Value as Schema};

use super::MAX_REFS;
use super::keywords::{choices, json_type, strings};

/// The JSON types a value can have, as bits, for matching a value's type to a schema's.
pub(super) mod types {
    pub const NULL: u8 = 1;
    pub const BOOLEAN: u8 = 2;
    pub const INTEGER: u8 = 4;
    pub const NUMBER: u8 = 8;
    pub const STRING: u8 = 16;
    pub const ARRAY: u8 = 32;
    pub const OBJECT: u8 = 64;
    pub const ANY: u8 = 127;

    /// The bit of a JSON Schema type name (none for a name it does not know).
    pub fn of(name: &str) -> u8 {
        match name {
            "null" => NULL,
            "boolean" => BOOLEAN,
            "integer" => INTEGER,
            "number" => NUMBER,
            "string" => STRING,
            "array" => ARRAY,
            "object" => OBJECT,
            _ => 0,
        }
    }
}

/// One schema node's keywords.
#[derive(Debug)]
pub(super) struct Node {
    /// The node its `$ref`s lead to (itself when it has none; `true` when one is broken).
    pub resolved: &'static Schema,
    /// Its `description`.
    pub description: Option<&'static str>,
    /// The types a value may have here (`type`, else implied by `const` or `enum`).
    pub accepts: u8,
    /// A choice (`anyOf` or `oneOf`): its alternatives, nested choices flattened, and the
    /// innermost description.
    pub choice: Option<(Vec<&'static Schema>, Option<&'static str>)>,
    /// The words of a closed set (a string `enum` or `const`).
    pub words: Option<Vec<&'static str>>,
    /// Its `const`.
    pub constant: Option<&'static Schema>,
    /// Its `properties`.
    pub properties: Option<&'static Map<String, Schema>>,
    /// Its `additionalProperties`.
    pub additional: Option<&'static Schema>,
    /// Its `required` keys.
    pub required: Vec<&'static str>,
    /// Its `items`.
    pub items: Option<&'static Schema>,
    /// Its `minItems`.
    pub min_items: u64,
    /// Whether it has `format: date`.
    pub date: bool,
    /// Whether it has a `minimum` or `maximum`.
    pub ranged: bool,
}

/// Every node of one root schema, by address.
pub(super) struct Compiled {
    root: &'static Schema,
    nodes: HashMap<usize, Node>,
}

/// The compiled form of `root`, made on first use and kept: one per file kind.
pub(super) fn of(root: &'static Schema) -> &'static Compiled {
    static ALL: OnceLock<Mutex<Vec<&'static Compiled>>> = OnceLock::new();
    let all = ALL.get_or_init(Mutex::default);
    let mut all = all.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(known) = all.iter().find(|c| std::ptr::eq(c.root, root)) {
        return known;
    }
    let mut compiled = Compiled { root, nodes: HashMap::new() };
    compiled.add(root, 0);
    // Bounded: one per distinct root, and the roots are the file kinds' schemas.
    let compiled: &'static Compiled = Box::leak(Box::new(compiled));
    all.push(compiled);
    compiled
}

/// How deep the schema's own nesting is followed when compiling (generated schemas are a
/// few levels deep; the `$defs` are reached at the top).
const MAX_NESTING: usize = 64;

impl Compiled {
    /// The keywords of `schema`, a node of this root (`None` for a node from elsewhere,
    /// such as the `true` a broken reference resolves to).
    pub fn node(&self, schema: &Schema) -> Option<&Node> {
        self.nodes.get(&(std::ptr::from_ref(schema) as usize))
    }

    fn add(&mut self, schema: &'static Schema, depth: usize) {
        let key = std::ptr::from_ref(schema) as usize;
        if depth > MAX_NESTING || self.nodes.contains_key(&key) {
            return;
        }
        let node = self.read(schema);
        self.nodes.insert(key, node);
        let children = ["properties", "$defs"]
            .iter()
            .filter_map(|k| schema.get(*k).and_then(Schema::as_object))
            .flat_map(|m| m.values())
            .chain(
                ["anyOf", "oneOf"].iter().filter_map(|k| schema.get(*k).and_then(Schema::as_array)).flatten(),
            )
            .chain(["items", "additionalProperties"].iter().filter_map(|k| schema.get(*k)))
            .collect::<Vec<_>>();
        for child in children {
            self.add(child, depth + 1);
        }
    }

    fn read(&self, schema: &'static Schema) -> Node {
        let accepts = match schema.get("type") {
            Some(Schema::String(t)) => types::of(t),
            Some(Schema::Array(ts)) => {
                ts.iter().filter_map(Schema::as_str).fold(0, |bits, t| bits | types::of(t))
            }
            _ => {
                if let Some(constant) = schema.get("const") {
                    json_type(constant).map_or(0, types::of)
                } else if let Some(values) = schema.get("enum").and_then(Schema::as_array) {
                    values.iter().filter_map(json_type).fold(0, |bits, t| bits | types::of(t))
                } else if schema.as_bool() == Some(false) {
                    0
                } else {
                    types::ANY
                }
            }
        };
        let is_choice = schema.get("anyOf").is_some() || schema.get("oneOf").is_some();
        let choice = is_choice.then(|| {
            let mut all = Vec::new();
            let mut about = None;
            self.branches(schema, &mut all, &mut about, 0);
            (all, about)
        });
        Node {
            resolved: self.resolve(schema),
            description: schema.get("description").and_then(Schema::as_str),
            accepts,
            choice,
            words: choices(schema),
            constant: schema.get("const"),
            properties: schema.get("properties").and_then(Schema::as_object),
            additional: schema.get("additionalProperties"),
            required: strings(schema.get("required")),
            items: schema.get("items"),
            min_items: schema.get("minItems").and_then(Schema::as_u64).unwrap_or(0),
            date: schema.get("format").and_then(Schema::as_str) == Some("date"),
            ranged: schema.get("minimum").is_some() || schema.get("maximum").is_some(),
        }
    }

    /// Follows `$ref`s into `#/$defs`; an unresolvable reference accepts anything.
    pub fn resolve(&self, mut schema: &'static Schema) -> &'static Schema {
        static ANYTHING: Schema = Schema::Bool(true);
        for _ in 0..MAX_REFS {
            let Some(reference) = schema.get("$ref").and_then(Schema::as_str) else {
                return schema;
            };
            let target = match reference.strip_prefix("#/$defs/") {
                Some(name) if !name.contains(['/', '~']) => self.root.get("$defs").and_then(|d| d.get(name)),
                _ => self.root.pointer(reference.strip_prefix('#').unwrap_or(reference)),
            };
            match target {
                Some(target) => schema = target,
                None => return &ANYTHING,
            }
        }
        &ANYTHING
    }

    /// The alternatives of a choice, nested choices flattened, with the innermost
    /// description (the type's own, which explains the forms it takes).
    fn branches(
        &self,
        schema: &'static Schema,
        out: &mut Vec<&'static Schema>,
        about: &mut Option<&'static str>,
        depth: usize,
    ) {
        let schema = self.resolve(schema);
        let choice = schema.get("anyOf").or_else(|| schema.get("oneOf")).and_then(Schema::as_array);
        match choice {
            Some(choice) if depth < MAX_REFS && schema.get("type").is_none() => {
                if let Some(text) = schema.get("description").and_then(Schema::as_str) {
                    *about = Some(text);
                }
                for branch in choice {
                    self.branches(branch, out, about, depth + 1);
                }
            }
            _ => out.push(schema),
        }
    }
}
