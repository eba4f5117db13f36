//! Intake: a pasted round-robin request turned into its questions, each mapped to the
//! canonical questionnaire.
//!
//! The pipeline reads top to bottom:
//!
//! ```text
//! bytes → text (clean lines) → outline (paragraphs, lists) → parts (what each list is)
//!       → matching (canonical id, confidence) → Intake → JSON, or a request-file draft
//! ```
//!
//! Nothing here touches the disk or the casebook; `lib::intake` reads the input and
//! `draft` is handed the casebook's contracts. A match below [`REVIEW_BELOW`] is never
//! given to the officer as settled: the draft leaves its id out, with the guess beside it.

pub mod draft;
mod lexicon;
pub mod matching;
pub mod numbering;
pub mod outline;
pub mod parts;
pub mod text;

use serde::Serialize;

use crate::questionnaire::{PartId, QuestionId, Questionnaire};
use crate::report::{Finding, Severity};
use crate::source::{Location, SourceFile};
use matching::{Asked, Match};
use outline::{Item, List, Node};
use parts::ListKind;

/// Below this confidence a match is marked for review and its id left out of the draft.
///
/// 0.6 means the winner holds well over half of the evidence against every other question
/// and against "none of these" together. On our corpus every label and clear wording
/// scores 0.85 or more; two questions sharing the evidence (`How many staff work in your
/// contact centre?`: agents or sites) fall below it, which is exactly when the officer
/// should decide.
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
}

/// Everything intake found in a request, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct Intake {
    /// Items found, in document order.
    pub found: Vec<Found>,
    /// The parts asked, in the order their questions first appear.
    pub parts: Vec<PartFound>,
}

/// Reads a request text.
pub fn read(input: &str) -> Intake {
    let canonical = text::canonical(input);
    let lines = text::lines(&canonical);
    let nodes = outline::outline(&lines);
    let mut walk = Walk::default();
    for (i, node) in nodes.iter().enumerate() {
        match node {
            Node::Paragraph(p) => {
                let next_is_list = matches!(nodes.get(i + 1), Some(Node::List(_)));
                walk.paragraph(&p.text, p.line, next_is_list);
            }
            Node::List(list) => {
                let intro = walk.intro.take();
                walk.list(list, intro.as_deref());
            }
        }
    }
    walk.finish()
}

#[derive(Default)]
struct Walk {
    part: Option<PartId>,
    /// The short heading that named the current part.
    heading: Option<String>,
    /// Question lists read since the part was named.
    lists_in_part: usize,
    guessed: bool,
    intro: Option<String>,
    found: Vec<Found>,
    parts: Vec<PartFound>,
}

impl Walk {
    fn paragraph(&mut self, text: &str, line: usize, next_is_list: bool) {
        if let Some(part) = parts::named(text).one() {
            if self.part != Some(part) || self.lists_in_part > 0 && next_is_list {
                self.enter(part, heading(text));
            }
        }
        if let Some(part) = self.part {
            if self.lists_in_part > 0 && !next_is_list && parts::asks(text) {
                self.unnumbered(part, text, line);
            }
        }
        self.intro = Some(text.to_owned());
    }

    fn enter(&mut self, part: PartId, heading: Option<String>) {
        self.part = Some(part);
        self.heading = heading;
        self.lists_in_part = 0;
        self.guessed = false;
    }

    fn list(&mut self, list: &List, intro: Option<&str>) {
        let texts: Vec<String> = list.items.iter().map(|i| i.text.clone()).collect();
        let borrowed: Vec<&str> = texts.iter().map(String::as_str).collect();
        match parts::classify(intro, &borrowed) {
            ListKind::Parts => self.parts_list(list),
            ListKind::Scope => {
                for item in &list.items {
                    let text = flatten(item);
                    if let Some(part) = self.part {
                        self.part_found(part).scope.push(text.clone());
                    }
                    self.push_unmatched(Kind::Scope, item, text);
                }
            }
            ListKind::Questions => self.questions(list),
        }
    }

    /// A list naming parts: an overview when it names several, a heading when it names
    /// one; lists nested under a heading are that part's.
    fn parts_list(&mut self, list: &List) {
        let single = list.items.len() == 1;
        for item in &list.items {
            self.push_unmatched(Kind::Parts, item, item.text.clone());
            let part = parts::named(&item.text).one();
            if let Some(part) = part.filter(|_| single || !item.children.is_empty()) {
                self.enter(part, heading(&item.text));
            }
            for child in &item.children {
                self.list(child, Some(&item.text));
            }
        }
    }

    fn questions(&mut self, list: &List) {
        // A second list restarting its numbering in the contact centre part, with nothing
        // naming a part in between, is the inbound network part: the round robin's order.
        let restarts = list.items.first().is_some_and(|i| i.marker.starts());
        if self.part == Some(PartId::ContactCentre) && self.lists_in_part > 0 && restarts {
            self.enter(PartId::InboundNetwork, None);
            self.guessed = true;
        }
        if self.part.is_none() {
            // Nothing names a part: every question is in the contact centre part.
            self.enter(PartId::ContactCentre, None);
            self.guessed = true;
        }
        let part = self.part.unwrap_or(PartId::ContactCentre);
        let (heading, guessed) = (self.heading.clone(), self.guessed);
        let found = self.part_found(part);
        found.guessed |= guessed;
        if found.title.is_none() {
            found.title = heading;
        }
        self.lists_in_part += 1;
        for item in &list.items {
            let text = flatten(item);
            let asked = matching::read_label(&text);
            self.found.push(question(
                Kind::Question,
                part,
                item.marker.number.clone(),
                asked,
                &text,
                item.line,
            ));
        }
    }

    fn unnumbered(&mut self, part: PartId, text: &str, line: usize) {
        let asked = matching::read_label(text);
        let found = question(Kind::Unnumbered, part, String::new(), asked, text, line);
        if found.matched.id.is_some() && !found.needs_review() {
            self.found.push(found);
        }
    }

    fn push_unmatched(&mut self, kind: Kind, item: &Item, text: String) {
        let number = Some(item.marker.number.clone()).filter(|n| !n.is_empty());
        self.found.push(Found {
            kind,
            part: None,
            number,
            label: None,
            body: text.clone(),
            text,
            line: item.line,
            matched: Match { id: None, confidence: 0.0, nearest: None },
            elsewhere: None,
        });
    }

    fn part_found(&mut self, part: PartId) -> &mut PartFound {
        let at = match self.parts.iter().position(|p| p.part == part) {
            Some(at) => at,
            None => {
                self.parts.push(PartFound { part, title: None, scope: Vec::new(), guessed: false });
                self.parts.len() - 1
            }
        };
        &mut self.parts[at]
    }

    fn finish(mut self) -> Intake {
        // A part with only scope and no questions is not asked.
        let asked: Vec<PartId> =
            self.found.iter().filter(|f| f.kind == Kind::Question).filter_map(|f| f.part).collect();
        self.parts.retain(|p| asked.contains(&p.part));
        self.parts.sort_by_key(|p| asked.iter().position(|a| *a == p.part));
        Intake { found: self.found, parts: self.parts }
    }
}

fn question(kind: Kind, part: PartId, number: String, asked: Asked, text: &str, line: usize) -> Found {
    let questionnaire = Questionnaire::builtin();
    let candidates = &questionnaire.part(part).questions;
    let matched = matching::best(asked, candidates);
    let elsewhere = if matched.id.is_none() {
        let anywhere = matching::best(asked, &QuestionId::ALL);
        anywhere.id.filter(|id| !candidates.contains(id)).map(|id| (id, anywhere.confidence))
    } else {
        None
    };
    Found {
        kind,
        part: Some(part),
        number: Some(number).filter(|n| !n.is_empty()),
        label: asked.label.map(str::to_owned),
        body: asked.body.to_owned(),
        text: text.to_owned(),
        line,
        matched,
        elsewhere,
    }
}

/// A short heading worth keeping as the part's title: at most twelve words, not a sentence.
fn heading(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches(':').trim();
    let short = text.split_whitespace().count() <= 12 && !text.ends_with(['.', '?']);
    (short && !text.is_empty()).then(|| text.to_owned())
}

/// An item's text with its nested lists folded in: `Contact details: (a) name (b) title`.
fn flatten(item: &Item) -> String {
    let mut text = item.text.clone();
    for child in item.children.iter().flat_map(|list| &list.items) {
        text.push(' ');
        text.push_str(&child.marker.written());
        text.push(' ');
        text.push_str(&flatten(child));
    }
    text.trim().to_owned()
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
pub fn warnings(source: &str, input: &str, intake: &Intake) -> Vec<Finding> {
    let file = SourceFile::new(source, text::canonical(input));
    let at = |line: usize, message: String| {
        Finding::at_path(Severity::Warning, &file, String::new(), Location { line, column: 1 }, message)
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
