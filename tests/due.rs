//! `foi due` through the binary: the due date first, the explanation, JSON, usage errors,
//! and the late-response warning of `foi render`.

mod common;

use assert_cmd::Command;
use common::Casebook;

fn foi() -> Command {
    Command::cargo_bin("foi").expect("binary")
}

/// Runs `foi` with `args`, expects success and returns standard output.
fn stdout(args: &[&str]) -> String {
    let result = foi().args(args).assert().success();
    let output = result.get_output();
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).expect("utf-8")
}

/// Runs `foi` with `args`, expects exit code 2 and returns standard error.
fn usage_error(args: &[&str]) -> String {
    let result = foi().args(args).assert().code(2);
    assert!(result.get_output().stdout.is_empty());
    String::from_utf8_lossy(&result.get_output().stderr).into_owned()
}

#[test]
fn the_due_date_is_the_first_token_of_the_first_line() {
    let text = stdout(&["due", "2022-11-25"]);
    assert_eq!(text, "2022-12-28 (Wed 28 Dec 2022): working day 20 after Fri 25 Nov 2022, under FOIA\n");
    let first = text.split_whitespace().next();
    assert_eq!(first, Some("2022-12-28"));
}

#[test]
fn foisa_and_other_periods() {
    assert!(stdout(&["due", "2025-04-01", "--jurisdiction", "foisa"]).starts_with("2025-04-30 "));
    assert!(stdout(&["due", "2025-04-01", "--jurisdiction", "foia"]).starts_with("2025-05-01 "));
    // Twenty days and a twenty-day public interest extension: working day 40.
    assert!(stdout(&["due", "2022-11-25", "--days", "40"]).starts_with("2023-01-27 "));
}

#[test]
fn explain_lists_every_day_and_why_it_was_skipped() {
    let text = stdout(&["due", "2022-11-25", "--explain"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("2022-12-28 "));
    assert_eq!(lines[1], "");
    assert_eq!(lines[2], "Fri 25 Nov 2022: received (day 0); the count starts with the next working day");
    assert!(
        lines.contains(&"Wed 30 Nov 2022: St Andrew's Day (Scotland) — not a working day under FOIA s.10(6)")
    );
    assert_eq!(lines.last(), Some(&"Wed 28 Dec 2022: working day 20, the due date"));
    assert_eq!(lines.len(), 2 + 34, "a header, a blank line, and one line per day from 25 Nov to 28 Dec");
    let numbers: Vec<u32> = lines[2..]
        .iter()
        .filter_map(|l| l.split_once(": working day ").map(|(_, rest)| rest))
        .map(|rest| {
            rest.chars().take_while(char::is_ascii_digit).collect::<String>().parse().expect("number")
        })
        .collect();
    assert_eq!(numbers, (1..=20).collect::<Vec<u32>>(), "each working day once, in order");
    let foisa = stdout(&["due", "2022-11-25", "--explain", "--jurisdiction", "foisa"]);
    assert!(
        foisa.contains("Wed 30 Nov 2022: St Andrew's Day (Scotland) — not a working day under FOISA s.73")
    );
}

#[test]
fn json_has_a_stable_shape() {
    let text = stdout(&["due", "2026-06-13", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(json["jurisdiction"], "foia");
    assert_eq!(json["received"], "2026-06-13");
    assert_eq!(json["days"], 20);
    assert_eq!(json["due"], "2026-07-14");
    assert_eq!(json["calendar"]["first_year"], 2015);
    assert_eq!(json["calendar"]["last_year"], 2027);
    let trace = json["trace"].as_array().expect("trace");
    assert_eq!(trace[0]["status"], "received");
    let monday = &trace[2];
    assert_eq!(monday["date"], "2026-06-15");
    assert_eq!(monday["status"], "not-working");
    assert_eq!(monday["reasons"][0]["kind"], "bank-holiday");
    assert_eq!(monday["reasons"][0]["nations"], serde_json::json!(["scotland"]));
    assert_eq!(monday["reasons"][0]["origin"], "data");
    assert_eq!(trace.last().expect("due")["working_day"], 20);
    assert_eq!(json["notes"], serde_json::json!([]));
}

#[test]
fn years_past_the_calendar_carry_a_note() {
    let text = stdout(&["due", "2030-03-01"]);
    assert!(text.starts_with("2030-04-01 "), "{text}");
    assert!(text.contains("note: 2030 is outside the built-in calendar (2015 to 2027)"), "{text}");
    assert!(text.contains("proclaimed one-off days may be missing"), "{text}");
}

#[test]
fn bad_input_is_a_usage_error() {
    assert_eq!(
        usage_error(&["due", "25/11/2022"]),
        "error: `25/11/2022` is not a date: write it as YYYY-MM-DD, e.g. 2022-11-25\n"
    );
    assert!(usage_error(&["due", "2022-02-30"]).contains("is not a date"));
    assert_eq!(
        usage_error(&["due", "1999-01-04"]),
        "error: 1999-01-04 is outside the years foi computes deadlines for (2005 to 2100)\n"
    );
    // Regression (issue 11): said "2100-12-31 is outside (2005 to 2100)", a date inside.
    assert_eq!(
        usage_error(&["due", "2100-12-24", "--days", "5"]),
        "error: 5 working days from 2100-12-24 would end after 31 December 2100, the last day foi \
         computes deadlines for (the years 2005 to 2100)\n"
    );
    usage_error(&["due", "2022-11-25", "--days", "0"]);
    usage_error(&["due", "2022-11-25", "--jurisdiction", "eir"]);
    usage_error(&["due"]);
}

#[test]
fn output_is_identical_across_runs() {
    let args = ["due", "2025-12-22", "--explain", "--format", "json"];
    assert_eq!(stdout(&args), stdout(&args));
}

#[test]
fn render_warns_about_a_late_response_and_still_renders() {
    let casebook = Casebook::example("hastings");
    let request = "requests/FOIR-467737865.yaml";
    let text = casebook.read(request).replace("responded: 2022-12-09", "responded: 2023-01-03");
    casebook.write(request, &text);
    let result = foi().current_dir(casebook.root()).args(["render", request]).assert().success();
    let stderr = String::from_utf8_lossy(&result.get_output().stderr).into_owned();
    assert!(stderr.contains("warning: responded 2023-01-03, after the deadline of 2022-12-28"), "{stderr}");
    assert!(stderr.contains("--> requests/FOIR-467737865.yaml:6:12 (responded)"), "{stderr}");
    assert!(stderr.ends_with("1 warning\n"), "{stderr}");
    let letter = String::from_utf8_lossy(&result.get_output().stdout).into_owned();
    assert!(
        letter
            .contains("- **Response due:** 28 December 2022\n- **Date of this response:** 3 January 2023\n")
    );
}

#[test]
fn a_casebook_adds_its_bank_holidays_and_its_act() {
    let casebook = Casebook::new(&format!("{}{}", common::FOIA_PROFILE, common::PROCLAIMED_HOLIDAY_2029));
    let root = casebook.root().to_str().expect("utf-8 path");
    let plain = stdout(&["due", "2029-06-15"]);
    let with = stdout(&["due", "2029-06-15", "--casebook", root, "--explain"]);
    assert!(plain.starts_with("2029-07-16 "), "12 July skipped: {plain}");
    assert!(with.starts_with("2029-07-17 "), "one more day skipped: {with}");
    assert!(with.contains("Example proclaimed holiday"), "{with}");

    // Without --jurisdiction, a Scottish casebook counts Scottish working days.
    let scottish = Casebook::new(common::FOISA_PROFILE);
    let root = scottish.root().to_str().expect("utf-8 path");
    assert!(stdout(&["due", "2025-04-01", "--casebook", root]).starts_with("2025-04-30 "));
    let foia = stdout(&["due", "2025-04-01", "--casebook", root, "--jurisdiction", "foia"]);
    assert!(foia.starts_with("2025-05-01 "), "{foia}");
}

#[test]
fn a_casebook_that_cannot_be_used_for_the_count_is_refused() {
    let broken =
        Casebook::new(&format!("{}bank-holidays:\n  - {{date: 2029-06-18}}\n", common::FOIA_PROFILE));
    let root = broken.root().to_str().expect("utf-8 path");
    let result = foi().args(["due", "2029-06-15", "--casebook", root]).assert().code(1);
    let stderr = String::from_utf8_lossy(&result.get_output().stderr).into_owned();
    assert!(stderr.contains("foi.yaml:") && stderr.contains("bank-holidays"), "{stderr}");
    assert!(result.get_output().stdout.is_empty());

    let missing = usage_error(&["due", "2029-06-15", "--casebook", "no/such/folder"]);
    assert!(missing.contains("no casebook folder at no/such/folder"), "{missing}");

    let mixed = Casebook::new(
        "authorities:\n\
         \x20 - id: english\n    name: English Council\n    jurisdiction: foia\n    address: [Town Hall]\n\
         \x20   foi-team: {name: FOI Team, email: foi@example.gov.uk}\n\
         \x20 - id: scottish\n    name: Scottish Council\n    jurisdiction: foisa\n    address: [Council Offices]\n\
         \x20   foi-team: {name: FOI Team, email: foi@example.scot}\n",
    );
    let root = mixed.root().to_str().expect("utf-8 path");
    let error = usage_error(&["due", "2025-04-01", "--casebook", root]);
    assert!(error.contains("choose one with --jurisdiction"), "{error}");
    assert!(
        stdout(&["due", "2025-04-01", "--casebook", root, "--jurisdiction", "foisa"])
            .starts_with("2025-04-30 ")
    );
}
