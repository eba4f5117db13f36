//! The disclosure log's open data and feed: golden files of the examples' CSV, JSON,
//! Data Package and Atom feed; the Data Package checked against its CSV and JSON files the
//! way Frictionless's `frictionless validate` checks a package (headers, types, required
//! values, enumerations, patterns, keys); whole-request refusals; the licence; CSV that a
//! spreadsheet opens safely; and a feed that parses, with ids that do not depend on which
//! casebooks are published together.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::Casebook;
use serde_json::Value;

const BASE: &str = "https://foi.example.gov.uk/log";

fn examples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    ["hastings", "national-archives", "shared-service"].iter().map(|e| root.join(e)).collect()
}

fn publish(casebooks: &[PathBuf], site: &Path, extra: &[&str]) -> std::process::Output {
    Command::cargo_bin("foi")
        .expect("binary")
        .arg("publish")
        .args(casebooks)
        .arg("-o")
        .arg(site)
        .args(extra)
        .output()
        .expect("runs")
}

fn published(casebooks: &[PathBuf], extra: &[&str]) -> tempfile::TempDir {
    let site = tempfile::tempdir().expect("tempdir");
    let run = publish(casebooks, site.path(), extra);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    site
}

fn read(site: &Path, file: &str) -> String {
    std::fs::read_to_string(site.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn golden_open_data_and_feed_of_the_examples() {
    let site = published(&examples(), &["--base-url", &format!("{BASE}/")]);
    for file in ["disclosure-log-requests.csv", "disclosure-log.csv"] {
        let text = read(site.path(), file);
        let text = text.strip_prefix('\u{feff}').unwrap_or_else(|| panic!("{file} has no byte-order mark"));
        insta::assert_snapshot!(file, text.replace("\r\n", "\n"));
        assert_eq!(text.matches("\r\n").count(), text.matches('\n').count(), "{file}: CRLF line ends");
    }
    for file in ["disclosure-log-requests.json", "disclosure-log.json", "datapackage.json", "feed.atom"] {
        insta::assert_snapshot!(file, read(site.path(), file));
    }
}

// ---------------------------------------------------------------------------------------
// The Data Package, checked against its files.

/// One value as a CSV cell holds it: missing values are empty strings.
fn csv_form(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Array(items) => items.iter().map(csv_form).collect::<Vec<_>>().join(" "),
        other => other.to_string(),
    }
}

/// What a spreadsheet-safe CSV holds for a text value of the JSON.
fn defused(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() }
}

fn check_cell(field: &Value, cell: &str, at: &str, problems: &mut Vec<String>) {
    let name = field["name"].as_str().unwrap_or("?");
    let constraints = &field["constraints"];
    if cell.is_empty() {
        if constraints["required"] == true {
            problems.push(format!("{at}: `{name}` is required but empty"));
        }
        return;
    }
    let kind = field["type"].as_str().unwrap_or("?");
    let ok = match kind {
        "string" => true,
        "integer" => {
            cell.parse::<i64>().is_ok_and(|n| constraints["minimum"].as_i64().is_none_or(|min| n >= min))
        }
        "number" => cell
            .parse::<f64>()
            .is_ok_and(|n| n.is_finite() && constraints["minimum"].as_f64().is_none_or(|min| n >= min)),
        "boolean" => matches!(cell, "true" | "false"),
        "date" => {
            field["format"] == "%Y-%m-%d" && chrono::NaiveDate::parse_from_str(cell, "%Y-%m-%d").is_ok()
        }
        _ => {
            problems.push(format!("`{name}` has type `{kind}`, which this check does not know"));
            return;
        }
    };
    if !ok {
        problems.push(format!("{at}: `{cell}` is not a valid {kind} for `{name}`"));
    }
    if let Some(values) = constraints["enum"].as_array()
        && !values.iter().any(|v| v == cell)
    {
        problems.push(format!("{at}: `{cell}` is not one of the values of `{name}`"));
    }
    if let Some(pattern) = constraints["pattern"].as_str() {
        let whole = regex::Regex::new(&format!("^(?:{pattern})$")).expect("pattern compiles");
        if !whole.is_match(cell) {
            problems.push(format!("{at}: `{cell}` does not match the pattern of `{name}`"));
        }
    }
}

/// The rows of a CSV resource, after checking its encoding, byte-order mark and header.
fn csv_rows(site: &Path, resource: &Value, problems: &mut Vec<String>) -> Vec<BTreeMap<String, String>> {
    let path = resource["path"].as_str().unwrap_or("");
    let Ok(bytes) = std::fs::read(site.join(path)) else {
        problems.push(format!("{path}: no such file"));
        return Vec::new();
    };
    let Ok(text) = String::from_utf8(bytes) else {
        problems.push(format!("{path}: not UTF-8"));
        return Vec::new();
    };
    let Some(text) = text.strip_prefix('\u{feff}') else {
        problems.push(format!("{path}: no byte-order mark, so Excel would not read it as UTF-8"));
        return Vec::new();
    };
    let dialect = &resource["dialect"];
    if dialect["delimiter"] != "," || dialect["header"] != true || resource["encoding"] != "utf-8" {
        problems.push(format!("{path}: dialect or encoding is not what the files are"));
    }
    let fields = resource["schema"]["fields"].as_array().cloned().unwrap_or_default();
    let names: Vec<&str> = fields.iter().filter_map(|f| f["name"].as_str()).collect();
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let header: Vec<String> =
        reader.headers().map(|h| h.iter().map(str::to_owned).collect()).unwrap_or_default();
    if header != names {
        problems.push(format!("{path}: header {header:?} is not the schema's fields {names:?}"));
        return Vec::new();
    }
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let at = format!("{path} row {}", index + 2);
        let Ok(record) = record else {
            problems.push(format!("{at}: not CSV"));
            continue;
        };
        if record.len() != fields.len() {
            problems.push(format!("{at}: {} cells for {} fields", record.len(), fields.len()));
            continue;
        }
        let mut row = BTreeMap::new();
        for (field, cell) in fields.iter().zip(record.iter()) {
            check_cell(field, cell, &at, problems);
            row.insert(field["name"].as_str().unwrap_or("?").to_owned(), cell.to_owned());
        }
        rows.push(row);
    }
    rows
}

/// Every problem found checking a site's open data against its `datapackage.json`.
fn package_problems(site: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let package: Value = match serde_json::from_str(&read(site, "datapackage.json")) {
        Ok(package) => package,
        Err(err) => return vec![format!("datapackage.json: {err}")],
    };
    let name_ok = package["name"].as_str().is_some_and(|n| {
        !n.is_empty() && n.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._/".contains(c))
    });
    if package["profile"] != "data-package" || !name_ok {
        problems.push("datapackage.json: profile or name is not a Data Package's".to_owned());
    }
    let licences = package["licenses"].as_array().cloned().unwrap_or_default();
    if licences.is_empty()
        || licences.iter().any(|l| l["path"].as_str().is_none() && l["name"].as_str().is_none())
    {
        problems.push("datapackage.json: every licence needs a name or a path".to_owned());
    }
    let resources = package["resources"].as_array().cloned().unwrap_or_default();
    let mut names = BTreeSet::new();
    let mut described = BTreeSet::new();
    let mut tables: BTreeMap<String, (Value, Vec<BTreeMap<String, String>>)> = BTreeMap::new();
    for resource in &resources {
        let name = resource["name"].as_str().unwrap_or("").to_owned();
        let path = resource["path"].as_str().unwrap_or("").to_owned();
        if !names.insert(name.clone()) {
            problems.push(format!("resource `{name}` is named twice"));
        }
        if path.is_empty() || path.starts_with('/') || path.split('/').any(|p| p == "..") {
            problems.push(format!("resource `{name}`: path `{path}` must be relative, inside the package"));
            continue;
        }
        described.insert(path.clone());
        if resource["format"] == "csv" {
            if resource["profile"] != "tabular-data-resource" || resource["mediatype"] != "text/csv" {
                problems.push(format!("{path}: not described as a tabular CSV resource"));
            }
            let rows = csv_rows(site, resource, &mut problems);
            tables.insert(name, (resource.clone(), rows));
        }
    }
    // Keys: primary keys unique, foreign keys resolved.
    for (name, (resource, rows)) in &tables {
        let schema = &resource["schema"];
        if let Some(key) = schema["primaryKey"].as_array() {
            let mut seen = BTreeSet::new();
            for row in rows {
                let value: Vec<&String> = key.iter().filter_map(|k| row.get(k.as_str()?)).collect();
                if !seen.insert(value.clone()) {
                    problems.push(format!("{name}: primary key {value:?} appears twice"));
                }
            }
        }
        for foreign in schema["foreignKeys"].as_array().into_iter().flatten() {
            let theirs = foreign["reference"]["resource"].as_str().unwrap_or("");
            let Some((_, their_rows)) = tables.get(theirs) else {
                problems.push(format!("{name}: foreign key to unknown resource `{theirs}`"));
                continue;
            };
            let ours: Vec<&str> =
                foreign["fields"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
            let fields: Vec<&str> = foreign["reference"]["fields"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let known: BTreeSet<Vec<&String>> =
                their_rows.iter().map(|r| fields.iter().filter_map(|f| r.get(*f)).collect()).collect();
            for row in rows {
                let value: Vec<&String> = ours.iter().filter_map(|f| row.get(*f)).collect();
                if !known.contains(&value) {
                    problems.push(format!("{name}: {value:?} is not in `{theirs}`"));
                }
            }
        }
    }
    // The JSON files: the same rows, in the described shape, with the package's licence.
    for resource in resources.iter().filter(|r| r["format"] == "json") {
        let path = resource["path"].as_str().unwrap_or("");
        let table = resource["name"].as_str().unwrap_or("").trim_end_matches("-json");
        let Some((csv_resource, csv_rows)) = tables.get(table) else {
            problems.push(format!("{path}: no CSV table `{table}` beside it"));
            continue;
        };
        let document: Value = match serde_json::from_str(&read(site, path)) {
            Ok(document) => document,
            Err(err) => {
                problems.push(format!("{path}: {err}"));
                continue;
            }
        };
        let versioned = document["format"].as_str().is_some_and(|f| {
            f.rsplit_once('/').is_some_and(|(_, v)| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()))
        });
        if !versioned {
            problems.push(format!("{path}: `format` does not carry a version"));
        }
        if document["licence"]["url"] != licences.first().map_or(Value::Null, |l| l["path"].clone()) {
            problems.push(format!("{path}: its licence is not the package's"));
        }
        let fields = csv_resource["schema"]["fields"].as_array().cloned().unwrap_or_default();
        let rows = document["rows"].as_array().cloned().unwrap_or_default();
        if rows.len() != csv_rows.len() {
            problems.push(format!("{path}: {} rows, the CSV has {}", rows.len(), csv_rows.len()));
        }
        for (index, (row, csv_row)) in rows.iter().zip(csv_rows).enumerate() {
            let at = format!("{path} row {index}");
            let keys: Vec<&String> = row.as_object().map(|o| o.keys().collect()).unwrap_or_default();
            if keys.len() != fields.len() {
                problems.push(format!("{at}: keys {keys:?} are not the schema's fields"));
            }
            for field in &fields {
                let name = field["name"].as_str().unwrap_or("?");
                let value = &row[name];
                let typed = match (field["type"].as_str(), value) {
                    (_, Value::Null) => true,
                    (Some("string"), Value::String(_)) => true,
                    (Some("string"), Value::Array(items)) => {
                        name == "exemptions" && items.iter().all(Value::is_string)
                    }
                    (Some("integer"), Value::Number(n)) => n.is_u64() || n.is_i64(),
                    (Some("number"), Value::Number(_)) => true,
                    (Some("boolean"), Value::Bool(_)) => true,
                    (Some("date"), Value::String(_)) => true,
                    _ => false,
                };
                if !typed {
                    problems.push(format!("{at}: `{name}` is {value}, not a {}", field["type"]));
                }
                let expected = match (field["type"].as_str(), value) {
                    (Some("string"), Value::String(text)) => defused(text),
                    _ => csv_form(value),
                };
                let csv_cell = csv_row.get(name).map_or("", String::as_str);
                let same_number = value.as_f64().is_some_and(|n| csv_cell.parse::<f64>() == Ok(n));
                if expected != csv_cell && !same_number {
                    problems
                        .push(format!("{at}: `{name}` is {value} in the JSON but `{csv_cell}` in the CSV"));
                }
            }
        }
    }
    // Every data file of the site is described.
    for entry in std::fs::read_dir(site).expect("site").filter_map(Result::ok) {
        let file = entry.file_name().to_string_lossy().into_owned();
        let data = file.ends_with(".csv") || file.ends_with(".json");
        if data && file != "datapackage.json" && !described.contains(&file) {
            problems.push(format!("{file} is not described in datapackage.json"));
        }
    }
    problems
}

#[test]
fn the_data_package_describes_every_file_and_its_csv_and_json_agree_with_it() {
    for extra in [&[][..], &["--base-url", BASE][..]] {
        let site = published(&examples(), extra);
        let problems = package_problems(site.path());
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
    let site = published(&examples()[..1], &[]);
    assert_eq!(package_problems(site.path()), Vec::<String>::new());
}

#[test]
fn the_data_package_check_finds_what_is_wrong() {
    let site = published(&examples(), &[]);
    let requests = site.path().join("disclosure-log-requests.csv");
    let text = read(site.path(), "disclosure-log-requests.csv")
        .replacen("2023-06-07", "2023-13-07", 1)
        .replacen(",true,", ",yes,", 1)
        .replacen("partially-withheld", "partly", 1);
    std::fs::write(&requests, text).expect("write");
    let questions = site.path().join("disclosure-log.csv");
    let text = read(site.path(), "disclosure-log.csv").replacen("\u{feff}", "", 1);
    std::fs::write(&questions, text).expect("write");
    std::fs::write(site.path().join("extra.csv"), "a\r\n1\r\n").expect("write");
    let problems = package_problems(site.path()).join("\n");
    for expected in [
        "`2023-13-07` is not a valid date for `received`",
        "`yes` is not a valid boolean for `on_time`",
        "`partly` is not one of the values of `outcome`",
        "disclosure-log.csv: no byte-order mark",
        "extra.csv is not described in datapackage.json",
        "in the JSON but `2023-13-07` in the CSV",
    ] {
        assert!(problems.contains(expected), "{expected:?} not found in:\n{problems}");
    }
}

// ---------------------------------------------------------------------------------------
// What the rows say.

const REFUSED: &str = "reference: ECC-2024-031
received: 2024-02-01
responded: 2024-02-20
publish: true
requester: {name: Alex Example, email: alex@example.com}
parts: [{part: contact-centre, questions: standard}]
refuse:
  under: s12
  hours: 31
  basis: Each of 14 service areas keeps its own records.
  advice: Ask about contracts awarded since 2023 and we can answer.
";

fn rows(site: &Path, file: &str) -> Vec<Value> {
    let document: Value = serde_json::from_str(&read(site, file)).expect("json");
    document["rows"].as_array().cloned().expect("rows")
}

#[test]
fn a_request_refused_as_a_whole_is_a_row_in_both_tables_with_its_ground() {
    let casebook = Casebook::example("hastings");
    casebook.request("ECC-2024-031", REFUSED);
    let site = casebook.root().join("site");
    // The example keeps sent records, and this request has none: rendered, as asked.
    let run = publish(&[casebook.root().to_path_buf()], &site, &["--render-unsent"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let request =
        rows(&site, "disclosure-log-requests.json").into_iter().find(|r| r["reference"] == "ECC-2024-031");
    let request = request.expect("the refused request is a row");
    assert_eq!(request["outcome"], "refused-cost");
    assert_eq!(request["refusal_ground"], "s12");
    assert_eq!(
        request["exemptions"],
        serde_json::json!([]),
        "a refusal's ground is not an exemption relied on"
    );
    assert_eq!(request["on_time"], true);
    let questions: Vec<Value> =
        rows(&site, "disclosure-log.json").into_iter().filter(|r| r["reference"] == "ECC-2024-031").collect();
    assert_eq!(questions.len(), 1, "one row stands for the refusal");
    assert_eq!(questions[0]["outcome"], "refused");
    assert_eq!(questions[0]["refusal_ground"], "s12");
    assert_eq!(questions[0]["question"], Value::Null);
    let csv = read(&site, "disclosure-log.csv");
    assert!(csv.contains("ECC-2024-031,Hastings Borough Council,gss:E07000062,2024-02-01,2024-02-20,,,,,,,refused,,,,,,,,,,s12,,,\r\n"), "{csv}");
    assert_eq!(package_problems(&site), Vec::<String>::new());
    let page = read(&site, "responses/ECC-2024-031.html");
    assert!(page.contains("<dt>Refused under</dt><dd>Section 12(1): "), "{page}");
}

#[test]
fn values_are_data_beside_the_words() {
    let site = published(&examples(), &[]);
    let rows = rows(site.path(), "disclosure-log.json");
    let spend = rows
        .iter()
        .find(|r| r["value_type"] == "money" && r["years_averaged"] != Value::Null)
        .expect("an average spend over several years");
    assert!(spend["amount"].is_number() && spend["currency"] == "GBP", "{spend}");
    let words = spend["value"].as_str().expect("words");
    assert!(words.contains('£') && words.contains("average over"), "{words}");
    let count =
        rows.iter().find(|r| r["value_type"] == "count" && r["value_count"].is_u64()).expect("a count");
    assert_eq!(count["value"].as_str().map(str::to_owned), Some(count["value_count"].to_string()));
    let date = rows.iter().find(|r| r["value_type"] == "date").expect("a date");
    assert!(date["value_date"].as_str().is_some_and(|d| d.len() == 10 && &d[4..5] == "-"), "{date}");
    // FOIR-469102254's answers from the log are published answers too; this is another.
    let published = rows
        .iter()
        .find(|r| r["outcome"] == "published" && r["reference"] != "FOIR-469102254")
        .expect("a published answer");
    assert_eq!(
        published["publication_url"],
        "https://www.contractsfinder.service.gov.uk/Notice/3f2b9c1e-8a4d-4c7e-9b51-2d6e0a7c4f18"
    );
    assert_eq!(published["exemptions"], serde_json::json!(["s21"]));
    // Authorities without a code are named by a slug; contracts by authority and id.
    assert!(rows.iter().any(|r| r["authority_id"] == "the-national-archives"));
    assert!(rows.iter().any(|r| r["contract_id"] == "gss:E07000110/maidstone-acd"));
}

#[test]
fn text_a_spreadsheet_would_run_is_defused_in_the_csv_and_kept_in_the_json() {
    let casebook = Casebook::example("hastings");
    let request = casebook.read("requests/FOIR-467737865.yaml").replacen(
        "title: Contact centre and inbound network services contracts",
        "title: \"=HYPERLINK(\\\"http://x\\\")\"",
        1,
    );
    casebook.write("requests/FOIR-467737865.yaml", &request);
    let site = casebook.root().join("site");
    let run = publish(&[casebook.root().to_path_buf()], &site, &[]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let csv = read(&site, "disclosure-log-requests.csv");
    assert!(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), "{csv}");
    let row = rows(&site, "disclosure-log-requests.json")
        .into_iter()
        .find(|r| r["reference"] == "FOIR-467737865")
        .expect("the request is a row");
    assert_eq!(row["title"], "=HYPERLINK(\"http://x\")");
    assert_eq!(package_problems(&site), Vec::<String>::new());
}

#[test]
fn the_licence_can_be_changed_in_foi_yaml_and_is_stated_everywhere() {
    let casebook = Casebook::example("hastings");
    let profile = casebook.read("foi.yaml")
        + "licence:\n  title: Creative Commons Attribution 4.0\n  url: https://creativecommons.org/licenses/by/4.0/\n  id: CC-BY-4.0\n";
    casebook.write("foi.yaml", &profile);
    let site = casebook.root().join("site");
    let run = publish(&[casebook.root().to_path_buf()], &site, &[]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let package: Value = serde_json::from_str(&read(&site, "datapackage.json")).expect("json");
    assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
    let json: Value = serde_json::from_str(&read(&site, "disclosure-log.json")).expect("json");
    assert_eq!(json["licence"]["title"], "Creative Commons Attribution 4.0");
    assert!(read(&site, "index.html").contains(">Creative Commons Attribution 4.0</a>"));
    assert!(
        read(&site, "feed.atom").contains("<rights>Published under the Creative Commons Attribution 4.0")
    );

    // Published with a casebook under the default licence, it is refused as `foi check`
    // of the two together refuses it: one site states one licence.
    let other = publish(&[examples()[1].clone(), casebook.root().to_path_buf()], &site, &[]);
    assert_eq!(other.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&other.stderr);
    assert!(
        stderr.contains("this casebook's pages would be published under Creative Commons Attribution 4.0")
            && stderr.contains("uses Open Government Licence v3.0"),
        "{stderr}"
    );
}

#[test]
fn bad_codes_websites_and_licences_in_foi_yaml_are_errors() {
    let casebook = Casebook::example("hastings");
    let profile = casebook
        .read("foi.yaml")
        .replace("code: {gss: E07000062}", "code: {gss: E0700006}")
        .replace("website: https://www.hastings.gov.uk", "website: javascript:alert(1)")
        + "licence: {title: OGL, url: www.example.org}\n";
    casebook.write("foi.yaml", &profile);
    let check =
        Command::cargo_bin("foi").expect("binary").arg("check").arg(casebook.root()).output().expect("runs");
    assert_eq!(check.status.code(), Some(1));
    let report = String::from_utf8_lossy(&check.stderr);
    for expected in [
        "`E0700006` is not a GSS code",
        "warning: `javascript:alert(1)` is not a web address, so the disclosure log will not link it",
        "`www.example.org` is not a web address",
    ] {
        assert!(report.contains(expected), "{expected} in:\n{report}");
    }
}

#[test]
fn a_website_that_is_not_a_web_address_is_never_linked() {
    let casebook = Casebook::example("hastings");
    let profile = casebook
        .read("foi.yaml")
        .replace("website: https://www.hastings.gov.uk", "website: \"javascript:alert(1)\"");
    casebook.write("foi.yaml", &profile);
    let site = casebook.root().join("site");
    let run = publish(&[casebook.root().to_path_buf()], &site, &[]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    for file in ["index.html", "responses/FOIR-467737865.html", "datapackage.json"] {
        assert!(!read(&site, file).contains("href=\"javascript"), "{file}");
        assert!(!read(&site, file).contains("\"path\": \"javascript"), "{file}");
    }
    assert!(read(&site, "index.html").contains("<p class=\"publisher\">Hastings Borough Council</p>"));
}

#[test]
fn a_base_url_must_be_a_web_address() {
    let site = tempfile::tempdir().expect("tempdir");
    let run = publish(&examples()[..1], site.path(), &["--base-url", "javascript:alert(1)"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("is not a web address"));
}

// ---------------------------------------------------------------------------------------
// The feed.

/// RFC 4151: `tag:` authority `,` date `:` specific.
fn is_tag_uri(id: &str) -> bool {
    regex::Regex::new(r"^tag:[a-z0-9.-]+\.[a-z]+,\d{4}(-\d{2}(-\d{2})?)?:[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]+$")
        .expect("regex")
        .is_match(id)
}

/// The feed's id and its entries' (id, link), after checking it is a well-formed Atom feed.
fn parse_feed(xml: &str) -> (String, String, Vec<(String, String)>) {
    const ATOM: &str = "http://www.w3.org/2005/Atom";
    let document = roxmltree::Document::parse(xml).expect("the feed is well-formed XML");
    let feed = document.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")), "the root is an Atom feed");
    let child = |node: roxmltree::Node, name: &str| -> Option<String> {
        node.children().find(|c| c.has_tag_name((ATOM, name))).map(|c| c.text().unwrap_or("").to_owned())
    };
    let updated = |text: &str| chrono::DateTime::parse_from_rfc3339(text).is_ok();
    for required in ["id", "title", "updated"] {
        assert!(child(feed, required).is_some_and(|t| !t.is_empty()), "the feed has no {required}");
    }
    assert!(updated(&child(feed, "updated").expect("updated")), "updated is an RFC 3339 date");
    let self_link = feed
        .children()
        .find(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("self"))
        .and_then(|c| c.attribute("href"))
        .expect("a self link")
        .to_owned();
    let mut entries = Vec::new();
    for entry in feed.children().filter(|c| c.has_tag_name((ATOM, "entry"))) {
        for required in ["id", "title", "updated"] {
            assert!(child(entry, required).is_some_and(|t| !t.is_empty()), "an entry has no {required}");
        }
        assert!(updated(&child(entry, "updated").expect("updated")));
        assert!(entry.descendants().any(|d| d.has_tag_name((ATOM, "name"))), "every entry has an author");
        let link = entry
            .children()
            .find(|c| c.has_tag_name((ATOM, "link")))
            .and_then(|c| c.attribute("href"))
            .expect("an entry links to its page");
        entries.push((child(entry, "id").expect("id"), link.to_owned()));
    }
    (child(feed, "id").expect("id"), self_link, entries)
}

#[test]
fn the_feed_parses_as_atom_with_tag_ids_and_an_absolute_self_link() {
    let site = published(&examples(), &["--base-url", BASE]);
    let (id, self_link, entries) = parse_feed(&read(site.path(), "feed.atom"));
    assert!(is_tag_uri(&id), "{id}");
    assert_eq!(self_link, format!("{BASE}/feed.atom"));
    assert_eq!(entries.len(), 6);
    let ids: BTreeSet<&String> = entries.iter().map(|(id, _)| id).collect();
    assert_eq!(ids.len(), 6, "ids are unique");
    for (id, link) in &entries {
        assert!(is_tag_uri(id), "{id}");
        assert!(link.starts_with(&format!("{BASE}/responses/")), "{link}");
    }
    assert!(entries.iter().any(|(id, _)| id == "tag:hastings.gov.uk,2022-11-25:foi/FOIR-467737865"));
    // Without a base address the links are relative to the feed.
    let site = published(&examples()[1..2], &[]);
    let (_, self_link, entries) = parse_feed(&read(site.path(), "feed.atom"));
    assert_eq!(self_link, "feed.atom");
    assert!(entries[0].1.starts_with("responses/"), "{}", entries[0].1);
    // Hastings' foi.yaml gives its log's address (`disclosure-log:`), the default base.
    let site = published(&examples()[..1], &[]);
    let (_, self_link, entries) = parse_feed(&read(site.path(), "feed.atom"));
    let base = "https://www.hastings.gov.uk/foi/disclosure-log";
    assert_eq!(self_link, format!("{base}/feed.atom"));
    assert_eq!(entries[0].1, format!("{base}/responses/FOIR-469102254.html"));
}

#[test]
fn an_entrys_id_is_the_same_whichever_casebooks_are_published_with_it() {
    let alone = published(&examples()[..1], &[]);
    let together = published(&examples(), &[]);
    let reversed: Vec<PathBuf> = examples().into_iter().rev().collect();
    let backwards = published(&reversed, &[]);
    let (feed_alone, _, alone) = parse_feed(&read(alone.path(), "feed.atom"));
    let (feed_together, _, together) = parse_feed(&read(together.path(), "feed.atom"));
    let (feed_backwards, _, _) = parse_feed(&read(backwards.path(), "feed.atom"));
    assert!(together.contains(&alone[0]), "{alone:?} in {together:?}");
    assert_eq!(feed_together, feed_backwards, "the order of the casebooks does not matter");
    assert_ne!(feed_alone, feed_together, "a log of several authorities is a different feed");
}

#[test]
fn an_empty_log_still_has_a_valid_feed() {
    let casebook = Casebook::example("hastings");
    let request = casebook.read("requests/FOIR-467737865.yaml").replace("publish: true", "publish: false");
    casebook.write("requests/FOIR-467737865.yaml", &request);
    // The later copy answers from the first one's published reply, so it goes too.
    std::fs::remove_file(casebook.root().join("requests/FOIR-469102254.yaml")).expect("removed");
    let site = casebook.root().join("site");
    assert!(publish(&[casebook.root().to_path_buf()], &site, &[]).status.success());
    let (id, _, entries) = parse_feed(&read(&site, "feed.atom"));
    assert!(entries.is_empty() && is_tag_uri(&id), "{id}");
    assert_eq!(package_problems(&site), Vec::<String>::new());
}

#[test]
fn statistics_count_requests_by_calendar_quarter() {
    let run = Command::cargo_bin("foi")
        .expect("binary")
        .arg("stats")
        .args(examples())
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stats: Value = serde_json::from_slice(&run.stdout).expect("json");
    let quarters: Vec<(String, u64)> = stats["quarters"]
        .as_array()
        .expect("quarters")
        .iter()
        .map(|q| (q["quarter"].as_str().unwrap_or("").to_owned(), q["requests"].as_u64().unwrap_or(99)))
        .collect();
    let expected = [("2022-Q2", 1), ("2022-Q3", 0), ("2022-Q4", 2), ("2023-Q1", 0), ("2023-Q2", 3)];
    assert_eq!(quarters, expected.map(|(q, n)| (q.to_owned(), n)));
    let text =
        Command::cargo_bin("foi").expect("binary").arg("stats").args(examples()).output().expect("runs");
    assert!(
        String::from_utf8_lossy(&text.stdout)
            .contains("  October to December 2022              2        2     0     0\n")
    );
}

#[test]
fn a_decided_review_is_in_both_tables_with_its_outcome_date_and_each_answers_decision() {
    let site = published(&examples()[..1], &[]);
    let requests = rows(site.path(), "disclosure-log-requests.json");
    let reviewed = requests.iter().find(|r| r["reference"] == "FOIR-469102254").expect("reviewed request");
    assert_eq!(reviewed["review_outcome"], "upheld-in-part");
    assert_eq!(reviewed["review_decided"], "2023-02-03");
    let earlier = requests.iter().find(|r| r["reference"] == "FOIR-467737865").expect("earlier request");
    assert_eq!(earlier["review_outcome"], Value::Null, "no review: empty");
    assert_eq!(earlier["review_decided"], Value::Null);
    let questions: Vec<Value> = rows(site.path(), "disclosure-log.json")
        .into_iter()
        .filter(|r| r["reference"] == "FOIR-469102254" && r["part"] == "inbound-network")
        .collect();
    let decision = |id: &str| {
        questions.iter().find(|q| q["question_id"] == id).map(|q| q["review_decision"].clone()).expect(id)
    };
    assert_eq!(decision("supplier"), "upheld");
    assert_eq!(decision("annual-spend"), "overturned");
    assert_eq!(decision("duration"), Value::Null, "not looked at again");
    // The rows are the reply as sent: the review's release is on the page, not in place of
    // what was sent.
    let spend = questions.iter().find(|q| q["question_id"] == "annual-spend").expect("spend");
    assert_eq!(spend["outcome"], "withheld");
    assert!(questions.iter().all(|q| q["review_outcome"] == "upheld-in-part"));
    let csv = read(site.path(), "disclosure-log.csv");
    assert!(csv.contains(",annual-spend,Annual Average Spend,withheld,,,,,,,,,s43-2,,upheld-in-part,2023-02-03,overturned\r\n"), "{csv}");
    assert_eq!(package_problems(site.path()), Vec::<String>::new());
}
