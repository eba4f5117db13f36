//! Where a casebook's files come from: a folder on disk, or a map held in memory.
//!
//! Everything a casebook supplies — `foi.yaml`, contracts, requests, its own exemptions and
//! templates, the logo, the Word template — is read through a [`Files`], so the same
//! pipeline runs over a casebook in a folder (the command line) and over one that exists
//! only in memory (a web service, an editor, a test). On disk every read goes through
//! [`super::confined`], the one reader of casebook files; in memory there is nothing to
//! escape to, but the same size limits and the same refusals apply, so a finding reads the
//! same whichever way the casebook came.

use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::confined::{self, Refusal};

/// The files of one casebook: a folder on disk, or files held in memory.
///
/// Cheap to clone: the files in memory are shared, not copied.
#[derive(Debug, Clone)]
pub struct Files {
    /// The folder holding `foi.yaml` (absolute and canonical on disk; empty in memory, so
    /// that every path is the file's path within the casebook).
    root: PathBuf,
    store: Store,
}

#[derive(Debug, Clone)]
enum Store {
    /// Read through [`confined::read`].
    Disk,
    /// By path within the casebook, `/`-separated parts joined as a [`PathBuf`].
    Memory(Arc<BTreeMap<PathBuf, Vec<u8>>>),
}

impl Files {
    /// The casebook in the folder `root`, which holds its `foi.yaml` (see
    /// [`super::find_root`]); every file is read through `load::confined`.
    pub fn disk(root: PathBuf) -> Files {
        Files { root, store: Store::Disk }
    }

    /// A casebook held in memory: each file by its path within the casebook
    /// (`foi.yaml`, `contracts/cleaning.yaml`, `templates/letter.md.j2`) and its bytes.
    /// A path that is not plain (absolute, or climbing with `..`) names no file of the
    /// casebook and is left out.
    pub fn memory<P, B>(files: impl IntoIterator<Item = (P, B)>) -> Files
    where
        P: AsRef<Path>,
        B: Into<Vec<u8>>,
    {
        let files = files
            .into_iter()
            .filter_map(|(path, bytes)| plain(path.as_ref()).map(|path| (path, bytes.into())))
            .collect();
        Files { root: PathBuf::new(), store: Store::Memory(Arc::new(files)) }
    }

    /// The folder holding `foi.yaml`; empty for a casebook in memory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The bytes of the file at `path` (inside [`Files::root`]), at most `limit` of them.
    pub(crate) fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
        match &self.store {
            Store::Disk => confined::read(&self.root, path, limit),
            Store::Memory(files) => {
                let key = self.key(path).ok_or(Refusal::Outside)?;
                let bytes = files.get(&key).ok_or(Refusal::NotFound)?;
                if bytes.len() as u64 > limit {
                    return Err(Refusal::TooLarge { size: Some(bytes.len() as u64), limit });
                }
                Ok(bytes.clone())
            }
        }
    }

    /// Whether there is a file at `path` (a casebook's copy of a template, say). On disk
    /// this only looks; reading it may still be refused.
    pub(crate) fn is_file(&self, path: &Path) -> bool {
        match &self.store {
            Store::Disk => path.is_file(),
            Store::Memory(files) => self.key(path).is_some_and(|key| files.contains_key(&key)),
        }
    }

    /// Whether `path` is a folder of the casebook (on disk: a real folder, not a link to
    /// one; in memory: one holding a file).
    pub(crate) fn is_dir(&self, path: &Path) -> bool {
        match &self.store {
            Store::Disk => std::fs::symlink_metadata(path).is_ok_and(|meta| meta.is_dir()),
            Store::Memory(files) => self
                .key(path)
                .is_some_and(|dir| files.keys().any(|file| file.starts_with(&dir) && *file != dir)),
        }
    }

    /// The `*.yaml` and `*.yml` files of the folder `dir` (none if it does not exist),
    /// sorted; on disk as [`super::yaml_paths`] lists them.
    pub(crate) fn yaml_paths(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        match &self.store {
            Store::Disk => super::yaml_paths(dir),
            Store::Memory(files) => {
                let Some(dir) = self.key(dir) else { return Ok(Vec::new()) };
                Ok(files
                    .keys()
                    .filter(|path| path.parent() == Some(dir.as_path()))
                    .filter(|path| path.extension().is_some_and(|ext| ext == "yaml" || ext == "yml"))
                    .filter(|path| !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
                    .map(|path| self.root.join(path))
                    .collect())
            }
        }
    }

    /// Every file under the folder `dir`, at most `depth` folders down, hidden ones left
    /// out; on disk links and pipes are listed too (reading them says why they cannot be
    /// read), never followed. Not sorted.
    pub(crate) fn all_under(&self, dir: &Path, depth: usize) -> Vec<PathBuf> {
        let mut out = Vec::new();
        match &self.store {
            Store::Disk => list_disk(dir, depth, &mut out),
            Store::Memory(files) => {
                if let Some(dir) = self.key(dir) {
                    for path in files.keys() {
                        let Ok(inside) = path.strip_prefix(&dir) else { continue };
                        let steps: Vec<_> = inside.components().collect();
                        let hidden =
                            steps.iter().any(|step| step.as_os_str().to_string_lossy().starts_with('.'));
                        if !steps.is_empty() && steps.len() <= depth + 1 && !hidden {
                            out.push(self.root.join(path));
                        }
                    }
                }
            }
        }
        out
    }

    /// `path` as a key of the files in memory: its plain path within the casebook.
    fn key(&self, path: &Path) -> Option<PathBuf> {
        plain(path.strip_prefix(&self.root).unwrap_or(path))
    }
}

/// `path` when it is a plain relative path (no root, no `..`), without any `.` steps.
fn plain(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for step in path.components() {
        match step {
            Component::Normal(name) => out.push(name),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

/// Every file under `dir` on disk, links and pipes included; a link is listed, never
/// followed.
fn list_disk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let Ok(kind) = entry.file_type() else { continue };
        if hidden {
            continue;
        }
        if kind.is_dir() {
            if depth > 0 {
                list_disk(&path, depth - 1, out);
            }
        } else {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Files {
        Files::memory([
            ("foi.yaml", "a: 1"),
            ("contracts/b.yaml", "b"),
            ("contracts/a.yml", "a"),
            ("contracts/.hidden.yaml", "h"),
            ("contracts/notes.txt", "n"),
            ("templates/site/page.html.j2", "p"),
            ("../outside.yaml", "x"),
        ])
    }

    #[test]
    fn files_in_memory_are_listed_like_a_folder() {
        let files = files();
        let listed = files.yaml_paths(Path::new("contracts")).expect("listed");
        assert_eq!(listed, [PathBuf::from("contracts/a.yml"), PathBuf::from("contracts/b.yaml")]);
        assert!(files.yaml_paths(Path::new("requests")).expect("listed").is_empty());
        let mut templates = files.all_under(Path::new("templates"), 8);
        templates.sort();
        assert_eq!(templates, [PathBuf::from("templates/site/page.html.j2")]);
        assert!(files.all_under(Path::new("templates"), 0).is_empty(), "one folder too deep");
    }

    #[test]
    fn files_in_memory_keep_the_limits_of_files_on_disk() {
        let files = files();
        assert_eq!(files.read(Path::new("foi.yaml"), 100).expect("read"), b"a: 1");
        assert_eq!(files.read(Path::new("./foi.yaml"), 100).expect("read"), b"a: 1");
        assert!(matches!(files.read(Path::new("foi.yaml"), 2), Err(Refusal::TooLarge { .. })));
        assert!(files.read(Path::new("missing.yaml"), 100).is_err_and(|r| r.is_not_found()));
        assert!(matches!(files.read(Path::new("../outside.yaml"), 100), Err(Refusal::Outside)));
        assert!(files.is_file(Path::new("contracts/b.yaml")) && !files.is_file(Path::new("contracts")));
    }
}
