//! The values questions take: text, counts, dates, money, durations, contacts and lists.
//!
//! Each type accepts the forms an officer naturally writes (`agents: 11`,
//! `agents: about 40`, `annual-spend: 12000`) and rejects the rest with a message that
//! says what to write instead. Formatting for people is the templates' job, not this one.

use std::fmt;

use chrono::NaiveDate;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Free text. Numbers and booleans are accepted and kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(if v { "Yes" } else { "No" }.to_owned()))
            }
        }
        deserializer.deserialize_string(TextVisitor)
    }
}

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A calendar date, written `YYYY-MM-DD` in YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0.format("%Y-%m-%d"))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD, e.g. 2023-02-01")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map(Date).map_err(|_| {
                    E::custom(format_args!("`{v}` is not a date: write dates as YYYY-MM-DD, e.g. 2023-02-01"))
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
                Err(E::custom(format_args!(
                    "`{v}` is not a date: write dates as YYYY-MM-DD, e.g. 2023-02-01"
                )))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
                self.visit_u64(v.unsigned_abs())
            }
        }
        deserializer.deserialize_str(DateVisitor)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

/// The largest yearly spend an answer may give: £1 trillion, more than the whole of UK
/// public spending in a year, so anything larger is a typo (`1e308` once printed as a
/// 39-digit sum).
pub const MAX_AMOUNT: f64 = 1e12;

/// The most years an average spend may be taken over.
pub const MAX_YEARS: u32 = 100;

/// The largest count an answer may give (agents, sites, users): a billion.
pub const MAX_COUNT: u64 = 1_000_000_000;

/// A number as the YAML it came from would write it: `.nan`, `.inf`, `1e308` rather than
/// Rust's `NaN`, `inf` or 309 digits.
pub fn yaml_number(v: f64) -> String {
    if v.is_nan() {
        ".nan".to_owned()
    } else if v.is_infinite() {
        if v > 0.0 { ".inf" } else { "-.inf" }.to_owned()
    } else if v.abs() >= 1e15 {
        format!("{v:e}")
    } else {
        v.to_string()
    }
}

/// A whole number with thousands separators: `1,000,000,000`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number of things (agents, sites, users): exact, or in words (`about 700`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Count {
    /// An exact number.
    Number(u64),
    /// A number in words, printed as written.
    Words(String),
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CountVisitor;
        impl Visitor<'_> for CountVisitor {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number, or words such as `about 700`")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
                if v > MAX_COUNT {
                    return Err(too_many(v));
                }
                Ok(Count::Number(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Count, E> {
                match u64::try_from(v) {
                    Ok(v) => self.visit_u64(v),
                    Err(_) => Err(E::custom(format_args!("`{v}` is negative: a count cannot be below zero"))),
                }
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Count, E> {
                self.visit_u64(u64::try_from(v).unwrap_or(u64::MAX))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Count, E> {
                match u64::try_from(v) {
                    Ok(v) => self.visit_u64(v),
                    Err(_) if v > 0 => self.visit_u64(u64::MAX),
                    Err(_) => Err(E::custom(format_args!("`{v}` is negative: a count cannot be below zero"))),
                }
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Count, E> {
                if !v.is_finite() || v.abs() > MAX_COUNT as f64 {
                    return Err(E::custom(format_args!(
                        "`{}` is not a count: give a whole number from 0 to {}, or words such as `about 700`",
                        yaml_number(v),
                        grouped(MAX_COUNT)
                    )));
                }
                Err(E::custom(format_args!("`{v}` is not a whole number: write e.g. `about {}`", v.round())))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Count, E> {
                let v = v.trim();
                match v.parse::<u64>() {
                    Ok(n) => self.visit_u64(n),
                    Err(_) if v.is_empty() => Err(E::custom("empty count: give a number")),
                    Err(_) => Ok(Count::Words(v.to_owned())),
                }
            }
        }
        deserializer.deserialize_any(CountVisitor)
    }
}

/// A count over [`MAX_COUNT`], in words.
fn too_many<E: de::Error>(v: u64) -> E {
    E::custom(format_args!(
        "`{v}` is more than any count an answer needs: give a whole number from 0 to {}, \
         or words such as `over a billion`",
        grouped(MAX_COUNT)
    ))
}

/// Currencies an annual spend may be given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    /// Pounds sterling (the default).
    #[default]
    Gbp,
    /// Euros.
    Eur,
    /// US dollars.
    Usd,
}

/// An average yearly spend: `12000`, or `{amount: 12000, years: 3}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct Money {
    /// The average amount spent each year.
    #[schemars(range(min = 0, max = 1e12))]
    pub amount: f64,
    /// Currency of the amount. Default: GBP.
    #[serde(default)]
    pub currency: Currency,
    /// Number of years the average is taken over, if known.
    #[serde(default)]
    #[schemars(range(min = 1, max = 100))]
    pub years: Option<u32>,
    /// A qualifier printed after the amount, e.g. `excluding VAT`.
    #[serde(default)]
    pub note: Option<String>,
    /// Whether the amount is a yearly one (printed "a year"): false for a question whose
    /// answer is a total (`yearly: false` in its questionnaire). Set from the question,
    /// never written in a casebook.
    #[serde(skip_deserializing, default = "yearly", skip_serializing_if = "is_yearly")]
    #[schemars(skip)]
    pub yearly: bool,
}

/// A sum is yearly unless its question says it is a total.
fn yearly() -> bool {
    true
}

fn is_yearly(yearly: &bool) -> bool {
    *yearly
}

impl Money {
    fn check(self) -> Result<Self, String> {
        if !(self.amount.is_finite() && (0.0..=MAX_AMOUNT).contains(&self.amount)) {
            return Err(format!(
                "`{}` is not a yearly spend: give an amount from 0 to {} (£1 trillion)",
                yaml_number(self.amount),
                grouped(MAX_AMOUNT as u64)
            ));
        }
        if self.years == Some(0) {
            return Err("`years: 0`: an average needs at least one year".into());
        }
        if let Some(years) = self.years.filter(|years| *years > MAX_YEARS) {
            return Err(format!(
                "`years: {years}`: give the years the average is taken over, from 1 to {MAX_YEARS}"
            ));
        }
        Ok(self)
    }
}

impl<'de> Deserialize<'de> for MoneyAnswer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MoneyVisitor;
        impl<'de> Visitor<'de> for MoneyVisitor {
            type Value = MoneyAnswer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount such as `12000`, or `{amount: 12000, years: 3}`")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<MoneyAnswer, E> {
                self.visit_f64(v as f64)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<MoneyAnswer, E> {
                self.visit_f64(v as f64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<MoneyAnswer, E> {
                let money =
                    Money { amount: v, currency: Currency::Gbp, years: None, note: None, yearly: true };
                money.check().map(MoneyAnswer).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<MoneyAnswer, E> {
                let digits: String = v.chars().filter(|c| !matches!(c, '£' | ',' | ' ')).collect();
                match digits.parse::<f64>() {
                    Ok(amount) => self.visit_f64(amount),
                    Err(_) => Err(E::custom(format_args!(
                        "`{v}` is not an amount: write a number such as `12000`, \
                         or `{{amount: 12000, years: 3, note: excluding VAT}}`"
                    ))),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<MoneyAnswer, A::Error> {
                let money = Money::deserialize(MapAccessDeserializer::new(map))?;
                money.check().map(MoneyAnswer).map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_any(MoneyVisitor)
    }
}

/// An annual spend as written in a casebook: a bare amount or the full form.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct MoneyAnswer(pub Money);

/// How long a contract runs: `1 year`, or `{term: 3 years, extensions: up to 2 more years}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct Duration {
    /// The initial term, e.g. `3 years`.
    pub term: String,
    /// Options to extend, e.g. `two optional extensions of 12 months`.
    #[serde(default)]
    pub extensions: Option<String>,
}

/// A duration as written in a casebook: text or the full form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct DurationAnswer(pub Duration);

impl<'de> Deserialize<'de> for DurationAnswer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DurationVisitor;
        impl<'de> Visitor<'de> for DurationVisitor {
            type Value = DurationAnswer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a duration such as `3 years`, or `{term: 3 years, extensions: …}`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DurationAnswer, E> {
                Ok(DurationAnswer(Duration { term: v.to_owned(), extensions: None }))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DurationAnswer, E> {
                Err(E::custom(format_args!("`{v}` has no unit: write e.g. `{v} years` or `{v} months`")))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DurationAnswer, A::Error> {
                Duration::deserialize(MapAccessDeserializer::new(map)).map(DurationAnswer)
            }
        }
        deserializer.deserialize_any(DurationVisitor)
    }
}

/// How senior a member of staff is, which decides whether their details are disclosed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Seniority {
    /// Head of service or above, or public-facing: name and contact details disclosed.
    Senior,
    /// Name, phone and email withheld (FOIA s.40(2), FOISA s.38(1)(b)); job title given.
    Junior,
}

/// The person responsible for a contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct Contact {
    /// Full name.
    #[serde(default)]
    pub name: Option<String>,
    /// Job title.
    #[serde(default)]
    pub job_title: Option<String>,
    /// Direct telephone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// Direct email address.
    #[serde(default)]
    pub email: Option<String>,
    /// `senior` or `junior`: junior staff have name, phone and email withheld.
    pub seniority: Seniority,
    /// For a junior officer: whether they are the only person in the post, so that the job
    /// title alone identifies them (ICO guidance on requests for personal data about public
    /// authority employees). `true` withholds the job title too; `false` says others share
    /// it. Leave out and `foi check` warns when no other junior officer in the casebook has
    /// the same title. Never printed or published.
    #[serde(default, skip_serializing)]
    pub unique_post: Option<bool>,
    /// A senior officer named instead of a junior contract owner.
    #[serde(default)]
    pub senior_officer: Option<SeniorOfficer>,
}

/// A senior officer, named in place of a junior one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub struct SeniorOfficer {
    /// Full name.
    pub name: String,
    /// Job title, e.g. `Head of IT Operations`.
    pub job_title: String,
    /// Telephone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
}

/// One or more items, e.g. busy months: `[January, September]` or `January to March`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct List(pub Vec<String>);

impl<'de> Deserialize<'de> for List {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = List;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text, or a list such as `[January, September]`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<List, E> {
                Ok(List(vec![v.to_owned()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List, A::Error> {
                let mut items = Vec::new();
                while let Some(Text(item)) = seq.next_element()? {
                    items.push(item);
                }
                if items.is_empty() {
                    return Err(de::Error::custom("empty list: give at least one item"));
                }
                Ok(List(items))
            }
        }
        deserializer.deserialize_any(ListVisitor)
    }
}

/// The months of the year, as a [`Months`] answer names them.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One or more months of the year: `[October, November]`, or one month as text. Read as a
/// list of items, each of which must be a month's name in full.
#[derive(Debug, Clone, PartialEq)]
pub struct Months(pub Vec<String>);

impl<'de> Deserialize<'de> for Months {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let List(items) = List::deserialize(deserializer)?;
        for item in &items {
            if !MONTHS.contains(&item.trim()) {
                return Err(de::Error::custom(format_args!(
                    "expected the name of a month (January to December), found `{item}`"
                )));
            }
        }
        Ok(Months(items.into_iter().map(|item| item.trim().to_owned()).collect()))
    }
}

impl From<Months> for Value {
    fn from(v: Months) -> Self {
        Value::List(v.0)
    }
}

/// Yes or no: `true`, `false`, or text that starts with `yes` or `no` and may explain
/// (`yes, through RM6116 Network Services 3`). Kept as text, `Yes` or `No` first.
#[derive(Debug, Clone, PartialEq)]
pub struct YesNo(pub String);

impl<'de> Deserialize<'de> for YesNo {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Text(text) = Text::deserialize(deserializer)?;
        let trimmed = text.trim();
        let lower = trimmed.to_lowercase();
        let word = lower.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default();
        let first = match word {
            "yes" => "Yes",
            "no" => "No",
            _ => return Err(de::Error::custom("expected yes or no, with any explanation after it")),
        };
        Ok(YesNo(format!("{first}{}", trimmed.get(word.len()..).unwrap_or_default())))
    }
}

impl From<YesNo> for Value {
    fn from(v: YesNo) -> Self {
        Value::Text(v.0)
    }
}

/// A web address where the answer is published: absolute `http(s)`, with nothing that
/// could break out of a link or a line. Kept as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Link(pub String);

impl<'de> Deserialize<'de> for Link {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let url = text.trim();
        let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).unwrap_or_default();
        if rest.is_empty()
            || url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
        {
            return Err(de::Error::custom("expected a web address starting `https://`"));
        }
        Ok(Link(url.to_owned()))
    }
}

impl From<Link> for Value {
    fn from(v: Link) -> Self {
        Value::Text(v.0)
    }
}

/// A value of any question, once the question is known.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "kebab-case")]
pub enum Value {
    /// Free text.
    Text(String),
    /// A count.
    Count(Count),
    /// A date.
    Date(Date),
    /// An average yearly spend.
    Money(Money),
    /// A contract term.
    Duration(Duration),
    /// A contract owner.
    Contact(Contact),
    /// A list of items.
    List(Vec<String>),
}

impl From<Text> for Value {
    fn from(v: Text) -> Self {
        Value::Text(v.0)
    }
}
impl From<Count> for Value {
    fn from(v: Count) -> Self {
        Value::Count(v)
    }
}
impl From<Date> for Value {
    fn from(v: Date) -> Self {
        Value::Date(v)
    }
}
impl From<MoneyAnswer> for Value {
    fn from(v: MoneyAnswer) -> Self {
        Value::Money(v.0)
    }
}
impl From<DurationAnswer> for Value {
    fn from(v: DurationAnswer) -> Self {
        Value::Duration(v.0)
    }
}
impl From<Contact> for Value {
    fn from(v: Contact) -> Self {
        Value::Contact(v)
    }
}
impl From<List> for Value {
    fn from(v: List) -> Self {
        Value::List(v.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one<T: for<'de> Deserialize<'de>>(yaml: &str) -> Result<T, String> {
        serde_yaml::from_str::<T>(yaml).map_err(|e| e.to_string())
    }

    #[test]
    fn text_keeps_leading_zeros_of_phone_numbers() {
        assert_eq!(one::<Text>("01424 451066").unwrap().0, "01424 451066");
        assert_eq!(one::<Text>("'0123'").unwrap().0, "0123");
    }

    #[test]
    fn counts_take_numbers_or_words() {
        assert_eq!(one::<Count>("11").unwrap(), Count::Number(11));
        assert_eq!(one::<Count>("about 700").unwrap(), Count::Words("about 700".into()));
        assert!(one::<Count>("-3").unwrap_err().contains("negative"));
        assert!(one::<Count>("2.5").unwrap_err().contains("whole number"));
    }

    #[test]
    fn dates_must_be_iso() {
        assert_eq!(one::<Date>("2023-02-01").unwrap().to_string(), "2023-02-01");
        let err = one::<Date>("01/02/2023").unwrap_err();
        assert!(err.contains("YYYY-MM-DD"), "{err}");
        assert!(one::<Date>("2023-02-30").is_err());
    }

    #[test]
    fn money_takes_amounts_and_the_full_form() {
        let bare = one::<MoneyAnswer>("12000").unwrap().0;
        assert_eq!((bare.amount, bare.currency, bare.years), (12000.0, Currency::Gbp, None));
        let full = one::<MoneyAnswer>("{amount: 4500.5, years: 3, note: excluding VAT}").unwrap().0;
        assert_eq!((full.amount, full.years, full.note.as_deref()), (4500.5, Some(3), Some("excluding VAT")));
        assert_eq!(one::<MoneyAnswer>("'£12,000'").unwrap().0.amount, 12000.0);
        assert!(one::<MoneyAnswer>("lots").unwrap_err().contains("not an amount"));
        assert!(one::<MoneyAnswer>("{amount: 1, year: 3}").unwrap_err().contains("unknown field `year`"));
    }

    /// Regression (issue 11): `1e308` printed a saturated 39-digit sum; a count too large
    /// for u64 was reported "as u128".
    #[test]
    fn amounts_and_counts_are_bounded_in_words() {
        let err = one::<MoneyAnswer>("1e308").unwrap_err();
        assert!(
            err.starts_with("`1e308` is not a yearly spend: give an amount from 0 to 1,000,000,000,000"),
            "{err}"
        );
        assert!(
            one::<MoneyAnswer>("{amount: .inf}").unwrap_err().starts_with("`.inf` is not a yearly spend")
        );
        assert!(
            one::<MoneyAnswer>("{amount: .nan}").unwrap_err().starts_with("`.nan` is not a yearly spend")
        );
        assert_eq!(one::<MoneyAnswer>("1000000000000").unwrap().0.amount, 1e12);
        let err = one::<MoneyAnswer>("{amount: 5, years: 500}").unwrap_err();
        assert!(err.contains("from 1 to 100"), "{err}");
        let err = one::<Count>("99999999999999999999999").unwrap_err();
        assert!(err.contains("from 0 to 1,000,000,000"), "{err}");
        assert!(!err.contains("u128"), "{err}");
        assert!(one::<Count>("1000000001").unwrap_err().contains("more than any count"));
        assert!(one::<Count>(".inf").unwrap_err().contains("`.inf` is not a count"));
        assert_eq!(one::<Count>("1000000000").unwrap(), Count::Number(1_000_000_000));
    }

    #[test]
    fn numbers_are_written_as_yaml_writes_them() {
        assert_eq!(yaml_number(f64::NAN), ".nan");
        assert_eq!(yaml_number(f64::NEG_INFINITY), "-.inf");
        assert_eq!(yaml_number(1e308), "1e308");
        assert_eq!(yaml_number(-1.5), "-1.5");
        assert_eq!(grouped(1_000_000_000), "1,000,000,000");
        assert_eq!(grouped(999), "999");
    }

    #[test]
    fn durations_need_units() {
        assert_eq!(one::<DurationAnswer>("1 year").unwrap().0.term, "1 year");
        assert!(one::<DurationAnswer>("3").unwrap_err().contains("no unit"));
    }

    #[test]
    fn contacts_require_seniority() {
        let err = one::<Contact>("{name: A, job-title: B}").unwrap_err();
        assert!(err.contains("missing field `seniority`"), "{err}");
    }

    #[test]
    fn lists_take_one_item_or_many() {
        assert_eq!(one::<List>("January").unwrap().0, vec!["January"]);
        assert_eq!(one::<List>("[January, March]").unwrap().0, vec!["January", "March"]);
    }
}
