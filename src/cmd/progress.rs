//! The progress bar of a batch, on standard error when it is a terminal.
//!
//! The library reports progress through [`batch::Progress`]; this module draws it with
//! indicatif, on the binary's side, so the library stays free of terminal output.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use foi::batch;

/// A progress bar, hidden when standard error is not a terminal or when asked to be quiet.
pub struct Bar(ProgressBar);

impl Bar {
    /// A bar that draws only on a terminal, and never when `quiet`.
    pub fn new(quiet: bool) -> Self {
        let bar = ProgressBar::hidden();
        if !quiet && std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} requests {elapsed}") {
                bar.set_style(style);
            }
        }
        Self(bar)
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl batch::Progress for Bar {
    fn start(&self, total: usize) {
        self.0.set_length(total as u64);
    }

    fn advance(&self) {
        self.0.inc(1);
    }
}
