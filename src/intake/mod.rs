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
pub(crate) mod matching;
pub(crate) mod messages;
pub(crate) mod numbering;
pub(crate) mod outline;
pub(crate) mod pages;
pub(crate) mod parts;
pub(crate) mod requester;
pub(crate) mod table;
pub(crate) mod text;
mod walk;

use serde::Serialize;

use crate::questionnaire::{Definition, PartId, QuestionId};
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
    /// For a part that asks per item: the items the request names, by id, in its order.
    pub items: Vec<String>,
}

/// Everything intake found in a request, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct Intake {
    /// The id of the questionnaire the request was matched against.
    pub questionnaire: String,
    /// Items found, in document order.
    pub found: Vec<Found>,
    /// The parts asked, in the order their questions first appear.
    pub parts: Vec<PartFound>,
    /// Who sent it, as far as the text says.
    pub requester: Requester,
}

/// Reads a request text, matched against the built-in questionnaire that fits it best
/// ([`fit`]).
pub fn read(input: &str) -> Intake {
    read_as(input, None)
}

/// Reads a request text, matched against `questionnaire` or, when `None`, the one that
/// fits it best. Questions are only ever matched within one questionnaire.
pub fn read_as(input: &str, questionnaire: Option<&'static Definition>) -> Intake {
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
    let outline = outline::outline(&lines);
    let mut intake = match questionnaire {
        Some(questionnaire) => walk::walk(&outline, questionnaire),
        None => {
            // Each questionnaire reads the request once (three bounded walks); the
            // contact-centre one is kept unless another fits strictly better, since most
            // round robins received are that one.
            let standard = walk::walk(&outline, Definition::standard());
            let mut best = (fit(&canonical, &standard), standard);
            for other in Definition::all().iter().filter(|d| d.id != Definition::standard().id) {
                let intake = walk::walk(&outline, other);
                let points = fit(&canonical, &intake);
                if points > best.0 {
                    best = (points, intake);
                }
            }
            best.1
        }
    };
    intake.scrub(&requester);
    intake.requester = requester;
    intake
}

/// How well `intake`'s questionnaire fits the request `text`: three points for each of its
/// keywords the text names (what the requester says the request is about weighs most),
/// two for each of its questions that only it asks (among the built-in questionnaires)
/// and that a question of the request settles, and one for each of its items when the
/// text names two or more (a "for each of…" list; one service named in passing is not
/// one). A question every round robin asks (the supplier, the expiry date) tells them
/// apart not at all, so it scores nothing.
pub fn fit(text: &str, intake: &Intake) -> usize {
    let Some(questionnaire) = Definition::named(&intake.questionnaire) else { return 0 };
    let own: Vec<QuestionId> = questionnaire.questions();
    let elsewhere: Vec<QuestionId> = Definition::all()
        .iter()
        .filter(|d| d.id != questionnaire.id)
        .flat_map(Definition::questions)
        .collect();
    let mut settled: Vec<QuestionId> = intake
        .questions()
        .filter(|f| !f.needs_review())
        .filter_map(|f| f.matched.id)
        .filter(|id| own.contains(id) && !elsewhere.contains(id))
        .collect();
    settled.sort();
    settled.dedup();
    // Whole words only: ` lan ` is not in "plan".
    let spaced = |text: &str| -> String {
        let words: Vec<&str> =
            text.split(|c: char| !c.is_alphanumeric() && c != '&').filter(|w| !w.is_empty()).collect();
        format!(" {} ", words.join(" "))
    };
    let text = spaced(&text.to_lowercase());
    let named = |phrase: &str| {
        let phrase = spaced(&phrase.to_lowercase());
        phrase.trim().len() > 1 && text.contains(&phrase)
    };
    let keywords = questionnaire.keywords.iter().filter(|k| named(k)).count();
    let items = questionnaire
        .parts
        .iter()
        .flat_map(|p| &p.entry().items)
        .filter(|item| std::iter::once(&item.label).chain(&item.aliases).any(|a| named(a)))
        .count();
    let items = if items >= 2 { items } else { 0 };
    3 * keywords + 2 * settled.len() + items
}

/// The `--format json` output.
#[derive(Debug, Serialize)]
struct JsonIntake<'a> {
    /// The questionnaire matched, when it is not the contact-centre one (whose output
    /// other tools already read without it).
    #[serde(skip_serializing_if = "Option::is_none")]
    questionnaire: Option<&'a str>,
    /// For parts that ask per item, the items named, by part.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    items: Vec<JsonItems<'a>>,
    questions: Vec<JsonQuestion<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonItems<'a> {
    part: PartId,
    items: &'a [String],
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
        let questionnaire = Some(self.questionnaire.as_str()).filter(|q| *q != Definition::standard().id);
        let items = self
            .parts
            .iter()
            .filter(|p| !p.items.is_empty())
            .map(|p| JsonItems { part: p.part, items: &p.items })
            .collect();
        let mut out = serde_json::to_string_pretty(&JsonIntake { questionnaire, items, questions })?;
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
