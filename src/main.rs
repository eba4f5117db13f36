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
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(if err.is::<UsageError>() { 2 } else { 1 })
        }
    }
}

fn run(command: Command) -> anyhow::Result<Warnings> {
    match command {
        Command::Render { request, format, layout, include_private, output } => foi::render(&RenderOptions {
            request,
            format: format.into(),
            layout: layout.map(Into::into),
            include_private,
            output,
        }),
        Command::Due(args) => foi::due(&args.into()),
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
