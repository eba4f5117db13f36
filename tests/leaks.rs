//! What a hostile casebook must not get out of `foi`: files outside the casebook read through
//! links, pipes and devices that hang or exhaust memory, and personal data (a requester's
//! details, a withheld value, a junior officer's details) printed in a diagnostic.

mod common;

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use common::Casebook;

/// The date the fixtures are checked as at.
const TODAY: &str = "2025-01-31";

fn foi(casebook: &Casebook) -> Command {
    let mut command = Command::cargo_bin("foi").expect("binary");
    // A pipe or device that slipped through would hang: fail the test instead.
    command.current_dir(casebook.root()).env("NO_COLOR", "1").timeout(Duration::from_secs(60));
    command
}

/// `foi check` in every format: the exit code and everything printed, all formats together.
fn check_all_formats(casebook: &Casebook) -> (i32, String) {
    let mut all = String::new();
    let mut code = None;
    for format in ["text", "json", "github"] {
        let output =
            foi(casebook).args(["check", "--today", TODAY, "--format", format]).output().expect("runs");
        all.push_str(&String::from_utf8_lossy(&output.stdout));
        all.push_str(&String::from_utf8_lossy(&output.stderr));
        let this = output.status.code().expect("exit code");
        assert_eq!(*code.get_or_insert(this), this, "the format does not change the exit code");
    }
    (code.expect("ran"), all)
}

fn base() -> Casebook {
    Casebook::copy_of("tests/check/base")
}

#[cfg(unix)]
fn link(target: &str, at: &Path) {
    std::fs::create_dir_all(at.parent().expect("parent")).expect("folder");
    std::os::unix::fs::symlink(target, at).expect("symlink");
}

#[cfg(unix)]
fn fifo(at: &Path) {
    std::fs::create_dir_all(at.parent().expect("parent")).expect("folder");
    let made = std::process::Command::new("mkfifo").arg(at).status().expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", at.display());
}

#[cfg(unix)]
#[test]
fn a_template_linked_to_the_process_environment_is_never_published() {
    let casebook = base();
    link("/proc/self/environ", &casebook.root().join("templates/rights.md"));
    let secret = "FOI_TEST_SECRET_TOKEN_4f1e2d";
    let site = casebook.root().join("site");
    let publish = foi(&casebook)
        .env("CI_DEPLOY_TOKEN", secret)
        .args(["publish", "--today", TODAY, "-o"])
        .arg(&site)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&publish.stderr);
    assert_eq!(publish.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("templates/rights.md") && stderr.contains("symbolic link"), "{stderr}");
    assert!(!stderr.contains(secret) && !String::from_utf8_lossy(&publish.stdout).contains(secret));
    for entry in walk(&site) {
        let text = std::fs::read_to_string(&entry).unwrap_or_default();
        assert!(!text.contains(secret), "the environment reached {}", entry.display());
    }
    let render = foi(&casebook)
        .env("CI_DEPLOY_TOKEN", secret)
        .args(["render", "requests/ECC-2024-001.yaml", "--today", TODAY])
        .output()
        .expect("runs");
    assert_eq!(render.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&render.stdout).contains(secret));
    let (code, all) = check_all_formats(&casebook);
    assert_eq!(code, 1, "{all}");
    assert!(all.contains("templates/rights.md") && all.contains("symbolic link"), "{all}");
    assert!(!all.contains(secret));
}

#[cfg(unix)]
#[test]
fn a_contract_linked_to_the_password_file_is_not_quoted_by_check() {
    let casebook = base();
    link("/etc/passwd", &casebook.root().join("contracts/passwords.yaml"));
    link("../contracts/call-centre.yaml", &casebook.root().join("requests/copy.yaml"));
    let (code, all) = check_all_formats(&casebook);
    assert_eq!(code, 1, "{all}");
    assert!(!all.contains("root:") && !all.contains("/bin/"), "the password file is quoted:\n{all}");
    assert!(all.contains("contracts/passwords.yaml") && all.contains("symbolic link"), "{all}");
    assert!(all.contains("requests/copy.yaml"), "a link inside the casebook is refused too:\n{all}");
}

#[cfg(unix)]
#[test]
fn a_linked_contracts_folder_is_refused() {
    let casebook = base();
    let elsewhere = tempfile::tempdir().expect("tempdir");
    std::fs::write(elsewhere.path().join("secret.yaml"), "part: contact-centre\ntitle: hidden\n")
        .expect("write");
    std::fs::remove_dir_all(casebook.root().join("contracts")).expect("remove");
    link(elsewhere.path().to_str().expect("utf-8"), &casebook.root().join("contracts"));
    let (code, all) = check_all_formats(&casebook);
    assert_eq!(code, 1, "{all}");
    assert!(all.contains("`contracts` is a symbolic link"), "{all}");
    assert!(!all.contains("hidden"));
}

#[cfg(unix)]
#[test]
fn a_pipe_as_template_or_logo_does_not_hang() {
    let casebook = base();
    fifo(&casebook.root().join("templates/letter.md"));
    fifo(&casebook.root().join("images/logo.png"));
    let profile = casebook
        .read("foi.yaml")
        .replace("  jurisdiction: foia\n", "  jurisdiction: foia\n  logo: images/logo.png\n");
    casebook.write("foi.yaml", &profile);
    let (code, all) = check_all_formats(&casebook);
    assert_eq!(code, 1, "{all}");
    assert!(all.contains("templates/letter.md") && all.contains("named pipe"), "{all}");
    assert!(all.contains("authority.logo") && all.contains("named pipe"), "{all}");
    for format in ["md", "typst"] {
        let render = foi(&casebook)
            .args(["render", "requests/ECC-2024-001.yaml", "--today", TODAY, "--format", format])
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&render.stderr);
        assert_eq!(render.status.code(), Some(1), "{format}: {stderr}");
        assert!(stderr.contains("named pipe"), "{format}: {stderr}");
    }
}

#[cfg(unix)]
#[test]
fn the_zero_device_as_logo_or_template_is_refused() {
    let casebook = base();
    link("/dev/zero", &casebook.root().join("templates/letter.md"));
    link("/dev/zero", &casebook.root().join("logo.png"));
    let profile = casebook
        .read("foi.yaml")
        .replace("  jurisdiction: foia\n", "  jurisdiction: foia\n  logo: logo.png\n");
    casebook.write("foi.yaml", &profile);
    let (code, all) = check_all_formats(&casebook);
    assert_eq!(code, 1, "{all}");
    assert!(all.contains("templates/letter.md") && all.contains("authority.logo"), "{all}");
    let render = foi(&casebook)
        .args(["render", "requests/ECC-2024-001.yaml", "--today", TODAY, "--format", "typst"])
        .output()
        .expect("runs");
    assert_eq!(render.status.code(), Some(1), "{}", String::from_utf8_lossy(&render.stderr));
}

/// Every file under `dir` (none if it does not exist).
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
    }
    files
}

/// Personal and withheld data the diagnostic tests plant beside their typos.
const PRIVATE: &[&str] = &[
    "Zebulon",
    "Quackenbush",
    "zq@example.com",
    "Private Lane",
    "Corvid",
    "Wren Telecom",
    "Casey Ford",
    "casey.ford@",
    "960517",
    "Sam Reed",
    "2025-02-30",
];

/// Runs `foi check` in every format and `foi render` of the base request, and fails if any
/// of [`PRIVATE`] is printed. Returns everything printed.
fn assert_nothing_private_printed(casebook: &Casebook) -> String {
    let (code, mut all) = check_all_formats(casebook);
    assert_eq!(code, 1, "{all}");
    let render = foi(casebook)
        .args(["render", "requests/ECC-2024-001.yaml", "--today", TODAY])
        .output()
        .expect("runs");
    all.push_str(&String::from_utf8_lossy(&render.stderr));
    for secret in PRIVATE {
        assert!(!all.contains(secret), "{secret:?} printed:\n{all}");
    }
    all
}

#[test]
fn a_typo_beside_the_requester_in_flow_style_does_not_print_them() {
    let casebook = base();
    let request = casebook.read("requests/ECC-2024-001.yaml").replace(
        "requester:\n  name: Robin Ashdown\n  email: robin.ashdown@example.com\n",
        "requester: {name: Zebulon Quackenbush, emial: zq@example.com, address: [1 Private Lane]}\n",
    );
    casebook.write("requests/ECC-2024-001.yaml", &request);
    let all = assert_nothing_private_printed(&casebook);
    assert!(all.contains("unknown key `emial`") && all.contains("quester: {name: ███"), "{all}");
}

#[test]
fn a_typo_on_the_line_next_to_the_requester_does_not_print_them() {
    let casebook = base();
    let request = casebook.read("requests/ECC-2024-001.yaml").replace(
        "requester:\n  name: Robin Ashdown\n  email: robin.ashdown@example.com\n",
        "requester:\n  name: >-\n    Zebulon\n    Quackenbush\n  emial: zq@example.com\n  address:\n    - 1 Private Lane\n",
    );
    casebook.write("requests/ECC-2024-001.yaml", &request);
    let all = assert_nothing_private_printed(&casebook);
    assert!(all.contains("unknown key `emial`") && all.contains("emial: ███"), "{all}");
}

#[test]
fn a_yaml_syntax_error_beside_the_requester_does_not_print_them() {
    let casebook = base();
    let request = casebook.read("requests/ECC-2024-001.yaml").replace(
        "requester:\n  name: Robin Ashdown\n  email: robin.ashdown@example.com\n",
        "requester:\n  name: Zebulon Quackenbush\n  email: zq@example.com\n   address: [1 Private Lane\n",
    );
    casebook.write("requests/ECC-2024-001.yaml", &request);
    let all = assert_nothing_private_printed(&casebook);
    assert!(all.contains("YAML syntax error"), "{all}");
}

#[test]
fn a_typo_beside_a_withheld_value_does_not_print_it() {
    let casebook = base();
    let contract = casebook.read("contracts/call-centre.yaml").replace(
        "supplier:\n  withhold: [s43-2]\n  value: Wren Telecom Ltd\n",
        "supplier: {withhold: [s43-3], value: Corvid Contact Systems}\n",
    );
    casebook.write("contracts/call-centre.yaml", &contract);
    let all = assert_nothing_private_printed(&casebook);
    assert!(all.contains("unknown exemption `s43-3`") && all.contains("value: ███"), "{all}");
}

#[test]
fn a_withheld_value_in_error_is_not_quoted_in_the_message() {
    let casebook = base();
    let contract = casebook
        .read("contracts/call-centre.yaml")
        .replace("expiry: 2026-03-31\n", "expiry:\n  withhold: [s43-2]\n  value: 2025-02-30\n");
    casebook.write("contracts/call-centre.yaml", &contract);
    let all = assert_nothing_private_printed(&casebook);
    assert!(all.contains("`███` is not a date"), "the mistake is still reported:\n{all}");
}

#[test]
fn a_multi_line_withheld_value_is_masked_on_every_line() {
    let casebook = base();
    let contract = casebook.read("contracts/call-centre.yaml").replace(
        "supplier:\n  withhold: [s43-2]\n  value: Wren Telecom Ltd\n",
        "supplier:\n  withhold: [s43-2]\n  reasn: typo\n  value: |\n    Corvid Contact\n    Systems Ltd\n",
    );
    casebook.write("contracts/call-centre.yaml", &contract);
    assert_nothing_private_printed(&casebook);
}

#[test]
fn the_junior_officer_finding_names_no_officer_in_any_format() {
    let casebook = base();
    casebook.overlay("tests/check/junior-officer-published");
    let all = assert_nothing_private_printed(&casebook);
    assert!(all.contains("::error file=") && all.contains("\"message\""), "every format ran:\n{all}");
    assert!(all.contains("a junior officer (the contract owner in contracts/freephone.yaml)"), "{all}");
}

#[test]
fn a_withheld_expiry_is_not_printed_in_date_findings() {
    let casebook = base();
    let contract = casebook.read("contracts/call-centre.yaml");
    let withheld = |date: &str| {
        contract
            .replace("expiry: 2026-03-31\n", &format!("expiry: {{withhold: [s43-2], value: {date}}}\n"))
            .replace("review: 2025-10-01\n", "")
    };
    casebook.write("contracts/call-centre.yaml", &withheld("2020-01-01"));
    let (code, all) = check_all_formats(&casebook);
    assert_eq!(code, 1, "{all}");
    assert!(all.contains("the contract expires (a withheld date) before it starts (2021-04-01)"), "{all}");
    assert!(!all.contains("2020-01-01"), "{all}");
    // Stale when the request arrived: a warning in the request's file, about the contract.
    casebook.write("contracts/call-centre.yaml", &withheld("2024-06-30"));
    let (code, all) = check_all_formats(&casebook);
    assert_eq!(code, 0, "{all}");
    assert!(
        all.contains("expired on a withheld date, before this request was received on 2024-11-04"),
        "{all}"
    );
    assert!(!all.contains("2024-06-30"), "{all}");
}
