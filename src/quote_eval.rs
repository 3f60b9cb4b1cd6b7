//! Measuring attribution against a gold set (`tests/gold/`, format in its README).
//!
//! A predicted quote **matches** a gold quote when their content spans are identical (exact) or
//! when the overlap covers at least half of the union of the two spans (Jaccard ≥ 0.5 on bytes).
//! Matching is one-to-one: pairs with the right speaker first, then by overlap. A quote with
//! several speakers ("X and Y said") has one gold entry per speaker, and the extractor should
//! give one quote per speaker. Speaker names are compared after normalisation: case, a leading
//! "the", curly apostrophes, and state aliases ("Britain" = "United Kingdom", "Washington" =
//! "United States"). Quote precision, recall and F1 are computed at both criteria; speaker accuracy, kind
//! accuracy and pronoun-resolution accuracy over the overlap matches; and a per-layout breakdown.
//! Scare quotes and titles listed as `not_speech` count against precision when extracted.
//!
//! With a model ([`evaluate_model`]), the stance and sentiment predicted for each matched quote
//! are also compared with the gold labels: the end-to-end accuracy a user of `score` gets on
//! whole articles, where extraction, attribution and classification errors add up.

use crate::attribution::{Quote, extract};
use crate::corpus::Article;
use crate::error::{Error, Result};
use crate::eval::TaskEvaluation;
use crate::labels::Task;
use crate::model::Model;
use crate::score::{ScoredArticle, Scorer};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One gold quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldQuote {
    /// Canonical speaker, or `unknown`.
    pub speaker: String,
    /// person, group, organization, state.
    pub speaker_kind: String,
    /// The mention as written ("" when carried over).
    #[serde(default)]
    pub mention: String,
    /// The cue as written.
    #[serde(default)]
    pub cue: String,
    /// direct, indirect or mixed.
    pub kind: String,
    /// The content text (equals the file's bytes `start..end`).
    pub content: String,
    /// Byte offset of the content.
    pub start: usize,
    /// Byte offset one past the content.
    pub end: usize,
    /// Layout tags (see the gold README).
    #[serde(default)]
    pub layouts: Vec<String>,
    /// Stance label.
    #[serde(default)]
    pub stance: Option<String>,
    /// Sentiment label.
    #[serde(default)]
    pub sentiment: Option<String>,
}

/// A quoted phrase that is not speech.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotSpeech {
    /// The phrase.
    pub text: String,
    /// Byte offset.
    pub start: usize,
    /// Byte offset one past.
    pub end: usize,
}

/// A speaker's stance in one gold article (real-news set only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldSpeaker {
    /// Canonical speaker name.
    pub speaker: String,
    /// person, group, organization, state or unknown.
    pub speaker_kind: String,
    /// favor, against, neutral or mixed (the rule in `training_data/README.md`).
    pub stance: String,
    /// Why a label departs from the rule, if it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One gold article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldArticle {
    /// Article id (file stem).
    pub article: String,
    /// Negotiation domain.
    #[serde(default)]
    pub domain: String,
    /// `negotiation` or `control` (real-news set only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Every attributed quote.
    pub quotes: Vec<GoldQuote>,
    /// Speech acts with only a noun-phrase object ("rejected the offer"): not required of the
    /// extractor, but a prediction that overlaps one is not spurious, and its stance and
    /// sentiment are compared with the act's labels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acts: Vec<GoldQuote>,
    /// Each speaker's stance in the article (real-news set only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<GoldSpeaker>,
    /// Quoted phrases that are not speech.
    #[serde(default)]
    pub not_speech: Vec<NotSpeech>,
}

/// Reads every `<id>.json` + `<id>.txt` pair of a folder, checking that spans slice the text.
///
/// # Errors
/// [`Error::Io`] for unreadable files; [`Error::BadRecord`] for malformed JSON or a span that does
/// not match its content.
pub fn read_gold(dir: &Path) -> Result<Vec<(GoldArticle, String)>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for json in files {
        let txt = json.with_extension("txt");
        let text = std::fs::read_to_string(&txt).map_err(|e| Error::io(&txt, e))?;
        let raw = std::fs::read_to_string(&json).map_err(|e| Error::io(&json, e))?;
        let gold: GoldArticle = serde_json::from_str(&raw).map_err(|e| Error::BadRecord {
            path: json.clone(),
            line: e.line() as u64,
            field: String::new(),
            message: format!("not a gold article: {e}"),
        })?;
        for q in &gold.quotes {
            if text.get(q.start..q.end) != Some(q.content.as_str()) {
                return Err(Error::BadRecord {
                    path: json.clone(),
                    line: 0,
                    field: "field `content`: ".into(),
                    message: format!(
                        "bytes {}..{} of the text are not {:?}",
                        q.start, q.end, q.content
                    ),
                });
            }
        }
        out.push((gold, text));
    }
    if out.is_empty() {
        return Err(Error::BadArticle {
            path: dir.to_path_buf(),
            message: "no gold .json file".into(),
        });
    }
    Ok(out)
}

/// Precision, recall and F1 of quote spans at one matching criterion.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Prf {
    /// Matched predictions / predictions.
    pub precision: f64,
    /// Matched gold quotes / gold quotes.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
}

fn prf(matched: usize, predicted: usize, gold: usize) -> Prf {
    let p = if predicted == 0 {
        0.0
    } else {
        matched as f64 / predicted as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        matched as f64 / gold as f64
    };
    Prf {
        precision: p,
        recall: r,
        f1: if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        },
    }
}

/// Counts for one layout tag.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LayoutScore {
    /// Gold quotes with the tag.
    pub gold: usize,
    /// Of those, found (overlap match).
    pub found: usize,
    /// Of those found, with the right speaker.
    pub speaker_right: usize,
}

/// Counts for one extraction rule ([`crate::attribution::Rule`]).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RuleScore {
    /// Quotes the rule produced.
    pub predicted: usize,
    /// Of those, matched to a gold quote or act (overlap ≥ 0.5).
    pub matched: usize,
    /// Of those matched, with the gold speaker.
    pub speaker_right: usize,
}

impl RuleScore {
    /// matched / predicted (0 when the rule produced nothing).
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            0.0
        } else {
            self.matched as f64 / self.predicted as f64
        }
    }
}

/// A miss or a wrong attribution, for reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mistake {
    /// Article id.
    pub article: String,
    /// `missed`, `spurious`, `wrong speaker`, `scare quote`.
    pub what: String,
    /// The content (gold for misses, predicted otherwise).
    pub text: String,
    /// Expected speaker (gold), if any.
    pub expected: String,
    /// Predicted speaker, if any.
    pub predicted: String,
}

/// The results of an attribution evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteEvaluation {
    /// Articles evaluated.
    pub articles: usize,
    /// Distinct gold quote spans.
    pub gold_quotes: usize,
    /// Predicted quotes.
    pub predicted_quotes: usize,
    /// Exact span match.
    pub exact: Prf,
    /// Overlap (Jaccard ≥ 0.5) match.
    pub overlap: Prf,
    /// Right speaker among overlap matches.
    pub speaker_accuracy: f64,
    /// Right kind (direct / indirect / mixed) among overlap matches.
    pub kind_accuracy: f64,
    /// Right speaker among matches whose gold mention is a pronoun.
    pub pronoun_accuracy: f64,
    /// Pronoun quotes matched.
    pub pronoun_quotes: usize,
    /// Scare quotes and titles extracted as speech.
    pub scare_quotes_extracted: usize,
    /// Scare quotes and titles in the gold set.
    pub scare_quotes: usize,
    /// Per layout tag.
    pub layouts: BTreeMap<String, LayoutScore>,
    /// Per extraction rule: how many quotes each produced and how many of them were right.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleScore>,
    /// Every miss and wrong attribution.
    pub errors: Vec<Mistake>,
    /// Stance and sentiment of the matched quotes against the gold labels (only from
    /// [`evaluate_model`]; one entry per task the model and the gold labels both have).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<TaskEvaluation>,
}

fn jaccard(a: (usize, usize), b: (usize, usize)) -> f64 {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let union = a.1.max(b.1) - a.0.min(b.0);
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Normalises a speaker name for comparison: states to their canonical country name, then
/// lowercase, straight apostrophes, no leading "the".
pub fn normalize_speaker(s: &str) -> String {
    let trimmed = s
        .trim()
        .trim_start_matches("the ")
        .trim_start_matches("The ");
    let canon = crate::attribution::lexicon::STATES
        .get(trimmed)
        .copied()
        .unwrap_or(trimmed);
    let s = canon.replace('\u{2019}', "'").to_lowercase();
    s.strip_prefix("the ").unwrap_or(&s).to_string()
}

/// Evaluates `extract` on every gold article.
pub fn evaluate(gold: &[(GoldArticle, String)]) -> QuoteEvaluation {
    evaluate_with(gold, |text| extract(text).quotes)
}

/// Evaluates any extractor (`text → quotes`) on the gold articles.
pub fn evaluate_with(
    gold: &[(GoldArticle, String)],
    extractor: impl Fn(&str) -> Vec<Quote>,
) -> QuoteEvaluation {
    let pred: Vec<Vec<Quote>> = gold.iter().map(|(_, text)| extractor(text)).collect();
    evaluate_predictions(gold, &pred).0
}

/// One gold quote or act matched to one predicted quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Index of the article in the gold list.
    pub article: usize,
    /// Index into the article's `quotes` (or `acts` when `act`).
    pub gold: usize,
    /// Whether `gold` indexes `acts`.
    pub act: bool,
    /// Index of the predicted quote in the article's predictions.
    pub pred: usize,
}

impl Match {
    /// The gold entry this match refers to.
    pub fn gold_quote<'g>(&self, gold: &'g [(GoldArticle, String)]) -> &'g GoldQuote {
        let g = &gold[self.article].0;
        if self.act {
            &g.acts[self.gold]
        } else {
            &g.quotes[self.gold]
        }
    }
}

/// Scores every gold article's text with `model` exactly as `standpoint score` does (in
/// parallel, results in input order).
pub fn score_gold(gold: &[(GoldArticle, String)], model: &Model) -> Vec<ScoredArticle> {
    let scorer = Scorer::new(model);
    gold.par_iter()
        .map(|(g, text)| {
            scorer.score(&Article {
                id: g.article.clone(),
                title: None,
                date: None,
                source: None,
                text: text.clone(),
            })
        })
        .collect()
}

/// The predicted quotes of scored articles, for [`evaluate_predictions`].
pub fn predicted_quotes(scored: &[ScoredArticle]) -> Vec<Vec<Quote>> {
    scored
        .iter()
        .map(|s| s.quotes.iter().map(|q| q.quote.clone()).collect())
        .collect()
}

/// The gold label index and the predicted probabilities of `task` for each match that has both.
pub fn matched_labels(
    gold: &[(GoldArticle, String)],
    scored: &[ScoredArticle],
    matches: &[Match],
    task: Task,
) -> (Vec<usize>, Vec<[f64; 3]>) {
    matches
        .iter()
        .filter_map(|m| {
            let g = m.gold_quote(gold);
            let label = match task {
                Task::Stance => g.stance.as_deref(),
                Task::Sentiment => g.sentiment.as_deref(),
                Task::Relevance => None,
            }?;
            let truth = task.parse_label(label)?;
            let p = scored[m.article].quotes[m.pred].prediction(task)?;
            Some((truth, p.probabilities))
        })
        .unzip()
}

/// Evaluates extraction and attribution as [`evaluate`] does, then scores every extracted
/// quote with `model` (exactly as `standpoint score` does) and compares the stance and
/// sentiment of the matched quotes with the gold labels ([`QuoteEvaluation::labels`]). The
/// majority baseline predicts the model's most frequent training label; `model_name` names the
/// model in the report.
pub fn evaluate_model(
    gold: &[(GoldArticle, String)],
    model: &Model,
    model_name: &str,
) -> QuoteEvaluation {
    let scored = score_gold(gold, model);
    let (mut e, matches) = evaluate_predictions(gold, &predicted_quotes(&scored));
    let gold_quotes = e.gold_quotes;
    e.labels = Task::ALL
        .into_iter()
        .filter_map(|task| {
            let (truth, probs) = matched_labels(gold, &scored, &matches, task);
            if truth.is_empty() {
                return None;
            }
            let counts = model.training_data.counts(task);
            let train_y: Vec<usize> = (0..3)
                .flat_map(|l| std::iter::repeat_n(l, counts[l]))
                .collect();
            Some(TaskEvaluation::new(
                task,
                format!(
                    "extracted quotes matched to labelled gold quotes ({} of {gold_quotes}), model {model_name}",
                    truth.len()
                ),
                &train_y,
                &truth,
                &probs,
            ))
        })
        .collect();
    e
}

/// One-to-one matching of predicted quotes to gold spans with Jaccard ≥ 0.5: pairs with the
/// right speaker first, then by overlap, then in text order. Returns `(gold, pred)` index pairs.
fn match_spans<'a>(
    spans: impl Iterator<Item = ((usize, usize), &'a str)>,
    pred: &[Quote],
    pred_used: &mut [bool],
) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(bool, f64, usize, usize)> = Vec::new();
    let mut n = 0;
    for (gi, (gs, speaker)) in spans.enumerate() {
        n += 1;
        let speaker = normalize_speaker(speaker);
        for (pi, p) in pred.iter().enumerate() {
            let j = jaccard(gs, (p.start, p.end));
            if j >= 0.5 && !pred_used[pi] {
                pairs.push((speaker == normalize_speaker(&p.speaker), j, gi, pi));
            }
        }
    }
    pairs.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.total_cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut gold_used = vec![false; n];
    let mut out = Vec::new();
    for (_, _, gi, pi) in pairs {
        if !gold_used[gi] && !pred_used[pi] {
            gold_used[gi] = true;
            pred_used[pi] = true;
            out.push((gi, pi));
        }
    }
    out.sort_unstable();
    out
}

/// Matches predictions to the gold quotes (then the leftovers to the gold acts) of every
/// article and measures extraction and attribution; also returns every match, for label
/// evaluation.
pub fn evaluate_predictions(
    gold: &[(GoldArticle, String)],
    preds: &[Vec<Quote>],
) -> (QuoteEvaluation, Vec<Match>) {
    let (mut gold_n, mut pred_n, mut exact_m, mut overlap_m) = (0, 0, 0, 0);
    let (mut speaker_ok, mut kind_ok, mut pron_n, mut pron_ok) = (0, 0, 0, 0);
    let (mut scare_hits, mut scare_n) = (0, 0);
    let mut layouts: BTreeMap<String, LayoutScore> = BTreeMap::new();
    let mut rules: BTreeMap<String, RuleScore> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut matches = Vec::new();
    for (ai, (g, _)) in gold.iter().enumerate() {
        let pred = &preds[ai];
        pred_n += pred.len();
        // every gold entry is one quote; "X and Y said" has one entry per speaker
        gold_n += g.quotes.len();
        let mut pred_used = vec![false; pred.len()];
        let quote_pairs = match_spans(
            g.quotes
                .iter()
                .map(|q| ((q.start, q.end), q.speaker.as_str())),
            pred,
            &mut pred_used,
        );
        let act_pairs = match_spans(
            g.acts
                .iter()
                .map(|q| ((q.start, q.end), q.speaker.as_str())),
            pred,
            &mut pred_used,
        );
        let mut gold_pred: Vec<Option<usize>> = vec![None; g.quotes.len()];
        for &(gi, pi) in &quote_pairs {
            gold_pred[gi] = Some(pi);
        }
        for (gi, q) in g.quotes.iter().enumerate() {
            let mut tags: Vec<&String> = q.layouts.iter().collect();
            tags.sort();
            tags.dedup();
            for t in &tags {
                layouts.entry((*t).clone()).or_default().gold += 1;
            }
            let Some(pi) = gold_pred[gi] else {
                errors.push(Mistake {
                    article: g.article.clone(),
                    what: "missed".into(),
                    text: q.content.clone(),
                    expected: q.speaker.clone(),
                    predicted: String::new(),
                });
                continue;
            };
            let p = &pred[pi];
            overlap_m += 1;
            if (p.start, p.end) == (q.start, q.end) {
                exact_m += 1;
            }
            let right = normalize_speaker(&q.speaker) == normalize_speaker(&p.speaker);
            if right {
                speaker_ok += 1;
            } else {
                errors.push(Mistake {
                    article: g.article.clone(),
                    what: "wrong speaker".into(),
                    text: p.text.clone(),
                    expected: q.speaker.clone(),
                    predicted: p.speaker.clone(),
                });
            }
            if q.kind == p.kind.as_str() {
                kind_ok += 1;
            }
            if tags.iter().any(|t| t.as_str() == "pronoun") {
                pron_n += 1;
                pron_ok += usize::from(right);
            }
            for t in &tags {
                let l = layouts.entry((*t).clone()).or_default();
                l.found += 1;
                l.speaker_right += usize::from(right);
            }
        }
        matches.extend(quote_pairs.iter().map(|&(gi, pi)| Match {
            article: ai,
            gold: gi,
            act: false,
            pred: pi,
        }));
        matches.extend(act_pairs.iter().map(|&(gi, pi)| Match {
            article: ai,
            gold: gi,
            act: true,
            pred: pi,
        }));
        for (pi, p) in pred.iter().enumerate() {
            let r = rules.entry(p.rule.as_str().to_string()).or_default();
            r.predicted += 1;
            let hit = quote_pairs
                .iter()
                .map(|&(gi, qpi)| (&g.quotes[gi], qpi))
                .chain(act_pairs.iter().map(|&(gi, qpi)| (&g.acts[gi], qpi)))
                .find(|&(_, qpi)| qpi == pi);
            if let Some((gq, _)) = hit {
                r.matched += 1;
                r.speaker_right +=
                    usize::from(normalize_speaker(&gq.speaker) == normalize_speaker(&p.speaker));
            }
        }
        for ns in &g.not_speech {
            scare_n += 1;
            if pred
                .iter()
                .any(|p| jaccard((ns.start, ns.end), (p.start, p.end)) >= 0.5)
            {
                scare_hits += 1;
                errors.push(Mistake {
                    article: g.article.clone(),
                    what: "scare quote".into(),
                    text: ns.text.clone(),
                    expected: String::new(),
                    predicted: String::new(),
                });
            }
        }
        for (pi, p) in pred.iter().enumerate() {
            if !pred_used[pi]
                && !g
                    .not_speech
                    .iter()
                    .any(|ns| jaccard((ns.start, ns.end), (p.start, p.end)) >= 0.5)
            {
                errors.push(Mistake {
                    article: g.article.clone(),
                    what: "spurious".into(),
                    text: p.text.clone(),
                    expected: String::new(),
                    predicted: p.speaker.clone(),
                });
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let e = QuoteEvaluation {
        articles: gold.len(),
        gold_quotes: gold_n,
        predicted_quotes: pred_n,
        exact: prf(exact_m, pred_n, gold_n),
        overlap: prf(overlap_m, pred_n, gold_n),
        speaker_accuracy: ratio(speaker_ok, overlap_m),
        kind_accuracy: ratio(kind_ok, overlap_m),
        pronoun_accuracy: ratio(pron_ok, pron_n),
        pronoun_quotes: pron_n,
        scare_quotes_extracted: scare_hits,
        scare_quotes: scare_n,
        layouts,
        rules,
        errors,
        labels: Vec::new(),
    };
    (e, matches)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(speaker: &str, start: usize, end: usize) -> Quote {
        Quote::fixture(speaker, start, end)
    }

    fn gold(speaker: &str, start: usize, end: usize, layouts: &[&str]) -> GoldQuote {
        GoldQuote {
            speaker: speaker.into(),
            speaker_kind: "person".into(),
            mention: String::new(),
            cue: "said".into(),
            kind: "direct".into(),
            content: String::new(),
            start,
            end,
            layouts: layouts.iter().map(|s| s.to_string()).collect(),
            stance: None,
            sentiment: None,
        }
    }

    #[test]
    fn matching_and_metrics_by_hand() {
        let article = GoldArticle {
            article: "a".into(),
            domain: String::new(),
            group: None,
            acts: Vec::new(),
            speakers: Vec::new(),
            quotes: vec![
                gold("Ann Lee", 0, 10, &["plain"]),
                gold("Bo Ray", 20, 40, &["pronoun"]),
                gold("Cy Oh", 50, 60, &["plain"]),
                // one quote, two speakers
                gold("Di Ng", 70, 80, &["multiple_speakers"]),
                gold("Ed Po", 70, 80, &["multiple_speakers"]),
            ],
            not_speech: vec![NotSpeech {
                text: "plan".into(),
                start: 90,
                end: 94,
            }],
        };
        let text = " ".repeat(100);
        let preds = vec![
            quote("Ann Lee", 0, 10), // exact, right
            quote("Cy Oh", 22, 40),  // overlap 18/20, wrong speaker (pronoun case)
            quote("Ed Po", 70, 80),  // exact, right (one of two speakers)
            quote("nobody", 90, 94), // scare quote
        ];
        let e = evaluate_with(&[(article, text)], |_| preds.clone());
        // five gold entries (the two-speaker quote counts twice), four predictions
        assert_eq!((e.gold_quotes, e.predicted_quotes), (5, 4));
        assert!((e.exact.precision - 0.5).abs() < 1e-12 && (e.exact.recall - 0.4).abs() < 1e-12);
        assert!(
            (e.overlap.precision - 0.75).abs() < 1e-12 && (e.overlap.recall - 0.6).abs() < 1e-12
        );
        assert!((e.speaker_accuracy - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!((e.pronoun_quotes, e.pronoun_accuracy), (1, 0.0));
        assert_eq!((e.scare_quotes, e.scare_quotes_extracted), (1, 1));
        assert_eq!(
            e.layouts["plain"],
            LayoutScore {
                gold: 2,
                found: 1,
                speaker_right: 1
            }
        );
        assert_eq!(e.layouts["multiple_speakers"].gold, 2);
        assert_eq!(e.layouts["multiple_speakers"].speaker_right, 1);
        assert!(
            e.errors
                .iter()
                .any(|x| x.what == "missed" && x.expected == "Cy Oh")
        );
    }

    #[test]
    fn jaccard_threshold() {
        assert_eq!(jaccard((0, 10), (0, 10)), 1.0);
        assert_eq!(jaccard((0, 10), (5, 15)), 5.0 / 15.0);
        assert_eq!(jaccard((0, 10), (20, 30)), 0.0);
        assert_eq!(normalize_speaker("The Union\u{2019}s "), "union's");
        assert_eq!(
            normalize_speaker("Britain"),
            normalize_speaker("United Kingdom")
        );
        assert_eq!(normalize_speaker("Washington"), "united states");
    }
}
