//! Where a casebook file holds personal or withheld data, so that no diagnostic quotes it.
//!
//! Three kinds of value must never reach a message, a quoted line or an annotation: anything
//! under a request's `requester:`, the `value:` of a decision (a withheld value, kept "for
//! the record" only), and the name, email address and telephone number of a contact who is
//! not marked `seniority: senior` (a junior officer's details are withheld under FOIA
//! s.40(2) and FOISA s.38(1)(b)). This module finds them in a file's text: exactly, from the
//! YAML events, when the file parses; by a cautious reading of its lines when it does not
//! (a typo beside the requester's name must not print the name), which masks every value of
//! the keys that could hold such data. The values found are handed to [`Masks`], which
//! finds them again wherever else they appear.

use std::collections::HashMap;

use saphyr_parser::{Event, Marker};

use super::masks::Masks;
pub use super::masks::{MASK, MASK_CHAR};

/// Keys whose value is private wherever they appear, when a file does not parse and its
/// structure cannot be trusted.
const CAUTIOUS_KEYS: &[&str] = &["requester", "value", "name", "email", "phone", "address"];

/// The keys that make a mapping a decision (besides `value` itself).
const DECISION_KEYS: &[&str] = crate::model::DECISION_KEYS;

/// The details of a contact withheld unless they are senior.
const CONTACT_DETAILS: &[&str] = &["name", "email", "phone"];

/// A stretch of a file's text that holds a private value: from `start` to `end`, each a
/// 1-based line and 0-based column in characters (`end` exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Region {
    start: (usize, usize),
    end: (usize, usize),
}

/// The private parts of one file.
#[derive(Debug, Default)]
pub struct Private {
    regions: Vec<Region>,
    /// The printed field paths (`requester`, `supplier.value`) of the private values.
    paths: Vec<String>,
    /// The private values as text, to be found wherever else they appear.
    pub masks: Masks,
}

impl Private {
    /// The private parts of a YAML file's text.
    pub fn of_yaml(text: &str) -> Self {
        // A file nested absurdly deep is refused by the loader; parsing it again here would
        // only cost time, so it is read cautiously, line by line.
        if flow_depth(text) > MAX_FLOW_DEPTH {
            return cautious(text);
        }
        Self::of_yaml_events(text, &super::Events::of(text))
    }

    /// The private parts of a YAML file's text from its events, already read by a caller
    /// who needs them for something else too (the position index), so the file is parsed
    /// once for both.
    pub(crate) fn of_yaml_events(text: &str, events: &super::Events) -> Self {
        if flow_depth(text) > MAX_FLOW_DEPTH {
            return cautious(text);
        }
        exact(events).unwrap_or_else(|| cautious(text))
    }

    /// Line `number` (1-based) of `line`'s file, with every private value masked.
    pub fn mask_line(&self, number: usize, line: &str) -> String {
        let mut chars: Vec<char> = line.chars().collect();
        for region in &self.regions {
            if region.start.0 > number || region.end.0 < number {
                continue;
            }
            let from = if region.start.0 == number { region.start.1 } else { indentation(&chars) };
            let to = if region.end.0 == number { region.end.1 } else { chars.len() };
            for c in chars.iter_mut().take(to).skip(from) {
                *c = MASK_CHAR;
            }
        }
        self.masks.in_line(&chars.into_iter().collect::<String>())
    }

    /// Whether the field printed as `path` holds a private value (or lies inside one).
    pub fn is_private_path(&self, path: &str) -> bool {
        self.paths.iter().any(|p| {
            path == p || path.strip_prefix(p.as_str()).is_some_and(|rest| rest.starts_with(['.', '[']))
        })
    }
}

/// Deeper flow nesting than any casebook needs: such a file is read cautiously.
const MAX_FLOW_DEPTH: usize = 64;

/// How deep `[` and `{` nest in `text`, roughly (quotes and comments are not told apart:
/// an overestimate only means the cautious reading).
fn flow_depth(text: &str) -> usize {
    let (mut depth, mut most) = (0usize, 0usize);
    for b in text.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                most = most.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    most
}

fn indentation(chars: &[char]) -> usize {
    chars.iter().take_while(|c| c.is_whitespace()).count()
}

/// One node of the document, in the order the parser met it.
struct Node {
    parent: Option<usize>,
    /// The key this node is the value of, when its parent is a mapping.
    key: Option<String>,
    /// Its index, when its parent is a sequence.
    index: usize,
    kind: Kind,
    /// The anchor id (`&a`) the node carries, 0 for none.
    anchor: usize,
    start: Marker,
    end: Marker,
}

enum Kind {
    Scalar(String),
    Alias(usize),
    /// A mapping: its entries, by key, with the index of each value.
    Mapping(Vec<(String, usize)>),
    Sequence(usize),
}

/// The private parts found from the YAML events; `None` when the file does not parse.
fn exact(events: &super::Events) -> Option<Private> {
    let nodes = nodes(events)?;
    let mut private = vec![false; nodes.len()];
    let mut out = Private::default();
    let mut aliased = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        let inherited = node.parent.is_some_and(|p| private[p]);
        let own = node.parent.is_some_and(|p| private_entry(&nodes, p, node.key.as_deref()));
        private[i] = inherited || own;
        if own && !inherited {
            out.paths.push(path_of(&nodes, i));
        }
        if private[i] {
            hide(&mut out, node);
            if let Kind::Alias(anchor) = node.kind {
                aliased.push(anchor);
            }
        }
    }
    // An alias in a private place makes what it refers to private where it is defined too
    // (each anchor once: a file may hold many aliases of one).
    aliased.sort_unstable();
    aliased.dedup();
    let defined: HashMap<usize, usize> =
        nodes.iter().enumerate().filter(|(_, n)| n.anchor != 0).map(|(i, n)| (n.anchor, i)).collect();
    let mut inside = vec![false; nodes.len()];
    for anchor in aliased {
        let Some(&at) = defined.get(&anchor) else { continue };
        if inside[at] || private[at] {
            continue;
        }
        inside[at] = true;
        hide(&mut out, &nodes[at]);
        // Parents come before children: the node's insides follow it.
        for (j, node) in nodes.iter().enumerate().skip(at + 1) {
            match node.parent {
                Some(p) if inside[p] && !inside[j] => {
                    inside[j] = true;
                    hide(&mut out, node);
                }
                _ => break,
            }
        }
    }
    Some(out)
}

/// Records a private node: where its text stands, and the text itself.
fn hide(out: &mut Private, node: &Node) {
    match &node.kind {
        Kind::Scalar(value) => {
            out.regions.push(Region {
                start: (node.start.line(), node.start.col()),
                end: (node.end.line(), node.end.col()),
            });
            out.masks.add(value);
        }
        Kind::Alias(_) => out.regions.push(Region {
            start: (node.start.line(), node.start.col()),
            end: (node.end.line(), node.end.col()),
        }),
        _ => {}
    }
}

/// Whether the entry `key` of mapping `parent` holds a private value.
fn private_entry(nodes: &[Node], parent: usize, key: Option<&str>) -> bool {
    let (Some(key), Kind::Mapping(entries)) = (key, &nodes[parent].kind) else { return false };
    if key == "requester" {
        return true;
    }
    let has = |name: &str| entries.iter().any(|(k, _)| k == name);
    if key == "value" && DECISION_KEYS.iter().any(|k| *k != "value" && has(k)) {
        return true;
    }
    if CONTACT_DETAILS.contains(&key) {
        let seniority = entries.iter().find(|(k, _)| k == "seniority").map(|(_, v)| &nodes[*v].kind);
        return match seniority {
            Some(Kind::Scalar(word)) => word.trim() != "senior",
            Some(_) => true,
            // No seniority: a contract owner (a `contact` answer, or a request's own answer
            // in that form) whose seniority is not settled is treated as junior.
            None => {
                let contact_like = has("job-title") || has("phone");
                match nodes[parent].key.as_deref() {
                    Some("contact") => true,
                    Some("answer") => contact_like,
                    _ => false,
                }
            }
        };
    }
    false
}

/// The printed field path of node `i`.
fn path_of(nodes: &[Node], i: usize) -> String {
    enum Step<'a> {
        Key(&'a str),
        Index(usize),
    }
    let mut steps = Vec::new();
    let mut at = Some(i);
    while let Some(node) = at.map(|i| &nodes[i]) {
        if let Some(parent) = node.parent {
            match (&nodes[parent].kind, &node.key) {
                (Kind::Mapping(_), Some(key)) => steps.push(Step::Key(key)),
                (Kind::Sequence(_), _) => steps.push(Step::Index(node.index)),
                _ => {}
            }
        }
        at = node.parent;
    }
    let mut path = super::FieldPath::root();
    for step in steps.into_iter().rev() {
        path = match step {
            Step::Key(key) => path.at(key),
            Step::Index(index) => path.index(index),
        };
    }
    path.to_string()
}

/// Every node of the document, parents before children; `None` at a syntax error.
fn nodes(events: &super::Events) -> Option<Vec<Node>> {
    if !events.complete {
        return None;
    }
    let mut nodes: Vec<Node> = Vec::new();
    // Open collections; for a mapping, the key waiting for its value.
    let mut open: Vec<(usize, Option<String>)> = Vec::new();
    // Nodes that are complex keys (a mapping used as a key): their insides are skipped.
    let mut skipping = 0usize;
    for (event, span) in &events.events {
        let opens = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
        let closes = matches!(event, Event::MappingEnd | Event::SequenceEnd);
        if skipping > 0 {
            skipping = if opens {
                skipping + 1
            } else if closes {
                skipping - 1
            } else {
                skipping
            };
            if skipping == 0 {
                // The complex key is done; its value is filed under `?`.
                if let Some((_, key @ None)) = open.last_mut() {
                    *key = Some("?".to_owned());
                }
            }
            continue;
        }
        let (kind, anchor) = match &event {
            Event::Scalar(value, _, anchor, _) => (Kind::Scalar(value.to_string()), *anchor),
            Event::Alias(anchor) => (Kind::Alias(*anchor), 0),
            Event::MappingStart(anchor, _) => (Kind::Mapping(Vec::new()), *anchor),
            Event::SequenceStart(anchor, _) => (Kind::Sequence(0), *anchor),
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some((index, _)) = open.pop() {
                    nodes[index].end = span.end;
                }
                continue;
            }
            _ => continue,
        };
        // A mapping waiting for a key takes this node as its key.
        if let Some(&mut (parent, ref mut key @ None)) = open.last_mut()
            && matches!(nodes[parent].kind, Kind::Mapping(_))
        {
            match kind {
                Kind::Scalar(name) => *key = Some(name),
                Kind::Alias(_) => *key = Some("?".to_owned()),
                _ => skipping = 1,
            }
            continue;
        }
        let (parent, key, index) = match open.last_mut() {
            None => (None, None, 0),
            Some((parent, key)) => {
                let parent = *parent;
                match &mut nodes[parent].kind {
                    Kind::Mapping(_) => (Some(parent), key.take(), 0),
                    Kind::Sequence(next) => {
                        *next += 1;
                        (Some(parent), None, *next - 1)
                    }
                    _ => (Some(parent), None, 0),
                }
            }
        };
        let here = nodes.len();
        if let (Some(parent), Some(key)) = (parent, &key)
            && let Kind::Mapping(entries) = &mut nodes[parent].kind
        {
            entries.push((key.clone(), here));
        }
        nodes.push(Node { parent, key, index, kind, anchor, start: span.start, end: span.end });
        if opens {
            open.push((here, None));
        }
    }
    Some(nodes)
}

/// The private parts by a cautious reading of the lines, for a file that does not parse: the
/// value of every key that could hold private data is masked, with everything indented under
/// it, in block and flow style.
fn cautious(text: &str) -> Private {
    let mut out = Private::default();
    // Open block keys: the column of the key, and whether what is under it is private.
    let mut open: Vec<(usize, bool)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let number = n + 1;
        let chars: Vec<char> = line.chars().collect();
        let mut at = indentation(&chars);
        if at == chars.len() || chars[at] == '#' {
            continue;
        }
        while let Some(&(column, _)) = open.last() {
            if column >= at {
                open.pop();
            } else {
                break;
            }
        }
        let inherited = open.last().is_some_and(|(_, private)| *private);
        while chars.get(at) == Some(&'-') && chars.get(at + 1).is_none_or(|c| *c == ' ') {
            at += 2;
            while chars.get(at) == Some(&' ') {
                at += 1;
            }
        }
        let hide = |from: usize, to: usize, out: &mut Private| {
            if from < to {
                out.regions.push(Region { start: (number, from), end: (number, to) });
                out.masks.add(&chars[from..to].iter().collect::<String>());
            }
        };
        if inherited {
            hide(at, chars.len(), &mut out);
            continue;
        }
        match key_at(&chars, at) {
            Some((key, after)) => {
                let sensitive = CAUTIOUS_KEYS.contains(&key.as_str());
                open.push((at, sensitive));
                if sensitive {
                    let start = after + indentation(&chars[after..]);
                    hide(start, chars.len(), &mut out);
                } else {
                    for (from, to) in flow_values(&chars, after) {
                        hide(from, to, &mut out);
                    }
                }
            }
            None => {
                for (from, to) in flow_values(&chars, at) {
                    hide(from, to, &mut out);
                }
            }
        }
    }
    out
}

/// A block mapping key starting at `at` (`name:` followed by a space or the end of the
/// line): the key and the column after its colon.
fn key_at(chars: &[char], at: usize) -> Option<(String, usize)> {
    let mut i = at;
    let key: String = match chars.get(i) {
        Some(q @ ('"' | '\'')) => {
            let close = chars[i + 1..].iter().position(|c| c == q)? + i + 1;
            let key = chars[i + 1..close].iter().collect();
            i = close + 1;
            key
        }
        _ => {
            while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '-' | '_')) {
                i += 1;
            }
            chars[at..i].iter().collect()
        }
    };
    while chars.get(i) == Some(&' ') {
        i += 1;
    }
    let colon = chars.get(i) == Some(&':') && chars.get(i + 1).is_none_or(|c| c.is_whitespace());
    (colon && !key.is_empty()).then_some((key, i + 1))
}

/// In flow style (`{name: X, email: Y}`) from `from` on: the stretches holding the values of
/// keys that could hold private data, each to the end of its entry.
fn flow_values(chars: &[char], from: usize) -> Vec<(usize, usize)> {
    let mut stretches = Vec::new();
    let mut i = from;
    while i < chars.len() {
        match chars[i] {
            '"' | '\'' => {
                let q = chars[i];
                i += 1;
                while i < chars.len() && chars[i] != q {
                    i += 1;
                }
                i += 1;
            }
            '{' | ',' | '[' => {
                let start = i + 1 + indentation(&chars[(i + 1).min(chars.len())..]);
                if let Some((key, after)) = key_at(chars, start)
                    && CAUTIOUS_KEYS.contains(&key.as_str())
                {
                    let end = entry_end(chars, after);
                    stretches.push((after, end));
                    i = end;
                    continue;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    stretches
}

/// Where a flow entry's value that starts at `from` ends: at the comma or closing bracket of
/// its own level, or the end of the line.
fn entry_end(chars: &[char], from: usize) -> usize {
    let mut depth = 0usize;
    let mut i = from;
    while i < chars.len() {
        match chars[i] {
            '"' | '\'' => {
                let q = chars[i];
                i += 1;
                while i < chars.len() && chars[i] != q {
                    i += 1;
                }
            }
            '{' | '[' => depth += 1,
            '}' | ']' if depth == 0 => return i,
            '}' | ']' => depth -= 1,
            ',' if depth == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    chars.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> Vec<String> {
        let private = Private::of_yaml(text);
        text.lines().enumerate().map(|(n, line)| private.mask_line(n + 1, line)).collect()
    }

    #[test]
    fn requester_fields_are_masked_in_block_and_flow_style() {
        let lines = masked(
            "reference: R-1\nrequester:\n  name: Zebulon Quackenbush\n  email: zq@example.com\n  address:\n    - 1 Private Lane\ntitle: x\n",
        );
        assert_eq!(lines[2], "  name: ███████████████████");
        assert_eq!(lines[3], "  email: ██████████████");
        assert_eq!(lines[5], "    - ██████████████");
        assert_eq!(lines[0], "reference: R-1");
        let lines = masked("reference: R-1\nrequester: {name: Zebulon Quackenbush, email: zq@example.com}\n");
        assert_eq!(lines[1], "requester: {name: ███████████████████, email: ██████████████}");
    }

    #[test]
    fn withheld_values_and_junior_details_are_masked_but_nothing_else() {
        let lines = masked(
            "supplier: {withhold: [s43-3], value: Corvid Systems}\nexpiry:\n  value: 2025-01-01\n  withhold: [s43-2]\n\
             contact: {name: Sam Okoro, job-title: Officer, seniority: junior}\n\
             owner: {name: Pat Senior, seniority: senior}\nanswer: {type: text, value: shown}\n",
        );
        assert_eq!(lines[0], "supplier: {withhold: [s43-3], value: ██████████████}");
        assert_eq!(lines[2], "  value: ██████████");
        assert_eq!(lines[4], "contact: {name: █████████, job-title: Officer, seniority: junior}");
        assert_eq!(lines[5], "owner: {name: Pat Senior, seniority: senior}");
        assert_eq!(lines[6], "answer: {type: text, value: shown}");
    }

    #[test]
    fn multi_line_values_are_masked_on_every_line() {
        let lines = masked(
            "requester:\n  name: >\n    Zebulon\n    Quackenbush\nsupplier:\n  withhold: [s43-2]\n  value: |\n    Corvid\n    Systems\n",
        );
        assert_eq!(lines[2], "    ███████");
        assert_eq!(lines[3], "    ███████████");
        assert_eq!(lines[7], "    ██████");
        assert_eq!(lines[8], "    ███████");
    }

    #[test]
    fn a_file_that_does_not_parse_is_masked_cautiously() {
        let text = "requester:\n  name: Zebulon Quackenbush\n  email: zq@example.com\n   address: [1 Private Lane]\n\
                    supplier: {withhold: [s43-2], value: Corvid, oops\nagents: [3\n";
        let lines = masked(text);
        assert!(!lines.join("\n").contains("Zebulon") && !lines.join("\n").contains("zq@"), "{lines:#?}");
        assert!(!lines[3].contains("Private Lane"), "{lines:#?}");
        assert!(!lines[4].contains("Corvid") && lines[4].contains("withhold: [s43-2]"), "{lines:#?}");
    }

    #[test]
    fn a_file_nested_absurdly_deep_is_masked_cautiously_and_quickly() {
        let bomb = format!("requester: {{name: Zebulon}}\nbusy-periods: {}\n", "[".repeat(100_000));
        let started = std::time::Instant::now();
        let private = Private::of_yaml(&bomb);
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
        assert_eq!(private.mask_line(1, "requester: {name: Zebulon}"), "requester: ███████████████");
    }

    #[test]
    fn what_a_private_alias_refers_to_is_masked_where_it_is_defined() {
        let aliases = vec!["*who"; 20_000].join(", ");
        let text = format!("title: &who Zebulon Quackenbush\nrequester: {{name: *who}}\nlist: [{aliases}]\n");
        let started = std::time::Instant::now();
        let private = Private::of_yaml(&text);
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
        assert!(!private.mask_line(1, "title: &who Zebulon Quackenbush").contains("Zebulon"));
    }

    #[test]
    fn values_are_masked_wherever_they_appear() {
        let private = Private::of_yaml(
            "requester:\n  name: Zebulon Quackenbush\n  phone: 01632 960733\ntitle: For zebulon  QUACKENBUSH\n",
        );
        assert_eq!(
            private.mask_line(4, "title: For zebulon  QUACKENBUSH"),
            "title: For ████████████████████"
        );
        assert_eq!(
            private.masks.in_message("call (01632) 960-733 or Zebulon Quackenbush"),
            "call ███ or ███"
        );
        assert_eq!(private.masks.in_message("Zebulon Quackenbushes"), "Zebulon Quackenbushes", "whole words");
        assert!(private.is_private_path("requester.name") && !private.is_private_path("requesters"));
    }
}
