//! The subcommands: from parsed arguments to the library's work, and what they print.
//!
//! Each arm turns clap's arguments into the command's options and runs it: one file per
//! command. Diagnostics go to standard error, data to standard output, both through
//! [`foi::write`], so a reader that has gone ends nothing early and panics nothing; the
//! binary turns the result into an exit code.

mod changes;
pub mod check;
mod completions;
pub mod due;
mod init;
pub mod intake;
mod man;
mod progress;
mod publish;
pub mod render;
mod schema;
mod send;
mod stats;
mod templates;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use foi::model::values::Date;
use foi::report::{Finding, Severity};
use foi::{Report, Warnings, write};

use self::check::CheckOptions;
use self::render::RenderOptions;
use crate::cli::{ChangesFormatArg, Command, StatsFormatArg, TemplatesCommand};

/// A problem with how `foi` was asked to run that the command layer itself finds (exit
/// code 2, as for a [`foi::Error`]), as opposed to a problem found in the casebook (exit
/// code 1).
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// A failure already reported to the user (a batch with failed requests, a check that did
/// not pass): exit code 1, nothing more to print.
#[derive(Debug)]
pub struct Reported;

impl std::fmt::Display for Reported {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("problems were reported")
    }
}

impl std::error::Error for Reported {}

/// What the binary knows about where it runs.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    /// The system date: the only clock read, made by the binary. `--today` overrides it.
    pub today: Date,
    /// Whether diagnostics may be coloured (`--color`, the terminal and the environment).
    pub colour: bool,
    /// `--quiet`: no progress bar and no summary lines.
    pub quiet: bool,
}

impl Terminal {
    fn today(&self, given: Option<NaiveDate>) -> Date {
        given.map_or(self.today, Date)
    }
}

/// Runs one subcommand. Returns the warnings to print; errors carry their exit code in
/// their type ([`Report`] and [`Reported`]: 1, [`UsageError`]: 2).
pub fn run(command: Command, terminal: Terminal) -> anyhow::Result<Warnings> {
    install_questionnaires(&command);
    match command {
        Command::Render { paths, format, letter, layout, include_private, output, today } => {
            let options = RenderOptions {
                paths,
                formats: format,
                letters: crate::cli::letters(&letter),
                layout: layout.map(Into::into),
                include_private,
                output,
                today: terminal.today(today),
                quiet: terminal.quiet,
            };
            if !options.is_batch() {
                return render::one(&options);
            }
            let bar = progress::Bar::new(terminal.quiet);
            let summary = render::many(&options, &bar);
            bar.finish();
            let summary = summary?;
            let (failed, line) = (summary.failed, summary.line());
            if !summary.findings.is_empty() {
                write::stderr(&Report::new(summary.findings).to_text_styled(terminal.colour));
            }
            if !terminal.quiet || failed > 0 {
                write::stderr(&format!("{line}\n"));
            }
            if summary.unwritten > 0 {
                let what = if summary.unwritten == 1 { "request's files" } else { "requests' files" };
                return Err(write::NotWritten::new(format!(
                    "{} {what} could not be written",
                    summary.unwritten
                ))
                .into());
            }
            if failed > 0 {
                return Err(Reported.into());
            }
            Ok(Vec::new())
        }
        Command::Check { casebooks, today, deny_warnings, format } => {
            let options = CheckOptions {
                casebooks: if casebooks.is_empty() { vec![".".into()] } else { casebooks },
                today: terminal.today(today),
                deny_warnings,
                format: format.into(),
                colour: terminal.colour,
            };
            let out = check::run(&options)?;
            if out.stdout {
                write::stdout(out.text.as_bytes())?;
            } else {
                write::stderr(&out.text);
            }
            if out.passed { Ok(Vec::new()) } else { Err(Reported.into()) }
        }
        Command::Schema { out } => {
            if let Some(text) = schema::run(out.as_deref())? {
                write::stdout(text.as_bytes())?;
            }
            Ok(Vec::new())
        }
        Command::Due(args) => {
            let today = terminal.today(args.today);
            due::run(&due::DueOptions::new(args, today))
        }
        Command::Publish { casebooks, output, base_url, render_unsent, today } => publish::run(
            &foi::site::PublishOptions {
                casebooks,
                out: output,
                base_url,
                render_unsent,
                today: terminal.today(today),
            },
            terminal.quiet,
        ),
        Command::Send { request, date, format, amend, today } => send::run(
            &request,
            &foi::record::SendOptions {
                date: date.map(Date),
                formats: format,
                amend,
                today: terminal.today(today),
            },
            terminal.today(today),
            terminal.quiet,
        ),
        Command::Changes { request, format, today } => {
            changes::run(&request, format == ChangesFormatArg::Json, terminal.today(today))
        }
        Command::Stats { casebooks, format, today, from, to, quarter } => {
            let period = quarter.unwrap_or(foi::site::Period { from: from.map(Date), to: to.map(Date) });
            stats::run(&casebooks, format == StatsFormatArg::Json, terminal.today(today), period)
        }
        Command::Init { dir, name, jurisdiction, email, empty } => {
            init::run(init::Asked { dir, name, jurisdiction, email, empty }, terminal.quiet)
        }
        Command::Intake(args) => intake::run(&args.into()),
        Command::Completions { shell } => completions::run(shell),
        Command::Man { out } => man::run(out.as_deref()),
        Command::Templates(TemplatesCommand::List) => {
            let root = foi::find_root(Path::new(".")).ok();
            write::stdout(templates::list(root.as_deref()).as_bytes())?;
            Ok(Vec::new())
        }
        Command::Templates(TemplatesCommand::Eject { names, to, force }) => {
            let to: PathBuf = match to {
                Some(dir) => dir,
                None => foi::find_root(Path::new("."))
                    .map_err(|err| UsageError(format!("{err:#}; or give --to DIR")))?
                    .join("templates"),
            };
            write::stdout(paths(&templates::eject(&names, &to, force)?).as_bytes())?;
            Ok(Vec::new())
        }
    }
}

/// Installs the own questionnaires of the casebooks `command` is about to open, before
/// anything reads the questionnaires: their parts and fields are then known to every file
/// read (`foi check` reports the questionnaire files themselves).
fn install_questionnaires(command: &Command) {
    let here = PathBuf::from(".");
    let paths: Vec<&Path> = match command {
        Command::Render { paths, .. } => paths.iter().map(PathBuf::as_path).collect(),
        Command::Check { casebooks, .. }
        | Command::Publish { casebooks, .. }
        | Command::Stats { casebooks, .. }
            if casebooks.is_empty() =>
        {
            vec![here.as_path()]
        }
        Command::Check { casebooks, .. }
        | Command::Publish { casebooks, .. }
        | Command::Stats { casebooks, .. } => casebooks.iter().map(PathBuf::as_path).collect(),
        Command::Intake(args) => vec![args.output.as_deref().unwrap_or(&here)],
        Command::Schema { .. } | Command::Due(_) => vec![here.as_path()],
        _ => Vec::new(),
    };
    foi::install_questionnaires(&paths);
}

/// Paths one to a line, as `foi init` and `foi templates eject` list what they wrote.
pub(crate) fn paths(paths: &[PathBuf]) -> String {
    paths.iter().map(|path| format!("{}\n", path.display())).collect()
}

/// The warnings, or every finding as a [`Report`] when any is an error.
pub(crate) fn fail_on_errors(findings: Vec<Finding>) -> anyhow::Result<Warnings> {
    if findings.iter().any(|f| f.severity == Severity::Error) {
        return Err(Report::new(findings).into());
    }
    Ok(findings)
}
