//! `foi changes`: each answer of a request against the last answers sent.

use std::path::Path;

use foi::model::values::Date;
use foi::{Warnings, write};

/// Prints the comparison of the request at `request` on standard output, as text or JSON.
pub fn run(request: &Path, json: bool, today: Date) -> anyhow::Result<Warnings> {
    let (casebook, checked, warnings) = foi::load_request(request, today)?;
    let changes = foi::record::changes(&casebook, &checked)?;
    let text = if json {
        let mut text = serde_json::to_string_pretty(&changes)?;
        text.push('\n');
        text
    } else {
        changes.to_text()
    };
    write::stdout(text.as_bytes())?;
    Ok(warnings)
}
