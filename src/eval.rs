//! Classification metrics and stratified k-fold cross-validation.
//!
//! Metrics follow scikit-learn's definitions: per-class precision, recall and F1 (0 where
//! undefined, never NaN), accuracy, macro-F1 (unweighted mean of per-class F1 over the labels
//! that occur in the truth or the predictions), and SemEval-2016 Task 6's F_avg = (F1(favor) +
//! F1(against)) / 2 (Mohammad et al., 2016). The confusion matrix has truth in rows and
//! predictions in columns.
//!
//! ```
//! use standpoint::eval::evaluate;
//! use standpoint::labels::Task;
//!
//! let truth = [0, 0, 1, 1, 2, 2];
//! let pred = [0, 1, 1, 1, 2, 0];
//! let r = evaluate(Task::Stance, &truth, &pred);
//! assert_eq!(r.confusion[0], [1, 1, 0]);
//! assert!((r.accuracy - 4.0 / 6.0).abs() < 1e-12);
//! ```

use crate::error::Result;
use crate::features::Unit;
use crate::labels::Task;
use crate::model::{Classifier, TrainParams};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Precision, recall, F1 and support of one label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassMetrics {
    /// The label.
    pub label: String,
    /// TP / (TP + FP); 0 when nothing was predicted as this label.
    pub precision: f64,
    /// TP / (TP + FN); 0 when the label never occurs in the truth.
    pub recall: f64,
    /// Harmonic mean of precision and recall; 0 when both are 0.
    pub f1: f64,
    /// Occurrences in the truth.
    pub support: usize,
}

/// Everything measured on one task's predictions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The task.
    pub task: Task,
    /// Number of evaluated rows.
    pub n: usize,
    /// One entry per label of the task, in `task.labels()` order.
    pub per_class: Vec<ClassMetrics>,
    /// Fraction correct.
    pub accuracy: f64,
    /// Mean F1 over labels occurring in truth or predictions.
    pub macro_f1: f64,
    /// SemEval-2016 F_avg (stance only): mean F1 of favor and against.
    pub f_avg: Option<f64>,
    /// Counts, truth in rows, prediction in columns, `task.labels()` order (3 × 3; a
    /// two-label task leaves the third row and column 0).
    pub confusion: Vec<[usize; 3]>,
}

/// Computes the metrics of `pred` against `truth` (label indices into `task.labels()`).
///
/// # Panics
/// When the slices differ in length or hold an index ≥ 3.
pub fn evaluate(task: Task, truth: &[usize], pred: &[usize]) -> Report {
    assert_eq!(
        truth.len(),
        pred.len(),
        "truth and predictions differ in length"
    );
    let mut cm = vec![[0usize; 3]; 3];
    for (&t, &p) in truth.iter().zip(pred) {
        cm[t][p] += 1;
    }
    let n = truth.len();
    let k = task.labels().len();
    let correct: usize = (0..3).map(|i| cm[i][i]).sum();
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let per_class: Vec<ClassMetrics> = (0..k)
        .map(|c| {
            let tp = cm[c][c];
            let predicted: usize = (0..3).map(|t| cm[t][c]).sum();
            let support: usize = cm[c].iter().sum();
            let precision = ratio(tp, predicted);
            let recall = ratio(tp, support);
            let f1 = if precision + recall == 0.0 {
                0.0
            } else {
                2.0 * precision * recall / (precision + recall)
            };
            ClassMetrics {
                label: task.labels()[c].to_string(),
                precision,
                recall,
                f1,
                support,
            }
        })
        .collect();
    let occurring: Vec<usize> = (0..k)
        .filter(|&c| per_class[c].support > 0 || (0..3).any(|t| cm[t][c] > 0))
        .collect();
    let macro_f1 = if occurring.is_empty() {
        0.0
    } else {
        occurring.iter().map(|&c| per_class[c].f1).sum::<f64>() / occurring.len() as f64
    };
    Report {
        task,
        n,
        accuracy: ratio(correct, n),
        macro_f1,
        f_avg: (task == Task::Stance).then(|| (per_class[0].f1 + per_class[1].f1) / 2.0),
        per_class,
        confusion: cm,
    }
}

/// Assigns each row to one of `k` folds so every fold keeps the label proportions: rows of each
/// label are shuffled with a ChaCha8 generator seeded by `seed`, then dealt round-robin (the
/// deal continues across labels so fold sizes differ by at most one).
///
/// Returns the fold index of each row. Same `y`, `k` and `seed` ⇒ same folds.
pub fn stratified_folds(y: &[usize], k: usize, seed: u64) -> Vec<usize> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut fold = vec![0; y.len()];
    let mut next = 0;
    let mut labels: Vec<usize> = y.to_vec();
    labels.sort_unstable();
    labels.dedup();
    for l in labels {
        let mut idx: Vec<usize> = (0..y.len()).filter(|&i| y[i] == l).collect();
        idx.shuffle(&mut rng);
        for i in idx {
            fold[i] = next % k;
            next += 1;
        }
    }
    fold
}

/// Out-of-fold predictions of a k-fold cross-validation.
#[derive(Debug, Clone, PartialEq)]
pub struct CrossValidated {
    /// Metrics over all rows' out-of-fold predictions (pooled).
    pub report: Report,
    /// Out-of-fold probabilities per row, `task.labels()` order.
    pub probabilities: Vec<[f64; 3]>,
    /// Out-of-fold predicted label per row.
    pub predicted: Vec<usize>,
}

/// Stratified k-fold cross-validation of a classifier: each fold's vectorizer and model are fitted
/// on the other folds only. Folds run in parallel (rayon); the result does not depend on the
/// number of threads.
///
/// # Errors
/// As [`Classifier::fit`] (e.g. a fold whose training part has a single label).
pub fn cross_validate(
    task: Task,
    params: &TrainParams,
    units: &[Unit<'_>],
    y: &[usize],
    k: usize,
    seed: u64,
) -> Result<CrossValidated> {
    cross_validate_on(task, params, units, y, &stratified_folds(y, k, seed), k)
}

/// Cross-validation of a classifier on given folds (`folds[i]` in 0..k is row i's fold, e.g.
/// from [`stratified_folds`] or [`crate::folds::group_folds`]); otherwise as [`cross_validate`].
///
/// # Errors
/// As [`Classifier::fit`].
pub fn cross_validate_on(
    task: Task,
    params: &TrainParams,
    units: &[Unit<'_>],
    y: &[usize],
    folds: &[usize],
    k: usize,
) -> Result<CrossValidated> {
    type FoldPredictions = Result<Vec<(usize, [f64; 3])>>;
    let results: Vec<FoldPredictions> = (0..k)
        .into_par_iter()
        .map(|f| {
            let train: Vec<usize> = (0..y.len()).filter(|&i| folds[i] != f).collect();
            let test: Vec<usize> = (0..y.len()).filter(|&i| folds[i] == f).collect();
            let tu: Vec<Unit<'_>> = train.iter().map(|&i| units[i].clone()).collect();
            let ty: Vec<usize> = train.iter().map(|&i| y[i]).collect();
            let c = Classifier::fit(task, params, &tu, &ty)?;
            Ok(test
                .iter()
                .map(|&i| (i, c.predict_proba(&units[i])))
                .collect())
        })
        .collect();
    let mut probabilities = vec![[0.0; 3]; y.len()];
    for r in results {
        for (i, p) in r? {
            probabilities[i] = p;
        }
    }
    let predicted: Vec<usize> = probabilities.iter().map(argmax).collect();
    Ok(CrossValidated {
        report: evaluate(task, y, &predicted),
        probabilities,
        predicted,
    })
}

/// One bin of a reliability table: predictions whose confidence (highest probability) falls in
/// `[lo, hi)` (the last bin includes 1.0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReliabilityBin {
    /// Lower edge of the confidence bin.
    pub lo: f64,
    /// Upper edge.
    pub hi: f64,
    /// Predictions in the bin.
    pub count: usize,
    /// Mean confidence of those predictions (0 when empty).
    pub confidence: f64,
    /// Fraction of them that are correct (0 when empty).
    pub accuracy: f64,
}

/// How well the probabilities are calibrated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// Multi-class Brier score: mean over rows of Σ_k (p_k − 1[k = truth])², in [0, 2]; lower is
    /// better (Brier, 1950).
    pub brier: f64,
    /// Expected calibration error: Σ_bins (count / n) · |accuracy − confidence| (Naeini et al., 2015).
    pub ece: f64,
    /// Ten equal-width confidence bins over [0, 1].
    pub bins: Vec<ReliabilityBin>,
}

/// Brier score, expected calibration error and a 10-bin reliability table of probabilities
/// (`task.labels()` order) against true label indices.
///
/// # Panics
/// When the slices differ in length.
pub fn calibration(truth: &[usize], probabilities: &[[f64; 3]]) -> Calibration {
    assert_eq!(
        truth.len(),
        probabilities.len(),
        "one probability row per label"
    );
    let n = truth.len();
    let mut brier = 0.0;
    let mut sums = [(0usize, 0.0f64, 0usize); 10];
    for (&t, p) in truth.iter().zip(probabilities) {
        for (k, &pk) in p.iter().enumerate() {
            let y = if k == t { 1.0 } else { 0.0 };
            brier += (pk - y) * (pk - y);
        }
        let pred = argmax(p);
        let conf = p[pred];
        let b = ((conf * 10.0).floor() as usize).min(9);
        sums[b].0 += 1;
        sums[b].1 += conf;
        sums[b].2 += usize::from(pred == t);
    }
    let bins: Vec<ReliabilityBin> = sums
        .iter()
        .enumerate()
        .map(|(b, &(count, conf, correct))| ReliabilityBin {
            lo: b as f64 / 10.0,
            hi: (b + 1) as f64 / 10.0,
            count,
            confidence: if count == 0 { 0.0 } else { conf / count as f64 },
            accuracy: if count == 0 {
                0.0
            } else {
                correct as f64 / count as f64
            },
        })
        .collect();
    let ece = if n == 0 {
        0.0
    } else {
        bins.iter()
            .map(|b| b.count as f64 / n as f64 * (b.accuracy - b.confidence).abs())
            .sum()
    };
    Calibration {
        brier: if n == 0 { 0.0 } else { brier / n as f64 },
        ece,
        bins,
    }
}

/// The most frequent label of `y` (the smallest index on ties), or 0 for an empty slice.
pub fn majority_label(y: &[usize]) -> usize {
    let mut counts = [0usize; 3];
    for &l in y {
        counts[l] += 1;
    }
    (0..3).fold(0, |b, c| if counts[c] > counts[b] { c } else { b })
}

/// One point of a hyper-parameter grid and its cross-validated scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridPoint {
    /// The parameters.
    pub params: TrainParams,
    /// Pooled out-of-fold macro-F1.
    pub macro_f1: f64,
    /// Pooled out-of-fold F_avg: mean F1 of the task's first two labels (favor and against;
    /// positive and negative), SemEval-2016 Task 6's measure.
    pub f_avg: f64,
    /// Pooled out-of-fold accuracy.
    pub accuracy: f64,
}

/// The measure a grid search maximises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Scoring {
    /// Unweighted mean of per-label F1.
    #[default]
    #[value(name = "macro_f1")]
    MacroF1,
    /// Mean F1 of the first two labels (SemEval-2016 Task 6's F_avg).
    #[value(name = "f_avg")]
    FAvg,
    /// Fraction correct.
    Accuracy,
}

impl Scoring {
    /// The point's score under this measure.
    pub fn of(self, p: &GridPoint) -> f64 {
        match self {
            Scoring::MacroF1 => p.macro_f1,
            Scoring::FAvg => p.f_avg,
            Scoring::Accuracy => p.accuracy,
        }
    }
}

/// A hyper-parameter grid: every combination of the listed values is tried.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// L2 penalties (alpha = 1/C).
    pub alpha: Vec<f64>,
    /// Largest n of word n-grams (the smallest stays as in the base parameters).
    pub ngram_max: Vec<usize>,
    /// `min_df` values.
    pub min_df: Vec<usize>,
    /// Class weightings.
    pub class_weight: Vec<crate::logistic::ClassWeight>,
    /// Whether capitalised names are replaced by `<name>`.
    pub mask_names: Vec<bool>,
    /// Character n-gram ranges (`None`: words only).
    pub char_ngrams: Vec<Option<(usize, usize)>>,
    /// Whether features are scaled by Naive Bayes log-count ratios.
    pub nb_weight: Vec<bool>,
}

/// A dimension of the default [`Grid`], for searching a part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GridAxis {
    /// The L2 penalty.
    Alpha,
    /// The largest word n-gram.
    Ngrams,
    /// Character n-grams.
    Chars,
    /// NB weighting.
    Nb,
    /// Name masking.
    Mask,
    /// Class weights.
    ClassWeight,
}

impl Grid {
    /// The default grid varying only `axes` (the other settings stay as in the base parameters).
    pub fn with_axes(axes: &[GridAxis]) -> Self {
        let full = Grid::default();
        let keep = |a: GridAxis| axes.contains(&a);
        Grid {
            alpha: if keep(GridAxis::Alpha) {
                full.alpha
            } else {
                vec![]
            },
            ngram_max: if keep(GridAxis::Ngrams) {
                full.ngram_max
            } else {
                vec![]
            },
            min_df: vec![],
            class_weight: if keep(GridAxis::ClassWeight) {
                full.class_weight
            } else {
                vec![]
            },
            mask_names: if keep(GridAxis::Mask) {
                full.mask_names
            } else {
                vec![]
            },
            char_ngrams: if keep(GridAxis::Chars) {
                full.char_ngrams
            } else {
                vec![]
            },
            nb_weight: if keep(GridAxis::Nb) {
                full.nb_weight
            } else {
                vec![]
            },
        }
    }
}

impl Default for Grid {
    /// alpha ∈ {0.01, 0.03, 0.1, 0.3, 1, 3}, word n-grams up to 1, 2 or 3, character n-grams
    /// none or 2–5, NB weighting off or on, names masked or not, class weights none or balanced,
    /// min_df as given: 288 points.
    fn default() -> Self {
        Grid {
            alpha: vec![0.01, 0.03, 0.1, 0.3, 1.0, 3.0],
            ngram_max: vec![1, 2, 3],
            min_df: vec![],
            class_weight: vec![
                crate::logistic::ClassWeight::None,
                crate::logistic::ClassWeight::Balanced,
            ],
            mask_names: vec![true, false],
            char_ngrams: vec![None, Some((2, 5))],
            nb_weight: vec![false, true],
        }
    }
}

/// Stratified k-fold grid search: for each fold and each vectorizer setting the rows are
/// vectorized once, and the penalties are fitted from the largest to the smallest, each
/// warm-started from the previous fit. Every point uses a gradient tolerance of at most 1e-5 (and
/// at least 1000 iterations), so warm and cold fits reach the same optimum. Returns every grid point with its pooled out-of-fold
/// macro-F1 and accuracy, in grid order. `folds[i]` (in 0..k) is row i's fold, from
/// [`stratified_folds`] or [`crate::folds::group_folds`].
///
/// # Errors
/// As [`Classifier::fit`].
pub fn grid_search(
    task: Task,
    base: &TrainParams,
    grid: &Grid,
    units: &[Unit<'_>],
    y: &[usize],
    folds: &[usize],
    k: usize,
) -> Result<Vec<GridPoint>> {
    let mut alphas = if grid.alpha.is_empty() {
        vec![base.alpha]
    } else {
        grid.alpha.clone()
    };
    alphas.sort_by(|a, b| b.total_cmp(a));
    // an empty list keeps the base value
    fn or_base<T: Clone>(v: &[T], base: T) -> Vec<T> {
        if v.is_empty() { vec![base] } else { v.to_vec() }
    }
    let bv = &base.vectorizer;
    let masks = or_base(&grid.mask_names, bv.mask_names);
    let ngrams = or_base(&grid.ngram_max, bv.ngram_range.1);
    let min_dfs = or_base(&grid.min_df, bv.min_df);
    let chars = or_base(&grid.char_ngrams, bv.char_ngram_range);
    let nbs = or_base(&grid.nb_weight, bv.nb_weight);
    let weights = or_base(&grid.class_weight, base.class_weight);
    let mut points: Vec<TrainParams> = Vec::new();
    for &mask in &masks {
        for &ng in &ngrams {
            for &md in &min_dfs {
                for &ch in &chars {
                    for &nb in &nbs {
                        for &cw in &weights {
                            for &a in &alphas {
                                let mut p = base.clone();
                                p.vectorizer.mask_names = mask;
                                p.vectorizer.ngram_range = (p.vectorizer.ngram_range.0.min(ng), ng);
                                p.vectorizer.min_df = md;
                                p.vectorizer.char_ngram_range = ch;
                                p.vectorizer.nb_weight = nb;
                                p.class_weight = cw;
                                p.alpha = a;
                                // warm starts stop at slightly different points than cold fits
                                // unless the tolerance is tight; a tight one makes the grid's
                                // scores and a later cold refit of the chosen point agree
                                p.tolerance = p.tolerance.min(1e-5);
                                p.max_iterations = p.max_iterations.max(1000);
                                points.push(p);
                            }
                        }
                    }
                }
            }
        }
    }
    for p in &points {
        p.check()?;
    }
    // per fold: out-of-fold probabilities for every point
    type FoldResult = Result<Vec<(usize, Vec<[f64; 3]>)>>;
    let per_fold: Vec<FoldResult> = (0..k)
        .into_par_iter()
        .map(|f| {
            let train: Vec<usize> = (0..y.len()).filter(|&i| folds[i] != f).collect();
            let test: Vec<usize> = (0..y.len()).filter(|&i| folds[i] == f).collect();
            let tu: Vec<Unit<'_>> = train.iter().map(|&i| units[i].clone()).collect();
            let su: Vec<Unit<'_>> = test.iter().map(|&i| units[i].clone()).collect();
            let ty: Vec<usize> = train.iter().map(|&i| y[i]).collect();
            let mut present = ty.clone();
            present.sort_unstable();
            present.dedup();
            let targets: Vec<usize> = ty
                .iter()
                .map(|l| present.iter().position(|p| p == l).expect("present"))
                .collect();
            let mut out: Vec<Vec<[f64; 3]>> = vec![Vec::new(); points.len()];
            let mut i = 0;
            while i < points.len() {
                // points sharing vectorizer settings and class weights are consecutive
                let v = crate::features::Vectorizer::fit_labelled(&points[i].vectorizer, &tu, &ty)?;
                let x = v.transform_matrix(&tu);
                let xs = v.transform_matrix(&su);
                let mut prev: Option<Classifier> = None;
                let mut j = i;
                while j < points.len()
                    && points[j].vectorizer == points[i].vectorizer
                    && points[j].class_weight == points[i].class_weight
                {
                    let c = Classifier::fit_matrix(
                        task,
                        &points[j],
                        v.clone(),
                        &x,
                        &targets,
                        &present,
                        prev.as_ref(),
                    )?;
                    out[j] = (0..xs.n_rows())
                        .map(|r| {
                            let (idx, val) = xs.row_slices(r);
                            let row = crate::features::SparseRow {
                                indices: idx.to_vec(),
                                values: val.to_vec(),
                            };
                            c.predict_row(&row)
                        })
                        .collect();
                    prev = Some(c);
                    j += 1;
                }
                i = j;
            }
            Ok(test
                .iter()
                .enumerate()
                .map(|(r, &row)| (row, out.iter().map(|o| o[r]).collect()))
                .collect())
        })
        .collect();
    let mut probs = vec![vec![[0.0; 3]; y.len()]; points.len()];
    for fold in per_fold {
        for (row, ps) in fold? {
            for (pi, p) in ps.into_iter().enumerate() {
                probs[pi][row] = p;
            }
        }
    }
    Ok(points
        .into_iter()
        .zip(probs)
        .map(|(params, p)| {
            let pred: Vec<usize> = p.iter().map(argmax).collect();
            let r = evaluate(task, y, &pred);
            GridPoint {
                params,
                macro_f1: r.macro_f1,
                f_avg: (r.per_class[0].f1 + r.per_class[1].f1) / 2.0,
                accuracy: r.accuracy,
            }
        })
        .collect())
}

/// Everything `standpoint eval` reports for one task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskEvaluation {
    /// The task.
    pub task: Task,
    /// How the numbers were obtained ("5-fold stratified cross-validation (seed 42)", …).
    pub protocol: String,
    /// Training rows (per fold for cross-validation: all rows minus one fold).
    pub n_train: usize,
    /// Metrics of the predictions.
    pub report: Report,
    /// Calibration of the probabilities.
    pub calibration: Calibration,
    /// The majority-class baseline on the same split (always predicts `majority_label`).
    pub majority: Report,
    /// The training majority label.
    pub majority_label: String,
    /// The rows predicted wrongly, in file order (filled by [`evaluate_cv`], [`evaluate_split`]
    /// and [`evaluate_classifier`]; `eval --errors` prints them, and drops them otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Misclassified>,
}

/// One evaluated row whose predicted label is not its true label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Misclassified {
    /// 1-based line of the row in its CSV file.
    pub line: u64,
    /// The row's text.
    pub text: String,
    /// The true label.
    pub truth: String,
    /// The predicted label (the most probable one).
    pub predicted: String,
    /// The probability given to the predicted label, in [0, 1].
    pub probability: f64,
}

/// The rows of `data` labelled for `task` (in file order, as `probabilities`) that were
/// predicted wrongly.
fn misclassified(
    task: Task,
    data: &crate::labelled::Dataset,
    probabilities: &[[f64; 3]],
) -> Vec<Misclassified> {
    data.rows
        .iter()
        .filter_map(|r| r.label(task).map(|l| (r, l)))
        .zip(probabilities)
        .filter_map(|((r, truth), p)| {
            let predicted = argmax(p);
            (predicted != truth).then(|| Misclassified {
                line: r.line,
                text: r.text.clone(),
                truth: task.labels()[truth].to_string(),
                predicted: task.labels()[predicted].to_string(),
                probability: p[predicted],
            })
        })
        .collect()
}

impl TaskEvaluation {
    /// Assembles the evaluation from truth, out-of-sample probabilities and the training labels
    /// (for the majority baseline).
    pub fn new(
        task: Task,
        protocol: String,
        train_y: &[usize],
        truth: &[usize],
        probabilities: &[[f64; 3]],
    ) -> Self {
        let predicted: Vec<usize> = probabilities.iter().map(argmax).collect();
        let m = majority_label(train_y);
        TaskEvaluation {
            task,
            protocol,
            n_train: train_y.len(),
            report: evaluate(task, truth, &predicted),
            calibration: calibration(truth, probabilities),
            majority: evaluate(task, truth, &vec![m; truth.len()]),
            majority_label: task.labels()[m].to_string(),
            errors: Vec::new(),
        }
    }
}

fn units_and_labels(data: &crate::labelled::Dataset, task: Task) -> (Vec<Unit<'_>>, Vec<usize>) {
    let rows = data.labelled(task);
    let units: Vec<Unit<'_>> = rows
        .par_iter()
        .map(|(t, _)| crate::model::training_unit(t))
        .collect();
    (units, rows.iter().map(|(_, l)| *l).collect())
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// How the rows labelled for a task are dealt into folds: stratified k-fold, or, with
/// `group_col`, group k-fold on the rows' [`crate::labelled::Row::group`] values.
/// Returns the fold of each labelled row and a description ("5-fold stratified
/// cross-validation (seed 42)", "5-fold cross-validation grouped by target (71 groups, seed 42)").
fn plan_folds(
    task: Task,
    data: &crate::labelled::Dataset,
    y: &[usize],
    k: usize,
    seed: u64,
    group_col: Option<&str>,
) -> Result<(Vec<usize>, String)> {
    let Some(col) = group_col else {
        let how = format!("{k}-fold stratified cross-validation (seed {seed})");
        return Ok((stratified_folds(y, k, seed), how));
    };
    let groups: Vec<&str> = data
        .rows
        .iter()
        .filter(|r| r.label(task).is_some())
        .map(|r| r.group.as_deref().unwrap_or(""))
        .collect();
    let folds = crate::folds::group_folds(y, &groups, k, seed).map_err(|e| {
        let why = match e {
            crate::Error::InvalidParameter(m) => m,
            other => other.to_string(),
        };
        crate::Error::InvalidParameter(format!(
            "{task}: grouping the folds of {} by column `{col}`: {why}",
            file_name(&data.path)
        ))
    })?;
    let mut distinct = groups.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let how = format!(
        "{k}-fold cross-validation grouped by {col} ({} groups, seed {seed})",
        distinct.len()
    );
    Ok((folds, how))
}

/// k-fold cross-validation of `task` on `data` (rows labelled for the task): stratified, or,
/// with `group_col` (the column the rows' groups were read from), group k-fold.
///
/// # Errors
/// [`crate::Error::Training`] when the data has fewer than `k` rows or a fold cannot be fitted;
/// [`crate::Error::InvalidParameter`] when there are fewer groups than folds.
pub fn evaluate_cv(
    task: Task,
    params: &TrainParams,
    data: &crate::labelled::Dataset,
    k: usize,
    seed: u64,
    group_col: Option<&str>,
) -> Result<TaskEvaluation> {
    let (units, y) = units_and_labels(data, task);
    if y.len() < k.max(2) {
        return Err(crate::Error::Training(format!(
            "{task}: {} labelled rows, fewer than {k} folds",
            y.len()
        )));
    }
    let (folds, how) = plan_folds(task, data, &y, k, seed, group_col)?;
    let cv = cross_validate_on(task, params, &units, &y, &folds, k)?;
    let mut e = TaskEvaluation::new(
        task,
        format!("{how} on {}", file_name(&data.path)),
        &y,
        &y,
        &cv.probabilities,
    );
    e.n_train = y.len() - y.len() / k;
    e.errors = misclassified(task, data, &cv.probabilities);
    Ok(e)
}

/// Fits on `train` and evaluates on `test` (rows labelled for `task` in each).
///
/// # Errors
/// As [`Classifier::fit`]; [`crate::Error::Training`] when the test set has no labelled row.
pub fn evaluate_split(
    task: Task,
    params: &TrainParams,
    train: &crate::labelled::Dataset,
    test: &crate::labelled::Dataset,
    protocol: String,
) -> Result<TaskEvaluation> {
    let (tu, ty) = units_and_labels(train, task);
    let c = Classifier::fit(task, params, &tu, &ty)?;
    let mut e = evaluate_classifier(&c, test, protocol)?;
    e.majority = {
        let (_, truth) = units_and_labels(test, task);
        let m = majority_label(&ty);
        e.majority_label = task.labels()[m].to_string();
        evaluate(task, &truth, &vec![m; truth.len()])
    };
    e.n_train = ty.len();
    Ok(e)
}

/// Evaluates a fitted classifier on `test` (its majority baseline is the test set's own majority
/// label, as no training labels are known).
///
/// # Errors
/// [`crate::Error::Training`] when the test set has no row labelled for the classifier's task.
pub fn evaluate_classifier(
    c: &Classifier,
    test: &crate::labelled::Dataset,
    protocol: String,
) -> Result<TaskEvaluation> {
    let (units, y) = units_and_labels(test, c.task);
    if y.is_empty() {
        return Err(crate::Error::Training(format!(
            "{}: no test row is labelled for {}",
            file_name(&test.path),
            c.task
        )));
    }
    let probs: Vec<[f64; 3]> = units.par_iter().map(|u| c.predict_proba(u)).collect();
    let mut e = TaskEvaluation::new(c.task, protocol, &y, &y, &probs);
    e.n_train = 0;
    e.errors = misclassified(c.task, test, &probs);
    Ok(e)
}

/// A searched grid: every point with its scores, and the one chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridResult {
    /// The task searched.
    pub task: Task,
    /// What was maximised.
    pub scoring: Scoring,
    /// Every point, in grid order.
    pub points: Vec<GridPoint>,
    /// Index of the best point (highest `scoring`; the earlier point on ties).
    pub best: usize,
    /// How the folds were made ("5-fold stratified cross-validation (seed 42)", "5-fold
    /// cross-validation grouped by target (56 groups, seed 42)"); empty in older JSON.
    #[serde(default)]
    pub folds: String,
}

impl GridResult {
    /// The chosen parameters.
    pub fn best_params(&self) -> &TrainParams {
        &self.points[self.best].params
    }
}

/// Grid search by cross-validation on `data`, returning every point and the best by `scoring`.
/// With `group_col` (the column the rows' groups were read from) the folds are group k-fold.
///
/// # Errors
/// As [`grid_search`]; [`crate::Error::InvalidParameter`] for an empty grid or fewer groups
/// than folds.
#[allow(clippy::too_many_arguments)]
pub fn search(
    task: Task,
    base: &TrainParams,
    grid: &Grid,
    data: &crate::labelled::Dataset,
    k: usize,
    seed: u64,
    group_col: Option<&str>,
    scoring: Scoring,
) -> Result<GridResult> {
    let (units, y) = units_and_labels(data, task);
    let (folds, how) = plan_folds(task, data, &y, k, seed, group_col)?;
    let points = grid_search(task, base, grid, &units, &y, &folds, k)?;
    let best = points
        .iter()
        .enumerate()
        .max_by(|a, b| {
            scoring
                .of(a.1)
                .total_cmp(&scoring.of(b.1))
                .then(b.0.cmp(&a.0))
        })
        .map(|(i, _)| i)
        .ok_or_else(|| crate::Error::InvalidParameter("the grid has no point".into()))?;
    Ok(GridResult {
        task,
        scoring,
        points,
        best,
        folds: how,
    })
}

/// Index of the largest value (the first on ties).
pub fn argmax(p: &[f64; 3]) -> usize {
    let mut best = 0;
    for i in 1..3 {
        if p[i] > p[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_confusion_matrix() {
        // truth: favor×3, against×2, neutral×1; predictions never say neutral
        let truth = [0, 0, 0, 1, 1, 2];
        let pred = [0, 0, 1, 1, 0, 0];
        let r = evaluate(Task::Stance, &truth, &pred);
        assert_eq!(r.confusion, vec![[2, 1, 0], [1, 1, 0], [1, 0, 0]]);
        // favor: P = 2/4, R = 2/3, F1 = 4/7; against: P = 1/2, R = 1/2, F1 = 1/2; neutral: 0
        assert!((r.per_class[0].f1 - 4.0 / 7.0).abs() < 1e-12);
        assert!((r.per_class[1].f1 - 0.5).abs() < 1e-12);
        assert_eq!(r.per_class[2].precision, 0.0);
        assert_eq!(r.per_class[2].f1, 0.0);
        assert!((r.macro_f1 - (4.0 / 7.0 + 0.5 + 0.0) / 3.0).abs() < 1e-12);
        assert!((r.f_avg.unwrap() - (4.0 / 7.0 + 0.5) / 2.0).abs() < 1e-12);
        assert!((r.accuracy - 0.5).abs() < 1e-12);
        assert!(r.per_class.iter().all(|c| c.f1.is_finite()));
    }

    #[test]
    fn labels_absent_everywhere_do_not_count_in_macro_f1() {
        let r = evaluate(Task::Sentiment, &[0, 1], &[0, 1]);
        assert_eq!(r.macro_f1, 1.0);
        assert_eq!(r.f_avg, None);
        let empty = evaluate(Task::Stance, &[], &[]);
        assert_eq!((empty.accuracy, empty.macro_f1), (0.0, 0.0));
    }

    #[test]
    fn stratified_folds_keep_proportions_and_are_seeded() {
        let y: Vec<usize> = (0..100)
            .map(|i| {
                if i < 60 {
                    0
                } else if i < 90 {
                    1
                } else {
                    2
                }
            })
            .collect();
        let f = stratified_folds(&y, 5, 7);
        for k in 0..5 {
            let in_fold: Vec<usize> = (0..100).filter(|&i| f[i] == k).collect();
            assert_eq!(in_fold.len(), 20);
            assert_eq!(in_fold.iter().filter(|&&i| y[i] == 0).count(), 12);
            assert_eq!(in_fold.iter().filter(|&&i| y[i] == 1).count(), 6);
            assert_eq!(in_fold.iter().filter(|&&i| y[i] == 2).count(), 2);
        }
        assert_eq!(f, stratified_folds(&y, 5, 7));
        assert_ne!(f, stratified_folds(&y, 5, 8));
    }

    #[test]
    fn brier_ece_and_reliability_by_hand() {
        // two confident right answers, one confident wrong, one unsure right
        let truth = [0, 1, 2, 0];
        let p = [
            [0.9, 0.05, 0.05],
            [0.1, 0.8, 0.1],
            [0.7, 0.2, 0.1],
            [0.4, 0.35, 0.25],
        ];
        let c = calibration(&truth, &p);
        let brier = ((0.1f64.powi(2) + 0.05f64.powi(2) * 2.0)
            + (0.1f64.powi(2) * 2.0 + 0.2f64.powi(2))
            + (0.7f64.powi(2) + 0.2f64.powi(2) + 0.9f64.powi(2))
            + (0.6f64.powi(2) + 0.35f64.powi(2) + 0.25f64.powi(2)))
            / 4.0;
        assert!((c.brier - brier).abs() < 1e-12);
        assert_eq!(c.bins.len(), 10);
        assert_eq!(c.bins[9].count, 1); // 0.9
        assert_eq!(c.bins[8].count, 1); // 0.8
        assert_eq!(c.bins[7].count, 1); // 0.7, wrong
        assert_eq!(c.bins[7].accuracy, 0.0);
        assert_eq!(c.bins[4].count, 1); // 0.4
        assert!(
            c.bins
                .iter()
                .all(|b| b.confidence.is_finite() && b.accuracy.is_finite())
        );
        let ece = (0.1 + 0.2 + 0.7 + 0.6) / 4.0;
        assert!((c.ece - ece).abs() < 1e-12);
        let empty = calibration(&[], &[]);
        assert_eq!((empty.brier, empty.ece), (0.0, 0.0));
    }

    #[test]
    fn majority_label_breaks_ties_low() {
        assert_eq!(majority_label(&[2, 2, 1, 1, 0]), 1);
        assert_eq!(majority_label(&[]), 0);
    }

    #[test]
    fn grid_search_scores_every_point() {
        use crate::features::VectorizerParams;
        let texts = [
            "we welcome talks",
            "talks are the way",
            "we want a deal now",
            "ready to negotiate today",
            "we reject talks",
            "no talks with them",
            "talks are a trap",
            "we refuse to negotiate",
            "meeting on monday",
            "letter sent friday",
            "venue in geneva",
            "delegates arrive soon",
        ];
        let units: Vec<Unit> = texts.iter().map(|t| Unit::plain(t)).collect();
        let y = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];
        let base = TrainParams {
            vectorizer: VectorizerParams {
                min_df: 1,
                ..VectorizerParams::default()
            },
            ..TrainParams::default()
        };
        let grid = Grid {
            alpha: vec![0.1, 1.0],
            ngram_max: vec![1, 2],
            min_df: vec![1],
            class_weight: vec![crate::logistic::ClassWeight::None],
            mask_names: vec![true],
            char_ngrams: vec![None],
            nb_weight: vec![false],
        };
        let folds = stratified_folds(&y, 2, 1);
        let points = grid_search(Task::Stance, &base, &grid, &units, &y, &folds, 2).unwrap();
        assert_eq!(points.len(), 4);
        assert!(points.iter().all(|p| (0.0..=1.0).contains(&p.macro_f1)));
        // the same point scored by plain cross-validation agrees
        let cv = cross_validate(Task::Stance, &points[0].params, &units, &y, 2, 1).unwrap();
        assert!((cv.report.macro_f1 - points[0].macro_f1).abs() < 1e-9);
    }
}
