//! Why did the model say that? Top n-grams per label, and each quote's strongest contributing
//! n-grams toward its predicted label.
//!
//! A term's contribution to a label is its feature value (TF-IDF) times the label's weight minus
//! the mean weight of the other labels: its share of the label's log-odds against the others.
//! This is the usual reading of a linear model's prediction (as in Ribeiro et al.'s discussion of
//! linear explanations, KDD 2016, or the `eli5` package for scikit-learn).

use crate::features::Unit;
use crate::model::Classifier;
use crate::score::{Prediction, ScoredArticle};
use comfy_table::{Table, presets};
use serde::Serialize;

/// A term with its weight or contribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermWeight {
    /// The n-gram (`NOT_` marks a negated word; `<speaker>`, `<name>`, `<num>` are placeholders).
    pub term: String,
    /// Weight (top terms) or contribution (a unit).
    pub weight: f64,
}

fn to_terms(v: Vec<(String, f64)>, n: usize) -> Vec<TermWeight> {
    v.into_iter()
        .filter(|(_, w)| *w > 0.0)
        .take(n)
        .map(|(term, weight)| TermWeight { term, weight })
        .collect()
}

/// The `n` terms most associated with each label of the classifier, in `task.labels()` order.
pub fn top_terms(c: &Classifier, n: usize) -> Vec<(String, Vec<TermWeight>)> {
    c.task
        .labels()
        .iter()
        .enumerate()
        .filter(|(_, l)| c.labels.iter().any(|m| m == *l))
        .map(|(i, l)| (l.to_string(), to_terms(c.top_terms(i), n)))
        .collect()
}

/// One unit's prediction and the terms that pushed it toward the predicted label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitExplanation {
    /// The task.
    pub task: crate::labels::Task,
    /// The text explained.
    pub text: String,
    /// The prediction.
    pub prediction: Prediction,
    /// Up to `n` terms with a positive contribution, largest first.
    pub because: Vec<TermWeight>,
}

/// Explains the classifier's prediction for one unit.
pub fn explain_unit(c: &Classifier, unit: &Unit<'_>, n: usize) -> UnitExplanation {
    let row = c.vectorizer.transform(unit);
    let prediction = Prediction::new(c.task, c.predict_row(&row));
    let label = c
        .task
        .parse_label(&prediction.label)
        .expect("a label of the task");
    UnitExplanation {
        task: c.task,
        text: unit.text.to_string(),
        because: to_terms(c.contributions_row(&row, label), n),
        prediction,
    }
}

/// The `n` strongest terms toward `label` for one unit, as plain strings (the "because" column).
pub fn reasons(c: &Classifier, unit: &Unit<'_>, label: &str, n: usize) -> Vec<String> {
    let Some(l) = c.task.parse_label(label) else {
        return Vec::new();
    };
    to_terms(c.contributions(unit, l), n)
        .into_iter()
        .map(|t| t.term)
        .collect()
}

fn table() -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t
}

/// A table of the top terms per label.
pub fn render_top_terms(c: &Classifier, n: usize) -> String {
    let tops = top_terms(c, n);
    let mut t = table();
    t.set_header(
        tops.iter()
            .map(|(l, _)| format!("{} → {l}", c.task))
            .collect::<Vec<_>>(),
    );
    for i in 0..n {
        t.add_row(
            tops.iter()
                .map(|(_, terms)| {
                    terms.get(i).map_or(String::new(), |tw| {
                        format!("{} ({:.2})", tw.term, tw.weight)
                    })
                })
                .collect::<Vec<_>>(),
        );
    }
    format!(
        "{}: the n-grams with the largest weight for each label (weight minus the other labels' mean)\n{t}",
        c.task
    )
}

/// A few lines explaining one unit.
pub fn render_unit(e: &UnitExplanation) -> String {
    let p = &e.prediction.probabilities;
    let labels = e.task.labels();
    let because: Vec<String> = e
        .because
        .iter()
        .map(|t| format!("{} (+{:.2})", t.term, t.weight))
        .collect();
    let probs: Vec<String> = labels
        .iter()
        .zip(p)
        .map(|(l, x)| format!("{l} {x:.2}"))
        .collect();
    format!(
        "{}: {} ({})\n  because: {}",
        e.task,
        e.prediction.label,
        probs.join(", "),
        if because.is_empty() {
            "(no term in the vocabulary)".to_string()
        } else {
            because.join(", ")
        }
    )
}

/// A table of an article's quotes with their stance and the n-grams behind it.
pub fn render_article(a: &ScoredArticle) -> String {
    let mut t = table();
    t.set_header(vec![
        "speaker",
        "cue",
        "stance",
        "P(f/a/n)",
        "P(about negotiation)",
        "because",
        "quote",
    ]);
    for q in &a.quotes {
        let (label, probs) = q
            .stance
            .as_ref()
            .map_or(("-".to_string(), "-".to_string()), |p| {
                (
                    p.label.clone(),
                    format!(
                        "{:.2}/{:.2}/{:.2}",
                        p.probabilities[0], p.probabilities[1], p.probabilities[2]
                    ),
                )
            });
        let text: String = q.quote.text.chars().take(70).collect();
        let text = if q.quote.text.chars().count() > 70 {
            format!("{text}…")
        } else {
            text
        };
        t.add_row(vec![
            q.quote.speaker.clone(),
            q.quote.cue.clone(),
            label,
            probs,
            q.relevance.map_or("-".to_string(), |r| format!("{r:.2}")),
            q.because.join(", "),
            text,
        ]);
    }
    let title = a
        .title
        .as_deref()
        .map(|t| format!(" — {t}"))
        .unwrap_or_default();
    format!("{}{title}\n{t}", a.id)
}
