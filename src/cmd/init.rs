//! `foi init`: a new casebook, for the user's own authority or the built-in example; lists
//! the files written, runs `git init` outside a repository, and says what to do next.

use std::path::{Path, PathBuf};

use foi::init::{InitOptions, NewAuthority};
use foi::model::Jurisdiction;
use foi::{Warnings, write};

use super::UsageError;

/// What the command line asked `foi init` for.
pub struct Asked {
    /// Where to create the casebook.
    pub dir: PathBuf,
    /// `--name`.
    pub name: Option<String>,
    /// `--jurisdiction`.
    pub jurisdiction: Option<Jurisdiction>,
    /// `--email`.
    pub email: Option<String>,
    /// `--empty`.
    pub empty: bool,
}

/// Starts the casebook; the next steps go to standard error unless `quiet`.
pub fn run(asked: Asked, quiet: bool) -> anyhow::Result<Warnings> {
    // clap requires --jurisdiction with --name: never a default Act for an authority.
    let authority = match (asked.name, asked.jurisdiction) {
        (Some(name), Some(jurisdiction)) => Some(NewAuthority { name, jurisdiction, email: asked.email }),
        (Some(_), None) => return Err(UsageError("--name needs --jurisdiction foia|foisa".into()).into()),
        (None, _) => None,
    };
    let own = authority.is_some();
    let options = InitOptions { dir: asked.dir, authority, empty: asked.empty };
    write::stdout(super::paths(&foi::init::create(&options)?).as_bytes())?;
    let git = git_init(&options.dir);
    if !quiet {
        write::stderr(&next_steps(&options.dir, own, options.empty, git));
    }
    Ok(Vec::new())
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
