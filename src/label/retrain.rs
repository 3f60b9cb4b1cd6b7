//! Refitting the model on the user's labels as they come in, with an honest score.
//!
//! The model is trained on the answered rows of the labels file plus, optionally, a base data
//! set (`--base negotiation` = `training_data/negotiation.csv`). For a target other than
//! negotiation the base rows keep only their sentiment labels (their stance is toward
//! negotiation, not toward the target) and no row has relevance labels; for the negotiation
//! target the base rows are used whole.
//!
//! The score is the stance macro-F1 of a stratified k-fold cross-validation (5 folds, seed 42)
//! **over the user's rows only**: each fold is predicted by a model trained on the other folds
//! plus the whole base, so shipped rows never inflate it. Beside it: the macro-F1 of always
//! answering the majority label of the user's rows (the baseline a model must beat).

use super::store::Record;
use crate::error::{Error, Result};
use crate::eval::{argmax, evaluate, majority_label, stratified_folds};
use crate::features::Unit;
use crate::labelled::{Dataset, Row};
use crate::labels::Task;
use crate::model::{Model, TrainParams, training_unit};
use std::path::PathBuf;

/// Folds of the cross-validation.
pub const FOLDS: usize = 5;

/// A refitted model and its cross-validated score.
#[derive(Debug, Clone)]
pub struct Retrained {
    /// Trained on every answered row (and the base).
    pub model: Model,
    /// Cross-validated stance scores, when the user's rows allow it.
    pub score: Option<Score>,
}

/// Cross-validated stance quality on the user's rows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// User rows labelled for stance.
    pub n: usize,
    /// Macro-F1 of the out-of-fold predictions.
    pub macro_f1: f64,
    /// Macro-F1 of answering the majority label of those rows.
    pub baseline: f64,
}

/// The parameters used to refit: the defaults without the training-time cross-validation and
/// calibration (the loop runs its own cross-validation over the user's rows).
pub fn params() -> TrainParams {
    TrainParams {
        folds: 0,
        calibrate: false,
        ..TrainParams::default()
    }
}

/// Rows of the labels file as a data set (answered rows only).
pub fn user_rows<'a>(records: impl IntoIterator<Item = &'a Record>) -> Vec<Row> {
    records
        .into_iter()
        .filter(|r| !r.skipped())
        .enumerate()
        .map(|(i, r)| Row {
            text: r.text.clone(),
            stance: r.stance,
            sentiment: r.sentiment,
            about: None,
            group: None,
            line: i as u64 + 2,
        })
        .collect()
}

/// The base rows to add for `target`: whole for `negotiation`, sentiment only otherwise.
pub fn base_rows(base: &Dataset, target: &str) -> Vec<Row> {
    let whole = target.eq_ignore_ascii_case("negotiation");
    base.rows
        .iter()
        .map(|r| Row {
            stance: if whole { r.stance } else { None },
            about: if whole { r.about } else { None },
            ..r.clone()
        })
        .filter(|r| r.stance.is_some() || r.sentiment.is_some())
        .collect()
}

fn dataset(rows: Vec<Row>) -> Dataset {
    Dataset {
        path: PathBuf::from("labels.csv"),
        rows,
    }
}

/// Stance predicted by `model` for a text (gated by relevance when the model has it).
fn stance_of(model: &Model, text: &str) -> Option<usize> {
    let unit: Unit<'_> = training_unit(text);
    super::predict(model, &unit).0.map(|p| argmax(&p))
}

/// Cross-validates stance over `user` (see the module docs); `None` when fewer than two
/// labels occur or a fold cannot be trained.
pub fn cross_validate(
    user: &[Row],
    base: &[Row],
    params: &TrainParams,
    seed: u64,
) -> Option<Score> {
    use rayon::prelude::*;
    let idx: Vec<usize> = (0..user.len())
        .filter(|&i| user[i].stance.is_some())
        .collect();
    let y: Vec<usize> = idx
        .iter()
        .map(|&i| user[i].stance.expect("filtered"))
        .collect();
    let mut present = y.clone();
    present.sort_unstable();
    present.dedup();
    if present.len() < 2 || y.len() < FOLDS {
        return None;
    }
    let folds = stratified_folds(&y, FOLDS, seed);
    let preds: Vec<Option<Vec<(usize, usize)>>> = (0..FOLDS)
        .into_par_iter()
        .map(|f| {
            let held: std::collections::HashSet<usize> = (0..y.len())
                .filter(|&j| folds[j] == f)
                .map(|j| idx[j])
                .collect();
            let mut rows = base.to_vec();
            rows.extend(
                user.iter()
                    .enumerate()
                    .filter(|(i, _)| !held.contains(i))
                    .map(|(_, r)| r.clone()),
            );
            let model = Model::train(&dataset(rows), params).ok()?;
            (0..y.len())
                .filter(|&j| folds[j] == f)
                .map(|j| stance_of(&model, &user[idx[j]].text).map(|p| (j, p)))
                .collect()
        })
        .collect();
    let mut predicted = vec![0; y.len()];
    for fold in preds {
        for (j, p) in fold? {
            predicted[j] = p;
        }
    }
    let majority = vec![majority_label(&y); y.len()];
    Some(Score {
        n: y.len(),
        macro_f1: evaluate(Task::Stance, &y, &predicted).macro_f1,
        baseline: evaluate(Task::Stance, &y, &majority).macro_f1,
    })
}

/// Refits on the answered records plus `base` (see the module docs) and cross-validates.
///
/// # Errors
/// [`Error::Training`] when the rows cannot train a model (e.g. a single label so far).
pub fn retrain(records: &[Record], base: Option<&Dataset>, target: &str) -> Result<Retrained> {
    let user = user_rows(records);
    if user.is_empty() {
        return Err(Error::Training("no answered label yet".into()));
    }
    let base = base.map(|b| base_rows(b, target)).unwrap_or_default();
    let params = params();
    let score = cross_validate(&user, &base, &params, 42);
    let mut rows = base;
    rows.extend(user);
    let model = Model::train(&dataset(rows), &params)?;
    Ok(Retrained { model, score })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(text: &str, stance: usize) -> Record {
        Record {
            text: text.into(),
            stance: Some(stance),
            sentiment: Some(stance),
            target: "the bridge".into(),
            article: "a".into(),
            span: (0, text.len()),
            speaker: "x".into(),
        }
    }

    #[test]
    fn learns_a_separable_target_and_beats_the_baseline() {
        let mut records = Vec::new();
        let favor = [
            "we love the new bridge",
            "the bridge is a fine idea",
            "build the bridge now",
            "the bridge will help us all",
            "I support the bridge plan",
            "great news about the bridge",
            "the bridge deserves funding",
            "yes to the bridge",
        ];
        let against = [
            "the bridge is a waste",
            "stop the bridge plan",
            "nobody wants this bridge",
            "the bridge is a disaster",
            "we oppose the bridge",
            "scrap the bridge now",
            "the bridge must be cancelled",
            "no to the bridge",
        ];
        let neutral = [
            "the council meets on friday",
            "the report has forty pages",
            "rain is expected this week",
            "the mayor arrived at noon",
            "the vote was postponed again",
            "results come in march",
            "the office opens at nine",
            "the list was published online",
        ];
        for i in 0..8 {
            records.push(rec(favor[i], 0));
            records.push(rec(against[i], 1));
            records.push(rec(neutral[i], 2));
        }
        let mut skipped = rec("skipped quote", 0);
        skipped.stance = None;
        skipped.sentiment = None;
        records.push(skipped);
        let r = retrain(&records, None, "the bridge").unwrap();
        let s = r.score.unwrap();
        assert_eq!(s.n, 24);
        // majority of a balanced 8/8/8 set: label 0, F1 = 2·(1/3)/(1 + 1/3) = 0.5, the others 0
        assert!((s.baseline - 0.5 / 3.0).abs() < 1e-9, "{s:?}");
        assert!(s.macro_f1 > s.baseline, "{s:?}");
        assert_eq!(r.model.training_data.rows, 24);
        // a single label cannot be scored
        assert!(cross_validate(&user_rows(&records[..1]), &[], &params(), 42).is_none());
    }

    #[test]
    fn base_rows_keep_stance_only_for_negotiation() {
        let base = dataset(vec![Row {
            text: "We will talk tomorrow.".into(),
            stance: Some(0),
            sentiment: Some(0),
            about: Some(0),
            group: None,
            line: 2,
        }]);
        assert_eq!(base_rows(&base, "Negotiation")[0].stance, Some(0));
        let other = base_rows(&base, "Donald Trump");
        assert_eq!(
            (other[0].stance, other[0].about, other[0].sentiment),
            (None, None, Some(0))
        );
    }
}
