//! The letter as data for the Typst template (`templates/letter.typ`): the resolved response
//! with every phrase the Markdown templates make through filters (dates in words, values in
//! words, exemptions cited, questions in the requester's numbering) already made, by the same
//! filter functions, so the PDF says what the Markdown says.
//!
//! It decides nothing and writes no sentence of the letter: the wording lives in the template.
//! Every string here is data: the template prints it as text and never evaluates it as Typst
//! markup, so `#`, `$`, `*`, `_`, `@`, `<`, `>`, `[`, `]` and `\` in a casebook print literally.

use minijinja::value::Value as Jinja;
use serde::Serialize;

use crate::jurisdiction::Act;
use crate::model::values::SeniorOfficer;
use crate::model::values::{Date, Value};
use crate::model::{Jurisdiction, Layout, Publication, TeamContact};
use crate::response::{AnswerLine, QuestionRefs, Response, SectionKind, Status, Withholding};
use crate::templates;

/// The version of the letter data's shape, so a casebook's own `letter.typ` can check it.
pub const FORMAT: &str = "foi-letter/1";

/// The letter's data, serialised to JSON for the template.
#[derive(Debug, Serialize)]
pub struct Letter<'a> {
    format: &'static str,
    reference: &'a str,
    title: &'a str,
    /// The PDF's title: the same as the HTML page's.
    document_title: String,
    /// The document's date in the PDF metadata: the date of the response, or for a draft the
    /// date received. Never the clock, so the same casebook makes the same bytes.
    date: DateParts,
    authority: Authority<'a>,
    jurisdiction: Jurisdiction,
    act: &'a Act,
    dates: Dates,
    requester: Option<Requester<'a>>,
    layout: Layout,
    outcome: &'static str,
    parts: Vec<Part<'a>>,
    notices: Vec<Notice<'a>>,
    refusal: Option<Refusal<'a>>,
}

#[derive(Debug, Serialize)]
struct DateParts {
    year: i32,
    month: u32,
    day: u32,
}

#[derive(Debug, Serialize)]
struct Authority<'a> {
    name: &'a str,
    address: &'a [String],
    website: Option<&'a str>,
    foi_team: &'a TeamContact,
    internal_review: &'a TeamContact,
    /// The signature block, line by line, as letter.md builds it.
    signed: Vec<String>,
    /// The logo's path in the Typst project (the casebook root), or none.
    logo: Option<String>,
}

#[derive(Debug, Serialize)]
struct Dates {
    received: String,
    clarification: Option<String>,
    due: String,
    extension_due: Option<String>,
    responded: Option<String>,
}

#[derive(Debug, Serialize)]
struct Requester<'a> {
    name: Option<&'a str>,
    address: &'a [String],
}

#[derive(Debug, Serialize)]
struct Part<'a> {
    number: usize,
    title: &'a str,
    sections: Vec<Section<'a>>,
}

#[derive(Debug, Serialize)]
struct Section<'a> {
    kind: SectionKind,
    contract: Option<&'a str>,
    statement: Option<&'a str>,
    /// For a no-contracts section: "questions 1 to 10".
    questions: Option<String>,
    answers: Vec<Answer<'a>>,
}

#[derive(Debug, Serialize)]
struct Answer<'a> {
    number: Option<&'a str>,
    label: &'a str,
    text: &'a str,
    status: Status,
    /// What is disclosed, in words.
    value: Option<String>,
    /// For a partly withheld contract owner: what is given.
    contact: Option<PartialContact<'a>>,
    withheld: Vec<Withheld>,
    explanation: Option<&'a str>,
    publication: Option<&'a Publication>,
}

#[derive(Debug, Serialize)]
struct PartialContact<'a> {
    job_title: Option<&'a str>,
    senior_officer: Option<&'a SeniorOfficer>,
}

#[derive(Debug, Serialize)]
struct Withheld {
    /// "name, telephone number and email address"; empty when the whole answer is withheld.
    items: String,
    /// How many items, for "is" or "are".
    count: usize,
    /// "section 43(2) (commercial interests)".
    cited: String,
}

#[derive(Debug, Serialize)]
struct Notice<'a> {
    citation: &'a str,
    title: &'a str,
    /// The citation mid-sentence: "section 43(2)".
    section: String,
    kind: crate::exemptions::ExemptionKind,
    /// "questions 1 and 2 in both parts".
    questions: String,
    neither_confirm_nor_deny: bool,
    /// The provision lifting the duty to confirm or deny, mid-sentence.
    ncnd: Option<String>,
    explanation: &'a [String],
    reasons: &'a [String],
    public_interest: Option<&'a crate::exemptions::PublicInterest>,
    guidance: &'a str,
}

#[derive(Debug, Serialize)]
struct Refusal<'a> {
    ground: &'a str,
    section: String,
    title: &'a str,
    explanation: &'a [String],
    hours: Option<String>,
    limit_pounds: String,
    hourly_rate: u32,
    limit_hours: String,
    basis: Option<&'a str>,
    advice: Option<&'a str>,
    reason: Option<&'a str>,
    previous: Option<&'a str>,
}

/// Builds the letter's data from a response resolved for the requester. `logo` is the logo's
/// path in the Typst project, if the letterhead has one.
pub fn letter(response: &Response, logo: Option<String>) -> anyhow::Result<Letter<'_>> {
    let authority = &response.authority;
    let signature = &authority.signature;
    let mut signed: Vec<String> = [&signature.name, &signature.job_title, &signature.team]
        .into_iter()
        .filter_map(|line| line.clone().filter(|l| !l.is_empty()))
        .collect();
    match &authority.shared_service {
        Some(service) => signed.extend([service.clone(), format!("on behalf of {}", authority.name)]),
        None => signed.push(authority.name.clone()),
    }
    let dated = response.responded.unwrap_or(response.received).0;
    let mut letter = Letter {
        format: FORMAT,
        reference: &response.reference,
        title: &response.title,
        document_title: format!("{}: {} – {}", response.reference, response.title, authority.name),
        date: DateParts {
            year: chrono::Datelike::year(&dated),
            month: chrono::Datelike::month(&dated),
            day: chrono::Datelike::day(&dated),
        },
        authority: Authority {
            name: &authority.name,
            address: &authority.address,
            website: authority.website.as_deref(),
            foi_team: &authority.foi_team,
            internal_review: &authority.internal_review,
            signed,
            logo,
        },
        jurisdiction: response.jurisdiction,
        act: response.act,
        dates: Dates {
            received: words(response.received)?,
            clarification: response.clarification.map(words).transpose()?,
            due: words(response.due)?,
            extension_due: response.extension.as_ref().map(|e| words(e.due)).transpose()?,
            responded: response.responded.map(words).transpose()?,
        },
        requester: response
            .requester
            .as_ref()
            .map(|r| Requester { name: r.name.as_deref(), address: &r.address }),
        layout: response.layout,
        outcome: response.outcome.code(),
        parts: Vec::with_capacity(response.parts.len()),
        notices: Vec::with_capacity(response.notices.len()),
        refusal: None,
    };
    for part in &response.parts {
        let mut sections = Vec::with_capacity(part.sections.len());
        for section in &part.sections {
            sections.push(Section {
                kind: section.kind,
                contract: section.contract.as_ref().map(|c| c.title.as_str()),
                statement: section.statement.as_deref(),
                questions: section.questions.as_ref().map(questions).transpose()?,
                answers: section.answers.iter().map(answer).collect::<anyhow::Result<_>>()?,
            });
        }
        letter.parts.push(Part { number: part.number, title: &part.title, sections });
    }
    for notice in &response.notices {
        let e = &notice.exemption;
        letter.notices.push(Notice {
            citation: &e.citation,
            title: &e.title,
            section: phrase(templates::section_ref, &e.citation)?,
            kind: e.kind,
            questions: questions(&notice.questions)?,
            neither_confirm_nor_deny: notice.neither_confirm_nor_deny,
            ncnd: e.ncnd.as_ref().map(|n| phrase(templates::section_ref, n)).transpose()?,
            explanation: &e.explanation,
            reasons: &notice.reasons,
            public_interest: notice.public_interest.as_ref(),
            guidance: &e.guidance,
        });
    }
    if let Some(refusal) = &response.refusal {
        let number = |x: f64| templates::number(Jinja::from(x));
        letter.refusal = Some(Refusal {
            ground: &refusal.ground,
            section: phrase(templates::section_ref, &refusal.exemption.citation)?,
            title: &refusal.exemption.title,
            explanation: &refusal.exemption.explanation,
            hours: refusal.hours.map(number),
            limit_pounds: templates::number(Jinja::from(refusal.limit_pounds)),
            hourly_rate: refusal.hourly_rate,
            limit_hours: number(refusal.limit_hours),
            basis: refusal.basis.as_deref(),
            advice: refusal.advice.as_deref(),
            reason: refusal.reason.as_deref(),
            previous: refusal.previous.as_deref(),
        });
    }
    Ok(letter)
}

fn answer(line: &AnswerLine) -> anyhow::Result<Answer<'_>> {
    let contact = match (&line.status, &line.disclosed) {
        (Status::PartlyWithheld, Some(Value::Contact(c))) => Some(PartialContact {
            job_title: c.job_title.as_deref(),
            senior_officer: c.senior_officer.as_ref(),
        }),
        _ => None,
    };
    let value = match (&contact, &line.disclosed) {
        (None, Some(disclosed)) => Some(phrase(templates::value, disclosed)?),
        _ => None,
    };
    Ok(Answer {
        number: line.number.as_deref(),
        label: &line.label,
        text: &line.text,
        status: line.status,
        value,
        contact,
        withheld: line.withheld.iter().map(withheld).collect::<anyhow::Result<_>>()?,
        explanation: line.explanation.as_deref(),
        publication: line.publication.as_ref(),
    })
}

fn withheld(w: &Withholding) -> anyhow::Result<Withheld> {
    Ok(Withheld {
        items: phrase(templates::join_and, &w.items)?,
        count: w.items.len(),
        cited: phrase(templates::cited, &w.exemptions)?,
    })
}

fn questions(refs: &QuestionRefs) -> anyhow::Result<String> {
    phrase(templates::questions, refs)
}

/// `2022-11-25` → `25 November 2022`, as the `uk_date` filter writes it.
fn words(date: Date) -> anyhow::Result<String> {
    Ok(templates::uk_date(&date.0.format("%Y-%m-%d").to_string())?)
}

/// Runs a template filter on a value, as a template would.
fn phrase<T: Serialize + ?Sized>(
    filter: fn(Jinja) -> Result<String, minijinja::Error>,
    value: &T,
) -> anyhow::Result<String> {
    filter(Jinja::from(minijinja::value::Serde(value))).map_err(|err| anyhow::anyhow!("{err:#}"))
}
