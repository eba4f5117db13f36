//! The output formats, as one table: each row is a format's name on the command line, its
//! file extension, whether it is text or binary, whom it is addressed to and the function
//! that renders it. `foi render`, batches, the command line's `--format` values and the
//! README's list all follow [`OutputFormat::ALL`]; a new format is its renderer's file and
//! one row here.

use std::cell::OnceCell;
use std::fmt;

use super::{Renderer, json};
use crate::response::Response;
use crate::rules::Audience;

/// One output format: a row of [`OutputFormat::ALL`]. Two formats are the same when their
/// names are.
#[derive(Clone, Copy)]
pub struct OutputFormat {
    /// The name on the command line (`--format NAME`).
    pub name: &'static str,
    /// The extension of the files written in this format.
    pub extension: &'static str,
    /// What it is, for the command line's help.
    pub summary: &'static str,
    /// How a sentence names one document of it ("a PDF"): only binary formats need it,
    /// to say why one is not written to a terminal.
    pub noun: &'static str,
    /// Text or bytes.
    pub encoding: Encoding,
    /// Whom its documents are addressed to.
    pub reader: Reader,
    render: fn(&Rendering<'_>) -> anyhow::Result<Document>,
}

/// Whether a format's documents are text or bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Text (UTF-8): it may be printed to a terminal.
    Text,
    /// Bytes (a PDF, a Word file): never written to a terminal.
    Binary,
}

/// Whom the documents of a format are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// A letter: addressed to the requester.
    Requester,
    /// Data for other systems: the requester is left out unless the user asks for them
    /// (`--include-private`), so a copy passed on publishes no one's details.
    System,
}

impl OutputFormat {
    /// Every format, in the order the command line and the README list them.
    pub const ALL: &'static [OutputFormat] = &[
        OutputFormat {
            name: "md",
            extension: "md",
            summary: "Markdown",
            noun: "a Markdown letter",
            encoding: Encoding::Text,
            reader: Reader::Requester,
            render: |job| job.markdown().map(|text| Document::Text(text.to_owned())),
        },
        OutputFormat {
            name: "html",
            extension: "html",
            summary: "A standalone HTML page",
            noun: "an HTML page",
            encoding: Encoding::Text,
            reader: Reader::Requester,
            render: |job| job.renderer.html(job.response, job.markdown()?).map(Document::Text),
        },
        OutputFormat {
            name: "txt",
            extension: "txt",
            summary: "Plain text wrapped at 72 columns, for email",
            noun: "a plain text letter",
            encoding: Encoding::Text,
            reader: Reader::Requester,
            render: |job| Ok(Document::Text(job.renderer.text(job.markdown()?))),
        },
        OutputFormat {
            name: "json",
            extension: "json",
            summary: "The resolved response as JSON",
            noun: "a JSON document",
            encoding: Encoding::Text,
            reader: Reader::System,
            render: |job| json::render(job.response).map(Document::Text),
        },
        OutputFormat {
            name: "typst",
            extension: "typ",
            summary: "The letter as Typst source, to adjust and compile with Typst",
            noun: "a Typst letter",
            encoding: Encoding::Text,
            reader: Reader::Requester,
            render: |job| job.renderer.typst(job.response).map(Document::Text),
        },
        OutputFormat {
            name: "pdf",
            extension: "pdf",
            summary: "The letter as PDF on the letterhead (A4, tagged, PDF/A-2a and PDF/UA-1)",
            noun: "a PDF",
            encoding: Encoding::Binary,
            reader: Reader::Requester,
            render: |job| job.renderer.pdf(job.response).map(Document::Binary),
        },
        OutputFormat {
            name: "docx",
            extension: "docx",
            summary: "The letter as a Word document, on the authority's `word-template` if it has one",
            noun: "a Word document",
            encoding: Encoding::Binary,
            reader: Reader::Requester,
            render: |job| job.renderer.docx(job.response).map(Document::Binary),
        },
    ];

    /// The format called `name` on the command line.
    pub fn named(name: &str) -> Option<OutputFormat> {
        Self::ALL.iter().copied().find(|format| format.name == name)
    }

    /// The text formats: those [`Renderer::render`] returns.
    pub fn text() -> impl Iterator<Item = OutputFormat> {
        Self::ALL.iter().copied().filter(|format| !format.is_binary())
    }

    /// Whether the format is binary (PDF, Word), not text.
    pub fn is_binary(self) -> bool {
        self.encoding == Encoding::Binary
    }

    /// Whom a document in this format is rendered for, given whether the user asked for
    /// the requester's details in data formats.
    pub fn audience(self, include_private: bool) -> Audience {
        match self.reader {
            Reader::Requester => Audience::Requester,
            Reader::System if include_private => Audience::Requester,
            Reader::System => Audience::Public,
        }
    }

    /// Where the format stands in [`OutputFormat::ALL`].
    fn position(self) -> usize {
        Self::ALL.iter().position(|format| format.name == self.name).unwrap_or(usize::MAX)
    }
}

impl PartialEq for OutputFormat {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for OutputFormat {}

impl std::hash::Hash for OutputFormat {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl PartialOrd for OutputFormat {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// In the table's order.
impl Ord for OutputFormat {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.position().cmp(&other.position()).then(self.name.cmp(other.name))
    }
}

impl fmt::Debug for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OutputFormat({})", self.name)
    }
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// A rendered document: text, or the bytes of a binary format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    /// Markdown, HTML, plain text, JSON or Typst source.
    Text(String),
    /// A PDF or Word file.
    Binary(Vec<u8>),
}

impl Document {
    /// The bytes to write.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Document::Text(text) => text.as_bytes(),
            Document::Binary(bytes) => bytes,
        }
    }

    /// The bytes to write, without copying.
    pub fn into_bytes(self) -> Vec<u8> {
        match self {
            Document::Text(text) => text.into_bytes(),
            Document::Binary(bytes) => bytes,
        }
    }
}

/// One response being rendered in one or more formats: what a format's render function
/// is given. The Markdown letter, which several formats are made from, is made once.
pub struct Rendering<'a> {
    /// The renderer (the casebook's templates).
    pub renderer: &'a Renderer,
    /// The response to render.
    pub response: &'a Response,
    markdown: OnceCell<String>,
}

impl<'a> Rendering<'a> {
    /// The rendering of `response` with `renderer`.
    pub fn new(renderer: &'a Renderer, response: &'a Response) -> Self {
        Self { renderer, response, markdown: OnceCell::new() }
    }

    /// The Markdown letter, made the first time it is asked for.
    pub fn markdown(&self) -> anyhow::Result<&str> {
        if let Some(done) = self.markdown.get() {
            return Ok(done);
        }
        let made = self.renderer.markdown(self.response)?;
        Ok(self.markdown.get_or_init(|| made))
    }

    /// The document in `format`.
    pub fn document(&self, format: OutputFormat) -> anyhow::Result<Document> {
        (format.render)(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_extensions_are_unique() {
        let mut names: Vec<&str> = OutputFormat::ALL.iter().map(|f| f.name).collect();
        let mut extensions: Vec<&str> = OutputFormat::ALL.iter().map(|f| f.extension).collect();
        names.sort_unstable();
        names.dedup();
        extensions.sort_unstable();
        extensions.dedup();
        assert_eq!(names.len(), OutputFormat::ALL.len(), "two formats share a name");
        assert_eq!(extensions.len(), OutputFormat::ALL.len(), "two formats share an extension");
    }

    #[test]
    fn data_formats_leave_the_requester_out_unless_asked() {
        let json = OutputFormat::named("json").expect("json is a format");
        assert_eq!(json.audience(false), Audience::Public);
        assert_eq!(json.audience(true), Audience::Requester);
        let md = OutputFormat::named("md").expect("md is a format");
        assert_eq!(md.audience(false), Audience::Requester);
    }

    #[test]
    fn formats_order_as_the_table_does() {
        let mut formats: Vec<OutputFormat> = OutputFormat::ALL.iter().rev().copied().collect();
        formats.sort();
        assert_eq!(formats, OutputFormat::ALL);
    }
}
