//! What differs between FOIA and FOISA: the Act's name, its regulator, cost limits, the
//! ids of the exemptions the rules apply automatically, and review time limits.
//!
//! Data lives in `src/data/jurisdictions.yaml`, embedded in the binary.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::model::Jurisdiction;

/// The facts about one Act that responses need.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct Act {
    /// Name as used mid-sentence: `the Freedom of Information Act 2000`.
    pub act: String,
    /// Abbreviation: `FOIA`.
    pub short: String,
    /// The section setting out what a refusal notice must contain: `section 17`.
    pub notice_section: String,
    /// The sections under which a whole request is refused.
    pub refusal_notices: RefusalNotices,
    /// The section under which the authority gives notice that information is not held,
    /// where the Act has one (FOISA s.17(1)).
    pub not_held_notice: Option<String>,
    /// The section under which a notice neither confirming nor denying is given, where it
    /// is not `notice_section` (FOISA s.18(1)).
    pub ncnd_notice_section: Option<String>,
    /// Working days allowed for a response.
    pub working_days: u32,
    /// Most further working days a public interest extension may take; none under FOISA.
    pub public_interest_extension: Option<u32>,
    /// Exemptions the rules apply by themselves.
    pub exemptions: AutomaticExemptions,
    /// The cost limit.
    pub cost: CostLimit,
    /// Internal review time limits.
    pub review: Review,
    /// Who to complain to after a review.
    pub regulator: Regulator,
    /// The court for appeals on a point of law, where the Act's notice must name it.
    pub court: Option<String>,
}

/// Ids of the exemptions the rules apply automatically.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct AutomaticExemptions {
    /// Information already published (FOIA s.21, FOISA s.25).
    pub published: String,
    /// Third-party personal data (FOIA s.40(2), FOISA s.38(1)(b)).
    pub personal_data: String,
}

/// The notices refusing a whole request, by ground.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct RefusalNotices {
    /// s.12.
    pub cost: String,
    /// s.14(1).
    pub vexatious: String,
    /// s.14(2).
    pub repeated: String,
}

/// The limit for refusing on cost.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct CostLimit {
    /// The regulations that set it.
    pub regulations: String,
    /// What the Act calls it: `appropriate limit` (FOIA), `prescribed amount` (FOISA).
    pub limit_name: String,
    /// The limits the regulations allow, in pounds.
    pub limits: Vec<u32>,
    /// The limit in pounds unless the authority says otherwise.
    pub default_limit: u32,
    /// Pounds per hour of staff time: the rate (FOIA), or the most that may be counted
    /// (FOISA).
    pub hourly_rate: u32,
    /// Whether `hourly_rate` is a maximum rather than the rate itself.
    pub rate_is_maximum: bool,
}

/// Internal review time limits.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct Review {
    /// Working days the requester has to ask for a review.
    pub request_within_working_days: u32,
    /// Working days the authority has to complete it.
    pub answer_within_working_days: u32,
}

/// The regulator and how to reach it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct Regulator {
    /// Name as used mid-sentence.
    pub name: String,
    /// Short name as used mid-sentence.
    pub short: String,
    /// Postal address lines.
    pub address: Vec<String>,
    /// Telephone number, where published reliably.
    #[serde(default)]
    pub phone: Option<String>,
    /// Where to complain or appeal online.
    pub website: String,
    /// Time allowed to complain, in words.
    pub complain_within: String,
    /// The section giving the right to complain.
    pub section: String,
    /// Working days after which a review not yet completed may be complained of, where the
    /// regulator sets such a time (the ICO: 40).
    #[serde(default)]
    pub review_overdue_after_working_days: Option<u32>,
    /// When the contact details were last checked.
    pub verified_on: String,
}

const DATA: &str = include_str!("data/jurisdictions.yaml");

/// The facts about `jurisdiction`'s Act.
///
/// The data is part of the binary and covered by tests, so a parse failure here is a build
/// defect, not bad input.
pub fn act(jurisdiction: Jurisdiction) -> &'static Act {
    static CELL: OnceLock<BTreeMap<Jurisdiction, Act>> = OnceLock::new();
    let acts = CELL.get_or_init(|| match serde_yaml::from_str(DATA) {
        Ok(acts) => acts,
        Err(err) => panic!("built-in jurisdiction data is invalid: {err}"),
    });
    &acts[&jurisdiction]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exemptions::Library;

    #[test]
    fn both_acts_are_described_and_their_automatic_exemptions_exist() {
        let (library, _) = Library::load(None);
        for jurisdiction in [Jurisdiction::Foia, Jurisdiction::Foisa] {
            let act = act(jurisdiction);
            assert_eq!(act.working_days, 20);
            for id in [&act.exemptions.published, &act.exemptions.personal_data] {
                assert!(library.get(jurisdiction, id).is_some(), "{id} missing for {jurisdiction:?}");
            }
        }
        assert_eq!(act(Jurisdiction::Foisa).public_interest_extension, None);
        // SI 2004/3244 regs. 3-4: £450 or £600 at a flat £25 an hour; SSI 2004/467 regs. 3
        // and 5: the £600 prescribed amount, staff time at no more than £15 an hour.
        let (foia, foisa) = (&act(Jurisdiction::Foia).cost, &act(Jurisdiction::Foisa).cost);
        assert_eq!(
            (foia.hourly_rate, foia.rate_is_maximum, foia.limits.as_slice()),
            (25, false, &[450, 600][..])
        );
        assert_eq!(
            (foisa.hourly_rate, foisa.rate_is_maximum, foisa.limits.as_slice()),
            (15, true, &[600][..])
        );
        assert_eq!(
            (foia.limit_name.as_str(), foisa.limit_name.as_str()),
            ("appropriate limit", "prescribed amount")
        );
        // FOIA s.17(5); FOISA s.16(4) and (5); FOISA s.17(1); FOISA s.18(1).
        let (a, b) = (act(Jurisdiction::Foia), act(Jurisdiction::Foisa));
        assert_eq!(
            (a.refusal_notices.cost.as_str(), a.refusal_notices.repeated.as_str()),
            ("section 17(5)", "section 17(5)")
        );
        assert_eq!(
            (b.refusal_notices.cost.as_str(), b.refusal_notices.vexatious.as_str()),
            ("section 16(4)", "section 16(5)")
        );
        assert_eq!(
            (a.not_held_notice.as_deref(), b.not_held_notice.as_deref()),
            (None, Some("section 17(1)"))
        );
        assert_eq!(b.ncnd_notice_section.as_deref(), Some("section 18(1)"));
        assert_eq!(a.regulator.phone.as_deref(), Some("0303 123 1113"));
    }
}
