//! Checking `foi.yaml` and assembling the checked casebook.

use std::collections::{BTreeMap, BTreeSet};

use super::answer::{Law, is_web_address};
use super::{Check, contract, deadline, is_id, personal_data};
use crate::casebook::{Authority, AuthorityCode, Casebook};
use crate::jurisdiction;
use crate::load::{Parsed, RawCasebook};
use crate::model::{self, AuthorityFile, Layout, ProfileFile};
use crate::questionnaire::Questionnaire;
use crate::report::Finding;
use crate::source::FieldPath;

/// Checks a parsed casebook against its exemption `library`. Returns what checked
/// (contracts in error are left out, and recorded so that requests do not report them
/// again) and every finding.
pub fn casebook(raw: RawCasebook, library: crate::exemptions::Library) -> (Casebook, Vec<Finding>) {
    let mut findings = Vec::new();
    let RawCasebook { files: casebook_files, profile, contracts: raw_contracts, broken } = raw;
    let mut broken_contracts: BTreeSet<String> = broken.into_iter().collect();
    let (authorities, shared_service, bank_holidays) = {
        let mut check = Check { file: &profile.file, findings: &mut findings };
        let authorities = authorities(&mut check, &profile, &library);
        let bank_holidays = deadline::bank_holidays(&mut check, &profile.data.bank_holidays);
        if let Some(shared) = &profile.data.shared_service {
            website(&mut check, &FieldPath::key("shared-service").at("website"), shared.website.as_deref());
        }
        licence(&mut check, profile.data.licence.as_ref());
        if let Some(url) = profile.data.disclosure_log.as_deref().filter(|url| !is_web_address(url)) {
            check.push(
                Finding::error(
                    check.file,
                    &FieldPath::key("disclosure-log"),
                    format!("`{url}` is not a web address"),
                )
                .hint("give the disclosure log's full address, e.g. https://foi.example.gov.uk/log"),
            );
        }
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
    // Contracts with errors, for the checks across files only.
    let mut flawed = BTreeMap::new();
    let mut files = BTreeMap::new();
    for (id, parsed) in raw_contracts {
        let mut own = Vec::new();
        let mut check = Check { file: &parsed.file, findings: &mut own };
        match contract::check(&mut check, &id, parsed.data, &authorities, &library) {
            Some((contract, true)) if parsed.flawed.is_none() => {
                contracts.insert(id.clone(), contract);
            }
            Some((contract, _)) => {
                broken_contracts.insert(id.clone());
                flawed.insert(id.clone(), contract);
            }
            None => {
                broken_contracts.insert(id.clone());
            }
        }
        // What a lenient read left out is reported once, by the read.
        findings
            .extend(own.into_iter().filter(|f| !parsed.flawed.as_ref().is_some_and(|flaw| flaw.hides(f))));
        files.insert(id, parsed.file);
    }
    let casebook = Casebook {
        files: casebook_files,
        authorities,
        shared_service,
        contracts,
        library,
        questionnaire: Questionnaire::builtin(),
        broken_contracts,
        bank_holidays,
        licence: profile.data.licence.clone(),
        disclosure_log: profile
            .data
            .disclosure_log
            .as_deref()
            .filter(|url| is_web_address(url))
            .map(|url| url.trim_end_matches('/').to_owned()),
        sent: Vec::new(),
        keeps_records: false,
        private: std::sync::OnceLock::new(),
    };
    personal_data::casebook(&casebook, &flawed, &profile.file, &profile.data, &files, &mut findings);
    let findings = super::mask(&casebook, findings);
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
            model::RawAnswer::Decision(
                decision @ (model::RawDecision::Withhold { .. }
                | model::RawDecision::NeitherConfirmNorDeny { .. }
                | model::RawDecision::Published(_)),
            ) => {
                if let model::RawDecision::Withhold { value: Some(_), .. } = &decision {
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
    if !act.cost.limits.contains(&cost_limit) {
        // FOIA: SI 2004/3244 reg. 3 sets £600 (Schedule 1 Part I bodies) or £450; FOISA:
        // SSI 2004/467 reg. 5 prescribes £600 for every Scottish public authority.
        let allowed: Vec<String> = act.cost.limits.iter().map(|l| format!("£{l}")).collect();
        let hint = act.cost.limit_hint.clone();
        check.push(
            Finding::error(
                check.file,
                &path.at("cost-limit"),
                format!(
                    "the {} under {} is {}, not £{cost_limit}",
                    act.cost.limit_name,
                    act.short,
                    allowed.join(" or ")
                ),
            )
            .hint(hint),
        );
    }
    if let Some(months) = raw.close_unclarified_after_months
        && !(1..=12).contains(&months)
    {
        check.push(
            Finding::error(
                check.file,
                &path.at("close-unclarified-after-months"),
                format!("a request awaiting clarification closes after 1 to 12 months, not {months}"),
            )
            .hint("this is house policy; 3 months, the default, is common practice"),
        );
    }
    if raw.foi_team.email.trim().is_empty() || !raw.foi_team.email.contains('@') {
        check.push(Finding::error(
            check.file,
            &path.at("foi-team").at("email"),
            "the FOI team needs an email address",
        ));
    }
    if raw.foi_team.email.trim().ends_with(".invalid") {
        check.push(
            Finding::warning(
                check.file,
                &path.at("foi-team").at("email"),
                "the FOI team's email is a placeholder (a `.invalid` address reaches no one)",
            )
            .hint("write the address requesters should reply to before you send a letter"),
        );
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
    website(check, &path.at("website"), raw.website.as_deref());
    if let Some(why) = raw.word_template.as_deref().and_then(|t| crate::load::word_template_path(t).err()) {
        check.push(
            Finding::error(check.file, &path.at("word-template"), format!("the Word template {why}")).hint(
                "Word letters take their styles and letterhead from a Word file in the casebook folder",
            ),
        );
    }
    let code = raw.code.as_ref().and_then(|code| authority_code(check, &path.at("code"), code));
    let mut signature = raw.signature.clone().unwrap_or_default();
    if signature.team.is_none() {
        signature.team = Some(raw.foi_team.name.clone());
    }
    // Mid-sentence the name takes `the` as the authority writes it ("a cyber attack on the
    // London Borough of …"); a name that starts with "The" reads right in lower case.
    let in_text = match &raw.in_text {
        Some(text) if !text.trim().is_empty() => text.trim().to_owned(),
        _ => match raw.name.strip_prefix("The ") {
            Some(rest) => format!("the {rest}"),
            None => raw.name.clone(),
        },
    };
    let authority = Authority {
        id,
        name: raw.name.clone(),
        in_text,
        jurisdiction: raw.jurisdiction,
        act,
        address: raw.address.clone(),
        website: raw.website.clone(),
        code,
        foi_team,
        internal_review,
        signature,
        logo: raw.logo.clone(),
        word_template: raw.word_template.clone(),
        layout: raw.layout.unwrap_or(Layout::Inline),
        cost_limit,
        close_unclarified_after_months: raw.close_unclarified_after_months.unwrap_or(3),
        facts,
        policy,
        no_contracts: raw.no_contracts.clone(),
    };
    check.words(&super::text::authority(&authority, path));
    authority
}

/// A website is printed on the letterhead and linked from the disclosure log's header. Text
/// that is not a web address still prints, but the log does not link it (a `javascript:`
/// link would run in every reader's browser), so it is worth a warning.
fn website(check: &mut Check, path: &FieldPath, website: Option<&str>) {
    if let Some(url) = website.filter(|url| !is_web_address(url)) {
        check.push(
            Finding::warning(
                check.file,
                path,
                format!("`{url}` is not a web address, so the disclosure log will not link it"),
            )
            .hint("give the full address, starting https://, with no spaces"),
        );
    }
}

/// The licence of the open data: a title and where its terms are.
fn licence(check: &mut Check, licence: Option<&model::Licence>) {
    let Some(licence) = licence else { return };
    let path = FieldPath::key("licence");
    if licence.title.trim().is_empty() {
        check.push(
            Finding::error(check.file, &path.at("title"), "the licence needs a title")
                .hint("e.g. `title: Open Government Licence v3.0`"),
        );
    }
    if !is_web_address(&licence.url) {
        check.push(
            Finding::error(check.file, &path.at("url"), format!("`{}` is not a web address", licence.url))
                .hint("give the address of the licence's terms, starting https://"),
        );
    }
    if let Some(id) = licence.id.as_deref().filter(|id| !is_licence_id(id)) {
        check.push(
            Finding::error(check.file, &path.at("id"), format!("`{id}` is not a licence identifier")).hint(
                "use the Open Definition's identifier, e.g. `OGL-UK-3.0` or `CC-BY-4.0`, or leave `id` out",
            ),
        );
    }
}

fn is_licence_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '+'))
}

/// Codes are checked against each register's shape, so a typing slip does not become a
/// wrong id in everyone's copy of the open data.
fn authority_code(
    check: &mut Check,
    path: &FieldPath,
    raw: &model::AuthorityCodeFile,
) -> Option<AuthorityCode> {
    let given: Vec<(&str, &String)> = [("gss", &raw.gss), ("ons", &raw.ons), ("ods", &raw.ods)]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k, v)))
        .collect();
    let [(scheme, text)] = given.as_slice() else {
        check.push(
            Finding::error(check.file, path, "give one code: `gss`, `ons` or `ods`")
                .hint("e.g. `code: {gss: E07000062}`"),
        );
        return None;
    };
    let text = text.trim();
    let capitals = |range: std::ops::RangeInclusive<usize>| {
        range.contains(&text.len()) && text.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    let (ok, hint, code) = match *scheme {
        "gss" => (
            text.len() == 9
                && text.starts_with(['E', 'K', 'N', 'S', 'W'])
                && text[1..].chars().all(|c| c.is_ascii_digit()),
            "a GSS code is a letter (E, W, S, N or K) and eight digits, e.g. `E07000062`",
            AuthorityCode::Gss(text.to_owned()),
        ),
        "ons" => (
            capitals(2..=8),
            "a legacy ONS code is two to eight capital letters and digits, e.g. `21UH`",
            AuthorityCode::Ons(text.to_owned()),
        ),
        _ => (
            capitals(3..=10),
            "an ODS code is three to ten capital letters and digits, e.g. `X26`",
            AuthorityCode::Ods(text.to_owned()),
        ),
    };
    if !ok {
        check.push(
            Finding::error(
                check.file,
                &path.at(scheme),
                format!("`{text}` is not a {} code", scheme.to_uppercase()),
            )
            .hint(hint),
        );
        return None;
    }
    Some(code)
}
