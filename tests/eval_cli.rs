//! `standpoint eval` and `standpoint explain` end to end, and the accuracy floors on real data.

mod common;
use common::*;
use serde_json::Value;

fn eval_json(args: &[&str]) -> Value {
    let mut all = vec!["eval", "--format", "json"];
    all.extend_from_slice(args);
    let o = run(&all);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("eval prints JSON")
}

#[test]
fn ibm_argq_stance_macro_f1_floor() {
    let Some(shared) = shared() else { return };
    let data = shared.join("data/ibm-argq-30k/sentences.csv");
    // 20,974 training rows: scikit-learn's default penalty (alpha = 1/C = 1) suits this size
    let v = eval_json(&[
        "--data",
        path_str(&data),
        "--split-col",
        "split",
        "--sentiment-col",
        "-",
        "--alpha",
        "1",
        "--class-weight",
        "none",
    ]);
    let e = &v["evaluations"][0];
    assert_eq!(e["task"], "stance");
    assert_eq!(e["n_train"], 20974);
    assert_eq!(e["report"]["n"], 6315);
    let f1 = e["report"]["macro_f1"].as_f64().unwrap();
    eprintln!("IBM ArgQ stance macro-F1 measured: {f1:.4}");
    assert!(f1 >= 0.66, "macro-F1 {f1}");
    assert!(e["majority"]["accuracy"].as_f64().unwrap() > 0.5);
}

#[test]
fn cross_validation_report_on_the_shipped_data() {
    let v = eval_json(&["--data", "training_data/negotiation.csv", "--folds", "5"]);
    let evals = v["evaluations"].as_array().unwrap();
    assert_eq!(evals.len(), 2);
    let stance = &evals[0];
    let f1 = stance["report"]["macro_f1"].as_f64().unwrap();
    eprintln!("shipped data, stance 5-fold macro-F1: {f1:.4}");
    assert!(f1 > 0.8, "{f1}");
    assert!(stance["report"]["f_avg"].as_f64().is_some());
    assert!(
        evals[1]["report"]["f_avg"].is_null(),
        "F_avg is for stance only"
    );
    let bins = stance["calibration"]["bins"].as_array().unwrap();
    assert_eq!(bins.len(), 10);
    let counted: u64 = bins.iter().map(|b| b["count"].as_u64().unwrap()).sum();
    assert_eq!(counted, stance["report"]["n"].as_u64().unwrap());
    let brier = stance["calibration"]["brier"].as_f64().unwrap();
    assert!((0.0..0.5).contains(&brier), "{brier}");
    // the baseline predicts one label: the most frequent, neutral (speech about other subjects)
    let base = &stance["majority"];
    assert_eq!(stance["majority_label"], "neutral");
    assert!(base["macro_f1"].as_f64().unwrap() < 0.3);
    assert!(base["accuracy"].as_f64().unwrap() < stance["report"]["accuracy"].as_f64().unwrap());
}

#[test]
fn fixed_split_saved_model_and_column_mapping() {
    let dir = tempfile::tempdir().unwrap();
    // a dataset with other column names, converted with no code
    let csv = dir.path().join("renamed.csv");
    let mut w = csv::Writer::from_path(&csv).unwrap();
    w.write_record(["sentence", "label", "part"]).unwrap();
    let src = std::fs::read_to_string(root().join("tests/fixtures/small.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(src.as_bytes());
    for (i, r) in rdr.records().enumerate() {
        let r = r.unwrap();
        w.write_record([&r[0], &r[1], if i % 3 == 0 { "test" } else { "train" }])
            .unwrap();
    }
    w.flush().unwrap();
    let v = eval_json(&[
        "--data",
        path_str(&csv),
        "--text-col",
        "sentence",
        "--stance-col",
        "label",
        "--sentiment-col",
        "-",
        "--split-col",
        "part",
        "--min-df",
        "1",
    ]);
    assert_eq!(v["evaluations"].as_array().unwrap().len(), 1);
    assert_eq!(v["evaluations"][0]["report"]["n"], 8);

    // a saved model evaluated on a test file
    let v = eval_json(&[
        "--model",
        "models/negotiation.json",
        "--test",
        "tests/fixtures/small.csv",
    ]);
    let evals = v["evaluations"].as_array().unwrap();
    assert_eq!(evals.len(), 2);
    assert!(
        evals[0]["protocol"]
            .as_str()
            .unwrap()
            .starts_with("model negotiation.json")
    );
    assert!(evals[0]["report"]["accuracy"].as_f64().unwrap() > 0.5);

    let o = run(&["eval"]);
    assert_clean_failure(&o, "give --data FILE");
}

#[test]
fn grid_search_prints_every_point() {
    let v = eval_json(&[
        "--data",
        "tests/fixtures/small.csv",
        "--folds",
        "3",
        "--grid",
        "--grid-axes",
        "alpha,ngrams,nb",
        "--sentiment-col",
        "-",
    ]);
    let points = v["grids"][0]["points"].as_array().unwrap();
    // 6 penalties × 3 word n-gram ranges × NB weights off and on
    assert_eq!(points.len(), 36);
    let best = points
        .iter()
        .map(|p| p["macro_f1"].as_f64().unwrap())
        .fold(0.0, f64::max);
    let final_f1 = v["evaluations"][0]["report"]["macro_f1"].as_f64().unwrap();
    assert!(
        (best - final_f1).abs() < 0.05,
        "grid best {best} vs refit {final_f1}"
    );
}

#[test]
fn grid_alpha_replaces_the_penalties_and_rejects_non_positive_values() {
    let v = eval_json(&[
        "--data",
        "tests/fixtures/small.csv",
        "--folds",
        "3",
        "--grid",
        "--grid-axes",
        "ngrams",
        "--grid-alpha",
        "0.2,5",
        "--sentiment-col",
        "-",
    ]);
    let points = v["grids"][0]["points"].as_array().unwrap();
    // 2 penalties × 3 word n-gram ranges
    assert_eq!(points.len(), 6);
    let mut alphas: Vec<f64> = points
        .iter()
        .map(|p| p["alpha"].as_f64().unwrap())
        .collect();
    alphas.sort_by(f64::total_cmp);
    alphas.dedup();
    assert_eq!(alphas, vec![0.2, 5.0]);
    for bad in ["0", "-1", "x"] {
        let arg = format!("--grid-alpha={bad}");
        let o = run(&["eval", "--data", "tests/fixtures/small.csv", "--grid", &arg]);
        assert!(!o.status.success(), "--grid-alpha {bad} was accepted");
        assert!(
            stderr(&o).contains("is not a positive number"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn explain_top_terms_a_sentence_and_an_article() {
    let o = run(&["explain", "--top", "5"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("stance → favor")
            && out.contains("stance → against")
            && out.contains("sentiment → positive")
            && out.contains("relevance → other")
    );

    let o = run(&[
        "explain",
        "--text",
        "The union rejected the offer and vowed to stay on strike.",
    ]);
    let out = stdout(&o);
    // relevance first, then the stance classifier and the relevance-weighted stance
    assert!(out.starts_with("relevance: negotiation"), "{out}");
    assert!(out.contains("\nstance: against"), "{out}");
    assert!(
        out.contains("reported stance, weighted by relevance"),
        "{out}"
    );
    assert!(out.contains("because: "), "{out}");

    let o = run(&["explain", "examples/harbour-strike-talks.txt", "--top", "3"]);
    let out = stdout(&o);
    assert!(
        out.contains("Marta Kowalczyk") && out.contains("because"),
        "{out}"
    );

    let o = run(&[
        "score",
        "examples/harbour-strike-talks.txt",
        "--quotes",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let q = &v["quotes"][0];
    let because = q["because"].as_array().unwrap();
    assert!(!because.is_empty() && because.len() <= 3, "{q}");
}

/// tests/fixtures/small.csv with a `topic` column: six topics of four rows each.
fn small_with_topics(dir: &std::path::Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(root().join("tests/fixtures/small.csv")).unwrap();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i == 0 {
            out.push_str(&format!("{line},topic\n"));
        } else {
            out.push_str(&format!("{line},t{}\n", (i - 1) % 6));
        }
    }
    let p = dir.join("topics.csv");
    std::fs::write(&p, out).unwrap();
    p
}

#[test]
fn group_col_groups_the_folds_of_cross_validation_and_the_grid() {
    let dir = tempfile::tempdir().unwrap();
    let data = small_with_topics(dir.path());
    let grid = [
        "--data",
        path_str(&data),
        "--sentiment-col",
        "-",
        "--folds",
        "3",
        "--group-col",
        "topic",
        "--grid",
        "--grid-axes",
        "alpha",
    ];
    let v = eval_json(&grid);
    let protocol = v["evaluations"][0]["protocol"].as_str().unwrap();
    assert!(
        protocol.starts_with("3-fold cross-validation grouped by topic (6 groups, seed 42)"),
        "{protocol}"
    );
    let folds = v["grids"][0]["folds"].as_str().unwrap();
    assert!(folds.contains("grouped by topic (6 groups"), "{folds}");
    // the table names the grouping in the grid's heading
    let o = run(&[&["eval"][..], &grid].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("grouped by topic"), "{}", stdout(&o));
    // more folds than topics
    let o = run(&[
        "eval",
        "--data",
        path_str(&data),
        "--sentiment-col",
        "-",
        "--folds",
        "7",
        "--group-col",
        "topic",
    ]);
    assert_clean_failure(&o, "6 distinct groups for 7 folds");
    assert!(stderr(&o).contains("topics.csv") && stderr(&o).contains("`topic`"));
    // a column the file does not have
    let o = run(&["eval", "--data", path_str(&data), "--group-col", "motion"]);
    assert_clean_failure(&o, "motion");
    assert!(stderr(&o).contains("topics.csv"), "{}", stderr(&o));
}
