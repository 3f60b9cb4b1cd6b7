//! Acceptance test on the article the project started from (`../shared/articles/seed`).

mod common;
use common::*;
use serde_json::Value;

#[test]
fn khamenei_article_speakers_and_stances() {
    let Some(shared) = shared() else { return };
    let path = shared.join("articles/seed/khamenei-rejects-us-talks.txt");
    let o = run(&["score", path_str(&path), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let speakers = v["speakers"].as_array().unwrap();
    let quotes = v["quotes"].as_array().unwrap();
    let find = |name: &str| -> Vec<&Value> {
        speakers
            .iter()
            .filter(|s| s["speaker"].as_str().unwrap().contains(name))
            .collect()
    };

    let k = find("Khamenei");
    assert_eq!(k.len(), 1, "one row for Khamenei: {k:?}");
    let k = k[0];
    let aliases: Vec<&str> = k["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    for alias in [
        "Iran\u{2019}s Supreme Leader, Ayatollah Ali Khamenei",
        "Khamenei",
    ] {
        assert!(aliases.contains(&alias), "alias {alias} in {aliases:?}");
    }
    assert!(
        aliases.iter().any(|a| a.eq_ignore_ascii_case("he")),
        "pronoun merged: {aliases:?}"
    );
    assert_eq!(k["stance"], "against");
    let k_net = k["net_stance"].as_f64().unwrap();
    assert!(k_net < -0.3, "Khamenei net stance {k_net}");

    let t = find("Trump");
    assert_eq!(t.len(), 1);
    assert!(t[0]["net_stance"].as_f64().unwrap() > k_net);

    let a = find("Araghchi");
    assert_eq!(a.len(), 1);
    assert_eq!(a[0]["stance"], "neutral");

    let officials = find("Iranian officials");
    assert_eq!(officials.len(), 1);
    assert_eq!(officials[0]["kind"], "group");

    let said_by = |prefix: &str| -> String {
        quotes
            .iter()
            .find(|q| q["text"].as_str().unwrap().starts_with(prefix))
            .map(|q| q["speaker"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no quote starting {prefix:?}"))
    };
    assert!(said_by("Is it possible for anybody to accept these?").contains("Khamenei"));
    assert!(said_by("We have heard of it").contains("Araghchi"));
    // threats and arms are not support for talks
    let stance_of = |prefix: &str| -> String {
        quotes
            .iter()
            .find(|q| q["text"].as_str().unwrap().starts_with(prefix))
            .map(|q| q["stance"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no quote starting {prefix:?}"))
    };
    for prefix in [
        "a willingness to pursue nuclear arms",
        "at possible military action",
        "a significant development would occur",
    ] {
        assert_ne!(stance_of(prefix), "favor", "{prefix}");
    }
}

#[test]
fn all_wikinews_articles_score_without_error() {
    let Some(shared) = shared() else { return };
    let o = run(&[
        "score",
        path_str(&shared.join("articles/wikinews")),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["articles"], 12);
    assert!(v["quotes"].as_array().unwrap().len() >= 60);
}
