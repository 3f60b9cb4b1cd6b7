//! Colon paragraphs: a sentence that ends a paragraph with a colon and announces speech (a cue
//! verb or a message noun: `The district issued this statement:`, `Jane Doe said:`, `Doe wrote
//! on Twitter:`), then the words as the whole next paragraph, with or without quote marks; and
//! a paragraph opening with a `Quote:` label. The speaker is the announcing sentence's subject
//! (for `Quote:` without one, the previous quote's speaker); rule `colon_paragraph`.

use super::QuoteKind;
use super::Rule;
use super::article::{Article, Found, mention_info};
use super::cues::{CueRole, find_cues};
use super::frame::{Frame, Group};
use super::lexicon;
use super::subject::sentence_subject;

/// A paragraph's words: content byte spans and the indices of the quotes they use.
type Words = (Vec<(usize, usize)>, Vec<usize>);

/// The label that marks a paragraph as a quote.
const QUOTE_LABEL: &str = "Quote:";

impl Article<'_> {
    /// Reads group `gi` as a colon paragraph when it opens one; returns whether it did (the
    /// paragraph's other groups are then skipped).
    pub(super) fn colon_paragraph(&mut self, gi: usize, g: &Group, groups: &[Group]) -> bool {
        let new_paragraph = gi == 0 || groups[gi - 1].last_paragraph < g.paragraph;
        if !new_paragraph {
            return false;
        }
        let labelled = self.text[g.start..].starts_with(QUOTE_LABEL);
        // an interview question ("((WN)) …") is no statement
        if self.text[g.start..].starts_with("((") {
            return false;
        }
        let announced = (gi > 0)
            .then(|| self.announcing_subject(&groups[gi - 1], gi - 1))
            .flatten();
        if !labelled && announced.is_none() {
            return false;
        }
        let last = (gi..groups.len())
            .take_while(|&k| groups[k].paragraph == g.paragraph)
            .last()
            .unwrap_or(gi);
        let (start, end) = (g.start, groups[last].end);
        let from = if labelled {
            start + QUOTE_LABEL.len()
        } else {
            start
        };
        let Some((parts, consumed)) = self.paragraph_words(from, end) else {
            return false;
        };
        let (entity, mention) = match announced {
            Some((e, m)) => (e, Some(m)),
            None => (self.found.last().and_then(|l| l.entity), None),
        };
        self.skip_groups.extend(gi + 1..=last);
        self.found.push(Found {
            mention,
            entity,
            cue: super::cues::Cue::layout(usize::MAX, usize::MAX, ""),
            parts,
            kind: QuoteKind::Direct,
            unit: (start, end),
            consumed,
            group: gi,
            co: Vec::new(),
            time: None,
            rule: Rule::ColonParagraph,
        });
        true
    }

    /// When group `pg` ends with a colon, quotes nothing and announces speech (a cue verb or a
    /// message noun), its subject's entity (`None` when the subject does not resolve) and byte
    /// span.
    fn announcing_subject(
        &mut self,
        pg: &Group,
        pgi: usize,
    ) -> Option<(Option<usize>, (usize, usize))> {
        if !self.text[pg.start..pg.end].trim_end().ends_with(':')
            || self.found.last().is_some_and(|l| l.group == pgi)
        {
            return None;
        }
        let f = Frame::build(self.text, pg, &self.quotes);
        if (0..f.len()).any(|k| f.is_quote(k)) {
            return None;
        }
        let speaks = find_cues(&f).iter().any(|c| c.role == CueRole::Finite)
            || (0..f.len()).any(|k| lexicon::MESSAGE_NOUNS.contains(f.lower(k)));
        if !speaks {
            return None;
        }
        let m = sentence_subject(&f, f.len())?;
        let info = mention_info(&f, m);
        let text = self.span_text(&f, m);
        let span = (f.toks[m.0].start, f.toks[m.1 - 1].end);
        Some((self.registry.resolve(&info, text, span.0, true), span))
    }

    /// The words of a paragraph from `from` to `end`: one quote covering all of it (its parts),
    /// or the text itself when it holds no quote mark at its start; `None` for a paragraph that
    /// mixes quotes and other words.
    fn paragraph_words(&self, from: usize, end: usize) -> Option<Words> {
        let body = &self.text[from..end];
        let s = from + (body.len() - body.trim_start().len());
        let inside: Vec<usize> = (0..self.quotes.len())
            .filter(|&q| self.quotes[q].open >= s && self.quotes[q].close <= end)
            .collect();
        if let Some(&q) = inside.first()
            && self.quotes[q].open == s
        {
            let qs = &self.quotes[q];
            let rest = self.text[qs.close..end].trim();
            return (rest.is_empty() || rest == ".").then(|| (qs.parts.clone(), vec![q]));
        }
        let e = s + self.text[s..end].trim_end().len();
        (e > s && self.text[s..e].split_whitespace().count() >= 3).then(|| (vec![(s, e)], inside))
    }
}
