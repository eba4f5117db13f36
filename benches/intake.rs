//! How long `foi intake` takes to read one request text (the target is under 2 ms), and
//! how that grows with the length of the text: time per KB at two sizes, which stays
//! about the same when the work is linear (issue 20; issue 11 found 64k numbered lines
//! taking 13 s).
//!
//! A plain timing loop with `std::time`, not criterion: one number per input is all this
//! needs, and it keeps the build free of a benchmarking framework and its dependencies.
//!
//!     cargo bench --bench intake
//!
//! Under `cargo test --all-targets` (no `--bench` argument) it only runs each input once,
//! as a smoke test; it never asserts on time.

use std::hint::black_box;
use std::time::{Duration, Instant};

use foi::intake;
use foi::intake::draft::{DraftOptions, draft};

// The same allocator as the `foi` binary, so the figures are the ones users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The Hastings request as an officer pastes it (from the test corpus).
const HASTINGS: &str = include_str!("../tests/intake/hastings.txt");

/// A long request made here: both parts asked `rounds` times over, in several numbering
/// styles, quoted in an email with Windows line endings.
fn generated(rounds: usize) -> String {
    let questions = [
        "Incumbent supplier: who supplies the contract?",
        "Average annual spend over three years",
        "Contract duration, with any extensions",
        "When does the contract expire?",
        "Contract review date",
        "Brief description of the services",
        "Contract owner: name, job title, phone and email address",
        "Number of agents",
        "Number of sites",
        "Who makes the contact centre system?",
        "Which months are busiest?",
        "Do you use Microsoft Exchange 2003? If not, which product?",
        "Number of mail users",
        "How many staff work in your IT department?",
    ];
    let mut text = String::from("From: someone@example.com\r\nSubject: FOI\r\n\r\n");
    for round in 0..rounds {
        text.push_str("> Part one: contact centre contracts. Please provide:\r\n>\r\n");
        for (i, q) in questions.iter().enumerate() {
            let number = match round % 3 {
                0 => format!("{}.", i + 1),
                1 => format!("({})", char::from(b'a' + i as u8)),
                _ => format!("Q{}", i + 1),
            };
            text.push_str(&format!("> {number} {q}\r\n"));
        }
        text.push_str(">\r\n> Part two: inbound network services contracts. Please provide:\r\n");
        for (i, q) in questions[..7].iter().enumerate() {
            text.push_str(&format!("> {}) {q}\r\n", i + 1));
        }
        text.push_str(">\r\n");
    }
    text
}

/// Text copied out of a PDF, `n` pages of it: a running header and a page number on each,
/// a table of questions with a wrapped row, bilingual questions, a sentence hyphenated at
/// the margin and cut by the page break.
fn pages(n: usize) -> String {
    let mut text = String::new();
    for page in 1..=n {
        text.push_str("\u{c}Request for information – A. Person\n\n");
        text.push_str("| No. | Information requested | Your response |\n|---|---|---|\n");
        text.push_str(
            "| 1 | Incumbent supplier of each contract | |\n| 2 | Annual average spend over the | |\n",
        );
        text.push_str("|   | last three years | |\n| 3 | Contract expiry date | |\n\n");
        text.push_str(
            "1. Pwy yw cyflenwr presennol y contract?\nWho is the current supplier of the contract?\n",
        );
        text.push_str("2. Pryd y daw'r contract i ben?\nWhen does the contract end?\n");
        text.push_str(
            "3. Contract description: a brief description of the ser-\nvices provided under the\n\n",
        );
        text.push_str(&format!("Page {page} of {n}\n"));
    }
    text
}

/// The corpus of requests as they really arrive (from `tests/intake/forms`).
const FORMS: [(&str, &str); 6] = [
    ("form: PDF letter", include_str!("../tests/intake/forms/pdf-letter.txt")),
    ("form: HTML email", include_str!("../tests/intake/forms/html-outlook.txt")),
    ("form: table", include_str!("../tests/intake/forms/table-pipes.txt")),
    ("form: Welsh", include_str!("../tests/intake/forms/welsh-only.txt")),
    ("form: bilingual", include_str!("../tests/intake/forms/bilingual-lines.txt")),
    ("form: quoted thread", include_str!("../tests/intake/forms/quoted-gmail.txt")),
];

fn options() -> DraftOptions {
    DraftOptions {
        source: "bench".into(),
        reference: Some("BENCH-1".into()),
        received: chrono::NaiveDate::from_ymd_opt(2024, 1, 10),
        casebook: Err("no casebook".into()),
    }
}

/// Reads `text` and drafts the request file, as `foi intake` does.
fn run(text: &str) -> usize {
    let found = intake::read(black_box(text));
    draft(&found, &options()).len() + found.to_json().map_or(0, |j| j.len())
}

/// Runs `text` `iterations` times; prints and returns the median.
fn measure(name: &str, text: &str, iterations: usize) -> Duration {
    let mut times: Vec<Duration> = (0..iterations)
        .map(|_| {
            let start = Instant::now();
            black_box(run(text));
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    let mean = times.iter().sum::<Duration>() / u32::try_from(times.len()).unwrap_or(u32::MAX);
    println!(
        "{name:<40} {:>7} bytes  median {:>8.3} ms  mean {:>8.3} ms  ({iterations} runs)",
        text.len(),
        median.as_secs_f64() * 1000.0,
        mean.as_secs_f64() * 1000.0
    );
    median
}

/// Time per KB of `make(n)` at a small and a large size, 16 times larger: about the same
/// when the work is linear, sixteen times more when it is quadratic.
fn per_kb(name: &str, make: impl Fn(usize) -> String, small: usize, large: usize) {
    let mut rates = Vec::new();
    for (n, iterations) in [(small, 20), (large, 5)] {
        let text = make(n);
        let median = measure(&format!("{name} ({n})"), &text, iterations);
        rates.push(median.as_secs_f64() * 1e6 / (text.len() as f64 / 1024.0));
    }
    println!(
        "{:<40} {:>8.1} µs/KB small  {:>8.1} µs/KB large  (x{:.2})",
        format!("  time per KB"),
        rates[0],
        rates[1],
        rates[1] / rates[0]
    );
}

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let big = generated(20);
    if !benchmarking {
        for text in [HASTINGS, big.as_str(), &pages(3)].into_iter().chain(FORMS.map(|(_, t)| t)) {
            black_box(run(text));
        }
        return;
    }
    // The first call also parses the embedded questionnaire and lexicon, as every run of
    // the command line does once.
    let start = Instant::now();
    black_box(run(HASTINGS));
    println!(
        "{:<40} {:>6} bytes  {:>8.3} ms (one run)",
        "hastings request, cold",
        HASTINGS.len(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    measure("hastings request (read + draft + json)", HASTINGS, 2000);
    measure("generated: 20 rounds of both parts", &big, 100);
    for (name, text) in FORMS {
        measure(name, text, 500);
    }
    // Sizes 16 times apart, the larger near the 1 MiB intake reads at most.
    per_kb("generated request, rounds", generated, 50, 800);
    per_kb("PDF pages of tables and Welsh, pages", pages, 50, 800);
    per_kb("numbered lines `1. a`, lines", |n| "1. a\n".repeat(n), 12_000, 192_000);
}
