//! Pass 2, the content span: where a cue's content starts (after "that", an addressee or a
//! setting phrase: "told reporters on Tuesday that …") and where it ends (the sentence end, ";",
//! another attribution: ", and X said"), in frame token indices; and the byte-level details of a
//! span (a closing quote mark kept, trailing punctuation dropped).

use super::cues::{Cue, CueRole};
use super::frame::Frame;
use super::frame::Quotes;
use super::lexicon;
use super::speakers;
use super::subject::skip_forward;
use crate::text::tokens::TokenKind;

/// Where the content of a cue ends: sentence end, ";", ", <participial cue>", a coordinated cue
/// ("… and said …"), or the start of another attribution (", and X said").
pub(super) fn region_end(f: &Frame<'_>, cues: &[Cue], from: usize) -> usize {
    let n = f.len();
    for k in from..n {
        if f.quote[k].is_some() {
            continue;
        }
        let t = f.toks[k].text;
        if t == ";" {
            return k;
        }
        // "announced A and said B": a coordinated cue opens its own content
        if k > from && (f.is(k, "and") || f.is(k, "but")) && coordinated_cue(f, cues, k + 1) {
            return if f.toks[k - 1].text == "," { k - 1 } else { k };
        }
        if t == "," || t == "\u{2014}" {
            if cues
                .iter()
                .any(|c| c.idx == k + 1 && c.role == CueRole::Participial)
            {
                return k;
            }
            // ", and X said" / ", but Y said"
            let mut j = k + 1;
            if f.is(j, "and") || f.is(j, "but") || f.is(j, "while") {
                j += 1;
            }
            if let Some((_, e)) = speakers::np_after(&f.toks, j, n) {
                let e2 = skip_forward(f, e);
                if cues
                    .iter()
                    .any(|c| c.idx == e2 && c.role == CueRole::Finite)
                {
                    return k;
                }
            }
        }
    }
    n
}

/// Whether a finite cue verb starts at `k`, possibly after "also" or "then" ("and also said"),
/// with content of its own: not a prepositional object ("and hoped for a compromise" stays part
/// of the first content).
fn coordinated_cue(f: &Frame<'_>, cues: &[Cue], k: usize) -> bool {
    let k = if f.is(k, "also") || f.is(k, "then") {
        k + 1
    } else {
        k
    };
    cues.iter().any(|c| {
        c.idx == k
            && c.role == CueRole::Finite
            && c.verb.is_some()
            && !(c.end < f.len()
                && matches!(
                    f.lower(c.end),
                    "for" | "on" | "with" | "about" | "of" | "to" | "in"
                ))
    })
}

/// Extends a content span that ends inside a quote to its closing mark's content end.
pub(super) fn include_closing_mark(quotes: &Quotes, s: usize, e: usize) -> usize {
    quotes
        .opening_in(s, e)
        .map(|i| &quotes[i])
        .filter(|q| q.close >= e)
        .map(|q| q.end())
        .max()
        .unwrap_or(e)
        .max(e)
}

/// Moves past "that" when it opens the content, possibly after a short setting phrase
/// ("said that …", "said on Tuesday that …", "told reporters in Geneva that …").
pub(super) fn skip_to_that(f: &Frame<'_>, c: usize, end: usize) -> usize {
    if f.is(c, "that") {
        return c + 1;
    }
    let setting = c < end
        && f.quote[c].is_none()
        && matches!(
            f.lower(c),
            "on" | "in"
                | "at"
                | "to"
                | "during"
                | "after"
                | "before"
                | "late"
                | "earlier"
                | "last"
                | "this"
                | "yesterday"
                | "today"
                | "again"
                | "also"
                | "repeatedly"
                | "publicly"
                | "privately"
                | "later"
                | "recently"
                | "previously"
                | "while"
                | "from"
                | "over"
        );
    if setting {
        for k in c + 1..end.min(c + 9) {
            if f.is_quote(k) || f.toks[k].text == "," {
                break;
            }
            if f.is(k, "that") {
                return k + 1;
            }
        }
    }
    c
}

/// Moves past setting phrases right after a cue when a clause follows: "said on Tuesday it would
/// …", "said in a televised statement the talks …". Returns `c` unchanged otherwise, and `end`
/// when nothing but the setting follows.
pub(super) fn skip_setting(f: &Frame<'_>, c: usize, end: usize) -> usize {
    let (k, comma) = past_setting(f, c, end);
    if k == c {
        return c;
    }
    // only punctuation left, or an afterthought after a comma ("said on Tuesday, its third
    // approach"): no content
    if k >= end
        || (k..end).all(|x| !f.is_word(x) && !f.is_quote(x))
        || (comma && !f.is(k, "that") && !f.is_quote(k))
    {
        return end;
    }
    if !starts_clause(f, k) {
        return c;
    }
    if f.is(k, "that") { k + 1 } else { k }
}

/// The first index after the setting adverbs and phrases that start at `c`, and whether a comma
/// was passed.
fn past_setting(f: &Frame<'_>, c: usize, end: usize) -> (usize, bool) {
    let mut k = c;
    let mut comma = false;
    while k < end && f.is_word(k) {
        let w = f.lower(k);
        if lexicon::SETTING_ADVERBS.contains(w) {
            k += 1;
        } else if lexicon::SETTING_OPENERS.contains(w) {
            match setting_phrase_end(f, k, end) {
                Some(m) => k = m,
                None => break,
            }
        } else {
            break;
        }
        while k < end && f.toks[k].text == "," && f.quote[k].is_none() {
            k += 1;
            comma = true;
        }
    }
    (k, comma)
}

/// The end of a setting phrase opened at `k` ("in a televised statement", "on Tuesday"): setting
/// words, capitalised words and numbers, at most seven; `None` when none follows the opener.
fn setting_phrase_end(f: &Frame<'_>, k: usize, end: usize) -> Option<usize> {
    let mut m = k + 1;
    while m < end
        && m < k + 8
        && f.is_word(m)
        && (lexicon::SETTING_WORDS.contains(f.lower(m))
            || f.toks[m].is_capitalized()
            || f.toks[m].kind == TokenKind::Number)
    {
        m += 1;
    }
    (m > k + 1).then_some(m)
}

/// Whether a content clause can start at `k` after a setting phrase.
fn starts_clause(f: &Frame<'_>, k: usize) -> bool {
    f.is(k, "that")
        || f.is_quote(k)
        || lexicon::CLAUSE_OPENERS.contains(f.lower(k))
        || f.toks[k].is_capitalized()
}

/// The last token of a content region, dropping trailing punctuation except ?, ! and quotes.
pub(super) fn last_content_token(f: &Frame<'_>, from: usize, end: usize) -> usize {
    // never past the sentence's last token, even for an empty range at its end
    let mut last = end
        .saturating_sub(1)
        .max(from)
        .min(f.toks.len().saturating_sub(1));
    while last > from
        && f.quote[last].is_none()
        && f.toks[last].kind == TokenKind::Punct
        && !matches!(f.toks[last].text, "?" | "!" | ")")
    {
        last -= 1;
    }
    last
}
