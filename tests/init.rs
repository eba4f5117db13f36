//! `foi init`: a casebook for the user's own authority, through the real binary.

use std::path::Path;

use assert_cmd::Command;

fn foi(args: &[&str], at: &Path) -> std::process::Output {
    Command::cargo_bin("foi").expect("binary").current_dir(at).args(args).output().expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_named_authority_gets_its_own_profile_and_examples_marked_as_examples() {
    let dir = tempfile::tempdir().expect("tempdir");
    let made = foi(
        &["init", "council", "--name", "Wyre Forest: District #1 Council", "--jurisdiction", "foia"],
        dir.path(),
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    let council = dir.path().join("council");
    let profile = read(&council.join("foi.yaml"));
    // A name holding `:` and `#` is quoted, so it stays the name.
    assert!(profile.contains("  name: \"Wyre Forest: District #1 Council\"\n"), "{profile}");
    assert!(profile.contains("  jurisdiction: foia\n"));
    assert!(!profile.contains("Hastings"), "no Hastings facts in a new authority's profile");
    let contract = read(&council.join("contracts/example-contact-centre.yaml"));
    assert!(contract.contains("# EXAMPLE, written by `foi init`"));
    assert!(contract.contains("withhold: [s43-2]"));
    assert!(contract.starts_with("# yaml-language-server: $schema=../schemas/contract.schema.json\n"));
    let request = read(&council.join("requests/EXAMPLE-1.yaml"));
    assert!(request.contains("# EXAMPLE, written by `foi init`"));
    assert!(request.contains("\npublish: false\n"), "an example never reaches the disclosure log");
    assert!(council.join("schemas/request.schema.json").is_file());
    assert!(council.join(".git").is_dir(), "git init ran outside a repository");
    let steps = text(&made.stderr);
    assert!(steps.contains("with a new git repository"), "{steps}");
    assert!(steps.contains("Replace the example contract"), "{steps}");
    assert!(steps.contains("foi check"), "{steps}");

    // It checks, with one warning: the placeholder address.
    let check = foi(&["check", "council"], dir.path());
    assert!(check.status.success(), "{}", text(&check.stderr));
    let report = text(&check.stderr);
    assert!(report.contains("the FOI team's email is a placeholder"), "{report}");
    assert!(report.contains("foi.yaml:15:12"), "{report}");
    assert!(report.contains("1 warning"), "{report}");
    let letter = foi(&["render", "council/requests/EXAMPLE-1.yaml", "--format", "txt"], dir.path());
    assert!(letter.status.success(), "{}", text(&letter.stderr));
    assert!(
        text(&letter.stdout).starts_with("Wyre Forest: District #1 Council\n"),
        "{}",
        text(&letter.stdout)
    );
}

#[test]
fn a_scottish_authority_withholds_under_foisa_and_an_email_given_is_no_placeholder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let args = [
        "init",
        "board",
        "--name",
        "Kilbrannan Council",
        "--jurisdiction",
        "foisa",
        "--email",
        "foi@kilbrannan.gov.uk",
    ];
    assert!(foi(&args, dir.path()).status.success());
    let contract = read(&dir.path().join("board/contracts/example-contact-centre.yaml"));
    assert!(contract.contains("withhold: [s33-1-b]"), "FOISA's commercial interests: {contract}");
    assert!(!contract.contains("s43-2"));
    assert!(read(&dir.path().join("board/foi.yaml")).contains("    email: \"foi@kilbrannan.gov.uk\"\n"));
    let check = foi(&["check", "board"], dir.path());
    assert!(check.status.success());
    assert!(text(&check.stderr).contains("no problems found"), "{}", text(&check.stderr));
}

#[test]
fn empty_leaves_out_the_examples() {
    let dir = tempfile::tempdir().expect("tempdir");
    let args = ["init", "new", "--name", "Example Trust", "--jurisdiction", "foia", "--empty"];
    let made = foi(&args, dir.path());
    assert!(made.status.success());
    let root = dir.path().join("new");
    assert!(root.join("contracts").is_dir() && root.join("requests").is_dir());
    assert_eq!(std::fs::read_dir(root.join("contracts")).expect("folder").count(), 0);
    assert_eq!(std::fs::read_dir(root.join("requests")).expect("folder").count(), 0);
    assert!(text(&made.stderr).contains("Add your contracts"));
    assert!(foi(&["check", "new"], dir.path()).status.success());
}

#[test]
fn a_name_or_email_that_cannot_be_written_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    for args in [
        vec!["init", "x", "--name", "Two\nlines", "--jurisdiction", "foia"],
        vec!["init", "x", "--name", "Line\u{2028}separator", "--jurisdiction", "foia"],
        vec!["init", "x", "--name", "   ", "--jurisdiction", "foia"],
        vec!["init", "x", "--name", "Council", "--jurisdiction", "foia", "--email", "not an address"],
        vec!["init", "x", "--name", "Council", "--jurisdiction", "foia", "--email", "foi@nodot"],
        // An authority's Act is never assumed.
        vec!["init", "x", "--name", "Council"],
        vec!["init", "x", "--empty"],
    ] {
        let output = foi(&args, dir.path());
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", text(&output.stderr));
        assert!(!dir.path().join("x").exists(), "{args:?} wrote something");
    }
}

#[test]
fn inside_a_repository_no_new_one_is_made() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join(".git")).expect("a repository's folder");
    let made = foi(&["init", "inner", "--name", "Council", "--jurisdiction", "foia"], dir.path());
    assert!(made.status.success());
    assert!(!dir.path().join("inner/.git").exists());
    assert!(text(&made.stderr).contains("inside the git repository already there"), "{}", text(&made.stderr));
}

#[test]
fn a_draft_in_a_casebook_with_its_own_schemas_carries_the_editor_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(
        foi(&["init", "c", "--name", "Council", "--jurisdiction", "foia", "--empty"], dir.path())
            .status
            .success()
    );
    let root = dir.path().join("c");
    std::fs::write(root.join("request.txt"), "1. Who is the supplier of your contact centre?\n")
        .expect("written");
    let draft = foi(&["intake", "request.txt", "-o", "requests/NEW-1.yaml"], &root);
    assert!(draft.status.success(), "{}", text(&draft.stderr));
    let written = read(&root.join("requests/NEW-1.yaml"));
    assert!(
        written.starts_with("# yaml-language-server: $schema=../schemas/request.schema.json\n"),
        "{written}"
    );
    let printed = foi(&["intake", "request.txt"], &root);
    assert!(
        text(&printed.stdout).starts_with("# yaml-language-server: $schema=../schemas/request.schema.json\n")
    );
    // Without the casebook's own schemas, no line that would point nowhere.
    std::fs::remove_dir_all(root.join("schemas")).expect("removed");
    let bare = foi(&["intake", "request.txt"], &root);
    assert!(
        text(&bare.stdout).starts_with("# Request file drafted by `foi intake`"),
        "{}",
        text(&bare.stdout)
    );
}
