//! Pass 0, the frames the other passes read: sentences (merged where a quote runs across their
//! boundary) as token sequences in which every quote is one placeholder token.
//!
//! ```text
//! Osei said: "We will be back." He left.   →   [Osei] [said] [:] ["…"] [.]   [He] [left] [.]
//! ```

use super::marks::QuoteSpan;
use crate::text::sentences::Sentence;
use crate::text::tokens::{Token, TokenKind, tokenize};

/// A sentence, or several merged because a quote runs across their boundary; byte offsets.
#[derive(Debug, Clone, Copy)]
pub(super) struct Group {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
    pub last_paragraph: usize,
}

/// The quotes of an article, sorted by opening mark, with an index that finds the few quotes
/// overlapping a span by binary search (a scan of every quote per sentence made attribution
/// quadratic in the article's length). Derefs to the quotes, so `quotes[i]` is quote `i`.
pub(super) struct Quotes {
    spans: Vec<QuoteSpan>,
    /// `opens[i]`: quote `i`'s opening mark (non-decreasing); searched instead of the spans
    /// themselves, so a search over a long article's quotes stays within a compact array.
    opens: Vec<usize>,
    /// `reach[i]`: the largest `close` among quotes `0..=i` (non-decreasing).
    reach: Vec<usize>,
}

impl Quotes {
    /// Indexes `spans`, which must be sorted by `open` (as [`super::marks::find_quotes_in`]
    /// returns them).
    pub fn new(spans: Vec<QuoteSpan>) -> Self {
        debug_assert!(spans.windows(2).all(|w| w[0].open <= w[1].open));
        let reach = spans
            .iter()
            .scan(0, |m, q| {
                *m = (*m).max(q.close);
                Some(*m)
            })
            .collect();
        let opens = spans.iter().map(|q| q.open).collect();
        Quotes {
            spans,
            opens,
            reach,
        }
    }

    /// Indices, ascending, of the quotes with `open < end` and `close > start`.
    pub fn overlapping(&self, start: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
        // before `lo` every close is <= start; from `hi` on every open is >= end
        let lo = self.reach.partition_point(|&r| r <= start);
        let hi = self.opens.partition_point(|&o| o < end);
        (lo..hi.max(lo)).filter(move |&i| self.opens[i] < end && self.spans[i].close > start)
    }

    /// Indices, ascending, of the quotes whose opening mark is in `start..end`.
    pub fn opening_in(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let lo = self.opens.partition_point(|&o| o < start);
        let hi = self.opens.partition_point(|&o| o < end);
        lo..hi.max(lo)
    }
}

impl std::ops::Deref for Quotes {
    type Target = [QuoteSpan];
    fn deref(&self) -> &[QuoteSpan] {
        &self.spans
    }
}

/// Merges sentences that a quote runs across into one group.
pub(super) fn merge_sentences(sents: &[Sentence], quotes: &Quotes) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for s in sents {
        // a quote open before the group's end and closing after it, overlapping the sentence
        let joins = groups.last().is_some_and(|g| {
            quotes
                .overlapping(g.end.max(s.start), g.end.min(s.end))
                .next()
                .is_some()
        });
        if joins {
            let g = groups.last_mut().expect("checked");
            g.end = s.end;
            g.last_paragraph = s.paragraph;
        } else {
            groups.push(Group {
                start: s.start,
                end: s.end,
                paragraph: s.paragraph,
                last_paragraph: s.paragraph,
            });
        }
    }
    groups
}

/// A group's tokens outside quotes, with each quote collapsed to one placeholder token.
pub(super) struct Frame<'a> {
    /// Tokens, byte offsets into the article.
    pub toks: Vec<Token<'a>>,
    /// For each token, the index of the quote it stands for.
    pub quote: Vec<Option<usize>>,
    /// Lowercase form of each token (computed once).
    lowers: Vec<std::borrow::Cow<'a, str>>,
}

impl<'a> Frame<'a> {
    pub fn build(text: &'a str, g: &Group, quotes: &Quotes) -> Self {
        let mut toks = Vec::new();
        let mut quote = Vec::new();
        let mut last_q: Option<usize> = None;
        // the few quotes that overlap this group
        let near: Vec<usize> = quotes.overlapping(g.start, g.end).collect();
        for t in tokenize(&text[g.start..g.end]) {
            let t = Token {
                start: t.start + g.start,
                end: t.end + g.start,
                ..t
            };
            let qi = near
                .iter()
                .copied()
                .find(|&i| t.start >= quotes[i].open && t.end <= quotes[i].close);
            match qi {
                Some(qi) => {
                    if last_q != Some(qi) {
                        let q = &quotes[qi];
                        let s = q.open.max(g.start);
                        let e = q.close.min(g.end);
                        toks.push(Token {
                            text: &text[s..e],
                            start: s,
                            end: e,
                            kind: TokenKind::Punct,
                        });
                        quote.push(Some(qi));
                        last_q = Some(qi);
                    }
                }
                None => {
                    toks.push(t);
                    quote.push(None);
                    last_q = None;
                }
            }
        }
        let lowers = toks
            .iter()
            .map(|t| {
                if t.text.chars().any(char::is_uppercase) {
                    std::borrow::Cow::Owned(t.text.to_lowercase())
                } else {
                    std::borrow::Cow::Borrowed(t.text)
                }
            })
            .collect();
        Frame {
            toks,
            quote,
            lowers,
        }
    }

    pub fn lower(&self, i: usize) -> &str {
        &self.lowers[i]
    }

    pub fn is(&self, i: usize, s: &str) -> bool {
        i < self.toks.len() && self.quote[i].is_none() && self.toks[i].text.eq_ignore_ascii_case(s)
    }

    pub fn is_quote(&self, i: usize) -> bool {
        i < self.toks.len() && self.quote[i].is_some()
    }

    pub fn is_word(&self, i: usize) -> bool {
        i < self.toks.len() && self.quote[i].is_none() && self.toks[i].is_wordlike()
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }
}
