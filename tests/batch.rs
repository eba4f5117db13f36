//! Batch rendering: many requests and formats into a folder, in parallel, safely named,
//! failures reported together, unchanged files left alone.

mod common;

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use common::Casebook;

fn foi() -> Command {
    Command::cargo_bin("foi").expect("binary")
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn every_request_of_several_casebooks_in_every_format() {
    let out = tempfile::tempdir().expect("tempdir");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let run = foi()
        .args(["render"])
        .arg(&examples)
        .arg("-o")
        .arg(out.path())
        .args(["--format", "md,html,txt,json"])
        .output()
        .expect("runs");
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).starts_with("12 requests: 12 rendered, 0 unchanged, 0 failed in "),
        "{}",
        stderr(&run)
    );
    for (folder, reference) in [
        ("hastings", "FOIR-467737865"),
        ("national-archives", "CAS-84648-H4L3X0"),
        ("shared-service", "MBC-2023-0412"),
        ("shared-service", "SBC-FOI-1187"),
        ("shared-service", "TWBC-23-0977"),
        ("kilbrannan", "KC-FOI-2024-0153"),
        ("kilbrannan", "KC-FOI-2024-0201"),
        ("kilbrannan", "KC-FOI-2024-0262"),
        ("northmoor", "NMP-2024-0311"),
        ("northmoor", "NMP-2024-0342"),
    ] {
        for ext in ["md", "html", "txt", "json"] {
            assert!(
                out.path().join(folder).join(format!("{reference}.{ext}")).is_file(),
                "{folder}/{reference}.{ext}"
            );
        }
    }
    let single = foi()
        .current_dir(examples.join("hastings"))
        .args(["render", "requests/FOIR-467737865.yaml", "--format", "html"])
        .output()
        .expect("runs");
    assert_eq!(
        std::fs::read(out.path().join("hastings/FOIR-467737865.html")).expect("written"),
        single.stdout,
        "a batch writes what a single render prints"
    );
    let json = std::fs::read_to_string(out.path().join("hastings/FOIR-467737865.json")).expect("json");
    assert!(!json.contains("Morgan Ellery"), "JSON leaves the requester out unless asked");
}

#[test]
fn a_failing_request_is_reported_with_the_others_and_nothing_is_written_for_it() {
    let casebook = Casebook::example("hastings");
    let good = casebook.read("requests/FOIR-467737865.yaml");
    casebook.write("requests/second.yaml", &good.replace("FOIR-467737865", "FOIR-2"));
    casebook.write(
        "requests/broken.yaml",
        &good.replace("FOIR-467737865", "FOIR-3").replace("id: agents", "id: agentz"),
    );
    let out = casebook.root().join("out");
    let run = foi()
        .current_dir(casebook.root())
        .args(["render", ".", "-o", "out", "--format", "md,html"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let report = stderr(&run);
    assert!(report.contains("requests/broken.yaml"), "{report}");
    assert!(report.contains("unknown value `agentz`"), "{report}");
    assert!(report.contains("4 requests: 3 rendered, 0 unchanged, 1 failed in "), "{report}");
    assert!(out.join("FOIR-2.md").is_file() && out.join("FOIR-467737865.html").is_file());
    assert!(
        !out.join("FOIR-3.md").exists() && !out.join("FOIR-3.html").exists(),
        "nothing for the failed request"
    );
}

#[test]
fn references_that_name_paths_are_refused_and_nothing_escapes_the_folder() {
    let casebook = Casebook::example("hastings");
    let good = casebook.read("requests/FOIR-467737865.yaml");
    casebook
        .write("requests/up.yaml", &good.replace("reference: FOIR-467737865", "reference: ../../escaped"));
    casebook
        .write("requests/abs.yaml", &good.replace("reference: FOIR-467737865", "reference: /etc/escaped"));
    let run = foi()
        .current_dir(casebook.root())
        .args(["render", ".", "-o", "out/deep", "--format", "md"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    let report = stderr(&run);
    assert!(
        report.contains("reference `../../escaped` could name a path outside the output folder"),
        "{report}"
    );
    assert!(
        report.contains("reference `/etc/escaped` could name a path outside the output folder"),
        "{report}"
    );
    assert!(!casebook.root().join("escaped.md").exists() && !casebook.root().join("out/escaped.md").exists());
    assert!(
        casebook.root().join("out/deep/FOIR-467737865.md").is_file(),
        "the good request is still rendered"
    );
}

#[test]
fn two_requests_with_one_reference_are_an_error() {
    let casebook = Casebook::example("hastings");
    let good = casebook.read("requests/FOIR-467737865.yaml");
    casebook.write("requests/copy.yaml", &good);
    let run = foi().current_dir(casebook.root()).args(["render", ".", "-o", "out"]).output().expect("runs");
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("reference `FOIR-467737865` is also used by"), "{}", stderr(&run));
}

#[test]
fn unchanged_inputs_leave_files_untouched() {
    let casebook = Casebook::example("national-archives");
    let render = || {
        foi()
            .current_dir(casebook.root())
            .args(["render", ".", "-o", "out", "--format", "md,html"])
            .output()
            .expect("runs")
    };
    assert!(render().status.success());
    let file = casebook.root().join("out/CAS-84648-H4L3X0.html");
    let before = std::fs::metadata(&file).expect("written").modified().expect("mtime");
    std::thread::sleep(Duration::from_millis(20));
    let again = render();
    assert!(stderr(&again).starts_with("1 request: 0 rendered, 1 unchanged, 0 failed"), "{}", stderr(&again));
    assert_eq!(std::fs::metadata(&file).expect("still there").modified().expect("mtime"), before);
    let leftovers: Vec<_> = std::fs::read_dir(casebook.root().join("out"))
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".foi-"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left");
}

#[test]
fn several_requests_or_formats_need_an_output_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hastings");
    let run = foi()
        .current_dir(&root)
        .args(["render", "requests/FOIR-467737865.yaml", "--format", "md,html"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("needs an output folder: -o DIR"), "{}", stderr(&run));
    let missing = foi().args(["render", "no/such/folder", "-o", "x"]).output().expect("runs");
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn a_batch_writes_pdfs_beside_the_text_formats() {
    let out = tempfile::tempdir().expect("tempdir");
    let casebook = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hastings");
    let run = foi()
        .arg("render")
        .arg(&casebook)
        .arg("-o")
        .arg(out.path())
        .args(["--format", "md,pdf", "--quiet"])
        .output()
        .expect("runs");
    assert!(run.status.success(), "{}", stderr(&run));
    let pdf = std::fs::read(out.path().join("FOIR-467737865.pdf")).expect("a PDF is written");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF file");
    assert!(out.path().join("FOIR-467737865.md").is_file());
    let single = foi()
        .current_dir(&casebook)
        .args(["render", "requests/FOIR-467737865.yaml", "--format", "pdf"])
        .output()
        .expect("runs");
    assert_eq!(pdf, single.stdout, "a batch writes the PDF a single render makes");
}

#[test]
fn quiet_leaves_out_the_summary_line_but_never_a_failure() {
    let out = tempfile::tempdir().expect("tempdir");
    let hastings = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hastings");
    let run = foi().arg("-q").arg("render").arg(&hastings).arg("-o").arg(out.path()).output().expect("runs");
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(stderr(&run), "", "nothing to say when all went well");
    assert!(out.path().join("FOIR-467737865.md").is_file());
    // A failure is still reported, with its summary.
    let casebook = Casebook::example("hastings");
    casebook.write("contracts/broken.yaml", "part: contact-centre\ntitle: Broken\nagentz: 3\n");
    let run = foi()
        .args(["render", ".", "-o", "out", "--quiet"])
        .current_dir(casebook.root())
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("agentz"), "{}", stderr(&run));
}
