//! Casebook files as read from disk, and where in them each field sits.
//!
//! Owns the text of every file `foi` reads and the mapping from a field path
//! (`parts[0].questions[3].id`) to its line and column, so any finding can point at the
//! exact spot. The positions come from a second, event-level parse that runs only when a
//! finding needs one: a clean casebook pays nothing for it.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use saphyr_parser::{Event, Parser, Span};

mod masks;
pub mod private;

pub use masks::Masks;
pub use private::Private;

/// A position in a file: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Location {
    /// Line number, from 1.
    pub line: usize,
    /// Column number, from 1.
    pub column: usize,
}

/// The path of a field inside a YAML document, printed like `contact.withhold[0]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldPath(Vec<Segment>);

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Segment {
    Key(String),
    Index(usize),
}

impl FieldPath {
    /// The document root.
    pub fn root() -> Self {
        Self::default()
    }

    /// A path of one key.
    pub fn key(key: &str) -> Self {
        Self::root().at(key)
    }

    /// This path extended by a mapping key.
    #[must_use]
    pub fn at(&self, key: &str) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Key(key.to_owned()));
        Self(segments)
    }

    /// This path extended by a sequence index.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Index(index));
        Self(segments)
    }

    /// Whether this is the document root.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The path without its last segment (the root stays the root).
    #[must_use]
    pub fn parent(&self) -> Self {
        let mut segments = self.0.clone();
        segments.pop();
        Self(segments)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// One file of the casebook (or a built-in file), with its text.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown to the user: relative to the casebook root where possible.
    pub display: PathBuf,
    /// The text of the file.
    pub text: String,
    index: OnceLock<Index>,
    private: OnceLock<Private>,
}

/// Where every node of a file sits: by path, and where each node that starts at a
/// position ends (for underlining the whole of it).
#[derive(Debug, Default)]
struct Index {
    spots: HashMap<FieldPath, Spot>,
    /// Where each scalar (key or value) ends, by where it starts.
    ends: HashMap<Location, Location>,
    /// Where each collection ends, by where it starts: a block mapping starts where its
    /// first key does, so the two are kept apart.
    collection_ends: HashMap<Location, Location>,
}

/// Where a node sits: its key (for mapping entries) and its value.
#[derive(Debug, Clone, Copy)]
struct Spot {
    key: Option<Location>,
    value: Location,
    /// Whether the value is a mapping or a list.
    collection: bool,
}

impl SourceFile {
    /// A file with the given display path and text.
    ///
    /// A lone carriage return (an old Mac line ending) is made a line feed: YAML breaks
    /// lines at it, and the lines quoted in findings must be the ones the parser counted.
    pub fn new(display: impl Into<PathBuf>, text: String) -> Self {
        let text =
            if lone_carriage_return(&text) { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
        Self { display: display.into(), text, index: OnceLock::new(), private: OnceLock::new() }
    }

    /// The display path.
    pub fn path(&self) -> &Path {
        &self.display
    }

    /// Where the value at `path` starts; for a missing field, where its parent starts.
    pub fn locate(&self, path: &FieldPath) -> Location {
        self.spot(path).map_or(Location { line: 1, column: 1 }, |spot| spot.value)
    }

    /// Where the key of the entry at `path` starts (the value's position for list items).
    pub fn locate_key(&self, path: &FieldPath) -> Location {
        self.spot(path).map_or(Location { line: 1, column: 1 }, |spot| spot.key.unwrap_or(spot.value))
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line(&self, line: usize) -> Option<&str> {
        self.text.lines().nth(line.checked_sub(1)?)
    }

    /// Where this file holds personal or withheld data (found on first use: only a file
    /// with a finding pays for it). Only YAML files hold such data.
    pub fn private(&self) -> &Private {
        self.private
            .get_or_init(|| if self.is_yaml() { Private::of_yaml(&self.text) } else { Private::default() })
    }

    fn is_yaml(&self) -> bool {
        self.display.extension().is_some_and(|ext| ext == "yaml" || ext == "yml")
    }

    /// The text of a 1-based line as a diagnostic may quote it: with every private value
    /// masked.
    pub fn masked_line(&self, line: usize) -> Option<String> {
        let text = self.line(line)?;
        Some(self.private().mask_line(line, text))
    }

    /// How many characters of line `at.line` to underline for a finding at `at`: the whole
    /// node (key, value, or collection) that starts there, up to the end of the line when
    /// it runs on; 1 when no node starts there.
    ///
    /// Only from positions already indexed (a finding located by its path has them): a file
    /// refused before its parse, such as one nested too deep to read, is never parsed here.
    pub fn span_width(&self, at: Location) -> usize {
        let Some(index) = self.index.get().filter(|_| self.is_yaml()) else { return 1 };
        let end = index.ends.get(&at).or_else(|| index.collection_ends.get(&at));
        self.width_to(at, end.copied())
    }

    /// How many characters to underline for a finding about the value at `path` (which
    /// starts at `at`, from [`SourceFile::locate`]): the whole value, mapping or list
    /// included, up to the end of its first line.
    pub fn value_width(&self, path: &FieldPath, at: Location) -> usize {
        let Some(index) = self.index.get().filter(|_| self.is_yaml()) else { return 1 };
        match self.spot(path) {
            Some(spot) if spot.collection && spot.value == at => {
                self.width_to(at, index.collection_ends.get(&at).copied())
            }
            _ => self.span_width(at),
        }
    }

    /// Whether the file's positions have been read (by a finding located by its path).
    pub fn is_indexed(&self) -> bool {
        self.index.get().is_some()
    }

    fn width_to(&self, at: Location, end: Option<Location>) -> usize {
        let Some(end) = end else { return 1 };
        if end.line == at.line {
            return end.column.saturating_sub(at.column).max(1);
        }
        let Some(line) = self.line(at.line) else { return 1 };
        let rest: Vec<char> = line.chars().skip(at.column.saturating_sub(1)).collect();
        // A node that runs onto later lines: the rest of its first line, without a comment.
        let comment = rest.windows(2).position(|pair| pair[0].is_whitespace() && pair[1] == '#');
        let text = &rest[..comment.unwrap_or(rest.len())];
        let trimmed = text.iter().rposition(|c| !c.is_whitespace()).map_or(0, |last| last + 1);
        trimmed.max(1)
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            // A finding that needs a position quotes its line, masked, next: read the events
            // once for both.
            let events = Events::of(&self.text);
            if self.is_yaml() {
                let _ = self.private.get_or_init(|| Private::of_yaml_events(&self.text, &events));
            }
            index_positions(&events)
        })
    }

    fn spot(&self, path: &FieldPath) -> Option<Spot> {
        let index = &self.index().spots;
        let mut path = path.clone();
        loop {
            if let Some(spot) = index.get(&path) {
                return Some(*spot);
            }
            if path.is_root() {
                return None;
            }
            path = path.parent();
        }
    }
}

/// The line and column of byte `offset` of `text`, lines broken at line feeds as
/// [`SourceFile::line`] breaks them. For positions from a parser that breaks lines elsewhere
/// too (libyaml, under serde, also at U+2028, U+2029 and U+0085, as YAML 1.1 did).
pub fn location_at(text: &str, offset: usize) -> Location {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let start = before.rfind('\n').map_or(0, |at| at + 1);
    Location { line, column: before[start..].chars().count() + 1 }
}

/// Whether `text` has a carriage return that does not start a CRLF pair.
fn lone_carriage_return(text: &str) -> bool {
    memchr::memchr_iter(b'\r', text.as_bytes()).any(|at| text.as_bytes().get(at + 1) != Some(&b'\n'))
}

/// The first YAML syntax error in `text`, if any: where, and what.
pub fn syntax_error(text: &str) -> Option<(Location, String)> {
    let mut parser = Parser::new_from_str(text);
    while let Some(event) = parser.next_event() {
        if let Err(err) = event {
            let mark = err.marker();
            return Some((Location { line: mark.line(), column: mark.col() + 1 }, err.info().to_owned()));
        }
    }
    None
}

/// Where `text` first nests collections more than `limit` deep (a list in a list in a
/// mapping…), if it does.
///
/// Reads YAML events only as far as that point, so it is linear in the text: YAML parsers
/// spend time proportional to the depth on every token, which made 100,000 `[` take most
/// of a minute before serde's own limit (128) refused them. Run this first, and a file
/// nested too deep costs microseconds. A syntax error before the limit is not its concern.
pub fn too_deep(text: &str, limit: usize) -> Option<Location> {
    let mut depth = 0usize;
    let mut parser = Parser::new_from_str(text);
    while let Some(event) = parser.next_event() {
        let (event, span) = match event {
            Ok(event) => event,
            // The parser's own limit: 255 flow collections (`[`, `{`) inside each other,
            // met while it reads ahead, before the events that would reach `limit`.
            Err(err) if err.info() == FLOW_LIMIT => {
                let mark = err.marker();
                return Some(Location { line: mark.line(), column: mark.col() + 1 });
            }
            Err(_) => return None,
        };
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                depth += 1;
                if depth > limit {
                    return Some(location(&span));
                }
            }
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Where the mapping at `path` (the document root for an empty path) first repeats the key
/// `key`: the second occurrence, which is the one to remove or rename. serde reports a
/// duplicate at the mapping, or at the file's start for the top level.
pub fn duplicate_key(text: &str, path: &FieldPath, key: &str) -> Option<Location> {
    // One frame per open collection: for a mapping, whether it is the one at `path`, the
    // keys it has had, and whether the next event is a key.
    struct Open {
        target: bool,
        mapping: bool,
        seen: bool,
        expect_key: bool,
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut current = FieldPath::root();
    let mut paths: Vec<FieldPath> = Vec::new();
    let mut index: Vec<usize> = Vec::new();
    let mut parser = Parser::new_from_str(text);
    let mut last_key: Vec<Option<String>> = Vec::new();
    while let Some(Ok((event, span))) = parser.next_event() {
        let starts = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
        let is_node = starts || matches!(event, Event::Scalar(..) | Event::Alias(_));
        if is_node {
            // A key of the mapping on top of the stack.
            if let Some(top) = stack.last_mut().filter(|top| top.mapping && top.expect_key) {
                top.expect_key = false;
                let name = match &event {
                    Event::Scalar(value, ..) => Some(value.to_string()),
                    _ => None,
                };
                if top.target && name.as_deref() == Some(key) {
                    if top.seen {
                        return Some(location(&span));
                    }
                    top.seen = true;
                }
                if let Some(slot) = last_key.last_mut() {
                    *slot = name;
                }
                if starts {
                    // A complex key: its contents are nothing we look for.
                    stack.push(Open { target: false, mapping: false, seen: false, expect_key: false });
                    paths.push(current.clone());
                    index.push(0);
                    last_key.push(None);
                }
                continue;
            }
            // A value: of a mapping (after its key) or an item of a sequence.
            let here = match (stack.last_mut(), last_key.last(), index.last_mut()) {
                (Some(top), Some(key), _) if top.mapping => {
                    top.expect_key = true;
                    current.at(key.as_deref().unwrap_or("?"))
                }
                (Some(_), _, Some(next)) => {
                    *next += 1;
                    current.index(*next - 1)
                }
                _ => FieldPath::root(),
            };
            if starts {
                let mapping = matches!(event, Event::MappingStart(..));
                stack.push(Open { target: mapping && here == *path, mapping, seen: false, expect_key: true });
                paths.push(std::mem::replace(&mut current, here));
                index.push(0);
                last_key.push(None);
            }
            continue;
        }
        if matches!(event, Event::MappingEnd | Event::SequenceEnd) {
            stack.pop();
            index.pop();
            last_key.pop();
            current = paths.pop().unwrap_or_default();
        }
    }
    None
}

/// What saphyr-parser says when flow collections nest deeper than it counts (255).
const FLOW_LIMIT: &str = "recursion limit exceeded";

fn location(span: &Span) -> Location {
    Location { line: span.start.line(), column: span.start.col() + 1 }
}

/// Where `span` ends: the column just after its last character.
fn end_location(span: &Span) -> Location {
    Location { line: span.end.line(), column: span.end.col() + 1 }
}

enum Frame {
    Map { path: FieldPath, key: Option<(String, Location)> },
    Seq { path: FieldPath, next: usize },
}

/// A file's YAML events up to the first syntax error, read once for everything that
/// needs them (the position index, the private parts).
pub(crate) struct Events<'t> {
    /// Each event with where it stands.
    pub(crate) events: Vec<(Event<'t>, Span)>,
    /// Whether the whole file parsed (no syntax error cut the events short).
    pub(crate) complete: bool,
}

impl<'t> Events<'t> {
    /// Reads `text`'s events.
    pub(crate) fn of(text: &'t str) -> Self {
        let mut events = Vec::new();
        let mut parser = Parser::new_from_str(text);
        while let Some(event) = parser.next_event() {
            match event {
                Ok(event) => events.push(event),
                Err(_) => return Self { events, complete: false },
            }
        }
        Self { events, complete: true }
    }
}

/// Maps every node's path to its position. Stops quietly at a syntax error: positions up
/// to the error are still useful, and the error itself is reported by the loader.
fn index_positions(events: &Events) -> Index {
    let mut spots = HashMap::new();
    let mut ends = HashMap::new();
    let mut collection_ends = HashMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    // Where each open collection started, to record its end when it closes.
    let mut open: Vec<Location> = Vec::new();
    for (event, span) in &events.events {
        let here = location(span);
        match event {
            Event::Scalar(..) | Event::Alias(_) => {
                ends.entry(here).or_insert_with(|| end_location(span));
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => open.push(here),
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(start) = open.pop() {
                    collection_ends.entry(start).or_insert_with(|| end_location(span));
                }
            }
            _ => {}
        }
        match event {
            Event::Scalar(..) | Event::Alias(_) | Event::MappingStart(..) | Event::SequenceStart(..) => {
                if let Some(Frame::Map { key: key @ None, .. }) = stack.last_mut() {
                    let name = match &event {
                        Event::Scalar(value, ..) => value.to_string(),
                        _ => "?".to_owned(),
                    };
                    *key = Some((name, here));
                    if matches!(event, Event::MappingStart(..) | Event::SequenceStart(..)) {
                        // A complex key: skip its contents by tracking it as an anonymous frame.
                        stack.push(Frame::Seq { path: FieldPath::key("?"), next: 0 });
                    }
                    continue;
                }
                let (path, key) = match stack.last_mut() {
                    None => (FieldPath::root(), None),
                    Some(Frame::Map { path, key }) => match key.take() {
                        Some((name, at)) => (path.at(&name), Some(at)),
                        None => (path.clone(), None),
                    },
                    Some(Frame::Seq { path, next }) => {
                        *next += 1;
                        (path.index(*next - 1), None)
                    }
                };
                match event {
                    Event::MappingStart(..) => {
                        spots.insert(path.clone(), Spot { key, value: here, collection: true });
                        stack.push(Frame::Map { path, key: None });
                    }
                    Event::SequenceStart(..) => {
                        spots.insert(path.clone(), Spot { key, value: here, collection: true });
                        stack.push(Frame::Seq { path, next: 0 });
                    }
                    _ => {
                        spots.insert(path, Spot { key, value: here, collection: false });
                    }
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
    Index { spots, ends, collection_ends }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
title: IVR
annual-spend:
  withhold: [s43-2, s31-1-a]
parts:
  - part: contact-centre
    questions:
      - {number: 1, id: supplier}
      - number: 2
        id: annual-spend
";

    fn at(path: &FieldPath) -> (usize, usize) {
        let file = SourceFile::new("x.yaml", DOC.to_owned());
        let loc = file.locate(path);
        (loc.line, loc.column)
    }

    #[test]
    fn paths_print_like_serde_yaml() {
        let path = FieldPath::key("parts").index(0).at("questions").index(1).at("id");
        assert_eq!(path.to_string(), "parts[0].questions[1].id");
    }

    #[test]
    fn values_are_located_in_block_and_flow_style() {
        assert_eq!(at(&FieldPath::key("title")), (1, 8));
        assert_eq!(at(&FieldPath::key("annual-spend").at("withhold").index(1)), (3, 21));
        let questions = FieldPath::key("parts").index(0).at("questions");
        assert_eq!(at(&questions.index(0).at("id")), (7, 25));
        assert_eq!(at(&questions.index(1).at("id")), (9, 13));
    }

    #[test]
    fn missing_fields_fall_back_to_their_parent() {
        assert_eq!(at(&FieldPath::key("parts").index(0).at("contracts")), (5, 5));
        assert_eq!(at(&FieldPath::key("nowhere")), (1, 1));
    }

    #[test]
    fn syntax_errors_are_found_with_their_position() {
        assert_eq!(syntax_error(DOC), None);
        let (at, what) = syntax_error("title: [unclosed\nsupplier: x\n").expect("error");
        assert!(at.line >= 2, "{at:?} {what}");
        assert!(syntax_error("a: b\n  c: d\n").is_some());
    }

    #[test]
    fn nesting_is_measured_up_to_the_limit() {
        assert_eq!(too_deep(DOC, 5), None, "the file, parts, parts[0], questions, questions[0]");
        assert_eq!(too_deep(DOC, 4), Some(Location { line: 7, column: 9 }));
        assert_eq!(too_deep("a: [[[[1]]]]\n", 4), Some(Location { line: 1, column: 7 }));
        assert_eq!(too_deep("a: \"[[[[[[\"\n", 2), None, "brackets in a string do not nest");
        assert_eq!(too_deep("- - - - x\n", 3), Some(Location { line: 1, column: 7 }));
        assert_eq!(too_deep("a: [[[[[\n", 8), None, "a syntax error is left to the loader");
        let bomb = format!("busy-periods: {}\n", "[".repeat(100_000));
        assert_eq!(
            too_deep(&bomb, 32),
            Some(Location { line: 1, column: 270 }),
            "past the parser's own limit"
        );
        let blocks = format!("{}x\n", "- ".repeat(100_000));
        assert!(too_deep(&blocks, 32).is_some());
    }

    #[test]
    fn a_duplicate_key_is_found_where_it_repeats() {
        let text = "part: x\ntitle: A\ncontact: {name: a, seniority: senior, name: b}\ntitle: B\n";
        assert_eq!(duplicate_key(text, &FieldPath::root(), "title"), Some(Location { line: 4, column: 1 }));
        assert_eq!(
            duplicate_key(text, &FieldPath::key("contact"), "name"),
            Some(Location { line: 3, column: 39 })
        );
        assert_eq!(duplicate_key(text, &FieldPath::key("contact"), "title"), None);
        let nested = "parts:\n  - part: a\n    questions: []\n    part: b\n";
        let first = FieldPath::key("parts").index(0);
        assert_eq!(duplicate_key(nested, &first, "part"), Some(Location { line: 4, column: 5 }));
        assert_eq!(duplicate_key(nested, &FieldPath::root(), "part"), None);
    }

    #[test]
    fn byte_offsets_become_lines_and_columns_in_characters() {
        let text = "a: 1\n\u{2028}b: é[\n";
        assert_eq!(location_at(text, 0), Location { line: 1, column: 1 });
        assert_eq!(location_at(text, 5), Location { line: 2, column: 1 });
        assert_eq!(location_at(text, 8), Location { line: 2, column: 2 }, "after U+2028, one character");
        assert_eq!(location_at(text, 12), Location { line: 2, column: 5 }, "inside é: the character's start");
        assert_eq!(location_at(text, 13), Location { line: 2, column: 6 });
        assert_eq!(location_at(text, 999), Location { line: 3, column: 1 });
    }

    /// Found by `tests/fuzz.rs`: with old Mac line endings, findings pointed past the lines
    /// `SourceFile::line` counts, so their lines could not be quoted.
    #[test]
    fn lone_carriage_returns_break_lines_as_they_do_for_yaml() {
        let file = SourceFile::new("x.yaml", "title: A\rsupplier: [\r".to_owned());
        assert_eq!(file.text, "title: A\nsupplier: [\n");
        assert_eq!(file.line(2), Some("supplier: ["));
        let crlf = SourceFile::new("x.yaml", "a: 1\r\nb: 2\r\n".to_owned());
        assert_eq!(crlf.text, "a: 1\r\nb: 2\r\n", "CRLF is left alone");
    }

    #[test]
    fn spans_cover_the_whole_node() {
        let file = SourceFile::new("x.yaml", DOC.to_owned());
        assert_eq!(file.span_width(Location { line: 1, column: 1 }), 1, "not indexed yet");
        file.locate(&FieldPath::root());
        let width = |line, column| file.span_width(Location { line, column });
        assert_eq!(width(1, 1), 5, "the key `title`");
        assert_eq!(width(1, 8), 3, "its value `IVR`");
        assert_eq!(width(3, 13), 16, "a flow list, brackets and all");
        assert_eq!(width(3, 14), 5, "an item of it");
        assert_eq!(width(7, 9), 25, "a flow mapping");
        assert_eq!(width(3, 3), 8, "a block mapping's first key is the key");
        assert_eq!(width(5, 3), 22, "a block list: the rest of its first line");
        assert_eq!(width(3, 4), 1, "no node starts inside a key");
        let spend = FieldPath::key("annual-spend");
        let value = |path: &FieldPath| file.value_width(path, file.locate(path));
        assert_eq!(value(&spend), 26, "a block mapping as a value: the rest of its first line");
        assert_eq!(value(&FieldPath::key("title")), 3);
        assert_eq!(value(&spend.at("withhold")), 16);
        let commented = SourceFile::new("x.yaml", "a:\n  - b  # why\n  - c\n".to_owned());
        commented.locate(&FieldPath::root());
        assert_eq!(commented.span_width(Location { line: 2, column: 3 }), 3, "without the comment");
        let quoted = SourceFile::new("x.yaml", "a: \"two words\"\n".to_owned());
        quoted.locate(&FieldPath::root());
        assert_eq!(quoted.span_width(Location { line: 1, column: 4 }), 11, "quotes included");
        assert_eq!(SourceFile::new("x.md", "a: b\n".into()).span_width(Location { line: 1, column: 1 }), 1);
    }

    #[test]
    fn keys_are_located() {
        let file = SourceFile::new("x.yaml", DOC.to_owned());
        assert_eq!(file.locate_key(&FieldPath::key("annual-spend")), Location { line: 2, column: 1 });
    }
}
