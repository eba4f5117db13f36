//! Checking a contract file.

use std::collections::BTreeMap;

use super::answer::Law;
use super::authority::which_authority;
use super::{Check, is_id};
use crate::casebook::{Authority, Contract};
use crate::exemptions::Library;
use crate::model::ContractFile;
use crate::report::Finding;
use crate::source::FieldPath;

/// Checks one contract; `id` is its file stem. Returns the contract and whether it has no
/// errors: one with errors is never used, but what it says is still checked against the
/// other files (a junior officer's details, say), so one error does not hide another.
/// `None` when it names no authority of the casebook.
pub(crate) fn check(
    check: &mut Check,
    id: &str,
    raw: ContractFile,
    authorities: &[Authority],
    library: &Library,
) -> Option<(Contract, bool)> {
    if !is_id(id) {
        check.push(
            Finding::error(check.file, &FieldPath::root(), format!("`{id}` is not a usable contract id"))
                .hint("rename the file with lower-case letters, digits and hyphens, e.g. `contracts/ivr-support.yaml`"),
        );
    }
    let authority_index = which_authority(check, authorities, raw.authority.as_deref())?;
    let authority = &authorities[authority_index];
    let law = Law { library, jurisdiction: authority.jurisdiction, act: authority.act };
    if raw.title.trim().is_empty() {
        check.push(Finding::error(check.file, &FieldPath::key("title"), "the contract needs a title"));
    }
    check.heading(&FieldPath::key("title"), &raw.title, "the contract's title");
    let before = check.findings.len();
    let mut answers = BTreeMap::new();
    for (question, answer) in raw.answers() {
        let at = FieldPath::key(question.as_str());
        if let Some(answer) = law.answer(check, &at, answer) {
            answers.insert(question, answer);
        }
    }
    super::dates::contract(check, raw.start, &answers);
    item(check, &raw);
    let contract = Contract {
        id: id.to_owned(),
        file: check.file.display.clone(),
        authority: authority_index,
        part: raw.part,
        title: raw.title,
        start: raw.start,
        item: raw.item,
        answers,
    };
    check.words(&super::text::contract(&contract));
    let failed = check.findings[before..].iter().any(|f| f.severity == crate::report::Severity::Error);
    Some((contract, !failed && is_id(id)))
}

/// A contract of a part that asks per item says which item it is, one of the part's; a
/// contract of any other part names none.
fn item(check: &mut Check, raw: &ContractFile) {
    let part = raw.part.entry();
    let at = FieldPath::key("item");
    match &raw.item {
        None if !part.items.is_empty() => {
            let ids: Vec<&str> = part.items.iter().map(|i| i.id.as_str()).collect();
            check.push(
                Finding::error(
                    check.file,
                    &FieldPath::key("part"),
                    format!(
                        "part `{}` asks its questions of each item: the contract needs `item:`",
                        raw.part
                    ),
                )
                .hint(format!("add `item:` with one of: {}", ids.join(", "))),
            );
        }
        Some(_) if part.items.is_empty() => check.push(
            Finding::error(check.file, &at, format!("part `{}` asks no items", raw.part))
                .hint("remove `item:`, or give the part that asks per item"),
        ),
        Some(item) if part.item(item).is_none() => {
            let ids: Vec<&str> = part.items.iter().map(|i| i.id.as_str()).collect();
            check.push(
                Finding::error(check.file, &at, format!("part `{}` has no item `{item}`", raw.part))
                    .suggest(item, ids),
            );
        }
        _ => {}
    }
}
