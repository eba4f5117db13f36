//! Output folders `foi` fills with many files: the disclosure log's site and a batch's
//! folder.
//!
//! Owns four things about such a folder. Its **lock**: `foi publish` holds an advisory lock
//! on `.foi-lock` inside it while it writes, so a second run into the same folder stops at
//! once with a clear error instead of interleaving its files with the first one's. Its
//! **manifest**: `.foi-manifest` lists the files the last publish wrote, and only those are
//! ever removed (a page someone made by hand is left alone). The **order** of writes, which
//! keeps what a web server serves whole at every moment: the manifest is first extended to
//! the files about to be written (so an interrupted run leaves none unaccounted for), the
//! pages are written, the index last (the caller's order), and only then are the files no
//! longer published removed. And the **temporary files** (`.foi-XXXXXX.tmp`) a killed run
//! left behind: removed by later runs once nobody has touched them for a minute, which no
//! live write takes.
//!
//! Nothing here follows a link inside the folder: a linked subfolder is refused, a linked
//! file is replaced by the rename rather than written through (see [`super::replacing`]).

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::Context;

use super::NotWritten;

use super::{TEMP_PREFIX, TEMP_SUFFIX, if_changed};

/// The lock file inside an output folder.
pub const LOCK: &str = ".foi-lock";

/// The manifest inside an output folder: the files the last publish wrote.
pub const MANIFEST: &str = ".foi-manifest";

/// A temporary file untouched for this long belongs to no live run: a write renames its
/// temporary file within moments of creating it.
const ABANDONED_AFTER: Duration = Duration::from_secs(60);

/// Largest manifest read back (a site of 100,000 responses fits many times over).
const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;

const MANIFEST_HEADER: &str = "\
# The files the last `foi publish` wrote into this folder, one a line. foi removes a file
# only when it is listed here and no longer published; it never touches anything else.
";

/// Another run holds the folder's lock.
#[derive(Debug)]
pub struct Busy(pub PathBuf);

impl fmt::Display for Busy {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "another foi is writing to {} (it holds the lock {}): nothing was written; run again when it \
             has finished",
            self.0.display(),
            self.0.join(LOCK).display()
        )
    }
}

impl std::error::Error for Busy {}

/// An output folder locked by this run until the value is dropped.
#[derive(Debug)]
pub struct Locked {
    root: PathBuf,
    /// The open lock file: the lock goes when it is closed (also when the process dies).
    _lock: Option<std::fs::File>,
}

/// What [`Locked::replace_all`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Replaced {
    /// Files written (new or changed).
    pub written: usize,
    /// Files removed: written by an earlier run, not by this one.
    pub removed: usize,
    /// With no manifest (a folder an older foi wrote, or someone else): the files already
    /// there that this run did not write, left alone. Relative to the folder.
    pub unrecorded: Vec<PathBuf>,
}

/// Creates `dir` if need be and takes its lock, or fails with [`Busy`] at once.
pub fn lock(dir: &Path) -> anyhow::Result<Locked> {
    super::folder(dir)?;
    let lock = take_lock(&dir.join(LOCK)).map_err(|err| match err {
        LockError::Busy => anyhow::Error::new(Busy(dir.to_path_buf())),
        LockError::Io(err) => {
            anyhow::Error::new(err).context(format!("cannot lock {}", dir.join(LOCK).display()))
        }
    })?;
    Ok(Locked { root: dir.to_path_buf(), _lock: lock })
}

enum LockError {
    Busy,
    Io(std::io::Error),
}

#[cfg(unix)]
fn take_lock(path: &Path) -> Result<Option<std::fs::File>, LockError> {
    use rustix::fs::{FlockOperation, Mode, OFlags};
    // Never through a link: a lock file planted as a link to elsewhere is an error.
    let flags = OFlags::CREATE | OFlags::RDWR | OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NOCTTY;
    let fd = rustix::fs::open(path, flags, Mode::from_raw_mode(0o644))
        .map_err(|err| LockError::Io(std::io::Error::from(err)))?;
    match rustix::fs::flock(&fd, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(Some(std::fs::File::from(fd))),
        Err(rustix::io::Errno::WOULDBLOCK) => Err(LockError::Busy),
        Err(err) => Err(LockError::Io(std::io::Error::from(err))),
    }
}

/// Elsewhere there is no advisory lock `foi` can take without raising its minimum Rust
/// version: the folder is written unlocked.
#[cfg(not(unix))]
fn take_lock(_path: &Path) -> Result<Option<std::fs::File>, LockError> {
    Ok(None)
}

impl Locked {
    /// Makes the folder hold `files` (paths relative to it, written in the order given: the
    /// index last, so it never links a page not yet written), removes the files an earlier
    /// run wrote that are not among them, and records them in the manifest. Files whose
    /// bytes are unchanged are left alone.
    pub fn replace_all(&self, files: &[(PathBuf, Vec<u8>)]) -> anyhow::Result<Replaced> {
        let mut outcome = Replaced::default();
        for (relative, _) in files {
            if !plain(relative) {
                anyhow::bail!("{} is not a plain path inside {}", relative.display(), self.root.display());
            }
        }
        let earlier = self.read_manifest()?;
        let new: BTreeSet<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
        let mut folders: BTreeSet<PathBuf> = std::iter::once(PathBuf::new()).collect();
        for (relative, _) in files {
            let parent = relative.parent().map(Path::to_path_buf).unwrap_or_default();
            subfolder(&self.root, &parent)?;
            folders.insert(parent);
        }
        for folder in &folders {
            remove_abandoned(&self.root.join(folder));
        }
        // First the manifest grows to cover what is about to be written: a run killed
        // midway leaves no file that a later run would not know to remove.
        let mut covering = new.clone();
        covering.extend(earlier.iter().flatten().cloned());
        self.write_manifest(&covering)?;
        for (relative, bytes) in files {
            if if_changed(&self.root.join(relative), bytes)? {
                outcome.written += 1;
            }
        }
        for stale in earlier.iter().flatten().filter(|p| !new.contains(*p)) {
            if self.remove_ours(stale)? {
                outcome.removed += 1;
            }
        }
        self.write_manifest(&new)?;
        if earlier.is_none() {
            outcome.unrecorded = self.unrecorded(&folders, &new);
        }
        Ok(outcome)
    }

    /// The manifest's entries, or `None` when there is no manifest. Entries that are not
    /// plain paths inside the folder are ignored: a manifest is not trusted to name files
    /// elsewhere.
    fn read_manifest(&self) -> anyhow::Result<Option<BTreeSet<PathBuf>>> {
        let path = self.root.join(MANIFEST);
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
        };
        if !meta.is_file() || meta.len() > MAX_MANIFEST_BYTES {
            anyhow::bail!(
                "{} is not a manifest foi wrote (not a regular file, or too large): remove it and publish \
                 again",
                path.display()
            );
        }
        // Read without following a link: the check above is of the path, this of the file.
        let bytes = super::read_own(&path, MAX_MANIFEST_BYTES)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        Ok(Some(
            text.lines()
                .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
                .map(PathBuf::from)
                .filter(|p| plain(p))
                .collect(),
        ))
    }

    fn write_manifest(&self, files: &BTreeSet<PathBuf>) -> anyhow::Result<()> {
        let mut text = MANIFEST_HEADER.to_owned();
        for file in files {
            let parts: Vec<String> =
                file.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            text.push_str(&parts.join("/"));
            text.push('\n');
        }
        if_changed(&self.root.join(MANIFEST), text.as_bytes()).map(|_| ())
    }

    /// Removes `relative` if it is a regular file reached through real folders. Returns
    /// whether it did.
    fn remove_ours(&self, relative: &Path) -> anyhow::Result<bool> {
        let Some(path) = inside(&self.root, relative) else { return Ok(false) };
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() => {
                std::fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// The regular files in `folders` that are not `written` (nor dotfiles).
    fn unrecorded(&self, folders: &BTreeSet<PathBuf>, written: &BTreeSet<PathBuf>) -> Vec<PathBuf> {
        let mut found = Vec::new();
        for folder in folders {
            let Ok(entries) = std::fs::read_dir(self.root.join(folder)) else { continue };
            for entry in entries.flatten() {
                let relative = folder.join(entry.file_name());
                let hidden = entry.file_name().to_string_lossy().starts_with('.');
                if !hidden && entry.file_type().is_ok_and(|t| t.is_file()) && !written.contains(&relative) {
                    found.push(relative);
                }
            }
        }
        found.sort();
        found
    }
}

/// Whether `path` is relative, made only of plain names, none hidden.
fn plain(path: &Path) -> bool {
    !path.as_os_str().is_empty()
        && path.components().all(|c| match c {
            Component::Normal(name) => !name.to_string_lossy().starts_with('.'),
            _ => false,
        })
}

/// `root/relative` when every folder on the way is a real folder (not a link).
fn inside(root: &Path, relative: &Path) -> Option<PathBuf> {
    let mut path = root.to_path_buf();
    let steps: Vec<Component> = relative.components().collect();
    let (last, folders) = steps.split_last()?;
    for step in folders {
        path.push(step);
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if !meta.is_dir() || meta.file_type().is_symlink() {
            return None;
        }
    }
    path.push(last);
    Some(path)
}

/// Creates the folder `relative` inside `root` (which the user named, and may be a link),
/// each step a real folder: a step that is a link or a file is an error, since files written
/// through it would land outside the output folder. Returns its path.
pub fn subfolder(root: &Path, relative: &Path) -> anyhow::Result<PathBuf> {
    super::folder(root)?;
    let mut path = root.to_path_buf();
    for step in relative.components() {
        path.push(step);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => anyhow::bail!(
                "{} is a symbolic link: foi writes only into real folders inside the output folder; \
                 remove the link",
                path.display()
            ),
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => anyhow::bail!("{} is a file, where foi needs a folder", path.display()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                match std::fs::create_dir(&path) {
                    Ok(()) => {}
                    // Made meanwhile by another run: checked again on the next write.
                    Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {}
                    Err(err) => {
                        return Err(err).with_context(|| {
                            NotWritten::new(format!("cannot create folder {}", path.display()))
                        });
                    }
                }
            }
            Err(err) => {
                return Err(err)
                    .with_context(|| NotWritten::new(format!("cannot create folder {}", path.display())));
            }
        }
    }
    Ok(path)
}

/// Removes the temporary files (`.foi-XXXXXX.tmp`, regular files) an interrupted run left in
/// `dir`: those untouched for a minute, so a concurrent run's live ones stay. Returns how
/// many it removed; a file it cannot remove is left for next time.
pub fn remove_abandoned(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.len() > TEMP_PREFIX.len() + TEMP_SUFFIX.len()
            && name.starts_with(TEMP_PREFIX)
            && name.ends_with(TEMP_SUFFIX)
            && name[TEMP_PREFIX.len()..name.len() - TEMP_SUFFIX.len()]
                .chars()
                .all(|c| c.is_ascii_alphanumeric());
        if !ours {
            continue;
        }
        // The entry's own metadata: a link so named is not ours and is not followed.
        let Ok(meta) = entry.metadata() else { continue };
        let idle = meta.modified().ok().and_then(|at| now.duration_since(at).ok());
        if meta.is_file()
            && idle.is_some_and(|idle| idle >= ABANDONED_AFTER)
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<(PathBuf, Vec<u8>)> {
        list.iter().map(|(p, b)| (PathBuf::from(p), b.as_bytes().to_vec())).collect()
    }

    #[test]
    fn only_files_an_earlier_run_wrote_are_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let site = lock(dir.path()).expect("lock");
        let first =
            site.replace_all(&files(&[("responses/a.html", "a"), ("index.html", "i")])).expect("write");
        assert_eq!(first.written, 2);
        std::fs::write(dir.path().join("responses/about.html"), "mine").expect("write");
        let second =
            site.replace_all(&files(&[("responses/b.html", "b"), ("index.html", "i")])).expect("write");
        assert_eq!((second.written, second.removed), (1, 1));
        assert!(!dir.path().join("responses/a.html").exists());
        assert!(dir.path().join("responses/about.html").exists(), "a page made by hand stays");
        let manifest = std::fs::read_to_string(dir.path().join(MANIFEST)).expect("manifest");
        assert!(manifest.ends_with("index.html\nresponses/b.html\n"), "{manifest}");
    }

    #[test]
    fn a_manifest_naming_files_elsewhere_removes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let outside = tempfile::tempdir().expect("tempdir");
        std::fs::write(outside.path().join("victim"), "x").expect("write");
        let site = lock(dir.path()).expect("lock");
        let manifest =
            format!("../victim\n{}\n/etc/passwd\n.foi-lock\n", outside.path().join("victim").display());
        std::fs::write(dir.path().join(MANIFEST), manifest).expect("write");
        site.replace_all(&files(&[("index.html", "i")])).expect("write");
        assert!(outside.path().join("victim").exists());
    }

    #[test]
    fn a_second_lock_on_the_folder_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = lock(dir.path()).expect("lock");
        #[cfg(unix)]
        {
            let err = lock(dir.path()).expect_err("held");
            assert!(err.is::<Busy>(), "{err:#}");
        }
        drop(first);
        lock(dir.path()).expect("free again");
    }

    #[test]
    fn only_abandoned_temporaries_are_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let old = dir.path().join(".foi-Ab12Cd.tmp");
        let fresh = dir.path().join(".foi-Zz99Yy.tmp");
        let other = dir.path().join(".foi-manifest.tmp.keep");
        for path in [&old, &fresh, &other] {
            std::fs::write(path, "").expect("write");
        }
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .expect("open")
            .set_modified(an_hour_ago)
            .expect("mtime");
        assert_eq!(remove_abandoned(dir.path()), 1);
        assert!(!old.exists() && fresh.exists() && other.exists());
    }
}
