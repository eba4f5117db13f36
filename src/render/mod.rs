//! Resolved response → documents in memory: Markdown (the canonical form), HTML and plain
//! text made from it, JSON made from the response itself, and the letter as Typst source
//! and as PDF. One file per format.
//!
//! Renderers return text, or bytes for PDF ([`Document`]); they never touch the disk
//! (`write` does). A [`Renderer`] holds the template environment of one casebook, built
//! once and reused for every response.

pub mod html;
pub mod json;
pub mod letter;
pub mod markdown;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod text;
pub mod typst;

use std::path::{Path, PathBuf};

use minijinja::Environment;

use crate::response::Response;
use crate::templates;

/// The formats a response renders to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Markdown, through the layout's template.
    Markdown,
    /// A standalone HTML page made from the Markdown.
    Html,
    /// Plain text for an email, made from the Markdown.
    Text,
    /// The resolved response as data.
    Json,
    /// The letter as Typst source: the template and the letter's data in one file.
    Typst,
    /// The letter as PDF on the letterhead, made by Typst in-process.
    Pdf,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 6] =
        [Format::Markdown, Format::Html, Format::Text, Format::Json, Format::Typst, Format::Pdf];

    /// The formats [`Renderer::render`] returns as text: all but PDF.
    pub const TEXT: [Format; 5] = [Format::Markdown, Format::Html, Format::Text, Format::Json, Format::Typst];

    /// The file extension, which is also the name used on the command line (except for
    /// Typst, spelled `typst` there).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Text => "txt",
            Format::Json => "json",
            Format::Typst => "typ",
            Format::Pdf => "pdf",
        }
    }

    /// Whether the format is binary (PDF), not text.
    pub fn is_binary(self) -> bool {
        self == Format::Pdf
    }
}

/// A rendered document: text, or the bytes of a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    /// Markdown, HTML, plain text, JSON or Typst source.
    Text(String),
    /// A PDF file.
    Pdf(Vec<u8>),
}

impl Document {
    /// The bytes to write.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Document::Text(text) => text.as_bytes(),
            Document::Pdf(bytes) => bytes,
        }
    }

    /// The bytes to write, without copying.
    pub fn into_bytes(self) -> Vec<u8> {
        match self {
            Document::Text(text) => text.into_bytes(),
            Document::Pdf(bytes) => bytes,
        }
    }
}

/// Renders responses with one casebook's templates (or the built-in ones alone).
pub struct Renderer {
    env: Environment<'static>,
    root: Option<PathBuf>,
}

impl Renderer {
    /// A renderer using the templates of the casebook at `root`, falling back to the
    /// built-in ones file by file.
    pub fn new(root: Option<&Path>) -> Self {
        Self { env: templates::environment(root), root: root.map(Path::to_path_buf) }
    }

    /// Renders `response` in `format`, one of the text formats ([`Format::TEXT`]); PDF is
    /// made by [`Renderer::document`] or [`Renderer::pdf`].
    pub fn render(&self, response: &Response, format: Format) -> anyhow::Result<String> {
        match format {
            Format::Markdown => self.markdown(response),
            Format::Html => self.html(response, &self.markdown(response)?),
            Format::Text => Ok(text::render(&self.markdown(response)?)),
            Format::Json => json::render(response),
            Format::Typst => self.typst(response),
            Format::Pdf => Err(anyhow::anyhow!("a PDF is binary: render it with Renderer::document")),
        }
    }

    /// Renders `response` in `format`, text or PDF.
    pub fn document(&self, response: &Response, format: Format) -> anyhow::Result<Document> {
        match format {
            Format::Pdf => self.pdf(response).map(Document::Pdf),
            _ => self.render(response, format).map(Document::Text),
        }
    }

    /// Renders `response` in every format in `formats`, PDF included, making the Markdown
    /// only once (see [`Renderer::render_all`]).
    pub fn documents(
        &self,
        response: &Response,
        formats: &[Format],
    ) -> anyhow::Result<Vec<(Format, Document)>> {
        let text: Vec<Format> = formats.iter().copied().filter(|f| !f.is_binary()).collect();
        let mut texts = self.render_all(response, &text)?.into_iter();
        let mut out = Vec::with_capacity(formats.len());
        for format in formats {
            let document = match format {
                Format::Pdf => Document::Pdf(self.pdf(response)?),
                _ => match texts.next() {
                    Some((_, text)) => Document::Text(text),
                    None => anyhow::bail!("no {} document was rendered", format.extension()),
                },
            };
            out.push((*format, document));
        }
        Ok(out)
    }

    /// Renders `response` in every text format in `formats`, making the Markdown only once
    /// and parsing it only once for HTML and text.
    pub fn render_all(
        &self,
        response: &Response,
        formats: &[Format],
    ) -> anyhow::Result<Vec<(Format, String)>> {
        let needs_markdown =
            formats.iter().any(|f| matches!(f, Format::Markdown | Format::Html | Format::Text));
        let markdown = if needs_markdown { self.markdown(response)? } else { String::new() };
        let arena = comrak::Arena::new();
        let parsed = formats
            .iter()
            .any(|f| matches!(f, Format::Html | Format::Text))
            .then(|| comrak::parse_document(&arena, &markdown, &html::options()));
        formats
            .iter()
            .map(|format| {
                let text = match (format, parsed) {
                    (Format::Json, _) => json::render(response)?,
                    (Format::Markdown, _) => markdown.clone(),
                    (Format::Html, Some(root)) => self.page(response, html::body_of(root, markdown.len()))?,
                    (Format::Text, Some(root)) => text::render_root(root, markdown.len()),
                    (Format::Typst | Format::Pdf, _) => self.render(response, *format)?,
                    (_, None) => self.render(response, *format)?,
                };
                Ok((*format, text))
            })
            .collect()
    }

    /// The Markdown letter.
    pub fn markdown(&self, response: &Response) -> anyhow::Result<String> {
        let text = self.template(markdown::template_for(response.layout), response)?;
        Ok(markdown::tidy(&text))
    }

    /// The standalone HTML page for a response whose Markdown is `markdown`.
    pub fn html(&self, response: &Response, markdown: &str) -> anyhow::Result<String> {
        self.page(response, html::body(markdown))
    }

    /// The page template around a body already made: it gets the response's letterhead
    /// facts, not the whole response, so the page costs little to make.
    fn page(&self, response: &Response, body: String) -> anyhow::Result<String> {
        let context = minijinja::context! {
            body => minijinja::Value::from_safe_string(body),
            reference => &response.reference,
            title => &response.title,
            received => minijinja::Value::from(minijinja::value::Serde(&response.received)),
            responded => minijinja::Value::from(minijinja::value::Serde(&response.responded)),
            outcome => minijinja::Value::from(minijinja::value::Serde(&response.outcome)),
            jurisdiction => response.jurisdiction.as_str(),
            authority => minijinja::Value::from(minijinja::value::Serde(&response.authority)),
        };
        self.template_value(html::PAGE, context)
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
        self.root
            .as_deref()
            .is_some_and(|root| templates::override_path(root, name).is_some_and(|p| p.is_file()))
    }
}

/// A template error as the user should see it: which template, which line, what is wrong.
/// An error inside an included or imported template is reported where it happens.
fn template_error(is_override: impl Fn(&str) -> bool, err: &minijinja::Error) -> anyhow::Error {
    let mut innermost = err;
    let mut source = std::error::Error::source(err);
    while let Some(next) = source {
        if let Some(inner) = next.downcast_ref::<minijinja::Error>() {
            if inner.name().is_some() {
                innermost = inner;
            }
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
    message.push_str(&innermost.kind().to_string());
    if let Some(detail) = innermost.detail() {
        message.push_str(": ");
        message.push_str(detail);
    }
    anyhow::anyhow!(message)
}
