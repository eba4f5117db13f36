//! Regression (issue 11): a reader that has gone made `foi` panic (exit 101, "failed
//! printing to stdout/stderr") or fail: `foi schema | head`, `foi templates list | head -1`,
//! an error message or a batch or publish summary when standard error's reader had gone.
//!
//! Now a closed pipe is not an error: what cannot be written is dropped without a message,
//! and the exit code is the command's own (0 when it went well, 1 when it found problems),
//! as ripgrep and cargo do.
//!
//! The pipe is closed before `foi` starts, so the first write meets it closed every time:
//! the shell opens a FIFO for reading and writing (Linux lets one process hold both ends),
//! opens its write end for `foi`, then closes the only reader.

#![cfg(target_os = "linux")]

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::Casebook;

/// Which of `foi`'s streams has lost its reader.
#[derive(Clone, Copy)]
enum Closed {
    Stdout,
    Stderr,
}

/// Runs `foi ARGS` in `dir` with `closed` writing into a pipe nobody reads.
fn with_closed(closed: Closed, dir: &Path, args: &[&str]) -> Output {
    let fifo = tempfile::tempdir().expect("temporary folder");
    let redirect = match closed {
        Closed::Stdout => ">&4",
        Closed::Stderr => "2>&4",
    };
    let script = format!(
        "mkfifo \"$FIFO\" && exec 3<>\"$FIFO\" && exec 4>\"$FIFO\" && exec 3<&- && exec \"$FOI\" \"$@\" {redirect}"
    );
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("sh")
        .args(args)
        .current_dir(dir)
        .env("FOI", assert_cmd::cargo::cargo_bin("foi"))
        .env("FIFO", fifo.path().join("pipe"))
        .output()
        .expect("runs")
}

/// Exits with `code` and says nothing on the stream still open (nor panics).
fn assert_quiet(output: &Output, closed: Closed, code: i32) {
    let open = match closed {
        Closed::Stdout => &output.stderr,
        Closed::Stderr => &output.stdout,
    };
    let text = String::from_utf8_lossy(open);
    assert_eq!(output.status.code(), Some(code), "{text}");
    assert!(!text.contains("panicked") && !text.contains("Broken pipe"), "{text}");
    if matches!(closed, Closed::Stdout) {
        assert_eq!(text, "", "no message about the closed pipe");
    }
}

#[test]
fn foi_schema_into_a_closed_pipe_exits_0_quietly() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let output = with_closed(Closed::Stdout, dir.path(), &["schema"]);
    assert_quiet(&output, Closed::Stdout, 0);
}

#[test]
fn foi_templates_list_into_a_closed_pipe_exits_0_quietly() {
    let casebook = Casebook::example("hastings");
    let output = with_closed(Closed::Stdout, casebook.root(), &["templates", "list"]);
    assert_quiet(&output, Closed::Stdout, 0);
}

#[test]
fn foi_init_and_eject_into_a_closed_pipe_still_do_their_work() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let output = with_closed(Closed::Stdout, dir.path(), &["init", "council"]);
    // Its next steps go to standard error, which is still open; nothing about the pipe.
    assert_eq!(output.status.code(), Some(0));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.starts_with("\nA new casebook in council") && !said.contains("error"), "{said}");
    assert!(!said.contains("panicked") && !said.contains("Broken pipe"), "{said}");
    assert!(dir.path().join("council/foi.yaml").is_file(), "the casebook is made");
    let output =
        with_closed(Closed::Stdout, &dir.path().join("council"), &["templates", "eject", "letter.md"]);
    assert_quiet(&output, Closed::Stdout, 0);
    assert!(dir.path().join("council/templates/letter.md").is_file(), "the template is copied");
}

#[test]
fn a_rendered_letter_and_a_deadline_into_a_closed_pipe_exit_0_quietly() {
    let casebook = Casebook::example("hastings");
    let output = with_closed(Closed::Stdout, casebook.root(), &["render", "requests/FOIR-467737865.yaml"]);
    assert_quiet(&output, Closed::Stdout, 0);
    let output = with_closed(Closed::Stdout, casebook.root(), &["due", "2022-11-25", "--explain"]);
    assert_quiet(&output, Closed::Stdout, 0);
}

#[test]
fn a_failing_check_into_a_closed_pipe_still_exits_1() {
    let casebook = Casebook::example("hastings");
    casebook.write("contracts/broken.yaml", "part: contact-centre\ntitle: Broken\nagentz: 3\n");
    let output = with_closed(Closed::Stdout, casebook.root(), &["check", "--format", "json"]);
    assert_quiet(&output, Closed::Stdout, 1);
    let output = with_closed(Closed::Stderr, casebook.root(), &["check"]);
    assert_quiet(&output, Closed::Stderr, 1);
}

#[test]
fn an_error_message_into_a_closed_pipe_keeps_its_exit_code() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let output = with_closed(Closed::Stderr, dir.path(), &["render", "no/such/request.yaml"]);
    assert_quiet(&output, Closed::Stderr, 2);
}

#[test]
fn batch_and_publish_summaries_into_a_closed_pipe_exit_0() {
    let casebook = Casebook::example("hastings");
    let output =
        with_closed(Closed::Stderr, casebook.root(), &["render", ".", "-o", "out", "--format", "md"]);
    assert_quiet(&output, Closed::Stderr, 0);
    assert!(casebook.root().join("out/FOIR-467737865.md").is_file(), "the batch is written");
    let output = with_closed(Closed::Stderr, casebook.root(), &["publish", "-o", "site"]);
    assert_quiet(&output, Closed::Stderr, 0);
    assert!(casebook.root().join("site/index.html").is_file(), "the site is published");
}
