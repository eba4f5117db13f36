//! `foi intake`: a pasted request to a request-file draft.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::NaiveDate;

use super::UsageError;
use crate::cli::{IntakeArgs, IntakeFormatArg};
use foi::{Warnings, intake, write};

/// How `foi intake` prints what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IntakeFormat {
    /// A request-file draft (the default).
    #[default]
    Yaml,
    /// `{"questions": [...]}` for other tools.
    Json,
}

/// What `foi intake` was asked to do.
#[derive(Debug, Clone)]
pub struct IntakeOptions {
    /// The request text, or `-` for standard input.
    pub input: PathBuf,
    /// Output format.
    pub format: IntakeFormat,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
    /// Replace `output` if it exists.
    pub force: bool,
    /// Our reference for the request, for the draft.
    pub reference: Option<String>,
    /// Date the request was received, for the draft.
    pub received: Option<NaiveDate>,
    /// The questionnaire to match against, by id, or `None` for the one that fits best.
    pub questionnaire: Option<String>,
}

/// `foi intake`: a pasted request to a request-file draft or JSON. Returns warnings for the
/// questions the officer must look at (low confidence, outside the questionnaire).
pub fn run(options: &IntakeOptions) -> anyhow::Result<Warnings> {
    let (source, text) = foi::request_text(&options.input, intake::MAX_INPUT_BYTES)?;
    let questionnaire = match options.questionnaire.as_deref() {
        None => None,
        Some(id) => match foi::questionnaire::Definition::named(id) {
            Some(definition) => Some(definition),
            None => {
                let ids: Vec<&str> =
                    foi::questionnaire::Definition::all().iter().map(|d| d.id.as_str()).collect();
                return Err(UsageError(format!("no questionnaire `{id}`: foi has {}", ids.join(", "))).into());
            }
        },
    };
    let found = intake::read_as(&text, questionnaire);
    if found.parts.is_empty() {
        bail!(
            "found no numbered questions in {source}: intake needs the request's questions, \
             numbered `1.`, `a)`, `(iv)`, `Q3` or bulleted"
        );
    }
    let out = match options.format {
        IntakeFormat::Json => found.to_json().context("cannot write JSON")?,
        IntakeFormat::Yaml => {
            let draft_options = intake::draft::DraftOptions {
                source: source.clone(),
                reference: options.reference.clone(),
                received: options.received,
                casebook: casebook_hints(options.output.as_deref()),
            };
            intake::draft::draft(&found, &draft_options)
        }
    };
    match &options.output {
        Some(path) if options.force => write::atomic(path, out.as_bytes())?,
        Some(path) => write::atomic_new(path, out.as_bytes()).map_err(|err| {
            match err.downcast::<write::AlreadyExists>() {
                Ok(exists) => UsageError(format!("{exists}: pass --force to replace it")).into(),
                Err(err) => err,
            }
        })?,
        None => write::stdout(out.as_bytes())?,
    }
    Ok(intake::warnings(&source, &text, &found))
}

/// The contracts of the casebook holding `output` (or the current folder), for the draft.
fn casebook_hints(output: Option<&Path>) -> Result<intake::draft::CasebookHints, String> {
    let start = output.unwrap_or(Path::new("."));
    let root = foi::find_root(start).map_err(|_| {
        "no casebook (foi.yaml) in this folder or above: list this part's contracts".to_owned()
    })?;
    let mut hints = intake::draft::CasebookHints::read(&foi::Files::disk(root.clone()))?;
    hints.schema = schema_line(&root, output);
    Ok(hints)
}

/// The path from where a draft goes (`output`, or `requests/` when it is printed) to the
/// casebook's `schemas/request.schema.json`, when the casebook has one.
fn schema_line(root: &Path, output: Option<&Path>) -> Option<String> {
    let name = foi::schema::FileKind::Request.file_name();
    let schema = root.join("schemas").join(name);
    if !std::fs::symlink_metadata(&schema).is_ok_and(|meta| meta.is_file()) {
        return None;
    }
    let depth = match output {
        None => 1,
        Some(path) => {
            let folder = std::path::absolute(path).ok()?.parent()?.to_path_buf();
            let root = std::path::absolute(root).ok()?;
            folder.strip_prefix(&root).ok()?.components().count()
        }
    };
    Some(format!("{}schemas/{name}", "../".repeat(depth)))
}

impl From<IntakeArgs> for IntakeOptions {
    fn from(args: IntakeArgs) -> Self {
        IntakeOptions {
            input: args.input,
            format: match args.format {
                IntakeFormatArg::Yaml => IntakeFormat::Yaml,
                IntakeFormatArg::Json => IntakeFormat::Json,
            },
            output: args.output,
            force: args.force,
            reference: args.reference,
            received: args.received,
            questionnaire: args.questionnaire,
        }
    }
}
