//! Scoring: an article's quotes get stance and sentiment probabilities from a [`Model`].

use crate::attribution::{self, Quote, Speaker};
use crate::corpus::Article;
use crate::eval::argmax;
use crate::labels::Task;
use crate::model::Model;
use serde::{Deserialize, Serialize};

/// A predicted label with the probabilities behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    /// The most probable label.
    pub label: String,
    /// Probabilities in the task's label order: stance (favor, against, neutral), sentiment
    /// (positive, negative, neutral). They sum to 1.
    pub probabilities: [f64; 3],
}

impl Prediction {
    /// Builds a prediction from probabilities of `task`.
    pub fn new(task: Task, probabilities: [f64; 3]) -> Self {
        Prediction {
            label: task.labels()[argmax(&probabilities)].to_string(),
            probabilities,
        }
    }

    /// P(first label) − P(second label): net stance (favor − against) or net sentiment
    /// (positive − negative), in [−1, 1].
    pub fn net(&self) -> f64 {
        self.probabilities[0] - self.probabilities[1]
    }
}

/// A quote with its predictions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredQuote {
    /// The article id.
    pub article: String,
    /// The attributed quote.
    pub quote: Quote,
    /// Stance toward negotiation (absent when the model has no stance classifier).
    pub stance: Option<Prediction>,
    /// Sentiment (absent when the model has no sentiment classifier).
    pub sentiment: Option<Prediction>,
    /// The n-grams that pushed the stance prediction most toward its label (filled by a
    /// [`Scorer::with_reasons`] scorer; empty otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub because: Vec<String>,
}

/// One scored article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredArticle {
    /// Article id.
    pub id: String,
    /// Title, if known.
    pub title: Option<String>,
    /// Date, if known.
    pub date: Option<String>,
    /// The article's speakers (canonical name, kind, aliases).
    pub speakers: Vec<Speaker>,
    /// Its quotes, in text order.
    pub quotes: Vec<ScoredQuote>,
}

/// Scores articles with one model; checks once whether the stance and sentiment classifiers
/// share their vectorizer, so the text of a quote is analysed and vectorized only once.
pub struct Scorer<'m> {
    model: &'m Model,
    shared_vectorizer: bool,
    shared_params: bool,
    reasons: usize,
}

impl<'m> Scorer<'m> {
    /// A scorer for `model`.
    pub fn new(model: &'m Model) -> Self {
        let (shared_vectorizer, shared_params) = match (&model.stance, &model.sentiment) {
            (Some(a), Some(b)) => (
                a.vectorizer == b.vectorizer,
                a.vectorizer.params() == b.vectorizer.params(),
            ),
            _ => (false, false),
        };
        Scorer {
            model,
            shared_vectorizer,
            shared_params,
            reasons: 0,
        }
    }

    /// Also records, for each quote, the `n` n-grams that pushed its stance most toward the
    /// predicted label ([`ScoredQuote::because`]).
    pub fn with_reasons(mut self, n: usize) -> Self {
        self.reasons = n;
        self
    }

    /// Extracts and scores the quotes of one article.
    pub fn score(&self, article: &Article) -> ScoredArticle {
        let model = self.model;
        let a = attribution::extract(&article.text);
        let quotes = a
            .quotes
            .into_iter()
            .map(|q| {
                let (text, masks) = q.unit(&article.text);
                let unit = crate::features::Unit { text, masks };
                let first = model.stance.as_ref().or(model.sentiment.as_ref());
                let shared_row = first
                    .filter(|_| self.shared_vectorizer)
                    .map(|c| c.vectorizer.transform(&unit));
                let shared_words = first
                    .filter(|_| !self.shared_vectorizer && self.shared_params)
                    .map(|c| crate::features::words(c.vectorizer.params(), &unit));
                let predict = |task: Task| {
                    model.classifier(task).map(|c| {
                        let p = match (&shared_row, &shared_words) {
                            (Some(row), _) => c.predict_row(row),
                            (None, Some(w)) => c.predict_words(w),
                            (None, None) => c.predict_proba(&unit),
                        };
                        Prediction::new(task, p)
                    })
                };
                let stance = predict(Task::Stance);
                let because = match (&stance, model.stance.as_ref()) {
                    (Some(p), Some(c)) if self.reasons > 0 => {
                        crate::explain::reasons(c, &unit, &p.label, self.reasons)
                    }
                    _ => Vec::new(),
                };
                ScoredQuote {
                    article: article.id.clone(),
                    stance,
                    sentiment: predict(Task::Sentiment),
                    because,
                    quote: q,
                }
            })
            .collect();
        ScoredArticle {
            id: article.id.clone(),
            title: article.title.clone(),
            date: article.date.clone(),
            speakers: a.speakers,
            quotes,
        }
    }
}

/// Extracts and scores the quotes of one article (see [`Scorer`] for many articles).
pub fn score_article(model: &Model, article: &Article) -> ScoredArticle {
    Scorer::new(model).score(article)
}
