//! The only module that writes files.
//!
//! Writes are atomic: the bytes go to a temporary file in the same folder, which is then
//! renamed over the target, so a reader never sees half a file and a failure leaves the old
//! file (or no file) in place.

use std::io::Write as _;
use std::path::Path;

use anyhow::Context;

/// Writes `bytes` to `path` atomically.
pub fn atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".foi-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write to folder {}", dir.display()))?;
    temp.write_all(bytes).with_context(|| format!("cannot write {}", path.display()))?;
    temp.as_file().sync_all().with_context(|| format!("cannot write {}", path.display()))?;
    temp.persist(path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Creates the folder `path` (and any missing parents) for files to be written into.
pub fn folder(path: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(path).with_context(|| format!("cannot create folder {}", path.display()))
}

/// Writes `bytes` to standard output.
pub fn stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).and_then(|()| out.flush()).context("cannot write to standard output")
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
}
