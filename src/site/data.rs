//! Open data: one row per question answered, as CSV and JSON.
//!
//! Each row gives the request's reference and authority, the part and question (the
//! requester's number, our question id and label), the contract, how it was answered, the
//! value when it was disclosed (in words, as the letter gives it) and the exemptions relied
//! on. Withheld values are never here: the public response does not hold them. A request
//! refused as a whole (s.12, s.14) answers no question: it is one row, with its outcome and
//! no exemptions, since those refusals are not exemptions.

use serde::Serialize;

use super::Entry;
use crate::templates::value_words;

/// The version of the JSON shape.
pub const FORMAT: &str = "foi-disclosure-log/1";

/// One question answered.
#[derive(Serialize)]
struct Row<'a> {
    reference: &'a str,
    authority: &'a str,
    received: String,
    responded: Option<String>,
    part: &'a str,
    contract: Option<&'a str>,
    number: Option<&'a str>,
    question_id: Option<&'a str>,
    question: &'a str,
    outcome: &'a str,
    value: Option<String>,
    exemptions: Vec<&'a str>,
}

const HEADER: [&str; 12] = [
    "reference",
    "authority",
    "received",
    "responded",
    "part",
    "contract",
    "number",
    "question_id",
    "question",
    "outcome",
    "value",
    "exemptions",
];

fn rows(entries: &[Entry]) -> Vec<Row<'_>> {
    let mut rows = Vec::new();
    for entry in entries {
        let response = &entry.response;
        if response.refusal.is_some() {
            rows.push(Row {
                reference: &response.reference,
                authority: &response.authority.name,
                received: response.received.to_string(),
                responded: response.responded.map(|d| d.to_string()),
                part: "",
                contract: None,
                number: None,
                question_id: None,
                question: "",
                outcome: response.outcome.code(),
                value: None,
                exemptions: Vec::new(),
            });
            continue;
        }
        for part in &response.parts {
            for section in &part.sections {
                for line in &section.answers {
                    rows.push(Row {
                        reference: &response.reference,
                        authority: &response.authority.name,
                        received: response.received.to_string(),
                        responded: response.responded.map(|d| d.to_string()),
                        part: part.id.as_str(),
                        contract: section.contract.as_ref().map(|c| c.title.as_str()),
                        number: line.number.as_deref(),
                        question_id: line.id.map(|id| id.as_str()),
                        question: &line.label,
                        outcome: status_code(line.status),
                        value: line.disclosed.as_ref().map(value_words),
                        exemptions: line
                            .withheld
                            .iter()
                            .flat_map(|w| w.exemptions.iter().map(|e| e.id.as_str()))
                            .collect(),
                    });
                }
            }
        }
    }
    rows
}

fn status_code(status: crate::response::Status) -> &'static str {
    use crate::response::Status::*;
    match status {
        Disclosed => "disclosed",
        PartlyWithheld => "partly-withheld",
        Withheld => "withheld",
        NeitherConfirmNorDeny => "neither-confirm-nor-deny",
        NotHeld => "not-held",
        Published => "published",
        NotApplicable => "not-applicable",
    }
}

/// The rows as CSV (RFC 4180), with a header row.
pub fn csv(entries: &[Entry]) -> String {
    let mut out = String::new();
    out.push_str(&HEADER.join(","));
    out.push_str("\r\n");
    for row in rows(entries) {
        let fields = [
            row.reference.to_owned(),
            row.authority.to_owned(),
            row.received,
            row.responded.unwrap_or_default(),
            row.part.to_owned(),
            row.contract.unwrap_or_default().to_owned(),
            row.number.unwrap_or_default().to_owned(),
            row.question_id.unwrap_or_default().to_owned(),
            row.question.to_owned(),
            row.outcome.to_owned(),
            row.value.unwrap_or_default(),
            row.exemptions.join(" "),
        ];
        let cells: Vec<String> = fields.iter().map(|f| cell(f)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One CSV cell: quoted when it holds a comma, quote or line break. A cell a spreadsheet
/// would run as a formula (starting `=`, `+`, `-`, `@`) gets a leading apostrophe.
fn cell(text: &str) -> String {
    let text =
        if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() };
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

/// The rows as JSON: `{"format": "foi-disclosure-log/1", "rows": [...]}`.
pub fn json(entries: &[Entry]) -> anyhow::Result<String> {
    #[derive(Serialize)]
    struct Document<'a> {
        format: &'static str,
        rows: Vec<Row<'a>>,
    }
    let mut text = serde_json::to_string_pretty(&Document { format: FORMAT, rows: rows(entries) })?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("-1,2"), "\"'-1,2\"");
    }
}
