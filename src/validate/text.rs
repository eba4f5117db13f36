//! The text a casebook publishes, with where each piece is written: what the personal-data
//! rules search for names that must not appear.
//!
//! "Published" means printed in a response and in its public version: disclosed values,
//! explanations, reasons, publication titles, contract titles, and the request's own title,
//! headings, questions and answers. Withheld values, contact details (judged by their own
//! rule) and the requester block (printed only in the letter) are not.

use serde_yaml::Value as Yaml;

use crate::casebook::{Answer, Authority, Contract, Decision};
use crate::model::values::{Count, Value};
use crate::model::{OrStandard, RequestFile};
use crate::source::FieldPath;

/// A piece of published text and where it is written.
pub(super) type Published = (FieldPath, String);

/// A contract's published text: its title and its answers.
pub(super) fn contract(contract: &Contract) -> Vec<Published> {
    let mut out = vec![(FieldPath::key("title"), contract.title.clone())];
    for (question, answer) in &contract.answers {
        self::answer(&mut out, &FieldPath::key(question.as_str()), answer);
    }
    out
}

/// An authority's published facts, policy reasons and no-contracts statements; `base` is
/// its path in foi.yaml.
pub(super) fn authority(authority: &Authority, base: &FieldPath) -> Vec<Published> {
    let mut out = Vec::new();
    for (question, answer) in &authority.facts {
        self::answer(&mut out, &base.at("facts").at(question.as_str()), answer);
    }
    for (question, decision) in &authority.policy {
        self::decision(&mut out, &base.at("policy").at(question.as_str()), decision);
    }
    for (part, statement) in &authority.no_contracts {
        out.push((base.at("no-contracts").at(part.as_str()), statement.clone()));
    }
    out
}

fn answer(out: &mut Vec<Published>, path: &FieldPath, answer: &Answer) {
    match answer {
        Answer::Value(value) => self::value(out, path, value),
        Answer::Decision(decision) => self::decision(out, path, decision),
    }
}

fn decision(out: &mut Vec<Published>, path: &FieldPath, decision: &Decision) {
    match decision {
        Decision::Withhold { reason, .. } | Decision::NeitherConfirmNorDeny { reason, .. } => {
            out.extend(reason.iter().map(|r| (path.at("reason"), r.clone())));
        }
        Decision::NotHeld { explanation } => {
            out.extend(explanation.iter().map(|e| (path.at("not-held"), e.clone())));
        }
        Decision::NotApplicable { explanation } => {
            out.extend(explanation.iter().map(|e| (path.at("not-applicable"), e.clone())));
        }
        Decision::Published { publication, .. } => {
            out.push((path.at("published").at("title"), publication.title.clone()));
            out.push((path.at("published").at("url"), publication.url.clone()));
        }
    }
}

fn value(out: &mut Vec<Published>, path: &FieldPath, value: &Value) {
    match value {
        Value::Text(text) => out.push((path.clone(), text.clone())),
        Value::Count(Count::Words(words)) => out.push((path.clone(), words.clone())),
        Value::List(items) => {
            out.extend(items.iter().enumerate().map(|(i, item)| (path.index(i), item.clone())))
        }
        Value::Money(money) => out.extend(money.note.iter().map(|n| (path.at("note"), n.clone()))),
        Value::Duration(duration) => {
            out.push((path.at("term"), duration.term.clone()));
            out.extend(duration.extensions.iter().map(|e| (path.at("extensions"), e.clone())));
        }
        Value::Count(Count::Number(_)) | Value::Date(_) | Value::Contact(_) => {}
    }
}

/// A request's published text: its title, the parts' headings, the questions as worded and
/// any answers it gives itself.
pub(super) fn request(raw: &RequestFile) -> Vec<Published> {
    let mut out = Vec::new();
    out.extend(raw.title.iter().map(|t| (FieldPath::key("title"), t.clone())));
    let OrStandard::Listed(parts) = &raw.parts else { return out };
    for (i, part) in parts.iter().enumerate() {
        let at = FieldPath::key("parts").index(i);
        out.extend(part.title.iter().map(|t| (at.at("title"), t.clone())));
        let OrStandard::Listed(questions) = &part.questions else { continue };
        for (j, question) in questions.iter().enumerate() {
            let at = at.at("questions").index(j);
            out.extend(question.label.iter().map(|l| (at.at("label"), l.clone())));
            out.extend(question.text.iter().map(|t| (at.at("text"), t.clone())));
            let at = at.at("answer");
            match &question.answer {
                Some(crate::model::RawAnswer::Value(value)) => yaml_texts(&mut out, &at, value),
                Some(crate::model::RawAnswer::Decision(decision)) => {
                    request_decision(&mut out, &at, decision)
                }
                None => {}
            }
        }
    }
    out
}

/// The published parts of a request's own decision (never a withheld `value`).
fn request_decision(out: &mut Vec<Published>, path: &FieldPath, decision: &crate::model::RawDecision<Yaml>) {
    use crate::model::RawDecision as D;
    let (key, text) = match decision {
        D::Withhold { reason, .. } | D::NeitherConfirmNorDeny { reason, .. } => ("reason", reason),
        D::NotHeld { explanation } => ("not-held", explanation),
        D::NotApplicable { explanation } => ("not-applicable", explanation),
        D::Published(publication) => {
            out.push((path.at("published").at("title"), publication.title.clone()));
            out.push((path.at("published").at("url"), publication.url.clone()));
            return;
        }
    };
    out.extend(text.iter().map(|t| (path.at(key), t.clone())));
}

/// Every string in a request's own answer. A junior contract owner's name, phone and email
/// are withheld by the rules, so they are not published text.
fn yaml_texts(out: &mut Vec<Published>, path: &FieldPath, value: &Yaml) {
    match value {
        Yaml::String(text) => out.push((path.clone(), text.clone())),
        Yaml::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                yaml_texts(out, &path.index(i), item);
            }
        }
        Yaml::Mapping(map) => {
            let junior = map.get("seniority").and_then(Yaml::as_str) == Some("junior");
            for (key, item) in map {
                let Some(key) = key.as_str() else { continue };
                if junior && matches!(key, "name" | "phone" | "email") {
                    continue;
                }
                yaml_texts(out, &path.at(key), item);
            }
        }
        Yaml::Tagged(tagged) => yaml_texts(out, path, &tagged.value),
        Yaml::Null | Yaml::Bool(_) | Yaml::Number(_) => {}
    }
}
