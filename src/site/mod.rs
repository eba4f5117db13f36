//! The disclosure log: a static site of the published responses, with open data.
//!
//! Owns `foi publish`: which requests are published (`publish: true`), the site's layout
//! (`index.html`, `stats.html`, `responses/<reference>.html` and `.md`, `disclosure-log.csv`,
//! `disclosure-log.json`, `feed.atom`), and keeping the site in step with the casebook:
//! files of responses no longer published are removed. Every page is made from the public
//! version of a response, which holds no trace of the requester and no withheld value.

mod data;
mod feed;
pub mod stats;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::casebook::Casebook;
use crate::model::values::Date;
use crate::render::Renderer;
use crate::report::{Finding, Severity};
use crate::response::Response;
use crate::rules::{self, Audience};
use crate::{UsageError, load, validate, write};

pub use stats::Statistics;

/// What `foi publish` was asked to do.
#[derive(Debug, Clone)]
pub struct PublishOptions {
    /// Casebook folders (default: the casebook holding the current folder).
    pub casebooks: Vec<PathBuf>,
    /// The site folder.
    pub out: PathBuf,
    /// The address the site is served from, for absolute links in the feed.
    pub base_url: Option<String>,
    /// Today's date: no date in a request may be later.
    pub today: Date,
}

/// How publishing went.
#[derive(Debug, Default)]
pub struct PublishSummary {
    /// Responses published.
    pub published: usize,
    /// Files written (changed or new).
    pub written: usize,
    /// Files removed (responses no longer published).
    pub removed: usize,
    /// Every finding; publishing stops short of writing when any is an error.
    pub findings: Vec<Finding>,
}

/// A published response and where its pages go.
pub(crate) struct Entry {
    pub response: Response,
    pub name: String,
    pub casebook: usize,
}

/// A request's public response, its casebook and whether it is to be published.
pub(crate) struct Loaded {
    pub response: Response,
    pub casebook: usize,
    pub publish: bool,
    /// The name of its pages (`validate::reference`).
    pub name: String,
    /// Its file, as the user should see it (with the casebook's folder).
    pub file: PathBuf,
}

/// Loads and checks every request of every casebook (all of them count towards the
/// statistics), and resolves the public version of each one.
pub(crate) fn load_all(
    casebooks: &[PathBuf],
    today: Date,
) -> anyhow::Result<(Vec<Casebook>, Vec<Loaded>, Vec<Finding>)> {
    let mut findings = Vec::new();
    let mut loaded = Vec::new();
    let mut responses = Vec::new();
    for folder in casebooks {
        let root = load::find_root(folder).map_err(|err| UsageError(format!("{err:#}")))?;
        let (raw, mut more) = load::casebook(&root);
        findings.append(&mut more);
        let Some(raw) = raw else { continue };
        let (casebook, mut more) = validate::casebook(raw);
        findings.append(&mut more);
        let mut requests: Vec<validate::Loaded> = Vec::new();
        for path in load::request_paths(&root)? {
            let parsed = match load::request(&root, &path) {
                Ok(parsed) => parsed,
                Err(mut more) => {
                    findings.append(&mut more);
                    continue;
                }
            };
            let (request, mut more) = validate::request(&casebook, &parsed, today);
            findings.append(&mut more);
            requests.push((parsed, request));
        }
        // The checks across requests, as `foi check` runs them: a reference used twice, or
        // two that give one page, is an error here too.
        findings.extend(validate::requests(Some(&casebook), &requests));
        let shown = crate::check::shown_root(&root);
        for request in requests.into_iter().filter_map(|(_, request)| request) {
            let response = rules::respond(&casebook, &request, Audience::Public)?;
            responses.push(Loaded {
                response,
                casebook: loaded.len(),
                publish: request.publish,
                name: request.file_name,
                file: shown.join(&request.file),
            });
        }
        loaded.push(casebook);
    }
    Ok((loaded, responses, findings))
}

/// `foi publish`: writes the disclosure log of `options.casebooks` into `options.out`.
/// Nothing is written when any request or casebook has errors: a wrong answer must not
/// reach the public.
pub fn publish(options: &PublishOptions) -> anyhow::Result<PublishSummary> {
    let casebooks =
        if options.casebooks.is_empty() { vec![PathBuf::from(".")] } else { options.casebooks.clone() };
    let (loaded, responses, findings) = load_all(&casebooks, options.today)?;
    let mut summary = PublishSummary { findings, ..PublishSummary::default() };
    if summary.findings.iter().any(|f| f.severity == Severity::Error) {
        return Ok(summary);
    }
    let statistics = Statistics::of(responses.iter().map(|loaded| &loaded.response));
    let mut entries = Vec::new();
    // Pages of several casebooks share one folder: two references giving one page name
    // are reported like two in one casebook.
    let mut names: BTreeMap<String, (String, PathBuf)> = BTreeMap::new();
    for Loaded { response, casebook, publish, name, file } in responses {
        if !publish {
            continue;
        }
        let key = crate::validate::reference::clash_key(&name);
        if let Some((other, other_file)) = names.get(&key) {
            let message = crate::validate::reference::clash(
                &response.reference,
                &name,
                other,
                &other_file.display().to_string(),
            );
            summary.findings.push(Finding::at_path(
                Severity::Error,
                &crate::source::SourceFile::new(file, String::new()),
                "reference".to_owned(),
                crate::source::Location { line: 1, column: 1 },
                format!("{message}: both would be published as responses/{name}.html"),
            ));
            continue;
        }
        names.insert(key, (response.reference.clone(), file));
        entries.push(Entry { response, name, casebook });
    }
    if summary.findings.iter().any(|f| f.severity == Severity::Error) {
        return Ok(summary);
    }
    // Newest first; the reference breaks ties so the order never depends on the file system.
    entries.sort_by(|a, b| {
        (b.response.received, &b.response.reference).cmp(&(a.response.received, &a.response.reference))
    });
    let site = Site::new(&loaded);
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let renderers: Vec<Renderer> = loaded.iter().map(|c| Renderer::new(Some(&c.root))).collect();
    for entry in &entries {
        let renderer = &renderers[entry.casebook];
        let markdown = renderer.markdown(&entry.response)?;
        let html = renderer.site_page(&entry.response, &markdown, &site.title)?;
        files.push((PathBuf::from("responses").join(format!("{}.html", entry.name)), html.into_bytes()));
        files.push((PathBuf::from("responses").join(format!("{}.md", entry.name)), markdown.into_bytes()));
    }
    let Some(pages) = renderers.first() else {
        return Err(UsageError("no casebook to publish".into()).into());
    };
    files.push(("stats.html".into(), pages.site_stats(&site.stats_context(&statistics))?.into_bytes()));
    files.push(("disclosure-log.csv".into(), data::csv(&entries).into_bytes()));
    files.push(("disclosure-log.json".into(), data::json(&entries)?.into_bytes()));
    files.push((
        "feed.atom".into(),
        feed::atom(&entries, &site.title, options.base_url.as_deref()).into_bytes(),
    ));
    // The index last: whenever a reader fetches it, every page it links is already there.
    files.push((
        "index.html".into(),
        pages.site_index(&site.index_context(&entries, &statistics))?.into_bytes(),
    ));

    // Locked, so two runs never interleave; the manifest says what earlier runs wrote, so
    // only their files are removed (responses no longer published must not stay on the
    // site, and a page made by hand must not go).
    let folder = write::folder::lock(&options.out)?;
    let replaced = folder.replace_all(&files)?;
    summary.written = replaced.written;
    summary.removed = replaced.removed;
    summary.findings.extend(
        replaced
            .unrecorded
            .iter()
            .filter(|p| looks_like_a_page(p))
            .map(|page| unrecorded(&options.out.join(page))),
    );
    summary.published = entries.len();
    Ok(summary)
}

/// A page of `responses/` such as a publish writes.
fn looks_like_a_page(relative: &Path) -> bool {
    relative.starts_with("responses") && relative.extension().is_some_and(|e| e == "html" || e == "md")
}

/// A warning for a response page no manifest accounts for: a folder published before foi
/// kept a manifest may hold pages of responses no longer published, which it cannot tell
/// from pages made by hand.
fn unrecorded(page: &Path) -> Finding {
    Finding::at_path(
        Severity::Warning,
        &crate::source::SourceFile::new(page.to_path_buf(), String::new()),
        String::new(),
        crate::source::Location { line: 1, column: 1 },
        "this page was not written by this publish, and no manifest says an earlier one wrote it, so it was \
         left in place",
    )
    .hint(format!(
        "if it is an old response no longer published, delete it; from now on {} records what foi writes",
        write::folder::MANIFEST
    ))
}

/// The site as a whole: its title and the contexts of its own pages.
struct Site {
    title: String,
}

/// One row of the index.
#[derive(Serialize)]
struct IndexRow<'a> {
    href: String,
    reference: &'a str,
    title: &'a str,
    authority: &'a str,
    received: String,
    responded: Option<String>,
    outcome: &'static str,
    exemptions: Vec<&'a str>,
}

impl Site {
    fn new(casebooks: &[Casebook]) -> Self {
        let shared = casebooks.iter().find_map(|c| c.shared_service.as_ref().map(|s| s.name.clone()));
        let authorities: Vec<&str> =
            casebooks.iter().flat_map(|c| c.authorities.iter().map(|a| a.name.as_str())).collect();
        let title = match (casebooks.len(), shared, authorities.as_slice()) {
            (1, Some(shared), _) => format!("Disclosure log: {shared}"),
            (_, _, [one]) => format!("Disclosure log: {one}"),
            _ => "Disclosure log".to_owned(),
        };
        Self { title }
    }

    fn index_context(&self, entries: &[Entry], statistics: &Statistics) -> minijinja::Value {
        let rows: Vec<IndexRow> = entries
            .iter()
            .map(|e| IndexRow {
                href: format!("responses/{}.html", e.name),
                reference: &e.response.reference,
                title: &e.response.title,
                authority: &e.response.authority.name,
                received: e.response.received.to_string(),
                responded: e.response.responded.map(|d| d.to_string()),
                outcome: e.response.outcome.label(),
                exemptions: e.response.notices.iter().map(|n| n.exemption.citation.as_str()).collect(),
            })
            .collect();
        let several = entries
            .iter()
            .map(|e| &e.response.authority.name)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
            > 1;
        minijinja::context! {
            title => &self.title,
            rows => minijinja::Value::from(minijinja::value::Serde(&rows)),
            several_authorities => several,
            total => statistics.overall.requests,
        }
    }

    fn stats_context(&self, statistics: &Statistics) -> minijinja::Value {
        minijinja::context! {
            title => &self.title,
            statistics => minijinja::Value::from(minijinja::value::Serde(statistics)),
        }
    }
}

/// `foi stats`: the statistics of every request of the casebooks. Fails with the findings
/// when a casebook has errors.
pub fn statistics(casebooks: &[PathBuf], today: Date) -> anyhow::Result<(Statistics, Vec<Finding>)> {
    let casebooks = if casebooks.is_empty() { vec![PathBuf::from(".")] } else { casebooks.to_vec() };
    let (_, responses, findings) = load_all(&casebooks, today)?;
    Ok((Statistics::of(responses.iter().map(|loaded| &loaded.response)), findings))
}
