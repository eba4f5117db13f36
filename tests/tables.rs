//! The closed sets kept as tables (Acts, questions), seen from the command line: a value
//! outside a table is refused with the nearest entry, never read as another.

mod common;

use assert_cmd::Command;
use common::{Casebook, FOIA_PROFILE, OPEN_CONTRACT};

fn check(casebook: &Casebook) -> (Option<i32>, String) {
    let out = Command::cargo_bin("foi")
        .expect("binary")
        .current_dir(casebook.root())
        .args(["check", "--today", "2030-12-31"])
        .output()
        .expect("runs");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Regression: the exemption library used to read an unknown Act as FOIA (`_ => Foia`).
#[test]
fn an_unknown_act_in_foi_yaml_is_an_error_naming_the_nearest_act_not_foia() {
    let casebook = Casebook::new(&FOIA_PROFILE.replace("jurisdiction: foia", "jurisdiction: fiosa"));
    casebook.contract("cc", OPEN_CONTRACT);
    let (code, stderr) = check(&casebook);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("unknown value `fiosa`"), "{stderr}");
    assert!(stderr.contains("did you mean `foisa`?"), "{stderr}");
    assert!(stderr.contains("foi.yaml:3:17"), "{stderr}");
}

#[test]
fn a_near_miss_question_key_in_facts_or_a_contract_names_the_question() {
    let casebook = Casebook::new(&FOIA_PROFILE.replace("email-users: 1200", "email-usrs: 1200"));
    casebook.contract("cc", &OPEN_CONTRACT.replace("annual-spend:", "anual-spend:"));
    let (code, stderr) = check(&casebook);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("unknown key `email-usrs`"), "{stderr}");
    assert!(stderr.contains("did you mean `email-users`?"), "{stderr}");
    assert!(stderr.contains("unknown key `anual-spend`"), "{stderr}");
    assert!(stderr.contains("did you mean `annual-spend`?"), "{stderr}");
}

#[test]
fn an_answer_of_the_wrong_type_for_its_question_is_refused() {
    let casebook = Casebook::new(FOIA_PROFILE);
    // `expiry` is declared a date in contact-centre.yaml.
    assert!(OPEN_CONTRACT.contains("expiry: 2030-01-31\n"));
    casebook.contract("cc", &OPEN_CONTRACT.replace("expiry: 2030-01-31", "expiry: next spring"));
    let (code, stderr) = check(&casebook);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("contracts/cc.yaml:"), "{stderr}");
    assert!(stderr.contains("`next spring` is not a date"), "{stderr}");
    assert!(stderr.contains("(expiry)"), "{stderr}");
    assert!(!stderr.contains("duplicate"), "{stderr}");
}
