//! The request-file draft: what intake found, as a `requests/*.yaml` the officer finishes.
//!
//! Owns the YAML text. It is written by hand rather than through serde because the draft
//! talks to the officer in comments: what to fill in, which matches to review, which
//! questions are outside the questionnaire, which contracts of the casebook answer each
//! part. The requester's words are always double-quoted and escaped, so a `: `, a `#`, a
//! quote or a leading `-` in them reads back exactly. A draft with anything left to decide
//! (no reference, no date, a match to review, a question to answer) fails `foi render`
//! with a message naming it, rather than rendering a wrong reply.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::requester::Requester;
use super::{Found, Intake, Kind, REVIEW_BELOW, round};
use crate::load::RawCasebook;
use crate::questionnaire::{PartId, Questionnaire};

/// What the casebook around the draft holds, for suggesting contracts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CasebookHints {
    /// Authority ids when `foi.yaml` lists several (empty for one authority).
    pub authorities: Vec<String>,
    /// Contracts: id, authority id (if given), part.
    pub contracts: Vec<(String, Option<String>, PartId)>,
    /// Parts for which `foi.yaml` says why there are no contracts (`no-contracts:`).
    pub explained: Vec<PartId>,
    /// Whether some casebook files could not be read (their contracts may be missing).
    pub problems: bool,
    /// The casebook's own request schema (`schemas/request.schema.json`, as `foi init` and
    /// `foi schema --out schemas` write it), relative to where the draft goes: the draft's
    /// editor line, so the editor checks it as the officer fills it in.
    pub schema: Option<String>,
    /// The last answer sent to each question about each contract (`sent/`): shown beside
    /// the question, so the officer sees what was said and can answer from the log.
    pub last: Vec<crate::record::LastAnswer>,
}

impl CasebookHints {
    /// The hints of the casebook in `files`: its contracts, parts explained without
    /// contracts, and the last answer sent to each question. `Err` says why there are none
    /// (the casebook's `foi.yaml` has errors), as the draft tells the officer.
    pub fn read(files: &crate::load::Files) -> Result<Self, String> {
        let (raw, findings) = crate::load::casebook(files);
        let (_, library) = crate::load::exemptions::library(Some(files));
        let problems = findings.iter().chain(&library).any(|f| f.severity == crate::report::Severity::Error);
        let raw = raw.ok_or_else(|| {
            "the casebook's foi.yaml has errors (run `foi render` to see them): list this part's contracts"
                .to_owned()
        })?;
        let mut hints = Self::from_raw(&raw, problems);
        hints.last = crate::record::last_answers(&crate::record::load(files).0);
        Ok(hints)
    }

    /// The hints a parsed casebook gives; `problems` when some of its files had errors.
    pub fn from_raw(raw: &RawCasebook, problems: bool) -> Self {
        let profile = &raw.profile.data;
        let all: Vec<&crate::model::AuthorityFile> =
            profile.authority.iter().chain(profile.authorities.iter().flatten()).collect();
        let authorities = match all.as_slice() {
            [_, _, ..] => all.iter().filter_map(|a| a.id.clone()).collect(),
            _ => Vec::new(),
        };
        let explained = PartId::all()
            .iter()
            .copied()
            .filter(|part| !all.is_empty() && all.iter().all(|a| a.no_contracts.contains_key(part)))
            .collect();
        let contracts = raw
            .contracts
            .iter()
            .map(|(id, parsed)| (id.clone(), parsed.data.authority.clone(), parsed.data.part))
            .collect();
        let problems =
            problems || !raw.broken.is_empty() || raw.contracts.iter().any(|(_, c)| c.flawed.is_some());
        Self { authorities, contracts, explained, problems, schema: None, last: Vec::new() }
    }
}

/// What the draft is made from besides the request.
#[derive(Debug, Clone)]
pub struct DraftOptions {
    /// Where the request text came from, for the header comment.
    pub source: String,
    /// Our reference, if given on the command line.
    pub reference: Option<String>,
    /// Date received, if given on the command line.
    pub received: Option<NaiveDate>,
    /// The casebook, when the draft is made inside one; `Err` holds why there is none.
    pub casebook: Result<CasebookHints, String>,
}

/// The draft request file.
pub fn draft(intake: &Intake, options: &DraftOptions) -> String {
    let mut out = String::new();
    if let Ok(CasebookHints { schema: Some(schema), .. }) = &options.casebook {
        line(&mut out, 0, &format!("# yaml-language-server: $schema={schema}"));
    }
    header(&mut out, intake, options);
    match &options.reference {
        Some(reference) => line(&mut out, 0, &format!("reference: {}", quote(reference))),
        None => line(&mut out, 0, "reference: \"\"            # FILL IN: our reference for the request"),
    }
    match options.received {
        Some(date) => line(&mut out, 0, &format!("received: {}", date.format("%Y-%m-%d"))),
        None => line(&mut out, 0, "received: YYYY-MM-DD      # FILL IN: the date the request arrived"),
    }
    if let Ok(hints) = &options.casebook
        && !hints.authorities.is_empty()
    {
        let ids = hints.authorities.join(", ");
        line(&mut out, 0, &format!("# authority: FILL IN one of: {ids}"));
    }
    requester(&mut out, &intake.requester);
    line(&mut out, 0, "# publish: true                    # to put the response on the disclosure log");
    line(&mut out, 0, "parts:");
    for part in &intake.parts {
        line(&mut out, 2, &format!("- part: {}", part.part));
        if let Some(title) = &part.title {
            line(&mut out, 4, &format!("title: {}", quote(title)));
        }
        if let Some(from) = part.repeated_from {
            line(&mut out, 4, &format!("# The request asks the {from} questions again for this part"));
        }
        if part.guessed {
            line(
                &mut out,
                4,
                "# PART GUESSED: the request does not say which part these questions are about",
            );
        }
        if !part.scope.is_empty() {
            line(
                &mut out,
                4,
                &format!("# Scope as the requester put it: {}", comment_text(&part.scope.join("; "))),
            );
        }
        let all_items = &part.part.entry().items;
        if all_items.is_empty() {
            contracts(&mut out, part.part, &options.casebook);
        } else if part.items.is_empty() {
            // The part asks per item, and the request names none: every item it has.
            let ids: Vec<&str> = all_items.iter().map(|i| i.id.as_str()).collect();
            line(
                &mut out,
                4,
                &format!(
                    "# items: [{}]   # FILL IN: the request names no items; keep those asked",
                    ids.join(", ")
                ),
            );
        } else {
            // The authority's contract for each item answers the part.
            line(&mut out, 4, &format!("items: [{}]", part.items.join(", ")));
        }
        line(&mut out, 4, "questions:");
        for found in intake.questions().filter(|f| f.part == Some(part.part)) {
            question(&mut out, found, options.casebook.as_ref().map_or(&[][..], |h| &h.last));
        }
    }
    out
}

/// The requester as intake found them, never settled: `confirmed: false` until the officer
/// has checked them, which `foi check` requires before `publish: true`.
fn requester(out: &mut String, found: &Requester) {
    if found.is_empty() {
        line(out, 0, "requester:                 # FILL IN: the request gives no name or email");
        line(out, 2, "# name: …");
        line(out, 2, "# email: …");
    } else {
        let from = comment_text(&found.sources.join(", "));
        line(out, 0, &format!("requester:                 # REVIEW: found in {from}"));
        for (key, value) in [("name", &found.name), ("email", &found.email)] {
            match value {
                Some(value) => line(out, 2, &format!("{key}: {}", quote(value))),
                None => line(out, 2, &format!("# {key}: …")),
            }
        }
    }
    line(out, 2, "# Private: printed in the letter only, never published. Set `confirmed: true` once");
    line(out, 2, "# checked against the email; until then `foi check` refuses `publish: true`.");
    line(out, 2, "confirmed: false");
}

fn header(out: &mut String, intake: &Intake, options: &DraftOptions) {
    let questions: Vec<&Found> = intake.questions().collect();
    let review: Vec<&Found> = questions.iter().copied().filter(|f| f.needs_review()).collect();
    let outside: Vec<&Found> = questions.iter().copied().filter(|f| f.matched.id.is_none()).collect();
    line(out, 0, &format!("# Request file drafted by `foi intake` from {}.", comment_text(&options.source)));
    line(out, 0, "# Check every question against the request before answering it. Then fill in what is");
    line(out, 0, "# marked FILL IN, settle what is marked REVIEW and OUTSIDE, and run `foi render` on it.");
    let parts = intake.parts.len();
    line(
        out,
        0,
        &format!(
            "# {} question{} in {parts} part{}; {} to review; {} outside the questionnaire.",
            questions.len(),
            plural(questions.len()),
            plural(parts),
            review.len(),
            outside.len()
        ),
    );
    if !review.is_empty() {
        line(
            out,
            0,
            &format!("# REVIEW (matched with confidence below {REVIEW_BELOW:.2}; the id is commented out):"),
        );
        for found in &review {
            line(out, 0, &format!("#   {}", summary(found)));
        }
    }
    if !outside.is_empty() {
        line(out, 0, "# OUTSIDE the questionnaire (each needs a `label` and an `answer`):");
        for found in &outside {
            line(out, 0, &format!("#   {}", summary(found)));
        }
    }
}

fn summary(found: &Found) -> String {
    let part = found.part.map_or("", PartId::as_str);
    let number = found.number.as_deref().map_or_else(|| "unnumbered".to_owned(), |n| format!("question {n}"));
    let text = comment_text(&found.text);
    format!("{part} {number} (line {}): {text}", found.line)
}

fn contracts(out: &mut String, part: PartId, casebook: &Result<CasebookHints, String>) {
    let hints = match casebook {
        Ok(hints) => hints,
        Err(why) => {
            line(out, 4, &format!("# contracts: [...]   # {}", comment_text(why)));
            return;
        }
    };
    let mine: Vec<&(String, Option<String>, PartId)> =
        hints.contracts.iter().filter(|c| c.2 == part).collect();
    let caveat =
        if hints.problems { " (some casebook files have errors: run `foi render` to see them)" } else { "" };
    if mine.is_empty() && hints.explained.contains(&part) {
        line(out, 4, &format!("# contracts: none for {part}; foi.yaml says why (`no-contracts:`)"));
    } else if mine.is_empty() {
        line(
            out,
            4,
            &format!(
                "# contracts: none for {part} in the casebook{caveat}: add them to contracts/, or say why in foi.yaml `no-contracts:`"
            ),
        );
    } else if hints.authorities.is_empty() {
        let ids: Vec<String> = mine.iter().map(|c| scalar(&c.0)).collect();
        line(
            out,
            4,
            &format!(
                "contracts: [{}]   # from the casebook{caveat}: keep those that answer this part",
                ids.join(", ")
            ),
        );
    } else {
        let by: Vec<String> = mine
            .iter()
            .map(|(id, authority, _)| format!("{} ({})", id, authority.as_deref().unwrap_or("no authority")))
            .collect();
        line(
            out,
            4,
            &format!(
                "# contracts: {}   # keep those of the authority above{caveat}",
                comment_text(&by.join(", "))
            ),
        );
    }
}

fn question(out: &mut String, found: &Found, last: &[crate::record::LastAnswer]) {
    let questionnaire = Questionnaire::builtin();
    let number = found.number.as_deref().map(quote);
    let id = found.matched.id;
    let label = match (&found.label, id) {
        (Some(label), _) => label.clone(),
        (None, Some(id)) if !found.needs_review() => questionnaire.question(id).label.clone(),
        (None, _) => short_label(&found.body),
    };
    if found.kind == Kind::Unnumbered {
        line(out, 6, "# NOT NUMBERED in the request: keep it if it is a question, else delete it");
    }
    match id {
        None => {
            let mut why =
                "# OUTSIDE the questionnaire: answer it here, e.g. `answer: {not-held: true}`".to_owned();
            if let Some((elsewhere, _)) = found.elsewhere {
                let other = found.part.map_or("", |p| p.as_str());
                let _ = write!(why, "; it looks like `{elsewhere}`, which the {other} part does not ask");
            } else if let Some((nearest, share)) = found.matched.nearest.filter(|(_, share)| *share >= 0.15) {
                let _ = write!(why, "; nearest: `{nearest}` ({:.2})", round(share));
            }
            line(out, 6, &why);
        }
        Some(id) if found.needs_review() => {
            let confidence = round(found.matched.confidence);
            line(
                out,
                6,
                &format!("# REVIEW: looks like `{id}` (confidence {confidence:.2}). Uncomment the id if so;"),
            );
            line(
                out,
                6,
                "# if not, give the right id, or an `answer:` for a question outside the questionnaire",
            );
        }
        Some(_) => {}
    }
    // The first key opens the sequence entry (`- `); a comment never does, so that a
    // commented-out id cannot leave an entry without a key.
    let mut first = true;
    let mut field = |out: &mut String, text: String| {
        if text.starts_with('#') {
            line(out, if first { 6 } else { 8 }, &text);
            return;
        }
        line(out, if first { 6 } else { 8 }, &format!("{}{text}", if first { "- " } else { "" }));
        first = false;
    };
    if let Some(number) = number {
        field(out, format!("number: {number}"));
    }
    match id {
        Some(id) if found.needs_review() => field(out, format!("# id: {id}")),
        Some(id) => field(out, format!("id: {id}   # confidence {:.2}", round(found.matched.confidence))),
        None => {}
    }
    field(out, format!("label: {}", quote(&label)));
    if !found.body.is_empty() {
        field(out, format!("text: {}", quote(&found.body)));
    }
    // What was last sent in answer, so a repeat of a round robin can point to it.
    let part = found.part.map(PartId::as_str);
    for answer in
        last.iter().filter(|a| Some(a.part.as_str()) == part && id.is_some_and(|id| a.id == id.as_str()))
    {
        let about = answer.contract.as_deref().map(|c| format!(", {c}")).unwrap_or_default();
        field(
            out,
            format!(
                "# last sent in {} ({}){about}: {}",
                answer.reference,
                answer.sent,
                comment_text(&answer.words)
            ),
        );
    }
    if last
        .iter()
        .any(|a| a.given && Some(a.part.as_str()) == part && id.is_some_and(|id| a.id == id.as_str()))
    {
        field(
            out,
            "# if `foi changes` shows it unchanged, `see: REFERENCE` answers it from the disclosure log"
                .to_owned(),
        );
    }
}

/// A label made from a question's first words, for a question the requester did not label.
fn short_label(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 10 {
        return words.join(" ");
    }
    format!("{}…", words[..8].join(" "))
}

fn line(out: &mut String, indent: usize, text: &str) {
    let _ = writeln!(out, "{:indent$}{text}", "");
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Text safe inside a YAML comment: one line, at most 100 characters. A comment holds any
/// printable character, but not the ones YAML cannot hold at all (U+FFFE, U+FFFF, the byte
/// order mark) nor those it may take for a line break (U+2028, U+2029, NEL), which would
/// end the comment and leave the rest of the text as YAML.
fn comment_text(text: &str) -> String {
    let unprintable = |c: char| {
        c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
    };
    let flat: String = text.chars().map(|c| if unprintable(c) { ' ' } else { c }).collect();
    let flat = flat.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 100 {
        return flat;
    }
    let cut: String = flat.chars().take(99).collect();
    format!("{cut}…")
}

/// A plain scalar when `text` is a simple id (`contact-centre-software`), else quoted.
fn scalar(text: &str) -> String {
    let plain = text.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !matches!(text, "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n");
    if plain { text.to_owned() } else { quote(text) }
}

/// `text` as a YAML double-quoted scalar: backslash, quote and every character YAML does
/// not print (controls, line separators, the byte order mark) escaped.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}') =>
            {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_text_survives_a_round_trip() {
        for text in [
            "Supplier: who? # not a comment",
            "- leading dash",
            "\"quoted\" and 'single'",
            "back\\slash",
            "tab\there",
            "null",
            "& anchor * alias ! tag % directive @ ` |>",
            "line\u{2028}sep\u{85}next\u{feff}bom\u{7}bell",
            "£ € “smart” — dash … ellipsis",
            "",
        ] {
            let yaml = format!("value: {}\n", quote(text));
            let parsed: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert_eq!(parsed["value"], text, "{yaml}");
        }
    }

    #[test]
    fn ids_stay_plain_unless_yaml_would_read_them_otherwise() {
        assert_eq!(scalar("contact-centre-software"), "contact-centre-software");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("1999"), "\"1999\"");
        assert_eq!(scalar("Odd Name"), "\"Odd Name\"");
    }

    #[test]
    fn comments_are_one_line_and_short() {
        assert_eq!(comment_text("a\nb\tc"), "a b c");
        assert_eq!(comment_text(&"x".repeat(200)).chars().count(), 100);
    }
}
