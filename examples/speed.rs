//! Benchmark driver used by `benchmarks/speed.sh` (not part of the product).
//!
//! ```text
//! cargo run --release --example speed -- generate DOCS FEATURES SEED OUT_DIR     synthetic bag-of-words data
//! cargo run --release --example speed -- shipped CSV OUT_DIR                the shipped data, vectorized
//! cargo run --release --example speed -- fit SOLVER TRAIN TEST ALPHA        fit + predict, prints JSON
//! cargo run --release --example speed -- corpus MB OUT.jsonl [ARTICLES...]  a corpus for `score`
//! cargo run --release --example speed -- folds CSV TASK K SEED OUT          `eval`'s CV folds
//! ```
//!
//! Synthetic data: a Zipf(1.07) vocabulary of FEATURES terms; documents of 15–35 tokens; three
//! classes from a planted linear model with Gumbel noise; TF-IDF (smooth idf from the training
//! split) with L2-normalised rows; 80% train / 20% test. Files are svmlight (0-based indices), read
//! identically by this driver and by scikit-learn's `load_svmlight_file`.

use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, Gumbel, Normal, Zipf};
use standpoint::logistic::SparseLogisticParams;
use standpoint::sparse::CsrMatrix;
use std::io::{BufRead, BufWriter, Write};
use std::path::Path;
use std::time::Instant;

fn write_svm(path: &Path, x: &CsrMatrix, y: &[usize]) {
    let mut w = BufWriter::new(std::fs::File::create(path).expect("create svmlight file"));
    for (i, &label) in y.iter().enumerate() {
        write!(w, "{label}").unwrap();
        for (c, v) in x.row(i) {
            write!(w, " {c}:{v}").unwrap();
        }
        writeln!(w).unwrap();
    }
}

fn read_svm(path: &Path, n_features: usize) -> (CsrMatrix, Vec<usize>) {
    let f = std::io::BufReader::new(std::fs::File::open(path).expect("open svmlight file"));
    let mut x = CsrMatrix::new(n_features);
    let mut y = Vec::new();
    let mut entries = Vec::new();
    for line in f.lines() {
        let line = line.unwrap();
        let mut it = line.split_whitespace();
        y.push(it.next().unwrap().parse::<f64>().unwrap() as usize);
        entries.clear();
        for kv in it {
            let (k, v) = kv.split_once(':').unwrap();
            entries.push((k.parse::<u32>().unwrap(), v.parse::<f64>().unwrap()));
        }
        x.push_row(&entries);
    }
    (x, y)
}

fn tfidf(counts: &[Vec<(u32, f64)>], idf: &[f64], d: usize) -> CsrMatrix {
    let mut x = CsrMatrix::new(d);
    for doc in counts {
        let mut row: Vec<(u32, f64)> = doc.iter().map(|&(j, c)| (j, c * idf[j as usize])).collect();
        let norm = row.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
        row.iter_mut().for_each(|(_, v)| *v /= norm.max(1e-12));
        x.push_row(&row);
    }
    x
}

fn generate(n: usize, d: usize, seed: u64, out: &Path) {
    std::fs::create_dir_all(out).unwrap();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let zipf = Zipf::new(d as u64, 1.07).unwrap();
    let normal = Normal::new(0.0, 1.0).unwrap();
    let gumbel = Gumbel::new(0.0, 1.0).unwrap();
    let k = 3;
    let planted: Vec<f64> = (0..d * k).map(|_| normal.sample(&mut rng)).collect();
    let mut counts: Vec<Vec<(u32, f64)>> = Vec::with_capacity(n);
    let mut y = Vec::with_capacity(n);
    for _ in 0..n {
        let len = rng.gen_range(15..=35);
        let mut toks: Vec<u32> = (0..len).map(|_| zipf.sample(&mut rng) as u32 - 1).collect();
        toks.sort_unstable();
        let mut doc: Vec<(u32, f64)> = Vec::new();
        for t in toks {
            match doc.last_mut() {
                Some((j, c)) if *j == t => *c += 1.0,
                _ => doc.push((t, 1.0)),
            }
        }
        let norm = (len as f64).sqrt();
        let scores: Vec<f64> = (0..k)
            .map(|c| {
                doc.iter()
                    .map(|&(j, cnt)| planted[j as usize * k + c] * cnt)
                    .sum::<f64>()
                    / norm
                    + 0.45 * gumbel.sample(&mut rng)
            })
            .collect();
        y.push((0..k).fold(0, |b, c| if scores[c] > scores[b] { c } else { b }));
        counts.push(doc);
    }
    let n_train = n * 4 / 5;
    let mut df = vec![0usize; d];
    for doc in &counts[..n_train] {
        for &(j, _) in doc {
            df[j as usize] += 1;
        }
    }
    let idf: Vec<f64> = df
        .iter()
        .map(|&f| ((1.0 + n_train as f64) / (1.0 + f as f64)).ln() + 1.0)
        .collect();
    write_svm(
        &out.join("train.svm"),
        &tfidf(&counts[..n_train], &idf, d),
        &y[..n_train],
    );
    write_svm(
        &out.join("test.svm"),
        &tfidf(&counts[n_train..], &idf, d),
        &y[n_train..],
    );
    std::fs::write(out.join("n_features"), d.to_string()).unwrap();
}

fn shipped(csv: &Path, out: &Path) {
    use standpoint::labelled::{self, Columns};
    use standpoint::model::training_unit;
    std::fs::create_dir_all(out).unwrap();
    let data = labelled::read(csv, &Columns::default(), None).expect("read labelled data");
    let rows = data.labelled(standpoint::Task::Stance);
    let folds =
        standpoint::eval::stratified_folds(&rows.iter().map(|r| r.1).collect::<Vec<_>>(), 5, 42);
    let (train, test): (Vec<usize>, Vec<usize>) = (0..rows.len()).partition(|&i| folds[i] != 0);
    let units = |idx: &[usize]| {
        idx.iter()
            .map(|&i| training_unit(rows[i].0))
            .collect::<Vec<_>>()
    };
    let params = standpoint::TrainParams::default();
    let v = standpoint::features::Vectorizer::fit(&params.vectorizer, &units(&train)).unwrap();
    let labels = |idx: &[usize]| idx.iter().map(|&i| rows[i].1).collect::<Vec<_>>();
    write_svm(
        &out.join("train.svm"),
        &v.transform_matrix(&units(&train)),
        &labels(&train),
    );
    write_svm(
        &out.join("test.svm"),
        &v.transform_matrix(&units(&test)),
        &labels(&test),
    );
    std::fs::write(out.join("n_features"), v.n_features().to_string()).unwrap();
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn fit(solver: &str, train: &Path, test: &Path, alpha: f64) {
    let d: usize = std::fs::read_to_string(train.with_file_name("n_features"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let (x, y) = read_svm(train, d);
    let (xt, yt) = read_svm(test, d);
    let k = 1 + y.iter().chain(&yt).max().copied().unwrap_or(0);
    let t0 = Instant::now();
    let (probs, iterations, predict_rate) = match solver {
        "sparse" => {
            let m = SparseLogisticParams::new()
                .alpha(alpha)
                .max_iterations(100)
                .tolerance(1e-4)
                .check()
                .unwrap()
                .fit_rows(&x, &y, k, None, None)
                .unwrap();
            let fit_s = t0.elapsed().as_secs_f64();
            // prediction speed on one core: repeat over the test set for at least 0.5 s
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .build()
                .unwrap();
            let (p, rate) = pool.install(|| {
                let t = Instant::now();
                let mut reps = 0usize;
                let mut p = m.predict_probabilities(&xt);
                reps += 1;
                while t.elapsed().as_secs_f64() < 0.5 {
                    p = m.predict_probabilities(&xt);
                    reps += 1;
                }
                (p, (reps * xt.n_rows()) as f64 / t.elapsed().as_secs_f64())
            });
            (p, (m.iterations, fit_s), rate)
        }
        "linfa" => {
            use linfa::prelude::*;
            let dense = x.to_dense();
            let m = linfa_logistic::MultiLogisticRegression::default()
                .alpha(alpha)
                .fit(&linfa::Dataset::new(
                    dense,
                    ndarray::Array1::from(y.clone()),
                ))
                .unwrap();
            let fit_s = t0.elapsed().as_secs_f64();
            let dt = xt.to_dense();
            let t = Instant::now();
            let p = m.predict_probabilities(&dt);
            let rate = xt.n_rows() as f64 / t.elapsed().as_secs_f64();
            (p, (100, fit_s), rate)
        }
        _ => panic!("solver: sparse or linfa"),
    };
    let correct = (0..yt.len())
        .filter(|&i| {
            let row = probs.row(i);
            let best = (0..k).fold(0, |b, c| if row[c] > row[b] { c } else { b });
            best == yt[i]
        })
        .count();
    println!(
        "{{\"solver\":\"{solver}\",\"fit_s\":{:.4},\"iterations\":{},\"accuracy\":{:.4},\"predict_rows_per_s\":{:.0},\"peak_rss_mb\":{:.1},\"threads\":{}}}",
        iterations.1,
        iterations.0,
        correct as f64 / yt.len() as f64,
        predict_rate,
        peak_rss_mb(),
        rayon::current_num_threads()
    );
}

fn corpus(mb: usize, out: &Path, articles: &[String]) {
    // paragraphs: the project's own sentences grouped in threes, plus paragraphs of real articles
    let data = standpoint::labelled::read(
        Path::new("training_data/negotiation.csv"),
        &standpoint::labelled::Columns::default(),
        None,
    )
    .unwrap();
    let mut paragraphs: Vec<String> = data
        .rows
        .chunks(3)
        .map(|c| {
            c.iter()
                .map(|r| r.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    for a in articles {
        let p = Path::new(a);
        let files: Vec<std::path::PathBuf> = if p.is_dir() {
            std::fs::read_dir(p)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|f| f.extension().is_some_and(|e| e == "txt"))
                .collect()
        } else {
            vec![p.to_path_buf()]
        };
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            paragraphs.extend(
                text.split("\n\n")
                    .filter(|s| s.len() > 80)
                    .map(|s| s.trim().to_string()),
            );
        }
    }
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let mut w = BufWriter::new(std::fs::File::create(out).unwrap());
    let target = mb * 1_000_000;
    let (mut written, mut id) = (0usize, 0usize);
    while written < target {
        let n = rng.gen_range(4..12);
        let body: Vec<&str> = (0..n)
            .map(|_| paragraphs[rng.gen_range(0..paragraphs.len())].as_str())
            .collect();
        let text = body.join("\n\n");
        written += text.len();
        let obj = serde_json::json!({"id": format!("synthetic-{id}"), "title": null, "date": null, "source": "benchmark", "text": text});
        writeln!(w, "{obj}").unwrap();
        id += 1;
    }
    eprintln!(
        "wrote {id} articles, {:.1} MB of text",
        written as f64 / 1e6
    );
}

/// Writes the stratified fold of every row labelled for `task` (in file order), as `eval` draws
/// them, so another tool can cross-validate on identical folds.
fn folds(csv: &Path, task: &str, k: usize, seed: u64, out: &Path) {
    let data =
        standpoint::labelled::read(csv, &standpoint::labelled::Columns::default(), None).unwrap();
    let task: standpoint::Task = task.parse().unwrap();
    let rows = data.labelled(task);
    let y: Vec<usize> = rows.iter().map(|r| r.1).collect();
    let f = standpoint::eval::stratified_folds(&y, k, seed);
    let mut w = BufWriter::new(std::fs::File::create(out).unwrap());
    writeln!(w, "fold,label").unwrap();
    for (fold, label) in f.iter().zip(&y) {
        writeln!(w, "{fold},{}", task.labels()[*label]).unwrap();
    }
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    match a.get(1).map(String::as_str) {
        Some("generate") => generate(
            a[2].parse().unwrap(),
            a[3].parse().unwrap(),
            a[4].parse().unwrap(),
            Path::new(&a[5]),
        ),
        Some("shipped") => shipped(Path::new(&a[2]), Path::new(&a[3])),
        Some("fit") => fit(
            &a[2],
            Path::new(&a[3]),
            Path::new(&a[4]),
            a[5].parse().unwrap(),
        ),
        Some("folds") => folds(
            Path::new(&a[2]),
            &a[3],
            a[4].parse().unwrap(),
            a[5].parse().unwrap(),
            Path::new(&a[6]),
        ),
        Some("corpus") => corpus(a[2].parse().unwrap(), Path::new(&a[3]), &a[4..]),
        _ => eprintln!("usage: speed gen|shipped|fit|corpus … (see the source)"),
    }
}
