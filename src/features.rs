//! Bag-of-n-grams features with TF-IDF weighting, after scikit-learn's `TfidfVectorizer`.
//!
//! The analyzer turns a unit of text into terms: tokenize (byte offsets kept) → mask the speaker's
//! own mention as `<speaker>` and, optionally, other capitalised names as `<name>` → lowercase →
//! mark negation scopes (`NOT_` prefix, see [`crate::text::negation`]) → drop punctuation except
//! `?` and `!` → word n-grams. [`Vectorizer::fit`] learns the vocabulary and inverse document
//! frequencies; [`Vectorizer::transform`] reuses them, giving one L2-normalised sparse row per unit.
//!
//! Parameter names and formulas follow scikit-learn (`ngram_range`, `min_df`, `max_df`,
//! `max_features`, `sublinear_tf`, `binary`, `lowercase`; smooth idf = ln((1 + n) / (1 + df)) + 1).
//!
//! ```
//! use standpoint::features::{Unit, Vectorizer, VectorizerParams};
//!
//! let docs = ["We will not talk.", "We welcome the talks.", "Talks resume on Monday."];
//! let units: Vec<Unit> = docs.iter().map(|d| Unit::plain(d)).collect();
//! let params = VectorizerParams { min_df: 1, ..VectorizerParams::default() };
//! let v = Vectorizer::fit(&params, &units).unwrap();
//! assert!(v.vocabulary().iter().any(|t| t == "NOT_talk"));
//! let row = v.transform(&Unit::plain("We will not talk"));
//! let norm: f64 = row.values.iter().map(|x| x * x).sum::<f64>().sqrt();
//! assert!((norm - 1.0).abs() < 1e-12);
//! ```

use crate::attribution::lexicon;
use crate::error::{Error, Result};
use crate::sparse::CsrMatrix;
use crate::text::negation;
use crate::text::tokens::{TokenKind, tokenize};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// Placeholder term for the speaker's own mention.
pub const SPEAKER_TOKEN: &str = "<speaker>";
/// Placeholder term for other capitalised names (when `mask_names` is on).
pub const NAME_TOKEN: &str = "<name>";
/// Placeholder term for numbers.
pub const NUMBER_TOKEN: &str = "<num>";

/// One unit of text to vectorize, with byte spans (relative to `text`) to mask as the speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit<'a> {
    /// The text.
    pub text: &'a str,
    /// Byte spans of the speaker's mention(s) inside `text`.
    pub masks: Vec<(usize, usize)>,
}

impl<'a> Unit<'a> {
    /// A unit with nothing masked.
    pub fn plain(text: &'a str) -> Self {
        Unit {
            text,
            masks: Vec::new(),
        }
    }
}

/// Hyper-parameters of the vectorizer (scikit-learn's names).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VectorizerParams {
    /// Smallest and largest n in word n-grams, inclusive. Default (1, 2).
    pub ngram_range: (usize, usize),
    /// Keep a term only if it occurs in at least this many training units. Default 1.
    pub min_df: usize,
    /// Drop a term that occurs in more than this fraction of training units. Default 1.0.
    pub max_df: f64,
    /// Keep only the this many most frequent terms (by corpus frequency). Default 20,000.
    pub max_features: Option<usize>,
    /// Use 1 + ln(tf) instead of tf. Default true.
    pub sublinear_tf: bool,
    /// Use tf ∈ {0, 1}. Default false.
    pub binary: bool,
    /// Lowercase terms. Default true.
    pub lowercase: bool,
    /// Mark negation scopes with `NOT_`. Default true.
    pub negation: bool,
    /// Replace the speaker's mention with `<speaker>` (and, with `mask_other_names`, other
    /// capitalised words that do not start a sentence with `<name>`). Default true; false keeps
    /// every name as a term.
    pub mask_names: bool,
    /// With `mask_names`, also replace every other capitalised word that does not start a
    /// sentence (organisations, places, other people) with `<name>`. Default false: names of
    /// institutions and places ("Congress", "European Union") carry what a quote is about.
    #[serde(default = "yes")]
    pub mask_other_names: bool,
    /// Also use character n-grams of each word (padded with spaces, as scikit-learn's
    /// `analyzer="char_wb"`), with n in this range; terms are prefixed `c:`. Default none.
    #[serde(default)]
    pub char_ngram_range: Option<(usize, usize)>,
    /// Scale each feature by its Naive Bayes log-count ratio (Wang & Manning 2012, "Baselines and
    /// Bigrams", NBSVM): for each label c, r_c = ln((p_c / ‖p_c‖₁) / (q_c / ‖q_c‖₁)) with p_c
    /// (q_c) the document frequencies of the terms in rows labelled c (not c) plus 1; the
    /// feature's idf is multiplied by max_c |r_c|, so terms that tell no label apart fade. Needs
    /// labels: [`Vectorizer::fit_labelled`]. Default true.
    #[serde(default)]
    pub nb_weight: bool,
}

fn yes() -> bool {
    true
}

impl Default for VectorizerParams {
    fn default() -> Self {
        VectorizerParams {
            ngram_range: (1, 2),
            min_df: 1,
            max_df: 1.0,
            max_features: Some(20_000),
            sublinear_tf: true,
            binary: false,
            lowercase: true,
            negation: true,
            mask_names: true,
            mask_other_names: false,
            char_ngram_range: None,
            nb_weight: true,
        }
    }
}

impl VectorizerParams {
    /// Checks the ranges: `1 ≤ ngram_range.0 ≤ ngram_range.1 ≤ 5`, `min_df ≥ 1`,
    /// `0 < max_df ≤ 1`, `max_features ≥ 1`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] naming the parameter.
    pub fn check(&self) -> Result<()> {
        let (lo, hi) = self.ngram_range;
        if lo == 0 || lo > hi || hi > 5 {
            return Err(Error::InvalidParameter(format!(
                "ngram_range ({lo}, {hi}): need 1 <= min <= max <= 5"
            )));
        }
        if self.min_df == 0 {
            return Err(Error::InvalidParameter("min_df must be at least 1".into()));
        }
        if !(self.max_df > 0.0 && self.max_df <= 1.0) {
            return Err(Error::InvalidParameter(format!(
                "max_df {} must be in (0, 1]",
                self.max_df
            )));
        }
        if let Some((lo, hi)) = self.char_ngram_range
            && (lo == 0 || lo > hi || hi > 8)
        {
            return Err(Error::InvalidParameter(format!(
                "char_ngram_range ({lo}, {hi}): need 1 <= min <= max <= 8"
            )));
        }
        if self.max_features == Some(0) {
            return Err(Error::InvalidParameter(
                "max_features must be at least 1".into(),
            ));
        }
        Ok(())
    }
}

/// A sparse row: sorted feature indices and their values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseRow {
    /// Feature indices, strictly increasing.
    pub indices: Vec<u32>,
    /// Values, same length as `indices`.
    pub values: Vec<f64>,
}

/// Lowercase (with the curly apostrophe straightened and soft hyphens dropped), borrowing when
/// nothing changes.
fn normalize(word: &str, lowercase: bool) -> Cow<'_, str> {
    let needs = word.contains(['\u{2019}', '\u{ad}'])
        || (lowercase && word.chars().any(char::is_uppercase));
    if !needs {
        return Cow::Borrowed(word);
    }
    let w = word.replace('\u{2019}', "'").replace('\u{ad}', "");
    Cow::Owned(if lowercase { w.to_lowercase() } else { w })
}

/// The words of a unit: tokens with the speaker's mention replaced by `<speaker>` and other names
/// by `<name>` (both if `mask_names`), numbers by `<num>`, lowercased, negation-marked, and punctuation
/// dropped except `?` and `!`. Terms are built from these.
pub fn words<'a>(params: &VectorizerParams, unit: &Unit<'a>) -> Vec<Cow<'a, str>> {
    let tokens = tokenize(unit.text);
    let mut words: Vec<Cow<'a, str>> = Vec::with_capacity(tokens.len());
    let mut prev_punct_initial = true; // sentence-initial context for name masking
    let mut last_mask: Option<usize> = None;
    for t in &tokens {
        if params.mask_names
            && let Some(mi) = unit
                .masks
                .iter()
                .position(|&(s, e)| t.start < e && t.end > s)
        {
            if last_mask != Some(mi) {
                words.push(Cow::Borrowed(SPEAKER_TOKEN));
                last_mask = Some(mi);
            }
            prev_punct_initial = false;
            continue;
        }
        last_mask = None;
        match t.kind {
            TokenKind::Punct => {
                let c = t.text.chars().next().unwrap_or(' ');
                prev_punct_initial = matches!(
                    c,
                    '.' | '!'
                        | '?'
                        | ':'
                        | ';'
                        | '"'
                        | '\u{201c}'
                        | '\u{201d}'
                        | '('
                        | '['
                        | '\u{2014}'
                ) || prev_punct_initial && matches!(c, '\'' | '\u{2018}');
                words.push(Cow::Borrowed(t.text));
            }
            TokenKind::Number => {
                words.push(Cow::Borrowed(NUMBER_TOKEN));
                prev_punct_initial = false;
            }
            TokenKind::Word => {
                let initial = prev_punct_initial;
                prev_punct_initial = false;
                if params.mask_names
                    && params.mask_other_names
                    && !initial
                    && t.is_capitalized()
                    && !lexicon::NOT_NAMES.contains(t.text)
                {
                    if words.last().map(|w| w.as_ref()) != Some(NAME_TOKEN) {
                        words.push(Cow::Borrowed(NAME_TOKEN));
                    }
                    continue;
                }
                words.push(normalize(t.text, params.lowercase));
            }
        }
    }
    if params.negation {
        negation::mark(&mut words);
    }
    words.retain(|w| {
        let c = w.chars().next().unwrap_or(' ');
        c.is_alphanumeric()
            || c == '<'
            || w.starts_with(negation::PREFIX)
            || w == "?"
            || w == "!"
            || w == "'s"
    });
    words
}

/// Calls `f` with every term of `words`: the n-grams for each n in `ngram_range`, n-grams joined
/// by single spaces, built in one reused buffer.
pub fn for_each_term(words: &[Cow<'_, str>], ngram_range: (usize, usize), f: impl FnMut(&str)) {
    for_each_term_with(words, ngram_range, None, f)
}

/// The character n-grams of every word (placeholders excluded), padded with one space on each
/// side as scikit-learn's `char_wb` analyzer does, prefixed `c:`; nothing when `char_range` is
/// `None`.
fn for_each_char_gram(
    words: &[Cow<'_, str>],
    char_range: Option<(usize, usize)>,
    mut f: impl FnMut(&str),
) {
    let Some((clo, chi)) = char_range else { return };
    let mut buf = String::with_capacity(64);
    let mut chars: Vec<char> = Vec::with_capacity(32);
    for w in words.iter().filter(|w| !w.starts_with('<')) {
        chars.clear();
        chars.push(' ');
        chars.extend(w.chars());
        chars.push(' ');
        for n in clo..=chi.min(chars.len()) {
            for win in chars.windows(n) {
                buf.clear();
                buf.push_str("c:");
                buf.extend(win.iter());
                f(&buf);
            }
        }
    }
}

/// [`for_each_term`] plus, when `char_range` is set, the character n-grams of every word
/// (placeholders excluded), prefixed `c:`.
pub fn for_each_term_with(
    words: &[Cow<'_, str>],
    ngram_range: (usize, usize),
    char_range: Option<(usize, usize)>,
    mut f: impl FnMut(&str),
) {
    for_each_char_gram(words, char_range, &mut f);
    let (lo, hi) = ngram_range;
    let mut buf = String::with_capacity(64);
    for n in lo..=hi {
        if n == 1 {
            words.iter().for_each(|w| f(w));
            continue;
        }
        for win in words.windows(n) {
            buf.clear();
            for (i, w) in win.iter().enumerate() {
                if i > 0 {
                    buf.push(' ');
                }
                buf.push_str(w);
            }
            f(&buf);
        }
    }
}

/// Turns a unit into its terms (unigrams and n-grams), in text order.
///
/// The same function runs at training and at scoring time, so features always match.
pub fn analyze(params: &VectorizerParams, unit: &Unit<'_>) -> Vec<String> {
    let w = words(params, unit);
    let mut terms = Vec::with_capacity(w.len() * (params.ngram_range.1 - params.ngram_range.0 + 1));
    for_each_term_with(&w, params.ngram_range, params.char_ngram_range, |t| {
        terms.push(t.to_string())
    });
    terms
}

/// A fitted vectorizer: vocabulary (sorted terms) and idf per term.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Vectorizer {
    params: VectorizerParams,
    vocabulary: Vec<String>,
    idf: Vec<f64>,
    #[serde(skip)]
    index: FxHashMap<String, usize>,
    #[serde(skip)]
    char_cache: CharGramCache,
}

thread_local! {
    /// Per-thread counts by feature index, all zero between calls of [`count_hits`].
    static COUNTS: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// `(index, count)` of every distinct index of `hits` (all `< n_features`), by increasing
/// index. Counts go into a per-thread array and only the distinct indices are sorted: with
/// character n-grams a quote has thousands of hits but a few hundred distinct terms.
fn count_hits(hits: &[u32], n_features: usize) -> Vec<(u32, f64)> {
    COUNTS.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() < n_features {
            c.resize(n_features, 0.0);
        }
        let mut distinct: Vec<u32> = Vec::with_capacity(hits.len());
        for &i in hits {
            let slot = &mut c[i as usize];
            if *slot == 0.0 {
                distinct.push(i);
            }
            *slot += 1.0;
        }
        distinct.sort_unstable();
        distinct
            .into_iter()
            .map(|i| {
                let n = std::mem::take(&mut c[i as usize]);
                (i, n)
            })
            .collect()
    })
}

/// Most words a [`CharGramCache`] remembers (memory stays bounded on any corpus).
const CHAR_CACHE_WORDS: usize = 200_000;

/// Word → the feature indices of its character n-grams, filled as words are seen, so a word's
/// character n-grams are built and looked up once per run, not once per occurrence. A clone
/// starts empty.
#[derive(Debug, Default)]
struct CharGramCache(std::sync::RwLock<FxHashMap<Box<str>, Box<[u32]>>>);

impl Clone for CharGramCache {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl PartialEq for Vectorizer {
    fn eq(&self, other: &Self) -> bool {
        self.params == other.params && self.vocabulary == other.vocabulary && self.idf == other.idf
    }
}

impl Vectorizer {
    /// Learns the vocabulary and idf from training units.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for bad parameters; [`Error::Training`] when no term survives
    /// the `min_df` / `max_df` limits.
    pub fn fit(params: &VectorizerParams, units: &[Unit<'_>]) -> Result<Self> {
        params.check()?;
        let n = units.len();
        let mut df: HashMap<String, (usize, usize)> = HashMap::new(); // term → (df, total tf)
        for u in units {
            let mut seen: HashMap<String, usize> = HashMap::new();
            for t in analyze(params, u) {
                *seen.entry(t).or_default() += 1;
            }
            for (t, c) in seen {
                let e = df.entry(t).or_default();
                e.0 += 1;
                e.1 += c;
            }
        }
        let max_df = (params.max_df * n as f64).floor() as usize;
        let mut kept: Vec<(String, usize, usize)> = df
            .into_iter()
            .filter(|(_, (d, _))| *d >= params.min_df && (params.max_df >= 1.0 || *d <= max_df))
            .map(|(t, (d, tf))| (t, d, tf))
            .collect();
        if let Some(maxf) = params.max_features
            && kept.len() > maxf
        {
            // most frequent first; ties by term for determinism
            kept.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
            kept.truncate(maxf);
        }
        if kept.is_empty() {
            return Err(Error::Training(format!(
                "no term occurs in at least min_df = {} of {} units",
                params.min_df, n
            )));
        }
        let sorted: BTreeMap<String, usize> = kept.into_iter().map(|(t, d, _)| (t, d)).collect();
        let vocabulary: Vec<String> = sorted.keys().cloned().collect();
        let idf: Vec<f64> = sorted
            .values()
            .map(|&d| ((1.0 + n as f64) / (1.0 + d as f64)).ln() + 1.0)
            .collect();
        Ok(Self::from_parts(params.clone(), vocabulary, idf))
    }

    /// [`Vectorizer::fit`], then [`Vectorizer::nb_scaled`] with the labels `y` (indices < 3).
    ///
    /// # Errors
    /// As [`Vectorizer::fit`] and [`Vectorizer::nb_scaled`].
    pub fn fit_labelled(
        params: &VectorizerParams,
        units: &[Unit<'_>],
        y: &[usize],
    ) -> Result<Self> {
        Self::fit(params, units)?.nb_scaled(units, y)
    }

    /// Rebuilds a vectorizer from saved parts (the term index is recomputed).
    pub fn from_parts(params: VectorizerParams, vocabulary: Vec<String>, idf: Vec<f64>) -> Self {
        let index = vocabulary
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i))
            .collect();
        Vectorizer {
            params,
            vocabulary,
            idf,
            index,
            char_cache: CharGramCache::default(),
        }
    }

    /// Recomputes the term index after deserialization.
    pub(crate) fn rebuild_index(&mut self) {
        self.char_cache = CharGramCache::default();
        self.index = self
            .vocabulary
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i))
            .collect();
    }

    /// The terms, sorted; a term's position is its feature index.
    pub fn vocabulary(&self) -> &[String] {
        &self.vocabulary
    }

    /// Inverse document frequency per feature, same order as [`Vectorizer::vocabulary`].
    pub fn idf(&self) -> &[f64] {
        &self.idf
    }

    /// The parameters it was fitted with.
    pub fn params(&self) -> &VectorizerParams {
        &self.params
    }

    /// Number of features (vocabulary size).
    pub fn n_features(&self) -> usize {
        self.vocabulary.len()
    }

    /// The TF-IDF row of one unit, L2-normalised (all zeros when no term is in the vocabulary).
    pub fn transform(&self, unit: &Unit<'_>) -> SparseRow {
        self.transform_words(&words(&self.params, unit))
    }

    /// The TF-IDF row of already analysed [`words`] (so two vectorizers with the same parameters
    /// can share the analysis).
    pub fn transform_words(&self, words: &[Cow<'_, str>]) -> SparseRow {
        self.weigh(&self.term_counts(words))
    }

    /// The raw count of every vocabulary term in `words`, by increasing feature index: the part
    /// of [`Vectorizer::transform_words`] that depends only on the vocabulary and the analysis,
    /// so vectorizers with the same vocabulary and parameters but different idf (NB weights) can
    /// share it.
    pub fn term_counts(&self, words: &[Cow<'_, str>]) -> Vec<(u32, f64)> {
        let mut hits: Vec<u32> = Vec::with_capacity(words.len() * 2);
        for_each_term(words, self.params.ngram_range, |t| {
            if let Some(&i) = self.index.get(t) {
                hits.push(i as u32);
            }
        });
        if self.params.char_ngram_range.is_some() {
            for w in words.iter().filter(|w| !w.starts_with('<')) {
                self.char_gram_hits(w, &mut hits);
            }
        }
        count_hits(&hits, self.n_features())
    }

    /// The L2-normalised TF-IDF row of [`Vectorizer::term_counts`] (tf transformed as the
    /// parameters say: binary, 1 + ln(tf), or raw).
    pub fn weigh(&self, counts: &[(u32, f64)]) -> SparseRow {
        let mut row = SparseRow {
            indices: Vec::with_capacity(counts.len()),
            values: Vec::with_capacity(counts.len()),
        };
        for &(i, tf) in counts {
            // most terms occur once, and 1 + ln(1) = 1: no logarithm needed
            let tf = if self.params.binary || tf == 1.0 {
                1.0
            } else if self.params.sublinear_tf {
                1.0 + tf.ln()
            } else {
                tf
            };
            row.indices.push(i);
            row.values.push(tf * self.idf[i as usize]);
        }
        let norm = row.values.iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm > 0.0 {
            row.values.iter_mut().for_each(|v| *v /= norm);
        }
        row
    }

    /// Whether `other` has the same parameters and vocabulary (its idf may differ), so
    /// [`Vectorizer::term_counts`] of one serve the other.
    pub fn same_terms(&self, other: &Vectorizer) -> bool {
        self.params == other.params && self.vocabulary == other.vocabulary
    }

    /// This vectorizer with its idf replaced by the Naive Bayes-scaled idf for labels `y` of
    /// `units` when `params.nb_weight` is set (see [`VectorizerParams::nb_weight`]); unchanged
    /// otherwise.
    ///
    /// # Errors
    /// [`Error::Training`] when `y` and `units` differ in length.
    pub fn nb_scaled(&self, units: &[Unit<'_>], y: &[usize]) -> Result<Self> {
        let mut v = self.clone();
        if !self.params.nb_weight {
            return Ok(v);
        }
        if y.len() != units.len() {
            return Err(Error::Training(format!(
                "{} units but {} labels",
                units.len(),
                y.len()
            )));
        }
        let nf = v.n_features();
        // document frequency of each term per label
        let mut df = vec![[0.0f64; 3]; nf];
        let mut rows_per = [0usize; 3];
        for (u, &l) in units.iter().zip(y) {
            rows_per[l] += 1;
            for &(i, _) in &self.term_counts(&words(&self.params, u)) {
                df[i as usize][l] += 1.0;
            }
        }
        let total: Vec<f64> = df.iter().map(|d| d.iter().sum()).collect();
        let mut scale = vec![0.0f64; nf];
        for c in (0..3).filter(|&l| rows_per[l] > 0) {
            let p_norm: f64 = df.iter().map(|d| d[c] + 1.0).sum();
            let q_norm: f64 = (0..nf).map(|j| total[j] - df[j][c] + 1.0).sum();
            for (j, s) in scale.iter_mut().enumerate() {
                let p = (df[j][c] + 1.0) / p_norm;
                let q = (total[j] - df[j][c] + 1.0) / q_norm;
                *s = s.max((p / q).ln().abs());
            }
        }
        for (idf, s) in v.idf.iter_mut().zip(scale) {
            *idf *= s.max(1e-6);
        }
        Ok(v)
    }

    /// Appends the feature indices of the character n-grams of `word` (as
    /// [`for_each_term_with`] builds them), from the cache when the word was seen before.
    fn char_gram_hits(&self, word: &str, hits: &mut Vec<u32>) {
        if let Some(c) = self.char_cache.0.read().expect("cache lock").get(word) {
            hits.extend_from_slice(c);
            return;
        }
        let mut found = Vec::new();
        let one = [Cow::Borrowed(word)];
        for_each_char_gram(&one, self.params.char_ngram_range, |t| {
            if let Some(&i) = self.index.get(t) {
                found.push(i as u32);
            }
        });
        hits.extend_from_slice(&found);
        let mut cache = self.char_cache.0.write().expect("cache lock");
        if cache.len() < CHAR_CACHE_WORDS {
            cache.insert(word.into(), found.into_boxed_slice());
        }
    }

    /// Transforms many units into a CSR matrix of shape `(units.len(), n_features)`; units are
    /// vectorized in parallel (rayon) in fixed chunks and concatenated in order.
    pub fn transform_matrix(&self, units: &[Unit<'_>]) -> CsrMatrix {
        let chunks: Vec<CsrMatrix> = units
            .par_chunks(1024)
            .map(|chunk| {
                let mut m = CsrMatrix::new(self.n_features());
                let mut entries = Vec::new();
                for u in chunk {
                    let row = self.transform(u);
                    entries.clear();
                    entries.extend(row.indices.iter().copied().zip(row.values.iter().copied()));
                    m.push_row(&entries);
                }
                m
            })
            .collect();
        let mut out = CsrMatrix::new(self.n_features());
        for c in &chunks {
            out.append(c);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> VectorizerParams {
        VectorizerParams {
            min_df: 1,
            ..VectorizerParams::default()
        }
    }

    #[test]
    fn analyzer_masks_speaker_names_and_negates() {
        let text = "Khamenei said talks with Washington were not useful.";
        let unit = Unit {
            text,
            masks: vec![(0, 8)],
        };
        let terms = analyze(
            &VectorizerParams {
                ngram_range: (1, 1),
                mask_other_names: true,
                ..p()
            },
            &unit,
        );
        assert_eq!(
            terms,
            [
                "<speaker>",
                "said",
                "talks",
                "with",
                "<name>",
                "were",
                "not",
                "NOT_useful"
            ]
        );
        // by default only the speaker's mention is masked: places and institutions are terms
        let speaker_only = analyze(
            &VectorizerParams {
                ngram_range: (1, 1),
                ..p()
            },
            &unit,
        );
        assert_eq!(speaker_only[0], "<speaker>");
        assert_eq!(speaker_only[4], "washington");
        // without masking, the speaker's mention and other names are terms like any other
        let kept = analyze(
            &VectorizerParams {
                ngram_range: (1, 1),
                mask_names: false,
                ..p()
            },
            &unit,
        );
        assert_eq!(kept[0], "khamenei");
        assert_eq!(kept[4], "washington");
    }

    #[test]
    fn sentence_initial_and_quote_initial_words_are_not_names() {
        let terms = analyze(
            &VectorizerParams {
                ngram_range: (1, 1),
                mask_other_names: true,
                ..p()
            },
            &Unit::plain("We said: \u{201c}Never again?\u{201d} Then Petrov left."),
        );
        assert_eq!(
            terms,
            [
                "we",
                "said",
                "never",
                "NOT_again",
                "?",
                "then",
                "<name>",
                "left"
            ]
        );
    }

    #[test]
    fn bigrams_and_idf_follow_sklearn() {
        let units = [Unit::plain("a b"), Unit::plain("a c")];
        let v = Vectorizer::fit(&p(), &units).unwrap();
        assert_eq!(v.vocabulary(), ["a", "a b", "a c", "b", "c"]);
        // idf(a) = ln(3/3) + 1 = 1; idf(b) = ln(3/2) + 1
        assert!((v.idf()[0] - 1.0).abs() < 1e-12);
        assert!((v.idf()[3] - (1.5f64.ln() + 1.0)).abs() < 1e-12);
    }

    #[test]
    fn min_df_and_max_features_limit_the_vocabulary() {
        let units = [
            Unit::plain("talks talks resume"),
            Unit::plain("talks stall"),
            Unit::plain("talks end"),
        ];
        let v = Vectorizer::fit(
            &VectorizerParams {
                min_df: 2,
                ngram_range: (1, 1),
                ..p()
            },
            &units,
        )
        .unwrap();
        assert_eq!(v.vocabulary(), ["talks"]);
        let v = Vectorizer::fit(
            &VectorizerParams {
                max_features: Some(2),
                ngram_range: (1, 1),
                ..p()
            },
            &units,
        )
        .unwrap();
        assert_eq!(v.vocabulary().len(), 2);
        assert!(v.vocabulary().contains(&"talks".to_string()));
    }

    #[test]
    fn cached_character_ngrams_give_the_analysed_terms() {
        let params = VectorizerParams {
            char_ngram_range: Some((2, 4)),
            ..p()
        };
        let units = [
            Unit::plain("We reject the talks."),
            Unit::plain("They welcome the talks, talks, talks."),
        ];
        let v = Vectorizer::fit(&params, &units).unwrap();
        for u in units
            .iter()
            .chain([&Unit::plain("Talks? We reject nothing.")])
        {
            // twice: the second pass reads every word from the cache
            for _ in 0..2 {
                let row = v.transform(u);
                let mut want: Vec<u32> = analyze(&params, u)
                    .iter()
                    .filter_map(|t| v.vocabulary().binary_search(t).ok().map(|i| i as u32))
                    .collect();
                want.sort_unstable();
                want.dedup();
                assert_eq!(row.indices, want);
            }
        }
    }

    #[test]
    fn invalid_parameters_are_rejected() {
        let bad = VectorizerParams {
            ngram_range: (2, 1),
            ..p()
        };
        assert!(bad.check().is_err());
        assert!(Vectorizer::fit(&p(), &[Unit::plain("...")]).is_err());
    }
}
