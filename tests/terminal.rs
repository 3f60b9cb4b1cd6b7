//! The terminal: tables fit the width (COLUMNS, or a real 80-column tmux pane), and the
//! progress bar shows on a terminal and never in piped output.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use unicode_width::UnicodeWidthStr;

const EXAMPLE: &str = "examples/harbour-strike-talks.txt";

fn run_columns(columns: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_standpoint"))
        .args(args)
        .current_dir(root())
        .env("COLUMNS", columns)
        .output()
        .expect("the binary runs")
}

fn widest(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

#[test]
fn columns_80_fits_every_line_and_goes_compact() {
    for extra in [&[][..], &["--quotes"], &["--quotes", "--by-article"]] {
        let mut args = vec!["score", EXAMPLE];
        args.extend_from_slice(extra);
        let o = run_columns("80", &args);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("Daniel Osei"), "{out}");
        assert!(
            widest(&out) <= 80,
            "{args:?}: a line is {} wide:\n{out}",
            widest(&out)
        );
        // the compact set keeps the per-class counts a stance rests on and drops the kind;
        // --quotes keeps the cue and the quote text
        assert!(out.contains("f/a/n"), "{out}");
        assert!(!out.contains("┆ kind"), "{out}");
        if extra.contains(&"--quotes") {
            assert!(out.contains("┆ quote") && out.contains("┆ cue"), "{out}");
        }
    }
    // --wide: every column, still within 80
    let o = run_columns("80", &["score", EXAMPLE, "--wide"]);
    let out = stdout(&o);
    assert!(
        out.contains("quotes f/a/n") || out.contains("f/a/n"),
        "{out}"
    );
    assert!(
        widest(&out) <= 80,
        "a line is {} wide:\n{out}",
        widest(&out)
    );
    // at 140 and more the full set shows, fitted to the width
    let o = run_columns("150", &["score", EXAMPLE, "--quotes"]);
    let out = stdout(&o);
    assert!(
        out.contains("quotes f/a/n") && out.contains("because") && out.contains("┆ kind"),
        "{out}"
    );
    assert!(widest(&out) <= 150, "a line is {} wide", widest(&out));
    // no COLUMNS and piped: today's unfitted table (the golden in tests/cli.rs)
    let o = run(&["score", EXAMPLE, "--quotes"]);
    assert!(widest(&stdout(&o)) > 150);
}

#[test]
fn columns_80_fits_the_eval_tables_too() {
    for args in [
        &[
            "eval",
            "--data",
            "tests/fixtures/small.csv",
            "--folds",
            "3",
            "--errors",
        ][..],
        &["eval-quotes", "--errors"],
    ] {
        let o = run_columns("80", args);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(out.lines().count() > 10, "{out}");
        assert!(
            widest(&out) <= 80,
            "{args:?}: a line is {} wide:\n{out}",
            widest(&out)
        );
        // piped without COLUMNS: as before, wider than 80
        assert!(widest(&stdout(&run(args))) > 80);
    }
}

/// A tmux server of this test's own (its own socket), killed on drop.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str, width: u16, command: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("SKIPPED: tmux is not installed (.ci/run installs it)");
            return None;
        }
        let socket = format!("standpoint-{name}-{}", std::process::id());
        let ok = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", &width.to_string(), "-y", "200"])
            .args(["-s", name, command])
            .current_dir(root())
            .env_remove("COLUMNS")
            .env("TERM", "xterm-256color")
            .status()
            .expect("tmux runs")
            .success();
        assert!(ok, "tmux new-session failed");
        Some(Tmux { socket })
    }

    fn tmux(&self, args: &[&str]) -> String {
        let o = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&o.stdout).into_owned()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}

/// Waits until `file` holds `needle` (the command's last words), for at most five minutes.
fn wait_for(file: &Path, needle: &str) -> String {
    let t0 = Instant::now();
    loop {
        let s = std::fs::read_to_string(file).unwrap_or_default();
        if s.contains(needle) {
            return s;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(300),
            "timed out waiting for {needle:?} in {}:\n{s}",
            file.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

#[test]
fn an_80_column_tmux_pane_wraps_no_row() {
    let dir = tempfile::tempdir().unwrap();
    let done = dir.path().join("done");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_standpoint"));
    let command = format!(
        "{} score {EXAMPLE} --quotes --quiet; echo finished > {}; sleep 60",
        shell_quote(&bin),
        shell_quote(&done)
    );
    let Some(t) = Tmux::start("fit", 80, &command) else {
        return;
    };
    wait_for(&done, "finished");
    // -J joins lines the terminal wrapped: a row wider than the pane would come back whole
    let screen = t.tmux(&["capture-pane", "-p", "-J", "-t", "fit"]);
    assert!(screen.contains("Daniel Osei"), "{screen}");
    assert!(screen.contains("Stance toward negotiation"), "{screen}");
    assert!(
        widest(&screen) <= 80,
        "a line is {} wide:\n{screen}",
        widest(&screen)
    );
}

/// A JSON Lines corpus of `n` team-written articles, large enough that scoring it takes more
/// than a second.
fn big_corpus(dir: &Path, n: usize) -> PathBuf {
    let text = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let mut s = String::new();
    for i in 0..n {
        let line = serde_json::json!({"id": format!("copy-{i}"), "text": text});
        s.push_str(&line.to_string());
        s.push('\n');
    }
    let p = dir.join("big.jsonl");
    std::fs::write(&p, s).unwrap();
    p
}

/// Articles that take a few seconds to score in this build (debug or release).
const COPIES: usize = if cfg!(debug_assertions) { 300 } else { 3000 };

#[test]
fn progress_shows_on_a_terminal_and_never_when_piped() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = big_corpus(dir.path(), COPIES);
    // piped: no bar, no escape codes, no carriage returns; the summary line is there
    let t0 = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_standpoint"))
        .args(["score", corpus.to_str().unwrap()])
        .output()
        .unwrap();
    let piped_secs = t0.elapsed().as_secs_f64();
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(!err.contains('\x1b') && !err.contains('\r'), "{err:?}");
    assert!(
        err.contains(&format!("standpoint: {COPIES} articles read, 0 skipped")),
        "{err}"
    );
    // --quiet: nothing at all on stderr
    let o = Command::new(env!("CARGO_BIN_EXE_standpoint"))
        .args(["score", EXAMPLE, "--quiet"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(o.status.success() && o.stderr.is_empty(), "{}", stderr(&o));
    // on a terminal (stderr is the tmux pane, stdout a file), the raw pane output carries the bar
    let raw = dir.path().join("pane.raw");
    let done = dir.path().join("done");
    let command = format!(
        "sleep 1; {} score {} > /dev/null; echo finished > {}; sleep 60",
        shell_quote(Path::new(env!("CARGO_BIN_EXE_standpoint"))),
        shell_quote(&corpus),
        shell_quote(&done)
    );
    let Some(t) = Tmux::start("progress", 100, &command) else {
        return;
    };
    t.tmux(&[
        "pipe-pane",
        "-t",
        "progress",
        &format!("cat >> {}", shell_quote(&raw)),
    ]);
    wait_for(&done, "finished");
    let pane = wait_for(&raw, "articles read");
    if piped_secs < 1.5 {
        eprintln!("SKIPPED (terminal half): the piped run took only {piped_secs:.2} s");
        return;
    }
    assert!(
        pane.contains("articles ·") || pane.contains(" articles"),
        "{pane:?}"
    );
    assert!(
        pane.contains("ETA"),
        "no progress bar on the terminal: {pane:?}"
    );
    assert!(pane.contains("MiB/s") || pane.contains("KiB/s"), "{pane:?}");
}
