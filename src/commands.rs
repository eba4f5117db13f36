//! The subcommands: from parsed arguments to the library's work, and what they print.
//!
//! Each arm turns clap's arguments into the library's options and calls one function of
//! the library. Diagnostics go to standard error, data to standard output; the binary
//! turns the result into an exit code.

use std::path::Path;

use crate::cli::{Command, TemplatesCommand};
use crate::{BatchFailed, RenderOptions, Report, UsageError, Warnings};

/// Runs one subcommand. Returns the warnings to print; errors carry their exit code in
/// their type ([`Report`] and [`BatchFailed`]: 1, [`UsageError`]: 2).
pub fn run(command: Command) -> anyhow::Result<Warnings> {
    match command {
        Command::Render { paths, format, layout, include_private, output, quiet } => {
            let options = RenderOptions {
                paths,
                formats: format.into_iter().map(Into::into).collect(),
                layout: layout.map(Into::into),
                include_private,
                output,
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
                eprint!("{}", Report::new(summary.findings).to_text());
            }
            eprintln!("{line}");
            if failed > 0 {
                return Err(BatchFailed(failed).into());
            }
            Ok(Vec::new())
        }
        Command::Due(args) => crate::due(&args.into()),
        Command::Publish { casebooks, output, base_url } => {
            let summary =
                crate::site::publish(&crate::site::PublishOptions { casebooks, out: output, base_url })?;
            let (errors, warnings): (Vec<_>, Vec<_>) =
                summary.findings.into_iter().partition(|f| f.severity == crate::report::Severity::Error);
            if !errors.is_empty() {
                return Err(Report::new(errors.into_iter().chain(warnings).collect()).into());
            }
            eprintln!(
                "published {} response{}: {} file{} written, {} removed",
                summary.published,
                if summary.published == 1 { "" } else { "s" },
                summary.written,
                if summary.written == 1 { "" } else { "s" },
                summary.removed
            );
            Ok(warnings)
        }
        Command::Stats { casebooks, format } => {
            let (statistics, findings) = crate::site::statistics(&casebooks)?;
            let (errors, warnings): (Vec<_>, Vec<_>) =
                findings.into_iter().partition(|f| f.severity == crate::report::Severity::Error);
            if !errors.is_empty() {
                return Err(Report::new(errors.into_iter().chain(warnings).collect()).into());
            }
            let text = match format {
                crate::cli::DueFormatArg::Text => statistics.to_text(),
                crate::cli::DueFormatArg::Json => serde_json::to_string_pretty(&statistics)? + "\n",
            };
            crate::write::stdout(text.as_bytes())?;
            Ok(warnings)
        }
        Command::Init { dir } => {
            for path in crate::init::init(&dir)? {
                println!("{}", path.display());
            }
            Ok(Vec::new())
        }
        Command::Intake(args) => crate::intake(&args.into()),
        Command::Templates(TemplatesCommand::List) => {
            let root = crate::load::find_root(Path::new(".")).ok();
            print!("{}", crate::templates_list(root.as_deref()));
            Ok(Vec::new())
        }
        Command::Templates(TemplatesCommand::Eject { names, to, force }) => {
            let to = match to {
                Some(dir) => dir,
                None => crate::load::find_root(Path::new("."))
                    .map_err(|err| UsageError(format!("{err:#}; or give --to DIR")))?
                    .join("templates"),
            };
            for path in crate::templates_eject(&names, &to, force)? {
                println!("{}", path.display());
            }
            Ok(Vec::new())
        }
    }
}
