//! Refusing a whole request: s.12 (cost limit) and s.14 (vexatious or repeated).
//!
//! A s.12 refusal must state the estimate (FOIA s.17(5); FOISA s.16(4)) and advise how the
//! request could be narrowed (the duty to advise and assist, FOIA s.16; FOISA s.15), and it
//! applies only when the estimate exceeds the appropriate limit.

use std::sync::Arc;

use super::Check;
use crate::casebook::{Authority, Casebook, WholeRefusal};
use crate::model::values::{grouped, yaml_number};
use crate::model::{Refusal, RefusalGround};
use crate::report::Finding;
use crate::source::FieldPath;

/// The largest estimate of hours a s.12 refusal may give: more than a hundred years of one
/// person's work, so anything larger is a typo.
const MAX_HOURS: f64 = 1_000_000.0;

/// Checks a whole-request refusal; `None` when it cannot stand.
pub(super) fn refusal(
    check: &mut Check,
    casebook: &Casebook,
    authority: &Authority,
    raw: &Refusal,
) -> Option<WholeRefusal> {
    let path = FieldPath::key("refuse");
    let exemption = match casebook.library.get(authority.jurisdiction, raw.under.id()) {
        Some(exemption) => Arc::clone(exemption),
        None => {
            check.push(Finding::error(
                check.file,
                &path.at("under"),
                format!("no `{}` in the exemption library", raw.under.id()),
            ));
            return None;
        }
    };
    let rate = f64::from(authority.act.cost.hourly_rate);
    let limit_pounds = authority.cost_limit;
    let limit_hours = f64::from(limit_pounds) / rate;
    let mut ok = true;
    let mut need = |check: &mut Check, present: bool, key: &str, why: &str| {
        if !present {
            check.push(
                Finding::error(
                    check.file,
                    &path,
                    format!("a refusal under {} needs `{key}`", exemption.citation),
                )
                .hint(why.to_owned()),
            );
            ok = false;
        }
    };
    match raw.under {
        RefusalGround::Cost => {
            need(
                check,
                raw.hours.is_some(),
                "hours",
                "give the estimated hours of work; the notice must state the estimate",
            );
            need(
                check,
                raw.advice.is_some(),
                "advice",
                "say how the request could be narrowed to fall within the limit (the duty to advise and assist)",
            );
            if let Some(hours) =
                raw.hours.filter(|hours| !(hours.is_finite() && *hours > 0.0 && *hours <= MAX_HOURS))
            {
                check.push(
                    Finding::error(
                        check.file,
                        &path.at("hours"),
                        format!(
                            "`{}` is not an estimate of hours: give the hours of work as a number above 0 and at most {}",
                            yaml_number(hours),
                            grouped(MAX_HOURS as u64)
                        ),
                    )
                    .hint("e.g. `hours: 40`: the notice states the estimate, which must exceed the limit"),
                );
                ok = false;
            } else if let Some(hours) = raw.hours {
                if hours <= limit_hours {
                    check.push(
                        Finding::error(
                            check.file,
                            &path.at("hours"),
                            format!("{hours} hours is within the limit of {limit_hours} hours (£{limit_pounds} at £{rate} an hour)"),
                        )
                        .hint("section 12 applies only when the estimate exceeds the limit: answer the request instead"),
                    );
                    ok = false;
                }
            }
        }
        RefusalGround::Vexatious => {
            need(
                check,
                raw.reason.is_some(),
                "reason",
                "explain why the request is vexatious: the burden it imposes against its value",
            );
        }
        RefusalGround::Repeated => {
            need(
                check,
                raw.previous.is_some(),
                "previous",
                "give the reference of the earlier request from the same person that this one repeats",
            );
        }
    }
    ok.then(|| WholeRefusal {
        ground: raw.under,
        exemption,
        hours: raw.hours,
        limit_hours,
        limit_pounds,
        basis: raw.basis.clone(),
        advice: raw.advice.clone(),
        reason: raw.reason.clone(),
        previous: raw.previous.clone(),
    })
}
