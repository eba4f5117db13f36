//! JSON Schema (draft 2020-12) for the casebook's files, generated from the serde types.
//!
//! One schema per kind of file: `foi.yaml`, a contract, a request, and an exemption file.
//! Editors use them (through `yaml-language-server`) to complete and check as you type, and
//! `foi check` walks every file that fails to parse against the same schema (`shape`) to
//! report all of its structural mistakes at once. Descriptions are the types' doc comments.
//! Keys are the names serde *reads* (kebab-case), which schemars emits by default.

use std::sync::OnceLock;

use schemars::Schema;
use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::exemptions::ExemptionFile;
use crate::model::{ContractFile, ProfileFile, RequestFile};
use crate::questionnaire::QuestionnaireFile;

/// A casebook file's type, and the kind of file it is read as: what [`crate::read_file`]
/// reads.
pub trait FileType: serde::de::DeserializeOwned {
    /// Which schema the file is checked against.
    const KIND: FileKind;
}

impl FileType for ProfileFile {
    const KIND: FileKind = FileKind::Profile;
}

impl FileType for ContractFile {
    const KIND: FileKind = FileKind::Contract;
}

impl FileType for RequestFile {
    const KIND: FileKind = FileKind::Request;
}

impl FileType for ExemptionFile {
    const KIND: FileKind = FileKind::Exemption;
}

impl FileType for QuestionnaireFile {
    const KIND: FileKind = FileKind::Questionnaire;
}

/// The kinds of casebook file that have a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    /// `foi.yaml`.
    Profile,
    /// `contracts/<id>.yaml`.
    Contract,
    /// `requests/<any>.yaml`.
    Request,
    /// `exemptions/<act>/<id>.yaml`.
    Exemption,
    /// `questionnaires/<id>.yaml`, and the built-in questionnaires.
    Questionnaire,
}

impl FileKind {
    /// Every kind, in the order the files are listed in the README.
    pub const ALL: [FileKind; 5] = [
        FileKind::Profile,
        FileKind::Contract,
        FileKind::Request,
        FileKind::Exemption,
        FileKind::Questionnaire,
    ];

    /// The schema's file name.
    pub fn file_name(self) -> &'static str {
        match self {
            FileKind::Profile => "foi.schema.json",
            FileKind::Contract => "contract.schema.json",
            FileKind::Request => "request.schema.json",
            FileKind::Exemption => "exemption.schema.json",
            FileKind::Questionnaire => "questionnaire.schema.json",
        }
    }

    /// The schema's `$id`: a name, not an address (the schemas live in each casebook's
    /// `schemas/` folder, not on a server), versioned as the file formats are.
    pub fn id(self) -> String {
        format!("urn:foi:schema:{}:1", self.file_name().trim_end_matches(".schema.json"))
    }

    fn title(self) -> &'static str {
        match self {
            FileKind::Profile => "foi.yaml: the authority profile of an foi casebook",
            FileKind::Contract => "contracts/ID.yaml: one contract in an foi casebook",
            FileKind::Request => "requests/ANY.yaml: one request in an foi casebook",
            FileKind::Exemption => "exemptions/ACT/ID.yaml: an exemption's wording",
            FileKind::Questionnaire => "questionnaires/ID.yaml: a round robin's questionnaire",
        }
    }

    fn generate(self) -> Schema {
        let generator = SchemaSettings::draft2020_12().into_generator();
        let mut schema = match self {
            FileKind::Profile => generator.into_root_schema_for::<ProfileFile>(),
            FileKind::Contract => generator.into_root_schema_for::<ContractFile>(),
            FileKind::Request => generator.into_root_schema_for::<RequestFile>(),
            FileKind::Exemption => generator.into_root_schema_for::<ExemptionFile>(),
            FileKind::Questionnaire => generator.into_root_schema_for::<QuestionnaireFile>(),
        };
        schema.insert("$id".into(), self.id().into());
        schema.insert("title".into(), self.title().into());
        let mut value = schema.to_value();
        loosen_text(&mut value);
        offer_exemption_ids(&mut value, &exemption_ids());
        add_markdown_descriptions(&mut value);
        Schema::try_from(value).unwrap_or_default()
    }

    /// The schema as a JSON value, generated once per process.
    pub fn schema(self) -> &'static Value {
        static CELLS: [OnceLock<Value>; 5] =
            [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let index = FileKind::ALL.iter().position(|k| *k == self).unwrap_or_default();
        CELLS[index].get_or_init(|| self.generate().to_value())
    }

    /// The schema as the text of its file: pretty JSON with a final newline.
    pub fn text(self) -> String {
        let mut text = serde_json::to_string_pretty(self.schema()).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The built-in exemption ids an item of `withhold:` or `neither-confirm-nor-deny:` may
/// name, under any Act: the editor offers them as it completes (`foi check` says which
/// belong to the authority's Act). Procedural refusals (s.12, s.14) refuse a whole request
/// and are not exemptions, so they are left out. A casebook may add its own exemption
/// files, so these are suggestions, not an `enum`.
fn exemption_ids() -> Vec<Value> {
    // Read from the built-in files directly: the exemption library checks its files
    // against these very schemas, so loading it here would wait on itself.
    #[derive(serde::Deserialize)]
    struct Kind {
        kind: crate::exemptions::ExemptionKind,
    }
    let mut ids: Vec<&str> = crate::exemptions::BUILTIN
        .iter()
        .filter(|(_, _, text)| {
            serde_yaml::from_str::<Kind>(text)
                .is_ok_and(|file| file.kind != crate::exemptions::ExemptionKind::Procedural)
        })
        .map(|(_, id, _)| *id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter().map(Value::from).collect()
}

/// Puts `ids` as the `examples` of every list of exemption ids.
fn offer_exemption_ids(value: &mut Value, ids: &[Value]) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get_mut("properties") {
                for key in ["withhold", "neither-confirm-nor-deny"] {
                    if let Some(Value::Object(items)) =
                        properties.get_mut(key).and_then(|p| p.get_mut("items"))
                    {
                        items.insert("examples".into(), Value::Array(ids.to_vec()));
                    }
                }
            }
            map.values_mut().for_each(|child| offer_exemption_ids(child, ids));
        }
        Value::Array(items) => items.iter_mut().for_each(|child| offer_exemption_ids(child, ids)),
        _ => {}
    }
}

/// Gives every `description` a `markdownDescription` twin: the descriptions are written in
/// Markdown (`code` in backticks), which editors that read `markdownDescription` (VS Code's
/// YAML extension) show formatted, and the others show as plain text.
fn add_markdown_descriptions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(text)) = map.get("description") {
                let text = text.clone();
                map.insert("markdownDescription".into(), Value::String(text));
            }
            map.values_mut().for_each(add_markdown_descriptions);
        }
        Value::Array(items) => items.iter_mut().for_each(add_markdown_descriptions),
        _ => {}
    }
}

/// Lets text fields take numbers and `true`/`false` as well, as serde does: a plain YAML
/// scalar is read into a `String` as written (`reference: 467737865` is the text
/// "467737865"). Only the schemas of mapping values and of their list items are widened;
/// the hand-written choices (a `List`, a `not-held` flag) stay as strict as their visitors.
fn loosen_text(value: &mut Value) {
    fn widen(schema: &mut Value) {
        let Some(object) = schema.as_object_mut() else { return };
        if ["const", "enum", "format", "pattern"].iter().any(|k| object.contains_key(*k)) {
            return;
        }
        let widened = match object.get("type") {
            Some(Value::String(t)) if t == "string" => serde_json::json!(["string", "number", "boolean"]),
            Some(Value::Array(types)) if types.iter().any(|t| t == "string") && types.len() <= 2 => {
                let mut types = types.clone();
                types.retain(|t| t != "string");
                let mut all = vec![Value::from("string"), Value::from("number"), Value::from("boolean")];
                all.extend(types);
                Value::Array(all)
            }
            _ => return,
        };
        object.insert("type".into(), widened);
    }
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get_mut("properties") {
                for property in properties.values_mut() {
                    widen(property);
                    if let Some(items) = property.get_mut("items") {
                        widen(items);
                    }
                }
            }
            for child in map.values_mut() {
                loosen_text(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(loosen_text),
        _ => {}
    }
}
