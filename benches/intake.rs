//! How long `foi intake` takes to read one request text: the target is under 2 ms.
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

fn measure(name: &str, text: &str, iterations: usize) {
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
        "{name:<40} {:>6} bytes  median {:>8.3} ms  mean {:>8.3} ms  ({iterations} runs)",
        text.len(),
        median.as_secs_f64() * 1000.0,
        mean.as_secs_f64() * 1000.0
    );
}

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let big = generated(20);
    if !benchmarking {
        for text in [HASTINGS, big.as_str()] {
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
}
