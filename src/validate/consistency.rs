//! Checks across requests: every reference used once, and the same question about the same
//! contract answered the same way whoever asks.
//!
//! FOI is applicant-blind: the identity and motive of the requester make no difference to
//! what is disclosed (ICO guidance on the duty to confirm or deny and on consistency), so
//! a request whose own `answer:` differs from another request's answer to the same
//! question about the same contract is flagged for a person to look at. It is a warning:
//! the facts may have changed between the two requests. An answer an internal review of
//! the request released is not compared: it rightly differs from replies sent before it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::casebook::{Answer, AskedQuestion, Authority, Casebook, Decision, Request, Source};
use crate::load::Parsed;
use crate::model::values::Value;
use crate::model::{OrStandard, RequestFile};
use crate::questionnaire::{PartId, QuestionId, Scope};
use crate::report::Finding;
use crate::source::FieldPath;

/// A request as read, and as checked when it had no errors.
pub type LoadedRequest = (Parsed<RequestFile>, Option<Request>);

/// Findings across the casebook's requests (given sorted by file).
///
/// A finding here quotes one request's file but is about two: every requester's details
/// (and the casebook's private values) are masked in it.
pub fn requests(casebook: Option<&Casebook>, requests: &[LoadedRequest]) -> Vec<Finding> {
    let mut findings = duplicates(requests);
    if let Some(casebook) = casebook {
        findings.extend(answers(casebook, requests));
        findings = super::mask(casebook, findings);
    }
    if findings.is_empty() {
        return findings;
    }
    let mut requesters = crate::source::Masks::default();
    for (parsed, _) in requests {
        requesters.extend(&parsed.file.private().masks);
    }
    findings.into_iter().map(|finding| finding.mask(&requesters)).collect()
}

/// Each reference used once, and no two giving one file name (`FOI 1`, `FOI:1`): the
/// second of each pair is reported, naming the first.
fn duplicates(requests: &[LoadedRequest]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut first: HashMap<String, &Parsed<RequestFile>> = HashMap::new();
    for (parsed, _) in requests {
        let reference = parsed.data.reference.trim();
        // A reference that gives no file name is reported by the request's own check.
        let Ok(name) = super::reference::file_name(reference) else { continue };
        match first.get(&super::reference::clash_key(&name)) {
            Some(earlier) => {
                let other = earlier.data.reference.trim();
                let message = super::reference::clash(
                    reference,
                    &name,
                    other,
                    &earlier.file.path().display().to_string(),
                );
                let hint = if reference.eq_ignore_ascii_case(other) {
                    "each request needs its own reference; if both files are the same request, delete one"
                } else {
                    "change one of the references: the reference names the response's files in a batch and on \
                     the disclosure log"
                };
                findings.push(Finding::error(&parsed.file, &FieldPath::key("reference"), message).hint(hint));
            }
            None => {
                first.insert(super::reference::clash_key(&name), parsed);
            }
        }
    }
    findings
}

/// Whether the decided internal review of `request` overturned the answer to `question` of
/// its part `part` (from 1), so that its own answer is what the review released.
fn released_at_review(request: &Request, part: usize, question: &AskedQuestion) -> bool {
    let Some(review) = request.review.as_ref().filter(|r| r.decided.is_some()) else { return false };
    review.questions.iter().any(|q| {
        q.part == part
            && q.decision == crate::model::ReviewDecision::Overturned
            && question.number.as_deref() == Some(q.number.as_str())
    })
}

/// What a question is about: one contract, or the authority as a whole.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Subject {
    Contract(String),
    Authority(usize, PartId),
}

/// An answer reduced to what the requester is told: the value, or the decision and the
/// exemptions relied on (reasons may be worded differently and still agree).
#[derive(Debug, Clone, PartialEq)]
enum Told<'a> {
    Value(&'a Value),
    Withheld(Vec<&'a str>),
    NeitherConfirmNorDeny(Vec<&'a str>),
    NotHeld,
    NotApplicable,
    Published(&'a str),
}

struct Entry<'a> {
    request: usize,
    told: Told<'a>,
    /// What the casebook alone would tell, when the request gives its own answer.
    casebook_says: Option<Told<'a>>,
    /// Where the request gives its own answer, if it does.
    overridden: Option<FieldPath>,
    parsed: &'a Parsed<RequestFile>,
}

fn answers(casebook: &Casebook, requests: &[LoadedRequest]) -> Vec<Finding> {
    // Answers can differ only where a request gives its own: find those questions first,
    // so a casebook whose requests never do costs one pass over them.
    let mut overridden: BTreeSet<(Subject, QuestionId)> = BTreeSet::new();
    for (_, checked) in requests {
        let Some(request) = checked.as_ref().filter(|r| r.refusal.is_none()) else { continue };
        let authority = casebook.authority(request.authority);
        for (i, part) in request.parts.iter().enumerate() {
            for question in part.questions.iter().filter(|q| q.answer.is_some() && q.see.is_none()) {
                let Some(id) = question.id else { continue };
                // What an internal review released is this request's answer now, and
                // rightly differs from replies sent before it.
                if released_at_review(request, i + 1, question) {
                    continue;
                }
                let contracts: Vec<Option<&String>> = if part.contracts.is_empty() {
                    vec![None]
                } else {
                    part.contracts.iter().map(Some).collect()
                };
                for contract in contracts {
                    if let Some((subject, _, _)) =
                        resolve(casebook, authority, request, part.part, contract, question)
                    {
                        overridden.insert((subject, id));
                    }
                }
            }
        }
    }
    if overridden.is_empty() {
        return Vec::new();
    }
    // Each question as the casebook alone answers it, without a request's own answer.
    let bare: Vec<AskedQuestion> = QuestionId::all()
        .iter()
        .map(|id| AskedQuestion {
            number: None,
            id: Some(*id),
            label: String::new(),
            text: String::new(),
            answer: None,
            see: None,
        })
        .collect();
    let mut entries: BTreeMap<(Subject, QuestionId), Vec<Entry>> = BTreeMap::new();
    for (index, (parsed, checked)) in requests.iter().enumerate() {
        let Some(request) = checked.as_ref().filter(|r| r.refusal.is_none()) else { continue };
        let authority = casebook.authority(request.authority);
        for (i, part) in request.parts.iter().enumerate() {
            for (j, question) in part.questions.iter().enumerate() {
                // An answer from the disclosure log is checked against its record instead.
                let Some(id) = question.id.filter(|_| question.see.is_none()) else { continue };
                let at = answer_path(&parsed.data, i, j);
                let contracts: Vec<Option<&String>> = if part.contracts.is_empty() {
                    vec![None]
                } else {
                    part.contracts.iter().map(Some).collect()
                };
                for contract in contracts {
                    let Some((subject, told, own)) =
                        resolve(casebook, authority, request, part.part, contract, question)
                    else {
                        continue;
                    };
                    let key = (subject, id);
                    if !overridden.contains(&key) {
                        continue;
                    }
                    let list = entries.entry(key).or_default();
                    if list.iter().any(|e| e.request == index) {
                        continue;
                    }
                    let overridden = own.then(|| at.clone());
                    let casebook_says = match bare.iter().find(|q| q.id == Some(id)) {
                        Some(bare) if own => resolve(casebook, authority, request, part.part, contract, bare)
                            .map(|(_, told, _)| told),
                        _ => None,
                    };
                    list.push(Entry { request: index, told, casebook_says, overridden, parsed });
                }
            }
        }
    }
    let mut findings = Vec::new();
    for ((subject, question), list) in &entries {
        for entry in list {
            let Some(path) = &entry.overridden else { continue };
            if entry.casebook_says.as_ref() == Some(&entry.told) {
                continue; // says what the casebook says: any difference is the other request's
            }
            let Some(other) = list.iter().find(|o| o.told != entry.told) else { continue };
            let (about, home) = match subject {
                Subject::Contract(id) => {
                    let file =
                        casebook.contracts.get(id).map(|c| c.file.display().to_string()).unwrap_or_default();
                    (format!("contract `{id}`"), file)
                }
                Subject::Authority(index, _) => {
                    (casebook.authority(*index).name.clone(), "foi.yaml".to_owned())
                }
            };
            findings.push(
                Finding::warning(
                    &entry.parsed.file,
                    path,
                    format!(
                        "this answers `{question}` for {about} differently from {} ({})",
                        other.parsed.file.path().display(),
                        other.parsed.data.reference.trim()
                    ),
                )
                .hint(format!(
                    "the same question about the same contract gets the same answer whoever asks: \
                     give the same answer in both, or record it once in {home}"
                )),
            );
        }
    }
    findings
}

/// Where question `j` of part `i` gives its own answer in the file.
fn answer_path(raw: &RequestFile, i: usize, j: usize) -> FieldPath {
    match &raw.parts {
        OrStandard::Listed(_) => FieldPath::key("parts").index(i).at("questions").index(j).at("answer"),
        OrStandard::Standard => FieldPath::key("parts"),
    }
}

/// What the requester is told for `question` about `contract`, what it is about, and
/// whether the request gave the answer itself. House policy applies as the rules apply it.
fn resolve<'a>(
    casebook: &'a Casebook,
    authority: &'a Authority,
    request: &Request,
    part: PartId,
    contract: Option<&String>,
    question: &'a AskedQuestion,
) -> Option<(Subject, Told<'a>, bool)> {
    let id = question.id?;
    let contract_ref = contract.and_then(|c| casebook.contracts.get(c));
    let source = casebook.source(authority, part, contract_ref, question)?;
    let per_contract = match source {
        Source::Contract(_) => true,
        Source::Request(_) => casebook.questionnaire.question(id).scope != Scope::Authority,
        Source::Authority(_) | Source::NoContracts(_) => false,
    };
    let subject = match contract {
        Some(contract) if per_contract => Subject::Contract(contract.clone()),
        _ => Subject::Authority(request.authority, part),
    };
    let (answer, own) = match source {
        Source::Request(answer) => (answer, true),
        Source::Contract(answer) | Source::Authority(answer) => (answer, false),
        Source::NoContracts(_) => return Some((subject, Told::NotHeld, false)),
    };
    let told = match (answer, authority.policy.get(&id)) {
        (Answer::Value(_), Some(policy)) if !own => told(policy),
        (Answer::Value(value), _) => Told::Value(value),
        (Answer::Decision(decision), _) => told(decision),
    };
    Some((subject, told, own))
}

fn told(decision: &Decision) -> Told<'_> {
    fn ids(exemptions: &[std::sync::Arc<crate::exemptions::Exemption>]) -> Vec<&str> {
        let mut ids: Vec<&str> = exemptions.iter().map(|e| e.id.as_str()).collect();
        ids.sort_unstable();
        ids
    }
    match decision {
        Decision::Withhold { exemptions, .. } => Told::Withheld(ids(exemptions)),
        Decision::NeitherConfirmNorDeny { exemptions, .. } => Told::NeitherConfirmNorDeny(ids(exemptions)),
        Decision::NotHeld { .. } => Told::NotHeld,
        Decision::NotApplicable { .. } => Told::NotApplicable,
        Decision::Published { publication, .. } => Told::Published(&publication.url),
    }
}
