//! A deadline and a memory bound on every PDF compile.
//!
//! A casebook's `templates/letter.typ` is a program, and Typst runs it to the end: it has
//! no fuel, no step count and no way to interrupt an evaluation in progress (only `while`
//! loops stop, after 10,000 turns). A `for` loop over `range(1000000000)` grew past 7 GB.
//! So each compile is watched from another thread: one that runs longer than
//! [`time_limit`] (10 s unless `FOI_PDF_TIME_LIMIT` gives seconds), or during which the
//! process's resident memory grows by more than [`memory_limit`] (512 MiB unless
//! `FOI_PDF_MEMORY_LIMIT` gives MiB; Linux only, from `/proc/self/status`), ends the
//! process: stopping the process is the only way to stop Typst. How it ends is the front
//! end's policy, installed with [`on_limit_passed`]: the `foi` binary prints the error,
//! which names the template, and exits 1; a front end that installs nothing gets
//! [`std::process::abort`], since the library prints nothing of its own. A letter takes a few milliseconds and a few megabytes, the first of a batch some
//! tens of megabytes, so the bounds are far from any real letter.
//!
//! Files are written only after their letter is made, and atomically, so ending the
//! process leaves no half-written file.

use std::sync::{Condvar, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

/// What ends the process when a compile passes a bound: given the error, which names the
/// template and the limit. Installed once, by the front end, with [`on_limit_passed`].
pub type LimitPassed = fn(&str) -> !;

static ON_LIMIT_PASSED: OnceLock<LimitPassed> = OnceLock::new();

/// Installs how the process ends when a PDF compile passes a bound (see the module's
/// documentation). The first policy installed stays; later calls change nothing.
pub fn on_limit_passed(policy: LimitPassed) {
    let _ = ON_LIMIT_PASSED.set(policy);
}

/// How often the watchdog looks, while a compile is running.
const INTERVAL: Duration = Duration::from_millis(20);

/// The default of [`time_limit`], in seconds.
const DEFAULT_SECONDS: u64 = 10;

/// The default of [`memory_limit`], in MiB.
const DEFAULT_MIB: u64 = 512;

/// How long Typst may take over one PDF: `FOI_PDF_TIME_LIMIT` seconds, 10 by default.
pub fn time_limit() -> Duration {
    Duration::from_secs(setting("FOI_PDF_TIME_LIMIT").unwrap_or(DEFAULT_SECONDS))
}

/// How much the process's memory may grow while Typst makes one PDF, in bytes:
/// `FOI_PDF_MEMORY_LIMIT` MiB, 512 by default.
pub fn memory_limit() -> u64 {
    setting("FOI_PDF_MEMORY_LIMIT").unwrap_or(DEFAULT_MIB).saturating_mul(1024 * 1024)
}

/// A positive whole number from the environment; anything else is the default.
fn setting(name: &str) -> Option<u64> {
    std::env::var(name).ok()?.trim().parse().ok().filter(|n| *n > 0)
}

/// One compile being watched.
struct Watched {
    id: u64,
    /// The template, as the user knows it: `templates/letter.typ`.
    origin: String,
    /// The letter being made, e.g. `hastings/FOIR-467737865`.
    letter: String,
    started: Instant,
    /// Resident memory when it started, if known.
    memory: Option<u64>,
}

#[derive(Default)]
struct Watchlist {
    next: u64,
    watched: Vec<Watched>,
}

static WATCHLIST: Mutex<Watchlist> = Mutex::new(Watchlist { next: 0, watched: Vec::new() });
static WAKE: Condvar = Condvar::new();

/// Watches a compile until the guard is dropped.
pub struct Guard(u64);

impl Drop for Guard {
    fn drop(&mut self) {
        let mut list = WATCHLIST.lock().unwrap_or_else(PoisonError::into_inner);
        list.watched.retain(|watched| watched.id != self.0);
    }
}

/// Starts watching the compile of `letter` with the template `origin`.
pub fn watch(origin: &str, letter: &str) -> Guard {
    start_watchdog();
    let mut list = WATCHLIST.lock().unwrap_or_else(PoisonError::into_inner);
    list.next += 1;
    let id = list.next;
    list.watched.push(Watched {
        id,
        origin: origin.to_owned(),
        letter: letter.to_owned(),
        started: Instant::now(),
        memory: resident_memory(),
    });
    WAKE.notify_one();
    Guard(id)
}

fn start_watchdog() {
    static STARTED: OnceLock<()> = OnceLock::new();
    STARTED.get_or_init(|| {
        // Without its thread nothing is watched, but nothing else changes either.
        let _ = std::thread::Builder::new().name("foi-pdf-watchdog".into()).spawn(watchdog);
    });
}

/// Sleeps while nothing is compiled; otherwise looks every [`INTERVAL`], and ends the
/// process when a compile has passed a bound.
fn watchdog() {
    let (time, memory) = (time_limit(), memory_limit());
    let mut list = WATCHLIST.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        list = if list.watched.is_empty() {
            WAKE.wait(list).unwrap_or_else(PoisonError::into_inner)
        } else {
            WAKE.wait_timeout(list, INTERVAL).unwrap_or_else(PoisonError::into_inner).0
        };
        if list.watched.is_empty() {
            continue;
        }
        let now = resident_memory();
        let breach = list.watched.iter().find_map(|watched| {
            if watched.started.elapsed() > time {
                return Some(format!(
                    "{}: Typst was still making the PDF of {} after {} s, so foi stopped it: \
                     look for a loop that never ends, or one over a very large range(), in the \
                     template (FOI_PDF_TIME_LIMIT sets the limit in seconds)",
                    watched.origin,
                    watched.letter,
                    time.as_secs()
                ));
            }
            let grown = now.zip(watched.memory).map_or(0, |(now, then)| now.saturating_sub(then));
            (grown > memory).then(|| {
                format!(
                    "{}: Typst took more than {} MiB of memory making the PDF of {}, so foi \
                     stopped it: look for a loop that builds a huge array or text in the \
                     template (FOI_PDF_MEMORY_LIMIT sets the limit in MiB)",
                    watched.origin,
                    memory / (1024 * 1024),
                    watched.letter
                )
            })
        });
        if let Some(message) = breach {
            match ON_LIMIT_PASSED.get() {
                Some(policy) => policy(&message),
                None => std::process::abort(),
            }
        }
    }
}

/// The process's resident memory in bytes, from Linux's `/proc` (none elsewhere).
fn resident_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kib: u64 = line.trim_start_matches("VmRSS:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guard_is_watched_until_it_is_dropped() {
        let guard = watch("templates/letter.typ", "a/b");
        let listed =
            |id| WATCHLIST.lock().map(|list| list.watched.iter().any(|w| w.id == id)).unwrap_or(false);
        assert!(listed(guard.0));
        let id = guard.0;
        drop(guard);
        assert!(!listed(id));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn resident_memory_is_read_on_linux() {
        assert!(resident_memory().is_some_and(|bytes| bytes > 1024 * 1024));
    }

    #[test]
    fn the_limits_have_defaults() {
        assert!(time_limit() >= Duration::from_secs(1));
        assert!(memory_limit() >= 1024 * 1024);
    }
}
