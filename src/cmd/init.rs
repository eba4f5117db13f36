//! `foi init`: a new casebook from the built-in example, listing the files written.

use std::path::Path;

use foi::{Warnings, write};

/// Starts a casebook in `dir`.
pub fn run(dir: &Path) -> anyhow::Result<Warnings> {
    write::stdout(super::paths(&foi::init::init(dir)?).as_bytes())?;
    Ok(Vec::new())
}
