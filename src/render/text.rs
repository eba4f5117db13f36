//! Plain text for pasting into an email: the Markdown letter's syntax tree (comrak) written
//! out as text wrapped at 72 columns.
//!
//! Headings are underlined, lists keep their numbers and hanging indents, links are written
//! out after their text, and no Markdown syntax is left. Lines break only at spaces: a word
//! or web address longer than a line stands alone on its line, never split.

use comrak::nodes::{AstNode, ListDelimType, ListType, NodeValue};
use comrak::{Arena, parse_document};

/// The line width.
pub const WIDTH: usize = 72;

/// Narrowest text column, however deep the indentation.
const MIN_WIDTH: usize = 24;

/// Renders Markdown as plain text.
pub fn render(markdown: &str) -> String {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &super::html::options());
    render_root(root, markdown.len())
}

/// Renders a parsed Markdown document as plain text (`size`: the Markdown's length, a hint).
pub fn render_root<'a>(root: &'a AstNode<'a>, size: usize) -> String {
    let lines = children(root, WIDTH, true);
    let mut out = String::with_capacity(size);
    for line in lines {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The blocks under `node`, separated by blank lines (or not, inside a tight list item).
fn children<'a>(node: &'a AstNode<'a>, width: usize, loose: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for child in node.children() {
        let lines = block(child, width);
        if lines.is_empty() {
            continue;
        }
        if loose && !out.is_empty() {
            out.push(String::new());
        }
        out.extend(lines);
    }
    out
}

fn block<'a>(node: &'a AstNode<'a>, width: usize) -> Vec<String> {
    let data = node.data.borrow();
    match &data.value {
        NodeValue::Paragraph => wrap(&inline_text(node), width),
        NodeValue::Heading(heading) => {
            let mut lines = wrap(&inline_text(node), width);
            let underline = match heading.level {
                1 => '=',
                2 => '-',
                3 => '~',
                _ => '.',
            };
            let length = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
            lines.push(underline.to_string().repeat(length));
            lines
        }
        NodeValue::List(list) => list_items(node, list, width),
        NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
            children(node, width.saturating_sub(2).max(MIN_WIDTH), true)
                .into_iter()
                .map(|line| if line.is_empty() { ">".to_owned() } else { format!("> {line}") })
                .collect()
        }
        NodeValue::CodeBlock(code) => code.literal.lines().map(|line| format!("    {line}")).collect(),
        NodeValue::ThematicBreak => vec!["-".repeat(width.min(WIDTH))],
        NodeValue::Table(_) => table(node),
        NodeValue::HtmlBlock(_) => Vec::new(),
        _ => children(node, width, true),
    }
}

fn list_items<'a>(node: &'a AstNode<'a>, list: &comrak::nodes::NodeList, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for (index, item) in node.children().enumerate() {
        let marker = match list.list_type {
            ListType::Bullet => "- ".to_owned(),
            ListType::Ordered => {
                let delimiter = if list.delimiter == ListDelimType::Paren { ')' } else { '.' };
                format!("{}{delimiter} ", list.start + index)
            }
        };
        let indent = " ".repeat(marker.chars().count());
        let inner = width.saturating_sub(indent.len()).max(MIN_WIDTH);
        let lines = children(item, inner, !list.tight);
        if !list.tight && !out.is_empty() {
            out.push(String::new());
        }
        for (i, line) in lines.into_iter().enumerate() {
            let prefix = if i == 0 { marker.as_str() } else { indent.as_str() };
            out.push(if line.is_empty() { String::new() } else { format!("{prefix}{line}") });
        }
    }
    out
}

fn table<'a>(node: &'a AstNode<'a>) -> Vec<String> {
    let mut out = Vec::new();
    for row in node.children() {
        let header = matches!(row.data.borrow().value, NodeValue::TableRow(true));
        let cells: Vec<String> = row.children().map(inline_text).collect();
        let line = cells.join(" | ");
        let length = line.chars().count();
        out.push(line);
        if header {
            out.push("-".repeat(length));
        }
    }
    out
}

/// The text of a node's inline content: hard line breaks kept as `\n`, links written out.
fn inline_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    inline(node, &mut out);
    out
}

fn inline<'a>(node: &'a AstNode<'a>, out: &mut String) {
    for child in node.children() {
        let data = child.data.borrow();
        match &data.value {
            NodeValue::Text(text) => out.push_str(text),
            NodeValue::SoftBreak => out.push(' '),
            NodeValue::LineBreak => out.push('\n'),
            NodeValue::Code(code) => out.push_str(&code.literal),
            NodeValue::HtmlInline(_) | NodeValue::Raw(_) => {}
            NodeValue::Link(link) => {
                let text = inline_text(child);
                out.push_str(&text);
                let url = link.url.as_str();
                let same = url == text || url.strip_prefix("mailto:") == Some(text.as_str());
                if !same && !url.is_empty() {
                    out.push_str(" (");
                    out.push_str(url);
                    out.push(')');
                }
            }
            _ => inline(child, out),
        }
    }
}

/// Wraps text at `width` columns, breaking only at spaces; `\n` forces a line break.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::with_capacity(text.len() / width.max(1) + 1);
    let mut line = String::with_capacity(width + 8);
    let mut length = 0;
    let bytes = text.as_bytes();
    let mut start = 0;
    // Words are the runs between spaces and newlines; both are ASCII, so slicing at them
    // always falls on a character boundary.
    for end in 0..=bytes.len() {
        let at_break = end == bytes.len() || bytes[end] == b' ' || bytes[end] == b'\n';
        if !at_break {
            continue;
        }
        if end > start {
            let word = &text[start..end];
            let size = if word.is_ascii() { word.len() } else { word.chars().count() };
            if length > 0 && length + 1 + size > width {
                lines.push(std::mem::replace(&mut line, String::with_capacity(width + 8)));
                length = 0;
            }
            if length > 0 {
                line.push(' ');
                length += 1;
            }
            line.push_str(word);
            length += size;
        }
        if end == bytes.len() || bytes[end] == b'\n' {
            lines.push(std::mem::replace(&mut line, String::with_capacity(width + 8)));
            length = 0;
        }
        start = end + 1;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_underlined_and_syntax_removed() {
        let text = render("# Council\n\n## Your request\n\n**1. Supplier:** Acme *Ltd* and `x`\n");
        assert_eq!(text, "Council\n=======\n\nYour request\n------------\n\n1. Supplier: Acme Ltd and x\n");
    }

    #[test]
    fn links_are_written_out() {
        let text = render("See [the guidance](https://ico.org.uk/a) or <https://ico.org.uk/b>.\n");
        assert_eq!(text, "See the guidance (https://ico.org.uk/a) or https://ico.org.uk/b.\n");
    }

    #[test]
    fn lists_keep_numbers_and_hanging_indents() {
        let md = "3. first item with enough words to need wrapping onto a second line of text here\n4. second\n\n- a\n- b\n";
        let text = render(md);
        assert_eq!(
            text,
            "3. first item with enough words to need wrapping onto a second line of\n   text here\n4. second\n\n- a\n- b\n"
        );
    }

    #[test]
    fn hard_breaks_are_kept() {
        assert_eq!(render("Town Hall\\\nHigh Street\n"), "Town Hall\nHigh Street\n");
    }

    #[test]
    fn long_words_and_urls_are_never_split() {
        let url = format!("https://example.gov.uk/{}", "a".repeat(80));
        let lines = wrap(&format!("see {url} now"), 72);
        assert_eq!(lines, vec!["see".to_owned(), url, "now".to_owned()]);
    }

    #[test]
    fn wrapping_counts_characters_not_bytes_and_keeps_blank_breaks() {
        assert_eq!(wrap("café café", 9), vec!["café café".to_owned()]);
        assert_eq!(wrap("a\n\nb", 72), vec!["a".to_owned(), String::new(), "b".to_owned()]);
        assert_eq!(wrap("", 72), vec![String::new()]);
        assert_eq!(wrap("  two  spaces ", 72), vec!["two spaces".to_owned()]);
    }

    #[test]
    fn escaped_markdown_prints_literally() {
        assert_eq!(render("\\<script\\> \\*x\\* \\& \\[y\\](z)\n"), "<script> *x* & [y](z)\n");
    }
}
