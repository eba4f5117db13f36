//! Resolved response → documents in memory: Markdown (the canonical form), HTML and plain
//! text made from it, JSON made from the response itself, and the letter as Typst source
//! and as PDF, and the letter as a Word document. One file (or folder) per format; the
//! formats are one table (`formats`).
//!
//! Renderers return text, or bytes for PDF and Word ([`Document`]); they never touch the disk
//! (`write` does). A [`Renderer`] holds the template environment of one casebook, built
//! once and reused for every response.

pub mod docx;
pub(crate) mod formats;
pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod letter;
pub(crate) mod markdown;
#[cfg(feature = "pdf")]
pub mod pdf;
pub(crate) mod text;
pub(crate) mod typst;
#[cfg(feature = "pdf")]
pub mod watchdog;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use minijinja::Environment;

use crate::load::Files;
pub use formats::{Document, OutputFormat, Rendering};

use crate::response::Response;
use crate::templates;

/// Renders responses with one casebook's templates (or the built-in ones alone).
///
/// It remembers the HTML and text of every top-level section of Markdown it has converted:
/// letters of one casebook repeat their letterhead, refusal notices and rights sections
/// word for word, so a batch converts each of those once.
pub struct Renderer {
    env: Environment<'static>,
    files: Option<Files>,
    html_sections: SectionCache,
    site_sections: SectionCache,
    text_sections: SectionCache,
}

/// Converted sections, by their exact Markdown text (so a hit is always right).
#[derive(Default)]
struct SectionCache(Mutex<HashMap<String, Arc<str>>>);

/// The template of the disclosure log's index.
pub const SITE_INDEX: &str = "site-index.html";

/// The template of the disclosure log's statistics.
pub const SITE_STATS: &str = "site-stats.html";

/// The template of a response's page on the disclosure log.
pub const SITE_RESPONSE: &str = "site-response.html";

/// The template of the disclosure log's accessibility statement.
pub const SITE_ACCESSIBILITY: &str = "site-accessibility.html";

/// The page templates of the disclosure log, whose own copies in a casebook its
/// accessibility statement names (foi's tests check only the built-in ones).
pub const SITE_TEMPLATES: [&str; 9] = [
    "site-base.html",
    "site-index.html",
    "site-nav.html",
    SITE_RESPONSE,
    SITE_STATS,
    SITE_ACCESSIBILITY,
    "site.css",
    "site.js",
    "style.css",
];

/// Enough for the distinct sections of a large batch; past it, the cache starts afresh.
const SECTION_CACHE_LIMIT: usize = 4096;

impl SectionCache {
    fn get_or_convert(&self, section: &str, convert: impl FnOnce(&str) -> String) -> Arc<str> {
        if let Some(done) = self.0.lock().ok().and_then(|map| map.get(section).cloned()) {
            return done;
        }
        let done: Arc<str> = convert(section).into();
        if let Ok(mut map) = self.0.lock() {
            if map.len() >= SECTION_CACHE_LIMIT {
                map.clear();
            }
            map.insert(section.to_owned(), Arc::clone(&done));
        }
        done
    }
}

/// Splits Markdown before each level-two heading (outside code fences). Headings end any
/// open block, so converting the pieces one by one gives what converting the whole would.
fn sections(markdown: &str) -> Vec<&str> {
    let bytes = markdown.as_bytes();
    let fenced =
        memchr::memmem::find(bytes, b"```").is_some() || memchr::memmem::find(bytes, b"~~~").is_some();
    let mut starts: Vec<usize> = if fenced {
        heading_lines_outside_fences(markdown)
    } else {
        memchr::memmem::find_iter(bytes, b"\n## ").map(|at| at + 1).collect()
    };
    starts.retain(|at| *at > 0);
    let mut pieces = Vec::with_capacity(starts.len() + 1);
    let mut start = 0;
    for at in starts {
        pieces.push(&markdown[start..at]);
        start = at;
    }
    if start < markdown.len() {
        pieces.push(&markdown[start..]);
    }
    pieces
}

/// Offsets of `## ` lines that are not inside a code fence.
fn heading_lines_outside_fences(markdown: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let (mut offset, mut in_fence) = (0, false);
    for line in markdown.split_inclusive('\n') {
        if line.starts_with("```") || line.starts_with("~~~") {
            in_fence = !in_fence;
        } else if !in_fence && line.starts_with("## ") {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts
}

impl Renderer {
    /// A renderer using the templates of the casebook `files`, falling back to the
    /// built-in ones file by file.
    pub fn new(files: Option<&Files>) -> Self {
        Self {
            env: templates::environment(files),
            files: files.cloned(),
            html_sections: SectionCache::default(),
            site_sections: SectionCache::default(),
            text_sections: SectionCache::default(),
        }
    }

    /// Forgets the sections converted so far (the cache otherwise lives as long as the
    /// renderer): for measuring the cost of converting, and for long-lived renderers.
    pub fn forget_sections(&self) {
        for cache in [&self.html_sections, &self.site_sections, &self.text_sections] {
            if let Ok(mut map) = cache.0.lock() {
                map.clear();
            }
        }
    }

    /// Renders `response` in `format`, one of the text formats ([`OutputFormat::text`]); a
    /// binary format is made by [`Renderer::document`].
    pub fn render(&self, response: &Response, format: OutputFormat) -> anyhow::Result<String> {
        if format.is_binary() {
            anyhow::bail!("{} is binary: render it with Renderer::document", format.noun);
        }
        match self.document(response, format)? {
            Document::Text(text) => Ok(text),
            Document::Binary(_) => anyhow::bail!("{} came out binary", format.noun),
        }
    }

    /// Renders `response` in `format`, text or binary.
    pub fn document(&self, response: &Response, format: OutputFormat) -> anyhow::Result<Document> {
        Rendering::new(self, response).document(format)
    }

    /// Renders `response` in every format in `formats`, in that order, making the Markdown
    /// only once.
    pub fn documents(
        &self,
        response: &Response,
        formats: &[OutputFormat],
    ) -> anyhow::Result<Vec<(OutputFormat, Document)>> {
        let rendering = Rendering::new(self, response);
        formats.iter().map(|format| Ok((*format, rendering.document(*format)?))).collect()
    }

    /// Renders `response` in every text format in `formats`, making the Markdown only once.
    pub fn render_all(
        &self,
        response: &Response,
        formats: &[OutputFormat],
    ) -> anyhow::Result<Vec<(OutputFormat, String)>> {
        if let Some(binary) = formats.iter().find(|format| format.is_binary()) {
            anyhow::bail!("{} is binary: render it with Renderer::documents", binary.noun);
        }
        let rendering = Rendering::new(self, response);
        formats
            .iter()
            .map(|format| match rendering.document(*format)? {
                Document::Text(text) => Ok((*format, text)),
                Document::Binary(_) => anyhow::bail!("{} came out binary", format.noun),
            })
            .collect()
    }

    /// Plain text for a Markdown letter, section by section.
    pub fn text(&self, markdown: &str) -> String {
        let mut out = String::with_capacity(markdown.len());
        for (i, section) in sections(markdown).into_iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&self.text_sections.get_or_convert(section, text::render));
        }
        out
    }

    /// The Markdown letter.
    pub fn markdown(&self, response: &Response) -> anyhow::Result<String> {
        let text = self.template(response.letter.markdown_template(response.layout), response)?;
        Ok(markdown::tidy(&text))
    }

    /// The standalone HTML page for a response whose Markdown is `markdown`.
    pub fn html(&self, response: &Response, markdown: &str) -> anyhow::Result<String> {
        let mut joined = String::with_capacity(markdown.len() * 5 / 4);
        for section in sections(markdown) {
            joined.push_str(&self.html_sections.get_or_convert(section, html::fragment));
        }
        self.page(response, html::unique_ids(&joined))
    }

    /// The page template around a body already made: it gets the response's letterhead
    /// facts, not the whole response, so the page costs little to make.
    fn page(&self, response: &Response, body: String) -> anyhow::Result<String> {
        let context = minijinja::context! {
            body => minijinja::Value::from_safe_string(body),
            // The disclosure log has its own page template now; `site` stays (always none)
            // for copies of page.html ejected before it did.
            site => (),
            reference => &response.reference,
            title => &response.title,
            document_title => &response.document_title,
            letter => response.letter.id,
            received => minijinja::Value::from(minijinja::value::Serde(&response.received)),
            responded => minijinja::Value::from(minijinja::value::Serde(&response.responded)),
            outcome => minijinja::Value::from(minijinja::value::Serde(&response.outcome)),
            jurisdiction => response.jurisdiction.as_str(),
            authority => minijinja::Value::from(minijinja::value::Serde(&response.authority)),
        };
        self.template_value(html::PAGE, context)
    }

    /// A response's page on the disclosure log (`site-response.html`): the letter made from
    /// `markdown` (the public version's), with web and email addresses as links and its
    /// headings one level down under the page's own title, in the page's `context`.
    pub fn site_page(&self, markdown: &str, context: &minijinja::Value) -> anyhow::Result<String> {
        let mut joined = String::with_capacity(markdown.len() * 5 / 4);
        for section in sections(markdown) {
            joined.push_str(&self.site_sections.get_or_convert(section, html::site_fragment));
        }
        let body = html::unique_ids(&joined);
        let context = minijinja::context! {
            body => minijinja::Value::from_safe_string(body),
            ..context.clone()
        };
        self.template_value(SITE_RESPONSE, context)
    }

    /// The disclosure log's accessibility statement (`site-accessibility.html`).
    pub fn site_accessibility(&self, context: &minijinja::Value) -> anyhow::Result<String> {
        self.template_value(SITE_ACCESSIBILITY, context.clone())
    }

    /// Which of the disclosure log's templates this casebook has its own copies of.
    pub fn site_overrides(&self) -> Vec<&'static str> {
        SITE_TEMPLATES.into_iter().filter(|name| self.is_override(name)).collect()
    }

    /// The disclosure log's index page (`site-index.html`).
    pub fn site_index(&self, context: &minijinja::Value) -> anyhow::Result<String> {
        self.template_sized(SITE_INDEX, context)
    }

    /// The disclosure log's statistics page (`site-stats.html`).
    pub fn site_stats(&self, context: &minijinja::Value) -> anyhow::Result<String> {
        self.template_sized(SITE_STATS, context)
    }

    /// A page whose work grows with its context (every response of the log): its fuel grows
    /// with the context's size, so a long log renders and a runaway template still stops.
    fn template_sized(&self, name: &str, context: &minijinja::Value) -> anyhow::Result<String> {
        let size = serde_json::to_vec(context).map_or(0, |json| json.len() as u64);
        let mut env = self.env.clone();
        env.set_fuel(Some(
            templates::FUEL.saturating_add(size.saturating_mul(templates::FUEL_PER_CONTEXT_BYTE)),
        ));
        let fail = |err: minijinja::Error| template_error(|n| self.is_override(n), &err);
        env.get_template(name).map_err(fail)?.render(context.clone()).map_err(fail)
    }

    fn template<S: serde::Serialize>(&self, name: &str, context: &S) -> anyhow::Result<String> {
        self.template_value(name, minijinja::Value::from(minijinja::value::Serde(context)))
    }

    fn template_value(&self, name: &str, context: minijinja::Value) -> anyhow::Result<String> {
        let fail = |err: minijinja::Error| template_error(|n| self.is_override(n), &err);
        let template = self.env.get_template(name).map_err(fail)?;
        template.render(context).map_err(fail)
    }

    /// Whether the casebook has its own copy of template `name`.
    fn is_override(&self, name: &str) -> bool {
        self.files.as_ref().is_some_and(|files| {
            templates::override_path(files.root(), name).is_some_and(|path| files.is_file(&path))
        })
    }
}

/// A template error as the user should see it: which template, which line, what is wrong.
/// An error inside an included or imported template is reported where it happens.
fn template_error(is_override: impl Fn(&str) -> bool, err: &minijinja::Error) -> anyhow::Error {
    let mut innermost = err;
    let mut source = std::error::Error::source(err);
    while let Some(next) = source {
        if let Some(inner) = next.downcast_ref::<minijinja::Error>()
            && inner.name().is_some()
        {
            innermost = inner;
        }
        source = next.source();
    }
    let mut message = String::new();
    if let Some(name) = innermost.name() {
        let origin = if is_override(name) {
            format!("templates/{name}")
        } else {
            format!("(built in) templates/{name}")
        };
        message.push_str(&origin);
        if let Some(line) = innermost.line() {
            message.push_str(&format!(":{line}"));
        }
        message.push_str(": ");
    }
    if innermost.kind() == minijinja::ErrorKind::OutOfFuel {
        // Say what a template author can act on, not the engine's word for it.
        message.push_str(
            "the template was stopped after far more work than any letter or page needs \
             (for a letter, a million steps or about 64 MB of text): look for a loop that \
             runs too often, or text that keeps doubling",
        );
        return anyhow::anyhow!(message);
    }
    message.push_str(&innermost.kind().to_string());
    if let Some(detail) = innermost.detail() {
        message.push_str(": ");
        message.push_str(detail);
    }
    anyhow::anyhow!(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_split_before_level_two_headings_only() {
        let md = "# A\n\nx\n\n## B\n\n### C\n\n```\n## not a heading\n```\n\n## D\n";
        assert_eq!(
            sections(md),
            vec!["# A\n\nx\n\n", "## B\n\n### C\n\n```\n## not a heading\n```\n\n", "## D\n"]
        );
        assert_eq!(sections(""), Vec::<&str>::new());
    }

    #[test]
    fn converting_by_sections_matches_converting_the_whole() {
        let md = "# Council\n\nDear requester,\n\n## Part 1\n\n### Across X\n\n- a\n- b\n\n## Part 2\n\n### Across X\n\n1. one\n2. two\n";
        let renderer = Renderer::new(None);
        let mut joined = String::new();
        for section in sections(md) {
            joined.push_str(&renderer.html_sections.get_or_convert(section, html::fragment));
        }
        assert_eq!(html::unique_ids(&joined), html::body(md));
        assert_eq!(renderer.text(md), text::render(md));
        assert_eq!(renderer.text(md), renderer.text(md), "a cached section gives the same text");
    }
}
