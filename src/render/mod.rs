//! Resolved response → documents in memory: Markdown (the canonical form), HTML and plain
//! text made from it, and JSON made from the response itself. One file per format.
//!
//! Renderers return text; they never touch the disk (`write` does). A [`Renderer`] holds
//! the template environment of one casebook, built once and reused for every response.

pub mod html;
pub mod json;
pub mod markdown;
pub mod text;

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
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Html, Format::Text, Format::Json];

    /// The file extension, which is also the name used on the command line.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Text => "txt",
            Format::Json => "json",
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

    /// Renders `response` in `format`.
    pub fn render(&self, response: &Response, format: Format) -> anyhow::Result<String> {
        match format {
            Format::Markdown => self.markdown(response),
            Format::Html => self.html(response, &self.markdown(response)?),
            Format::Text => Ok(text::render(&self.markdown(response)?)),
            Format::Json => json::render(response),
        }
    }

    /// Renders `response` in every format in `formats`, making the Markdown only once and
    /// parsing it only once for HTML and text.
    pub fn render_all(
        &self,
        response: &Response,
        formats: &[Format],
    ) -> anyhow::Result<Vec<(Format, String)>> {
        let needs_markdown = formats.iter().any(|f| *f != Format::Json);
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
