//! `foi check` over a whole casebook: every file read, every rule run, every finding kept.
//!
//! The pipeline is [`crate::open()`]'s, the one every command runs; this module gives its
//! report with what was checked, and shows the casebook's folder as the user knows it.

use std::path::{Path, PathBuf};

use crate::load::Files;
use crate::model::values::Date;
use crate::report::Report;

pub use crate::open::FileCounts;

/// A casebook checked from end to end.
#[derive(Debug)]
pub struct Checked {
    /// Every finding, sorted by file and line.
    pub report: Report,
    /// What was checked.
    pub files: FileCounts,
}

/// Checks every file of the casebook at `root`, as at `today`.
pub fn casebook(root: &Path, today: Date) -> Checked {
    let opened = crate::open::open(&Files::disk(root.to_path_buf()), today);
    Checked { report: opened.report, files: opened.counts }
}

/// `root` as the user should see it: relative to the current folder (`.`, `examples/x`,
/// `..`), or absolute when the current folder is unknown.
pub fn shown_root(root: &Path) -> PathBuf {
    match std::env::current_dir().and_then(std::fs::canonicalize) {
        Ok(here) => relative_to(root, &here),
        Err(_) => root.to_path_buf(),
    }
}

/// `root` as a diagnostic shows it, the way compilers show paths: relative to the current
/// folder when inside it (`.`, `examples/x`), else absolute, so it can be copied from the
/// terminal whatever folder the command ran in.
pub fn shown_folder(root: &Path) -> PathBuf {
    match std::env::current_dir().and_then(std::fs::canonicalize) {
        Ok(here) => inside(root, &here),
        Err(_) => root.to_path_buf(),
    }
}

/// `path` relative to `from` when inside it, else `path` itself (both absolute).
fn inside(path: &Path, from: &Path) -> PathBuf {
    match path.strip_prefix(from) {
        Ok(relative) if relative.as_os_str().is_empty() => PathBuf::from("."),
        Ok(relative) => relative.to_path_buf(),
        Err(_) => path.to_path_buf(),
    }
}

/// `path` relative to the folder `from` (both absolute), climbing with `..` as needed.
fn relative_to(path: &Path, from: &Path) -> PathBuf {
    let path: Vec<_> = path.components().collect();
    let from: Vec<_> = from.components().collect();
    let common = path.iter().zip(&from).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return path.iter().collect();
    }
    let mut relative: PathBuf = from[common..].iter().map(|_| "..").collect();
    relative.extend(&path[common..]);
    if relative.as_os_str().is_empty() { PathBuf::from(".") } else { relative }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostics_show_folders_inside_the_current_one_relative_and_others_absolute() {
        let cases = [
            ("/r/book", "/r/book", "."),
            ("/r/book", "/r", "book"),
            ("/r/book", "/r/book/requests", "/r/book"),
            ("/r/other", "/r/book", "/r/other"),
        ];
        for (path, from, shown) in cases {
            assert_eq!(inside(Path::new(path), Path::new(from)), PathBuf::from(shown), "{path} from {from}");
        }
    }

    #[test]
    fn roots_are_shown_relative_to_the_current_folder() {
        let cases = [
            ("/r/book", "/r/book", "."),
            ("/r/book", "/r", "book"),
            ("/r/book", "/r/book/requests", ".."),
            ("/r/other", "/r/book", "../other"),
            ("/r/a/b", "/r/c/d", "../../a/b"),
        ];
        for (path, from, shown) in cases {
            assert_eq!(
                relative_to(Path::new(path), Path::new(from)),
                PathBuf::from(shown),
                "{path} from {from}"
            );
        }
    }
}
