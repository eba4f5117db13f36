//! `foi completions`: a shell's completion script, generated from the clap definitions.

use clap::CommandFactory;
use foi::{Warnings, write};

/// Prints the script for `shell`.
pub fn run(shell: clap_complete::Shell) -> anyhow::Result<Warnings> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut crate::cli::Cli::command(), "foi", &mut script);
    write::stdout(&script)?;
    Ok(Vec::new())
}
