//! Reading what can still be read of a file that has structural problems, so that one run
//! of `foi check` reports everything wrong with it.
//!
//! When the schema walk finds problems in a file (an unknown key, a value of the wrong
//! type), serde cannot read it, and without a value nothing else about the file could be
//! checked: an unknown key would hide two unknown exemption ids, a date still to fill in
//! would hide an empty reference. So the values at fault are dropped from the YAML tree and
//! the rest is read again. The file is never used for anything but findings: it keeps its
//! structural findings, and whatever validation then says about a value that was dropped
//! (or filled in) is left out, since it would only repeat the first finding or be about a
//! stand-in.

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value as Yaml};

use crate::report::Finding;
use crate::schema::FileKind;
use crate::shape;
use crate::source::{FieldPath, SourceFile};

/// A file whose structural findings are reported, read with the values at fault left out.
#[derive(Debug, Clone, Default)]
pub struct Flawed {
    /// The findings that made the file unreadable as it stands.
    pub findings: Vec<Finding>,
    /// The fields left out or filled with a stand-in, as findings print paths
    /// (`supplier.resaon`): validation findings at or below them are not reported.
    pub dropped: Vec<String>,
    /// Text that only a stand-in value would put into a finding (the stand-in date, in
    /// the forms findings print it): such findings are not reported either.
    pub stand_ins: Vec<String>,
}

impl Flawed {
    /// Whether `finding` (from validating the file) is about something the lenient read
    /// left out or made up, so must not be reported.
    pub fn hides(&self, finding: &Finding) -> bool {
        let under = |dropped: &String| {
            finding.path == *dropped
                || finding
                    .path
                    .strip_prefix(dropped.as_str())
                    .is_some_and(|rest| rest.starts_with(['.', '[']))
        };
        self.dropped.iter().any(under) || self.stand_ins.iter().any(|text| finding.message.contains(text))
    }
}

/// A top-level key that the file's type cannot do without, and a stand-in value for it
/// when its own value had to be dropped, with the texts that mark a finding about it.
pub struct StandIn {
    /// The key, e.g. `received`.
    pub key: &'static str,
    /// The stand-in, as YAML.
    pub value: &'static str,
    /// Keys whose checks depend on this one: their findings are left out too.
    pub depends: &'static [&'static str],
    /// How findings print the stand-in.
    pub printed: &'static [&'static str],
}

/// Reads `file` as a `T` with the values the schema walk objects to left out, or `None`
/// when even that cannot be read (a syntax error, a required key missing or broken).
/// `findings` are the file's findings from the strict read.
pub fn read<T: DeserializeOwned>(
    file: &SourceFile,
    kind: FileKind,
    findings: Vec<Finding>,
    stand_ins: &[StandIn],
) -> Option<(T, Flawed)> {
    if crate::source::too_deep(&file.text, super::file::MAX_DEPTH).is_some()
        || crate::source::syntax_error(&file.text).is_some()
    {
        return None;
    }
    let mut doc: Yaml = serde_yaml::from_str(&file.text).ok()?;
    let bad: Vec<String> = shape::check(&doc, kind.schema())
        .into_iter()
        .map(|issue| issue.path.to_string())
        .filter(|path| !path.is_empty())
        .collect();
    let mut flawed = Flawed { findings, ..Flawed::default() };
    prune(&mut doc, &FieldPath::root(), &bad, &mut flawed.dropped);
    if let Yaml::Mapping(map) = &mut doc {
        for stand_in in stand_ins {
            let key = Yaml::String(stand_in.key.to_owned());
            let dropped = flawed.dropped.iter().any(|path| path == stand_in.key);
            if dropped && !map.contains_key(&key) {
                map.insert(key, serde_yaml::from_str(stand_in.value).ok()?);
                flawed.dropped.extend(stand_in.depends.iter().map(|key| (*key).to_owned()));
                flawed.stand_ins.extend(stand_in.printed.iter().map(|text| (*text).to_owned()));
            }
        }
    }
    let data = T::deserialize(&doc).ok()?;
    Some((data, flawed))
}

/// Drops from `doc` (at `here`) every entry whose path is in `bad`, and every list holding
/// a bad item (removing one item would renumber the rest, and findings point by number).
fn prune(doc: &mut Yaml, here: &FieldPath, bad: &[String], dropped: &mut Vec<String>) {
    let Yaml::Mapping(map) = doc else { return };
    let keys: Vec<Yaml> = map.keys().cloned().collect();
    for key in keys {
        let Some(name) = key.as_str() else { continue };
        let path = here.at(name);
        let printed = path.to_string();
        if bad.contains(&printed) || list_with_bad_item(map, &key, &printed, bad) {
            map.remove(&key);
            dropped.push(printed);
            continue;
        }
        match map.get_mut(&key) {
            Some(child @ Yaml::Mapping(_)) => prune(child, &path, bad, dropped),
            Some(Yaml::Sequence(items)) => {
                for (index, item) in items.iter_mut().enumerate() {
                    prune(item, &path.index(index), bad, dropped);
                }
            }
            _ => {}
        }
    }
}

/// Whether the value of `key` in `map` is a list one of whose items (not something inside
/// an item) is in `bad`.
fn list_with_bad_item(map: &Mapping, key: &Yaml, printed: &str, bad: &[String]) -> bool {
    let Some(Yaml::Sequence(items)) = map.get(key) else { return false };
    (0..items.len()).any(|index| bad.iter().any(|path| *path == format!("{printed}[{index}]")))
}
