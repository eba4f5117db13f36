//! Which canonical question a requester's question asks, and how sure intake is of it.
//!
//! Owns the scoring. Each canonical question has a profile: the concepts of its label and
//! aliases (its *head*) and of its wording. A requester's question is read as its label
//! (`Incumbent Supplier:`), its first sentence and the rest. Each candidate gets
//! *evidence points*:
//!
//! - every concept shared with the profile scores its rarity (`ln(1 + 14 / n)`, where `n`
//!   questions use it: `manufacturer` is worth more than `count`), halved for a concept of
//!   the wording only, doubled in the label, and counting 0.4 in the later sentences;
//! - a label that *is* one of the question's aliases scores 3 more, a label holding a whole
//!   alias of two or more concepts 1.5 more, a first sentence holding one 0.75 more.
//!
//! A "none of these" candidate scores [`NONE_POINTS`] plus [`UNKNOWN_POINTS`] for every
//! concept of the label and first sentence that no question uses (`IT department`). The
//! confidence of a candidate is its share of `e^points` among the candidates that scored
//! anything, "none" included. So a clear winner nears 1, two close candidates share it,
//! and a question full of words the questionnaire never uses goes to "none". No model and
//! no network: the tables in `lexicon` and the aliases in `src/data/questionnaires/`
//! are the whole of it.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::lexicon::concepts;
use crate::questionnaire::{Definition, QuestionId, Questionnaire};

/// Points the "none of these" candidate starts with: a little less than one shared concept
/// (`count` scores 1.7, `supplier` 2.7), so one shared concept wins unless the question
/// also holds words the questionnaire never uses.
pub const NONE_POINTS: f64 = 1.5;

/// Points "none of these" gains for each concept no canonical question uses.
pub const UNKNOWN_POINTS: f64 = 1.0;

/// Concepts that name the part rather than the question: every contact centre question is
/// about the contact centre, so the words say nothing about which question it is.
const CONTEXT: [&str; 2] = ["ccentre", "inbound"];

/// Concepts that name what an inbound network services contract covers (`0800 numbers`,
/// `call routing`, `IVR`). A question naming them ("Who supplies your non-geographic
/// numbers?") is no less a questionnaire question for it, so they are not counted as words
/// the questionnaire never uses.
const SERVICES: [&str; 14] = [
    "nongeographic",
    "routing",
    "callerid",
    "callerprofile",
    "ivr",
    "acd",
    "0800",
    "0845",
    "0870",
    "0844",
    "0300",
    "0330",
    "0345",
    "telephony",
];

/// A requester's question, read for matching.
#[derive(Debug, Clone, Copy)]
pub struct Asked<'a> {
    /// The label before `:` (or `-`, `;`), if the requester gave one.
    pub label: Option<&'a str>,
    /// The rest of the question.
    pub body: &'a str,
}

/// The evidence for every canonical question and for "none of these", from which a match
/// among any set of candidates is decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Points of every question that scored anything.
    points: Vec<(QuestionId, f64)>,
    /// Points of "none of these".
    none: f64,
}

/// The outcome of matching one question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    /// The best candidate, when it beats "none of these".
    pub id: Option<QuestionId>,
    /// The share of the winner, "none" included: how sure intake is of `id` (of there being
    /// no id, when `id` is `None`).
    pub confidence: f64,
    /// The best question whatever "none" scored, and its share: a hint for the officer.
    pub nearest: Option<(QuestionId, f64)>,
}

struct Profile {
    id: QuestionId,
    head: HashSet<String>,
    wording: HashSet<String>,
    /// The label's and each alias's concepts, as sets.
    aliases: Vec<Vec<String>>,
}

struct Profiles {
    profiles: Vec<Profile>,
    rarity: HashMap<String, f64>,
}

fn set(text: &str) -> Vec<String> {
    let mut out: Vec<String> =
        concepts(text).into_iter().filter(|c| !CONTEXT.contains(&c.as_ref())).map(Cow::into_owned).collect();
    out.sort();
    out.dedup();
    out
}

/// The profiles of `questionnaire`'s questions, weighed by how rare each concept is among
/// them alone: a request is matched within one questionnaire, so the words of another
/// round robin neither help nor dilute its matches.
fn profiles(questionnaire: &Definition) -> &'static Profiles {
    static CELL: OnceLock<Vec<Profiles>> = OnceLock::new();
    let all = CELL.get_or_init(|| Definition::all().iter().map(build_profiles).collect());
    let at = Definition::all().iter().position(|d| d.id == questionnaire.id).unwrap_or_default();
    match all.get(at) {
        Some(profiles) => profiles,
        None => &all[0],
    }
}

fn build_profiles(definition: &Definition) -> Profiles {
    let questionnaire = Questionnaire::builtin();
    let profiles: Vec<Profile> = definition
        .questions()
        .iter()
        .map(|id| {
            let question = questionnaire.question(*id);
            let aliases: Vec<Vec<String>> = std::iter::once(&question.label)
                .chain(&question.aliases)
                .chain(&question.aliases_cy)
                .map(|a| set(a))
                .filter(|a| !a.is_empty())
                .collect();
            let head: HashSet<String> = aliases.iter().flatten().cloned().collect();
            let wording = set(&question.wording).into_iter().filter(|c| !head.contains(c)).collect();
            Profile { id: *id, head, wording, aliases }
        })
        .collect();
    let mut uses: HashMap<String, usize> = HashMap::new();
    for profile in &profiles {
        for concept in profile.head.iter().chain(&profile.wording) {
            *uses.entry(concept.clone()).or_default() += 1;
        }
    }
    let total = profiles.len() as f64;
    let rarity = uses.into_iter().map(|(c, n)| (c, (1.0 + total / n as f64).ln())).collect();
    Profiles { profiles, rarity }
}

/// The concepts of a sentence, as a set, with what came before removed.
fn fresh(text: &str, seen: &mut HashSet<String>) -> Vec<String> {
    set(text).into_iter().filter(|c| seen.insert(c.clone())).collect()
}

/// `3` in "(over 3 years)": a small number says nothing about what is asked.
fn is_small_number(concept: &str) -> bool {
    concept.len() <= 2 && concept.chars().all(|d| d.is_ascii_digit())
}

/// The first sentence of `text` and the rest.
fn first_sentence(text: &str) -> (&str, &str) {
    let bytes = text.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        let ends = matches!(b, b'.' | b'?' | b'!') && bytes.get(i + 1).is_none_or(|n| *n == b' ');
        // `e.g.` and `i.e.` do not end a sentence.
        let abbreviation = i >= 2 && bytes[i - 2] == b'.';
        if ends && !abbreviation && i + 1 < text.len() {
            return (&text[..=i], &text[i + 1..]);
        }
    }
    (text, "")
}

/// Words that open a question or a request, never a label; the Welsh ones are the Welsh
/// question words (`pwy` who, `beth` what, `pryd` when, `faint` how much, `sawl` how many,
/// `pa` which) and openings of a request (`rhowch` give, `nodwch` state, `hoffwn` I would
/// like, `ydych` are you, `oes` is there, `os` if, `tua` about).
const OPENERS: [&str; 39] = [
    "please",
    "could",
    "can",
    "would",
    "do",
    "does",
    "did",
    "is",
    "are",
    "what",
    "who",
    "which",
    "when",
    "where",
    "how",
    "for",
    "i",
    "we",
    "in",
    "if",
    "have",
    "has",
    "pwy",
    "beth",
    "pryd",
    "faint",
    "sawl",
    "pa",
    "ydych",
    "ydy",
    "oes",
    "sut",
    "ble",
    "rhowch",
    "nodwch",
    "darparwch",
    "hoffwn",
    "os",
    "tua",
];

/// Reads a label off the front of a question: `Incumbent Supplier: For each…`,
/// `Number of Agents; please…`, `Busy times`, or a short first line with the wording on
/// the lines below (`first_line` is its length in bytes). A label is one to eight words,
/// asks nothing and does not open like a sentence.
pub fn read_label(text: &str, first_line: usize) -> Asked<'_> {
    let text = text.trim();
    let label_like = |candidate: &str| {
        let words = candidate.split_whitespace().count();
        let first = candidate.split_whitespace().next().unwrap_or("").to_lowercase();
        (1..=8).contains(&words) && !candidate.contains('?') && !OPENERS.contains(&first.as_str())
    };
    let separator = [":", " - ", " – ", " — ", ";"]
        .iter()
        .filter_map(|sep| text.find(sep).map(|at| (at, sep.len())))
        // `10:30` is a time, not a label.
        .filter(|(at, _)| {
            !(text[..*at].ends_with(|c: char| c.is_ascii_digit())
                && text[at + 1..].starts_with(|c: char| c.is_ascii_digit()))
        })
        .min();
    if let Some((at, len)) = separator {
        // `**Incumbent Supplier**:` pasted from a formatted email keeps its emphasis marks.
        let (label, body) = (text[..at].trim().trim_matches(['*', '_']).trim(), text[at + len..].trim());
        if label_like(label) {
            return Asked { label: Some(label), body };
        }
    }
    if let Some((line, rest)) = text.split_at_checked(first_line.min(text.len())) {
        let line = line.trim();
        // A wrapped line carries on in lower case; the wording under a label starts afresh.
        let starts_afresh = rest.trim_start().starts_with(char::is_uppercase);
        if starts_afresh && !line.ends_with(['.', '?', '!', ',']) && label_like(line) {
            return Asked { label: Some(line.trim_matches(['*', '_']).trim()), body: rest.trim() };
        }
    }
    let short = text.split_whitespace().count() <= 6 && !text.ends_with(['.', '?', '!']);
    if short && label_like(text) {
        return Asked {
            label: Some(text.trim_end_matches([':', ' ']).trim_matches(['*', '_']).trim()),
            body: "",
        };
    }
    Asked { label: None, body: text }
}

/// Matches `asked` against the `candidates` (the questions of its part) of `questionnaire`.
pub fn best(asked: Asked, questionnaire: &Definition, candidates: &[QuestionId]) -> Match {
    weigh(asked, questionnaire).decide(candidates, &[])
}

/// The evidence `asked` gives for every question of `questionnaire`.
pub fn weigh(asked: Asked, questionnaire: &Definition) -> Evidence {
    let all = profiles(questionnaire);
    let mut seen = HashSet::new();
    let label = asked.label.map(|l| fresh(l, &mut seen)).unwrap_or_default();
    let (first, rest) = first_sentence(asked.body);
    let first = fresh(first, &mut seen);
    let rest = fresh(rest, &mut seen);
    let unknown = label
        .iter()
        .chain(&first)
        .filter(|c| !all.rarity.contains_key(*c) && !is_small_number(c) && !SERVICES.contains(&c.as_str()))
        .count();
    let none = NONE_POINTS + UNKNOWN_POINTS * unknown as f64;
    let points = all
        .profiles
        .iter()
        .map(|p| (p.id, evidence(p, &all.rarity, &label, &first, &rest)))
        .filter(|(_, points)| *points > 0.0)
        .collect();
    Evidence { points, none }
}

impl Evidence {
    /// The points of `id` (0 when it scored nothing).
    pub fn points(&self, id: QuestionId) -> f64 {
        self.points.iter().find(|(i, _)| *i == id).map_or(0.0, |(_, p)| *p)
    }

    /// The match among `candidates` other than `excluded`: the confidence of a candidate
    /// is its share of `e^points` among those that scored, "none of these" included.
    pub fn decide(&self, candidates: &[QuestionId], excluded: &[QuestionId]) -> Match {
        let points: Vec<(QuestionId, f64)> = self
            .points
            .iter()
            .copied()
            .filter(|(id, _)| candidates.contains(id) && !excluded.contains(id))
            .collect();
        let none = self.none;
        // Shares of e^points; subtracting the largest keeps the exponentials finite.
        let top = points.iter().map(|(_, p)| *p).fold(none, f64::max);
        let weight = |p: f64| (p - top).exp();
        let sum: f64 = weight(none) + points.iter().map(|(_, p)| weight(*p)).sum::<f64>();
        let nearest = points
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            .map(|(id, p)| (*id, weight(*p) / sum));
        match nearest {
            Some((id, share)) if share > weight(none) / sum => {
                Match { id: Some(id), confidence: share, nearest }
            }
            _ => Match { id: None, confidence: weight(none) / sum, nearest },
        }
    }
}

fn evidence(
    p: &Profile,
    rarity: &HashMap<String, f64>,
    label: &[String],
    first: &[String],
    rest: &[String],
) -> f64 {
    let score = |concepts: &[String], factor: f64| -> f64 {
        concepts
            .iter()
            .map(|c| {
                let weight = if p.head.contains(c) {
                    1.0
                } else if p.wording.contains(c) {
                    0.5
                } else {
                    0.0
                };
                weight * rarity.get(c).copied().unwrap_or(0.0) * factor
            })
            .sum()
    };
    let mut points = score(label, 2.0) + score(first, 1.0) + score(rest, 0.4);
    if points == 0.0 {
        return 0.0;
    }
    // The concepts are sorted (see `set`), so each look-up is a binary search.
    let holds =
        |concepts: &[String], alias: &[String]| alias.iter().all(|a| concepts.binary_search(a).is_ok());
    if !label.is_empty() && p.aliases.iter().any(|a| a.as_slice() == label) {
        points += 3.0;
    } else if p.aliases.iter().any(|a| a.len() >= 2 && holds(label, a)) {
        points += 1.5;
    } else if p.aliases.iter().any(|a| a.len() >= 2 && holds(first, a)) {
        points += 0.75;
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::tests::q;

    fn id(label: Option<&str>, body: &str) -> (Option<QuestionId>, f64) {
        let m = best(Asked { label, body }, Definition::standard(), &Definition::standard().questions());
        (m.id, m.confidence)
    }

    #[test]
    fn labels_decide() {
        for (label, expected) in [
            ("Incumbent Supplier", q("supplier")),
            ("Average annual spend", q("annual-spend")),
            ("Busy times", q("busy-periods")),
            ("Number of Mail Users", q("email-users")),
            ("Contract Duration", q("duration")),
            ("Manufacturer of the contact centre", q("manufacturer")),
        ] {
            let (got, confidence) =
                id(Some(label), "For every supplier, tell us the day on which the agreement expires.");
            assert_eq!(got, Some(expected), "{label}");
            assert!(confidence >= 0.8, "{label}: {confidence}");
        }
    }

    #[test]
    fn wording_decides_without_a_label() {
        for (body, expected) in [
            ("Who currently supplies your contact centre system?", q("supplier")),
            ("Which months are busiest?", q("busy-periods")),
            ("Is your mail server Microsoft Exchange 2003? Otherwise, what do you run?", q("email-server")),
            ("For every supplier, on what date is the agreement next reviewed?", q("review")),
        ] {
            let (got, confidence) = id(None, body);
            assert_eq!(got, Some(expected), "{body}");
            assert!(confidence >= 0.7, "{body}: {confidence}");
        }
    }

    #[test]
    fn ambiguous_questions_fall_below_the_review_threshold() {
        for (label, nearest) in
            [("Number of staff", q("agents")), ("Number of calls per year", q("annual-spend"))]
        {
            let (got, confidence) = id(Some(label), "");
            assert_eq!(got, Some(nearest), "{label}");
            assert!(confidence < crate::intake::REVIEW_BELOW, "{label}: {confidence}");
        }
    }

    #[test]
    fn strangers_stay_unmatched() {
        for body in [
            "How many staff work in your IT department?",
            "When did the contract start?",
            "Web chat, email and links into social media channels for customers",
        ] {
            assert_eq!(id(None, body).0, None, "{body}");
        }
    }

    #[test]
    fn labels_are_read_off_the_front() {
        fn read(text: &str, first_line: usize) -> (Option<&str>, &str) {
            let asked = read_label(text, first_line);
            (asked.label, asked.body)
        }
        assert_eq!(read("Incumbent Supplier: who?", 24), (Some("Incumbent Supplier"), "who?"));
        assert_eq!(read("Number of Agents; please count", 30), (Some("Number of Agents"), "please count"));
        assert_eq!(read("Supplier – who supplies it?", 99), (Some("Supplier"), "who supplies it?"));
        assert_eq!(read("**Busy times**", 14), (Some("Busy times"), ""));
        assert_eq!(read("Please state the supplier: name", 31), (None, "Please state the supplier: name"));
        assert_eq!(read("Which months are busiest?", 25), (None, "Which months are busiest?"));
        assert_eq!(read("Calls at 10:30 peak.", 20), (None, "Calls at 10:30 peak."));
        assert_eq!(read("Contract owner Who is it?", 14), (Some("Contract owner"), "Who is it?"));
        assert_eq!(
            read("The supplier of each of the contracts", 23),
            (None, "The supplier of each of the contracts")
        );
    }

    #[test]
    fn sentences_split_at_stops_but_not_abbreviations() {
        assert_eq!(first_sentence("One. Two."), ("One.", " Two."));
        assert_eq!(first_sentence("Months, e.g. Jan. Rest"), ("Months, e.g. Jan.", " Rest"));
        assert_eq!(first_sentence("No stop"), ("No stop", ""));
    }
}
