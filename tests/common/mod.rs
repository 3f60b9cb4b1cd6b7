//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the `standpoint` binary with `args` from the crate root.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_standpoint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // tables fit COLUMNS when it is set: the goldens are the unfitted (piped) tables
        .env_remove("COLUMNS")
        .output()
        .expect("the binary runs")
}

/// Runs the binary with `stdin` piped in.
pub fn run_with_stdin(args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_standpoint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("COLUMNS")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the checkout, or `None` (tests that need it print why they skip).
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    if p.join("articles").is_dir() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: ../shared is absent (needed for tests on the real articles and datasets)"
        );
        None
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts a clean failure: non-zero exit, one line on stderr naming `needle`, no panic.
pub fn assert_clean_failure(o: &Output, needle: &str) {
    let err = stderr(o);
    assert!(
        !o.status.success(),
        "expected failure, got success; stderr: {err}"
    );
    assert_eq!(o.status.code(), Some(1), "stderr: {err}");
    assert!(!err.contains("panicked"), "panic: {err}");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line expected: {err}"
    );
    assert!(err.starts_with("standpoint: error: "), "{err}");
    assert!(err.contains(needle), "expected `{needle}` in: {err}");
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}
