//! Nested speech: words relayed by an outlet or a message belong to their original speaker.
//! `Reuters reported that a government source said …` is the source's (the outlet's cue is
//! dropped and the inner cue takes the sentence, as in `according to news agency ISNA, the
//! prosecutor said …`); `according to a tweet by Jane Doe, …` is Jane
//! Doe's, not the tweet's. Both carry rule `nested`.

use super::article::mention_info;
use super::cues::{Cue, CueRole};
use super::frame::Frame;
use super::lexicon::{self, CueClass};
use super::subject::{Span, agent_np, subject_before};

/// Whether the mention is or names a news outlet ("Reuters", "state media", "the newspaper",
/// "news agency ISNA", "Znak.com").
pub(super) fn is_outlet(f: &Frame<'_>, (s, e): Span) -> bool {
    if e <= s {
        return false;
    }
    let mut from = s;
    if f.is(from, "the") {
        from += 1;
    }
    let whole: Vec<&str> = (from..e).map(|k| f.lower(k)).collect();
    lexicon::OUTLET_WORDS.contains(&whole.join(" "))
        || whole.iter().any(|w| lexicon::OUTLET_WORDS.contains(w))
}

/// The inner cue that an outlet's speech `(cue_end, region_end)` relays: a finite cue inside it
/// with its own subject that is neither a pronoun nor another outlet (`… that a source said`),
/// its verb one of report or claim.
pub(super) fn relayed_cue(f: &Frame<'_>, cues: &[Cue], (from, to): Span) -> Option<usize> {
    cues.iter()
        .filter(|c| c.role == CueRole::Finite && c.idx >= from && c.idx < to)
        // only verbs that pass words on ("said", "claimed that"), not acts, beliefs or a claim
        // with a noun object ("maintains a database")
        .filter(|c| {
            c.verb.is_some_and(|v| match v.class {
                CueClass::Report => true,
                CueClass::Claim => !lexicon::DETERMINERS.contains(f.lower(c.end.min(to - 1))),
                _ => false,
            })
        })
        .find(|c| {
            // "its source said": a possessive is no pronoun subject
            subject_before(f, c.idx).is_some_and(|m| {
                m.0 >= from
                    && !is_outlet(f, m)
                    && (m.1 - m.0 > 1 || mention_info(f, m).pronoun.is_none())
            })
        })
        .map(|c| c.idx)
}

/// `according to a tweet by Jane Doe`: the author of the message named after the cue (frame
/// indices `from..limit`), when the phrase is a message noun with "by" or "from".
pub(super) fn message_author(f: &Frame<'_>, from: usize, limit: usize) -> Option<Span> {
    let k = (from..limit.min(from + 4)).find(|&k| lexicon::MESSAGE_NOUNS.contains(f.lower(k)))?;
    if !(f.is(k + 1, "by") || f.is(k + 1, "from")) {
        return None;
    }
    agent_np(f, k + 2, limit)
}
