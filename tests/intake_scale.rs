//! Intake's work grows with the length of the text, not its square.
//!
//! Issue 11: 64k lines of `1. a` took 13 s, because every warning found its line by
//! scanning the text from the top; lists nested by alternating styles (`1.` / `a)`) and
//! long run-on paragraphs were quadratic too. Each shape below is read, warned about and
//! drafted at two sizes, four times apart. Linear work takes about four times as long at
//! the larger size; quadratic work takes sixteen times as long (the old code took over a
//! second for 8,000 numbered lines in a debug build, and 13 s for 64,000 in a release
//! one). The bounds are generous: a slow, shared machine passes, a quadratic regression
//! does not. (How fast intake is, is measured by `cargo bench --bench intake`.)

use std::time::{Duration, Instant};

use foi::intake;
use foi::intake::draft::{DraftOptions, draft};

/// Texts of `n` lines (or items) in the shapes that used to be quadratic.
fn shapes(n: usize) -> Vec<(&'static str, String)> {
    vec![
        ("numbered lines", "1. a\n".repeat(n)),
        ("alternating nested lists", "1. a\na) b\n".repeat(n / 2)),
        ("a run-on paragraph", format!("Please tell me {}", "(1) a 1) b ".repeat(n / 2))),
        ("keyword numbers inline", format!("Please tell me {}", "Q1 x ".repeat(n))),
        ("page breaks", "Header\n1. Supplier of the\n\u{c}contract\n".repeat(n / 3)),
        ("table rows", "| 1 | Supplier | |\n".repeat(n)),
        ("translated lines", "1. Pwy yw cyflenwr y contract?\nWho is the supplier?\n".repeat(n / 2)),
    ]
}

/// The time `foi intake` spends on `text` apart from printing: read, warnings, draft, JSON.
fn time(text: &str) -> Duration {
    let options = DraftOptions {
        source: "scale".into(),
        reference: Some("S-1".into()),
        received: chrono::NaiveDate::from_ymd_opt(2024, 1, 10),
        casebook: Err("no casebook".into()),
    };
    let start = Instant::now();
    let found = intake::read(text);
    let warnings = intake::warnings("scale.txt", text, &found);
    let drafted = draft(&found, &options);
    let json = found.to_json().map(|j| j.len()).unwrap_or(0);
    std::hint::black_box((warnings.len(), drafted.len(), json));
    start.elapsed()
}

#[test]
fn intake_is_linear_in_the_length_of_the_text() {
    let small = shapes(2_000);
    let large = shapes(8_000);
    for ((name, small), (_, large)) in small.iter().zip(&large) {
        assert!(large.len() <= intake::MAX_INPUT_BYTES, "{name}: {} bytes", large.len());
        // The faster of two runs, so a moment's load on the machine does not count.
        let short = time(small).min(time(small));
        let long = time(large).min(time(large));
        let ratio = long.as_secs_f64() / short.as_secs_f64().max(1e-3);
        println!("{name:<26} {short:>10.2?} at 2k, {long:>10.2?} at 8k (x{ratio:.1})");
        assert!(long < Duration::from_secs(30), "{name}: {long:?} for {} bytes", large.len());
        // Quadratic work would take about sixteen times as long; linear about four.
        assert!(
            long < Duration::from_millis(200) || ratio < 10.0,
            "{name}: x{ratio:.1} ({short:?} -> {long:?})"
        );
    }
}
