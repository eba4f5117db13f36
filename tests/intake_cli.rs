//! `foi intake` through the binary: output formats, files, standard input, bad input and
//! exit codes.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::Casebook;
use foi::model::{OrStandard, RequestFile};

fn foi() -> Command {
    Command::cargo_bin("foi").expect("binary")
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/intake").join(name)
}

fn stdout(result: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(result.get_output().stdout.clone()).expect("utf-8")
}

fn stderr(result: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(result.get_output().stderr.clone()).expect("utf-8")
}

#[test]
fn json_for_the_hastings_seed_is_exact() {
    let result =
        foi().arg("intake").arg(corpus("hastings.txt")).args(["--format", "json"]).assert().success();
    insta::assert_snapshot!(stdout(&result));
    assert!(stderr(&result).is_empty(), "nothing to warn about: {}", stderr(&result));
}

#[test]
fn json_holds_exactly_the_documented_keys() {
    let result =
        foi().arg("intake").arg(corpus("unrelated.txt")).args(["--format", "json"]).assert().success();
    let json: serde_json::Value = serde_json::from_str(&stdout(&result)).expect("json");
    let object = json.as_object().expect("object");
    assert_eq!(object.keys().collect::<Vec<_>>(), ["questions"]);
    for question in json["questions"].as_array().expect("array") {
        // serde_json sorts keys when parsing; their order on output is in the snapshot.
        let keys: Vec<&String> = question.as_object().expect("object").keys().collect();
        assert_eq!(keys, ["confidence", "id", "number", "part", "text"]);
    }
    let third = &json["questions"][2];
    assert_eq!(third["id"], serde_json::Value::Null, "the IT department question stays unmatched");
    assert_eq!(third["number"], "3");
}

#[test]
fn the_yaml_draft_loads_as_a_request_file() {
    let result = foi()
        .arg("intake")
        .arg(corpus("national-archives.txt"))
        .args(["--reference", "CAS-1", "--received", "2022-04-19"])
        .assert()
        .success();
    let yaml = stdout(&result);
    let file: RequestFile = serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    assert_eq!(file.reference, "CAS-1");
    assert_eq!(file.received.0.to_string(), "2022-04-19");
    let OrStandard::Listed(parts) = file.parts else { panic!("parts listed") };
    let counts: Vec<usize> = parts
        .iter()
        .map(|p| match &p.questions {
            OrStandard::Listed(q) => q.len(),
            OrStandard::Standard => 0,
        })
        .collect();
    assert_eq!(counts, [13, 6], "twelve numbered questions and the unnumbered one in part one");
    assert!(stderr(&result).contains("unnumbered paragraph asks `further-comments`"));
}

#[test]
fn a_draft_inside_the_casebook_suggests_contracts_and_renders() {
    let casebook = Casebook::example("hastings");
    let out = casebook.root().join("requests/NEW.yaml");
    foi()
        .current_dir(casebook.root())
        .arg("intake")
        .arg(corpus("hastings.txt"))
        .args(["-o", "requests/NEW.yaml", "--reference", "FOI-NEW", "--received", "2022-11-25"])
        .assert()
        .success();
    let draft = fs::read_to_string(&out).expect("written");
    assert!(draft.contains("contracts: [contact-centre-software]"), "{draft}");
    assert!(draft.contains("contracts: [ivr]"), "{draft}");
    let result = foi().current_dir(casebook.root()).args(["render", "requests/NEW.yaml"]).assert().success();
    let letter = stdout(&result);
    assert!(
        letter.contains("FOI-NEW") && letter.contains("**10. Manufacturer of the contact centre:**"),
        "{letter}"
    );
}

#[test]
fn a_draft_without_reference_and_date_does_not_render() {
    let casebook = Casebook::example("hastings");
    foi()
        .current_dir(casebook.root())
        .arg("intake")
        .arg(corpus("hastings.txt"))
        .args(["-o", "requests/NEW.yaml"])
        .assert()
        .success();
    let result = foi().current_dir(casebook.root()).args(["render", "requests/NEW.yaml"]).assert().code(1);
    assert!(stderr(&result).contains("`YYYY-MM-DD` is not a date"), "{}", stderr(&result));
    let draft = casebook.read("requests/NEW.yaml").replace("received: YYYY-MM-DD", "received: 2022-11-25");
    casebook.write("requests/NEW.yaml", &draft);
    let result = foi().current_dir(casebook.root()).args(["render", "requests/NEW.yaml"]).assert().code(1);
    assert!(stderr(&result).contains("the request needs a reference"), "{}", stderr(&result));
}

#[test]
fn questions_to_review_or_answer_block_rendering_until_settled() {
    let casebook = Casebook::example("hastings");
    let result = foi()
        .current_dir(casebook.root())
        .arg("intake")
        .arg(corpus("unrelated.txt"))
        .args(["-o", "requests/U.yaml", "--reference", "U-1", "--received", "2022-11-25"])
        .assert()
        .success();
    let warnings = stderr(&result);
    assert!(warnings.contains("question 8 looks like `agents` only with confidence 0.30"), "{warnings}");
    assert!(warnings.contains("question 3 is outside the questionnaire"), "{warnings}");
    let draft = casebook.read("requests/U.yaml");
    assert!(
        draft.contains("        # id: agents\n"),
        "the low-confidence id is left commented out:\n{draft}"
    );
    let result = foi().current_dir(casebook.root()).args(["render", "requests/U.yaml"]).assert().code(1);
    assert!(stderr(&result).contains("question `Number of staff` is outside the questionnaire"));
}

#[test]
fn the_draft_marks_what_the_officer_must_settle() {
    // Run from the repository so the draft names the input by a stable, relative path.
    let result = foi()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["intake", "tests/intake/unrelated.txt", "--reference", "U-1", "--received", "2024-01-10"])
        .assert()
        .success();
    insta::assert_snapshot!(stdout(&result));
}

#[test]
fn a_shared_service_draft_asks_which_authority() {
    let casebook = Casebook::example("shared-service");
    let result = foi()
        .current_dir(casebook.root())
        .arg("intake")
        .arg(corpus("letters.txt"))
        .args(["-o", "requests/NEW.yaml", "--reference", "N-1", "--received", "2024-01-10"])
        .assert()
        .success();
    assert!(stderr(&result).is_empty(), "{}", stderr(&result));
    let draft = casebook.read("requests/NEW.yaml");
    assert!(draft.contains("# authority: FILL IN one of: maidstone, swale, tunbridge-wells\n"), "{draft}");
    assert!(draft.contains("maidstone-acd (maidstone), swale-acd (swale)"), "{draft}");
    let result = foi().current_dir(casebook.root()).args(["render", "requests/NEW.yaml"]).assert().code(1);
    assert!(stderr(&result).contains("foi.yaml lists several authorities"), "{}", stderr(&result));
}

#[test]
fn output_files_are_never_overwritten_without_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("draft.yaml");
    let run = |extra: &[&str]| {
        let mut cmd = foi();
        cmd.current_dir(dir.path()).arg("intake").arg(corpus("letters.txt")).args(["-o", "draft.yaml"]);
        cmd.args(extra).assert()
    };
    run(&[]).success();
    let first = fs::read_to_string(&out).expect("written");
    assert!(first.contains("# contracts: [...]   # no casebook"), "works outside a casebook:\n{first}");
    fs::write(&out, "keep me").expect("write");
    let refused = run(&[]).code(2);
    assert_eq!(stderr(&refused), "error: draft.yaml already exists: pass --force to replace it\n");
    assert_eq!(fs::read_to_string(&out).expect("read"), "keep me");
    run(&["--force"]).success();
    assert_eq!(fs::read_to_string(&out).expect("read"), first, "same input, same draft");
    let names: Vec<String> = fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into())
        .collect();
    assert_eq!(names, ["draft.yaml"], "no temporary files left behind");
}

#[test]
fn standard_input_is_read_for_a_dash() {
    let text = fs::read(corpus("email-forwarded.txt")).expect("read");
    let piped = foi().args(["intake", "-", "--format", "json"]).write_stdin(text).assert().success();
    let from_file =
        foi().arg("intake").arg(corpus("email-forwarded.txt")).args(["--format", "json"]).assert().success();
    assert_eq!(stdout(&piped), stdout(&from_file));
    let draft = foi().args(["intake", "-"]).write_stdin("1. Supplier\n2. Busy times\n").assert().success();
    assert!(stdout(&draft).contains("drafted by `foi intake` from standard input"));
}

#[test]
fn bad_input_is_an_input_problem() {
    let cases: [(&[u8], &str); 4] = [
        (b"1. Supplier \xff\xfe broken", "is not UTF-8 text (invalid byte at offset 12): save it as UTF-8"),
        (b"\xff\xfe1\x00.\x00", "is UTF-16 text: save it as UTF-8"),
        (b"Dear FOI team, please tell me about your contact centre.", "found no numbered questions"),
        (b"", "found no numbered questions"),
    ];
    for (input, message) in cases {
        let result = foi().args(["intake", "-"]).write_stdin(input).assert().code(1);
        assert!(stdout(&result).is_empty());
        assert!(stderr(&result).contains(message), "{}", stderr(&result));
    }
    let huge = "1. Supplier\n".repeat(100_000);
    let result = foi().args(["intake", "-"]).write_stdin(huge).assert().code(1);
    assert!(stderr(&result).contains("is larger than 1048576 bytes"), "{}", stderr(&result));
}

#[test]
fn usage_problems_exit_2() {
    let result = foi().args(["intake", "no-such-request.txt"]).assert().code(2);
    assert_eq!(stderr(&result), "error: no request text at no-such-request.txt\n");
    foi().args(["intake"]).assert().code(2);
    foi().args(["intake", "-", "--format", "xml"]).assert().code(2);
    let result = foi().args(["intake", "-", "--received", "25/11/2022"]).assert().code(2);
    assert!(stderr(&result).contains("is not a date: write YYYY-MM-DD"));
    foi().args(["intake", "-", "--force"]).assert().code(2);
    foi().args(["intake", "-", "--reference", ""]).assert().code(2);
}

#[test]
fn help_shows_examples_and_the_review_threshold() {
    let result = foi().args(["intake", "--help"]).assert().success();
    let help = stdout(&result);
    assert!(help.contains("Examples:") && help.contains("--format json"), "{help}");
    assert!(help.contains("0.60"), "{help}");
}

/// Issue 11: `foi intake` dropped the requester. The `From:` header and the "… asks" line
/// were ignored (the name stayed in question text, to be published); now they fill in
/// `requester:`, leave the questions, and `foi check` refuses `publish: true` until the
/// officer confirms them, without ever printing them.
#[test]
fn intake_captures_the_requester_it_used_to_drop() {
    let casebook = Casebook::example("hastings");
    let request = fs::read_to_string(corpus("hastings.txt")).expect("read");
    let pasted = format!(
        "From: Zebulon Quackenbush <zeb.quackenbush@example.org>\nSubject: FOI request\n\nZebulon Quackenbush asks:\n{request}"
    );
    casebook.write("inbox/request.txt", &pasted);
    foi()
        .current_dir(casebook.root())
        .args(["intake", "inbox/request.txt", "-o", "requests/NEW.yaml", "--reference", "FOI-Z"])
        .args(["--received", "2022-11-25"])
        .assert()
        .success();
    let draft = casebook.read("requests/NEW.yaml");
    assert!(draft.contains("  name: \"Zebulon Quackenbush\"\n"), "{draft}");
    assert!(draft.contains("  email: \"zeb.quackenbush@example.org\"\n"), "{draft}");
    assert!(draft.contains("  confirmed: false\n"), "{draft}");
    let mentions = draft.lines().filter(|l| l.contains("Quackenbush") || l.contains("zeb.")).count();
    assert_eq!(mentions, 2, "only the requester block names them:\n{draft}");

    let published = draft.replace("# publish: true ", "publish: true   ");
    casebook.write("requests/NEW.yaml", &published);
    for format in ["text", "json", "github"] {
        let result = foi().current_dir(casebook.root()).args(["check", "--format", format]).assert().code(1);
        let said = format!("{}{}", stdout(&result), stderr(&result));
        assert!(said.contains("requester.confirmed"), "{format} names the field: {said}");
        assert!(said.contains("not confirmed"), "{format}: {said}");
        assert!(
            !said.contains("Quackenbush") && !said.contains("zeb."),
            "{format} names the requester: {said}"
        );
    }
    casebook.write("requests/NEW.yaml", &published.replace("confirmed: false", "confirmed: true"));
    let result = foi().current_dir(casebook.root()).args(["check"]).assert().success();
    assert!(!stderr(&result).contains("not confirmed"), "{}", stderr(&result));
}

/// A draft without anything to go on asks for the requester, and cannot be published as it
/// is; removing the block is the officer's way of saying there is no one to name.
#[test]
fn a_draft_with_no_requester_found_cannot_be_published_until_settled() {
    let casebook = Casebook::example("hastings");
    foi()
        .current_dir(casebook.root())
        .arg("intake")
        .arg(corpus("hastings.txt"))
        .args(["-o", "requests/NEW.yaml", "--reference", "FOI-N", "--received", "2022-11-25"])
        .assert()
        .success();
    let draft = casebook.read("requests/NEW.yaml").replace("# publish: true ", "publish: true   ");
    casebook.write("requests/NEW.yaml", &draft);
    let result = foi().current_dir(casebook.root()).args(["check"]).assert().code(1);
    assert!(stderr(&result).contains("the requester is not filled in"), "{}", stderr(&result));
    let start = draft.find("requester:").expect("block");
    let end = draft[start..].find("confirmed: false\n").expect("end") + start + "confirmed: false\n".len();
    casebook.write("requests/NEW.yaml", &format!("{}{}", &draft[..start], &draft[end..]));
    foi().current_dir(casebook.root()).args(["check"]).assert().success();
}

/// The line a warning quotes never shows the requester.
#[test]
fn intake_warnings_mask_the_requester() {
    let text = "Zebulon Quackenbush asks (1) who supplies your contact centre system (2) what it costs \
                each year (3) when the contract will next be reviewed, Zebulon Quackenbush.\n";
    let result = foi().args(["intake", "-"]).write_stdin(text).assert().success();
    let warnings = stderr(&result);
    assert!(warnings.contains("does not say which part"), "{warnings}");
    assert!(!warnings.contains("Quackenbush"), "{warnings}");
    assert!(warnings.contains("[requester]"), "{warnings}");
    let draft = stdout(&result);
    assert_eq!(draft.matches("Quackenbush").count(), 1, "{draft}");
}
