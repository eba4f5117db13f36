//! Open data: the published responses as tables, in CSV and JSON, and the Frictionless Data
//! Package (`datapackage.json`) that describes every file and column.
//!
//! Two tables: one row per request (`disclosure-log-requests`) and one row per question
//! answered (`disclosure-log`), a whole-request refusal being one row in each. Beside the
//! words a reader sees ("£31,750.50 a year (average over 2 years)") each row carries the
//! same facts as data: amounts and currencies, ISO 8601 dates, integer counts, exemption ids,
//! and stable ids for authorities and contracts. Each table's columns are declared once, in
//! [`REQUEST_FIELDS`] and [`QUESTION_FIELDS`], for the CSV header, the JSON keys and the
//! Data Package alike. Withheld values are never here: the public response does not hold
//! them.

use serde::Serialize;

use super::Entry;
use crate::model::Licence;
use crate::model::values::{Count, Value};
use crate::response::Status;
use crate::templates::value_words;
use serde_json::Value as Json;

/// The per-question JSON's shape and version.
pub const QUESTIONS_FORMAT: &str = "foi-disclosure-log/1";
/// The per-request JSON's shape and version.
pub const REQUESTS_FORMAT: &str = "foi-disclosure-log-requests/1";

/// The files of the open data, by table: (CSV, JSON).
pub const QUESTIONS_FILES: (&str, &str) = ("disclosure-log.csv", "disclosure-log.json");
/// The files of the per-request table: (CSV, JSON).
pub const REQUESTS_FILES: (&str, &str) = ("disclosure-log-requests.csv", "disclosure-log-requests.json");
/// The Data Package descriptor.
pub const PACKAGE_FILE: &str = "datapackage.json";

/// What the open data is about, beyond its rows.
pub struct Package<'a> {
    /// The site's title, e.g. `Disclosure log: Hastings Borough Council`.
    pub title: &'a str,
    /// The licence.
    pub licence: &'a Licence,
    /// The address the site is served from, without a trailing `/`.
    pub base_url: Option<&'a str>,
    /// Who publishes: (name, website).
    pub publishers: Vec<(&'a str, Option<&'a str>)>,
}

/// A column's type, as Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// A decimal number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// `YYYY-MM-DD`.
    Date,
}

/// One column of a table.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Its name: the CSV header and the JSON key.
    pub name: &'static str,
    /// Its type in the CSV. In the JSON, `exemptions` is a list of ids rather than a
    /// space-separated string; every other value has the same type.
    pub kind: Kind,
    /// Whether every row has a value.
    pub required: bool,
    /// The only values it takes, when the set is closed.
    pub values: &'static [&'static str],
    /// A regular expression every value matches.
    pub pattern: Option<&'static str>,
    /// What it holds.
    pub description: &'static str,
}

const fn field(name: &'static str, kind: Kind, required: bool, description: &'static str) -> Field {
    Field { name, kind, required, values: &[], pattern: None, description }
}

const STATUSES: &[&str] = &[
    "disclosed",
    "partly-withheld",
    "withheld",
    "neither-confirm-nor-deny",
    "not-held",
    "published",
    "not-applicable",
    "refused",
];

const OUTCOMES: &[&str] = &[
    "granted-in-full",
    "partially-withheld",
    "withheld-in-full",
    "not-held",
    "neither-confirm-nor-deny",
    "refused-cost",
    "refused-vexatious",
    "refused-repeated",
];

const GROUNDS: &[&str] = &["s12", "s14-1", "s14-2"];
const REVIEW_OUTCOMES: &[&str] = &["upheld", "upheld-in-part", "overturned"];
const EXEMPTION_IDS: &str = "^[a-z0-9-]+( [a-z0-9-]+)*$";

/// The columns of the per-request table, in order.
pub const REQUEST_FIELDS: &[Field] = &[
    field("reference", Kind::String, true, "The authority's reference for the request."),
    field("authority", Kind::String, true, "The public authority the request was made to."),
    field(
        "authority_id",
        Kind::String,
        true,
        "A stable id for the authority: its register code as `scheme:code` (`gss:E07000062`) when it has one, otherwise its name in lower case with hyphens.",
    ),
    field("title", Kind::String, true, "A short title of the request."),
    field("received", Kind::Date, true, "The date the request was received."),
    field(
        "clarification",
        Kind::Date,
        false,
        "The date clarification asked of the requester arrived, when the 20 working days ran from it (FOIA s.1(3)).",
    ),
    field("due", Kind::Date, true, "The statutory due date: the 20th working day after receipt."),
    field(
        "extended_due",
        Kind::Date,
        false,
        "The extended due date, when more time was taken to consider the public interest (FOIA s.10(3)).",
    ),
    field("responded", Kind::Date, false, "The date the response was sent; empty while it is not yet sent."),
    field(
        "on_time",
        Kind::Boolean,
        false,
        "Whether the response was sent by its due date (or extended due date); empty while it is not yet sent.",
    ),
    Field {
        values: OUTCOMES,
        ..field(
            "outcome",
            Kind::String,
            true,
            "The outcome, in the categories of the official FOI statistics.",
        )
    },
    field("outcome_label", Kind::String, true, "The outcome in words."),
    Field {
        pattern: Some(EXEMPTION_IDS),
        ..field(
            "exemptions",
            Kind::String,
            false,
            "The exemptions relied on, by id (`s43-2` is section 43(2)), separated by spaces in the CSV; a list in the JSON.",
        )
    },
    Field {
        values: GROUNDS,
        ..field(
            "refusal_ground",
            Kind::String,
            false,
            "For a request refused as a whole: `s12` (cost limit), `s14-1` (vexatious) or `s14-2` (repeated).",
        )
    },
    field("url", Kind::String, true, "The response's page on the disclosure log."),
    Field {
        values: REVIEW_OUTCOMES,
        ..field(
            "review_outcome",
            Kind::String,
            false,
            "The outcome of the internal review of the response, once decided: `upheld`, `upheld-in-part` or `overturned`; empty when no review was decided.",
        )
    },
    field(
        "review_decided",
        Kind::Date,
        false,
        "The date the internal review was decided; empty when none was.",
    ),
];

/// The columns of the per-question table, in order.
pub const QUESTION_FIELDS: &[Field] = &[
    field("reference", Kind::String, true, "The authority's reference for the request."),
    field("authority", Kind::String, true, "The public authority the request was made to."),
    field("authority_id", Kind::String, true, "The authority's stable id, as in the per-request table."),
    field("received", Kind::Date, true, "The date the request was received."),
    field("responded", Kind::Date, false, "The date the response was sent; empty while it is not yet sent."),
    field(
        "part",
        Kind::String,
        false,
        "The part of the questionnaire: `contact-centre` or `inbound-network`; empty for a request refused as a whole.",
    ),
    field(
        "contract",
        Kind::String,
        false,
        "The contract the answer is about, by its title; empty for an answer about the whole organisation.",
    ),
    field(
        "contract_id",
        Kind::String,
        false,
        "A stable id for the contract: the authority's id, `/`, and the contract's id in the authority's register.",
    ),
    field("number", Kind::String, false, "The question's number or letter, as the requester wrote it."),
    field("question_id", Kind::String, false, "The question's id in foi's questionnaire (`annual-spend`)."),
    field("question", Kind::String, false, "The question, in a few words."),
    Field {
        values: STATUSES,
        ..field(
            "outcome",
            Kind::String,
            true,
            "How the question was answered; `refused` for a request refused as a whole.",
        )
    },
    field("value", Kind::String, false, "The answer in words, when it was given."),
    Field {
        values: &["text", "count", "date", "money", "duration", "contact", "list"],
        ..field("value_type", Kind::String, false, "The kind of answer given.")
    },
    field("value_count", Kind::Integer, false, "A count answered with an exact number."),
    field("value_date", Kind::Date, false, "A date answered."),
    field("amount", Kind::Number, false, "An average yearly spend answered: the amount."),
    Field {
        values: &["GBP", "EUR", "USD"],
        ..field("currency", Kind::String, false, "The amount's currency (ISO 4217).")
    },
    field(
        "years_averaged",
        Kind::Integer,
        false,
        "The number of years the average spend is taken over, when known.",
    ),
    field(
        "publication_url",
        Kind::String,
        false,
        "Where information already published can be found (FOIA s.21, FOISA s.25).",
    ),
    Field {
        pattern: Some(EXEMPTION_IDS),
        ..field(
            "exemptions",
            Kind::String,
            false,
            "The exemptions relied on for this answer, by id, separated by spaces in the CSV; a list in the JSON.",
        )
    },
    Field {
        values: GROUNDS,
        ..field(
            "refusal_ground",
            Kind::String,
            false,
            "For a request refused as a whole: the ground, as in the per-request table.",
        )
    },
    Field {
        values: REVIEW_OUTCOMES,
        ..field(
            "review_outcome",
            Kind::String,
            false,
            "The outcome of the internal review of the response (the request's, on each of its rows), once decided: `upheld`, `upheld-in-part` or `overturned`; empty when no review was decided.",
        )
    },
    field(
        "review_decided",
        Kind::Date,
        false,
        "The date the internal review was decided; empty when none was.",
    ),
    Field {
        values: &["upheld", "overturned"],
        ..field(
            "review_decision",
            Kind::String,
            false,
            "What the decided internal review found of this answer: `upheld` (it stands) or `overturned` (it changed: the response's page gives the answer now); empty when the review did not look at it.",
        )
    },
];

/// One request.
#[derive(Serialize)]
struct RequestRow<'a> {
    reference: &'a str,
    authority: &'a str,
    authority_id: &'a str,
    title: &'a str,
    received: String,
    clarification: Option<String>,
    due: String,
    extended_due: Option<String>,
    responded: Option<String>,
    on_time: Option<bool>,
    outcome: &'a str,
    outcome_label: &'a str,
    exemptions: Vec<&'a str>,
    refusal_ground: Option<&'a str>,
    url: String,
    review_outcome: Option<&'static str>,
    review_decided: Option<String>,
}

/// One question answered (or, for a refused request, the refusal).
#[derive(Serialize)]
struct QuestionRow<'a> {
    reference: &'a str,
    authority: &'a str,
    authority_id: &'a str,
    received: String,
    responded: Option<String>,
    part: Option<&'a str>,
    contract: Option<&'a str>,
    contract_id: Option<String>,
    number: Option<&'a str>,
    question_id: Option<&'a str>,
    question: Option<&'a str>,
    outcome: &'a str,
    value: Option<String>,
    value_type: Option<&'a str>,
    value_count: Option<u64>,
    value_date: Option<String>,
    amount: Option<f64>,
    currency: Option<&'a str>,
    years_averaged: Option<u32>,
    publication_url: Option<&'a str>,
    exemptions: Vec<&'a str>,
    refusal_ground: Option<&'a str>,
    review_outcome: Option<&'static str>,
    review_decided: Option<String>,
    review_decision: Option<&'static str>,
    /// The part's position in its request, to find the review's decision.
    #[serde(skip)]
    part_number: Option<u64>,
}

/// A CSV cell: text that came from the casebook (a spreadsheet might run it as a formula)
/// or a value foi formatted itself (a date, a number, an id).
enum Cell {
    Text(String),
    Data(String),
}

fn text(value: Option<&str>) -> Cell {
    Cell::Text(value.unwrap_or_default().to_owned())
}

fn data(value: Option<impl ToString>) -> Cell {
    Cell::Data(value.map(|v| v.to_string()).unwrap_or_default())
}

impl RequestRow<'_> {
    fn cells(&self) -> Vec<Cell> {
        vec![
            text(Some(self.reference)),
            text(Some(self.authority)),
            text(Some(self.authority_id)),
            text(Some(self.title)),
            data(Some(&self.received)),
            data(self.clarification.as_ref()),
            data(Some(&self.due)),
            data(self.extended_due.as_ref()),
            data(self.responded.as_ref()),
            data(self.on_time),
            data(Some(self.outcome)),
            data(Some(self.outcome_label)),
            data(Some(self.exemptions.join(" "))),
            data(self.refusal_ground),
            text(Some(&self.url)),
            data(self.review_outcome),
            data(self.review_decided.as_ref()),
        ]
    }
}

impl QuestionRow<'_> {
    fn cells(&self) -> Vec<Cell> {
        vec![
            text(Some(self.reference)),
            text(Some(self.authority)),
            text(Some(self.authority_id)),
            data(Some(&self.received)),
            data(self.responded.as_ref()),
            data(self.part),
            text(self.contract),
            text(self.contract_id.as_deref()),
            text(self.number),
            data(self.question_id),
            text(self.question),
            data(Some(self.outcome)),
            text(self.value.as_deref()),
            data(self.value_type),
            data(self.value_count),
            data(self.value_date.as_ref()),
            data(self.amount),
            data(self.currency),
            data(self.years_averaged),
            text(self.publication_url),
            data(Some(self.exemptions.join(" "))),
            data(self.refusal_ground),
            data(self.review_outcome),
            data(self.review_decided.as_ref()),
            data(self.review_decision),
        ]
    }
}

/// The outcome and date of `entry`'s internal review, once decided.
fn review_of(entry: &Entry) -> (Option<&'static str>, Option<String>) {
    match entry.review.as_ref().filter(|r| r.decided.is_some()) {
        Some(review) => {
            (review.outcome.map(crate::model::ReviewOutcome::as_str), review.decided.map(|d| d.to_string()))
        }
        None => (None, None),
    }
}

/// Where a response's page is: absolute when the site's address is known.
fn page_url(base_url: Option<&str>, name: &str) -> String {
    match base_url {
        Some(base) => format!("{base}/responses/{name}.html"),
        None => format!("responses/{name}.html"),
    }
}

fn request_rows<'a>(entries: &'a [Entry], base_url: Option<&str>) -> Vec<RequestRow<'a>> {
    entries
        .iter()
        .map(|entry| {
            let response = &entry.response;
            RequestRow {
                reference: &response.reference,
                authority: &response.authority.name,
                authority_id: &entry.authority_id,
                title: &response.title,
                received: response.received.to_string(),
                clarification: response.clarification.map(|d| d.to_string()),
                due: response.due.to_string(),
                extended_due: response.extension.as_ref().map(|e| e.due.to_string()),
                responded: response.responded.map(|d| d.to_string()),
                on_time: super::stats::answered_in_time(response),
                outcome: sent_str(entry, "/outcome/code").unwrap_or(response.outcome.code()),
                outcome_label: sent_str(entry, "/outcome/label").unwrap_or(response.outcome.label()),
                exemptions: match &entry.sent {
                    Some(sent) => sent
                        .get("exemptions")
                        .and_then(Json::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(|e| e.get("id").and_then(Json::as_str))
                        .collect(),
                    None => response.notices.iter().map(|n| n.exemption.id.as_str()).collect(),
                },
                refusal_ground: match &entry.sent {
                    Some(_) => sent_str(entry, "/refusal/ground"),
                    None => response.refusal.as_ref().map(|r| r.ground.as_str()),
                },
                url: page_url(base_url, &entry.name),
                review_outcome: review_of(entry).0,
                review_decided: review_of(entry).1,
            }
        })
        .collect()
}

fn question_rows(entries: &[Entry]) -> Vec<QuestionRow<'_>> {
    let mut rows = Vec::new();
    for entry in entries {
        let response = &entry.response;
        let blank = |outcome| QuestionRow {
            reference: &response.reference,
            authority: &response.authority.name,
            authority_id: &entry.authority_id,
            received: response.received.to_string(),
            responded: response.responded.map(|d| d.to_string()),
            part: None,
            contract: None,
            contract_id: None,
            number: None,
            question_id: None,
            question: None,
            outcome,
            value: None,
            value_type: None,
            value_count: None,
            value_date: None,
            amount: None,
            currency: None,
            years_averaged: None,
            publication_url: None,
            exemptions: Vec::new(),
            refusal_ground: None,
            review_outcome: review_of(entry).0,
            review_decided: review_of(entry).1,
            review_decision: None,
            part_number: None,
        };
        let first = rows.len();
        if let Some(sent) = &entry.sent {
            // A reply sent is published as sent: its rows come from its record, as its page
            // does, whatever the casebook says today.
            sent_question_rows(&mut rows, sent, blank);
            decisions(&mut rows[first..], entry);
            continue;
        }
        if let Some(refusal) = &response.refusal {
            // A request refused as a whole answers no question: one row says so.
            rows.push(QuestionRow { refusal_ground: Some(refusal.ground.as_str()), ..blank("refused") });
            continue;
        }
        for part in &response.parts {
            for section in &part.sections {
                for line in &section.answers {
                    let mut row = QuestionRow {
                        part: Some(part.id.as_str()),
                        part_number: u64::try_from(part.number).ok(),
                        contract: section.contract.as_ref().map(|c| c.title.as_str()),
                        contract_id: section
                            .contract
                            .as_ref()
                            .map(|c| format!("{}/{}", entry.authority_id, c.id)),
                        number: line.number.as_deref(),
                        question_id: line.id.map(|id| id.as_str()),
                        question: Some(&line.label),
                        value: line.disclosed.as_ref().map(value_words),
                        publication_url: line.publication.as_ref().map(|p| p.url.as_str()),
                        exemptions: line
                            .withheld
                            .iter()
                            .flat_map(|w| w.exemptions.iter().map(|e| e.id.as_str()))
                            .collect(),
                        ..blank(status_code(line.status))
                    };
                    if let Some(value) = &line.disclosed {
                        typed_value(&mut row, value);
                    }
                    rows.push(row);
                }
            }
        }
        decisions(&mut rows[first..], entry);
    }
    rows
}

/// Each row's decision at `entry`'s decided internal review, by the requester's part and
/// question number.
fn decisions(rows: &mut [QuestionRow], entry: &Entry) {
    let Some(review) = entry.review.as_ref().filter(|r| r.decided.is_some()) else { return };
    for row in rows {
        row.review_decision = review
            .questions
            .iter()
            .find(|q| row.part_number == u64::try_from(q.part).ok() && row.number == Some(q.number.as_str()))
            .map(|q| match q.decision {
                crate::model::ReviewDecision::Upheld => "upheld",
                crate::model::ReviewDecision::Overturned => "overturned",
            });
    }
}

/// A string of the record of `entry`'s reply, at `pointer`.
fn sent_str<'a>(entry: &'a Entry, pointer: &str) -> Option<&'a str> {
    entry.sent.as_ref()?.pointer(pointer)?.as_str()
}

/// The rows of a reply as its record (`foi-response/1`) gives them.
fn sent_question_rows<'a>(
    rows: &mut Vec<QuestionRow<'a>>,
    sent: &'a Json,
    blank: impl Fn(&'a str) -> QuestionRow<'a>,
) {
    let text = |value: &'a Json, key: &str| value.get(key).and_then(Json::as_str);
    if let Some(refusal) = sent.get("refusal").filter(|r| !r.is_null()) {
        rows.push(QuestionRow { refusal_ground: text(refusal, "ground"), ..blank("refused") });
        return;
    }
    let authority_id = blank("").authority_id;
    for question in sent.get("questions").and_then(Json::as_array).into_iter().flatten() {
        let contract = question.get("contract").filter(|c| !c.is_null());
        let value = question.get("value").filter(|v| !v.is_null());
        let mut row = QuestionRow {
            part: text(question, "part"),
            part_number: question.get("part_number").and_then(Json::as_u64),
            contract: contract.and_then(|c| text(c, "title")),
            contract_id: contract.and_then(|c| text(c, "id")).map(|id| format!("{authority_id}/{id}")),
            number: text(question, "number"),
            question_id: text(question, "id"),
            question: text(question, "label"),
            value: value.map(|v| {
                crate::templates::value(minijinja::Value::from(minijinja::value::Serde(v)))
                    .unwrap_or_default()
            }),
            publication_url: question.pointer("/publication/url").and_then(Json::as_str),
            exemptions: question
                .get("withheld")
                .and_then(Json::as_array)
                .into_iter()
                .flatten()
                .flat_map(|w| w.get("exemptions").and_then(Json::as_array).into_iter().flatten())
                .filter_map(|e| text(e, "id"))
                .collect(),
            ..blank(text(question, "status").unwrap_or_default())
        };
        if let Some(value) = value {
            let inner = value.get("value");
            row.value_type = text(value, "type");
            match row.value_type {
                Some("count") => row.value_count = inner.and_then(Json::as_u64),
                Some("date") => row.value_date = inner.and_then(Json::as_str).map(str::to_owned),
                Some("money") => {
                    row.amount = inner.and_then(|m| m.get("amount")).and_then(Json::as_f64);
                    row.currency = inner.and_then(|m| text(m, "currency"));
                    row.years_averaged = inner
                        .and_then(|m| m.get("years"))
                        .and_then(Json::as_u64)
                        .and_then(|y| u32::try_from(y).ok());
                }
                _ => {}
            }
        }
        rows.push(row);
    }
}

/// The machine-readable columns of a disclosed value.
fn typed_value(row: &mut QuestionRow, value: &Value) {
    row.value_type = Some(match value {
        Value::Text(_) => "text",
        Value::Count(count) => {
            if let Count::Number(n) = count {
                row.value_count = Some(*n);
            }
            "count"
        }
        Value::Date(date) => {
            row.value_date = Some(date.to_string());
            "date"
        }
        Value::Money(money) => {
            row.amount = Some(money.amount);
            row.currency = Some(match money.currency {
                crate::model::values::Currency::Gbp => "GBP",
                crate::model::values::Currency::Eur => "EUR",
                crate::model::values::Currency::Usd => "USD",
            });
            row.years_averaged = money.years;
            "money"
        }
        Value::Duration(_) => "duration",
        Value::Contact(_) => "contact",
        Value::List(_) => "list",
    });
}

fn status_code(status: Status) -> &'static str {
    match status {
        Status::Disclosed => "disclosed",
        Status::PartlyWithheld => "partly-withheld",
        Status::Withheld => "withheld",
        Status::NeitherConfirmNorDeny => "neither-confirm-nor-deny",
        Status::NotHeld => "not-held",
        Status::Published => "published",
        Status::NotApplicable => "not-applicable",
    }
}

/// A table as CSV (RFC 4180): UTF-8 with a byte-order mark, so that Excel reads the
/// characters right (without one it assumes the computer's code page and "£" comes out as
/// "Â£"), a header row, CRLF line ends.
fn csv(fields: &[Field], rows: impl Iterator<Item = Vec<Cell>>) -> String {
    let mut out = String::from('\u{feff}');
    let header: Vec<&str> = fields.iter().map(|f| f.name).collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for cells in rows {
        let cells: Vec<String> = cells.iter().map(cell).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One CSV cell: quoted when it holds a comma, quote or line break. Text from the casebook
/// that a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading apostrophe, as OWASP advises against CSV injection; the
/// JSON keeps the text as it is.
fn cell(cell: &Cell) -> String {
    let text = match cell {
        Cell::Text(text) if text.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{text}"),
        Cell::Text(text) | Cell::Data(text) => text.clone(),
    };
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

/// The per-question table as CSV.
pub fn questions_csv(entries: &[Entry]) -> String {
    csv(QUESTION_FIELDS, question_rows(entries).iter().map(QuestionRow::cells))
}

/// The per-request table as CSV.
pub fn requests_csv(entries: &[Entry], base_url: Option<&str>) -> String {
    csv(REQUEST_FIELDS, request_rows(entries, base_url).iter().map(RequestRow::cells))
}

#[derive(Serialize)]
struct Document<'a, R> {
    format: &'static str,
    licence: &'a Licence,
    rows: Vec<R>,
}

fn json_text(document: &impl Serialize) -> anyhow::Result<String> {
    let mut text = serde_json::to_string_pretty(document)?;
    text.push('\n');
    Ok(text)
}

/// The per-question table as JSON: `{"format": "foi-disclosure-log/1", "licence", "rows"}`.
pub fn questions_json(entries: &[Entry], licence: &Licence) -> anyhow::Result<String> {
    json_text(&Document { format: QUESTIONS_FORMAT, licence, rows: question_rows(entries) })
}

/// The per-request table as JSON: `{"format": "foi-disclosure-log-requests/1", …}`.
pub fn requests_json(entries: &[Entry], licence: &Licence, base_url: Option<&str>) -> anyhow::Result<String> {
    json_text(&Document { format: REQUESTS_FORMAT, licence, rows: request_rows(entries, base_url) })
}

/// `datapackage.json`: the Data Package (Frictionless Data, v1) describing both tables in
/// both formats, with the licence and the publishers.
pub fn package(about: &Package) -> anyhow::Result<String> {
    #[derive(Serialize)]
    struct Descriptor<'a> {
        profile: &'static str,
        name: &'static str,
        title: &'a str,
        description: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        homepage: Option<String>,
        licenses: Vec<LicenceRef<'a>>,
        contributors: Vec<Contributor<'a>>,
        keywords: [&'static str; 3],
        resources: Vec<Resource>,
    }
    #[derive(Serialize)]
    struct LicenceRef<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<&'a str>,
        path: &'a str,
        title: &'a str,
    }
    #[derive(Serialize)]
    struct Contributor<'a> {
        title: &'a str,
        role: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        path: Option<&'a str>,
    }
    let mut resources = Vec::new();
    for (name, title, (csv_path, json_path), format, fields, keys) in [
        (
            "requests",
            "Requests",
            REQUESTS_FILES,
            REQUESTS_FORMAT,
            REQUEST_FIELDS,
            Keys::Primary(&["reference"]),
        ),
        (
            "questions",
            "Questions answered",
            QUESTIONS_FILES,
            QUESTIONS_FORMAT,
            QUESTION_FIELDS,
            Keys::Foreign("requests", &["reference"]),
        ),
    ] {
        resources.push(Resource::csv(name, title, csv_path, fields, keys));
        resources.push(Resource::json(name, title, json_path, format, fields));
    }
    json_text(&Descriptor {
        profile: "data-package",
        name: "foi-disclosure-log",
        title: about.title,
        description: "Responses to requests for information published on the disclosure log: one row per request, and one row per question answered. Requesters' details and withheld information are never included.",
        homepage: about.base_url.map(|base| format!("{base}/index.html")),
        licenses: vec![LicenceRef {
            name: about.licence.id.as_deref(),
            path: &about.licence.url,
            title: &about.licence.title,
        }],
        contributors: about
            .publishers
            .iter()
            .map(|(title, path)| Contributor { title, role: "publisher", path: *path })
            .collect(),
        keywords: ["freedom of information", "disclosure log", "FOI"],
        resources,
    })
}

/// A table's keys in the Data Package.
enum Keys {
    Primary(&'static [&'static str]),
    Foreign(&'static str, &'static [&'static str]),
}

/// One file, as the Data Package describes it.
#[derive(Serialize)]
struct Resource {
    name: String,
    path: &'static str,
    profile: &'static str,
    title: String,
    description: String,
    format: &'static str,
    mediatype: &'static str,
    encoding: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    dialect: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schema: Option<serde_json::Value>,
}

impl Resource {
    fn csv(name: &str, title: &str, path: &'static str, fields: &[Field], keys: Keys) -> Self {
        let mut schema = serde_json::json!({
            "fields": fields.iter().map(schema_field).collect::<Vec<_>>(),
            "missingValues": [""],
        });
        match keys {
            Keys::Primary(key) => schema["primaryKey"] = serde_json::json!(key),
            Keys::Foreign(resource, key) => {
                schema["foreignKeys"] = serde_json::json!([{
                    "fields": key,
                    "reference": {"resource": resource, "fields": key},
                }]);
            }
        }
        Self {
            name: name.to_owned(),
            path,
            profile: "tabular-data-resource",
            title: format!("{title} (CSV)"),
            description: "CSV (RFC 4180) in UTF-8 with a byte-order mark, so that spreadsheets read it as UTF-8. Text that a spreadsheet would take for a formula (starting =, +, -, @) is prefixed with an apostrophe; the JSON has it unchanged.".to_owned(),
            format: "csv",
            mediatype: "text/csv",
            encoding: "utf-8",
            dialect: Some(serde_json::json!({
                "delimiter": ",",
                "doubleQuote": true,
                "header": true,
                "lineTerminator": "\r\n",
                "quoteChar": "\"",
            })),
            schema: Some(schema),
        }
    }

    fn json(name: &str, title: &str, path: &'static str, format: &str, fields: &[Field]) -> Self {
        let columns: Vec<&str> = fields.iter().map(|f| f.name).collect();
        Self {
            name: format!("{name}-json"),
            path,
            profile: "data-resource",
            title: format!("{title} (JSON)"),
            description: format!(
                "The same rows as JSON: an object with `format` (\"{format}\", whose number is the version of this shape: fields may be added, none renamed or removed without a new version), `licence` and `rows`, each row an object with the keys {}. Dates are strings YYYY-MM-DD, counts and amounts numbers, `on_time` true or false, `exemptions` a list of ids; a value not given is null.",
                columns.join(", ")
            ),
            format: "json",
            mediatype: "application/json",
            encoding: "utf-8",
            dialect: None,
            schema: None,
        }
    }
}

fn schema_field(field: &Field) -> serde_json::Value {
    let mut out = serde_json::json!({
        "name": field.name,
        "type": field.kind,
        "description": field.description,
    });
    if field.kind == Kind::Date {
        out["format"] = serde_json::json!("%Y-%m-%d");
    }
    let mut constraints = serde_json::Map::new();
    if field.required {
        constraints.insert("required".into(), true.into());
    }
    if !field.values.is_empty() {
        constraints.insert("enum".into(), serde_json::json!(field.values));
    }
    if let Some(pattern) = field.pattern {
        constraints.insert("pattern".into(), pattern.into());
    }
    if matches!(field.kind, Kind::Integer | Kind::Number) {
        constraints.insert("minimum".into(), 0.into());
    }
    if !constraints.is_empty() {
        out["constraints"] = serde_json::Value::Object(constraints);
    }
    out
}

/// The stable id of an authority in the open data: its register code when foi.yaml gives
/// one, otherwise its name in lower case with hyphens.
pub fn authority_id(code: Option<&crate::casebook::AuthorityCode>, name: &str) -> String {
    match code {
        Some(code) => format!("{}:{}", code.scheme(), code.code()),
        None => super::feed::slug(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        let text = |t: &str| cell(&Cell::Text(t.to_owned()));
        assert_eq!(text("plain"), "plain");
        assert_eq!(text("a, b"), "\"a, b\"");
        assert_eq!(text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(text("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(text("-1,2"), "\"'-1,2\"");
        assert_eq!(text("@cmd"), "'@cmd");
        // Values foi wrote itself are never touched.
        assert_eq!(cell(&Cell::Data("2022-12-09".to_owned())), "2022-12-09");
    }

    #[test]
    fn every_column_is_declared_once_in_json_order() {
        for fields in [REQUEST_FIELDS, QUESTION_FIELDS] {
            let mut names: Vec<&str> = fields.iter().map(|f| f.name).collect();
            let count = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), count, "a column is declared twice");
        }
        let licence = Licence::open_government();
        let request = RequestRow {
            reference: "R",
            authority: "A",
            authority_id: "a",
            title: "T",
            received: "2024-01-02".into(),
            clarification: None,
            due: "2024-01-30".into(),
            extended_due: None,
            responded: None,
            on_time: None,
            outcome: "granted-in-full",
            outcome_label: "Granted in full",
            exemptions: vec![],
            refusal_ground: None,
            url: "responses/R.html".into(),
            review_outcome: None,
            review_decided: None,
        };
        let value = serde_json::to_value(&request).expect("json");
        let names: Vec<&str> = REQUEST_FIELDS.iter().map(|f| f.name).collect();
        let mut keys: Vec<String> =
            value.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
        let mut expected: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        keys.sort();
        expected.sort();
        assert_eq!(keys, expected);
        assert_eq!(request.cells().len(), REQUEST_FIELDS.len());
        assert!(licence.id.is_some());
    }
}
