//! The only module that writes files.
//!
//! Writes are atomic: the bytes go to a temporary file in the same folder, which is then
//! renamed over the target, so a reader never sees half a file and a failure leaves the old
//! file (or no file) in place. Durability after a power cut is left to the file system.
//!
//! A file the user names (`-o reply.md`, `-o /dev/stdout`) is written where it points. Files
//! `foi` names inside an output folder (a batch, the disclosure log) are never written
//! through a link or into a device someone left there: the rename replaces the link itself
//! ([`replacing`], [`if_changed`]). `folder` owns those folders: their lock, their manifest
//! and the temporary files an interrupted run left in them.

use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context;
use tempfile::NamedTempFile;

pub(crate) mod folder;

/// How temporary files are named: `.foi-XXXXXX.tmp`, beside the file they become.
pub(crate) const TEMP_PREFIX: &str = ".foi-";
/// See [`TEMP_PREFIX`].
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

/// Writes `bytes` to `path` atomically.
///
/// A target that is a device or a pipe (`/dev/stdout`, `/dev/null`, a FIFO) is written
/// into directly: renaming over it would replace the device with a file.
pub fn atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if std::fs::metadata(path).is_ok_and(|meta| !meta.is_file() && !meta.is_dir()) {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut file| file.write_all(bytes))
            .with_context(|| NotWritten::new(format!("cannot write {}", path.display())));
    }
    let temp = written_beside(path, bytes)?;
    temp.persist(path).with_context(|| NotWritten::new(format!("cannot write {}", path.display())))?;
    Ok(())
}

/// An output could not be written (a full disk, no permission, a folder that cannot be
/// made): not a problem of the casebook, so the binary gives it its own exit code.
#[derive(Debug)]
pub struct NotWritten(String);

impl NotWritten {
    /// What could not be written, as the user will read it.
    pub fn new(message: String) -> Self {
        Self(message)
    }
}

impl fmt::Display for NotWritten {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotWritten {}

/// Refused to replace a file that exists (see [`atomic_new`]).
#[derive(Debug)]
pub struct AlreadyExists(pub PathBuf);

impl fmt::Display for AlreadyExists {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} already exists", self.0.display())
    }
}

impl std::error::Error for AlreadyExists {}

/// Writes `bytes` to `path` atomically, only if no file is there: the check and the
/// rename are one step (a hard link), so a file appearing meanwhile is not replaced
/// either. Fails with [`AlreadyExists`] when there is a file.
pub fn atomic_new(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if path.exists() {
        return Err(AlreadyExists(path.to_path_buf()).into());
    }
    let temp = written_beside(path, bytes)?;
    match temp.persist_noclobber(path) {
        Ok(_) => Ok(()),
        Err(err) if err.error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(AlreadyExists(path.to_path_buf()).into())
        }
        Err(err) => {
            Err(err.error).with_context(|| NotWritten::new(format!("cannot write {}", path.display())))
        }
    }
}

/// Writes a new folder `dir` holding `files` (name and bytes), each atomically and none
/// over an existing file; the last file is written last, so that its presence says the
/// folder is complete. Fails with [`AlreadyExists`] when `dir` exists: what is in it is
/// never replaced. For the sent record, which is written once and never rewritten. Every
/// folder on the way from `base` down is made if missing and must be a real folder, not a
/// link, so nothing is written outside `base`.
pub fn new_folder(base: &Path, below: &[&str], files: &[(String, Vec<u8>)]) -> anyhow::Result<PathBuf> {
    let not_written = |path: &Path| NotWritten::new(format!("cannot make folder {}", path.display()));
    let mut dir = base.to_path_buf();
    for (i, step) in below.iter().enumerate() {
        dir.push(step);
        let last = i + 1 == below.len();
        match std::fs::symlink_metadata(&dir) {
            Ok(meta) if last || !meta.is_dir() => {
                if meta.is_dir() && last {
                    return Err(AlreadyExists(dir).into());
                }
                return Err(anyhow::Error::new(not_written(&dir))
                    .context(format!("{} is in the way: it is not a folder", dir.display())));
            }
            Ok(_) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => match std::fs::create_dir(&dir) {
                Ok(()) => {}
                Err(err) if last && err.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(AlreadyExists(dir).into());
                }
                Err(err) => return Err(anyhow::Error::new(err).context(not_written(&dir))),
            },
            Err(err) => return Err(anyhow::Error::new(err).context(not_written(&dir))),
        }
    }
    for (name, bytes) in files {
        atomic_new(&dir.join(name), bytes)?;
    }
    Ok(dir)
}

/// A temporary file in the target's folder holding `bytes`, ready to be renamed.
fn written_beside(path: &Path, bytes: &[u8]) -> anyhow::Result<NamedTempFile> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    // A temporary file is private (0600) by default; the file it becomes is an ordinary
    // output that the web server or a colleague must be able to read, so it is created
    // as any new file would be (0666 less the umask).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder
        .tempfile_in(dir)
        .with_context(|| NotWritten::new(format!("cannot write to folder {}", dir.display())))?;
    // No fsync: the rename is what makes the write atomic for readers, and syncing every
    // file of a 10,000-request batch would cost more than rendering them.
    temp.write_all(bytes).with_context(|| NotWritten::new(format!("cannot write {}", path.display())))?;
    Ok(temp)
}

/// Writes `bytes` to `path` atomically by replacing whatever entry is there: a link is
/// replaced, not followed; a device or pipe is replaced, not written into. For files `foi`
/// names inside an output folder, where anything already there may have been planted.
pub fn replacing(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let temp = written_beside(path, bytes)?;
    temp.persist(path).with_context(|| NotWritten::new(format!("cannot write {}", path.display())))?;
    Ok(())
}

/// Writes `bytes` to `path` (as [`replacing`] does) unless it is a regular file already
/// holding exactly these bytes, so an unchanged file keeps its modification time. Returns
/// whether it wrote. What is there is looked at without following a link or opening
/// anything but a regular file of the same size.
pub fn if_changed(path: &Path, bytes: &[u8]) -> anyhow::Result<bool> {
    if same_bytes(path, bytes) {
        return Ok(false);
    }
    replacing(path, bytes).map(|()| true)
}

/// Whether `path` is a regular file (not a link to one) holding exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read as _;
    let Ok(meta) = std::fs::symlink_metadata(path) else { return false };
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return false;
    }
    let Some(file) = open_no_follow(path) else { return false };
    // The handle must be the regular file looked at, and no longer than expected.
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut existing = Vec::with_capacity(bytes.len());
    file.take(bytes.len() as u64 + 1).read_to_end(&mut existing).is_ok() && existing == bytes
}

/// The bytes of `path` when it is a regular file (not a link to one) of at most `limit`
/// bytes: for files `foi` reads back from its own output folders.
pub(crate) fn read_own(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let refused = |why: &str| std::io::Error::other(format!("{} {why}", path.display()));
    let file = open_no_follow(path).ok_or_else(|| refused("cannot be opened, or is a link"))?;
    let meta = file.metadata()?;
    if !meta.is_file() || meta.len() > limit {
        return Err(refused("is not a regular file of a sensible size"));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(refused("is not a regular file of a sensible size"));
    }
    Ok(bytes)
}

/// Opens `path` for reading without following a link or waiting on a pipe.
#[cfg(unix)]
fn open_no_follow(path: &Path) -> Option<std::fs::File> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY;
    rustix::fs::open(path, flags, Mode::empty()).ok().map(std::fs::File::from)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> Option<std::fs::File> {
    std::fs::File::open(path).ok()
}

/// Creates the folder `path` (and any missing parents) for files to be written into.
pub fn folder(path: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(path)
        .with_context(|| NotWritten::new(format!("cannot create folder {}", path.display())))
}

/// Writes `bytes` to standard output.
///
/// A reader that has gone (`foi schema | head`: the pipe is closed) is not an error: it read
/// what it wanted. The rest is dropped without a message and the command ends as it would
/// have, like ripgrep and cargo, rather than failing or panicking on a closed pipe.
pub fn stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => written.context(NotWritten::new("cannot write to standard output".to_owned())),
    }
}

/// Writes `text` to standard error (diagnostics and summaries), whatever happens: a message
/// that cannot be shown (the reader has gone, the terminal is closed) has nowhere else to
/// go, and must not turn into a panic or change the exit code.
pub fn stderr(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_replace_the_file_and_leave_no_temporary() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("out.md");
        atomic(&target, b"first").expect("write");
        atomic(&target, b"second").expect("write");
        assert_eq!(std::fs::read(&target).expect("read"), b"second");
        let names: Vec<_> =
            std::fs::read_dir(dir.path()).expect("list").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.md")]);
    }

    #[cfg(unix)]
    #[test]
    fn written_files_are_as_readable_as_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let ours = dir.path().join("ours.html");
        let plain = dir.path().join("plain.html");
        atomic(&ours, b"x").expect("write");
        std::fs::write(&plain, b"x").expect("write");
        let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
        assert_eq!(mode(&ours), mode(&plain));
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_into_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        atomic(Path::new("/dev/null"), b"discarded").expect("write");
        assert!(std::fs::metadata("/dev/null").expect("metadata").file_type().is_char_device());
    }

    #[cfg(unix)]
    #[test]
    fn files_in_an_output_folder_replace_links_instead_of_writing_through_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"precious").expect("write");
        let link = dir.path().join("page.html");
        std::os::unix::fs::symlink(&victim, &link).expect("link");
        assert!(if_changed(&link, b"precious").expect("write"), "a link is not a file holding the bytes");
        assert!(std::fs::symlink_metadata(&link).expect("there").is_file(), "the link itself is replaced");
        assert_eq!(std::fs::read(&victim).expect("read"), b"precious");
        let null = dir.path().join("stats.html");
        std::os::unix::fs::symlink("/dev/null", &null).expect("link");
        replacing(&null, b"stats").expect("write");
        assert_eq!(std::fs::read(&null).expect("read"), b"stats");
        assert!(!if_changed(&null, b"stats").expect("compare"), "unchanged now");
    }

    #[test]
    fn new_files_are_never_written_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("new.yaml");
        atomic_new(&target, b"first").expect("write");
        let err = atomic_new(&target, b"second").expect_err("exists");
        assert!(err.is::<AlreadyExists>(), "{err:#}");
        assert_eq!(std::fs::read(&target).expect("read"), b"first");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1, "no temporary left behind");
    }
}
