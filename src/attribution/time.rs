//! Pass 2b, time cues: when something was said ("earlier in August", "on Tuesday", "later"), read
//! from the quote's sentence outside its content, so a speaker's change of stance over time stays
//! visible and a date inside what was said ("the talks would resume on Tuesday") is not taken.

use super::frame::Frame;
use super::lexicon;

/// The first time expression outside quotes: "earlier in August", "on Tuesday", "last week",
/// "later", "yesterday".
pub(super) fn time_cue(f: &Frame<'_>, content: &[(usize, usize)]) -> Option<String> {
    let n = f.len();
    let in_content = |k: usize| {
        let t = &f.toks[k];
        content.iter().any(|&(s, e)| t.start < e && t.end > s)
    };
    let is_date = |k: usize| {
        k < n
            && f.quote[k].is_none()
            && !in_content(k)
            && (lexicon::MONTHS.contains(f.lower(k)) && f.toks[k].is_capitalized()
                || lexicon::DAYS.contains(f.lower(k))
                || lexicon::TIME_NOUNS.contains(f.lower(k)))
    };
    for k in 0..n {
        if f.quote[k].is_some() || !f.is_word(k) || in_content(k) {
            continue;
        }
        let w = f.lower(k);
        let (start, mut end) = if lexicon::TIME_ADVERBS.contains(w) {
            (k, k + 1)
        } else if matches!(w, "last" | "next" | "this" | "early" | "late") && is_date(k + 1) {
            (k, k + 2)
        } else if is_date(k) && (lexicon::MONTHS.contains(w) || lexicon::DAYS.contains(w)) {
            let s = if k > 0 && matches!(f.lower(k - 1), "on" | "in" | "since" | "until" | "by") {
                k - 1
            } else {
                k
            };
            (s, k + 1)
        } else {
            continue;
        };
        // "earlier in August", "later on Tuesday", "on Tuesday evening"
        if end + 1 < n
            && matches!(f.lower(end), "in" | "on" | "this" | "last" | "that")
            && is_date(end + 1)
        {
            end += 2;
        }
        while end < n && is_date(end) {
            end += 1;
        }
        let words: Vec<&str> = (start..end).map(|x| f.toks[x].text).collect();
        let mut phrase = words.join(" ");
        if start == 0 {
            // sentence-initial capital: "Later" → "later"
            let mut c = phrase.chars();
            if let Some(first) = c.next()
                && !lexicon::MONTHS.contains(f.lower(0))
                && !lexicon::DAYS.contains(f.lower(0))
            {
                phrase = first.to_lowercase().collect::<String>() + c.as_str();
            }
        }
        return Some(phrase);
    }
    None
}
