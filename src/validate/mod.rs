//! Raw casebook files → checked types, or a finding for everything that is wrong.
//!
//! Owns every rule about what a casebook may say: references resolve, exemptions exist in
//! the authority's Act and suit the answer, dates are in order, every question asked has an
//! answer, no personal data is published, requests agree with each other. It collects all
//! findings before failing. It does not decide outcomes (`rules`) and does not read files
//! (`load`).
//!
//! One file per concern: `profile`, `contract`, `request` and `answer` check each file;
//! `refusal` whole-request refusals and `repeated` the earlier request of a repeat; `dates`
//! dates and staleness; `personal_data` junior officers and the requester; `consistency`
//! checks across requests; `text` lists what a casebook publishes; `reach` walks what a
//! request's answers rely on, and `wording` holds that against the law of its day.

mod answer;
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
mod text;
mod watchlist;
mod wording;

use crate::report::Finding;
use crate::source::SourceFile;

pub use consistency::{Loaded, requests};
pub(crate) use personal_data::{Juniors, masks as private_values};
pub use profile::casebook;
pub use repeated::Register;
pub use request::{all as requests_of, is_repeat, request};

/// Findings for one file, with the file at hand for positions.
pub(crate) struct Check<'a> {
    pub file: &'a SourceFile,
    pub findings: &'a mut Vec<Finding>,
}

impl Check<'_> {
    fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }
}

/// Whether `id` is a usable id: lower-case letters, digits and hyphens.
fn is_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
