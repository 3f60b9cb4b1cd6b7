//! Classifiers and the saved model file.
//!
//! A [`Classifier`] is one task's [`Vectorizer`] plus a multinomial logistic regression. Two
//! solvers minimise the same objective (log-loss + `alpha/2 · ‖W‖²`, intercept not penalised, so
//! `alpha` plays the role of scikit-learn's `1/C`):
//! - [`Solver::Sparse`] (default): [`crate::logistic`], L-BFGS over CSR rows, parallel, with class
//!   and sample weights;
//! - [`Solver::Linfa`]: linfa-logistic on a dense matrix, the reference implementation (small data
//!   only: memory grows with rows × vocabulary).
//!
//! A [`Model`] bundles the stance and sentiment classifiers with metadata: format name and version,
//! the crate version that wrote it, the hyper-parameters, the training-data digest and label
//! counts, and the cross-validated scores measured at training time. [`Model::save`] writes
//! atomically (temporary file in the same folder, then rename); [`Model::load`] checks the format
//! before trusting the contents. Training is deterministic: same data and options give the same
//! bytes.

use crate::attribution;
use crate::error::{Error, Result};
use crate::features::{SparseRow, Unit, Vectorizer, VectorizerParams};
use crate::labelled::Dataset;
use crate::labels::Task;
use crate::logistic::{ClassWeight, SparseLogistic, SparseLogisticParams};
use linfa::prelude::*;
use linfa_logistic::MultiLogisticRegression;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

/// Value of the `format` field of every model file.
pub const FORMAT: &str = "standpoint-model";
/// The model file layout this build reads and writes.
pub const FORMAT_VERSION: u32 = 2;

/// The stance target of a model trained without `--target`, and of older model files.
pub const DEFAULT_TARGET: &str = "negotiation";

fn default_target() -> String {
    DEFAULT_TARGET.into()
}

/// Which implementation fits the logistic regression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Solver {
    /// Sparse L-BFGS (this crate's `logistic` module: fast, any size, class weights).
    #[default]
    Sparse,
    /// linfa-logistic on a dense matrix (reference; small data; no class weights).
    Linfa,
}

/// Hyper-parameters for training one classifier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainParams {
    /// Vectorizer options.
    pub vectorizer: VectorizerParams,
    /// L2 penalty strength: linfa-logistic's `alpha` (≡ scikit-learn's `1/C`). Default 0.01.
    pub alpha: f64,
    /// L-BFGS iteration cap. Default 300.
    pub max_iterations: u64,
    /// Convergence tolerance. Sparse solver: L2 norm of the gradient of the loss averaged over
    /// rows (scikit-learn's meaning); linfa: linfa-logistic's `gradient_tolerance` on the summed
    /// loss. Default 1e-4.
    pub tolerance: f64,
    /// Solver. Default sparse.
    #[serde(default)]
    pub solver: Solver,
    /// Class weighting (sparse solver only). Default balanced.
    #[serde(default)]
    pub class_weight: ClassWeight,
    /// Train the relevance stage when the data has `about` labels (see [`Model`]). Default true.
    #[serde(default = "default_true")]
    pub relevance: bool,
    /// The rows the stance classifier learns from when the relevance stage is trained. Default
    /// [`StanceRows::Negotiation`].
    #[serde(default)]
    pub stance_rows: StanceRows,
    /// Weight β in [0, 1] of the article's relevance in each quote's relevance: logit(r) =
    /// (1 − β)·logit(r_quote) + β·logit(r_article). Default [`DEFAULT_CONTEXT`].
    #[serde(default)]
    pub relevance_context: f64,
    /// Folds of the stratified cross-validation run at training time: its out-of-fold
    /// predictions give the scores stored in the model and fit each classifier's temperature.
    /// 0 skips both. Default 5.
    #[serde(default)]
    pub folds: usize,
    /// Seed of the fold shuffle. Default 42.
    #[serde(default)]
    pub seed: u64,
    /// Fit a temperature per classifier on the out-of-fold predictions (temperature scaling,
    /// Guo et al. 2017); false keeps temperature 1. Default true.
    #[serde(default = "default_true")]
    pub calibrate: bool,
}

fn default_true() -> bool {
    true
}

/// Default weight of the article's relevance in a quote's relevance ([`TrainParams::relevance_context`]).
pub const DEFAULT_CONTEXT: f64 = 0.6;

/// Which rows the stance classifier is trained on when the data has relevance (`about`) labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum StanceRows {
    /// Only rows about negotiation (and rows without an `about` label): the stance classifier
    /// judges the side taken, the relevance stage whether there is one to take.
    #[default]
    Negotiation,
    /// Every row labelled for stance (rows about other subjects as neutral examples).
    All,
}

impl Default for TrainParams {
    fn default() -> Self {
        TrainParams {
            vectorizer: VectorizerParams::default(),
            alpha: 0.01,
            max_iterations: 300,
            tolerance: 1e-4,
            solver: Solver::Sparse,
            class_weight: ClassWeight::Balanced,
            relevance: true,
            stance_rows: StanceRows::Negotiation,
            relevance_context: DEFAULT_CONTEXT,
            folds: 5,
            seed: 42,
            calibrate: true,
        }
    }
}

impl TrainParams {
    /// Checks every parameter.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] naming the first bad one.
    pub fn check(&self) -> Result<()> {
        self.vectorizer.check()?;
        // alpha, max_iterations and tolerance: the solver's own checks
        self.logistic_params().check()?;
        if !(0.0..=1.0).contains(&self.relevance_context) {
            return Err(Error::InvalidParameter(format!(
                "relevance context weight {} is outside [0, 1]",
                self.relevance_context
            )));
        }
        if self.folds == 1 {
            return Err(Error::InvalidParameter(
                "folds must be 0 (no cross-validation) or at least 2".into(),
            ));
        }
        if self.solver == Solver::Linfa && self.class_weight != ClassWeight::None {
            return Err(Error::InvalidParameter(
                "class weights need the sparse solver (linfa-logistic has none); use class weight none (--class-weight none)".into(),
            ));
        }
        Ok(())
    }

    /// The sparse solver's parameters for these settings.
    fn logistic_params(&self) -> SparseLogisticParams {
        SparseLogisticParams::new()
            .alpha(self.alpha)
            .max_iterations(self.max_iterations)
            .tolerance(self.tolerance)
            .class_weight(self.class_weight)
    }
}

/// The unit classified for a training sentence: the sentence, with the mention of any speaker
/// found in it masked (as at scoring time, where the speaker's mention is masked).
pub fn training_unit(text: &str) -> Unit<'_> {
    let a = attribution::extract(text);
    let mut masks: Vec<(usize, usize)> = a.quotes.iter().filter_map(|q| q.mention_span).collect();
    masks.sort_unstable();
    masks.dedup();
    Unit { text, masks }
}

/// One task's fitted classifier: vectorizer + multinomial logistic regression.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Classifier {
    /// Stance, sentiment or relevance.
    pub task: Task,
    /// Labels the model was trained on (a subset of `task.labels()`, in that order); rows of
    /// `coef` and entries of `intercept` follow this order.
    pub labels: Vec<String>,
    /// The fitted vectorizer.
    pub vectorizer: Vectorizer,
    /// Weights, shape `(labels.len(), n_features)`.
    pub coef: Vec<Vec<f64>>,
    /// Intercepts, length `labels.len()`.
    pub intercept: Vec<f64>,
    /// Solver iterations used.
    #[serde(default)]
    pub iterations: u64,
    /// Whether the solver met its tolerance (false: it stopped at the iteration cap).
    #[serde(default)]
    pub converged: bool,
    /// Temperature T applied to the logits (probabilities ∝ exp(z / T)); 1 = uncalibrated.
    /// Fitted on out-of-fold predictions by [`fit_temperature`].
    #[serde(default = "one")]
    pub temperature: f64,
    /// The same weights, feature-major, for fast prediction (rebuilt on load).
    #[serde(skip)]
    fitted: Option<SparseLogistic>,
}

impl PartialEq for Classifier {
    /// Equal when the saved parts are equal (the prediction cache is not compared).
    fn eq(&self, o: &Self) -> bool {
        self.task == o.task
            && self.labels == o.labels
            && self.vectorizer == o.vectorizer
            && self.coef == o.coef
            && self.intercept == o.intercept
            && self.iterations == o.iterations
            && self.converged == o.converged
            && self.temperature == o.temperature
    }
}

impl Classifier {
    /// Fits a classifier on `units` with label indices `y` (into `task.labels()`).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for bad parameters; [`Error::Training`] when there are fewer
    /// than two distinct labels, no usable vocabulary, or the solver fails.
    pub fn fit(task: Task, params: &TrainParams, units: &[Unit<'_>], y: &[usize]) -> Result<Self> {
        params.check()?;
        let vectorizer = Vectorizer::fit_labelled(&params.vectorizer, units, y)?;
        Self::fit_with(task, params, vectorizer, units, y)
    }

    /// Fits the regression with an already fitted `vectorizer` (for example one vocabulary
    /// shared by several tasks, [`Model::train`]).
    ///
    /// # Errors
    /// As [`Classifier::fit`].
    pub fn fit_with(
        task: Task,
        params: &TrainParams,
        vectorizer: Vectorizer,
        units: &[Unit<'_>],
        y: &[usize],
    ) -> Result<Self> {
        if units.len() != y.len() {
            return Err(Error::Training(format!(
                "{} units but {} labels",
                units.len(),
                y.len()
            )));
        }
        let mut present: Vec<usize> = y.to_vec();
        present.sort_unstable();
        present.dedup();
        if present.len() < 2 {
            return Err(Error::Training(format!(
                "{task}: need at least two different labels, found {}",
                present.len()
            )));
        }
        let x = vectorizer.transform_matrix(units);
        let targets: Vec<usize> = y
            .iter()
            .map(|l| {
                present
                    .iter()
                    .position(|p| p == l)
                    .expect("label is present")
            })
            .collect();
        Self::fit_matrix(task, params, vectorizer, &x, &targets, &present, None)
    }

    /// Fits the regression on an already vectorized matrix `x` (shape `(n_samples,
    /// vectorizer.n_features())`) with targets as indices into `present` (the sorted label
    /// indices of `task` that occur). `init` warm-starts the sparse solver.
    ///
    /// # Errors
    /// As [`Classifier::fit`].
    pub fn fit_matrix(
        task: Task,
        params: &TrainParams,
        vectorizer: Vectorizer,
        x: &crate::sparse::CsrMatrix,
        targets: &[usize],
        present: &[usize],
        init: Option<&Classifier>,
    ) -> Result<Self> {
        let (fitted, iterations, converged) = match params.solver {
            Solver::Sparse => {
                let warm = init.and_then(|c| c.fitted.as_ref());
                let m = params
                    .logistic_params()
                    .check()?
                    .fit_rows(x, targets, present.len(), None, warm)
                    .map_err(|e| Error::Training(format!("{task}: {e}")))?;
                let (it, conv) = (m.iterations, m.converged);
                (m, it, conv)
            }
            Solver::Linfa => {
                let dataset =
                    linfa::Dataset::new(x.to_dense(), ndarray::Array1::from(targets.to_vec()));
                let f = MultiLogisticRegression::default()
                    .alpha(params.alpha)
                    .max_iterations(params.max_iterations)
                    .gradient_tolerance(params.tolerance)
                    .fit(&dataset)
                    .map_err(|e| Error::Training(format!("{task}: linfa-logistic: {e}")))?;
                let w = f.params(); // (n_features, n_classes)
                let coef: Vec<Vec<f64>> =
                    (0..present.len()).map(|c| w.column(c).to_vec()).collect();
                (
                    SparseLogistic::from_class_rows(
                        &coef,
                        f.intercept().as_slice().expect("contiguous"),
                    ),
                    0,
                    false,
                )
            }
        };
        Ok(Classifier {
            task,
            labels: present
                .iter()
                .map(|&l| task.labels()[l].to_string())
                .collect(),
            vectorizer,
            coef: fitted.coef_by_class(),
            intercept: fitted.intercept().to_vec(),
            iterations,
            converged,
            temperature: 1.0,
            fitted: Some(fitted),
        })
    }

    fn weights(&self) -> std::borrow::Cow<'_, SparseLogistic> {
        match &self.fitted {
            Some(f) => std::borrow::Cow::Borrowed(f),
            None => std::borrow::Cow::Owned(SparseLogistic::from_class_rows(
                &self.coef,
                &self.intercept,
            )),
        }
    }

    /// Class probabilities for one feature row, in `task.labels()` order (a label the model never
    /// saw gets probability 0), with the classifier's temperature applied.
    pub fn predict_row(&self, row: &SparseRow) -> [f64; 3] {
        let mut p = [0.0; 3];
        let k = self.labels.len();
        self.weights()
            .predict_row_into(&row.indices, &row.values, &mut p[..k]);
        let mut out = [0.0; 3];
        for (c, l) in self.labels.iter().enumerate() {
            out[self.task.parse_label(l).expect("labels are valid")] = p[c];
        }
        self.finite_or_neutral(with_temperature(out, self.temperature))
    }

    /// Class probabilities for one unit, in `task.labels()` order.
    pub fn predict_proba(&self, unit: &Unit<'_>) -> [f64; 3] {
        self.predict_row(&self.vectorizer.transform(unit))
    }

    /// Class probabilities from already analysed [`crate::features::words`] (computed with this
    /// classifier's vectorizer parameters).
    pub fn predict_words(&self, words: &[std::borrow::Cow<'_, str>]) -> [f64; 3] {
        self.predict_row(&self.vectorizer.transform_words(words))
    }

    /// The model's column for label `label` (index into `task.labels()`), if it was trained on it.
    fn label_column(&self, label: usize) -> Option<usize> {
        self.labels
            .iter()
            .position(|l| self.task.parse_label(l) == Some(label))
    }

    /// Term `i`'s weight for column `c` minus its mean weight for the other columns.
    fn weight_margin(&self, c: usize, i: usize) -> f64 {
        let k = self.labels.len();
        let others = (0..k)
            .filter(|&o| o != c)
            .map(|o| self.coef[o][i])
            .sum::<f64>()
            / (k - 1).max(1) as f64;
        self.coef[c][i] - others
    }

    /// Per-term contributions toward label `label` (index into `task.labels()`) for one feature
    /// row, largest first: feature value × (the label's weight − the mean weight of the other
    /// labels), i.e. each term's share of the label's log-odds against the others on average.
    /// Empty when the model has no such label.
    pub fn contributions_row(&self, row: &SparseRow, label: usize) -> Vec<(String, f64)> {
        let Some(c) = self.label_column(label) else {
            return Vec::new();
        };
        let mut out: Vec<(String, f64)> = row
            .indices
            .iter()
            .zip(&row.values)
            .map(|(&i, &v)| {
                let i = i as usize;
                (
                    self.vectorizer.vocabulary()[i].clone(),
                    v * self.weight_margin(c, i),
                )
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// [`Classifier::contributions_row`] for one unit.
    pub fn contributions(&self, unit: &Unit<'_>, label: usize) -> Vec<(String, f64)> {
        self.contributions_row(&self.vectorizer.transform(unit), label)
    }

    /// The class weights of every term for label `label`, minus the mean weight of the other
    /// labels, largest first (what the model associates with the label, text-independent).
    pub fn top_terms(&self, label: usize) -> Vec<(String, f64)> {
        let Some(c) = self.label_column(label) else {
            return Vec::new();
        };
        let mut out: Vec<(String, f64)> = (0..self.vectorizer.n_features())
            .map(|i| {
                (
                    self.vectorizer.vocabulary()[i].clone(),
                    self.weight_margin(c, i),
                )
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// The loader's checks (see [`Model::from_json`]); errors name the task and the field.
    fn check(&self, path: &Path) -> Result<()> {
        let task = self.task;
        let bad = |field: &str, m: String| Error::BadModel {
            path: path.to_path_buf(),
            message: format!("field `{task}.{field}`: {m}"),
        };
        let known = task.labels();
        if self.labels.len() < 2 {
            return Err(bad(
                "labels",
                format!(
                    "{} label(s) {:?}; a classifier needs at least two of {}",
                    self.labels.len(),
                    self.labels,
                    known.join(", ")
                ),
            ));
        }
        let mut seen = [false; 3];
        for l in &self.labels {
            match task.parse_label(l) {
                Some(i) if !seen[i] => seen[i] = true,
                Some(_) => return Err(bad("labels", format!("label `{l}` appears twice"))),
                None => {
                    return Err(bad(
                        "labels",
                        format!("unknown label `{l}` (expected {})", known.join(", ")),
                    ));
                }
            }
        }
        let nf = self.vectorizer.n_features();
        if nf == 0 {
            return Err(bad("vectorizer.vocabulary", "empty vocabulary".into()));
        }
        let mut terms = std::collections::HashSet::with_capacity(nf);
        if let Some(t) = self
            .vectorizer
            .vocabulary()
            .iter()
            .find(|t| !terms.insert(t.as_str()))
        {
            return Err(bad(
                "vectorizer.vocabulary",
                format!("term `{t}` appears twice"),
            ));
        }
        let idf = self.vectorizer.idf();
        if idf.len() != nf {
            return Err(bad(
                "vectorizer.idf",
                format!("{} values for a vocabulary of {nf} terms", idf.len()),
            ));
        }
        if let Some(i) = idf.iter().position(|&v| !(v.is_finite() && v > 0.0)) {
            return Err(bad(
                "vectorizer.idf",
                format!(
                    "value {} at index {i} (idf must be finite and positive)",
                    idf[i]
                ),
            ));
        }
        let k = self.labels.len();
        if self.coef.len() != k {
            return Err(bad(
                "coef",
                format!("{} weight rows for {k} labels", self.coef.len()),
            ));
        }
        if self.intercept.len() != k {
            return Err(bad(
                "intercept",
                format!("{} intercepts for {k} labels", self.intercept.len()),
            ));
        }
        for (c, row) in self.coef.iter().enumerate() {
            if row.len() != nf {
                return Err(bad(
                    &format!("coef[{c}]"),
                    format!("{} weights for a vocabulary of {nf} terms", row.len()),
                ));
            }
            check_weights(row, &format!("coef[{c}]"), &bad)?;
        }
        check_weights(&self.intercept, "intercept", &bad)?;
        if !(self.temperature.is_finite()
            && (MIN_TEMPERATURE..=MAX_TEMPERATURE).contains(&self.temperature))
        {
            return Err(bad(
                "temperature",
                format!(
                    "{} is outside [{MIN_TEMPERATURE}, {MAX_TEMPERATURE}]",
                    self.temperature
                ),
            ));
        }
        Ok(())
    }

    /// `p` when every probability is finite, else probability 1 on the neutral label (the
    /// prediction that takes no side); the loader's checks make the fallback unreachable for a
    /// loaded model, this keeps a NaN from ever leaving the model.
    fn finite_or_neutral(&self, p: [f64; 3]) -> [f64; 3] {
        if p.iter().all(|x| x.is_finite()) {
            return p;
        }
        let mut out = [0.0; 3];
        out[self.task.labels().len() - 1] = 1.0;
        out
    }
}

/// The largest absolute weight or intercept a model may hold. Feature values are at most 1
/// (L2-normalised rows), so logits stay far from overflow; the shipped model's largest is
/// about 8.
pub const MAX_WEIGHT: f64 = 1e6;
/// The range of a classifier's temperature the loader accepts (fitting keeps it in [0.05, 20]).
pub const MIN_TEMPERATURE: f64 = 1e-3;
/// See [`MIN_TEMPERATURE`].
pub const MAX_TEMPERATURE: f64 = 1e3;

fn check_weights(w: &[f64], field: &str, bad: &impl Fn(&str, String) -> Error) -> Result<()> {
    match w
        .iter()
        .position(|v| !(v.is_finite() && v.abs() <= MAX_WEIGHT))
    {
        Some(i) => Err(bad(
            field,
            format!(
                "weight {:e} at index {i} (weights must be finite and within ±{MAX_WEIGHT:e})",
                w[i]
            ),
        )),
        None => Ok(()),
    }
}

fn one() -> f64 {
    1.0
}

/// Probabilities rescaled as if the logits were divided by `t`: p_k^(1/t) / Σ_j p_j^(1/t)
/// (softmax(z / t), since log p_k = z_k − logsumexp(z)). A zero stays zero; `t` = 1 changes
/// nothing.
pub fn with_temperature(p: [f64; 3], t: f64) -> [f64; 3] {
    if t == 1.0 {
        return p;
    }
    let max = p.iter().cloned().fold(0.0, f64::max);
    if max <= 0.0 {
        return p;
    }
    let mut out = [0.0; 3];
    let mut sum = 0.0;
    for (o, &x) in out.iter_mut().zip(&p) {
        if x > 0.0 {
            *o = ((x.ln() - max.ln()) / t).exp();
            sum += *o;
        }
    }
    out.map(|x| x / sum)
}

/// The temperature T in [0.05, 20] that minimises the mean negative log-likelihood of `truth`
/// under `probabilities` rescaled by T (temperature scaling, Guo et al. 2017, "On Calibration of
/// Modern Neural Networks"), found by golden-section search on ln T. Fit it on out-of-fold
/// predictions, never on the rows a classifier was trained on.
pub fn fit_temperature(truth: &[usize], probabilities: &[[f64; 3]]) -> f64 {
    let nll = |log_t: f64| -> f64 {
        let t = log_t.exp();
        truth
            .iter()
            .zip(probabilities)
            .map(|(&y, p)| -with_temperature(*p, t)[y].max(1e-12).ln())
            .sum::<f64>()
    };
    let (mut a, mut b) = (0.05f64.ln(), 20.0f64.ln());
    let g = (5f64.sqrt() - 1.0) / 2.0;
    let (mut c, mut d) = (b - g * (b - a), a + g * (b - a));
    let (mut fc, mut fd) = (nll(c), nll(d));
    for _ in 0..60 {
        if fc < fd {
            b = d;
            d = c;
            fd = fc;
            c = b - g * (b - a);
            fc = nll(c);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + g * (b - a);
            fd = nll(d);
        }
    }
    ((a + b) / 2.0).exp()
}

/// Where the training data came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingData {
    /// File name of the labelled CSV (no folders, so the model is the same wherever it is built).
    pub file: String,
    /// [`Dataset::digest`] of the rows.
    pub sha256: String,
    /// Rows in the file.
    pub rows: usize,
    /// Rows per stance label (favor, against, neutral).
    pub stance_counts: [usize; 3],
    /// Rows per sentiment label (positive, negative, neutral).
    pub sentiment_counts: [usize; 3],
    /// Rows per relevance label (negotiation, other, unused).
    #[serde(default)]
    pub relevance_counts: [usize; 3],
}

impl TrainingData {
    /// Rows per label of `task`, in `task.labels()` order.
    pub fn counts(&self, task: Task) -> [usize; 3] {
        match task {
            Task::Stance => self.stance_counts,
            Task::Sentiment => self.sentiment_counts,
            Task::Relevance => self.relevance_counts,
        }
    }
}

/// Cross-validated quality recorded at training time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrossValidation {
    /// Task.
    pub task: Task,
    /// Number of folds.
    pub folds: usize,
    /// Shuffle seed.
    pub seed: u64,
    /// Mean of per-class F1 (macro-F1) over the pooled out-of-fold predictions.
    pub macro_f1: f64,
    /// Accuracy over the pooled out-of-fold predictions.
    pub accuracy: f64,
    /// Expected calibration error of the out-of-fold probabilities before temperature scaling.
    #[serde(default)]
    pub ece_before: f64,
    /// The same after temperature scaling (equal to `ece_before` when not calibrated).
    #[serde(default)]
    pub ece_after: f64,
}

/// A saved model: metadata plus one classifier per task and, when the training data has
/// `about` labels, the relevance stage.
///
/// Scoring a unit: the stance classifier gives p = P(favor, against, neutral | the speech is
/// about negotiation), the relevance classifier r = P(about negotiation) (blended in logit space
/// with the article's relevance, weight [`TrainParams::relevance_context`]), and the stance
/// reported is r·p + (1 − r)·(0, 0, 1): speech about something else is neutral, however loaded.
/// Without a relevance classifier the stance is p.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`FORMAT_VERSION`] at the time of writing.
    pub format_version: u32,
    /// Version of standpoint that trained it.
    pub standpoint_version: String,
    /// What the stance is toward, as table headers name it ("Stance toward <target>"); set by
    /// `train --target`, [`DEFAULT_TARGET`] by default and for model files written before the
    /// field existed.
    #[serde(default = "default_target")]
    pub target: String,
    /// The labelled data it was trained on.
    pub training_data: TrainingData,
    /// Hyper-parameters (the same for every task).
    pub params: TrainParams,
    /// Cross-validated scores measured at training time (when `params.folds` ≥ 2).
    pub cross_validation: Vec<CrossValidation>,
    /// Stance classifier (absent when the data had no stance labels).
    pub stance: Option<Classifier>,
    /// Sentiment classifier (absent when the data had no sentiment labels).
    pub sentiment: Option<Classifier>,
    /// Relevance classifier: is the speech about negotiation (absent when the data had no
    /// `about` labels or `params.relevance` is false).
    #[serde(default)]
    pub relevance: Option<Classifier>,
}

/// The indices of the rows a task is trained on, with their labels.
pub(crate) fn task_rows(
    data: &Dataset,
    task: Task,
    params: &TrainParams,
) -> (Vec<usize>, Vec<usize>) {
    let relevance_stage =
        params.relevance && data.counts(Task::Relevance)[..2].iter().all(|&c| c > 0);
    data.rows
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            !(task == Task::Stance
                && relevance_stage
                && params.stance_rows == StanceRows::Negotiation
                && r.about == Some(1))
        })
        .filter_map(|(i, r)| r.label(task).map(|l| (i, l)))
        .unzip()
}

impl Model {
    /// Trains every task on `data` (each task on the rows labelled for it; the stance task, when
    /// the relevance stage is trained with [`StanceRows::Negotiation`], on the rows about
    /// negotiation), then, when `params.folds` ≥ 2, cross-validates each task (stratified
    /// k-fold) to record its scores and fit its temperature.
    ///
    /// # Errors
    /// As [`Classifier::fit`]; [`Error::Training`] when no task has labelled rows.
    pub fn train(data: &Dataset, params: &TrainParams) -> Result<Self> {
        params.check()?;
        use rayon::prelude::*;
        let all: Vec<Unit<'_>> = data
            .rows
            .par_iter()
            .map(|r| training_unit(&r.text))
            .collect();
        // one vocabulary and idf for every task, so scoring counts each quote's terms once
        let shared = Vectorizer::fit(&params.vectorizer, &all)?;
        let mut classifiers = [None, None, None];
        let mut cross_validation = Vec::new();
        let tasks = [Task::Stance, Task::Sentiment, Task::Relevance];
        for (slot, task) in classifiers.iter_mut().zip(tasks) {
            if task == Task::Relevance && !params.relevance {
                continue;
            }
            let (rows, y) = task_rows(data, task, params);
            let units: Vec<Unit<'_>> = rows.iter().map(|&i| all[i].clone()).collect();
            let mut present = y.clone();
            present.sort_unstable();
            present.dedup();
            if present.len() < 2 && (task == Task::Relevance || y.is_empty()) {
                continue;
            }
            let vectorizer = shared.nb_scaled(&units, &y)?;
            let mut c = Classifier::fit_with(task, params, vectorizer, &units, &y)?;
            if params.folds >= 2 {
                let cv = crate::eval::cross_validate(
                    task,
                    params,
                    &units,
                    &y,
                    params.folds,
                    params.seed,
                )?;
                let before = crate::eval::calibration(&y, &cv.probabilities).ece;
                if params.calibrate {
                    c.temperature = fit_temperature(&y, &cv.probabilities);
                }
                let scaled: Vec<[f64; 3]> = cv
                    .probabilities
                    .iter()
                    .map(|p| with_temperature(*p, c.temperature))
                    .collect();
                cross_validation.push(CrossValidation {
                    task,
                    folds: params.folds,
                    seed: params.seed,
                    macro_f1: cv.report.macro_f1,
                    accuracy: cv.report.accuracy,
                    ece_before: before,
                    ece_after: crate::eval::calibration(&y, &scaled).ece,
                });
            }
            *slot = Some(c);
        }
        let [stance, sentiment, relevance] = classifiers;
        if stance.is_none() && sentiment.is_none() {
            return Err(Error::Training(format!(
                "{}: no row is labelled for stance or sentiment",
                data.path.display()
            )));
        }
        Ok(Model {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            standpoint_version: env!("CARGO_PKG_VERSION").into(),
            target: DEFAULT_TARGET.into(),
            training_data: TrainingData {
                file: data
                    .path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("")
                    .to_string(),
                sha256: data.digest(),
                rows: data.rows.len(),
                stance_counts: data.counts(Task::Stance),
                sentiment_counts: data.counts(Task::Sentiment),
                relevance_counts: data.counts(Task::Relevance),
            },
            params: params.clone(),
            cross_validation,
            stance,
            sentiment,
            relevance,
        })
    }

    /// The classifier for a task, if the model has one.
    pub fn classifier(&self, task: Task) -> Option<&Classifier> {
        match task {
            Task::Stance => self.stance.as_ref(),
            Task::Sentiment => self.sentiment.as_ref(),
            Task::Relevance => self.relevance.as_ref(),
        }
    }

    /// The stance reported for a unit, from the stance classifier's probabilities `p` and the
    /// relevance `r` = P(about negotiation) (see [`Model`]): r·p + (1 − r)·(0, 0, 1).
    pub fn gate(p: [f64; 3], r: f64) -> [f64; 3] {
        [r * p[0], r * p[1], r * p[2] + (1.0 - r)]
    }

    /// A quote's relevance from its own and its article's P(about negotiation), blended in logit
    /// space with the model's context weight β: σ((1 − β)·logit(r_quote) + β·logit(r_article)).
    pub fn blend_relevance(&self, quote: f64, article: Option<f64>) -> f64 {
        let beta = self.params.relevance_context;
        match article {
            Some(a) if beta > 0.0 => {
                let logit = |x: f64| {
                    let x = x.clamp(1e-9, 1.0 - 1e-9);
                    (x / (1.0 - x)).ln()
                };
                let z = (1.0 - beta) * logit(quote) + beta * logit(a);
                1.0 / (1.0 + (-z).exp())
            }
            _ => quote,
        }
    }

    /// The model as JSON bytes (compact, with a final newline); deterministic.
    pub fn to_json(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec(self).expect("a model serialises");
        v.push(b'\n');
        v
    }

    /// Writes the model atomically: a temporary file in the target folder, then a rename.
    ///
    /// # Errors
    /// [`Error::Io`] when the folder cannot be created or written.
    pub fn save(&self, path: &Path) -> Result<()> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| Error::io(&dir, e))?;
        tmp.write_all(&self.to_json())
            .map_err(|e| Error::io(path, e))?;
        tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let perms = std::fs::Permissions::from_mode(0o644);
            std::fs::set_permissions(tmp.path(), perms).map_err(|e| Error::io(path, e))?;
        }
        tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
        Ok(())
    }

    /// Reads and checks a model file.
    ///
    /// # Errors
    /// [`Error::Io`] when unreadable; [`Error::BadModel`] when the file is not a standpoint
    /// model, is of another format version, or its shapes are inconsistent.
    pub fn load(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Self::from_json(&bytes, path)
    }

    /// Parses and checks model JSON; `path` is only used in error messages.
    ///
    /// # Errors
    /// As [`Model::load`].
    pub fn from_json(bytes: &[u8], path: &Path) -> Result<Self> {
        let bad = |m: String| Error::BadModel {
            path: path.to_path_buf(),
            message: m,
        };
        // check the header first, so a foreign or old file gets a clear message
        #[derive(Deserialize)]
        struct Header {
            format: Option<serde_json::Value>,
            format_version: Option<serde_json::Value>,
        }
        let header: Header = serde_json::from_slice(bytes)
            .map_err(|e| bad(format!("not a standpoint model (not a JSON object: {e})")))?;
        match header.format.as_ref().and_then(|f| f.as_str()) {
            Some(FORMAT) => {}
            _ => {
                return Err(bad(
                    "not a standpoint model (no \"format\": \"standpoint-model\")".into(),
                ));
            }
        }
        let version = header.format_version.as_ref().and_then(|v| v.as_u64());
        if version != Some(FORMAT_VERSION as u64) {
            return Err(bad(format!(
                "model format version {} but this build of standpoint reads version {FORMAT_VERSION}; retrain it with `standpoint train`",
                version.map_or("missing".to_string(), |v| v.to_string())
            )));
        }
        let mut model: Model =
            serde_json::from_slice(bytes).map_err(|e| bad(format!("malformed model: {e}")))?;
        for c in [
            model.stance.as_mut(),
            model.sentiment.as_mut(),
            model.relevance.as_mut(),
        ]
        .into_iter()
        .flatten()
        {
            c.vectorizer.rebuild_index();
            c.check(path)?;
            c.fitted = Some(SparseLogistic::from_class_rows(&c.coef, &c.intercept));
        }
        if model.stance.is_none() && model.sentiment.is_none() {
            return Err(bad("model has no classifier".into()));
        }
        model.check_metadata(path)?;
        Ok(model)
    }

    /// The loader's checks of everything but the classifiers: the training digest, the
    /// parameters and the recorded cross-validation numbers.
    fn check_metadata(&self, path: &Path) -> Result<()> {
        let bad = |field: &str, m: String| Error::BadModel {
            path: path.to_path_buf(),
            message: format!("field `{field}`: {m}"),
        };
        let digest = &self.training_data.sha256;
        if digest.len() != 64 || !digest.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad(
                "training_data.sha256",
                format!("`{digest}` is not a SHA-256 digest (64 hex digits)"),
            ));
        }
        self.params
            .check()
            .map_err(|e| bad("params", e.to_string()))?;
        for (i, cv) in self.cross_validation.iter().enumerate() {
            for (name, v) in [
                ("macro_f1", cv.macro_f1),
                ("accuracy", cv.accuracy),
                ("ece_before", cv.ece_before),
                ("ece_after", cv.ece_after),
            ] {
                if !(0.0..=1.0).contains(&v) {
                    return Err(bad(
                        &format!("cross_validation[{i}].{name}"),
                        format!("{v} is outside [0, 1]"),
                    ));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> (Vec<&'static str>, Vec<usize>) {
        let texts = vec![
            "We welcome the talks and want a deal.",
            "We are ready to negotiate in good faith.",
            "Dialogue is the only way forward.",
            "We reject these talks as a trap.",
            "There will be no negotiations under threat.",
            "Talks are a waste of time.",
            "The meeting is on Tuesday in Geneva.",
            "Delegations arrived on Monday.",
            "The letter was sent last week.",
        ];
        (texts, vec![0, 0, 0, 1, 1, 1, 2, 2, 2])
    }

    #[test]
    fn both_solvers_match_linfa_logistic() {
        let (texts, y) = toy();
        let units: Vec<Unit> = texts.iter().map(|t| Unit::plain(t)).collect();
        let base = TrainParams {
            vectorizer: VectorizerParams {
                min_df: 1,
                ..VectorizerParams::default()
            },
            alpha: 0.5,
            max_iterations: 2000,
            tolerance: 1e-10,
            class_weight: ClassWeight::None,
            ..TrainParams::default()
        };
        let linfa_params = TrainParams {
            solver: Solver::Linfa,
            ..base.clone()
        };
        let via_linfa = Classifier::fit(Task::Stance, &linfa_params, &units, &y).unwrap();
        let via_sparse = Classifier::fit(Task::Stance, &base, &units, &y).unwrap();
        // linfa's own predict_probabilities on the same features
        let x = via_linfa.vectorizer.transform_matrix(&units).to_dense();
        let fitted = MultiLogisticRegression::default()
            .alpha(base.alpha)
            .max_iterations(base.max_iterations)
            .gradient_tolerance(base.tolerance)
            .fit(&linfa::Dataset::new(
                x.clone(),
                ndarray::Array1::from(y.clone()),
            ))
            .unwrap();
        let p = fitted.predict_probabilities(&x);
        for (r, u) in units.iter().enumerate() {
            let a = via_linfa.predict_proba(u);
            let b = via_sparse.predict_proba(u);
            assert!((a.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            for k in 0..3 {
                assert!((a[k] - p[(r, k)]).abs() < 1e-12, "linfa solver vs linfa");
                assert!(
                    (b[k] - p[(r, k)]).abs() < 1e-4,
                    "sparse solver vs linfa: {} vs {}",
                    b[k],
                    p[(r, k)]
                );
            }
        }
    }

    #[test]
    fn two_label_data_gives_zero_for_the_missing_label() {
        let units = [
            Unit::plain("yes talks"),
            Unit::plain("no talks"),
            Unit::plain("yes deal"),
            Unit::plain("no deal"),
        ];
        let params = TrainParams {
            vectorizer: VectorizerParams {
                min_df: 1,
                ..VectorizerParams::default()
            },
            ..TrainParams::default()
        };
        let c = Classifier::fit(Task::Stance, &params, &units, &[0, 1, 0, 1]).unwrap();
        assert_eq!(c.labels, ["favor", "against"]);
        assert_eq!(c.predict_proba(&Unit::plain("yes"))[2], 0.0);
        assert!(Classifier::fit(Task::Stance, &params, &units, &[0, 0, 0, 0]).is_err());
    }

    #[test]
    fn bad_model_files_are_refused() {
        let p = Path::new("m.json");
        let e = Model::from_json(b"{\"hello\":1}", p)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "m.json: not a standpoint model (no \"format\": \"standpoint-model\")"
        );
        let e = Model::from_json(
            b"{\"format\":\"standpoint-model\",\"format_version\":99}",
            p,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("format version 99"), "{e}");
        let e = Model::from_json(b"\x00\x01", p).unwrap_err().to_string();
        assert!(e.contains("not a standpoint model"), "{e}");
    }

    /// A model trained on the toy rows without cross-validation; sentiment labels (the stance
    /// labels reused) only when `with_sentiment`.
    fn toy_model(with_sentiment: bool) -> Model {
        let (texts, y) = toy();
        let data = Dataset {
            path: "toy.csv".into(),
            rows: texts
                .iter()
                .zip(&y)
                .enumerate()
                .map(|(i, (t, &l))| crate::labelled::Row {
                    text: t.to_string(),
                    stance: Some(l),
                    sentiment: with_sentiment.then_some(l),
                    about: None,
                    group: None,
                    line: i as u64 + 2,
                })
                .collect(),
        };
        let params = TrainParams {
            vectorizer: VectorizerParams {
                min_df: 1,
                ..VectorizerParams::default()
            },
            folds: 0,
            ..TrainParams::default()
        };
        Model::train(&data, &params).unwrap()
    }

    #[test]
    fn target_round_trips_and_older_files_without_it_read_as_negotiation() {
        let mut m = toy_model(false);
        assert_eq!(m.target, DEFAULT_TARGET);
        m.target = "sanctions".into();
        let p = Path::new("m.json");
        assert_eq!(
            Model::from_json(&m.to_json(), p).unwrap().target,
            "sanctions"
        );
        let mut v: serde_json::Value = serde_json::from_slice(&m.to_json()).unwrap();
        v.as_object_mut().unwrap().remove("target");
        let old = Model::from_json(&serde_json::to_vec(&v).unwrap(), p).unwrap();
        assert_eq!(old.target, "negotiation");
        assert!(old.sentiment.is_none());
    }

    /// A toy model's JSON, edited by `edit`, and the loader's message for it.
    fn load_edited(
        edit: impl FnOnce(&mut serde_json::Value),
    ) -> std::result::Result<Model, String> {
        let mut v: serde_json::Value = serde_json::from_slice(&toy_model(true).to_json()).unwrap();
        edit(&mut v);
        let bytes = serde_json::to_vec(&v).unwrap();
        Model::from_json(&bytes, Path::new("m.json")).map_err(|e| e.to_string())
    }

    #[test]
    fn the_loader_checks_every_field() {
        assert!(load_edited(|_| {}).is_ok());
        type Edit = Box<dyn FnOnce(&mut serde_json::Value)>;
        let cases: Vec<(Edit, &str)> = vec![
            (
                Box::new(|v| v["stance"]["coef"][0][0] = serde_json::json!(1e300)),
                "field `stance.coef[0]`: weight 1e300",
            ),
            (
                Box::new(|v| v["stance"]["coef"][1][0] = serde_json::Value::Null),
                "malformed model",
            ),
            (
                Box::new(|v| v["sentiment"]["intercept"][0] = serde_json::json!(-2e7)),
                "field `sentiment.intercept`",
            ),
            (
                Box::new(|v| v["stance"]["labels"] = serde_json::json!([])),
                "field `stance.labels`: 0 label(s)",
            ),
            (
                Box::new(|v| {
                    v["stance"]["labels"] = serde_json::json!(["favor", "favor", "neutral"])
                }),
                "appears twice",
            ),
            (
                Box::new(|v| {
                    v["stance"]["labels"] = serde_json::json!(["favor", "maybe", "neutral"])
                }),
                "unknown label `maybe`",
            ),
            (
                Box::new(|v| {
                    v["stance"]["coef"]
                        .as_array_mut()
                        .unwrap()
                        .pop()
                        .map(|_| ())
                        .unwrap()
                }),
                "field `stance.coef`: 2 weight rows for 3 labels",
            ),
            (
                Box::new(|v| {
                    v["stance"]["coef"][2]
                        .as_array_mut()
                        .unwrap()
                        .pop()
                        .map(|_| ())
                        .unwrap()
                }),
                "field `stance.coef[2]`",
            ),
            (
                Box::new(|v| v["stance"]["vectorizer"]["idf"][0] = serde_json::json!(-1.0)),
                "field `stance.vectorizer.idf`: value -1",
            ),
            (
                Box::new(|v| v["stance"]["temperature"] = serde_json::json!(0.0)),
                "field `stance.temperature`",
            ),
            (
                Box::new(|v| v["training_data"]["sha256"] = serde_json::json!("")),
                "field `training_data.sha256`",
            ),
            (
                Box::new(|v| v["params"]["relevance_context"] = serde_json::json!(7.0)),
                "field `params`",
            ),
        ];
        for (edit, want) in cases {
            let e = load_edited(edit).unwrap_err();
            assert!(e.starts_with("m.json: "), "{e}");
            assert!(e.contains(want), "{e} (wanted {want})");
        }
    }

    #[test]
    fn predictions_are_finite() {
        let m = load_edited(|_| {}).unwrap();
        let c = m.stance.as_ref().unwrap();
        let p = c.predict_proba(&Unit::plain("talks talks talks we reject"));
        assert!(p.iter().all(|x| x.is_finite()));
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }
}
