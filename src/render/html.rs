//! HTML: the Markdown letter through comrak, inside a standalone page (`page.html`).
//!
//! Raw HTML in the Markdown is never passed through (comrak's safe mode), and every value
//! from the casebook was already escaped when the Markdown was made, so casebook text can
//! only ever appear as text. Headings carry plain ids for linking, without the anchor links
//! comrak would add (empty focusable links are noise to screen-reader users).

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::nodes::{AstNode, Sourcepos};
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
pub fn body(markdown: &str) -> String {
    let arena = comrak::Arena::new();
    let root = parse_document(&arena, markdown, &options());
    body_of(root, markdown.len())
}

/// The body HTML for a parsed Markdown document (`size`: the Markdown's length, a hint).
pub fn body_of<'a>(root: &'a AstNode<'a>, size: usize) -> String {
    let options = options();
    let ids = HeadingIds::default();
    let mut plugins = Plugins::default();
    plugins.render.heading_adapter = Some(&ids);
    let mut html = String::with_capacity(size * 5 / 4);
    // Writing to a String cannot fail.
    let _ = format_html_with_plugins(root, &options, &mut html, &plugins);
    html
}

/// Gives each heading an id made from its text, unique within the document.
#[derive(Default)]
struct HeadingIds {
    seen: Mutex<HashMap<String, usize>>,
}

impl HeadingAdapter for HeadingIds {
    fn enter(&self, output: &mut dyn fmt::Write, heading: &HeadingMeta, _: Option<Sourcepos>) -> fmt::Result {
        let base = slug(&heading.content);
        let id = match self.seen.lock() {
            Ok(mut seen) => {
                let count = seen.entry(base.clone()).or_insert(0);
                *count += 1;
                if *count == 1 { base } else { format!("{base}-{}", *count - 1) }
            }
            Err(_) => base,
        };
        write!(output, "<h{} id=\"{id}\">", heading.level)
    }

    fn exit(&self, output: &mut dyn fmt::Write, heading: &HeadingMeta) -> fmt::Result {
        writeln!(output, "</h{}>", heading.level)
    }
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
    fn slugs_keep_letters_and_digits() {
        assert_eq!(slug("Section 43(2): Commercial interests"), "section-432-commercial-interests");
        assert_eq!(slug("***"), "section");
    }
}
