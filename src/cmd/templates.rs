//! `foi templates list` and `foi templates eject`.

use std::path::{Path, PathBuf};

use anyhow::Context;

use super::UsageError;
use foi::{report, templates, write};

/// `foi templates list`: each built-in template, and whether the casebook at `root` (if
/// any) has its own copy.
pub fn list(root: Option<&Path>) -> String {
    let mut out = String::new();
    for (name, _) in templates::BUILTIN {
        let own = root.and_then(|r| templates::override_path(r, name)).is_some_and(|p| p.is_file());
        out.push_str(name);
        if own {
            out.push_str("  (casebook copy in templates/)");
        }
        out.push('\n');
    }
    out
}

/// `foi templates eject`: copies built-in templates (all, or those named) into `to`, so an
/// authority can edit them. Refuses to replace existing files unless `force`. Returns the
/// paths written.
pub fn eject(names: &[String], to: &Path, force: bool) -> anyhow::Result<Vec<PathBuf>> {
    let all: Vec<&str> = templates::BUILTIN.iter().map(|(n, _)| *n).collect();
    let chosen: Vec<&(&str, &str)> = if names.is_empty() {
        templates::BUILTIN.iter().collect()
    } else {
        let mut chosen = Vec::new();
        for name in names {
            match templates::BUILTIN.iter().find(|(n, _)| n == name) {
                Some(template) => chosen.push(template),
                None => {
                    let hint = report::suggestion(name, &all).unwrap_or_default();
                    return Err(UsageError(format!("no built-in template `{name}`: {hint}")).into());
                }
            }
        }
        chosen
    };
    let existing: Vec<String> = chosen
        .iter()
        .map(|(name, _)| to.join(name))
        .filter(|path| path.exists())
        .map(|path| path.display().to_string())
        .collect();
    if !force && !existing.is_empty() {
        anyhow::bail!(
            "{} already exist{}: use --force to replace",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" }
        );
    }
    std::fs::create_dir_all(to).with_context(|| format!("cannot create folder {}", to.display()))?;
    let mut written = Vec::new();
    for (name, text) in chosen {
        let path = to.join(name);
        // Files foi names in a folder: a link or device already there is replaced, never
        // written through.
        write::replacing(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
