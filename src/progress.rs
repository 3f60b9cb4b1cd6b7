//! Progress of a scoring run on standard error, and the one-line summary at its end.
//!
//! [`Progress`] is an indicatif bar (bytes of article text read against the inputs' size, MB/s,
//! ETA, articles so far) that appears only once a run has lasted [`SHOW_AFTER`], only when
//! standard error is a terminal, and never with `--quiet`; it is cleared when the run ends.
//! [`Summary`] is the line printed after it: articles read, skipped (by reason), quotes, speakers.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Runs shorter than this show no bar.
pub const SHOW_AFTER: Duration = Duration::from_secs(1);

/// A progress bar that shows itself after [`SHOW_AFTER`] on a terminal. Safe to advance from
/// several threads.
pub struct Progress {
    bar: ProgressBar,
    start: Instant,
    enabled: bool,
    shown: AtomicBool,
    articles: AtomicU64,
}

impl Progress {
    /// A bar over `total_bytes` (a spinner when the size is unknown, e.g. standard input);
    /// `quiet` or a standard error that is not a terminal keep it hidden for good.
    pub fn new(total_bytes: Option<u64>, quiet: bool) -> Self {
        let bar = match total_bytes {
            Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::hidden())
                .with_style(
                    ProgressStyle::with_template(
                        "{spinner} {wide_bar} {bytes}/{total_bytes} · {binary_bytes_per_sec} · ETA {eta} · {msg}",
                    )
                    .expect("a valid template"),
                ),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()).with_style(
                ProgressStyle::with_template("{spinner} {bytes} · {binary_bytes_per_sec} · {msg}")
                    .expect("a valid template"),
            ),
        };
        Progress {
            bar,
            start: Instant::now(),
            enabled: !quiet && std::io::stderr().is_terminal(),
            shown: AtomicBool::new(false),
            articles: AtomicU64::new(0),
        }
    }

    /// Counts one article of `bytes` bytes of text; shows the bar once the run has lasted
    /// [`SHOW_AFTER`].
    pub fn article(&self, bytes: u64) {
        let n = self.articles.fetch_add(1, Ordering::Relaxed) + 1;
        self.bar.inc(bytes);
        if self.enabled
            && !self.shown.load(Ordering::Relaxed)
            && self.start.elapsed() >= SHOW_AFTER
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(200));
        }
        if self.shown.load(Ordering::Relaxed) {
            self.bar.set_message(format!("{n} articles"));
        }
    }

    /// Whether the bar has been drawn.
    pub fn shown(&self) -> bool {
        self.shown.load(Ordering::Relaxed)
    }

    /// Runs `f` (e.g. a warning on standard error) with the bar out of the way.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.bar.suspend(f)
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// The size in bytes of the inputs (folders walked), or `None` when one is standard input
/// (`-`) or cannot be measured.
pub fn input_bytes(inputs: &[PathBuf]) -> Option<u64> {
    fn size(p: &Path) -> Option<u64> {
        let m = std::fs::metadata(p).ok()?;
        if m.is_dir() {
            let mut n = 0;
            for e in std::fs::read_dir(p).ok()? {
                n += size(&e.ok()?.path()).unwrap_or(0);
            }
            Some(n)
        } else {
            Some(m.len())
        }
    }
    inputs
        .iter()
        .map(|p| if p.as_os_str() == "-" { None } else { size(p) })
        .sum()
}

/// What a run read and found, printed as one line at its end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles read and scored.
    pub articles: usize,
    /// Inputs skipped (`--skip-bad`), counted by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Quotes scored.
    pub quotes: usize,
    /// Speakers in the overall table.
    pub speakers: usize,
}

impl Summary {
    /// Counts a skipped input under the reason of `e`.
    pub fn skip(&mut self, e: &crate::Error) {
        *self.skipped.entry(skip_reason(e)).or_default() += 1;
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n: usize = self.skipped.values().sum();
        let why: Vec<String> = self
            .skipped
            .iter()
            .map(|(r, n)| format!("{n} {r}"))
            .collect();
        write!(
            f,
            "{} read, {n} skipped{}, {}, {}",
            crate::report::plural(self.articles, "article"),
            if why.is_empty() {
                String::new()
            } else {
                format!(" ({})", why.join(", "))
            },
            crate::report::plural(self.quotes, "quote"),
            crate::report::plural(self.speakers, "speaker"),
        )
    }
}

/// A short reason for a skipped input: the start of its message ("binary file", "empty
/// article", "not UTF-8 text", …), or "unreadable" for an I/O error.
pub fn skip_reason(e: &crate::Error) -> String {
    let message = match e {
        crate::Error::Io { .. } => return "unreadable".into(),
        crate::Error::BadArticle { message, .. } => message.as_str(),
        crate::Error::BadRecord { message, .. } => message.as_str(),
        _ => return "other".into(),
    };
    let end = message.find([':', '(', ',']).unwrap_or(message.len());
    let r = message[..end].trim();
    if r.is_empty() {
        "other".into()
    } else {
        r.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_names_each_skip_reason() {
        let mut s = Summary {
            articles: 3,
            quotes: 1,
            speakers: 2,
            ..Default::default()
        };
        assert_eq!(
            s.to_string(),
            "3 articles read, 0 skipped, 1 quote, 2 speakers"
        );
        let bad = |m: &str| crate::Error::BadArticle {
            path: "x.txt".into(),
            message: m.into(),
        };
        s.skip(&bad("binary file (contains NUL bytes), not an article"));
        s.skip(&bad("binary file (contains NUL bytes), not an article"));
        s.skip(&bad("empty article"));
        assert_eq!(
            s.to_string(),
            "3 articles read, 3 skipped (2 binary file, 1 empty article), 1 quote, 2 speakers"
        );
    }

    #[test]
    fn input_bytes_walks_folders_and_gives_up_on_stdin() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "12345").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/b.txt"), "123").unwrap();
        assert_eq!(input_bytes(&[dir.path().to_path_buf()]), Some(8));
        assert_eq!(input_bytes(&[dir.path().into(), "-".into()]), None);
    }

    #[test]
    fn hidden_when_stderr_is_not_a_terminal_or_quiet() {
        let p = Progress::new(Some(10), true);
        p.article(5);
        assert!(!p.shown());
        p.finish();
    }
}
