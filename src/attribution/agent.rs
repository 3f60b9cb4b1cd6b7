//! Cues whose source stands after them: "according to X, …" and the passive "… was rejected by
//! X" ("It was confirmed by X that …", "<content>, it was stated by X").

use super::QuoteKind;
use super::Rule;
use super::article::{Article, Claimed, Found};
use super::content::{include_closing_mark, last_content_token};
use super::cues::Cue;
use super::frame::Frame;
use super::subject::{agent_np, skip_back};

impl Article<'_> {
    pub(super) fn source(&mut self, f: &Frame<'_>, cue: &Cue, gi: usize) -> Option<Claimed> {
        let n = f.len();
        let mut limit = cue.end;
        while limit < n
            && f.quote[limit].is_none()
            && !matches!(f.toks[limit].text, "," | "." | ";" | ")")
        {
            limit += 1;
        }
        if cue.end < n && matches!(f.lower(cue.end), "which" | "whom" | "who" | "this" | "it") {
            return None;
        }
        let author = super::nested::message_author(f, cue.end, limit);
        let (ms, me) = author.or_else(|| agent_np(f, cue.end, limit))?;
        let entity = self.resolve(f, (ms, me));
        // content: the sentence without the "according to X" phrase
        let mut parts = Vec::new();
        let before_end = {
            let mut k = cue.idx;
            while k > 0 && matches!(f.toks[k - 1].text, "," | "\u{2014}" | "(") {
                k -= 1;
            }
            k
        };
        if before_end > 0 {
            parts.push((f.toks[0].start, f.toks[before_end - 1].end));
        }
        let mut after = limit;
        while after < n && matches!(f.toks[after].text, "," | ")") {
            after += 1;
        }
        // "…, according to X on Friday.": nothing but the full stop after the source
        if (after..n).any(|k| f.is_word(k) || f.is_quote(k)) {
            let last = last_content_token(f, after, n);
            parts.push((f.toks[after].start, f.toks[last].end));
        }
        if parts.is_empty() {
            return None;
        }
        let has_quote = (0..n).any(|k| f.is_quote(k));
        let consumed: Vec<usize> = (0..n).filter_map(|k| f.quote[k]).collect();
        let unit = (f.toks[0].start, f.toks[n - 1].end);
        Some((
            Found {
                mention: Some((ms, me)),
                entity,
                cue: cue.clone(),
                parts,
                kind: QuoteKind::reported(has_quote),
                unit,
                consumed,
                group: gi,
                co: Vec::new(),
                time: None,
                rule: if author.is_some() {
                    Rule::Nested
                } else {
                    Rule::AccordingTo
                },
            },
            (cue.idx, n),
        ))
    }

    pub(super) fn passive(&mut self, f: &Frame<'_>, cue: &Cue, gi: usize) -> Option<Claimed> {
        let n = f.len();
        let mut limit = cue.end + 1;
        while limit < n
            && f.quote[limit].is_none()
            && !matches!(f.toks[limit].text, "," | "." | ";")
            && !f.is(limit, "that")
        {
            limit += 1;
        }
        let (ms, me) = agent_np(f, cue.end + 1, limit)?;
        let entity = self.resolve(f, (ms, me));
        let aux = skip_back(f, cue.idx);
        if aux == 0 {
            return None;
        }
        // "It was confirmed by X that …": the content is the that-clause;
        // "<content>, it was stated by X": the clause before; else the passive subject
        let expletive =
            f.is(aux - 1, "it") && (aux == 1 || matches!(f.toks[aux - 2].text, "," | ";"));
        let (s, e, from, to) = if expletive && aux == 1 {
            let k = (me..n).find(|&k| f.is(k, "that"))?;
            let last = last_content_token(f, k + 1, n);
            if last <= k {
                return None;
            }
            (f.toks[k + 1].start, f.toks[last].end, k + 1, n)
        } else if expletive {
            let last = last_content_token(f, 0, aux - 2);
            (f.toks[0].start, f.toks[last].end, 0, aux - 2)
        } else {
            (f.toks[0].start, f.toks[aux - 1].end, 0, aux)
        };
        let e = include_closing_mark(&self.quotes, s, e);
        let consumed: Vec<usize> = (from..to).filter_map(|k| f.quote[k]).collect();
        Some((
            Found {
                mention: Some((ms, me)),
                entity,
                cue: cue.clone(),
                parts: vec![(s, e)],
                kind: QuoteKind::reported(!consumed.is_empty()),
                unit: (s.min(f.toks[cue.idx].start), e.max(f.toks[me - 1].end)),
                consumed,
                group: gi,
                co: Vec::new(),
                time: None,
                rule: Rule::Passive,
            },
            (0, n),
        ))
    }
}
