//! Intake: a pasted round-robin request turned into its questions, each mapped to the
//! canonical questionnaire.
//!
//! The pipeline reads top to bottom:
//!
//! ```text
//! bytes → text (clean lines, what each line is) → messages (which one is the request)
//!       → requester (name and email, taken out of the text) → pages (PDF furniture)
//!       → table (rows to numbered lines) → outline (paragraphs, lists)
//!       → parts (what each list is) → matching (canonical id, confidence)
//!       → assign (one question per id) → Intake → JSON, or a request-file draft
//! ```
//!
//! Nothing here touches the disk or the casebook; `lib::intake` reads the input and
//! `draft` is handed the casebook's contracts. A match below [`REVIEW_BELOW`] is never
//! given to the officer as settled: the draft leaves its id out, with the guess beside it.

mod assign;
pub mod draft;
mod lexicon;
pub mod matching;
pub mod messages;
pub mod numbering;
pub mod outline;
pub mod pages;
pub mod parts;
pub mod requester;
pub mod table;
pub mod text;
mod walk;

use serde::Serialize;

use crate::questionnaire::{PartId, QuestionId};
use crate::report::{Finding, Severity};
use crate::source::Location;
use matching::Match;
use requester::Requester;

/// Below this confidence a match is marked for review and its id left out of the draft.
///
/// At 0.6 the winner holds well over half of the evidence against every other question and
/// "none of these" together. On the corpora in `tests/intake/` and `tests/intake/forms/`
/// (requests as they really arrive: PDF text, HTML email, tables, Welsh) every right
/// mapping scores at least 0.64 (unlabelled wording such as "Are there any plans to
/// change…" is the lowest; labels score 0.95 and more), while the ambiguous questions we
/// tried fall below it: "Number of staff" (agents, sites or email users: 0.30), "Number of
/// calls per year" (0.41), "the date the contract started" (a date, but not one the
/// questionnaire asks: 0.46). Higher, and correct unlabelled questions would be sent to
/// review for nothing; lower, and a two-way tie would pass as settled.
pub const REVIEW_BELOW: f64 = 0.6;

/// Largest request text intake reads: a pasted request is a few kilobytes.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// What a numbered item of the request is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A question of a part.
    Question,
    /// A description of what the contracts cover (`0800 numbers`, `Routing of calls`).
    Scope,
    /// A list of the parts asked, or a heading naming one.
    Parts,
    /// An unnumbered paragraph after a part's questions that asks a questionnaire question
    /// ("Please add any further comments…"); offered in the draft, not in the JSON.
    Unnumbered,
}

/// One item found in the request.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// What it is.
    pub kind: Kind,
    /// The part whose question it is (`None` for scope and parts lists).
    pub part: Option<PartId>,
    /// The requester's number without punctuation or keyword; `None` for bullets.
    pub number: Option<String>,
    /// The requester's label, when there is one.
    pub label: Option<String>,
    /// The wording after the label (all of it when there is no label).
    pub body: String,
    /// The whole text as the requester wrote it, without the number.
    pub text: String,
    /// Line in the input where it starts.
    pub line: usize,
    /// The match within its part (no id for scope and parts lists).
    pub matched: Match,
    /// For a question with no id: a question of the *other* part it looks like.
    pub elsewhere: Option<(QuestionId, f64)>,
    /// The evidence behind `matched`, for telling look-alike questions apart.
    pub(crate) evidence: Option<matching::Evidence>,
}

impl Found {
    /// Whether the match is too weak to trust without the officer's review.
    pub fn needs_review(&self) -> bool {
        self.matched.id.is_some() && self.matched.confidence < REVIEW_BELOW
    }
}

/// A part the request asks, in the requester's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartFound {
    /// Which part.
    pub part: PartId,
    /// The requester's short heading for it, if any.
    pub title: Option<String>,
    /// The scope items listed for it.
    pub scope: Vec<String>,
    /// Whether the request never says which part its questions are about.
    pub guessed: bool,
    /// The part whose questions this one asks again ("the same information for…").
    pub repeated_from: Option<PartId>,
}

/// Everything intake found in a request, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct Intake {
    /// Items found, in document order.
    pub found: Vec<Found>,
    /// The parts asked, in the order their questions first appear.
    pub parts: Vec<PartFound>,
    /// Who sent it, as far as the text says.
    pub requester: Requester,
}

/// Reads a request text.
pub fn read(input: &str) -> Intake {
    let canonical = text::canonical(input);
    let mut lines = text::lines(&canonical);
    let request = messages::request(&mut lines);
    let requester = requester::find(&mut lines, request);
    if !requester.is_empty() {
        for line in lines.iter_mut().filter(|l| !l.text.is_empty()) {
            line.text = requester::scrub(&line.text, &requester);
        }
    }
    let lines = table::rows(pages::repair(lines));
    let mut intake = walk::walk(&outline::outline(&lines));
    intake.scrub(&requester);
    intake.requester = requester;
    intake
}

/// The `--format json` output.
#[derive(Debug, Serialize)]
struct JsonIntake<'a> {
    questions: Vec<JsonQuestion<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonQuestion<'a> {
    part: Option<PartId>,
    number: Option<&'a str>,
    id: Option<QuestionId>,
    confidence: f64,
    text: &'a str,
}

/// Rounds to two decimals, so output is stable across platforms and runs.
pub fn round(confidence: f64) -> f64 {
    (confidence.clamp(0.0, 1.0) * 100.0).round() / 100.0
}

impl Intake {
    /// Takes every mention of the requester out of the text kept for questions and parts,
    /// whatever wrapping or joining brought it back together.
    fn scrub(&mut self, requester: &Requester) {
        if requester.is_empty() {
            return;
        }
        for found in &mut self.found {
            found.text = requester::scrub(&found.text, requester);
            found.body = requester::scrub(&found.body, requester);
            if let Some(label) = &found.label {
                found.label = Some(requester::scrub(label, requester));
            }
        }
        for part in &mut self.parts {
            if let Some(title) = &part.title {
                part.title = Some(requester::scrub(title, requester));
            }
            for scope in &mut part.scope {
                *scope = requester::scrub(scope, requester);
            }
        }
    }

    /// The numbered items, in document order: what `--format json` lists.
    pub fn numbered(&self) -> impl Iterator<Item = &Found> {
        self.found.iter().filter(|f| f.kind != Kind::Unnumbered)
    }

    /// The questions of the parts (numbered or offered).
    pub fn questions(&self) -> impl Iterator<Item = &Found> {
        self.found.iter().filter(|f| matches!(f.kind, Kind::Question | Kind::Unnumbered))
    }

    /// `{"questions": [{"part", "number", "id", "confidence", "text"}, …]}`, pretty-printed,
    /// with a final newline. Confidence is rounded to two decimals; with no id it is 0.
    pub fn to_json(&self) -> serde_json::Result<String> {
        let questions = self
            .numbered()
            .map(|f| JsonQuestion {
                part: f.part.filter(|_| f.kind == Kind::Question),
                number: f.number.as_deref(),
                id: f.matched.id,
                confidence: if f.matched.id.is_some() { round(f.matched.confidence) } else { 0.0 },
                text: &f.text,
            })
            .collect();
        let mut out = serde_json::to_string_pretty(&JsonIntake { questions })?;
        out.push('\n');
        Ok(out)
    }
}

/// Warnings for the officer, at the request's lines: matches to review, questions outside
/// the questionnaire, a part guessed, an unnumbered question offered.
///
/// The quoted line never shows the requester: their name and email address are masked.
pub fn warnings(source: &str, input: &str, intake: &Intake) -> Vec<Finding> {
    let canonical = text::canonical(input);
    // Each line found once, so a request with thousands of warnings stays linear.
    let lines: Vec<&str> = canonical.lines().collect();
    let at = |line: usize, message: String| Finding {
        severity: Severity::Warning,
        file: source.into(),
        location: Location { line, column: 1 },
        path: String::new(),
        message,
        hint: None,
        snippet: line
            .checked_sub(1)
            .and_then(|i| lines.get(i))
            .map(|l| requester::scrub(l, &intake.requester)),
        width: 1,
    };
    let mut out = Vec::new();
    for found in intake.questions() {
        let number = found
            .number
            .as_deref()
            .map_or_else(|| "an unnumbered question".to_owned(), |n| format!("question {n}"));
        let part = found.part.map_or("", PartId::as_str);
        match found.matched.id {
            None => out.push(
                at(found.line, format!("{part} {number} is outside the questionnaire"))
                    .hint("give it a label and an `answer:` in the draft"),
            ),
            Some(id) if found.needs_review() => out.push(
                at(
                    found.line,
                    format!(
                        "{part} {number} looks like `{id}` only with confidence {:.2}",
                        round(found.matched.confidence)
                    ),
                )
                .hint("the draft leaves the id commented out: confirm or correct it"),
            ),
            Some(id) if found.kind == Kind::Unnumbered => out.push(
                at(
                    found.line,
                    format!("this unnumbered paragraph asks `{id}`: the draft adds it to the {part} part"),
                )
                .hint("delete it from the draft if it is not a question"),
            ),
            Some(_) => {}
        }
    }
    for part in &intake.parts {
        let Some(from) = part.repeated_from else { continue };
        let line = intake.found.iter().find(|f| f.part == Some(part.part)).map_or(1, |f| f.line);
        out.push(
            at(
                line,
                format!(
                    "this asks the {from} questions again for {}: the draft repeats them there",
                    part.part
                ),
            )
            .hint("check that the repeated questions are what the requester meant"),
        );
    }
    for part in intake.parts.iter().filter(|p| p.guessed) {
        let line = intake.found.iter().find(|f| f.part == Some(part.part)).map_or(1, |f| f.line);
        out.push(
            at(
                line,
                format!(
                    "the request does not say which part these questions are about: taken as {}",
                    part.part
                ),
            )
            .hint("check the part in the draft"),
        );
    }
    out
}
