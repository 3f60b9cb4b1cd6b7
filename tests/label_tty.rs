//! `standpoint label` driven under a pseudo-terminal (expectrl): answers, undo, quit, a second
//! run that continues, and `kill -9` in the middle of a session.
//!
//! The corpus is `tests/fixtures/label/bridge.jsonl`: six short articles the team wrote about a
//! fictional bridge, 20 quotes.

use expectrl::Expect;
use expectrl::session::OsSession as Session;
use standpoint::label::store::LabelFile;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/label/bridge.jsonl")
}

fn spawn(out: &Path, extra: &[&str]) -> Session {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_standpoint"));
    cmd.arg("label")
        .arg("--corpus")
        .arg(corpus())
        .arg("--out")
        .arg(out)
        .args(["--target", "the bridge", "--retrain-every", "5"])
        .args(extra)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut s = Session::spawn(cmd).expect("spawning standpoint label under a pty");
    s.set_expect_timeout(Some(Duration::from_secs(60)));
    s
}

/// Waits for the stance prompt, answers stance `s` and, unless it is a skip, sentiment `m`.
fn answer(p: &mut Session, s: char, m: char) {
    p.expect("stance?").expect("stance prompt");
    p.send(s.to_string()).unwrap();
    if s != 's' {
        p.expect("sentiment?").expect("sentiment prompt");
        p.send(m.to_string()).unwrap();
    }
}

fn stance(c: char) -> Option<usize> {
    "fan".find(c)
}

fn sentiment(c: char) -> Option<usize> {
    "+-0".find(c)
}

#[test]
fn ten_answers_undo_quit_then_continue() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("labels.csv");
    let keys: Vec<(char, char)> = vec![
        ('a', '-'),
        ('f', '+'),
        ('n', '0'),
        ('a', '-'),
        ('f', '+'),
        ('n', '0'),
        ('f', '0'),
        ('a', '0'),
        ('n', '-'),
        ('f', '+'),
    ];
    let mut p = spawn(&out, &[]);
    for &(s, m) in &keys {
        answer(&mut p, s, m);
    }
    // the fifth and tenth answers refit the model: the screen reports it
    p.expect("stance?").unwrap();
    p.send("u").unwrap();
    p.expect("undone:").expect("undo acknowledged");
    p.expect("stance?").unwrap();
    p.send("q").unwrap();
    p.expect("9 labels this session, 9 in")
        .expect("quit summary");
    p.expect(expectrl::Eof).unwrap();

    let f = LabelFile::open(&out).unwrap();
    let recs = f.records();
    assert_eq!(recs.len(), 9, "ten answers minus one undone");
    for (r, &(s, m)) in recs.iter().zip(&keys) {
        assert_eq!(r.stance, stance(s), "{r:?}");
        assert_eq!(r.sentiment, sentiment(m), "{r:?}");
        assert_eq!(r.target, "the bridge");
    }
    // each row's span points at its text in the article, and no quote was asked twice
    let articles: Vec<serde_json::Value> = std::fs::read_to_string(corpus())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for r in recs {
        let a = articles
            .iter()
            .find(|a| a["id"] == r.article.as_str())
            .unwrap();
        let text = a["text"].as_str().unwrap();
        assert_eq!(&text[r.span.0..r.span.1], r.text);
    }
    assert_eq!(f.keys().len(), 9);
    // train reads the file as it is
    let d = standpoint::labelled::read(&out, &Default::default(), None).unwrap();
    assert_eq!(d.counts(standpoint::Task::Stance), [3, 3, 3]);

    // a second run continues: it says so, asks none of the nine again, and appends
    let first: Vec<_> = recs.to_vec();
    let mut p = spawn(&out, &[]);
    p.expect("9 labelled")
        .expect("second run shows the count so far");
    answer(&mut p, 'n', '0');
    answer(&mut p, 's', ' ');
    p.expect("stance?").unwrap();
    p.send("q").unwrap();
    p.expect("1 labels this session, 10 in").unwrap();
    p.expect(expectrl::Eof).unwrap();
    let g = LabelFile::open(&out).unwrap();
    assert_eq!(&g.records()[..9], &first[..]);
    assert_eq!(g.records().len(), 11);
    assert!(g.records()[10].skipped());
    let keys: HashSet<_> = g.keys();
    assert_eq!(keys.len(), 11, "no quote asked twice");
}

#[test]
fn kill_9_loses_no_answered_label() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("labels.csv");
    let mut p = spawn(&out, &[]);
    for &(s, m) in &[('f', '+'), ('a', '-'), ('n', '0'), ('f', '0')] {
        answer(&mut p, s, m);
    }
    // the fifth quote on screen, its stance given but not its sentiment: then SIGKILL
    p.expect("stance?").unwrap();
    p.send("a").unwrap();
    p.expect("sentiment?").unwrap();
    let pid = p.get_process().pid().as_raw();
    let st = Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(st.success());
    let _ = p.get_process().wait();
    let f = LabelFile::open(&out).unwrap();
    let got: Vec<(Option<usize>, Option<usize>)> = f
        .records()
        .iter()
        .map(|r| (r.stance, r.sentiment))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some(0), Some(0)),
            (Some(1), Some(1)),
            (Some(2), Some(2)),
            (Some(0), Some(2))
        ]
    );
    let d = standpoint::labelled::read(&out, &Default::default(), None).unwrap();
    assert_eq!(d.rows.len(), 4);
}

#[test]
fn batch_then_import() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("labels.csv");
    let batch = dir.path().join("batch.csv");
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_standpoint"))
            .arg("label")
            .arg("--corpus")
            .arg(corpus())
            .arg("--out")
            .arg(&out)
            .args(["--target", "the bridge", "--retrain-every", "5"])
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let b = batch.to_str().unwrap();
    let msg = run(&["--batch", "8", "--batch-out", b]);
    assert!(
        msg.contains("wrote 8 quotes") && msg.contains("cold-start order"),
        "{msg}"
    );
    // fill in the batch as a spreadsheet would: stance and sentiment are the last two cells
    let mut rdr = csv::Reader::from_path(&batch).unwrap();
    let header = rdr.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 8);
    let labels = [
        ("favor", "positive"),
        ("against", "negative"),
        ("neutral", "neutral"),
    ];
    let mut w = csv::Writer::from_path(&batch).unwrap();
    w.write_record(&header).unwrap();
    for (i, r) in rows.iter().enumerate() {
        let mut cells: Vec<String> = r.iter().map(String::from).collect();
        let n = cells.len();
        let (s, m) = labels[i % 3];
        cells[n - 2] = s.into();
        cells[n - 1] = m.into();
        w.write_record(&cells).unwrap();
    }
    w.flush().unwrap();
    drop(w);
    let msg = run(&["--import", b]);
    assert!(msg.contains("imported 8 labels"), "{msg}");
    assert!(msg.contains("majority baseline"), "{msg}");
    // the next batch comes from the refitted model and repeats none of the eight
    let msg = run(&["--batch", "8", "--batch-out", b]);
    assert!(msg.contains("uncertainty order"), "{msg}");
    let f = LabelFile::open(&out).unwrap();
    let asked = f.keys();
    let mut rdr = csv::Reader::from_path(&batch).unwrap();
    for r in rdr.records() {
        let r = r.unwrap();
        let key = (
            r[0].to_string(),
            r[1].parse().unwrap(),
            r[2].parse().unwrap(),
        );
        assert!(!asked.contains(&key), "{key:?} asked twice");
        assert!(!r[7].is_empty(), "model probabilities are filled in");
    }
}
