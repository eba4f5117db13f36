//! The subcommands: from parsed arguments to the library's work, and what they print.
//!
//! Each arm turns clap's arguments into the library's options and calls one function of
//! the library. Diagnostics go to standard error, data to standard output, both through
//! [`crate::write`], so a reader that has gone ends nothing early and panics nothing; the
//! binary turns the result into an exit code.

use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;
use clap::CommandFactory;

use crate::cli::{Command, StatsFormatArg, TemplatesCommand};
use crate::model::values::Date;
use crate::report::{Finding, Severity};
use crate::{CheckOptions, RenderOptions, Report, Reported, UsageError, Warnings, write};

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
    match command {
        Command::Render { paths, format, layout, include_private, output, today } => {
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
            let bar = crate::progress::Bar::new(terminal.quiet);
            let summary = crate::render_batch(&options, &bar);
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
            if terminal.quiet {
                return Ok(warnings);
            }
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
                StatsFormatArg::Text => statistics.to_text(),
                StatsFormatArg::Json => serde_json::to_string_pretty(&statistics)? + "\n",
            };
            write::stdout(text.as_bytes())?;
            Ok(warnings)
        }
        Command::Init { dir, name, jurisdiction, email, empty } => {
            // clap requires --jurisdiction with --name: never a default Act for an authority.
            let authority = match (name, jurisdiction) {
                (Some(name), Some(jurisdiction)) => {
                    Some(crate::init::NewAuthority { name, jurisdiction, email })
                }
                (Some(_), None) => {
                    return Err(UsageError("--name needs --jurisdiction foia|foisa".into()).into());
                }
                (None, _) => None,
            };
            let own = authority.is_some();
            let options = crate::init::InitOptions { dir, authority, empty };
            write::stdout(paths(&crate::init::create(&options)?).as_bytes())?;
            let git = git_init(&options.dir);
            if !terminal.quiet {
                write::stderr(&next_steps(&options.dir, own, empty, git));
            }
            Ok(Vec::new())
        }
        Command::Intake(args) => crate::intake(&args.into()),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut crate::cli::Cli::command(), "foi", &mut script);
            write::stdout(&script)?;
            Ok(Vec::new())
        }
        Command::Man { out } => {
            let pages = man_pages()?;
            match out {
                None => {
                    let (_, main) = pages.first().context("no manual page")?;
                    write::stdout(main)?;
                }
                Some(dir) => {
                    std::fs::create_dir_all(&dir)
                        .with_context(|| format!("cannot create folder {}", dir.display()))?;
                    let mut written = Vec::new();
                    for (name, page) in &pages {
                        let path = dir.join(name);
                        write::atomic(&path, page)?;
                        written.push(path);
                    }
                    write::stdout(paths(&written).as_bytes())?;
                }
            }
            Ok(Vec::new())
        }
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

/// What became of `git init` for a new casebook.
enum Git {
    /// The folder was already inside a repository.
    Inside,
    /// A repository was made.
    Made,
    /// git is not installed or failed: the user is told to run it.
    Failed,
}

/// Runs `git init` in `dir` unless it is inside a repository already: a casebook is kept
/// in git (its history is the record of what was answered and when).
fn git_init(dir: &Path) -> Git {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    if absolute.ancestors().any(|folder| folder.join(".git").exists()) {
        return Git::Inside;
    }
    let made = std::process::Command::new("git")
        .args(["init", "--quiet"])
        .arg(dir)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    if made.is_ok_and(|status| status.success()) { Git::Made } else { Git::Failed }
}

/// What to do after `foi init`, printed to standard error.
fn next_steps(dir: &Path, own: bool, empty: bool, git: Git) -> String {
    let shown = dir.display();
    let mut text = match git {
        Git::Made => format!("\nA new casebook in {shown}, with a new git repository.\n"),
        Git::Inside => format!("\nA new casebook in {shown}, inside the git repository already there.\n"),
        Git::Failed => {
            format!("\nA new casebook in {shown}. `git init` did not run: keep the casebook in git.\n")
        }
    };
    text.push_str("Next:\n");
    let mut steps: Vec<String> = Vec::new();
    if own {
        steps.push(format!(
            "Edit {}: your address, website and the FOI team's details.",
            dir.join("foi.yaml").display()
        ));
        if empty {
            steps.push(format!("Add your contracts to {}, one file each.", dir.join("contracts").display()));
        } else {
            steps.push(format!(
                "Replace the example contract in {} with your own, one file each.",
                dir.join("contracts").display()
            ));
            steps.push(format!(
                "Delete {} once you have a request of your own.",
                dir.join("requests/EXAMPLE-1.yaml").display()
            ));
        }
    } else {
        steps.push(format!("Try it: foi render {}", dir.join("requests/FOIR-467737865.yaml").display()));
        steps.push("For your own authority, start again with --name and --jurisdiction.".to_owned());
    }
    steps.push("Draft a request from a pasted text: foi intake request.txt -o requests/REF.yaml".to_owned());
    steps.push(format!("Check everything: foi check {shown}"));
    for (number, step) in steps.iter().enumerate() {
        text.push_str(&format!("  {}. {step}\n", number + 1));
    }
    text
}

/// The manual: `foi.1` first, then a page per command and subcommand (`foi-render.1`,
/// `foi-templates-list.1`), each generated from the same definitions as `--help`.
fn man_pages() -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut command = crate::cli::Cli::command();
    command.build();
    let mut pages = Vec::new();
    add_pages(&command, "foi", &mut pages)?;
    Ok(pages)
}

fn add_pages(command: &clap::Command, name: &str, pages: &mut Vec<(String, Vec<u8>)>) -> anyhow::Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone().name(name.to_owned())).render(&mut page)?;
    pages.push((format!("{name}.1"), page));
    for sub in command.get_subcommands().filter(|sub| sub.get_name() != "help" && !sub.is_hide_set()) {
        add_pages(sub, &format!("{name}-{}", sub.get_name()), pages)?;
    }
    Ok(())
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
