//! The fuzz target: hostile casebooks, templates and pasted requests through the loader,
//! `foi check`, every renderer and intake, for as long as it is asked to run.
//!
//! Each target below is a property: whatever the input, `foi` answers with a value or with
//! findings, never a panic, a hang or a crash, and what it makes is well formed (JSON
//! parses, a draft is YAML, casebook text never becomes HTML). On the stable toolchain,
//! with proptest: no nightly, no cargo-fuzz.
//!
//! - `cargo test --test fuzz`: a short run of every target (a few seconds), as part of the
//!   test suite.
//! - `PROPTEST_CASES=N`: N cases per target.
//! - `FOI_FUZZ_SECONDS=S`: each target runs for S seconds, in rounds of fresh random cases,
//!   and prints how many it ran. An hour on two cores, release build (much faster):
//!
//!       FOI_FUZZ_SECONDS=1200 cargo test --release --test fuzz -- --nocapture --test-threads=2
//!
//! A failure prints the smallest input proptest could shrink it to; add it as a named
//! regression test beside the code it broke.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use common::inputs::{document, nasty_text, scalar, yamlish};
use common::{Casebook, TODAY};
use foi::model::{ContractFile, ProfileFile, RequestFile};
use foi::render::{Document, OutputFormat, Renderer};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_yaml::Value as Yaml;

/// Cases per target in a short run (`cargo test`), unless `PROPTEST_CASES` says otherwise.
const SHORT_RUN: u32 = 12;

/// Runs `property` on cases drawn from `strategy`: for `FOI_FUZZ_SECONDS` if set (in rounds
/// of fresh random cases), else `PROPTEST_CASES` or [`SHORT_RUN`] cases. Panics with the
/// shrunk input on the first failure.
fn fuzz<S: Strategy>(name: &str, strategy: S, property: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let seconds = std::env::var("FOI_FUZZ_SECONDS").ok().and_then(|s| s.parse::<u64>().ok());
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(SHORT_RUN);
    let deadline = seconds.map(|s| Instant::now() + Duration::from_secs(s));
    let started = Instant::now();
    let mut ran: u64 = 0;
    loop {
        let round = if deadline.is_some() { 64 } else { cases };
        // `failure_persistence: None`: this harness reports a failure by printing it.
        let config = Config { cases: round, failure_persistence: None, ..Config::default() };
        let mut runner = TestRunner::new(config);
        if let Err(failure) = runner.run(&strategy, &property) {
            panic!("fuzz target `{name}` failed after {ran} cases: {failure}");
        }
        ran += u64::from(round);
        if deadline.is_none_or(|deadline| Instant::now() >= deadline) {
            break;
        }
    }
    println!("fuzz {name}: {ran} cases in {:.1} s, no failure", started.elapsed().as_secs_f64());
}

/// Loads `text` as each kind of file: a value, or findings placed inside the file.
fn load_each_way(text: &str) -> Result<(), TestCaseError> {
    // The lines as foi holds the file (which are the lines the findings quote: a lone
    // carriage return ends a line), and one past the last for "missing key" at the end.
    let lines = text.replace("\r\n", "\n").replace('\r', "\n").lines().count() + 1;
    let results = [
        foi::read_file::<ProfileFile>("x.yaml", text).err(),
        foi::read_file::<ContractFile>("x.yaml", text).err(),
        foi::read_file::<RequestFile>("x.yaml", text).err(),
    ];
    for findings in results.into_iter().flatten() {
        prop_assert!(!findings.is_empty(), "a failure without findings");
        for finding in &findings {
            prop_assert!(finding.location.line >= 1 && finding.location.line <= lines, "{finding:?}");
            prop_assert!(finding.location.column >= 1, "{finding:?}");
        }
        assert_report_prints(&foi::Report::new(findings))?;
    }
    Ok(())
}

/// A report prints in every format, and its text sends nothing but text to a terminal.
fn assert_report_prints(report: &foi::Report) -> Result<(), TestCaseError> {
    let text = report.to_text_styled(false);
    prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "{text:?}");
    serde_json::from_str::<serde_json::Value>(&report.to_json(Path::new("."))).map_err(fail)?;
    let github = report.to_github(Path::new("."));
    prop_assert_eq!(github.lines().count(), report.findings().len(), "one workflow command a finding");
    Ok(())
}

fn fail(err: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(err.to_string())
}

/// The casebooks the mutations start from: complete ones, so most mutants still pass the
/// checks and reach the renderers.
const STARTS: [(&str, &str); 4] = [
    ("tests/check/base", "requests/ECC-2024-001.yaml"),
    ("examples/hastings", "requests/FOIR-467737865.yaml"),
    ("examples/national-archives", "requests/CAS-84648-H4L3X0.yaml"),
    ("examples/shared-service", "requests/MBC-2023-0412.yaml"),
];

/// The `*.yaml` files of `dir`, sorted.
fn yaml_paths(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml" || ext == "yml"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// The YAML files of a starting casebook, relative to it.
fn yaml_files(root: &Path) -> Vec<String> {
    let mut out = vec!["foi.yaml".to_owned()];
    for folder in ["contracts", "requests"] {
        if let Ok(paths) = yaml_paths(&root.join(folder)) {
            out.extend(
                paths
                    .iter()
                    .filter_map(|p| p.file_name())
                    .map(|n| format!("{folder}/{}", n.to_string_lossy())),
            );
        }
    }
    out
}

/// Replaces the node at pre-order position `at` (modulo the number of nodes) by `by`.
fn replace(doc: &mut Yaml, at: usize, by: Yaml) {
    fn count(node: &Yaml) -> usize {
        1 + match node {
            Yaml::Mapping(map) => map.values().map(count).sum(),
            Yaml::Sequence(items) => items.iter().map(count).sum(),
            _ => 0,
        }
    }
    fn visit(node: &mut Yaml, at: usize, seen: &mut usize, by: &mut Option<Yaml>) {
        if *seen == at {
            if let Some(by) = by.take() {
                *node = by;
            }
            return;
        }
        *seen += 1;
        match node {
            Yaml::Mapping(map) => map.values_mut().for_each(|child| visit(child, at, seen, by)),
            Yaml::Sequence(items) => items.iter_mut().for_each(|child| visit(child, at, seen, by)),
            _ => {}
        }
    }
    let at = at % count(doc);
    visit(doc, at, &mut 0, &mut Some(by));
}

/// A replacement value: mostly text or scalars a rule reads, sometimes any document.
fn replacement() -> impl Strategy<Value = Yaml> {
    prop_oneof![
        4 => nasty_text().prop_map(Yaml::String),
        3 => scalar(),
        1 => document(),
    ]
}

/// A mutant of one starting casebook: which, which file, and the edits to it.
#[derive(Debug, Clone)]
struct Mutant {
    start: usize,
    file: usize,
    edits: Vec<(usize, Yaml)>,
    pdf: bool,
}

fn mutant() -> impl Strategy<Value = Mutant> {
    (
        0..STARTS.len(),
        any::<usize>(),
        prop::collection::vec((any::<usize>(), replacement()), 1..4),
        prop::bool::weighted(0.05),
    )
        .prop_map(|(start, file, edits, pdf)| Mutant { start, file, edits, pdf })
}

/// The mutant written out in a temporary copy of its casebook; returns the copy and the
/// request to render.
fn build(mutant: &Mutant) -> (Casebook, std::path::PathBuf) {
    let (start, request) = STARTS[mutant.start];
    let casebook = Casebook::copy_of(start);
    let files = yaml_files(casebook.root());
    let relative = &files[mutant.file % files.len()];
    let text = casebook.read(relative);
    if let Ok(mut doc) = serde_yaml::from_str::<Yaml>(&text) {
        for (at, by) in &mutant.edits {
            replace(&mut doc, *at, by.clone());
        }
        casebook.write(relative, &serde_yaml::to_string(&doc).unwrap_or_default());
    }
    let request = casebook.root().join(request);
    (casebook, request)
}

/// `foi check` of the mutant, in every report format.
fn check_mutant(mutant: &Mutant) -> Result<(), TestCaseError> {
    let (casebook, _) = build(mutant);
    let checked = foi::check::casebook(casebook.root(), TODAY);
    assert_report_prints(&checked.report)
}

/// The output format called `name` on the command line.
fn format(name: &str) -> OutputFormat {
    OutputFormat::named(name).unwrap_or_else(|| panic!("{name} is not an output format"))
}

/// Every renderer on the mutant's request, for both audiences, if it passes the checks:
/// Markdown, HTML, text, JSON and Typst source always, PDF for a sample of cases (it costs
/// a hundred times more).
fn render_mutant(mutant: &Mutant) -> Result<(), TestCaseError> {
    let (_casebook, request) = build(mutant);
    for audience in [foi::Audience::Requester, foi::Audience::Public] {
        let Ok((loaded, response, _)) = foi::respond(&request, audience, TODAY) else { return Ok(()) };
        let renderer = Renderer::new(Some(&loaded.files));
        let mut formats: Vec<OutputFormat> = OutputFormat::text().collect();
        if mutant.pdf && cfg!(feature = "pdf") && audience == foi::Audience::Requester {
            formats.push(format("pdf"));
        }
        formats.push(format("docx"));
        // A render may refuse (a value a format cannot show), never panic.
        let Ok(documents) = renderer.documents(&response, &formats) else { continue };
        RENDERED.fetch_add(1, Ordering::Relaxed);
        for (format, document) in documents {
            match (format.name, document) {
                ("json", Document::Text(json)) => {
                    serde_json::from_str::<serde_json::Value>(&json).map_err(fail)?;
                }
                ("html", Document::Text(html)) => {
                    prop_assert!(!html.contains("<script"), "casebook text became HTML");
                }
                ("pdf", Document::Binary(bytes)) => {
                    PDFS.fetch_add(1, Ordering::Relaxed);
                    prop_assert!(bytes.starts_with(b"%PDF-"));
                }
                ("docx", Document::Binary(bytes)) => prop_assert!(bytes.starts_with(b"PK\x03\x04")),
                (_, Document::Text(text)) => prop_assert!(!text.contains('\u{0}'), "a NUL in {format:?}"),
                (_, Document::Binary(_)) => prop_assert!(false, "bytes for {format:?}"),
            }
        }
    }
    Ok(())
}

/// How many mutants' letters were rendered (they passed the checks), and how many as PDF.
static RENDERED: AtomicU64 = AtomicU64::new(0);
static PDFS: AtomicU64 = AtomicU64::new(0);

/// Template text: minijinja syntax, loops, recursion and string growth, among plain text.
fn template() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "{{ title }}",
            "{{ reference }}",
            "{{ nothing }}",
            "{{ authority.name|upper }}",
            "{{ parts|length }}",
            "{% for p in parts %}{{ p.title }}{% endfor %}",
            "{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}",
            "{% set s = \"xxxxxxxx\" %}{% set s = s ~ s ~ s ~ s %}{% set s = s ~ s ~ s ~ s %}{{ s ~ s }}",
            "{{ \"x\" * 1000000000 }}",
            "{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}",
            "{% include \"letter.md\" %}",
            "{% include \"rights.md\" %}",
            "{% extends \"letter.md\" %}",
            "{% if %}",
            "{% endfor %}",
            "{{",
            "}}",
            "{#",
            "{{ 1 / 0 }}",
            "{{ title|money }}",
            "{{ received|uk_date }}",
            "{{ none|destination }}",
        ])
        .prop_map(str::to_owned),
        nasty_text(),
    ];
    prop::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat())
}

/// A pasted request: email headers, quoting, numbering of every style, among hostile text.
fn pasted_request() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        prop::sample::select(vec![
            "From: Zebulon Quackenbush <z@example.com>",
            "Subject: FOI request",
            "-----Original Message-----",
            "> ",
            ">> 1. Who is the supplier?",
            "Dear Sir or Madam,",
            "Contact centre contracts",
            "Inbound network services",
            "1. Who supplies your contact centre software?",
            "2) What is the annual spend?",
            "(iv) When does the contract expire?",
            "a. Contract owner",
            "Q3 Number of agents",
            "Request 7: the manufacturer",
            "1.1 Email server",
            "• 0800 numbers",
            "- Routing of calls",
            "(1) supplier (2) spend (3) expiry",
            "Yours faithfully,",
            "Morgan Ellery",
            "",
        ])
        .prop_map(str::to_owned),
        (1usize..2000).prop_map(|n| format!("{n}. ")),
        nasty_text(),
    ];
    (prop::collection::vec(line, 0..40), prop::bool::ANY)
        .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }))
}

#[test]
fn fuzz_loader_reads_any_yaml_to_a_value_or_findings() {
    let input = prop_oneof![
        yamlish(),
        document().prop_map(|doc| serde_yaml::to_string(&doc).unwrap_or_default()),
        nasty_text()
    ];
    fuzz("loader", input, |text| load_each_way(&text));
}

#[test]
fn fuzz_check_reports_any_casebook() {
    fuzz("check", mutant(), |mutant| check_mutant(&mutant));
}

#[test]
fn fuzz_check_survives_any_bytes_in_any_file() {
    let places = prop::sample::select(vec![
        "foi.yaml",
        "contracts/call-centre.yaml",
        "requests/ECC-2024-001.yaml",
        "exemptions/foia/s43-2.yaml",
        "templates/letter.md",
        "templates/page.html",
    ]);
    let bytes = prop::collection::vec(any::<u8>(), 0..2048);
    fuzz("bytes", (places, bytes), |(place, bytes)| {
        let casebook = Casebook::copy_of("tests/check/base");
        let path = casebook.root().join(place);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("a folder");
        std::fs::write(&path, &bytes).expect("write");
        assert_report_prints(&foi::check::casebook(casebook.root(), TODAY).report)
    });
}

#[test]
fn fuzz_renderers_render_any_casebook_that_passes() {
    fuzz("renderers", mutant(), |mutant| render_mutant(&mutant));
    println!(
        "fuzz renderers: {} letters rendered in every text format, {} as PDF",
        RENDERED.load(Ordering::Relaxed),
        PDFS.load(Ordering::Relaxed)
    );
}

#[test]
fn fuzz_templates_render_or_fail_within_their_bounds() {
    let names = prop::sample::select(vec!["letter.md", "inline.md", "rights.md", "page.html"]);
    fuzz("templates", (names, template()), |(name, text)| {
        let casebook = Casebook::copy_of("examples/hastings");
        casebook.write(&format!("templates/{name}"), &text);
        let _ = foi::check::casebook(casebook.root(), TODAY);
        let request = casebook.root().join("requests/FOIR-467737865.yaml");
        if let Ok((loaded, response, _)) = foi::respond(&request, foi::Audience::Requester, TODAY) {
            let renderer = Renderer::new(Some(&loaded.files));
            let _ = renderer.documents(&response, &[format("md"), format("html"), format("txt")]);
        }
        Ok(())
    });
}

#[test]
fn fuzz_intake_reads_any_pasted_request_to_a_draft_that_is_yaml() {
    fuzz("intake", pasted_request(), |text| {
        let found = foi::intake::read(&text);
        let json = found.to_json().map_err(fail)?;
        serde_json::from_str::<serde_json::Value>(&json).map_err(fail)?;
        let _ = foi::intake::warnings("fuzz", &text, &found);
        let options = foi::intake::draft::DraftOptions {
            source: "fuzz".to_owned(),
            reference: Some("FUZZ-1".to_owned()),
            received: chrono::NaiveDate::from_ymd_opt(2024, 1, 10),
            casebook: Err("no casebook".to_owned()),
        };
        let draft = foi::intake::draft::draft(&found, &options);
        // Whatever the request holds, the draft is YAML (found by this target: a character
        // YAML cannot hold was once copied into a comment as it was).
        serde_yaml::from_str::<Yaml>(&draft)
            .map_err(|err| fail(format!("the draft is not YAML: {err}\n{draft}")))?;
        // The draft is a request file: it loads, or says what to settle.
        let _ = foi::read_file::<RequestFile>("requests/draft.yaml", &draft);
        Ok(())
    });
}

/// Found by `fuzz_intake_…`: the draft of a request holding U+FFFE (or a control
/// character) was not YAML, because intake copied the question into a comment as it was.
#[test]
fn a_draft_stays_yaml_whatever_the_request_holds() {
    let text = "Request 7: the manufacturer\n<script>alert(1)</script>Casey Ford\u{fffe}";
    let found = foi::intake::read(text);
    let options = foi::intake::draft::DraftOptions {
        source: "fuzz".to_owned(),
        reference: None,
        received: None,
        casebook: Err("no casebook".to_owned()),
    };
    let draft = foi::intake::draft::draft(&found, &options);
    assert!(serde_yaml::from_str::<Yaml>(&draft).is_ok(), "{draft}");
}

/// Found by `fuzz_loader_…` (shrunk to `"\r# "`): with a lone carriage return, a finding
/// pointed at a line past the end of the file as `foi` counted its lines.
#[test]
fn a_lone_carriage_return_keeps_findings_inside_the_file() {
    for text in ["\r# ", "title: A\rsupplier: [x\r", "a: 1\r\rb: [\r"] {
        if let Err(failure) = load_each_way(text) {
            panic!("{text:?}: {failure}");
        }
    }
}

/// Found by `fuzz_loader_…` (shrunk to `"\u{2028}\r\n"`): libyaml, under serde, breaks
/// lines at U+2028 as YAML 1.1 did, so its line numbers ran past the file's.
#[test]
fn a_line_separator_keeps_findings_inside_the_file() {
    for text in ["\u{2028}\r\n", "a: 1\n\u{2028}b: [\n", "title: x\u{85}\u{2029}\nagentz: 1\n"] {
        if let Err(failure) = load_each_way(text) {
            panic!("{text:?}: {failure}");
        }
    }
}
