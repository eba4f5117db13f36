//! The command line: clap definitions and help text. Parsing only; the work is in the
//! library's command functions.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::model::Layout;
use crate::render::Format;

/// Answer UK Freedom of Information round-robin requests from a casebook of facts.
#[derive(Debug, Parser)]
#[command(name = "foi", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render the response to a request: Markdown, HTML, plain text or JSON.
    #[command(after_help = "Examples:\n  \
        foi render requests/FOIR-467737865.yaml\n  \
        foi render requests/FOIR-467737865.yaml --format html -o reply.html\n  \
        foi render requests/CAS-84648.yaml --format txt --layout annex\n  \
        foi render requests/CAS-84648.yaml --format json")]
    Render {
        /// The request file (inside a casebook: a folder above it holds foi.yaml).
        request: PathBuf,
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = FormatArg::Md)]
        format: FormatArg,
        /// Layout: `inline` (answers under each question, refusal notice at the end) or
        /// `annex` (one annex section per exemption). Default: the request's or authority's.
        #[arg(long, value_enum)]
        layout: Option<LayoutArg>,
        /// JSON only: include the requester's name, email and address.
        #[arg(long)]
        include_private: bool,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List or copy out the built-in templates.
    #[command(subcommand)]
    Templates(TemplatesCommand),
}

/// `foi templates …`
#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// List the built-in templates, marking those the casebook has its own copy of.
    List,
    /// Copy built-in templates into the casebook's templates/ folder to edit them; the
    /// casebook's copy then replaces the built-in one, file by file.
    #[command(after_help = "Examples:\n  \
        foi templates eject                 copy every template into ./templates of this casebook\n  \
        foi templates eject letter.md       only the letter frame (letterhead, greeting, signature)\n  \
        foi templates eject --to /tmp/t     anywhere else")]
    Eject {
        /// Templates to copy (default: all of them).
        names: Vec<String>,
        /// Copy into this folder instead of the casebook's templates/.
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
        /// Replace files that already exist.
        #[arg(long)]
        force: bool,
    },
}

/// Output formats, as spelled on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Markdown.
    Md,
    /// A standalone HTML page.
    Html,
    /// Plain text wrapped at 72 columns, for email.
    Txt,
    /// The resolved response as JSON.
    Json,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Md => Format::Markdown,
            FormatArg::Html => Format::Html,
            FormatArg::Txt => Format::Text,
            FormatArg::Json => Format::Json,
        }
    }
}

/// Layouts, as spelled on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// Answers under each question; refusal notice at the end.
    Inline,
    /// Short answers; one explanatory annex section per exemption.
    Annex,
}

impl From<LayoutArg> for Layout {
    fn from(arg: LayoutArg) -> Self {
        match arg {
            LayoutArg::Inline => Layout::Inline,
            LayoutArg::Annex => Layout::Annex,
        }
    }
}
