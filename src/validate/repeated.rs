//! Repeated requests (FOIA s.14(2); FOISA s.14(2)): whether the earlier request a refusal
//! cites can carry it.
//!
//! The provision applies only where the authority has already complied with a request from
//! the same person for the same information: given it, or said it was not held (ICO
//! guidance on repeat requests). So the earlier request must be in the casebook, to the
//! same authority, from the same requester, not itself refused, answered with something
//! given or said not held, and answered before the repeat arrived. Whether a reasonable
//! interval has passed depends on how likely the information is to have changed: a
//! contract that expired or was reviewed in between is pointed out. The interval runs from
//! the earlier answer under FOIA and from the earlier request under FOISA, as the two Acts
//! say.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::reach::reach;
use super::{Check, dates};
use crate::casebook::{AskedPart, Casebook, EarlierRequest, Request};
use crate::jurisdiction::IntervalFrom;
use crate::model::values::Date;
use crate::model::{RefusalGround, Requester};
use crate::questionnaire::Role;
use crate::report::Finding;
use crate::source::FieldPath;

/// The casebook's requests, as a repeated request's earlier request is looked up in.
#[derive(Debug, Default)]
pub struct Register {
    by_reference: BTreeMap<String, Earlier>,
}

#[derive(Debug, Clone)]
struct Earlier {
    reference: String,
    file: PathBuf,
    authority: usize,
    received: Date,
    responded: Option<Date>,
    requester: Option<Requester>,
    refused: Option<RefusalGround>,
    provided: bool,
}

impl Register {
    /// The register of `requests`, checked requests of `casebook`.
    pub fn of<'a>(casebook: &Casebook, requests: impl IntoIterator<Item = &'a Request>) -> Register {
        let mut register = Register::default();
        for request in requests {
            let authority = casebook.authority(request.authority);
            let provided = request.refusal.is_none() && reach(casebook, authority, &request.parts).provided;
            register.by_reference.insert(
                request.reference.to_lowercase(),
                Earlier {
                    reference: request.reference.clone(),
                    file: request.file.clone(),
                    authority: request.authority,
                    received: request.received,
                    responded: request.responded,
                    requester: request.requester.clone(),
                    refused: request.refusal.as_ref().map(|r| r.ground),
                    provided,
                },
            );
        }
        register
    }
}

/// What the repeat is, as checked so far.
pub(super) struct Repeat<'a> {
    pub reference: &'a str,
    pub authority: usize,
    pub received: Date,
    pub requester: Option<&'a Requester>,
    pub parts: &'a [AskedPart],
}

/// Checks the earlier request a s.14(2) refusal cites; `None` when it cannot carry it.
pub(super) fn earlier(
    check: &mut Check,
    casebook: &Casebook,
    register: &Register,
    repeat: &Repeat,
    previous: &str,
) -> Option<EarlierRequest> {
    let at = FieldPath::key("refuse").at("previous");
    let why = "section 14(2) applies only where we have already complied with a request from the same \
               person, by giving the information or saying it is not held (ICO guidance on repeat requests)";
    let fail = |check: &mut Check, message: String, hint: &str| {
        check.push(Finding::error(check.file, &at, message).hint(hint.to_owned()));
        None
    };
    let previous = previous.trim();
    if previous.eq_ignore_ascii_case(repeat.reference) {
        return fail(
            check,
            "a request cannot repeat itself".into(),
            "give the reference of the earlier request",
        );
    }
    let Some(earlier) = register.by_reference.get(&previous.to_lowercase()) else {
        let known: Vec<&str> = register.by_reference.values().map(|e| e.reference.as_str()).collect();
        check.push(
            Finding::error(check.file, &at, format!("no request `{previous}` in this casebook"))
                .suggest(previous, known)
                .hint("the earlier request must be in requests/, so that what we told them can be checked; if its file has errors, fix them first"),
        );
        return None;
    };
    let file = earlier.file.display();
    if earlier.authority != repeat.authority {
        let name = &casebook.authority(earlier.authority).name;
        return fail(check, format!("{previous} ({file}) was made to {name}, not to this authority"), why);
    }
    if let Some(ground) = earlier.refused {
        let cited = casebook.library.get(casebook.authority(earlier.authority).jurisdiction, ground.id());
        let citation = cited.map_or(ground.id().to_owned(), |e| {
            let mut chars = e.citation.chars();
            chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
        });
        return fail(
            check,
            format!("{previous} ({file}) was itself refused under {citation}, so it was never complied with"),
            why,
        );
    }
    let Some(responded) = earlier.responded else {
        return fail(check, format!("{previous} ({file}) has not been answered"), why);
    };
    if responded > repeat.received {
        return fail(
            check,
            format!(
                "{previous} ({file}) was answered on {responded}, after this request was received on {}",
                repeat.received
            ),
            "the earlier request must have been answered when this one arrived: answer this one instead",
        );
    }
    if !earlier.provided {
        return fail(
            check,
            format!("{previous} ({file}) gave no information and said nothing was not held"),
            "where everything was withheld or neither confirmed nor denied, rely on the exemptions again \
             rather than on section 14(2)",
        );
    }
    match same_requester(earlier.requester.as_ref(), repeat.requester) {
        Some(true) => {}
        Some(false) => {
            return fail(
                check,
                format!("{previous} ({file}) was made by a different requester"),
                "section 14(2) covers only repeats from the same person: the same request from someone else \
                 must be answered",
            );
        }
        None => {
            return fail(
                check,
                format!("cannot tell whether {previous} ({file}) came from the same requester"),
                "record the requester's name or email address on both requests",
            );
        }
    }
    interval(check, casebook, repeat, earlier, responded);
    Some(EarlierRequest { reference: earlier.reference.clone(), received: earlier.received, responded })
}

/// Whether two requesters are the same person: by email address where both have one, else
/// by name. `None` when the files do not say enough to tell.
fn same_requester(a: Option<&Requester>, b: Option<&Requester>) -> Option<bool> {
    let (a, b) = (a?, b?);
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if let (Some(x), Some(y)) = (&a.email, &b.email) {
        return Some(norm(x) == norm(y));
    }
    if let (Some(x), Some(y)) = (&a.name, &b.name) {
        return Some(norm(x) == norm(y));
    }
    None
}

/// Warns when a contract the request is about expired or was due for review since the
/// earlier request was answered (FOIA) or made (FOISA): the information may have changed,
/// and with it whether a reasonable interval has passed.
fn interval(check: &mut Check, casebook: &Casebook, repeat: &Repeat, earlier: &Earlier, responded: Date) {
    let since = match casebook.authority(repeat.authority).jurisdiction.act().repeat_interval_from {
        IntervalFrom::Answer => responded,
        IntervalFrom::Request => earlier.received,
    };
    let mut seen = Vec::new();
    for contract in repeat.parts.iter().flat_map(|p| p.contracts.iter()) {
        if seen.contains(contract) {
            continue;
        }
        seen.push(contract.clone());
        let Some(held) = casebook.contracts.get(contract) else { continue };
        for (role, what) in [(Role::EndDate, "expired"), (Role::ReviewDate, "was due for review")] {
            let Some(day) = dates::date_of(dates::by_role(&held.answers, role)) else { continue };
            if day > since && day <= repeat.received {
                check.push(
                    Finding::warning(
                        check.file,
                        &FieldPath::key("refuse").at("previous"),
                        format!(
                            "contract `{contract}` {what} on {day}, after {} of {}: the information may have changed",
                            if since == responded { "the answer" } else { "the request" },
                            earlier.reference
                        ),
                    )
                    .hint("a reasonable interval depends on how likely the information is to have changed; if it has, answer the request"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn requester(name: Option<&str>, email: Option<&str>) -> Requester {
        Requester {
            name: name.map(Into::into),
            email: email.map(Into::into),
            address: Vec::new(),
            confirmed: true,
        }
    }

    #[test]
    fn the_same_requester_is_known_by_email_then_name() {
        let a = requester(Some("Morgan Ellery"), Some("Morgan@Example.com"));
        let b = requester(Some("M. Ellery"), Some("morgan@example.com "));
        assert_eq!(same_requester(Some(&a), Some(&b)), Some(true), "email decides, whatever the case");
        let c = requester(Some("Morgan  Ellery"), None);
        assert_eq!(same_requester(Some(&a), Some(&c)), Some(true), "then the name");
        let d = requester(Some("Someone Else"), Some("else@example.com"));
        assert_eq!(same_requester(Some(&a), Some(&d)), Some(false));
        let e = requester(None, Some("x@example.com"));
        assert_eq!(same_requester(Some(&c), Some(&e)), None, "nothing to compare");
        assert_eq!(same_requester(None, Some(&a)), None);
    }
}
