//! Finding quoted spans: straight and curly double quotes, German and French quote marks,
//! single quotes, apostrophes.
//!
//! ```
//! use standpoint::attribution::marks::find_quotes;
//!
//! let text = "The States' envoy said: \u{201c}We won't talk.\u{201d} Then he left.";
//! let q = find_quotes(text);
//! assert_eq!(q.len(), 1);
//! assert_eq!(&text[q[0].start()..q[0].end()], "We won't talk.");
//! ```
//!
//! Rules:
//! - `“` opens and `”` closes. A straight `"` (or a double prime `″`, typed for it) opens when no
//!   double quote is open and the next character is not a space, and closes an open one otherwise.
//! - German `„` opens, and then `“`, `”` or `"` closes; French `«` opens and `»` closes; `‹…›` is a
//!   single-quoted span.
//! - A single quote (`‘`, or `'` after a space and before a letter) opens a single-quoted span
//!   only outside double quotes; `’`/`'` closes it when not followed by a letter. Everything else is
//!   an apostrophe (`don't`, `States'`).
//! - A quote still open at the end of a paragraph continues when the next paragraph opens with a
//!   quote mark (the newspaper convention for quotes over several paragraphs); otherwise it ends at
//!   the paragraph end and is marked unclosed. An unbalanced mark never aborts.

use crate::text::sentences::Paragraph;

/// A quoted span, possibly over several paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Content byte spans, one per paragraph, without the quote marks.
    pub parts: Vec<(usize, usize)>,
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset one past the closing mark (or the paragraph end when unclosed).
    pub close: usize,
    /// False when the span ran to a paragraph end without a closing mark.
    pub closed: bool,
    /// True for a single-quoted span ('…' or ‘…’).
    pub single: bool,
}

impl QuoteSpan {
    /// Byte offset of the first content byte.
    pub fn start(&self) -> usize {
        self.parts[0].0
    }
    /// Byte offset one past the last content byte.
    pub fn end(&self) -> usize {
        self.parts[self.parts.len() - 1].1
    }
    /// Number of words (alphanumeric runs) in the content.
    pub fn word_count(&self, text: &str) -> usize {
        self.parts
            .iter()
            .map(|&(s, e)| {
                text[s..e]
                    .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
                    .filter(|w| !w.is_empty())
                    .count()
            })
            .sum()
    }
}

fn is_opening_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '[' | '{' | '\u{2014}' | '\u{2013}' | '-' | ':' | '/' | '"' | '\u{201c}'
                )
        }
    }
}

struct Open {
    open: usize,
    content_start: usize,
    parts: Vec<(usize, usize)>,
    /// Opened by a low mark („), so a “ closes it.
    low_open: bool,
}

/// Finds all quoted spans in `text` (see the module docs).
pub fn find_quotes(text: &str) -> Vec<QuoteSpan> {
    find_quotes_in(text, &crate::text::sentences::paragraphs(text))
}

/// Like [`find_quotes`], with the paragraphs already computed.
pub fn find_quotes_in(text: &str, paragraphs: &[Paragraph]) -> Vec<QuoteSpan> {
    let mut scan = Scan {
        text,
        out: Vec::new(),
        double: None,
        single: None,
    };
    let mut carried: Option<Open> = None; // open double quote carried over a paragraph break
    for (pi, p) in paragraphs.iter().enumerate() {
        let chars: Vec<(usize, char)> = text[p.start..p.end]
            .char_indices()
            .map(|(i, c)| (i + p.start, c))
            .collect();
        scan.single = None;
        let start = scan.resume(carried.take(), &chars);
        for i in start..chars.len() {
            scan.mark(&chars, i);
        }
        carried = scan.end_paragraph(paragraphs, pi);
    }
    if let Some(o) = carried.take() {
        let close = o.parts.last().map_or(o.open, |p| p.1);
        push_trimmed(&mut scan.out, text, o, close, false);
    }
    let mut out = scan.out;
    out.sort_by_key(|q| q.open);
    out
}

/// The state of the scan through one paragraph.
struct Scan<'t> {
    text: &'t str,
    out: Vec<QuoteSpan>,
    /// The open double quote.
    double: Option<Open>,
    /// The open single quote: (opening mark, content start).
    single: Option<(usize, usize)>,
}

impl Scan<'_> {
    /// Continues a double quote carried from the previous paragraph when this paragraph opens
    /// with a quote mark (returning the index after that mark), else closes it there, unclosed.
    fn resume(&mut self, carried: Option<Open>, chars: &[(usize, char)]) -> usize {
        self.double = None;
        let (Some(mut c), Some(&(b, ch))) = (carried, chars.first()) else {
            return 0;
        };
        if matches!(ch, '"' | '\u{201c}' | '\u{201e}' | '\u{ab}') {
            c.content_start = b + ch.len_utf8();
            self.double = Some(c);
            return 1;
        }
        let close = c.parts.last().expect("carried quote has a part").1;
        self.out.push(QuoteSpan {
            parts: c.parts,
            open: c.open,
            close,
            closed: false,
            single: false,
        });
        0
    }

    /// Opens a double quote at byte `b` (content from `after`), closing a quote left open.
    fn open_double(&mut self, b: usize, after: usize) {
        if let Some(mut o) = self.double.take() {
            // an opener while open: the earlier quote lost its closer
            o.parts.push((o.content_start, b));
            push_trimmed(&mut self.out, self.text, o, b, false);
        }
        self.double = Some(Open {
            open: b,
            content_start: after,
            parts: Vec::new(),
            low_open: false,
        });
        self.single = None;
    }

    /// Closes the open double quote with the mark at byte `b`.
    fn close_double(&mut self, b: usize, after: usize) {
        if let Some(mut o) = self.double.take() {
            o.parts.push((o.content_start, b));
            push_trimmed(&mut self.out, self.text, o, after, true);
        }
    }

    /// Reads the character at index `i` of the paragraph (see the module docs).
    fn mark(&mut self, chars: &[(usize, char)], i: usize) {
        let (b, ch) = chars[i];
        let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
        let next = chars.get(i + 1).map(|&(_, c)| c);
        let after = b + ch.len_utf8();
        match ch {
            // German „…“ (and „…"): a “ closes a quote that „ opened
            '\u{201c}' if self.double.as_ref().is_some_and(|o| o.low_open) => {
                self.close_double(b, after)
            }
            '\u{201c}' | '\u{201f}' | '\u{ab}' => self.open_double(b, after),
            '\u{201e}' => {
                self.open_double(b, after);
                if let Some(o) = self.double.as_mut() {
                    o.low_open = true;
                }
            }
            '\u{201d}' | '\u{bb}' => self.close_double(b, after),
            '"' | '\u{2033}' if self.double.is_some() => self.close_double(b, after),
            '\u{2033}' if next.is_some_and(|c| !c.is_whitespace()) => self.open_double(b, after),
            '\u{2039}' if self.double.is_none() && self.single.is_none() => {
                self.single = Some((b, after));
            }
            '"' if next.is_some_and(|c| !c.is_whitespace()) => self.open_double(b, after),
            '\u{2018}' | '\'' if self.double.is_none() && self.single.is_none() => {
                let opens = is_opening_context(prev) && next.is_some_and(|c| c.is_alphanumeric());
                if opens || (ch == '\u{2018}' && next.is_some_and(|c| !c.is_whitespace())) {
                    self.single = Some((b, after));
                }
            }
            '\u{2019}' | '\'' | '\u{203a}' if self.double.is_none() && self.single.is_some() => {
                let closes = !next.is_some_and(|c| c.is_alphanumeric())
                    && prev.is_some_and(|c| !c.is_whitespace());
                if closes {
                    let (open, cs) = self.single.take().expect("checked");
                    if b > cs {
                        self.out.push(QuoteSpan {
                            parts: vec![(cs, b)],
                            open,
                            close: after,
                            closed: true,
                            single: true,
                        });
                    }
                }
            }
            _ => {}
        }
    }

    /// At a paragraph end, a double quote still open is carried into the next paragraph when
    /// that one opens with a quote mark; otherwise it ends here, unclosed.
    fn end_paragraph(&mut self, paragraphs: &[Paragraph], pi: usize) -> Option<Open> {
        let end = paragraphs[pi].end;
        let mut o = self.double.take()?;
        o.parts.push((o.content_start, end));
        let next_opens = paragraphs.get(pi + 1).is_some_and(|np| {
            self.text[np.start..np.end].starts_with(['"', '\u{201c}', '\u{201e}', '\u{ab}'])
        });
        if next_opens {
            return Some(o);
        }
        push_trimmed(&mut self.out, self.text, o, end, false);
        None
    }
}

fn push_trimmed(out: &mut Vec<QuoteSpan>, text: &str, o: Open, close: usize, closed: bool) {
    let parts: Vec<(usize, usize)> = o
        .parts
        .into_iter()
        .filter_map(|(s, e)| {
            let seg = &text[s..e];
            let lead = seg.len() - seg.trim_start().len();
            let t = seg.trim();
            (!t.is_empty()).then_some((s + lead, s + lead + t.len()))
        })
        .collect();
    if !parts.is_empty() {
        out.push(QuoteSpan {
            parts,
            open: o.open,
            close,
            closed,
            single: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(text: &str) -> Vec<String> {
        find_quotes(text)
            .iter()
            .map(|q| {
                q.parts
                    .iter()
                    .map(|&(s, e)| &text[s..e])
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect()
    }

    #[test]
    fn straight_and_curly_pairs() {
        let t =
            "\"We will not talk,\" she said. He called it a \u{201c}bullying government\u{201d}.";
        assert_eq!(contents(t), ["We will not talk,", "bullying government"]);
        let q = find_quotes(t);
        assert_eq!(
            (q[0].open, q[0].start(), q[0].end(), q[0].close),
            (0, 1, 18, 19)
        );
    }

    #[test]
    fn german_french_and_prime_marks() {
        let t = "He said \u{201e}the door is open\u{201c} and \u{ab}we will see\u{bb}, then \u{2039}maybe\u{203a} and \u{2033}no\u{2033}.";
        assert_eq!(
            contents(t),
            ["the door is open", "we will see", "maybe", "no"]
        );
        // the German closing mark may also be a right double quotation mark
        assert_eq!(contents("Sie sagte \u{201e}nein\u{201d}."), ["nein"]);
    }

    #[test]
    fn apostrophes_and_possessives_are_not_quotes() {
        let t = "The United States\u{2019} invitation wasn't answered, and the States' envoy didn't call.";
        assert!(find_quotes(t).is_empty());
    }

    #[test]
    fn single_quotes_outside_doubles() {
        let t = "Germany bans Mahan Air, citing 'security' concerns.";
        assert_eq!(contents(t), ["security"]);
        let t = "\"They called it 'a trap', and we agree,\" he said.";
        assert_eq!(contents(t), ["They called it 'a trap', and we agree,"]);
    }

    #[test]
    fn quote_over_several_paragraphs() {
        let t = "\"First part of the quote.\n\"Second part,\" she said.";
        let q = find_quotes(t);
        assert_eq!(q.len(), 1);
        assert_eq!(contents(t), ["First part of the quote. | Second part,"]);
        assert!(q[0].closed);
    }

    #[test]
    fn unbalanced_mark_never_aborts() {
        let t = "He said \"we will never talk.\nThe next paragraph has no quote.";
        let q = find_quotes(t);
        assert_eq!(q.len(), 1);
        assert!(!q[0].closed);
        assert_eq!(contents(t), ["we will never talk."]);
        assert!(find_quotes("a stray \" mark").is_empty());
    }
}
