//! The JSON Schema of the casebook files: committed copies are current, keys are
//! kebab-case, every example validates against its schema (checked by an independent
//! validator, the `jsonschema` crate), and `foi check`'s own walk of the schema agrees with
//! that validator and with serde on thousands of broken variants of the examples.

use std::path::{Path, PathBuf};

use foi::model::{ContractFile, ProfileFile, RequestFile};
use foi::schema::FileKind;
use foi::source::SourceFile;
use proptest::prelude::*;
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Every example casebook file with the kind of file it is.
fn example_files() -> Vec<(PathBuf, FileKind)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(root().join("examples")).expect("examples") {
        let dir = entry.expect("entry").path();
        if !dir.join("foi.yaml").is_file() {
            continue;
        }
        files.push((dir.join("foi.yaml"), FileKind::Profile));
        for (folder, kind) in [("contracts", FileKind::Contract), ("requests", FileKind::Request)] {
            for file in std::fs::read_dir(dir.join(folder)).expect("folder") {
                files.push((file.expect("entry").path(), kind));
            }
        }
    }
    files.sort();
    assert!(files.len() > 10, "the examples are found");
    files
}

fn validator(kind: FileKind) -> jsonschema::Validator {
    jsonschema::options().should_validate_formats(true).build(kind.schema()).expect("the schema compiles")
}

fn json(yaml: &Yaml) -> Json {
    serde_json::to_value(yaml).expect("YAML with text keys converts to JSON")
}

#[test]
fn the_committed_schemas_are_the_generated_ones() {
    for kind in FileKind::ALL {
        let path = root().join("examples/schemas").join(kind.file_name());
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == kind.text(),
            "{} is out of date: run `cargo run -- schema --out examples/schemas`",
            path.display()
        );
    }
}

#[test]
fn schemas_are_draft_2020_12_with_kebab_case_keys_and_descriptions() {
    fn walk(value: &Json, at: &str, problems: &mut Vec<String>) {
        match value {
            Json::Object(map) => {
                if let Some(Json::Object(properties)) = map.get("properties") {
                    for (key, property) in properties {
                        if key.contains('_') || key.chars().any(char::is_uppercase) {
                            problems.push(format!("{at}: key `{key}` is not kebab-case"));
                        }
                        if property.is_object() && property.get("description").is_none() {
                            problems.push(format!("{at}: key `{key}` has no description"));
                        }
                    }
                }
                for (key, child) in map {
                    walk(child, &format!("{at}/{key}"), problems);
                }
            }
            Json::Array(items) => items.iter().for_each(|item| walk(item, at, problems)),
            _ => {}
        }
    }
    for kind in FileKind::ALL {
        let schema = kind.schema();
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert!(jsonschema::meta::is_valid(schema), "{} is a valid 2020-12 schema", kind.file_name());
        let mut problems = Vec::new();
        walk(schema, kind.file_name(), &mut problems);
        assert!(problems.is_empty(), "{problems:#?}");
    }
    let contract = FileKind::Contract.schema();
    assert!(contract["properties"]["annual-spend"].is_object(), "serde's input names, not Rust's");
    assert!(contract["$defs"]["Contact"]["properties"]["job-title"].is_object());
    assert!(contract["$defs"]["Contact"]["properties"]["senior-officer"].is_object());
    assert_eq!(contract["additionalProperties"], false, "deny_unknown_fields becomes additionalProperties");
}

#[test]
fn every_example_names_its_schema_and_validates_against_it() {
    for (path, kind) in example_files() {
        let text = std::fs::read_to_string(&path).expect("read");
        let first = text.lines().next().unwrap_or_default();
        let target = first.strip_prefix("# yaml-language-server: $schema=").unwrap_or_else(|| {
            panic!("{} does not start with a yaml-language-server schema line", path.display())
        });
        let schema_file = path.parent().expect("folder").join(target);
        assert!(schema_file.ends_with(kind.file_name()), "{} names {target}", path.display());
        assert!(schema_file.is_file(), "{} names a missing schema {target}", path.display());
        let doc: Yaml = serde_yaml::from_str(&text).expect("YAML");
        let errors: Vec<String> = validator(kind).iter_errors(&json(&doc)).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

#[test]
fn the_built_in_exemptions_validate_against_their_schema() {
    let validator = validator(FileKind::Exemption);
    for (act, id, text) in foi::exemptions::BUILTIN {
        let doc: Yaml = serde_yaml::from_str(text).expect("YAML");
        assert!(validator.is_valid(&json(&doc)), "exemptions/{act}/{id}.yaml");
    }
}

#[test]
fn the_built_in_questionnaires_validate_against_their_schema() {
    let validator = validator(FileKind::Questionnaire);
    for (id, text) in foi::questionnaire::builtin_files() {
        let doc: Yaml = serde_yaml::from_str(text).expect("YAML");
        let errors: Vec<String> = validator.iter_errors(&json(&doc)).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "src/data/questionnaires/{id}.yaml: {errors:#?}");
    }
}

/// What serde alone, the loader (serde and the schema walk), the walk alone and the
/// independent validator make of one document.
fn verdicts(kind: FileKind, doc: &Yaml) -> [bool; 4] {
    fn both<T: serde::de::DeserializeOwned>(file: &SourceFile, kind: FileKind) -> (bool, bool) {
        (serde_yaml::from_str::<T>(&file.text).is_ok(), foi::load::deserialize::<T>(file, kind).is_ok())
    }
    let text = serde_yaml::to_string(doc).expect("serialises");
    let file = SourceFile::new("x.yaml", text);
    let (serde_ok, loads) = match kind {
        FileKind::Profile => both::<ProfileFile>(&file, kind),
        FileKind::Contract => both::<ContractFile>(&file, kind),
        FileKind::Request => both::<RequestFile>(&file, kind),
        FileKind::Questionnaire => both::<foi::questionnaire::QuestionnaireFile>(&file, kind),
        FileKind::Exemption => unreachable!("no exemption examples"),
    };
    let walk_ok = foi::shape::check(doc, kind.schema()).is_empty();
    let schema_ok = validator(kind).is_valid(&json(doc));
    [serde_ok, loads, walk_ok, schema_ok]
}

/// Applies mutation `kind` to the node at pre-order position `at`.
fn mutate(doc: &mut Yaml, at: usize, kind: usize, word: &str) {
    fn visit(node: &mut Yaml, at: usize, seen: &mut usize, kind: usize, word: &str) -> bool {
        if *seen == at {
            apply(node, kind, word);
            return true;
        }
        *seen += 1;
        match node {
            Yaml::Mapping(map) => map.values_mut().any(|child| visit(child, at, seen, kind, word)),
            Yaml::Sequence(items) => items.iter_mut().any(|child| visit(child, at, seen, kind, word)),
            _ => false,
        }
    }
    let mut seen = 0;
    visit(doc, at, &mut seen, kind, word);
}

/// The mutations: replace the node by a value of another type, or (for a mapping) rename
/// or remove one of its keys. Text is never invented, so patterns never decide a verdict.
fn apply(node: &mut Yaml, kind: usize, word: &str) {
    let replacements = ["[]", "{}", "true", "7", "-1", "~", "[x]", "{a: 1}"];
    match (node, kind) {
        (Yaml::Mapping(map), k) if k >= replacements.len() && !map.is_empty() => {
            let index = word.len() % map.len();
            let key = map.keys().nth(index).cloned();
            if let Some(key) = key {
                let value = map.remove(&key);
                if k % 2 == 0
                    && let Some(value) = value
                {
                    map.insert(Yaml::from(word), value);
                }
            }
        }
        (node, k) => {
            *node = serde_yaml::from_str(replacements[k % replacements.len()]).expect("replacement parses");
        }
    }
}

fn count(node: &Yaml) -> usize {
    1 + match node {
        Yaml::Mapping(map) => map.values().map(count).sum(),
        Yaml::Sequence(items) => items.iter().map(count).sum(),
        _ => 0,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// serde, `foi check`'s schema walk and an independent JSON Schema validator agree on
    /// whether a broken variant of an example is valid: the schema says exactly what the
    /// types accept, and the walk reads the schema correctly.
    #[test]
    fn serde_the_walk_and_a_validator_agree(file in 0usize..64, at in 0usize..4096, kind in 0usize..10, word in "[a-z][a-z-]{0,11}") {
        let files = example_files();
        let (path, file_kind) = &files[file % files.len()];
        let mut doc: Yaml = serde_yaml::from_str(&std::fs::read_to_string(path).expect("read")).expect("YAML");
        let at = at % count(&doc);
        mutate(&mut doc, at, kind, &word);
        let [serde_ok, loads, walk_ok, schema_ok] = verdicts(*file_kind, &doc);
        let what = format!("{} mutated at {at}: {doc:?}", path.display());
        prop_assert_eq!(walk_ok, schema_ok, "the walk and the validator disagree on {}", what);
        prop_assert!(!walk_ok || serde_ok, "the schema accepts what serde refuses: {}", what);
        prop_assert_eq!(loads, walk_ok && serde_ok, "the loader is not serde and the walk: {}", what);
    }
}

#[test]
fn mutations_reach_every_node() {
    let mut doc: Yaml = serde_yaml::from_str("a: {b: [1, 2]}\nc: x\n").expect("yaml");
    assert_eq!(count(&doc), 6);
    mutate(&mut doc, 4, 3, "w");
    assert_eq!(doc, serde_yaml::from_str::<Yaml>("a: {b: [1, 7]}\nc: x\n").expect("yaml"));
    let mut doc: Yaml = serde_yaml::from_str("a: {b: 1}\n").expect("yaml");
    mutate(&mut doc, 1, 8, "z");
    assert_eq!(doc, serde_yaml::from_str::<Yaml>("a: {z: 1}\n").expect("yaml"));
}

/// The README's list of question ids is the questionnaire's, in its order.
#[test]
fn the_readme_lists_every_question_id_of_the_questionnaire_in_order() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md reads");
    let list = readme.split("Question ids: ").nth(1).expect("README lists the question ids");
    let list = list.split(". ").next().unwrap_or(list);
    let listed: Vec<&str> = list.split('`').skip(1).step_by(2).collect();
    let data: Vec<&str> = foi::questionnaire::QuestionId::all().iter().map(|id| id.as_str()).collect();
    assert_eq!(listed, data, "README.md's question ids and src/data/questionnaires/ differ");
}

#[test]
fn schemas_have_ids_markdown_descriptions_and_offer_the_exemption_ids() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/schemas");
    for (file, kind) in [
        ("foi.schema.json", "foi"),
        ("contract.schema.json", "contract"),
        ("request.schema.json", "request"),
        ("exemption.schema.json", "exemption"),
    ] {
        let text = std::fs::read_to_string(root.join(file)).expect("schema");
        let schema: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(schema["$id"], format!("urn:foi:schema:{kind}:1"), "{file}");
        let mut descriptions = 0;
        let mut offered = Vec::new();
        walk(&schema, &mut |node| {
            // A property may be called `description` (a question): only a text is a description.
            if let Some(description @ serde_json::Value::String(_)) = node.get("description") {
                descriptions += 1;
                assert_eq!(
                    node.get("markdownDescription"),
                    Some(description),
                    "{file}: a twin for {description}"
                );
            }
            for key in ["withhold", "neither-confirm-nor-deny"] {
                if let Some(examples) = node.pointer(&format!("/properties/{key}/items/examples")) {
                    offered.push(examples.clone());
                }
            }
        });
        assert!(descriptions > 5, "{file}");
        if kind != "exemption" {
            assert!(!offered.is_empty(), "{file} offers exemption ids");
            for examples in offered {
                let ids: Vec<&str> =
                    examples.as_array().expect("list").iter().filter_map(|v| v.as_str()).collect();
                assert!(ids.contains(&"s43-2") && ids.contains(&"s33-1-b"), "both Acts' ids: {ids:?}");
                assert!(!ids.contains(&"s12") && !ids.contains(&"s14-2"), "no procedural refusal: {ids:?}");
            }
        }
    }
}

fn walk(node: &serde_json::Value, visit: &mut dyn FnMut(&serde_json::Value)) {
    visit(node);
    match node {
        serde_json::Value::Object(map) => map.values().for_each(|child| walk(child, visit)),
        serde_json::Value::Array(items) => items.iter().for_each(|child| walk(child, visit)),
        _ => {}
    }
}
