//! `score --max-article-bytes`: an article longer than the limit is attributed in blocks of whole
//! paragraphs, and the quotes it reports still slice the original text.

mod common;

use common::{run, stderr, stdout};

const EXAMPLE: &str = "examples/harbour-strike-talks.txt";

/// The JSON report of `score` on `input` with the extra `args`.
fn score_json(input: &str, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["score", input, "--format", "json", "-q"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON output")
}

/// Checks that every quote's parts slice `text` into the quote's text, and its start and end are
/// the first part's start and the last part's end.
fn assert_spans_slice(text: &str, report: &serde_json::Value) -> usize {
    let quotes = report["quotes"].as_array().expect("quotes");
    for q in quotes {
        let parts: Vec<(usize, usize)> = q["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p[0].as_u64().unwrap() as usize,
                    p[1].as_u64().unwrap() as usize,
                )
            })
            .collect();
        let joined = parts
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(q["text"].as_str().unwrap(), joined, "{q}");
        assert_eq!(q["start"].as_u64().unwrap() as usize, parts[0].0);
        assert_eq!(q["end"].as_u64().unwrap() as usize, parts.last().unwrap().1);
        if let Some(m) = q["mention"].as_str().filter(|m| !m.is_empty()) {
            assert!(text.contains(m), "mention {m:?} is not in the text");
        }
    }
    quotes.len()
}

#[test]
fn a_small_window_on_a_normal_article_still_reports_its_quotes() {
    let file = std::fs::read_to_string(common::root().join(EXAMPLE)).unwrap();
    // offsets index the article's body, after its title line
    let text = standpoint::corpus::split_title(&file).1;
    assert!(text.len() > 1000);
    let whole = score_json(EXAMPLE, &[]);
    let windowed = score_json(EXAMPLE, &["--max-article-bytes", "300"]);
    let n_whole = assert_spans_slice(text, &whole);
    let n_windowed = assert_spans_slice(text, &windowed);
    assert!(n_windowed > 0);
    // the blocks cut no quote of this article: the same quotes, give or take one that needed
    // the context of the block before
    assert!(
        n_windowed.abs_diff(n_whole) <= 2,
        "{n_whole} vs {n_windowed}"
    );
    // the same speakers are found
    let names = |r: &serde_json::Value| {
        r["speakers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["speaker"].as_str().unwrap().to_string())
            .collect::<std::collections::BTreeSet<_>>()
    };
    let common_speakers = names(&whole).intersection(&names(&windowed)).count();
    assert!(common_speakers >= names(&whole).len() / 2);
}

#[test]
fn a_long_article_in_windows_gives_the_quotes_of_the_whole() {
    // self-contained paragraphs (each names its speaker), about 40 kB
    let text = (0..300)
        .map(|i| {
            format!(
                "Ilse Varga of the Water Board met the union on day {i}. \u{201c}We can settle \
                 clause {i} this week,\u{201d} Varga said."
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    std::fs::write(&path, &text).unwrap();
    let p = path.to_str().unwrap();
    let whole = score_json(p, &[]);
    let windowed = score_json(p, &["--max-article-bytes", "4000"]);
    assert_eq!(standpoint::corpus::split_title(&text).1, text);
    assert_eq!(assert_spans_slice(&text, &whole), 300);
    assert_eq!(assert_spans_slice(&text, &windowed), 300);
    assert_eq!(whole["quotes"], windowed["quotes"]);
    assert_eq!(whole["speakers"], windowed["speakers"]);
}

#[test]
fn a_zero_or_absurd_window_is_a_usage_error() {
    for (value, says) in [
        ("0", "0 bytes is outside 64 to 1073741824"),
        ("10", "10 bytes is outside 64 to 1073741824"),
        (
            "5000000000000",
            "5000000000000 bytes is outside 64 to 1073741824",
        ),
        ("99999999999999999999999", "is not a whole number of bytes"),
        ("-5", "is not a whole number of bytes"),
        ("5MB", "is not a whole number of bytes"),
    ] {
        let out = run(&["score", EXAMPLE, &format!("--max-article-bytes={value}")]);
        assert_eq!(out.status.code(), Some(2), "{value}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{value}: {}", stderr(&out));
        assert!(stdout(&out).is_empty());
    }
}
