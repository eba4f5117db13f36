//! The `foi` binary: exit codes, error reports for bad input, and output files.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::Casebook;

fn foi() -> Command {
    Command::cargo_bin("foi").expect("binary")
}

const HASTINGS_REQUEST: &str = "requests/FOIR-467737865.yaml";

/// Runs `foi render` on a broken copy of the Hastings example with `-o`, and checks that it
/// fails with exit code 1, writes nothing, and reports on standard error.
fn broken(edit: impl FnOnce(&Casebook)) -> String {
    let casebook = Casebook::example("hastings");
    edit(&casebook);
    let out = casebook.root().join("out.md");
    let result = foi()
        .current_dir(casebook.root())
        .args(["render", HASTINGS_REQUEST, "-o"])
        .arg(&out)
        .assert()
        .code(1);
    assert!(!out.exists(), "nothing is written when the casebook has errors");
    let output = result.get_output();
    assert!(output.stdout.is_empty(), "nothing on standard output");
    String::from_utf8(output.stderr.clone()).expect("utf-8")
}

#[test]
fn malformed_yaml_names_the_file_and_line() {
    let stderr = broken(|c| {
        let text = c
            .read("contracts/ivr.yaml")
            .replace("title: Interactive Voice Response", "title: [Interactive Voice Response");
        c.write("contracts/ivr.yaml", &text);
    });
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_unknown_key_gets_the_nearest_valid_one() {
    let stderr = broken(|c| {
        let text = c.read("contracts/contact-centre-software.yaml").replace("agents: 11", "agentz: 11");
        c.write("contracts/contact-centre-software.yaml", &text);
    });
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_unknown_exemption_is_pointed_at() {
    let stderr = broken(|c| {
        let text = c.read("contracts/ivr.yaml").replacen("withhold: [s43-2]", "withhold: [s43-3]", 1);
        c.write("contracts/ivr.yaml", &text);
    });
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_missing_contract_is_named() {
    let stderr = broken(|c| {
        let text = c.read(HASTINGS_REQUEST).replacen(
            "  - part: inbound-network\n",
            "  - part: inbound-network\n    contracts: [ivr-support]\n",
            1,
        );
        c.write(HASTINGS_REQUEST, &text);
    });
    insta::assert_snapshot!(stderr);
}

#[test]
fn every_error_is_reported_at_once() {
    let stderr = broken(|c| {
        let ivr = c.read("contracts/ivr.yaml").replacen("withhold: [s43-2]", "withhold: [s43-3]", 1);
        c.write("contracts/ivr.yaml", &ivr);
        let cc = c
            .read("contracts/contact-centre-software.yaml")
            .replace("review: 2023-01-01", "review: 2023-03-01");
        c.write("contracts/contact-centre-software.yaml", &cc);
    });
    assert!(stderr.contains("contracts/ivr.yaml:5:14"), "{stderr}");
    assert!(stderr.contains("contracts/contact-centre-software.yaml:14:9"), "{stderr}");
    assert!(
        stderr.contains("review date (2023-03-01) is after the contract expires (2023-02-01)"),
        "{stderr}"
    );
    assert!(stderr.ends_with("2 errors\n"), "{stderr}");
}

#[test]
fn a_missing_request_file_is_a_usage_error() {
    let casebook = Casebook::example("hastings");
    let result = foi().current_dir(casebook.root()).args(["render", "requests/nope.yaml"]).assert().code(2);
    let stderr = String::from_utf8_lossy(&result.get_output().stderr).into_owned();
    assert_eq!(stderr, "error: no request file at requests/nope.yaml\n");
}

#[test]
fn a_request_outside_any_casebook_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("r.yaml"), "reference: X\n").expect("write");
    let result = foi().current_dir(dir.path()).args(["render", "r.yaml"]).assert().code(2);
    let stderr = String::from_utf8_lossy(&result.get_output().stderr).into_owned();
    assert!(stderr.contains("no foi.yaml in"), "{stderr}");
    assert!(stderr.contains("foi init"), "{stderr}");
}

#[test]
fn bad_arguments_exit_2() {
    foi().args(["render"]).assert().code(2);
    foi().args(["render", "x.yaml", "--layout", "sideways"]).assert().code(2);
}

#[test]
fn output_files_are_written_and_identical_across_runs() {
    let casebook = Casebook::example("hastings");
    let out = casebook.root().join("letter.md");
    let render = || {
        foi()
            .current_dir(casebook.root())
            .args(["render", HASTINGS_REQUEST, "-o"])
            .arg(&out)
            .assert()
            .success();
        std::fs::read(&out).expect("written")
    };
    let (first, second) = (render(), render());
    assert_eq!(first, second);
    let stdout = foi().current_dir(casebook.root()).args(["render", HASTINGS_REQUEST]).assert().success();
    assert_eq!(stdout.get_output().stdout, first, "the file holds what standard output shows");
    let leftovers: Vec<_> = std::fs::read_dir(casebook.root())
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".foi-"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left behind");
}

#[test]
fn the_layout_can_be_chosen_on_the_command_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hastings");
    let result =
        foi().current_dir(&root).args(["render", HASTINGS_REQUEST, "--layout", "annex"]).assert().success();
    let text = String::from_utf8_lossy(&result.get_output().stdout).into_owned();
    assert!(text.contains("## Explanatory annex"));
    assert!(!text.contains("## Refusal notice"));
}

#[test]
fn an_edited_template_in_the_casebook_wins() {
    let casebook = Casebook::example("hastings");
    let letter = foi::templates::BUILTIN.iter().find(|(n, _)| *n == "letter.md").expect("letter").1;
    casebook.write("templates/letter.md", &letter.replace("Yours sincerely,", "With kind regards,"));
    let result = foi().current_dir(casebook.root()).args(["render", HASTINGS_REQUEST]).assert().success();
    let text = String::from_utf8_lossy(&result.get_output().stdout).into_owned();
    assert!(text.contains("With kind regards,") && !text.contains("Yours sincerely,"));
}

#[test]
fn a_broken_template_names_its_file_and_line() {
    let casebook = Casebook::example("hastings");
    casebook.write("templates/rights.md", "## Rights\n\n{{ act.regulator.nmae }}\n");
    let result = foi().current_dir(casebook.root()).args(["render", HASTINGS_REQUEST]).assert().code(1);
    let stderr = String::from_utf8_lossy(&result.get_output().stderr).into_owned();
    assert!(stderr.contains("templates/rights.md:3"), "{stderr}");
    assert!(stderr.contains("undefined"), "{stderr}");
}
