//! The JSON Schema of the casebook files: committed copies are current, keys are
//! kebab-case, every example validates against its schema (checked by an independent
//! validator, the `jsonschema` crate). That `foi check`'s own walk of the schema agrees with
//! that validator and with serde is tested inside the crate (`src/load/agreement.rs`).

use std::path::{Path, PathBuf};

use foi::schema::FileKind;
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
