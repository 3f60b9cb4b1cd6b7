//! Participial cues: ", saying …", ", describing the talks as …", "By labeling X as Y, Z …",
//! "with X saying …". The speaker is the subject of an absolute construction ("with X saying"),
//! else that of the nearest finite cue of the sentence (before, else after), or the sentence's
//! subject; a weak participle ("repeating his remarks") needs "that", "as" or a quote.

use super::QuoteKind;
use super::Rule;
use super::article::{Anchor, Article, Claimed, Found, Sentence, mention_info};
use super::content::{include_closing_mark, last_content_token, region_end, skip_to_that};
use super::cues::{Cue, with_subject};
use super::frame::Frame;
use super::speakers::SpeakerKind;
use super::subject::{Span, sentence_subject};

/// Whose participle it is: the mention and entity, whether they come from a finite cue, and
/// whether that cue follows the participle ("By labeling X as Y, Khamenei expressed …").
struct Owner {
    mention: Option<Span>,
    entity: Option<usize>,
    from_cue: bool,
    leading: bool,
}

impl Article<'_> {
    /// A participial cue's quote, and the frame range its content claims.
    pub(super) fn participial(&mut self, s: &Sentence<'_, '_>, cue: &Cue) -> Option<Claimed> {
        let (f, cues, gi, anchors) = (s.f, s.cues, s.gi, s.anchors);
        let i = cue.idx;
        let owner = self.owner(f, i, anchors)?;
        let (c, end) = participial_region(f, cues, cue, &owner)?;
        let (parts, kind, consumed) = self.participial_content(f, c, end);
        let cs = f.toks[i].start;
        let content_end = parts.iter().map(|p| p.1).max().unwrap_or(cs);
        let unit_start = match owner.mention {
            Some(m) if !owner.from_cue && m.0 < i => f.toks[m.0].start,
            _ => cs,
        };
        Some((
            Found {
                mention: owner.mention,
                entity: owner.entity,
                cue: cue.clone(),
                parts,
                kind,
                unit: (unit_start.min(cs), content_end.max(f.toks[cue.end - 1].end)),
                consumed,
                group: gi,
                co: Vec::new(),
                time: None,
                rule: Rule::Participial,
            },
            (cue.end, end),
        ))
    }

    /// The subject of "with X saying", else the nearest finite cue's speaker before the
    /// participle at `i`, else after, else the sentence subject (which must look like a speaker).
    fn owner(&mut self, f: &Frame<'_>, i: usize, anchors: &[Anchor]) -> Option<Owner> {
        if let Some(m) = with_subject(f, i) {
            return Some(Owner {
                mention: Some(m),
                entity: self.resolve(f, m),
                from_cue: false,
                leading: false,
            });
        }
        let before = anchors.iter().filter(|x| x.0 < i).max_by_key(|x| x.0);
        let after = anchors.iter().filter(|x| x.0 > i).min_by_key(|x| x.0);
        if let Some(&(_, mention, entity)) = before.or(after) {
            return Some(Owner {
                mention,
                entity,
                from_cue: true,
                leading: before.is_none(),
            });
        }
        let m = sentence_subject(f, i)?;
        let info = mention_info(f, m);
        if info.kind == SpeakerKind::Unknown && info.pronoun.is_none() {
            return None;
        }
        Some(Owner {
            mention: Some(m),
            entity: self.resolve(f, m),
            from_cue: false,
            leading: false,
        })
    }

    /// The content spans, kind and quotes used of the region `c..end`.
    fn participial_content(
        &self,
        f: &Frame<'_>,
        c: usize,
        end: usize,
    ) -> (Vec<(usize, usize)>, QuoteKind, Vec<usize>) {
        let region_quotes: Vec<usize> = (c..end).filter(|&k| f.is_quote(k)).collect();
        let region_words = (c..end).filter(|&k| f.is_word(k)).count();
        let consumed: Vec<usize> = region_quotes
            .iter()
            .map(|&k| f.quote[k].expect("quote"))
            .collect();
        if region_words == 0 && region_quotes.len() == 1 {
            return (
                self.quotes[consumed[0]].parts.clone(),
                QuoteKind::Direct,
                consumed,
            );
        }
        let s = f.toks[c].start;
        let e = include_closing_mark(&self.quotes, s, f.toks[last_content_token(f, c, end)].end);
        let kind = QuoteKind::reported(!region_quotes.is_empty());
        (vec![(s, e)], kind, consumed)
    }
}

/// Where the participle's content starts and ends (frame indices), or `None` when it has none
/// or a weak participle lacks "that", "as" or a quote.
fn participial_region(
    f: &Frame<'_>,
    cues: &[Cue],
    cue: &Cue,
    owner: &Owner,
) -> Option<(usize, usize)> {
    let mut c = cue.end;
    let mut end = if owner.leading {
        // "By labeling X as Y, Khamenei expressed …": up to the main subject
        owner.mention.map_or(f.len(), |m| m.0)
    } else {
        region_end(f, cues, c)
    };
    while end > c && matches!(f.toks[end - 1].text, "," | "\u{2014}") {
        end -= 1;
    }
    c = skip_to_that(f, c, end);
    while c < end && !f.is_quote(c) && matches!(f.toks[c].text, "," | ":") {
        c += 1;
    }
    if c >= end {
        return None;
    }
    let has_that_or_quote_or_as = c > cue.end || (c..end).any(|k| f.is_quote(k) || f.is(k, "as"));
    if !cue.verb.is_some_and(|v| v.strong_participle) && !has_that_or_quote_or_as {
        return None;
    }
    Some((c, end))
}
