//! Benchmark: `foi check` on a generated casebook of 1,000 requests and 200 contracts.
//!
//! `cargo bench --bench check` generates the casebook into a temporary folder (nothing is
//! committed), then times the whole check through the library and through the release
//! binary, and prints the figures. The target is under one second. Under `cargo test` (no
//! `--bench` argument) it runs once on a small casebook, so it keeps compiling and working.
//!
//! The casebook is a shared service of 20 authorities with 10 contracts each (5 contact
//! centre, 5 inbound network), junior and senior contract owners, house policy, and
//! requests of every shape: the standard questionnaire, the requester's own numbering and
//! wording, answers given in the request, and whole-request refusals.
//!
//! `FOI_BENCH_CASEBOOK=DIR cargo bench --bench check` only writes the casebook into `DIR`
//! (which must not exist) at full size and stops, even under `cargo test`, so the release binary can be timed on it as a whole
//! process: `foi check --today 2025-01-31 DIR`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use foi::model::values::Date;

// The same allocator as the `foi` binary, so the figures are the ones users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A small, fast, deterministic generator of pseudo-random numbers (xorshift64*): the
/// casebook is the same on every run.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % sides.max(1)
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.roll(from.len())]
    }
}

const SUPPLIERS: &[&str] =
    &["Wren Telecom Ltd", "Heron Voice Ltd", "Linnet Networks Ltd", "Plover Communications Ltd"];
const MONTHS: &[&str] = &["January", "March", "April", "September", "October"];

fn write(path: &Path, text: &str) {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).expect("folder");
    }
    std::fs::write(path, text).expect("write");
}

/// Writes a casebook of `authorities` × `per_authority` contracts and `requests` requests.
fn generate(root: &Path, authorities: usize, per_authority: usize, requests: usize) {
    let mut dice = Dice(0x5eed_f01a);
    let mut profile = String::from("shared-service:\n  name: Benchmark Shared Service\nauthorities:\n");
    for a in 0..authorities {
        let _ = write!(
            profile,
            "  - id: council-{a}\n    name: Council {a}\n    jurisdiction: foia\n    address: [Town Hall {a}, Exampleton]\n    \
             foi-team: {{name: FOI Team, email: foi@council-{a}.gov.uk}}\n    facts:\n      email-server: Microsoft Exchange Online\n      \
             email-users: {}\n      busy-periods: [{}, {}]\n      further-comments: {{not-held: true}}\n    policy:\n      \
             manufacturer: {{withhold: [s31-1-a]}}\n",
            200 + dice.roll(3000),
            dice.pick(MONTHS),
            dice.pick(MONTHS)
        );
    }
    write(&root.join("foi.yaml"), &profile);
    for a in 0..authorities {
        for c in 0..per_authority {
            let contact_centre = c % 2 == 0;
            let junior = dice.roll(3) == 0;
            let supplier = if dice.roll(2) == 0 {
                format!("{{withhold: [s43-2], value: {}}}", dice.pick(SUPPLIERS))
            } else {
                dice.pick(SUPPLIERS).to_owned()
            };
            let mut text = format!(
                "authority: council-{a}\npart: {}\ntitle: Contract {c} of council {a}\nstart: 2020-0{}-01\nsupplier: {supplier}\n\
                 annual-spend: {{amount: {}, years: 3, note: excluding VAT}}\nduration: {{term: {} years, extensions: one optional year}}\n\
                 expiry: 2027-0{}-28\nreview: 2026-0{}-01\ndescription: Telephony services, lot {c}.\n",
                if contact_centre { "contact-centre" } else { "inbound-network" },
                1 + dice.roll(9),
                1000 + dice.roll(90_000),
                2 + dice.roll(4),
                1 + dice.roll(9),
                1 + dice.roll(9),
            );
            let _ = write!(
                text,
                "contact:\n  name: Owner {a}-{c}\n  job-title: {}\n  phone: 01632 9{:05}\n  email: owner.{a}.{c}@council-{a}.gov.uk\n  seniority: {}\n",
                if junior { "Telephony Officer" } else { "Head of Customer Services" },
                a * 100 + c,
                if junior { "junior" } else { "senior" }
            );
            if junior {
                let _ = writeln!(text, "  senior-officer: {{name: Head {a}, job-title: Head of ICT}}");
            }
            if contact_centre {
                let _ = write!(
                    text,
                    "agents: {}\nsites: {}\nmanufacturer: Example Contact Suite\n",
                    5 + dice.roll(200),
                    1 + dice.roll(4)
                );
            }
            write(&root.join(format!("contracts/council-{a}-{c:02}.yaml")), &text);
        }
    }
    for r in 0..requests {
        let a = dice.roll(authorities);
        // Answered 14 calendar days after receipt: always within 20 working days.
        let day = 1 + dice.roll(14);
        let month = 1 + dice.roll(12);
        let mut text = format!(
            "reference: BEN-{r:05}\nauthority: council-{a}\nreceived: 2024-{month:02}-{day:02}\nresponded: 2024-{month:02}-{:02}\n\
             requester: {{name: Requester Number{r}, email: requester{r}@example.com}}\npublish: true\n",
            day + 14
        );
        match dice.roll(4) {
            0 => text.push_str("parts: standard\n"),
            1 => text.push_str("parts: standard\nrefuse: {under: s12, hours: 40, basis: Many records., advice: Ask about one part.}\n"),
            _ => {
                text.push_str("parts:\n  - part: contact-centre\n    questions:\n");
                for (n, id) in ["supplier", "annual-spend", "duration", "expiry", "review", "contact", "agents", "manufacturer", "email-users"]
                    .iter()
                    .enumerate()
                {
                    let _ = writeln!(text, "      - {{number: {}, id: {id}, label: Question about {id}, text: Please tell me the {id} of each contract.}}", n + 1);
                }
                text.push_str("      - {number: 10, label: IT staff, answer: {not-held: We hold no record of this.}}\n");
                text.push_str("  - part: inbound-network\n    questions: standard\n");
            }
        }
        write(&root.join(format!("requests/BEN-{r:05}.yaml")), &text);
    }
}

fn today() -> Date {
    Date(chrono::NaiveDate::from_ymd_opt(2025, 1, 31).expect("a date"))
}

/// Runs `work` `runs` times; returns the fastest and the median time.
fn time(runs: usize, mut work: impl FnMut()) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[0], times[runs / 2])
}

fn main() {
    let benching =
        std::env::args().any(|a| a == "--bench") || std::env::var_os("FOI_BENCH_CASEBOOK").is_some();
    let (authorities, per_authority, requests, runs) =
        if benching { (20, 10, 1000, 7) } else { (2, 4, 10, 1) };
    if let Some(keep) = std::env::var_os("FOI_BENCH_CASEBOOK") {
        let keep = Path::new(&keep);
        assert!(!keep.exists(), "FOI_BENCH_CASEBOOK names a folder that exists: {}", keep.display());
        generate(keep, authorities, per_authority, requests);
        println!(
            "casebook of {requests} requests and {} contracts written to {}",
            authorities * per_authority,
            keep.display()
        );
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    generate(dir.path(), authorities, per_authority, requests);
    let checked = foi::check::casebook(dir.path(), today());
    assert!(
        checked.report.findings().is_empty(),
        "the generated casebook should be clean:\n{}",
        checked.report.to_text()
    );
    println!("casebook: {} ({} authorities)", checked.files, authorities);
    let (best, median) = time(runs, || {
        let checked = foi::check::casebook(dir.path(), today());
        assert!(checked.report.findings().is_empty());
    });
    println!("library  foi::check::casebook: best {best:.2?}, median {median:.2?} over {runs} runs");
    let binary = env!("CARGO_BIN_EXE_foi");
    let (best, median) = time(runs, || {
        let status = Command::new(binary)
            .args(["check", "--today", "2025-01-31"])
            .arg(dir.path())
            .output()
            .expect("runs the binary");
        assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    });
    println!("binary   foi check:            best {best:.2?}, median {median:.2?} over {runs} runs");
    // The same casebook with one contract and one request in ten broken: the slow path,
    // where each broken file is walked against its schema and located line by line.
    for (i, entry) in std::fs::read_dir(dir.path().join("contracts")).expect("contracts").enumerate() {
        if i % 10 == 0 {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("read").replace("seniority:", "seniorty:");
            write(&path, &text);
        }
    }
    for (i, entry) in std::fs::read_dir(dir.path().join("requests")).expect("requests").enumerate() {
        if i % 10 == 0 {
            let path = entry.expect("entry").path();
            let text =
                std::fs::read_to_string(&path).expect("read").replace("received: 2024", "received: 2030");
            write(&path, &text);
        }
    }
    let (best, median) = time(runs, || {
        let checked = foi::check::casebook(dir.path(), today());
        assert!(checked.report.has_errors());
    });
    let findings = foi::check::casebook(dir.path(), today()).report.findings().len();
    println!("library  with {findings} findings:      best {best:.2?}, median {median:.2?} over {runs} runs");
}
