//! The `foi` binary: parse the command line, run the command, report, exit 0/1/2.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use foi::cli::{Cli, Command};
use foi::model::values::Date;
use foi::{CheckOptions, RenderOptions, Report, UsageError};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The only clock read: the library takes `today` as a parameter.
    let today =
        |given: Option<chrono::NaiveDate>| Date(given.unwrap_or_else(|| chrono::Local::now().date_naive()));
    // Colour only for a person at a terminal who has not asked for none (https://no-color.org).
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let result = match cli.command {
        Command::Render { request, layout, output, today: day } => {
            let options =
                RenderOptions { request, layout: layout.map(Into::into), output, today: today(day) };
            foi::render(&options).map(|warnings| {
                if !warnings.is_empty() {
                    eprint!("{}", Report::new(warnings).to_text_styled(colour));
                }
                true
            })
        }
        Command::Check { casebook, today: day, deny_warnings, format } => {
            let casebook = casebook.unwrap_or_else(|| ".".into());
            let options =
                CheckOptions { casebook, today: today(day), deny_warnings, format: format.into(), colour };
            foi::check(&options).and_then(|out| {
                if out.stdout {
                    foi::write::stdout(out.text.as_bytes())?;
                } else {
                    let _ = std::io::stderr().write_all(out.text.as_bytes());
                }
                Ok(out.passed)
            })
        }
        Command::Schema { out } => foi::schema(out.as_deref())
            .and_then(|text| text.map_or(Ok(()), |text| foi::write::stdout(text.as_bytes())).map(|()| true)),
    };
    match result {
        Ok(passed) => ExitCode::from(if passed { 0 } else { 1 }),
        Err(err) => match err.downcast_ref::<Report>() {
            Some(report) => {
                eprint!("{}", report.to_text_styled(colour));
                ExitCode::from(1)
            }
            None => {
                eprintln!("error: {err:#}");
                ExitCode::from(if err.is::<UsageError>() { 2 } else { 1 })
            }
        },
    }
}
