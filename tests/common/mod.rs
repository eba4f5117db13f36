//! Test casebooks built in a temporary folder, and helpers to copy the examples.

#![allow(dead_code)]

pub mod inputs;

use std::fs;
use std::path::{Path, PathBuf};

use foi::model::values::Date;
use foi::{Audience, Response};

/// The date the tests run "as at": after every date in the examples and test casebooks.
pub const TODAY: Date = Date(match chrono::NaiveDate::from_ymd_opt(2030, 12, 31) {
    Some(date) => date,
    None => panic!("a valid date"),
});

/// A casebook in a temporary folder.
pub struct Casebook {
    dir: tempfile::TempDir,
}

impl Casebook {
    /// A casebook with this `foi.yaml`.
    pub fn new(profile: &str) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        fs::write(dir.path().join("foi.yaml"), profile).expect("write foi.yaml");
        Self { dir }
    }

    /// A copy of `examples/<name>`.
    pub fn example(name: &str) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name), dir.path());
        Self { dir }
    }

    /// A copy of a folder of this repository, e.g. `tests/check/base`.
    pub fn copy_of(relative: &str) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join(relative), dir.path());
        Self { dir }
    }

    /// Copies a folder of this repository over the casebook, replacing files of the same name.
    pub fn overlay(&self, relative: &str) -> &Self {
        copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join(relative), self.dir.path());
        self
    }

    /// The casebook's folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file at `relative` (folders created as needed) and returns its path.
    pub fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(relative);
        fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        fs::write(&path, text).expect("write");
        path
    }

    /// Reads a file of the casebook.
    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.dir.path().join(relative)).expect("read")
    }

    /// Adds `contracts/<id>.yaml`.
    pub fn contract(&self, id: &str, text: &str) -> &Self {
        self.write(&format!("contracts/{id}.yaml"), text);
        self
    }

    /// Adds `requests/<name>.yaml` and returns its path.
    pub fn request(&self, name: &str, text: &str) -> PathBuf {
        self.write(&format!("requests/{name}.yaml"), text)
    }

    /// Resolves a request, panicking with the report if the casebook has errors.
    pub fn respond(&self, request: &Path, audience: Audience) -> Response {
        match foi::respond(request, audience, TODAY) {
            Ok((_, response, _)) => response,
            Err(err) => panic!("casebook has problems:\n{err:#}"),
        }
    }

    /// The Markdown letter for a request.
    pub fn markdown(&self, request: &Path, audience: Audience) -> String {
        let (casebook, response, _) =
            foi::respond(request, audience, TODAY).unwrap_or_else(|e| panic!("{e:#}"));
        foi::markdown(&casebook, &response).unwrap_or_else(|e| panic!("{e:#}"))
    }

    /// The error report for a request that should not load.
    pub fn errors(&self, request: &Path) -> String {
        match foi::respond(request, Audience::Requester, TODAY) {
            Ok(_) => panic!("expected errors for {}", request.display()),
            Err(err) => format!("{err:#}"),
        }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("folder");
    for entry in fs::read_dir(from).expect("list") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A one-authority FOIA profile.
pub const FOIA_PROFILE: &str = "\
authority:
  name: Example Borough Council
  jurisdiction: foia
  address: [Town Hall, Example Street, Exampleton, EX1 1AA]
  foi-team:
    name: FOI Team
    email: foi@example.gov.uk
  facts:
    email-server: Microsoft Exchange Online
    email-users: 1200
    further-comments:
      not-held: true
";

/// A one-authority FOISA profile.
pub const FOISA_PROFILE: &str = "\
authority:
  name: Example Council
  jurisdiction: foisa
  address: [Council Offices, High Street, Exampletown, EX9 9ZZ]
  foi-team:
    name: Information Team
    email: foi@example.scot
  facts:
    email-server: Microsoft Exchange Online
    email-users: 900
    further-comments:
      not-held: true
";

/// A `bank-holidays:` entry for foi.yaml: a day proclaimed in Northern Ireland (so FOIA
/// skips it), past the built-in calendar.
pub const PROCLAIMED_HOLIDAY_2029: &str =
    "bank-holidays:\n  - {date: 2029-06-18, name: Example proclaimed holiday, nations: [northern-ireland]}\n";

/// A contact-centre contract with every answer disclosed.
pub const OPEN_CONTRACT: &str = "\
part: contact-centre
title: Call Handling
supplier: Example Supplier Ltd
annual-spend: 10000
duration: 2 years
expiry: 2030-01-31
review: 2029-07-31
description: Call handling software
contact:
  name: Pat Senior
  job-title: Head of Customer Services
  phone: 01632 960001
  email: head.cs@example.gov.uk
  seniority: senior
agents: 20
sites: 1
manufacturer: Example Systems
busy-periods: [January]
";

/// A request for the contact-centre part, standard questions.
pub const CONTACT_CENTRE_REQUEST: &str = "\
reference: REQ-1
received: 2024-01-10
responded: 2024-01-20
requester:
  name: Rosa Requester
  email: rosa@example.com
  address: [1 Private Lane, Hometown, HT1 1HT]
parts:
  - part: contact-centre
    questions: standard
";
