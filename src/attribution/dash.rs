//! Dash attributions: the speaker after a dash that follows the quote, in the same sentence
//! (`"We will rebuild." — Jane Doe, mayor`) or as the next paragraph (a pull quote, then
//! `—Jane Doe`). The dash is an em dash, an en dash or a double hyphen; rule `dash`.

use super::QuoteKind;
use super::Rule;
use super::article::{Article, Found, mention_info};
use super::cues::Cue;
use super::frame::{Frame, Group};
use super::lexicon;
use super::speakers::SpeakerKind;

/// Where the words after a dash at frame index `k` start (`—`, `–`, `--`).
fn after_dash(f: &Frame<'_>, k: usize) -> Option<usize> {
    if f.is_quote(k) || k >= f.len() {
        return None;
    }
    match f.toks[k].text {
        "\u{2014}" | "\u{2013}" => Some(k + 1),
        "-" if k + 1 < f.len() && f.toks[k + 1].text == "-" => Some(k + 2),
        _ => None,
    }
}

/// The mention after a dash from `s` to the end of the frame (a final full stop left out): a
/// short phrase with no quote and no cue verb that opens with a capital ("Jane Doe, mayor").
fn dash_mention(f: &Frame<'_>, s: usize) -> Option<(usize, usize)> {
    let mut e = f.len();
    while e > s && matches!(f.toks[e - 1].text, "." | "," | ")") {
        e -= 1;
    }
    let plain = e > s
        && e - s <= 14
        && f.is_word(s)
        && f.toks[s].is_capitalized()
        && (s..e).all(|k| !f.is_quote(k) && lexicon::cue(f.lower(k)).is_none());
    plain.then_some((s, e))
}

impl Article<'_> {
    /// `"…" — Jane Doe, mayor`: the quote at frame index `k` with a dash and a speaker after it.
    pub(super) fn dash_quote(
        &mut self,
        f: &Frame<'_>,
        k: usize,
        qi: usize,
        gi: usize,
    ) -> Option<Found> {
        let mut d = k + 1;
        if d < f.len() && f.toks[d].text == "," {
            d += 1;
        }
        let words = after_dash(f, d)?;
        let m = dash_mention(f, words)?;
        let info = mention_info(f, m);
        if info.pronoun.is_some() {
            return None;
        }
        let entity = self.resolve(f, m);
        let q = &self.quotes[qi];
        Some(Found {
            mention: Some(m),
            entity,
            cue: Cue::layout(d, words, "dash"),
            parts: q.parts.clone(),
            kind: QuoteKind::Direct,
            unit: (q.start(), f.toks[m.1 - 1].end),
            consumed: vec![qi],
            group: gi,
            co: Vec::new(),
            time: None,
            rule: Rule::Dash,
        })
    }

    /// A bare quote followed by a sentence or paragraph `—Jane Doe`: the speaker's entity. The
    /// dash sentence is used up.
    pub(super) fn dash_paragraph_speaker(&mut self, groups: &[Group], gi: usize) -> Option<usize> {
        let ng = groups.get(gi + 1)?;
        let f = Frame::build(self.text, ng, &self.quotes);
        let m = dash_mention(&f, after_dash(&f, 0)?)?;
        let info = mention_info(&f, m);
        if info.pronoun.is_some() || (info.kind == SpeakerKind::Unknown && info.name.is_none()) {
            return None;
        }
        self.skip_groups.push(gi + 1);
        self.resolve(&f, m)
    }
}
