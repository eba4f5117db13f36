//! The answer fields shared by contracts, authority facts and house policy.
//!
//! One list of fields, one key per canonical question, written once in `answer_fields!` so
//! the three places that take answers cannot drift apart.

use serde::Deserialize;

use super::answer::RawAnswer;
use super::values::{Contact, Count, Date, DurationAnswer, List, MoneyAnswer, Text, Value};
use crate::questionnaire::QuestionId;

/// Declares a struct with the given fields followed by one optional answer per question,
/// and `answers()` listing the answers given.
macro_rules! answer_fields {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* pub $field:ident : $fty:ty, )*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $fty, )*
            /// Incumbent supplier.
            #[serde(default)]
            pub supplier: Option<RawAnswer<Text>>,
            /// Average yearly spend: `12000` or `{amount: 12000, years: 3, note: excluding VAT}`.
            #[serde(default)]
            pub annual_spend: Option<RawAnswer<MoneyAnswer>>,
            /// Term and extension options: `1 year` or `{term: 3 years, extensions: …}`.
            #[serde(default)]
            pub duration: Option<RawAnswer<DurationAnswer>>,
            /// End date, YYYY-MM-DD.
            #[serde(default)]
            pub expiry: Option<RawAnswer<Date>>,
            /// Next review date, YYYY-MM-DD.
            #[serde(default)]
            pub review: Option<RawAnswer<Date>>,
            /// What the contract covers.
            #[serde(default)]
            pub description: Option<RawAnswer<Text>>,
            /// The contract owner: `name`, `job-title`, `phone`, `email`, `seniority`.
            #[serde(default)]
            pub contact: Option<RawAnswer<Contact>>,
            /// Number of contact centre agents.
            #[serde(default)]
            pub agents: Option<RawAnswer<Count>>,
            /// Number of contact centre sites.
            #[serde(default)]
            pub sites: Option<RawAnswer<Count>>,
            /// Maker of the contact centre system.
            #[serde(default)]
            pub manufacturer: Option<RawAnswer<Text>>,
            /// Busiest months: `[January, September]` or text.
            #[serde(default)]
            pub busy_periods: Option<RawAnswer<List>>,
            /// Email server product (the questionnaire asks about Microsoft Exchange 2003).
            #[serde(default)]
            pub email_server: Option<RawAnswer<Text>>,
            /// Number of email users across the organisation.
            #[serde(default)]
            pub email_users: Option<RawAnswer<Count>>,
            /// Planned changes to the contact centre, or other comments.
            #[serde(default)]
            pub further_comments: Option<RawAnswer<Text>>,
        }

        impl $name {
            /// Every answer given, with its question, in questionnaire order.
            pub fn answers(&self) -> Vec<(QuestionId, RawAnswer<Value>)> {
                fn add<T: Clone + Into<Value>>(
                    out: &mut Vec<(QuestionId, RawAnswer<Value>)>,
                    id: QuestionId,
                    answer: &Option<RawAnswer<T>>,
                ) {
                    if let Some(answer) = answer {
                        out.push((id, answer.clone().map(Into::into)));
                    }
                }
                let mut out = Vec::new();
                add(&mut out, QuestionId::Supplier, &self.supplier);
                add(&mut out, QuestionId::AnnualSpend, &self.annual_spend);
                add(&mut out, QuestionId::Duration, &self.duration);
                add(&mut out, QuestionId::Expiry, &self.expiry);
                add(&mut out, QuestionId::Review, &self.review);
                add(&mut out, QuestionId::Description, &self.description);
                add(&mut out, QuestionId::Contact, &self.contact);
                add(&mut out, QuestionId::Agents, &self.agents);
                add(&mut out, QuestionId::Sites, &self.sites);
                add(&mut out, QuestionId::Manufacturer, &self.manufacturer);
                add(&mut out, QuestionId::BusyPeriods, &self.busy_periods);
                add(&mut out, QuestionId::EmailServer, &self.email_server);
                add(&mut out, QuestionId::EmailUsers, &self.email_users);
                add(&mut out, QuestionId::FurtherComments, &self.further_comments);
                out
            }
        }
    };
}

pub(crate) use answer_fields;

answer_fields! {
    /// Answers that hold for the whole organisation (`facts:`), or that house policy applies
    /// to every contract (`policy:`).
    #[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    pub struct Facts {}
}
