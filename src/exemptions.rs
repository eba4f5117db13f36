//! The exemption library: what each provision says, and the public interest test for it.
//!
//! Owns the files in `exemptions/<act>/<id>.yaml` (embedded in the binary) and a casebook's
//! own `exemptions/` folder, which adds provisions or replaces built-in files one by one.
//! It checks each entry is complete and lawful in form: a qualified exemption always has
//! its public interest factors and an absolute one never does; a provision relied on to
//! neither confirm nor deny has its own explanation and, where the Act requires one, its own
//! public interest test (FOIA s.2(1)(b), s.17(3); FOISA s.18(1)). Wording is dated: each file
//! may say the day it is good from (`good-from`), and a provision may have several files
//! (`s40-2.yaml`, `s40-2.dpa-1998.yaml`), the one in force on the day a request was received
//! being used. Which exemption applies to what is `rules`.

mod passages;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

pub use passages::{Condition, Facts, Passage};
pub(crate) use passages::{covers, select};

use crate::jurisdiction::NcndTest;
use crate::model::Jurisdiction;
use crate::model::values::Date;
use crate::report::Finding;
use crate::source::{FieldPath, SourceFile};

/// Whether a provision needs a public interest test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ExemptionKind {
    /// No public interest test.
    Absolute,
    /// Withheld only when the public interest in the exemption outweighs disclosure.
    Qualified,
    /// Not an exemption: the whole request is refused (s.12 cost, s.14 vexatious/repeated).
    Procedural,
}

/// What must be shown for a provision to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Test {
    /// Disclosure would, or would be likely to, cause the harm (FOISA: substantial harm).
    Prejudice,
    /// The kind of information is enough.
    Class,
    /// A procedural refusal: no test of the information.
    None,
}

/// The public interest test as printed: the factors that held for the case, filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicInterest {
    /// Factors in favour of disclosure (or, for neither confirm nor deny, of saying whether
    /// the information is held).
    pub(crate) for_disclosure: Vec<String>,
    /// Factors in favour of maintaining the exemption (or the exclusion of the duty to
    /// confirm or deny).
    pub(crate) against_disclosure: Vec<String>,
    /// Why the balance falls where it does.
    pub(crate) conclusion: String,
}

/// The public interest factors as written in an exemption file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Factors {
    /// Factors in favour of disclosure: passages, each printed always or `when` it holds.
    #[serde(rename = "for")]
    pub(crate) for_disclosure: Vec<Passage>,
    /// Factors in favour of maintaining the exemption.
    #[serde(rename = "against")]
    pub(crate) against_disclosure: Vec<Passage>,
    /// One paragraph: why the balance favours withholding.
    pub(crate) conclusion: String,
}

/// Neither confirm nor deny: the provision that lifts the duty, and why using it is right.
#[derive(Debug, Clone, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Ncnd {
    /// As printed at the start of a sentence: `Section 43(3)` (FOISA: `Section 18(1)`).
    pub citation: String,
    /// Paragraphs explaining why confirming or denying would itself cause the harm the
    /// exemption protects against. Written so that they neither imply nor deny that the
    /// information exists.
    pub(crate) explanation: Vec<Passage>,
    /// The public interest in maintaining the exclusion of the duty to confirm or deny,
    /// against that in saying whether the information is held: required for a qualified
    /// FOIA exemption (s.2(1)(b)) and for every FOISA one (s.18(1)); refused for an absolute
    /// FOIA exemption.
    #[serde(default)]
    pub public_interest: Option<Factors>,
}

impl<'de> Deserialize<'de> for Ncnd {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        struct Written {
            citation: String,
            explanation: Vec<Passage>,
            #[serde(default)]
            public_interest: Option<Factors>,
        }
        struct NcndVisitor;
        impl<'de> Visitor<'de> for NcndVisitor {
            type Value = Ncnd;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`{citation: …, explanation: […], public-interest: …}`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Ncnd, E> {
                Err(E::custom(format_args!(
                    "`ncnd: {v}` gives only the citation: write `ncnd: {{citation: {v}, explanation: [...]}}` \
                     with why confirming or denying would itself cause the harm (and its public interest test)"
                )))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Ncnd, A::Error> {
                let w = Written::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Ncnd {
                    citation: w.citation,
                    explanation: w.explanation,
                    public_interest: w.public_interest,
                })
            }
        }
        deserializer.deserialize_any(NcndVisitor)
    }
}

/// An exemption file as written: `exemptions/<act>/<id>.yaml`, where the file name is the
/// id a casebook cites (`s43-2`), or `<id>.<label>.yaml` for another dated version of it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ExemptionFile {
    /// As printed at the start of a sentence: `Section 43(2)`.
    citation: String,
    /// Short name of the provision: `Commercial interests`.
    title: String,
    /// `absolute`, `qualified` (needs `public-interest`) or `procedural` (s.12, s.14).
    kind: ExemptionKind,
    /// `prejudice`, `class`, or `none` for a procedural refusal.
    test: Test,
    /// The first day this wording is good for, YYYY-MM-DD: a request received earlier needs
    /// another version (for example wording that cites the law of that time). Default: any day.
    #[serde(default)]
    good_from: Option<Date>,
    /// Neither confirm nor deny, where the Act allows it: `{citation, explanation, public-interest}`.
    #[serde(default)]
    ncnd: Option<Ncnd>,
    /// Paragraphs explaining the provision and why it applies: plain text, printed always,
    /// or `{when: [supplier], text: …}`, printed only for the questions named. May use
    /// `{authority}` and `{act}`.
    explanation: Vec<Passage>,
    /// The public interest test: required for a qualified exemption, refused otherwise.
    #[serde(default)]
    public_interest: Option<Factors>,
    /// Link to the regulator's guidance on the provision.
    guidance: String,
    /// Id of the equivalent provision in the other Act (`s33-1-b` for FOIA `s43-2`).
    #[serde(default)]
    counterpart: Option<String>,
}

/// A provision of an Act, with the wording used to explain it (one dated version).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exemption {
    /// Id relative to the Act, e.g. `s43-2`.
    pub id: String,
    /// The Act.
    pub act: Jurisdiction,
    /// The file it came from, as displayed (`(built in) exemptions/foia/s43-2.yaml`).
    pub(crate) file: String,
    /// As printed at the start of a sentence: `Section 43(2)`.
    pub citation: String,
    /// Short name: `Commercial interests`.
    pub title: String,
    /// Absolute, qualified or procedural.
    pub kind: ExemptionKind,
    /// Prejudice, class or none.
    pub(crate) test: Test,
    /// The first day the wording is good for; `None`: any day.
    pub(crate) good_from: Option<Date>,
    /// Neither confirm nor deny, where the Act provides it.
    pub(crate) ncnd: Option<Ncnd>,
    /// Paragraphs explaining the provision, with placeholders unfilled.
    pub(crate) explanation: Vec<Passage>,
    /// Public interest factors (qualified exemptions only).
    pub public_interest: Option<Factors>,
    /// The regulator's guidance.
    pub(crate) guidance: String,
    /// The equivalent provision in the other Act.
    pub(crate) counterpart: Option<String>,
}

/// Placeholders an exemption's wording may use.
pub(crate) const PLACEHOLDERS: &[&str] = &["authority", "act"];

macro_rules! builtin {
    ($($act:literal / $id:literal),* $(,)?) => {
        &[$(($act, $id, include_str!(concat!("../exemptions/", $act, "/", $id, ".yaml")))),*]
    };
}

/// The built-in library: (act, file stem, YAML).
pub const BUILTIN: &[(&str, &str, &str)] = builtin![
    "foia" / "s12",
    "foia" / "s14-1",
    "foia" / "s14-2",
    "foia" / "s21",
    "foia" / "s22",
    "foia" / "s31-1-a",
    "foia" / "s40-2",
    "foia" / "s43-1",
    "foia" / "s43-2",
    "foisa" / "s12",
    "foisa" / "s14-1",
    "foisa" / "s14-2",
    "foisa" / "s25",
    "foisa" / "s27",
    "foisa" / "s33-1-a",
    "foisa" / "s33-1-b",
    "foisa" / "s35-1-a",
    "foisa" / "s38-1-b",
];

/// The versions of one provision with the file stem each came from, oldest first (undated
/// wording counts as the oldest). Kept in order as files are added, since every answer's
/// exemptions are looked up here.
#[derive(Debug, Clone, Default)]
struct Versions {
    list: Vec<(String, Arc<Exemption>)>,
}

impl Versions {
    fn newest(&self) -> Option<&Arc<Exemption>> {
        self.list.last().map(|(_, e)| e)
    }

    fn insert(&mut self, stem: &str, exemption: Arc<Exemption>) {
        self.list.retain(|(file, _)| file != stem);
        let at = self.list.partition_point(|(_, e)| e.good_from <= exemption.good_from);
        self.list.insert(at, (stem.to_owned(), exemption));
    }
}

/// The exemptions available to a casebook, by Act and id.
#[derive(Debug, Clone, Default)]
pub struct Library {
    acts: BTreeMap<Jurisdiction, BTreeMap<String, Versions>>,
}

impl Library {
    /// Adds the exemption file `file` (`exemptions/<act>/<stem>.yaml`), as parsed, after
    /// checking it: a file with errors adds its findings and nothing else.
    pub(crate) fn add(
        &mut self,
        act: Jurisdiction,
        stem: &str,
        file: &SourceFile,
        parsed: ExemptionFile,
        findings: &mut Vec<Finding>,
    ) {
        // `s40-2.dpa-1998` is another version of `s40-2`: ids never hold a dot.
        let id = stem.split('.').next().unwrap_or(stem);
        let before = findings.len();
        check(&parsed, act, id, file, findings);
        let versions = self.acts.entry(act).or_default().entry(id.to_owned()).or_default();
        // A casebook file of the same name replaces the built-in one (if it has no errors:
        // otherwise the built-in wording stays); files of other names are other versions.
        let twin =
            versions.list.iter().find(|(file, e)| file.as_str() != stem && e.good_from == parsed.good_from);
        if let Some((_, twin)) = twin {
            let when = parsed.good_from.map_or("any day".to_owned(), |d| format!("{d}"));
            findings.push(
                Finding::error(
                    file,
                    &FieldPath::key("good-from"),
                    format!("{} already has wording good from {when}, in {}", parsed.citation, twin.file),
                )
                .hint("give each version of a provision its own `good-from` date"),
            );
        }
        if findings.len() > before {
            return;
        }
        let exemption = Exemption {
            id: id.to_owned(),
            act,
            file: file.path().display().to_string(),
            citation: parsed.citation,
            title: parsed.title,
            kind: parsed.kind,
            test: parsed.test,
            good_from: parsed.good_from,
            ncnd: parsed.ncnd,
            explanation: parsed.explanation,
            public_interest: parsed.public_interest,
            guidance: parsed.guidance,
            counterpart: parsed.counterpart,
        };
        versions.insert(stem, Arc::new(exemption));
    }

    /// The exemption `id` under `act`, if the library has it: its newest wording.
    pub(crate) fn get(&self, act: Jurisdiction, id: &str) -> Option<&Arc<Exemption>> {
        self.acts.get(&act)?.get(id)?.newest()
    }

    /// The wording of `id` under `act` in force on `day`: the newest version good from that
    /// day or earlier. `None` when every version is good only from a later day.
    pub(crate) fn at(&self, act: Jurisdiction, id: &str, day: Date) -> Option<&Arc<Exemption>> {
        self.acts
            .get(&act)?
            .get(id)?
            .list
            .iter()
            .rev()
            .map(|(_, e)| e)
            .find(|e| e.good_from.is_none_or(|d| d <= day))
    }

    /// Every version of `id` under `act`, oldest first.
    pub(crate) fn versions(&self, act: Jurisdiction, id: &str) -> Vec<&Arc<Exemption>> {
        self.acts
            .get(&act)
            .and_then(|m| m.get(id))
            .map_or_else(Vec::new, |v| v.list.iter().map(|(_, e)| e).collect())
    }

    /// Every id under `act`, sorted.
    pub(crate) fn ids(&self, act: Jurisdiction) -> Vec<&str> {
        self.acts.get(&act).map(|m| m.keys().map(String::as_str).collect()).unwrap_or_default()
    }

    /// Every exemption's newest wording, by Act then id.
    pub fn all(&self) -> impl Iterator<Item = &Arc<Exemption>> {
        self.acts.values().flat_map(|m| m.values()).filter_map(Versions::newest)
    }

    /// A finding for an id that `act` does not have, with the best hint: the counterpart
    /// when the id belongs to the other Act, else the nearest id.
    pub(crate) fn unknown(&self, act: Jurisdiction, id: &str, finding: Finding) -> Finding {
        let foreign = Jurisdiction::all()
            .filter(|other| *other != act)
            .find_map(|other| self.get(other, id).map(|foreign| (other, foreign)));
        if let Some((other, foreign)) = foreign {
            let act_name = act.as_str().to_uppercase();
            return match &foreign.counterpart {
                Some(counterpart) => finding.hint(format!(
                    "`{id}` is {} of {}; under {act_name} use `{counterpart}`",
                    foreign.citation,
                    other.as_str().to_uppercase()
                )),
                None => finding.hint(format!(
                    "`{id}` is {} of {}, which has no counterpart under {act_name}",
                    foreign.citation,
                    other.as_str().to_uppercase()
                )),
            };
        }
        finding.suggest(id, self.ids(act))
    }
}

fn check_factors(factors: &Factors, at: &FieldPath, file: &SourceFile, findings: &mut Vec<Finding>) {
    if factors.for_disclosure.is_empty()
        || factors.against_disclosure.is_empty()
        || factors.conclusion.trim().is_empty()
    {
        findings.push(Finding::error(
            file,
            at,
            "the public interest test needs factors `for`, factors `against` and a `conclusion`",
        ));
    }
}

fn check(
    parsed: &ExemptionFile,
    act: Jurisdiction,
    id: &str,
    file: &SourceFile,
    findings: &mut Vec<Finding>,
) {
    let here = |key: &str| FieldPath::key(key);
    // Citation and title head a section of the letter (and a PDF's outline).
    for (key, text) in [("citation", &parsed.citation), ("title", &parsed.title)] {
        let length = text.chars().count();
        if length > crate::model::MAX_TITLE {
            findings.push(Finding::error(
                file,
                &here(key),
                format!(
                    "the exemption's {key} is {length} characters long; a heading may have at most {}",
                    crate::model::MAX_TITLE
                ),
            ));
        }
    }
    match (parsed.kind, &parsed.public_interest) {
        (ExemptionKind::Qualified, None) => findings.push(
            Finding::error(file, &FieldPath::root(), "a qualified exemption needs `public-interest`")
                .hint("give `for`, `against` and `conclusion`: the public interest test is part of every refusal under it"),
        ),
        (ExemptionKind::Qualified, Some(pit)) => check_factors(pit, &here("public-interest"), file, findings),
        (_, Some(_)) => findings.push(
            Finding::error(file, &here("public-interest"), "only a qualified exemption has a public interest test")
                .hint("remove `public-interest`, or change `kind` to `qualified`"),
        ),
        (_, None) => {}
    }
    match (parsed.kind, parsed.test) {
        (ExemptionKind::Procedural, Test::None) => {}
        (ExemptionKind::Procedural, _) => {
            findings.push(Finding::error(file, &here("test"), "a procedural refusal has `test: none`"))
        }
        (_, Test::None) => findings.push(Finding::error(
            file,
            &here("test"),
            "an exemption's test is `prejudice` or `class`",
        )),
        _ => {}
    }
    if parsed.explanation.is_empty() {
        findings.push(Finding::error(
            file,
            &here("explanation"),
            "the explanation needs at least one paragraph",
        ));
    }
    if let Some(ncnd) = &parsed.ncnd {
        let at = here("ncnd");
        if parsed.kind == ExemptionKind::Procedural {
            findings.push(
                Finding::error(
                    file,
                    &at,
                    "a procedural refusal has no neither-confirm-nor-deny provision here",
                )
                .hint("remove `ncnd`: s.12 and s.14 refuse the whole request"),
            );
        }
        if ncnd.explanation.is_empty() {
            findings.push(
                Finding::error(file, &at.at("explanation"), "say why confirming or denying would itself cause harm")
                    .hint("FOIA s.17(1)(c) and FOISA s.16(1)(d) require the reason, unless giving it would reveal exempt information"),
            );
        }
        // Which exclusions of the duty to confirm or deny have their own public interest
        // test, and which exemptions allow one at all, is the Act's (`ncnd` in
        // jurisdictions.yaml: FOIA s.2(1)(b), FOISA s.18(1)).
        let rule = &act.act().ncnd;
        let needs_test = match rule.public_interest_test {
            NcndTest::Always => true,
            NcndTest::Qualified => parsed.kind == ExemptionKind::Qualified,
        };
        match (&ncnd.public_interest, needs_test) {
            (Some(pit), true) => check_factors(pit, &at.at("public-interest"), file, findings),
            (None, true) => findings.push(
                Finding::error(file, &at, "neither confirm nor deny needs its own public interest test here")
                    .hint(rule.public_interest_hint.clone()),
            ),
            (Some(_), false) => findings.push(
                Finding::error(
                    file,
                    &at.at("public-interest"),
                    "an absolute exemption has no public interest test, for confirming or denying either",
                )
                .hint("remove `ncnd.public-interest`"),
            ),
            (None, false) => {}
        }
        if let Some(only) = rule.only_for.as_ref().filter(|only| !only.allows(id)) {
            findings.push(
                Finding::error(
                    file,
                    &at,
                    format!(
                        "{} does not allow neither confirm nor deny under {}",
                        only.section,
                        lower_first(&parsed.citation)
                    ),
                )
                .hint(only.hint.clone()),
            );
        }
    }
    let mut texts: Vec<(FieldPath, &str)> = Vec::new();
    passages(&mut texts, here("explanation"), &parsed.explanation);
    if let Some(pit) = &parsed.public_interest {
        factors(&mut texts, here("public-interest"), pit);
    }
    if let Some(ncnd) = &parsed.ncnd {
        passages(&mut texts, here("ncnd").at("explanation"), &ncnd.explanation);
        if let Some(pit) = &ncnd.public_interest {
            factors(&mut texts, here("ncnd").at("public-interest"), pit);
        }
    }
    for (path, text) in texts {
        if let Err(bad) = check_placeholders(text) {
            findings.push(
                Finding::error(file, &path, format!("unknown placeholder `{{{bad}}}`"))
                    .suggest(&bad, PLACEHOLDERS.iter().copied()),
            );
        }
    }
}

/// `Section 27(1)` → `section 27(1)`, for use mid-sentence.
fn lower_first(citation: &str) -> String {
    let mut chars = citation.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// Adds each passage of `list` to `texts`, with its place under `base`.
fn passages<'a>(texts: &mut Vec<(FieldPath, &'a str)>, base: FieldPath, list: &'a [Passage]) {
    texts.extend(list.iter().enumerate().map(|(i, p)| (base.index(i), p.text.as_str())));
}

/// Adds a public interest test's factors and conclusion to `texts`.
fn factors<'a>(texts: &mut Vec<(FieldPath, &'a str)>, base: FieldPath, pit: &'a Factors) {
    passages(texts, base.at("for"), &pit.for_disclosure);
    passages(texts, base.at("against"), &pit.against_disclosure);
    texts.push((base.at("conclusion"), pit.conclusion.as_str()));
}

/// Checks that `text` uses only known placeholders; returns the first unknown one.
fn check_placeholders(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(after.chars().take(20).collect());
        };
        let name = &after[..close];
        if !PLACEHOLDERS.contains(&name) {
            return Err(name.to_owned());
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

/// Fills the placeholders of an exemption's wording: `authority` is the authority as named
/// mid-sentence ("the London Borough of …"), `act` the Act's name.
pub(crate) fn fill(text: &str, authority: &str, act: &str) -> String {
    text.replace("{authority}", authority).replace("{act}", act)
}

/// The passages of `list` that hold for `facts`, filled in.
pub(crate) fn filled(list: &[Passage], facts: &Facts, authority: &str, act: &str) -> Vec<String> {
    select(list, facts).into_iter().map(|text| fill(text, authority, act)).collect()
}

/// The public interest test for `facts`, filled in.
pub(crate) fn public_interest(
    factors: &Factors,
    facts: &Facts,
    authority: &str,
    act: &str,
) -> PublicInterest {
    PublicInterest {
        for_disclosure: filled(&factors.for_disclosure, facts, authority, act),
        against_disclosure: filled(&factors.against_disclosure, facts, authority, act),
        conclusion: fill(&factors.conclusion, authority, act),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jurisdiction::tests::{foia, foisa};

    fn builtin() -> Library {
        let (library, findings) = crate::load::exemptions::library(None);
        assert!(findings.is_empty(), "built-in library has problems: {findings:#?}");
        library
    }

    #[test]
    fn every_builtin_file_is_listed() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("exemptions");
        let mut on_disk = Vec::new();
        for folder in std::fs::read_dir(&root).expect("exemptions folder") {
            let folder = folder.expect("entry");
            if !folder.path().is_dir() {
                continue;
            }
            let folder = folder.file_name().to_string_lossy().into_owned();
            assert!(
                Jurisdiction::named(&folder).is_some(),
                "exemptions/{folder}/ is no Act of jurisdictions.yaml"
            );
        }
        for act in Jurisdiction::ids() {
            for entry in std::fs::read_dir(root.join(act)).expect("exemptions folder") {
                let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
                if let Some(id) = name.strip_suffix(".yaml") {
                    on_disk.push((act.to_owned(), id.to_owned()));
                }
            }
        }
        on_disk.sort();
        let mut listed: Vec<(String, String)> =
            BUILTIN.iter().map(|(a, i, _)| ((*a).to_owned(), (*i).to_owned())).collect();
        listed.sort();
        assert_eq!(on_disk, listed);
    }

    #[test]
    fn the_catalogue_is_complete() {
        let library = builtin();
        let foia = ["s12", "s14-1", "s14-2", "s21", "s22", "s31-1-a", "s40-2", "s43-1", "s43-2"];
        let foisa = ["s12", "s14-1", "s14-2", "s25", "s27", "s33-1-a", "s33-1-b", "s35-1-a", "s38-1-b"];
        assert_eq!(library.ids(crate::jurisdiction::tests::foia()), foia.to_vec());
        assert_eq!(library.ids(crate::jurisdiction::tests::foisa()), foisa.to_vec());
        for exemption in library.all() {
            let qualified = exemption.kind == ExemptionKind::Qualified;
            assert_eq!(qualified, exemption.public_interest.is_some(), "{}", exemption.id);
            assert!(exemption.guidance.starts_with("https://"), "{}", exemption.id);
        }
    }

    #[test]
    fn every_foia_exemption_has_its_foisa_counterpart_and_back() {
        let library = builtin();
        for (act, other) in [(foia(), foisa()), (foisa(), foia())] {
            for id in library.ids(act) {
                let exemption = library.get(act, id).expect("listed");
                let counterpart =
                    exemption.counterpart.as_deref().unwrap_or_else(|| panic!("{id} has no counterpart"));
                let back =
                    library.get(other, counterpart).unwrap_or_else(|| panic!("{id} → {counterpart} missing"));
                assert_eq!(back.counterpart.as_deref(), Some(id), "{counterpart} should point back to {id}");
                assert_eq!(back.kind, exemption.kind, "{id} and {counterpart} differ in kind");
            }
        }
    }

    #[test]
    fn placeholders_are_checked_and_filled() {
        assert_eq!(check_placeholders("{authority} under {act}"), Ok(()));
        assert_eq!(check_placeholders("{council}"), Err("council".into()));
        assert_eq!(
            fill("{authority} relies on {act}.", "Hastings Borough Council", "the Act"),
            "Hastings Borough Council relies on the Act."
        );
    }

    #[test]
    fn a_qualified_exemption_without_factors_is_refused() {
        let file = SourceFile::new(
            "exemptions/foia/s36.yaml",
            "citation: Section 36\ntitle: Conduct of public affairs\nkind: qualified\ntest: prejudice\nexplanation: [x]\nguidance: https://ico.org.uk\n".into(),
        );
        let mut library = Library::default();
        let mut findings = Vec::new();
        crate::load::exemptions::add(&mut library, foia(), "s36", &file, &mut findings);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("needs `public-interest`"));
        assert!(library.get(foia(), "s36").is_none());
    }

    #[test]
    fn every_neither_confirm_nor_deny_has_its_own_reasons_and_the_test_its_act_needs() {
        let library = builtin();
        for exemption in library.all() {
            let Some(ncnd) = &exemption.ncnd else { continue };
            let id = format!("{:?} {}", exemption.act, exemption.id);
            assert!(!ncnd.explanation.is_empty(), "{id}");
            let needs_test = exemption.act == foisa() || exemption.kind == ExemptionKind::Qualified;
            assert_eq!(ncnd.public_interest.is_some(), needs_test, "{id}: FOIA s.2(1)(b); FOISA s.18(1)");
            // The wording must not take for granted that the information exists.
            for passage in &ncnd.explanation {
                for assumes in
                    ["information withheld", "withheld information", "the information you asked for"]
                {
                    assert!(!passage.text.contains(assumes), "{id}: `{assumes}` in {}", passage.text);
                }
            }
        }
    }

    /// Regression: s.43(1) claimed `ncnd: Section 43(3)`, which lifts the duty to confirm or
    /// deny only for the commercial interests of s.43(2) (issue 13).
    #[test]
    fn trade_secrets_have_no_neither_confirm_nor_deny_under_foia() {
        let library = builtin();
        assert!(library.get(foia(), "s43-1").expect("s43-1").ncnd.is_none());
        let s43_2 = library.get(foia(), "s43-2").expect("s43-2");
        assert_eq!(s43_2.ncnd.as_ref().map(|n| n.citation.as_str()), Some("Section 43(3)"));
    }

    #[test]
    fn foisa_allows_neither_confirm_nor_deny_only_where_section_18_does() {
        for (id, allowed) in [
            ("s25", false),
            ("s27", false),
            ("s28", true),
            ("s33-1-b", true),
            ("s35-1-a", true),
            ("s36-2", false),
            ("s38-1-b", true),
            ("s39-1", true),
            ("s39-2", false),
            ("s41", true),
        ] {
            let limit = foisa().act().ncnd.only_for.as_ref().expect("FOISA s.18(1) limits NCND");
            assert_eq!(limit.allows(id), allowed, "{id}");
        }
    }

    #[test]
    fn wording_is_chosen_by_the_day_and_a_version_can_be_added() {
        let mut library = builtin();
        let day = |s: &str| Date(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date"));
        assert!(library.at(foia(), "s40-2", day("2020-12-31")).is_none(), "before the UK GDPR");
        assert!(library.at(foia(), "s40-2", day("2021-01-01")).is_some());
        let older = SourceFile::new(
            "exemptions/foia/s40-2.dpa-1998.yaml",
            "citation: Section 40(2)\ntitle: Personal information\nkind: absolute\ntest: class\ngood-from: 2005-01-01\nexplanation: [Under the Data Protection Act 1998.]\nguidance: https://ico.org.uk\n".into(),
        );
        let mut findings = Vec::new();
        crate::load::exemptions::add(&mut library, foia(), "s40-2.dpa-1998", &older, &mut findings);
        assert!(findings.is_empty(), "{findings:?}");
        let then = library.at(foia(), "s40-2", day("2013-05-01")).expect("the older version");
        assert_eq!(then.explanation[0].text, "Under the Data Protection Act 1998.");
        let now = library.at(foia(), "s40-2", day("2024-05-01")).expect("the newer version");
        assert!(now.explanation[0].text.contains("UK GDPR"));
        assert_eq!(library.get(foia(), "s40-2").map(|e| e.good_from), Some(Some(day("2021-01-01"))));
        assert_eq!(library.versions(foia(), "s40-2").len(), 2);
    }

    #[test]
    fn a_casebook_file_with_errors_leaves_the_built_in_wording_in_place() {
        let mut library = builtin();
        let broken = SourceFile::new("exemptions/foia/s43-2.yaml", "citation: Section 43(2)\n".into());
        let mut findings = Vec::new();
        crate::load::exemptions::add(&mut library, foia(), "s43-2", &broken, &mut findings);
        assert!(!findings.is_empty());
        assert!(library.get(foia(), "s43-2").is_some_and(|e| e.file.starts_with("(built in)")));
    }

    #[test]
    fn foreign_ids_point_to_the_counterpart() {
        let library = builtin();
        let file = SourceFile::new("x.yaml", "supplier: {withhold: [s43-2]}\n".into());
        let finding = Finding::error(&file, &FieldPath::key("supplier"), "unknown exemption");
        let finding = library.unknown(foisa(), "s43-2", finding);
        assert_eq!(
            finding.hint.as_deref(),
            Some("`s43-2` is Section 43(2) of FOIA; under FOISA use `s33-1-b`")
        );
    }
}
