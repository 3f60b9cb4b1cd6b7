//! Bounded windows: an article longer than a size limit is attributed in blocks of whole
//! paragraphs of at most that many bytes, one block at a time, so the working memory of
//! attribution (tokens, frames, the speaker registry) is bounded by the block, not the article.
//!
//! A block ends at a paragraph boundary; a single paragraph longer than the limit is cut at the
//! last sentence end (`.`, `!` or `?`, possibly followed by closing quote marks or brackets, then
//! a space) that fits, or at the limit itself (on a character boundary) when none does. Quotes,
//! mentions and cues keep byte offsets into the whole article. Coreference does not cross a
//! block boundary (a pronoun opening a block has no antecedent in the block before), and a quote
//! that runs over a block boundary ends there. Speakers found in several blocks are merged by
//! canonical name and kind, their aliases joined, in order of first quote.
//!
//! ```
//! use standpoint::attribution::{extract_bounded, windows::blocks};
//!
//! let text = "Ana Ruiz said talks would resume.\n\nBen Ode said they would not.";
//! assert_eq!(blocks(text, 40), [(0, 33), (35, 63)]);
//! let a = extract_bounded(text, 40);
//! assert_eq!(a.quotes.len(), 2);
//! assert_eq!(&text[a.quotes[1].start..a.quotes[1].end], "they would not");
//! ```

use super::{Attribution, Quote, Speaker, SpeakerKind, article};
use crate::text::sentences::paragraphs;

/// The default limit of [`super::extract_bounded`] and of the command line's
/// `--max-article-bytes`: 5 MB (5,000,000 bytes). No article of the shipped corpora comes near it.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 5_000_000;

/// The smallest limit accepted: a block must hold at least a short sentence.
pub const MIN_MAX_ARTICLE_BYTES: usize = 64;

/// The largest limit accepted (1 GiB): beyond it, a window no longer bounds memory.
pub const MAX_MAX_ARTICLE_BYTES: usize = 1 << 30;

/// The blocks of `text` for a limit of `max` bytes (`max > 0`): byte ranges, in order, each at
/// most `max` bytes long, starting and ending at a paragraph (or, for a paragraph longer than
/// `max`, a sentence) boundary; only the white space between blocks is outside them. A text of at
/// most `max` bytes is one block, `(0, text.len())`.
pub fn blocks(text: &str, max: usize) -> Vec<(usize, usize)> {
    assert!(max > 0, "the window size must be positive");
    if text.len() <= max {
        return vec![(0, text.len())];
    }
    let mut out = Vec::new();
    let mut block: Option<(usize, usize)> = None;
    for p in paragraphs(text) {
        for (ps, pe) in pieces(text, p.start, p.end, max) {
            block = match block {
                Some((s, _)) if pe - s <= max => Some((s, pe)),
                Some(b) => {
                    out.push(b);
                    Some((ps, pe))
                }
                None => Some((ps, pe)),
            };
        }
    }
    out.extend(block);
    out
}

/// One paragraph `start..end` in pieces of at most `max` bytes when it is longer: cut at the last
/// sentence end that fits, else between two words, else (one word longer than `max`) at `max`
/// bytes on a character boundary.
fn pieces(text: &str, mut start: usize, end: usize, max: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    while end - start > max {
        let mut limit = start + max;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        if limit == start {
            // a limit smaller than one character: take the character
            limit = start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
        let cut = sentence_end(&text[start..limit])
            .or_else(|| word_end(&text[start..limit]))
            .map_or(limit, |i| start + i);
        out.push((start, cut));
        let rest = &text[cut..end];
        start = cut + (rest.len() - rest.trim_start().len());
    }
    if start < end {
        out.push((start, end));
    }
    out
}

/// The byte offset in `w` of its last white space after the first byte (a cut between words), if
/// any: the fallback of a piece with no sentence end, so that no word is cut in two.
fn word_end(w: &str) -> Option<usize> {
    w.char_indices()
        .rev()
        .find(|&(i, c)| i > 0 && c.is_whitespace())
        .map(|(i, _)| i)
}

/// The byte offset in `w` just after its last sentence end followed by white space (the
/// sentence's closing quote marks and brackets included), if any after the first byte.
fn sentence_end(w: &str) -> Option<usize> {
    const CLOSERS: [char; 6] = ['"', '\'', ')', ']', '\u{201d}', '\u{2019}'];
    w.char_indices()
        .rev()
        .filter(|&(i, c)| i > 0 && c.is_whitespace())
        .find(|&(i, _)| w[..i].trim_end_matches(CLOSERS).ends_with(['.', '!', '?']))
        .map(|(i, _)| i)
}

/// [`super::extract`] over the blocks of `text` for a limit of `max` bytes (see the module
/// docs); the same as `extract(text)` when the text has at most `max` bytes.
pub fn extract_bounded(text: &str, max: usize) -> Attribution {
    if text.len() <= max {
        return article::run(text);
    }
    let mut quotes: Vec<Quote> = Vec::new();
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut index: rustc_hash::FxHashMap<(String, SpeakerKind), usize> = Default::default();
    let mut unknown = None;
    for (s, e) in blocks(text, max) {
        let a = article::run(&text[s..e]);
        quotes.extend(a.quotes.into_iter().map(|q| shifted(q, s)));
        for sp in a.speakers {
            if sp.kind == SpeakerKind::Unknown {
                unknown = Some(sp);
                continue;
            }
            match index.get(&(sp.name.clone(), sp.kind)) {
                Some(&k) => {
                    let have = &mut speakers[k].aliases;
                    for alias in sp.aliases {
                        if !have.contains(&alias) {
                            have.push(alias);
                        }
                    }
                }
                None => {
                    index.insert((sp.name.clone(), sp.kind), speakers.len());
                    speakers.push(sp);
                }
            }
        }
    }
    merge_surnames(&mut quotes, &mut speakers);
    speakers.extend(unknown);
    Attribution { quotes, speakers }
}

/// A one-word person ("Kowalczyk") of one block merges into the single longer person name of
/// another block that ends with it ("Marta Kowalczyk"), as it would within one block; its
/// quotes take that name and its aliases join that speaker's.
fn merge_surnames(quotes: &mut [Quote], speakers: &mut Vec<Speaker>) {
    let person = |s: &Speaker| s.kind == SpeakerKind::Person;
    let mut by_last: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
    for (i, s) in speakers.iter().enumerate() {
        if let Some((_, last)) = s.name.rsplit_once(' ')
            && person(s)
        {
            by_last.entry(last).or_default().push(i);
        }
    }
    let pairs: Vec<(usize, usize)> = speakers
        .iter()
        .enumerate()
        .filter(|(_, s)| person(s) && !s.name.contains(' '))
        .filter_map(|(i, s)| match by_last.get(s.name.as_str()) {
            Some(v) if v.len() == 1 => Some((i, v[0])),
            _ => None,
        })
        .collect();
    if pairs.is_empty() {
        return;
    }
    let renames: rustc_hash::FxHashMap<String, String> = pairs
        .iter()
        .map(|&(from, to)| (speakers[from].name.clone(), speakers[to].name.clone()))
        .collect();
    for q in quotes.iter_mut() {
        if q.speaker_kind == SpeakerKind::Person
            && let Some(to) = renames.get(&q.speaker)
        {
            q.speaker = to.clone();
        }
    }
    for &(from, to) in &pairs {
        for alias in std::mem::take(&mut speakers[from].aliases) {
            if !speakers[to].aliases.contains(&alias) {
                speakers[to].aliases.push(alias);
            }
        }
    }
    let gone: rustc_hash::FxHashSet<usize> = pairs.iter().map(|p| p.0).collect();
    let mut i = 0;
    speakers.retain(|_| {
        i += 1;
        !gone.contains(&(i - 1))
    });
}

/// Quote `q` of a block that starts at byte `by` of the article, with article offsets.
fn shifted(mut q: Quote, by: usize) -> Quote {
    let add = |(s, e): (usize, usize)| (s + by, e + by);
    q.mention_span = q.mention_span.map(add);
    q.cue_span = q.cue_span.map(add);
    q.start += by;
    q.end += by;
    q.parts = q.parts.into_iter().map(add).collect();
    q.unit = add(q.unit);
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_end_at_paragraphs_and_fit_the_limit() {
        let text = "One two three.\n\nFour five six.\n\nSeven eight nine.";
        let b = blocks(text, 32);
        assert_eq!(b, [(0, 30), (32, 49)]);
        for &(s, e) in &b {
            assert!(e - s <= 32);
        }
        assert_eq!(blocks(text, 1000), [(0, text.len())]);
    }

    #[test]
    fn a_long_paragraph_is_cut_at_a_sentence_end_or_the_limit() {
        let text = "Alpha beta gamma. Delta epsilon zeta eta theta.";
        let b = blocks(text, 30);
        assert_eq!(&text[b[0].0..b[0].1], "Alpha beta gamma.");
        assert!(b.iter().all(|&(s, e)| e - s <= 30));
        // no sentence end: cut at the limit, on a character boundary
        let text = "ééééééééééééééééééééé";
        let b = blocks(text, 5);
        assert!(
            b.iter()
                .all(|&(s, e)| e - s <= 5 && text.is_char_boundary(s))
        );
        assert_eq!(b.last().unwrap().1, text.len());
        assert_eq!(b.iter().map(|&(s, e)| e - s).sum::<usize>(), text.len());
    }

    #[test]
    fn a_paragraph_without_sentence_end_is_cut_between_words() {
        let text = "the harbour pilots kept working outside the terminal gates all night";
        let b = blocks(text, 20);
        assert!(b.len() > 1);
        for &(s, e) in &b {
            assert!(e - s <= 20);
            // every piece starts and ends at a word edge
            assert!(
                s == 0 || text.as_bytes()[s - 1] == b' ',
                "{:?}",
                &text[s..e]
            );
            assert!(
                e == text.len() || text.as_bytes()[e] == b' ',
                "{:?}",
                &text[s..e]
            );
        }
    }

    #[test]
    fn windowed_quotes_slice_the_whole_text() {
        let para = |i: usize| {
            format!(
                "Mara Lind of the Port Authority spoke on day {i}. \u{201c}We will return to \
                 the table on item {i},\u{201d} she said. Officials said the talks would go on."
            )
        };
        let text = (0..40).map(para).collect::<Vec<_>>().join("\n\n");
        let whole = super::super::extract(&text);
        let a = extract_bounded(&text, 700);
        assert!(blocks(&text, 700).len() > 5);
        assert_eq!(a.quotes.len(), whole.quotes.len());
        for (q, w) in a.quotes.iter().zip(&whole.quotes) {
            assert_eq!(
                (q.start, q.end, &q.parts, q.unit),
                (w.start, w.end, &w.parts, w.unit)
            );
            assert_eq!(q.text, text[q.start..q.end]);
            if let Some((s, e)) = q.mention_span {
                assert_eq!(q.mention, text[s..e]);
            }
            if let Some((s, e)) = q.cue_span {
                assert_eq!(q.cue, text[s..e]);
            }
        }
        // one speaker, merged over every block
        let lind: Vec<_> = a
            .speakers
            .iter()
            .filter(|s| s.name == "Mara Lind")
            .collect();
        assert_eq!(lind.len(), 1);
    }

    #[test]
    fn a_surname_in_a_later_block_joins_the_full_name() {
        let text = "Union leader Marta Kowalczyk said the offer was an insult.\n\n\
                    Kowalczyk said the strike would go on.";
        assert_eq!(blocks(text, 64).len(), 2);
        let a = extract_bounded(text, 64);
        assert_eq!(a.quotes.len(), 2);
        assert!(a.quotes.iter().all(|q| q.speaker == "Marta Kowalczyk"));
        let names: Vec<&str> = a.speakers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Marta Kowalczyk"]);
        assert!(a.speakers[0].aliases.contains(&"Kowalczyk".to_string()));
    }
}
