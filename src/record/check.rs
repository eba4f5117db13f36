//! What `foi check` says about the sent records: a record today's casebook would answer
//! differently (information: expected history; an answer a decided internal review
//! overturned is what the review released, not drift), a `publish: true` response answered but
//! never recorded (warning), and `see:` answers whose earlier response is not published or
//! no longer gives the same answer (errors).

use std::collections::BTreeMap;

use serde_json::Value;

use super::compare::{self, Line};
use super::store::finding;
use super::{Record, latest};
use crate::casebook::{Casebook, Request};
use crate::model::values::Date;
use crate::report::{Finding, Severity};
use crate::rules::{self, Audience};
use crate::source::{FieldPath, SourceFile};

/// The findings about the records of `casebook` and the `see:` answers of `requests`
/// (each with the file it was read from).
pub(crate) fn check(casebook: &Casebook, requests: &[(&SourceFile, &Request)]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut today = Today { casebook, data: BTreeMap::new() };
    let by_reference: BTreeMap<&str, &Request> =
        requests.iter().map(|(_, r)| (r.reference.as_str(), *r)).collect();
    for (file, request) in requests {
        match latest(&casebook.sent, &request.file_name) {
            Some(record) => {
                if let Some(now) = today.data(request) {
                    drift(&mut findings, record, &compare::lines(now), request);
                }
            }
            None if casebook.keeps_records && request.publish && request.responded.is_some() => {
                findings.push(
                    Finding::warning(file, &FieldPath::key("publish"), format!("{} {UNSENT}", request.reference))
                    .hint("record the reply as sent with `foi send` (the disclosure log publishes from the record); \
                           until then `foi publish` leaves it out unless given --render-unsent"),
                );
            }
            None => {}
        }
        see(&mut findings, &mut today, file, request, &by_reference);
    }
    findings
}

/// The end of the warning about a response answered and published but never recorded.
const UNSENT: &str = "was answered and is to be published, but was never recorded as sent";

/// Whether `finding` is the warning that the response of the request file `file` was never
/// recorded as sent: `foi send` of that request is what settles it.
pub fn is_unsent(finding: &Finding, file: &std::path::Path) -> bool {
    finding.severity == Severity::Warning && finding.file == file && finding.message.ends_with(UNSENT)
}

/// Today's public response of each request, as data, made once.
struct Today<'a> {
    casebook: &'a Casebook,
    data: BTreeMap<String, Option<Value>>,
}

impl Today<'_> {
    fn data(&mut self, request: &Request) -> Option<&Value> {
        let casebook = self.casebook;
        self.data
            .entry(request.reference.clone())
            .or_insert_with(|| {
                rules::respond(casebook, request, Audience::Public)
                    .ok()
                    .and_then(|r| compare::as_data(&r).ok())
            })
            .as_ref()
    }
}

/// The long date, as the letters print it: `9 December 2022`.
pub(crate) fn long(date: Date) -> String {
    date.0.format("%-d %B %Y").to_string()
}

fn change(then: &Line, now: &Line) -> String {
    format!("{}: {} → {}", now.heading(), then.words(), now.words())
}

/// Whether the decided internal review of `request` overturned the answer `line` gives: a
/// difference there is what the review released, not drift.
fn released_at_review(request: &Request, line: &Line) -> bool {
    let Some(review) = request.review.as_ref().filter(|r| r.decided.is_some()) else { return false };
    review.questions.iter().any(|q| {
        q.decision == crate::model::ReviewDecision::Overturned
            && u64::try_from(q.part).ok() == Some(line.part_number)
            && line.number == Some(q.number.as_str())
    })
}

fn drift(findings: &mut Vec<Finding>, record: &Record, now: &[Line], request: &Request) {
    let then = compare::lines(&record.file.response);
    let mut differences = compare::differences(&then, now);
    differences.retain(|(_, now)| !released_at_review(request, now));
    let Some((first_then, first_now)) = differences.first() else { return };
    let more = match differences.len() - 1 {
        0 => String::new(),
        1 => " (and 1 other answer)".to_owned(),
        n => format!(" (and {n} other answers)"),
    };
    findings.push(
        finding(
            Severity::Info,
            &record.record_file(),
            format!(
                "{} as sent on {} differs from what today's casebook gives: {}{more}",
                record.file.reference,
                long(record.file.sent),
                change(first_then, first_now)
            ),
        )
        .hint(
            "expected when facts change after a reply is sent: the disclosure log keeps the reply as sent. \
             `foi changes` lists every difference; to send a correction, `foi send --amend REASON`",
        ),
    );
}

fn see(
    findings: &mut Vec<Finding>,
    today: &mut Today,
    file: &SourceFile,
    request: &Request,
    by_reference: &BTreeMap<&str, &Request>,
) {
    let casebook = today.casebook;
    let already_sent = latest(&casebook.sent, &request.file_name).is_some();
    for (i, part) in request.parts.iter().enumerate() {
        for (j, question) in part.questions.iter().enumerate() {
            let Some(reference) = question.see.as_deref() else { continue };
            let at = FieldPath::key("parts").index(i).at("questions").index(j).at("see");
            let mut refuse = |message: String, hint: &str| {
                findings.push(
                    Finding::error(file, &at, format!("`see: {reference}`: {message}")).hint(hint.to_owned()),
                );
            };
            const FROM_CASEBOOK: &str = "remove `see:` to answer this question from the casebook";
            let Some(id) = question.id else {
                refuse(
                    "a question outside the questionnaire cannot be answered from the log".into(),
                    FROM_CASEBOOK,
                );
                continue;
            };
            let Some(earlier) = by_reference.get(reference).copied() else {
                refuse("no request of this casebook has that reference".into(), FROM_CASEBOOK);
                continue;
            };
            if earlier.reference == request.reference {
                refuse("a response cannot point to itself".into(), FROM_CASEBOOK);
                continue;
            }
            if earlier.authority != request.authority {
                refuse("that response is another authority's".into(), FROM_CASEBOOK);
                continue;
            }
            let record = latest(&casebook.sent, &earlier.file_name);
            let Some(record) = record.filter(|_| earlier.publish) else {
                let why = if earlier.publish {
                    "it was never recorded as sent"
                } else {
                    "it is not `publish: true`"
                };
                refuse(
                    format!("that response is not published in the disclosure log ({why})"),
                    "answer from the casebook (remove `see:`), or publish that response first: `publish: true` and `foi send`",
                );
                continue;
            };
            // A reply already sent pointed to the log when it was sent; the page it points
            // to is published as it was then, so a later change of fact is its history
            // (the record's drift), not an error.
            if already_sent {
                continue;
            }
            let then = compare::lines(&record.file.response);
            let Some(now_data) = today.data(earlier) else { continue };
            let now = compare::lines(now_data);
            let contracts: Vec<Option<&str>> = if part.contracts.is_empty() {
                vec![None]
            } else {
                part.contracts.iter().map(|c| Some(c.as_str())).collect()
            };
            let id = id.to_string();
            for contract in contracts {
                let sent = then.iter().find(|l| {
                    l.part == part.part.to_string()
                        && l.id == Some(id.as_str())
                        && (contract.is_none() || l.contract.is_none() || l.contract.map(|c| c.0) == contract)
                });
                let about = contract
                    .and_then(|c| casebook.contracts.get(c))
                    .map(|c| format!(" about {}", c.title))
                    .unwrap_or_default();
                let Some(sent) = sent else {
                    refuse(format!("that response did not answer this question{about}"), FROM_CASEBOOK);
                    continue;
                };
                // s.21/s.25 cover information reasonably accessible by other means: a reply
                // that withheld it, or said it is not held, makes nothing accessible.
                let status = sent.question.get("status").and_then(Value::as_str);
                if !matches!(status, Some("disclosed" | "published")) {
                    refuse(
                        format!("that response did not give this information{about} ({})", sent.words()),
                        "only information the earlier reply gave can be answered from it: remove `see:` to answer from the casebook",
                    );
                    continue;
                }
                match now.iter().find(|l| l.key() == sent.key()) {
                    Some(current) if current.same_answer(sent) => {}
                    current => {
                        let now_words = current.map_or_else(|| "no answer".to_owned(), Line::words);
                        refuse(
                            format!(
                                "the answer{about} has changed since that response was sent on {}: {} → {now_words}",
                                long(record.file.sent),
                                sent.words()
                            ),
                            "the published reply no longer answers this question: remove `see:` to answer it from the casebook",
                        );
                    }
                }
            }
        }
    }
}
