//! `foi init`: a new casebook. Either the built-in Hastings example, complete, to try the
//! tool on (`foi init DIR`), or a casebook for the user's own authority (`foi init DIR
//! --name … --jurisdiction …`): its profile filled from the options, with one example
//! contract and request marked plainly as examples to replace (none with `--empty`). The
//! casebook gets its own copy of the JSON Schemas in `schemas/`, and each file's editor
//! line points there.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::error::Error;
use crate::model::Jurisdiction;
use crate::write;

/// What `foi init` is asked to make.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// Where to create the casebook (created if missing).
    pub dir: PathBuf,
    /// The user's own authority; `None` copies the Hastings example.
    pub authority: Option<NewAuthority>,
    /// With an authority: no example contract or request, only the profile and the folders.
    pub empty: bool,
}

/// The facts of a new authority given on the command line.
#[derive(Debug, Clone)]
pub struct NewAuthority {
    /// Its name, as every letter will print it.
    pub name: String,
    /// The Act it answers under.
    pub jurisdiction: Jurisdiction,
    /// The FOI team's email; `None` writes a placeholder that `foi check` warns about.
    pub email: Option<String>,
}

/// The placeholder address written when no `--email` is given: `.invalid` is reserved
/// (RFC 2606), so it can never reach anyone, and `foi check` names it.
pub const PLACEHOLDER_EMAIL: &str = "foi@example.invalid";

/// The files of a new authority's casebook, before its facts are filled in.
const NEW_PROFILE: &str = include_str!("data/init/foi.yaml");
const NEW_CONTRACT: (&str, &str) =
    ("contracts/example-contact-centre.yaml", include_str!("data/init/contact-centre.yaml"));
const NEW_REQUEST: (&str, &str) = ("requests/EXAMPLE-1.yaml", include_str!("data/init/request.yaml"));

/// The example contract withholds under the FOIA's commercial-interests exemption; under
/// another Act it takes that Act's counterpart, as the exemption library records it.
const EXAMPLE_EXEMPTION: &str = "s43-2";

/// A name longer than this is not an authority's name (the longest UK public body's is
/// well under 150 characters).
const MAX_NAME: usize = 200;

/// Makes the casebook `options` asks for. Returns the files written, in order.
pub fn create(options: &InitOptions) -> anyhow::Result<Vec<PathBuf>> {
    let files: Vec<(String, String)> = match &options.authority {
        None => {
            EXAMPLE.iter().map(|(path, text)| ((*path).to_owned(), with_local_schema(path, text))).collect()
        }
        Some(authority) => new_authority(authority, options.empty)?,
    };
    let mut written = write_new(&options.dir, &files)?;
    if options.empty {
        for folder in ["contracts", "requests"] {
            let path = options.dir.join(folder);
            std::fs::create_dir_all(&path)
                .with_context(|| format!("cannot create folder {}", path.display()))?;
        }
    }
    written.extend(write_schemas(&options.dir)?);
    Ok(written)
}

/// The profile, and unless `empty` the example contract and request, for `authority`.
fn new_authority(authority: &NewAuthority, empty: bool) -> anyhow::Result<Vec<(String, String)>> {
    let name = authority.name.trim();
    // What the loader would refuse in a casebook, and the line separators YAML counts as
    // line ends, would leave a profile that does not load.
    let unfit = |c: char| {
        !crate::load::characters::allowed_in_casebook(c)
            || c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
    };
    if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(unfit) {
        return Err(Error::Unusable(format!(
            "--name must be the authority's name on one line, at most {MAX_NAME} characters"
        ))
        .into());
    }
    let email = authority.email.as_deref().map(str::trim).unwrap_or(PLACEHOLDER_EMAIL);
    let looks_like_email = email.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
    });
    if !looks_like_email || email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(
            Error::Unusable("--email must be an email address, such as foi@example.gov.uk".into()).into()
        );
    }
    let act = authority.jurisdiction.as_str();
    // JSON's quoted strings are YAML's too: a name holding `:` or `#` stays one string.
    let quoted = |text: &str| serde_json::to_string(text).unwrap_or_default();
    let fill = |text: &str| {
        text.replace("{name}", &quoted(name))
            .replace("{jurisdiction}", act)
            .replace("{email}", &quoted(email))
    };
    let mut files = vec![("foi.yaml".to_owned(), fill(NEW_PROFILE))];
    if !empty {
        let commercial = commercial_exemption(authority.jurisdiction)?;
        for (path, text) in [NEW_CONTRACT, NEW_REQUEST] {
            files.push((
                path.to_owned(),
                with_local_schema(path, &fill(text).replace("{commercial}", &commercial)),
            ));
        }
    }
    Ok(files)
}

/// The id of the commercial-interests exemption under `act`.
fn commercial_exemption(act: Jurisdiction) -> anyhow::Result<String> {
    let (library, _) = crate::load::exemptions::library(None);
    if library.get(act, EXAMPLE_EXEMPTION).is_some() {
        return Ok(EXAMPLE_EXEMPTION.to_owned());
    }
    library
        .all()
        .find(|exemption| exemption.id == EXAMPLE_EXEMPTION)
        .and_then(|exemption| exemption.counterpart.clone())
        .filter(|id| library.get(act, id).is_some())
        .ok_or_else(|| {
            anyhow::anyhow!("no commercial-interests exemption under {}: give --empty", act.as_str())
        })
}

/// The example casebook built into the binary: (path, text).
pub const EXAMPLE: &[(&str, &str)] = &[
    ("foi.yaml", include_str!("../examples/hastings/foi.yaml")),
    (
        "contracts/contact-centre-software.yaml",
        include_str!("../examples/hastings/contracts/contact-centre-software.yaml"),
    ),
    ("contracts/ivr.yaml", include_str!("../examples/hastings/contracts/ivr.yaml")),
    ("requests/FOIR-467737865.yaml", include_str!("../examples/hastings/requests/FOIR-467737865.yaml")),
    ("requests/FOIR-469102254.yaml", include_str!("../examples/hastings/requests/FOIR-469102254.yaml")),
    // What was sent, as `foi send` recorded it: FOIR-469102254 answers from the first.
    ("sent/FOIR-467737865/1/letter.md", include_str!("../examples/hastings/sent/FOIR-467737865/1/letter.md")),
    ("sent/FOIR-467737865/1/public.md", include_str!("../examples/hastings/sent/FOIR-467737865/1/public.md")),
    (
        "sent/FOIR-467737865/1/response.json",
        include_str!("../examples/hastings/sent/FOIR-467737865/1/response.json"),
    ),
    ("sent/FOIR-469102254/1/letter.md", include_str!("../examples/hastings/sent/FOIR-469102254/1/letter.md")),
    ("sent/FOIR-469102254/1/public.md", include_str!("../examples/hastings/sent/FOIR-469102254/1/public.md")),
    (
        "sent/FOIR-469102254/1/response.json",
        include_str!("../examples/hastings/sent/FOIR-469102254/1/response.json"),
    ),
];

/// Writes `files` into `dir` (created if missing). Refuses a folder that already holds a
/// casebook, or any of the files, before writing anything.
fn write_new(dir: &Path, files: &[(String, String)]) -> anyhow::Result<Vec<PathBuf>> {
    if dir.join(crate::load::PROFILE).exists() {
        return Err(Error::Unusable(format!("{} already holds a casebook (foi.yaml)", dir.display())).into());
    }
    let clashes: Vec<String> = files
        .iter()
        .map(|(p, _)| dir.join(p))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !clashes.is_empty() {
        return Err(Error::Unusable(format!("would overwrite {}", clashes.join(", "))).into());
    }
    let mut written = Vec::new();
    for (relative, text) in files {
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

/// The casebook's own copy of the JSON Schemas.
fn write_schemas(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
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
        for folder in ["", "contracts", "requests", "sent/FOIR-467737865/1", "sent/FOIR-469102254/1"] {
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
