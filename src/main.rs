//! The `foi` binary: parse the command line, run the command, report, exit 0/1/2.

use std::process::ExitCode;

use clap::Parser;
use foi::cli::{Cli, Command, TemplatesCommand};
use foi::{RenderOptions, Report, UsageError, Warnings};

fn main() -> ExitCode {
    let result = run(Cli::parse().command);
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

fn run(command: Command) -> anyhow::Result<Warnings> {
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
                return foi::render(&options);
            }
            let bar = foi::progress::Bar::new(quiet);
            let summary = foi::render_batch(&options, &bar);
            bar.finish();
            let summary = summary?;
            let (failed, line) = (summary.failed, summary.line());
            if !summary.findings.is_empty() {
                eprint!("{}", Report::new(summary.findings).to_text());
            }
            eprintln!("{line}");
            if failed > 0 {
                return Err(foi::BatchFailed(failed).into());
            }
            Ok(Vec::new())
        }
        Command::Due(args) => foi::due(&args.into()),
        Command::Intake(args) => foi::intake(&args.into()),
        Command::Templates(TemplatesCommand::List) => {
            let root = foi::load::find_root(std::path::Path::new(".")).ok();
            print!("{}", foi::templates_list(root.as_deref()));
            Ok(Vec::new())
        }
        Command::Templates(TemplatesCommand::Eject { names, to, force }) => {
            let to = match to {
                Some(dir) => dir,
                None => foi::load::find_root(std::path::Path::new("."))
                    .map_err(|err| UsageError(format!("{err:#}; or give --to DIR")))?
                    .join("templates"),
            };
            for path in foi::templates_eject(&names, &to, force)? {
                println!("{}", path.display());
            }
            Ok(Vec::new())
        }
    }
}
