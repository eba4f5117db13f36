//! `foi due`: the date a response is due, or every clock of a request file.

use std::path::PathBuf;

use anyhow::Context;

use super::UsageError;
use crate::cli::{DueArgs, DueFormatArg};
use foi::Casebook;
use foi::model::Jurisdiction;
use foi::model::values::Date;
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
    /// With a request file: the day the clocks stand as at.
    pub today: Date,
}

/// `foi due`: the date a response is due, on standard output. A date that does not parse,
/// or that the calendar cannot count from, is a usage error (exit code 2).
pub fn run(options: &DueOptions) -> anyhow::Result<Warnings> {
    let typed = options.date.trim();
    if let Some(path) = request_file(typed) {
        return clocks(options, &path);
    }
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

/// The request file `typed` names, when it is not a date: an existing file, or one that
/// ends `.yaml` (so that a missing one is reported as missing, not as a bad date).
fn request_file(typed: &str) -> Option<PathBuf> {
    if chrono::NaiveDate::parse_from_str(typed, "%Y-%m-%d").is_ok() {
        return None;
    }
    let path = PathBuf::from(typed);
    let yaml =
        path.extension().is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    (yaml || path.is_file()).then_some(path)
}

/// `foi due REQUEST`: every clock of the request, as at `options.today`. The calculator's
/// options do not apply: the request's Act, casebook and stages say what to count.
fn clocks(options: &DueOptions, path: &std::path::Path) -> anyhow::Result<Warnings> {
    let unused = [
        ("--jurisdiction", options.jurisdiction.is_some()),
        ("--casebook", options.casebook.is_some()),
        ("--days", options.days != 20),
        ("--explain", options.explain),
    ];
    if let Some((flag, _)) = unused.iter().find(|(_, given)| *given) {
        return Err(UsageError(format!(
            "{flag} is for counting from a date; a request file's clocks come from its casebook and its stages"
        ))
        .into());
    }
    let (clocks, warnings) = foi::clocks(path, options.today)?;
    let text = match options.format {
        DueFormat::Text => clocks.to_text(),
        DueFormat::Json => {
            serde_json::to_string_pretty(&clocks).context("cannot write the clocks as JSON")? + "\n"
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

impl DueOptions {
    /// The options of `args`, the clocks as at `today`.
    pub fn new(args: DueArgs, today: Date) -> Self {
        DueOptions {
            today,
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
