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
    /// The article's date as given (JSON Lines `date`, or `--date` for plain files); `None` when
    /// unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The attributed quote.
    pub quote: Quote,
    /// Stance toward negotiation (absent when the model has no stance classifier): with a
    /// relevance stage, the gated probabilities of [`Model::gate`].
    pub stance: Option<Prediction>,
    /// P(the quote is about negotiation) from the relevance stage, blended with the article's
    /// (absent when the model has no relevance classifier).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relevance: Option<f64>,
    /// Sentiment (absent when the model has no sentiment classifier).
    pub sentiment: Option<Prediction>,
    /// The n-grams that pushed the stance prediction most toward its label (filled by a
    /// [`Scorer::with_reasons`] scorer; empty otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub because: Vec<String>,
}

impl ScoredQuote {
    /// The prediction for stance or sentiment (`None` for relevance, which is a probability:
    /// [`ScoredQuote::relevance`]).
    pub fn prediction(&self, task: Task) -> Option<&Prediction> {
        match task {
            Task::Stance => self.stance.as_ref(),
            Task::Sentiment => self.sentiment.as_ref(),
            Task::Relevance => None,
        }
    }
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

/// Scores articles with one model. Classifiers whose vectorizers are equal share one feature
/// row per quote, and classifiers whose vectorizer parameters are equal share one analysis of the
/// quote's text, so each quote is tokenized once.
pub struct Scorer<'m> {
    model: &'m Model,
    reasons: usize,
    /// Articles longer than this many bytes are attributed in windows
    /// ([`attribution::windows`]).
    max_article_bytes: usize,
    /// Per classifier (stance, sentiment, relevance): an earlier classifier with an equal
    /// vectorizer (its feature row is reused) or with equal vectorizer parameters (its analysed
    /// words are reused), decided once here.
    shares: [Share; 3],
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Share {
    Nothing,
    /// An equal vectorizer: the same feature row.
    Row(usize),
    /// The same vocabulary and parameters, another idf: the same term counts.
    Counts(usize),
    /// The same parameters: the same analysed words.
    Words(usize),
}

/// The context of an article the relevance stage reads: its title and the first this many bytes
/// of its text (its lead).
pub const LEAD_BYTES: usize = 600;

const ORDER: [Task; 3] = [Task::Stance, Task::Sentiment, Task::Relevance];

impl<'m> Scorer<'m> {
    /// A scorer for `model`.
    pub fn new(model: &'m Model) -> Self {
        let cs = ORDER.map(|t| model.classifier(t));
        let mut shares = [Share::Nothing; 3];
        for i in 0..3 {
            let Some(c) = cs[i] else { continue };
            let earlier = |same: &dyn Fn(&crate::model::Classifier) -> bool| {
                (0..i).find(|&j| cs[j].is_some_and(same))
            };
            shares[i] = if let Some(j) = earlier(&|o| o.vectorizer == c.vectorizer) {
                Share::Row(j)
            } else if let Some(j) = earlier(&|o| o.vectorizer.same_terms(&c.vectorizer)) {
                Share::Counts(j)
            } else if let Some(j) = earlier(&|o| o.vectorizer.params() == c.vectorizer.params()) {
                Share::Words(j)
            } else {
                Share::Nothing
            };
        }
        Scorer {
            model,
            reasons: 0,
            max_article_bytes: attribution::windows::DEFAULT_MAX_ARTICLE_BYTES,
            shares,
        }
    }

    /// Attributes an article longer than `n` bytes in blocks of whole paragraphs of at most `n`
    /// bytes ([`attribution::windows`]) instead of all at once; the default is
    /// [`attribution::windows::DEFAULT_MAX_ARTICLE_BYTES`] (5 MB). `n` must be positive (the
    /// command line accepts [`attribution::windows::MIN_MAX_ARTICLE_BYTES`] to
    /// [`attribution::windows::MAX_MAX_ARTICLE_BYTES`]).
    pub fn with_max_article_bytes(mut self, n: usize) -> Self {
        assert!(n > 0, "the window size must be positive");
        self.max_article_bytes = n;
        self
    }

    /// Also records, for each quote, the `n` n-grams that pushed its stance most toward the
    /// predicted label ([`ScoredQuote::because`]).
    pub fn with_reasons(mut self, n: usize) -> Self {
        self.reasons = n;
        self
    }

    /// Probabilities of every classifier the model has, for one unit, in the order stance,
    /// sentiment, relevance.
    fn predict_all(&self, unit: &crate::features::Unit<'_>) -> [Option<[f64; 3]>; 3] {
        let mut out = [None; 3];
        let mut words: [Option<Vec<std::borrow::Cow<'_, str>>>; 3] = [None, None, None];
        let mut counts: [Option<Vec<(u32, f64)>>; 3] = [None, None, None];
        let mut rows: [Option<crate::features::SparseRow>; 3] = [None, None, None];
        // a share points at the first classifier with the same vectorizer, vocabulary or
        // parameters, which keeps its row, counts and words
        for (i, task) in ORDER.into_iter().enumerate() {
            let Some(c) = self.model.classifier(task) else {
                continue;
            };
            let v = &c.vectorizer;
            if let Share::Row(j) = self.shares[i]
                && let Some(row) = &rows[j]
            {
                out[i] = Some(c.predict_row(row));
                continue;
            }
            let row = match self.shares[i] {
                Share::Counts(j) if counts[j].is_some() => {
                    v.weigh(counts[j].as_ref().expect("checked"))
                }
                share => {
                    let from = match share {
                        Share::Words(j) if words[j].is_some() => j,
                        _ => {
                            words[i] = Some(crate::features::words(v.params(), unit));
                            i
                        }
                    };
                    let n = v.term_counts(words[from].as_ref().expect("analysed"));
                    let row = v.weigh(&n);
                    counts[i] = Some(n);
                    row
                }
            };
            out[i] = Some(c.predict_row(&row));
            rows[i] = Some(row);
        }
        out
    }

    /// P(about negotiation) of an article's title and lead, when the model has a relevance stage.
    fn article_relevance(&self, article: &Article) -> Option<f64> {
        let c = self.model.relevance.as_ref()?;
        let mut end = LEAD_BYTES.min(article.text.len());
        while !article.text.is_char_boundary(end) {
            end -= 1;
        }
        let lead = match &article.title {
            Some(t) => format!("{t}. {}", &article.text[..end]),
            None => article.text[..end].to_string(),
        };
        Some(c.predict_proba(&crate::features::Unit::plain(&lead))[0])
    }

    /// Extracts and scores the quotes of one article.
    pub fn score(&self, article: &Article) -> ScoredArticle {
        let model = self.model;
        let a = attribution::extract_bounded(&article.text, self.max_article_bytes);
        let context = if model.params.relevance_context > 0.0 {
            self.article_relevance(article)
        } else {
            None
        };
        let quotes = a
            .quotes
            .into_iter()
            .map(|q| {
                let (text, masks) = q.unit(&article.text);
                let unit = crate::features::Unit { text, masks };
                let [stance, sentiment, relevance] = self.predict_all(&unit);
                let relevance = relevance.map(|r| model.blend_relevance(r[0], context));
                let stance = stance.map(|p| {
                    Prediction::new(
                        Task::Stance,
                        match relevance {
                            Some(r) => Model::gate(p, r),
                            None => p,
                        },
                    )
                });
                let because = match (&stance, model.stance.as_ref()) {
                    (Some(p), Some(c)) if self.reasons > 0 => {
                        crate::explain::reasons(c, &unit, &p.label, self.reasons)
                    }
                    _ => Vec::new(),
                };
                ScoredQuote {
                    article: article.id.clone(),
                    date: article.date.clone(),
                    stance,
                    relevance,
                    sentiment: sentiment.map(|p| Prediction::new(Task::Sentiment, p)),
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
