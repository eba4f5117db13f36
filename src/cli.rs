//! The command line: clap definitions and help text. Parsing only; the work is in the
//! library's command functions.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::Layout;
use crate::{IntakeFormat, IntakeOptions};

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
    /// Render the response to a request as Markdown.
    #[command(after_help = "Examples:\n  \
        foi render requests/FOIR-467737865.yaml\n  \
        foi render requests/CAS-84648.yaml --layout annex -o response.md")]
    Render {
        /// The request file (inside a casebook: a folder above it holds foi.yaml).
        request: PathBuf,
        /// Layout: `inline` (answers under each question, refusal notice at the end) or
        /// `annex` (one annex section per exemption). Default: the request's or authority's.
        #[arg(long, value_enum)]
        layout: Option<LayoutArg>,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Turn a pasted request into a request file, its questions mapped to the questionnaire.
    #[command(after_help = "Matches below confidence 0.60 are marked REVIEW in the draft, with the id \
        commented out: the draft does not render until the officer confirms them.\n\n\
        Examples:\n  \
        foi intake request.txt\n  \
        foi intake request.txt -o requests/FOI-123.yaml --reference FOI-123\n  \
        foi intake - --format json < request.txt")]
    Intake(IntakeArgs),
}

/// Arguments of `foi intake`.
#[derive(Debug, Args)]
pub struct IntakeArgs {
    /// The request as plain UTF-8 text (as pasted from the email), or `-` to read standard input.
    pub input: PathBuf,
    /// `yaml`: a request-file draft; `json`: the questions found, for other tools.
    #[arg(long, value_enum, default_value_t = FormatArg::Yaml)]
    pub format: FormatArg,
    /// Write to this file (atomically) instead of standard output. The casebook above it
    /// suggests contracts for each part.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists; without it, intake never overwrites a file.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Our reference for the request, written into the draft.
    #[arg(long, value_name = "REF", value_parser = reference)]
    pub reference: Option<String>,
    /// The date the request was received, written into the draft.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub received: Option<NaiveDate>,
}

/// Output formats of `foi intake`, as spelled on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// A request-file draft with comments for the officer.
    Yaml,
    /// `{"questions": [...]}`.
    Json,
}

impl From<IntakeArgs> for IntakeOptions {
    fn from(args: IntakeArgs) -> Self {
        IntakeOptions {
            input: args.input,
            format: match args.format {
                FormatArg::Yaml => IntakeFormat::Yaml,
                FormatArg::Json => IntakeFormat::Json,
            },
            output: args.output,
            force: args.force,
            reference: args.reference,
            received: args.received,
        }
    }
}

fn reference(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() || text.chars().any(char::is_control) {
        return Err("a reference is one line of text, e.g. FOI-2024-0123".into());
    }
    Ok(text.to_owned())
}

fn date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date: write YYYY-MM-DD, e.g. 2024-01-10"))
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
