//! The command line: clap definitions and help text. Parsing only; the work is in the
//! library's command functions.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::model::Layout;
use crate::report::Format;

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
        /// Today's date, for the check that no date in the request is later. Default: the
        /// system date.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        today: Option<NaiveDate>,
    },
    /// Check every file of a casebook and report every problem found, with its file, line
    /// and column, the field, and a hint.
    #[command(after_help = "Exit status: 0 no errors (warnings alone pass), 1 errors (or warnings, \
        with --deny-warnings), 2 usage problems.\n\n\
        Examples:\n  \
        foi check\n  \
        foi check examples/hastings --today 2024-01-31\n  \
        foi check --deny-warnings --format github")]
    Check {
        /// The casebook's folder. Default: the casebook containing the current folder.
        #[arg(value_name = "CASEBOOK_DIR")]
        casebook: Option<PathBuf>,
        /// Today's date: requests dated later are errors. Default: the system date.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        today: Option<NaiveDate>,
        /// Fail (exit 1) on warnings as well as errors.
        #[arg(long)]
        deny_warnings: bool,
        /// `text` for people (on standard error), `json` for programs or `github` for
        /// GitHub Actions annotations (both on standard output).
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
    },
    /// Write the JSON Schema of foi.yaml, contract, request and exemption files, for editors.
    #[command(after_help = "Examples:\n  \
        foi schema --out schemas\n  \
        foi schema > schemas.json")]
    Schema {
        /// Write one `*.schema.json` file per kind of file into this folder (created if
        /// missing). Default: print them all as one JSON document keyed by file name.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

/// Output formats of `foi check`, as spelled on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// For people, like a compiler's messages.
    Text,
    /// One JSON document.
    Json,
    /// GitHub Actions workflow commands.
    Github,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
            FormatArg::Github => Format::Github,
        }
    }
}

/// Parses a `--today` date.
fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date: write YYYY-MM-DD"))
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
