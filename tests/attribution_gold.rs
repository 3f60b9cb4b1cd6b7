//! Quote extraction and speaker attribution measured on the gold set in `tests/gold/`.

mod common;
use common::*;
use serde_json::Value;

#[test]
fn gold_set_quote_f1_and_speaker_accuracy() {
    let o = run(&["eval-quotes", "tests/gold", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["articles"], 40);
    let f1 = v["overlap"]["f1"].as_f64().unwrap();
    let exact = v["exact"]["f1"].as_f64().unwrap();
    let speaker = v["speaker_accuracy"].as_f64().unwrap();
    let pronoun = v["pronoun_accuracy"].as_f64().unwrap();
    eprintln!(
        "gold set: quote F1 {f1:.3} (overlap >= 0.5), {exact:.3} (exact); speaker accuracy {speaker:.3}; pronouns {pronoun:.3}"
    );
    // measured: overlap F1 0.956, exact 0.935, speaker 0.957, pronouns 0.909. The floor
    // is 0.90; these guards sit a little under the measured numbers so a regression shows.
    assert!(f1 >= 0.94, "quote F1 {f1}");
    assert!(exact >= 0.92, "exact-span quote F1 {exact}");
    assert!(pronoun >= 0.85, "pronoun resolution {pronoun}");
    // end to end: stance and sentiment of the matched quotes against the gold labels, beside
    // the majority baseline of the same run
    let labels = v["labels"]
        .as_array()
        .expect("labels with the shipped model");
    assert_eq!(labels.len(), 2);
    for t in labels {
        let task = t["task"].as_str().unwrap();
        let m = t["report"]["macro_f1"].as_f64().unwrap();
        let base = t["majority"]["macro_f1"].as_f64().unwrap();
        let n = t["report"]["n"].as_u64().unwrap();
        eprintln!("gold set {task}: macro-F1 {m:.3} on {n} matched quotes (majority {base:.3})");
        assert!(n >= 300, "{task}: {n} matched quotes");
        assert!(m >= base + 0.25, "{task}: macro-F1 {m} vs majority {base}");
    }
    assert!(speaker >= 0.94, "speaker accuracy {speaker}");
    assert_eq!(
        v["scare_quotes_extracted"], 0,
        "scare quotes and titles are not speech"
    );
    // every layout tag of the gold README is measured
    let layouts = v["layouts"].as_object().unwrap();
    for tag in [
        "split",
        "nested",
        "colon",
        "passive",
        "multiple_speakers",
        "next_sentence",
        "pronoun",
        "noun_phrase",
    ] {
        assert!(layouts.contains_key(tag), "layout {tag}");
    }
}

#[test]
fn gold_files_are_consistent() {
    // read_gold checks that every span slices its text
    let gold =
        standpoint::quote_eval::read_gold(&root().join("tests/gold")).expect("valid gold set");
    let quotes: usize = gold.iter().map(|(g, _)| g.quotes.len()).sum();
    assert!(quotes >= 300, "{quotes}");
}

#[test]
fn no_labels_measures_attribution_only() {
    let o = run(&[
        "eval-quotes",
        "tests/gold",
        "--format",
        "json",
        "--no-labels",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v.get("labels").is_none());
    assert_eq!(v["articles"], 40);
}

#[test]
fn csv_is_one_long_table_of_the_json_numbers() {
    let csv_out = run(&[
        "eval-quotes",
        "tests/gold",
        "--no-labels",
        "--format",
        "csv",
    ]);
    assert!(csv_out.status.success(), "{}", stderr(&csv_out));
    let json_out = run(&[
        "eval-quotes",
        "tests/gold",
        "--no-labels",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&json_out)).unwrap();
    let text = stdout(&csv_out);
    assert!(
        !text.trim_start().starts_with('{'),
        "CSV, not JSON:\n{text}"
    );
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(rdr.headers().unwrap(), vec!["slice", "metric", "value"]);
    let rows: Vec<(String, String, f64)> = rdr
        .records()
        .map(|r| {
            let r = r.unwrap();
            assert_eq!(r.len(), 3, "{r:?}");
            (r[0].to_string(), r[1].to_string(), r[2].parse().unwrap())
        })
        .collect();
    let get = |s: &str, m: &str| {
        rows.iter()
            .find(|r| r.0 == s && r.1 == m)
            .unwrap_or_else(|| panic!("no row {s},{m}"))
            .2
    };
    assert_eq!(
        get("all", "overlap_f1"),
        v["overlap"]["f1"].as_f64().unwrap()
    );
    assert_eq!(get("all", "articles"), 40.0);
    assert_eq!(
        get("layout:pronoun", "found"),
        v["layouts"]["pronoun"]["found"].as_f64().unwrap()
    );
    assert_eq!(
        get("rule:reported", "predicted"),
        v["rules"]["reported"]["predicted"].as_f64().unwrap()
    );
    // with --errors the CSV is the mistakes table instead (a CSV holds one table)
    let e = run(&[
        "eval-quotes",
        "tests/gold",
        "--no-labels",
        "--errors",
        "--format",
        "csv",
    ]);
    let text = stdout(&e);
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        rdr.headers().unwrap(),
        vec!["article", "what", "expected", "predicted", "text"]
    );
    assert_eq!(rdr.records().count(), v["errors"].as_array().unwrap().len());
}
