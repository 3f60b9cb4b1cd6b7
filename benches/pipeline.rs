//! Criterion benchmarks of the scoring pipeline's stages on the shipped example article and the
//! shipped model: quote extraction, tokenize + vectorize, and prediction.
//!
//! Run with `cargo bench --bench pipeline`.

use criterion::{Criterion, criterion_group, criterion_main};
use standpoint::attribution::extract;
use standpoint::features::Unit;
use standpoint::model::Model;
use standpoint::score::Scorer;
use std::hint::black_box;

fn article() -> String {
    let raw = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/harbour-strike-talks.txt"
    ))
    .expect("example article");
    standpoint::corpus::split_title(&raw).1.to_string()
}

fn model() -> Model {
    Model::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/models/negotiation.json"
    )))
    .expect("shipped model")
}

fn benches(c: &mut Criterion) {
    let text = article();
    let model = model();
    let stance = model.stance.as_ref().expect("stance classifier");
    let quotes = extract(&text).quotes;
    let units: Vec<Unit> = quotes
        .iter()
        .map(|q| {
            let (t, m) = q.unit(&text);
            Unit { text: t, masks: m }
        })
        .collect();
    let rows: Vec<_> = units
        .iter()
        .map(|u| stance.vectorizer.transform(u))
        .collect();

    c.bench_function("extract quotes (example article)", |b| {
        b.iter(|| extract(black_box(&text)))
    });
    c.bench_function("tokenize + vectorize (all quotes of the article)", |b| {
        b.iter(|| {
            units
                .iter()
                .map(|u| stance.vectorizer.transform(black_box(u)).indices.len())
                .sum::<usize>()
        })
    });
    c.bench_function("predict (all quotes of the article, stance)", |b| {
        b.iter(|| {
            rows.iter()
                .map(|r| stance.predict_row(black_box(r))[0])
                .sum::<f64>()
        })
    });
    let scorer = Scorer::new(&model);
    let art = standpoint::Article {
        id: "bench".into(),
        title: None,
        date: None,
        source: None,
        text: text.clone(),
    };
    c.bench_function("score article end to end (both tasks)", |b| {
        b.iter(|| scorer.score(black_box(&art)).quotes.len())
    });
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
