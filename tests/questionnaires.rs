//! A casebook's own questionnaire (`questionnaires/ID.yaml`), through the binary: its parts
//! and the fields it declares are known to `foi check`, to the letters, to `foi schema`
//! (so editors complete them) and to `foi intake`. The errors of a broken questionnaire
//! file are fixtures of `tests/check.rs`.

mod common;

use assert_cmd::Command;
use common::Casebook;

const PRINTING: &str = "\
id: printing
title: Managed print contracts
keywords: [managed print, printers, multifunction devices]
parts:
  - id: printing
    title: Managed print contracts
    scope: Printers, copiers and the service that keeps them running.
    questions: [supplier, annual-spend, expiry, devices, print-volume, lease, contact, account-manager]
questions:
  - id: devices
    summary: Number of printers and copiers.
    type: count
    field: How many devices the contract covers.
    scope: contract
    label: Number of devices
    wording: How many printers and copiers does the contract cover?
    aliases: [number of devices, devices, how many printers, number of printers, fleet size]
  - id: print-volume
    summary: Pages printed a year.
    type: count
    field: Pages printed a year, across the organisation.
    scope: authority
    label: Print volume
    wording: How many pages does the organisation print each year?
    aliases: [print volume, pages printed, number of pages, annual print volume]
  - id: lease
    summary: Whether the devices are leased.
    type: yes-no
    field: Whether the devices are leased, and on what terms.
    scope: contract
    label: Leased devices
    wording: Are the devices leased rather than owned?
    aliases: [leased, lease, are the devices leased, owned or leased]
  - id: account-manager
    summary: The supplier's account manager for the contract.
    type: person
    field: The supplier's account manager (name, job-title, phone, email, seniority).
    scope: contract
    label: Account manager
    wording: Who manages the account at the supplier?
";

const CONTRACT: &str = "\
part: printing
title: Managed print service
supplier: Avocet Print Solutions Ltd
annual-spend:
  withhold: [s43-2]
  value: 58000
expiry: 2026-03-31
devices: 240
lease: Yes, over five years
contact:
  name: Ines Calloway
  job-title: Print Services Officer
  phone: 01632 960555
  email: ines.calloway@exampleshire.gov.uk
  seniority: junior
  unique-post: false
  senior-officer:
    name: Dale Morrow
    job-title: Head of Digital Services
account-manager:
  name: Piet Vandermolen
  job-title: Account Executive
  email: piet.vandermolen@avocet.example.com
  seniority: junior
  unique-post: false
";

const REQUEST: &str = "\
reference: ECC-2024-050
received: 2024-11-04
responded: 2024-11-28
requester:
  name: Noor Haddad
  email: noor.haddad@example.com
parts:
  - part: printing
    questions:
      - {number: 1, id: supplier}
      - {number: 2, id: annual-spend}
      - {number: 3, id: devices}
      - {number: 4, id: lease}
      - {number: 5, id: print-volume}
      - {number: 6, id: contact}
      - {number: 7, id: account-manager}
";

fn casebook() -> Casebook {
    let casebook = Casebook::copy_of("tests/check/base");
    casebook.write("questionnaires/printing.yaml", PRINTING);
    casebook.write("contracts/print.yaml", CONTRACT);
    let profile =
        casebook.read("foi.yaml").replace("  facts:\n", "  facts:\n    print-volume: about 3 million\n");
    casebook.write("foi.yaml", &profile);
    casebook.write("requests/ECC-2024-050.yaml", REQUEST);
    casebook
}

fn foi(casebook: &Casebook, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("foi")
        .expect("binary")
        .current_dir(casebook.root())
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn contracts_and_requests_answer_the_fields_a_casebook_questionnaire_declares() {
    let casebook = casebook();
    let check = foi(&casebook, &["check", "--today", "2025-01-31", "--deny-warnings"]);
    let report = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{report}");
    assert!(report.contains("1 questionnaire"), "{report}");
    let render =
        foi(&casebook, &["render", "requests/ECC-2024-050.yaml", "--format", "md", "--today", "2025-01-31"]);
    assert!(render.status.success(), "{}", String::from_utf8_lossy(&render.stderr));
    let letter = String::from_utf8(render.stdout).expect("utf-8");
    for line in [
        "**3. Number of devices:** 240",
        "**4. Leased devices:** Yes, over five years",
        "**5. Print volume:** About 3 million",
        "**2. Annual average spend:** Withheld under section 43(2)",
        "**6. Contact details:** Job title: Print Services Officer.",
        "**7. Account manager:** Job title: Account Executive.",
    ] {
        assert!(letter.contains(line), "{line}:\n{letter}");
    }
    // A `person` field of the casebook's own gets the s.40(2) rules of the contract owner.
    for private in ["Ines Calloway", "58,000", "Piet Vandermolen", "piet.vandermolen"] {
        assert!(!letter.contains(private), "{private}:\n{letter}");
    }
}

#[test]
fn a_field_of_the_casebook_questionnaire_is_typed_like_any_other() {
    let casebook = casebook();
    casebook.write("contracts/print.yaml", &CONTRACT.replace("devices: 240", "devices: [a, b]"));
    let check = foi(&casebook, &["check", "--today", "2025-01-31"]);
    let report = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{report}");
    assert!(report.contains("contracts/print.yaml:8"), "{report}");
}

#[test]
fn without_its_questionnaire_the_fields_are_unknown() {
    let casebook = casebook();
    std::fs::remove_file(casebook.root().join("questionnaires/printing.yaml")).expect("remove");
    let check = foi(&casebook, &["check", "--today", "2025-01-31"]);
    let report = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{report}");
    assert!(report.contains("unknown value `printing`"), "{report}");
}

#[test]
fn the_schemas_written_in_the_casebook_know_its_fields() {
    let casebook = casebook();
    let out = foi(&casebook, &["schema", "--out", "schemas"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let contract: serde_json::Value =
        serde_json::from_str(&casebook.read("schemas/contract.schema.json")).expect("json");
    assert!(contract["properties"]["devices"].is_object(), "the new field completes in editors");
    let parts = contract["$defs"]["PartId"]["oneOf"].as_array().expect("parts");
    assert!(parts.iter().any(|p| p["const"] == "printing"), "{parts:?}");
    let questionnaire: serde_json::Value =
        serde_json::from_str(&casebook.read("schemas/questionnaire.schema.json")).expect("json");
    assert_eq!(questionnaire["$id"], "urn:foi:schema:questionnaire:1");
}

#[test]
fn intake_matches_a_request_against_the_casebook_questionnaire() {
    let casebook = casebook();
    let text = casebook.write(
        "request.txt",
        "Please tell me about your managed print contracts:\n\n1. Current supplier\n2. Number of printers\n3. Are the devices leased?\n4. Annual print volume\n",
    );
    let out = foi(&casebook, &["intake", text.to_str().expect("path"), "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["questionnaire"], "printing");
    let ids: Vec<&str> =
        json["questions"].as_array().expect("questions").iter().filter_map(|q| q["id"].as_str()).collect();
    assert_eq!(ids, ["supplier", "devices", "lease", "print-volume"]);
}

/// Intake reads every request against every alias: a questionnaire with thousands is
/// refused, so a casebook cannot make intake slow.
#[test]
fn a_questionnaire_with_too_many_aliases_is_refused() {
    let casebook = Casebook::copy_of("tests/check/base");
    let mut text = String::from(
        "id: big\ntitle: Big\nparts:\n  - id: big\n    title: Big\n    scope: Everything.\n    questions: [supplier]\n    items:\n",
    );
    for i in 0..600 {
        text.push_str(&format!("      - {{id: i{i}, label: Item {i}, aliases: [alias {i}]}}\n"));
    }
    casebook.write("questionnaires/big.yaml", &text);
    let check = foi(&casebook, &["check", "--today", "2025-01-31"]);
    let report = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{report}");
    assert!(report.contains("the questionnaire has 1200 keywords, labels and aliases"), "{report}");
    assert!(report.contains("questionnaires/big.yaml:1:1"), "{report}");
}
