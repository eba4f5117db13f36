//! `foi init`: a new casebook, copied from the built-in Hastings example, so a new user
//! starts with something that renders and edits it into their own.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::{UsageError, write};

/// The example casebook built into the binary: (path, text).
pub const EXAMPLE: &[(&str, &str)] = &[
    ("foi.yaml", include_str!("../examples/hastings/foi.yaml")),
    (
        "contracts/contact-centre-software.yaml",
        include_str!("../examples/hastings/contracts/contact-centre-software.yaml"),
    ),
    ("contracts/ivr.yaml", include_str!("../examples/hastings/contracts/ivr.yaml")),
    ("requests/FOIR-467737865.yaml", include_str!("../examples/hastings/requests/FOIR-467737865.yaml")),
];

/// Writes the example casebook into `dir` (created if missing). Refuses a folder that
/// already holds a casebook, or any of the files.
pub fn init(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if dir.join(crate::load::PROFILE).exists() {
        return Err(UsageError(format!("{} already holds a casebook (foi.yaml)", dir.display())).into());
    }
    let clashes: Vec<String> = EXAMPLE
        .iter()
        .map(|(p, _)| dir.join(p))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !clashes.is_empty() {
        return Err(UsageError(format!("would overwrite {}", clashes.join(", "))).into());
    }
    let mut written = Vec::new();
    for (relative, text) in EXAMPLE {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create folder {}", parent.display()))?;
        }
        write::atomic_new(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_the_example_is_built_in() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hastings");
        let mut on_disk = Vec::new();
        for folder in ["", "contracts", "requests"] {
            for entry in std::fs::read_dir(root.join(folder)).expect("example folder") {
                let path = entry.expect("entry").path();
                if path.is_file() {
                    on_disk
                        .push(path.strip_prefix(&root).expect("inside").to_string_lossy().replace('\\', "/"));
                }
            }
        }
        on_disk.sort();
        let mut listed: Vec<String> = EXAMPLE.iter().map(|(p, _)| (*p).to_owned()).collect();
        listed.sort();
        assert_eq!(on_disk, listed);
    }
}
