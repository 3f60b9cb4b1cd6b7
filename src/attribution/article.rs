//! The article: its state as the passes run sentence by sentence (the speakers registered so
//! far, the quotes found), the order of the passes within one sentence, and the assembly of the
//! final [`Attribution`].
//!
//! For each sentence (a [`Group`]): acronyms and full names are registered (so "the minister" can
//! find "Stefano Patuanelli" later), cues are found ([`super::cues`]), finite, source and passive
//! cues take their speaker and content first ([`super::finite`], [`super::agent`]), participial
//! cues then take the speaker of the nearest finite one ([`super::participial`]), then the
//! layouts without a cue verb ([`super::layouts`]): a quote after a colon, a verb outside the
//! lexicon, a bare quote paragraph. Speakers are resolved to entities as they are found
//! ([`super::speakers::Registry`]); [`Article::finish`] turns entities into canonical names.

use super::cues::{Cue, CueRole, find_cues};
use super::frame::{Frame, Group, Quotes, merge_sentences};
use super::interview::{Turn, find_turns};
use super::lexicon;
use super::marks::find_quotes_in;
use super::nested;
use super::speakers::{self, MentionInfo, Registry, SpeakerKind};
use super::subject::sentence_subject;
use super::time::time_cue;
use super::{Attribution, Quote, QuoteKind, Rule, Speaker};
use crate::text::sentences::{self, Paragraph};

/// A finite cue's frame index, speaker mention (frame token range) and entity: what a
/// participial cue later in the sentence inherits.
pub(super) type Anchor = (usize, Option<(usize, usize)>, Option<usize>);

/// A quote found in one sentence, before its speaker gets a canonical name.
#[derive(Debug, Clone)]
pub(super) struct Found {
    /// The mention: a frame token range while the sentence is processed, then byte offsets.
    pub mention: Option<(usize, usize)>,
    pub entity: Option<usize>,
    pub cue: Cue,
    /// Content byte spans.
    pub parts: Vec<(usize, usize)>,
    pub kind: QuoteKind,
    pub unit: (usize, usize),
    /// Quote indices the content used.
    pub consumed: Vec<usize>,
    pub group: usize,
    /// Further speakers of the same quote ("X and Y said"): mention (frame tokens) and entity.
    pub co: Vec<((usize, usize), Option<usize>)>,
    /// Time expression of the sentence.
    pub time: Option<String>,
    /// The layout that produced it.
    pub rule: Rule,
}

/// A found quote and the frame token range of the content it covers (later cues inside it are
/// nested speech and skipped).
pub(super) type Claimed = (Found, (usize, usize));

pub(super) struct Article<'a> {
    pub text: &'a str,
    pub quotes: Quotes,
    pub registry: Registry,
    acronyms: Vec<(String, String)>,
    pub found: Vec<Found>,
    /// Sentences already used to attribute a neighbouring quote.
    pub skip_groups: Vec<usize>,
    /// The turns of an interview transcript ([`super::interview`]).
    pub turns: Vec<Turn>,
}

/// The sentence being read: its frame, its cues and its index among the article's groups.
pub(super) struct Sentence<'s, 'a> {
    pub f: &'s Frame<'a>,
    pub cues: &'s [Cue],
    pub gi: usize,
    /// The finite cues' speakers found so far.
    pub anchors: &'s [Anchor],
}

/// What one sentence has produced so far.
#[derive(Default)]
pub(super) struct Pending {
    /// Quote indices used.
    pub consumed: Vec<usize>,
    /// Frame index ranges used as content (cues inside them are skipped).
    pub covered: Vec<(usize, usize)>,
    pub results: Vec<Found>,
    /// The finite cues' speakers, for participial cues.
    pub anchors: Vec<Anchor>,
    /// Frame indices of cues whose speech an outlet relays ([`super::nested`]).
    pub relayed: Vec<usize>,
}

impl Pending {
    fn claim(&mut self, (found, region): Claimed) {
        self.covered.push(region);
        self.consumed.extend(found.consumed.iter().copied());
        self.results.push(found);
    }
}

/// Runs every pass over one article.
pub(super) fn run(text: &str) -> Attribution {
    let paragraphs: Vec<Paragraph> = sentences::paragraphs(text);
    let sents = sentences::split(text);
    let quotes = Quotes::new(find_quotes_in(text, &paragraphs));
    let groups = merge_sentences(&sents, &quotes);
    let mut a = Article {
        text,
        quotes,
        registry: Registry::default(),
        acronyms: Vec::new(),
        found: Vec::new(),
        skip_groups: Vec::new(),
        turns: find_turns(text, &paragraphs),
    };
    for (gi, g) in groups.iter().enumerate() {
        a.group(gi, g, &groups);
    }
    a.finish()
}

impl<'a> Article<'a> {
    pub fn span_text(&self, f: &Frame<'_>, (s, e): (usize, usize)) -> &'a str {
        &self.text[f.toks[s].start..f.toks[e - 1].end]
    }

    pub fn resolve(&mut self, f: &Frame<'_>, m: (usize, usize)) -> Option<usize> {
        self.resolve_as(f, m, true)
    }

    pub fn resolve_as(&mut self, f: &Frame<'_>, m: (usize, usize), salient: bool) -> Option<usize> {
        let m = checked_mention(f, m)?;
        let mut info: MentionInfo = speakers::parse_mention(&f.toks[m.0..m.1]);
        if time_word_name(f, m, &info) {
            return None;
        }
        if let Some(outlet) = lexicon::news_outlet(self.span_text(f, m)) {
            info.name = Some(outlet.to_string());
            info.kind = SpeakerKind::Organization;
            info.gender = None;
        }
        if let Some(name) = &info.name
            && let Some((full, _)) = self.acronyms.iter().find(|(_, ac)| ac == name)
        {
            info.name = Some(full.clone());
            info.kind = SpeakerKind::Organization;
        }
        let text = self.span_text(f, m);
        self.registry
            .resolve(&info, text, f.toks[m.0].start, salient)
    }

    /// Registers full personal names mentioned in passing ("Italian minister Stefano Patuanelli
    /// sent a letter"), so a later role mention ("the minister") can find them.
    fn register_names(&mut self, f: &Frame<'_>) {
        let n = f.len();
        let mut i = 0;
        while i < n {
            if !speakers::is_name_token(&f.toks[i], i == 0) || f.quote[i].is_some() {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < n && f.quote[j].is_none() && speakers::is_name_token(&f.toks[j], j == 0) {
                j += 1;
            }
            // "On Friday Ford Motor Company …": the date is not part of the name
            let run_start = i;
            while i + 1 < j
                && (lexicon::DAYS.contains(f.lower(i)) || lexicon::MONTHS.contains(f.lower(i)))
            {
                i += 1;
            }
            let next_possessive =
                j < n && (f.toks[j].text == "'s" || f.toks[j].text == "\u{2019}s");
            // "President Donald Trump's attempt": a possessive person's name is registered as is
            if j - i >= 2 && next_possessive {
                let info = speakers::parse_mention(&f.toks[i..j]);
                if info.kind == SpeakerKind::Person
                    && info.name.as_ref().is_some_and(|nm| nm.contains(' '))
                {
                    self.resolve_as(f, (i, j), false);
                }
            }
            // only full names (two or more capitalised words) are worth registering
            if j - i >= 2
                && !next_possessive
                && let Some((s, e)) =
                    speakers::np_before(&f.toks, j, if i > run_start { i } else { 0 })
            {
                let info = speakers::parse_mention(&f.toks[s..e]);
                let full_name = info.name.as_ref().is_some_and(|nm| nm.contains(' '));
                // "Lakeshore Health Trust": a capitalised organisation name of two words or more
                let org_name = info.kind == SpeakerKind::Organization
                    && info
                        .label
                        .split(' ')
                        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                        .count()
                        >= 2;
                if (full_name
                    && matches!(info.kind, SpeakerKind::Person | SpeakerKind::Organization))
                    || org_name
                {
                    self.resolve_as(f, (s, e), false);
                }
            }
            i = j.max(i + 1);
        }
    }

    fn record_acronyms(&mut self, f: &Frame<'_>) {
        for i in 0..f.len().saturating_sub(3) {
            if f.toks[i + 1].text == "(" && f.toks[i + 3].text == ")" {
                let ac = f.toks[i + 2].text;
                let is_ac = ac.len() >= 2 && ac.chars().all(|c| c.is_uppercase() || c == '.');
                if is_ac
                    && speakers::is_name_token(&f.toks[i], false)
                    && let Some((s, e)) = speakers::np_before(&f.toks, i + 1, 0)
                {
                    let info = speakers::parse_mention(&f.toks[s..e]);
                    let full = info.name.unwrap_or(info.label);
                    self.acronyms.push((full, ac.to_string()));
                }
            }
        }
    }

    /// Runs the passes over one sentence.
    fn group(&mut self, gi: usize, g: &Group, groups: &[Group]) {
        if self.skip_groups.contains(&gi)
            || self.interview_turn(gi, g)
            || self.colon_paragraph(gi, g, groups)
        {
            return;
        }
        let f = Frame::build(self.text, g, &self.quotes);
        if f.len() == 0 {
            return;
        }
        self.record_acronyms(&f);
        self.register_names(&f);
        let cues = find_cues(&f);
        let mut p = Pending::default();
        self.finite_cues(&f, &cues, gi, &mut p);
        self.participial_cues(&f, &cues, gi, &mut p);
        // direct quotes with a speaker but a verb outside the lexicon: "…," the minister shouted.
        self.generic_direct(&f, &mut p, gi);
        self.bare_quotes(&f, g, groups, gi, &mut p);
        if p.results.is_empty() {
            self.keep_subject_salient(&f);
        }
        let results = settle(&f, p.results);
        self.found.extend(results);
    }

    /// First pass: finite, passive and source cues.
    fn finite_cues(&mut self, f: &Frame<'_>, cues: &[Cue], gi: usize, p: &mut Pending) {
        for cue in cues.iter().filter(|c| c.role != CueRole::Participial) {
            if p.covered.iter().any(|&(s, e)| cue.idx >= s && cue.idx < e) {
                continue;
            }
            let found = match cue.role {
                CueRole::Finite => {
                    let anchors = &p.anchors;
                    self.finite(
                        &Sentence {
                            f,
                            cues,
                            gi,
                            anchors,
                        },
                        cue,
                    )
                }
                CueRole::Source => self.source(f, cue, gi),
                CueRole::Passive => self.passive(f, cue, gi),
                CueRole::Participial => None,
            };
            let Some(mut claimed) = found else { continue };
            // "Reuters reported that a source said …": the inner cue takes the sentence
            if let Some(m) = claimed.0.mention
                && matches!(cue.role, CueRole::Finite | CueRole::Source)
                && nested::is_outlet(f, m)
                && let Some(inner) = nested::relayed_cue(f, cues, claimed.1)
            {
                p.relayed.push(inner);
                continue;
            }
            if p.relayed.contains(&cue.idx) {
                claimed.0.rule = Rule::Nested;
            }
            p.anchors
                .push((cue.idx, claimed.0.mention, claimed.0.entity));
            p.claim(claimed);
        }
    }

    /// Second pass: participial cues take the speaker of the nearest finite cue.
    fn participial_cues(&mut self, f: &Frame<'_>, cues: &[Cue], gi: usize, p: &mut Pending) {
        for cue in cues.iter().filter(|c| c.role == CueRole::Participial) {
            if p.covered.iter().any(|&(s, e)| {
                cue.idx >= s
                    && cue.idx < e
                    && !(cue.idx > 0 && f.toks[cue.idx - 1].text == ",")
                    && super::cues::with_subject(f, cue.idx).is_none()
            }) {
                continue;
            }
            let anchors = &p.anchors;
            if let Some(claimed) = self.participial(
                &Sentence {
                    f,
                    cues,
                    gi,
                    anchors,
                },
                cue,
            ) {
                p.claim(claimed);
            }
        }
    }

    /// Keeps the sentence subject salient for pronouns when the sentence has no quote
    /// ("Mitsotakis met …, where he said"; "The unions met on Monday. They said …").
    fn keep_subject_salient(&mut self, f: &Frame<'_>) {
        if let Some(m) = sentence_subject(f, f.len()) {
            let info = speakers::parse_mention(&f.toks[m.0..m.1]);
            let named_person = info.kind == SpeakerKind::Person && info.name.is_some();
            let body = matches!(
                info.kind,
                SpeakerKind::Group | SpeakerKind::Organization | SpeakerKind::State
            );
            if (named_person && !self.lone_opener(f, m)) || body {
                self.resolve(f, m);
            }
        }
    }

    /// "Poor people …", "Pick it up …": a one-word subject opening the sentence that is no known
    /// given name and is never written capitalised inside a sentence of the article is a common
    /// word, not someone a later pronoun can stand for.
    fn lone_opener(&self, f: &Frame<'_>, m: (usize, usize)) -> bool {
        if m != (0, 1) {
            return false;
        }
        let w = f.toks[0].text;
        let l = w.to_lowercase();
        if lexicon::MALE_NAMES.contains(&l) || lexicon::FEMALE_NAMES.contains(&l) {
            return false;
        }
        let bytes = self.text.as_bytes();
        let inside = self.text.match_indices(w).any(|(i, _)| {
            let before = self.text[..i].trim_end_matches([' ', '\u{a0}']);
            let end = i + w.len();
            let whole_word = !bytes.get(end).is_some_and(u8::is_ascii_alphanumeric)
                && !before.ends_with(|c: char| c.is_alphanumeric() && before.len() == i);
            whole_word
                && before.len() < i
                && !before.is_empty()
                && !before.ends_with(['.', '!', '?', '"', '\u{201c}', '\n', ':', ';'])
        });
        !inside
    }

    /// Turns the entities into canonical names and the found quotes into [`Quote`]s.
    fn finish(self) -> Attribution {
        let Article {
            text,
            registry,
            found,
            ..
        } = self;
        let reps = registry.representatives();
        let mut order: Vec<usize> = Vec::new();
        let mut listed = vec![false; reps.len()];
        let quotes = found
            .into_iter()
            .map(|fq| {
                let e = fq.entity.map(|e| reps[e]);
                if let Some(e) = e
                    && !std::mem::replace(&mut listed[e], true)
                {
                    order.push(e);
                }
                to_quote(text, &registry, e, fq)
            })
            .collect::<Vec<_>>();
        // the entities merged into each representative, in index order
        let mut merged: Vec<Vec<usize>> = vec![Vec::new(); reps.len()];
        for (j, &r) in reps.iter().enumerate() {
            if r != j && listed[r] {
                merged[r].push(j);
            }
        }
        let mut speakers: Vec<Speaker> = order
            .iter()
            .map(|&e| speaker_of(&registry, &merged[e], e))
            .collect();
        if quotes
            .iter()
            .any(|q| q.speaker_kind == SpeakerKind::Unknown)
        {
            speakers.push(Speaker {
                name: "unknown".to_string(),
                kind: SpeakerKind::Unknown,
                aliases: Vec::new(),
            });
        }
        Attribution { quotes, speakers }
    }
}

/// The sentence's results in text order with their time cues, one copy per speaker of "X and Y
/// said", and mentions and cues as byte offsets.
fn settle(f: &Frame<'_>, mut results: Vec<Found>) -> Vec<Found> {
    // the time of the speech act, never a date inside what was said ("said the talks would
    // resume on Tuesday")
    for r in results.iter_mut() {
        r.time = time_cue(f, &r.parts);
    }
    let extra: Vec<Found> = results
        .iter()
        .flat_map(|r| {
            r.co.iter().map(|&(m, ent)| Found {
                mention: Some(m),
                entity: ent,
                co: Vec::new(),
                ..r.clone()
            })
        })
        .collect();
    results.extend(extra);
    results.sort_by_key(|r| r.parts.first().map_or(0, |p| p.0));
    for r in results.iter_mut() {
        if let Some((s, e)) = r.mention {
            r.mention = Some((f.toks[s].start, f.toks[e - 1].end));
        }
        if r.cue.lemma.is_empty() {
            r.cue.idx = usize::MAX;
            r.cue.end = usize::MAX;
        } else {
            r.cue.idx = f.toks[r.cue.idx].start;
            r.cue.end = f.toks[r.cue.end - 1].end;
        }
    }
    results
}

/// One found quote as a [`Quote`], its speaker the entity `e`'s canonical name.
fn to_quote(text: &str, registry: &Registry, e: Option<usize>, fq: Found) -> Quote {
    let (speaker, speaker_kind) = match e {
        Some(e) => (
            registry.entities[e].canonical.clone(),
            registry.entities[e].kind,
        ),
        None => ("unknown".to_string(), SpeakerKind::Unknown),
    };
    let mention_span = fq.mention;
    let cue_span = (!fq.cue.lemma.is_empty()).then_some((fq.cue.idx, fq.cue.end));
    Quote {
        speaker,
        speaker_kind,
        mention: mention_span
            .map(|(s, e)| text[s..e].to_string())
            .unwrap_or_default(),
        mention_span,
        cue: cue_span
            .map(|(s, e)| text[s..e].to_string())
            .unwrap_or_default(),
        cue_span,
        kind: fq.kind,
        start: fq.parts.first().map_or(0, |p| p.0),
        end: fq.parts.last().map_or(0, |p| p.1),
        text: fq
            .parts
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect::<Vec<_>>()
            .join(" "),
        parts: fq.parts,
        unit: fq.unit,
        time: fq.time,
        rule: fq.rule,
    }
}

/// The speaker of entity `e`, with the aliases of the entities `merged` into it.
fn speaker_of(registry: &Registry, merged: &[usize], e: usize) -> Speaker {
    let ent = &registry.entities[e];
    let mut aliases = ent.aliases.clone();
    let mut seen: rustc_hash::FxHashSet<&str> = ent.aliases.iter().map(String::as_str).collect();
    for &j in merged {
        for a in &registry.entities[j].aliases {
            if seen.insert(a.as_str()) {
                aliases.push(a.clone());
            }
        }
    }
    Speaker {
        name: ent.canonical.clone(),
        kind: ent.kind,
        aliases,
    }
}

/// A mention without the words that only look like a name: a capitalised common word opening
/// the sentence before a non-name ("Nice officials" → "officials"; `sentence_initial_common.txt`),
/// or `None` when that word is the whole mention, or when the mention is one capitalised word
/// opening the sentence before an object pronoun ("Dissolv it in water": a verb).
fn checked_mention(f: &Frame<'_>, m: (usize, usize)) -> Option<(usize, usize)> {
    if m.0 != 0 || m.1 <= m.0 {
        return Some(m);
    }
    let next = f.toks.get(m.0 + 1);
    let next_is_name = next.is_some_and(|t| speakers::is_name_token(t, false));
    if lexicon::SENTENCE_INITIAL_COMMON.contains(f.toks[m.0].text) && !next_is_name {
        return (m.1 > m.0 + 1).then_some((m.0 + 1, m.1));
    }
    let object_pronoun =
        next.is_some_and(|t| matches!(t.text, "it" | "them" | "him" | "me" | "us"));
    if m.1 == m.0 + 1 && f.toks[m.0].is_capitalized() && object_pronoun {
        return None;
    }
    Some(m)
}

/// Whether a mention names a month or weekday, not someone: a one-word name that is a weekday,
/// or a month that is no given name ("March"; "May" and "June" are names), or any month after a
/// determiner or before a number ("a March 14 press release").
fn time_word_name(f: &Frame<'_>, m: (usize, usize), info: &MentionInfo) -> bool {
    let Some(name) = info.name.as_deref().filter(|n| !n.contains(' ')) else {
        return false;
    };
    let l = name.to_lowercase();
    if lexicon::DAYS.contains(&l) {
        return true;
    }
    if !lexicon::MONTHS.contains(&l) {
        return false;
    }
    let given = lexicon::MALE_NAMES.contains(&l) || lexicon::FEMALE_NAMES.contains(&l);
    let determiner = super::phrase::is_determiner(f.toks[m.0].text);
    let number = f
        .toks
        .get(m.1)
        .is_some_and(|t| t.kind == crate::text::tokens::TokenKind::Number);
    !given || determiner || number
}

/// The parse of a mention, for passes that look at its kind before resolving it.
pub(super) fn mention_info(f: &Frame<'_>, m: (usize, usize)) -> MentionInfo {
    speakers::parse_mention(&f.toks[m.0..m.1])
}
