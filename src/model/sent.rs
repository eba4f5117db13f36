//! The sent record's format: `response.json`, the hashes that show it has not been
//! touched, and a record as read from the casebook (the `record` module reads and writes them).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::values::Date;

/// The record's own file in each version's folder.
pub const RECORD_FILE: &str = "response.json";

/// The version of the record's format.
pub const FORMAT: &str = "foi-sent/1";

/// A record of one response as sent: `sent/NAME/VERSION/response.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordFile {
    /// [`FORMAT`].
    pub format: String,
    /// The request's reference.
    pub reference: String,
    /// 1 for the response first sent, 2 for its first amendment, and so on.
    pub version: u32,
    /// The date it was sent.
    pub sent: Date,
    /// Why an amendment was sent (absent for version 1).
    pub amendment: Option<String>,
    /// Every other file of the record (`public.md`, `letter.pdf`, …) and its SHA-256, in
    /// lower-case hex.
    pub files: BTreeMap<String, String>,
    /// The public response as data (the `foi-response/1` JSON of `foi render --format
    /// json`): no requester, no withheld value.
    pub response: serde_json::Value,
    /// SHA-256 of everything above in canonical form (object keys sorted, no spaces), as
    /// `sha256:HEX`.
    pub hash: String,
}

impl RecordFile {
    /// The hash this record should carry: of its canonical form without `hash`.
    pub fn content_hash(&self) -> String {
        let mut value = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if let Some(object) = value.as_object_mut() {
            object.remove("hash");
        }
        let mut text = String::new();
        canonical(&value, &mut text);
        format!("sha256:{}", sha256(text.as_bytes()))
    }

    /// The record as written: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// A sent record read from the casebook, its hashes checked.
#[derive(Debug, Clone)]
pub struct Record {
    /// Its folder within the casebook: `sent/FOIR-467737865/1`.
    pub dir: PathBuf,
    /// The request's file name (the folder under `sent/`).
    pub name: String,
    /// What `response.json` says.
    pub file: RecordFile,
    /// The public reply (`public.md`), as the disclosure log publishes it.
    pub public: String,
}

impl Record {
    /// `response.json` of this record, within the casebook.
    pub fn record_file(&self) -> PathBuf {
        self.dir.join(RECORD_FILE)
    }

    /// The authority that sent it (its id in the casebook).
    pub fn authority(&self) -> Option<&str> {
        self.file.response.pointer("/authority/id").and_then(|v| v.as_str())
    }
}

/// SHA-256 of `bytes`, in lower-case hex.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// `value` as canonical JSON: object keys sorted, no spaces, numbers and strings as
/// serde_json writes them. The same data always gives the same bytes, whatever order or
/// layout the file was written in, so the hash is of the content, not the layout.
pub fn canonical(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(key).unwrap_or_default());
                out.push(':');
                if let Some(item) = map.get(key) {
                    canonical(item, out);
                }
            }
            out.push('}');
        }
        other => out.push_str(&serde_json::to_string(other).unwrap_or_default()),
    }
}

/// The latest version of a request's records, by request file name.
pub fn latest<'a>(records: &'a [Record], name: &str) -> Option<&'a Record> {
    records.iter().filter(|r| r.name == name).max_by_key(|r| r.file.version)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> RecordFile {
        let mut record = RecordFile {
            format: FORMAT.into(),
            reference: "FOI-1".into(),
            version: 1,
            sent: Date(chrono::NaiveDate::from_ymd_opt(2024, 1, 10).expect("date")),
            amendment: None,
            files: BTreeMap::from([("public.md".to_owned(), sha256(b"# Reply\n"))]),
            response: serde_json::json!({"b": 1, "a": [true, null, "x"]}),
            hash: String::new(),
        };
        record.hash = record.content_hash();
        record
    }

    #[test]
    fn canonical_form_sorts_keys_and_drops_layout() {
        let mut out = String::new();
        canonical(&serde_json::json!({"b": {"d": 1, "c": "é"}, "a": [1, 2]}), &mut out);
        assert_eq!(out, r#"{"a":[1,2],"b":{"c":"é","d":1}}"#);
    }

    #[test]
    fn the_hash_survives_a_round_trip_and_catches_an_edit() {
        let record = record();
        let read: RecordFile = serde_json::from_str(&record.to_json()).expect("parses");
        assert_eq!(read.content_hash(), record.hash);
        let mut edited = read.clone();
        edited.response["b"] = serde_json::json!(2);
        assert_ne!(edited.content_hash(), record.hash);
        let mut redated = read;
        redated.sent = Date(chrono::NaiveDate::from_ymd_opt(2024, 1, 11).expect("date"));
        assert_ne!(redated.content_hash(), record.hash);
    }

    #[test]
    fn sha256_is_the_standard_digest() {
        assert_eq!(sha256(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
