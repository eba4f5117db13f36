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

/// `foi due REQUEST --today DAY` in `casebook`, its standard output (warnings allowed).
fn clocks(casebook: &Casebook, request: &str, today: &str, json: bool) -> String {
    let mut command = foi();
    command.current_dir(casebook.root()).args(["due", &format!("requests/{request}.yaml"), "--today", today]);
    if json {
        command.args(["--format", "json"]);
    }
    let output = command.output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("utf-8")
}

/// The whole-way casebook with reviews of every outcome and complaints (tests/later-stages).
fn later_stages() -> Casebook {
    let casebook = Casebook::copy_of("tests/golden/whole-way");
    casebook.overlay("tests/later-stages");
    casebook
}

#[test]
fn a_request_files_clocks_restart_after_clarification_and_run_to_the_review() {
    let text = clocks(&Casebook::copy_of("tests/golden/whole-way"), "LBW-2024-140", "2026-12-01", false);
    assert_eq!(
        text,
        "LBW-2024-140 (FOIA), as at 2026-12-01
  clarification       2024-08-09  met (2024-05-14): clarification sought on 2024-05-09 (s.1(3)); without a reply the request closes after 3 months (house policy)
  response            2024-06-12  met (2024-06-07): working day 20 after the clarification received on 2024-05-14 (FOIA s.10(1))
  review              2024-07-19  met (2024-07-16): 20 working days from the request for review on 2024-06-20 (the s.45 Code of Practice)
  review-outer-limit  2024-08-19  met (2024-07-16): 40 working days from the request for review, the most the Information Commissioner allows a complex review
"
    );
    // The response's date is `foi due`'s own count from the clarification.
    assert!(stdout(&["due", "2024-05-14"]).starts_with("2024-06-12 "));
}

#[test]
fn an_extension_is_met_by_its_notice_and_then_by_the_reply() {
    let text = clocks(&Casebook::copy_of("tests/golden/wyvern"), "LBW-2024-101", "2026-12-01", false);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[1].starts_with("  response            2024-04-04  met (2024-04-02): "), "{text}");
    assert!(lines[1].ends_with("met by the s.17(2) extension notice sent on 2024-04-02"), "{text}");
    assert!(lines[2].starts_with("  extension           2024-04-18  met (2024-04-12): "), "{text}");
    // Working day 30: 20 and the notice's 10 further days.
    assert!(stdout(&["due", "2024-03-04", "--days", "30"]).starts_with("2024-04-18 "));
}

#[test]
fn a_late_reply_is_late() {
    let text = clocks(&Casebook::copy_of("tests/golden/wyvern"), "LBW-2024-103", "2026-12-01", false);
    assert!(text.contains("  response  2024-07-01  late (2024-07-09): "), "{text}");
}

#[test]
fn a_foisa_request_awaiting_clarification_has_its_clock_stopped() {
    let casebook = Casebook::example("kilbrannan");
    let waiting = clocks(&casebook, "KC-FOI-2024-0244", "2024-08-01", false);
    assert_eq!(
        waiting,
        "KC-FOI-2024-0244 (FOISA), as at 2024-08-01
  clarification  2024-10-24  open: clarification sought on 2024-07-24 (s.1(3)); without a reply the request closes after 3 months (house policy)
  response       2024-08-20  stopped: working day 20 after receipt on 2024-07-22 (FOISA s.10(1)); stopped until the clarification arrives, then counted again from it
"
    );
    let lapsed = clocks(&casebook, "KC-FOI-2024-0244", "2024-10-25", false);
    assert!(lapsed.contains("  clarification  2024-10-24  overdue: "), "{lapsed}");
    assert!(
        lapsed.contains("  response       2024-08-20  stopped: "),
        "never overdue while stopped: {lapsed}"
    );
}

#[test]
fn a_foisa_request_clarified_is_counted_again_from_the_reply() {
    let casebook = Casebook::example("kilbrannan");
    let text = clocks(&casebook, "KC-FOI-2024-0262", "2024-09-10", false);
    assert_eq!(
        text,
        "KC-FOI-2024-0262 (FOISA), as at 2024-09-10
  clarification  2024-11-07  met (2024-08-12): clarification sought on 2024-08-07 (s.1(3)); without a reply the request closes after 3 months (house policy)
  response       2024-09-09  met (2024-09-04): working day 20 after the clarification received on 2024-08-12 (FOISA s.10(1))
"
    );
}

#[test]
fn review_and_decision_notice_clocks() {
    let casebook = later_stages();
    // A review not yet decided: past its 20 days, within the ICO's 40.
    let open = clocks(&casebook, "LBW-2024-143", "2024-10-01", false);
    assert!(open.contains("  review              2024-09-03  overdue: 20 working days from the request for review on 2024-08-05"), "{open}");
    assert!(open.contains("  review-outer-limit  2024-10-01  open: "), "{open}");
    let late = clocks(&casebook, "LBW-2024-141", "2025-03-01", false);
    assert!(late.contains("  review              2024-07-23  late (2024-08-12): "), "{late}");
    assert!(late.contains("  review-outer-limit  2024-08-21  met (2024-08-12): "), "{late}");
    assert!(!late.contains("steps"), "a notice that upholds nothing requires no steps: {late}");
    let json: serde_json::Value =
        serde_json::from_str(&clocks(&casebook, "LBW-2024-142", "2025-03-01", true)).expect("json");
    assert_eq!(json["reference"], "LBW-2024-142");
    assert_eq!(json["jurisdiction"], "foia");
    assert_eq!(json["today"], "2025-03-01");
    let names: Vec<&str> =
        json["clocks"].as_array().expect("clocks").iter().filter_map(|c| c["clock"].as_str()).collect();
    assert_eq!(names, ["response", "review", "review-outer-limit", "steps"]);
    let steps = &json["clocks"][3];
    // 35 calendar days from the notice of 15 January 2025.
    assert_eq!(steps["due"], "2025-02-19");
    assert_eq!(steps["status"], "met");
    assert_eq!(steps["done"], "2025-02-14");
    // Not yet complied with, and past the 35 days: overdue.
    let request = casebook.read("requests/LBW-2024-142.yaml").replace("    complied: 2025-02-14\n", "");
    casebook.write("requests/LBW-2024-142.yaml", &request);
    let json: serde_json::Value =
        serde_json::from_str(&clocks(&casebook, "LBW-2024-142", "2025-03-01", true)).expect("json");
    assert_eq!(json["clocks"][3]["status"], "overdue");
    assert_eq!(json["clocks"][3]["done"], serde_json::Value::Null);
}

#[test]
fn the_calculators_options_do_not_apply_to_a_request_file() {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/whole-way/requests/LBW-2024-140.yaml");
    for flag in [&["--days", "40"][..], &["--explain"], &["--jurisdiction", "foisa"]] {
        let error = usage_error(&[&["due", folder][..], flag].concat());
        assert!(error.contains("is for counting from a date"), "{error}");
    }
    let missing = foi().args(["due", "requests/nothere.yaml"]).assert().failure();
    assert!(
        String::from_utf8_lossy(&missing.get_output().stderr)
            .contains("no request file at requests/nothere.yaml")
    );
}
