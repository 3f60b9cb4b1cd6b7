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
