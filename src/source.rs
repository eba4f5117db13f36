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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
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
    index: OnceLock<HashMap<FieldPath, Spot>>,
    private: OnceLock<Private>,
}

/// Where a node sits: its key (for mapping entries) and its value.
#[derive(Debug, Clone, Copy)]
struct Spot {
    key: Option<Location>,
    value: Location,
}

impl SourceFile {
    /// A file with the given display path and text.
    pub fn new(display: impl Into<PathBuf>, text: String) -> Self {
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
        self.private.get_or_init(|| {
            let yaml = self.display.extension().is_some_and(|ext| ext == "yaml" || ext == "yml");
            if yaml { Private::of_yaml(&self.text) } else { Private::default() }
        })
    }

    /// The text of a 1-based line as a diagnostic may quote it: with every private value
    /// masked.
    pub fn masked_line(&self, line: usize) -> Option<String> {
        let text = self.line(line)?;
        Some(self.private().mask_line(line, text))
    }

    fn spot(&self, path: &FieldPath) -> Option<Spot> {
        let index = self.index.get_or_init(|| index_positions(&self.text));
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

fn location(span: &Span) -> Location {
    Location { line: span.start.line(), column: span.start.col() + 1 }
}

enum Frame {
    Map { path: FieldPath, key: Option<(String, Location)> },
    Seq { path: FieldPath, next: usize },
}

/// Maps every node's path to its position. Stops quietly at a syntax error: positions up
/// to the error are still useful, and the error itself is reported by the loader.
fn index_positions(text: &str) -> HashMap<FieldPath, Spot> {
    let mut spots = HashMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut parser = Parser::new_from_str(text);
    while let Some(Ok((event, span))) = parser.next_event() {
        let here = location(&span);
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
                        spots.insert(path.clone(), Spot { key, value: here });
                        stack.push(Frame::Map { path, key: None });
                    }
                    Event::SequenceStart(..) => {
                        spots.insert(path.clone(), Spot { key, value: here });
                        stack.push(Frame::Seq { path, next: 0 });
                    }
                    _ => {
                        spots.insert(path, Spot { key, value: here });
                    }
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
    spots
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
    fn keys_are_located() {
        let file = SourceFile::new("x.yaml", DOC.to_owned());
        assert_eq!(file.locate_key(&FieldPath::key("annual-spend")), Location { line: 2, column: 1 });
    }
}
