//! Finding and reading casebook files.
//!
//! Owns the casebook's layout on disk (`foi.yaml`, `contracts/*.yaml`, `requests/*.yaml`,
//! `exemptions/`, `templates/`), reading files (bounded in size, UTF-8), and turning YAML
//! and serde errors into findings at the right line. A file that cannot be read or parsed
//! becomes a finding and the rest are still read. Nothing here judges the content.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, bail};

use crate::model::{ContractFile, ProfileFile, RequestFile};
use crate::report::{Finding, Severity, suggestion};
use crate::schema::FileKind;
use crate::source::{Location, SourceFile};

#[cfg(test)]
mod agreement;
pub(crate) mod characters;
pub mod confined;
pub mod exemptions;
mod file;
mod files;
mod lenient;

pub use characters::allowed_in_xml;

pub use file::deserialize;
pub use files::Files;
pub use lenient::Flawed;

/// The casebook's root file.
pub const PROFILE: &str = "foi.yaml";

/// Largest file `foi` will read. Casebook files are small; anything bigger is a mistake.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Largest logo `foi` will read: a letterhead image, larger than text but never huge.
pub const MAX_LOGO_BYTES: u64 = 10 * 1024 * 1024;

/// Largest Word template `foi` will read: a letterhead with its pictures, never huge.
pub const MAX_WORD_TEMPLATE_BYTES: u64 = 10 * 1024 * 1024;

/// Image formats Typst reads, by file extension.
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp"];

/// A file and the data parsed from it.
#[derive(Debug)]
pub struct Parsed<T> {
    /// The file, for positions.
    pub file: SourceFile,
    /// The data.
    pub data: T,
    /// When the file has structural errors: its findings, and what the data leaves out
    /// (see [`Flawed`]). Such a file is checked for findings, never used.
    pub flawed: Option<Flawed>,
}

/// Everything a casebook holds except its requests and exemptions, as parsed (the
/// exemption library reads its files through [`yaml_files`] and [`deserialize`]).
#[derive(Debug)]
pub struct RawCasebook {
    /// Where its files come from.
    pub files: Files,
    /// `foi.yaml`.
    pub profile: Parsed<ProfileFile>,
    /// `contracts/*.yaml`, by id (file stem), sorted; flawed ones too (see [`Parsed`]).
    pub contracts: Vec<(String, Parsed<ContractFile>)>,
    /// Ids of contract files that could not be read or parsed at all (already reported).
    pub broken: Vec<String>,
}

/// Walks up from `start` (a file or folder) to the folder holding `foi.yaml`.
pub fn find_root(start: &Path) -> anyhow::Result<PathBuf> {
    let start = if start.is_dir() {
        start.to_path_buf()
    } else {
        start.parent().unwrap_or(Path::new(".")).to_path_buf()
    };
    let absolute = fs::canonicalize(if start.as_os_str().is_empty() { Path::new(".") } else { &start })
        .with_context(|| format!("cannot open folder {}", start.display()))?;
    for dir in absolute.ancestors() {
        if dir.join(PROFILE).is_file() {
            return Ok(dir.to_path_buf());
        }
    }
    bail!(
        "no {PROFILE} in {} or any folder above it: a request must sit inside a casebook \
         (run `foi init` to start one)",
        absolute.display()
    )
}

/// Reads `foi.yaml` and the contracts. Returns what parsed, and a
/// finding for everything that did not.
pub fn casebook(files: &Files) -> (Option<RawCasebook>, Vec<Finding>) {
    let root = files.root();
    let mut findings = Vec::new();
    let profile = match read(files, &root.join(PROFILE)) {
        Ok(file) => parse::<ProfileFile>(file, FileKind::Profile, &mut findings),
        Err(finding) => {
            findings.push(*finding);
            None
        }
    };
    let mut contracts = Vec::new();
    let mut broken = Vec::new();
    match yaml_files(files, &root.join("contracts")) {
        Ok(files) => {
            for (id, file) in files {
                let parsed = file.map_err(|finding| findings.push(*finding)).ok().and_then(|file| {
                    parse_lenient::<ContractFile>(file, FileKind::Contract, &[], &mut findings)
                });
                match parsed {
                    Some(mut parsed) => {
                        // A flawed contract's own findings are the casebook's, reported here;
                        // what it leaves out stays with it for validation.
                        if let Some(flawed) = parsed.flawed.as_mut() {
                            findings.append(&mut flawed.findings);
                        }
                        contracts.push((id, parsed));
                    }
                    None => broken.push(id),
                }
            }
        }
        Err(finding) => findings.push(*finding),
    }
    let raw = profile.map(|profile| RawCasebook { files: files.clone(), profile, contracts, broken });
    (raw, findings)
}

/// Where `foi intake` reads from: a file, or standard input for `-`.
pub fn is_stdin(input: &Path) -> bool {
    input.as_os_str() == "-"
}

/// Reads a pasted request for `foi intake`: a file, or standard input for `-`; at most
/// `limit` bytes; UTF-8 (a byte order mark is left for intake to remove). Returns the name
/// to show for it and the text. A missing file is [`crate::error::Error::NotFound`].
pub fn request_text(input: &Path, limit: usize) -> anyhow::Result<(String, String)> {
    use std::io::Read as _;
    let (display, reader): (String, Box<dyn io::Read>) = if is_stdin(input) {
        ("standard input".to_owned(), Box::new(io::stdin().lock()))
    } else {
        let display = input.display().to_string();
        if !input.is_file() {
            return Err(crate::error::Error::NotFound(format!("no request text at {display}")).into());
        }
        let file = fs::File::open(input).with_context(|| format!("cannot read {display}"))?;
        (display, Box::new(file))
    };
    let mut bytes = Vec::new();
    // One byte over the limit tells "too big" from "exactly the limit".
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader.take(cap).read_to_end(&mut bytes).with_context(|| format!("cannot read {display}"))?;
    if bytes.len() > limit {
        bail!("{display} is larger than {limit} bytes: intake reads one pasted request, not a mailbox");
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        bail!("{display} is UTF-16 text: save it as UTF-8 (\"Unicode\" in some editors is UTF-16)");
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        anyhow::anyhow!(
            "{display} is not UTF-8 text (invalid byte at offset {}): save it as UTF-8",
            err.utf8_error().valid_up_to()
        )
    })?;
    Ok((display, text))
}

/// Reads and parses one request file.
/// A request file with structural errors (a flawed one) comes back with its findings
/// inside it, read as far as it can be, so that the rest of it is checked too.
pub fn request(files: &Files, path: &Path) -> Result<Parsed<RequestFile>, Vec<Finding>> {
    let mut findings = Vec::new();
    let file = read(files, path).map_err(|finding| vec![*finding])?;
    parse_lenient::<RequestFile>(file, FileKind::Request, REQUEST_STAND_INS, &mut findings).ok_or(findings)
}

/// What a request read leniently may stand in for: a date of receipt still to be filled
/// in (`foi intake` drafts `received: YYYY-MM-DD`) is the one key a request cannot be read
/// without. Every date is counted from it, so the findings about the other dates go too.
const REQUEST_STAND_INS: &[lenient::StandIn] = &[lenient::StandIn {
    key: "received",
    value: "2000-01-03",
    depends: &["responded", "clarification", "extension", "due"],
    printed: &["2000-01-03", "3 January 2000"],
}];

/// The request files of a casebook, sorted by name.
pub fn request_paths(files: &Files) -> anyhow::Result<Vec<PathBuf>> {
    let dir = files.root().join("requests");
    files.yaml_paths(&dir).with_context(|| format!("cannot list {}", dir.display()))
}

/// [`parse`], and when the file has structural errors, what can still be read of it (see
/// [`lenient`]), its findings kept inside it; `None` only when nothing can be read.
fn parse_lenient<T: serde::de::DeserializeOwned>(
    file: SourceFile,
    kind: FileKind,
    stand_ins: &[lenient::StandIn],
    findings: &mut Vec<Finding>,
) -> Option<Parsed<T>> {
    match deserialize::<T>(&file, kind) {
        Ok(data) => Some(Parsed { file, data, flawed: None }),
        Err(more) => match lenient::read::<T>(&file, kind, more.clone(), stand_ins) {
            Some((data, flawed)) => Some(Parsed { file, data, flawed: Some(flawed) }),
            None => {
                findings.extend(more);
                None
            }
        },
    }
}

fn parse<T: serde::de::DeserializeOwned>(
    file: SourceFile,
    kind: FileKind,
    findings: &mut Vec<Finding>,
) -> Option<Parsed<T>> {
    match deserialize::<T>(&file, kind) {
        Ok(data) => Some(Parsed { file, data, flawed: None }),
        Err(more) => {
            findings.extend(more);
            None
        }
    }
}

/// A file read, or the finding saying why it could not be.
pub type Read = Result<SourceFile, Box<Finding>>;

/// The `*.yaml` files of `dir` (none if it does not exist), by stem, sorted. A file that
/// cannot be read does not stop the others from being read.
pub fn yaml_files(files: &Files, dir: &Path) -> Result<Vec<(String, Read)>, Box<Finding>> {
    let paths = files.yaml_paths(dir).map_err(|err| {
        Box::new(file_finding(&relative(files.root(), dir), format!("cannot list folder: {err}")))
    })?;
    Ok(paths
        .into_iter()
        .map(|path| {
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            (stem, read(files, &path))
        })
        .collect())
}

/// The `*.yaml` and `*.yml` files of `dir` (none if it does not exist), sorted.
///
/// Everything so named but a folder is listed, links and pipes included, so that reading it
/// reports why it cannot be read instead of passing over it in silence. A `dir` that is
/// itself a symbolic link is refused: its files would lie outside the casebook.
pub fn yaml_paths(dir: &Path) -> io::Result<Vec<PathBuf>> {
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let name =
                dir.file_name().map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into());
            return Err(io::Error::other(format!(
                "`{name}` is a symbolic link: foi reads only folders and files inside the casebook, never \
                 through a link; replace the link with the folder itself"
            )));
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        _ => {}
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(err),
    };
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        let yaml = path.extension().is_some_and(|ext| ext == "yaml" || ext == "yml");
        let hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        // The entry's own type: a link is not followed to see what it points at.
        let folder = entry.file_type().is_ok_and(|kind| kind.is_dir());
        if yaml && !hidden && !folder {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

/// Reads a text file of the casebook: a regular file inside it (see [`confined`]), at most
/// [`MAX_FILE_BYTES`], UTF-8, BOM removed.
pub fn read(files: &Files, path: &Path) -> Result<SourceFile, Box<Finding>> {
    let display = relative(files.root(), path);
    let fail = |message: String| Box::new(file_finding(&display, message));
    let bytes = files.read(path, MAX_FILE_BYTES).map_err(|refusal| fail(refusal_message(&refusal)))?;
    let text = String::from_utf8(bytes).map_err(|err| {
        // Point at the first bad byte: what comes before it is valid text.
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let before = String::from_utf8_lossy(valid);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let mut finding = file_finding(&display, "not UTF-8 text: save the file as UTF-8".to_owned());
        finding.location = Location { line, column };
        Box::new(finding)
    })?;
    let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
    Ok(SourceFile::new(display, text))
}

/// Why a file could not be read, as a finding says it.
fn refusal_message(refusal: &confined::Refusal) -> String {
    match refusal {
        confined::Refusal::NotFound => "cannot read file: no such file".to_owned(),
        other => other.to_string(),
    }
}

/// Reads the letterhead's logo, `logo` as foi.yaml gives it: a PNG, JPEG, GIF, SVG or WebP
/// image inside the casebook `files`, at most [`MAX_LOGO_BYTES`]. Returns its path in
/// the casebook (by `/`-separated parts) and its bytes, or why not, in words that name the
/// file.
pub fn logo(files: &Files, logo: &str) -> Result<(Vec<String>, Vec<u8>), String> {
    let relative = Path::new(logo);
    let inside = !logo.is_empty() && relative.components().all(|c| matches!(c, Component::Normal(_)));
    if !inside {
        return Err("must be a path inside the casebook folder, e.g. `logo: images/logo.png`".to_owned());
    }
    let extension = relative.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if !IMAGE_EXTENSIONS.contains(&extension.as_str()) {
        return Err("must be a PNG, JPEG, GIF, SVG or WebP image (by its file extension)".to_owned());
    }
    let parts: Vec<String> =
        relative.components().filter_map(|c| c.as_os_str().to_str().map(str::to_owned)).collect();
    if parts.len() != relative.components().count() {
        return Err("must have a name in UTF-8".to_owned());
    }
    let bytes =
        files.read(&files.root().join(relative), MAX_LOGO_BYTES).map_err(|refusal| match refusal {
            confined::Refusal::NotFound => "cannot be read: there is no such file".to_owned(),
            confined::Refusal::TooLarge { .. } => {
                format!("is larger than {MAX_LOGO_BYTES} bytes, the limit for a logo: save a smaller image")
            }
            other => format!("cannot be read: {other}"),
        })?;
    Ok((parts, bytes))
}

/// Checks the shape of `word-template:` as foi.yaml gives it: a path inside the casebook
/// folder to a `.docx` or `.dotx` file. Returns why not, in words that follow the file's name.
pub fn word_template_path(path: &str) -> Result<(), String> {
    let relative = Path::new(path);
    let inside = !path.is_empty() && relative.components().all(|c| matches!(c, Component::Normal(_)));
    if !inside {
        return Err(
            "must be a path inside the casebook folder, e.g. `word-template: templates/letterhead.docx`"
                .to_owned(),
        );
    }
    let extension = relative.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if !matches!(extension.as_str(), "docx" | "dotx") {
        return Err(
            "must be a Word document or template, saved as .docx or .dotx (not .doc or .docm)".to_owned()
        );
    }
    Ok(())
}

/// Reads the Word template `path` (as foi.yaml gives it) from the casebook `files`:
/// a regular file inside it, at most [`MAX_WORD_TEMPLATE_BYTES`]. Returns its bytes, or why
/// not, in words that follow the file's name. What is inside it is the Word renderer's to
/// read (a zip, with limits of its own).
pub fn word_template(files: &Files, path: &str) -> Result<Vec<u8>, String> {
    word_template_path(path)?;
    files.read(&files.root().join(path), MAX_WORD_TEMPLATE_BYTES).map_err(|refusal| match refusal {
        confined::Refusal::NotFound => "cannot be read: there is no such file".to_owned(),
        confined::Refusal::TooLarge { .. } => format!(
            "is larger than {MAX_WORD_TEMPLATE_BYTES} bytes, the limit for a Word template: \
             make its pictures smaller"
        ),
        other => format!("cannot be read: {other}"),
    })
}

/// Each authority of foi.yaml with the field path it stands at (`authority` or
/// `authorities[i]`).
pub fn authority_files(raw: &RawCasebook) -> Vec<(crate::source::FieldPath, &crate::model::AuthorityFile)> {
    let profile = &raw.profile;
    match (&profile.data.authority, &profile.data.authorities) {
        (Some(one), _) => vec![(crate::source::FieldPath::key("authority"), one)],
        (None, Some(many)) => many
            .iter()
            .enumerate()
            .map(|(i, a)| (crate::source::FieldPath::key("authorities").index(i), a))
            .collect(),
        (None, None) => Vec::new(),
    }
}

/// A finding for each authority's logo that cannot be read: `foi check` reports it before a
/// PDF is asked for.
pub fn logo_findings(raw: &RawCasebook) -> Vec<Finding> {
    authority_files(raw)
        .into_iter()
        .filter_map(|(path, authority)| {
            let logo = authority.logo.as_deref()?;
            let why = self::logo(&raw.files, logo).err()?;
            Some(
                Finding::error(&raw.profile.file, &path.at("logo"), format!("the logo {why}"))
                    .hint("the letterhead's logo is a regular image file inside the casebook folder"),
            )
        })
        .collect()
}

/// `path` relative to the casebook root when it lies inside it.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    let plain = path.components().all(|c| matches!(c, Component::RootDir | Component::Normal(_)));
    if plain && let Ok(inside) = path.strip_prefix(root) {
        return inside.to_path_buf();
    }
    // Resolve the folder, not the file: a link's target is no name to show.
    let absolute = match (path.parent().map(fs::canonicalize), path.file_name()) {
        (Some(Ok(parent)), Some(name)) => parent.join(name),
        _ => path.to_path_buf(),
    };
    absolute.strip_prefix(root).map(Path::to_path_buf).unwrap_or(absolute)
}

fn file_finding(display: &Path, message: String) -> Finding {
    Finding {
        severity: Severity::Error,
        file: display.to_path_buf(),
        location: Location { line: 1, column: 1 },
        path: String::new(),
        message,
        hint: None,
        snippet: None,
        width: 1,
    }
}

/// A finding for a YAML or serde error: at its line and column, with the message made
/// plain and a hint where the error lists what was expected. A syntax error anywhere in the
/// file is reported first: serde meets type errors before it reaches a later syntax error.
pub fn yaml_finding(file: &SourceFile, err: &serde_yaml::Error) -> Finding {
    if let Some(finding) = syntax_finding(file) {
        return finding;
    }
    // From the byte offset, not libyaml's line: it also breaks lines at U+2028, U+2029 and
    // U+0085 (YAML 1.1), so its line numbers can run past the file's as foi counts them.
    let location = err
        .location()
        .map_or(Location { line: 1, column: 1 }, |l| crate::source::location_at(&file.text, l.index()));
    let text = strip_positions(&err.to_string());
    // serde_yaml prefixes the field path: `contact.seniority: unknown variant …`.
    let (path, message) = match text.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && !path.is_empty() => (path.to_owned(), rest.to_owned()),
        _ => (String::new(), text),
    };
    let (message, hint) = explain(&message);
    // serde points a repeated key at its mapping (the file's start for the top level):
    // point at the repeat instead, which is what to remove.
    let location = duplicated(&message)
        .and_then(|key| crate::source::duplicate_key(&file.text, &field_path(&path), key))
        .unwrap_or(location);
    let mut finding = Finding::at_path(Severity::Error, file, path, location, message);
    finding.hint = hint;
    finding
}

/// The key of serde's "duplicate field `title`" (or "duplicate entry with key …").
fn duplicated(message: &str) -> Option<&str> {
    let rest = message
        .strip_prefix("duplicate field `")
        .or_else(|| message.strip_prefix("duplicate entry with key \""))?;
    rest.split(['`', '"']).next()
}

/// A field path as serde prints it (`parts[0].questions[1]`), read back.
fn field_path(printed: &str) -> crate::source::FieldPath {
    let mut path = crate::source::FieldPath::root();
    for piece in printed.split('.').filter(|piece| !piece.is_empty()) {
        let mut parts = piece.split('[');
        if let Some(key) = parts.next().filter(|key| !key.is_empty()) {
            path = path.at(key);
        }
        for index in parts {
            match index.trim_end_matches(']').parse() {
                Ok(index) => path = path.index(index),
                Err(_) => return path,
            }
        }
    }
    path
}

/// The first YAML syntax error in the file, as a finding.
fn syntax_finding(file: &SourceFile) -> Option<Finding> {
    let (location, what) = crate::source::syntax_error(&file.text)?;
    Some(
        Finding::at_path(Severity::Error, file, String::new(), location, format!("YAML syntax error: {what}"))
            .hint("check the indentation and brackets, and quote values that contain `: ` or start with a special character"),
    )
}

/// Rust's number types as serde names them in its errors, and what they mean in words.
const NUMBER_TYPES: &[(&str, &str)] = &[
    ("u8", "a whole number from 0 to 255"),
    ("u16", "a whole number from 0 to 65,535"),
    ("u32", "a whole number from 0 to 4,294,967,295"),
    ("u64", "a whole number from 0 to 18,446,744,073,709,551,615"),
    ("usize", "a whole number from 0 to 18,446,744,073,709,551,615"),
    ("i32", "a whole number from -2,147,483,648 to 2,147,483,647"),
    ("i64", "a whole number from -9,223,372,036,854,775,808 to 9,223,372,036,854,775,807"),
    ("f32", "a number"),
    ("f64", "a number"),
];

/// serde's errors about numbers, without the Rust types: "invalid value: integer `-5`,
/// expected u32" becomes "`-5` is outside the range allowed here: give a whole number from
/// 0 to 4,294,967,295". The schema walk names a field's own range first; this is for the
/// rest.
fn plain_numbers(message: &str) -> String {
    // Larger than any number type serde reads into, whatever was expected.
    for wide in [" as u128", " as i128"] {
        if let Some(value) = message.split_once(wide).and_then(|(head, _)| head.rsplit_once(' ')) {
            return format!(
                "{} is too large a number: no number in a casebook goes above {}",
                value.1,
                NUMBER_TYPES[3].1.rsplit(' ').next().unwrap_or_default()
            );
        }
    }
    let mut message = message.to_owned();
    for (rust, words) in NUMBER_TYPES {
        let Some(head) = message.strip_suffix(&format!("expected {rust}")) else { continue };
        let value = head
            .strip_prefix("invalid value: integer ")
            .or_else(|| head.strip_prefix("invalid value: floating point "))
            .or_else(|| head.strip_prefix("invalid type: integer "))
            .or_else(|| head.strip_prefix("invalid type: floating point "))
            .and_then(|rest| rest.strip_suffix(", "));
        message = match value {
            Some(value) => format!("{value} is outside the range allowed here: give {words}"),
            None => format!("{head}expected {words}"),
        };
        break;
    }
    message
}

/// Rewrites serde's wording into ours, with a "did you mean" hint where it lists choices.
fn explain(message: &str) -> (String, Option<String>) {
    let message = &plain_numbers(message);
    let quoted = |s: &str| -> Vec<String> { s.split('`').skip(1).step_by(2).map(str::to_owned).collect() };
    for (prefix, noun) in [("unknown field", "key"), ("unknown variant", "value")] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let names = quoted(rest);
            let Some((given, expected)) = names.split_first() else {
                break;
            };
            let candidates: Vec<&str> = expected.iter().map(String::as_str).collect();
            let hint =
                suggestion(given, &candidates).unwrap_or_else(|| "this mapping takes no keys".to_owned());
            return (format!("unknown {noun} `{given}`"), Some(hint));
        }
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let key = rest.trim_matches('`');
        return (format!("missing key `{key}`"), Some(format!("add `{key}:` here")));
    }
    if message.starts_with("did not find expected") || message.starts_with("mapping values are not allowed") {
        return (
            format!("YAML syntax error: {message}"),
            Some(
                "check the indentation, and quote values that contain `: ` or start with a special character"
                    .into(),
            ),
        );
    }
    (message.to_owned(), None)
}

/// Removes " at line N column M" (and " at position N") from a serde_yaml message.
fn strip_positions(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 4..];
        let skipped = skip_position(after);
        if skipped.len() == after.len() {
            out.push_str(" at ");
        }
        rest = skipped;
    }
    out.push_str(rest);
    out
}

fn skip_position(s: &str) -> &str {
    let digits = |s: &str| s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if let Some(r) = s.strip_prefix("line ") {
        let after_line = &r[r.len() - digits(r)..];
        if after_line.len() < r.len()
            && let Some(c) = after_line.strip_prefix(" column ")
        {
            let end = &c[c.len() - digits(c)..];
            if end.len() < c.len() {
                return end;
            }
        }
    }
    if let Some(r) = s.strip_prefix("position ") {
        let end = &r[r.len() - digits(r)..];
        if end.len() < r.len() {
            return end;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding_for<T: serde::de::DeserializeOwned + std::fmt::Debug>(yaml: &str) -> Finding {
        let file = SourceFile::new("f.yaml", yaml.to_owned());
        let err = serde_yaml::from_str::<T>(yaml).expect_err("should fail");
        yaml_finding(&file, &err)
    }

    #[test]
    fn positions_are_stripped_from_messages() {
        assert_eq!(
            strip_positions("bad at line 3 column 4, while parsing at line 1 column 1"),
            "bad, while parsing"
        );
        assert_eq!(strip_positions("look at me"), "look at me");
    }

    #[test]
    fn unknown_keys_get_the_nearest_valid_key() {
        let f = finding_for::<ContractFile>("part: contact-centre\ntitle: X\nagentz: 3\n");
        assert_eq!(f.message, "unknown key `agentz`");
        assert_eq!(f.hint.as_deref(), Some("did you mean `agents`?"));
        assert_eq!((f.location.line, f.location.column), (3, 1));
    }

    #[test]
    fn nested_errors_keep_their_path() {
        let f = finding_for::<ContractFile>(
            "part: contact-centre\ntitle: X\ncontact:\n  name: A\n  seniority: middle\n",
        );
        assert_eq!(f.path, "contact.seniority");
        assert_eq!(f.message, "unknown value `middle`");
        assert_eq!(f.hint.as_deref(), Some("expected one of: senior, junior"));
        assert_eq!(f.location.line, 5);
    }

    /// Regression (issue 11): a duplicate key was reported at the file's first line.
    #[test]
    fn a_duplicate_key_is_pointed_at_where_it_repeats() {
        let f = finding_for::<ContractFile>("part: contact-centre\ntitle: A\nagents: 3\ntitle: B\n");
        assert_eq!(f.message, "duplicate field `title`");
        assert_eq!((f.location.line, f.location.column), (4, 1));
        let f = finding_for::<ContractFile>(
            "part: contact-centre\ntitle: A\ncontact: {name: a, seniority: senior, name: b}\n",
        );
        assert_eq!((f.path.as_str(), f.location.line, f.location.column), ("contact", 3, 39));
        assert_eq!(field_path("parts[0].questions[12].id").to_string(), "parts[0].questions[12].id");
    }

    /// Regression (issue 11): messages showed Rust types ("expected u32").
    #[test]
    fn number_errors_say_the_range_in_words() {
        assert_eq!(
            plain_numbers("invalid value: integer `-5`, expected u32"),
            "`-5` is outside the range allowed here: give a whole number from 0 to 4,294,967,295"
        );
        assert_eq!(
            plain_numbers("invalid type: integer `99999999999999999999999` as u128, expected a value"),
            "`99999999999999999999999` is too large a number: no number in a casebook goes above 18,446,744,073,709,551,615"
        );
        assert_eq!(
            plain_numbers("invalid type: string \"x\", expected f64"),
            "invalid type: string \"x\", expected a number"
        );
        assert_eq!(plain_numbers("unknown field `x`"), "unknown field `x`");
    }

    #[test]
    fn syntax_errors_point_at_the_line() {
        let f = finding_for::<ContractFile>("part: contact-centre\ntitle: [unclosed\nsupplier: x\n");
        assert!(f.message.contains("YAML") || f.message.contains("expected"), "{}", f.message);
        assert!(f.location.line >= 2, "{:?}", f.location);
    }
}
