//! Golden files: the Markdown response of every example request, through the binary.
//!
//! Review every change to these snapshots line by line (`cargo insta review`): they are the
//! letters the public receives.

use std::path::Path;

use assert_cmd::Command;

fn render(example: &str, request: &str) -> String {
    render_as(example, request, "md")
}

fn render_as(example: &str, request: &str, format: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(example);
    let output = Command::cargo_bin("foi")
        .expect("binary")
        .current_dir(&root)
        .args(["render", &format!("requests/{request}.yaml"), "--format", format])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "warnings: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("utf-8")
}

#[test]
fn hastings_inline() {
    insta::assert_snapshot!(render("hastings", "FOIR-467737865"));
}

#[test]
fn national_archives_annex() {
    insta::assert_snapshot!(render("national-archives", "CAS-84648-H4L3X0"));
}

#[test]
fn shared_service_maidstone_standard_questionnaire() {
    insta::assert_snapshot!(render("shared-service", "MBC-2023-0412"));
}

#[test]
fn shared_service_swale_one_part_annex() {
    insta::assert_snapshot!(render("shared-service", "SBC-FOI-1187"));
}

#[test]
fn shared_service_tunbridge_wells_lettered_questions() {
    insta::assert_snapshot!(render("shared-service", "TWBC-23-0977"));
}

#[test]
fn hastings_html() {
    insta::assert_snapshot!(render_as("hastings", "FOIR-467737865", "html"));
}

#[test]
fn hastings_text() {
    insta::assert_snapshot!(render_as("hastings", "FOIR-467737865", "txt"));
}

#[test]
fn hastings_json() {
    insta::assert_snapshot!(render_as("hastings", "FOIR-467737865", "json"));
}

#[test]
fn national_archives_html() {
    insta::assert_snapshot!(render_as("national-archives", "CAS-84648-H4L3X0", "html"));
}

#[test]
fn national_archives_text() {
    insta::assert_snapshot!(render_as("national-archives", "CAS-84648-H4L3X0", "txt"));
}

#[test]
fn national_archives_json() {
    insta::assert_snapshot!(render_as("national-archives", "CAS-84648-H4L3X0", "json"));
}
