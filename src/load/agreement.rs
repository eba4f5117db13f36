//! serde, the loader, the schema walk and an independent JSON Schema validator (the
//! `jsonschema` crate) agree on thousands of broken variants of the examples: the schema
//! says exactly what the types accept, and the walk reads the schema correctly. Inside the
//! crate because it holds the walk itself to the validator; beside the loader, which it
//! tests with the walk below it.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;

use crate::model::{ContractFile, ProfileFile, RequestFile};
use crate::schema::FileKind;
use crate::source::SourceFile;

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

/// What serde alone, the loader (serde and the schema walk), the walk alone and the
/// independent validator make of one document.
fn verdicts(kind: FileKind, doc: &Yaml) -> [bool; 4] {
    fn both<T: serde::de::DeserializeOwned>(file: &SourceFile, kind: FileKind) -> (bool, bool) {
        (serde_yaml::from_str::<T>(&file.text).is_ok(), crate::load::deserialize::<T>(file, kind).is_ok())
    }
    let text = serde_yaml::to_string(doc).expect("serialises");
    let file = SourceFile::new("x.yaml", text);
    let (serde_ok, loads) = match kind {
        FileKind::Profile => both::<ProfileFile>(&file, kind),
        FileKind::Contract => both::<ContractFile>(&file, kind),
        FileKind::Request => both::<RequestFile>(&file, kind),
        FileKind::Questionnaire => both::<crate::questionnaire::QuestionnaireFile>(&file, kind),
        FileKind::Exemption => unreachable!("no exemption examples"),
    };
    let walk_ok = crate::shape::check(doc, kind.schema()).is_empty();
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
