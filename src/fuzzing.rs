//! The fuzz targets as library functions, shared by `fuzz/` (cargo-fuzz, nightly) and the stable
//! smoke test `tests/fuzz_smoke.rs`, so both exercise the same code. Each takes arbitrary bytes,
//! must never panic, and checks the invariants that hold for any input (panicking when one
//! breaks, which is what a fuzzer reports).

use crate::model::Model;
use crate::score::Scorer;
use std::path::Path;

/// Article text → attribution → scoring with `model`: every quote's span and parts slice the
/// text, and every probability is finite and sums to 1.
pub fn article_text(model: &Model, data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let article = crate::corpus::Article {
        id: "fuzz".into(),
        title: None,
        date: None,
        source: None,
        text: crate::corpus::clean_text(text),
    };
    let scored = Scorer::new(model).with_reasons(3).score(&article);
    let text = &article.text;
    for q in &scored.quotes {
        let quote = &q.quote;
        assert!(
            quote.start <= quote.end && quote.end <= text.len(),
            "span out of the text"
        );
        assert!(
            text.get(quote.start..quote.end).is_some(),
            "span not on char boundaries"
        );
        for &(s, e) in &quote.parts {
            assert!(text.get(s..e).is_some(), "part not a slice of the text");
        }
        for p in [&q.stance, &q.sentiment].into_iter().flatten() {
            assert!(p.probabilities.iter().all(|x| x.is_finite() && *x >= 0.0));
            assert!((p.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-6);
        }
    }
}

/// One JSON Lines line: parsed or refused with an error that names the place.
pub fn json_line(data: &[u8]) {
    let line = String::from_utf8_lossy(data);
    if let Err(e) = crate::corpus::parse_json_line(&line, "fuzz.jsonl:1", "fuzz.jsonl:1".into()) {
        assert!(e.to_string().starts_with("fuzz.jsonl:1: "), "{e}");
    }
}

/// Writes `data` to a temporary file named `name` and calls `f` on its path.
fn with_file(name: &str, data: &[u8], f: impl FnOnce(&Path)) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let p = dir.path().join(name);
    std::fs::write(&p, data).expect("a temporary file");
    f(&p);
}

/// The labelled CSV reader: rows read, or an error naming the file.
pub fn labelled_csv(data: &[u8]) {
    with_file("fuzz.csv", data, |p| {
        if let Err(e) = crate::labelled::read(p, &crate::labelled::Columns::default(), None) {
            assert!(e.to_string().contains("fuzz.csv"), "{e}");
        }
    });
}

/// The model loader: a model that loads predicts finite probabilities; anything else is an
/// error naming the file.
pub fn model_json(data: &[u8]) {
    match Model::from_json(data, Path::new("fuzz-model.json")) {
        Ok(m) => {
            let unit = crate::features::Unit::plain("we reject the talks");
            for c in [&m.stance, &m.sentiment, &m.relevance]
                .into_iter()
                .flatten()
            {
                assert!(c.predict_proba(&unit).iter().all(|x| x.is_finite()));
            }
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz-model.json: "), "{e}"),
    }
}

/// The alias CSV reader: a map, or an error naming the file.
pub fn alias_csv(data: &[u8]) {
    with_file("fuzz-alias.csv", data, |p| {
        if let Err(e) = crate::aggregate::AliasMap::read(p) {
            assert!(e.to_string().contains("fuzz-alias.csv"), "{e}");
        }
    });
}
