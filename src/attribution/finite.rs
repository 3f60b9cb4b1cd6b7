//! Finite cues: "X said (that) …", `X said: "…"`, `"…," X said`, `"…," said X`, "…, officials
//! said". The speaker phrase stands before the cue, or after it when the cue follows a quote
//! (inverted); "X and Y said" gives one quote per speaker. The content is the quote before or
//! after the cue, or the reported clause after it (after "that", an addressee or a setting
//! phrase), or the clause before a trailing cue.

use super::QuoteKind;
use super::Rule;
use super::article::{Anchor, Article, Claimed, Found, Sentence, mention_info};
use super::content::{
    include_closing_mark, last_content_token, region_end, skip_setting, skip_to_that,
};
use super::cues::Cue;
use super::frame::Frame;
use super::lexicon;
use super::speakers::{self, SpeakerKind};
use super::subject::{Span, preceded_by_preposition, sentence_subject, skip_back, subject_before};

/// The speaker phrase of a finite cue: its frame range, where the content may start, and
/// whether it stands after the cue (`"…," said Jane Doe`).
struct Mention {
    span: Span,
    content_from: usize,
    inverted: bool,
    /// The cue is in a relative clause ("X, who said …,"): its content ends at the next comma.
    relative: bool,
}

/// The quote right before the speakers (`"…," X said`), as a frame index.
fn quote_before(f: &Frame<'_>, ms: usize) -> Option<usize> {
    if ms >= 1 && f.is_quote(ms - 1) {
        Some(ms - 1)
    } else if ms >= 2 && matches!(f.toks[ms - 1].text, "," | "\u{2014}") && f.is_quote(ms - 2) {
        Some(ms - 2)
    } else {
        None
    }
}

/// The cue follows a quote (`"…" said`, `"…," said`).
fn follows_quote(f: &Frame<'_>, i: usize) -> bool {
    (i >= 1 && f.is_quote(i - 1)) || (i >= 2 && f.toks[i - 1].text == "," && f.is_quote(i - 2))
}

/// Finds the speaker phrase of the finite cue (see [`Mention`]).
fn find_mention(f: &Frame<'_>, cue: &Cue, anchors: &[Anchor]) -> Option<Mention> {
    let i = cue.idx;
    let after_quote = follows_quote(f, i);
    if after_quote && let Some((s, e)) = speakers::np_after(&f.toks, i + 1, f.len()) {
        return Some(Mention {
            span: (s, e),
            content_from: e,
            inverted: true,
            relative: false,
        });
    }
    let j = skip_back(f, i);
    // "spoke to the Navy, who told it …", "The union, which said …, walked out": the relative
    // pronoun's antecedent speaks, even inside a prepositional phrase
    if j >= 3
        && (f.is(j - 1, "who") || f.is(j - 1, "which"))
        && f.toks[j - 2].text == ","
        && f.quote[j - 2].is_none()
        && !closes_appositive(f, cue.end)
        && let Some(m) = speakers::np_before(&f.toks, j - 2, 0)
        && speakers::parse_mention(&f.toks[m.0..m.1]).kind != SpeakerKind::Unknown
    {
        return Some(Mention {
            span: m,
            content_from: cue.end,
            inverted: false,
            relative: true,
        });
    }
    let mut span = subject_before(f, i);
    // "X cited Article 5 and said" → the subject of the coordinated verb
    if span.is_none() && j > 0 && (f.is(j - 1, "and") || f.is(j - 1, "but")) {
        span = anchors
            .last()
            .and_then(|x| x.1)
            .or_else(|| sentence_subject(f, j));
    }
    let span = span?;
    // a name inside a prepositional phrase is no subject
    if !after_quote && preceded_by_preposition(f, span) {
        return None;
    }
    Some(Mention {
        span: (with_descriptors(f, span), span.1),
        content_from: cue.end,
        inverted: false,
        relative: false,
    })
}

/// Whether a comma after `from` is followed by a cue word: the relative clause is an
/// appositive of the subject ("Lindgren, who proposed the tariff, told reporters …").
fn closes_appositive(f: &Frame<'_>, from: usize) -> bool {
    (from..f.len().saturating_sub(1)).any(|k| {
        f.toks[k].text == ","
            && f.quote[k].is_none()
            && f.is_word(k + 1)
            && lexicon::cue(f.lower(k + 1)).is_some()
    })
}

/// `"…," crane operator Felix Moreau said`: lowercase descriptors between the quote and the name
/// belong to the mention; returns the mention's new start.
fn with_descriptors(f: &Frame<'_>, m: Span) -> usize {
    let mut k = m.0;
    while k > 0 && m.0 - k < 3 && f.is_word(k - 1) && !f.toks[k - 1].is_capitalized() {
        let l = f.lower(k - 1);
        if lexicon::cue(l).is_some() || matches!(l, "and" | "but" | "or" | "that" | "who") {
            break;
        }
        k -= 1;
    }
    let after_quote_sep =
        k >= 1 && (f.is_quote(k - 1) || (k >= 2 && f.toks[k - 1].text == "," && f.is_quote(k - 2)));
    if k < m.0 && after_quote_sep { k } else { m.0 }
}

/// Splits co-speakers off the mention: "the ministers of Ostmark and Varde, Pia Kjeldsen and
/// Tomas Brennholt, wrote" (two names in the closing appositive) and "X and Y said". Returns the
/// main mention and the others.
fn co_speakers(f: &Frame<'_>, mention: Span) -> (Span, Vec<Span>) {
    if let Some(c) = (mention.0..mention.1)
        .rev()
        .find(|&k| f.toks[k].text == ",")
        && let Some(a) = (c + 1..mention.1).find(|&k| f.is(k, "and"))
    {
        let names = |r: std::ops::Range<usize>| {
            r.len() >= 2
                && r.clone()
                    .all(|k| speakers::is_name_token(&f.toks[k], false))
        };
        if names(c + 1..a) && names(a + 1..mention.1) {
            return ((a + 1, mention.1), vec![(c + 1, a)]);
        }
    }
    if mention.0 >= 2
        && f.is(mention.0 - 1, "and")
        && let Some(m2) = speakers::np_before(&f.toks, mention.0 - 1, 0)
    {
        if let Some(body) = listed_members(f, mention.0 - 1) {
            return (body, Vec::new());
        }
        let info = mention_info(f, m2);
        // "geostrategy expert and former official, Avinoam Idan, said": a bare singular role noun
        // (no name, no determiner) is a second descriptor of the same person
        let bare_role = info.name.is_none()
            && info.kind == SpeakerKind::Person
            && !matches!(
                f.lower(m2.0),
                "a" | "an" | "the" | "his" | "her" | "its" | "their"
            );
        if info.kind != SpeakerKind::Unknown && info.pronoun.is_none() && !bare_role {
            return (mention, vec![m2]);
        }
    }
    (mention, Vec::new())
}

/// "The Federation of Farmers, Fishers, …, Drivers and Dock Workers said": when the names before
/// the joint subject's "and" (token `and`) are a comma list that follows "of" or "for", the list
/// names the members of one body, and the body before "of" is the speaker.
fn listed_members(f: &Frame<'_>, and: usize) -> Option<Span> {
    let mut k = and;
    while k > 0 && (f.toks[k - 1].text == "," || speakers::is_name_token(&f.toks[k - 1], false)) {
        k -= 1;
    }
    let listed = (k..and).any(|i| f.toks[i].text == ",");
    if !listed || k < 2 || !matches!(f.toks[k - 1].text, "of" | "for") {
        return None;
    }
    let body = speakers::np_before(&f.toks, k - 1, 0)?;
    (mention_info(f, body).kind == SpeakerKind::Organization).then_some(body)
}

/// Where the content of the cue starts and ends (frame indices): past an addressee ("told
/// reporters"), "that", a setting phrase ("said on Tuesday it would …") and separators.
fn content_region(f: &Frame<'_>, cues: &[Cue], cue: &Cue, from: usize) -> (usize, usize) {
    let n = f.len();
    let addr = cue.verb.map(|v| v.addressee).unwrap_or_default();
    let mut c = from.max(cue.end);
    if addr.object
        && let Some((_, e)) = speakers::np_after(&f.toks, c, n)
    {
        c = e;
    }
    let end = region_end(f, cues, c);
    let addressee = c > cue.end || addr.that;
    c = skip_to_that(f, c, end);
    if !(c > 0 && f.is(c - 1, "that")) {
        // "said on Tuesday it would …", "said in a statement it was …"
        c = skip_setting(f, c, end);
    }
    if addressee && !(c > 0 && f.is(c - 1, "that")) {
        // "told reporters outside the gates that …"
        if let Some(k) = (c..end.min(c + 9)).find(|&k| f.is(k, "that"))
            && (c..k).all(|x| {
                f.quote[x].is_none()
                    && f.toks[x].text != ","
                    && !lexicon::FINITE_AUXILIARIES.contains(f.lower(x))
            })
        {
            c = k + 1;
        }
    }
    while c < end && !f.is_quote(c) && matches!(f.toks[c].text, "," | ":" | "\u{2014}" | "-") {
        c += 1;
    }
    (c, end)
}

/// The content of a finite cue: byte spans, the quotes used, its kind and layout.
struct Content {
    parts: Vec<(usize, usize)>,
    consumed: Vec<usize>,
    kind: QuoteKind,
    rule: Rule,
}

impl Article<'_> {
    /// A joint subject's other speaker: "Anna and Jonas Berg said" makes "Anna" "Anna Berg" (a
    /// lone given name before a full name shares its surname), so the two stay two people.
    fn resolve_co(&mut self, f: &Frame<'_>, co: Span, mention: Span) -> Option<usize> {
        let first = f.lower(co.0);
        let given = lexicon::MALE_NAMES.contains(first) || lexicon::FEMALE_NAMES.contains(first);
        let main = mention_info(f, mention);
        let surname = main
            .name
            .as_deref()
            .filter(|n| main.kind == SpeakerKind::Person && n.contains(' '))
            .and_then(|n| n.rsplit_once(' '))
            .map(|(_, s)| s.to_string());
        match surname {
            Some(surname) if co.1 == co.0 + 1 && given => {
                let mut info = mention_info(f, co);
                info.name = Some(format!("{} {surname}", f.toks[co.0].text));
                let text = self.span_text(f, co);
                self.registry.resolve(&info, text, f.toks[co.0].start, true)
            }
            _ => self.resolve(f, co),
        }
    }

    /// A finite cue's quote, and the frame range its content claims.
    pub(super) fn finite(&mut self, s: &Sentence<'_, '_>, cue: &Cue) -> Option<Claimed> {
        let (f, cues, gi, anchors) = (s.f, s.cues, s.gi, s.anchors);
        let m = find_mention(f, cue, anchors)?;
        let (mention, co) = if m.inverted {
            (m.span, Vec::new())
        } else {
            co_speakers(f, m.span)
        };
        let entity = self.resolve(f, mention);
        let co_entities: Vec<(Span, Option<usize>)> = co
            .iter()
            .map(|&s| (s, self.resolve_co(f, s, mention)))
            .collect();
        let (c, mut end) = content_region(f, cues, cue, m.content_from);
        if m.relative
            && let Some(k) = (c..end).find(|&k| f.toks[k].text == "," && f.quote[k].is_none())
        {
            end = k;
        }
        // where the speakers start: `"…," X and Y, the two negotiators, said` starts at X
        let speakers_start = co
            .iter()
            .map(|s| s.0)
            .chain([mention.0, cue.idx])
            .min()
            .unwrap_or(cue.idx);
        let content = self.finite_content(f, cue, (c, end), speakers_start, m.inverted)?;
        let spans = [
            (f.toks[mention.0].start, f.toks[mention.1 - 1].end),
            (f.toks[cue.idx].start, f.toks[cue.end - 1].end),
        ];
        let unit = covering(content.parts.iter().copied().chain(spans));
        Some((
            Found {
                mention: Some(mention),
                entity,
                cue: cue.clone(),
                parts: content.parts,
                kind: content.kind,
                unit,
                consumed: content.consumed,
                group: gi,
                co: co_entities,
                time: None,
                rule: content.rule,
            },
            (cue.end, end),
        ))
    }

    /// Which content the cue has: the quote before the speakers (a trailing cue), the reported
    /// clause before them ("…, officials said"), the quote after the cue, or the reported clause
    /// after it.
    fn finite_content(
        &self,
        f: &Frame<'_>,
        cue: &Cue,
        (c, end): (usize, usize),
        speakers_start: usize,
        inverted: bool,
    ) -> Option<Content> {
        let region_words = (c..end).filter(|&k| f.is_word(k)).count();
        let region_quotes: Vec<usize> = (c..end).filter(|&k| f.is_quote(k)).collect();
        let before = quote_before(f, speakers_start);
        // `"…," Johnson said in an interview.`: after a quote, words without "that" or another
        // quote are the setting of the speech act, not its content
        let that_skipped = c > cue.end && f.is(c - 1, "that");
        let setting_only = before.is_some()
            && (inverted
                || region_quotes.is_empty()
                    && !that_skipped
                    && c < end
                    && f.is_word(c)
                    && (lexicon::SETTING_PREPOSITIONS.contains(f.lower(c))
                        || lexicon::DAYS.contains(f.lower(c))
                        || lexicon::TIME_ADVERBS.contains(f.lower(c))
                        || matches!(
                            f.lower(c),
                            "while" | "when" | "as" | "which" | "who" | "with"
                        )));
        // `"We stand ready" tweeted Johnson "to provide …"`: a split quote around an inverted cue
        if inverted
            && let Some(b) = before
            && region_quotes.first() == Some(&c)
        {
            return Some(self.quote_content(f, &[b, c], Rule::Inverted));
        }
        if (region_words == 0 && region_quotes.is_empty()) || setting_only {
            return match before {
                Some(qk) => Some(self.quote_content(
                    f,
                    &[qk],
                    if inverted {
                        Rule::Inverted
                    } else {
                        Rule::TrailingCue
                    },
                )),
                None => self.reported_before(f, speakers_start),
            };
        }
        if direct_after_cue(f, &region_quotes, c, end) {
            // speaker before a quote: X said, "…" (possibly the second part of a split quote)
            let ks: Vec<usize> = before.into_iter().chain(region_quotes).collect();
            return Some(self.quote_content(f, &ks, Rule::CueBeforeQuote));
        }
        // reported speech, possibly with quoted words inside
        let s = f.toks[c].start;
        let e = include_closing_mark(&self.quotes, s, f.toks[last_content_token(f, c, end)].end);
        let consumed: Vec<usize> = region_quotes
            .iter()
            .map(|&k| f.quote[k].expect("quote"))
            .collect();
        Some(Content {
            parts: vec![(s, e)],
            kind: QuoteKind::reported(!consumed.is_empty()),
            consumed,
            rule: Rule::Reported,
        })
    }

    /// Direct content: the quotes at frame indices `ks`, all parts joined.
    fn quote_content(&self, f: &Frame<'_>, ks: &[usize], rule: Rule) -> Content {
        let mut parts = Vec::new();
        let mut consumed = Vec::new();
        for &k in ks {
            let qi = f.quote[k].expect("quote");
            parts.extend(self.quotes[qi].parts.iter().copied());
            consumed.push(qi);
        }
        Content {
            parts,
            consumed,
            kind: QuoteKind::Direct,
            rule,
        }
    }

    /// "<content>, officials said.": reported content before the speaker, at least three words.
    fn reported_before(&self, f: &Frame<'_>, ms: usize) -> Option<Content> {
        if ms < 2 || f.toks[ms - 1].text != "," {
            return None;
        }
        let last = last_content_token(f, 0, ms - 1);
        if (0..=last).filter(|&k| f.is_word(k)).count() < 3 {
            return None;
        }
        let s = f.toks[0].start;
        let e = include_closing_mark(&self.quotes, s, f.toks[last].end);
        let consumed: Vec<usize> = (0..=last).filter_map(|k| f.quote[k]).collect();
        Some(Content {
            parts: vec![(s, e)],
            kind: QuoteKind::reported(!consumed.is_empty()),
            consumed,
            rule: Rule::ReportedBefore,
        })
    }
}

/// The smallest byte span covering `spans` (none: `(0, 0)`).
fn covering(spans: impl Iterator<Item = (usize, usize)>) -> (usize, usize) {
    spans
        .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
        .unwrap_or((0, 0))
}

/// The region after the cue is a quote with at most a few words around it (`said: "…"`, `said,
/// "…", adding …`), not reported speech with quoted words inside.
fn direct_after_cue(f: &Frame<'_>, region_quotes: &[usize], c: usize, end: usize) -> bool {
    region_quotes.first().is_some_and(|&k| {
        let words_before = (c..k).filter(|&j| f.is_word(j)).count();
        let sep_before = k > c && matches!(f.toks[k - 1].text, "," | ":");
        let words_after = (k + 1..end).filter(|&j| f.is_word(j)).count();
        // `said "We could not win," and the flag is at half-mast`: a new clause after the quote
        let sep_after = k + 1 < end
            && (matches!(f.toks[k + 1].text, "," | "\u{2014}" | "(")
                || (words_before == 0 && (f.is(k + 1, "and") || f.is(k + 1, "but"))));
        (words_before == 0 || (words_before <= 6 && sep_before))
            && (words_after <= 2 || (sep_after && (words_after <= 8 || words_before == 0)))
    })
}
