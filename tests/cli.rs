//! End-to-end tests of the `standpoint` binary: scoring, output formats, and clean failures.

mod common;
use common::*;
use serde_json::Value;

const EXAMPLE: &str = "examples/harbour-strike-talks.txt";

#[test]
fn golden_table_for_the_example_article() {
    let o = run(&["score", EXAMPLE]);
    assert!(o.status.success(), "{}", stderr(&o));
    let got = stdout(&o);
    let golden = root().join("tests/golden/harbour-strike-talks.table.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &got).unwrap();
    }
    let want = std::fs::read_to_string(&golden)
        .expect("golden file (UPDATE_GOLDEN=1 cargo test writes it)");
    assert_eq!(
        got,
        want,
        "table differs from {}; if the change is intended, rerun with UPDATE_GOLDEN=1",
        golden.display()
    );
}

#[test]
fn json_schema_and_byte_offsets() {
    let o = run(&["score", EXAMPLE, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("one JSON object");
    let article_text = {
        let raw = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
        standpoint::corpus::split_title(&raw).1.to_string()
    };
    let speakers = v["speakers"].as_array().expect("speakers array");
    let quotes = v["quotes"].as_array().expect("quotes array");
    assert!(speakers.len() >= 4 && quotes.len() >= 10);
    for s in speakers {
        for key in [
            "speaker",
            "aliases",
            "kind",
            "quotes",
            "stance",
            "net_stance",
            "articles",
        ] {
            assert!(s.get(key).is_some(), "speaker lacks {key}: {s}");
        }
        let net = s["net_stance"].as_f64().unwrap();
        assert!((-1.0..=1.0).contains(&net));
        assert!(
            ["person", "group", "organization", "state", "unknown"]
                .contains(&s["kind"].as_str().unwrap())
        );
        let label = s["stance"].as_str().unwrap();
        assert!(["favor", "against", "neutral", "mixed"].contains(&label));
        // the label follows the counts of the speaker's quote labels: neutral when none takes
        // a side, the side of at least two thirds of the side-taking quotes, otherwise mixed
        let c = |k: &str| s["stance_counts"][k].as_u64().unwrap();
        let (f, a, n) = (c("favor"), c("against"), c("neutral"));
        assert_eq!(f + a + n, s["quotes"].as_u64().unwrap(), "{s}");
        let expected = if f + a == 0 {
            "neutral"
        } else if 3 * f >= 2 * (f + a) {
            "favor"
        } else if 3 * a >= 2 * (f + a) {
            "against"
        } else {
            "mixed"
        };
        assert_eq!(label, expected, "{s}");
    }
    let total: u64 = speakers.iter().map(|s| s["quotes"].as_u64().unwrap()).sum();
    assert_eq!(total as usize, quotes.len());
    for q in quotes {
        for key in [
            "article",
            "speaker",
            "mention",
            "cue",
            "kind",
            "text",
            "start",
            "end",
            "stance",
            "probabilities",
            "sentiment",
        ] {
            assert!(q.get(key).is_some(), "quote lacks {key}: {q}");
        }
        let p = &q["probabilities"];
        let sum: f64 = ["favor", "against", "neutral"]
            .iter()
            .map(|k| p[k].as_f64().unwrap())
            .sum();
        assert!((sum - 1.0).abs() < 1e-9);
        let (s, e) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        let parts = q["parts"].as_array().unwrap();
        if parts.len() == 1 {
            assert_eq!(&article_text[s..e], q["text"].as_str().unwrap());
        }
        assert!(["direct", "indirect", "mixed"].contains(&q["kind"].as_str().unwrap()));
    }
    // a known quote, with its exact span
    let q = quotes
        .iter()
        .find(|q| {
            q["text"]
                .as_str()
                .unwrap()
                .starts_with("We are not going to negotiate")
        })
        .expect("Kowalczyk's quote");
    assert_eq!(q["speaker"], "Marta Kowalczyk");
    assert_eq!(q["kind"], "direct");
    assert_eq!(q["stance"], "against");
}

#[test]
fn csv_and_markdown_and_by_article() {
    let o = run(&["score", EXAMPLE, "--format", "csv"]);
    assert!(o.status.success());
    let out = stdout(&o);
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    assert_eq!(&headers[1], "speaker");
    assert!(rdr.records().count() >= 4);

    let o = run(&["score", EXAMPLE, "--format", "csv", "--quotes"]);
    let out = stdout(&o);
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(&rdr.headers().unwrap()[0], "article");
    assert_eq!(&rdr.headers().unwrap()[1], "date");
    assert!(rdr.records().all(|r| r.unwrap().len() == 22));

    let o = run(&[
        "score",
        EXAMPLE,
        "--format",
        "markdown",
        "--quotes",
        "--by-article",
    ]);
    let out = stdout(&o);
    assert!(out.contains("| speaker"));
    assert!(out.contains("### harbour-strike-talks — Dock Union Rejects Pay Offer"));
    assert!(out.contains("### Quotes"));
}

#[test]
fn stdin_text_and_jsonl() {
    let o = run_with_stdin(
        &["score", "-", "--format", "json"],
        "\"We will never talk to them,\" the defence minister said.\n",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["quotes"][0]["speaker"], "defence minister");
    assert_eq!(v["quotes"][0]["article"], "stdin");

    let jsonl = concat!(
        "{\"id\":\"a1\",\"title\":\"T\",\"date\":\"2020-01-01\",\"source\":\"x\",\"text\":\"\\\"We welcome the talks,\\\" said Anna Berg.\"}\n",
        "{\"id\":\"a2\",\"text\":\"Anna Berg said the talks were a trap.\"}\n"
    );
    let o = run_with_stdin(&["score", "-", "--format", "json"], jsonl);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["articles"], 2);
    assert_eq!(v["speakers"][0]["speaker"], "Anna Berg");
    assert_eq!(v["speakers"][0]["articles"], 2);
}

#[test]
fn bad_inputs_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let d = |n: &str| dir.path().join(n);

    let o = run(&["score", path_str(&d("missing.txt"))]);
    assert_clean_failure(&o, "missing.txt: no such file or folder");

    let o = run(&[
        "score",
        "--majority",
        "0.5",
        "examples/harbour-strike-talks.txt",
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("0.5 is outside (0.5, 1]"),
        "{}",
        stderr(&o)
    );

    std::fs::write(d("empty.txt"), "\n  \n").unwrap();
    let o = run(&["score", path_str(&d("empty.txt"))]);
    assert_clean_failure(&o, "empty.txt: empty article");

    std::fs::write(d("binary.txt"), [0x7fu8, b'E', b'L', b'F', 0, 1, 2]).unwrap();
    let o = run(&["score", path_str(&d("binary.txt"))]);
    assert_clean_failure(&o, "binary.txt: binary file");

    std::fs::write(d("latin1.txt"), b"Caf\xe9 talks resumed.").unwrap();
    let o = run(&["score", path_str(&d("latin1.txt"))]);
    assert_clean_failure(&o, "not UTF-8");

    std::fs::write(
        d("bad.jsonl"),
        "{\"id\":1,\"text\":\"ok text\"}\nnot json\n",
    )
    .unwrap();
    let o = run(&["score", path_str(&d("bad.jsonl"))]);
    assert_clean_failure(&o, "bad.jsonl:2: not a JSON article object");

    std::fs::write(d("nocol.csv"), "text,sentiment\nWe talk.,positive\n").unwrap();
    let o = run(&[
        "train",
        "--data",
        path_str(&d("nocol.csv")),
        "--out",
        path_str(&d("m.json")),
    ]);
    assert_clean_failure(&o, "nocol.csv:1: missing column `stance`");

    std::fs::write(
        d("label.csv"),
        "text,stance,sentiment\nWe talk.,favor,positive\nNo.,maybe,negative\n",
    )
    .unwrap();
    let o = run(&[
        "train",
        "--data",
        path_str(&d("label.csv")),
        "--out",
        path_str(&d("m.json")),
    ]);
    assert_clean_failure(&o, "label.csv:3: field `stance`: unknown label `maybe`");

    std::fs::write(
        d("ragged.csv"),
        "text,stance,sentiment\nWe talk.,favor,positive\nNo.,against\n",
    )
    .unwrap();
    let o = run(&[
        "train",
        "--data",
        path_str(&d("ragged.csv")),
        "--out",
        path_str(&d("m.json")),
    ]);
    assert_clean_failure(
        &o,
        "ragged.csv:3: ragged row: 2 fields where the header has 3",
    );
    assert!(!d("m.json").exists(), "no model is written on error");

    std::fs::write(d("notours.json"), "{\"weights\": [1, 2, 3]}").unwrap();
    let o = run(&["score", EXAMPLE, "--model", path_str(&d("notours.json"))]);
    assert_clean_failure(&o, "not a standpoint model");

    std::fs::write(
        d("v99.json"),
        "{\"format\":\"standpoint-model\",\"format_version\":99}",
    )
    .unwrap();
    let o = run(&["score", EXAMPLE, "--model", path_str(&d("v99.json"))]);
    let want = format!(
        "model format version 99 but this build of standpoint reads version {}",
        standpoint::model::FORMAT_VERSION
    );
    assert_clean_failure(&o, &want);

    let o = run(&[
        "train",
        "--data",
        "tests/fixtures/small.csv",
        "--out",
        path_str(&d("m.json")),
        "--alpha=-1",
    ]);
    assert_clean_failure(&o, "alpha -1 must be > 0");
}

#[test]
fn quotes_name_the_same_speakers_as_the_table() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Talks\n\nPresident Donald Trump said the talks were a waste of time.",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "More talks\n\nTrump said he would welcome a new round of talks.",
    )
    .unwrap();
    let o = run(&["score", path_str(dir.path()), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v["speakers"].as_array().unwrap().len(),
        1,
        "{}",
        v["speakers"]
    );
    assert_eq!(v["speakers"][0]["speaker"], "Donald Trump");
    assert_eq!(v["speakers"][0]["articles"], 2);
    for q in v["quotes"].as_array().unwrap() {
        assert_eq!(q["speaker"], "Donald Trump");
    }
}

#[test]
fn by_article_csv_has_per_article_and_overall_rows_and_skip_bad_continues() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(EXAMPLE), dir.path().join("a.txt")).unwrap();
    std::fs::write(dir.path().join("b.txt"), "").unwrap();
    let o = run(&[
        "score",
        path_str(dir.path()),
        "--format",
        "csv",
        "--by-article",
    ]);
    assert_clean_failure(&o, "b.txt: empty article");
    let o = run(&[
        "score",
        path_str(dir.path()),
        "--format",
        "csv",
        "--by-article",
        "--skip-bad",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning: skipped"), "{}", stderr(&o));
    let out = stdout(&o);
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let per_article = rows.iter().filter(|r| &r[0] == "a").count();
    let overall = rows.iter().filter(|r| r[0].is_empty()).count();
    assert!(per_article >= 4);
    assert_eq!(per_article, overall);
}

#[test]
fn alias_file_merges_speakers_across_articles() {
    let rows = |args: &[&str]| {
        let o = run(args);
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        v["speakers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["speaker"].as_str().unwrap().to_string(),
                    s["articles"].as_u64().unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    let plain = rows(&["score", "--format", "json", "examples/alias-demo"]);
    assert_eq!(plain.len(), 2, "{plain:?}");
    let merged = rows(&[
        "score",
        "--format",
        "json",
        "--alias",
        "examples/aliases.csv",
        "examples/alias-demo",
    ]);
    assert_eq!(merged, [("Donald Trump".to_string(), 2)]);
}
