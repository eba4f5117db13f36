//! Checking `foi.yaml` and assembling the checked casebook.

use std::collections::{BTreeMap, BTreeSet};

use super::answer::Law;
use super::{Check, contract, deadline, is_id, personal_data};
use crate::casebook::{Authority, Casebook};
use crate::jurisdiction;
use crate::load::{Parsed, RawCasebook};
use crate::model::{self, AuthorityFile, Layout, ProfileFile};
use crate::questionnaire::Questionnaire;
use crate::report::Finding;
use crate::source::FieldPath;

/// Checks a parsed casebook. Returns what checked (contracts in error are left out, and
/// recorded so that requests do not report them again) and every finding.
pub fn casebook(raw: RawCasebook) -> (Casebook, Vec<Finding>) {
    let mut findings = Vec::new();
    let RawCasebook { root, profile, contracts: raw_contracts, library, broken } = raw;
    let mut broken_contracts: BTreeSet<String> = broken.into_iter().collect();
    let (authorities, shared_service, bank_holidays) = {
        let mut check = Check { file: &profile.file, findings: &mut findings };
        let authorities = authorities(&mut check, &profile, &library);
        let bank_holidays = deadline::bank_holidays(&mut check, &profile.data.bank_holidays);
        if profile.data.shared_service.as_ref().is_some_and(|service| service.name.trim().is_empty()) {
            let at = FieldPath::key("shared-service").at("name");
            check.push(Finding::error(
                check.file,
                &at,
                "the shared service needs a name: it signs every letter",
            ));
        }
        if let Some(service) = &profile.data.shared_service {
            check.heading(
                &FieldPath::key("shared-service").at("name"),
                &service.name,
                "the shared service's name",
            );
        }
        (authorities, profile.data.shared_service.clone(), bank_holidays)
    };
    let mut contracts = BTreeMap::new();
    let mut files = BTreeMap::new();
    for (id, parsed) in raw_contracts {
        let mut check = Check { file: &parsed.file, findings: &mut findings };
        match contract::check(&mut check, &id, parsed.data, &authorities, &library) {
            Some(contract) => {
                contracts.insert(id.clone(), contract);
            }
            None => {
                broken_contracts.insert(id.clone());
            }
        }
        files.insert(id, parsed.file);
    }
    let casebook = Casebook {
        root,
        authorities,
        shared_service,
        contracts,
        library,
        questionnaire: Questionnaire::builtin(),
        broken_contracts,
        bank_holidays,
        juniors: std::sync::OnceLock::new(),
    };
    personal_data::casebook(&casebook, &profile.file, &profile.data, &files, &mut findings);
    (casebook, findings)
}

fn authorities(
    check: &mut Check,
    profile: &Parsed<ProfileFile>,
    library: &crate::exemptions::Library,
) -> Vec<Authority> {
    let data = &profile.data;
    let (listed, base, several): (Vec<&AuthorityFile>, FieldPath, bool) =
        match (&data.authority, &data.authorities) {
            (Some(one), None) => (vec![one], FieldPath::key("authority"), false),
            (None, Some(many)) if !many.is_empty() => {
                (many.iter().collect(), FieldPath::key("authorities"), true)
            }
            (None, Some(_)) => {
                check.push(Finding::error(
                    check.file,
                    &FieldPath::key("authorities"),
                    "`authorities` is empty",
                ));
                return Vec::new();
            }
            (Some(_), Some(_)) => {
                check.push(
                Finding::error(
                    check.file,
                    &FieldPath::key("authorities"),
                    "give `authority` or `authorities`, not both",
                )
                .hint(
                    "`authority` for one authority; `authorities` (each with an `id`) for a shared service",
                ),
            );
                return Vec::new();
            }
            (None, None) => {
                check.push(
                    Finding::error(check.file, &FieldPath::root(), "foi.yaml names no authority")
                        .hint("add `authority:` with `name`, `jurisdiction` and `foi-team`"),
                );
                return Vec::new();
            }
        };
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (i, raw) in listed.into_iter().enumerate() {
        let path = if several { base.index(i) } else { base.clone() };
        let id = match &raw.id {
            Some(id) if !is_id(id) => {
                check.push(
                    Finding::error(check.file, &path.at("id"), format!("`{id}` is not a usable id"))
                        .hint("use lower-case letters, digits and hyphens, e.g. `tunbridge-wells`"),
                );
                continue;
            }
            Some(id) => id.clone(),
            None if several => {
                check
                    .push(Finding::error(check.file, &path, format!("{} needs an `id`", raw.name)).hint(
                        "contracts and requests name their authority by this id, e.g. `id: maidstone`",
                    ));
                continue;
            }
            None => String::new(),
        };
        if !seen.insert(id.clone()) {
            check.push(Finding::error(
                check.file,
                &path.at("id"),
                format!("authority id `{id}` is used twice"),
            ));
            continue;
        }
        out.push(authority(check, &path, id, raw, library));
    }
    out
}

fn authority(
    check: &mut Check,
    path: &FieldPath,
    id: String,
    raw: &AuthorityFile,
    library: &crate::exemptions::Library,
) -> Authority {
    let act = jurisdiction::act(raw.jurisdiction);
    let law = Law { library, jurisdiction: raw.jurisdiction, act };
    let mut facts = BTreeMap::new();
    for (question, answer) in raw.facts.answers() {
        let at = path.at("facts").at(question.as_str());
        if let Some(answer) = law.answer(check, &at, answer) {
            facts.insert(question, answer);
        }
    }
    let mut policy = BTreeMap::new();
    for (question, answer) in raw.policy.answers() {
        let at = path.at("policy").at(question.as_str());
        match answer {
            model::Answer::Decision(
                decision @ (model::Decision::Withhold { .. }
                | model::Decision::NeitherConfirmNorDeny { .. }
                | model::Decision::Published(_)),
            ) => {
                if let model::Decision::Withhold { value: Some(_), .. } = &decision {
                    check.push(Finding::warning(
                        check.file,
                        &at.at("value"),
                        "house policy holds no values: `value` here is ignored",
                    ));
                }
                if let Some(decision) = law.decision(check, &at, decision) {
                    policy.insert(question, decision);
                }
            }
            _ => check.push(
                Finding::error(
                    check.file,
                    &at,
                    "house policy can only withhold, neither confirm nor deny, or point to a publication",
                )
                .hint("state a value or `not-held` under `facts:` or in the contract instead"),
            ),
        }
    }
    // Every letter is headed with these: blank, the letter would open with a bare heading.
    for (text, at, what) in [
        (&raw.name, path.at("name"), "the authority needs a name: it heads every letter"),
        (
            &raw.foi_team.name,
            path.at("foi-team").at("name"),
            "the FOI team needs a name: it signs every letter",
        ),
    ] {
        if text.trim().is_empty() {
            check.push(Finding::error(check.file, &at, what));
        }
    }
    let cost_limit = raw.cost_limit.unwrap_or(act.cost.default_limit);
    if cost_limit == 0 {
        check.push(Finding::error(check.file, &path.at("cost-limit"), "the cost limit must be more than £0"));
    }
    if raw.foi_team.email.trim().is_empty() || !raw.foi_team.email.contains('@') {
        check.push(Finding::error(
            check.file,
            &path.at("foi-team").at("email"),
            "the FOI team needs an email address",
        ));
    }
    let mut foi_team = raw.foi_team.clone();
    if foi_team.address.is_empty() {
        foi_team.address = raw.address.clone();
    }
    let internal_review = match &raw.internal_review {
        Some(team) => {
            let mut team = team.clone();
            if team.address.is_empty() {
                team.address = raw.address.clone();
            }
            team
        }
        None => foi_team.clone(),
    };
    let mut signature = raw.signature.clone().unwrap_or_default();
    if signature.team.is_none() {
        signature.team = Some(raw.foi_team.name.clone());
    }
    let authority = Authority {
        id,
        name: raw.name.clone(),
        jurisdiction: raw.jurisdiction,
        act,
        address: raw.address.clone(),
        website: raw.website.clone(),
        foi_team,
        internal_review,
        signature,
        logo: raw.logo.clone(),
        layout: raw.layout.unwrap_or(Layout::Inline),
        cost_limit,
        facts,
        policy,
        no_contracts: raw.no_contracts.clone(),
    };
    check.words(&super::text::authority(&authority, path));
    authority
}

/// Resolves the `authority:` field of a contract or request to an index.
pub(crate) fn which_authority(
    check: &mut Check,
    authorities: &[Authority],
    named: Option<&str>,
) -> Option<usize> {
    let path = FieldPath::key("authority");
    match (named, authorities) {
        (_, []) => None,
        (None, [_]) => Some(0),
        (None, _) => {
            let ids: Vec<&str> = authorities.iter().map(|a| a.id.as_str()).collect();
            check.push(
                Finding::error(
                    check.file,
                    &FieldPath::root(),
                    "foi.yaml lists several authorities: say which one this is for",
                )
                .hint(format!("add `authority:` with one of: {}", ids.join(", "))),
            );
            None
        }
        (Some(name), _) => {
            if let Some(index) = authorities.iter().position(|a| a.id == name) {
                return Some(index);
            }
            let ids: Vec<&str> =
                authorities.iter().map(|a| a.id.as_str()).filter(|id| !id.is_empty()).collect();
            let finding = Finding::error(check.file, &path, format!("no authority `{name}` in foi.yaml"));
            check.push(if ids.is_empty() {
                finding
                    .hint("foi.yaml gives its authority no `id`: remove this line, or add the id to foi.yaml")
            } else {
                finding.suggest(name, ids)
            });
            None
        }
    }
}
