//! `foi send`: the record of a response as sent, written once into `sent/`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{FOLDER, PUBLIC_FILE, RECORD_FILE, Record};
use crate::casebook::{Casebook, Request};
use crate::error::Error;
use crate::model::sent::{FORMAT, RecordFile, sha256};
use crate::model::values::Date;
use crate::render::{OutputFormat, Renderer};
use crate::response::Response;
use crate::rules::{self, Audience};
use crate::write;

/// What `foi send` was asked to record.
#[derive(Debug, Clone)]
pub struct SendOptions {
    /// The date sent; default the request's `responded:`.
    pub date: Option<Date>,
    /// The formats the letter was sent in (at least one).
    pub formats: Vec<OutputFormat>,
    /// Why a corrected reply is sent, for a reference already sent.
    pub amend: Option<String>,
    /// Today: a reply cannot have been sent later.
    pub today: Date,
}

/// A record written.
#[derive(Debug, Clone)]
pub struct Sent {
    /// Its folder.
    pub dir: PathBuf,
    /// Its version: 1, or the amendment's number.
    pub version: u32,
    /// The date recorded.
    pub sent: Date,
    /// The files written, in the order written.
    pub files: Vec<String>,
}

/// Records `request` as sent: its public response as data with its hash, the public
/// reply the disclosure log publishes, and the letter in each format asked, in a new
/// folder `sent/NAME/VERSION/` of the casebook. The request file is not touched. A
/// reference already recorded needs `amend` (its reason), which adds the next version
/// beside the earlier ones.
pub fn send(
    casebook: &Casebook,
    request: &Request,
    records: &[Record],
    options: &SendOptions,
) -> anyhow::Result<Sent> {
    let Some(sent) = options.date.or(request.responded) else {
        return Err(Error::Unusable(format!(
            "{} has no `responded:` date: give the date it was sent with --date YYYY-MM-DD",
            request.reference
        ))
        .into());
    };
    if sent > options.today {
        return Err(Error::Unusable(format!(
            "{} cannot have been sent on {sent}, after today ({}): give the date it was sent",
            request.reference, options.today
        ))
        .into());
    }
    if sent < request.received {
        return Err(Error::Unusable(format!(
            "{} was received on {}, after --date {sent}",
            request.reference, request.received
        ))
        .into());
    }
    let earlier: Vec<&Record> = records.iter().filter(|r| r.name == request.file_name).collect();
    let version = earlier.iter().map(|r| r.file.version).max().unwrap_or(0) + 1;
    let amendment = match (&options.amend, earlier.last()) {
        (None, Some(last)) => {
            return Err(Error::Unusable(format!(
                "{} was recorded as sent on {} ({}); a record is never rewritten: to record a corrected reply beside it, give --amend REASON",
                request.reference,
                last.file.sent,
                last.dir.display()
            ))
            .into());
        }
        (Some(_), None) => {
            return Err(Error::Unusable(format!(
                "{} has not been sent, so there is nothing to amend: leave out --amend",
                request.reference
            ))
            .into());
        }
        (Some(reason), Some(_)) if reason.trim().is_empty() => {
            return Err(Error::Unusable("--amend needs the reason the reply is corrected".into()).into());
        }
        (amend, _) => amend.as_ref().map(|reason| reason.trim().to_owned()),
    };
    if options.formats.is_empty() {
        return Err(Error::Unusable("give at least one --format for the letter sent".into()).into());
    }
    let dated = |mut response: Response| {
        let due = response.extension.as_ref().map_or(response.due, |e| e.due);
        response.responded = Some(sent);
        response.late = sent > due;
        response
    };
    let public = dated(rules::respond(casebook, request, Audience::Public)?);
    let letter = dated(rules::respond(casebook, request, Audience::Requester)?);
    let renderer = Renderer::new(Some(&casebook.files));
    let mut files: Vec<(String, Vec<u8>)> =
        vec![(PUBLIC_FILE.to_owned(), renderer.markdown(&public)?.into_bytes())];
    for format in &options.formats {
        let response = match format.audience(false) {
            Audience::Public => &public,
            Audience::Requester => &letter,
        };
        let name = format!("letter.{}", format.extension);
        if files.iter().any(|(n, _)| *n == name) {
            continue;
        }
        files.push((name, renderer.document(response, *format)?.into_bytes()));
    }
    let mut record = RecordFile {
        format: FORMAT.to_owned(),
        reference: request.reference.clone(),
        version,
        sent,
        amendment,
        files: files.iter().map(|(name, bytes)| (name.clone(), sha256(bytes))).collect::<BTreeMap<_, _>>(),
        response: super::compare::as_data(&public)?,
        hash: String::new(),
    };
    record.hash = record.content_hash();
    files.push((RECORD_FILE.to_owned(), record.to_json().into_bytes()));
    let names = files.iter().map(|(name, _)| name.clone()).collect();
    let folder = version.to_string();
    let dir = write::new_folder(casebook.files.root(), &[FOLDER, &request.file_name, &folder], &files)?;
    Ok(Sent { dir, version, sent, files: names })
}
