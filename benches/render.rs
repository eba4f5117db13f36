//! Benchmark: one response rendered to Markdown, HTML, plain text and JSON (and, for
//! reference, as a Word document).
//!
//! Target: under 0.2 ms per response for all four formats together on the project's 2-core
//! machine, with the template environment built once (as batch rendering does). Two figures:
//! with the section cache warm (letters of a casebook repeat their notices and rights), and
//! with every section converted afresh.
//!
//!     cargo bench --bench render
//!
//! Under `cargo test` (no `--bench` argument) it runs a few iterations only, as a smoke test.
//! `FOI_BENCH_ITERATIONS=N` sets the count (useful with `perf stat -e instructions`, which
//! gives figures that do not depend on what else the machine is doing).

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use foi::render::{OutputFormat, Renderer};
use foi::{Audience, Response};

// The same allocator as the `foi` binary, so the figures are the ones users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The formats made from the Markdown and the response, which the target covers (the PDF
/// has its own benchmark, `benches/pdf.rs`).
fn formats() -> Vec<OutputFormat> {
    ["md", "html", "txt", "json"].into_iter().filter_map(OutputFormat::named).collect()
}

fn measure(label: &str, iterations: u32, mut f: impl FnMut()) -> Duration {
    for _ in 0..iterations.min(100) {
        f();
    }
    let start = Instant::now();
    for _ in 0..iterations {
        f();
    }
    let each = start.elapsed() / iterations;
    println!("{label:<36} {:>8.1} µs per response", each.as_secs_f64() * 1e6);
    each
}

/// A fixed "today" after every example's dates, so the benchmark never reads the clock.
fn today() -> foi::model::values::Date {
    foi::model::values::Date(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date"))
}

fn main() {
    let full = std::env::args().any(|arg| arg == "--bench");
    let iterations = std::env::var("FOI_BENCH_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(if full { 20_000 } else { 20 });
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for request in
        ["hastings/requests/FOIR-467737865.yaml", "national-archives/requests/CAS-84648-H4L3X0.yaml"]
    {
        let (casebook, response, _): (_, Response, _) =
            foi::respond(&root.join(request), Audience::Requester, today()).expect("example loads");
        let renderer = Renderer::new(Some(&casebook.files));
        println!("{request}");
        let formats = formats();
        for &format in &formats {
            measure(&format!("  {}", format.extension), iterations, || {
                black_box(renderer.render(black_box(&response), format).expect("renders"));
            });
        }
        let all = measure("  md + html + txt + json", iterations, || {
            black_box(renderer.render_all(black_box(&response), &formats).expect("renders"));
        });
        // Every section converted afresh: what a response costs when nothing of it has been
        // seen before (the figure above is what a batch of similar letters costs).
        measure("  md + html + txt + json, uncached", iterations, || {
            renderer.forget_sections();
            black_box(renderer.render_all(black_box(&response), &formats).expect("renders"));
        });
        if full && all > Duration::from_micros(200) {
            println!("  over the 0.2 ms target");
        }
        // The Word letter (outside the target): the Markdown, the package and its deflate.
        measure("  docx", (iterations / 20).max(1), || {
            black_box(renderer.docx(black_box(&response)).expect("renders"));
        });
    }
}
