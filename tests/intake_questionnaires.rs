//! Intake of the round robins beside the contact-centre one: texts written in the style of
//! the IT infrastructure and operational systems templates (`tests/intake/questionnaires/`)
//! choose their questionnaire, map every question within it, read the items asked ("for
//! each of Command and Control, CRM…"), flat and nested, and draft a request file that
//! names those items.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use foi::intake::{self, Intake, Kind, REVIEW_BELOW};
use foi::model::RequestFile;
use foi::questionnaire::{Definition, PartId, QuestionId};

fn text(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/intake/questionnaires").join(name);
    fs::read_to_string(path).expect("read the request text")
}

/// The questions found, as (part, number, id), each settled at the review threshold.
fn questions(intake: &Intake) -> Vec<(&str, &str, &str)> {
    intake
        .numbered()
        .filter(|f| f.kind == Kind::Question)
        .map(|f| {
            assert!(f.matched.confidence >= REVIEW_BELOW, "{} settled: {:?}", f.text, f.matched);
            (
                f.part.map_or("-", PartId::as_str),
                f.number.as_deref().unwrap_or("-"),
                f.matched.id.map_or("-", QuestionId::as_str),
            )
        })
        .collect()
}

fn items(intake: &Intake) -> Vec<&str> {
    intake.parts.iter().flat_map(|p| p.items.iter().map(String::as_str)).collect()
}

#[test]
fn the_flat_systems_request_asks_each_question_of_each_system() {
    let intake = intake::read(&text("systems-flat.txt"));
    assert_eq!(intake.questionnaire, "systems");
    assert_eq!(items(&intake), ["command-and-control", "crm", "telephony", "radio", "gis"]);
    let p = "operational-systems";
    assert_eq!(
        questions(&intake),
        [
            (p, "1", "system-name"),
            (p, "2", "supplier"),
            (p, "3", "hosting"),
            (p, "4", "annual-spend"),
            (p, "5", "duration"),
            (p, "6", "expiry"),
            (p, "7", "review"),
            (p, "8", "contact"),
        ]
    );
}

/// The nested form asks the questions under each system: they are read once, and the
/// systems are the items, never questions (a system name is not a contact).
#[test]
fn the_nested_for_each_system_form_reads_the_systems_as_items() {
    let intake = intake::read(&text("systems-nested.txt"));
    assert_eq!(intake.questionnaire, "systems");
    assert_eq!(items(&intake), ["command-and-control", "crm", "telephony"]);
    let p = "operational-systems";
    assert_eq!(
        questions(&intake),
        [
            (p, "a", "system-name"),
            (p, "b", "supplier"),
            (p, "c", "annual-spend"),
            (p, "d", "expiry"),
            (p, "e", "review")
        ]
    );
    let crm = intake.found.iter().find(|f| f.text.starts_with("CRM")).expect("the CRM line is read");
    assert_eq!(crm.kind, Kind::Scope, "CRM (Contact Management) is an item, not a question");
    assert_eq!(crm.matched.id, None);
}

#[test]
fn the_it_infrastructure_request_maps_within_its_questionnaire() {
    let intake = intake::read(&text("it-infrastructure.txt"));
    assert_eq!(intake.questionnaire, "it-infrastructure");
    assert_eq!(items(&intake), ["wan", "lan", "telephony", "mobile", "cloud"]);
    let p = "it-contracts";
    assert_eq!(
        questions(&intake),
        [
            (p, "1", "supplier"),
            (p, "2", "total-value"),
            (p, "3", "annual-spend"),
            (p, "4", "duration"),
            (p, "5", "expiry"),
            (p, "6", "procedure-type"),
            (p, "7", "framework"),
            (p, "8", "contact"),
        ]
    );
}

/// Every question intake maps belongs to the questionnaire it chose: never one of another
/// round robin.
#[test]
fn questions_never_map_across_questionnaires() {
    for name in ["systems-flat.txt", "systems-nested.txt", "it-infrastructure.txt"] {
        let intake = intake::read(&text(name));
        let asked = Definition::named(&intake.questionnaire).expect("a built-in questionnaire").questions();
        for found in intake.questions() {
            if let Some(id) = found.matched.id {
                assert!(asked.contains(&id), "{name}: `{id}` is not a question of {}", intake.questionnaire);
            }
            if let Some((id, _)) = found.elsewhere {
                assert!(asked.contains(&id), "{name}: `{id}` offered from another questionnaire");
            }
        }
    }
}

#[test]
fn a_contact_centre_request_still_chooses_the_contact_centre_questionnaire() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/intake/hastings.txt");
    let intake = intake::read(&fs::read_to_string(path).expect("read"));
    assert_eq!(intake.questionnaire, "contact-centre");
}

#[test]
fn the_questionnaire_can_be_named_on_the_command_line() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/intake/questionnaires/systems-flat.txt");
    let forced = Command::cargo_bin("foi")
        .expect("binary")
        .args(["intake", "--format", "json", "--questionnaire", "it-infrastructure"])
        .arg(&path)
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&forced.stdout).expect("json");
    assert_eq!(json["questionnaire"], "it-infrastructure");
    assert!(
        json["questions"]
            .as_array()
            .expect("questions")
            .iter()
            .all(|q| q["part"].is_null() || q["part"] == "it-contracts"),
        "{json}"
    );
    let unknown = Command::cargo_bin("foi")
        .expect("binary")
        .args(["intake", "--questionnaire", "printing"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(unknown.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        stderr.contains("no questionnaire `printing`: foi has contact-centre, it-infrastructure, systems"),
        "{stderr}"
    );
}

/// The draft names the items asked, and reads back as a request file.
#[test]
fn the_draft_of_a_per_item_request_lists_its_items() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/intake/questionnaires/systems-nested.txt");
    let out = Command::cargo_bin("foi")
        .expect("binary")
        .current_dir(std::env::temp_dir())
        .args(["intake", "--reference", "NMP-1", "--received", "2024-06-10"])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let draft = String::from_utf8(out.stdout).expect("utf-8");
    assert!(draft.contains("  - part: operational-systems\n"), "{draft}");
    assert!(draft.contains("    items: [command-and-control, crm, telephony]\n"), "{draft}");
    let request: RequestFile = serde_yaml::from_str(&draft).expect("the draft is a request file");
    let foi::model::OrStandard::Listed(parts) = &request.parts else { panic!("parts listed") };
    assert_eq!(parts[0].items.as_deref().map(<[String]>::len), Some(3));
}
