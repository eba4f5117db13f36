//! Personal data that must not be published: junior officers' details and the requester's
//! identity.
//!
//! The rules withhold a junior contract owner's name, telephone number and email address
//! automatically (FOIA s.40(2), FOISA s.38(1)(b); the ICO expects junior staff to have a
//! stronger expectation of privacy than senior ones). These checks look for the ways those
//! details could still reach the public: the same person marked senior in another contract,
//! named as the `senior-officer`, or written into any other published text. The requester's
//! identity belongs in the letter only, never in what is published (applicant-blind
//! disclosure; ICO guidance on disclosure logs), so it must not appear in published text.
//!
//! Matching is deliberately plain: whole-word names (of at least four letters, so initials
//! and short words do not match everywhere), email addresses and telephone numbers by their
//! digits, all ignoring case.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Check, text};
use crate::casebook::{Answer, Casebook, Decision};
use crate::model::values::{Contact, Seniority, Value};
use crate::model::{ProfileFile, RequestFile};
use crate::questionnaire::QuestionId;
use crate::report::{Finding, Severity};
use crate::source::{FieldPath, SourceFile};

/// Who someone is, as far as published text could give them away.
struct Identity<'a> {
    name: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
}

/// A contract owner recorded somewhere in the casebook.
struct Owner<'a> {
    contact: &'a Contact,
    /// Whether the answer discloses the contact (rather than withholding it all).
    disclosed: bool,
    file: &'a Path,
    path: FieldPath,
}

impl Owner<'_> {
    fn identity(&self) -> Identity<'_> {
        let c = self.contact;
        Identity { name: c.name.as_deref(), email: c.email.as_deref(), phone: c.phone.as_deref() }
    }

    fn who(&self) -> String {
        self.contact
            .name
            .clone()
            .or_else(|| self.contact.email.clone())
            .unwrap_or_else(|| "a junior officer".into())
    }
}

const WHY: &str = "a junior officer's name, telephone number and email address are withheld as \
                   personal data (FOIA s.40(2), FOISA s.38(1)(b)), so they must not appear anywhere published";

/// Checks the casebook's contracts and facts. `files` holds each contract's file by id.
pub(super) fn casebook(
    casebook: &Casebook,
    profile: &SourceFile,
    raw: &ProfileFile,
    files: &BTreeMap<String, SourceFile>,
    findings: &mut Vec<Finding>,
) {
    let owners = owners(casebook, profile, raw);
    let juniors: Vec<&Owner> = owners.iter().filter(|o| o.contact.seniority == Seniority::Junior).collect();
    if juniors.is_empty() {
        return;
    }
    let file_of = |owner_file: &Path| -> Option<&SourceFile> {
        if owner_file == profile.path() {
            Some(profile)
        } else {
            files.values().find(|f| f.path() == owner_file)
        }
    };
    for owner in owners.iter().filter(|o| o.disclosed) {
        let Some(file) = file_of(owner.file) else { continue };
        if owner.contact.seniority == Seniority::Senior {
            if let Some(junior) = juniors.iter().find(|j| same_person(&owner.identity(), &j.identity())) {
                findings.push(
                    Finding::error(
                        file,
                        &owner.path.at("seniority"),
                        format!(
                            "{} is marked senior here but junior in {}: their name, telephone number \
                             and email address would be published",
                            owner.who(),
                            junior.file.display()
                        ),
                    )
                    .hint(
                        "mark them the same in both files; if they are junior, name a senior officer instead",
                    ),
                );
            }
        }
        if let Some(officer) = &owner.contact.senior_officer {
            let identity = Identity {
                name: Some(&officer.name),
                email: officer.email.as_deref(),
                phone: officer.phone.as_deref(),
            };
            if let Some(junior) = juniors.iter().find(|j| same_person(&identity, &j.identity())) {
                findings.push(
                    Finding::error(
                        file,
                        &owner.path.at("senior-officer").at("name"),
                        format!(
                            "the senior officer named here, {}, is recorded as a junior officer in {}",
                            officer.name,
                            junior.file.display()
                        ),
                    )
                    .hint("name an officer who is senior; a junior one's name would be published"),
                );
            }
        }
    }
    let mut texts: Vec<(&SourceFile, Vec<text::Published>)> = Vec::new();
    for (id, contract) in &casebook.contracts {
        if let Some(file) = files.get(id) {
            texts.push((file, text::contract(contract)));
        }
    }
    for authority in &casebook.authorities {
        texts.push((profile, text::authority(authority, &authority_path(raw, &authority.id))));
    }
    for (file, published) in texts {
        for (path, text) in published {
            for junior in &juniors {
                if let Some(what) = mentions(&text, &junior.identity()) {
                    findings.push(
                        Finding::error(
                            file,
                            &path,
                            format!(
                                "this gives the {what} of {}, a junior officer ({})",
                                junior.who(),
                                junior.file.display()
                            ),
                        )
                        .hint(WHY),
                    );
                }
            }
        }
    }
}

/// Checks a request's own published text for the requester's identity and for junior
/// officers' details.
pub(super) fn request(check: &mut Check, casebook: &Casebook, raw: &RequestFile) {
    let texts = text::request(raw);
    if texts.is_empty() {
        return;
    }
    if let Some(requester) = &raw.requester {
        let identity =
            Identity { name: requester.name.as_deref(), email: requester.email.as_deref(), phone: None };
        let severity = if raw.publish { Severity::Error } else { Severity::Warning };
        for (path, text) in &texts {
            if let Some(what) = mentions(text, &identity) {
                let location = check.file.locate(path);
                let mut hint = "the requester is named only in the letter addressed to them: remove their \
                                details from anything that is published"
                    .to_owned();
                if !raw.publish {
                    hint.push_str(
                        " (this request has `publish: false`, but the text would be published with it)",
                    );
                }
                let message = format!("the requester's {what} appears in text that is published");
                check.push(Finding::at(severity, check.file, path, location, message).hint(hint));
            }
        }
    }
    let owners = owners_in_contracts(casebook);
    for junior in owners.iter().filter(|o| o.contact.seniority == Seniority::Junior) {
        for (path, text) in &texts {
            if let Some(what) = mentions(text, &junior.identity()) {
                check.push(
                    Finding::error(
                        check.file,
                        path,
                        format!(
                            "this gives the {what} of {}, a junior officer ({})",
                            junior.who(),
                            junior.file.display()
                        ),
                    )
                    .hint(WHY),
                );
            }
        }
    }
}

/// Every contract owner in the casebook: contracts, then each authority's facts.
fn owners<'a>(casebook: &'a Casebook, profile: &'a SourceFile, raw: &ProfileFile) -> Vec<Owner<'a>> {
    let mut out = owners_in_contracts(casebook);
    for authority in &casebook.authorities {
        let base = authority_path(raw, &authority.id).at("facts").at(QuestionId::Contact.as_str());
        if let Some(owner) = owner(authority.facts.get(&QuestionId::Contact), profile.path(), base) {
            out.push(owner);
        }
    }
    out
}

fn owners_in_contracts(casebook: &Casebook) -> Vec<Owner<'_>> {
    casebook
        .contracts
        .values()
        .filter_map(|c| owner(c.answers.get(&QuestionId::Contact), &c.file, FieldPath::key("contact")))
        .collect()
}

fn owner<'a>(answer: Option<&'a Answer>, file: &'a Path, path: FieldPath) -> Option<Owner<'a>> {
    let (contact, disclosed, path) = match answer? {
        Answer::Value(Value::Contact(contact)) => (contact, true, path),
        Answer::Decision(Decision::Withhold { held: Some(Value::Contact(contact)), .. }) => {
            (contact, false, path.at("value"))
        }
        _ => return None,
    };
    Some(Owner { contact, disclosed, file, path })
}

/// Where an authority sits in foi.yaml.
fn authority_path(raw: &ProfileFile, id: &str) -> FieldPath {
    match &raw.authorities {
        Some(list) if raw.authority.is_none() => {
            let index = list.iter().position(|a| a.id.as_deref() == Some(id)).unwrap_or_default();
            FieldPath::key("authorities").index(index)
        }
        _ => FieldPath::key("authority"),
    }
}

/// Whether two records are the same person: the same email address, or the same name.
fn same_person(a: &Identity, b: &Identity) -> bool {
    let equal = |x: Option<&str>, y: Option<&str>| match (x, y) {
        (Some(x), Some(y)) => !x.trim().is_empty() && normalise(x) == normalise(y),
        _ => false,
    };
    equal(a.email, b.email) || (a.name.is_some_and(long_enough) && equal(a.name, b.name))
}

/// Which of someone's details `text` gives, if any.
fn mentions(text: &str, who: &Identity) -> Option<&'static str> {
    let haystack = normalise(text);
    if who.email.is_some_and(|email| !email.trim().is_empty() && haystack.contains(&normalise(email))) {
        return Some("email address");
    }
    if who.name.is_some_and(|name| long_enough(name) && contains_words(&haystack, &normalise(name))) {
        return Some("name");
    }
    if who.phone.is_some_and(|phone| contains_number(text, phone)) {
        return Some("telephone number");
    }
    None
}

/// Lower case, runs of white space as one space.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn long_enough(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphabetic()).count() >= 4
}

/// Whether `needle` occurs in `haystack` with no letter or digit joined on either side.
fn contains_words(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(found) = haystack[from..].find(needle) {
        let start = from + found;
        let end = start + needle.len();
        let before = haystack[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = haystack[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            return true;
        }
        from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Whether `text` contains the telephone number `phone`, however its digits are spaced.
/// Numbers of fewer than seven digits are not looked for: they could be anything.
fn contains_number(text: &str, phone: &str) -> bool {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 7 {
        return false;
    }
    let mut run = String::new();
    let mut runs = Vec::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else if run.is_empty() || !matches!(c, ' ' | '-' | '(' | ')' | '.' | '+') {
            runs.push(std::mem::take(&mut run));
        }
    }
    runs.push(run);
    runs.iter().any(|r| r.contains(&digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who<'a>(name: &'a str, email: &'a str, phone: &'a str) -> Identity<'a> {
        Identity { name: Some(name), email: Some(email), phone: Some(phone) }
    }

    #[test]
    fn names_match_as_whole_words_ignoring_case_and_spacing() {
        let priya = who("Priya Raman", "priya.raman@example.gov.uk", "01632 960733");
        assert_eq!(mentions("Managed by PRIYA  RAMAN in IT", &priya), Some("name"));
        assert_eq!(mentions("Priya Ramanathan", &priya), None);
        assert_eq!(mentions("write to Priya.Raman@example.gov.uk", &priya), Some("email address"));
        assert_eq!(mentions("call 01632-960733 today", &priya), Some("telephone number"));
        assert_eq!(mentions("call (01632) 960 733", &priya), Some("telephone number"));
        assert_eq!(mentions("Spend 1632960733.5", &priya), None, "not the whole number");
        assert_eq!(mentions("Unified communications", &priya), None);
    }

    #[test]
    fn short_names_and_numbers_are_not_looked_for() {
        let short = who("Al", "", "999");
        assert_eq!(mentions("Al will call 999", &short), None);
        assert!(!same_person(&who("Al", "", ""), &who("Al", "", "")));
        assert!(same_person(&who("Sam Okoro", "", ""), &who("sam okoro", "x@y", "")));
        assert!(same_person(&who("S. Okoro", "sam@x.gov.uk", ""), &who("Sam Okoro", "SAM@x.gov.uk", "")));
    }
}
