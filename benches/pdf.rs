//! Benchmark: a batch of 200 PDF letters, made in one process with the fonts loaded once.
//!
//! Target: under 5 ms per PDF on the project's 2-core machine, one letter after another on
//! one core (as `foi render --format pdf` does for each response of a batch).
//!
//!     cargo bench --bench pdf
//!
//! The 200 responses come from the example casebooks, each with its own reference, so no
//! two letters are the same document. Under `cargo test` (no `--bench` argument) it makes a
//! few letters only, as a smoke test. `FOI_BENCH_PDFS=N` sets the batch size.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use foi::render::Renderer;
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
            (Renderer::new(Some(&casebook.root)), response)
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
