//! Multinomial (softmax) logistic regression on sparse rows, minimised with L-BFGS.
//!
//! ## Objective
//!
//! For rows `x_i` (CSR), labels `y_i ∈ {0, …, K−1}`, sample weights `s_i` (1 by default, times the
//! class weight), weights `W` of shape `(n_features, K)` and intercepts `b` of length `K`:
//!
//! ```text
//! f(W, b) = (1/S) · [ Σ_i s_i · (logsumexp(z_i) − z_i[y_i])  +  (alpha/2) · ‖W‖² ],   z_i = Wᵀx_i + b,  S = Σ_i s_i
//! ```
//!
//! The intercept is not penalised. Without sample weights this is linfa-logistic's objective
//! (summed log-loss + `alpha/2·‖W‖²`) divided by `n`, so the two have the same minimiser for the
//! same `alpha`: **`alpha` here = linfa-logistic's `alpha` = scikit-learn's `1/C`**. Averaging
//! makes the gradient tolerance mean what it means in scikit-learn (whose lbfgs solver averages
//! the loss the same way): stop when the L2 norm of ∇f is below `tolerance` (default 1e-4), or after
//! `max_iterations` L-BFGS iterations (default 100). `class_weight = Balanced` gives each class the
//! weight `n / (K · n_class)`, scikit-learn's `class_weight="balanced"`.
//!
//! ## Computation
//!
//! Loss and gradient are computed in one pass over the rows (cached, since the optimiser asks for
//! the cost and the gradient at the same point). Above 200,000 stored entries the rows are split
//! into at most 8 fixed blocks evaluated in parallel with rayon and summed in block order, so the
//! result does not depend on the number of threads. The optimiser is argmin's L-BFGS with a
//! More–Thuente line search (memory 10), the same family linfa-logistic uses (Nocedal & Wright,
//! *Numerical Optimization*, 2006, ch. 7).
//!
//! ```
//! use standpoint::logistic::SparseLogisticParams;
//! use standpoint::sparse::CsrMatrix;
//!
//! let mut x = CsrMatrix::new(2);
//! for i in 0..30 {
//!     let (c, v) = if i % 3 == 0 { (0, 1.0) } else if i % 3 == 1 { (1, 1.0) } else { (0, 0.0) };
//!     x.push_row(&[(c, v)]);
//! }
//! let y: Vec<usize> = (0..30).map(|i| i % 3).collect();
//! let model = SparseLogisticParams::new().alpha(0.1).check().unwrap().fit_rows(&x, &y, 3, None, None).unwrap();
//! let p = model.predict_probabilities(&x);
//! assert_eq!(p.shape(), &[30, 3]);
//! assert!(p[(0, 0)] > 0.5 && p[(1, 1)] > 0.5);
//! ```

use crate::error::{Error, Result};
use crate::sparse::CsrMatrix;
use argmin::core::{CostFunction, Executor, Gradient, State, TerminationReason, TerminationStatus};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;
use ndarray::{Array1, Array2};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::Mutex;

/// How classes are weighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ClassWeight {
    /// Every class weighs 1.
    #[default]
    None,
    /// Class `c` weighs `n / (K · n_c)` (scikit-learn's `class_weight="balanced"`).
    Balanced,
}

/// Hyper-parameters (unchecked); [`check`](SparseLogisticParams::check) validates them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SparseLogisticParams {
    alpha: f64,
    max_iterations: u64,
    tolerance: f64,
    class_weight: ClassWeight,
    memory: usize,
}

/// Validated hyper-parameters; fitting starts from here.
#[derive(Debug, Clone, PartialEq)]
pub struct SparseLogisticValidParams(SparseLogisticParams);

impl Default for SparseLogisticParams {
    fn default() -> Self {
        Self::new()
    }
}

impl SparseLogisticParams {
    /// Defaults: `alpha` 1.0, `max_iterations` 100, `tolerance` 1e-4, no class weights, L-BFGS
    /// memory 10.
    pub fn new() -> Self {
        SparseLogisticParams {
            alpha: 1.0,
            max_iterations: 100,
            tolerance: 1e-4,
            class_weight: ClassWeight::None,
            memory: 10,
        }
    }
    /// L2 penalty strength (`1/C`), > 0.
    pub fn alpha(mut self, alpha: f64) -> Self {
        self.alpha = alpha;
        self
    }
    /// Cap on L-BFGS iterations, ≥ 1.
    pub fn max_iterations(mut self, n: u64) -> Self {
        self.max_iterations = n;
        self
    }
    /// Stop when the L2 norm of the averaged objective's gradient is below this, > 0.
    pub fn tolerance(mut self, tol: f64) -> Self {
        self.tolerance = tol;
        self
    }
    /// Class weighting.
    pub fn class_weight(mut self, cw: ClassWeight) -> Self {
        self.class_weight = cw;
        self
    }
    /// Number of correction pairs L-BFGS keeps, ≥ 1.
    pub fn memory(mut self, m: usize) -> Self {
        self.memory = m;
        self
    }
    /// Validates the parameters.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] naming the first bad one.
    pub fn check(self) -> Result<SparseLogisticValidParams> {
        if !(self.alpha.is_finite() && self.alpha > 0.0) {
            return Err(Error::InvalidParameter(format!(
                "alpha {} must be > 0",
                self.alpha
            )));
        }
        if self.max_iterations == 0 {
            return Err(Error::InvalidParameter(
                "max_iterations must be at least 1".into(),
            ));
        }
        if !(self.tolerance.is_finite() && self.tolerance > 0.0) {
            return Err(Error::InvalidParameter(format!(
                "tolerance {} must be > 0",
                self.tolerance
            )));
        }
        if self.memory == 0 {
            return Err(Error::InvalidParameter(
                "L-BFGS memory must be at least 1".into(),
            ));
        }
        Ok(SparseLogisticValidParams(self))
    }
}

/// A fitted model: weights `(n_features, n_classes)` stored feature-major, intercepts, and how the
/// fit ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SparseLogistic {
    n_features: usize,
    n_classes: usize,
    /// `coef[j * n_classes + c]` = weight of feature `j` for class `c`.
    coef: Vec<f64>,
    intercept: Vec<f64>,
    /// L-BFGS iterations run.
    pub iterations: u64,
    /// True when the gradient tolerance was met (false: stopped at the iteration cap).
    pub converged: bool,
    /// L2 norm of the averaged objective's gradient at the end.
    pub gradient_norm: f64,
}

/// Row blocks for a matrix: one block below 200,000 entries, else at most 8 equal blocks. The
/// partition depends only on the data, never on the number of threads.
fn blocks(x: &CsrMatrix) -> Vec<(usize, usize)> {
    let n = x.n_rows();
    if x.nnz() < 200_000 || n < 16 {
        return vec![(0, n)];
    }
    let k = 8.min(n);
    (0..k).map(|b| (b * n / k, (b + 1) * n / k)).collect()
}

struct Problem<'a> {
    x: &'a CsrMatrix,
    y: &'a [usize],
    w: &'a [f64],
    k: usize,
    d: usize,
    inv_s: f64,
    lambda: f64,
    blocks: Vec<(usize, usize)>,
    cache: Mutex<Option<Evaluation>>,
}

/// A cached evaluation: parameters, cost, gradient.
type Evaluation = (Array1<f64>, f64, Array1<f64>);

impl Problem<'_> {
    fn eval(&self, theta: &Array1<f64>) -> (f64, Array1<f64>) {
        if let Some((p, c, g)) = self.cache.lock().expect("cache lock").as_ref() {
            if p == theta {
                return (*c, g.clone());
            }
        }
        let (k, d) = (self.k, self.d);
        let theta_s = theta.as_slice().expect("contiguous parameters");
        let (wv, bv) = theta_s.split_at(d * k);
        let run = |&(a, b): &(usize, usize)| -> (f64, Vec<f64>) {
            let mut g = vec![0.0; d * k + k];
            let mut z = vec![0.0; k];
            let mut loss = 0.0;
            for i in a..b {
                let (idx, val) = self.x.row_slices(i);
                z.copy_from_slice(bv);
                for (&j, &v) in idx.iter().zip(val) {
                    let wj = &wv[j as usize * k..j as usize * k + k];
                    for (zc, &wc) in z.iter_mut().zip(wj) {
                        *zc += wc * v;
                    }
                }
                let max = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
                let sum: f64 = z.iter().map(|&v| (v - max).exp()).sum();
                let lse = max + sum.ln();
                let yi = self.y[i];
                let si = self.w[i];
                loss += si * (lse - z[yi]);
                for (c, zc) in z.iter_mut().enumerate() {
                    // z becomes the residual s_i · (p_c − 1[c = y_i])
                    *zc = si * ((*zc - lse).exp() - if c == yi { 1.0 } else { 0.0 });
                }
                for (&j, &v) in idx.iter().zip(val) {
                    let gj = &mut g[j as usize * k..j as usize * k + k];
                    for (gc, &rc) in gj.iter_mut().zip(&z) {
                        *gc += rc * v;
                    }
                }
                for (gb, &rc) in g[d * k..].iter_mut().zip(&z) {
                    *gb += rc;
                }
            }
            (loss, g)
        };
        let parts: Vec<(f64, Vec<f64>)> = if self.blocks.len() == 1 {
            vec![run(&self.blocks[0])]
        } else {
            self.blocks.par_iter().map(run).collect()
        };
        let mut loss = 0.0;
        let mut grad = vec![0.0; d * k + k];
        for (l, g) in parts {
            loss += l;
            for (a, b) in grad.iter_mut().zip(g) {
                *a += b;
            }
        }
        let mut sq = 0.0;
        for (gi, &wi) in grad[..d * k].iter_mut().zip(wv) {
            sq += wi * wi;
            *gi = *gi * self.inv_s + self.lambda * wi;
        }
        for gb in grad[d * k..].iter_mut() {
            *gb *= self.inv_s;
        }
        let cost = loss * self.inv_s + 0.5 * self.lambda * sq;
        let grad = Array1::from(grad);
        *self.cache.lock().expect("cache lock") = Some((theta.clone(), cost, grad.clone()));
        (cost, grad)
    }
}

impl CostFunction for Problem<'_> {
    type Param = Array1<f64>;
    type Output = f64;
    fn cost(&self, p: &Self::Param) -> std::result::Result<f64, argmin::core::Error> {
        Ok(self.eval(p).0)
    }
}

impl Gradient for Problem<'_> {
    type Param = Array1<f64>;
    type Gradient = Array1<f64>;
    fn gradient(&self, p: &Self::Param) -> std::result::Result<Array1<f64>, argmin::core::Error> {
        Ok(self.eval(p).1)
    }
}

impl SparseLogisticValidParams {
    /// The parameters.
    pub fn params(&self) -> &SparseLogisticParams {
        &self.0
    }

    /// Fits on CSR rows `x` (shape `(n_samples, n_features)`) with labels `y` in `0..n_classes`.
    ///
    /// `sample_weight` (length `n_samples`, each ≥ 0) multiplies each row's loss; `init` warm-starts
    /// from an earlier fit of the same shape (useful along a grid of `alpha`).
    ///
    /// # Errors
    /// [`Error::Training`] when shapes disagree, a label is out of range, a weight is negative or
    /// not finite, all weights are zero, or the optimiser fails.
    pub fn fit_rows(
        &self,
        x: &CsrMatrix,
        y: &[usize],
        n_classes: usize,
        sample_weight: Option<&[f64]>,
        init: Option<&SparseLogistic>,
    ) -> Result<SparseLogistic> {
        let (n, d) = x.shape();
        let k = n_classes;
        if y.len() != n {
            return Err(Error::Training(format!("{n} rows but {} labels", y.len())));
        }
        if k < 2 {
            return Err(Error::Training("need at least two classes".into()));
        }
        if let Some(&bad) = y.iter().find(|&&l| l >= k) {
            return Err(Error::Training(format!("label {bad} out of range 0..{k}")));
        }
        let mut w: Vec<f64> = match sample_weight {
            Some(sw) if sw.len() != n => {
                return Err(Error::Training(format!(
                    "{n} rows but {} sample weights",
                    sw.len()
                )));
            }
            Some(sw) => sw.to_vec(),
            None => vec![1.0; n],
        };
        if w.iter().any(|v| !v.is_finite() || *v < 0.0) {
            return Err(Error::Training(
                "sample weights must be finite and non-negative".into(),
            ));
        }
        if self.0.class_weight == ClassWeight::Balanced {
            let mut counts = vec![0usize; k];
            for &l in y {
                counts[l] += 1;
            }
            let present = counts.iter().filter(|&&c| c > 0).count() as f64;
            for (wi, &l) in w.iter_mut().zip(y) {
                *wi *= n as f64 / (present * counts[l] as f64);
            }
        }
        let s: f64 = w.iter().sum();
        if s <= 0.0 {
            return Err(Error::Training("all sample weights are zero".into()));
        }
        let problem = Problem {
            x,
            y,
            w: &w,
            k,
            d,
            inv_s: 1.0 / s,
            lambda: self.0.alpha / s,
            blocks: blocks(x),
            cache: Mutex::new(None),
        };
        let theta0 = match init {
            Some(m) if m.n_features == d && m.n_classes == k => {
                let mut t = m.coef.clone();
                t.extend_from_slice(&m.intercept);
                Array1::from(t)
            }
            Some(_) => return Err(Error::Training("warm start model has another shape".into())),
            None => Array1::zeros(d * k + k),
        };
        let (g0norm, _) = {
            let (_, g) = problem.eval(&theta0);
            (g.dot(&g).sqrt(), ())
        };
        if g0norm < self.0.tolerance {
            return Ok(Self::unpack(&theta0, d, k, 0, true, g0norm));
        }
        let solver = LBFGS::new(MoreThuenteLineSearch::new(), self.0.memory)
            .with_tolerance_grad(self.0.tolerance)
            .and_then(|s| s.with_tolerance_cost(0.0))
            .map_err(|e| Error::Training(format!("L-BFGS setup: {e}")))?;
        let res = Executor::new(problem, solver)
            .configure(|st| st.param(theta0).max_iters(self.0.max_iterations))
            .run()
            .map_err(|e| Error::Training(format!("L-BFGS: {e}")))?;
        let converged = matches!(
            res.state.get_termination_status(),
            TerminationStatus::Terminated(TerminationReason::SolverConverged)
        );
        let iterations = res.state.get_iter();
        let theta = res
            .state
            .get_best_param()
            .cloned()
            .ok_or_else(|| Error::Training("L-BFGS returned no parameters".into()))?;
        let gnorm = res.problem.problem.as_ref().map_or(f64::NAN, |p| {
            let (_, g) = p.eval(&theta);
            g.dot(&g).sqrt()
        });
        Ok(Self::unpack(&theta, d, k, iterations, converged, gnorm))
    }

    fn unpack(
        theta: &Array1<f64>,
        d: usize,
        k: usize,
        iterations: u64,
        converged: bool,
        gradient_norm: f64,
    ) -> SparseLogistic {
        let t = theta.as_slice().expect("contiguous");
        SparseLogistic {
            n_features: d,
            n_classes: k,
            coef: t[..d * k].to_vec(),
            intercept: t[d * k..].to_vec(),
            iterations,
            converged,
            gradient_norm,
        }
    }
}

impl linfa::traits::Fit<CsrMatrix, Array1<usize>, Error> for SparseLogisticValidParams {
    type Object = SparseLogistic;

    /// Fits on a linfa dataset of CSR records and class-index targets; the number of classes is
    /// `max(target) + 1`, and the dataset's weights (if any) are the sample weights.
    fn fit(
        &self,
        dataset: &linfa::DatasetBase<CsrMatrix, Array1<usize>>,
    ) -> Result<SparseLogistic> {
        let y = dataset
            .targets()
            .as_slice()
            .expect("contiguous targets")
            .to_vec();
        let k = y.iter().max().map_or(0, |m| m + 1);
        let weights: Option<Vec<f64>> = dataset
            .weights()
            .map(|w| w.iter().map(|&v| v as f64).collect());
        self.fit_rows(dataset.records(), &y, k, weights.as_deref(), None)
    }
}

impl SparseLogistic {
    /// Number of features.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Weight of feature `j` for class `c`.
    pub fn weight(&self, j: usize, c: usize) -> f64 {
        self.coef[j * self.n_classes + c]
    }

    /// Weights as `(n_classes, n_features)` rows, class by class.
    pub fn coef_by_class(&self) -> Vec<Vec<f64>> {
        (0..self.n_classes)
            .map(|c| (0..self.n_features).map(|j| self.weight(j, c)).collect())
            .collect()
    }

    /// Intercepts, length `n_classes`.
    pub fn intercept(&self) -> &[f64] {
        &self.intercept
    }

    /// Builds a model from class-by-class weights `(n_classes, n_features)` and intercepts.
    ///
    /// # Panics
    /// When the shapes disagree.
    pub fn from_class_rows(coef: &[Vec<f64>], intercept: &[f64]) -> Self {
        let k = coef.len();
        assert_eq!(k, intercept.len(), "one intercept per class");
        let d = coef.first().map_or(0, Vec::len);
        assert!(coef.iter().all(|r| r.len() == d), "rows of equal length");
        let mut flat = vec![0.0; d * k];
        for (c, row) in coef.iter().enumerate() {
            for (j, &v) in row.iter().enumerate() {
                flat[j * k + c] = v;
            }
        }
        SparseLogistic {
            n_features: d,
            n_classes: k,
            coef: flat,
            intercept: intercept.to_vec(),
            iterations: 0,
            converged: true,
            gradient_norm: f64::NAN,
        }
    }

    /// Class probabilities of one row (`indices` into the features, `values`), written to `out`
    /// (length `n_classes`).
    pub fn predict_row_into(&self, indices: &[u32], values: &[f64], out: &mut [f64]) {
        let k = self.n_classes;
        out.copy_from_slice(&self.intercept);
        for (&j, &v) in indices.iter().zip(values) {
            let j = j as usize;
            if j >= self.n_features {
                continue;
            }
            for (o, &w) in out.iter_mut().zip(&self.coef[j * k..j * k + k]) {
                *o += w * v;
            }
        }
        let max = out.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let mut sum = 0.0;
        for o in out.iter_mut() {
            *o = (*o - max).exp();
            sum += *o;
        }
        for o in out.iter_mut() {
            *o /= sum;
        }
    }

    /// Class probabilities, shape `(n_samples, n_classes)`; rows sum to 1.
    pub fn predict_probabilities(&self, x: &CsrMatrix) -> Array2<f64> {
        let mut p = Array2::zeros((x.n_rows(), self.n_classes));
        for (i, mut row) in p.rows_mut().into_iter().enumerate() {
            let (idx, val) = x.row_slices(i);
            self.predict_row_into(idx, val, row.as_slice_mut().expect("contiguous row"));
        }
        p
    }
}

impl linfa::traits::PredictInplace<CsrMatrix, Array1<usize>> for SparseLogistic {
    /// Most probable class index per row.
    fn predict_inplace(&self, x: &CsrMatrix, y: &mut Array1<usize>) {
        assert_eq!(x.n_rows(), y.len(), "one target per row");
        let mut p = vec![0.0; self.n_classes];
        for (i, yi) in y.iter_mut().enumerate() {
            let (idx, val) = x.row_slices(i);
            self.predict_row_into(idx, val, &mut p);
            *yi = (0..self.n_classes).fold(0, |best, c| if p[c] > p[best] { c } else { best });
        }
    }

    fn default_target(&self, x: &CsrMatrix) -> Array1<usize> {
        Array1::zeros(x.n_rows())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    /// A random sparse problem: n rows, d features, k classes, labels from a planted model.
    pub(crate) fn random_problem(
        n: usize,
        d: usize,
        k: usize,
        seed: u64,
    ) -> (CsrMatrix, Vec<usize>) {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let planted: Vec<f64> = (0..d * k).map(|_| rng.gen_range(-2.0..2.0)).collect();
        let mut x = CsrMatrix::new(d);
        let mut y = Vec::with_capacity(n);
        for _ in 0..n {
            let mut cols: Vec<u32> = (0..4).map(|_| rng.gen_range(0..d as u32)).collect();
            cols.sort_unstable();
            cols.dedup();
            let entries: Vec<(u32, f64)> =
                cols.iter().map(|&c| (c, rng.gen_range(0.1..1.0))).collect();
            let scores: Vec<f64> = (0..k)
                .map(|c| {
                    entries
                        .iter()
                        .map(|&(j, v)| planted[j as usize * k + c] * v)
                        .sum::<f64>()
                        + rng.gen_range(-0.5..0.5)
                })
                .collect();
            let label = (0..k).fold(0, |b, c| if scores[c] > scores[b] { c } else { b });
            x.push_row(&entries);
            y.push(label);
        }
        (x, y)
    }

    #[test]
    fn gradient_matches_finite_differences() {
        for seed in 0..4 {
            let (x, y) = random_problem(40, 7, 3, seed);
            let w: Vec<f64> = (0..40).map(|i| 0.5 + (i % 3) as f64 * 0.25).collect();
            let s: f64 = w.iter().sum();
            let p = Problem {
                x: &x,
                y: &y,
                w: &w,
                k: 3,
                d: 7,
                inv_s: 1.0 / s,
                lambda: 0.3 / s,
                blocks: vec![(0, 17), (17, 40)],
                cache: Mutex::new(None),
            };
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed + 100);
            let theta = Array1::from(
                (0..24)
                    .map(|_| rng.gen_range(-1.0..1.0))
                    .collect::<Vec<f64>>(),
            );
            let (_, g) = p.eval(&theta);
            let h = 1e-6;
            for i in 0..theta.len() {
                let mut tp = theta.clone();
                tp[i] += h;
                let mut tm = theta.clone();
                tm[i] -= h;
                let fd = (p.eval(&tp).0 - p.eval(&tm).0) / (2.0 * h);
                assert!(
                    (fd - g[i]).abs() < 1e-7,
                    "seed {seed} param {i}: analytic {} vs numeric {fd}",
                    g[i]
                );
            }
        }
    }

    #[test]
    fn agrees_with_linfa_logistic() {
        use linfa::traits::Fit;
        let (x, y) = random_problem(120, 10, 3, 7);
        let alpha = 0.5;
        let ours = SparseLogisticParams::new()
            .alpha(alpha)
            .tolerance(1e-10)
            .max_iterations(1000)
            .check()
            .unwrap()
            .fit_rows(&x, &y, 3, None, None)
            .unwrap();
        let dense = x.to_dense();
        let theirs = linfa_logistic::MultiLogisticRegression::default()
            .alpha(alpha)
            .max_iterations(1000)
            .gradient_tolerance(1e-10)
            .fit(&linfa::Dataset::new(dense.clone(), Array1::from(y.clone())))
            .unwrap();
        let p1 = ours.predict_probabilities(&x);
        let p2 = theirs.predict_probabilities(&dense);
        let max_diff = (&p1 - &p2).iter().fold(0.0f64, |m, v| m.max(v.abs()));
        assert!(max_diff < 1e-4, "max probability difference {max_diff}");
    }

    #[test]
    fn balanced_weights_equal_explicit_sample_weights() {
        let (x, y) = random_problem(90, 8, 3, 3);
        let mut counts = [0usize; 3];
        for &l in &y {
            counts[l] += 1;
        }
        let sw: Vec<f64> = y.iter().map(|&l| 90.0 / (3.0 * counts[l] as f64)).collect();
        let p = SparseLogisticParams::new()
            .tolerance(1e-9)
            .max_iterations(500);
        let a = p
            .clone()
            .class_weight(ClassWeight::Balanced)
            .check()
            .unwrap()
            .fit_rows(&x, &y, 3, None, None)
            .unwrap();
        let b = p
            .check()
            .unwrap()
            .fit_rows(&x, &y, 3, Some(&sw), None)
            .unwrap();
        let diff = (&a.predict_probabilities(&x) - &b.predict_probabilities(&x))
            .iter()
            .fold(0.0f64, |m, v| m.max(v.abs()));
        assert!(diff < 1e-9);
    }

    #[test]
    fn warm_start_converges_in_fewer_iterations() {
        let (x, y) = random_problem(300, 30, 3, 11);
        let p = SparseLogisticParams::new().alpha(1.0).check().unwrap();
        let cold = p.fit_rows(&x, &y, 3, None, None).unwrap();
        let p2 = SparseLogisticParams::new().alpha(0.9).check().unwrap();
        let warm = p2.fit_rows(&x, &y, 3, None, Some(&cold)).unwrap();
        let cold2 = p2.fit_rows(&x, &y, 3, None, None).unwrap();
        assert!(warm.converged && cold2.converged);
        assert!(
            warm.iterations < cold2.iterations,
            "warm {} vs cold {}",
            warm.iterations,
            cold2.iterations
        );
    }

    #[test]
    fn parallel_blocks_give_the_same_bits_on_any_thread_count() {
        let (x, y) = random_problem(60_000, 500, 3, 5);
        assert!(blocks(&x).len() > 1);
        let fit = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| {
                    SparseLogisticParams::new()
                        .max_iterations(20)
                        .check()
                        .unwrap()
                        .fit_rows(&x, &y, 3, None, None)
                        .unwrap()
                })
        };
        let a = fit(1);
        let b = fit(3);
        assert_eq!(a.coef, b.coef);
        assert_eq!(a.intercept, b.intercept);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let (x, y) = random_problem(10, 4, 2, 1);
        let p = SparseLogisticParams::new().check().unwrap();
        assert!(p.fit_rows(&x, &y[..5], 2, None, None).is_err());
        assert!(p.fit_rows(&x, &[5; 10], 2, None, None).is_err());
        assert!(p.fit_rows(&x, &y, 2, Some(&[0.0; 10]), None).is_err());
        assert!(SparseLogisticParams::new().alpha(0.0).check().is_err());
        assert!(SparseLogisticParams::new().tolerance(-1.0).check().is_err());
    }
}
