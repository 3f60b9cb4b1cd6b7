//! Stance over time end to end: dates from JSON Lines and `--date` reach every quote row, and
//! `--by` groups articles into calendar periods with an `undated` period for the rest.

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// Five articles the team wrote: two in January 2020, one in February, one without a date and
/// one whose date is not a date.
const CORPUS: &str = concat!(
    r#"{"id":"jan-a","date":"2020-01-06","title":"Port talks","text":"\"We are ready to return to the table tomorrow,\" said Ana Ruiz, the union leader. The port was quiet."}"#,
    "\n",
    r#"{"id":"jan-b","date":"2020-01-28T08:30:00Z","title":"Port talks stall","text":"\"We will never negotiate with people who lock us out,\" said Ana Ruiz. \"The offer is an insult,\" said Tomas Berg, a docker."}"#,
    "\n",
    r#"{"id":"feb-a","date":"2020-02-03","title":"Port deal","text":"\"This agreement is good for the whole city,\" said Mayor Lena Holt on Monday."}"#,
    "\n",
    r#"{"id":"no-date","title":"Port notes","text":"\"We hope both sides keep talking,\" said Omar Said, a shop owner."}"#,
    "\n",
    r#"{"id":"bad-date","date":"early spring","title":"Port notes","text":"\"Nobody asked us,\" said Petra Lind, a crane driver."}"#,
    "\n",
);

fn corpus_file() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("port.jsonl");
    std::fs::write(&p, CORPUS).unwrap();
    let s = p.to_str().unwrap().to_string();
    (dir, s)
}

fn json(args: &[&str]) -> Value {
    let o = run(args);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

#[test]
fn by_month_gives_the_calendar_periods_and_an_undated_one() {
    let (_dir, path) = corpus_file();
    let v = json(&["score", &path, "--by", "month", "--format", "json"]);
    let quotes = v["quotes"].as_array().unwrap();
    // every quote carries its article's date as given
    let mut per_article: BTreeMap<&str, usize> = BTreeMap::new();
    for q in quotes {
        let id = q["article"].as_str().unwrap();
        *per_article.entry(id).or_default() += 1;
        let want = match id {
            "jan-a" => Value::from("2020-01-06"),
            "jan-b" => Value::from("2020-01-28T08:30:00Z"),
            "feb-a" => Value::from("2020-02-03"),
            "bad-date" => Value::from("early spring"),
            _ => Value::Null,
        };
        assert_eq!(q["date"], want, "{q}");
    }
    assert_eq!(
        per_article,
        BTreeMap::from([
            ("bad-date", 1),
            ("feb-a", 1),
            ("jan-a", 1),
            ("jan-b", 2),
            ("no-date", 1)
        ]),
        "the test texts' quotes"
    );
    let by = &v["by_period"];
    assert_eq!(by["by"], "month");
    let periods: Vec<(String, u64, u64)> = by["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap().to_string(),
                p["articles"].as_u64().unwrap(),
                p["quotes"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        periods,
        [
            ("2020-01".to_string(), 2, 3),
            ("2020-02".to_string(), 1, 1),
            ("undated".to_string(), 2, 2)
        ]
    );
    // January: Ana Ruiz twice (one article each), with an interval; Tomas Berg once, without
    let jan = &by["periods"][0];
    let ana = jan["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["speaker"] == "Ana Ruiz")
        .expect("Ana Ruiz in January");
    assert_eq!(
        (ana["quotes"].as_u64(), ana["articles"].as_u64()),
        (Some(2), Some(2))
    );
    assert!(ana["net_stance_interval"].is_array());
    assert_eq!(jan["all"]["quotes"], 3);

    // the same periods as CSV; the table prints them after the speaker table
    let o = run(&["score", &path, "--by", "month", "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    assert!(csv.starts_with("period,articles,speaker,kind,quotes,stance,net_stance"));
    assert!(csv.contains("\n2020-01,2,all speakers,,3,"), "{csv}");
    assert!(csv.contains("\n2020-02,1,all speakers,,1,"), "{csv}");
    assert!(csv.contains("\nundated,2,all speakers,,2,"), "{csv}");
    let o = run(&["score", &path, "--by", "year"]);
    let table = stdout(&o);
    assert!(
        table.contains("Stance toward negotiation by year (2 years, 5 articles, 6 quotes;"),
        "{table}"
    );
    // the period table takes the place of the run-wide speaker table
    assert!(!table.contains("by speaker ("), "{table}");
    assert!(
        table.contains("│ 2020    ┆        3 ┆ all speakers"),
        "{table}"
    );
    assert!(
        table.contains("│ undated ┆        2 ┆ all speakers"),
        "{table}"
    );
}

#[test]
fn since_and_until_keep_the_dated_articles_in_range() {
    let (_dir, path) = corpus_file();
    let o = run(&[
        "score",
        &path,
        "--since",
        "2020-01-10",
        "--until",
        "2020-02-03",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("3 article(s) outside --since/--until (or without a date) left out"),
        "{}",
        stderr(&o)
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["articles"], 2);
    let ids: Vec<&str> = v["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["article"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["jan-b", "jan-b", "feb-a"]);
    let o = run(&["score", &path, "--since", "2020-02-30"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("`2020-02-30` is not a date"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn date_option_dates_plain_text_in_json_and_csv() {
    let text = "Harbour update\n\n\"We can settle this by Friday,\" said Ana Ruiz.\n";
    let o = run_with_stdin(
        &["score", "-", "--date", "2021-05-04", "--format", "json"],
        text,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let q = &v["quotes"][0];
    assert_eq!(q["date"], "2021-05-04");
    let o = run_with_stdin(
        &[
            "score",
            "-",
            "--date",
            "2021-05-04",
            "--format",
            "csv",
            "--quotes",
        ],
        text,
    );
    let csv = stdout(&o);
    assert!(csv.starts_with("article,date,speaker,"), "{csv}");
    assert!(csv.contains("\nstdin,2021-05-04,Ana Ruiz,"), "{csv}");
    // without --date a plain file is undated
    let o = run_with_stdin(&["score", "-", "--by", "week", "--format", "csv"], text);
    assert!(
        stdout(&o).contains("\nundated,1,all speakers,,1,"),
        "{}",
        stdout(&o)
    );
}
