//! Learning curve of the labelling loop: stance macro-F1 against the number of labels, active
//! selection (the loop's own rule: smallest margin, diversity skip) against random order.
//!
//! ```sh
//! cargo run --release --example learning_curve -- [LABELS] [CORPUS] [OUT_DIR]
//! ```
//!
//! Defaults: `training_data/donald-trump.csv` (a stand-off file: spans and labels), the
//! Wikinews corpus `../shared/articles/wikinews-2019-2020.jsonl` (where the texts come from;
//! without it the example says so and exits) and `docs/`. Writes `learning-curve.csv` and
//! `learning-curve.svg` there and prints a markdown table.
//!
//! Protocol: the labelled quotes are split into 4 stratified folds; each fold in turn is the
//! test set and the other three the pool, under 3 shuffle seeds (12 runs). Both strategies
//! start from the same 10 random quotes of the pool and add 10 at a time: *random* in the
//! shuffled order, *active* with `standpoint::label::select::pick` on a model refitted
//! (`standpoint::label::retrain::params()`) on the labels so far; the cold-start rule while no
//! model can be fitted. After each step a model trained on the labels so far is scored on the
//! test fold (stance macro-F1). The pool is the set the loop itself chose to ask (its first 40
//! in cold-start order, the rest by uncertainty), so "random" is random *within that pool*.

use plotters::prelude::*;
use standpoint::eval::{argmax, evaluate, majority_label, stratified_folds};
use standpoint::label::select::{Asked, grams, pick};
use standpoint::label::store::{LabelFile, Record};
use standpoint::label::{Candidate, batch, predict};
use standpoint::labelled::Dataset;
use standpoint::labels::Task;
use standpoint::model::{Model, training_unit};
use std::collections::HashMap;
use std::path::PathBuf;

const STEP: usize = 10;
const FOLDS: usize = 4;
const SEEDS: u64 = 3;

fn rows_of(recs: &[&Record]) -> Dataset {
    Dataset {
        path: "curve.csv".into(),
        rows: standpoint::label::retrain::user_rows(recs.iter().copied()),
    }
}

fn fit(recs: &[&Record]) -> Option<Model> {
    Model::train(&rows_of(recs), &standpoint::label::retrain::params()).ok()
}

/// Stance macro-F1 on `test` of a model fitted on `train` (majority label when none fits).
fn score(train: &[&Record], test: &[&Record]) -> f64 {
    let y: Vec<usize> = test.iter().map(|r| r.stance.expect("answered")).collect();
    let pred: Vec<usize> = match fit(train) {
        Some(m) => test
            .iter()
            .map(|r| {
                predict(&m, &training_unit(&r.text))
                    .0
                    .map_or(2, |p| argmax(&p))
            })
            .collect(),
        None => {
            let ty: Vec<usize> = train.iter().filter_map(|r| r.stance).collect();
            vec![majority_label(&ty); y.len()]
        }
    };
    evaluate(Task::Stance, &y, &pred).macro_f1
}

fn candidate(r: &Record) -> Candidate {
    Candidate {
        article: r.article.clone(),
        span: r.span,
        text: r.text.clone(),
        masks: training_unit(&r.text).masks,
        speaker: r.speaker.clone(),
        cue: String::new(),
        kind: String::new(),
        context: String::new(),
        stance: None,
        sentiment: None,
        grams: grams(&r.text),
    }
}

/// One run: macro-F1 after each step, for the order produced by `next`.
fn curve(
    pool: &[&Record],
    test: &[&Record],
    start: &[usize],
    mut next: impl FnMut(&[usize]) -> Vec<usize>,
) -> Vec<(usize, f64)> {
    let mut chosen: Vec<usize> = start.to_vec();
    let mut out = Vec::new();
    loop {
        let train: Vec<&Record> = chosen.iter().map(|&i| pool[i]).collect();
        out.push((chosen.len(), score(&train, test)));
        if chosen.len() >= pool.len() {
            return out;
        }
        let add = next(&chosen);
        if add.is_empty() {
            return out;
        }
        chosen.extend(add);
    }
}

fn active_next(pool: &[&Record], chosen: &[usize]) -> Vec<usize> {
    let train: Vec<&Record> = chosen.iter().map(|&i| pool[i]).collect();
    let model = fit(&train);
    let mut asked = Asked::default();
    for r in &train {
        asked.add(&r.article, r.span, &r.speaker, &r.text);
    }
    let open: Vec<usize> = (0..pool.len()).filter(|i| !chosen.contains(i)).collect();
    let mut cands: Vec<Candidate> = open.iter().map(|&i| candidate(pool[i])).collect();
    standpoint::label::update_predictions(&mut cands, model.as_ref());
    let mut picked: Vec<usize> = pick(&cands, &asked, &[], STEP)
        .into_iter()
        .map(|j| open[j])
        .collect();
    // near-duplicates of labelled quotes are never asked; once only they remain, take them in
    // pool order so both curves end at the same size
    for &i in &open {
        if picked.len() >= STEP {
            break;
        }
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    picked
}

fn shuffle(v: &mut [usize], seed: u64) {
    use rand::SeedableRng;
    use rand::seq::SliceRandom;
    v.shuffle(&mut rand_chacha::ChaCha8Rng::seed_from_u64(seed));
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let labels = args
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("training_data/donald-trump.csv"));
    let corpus = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/articles/wikinews-2019-2020.jsonl"));
    let out_dir = args
        .get(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("docs"));
    if !corpus.exists() {
        println!(
            "learning_curve: skipped: the corpus {} is not there (the labels hold spans, not text)",
            corpus.display()
        );
        return Ok(());
    }
    let mut articles = HashMap::new();
    for a in standpoint::corpus::Corpus::open(std::slice::from_ref(&corpus))? {
        let a = a?;
        articles.insert(a.id, a.text);
    }
    let tmp = tempfile::tempdir()?;
    let mut file = LabelFile::open(&tmp.path().join("labels.csv"))?;
    batch::import(&labels, &mut file, "curve", Some(&articles))?;
    let recs: Vec<&Record> = file
        .records()
        .iter()
        .filter(|r| r.stance.is_some())
        .collect();
    let y: Vec<usize> = recs.iter().map(|r| r.stance.expect("filtered")).collect();
    println!(
        "{} labelled quotes (favor/against/neutral {:?})",
        recs.len(),
        [0, 1, 2].map(|l| y.iter().filter(|&&v| v == l).count())
    );
    // strategy → labels → scores over runs
    let mut results: HashMap<(&str, usize), Vec<f64>> = HashMap::new();
    let mut baseline = Vec::new();
    for seed in 0..SEEDS {
        let folds = stratified_folds(&y, FOLDS, seed);
        for f in 0..FOLDS {
            let test: Vec<&Record> = (0..recs.len())
                .filter(|&i| folds[i] == f)
                .map(|i| recs[i])
                .collect();
            let pool: Vec<&Record> = (0..recs.len())
                .filter(|&i| folds[i] != f)
                .map(|i| recs[i])
                .collect();
            let ty: Vec<usize> = test.iter().map(|r| r.stance.expect("answered")).collect();
            let py: Vec<usize> = pool.iter().map(|r| r.stance.expect("answered")).collect();
            baseline
                .push(evaluate(Task::Stance, &ty, &vec![majority_label(&py); ty.len()]).macro_f1);
            let mut order: Vec<usize> = (0..pool.len()).collect();
            shuffle(&mut order, seed * 100 + f as u64);
            let start = &order[..STEP];
            let random = curve(&pool, &test, start, |chosen| {
                order[chosen.len()..(chosen.len() + STEP).min(order.len())].to_vec()
            });
            let active = curve(&pool, &test, start, |chosen| active_next(&pool, chosen));
            for (name, c) in [("random", random), ("active", active)] {
                for (n, s) in c {
                    results.entry((name, n)).or_default().push(s);
                }
            }
        }
    }
    let base = baseline.iter().sum::<f64>() / baseline.len() as f64;
    let mut sizes: Vec<usize> = results.keys().map(|k| k.1).collect();
    sizes.sort_unstable();
    sizes.dedup();
    let stat = |v: &[f64]| {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        let sd =
            (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len().max(2) - 1) as f64).sqrt();
        (m, sd, v.len())
    };
    std::fs::create_dir_all(&out_dir)?;
    let mut w = csv::Writer::from_path(out_dir.join("learning-curve.csv"))?;
    w.write_record(["strategy", "labels", "mean_macro_f1", "sd", "runs"])?;
    println!("| labels | random macro-F1 (mean ± sd) | active macro-F1 (mean ± sd) | runs |");
    println!("|---:|---:|---:|---:|");
    let mut lines: HashMap<&str, Vec<(f64, f64)>> = HashMap::new();
    for &n in &sizes {
        let mut cells = Vec::new();
        let mut runs = 0;
        for name in ["random", "active"] {
            if let Some(v) = results.get(&(name, n)) {
                let (m, sd, k) = stat(v);
                runs = k;
                w.write_record([
                    name,
                    &n.to_string(),
                    &format!("{m:.4}"),
                    &format!("{sd:.4}"),
                    &k.to_string(),
                ])?;
                lines.entry(name).or_default().push((n as f64, m));
                cells.push(format!("{m:.3} ± {sd:.3}"));
            } else {
                cells.push("–".into());
            }
        }
        println!("| {n} | {} | {} | {runs} |", cells[0], cells[1]);
    }
    println!("majority baseline on the test folds: {base:.3}");
    w.flush()?;
    let svg = out_dir.join("learning-curve.svg");
    {
        let rootw = SVGBackend::new(&svg, (720, 440)).into_drawing_area();
        rootw.fill(&WHITE)?;
        let xmax = *sizes.last().unwrap_or(&10) as f64;
        let mut chart = ChartBuilder::on(&rootw)
            .caption(
                format!(
                    "Stance macro-F1 vs labels ({} runs per point)",
                    FOLDS as u64 * SEEDS
                ),
                ("sans-serif", 18),
            )
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(48)
            .build_cartesian_2d(0.0..xmax + 5.0, 0.0..1.0)?;
        chart
            .configure_mesh()
            .x_desc("labels")
            .y_desc("macro-F1 (test folds)")
            .draw()?;
        for (name, color) in [("random", BLUE), ("active", RED)] {
            let pts = lines.get(name).cloned().unwrap_or_default();
            chart
                .draw_series(LineSeries::new(pts.clone(), color.stroke_width(2)))?
                .label(name)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], color));
            chart.draw_series(pts.iter().map(|&p| Circle::new(p, 3, color.filled())))?;
        }
        chart
            .draw_series(LineSeries::new(
                vec![(0.0, base), (xmax + 5.0, base)],
                BLACK.stroke_width(1),
            ))?
            .label("majority baseline")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], BLACK));
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .position(SeriesLabelPosition::LowerRight)
            .draw()?;
        rootw.present()?;
    }
    println!(
        "wrote {} and {}",
        out_dir.join("learning-curve.csv").display(),
        svg.display()
    );
    Ok(())
}
