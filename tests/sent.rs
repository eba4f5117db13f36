//! The sent record (`foi send`), publishing from it, `foi check` on it, `foi changes` and
//! answers from the disclosure log (`see:`), through the binary.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::Casebook;

const TODAY: &str = "2030-12-31";
const FIRST: &str = "requests/FOIR-467737865.yaml";
const RECORD: &str = "sent/FOIR-467737865/1/response.json";

fn foi(casebook: &Casebook, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("foi")
        .expect("binary")
        .current_dir(casebook.root())
        .args(args)
        .args(["--today", TODAY])
        .output()
        .expect("runs")
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The Hastings example as it was before anything was sent: one request, no records, and
/// no address for its disclosure log.
fn unsent() -> Casebook {
    let casebook = Casebook::example("hastings");
    std::fs::remove_dir_all(casebook.root().join("sent")).expect("no records");
    std::fs::remove_file(casebook.root().join("requests/FOIR-469102254.yaml")).expect("one request");
    let profile = casebook.read("foi.yaml");
    let profile: String =
        profile.lines().filter(|l| !l.contains("disclosure-log")).map(|l| format!("{l}\n")).collect();
    casebook.write("foi.yaml", &profile);
    casebook
}

fn send(casebook: &Casebook, args: &[&str]) -> std::process::Output {
    let mut all = vec!["send"];
    all.extend_from_slice(args);
    let run = foi(casebook, &all);
    assert!(run.status.success(), "{}", stderr(&run));
    run
}

/// The contact centre contract renewed: its expiry moves on two years.
fn renew(casebook: &Casebook) {
    let file = "contracts/contact-centre-software.yaml";
    let contract = casebook.read(file).replace("expiry: 2023-02-01", "expiry: 2025-02-01");
    casebook.write(file, &contract);
}

/// A later copy of the round robin from someone else, received after the first was sent.
fn later_copy(casebook: &Casebook, see: &[&str]) -> PathBuf {
    let mut text = casebook
        .read(FIRST)
        .replace("reference: FOIR-467737865", "reference: FOIR-2")
        .replace("received: 2022-11-25\nresponded: 2022-12-09\n", "received: 2022-12-12\n")
        .replace("Morgan Ellery", "Ash Quenby")
        .replace("morgan.ellery@example.com", "ash@example.net");
    for id in see {
        text = text.replacen(&format!("id: {id}\n"), &format!("id: {id}\n        see: FOIR-467737865\n"), 1);
    }
    casebook.write("requests/FOIR-2.yaml", &text)
}

fn files_of(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn send_records_what_was_sent_and_never_rewrites_it() {
    let casebook = unsent();
    let request_before = casebook.read(FIRST);
    let run = send(&casebook, &[FIRST, "--format", "md,html,txt"]);
    assert!(stderr(&run).contains("recorded FOIR-467737865 as sent on 2022-12-09"), "{}", stderr(&run));
    let dir = casebook.root().join("sent/FOIR-467737865/1");
    assert_eq!(files_of(&dir), ["letter.html", "letter.md", "letter.txt", "public.md", "response.json"]);
    assert_eq!(casebook.read(FIRST), request_before, "the request file is not touched");
    // The letter is the requester's; the public version and the data hold no trace of them.
    assert!(casebook.read("sent/FOIR-467737865/1/letter.md").contains("Morgan Ellery"));
    for public in ["public.md", "response.json"] {
        let text = casebook.read(&format!("sent/FOIR-467737865/1/{public}"));
        assert!(!text.contains("Morgan Ellery") && !text.contains("morgan.ellery"), "{public}");
        assert!(!text.contains("Corvid Contact Systems"), "no withheld value in {public}");
    }
    let record: serde_json::Value = serde_json::from_str(&casebook.read(RECORD)).expect("json");
    assert_eq!(record["format"], "foi-sent/1");
    assert_eq!((record["version"].as_u64(), record["sent"].as_str()), (Some(1), Some("2022-12-09")));
    assert!(record["hash"].as_str().is_some_and(|h| h.starts_with("sha256:") && h.len() == 71));
    assert_eq!(record["response"]["format"], "foi-response/1");
    // The public reply is what `foi render` makes for the log: the letter without the addressee.
    let check = foi(&casebook, &["check", "--deny-warnings"]);
    assert!(check.status.success(), "{}", stderr(&check));
    // Twice is refused, and nothing changes.
    let again = foi(&casebook, &["send", FIRST]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(stderr(&again).contains("--amend REASON"), "{}", stderr(&again));
    assert!(!casebook.root().join("sent/FOIR-467737865/2").exists());
}

#[test]
fn a_change_after_sending_leaves_the_published_reply_as_sent_and_check_reports_the_drift() {
    let casebook = unsent();
    send(&casebook, &[FIRST]);
    let sent = casebook.read("sent/FOIR-467737865/1/public.md");
    assert!(sent.contains("1 February 2023"));
    renew(&casebook);
    let check = foi(&casebook, &["check", "--deny-warnings", "--format", "json"]);
    assert!(check.status.success(), "drift is information, not a warning: {}", stdout(&check));
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    let findings = report["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1, "{report}");
    assert_eq!(findings[0]["severity"], "info");
    assert_eq!(findings[0]["file"], RECORD);
    assert_eq!(
        findings[0]["message"],
        "FOIR-467737865 as sent on 9 December 2022 differs from what today's casebook gives: part 1 q4 \
         Contract Expiry (Contact Centre Software Support and Maintenance): 1 February 2023 → 1 February 2025"
    );
    let site = casebook.root().join("site");
    let publish = foi(&casebook, &["publish", "-o", "site"]);
    assert!(publish.status.success(), "{}", stderr(&publish));
    let page = std::fs::read_to_string(site.join("responses/FOIR-467737865.md")).expect("page");
    assert_eq!(page, sent, "the log publishes the reply as sent, byte for byte");
    let html = std::fs::read_to_string(site.join("responses/FOIR-467737865.html")).expect("html");
    assert!(html.contains("1 February 2023") && !html.contains("1 February 2025"));
    // The open data of a sent reply is its record's too, row for row.
    for file in ["disclosure-log.csv", "disclosure-log.json"] {
        let data = std::fs::read_to_string(site.join(file)).expect("open data");
        assert!(data.contains("2023-02-01") && !data.contains("2025-02-01"), "{file}: {data}");
    }
    // Today's rendering has moved on: that is what a new reply would say.
    let today = foi(&casebook, &["render", FIRST]);
    assert!(stdout(&today).contains("1 February 2025"));
}

#[test]
fn a_record_edited_by_hand_is_an_error() {
    for file in ["response.json", "public.md"] {
        let casebook = unsent();
        send(&casebook, &[FIRST]);
        let path = format!("sent/FOIR-467737865/1/{file}");
        let text = casebook.read(&path).replacen("1 February 2023", "1 March 2023", 1);
        let text = if file == "response.json" { text.replacen("2023-02-01", "2023-03-01", 1) } else { text };
        casebook.write(&path, &text);
        let check = foi(&casebook, &["check"]);
        assert_eq!(check.status.code(), Some(1), "{file}: {}", stderr(&check));
        assert!(stderr(&check).contains(&format!("--> {path}:1:1")), "{file}: {}", stderr(&check));
        assert!(stderr(&check).contains("its hash does not match"), "{}", stderr(&check));
        assert!(stderr(&check).contains("never edited"), "{}", stderr(&check));
        // What `foi check` refuses is refused by publishing too.
        let publish = foi(&casebook, &["publish", "-o", "site"]);
        assert_eq!(publish.status.code(), Some(1));
        assert!(!casebook.root().join("site").exists());
    }
}

#[test]
fn amend_keeps_both_versions() {
    let casebook = unsent();
    send(&casebook, &[FIRST]);
    renew(&casebook);
    let blank = foi(&casebook, &["send", FIRST, "--amend", "  "]);
    assert_eq!(blank.status.code(), Some(2), "an amendment needs its reason");
    let run = send(&casebook, &[FIRST, "--amend", "the contract was renewed", "--date", "2023-01-05"]);
    assert!(stderr(&run).contains("sent again (version 2) on 2023-01-05"), "{}", stderr(&run));
    let first = casebook.read("sent/FOIR-467737865/1/public.md");
    let second = casebook.read("sent/FOIR-467737865/2/public.md");
    assert!(first.contains("1 February 2023") && second.contains("1 February 2025"));
    assert!(second.contains("5 January 2023"), "the letter is dated the day it was sent");
    let record: serde_json::Value =
        serde_json::from_str(&casebook.read("sent/FOIR-467737865/2/response.json")).expect("json");
    assert_eq!(record["amendment"], "the contract was renewed");
    assert_eq!(record["version"], 2);
    // The latest version is the one published, and it matches today: no drift left.
    let check = foi(&casebook, &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    assert_eq!(report["findings"], serde_json::json!([]), "{report}");
    let publish = foi(&casebook, &["publish", "-o", "site"]);
    assert!(publish.status.success(), "{}", stderr(&publish));
    let page =
        std::fs::read_to_string(casebook.root().join("site/responses/FOIR-467737865.md")).expect("page");
    assert_eq!(page, second);
    // A reply cannot be sent after today, nor before it was asked for.
    for date in ["2031-01-01", "2022-11-01"] {
        let wrong = foi(&casebook, &["send", FIRST, "--amend", "x", "--date", date]);
        assert_eq!(wrong.status.code(), Some(2), "{date}: {}", stderr(&wrong));
    }
    assert!(!casebook.root().join("sent/FOIR-467737865/3").exists());
    // An amendment of a reference never sent is refused.
    let other = later_copy(&casebook, &[]);
    let nothing =
        foi(&casebook, &["send", other.to_str().expect("path"), "--amend", "x", "--date", "2022-12-20"]);
    assert_eq!(nothing.status.code(), Some(2), "{}", stderr(&nothing));
}

#[test]
fn changes_of_a_new_copy_list_exactly_the_expiry_that_changed() {
    let casebook = unsent();
    send(&casebook, &[FIRST]);
    renew(&casebook);
    later_copy(&casebook, &[]);
    let run = foi(&casebook, &["changes", "requests/FOIR-2.yaml"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = stdout(&run);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 19, "every answer of the request: {text}");
    let changed: Vec<&str> = lines.iter().copied().filter(|l| l.contains(" → ")).collect();
    assert_eq!(
        changed,
        [
            "part 1 q4 Contract Expiry (Contact Centre Software Support and Maintenance): 1 February 2023 → 1 February 2025"
        ]
    );
    assert_eq!(lines[0], changed[0], "the changes come first");
    assert!(lines.contains(
        &"part 2 q4 Contract Expiry (Interactive Voice Response): unchanged since FOIR-467737865 (9 December 2022)"
    ));
    assert_eq!(lines.iter().filter(|l| l.contains("unchanged since FOIR-467737865")).count(), 18);
    // Never a withheld value or anything of either requester.
    for secret in ["Corvid", "18250", "18,250", "Morgan", "Ash Quenby", "example.net"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    let json = foi(&casebook, &["changes", "requests/FOIR-2.yaml", "--format", "json"]);
    let data: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(data["format"], "foi-changes/1");
    let changed: Vec<&serde_json::Value> =
        data["answers"].as_array().expect("answers").iter().filter(|a| a["kind"] == "changed").collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0]["id"], "expiry");
    assert_eq!(changed[0]["contract"], "contact-centre-software");
    assert_eq!(changed[0]["before"], "1 February 2023");
    assert_eq!(changed[0]["after"], "1 February 2025");
    assert_eq!(
        changed[0]["earlier"],
        serde_json::json!({"reference": "FOIR-467737865", "sent": "2022-12-09"})
    );
    // `foi render` says so on standard error, unless told to be quiet.
    let render = foi(&casebook, &["render", "requests/FOIR-2.yaml"]);
    assert!(
        stderr(&render).contains("since the last answers sent: 1 changed, 18 unchanged"),
        "{}",
        stderr(&render)
    );
    let quiet = foi(&casebook, &["render", "requests/FOIR-2.yaml", "--quiet"]);
    assert_eq!(stderr(&quiet), "");
}

#[test]
fn an_answer_from_the_log_cites_s21_with_the_link_and_is_refused_once_the_answer_changes() {
    let casebook = unsent();
    send(&casebook, &[FIRST]);
    let copy = later_copy(&casebook, &["expiry", "agents"]);
    let copy = copy.to_str().expect("path");
    // Without the log's address there is nothing to link to.
    let no_address = foi(&casebook, &["check"]);
    assert_eq!(no_address.status.code(), Some(1));
    assert!(stderr(&no_address).contains("gives no address for it"), "{}", stderr(&no_address));
    let profile = casebook.read("foi.yaml");
    casebook.write("foi.yaml", &format!("{profile}disclosure-log: https://foi.example.gov.uk/log/\n"));
    let check = foi(&casebook, &["check", "--deny-warnings"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let letter = stdout(&foi(&casebook, &["render", copy]));
    let link = "[Our response to request FOIR-467737865, in our disclosure log](https://foi.example.gov.uk/log/responses/FOIR-467737865.html)";
    assert!(letter.contains(&format!("**4. Contract Expiry:** Already published: {link}")), "{letter}");
    assert!(letter.contains(&format!("**8. Number of Agents:** Already published: {link}")), "{letter}");
    // Grouped in the refusal notice like any s.21 answer, in the requester's numbering.
    assert!(letter.contains("### Section 21: Information accessible to the applicant by other means"));
    assert!(
        letter.contains("This applies to question 4 in both parts, and question 8 in part 1.")
            || letter.contains("This applies to questions 4 and 8 in part 1."),
        "{letter}"
    );
    let changes = stdout(&foi(&casebook, &["changes", copy]));
    assert!(changes.contains(
        "part 1 q4 Contract Expiry (Contact Centre Software Support and Maintenance): answered from FOIR-467737865 (9 December 2022)"
    ), "{changes}");
    // Once the contract is renewed, the published reply no longer answers the question.
    renew(&casebook);
    let refused = foi(&casebook, &["check"]);
    assert_eq!(refused.status.code(), Some(1));
    let report = stderr(&refused);
    assert!(report.contains("--> requests/FOIR-2.yaml:"), "{report}");
    assert!(
        report.contains(
            "error: `see: FOIR-467737865`: the answer about Contact Centre Software Support and Maintenance has changed \
             since that response was sent on 9 December 2022: 1 February 2023 → 1 February 2025"
        ),
        "{report}"
    );
    assert_eq!(report.matches("error: `see:").count(), 1, "the agents are unchanged: {report}");
    let render = foi(&casebook, &["render", copy]);
    assert_eq!(render.status.code(), Some(1), "render refuses what check refuses");
}

#[test]
fn a_reply_sent_from_the_log_stays_valid_when_the_facts_change_later() {
    let casebook = Casebook::example("hastings");
    renew(&casebook);
    let check = foi(&casebook, &["check", "--format", "json"]);
    assert!(check.status.success(), "{}", stdout(&check));
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    let findings = report["findings"].as_array().expect("findings");
    // Both replies are history now: each differs from today, and neither is an error.
    assert!(findings.iter().all(|f| f["severity"] == "info"), "{report}");
    assert_eq!(findings.len(), 1, "FOIR-469102254 pointed to the log, whose page is as sent: {report}");
    assert_eq!(findings[0]["file"], RECORD);
}

#[test]
fn an_answer_from_the_log_needs_a_published_reply_that_gave_the_information() {
    let casebook = unsent();
    let profile = casebook.read("foi.yaml");
    casebook.write("foi.yaml", &format!("{profile}disclosure-log: https://foi.example.gov.uk/log\n"));
    later_copy(&casebook, &["expiry"]);
    let never_sent = stderr(&foi(&casebook, &["check"]));
    assert!(
        never_sent
            .contains("that response is not published in the disclosure log (it was never recorded as sent)"),
        "{never_sent}"
    );
    send(&casebook, &[FIRST]);
    let first = casebook.read(FIRST).replace("publish: true", "publish: false");
    casebook.write(FIRST, &first);
    let unpublished = stderr(&foi(&casebook, &["check"]));
    assert!(unpublished.contains("(it is not `publish: true`)"), "{unpublished}");
    casebook.write(FIRST, &first.replace("publish: false", "publish: true"));
    // A withheld answer made nothing accessible: s.21 cannot point to it.
    later_copy(&casebook, &["supplier"]);
    let withheld = stderr(&foi(&casebook, &["check"]));
    assert!(withheld.contains("that response did not give this information about Contact Centre Software Support and Maintenance (withheld under section 43(2))"), "{withheld}");
    later_copy(&casebook, &["expiry"]);
    let text = casebook.read("requests/FOIR-2.yaml").replacen("see: FOIR-467737865", "see: FOIR-9", 1);
    casebook.write("requests/FOIR-2.yaml", &text);
    let unknown = stderr(&foi(&casebook, &["check"]));
    assert!(unknown.contains("`see: FOIR-9`: no request of this casebook has that reference"), "{unknown}");
}

#[test]
fn a_reply_answered_but_never_recorded_is_a_warning_and_left_off_the_log_unless_asked() {
    let casebook = unsent();
    send(&casebook, &[FIRST]);
    let copy = later_copy(&casebook, &[]);
    let text = casebook
        .read("requests/FOIR-2.yaml")
        .replace("received: 2022-12-12\n", "received: 2022-12-12\nresponded: 2022-12-20\n");
    casebook.write("requests/FOIR-2.yaml", &text);
    let check = foi(&casebook, &["check"]);
    assert!(check.status.success());
    assert!(
        stderr(&check)
            .contains("warning: FOIR-2 was answered and is to be published, but was never recorded as sent"),
        "{}",
        stderr(&check)
    );
    let publish = foi(&casebook, &["publish", "-o", "site"]);
    assert!(stderr(&publish).contains("published 1 response"), "{}", stderr(&publish));
    assert!(!casebook.root().join("site/responses/FOIR-2.html").exists());
    let rendered = foi(&casebook, &["publish", "-o", "site", "--render-unsent"]);
    assert!(stderr(&rendered).contains("published 2 responses"), "{}", stderr(&rendered));
    // Sending it settles the warning, and says nothing of it while doing so.
    let run = send(&casebook, &[copy.to_str().expect("path")]);
    assert!(!stderr(&run).contains("never recorded"), "{}", stderr(&run));
    let check = foi(&casebook, &["check", "--deny-warnings"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn a_casebook_that_keeps_no_records_publishes_as_before() {
    let casebook = unsent();
    let check = foi(&casebook, &["check", "--deny-warnings"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let publish = foi(&casebook, &["publish", "-o", "site"]);
    assert!(stderr(&publish).contains("published 1 response"), "{}", stderr(&publish));
}

#[test]
fn the_hastings_example_is_answered_partly_from_its_log() {
    let casebook = Casebook::example("hastings");
    let check = foi(&casebook, &["check", "--deny-warnings"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(stderr(&check).contains("2 sent records"), "{}", stderr(&check));
    let changes = stdout(&foi(&casebook, &["changes", "requests/FOIR-469102254.yaml"]));
    // The one change since it was sent is what its internal review released; `foi check`
    // says nothing of it (it is not drift).
    let changed: Vec<&str> = changes.lines().filter(|l| l.contains(" → ")).collect();
    assert_eq!(
        changed,
        [
            "part 2 q2 Annual Average Spend (Interactive Voice Response): withheld under section 43(2) → £9,400 a year (average over 3 years)"
        ],
        "{changes}"
    );
    assert!(!stderr(&check).contains("differs from what today's casebook gives"), "{}", stderr(&check));
    assert_eq!(changes.matches("answered from FOIR-467737865 (9 December 2022)").count(), 9, "{changes}");
    let publish = foi(&casebook, &["publish", "-o", "site"]);
    assert!(publish.status.success(), "{}", stderr(&publish));
    for reference in ["FOIR-467737865", "FOIR-469102254"] {
        let page = std::fs::read_to_string(casebook.root().join(format!("site/responses/{reference}.md")))
            .expect("page");
        assert_eq!(page, casebook.read(&format!("sent/{reference}/1/public.md")));
    }
}

#[cfg(feature = "pdf")]
#[test]
fn a_pdf_letter_is_part_of_the_record() {
    let casebook = unsent();
    send(&casebook, &[FIRST, "--format", "md,pdf"]);
    let pdf = std::fs::read(casebook.root().join("sent/FOIR-467737865/1/letter.pdf")).expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    let check = foi(&casebook, &["check", "--deny-warnings"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let mut edited = pdf.clone();
    let last = edited.len() - 10;
    edited[last] ^= 1;
    std::fs::write(casebook.root().join("sent/FOIR-467737865/1/letter.pdf"), edited).expect("edit");
    let check = foi(&casebook, &["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).contains("--> sent/FOIR-467737865/1/letter.pdf"), "{}", stderr(&check));
}

#[test]
fn a_hostile_record_is_an_error_never_a_panic_or_a_read_outside() {
    let cases: [(&str, &[u8]); 5] = [
        ("not json", b"\xff\xfe{{{"),
        ("truncated", b"{\"format\": \"foi-sent/1\", \"reference\": "),
        ("unknown format", b"{\"format\":\"foi-sent/9\",\"reference\":\"FOIR-467737865\",\"version\":1,\"sent\":\"2022-12-09\",\"amendment\":null,\"files\":{},\"response\":{},\"hash\":\"x\"}"),
        ("a file outside its folder", b"{\"format\":\"foi-sent/1\",\"reference\":\"FOIR-467737865\",\"version\":1,\"sent\":\"2022-12-09\",\"amendment\":null,\"files\":{\"../../../foi.yaml\":\"00\"},\"response\":{},\"hash\":\"x\"}"),
        ("in another reference's folder", b"{\"format\":\"foi-sent/1\",\"reference\":\"OTHER\",\"version\":1,\"sent\":\"2022-12-09\",\"amendment\":null,\"files\":{},\"response\":{},\"hash\":\"x\"}"),
    ];
    for (what, bytes) in cases {
        let casebook = unsent();
        let dir = casebook.root().join("sent/FOIR-467737865/1");
        std::fs::create_dir_all(&dir).expect("folder");
        std::fs::write(dir.join("response.json"), bytes).expect("write");
        let check = foi(&casebook, &["check"]);
        assert_eq!(check.status.code(), Some(1), "{what}: {}", stderr(&check));
        assert!(
            stderr(&check).contains("--> sent/FOIR-467737865/1/response.json"),
            "{what}: {}",
            stderr(&check)
        );
        assert!(!stderr(&check).contains("panicked"), "{what}");
    }
}

#[cfg(unix)]
#[test]
fn a_record_is_never_written_through_a_link() {
    let casebook = unsent();
    let elsewhere = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(elsewhere.path(), casebook.root().join("sent")).expect("link");
    let run = foi(&casebook, &["send", FIRST]);
    assert_ne!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(
        std::fs::read_dir(elsewhere.path()).expect("list").count(),
        0,
        "nothing written through the link"
    );
}
