//! `foi stats` counts the later stages as the Cabinet Office's quarterly statistics do:
//! internal reviews by the date they were asked for (upheld, upheld in part, overturned,
//! decided within 20 working days) and complaints to the Commissioner by the date they were
//! made (decision notices and what they found), per authority and in total, for a period.

mod common;

use assert_cmd::Command;
use common::Casebook;
use serde_json::Value;

/// The whole-way casebook with a review of every outcome and three complaints (see
/// `tests/later-stages/README.md`).
fn later_stages() -> Casebook {
    let casebook = Casebook::copy_of("tests/golden/whole-way");
    casebook.overlay("tests/later-stages");
    casebook
}

fn stats(casebook: &Casebook, args: &[&str]) -> String {
    let output = Command::cargo_bin("foi")
        .expect("binary")
        .arg("stats")
        .arg(casebook.root())
        .args(args)
        .args(["--today", "2030-12-31"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("utf-8")
}

fn json(casebook: &Casebook, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    serde_json::from_str(&stats(casebook, &args)).expect("json")
}

#[test]
fn reviews_are_counted_by_outcome_and_timeliness() {
    let stats = json(&later_stages(), &[]);
    let reviews = &stats["overall"]["reviews"];
    // 140 upheld in part, 141 upheld (late), 142 overturned, 143 not yet decided.
    assert_eq!(reviews["received"], 4);
    assert_eq!(reviews["decided"], 3);
    assert_eq!(reviews["upheld"], 1);
    assert_eq!(reviews["upheld_in_part"], 1);
    assert_eq!(reviews["overturned"], 1);
    assert_eq!(reviews["open"], 1);
    assert_eq!(reviews["in_time"], 2, "141 was decided on 12 August, its due date 23 July");
    assert_eq!(reviews["late"], 1);
    assert_eq!(reviews["in_time_percent"], 66.7);
    let complaints = &stats["overall"]["complaints"];
    assert_eq!(complaints["made"], 3);
    assert_eq!(complaints["decision_notices"], 2);
    assert_eq!(complaints["upheld"], 0);
    assert_eq!(complaints["partly_upheld"], 1);
    assert_eq!(complaints["not_upheld"], 1);
    assert_eq!(complaints["open"], 1);
    // One authority: its figures are the total's.
    let authorities = stats["authorities"].as_array().expect("authorities");
    assert_eq!(authorities.len(), 1);
    assert_eq!(authorities[0]["tally"]["reviews"], *reviews);
    assert_eq!(stats["period"], serde_json::json!({"from": null, "to": null}));
}

#[test]
fn a_period_counts_reviews_by_request_and_complaints_by_complaint() {
    let casebook = later_stages();
    // April to June 2024: three requests received (140, 141, 142), but only the reviews of
    // 140 and 141 were asked for then; no complaint was made.
    let q2 = json(&casebook, &["--quarter", "2024-Q2"]);
    assert_eq!(q2["period"], serde_json::json!({"from": "2024-04-01", "to": "2024-06-30"}));
    assert_eq!(q2["overall"]["requests"], 3);
    assert_eq!(q2["overall"]["reviews"]["received"], 2);
    assert_eq!(q2["overall"]["reviews"]["upheld"], 1);
    assert_eq!(q2["overall"]["reviews"]["upheld_in_part"], 1);
    assert_eq!(q2["overall"]["complaints"]["made"], 0);
    // July to September 2024: one request received (143); the reviews of 142 and 143 and
    // all three complaints.
    let q3 = json(&casebook, &["--quarter", "2024-Q3"]);
    assert_eq!(q3["overall"]["requests"], 1);
    assert_eq!(q3["overall"]["reviews"]["received"], 2);
    assert_eq!(q3["overall"]["reviews"]["overturned"], 1);
    assert_eq!(q3["overall"]["reviews"]["open"], 1);
    assert_eq!(q3["overall"]["complaints"]["made"], 3);
    let quarters: Vec<&str> =
        q3["quarters"].as_array().expect("quarters").iter().filter_map(|q| q["quarter"].as_str()).collect();
    assert_eq!(quarters, ["2024-Q3"]);
    // --from and --to: the same as the quarter.
    let range = json(&casebook, &["--from", "2024-07-01", "--to", "2024-09-30"]);
    assert_eq!(range["overall"], q3["overall"]);
    // A period with nothing in it lists no authority.
    let empty = json(&casebook, &["--quarter", "2023-Q1"]);
    assert_eq!(empty["overall"]["requests"], 0);
    assert_eq!(empty["authorities"].as_array().map(Vec::len), Some(0));
}

#[test]
fn the_text_lists_reviews_and_complaints_after_the_exemptions() {
    let text = stats(&later_stages(), &["--quarter", "2024-Q3"]);
    let expected = "\
Period: 2024-07-01 to 2024-09-30

All requests: 1 request
  Granted in full                      0
  Partially withheld                   0
  Withheld in full                     1
  Information not held                 0
  Neither confirmed nor denied         0
  Refused: cost limit                  0
  Refused: vexatious                   0
  Refused: repeated request            0
  Answered within the deadline      100.0% (1 of 1)
  Late                                 0
  Not yet answered                     0
  Exemptions relied on:
    Section 43(2): Commercial interests     1
  Internal reviews asked for           2
    upheld                             0
    upheld in part                     0
    overturned                         1
    not yet decided                    1
    decided in 20 working days     100.0% (1 of 1)
  Complaints to the Commissioner       3
    decision notices                   2
      complaint upheld                 0
      complaint partly upheld          1
      complaint not upheld             1
    awaiting a decision                1

By quarter received              Requests  In time  Late  Open
  July to September 2024                1        1     0     0
";
    assert_eq!(text, expected);
}

#[test]
fn no_review_no_lines() {
    // An example that records no review or complaint: its text is as it was.
    let text = stats(&Casebook::example("national-archives"), &[]);
    assert!(!text.contains("Internal reviews") && !text.contains("Complaints"), "{text}");
    // Hastings' later reply has a review, and no complaint.
    let text = stats(&Casebook::example("hastings"), &[]);
    assert!(text.contains("Internal reviews") && !text.contains("Complaints"), "{text}");
}

#[test]
fn bad_periods_are_usage_errors() {
    let casebook = later_stages();
    for args in [
        &["--quarter", "2024-Q5"][..],
        &["--quarter", "2024"],
        &["--from", "2024-07-01", "--to", "2024-06-30"],
        &["--quarter", "2024-Q1", "--from", "2024-01-01"],
    ] {
        let output = Command::cargo_bin("foi")
            .expect("binary")
            .arg("stats")
            .arg(casebook.root())
            .args(args)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn the_published_statistics_page_shows_reviews_and_complaints() {
    let casebook = later_stages();
    let site = casebook.root().join("site");
    let output = Command::cargo_bin("foi")
        .expect("binary")
        .current_dir(casebook.root())
        .args(["publish", "-o", "site", "--today", "2030-12-31"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let page = std::fs::read_to_string(site.join("stats.html")).expect("stats page");
    assert!(page.contains("<h2 id=\"reviews\">Internal reviews</h2>"), "{page}");
    assert!(page.contains("4 internal reviews were asked for. A review is due within 20 working days of the request for it; 2 of the 3 decided so far were decided in that time."), "{page}");
    assert!(page.contains("<tr><th scope=\"row\">Upheld in part</th><td class=\"num\">1</td>"), "{page}");
    assert!(page.contains("<h2 id=\"complaints\">Complaints to the Commissioner</h2>"), "{page}");
    assert!(
        page.contains(
            "3 complaints were made to the Commissioner; 2 have been decided by a decision notice."
        ),
        "{page}"
    );
    assert!(page.contains("<th scope=\"col\" class=\"share-col\">Share of all complaints</th>"), "{page}");
    assert!(!page.contains("Complaint upheld</th>"), "no notice upheld a complaint: no row of zeros");
    for private in ["Tobias Wren", "Nell Ashdown", "Farah Quill", "IC-30"] {
        assert!(!page.contains(private), "{private} on the statistics page");
    }
}
