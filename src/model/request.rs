//! A request file: `requests/*.yaml`, one per request received.

use std::fmt;

use serde::de::value::SeqAccessDeserializer;
use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::answer::RawAnswer;
use super::profile::Layout;
use super::values::Date;
use crate::questionnaire::{PartId, QuestionId};

/// A request for information and how it was answered.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RequestFile {
    /// Our reference for the request, e.g. `FOIR-467737865`. Unique in the casebook.
    pub reference: String,
    /// The authority the request was made to (an `id` from foi.yaml). Required when
    /// foi.yaml lists several authorities.
    #[serde(default)]
    pub authority: Option<String>,
    /// A short title. Default: built from the parts asked.
    #[serde(default)]
    pub title: Option<String>,
    /// Date the request was received, YYYY-MM-DD. Working day 1 is the first working day
    /// after it, even when it fell at a weekend or on a holiday.
    pub received: Date,
    /// Date an acknowledgement of the request was sent, YYYY-MM-DD: the date on `foi render
    /// --letter acknowledgement`. No Act requires one; many authorities send one as house
    /// policy, giving the date received and the date the reply is due.
    #[serde(default)]
    pub acknowledged: Option<Date>,
    /// Clarification asked of the requester under s.1(3) (FOIA and FOISA alike): when the
    /// letter was sent and what it asks, e.g. `{date: 2024-01-12, points: [Which
    /// contracts do you mean?]}`. `foi render --letter clarification` writes the letter;
    /// record the reply's date as `clarification:`.
    #[serde(default)]
    pub clarification_sought: Option<ClarificationSought>,
    /// Date the clarification asked of the requester arrived, YYYY-MM-DD. Under s.1(3) an
    /// authority need not comply until it has the further information it reasonably asked
    /// for, so the 20 working days run from this date instead of `received`.
    #[serde(default)]
    pub clarification: Option<Date>,
    /// A public interest extension under FOIA s.10(3): more time to weigh the public
    /// interest for a qualified exemption, e.g. `{days: 20, reason: …}`. FOIA only: FOISA
    /// has no such extension.
    #[serde(default)]
    pub extension: Option<Extension>,
    /// Date the response was sent, YYYY-MM-DD. Leave out while the response is a draft.
    #[serde(default)]
    pub responded: Option<Date>,
    /// Who asked. Private: printed in the letter only, never published.
    #[serde(default)]
    pub requester: Option<Requester>,
    /// Whether the response goes on the disclosure log. Default: false.
    #[serde(default)]
    pub publish: bool,
    /// Whether the request is a round robin: the same request sent to many authorities.
    /// A s.14(1) refusal then says that this alone does not make it vexatious (ICO
    /// guidance on round-robin requests). Default: false.
    #[serde(default)]
    pub round_robin: bool,
    /// Layout of the response. Default: the authority's layout, else `inline`.
    #[serde(default)]
    pub layout: Option<Layout>,
    /// The parts asked, in the requester's order, or `standard` for both parts of the
    /// contact-centre questionnaire (a request of another questionnaire lists its parts).
    pub parts: OrStandard<PartAsked>,
    /// Refuse the whole request (s.12 cost limit, s.14 vexatious or repeated) instead of
    /// answering it.
    #[serde(default)]
    pub refuse: Option<Refusal>,
    /// An internal review of the response (FOIA: the s.45 Code of Practice; FOISA s.20-21):
    /// when it was asked for and, once decided, the decision question by question. Change
    /// the casebook's facts to what the review now releases: the review letter gives the
    /// answers as they now stand. `foi render --letter review` writes the outcome letter.
    #[serde(default)]
    pub review: Option<ReviewFile>,
    /// A complaint to the regulator (the ICO under FOIA s.50, the Scottish Information
    /// Commissioner under FOISA s.47) and its decision notice.
    #[serde(default)]
    pub commissioner: Option<CommissionerFile>,
}

/// A complaint to the regulator, as recorded in a request file.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CommissionerFile {
    /// The date the requester complained (or applied), YYYY-MM-DD, as the regulator told us.
    pub complained: Date,
    /// The regulator's case reference, e.g. `IC-123456-A1B2`.
    pub reference: String,
    /// The decision notice, once issued.
    #[serde(default)]
    pub decision: Option<DecisionNotice>,
}

/// A regulator's decision notice (FOIA s.50(3)(b), FOISA s.49(3)(b)).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DecisionNotice {
    /// The notice's reference, as printed on it.
    pub reference: String,
    /// The date of the notice, YYYY-MM-DD: the time for its steps runs from it.
    pub date: Date,
    /// `upheld` (the complaint succeeded), `partly-upheld` or `not-upheld`.
    pub outcome: NoticeOutcome,
    /// The steps the notice requires of us, in its words; none when it requires none.
    #[serde(default)]
    pub steps: Option<String>,
    /// The date we complied with the steps, YYYY-MM-DD.
    #[serde(default)]
    pub complied: Option<Date>,
}

/// What a decision notice found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NoticeOutcome {
    /// The complaint succeeded: we were wrong.
    Upheld,
    /// It succeeded in part.
    PartlyUpheld,
    /// It did not succeed.
    NotUpheld,
}

impl NoticeOutcome {
    /// The outcome as written in YAML and printed in the open data.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeOutcome::Upheld => "upheld",
            NoticeOutcome::PartlyUpheld => "partly-upheld",
            NoticeOutcome::NotUpheld => "not-upheld",
        }
    }
}

/// An internal review as recorded in a request file.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReviewFile {
    /// The date the requester asked for the review, YYYY-MM-DD: the review's clock runs
    /// from it.
    pub requested: Date,
    /// The date the outcome letter was sent, YYYY-MM-DD. Leave out while the review is
    /// under way.
    #[serde(default)]
    pub decided: Option<Date>,
    /// The questions the requester asked us to look at again, each with the decision:
    /// `{part: 1, number: 2, decision: overturned}` (`part` is the part's position in the
    /// request, needed only when it has several). Give `outcome` instead for a review of a
    /// whole refusal.
    #[serde(default)]
    pub questions: Vec<ReviewedQuestion>,
    /// The outcome as a whole: `upheld`, `upheld-in-part` or `overturned`. Default: worked
    /// out from `questions`.
    #[serde(default)]
    pub outcome: Option<ReviewOutcome>,
    /// Why the review decided as it did, as told to the requester.
    #[serde(default)]
    pub reasons: Option<String>,
}

/// One question an internal review looked at again.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReviewedQuestion {
    /// The part's position in the request, from 1. Default: 1.
    #[serde(default)]
    pub part: Option<usize>,
    /// The question's number, as the requester numbered it.
    pub number: Number,
    /// `upheld` (the answer stands) or `overturned` (the answer has changed).
    pub decision: ReviewDecision,
}

/// What a review decided about one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewDecision {
    /// The original answer stands.
    Upheld,
    /// The original answer was wrong and has changed.
    Overturned,
}

/// The outcome of an internal review, as the Cabinet Office statistics count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewOutcome {
    /// The original decision stands in full.
    Upheld,
    /// Some of it stands and some has changed.
    UpheldInPart,
    /// The original decision has changed in full.
    Overturned,
}

impl ReviewOutcome {
    /// The outcome as written in YAML and printed in the open data.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewOutcome::Upheld => "upheld",
            ReviewOutcome::UpheldInPart => "upheld-in-part",
            ReviewOutcome::Overturned => "overturned",
        }
    }
}

/// A public interest extension (FOIA s.10(3)): allowed only while the public interest
/// test of a qualified exemption is being weighed. The refusal notice under s.17(1) is
/// still due on working day 20 and must say that no decision has been reached and estimate
/// the date of the decision (s.17(2)). Give the estimate as `days` or as `estimate`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Extension {
    /// The date the s.17(2) notice was sent, YYYY-MM-DD: by working day 20.
    pub notice_sent: Date,
    /// The estimate as further working days after the 20, from 1 to 20: the ICO expects an
    /// extension of no more than 20 working days.
    #[serde(default)]
    #[schemars(range(min = 1, max = 20))]
    pub days: Option<u32>,
    /// The estimate as the date given in the s.17(2) notice, YYYY-MM-DD: after working day
    /// 20 and no later than working day 40.
    #[serde(default)]
    pub estimate: Option<Date>,
    /// Why the public interest test needs more time, as told to the requester.
    pub reason: String,
}

/// A request for clarification under s.1(3): sent while the request is unclear, it stops
/// the clock until the reply comes.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ClarificationSought {
    /// The date the letter asking for clarification was sent, YYYY-MM-DD.
    pub date: Date,
    /// What is unclear, as put to the requester: one question or point per item, each a
    /// full sentence (`Which of your contact centre contracts do you mean?`).
    pub points: Vec<String>,
}

/// The person who made the request. Private.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Requester {
    /// Name, as the requester gave it.
    #[serde(default)]
    pub name: Option<String>,
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
    /// Postal address, one line per item.
    #[serde(default)]
    pub address: Vec<String>,
    /// Whether an officer has checked these details against the request. `foi intake`
    /// writes `false` beside the details it read from the request text; until it is
    /// `true`, `foi check` refuses `publish: true` (the details are what keeps the
    /// requester out of published text). Default: true.
    #[serde(default = "confirmed_by_default")]
    pub confirmed: bool,
}

/// Details written by hand are the officer's own, so confirmed.
fn confirmed_by_default() -> bool {
    true
}

/// Either the word `standard` (the whole canonical list) or an explicit list.
#[derive(Debug, Clone, PartialEq)]
pub enum OrStandard<T> {
    /// The canonical questionnaire.
    Standard,
    /// As listed.
    Listed(Vec<T>),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OrStandard<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrStandardVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for OrStandardVisitor<T> {
            type Value = OrStandard<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`standard` or a list")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if v == "standard" {
                    Ok(OrStandard::Standard)
                } else {
                    Err(E::custom(format_args!("expected `standard` or a list, found `{v}`")))
                }
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::<T>::deserialize(SeqAccessDeserializer::new(seq)).map(OrStandard::Listed)
            }
        }
        deserializer.deserialize_any(OrStandardVisitor(std::marker::PhantomData))
    }
}

/// One part of the questionnaire, as the request asked it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PartAsked {
    /// The part asked: `contact-centre`, `inbound-network`, `it-contracts`,
    /// `operational-systems`.
    pub part: PartId,
    /// The requester's heading for the part. Default: the questionnaire's title.
    #[serde(default)]
    pub title: Option<String>,
    /// The contracts that answer this part (file names in `contracts/`, without `.yaml`).
    /// Default: every contract of the authority for this part (of the items asked).
    #[serde(default)]
    pub contracts: Option<Vec<String>>,
    /// For a part that asks per item ("for each of command and control, CRM…"): the
    /// items asked, by id (`[command-and-control, crm]`), in the requester's order.
    /// Default: every item of the part. The part is answered by the authority's contract
    /// for each item.
    #[serde(default)]
    pub items: Option<Vec<String>>,
    /// The questions, as the requester numbered and worded them, or `standard`.
    pub questions: OrStandard<QuestionAsked>,
}

/// One question, as the requester numbered and worded it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuestionAsked {
    /// The requester's number or letter for it (`3`, `b`, `iv`), without punctuation.
    #[serde(default)]
    pub number: Option<Number>,
    /// The canonical question it asks. Leave out for a question outside the questionnaire
    /// and give its `answer` here.
    #[serde(default)]
    pub id: Option<QuestionId>,
    /// The requester's label, e.g. `Incumbent Supplier`. Default: the canonical label.
    #[serde(default)]
    pub label: Option<String>,
    /// The requester's wording. Default: the canonical wording.
    #[serde(default)]
    pub text: Option<String>,
    /// An answer for this request only, overriding the casebook for every contract in
    /// the part. Required for a question without an `id`.
    #[serde(default)]
    #[schemars(schema_with = "super::hand_schemas::request_answer")]
    pub answer: Option<RawAnswer<serde_yaml::Value>>,
    /// Answer from the disclosure log: the reference of an earlier response, sent and
    /// published, that answered this question about the same contracts (e.g.
    /// `see: FOIR-467737865`). The letter applies FOIA s.21 / FOISA s.25 (reasonably
    /// accessible by other means) with the link to that response's page; `foi check`
    /// refuses it once the answer has changed or if that response is not published.
    #[serde(default)]
    pub see: Option<String>,
}

/// A question number as the requester wrote it: `3`, `b`, `iv`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Number(pub String);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor;
        impl Visitor<'_> for NumberVisitor {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a question number such as `3`, `b` or `iv`")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Number, E> {
                let trimmed = v.trim().trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ':'));
                if trimmed.is_empty() || trimmed.chars().any(char::is_whitespace) {
                    return Err(E::custom(format_args!(
                        "`{v}` is not a question number: write e.g. `3`, `b` or `iv`"
                    )));
                }
                Ok(Number(trimmed.to_owned()))
            }
        }
        deserializer.deserialize_any(NumberVisitor)
    }
}

/// Grounds for refusing a request as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
pub enum RefusalGround {
    /// Cost of compliance exceeds the appropriate limit (s.12).
    #[serde(rename = "s12")]
    Cost,
    /// Vexatious request (s.14(1)).
    #[serde(rename = "s14-1")]
    Vexatious,
    /// Repeated request (s.14(2)).
    #[serde(rename = "s14-2")]
    Repeated,
}

impl RefusalGround {
    /// The exemption-library id of the provision.
    pub fn id(self) -> &'static str {
        match self {
            RefusalGround::Cost => "s12",
            RefusalGround::Vexatious => "s14-1",
            RefusalGround::Repeated => "s14-2",
        }
    }
}

/// Refusing the whole request.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Refusal {
    /// `s12` (cost limit), `s14-1` (vexatious) or `s14-2` (repeated).
    pub under: RefusalGround,
    /// s.12: our estimate of the hours needed to comply. Under FOIA the estimate is in
    /// hours, costed at £25 an hour (SI 2004/3244 reg. 4(4)); under FOISA it supports the
    /// estimate in pounds (`cost`).
    #[serde(default)]
    #[schemars(range(min = 0, max = 1_000_000))]
    pub hours: Option<f64>,
    /// s.12 under FOISA: our estimate of the cost of complying, in pounds, with staff time
    /// at its actual cost up to £15 an hour (SSI 2004/467 reg. 3). Required under FOISA;
    /// not used under FOIA, where the cost is the hours at £25.
    #[serde(default)]
    #[schemars(range(min = 0))]
    pub cost: Option<f64>,
    /// s.12: how that estimate was reached.
    #[serde(default)]
    pub basis: Option<String>,
    /// s.12: advice on narrowing the request so it can be answered (s.16 duty).
    #[serde(default)]
    pub advice: Option<String>,
    /// s.14: why the provision applies.
    #[serde(default)]
    pub reason: Option<String>,
    /// s.14(2): reference of the earlier request this one repeats.
    #[serde(default)]
    pub previous: Option<String>,
}
