//! `foi due`: the date a response is due.

use std::path::PathBuf;

use anyhow::Context;

use super::UsageError;
use crate::cli::{DueArgs, DueFormatArg};
use foi::Casebook;
use foi::model::Jurisdiction;
use foi::{Warnings, calendar, load_casebook, write};

/// How `foi due` prints a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueFormat {
    /// The due date first, then notes; with `explain`, the count day by day.
    Text,
    /// The whole [`calendar::Deadline`] as JSON.
    Json,
}

/// What `foi due` was asked to do.
#[derive(Debug, Clone)]
pub struct DueOptions {
    /// The day of receipt as typed, `YYYY-MM-DD`.
    pub date: String,
    /// Whose working days to count; `None`: the casebook's Act, or FOIA without one.
    pub jurisdiction: Option<Jurisdiction>,
    /// A casebook whose added bank holidays (and Act) count too.
    pub casebook: Option<PathBuf>,
    /// How many working days.
    pub days: u32,
    /// Whether to list the count day by day (text output).
    pub explain: bool,
    /// Text or JSON.
    pub format: DueFormat,
}

/// `foi due`: the date a response is due, on standard output. A date that does not parse,
/// or that the calendar cannot count from, is a usage error (exit code 2).
pub fn run(options: &DueOptions) -> anyhow::Result<Warnings> {
    let typed = options.date.trim();
    let received = chrono::NaiveDate::parse_from_str(typed, "%Y-%m-%d").map_err(|_| {
        UsageError(format!("`{typed}` is not a date: write it as YYYY-MM-DD, e.g. 2022-11-25"))
    })?;
    let (casebook, warnings) = match &options.casebook {
        Some(dir) => {
            let (casebook, warnings) = load_casebook(dir)?;
            (Some(casebook), warnings)
        }
        None => (None, Vec::new()),
    };
    let jurisdiction = match (options.jurisdiction, &casebook) {
        (Some(jurisdiction), _) => jurisdiction,
        (None, None) => Jurisdiction::default(),
        (None, Some(casebook)) => casebook_act(casebook)?,
    };
    let extra = casebook.as_ref().map_or(&[][..], |casebook| &casebook.bank_holidays[..]);
    let deadline = calendar::due(received, options.days, jurisdiction, extra)
        .map_err(|err| UsageError(err.to_string()))?;
    let text = match options.format {
        DueFormat::Text => deadline.to_text(options.explain),
        DueFormat::Json => {
            let mut json =
                serde_json::to_string_pretty(&deadline).context("cannot write the deadline as JSON")?;
            json.push('\n');
            json
        }
    };
    write::stdout(text.as_bytes())?;
    Ok(warnings)
}

/// The one Act every authority of `casebook` answers under.
fn casebook_act(casebook: &Casebook) -> Result<Jurisdiction, UsageError> {
    let mut acts = casebook.authorities.iter().map(|authority| authority.jurisdiction);
    let first = acts.next().unwrap_or(Jurisdiction::default());
    if acts.all(|act| act == first) {
        Ok(first)
    } else {
        Err(UsageError(
            "the casebook's authorities answer under different Acts: choose one with --jurisdiction"
                .to_owned(),
        ))
    }
}

impl From<DueArgs> for DueOptions {
    fn from(args: DueArgs) -> Self {
        DueOptions {
            date: args.date,
            jurisdiction: args.jurisdiction,
            casebook: args.casebook,
            days: args.days,
            explain: args.explain,
            format: args.format.into(),
        }
    }
}

impl From<DueFormatArg> for DueFormat {
    fn from(arg: DueFormatArg) -> Self {
        match arg {
            DueFormatArg::Text => DueFormat::Text,
            DueFormatArg::Json => DueFormat::Json,
        }
    }
}
