//! Benchmark: 10,000 generated requests rendered to Markdown and HTML into an output folder.
//!
//! Target: under 1 second on the project's 2-core machine, and at least 50 times faster
//! than the peer script an FOI team would write instead (Jinja2 + Python-Markdown, the
//! `py_render.py` baseline), measured in the same run.
//!
//!     cargo bench --bench batch
//!     FOI_PEER_SCRIPT=path/to/py_render.py FOI_PEER_PYTHON=venv/bin/python cargo bench --bench batch
//!
//! The casebook is generated at run time into a temporary folder (the Hastings example's
//! authority and contracts, and requests that vary in reference, dates, numbering and parts,
//! as real copies of a round robin do); nothing generated is committed. Under `cargo test`
//! (no `--bench` argument) it renders 50 requests as a smoke test.
//!
//! `FOI_BENCH_CASEBOOK=DIR cargo bench --bench batch` only writes the casebook into `DIR`
//! (which must not exist) and stops, so the release binary can be timed on it as a whole
//! process, e.g. `foi render DIR -o OUT --format md,html` with `/usr/bin/time -v`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use foi::batch::{self, BatchOptions, Silent};
use foi::render::OutputFormat;

// The same allocator as the `foi` binary, so the figures are the ones users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const NUMBERING: [&[&str]; 3] = [
    &["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
    &["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"],
    &["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"],
];

const CONTACT_CENTRE: [&str; 12] = [
    "supplier",
    "annual-spend",
    "duration",
    "expiry",
    "review",
    "description",
    "contact",
    "agents",
    "sites",
    "manufacturer",
    "email-server",
    "email-users",
];

fn request(n: usize) -> String {
    let numbers = NUMBERING[n % NUMBERING.len()];
    let day = 1 + n % 28;
    let month = 1 + (n / 28) % 12;
    let mut text = format!(
        "reference: FOI-{n:05}\nreceived: 2023-{month:02}-{day:02}\nrequester: {{name: Requester {n}, email: r{n}@example.com}}\npublish: true\nparts:\n  - part: contact-centre\n    questions:\n"
    );
    for (i, id) in CONTACT_CENTRE.iter().enumerate() {
        let _ = writeln!(text, "      - {{number: {}, id: {id}}}", numbers[i]);
    }
    if !n.is_multiple_of(4) {
        text.push_str("  - part: inbound-network\n    questions:\n");
        for (i, id) in CONTACT_CENTRE[..7].iter().enumerate() {
            let _ = writeln!(text, "      - {{number: {}, id: {id}}}", numbers[i]);
        }
    }
    text
}

fn generate(dir: &Path, count: usize) {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hastings");
    std::fs::create_dir_all(dir.join("contracts")).expect("contracts folder");
    std::fs::create_dir_all(dir.join("requests")).expect("requests folder");
    std::fs::copy(example.join("foi.yaml"), dir.join("foi.yaml")).expect("foi.yaml");
    for contract in ["contact-centre-software", "ivr"] {
        let name = format!("{contract}.yaml");
        std::fs::copy(example.join("contracts").join(&name), dir.join("contracts").join(&name))
            .expect("contract");
    }
    for n in 0..count {
        std::fs::write(dir.join("requests").join(format!("FOI-{n:05}.yaml")), request(n)).expect("request");
    }
}

fn main() {
    let full = std::env::args().any(|arg| arg == "--bench");
    let count = std::env::var("FOI_BENCH_REQUESTS").ok().and_then(|n| n.parse().ok()).unwrap_or(if full {
        10_000
    } else {
        50
    });
    if let Some(keep) = std::env::var_os("FOI_BENCH_CASEBOOK") {
        let keep = Path::new(&keep);
        assert!(!keep.exists(), "FOI_BENCH_CASEBOOK names a folder that exists: {}", keep.display());
        generate(keep, count);
        println!("casebook of {count} requests written to {}", keep.display());
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let casebook = dir.path().join("casebook");
    generate(&casebook, count);
    let options = BatchOptions {
        paths: vec![casebook],
        out: dir.path().join("out"),
        formats: ["md", "html"].into_iter().filter_map(OutputFormat::named).collect(),
        letters: vec![foi::LetterKind::RESPONSE],
        layout: None,
        include_private: false,
        today: foi::model::values::Date(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date")),
    };
    let started = Instant::now();
    let summary = batch::run(&options, &Silent).expect("batch runs");
    let ours = started.elapsed();
    assert_eq!(summary.failed, 0, "{:#?}", summary.findings);
    println!(
        "foi: {count} requests to md+html in {:.3} s ({:.1} µs per request)",
        ours.as_secs_f64(),
        ours.as_secs_f64() * 1e6 / count as f64
    );
    let again = Instant::now();
    let summary = batch::run(&options, &Silent).expect("batch runs");
    println!(
        "foi, unchanged: {} requests left untouched in {:.3} s",
        summary.unchanged,
        again.elapsed().as_secs_f64()
    );
    if full && ours.as_secs_f64() > 1.0 {
        println!("over the 1 s target");
    }
    if let (Ok(script), Ok(python)) = (std::env::var("FOI_PEER_SCRIPT"), std::env::var("FOI_PEER_PYTHON")) {
        let peer_out = dir.path().join("peer");
        let started = Instant::now();
        let status = Command::new(python)
            .arg(script)
            .arg(count.to_string())
            .arg(&peer_out)
            .status()
            .expect("peer runs");
        let theirs = started.elapsed();
        assert!(status.success(), "peer script failed");
        println!(
            "peer (Jinja2 + Python-Markdown): {count} requests in {:.3} s; foi is {:.0} times faster",
            theirs.as_secs_f64(),
            theirs.as_secs_f64() / ours.as_secs_f64()
        );
    }
}
