//! The command line: clap definitions and help text. Parsing only; the work is in the
//! library's command functions.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::model::Layout;

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
