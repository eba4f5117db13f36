//! `foi.yaml`: the authority (or authorities) the casebook answers for, and house policy.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::fields::Facts;
use super::values::Date;
use crate::calendar::Nation;
use crate::questionnaire::PartId;

/// The casebook's root file, `foi.yaml`. Give `authority` for one authority, or
/// `authorities` for several (a shared service answering for each of them).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProfileFile {
    /// The authority this casebook answers for.
    #[serde(default)]
    pub authority: Option<AuthorityFile>,
    /// The authorities this casebook answers for; each needs an `id`.
    #[serde(default)]
    pub authorities: Option<Vec<AuthorityFile>>,
    /// The shared service that answers for the authorities, if any.
    #[serde(default)]
    pub shared_service: Option<SharedService>,
    /// Bank holidays proclaimed after this version of `foi` was built, added to its
    /// calendar for every deadline in the casebook. Only days appointed under the Banking
    /// and Financial Dealings Act 1971 belong here: an office closure day is still a working
    /// day under FOIA s.10(6) and FOISA s.73 (ICO line to take LTT47). Default: none.
    #[serde(default)]
    pub bank_holidays: Vec<BankHolidayFile>,
    /// The licence the disclosure log's open data and pages are published under. Default:
    /// the Open Government Licence v3.0, which UK public bodies use for information they
    /// publish (`foi publish` states it on every page, in the JSON and in
    /// `datapackage.json`).
    #[serde(default)]
    pub licence: Option<Licence>,
    /// The web address the disclosure log is served from, e.g.
    /// `https://foi.example.gov.uk/log`: what `foi publish --base-url` defaults to, and
    /// where a `see:` answer's link to an earlier response points
    /// (`…/responses/REFERENCE.html`).
    #[serde(default)]
    pub disclosure_log: Option<String>,
}

/// The licence published information is offered under.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct Licence {
    /// Its name as printed, e.g. `Open Government Licence v3.0`.
    pub title: String,
    /// Where its terms are published (an `https://` address).
    pub url: String,
    /// Its identifier in the Open Definition's list of licences (`OGL-UK-3.0`, `CC-BY-4.0`),
    /// used in `datapackage.json`. Leave out when it has none.
    #[serde(default)]
    pub id: Option<String>,
}

impl Licence {
    /// The licence published information is offered under when foi.yaml names none: the
    /// Open Government Licence, which the National Archives asks public bodies to use.
    pub fn open_government() -> Self {
        Self {
            title: "Open Government Licence v3.0".to_owned(),
            url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/".to_owned(),
            id: Some("OGL-UK-3.0".to_owned()),
        }
    }
}

/// A proclaimed bank holiday the built-in calendar does not know yet.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BankHolidayFile {
    /// The day, YYYY-MM-DD.
    pub date: Date,
    /// Its name, as printed when a deadline is explained.
    pub name: String,
    /// Where it is a bank holiday: any of `england-and-wales`, `scotland`,
    /// `northern-ireland`. FOIA counts all three; FOISA counts Scotland only.
    pub nations: Vec<Nation>,
}

/// A shared service answering requests on behalf of several authorities.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct SharedService {
    /// Name, e.g. `Mid Kent ICT Partnership`.
    pub name: String,
    /// Its website (an `https://` address), linked from the disclosure log's header.
    #[serde(default)]
    pub website: Option<String>,
}

pub use crate::jurisdiction::Jurisdiction;

/// How a response is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// Answers under each question; the refusal notice gathered at the end.
    #[default]
    Inline,
    /// Each question in full with a short answer; one annex section per exemption.
    Annex,
}

/// One authority: who it is, how to reach its FOI team, and what it holds.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AuthorityFile {
    /// Short id that contracts and requests use (`maidstone`). Required when foi.yaml
    /// lists several authorities.
    #[serde(default)]
    pub id: Option<String>,
    /// Full name, e.g. `Hastings Borough Council`.
    pub name: String,
    /// How the authority is named mid-sentence, with `the` where it needs one: `the London
    /// Borough of Hammersmith & Fulham`, or a short form such as `the Council`. Default:
    /// the name, with a leading `The` in lower case.
    #[serde(default)]
    pub in_text: Option<String>,
    /// `foia` (England, Wales, Northern Ireland, UK-wide bodies) or `foisa` (Scotland).
    pub jurisdiction: Jurisdiction,
    /// Postal address, one line per item, printed on the letterhead.
    #[serde(default)]
    pub address: Vec<String>,
    /// Website address (`https://…`), printed on the letterhead and linked from the
    /// disclosure log's header.
    #[serde(default)]
    pub website: Option<String>,
    /// The authority's code in an official register, its stable id in the open data:
    /// `{gss: E07000062}` (the ONS's Government Statistical Service code, for councils),
    /// `{ons: 21UH}` (a legacy ONS code) or `{ods: X26}` (an NHS Organisation Data Service
    /// code). Default: none (the open data then identifies the authority by its name).
    #[serde(default)]
    pub code: Option<AuthorityCodeFile>,
    /// The team that answers requests.
    pub foi_team: TeamContact,
    /// Where to ask for an internal review. Default: the FOI team.
    #[serde(default)]
    pub internal_review: Option<TeamContact>,
    /// Who signs responses. Default: the FOI team's name.
    #[serde(default)]
    pub signature: Option<Signature>,
    /// Logo image for the letterhead, relative to the casebook root.
    #[serde(default)]
    pub logo: Option<String>,
    /// A Word document or template (`.docx` or `.dotx`, relative to the casebook root)
    /// whose styles, numbering, theme, page layout, headers and footers Word letters
    /// (`--format docx`) take: the authority's letterhead. Its own text is not used.
    /// Default: none (a plain letter in 12 pt Arial, with the logo if there is one).
    #[serde(default)]
    pub word_template: Option<String>,
    /// House policy: how many months after asking for clarification (s.1(3)) an unanswered
    /// request is closed, as the clarification letter tells the requester. Default: 3.
    #[serde(default)]
    #[schemars(range(min = 1, max = 12))]
    pub close_unclarified_after_months: Option<u32>,
    /// Default layout of responses. Default: `inline`.
    #[serde(default)]
    pub layout: Option<Layout>,
    /// The appropriate limit for s.12 refusals, in pounds. FOIA: 600 for the bodies in Part
    /// I of Schedule 1 (government departments, Parliament, the armed forces), 450 for
    /// every other authority, the default (SI 2004/3244 reg. 3). FOISA: the prescribed
    /// amount, 600, for every authority (SSI 2004/467 reg. 5).
    #[serde(default)]
    #[schemars(range(min = 0, max = 100_000))]
    pub cost_limit: Option<u32>,
    /// Answers that hold for the whole organisation, by question id.
    #[serde(default)]
    pub facts: Facts,
    /// House policy: decisions applied to every contract's answer to a question when the
    /// information is held, e.g. `manufacturer: {withhold: [s31-1-a]}`.
    #[serde(default)]
    pub policy: Facts,
    /// For a part the authority holds no contracts for: why (printed as "not held").
    #[serde(default)]
    #[schemars(schema_with = "super::hand_schemas::no_contracts")]
    pub no_contracts: BTreeMap<PartId, String>,
}

/// An authority's code in an official register: give one of the three.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AuthorityCodeFile {
    /// A Government Statistical Service code, a letter and eight digits: `E07000062`.
    #[serde(default)]
    pub gss: Option<String>,
    /// A legacy ONS code, e.g. `21UH`.
    #[serde(default)]
    pub ons: Option<String>,
    /// An NHS Organisation Data Service code, e.g. `X26`.
    #[serde(default)]
    pub ods: Option<String>,
}

/// A team's contact details.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct TeamContact {
    /// Team name, e.g. `Information Governance Team`.
    pub name: String,
    /// Email address.
    pub email: String,
    /// Telephone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// Postal address. Default: the authority's address.
    #[serde(default)]
    pub address: Vec<String>,
}

/// The signature block of a response.
#[derive(Debug, Clone, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct Signature {
    /// Name of the person signing, if responses are signed personally.
    #[serde(default)]
    pub name: Option<String>,
    /// Their job title.
    #[serde(default)]
    pub job_title: Option<String>,
    /// Team name. Default: the FOI team's name.
    #[serde(default)]
    pub team: Option<String>,
}
