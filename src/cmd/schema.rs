//! `foi schema`: the JSON Schema of each kind of casebook file.

use std::path::Path;

use anyhow::Context;

use foi::{schema, write};

/// `foi schema`: the JSON Schema of each kind of casebook file, written into `out` (one
/// file each), or returned as one JSON document keyed by file name for standard output.
pub fn run(out: Option<&Path>) -> anyhow::Result<Option<String>> {
    match out {
        Some(dir) => {
            write::folder(dir)?;
            for kind in schema::FileKind::ALL {
                write::replacing(&dir.join(kind.file_name()), kind.text().as_bytes())?;
            }
            Ok(None)
        }
        None => {
            let all: serde_json::Map<String, serde_json::Value> = schema::FileKind::ALL
                .iter()
                .map(|kind| (kind.file_name().to_owned(), kind.schema().clone()))
                .collect();
            let mut text = serde_json::to_string_pretty(&all).context("cannot print the schemas")?;
            text.push('\n');
            Ok(Some(text))
        }
    }
}
