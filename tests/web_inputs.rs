//! Inputs as they arrive: a saved news-site page (navigation, adverts, scripts, footer, entities)
//! gives the same quotes as its plain-text version, and the same article read from a `.csv`
//! corpus, a `.json` array and a JSON Lines `html` field gives the same quotes again.

mod common;

use common::{root, run, stderr};

const PAGE: &str = "tests/fixtures/web/harbour-page.html";
const TEXT: &str = "tests/fixtures/web/harbour-page.txt";

/// The quotes of a `score --format json` run: what attribution found (speaker, mention, cue,
/// kind, rule, text, time), without the fields that depend on where the text came from (id,
/// offsets, and the probabilities, which the title and lead shift through the relevance stage).
fn quotes(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["score", "--format", "json"];
    all.extend(args);
    let o = run(&all);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            let keep = [
                "speaker",
                "speaker_kind",
                "mention",
                "cue",
                "kind",
                "rule",
                "text",
                "time",
            ];
            serde_json::Value::Object(
                keep.iter()
                    .map(|k| (k.to_string(), q[*k].clone()))
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn a_news_page_gives_the_quotes_of_its_text() {
    let from_text = quotes(&[TEXT]);
    assert_eq!(from_text.len(), 6, "{from_text:#?}");
    let from_page = quotes(&[PAGE]);
    assert_eq!(from_page, from_text);
    let speakers: Vec<&str> = from_page
        .iter()
        .map(|q| q["speaker"].as_str().unwrap())
        .collect();
    assert_eq!(
        speakers,
        [
            "Tomas Ekberg",
            "Tomas Ekberg",
            "Halima Oduya",
            "Halima Oduya",
            "Carla Ventresca",
            "Carla Ventresca"
        ]
    );
}

#[test]
fn the_page_furniture_is_dropped_and_the_metadata_kept() {
    let html = std::fs::read_to_string(root().join(PAGE)).unwrap();
    let p = standpoint::html::extract(&html, PAGE).unwrap();
    assert_eq!(
        p.title.as_deref(),
        Some("Ferry operators and crews agree to resume talks")
    );
    assert_eq!(p.published.as_deref(), Some("2026-11-03T08:15:00Z"));
    assert!(
        p.byline
            .as_deref()
            .unwrap_or("")
            .contains("Priya Natarajan")
    );
    for furniture in [
        "Advertisement",
        "Best fares",
        "Subscribe",
        "dataLayer",
        "Privacy",
        "Related stories",
    ] {
        assert!(
            !p.text.contains(furniture),
            "`{furniture}` kept:\n{}",
            p.text
        );
    }
    // entities decoded, paragraphs separated by a blank line
    assert!(
        p.text
            .contains("\u{201c}Nobody wins a long strike,\u{201d} he added.")
    );
    assert!(
        p.text
            .contains("stranded on both sides of the sound.\n\n\"We owe it")
    );
    let body = std::fs::read_to_string(root().join(TEXT)).unwrap();
    let body = standpoint::corpus::split_title(&body).1.trim().to_string();
    assert_eq!(p.text.trim(), body);
}

#[test]
fn csv_json_array_and_jsonl_html_give_the_same_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let raw = std::fs::read_to_string(root().join(TEXT)).unwrap();
    let body = standpoint::corpus::split_title(&raw).1.trim().to_string();
    let html = std::fs::read_to_string(root().join(PAGE)).unwrap();
    let want = quotes(&[TEXT]);

    let mut w = csv::Writer::from_path(dir.path().join("c.csv")).unwrap();
    w.write_record(["story_id", "published", "body"]).unwrap();
    w.write_record(["s1", "2026-11-03", &body]).unwrap();
    w.flush().unwrap();
    let c = dir.path().join("c.csv").display().to_string();
    let got = quotes(&[
        &c,
        "--text-col",
        "body",
        "--id-col",
        "story_id",
        "--date-col",
        "published",
    ]);
    assert_eq!(got, want);

    let arr = serde_json::json!([{"id": "s1", "text": body}]);
    std::fs::write(dir.path().join("a.json"), arr.to_string()).unwrap();
    assert_eq!(
        quotes(&[&dir.path().join("a.json").display().to_string()]),
        want
    );

    let line = serde_json::json!({"id": "s1", "html": html});
    std::fs::write(dir.path().join("h.jsonl"), format!("{line}\n")).unwrap();
    assert_eq!(
        quotes(&[&dir.path().join("h.jsonl").display().to_string()]),
        want
    );
}

#[test]
fn csv_rows_are_articles_with_ids_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.csv");
    std::fs::write(
        &p,
        "id,date,text\nn1,2026-01-02,\"\"\"We want a deal,\"\" the mayor said.\"\nn2,2026-01-03,\"\"\"No talks,\"\" the governor said.\"\n",
    )
    .unwrap();
    let arts: Vec<standpoint::Article> = standpoint::corpus::Corpus::open(&[p])
        .unwrap()
        .collect::<standpoint::Result<_>>()
        .unwrap();
    assert_eq!(arts.len(), 2);
    assert_eq!(arts[1].id, "n2");
    assert_eq!(arts[1].date.as_deref(), Some("2026-01-03"));
    assert_eq!(arts[0].text, "\"We want a deal,\" the mayor said.");
}
