//! Casebook files written to hurt, or by accident as bad: each test is a bug of issue 11,
//! run through the `foi` binary as the user meets it.

mod common;

use std::time::{Duration, Instant};

use assert_cmd::Command;
use common::Casebook;

fn foi() -> Command {
    Command::cargo_bin("foi").expect("binary")
}

/// Runs `foi ARGS` in the casebook; returns the exit code and standard error.
fn run(casebook: &Casebook, args: &[&str]) -> (Option<i32>, String) {
    let output = foi().current_dir(casebook.root()).args(args).output().expect("runs");
    (output.status.code(), String::from_utf8(output.stderr).expect("utf-8"))
}

/// Every quoted source line of a text report, and the caret under it, fits on an
/// 80-column terminal (messages and hints may wrap, as a compiler's do).
fn assert_fits_a_terminal(report: &str) {
    let quoted = |line: &&str| {
        line.split_once(" |")
            .is_some_and(|(gutter, _)| gutter.trim().parse::<usize>().is_ok() || gutter.trim().is_empty())
    };
    for line in report.lines().filter(quoted) {
        assert!(line.chars().count() <= 80, "a line of {} characters: {line}", line.chars().count());
    }
}

/// Regression: `busy-periods: ` then 100,000 `[` took 30–55 s (a YAML parse quadratic in the
/// depth) before "recursion limit exceeded", quoting an 80,000-character line.
#[test]
fn deeply_nested_yaml_is_refused_at_once_with_a_short_snippet() {
    let casebook = Casebook::example("hastings");
    let profile = casebook.read("foi.yaml");
    casebook.write("foi.yaml", &format!("{profile}busy-periods: {}\n", "[".repeat(100_000)));
    let started = Instant::now();
    let (code, stderr) = run(&casebook, &["check"]);
    // Not a benchmark: a guard against the parse that took most of a minute.
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("error: the YAML nests lists and mappings more than 32 deep here"), "{stderr}");
    assert!(stderr.contains("--> foi.yaml:"), "{stderr}");
    assert!(stderr.contains("…[[[["), "a window of the line, with an ellipsis: {stderr}");
    assert_fits_a_terminal(&stderr);
}

#[test]
fn deeply_nested_block_lists_are_refused_too() {
    let casebook = Casebook::example("hastings");
    casebook.write("contracts/deep.yaml", &format!("{}x\n", "- ".repeat(100_000)));
    let (code, stderr) = run(&casebook, &["check"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("more than 32 deep here\n  --> contracts/deep.yaml:1:"), "{stderr}");
    assert_fits_a_terminal(&stderr);
}

/// Regression: a finding on a long line quoted the whole line.
#[test]
fn a_finding_on_a_long_line_quotes_a_window_with_the_caret_under_the_spot() {
    let casebook = Casebook::example("hastings");
    let contract = casebook.read("contracts/ivr.yaml");
    let padding = "x".repeat(5_000);
    casebook.write("contracts/ivr.yaml", &format!("{contract}agentz: {{a: {padding}, b: {padding}}}\n"));
    let (code, stderr) = run(&casebook, &["check"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("unknown key `agentz`"), "{stderr}");
    assert_fits_a_terminal(&stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    let quoted =
        lines.iter().position(|line| line.contains("| agentz: {a: xxx")).expect("the line is quoted");
    assert!(lines[quoted].ends_with('…'), "{}", lines[quoted]);
    let caret = lines[quoted + 1].find('^').expect("a caret");
    assert_eq!(&lines[quoted][caret..caret + 6], "agentz", "{stderr}");
}

/// Runs `foi render` of the Hastings request with `template` as the casebook's own
/// `templates/{name}`, in `format`; returns the exit code, standard error and how long
/// it took.
fn render_with_template(name: &str, template: &str, format: &str) -> (Option<i32>, String, Duration) {
    let casebook = Casebook::example("hastings");
    casebook.write(&format!("templates/{name}"), template);
    let started = Instant::now();
    let (code, stderr) = run(&casebook, &["render", "requests/FOIR-467737865.yaml", "--format", format]);
    (code, stderr, started.elapsed())
}

/// Regression: a template doubling a string 40 times aborted on a 1 GiB allocation.
#[test]
fn a_template_doubling_a_string_is_stopped_with_an_error_naming_it() {
    let mut template = "{% set s0 = \"xxxxxxxx\" %}\n".to_owned();
    for i in 1..=40 {
        template.push_str(&format!("{{% set s{i} = s{} ~ s{} %}}\n", i - 1, i - 1));
    }
    template.push_str("{{ s40 }}\n");
    let (code, stderr, _) = render_with_template("letter.md", &template, "md");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains(": templates/letter.md:"), "{stderr}");
    assert!(stderr.contains("was stopped after far more work than"), "{stderr}");
}

/// Regression: nested `range(100000)` loops never ended.
#[test]
fn a_template_looping_without_end_is_stopped_with_an_error_naming_it() {
    let template =
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}\n";
    let (code, stderr, took) = render_with_template("letter.md", template, "md");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains(": templates/letter.md:1: "), "{stderr}");
    assert!(stderr.contains("was stopped after far more work than"), "{stderr}");
    assert!(took < Duration::from_secs(30), "stopped in {took:?}");
}

#[test]
fn a_template_recursing_without_end_is_stopped_with_an_error_naming_it() {
    let template = "{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}\n";
    let (code, stderr, _) = render_with_template("letter.md", template, "md");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains(": templates/letter.md:"), "{stderr}");
    assert!(stderr.contains("recursion"), "{stderr}");
}

/// Regression: `amount: 1e308` printed a saturated 39-digit sum in the letter.
#[test]
fn an_amount_beyond_a_trillion_is_refused_in_words() {
    let casebook = Casebook::example("hastings");
    edit(
        &casebook,
        "contracts/contact-centre-software.yaml",
        "value: {amount: 18250, years: 3}",
        "value: 1e308",
    );
    let (code, stderr) = run(&casebook, &["render", "requests/FOIR-467737865.yaml"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("is outside the range allowed here: give a number from 0 to 1,000,000,000,000"),
        "{stderr}"
    );
    // The amount is a withheld value: the finding names the field, not what it holds.
    assert!(!stderr.contains("1e308"), "{stderr}");
}

/// Regression: `hours: .inf`, `-1` or `.nan` on a s.12 refusal were "within the limit".
#[test]
fn impossible_hours_are_refused_in_words() {
    for (hours, message) in [
        (".inf", "`.inf` is outside the range allowed here: give a number from 0 to 1,000,000"),
        ("-1", "`-1` is outside the range allowed here: give a number from 0 to 1,000,000"),
        (".nan", "`.nan` is outside the range allowed here: give a number from 0 to 1,000,000"),
        ("0", "`0` is not an estimate of hours: give the hours of work as a number above 0"),
    ] {
        let casebook = Casebook::copy_of("tests/check/base");
        casebook.write(
            "requests/ECC-2024-001.yaml",
            &format!("reference: ECC-2024-001\nreceived: 2024-11-04\nparts: standard\nrefuse:\n  under: s12\n  hours: {hours}\n  advice: Ask about one contract.\n"),
        );
        let (code, stderr) = run(&casebook, &["check", "--today", "2026-01-01"]);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains(message), "hours: {hours}: {stderr}");
        assert!(!stderr.contains("within the limit"), "{stderr}");
    }
}

/// Regression: messages named Rust types ("expected u32", "as u128").
#[test]
fn number_errors_never_name_rust_types() {
    let casebook = Casebook::example("hastings");
    let profile = casebook.read("foi.yaml");
    casebook
        .write("foi.yaml", &profile.replacen("authority:\n", "authority:\n  cost-limit: 99999999999\n", 1));
    let contract = "contracts/contact-centre-software.yaml";
    // serde reports the first mistake of a file: one file for each.
    casebook.write(
        "contracts/second.yaml",
        &casebook.read(contract).replacen("agents: 11", "agents: 99999999999999999999999", 1),
    );
    edit(
        &casebook,
        contract,
        "annual-spend:\n  withhold: [s43-2]\n  value: {amount: 18250, years: 3}",
        "annual-spend: {amount: 5, years: 5000000000}",
    );
    let (code, stderr) = run(&casebook, &["check"]);
    assert_eq!(code, Some(1), "{stderr}");
    for rust in ["u8", "u16", "u32", "u64", "u128", "i64", "f64", "usize"] {
        assert!(!stderr.split(|c: char| !c.is_alphanumeric()).any(|word| word == rust), "{rust}: {stderr}");
    }
    assert!(
        stderr.contains(
            "`99999999999` is outside the range allowed here: give a whole number from 0 to 100,000"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains('\u{fffd}'), "a hint over two lines of a doc comment is one line: {stderr}");
    assert!(
        stderr.contains("`5000000000` is outside the range allowed here: give a whole number from 1 to 100"),
        "{stderr}"
    );
    assert!(stderr.contains("`99999999999999999999999` is too large a number"), "{stderr}");
}

/// Replaces `old` by `new` in the casebook's file `relative` (which must contain it).
fn edit(casebook: &Casebook, relative: &str, old: &str, new: &str) {
    let text = casebook.read(relative);
    assert!(text.contains(old), "{relative} has no `{old}`");
    casebook.write(relative, &text.replacen(old, new, 1));
}

/// Regression: a key given twice was reported at the file's first line, not at the repeat.
#[test]
fn a_duplicate_key_is_reported_where_it_repeats() {
    let casebook = Casebook::example("hastings");
    let contract = casebook.read("contracts/ivr.yaml");
    casebook.write("contracts/ivr.yaml", &format!("{contract}title: Another title\n"));
    let line = contract.lines().count() + 1;
    let (code, stderr) = run(&casebook, &["check"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("duplicate field `title`\n  --> contracts/ivr.yaml:{line}:1")),
        "{stderr}"
    );
}

/// Regression: an empty authority `name` rendered a letter headed by a bare `#`.
#[test]
fn an_empty_authority_name_is_refused() {
    let casebook = Casebook::example("hastings");
    edit(&casebook, "foi.yaml", "  name: Hastings Borough Council", "  name: \"\"");
    let (code, stderr) = run(&casebook, &["render", "requests/FOIR-467737865.yaml"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("error: the authority needs a name: it heads every letter\n  --> foi.yaml:"),
        "{stderr}"
    );
}

/// Regression: `contact: {seniority: junior}` and nothing else rendered an empty answer.
#[test]
fn a_contract_owner_with_no_name_or_job_title_is_refused() {
    for seniority in ["junior", "senior"] {
        let casebook = Casebook::example("hastings");
        let contract = casebook.read("contracts/ivr.yaml");
        let start = contract.find("contact:\n").expect("a contact");
        let end = start
            + contract[start..].find("seniority: senior\n").expect("its seniority")
            + "seniority: senior\n".len();
        let edited =
            format!("{}contact: {{seniority: {seniority}}}\n{}", &contract[..start], &contract[end..]);
        casebook.write("contracts/ivr.yaml", &edited);
        let (code, stderr) = run(&casebook, &["render", "requests/FOIR-467737865.yaml"]);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(
            stderr.contains(
                "error: this contract owner has no name and no job title\n  --> contracts/ivr.yaml:"
            ),
            "{stderr}"
        );
    }
}

/// Regression: a web address containing `)` was cut short in the letter's Markdown links.
#[test]
fn a_web_address_with_parentheses_is_linked_whole() {
    let casebook = Casebook::copy_of("tests/check/base");
    let url = "https://example.org/notices/(2024)/freephone)final";
    edit(
        &casebook,
        "contracts/freephone.yaml",
        "supplier: Linnet Networks Ltd",
        &format!("supplier:\n  published: {{title: Contracts Finder notice, url: \"{url}\"}}"),
    );
    let output = foi()
        .current_dir(casebook.root())
        .args(["render", "requests/ECC-2024-001.yaml", "--format", "html", "--today", "2026-01-01"])
        .output()
        .expect("runs");
    let html = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(html.contains(&format!("<a href=\"{url}\">Contracts Finder notice</a>")), "{html}");
    let output = foi()
        .current_dir(casebook.root())
        .args(["render", "requests/ECC-2024-001.yaml", "--format", "txt", "--today", "2026-01-01"])
        .output()
        .expect("runs");
    assert!(
        String::from_utf8_lossy(&output.stdout).contains(url),
        "the text letter writes the address out whole"
    );
}

/// Found by `tests/fuzz.rs`: a NUL (or escape, or bell) spelled in a quoted string reached
/// the Markdown and text letters as it was.
#[test]
fn a_control_character_in_casebook_text_is_refused() {
    let casebook = Casebook::example("hastings");
    edit(&casebook, "requests/FOIR-467737865.yaml", "name: Morgan Ellery", "name: \"Morgan\\0Ellery\"");
    edit(
        &casebook,
        "contracts/ivr.yaml",
        "description: IVR Support and Maintenance",
        "description: \"IVR\\e[2J\"",
    );
    let (code, stderr) = run(&casebook, &["check"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("error: this text holds a control character (U+0000), which no letter can print"),
        "{stderr}"
    );
    assert!(stderr.contains("(U+001B)") && stderr.contains("(description)"), "{stderr}");
    assert!(stderr.contains("(requester.name)"), "{stderr}");
}
