//! Pass 1, cue finding: the reporting verbs of a frame ("said", "rejected", "according to",
//! ", stating") with the role each plays. A word is a cue when `lexicon/cues.tsv` lists it and
//! its context makes it a verb of speech: not a noun ("the call"), not an infinitive ("to say"),
//! and followed by what the verb needs ("agreed that …", not "agreed on a border").
//!
//! ```text
//! The union rejected the offer, saying it was an insult.
//!           ^^^^^^^^ Finite          ^^^^^^ Participial
//! ```

use super::frame::Frame;
use super::lexicon::{self, CueForm, CueVerb, Needs};
use crate::text::tokens::TokenKind;

/// How a cue relates to its speaker and content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CueRole {
    /// "X said …", "X has rejected …", "…," said X.
    Finite,
    /// ", stating …", "describing … as …", "By labeling …".
    Participial,
    /// "according to X".
    Source,
    /// "… was rejected by X".
    Passive,
}

/// One cue of a frame.
#[derive(Debug, Clone)]
pub(super) struct Cue {
    /// Frame index of the (first) cue token (a byte offset once the quote is assembled).
    pub idx: usize,
    /// Frame index one past the cue (2 for "according to"; a byte offset once assembled).
    pub end: usize,
    /// The verb's lemma, or a layout's name ("according to", "colon", "other", "" for none).
    pub lemma: &'static str,
    /// The verb's record in the cue table, for verbs.
    pub verb: Option<&'static CueVerb>,
    /// Its role.
    pub role: CueRole,
}

impl Cue {
    /// A cue that is a layout rather than a verb (a colon, a verb outside the lexicon, none).
    pub fn layout(idx: usize, end: usize, lemma: &'static str) -> Self {
        Cue {
            idx,
            end,
            lemma,
            verb: None,
            role: CueRole::Finite,
        }
    }
}

/// Every cue of the frame, in text order.
pub(super) fn find_cues(f: &Frame<'_>) -> Vec<Cue> {
    let mut cues = Vec::new();
    let mut i = 0;
    while i < f.len() {
        if f.quote[i].is_some() || f.toks[i].kind != TokenKind::Word {
            i += 1;
            continue;
        }
        if f.lower(i) == "according" && f.is(i + 1, "to") {
            cues.push(Cue {
                idx: i,
                end: i + 2,
                lemma: "according to",
                verb: None,
                role: CueRole::Source,
            });
            i += 2;
            continue;
        }
        cues.extend(verb_cue(f, i));
        i += 1;
    }
    cues
}

/// The cue at frame index `i` when the word there is a cue verb used as one.
fn verb_cue(f: &Frame<'_>, i: usize) -> Option<Cue> {
    let (verb, form) = lexicon::cue(f.lower(i))?;
    if f.toks[i].is_capitalized() && i != 0 {
        return None;
    }
    if verb.not_before.iter().any(|w| f.is(i + 1, w)) || !needs_met(f, i, verb) {
        return None;
    }
    let role = role_of(f, i, verb, form)?;
    Some(Cue {
        idx: i,
        end: i + 1,
        lemma: verb.lemma,
        verb: Some(verb),
        role,
    })
}

/// Whether what follows the verb at `i` is what it needs to be speech.
fn needs_met(f: &Frame<'_>, i: usize, verb: &CueVerb) -> bool {
    let n = f.len();
    match verb.needs {
        Needs::Nothing => true,
        // "agreed that …", `agreed: "…"`; not "agreed on a border", "agreed to a meeting"
        // or a quote just before: `"…," the minister agreed`
        Needs::ThatOrQuote => {
            f.is(i + 1, "that")
                || (i + 1 < n && f.is_quote(i + 1))
                || (i + 2 < n && matches!(f.toks[i + 1].text, "," | ":") && f.is_quote(i + 2))
                || (i.saturating_sub(5)..i).any(|k| f.is_quote(k))
        }
        // "invited Egypt to open a dialogue" is a call for talks; "invited a co-star to appear"
        // and "were invited but did not attend" are not speech
        Needs::TalkObject => (i + 1..n.min(i + 12)).any(|k| {
            f.is(k, "to") && (k + 1..n.min(k + 4)).any(|m| lexicon::TALK_WORDS.contains(f.lower(m)))
        }),
    }
}

/// A participle opens a participial cue after a comma, a dash, a quote or a subordinator
/// (", saying", "by labeling", "after describing").
fn is_participle_context(f: &Frame<'_>, i: usize) -> bool {
    if i == 0 || with_subject(f, i).is_some() {
        return true;
    }
    let p = f.toks[i - 1].text;
    if matches!(p, "," | ";" | "\u{2014}" | "\u{2013}" | "(") || f.is_quote(i - 1) {
        return true;
    }
    let pl = p.to_lowercase();
    matches!(
        pl.as_str(),
        "by" | "after" | "while" | "before" | "when" | "in" | "and"
    ) && (i == 1 || matches!(f.toks[i - 2].text, "," | ";") || f.is_quote(i - 2))
}

/// "continues to insist", "went on to say": an infinitive that carries the finite verb's tense.
fn continues_to(f: &Frame<'_>, i: usize) -> bool {
    i >= 2
        && f.is(i - 1, "to")
        && (matches!(
            f.lower(i - 2),
            "continue" | "continues" | "continued" | "continuing"
        ) || (i >= 3
            && f.is(i - 2, "on")
            && matches!(f.lower(i - 3), "went" | "goes" | "go" | "going")))
}

/// "with spokeswoman Ana Ruiz saying …": the noun phrase between "with" and the participle at
/// `i` (an absolute construction), which is the participle's own speaker.
pub(super) fn with_subject(f: &Frame<'_>, i: usize) -> Option<(usize, usize)> {
    let (s, e) = super::speakers::np_before(&f.toks, i, 0)?;
    (e == i && s > 0 && f.is(s - 1, "with") && (s..e).all(|k| f.quote[k].is_none()))
        .then_some((s, e))
}

/// The word before `i` outside quotes, lowercase ("" at the start or after a quote).
fn word_before<'f>(f: &'f Frame<'_>, i: usize) -> &'f str {
    if i > 0 && f.quote[i - 1].is_none() {
        f.lower(i - 1)
    } else {
        ""
    }
}

/// The word before `i` ends a speaker's noun phrase (a name, a pronoun, a role, group or
/// organisation noun): "Trump claims", "officials warn", so a form that is usually a noun is a
/// verb there.
fn after_subject(f: &Frame<'_>, i: usize) -> bool {
    i > 0 && f.is_word(i - 1) && crate::attribution::speakers::is_head(&f.toks[i - 1], i == 1)
}

/// The role of the cue verb at `i`, or `None` when the form is not a verb of speech there (a
/// noun, an infinitive, a passive without an agent).
fn role_of(f: &Frame<'_>, i: usize, verb: &CueVerb, form: CueForm) -> Option<CueRole> {
    let prev = word_before(f, i);
    match form {
        CueForm::Participle => {
            if is_participle_context(f, i) {
                Some(CueRole::Participial)
            } else if matches!(prev, "was" | "is" | "are" | "were" | "been" | "be") {
                Some(CueRole::Finite)
            } else {
                None
            }
        }
        CueForm::Finite => {
            let lower = f.lower(i);
            let lemma = verb.lemma;
            let bare =
                lower == lemma || lower == format!("{lemma}s") || lower == format!("{lemma}es");
            // the auxiliary before any "-ly" adverbs: "were openly called to join" is passive
            let mut k = i;
            while k > 1
                && f.quote[k - 1].is_none()
                && f.is_word(k - 1)
                && f.lower(k - 1).ends_with("ly")
            {
                k -= 1;
            }
            let aux = word_before(f, k);
            if lexicon::PASSIVE_AUXILIARIES.contains(aux) && !bare {
                f.is(i + 1, "by").then_some(CueRole::Passive)
            } else if ((bare || prev != "and")
                && lexicon::BLOCKING_BEFORE_CUE.contains(prev)
                // ", which said …" is a relative clause, "which statement" a determiner
                && !(prev == "which" && i >= 2 && f.toks[i - 2].text == ",")
                && !continues_to(f, i))
                || (bare && verb.nounish && !after_subject(f, i))
            {
                None
            } else {
                Some(CueRole::Finite)
            }
        }
    }
}
