//! The disclosure log: a static site of the published responses, with open data.
//!
//! Owns `foi publish`: which requests are published (`publish: true`), the site's layout
//! (`index.html`, `stats.html`, `accessibility.html`, `responses/<reference>.html` and `.md`,
//! the open data of `data`, `feed.atom`), what every page shows of the site as a whole (its
//! publisher, licence and contacts) and each page's context, and keeping the site in step
//! with the casebook: files of responses no longer published are removed. Every page is
//! made from the public version of a response, which holds no trace of the requester and
//! no withheld value.

mod data;
mod feed;
pub(crate) mod stats;
mod stats_page;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::casebook::Casebook;
use crate::error::Error;
use crate::model::Licence;
use crate::model::values::Date;
use crate::render::Renderer;
use crate::report::{Finding, Severity};
use crate::response::Response;
use crate::rules::{self, Audience};
use crate::{load, write};

pub use stats::{Period, Statistics};

/// What `foi publish` was asked to do.
#[derive(Debug, Clone)]
pub struct PublishOptions {
    /// Casebook folders (default: the casebook holding the current folder).
    pub casebooks: Vec<PathBuf>,
    /// The site folder.
    pub out: PathBuf,
    /// The address the site is served from, for absolute links in the feed. Default: the
    /// first casebook's `disclosure-log:`.
    pub base_url: Option<String>,
    /// Publish a response answered but never recorded as sent, in a casebook that keeps
    /// records, by rendering it from today's casebook (as before records existed).
    pub render_unsent: bool,
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
    /// The reply as sent (the record's `public.md`), published as it is.
    pub markdown: Option<String>,
    /// The reply as sent, as data (the record's `foi-response/1`): the open data's rows of
    /// a sent reply come from it.
    pub sent: Option<serde_json::Value>,
    pub name: String,
    pub casebook: usize,
    /// The authority's stable id in the open data.
    pub authority_id: String,
    /// Its internal review, if one was asked for.
    pub review: Option<crate::casebook::Review>,
    /// The questions its decided review looked at again, with what the reply as sent and
    /// today's public response say of each (public data only).
    pub reviewed: Vec<crate::response::ReviewedQuestionView>,
    /// Its complaint to the Commissioner, if one was made.
    pub complaint: Option<crate::casebook::Complaint>,
}

/// A request's public response, its casebook and whether it is to be published.
pub(crate) struct PublicResponse {
    pub response: Response,
    /// The reply as sent, from its latest record, if it was recorded.
    pub markdown: Option<String>,
    /// The same reply as data.
    pub sent: Option<serde_json::Value>,
    pub casebook: usize,
    pub publish: bool,
    /// The name of its pages (`validate::reference`).
    pub name: String,
    /// Its internal review, if one was asked for.
    pub review: Option<crate::casebook::Review>,
    /// Its complaint to the Commissioner, if one was made.
    pub complaint: Option<crate::casebook::Complaint>,
    /// The questions its decided review looked at again (see [`Entry::reviewed`]).
    pub reviewed: Vec<crate::response::ReviewedQuestionView>,
}

impl PublicResponse {
    /// The response and its later stages, as the statistics count them.
    fn case(&self) -> stats::Case<'_> {
        stats::Case {
            response: &self.response,
            review: self.review.as_ref(),
            complaint: self.complaint.as_ref(),
        }
    }
}

/// The casebook folders named (the current folder when none is), each once, with the
/// folder findings name them from.
fn disk_folders(casebooks: &[PathBuf]) -> anyhow::Result<Vec<(load::Files, PathBuf)>> {
    let casebooks = if casebooks.is_empty() { vec![PathBuf::from(".")] } else { casebooks.to_vec() };
    let mut folders = Vec::with_capacity(casebooks.len());
    for folder in &casebooks {
        let root = load::find_root(folder).map_err(|err| Error::NoCasebook(format!("{err:#}")))?;
        // A casebook named twice is published once.
        if !folders.iter().any(|(files, _): &(load::Files, PathBuf)| files.root() == root) {
            folders.push((load::Files::disk(root.clone()), crate::check::shown_folder(&root)));
        }
    }
    Ok(folders)
}

/// Loads and checks every request of every casebook (all of them count towards the
/// statistics), and resolves the public version of each one.
pub(crate) fn load_all(
    folders: &[(load::Files, PathBuf)],
    today: Date,
    render_unsent: bool,
) -> anyhow::Result<(Vec<Casebook>, Vec<PublicResponse>, Vec<Finding>)> {
    // The pipeline every command runs, casebooks checked together as `foi check A B` checks
    // them: what check refuses is refused here, in its words.
    let together = crate::open::open_together(folders, today);
    let findings = together.report.findings().to_vec();
    let mut loaded = Vec::new();
    let mut responses = Vec::new();
    for (_, opened) in together.casebooks {
        let Some(casebook) = opened.casebook else { continue };
        for request in opened.requests.into_iter().filter_map(|entry| entry.request) {
            let mut response = rules::respond(&casebook, &request, Audience::Public)?;
            // A reply sent is published as sent, from its record; one answered but never
            // recorded, in a casebook that keeps records, only when asked (`foi check`
            // warns of it).
            let record = crate::record::latest(&casebook.sent, &request.file_name);
            // A review decided after the reply is a later stage: what it released is today's
            // public answer to each question it overturned, beside the reply as sent.
            let reviewed = match &request.review {
                Some(review) if review.decided.is_some() => {
                    let now = crate::record::compare::as_data(&response)?;
                    rules::reviewed_questions(review, record.map(|r| &r.file.response), Some(&now))
                }
                _ => Vec::new(),
            };
            if let Some(record) = record {
                response.responded = Some(record.file.sent);
                // The index, feed and statistics count the outcome as sent.
                let sent = record.file.response.pointer("/outcome/code").and_then(|c| c.as_str());
                if let Some(outcome) = sent.and_then(crate::response::Outcome::from_code) {
                    response.outcome = outcome;
                }
            }
            let unsent = record.is_none() && casebook.keeps_records && request.responded.is_some();
            responses.push(PublicResponse {
                response,
                markdown: record.map(|r| r.public.clone()),
                sent: record.map(|r| r.file.response.clone()),
                casebook: loaded.len(),
                publish: request.publish && (render_unsent || !unsent),
                name: request.file_name,
                review: request.review,
                complaint: request.commissioner,
                reviewed,
            });
        }
        loaded.push(casebook);
    }
    Ok((loaded, responses, findings))
}

/// A disclosure log made in memory: every file of the site, by path relative to its folder.
#[derive(Debug, Default)]
pub struct SiteFiles {
    /// The site's files, the index last.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// Responses published.
    pub published: usize,
    /// Every finding; when any is an error there are no files.
    pub findings: Vec<Finding>,
}

/// Makes the disclosure log of the casebooks `folders` (each casebook's files, and the
/// folder findings name it from) in memory, writing nothing: what `foi publish` writes, for
/// a front end that serves or uploads the files itself. `base_url` defaults to the first
/// casebook's `disclosure-log:`. No file is made when any request or casebook has errors: a
/// wrong answer must not reach the public.
///
/// ```
/// let files = foi::Files::memory([
///     ("foi.yaml", "authority:\n  name: Example Borough Council\n  jurisdiction: foia\n  \
///         address: [Town Hall, Exampleton, EX1 1AA]\n  foi-team: {name: FOI Team, email: foi@example.gov.uk}\n"),
///     ("contracts/calls.yaml", "part: contact-centre\ntitle: Call Handling\nsupplier: Example Supplier Ltd\n"),
///     ("requests/REQ-1.yaml", "reference: REQ-1\nreceived: 2024-01-10\nresponded: 2024-01-20\n\
///         requester: {name: Rosa Requester, email: rosa@example.com}\n\
///         publish: true\nparts: [{part: contact-centre, questions: [{number: 1, id: supplier}]}]\n"),
/// ]);
/// let today = foi::model::values::Date(chrono::NaiveDate::from_ymd_opt(2024, 2, 1).expect("a date"));
/// let made = foi::site::site(&[(files, "example".into())], None, false, today)?;
/// assert_eq!(made.published, 1);
/// let (_, page) = made.files.iter().find(|(path, _)| path.ends_with("REQ-1.html")).expect("its page");
/// let page = String::from_utf8_lossy(page);
/// assert!(page.contains("Example Supplier Ltd") && !page.contains("Rosa"));
/// # anyhow::Ok(())
/// ```
pub fn site(
    folders: &[(load::Files, PathBuf)],
    base_url: Option<&str>,
    render_unsent: bool,
    today: Date,
) -> anyhow::Result<SiteFiles> {
    let (loaded, responses, findings) = load_all(folders, today, render_unsent)?;
    let mut made = SiteFiles { findings, ..SiteFiles::default() };
    if made.findings.iter().any(|f| f.severity == Severity::Error) {
        return Ok(made);
    }
    let statistics = Statistics::of(responses.iter().map(PublicResponse::case), Period::default());
    let responses_meta = publishers(&loaded, &responses);
    let mut entries = Vec::new();
    for PublicResponse { response, markdown, sent, casebook, publish, name, review, complaint, reviewed } in
        responses
    {
        if !publish {
            continue;
        }
        let code = loaded[casebook]
            .authorities
            .iter()
            .find(|a| a.id == response.authority.id)
            .and_then(|a| a.code.as_ref());
        let authority_id = data::authority_id(code, &response.authority.name);
        entries.push(Entry {
            response,
            markdown,
            sent,
            name,
            casebook,
            authority_id,
            review,
            reviewed,
            complaint,
        });
    }
    // Newest first; the reference breaks ties so the order never depends on the file system.
    entries.sort_by(|a, b| {
        (b.response.received, &b.response.reference).cmp(&(a.response.received, &a.response.reference))
    });
    let given = base_url.or_else(|| loaded.first().and_then(|c| c.disclosure_log.as_deref()));
    let base_url = self::base_url(given)?;
    made.files = site_files(&loaded, &entries, &responses_meta, &statistics, base_url.as_deref())?;
    made.published = entries.len();
    Ok(made)
}

/// `foi publish`: writes the disclosure log of `options.casebooks` into `options.out`
/// (the files [`site()`] makes). Nothing is written when any request or casebook has errors.
pub fn publish(options: &PublishOptions) -> anyhow::Result<PublishSummary> {
    let folders = disk_folders(&options.casebooks)?;
    let made = site(&folders, options.base_url.as_deref(), options.render_unsent, options.today)?;
    let mut summary = PublishSummary { findings: made.findings, ..PublishSummary::default() };
    if summary.findings.iter().any(|f| f.severity == Severity::Error) {
        return Ok(summary);
    }
    let files = made.files;
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
    summary.published = made.published;
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

/// The files of the site, by path relative to its folder, made in memory: each response's
/// page and Markdown, the index, statistics and accessibility statement, the open data with
/// its Data Package, and the feed.
fn site_files(
    loaded: &[Casebook],
    entries: &[Entry],
    publishers: &[feed::Publisher],
    statistics: &Statistics,
    base_url: Option<&str>,
) -> anyhow::Result<Vec<(PathBuf, Vec<u8>)>> {
    let site = Site::new(loaded, base_url)?;
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let renderers: Vec<Renderer> = loaded.iter().map(|c| Renderer::new(Some(&c.files))).collect();
    for entry in entries {
        let renderer = &renderers[entry.casebook];
        let markdown = match &entry.markdown {
            Some(sent) => sent.clone(),
            None => renderer.markdown(&entry.response)?,
        };
        let html = renderer.site_page(&markdown, &site.response_context(entry, &markdown))?;
        files.push((PathBuf::from("responses").join(format!("{}.html", entry.name)), html.into_bytes()));
        files.push((PathBuf::from("responses").join(format!("{}.md", entry.name)), markdown.into_bytes()));
    }
    let Some(pages) = renderers.first() else {
        return Err(Error::NoCasebook("no casebook to publish".into()).into());
    };
    files.push(("stats.html".into(), pages.site_stats(&site.stats_context(statistics))?.into_bytes()));
    let changed = pages.site_overrides();
    files.push((
        "accessibility.html".into(),
        pages.site_accessibility(&site.accessibility_context(&changed))?.into_bytes(),
    ));
    let licence = &site.view.licence;
    let (questions_csv, questions_json) = data::QUESTIONS_FILES;
    let (requests_csv, requests_json) = data::REQUESTS_FILES;
    files.push((requests_csv.into(), data::requests_csv(entries, base_url).into_bytes()));
    files.push((requests_json.into(), data::requests_json(entries, licence, base_url)?.into_bytes()));
    files.push((questions_csv.into(), data::questions_csv(entries).into_bytes()));
    files.push((questions_json.into(), data::questions_json(entries, licence)?.into_bytes()));
    let package =
        data::Package { title: &site.view.title, licence, base_url, publishers: site.publishers(loaded) };
    files.push((data::PACKAGE_FILE.into(), data::package(&package)?.into_bytes()));
    let rights = format!("Published under the {} ({})", licence.title, licence.url);
    files.push((
        "feed.atom".into(),
        feed::atom(entries, &site.view.title, &feed::feed_id(publishers), &rights, base_url).into_bytes(),
    ));
    // The index last: whenever a reader fetches it, every page it links is already there.
    files.push((
        "index.html".into(),
        pages.site_index(&site.index_context(entries, statistics))?.into_bytes(),
    ));
    Ok(files)
}

/// The site's address without a trailing `/`. It goes into links and the feed, so only an
/// absolute web address will do.
fn base_url(given: Option<&str>) -> anyhow::Result<Option<String>> {
    let Some(given) = given else { return Ok(None) };
    let base = given.trim().trim_end_matches('/');
    let plain = !base
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\'' | '`'));
    let web =
        ["https://", "http://"].iter().any(|s| base.strip_prefix(s).is_some_and(|rest| !rest.is_empty()));
    if !(plain && web) {
        return Err(Error::Unusable(format!(
            "--base-url `{given}` is not a web address: give the site's full address, e.g. https://foi.example.gov.uk/log"
        ))
        .into());
    }
    Ok(Some(base.to_owned()))
}

/// Whether `url` is an absolute `http(s)` address that can go into a link as it is.
fn is_web_address(url: &str) -> bool {
    let plain = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\'' | '`'));
    plain && ["https://", "http://"].iter().any(|s| url.strip_prefix(s).is_some_and(|rest| !rest.is_empty()))
}

/// Every authority of the casebooks with the earliest day one of its requests was received,
/// for the feed's id.
fn publishers<'a>(casebooks: &'a [Casebook], responses: &[PublicResponse]) -> Vec<feed::Publisher<'a>> {
    let mut out = Vec::new();
    for (index, casebook) in casebooks.iter().enumerate() {
        for authority in &casebook.authorities {
            let first_received = responses
                .iter()
                .filter(|r| r.casebook == index && r.response.authority.id == authority.id)
                .map(|r| r.response.received)
                .min();
            out.push(feed::Publisher { email: &authority.foi_team.email, first_received });
        }
    }
    out
}

/// The site as a whole, as every page's template sees it (`site`).
#[derive(Serialize)]
struct SiteView {
    /// `Disclosure log: Hastings Borough Council`.
    title: String,
    /// Who publishes the log, when one body does: the authority, or the shared service.
    publisher: Option<String>,
    /// The publisher's website.
    website: Option<String>,
    /// The licence of the site and its open data.
    licence: Licence,
    /// Every authority's FOI team.
    contacts: Vec<Contact>,
    /// The address the site is served from, without a trailing `/`.
    base_url: Option<String>,
    /// The version of foi that built the site.
    foi_version: &'static str,
}

/// An authority's FOI team, as the footer and the accessibility statement give it.
#[derive(Serialize)]
struct Contact {
    authority: String,
    team: String,
    email: String,
}

/// The site as a whole: what every page shows, and the contexts of its own pages.
struct Site {
    view: SiteView,
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

/// The later stages of a response, for its page: the internal review and the complaint
/// to the Commissioner, as the request file records them. Dates, outcomes and public
/// answers only: never the requester, the reasons as written to them, or a withheld value.
#[derive(Serialize)]
struct Later<'a> {
    review: Option<ReviewPage<'a>>,
    complaint: Option<ComplaintPage>,
}

#[derive(Serialize)]
struct ReviewPage<'a> {
    requested: String,
    decided: Option<String>,
    /// `upheld`, `upheld-in-part` or `overturned`, once decided.
    outcome: Option<&'static str>,
    questions: &'a [crate::response::ReviewedQuestionView],
    /// Whether the request has more than one part, so questions name their part.
    several_parts: bool,
    /// Whether the review released anything.
    released: bool,
    /// Whether the letter on the page is the reply as sent (from its record), rather than
    /// today's rendering, which gives the answers as the review left them.
    as_sent: bool,
}

#[derive(Serialize)]
struct ComplaintPage {
    complained: String,
    notice: Option<NoticePage>,
}

#[derive(Serialize)]
struct NoticePage {
    reference: String,
    date: String,
    /// `upheld`, `partly-upheld` or `not-upheld`.
    outcome: &'static str,
    /// Whether it required steps.
    steps: bool,
    complied: Option<String>,
}

impl<'a> Later<'a> {
    fn of(entry: &'a Entry) -> Self {
        let review = entry.review.as_ref().map(|review| ReviewPage {
            requested: review.requested.to_string(),
            decided: review.decided.map(|d| d.to_string()),
            outcome: review.decided.and(review.outcome).map(crate::model::ReviewOutcome::as_str),
            questions: &entry.reviewed,
            several_parts: entry.response.parts.len() > 1,
            released: entry.reviewed.iter().flat_map(|q| &q.answers).any(|a| a.released),
            as_sent: entry.markdown.is_some(),
        });
        let complaint = entry.complaint.as_ref().map(|complaint| ComplaintPage {
            complained: complaint.complained.to_string(),
            notice: complaint.decision.as_ref().map(|notice| NoticePage {
                reference: notice.reference.clone(),
                date: notice.date.to_string(),
                outcome: notice.outcome.as_str(),
                steps: notice.steps_due.is_some(),
                complied: notice.complied.map(|d| d.to_string()),
            }),
        });
        Self { review, complaint }
    }
}

/// The facts of a response, for the summary box on its page.
#[derive(Serialize)]
struct Summary<'a> {
    reference: &'a str,
    title: &'a str,
    authority: &'a str,
    shared_service: Option<&'a str>,
    received: String,
    clarification: Option<String>,
    due: String,
    extended_due: Option<String>,
    responded: Option<String>,
    on_time: Option<bool>,
    outcome: &'static str,
    refusal: Option<String>,
    exemptions: Vec<String>,
    regulator: &'a str,
    review_anchor: Option<String>,
    review_heading: &'static str,
    markdown: String,
}

impl Site {
    fn new(casebooks: &[Casebook], base_url: Option<&str>) -> anyhow::Result<Self> {
        let shared = casebooks.iter().find_map(|c| c.shared_service.as_ref());
        let authorities: Vec<&crate::casebook::Authority> =
            casebooks.iter().flat_map(|c| &c.authorities).collect();
        let title = match (casebooks.len(), shared, authorities.as_slice()) {
            (1, Some(shared), _) => format!("Disclosure log: {}", shared.name),
            (_, _, [one]) => format!("Disclosure log: {}", one.name),
            _ => "Disclosure log".to_owned(),
        };
        let (publisher, website) = match (casebooks.len(), shared, authorities.as_slice()) {
            (1, Some(shared), _) => (Some(shared.name.clone()), shared.website.clone()),
            (_, _, [one]) => (Some(one.name.clone()), one.website.clone()),
            _ => (None, None),
        };
        // `foi check` warns of a website that is not a web address; it is not linked.
        let website = website.filter(|url| is_web_address(url));
        // One site, one licence: the first casebook's (`foi check` refuses casebooks
        // published together that give different ones).
        let licence =
            casebooks.first().and_then(|c| c.licence.clone()).unwrap_or_else(Licence::open_government);
        let mut contacts: Vec<Contact> = Vec::new();
        for authority in &authorities {
            if !contacts.iter().any(|c| c.authority == authority.name && c.email == authority.foi_team.email)
            {
                contacts.push(Contact {
                    authority: authority.name.clone(),
                    team: authority.foi_team.name.clone(),
                    email: authority.foi_team.email.clone(),
                });
            }
        }
        Ok(Self {
            view: SiteView {
                title,
                publisher,
                website,
                licence,
                contacts,
                base_url: base_url.map(str::to_owned),
                foi_version: env!("CARGO_PKG_VERSION"),
            },
        })
    }

    /// Who publishes, for the Data Package: the shared service or the authorities.
    fn publishers<'a>(&self, casebooks: &'a [Casebook]) -> Vec<(&'a str, Option<&'a str>)> {
        let mut out: Vec<(&str, Option<&str>)> = Vec::new();
        for casebook in casebooks {
            // `foi check` warns of a website that is not a web address; it is not linked.
            let link = |website: &'a Option<String>| website.as_deref().filter(|url| is_web_address(url));
            match &casebook.shared_service {
                Some(shared) => out.push((&shared.name, link(&shared.website))),
                None => out.extend(casebook.authorities.iter().map(|a| (a.name.as_str(), link(&a.website)))),
            }
        }
        out.dedup();
        out
    }

    fn site(&self) -> minijinja::Value {
        minijinja::Value::from(minijinja::value::Serde(&self.view))
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
                // A sent reply's as its record gives them.
                exemptions: match &e.sent {
                    Some(sent) => sent
                        .get("exemptions")
                        .and_then(serde_json::Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(|x| x.get("citation").and_then(serde_json::Value::as_str))
                        .fold(Vec::new(), |mut list, citation| {
                            if !list.contains(&citation) {
                                list.push(citation);
                            }
                            list
                        }),
                    None => e.response.notices.iter().fold(Vec::new(), |mut list, n| {
                        if !list.contains(&n.exemption.citation.as_str()) {
                            list.push(n.exemption.citation.as_str());
                        }
                        list
                    }),
                },
            })
            .collect();
        let several = entries
            .iter()
            .map(|e| &e.response.authority.name)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
            > 1;
        minijinja::context! {
            site => self.site(),
            current => "index.html",
            root => "",
            title => &self.view.title,
            rows => minijinja::Value::from(minijinja::value::Serde(&rows)),
            several_authorities => several,
            total => statistics.overall.requests,
        }
    }

    fn stats_context(&self, statistics: &Statistics) -> minijinja::Value {
        minijinja::context! {
            site => self.site(),
            current => "stats.html",
            root => "",
            title => &self.view.title,
            statistics => minijinja::Value::from(minijinja::value::Serde(statistics)),
            page => minijinja::Value::from(minijinja::value::Serde(&stats_page::StatsPage::of(statistics))),
        }
    }

    fn accessibility_context(&self, changed: &[&str]) -> minijinja::Value {
        minijinja::context! {
            site => self.site(),
            current => "accessibility.html",
            root => "",
            title => &self.view.title,
            changed => changed.iter().map(|n| (*n).to_owned()).collect::<Vec<String>>(),
        }
    }

    fn response_context(&self, entry: &Entry, markdown: &str) -> minijinja::Value {
        let response = &entry.response;
        // The letter's rights section, when the casebook's templates kept its heading.
        let heading = response.jurisdiction.act().review_heading.as_str();
        let anchor = heading.to_lowercase().replace(' ', "-");
        let summary = Summary {
            reference: &response.reference,
            title: &response.title,
            authority: &response.authority.name,
            shared_service: response.authority.shared_service.as_deref(),
            received: response.received.to_string(),
            clarification: response.clarification.map(|d| d.to_string()),
            due: response.due.to_string(),
            extended_due: response.extension.as_ref().map(|e| e.due.to_string()),
            responded: response.responded.map(|d| d.to_string()),
            on_time: stats::answered_in_time(response),
            outcome: response.outcome.label(),
            refusal: response
                .refusal
                .as_ref()
                .map(|r| format!("{}: {}", r.exemption.citation, r.exemption.title)),
            exemptions: response
                .notices
                .iter()
                .map(|n| format!("{}: {}", n.exemption.citation, n.exemption.title))
                .collect(),
            regulator: &response.act.regulator.short,
            review_anchor: markdown.contains(&format!("\n## {heading}\n")).then_some(anchor),
            review_heading: heading,
            markdown: format!("{}.md", entry.name),
        };
        minijinja::context! {
            site => self.site(),
            current => "",
            root => minijinja::Value::from_safe_string("../".to_owned()),
            summary => minijinja::Value::from(minijinja::value::Serde(&summary)),
            later => minijinja::Value::from(minijinja::value::Serde(&Later::of(entry))),
        }
    }
}

/// `foi stats`: the statistics of the casebooks' requests, reviews and complaints in
/// `period`. Fails with the findings when a casebook has errors.
pub fn statistics(
    casebooks: &[PathBuf],
    today: Date,
    period: Period,
) -> anyhow::Result<(Statistics, Vec<Finding>)> {
    let (_, responses, findings) = load_all(&disk_folders(casebooks)?, today, true)?;
    Ok((Statistics::of(responses.iter().map(PublicResponse::case), period), findings))
}
