//! The HTML report rendered in a real browser: headless Chromium loads the page, runs its
//! script, takes a screenshot and dumps the DOM, which must hold one row per speaker and one
//! highlight per quote of the JSON output of the same run.
//!
//! Chromium comes from Debian's `chromium` package (`.ci/run` installs it and sets
//! `STANDPOINT_REQUIRE_CHROMIUM=1`, which turns a missing browser into a failure). Elsewhere the
//! test skips with a loud message when `/usr/bin/chromium` is absent. `UPDATE_SCREENSHOT=1`
//! copies the example's screenshot to `docs/report-example.png`.

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";
const WIDTH: u32 = 1280;
const HEIGHT: u32 = 2000;

fn chromium() -> Option<PathBuf> {
    let p = PathBuf::from(CHROMIUM);
    if p.exists() {
        return Some(p);
    }
    if std::env::var_os("STANDPOINT_REQUIRE_CHROMIUM").is_some() {
        panic!("{CHROMIUM} is missing: install Debian's `chromium` package (.ci/run does)");
    }
    eprintln!(
        "SKIPPED: {CHROMIUM} is absent, so the HTML report is not checked in a browser \
         (apt-get install -y chromium; .ci/run installs it)"
    );
    None
}

fn browser(chromium: &Path, profile: &Path, args: &[&str], page: &Path) -> std::process::Output {
    Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            &format!("--user-data-dir={}", profile.display()),
            &format!("--window-size={WIDTH},{HEIGHT}"),
        ])
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs")
}

/// Distinct values of `attr="…"` on elements whose opening tag starts with `tag_start`.
fn distinct_attr(dom: &str, tag_start: &str, attr: &str) -> (usize, BTreeSet<String>) {
    let mut n = 0;
    let mut values = BTreeSet::new();
    for piece in dom.split(tag_start).skip(1) {
        let tag = &piece[..piece.find('>').unwrap_or(piece.len())];
        n += 1;
        let key = format!("{attr}=\"");
        if let Some(i) = tag.find(&key) {
            let rest = &tag[i + key.len()..];
            values.insert(rest[..rest.find('"').unwrap()].to_string());
        }
    }
    (n, values)
}

/// Renders `inputs` as HTML and JSON, opens the page in Chromium and checks it.
fn check_report(name: &str, inputs: &[&str]) {
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join(format!("{name}.html"));
    let mut args = vec!["score"];
    args.extend(inputs);
    let mut html_args = args.clone();
    html_args.extend(["--format", "html", "--out", page.to_str().unwrap()]);
    let o = run(&html_args);
    assert!(o.status.success(), "{}", stderr(&o));
    args.extend(["--format", "json"]);
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let speakers = json["speakers"].as_array().unwrap().len();
    let quotes = json["quotes"].as_array().unwrap().len();
    assert!(speakers > 0 && quotes > 0, "nothing to check in {inputs:?}");

    // the DOM after the page's script ran
    let o = browser(&chromium, &dir.path().join("p1"), &["--dump-dom"], &page);
    assert!(o.status.success(), "chromium --dump-dom: {}", stderr(&o));
    let dom = stdout(&o);
    assert!(
        dom.contains("data-ready=\"1\""),
        "the page's script did not run"
    );
    let (rows, _) = distinct_attr(&dom, "<tr class=\"speaker-row\"", "class");
    assert_eq!(rows, speakers, "one speaker row per speaker of the JSON");
    let (qrows, _) = distinct_attr(&dom, "<tr class=\"quote-row\"", "class");
    assert_eq!(qrows, quotes, "one quote row per quote of the JSON");
    let (marks, ids) = distinct_attr(&dom, "<mark class=\"q\"", "data-q");
    assert!(marks >= quotes);
    assert_eq!(ids.len(), quotes, "one highlight per quote of the JSON");
    let (badges, _) = distinct_attr(&dom, "<span class=\"badge", "data-badge");
    assert_eq!(badges, quotes, "one stance badge per quote");
    let n_articles = json["articles"].as_u64().unwrap();
    assert!(dom.contains(&format!("<b id=\"n-articles\">{n_articles}</b>")));
    assert!(dom.contains("<b id=\"model\">negotiation.json</b>"));
    assert!(dom.contains("<b id=\"target\">negotiation</b>"));
    assert!(dom.matches("<svg").count() >= 1, "no chart");

    // the sorting script: opened as #sort=quote-table:7, the quotes come by P(favor), largest
    // first (the cells' data-v are #, P(favor), P(against), P(neutral))
    let sorted_url = PathBuf::from(format!("{}#sort=quote-table:7", page.display()));
    let o = browser(
        &chromium,
        &dir.path().join("p3"),
        &["--dump-dom"],
        &sorted_url,
    );
    assert!(o.status.success(), "chromium --dump-dom: {}", stderr(&o));
    let p_favor = |dom: &str| -> Vec<f64> {
        dom.split("<tr class=\"quote-row\"")
            .skip(1)
            .map(|row| {
                let v = row.split("data-v=\"").nth(2).expect("a P(favor) cell");
                v[..v.find('"').unwrap()].parse().unwrap()
            })
            .collect()
    };
    let before = p_favor(&dom);
    let after = p_favor(&stdout(&o));
    assert_eq!(after.len(), quotes);
    assert!(
        after.windows(2).all(|w| w[0] >= w[1]),
        "not sorted: {after:?}"
    );
    let mut want = before.clone();
    want.sort_by(|a, b| b.partial_cmp(a).unwrap());
    assert_eq!(after, want);
    assert_ne!(
        before, after,
        "the page was already in that order; the check shows nothing"
    );

    // the screenshot: the window's size, and not one flat colour
    let shot = dir.path().join(format!("{name}.png"));
    let arg = format!("--screenshot={}", shot.display());
    let o = browser(&chromium, &dir.path().join("p2"), &[&arg], &page);
    assert!(o.status.success(), "chromium --screenshot: {}", stderr(&o));
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&shot).expect("a screenshot file"),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
    let bytes = &buf[..info.buffer_size()];
    let px = info.color_type.samples();
    let colours: BTreeSet<&[u8]> = bytes.chunks(px).collect();
    assert!(
        colours.len() > 50,
        "a blank page: {} colours",
        colours.len()
    );
    let white = bytes
        .chunks(px)
        .filter(|c| c[..3] == [255, 255, 255])
        .count();
    let total = bytes.len() / px;
    assert!(
        white < total * 98 / 100,
        "almost all white: {white} of {total}"
    );
    if name == "example" && std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        std::fs::copy(&shot, root().join("docs/report-example.png")).unwrap();
    }
}

#[test]
fn example_report_renders_in_chromium() {
    check_report("example", &["examples/harbour-strike-talks.txt"]);
}

#[test]
fn corpus_report_renders_in_chromium() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("articles/wikinews-2019-2020.jsonl");
    check_report("corpus", &[corpus.to_str().unwrap()]);
}

#[test]
fn seed_article_report_renders_in_chromium() {
    let Some(shared) = shared() else { return };
    let seed = shared.join("articles/seed/khamenei-rejects-us-talks.txt");
    check_report("seed", &[seed.to_str().unwrap()]);
}
