//! Raw casebook files → checked types, or a finding for everything that is wrong.
//!
//! Owns every rule about what a casebook may say: references resolve, exemptions exist in
//! the authority's Act and suit the answer, dates are in order, every question asked has an
//! answer, no personal data is published, requests agree with each other. It collects all
//! findings before failing. It does not decide outcomes (`rules`) and does not read files
//! (`load`).
//!
//! One file per concern: `profile`, `contract`, `request` and `answer` check each file
//! (`authority` says which authority a contract or request is for);
//! `refusal` whole-request refusals and `repeated` the earlier request of a repeat; `dates`
//! dates and staleness; `personal_data` junior officers and the requester; `consistency`
//! checks across requests; `text` lists what a casebook publishes; `reach` walks what a
//! request's answers rely on, and `wording` holds that against the law of its day.

mod answer;
mod authority;
mod commissioner;
mod consistency;
mod contract;
mod dates;
mod deadline;
mod personal_data;
mod profile;
mod reach;
pub mod reference;
mod refusal;
mod repeated;
mod request;
mod review;
mod text;
pub(crate) mod together;
mod watchlist;
mod wording;

use crate::model::{MAX_TITLE, MAX_WORD};
use crate::report::Finding;
use crate::source::{FieldPath, SourceFile};

pub use consistency::{LoadedRequest, requests};
use personal_data::Juniors;
pub use profile::casebook;
pub use request::all as requests_of;

/// Findings for one file, with the file at hand for positions.
pub(crate) struct Check<'a> {
    pub file: &'a SourceFile,
    pub findings: &'a mut Vec<Finding>,
}

impl Check<'_> {
    fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// A title or name that heads a letter or one of its sections: at most [`MAX_TITLE`]
    /// characters. A PDF carries headings in its outline as strings, which PDF/A bounds
    /// (32,767 bytes), and a heading longer than a paragraph is a mistake in any format.
    fn heading(&mut self, path: &FieldPath, text: &str, what: &str) {
        let length = text.chars().count();
        if length > MAX_TITLE {
            self.push(
                Finding::error(
                    self.file,
                    path,
                    format!("{what} is {length} characters long; a heading may have at most {MAX_TITLE}"),
                )
                .hint("keep it to a line, and put the detail in a description or an answer"),
            );
        }
    }
}

impl Check<'_> {
    /// Published text with a word longer than [`MAX_WORD`] characters (a run without a
    /// space): a letter cannot print it, since a line breaks only between words. Each spot
    /// is reported once, and not where something else is already reported.
    fn words(&mut self, published: &[text::Published]) {
        for (path, text) in published {
            let longest = text.split_whitespace().map(|word| word.chars().count()).max().unwrap_or(0);
            if longest <= MAX_WORD {
                continue;
            }
            let printed = path.to_string();
            if self.findings.iter().any(|f| f.file == self.file.display && f.path == printed) {
                continue;
            }
            self.push(
                Finding::error(
                    self.file,
                    path,
                    format!("a word here runs for {longest} characters without a space; a letter can print words of at most {MAX_WORD}"),
                )
                .hint("break it up with spaces; a web address belongs in a `published:` answer's `url`"),
            );
        }
    }
}

/// Whether `id` is a usable id: lower-case letters, digits and hyphens.
pub(crate) fn is_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The findings with every private value of `casebook` masked in them (its junior
/// officers' details and withheld values), worked out on the first finding to mask.
/// [`mask`], for the findings of later stages (the sent records).
pub(crate) fn masked(casebook: &crate::casebook::Casebook, findings: Vec<Finding>) -> Vec<Finding> {
    mask(casebook, findings)
}

fn mask(casebook: &crate::casebook::Casebook, findings: Vec<Finding>) -> Vec<Finding> {
    if findings.is_empty() {
        return findings;
    }
    let masks = casebook.private.get_or_init(|| personal_data::masks(casebook));
    findings.into_iter().map(|finding| finding.mask(masks)).collect()
}
