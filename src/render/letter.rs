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
    /// The kind of letter: `response`, or an earlier stage's letter.
    letter: &'static str,
    /// That stage's facts, in words; absent from the response.
    #[serde(skip_serializing_if = "Option::is_none")]
    stage: Option<StageData<'a>>,
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
    /// Whether the reply is late (s.10(1)), so the letter apologises.
    late: bool,
    /// A public interest extension: why it was needed.
    extension_reason: Option<&'a str>,
    /// A public interest extension: the further working days.
    extension_days: Option<u32>,
    /// The section under which the letter gives notice that information is not held.
    not_held_notice: Option<&'a str>,
    parts: Vec<Part<'a>>,
    notices: Vec<Notice<'a>>,
    refusal: Option<Refusal<'a>>,
}

/// A stage's facts as the letter prints them (see [`crate::response::Stage`]).
#[derive(Debug, Serialize)]
struct StageData<'a> {
    /// The date on the letter in words, or none for a draft.
    dated: Option<String>,
    working_days: Option<u32>,
    /// Day 0 of the count, in words.
    counted_from: Option<String>,
    /// Days left out of the count: (date in words, name).
    skipped: Vec<(String, &'a str)>,
    points: &'a [String],
    closes: Option<String>,
    closes_after_months: Option<u32>,
    considering: Vec<Considered<'a>>,
    neutral: bool,
    review: Option<ReviewData<'a>>,
}

#[derive(Debug, Serialize)]
struct ReviewData<'a> {
    requested: String,
    due: String,
    late: bool,
    working_days: u32,
    outcome: Option<&'a str>,
    /// The date the reviewed reply was sent, in words, when its record is kept.
    sent: Option<String>,
    questions: &'a [crate::response::ReviewedQuestionView],
    reasons: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct Considered<'a> {
    citation: &'a str,
    title: &'a str,
    explanation: &'a [String],
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
    /// The name mid-sentence.
    in_text: &'a str,
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
    /// When the s.17(2) notice was sent.
    extension_notice: Option<String>,
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
    /// Whether the notice covers more than one question.
    several: bool,
    neither_confirm_nor_deny: bool,
    /// The provision lifting the duty to confirm or deny, mid-sentence.
    ncnd: Option<String>,
    /// The same, at the start of a sentence.
    ncnd_citation: Option<&'a str>,
    explanation: &'a [String],
    /// Case-specific reasons, each with the questions it is given for when not all.
    reasons: Vec<String>,
    public_interest: Option<&'a crate::exemptions::PublicInterest>,
    guidance: &'a str,
}

#[derive(Debug, Serialize)]
struct Refusal<'a> {
    ground: &'a str,
    section: String,
    title: &'a str,
    /// The section the notice is given under.
    notice: &'a str,
    /// What was asked: a heading per part and a line per question.
    asked: Vec<AskedPart>,
    explanation: &'a [String],
    hours: Option<String>,
    /// The estimated cost, "£775".
    cost: Option<String>,
    limit_pounds: String,
    limit_name: &'a str,
    hourly_rate: u32,
    rate_is_maximum: bool,
    limit_hours: String,
    basis: Option<&'a str>,
    advice: Option<&'a str>,
    reason: Option<&'a str>,
    previous: Option<&'a str>,
    /// s.14(2): the earlier request, its dates in words.
    earlier: Option<Earlier<'a>>,
    guidance: &'a str,
}

#[derive(Debug, Serialize)]
struct AskedPart {
    heading: String,
    questions: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Earlier<'a> {
    reference: &'a str,
    received: String,
    responded: String,
}

fn stage_data(stage: &crate::response::Stage) -> anyhow::Result<StageData<'_>> {
    let empty: &[String] = &[];
    Ok(StageData {
        dated: stage.dated.map(words).transpose()?,
        working_days: stage.counted.as_ref().map(|c| c.working_days),
        counted_from: stage.counted.as_ref().map(|c| words(c.from)).transpose()?,
        skipped: match &stage.counted {
            Some(counted) => counted
                .skipped
                .iter()
                .map(|day| Ok((words(day.date)?, day.name.as_str())))
                .collect::<anyhow::Result<_>>()?,
            None => Vec::new(),
        },
        points: stage.clarification.as_ref().map_or(empty, |c| c.points.as_slice()),
        closes: stage.clarification.as_ref().map(|c| words(c.closes)).transpose()?,
        closes_after_months: stage.clarification.as_ref().map(|c| c.closes_after_months),
        considering: stage
            .considering
            .iter()
            .map(|e| Considered { citation: &e.citation, title: &e.title, explanation: &e.explanation })
            .collect(),
        neutral: stage.neutral,
        review: match &stage.review {
            Some(review) => Some(ReviewData {
                requested: words(review.requested)?,
                due: words(review.due)?,
                late: review.late,
                working_days: review.working_days,
                outcome: review.outcome,
                sent: review.sent.map(words).transpose()?,
                questions: &review.questions,
                reasons: review.reasons.as_deref(),
            }),
            None => None,
        },
    })
}

/// Builds the letter's data from a response resolved for the requester. `logo` is the logo's
/// path in the Typst project, if the letterhead has one.
pub fn letter(response: &Response, logo: Option<String>) -> anyhow::Result<Letter<'_>> {
    let authority = &response.authority;
    let signature = &authority.signature;
    let present = |line: &Option<String>| line.clone().filter(|l| !l.is_empty());
    let mut signed: Vec<String> =
        [&signature.name, &signature.job_title].into_iter().filter_map(present).collect();
    if let Some(service) = &authority.shared_service {
        signed.push(format!("{service}, on behalf of"));
    }
    signed.extend(present(&signature.team));
    signed.push(authority.name.clone());
    let stage = response.stage.as_ref();
    let dated = stage.and_then(|s| s.dated).or(response.responded).unwrap_or(response.received).0;
    let stage = stage.map(stage_data).transpose()?;
    let mut letter = Letter {
        format: FORMAT,
        letter: response.letter.id,
        stage,
        reference: &response.reference,
        title: &response.title,
        document_title: response.document_title.clone(),
        date: DateParts {
            year: chrono::Datelike::year(&dated),
            month: chrono::Datelike::month(&dated),
            day: chrono::Datelike::day(&dated),
        },
        authority: Authority {
            name: &authority.name,
            in_text: &authority.in_text,
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
            extension_notice: response.extension.as_ref().map(|e| words(e.notice_sent)).transpose()?,
            responded: response.responded.map(words).transpose()?,
        },
        requester: response
            .requester
            .as_ref()
            .map(|r| Requester { name: r.name.as_deref(), address: &r.address }),
        layout: response.layout,
        outcome: response.outcome.code(),
        late: response.late,
        extension_reason: response.extension.as_ref().map(|e| e.reason.as_str()),
        extension_days: response.extension.as_ref().map(|e| e.days),
        not_held_notice: response.not_held_notice.as_deref(),
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
            several: notice.applies_to.len() > 1,
            neither_confirm_nor_deny: notice.neither_confirm_nor_deny,
            ncnd: e.ncnd.as_ref().map(|n| phrase(templates::section_ref, n)).transpose()?,
            ncnd_citation: e.ncnd.as_deref(),
            explanation: &e.explanation,
            reasons: notice
                .case_reasons
                .iter()
                .map(|reason| {
                    if reason.all {
                        return Ok(reason.text.clone());
                    }
                    let which = questions(&reason.questions)?;
                    Ok(format!("{}: {}", templates::ucfirst_str(&which), reason.text))
                })
                .collect::<anyhow::Result<_>>()?,
            public_interest: notice.public_interest.as_ref(),
            guidance: &e.guidance,
        });
    }
    if let Some(refusal) = &response.refusal {
        let number = |x: f64| templates::number(Jinja::from(x));
        let several = refusal.asked.len() > 1;
        letter.refusal = Some(Refusal {
            ground: &refusal.ground,
            section: phrase(templates::section_ref, &refusal.exemption.citation)?,
            title: &refusal.exemption.title,
            notice: &refusal.notice,
            asked: refusal
                .asked
                .iter()
                .map(|part| AskedPart {
                    heading: if several {
                        format!("Part {}: {}", part.number, part.title)
                    } else {
                        part.title.clone()
                    },
                    questions: part
                        .questions
                        .iter()
                        .map(|q| match &q.number {
                            Some(n) => format!("{} (question {n})", q.label),
                            None => q.label.clone(),
                        })
                        .collect(),
                })
                .collect(),
            explanation: &refusal.exemption.explanation,
            hours: refusal.hours.map(number),
            cost: refusal.cost.map(templates::pounds),
            limit_pounds: templates::number(Jinja::from(refusal.limit_pounds)),
            limit_name: &refusal.limit_name,
            hourly_rate: refusal.hourly_rate,
            rate_is_maximum: refusal.rate_is_maximum,
            limit_hours: number(refusal.limit_hours),
            basis: refusal.basis.as_deref(),
            advice: refusal.advice.as_deref(),
            reason: refusal.reason.as_deref(),
            previous: refusal.previous.as_deref(),
            earlier: refusal
                .earlier
                .as_ref()
                .map(|e| -> anyhow::Result<Earlier<'_>> {
                    Ok(Earlier {
                        reference: &e.reference,
                        received: words(e.received)?,
                        responded: words(e.responded)?,
                    })
                })
                .transpose()?,
            guidance: &refusal.exemption.guidance,
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
