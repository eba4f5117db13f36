//! `foi changes`: for each answer of a request, the latest sent response of the same
//! authority that answered the same question about the same contract, and whether today's
//! answer differs from it. Answers do not depend on who asks, so any difference shown here
//! is a change in the facts (or a mistake), never in the requester.

use serde::Serialize;

use super::compare::{self, Line};
use super::{Record, check::long};
use crate::casebook::{Casebook, Request};
use crate::model::values::Date;
use crate::rules::{self, Audience};

/// Every answer of a request against the last answers sent.
#[derive(Debug, Clone, Serialize)]
pub struct Changes {
    /// `foi-changes/1`.
    pub format: &'static str,
    /// The request compared.
    pub reference: String,
    /// Its answers, in its order.
    pub answers: Vec<Change>,
}

/// How an answer compares with the last one sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// The answer differs from the last one sent.
    Changed,
    /// The same answer as the last one sent.
    Unchanged,
    /// Answered from the disclosure log (`see:`).
    FromLog,
    /// No sent response answered this question about this contract.
    New,
}

/// One answer of the request.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// `part 1 q4 Contract Expiry (Contact Centre Software)`.
    pub question: String,
    /// The part's id.
    pub part: String,
    /// The contract's id, for an answer about one contract.
    pub contract: Option<String>,
    /// The question's id.
    pub id: Option<String>,
    /// How it compares.
    pub kind: ChangeKind,
    /// The response it is compared with.
    pub earlier: Option<Earlier>,
    /// The answer then, in words.
    pub before: Option<String>,
    /// The answer today, in words.
    pub after: String,
}

/// A sent response compared with.
#[derive(Debug, Clone, Serialize)]
pub struct Earlier {
    /// Its reference.
    pub reference: String,
    /// When it was sent.
    pub sent: Date,
}

impl Change {
    /// The line `foi changes` prints.
    pub fn line(&self) -> String {
        match (&self.kind, &self.earlier) {
            (ChangeKind::Changed, _) => {
                format!("{}: {} → {}", self.question, self.before.as_deref().unwrap_or_default(), self.after)
            }
            (ChangeKind::Unchanged, Some(e)) => {
                format!("{}: unchanged since {} ({})", self.question, e.reference, long(e.sent))
            }
            (ChangeKind::FromLog, Some(e)) => {
                format!("{}: answered from {} ({})", self.question, e.reference, long(e.sent))
            }
            _ => format!("{}: not answered before", self.question),
        }
    }
}

impl Changes {
    /// How many answers are of `kind`.
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.answers.iter().filter(|a| a.kind == kind).count()
    }

    /// The text `foi changes` prints: the changes first, then the rest.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for kind in [ChangeKind::Changed, ChangeKind::Unchanged, ChangeKind::FromLog, ChangeKind::New] {
            for change in self.answers.iter().filter(|a| a.kind == kind) {
                out.push_str(&change.line());
                out.push('\n');
            }
        }
        out
    }

    /// One line for `foi render`: `since the last answers sent: 1 changed, 18 unchanged`;
    /// `None` when no answer was sent before.
    pub fn summary(&self) -> Option<String> {
        let (changed, unchanged, from_log) = (
            self.count(ChangeKind::Changed),
            self.count(ChangeKind::Unchanged),
            self.count(ChangeKind::FromLog),
        );
        if changed + unchanged + from_log == 0 {
            return None;
        }
        let mut out = format!("since the last answers sent: {changed} changed, {unchanged} unchanged");
        if from_log > 0 {
            out.push_str(&format!(", {from_log} answered from the disclosure log"));
        }
        let new = self.count(ChangeKind::New);
        if new > 0 {
            out.push_str(&format!(", {new} not answered before"));
        }
        Some(out)
    }
}

/// Compares each answer of `request`, as today's casebook gives it, with the latest sent
/// response of the same authority (other than this request's own records) that answered
/// the same question about the same contract.
pub fn changes(casebook: &Casebook, request: &Request) -> anyhow::Result<Changes> {
    let today = compare::as_data(&rules::respond(casebook, request, Audience::Public)?)?;
    let authority = casebook.authority(request.authority).id.as_str();
    // An answered request is compared with what had been sent by the time it was answered;
    // a new one with everything sent.
    let mut earlier: Vec<&Record> = casebook
        .sent
        .iter()
        .filter(|r| r.name != request.file_name && r.authority() == Some(authority))
        .filter(|r| request.responded.is_none_or(|answered| r.file.sent <= answered))
        .collect();
    // Latest first: the date sent, then the later version, then the reference.
    earlier.sort_by(|a, b| {
        (b.file.sent, b.file.version, &b.file.reference).cmp(&(
            a.file.sent,
            a.file.version,
            &a.file.reference,
        ))
    });
    // An answer that pointed to the log says nothing of its own: the response it pointed
    // to is the one compared with.
    let log = casebook.disclosure_log.as_deref().map(|base| format!("{base}/responses/"));
    let from_the_log = |line: &Line| {
        log.as_deref().is_some_and(|log| {
            line.question
                .pointer("/publication/url")
                .and_then(|u| u.as_str())
                .is_some_and(|u| u.starts_with(log))
        })
    };
    let sent: Vec<(&Record, Vec<Line>)> = earlier
        .iter()
        .map(|r| (*r, compare::lines(&r.file.response).into_iter().filter(|l| !from_the_log(l)).collect()))
        .collect();
    let see: Vec<(String, Option<String>, &str)> = request
        .parts
        .iter()
        .flat_map(|part| {
            part.questions.iter().filter_map(move |q| {
                Some((part.part.to_string(), q.id.map(|id| id.to_string()), q.see.as_deref()?))
            })
        })
        .collect();
    let mut answers = Vec::new();
    for line in compare::lines(&today) {
        let from_log = see
            .iter()
            .find(|(part, id, _)| part == line.part && id.as_deref() == line.id)
            .map(|(_, _, reference)| *reference);
        let found = sent.iter().find_map(|(record, lines)| {
            let hit = match from_log {
                Some(reference) => {
                    (record.file.reference == reference).then(|| lines.iter().find(|l| l.key() == line.key()))
                }
                None => Some(lines.iter().find(|l| l.key() == line.key())),
            };
            hit.flatten().map(|l| (*record, l))
        });
        let (kind, earlier, before) = match (found, from_log) {
            (Some((record, _)), Some(_)) => (ChangeKind::FromLog, Some(record), None),
            (Some((record, then)), None) if then.same_answer(&line) => {
                (ChangeKind::Unchanged, Some(record), None)
            }
            (Some((record, then)), None) => (ChangeKind::Changed, Some(record), Some(then.words())),
            (None, _) => (ChangeKind::New, None, None),
        };
        answers.push(Change {
            question: line.heading(),
            part: line.part.to_owned(),
            contract: line.contract.map(|c| c.0.to_owned()),
            id: line.id.map(str::to_owned),
            kind,
            earlier: earlier.map(|r| Earlier { reference: r.file.reference.clone(), sent: r.file.sent }),
            before,
            after: line.words(),
        });
    }
    Ok(Changes { format: "foi-changes/1", reference: request.reference.clone(), answers })
}
