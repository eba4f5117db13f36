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
use std::time::Instant;

use foi::render::Renderer;
use foi::{Audience, Response};

const EXAMPLES: &[&str] = &[
    "hastings/requests/FOIR-467737865.yaml",
    "national-archives/requests/CAS-84648-H4L3X0.yaml",
    "shared-service/requests/MBC-2023-0412.yaml",
    "shared-service/requests/SBC-FOI-1187.yaml",
    "shared-service/requests/TWBC-23-0977.yaml",
];

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
                foi::respond(&root.join(request), Audience::Requester).expect("example loads");
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

    let start = Instant::now();
    let mut bytes = 0;
    for (renderer, response) in &batch {
        bytes += black_box(renderer.pdf(black_box(response)).expect("renders")).len();
    }
    let elapsed = start.elapsed();
    let each = elapsed.as_secs_f64() * 1e3 / count as f64;
    println!("fonts and library, once          {:>8.1} ms", warm_up.as_secs_f64() * 1e3);
    println!("{count} PDFs                          {:>8.1} ms", elapsed.as_secs_f64() * 1e3);
    println!(
        "per PDF                          {each:>8.2} ms ({} KiB on average)",
        bytes / count.max(1) / 1024
    );
    if full && each > 5.0 {
        println!("over the 5 ms target");
    }
}
