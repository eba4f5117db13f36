//! The sent record: what was sent, kept inside the casebook under `sent/`.
//!
//! ```text
//! sent/FOIR-467737865/1/response.json   the record: the public response as data, the date
//!                                       sent, the amendment's reason, every file's hash,
//!                                       and a hash of all of it
//! sent/FOIR-467737865/1/public.md       the reply as the disclosure log publishes it
//! sent/FOIR-467737865/1/letter.md       the letters as the requester received them, in
//! sent/FOIR-467737865/1/letter.pdf      the formats asked
//! sent/FOIR-467737865/2/…               an amendment (`foi send --amend REASON`)
//! ```
//!
//! A disclosure log must show what was released as it was released, and an internal
//! review or a complaint to the Commissioner needs the letter as sent, so a record is
//! written once, atomically, and never rewritten: `foi publish` publishes from it byte for
//! byte, and `foi check` reports a record whose hash no longer matches (edited by hand) as
//! an error, and a record today's casebook would answer differently as information.
//!
//! The record's format is `model::sent`. This module owns reading and writing records
//! (`store`), comparing the answers of two responses (`compare`), the checks of `foi check`
//! on records and `see:` answers (`check`), `foi changes` (`changes`) and `foi send`
//! (`send`). It prints nothing.

pub(crate) mod changes;
mod check;
pub(crate) mod compare;
mod send;
mod store;

pub use crate::model::sent::{FORMAT, RECORD_FILE, Record, RecordFile, latest};
pub use changes::{Change, ChangeKind, Changes, changes};
pub(crate) use check::check;
pub use check::is_unsent;
pub use send::{SendOptions, Sent, send};
pub use store::load;

/// The folder of the casebook that holds the records.
pub const FOLDER: &str = "sent";

/// The reply as the disclosure log publishes it, in each version's folder.
pub const PUBLIC_FILE: &str = "public.md";

/// The last answer sent to one question about one contract, for `foi intake`'s draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastAnswer {
    /// The part's id.
    pub part: String,
    /// The question's id.
    pub id: String,
    /// The contract's title, for an answer about one contract.
    pub contract: Option<String>,
    /// The response it was sent in.
    pub reference: String,
    /// When.
    pub sent: crate::model::values::Date,
    /// The answer, in words (public: a record holds no private data).
    pub words: String,
    /// Whether it gave the information (so a later reply may point to it: s.21/s.25).
    pub given: bool,
}

/// The latest answer sent to each question about each contract, over `records`: the
/// record sent last wins (then the later version).
pub fn last_answers(records: &[Record]) -> Vec<LastAnswer> {
    let mut order: Vec<&Record> = records.iter().collect();
    order.sort_by_key(|r| std::cmp::Reverse((r.file.sent, r.file.version)));
    let mut out: Vec<(String, Option<String>, LastAnswer)> = Vec::new();
    for record in order {
        for line in compare::lines(&record.file.response) {
            let Some(id) = line.id else { continue };
            let contract = line.contract.map(|c| c.0.to_owned());
            if out.iter().any(|(p, c, a)| p == line.part && *c == contract && a.id == id) {
                continue;
            }
            out.push((
                line.part.to_owned(),
                contract,
                LastAnswer {
                    part: line.part.to_owned(),
                    id: id.to_owned(),
                    contract: line.contract.map(|c| c.1.to_owned()),
                    reference: record.file.reference.clone(),
                    sent: record.file.sent,
                    words: line.words(),
                    given: line.question.get("status").and_then(|s| s.as_str()) == Some("disclosed"),
                },
            ));
        }
    }
    out.into_iter().map(|(_, _, answer)| answer).collect()
}
