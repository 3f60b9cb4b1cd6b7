//! The real-news dev set (`tests/realnews/`, format in its README): labels on Wikinews articles,
//! read together with the article texts, and the end-to-end stance evaluation run on it.
//!
//! The label files hold byte spans and digests, never text: [`read`] takes the texts from the
//! JSON Lines corpus they were labelled on (`../shared/articles/wikinews-2019-2020.jsonl`),
//! checks each span's SHA-256 digest, and returns [`GoldArticle`]s that the attribution
//! evaluation of [`crate::quote_eval`] reads like the team-written gold set.
//!
//! Each article is in one of two fixed [`Half`]s, decided by a hash of its id before any tuning:
//! the **dev** half is for tuning, the **locked** half only for reporting. [`evaluate`] scores
//! every article exactly as `standpoint score` does and reports, per half and per group
//! (negotiation articles vs control articles), quote stance accuracy and macro-F1, speaker stance
//! accuracy, the same numbers for answering "neutral" for everything, calibration (ECE) and the
//! share of confident errors.

use crate::aggregate::{Accumulator, SpeakerStance};
use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::eval::{argmax, calibration, evaluate as metrics};
use crate::labels::Task;
use crate::model::Model;
use crate::quote_eval::{
    GoldArticle, GoldQuote, GoldSpeaker, Match, NotSpeech, evaluate_predictions, matched_labels,
    normalize_speaker, predicted_quotes, score_gold,
};
use crate::score::ScoredArticle;
use crate::speaker_match::{RowCheck, check_rows};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The label folder, relative to the crate root.
pub const DEFAULT_DIR: &str = "tests/realnews";

/// The corpus the labels refer to, relative to the crate root.
pub const DEFAULT_CORPUS: &str = "../shared/articles/wikinews-2019-2020.jsonl";

/// A quote counts as a confident error when it is wrong with a top probability of at least this.
pub const CONFIDENT: f64 = 0.8;

/// Which half of the set an article is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Half {
    /// For tuning rules, data and thresholds.
    Dev,
    /// Reported only; never tuned on.
    Locked,
}

impl Half {
    /// `dev` or `locked`.
    pub fn as_str(self) -> &'static str {
        match self {
            Half::Dev => "dev",
            Half::Locked => "locked",
        }
    }
}

/// The half of an article: [`Half::Locked`] when the first 32 bits (big-endian) of the SHA-256
/// of its id are odd, else [`Half::Dev`] (the same rule as `tests/realnews/labels.py split`).
///
/// ```
/// use standpoint::realnews::{half, Half};
/// assert_eq!(half("2019-01-05_escape-room-fire-kills-five-teen-girls-in-koszalin-poland"), Half::Locked);
/// ```
pub fn half(id: &str) -> Half {
    let d = Sha256::digest(id.as_bytes());
    if u32::from_be_bytes([d[0], d[1], d[2], d[3]]) % 2 == 1 {
        Half::Locked
    } else {
        Half::Dev
    }
}

/// The first 12 hex digits of the SHA-256 of `bytes` (the `digest` of a label span).
pub fn digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[derive(Debug, Deserialize)]
struct LabelSpan {
    start: usize,
    end: usize,
    digest: String,
}

#[derive(Debug, Deserialize)]
struct LabelQuote {
    speaker: String,
    speaker_kind: String,
    #[serde(default)]
    mention: String,
    #[serde(default)]
    cue: String,
    #[serde(default = "indirect")]
    kind: String,
    #[serde(flatten)]
    span: LabelSpan,
    #[serde(default)]
    layouts: Vec<String>,
    stance: String,
    sentiment: String,
}

fn indirect() -> String {
    "indirect".into()
}

#[derive(Debug, Deserialize)]
struct LabelFile {
    article: String,
    group: String,
    #[serde(default)]
    subject: String,
    quotes: Vec<LabelQuote>,
    #[serde(default)]
    acts: Vec<LabelQuote>,
    speakers: Vec<GoldSpeaker>,
    #[serde(default)]
    not_speech: Vec<LabelSpan>,
}

/// Reads every label file of `dir` with its article text from the JSON Lines `corpus`, checking
/// every span against its digest. Returns the articles sorted by id.
///
/// # Errors
/// [`Error::Io`] for unreadable files; [`Error::BadRecord`] for a malformed label file, an
/// article missing from the corpus, a group other than negotiation/control, or a span that does
/// not slice the text or whose digest differs (the corpus changed); [`Error::BadArticle`] when
/// `dir` holds no label file.
pub fn read(dir: &Path, corpus: &Path) -> Result<Vec<(GoldArticle, String)>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Error::BadArticle {
            path: dir.to_path_buf(),
            message: "no label .json file".into(),
        });
    }
    let mut texts: HashMap<String, String> = HashMap::new();
    for a in Corpus::open(&[corpus.to_path_buf()])? {
        let a = a?;
        texts.insert(a.id, a.text);
    }
    let mut out = Vec::new();
    for path in files {
        let raw = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let bad = |line: u64, message: String| Error::BadRecord {
            path: path.clone(),
            line,
            field: String::new(),
            message,
        };
        let lab: LabelFile = serde_json::from_str(&raw)
            .map_err(|e| bad(e.line() as u64, format!("not a real-news label file: {e}")))?;
        let text = texts.get(&lab.article).ok_or_else(|| {
            bad(
                0,
                format!("article `{}` is not in {}", lab.article, corpus.display()),
            )
        })?;
        if lab.group != "negotiation" && lab.group != "control" {
            return Err(bad(
                0,
                format!("group `{}` (expected negotiation or control)", lab.group),
            ));
        }
        let content = |s: &LabelSpan, what: &str| -> Result<String> {
            let slice = text
                .as_bytes()
                .get(s.start..s.end)
                .filter(|_| text.is_char_boundary(s.start) && text.is_char_boundary(s.end))
                .ok_or_else(|| {
                    bad(
                        0,
                        format!("{what} {}..{}: not a span of the article", s.start, s.end),
                    )
                })?;
            if digest(slice) != s.digest {
                return Err(bad(
                    0,
                    format!(
                        "{what} {}..{}: digest {} but the text gives {} (has the corpus changed?)",
                        s.start,
                        s.end,
                        s.digest,
                        digest(slice)
                    ),
                ));
            }
            Ok(String::from_utf8_lossy(slice).into_owned())
        };
        let convert = |q: &LabelQuote, what: &str| -> Result<GoldQuote> {
            Ok(GoldQuote {
                speaker: q.speaker.clone(),
                speaker_kind: q.speaker_kind.clone(),
                mention: q.mention.clone(),
                cue: q.cue.clone(),
                kind: q.kind.clone(),
                content: content(&q.span, what)?,
                start: q.span.start,
                end: q.span.end,
                layouts: q.layouts.clone(),
                stance: Some(q.stance.clone()),
                sentiment: Some(q.sentiment.clone()),
            })
        };
        let quotes = lab
            .quotes
            .iter()
            .map(|q| convert(q, "quote"))
            .collect::<Result<Vec<_>>>()?;
        let acts = lab
            .acts
            .iter()
            .map(|q| convert(q, "act"))
            .collect::<Result<Vec<_>>>()?;
        let not_speech = lab
            .not_speech
            .iter()
            .map(|s| {
                Ok(NotSpeech {
                    text: content(s, "not_speech")?,
                    start: s.start,
                    end: s.end,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        out.push((
            GoldArticle {
                article: lab.article.clone(),
                domain: lab.subject,
                group: Some(lab.group),
                quotes,
                acts,
                speakers: lab.speakers,
                not_speech,
            },
            text.clone(),
        ));
    }
    out.sort_by(|a, b| a.0.article.cmp(&b.0.article));
    Ok(out)
}

/// Stance measured on one slice of the set (found quotes and speakers only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slice {
    /// `dev`, `locked` or `all`.
    pub half: String,
    /// `negotiation`, `control` or `all`.
    pub group: String,
    /// Articles in the slice.
    pub articles: usize,
    /// Gold quotes in the slice.
    pub gold_quotes: usize,
    /// Extracted quotes.
    pub predicted_quotes: usize,
    /// Gold quotes found (overlap match) / gold quotes.
    pub quote_recall: f64,
    /// Right speaker among found quotes.
    pub speaker_attribution: f64,
    /// Found quotes and acts with a stance label: the quotes the stance numbers are over.
    pub quotes: usize,
    /// Quote stance accuracy.
    pub accuracy: f64,
    /// 95% Wilson score interval of the accuracy.
    pub accuracy_interval: (f64, f64),
    /// Quote stance macro-F1.
    pub macro_f1: f64,
    /// 95% percentile bootstrap interval of the macro-F1 (1,000 resamples of the quotes, seed 42).
    pub macro_f1_interval: (f64, f64),
    /// Accuracy of answering `neutral` for every quote.
    pub neutral_accuracy: f64,
    /// Macro-F1 of answering `neutral` for every quote.
    pub neutral_macro_f1: f64,
    /// Expected calibration error of the stance probabilities (10 bins).
    pub ece: f64,
    /// Share of the quotes predicted wrongly with a top probability ≥ [`CONFIDENT`].
    pub confident_errors: f64,
    /// Gold speakers with a row in the product's table for their article.
    pub speakers: usize,
    /// Gold speakers of the slice.
    pub gold_speakers: usize,
    /// Speaker stance accuracy (favor / against / neutral / mixed) over those rows.
    pub speaker_accuracy: f64,
    /// Speaker stance accuracy of calling every speaker neutral.
    pub neutral_speaker_accuracy: f64,
    /// Speaker stance accuracy had each speaker been labelled with the highest mean quote
    /// probability (the aggregation before the counting rule; for ablations).
    pub speaker_accuracy_mean_rule: f64,
    /// Quote sentiment accuracy.
    pub sentiment_accuracy: f64,
    /// Quote sentiment macro-F1.
    pub sentiment_macro_f1: f64,
    /// Rows of the per-article speaker tables, `unknown` left out ([`crate::speaker_match`]).
    #[serde(default)]
    pub speaker_rows: usize,
    /// Rows that match no gold speaker of their article.
    #[serde(default)]
    pub spurious_speakers: usize,
    /// Extra rows of gold speakers split over several rows (k − 1 for k rows).
    #[serde(default)]
    pub unmerged_duplicates: usize,
    /// `spurious_speakers` per 100 extracted quotes (`predicted_quotes`).
    #[serde(default)]
    pub spurious_per_100: f64,
    /// `unmerged_duplicates` per 100 extracted quotes (`predicted_quotes`).
    #[serde(default)]
    pub duplicates_per_100: f64,
}

/// A wrong stance, for reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StanceError {
    /// Article id.
    pub article: String,
    /// Its half.
    pub half: Half,
    /// negotiation or control.
    pub group: String,
    /// `quote`, `act` or `speaker`.
    pub what: String,
    /// The gold speaker.
    pub speaker: String,
    /// The extracted quote's text (empty for a speaker).
    pub text: String,
    /// Gold label.
    pub gold: String,
    /// Predicted label.
    pub predicted: String,
    /// Predicted stance probabilities (favor, against, neutral; a speaker's mean).
    pub probabilities: [f64; 3],
}

/// The real-news evaluation of one model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RealNewsEvaluation {
    /// Model name.
    pub model: String,
    /// Per half × group, then the totals: locked (negotiation, control, all), dev (…), all (…).
    pub slices: Vec<Slice>,
    /// Every wrong quote and speaker stance.
    pub errors: Vec<StanceError>,
    /// Every attribution mistake (missed, spurious, wrong speaker), for reading.
    #[serde(default)]
    pub attribution_errors: Vec<crate::quote_eval::Mistake>,
    /// Per extraction rule, on the dev half (the half to work on): quotes produced, matched, with
    /// the right speaker.
    #[serde(default)]
    pub rules_dev: std::collections::BTreeMap<String, crate::quote_eval::RuleScore>,
    /// Every found quote and act with a stance label, right or wrong (`what` is `quote` or
    /// `act`; `predicted` the label, `probabilities` the stance probabilities), for analysis.
    pub matched: Vec<StanceError>,
}

impl RealNewsEvaluation {
    /// The slice for a half (`dev`, `locked`, `all`) and group (`negotiation`, `control`, `all`).
    pub fn slice(&self, half: &str, group: &str) -> Option<&Slice> {
        self.slices
            .iter()
            .find(|s| s.half == half && s.group == group)
    }
}

/// One speaker judged: gold label, predicted label, mean probabilities.
struct SpeakerCall {
    article: usize,
    speaker: String,
    gold: String,
    predicted: String,
    mean_rule: String,
    probabilities: [f64; 3],
}

/// Each article's speaker table on its own, as `standpoint score` prints it for one article.
fn article_tables(scored: &[ScoredArticle]) -> Vec<Vec<SpeakerStance>> {
    scored
        .iter()
        .map(|s| {
            let mut acc = Accumulator::new();
            acc.add(s);
            acc.finish()
        })
        .collect()
}

fn speaker_calls(
    gold: &[(GoldArticle, String)],
    tables: &[Vec<SpeakerStance>],
) -> Vec<SpeakerCall> {
    let mut calls = Vec::new();
    for (ai, ((g, _), rows)) in gold.iter().zip(tables).enumerate() {
        for gs in &g.speakers {
            let name = normalize_speaker(&gs.speaker);
            let Some(row) = rows.iter().find(|r| normalize_speaker(&r.speaker) == name) else {
                continue;
            };
            let Some(st) = &row.stance else { continue };
            calls.push(SpeakerCall {
                article: ai,
                speaker: gs.speaker.clone(),
                gold: gs.stance.clone(),
                predicted: st.label.clone(),
                mean_rule: Task::Stance.labels()[argmax(&st.probabilities)].to_string(),
                probabilities: st.probabilities,
            });
        }
    }
    calls
}

/// The attribution mistakes with one `spurious speaker` mistake per spurious row (`predicted` its
/// name) and one `unmerged duplicate` per split gold speaker (`expected` the gold name,
/// `predicted` the rows' names joined by ` / `), each article's after its quote mistakes.
fn with_row_mistakes(
    mut mistakes: Vec<crate::quote_eval::Mistake>,
    gold: &[(GoldArticle, String)],
    checks: &[RowCheck],
) -> Vec<crate::quote_eval::Mistake> {
    use crate::quote_eval::Mistake;
    for ((g, _), c) in gold.iter().zip(checks) {
        for name in &c.spurious {
            mistakes.push(Mistake {
                article: g.article.clone(),
                what: "spurious speaker".into(),
                text: String::new(),
                expected: String::new(),
                predicted: name.clone(),
            });
        }
        for (name, rows) in &c.duplicates {
            mistakes.push(Mistake {
                article: g.article.clone(),
                what: "unmerged duplicate".into(),
                text: String::new(),
                expected: name.clone(),
                predicted: rows.join(" / "),
            });
        }
    }
    // stable: each article's quote mistakes keep their order, its row mistakes come after
    mistakes.sort_by(|a, b| a.article.cmp(&b.article));
    mistakes
}

/// The 95% Wilson score interval of a proportion `p` observed over `n` trials ((0, 0) for none).
pub fn wilson(p: f64, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 0.0);
    }
    let (z, n) = (1.959_964, n as f64);
    let centre = p + z * z / (2.0 * n);
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    let d = 1.0 + z * z / n;
    (
        ((centre - half) / d).max(0.0),
        ((centre + half) / d).min(1.0),
    )
}

/// The 2.5th and 97.5th percentiles of the stance macro-F1 over 1,000 bootstrap resamples of
/// the (truth, prediction) pairs (ChaCha8, seed 42).
pub fn bootstrap_macro_f1(truth: &[usize], pred: &[usize]) -> (f64, f64) {
    use rand::{Rng, SeedableRng};
    let n = truth.len();
    if n == 0 {
        return (0.0, 0.0);
    }
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(42);
    let mut scores: Vec<f64> = (0..1000)
        .map(|_| {
            let (t, p): (Vec<usize>, Vec<usize>) = (0..n)
                .map(|_| {
                    let i = rng.gen_range(0..n);
                    (truth[i], pred[i])
                })
                .unzip();
            metrics(Task::Stance, &t, &p).macro_f1
        })
        .collect();
    scores.sort_by(f64::total_cmp);
    (scores[24], scores[974])
}

/// Scores every article with `model` and measures stance (and sentiment) end to end per half and
/// group; `model_name` names the model in the report.
pub fn evaluate(
    gold: &[(GoldArticle, String)],
    model: &Model,
    model_name: &str,
) -> RealNewsEvaluation {
    let scored = score_gold(gold, model);
    let preds = predicted_quotes(&scored);
    let (attribution, matches) = evaluate_predictions(gold, &preds);
    let tables = article_tables(&scored);
    let calls = speaker_calls(gold, &tables);
    let checks: Vec<RowCheck> = gold
        .iter()
        .zip(&tables)
        .map(|((g, _), rows)| check_rows(g, rows))
        .collect();
    let halves: Vec<Half> = gold.iter().map(|(g, _)| half(&g.article)).collect();
    let group = |i: usize| gold[i].0.group.clone().unwrap_or_default();
    let mut slices = Vec::new();
    let mut rules_dev = Default::default();
    for h in ["locked", "dev", "all"] {
        for gr in ["negotiation", "control", "all"] {
            let keep = |i: usize| {
                (h == "all" || halves[i].as_str() == h) && (gr == "all" || group(i) == gr)
            };
            let arts: Vec<usize> = (0..gold.len()).filter(|&i| keep(i)).collect();
            let sub_gold: Vec<(GoldArticle, String)> =
                arts.iter().map(|&i| gold[i].clone()).collect();
            let sub_pred: Vec<_> = arts.iter().map(|&i| preds[i].clone()).collect();
            let (attr, _) = evaluate_predictions(&sub_gold, &sub_pred);
            if (h, gr) == ("dev", "all") {
                rules_dev = attr.rules.clone();
            }
            let ms: Vec<Match> = matches
                .iter()
                .filter(|m| keep(m.article))
                .copied()
                .collect();
            let (truth, probs) = matched_labels(gold, &scored, &ms, Task::Stance);
            let pred: Vec<usize> = probs.iter().map(argmax).collect();
            let r = metrics(Task::Stance, &truth, &pred);
            let neutral = metrics(Task::Stance, &truth, &vec![2; truth.len()]);
            let confident = truth
                .iter()
                .zip(&probs)
                .filter(|(t, p)| argmax(p) != **t && p[argmax(p)] >= CONFIDENT)
                .count();
            let (st, sp) = matched_labels(gold, &scored, &ms, Task::Sentiment);
            let spred: Vec<usize> = sp.iter().map(argmax).collect();
            let sr = metrics(Task::Sentiment, &st, &spred);
            let sc: Vec<&SpeakerCall> = calls.iter().filter(|c| keep(c.article)).collect();
            let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
            let spurious: usize = arts.iter().map(|&i| checks[i].spurious.len()).sum();
            let duplicates: usize = arts.iter().map(|&i| checks[i].duplicate_count()).sum();
            slices.push(Slice {
                half: h.into(),
                group: gr.into(),
                articles: arts.len(),
                gold_quotes: attr.gold_quotes,
                predicted_quotes: attr.predicted_quotes,
                quote_recall: attr.overlap.recall,
                speaker_attribution: attr.speaker_accuracy,
                quotes: truth.len(),
                accuracy: r.accuracy,
                accuracy_interval: wilson(r.accuracy, truth.len()),
                macro_f1: r.macro_f1,
                macro_f1_interval: bootstrap_macro_f1(&truth, &pred),
                neutral_accuracy: neutral.accuracy,
                neutral_macro_f1: neutral.macro_f1,
                ece: calibration(&truth, &probs).ece,
                confident_errors: ratio(confident, truth.len()),
                speakers: sc.len(),
                gold_speakers: arts.iter().map(|&i| gold[i].0.speakers.len()).sum(),
                speaker_accuracy: ratio(
                    sc.iter().filter(|c| c.gold == c.predicted).count(),
                    sc.len(),
                ),
                neutral_speaker_accuracy: ratio(
                    sc.iter().filter(|c| c.gold == "neutral").count(),
                    sc.len(),
                ),
                speaker_accuracy_mean_rule: ratio(
                    sc.iter().filter(|c| c.gold == c.mean_rule).count(),
                    sc.len(),
                ),
                sentiment_accuracy: sr.accuracy,
                sentiment_macro_f1: sr.macro_f1,
                speaker_rows: arts.iter().map(|&i| checks[i].rows).sum(),
                spurious_speakers: spurious,
                unmerged_duplicates: duplicates,
                spurious_per_100: 100.0 * ratio(spurious, attr.predicted_quotes),
                duplicates_per_100: 100.0 * ratio(duplicates, attr.predicted_quotes),
            });
        }
    }
    let mut matched = Vec::new();
    for m in &matches {
        let g = m.gold_quote(gold);
        let Some(label) = g.stance.as_deref() else {
            continue;
        };
        let q = &scored[m.article].quotes[m.pred];
        let Some(p) = &q.stance else { continue };
        matched.push(StanceError {
            article: gold[m.article].0.article.clone(),
            half: halves[m.article],
            group: group(m.article),
            what: if m.act { "act" } else { "quote" }.into(),
            speaker: g.speaker.clone(),
            text: q.quote.text.clone(),
            gold: label.into(),
            predicted: p.label.clone(),
            probabilities: p.probabilities,
        });
    }
    let mut errors: Vec<StanceError> = matched
        .iter()
        .filter(|x| x.gold != x.predicted)
        .cloned()
        .collect();
    for c in calls.iter().filter(|c| c.gold != c.predicted) {
        errors.push(StanceError {
            article: gold[c.article].0.article.clone(),
            half: halves[c.article],
            group: group(c.article),
            what: "speaker".into(),
            speaker: c.speaker.clone(),
            text: String::new(),
            gold: c.gold.clone(),
            predicted: c.predicted.clone(),
            probabilities: c.probabilities,
        });
    }
    errors.sort_by(|a, b| {
        a.article
            .cmp(&b.article)
            .then(a.what.cmp(&b.what).reverse())
    });
    RealNewsEvaluation {
        model: model_name.into(),
        slices,
        errors,
        rules_dev,
        attribution_errors: with_row_mistakes(attribution.errors, gold, &checks),
        matched,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_are_fixed_by_the_id_hash() {
        // the same split as tests/realnews/labels.py
        assert_eq!(half("a"), Half::Dev);
        assert_eq!(
            half("2019-01-05_escape-room-fire-kills-five-teen-girls-in-koszalin-poland"),
            Half::Locked
        );
        assert_eq!(digest(b"I want to express my sympathy"), "ea86dc360898");
    }

    #[test]
    fn spans_are_checked_against_their_digests() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("c.jsonl");
        std::fs::write(
            &corpus,
            "{\"id\": \"x\", \"text\": \"\\\"We will talk,\\\" she said.\"}\n",
        )
        .unwrap();
        let labels = dir.path().join("labels");
        std::fs::create_dir(&labels).unwrap();
        let file = |d: &str| {
            format!(
                r#"{{"article": "x", "group": "negotiation", "quotes": [{{"speaker": "she", "speaker_kind": "person",
                "kind": "direct", "start": 1, "end": 13, "digest": "{d}", "stance": "favor", "sentiment": "neutral"}}],
                "speakers": [{{"speaker": "she", "speaker_kind": "person", "stance": "favor"}}]}}"#
            )
        };
        std::fs::write(labels.join("x.json"), file(&digest(b"We will talk"))).unwrap();
        let g = read(&labels, &corpus).unwrap();
        assert_eq!(g[0].0.quotes[0].content, "We will talk");
        assert_eq!(g[0].0.group.as_deref(), Some("negotiation"));
        std::fs::write(labels.join("x.json"), file("000000000000")).unwrap();
        let e = read(&labels, &corpus).unwrap_err().to_string();
        assert!(e.contains("x.json") && e.contains("digest"), "{e}");
    }
}
