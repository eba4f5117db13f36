//! `foi init`: a new casebook, copied from the built-in Hastings example, so a new user
//! starts with something that renders and edits it into their own. The casebook gets its
//! own copy of the JSON Schemas in `schemas/`, and each file's editor line points there.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::{Error, write};

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
        return Err(Error::Unusable(format!("{} already holds a casebook (foi.yaml)", dir.display())).into());
    }
    let clashes: Vec<String> = EXAMPLE
        .iter()
        .map(|(p, _)| dir.join(p))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !clashes.is_empty() {
        return Err(Error::Unusable(format!("would overwrite {}", clashes.join(", "))).into());
    }
    let mut written = Vec::new();
    for (relative, text) in EXAMPLE {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create folder {}", parent.display()))?;
        }
        write::atomic_new(&path, with_local_schema(relative, text).as_bytes())?;
        written.push(path);
    }
    let schemas = dir.join("schemas");
    std::fs::create_dir_all(&schemas)
        .with_context(|| format!("cannot create folder {}", schemas.display()))?;
    for kind in crate::schema::FileKind::ALL {
        let path = schemas.join(kind.file_name());
        write::atomic(&path, kind.text().as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// The file with its `yaml-language-server` line pointing at the new casebook's
/// `schemas/` folder instead of the examples' shared one.
fn with_local_schema(relative: &str, text: &str) -> String {
    let up = if relative.contains('/') { "../" } else { "" };
    let mut lines = text.splitn(2, '\n');
    match (lines.next(), lines.next()) {
        (Some(first), Some(rest)) if first.starts_with("# yaml-language-server: $schema=") => {
            let name = first.rsplit('/').next().unwrap_or_default();
            format!("# yaml-language-server: $schema={up}schemas/{name}\n{rest}")
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_lines_point_at_the_casebooks_own_schemas() {
        let foi = with_local_schema(
            "foi.yaml",
            "# yaml-language-server: $schema=../schemas/foi.schema.json\nx: 1\n",
        );
        assert_eq!(foi, "# yaml-language-server: $schema=schemas/foi.schema.json\nx: 1\n");
        let ivr = with_local_schema(
            "contracts/ivr.yaml",
            "# yaml-language-server: $schema=../../schemas/contract.schema.json\npart: x\n",
        );
        assert_eq!(ivr, "# yaml-language-server: $schema=../schemas/contract.schema.json\npart: x\n");
        assert_eq!(with_local_schema("foi.yaml", "plain: yes\n"), "plain: yes\n");
    }

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
