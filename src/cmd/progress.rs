//! The progress bar of a batch, on standard error when it is a terminal.
//!
//! The library reports progress through [`batch::Progress`]; this module draws it with
//! indicatif, on the binary's side, so the library stays free of terminal output.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use foi::batch;

/// A batch that ends sooner than this shows no bar at all: a flash of a bar is noise.
const DELAY: Duration = Duration::from_millis(500);

/// A progress bar, hidden when standard error is not a terminal or when asked to be quiet,
/// and drawn only once the batch has run for [`DELAY`].
pub struct Bar {
    bar: ProgressBar,
    /// Whether the bar may be drawn at all (a terminal, not quiet).
    wanted: bool,
    /// Whether it is drawn yet.
    shown: AtomicBool,
    started: Instant,
}

impl Bar {
    /// A bar that draws only on a terminal, and never when `quiet`.
    pub fn new(quiet: bool) -> Self {
        let bar = ProgressBar::hidden();
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} requests {elapsed}") {
            bar.set_style(style);
        }
        let wanted = !quiet && std::io::stderr().is_terminal();
        Self { bar, wanted, shown: AtomicBool::new(false), started: Instant::now() }
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl batch::Progress for Bar {
    fn start(&self, total: usize) {
        self.bar.set_length(total as u64);
    }

    fn advance(&self) {
        self.bar.inc(1);
        if self.wanted && !self.shown.load(Ordering::Relaxed) && self.started.elapsed() >= DELAY {
            // One thread of the batch wins and shows it; the others see it shown.
            if !self.shown.swap(true, Ordering::Relaxed) {
                self.bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }
    }
}
