//! The label sets: stance toward negotiation, sentiment, and the relevance stage's subject.
//!
//! Stance follows SemEval-2016 Task 6 (Mohammad et al., 2016: FAVOR / AGAINST / NONE), with NONE
//! written `neutral`. Sentiment is the tone of what is said: positive / negative / neutral.
//! Relevance is what the speech is about: `negotiation` or `other` (speech about anything else
//! is neutral in stance, however loaded).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a classifier predicts: stance toward negotiation, sentiment, or (the relevance stage)
/// whether the speech is about negotiation at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Task {
    /// Labels `favor`, `against`, `neutral`.
    Stance,
    /// Labels `positive`, `negative`, `neutral`.
    Sentiment,
    /// Labels `negotiation`, `other` (the `about` column of the training data).
    Relevance,
}

impl Task {
    /// The two tasks a user sees, in report order.
    pub const ALL: [Task; 2] = [Task::Stance, Task::Sentiment];

    /// The task's labels in their canonical order (the order of probability columns; a
    /// relevance probability array `[f64; 3]` leaves its third entry 0).
    ///
    /// Stance: `["favor", "against", "neutral"]`; sentiment: `["positive", "negative",
    /// "neutral"]`; relevance: `["negotiation", "other"]`.
    pub fn labels(self) -> &'static [&'static str] {
        match self {
            Task::Stance => &["favor", "against", "neutral"],
            Task::Sentiment => &["positive", "negative", "neutral"],
            Task::Relevance => &["negotiation", "other"],
        }
    }

    /// The task's name as used in CSV headers and model files (`stance`, `sentiment`,
    /// `relevance`; relevance labels are read from the `about` column).
    pub fn name(self) -> &'static str {
        match self {
            Task::Stance => "stance",
            Task::Sentiment => "sentiment",
            Task::Relevance => "relevance",
        }
    }

    /// Parses a label of this task (case-insensitive, surrounding spaces ignored) into its index
    /// in [`Task::labels`]. `none` is accepted for stance and read as `neutral` (SemEval's NONE).
    ///
    /// Returns `None` for a value outside the label set.
    pub fn parse_label(self, value: &str) -> Option<usize> {
        let v = value.trim().to_ascii_lowercase();
        let v = match (self, v.as_str()) {
            (Task::Stance, "none") => "neutral".to_string(),
            _ => v,
        };
        self.labels().iter().position(|l| *l == v)
    }
}

impl fmt::Display for Task {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl FromStr for Task {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "stance" => Ok(Task::Stance),
            "sentiment" => Ok(Task::Sentiment),
            "relevance" => Ok(Task::Relevance),
            _ => Err(format!(
                "unknown task `{s}` (expected stance, sentiment or relevance)"
            )),
        }
    }
}
