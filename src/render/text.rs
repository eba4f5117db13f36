//! Plain text for pasting into an email: the Markdown letter's syntax tree (comrak) written
//! out as text wrapped at 72 columns.
//!
//! Headings are underlined, lists keep their numbers and hanging indents, links are written
//! out after their text, and no Markdown syntax is left. Lines break only at spaces: a word
//! or web address longer than a line stands alone on its line, never split.

use comrak::nodes::{AstNode, ListDelimType, ListType, NodeList, NodeValue};
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
    let mut writer = Writer { out: String::with_capacity(size), indent: String::new(), marker: None };
    writer.blocks(root, true);
    writer.out
}

/// Writes blocks line by line, each line starting with the current indentation (or, for
/// the first line of a list item, its marker).
struct Writer {
    out: String,
    /// What starts every line: spaces under list items, `> ` in quotes.
    indent: String,
    /// A list marker waiting for the first line of its item.
    marker: Option<String>,
}

impl Writer {
    fn width(&self) -> usize {
        WIDTH.saturating_sub(self.indent.chars().count()).max(MIN_WIDTH)
    }

    /// Starts a new line with the indentation or the waiting marker.
    fn start_line(&mut self) {
        match self.marker.take() {
            Some(marker) => {
                let keep = self.indent.len() - marker.len().min(self.indent.len());
                self.out.push_str(&self.indent[..keep]);
                self.out.push_str(&marker);
            }
            None => self.out.push_str(&self.indent),
        }
    }

    fn end_line(&mut self) {
        let trimmed = self.out.trim_end_matches(' ').len();
        self.out.truncate(trimmed);
        self.out.push('\n');
    }

    fn blank_line(&mut self) {
        self.out.push_str(self.indent.trim_end());
        self.out.push('\n');
    }

    /// The blocks under `node`, separated by blank lines when `loose`.
    fn blocks<'a>(&mut self, node: &'a AstNode<'a>, loose: bool) {
        let mut first = true;
        for child in node.children() {
            if matches!(child.data.borrow().value, NodeValue::HtmlBlock(_)) {
                continue;
            }
            if loose && !first {
                self.blank_line();
            }
            first = false;
            self.block(child);
        }
    }

    fn block<'a>(&mut self, node: &'a AstNode<'a>) {
        let data = node.data.borrow();
        match &data.value {
            NodeValue::Paragraph => {
                let text = inline_text(node);
                self.wrapped(&text);
            }
            NodeValue::Heading(heading) => {
                let text = inline_text(node);
                let before = self.out.len();
                self.wrapped(&text);
                let longest = self.out[before..]
                    .lines()
                    .map(|line| line.chars().count() - self.indent.chars().count())
                    .max()
                    .unwrap_or(0);
                let underline = match heading.level {
                    1 => '=',
                    2 => '-',
                    3 => '~',
                    _ => '.',
                };
                self.start_line();
                self.out.extend(std::iter::repeat_n(underline, longest));
                self.end_line();
            }
            NodeValue::List(list) => self.list(node, list),
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
                let saved = self.indent.len();
                self.indent.push_str("> ");
                self.blocks(node, true);
                self.indent.truncate(saved);
            }
            NodeValue::CodeBlock(code) => {
                for line in code.literal.lines() {
                    self.start_line();
                    self.out.push_str("    ");
                    self.out.push_str(line);
                    self.end_line();
                }
            }
            NodeValue::ThematicBreak => {
                let width = self.width();
                self.start_line();
                self.out.extend(std::iter::repeat_n('-', width));
                self.end_line();
            }
            NodeValue::Table(_) => self.table(node),
            NodeValue::HtmlBlock(_) => {}
            _ => self.blocks(node, true),
        }
    }

    fn list<'a>(&mut self, node: &'a AstNode<'a>, list: &NodeList) {
        for (index, item) in node.children().enumerate() {
            if !list.tight && index > 0 {
                self.blank_line();
            }
            let marker = match list.list_type {
                ListType::Bullet => "- ".to_owned(),
                ListType::Ordered => {
                    let delimiter = if list.delimiter == ListDelimType::Paren { ')' } else { '.' };
                    format!("{}{delimiter} ", list.start + index)
                }
            };
            let saved = self.indent.len();
            self.indent.extend(std::iter::repeat_n(' ', marker.chars().count()));
            self.marker = Some(marker);
            self.blocks(item, !list.tight);
            self.marker = None;
            self.indent.truncate(saved);
        }
    }

    fn table<'a>(&mut self, node: &'a AstNode<'a>) {
        for row in node.children() {
            let header = matches!(row.data.borrow().value, NodeValue::TableRow(true));
            let cells: Vec<String> = row.children().map(inline_text).collect();
            let line = cells.join(" | ");
            self.start_line();
            self.out.push_str(&line);
            self.end_line();
            if header {
                self.start_line();
                self.out.extend(std::iter::repeat_n('-', line.chars().count()));
                self.end_line();
            }
        }
    }

    /// Writes text wrapped at the current width; `\n` forces a line break.
    fn wrapped(&mut self, text: &str) {
        let width = self.width();
        for segment in text.split('\n') {
            self.start_line();
            let mut length = 0;
            for word in segment.split(' ').filter(|w| !w.is_empty()) {
                let size = if word.is_ascii() { word.len() } else { word.chars().count() };
                if length > 0 && length + 1 + size > width {
                    self.end_line();
                    self.start_line();
                    length = 0;
                }
                if length > 0 {
                    self.out.push(' ');
                    length += 1;
                }
                self.out.push_str(word);
                length += size;
            }
            self.end_line();
        }
    }
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
                let start = out.len();
                inline(child, out);
                let url = link.url.as_str();
                let text = &out[start..];
                let same = url == text || url.strip_prefix("mailto:") == Some(text);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Wraps text at `width` columns, breaking only at spaces; `\n` forces a line break.
    fn wrap(text: &str, width: usize) -> Vec<String> {
        let mut writer = Writer { out: String::new(), indent: String::new(), marker: None };
        // The writer's width is WIDTH less the indentation: express `width` as indentation.
        let width = width.clamp(MIN_WIDTH, WIDTH);
        writer.indent = " ".repeat(WIDTH - width);
        writer.wrapped(text);
        writer.out.lines().map(|line| line.get(WIDTH - width..).unwrap_or("").to_owned()).collect()
    }

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
    fn nested_lists_and_quotes_indent() {
        let text = render("- one\n  - inner\n- two\n\n> quoted\n>\n> again\n");
        assert_eq!(text, "- one\n  - inner\n- two\n\n> quoted\n>\n> again\n");
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
        assert_eq!(wrap("café café", 72), vec!["café café".to_owned()]);
        assert_eq!(wrap("a\n\nb", 72), vec!["a".to_owned(), String::new(), "b".to_owned()]);
        assert_eq!(wrap("  two  spaces ", 72), vec!["two spaces".to_owned()]);
        let words = "aaaa ".repeat(20);
        assert!(wrap(&words, 30).iter().all(|line| line.chars().count() <= 30));
    }

    #[test]
    fn escaped_markdown_prints_literally() {
        assert_eq!(render("\\<script\\> \\*x\\* \\& \\[y\\](z)\n"), "<script> *x* & [y](z)\n");
    }
}
