//! Refusing a whole request: s.12 (cost limit) and s.14 (vexatious or repeated).
//!
//! A s.12 refusal must state the estimate (FOIA s.17(5); FOISA s.16(4)) and advise how the
//! request could be narrowed (the duty to advise and assist, FOIA s.16; FOISA s.15), and it
//! applies only when the estimate exceeds the limit. The two Acts count differently: under
//! FOIA the estimate is hours of the four permitted activities at a flat £25 an hour
//! against £450 or £600 (SI 2004/3244 regs. 3 and 4); under FOISA it is the projected cost
//! in pounds, staff time at its actual cost up to £15 an hour, against the £600 prescribed
//! amount (SSI 2004/467 regs. 3 and 5). Whether a s.14(2) refusal's earlier request can
//! carry it is `repeated`.

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
    let need = |check: &mut Check, present: bool, key: &str, why: &str| -> bool {
        if !present {
            check.push(
                Finding::error(
                    check.file,
                    &path,
                    format!("a refusal under {} needs `{key}`", exemption.citation),
                )
                .hint(why.to_owned()),
            );
        }
        present
    };
    let mut cost = None;
    let act = authority.act;
    // Where the Act costs staff time at a flat rate (FOIA), the estimate is in hours and the
    // cost follows; where the rate is only a maximum (FOISA), the estimate is the cost.
    let estimate_in_hours = !act.cost.rate_is_maximum;
    match raw.under {
        RefusalGround::Cost if estimate_in_hours => {
            ok &= need(
                check,
                raw.hours.is_some(),
                "hours",
                "give the estimated hours of work; the notice must state the estimate",
            );
            if raw.cost.is_some() {
                check.push(
                    Finding::error(check.file, &path.at("cost"), format!("under {} the estimate is given in hours", act.short))
                        .hint(format!(
                            "remove `cost`: {} costs staff time at a flat £{rate} an hour ({}), so the cost is the hours times £{rate}",
                            act.short, act.cost.rate_rule
                        )),
                );
                ok = false;
            }
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
                cost = Some(hours * rate);
            }
        }
        RefusalGround::Cost => {
            ok &= need(
                check,
                raw.cost.is_some(),
                "cost",
                &format!(
                    "give the estimated cost in pounds (`cost: 690`), with the hours as supporting detail: under {} staff time is costed at what it actually costs, up to £{rate} an hour ({})",
                    act.short, act.cost.costing_rule
                ),
            );
            let plausible = |x: &f64| x.is_finite() && *x > 0.0;
            if let Some(pounds) = raw.cost.filter(|p| !(plausible(p) && *p <= MAX_HOURS * rate)) {
                check.push(
                    Finding::error(
                        check.file,
                        &path.at("cost"),
                        format!(
                            "`{}` is not an estimate of cost: give the pounds as a number above 0 and at most {}",
                            yaml_number(pounds),
                            grouped((MAX_HOURS * rate) as u64)
                        ),
                    )
                    .hint(format!("e.g. `cost: 690`: the notice states the estimate, which must exceed £{limit_pounds}")),
                );
                ok = false;
            } else if let Some(hours) = raw.hours.filter(|h| !(plausible(h) && *h <= MAX_HOURS)) {
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
                    .hint(format!("e.g. `hours: 46`, or leave `hours` out: under {} the estimate is the cost", act.short)),
                );
                ok = false;
            } else if let Some(pounds) = raw.cost {
                if pounds <= f64::from(limit_pounds) {
                    check.push(
                        Finding::error(
                            check.file,
                            &path.at("cost"),
                            format!("£{pounds} is within the {} of £{limit_pounds}", act.cost.limit_name),
                        )
                        .hint(format!("section 12(1) applies only when the estimated cost exceeds £{limit_pounds}: answer the request instead")),
                    );
                    ok = false;
                }
                if let Some(hours) = raw.hours.filter(|h| h.is_finite() && *h > 0.0) {
                    let per_hour = pounds / hours;
                    if per_hour > rate + 1e-9 {
                        check.push(
                            Finding::error(
                                check.file,
                                &path.at("cost"),
                                format!("£{pounds} for {hours} hours is £{per_hour:.2} an hour"),
                            )
                            .hint(format!("no more than £{rate} an hour of each person's time may be counted ({}): lower the estimate", act.cost.rate_rule)),
                        );
                        ok = false;
                    }
                }
                cost = Some(pounds);
            }
        }
        RefusalGround::Vexatious => {
            ok &= need(
                check,
                raw.reason.is_some(),
                "reason",
                "explain why the request is vexatious: the burden it imposes against its value",
            );
        }
        RefusalGround::Repeated => {
            ok &= need(
                check,
                raw.previous.is_some(),
                "previous",
                "give the reference of the earlier request from the same person that this one repeats",
            );
        }
    }
    if raw.under == RefusalGround::Cost {
        ok &= need(
            check,
            raw.advice.is_some(),
            "advice",
            "say how the request could be narrowed to fall within the limit (the duty to advise and assist)",
        );
    }
    ok.then(|| WholeRefusal {
        ground: raw.under,
        exemption,
        hours: raw.hours,
        cost,
        limit_hours,
        limit_pounds,
        basis: raw.basis.clone(),
        advice: raw.advice.clone(),
        reason: raw.reason.clone(),
        previous: raw.previous.clone(),
        earlier: None,
    })
}
