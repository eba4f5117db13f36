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
            "disclosure-log.csv",
            "disclosure-log.json",
            "feed.atom",
            "index.html",
            "responses/CAS-84648-H4L3X0.html",
            "responses/CAS-84648-H4L3X0.md",
            "responses/FOIR-467737865.html",
            "responses/FOIR-467737865.md",
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
    let order: Vec<usize> =
        ["SBC-FOI-1187", "TWBC-23-0977", "MBC-2023-0412", "FOIR-467737865", "CAS-84648-H4L3X0"]
            .iter()
            .map(|r| index.find(&format!(">{r}</a>")).unwrap_or_else(|| panic!("{r} missing from the index")))
            .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "newest received first");
    assert!(index.contains("<th scope=\"col\">Exemptions</th>") && index.contains("Section 43(2)"));
    let page = String::from_utf8_lossy(&files["responses/FOIR-467737865.html"]).into_owned();
    assert!(page.contains("<a href=\"../index.html\">") && page.contains("Dear requester,"));
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
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "reference,authority,received,responded,part,contract,number,question_id,question,outcome,value,exemptions"
    );
    assert_eq!(lines.len(), 1 + 12 + 7, "12 questions in part 1 and 7 in part 2");
    assert!(lines.contains(&"FOIR-467737865,Hastings Borough Council,2022-11-25,2022-12-09,contact-centre,Contact Centre Software Support and Maintenance,4,expiry,Contract Expiry,disclosed,1 February 2023,"));
    assert!(lines.contains(&"FOIR-467737865,Hastings Borough Council,2022-11-25,2022-12-09,contact-centre,Contact Centre Software Support and Maintenance,10,manufacturer,Manufacturer of the contact centre,withheld,,s31-1-a s43-2"));
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.path().join("disclosure-log.json")).expect("json"),
    )
    .expect("valid");
    assert_eq!(json["format"], "foi-disclosure-log/1");
    assert_eq!(json["rows"].as_array().expect("rows").len(), 19);
    let feed = std::fs::read_to_string(site.path().join("feed.atom")).expect("feed");
    assert!(feed.contains("<id>urn:foi:") && feed.contains("<updated>2022-12-09T00:00:00Z</updated>"));
    assert!(feed.contains("<link href=\"responses/FOIR-467737865.html\"/>"));
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
    assert_eq!(overall["requests"], 5);
    let count = |label: &str| {
        overall["outcomes"].as_array().expect("outcomes").iter().find(|o| o["label"] == label).expect(label)["count"].clone()
    };
    assert_eq!(count("Partially withheld"), 4);
    assert_eq!(count("Granted in full"), 1);
    assert_eq!(overall["in_time"], 5);
    assert_eq!(overall["in_time_percent"], 100.0);
    assert_eq!(stats["authorities"].as_array().expect("authorities").len(), 5);
    let text =
        Command::cargo_bin("foi").expect("binary").arg("stats").args(examples()).output().expect("runs");
    assert!(String::from_utf8_lossy(&text.stdout).starts_with("All requests: 5 requests\n  Granted in full"));
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
    assert_eq!(refused, ["KC-FOI-2024-0201,Kilbrannan Council,2024-06-17,2024-07-05,,,,,,refused-cost,,"]);
    let index = std::fs::read_to_string(site.path().join("index.html")).expect("index");
    let row = &index[index.find(">KC-FOI-2024-0201</a>").expect("listed")..];
    let row = &row[..row.find("</tr>").expect("row end")];
    assert!(row.contains("<td>Refused: cost limit</td>") && row.contains("<td>None</td>"), "{row}");
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
