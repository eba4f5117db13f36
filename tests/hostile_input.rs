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
