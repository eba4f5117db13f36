//! The `foi` binary: parse the command line, run the command, report, exit 0/1/2.

use std::process::ExitCode;

use clap::Parser;
use foi::cli::Cli;
use foi::{Report, UsageError};

fn main() -> ExitCode {
    let result = foi::commands::run(Cli::parse().command);
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
        Err(err) if err.is::<foi::BatchFailed>() => ExitCode::from(1),
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(if err.is::<UsageError>() { 2 } else { 1 })
        }
    }
}
