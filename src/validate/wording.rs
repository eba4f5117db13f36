//! What a request relies on, held against the law of its day: each exemption has wording
//! good on the day the request was received, says something about each question it is
//! used for, and a public interest extension has a qualified exemption to weigh.
//!
//! Wording is dated because the law changes under it: the personal-data exemptions cite
//! the UK GDPR, which did not exist before 2021, so a letter answering a 2013 request with
//! them would be wrong (exemption files' `good-from`). A notice must say why the exemption
//! applies (FOIA s.17(1)(c); FOISA s.16(1)(d)): where an exemption's wording is written in
//! passages keyed to questions and none covers a question it is used for, and the answer
//! gives no reason of its own, the officer is told. An extension under FOIA s.10(3) exists
//! only to weigh the public interest, so it needs a qualified exemption.

use std::collections::BTreeSet;

use super::Check;
use super::reach::Reached;
use crate::casebook::{AskedPart, Authority, Casebook, WholeRefusal};
use crate::exemptions::{ExemptionKind, covers};
use crate::model::{Extension, OrStandard, RequestFile};
use crate::report::{Finding, Severity};
use crate::source::FieldPath;

/// Checks that every exemption reached has wording good on the day the request was
/// received. Returns whether all do.
pub(super) fn dated(
    check: &mut Check,
    casebook: &Casebook,
    authority: &Authority,
    raw: &RequestFile,
    reached: &Reached,
    refusal: Option<&WholeRefusal>,
) -> bool {
    let act = authority.jurisdiction;
    let mut relied: Vec<(&crate::exemptions::Exemption, bool)> = Vec::new();
    for used in &reached.uses {
        if !relied.iter().any(|(e, n)| e.id == used.exemption.id && *n == used.ncnd) {
            relied.push((used.exemption, used.ncnd));
        }
    }
    if let Some(refusal) = refusal {
        relied.push((&refusal.exemption, false));
    }
    let mut ok = true;
    let mut reported = BTreeSet::new();
    for (exemption, ncnd) in relied {
        let at = FieldPath::key("received");
        match casebook.library.at(act, &exemption.id, raw.received) {
            None => {
                if !reported.insert(exemption.id.clone()) {
                    continue;
                }
                let first = casebook.library.versions(act, &exemption.id).into_iter().next();
                let since = first.and_then(|e| e.good_from).map_or(String::new(), |d| format!(" from {d}"));
                let file = first.map_or(String::new(), |e| format!(" in {}", e.file));
                check.push(
                    Finding::error(
                        check.file,
                        &at,
                        format!(
                            "the wording of {}{file} is good{since}, but this request was received on {}",
                            exemption.citation, raw.received
                        ),
                    )
                    .hint(format!(
                        "add wording that was right in law on that day, as exemptions/{}/{}.<label>.yaml with \
                         `good-from:` on or before {} (see exemptions/README.md)",
                        act.as_str(),
                        exemption.id,
                        raw.received
                    )),
                );
                ok = false;
            }
            Some(wording) if ncnd && wording.ncnd.is_none() => {
                check.push(
                    Finding::error(
                        check.file,
                        &at,
                        format!(
                            "the wording of {} good on {} ({}) has no provision to neither confirm nor deny",
                            exemption.citation, raw.received, wording.file
                        ),
                    )
                    .hint("give that version `ncnd:`, or withhold the information instead"),
                );
                ok = false;
            }
            Some(_) => {}
        }
    }
    ok
}

/// A public interest extension (FOIA s.10(3)) needs a public interest test to weigh: a
/// qualified exemption relied on to withhold, or to neither confirm nor deny.
pub(super) fn extension(
    check: &mut Check,
    reached: &Reached,
    refusal: Option<&WholeRefusal>,
    _extension: &Extension,
) {
    let at = FieldPath::key("extension");
    let message = if refusal.is_some() {
        "a request refused as a whole has no public interest test, so it has no public interest extension"
    } else if reached.uses.iter().any(|u| u.exemption.kind == ExemptionKind::Qualified) {
        return;
    } else {
        "no answer of this request relies on a qualified exemption, so there is no public interest test to extend"
    };
    let key = check.file.locate_key(&at);
    check.push(
        Finding::at(Severity::Error, check.file, &at, key, message)
            .hint("section 10(3) gives more time only to weigh the public interest: remove `extension:`"),
    );
}

/// Warns where an exemption whose wording is keyed to questions has nothing to say about a
/// question it is used for, and the answer gives no reason of its own.
pub(super) fn reasoning(
    check: &mut Check,
    casebook: &Casebook,
    authority: &Authority,
    raw: &RequestFile,
    parts: &[AskedPart],
    reached: &Reached,
) {
    let mut warned = BTreeSet::new();
    for used in reached.uses.iter().filter(|u| !u.reasoned) {
        let Some(wording) = casebook.library.at(authority.jurisdiction, &used.exemption.id, raw.received)
        else {
            continue;
        };
        let passages = match (used.ncnd, &wording.ncnd) {
            (true, Some(ncnd)) => &ncnd.explanation,
            (true, None) => continue,
            (false, _) => &wording.explanation,
        };
        let keyed = passages.iter().any(|p| !p.when.is_empty());
        if !keyed || covers(passages, used.question) {
            continue;
        }
        if !warned.insert((wording.id.clone(), used.ncnd, used.at)) {
            continue;
        }
        let (i, j) = used.at;
        let label = parts.get(i).and_then(|p| p.questions.get(j)).map_or("", |q| q.label.as_str());
        let path = match &raw.parts {
            OrStandard::Listed(_) => FieldPath::key("parts").index(i).at("questions").index(j),
            OrStandard::Standard => FieldPath::key("parts"),
        };
        check.push(
            Finding::warning(
                check.file,
                &path,
                format!(
                    "{} ({}) has nothing to say about “{label}” in particular: the notice would give only its general explanation",
                    wording.citation, wording.file
                ),
            )
            .hint(
                "the notice must say why the exemption applies (FOIA s.17(1)(c), FOISA s.16(1)(d)): give \
                 `reason:` where the answer is recorded, or add a passage `{when: [...], text: ...}` to the wording",
            ),
        );
    }
}
