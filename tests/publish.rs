//! The disclosure log: what is published, what never is, open data, statistics, and a site
//! that is the same every time it is built.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::Casebook;

fn examples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    ["hastings", "national-archives", "shared-service"].iter().map(|e| root.join(e)).collect()
}

fn publish(casebooks: &[PathBuf], site: &Path) -> std::process::Output {
    Command::cargo_bin("foi")
        .expect("binary")
        .arg("publish")
        .args(casebooks)
        .arg("-o")
        .arg(site)
        .output()
        .expect("runs")
}

/// Every file of a folder, by relative path.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("list").filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(root).expect("inside").to_string_lossy().into_owned();
                files.insert(relative, std::fs::read(&path).expect("read"));
            }
        }
    }
    files
}

/// Text the examples hold that must never be published: requesters' identities, junior
/// staff's details and withheld values.
fn private_strings() -> Vec<String> {
    let mut private = Vec::new();
    for casebook in examples() {
        for file in std::fs::read_dir(casebook.join("requests")).expect("requests").filter_map(Result::ok) {
            let request: serde_yaml::Value =
                serde_yaml::from_str(&std::fs::read_to_string(file.path()).expect("read")).expect("yaml");
            if let Some(requester) = request.get("requester") {
                for key in ["name", "email"] {
                    if let Some(text) = requester.get(key).and_then(|v| v.as_str()) {
                        private.push(text.to_owned());
                    }
                }
                for line in requester.get("address").and_then(|v| v.as_sequence()).into_iter().flatten() {
                    private.push(line.as_str().expect("address line").to_owned());
                }
            }
        }
    }
    private.extend(
        [
            "Priya Raman",
            "priya.raman@nationalarchives.gov.uk",
            "01632 960733",
            "Sam Okoro",
            "sam.okoro@maidstone.gov.uk",
            "01632 960102",
            "Jordan Vale",
            "jordan.vale@swale.gov.uk",
            "Corvid Contact Systems",
            "Corvid CX Platform",
            "18250",
            "18,250",
            "Kestrel Voice Services",
            "Call Manager",
            "Call Plus",
        ]
        .map(str::to_owned),
    );
    private
}

#[test]
fn the_site_has_every_part_and_only_published_responses() {
    let site = tempfile::tempdir().expect("tempdir");
    let run = publish(&examples(), site.path());
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let files = tree(site.path());
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            // The lock that keeps two runs apart, and the list of the files this run wrote.
            ".foi-lock",
            ".foi-manifest",
            "accessibility.html",
            "datapackage.json",
            "disclosure-log-requests.csv",
            "disclosure-log-requests.json",
            "disclosure-log.csv",
            "disclosure-log.json",
            "feed.atom",
            "index.html",
            "responses/CAS-84648-H4L3X0.html",
            "responses/CAS-84648-H4L3X0.md",
            "responses/FOIR-467737865.html",
            "responses/FOIR-467737865.md",
            "responses/FOIR-469102254.html",
            "responses/FOIR-469102254.md",
            "responses/MBC-2023-0412.html",
            "responses/MBC-2023-0412.md",
            "responses/SBC-FOI-1187.html",
            "responses/SBC-FOI-1187.md",
            "responses/TWBC-23-0977.html",
            "responses/TWBC-23-0977.md",
            "stats.html",
        ]
    );
    let index = String::from_utf8_lossy(&files["index.html"]).into_owned();
    let order: Vec<usize> = [
        "SBC-FOI-1187",
        "TWBC-23-0977",
        "MBC-2023-0412",
        "FOIR-469102254",
        "FOIR-467737865",
        "CAS-84648-H4L3X0",
    ]
    .iter()
    .map(|r| index.find(&format!(">{r}</a>")).unwrap_or_else(|| panic!("{r} missing from the index")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "newest received first");
    assert!(index.contains(">Exemptions</th>") && index.contains("Section 43(2)"));
    let page = String::from_utf8_lossy(&files["responses/FOIR-467737865.html"]).into_owned();
    assert!(page.contains("<a href=\"../index.html\">All responses</a>") && page.contains("Dear requester,"));
}

#[test]
fn a_response_page_has_its_title_as_h1_a_summary_and_links() {
    let site = tempfile::tempdir().expect("tempdir");
    assert!(publish(&examples()[..1], site.path()).status.success());
    let page = std::fs::read_to_string(site.path().join("responses/FOIR-467737865.html")).expect("page");
    let h1s: Vec<&str> = page.match_indices("<h1").map(|(at, _)| &page[at..at + 80]).collect();
    assert_eq!(h1s.len(), 1, "{h1s:?}");
    assert!(page.contains("<h1>Contact centre and inbound network services contracts</h1>"));
    // The letter's own headings sit under the page's title.
    assert!(page.contains("<h2 id=\"hastings-borough-council\">Hastings Borough Council</h2>"));
    for fact in [
        "<dt>Reference</dt><dd class=\"reference\">FOIR-467737865</dd>",
        "<dt>Received</dt><dd><time datetime=\"2022-11-25\">25 November 2022</time></dd>",
        "<dt>Due</dt><dd><time datetime=\"2022-12-28\">28 December 2022</time></dd>",
        "<time datetime=\"2022-12-09\">9 December 2022</time> (on time)",
        "<dt>Outcome</dt><dd>Partially withheld</dd>",
        "<li>Section 43(2): Commercial interests</li>",
        "<a href=\"#your-right-to-ask-for-a-review\">Your right to ask for a review</a>",
    ] {
        assert!(page.contains(fact), "{fact} missing from the summary");
    }
    assert!(page.contains("<a href=\"mailto:foi@hastings.gov.uk\">foi@hastings.gov.uk</a>"));
    assert!(page.contains("<a href=\"https://www.hastings.gov.uk\">https://www.hastings.gov.uk</a>"));
    assert!(page.contains("id=\"your-right-to-ask-for-a-review\""));
    // The publisher, the skip link and the footer.
    assert!(page.contains("<a class=\"skip-link\" href=\"#main\">Skip to main content</a>"));
    // (minijinja escapes `/` in attribute values; browsers read it back as `/`.)
    assert!(page.contains("<a href=\"https:&#x2f;&#x2f;www.hastings.gov.uk\">Hastings Borough Council<span class=\"visually-hidden\"> (website)</span></a>"));
    assert!(page.contains("&#x2f;open-government-licence&#x2f;version&#x2f;3&#x2f;\" rel=\"license\">Open Government Licence v3.0</a>"));
    assert!(page.contains("<a href=\"../accessibility.html\">Accessibility statement</a>"));
    let statement = std::fs::read_to_string(site.path().join("accessibility.html")).expect("statement");
    for heading in [
        "Feedback and contact information",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "Compliance status",
        "Preparation of this accessibility statement",
    ] {
        assert!(statement.contains(&format!(">{heading}</h")), "{heading}");
    }
    assert!(statement.contains("fully compliant") && statement.contains("mailto:foi@hastings.gov.uk"));
}

#[test]
fn the_accessibility_statement_says_so_when_the_casebook_changed_the_pages() {
    let casebook = Casebook::example("hastings");
    casebook.write("templates/site.css", "main { color: #777; }\n");
    let site = casebook.root().join("site");
    let run = publish(&[casebook.root().to_path_buf()], &site);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let statement = std::fs::read_to_string(site.join("accessibility.html")).expect("statement");
    assert!(statement.contains("partially compliant") && statement.contains("(site.css)"), "{statement}");
}

#[test]
fn the_statistics_page_has_headlines_bars_quarters_and_one_comparison_table() {
    let site = tempfile::tempdir().expect("tempdir");
    assert!(publish(&examples(), site.path()).status.success());
    let page = std::fs::read_to_string(site.path().join("stats.html")).expect("stats");
    assert!(page.contains("<span class=\"figure\">100%</span> answered on time, 6 of 6"), "{page}");
    assert!(page.contains("<tr><th scope=\"row\">Partially withheld</th><td class=\"num\">5</td><td class=\"share\"><span class=\"bar\" aria-hidden=\"true\"><span style=\"width: 83.3%\"></span></span><span class=\"share-figure\">83%</span></td></tr>"), "{page}");
    // Outcomes nobody had are named once, not listed as rows of zeros.
    assert!(!page.contains(">Withheld in full</th>"));
    assert!(page.contains("No request had any other outcome (Withheld in full, Information not held"));
    for quarter in
        ["April to June 2022", "July to September 2022", "October to December 2022", "April to June 2023"]
    {
        assert!(page.contains(&format!("<th scope=\"row\" role=\"rowheader\">{quarter}</th>")), "{quarter}");
    }
    assert_eq!(
        page.matches("<table").count(),
        6,
        "outcomes, timeliness, quarters, exemptions, internal reviews (FOIR-469102254's), authorities"
    );
    assert!(page.contains("<caption>Internal reviews by outcome</caption>"));
    assert!(page.contains("<caption>Requests by authority</caption>"));
    assert!(page.contains(
        "<tr role=\"row\" class=\"total\"><th scope=\"row\" role=\"rowheader\">All authorities</th>"
    ));
    assert!(!page.contains("<script"), "the charts need no JavaScript");
}

#[test]
fn nothing_private_or_withheld_appears_anywhere_on_the_site() {
    let site = tempfile::tempdir().expect("tempdir");
    assert!(publish(&examples(), site.path()).status.success());
    let private = private_strings();
    assert!(private.len() > 15, "the list covers the examples' requesters");
    for (file, bytes) in tree(site.path()) {
        let text = String::from_utf8_lossy(&bytes);
        for secret in &private {
            assert!(!text.contains(secret.as_str()), "{secret:?} published in {file}");
        }
    }
}

#[test]
fn open_data_has_one_row_per_question_answered() {
    let site = tempfile::tempdir().expect("tempdir");
    assert!(publish(&examples()[..1], site.path()).status.success());
    let csv = std::fs::read_to_string(site.path().join("disclosure-log.csv")).expect("csv");
    let csv = csv.strip_prefix('\u{feff}').expect("a byte-order mark for Excel");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "reference,authority,authority_id,received,responded,part,contract,contract_id,number,question_id,question,outcome,value,value_type,value_count,value_date,amount,currency,years_averaged,publication_url,exemptions,refusal_ground,review_outcome,review_decided,review_decision"
    );
    assert_eq!(lines.len(), 1 + 2 * (12 + 7), "two requests, each 12 questions in part 1 and 7 in part 2");
    assert!(lines.contains(&"FOIR-467737865,Hastings Borough Council,gss:E07000062,2022-11-25,2022-12-09,contact-centre,Contact Centre Software Support and Maintenance,gss:E07000062/contact-centre-software,4,expiry,Contract Expiry,disclosed,1 February 2023,date,,2023-02-01,,,,,,,,,"));
    assert!(lines.contains(&"FOIR-467737865,Hastings Borough Council,gss:E07000062,2022-11-25,2022-12-09,contact-centre,Contact Centre Software Support and Maintenance,gss:E07000062/contact-centre-software,10,manufacturer,Manufacturer of the contact centre,withheld,,,,,,,,,s31-1-a s43-2,,,,"));
    assert!(lines.contains(&"FOIR-467737865,Hastings Borough Council,gss:E07000062,2022-11-25,2022-12-09,contact-centre,Contact Centre Software Support and Maintenance,gss:E07000062/contact-centre-software,8,agents,Number of Agents,disclosed,11,count,11,,,,,,,,,,"));
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.path().join("disclosure-log.json")).expect("json"),
    )
    .expect("valid");
    assert_eq!(json["format"], "foi-disclosure-log/1");
    assert_eq!(json["licence"]["id"], "OGL-UK-3.0");
    assert_eq!(json["rows"].as_array().expect("rows").len(), 38);
    // The later copy answers the expiry from the first reply's page on the log (s.21).
    assert!(lines.contains(&"FOIR-469102254,Hastings Borough Council,gss:E07000062,2022-12-12,2022-12-22,contact-centre,Contact Centre Software Support and Maintenance,gss:E07000062/contact-centre-software,4,expiry,Contract Expiry,published,,,,,,,,https://www.hastings.gov.uk/foi/disclosure-log/responses/FOIR-467737865.html,s21,,upheld-in-part,2023-02-03,"));
    let requests = std::fs::read_to_string(site.path().join("disclosure-log-requests.csv")).expect("csv");
    assert_eq!(
        requests,
        "\u{feff}reference,authority,authority_id,title,received,clarification,due,extended_due,responded,on_time,outcome,outcome_label,exemptions,refusal_ground,url,review_outcome,review_decided\r\n\
         FOIR-469102254,Hastings Borough Council,gss:E07000062,Contact centre and inbound network services contracts,2022-12-12,,2023-01-13,,2022-12-22,true,partially-withheld,Partially withheld,s43-2 s21 s31-1-a,,https://www.hastings.gov.uk/foi/disclosure-log/responses/FOIR-469102254.html,upheld-in-part,2023-02-03\r\n\
         FOIR-467737865,Hastings Borough Council,gss:E07000062,Contact centre and inbound network services contracts,2022-11-25,,2022-12-28,,2022-12-09,true,partially-withheld,Partially withheld,s43-2 s31-1-a,,https://www.hastings.gov.uk/foi/disclosure-log/responses/FOIR-467737865.html,,\r\n"
    );
}

#[test]
fn the_site_is_the_same_every_time() {
    let (first, second) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    assert!(publish(&examples(), first.path()).status.success());
    assert!(publish(&examples(), second.path()).status.success());
    assert_eq!(tree(first.path()), tree(second.path()));
    let again = publish(&examples(), first.path());
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 files written, 0 removed"));
}

#[test]
fn a_response_no_longer_published_is_removed_from_the_site() {
    let casebook = Casebook::example("hastings");
    let site = casebook.root().join("site");
    assert!(publish(&[casebook.root().to_path_buf()], &site).status.success());
    assert!(site.join("responses/FOIR-467737865.html").is_file());
    let request = casebook.read("requests/FOIR-467737865.yaml").replace("publish: true", "publish: false");
    casebook.write("requests/FOIR-467737865.yaml", &request);
    // The later copy answers from the first one's published reply, so it goes too.
    std::fs::remove_file(casebook.root().join("requests/FOIR-469102254.yaml")).expect("removed");
    let run = publish(&[casebook.root().to_path_buf()], &site);
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("published 0 responses"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        !site.join("responses/FOIR-467737865.html").exists()
            && !site.join("responses/FOIR-467737865.md").exists()
    );
    assert!(!std::fs::read_to_string(site.join("index.html")).expect("index").contains("FOIR-467737865"));
}

#[test]
fn a_casebook_with_errors_publishes_nothing() {
    let casebook = Casebook::example("hastings");
    let request = casebook.read("requests/FOIR-467737865.yaml").replace("id: agents", "id: agentz");
    casebook.write("requests/FOIR-467737865.yaml", &request);
    let site = casebook.root().join("site");
    let run = publish(&[casebook.root().to_path_buf()], &site);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("unknown value `agentz`"));
    assert!(!site.exists(), "nothing written");
}

#[test]
fn statistics_count_every_request_by_outcome_timeliness_and_exemption() {
    let run = Command::cargo_bin("foi")
        .expect("binary")
        .arg("stats")
        .args(examples())
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stats: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    let overall = &stats["overall"];
    assert_eq!(overall["requests"], 6);
    let count = |label: &str| {
        overall["outcomes"].as_array().expect("outcomes").iter().find(|o| o["label"] == label).expect(label)["count"].clone()
    };
    assert_eq!(count("Partially withheld"), 5);
    assert_eq!(count("Granted in full"), 1);
    assert_eq!(overall["in_time"], 6);
    assert_eq!(overall["in_time_percent"], 100.0);
    assert_eq!(stats["authorities"].as_array().expect("authorities").len(), 5);
    let text =
        Command::cargo_bin("foi").expect("binary").arg("stats").args(examples()).output().expect("runs");
    assert!(String::from_utf8_lossy(&text.stdout).starts_with("All requests: 6 requests\n  Granted in full"));
}

#[test]
fn init_starts_a_casebook_that_renders() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("my-council");
    Command::cargo_bin("foi").expect("binary").arg("init").arg(&target).assert().success();
    Command::cargo_bin("foi")
        .expect("binary")
        .current_dir(&target)
        .args(["render", "requests/FOIR-467737865.yaml"])
        .assert()
        .success();
    let check = Command::cargo_bin("foi").expect("binary").arg("check").arg(&target).output().expect("runs");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let foi_yaml = std::fs::read_to_string(target.join("foi.yaml")).expect("foi.yaml");
    assert!(foi_yaml.starts_with("# yaml-language-server: $schema=schemas/foi.schema.json\n"));
    assert!(target.join("schemas/request.schema.json").is_file());
    let again = Command::cargo_bin("foi").expect("binary").arg("init").arg(&target).output().expect("runs");
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds a casebook"));
}

#[test]
fn the_ci_recipes_check_then_publish() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ci");
    for (file, check) in [("github-actions.yml", "foi check --format github"), ("gitlab-ci.yml", "foi check")]
    {
        let text = std::fs::read_to_string(root.join(file)).expect("recipe");
        let _: serde_yaml::Value =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{file} is not YAML: {e}"));
        assert!(text.contains(check), "{file} runs {check}");
        assert!(text.contains("foi publish -o"), "{file} publishes");
    }
    let ci = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/run")).expect(".ci/run");
    assert!(ci.contains("publish examples/hastings examples/national-archives examples/shared-service"));
}

/// s.12 and s.14 are refusals, not exemptions: a request refused as a whole is one row of
/// open data with its outcome, and appears under no exemption in the index or statistics.
#[test]
fn a_refused_request_is_one_row_of_open_data_and_no_exemption() {
    let kilbrannan = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kilbrannan");
    let site = tempfile::tempdir().expect("tempdir");
    let run = publish(std::slice::from_ref(&kilbrannan), site.path());
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let csv = std::fs::read_to_string(site.path().join("disclosure-log.csv")).expect("csv");
    let refused: Vec<&str> = csv.lines().filter(|l| l.starts_with("KC-FOI-2024-0201,")).collect();
    // No exemptions; the ground of the refusal in its own column.
    assert_eq!(
        refused,
        [
            "KC-FOI-2024-0201,Kilbrannan Council,kilbrannan-council,2024-06-17,2024-07-05,,,,,,,refused,,,,,,,,,,s12,,,"
        ]
    );
    let index = std::fs::read_to_string(site.path().join("index.html")).expect("index");
    let row = &index[index.find(">KC-FOI-2024-0201</a>").expect("listed")..];
    let row = &row[..row.find("</tr>").expect("row end")];
    assert!(
        row.contains(r#"Outcome</span><span class="cell-value">Refused: cost limit</span>"#)
            && row.contains(r#"Exemptions</span><span class="cell-value">None</span>"#),
        "{row}"
    );
    let stats = Command::cargo_bin("foi")
        .expect("binary")
        .args(["stats", "--format", "json"])
        .arg(&kilbrannan)
        .output()
        .expect("runs");
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).expect("json");
    let labels: Vec<&str> = stats["overall"]["exemptions"]
        .as_array()
        .expect("exemptions")
        .iter()
        .map(|e| e["label"].as_str().expect("label"))
        .collect();
    assert!(!labels.iter().any(|l| l.starts_with("Section 12")), "{labels:?}");
    assert!(
        labels.contains(&"Section 38(1)(b): Personal information"),
        "relied on twice, counted once: {labels:?}"
    );
    let personal = stats["overall"]["exemptions"]
        .as_array()
        .expect("exemptions")
        .iter()
        .find(|e| e["label"] == "Section 38(1)(b): Personal information")
        .expect("counted");
    assert_eq!(personal["count"], 1, "one request, though it has two notices under s.38(1)(b)");
}

/// `foi check`'s diagnostics for the casebook at `root`, and `foi publish`'s and
/// `foi stats`' (exit code and standard error) for it.
fn check_publish_stats(root: &Path) -> (String, Vec<(Option<i32>, String)>) {
    let run = |args: &[&str]| {
        let output = Command::cargo_bin("foi")
            .expect("binary")
            .current_dir(root)
            .env("NO_COLOR", "1")
            .args(args)
            .output()
            .expect("runs");
        (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
    };
    let (code, check) = run(&["check"]);
    assert_eq!(code, Some(1), "check refuses: {check}");
    (check, vec![run(&["publish", "-o", "site"]), run(&["stats"])])
}

/// Regression (issue 12): `foi publish` checked requests its own way and could publish what
/// `foi check` refuses. It now refuses the same casebooks, in the same words.
#[test]
fn publish_and_stats_refuse_duplicate_references_with_checks_message() {
    let casebook = Casebook::example("hastings");
    let request = casebook.read("requests/FOIR-467737865.yaml");
    casebook.write("requests/FOIR-467737865-copy.yaml", &request);
    let (check, refused) = check_publish_stats(casebook.root());
    assert!(check.contains("FOIR-467737865-copy.yaml") && check.contains("reference"), "{check}");
    for (code, stderr) in refused {
        assert_eq!(code, Some(1), "{stderr}");
        for line in check.lines().filter(|line| !line.contains("problem")) {
            assert!(
                stderr.contains(line),
                "publish/stats say what check says: `{line}` missing from\n{stderr}"
            );
        }
    }
    assert!(!casebook.root().join("site").exists(), "nothing published");
}

#[test]
fn publish_and_stats_refuse_a_request_error_with_checks_message() {
    let casebook = Casebook::example("hastings");
    let request = casebook.read("requests/FOIR-467737865.yaml").replace("id: agents", "id: agentz");
    casebook.write("requests/FOIR-467737865.yaml", &request);
    let (check, refused) = check_publish_stats(casebook.root());
    assert!(check.contains("unknown value `agentz`"), "{check}");
    for (code, stderr) in refused {
        assert_eq!(code, Some(1), "{stderr}");
        for line in check.lines().filter(|line| !line.contains("problem")) {
            assert!(
                stderr.contains(line),
                "publish/stats say what check says: `{line}` missing from\n{stderr}"
            );
        }
    }
    assert!(!casebook.root().join("site").exists(), "nothing published");
}

/// Casebooks published together (a shared service's authorities, one site) are checked
/// against each other by `foi check A B` as `foi publish A B` and `foi stats A B` check
/// them: two pages with one name, or two licences for one site, are refused by all three in
/// the same words, with file, line and column.
#[test]
fn casebooks_published_together_are_checked_together_by_check_publish_and_stats() {
    let folder = tempfile::tempdir().expect("temp dir");
    for name in ["north", "south"] {
        let copy = Casebook::example("hastings");
        copy_dir(copy.root(), &folder.path().join(name));
    }
    let south = folder.path().join("south/foi.yaml");
    let profile = std::fs::read_to_string(&south).expect("profile")
        + "licence:\n  title: Creative Commons Attribution 4.0\n  url: https://creativecommons.org/licenses/by/4.0/\n";
    std::fs::write(&south, profile).expect("written");
    let run = |args: &[&str]| {
        let output = Command::cargo_bin("foi")
            .expect("binary")
            .current_dir(folder.path())
            .env("NO_COLOR", "1")
            .args(args)
            .args(["north", "south"])
            .output()
            .expect("runs");
        (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
    };
    let (code, check) = run(&["check"]);
    assert_eq!(code, Some(1), "{check}");
    for expected in [
        "--> south/requests/FOIR-467737865.yaml:3:12 (reference)",
        "reference `FOIR-467737865` is also used by north/requests/FOIR-467737865.yaml: both would be \
         published as responses/FOIR-467737865.html",
        "--> south/foi.yaml:",
        "this casebook's pages would be published under Creative Commons Attribution 4.0, but north, \
         published with it, uses Open Government Licence v3.0",
    ] {
        assert!(check.contains(expected), "`{expected}` missing from\n{check}");
    }
    // Each on its own passes: the problems are between them.
    for name in ["north", "south"] {
        let alone = Command::cargo_bin("foi")
            .expect("binary")
            .current_dir(folder.path())
            .args(["check", name])
            .output()
            .expect("runs");
        assert!(alone.status.success(), "{}", String::from_utf8_lossy(&alone.stderr));
    }
    for (code, stderr) in [run(&["publish", "-o", "site"]), run(&["stats"])] {
        assert_eq!(code, Some(1), "{stderr}");
        for line in check.lines().filter(|line| !line.contains("errors")) {
            assert!(
                stderr.contains(line),
                "publish/stats say what check says: `{line}` missing from\n{stderr}"
            );
        }
    }
    assert!(!folder.path().join("site").exists(), "nothing published");
}

/// Copies the folder `from` to `to`, as the casebooks of a shared service sit side by side.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("listed") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copied");
        }
    }
}

/// A response page of the whole-way casebook with the later stages laid over it (see
/// `tests/later-stages/README.md`), `LBW-2024-142` published.
fn later_stages_site() -> (Casebook, tempfile::TempDir) {
    let casebook = Casebook::copy_of("tests/golden/whole-way");
    casebook.overlay("tests/later-stages");
    let file = "requests/LBW-2024-142.yaml";
    let text = casebook.read(file);
    casebook.write(file, &format!("{text}publish: true\n"));
    let site = tempfile::tempdir().expect("tempdir");
    let run = publish(&[casebook.root().to_path_buf()], site.path());
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    (casebook, site)
}

#[test]
fn a_response_page_says_what_its_review_released_and_what_the_commissioner_decided() {
    let (_casebook, site) = later_stages_site();
    let page = std::fs::read_to_string(site.path().join("responses/LBW-2024-142.html")).expect("page");
    for fact in [
        "<h2 id=\"internal-review\">Internal review</h2>",
        "asked for an internal review on <time datetime=\"2024-07-08\">8 July 2024</time>",
        "decided on <time datetime=\"2024-08-01\">1 August 2024</time>: the response was overturned.",
        "<li>Question 1 (Manufacturer): overturned.",
        "<li>Contact Centre Telephony: now disclosed: Kestrel Omnichannel.</li>",
        // No record of the reply as sent: the letter below is today's, and says so.
        "The response below gives the answers as they now stand, after the review.",
        "<h2 id=\"commissioner\">Complaint to the Information Commissioner</h2>",
        "decision notice IC-298877-B2Q1, of <time datetime=\"2025-01-15\">15 January 2025</time>, upheld the complaint in part and required steps of us, which we took on <time datetime=\"2025-02-14\">14 February 2025</time>.",
        // The summary's line says what happened, not what could.
        "<dt>Later stages</dt><dd>An <a href=\"#internal-review\">internal review</a>, decided on <time datetime=\"2024-08-01\">1 August 2024</time>, overturned the response and released more information.",
    ] {
        assert!(page.contains(fact), "{fact} missing from\n{page}");
    }
    assert!(!page.contains("The requester can ask for an internal review"), "{page}");
    // Never the requester, nor the reasons as written to them.
    assert!(!page.contains("Nell Ashdown") && !page.contains("nell.ashdown"), "{page}");
    assert!(!page.contains("annual report"), "the review's reasons are the requester's letter's");
}

#[test]
fn a_review_of_a_reply_sent_shows_the_answer_as_sent_beside_the_release_and_keeps_the_reply_as_sent() {
    let site = tempfile::tempdir().expect("tempdir");
    assert!(publish(&examples()[..1], site.path()).status.success());
    let page = std::fs::read_to_string(site.path().join("responses/FOIR-469102254.html")).expect("page");
    assert!(
        page.contains("<li>Interactive Voice Response: the response said withheld under section 43(2); now disclosed: £9,400 a year (average over 3 years).</li>"),
        "{page}"
    );
    assert!(page.contains("(Incumbent Supplier): upheld, the answer stands.</li>"), "{page}");
    // What stays withheld is never shown.
    assert!(!page.contains("Corvid Contact Systems"), "{page}");
    // The reply itself is published as it was sent, byte for byte.
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hastings/sent/FOIR-469102254/1/public.md");
    let sent = std::fs::read(root).expect("record");
    assert_eq!(std::fs::read(site.path().join("responses/FOIR-469102254.md")).expect("md"), sent);
    // The earlier reply had no review: its line still says what the requester can do.
    let earlier = std::fs::read_to_string(site.path().join("responses/FOIR-467737865.html")).expect("page");
    assert!(earlier.contains("The requester can ask for an internal review"));
    assert!(!earlier.contains("id=\"internal-review\""));
}

#[test]
fn the_site_made_in_memory_is_what_publish_writes() {
    let out = tempfile::tempdir().expect("temp");
    let casebooks = examples();
    let written = Command::cargo_bin("foi")
        .expect("binary")
        .arg("publish")
        .args(&casebooks)
        .args(["--today", "2026-12-01", "-o"])
        .arg(out.path())
        .output()
        .expect("runs");
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    let folders: Vec<(foi::Files, PathBuf)> =
        casebooks.iter().map(|c| (foi::Files::disk(c.clone()), c.clone())).collect();
    let today = foi::model::values::Date(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"));
    let made = foi::site::site(&folders, None, false, today).expect("made");
    assert_eq!(made.findings.iter().filter(|f| f.severity == foi::report::Severity::Error).count(), 0);
    assert!(made.published > 0);
    let last = made.files.last().map(|(path, _)| path.clone());
    assert_eq!(last, Some(PathBuf::from("index.html")), "the index comes last, after every page it links");
    let in_memory: BTreeMap<String, Vec<u8>> =
        made.files.into_iter().map(|(path, bytes)| (path.to_string_lossy().into_owned(), bytes)).collect();
    let mut on_disk = tree(out.path());
    on_disk.retain(|path, _| !path.starts_with('.'));
    assert_eq!(in_memory.keys().collect::<Vec<_>>(), on_disk.keys().collect::<Vec<_>>());
    for (path, bytes) in &in_memory {
        assert!(on_disk[path] == *bytes, "{path} differs between the site in memory and on disk");
    }
}
