//! Pass 3, the speaker phrase: the noun phrase that names who speaks, found around a cue. A
//! finite cue's subject stands before it, past auxiliaries and adverbs ("has firmly rejected"),
//! a setting phrase ("the union on Monday rejected"), a bracketed acronym, a post-modifier
//! ("officials familiar with the talks said") or a parenthetical (", speaking in parliament,");
//! an "according to" or passive "by" cue's source stands after it ([`agent_np`]); a participial
//! cue without a finite one takes the sentence's subject ([`sentence_subject`]).
//!
//! Every function returns a frame token range `(start, end)`.

use super::frame::Frame;
use super::lexicon;
use super::speakers;
use crate::text::tokens::TokenKind;

/// A frame token range.
pub(super) type Span = (usize, usize);

/// Moves back over the words allowed between a subject and its cue (auxiliaries, adverbs).
pub(super) fn skip_back(f: &Frame<'_>, mut i: usize) -> usize {
    while i > 0 {
        let t = &f.toks[i - 1];
        if f.quote[i - 1].is_some() || t.kind != TokenKind::Word {
            break;
        }
        let l = f.lower(i - 1);
        let adverb = l.ends_with("ly") && !t.is_capitalized() && l.len() > 4;
        if lexicon::BETWEEN_SUBJECT_AND_CUE.contains(l) || adverb {
            i -= 1;
        } else if let Some(k) = continuation_start(f, i) {
            // "continues to insist", "went on to say"
            i = k;
        } else {
            break;
        }
    }
    i
}

/// The start of "continue(s) to" or "went on to" ending right before `i`, a phrase whose verb
/// carries the tense of the infinitive cue after it.
fn continuation_start(f: &Frame<'_>, i: usize) -> Option<usize> {
    if i < 2 || !f.is(i - 1, "to") {
        return None;
    }
    let continues = |k: usize| {
        matches!(
            f.lower(k),
            "continue" | "continues" | "continued" | "continuing"
        )
    };
    let goes = |k: usize| matches!(f.lower(k), "went" | "goes" | "go" | "going");
    if continues(i - 2) {
        Some(i - 2)
    } else if i >= 3 && f.is(i - 2, "on") && goes(i - 3) {
        Some(i - 3)
    } else {
        None
    }
}

/// Moves forward over the words allowed between a subject and its cue.
pub(super) fn skip_forward(f: &Frame<'_>, mut i: usize) -> usize {
    while i < f.len() && f.quote[i].is_none() {
        let l = f.lower(i);
        let adverb = l.ends_with("ly") && l.len() > 4;
        if lexicon::BETWEEN_SUBJECT_AND_CUE.contains(l) || adverb {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// The phrase `m` is the object of a preposition ("with the union", "in Cairo"), so not a subject.
pub(super) fn preceded_by_preposition(f: &Frame<'_>, m: Span) -> bool {
    // "a group of protesters": the members of a collective are its speakers, not a PP object
    !after_collective(f, m)
        && m.0 > 0
        && f.is_word(m.0 - 1)
        && matches!(
            f.lower(m.0 - 1),
            "to" | "with"
                | "from"
                | "by"
                | "of"
                | "for"
                | "against"
                | "about"
                | "at"
                | "on"
                | "than"
                | "in"
                | "into"
                | "over"
                | "during"
                | "outside"
        )
}

/// The phrase `m` follows "<collective> of" or "<quantifier> of" ("a group of protesters", "some of
/// the protesters"): its members are the speakers.
fn after_collective(f: &Frame<'_>, m: Span) -> bool {
    m.0 >= 2
        && f.lower(m.0 - 1) == "of"
        && (lexicon::COLLECTIVES.contains(f.lower(m.0 - 2))
            && f.toks[m.0 - 2].text.chars().all(|c| c.is_lowercase())
            || lexicon::QUANTIFIERS.contains(f.lower(m.0 - 2)))
        && speakers::is_group_head(&f.toks[m.1 - 1])
}

/// The noun phrase ending at `end`, unless it is a prepositional object.
fn subject_np(f: &Frame<'_>, end: usize) -> Option<Span> {
    speakers::np_before(&f.toks, end, 0).filter(|&m| !preceded_by_preposition(f, m))
}

/// The subject of a finite cue at frame index `i` (see the module docs).
pub(super) fn subject_before(f: &Frame<'_>, i: usize) -> Option<Span> {
    let j = skip_back(f, i);
    direct_subject(f, j)
        .or_else(|| before_bracketed_aside(f, j))
        .or_else(|| before_setting_phrase(f, j))
        .or_else(|| post_modified_group(f, j))
        .or_else(|| before_unpunctuated_participial(f, j))
        .or_else(|| before_parenthetical(f, j))
}

/// The noun phrase right before the cue; "Rice importers in Marovia warned": a group located by a
/// place name speaks as the group ("Rice importers").
fn direct_subject(f: &Frame<'_>, j: usize) -> Option<Span> {
    let m = speakers::np_before(&f.toks, j, 0)?;
    if !preceded_by_preposition(f, m) {
        return Some(m);
    }
    // "On Friday Ford Motor Company announced", "In March 2019 the ministry said": the date
    // belongs to the setting phrase, the rest is the subject
    let mut k = m.0;
    while k + 1 < m.1
        && (lexicon::DAYS.contains(f.lower(k))
            || lexicon::MONTHS.contains(f.lower(k))
            || f.toks[k].kind == TokenKind::Number)
    {
        k += 1;
    }
    if k > m.0 && f.toks[k].is_wordlike() {
        return Some((k, m.1));
    }
    if m.0 >= 2
        && matches!(f.lower(m.0 - 1), "in" | "from" | "at")
        && f.toks[m.0..m.1].iter().all(|t| t.is_capitalized())
        && speakers::is_group_head(&f.toks[m.0 - 2])
    {
        return subject_np(f, m.0 - 1);
    }
    None
}

/// A bracketed aside between subject and cue: "the Syrian Democratic Forces (SDF) announced".
fn before_bracketed_aside(f: &Frame<'_>, j: usize) -> Option<Span> {
    if j == 0 || f.toks[j - 1].text != ")" || f.quote[j - 1].is_some() {
        return None;
    }
    let close = j - 1;
    let open = (close.saturating_sub(7)..close)
        .rev()
        .find(|&k| f.toks[k].text == "(")?;
    if !(open + 1..close).all(|x| f.quote[x].is_none() && f.toks[x].text != ")") {
        return None;
    }
    subject_np(f, open)
}

/// A setting phrase of at most six words between subject and cue: "the union on Monday rejected".
fn before_setting_phrase(f: &Frame<'_>, j: usize) -> Option<Span> {
    for k in (j.saturating_sub(7)..j).rev() {
        if k == 0 || !f.is_word(k) || !lexicon::SETTING_PREPOSITIONS.contains(f.lower(k)) {
            continue;
        }
        if (k..j).any(|x| !f.is_word(x) || lexicon::cue(f.lower(x)).is_some()) {
            continue;
        }
        if let Some(m) = subject_np(f, skip_back(f, k)) {
            return Some(m);
        }
    }
    None
}

/// A post-modified group: "Officials familiar with the talks said".
fn post_modified_group(f: &Frame<'_>, j: usize) -> Option<Span> {
    for k in (j.saturating_sub(8)..j).rev() {
        if speakers::postmodifier_end(&f.toks, k, j) == Some(j)
            && (k..j).all(|x| f.quote[x].is_none())
            && let Some(m) = subject_np(f, k)
        {
            return Some((m.0, j));
        }
    }
    None
}

/// An unpunctuated participial phrase: "Mitsotakis speaking to the Atlantic Council called".
fn before_unpunctuated_participial(f: &Frame<'_>, j: usize) -> Option<Span> {
    for k in (j.saturating_sub(9)..j).rev() {
        if k == 0
            || !matches!(
                f.lower(k),
                "speaking" | "talking" | "writing" | "addressing"
            )
        {
            continue;
        }
        if (k..j).any(|x| !f.is_word(x)) {
            return None;
        }
        // "speaking to the council", "addressing parliament"; not "talking about others who say"
        if !(f.lower(k) == "addressing"
            || matches!(
                f.lower(k + 1),
                "to" | "at" | "with" | "in" | "on" | "before"
            ))
            || (k..j).any(|x| matches!(f.lower(x), "who" | "which" | "that" | "whom"))
        {
            continue;
        }
        if let Some(m) = subject_np(f, k) {
            return Some(m);
        }
    }
    None
}

/// A parenthetical between commas: "Minister Ines Barros, speaking in parliament, urged".
fn before_parenthetical(f: &Frame<'_>, j: usize) -> Option<Span> {
    if j == 0 || f.toks[j - 1].text != "," {
        return None;
    }
    let close = j - 1;
    let open = (close.saturating_sub(9)..close)
        .rev()
        .find(|&k| f.toks[k].text == "," && f.quote[k].is_none())?;
    let first = f.lower(open + 1);
    let parenthetical = first.ends_with("ing")
        || lexicon::SETTING_PREPOSITIONS.contains(first)
        || matches!(
            first,
            "who" | "which" | "according" | "however" | "meanwhile"
        );
    if !parenthetical || !(open + 1..close).all(|x| f.quote[x].is_none()) {
        return None;
    }
    subject_np(f, skip_back(f, open))
}

/// Words that open a sentence before its subject ("On Tuesday, …", "Speaking to reporters, …").
fn is_sentence_opener(f: &Frame<'_>, s: usize) -> bool {
    let l = f.lower(s);
    matches!(
        l,
        "in" | "on"
            | "at"
            | "during"
            | "after"
            | "before"
            | "by"
            | "with"
            | "for"
            | "from"
            | "since"
            | "despite"
            | "amid"
            | "following"
            | "under"
            | "late"
            | "early"
            | "earlier"
            | "later"
            | "last"
            | "this"
            | "speaking"
            | "asked"
    ) || f.toks[s].kind == TokenKind::Number
        // "Refusing to give up power, Mugabe agreed …"
        || (l.ends_with("ing") && l.len() > 5)
}

/// The sentence subject: the first noun phrase after any opening adverbial ("On Tuesday, …"),
/// looking only before frame index `before`.
pub(super) fn sentence_subject(f: &Frame<'_>, before: usize) -> Option<Span> {
    let n = before.min(f.len());
    let mut starts = vec![0];
    starts.extend(
        (0..n)
            .filter(|&i| f.toks[i].text == "," && i + 1 < n)
            .map(|i| i + 1),
    );
    for s in starts {
        if f.quote.get(s).is_some_and(|q| q.is_some()) {
            continue;
        }
        // skip a leading "However" / "Yet" / "Then"
        let mut s = s;
        while s < n
            && (matches!(
                f.lower(s),
                "however" | "yet" | "then" | "meanwhile" | "but" | "and" | "also" | "still" | "so"
            ) || (s > 0 && f.toks[s].text == "," && f.quote[s].is_none()))
        {
            s += 1;
        }
        if s >= n {
            continue;
        }
        if let Some((a, b)) = speakers::np_after(&f.toks, s, n) {
            // the phrase must be followed by something verb-like (or close an appositive)
            if b < f.len() && (f.toks[b].is_wordlike() || (f.toks[b].text == "," && b > a + 2)) {
                return Some((a, b));
            }
        }
        if !is_sentence_opener(f, s) {
            return None;
        }
    }
    None
}

/// The speaker after "according to" or "by": a noun phrase, or failing that the words up to the
/// next comma (at most eight: "according to people briefed on the talks").
pub(super) fn agent_np(f: &Frame<'_>, start: usize, limit: usize) -> Option<Span> {
    if let Some(m) = speakers::np_after(&f.toks, start, limit) {
        return Some(m);
    }
    // "suggested by talking to the people": a gerund clause, not an agent
    if start < limit && f.is_word(start) && f.lower(start).ends_with("ing") {
        return None;
    }
    let mut e = start;
    while e < limit
        && e - start < 8
        && f.is_word(e)
        && !matches!(f.lower(e), "on" | "in" | "at" | "that" | "last")
    {
        e += 1;
    }
    (e > start).then_some((start, e))
}
