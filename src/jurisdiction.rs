//! The Acts foi answers under, as one table: each Act's name, its regulator, cost limits,
//! the ids of the exemptions the rules apply automatically, working days and review time
//! limits. [`Jurisdiction`] names a row of it.
//!
//! Data lives in `src/data/jurisdictions.yaml`, embedded in the binary: an Act is a row
//! there (and its exemption files), not code.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// An Act an authority answers under: a row of `src/data/jurisdictions.yaml`, written in
/// YAML by its id (`foia`, `foisa`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Jurisdiction(u8);

impl Jurisdiction {
    /// Every Act, in the order of the data file.
    pub fn all() -> impl Iterator<Item = Jurisdiction> {
        (0..table().len()).filter_map(|i| u8::try_from(i).ok()).map(Jurisdiction)
    }

    /// The Act whose id is `id`.
    pub fn named(id: &str) -> Option<Jurisdiction> {
        Self::all().find(|act| act.as_str() == id)
    }

    /// The id as written in YAML and used for the exemption folders.
    pub fn as_str(self) -> &'static str {
        &table()[usize::from(self.0)].0
    }

    /// The facts about the Act.
    pub fn act(self) -> &'static Act {
        &table()[usize::from(self.0)].1
    }

    /// Every Act's id, for messages: `foia, foisa`.
    pub fn ids() -> Vec<&'static str> {
        Self::all().map(Jurisdiction::as_str).collect()
    }
}

/// The first Act of the data file (FOIA), where nothing says which Act applies.
impl Default for Jurisdiction {
    fn default() -> Self {
        Jurisdiction(0)
    }
}

impl fmt::Debug for Jurisdiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Jurisdiction({})", self.as_str())
    }
}

impl fmt::Display for Jurisdiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Jurisdiction {
    type Err = String;

    /// An Act by its id; an unknown id is refused naming the Acts there are, and the
    /// nearest one.
    fn from_str(id: &str) -> Result<Self, String> {
        Jurisdiction::named(id).ok_or_else(|| {
            let ids = Jurisdiction::ids();
            let hint = crate::nearest::suggestion(id, &ids).unwrap_or_default();
            format!("unknown Act `{id}`: {hint}")
        })
    }
}

impl Serialize for Jurisdiction {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Jurisdiction {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = Cow::<str>::deserialize(deserializer)?;
        id.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Jurisdiction {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Jurisdiction")
    }

    /// One constant per Act of the table, with the table's description of it.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let acts: Vec<serde_json::Value> = Jurisdiction::all()
            .map(|act| {
                serde_json::json!({
                    "const": act.as_str(),
                    "description": act.act().description,
                    "type": "string",
                })
            })
            .collect();
        schemars::json_schema!({
            "description": "The Act an authority answers under.",
            "oneOf": acts,
        })
    }
}

/// The facts about one Act that responses need.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct Act {
    /// What the Act covers, for editors: the JSON Schema's description of its id.
    pub description: String,
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
    /// Which days are not working days.
    pub non_working_days: NonWorkingDays,
    /// Most further working days a public interest extension may take; none under FOISA.
    pub public_interest_extension: Option<u32>,
    /// The section under which the authority gives notice that it needs more time to weigh
    /// the public interest (FOIA s.17(2)); none where the Act has no extension.
    pub extension_notice_section: Option<String>,
    /// The section that lets an authority ask what a request means: `section 1(3)`.
    pub clarification_section: String,
    /// The section of the duty to advise and assist: `section 16` (FOISA: `section 15`).
    pub advice_section: String,
    /// Exemptions the rules apply by themselves.
    pub exemptions: AutomaticExemptions,
    /// Neither confirm nor deny: when it needs its own public interest test, and which
    /// exemptions allow it.
    pub ncnd: Ncnd,
    /// The cost limit.
    pub cost: CostLimit,
    /// Internal review time limits.
    pub review: Review,
    /// Who to complain to after a review.
    pub regulator: Regulator,
    /// The court for appeals on a point of law, where the Act's notice must name it.
    pub court: Option<String>,
    /// s.14(2): where the reasonable interval before a repeated request is counted from.
    pub repeat_interval_from: IntervalFrom,
    /// The heading of the letter's section on the right to a review, which the
    /// disclosure log links to.
    pub review_heading: String,
}

/// The days an Act does not count as working days, besides weekends and Christmas Day.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct NonWorkingDays {
    /// The nations whose bank holidays count, by the codes of `bank-holidays.tsv`
    /// (`ew`, `sc`, `ni`).
    pub bank_holidays_of: Vec<String>,
    /// Whether the Act names Good Friday in its own right.
    pub good_friday: bool,
    /// The provision defining a working day, as cited in explanations: `FOIA s.10(6)`.
    pub section: String,
}

/// Where the interval before a repeated request (s.14(2)) starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IntervalFrom {
    /// The answer to the earlier request (FOIA s.14(2): "compliance with the previous
    /// request").
    Answer,
    /// The earlier request itself (FOISA s.14(2): "the making of the request").
    Request,
}

/// The Act's rules for neither confirming nor denying that information is held.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct Ncnd {
    /// Which exemptions' exclusion of the duty to confirm or deny has its own public
    /// interest test.
    pub public_interest_test: NcndTest,
    /// What to do when an exemption file's `ncnd` lacks the test it needs.
    pub public_interest_hint: String,
    /// The exemptions under which the Act allows neither confirm nor deny at all, where it
    /// limits them (FOISA s.18(1)); none: every exemption may.
    pub only_for: Option<NcndLimit>,
}

/// Which exemptions' neither-confirm-nor-deny needs a public interest test of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NcndTest {
    /// Every exemption's (FOISA s.18(1)).
    Always,
    /// Only a qualified exemption's (FOIA s.2(1)(b)).
    Qualified,
}

/// The exemptions an Act allows neither confirm nor deny under.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct NcndLimit {
    /// The provision that limits it: `FOISA s.18(1)`.
    pub section: String,
    /// Exemption ids, each covering itself and its subsections (`s39-1` covers
    /// `s39-1-a`).
    pub exemptions: Vec<String>,
    /// What to do when an exemption outside them has `ncnd`.
    pub hint: String,
}

impl NcndLimit {
    /// Whether exemption `id` is one of [`NcndLimit::exemptions`] or a subsection of one.
    pub fn allows(&self, id: &str) -> bool {
        self.exemptions.iter().any(|allowed| {
            id.strip_prefix(allowed.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
        })
    }
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
    /// Whether `hourly_rate` is a maximum rather than the rate itself. A flat rate makes
    /// an estimate in hours enough (the cost follows); a maximum needs the cost itself.
    pub rate_is_maximum: bool,
    /// The provision setting `hourly_rate`, as cited in messages: `SI 2004/3244 reg. 4(4)`.
    pub rate_rule: String,
    /// The provision saying how the cost is estimated, as cited in messages.
    pub costing_rule: String,
    /// What to write when foi.yaml gives a cost limit the regulations do not allow.
    pub limit_hint: String,
}

/// Internal review time limits.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct Review {
    /// Working days the requester has to ask for a review.
    pub request_within_working_days: u32,
    /// Working days the authority has to complete it.
    pub answer_within_working_days: u32,
    /// What sets that time, as cited by `foi due` (not in the letters' data).
    #[serde(skip_serializing)]
    pub answer_within_source: String,
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
    /// Calendar days a decision notice usually allows for its steps (the ICO: 35; the
    /// Scottish Information Commissioner: 45), after which `foi check` warns.
    pub steps_within_days: u32,
    /// When the contact details were last checked.
    pub verified_on: String,
}

const DATA: &str = include_str!("data/jurisdictions.yaml");

/// The table: each Act's id and facts, in the data file's order.
///
/// The data is part of the binary and covered by tests, so a parse failure here is a build
/// defect, not bad input.
fn table() -> &'static [(String, Act)] {
    static CELL: OnceLock<Vec<(String, Act)>> = OnceLock::new();
    CELL.get_or_init(|| {
        let rows: serde_yaml::Mapping = match serde_yaml::from_str(DATA) {
            Ok(rows) => rows,
            Err(err) => panic!("built-in jurisdiction data is invalid: {err}"),
        };
        let table: Vec<(String, Act)> = rows
            .into_iter()
            .map(|(id, act)| match (id, serde_yaml::from_value::<Act>(act)) {
                (serde_yaml::Value::String(id), Ok(act)) => (id, act),
                (id, Err(err)) => panic!("built-in jurisdiction data is invalid at {id:?}: {err}"),
                (id, Ok(_)) => panic!("built-in jurisdiction data: {id:?} is not an id"),
            })
            .collect();
        assert!(table.len() <= usize::from(u8::MAX), "too many Acts for a Jurisdiction");
        table
    })
}

/// The facts about `jurisdiction`'s Act.
pub fn act(jurisdiction: Jurisdiction) -> &'static Act {
    jurisdiction.act()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// FOIA, for tests of its rules.
    pub(crate) fn foia() -> Jurisdiction {
        Jurisdiction::named("foia").expect("FOIA is in jurisdictions.yaml")
    }

    /// FOISA, for tests of its rules.
    pub(crate) fn foisa() -> Jurisdiction {
        Jurisdiction::named("foisa").expect("FOISA is in jurisdictions.yaml")
    }

    #[test]
    fn both_acts_are_described_and_their_automatic_exemptions_exist() {
        let (library, _) = crate::load::exemptions::library(None);
        for jurisdiction in [foia(), foisa()] {
            let act = act(jurisdiction);
            assert_eq!(act.working_days, 20);
            for id in [&act.exemptions.published, &act.exemptions.personal_data] {
                assert!(library.get(jurisdiction, id).is_some(), "{id} missing for {jurisdiction:?}");
            }
        }
        assert_eq!(act(foisa()).public_interest_extension, None);
        // SI 2004/3244 regs. 3-4: £450 or £600 at a flat £25 an hour; SSI 2004/467 regs. 3
        // and 5: the £600 prescribed amount, staff time at no more than £15 an hour.
        let (foia_cost, foisa_cost) = (&act(foia()).cost, &act(foisa()).cost);
        assert_eq!(
            (foia_cost.hourly_rate, foia_cost.rate_is_maximum, foia_cost.limits.as_slice()),
            (25, false, &[450, 600][..])
        );
        assert_eq!(
            (foisa_cost.hourly_rate, foisa_cost.rate_is_maximum, foisa_cost.limits.as_slice()),
            (15, true, &[600][..])
        );
        assert_eq!(
            (foia_cost.limit_name.as_str(), foisa_cost.limit_name.as_str()),
            ("appropriate limit", "prescribed amount")
        );
        // FOIA s.17(5); FOISA s.16(4) and (5); FOISA s.17(1); FOISA s.18(1).
        let (a, b) = (act(foia()), act(foisa()));
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

    #[test]
    fn an_unknown_act_is_refused_with_the_nearest_id_never_taken_for_foia() {
        assert_eq!("foisa".parse::<Jurisdiction>(), Ok(foisa()));
        let err = "fiosa".parse::<Jurisdiction>().expect_err("not an Act");
        assert_eq!(err, "unknown Act `fiosa`: did you mean `foisa`?");
        let err = "eir".parse::<Jurisdiction>().expect_err("not an Act (yet)");
        assert_eq!(err, "unknown Act `eir`: expected one of: foia, foisa");
        let yaml: Result<Jurisdiction, _> = serde_yaml::from_str("foiaa");
        assert!(yaml.expect_err("refused").to_string().contains("did you mean `foia`"));
    }

    #[test]
    fn every_built_in_exemption_folder_is_an_act_and_every_act_has_its_automatic_exemptions() {
        for (folder, stem, _) in crate::exemptions::BUILTIN {
            assert!(Jurisdiction::named(folder).is_some(), "exemptions/{folder}/{stem}.yaml: no such Act");
        }
        let (library, findings) = crate::load::exemptions::library(None);
        assert!(findings.is_empty(), "{findings:?}");
        for jurisdiction in Jurisdiction::all() {
            assert_eq!(jurisdiction.as_str().parse(), Ok(jurisdiction));
            let automatic = &jurisdiction.act().exemptions;
            for id in [&automatic.published, &automatic.personal_data] {
                assert!(library.get(jurisdiction, id).is_some(), "{id} missing for {jurisdiction}");
            }
        }
    }
}
