//! The letter's Markdown (parsed by comrak, as for HTML and text) as the body of a Word
//! document: paragraphs, headings, lists, quotations and tables in the built-in styles of
//! [`super::styles`], links as hyperlinks.
//!
//! Structure, not looks: a heading is a heading style (so it is in Word's navigation pane),
//! a list item a list style with real numbering, a table a table with a header row that
//! repeats on each page; spacing comes from the styles, never from empty paragraphs. The
//! only direct formatting is what Markdown itself marks in a line (bold, italic,
//! strikethrough) and the language of every run. A hard line break (the address blocks)
//! is a line break within the paragraph. Every text goes through [`xml::text`], so nothing
//! in the Markdown can become WordprocessingML; raw HTML in it is dropped, as the HTML
//! renderer drops it. Only web and email addresses become links.

use std::fmt::Write as _;

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};
use comrak::{Arena, parse_document};

use super::styles::{HEADINGS, Role, StyleSheet};
use super::template::is_address;
use super::xml;

/// The body's XML and the addresses its hyperlinks go to.
pub struct Body {
    /// The paragraphs and tables, in order.
    pub xml: String,
    /// The link targets, in order: link `n` (from 1) has the relationship id `rIdLink{n}`.
    pub links: Vec<String>,
}

/// The relationship id of the `n`th link (from 1).
pub fn link_id(n: usize) -> String {
    format!("rIdLink{n}")
}

/// Writes the body of `markdown`, in `language`, for a text column `text_width` twentieths
/// of a point wide.
pub fn write(markdown: &str, sheet: &mut StyleSheet, language: &str, text_width: u32) -> Body {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &crate::render::html::options());
    let mut lang = String::new();
    xml::attribute(&mut lang, language);
    let mut writer =
        Writer { out: String::with_capacity(markdown.len() * 4), links: Vec::new(), sheet, lang, text_width };
    writer.blocks(root, &Context::default());
    Body { xml: writer.out, links: writer.links }
}

/// Where a block stands: in which list, how deep, inside a quotation.
#[derive(Clone, Default)]
struct Context {
    /// The numbering of the list item whose first paragraph this is, and its level.
    numbering: Option<(u32, usize)>,
    /// The level of the list the block is in, if any.
    list_level: Option<usize>,
    quote: bool,
}

/// How a run of text is marked.
#[derive(Clone, Copy, Default)]
struct Marks {
    bold: bool,
    italic: bool,
    strike: bool,
    code: bool,
    link: bool,
}

struct Writer<'s> {
    out: String,
    links: Vec<String>,
    sheet: &'s mut StyleSheet,
    /// The language, escaped for an attribute.
    lang: String,
    text_width: u32,
}

impl Writer<'_> {
    fn blocks<'a>(&mut self, node: &'a AstNode<'a>, context: &Context) {
        for child in node.children() {
            self.block(child, context);
        }
    }

    fn block<'a>(&mut self, node: &'a AstNode<'a>, context: &Context) {
        let value = node.data.borrow().value.clone();
        match value {
            NodeValue::Paragraph => {
                let role = if context.quote {
                    Role::Quote
                } else if context.list_level.is_some() && context.numbering.is_none() {
                    Role::ListContinue
                } else {
                    Role::Normal
                };
                self.paragraph(node, role, context.numbering, None);
            }
            NodeValue::Heading(heading) => {
                let role = match heading.level {
                    1 => Role::Title,
                    level => Role::Heading((level - 1).min(HEADINGS)),
                };
                self.paragraph(node, role, None, None);
            }
            NodeValue::List(list) => {
                let level = context.list_level.map_or(0, |l| l + 1);
                let ordered = list.list_type == ListType::Ordered;
                let numbering = if ordered {
                    self.sheet.numbered_list(level, list.start as u64)
                } else {
                    self.sheet.bullets()
                };
                for item in node.children() {
                    let mut first = true;
                    for block in item.children() {
                        let is_paragraph = matches!(block.data.borrow().value, NodeValue::Paragraph);
                        let inner = Context {
                            numbering: (first && is_paragraph).then_some((numbering, level)),
                            list_level: Some(level),
                            quote: context.quote,
                        };
                        if is_paragraph && first {
                            let role = if ordered { Role::ListNumber } else { Role::ListBullet };
                            self.paragraph(block, role, inner.numbering, None);
                        } else {
                            self.block(block, &inner);
                        }
                        first = false;
                    }
                }
            }
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
                self.blocks(node, &Context { quote: true, numbering: None, ..context.clone() });
            }
            NodeValue::CodeBlock(code) => self.code_block(&code.literal),
            NodeValue::Table(table) => self.table(node, &table.alignments),
            // A rule is decoration: headings carry the structure. Raw HTML is dropped.
            NodeValue::ThematicBreak | NodeValue::HtmlBlock(_) => {}
            _ => self.blocks(node, context),
        }
    }

    /// A paragraph of `node`'s inlines in `role`'s style; nothing at all when it would be
    /// empty (an empty paragraph is only ever spacing).
    fn paragraph<'a>(
        &mut self,
        node: &'a AstNode<'a>,
        role: Role,
        numbering: Option<(u32, usize)>,
        align: Option<&str>,
    ) {
        let mut runs = String::new();
        self.inlines(node, Marks::default(), &mut runs);
        if runs.is_empty() {
            return;
        }
        self.out.push_str("<w:p>");
        self.paragraph_properties(role, numbering, align);
        self.out.push_str(&runs);
        self.out.push_str("</w:p>");
    }

    fn paragraph_properties(&mut self, role: Role, numbering: Option<(u32, usize)>, align: Option<&str>) {
        if role == Role::Normal && numbering.is_none() && align.is_none() {
            return;
        }
        self.out.push_str("<w:pPr>");
        if role != Role::Normal {
            self.out.push_str("<w:pStyle w:val=\"");
            xml::attribute(&mut self.out, self.sheet.id(role));
            self.out.push_str("\"/>");
        }
        if let Some((num, level)) = numbering {
            let _ = write!(
                self.out,
                "<w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"{num}\"/></w:numPr>",
                level.min(8)
            );
        }
        if let Some(align) = align {
            let _ = write!(self.out, "<w:jc w:val=\"{align}\"/>");
        }
        self.out.push_str("</w:pPr>");
    }

    fn inlines<'a>(&mut self, node: &'a AstNode<'a>, marks: Marks, out: &mut String) {
        for child in node.children() {
            let value = child.data.borrow().value.clone();
            match value {
                NodeValue::Text(text) => self.run(out, &text, marks),
                NodeValue::SoftBreak => self.run(out, " ", marks),
                NodeValue::LineBreak => out.push_str("<w:r><w:br/></w:r>"),
                NodeValue::Code(code) => self.run(out, &code.literal, Marks { code: true, ..marks }),
                NodeValue::Emph => self.inlines(child, Marks { italic: true, ..marks }, out),
                NodeValue::Strong => self.inlines(child, Marks { bold: true, ..marks }, out),
                NodeValue::Strikethrough => self.inlines(child, Marks { strike: true, ..marks }, out),
                NodeValue::Link(link) if is_address(&link.url) && !marks.link => {
                    let mut runs = String::new();
                    self.inlines(child, Marks { link: true, ..marks }, &mut runs);
                    if runs.is_empty() {
                        continue;
                    }
                    self.links.push(link.url.clone());
                    let _ =
                        write!(out, "<w:hyperlink r:id=\"{}\" w:history=\"1\">", link_id(self.links.len()));
                    out.push_str(&runs);
                    out.push_str("</w:hyperlink>");
                }
                NodeValue::HtmlInline(_) | NodeValue::Raw(_) => {}
                // An image's description stands in for it: foi never fetches one.
                _ => self.inlines(child, marks, out),
            }
        }
    }

    /// A run of `text`: tabs and line ends as Word's own tab and break.
    fn run(&mut self, out: &mut String, text: &str, marks: Marks) {
        if text.is_empty() {
            return;
        }
        out.push_str("<w:r><w:rPr>");
        let style = if marks.link {
            Some(Role::Hyperlink)
        } else if marks.code {
            Some(Role::Code)
        } else {
            None
        };
        if let Some(role) = style {
            out.push_str("<w:rStyle w:val=\"");
            xml::attribute(out, self.sheet.id(role));
            out.push_str("\"/>");
        }
        if marks.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if marks.italic {
            out.push_str("<w:i/><w:iCs/>");
        }
        if marks.strike {
            out.push_str("<w:strike/>");
        }
        let _ = write!(out, "<w:lang w:val=\"{}\"/></w:rPr>", self.lang);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push_str("<w:br/>");
            }
            for (j, piece) in line.split('\t').enumerate() {
                if j > 0 {
                    out.push_str("<w:tab/>");
                }
                let piece = piece.trim_end_matches('\r');
                if !piece.is_empty() {
                    out.push_str("<w:t xml:space=\"preserve\">");
                    xml::text(out, piece);
                    out.push_str("</w:t>");
                }
            }
        }
        out.push_str("</w:r>");
    }

    fn code_block(&mut self, literal: &str) {
        let text = literal.strip_suffix('\n').unwrap_or(literal);
        if text.is_empty() {
            return;
        }
        self.out.push_str("<w:p>");
        self.paragraph_properties(Role::Preformatted, None, None);
        let mut runs = String::new();
        self.run(&mut runs, text, Marks::default());
        self.out.push_str(&runs);
        self.out.push_str("</w:p>");
    }

    /// A table in the Table Grid style, full width, its first row a header row that
    /// repeats on each page (and that screen readers announce as the header).
    fn table<'a>(&mut self, node: &'a AstNode<'a>, alignments: &[TableAlignment]) {
        let columns = alignments.len().max(1);
        let width = self.text_width / u32::try_from(columns).unwrap_or(1).max(1);
        self.out.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"");
        xml::attribute(&mut self.out, self.sheet.id(Role::Table));
        self.out.push_str(
            "\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" \
             w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
        );
        for _ in 0..columns {
            let _ = write!(self.out, "<w:gridCol w:w=\"{width}\"/>");
        }
        self.out.push_str("</w:tblGrid>");
        for row in node.children() {
            let header = matches!(row.data.borrow().value, NodeValue::TableRow(true));
            self.out.push_str("<w:tr>");
            if header {
                self.out.push_str("<w:trPr><w:tblHeader/></w:trPr>");
            }
            let mut cells = 0;
            for (i, cell) in row.children().enumerate().take(columns) {
                cells += 1;
                let align = match alignments.get(i) {
                    Some(TableAlignment::Center) => Some("center"),
                    Some(TableAlignment::Right) => Some("right"),
                    _ => None,
                };
                let _ = write!(self.out, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>");
                let mut runs = String::new();
                self.inlines(cell, Marks { bold: header, ..Marks::default() }, &mut runs);
                // A cell must hold a paragraph, even an empty one.
                self.out.push_str("<w:p>");
                self.paragraph_properties(Role::Normal, None, align);
                self.out.push_str(&runs);
                self.out.push_str("</w:p></w:tc>");
            }
            for _ in cells..columns {
                let _ = write!(
                    self.out,
                    "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr><w:p/></w:tc>"
                );
            }
            self.out.push_str("</w:tr>");
        }
        self.out.push_str("</w:tbl>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(markdown: &str) -> Body {
        let mut sheet = StyleSheet::new(None, "en-GB");
        write(markdown, &mut sheet, "en-GB", 9000)
    }

    fn styles_of(xml: &str) -> Vec<&str> {
        xml.split("<w:pStyle w:val=\"").skip(1).filter_map(|s| s.split('"').next()).collect()
    }

    #[test]
    fn headings_take_title_and_heading_styles() {
        let b = body(
            "# Council\n\n## Your request\n\n### Part 1\n\n#### The public interest test\n\n###### Deep\n",
        );
        assert_eq!(styles_of(&b.xml), ["Title", "Heading1", "Heading2", "Heading3", "Heading5"]);
    }

    #[test]
    fn hard_breaks_are_line_breaks_and_nothing_makes_an_empty_paragraph() {
        let b = body("Town Hall\\\nHigh Street\n\n<div>raw</div>\n\n---\n\nDear requester,\n");
        assert_eq!(b.xml.matches("<w:p>").count(), 2, "{}", b.xml);
        assert!(b.xml.contains("Town Hall</w:t></w:r><w:r><w:br/></w:r><w:r>"), "{}", b.xml);
        assert!(!b.xml.contains("raw"), "raw HTML is dropped");
    }

    #[test]
    fn lists_are_numbered_by_word_and_each_numbered_list_restarts() {
        let b = body("- **Our reference:** X\n- two\n\n1. one\n2. two\n\ntext\n\n3. three\n   - nested\n");
        assert_eq!(
            styles_of(&b.xml),
            ["ListBullet", "ListBullet", "ListNumber", "ListNumber", "ListNumber", "ListBullet"]
        );
        assert!(
            b.xml.contains("<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr>"),
            "{}",
            b.xml
        );
        assert!(
            b.xml.contains("<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"4\"/></w:numPr>"),
            "{}",
            b.xml
        );
        assert!(
            b.xml.contains("<w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr>"),
            "{}",
            b.xml
        );
        assert!(b.xml.contains(
            "<w:b/><w:bCs/><w:lang w:val=\"en-GB\"/></w:rPr><w:t xml:space=\"preserve\">Our reference:"
        ));
    }

    #[test]
    fn links_are_hyperlinks_only_to_web_and_email_addresses() {
        let b = body(
            "[guidance](https://ico.org.uk/x) and [bad](javascript:alert(1)) and [mail](mailto:a@b.uk)\n",
        );
        assert_eq!(b.links, ["https://ico.org.uk/x", "mailto:a@b.uk"]);
        assert!(b.xml.contains(
            "<w:hyperlink r:id=\"rIdLink1\" w:history=\"1\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/>"
        ));
        assert!(b.xml.contains(">bad</w:t>") && !b.xml.contains("javascript"), "{}", b.xml);
    }

    #[test]
    fn tables_are_tables_with_a_repeating_header_row() {
        let b = body("| Question | Answer |\n|---|--:|\n| Supplier | Example Ltd |\n| Spend |\n");
        assert!(b.xml.starts_with("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>"), "{}", b.xml);
        assert_eq!(b.xml.matches("<w:tr>").count(), 3);
        assert_eq!(b.xml.matches("<w:tblHeader/>").count(), 1);
        assert_eq!(b.xml.matches("<w:tc>").count(), 6, "a short row is filled out");
        assert!(b.xml.contains("<w:jc w:val=\"right\"/>"));
    }

    #[test]
    fn no_text_can_inject_markup() {
        let b = body("\\<w:p\\>\\</w:t\\> ]]> & \"quotes\" 'single' `<w:br/>`\u{1}\n");
        assert!(!b.xml.contains("<w:p><w:p") && !b.xml.contains("</w:t></w:t>"), "{}", b.xml);
        assert!(b.xml.contains("&lt;w:p&gt;&lt;/w:t&gt; ]]&gt; &amp; \"quotes\" 'single' "), "{}", b.xml);
        assert!(b.xml.contains("&lt;w:br/&gt;") && !b.xml.contains('\u{1}'), "{}", b.xml);
        let mut check = String::from("<w:body xmlns:w=\"w\" xmlns:r=\"r\">");
        check.push_str(&b.xml);
        check.push_str("</w:body>");
        assert!(xml::parse(check.as_bytes(), xml::LIMITS).is_ok(), "well-formed: {}", b.xml);
    }
}
