//! Intake against the corpus in `tests/intake/`: every request text maps exactly as its
//! `.expected.json` says; the two seed requests map perfectly; arbitrary text never panics
//! and always drafts valid YAML.

use std::fs;
use std::path::{Path, PathBuf};

use foi::intake::draft::{DraftOptions, draft};
use foi::intake::{self, Intake, Kind, REVIEW_BELOW};
use foi::model::RequestFile;
use foi::questionnaire::{PartId, QuestionId};
use proptest::prelude::*;
use serde::Deserialize;

#[derive(Debug, Deserialize, PartialEq)]
struct Expected {
    part: Option<PartId>,
    number: Option<String>,
    id: Option<QuestionId>,
    #[serde(default)]
    review: bool,
}

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/intake");
    let mut texts: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("corpus folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    texts
}

fn read(path: &Path) -> Intake {
    intake::read(&fs::read_to_string(path).expect("read corpus text"))
}

fn mapping(intake: &Intake) -> Vec<Expected> {
    intake
        .numbered()
        .map(|f| Expected {
            part: f.part.filter(|_| f.kind == Kind::Question),
            number: f.number.clone(),
            id: f.matched.id,
            review: f.needs_review(),
        })
        .collect()
}

#[test]
fn every_corpus_text_maps_exactly() {
    let texts = corpus();
    assert!(texts.len() >= 14, "the corpus holds the two seeds and at least twelve of our own");
    let mut failures = Vec::new();
    for text in &texts {
        let expected_path = text.with_extension("expected.json");
        let expected: Vec<Expected> = serde_json::from_str(
            &fs::read_to_string(&expected_path).expect("expected mapping beside the text"),
        )
        .expect("expected mapping parses");
        let got = mapping(&read(text));
        if got != expected {
            failures.push(format!("{}:\n  expected {expected:?}\n  got      {got:?}", text.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The questions of one part, as (number, id).
fn part(intake: &Intake, part: PartId) -> Vec<(String, QuestionId)> {
    intake
        .numbered()
        .filter(|f| f.part == Some(part) && f.kind == Kind::Question)
        .map(|f| {
            (f.number.clone().unwrap_or_default(), f.matched.id.expect("every seed question is matched"))
        })
        .collect()
}

fn numbered(ids: &[&str]) -> Vec<(String, QuestionId)> {
    ids.iter()
        .enumerate()
        .map(|(i, id)| {
            let id = QuestionId::named(id).unwrap_or_else(|| panic!("no question `{id}`"));
            ((i + 1).to_string(), id)
        })
        .collect()
}

#[test]
fn the_hastings_seed_maps_perfectly() {
    let intake = read(Path::new("tests/intake/hastings.txt"));
    assert_eq!(
        part(&intake, PartId::CONTACT_CENTRE),
        numbered(&[
            "supplier",
            "annual-spend",
            "duration",
            "expiry",
            "review",
            "description",
            "contact",
            "agents",
            "sites",
            "manufacturer",
            "email-server",
            "email-users"
        ])
    );
    assert_eq!(
        part(&intake, PartId::INBOUND_NETWORK),
        numbered(&["supplier", "annual-spend", "duration", "expiry", "review", "description", "contact"])
    );
    // The parts list and both scope lists are numbered but are not questions.
    let scope: Vec<&str> =
        intake.numbered().filter(|f| f.kind != Kind::Question).map(|f| f.text.as_str()).collect();
    assert_eq!(scope.len(), 2 + 3 + 5, "{scope:?}");
    assert!(intake.numbered().filter(|f| f.kind != Kind::Question).all(|f| f.matched.id.is_none()));
    assert!(intake.questions().all(|f| f.matched.confidence >= REVIEW_BELOW), "nothing to review");
}

#[test]
fn the_national_archives_seed_maps_perfectly() {
    let intake = read(Path::new("tests/intake/national-archives.txt"));
    assert_eq!(
        part(&intake, PartId::CONTACT_CENTRE),
        numbered(&[
            "supplier",
            "annual-spend",
            "expiry",
            "review",
            "description",
            "contact",
            "agents",
            "sites",
            "manufacturer",
            "busy-periods",
            "email-server",
            "email-users"
        ])
    );
    assert_eq!(
        part(&intake, PartId::INBOUND_NETWORK),
        numbered(&["supplier", "annual-spend", "expiry", "review", "description", "contact"])
    );
    let scope = intake.numbered().filter(|f| f.kind == Kind::Scope).count();
    assert_eq!(scope, 5);
    // The unnumbered closing request of part one is offered to the officer, not numbered.
    let offered: Vec<_> = intake.found.iter().filter(|f| f.kind == Kind::Unnumbered).collect();
    assert_eq!(offered.len(), 1);
    assert_eq!(offered[0].matched.id, QuestionId::named("further-comments"));
}

#[test]
fn drafts_of_the_corpus_load_as_request_files() {
    for text in corpus() {
        let intake = read(&text);
        let options = DraftOptions {
            source: text.display().to_string(),
            reference: Some("REF-1".into()),
            received: chrono::NaiveDate::from_ymd_opt(2024, 1, 10),
            casebook: Err("no casebook in this test".into()),
        };
        let yaml = draft(&intake, &options);
        let file: RequestFile =
            serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{}: {e}\n{yaml}", text.display()));
        let foi::model::OrStandard::Listed(parts) = file.parts else { panic!("parts listed") };
        let questions: usize = parts
            .iter()
            .map(|p| match &p.questions {
                foi::model::OrStandard::Listed(q) => q.len(),
                foi::model::OrStandard::Standard => 0,
            })
            .sum();
        assert_eq!(questions, intake.questions().count(), "{}", text.display());
        // Every question keeps the requester's wording exactly.
        for (asked, found) in parts
            .iter()
            .flat_map(|p| match &p.questions {
                foi::model::OrStandard::Listed(q) => q.clone(),
                foi::model::OrStandard::Standard => Vec::new(),
            })
            .zip(intake.questions())
        {
            assert_eq!(asked.text.as_deref().unwrap_or(""), found.body, "{}", text.display());
            assert_eq!(asked.id, found.matched.id.filter(|_| !found.needs_review()));
        }
    }
}

/// What an email client does to a pasted request must not change what intake finds.
#[test]
fn line_endings_quoting_and_forwarding_change_nothing() {
    let key = |intake: &Intake| -> Vec<(Option<PartId>, Option<String>, Option<QuestionId>)> {
        intake.numbered().map(|f| (f.part, f.number.clone(), f.matched.id)).collect()
    };
    for path in corpus() {
        let text = fs::read_to_string(&path).expect("read").replace("\r\n", "\n");
        let expected = key(&intake::read(&text));
        let variants = [
            ("CRLF", text.replace('\n', "\r\n")),
            ("quoted", text.lines().map(|l| format!("> {l}\n")).collect()),
            ("quoted twice", text.lines().map(|l| format!(">> {l}\n")).collect()),
            (
                "forwarded",
                format!(
                    "---------- Forwarded message ---------\nFrom: A <a@example.com>\nSubject: FOI\n\n{text}"
                ),
            ),
        ];
        for (name, variant) in variants {
            assert_eq!(key(&intake::read(&variant)), expected, "{} {name}", path.display());
        }
    }
}

#[test]
fn the_same_text_always_gives_the_same_output() {
    for text in corpus() {
        let first = read(&text).to_json().expect("json");
        let second = read(&text).to_json().expect("json");
        assert_eq!(first, second);
    }
}

/// Text built from the pieces requests are made of, with arbitrary text between them.
fn requestish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("1. ".to_owned()),
        Just("(a) ".to_owned()),
        Just("iv) ".to_owned()),
        Just("Q3 ".to_owned()),
        Just("Request 7\n".to_owned()),
        Just("- ".to_owned()),
        Just("> ".to_owned()),
        Just("\r\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("From: a@b\nSubject: x\n".to_owned()),
        Just("Contact centre contracts:\n".to_owned()),
        Just("inbound network services which could relate to one of the following:\n".to_owned()),
        Just("Incumbent Supplier: ".to_owned()),
        Just("Yours faithfully,\n".to_owned()),
        Just(": # \" ' \\ - & * ! | > % @ `".to_owned()),
        any::<String>(),
        "[a-z ]{0,20}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics_and_drafts_valid_yaml(text in requestish()) {
        let intake = intake::read(&text);
        let json: serde_json::Value = serde_json::from_str(&intake.to_json().expect("json")).expect("valid json");
        prop_assert!(json["questions"].is_array());
        for found in &intake.found {
            prop_assert!((0.0..=1.0).contains(&found.matched.confidence));
        }
        let options = DraftOptions {
            source: "arbitrary \n text".into(),
            reference: Some("R".into()),
            received: chrono::NaiveDate::from_ymd_opt(2024, 1, 10),
            casebook: Err("none".into()),
        };
        let yaml = draft(&intake, &options);
        if !intake.parts.is_empty() {
            let parsed: Result<RequestFile, _> = serde_yaml::from_str(&yaml);
            prop_assert!(parsed.is_ok(), "{:?}\n{}", parsed.err(), yaml);
        }
    }

    #[test]
    fn bytes_that_are_not_text_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = intake::read(&text).to_json();
    }
}
