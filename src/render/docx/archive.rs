//! The zip container of a Word document: reading the authority's template within strict
//! bounds, and writing the letter so that the same parts always make the same bytes.
//!
//! A template comes from the casebook, so its zip may be a trap: thousands of entries, an
//! entry that declares a few bytes and inflates to gigabytes (a zip bomb), entries that
//! overlap, two entries whose names differ only in case (part names are case-insensitive,
//! so which one is meant is ambiguous), or encryption. [`Archive`] counts and sizes every
//! entry from the central directory before it inflates one, inflates only the parts asked
//! for, stops each one byte past what it declared (and refuses it then), and keeps a
//! running total. Entry names are only ever looked up, never turned into paths: nothing
//! is written to disk.

use std::collections::HashMap;
use std::io::{Cursor, Read as _, Write as _};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// How much of a template's zip foi will read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Entries in the archive. A Word template has a few dozen.
    pub entries: usize,
    /// The uncompressed size of any one entry, declared or actual.
    pub entry_bytes: u64,
    /// The uncompressed sizes the entries declare, added up.
    pub declared_bytes: u64,
    /// What foi inflates, added up over the parts it reads.
    pub read_bytes: u64,
}

/// The limits for a template: room for a letterhead's images, nowhere near a bomb.
pub const LIMITS: Limits = Limits {
    entries: 1000,
    entry_bytes: 16 * 1024 * 1024,
    declared_bytes: 128 * 1024 * 1024,
    read_bytes: 48 * 1024 * 1024,
};

/// A template's zip, opened and sized.
pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Entry index by lower-cased name.
    names: HashMap<String, usize>,
    limits: Limits,
    read: u64,
}

impl<'a> Archive<'a> {
    /// Opens `bytes` as a zip and checks every entry's declared size and name.
    pub fn open(bytes: &'a [u8], limits: Limits) -> Result<Self, String> {
        let mut zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|err| format!("is not a Word document: it cannot be opened as a zip archive ({err})"))?;
        if zip.len() > limits.entries {
            return Err(format!(
                "has {} entries in its zip archive; a Word template has a few dozen, and foi reads \
                 at most {}",
                zip.len(),
                limits.entries
            ));
        }
        let mut names = HashMap::with_capacity(zip.len());
        let mut declared = 0u64;
        for index in 0..zip.len() {
            let entry = zip.by_index_raw(index).map_err(|err| format!("has a damaged zip entry ({err})"))?;
            let name = entry.name().to_owned();
            if entry.encrypted() {
                return Err(format!(
                    "has an encrypted entry `{}`: save the template without a password",
                    shown(&name)
                ));
            }
            if entry.size() > limits.entry_bytes {
                return Err(format!(
                    "has an entry `{}` that declares {} bytes uncompressed; foi reads at most {} bytes \
                     from any one entry",
                    shown(&name),
                    entry.size(),
                    limits.entry_bytes
                ));
            }
            declared = declared.saturating_add(entry.size());
            if declared > limits.declared_bytes {
                return Err(format!(
                    "declares more than {} bytes uncompressed in all; foi reads no template that large",
                    limits.declared_bytes
                ));
            }
            if names.insert(name.to_lowercase(), index).is_some() {
                return Err(format!(
                    "has two entries named `{}` (part names ignore case), so which one is meant is unclear",
                    shown(&name)
                ));
            }
        }
        Ok(Self { zip, names, limits, read: 0 })
    }

    /// Whether the archive holds the part `name` (without a leading `/`).
    #[cfg(test)]
    pub fn has(&self, name: &str) -> bool {
        self.names.contains_key(&name.to_lowercase())
    }

    /// Inflates the part `name` (without a leading `/`), at most `limit` bytes, or `None`
    /// when there is no such part.
    pub fn read(&mut self, name: &str, limit: u64) -> Result<Option<Vec<u8>>, String> {
        let Some(&index) = self.names.get(&name.to_lowercase()) else { return Ok(None) };
        let limit = limit.min(self.limits.entry_bytes);
        let entry = self
            .zip
            .by_index(index)
            .map_err(|err| format!("cannot read its part `{}` ({err})", shown(name)))?;
        if entry.size() > limit {
            return Err(format!(
                "has a part `{}` of {} bytes; foi reads at most {limit} bytes from it",
                shown(name),
                entry.size()
            ));
        }
        let declared = entry.size();
        let mut bytes = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
        // One byte past what it declares tells an entry that inflates beyond it.
        entry
            .take(declared.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|err| format!("cannot read its part `{}` ({err})", shown(name)))?;
        let size = bytes.len() as u64;
        if size > declared {
            return Err(format!(
                "has a part `{}` that inflates past the {declared} bytes it declares (a zip bomb?)",
                shown(name)
            ));
        }
        self.read = self.read.saturating_add(size);
        if self.read > self.limits.read_bytes {
            return Err(format!(
                "holds more than {} bytes in the parts foi uses; keep the template's images small",
                self.limits.read_bytes
            ));
        }
        Ok(Some(bytes))
    }
}

/// A name from inside the archive as shown in a message: at most 80 characters, control
/// characters left out.
pub fn shown(name: &str) -> String {
    name.chars().filter(|c| !c.is_control()).take(80).collect()
}

/// Writes `parts` (name, bytes) as a zip: `[Content_Types].xml` first, as some readers
/// expect, then the rest by name; every entry deflated and dated `date` (year, month, day)
/// at midnight, with fixed permissions, so the same parts make the same bytes.
pub fn write(mut parts: Vec<(String, Vec<u8>)>, date: (i32, u32, u32)) -> anyhow::Result<Vec<u8>> {
    parts.sort_by(|(a, _), (b, _)| (a != CONTENT_TYPES, a).cmp(&(b != CONTENT_TYPES, b)));
    let (year, month, day) = date;
    // A zip date runs from 1980 to 2107; a letter outside that range is dated 1 January 1980.
    let stamp = u16::try_from(year)
        .ok()
        .and_then(|year| DateTime::from_date_and_time(year, month as u8, day as u8, 0, 0, 0).ok())
        .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in &parts {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The part naming every other part's content type.
pub const CONTENT_TYPES: &str = "[Content_Types].xml";

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let parts = entries.iter().map(|(name, bytes)| ((*name).to_owned(), bytes.to_vec())).collect();
        write(parts, (2024, 1, 20)).expect("zip")
    }

    #[test]
    fn parts_are_written_in_order_with_a_fixed_date() {
        let bytes =
            zip_of(&[("word/document.xml", b"<a/>"), (CONTENT_TYPES, b"<b/>"), ("_rels/.rels", b"<c/>")]);
        assert_eq!(
            bytes,
            zip_of(&[("_rels/.rels", b"<c/>"), ("word/document.xml", b"<a/>"), (CONTENT_TYPES, b"<b/>")])
        );
        let zip = ZipArchive::new(Cursor::new(bytes.as_slice())).expect("reads");
        let names: Vec<&str> = zip.file_names().collect();
        assert_eq!(names.len(), 3);
        let mut zip = zip;
        let first = zip.by_index(0).expect("entry");
        assert_eq!(first.name(), CONTENT_TYPES);
        let date = first.last_modified().expect("a date");
        assert_eq!((date.year(), date.month(), date.day(), date.hour()), (2024, 1, 20, 0));
    }

    #[test]
    fn parts_are_read_by_name_ignoring_case() {
        let bytes = zip_of(&[("word/Styles.xml", b"<w:styles/>")]);
        let mut archive = Archive::open(&bytes, LIMITS).expect("opens");
        assert!(archive.has("word/styles.xml"));
        assert_eq!(archive.read("word/styles.xml", 100).expect("reads"), Some(b"<w:styles/>".to_vec()));
        assert_eq!(archive.read("word/numbering.xml", 100).expect("reads"), None);
    }

    #[test]
    fn too_many_entries_large_entries_and_ambiguous_names_are_refused() {
        let many: Vec<(String, Vec<u8>)> = (0..12).map(|i| (format!("p{i}.xml"), b"<a/>".to_vec())).collect();
        let bytes = write(many, (2024, 1, 1)).expect("zip");
        let limits = Limits { entries: 10, ..LIMITS };
        assert!(Archive::open(&bytes, limits).err().expect("refused").contains("has 12 entries"));

        let bomb = vec![b'a'; 4096];
        let bytes = zip_of(&[("word/styles.xml", &bomb)]);
        let limits = Limits { entry_bytes: 1000, ..LIMITS };
        assert!(Archive::open(&bytes, limits).err().expect("refused").contains("declares 4096 bytes"));
        let mut archive = Archive::open(&bytes, LIMITS).expect("opens");
        assert!(archive.read("word/styles.xml", 100).expect_err("too big").contains("at most 100 bytes"));
        let limits = Limits { read_bytes: 5000, ..LIMITS };
        let bytes = zip_of(&[("a.xml", &bomb), ("b.xml", &bomb)]);
        let mut archive = Archive::open(&bytes, limits).expect("opens");
        assert!(archive.read("a.xml", 8192).is_ok());
        assert!(archive.read("b.xml", 8192).expect_err("total").contains("more than 5000 bytes"));

        let bytes = zip_of(&[("word/document.xml", b"<a/>"), ("word/Document.xml", b"<b/>")]);
        assert!(Archive::open(&bytes, LIMITS).err().expect("refused").contains("two entries"));
        assert!(Archive::open(b"not a zip", LIMITS).err().expect("refused").contains("not a Word document"));
    }
}
