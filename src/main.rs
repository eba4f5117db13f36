//! The `foi` binary: parse the command line, run the command, report, exit 0/1/2/3.
//!
//! The command line is the binary's own: clap's types (`cli`), and the commands (`cmd`),
//! which turn them into the library's checked options, print, look at the terminal and
//! draw progress bars. The library does none of that.
//!
//! Everything it prints goes through `foi::write`, which survives a reader that has gone
//! (`foi schema | head`): the rest is dropped quietly and the exit code stays the command's
//! own, as ripgrep and cargo do, where `println!` would panic.

#![deny(clippy::print_stdout, clippy::print_stderr)]

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use foi::model::values::Date;
use foi::{Report, write};

use cli::Cli;
use cmd::{Reported, Terminal, UsageError};

mod cli;
mod cmd;

// mimalloc: allocation was a tenth of the batch and PDF profiles under the system allocator,
// and a batch render spends its time in many small allocations across threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    #[cfg(feature = "pdf")]
    foi::render::watchdog::on_limit_passed(pdf_limit_passed);
    let cli = Cli::parse();
    let colour = cli.color.colour(std::io::stderr().is_terminal(), |name| {
        std::env::var_os(name).map(|value| value.to_string_lossy().into_owned())
    });
    // The only clock read: the library takes `today` as a parameter.
    let terminal = Terminal { today: Date(chrono::Local::now().date_naive()), colour, quiet: cli.quiet };
    match cmd::run(cli.command, terminal) {
        Ok(warnings) => {
            if !warnings.is_empty() {
                write::stderr(&Report::new(warnings).to_text_styled(colour));
            }
            ExitCode::SUCCESS
        }
        Err(err) if err.is::<Reported>() => ExitCode::from(1),
        // Not a problem of the casebook: the disk is full, or a folder cannot be written.
        Err(err) if err.downcast_ref::<write::NotWritten>().is_some() => {
            write::stderr(&format!("error: {err:#}\n"));
            ExitCode::from(3)
        }
        Err(err) => match err.downcast_ref::<Report>() {
            Some(report) => {
                write::stderr(&report.to_text_styled(colour));
                ExitCode::from(1)
            }
            None => {
                write::stderr(&format!("error: {err:#}\n"));
                ExitCode::from(if err.is::<UsageError>() || err.is::<foi::Error>() { 2 } else { 1 })
            }
        },
    }
}

/// A PDF template ran too long or grew too large: Typst cannot be interrupted, so the
/// process ends, saying which template and which limit (files are written only after their
/// letter is made, so nothing is left half-written).
#[cfg(feature = "pdf")]
fn pdf_limit_passed(message: &str) -> ! {
    write::stderr(&format!("error: {message}\n"));
    std::process::exit(1)
}
