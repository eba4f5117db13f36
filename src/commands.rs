//! The subcommands: from parsed arguments to the library's work, and what they print.
//!
//! Each arm turns clap's arguments into the library's options and calls one function of
//! the library. Diagnostics go to standard error, data to standard output, both through
//! [`crate::write`], so a reader that has gone ends nothing early and panics nothing; the
//! binary turns the result into an exit code.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::cli::{Command, DueFormatArg, TemplatesCommand};
use crate::model::values::Date;
use crate::report::{Finding, Severity};
use crate::{CheckOptions, RenderOptions, Report, Reported, UsageError, Warnings, write};

/// What the binary knows about where it runs.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    /// The system date: the only clock read, made by the binary. `--today` overrides it.
    pub today: Date,
    /// Whether diagnostics may be coloured (standard error is a terminal, `NO_COLOR` unset).
    pub colour: bool,
}

impl Terminal {
    fn today(&self, given: Option<NaiveDate>) -> Date {
        given.map_or(self.today, Date)
    }
}

/// Runs one subcommand. Returns the warnings to print; errors carry their exit code in
/// their type ([`Report`] and [`Reported`]: 1, [`UsageError`]: 2).
pub fn run(command: Command, terminal: Terminal) -> anyhow::Result<Warnings> {
    match command {
        Command::Render { paths, format, layout, include_private, output, quiet, today } => {
            let options = RenderOptions {
                paths,
                formats: format,
                layout: layout.map(Into::into),
                include_private,
                output,
                today: terminal.today(today),
            };
            if !options.is_batch() {
                return crate::render(&options);
            }
            let bar = crate::progress::Bar::new(quiet);
            let summary = crate::render_batch(&options, &bar);
            bar.finish();
            let summary = summary?;
            let (failed, line) = (summary.failed, summary.line());
            if !summary.findings.is_empty() {
                write::stderr(&Report::new(summary.findings).to_text_styled(terminal.colour));
            }
            write::stderr(&format!("{line}\n"));
            if failed > 0 {
                return Err(Reported.into());
            }
            Ok(Vec::new())
        }
        Command::Check { casebook, today, deny_warnings, format } => {
            let options = CheckOptions {
                casebook: casebook.unwrap_or_else(|| ".".into()),
                today: terminal.today(today),
                deny_warnings,
                format: format.into(),
                colour: terminal.colour,
            };
            let out = crate::check(&options)?;
            if out.stdout {
                write::stdout(out.text.as_bytes())?;
            } else {
                write::stderr(&out.text);
            }
            if out.passed { Ok(Vec::new()) } else { Err(Reported.into()) }
        }
        Command::Schema { out } => {
            if let Some(text) = crate::schema(out.as_deref())? {
                write::stdout(text.as_bytes())?;
            }
            Ok(Vec::new())
        }
        Command::Due(args) => crate::due(&args.into()),
        Command::Publish { casebooks, output, base_url, today } => {
            let options = crate::site::PublishOptions {
                casebooks,
                out: output,
                base_url,
                today: terminal.today(today),
            };
            let summary = crate::site::publish(&options)?;
            let warnings = fail_on_errors(summary.findings)?;
            write::stderr(&format!(
                "published {} response{}: {} file{} written, {} removed\n",
                summary.published,
                if summary.published == 1 { "" } else { "s" },
                summary.written,
                if summary.written == 1 { "" } else { "s" },
                summary.removed
            ));
            Ok(warnings)
        }
        Command::Stats { casebooks, format, today } => {
            let (statistics, findings) = crate::site::statistics(&casebooks, terminal.today(today))?;
            let warnings = fail_on_errors(findings)?;
            let text = match format {
                DueFormatArg::Text => statistics.to_text(),
                DueFormatArg::Json => serde_json::to_string_pretty(&statistics)? + "\n",
            };
            write::stdout(text.as_bytes())?;
            Ok(warnings)
        }
        Command::Init { dir } => {
            write::stdout(paths(&crate::init::init(&dir)?).as_bytes())?;
            Ok(Vec::new())
        }
        Command::Intake(args) => crate::intake(&args.into()),
        Command::Templates(TemplatesCommand::List) => {
            let root = crate::load::find_root(Path::new(".")).ok();
            write::stdout(crate::templates_list(root.as_deref()).as_bytes())?;
            Ok(Vec::new())
        }
        Command::Templates(TemplatesCommand::Eject { names, to, force }) => {
            let to: PathBuf = match to {
                Some(dir) => dir,
                None => crate::load::find_root(Path::new("."))
                    .map_err(|err| UsageError(format!("{err:#}; or give --to DIR")))?
                    .join("templates"),
            };
            write::stdout(paths(&crate::templates_eject(&names, &to, force)?).as_bytes())?;
            Ok(Vec::new())
        }
    }
}

/// Paths one to a line, as `foi init` and `foi templates eject` list what they wrote.
fn paths(paths: &[PathBuf]) -> String {
    paths.iter().map(|path| format!("{}\n", path.display())).collect()
}

/// The warnings, or every finding as a [`Report`] when any is an error.
fn fail_on_errors(findings: Vec<Finding>) -> anyhow::Result<Warnings> {
    if findings.iter().any(|f| f.severity == Severity::Error) {
        return Err(Report::new(findings).into());
    }
    Ok(findings)
}
