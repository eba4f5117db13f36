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
//! How details are recognised in text is `watchlist`.
//!
//! The findings themselves must not give away what they protect: they name the file that
//! records the officer, never the officer, and their quoted lines mask every detail of the
//! person concerned ([`masks`] gives the casebook's private values for that).

use std::collections::BTreeMap;
use std::path::Path;

use super::watchlist::{Identity, Known, Searched, Watchlist, normalise};
use super::{Check, text};
use crate::casebook::{Answer, Casebook, Contract, Decision};
use crate::model::values::{Contact, Seniority, Value};
use crate::model::{ProfileFile, RequestFile};
use crate::questionnaire::{QuestionId, ValueKind};
use crate::report::{Finding, Severity};
use crate::source::{FieldPath, Masks, SourceFile};

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

    /// The owner's details, to mask in any finding about them.
    fn masks(&self) -> Masks {
        contact_masks(self.contact)
    }
}

/// The name, job title, telephone number and email address of a contact, to mask.
fn contact_masks(contact: &Contact) -> Masks {
    let mut masks = Masks::default();
    for detail in [&contact.name, &contact.phone, &contact.email].into_iter().flatten() {
        masks.add(detail);
    }
    masks
}

const WHY: &str = "a junior officer's name, telephone number and email address are withheld as \
                   personal data (FOIA s.40(2), FOISA s.38(1)(b)), so they must not appear anywhere published";

/// Checks the casebook's contracts and facts. `files` holds each contract's file by id.
///
/// `flawed` are the contracts with errors of their own: never used, but what they say is
/// checked here too, so that an unknown exemption does not hide a junior officer's name.
pub(super) fn casebook(
    casebook: &Casebook,
    flawed: &BTreeMap<String, Contract>,
    profile: &SourceFile,
    raw: &ProfileFile,
    files: &BTreeMap<String, SourceFile>,
    findings: &mut Vec<Finding>,
) {
    let mut owners = owners(casebook, profile, raw);
    owners.extend(flawed.values().flat_map(contract_owners));
    let juniors: Vec<&Owner> = owners.iter().filter(|o| o.contact.seniority == Seniority::Junior).collect();
    if juniors.is_empty() {
        return;
    }
    let by_path: BTreeMap<&Path, &SourceFile> = files.values().map(|f| (f.path(), f)).collect();
    let file_of = |owner_file: &Path| -> Option<&SourceFile> {
        if owner_file == profile.path() { Some(profile) } else { by_path.get(owner_file).copied() }
    };
    // Each junior officer normalised once: every owner is compared with every one of them.
    let known: Vec<Known> = juniors.iter().map(|j| Known::of(&j.identity())).collect();
    let junior_like = |who: &Known| juniors.iter().zip(&known).find(|(_, k)| who.same(k)).map(|(j, _)| *j);
    unique_titles(&juniors, &known, &file_of, findings);
    for owner in owners.iter().filter(|o| o.disclosed) {
        let Some(file) = file_of(owner.file) else { continue };
        if owner.contact.seniority == Seniority::Senior
            && let Some(junior) = junior_like(&Known::of(&owner.identity()))
        {
            findings.push(
                Finding::error(
                    file,
                    &owner.path.at("seniority"),
                    format!(
                        "this contract owner is marked senior here but junior in {}: their name, \
                             telephone number and email address would be published",
                        junior.file.display()
                    ),
                )
                .hint("mark them the same in both files; if they are junior, name a senior officer instead")
                .mask(&owner.masks())
                .mask(&junior.masks()),
            );
        }
        if let Some(officer) = &owner.contact.senior_officer {
            let identity = Identity {
                name: Some(&officer.name),
                email: officer.email.as_deref(),
                phone: officer.phone.as_deref(),
            };
            if let Some(junior) = junior_like(&Known::of(&identity)) {
                findings.push(
                    Finding::error(
                        file,
                        &owner.path.at("senior-officer").at("name"),
                        format!(
                            "the senior officer named here is recorded as a junior officer in {}",
                            junior.file.display()
                        ),
                    )
                    .hint("name an officer who is senior; a junior one's name would be published")
                    .mask(&junior.masks()),
                );
            }
        }
    }
    let mut texts: Vec<(&SourceFile, Vec<text::Published>)> = Vec::new();
    for (id, contract) in casebook.contracts.iter().chain(flawed) {
        if let Some(file) = files.get(id) {
            texts.push((file, text::contract(contract)));
        }
    }
    for authority in &casebook.authorities {
        texts.push((profile, text::authority(authority, &authority_path(raw, &authority.id))));
    }
    let watch = Watchlist::new(juniors.iter().map(|j| j.identity()));
    for (file, published) in texts {
        for (path, text) in published {
            for (index, what) in watch.find(&text) {
                let junior = juniors[index];
                findings.push(
                    Finding::error(
                        file,
                        &path,
                        format!(
                            "this gives the {what} of a junior officer (the contract owner in {})",
                            junior.file.display()
                        ),
                    )
                    .hint(WHY)
                    .mask(&junior.masks()),
                );
            }
        }
    }
}

/// Requester details drafted by `foi intake` (`confirmed: false`) must be checked before
/// the response is published: they are what the check above looks for in published text,
/// so a wrong or missing name would let the real one through. Before that, they are only
/// a warning: the letter is addressed with them. The details themselves are never quoted.
pub(super) fn requester_confirmed(check: &mut Check, raw: &RequestFile) {
    let Some(requester) = raw.requester.as_ref().filter(|r| !r.confirmed) else { return };
    let path = FieldPath::key("requester").at("confirmed");
    let missing = requester.name.as_deref().is_none_or(|n| n.trim().is_empty())
        && requester.email.as_deref().is_none_or(|e| e.trim().is_empty());
    let what =
        if missing { "the requester is not filled in" } else { "the requester's details are not confirmed" };
    let hint = if missing {
        "`foi intake` found no name or email in the request: add them from the email it came in, then set \
         `confirmed: true` (or remove `requester:` if there is no one to name)"
    } else {
        "`foi intake` read them from the request: check the name and email against the email it came \
         in, then set `confirmed: true`"
    };
    if raw.publish {
        check.push(
            Finding::error(
                check.file,
                &path,
                format!("{what}: a response cannot be published until it is settled"),
            )
            .hint(hint),
        );
    } else {
        check.push(Finding::warning(check.file, &path, what.to_owned()).hint(hint));
    }
}

/// Warns about a junior officer whose job title no other junior officer in the casebook
/// shares, unless the casebook says whether one person holds the post: where one does, the
/// title alone identifies them (ICO guidance on requests for personal data about public
/// authority employees), so it may need withholding too. The title is not quoted: it may
/// be the very detail that identifies them.
/// `known` holds each junior officer's record, normalised, in the order of `juniors`.
fn unique_titles<'a>(
    juniors: &[&Owner<'a>],
    known: &[Known],
    file_of: &dyn Fn(&Path) -> Option<&'a SourceFile>,
    findings: &mut Vec<Finding>,
) {
    let titles: Vec<Option<String>> =
        juniors.iter().map(|o| o.contact.job_title.as_deref().map(normalise)).collect();
    for (i, owner) in juniors.iter().enumerate() {
        if !owner.disclosed || owner.contact.unique_post.is_some() {
            continue;
        }
        let Some(mine) = &titles[i] else { continue };
        let shared = (0..juniors.len()).any(|j| {
            !std::ptr::eq(juniors[j], *owner) && titles[j].as_ref() == Some(mine) && !known[i].same(&known[j])
        });
        if shared {
            continue;
        }
        let Some(file) = file_of(owner.file) else { continue };
        findings.push(
            Finding::warning(
                file,
                &owner.path.at("seniority"),
                "no other junior officer in the casebook has this job title: if one person holds the post, the title alone identifies them",
            )
            .hint("write `unique-post: true` to withhold the job title as well, or `unique-post: false` if others share the post"),
        );
    }
}

/// Checks a request's own published text for the requester's identity and for junior
/// officers' details.
///
/// `texts` is the request's published text ([`text::request`]), worked out once for this
/// and the other checks of the request.
pub(super) fn request(check: &mut Check, juniors: &Juniors, raw: &RequestFile, texts: &[text::Published]) {
    if texts.is_empty() {
        return;
    }
    // Each text normalised once for both searches: the requester's and the juniors'.
    let searched: Vec<Searched> = texts.iter().map(|(_, text)| Searched::of(text)).collect();
    if let Some(requester) = &raw.requester {
        let identity =
            Identity { name: requester.name.as_deref(), email: requester.email.as_deref(), phone: None };
        let severity = if raw.publish { Severity::Error } else { Severity::Warning };
        let watch = Watchlist::new(std::iter::once(identity));
        for ((path, _), text) in texts.iter().zip(&searched) {
            for (_, what) in watch.find_in(text) {
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
    for ((path, _), text) in texts.iter().zip(&searched) {
        for (index, what) in juniors.watch.find_in(text) {
            let (masks, file) = &juniors.named[index];
            check.push(
                Finding::error(
                    check.file,
                    path,
                    format!(
                        "this gives the {what} of a junior officer (the contract owner in {})",
                        file.display()
                    ),
                )
                .hint(WHY)
                .mask(masks),
            );
        }
    }
}

/// The casebook's junior contract owners, ready to search request text for: built once per
/// run over a casebook's requests, since every request is searched.
#[derive(Debug)]
pub(crate) struct Juniors {
    /// Each one's details (to mask in findings) and the file recording them.
    named: Vec<(Masks, std::path::PathBuf)>,
    watch: Watchlist,
}

impl Juniors {
    /// The junior contract owners of `casebook`.
    pub(super) fn of(casebook: &Casebook) -> Self {
        let owners = owners_in_contracts(casebook);
        let juniors: Vec<&Owner> =
            owners.iter().filter(|o| o.contact.seniority == Seniority::Junior).collect();
        Self {
            named: juniors.iter().map(|j| (j.masks(), j.file.to_path_buf())).collect(),
            watch: Watchlist::new(juniors.iter().map(|j| j.identity())),
        }
    }
}

/// The casebook's private values, to mask in any diagnostic about any file: every junior
/// contract owner's name, telephone number and email address, and every withheld value of
/// the contracts and of the authorities' facts.
pub(crate) fn masks(casebook: &Casebook) -> Masks {
    let mut masks = Masks::default();
    let answers = casebook
        .contracts
        .values()
        .flat_map(|c| c.answers.values())
        .chain(casebook.authorities.iter().flat_map(|a| a.facts.values()));
    for answer in answers {
        match answer {
            Answer::Value(Value::Contact(contact)) if contact.seniority != Seniority::Senior => {
                masks.extend(&contact_masks(contact));
            }
            Answer::Decision(Decision::Withhold { held: Some(value), .. }) => add_value(&mut masks, value),
            _ => {}
        }
    }
    masks
}

/// Every way a withheld value could be written elsewhere.
fn add_value(masks: &mut Masks, value: &Value) {
    match value {
        Value::Text(text) => masks.add(text),
        Value::Count(crate::model::values::Count::Number(n)) => {
            masks.add(&n.to_string());
            masks.add(&thousands(&n.to_string()));
        }
        Value::Count(crate::model::values::Count::Words(words)) => masks.add(words),
        Value::Date(date) => masks.add(&date.to_string()),
        Value::Money(money) => {
            if money.amount.fract() == 0.0 && money.amount.abs() < 1e15 {
                let whole = format!("{:.0}", money.amount);
                masks.add(&whole);
                masks.add(&thousands(&whole));
            } else {
                masks.add(&money.amount.to_string());
            }
        }
        Value::Duration(duration) => {
            masks.add(&duration.term);
            if let Some(extensions) = &duration.extensions {
                masks.add(extensions);
            }
        }
        Value::Contact(contact) => {
            masks.extend(&contact_masks(contact));
            if let Some(title) = &contact.job_title {
                masks.add(title);
            }
        }
        Value::List(items) => items.iter().for_each(|item| masks.add(item)),
    }
}

/// `18250` as letters print it: `18,250`.
fn thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The questions whose answer is a person: the contract owner (`contact`), and any other
/// `person` field a questionnaire declares. Each gets the same checks (s.40(2)).
fn person_questions() -> impl Iterator<Item = QuestionId> {
    QuestionId::all().iter().copied().filter(|q| q.kind() == ValueKind::Person)
}

/// Every person named in the casebook: contracts, then each authority's facts.
fn owners<'a>(casebook: &'a Casebook, profile: &'a SourceFile, raw: &ProfileFile) -> Vec<Owner<'a>> {
    let mut out = owners_in_contracts(casebook);
    for authority in &casebook.authorities {
        for question in person_questions() {
            let base = authority_path(raw, &authority.id).at("facts").at(question.as_str());
            if let Some(owner) = owner(authority.facts.get(&question), profile.path(), base) {
                out.push(owner);
            }
        }
    }
    out
}

fn owners_in_contracts(casebook: &Casebook) -> Vec<Owner<'_>> {
    casebook.contracts.values().flat_map(contract_owners).collect()
}

/// The people a contract names: its owner and any other `person` field answered.
fn contract_owners(contract: &Contract) -> Vec<Owner<'_>> {
    person_questions()
        .filter_map(|question| {
            owner(contract.answers.get(&question), &contract.file, FieldPath::key(question.as_str()))
        })
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
