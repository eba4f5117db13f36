//! `foi check` on broken casebooks: one fixture per rule, each with the exact diagnostics
//! in text and in JSON.
//!
//! `tests/check/base/` is a small valid casebook. Each other folder of `tests/check/` holds
//! only the files that differ from it, broken to show one rule; the test copies the base,
//! lays the folder over it and runs the binary as at [`TODAY`]. Review every changed line
//! of these snapshots: they are what an officer reads.

mod common;

use assert_cmd::Command;
use common::Casebook;

/// The date every fixture is checked as at.
const TODAY: &str = "2025-01-31";

/// Runs `foi check` on `tests/check/<fixture>` over the base, in text and in JSON.
fn check(fixture: &str) -> (i32, String, String) {
    let casebook = Casebook::copy_of("tests/check/base");
    casebook.overlay(&format!("tests/check/{fixture}"));
    let run = |format: &str| {
        let output = Command::cargo_bin("foi")
            .expect("binary")
            .current_dir(casebook.root())
            .env("NO_COLOR", "1")
            .args(["check", "--today", TODAY, "--format", format])
            .output()
            .expect("runs");
        let code = output.status.code().expect("exit code");
        let (data, diagnostics) = (String::from_utf8(output.stdout), String::from_utf8(output.stderr));
        (code, data.expect("utf-8"), diagnostics.expect("utf-8"))
    };
    let (code, stdout, text) = run("text");
    assert!(stdout.is_empty(), "text goes to standard error");
    let (json_code, json, stderr) = run("json");
    assert_eq!(code, json_code, "the format does not change the exit code");
    assert!(stderr.is_empty(), "json goes to standard output: {stderr}");
    (code, text, json)
}

macro_rules! fixtures {
    ($($name:ident: $folder:literal exits $code:literal;)*) => {
        /// Every fixture folder, so none is left without a test.
        const FOLDERS: &[&str] = &[$($folder),*];
        $(
            #[test]
            fn $name() {
                let (code, text, json) = check($folder);
                insta::assert_snapshot!(concat!($folder, "-text"), text);
                insta::assert_snapshot!(concat!($folder, "-json"), json);
                assert_eq!(code, $code, "exit code of {}:\n{text}", $folder);
            }
        )*
    };
}

fixtures! {
    yaml_syntax: "syntax" exits 1;
    unknown_keys: "unknown-keys" exits 1;
    wrong_types: "wrong-types" exits 1;
    missing_keys: "missing-keys" exits 1;
    values_outside_their_set: "bad-values" exits 1;
    unreadable_and_empty_files: "unreadable-files" exits 1;
    unknown_exemptions: "unknown-exemption" exits 1;
    an_exemption_of_the_other_act: "other-act-exemption" exits 1;
    decisions_of_the_wrong_form: "decision-forms" exits 1;
    exemptions_that_do_not_suit_the_answer: "exemption-misuse" exits 1;
    house_policy_decides_only: "house-policy" exits 1;
    a_qualified_exemption_without_public_interest_factors: "qualified-without-public-interest" exits 1;
    published_without_a_link_or_title: "published-without-link" exits 1;
    cost_and_vexatious_refusals_incomplete: "cost-refusal-incomplete" exits 1;
    junior_officers_details_published: "junior-officer-published" exits 1;
    the_requesters_identity_published: "requester-identity-published" exits 1;
    contract_dates_out_of_order: "contract-dates" exits 1;
    request_dates_out_of_order_or_in_the_future: "request-dates" exits 1;
    stale_contracts_warn: "stale-contract" exits 0;
    questions_nothing_answers: "unanswered-question" exits 1;
    contracts_and_authorities_that_do_not_exist: "unknown-references" exits 1;
    question_numbers_and_parts_repeated: "question-numbers" exits 1;
    duplicate_references: "duplicate-reference" exits 1;
    references_that_give_no_file_name_or_the_same_one: "bad-references" exits 1;
    requests_that_answer_differently_warn: "inconsistent-answers" exits 0;
    templates_that_do_not_parse: "template-syntax" exits 1;
    repeated_requests_that_cannot_stand: "repeated-request" exits 1;
    public_interest_extensions_that_cannot_stand: "extension-invalid" exits 1;
    foia_cost_limits_and_estimates: "cost-limit-foia" exits 1;
    foisa_prescribed_amount_and_estimates: "cost-limit-foisa" exits 1;
    exemption_wording_that_is_wrong_in_law: "exemption-wording" exits 1;
    wording_not_good_on_the_day_received: "dated-wording" exits 1;
    a_published_link_to_a_home_page_warns: "published-home-page" exits 0;
    a_junior_title_no_one_else_has_warns: "junior-title-unique" exits 0;
    misspelt_decision_keys_get_the_key_meant: "misspelt-decisions" exits 1;
    a_questionnaire_file_that_is_malformed: "questionnaire-malformed" exits 1;
    questionnaire_fields_of_two_types_or_that_no_contract_can_hold: "questionnaire-fields" exits 1;
    items_missing_or_unknown: "items" exits 1;
    an_item_asked_that_no_contract_answers: "item-without-contract" exits 1;
}

#[test]
fn the_base_casebook_has_no_findings() {
    let (code, text, json) = check("base");
    assert_eq!(code, 0);
    assert_eq!(text, ".: no problems found in foi.yaml, 2 contracts, 1 request\n");
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(json["findings"], serde_json::json!([]));
}

#[test]
fn every_fixture_folder_has_a_test() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/check")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name != "base")
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = FOLDERS.iter().map(|f| (*f).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn every_example_passes_with_no_findings() {
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(examples).expect("examples") {
        let root = entry.expect("entry").path();
        if !root.join("foi.yaml").is_file() {
            continue;
        }
        let report = foi::check::casebook(&root, common::TODAY).report;
        assert!(report.findings().is_empty(), "{}:\n{}", root.display(), report.to_text());
        checked += 1;
    }
    assert_eq!(checked, 5, "every example casebook is checked");
}

#[test]
fn a_typst_template_is_not_read_as_minijinja() {
    let casebook = Casebook::copy_of("tests/check/base");
    let foi = || {
        let mut command = Command::cargo_bin("foi").expect("binary");
        command.current_dir(casebook.root()).env("NO_COLOR", "1");
        command
    };
    foi().args(["templates", "eject", "letter.typ"]).assert().success();
    // Valid Typst (a code block joining two strings) that minijinja would reject.
    let mut typst = casebook.read("templates/letter.typ");
    typst.push_str("\n#let joined = {{ \"a\" }; { \"b\" }}\n");
    casebook.write("templates/letter.typ", &typst);
    let check = foi().args(["check", "--today", TODAY]).output().expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&check.stderr),
        ".: no problems found in foi.yaml, 2 contracts, 1 request, 1 template\n"
    );
    assert!(check.status.success());
    // A build without the `pdf` feature makes no PDF at all (tests/pdf.rs says so).
    #[cfg(feature = "pdf")]
    {
        let pdf = foi()
            .args(["render", "requests/ECC-2024-001.yaml", "--format", "pdf", "--today", TODAY])
            .output()
            .expect("runs");
        assert!(pdf.status.success(), "{}", String::from_utf8_lossy(&pdf.stderr));
        assert!(pdf.stdout.starts_with(b"%PDF-"));
    }
}

/// `foi check` (text) on the base casebook with `files` written over it.
fn check_with(files: &[(&str, &str)]) -> String {
    let casebook = Casebook::copy_of("tests/check/base");
    for (path, text) in files {
        casebook.write(path, text);
    }
    let output = Command::cargo_bin("foi")
        .expect("binary")
        .current_dir(casebook.root())
        .env("NO_COLOR", "1")
        .args(["check", "--today", TODAY])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "the check fails");
    String::from_utf8(output.stderr).expect("utf-8")
}

/// Issue 12, staged case 1: an unknown exemption in a contract hid the personal-data
/// error in the same file. Both are reported in one run.
#[test]
fn an_unknown_exemption_does_not_hide_a_junior_officers_name() {
    let contract = "part: contact-centre\ntitle: Customer Contact Platform\nsupplier:\n  withhold: [s43-9]\n  value: Wren Telecom Ltd\nexpiry: 2026-03-31\ndescription: Run day to day by Sam Reed.\ncontact:\n  name: Sam Reed\n  job-title: Contact Centre Officer\n  seniority: junior\n  unique-post: false\n  senior-officer: {name: Morgan Hale, job-title: Head of Customer Services}\n";
    let text = check_with(&[("contracts/call-centre.yaml", contract)]);
    assert!(text.contains("unknown exemption `s43-9`"), "{text}");
    assert!(text.contains("this gives the name of a junior officer"), "{text}");
    assert!(!text.contains("Sam Reed"), "the junior officer's name is masked: {text}");
}

/// Issue 12, staged case 2: an unknown key hid two unknown exemption ids.
#[test]
fn an_unknown_key_does_not_hide_two_unknown_exemptions() {
    let contract = "part: contact-centre\ntitle: Customer Contact Platform\ntitel: typo\nsupplier:\n  withhold: [s43-9]\n  value: Wren Telecom Ltd\nannual-spend:\n  withhold: [s31]\n  value: {amount: 41200}\nexpiry: 2026-03-31\n";
    let text = check_with(&[("contracts/call-centre.yaml", contract)]);
    for expected in ["`titel`", "unknown exemption `s43-9`", "unknown exemption `s31`"] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    assert!(text.contains("3 errors"), "each once: {text}");
}

/// Issue 12, staged case 3: an intake draft showed its empty reference only once its date
/// was filled in.
#[test]
fn a_drafts_empty_reference_is_reported_with_its_unfilled_date() {
    let request = "reference: \"\"            # FILL IN: our reference for the request\nreceived: YYYY-MM-DD      # FILL IN: the date the request arrived\nparts:\n  - part: contact-centre\n    questions:\n      - {number: 1, id: supplier}\n";
    let text = check_with(&[("requests/ECC-2024-001.yaml", request)]);
    assert!(text.contains("requests/ECC-2024-001.yaml:2:11 (received)"), "the date: {text}");
    assert!(text.contains("the request needs a reference"), "the reference: {text}");
    assert!(!text.contains("2000"), "nothing about the date stood in for it: {text}");
    assert!(text.contains("2 errors"), "{text}");
}

/// Issue 12, staged case 4: a contract with an error of its own was left out of the "did
/// you mean" for a misspelt contract name.
#[test]
fn a_contract_with_errors_is_still_suggested_for_a_near_miss() {
    let contract = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check/base/contracts/call-centre.yaml"),
    )
    .expect("contract")
    .replace("withhold: [s43-2]", "withhold: [s43-9]");
    let request = "reference: ECC-2024-001\nreceived: 2024-11-04\nparts:\n  - part: contact-centre\n    contracts: [call-centr]\n    questions:\n      - {number: 1, id: supplier}\n";
    let text =
        check_with(&[("contracts/call-centre.yaml", &contract), ("requests/ECC-2024-001.yaml", request)]);
    assert!(text.contains("unknown exemption `s43-9`"), "{text}");
    assert!(
        text.contains("no contract `call-centr`") && text.contains("did you mean `call-centre`?"),
        "{text}"
    );
}
