//! The letters of the exchange before the response: the acknowledgement, the request for
//! clarification (s.1(3)) and the public interest extension notice (FOIA s.17(2)), through
//! the binary. Golden files for each, FOIA and FOISA, and the errors and warnings that keep
//! each letter true of the case.

mod common;

use std::path::Path;

use assert_cmd::Command;

fn foi() -> Command {
    Command::cargo_bin("foi").expect("binary")
}

/// `foi render REQUEST --letter KIND --format FORMAT` in the casebook at `folder` (relative
/// to the repository), which must succeed with no warnings.
fn letter(folder: &str, request: &str, kind: &str, format: &str) -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let output = foi()
        .current_dir(&root)
        .args(["render", &format!("requests/{request}.yaml"), "--letter", kind, "--format", format])
        .args(["--today", "2030-12-31"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.is_empty(), "warnings: {stderr}");
    output.stdout
}

fn markdown(folder: &str, request: &str, kind: &str) -> String {
    String::from_utf8(letter(folder, request, kind, "md")).expect("utf-8")
}

#[test]
fn foia_acknowledgement_says_when_the_reply_is_due_and_how_it_was_counted() {
    let text = markdown("examples/hastings", "FOIR-467737865", "acknowledgement");
    // FOIA s.10(6) counts a bank holiday anywhere in the UK: St Andrew's Day is left out.
    assert!(text.contains("- 30 November 2022: St Andrew's Day, a bank holiday in Scotland"), "{text}");
    assert!(text.contains("We will reply by **28 December 2022** at the latest."), "{text}");
    assert!(!text.contains("Refusal notice") && !text.contains("internal review"), "{text}");
    insta::assert_snapshot!("foia_acknowledgement", text);
}

#[test]
fn foisa_acknowledgement_offers_no_public_interest_extension() {
    let text = markdown("examples/kilbrannan", "KC-FOI-2024-0153", "acknowledgement");
    assert!(!text.contains("further period"), "FOISA has no extension: {text}");
    insta::assert_snapshot!("foisa_acknowledgement", text);
}

#[test]
fn foisa_clarification_lists_the_points_and_the_advice_and_assistance_section() {
    let text = markdown("examples/kilbrannan", "KC-FOI-2024-0244", "clarification");
    assert!(text.contains("section 1(3) of the Freedom of Information (Scotland) Act 2002"), "{text}");
    assert!(text.contains("section 15 of the Act"), "FOISA's duty to advise is s.15: {text}");
    assert!(text.contains("by 24 October 2024 (3 months from the date of this letter)"), "{text}");
    assert!(!text.contains("Response due"), "the clock is stopped: {text}");
    insta::assert_snapshot!("foisa_clarification", text);
}

#[test]
fn foia_extension_notice_names_the_exemption_and_the_estimated_date() {
    let text = markdown("tests/golden/wyvern", "LBW-2024-101", "extension");
    assert!(text.contains("### Section 43(2): Commercial interests"), "{text}");
    assert!(text.contains("our notice under section 17(2) of the Act"), "{text}");
    assert!(text.contains("We expect to reach a decision by **18 April 2024**"), "{text}");
    assert!(
        text.contains("## Your right to ask for a review"),
        "a s.17 notice gives the rights (s.17(7)): {text}"
    );
    insta::assert_snapshot!("foia_extension", text);
}

#[test]
fn the_json_of_a_stage_letter_carries_its_kind_and_facts() {
    let json: serde_json::Value =
        serde_json::from_slice(&letter("examples/kilbrannan", "KC-FOI-2024-0244", "clarification", "json"))
            .expect("JSON");
    assert_eq!(json["letter"], "clarification");
    assert_eq!(json["stage"]["clarification"]["closes"], "2024-10-24");
    assert_eq!(json["stage"]["clarification"]["points"].as_array().map(Vec::len), Some(2));
    assert!(json["requester"].is_null(), "JSON leaves the requester out");
    let response: serde_json::Value =
        serde_json::from_slice(&letter("examples/kilbrannan", "KC-FOI-2024-0153", "response", "json"))
            .expect("JSON");
    assert!(response.get("stage").is_none(), "the response has no stage");
}

#[test]
fn every_letter_renders_in_every_text_format() {
    for (folder, request, kind) in [
        ("examples/hastings", "FOIR-467737865", "acknowledgement"),
        ("examples/kilbrannan", "KC-FOI-2024-0244", "clarification"),
        ("tests/golden/wyvern", "LBW-2024-101", "extension"),
    ] {
        for format in ["html", "txt", "typst", "docx"] {
            let bytes = letter(folder, request, kind, format);
            assert!(!bytes.is_empty(), "{kind} as {format}");
        }
        let html = String::from_utf8(letter(folder, request, kind, "html")).expect("utf-8");
        assert!(html.contains("<h2 ") && html.contains("Yours sincerely,"), "{kind}: {html}");
        let title = foi::LetterKind::named(kind).expect("a kind").title;
        assert!(html.contains(&format!("<title>{request}: {title}: ")), "the page names the letter: {html}");
    }
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_letters_say_what_the_markdown_says() {
    let cases = [
        ("examples/hastings", "FOIR-467737865", "acknowledgement", "30 November 2022: St Andrew's Day"),
        ("examples/kilbrannan", "KC-FOI-2024-0244", "clarification", "section 15 of the Act asks us"),
        ("tests/golden/wyvern", "LBW-2024-101", "extension", "our notice under section 17(2) of the Act"),
        (
            "tests/golden/wyvern",
            "LBW-2024-101",
            "review",
            "If you are not satisfied with the outcome of this review",
        ),
    ];
    for (folder, request, kind, phrase) in cases {
        let text = pdftotext(&letter(folder, request, kind, "pdf"));
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(phrase), "{kind}: {flat}");
        assert!(flat.contains("Yours sincerely,") && flat.contains("Date of this letter:"), "{kind}: {flat}");
        assert!(!flat.contains("Date of this response"), "{kind}: {flat}");
    }
}

#[cfg(feature = "pdf")]
fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("letter.pdf");
    std::fs::write(&file, pdf).expect("write the PDF");
    let output =
        match std::process::Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&file).arg("-").output() {
            Ok(output) => output,
            Err(err) => panic!(
                "cannot run pdftotext ({err}): these tests need poppler-utils; \
             install it with `apt-get install poppler-utils`, or run `bash .ci/run`, which does"
            ),
        };
    assert!(output.status.success(), "pdftotext failed");
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn a_letter_for_a_stage_the_request_does_not_record_is_a_usage_error() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hastings");
    let output = foi()
        .current_dir(&root)
        .args([
            "render",
            "requests/FOIR-467737865.yaml",
            "--letter",
            "clarification",
            "--today",
            "2030-01-01",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("records no request for clarification") && stderr.contains("clarification-sought"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn foisa_has_no_extension_notice() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kilbrannan");
    let output = foi()
        .current_dir(&root)
        .args(["render", "requests/KC-FOI-2024-0153.yaml", "--letter", "extension", "--today", "2030-01-01"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("has no public interest extension"), "{stderr}");
}

#[test]
fn a_batch_writes_every_recorded_letter_beside_the_response() {
    let casebook = common::Casebook::example("kilbrannan");
    let out = casebook.root().join("out");
    let status = foi()
        .current_dir(casebook.root())
        .args(["render", ".", "-o", "out", "--letter", "all", "--today", "2030-01-01"])
        .output()
        .expect("runs");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("out")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "KC-FOI-2024-0153.acknowledgement.md",
            "KC-FOI-2024-0153.md",
            "KC-FOI-2024-0201.acknowledgement.md",
            "KC-FOI-2024-0201.md",
            "KC-FOI-2024-0244.acknowledgement.md",
            "KC-FOI-2024-0244.clarification.md",
            "KC-FOI-2024-0244.md",
            "KC-FOI-2024-0262.acknowledgement.md",
            "KC-FOI-2024-0262.clarification.md",
            "KC-FOI-2024-0262.md",
        ]
    );
}

#[test]
fn check_keeps_the_clarification_dates_in_order_and_warns_when_it_was_sought_late() {
    let casebook = common::Casebook::example("kilbrannan");
    let request = casebook.read("requests/KC-FOI-2024-0244.yaml");
    // Sought after the reply was due (working day 20 from 22 July 2024 is 20 August).
    casebook
        .write("requests/KC-FOI-2024-0244.yaml", &request.replace("date: 2024-07-24", "date: 2024-08-28"));
    let output =
        foi().current_dir(casebook.root()).args(["check", "--today", "2030-01-01"]).output().expect("runs");
    let stdout =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("after the reply to the request was due (2024-08-20"), "{stdout}");
    assert!(output.status.success(), "a warning alone passes: {stdout}");
    // A reply dated before the letter asking for it, and an acknowledgement before receipt.
    casebook.write(
        "requests/KC-FOI-2024-0244.yaml",
        &request.replace(
            "received: 2024-07-22",
            "received: 2024-07-22\nacknowledged: 2024-07-21\nclarification: 2024-07-23",
        ),
    );
    let output =
        foi().current_dir(casebook.root()).args(["check", "--today", "2030-01-01"]).output().expect("runs");
    let stdout =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("the clarification arrived (2024-07-23) before it was sought (2024-07-24)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("the acknowledgement (2024-07-21) is dated before the request was received"),
        "{stdout}"
    );
}

#[test]
fn foia_review_upheld_gives_the_answers_and_only_the_regulator() {
    let text = markdown("tests/golden/wyvern", "LBW-2024-101", "review");
    assert!(text.contains("We have upheld our original response: its answers stand."), "{text}");
    assert!(text.contains("- **Review due:** 21 May 2024"), "{text}");
    assert!(!text.contains("Your right to ask for a review"), "a review is not offered again: {text}");
    assert!(text.contains("If you are not satisfied with the outcome of this review"), "{text}");
    insta::assert_snapshot!("foia_review_upheld", text);
}

#[test]
fn a_request_that_went_the_whole_way() {
    let folder = "tests/golden/whole-way";
    let acknowledgement = markdown(folder, "LBW-2024-140", "acknowledgement");
    // Sent the day after receipt, before clarification was sought: it gives the first count,
    // from receipt, not the one the clarification later restarted (s.1(3)).
    assert!(acknowledgement.contains("after we received your request on 7 May 2024"), "{acknowledgement}");
    assert!(acknowledgement.contains("We will reply by **5 June 2024**"), "{acknowledgement}");
    assert!(!acknowledgement.contains("Clarification received"), "{acknowledgement}");
    let clarification = markdown(folder, "LBW-2024-140", "clarification");
    let review = markdown(folder, "LBW-2024-140", "review");
    assert!(
        review.contains("We have upheld our original response in part and changed it in part."),
        "{review}"
    );
    assert!(
        review.contains("- Question 2 (Annual average spend): overturned, the answer has changed."),
        "{review}"
    );
    assert!(review.contains("**2. Annual average spend:** £148,000 a year"), "now released: {review}");
    assert!(!review.contains("Refusal notice"), "nothing is withheld any more: {review}");
    insta::assert_snapshot!("whole_way_acknowledgement", acknowledgement);
    insta::assert_snapshot!("whole_way_clarification", clarification);
    insta::assert_snapshot!("whole_way_review", review);
}

#[test]
fn foisa_review_names_the_commissioner_only() {
    let casebook = common::Casebook::example("kilbrannan");
    let request = casebook.read("requests/KC-FOI-2024-0153.yaml");
    casebook.write(
        "requests/KC-FOI-2024-0153.yaml",
        &request.replace(
            "publish: true\n",
            "publish: true\nreview:\n  requested: 2024-06-20\n  decided: 2024-07-30\n  outcome: upheld\n  reasons: The exemptions were rightly applied.\n",
        ),
    );
    let output = foi()
        .current_dir(casebook.root())
        .args(["render", "requests/KC-FOI-2024-0153.yaml", "--letter", "review", "--today", "2030-01-01"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!text.contains("Your right to require a review"), "{text}");
    assert!(text.contains("## Your right to apply to the Scottish Information Commissioner"), "{text}");
    assert!(!text.contains("section 47(1)(b)"), "the review has been answered: {text}");
    // FOISA s.21(1): 20 working days from 20 June 2024 ended on 18 July; the outcome came later.
    assert!(text.contains("We are sorry that this outcome is later than the 20 working days"), "{text}");
    assert!(
        stderr.contains("the review was decided on 2024-07-30, after the 20 working days it had"),
        "{stderr}"
    );
}

#[test]
fn check_keeps_the_review_true_of_the_request() {
    let casebook = common::Casebook::copy_of("tests/golden/wyvern");
    let request = casebook.read("requests/LBW-2024-101.yaml");
    let run = |text: &str| {
        casebook.write("requests/LBW-2024-101.yaml", text);
        let output = foi()
            .current_dir(casebook.root())
            .args(["check", "--today", "2030-01-01"])
            .output()
            .expect("runs");
        (
            output.status.code(),
            format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr)),
        )
    };
    let (code, text) =
        run(&request.replace("{number: 2, decision: upheld}", "{number: 22, decision: upheld}"));
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("part 1 has no question 22"), "{text}");
    let (code, text) =
        run(&request.replace("  decided: 2024-05-17\n", "  decided: 2024-05-17\n  outcome: overturned\n"));
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("the questions' decisions make the outcome `upheld`, not `overturned`"), "{text}");
    // Asked for more than 40 working days after the response: a warning.
    let (code, text) = run(&request
        .replace("requested: 2024-04-22", "requested: 2024-07-01")
        .replace("decided: 2024-05-17", "decided: 2024-07-10"));
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("the review was asked for on 2024-07-01, after the 40 working days"), "{text}");
}

#[test]
fn check_warns_when_a_decision_notice_steps_are_overdue() {
    let casebook = common::Casebook::copy_of("tests/golden/wyvern");
    let request = casebook.read("requests/LBW-2024-101.yaml");
    let complaint = "commissioner:\n  complained: 2024-06-03\n  reference: IC-301234-W9Z8\n  decision:\n    reference: IC-301234-W9Z8\n    date: 2024-10-01\n    outcome: partly-upheld\n    steps: Disclose the annual spend.\n";
    let run = |text: &str, today: &str| {
        casebook.write("requests/LBW-2024-101.yaml", text);
        let output =
            foi().current_dir(casebook.root()).args(["check", "--today", today]).output().expect("runs");
        (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
    };
    let with = format!("{request}{complaint}");
    // The ICO's usual 35 days from 1 October 2024 end on 5 November.
    let (code, text) = run(&with, "2024-11-05");
    assert_eq!(code, Some(0), "{text}");
    assert!(!text.contains("required steps"), "{text}");
    let (code, text) = run(&with, "2024-11-06");
    assert_eq!(code, Some(0), "a warning: {text}");
    assert!(text.contains("the decision notice IC-301234-W9Z8 required steps by 2024-11-05"), "{text}");
    let (_, text) = run(&format!("{with}    complied: 2024-11-01\n"), "2024-11-06");
    assert!(!text.contains("required steps"), "complied in time: {text}");
    let (code, text) = run(&with.replace("date: 2024-10-01", "date: 2024-05-01"), "2024-11-06");
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("the decision notice (2024-05-01) is dated before the complaint (2024-06-03)"),
        "{text}"
    );
}

#[test]
fn a_review_without_a_decision_has_no_outcome_letter_yet() {
    let casebook = common::Casebook::copy_of("tests/golden/wyvern");
    let request = casebook.read("requests/LBW-2024-101.yaml");
    let at = request.find("review:").expect("a review");
    casebook.write(
        "requests/LBW-2024-101.yaml",
        &format!("{}review:\n  requested: 2024-04-22\n", &request[..at]),
    );
    let output = foi()
        .current_dir(casebook.root())
        .args(["render", "requests/LBW-2024-101.yaml", "--letter", "review", "--today", "2030-01-01"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("has no decision yet"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn the_review_summarises_the_reply_as_sent_from_its_record_not_todays_casebook() {
    let text = markdown("examples/hastings", "FOIR-469102254", "review");
    assert!(
        text.contains("## What our response said\n\nOur response of 22 December 2022 answered"),
        "{text}"
    );
    // Today's casebook gives the spend the review released; the summary gives what was sent.
    assert!(
        text.contains("- Question 2 in part 2 (Annual Average Spend), Interactive Voice Response: withheld under section 43(2).\n"),
        "{text}"
    );
    assert!(text.contains("**2. Annual Average Spend:** £9,400 a year"), "now released: {text}");
    insta::assert_snapshot!("hastings_review_summarises_the_record", text);

    // A fact changed after the reply was sent, in an answer the review upheld: the summary
    // still gives the answer as sent.
    let casebook = common::Casebook::example("hastings");
    let foi_yaml = casebook.read("foi.yaml");
    casebook.write("foi.yaml", &foi_yaml.replace("email-users: 400", "email-users: 450"));
    let request = casebook.read("requests/FOIR-469102254.yaml");
    casebook.write(
        "requests/FOIR-469102254.yaml",
        &request.replace(
            "    - {part: 2, number: 2, decision: overturned}\n",
            "    - {part: 2, number: 2, decision: overturned}\n    - {part: 1, number: 12, decision: upheld}\n",
        ),
    );
    let output = foi()
        .current_dir(casebook.root())
        .args(["render", "requests/FOIR-469102254.yaml", "--letter", "review", "--today", "2030-01-01"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).expect("utf-8");
    assert!(text.contains("- Question 12 in part 1 (Number of email users): 400.\n"), "{text}");
    assert!(text.contains("**12. Number of email users:** 450"), "today's answer below: {text}");

    // No record: no summary of what was said, rather than one made from today's casebook.
    let review = markdown("tests/golden/whole-way", "LBW-2024-140", "review");
    assert!(!review.contains("What our response said"), "{review}");
}
