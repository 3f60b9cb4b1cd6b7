//! Layouts without a cue verb: a quote introduced by a colon (`The minister was blunt: "…"`), a
//! quote with a speaker but a verb outside the lexicon (`"…," the minister shouted.`), the second
//! part of a split quote (`"A," X said. "B."`), and a bare quote paragraph, whose speaker is named
//! in the next sentence (`"…" That was how Jane Doe put it.`) or carried over from the previous
//! one. Dash attributions are in [`super::dash`], colon paragraphs in [`super::colon`].

use super::QuoteKind;
use super::Rule;
use super::article::{Article, Found, Pending, mention_info};
use super::cues::Cue;
use super::frame::{Frame, Group};
use super::speakers::{self, SpeakerKind};
use super::subject::{Span, sentence_subject};

impl Article<'_> {
    /// Quotes of four words or more with a colon before them or ", NP verbed." after them.
    pub(super) fn generic_direct(&mut self, f: &Frame<'_>, p: &mut Pending, gi: usize) {
        for k in 0..f.len() {
            let Some(qi) = f.quote[k] else { continue };
            if p.consumed.contains(&qi) || self.quotes[qi].word_count(self.text) < 4 {
                continue;
            }
            let found = self
                .colon_quote(f, k, qi, gi)
                .or_else(|| self.dash_quote(f, k, qi, gi))
                .or_else(|| self.other_verb_quote(f, k, qi, gi));
            if let Some(found) = found {
                p.results.push(found);
                p.consumed.push(qi);
            }
        }
    }

    /// A direct quote found without a cue verb (`cue` names the layout).
    fn layout_quote(&mut self, f: &Frame<'_>, m: Span, qi: usize, gi: usize, cue: Cue) -> Found {
        let entity = self.resolve(f, m);
        let q = &self.quotes[qi];
        let (rule, unit) = if cue.lemma == "colon" {
            (Rule::Colon, (f.toks[m.0].start, q.end()))
        } else {
            (Rule::OtherVerb, (q.start(), f.toks[cue.idx].end))
        };
        Found {
            mention: Some(m),
            entity,
            cue,
            parts: q.parts.clone(),
            kind: QuoteKind::Direct,
            unit,
            consumed: vec![qi],
            group: gi,
            co: Vec::new(),
            time: None,
            rule,
        }
    }

    /// `The minister, Jonas Berg, was blunt: "…"`: a quote introduced by a colon belongs to the
    /// sentence's subject.
    fn colon_quote(&mut self, f: &Frame<'_>, k: usize, qi: usize, gi: usize) -> Option<Found> {
        if k < 2 || f.toks[k - 1].text != ":" || !f.is_word(k - 2) {
            return None;
        }
        let m = sentence_subject(f, k - 1)?;
        let info = mention_info(f, m);
        if info.kind == SpeakerKind::Unknown && info.pronoun.is_none() {
            return None;
        }
        Some(self.layout_quote(f, m, qi, gi, Cue::layout(k - 2, k - 1, "colon")))
    }

    /// `"…," the minister shouted.`: a speaker and a past-tense verb ending the sentence.
    fn other_verb_quote(&mut self, f: &Frame<'_>, k: usize, qi: usize, gi: usize) -> Option<Found> {
        let n = f.len();
        if k + 1 >= n || f.toks[k + 1].text != "," {
            return None;
        }
        let (ms, me) = speakers::np_after(&f.toks, k + 2, n)?;
        let v = me;
        let ends = v + 1 >= n || matches!(f.toks[v + 1].text, "." | "," | "!" | "?" | ";");
        if !(v < n
            && f.is_word(v)
            && !f.toks[v].is_capitalized()
            && ends
            && f.lower(v).ends_with("ed"))
        {
            return None;
        }
        let info = mention_info(f, (ms, me));
        if info.kind == SpeakerKind::Unknown && info.pronoun.is_none() {
            return None;
        }
        Some(self.layout_quote(f, (ms, me), qi, gi, Cue::layout(v, v + 1, "other")))
    }

    /// Bare quotes: when the sentence is only a quote of three words or more, it continues a
    /// split quote of the previous sentence, or is a quote whose speaker the next sentence names
    /// or the previous ones give.
    pub(super) fn bare_quotes(
        &mut self,
        f: &Frame<'_>,
        g: &Group,
        groups: &[Group],
        gi: usize,
        p: &mut Pending,
    ) {
        let frame_words = (0..f.len()).filter(|&i| f.is_word(i)).count();
        for i in 0..f.len() {
            let Some(qi) = f.quote[i] else { continue };
            if p.consumed.contains(&qi) {
                continue;
            }
            let q = self.quotes[qi].clone();
            if frame_words != 0 || q.word_count(self.text) < 3 || q.open < g.start {
                continue;
            }
            p.consumed.push(qi);
            if self.continue_split_quote(g, groups, gi, &q) {
                continue;
            }
            let dash = self.dash_paragraph_speaker(groups, gi);
            let (entity, rule) = match dash.map(|e| (e, Rule::Dash)).or_else(|| {
                self.next_sentence_speaker(groups, gi)
                    .map(|e| (e, Rule::NextSentence))
            }) {
                Some((e, rule)) => (Some(e), rule),
                None => (self.previous_speaker(g, groups, gi), Rule::Continuation),
            };
            p.results.push(Found {
                mention: None,
                entity,
                cue: Cue::layout(i, i, ""),
                parts: q.parts.clone(),
                kind: QuoteKind::Direct,
                unit: (q.start(), q.end()),
                consumed: vec![qi],
                group: gi,
                co: Vec::new(),
                time: None,
                rule,
            });
        }
    }

    /// `"A," X said. "B."`: the quote `q` is the second part of the previous sentence's split
    /// quote, which it joins.
    fn continue_split_quote(
        &mut self,
        g: &Group,
        groups: &[Group],
        gi: usize,
        q: &super::marks::QuoteSpan,
    ) -> bool {
        let Some(last) = self.found.last_mut() else {
            return false;
        };
        let joins = last.group + 1 == gi
            && groups[last.group].last_paragraph == g.paragraph
            && last.kind == QuoteKind::Direct
            && last
                .mention
                .is_some_and(|(ms, _)| last.parts.last().is_some_and(|p| p.1 <= ms));
        if joins {
            last.parts.extend(q.parts.iter().copied());
            last.unit.1 = last.unit.1.max(q.end());
        }
        joins
    }

    /// A bare quote attributed by the next sentence: `"…" That was how Jane Doe put it.`
    fn next_sentence_speaker(&mut self, groups: &[Group], gi: usize) -> Option<usize> {
        let ng = groups.get(gi + 1)?;
        let f = Frame::build(self.text, ng, &self.quotes);
        if (0..f.len()).any(|k| f.is_quote(k)) || f.len() > 30 {
            return None;
        }
        let lowers: Vec<&str> = (0..f.len()).map(|k| f.lower(k)).collect();
        let joined = lowers.join(" ");
        let marker = [
            "was how",
            "put it",
            "came from",
            "were the words of",
            "words of",
            "those were",
            "that was",
        ]
        .iter()
        .any(|m| joined.contains(m));
        if !marker {
            return None;
        }
        // the speaker-like noun phrase of the sentence: a personal name first
        let mut best: Option<((usize, usize), u8)> = None;
        let mut k = 0;
        while k < f.len() {
            if let Some((s, e)) = speakers::np_after(&f.toks, k, f.len()) {
                let info = mention_info(&f, (s, e));
                let rank = match (info.kind, info.name.is_some()) {
                    (SpeakerKind::Person, true) => 3,
                    (SpeakerKind::Organization | SpeakerKind::State, _) => 2,
                    (SpeakerKind::Person | SpeakerKind::Group, false) => 1,
                    _ => 0,
                };
                let usable = info.pronoun.is_none()
                    && !matches!(lowers[s], "that" | "this" | "those" | "these");
                if usable && rank > 0 && best.is_none_or(|b| rank > b.1) {
                    best = Some(((s, e), rank));
                }
                k = e.max(k + 1);
            } else {
                k += 1;
            }
        }
        let (m, _) = best?;
        self.skip_groups.push(gi + 1);
        self.resolve(&f, m)
    }

    fn previous_speaker(&mut self, g: &Group, groups: &[Group], gi: usize) -> Option<usize> {
        // the previous sentence introduced someone without quoting them: "Jane Doe, the union's
        // secretary, was blunt." / "The minister was asked about the offer:"
        if gi > 0 {
            let pg = &groups[gi - 1];
            let quoted = self.found.last().is_some_and(|l| l.group == gi - 1);
            if !quoted {
                let f = Frame::build(self.text, pg, &self.quotes);
                if !(0..f.len()).any(|k| f.is_quote(k))
                    && let Some(m) = sentence_subject(&f, f.len())
                {
                    let info = mention_info(&f, m);
                    if info.pronoun.is_none() && info.kind != SpeakerKind::Unknown {
                        // resolve in the article's registry: a speaker first seen here is
                        // registered, so the returned index always points into it
                        let text = self.span_text(&f, m);
                        return self.registry.resolve(&info, text, f.toks[m.0].start, true);
                    }
                }
            }
        }
        // a quote in the same or the previous paragraph
        if let Some(last) = self.found.last() {
            let lg = &groups[last.group];
            if g.paragraph <= lg.last_paragraph + 1 && last.entity.is_some() {
                return last.entity;
            }
        }
        // the previous sentence ends with a colon: "The minister was blunt:"
        if gi > 0 {
            let pg = &groups[gi - 1];
            if self.text[pg.start..pg.end].trim_end().ends_with(':') {
                let f = Frame::build(self.text, pg, &self.quotes);
                if let Some(m) = sentence_subject(&f, f.len()) {
                    let info = mention_info(&f, m);
                    let text = self.span_text(&f, m);
                    return self.registry.resolve(&info, text, f.toks[m.0].start, true);
                }
            }
        }
        None
    }
}
