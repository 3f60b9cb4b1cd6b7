//! The small things of issue 11: real CSV from `eval`, misclassified rows, per-command format
//! help without rustdoc links, whole quotes in Markdown, `--by-article` in every format.

mod common;
use common::*;
use serde_json::Value;

const EXAMPLE: &str = "examples/harbour-strike-talks.txt";
const SMALL: &str = "tests/fixtures/small.csv";

#[test]
fn eval_csv_is_csv_with_model_and_baseline_rows() {
    let o = run(&["eval", "--data", SMALL, "--folds", "3", "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut rdr = csv::Reader::from_reader(o.stdout.as_slice());
    assert_eq!(
        rdr.headers().unwrap(),
        vec!["task", "protocol", "scope", "label", "metric", "value"]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let find = |task: &str, scope: &str, metric: &str| {
        rows.iter()
            .find(|r| &r[0] == task && &r[2] == scope && &r[4] == metric)
            .map(|r| r[5].parse::<f64>().unwrap())
    };
    // the CSV agrees with the JSON
    let o = run(&["eval", "--data", SMALL, "--folds", "3", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    for e in v["evaluations"].as_array().unwrap() {
        let task = e["task"].as_str().unwrap();
        assert_eq!(
            find(task, "model", "macro_f1"),
            e["report"]["macro_f1"].as_f64()
        );
        assert_eq!(
            find(task, "majority baseline", "accuracy"),
            e["majority"]["accuracy"].as_f64()
        );
        assert!(e.get("errors").is_none(), "errors only with --errors");
    }
    assert!(
        rows.iter()
            .any(|r| &r[3] == "against" && &r[4] == "support")
    );
}

#[test]
fn eval_errors_lists_every_misclassified_row() {
    let o = run(&[
        "eval", "--data", SMALL, "--folds", "3", "--format", "json", "--errors",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let small = std::fs::read_to_string(root().join(SMALL)).unwrap();
    for e in v["evaluations"].as_array().unwrap() {
        let confusion = e["report"]["confusion"].as_array().unwrap();
        let n = e["report"]["n"].as_u64().unwrap();
        let right: u64 = (0..3).map(|i| confusion[i][i].as_u64().unwrap()).sum();
        let errors = e["errors"].as_array().unwrap();
        assert_eq!(errors.len() as u64, n - right);
        for x in errors {
            assert_ne!(x["truth"], x["predicted"]);
            // the line number points at the row's text in the file
            let line = x["line"].as_u64().unwrap() as usize;
            let text = x["text"].as_str().unwrap();
            let first_word = text.split_whitespace().next().unwrap().trim_matches('"');
            assert!(
                small.lines().nth(line - 1).unwrap().contains(first_word),
                "line {line}: {text}"
            );
        }
    }
    let o = run(&["eval", "--data", SMALL, "--folds", "3", "--errors"]);
    assert!(stdout(&o).contains("stance: "), "{}", stdout(&o));
    assert!(stdout(&o).contains("misclassified rows"), "{}", stdout(&o));
    let o = run(&[
        "eval", "--data", SMALL, "--folds", "3", "--errors", "--format", "csv",
    ]);
    let mut rdr = csv::Reader::from_reader(o.stdout.as_slice());
    assert_eq!(&rdr.headers().unwrap()[1], "line");
    assert!(rdr.records().count() > 0);
}

#[test]
fn help_is_per_command_and_has_no_doc_links() {
    for cmd in ["train", "score", "eval", "explain", "eval-quotes"] {
        let o = run(&[cmd, "--help"]);
        assert!(o.status.success());
        let help = stdout(&o);
        assert!(
            !help.contains("[`"),
            "{cmd} --help shows a doc link:\n{help}"
        );
    }
    let eval = stdout(&run(&["eval", "--help"]));
    let score = stdout(&run(&["score", "--help"]));
    assert!(
        eval.contains("task,protocol,scope,label,metric,value"),
        "{eval}"
    );
    assert!(!eval.contains("quotes with --quotes"), "{eval}");
    assert!(score.contains("quotes with --quotes"), "{score}");
    assert!(!score.contains("task,protocol"), "{score}");
}

#[test]
fn markdown_keeps_whole_quotes() {
    let o = run(&["score", EXAMPLE, "--format", "markdown", "--quotes"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(!md.contains('…'), "{md}");
    let o = run(&["score", EXAMPLE, "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let quotes = v["quotes"].as_array().unwrap();
    let mut longest = 0;
    for q in quotes {
        let text = q["text"].as_str().unwrap();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        longest = longest.max(flat.chars().count());
        assert!(md.contains(&flat.replace('|', "\\|")), "missing: {flat}");
    }
    // the terminal table cuts at 90 characters: this article has quotes longer than that
    assert!(longest > 90, "{longest}");
}

#[test]
fn by_article_works_with_every_format_or_is_refused() {
    for format in ["table", "markdown", "json", "csv"] {
        let o = run(&["score", EXAMPLE, "--by-article", "--format", format]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        let out = stdout(&o);
        match format {
            "json" => {
                let v: Value = serde_json::from_str(&out).unwrap();
                assert_eq!(v["by_article"][0]["article"], "harbour-strike-talks");
            }
            "csv" => assert!(out.contains("\nharbour-strike-talks,"), "{out}"),
            _ => assert!(out.contains("harbour-strike-talks — "), "{out}"),
        }
    }
    let o = run(&[
        "score",
        EXAMPLE,
        "--by-article",
        "--quotes",
        "--format",
        "csv",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--by-article with --quotes --format csv"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
}

/// `--skip-rule interview` drops exactly the interview answers: the other rules' quotes stay.
#[test]
fn skip_rule_leaves_out_only_that_rule() {
    let rules = |extra: &[&str]| -> Vec<String> {
        let mut args = vec![
            "score",
            "examples/layouts/interview.txt",
            "examples/layouts/dash.txt",
            "--quotes",
            "--format",
            "csv",
            "-q",
        ];
        args.extend_from_slice(extra);
        let o = run(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        let mut r = csv::Reader::from_reader(o.stdout.as_slice());
        let col = r
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == "rule")
            .unwrap();
        r.records().map(|x| x.unwrap()[col].to_string()).collect()
    };
    let all = rules(&[]);
    assert!(all.iter().any(|r| r == "interview"), "{all:?}");
    assert!(all.iter().any(|r| r != "interview"), "{all:?}");
    let kept = rules(&["--skip-rule", "Interview"]);
    assert!(!kept.iter().any(|r| r == "interview"), "{kept:?}");
    assert_eq!(kept.len(), all.iter().filter(|r| *r != "interview").count());
    let o = run(&["score", EXAMPLE, "--skip-rule", "bogus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown rule `bogus`; rules: trailing_cue"),
        "{}",
        stderr(&o)
    );
}
