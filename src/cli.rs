//! The command line: clap definitions and help text. Parsing only; the work is in the
//! library's command functions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::{Jurisdiction, Layout};
use crate::render::Format;
use crate::{DueFormat, DueOptions};

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
    /// Render the response to a request: Markdown, HTML, plain text, JSON, Typst or PDF.
    #[command(after_help = "Examples:\n  \
        foi render requests/FOIR-467737865.yaml\n  \
        foi render requests/FOIR-467737865.yaml --format html -o reply.html\n  \
        foi render requests/FOIR-467737865.yaml --format pdf -o reply.pdf\n  \
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
    /// Show when a response is due: working day 20 after the day of receipt.
    ///
    /// Day 1 is the first working day after the day the request (or its clarification)
    /// arrived, even when that day was a weekend or a holiday. FOIA skips bank holidays in
    /// any part of the UK (s.10(6)); FOISA skips Scottish ones (s.73).
    #[command(after_help = "Examples:\n  \
        foi due 2022-11-25\n  \
        foi due 2022-11-25 --explain\n  \
        foi due 2025-04-01 --jurisdiction foisa --format json\n  \
        foi due 2023-01-09 --days 40          (20 days plus a 20-day public interest extension)")]
    Due(DueArgs),
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
    /// The letter as Typst source, to adjust and compile with Typst.
    Typst,
    /// The letter as PDF on the letterhead (A4, tagged, PDF/A-2a and PDF/UA-1).
    Pdf,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Md => Format::Markdown,
            FormatArg::Html => Format::Html,
            FormatArg::Txt => Format::Text,
            FormatArg::Json => Format::Json,
            FormatArg::Typst => Format::Typst,
            FormatArg::Pdf => Format::Pdf,
        }
    }
}

/// The arguments of `foi due`.
#[derive(Debug, Args)]
pub struct DueArgs {
    /// The day the request (or the clarification asked for under s.1(3)) was received,
    /// YYYY-MM-DD.
    date: String,
    /// Whose working days to count: `foia` (UK-wide bank holidays) or `foisa`
    /// (Scottish bank holidays).
    #[arg(long, value_enum, default_value_t = JurisdictionArg::Foia)]
    jurisdiction: JurisdictionArg,
    /// Working days to count, e.g. 40 for a review or with an extension.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=365))]
    days: u32,
    /// List every day of the count: each working day by number, and each skipped day with
    /// the reason it is not a working day.
    #[arg(long)]
    explain: bool,
    /// Output: `text` (the due date first) or `json`.
    #[arg(long, value_enum, default_value_t = DueFormatArg::Text)]
    format: DueFormatArg,
}

impl From<DueArgs> for DueOptions {
    fn from(args: DueArgs) -> Self {
        DueOptions {
            date: args.date,
            jurisdiction: args.jurisdiction.into(),
            days: args.days,
            explain: args.explain,
            format: args.format.into(),
        }
    }
}

/// The Acts, as spelled on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum JurisdictionArg {
    /// Freedom of Information Act 2000 (England, Wales, Northern Ireland, UK-wide bodies).
    Foia,
    /// Freedom of Information (Scotland) Act 2002.
    Foisa,
}

impl From<JurisdictionArg> for Jurisdiction {
    fn from(arg: JurisdictionArg) -> Self {
        match arg {
            JurisdictionArg::Foia => Jurisdiction::Foia,
            JurisdictionArg::Foisa => Jurisdiction::Foisa,
        }
    }
}

/// Output formats of `foi due`, as spelled on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DueFormatArg {
    /// The due date first, then notes; with `--explain`, the count day by day.
    Text,
    /// The whole count as JSON (see the README for its shape).
    Json,
}

impl From<DueFormatArg> for DueFormat {
    fn from(arg: DueFormatArg) -> Self {
        match arg {
            DueFormatArg::Text => DueFormat::Text,
            DueFormatArg::Json => DueFormat::Json,
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
