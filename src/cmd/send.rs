//! `foi send`: records a response as sent, in the casebook's `sent/` folder.

use std::path::Path;

use foi::model::values::Date;
use foi::record::SendOptions;
use foi::{Warnings, write};

/// Records the request at `request` as sent, and says on standard error where the record
/// is (unless `quiet`).
pub fn run(request: &Path, options: &SendOptions, today: Date, quiet: bool) -> anyhow::Result<Warnings> {
    let (casebook, checked, mut warnings) = foi::load_request(request, today)?;
    let sent = foi::record::send(&casebook, &checked, &casebook.sent, options)?;
    // Sending it is what the warning asked for.
    warnings.retain(|finding| !foi::record::is_unsent(finding, &checked.file));
    if !quiet {
        let shown = sent.dir.strip_prefix(casebook.files.root()).unwrap_or(&sent.dir);
        let what = if sent.version == 1 {
            "sent".to_owned()
        } else {
            format!("sent again (version {})", sent.version)
        };
        write::stderr(&format!(
            "recorded {} as {what} on {}: {} ({})\nthe record belongs in git: `git add {}` in the casebook\n",
            checked.reference,
            sent.sent,
            shown.display(),
            sent.files.join(", "),
            shown.display()
        ));
    }
    Ok(warnings)
}
