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

/// Merges sentences that a quote runs across into one group.
pub(super) fn merge_sentences(sents: &[Sentence], quotes: &[QuoteSpan]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for s in sents {
        let joins = groups.last().is_some_and(|g| {
            quotes
                .iter()
                .any(|q| q.open < g.end && q.close > g.end && q.open < s.end && q.close > s.start)
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
    pub fn build(text: &'a str, g: &Group, quotes: &[QuoteSpan]) -> Self {
        let mut toks = Vec::new();
        let mut quote = Vec::new();
        let mut last_q: Option<usize> = None;
        // the few quotes that overlap this group
        let near: Vec<usize> = (0..quotes.len())
            .filter(|&i| quotes[i].open < g.end && quotes[i].close > g.start)
            .collect();
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
