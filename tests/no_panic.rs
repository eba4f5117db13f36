//! Never a panic on input: arbitrary bytes, arbitrary YAML text and arbitrary YAML
//! documents (built from the casebook's own keys, so they get deep into the checks) go
//! through the loader and the whole of `foi check`, which must answer with findings.
//! `tests/fuzz.rs` goes further (every renderer, intake, templates) and runs as long as
//! it is asked to.

mod common;

use common::inputs::{document, yamlish};
use common::{Casebook, TODAY};
use foi::model::{ContractFile, ProfileFile, RequestFile};
use proptest::prelude::*;
use serde_yaml::Value as Yaml;

/// Loads `text` as each kind of file; every failure must come with findings placed inside
/// the file.
fn load_each_way(text: &str) {
    let lines = text.lines().count() + 1;
    let results = [
        foi::read_file::<ProfileFile>("x.yaml", text).err(),
        foi::read_file::<ContractFile>("x.yaml", text).err(),
        foi::read_file::<RequestFile>("x.yaml", text).err(),
    ];
    for findings in results.into_iter().flatten() {
        assert!(!findings.is_empty(), "a failure without findings for {text:?}");
        for finding in findings {
            assert!(finding.location.line >= 1 && finding.location.line <= lines, "{finding:?} in {text:?}");
            assert!(finding.location.column >= 1, "{finding:?}");
            let _ = foi::Report::new(vec![finding]).to_text_styled(true);
        }
    }
}

/// Runs the whole of `foi check` on the base fixture with `text` written at `relative`;
/// when the casebook passes, renders its request for both audiences too.
fn check_with(relative: &str, text: &[u8]) {
    let casebook = Casebook::copy_of("tests/check/base");
    let path = casebook.root().join(relative);
    std::fs::create_dir_all(path.parent().expect("folder")).expect("folder");
    std::fs::write(&path, text).expect("write");
    let checked = foi::check::casebook(casebook.root(), TODAY);
    let report = &checked.report;
    let _ = (report.to_text(), report.to_json(casebook.root()), report.to_github(casebook.root()));
    if !report.has_errors() {
        let request = casebook.root().join("requests/ECC-2024-001.yaml");
        for audience in [foi::Audience::Requester, foi::Audience::Public] {
            if let Ok((loaded, response, _)) = foi::respond(&request, audience, TODAY) {
                let _ = foi::markdown(&loaded, &response);
            }
        }
    }
}

const PLACES: [&str; 5] = [
    "foi.yaml",
    "contracts/call-centre.yaml",
    "requests/ECC-2024-001.yaml",
    "exemptions/foia/s43-2.yaml",
    "templates/letter.md",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_anywhere_in_a_casebook(place in 0usize..PLACES.len(), bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_with(PLACES[place], &bytes);
    }

    #[test]
    fn arbitrary_yaml_text_loads_to_a_value_or_findings(text in yamlish()) {
        load_each_way(&text);
    }

    #[test]
    fn arbitrary_yaml_documents_load_to_a_value_or_findings(doc in document()) {
        let text = serde_yaml::to_string(&doc).unwrap_or_default();
        load_each_way(&text);
    }

    #[test]
    fn arbitrary_yaml_documents_anywhere_in_a_casebook(place in 0usize..4, doc in document()) {
        let text = serde_yaml::to_string(&doc).unwrap_or_default();
        check_with(PLACES[place], text.as_bytes());
    }
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

const BASE: [&str; 4] =
    ["foi.yaml", "contracts/call-centre.yaml", "contracts/freephone.yaml", "requests/ECC-2024-001.yaml"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Near-valid casebooks get past the loader into every rule: the base fixture with a
    /// few of its values replaced by anything at all.
    #[test]
    fn the_base_casebook_with_any_values_replaced(
        file in 0usize..BASE.len(),
        edits in prop::collection::vec((any::<usize>(), document()), 1..4),
    ) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check/base").join(BASE[file]);
        let mut doc: Yaml = serde_yaml::from_str(&std::fs::read_to_string(path).expect("read")).expect("yaml");
        for (at, by) in edits {
            replace(&mut doc, at, by);
        }
        let text = serde_yaml::to_string(&doc).unwrap_or_default();
        check_with(BASE[file], text.as_bytes());
    }
}

/// Regression guard for inputs that are hard on YAML parsers: deep nesting and aliases
/// that multiply.
#[test]
fn deep_nesting_and_alias_bombs_are_findings() {
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    load_each_way(&deep);
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for i in 0..9 {
        let (this, prev) = ((b'b' + i) as char, (b'a' + i) as char);
        bomb.push_str(&format!("{this}: &{this} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    load_each_way(&bomb);
    check_with("contracts/call-centre.yaml", bomb.as_bytes());
}
