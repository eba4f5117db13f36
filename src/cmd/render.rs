//! `foi render`: one request to standard output or a file, or many into a folder.
//!
//! Owns what is the terminal's business: a PDF or Word document is never written to a
//! terminal, and a batch draws a progress bar there.

use std::path::PathBuf;

use anyhow::Context;

use super::UsageError;
use foi::LetterKind;
use foi::model::Layout;
use foi::model::values::Date;
use foi::{OutputFormat, Warnings, batch, render, write};

/// What `foi render` was asked to do.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Request files or folders.
    pub paths: Vec<PathBuf>,
    /// The output formats.
    pub formats: Vec<OutputFormat>,
    /// The letters: the response, or earlier stages' letters.
    pub letters: Vec<LetterKind>,
    /// Override the layout.
    pub layout: Option<Layout>,
    /// JSON only: include the requester's identity.
    pub include_private: bool,
    /// A file (one response) or a folder (a batch).
    pub output: Option<PathBuf>,
    /// Today's date: no date in the request may be later.
    pub today: Date,
    /// `--quiet`: no summary of the changes since the last answers sent.
    pub quiet: bool,
}

impl RenderOptions {
    /// Whether this is a batch: several paths, a folder, several formats, or an output
    /// that is a folder.
    pub fn is_batch(&self) -> bool {
        let folder_out = self.output.as_ref().is_some_and(|out| {
            out.is_dir() || out.as_os_str().to_string_lossy().ends_with(std::path::MAIN_SEPARATOR)
        });
        self.paths.len() > 1
            || self.paths.iter().any(|p| p.is_dir())
            || self.formats.len() > 1
            || self.letters.len() > 1
            || folder_out
    }
}

/// `foi render` of one request in one format, to standard output or a file. Returns the
/// warnings found.
///
/// The letter formats (Markdown, HTML, text, Typst, PDF, Word) are addressed to the
/// requester; JSON leaves the requester out unless asked to include them. A PDF or Word
/// document is not written to a terminal.
pub fn one(options: &RenderOptions) -> anyhow::Result<Warnings> {
    let (Some(request), [format], [kind]) =
        (options.paths.first(), options.formats.as_slice(), options.letters.as_slice())
    else {
        return Err(UsageError(
            "give one request, one format and one letter, or use -o DIR for several".into(),
        )
        .into());
    };
    let audience = format.audience(options.include_private);
    if format.is_binary() && options.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        let what = format.noun;
        return Err(
            UsageError(format!("{what} is not for the terminal: write it to a file with -o FILE")).into()
        );
    }
    let (casebook, checked, warnings) = foi::load_request(request, options.today)?;
    let mut response = foi::rules::letter(&casebook, &checked, audience, *kind)?;
    if let Some(layout) = options.layout {
        response.layout = layout;
    }
    let document = render::Renderer::new(Some(&casebook.files))
        .document(&response, *format)
        .with_context(|| format!("cannot render the {} letter of {}", response.letter, response.reference))?;
    match &options.output {
        Some(path) => write::atomic(path, document.as_bytes())?,
        None => write::stdout(document.as_bytes())?,
    }
    // What differs from the answers last sent, for the officer about to send this one.
    if !options.quiet
        && *kind == LetterKind::RESPONSE
        && !casebook.sent.is_empty()
        && let Some(summary) = foi::record::changes(&casebook, &checked)?.summary()
    {
        write::stderr(&format!("{summary} (`foi changes {}` lists them)\n", request.display()));
    }
    Ok(warnings)
}

/// `foi render` of many requests into a folder.
pub fn many(options: &RenderOptions, progress: &dyn batch::Progress) -> anyhow::Result<batch::BatchSummary> {
    let Some(out) = &options.output else {
        return Err(UsageError(
            "rendering several requests or formats needs an output folder: -o DIR".into(),
        )
        .into());
    };
    if out.is_file() {
        return Err(UsageError(format!(
            "{} is a file: -o needs a folder for several responses",
            out.display()
        ))
        .into());
    }
    batch::run(
        &batch::BatchOptions {
            paths: options.paths.clone(),
            out: out.clone(),
            formats: options.formats.clone(),
            letters: options.letters.clone(),
            layout: options.layout,
            include_private: options.include_private,
            today: options.today,
        },
        progress,
    )
}
