//! The shape of a request: paragraphs and numbered lists, nested where the numbering says so.
//!
//! Owns joining wrapped lines into one paragraph or item (email clients wrap at about 72
//! characters; web forms do not wrap at all; a PDF wraps and hyphenates at its margin),
//! telling a wrapped line that happens to begin with a number (`… as for questions 1 to` /
//! `7. above`) from a new item, keeping a translation under its item (a Welsh line and its
//! English below it, one question), splitting run-on lists (`(1) … (2) …` in one
//! paragraph), giving a number alone on its line (`Request 7`) the text below it, and
//! nesting a list inside the item above it (`1. Contact centre` / `a) Supplier`), no deeper
//! than [`MAX_DEPTH`]. It does not decide what a list is for; `parts` does.

use super::lexicon::{self, Language};
use super::numbering::{self, Marker, Style};
use super::parts;
use super::text::Line;

/// Lists nest at most this deep; a deeper list is read as a sibling of the deepest. Real
/// requests nest two or three levels, and a bound keeps the work per item constant.
pub const MAX_DEPTH: usize = 6;

/// A paragraph of prose: an introduction, a heading, a greeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Line where it starts.
    pub line: usize,
    /// The text, lines joined with spaces.
    pub text: String,
}

/// A numbered (or bulleted) item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Its number.
    pub marker: Marker,
    /// Line where it starts.
    pub line: usize,
    /// Indentation of the number.
    pub indent: usize,
    /// The text after the number, lines joined with spaces.
    pub text: String,
    /// Bytes of `text` that stood on the number's own line: a short first line with the
    /// wording below it is a label (`1. Incumbent Supplier` / `For each contract…`).
    pub first_line: usize,
    /// Lists nested under it.
    pub children: Vec<List>,
}

/// Items numbered in one sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// The items, in order.
    pub items: Vec<Item>,
}

/// A paragraph or a list, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// Prose.
    Paragraph(Paragraph),
    /// A list.
    List(List),
}

/// The outline of cleaned lines.
pub fn outline(lines: &[Line]) -> Vec<Node> {
    let blocks = blocks(lines);
    let blocks = blocks.into_iter().flat_map(split_run_on).collect();
    tree(blocks)
}

#[derive(Debug)]
struct Block {
    marker: Option<Marker>,
    line: usize,
    indent: usize,
    text: String,
    /// Width of the block's last physical line, to tell a wrapped line from a short one.
    last_width: usize,
    /// Bytes of `text` from its first physical line.
    first_line: usize,
    /// A number alone on its line, waiting for its text.
    awaiting: bool,
    /// The language of its last physical line, when it reads as Welsh or English.
    last_lang: Option<Language>,
    /// The parts its first line names.
    first_named: parts::Named,
}

/// The width at which the text looks wrapped by an email client, if it does: at least
/// three lines end within a few characters of the longest one, and that is 60 to 100
/// characters long.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let width = |l: &Line| l.indent + l.text.chars().count();
    let longest = lines.iter().map(width).max()?;
    let near = lines.iter().filter(|l| width(l) + 10 >= longest).count();
    ((60..=100).contains(&longest) && near >= 3).then_some(longest)
}

fn blocks(lines: &[Line]) -> Vec<Block> {
    let wrap = wrap_width(lines);
    let longest = lines.iter().map(|l| l.indent + l.text.chars().count()).max().unwrap_or(0);
    let mut out: Vec<Block> = Vec::new();
    let mut after_blank = true;
    // The last number of each style seen since the last paragraph: what the next item of
    // an open list would be numbered after.
    let mut open: Vec<Marker> = Vec::new();
    for line in lines {
        if line.text.is_empty() {
            after_blank = true;
            continue;
        }
        let width = line.indent + line.text.chars().count();
        let marker = numbering::at_start(&line.text)
            .filter(|m| !wrapped_number(out.last(), line, m, after_blank, longest, &open));
        if let Some(mut marker) = marker {
            // Read `i` after `h` as a letter, as the list it carries on does.
            for previous in &open {
                if previous.followed_by(&mut marker) {
                    break;
                }
            }
            let text = line.text.get(marker.len..).unwrap_or_default().trim().to_owned();
            match open.iter_mut().find(|m| m.count.style == marker.count.style && m.punct == marker.punct) {
                Some(slot) => *slot = marker.clone(),
                None => open.push(marker.clone()),
            }
            out.push(Block {
                marker: Some(marker),
                line: line.number,
                indent: line.indent,
                awaiting: text.is_empty(),
                first_line: text.len(),
                last_lang: lexicon::language(&text),
                first_named: parts::named(&text),
                text,
                last_width: width,
            });
        } else {
            match out.last_mut() {
                Some(last) if continues(last, line, after_blank, wrap) => {
                    join_wrapped(&mut last.text, &line.text);
                    if last.awaiting {
                        // A number alone on its line: the wording below is all its text.
                        last.first_line = last.text.len();
                    }
                    last.awaiting = false;
                    last.last_width = width;
                    last.last_lang = lexicon::language(&line.text);
                }
                _ => {
                    open.clear();
                    out.push(Block {
                        marker: None,
                        line: line.number,
                        indent: line.indent,
                        text: line.text.clone(),
                        first_line: line.text.len(),
                        last_width: width,
                        awaiting: false,
                        last_lang: lexicon::language(&line.text),
                        first_named: parts::named(&line.text),
                    });
                }
            }
        }
        after_blank = false;
    }
    out
}

/// Whether a line that begins with a number carries on the text above rather than
/// starting an item: the text above stops mid-sentence on a full-width line, the words
/// after the number carry on in lower case, and the number neither starts a list nor
/// comes next in one (`… as for questions 1 to` / `7. above.`).
fn wrapped_number(
    last: Option<&Block>,
    line: &Line,
    marker: &Marker,
    after_blank: bool,
    longest: usize,
    open: &[Marker],
) -> bool {
    let Some(last) = last else { return false };
    if after_blank || last.awaiting || marker.count.style == Style::Bullet || marker.starts() {
        return false;
    }
    if last.text.ends_with(['.', '?', '!', ':', ';'])
        || open.iter().any(|m| m.followed_by(&mut marker.clone()))
    {
        return false;
    }
    // An item starts afresh (`Q7 Incumbent supplier`); the rest of a sentence does not.
    let lower = line.text.get(marker.len..).unwrap_or_default().starts_with(char::is_lowercase);
    lower && last.last_width >= 40 && last.last_width * 10 >= longest * 6
}

/// Words kept whole with their hyphen when a line breaks after them (`non-` / `geographic`
/// is `non-geographic`); any other hyphen at the end of a wrapped line is the margin's
/// (`Free-` / `dom` is `Freedom`).
const KEEP_HYPHEN: [&str; 14] = [
    "non", "self", "e", "co", "cross", "well", "part", "full", "third", "multi", "long", "short", "one",
    "two",
];

/// Appends a wrapped line to the text above it: with a space, or rejoining a word the
/// margin hyphenated.
pub(super) fn join_wrapped(text: &mut String, next: &str) {
    let next = next.trim();
    if text.is_empty() {
        text.push_str(next);
        return;
    }
    if let Some(stem) = text.strip_suffix('-') {
        let fragment = stem.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        if !fragment.is_empty() && next.starts_with(char::is_lowercase) {
            if !KEEP_HYPHEN.contains(&fragment.to_lowercase().as_str()) {
                text.pop();
            }
            text.push_str(next);
            return;
        }
    }
    text.push(' ');
    text.push_str(next);
}

/// Whether `line` carries on the block above it rather than starting a paragraph.
fn continues(last: &Block, line: &Line, after_blank: bool, wrap: Option<usize>) -> bool {
    if last.awaiting {
        return true;
    }
    if after_blank {
        // An indented paragraph under an item belongs to it (Markdown's rule).
        return last.marker.is_some() && line.indent > last.indent;
    }
    if line.indent > last.indent {
        return true;
    }
    let first = line.text.chars().next().unwrap_or(' ');
    if first.is_lowercase() || !first.is_alphabetic() {
        return true;
    }
    // A question's translation on the line below it is the same question, unless it
    // heads another part.
    let named = parts::named(&line.text);
    let language = lexicon::language(&line.text);
    let translates = matches!((last.last_lang, language), (Some(a), Some(b)) if a != b);
    if last.marker.is_some() && translates && (!named.any() || last.first_named == named) {
        return true;
    }
    // A heading or an introduction to a list starts afresh even without a blank line.
    if named.any() || line.text.ends_with(':') {
        return false;
    }
    let ended = last.text.ends_with(['.', '?', '!']);
    // Counting no further than seven words keeps the work per line bounded.
    let short_label = last.marker.is_some() && !ended && last.text.split_whitespace().take(7).count() <= 6;
    let wrapped = wrap.is_some_and(|w| last.last_width + 12 >= w || (!ended && last.last_width * 2 >= w));
    last.text.ends_with(':') || short_label || wrapped
}

/// A paragraph holding `(1) … (2) …` becomes its lead-in and the items; an item holding
/// the next numbers of its own list is split likewise.
fn split_run_on(block: Block) -> Vec<Block> {
    let found = numbering::inline(&block.text);
    let mut chain: Vec<(usize, Marker)> = block.marker.iter().map(|m| (0, m.clone())).collect();
    for (at, mut marker) in found {
        match chain.last() {
            Some((_, last)) if last.followed_by(&mut marker) => chain.push((at, marker)),
            Some(_) => {}
            None if marker.starts() => chain.push((at, marker.into_start())),
            None => {}
        }
    }
    let own = usize::from(block.marker.is_some());
    if chain.len() < 2 {
        return vec![block];
    }
    let mut out = Vec::new();
    let first_inline = chain.get(own).map_or(block.text.len(), |(at, _)| *at);
    let lead = block.text[..first_inline].trim();
    if block.marker.is_some() || !lead.is_empty() {
        out.push(block_like(&block, block.marker.clone(), lead.to_owned()));
    }
    let inline = &chain[own..];
    for (i, (at, marker)) in inline.iter().enumerate() {
        let end = inline.get(i + 1).map_or(block.text.len(), |(next, _)| *next);
        let text = block.text[at + marker.len..end].trim().to_owned();
        out.push(block_like(&block, Some(marker.clone()), text));
    }
    out
}

/// A block cut from `block` by a run-on number: same line and indentation.
fn block_like(block: &Block, marker: Option<Marker>, text: String) -> Block {
    Block {
        marker,
        line: block.line,
        indent: block.indent,
        first_line: text.len(),
        last_lang: lexicon::language(&text),
        first_named: parts::named(&text),
        text,
        last_width: block.last_width,
        awaiting: false,
    }
}

/// Lists from items, nested by numbering style and indentation; a paragraph closes every
/// open list.
fn tree(blocks: Vec<Block>) -> Vec<Node> {
    let mut nodes = Vec::new();
    let mut open: Vec<List> = Vec::new();
    for block in blocks {
        match block.marker {
            None => {
                close(&mut open, &mut nodes, 0);
                nodes.push(Node::Paragraph(Paragraph { line: block.line, text: block.text }));
            }
            Some(marker) => {
                let item = Item {
                    marker,
                    line: block.line,
                    indent: block.indent,
                    first_line: block.first_line.min(block.text.len()),
                    text: block.text,
                    children: Vec::new(),
                };
                place(&mut open, &mut nodes, item);
            }
        }
    }
    close(&mut open, &mut nodes, 0);
    nodes
}

fn place(open: &mut Vec<List>, nodes: &mut Vec<Node>, mut item: Item) {
    // The next number of an open list, the innermost first.
    for level in (0..open.len()).rev() {
        let follows = open[level].items.last().is_some_and(|last| last.marker.followed_by(&mut item.marker));
        if follows {
            close(open, nodes, level + 1);
            open[level].items.push(item);
            return;
        }
    }
    item.marker = item.marker.into_start();
    // Otherwise a new list: a sibling of a list of the same style at the same indentation
    // (or to the right of it), else nested under the last item.
    while let Some(parent) = open.last().and_then(|list| list.items.last().map(|last| (list, last))) {
        let (list, last) = parent;
        let same_style = list.items.first().is_some_and(|f| f.marker.count.style == item.marker.count.style);
        if item.indent < last.indent || (same_style && item.indent <= last.indent) || open.len() >= MAX_DEPTH
        {
            let depth = open.len() - 1;
            close(open, nodes, depth);
        } else {
            break;
        }
    }
    open.push(List { items: vec![item] });
}

/// Closes open lists down to `depth`, attaching each to the item it hangs under.
fn close(open: &mut Vec<List>, nodes: &mut Vec<Node>, depth: usize) {
    while open.len() > depth {
        let Some(list) = open.pop() else { return };
        match open.last_mut().and_then(|parent| parent.items.last_mut()) {
            Some(parent) => parent.children.push(list),
            None => nodes.push(Node::List(list)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::text;
    use super::*;

    fn shape(input: &str) -> Vec<String> {
        fn list(out: &mut Vec<String>, items: &List, depth: usize) {
            for item in &items.items {
                out.push(format!("{}{}|{}", "  ".repeat(depth), item.marker.number, item.text));
                for child in &item.children {
                    list(out, child, depth + 1);
                }
            }
        }
        let mut out = Vec::new();
        for node in outline(&text::lines(input)) {
            match node {
                Node::Paragraph(p) => out.push(format!("P|{}", p.text)),
                Node::List(l) => {
                    list(&mut out, &l, 0);
                    out.push("/".into());
                }
            }
        }
        out
    }

    #[test]
    fn paragraphs_and_lists_without_blank_lines() {
        let input = "Please send:\n1. Supplier: who?\n2. Spend\nThe second part relates to inbound network services:\n1. Supplier";
        assert_eq!(
            shape(input),
            [
                "P|Please send:",
                "1|Supplier: who?",
                "2|Spend",
                "/",
                "P|The second part relates to inbound network services:",
                "1|Supplier",
                "/"
            ]
        );
    }

    #[test]
    fn wrapped_email_lines_are_joined() {
        let input = "1. Current supplier: for every agreement you hold, please give the name of\nthe company that supplies it. Where there are several of them, name each\nSupplier in turn as it appears in the register of contracts you keep today.\n2. Spend";
        let out = shape(input);
        assert_eq!(out.len(), 3, "{out:?}");
        assert!(out[0].ends_with("as it appears in the register of contracts you keep today."), "{out:?}");
    }

    #[test]
    fn a_number_alone_takes_the_text_below() {
        assert_eq!(
            shape("Request 7\n\nWho supplies it?\n\nRequest 8\nWhen does it end?"),
            ["7|Who supplies it?", "8|When does it end?", "/"]
        );
    }

    #[test]
    fn run_on_lists_are_split() {
        assert_eq!(
            shape("Please tell me (1) the supplier (2) the spend (3) the expiry date."),
            ["P|Please tell me", "1|the supplier", "2|the spend", "3|the expiry date.", "/"]
        );
        assert_eq!(shape("(1) Supplier (2) Spend"), ["1|Supplier", "2|Spend", "/"]);
        assert_eq!(shape("Section 31(1)(a) applies (1) once."), ["P|Section 31(1)(a) applies (1) once."]);
    }

    #[test]
    fn lists_nest_by_style_and_indentation() {
        let input = "1. Contact centre contracts\na) Supplier\nb) Spend\n2. Inbound network\na) Supplier\n";
        assert_eq!(
            shape(input),
            [
                "1|Contact centre contracts",
                "  a|Supplier",
                "  b|Spend",
                "2|Inbound network",
                "  a|Supplier",
                "/"
            ]
        );
        let restart = "1. Supplier\n2. Spend\n1. Supplier\n";
        assert_eq!(shape(restart), ["1|Supplier", "2|Spend", "/", "1|Supplier", "/"]);
        let indented = "1. Contact details\n   1. Name\n   2. Title\n2. Agents\n";
        assert_eq!(shape(indented), ["1|Contact details", "  1|Name", "  2|Title", "2|Agents", "/"]);
    }

    #[test]
    fn roman_and_letter_readings_settle_by_sequence() {
        let letters: String = ('a'..='j').map(|c| format!("{c}) q{c}\n")).collect();
        let out = shape(&letters);
        assert_eq!(out.len(), 11, "one list of ten: {out:?}");
        assert_eq!(shape("i. one\nii. two\niii. three\niv. four\nv. five\n").len(), 6);
    }

    #[test]
    fn words_hyphenated_at_the_margin_are_rejoined() {
        let out = shape(
            "1. Contract duration: the length of the contract, including any options to ex-\ntend it, and the non-\ngeographic numbers.\n2. Spend",
        );
        assert_eq!(
            out[0],
            "1|Contract duration: the length of the contract, including any options to extend it, and the non-geographic numbers."
        );
        let mut text = String::from("a wrapped e-");
        join_wrapped(&mut text, "mail");
        assert_eq!(text, "a wrapped e-mail");
        let mut text = String::from("spaced -");
        join_wrapped(&mut text, "dash");
        assert_eq!(text, "spaced - dash");
    }

    #[test]
    fn a_wrapped_line_that_begins_with_a_number_is_not_an_item() {
        let input = "Please answer the questions below for each contract, in the way set out for questions 1 to\n7. above.\n\n1. Supplier\n2. Spend\n3. Expiry\n";
        assert_eq!(
            shape(input),
            [
                "P|Please answer the questions below for each contract, in the way set out for questions 1 to 7. above.",
                "1|Supplier",
                "2|Spend",
                "3|Expiry",
                "/"
            ]
        );
        // A heading takes no number, however long it is.
        let headed =
            "Q6 Busy periods\nPART TWO – INBOUND NETWORK SERVICES CONTRACTS\nQ7 Incumbent supplier\n";
        assert_eq!(
            shape(headed),
            [
                "6|Busy periods",
                "/",
                "P|PART TWO – INBOUND NETWORK SERVICES CONTRACTS",
                "7|Incumbent supplier",
                "/"
            ]
        );
        // The next number of the list is an item whatever the line above it.
        let listed =
            "1. Supplier: the company that supplies the contract we would like to know about in\n2. Spend\n";
        assert_eq!(shape(listed).len(), 3);
    }

    #[test]
    fn a_translation_stays_with_its_question() {
        let input = "1. Pwy yw cyflenwr presennol y contract?\nWho is the current supplier of the contract?\n2. Faint o asiantau sydd yn y ganolfan gyswllt?\nHow many agents does the contact centre have?\nRhan 2: gwasanaethau rhwydwaith i mewn\n";
        assert_eq!(
            shape(input),
            [
                "1|Pwy yw cyflenwr presennol y contract? Who is the current supplier of the contract?",
                "2|Faint o asiantau sydd yn y ganolfan gyswllt? How many agents does the contact centre have?",
                "/",
                "P|Rhan 2: gwasanaethau rhwydwaith i mewn"
            ]
        );
    }

    #[test]
    fn nesting_is_bounded() {
        let deep: String = (0..40).map(|i| format!("{}1. level {i}\n", " ".repeat(i * 2))).collect();
        let out = shape(&deep);
        let depth = out.iter().map(|l| l.len() - l.trim_start().len()).max().unwrap_or(0) / 2;
        assert!(depth < MAX_DEPTH, "{depth}: {out:?}");
        assert_eq!(out.iter().filter(|l| l.contains("level")).count(), 40, "every item kept");
    }
}
