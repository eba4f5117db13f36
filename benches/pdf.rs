//! Benchmark: PDF letters made in one process with the fonts loaded once.
//!
//! Two measures:
//!
//! - 200 letters from the example casebooks, each with its own reference, so no two letters
//!   are the same document: one after another on one core, then shared among the cores.
//!   Target: under 5 ms per PDF on the project's 2-core machine.
//! - A batch of 10,000 copies of the Hastings request (each with its own reference and
//!   requester), rendered as `foi render DIR -o OUT --format pdf` renders them, on 2
//!   threads: milliseconds per letter and the process's peak memory while it runs. Targets:
//!   under 5 ms a letter, peak under 300 MB. Before the fix, a batch this size aborted with a
//!   stack overflow (issue 11).
//!
//!     cargo bench --bench pdf
//!
//! Under `cargo test` (no `--bench` argument) each part makes a few letters only, as a smoke
//! test. `FOI_BENCH_PDFS=N` sets the size of the first part, `FOI_BENCH_BATCH_PDFS=N` that of
//! the batch. The batch writes its 10,000 files (640 MB) into the system's temporary folder:
//! `TMPDIR=/dev/shm` keeps the disk out of the figure (on a disk that has just deleted many
//! files, creating them can add a third).

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use foi::batch::{self, BatchOptions, Silent};
use foi::render::{OutputFormat, Renderer};
use foi::{Audience, Response};

// The same allocator as the `foi` binary, so the figures are the ones users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXAMPLES: &[&str] = &[
    "hastings/requests/FOIR-467737865.yaml",
    "national-archives/requests/CAS-84648-H4L3X0.yaml",
    "shared-service/requests/MBC-2023-0412.yaml",
    "shared-service/requests/SBC-FOI-1187.yaml",
    "shared-service/requests/TWBC-23-0977.yaml",
];

/// A fixed date after every example request.
fn today() -> foi::model::values::Date {
    foi::model::values::Date(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date"))
}

fn main() {
    let full = std::env::args().any(|arg| arg == "--bench");
    let count: usize = std::env::var("FOI_BENCH_PDFS").ok().and_then(|n| n.parse().ok()).unwrap_or(if full {
        200
    } else {
        5
    });
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let examples: Vec<(Renderer, Response)> = EXAMPLES
        .iter()
        .map(|request| {
            let (casebook, response, _) =
                foi::respond(&root.join(request), Audience::Requester, today()).expect("example loads");
            (Renderer::new(Some(&casebook.files)), response)
        })
        .collect();
    let batch: Vec<(&Renderer, Response)> = (0..count)
        .map(|i| {
            let (renderer, response) = &examples[i % examples.len()];
            let mut response = response.clone();
            response.reference = format!("{}-{i:03}", response.reference);
            (renderer, response)
        })
        .collect();

    let start = Instant::now();
    foi::render::pdf::warm_up();
    let warm_up = start.elapsed();

    // One letter after another on this thread.
    let start = Instant::now();
    let cpu = cpu_time();
    let bytes: usize = batch.iter().map(|(renderer, response)| pdf(renderer, response)).sum();
    let elapsed = start.elapsed();
    let cpu = cpu.zip(cpu_time()).map(|(before, after)| after.saturating_sub(before));

    // The same batch shared among the machine's cores, as batch rendering can.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let start = Instant::now();
    std::thread::scope(|scope| {
        for chunk in batch.chunks(count.div_ceil(threads).max(1)) {
            scope.spawn(move || {
                chunk.iter().map(|(renderer, response)| pdf(renderer, response)).sum::<usize>()
            });
        }
    });
    let parallel = start.elapsed();

    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let each = ms(elapsed) / count as f64;
    println!("fonts and library, once           {:>9.1} ms", ms(warm_up));
    println!(
        "{count} PDFs, one by one            {:>9.1} ms ({} KiB each on average)",
        ms(elapsed),
        bytes / count.max(1) / 1024
    );
    println!("  per PDF                         {each:>9.2} ms");
    if let Some(cpu) = cpu {
        println!("  per PDF, CPU time               {:>9.2} ms", ms(cpu) / count as f64);
    }
    println!("{count} PDFs on {threads} threads           {:>9.1} ms", ms(parallel));
    println!("  per PDF                         {:>9.2} ms", ms(parallel) / count as f64);
    if full && each > 5.0 {
        println!("one by one, over the 5 ms target (wall clock)");
    }
    let letters = std::env::var("FOI_BENCH_BATCH_PDFS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(if full { 10_000 } else { 20 });
    big_batch(letters, full);
}

/// The batch: `letters` copies of the Hastings request through [`batch::run`] on 2 threads.
fn big_batch(letters: usize, full: bool) {
    // Two threads, as on the project's machine, whatever this one has.
    let _ = rayon::ThreadPoolBuilder::new().num_threads(2).build_global();
    let dir = tempfile::tempdir().expect("temporary folder");
    let casebook = dir.path().join("casebook");
    copies_of_hastings(&casebook, letters);
    let options = BatchOptions {
        paths: vec![casebook],
        out: dir.path().join("out"),
        formats: OutputFormat::named("pdf").into_iter().collect(),
        letters: vec![foi::LetterKind::RESPONSE],
        layout: None,
        include_private: false,
        today: today(),
    };
    let before = reset_peak_memory();
    let start = Instant::now();
    let summary = batch::run(&options, &Silent).expect("the batch runs");
    let elapsed = start.elapsed();
    assert_eq!((summary.rendered, summary.failed), (letters, 0), "{:#?}", summary.findings);
    let each = elapsed.as_secs_f64() * 1e3 / letters as f64;
    println!(
        "{letters} PDFs in one batch on {} threads {:>9.1} ms",
        rayon::current_num_threads(),
        elapsed.as_secs_f64() * 1e3
    );
    println!("  per PDF                         {each:>9.2} ms");
    match (before, peak_memory()) {
        (Some(before), Some(peak)) => {
            println!(
                "  peak memory                     {:>9.1} MB (at the start {:.1} MB)",
                mb(peak),
                mb(before)
            );
            if full && mb(peak) > 300.0 {
                println!("over the 300 MB target");
            }
        }
        _ => println!("  peak memory                     (not measured: needs Linux's /proc)"),
    }
    if full && each > 5.0 {
        println!("in one batch, over the 5 ms target (wall clock)");
    }
}

/// A copy of the Hastings casebook whose requests are `letters` copies of its request,
/// each with its own reference and requester.
fn copies_of_hastings(casebook: &Path, letters: usize) {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hastings");
    std::fs::create_dir_all(casebook.join("contracts")).expect("contracts folder");
    std::fs::create_dir_all(casebook.join("requests")).expect("requests folder");
    std::fs::copy(example.join("foi.yaml"), casebook.join("foi.yaml")).expect("foi.yaml");
    for contract in ["contact-centre-software", "ivr"] {
        let name = format!("{contract}.yaml");
        std::fs::copy(example.join("contracts").join(&name), casebook.join("contracts").join(&name))
            .expect("contract");
    }
    let request =
        std::fs::read_to_string(example.join("requests/FOIR-467737865.yaml")).expect("the Hastings request");
    for n in 0..letters {
        let copy = request
            .replace("reference: FOIR-467737865", &format!("reference: FOIR-{n:05}"))
            .replace("Morgan Ellery", &format!("Requester {n}"));
        std::fs::write(casebook.join("requests").join(format!("FOIR-{n:05}.yaml")), copy).expect("request");
    }
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Resets Linux's record of this process's peak resident memory to what it uses now, and
/// returns that (none elsewhere).
fn reset_peak_memory() -> Option<u64> {
    std::fs::write("/proc/self/clear_refs", "5").ok()?;
    status_kib("VmRSS:").map(|kib| kib * 1024)
}

/// The process's peak resident memory since the last reset, from Linux's /proc.
fn peak_memory() -> Option<u64> {
    status_kib("VmHWM:").map(|kib| kib * 1024)
}

fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    line[field.len()..].trim().trim_end_matches("kB").trim().parse().ok()
}

fn pdf(renderer: &Renderer, response: &Response) -> usize {
    black_box(renderer.pdf(black_box(response)).expect("renders")).len()
}

/// CPU time this thread has used, from Linux's schedstat (none elsewhere). Unlike the wall
/// clock it leaves out time spent waiting while other work runs on the machine.
fn cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(text.split_whitespace().next()?.parse().ok()?))
}
