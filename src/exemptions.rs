//! The exemption library: what each provision says, and the public interest test for it.
//!
//! Owns the files in `exemptions/<act>/<id>.yaml` (embedded in the binary) and a casebook's
//! own `exemptions/` folder, which adds provisions or replaces built-in ones file by file.
//! It checks each entry is complete (a qualified exemption always has its public interest
//! factors; an absolute one never does). Which exemption applies to what is `rules`.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::load;
use crate::model::Jurisdiction;
use crate::report::Finding;
use crate::schema::FileKind;
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

/// The public interest factors for a qualified exemption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct PublicInterest {
    /// Factors in favour of disclosure.
    #[serde(rename(deserialize = "for"))]
    pub for_disclosure: Vec<String>,
    /// Factors in favour of maintaining the exemption.
    #[serde(rename(deserialize = "against"))]
    pub against_disclosure: Vec<String>,
    /// Why the balance falls where it does.
    pub conclusion: String,
}

/// An exemption file as written: `exemptions/<act>/<id>.yaml`, where the file name is the
/// id a casebook cites (`s43-2`).
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
    /// Citation of the provision lifting the duty to confirm or deny, where there is one.
    #[serde(default)]
    ncnd: Option<String>,
    /// Paragraphs explaining the provision; may use `{authority}` and `{act}`.
    explanation: Vec<String>,
    /// The public interest test: required for a qualified exemption, refused otherwise.
    #[serde(default)]
    public_interest: Option<PublicInterest>,
    /// Link to the regulator's guidance on the provision.
    guidance: String,
    /// Id of the equivalent provision in the other Act (`s33-1-b` for FOIA `s43-2`).
    #[serde(default)]
    counterpart: Option<String>,
}

/// A provision of an Act, with the wording used to explain it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exemption {
    /// Id relative to the Act, e.g. `s43-2`.
    pub id: String,
    /// The Act.
    pub act: Jurisdiction,
    /// As printed at the start of a sentence: `Section 43(2)`.
    pub citation: String,
    /// Short name: `Commercial interests`.
    pub title: String,
    /// Absolute, qualified or procedural.
    pub kind: ExemptionKind,
    /// Prejudice, class or none.
    pub test: Test,
    /// The provision lifting the duty to confirm or deny, where there is one.
    pub ncnd: Option<String>,
    /// Paragraphs explaining the provision, with placeholders unfilled.
    pub explanation: Vec<String>,
    /// Public interest factors (qualified exemptions only).
    pub public_interest: Option<PublicInterest>,
    /// The regulator's guidance.
    pub guidance: String,
    /// The equivalent provision in the other Act.
    pub counterpart: Option<String>,
}

/// Placeholders an exemption's wording may use.
pub const PLACEHOLDERS: &[&str] = &["authority", "act"];

macro_rules! builtin {
    ($($act:literal / $id:literal),* $(,)?) => {
        &[$(($act, $id, include_str!(concat!("../exemptions/", $act, "/", $id, ".yaml")))),*]
    };
}

/// The built-in library: (act, id, YAML).
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

/// The exemptions available to a casebook, by Act and id.
#[derive(Debug, Clone, Default)]
pub struct Library {
    acts: BTreeMap<Jurisdiction, BTreeMap<String, Arc<Exemption>>>,
}

impl Library {
    /// The built-in library, with the casebook's own files (if any) added or replacing
    /// built-in ones. Returns every problem found in any file.
    pub fn load(casebook_root: Option<&Path>) -> (Library, Vec<Finding>) {
        let mut library = Library::default();
        let mut findings = Vec::new();
        for (act, id, text) in BUILTIN {
            let file = SourceFile::new(format!("(built in) exemptions/{act}/{id}.yaml"), (*text).to_owned());
            library.add(act, id, &file, &mut findings);
        }
        if let Some(root) = casebook_root {
            for act in [Jurisdiction::Foia, Jurisdiction::Foisa] {
                let dir = root.join("exemptions").join(act.as_str());
                match load::yaml_files(root, &dir) {
                    Ok(files) => {
                        for (id, file) in files {
                            match file {
                                Ok(file) => library.add(act.as_str(), &id, &file, &mut findings),
                                Err(finding) => findings.push(*finding),
                            }
                        }
                    }
                    Err(finding) => findings.push(*finding),
                }
            }
        }
        (library, findings)
    }

    fn add(&mut self, act: &str, id: &str, file: &SourceFile, findings: &mut Vec<Finding>) {
        let act = match act {
            "foisa" => Jurisdiction::Foisa,
            _ => Jurisdiction::Foia,
        };
        let parsed: ExemptionFile = match load::deserialize(file, FileKind::Exemption) {
            Ok(parsed) => parsed,
            Err(more) => {
                findings.extend(more);
                return;
            }
        };
        let before = findings.len();
        check(&parsed, file, findings);
        if findings.len() > before {
            return;
        }
        let exemption = Exemption {
            id: id.to_owned(),
            act,
            citation: parsed.citation,
            title: parsed.title,
            kind: parsed.kind,
            test: parsed.test,
            ncnd: parsed.ncnd,
            explanation: parsed.explanation,
            public_interest: parsed.public_interest,
            guidance: parsed.guidance,
            counterpart: parsed.counterpart,
        };
        self.acts.entry(act).or_default().insert(id.to_owned(), Arc::new(exemption));
    }

    /// The exemption `id` under `act`, if the library has it.
    pub fn get(&self, act: Jurisdiction, id: &str) -> Option<&Arc<Exemption>> {
        self.acts.get(&act)?.get(id)
    }

    /// Every id under `act`, sorted.
    pub fn ids(&self, act: Jurisdiction) -> Vec<&str> {
        self.acts.get(&act).map(|m| m.keys().map(String::as_str).collect()).unwrap_or_default()
    }

    /// Every exemption, by Act then id.
    pub fn all(&self) -> impl Iterator<Item = &Arc<Exemption>> {
        self.acts.values().flat_map(BTreeMap::values)
    }

    /// A finding for an id that `act` does not have, with the best hint: the counterpart
    /// when the id belongs to the other Act, else the nearest id.
    pub fn unknown(&self, act: Jurisdiction, id: &str, finding: Finding) -> Finding {
        let other = match act {
            Jurisdiction::Foia => Jurisdiction::Foisa,
            Jurisdiction::Foisa => Jurisdiction::Foia,
        };
        if let Some(foreign) = self.get(other, id) {
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

fn check(parsed: &ExemptionFile, file: &SourceFile, findings: &mut Vec<Finding>) {
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
        (ExemptionKind::Qualified, Some(pit)) => {
            if pit.for_disclosure.is_empty() || pit.against_disclosure.is_empty() || pit.conclusion.trim().is_empty() {
                findings.push(Finding::error(
                    file,
                    &here("public-interest"),
                    "the public interest test needs factors `for`, factors `against` and a `conclusion`",
                ));
            }
        }
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
    let mut texts: Vec<(FieldPath, &str)> = parsed
        .explanation
        .iter()
        .enumerate()
        .map(|(i, p)| (here("explanation").index(i), p.as_str()))
        .collect();
    if let Some(pit) = &parsed.public_interest {
        let base = here("public-interest");
        texts.extend(
            pit.for_disclosure.iter().enumerate().map(|(i, p)| (base.at("for").index(i), p.as_str())),
        );
        texts.extend(
            pit.against_disclosure.iter().enumerate().map(|(i, p)| (base.at("against").index(i), p.as_str())),
        );
        texts.push((base.at("conclusion"), pit.conclusion.as_str()));
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

/// Fills the placeholders of an exemption's wording.
pub fn fill(text: &str, authority: &str, act: &str) -> String {
    text.replace("{authority}", authority).replace("{act}", act)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Library {
        let (library, findings) = Library::load(None);
        assert!(findings.is_empty(), "built-in library has problems: {findings:#?}");
        library
    }

    #[test]
    fn every_builtin_file_is_listed() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("exemptions");
        let mut on_disk = Vec::new();
        for act in ["foia", "foisa"] {
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
        assert_eq!(library.ids(Jurisdiction::Foia), foia.to_vec());
        assert_eq!(library.ids(Jurisdiction::Foisa), foisa.to_vec());
        for exemption in library.all() {
            let qualified = exemption.kind == ExemptionKind::Qualified;
            assert_eq!(qualified, exemption.public_interest.is_some(), "{}", exemption.id);
            assert!(exemption.guidance.starts_with("https://"), "{}", exemption.id);
        }
    }

    #[test]
    fn every_foia_exemption_has_its_foisa_counterpart_and_back() {
        let library = builtin();
        for (act, other) in
            [(Jurisdiction::Foia, Jurisdiction::Foisa), (Jurisdiction::Foisa, Jurisdiction::Foia)]
        {
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
        library.add("foia", "s36", &file, &mut findings);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("needs `public-interest`"));
        assert!(library.get(Jurisdiction::Foia, "s36").is_none());
    }

    #[test]
    fn foreign_ids_point_to_the_counterpart() {
        let library = builtin();
        let file = SourceFile::new("x.yaml", "supplier: {withhold: [s43-2]}\n".into());
        let finding = Finding::error(&file, &FieldPath::key("supplier"), "unknown exemption");
        let finding = library.unknown(Jurisdiction::Foisa, "s43-2", finding);
        assert_eq!(
            finding.hint.as_deref(),
            Some("`s43-2` is Section 43(2) of FOIA; under FOISA use `s33-1-b`")
        );
    }
}
