//! # standpoint
//!
//! Who said what about negotiation, and how: standpoint reads news articles, finds direct quotes
//! and reported speech, attributes each to a speaker, and measures each speaker's **stance toward
//! negotiation** (favor / against / neutral, as in SemEval-2016 Task 6) and the **sentiment** of
//! what they said (positive / negative / neutral).
//!
//! Data flows one way:
//!
//! ```text
//! corpus (Article) → text (sentences, tokens) → attribution (Quote, Speaker)
//!   → features (Vectorizer: n-gram TF-IDF) → model (Classifier: multinomial logistic regression)
//!   → score (Prediction) → aggregate (SpeakerStance), period (Timeline)
//!   → report (table | csv | json | markdown | html)
//! ```
//!
//! ```
//! use standpoint::labelled::{Dataset, Row};
//! use standpoint::model::{Model, TrainParams};
//! use standpoint::features::VectorizerParams;
//! use standpoint::corpus::Article;
//! use standpoint::score::score_article;
//!
//! // A tiny labelled set: stance 0 = favor, 1 = against, 2 = neutral.
//! let rows = [
//!     ("We are ready to talk.", 0, 0), ("We welcome the new round of talks.", 0, 0),
//!     ("We will never negotiate.", 1, 1), ("Talks are a trap.", 1, 1),
//!     ("The meeting is on Monday.", 2, 2), ("Delegates arrived today.", 2, 2),
//! ];
//! let data = Dataset {
//!     path: "toy.csv".into(),
//!     rows: rows.iter().enumerate().map(|(i, &(t, s, m))| Row {
//!         text: t.into(), stance: Some(s), sentiment: Some(m), about: None, group: None, line: i as u64 + 2,
//!     }).collect(),
//! };
//! let params = TrainParams {
//!     vectorizer: VectorizerParams { min_df: 1, ..Default::default() },
//!     ..Default::default()
//! };
//! let model = Model::train(&data, &params).unwrap();
//!
//! let article = Article {
//!     id: "a1".into(), title: None, date: None, source: None,
//!     text: "\"We will never negotiate,\" the minister said.".into(),
//! };
//! let scored = score_article(&model, &article);
//! assert_eq!(scored.quotes.len(), 1);
//! assert_eq!(scored.quotes[0].quote.speaker, "minister");
//! assert_eq!(scored.quotes[0].stance.as_ref().unwrap().label, "against");
//! ```

pub mod aggregate;
pub mod attribution;
pub mod corpus;
pub mod error;
pub mod eval;
pub mod explain;
pub mod features;
pub mod folds;
pub mod fuzzing;
pub mod html;
pub mod input;
pub mod label;
pub mod labelled;
pub mod labels;
pub mod logistic;
pub mod model;
pub mod partial;
pub mod period;
pub mod progress;
pub mod quote_eval;
pub mod realnews;
pub mod report;
pub mod score;
pub mod sparse;
pub mod speaker_match;
pub mod text;
pub mod training;

pub use attribution::{Quote, QuoteKind, Speaker, SpeakerKind};
pub use corpus::Article;
pub use error::{Error, Result};
pub use labels::Task;
pub use model::{Classifier, Model, TrainParams};
pub use score::{Prediction, ScoredQuote};
