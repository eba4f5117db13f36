//! Word: a letter as an Office Open XML document (`.docx`), written in-process.
//!
//! [`render`] takes any letter as its Markdown (the canonical form every format is made
//! from) and its [`Metadata`] (title, subject, language, author organisation, logo, the
//! authority's template) and returns the bytes of the document. It reads no file: the
//! caller hands it the logo's and the template's bytes. [`Renderer::docx`] is the bridge
//! from a resolved response.
//!
//! The document is structure, not looks, so that the authority's own template restyles it:
//! Word's built-in styles, real headings, lists, tables and links (`body`, `styles`);
//! the template's styles, numbering, theme and letterhead taken from its bytes within
//! strict limits (`template`, `archive`); every text escaped (`xml`); every name, id
//! and date fixed, so the same letter is the same bytes (`package`).

pub(crate) mod archive;
pub(crate) mod body;
pub(crate) mod package;
pub(crate) mod picture;
pub(crate) mod styles;
pub(crate) mod template;
pub(crate) mod xml;

use std::sync::{Arc, Mutex, PoisonError};

use anyhow::Context as _;

pub use template::Template;

use super::Renderer;
use crate::response::Response;

/// What a Word letter says about itself, and what it is made on.
#[derive(Debug, Clone, Copy)]
pub struct Metadata<'a> {
    /// The document's title (its properties, and the title bar): `REF: title – authority`.
    pub title: &'a str,
    /// Its subject.
    pub subject: &'a str,
    /// The authority writing it: the document's author and company.
    pub organisation: &'a str,
    /// Its language, as a BCP 47 tag: `en-GB`.
    pub language: &'a str,
    /// Its date (year, month, day): the document's created and modified dates and the
    /// zip's timestamps. Never the clock.
    pub date: (i32, u32, u32),
    /// The letterhead's logo, when the letter has one and the template no letterhead.
    pub logo: Option<Logo<'a>>,
    /// Text for the running footer beside the page number (the reference), when the
    /// template has no footer of its own.
    pub footer: Option<&'a str>,
    /// The authority's template, if any.
    pub template: Option<&'a Template>,
}

/// A picture to put at the head of the letter.
#[derive(Debug, Clone, Copy)]
pub struct Logo<'a> {
    /// A PNG, JPEG or GIF image.
    pub bytes: &'a [u8],
    /// Its alternative text, for screen readers.
    pub alt: &'a str,
}

/// The Word document of a letter whose Markdown is `markdown`.
pub fn render(markdown: &str, metadata: &Metadata) -> anyhow::Result<Vec<u8>> {
    package::build(markdown, metadata)
}

/// The language of the letters foi writes.
pub const LANGUAGE: &str = "en-GB";

impl Renderer {
    /// The response's letter as a Word document: on the authority's template when foi.yaml
    /// names one (`word-template:`), with the logo when there is one and the template has
    /// no letterhead of its own.
    pub fn docx(&self, response: &Response) -> anyhow::Result<Vec<u8>> {
        let markdown = self.markdown(response)?;
        let authority = &response.authority;
        let template = match authority.word_template.as_deref() {
            Some(path) => Some(self.word_template(response, path)?),
            None => None,
        };
        let logo = self.logo(response)?;
        if let (Some((_, bytes)), Some(path)) = (&logo, &authority.logo) {
            picture::inspect(bytes).map_err(|why| {
                anyhow::anyhow!("the logo `{path}` (`logo:` of {} in foi.yaml) {why}", authority.name)
            })?;
        }
        let alt = format!("{} logo", authority.name);
        let dated = response.responded.unwrap_or(response.received).0;
        let title = response.document_title.clone();
        let subject =
            format!("{} to request {} under {}", response.letter.title, response.reference, response.act.act);
        let metadata = Metadata {
            title: &title,
            subject: &subject,
            organisation: &authority.name,
            language: LANGUAGE,
            date: (
                chrono::Datelike::year(&dated),
                chrono::Datelike::month(&dated),
                chrono::Datelike::day(&dated),
            ),
            logo: logo.as_ref().map(|(_, bytes)| Logo { bytes, alt: &alt }),
            footer: Some(&response.reference),
            template: template.as_deref(),
        };
        render(&markdown, &metadata)
    }

    /// The authority's template, read from the casebook (through the loader's one reader of
    /// casebook files) and parsed; parsed again only when its bytes change, so a batch
    /// reads it once per letter but parses it once.
    fn word_template(&self, response: &Response, path: &str) -> anyhow::Result<Arc<Template>> {
        static LAST: Mutex<Option<(Vec<u8>, Arc<Template>)>> = Mutex::new(None);
        let named = format!(
            "the Word template `{path}` (`word-template:` of {} in foi.yaml)",
            response.authority.name
        );
        let files =
            self.files.as_ref().with_context(|| format!("{named}: no casebook folder to find it in"))?;
        let bytes =
            crate::load::word_template(files, path).map_err(|why| anyhow::anyhow!("{named} {why}"))?;
        let mut last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, template)) = last.as_ref().filter(|(seen, _)| *seen == bytes) {
            return Ok(Arc::clone(template));
        }
        let template = Arc::new(Template::parse(&bytes).map_err(|why| anyhow::anyhow!("{named} {why}"))?);
        *last = Some((bytes, Arc::clone(&template)));
        Ok(template)
    }
}
