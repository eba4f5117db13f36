//! `foi man`: the manual, generated from the same clap definitions as `--help`.

use std::path::Path;

use anyhow::Context;
use clap::CommandFactory;
use foi::{Warnings, write};

/// Prints `foi.1`, or writes every page into `out`.
pub fn run(out: Option<&Path>) -> anyhow::Result<Warnings> {
    let pages = man_pages()?;
    match out {
        None => {
            let (_, main) = pages.first().context("no manual page")?;
            write::stdout(main)?;
        }
        Some(dir) => {
            write::folder(dir)?;
            let mut written = Vec::new();
            for (name, page) in &pages {
                let path = dir.join(name);
                write::atomic(&path, page)?;
                written.push(path);
            }
            write::stdout(super::paths(&written).as_bytes())?;
        }
    }
    Ok(Vec::new())
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
