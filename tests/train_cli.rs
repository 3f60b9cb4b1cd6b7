//! `standpoint train` cannot hurt: it writes only where it is told (or next to its data), never
//! replaces a file without `--force`, leaves the shipped model alone, is deterministic, and says
//! when the model it made is weak.

mod common;
use common::*;
use sha2::{Digest, Sha256};
use std::path::Path;

fn sha(p: &Path) -> String {
    let bytes = std::fs::read(p).unwrap();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The 24-row team-written fixture, copied into `dir` (so the default output lands there).
fn small_data(dir: &Path) -> std::path::PathBuf {
    let p = dir.join("talks.csv");
    std::fs::copy(root().join("tests/fixtures/small.csv"), &p).unwrap();
    p
}

#[test]
fn train_twice_is_byte_identical_and_leaves_the_shipped_model_alone() {
    let shipped = root().join("models/negotiation.json");
    let before = sha(&shipped);
    let dir = tempfile::tempdir().unwrap();
    let data = small_data(dir.path());
    let data = data.to_str().unwrap();
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    for out in [&a, &b] {
        let o = run(&[
            "train",
            "--data",
            data,
            "--folds",
            "3",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    // without --out: a new file next to the data, not the shipped model
    let o = run(&["train", "--data", data, "--folds", "3"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let default = dir.path().join("talks.model.json");
    assert!(stdout(&o).contains("talks.model.json"), "{}", stdout(&o));
    assert_eq!(std::fs::read(&default).unwrap(), std::fs::read(&a).unwrap());
    // again without --out: the file exists now, so train refuses and leaves it as it was
    let o = run(&["train", "--data", data, "--folds", "3", "--target", "x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("talks.model.json exists: pass --force"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&default).unwrap(), std::fs::read(&a).unwrap());
    // the shipped model, named without --force, is refused before any training
    let o = run(&["train", "--data", data, "--out", "models/negotiation.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(sha(&shipped), before, "models/negotiation.json changed");
    // --force replaces
    let o = run(&[
        "train",
        "--data",
        data,
        "--folds",
        "3",
        "--target",
        "sanctions",
        "--force",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_ne!(std::fs::read(&default).unwrap(), std::fs::read(&a).unwrap());
}

#[test]
fn target_names_the_headers_and_a_weak_model_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let data = small_data(dir.path());
    let out = dir.path().join("m.json");
    let o = run(&[
        "train",
        "--data",
        data.to_str().unwrap(),
        "--folds",
        "3",
        "--target",
        "sanctions",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    // 8 rows per stance class, and sentiment no better than always `neutral` on 24 rows
    assert!(
        err.contains("warning: stance: class `favor` has 8 training rows (fewer than 20)"),
        "{err}"
    );
    assert!(err.contains("not above the majority baseline"), "{err}");
    let o = run(&[
        "score",
        "examples/harbour-strike-talks.txt",
        "--model",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("Stance toward sanctions by speaker"),
        "{}",
        stdout(&o)
    );
    let o = run(&[
        "score",
        "examples/harbour-strike-talks.txt",
        "--model",
        out.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["target"], "sanctions");
}

#[test]
fn sentiment_is_optional_and_its_columns_print_dashes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("stance-only.csv");
    let mut w = csv::Writer::from_path(&data).unwrap();
    let mut r = csv::Reader::from_path(root().join("tests/fixtures/small.csv")).unwrap();
    w.write_record(["text", "stance"]).unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        w.write_record([&rec[0], &rec[1]]).unwrap();
    }
    w.flush().unwrap();
    let out = dir.path().join("m.json");
    let o = run(&[
        "train",
        "--data",
        data.to_str().unwrap(),
        "--folds",
        "3",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&o).contains("sentiment"), "{}", stdout(&o));
    let model = standpoint::Model::load(&out).unwrap();
    assert!(model.stance.is_some() && model.sentiment.is_none());
    let o = run(&[
        "score",
        "examples/harbour-strike-talks.txt",
        "--model",
        out.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut rdr = csv::Reader::from_reader(o.stdout.as_slice());
    let h = rdr.headers().unwrap().clone();
    let i = h.iter().position(|c| c == "sentiment").unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| r[i].is_empty() || &r[i] == "-"),
        "{rows:?}"
    );
    let o = run(&[
        "score",
        "examples/harbour-strike-talks.txt",
        "--model",
        out.to_str().unwrap(),
    ]);
    let table = stdout(&o);
    let row = table.lines().find(|l| l.contains("Daniel Osei")).unwrap();
    assert!(row.trim_end_matches('│').trim_end().ends_with('-'), "{row}");
}
