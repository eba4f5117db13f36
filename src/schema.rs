//! JSON Schema (draft 2020-12) for the casebook's files, generated from the serde types.
//!
//! One schema per kind of file: `foi.yaml`, a contract, a request, and an exemption file.
//! Editors use them (through `yaml-language-server`) to complete and check as you type, and
//! `foi check` walks every file that fails to parse against the same schema (`shape`) to
//! report all of its structural mistakes at once. Descriptions are the types' doc comments.
//! Keys are the names serde *reads* (kebab-case), which schemars emits by default.

use std::sync::OnceLock;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::Value;

use crate::exemptions::ExemptionFile;
use crate::model::{ContractFile, ProfileFile, RequestFile};

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
}

impl FileKind {
    /// Every kind, in the order the files are listed in the README.
    pub const ALL: [FileKind; 4] =
        [FileKind::Profile, FileKind::Contract, FileKind::Request, FileKind::Exemption];

    /// The schema's file name.
    pub fn file_name(self) -> &'static str {
        match self {
            FileKind::Profile => "foi.schema.json",
            FileKind::Contract => "contract.schema.json",
            FileKind::Request => "request.schema.json",
            FileKind::Exemption => "exemption.schema.json",
        }
    }

    fn title(self) -> &'static str {
        match self {
            FileKind::Profile => "foi.yaml: the authority profile of an foi casebook",
            FileKind::Contract => "contracts/ID.yaml: one contract in an foi casebook",
            FileKind::Request => "requests/ANY.yaml: one request in an foi casebook",
            FileKind::Exemption => "exemptions/ACT/ID.yaml: an exemption's wording",
        }
    }

    fn generate(self) -> Schema {
        let generator = SchemaSettings::draft2020_12().into_generator();
        let mut schema = match self {
            FileKind::Profile => generator.into_root_schema_for::<ProfileFile>(),
            FileKind::Contract => generator.into_root_schema_for::<ContractFile>(),
            FileKind::Request => generator.into_root_schema_for::<RequestFile>(),
            FileKind::Exemption => generator.into_root_schema_for::<ExemptionFile>(),
        };
        schema.insert("title".into(), self.title().into());
        schema
    }

    /// The schema as a JSON value, generated once per process.
    pub fn schema(self) -> &'static Value {
        static CELLS: [OnceLock<Value>; 4] =
            [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
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

/// Checks that a type's schema can be generated; used by tests of individual types.
pub fn of<T: JsonSchema>() -> Value {
    SchemaSettings::draft2020_12().into_generator().into_root_schema_for::<T>().to_value()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn print() {
        for k in FileKind::ALL {
            println!("{}", k.text());
        }
    }
}
