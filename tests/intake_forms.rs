//! Intake against requests as they really arrive: the corpus in `tests/intake/forms/`, one
//! or more texts per form (text copied out of a PDF, an HTML email pasted as text, tables,
//! one numbered list across both parts, Welsh and bilingual requests, questions outside the
//! questionnaire, look-alike questions, a quoted earlier message, the requester's details).
//!
//! Each `NAME.txt` has a `NAME.expected.json` written by hand from what the request asks:
//! its form, the requester, and every numbered item with its part, number and id (and the
//! repaired `text` where the form damages it). The score is reported per form; at least 95%
//! of the questions must map exactly as expected at confidence 0.60 or more, and none may
//! map to a wrong id at 0.60 or more.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use foi::intake::draft::{DraftOptions, draft};
use foi::intake::{self, Found, Intake, Kind, REVIEW_BELOW};
use foi::model::{OrStandard, RequestFile};
use foi::questionnaire::{PartId, QuestionId};
use proptest::prelude::*;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    form: String,
    requester: Option<Requester>,
    questions: Vec<Item>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Requester {
    name: Option<String>,
    email: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    part: Option<PartId>,
    number: Option<String>,
    id: Option<QuestionId>,
    #[serde(default)]
    review: bool,
    #[serde(default)]
    text: Option<String>,
}

fn forms() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/intake/forms");
    let mut texts: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("forms folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    texts
}

fn expected(text: &Path) -> Expected {
    let path = text.with_extension("expected.json");
    let json = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(path: &Path) -> Intake {
    intake::read(&fs::read_to_string(path).expect("read form text"))
}

/// What one text scored.
#[derive(Debug, Default)]
struct Score {
    /// Questions expected, plus questions found that were not expected.
    questions: usize,
    /// Questions mapped exactly as expected (id, and review only where expected).
    exact: usize,
    /// Items given an id at confidence 0.60 or more that is not the expected one.
    wrong: usize,
    /// Expected texts that intake did not repair as expected.
    texts: usize,
    /// What went wrong, for the report.
    misses: Vec<String>,
}

fn question_part(found: &Found) -> Option<PartId> {
    found.part.filter(|_| found.kind == Kind::Question)
}

fn describe(found: &Found) -> String {
    let confidence = intake::round(found.matched.confidence);
    format!(
        "{} {} -> {} ({confidence:.2}) {:?}",
        question_part(found).map_or("-", PartId::as_str),
        found.number.as_deref().unwrap_or("•"),
        found.matched.id.map_or("none", QuestionId::as_str),
        found.text
    )
}

/// Scores what intake found against what was expected: items are matched in document
/// order by part and number, so an item split in two, merged, dropped or invented counts
/// against the text rather than shifting every later item.
fn score(expected: &[Item], got: &[&Found]) -> Score {
    let mut out = Score::default();
    let mut cursor = 0;
    for item in expected {
        let at = got[cursor..]
            .iter()
            .position(|f| question_part(f) == item.part && f.number == item.number)
            .map(|i| cursor + i);
        let is_question = item.part.is_some();
        out.questions += usize::from(is_question);
        let Some(at) = at else {
            out.misses.push(format!(
                "missing {} {}",
                item.part.map_or("-", PartId::as_str),
                item.number.as_deref().unwrap_or("•")
            ));
            continue;
        };
        for extra in &got[cursor..at] {
            extra_item(&mut out, extra);
        }
        cursor = at + 1;
        let found = got[at];
        let sure = found.matched.id.is_some() && found.matched.confidence >= REVIEW_BELOW;
        let right_id = found.matched.id == item.id;
        let right_review = item.id.is_none() || found.needs_review() == item.review;
        if sure && !right_id {
            out.wrong += 1;
        }
        if let Some(text) = &item.text
            && &found.text != text
        {
            out.texts += 1;
            out.misses.push(format!("text of {}: expected {text:?}", describe(found)));
        }
        if !is_question {
            continue;
        }
        if right_id && right_review {
            out.exact += 1;
        } else {
            let wanted = item.id.map_or("none", QuestionId::as_str);
            let review = if item.review { " (review)" } else { "" };
            out.misses.push(format!("{}: expected {wanted}{review}", describe(found)));
        }
    }
    for extra in &got[cursor..] {
        extra_item(&mut out, extra);
    }
    out
}

fn extra_item(out: &mut Score, found: &Found) {
    if found.kind == Kind::Question {
        out.questions += 1;
    }
    if found.matched.id.is_some() && found.matched.confidence >= REVIEW_BELOW {
        out.wrong += 1;
    }
    out.misses.push(format!("not expected: {}", describe(found)));
}

/// The requester each text names is captured, and never left in a question's text.
#[test]
fn the_requester_is_captured_and_kept_out_of_question_text() {
    let mut failures = Vec::new();
    for text in forms() {
        let expected = expected(&text);
        let intake = read(&text);
        let got = Some(&intake.requester)
            .filter(|r| !r.is_empty())
            .map(|r| Requester { name: r.name.clone(), email: r.email.clone() });
        if got != expected.requester {
            failures.push(format!("{}: expected {:?}, got {got:?}", text.display(), expected.requester));
        }
        let Some(who) = &expected.requester else { continue };
        let words: Vec<String> = who
            .name
            .iter()
            .flat_map(|n| n.split_whitespace())
            .filter(|w| w.len() > 3)
            .map(str::to_lowercase)
            .chain(who.email.iter().map(|e| e.to_lowercase()))
            .collect();
        let published = intake
            .found
            .iter()
            .flat_map(|f| [Some(&f.text), Some(&f.body), f.label.as_ref()])
            .chain(
                intake
                    .parts
                    .iter()
                    .flat_map(|p| std::iter::once(p.title.as_ref()).chain(p.scope.iter().map(Some))),
            )
            .flatten();
        for kept in published {
            if let Some(word) = words.iter().find(|w| kept.to_lowercase().contains(w.as_str())) {
                failures.push(format!("{}: {word:?} left in {kept:?}", text.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every draft loads as a request file, with the requester as found and not confirmed.
#[test]
fn drafts_of_every_form_load_with_the_requester_unconfirmed() {
    for text in forms() {
        let intake = read(&text);
        let options = DraftOptions {
            source: text.display().to_string(),
            reference: Some("F-1".into()),
            received: chrono::NaiveDate::from_ymd_opt(2024, 3, 15),
            casebook: Err("no casebook in this test".into()),
        };
        let yaml = draft(&intake, &options);
        let file: RequestFile =
            serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{}: {e}\n{yaml}", text.display()));
        let requester =
            file.requester.unwrap_or_else(|| panic!("{}: no requester block\n{yaml}", text.display()));
        assert!(!requester.confirmed, "{}", text.display());
        assert_eq!(requester.name, intake.requester.name, "{}", text.display());
        assert_eq!(requester.email, intake.requester.email, "{}", text.display());
        let OrStandard::Listed(parts) = file.parts else { panic!("parts listed") };
        let questions: usize = parts
            .iter()
            .map(|p| match &p.questions {
                OrStandard::Listed(q) => q.len(),
                OrStandard::Standard => 0,
            })
            .sum();
        assert_eq!(questions, intake.questions().count(), "{}", text.display());
    }
}

/// The accuracy report, one line per form and one per text that missed anything.
#[test]
fn every_form_is_read_as_expected() {
    let texts = forms();
    assert!(texts.len() >= 18, "at least one text per form: {}", texts.len());
    let mut by_form: BTreeMap<String, (usize, usize, usize, usize)> = BTreeMap::new();
    let mut report = Vec::new();
    let (mut questions, mut exact, mut wrong, mut texts_wrong) = (0, 0, 0, 0);
    for text in &texts {
        let expected = expected(text);
        let intake = read(text);
        let got: Vec<&Found> = intake.numbered().collect();
        let score = score(&expected.questions, &got);
        let entry = by_form.entry(expected.form.clone()).or_default();
        entry.0 += 1;
        entry.1 += score.questions;
        entry.2 += score.exact;
        entry.3 += score.wrong;
        questions += score.questions;
        exact += score.exact;
        wrong += score.wrong;
        texts_wrong += score.texts;
        let name = text.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for miss in &score.misses {
            report.push(format!("  {name}: {miss}"));
        }
    }
    println!("intake accuracy by form (exact at confidence >= {REVIEW_BELOW:.2}):");
    for (form, (texts, questions, exact, wrong)) in &by_form {
        println!(
            "  {form:<28} {texts} texts  {exact:>3}/{questions:<3} exact ({:>5.1}%)  {wrong} wrong",
            percent(*exact, *questions)
        );
    }
    let accuracy = percent(exact, questions);
    println!("  {:<28} {:>9} {exact:>3}/{questions:<3} exact ({accuracy:>5.1}%)  {wrong} wrong", "all", "");
    println!("{}", report.join("\n"));
    assert!(accuracy >= 95.0, "accuracy {accuracy:.1}% is below 95%:\n{}", report.join("\n"));
    assert_eq!(wrong, 0, "questions mapped to a wrong id at >= {REVIEW_BELOW}:\n{}", report.join("\n"));
    assert_eq!(texts_wrong, 0, "question texts not repaired as expected:\n{}", report.join("\n"));
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 { 100.0 } else { part as f64 * 100.0 / whole as f64 }
}

#[test]
fn every_expected_file_is_well_formed() {
    for text in forms() {
        let expected = expected(&text);
        assert!(!expected.form.is_empty(), "{}", text.display());
        assert!(expected.questions.iter().any(|q| q.part.is_some()), "{}", text.display());
        if let Some(requester) = &expected.requester {
            assert!(requester.name.is_some() || requester.email.is_some(), "{}", text.display());
        }
    }
}

/// Text built from the pieces real requests arrive in, with arbitrary text between them.
fn arriving() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\u{c}".to_owned()),
        Just("Page 2 of 3\n".to_owned()),
        Just("| 1 | ".to_owned()),
        Just(" | |\n".to_owned()),
        Just("+----+----+\n".to_owned()),
        Just("\t".to_owned()),
        Just("&amp;&nbsp;&#x2019;&#9999999;&".to_owned()),
        Just("[cid:image001.png@01D] <b>".to_owned()),
        Just("CAUTION: external\n".to_owned()),
        Just("Name: Zebulon Quackenbush\n".to_owned()),
        Just("Email: zeb@example.org\n".to_owned()),
        Just("Zebulon Quackenbush asks: ".to_owned()),
        Just("From: Zebulon Quackenbush <zeb@example.org>\nSent: now\n".to_owned()),
        Just("On Mon, A wrote:\n> ".to_owned()),
        Just("Yn gywir,\n".to_owned()),
        Just("Pwy yw cyflenwr presennol y contract?\n".to_owned()),
        Just("1. Incumbent supplier: the com-\n".to_owned()),
        Just("7. above.\n".to_owned()),
        Just("Rhan 2: rhwydwaith i mewn\n".to_owned()),
        Just("İ".to_owned()),
        any::<String>(),
        "[a-z ]{0,20}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Never a panic, always valid JSON and a draft that loads, and a captured requester
    /// is never left in a question.
    #[test]
    fn requests_as_they_arrive_never_break_intake(text in arriving()) {
        let intake = intake::read(&text);
        let json: serde_json::Value = serde_json::from_str(&intake.to_json().expect("json")).expect("valid json");
        prop_assert!(json["questions"].is_array());
        let _ = intake::warnings("arriving.txt", &text, &intake);
        if !intake.parts.is_empty() {
            let options = DraftOptions {
                source: "arriving".into(),
                reference: Some("R".into()),
                received: chrono::NaiveDate::from_ymd_opt(2024, 1, 10),
                casebook: Err("none".into()),
            };
            let yaml = draft(&intake, &options);
            let parsed: Result<RequestFile, _> = serde_yaml::from_str(&yaml);
            prop_assert!(parsed.is_ok(), "{:?}\n{}", parsed.err(), yaml);
        }
        for value in [&intake.requester.name, &intake.requester.email].into_iter().flatten() {
            for found in &intake.found {
                prop_assert!(!found.text.to_lowercase().contains(&value.to_lowercase()), "{value} in {}", found.text);
            }
        }
    }
}
