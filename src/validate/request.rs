//! Checking a request file against the casebook.

use std::collections::BTreeSet;

use super::answer::{Law, typed};
use super::authority::which_authority;
use super::deadline;
use super::reach::{Reached, reach};
use super::refusal::refusal;
use super::repeated::{self, Register, Repeat};
use super::{Check, Juniors, dates, personal_data, wording};
use crate::casebook::{Answer, AskedPart, AskedQuestion, Authority, Casebook, Request};
use crate::load::Parsed;
use crate::model::values::Date;
use crate::model::{self, OrStandard, PartAsked, QuestionAsked, RequestFile};
use crate::questionnaire::Definition;
use crate::report::{Finding, Severity};
use crate::source::FieldPath;

/// Checks a parsed request against a checked casebook, as at `today` (no date in a request
/// may be later). A request refused as a repeat (s.14(2)) is checked against the earlier
/// request it cites, looked up in `register`; `juniors` are the casebook's junior officers,
/// whose details the request's published text must not give.
fn request(
    casebook: &Casebook,
    parsed: &Parsed<RequestFile>,
    today: Date,
    register: &Register,
    juniors: &Juniors,
) -> (Option<Request>, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut check = Check { file: &parsed.file, findings: &mut findings };
    dates::request(&mut check, &parsed.data, today);
    personal_data::requester_confirmed(&mut check, &parsed.data);
    // The published text, gathered once for the personal-data search and the long words.
    let published = super::text::request(&parsed.data);
    personal_data::request(&mut check, juniors, &parsed.data, &published);
    let mut request = check_request(&mut check, casebook, &parsed.data, register, &published);
    if let Some(request) = request.as_mut() {
        dates::staleness(&mut check, casebook, &parsed.data, request);
        request.commissioner = super::commissioner::check(
            &mut check,
            casebook.authority(request.authority),
            &parsed.data,
            today,
        );
    }
    let failed = findings.iter().any(|f| f.severity == Severity::Error);
    (if failed { None } else { request }, super::mask(casebook, findings))
}

/// Whether a request file refuses its request as a repeat, so that checking it needs the
/// casebook's other requests.
pub fn is_repeat(raw: &RequestFile) -> bool {
    raw.refuse.as_ref().is_some_and(|r| r.under == model::RefusalGround::Repeated)
}

/// Checks every request of a casebook, in parallel: those refused as repeats (s.14(2))
/// last, against the register of the others, which is built here and nowhere else. Results
/// are in the order given.
pub fn all(
    casebook: &Casebook,
    parsed: &[&Parsed<RequestFile>],
    today: Date,
) -> Vec<(Option<Request>, Vec<Finding>)> {
    use rayon::prelude::*;
    let empty = Register::default();
    let juniors = Juniors::of(casebook);
    let mut results: Vec<Option<(Option<Request>, Vec<Finding>)>> = parsed
        .par_iter()
        .map(|p| (!is_repeat(&p.data)).then(|| request(casebook, p, today, &empty, &juniors)))
        .collect();
    if parsed.iter().any(|p| is_repeat(&p.data)) {
        // A flawed file (see `load::Flawed`) is never an earlier request to rely on.
        let register = Register::of(
            casebook,
            results
                .iter()
                .zip(parsed)
                .filter(|(_, p)| p.flawed.is_none())
                .filter_map(|(r, _)| r.as_ref()?.0.as_ref()),
        );
        results.par_iter_mut().zip(parsed).for_each(|(slot, p)| {
            if slot.is_none() {
                *slot = Some(request(casebook, p, today, &register, &juniors));
            }
        });
    }
    results.into_iter().map(|r| r.unwrap_or_default()).collect()
}

fn check_request(
    check: &mut Check,
    casebook: &Casebook,
    raw: &RequestFile,
    register: &Register,
    published: &[super::text::Published],
) -> Option<Request> {
    let reference = raw.reference.trim();
    let file_name = if reference.is_empty() {
        check.push(Finding::error(check.file, &FieldPath::key("reference"), "the request needs a reference"));
        None
    } else {
        super::reference::file_name(reference)
            .map_err(|why| {
                check.push(
                    Finding::error(check.file, &FieldPath::key("reference"), why)
                        .hint(super::reference::HINT),
                );
            })
            .ok()
    };
    let index = which_authority(check, &casebook.authorities, raw.authority.as_deref())?;
    let authority = casebook.authority(index);
    // Clarification, extension, the due date and lateness (FOIA s.10, FOISA s.10).
    let dates = deadline::request(check, authority, &casebook.bank_holidays, raw);
    let mut refusal = match &raw.refuse {
        Some(refuse) => Some(refusal(check, casebook, authority, refuse)?),
        None => None,
    };
    // A refused request answers nothing, so its questions need no answers.
    let parts = parts(check, casebook, authority, raw, refusal.is_none());
    if let Some(title) = &raw.title {
        check.heading(&FieldPath::key("title"), title, "the request's title");
    }
    check.words(published);
    let title = raw.title.clone().unwrap_or_else(|| default_title(casebook, &parts));
    let repeated = refusal.as_ref().filter(|r| r.ground == model::RefusalGround::Repeated);
    if let Some(previous) = repeated.and_then(|r| r.previous.clone()) {
        let repeat = Repeat {
            reference: raw.reference.trim(),
            authority: index,
            received: raw.received,
            requester: raw.requester.as_ref(),
            parts: &parts,
        };
        let earlier = repeated::earlier(check, casebook, register, &repeat, &previous)?;
        if let Some(refusal) = refusal.as_mut() {
            refusal.earlier = Some(earlier);
        }
    }
    let reached = match &refusal {
        None => reach(casebook, authority, &parts),
        Some(_) => Reached::default(),
    };
    let wording_ok = wording::dated(check, casebook, authority, raw, &reached, refusal.as_ref());
    if let Some(extension) = &raw.extension {
        wording::extension(check, &reached, refusal.as_ref(), extension);
    }
    wording::reasoning(check, casebook, authority, raw, &parts, &reached);
    let review = super::review::review(check, authority, &casebook.bank_holidays, raw, &parts);
    let dates = dates?;
    if !wording_ok {
        return None;
    }
    Some(Request {
        file: check.file.display.clone(),
        reference: reference.to_owned(),
        file_name: file_name?,
        authority: index,
        title,
        received: raw.received,
        acknowledged: raw.acknowledged,
        clarification_sought: dates.clarification_sought,
        clarification: raw.clarification,
        due: dates.due,
        skipped: dates.skipped,
        first_count: dates.first_count,
        extension: dates.extension,
        responded: raw.responded,
        requester: raw.requester.clone(),
        publish: raw.publish,
        round_robin: raw.round_robin,
        layout: raw.layout.unwrap_or(authority.layout),
        review,
        // Checked as at today, once the request is known good (see `request`).
        commissioner: None,
        parts,
        refusal,
    })
}

fn parts(
    check: &mut Check,
    casebook: &Casebook,
    authority: &Authority,
    raw: &RequestFile,
    need_answers: bool,
) -> Vec<AskedPart> {
    let listed: Vec<PartAsked> = match &raw.parts {
        OrStandard::Standard => Definition::standard()
            .parts
            .iter()
            .map(|part| PartAsked {
                part: *part,
                title: None,
                contracts: None,
                items: None,
                questions: OrStandard::Standard,
            })
            .collect(),
        OrStandard::Listed(parts) => parts.clone(),
    };
    if listed.is_empty() {
        check.push(
            Finding::error(check.file, &FieldPath::key("parts"), "the request asks no parts")
                .hint("list the parts asked, or write `parts: standard`"),
        );
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (i, asked) in listed.into_iter().enumerate() {
        let path = FieldPath::key("parts").index(i);
        if !seen.insert(asked.part) {
            check.push(Finding::error(
                check.file,
                &path.at("part"),
                format!("part `{}` is asked twice", asked.part),
            ));
            continue;
        }
        let contracts = contracts(check, casebook, authority, &path, &asked);
        let contracts_ok = contracts.is_some();
        let questions = questions(check, casebook, authority, &path, &asked, need_answers);
        if let Some(title) = &asked.title {
            check.heading(&path.at("title"), title, "the part's title");
        }
        let title =
            asked.title.clone().unwrap_or_else(|| casebook.questionnaire.part(asked.part).title.clone());
        let part = AskedPart { part: asked.part, title, contracts: contracts.unwrap_or_default(), questions };
        // Contracts in error are reported already; their answers cannot be checked.
        if need_answers && contracts_ok {
            sources(check, casebook, authority, &path, &part);
        }
        out.push(part);
    }
    out
}

fn contracts(
    check: &mut Check,
    casebook: &Casebook,
    authority: &Authority,
    path: &FieldPath,
    asked: &PartAsked,
) -> Option<Vec<String>> {
    let items = items(check, casebook, authority, path, asked)?;
    let Some(listed) = &asked.contracts else {
        let mut mine: Vec<(usize, String)> = casebook
            .contracts
            .values()
            .filter(|c| casebook.authority(c.authority).id == authority.id && c.part == asked.part)
            .filter_map(|c| match &items {
                None => Some((0, c.id.clone())),
                Some(items) => {
                    items.iter().position(|i| Some(*i) == c.item.as_deref()).map(|n| (n, c.id.clone()))
                }
            })
            .collect();
        // Per item, in the order the request asks the items.
        mine.sort();
        let mine: Vec<String> = mine.into_iter().map(|(_, id)| id).collect();
        // A contract file in error may belong to this part: its own findings say enough.
        return (!mine.is_empty() || casebook.broken_contracts.is_empty()).then_some(mine);
    };
    let mut out = Vec::new();
    let before = check.findings.len();
    for (j, id) in listed.iter().enumerate() {
        let at = path.at("contracts").index(j);
        match casebook.contracts.get(id) {
            None if casebook.broken_contracts.contains(id) => {
                // Reported in its own file; answers cannot be checked without it.
                return None;
            }
            None => {
                // Every contract file present, those with errors of their own too: the
                // near miss may be one of them.
                let known: Vec<&str> =
                    casebook.contracts.keys().chain(&casebook.broken_contracts).map(String::as_str).collect();
                check.push(
                    Finding::error(
                        check.file,
                        &at,
                        format!("no contract `{id}`: there is no contracts/{id}.yaml"),
                    )
                    .suggest(id, known),
                );
            }
            Some(contract) if casebook.authority(contract.authority).id != authority.id => {
                check.push(Finding::error(
                    check.file,
                    &at,
                    format!(
                        "contract `{id}` belongs to {}, not {}",
                        casebook.authority(contract.authority).name,
                        authority.name
                    ),
                ))
            }
            Some(contract) if contract.part != asked.part => check.push(
                Finding::error(
                    check.file,
                    &at,
                    format!("contract `{id}` answers part `{}`, not `{}`", contract.part, asked.part),
                )
                .hint("list it under the part it answers, or change `part:` in the contract file"),
            ),
            Some(_) if out.contains(id) => {
                check.push(Finding::warning(check.file, &at, format!("contract `{id}` is listed twice")));
            }
            Some(_) => out.push(id.clone()),
        }
    }
    let failed = check.findings[before..].iter().any(|f| f.severity == Severity::Error);
    (!failed).then_some(out)
}

/// The items a part that asks per item is asked about, in the requester's order: those
/// `items:` lists, else all of the part's. `None` for a part that asks no items, and, with
/// an error, when the list names an item the part does not have, or one the authority
/// holds no contract for.
fn items<'a>(
    check: &mut Check,
    casebook: &Casebook,
    authority: &Authority,
    path: &FieldPath,
    asked: &'a PartAsked,
) -> Option<Option<Vec<&'a str>>> {
    let part = asked.part.entry();
    let known: Vec<&str> = part.items.iter().map(|i| i.id.as_str()).collect();
    let Some(listed) = &asked.items else {
        return Some((!part.items.is_empty()).then_some(known));
    };
    let before = check.findings.len();
    if part.items.is_empty() {
        check.push(
            Finding::error(check.file, &path.at("items"), format!("part `{}` asks no items", asked.part))
                .hint("remove `items:`: every contract of the part answers it"),
        );
        return None;
    }
    for (j, item) in listed.iter().enumerate() {
        let at = path.at("items").index(j);
        if part.item(item).is_none() {
            check.push(
                Finding::error(check.file, &at, format!("part `{}` has no item `{item}`", asked.part))
                    .suggest(item, known.iter().copied()),
            );
        } else if listed[..j].contains(item) {
            check.push(Finding::warning(check.file, &at, format!("item `{item}` is listed twice")));
        } else if asked.contracts.is_none()
            && !casebook.contracts.values().any(|c| {
                casebook.authority(c.authority).id == authority.id
                    && c.part == asked.part
                    && c.item.as_deref() == Some(item.as_str())
            })
            && casebook.broken_contracts.is_empty()
        {
            check.push(
                Finding::error(
                    check.file,
                    &at,
                    format!(
                        "no contract of {} is for item `{item}` of part `{}`",
                        authority.name, asked.part
                    ),
                )
                .hint(format!(
                    "add a contract with `part: {}` and `item: {item}` (its answers may be decisions, \
                     such as `not-held`), or leave the item out of `items:`",
                    asked.part
                )),
            );
        }
    }
    let failed = check.findings[before..].iter().any(|f| f.severity == Severity::Error);
    (!failed).then(|| Some(listed.iter().map(String::as_str).collect()))
}

fn questions(
    check: &mut Check,
    casebook: &Casebook,
    authority: &Authority,
    path: &FieldPath,
    asked: &PartAsked,
    need_answers: bool,
) -> Vec<AskedQuestion> {
    let questionnaire = casebook.questionnaire;
    let listed: Vec<QuestionAsked> = match &asked.questions {
        OrStandard::Standard => questionnaire
            .part(asked.part)
            .questions
            .iter()
            .enumerate()
            .map(|(n, id)| QuestionAsked {
                number: Some(model::Number((n + 1).to_string())),
                id: Some(*id),
                label: None,
                text: None,
                answer: None,
                see: None,
            })
            .collect(),
        OrStandard::Listed(questions) => questions.clone(),
    };
    let law = Law { library: &casebook.library, jurisdiction: authority.jurisdiction, act: authority.act };
    let mut numbers = BTreeSet::new();
    let mut out = Vec::new();
    for (j, question) in listed.into_iter().enumerate() {
        // Paths are built only for a finding: most questions have none.
        let at = || path.at("questions").index(j);
        if let Some(number) = &question.number
            && !numbers.insert(number.0.clone())
        {
            check.push(
                    Finding::error(check.file, &at().at("number"), format!("question {} appears twice in this part", number.0))
                        .hint("numbers identify questions in the refusal notice, so each must be unique within its part"),
                );
        }
        let canonical = question.id.map(|id| questionnaire.question(id));
        let label = match (&question.label, canonical) {
            (Some(label), _) => label.clone(),
            (None, Some(q)) => q.label.clone(),
            (None, None) => {
                check.push(
                    Finding::error(check.file, &at(), "a question outside the questionnaire needs a `label`")
                        .hint("give `id:` for a questionnaire question, or `label:` and `answer:` for another one"),
                );
                continue;
            }
        };
        let text = question
            .text
            .clone()
            .or_else(|| canonical.map(|q| q.wording.clone()))
            .unwrap_or_else(|| label.clone());
        let see = question.see.clone();
        let answer = match (question.answer, &see) {
            (Some(_), Some(_)) => {
                check.push(
                    Finding::error(
                        check.file,
                        &at().at("see"),
                        "a question takes `answer` or `see`, not both",
                    )
                    .hint("`see: REFERENCE` answers from an earlier published response; remove one of them"),
                );
                continue;
            }
            (None, Some(earlier)) => match see_answer(check, casebook, &law, &at().at("see"), earlier) {
                Some(answer) => Some(answer),
                None => continue,
            },
            (Some(raw), None) => {
                let answer_path = at().at("answer");
                let kind = question.id.map(|id| id.kind());
                let raw = convert(check, &answer_path, raw, kind);
                match raw.and_then(|raw| law.answer(check, &answer_path, raw)) {
                    Some(answer) => Some(answer),
                    None => continue,
                }
            }
            (None, None) if question.id.is_none() && need_answers => {
                check.push(
                    Finding::error(check.file, &at(), format!("question `{label}` is outside the questionnaire, so it needs an `answer`"))
                        .hint("give the answer here, e.g. `answer: {not-held: true}`, or map it to a questionnaire `id`"),
                );
                continue;
            }
            (None, None) => None,
        };
        out.push(AskedQuestion {
            number: question.number.map(|n| n.0),
            id: question.id,
            label,
            text,
            answer,
            see,
        });
    }
    out
}

/// The answer of `see: REFERENCE`: the information is reasonably accessible to the
/// applicant by other means (FOIA s.21, FOISA s.25), namely the earlier response's page on
/// the disclosure log. Whether that response is published, and still gives the same answer,
/// is checked against the sent records (`record::check`).
fn see_answer(
    check: &mut Check,
    casebook: &Casebook,
    law: &Law,
    path: &FieldPath,
    earlier: &str,
) -> Option<Answer> {
    let Some(base) = casebook.disclosure_log.as_deref() else {
        check.push(
            Finding::error(
                check.file,
                path,
                "`see:` links to the disclosure log, but foi.yaml gives no address for it",
            )
            .hint("add `disclosure-log: https://…` (where `foi publish` output is served) to foi.yaml"),
        );
        return None;
    };
    let name = match super::reference::file_name(earlier) {
        Ok(name) => name,
        Err(why) => {
            check.push(Finding::error(check.file, path, format!("`see:` {why}")));
            return None;
        }
    };
    let publication = model::Publication {
        title: format!("Our response to request {earlier}, in our disclosure log"),
        url: format!("{base}/responses/{name}.html"),
    };
    law.decision(check, path, model::RawDecision::Published(publication)).map(Answer::Decision)
}

/// Converts a request's own answer (any YAML) to the type of its question.
fn convert(
    check: &mut Check,
    path: &FieldPath,
    raw: model::RawAnswer<serde_yaml::Value>,
    kind: Option<crate::questionnaire::ValueKind>,
) -> Option<model::RawAnswer<model::Value>> {
    let fail = |check: &mut Check, at: &FieldPath, message: String| {
        check.push(Finding::error(check.file, at, message));
    };
    match raw {
        model::RawAnswer::Value(value) => match typed(kind, value) {
            Ok(value) => Some(model::RawAnswer::Value(value)),
            Err(message) => {
                fail(check, path, message);
                None
            }
        },
        model::RawAnswer::Decision(decision) => {
            if let model::RawDecision::Withhold { value: Some(held), .. } = &decision
                && let Err(message) = typed(kind, held.clone())
            {
                fail(check, &path.at("value"), message);
                return None;
            }
            Some(model::RawAnswer::Decision(
                decision.map(|held| typed(kind, held).unwrap_or_else(|_| model::Value::Text(String::new()))),
            ))
        }
    }
}

/// Every question must have an answer for every contract (or for the part, when there are
/// no contracts).
fn sources(
    check: &mut Check,
    casebook: &Casebook,
    authority: &Authority,
    path: &FieldPath,
    part: &AskedPart,
) {
    if part.contracts.is_empty() && !authority.no_contracts.contains_key(&part.part) {
        check.push(
            Finding::error(
                check.file,
                path,
                format!("{} holds no `{}` contracts in this casebook", authority.name, part.part),
            )
            .hint(format!(
                "add the contracts to contracts/, or say why there are none in foi.yaml: \
                 `no-contracts: {{{}: \"We do not …\"}}`",
                part.part
            )),
        );
        return;
    }
    for (j, question) in part.questions.iter().enumerate() {
        let missing: Vec<&str> = if part.contracts.is_empty() {
            match casebook.source(authority, part.part, None, question) {
                Some(_) => Vec::new(),
                None => vec![""],
            }
        } else {
            part.contracts
                .iter()
                .filter(|id| {
                    casebook.source(authority, part.part, casebook.contracts.get(*id), question).is_none()
                })
                .map(String::as_str)
                .collect()
        };
        if missing.is_empty() {
            continue;
        }
        let id = question.id.map_or("", |id| id.as_str());
        let whose = if missing == [""] {
            String::new()
        } else {
            format!(" for contract{} {}", if missing.len() == 1 { "" } else { "s" }, missing.join(", "))
        };
        check.push(
            Finding::error(
                check.file,
                &path.at("questions").index(j),
                format!("nothing in the casebook answers `{id}`{whose}"),
            )
            .hint(format!(
                "add `{id}:` to the contract file, or to `facts:` in foi.yaml, or give `answer:` here"
            )),
        );
    }
}

fn default_title(casebook: &Casebook, parts: &[AskedPart]) -> String {
    let titles: Vec<&str> =
        parts.iter().map(|p| casebook.questionnaire.part(p.part).title.as_str()).collect();
    match titles.as_slice() {
        [] => "Request for information".to_owned(),
        [one] => (*one).to_owned(),
        [first, rest @ ..] => {
            let suffix = " contracts";
            let all_contracts = titles.iter().all(|t| t.ends_with(suffix));
            if all_contracts {
                let heads: Vec<String> = titles
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let head = t.trim_end_matches(suffix);
                        if i == 0 { head.to_owned() } else { head.to_lowercase() }
                    })
                    .collect();
                format!("{}{suffix}", join_and(&heads))
            } else {
                let mut out = (*first).to_owned();
                for t in rest {
                    out.push_str(" and ");
                    out.push_str(&t.to_lowercase());
                }
                out
            }
        }
    }
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
