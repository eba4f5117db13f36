//! HTML: the Markdown letter through comrak, inside a standalone page (`page.html`).
//!
//! Raw HTML in the Markdown is never passed through (comrak's safe mode), and every value
//! from the casebook was already escaped when the Markdown was made, so casebook text can
//! only ever appear as text. Headings carry plain ids for linking, without the anchor links
//! comrak would add (empty focusable links are noise to screen-reader users).

use std::collections::HashMap;
use std::fmt;

use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::nodes::Sourcepos;
use comrak::options::Plugins;
use comrak::{Options, format_html_with_plugins, parse_document};

/// The template of the standalone page.
pub const PAGE: &str = "page.html";

/// Comrak's options for `foi`: GFM tables and strikethrough, raw HTML dropped.
pub fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.render.r#unsafe = false;
    options
}

/// The body HTML for a Markdown document.
#[cfg(test)]
pub fn body(markdown: &str) -> String {
    unique_ids(&fragment(markdown))
}

/// HTML for a piece of a Markdown document, with heading ids not yet made unique: join the
/// pieces, then pass the whole through [`unique_ids`].
pub fn fragment(markdown: &str) -> String {
    convert(markdown, &options(), &HeadingIds { demote: 0 })
}

/// [`fragment`] for a page of the disclosure log: web and email addresses become links,
/// and headings go one level down (the page's title is its only `h1`).
pub fn site_fragment(markdown: &str) -> String {
    let mut options = options();
    // Only http(s), www. and email addresses are linked, so no other scheme can appear.
    options.extension.autolink = true;
    convert(markdown, &options, &HeadingIds { demote: 1 })
}

fn convert(markdown: &str, options: &Options, headings: &HeadingIds) -> String {
    let arena = comrak::Arena::new();
    let root = parse_document(&arena, markdown, options);
    let mut plugins = Plugins::default();
    plugins.render.heading_adapter = Some(headings);
    let mut html = String::with_capacity(markdown.len() * 5 / 4);
    // Writing to a String cannot fail.
    let _ = format_html_with_plugins(root, options, &mut html, &plugins);
    html
}

/// Gives each heading an id made from its text, `demote` levels down (never below `h6`).
/// Ids are made unique afterwards, over the whole document, by [`unique_ids`].
struct HeadingIds {
    demote: u8,
}

impl HeadingIds {
    fn level(&self, heading: &HeadingMeta) -> u8 {
        (heading.level + self.demote).min(6)
    }
}

impl HeadingAdapter for HeadingIds {
    fn enter(&self, output: &mut dyn fmt::Write, heading: &HeadingMeta, _: Option<Sourcepos>) -> fmt::Result {
        write!(output, "<h{} id=\"{}\">", self.level(heading), slug(&heading.content))
    }

    fn exit(&self, output: &mut dyn fmt::Write, heading: &HeadingMeta) -> fmt::Result {
        writeln!(output, "</h{}>", self.level(heading))
    }
}

/// Renames repeated heading ids in document order: the second `across-x` becomes
/// `across-x-1`, the third `across-x-2`.
pub fn unique_ids(html: &str) -> String {
    let finder = memchr::memmem::Finder::new(b" id=\"");
    let bytes = html.as_bytes();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = String::with_capacity(html.len() + 16);
    let mut copied = 0;
    for at in finder.find_iter(bytes) {
        // Only headings carry ids in comrak's output here: `<hN id="`.
        let heading =
            at >= 3 && bytes[at - 3] == b'<' && bytes[at - 2] == b'h' && bytes[at - 1].is_ascii_digit();
        let start = at + 5;
        let Some(length) = heading.then(|| html[start..].find('"')).flatten() else { continue };
        let id = &html[start..start + length];
        let count = seen.entry(id).or_insert(0);
        *count += 1;
        if *count > 1 {
            out.push_str(&html[copied..start + length]);
            out.push_str(&format!("-{}", *count - 1));
            copied = start + length;
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// `Section 43(2): Commercial interests` → `section-432-commercial-interests`.
fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-') && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() { "section".to_owned() } else { trimmed.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_dropped_and_escaped_text_stays_text() {
        let html = body("<script>alert(1)</script>\n\n\\<b\\>bold?\\</b\\> \\& more \"quoted\" 'x'\n");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;b&gt;bold?&lt;/b&gt; &amp; more &quot;quoted&quot; 'x'"), "{html}");
    }

    #[test]
    fn headings_get_unique_ids_and_tables_get_header_cells() {
        let html = body(
            "## Your right to ask for a review\n\n### Across X\n\n### Across X\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        assert!(
            html.contains("<h2 id=\"your-right-to-ask-for-a-review\">Your right to ask for a review</h2>"),
            "{html}"
        );
        assert!(html.contains("<h3 id=\"across-x\">") && html.contains("<h3 id=\"across-x-1\">"), "{html}");
        assert!(html.contains("<th>a</th>"), "{html}");
    }

    #[test]
    fn ids_are_unique_across_pieces_joined_later() {
        let joined = fragment("## Part 1\n\n### Across X\n")
            + &fragment("## Part 2\n\n### Across X\n\n### Across X\n");
        let html = unique_ids(&joined);
        assert!(
            html.contains("<h3 id=\"across-x\">")
                && html.contains("<h3 id=\"across-x-1\">")
                && html.contains("<h3 id=\"across-x-2\">"),
            "{html}"
        );
        assert_eq!(unique_ids("<p>no headings <hr/></p>"), "<p>no headings <hr/></p>");
    }

    #[test]
    fn site_pages_link_addresses_and_keep_one_h1() {
        let html = site_fragment(
            "# Council\n\nEmail: foi@example.gov.uk\\\nWeb: https://www.example.gov.uk\n\n## Part 1\n\njavascript:alert(1)\n",
        );
        assert!(
            html.contains("<h2 id=\"council\">Council</h2>") && html.contains("<h3 id=\"part-1\">"),
            "{html}"
        );
        assert!(html.contains("<a href=\"mailto:foi@example.gov.uk\">foi@example.gov.uk</a>"), "{html}");
        assert!(
            html.contains("<a href=\"https://www.example.gov.uk\">https://www.example.gov.uk</a>"),
            "{html}"
        );
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(!fragment("Email: foi@example.gov.uk\n").contains("<a "), "letters keep their text");
    }

    #[test]
    fn slugs_keep_letters_and_digits() {
        assert_eq!(slug("Section 43(2): Commercial interests"), "section-432-commercial-interests");
        assert_eq!(slug("***"), "section");
    }
}
