//! The checked casebook: what `validate` hands to `rules`.
//!
//! These types cannot be wrong: every exemption is resolved against the authority's Act,
//! every contract and authority reference exists, dates are dates. Code that receives them
//! trusts them and never re-checks.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::calendar::Holiday;
use crate::exemptions::{Exemption, Library};
use crate::jurisdiction::Act;
use crate::model::values::{Date, Value};
use crate::model::{
    Jurisdiction, Layout, Licence, Publication, RefusalGround, Requester, SharedService, Signature,
    TeamContact,
};
use crate::questionnaire::{PartId, QuestionId, Questionnaire, Scope};

/// A casebook, checked.
#[derive(Debug)]
pub struct Casebook {
    /// Where its files come from: templates, the logo and the Word template are read
    /// from them as letters are made.
    pub files: crate::load::Files,
    /// The authorities, in `foi.yaml` order.
    pub authorities: Vec<Authority>,
    /// The shared service answering for them, if any.
    pub shared_service: Option<SharedService>,
    /// Contracts by id.
    pub contracts: BTreeMap<String, Contract>,
    /// The exemption library.
    pub library: Library,
    /// The canonical questionnaire.
    pub questionnaire: &'static Questionnaire,
    /// Ids of contract files with errors, left out (their findings are already reported).
    pub broken_contracts: std::collections::BTreeSet<String>,
    /// Bank holidays foi.yaml adds to the built-in calendar.
    pub bank_holidays: Vec<Holiday>,
    /// The licence foi.yaml publishes under, if it names one (the disclosure log's default
    /// is the Open Government Licence).
    pub licence: Option<Licence>,
    /// The web address the disclosure log is served from (foi.yaml `disclosure-log:`),
    /// without a trailing `/`: `see:` answers link to pages under it.
    pub disclosure_log: Option<String>,
    /// The records of responses sent (`sent/`), their hashes checked; those that failed
    /// the check are left out (their findings are reported).
    pub sent: Vec<crate::model::sent::Record>,
    /// Whether the casebook keeps records of what was sent (it has a `sent/` folder): a
    /// response answered and published without one is then worth a warning.
    pub keeps_records: bool,
    /// Junior officers' details and withheld values, masked in every diagnostic (built by
    /// `validate` on first use: only when there is a finding to mask).
    pub(crate) private: std::sync::OnceLock<crate::source::Masks>,
}

/// Index of an authority in [`Casebook::authorities`].
pub type AuthorityIndex = usize;

/// An authority, checked.
#[derive(Debug)]
pub struct Authority {
    /// Id used by contracts and requests.
    pub id: String,
    /// Full name.
    pub name: String,
    /// As named mid-sentence: `the London Borough of …`, `the Council`.
    pub in_text: String,
    /// The Act it answers under.
    pub jurisdiction: Jurisdiction,
    /// Facts about the Act.
    pub act: &'static Act,
    /// Postal address lines.
    pub address: Vec<String>,
    /// Website.
    pub website: Option<String>,
    /// Its code in an official register (GSS, ONS or ODS), if foi.yaml gives one.
    pub code: Option<AuthorityCode>,
    /// The FOI team.
    pub foi_team: TeamContact,
    /// Where internal reviews go.
    pub internal_review: TeamContact,
    /// Who signs.
    pub signature: Signature,
    /// Letterhead logo, relative to the casebook root.
    pub logo: Option<String>,
    /// The Word template of Word letters, relative to the casebook root.
    pub word_template: Option<String>,
    /// Default layout.
    pub layout: Layout,
    /// The s.12 appropriate limit, in pounds.
    pub cost_limit: u32,
    /// House policy: months after asking for clarification that an unanswered request is
    /// closed.
    pub close_unclarified_after_months: u32,
    /// Organisation-wide answers.
    pub facts: BTreeMap<QuestionId, Answer>,
    /// House policy, applied where information is held.
    pub policy: BTreeMap<QuestionId, Decision>,
    /// Why the authority holds no contracts for a part.
    pub no_contracts: BTreeMap<PartId, String>,
}

/// An authority's code in an official register, checked against the register's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthorityCode {
    /// A Government Statistical Service code: `E07000062`.
    Gss(String),
    /// A legacy ONS code: `21UH`.
    Ons(String),
    /// An NHS Organisation Data Service code: `X26`.
    Ods(String),
}

impl AuthorityCode {
    /// The register: `gss`, `ons` or `ods`.
    pub fn scheme(&self) -> &'static str {
        match self {
            AuthorityCode::Gss(_) => "gss",
            AuthorityCode::Ons(_) => "ons",
            AuthorityCode::Ods(_) => "ods",
        }
    }

    /// The code itself.
    pub fn code(&self) -> &str {
        match self {
            AuthorityCode::Gss(code) | AuthorityCode::Ons(code) | AuthorityCode::Ods(code) => code,
        }
    }
}

/// A contract, checked.
#[derive(Debug)]
pub struct Contract {
    /// Id (file stem).
    pub id: String,
    /// Its file, as displayed (`contracts/ivr.yaml`).
    pub file: PathBuf,
    /// The authority holding it.
    pub authority: AuthorityIndex,
    /// The part it answers.
    pub part: PartId,
    /// Name as printed.
    pub title: String,
    /// Start date.
    pub start: Option<Date>,
    /// The item of its part it is, for a part that asks per item.
    pub item: Option<String>,
    /// Answers by question.
    pub answers: BTreeMap<QuestionId, Answer>,
}

/// An answer, checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Disclosed.
    Value(Value),
    /// Decided otherwise.
    Decision(Decision),
}

/// A decision, with exemptions resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Withheld under these exemptions.
    Withhold {
        /// The exemptions relied on.
        exemptions: Vec<Arc<Exemption>>,
        /// Case-specific reasoning.
        reason: Option<String>,
        /// The information, for the record only: never rendered.
        held: Option<Value>,
    },
    /// Neither confirmed nor denied.
    NeitherConfirmNorDeny {
        /// The exemptions relied on.
        exemptions: Vec<Arc<Exemption>>,
        /// Case-specific reasoning.
        reason: Option<String>,
    },
    /// Not held.
    NotHeld {
        /// Why.
        explanation: Option<String>,
    },
    /// Already published.
    Published {
        /// FOIA s.21 or FOISA s.25.
        exemption: Arc<Exemption>,
        /// Where.
        publication: Publication,
    },
    /// Not applicable.
    NotApplicable {
        /// Why.
        explanation: Option<String>,
    },
}

/// A request, checked.
#[derive(Debug)]
pub struct Request {
    /// The file it came from, as displayed.
    pub file: PathBuf,
    /// Our reference.
    pub reference: String,
    /// The name its response's files take in a batch and on the disclosure log
    /// (`FOIR-467737865` for `FOIR-467737865.html`), from the reference.
    pub file_name: String,
    /// The authority asked.
    pub authority: AuthorityIndex,
    /// Title.
    pub title: String,
    /// Date received.
    pub received: Date,
    /// Date an acknowledgement was sent, if one was.
    pub acknowledged: Option<Date>,
    /// The clarification asked for under s.1(3), if any.
    pub clarification_sought: Option<ClarificationSought>,
    /// Date the clarification sought under s.1(3) arrived: the clock restarts from it.
    pub clarification: Option<Date>,
    /// The statutory due date: working day 20 after `clarification`, else `received`.
    /// Computed, never typed.
    pub due: Date,
    /// The days other than weekends the count of `due` skipped, with their names.
    pub skipped: Vec<(Date, String)>,
    /// When a clarification restarted the clock: the first count's due date and skipped
    /// days, from receipt.
    pub first_count: Option<(Date, Vec<(Date, String)>)>,
    /// A public interest extension (FOIA only).
    pub extension: Option<Extension>,
    /// Date responded, if sent.
    pub responded: Option<Date>,
    /// The requester (private).
    pub requester: Option<Requester>,
    /// Whether to publish on the disclosure log.
    pub publish: bool,
    /// Whether it is a round robin (the same request sent to many authorities).
    pub round_robin: bool,
    /// Layout of the response.
    pub layout: Layout,
    /// The parts asked, in the requester's order.
    pub parts: Vec<AskedPart>,
    /// A refusal of the whole request, if any.
    pub refusal: Option<WholeRefusal>,
    /// An internal review of the response, if one was asked for.
    pub review: Option<Review>,
    /// A complaint to the regulator (FOIA s.50, FOISA s.47), if one was made.
    pub commissioner: Option<Complaint>,
}

/// A complaint to the regulator and its decision notice, checked.
#[derive(Debug, Clone)]
pub struct Complaint {
    /// When the requester complained (or applied).
    pub complained: Date,
    /// The decision notice, once issued.
    pub decision: Option<DecisionNotice>,
}

/// A regulator's decision notice, checked.
#[derive(Debug, Clone)]
pub struct DecisionNotice {
    /// The notice's reference, as printed on it (the regulator publishes its notices).
    pub reference: String,
    /// The date of the notice.
    pub date: Date,
    /// What it found.
    pub outcome: crate::model::NoticeOutcome,
    /// When its steps are due (the regulator's usual number of calendar days from `date`),
    /// when it requires steps.
    pub steps_due: Option<Date>,
    /// When the steps were taken, if they have been.
    pub complied: Option<Date>,
}

/// An internal review, checked.
#[derive(Debug, Clone)]
pub struct Review {
    /// When the requester asked for it.
    pub requested: Date,
    /// When its outcome is due: the Act's working days (20) from `requested`.
    pub due: Date,
    /// The outer limit, where the regulator sets one (the ICO: 40 working days from
    /// `requested`, for a complex review).
    pub outer_due: Option<Date>,
    /// When the outcome letter was sent, if it has been.
    pub decided: Option<Date>,
    /// The questions looked at again, each with its decision.
    pub questions: Vec<ReviewedAnswer>,
    /// The outcome, once decided.
    pub outcome: Option<crate::model::ReviewOutcome>,
    /// Why, as told to the requester.
    pub reasons: Option<String>,
}

/// A question an internal review looked at again.
#[derive(Debug, Clone)]
pub struct ReviewedAnswer {
    /// The part's position in the request, from 1.
    pub part: usize,
    /// The requester's number for the question.
    pub number: String,
    /// Its label.
    pub label: String,
    /// Upheld or overturned.
    pub decision: crate::model::ReviewDecision,
}

/// A request for clarification under s.1(3), checked.
#[derive(Debug, Clone)]
pub struct ClarificationSought {
    /// When it was sent.
    pub date: Date,
    /// What is unclear, as put to the requester.
    pub points: Vec<String>,
}

/// A public interest extension under FOIA s.10(3), checked.
#[derive(Debug, Clone)]
pub struct Extension {
    /// Further working days, 1 to 20.
    pub days: u32,
    /// Why.
    pub reason: String,
    /// The date the s.17(2) notice was sent: by working day 20.
    pub notice_sent: Date,
    /// The extended due date, the estimate given in the s.17(2) notice: working day 20 +
    /// `days`.
    pub due: Date,
}

/// A part as asked, with the contracts that answer it.
#[derive(Debug)]
pub struct AskedPart {
    /// Which part.
    pub part: PartId,
    /// Heading.
    pub title: String,
    /// Ids of the contracts answering it (may be empty: see `Authority::no_contracts`).
    pub contracts: Vec<String>,
    /// The questions in the requester's order.
    pub questions: Vec<AskedQuestion>,
}

/// A question as asked.
#[derive(Debug)]
pub struct AskedQuestion {
    /// The requester's number or letter.
    pub number: Option<String>,
    /// The canonical question, if it is one.
    pub id: Option<QuestionId>,
    /// Label.
    pub label: String,
    /// Wording.
    pub text: String,
    /// A request-specific answer overriding the casebook.
    pub answer: Option<Answer>,
    /// The earlier response this question is answered from (`see:`), when it is: its
    /// reference. `answer` then holds the s.21/s.25 decision pointing at its page.
    pub see: Option<String>,
}

/// The whole request refused under s.12 or s.14.
#[derive(Debug)]
pub struct WholeRefusal {
    /// The ground.
    pub ground: RefusalGround,
    /// The provision.
    pub exemption: Arc<Exemption>,
    /// s.12: estimated hours.
    pub hours: Option<f64>,
    /// s.12: the estimated cost in pounds (FOISA: as given; FOIA: the hours at £25).
    pub cost: Option<f64>,
    /// s.12: the limit in hours.
    pub limit_hours: f64,
    /// s.12: the limit in pounds.
    pub limit_pounds: u32,
    /// s.12: how the estimate was made.
    pub basis: Option<String>,
    /// s.12: advice on narrowing.
    pub advice: Option<String>,
    /// s.14: reasoning.
    pub reason: Option<String>,
    /// s.14(2): the earlier request.
    pub previous: Option<String>,
    /// s.14(2): the earlier request as found in the casebook.
    pub earlier: Option<EarlierRequest>,
}

/// The request a s.14(2) refusal says this one repeats, as found in the casebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierRequest {
    /// Its reference.
    pub reference: String,
    /// When it was received.
    pub received: Date,
    /// When it was answered.
    pub responded: Date,
}

/// Where an asked question's answer comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Source<'a> {
    /// Given in the request itself.
    Request(&'a Answer),
    /// The contract's own answer.
    Contract(&'a Answer),
    /// The authority's organisation-wide answer.
    Authority(&'a Answer),
    /// The part has no contracts: not held, for this reason.
    NoContracts(&'a str),
}

impl Casebook {
    /// The answer to `question` for `contract` (or for the part as a whole when the part
    /// has no contracts): the request's own answer first, then the contract's, then the
    /// authority's. `None` when nothing in the casebook answers it.
    pub fn source<'a>(
        &'a self,
        authority: &'a Authority,
        part: PartId,
        contract: Option<&'a Contract>,
        question: &'a AskedQuestion,
    ) -> Option<Source<'a>> {
        if let Some(answer) = &question.answer {
            return Some(Source::Request(answer));
        }
        let id = question.id?;
        if let Some(answer) = contract.and_then(|c| c.answers.get(&id)) {
            return Some(Source::Contract(answer));
        }
        let scope = self.questionnaire.question(id).scope;
        if contract.is_none() && scope == Scope::Contract {
            return authority.no_contracts.get(&part).map(|why| Source::NoContracts(why));
        }
        if let Some(answer) = authority.facts.get(&id) {
            return Some(Source::Authority(answer));
        }
        if contract.is_none() && scope == Scope::Either {
            return authority.no_contracts.get(&part).map(|why| Source::NoContracts(why));
        }
        None
    }

    /// The authority at `index`.
    pub fn authority(&self, index: AuthorityIndex) -> &Authority {
        &self.authorities[index]
    }
}
