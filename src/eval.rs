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
    /// Counts, truth in rows, prediction in columns, `task.labels()` order.
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
    let correct: usize = (0..3).map(|i| cm[i][i]).sum();
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let per_class: Vec<ClassMetrics> = (0..3)
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
    let occurring: Vec<usize> = (0..3)
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
    let folds = stratified_folds(y, k, seed);
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
}
