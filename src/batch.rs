//! Rendering many requests at once: `foi render PATH… -o OUT_DIR`.
//!
//! Owns finding the requests (files, a casebook's `requests/`, or a folder of casebooks),
//! grouping them by casebook so each casebook is loaded and checked once, rendering them in
//! parallel, and naming the output files from the request references so that nothing is
//! written outside the output folder. A request that fails is reported with the others and
//! nothing is written for it. Files whose bytes would not change are left alone (same
//! mtime), so repeated runs in CI change nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::casebook::{Casebook, Request};
use crate::error::Error;
use crate::letters::LetterKind;
use crate::load;
use crate::render::{OutputFormat, Renderer};
use crate::report::{Finding, Severity};
use crate::rules::{self, Audience};
use crate::source::SourceFile;
use crate::{validate, write};

/// What a batch was asked to do.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Request files, casebook folders or folders of casebooks.
    pub paths: Vec<PathBuf>,
    /// The output folder.
    pub out: PathBuf,
    /// The formats to write for each request.
    pub formats: Vec<OutputFormat>,
    /// The letters to write for each request, where it records their stage: the response
    /// as `REFERENCE.EXT`, every other letter as `REFERENCE.KIND.EXT`.
    pub letters: Vec<LetterKind>,
    /// Override every request's layout.
    pub layout: Option<crate::model::Layout>,
    /// JSON only: include the requester's identity.
    pub include_private: bool,
    /// Today's date: no date in a request may be later.
    pub today: crate::model::values::Date,
}

/// How a batch went.
#[derive(Debug, Default)]
pub struct BatchSummary {
    /// Requests whose files were written.
    pub rendered: usize,
    /// Requests whose files were all unchanged, so left alone.
    pub unchanged: usize,
    /// Requests that could not be rendered.
    pub failed: usize,
    /// Of the failed, those whose files could not be written (a full disk, no permission).
    pub unwritten: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Every finding, errors and warnings, for the failed and the rendered.
    pub findings: Vec<Finding>,
}

impl BatchSummary {
    /// One line: `12 requests: 10 rendered, 1 unchanged, 1 failed in 0.08 s`.
    pub fn line(&self) -> String {
        let total = self.rendered + self.unchanged + self.failed;
        format!(
            "{total} request{}: {} rendered, {} unchanged, {} failed in {:.2} s",
            if total == 1 { "" } else { "s" },
            self.rendered,
            self.unchanged,
            self.failed,
            self.elapsed.as_secs_f64()
        )
    }
}

/// Reports progress as requests finish; the CLI shows it as a progress bar.
pub trait Progress: Sync {
    /// The number of requests found.
    fn start(&self, total: usize);
    /// One more request done.
    fn advance(&self);
}

/// No progress display.
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: usize) {}
    fn advance(&self) {}
}

/// Renders every request found under `options.paths` into `options.out`.
pub fn run(options: &BatchOptions, progress: &dyn Progress) -> anyhow::Result<BatchSummary> {
    let started = Instant::now();
    let requests = collect(&options.paths)?;
    progress.start(requests.len());
    let mut by_casebook: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    // Requests in one folder share a casebook: find it once per folder.
    let mut roots: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    for path in requests {
        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let root = match roots.get(&folder) {
            Some(root) => root.clone(),
            None => {
                let root = load::find_root(&path).map_err(|err| Error::NoCasebook(format!("{err:#}")))?;
                roots.insert(folder, root.clone());
                root
            }
        };
        by_casebook.entry(root).or_default().push(path);
    }
    let folders = output_folders(&options.out, by_casebook.keys());
    let mut summary = BatchSummary::default();
    for (root, paths) in &by_casebook {
        let out = &folders[root];
        // A casebook's subfolder is never a link: files written through one would land
        // outside the output folder. Temporary files a killed run left are cleared.
        let relative = out.strip_prefix(&options.out).unwrap_or(Path::new(""));
        write::folder::subfolder(&options.out, relative)?;
        write::folder::remove_abandoned(out);
        casebook(root, paths, out, options, progress, &mut summary);
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// The request files named by `paths`: files as given; a casebook folder's `requests/`;
/// a folder of request files; or the casebooks one level inside a folder. Sorted, without
/// repeats.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut found = BTreeSet::new();
    for path in paths {
        if path.is_file() {
            found.insert(path.clone());
            continue;
        }
        if !path.is_dir() {
            return Err(Error::NotFound(format!("no request file or folder at {}", path.display())));
        }
        // Absolute from here, so each file's path within its casebook is found without
        // resolving it again, and one folder named two ways is listed once.
        let path = &std::fs::canonicalize(path)
            .map_err(|err| Error::NotFound(format!("cannot open folder {}: {err}", path.display())))?;
        let listed = |dir: &Path| {
            load::yaml_paths(dir)
                .map_err(|err| Error::Unusable(format!("cannot list {}: {err}", dir.display())))
        };
        if path.join(load::PROFILE).is_file() {
            found.extend(listed(&path.join("requests"))?);
            continue;
        }
        let files = listed(path)?;
        if !files.is_empty() {
            found.extend(files);
            continue;
        }
        let mut casebooks = 0;
        let entries = std::fs::read_dir(path)
            .map_err(|err| Error::Unusable(format!("cannot list {}: {err}", path.display())))?;
        let mut dirs: Vec<PathBuf> =
            entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()).collect();
        dirs.sort();
        for dir in dirs {
            if dir.join(load::PROFILE).is_file() {
                casebooks += 1;
                found.extend(listed(&dir.join("requests"))?);
            }
        }
        if casebooks == 0 {
            return Err(Error::NotFound(format!(
                "{} holds no request files and no casebooks (folders with {})",
                path.display(),
                load::PROFILE
            )));
        }
    }
    Ok(found.into_iter().collect())
}

/// Where each casebook's files go: the output folder itself for one casebook, else a
/// subfolder named after the casebook's folder.
fn output_folders<'a>(out: &Path, roots: impl Iterator<Item = &'a PathBuf>) -> BTreeMap<PathBuf, PathBuf> {
    let roots: Vec<&PathBuf> = roots.collect();
    if roots.len() == 1 {
        return roots.into_iter().map(|root| (root.clone(), out.to_path_buf())).collect();
    }
    let mut used = BTreeSet::new();
    roots
        .into_iter()
        .map(|root| {
            let base = root
                .file_name()
                .map(|n| {
                    validate::reference::sanitise(&n.to_string_lossy()).chars().take(120).collect::<String>()
                })
                .unwrap_or_default();
            let base = if base.is_empty() { "casebook".to_owned() } else { base };
            let mut name = base.clone();
            let mut n = 1;
            while !used.insert(name.clone()) {
                n += 1;
                name = format!("{base}-{n}");
            }
            (root.clone(), out.join(name))
        })
        .collect()
}

/// One casebook: open it once (every file and request checked, see [`crate::open()`]),
/// then render in parallel every request asked for that has no errors.
fn casebook(
    root: &Path,
    paths: &[PathBuf],
    out: &Path,
    options: &BatchOptions,
    progress: &dyn Progress,
    summary: &mut BatchSummary,
) {
    let files = load::Files::disk(root.to_path_buf());
    let mut opened = crate::open::open_with(&files, paths, options.today);
    let asked: BTreeSet<PathBuf> = paths.iter().map(|path| load::relative(root, path)).collect();
    summary.findings.extend(opened.findings_for(&asked.iter().map(PathBuf::as_path).collect()));
    let Some(casebook) = opened.casebook.take() else {
        // Every request of a broken casebook fails: its own findings say why.
        summary.failed += paths.len();
        paths.iter().for_each(|_| progress.advance());
        return;
    };
    let mut ready = Vec::new();
    for entry in opened.requests.into_iter().filter(|entry| asked.contains(&entry.file)) {
        match entry.request {
            Some(request) => ready.push(request),
            None => {
                summary.failed += 1;
                progress.advance();
            }
        }
    }
    let renderer = Renderer::new(Some(&files));
    let outcomes: Vec<anyhow::Result<bool>> = on_letter_threads(&ready, |request| {
        let outcome = render_one(&casebook, &renderer, request, &request.file_name, out, options);
        progress.advance();
        outcome
    });
    for (outcome, request) in outcomes.into_iter().zip(&ready) {
        match outcome {
            Ok(true) => summary.rendered += 1,
            Ok(false) => summary.unchanged += 1,
            Err(err) => {
                summary.failed += 1;
                if err.downcast_ref::<crate::write::NotWritten>().is_some() {
                    summary.unwritten += 1;
                }
                summary.findings.push(whole_file(&request.file, format!("cannot render: {err:#}")));
            }
        }
    }
}

/// Runs `work` on every item on plain threads, one per core (as many as rayon's pool has,
/// so `RAYON_NUM_THREADS` sets both), each taking the next item when it is free. Results
/// come back in the items' order.
///
/// Not on rayon's pool: Typst's PDF writer (krilla) hands parts of each letter to rayon and,
/// while it waits for them on a rayon worker, runs whatever job that pool has queued next on
/// the same stack, and in a batch that is the next letter. Letters then nest one inside
/// another's wait until the stack overflows (about 160 letters on one thread). On a plain
/// thread the writer only waits, and its parts run on rayon's pool, which holds nothing else.
fn on_letter_threads<T: Sync, U: Send>(items: &[T], work: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let threads = rayon::current_num_threads().clamp(1, items.len().max(1));
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, U)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                std::thread::Builder::new().stack_size(LETTER_STACK).spawn_scoped(scope, || {
                    let mut done = Vec::new();
                    loop {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(at) else { break };
                        done.push((at, work(item)));
                    }
                    done
                })
            })
            .collect();
        // A thread that cannot be started leaves its share to the others; a panic in one is
        // a bug, passed on as it is.
        let mut done: Vec<(usize, U)> = Vec::new();
        for worker in workers.into_iter().flatten() {
            match worker.join() {
                Ok(more) => done.extend(more),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        done
    });
    // Items no thread reached (every spawn failed): do them here.
    let reached: BTreeSet<usize> = done.iter().map(|(at, _)| *at).collect();
    for (at, item) in items.iter().enumerate().filter(|(at, _)| !reached.contains(at)) {
        done.push((at, work(item)));
    }
    done.sort_by_key(|(at, _)| *at);
    done.into_iter().map(|(_, outcome)| outcome).collect()
}

/// The stack of a letter thread: the main thread's usual 8 MiB, so a letter rendered in a
/// batch has the room it has when rendered alone (Typst evaluates templates recursively).
const LETTER_STACK: usize = 8 * 1024 * 1024;

/// Renders one request in every format and writes the files that changed. `Ok(false)` when
/// every file was already up to date.
fn render_one(
    casebook: &Casebook,
    renderer: &Renderer,
    request: &Request,
    name: &str,
    out: &Path,
    options: &BatchOptions,
) -> anyhow::Result<bool> {
    let mut changed = false;
    // Each audience's response is resolved once, for every format addressed to it (the
    // requester's letters; data formats without the requester unless asked).
    for audience in [Audience::Requester, Audience::Public] {
        let formats: Vec<OutputFormat> = options
            .formats
            .iter()
            .copied()
            .filter(|format| format.audience(options.include_private) == audience)
            .collect();
        if formats.is_empty() {
            continue;
        }
        for &kind in options.letters.iter().filter(|kind| rules::recorded(request, **kind)) {
            let mut response = rules::letter(casebook, request, audience, kind)?;
            if let Some(layout) = options.layout {
                response.layout = layout;
            }
            // The response keeps the names it always had; the other letters sit beside it.
            let stem =
                if kind == LetterKind::RESPONSE { name.to_owned() } else { format!("{name}.{}", kind.id) };
            for (format, document) in renderer.documents(&response, &formats)? {
                let file = out.join(format!("{stem}.{}", format.extension));
                changed |= write::if_changed(&file, document.as_bytes())?;
            }
        }
    }
    Ok(changed)
}

fn whole_file(file: &Path, message: String) -> Finding {
    Finding::at_path(
        Severity::Error,
        &SourceFile::new(file.to_path_buf(), String::new()),
        String::new(),
        crate::source::Location { line: 1, column: 1 },
        message,
    )
}
