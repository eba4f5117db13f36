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

use anyhow::Context;
use serde::Serialize;

use crate::batch::output_name;
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
        let mut parsed = Vec::new();
        for path in load::request_paths(&root)? {
            match load::request(&root, &path) {
                Ok(one) => parsed.push(one),
                Err(mut more) => findings.append(&mut more),
            }
        }
        let all: Vec<_> = parsed.iter().collect();
        for (request, mut more) in validate::requests_of(&casebook, &all, today) {
            findings.append(&mut more);
            if let Some(request) = request {
                let response = rules::respond(&casebook, &request, Audience::Public)?;
                responses.push(Loaded { response, casebook: loaded.len(), publish: request.publish });
            }
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
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for Loaded { response, casebook, publish } in responses {
        if !publish {
            continue;
        }
        let name = output_name(&response.reference).map_err(|why| UsageError(why.clone()))?;
        if let Some(other) = names.insert(name.clone(), response.reference.clone()) {
            anyhow::bail!(
                "references `{other}` and `{}` would both publish as {name}.html",
                response.reference
            );
        }
        entries.push(Entry { response, name, casebook });
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
    files.push((
        "index.html".into(),
        pages.site_index(&site.index_context(&entries, &statistics))?.into_bytes(),
    ));
    files.push(("stats.html".into(), pages.site_stats(&site.stats_context(&statistics))?.into_bytes()));
    files.push(("disclosure-log.csv".into(), data::csv(&entries).into_bytes()));
    files.push(("disclosure-log.json".into(), data::json(&entries)?.into_bytes()));
    files.push((
        "feed.atom".into(),
        feed::atom(&entries, &site.title, options.base_url.as_deref()).into_bytes(),
    ));

    std::fs::create_dir_all(options.out.join("responses"))
        .with_context(|| format!("cannot create folder {}", options.out.display()))?;
    for (relative, bytes) in &files {
        if write::if_changed(&options.out.join(relative), bytes)? {
            summary.written += 1;
        }
    }
    summary.removed = remove_stale(&options.out.join("responses"), &files)?;
    summary.published = entries.len();
    Ok(summary)
}

/// Removes response pages that this run did not write: responses no longer published must
/// not stay on the site.
fn remove_stale(dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> anyhow::Result<usize> {
    let keep: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    let mut removed = 0;
    let entries = std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))?;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let ours = path.extension().is_some_and(|e| e == "html" || e == "md");
        let relative = PathBuf::from("responses").join(entry.file_name());
        if ours && path.is_file() && !keep.contains(&relative) {
            std::fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
            removed += 1;
        }
    }
    Ok(removed)
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
                // Refusals under s.12 and s.14 are not exemptions and have no notices; a
                // provision relied on in two ways is listed once.
                exemptions: e.response.notices.iter().fold(Vec::new(), |mut list, n| {
                    if !list.contains(&n.exemption.citation.as_str()) {
                        list.push(n.exemption.citation.as_str());
                    }
                    list
                }),
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
