//! The `foi` binary: exit codes, error reports for bad input, and output files.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::Casebook;

fn foi() -> Command {
    Command::cargo_bin("foi").expect("binary")
}

const HASTINGS_REQUEST: &str = "requests/FOIR-467737865.yaml";

/// Runs `foi render` on a broken copy of the Hastings example with `-o`, and checks that it
/// fails with exit code 1, writes nothing, and reports on standard error.
fn broken(edit: impl FnOnce(&Casebook)) -> String {
    let casebook = Casebook::example("hastings");
    edit(&casebook);
    let out = casebook.root().join("out.md");
    let result = foi()
        .current_dir(casebook.root())
        .args(["render", HASTINGS_REQUEST, "-o"])
        .arg(&out)
        .assert()
        .code(1);
    assert!(!out.exists(), "nothing is written when the casebook has errors");
    let output = result.get_output();
    assert!(output.stdout.is_empty(), "nothing on standard output");
    String::from_utf8(output.stderr.clone()).expect("utf-8")
}

#[test]
fn malformed_yaml_names_the_file_and_line() {
    let stderr = broken(|c| {
        let text = c
            .read("contracts/ivr.yaml")
            .replace("title: Interactive Voice Response", "title: [Interactive Voice Response");
        c.write("contracts/ivr.yaml", &text);
    });
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_unknown_key_gets_the_nearest_valid_one() {
    let stderr = broken(|c| {
        let text = c.read("contracts/contact-centre-software.yaml").replace("agents: 11", "agentz: 11");
        c.write("contracts/contact-centre-software.yaml", &text);
    });
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_unknown_exemption_is_pointed_at() {
    let stderr = broken(|c| {
        let text = c.read("contracts/ivr.yaml").replacen("withhold: [s43-2]", "withhold: [s43-3]", 1);
        c.write("contracts/ivr.yaml", &text);
    });
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_missing_contract_is_named() {
    let stderr = broken(|c| {
        let text = c.read(HASTINGS_REQUEST).replacen(
            "  - part: inbound-network\n",
            "  - part: inbound-network\n    contracts: [ivr-support]\n",
            1,
        );
        c.write(HASTINGS_REQUEST, &text);
    });
    insta::assert_snapshot!(stderr);
}

#[test]
fn every_error_is_reported_at_once() {
    let stderr = broken(|c| {
        let ivr = c.read("contracts/ivr.yaml").replacen("withhold: [s43-2]", "withhold: [s43-3]", 1);
        c.write("contracts/ivr.yaml", &ivr);
        let cc = c
            .read("contracts/contact-centre-software.yaml")
            .replace("review: 2023-01-01", "review: 2023-03-01");
        c.write("contracts/contact-centre-software.yaml", &cc);
    });
    assert!(stderr.contains("contracts/ivr.yaml:5:14"), "{stderr}");
    assert!(stderr.contains("contracts/contact-centre-software.yaml:14:9"), "{stderr}");
    assert!(
        stderr.contains("review date (2023-03-01) is after the contract expires (2023-02-01)"),
        "{stderr}"
    );
    assert!(stderr.ends_with("2 errors\n"), "{stderr}");
}

#[test]
fn a_missing_request_file_is_a_usage_error() {
    let casebook = Casebook::example("hastings");
    let result = foi().current_dir(casebook.root()).args(["render", "requests/nope.yaml"]).assert().code(2);
    let stderr = String::from_utf8_lossy(&result.get_output().stderr).into_owned();
    assert_eq!(stderr, "error: no request file at requests/nope.yaml\n");
}

#[test]
fn a_request_outside_any_casebook_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("r.yaml"), "reference: X\n").expect("write");
    let result = foi().current_dir(dir.path()).args(["render", "r.yaml"]).assert().code(2);
    let stderr = String::from_utf8_lossy(&result.get_output().stderr).into_owned();
    assert!(stderr.contains("no foi.yaml in"), "{stderr}");
    assert!(stderr.contains("foi init"), "{stderr}");
}

#[test]
fn bad_arguments_exit_2() {
    foi().args(["render"]).assert().code(2);
    foi().args(["render", "x.yaml", "--layout", "sideways"]).assert().code(2);
}

#[test]
fn output_files_are_written_and_identical_across_runs() {
    let casebook = Casebook::example("hastings");
    let out = casebook.root().join("letter.md");
    let render = || {
        foi()
            .current_dir(casebook.root())
            .args(["render", HASTINGS_REQUEST, "-o"])
            .arg(&out)
            .assert()
            .success();
        std::fs::read(&out).expect("written")
    };
    let (first, second) = (render(), render());
    assert_eq!(first, second);
    let stdout = foi().current_dir(casebook.root()).args(["render", HASTINGS_REQUEST]).assert().success();
    assert_eq!(stdout.get_output().stdout, first, "the file holds what standard output shows");
    let leftovers: Vec<_> = std::fs::read_dir(casebook.root())
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".foi-"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left behind");
}

#[test]
fn the_layout_can_be_chosen_on_the_command_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hastings");
    let result =
        foi().current_dir(&root).args(["render", HASTINGS_REQUEST, "--layout", "annex"]).assert().success();
    let text = String::from_utf8_lossy(&result.get_output().stdout).into_owned();
    assert!(text.contains("## Explanatory annex"));
    assert!(!text.contains("## Refusal notice"));
}

#[test]
fn an_edited_template_in_the_casebook_wins() {
    let casebook = Casebook::example("hastings");
    let signature = foi::templates::BUILTIN.iter().find(|(n, _)| *n == "signature.md").expect("signature").1;
    casebook.write("templates/signature.md", &signature.replace("Yours sincerely,", "With kind regards,"));
    let result = foi().current_dir(casebook.root()).args(["render", HASTINGS_REQUEST]).assert().success();
    let text = String::from_utf8_lossy(&result.get_output().stdout).into_owned();
    assert!(text.contains("With kind regards,") && !text.contains("Yours sincerely,"));
}

#[test]
fn a_broken_template_names_its_file_and_line() {
    let casebook = Casebook::example("hastings");
    casebook.write("templates/rights.md", "## Rights\n\n{{ act.regulator.nmae }}\n");
    let result = foi().current_dir(casebook.root()).args(["render", HASTINGS_REQUEST]).assert().code(1);
    let stderr = String::from_utf8_lossy(&result.get_output().stderr).into_owned();
    assert!(stderr.contains("templates/rights.md:3"), "{stderr}");
    assert!(stderr.contains("undefined"), "{stderr}");
}

#[test]
fn templates_can_be_listed_ejected_and_edited() {
    let casebook = Casebook::example("hastings");
    let run = |args: &[&str]| foi().current_dir(casebook.root()).args(args).assert();
    let listed = run(&["templates", "list"]).success();
    let listed = String::from_utf8_lossy(&listed.get_output().stdout).into_owned();
    for (name, _) in foi::templates::BUILTIN {
        assert!(listed.lines().any(|l| l == *name), "{name} listed as built in:\n{listed}");
    }

    run(&["templates", "eject", "signature.md"]).success();
    let signature = foi::templates::BUILTIN.iter().find(|(n, _)| *n == "signature.md").expect("signature").1;
    assert_eq!(casebook.read("templates/signature.md"), signature, "ejected as built in");
    casebook.write("templates/signature.md", &signature.replace("Yours sincerely,", "Yours faithfully,"));
    let listed = run(&["templates", "list"]).success();
    assert!(
        String::from_utf8_lossy(&listed.get_output().stdout)
            .contains("signature.md  (casebook copy in templates/)")
    );
    for format in ["md", "html", "txt"] {
        let out = run(&["render", HASTINGS_REQUEST, "--format", format]).success();
        let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(text.contains("Yours faithfully,") && !text.contains("Yours sincerely,"), "{format}");
    }

    let refused = run(&["templates", "eject", "signature.md"]).code(1);
    let stderr = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    assert!(stderr.contains("already exists: use --force to replace"), "{stderr}");
    assert!(casebook.read("templates/signature.md").contains("Yours faithfully,"), "not overwritten");
    run(&["templates", "eject", "signature.md", "--force"]).success();
    assert_eq!(casebook.read("templates/signature.md"), signature);

    let unknown = run(&["templates", "eject", "leter.md"]).code(2);
    let stderr = String::from_utf8_lossy(&unknown.get_output().stderr).into_owned();
    assert!(stderr.contains("did you mean `letter.md`?"), "{stderr}");
}

#[test]
fn ejecting_everything_to_another_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("mine");
    foi().args(["templates", "eject", "--to"]).arg(&target).assert().success();
    for (name, text) in foi::templates::BUILTIN {
        assert_eq!(std::fs::read_to_string(target.join(name)).expect("ejected"), *text);
    }
}

/// Runs `foi check ARGS` in `dir`; returns the exit code, standard output and standard error.
fn check_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = foi().current_dir(dir).arg("check").args(args).output().expect("runs");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("utf-8");
    (output.status.code().expect("exit code"), text(output.stdout), text(output.stderr))
}

#[test]
fn check_finds_the_casebook_containing_the_current_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hastings");
    let (code, stdout, stderr) = check_in(&root.join("requests"), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty());
    assert_eq!(stderr, "..: no problems found in foi.yaml, 2 contracts, 2 requests, 2 sent records\n");
    let (code, _, stderr) = check_in(&root, &["../shared-service"]);
    assert_eq!(
        (code, stderr.as_str()),
        (0, "../shared-service: no problems found in foi.yaml, 5 contracts, 3 requests\n")
    );
}

#[test]
fn check_exits_1_on_errors_and_on_warnings_only_when_denied() {
    let casebook = Casebook::example("hastings");
    // (After 3 February 2023, when the review of FOIR-469102254 was decided.)
    let (code, _, stderr) = check_in(casebook.root(), &["--today", "2023-02-28"]);
    assert_eq!(code, 0, "{stderr}");
    // A request received after its contract's review date: a warning.
    let request = casebook.read(HASTINGS_REQUEST).replace("received: 2022-11-25", "received: 2023-01-05");
    casebook.write(HASTINGS_REQUEST, &request.replace("responded: 2022-12-09", "responded: 2023-01-20"));
    let (code, _, stderr) = check_in(casebook.root(), &["--today", "2023-02-28"]);
    assert_eq!(code, 0, "warnings alone pass: {stderr}");
    assert!(stderr.contains("warning: contract `contact-centre-software`"), "{stderr}");
    assert!(stderr.ends_with("1 warning\n"), "{stderr}");
    let (code, _, stderr) = check_in(casebook.root(), &["--today", "2023-02-28", "--deny-warnings"]);
    assert_eq!(code, 1);
    assert!(stderr.ends_with("1 warning\nwarnings fail the check (--deny-warnings)\n"), "{stderr}");
    // The same casebook checked as at a date before the request arrived: an error.
    let (code, _, stderr) = check_in(casebook.root(), &["--today", "2023-01-01"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("after today (2023-01-01)"), "{stderr}");
}

#[test]
fn check_usage_problems_exit_2() {
    let (code, _, stderr) = check_in(Path::new(env!("CARGO_MANIFEST_DIR")), &["no/such/casebook"]);
    assert_eq!(code, 2);
    assert_eq!(stderr, "error: no folder or file at no/such/casebook\n");
    let outside = tempfile::tempdir().expect("tempdir");
    let (code, _, stderr) = check_in(outside.path(), &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no foi.yaml in"), "{stderr}");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hastings");
    for args in [&["--today", "31/01/2024"][..], &["--format", "xml"], &["--deny-warnings=maybe"]] {
        let (code, _, stderr) = check_in(&root, args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
    }
    let (_, _, stderr) = check_in(&root, &["--today", "31/01/2024"]);
    assert!(stderr.contains("`31/01/2024` is not a date: write YYYY-MM-DD"), "{stderr}");
}

#[test]
fn check_speaks_github_annotations_and_json_on_standard_output() {
    let casebook = Casebook::example("hastings");
    let ivr = casebook.read("contracts/ivr.yaml").replacen("withhold: [s43-2]", "withhold: [s43-3]", 1);
    casebook.write("contracts/ivr.yaml", &ivr);
    let (code, stdout, stderr) = check_in(casebook.root(), &["--format", "github", "--today", "2024-01-01"]);
    assert_eq!(code, 1);
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(
        stdout,
        "::error file=contracts/ivr.yaml,line=5,col=14,title=foi check%3A supplier.withhold[0]::unknown exemption \
         `s43-3` under FOIA%0Ahelp: did you mean `s43-1` or `s43-2`?\n"
    );
    let parent = casebook.root().parent().expect("parent");
    let name = casebook.root().file_name().expect("name").to_string_lossy().into_owned();
    let (_, stdout, _) = check_in(parent, &[&name, "--format", "github", "--today", "2024-01-01"]);
    assert!(
        stdout.starts_with(&format!("::error file={name}/contracts/ivr.yaml,")),
        "paths from the current folder: {stdout}"
    );
    let (code, stdout, _) = check_in(casebook.root(), &["--format", "json", "--today", "2024-01-01"]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(json["errors"], 1);
    assert_eq!(json["findings"][0]["path"], "supplier.withhold[0]");
}

#[test]
fn check_text_has_no_colour_when_not_at_a_terminal() {
    let casebook = Casebook::example("hastings");
    casebook.write("contracts/ivr.yaml", &casebook.read("contracts/ivr.yaml").replace("part:", "prat:"));
    let (code, _, stderr) = check_in(casebook.root(), &["--today", "2024-01-01"]);
    assert_eq!(code, 1);
    assert!(!stderr.contains('\x1b'), "{stderr}");
    assert!(stderr.contains("error: unknown key `prat`"), "{stderr}");
}

#[test]
fn render_runs_the_request_rules_too() {
    let casebook = Casebook::example("hastings");
    let result = foi()
        .current_dir(casebook.root())
        .args(["render", HASTINGS_REQUEST, "--today", "2022-12-01"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&result.get_output().stderr).into_owned();
    assert!(
        stderr.contains("the response was sent on 2022-12-09, which is after today (2022-12-01)"),
        "{stderr}"
    );
    let request = casebook.read(HASTINGS_REQUEST).replace(
        "title: Contact centre and inbound network services contracts",
        "title: Questions from Morgan Ellery",
    );
    casebook.write(HASTINGS_REQUEST, &request);
    let result = foi().current_dir(casebook.root()).args(["render", HASTINGS_REQUEST]).assert().code(1);
    let stderr = String::from_utf8_lossy(&result.get_output().stderr).into_owned();
    assert!(stderr.contains("the requester's name appears in text that is published"), "{stderr}");
}

#[test]
fn schema_prints_every_schema_or_writes_them_to_a_folder() {
    let result = foi().args(["schema"]).assert().success();
    let all: serde_json::Value = serde_json::from_slice(&result.get_output().stdout).expect("json");
    let names: Vec<&str> = all.as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "contract.schema.json",
            "exemption.schema.json",
            "foi.schema.json",
            "questionnaire.schema.json",
            "request.schema.json"
        ]
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("nested/schemas");
    foi().args(["schema", "--out"]).arg(&out).assert().success().stdout("");
    for name in names {
        let written = std::fs::read_to_string(out.join(name)).expect("written");
        let committed = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/schemas").join(name),
        )
        .expect("committed");
        assert_eq!(written, committed, "{name}");
    }
}

#[test]
fn version_says_what_this_build_writes_and_which_years_its_calendar_lists() {
    let long = foi().arg("--version").output().expect("runs");
    assert!(long.status.success());
    let text = String::from_utf8_lossy(&long.stdout);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(concat!("foi ", env!("CARGO_PKG_VERSION"))));
    let formats = lines.next().expect("a formats line");
    assert!(formats.starts_with("formats: md, html, txt, json, typst"), "{formats}");
    assert!(formats.contains("docx"), "{formats}");
    assert_eq!(formats.contains("pdf"), cfg!(feature = "pdf"), "{formats}");
    assert!(text.contains("bank holidays: 2015 to "), "{text}");
    assert!(text.contains("other years by rule"), "{text}");
    // -V stays one line, as scripts read it.
    let short = foi().arg("-V").output().expect("runs");
    assert_eq!(String::from_utf8_lossy(&short.stdout), concat!("foi ", env!("CARGO_PKG_VERSION"), "\n"));
}

#[test]
fn completions_cover_every_command_in_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = foi().args(["completions", shell]).output().expect("runs");
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&output.stdout);
        for word in ["render", "check", "publish", "intake", "completions", "format", "jurisdiction", "docx"]
        {
            assert!(script.contains(word), "{shell} completes {word}");
        }
    }
    let bash = foi().args(["completions", "bash"]).output().expect("runs");
    let dir = tempfile::tempdir().expect("tempdir");
    let script = dir.path().join("foi.bash");
    std::fs::write(&script, &bash.stdout).expect("written");
    let parsed = std::process::Command::new("bash").arg("-n").arg(&script).status().expect("bash runs");
    assert!(parsed.success(), "the bash script parses");
    let zsh = foi().args(["completions", "zsh"]).output().expect("runs");
    assert!(String::from_utf8_lossy(&zsh.stdout).starts_with("#compdef foi"));
    assert_eq!(foi().args(["completions", "tcsh"]).output().expect("runs").status.code(), Some(2));
}

#[test]
fn the_manual_has_a_page_per_command() {
    let page = foi().arg("man").output().expect("runs");
    assert!(page.status.success());
    let text = String::from_utf8_lossy(&page.stdout);
    assert!(text.contains(".TH foi 1"), "{text}");
    assert!(text.contains("foi\\-render(1)"), "the main page lists the commands");
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("man1");
    let written = foi().args(["man", "--out"]).arg(&out).output().expect("runs");
    assert!(written.status.success());
    for name in ["foi.1", "foi-render.1", "foi-check.1", "foi-templates-eject.1", "foi-init.1"] {
        let page = std::fs::read_to_string(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(page.starts_with(".ie"), "{name} is roff");
    }
    let init = std::fs::read_to_string(out.join("foi-init.1")).expect("page");
    assert!(init.contains("\\-\\-jurisdiction"), "options documented");
    // The same bytes each time: the page carries no date.
    let again = foi().arg("man").output().expect("runs");
    assert_eq!(page.stdout, again.stdout);
}

#[test]
fn every_command_shows_examples_in_its_help() {
    let commands: [&[&str]; 14] = [
        &[],
        &["render"],
        &["check"],
        &["schema"],
        &["templates"],
        &["templates", "list"],
        &["templates", "eject"],
        &["due"],
        &["publish"],
        &["stats"],
        &["init"],
        &["intake"],
        &["completions"],
        &["man"],
    ];
    for command in commands {
        let output = foi().args(command).arg("--help").output().expect("runs");
        assert!(output.status.success(), "{command:?}");
        let help = String::from_utf8_lossy(&output.stdout);
        assert!(help.contains("Example"), "foi {} --help has no examples", command.join(" "));
    }
}

#[test]
fn stats_help_describes_the_formats_of_stats() {
    let output = foi().args(["stats", "--help"]).output().expect("runs");
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("A table per authority"), "{help}");
    assert!(!help.contains("The due date first"), "foi due's formats in foi stats --help: {help}");
}

#[test]
fn color_always_and_never_and_clicolor_force_decide_the_colour_of_diagnostics() {
    let casebook = Casebook::example("hastings");
    casebook.write("contracts/broken.yaml", "part: contact-centre\ntitle: Broken\nagentz: 3\n");
    let run = |args: &[&str], vars: &[(&str, &str)]| {
        let mut command = foi();
        command.current_dir(casebook.root()).env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE").args(args);
        for (name, value) in vars {
            command.env(name, value);
        }
        let output = command.output().expect("runs");
        assert_eq!(output.status.code(), Some(1));
        String::from_utf8_lossy(&output.stderr).contains("\u{1b}[")
    };
    assert!(!run(&["check"], &[]), "no colour into a pipe");
    assert!(run(&["check", "--color", "always"], &[]));
    assert!(run(&["--color=always", "check"], &[]), "a global option, before the command too");
    assert!(run(&["check"], &[("CLICOLOR_FORCE", "1")]));
    assert!(!run(&["check", "--color", "never"], &[("CLICOLOR_FORCE", "1")]));
    assert!(!run(&["check"], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]));
}

#[test]
fn an_output_that_cannot_be_written_is_exit_3_not_a_casebook_problem() {
    let casebook = Casebook::example("hastings");
    // A full disk: Linux's /dev/full refuses every write with "no space left".
    let full =
        foi().current_dir(casebook.root()).args(["render", HASTINGS_REQUEST, "-o", "/dev/full"]).output();
    let full = full.expect("runs");
    assert_eq!(full.status.code(), Some(3), "{}", String::from_utf8_lossy(&full.stderr));
    assert!(String::from_utf8_lossy(&full.stderr).contains("cannot write /dev/full"));
    let stdout = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let binary = assert_cmd::cargo::cargo_bin("foi");
    let schema = std::process::Command::new(binary).arg("schema").stdout(stdout).output().expect("runs");
    assert_eq!(schema.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&schema.stderr).contains("cannot write to standard output"));
    // In a batch: a folder where a letter's file should go.
    std::fs::create_dir_all(casebook.root().join("out/FOIR-467737865.md/in-the-way")).expect("folder");
    let batch = foi().current_dir(casebook.root()).args(["render", ".", "-o", "out"]).output().expect("runs");
    assert_eq!(batch.status.code(), Some(3), "{}", String::from_utf8_lossy(&batch.stderr));
    assert!(String::from_utf8_lossy(&batch.stderr).contains("1 request's files could not be written"));
}

/// Issue 12: one request renders whatever is wrong with another request of its casebook
/// (that is `foi check`'s to report), with a warning saying so; the casebook's own errors
/// and the request's still fail it.
#[test]
fn render_of_one_request_does_not_fail_on_another_requests_errors() {
    let casebook = Casebook::example("hastings");
    let other = casebook
        .read(HASTINGS_REQUEST)
        .replace("FOIR-467737865", "FOIR-2")
        .replace("id: agents", "id: agentz");
    casebook.write("requests/FOIR-2.yaml", &other);
    let run = foi()
        .current_dir(casebook.root())
        .env("NO_COLOR", "1")
        .args(["render", HASTINGS_REQUEST])
        .assert()
        .code(0);
    let output = run.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.stdout.is_empty(), "the letter is written");
    assert!(stderr.contains("1 other request of this casebook has errors"), "{stderr}");
    assert!(stderr.contains("run `foi check`") && !stderr.contains("agentz"), "{stderr}");
    let failed = foi()
        .current_dir(casebook.root())
        .env("NO_COLOR", "1")
        .args(["render", "requests/FOIR-2.yaml"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&failed.get_output().stderr).into_owned();
    assert!(stderr.contains("unknown value `agentz`") && !stderr.contains("other request"), "{stderr}");
}

/// Diagnostics name files as compilers do: from the current folder when the casebook is
/// inside it, so the path can be copied from the terminal, and in full when it is not.
#[test]
fn diagnostics_name_files_from_the_current_folder() {
    let casebook = Casebook::example("hastings");
    let text = casebook.read("contracts/ivr.yaml").replacen("withhold: [s43-2]", "withold: [s43-2]", 1);
    casebook.write("contracts/ivr.yaml", &text);
    let root = casebook.root().canonicalize().expect("canonical");
    let (parent, name) = (root.parent().expect("parent"), root.file_name().expect("name"));
    let check = |dir: &Path, args: &[&std::ffi::OsStr]| {
        let output =
            foi().current_dir(dir).env("NO_COLOR", "1").arg("check").args(args).output().expect("runs");
        assert_eq!(output.status.code(), Some(1));
        (String::from_utf8(output.stderr).expect("utf-8"), String::from_utf8(output.stdout).expect("utf-8"))
    };
    let (from_parent, _) = check(parent, &[name]);
    let shown = Path::new(name).join("contracts/ivr.yaml");
    assert!(from_parent.contains(&format!("  --> {}:", shown.display())), "{from_parent}");
    assert!(from_parent.contains("^^^^^^^\n  = help: did you mean `withhold`?"), "{from_parent}");
    let (from_inside, _) = check(&root.join("requests"), &[]);
    let absolute = root.join("contracts/ivr.yaml");
    assert!(from_inside.contains(&format!("  --> {}:", absolute.display())), "{from_inside}");
    let (_, json) = check(parent, &[name, "--format".as_ref(), "json".as_ref()]);
    assert!(json.contains("\"file\": \"contracts/ivr.yaml\""), "JSON stays relative to the casebook: {json}");
    // A command that stops on the casebook's errors names the file the same way.
    let render = foi()
        .current_dir(root.join("requests"))
        .args(["render", "FOIR-467737865.yaml", "-o", "-"])
        .output()
        .expect("runs");
    let render = String::from_utf8(render.stderr).expect("utf-8");
    assert!(render.contains(&format!("  --> {}:", absolute.display())), "{render}");
}
