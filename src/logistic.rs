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
use argmin::core::{
    CostFunction, Executor, Gradient, IterState, Solver, State, TerminationReason,
    TerminationStatus,
};
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
    /// Loss-and-gradient evaluations (line-search steps included).
    #[serde(default)]
    pub evaluations: u64,
}

/// Diagonal preconditioner: each weight is scaled by `1/sqrt(h_j)` with `h_j = 0.25 · (1/S) Σ_i
/// s_i x_ij² + λ`, an upper bound of the Hessian diagonal of the averaged objective (a softmax
/// probability times its complement is at most 1/4); intercepts use `h = 0.25`. Scales are divided
/// by their mean so the first L-BFGS step has the usual size.
fn jacobi_scale(x: &CsrMatrix, w: &[f64], k: usize, s: f64, lambda: f64) -> Array1<f64> {
    let d = x.n_cols();
    let mut sq = vec![0.0; d];
    for (i, &wi) in w.iter().enumerate() {
        let (idx, val) = x.row_slices(i);
        for (&j, &v) in idx.iter().zip(val) {
            sq[j as usize] += wi * v * v;
        }
    }
    let mut scale: Vec<f64> = Vec::with_capacity(d * k + k);
    for q in sq {
        let sj = 1.0 / (0.25 * q / s + lambda).sqrt();
        scale.extend(std::iter::repeat_n(sj, k));
    }
    scale.extend(std::iter::repeat_n(2.0, k));
    let mean = scale.iter().sum::<f64>() / scale.len() as f64;
    Array1::from_iter(scale.into_iter().map(|v| v / mean))
}

/// argmin's L-BFGS running on the preconditioned coordinates φ (θ = scale ∘ φ), stopping when the
/// gradient of the original objective, ∇_θ f = ∇_φ f / scale, has L2 norm below `tolerance`.
struct Preconditioned<S> {
    inner: S,
    scale: Array1<f64>,
    tolerance: f64,
}

type LbfgsState = IterState<Array1<f64>, Array1<f64>, (), (), (), f64>;

impl<'a, S: Solver<Problem<'a>, LbfgsState>> Solver<Problem<'a>, LbfgsState> for Preconditioned<S> {
    fn name(&self) -> &str {
        "L-BFGS (diagonally preconditioned)"
    }
    fn init(
        &mut self,
        problem: &mut argmin::core::Problem<Problem<'a>>,
        state: LbfgsState,
    ) -> std::result::Result<(LbfgsState, Option<argmin::core::KV>), argmin::core::Error> {
        self.inner.init(problem, state)
    }
    fn next_iter(
        &mut self,
        problem: &mut argmin::core::Problem<Problem<'a>>,
        state: LbfgsState,
    ) -> std::result::Result<(LbfgsState, Option<argmin::core::KV>), argmin::core::Error> {
        self.inner.next_iter(problem, state)
    }
    fn terminate(&mut self, state: &LbfgsState) -> TerminationStatus {
        match state.get_gradient() {
            Some(g) => {
                let norm = original_norm(g, &self.scale);
                if norm < self.tolerance {
                    TerminationStatus::Terminated(TerminationReason::SolverConverged)
                } else {
                    TerminationStatus::NotTerminated
                }
            }
            None => TerminationStatus::NotTerminated,
        }
    }
}

/// ‖∇_θ f‖₂ from ∇_φ f = scale ∘ ∇_θ f.
fn original_norm(g_phi: &Array1<f64>, scale: &Array1<f64>) -> f64 {
    g_phi
        .iter()
        .zip(scale)
        .map(|(g, s)| (g / s) * (g / s))
        .sum::<f64>()
        .sqrt()
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
    buffers: Mutex<Vec<Vec<f64>>>,
    evaluations: std::sync::atomic::AtomicU64,
    /// Diagonal change of variables θ = scale ∘ φ (the optimiser works on φ).
    scale: Array1<f64>,
}

/// A cached evaluation: parameters, cost, gradient.
type Evaluation = (Array1<f64>, f64, Array1<f64>);

impl<'a> Problem<'a> {
    /// The objective for rows `x`, labels `y`, sample weights `w` (sum > 0), `k` classes and
    /// penalty `alpha` (on the summed loss).
    fn new(x: &'a CsrMatrix, y: &'a [usize], w: &'a [f64], k: usize, alpha: f64) -> Self {
        let s: f64 = w.iter().sum();
        Problem {
            x,
            y,
            w,
            k,
            d: x.n_cols(),
            inv_s: 1.0 / s,
            lambda: alpha / s,
            blocks: blocks(x),
            cache: Mutex::new(None),
            buffers: Mutex::new(Vec::new()),
            evaluations: std::sync::atomic::AtomicU64::new(0),
            scale: jacobi_scale(x, w, k, s, alpha / s),
        }
    }

    /// Loss and gradient contributions of rows `a..b` for `K` classes (unrolled by the compiler),
    /// added to `g` (layout: weights feature-major, then intercepts). Returns the weighted loss.
    fn block<const K: usize>(
        &self,
        a: usize,
        b: usize,
        wv: &[f64],
        bv: &[f64],
        g: &mut [f64],
    ) -> f64 {
        let d = self.d;
        let (w_rows, _) = wv.as_chunks::<K>();
        let (g_rows, g_bias) = g.split_at_mut(d * K);
        let (g_rows, _) = g_rows.as_chunks_mut::<K>();
        let mut bias = [0.0; K];
        bias.copy_from_slice(bv);
        let mut g_b = [0.0; K];
        let mut loss = 0.0;
        for i in a..b {
            let (idx, val) = self.x.row_slices(i);
            let mut z = bias;
            for (&j, &v) in idx.iter().zip(val) {
                let wj = &w_rows[j as usize];
                for c in 0..K {
                    z[c] += wj[c] * v;
                }
            }
            let max = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            let mut e = [0.0; K];
            let mut sum = 0.0;
            for c in 0..K {
                e[c] = (z[c] - max).exp();
                sum += e[c];
            }
            let yi = self.y[i];
            let si = self.w[i];
            loss += si * (max + sum.ln() - z[yi]);
            // residual s_i · (p_c − 1[c = y_i])
            let scale = si / sum;
            let mut r = [0.0; K];
            for c in 0..K {
                r[c] = e[c] * scale;
            }
            r[yi] -= si;
            for (&j, &v) in idx.iter().zip(val) {
                let gj = &mut g_rows[j as usize];
                for c in 0..K {
                    gj[c] += r[c] * v;
                }
            }
            for c in 0..K {
                g_b[c] += r[c];
            }
        }
        for (gb, x) in g_bias.iter_mut().zip(g_b) {
            *gb += x;
        }
        loss
    }

    /// [`Problem::block`] for any number of classes.
    fn block_dyn(&self, a: usize, b: usize, wv: &[f64], bv: &[f64], g: &mut [f64]) -> f64 {
        let (k, d) = (self.k, self.d);
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
        loss
    }

    /// Cost and gradient in the preconditioned coordinates φ (θ = scale ∘ φ), cached: argmin
    /// asks for the cost and the gradient of the same point one after the other.
    fn eval_phi(&self, phi: &Array1<f64>) -> (f64, Array1<f64>) {
        if let Some((p, c, g)) = self.cache.lock().expect("cache lock").as_ref()
            && p == phi
        {
            return (*c, g.clone());
        }
        let (cost, mut g) = self.eval_theta(&(phi * &self.scale));
        g *= &self.scale;
        *self.cache.lock().expect("cache lock") = Some((phi.clone(), cost, g.clone()));
        (cost, g)
    }

    /// Cost and gradient at θ (one pass over the rows).
    fn eval_theta(&self, theta: &Array1<f64>) -> (f64, Array1<f64>) {
        self.evaluations
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let (k, d) = (self.k, self.d);
        let theta_s = theta.as_slice().expect("contiguous parameters");
        let (wv, bv) = theta_s.split_at(d * k);
        // gradient buffers are reused across evaluations (fresh large allocations page-fault)
        let mut pool = std::mem::take(&mut *self.buffers.lock().expect("buffer lock"));
        pool.resize_with(self.blocks.len(), || vec![0.0; d * k + k]);
        let run = |(&(a, b), mut g): (&(usize, usize), Vec<f64>)| -> (f64, Vec<f64>) {
            g.fill(0.0);
            let loss = match k {
                2 => self.block::<2>(a, b, wv, bv, &mut g),
                3 => self.block::<3>(a, b, wv, bv, &mut g),
                4 => self.block::<4>(a, b, wv, bv, &mut g),
                _ => self.block_dyn(a, b, wv, bv, &mut g),
            };
            (loss, g)
        };
        let parts: Vec<(f64, Vec<f64>)> = if self.blocks.len() == 1 {
            vec![run((&self.blocks[0], pool.pop().expect("one buffer")))]
        } else {
            self.blocks
                .par_iter()
                .zip(pool.into_par_iter())
                .map(run)
                .collect()
        };
        let mut loss = 0.0;
        let mut grad = vec![0.0; d * k + k];
        let mut pool = Vec::with_capacity(parts.len());
        for (l, g) in parts {
            loss += l;
            for (a, b) in grad.iter_mut().zip(&g) {
                *a += b;
            }
            pool.push(g);
        }
        *self.buffers.lock().expect("buffer lock") = pool;
        let mut sq = 0.0;
        for (gi, &wi) in grad[..d * k].iter_mut().zip(wv) {
            sq += wi * wi;
            *gi = *gi * self.inv_s + self.lambda * wi;
        }
        for gb in grad[d * k..].iter_mut() {
            *gb *= self.inv_s;
        }
        let cost = loss * self.inv_s + 0.5 * self.lambda * sq;
        (cost, Array1::from(grad))
    }
}

impl CostFunction for Problem<'_> {
    type Param = Array1<f64>;
    type Output = f64;
    fn cost(&self, p: &Self::Param) -> std::result::Result<f64, argmin::core::Error> {
        Ok(self.eval_phi(p).0)
    }
}

impl Gradient for Problem<'_> {
    type Param = Array1<f64>;
    type Gradient = Array1<f64>;
    fn gradient(&self, p: &Self::Param) -> std::result::Result<Array1<f64>, argmin::core::Error> {
        Ok(self.eval_phi(p).1)
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
        // A feature that occurs in no row gets no loss gradient: its weights stay at the penalty's
        // minimum, 0. Optimise over the used columns only and put the zeros back afterwards.
        let used = x.used_columns();
        let columns: Vec<usize> = (0..d).filter(|&j| used[j]).collect();
        let compact;
        let xr = if columns.len() < d {
            let mut new_index = vec![0u32; d];
            for (new, &j) in columns.iter().enumerate() {
                new_index[j] = new as u32;
            }
            compact = x.remap_columns(&new_index, columns.len());
            &compact
        } else {
            x
        };
        let dc = columns.len();
        let problem = Problem::new(xr, y, &w, k, self.0.alpha);
        let theta0 = match init {
            Some(m) if m.n_features == d && m.n_classes == k => {
                let mut t: Vec<f64> = Vec::with_capacity(dc * k + k);
                for &j in &columns {
                    t.extend_from_slice(&m.coef[j * k..j * k + k]);
                }
                t.extend_from_slice(&m.intercept);
                Array1::from(t)
            }
            Some(_) => return Err(Error::Training("warm start model has another shape".into())),
            None => Array1::zeros(dc * k + k),
        };
        let expand = |theta: &Array1<f64>| -> Array1<f64> {
            let t = theta.as_slice().expect("contiguous");
            let mut full = vec![0.0; d * k + k];
            for (c, &j) in columns.iter().enumerate() {
                full[j * k..j * k + k].copy_from_slice(&t[c * k..c * k + k]);
            }
            full[d * k..].copy_from_slice(&t[dc * k..]);
            Array1::from(full)
        };
        let phi0 = &theta0 / &problem.scale;
        let g0norm = {
            let (_, g) = problem.eval_phi(&phi0);
            original_norm(&g, &problem.scale)
        };
        if g0norm < self.0.tolerance {
            return Ok(Self::unpack(&expand(&theta0), d, k, 0, true, g0norm));
        }
        let lbfgs = LBFGS::new(MoreThuenteLineSearch::new(), self.0.memory)
            .with_tolerance_grad(0.0)
            .and_then(|s| s.with_tolerance_cost(0.0))
            .map_err(|e| Error::Training(format!("L-BFGS setup: {e}")))?;
        let solver = Preconditioned {
            inner: lbfgs,
            scale: problem.scale.clone(),
            tolerance: self.0.tolerance,
        };
        let scale = problem.scale.clone();
        let res = Executor::new(problem, solver)
            .configure(|st| st.param(phi0).max_iters(self.0.max_iterations))
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
            .map(|p| p * &scale)
            .ok_or_else(|| Error::Training("L-BFGS returned no parameters".into()))?;
        let gnorm = res
            .state
            .get_gradient()
            .map_or(f64::NAN, |g| original_norm(g, &scale));
        let evaluations = res.problem.problem.as_ref().map_or(0, |p| {
            p.evaluations.load(std::sync::atomic::Ordering::Relaxed)
        });
        let mut m = Self::unpack(&expand(&theta), d, k, iterations, converged, gnorm);
        m.evaluations = evaluations;
        Ok(m)
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
            evaluations: 0,
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
            evaluations: 0,
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
            let mut p = Problem::new(&x, &y, &w, 3, 0.3);
            p.blocks = vec![(0, 17), (17, 40)];
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed + 100);
            let theta = Array1::from(
                (0..24)
                    .map(|_| rng.gen_range(-1.0..1.0))
                    .collect::<Vec<f64>>(),
            );
            let (_, g) = p.eval_theta(&theta);
            let h = 1e-6;
            for i in 0..theta.len() {
                let mut tp = theta.clone();
                tp[i] += h;
                let mut tm = theta.clone();
                tm[i] -= h;
                let fd = (p.eval_theta(&tp).0 - p.eval_theta(&tm).0) / (2.0 * h);
                assert!(
                    (fd - g[i]).abs() < 1e-7,
                    "seed {seed} param {i}: analytic {} vs numeric {fd}",
                    g[i]
                );
            }
        }
    }

    #[test]
    fn preconditioned_coordinates_are_consistent() {
        // what argmin sees: cost and gradient in φ, with θ = scale ∘ φ
        let (x, y) = random_problem(50, 6, 3, 9);
        let w = vec![1.0; 50];
        let p = Problem::new(&x, &y, &w, 3, 0.2);
        assert!(
            p.scale.iter().any(|&v| (v - p.scale[0]).abs() > 1e-9),
            "scales differ by feature"
        );
        let phi = Array1::from(
            (0..21)
                .map(|i| (i as f64 * 0.37).sin())
                .collect::<Vec<f64>>(),
        );
        let g = Gradient::gradient(&p, &phi).unwrap();
        let h = 1e-6;
        for i in 0..phi.len() {
            let mut a = phi.clone();
            a[i] += h;
            let mut b = phi.clone();
            b[i] -= h;
            let fd = (CostFunction::cost(&p, &a).unwrap() - CostFunction::cost(&p, &b).unwrap())
                / (2.0 * h);
            assert!((fd - g[i]).abs() < 1e-7, "param {i}: {} vs {fd}", g[i]);
        }
    }

    #[test]
    fn unused_columns_get_zero_weights_and_change_nothing() {
        let (x, y) = random_problem(80, 6, 3, 4);
        // the same rows in a wider matrix: columns 6..9 are never used
        let wide = x.remap_columns(&[0, 2, 3, 5, 6, 8], 10);
        let p = SparseLogisticParams::new()
            .alpha(0.5)
            .tolerance(1e-9)
            .max_iterations(500)
            .check()
            .unwrap();
        let a = p.fit_rows(&x, &y, 3, None, None).unwrap();
        let b = p.fit_rows(&wide, &y, 3, None, None).unwrap();
        for (j_old, j_new) in [(0, 0), (1, 2), (2, 3), (3, 5), (4, 6), (5, 8)] {
            for c in 0..3 {
                assert!((a.weight(j_old, c) - b.weight(j_new, c)).abs() < 1e-6);
            }
        }
        for j in [1, 4, 7, 9] {
            assert!((0..3).all(|c| b.weight(j, c) == 0.0));
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
