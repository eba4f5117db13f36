//! The `foi` binary: parse the command line, run the command, report, exit 0/1/2.

use std::process::ExitCode;

use clap::Parser;
use foi::cli::{Cli, Command};
use foi::{RenderOptions, Report, UsageError};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Render { request, layout, output } => {
            foi::render(&RenderOptions { request, layout: layout.map(Into::into), output })
        }
        Command::Intake(args) => foi::intake(&args.into()),
    };
    match result {
        Ok(warnings) => {
            if !warnings.is_empty() {
                eprint!("{}", Report::new(warnings).to_text());
            }
            ExitCode::SUCCESS
        }
        Err(err) if err.is::<Report>() => {
            eprint!("{err}");
            ExitCode::from(1)
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(if err.is::<UsageError>() { 2 } else { 1 })
        }
    }
}
