//! Per-speaker statistics over scored quotes.
//!
//! A speaker's **stance** label follows from the labels of their quotes (the rule of
//! `training_data/README.md`): `neutral` when none of their quotes takes a side; otherwise the
//! side that at least [`DEFAULT_MAJORITY`] (two thirds) of their stance-taking (favor or
//! against) quotes take; [`MIXED`] when neither side reaches it. Procedural and off-topic quotes
//! do not dilute a stance: one rejection among five neutral quotes is `against`. The threshold
//! is set with [`Accumulator::with_majority`]. Sentiment is labelled the same way over positive
//! and negative quotes.
//!
//! Beside the label, every row keeps the counts of quotes per label, the **net stance** (the mean
//! over the speaker's quotes of P(favor) − P(against), in [−1, 1]) and its 95% interval (the
//! Student-t interval of that mean; none for a single quote; clipped to [−1, 1]), and the mean
//! probabilities. Net sentiment is the mean of P(positive) − P(negative).
//!
//! An [`Accumulator`] keeps only sums and counts, so accumulators built on shards of a corpus
//! [`merge`](Accumulator::merge) into the same table as one pass over the whole.
//!
//! Speakers are keyed by canonical name and kind. At the end of a run, a one-word person name
//! ("Trump") is merged into the single longer person name of the run that ends with it ("Donald
//! Trump"); when several longer names end with it, it stays apart.

use crate::attribution::SpeakerKind;
use crate::labels::Task;
use crate::score::{Prediction, ScoredArticle};
use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, StudentsT};
use std::collections::{BTreeMap, BTreeSet};

/// The speaker-level label when the stance-taking quotes split with no side reaching the
/// majority threshold.
pub const MIXED: &str = "mixed";

/// Default share of a speaker's stance-taking quotes that one side needs for the speaker to be
/// labelled with it: two thirds.
pub const DEFAULT_MAJORITY: f64 = 2.0 / 3.0;

/// Run-level speaker renames: `(per-article name, kind) → name in the table`.
pub type Renames = BTreeMap<(String, SpeakerKind), String>;

/// The speaker-level label from quote label counts (`task.labels()` order: the two sides, then
/// neutral): neutral when no quote takes a side; the side with at least `majority` of the
/// side-taking quotes; otherwise [`MIXED`].
///
/// ```
/// use standpoint::aggregate::{speaker_label, DEFAULT_MAJORITY};
/// use standpoint::Task;
/// assert_eq!(speaker_label(Task::Stance, [0, 1, 5], DEFAULT_MAJORITY), "against");
/// assert_eq!(speaker_label(Task::Stance, [2, 1, 0], DEFAULT_MAJORITY), "favor");
/// assert_eq!(speaker_label(Task::Stance, [1, 1, 3], DEFAULT_MAJORITY), "mixed");
/// assert_eq!(speaker_label(Task::Stance, [0, 0, 3], DEFAULT_MAJORITY), "neutral");
/// ```
pub fn speaker_label(task: Task, counts: [usize; 3], majority: f64) -> &'static str {
    let sides = (counts[0] + counts[1]) as f64;
    let labels = task.labels();
    if sides == 0.0 {
        labels[2]
    } else if counts[0] as f64 >= majority * sides - 1e-9 {
        labels[0]
    } else if counts[1] as f64 >= majority * sides - 1e-9 {
        labels[1]
    } else {
        MIXED
    }
}

/// Scale of the fixed-point sums: a probability `x` is added as `trunc(x · 2^96)`, an integer,
/// so sums are exact and do not depend on the order of the quotes or of the shards merged
/// (floating-point sums do, in their last bits). Parts below 2^-96 (about 1.3e-29) are dropped.
/// With |x| ≤ 1 an `i128` holds over two billion quotes.
const FIXED_SCALE: f64 = 79_228_162_514_264_337_593_543_950_336.0; // 2^96

/// `x` as a fixed-point integer in units of 2^-96.
fn fixed(x: f64) -> i128 {
    (x * FIXED_SCALE) as i128
}

/// A fixed-point sum back as a float (rounded to nearest).
fn unfixed(x: i128) -> f64 {
    x as f64 / FIXED_SCALE
}

/// The sums behind one task's summary of a speaker. Probability sums are fixed-point integers
/// in units of 2^-96 (see [`FIXED_SCALE`]), serialised as JSON numbers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Sums {
    pub(crate) n: usize,
    pub(crate) net: i128,
    pub(crate) net_sq: i128,
    pub(crate) prob: [i128; 3],
    pub(crate) labels: [usize; 3],
}

impl Sums {
    fn add(&mut self, task: Task, p: &Prediction) {
        let probs = &p.probabilities;
        let net = probs[0] - probs[1];
        self.n += 1;
        self.net += fixed(net);
        self.net_sq += fixed(net * net);
        for (acc, x) in self.prob.iter_mut().zip(probs) {
            *acc += fixed(*x);
        }
        let label = task.parse_label(&p.label).unwrap_or(2);
        self.labels[label] += 1;
    }
    fn merge(&mut self, o: &Sums) {
        self.n += o.n;
        self.net += o.net;
        self.net_sq += o.net_sq;
        for (acc, x) in self.prob.iter_mut().zip(o.prob) {
            *acc += x;
        }
        for (acc, x) in self.labels.iter_mut().zip(o.labels) {
            *acc += x;
        }
    }
    fn summary(&self, task: Task, majority: f64) -> Option<TaskSummary> {
        if self.n == 0 {
            return None;
        }
        let n = self.n as f64;
        let mean = unfixed(self.net) / n;
        let probs = self.prob.map(|p| unfixed(p) / n);
        let interval = (self.n >= 2).then(|| {
            let var = ((unfixed(self.net_sq) - n * mean * mean) / (n - 1.0)).max(0.0);
            let t = StudentsT::new(0.0, 1.0, n - 1.0)
                .expect("valid t distribution")
                .inverse_cdf(0.975);
            let half = t * (var / n).sqrt();
            ((mean - half).max(-1.0), (mean + half).min(1.0))
        });
        Some(TaskSummary {
            label: speaker_label(task, self.labels, majority).to_string(),
            net: mean,
            interval,
            probabilities: probs,
            counts: self.labels,
        })
    }
}

/// One task's summary for a speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskSummary {
    /// The speaker's label by [`speaker_label`]: one of the task's labels (favor / against /
    /// neutral, or positive / negative / neutral) or [`MIXED`].
    pub label: String,
    /// Mean of P(first label) − P(second label) over the speaker's quotes, in [−1, 1].
    pub net: f64,
    /// 95% Student-t interval of `net`; `None` for a single quote.
    pub interval: Option<(f64, f64)>,
    /// Mean probabilities in the task's label order.
    pub probabilities: [f64; 3],
    /// Quotes per predicted label, in the task's label order (favor, against, neutral).
    pub counts: [usize; 3],
}

/// A row of the stance table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerStance {
    /// Canonical name.
    pub speaker: String,
    /// Person, group, organization, state or unknown.
    pub kind: SpeakerKind,
    /// Every mention seen, sorted.
    pub aliases: Vec<String>,
    /// Number of articles the speaker is quoted in.
    pub articles: usize,
    /// Number of quotes.
    pub quotes: usize,
    /// Stance summary (absent when the model has no stance classifier).
    pub stance: Option<TaskSummary>,
    /// Sentiment summary (absent when the model has no sentiment classifier).
    pub sentiment: Option<TaskSummary>,
}

/// The sums behind one speaker row (what a partial table stores per speaker).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct SpeakerSums {
    pub(crate) aliases: BTreeSet<String>,
    pub(crate) articles: usize,
    pub(crate) quotes: usize,
    pub(crate) stance: Sums,
    pub(crate) sentiment: Sums,
}

/// At most this many aliases are kept per speaker (memory stays bounded on large corpora): the
/// first ones in sorted order, so the kept set does not depend on the order articles or shards
/// come in.
pub const MAX_ALIASES: usize = 30;

impl SpeakerSums {
    fn add_alias(&mut self, alias: &str) {
        if alias.is_empty() || self.aliases.contains(alias) {
            return;
        }
        if self.aliases.len() >= MAX_ALIASES {
            match self.aliases.last() {
                Some(last) if alias < last.as_str() => {
                    self.aliases.pop_last();
                }
                _ => return,
            }
        }
        self.aliases.insert(alias.to_string());
    }

    fn merge(&mut self, o: &SpeakerSums) {
        for a in &o.aliases {
            self.add_alias(a);
        }
        self.articles += o.articles;
        self.quotes += o.quotes;
        self.stance.merge(&o.stance);
        self.sentiment.merge(&o.sentiment);
    }
}

/// Running per-speaker sums; merge shards, then [`finish`](Accumulator::finish).
#[derive(Debug, Clone, PartialEq)]
pub struct Accumulator {
    pub(crate) speakers: BTreeMap<(String, SpeakerKind), SpeakerSums>,
    majority: f64,
}

impl Default for Accumulator {
    fn default() -> Self {
        Self::new()
    }
}

impl Accumulator {
    /// An empty accumulator with the [`DEFAULT_MAJORITY`].
    pub fn new() -> Self {
        Self {
            speakers: BTreeMap::new(),
            majority: DEFAULT_MAJORITY,
        }
    }

    /// Sets the share (in (0.5, 1]) of a speaker's stance-taking quotes that one side needs for
    /// the speaker's label (see [`speaker_label`]); below it the label is [`MIXED`].
    pub fn with_majority(mut self, majority: f64) -> Self {
        self.majority = majority;
        self
    }

    /// Adds every quote of a scored article (call once per article: each speaker's article
    /// count goes up by one).
    pub fn add(&mut self, article: &ScoredArticle) {
        let mut seen: BTreeSet<(&str, SpeakerKind)> = BTreeSet::new();
        for q in &article.quotes {
            let key = (q.quote.speaker.clone(), q.quote.speaker_kind);
            let s = self.speakers.entry(key).or_default();
            s.quotes += 1;
            if seen.insert((q.quote.speaker.as_str(), q.quote.speaker_kind)) {
                s.articles += 1;
            }
            s.add_alias(&q.quote.mention);
            if let Some(p) = &q.stance {
                s.stance.add(Task::Stance, p);
            }
            if let Some(p) = &q.sentiment {
                s.sentiment.add(Task::Sentiment, p);
            }
        }
        for sp in &article.speakers {
            if let Some(s) = self.speakers.get_mut(&(sp.name.clone(), sp.kind)) {
                for a in &sp.aliases {
                    s.add_alias(a);
                }
            }
        }
    }

    /// Adds another accumulator's sums (e.g. from another shard of the corpus).
    pub fn merge(&mut self, other: &Accumulator) {
        for (k, v) in &other.speakers {
            self.speakers.entry(k.clone()).or_default().merge(v);
        }
    }

    /// The stance table: one row per speaker, most quoted first (ties by name).
    pub fn finish(&self) -> Vec<SpeakerStance> {
        self.finish_with_renames().0
    }

    /// The stance table and the run-level renames it applied: `(name, kind) → merged name` for
    /// one-word person names merged into a longer name ("Trump" → "Donald Trump"). Apply the same
    /// renames to quote-level output so quotes and table agree.
    pub fn finish_with_renames(&self) -> (Vec<SpeakerStance>, Renames) {
        let mut speakers = self.speakers.clone();
        let mut renames = Renames::new();
        // one-word person names merge into the unique longer name ending with them
        let keys: Vec<(String, SpeakerKind)> = speakers.keys().cloned().collect();
        for (name, kind) in &keys {
            // "Conference" is no surname: a body's head word never joins a longer name
            if *kind != SpeakerKind::Person
                || name.contains(' ')
                || crate::attribution::lexicon::ORGANIZATION_HEADS.contains(&name.to_lowercase())
            {
                continue;
            }
            let longer: Vec<&(String, SpeakerKind)> = keys
                .iter()
                .filter(|(n, k)| *k == SpeakerKind::Person && n.ends_with(&format!(" {name}")))
                .collect();
            if longer.len() == 1 {
                let mut short = speakers.remove(&(name.clone(), *kind)).expect("key exists");
                short.add_alias(name);
                renames.insert((name.clone(), *kind), longer[0].0.clone());
                speakers
                    .get_mut(longer[0])
                    .expect("key exists")
                    .merge(&short);
            }
        }
        (self.rows(speakers), renames)
    }

    /// The stance table with the given run-level `renames` applied instead of this
    /// accumulator's own one-word merging, so a table over part of a run (one period) names
    /// speakers as the run-wide table does.
    pub fn finish_renamed(&self, renames: &Renames) -> Vec<SpeakerStance> {
        let mut speakers: BTreeMap<(String, SpeakerKind), SpeakerSums> = BTreeMap::new();
        for ((name, kind), s) in &self.speakers {
            let key = match renames.get(&(name.clone(), *kind)) {
                Some(to) => {
                    let mut s = s.clone();
                    s.add_alias(name);
                    speakers.entry((to.clone(), *kind)).or_default().merge(&s);
                    continue;
                }
                None => (name.clone(), *kind),
            };
            speakers.entry(key).or_default().merge(s);
        }
        self.rows(speakers)
    }

    fn rows(&self, speakers: BTreeMap<(String, SpeakerKind), SpeakerSums>) -> Vec<SpeakerStance> {
        let mut rows: Vec<SpeakerStance> = speakers
            .into_iter()
            .map(|((speaker, kind), s)| SpeakerStance {
                speaker,
                kind,
                aliases: s.aliases.into_iter().collect(),
                articles: s.articles,
                quotes: s.quotes,
                stance: s.stance.summary(Task::Stance, self.majority),
                sentiment: s.sentiment.summary(Task::Sentiment, self.majority),
            })
            .collect();
        rows.sort_by(|a, b| {
            b.quotes
                .cmp(&a.quotes)
                .then_with(|| a.speaker.cmp(&b.speaker))
        });
        rows
    }
}

/// Speaker names merged or split by hand: a CSV with columns `alias,canonical` and optionally
/// `kind` (person, group, organization, state; by default the kind the canonical name already
/// has in the article). A quote whose
/// speaker or mention equals an alias (case-insensitive) is reported under the canonical name;
/// this merges names ("the U.S. president" → "Donald Trump") and splits them (map each article's
/// "the minister" to the right person with more specific aliases).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AliasMap {
    map: std::collections::HashMap<String, (String, Option<SpeakerKind>)>,
}

impl AliasMap {
    /// Reads the alias CSV (header `alias,canonical`).
    ///
    /// # Errors
    /// As [`crate::labelled::read`]-style errors: unreadable file, missing column, ragged row.
    pub fn read(path: &std::path::Path) -> crate::Result<Self> {
        let file = std::fs::File::open(path).map_err(|e| crate::Error::io(path, e))?;
        let mut rdr = csv::Reader::from_reader(file);
        let headers = rdr.headers().map_err(|e| crate::Error::BadRecord {
            path: path.to_path_buf(),
            line: 1,
            field: String::new(),
            message: e.to_string(),
        })?;
        let col = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}').trim() == name)
                .ok_or_else(|| crate::Error::MissingColumn {
                    path: path.to_path_buf(),
                    column: name.into(),
                    header: headers.iter().collect::<Vec<_>>().join(","),
                })
        };
        let (a, c) = (col("alias")?, col("canonical")?);
        let k = col("kind").ok();
        let mut map = std::collections::HashMap::new();
        for (n, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|e| crate::Error::BadRecord {
                path: path.to_path_buf(),
                line: n as u64 + 2,
                field: String::new(),
                message: e.to_string(),
            })?;
            let (alias, canonical) = (
                rec.get(a).unwrap_or("").trim(),
                rec.get(c).unwrap_or("").trim(),
            );
            if alias.is_empty() || canonical.is_empty() {
                return Err(crate::Error::BadRecord {
                    path: path.to_path_buf(),
                    line: n as u64 + 2,
                    field: "field `alias`/`canonical`: ".into(),
                    message: "empty value".into(),
                });
            }
            // a pronoun is resolved per article; as an alias it would capture every "they"
            if crate::attribution::lexicon::pronoun(&alias.to_lowercase()).is_some() {
                return Err(crate::Error::BadRecord {
                    path: path.to_path_buf(),
                    line: n as u64 + 2,
                    field: "field `alias`: ".into(),
                    message: format!(
                        "`{alias}` is a pronoun; pronouns are resolved within each article and cannot be aliased"
                    ),
                });
            }
            let kind = match k
                .and_then(|k| rec.get(k))
                .map(str::trim)
                .filter(|v| !v.is_empty())
            {
                Some(v) => Some(
                    v.parse::<SpeakerKind>()
                        .map_err(|e| crate::Error::BadRecord {
                            path: path.to_path_buf(),
                            line: n as u64 + 2,
                            field: "field `kind`: ".into(),
                            message: e,
                        })?,
                ),
                None => None,
            };
            map.insert(alias.to_lowercase(), (canonical.to_string(), kind));
        }
        Ok(AliasMap { map })
    }

    /// Renames the speakers of an article's quotes (and its speaker list) by the map.
    pub fn apply(&self, article: &mut ScoredArticle) {
        if self.map.is_empty() {
            return;
        }
        // the kind a canonical name already has in this article
        let known: std::collections::HashMap<String, SpeakerKind> = article
            .quotes
            .iter()
            .map(|q| (q.quote.speaker.clone(), q.quote.speaker_kind))
            .collect();
        for q in &mut article.quotes {
            let hit = self
                .map
                .get(&q.quote.speaker.to_lowercase())
                .or_else(|| self.map.get(&q.quote.mention.to_lowercase()));
            if let Some((c, kind)) = hit {
                q.quote.speaker = c.clone();
                if let Some(k) = kind.or_else(|| known.get(c).copied()) {
                    q.quote.speaker_kind = k;
                }
            }
        }
        for sp in &mut article.speakers {
            if let Some((c, kind)) = self.map.get(&sp.name.to_lowercase()) {
                sp.name = c.clone();
                if let Some(k) = kind.or_else(|| known.get(c).copied()) {
                    sp.kind = k;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::Quote;
    use crate::score::{Prediction, ScoredQuote};

    fn quote(article: &str, speaker: &str, p: [f64; 3]) -> ScoredQuote {
        ScoredQuote {
            article: article.into(),
            quote: Quote::fixture(speaker, 0, 0),
            stance: Some(Prediction::new(Task::Stance, p)),
            date: None,
            relevance: None,
            sentiment: None,
            because: Vec::new(),
        }
    }

    fn article(id: &str, quotes: Vec<ScoredQuote>) -> ScoredArticle {
        ScoredArticle {
            id: id.into(),
            title: None,
            date: None,
            speakers: vec![],
            quotes,
        }
    }

    #[test]
    fn net_stance_interval_and_label() {
        let mut acc = Accumulator::new();
        acc.add(&article(
            "a",
            vec![
                quote("a", "Jane Doe", [0.1, 0.8, 0.1]),
                quote("a", "Jane Doe", [0.15, 0.75, 0.1]),
            ],
        ));
        let t = acc.finish();
        let s = t[0].stance.as_ref().unwrap();
        assert!((s.net - (-0.65)).abs() < 1e-12);
        assert_eq!(s.label, "against");
        // t(0.975, 1 df) = 12.7062; sd of (-0.7, -0.6) = 0.0707; se = 0.05; half = 0.6353
        let (lo, hi) = s.interval.unwrap();
        assert_eq!(lo, -1.0);
        assert!((hi - (-0.65 + 12.706204736 * 0.05)).abs() < 1e-6, "{hi}");
        assert!(t[0].sentiment.is_none());
    }

    #[test]
    fn speaker_label_follows_the_stance_taking_quotes() {
        // one rejection among procedural quotes is a stance; the mean probability would say neutral
        let a = article(
            "a",
            vec![
                quote("a", "Recep Erdogan", [0.05, 0.90, 0.05]),
                quote("a", "Recep Erdogan", [0.10, 0.05, 0.85]),
                quote("a", "Recep Erdogan", [0.10, 0.05, 0.85]),
                quote("a", "Recep Erdogan", [0.10, 0.05, 0.85]),
            ],
        );
        let mut acc = Accumulator::new();
        acc.add(&a);
        let s = acc.finish()[0].stance.clone().unwrap();
        assert_eq!(s.label, "against");
        assert_eq!(s.counts, [0, 1, 3]);
        assert!(s.probabilities[2] > s.probabilities[1]);
        // one favor and one against: mixed; with a second favor, two thirds: favor
        let b = article(
            "b",
            vec![
                quote("b", "Ana Ruiz", [0.8, 0.1, 0.1]),
                quote("b", "Ana Ruiz", [0.1, 0.8, 0.1]),
            ],
        );
        let mut acc = Accumulator::new();
        acc.add(&b);
        assert_eq!(acc.finish()[0].stance.as_ref().unwrap().label, MIXED);
        let c = article("c", vec![quote("c", "Ana Ruiz", [0.7, 0.2, 0.1])]);
        acc.add(&c);
        assert_eq!(acc.finish()[0].stance.as_ref().unwrap().label, "favor");
        // a stricter threshold turns two of three into mixed
        let mut strict = Accumulator::new().with_majority(0.75);
        strict.add(&b);
        strict.add(&c);
        assert_eq!(strict.finish()[0].stance.as_ref().unwrap().label, MIXED);
        // only neutral quotes: neutral
        let d = article("d", vec![quote("d", "Li Wen", [0.3, 0.3, 0.4])]);
        let mut acc = Accumulator::new();
        acc.add(&d);
        assert_eq!(acc.finish()[0].stance.as_ref().unwrap().label, "neutral");
    }

    #[test]
    fn shards_merge_to_the_same_table_and_surnames_join() {
        let a = article("a", vec![quote("a", "Donald Trump", [0.6, 0.2, 0.2])]);
        let b = article(
            "b",
            vec![
                quote("b", "Trump", [0.2, 0.6, 0.2]),
                quote("b", "Ali", [0.3, 0.3, 0.4]),
            ],
        );
        let mut one = Accumulator::new();
        one.add(&a);
        one.add(&b);
        let mut s1 = Accumulator::new();
        s1.add(&a);
        let mut s2 = Accumulator::new();
        s2.add(&b);
        s1.merge(&s2);
        assert_eq!(one.finish(), s1.finish());
        let t = one.finish();
        assert_eq!(t[0].speaker, "Donald Trump");
        assert_eq!((t[0].quotes, t[0].articles), (2, 2));
        assert!(t[0].stance.as_ref().unwrap().net.abs() < 1e-12);
        assert_eq!(t[1].speaker, "Ali");
        assert_eq!(t[1].stance.as_ref().unwrap().interval, None);
    }

    #[test]
    fn a_part_of_the_run_takes_the_run_renames() {
        let a = article("a", vec![quote("a", "Donald Trump", [0.6, 0.2, 0.2])]);
        let b = article("b", vec![quote("b", "Trump", [0.2, 0.6, 0.2])]);
        let mut run = Accumulator::new();
        run.add(&a);
        run.add(&b);
        let (_, renames) = run.finish_with_renames();
        // a period holding only "Trump" still names him as the run does
        let mut part = Accumulator::new();
        part.add(&b);
        let rows = part.finish_renamed(&renames);
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].speaker.as_str(), rows[0].quotes),
            ("Donald Trump", 1)
        );
        assert!(rows[0].aliases.contains(&"Trump".to_string()));
        // no renames: the names stay as they are, without the run's own merging
        let mut both = Accumulator::new();
        both.add(&a);
        both.add(&b);
        assert_eq!(both.finish_renamed(&Renames::new()).len(), 2);
    }

    #[test]
    fn alias_map_merges_by_speaker_or_mention() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("aliases.csv");
        std::fs::write(
            &p,
            "alias,canonical\nU.S. president,Donald Trump\nthe president,Donald Trump\n",
        )
        .unwrap();
        let map = AliasMap::read(&p).unwrap();
        let mut a = article("a", vec![quote("a", "U.S. president", [0.6, 0.2, 0.2])]);
        map.apply(&mut a);
        assert_eq!(a.quotes[0].quote.speaker, "Donald Trump");
        std::fs::write(&p, "name,canonical\nx,y\n").unwrap();
        assert!(
            AliasMap::read(&p)
                .unwrap_err()
                .to_string()
                .contains("missing column `alias`")
        );
        std::fs::write(&p, "alias,canonical\nThey,Cairo foreign ministers\n").unwrap();
        let e = AliasMap::read(&p).unwrap_err().to_string();
        assert!(e.contains(":2: field `alias`: `They` is a pronoun"), "{e}");
    }
}
