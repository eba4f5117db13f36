//! Reading one file of the casebook, and nothing outside it: the single place where `foi`
//! opens a casebook file (YAML files, templates, the logo).
//!
//! A casebook arrives by pull request and is published from CI with secrets in the
//! environment, so a file in it may be a trap: a symbolic link to the process's environment
//! or the password file, a named pipe that never ends, a device that never stops giving
//! bytes. The rule is simple enough to audit: a file is read only if every step of its path
//! below the casebook folder is a real folder or, at the end, a regular file, and only up to
//! a size limit. Symbolic links are refused outright, even ones that point back inside the
//! casebook: following them safely would need the same care at every step, and a casebook
//! has no need of them (git on Windows does not even make them).
//!
//! On Unix each step is opened relative to the folder before it with `O_NOFOLLOW`, so a
//! folder swapped for a link while `foi` runs is refused too; the last step is opened
//! `O_NONBLOCK` (a pipe cannot hang the open) and checked through the opened handle, not the
//! path, before a byte is read. Elsewhere the same checks are made on the path first.

use std::ffi::OsString;
use std::fmt;
use std::fs::File;
use std::io::{self, Read as _};
use std::path::{Component, Path, PathBuf};

/// Why a casebook file was not read.
#[derive(Debug)]
pub enum Refusal {
    /// No file there (a caller may fall back to a built-in one).
    NotFound,
    /// The path leads outside the casebook folder.
    Outside,
    /// A step of the path is a symbolic link: the file itself (`None`) or this folder.
    Link(Option<PathBuf>),
    /// A step of the path that should be a folder is not one.
    NotAFolder(PathBuf),
    /// The file is not a regular file: a folder, a named pipe, a device or a socket.
    NotRegular(&'static str),
    /// The file is larger than the limit.
    TooLarge {
        /// The file's size, when known (it may grow while being read).
        size: Option<u64>,
        /// The limit, in bytes.
        limit: u64,
    },
    /// Any other failure of the file system.
    Io(io::Error),
}

impl Refusal {
    /// Whether there is simply no file there.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Refusal::NotFound)
    }
}

const LINK_HELP: &str = "foi reads only regular files inside the casebook, never through a link \
                         (a link can reach files outside it): replace the link with the file itself";

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Refusal::NotFound => f.write_str("no such file"),
            Refusal::Outside => {
                f.write_str("the file is outside the casebook folder, so foi will not read it")
            }
            Refusal::Link(None) => write!(f, "the file is a symbolic link: {LINK_HELP}"),
            Refusal::Link(Some(folder)) => {
                write!(f, "`{}` is a symbolic link: {LINK_HELP}", slashed(folder))
            }
            Refusal::NotAFolder(folder) => write!(f, "`{}` is not a folder", slashed(folder)),
            Refusal::NotRegular(what) => {
                write!(f, "the file is {what}, not a regular file, so foi will not read it")
            }
            Refusal::TooLarge { size: Some(size), limit } => {
                write!(f, "file is {size} bytes; casebook files are limited to {limit} bytes")
            }
            Refusal::TooLarge { size: None, limit } => {
                write!(f, "file is larger than {limit} bytes, the limit for casebook files")
            }
            Refusal::Io(err) if err.kind() == io::ErrorKind::PermissionDenied => {
                f.write_str("cannot read file: permission denied")
            }
            Refusal::Io(err) => write!(f, "cannot read file: {err}"),
        }
    }
}

impl std::error::Error for Refusal {}

fn slashed(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Reads the file at `path`, which must lie inside the casebook folder `root` (an absolute,
/// canonical path, as `find_root` gives): at most `limit` bytes, from a regular file reached
/// without following any symbolic link below `root`.
///
/// `path` may be absolute or relative to the current folder. A path that names the casebook
/// through links above it (a request named on the command line through a linked folder) is
/// first resolved to where it really is; below the casebook root nothing is resolved.
pub fn read(root: &Path, path: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
    let steps = steps_inside(root, path)?;
    let file = open(root, &steps)?;
    let size = file.metadata().map_err(Refusal::Io)?.len();
    if size > limit {
        return Err(Refusal::TooLarge { size: Some(size), limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // One byte over the limit tells a file that grew while being read from one that fits.
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(Refusal::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

/// The names of each step from `root` down to `path`.
fn steps_inside(root: &Path, path: &Path) -> Result<Vec<OsString>, Refusal> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_err(Refusal::Io)?.join(path)
    };
    if let Some(steps) = plain_steps(root, &absolute) {
        return Ok(steps);
    }
    // Named some other way (through a link above the casebook, or with `..`): resolve the
    // folder holding the file, never the file itself.
    let (Some(parent), Some(name)) = (absolute.parent(), absolute.file_name()) else {
        return Err(Refusal::Outside);
    };
    let parent = std::fs::canonicalize(parent).map_err(|err| match err.kind() {
        io::ErrorKind::NotFound => Refusal::NotFound,
        _ => Refusal::Io(err),
    })?;
    plain_steps(root, &parent.join(name)).ok_or(Refusal::Outside)
}

/// The steps of `path` below `root` when `path` starts with `root` and has nothing but
/// plain names after it.
fn plain_steps(root: &Path, path: &Path) -> Option<Vec<OsString>> {
    let below = path.strip_prefix(root).ok()?;
    let mut steps = Vec::new();
    for component in below.components() {
        match component {
            Component::Normal(name) => steps.push(name.to_os_string()),
            Component::CurDir => {}
            _ => return None,
        }
    }
    (!steps.is_empty()).then_some(steps)
}

/// The folder that step `i` lies in, as the user knows it (`templates`).
fn folder_of(steps: &[OsString], i: usize) -> PathBuf {
    steps[..=i].iter().collect()
}

#[cfg(unix)]
fn open(root: &Path, steps: &[OsString]) -> Result<File, Refusal> {
    use rustix::fs::{AtFlags, FileType, Mode, OFlags, openat, statat};
    use rustix::io::Errno;

    let io = |err: Errno| Refusal::Io(io::Error::from(err));
    let folder_flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let mut dir =
        openat(rustix::fs::CWD, root, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())
            .map_err(io)?;
    let (last, folders) = steps.split_last().ok_or(Refusal::Outside)?;
    for (i, name) in folders.iter().enumerate() {
        dir = match openat(&dir, name.as_os_str(), folder_flags, Mode::empty()) {
            Ok(next) => next,
            Err(err) => {
                // Say which: a link, something else where a folder should be, or nothing.
                return Err(match statat(&dir, name.as_os_str(), AtFlags::SYMLINK_NOFOLLOW) {
                    Ok(stat) if FileType::from_raw_mode(stat.st_mode) == FileType::Symlink => {
                        Refusal::Link(Some(folder_of(steps, i)))
                    }
                    Ok(_) if err == Errno::NOTDIR => Refusal::NotAFolder(folder_of(steps, i)),
                    Err(Errno::NOENT) => Refusal::NotFound,
                    _ if err == Errno::NOENT => Refusal::NotFound,
                    _ => io(err),
                });
            }
        };
    }
    // Look before opening: opening a device can have effects of its own.
    let stat = statat(&dir, last.as_os_str(), AtFlags::SYMLINK_NOFOLLOW).map_err(|err| match err {
        Errno::NOENT => Refusal::NotFound,
        err => io(err),
    })?;
    refuse_kind(FileType::from_raw_mode(stat.st_mode))?;
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY;
    let fd = openat(&dir, last.as_os_str(), flags, Mode::empty()).map_err(|err| match err {
        Errno::LOOP => Refusal::Link(None),
        Errno::NOENT => Refusal::NotFound,
        err => io(err),
    })?;
    let file = File::from(fd);
    // The handle, not the path: what was opened is what is checked.
    let kind = file.metadata().map_err(Refusal::Io)?.file_type();
    if !kind.is_file() {
        return Err(Refusal::NotRegular(describe(&kind)));
    }
    Ok(file)
}

#[cfg(unix)]
fn refuse_kind(kind: rustix::fs::FileType) -> Result<(), Refusal> {
    use rustix::fs::FileType;
    match kind {
        FileType::RegularFile => Ok(()),
        FileType::Symlink => Err(Refusal::Link(None)),
        FileType::Directory => Err(Refusal::NotRegular("a folder")),
        FileType::Fifo => Err(Refusal::NotRegular("a named pipe")),
        FileType::Socket => Err(Refusal::NotRegular("a socket")),
        FileType::CharacterDevice | FileType::BlockDevice => Err(Refusal::NotRegular("a device")),
        FileType::Unknown => Err(Refusal::NotRegular("not a file foi knows")),
    }
}

#[cfg(not(unix))]
fn open(root: &Path, steps: &[OsString]) -> Result<File, Refusal> {
    let mut path = root.to_path_buf();
    let (last, folders) = steps.split_last().ok_or(Refusal::Outside)?;
    for (i, name) in folders.iter().enumerate() {
        path.push(name);
        let meta = std::fs::symlink_metadata(&path).map_err(not_found_or_io)?;
        if meta.file_type().is_symlink() {
            return Err(Refusal::Link(Some(folder_of(steps, i))));
        }
        if !meta.is_dir() {
            return Err(Refusal::NotAFolder(folder_of(steps, i)));
        }
    }
    path.push(last);
    let meta = std::fs::symlink_metadata(&path).map_err(not_found_or_io)?;
    if meta.file_type().is_symlink() {
        return Err(Refusal::Link(None));
    }
    if !meta.is_file() {
        return Err(Refusal::NotRegular(describe(&meta.file_type())));
    }
    let file = File::open(&path).map_err(not_found_or_io)?;
    let kind = file.metadata().map_err(Refusal::Io)?.file_type();
    if !kind.is_file() {
        return Err(Refusal::NotRegular(describe(&kind)));
    }
    Ok(file)
}

#[cfg(not(unix))]
fn not_found_or_io(err: io::Error) -> Refusal {
    match err.kind() {
        io::ErrorKind::NotFound => Refusal::NotFound,
        _ => Refusal::Io(err),
    }
}

/// What a file that is not a regular file is, in words.
fn describe(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn casebook() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = std::fs::canonicalize(dir.path()).expect("canonical");
        std::fs::create_dir(root.join("templates")).expect("folder");
        std::fs::write(root.join("templates/letter.md"), "Dear {{ name }}").expect("write");
        (dir, root)
    }

    #[test]
    fn a_regular_file_inside_is_read() {
        let (_dir, root) = casebook();
        assert_eq!(read(&root, &root.join("templates/letter.md"), 100).expect("read"), b"Dear {{ name }}");
        assert!(read(&root, &root.join("templates/none.md"), 100).expect_err("missing").is_not_found());
        assert!(read(&root, &root.join("nowhere/none.md"), 100).expect_err("missing").is_not_found());
    }

    #[test]
    fn files_over_the_limit_are_refused() {
        let (_dir, root) = casebook();
        let err = read(&root, &root.join("templates/letter.md"), 4).expect_err("too large");
        assert!(matches!(err, Refusal::TooLarge { size: Some(15), limit: 4 }), "{err}");
    }

    #[test]
    fn paths_outside_the_casebook_are_refused() {
        let (_dir, root) = casebook();
        let outside = root.parent().expect("parent").join("x.yaml");
        assert!(matches!(read(&root, &outside, 100), Err(Refusal::Outside | Refusal::NotFound)));
        let climbing = root.join("templates/../../etc/passwd");
        assert!(matches!(read(&root, &climbing, 100), Err(Refusal::Outside | Refusal::NotFound)));
    }

    #[cfg(unix)]
    #[test]
    fn links_are_refused_even_inside_the_casebook() {
        let (_dir, root) = casebook();
        std::os::unix::fs::symlink("letter.md", root.join("templates/rights.md")).expect("link");
        std::os::unix::fs::symlink("/etc/passwd", root.join("templates/annex.md")).expect("link");
        std::os::unix::fs::symlink(root.join("templates"), root.join("linked")).expect("link");
        assert!(matches!(read(&root, &root.join("templates/rights.md"), 100), Err(Refusal::Link(None))));
        assert!(matches!(read(&root, &root.join("templates/annex.md"), 100), Err(Refusal::Link(None))));
        let err = read(&root, &root.join("linked/letter.md"), 100).expect_err("linked folder");
        assert_eq!(err.to_string().split(':').next(), Some("`linked` is a symbolic link"));
    }

    #[cfg(unix)]
    #[test]
    fn pipes_and_folders_are_refused_without_waiting() {
        let (_dir, root) = casebook();
        let fifo = root.join("templates/page.html");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
        assert!(made.success());
        let err = read(&root, &fifo, 100).expect_err("a pipe");
        assert!(matches!(err, Refusal::NotRegular("a named pipe")), "{err}");
        let err = read(&root, &root.join("templates"), 100).expect_err("a folder");
        assert!(matches!(err, Refusal::NotRegular("a folder")), "{err}");
    }
}
