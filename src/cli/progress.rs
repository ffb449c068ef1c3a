//! Progress display for `ingest`: an indicatif bar on a terminal, plain periodic lines
//! otherwise (overnight logs), nothing with --quiet. Reports paths and counts only, never
//! field values or page text.

use crate::ingest::ProgressSink;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Progress {
    bar: Option<ProgressBar>,
    quiet: bool,
    done: AtomicU64,
    failed: AtomicU64,
    total: AtomicU64,
    started: Instant,
    last_line: Mutex<Instant>,
}

/// How often plain-line mode prints.
const LINE_EVERY: Duration = Duration::from_secs(15);

impl Progress {
    pub fn new(quiet: bool) -> Progress {
        let bar = if !quiet && std::io::stderr().is_terminal() {
            let b = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            b.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} pages  {per_sec}  ETA {eta}  {msg}",
                )
                .expect("valid template"),
            );
            b.enable_steady_tick(Duration::from_millis(200));
            Some(b)
        } else {
            None
        };
        Progress {
            bar,
            quiet,
            done: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            total: AtomicU64::new(0),
            started: Instant::now(),
            last_line: Mutex::new(Instant::now()),
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }

    fn line(&self, force: bool) {
        if self.quiet || self.bar.is_some() {
            return;
        }
        let mut last = self.last_line.lock().expect("progress lock");
        if !force && last.elapsed() < LINE_EVERY {
            return;
        }
        *last = Instant::now();
        let done = self.done.load(Ordering::Relaxed);
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        eprintln!(
            "chartscan: {done}/{} pages, {:.2} pages/s, {} failed",
            self.total.load(Ordering::Relaxed),
            done as f64 / secs,
            self.failed.load(Ordering::Relaxed)
        );
    }
}

impl ProgressSink for Progress {
    fn set_total(&self, pages: u64) {
        let done = self.done.load(Ordering::Relaxed);
        let total = pages.max(done);
        self.total.store(total, Ordering::Relaxed);
        if let Some(b) = &self.bar {
            b.set_length(total);
        }
    }

    fn page_done(&self, failed: bool) {
        self.done.fetch_add(1, Ordering::Relaxed);
        if failed {
            let f = self.failed.fetch_add(1, Ordering::Relaxed) + 1;
            if let Some(b) = &self.bar {
                b.set_message(format!("{f} failed"));
            }
        }
        if let Some(b) = &self.bar {
            b.inc(1);
        }
        self.line(false);
    }

    fn file_failed(&self, path: &str, reason: &str) {
        if self.quiet {
            return;
        }
        let msg = format!("chartscan: {path}: {reason}");
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("{msg}")),
            None => eprintln!("{msg}"),
        }
    }
}
