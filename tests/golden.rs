//! Golden files: the Markdown response of every example request, and of the letters in
//! `tests/golden/` for cases the examples do not show, through the binary.
//!
//! Review every change to these snapshots line by line (`cargo insta review`): they are the
//! letters the public receives.

use std::path::Path;

use assert_cmd::Command;

fn render(example: &str, request: &str) -> String {
    render_as(example, request, "md")
}

fn render_as(example: &str, request: &str, format: &str) -> String {
    let (stdout, stderr) = run(&format!("examples/{example}"), request, format);
    assert!(stderr.is_empty(), "warnings: {stderr}");
    stdout
}

/// Renders a request of a casebook under `tests/golden/`, with no warnings.
fn golden(casebook: &str, request: &str) -> String {
    let (stdout, stderr) = run(&format!("tests/golden/{casebook}"), request, "md");
    assert!(stderr.is_empty(), "warnings: {stderr}");
    stdout
}

/// `foi render` of `requests/<request>.yaml` in the casebook at `folder` (relative to the
/// repository): standard output and standard error.
fn run(folder: &str, request: &str, format: &str) -> (String, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let output = Command::cargo_bin("foi")
        .expect("binary")
        .current_dir(&root)
        .args(["render", &format!("requests/{request}.yaml"), "--format", format])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    (String::from_utf8(output.stdout).expect("utf-8"), stderr)
}

#[test]
fn hastings_inline() {
    insta::assert_snapshot!(render("hastings", "FOIR-467737865"));
}

#[test]
fn national_archives_annex() {
    insta::assert_snapshot!(render("national-archives", "CAS-84648-H4L3X0"));
}

#[test]
fn shared_service_maidstone_standard_questionnaire() {
    insta::assert_snapshot!(render("shared-service", "MBC-2023-0412"));
}

#[test]
fn shared_service_swale_one_part_annex() {
    insta::assert_snapshot!(render("shared-service", "SBC-FOI-1187"));
}

#[test]
fn shared_service_tunbridge_wells_lettered_questions() {
    insta::assert_snapshot!(render("shared-service", "TWBC-23-0977"));
}

#[test]
fn hastings_html() {
    insta::assert_snapshot!(render_as("hastings", "FOIR-467737865", "html"));
}

#[test]
fn hastings_text() {
    insta::assert_snapshot!(render_as("hastings", "FOIR-467737865", "txt"));
}

#[test]
fn hastings_json() {
    insta::assert_snapshot!(render_as("hastings", "FOIR-467737865", "json"));
}

#[test]
fn national_archives_html() {
    insta::assert_snapshot!(render_as("national-archives", "CAS-84648-H4L3X0", "html"));
}

#[test]
fn national_archives_text() {
    insta::assert_snapshot!(render_as("national-archives", "CAS-84648-H4L3X0", "txt"));
}

#[test]
fn national_archives_json() {
    insta::assert_snapshot!(render_as("national-archives", "CAS-84648-H4L3X0", "json"));
}

#[test]
fn foisa_kilbrannan_commercial_crime_personal_data_ncnd_otherwise_accessible_and_not_held() {
    insta::assert_snapshot!(render("kilbrannan", "KC-FOI-2024-0153"));
}

#[test]
fn foisa_kilbrannan_json() {
    insta::assert_snapshot!(render_as("kilbrannan", "KC-FOI-2024-0153", "json"));
}

#[test]
fn foisa_kilbrannan_cost_refusal_in_pounds() {
    insta::assert_snapshot!(render("kilbrannan", "KC-FOI-2024-0201"));
}

#[test]
fn foia_public_interest_extension_with_the_supplier_given_and_the_spend_withheld() {
    insta::assert_snapshot!(golden("wyvern", "LBW-2024-101"));
}

#[test]
fn foia_one_exemption_confirmed_and_neither_confirmed_nor_denied() {
    insta::assert_snapshot!(golden("wyvern", "LBW-2024-102"));
}

#[test]
fn foia_a_late_reply_apologises() {
    let (letter, warnings) = run("tests/golden/wyvern", "LBW-2024-103", "md");
    assert!(warnings.contains("the response was late"), "foi check warns too: {warnings}");
    insta::assert_snapshot!(letter);
}

#[test]
fn foia_a_repeated_request_is_refused_under_section_14_2() {
    insta::assert_snapshot!(golden("wyvern", "LBW-2024-118"));
}

#[test]
fn the_golden_casebooks_pass_foi_check() {
    for folder in ["tests/golden/wyvern", "examples/kilbrannan"] {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
        let output = Command::cargo_bin("foi")
            .expect("binary")
            .current_dir(&root)
            .args(["check", "--today", "2030-12-31", "--format", "json"])
            .output()
            .expect("runs");
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
        assert_eq!(report["errors"], 0, "{folder}: {report:#}");
        let late_only = report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .all(|f| f["message"].as_str().is_some_and(|m| m.contains("the response was late")));
        assert!(late_only, "{folder}: the only warning is the late reply the letter owns up to: {report:#}");
    }
}

#[test]
fn northmoor_operational_systems_for_each_system() {
    insta::assert_snapshot!(render("northmoor", "NMP-2024-0311"));
}

#[test]
fn northmoor_it_infrastructure_for_each_kind_of_contract() {
    insta::assert_snapshot!(render("northmoor", "NMP-2024-0342"));
}
