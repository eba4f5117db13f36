//! The resolved response: everything a template needs, and nothing it must decide.
//!
//! `rules` builds it from a checked request; the templates, the JSON output and the
//! disclosure log read it. It is plain data: every legal decision (what is disclosed, which
//! exemption applies to which question, the outcome) is already made. It never holds a
//! withheld value, and it holds the requester only when rendering the letter itself.

use serde::Serialize;

use crate::exemptions::{ExemptionKind, PublicInterest, Test};
use crate::jurisdiction::Act;
use crate::letters::LetterKind;
use crate::model::values::{Date, Value};
use crate::model::{Jurisdiction, Layout, Publication, Signature, TeamContact};
use crate::questionnaire::{PartId, QuestionId};

/// A response to one request, ready to render.
#[derive(Debug, Clone, Serialize)]
pub struct Response {
    /// Which kind of letter this is (today always the response to the request): its
    /// templates and title.
    pub letter: LetterKind,
    /// Our reference.
    pub reference: String,
    /// Title of the request.
    pub title: String,
    /// The document's title, for the HTML page, the PDF and the Word properties:
    /// `REF: title – authority`, with the kind of letter before the title for a letter other
    /// than the response.
    pub document_title: String,
    /// Who is answering.
    pub authority: AuthorityView,
    /// FOIA or FOISA.
    pub jurisdiction: Jurisdiction,
    /// Facts about the Act: its name, the regulator, review limits.
    pub act: &'static Act,
    /// Date received.
    pub received: Date,
    /// Date the clarification sought under s.1(3) arrived, if the clock restarted from it.
    pub clarification: Option<Date>,
    /// The statutory due date: working day 20 after receipt (or clarification).
    pub due: Date,
    /// A public interest extension under FOIA s.10(3), if one was taken.
    pub extension: Option<ExtensionView>,
    /// Date of the response, when sent.
    pub responded: Option<Date>,
    /// Whether the response was sent after its due date (or extended due date): a breach
    /// of s.10(1) the letter owns up to.
    pub late: bool,
    /// The addressee: present in the letter, absent in anything published.
    pub requester: Option<Addressee>,
    /// Layout.
    pub layout: Layout,
    /// The outcome, as official statistics classify it.
    pub outcome: Outcome,
    /// The answers, part by part, in the requester's order.
    pub parts: Vec<PartView>,
    /// A refusal of the whole request, if that is the answer.
    pub refusal: Option<RefusalView>,
    /// Refusal notices, one per exemption and way of relying on it, in order of first use.
    pub notices: Vec<Notice>,
    /// The section under which this letter gives notice that information is not held, when
    /// some is not and the Act requires such a notice (FOISA s.17(1)).
    pub not_held_notice: Option<String>,
    /// What a letter of the exchange other than the response says about its stage (see
    /// [`Stage`]); absent from the response itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
}

/// The facts of one stage of the exchange, for its letter: the acknowledgement, the
/// request for clarification or the public interest extension notice.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stage {
    /// The date on the letter: when it was sent, or `None` for a draft.
    pub dated: Option<Date>,
    /// How the due date was counted: the working days and the days other than weekends
    /// the count skipped (acknowledgement).
    pub counted: Option<Counted>,
    /// The request for clarification (clarification letter).
    pub clarification: Option<ClarificationView>,
    /// The qualified exemptions whose public interest test is still being weighed
    /// (extension notice).
    pub considering: Vec<ExemptionView>,
    /// Whether one of those is relied on to neither confirm nor deny, so that the notice
    /// must not say whether the information is held (FOIA s.17(4)).
    pub neutral: bool,
    /// The internal review (review outcome letter).
    pub review: Option<ReviewView>,
}

/// An internal review's outcome, for its letter.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewView {
    /// When the requester asked for it.
    pub requested: Date,
    /// When the outcome was due.
    pub due: Date,
    /// Whether the outcome was sent after `due`, so the letter apologises.
    pub late: bool,
    /// The working days the review had.
    pub working_days: u32,
    /// `upheld`, `upheld-in-part` or `overturned`; `None` while the review is under way.
    pub outcome: Option<&'static str>,
    /// The date the reviewed reply was sent, from its record (`foi send`): the letter then
    /// summarises what that reply said of each question looked at again.
    pub sent: Option<Date>,
    /// The questions looked at again.
    pub questions: Vec<ReviewedQuestionView>,
    /// Why, as told to the requester.
    pub reasons: Option<String>,
}

/// A question an internal review looked at again.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewedQuestionView {
    /// The part's position in the request, from 1.
    pub part: usize,
    /// The requester's number for it.
    pub number: String,
    /// Its label.
    pub label: String,
    /// `upheld` or `overturned`.
    pub decision: crate::model::ReviewDecision,
    /// Its answers (one for each contract it is about): what the reply as sent said, from
    /// its record, and what it says now. Public data only: no withheld value.
    pub answers: Vec<ReviewedAnswerView>,
}

/// One answer of a question an internal review looked at again, in a few words.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewedAnswerView {
    /// The contract it is about, by title, when the question is answered per contract.
    pub contract: Option<String>,
    /// What the reply said as sent, from the sent record; none without a record.
    pub sent: Option<String>,
    /// What it says now (public data), when known.
    pub now: Option<String>,
    /// Whether the review released information: the answer now gives a value (in full or
    /// in part) that the reply as sent did not.
    pub released: bool,
}

/// How a due date was counted.
#[derive(Debug, Clone, Serialize)]
pub struct Counted {
    /// Working days allowed.
    pub working_days: u32,
    /// Day 0 of the count: the day of receipt, or the day a clarification arrived.
    pub from: Date,
    /// Days other than weekends left out of the count, in date order.
    pub skipped: Vec<SkippedDay>,
}

/// A day left out of a count: Christmas Day, Good Friday or a bank holiday.
#[derive(Debug, Clone, Serialize)]
pub struct SkippedDay {
    /// The day.
    pub date: Date,
    /// Its name: `Christmas Day`, `Easter Monday`.
    pub name: String,
}

/// A request for clarification under s.1(3).
#[derive(Debug, Clone, Serialize)]
pub struct ClarificationView {
    /// What is unclear, as put to the requester.
    pub points: Vec<String>,
    /// The day the request closes if no reply has come (house policy).
    pub closes: Date,
    /// The months that makes, after the letter.
    pub closes_after_months: u32,
}

/// A public interest extension (FOIA s.10(3)).
#[derive(Debug, Clone, Serialize)]
pub struct ExtensionView {
    /// Further working days taken.
    pub days: u32,
    /// Why the public interest test needed them.
    pub reason: String,
    /// When the s.17(2) notice saying so was sent.
    pub notice_sent: Date,
    /// The extended due date: the estimate given in that notice.
    pub due: Date,
}

/// The authority as printed on the letter.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorityView {
    /// Id in the casebook.
    pub id: String,
    /// Full name.
    pub name: String,
    /// As named mid-sentence: `the London Borough of …`, `the Council`.
    pub in_text: String,
    /// Postal address lines.
    pub address: Vec<String>,
    /// Website.
    pub website: Option<String>,
    /// The FOI team.
    pub foi_team: TeamContact,
    /// Where to ask for a review.
    pub internal_review: TeamContact,
    /// The signature block.
    pub signature: Signature,
    /// The shared service answering on the authority's behalf, if any.
    pub shared_service: Option<String>,
    /// The letterhead's logo, relative to the casebook root (foi.yaml `logo:`).
    pub logo: Option<String>,
    /// The Word template of Word letters, relative to the casebook root (foi.yaml
    /// `word-template:`).
    pub word_template: Option<String>,
}

/// The person the letter is addressed to.
#[derive(Debug, Clone, Serialize)]
pub struct Addressee {
    /// Name.
    pub name: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Postal address lines.
    pub address: Vec<String>,
}

/// Outcome categories used by the Cabinet Office and OSIC statistics. Serialised as
/// `{"code": "partially-withheld", "label": "Partially withheld"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// All information held was provided.
    GrantedInFull,
    /// Some provided, some withheld.
    PartiallyWithheld,
    /// Nothing provided: all withheld under exemptions.
    WithheldInFull,
    /// None of the information is held.
    NotHeld,
    /// Neither confirmed nor denied.
    NeitherConfirmNorDeny,
    /// Refused: cost of compliance exceeds the limit (s.12).
    RefusedCost,
    /// Refused: vexatious (s.14(1)).
    RefusedVexatious,
    /// Refused: repeated (s.14(2)).
    RefusedRepeated,
}

impl Serialize for Outcome {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Outcome", 2)?;
        out.serialize_field("code", self.code())?;
        out.serialize_field("label", self.label())?;
        out.end()
    }
}

impl Outcome {
    /// Every category, in the order the returns list them.
    pub const ALL: [Outcome; 8] = [
        Outcome::GrantedInFull,
        Outcome::PartiallyWithheld,
        Outcome::WithheldInFull,
        Outcome::NotHeld,
        Outcome::NeitherConfirmNorDeny,
        Outcome::RefusedCost,
        Outcome::RefusedVexatious,
        Outcome::RefusedRepeated,
    ];

    /// The category whose code is `code`.
    pub fn from_code(code: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|outcome| outcome.code() == code)
    }

    /// The category's code: `partially-withheld`.
    pub fn code(self) -> &'static str {
        match self {
            Outcome::GrantedInFull => "granted-in-full",
            Outcome::PartiallyWithheld => "partially-withheld",
            Outcome::WithheldInFull => "withheld-in-full",
            Outcome::NotHeld => "not-held",
            Outcome::NeitherConfirmNorDeny => "neither-confirm-nor-deny",
            Outcome::RefusedCost => "refused-cost",
            Outcome::RefusedVexatious => "refused-vexatious",
            Outcome::RefusedRepeated => "refused-repeated",
        }
    }

    /// The category's name as printed.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::GrantedInFull => "Granted in full",
            Outcome::PartiallyWithheld => "Partially withheld",
            Outcome::WithheldInFull => "Withheld in full",
            Outcome::NotHeld => "Information not held",
            Outcome::NeitherConfirmNorDeny => "Neither confirmed nor denied",
            Outcome::RefusedCost => "Refused: cost limit",
            Outcome::RefusedVexatious => "Refused: vexatious",
            Outcome::RefusedRepeated => "Refused: repeated request",
        }
    }
}

/// One part of the request and its answers.
#[derive(Debug, Clone, Serialize)]
pub struct PartView {
    /// Position in the request, from 1.
    pub number: usize,
    /// Which part.
    pub id: PartId,
    /// Heading.
    pub title: String,
    /// The answers, grouped by where they come from.
    pub sections: Vec<Section>,
}

/// What a section of a part is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// Answers about one contract.
    Contract,
    /// Answers about the organisation as a whole.
    Organisation,
    /// Questions not answered because the authority holds no such contracts.
    NoContracts,
}

/// A group of answers under one heading.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// What the section is about.
    pub kind: SectionKind,
    /// The contract, for a contract section.
    pub contract: Option<ContractView>,
    /// For a no-contracts section: why there are none.
    pub statement: Option<String>,
    /// For a no-contracts section: the questions it covers.
    pub questions: Option<QuestionRefs>,
    /// The answers, in the requester's order.
    pub answers: Vec<AnswerLine>,
}

/// A contract as named in a response.
#[derive(Debug, Clone, Serialize)]
pub struct ContractView {
    /// Id in the casebook.
    pub id: String,
    /// Title.
    pub title: String,
}

/// Where an answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerSource {
    /// The request file's own answer.
    Request,
    /// The contract.
    Contract,
    /// The authority's organisation-wide facts.
    Authority,
    /// House policy applied to held information.
    Policy,
    /// No contracts of this kind are held.
    NoContracts,
}

/// How a question was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Given in full.
    Disclosed,
    /// Given in part; the rest withheld.
    PartlyWithheld,
    /// Withheld under an exemption.
    Withheld,
    /// Neither confirmed nor denied.
    NeitherConfirmNorDeny,
    /// Not held.
    NotHeld,
    /// Already published: see the link.
    Published,
    /// Does not apply.
    NotApplicable,
}

/// One question and its answer.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerLine {
    /// The requester's number or letter.
    pub number: Option<String>,
    /// The canonical question, if it is one.
    pub id: Option<QuestionId>,
    /// Label.
    pub label: String,
    /// The question's wording.
    pub text: String,
    /// Where the answer came from.
    pub source: AnswerSource,
    /// How it was answered.
    pub status: Status,
    /// What is disclosed (for a partly withheld contact, the parts given).
    pub disclosed: Option<Value>,
    /// What is withheld, and under which exemptions.
    pub withheld: Vec<Withholding>,
    /// Why the information is not held or the question does not apply.
    pub explanation: Option<String>,
    /// Where published information is.
    pub publication: Option<Publication>,
}

/// Something withheld from an answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Withholding {
    /// The parts withheld (`name`, `telephone number`); empty when the whole answer is.
    pub items: Vec<String>,
    /// The exemptions relied on.
    pub exemptions: Vec<ExemptionRef>,
    /// Whether we neither confirm nor deny holding it.
    pub neither_confirm_nor_deny: bool,
}

/// A short reference to an exemption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExemptionRef {
    /// Id, e.g. `s43-2`.
    pub id: String,
    /// `Section 43(2)`.
    pub citation: String,
    /// `Commercial interests`.
    pub title: String,
}

/// The refusal notice for one exemption.
#[derive(Debug, Clone, Serialize)]
pub struct Notice {
    /// The exemption.
    pub exemption: ExemptionView,
    /// The questions it applies to, in the requester's numbering.
    pub questions: QuestionRefs,
    /// The same questions one by one, in request order.
    pub applies_to: Vec<QuestionPointer>,
    /// Whether it is relied on to neither confirm nor deny. A provision relied on both ways
    /// in one request has a notice for each: one for the questions whose information is
    /// confirmed as held and withheld, one for those neither confirmed nor denied.
    pub neither_confirm_nor_deny: bool,
    /// Case-specific reasons given in the casebook, each once.
    pub reasons: Vec<String>,
    /// The same reasons with the questions each is given for.
    pub case_reasons: Vec<CaseReason>,
    /// The public interest test: for a qualified exemption, whether to disclose; for a
    /// notice that neither confirms nor denies, whether to say if the information is held
    /// (FOIA s.2(1)(b) for a qualified exemption; FOISA s.18(1) for every one).
    pub public_interest: Option<PublicInterest>,
}

/// A case-specific reason and the questions it is given for.
#[derive(Debug, Clone, Serialize)]
pub struct CaseReason {
    /// The reason, as written in the casebook.
    pub text: String,
    /// The questions it is given for, in the requester's numbering.
    pub questions: QuestionRefs,
    /// The same questions one by one.
    pub applies_to: Vec<QuestionPointer>,
    /// Whether it is given for every question the notice covers.
    pub all: bool,
}

/// An exemption with its wording filled in for this authority.
#[derive(Debug, Clone, Serialize)]
pub struct ExemptionView {
    /// Id.
    pub id: String,
    /// `Section 43(2)`.
    pub citation: String,
    /// `Commercial interests`.
    pub title: String,
    /// Absolute, qualified or procedural.
    pub kind: ExemptionKind,
    /// Prejudice, class or none.
    pub test: Test,
    /// The provision lifting the duty to confirm or deny, if any.
    pub ncnd: Option<String>,
    /// Paragraphs explaining it, those that hold for this case (for a notice that neither
    /// confirms nor denies, the paragraphs explaining why confirming or denying would
    /// itself do harm).
    pub explanation: Vec<String>,
    /// The regulator's guidance.
    pub guidance: String,
}

/// Questions referred to in the requester's numbering, e.g. "questions 1 and 2 in both
/// parts, and question 10 in part 1". The phrase itself is made by the `questions` filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionRefs {
    /// How many parts the request has (decides whether parts are named at all).
    pub parts_in_request: usize,
    /// Groups of questions, each in one part or in every part.
    pub groups: Vec<QuestionGroup>,
}

/// One question of the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionPointer {
    /// Part number, from 1.
    pub part: usize,
    /// The requester's number or letter, if any.
    pub number: Option<String>,
    /// The question's label.
    pub label: String,
}

/// Questions with the same numbers in the same parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionGroup {
    /// Part numbers the group is in; every part when `all_parts`.
    pub parts: Vec<usize>,
    /// Whether the group covers every part of the request.
    pub all_parts: bool,
    /// Runs of consecutive questions.
    pub runs: Vec<Run>,
    /// Labels of unnumbered questions.
    pub unnumbered: Vec<String>,
}

/// Consecutive questions: `first` to `last` (the same when alone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    /// First number.
    pub first: String,
    /// Last number.
    pub last: String,
    /// How many questions the run holds.
    pub len: usize,
}

/// A refusal of the whole request.
#[derive(Debug, Clone, Serialize)]
pub struct RefusalView {
    /// The provision.
    pub exemption: ExemptionView,
    /// `s12`, `s14-1` or `s14-2`.
    pub ground: String,
    /// The section of the Act under which this notice is given (FOIA s.17(5); FOISA
    /// s.16(4) for s.12, s.16(5) for s.14).
    pub notice: String,
    /// What the request asked, part by part.
    pub asked: Vec<AskedPartView>,
    /// s.12: estimated hours.
    pub hours: Option<f64>,
    /// s.12: estimated cost in pounds.
    pub cost: Option<f64>,
    /// s.12: the limit in hours (FOISA: at the most that may be counted an hour).
    pub limit_hours: f64,
    /// s.12: the limit in pounds.
    pub limit_pounds: u32,
    /// s.12: what the Act calls the limit: `appropriate limit` or `prescribed amount`.
    pub limit_name: String,
    /// s.12: pounds per hour (FOISA: the most that may be counted).
    pub hourly_rate: u32,
    /// s.12: whether `hourly_rate` is a maximum (FOISA) rather than a flat rate (FOIA).
    pub rate_is_maximum: bool,
    /// s.12: how the estimate was made.
    pub basis: Option<String>,
    /// s.12: how to narrow the request.
    pub advice: Option<String>,
    /// s.14: why.
    pub reason: Option<String>,
    /// s.14(2): the earlier request.
    pub previous: Option<String>,
    /// s.14(2): when the earlier request was received and answered.
    pub earlier: Option<EarlierView>,
}

/// The request a repeated request repeats.
#[derive(Debug, Clone, Serialize)]
pub struct EarlierView {
    /// Its reference.
    pub reference: String,
    /// When it was received.
    pub received: Date,
    /// When it was answered.
    pub responded: Date,
}

/// A part of a refused request, as asked.
#[derive(Debug, Clone, Serialize)]
pub struct AskedPartView {
    /// Position in the request, from 1.
    pub number: usize,
    /// Heading.
    pub title: String,
    /// The questions, in the requester's order.
    pub questions: Vec<AskedQuestionView>,
}

/// A question of a refused request, as asked.
#[derive(Debug, Clone, Serialize)]
pub struct AskedQuestionView {
    /// The requester's number or letter.
    pub number: Option<String>,
    /// Label.
    pub label: String,
    /// Wording.
    pub text: String,
}
