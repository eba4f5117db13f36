//! The output formats: every casebook value escaped, text wrapped without splitting words,
//! JSON without the requester unless asked, byte-identical output.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::Casebook;

/// A value that would be markup in Markdown or HTML, with a marker naming its field.
fn nasty(field: &str) -> String {
    format!("<i>{field}</i> & \"q\" 'a' *{field}* @x")
}

/// A casebook in which every field the templates print holds markup and quotes.
fn hostile() -> (Casebook, Vec<String>) {
    let fields = [
        "authority-name",
        "address-line",
        "team-name",
        "team-email",
        "team-phone",
        "website",
        "signature-name",
        "signature-title",
        "signature-team",
        "review-team",
        "request-title",
        "part-title",
        "contract-title",
        "question-label",
        "question-text",
        "supplier",
        "money-note",
        "duration-term",
        "duration-extensions",
        "description",
        "contact-name",
        "contact-title",
        "contact-phone",
        "contact-email",
        "officer-name",
        "officer-title",
        "agents-words",
        "busy-month",
        "not-held-why",
        "publication-title",
        "reason",
        "requester-name",
        "requester-address",
        "no-contracts-why",
    ];
    let q = |f: &str| serde_yaml::to_string(&nasty(f)).expect("yaml").trim_end().to_owned();
    let profile = format!(
        "authority:
  name: {}
  jurisdiction: foia
  address: [{}]
  website: {}
  foi-team: {{name: {}, email: {}, phone: {}}}
  internal-review: {{name: {}, email: review@example.gov.uk}}
  signature: {{name: {}, job-title: {}, team: {}}}
  facts:
    email-server: Exchange
    email-users: {}
    busy-periods: [{}]
    further-comments: {{not-held: {}}}
  no-contracts:
    inbound-network: {}
",
        q("authority-name"),
        q("address-line"),
        q("website"),
        q("team-name"),
        q("team-email"),
        q("team-phone"),
        q("review-team"),
        q("signature-name"),
        q("signature-title"),
        q("signature-team"),
        q("agents-words"),
        q("busy-month"),
        q("not-held-why"),
        q("no-contracts-why"),
    );
    let casebook = Casebook::new(&profile);
    casebook.contract(
        "cc",
        &format!(
            "part: contact-centre
title: {}
supplier: {}
annual-spend: {{amount: 1000, years: 3, note: {}}}
duration: {{term: {}, extensions: {}}}
expiry: 2030-01-01
review: {{withhold: [s43-2], reason: {}}}
description: {}
contact: {{name: {}, job-title: {}, phone: {}, email: {}, seniority: senior,
          senior-officer: {{name: {}, job-title: {}}}}}
agents: 3
sites: 1
manufacturer: {{published: {{title: {}, url: \"https://example.gov.uk/a?x=1&y='2'\"}}}}
",
            q("contract-title"),
            q("supplier"),
            q("money-note"),
            q("duration-term"),
            q("duration-extensions"),
            q("reason"),
            q("description"),
            q("contact-name"),
            q("contact-title"),
            q("contact-phone"),
            q("contact-email"),
            q("officer-name"),
            q("officer-title"),
            q("publication-title"),
        ),
    );
    casebook.request(
        "r",
        &format!(
            "reference: R-1
title: {}
received: 2024-01-10
requester: {{name: {}, address: [{}]}}
parts:
  - part: contact-centre
    title: {}
    questions:
      - {{number: 1, id: supplier, label: {}, text: {}}}
      - {{number: 2, id: annual-spend}}
      - {{number: 3, id: duration}}
      - {{number: 4, id: review}}
      - {{number: 5, id: description}}
      - {{number: 6, id: contact}}
      - {{number: 7, id: manufacturer}}
      - {{number: 8, id: email-users}}
      - {{number: 9, id: busy-periods}}
      - {{number: 10, id: further-comments}}
  - part: inbound-network
    questions:
      - {{number: 1, id: supplier}}
",
            q("request-title"),
            q("requester-name"),
            q("requester-address"),
            q("part-title"),
            q("question-label"),
            q("question-text"),
        ),
    );
    (casebook, fields.iter().map(|f| (*f).to_owned()).collect())
}

fn render(request: &Path, format: &str, extra: &[&str]) -> String {
    let output = Command::cargo_bin("foi")
        .expect("binary")
        .args(["render"])
        .arg(request)
        .args(["--format", format])
        .args(extra)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("utf-8")
}

fn request_of(casebook: &Casebook) -> PathBuf {
    casebook.root().join("requests/r.yaml")
}

#[test]
fn every_printed_field_is_escaped_in_html() {
    let (casebook, fields) = hostile();
    let request = request_of(&casebook);
    let html =
        render(&request, "html", &["--layout", "inline"]) + &render(&request, "html", &["--layout", "annex"]);
    assert!(!html.contains("<i>"), "markup from the casebook reached the HTML");
    assert!(!html.contains("<em>"), "Markdown emphasis from the casebook reached the HTML");
    for field in &fields {
        let escaped = format!("&lt;i&gt;{field}&lt;/i&gt; &amp; &quot;q&quot; 'a' *{field}* @x");
        assert!(html.contains(&escaped), "{field} not printed as text in the HTML");
    }
    assert!(
        html.contains("href=\"https://example.gov.uk/a?x=1&amp;y=&#x27;2&#x27;\""),
        "link kept, & escaped"
    );
}

#[test]
fn every_printed_field_is_literal_in_markdown_text_and_json() {
    let (casebook, fields) = hostile();
    let request = request_of(&casebook);
    let both = |format| {
        render(&request, format, &["--layout", "inline"]) + &render(&request, format, &["--layout", "annex"])
    };
    let text = both("txt");
    let markdown = both("md");
    let json = render(&request, "json", &["--include-private"]);
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(parsed["format"], "foi-response/1");
    for field in &fields {
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&nasty(field)), "{field} not printed literally in the text:\n{text}");
        assert!(
            markdown.contains(&format!("\\<i\\>{field}\\</i\\> \\& \"q\" 'a' \\*{field}\\* @x")),
            "{field} in Markdown"
        );
    }
    for field in ["supplier", "contract-title", "requester-name", "authority-name", "question-text"] {
        assert!(json.contains(&serde_json::to_string(&nasty(field)).expect("json")), "{field} in JSON");
    }
}

#[test]
fn json_leaves_the_requester_out_unless_asked() {
    let (casebook, _) = hostile();
    let request = request_of(&casebook);
    let public: serde_json::Value = serde_json::from_str(&render(&request, "json", &[])).expect("json");
    assert!(public["requester"].is_null());
    assert!(!render(&request, "json", &[]).contains("requester-name"));
    let private: serde_json::Value =
        serde_json::from_str(&render(&request, "json", &["--include-private"])).expect("json");
    assert_eq!(private["requester"]["name"], nasty("requester-name"));
}

#[test]
fn text_is_wrapped_at_72_columns_without_splitting_words_or_urls() {
    for (example, request) in [("hastings", "FOIR-467737865"), ("national-archives", "CAS-84648-H4L3X0")] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(example)
            .join(format!("requests/{request}.yaml"));
        let text = render(&path, "txt", &[]);
        let markdown = render(&path, "md", &[]);
        for line in text.lines() {
            if line.chars().count() > 72 {
                let body = line.trim_start().trim_start_matches("- ");
                assert!(!body.contains(' '), "a breakable line is over 72 columns: {line:?}");
                assert!(body.contains("https://"), "only web addresses may overflow: {line:?}");
            }
        }
        for word in markdown.split_whitespace().filter(|w| w.contains("https://")) {
            let url = &word[word.find("https://").expect("url")..];
            let url = url.trim_end_matches([')', '.', ',']);
            let url = url.replace('\\', "");
            assert!(text.contains(&url), "{url} was split or lost in the text");
        }
        assert!(!text.contains("**") && !text.contains('\\') && !text.contains("]("), "Markdown syntax left");
    }
}

#[test]
fn every_format_is_byte_identical_across_runs() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/national-archives/requests/CAS-84648-H4L3X0.yaml");
    for format in ["md", "html", "txt", "json"] {
        assert_eq!(render(&path, format, &[]), render(&path, format, &[]), "{format}");
    }
}

#[test]
fn html_is_a_standalone_accessible_page() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hastings/requests/FOIR-467737865.yaml");
    let html = render(&path, "html", &[]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    assert!(html.contains("<title>FOIR-467737865: Contact centre and inbound network services contracts – Hastings Borough Council</title>"));
    assert!(html.contains("<main>") && html.contains("@media print") && html.contains("@page"));
    assert_eq!(html.matches("<h1").count(), 1, "one top-level heading");
    assert!(!html.contains("class=\"anchor\""), "no empty anchor links in headings");
}

/// The README's list of output formats follows the table: every format, in its order,
/// spelled as `--format` takes it.
#[test]
fn the_readme_lists_every_output_format_of_the_table_in_order() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md reads");
    let section = readme.split("### Output formats").nth(1).expect("README has an Output formats section");
    let section = section.split("\n#").next().unwrap_or(section);
    let listed: Vec<&str> = section
        .lines()
        .filter(|line| line.starts_with("- **"))
        .filter_map(|line| line.split("(`").nth(1)?.split('`').next())
        .collect();
    let table: Vec<&str> = foi::render::OutputFormat::ALL.iter().map(|format| format.name).collect();
    assert_eq!(listed, table, "README.md's Output formats list and the table of formats differ");
}

/// `--format` takes exactly the table's names, and a name outside it is refused with them.
#[test]
fn format_values_on_the_command_line_are_the_table() {
    let out = Command::cargo_bin("foi")
        .expect("binary")
        .args(["render", "x.yaml", "--format", "odt"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let names: Vec<&str> = foi::render::OutputFormat::ALL.iter().map(|format| format.name).collect();
    assert!(stderr.contains(&format!("[possible values: {}]", names.join(", "))), "{stderr}");
}
