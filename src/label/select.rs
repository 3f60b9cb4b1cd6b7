//! Which quote to ask next.
//!
//! - **With a model** (uncertainty sampling): candidates in order of increasing *margin*, the
//!   probability of the most probable stance label minus that of the second (Scheffer et al.
//!   2001); ties keep corpus order.
//! - **Cold start** (no model for the target yet): quotes containing one of the keywords
//!   (`--keywords`, case-insensitive word prefixes) first; then spread over articles and
//!   speakers: the next quote is the one whose article has been asked least so far, then whose
//!   speaker has, then the longest.
//! - **Diversity**, in both orders: a candidate whose set of lower-cased word bigrams has
//!   Jaccard similarity ≥ 0.6 ([`JACCARD`]) with a quote already in the labels file (answered or
//!   skipped) or already picked in this round is passed over, as is one already in the file.

use super::Candidate;
use std::collections::{HashMap, HashSet};

/// Jaccard similarity of word-bigram sets at or above which a candidate counts as a
/// near-duplicate of an asked quote.
pub const JACCARD: f64 = 0.6;

/// The lower-cased word bigrams of `text` (words = runs of alphanumeric characters and
/// apostrophes); the single word for a one-word text.
pub fn grams(text: &str) -> HashSet<String> {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() == 1 {
        return words.into_iter().collect();
    }
    words
        .windows(2)
        .map(|w| format!("{} {}", w[0], w[1]))
        .collect()
}

/// |a ∩ b| / |a ∪ b|; 0 for two empty sets.
pub fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Most probable minus second most probable of three probabilities, in [0, 1].
pub fn margin(p: &[f64; 3]) -> f64 {
    let mut s = *p;
    s.sort_by(|a, b| b.total_cmp(a));
    s[0] - s[1]
}

/// What has been asked already: the quotes of the labels file.
#[derive(Debug, Default, Clone)]
pub struct Asked {
    keys: HashSet<(String, usize, usize)>,
    grams: Vec<HashSet<String>>,
    articles: HashMap<String, usize>,
    speakers: HashMap<String, usize>,
}

impl Asked {
    /// Records one asked quote (article id, span, speaker, unit text).
    pub fn add(&mut self, article: &str, span: (usize, usize), speaker: &str, text: &str) {
        self.keys.insert((article.to_string(), span.0, span.1));
        self.grams.push(grams(text));
        *self.articles.entry(article.to_string()).or_default() += 1;
        *self.speakers.entry(speaker.to_lowercase()).or_default() += 1;
    }

    /// From the records of a labels file.
    pub fn from_records(records: &[super::store::Record]) -> Self {
        let mut a = Asked::default();
        for r in records {
            a.add(&r.article, r.span, &r.speaker, &r.text);
        }
        a
    }

    /// True when the candidate is in the file or a near-duplicate of an asked quote.
    pub fn excludes(&self, c: &Candidate) -> bool {
        self.keys.contains(&c.key()) || self.grams.iter().any(|g| jaccard(g, &c.grams) >= JACCARD)
    }
}

fn has_keyword(c: &Candidate, keywords: &[String]) -> bool {
    if keywords.is_empty() {
        return false;
    }
    c.text
        .split(|ch: char| !ch.is_alphanumeric())
        .map(str::to_lowercase)
        .any(|w| keywords.iter().any(|k| w.starts_with(k.as_str())))
}

/// Up to `n` candidates to ask next (indices into `cands`), in asking order, given what has
/// been asked. Uses uncertainty order when every candidate has stance probabilities, the
/// cold-start rule otherwise (see the module docs). `keywords` should be lower-case.
pub fn pick(cands: &[Candidate], asked: &Asked, keywords: &[String], n: usize) -> Vec<usize> {
    let mut asked = asked.clone();
    let mut out = Vec::new();
    let modelled = !cands.is_empty() && cands.iter().all(|c| c.stance.is_some());
    if modelled {
        let mut order: Vec<usize> = (0..cands.len()).collect();
        order.sort_by(|&a, &b| {
            let m = |i: usize| margin(cands[i].stance.as_ref().expect("modelled"));
            m(a).total_cmp(&m(b)).then(a.cmp(&b))
        });
        for i in order {
            if out.len() == n {
                break;
            }
            let c = &cands[i];
            if !asked.excludes(c) {
                asked.add(&c.article, c.span, &c.speaker, &c.text);
                out.push(i);
            }
        }
        return out;
    }
    let hit: Vec<bool> = cands.iter().map(|c| has_keyword(c, keywords)).collect();
    let mut open: Vec<usize> = (0..cands.len()).collect();
    while out.len() < n {
        open.retain(|&i| !asked.excludes(&cands[i]));
        let best = open.iter().copied().min_by_key(|&i| {
            let c = &cands[i];
            (
                !hit[i],
                asked.articles.get(&c.article).copied().unwrap_or(0),
                asked
                    .speakers
                    .get(&c.speaker.to_lowercase())
                    .copied()
                    .unwrap_or(0),
                std::cmp::Reverse(c.text.len()),
                i,
            )
        });
        let Some(i) = best else { break };
        let c = &cands[i];
        asked.add(&c.article, c.span, &c.speaker, &c.text);
        out.push(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(
        article: &str,
        start: usize,
        speaker: &str,
        text: &str,
        p: Option<[f64; 3]>,
    ) -> Candidate {
        Candidate {
            article: article.into(),
            span: (start, start + text.len()),
            text: text.into(),
            masks: Vec::new(),
            speaker: speaker.into(),
            cue: "said".into(),
            kind: "direct".into(),
            context: text.into(),
            stance: p,
            sentiment: None,
            grams: grams(text),
        }
    }

    #[test]
    fn grams_and_jaccard() {
        let a = grams("The mayor said: the bridge opens Monday.");
        assert!(a.contains("the mayor") && a.contains("opens monday"));
        assert_eq!(a.len(), 6);
        assert_eq!(grams("No!").len(), 1);
        let b = grams("The mayor said the bridge opens Tuesday.");
        // 5 shared of 6 + 6 − 5 = 7
        assert!((jaccard(&a, &b) - 5.0 / 7.0).abs() < 1e-12);
        assert_eq!(jaccard(&HashSet::new(), &HashSet::new()), 0.0);
        assert!((margin(&[0.2, 0.5, 0.3]) - 0.2).abs() < 1e-12);
    }

    #[test]
    fn uncertainty_order_smallest_margin_first() {
        let cands = vec![
            cand(
                "a",
                0,
                "x",
                "We will build the wall quickly",
                Some([0.9, 0.05, 0.05]),
            ),
            cand(
                "a",
                50,
                "y",
                "Nobody knows what the plan is",
                Some([0.4, 0.35, 0.25]),
            ),
            cand(
                "b",
                0,
                "z",
                "The budget vote happens in spring",
                Some([0.1, 0.5, 0.4]),
            ),
            cand(
                "b",
                60,
                "z",
                "Farmers protested outside the hall",
                Some([0.34, 0.33, 0.33]),
            ),
        ];
        assert_eq!(pick(&cands, &Asked::default(), &[], 4), vec![3, 1, 2, 0]);
        assert_eq!(pick(&cands, &Asked::default(), &[], 2), vec![3, 1]);
        // already asked: not asked again
        let mut asked = Asked::default();
        asked.add(
            "b",
            (60, 60 + cands[3].text.len()),
            "z",
            "something else entirely here",
        );
        assert_eq!(pick(&cands, &asked, &[], 1), vec![1]);
    }

    #[test]
    fn near_duplicates_are_skipped() {
        let cands = vec![
            cand(
                "a",
                0,
                "x",
                "the senator said the tax plan is a disgrace",
                Some([0.34, 0.33, 0.33]),
            ),
            cand(
                "b",
                0,
                "y",
                "the senator said the tax plan is a disgrace today",
                Some([0.35, 0.33, 0.32]),
            ),
            cand(
                "c",
                0,
                "z",
                "a completely different remark about rain",
                Some([0.6, 0.2, 0.2]),
            ),
        ];
        // 1 is a near-duplicate (Jaccard 8/9) of 0, picked in the same round
        assert_eq!(pick(&cands, &Asked::default(), &[], 3), vec![0, 2]);
        // and of a quote in the labels file
        let mut asked = Asked::default();
        asked.add(
            "q",
            (0, 5),
            "w",
            "The senator said the tax plan is a disgrace!",
        );
        assert_eq!(pick(&cands, &asked, &[], 3), vec![2]);
        // below the threshold: kept
        let half = grams("the senator said the");
        assert!(jaccard(&half, &cands[0].grams) < JACCARD);
    }

    #[test]
    fn cold_start_keywords_then_spread_over_articles_and_speakers() {
        let cands = vec![
            cand(
                "a",
                0,
                "x",
                "a long remark about the weather and the harvest",
                None,
            ),
            cand("a", 100, "x", "another long remark about the weather", None),
            cand("a", 200, "y", "short one from y", None),
            cand("b", 0, "x", "the president must go", None),
            cand("c", 0, "w", "on the presidential race", None),
        ];
        let kw = vec!["president".to_string()];
        // keyword hits first (the longer first), then article a: a speaker not asked yet (y)
        // before x, who was asked in article b; then the longest
        assert_eq!(pick(&cands, &Asked::default(), &kw, 5), vec![4, 3, 2, 0, 1]);
        // without keywords: one per article first, longest first within the round
        assert_eq!(pick(&cands, &Asked::default(), &[], 3), vec![0, 4, 3]);
    }
}
