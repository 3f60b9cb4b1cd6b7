//! Pass 3 (continued), speaker phrases at the token level: what can be the head of a speaker's
//! noun phrase (a name, a pronoun, a role, a group or an organisation noun), and the phrase that
//! ends before a cue ([`np_before`], with appositives: "Jane Doe, the union leader,") or starts
//! after one ([`np_after`], for `"…," said Jane Doe`).

use super::lexicon;
use crate::text::tokens::{Token, TokenKind};

/// A token range `(start, end)`.
type Span = (usize, usize);

/// True when `t` can be the last token (head) of a speaker noun phrase.
pub fn is_head(t: &Token<'_>, sentence_initial: bool) -> bool {
    if t.kind != TokenKind::Word {
        return false;
    }
    let lower = low(t.text);
    if lexicon::pronoun(&lower).is_some() {
        return true;
    }
    if is_name_token(t, sentence_initial) {
        return true;
    }
    is_role_word(&lower)
}

pub(super) fn is_role_word(lower: &str) -> bool {
    lexicon::PERSON_ROLES.contains(lower)
        || lexicon::GROUP_ROLES.contains(lower)
        || lexicon::ORGANIZATION_HEADS.contains(lower)
}

/// The end (exclusive) of a post-modifier starting at `i` ("familiar with the talks"), when
/// `toks[i - 1]` is a role or group noun: a link preposition and a short noun phrase of at most
/// six words, ending before punctuation, a verb-like cue or `limit`.
pub fn postmodifier_end(toks: &[Token<'_>], i: usize, limit: usize) -> Option<usize> {
    let limit = limit.min(toks.len());
    if i == 0
        || i + 1 >= limit
        || !lexicon::POSTMODIFIERS.contains(&low(toks[i].text))
        || !is_role_word(&low(toks[i - 1].text))
        || !lexicon::POSTMODIFIER_LINKS.contains(&low(toks[i + 1].text))
    {
        return None;
    }
    let mut j = i + 2;
    while j < limit
        && j - i < 8
        && toks[j].kind == TokenKind::Word
        && lexicon::cue(&low(toks[j].text)).is_none()
        && !matches!(&*low(toks[j].text), "that" | "and" | "but" | "who")
    {
        j += 1;
    }
    (j > i + 2).then_some(j)
}

/// A word ending in "-ing" that is a reporting verb or is followed by a preposition or an
/// article ("Refusing to", "Speaking with", "Citing the").
fn is_clause_gerund(toks: &[Token<'_>], i: usize) -> bool {
    let l = low(toks[i].text);
    l.ends_with("ing")
        && (lexicon::cue(&l).is_some()
            || toks.get(i + 1).is_some_and(|t| {
                matches!(
                    t.text,
                    "to" | "with"
                        | "on"
                        | "in"
                        | "at"
                        | "for"
                        | "a"
                        | "an"
                        | "the"
                        | "that"
                        | "his"
                        | "her"
                        | "their"
                        | "its"
                )
            }))
}

/// A plural group noun ("importers", "officials"), any case.
pub fn is_group_head(t: &Token<'_>) -> bool {
    lexicon::GROUP_ROLES.contains(&low(t.text))
}

/// A lowercase word that can modify a role noun ("summit" in "the summit president"): letters
/// and hyphens, not a reporting verb, function word, adverb, past form or gerund.
pub(super) fn is_plain_modifier(t: &Token<'_>) -> bool {
    let l = low(t.text);
    t.kind == TokenKind::Word
        && t.text.chars().all(|c| c.is_lowercase() || c == '-')
        && t.text.chars().count() >= 3
        && !l.ends_with("ed")
        && !l.ends_with("ly")
        && !l.ends_with("ing")
        && lexicon::cue(&l).is_none()
        && !is_determiner(&l)
        && !matches!(
            &*l,
            "and" | "but" | "the" | "for" | "with" | "from" | "that" | "who" | "was" | "were"
                | "has" | "have" | "had" | "are" | "also" | "not" | "now" | "then" | "into"
                | "over" | "after" | "before" | "about" | "than" | "this" | "these" | "those"
                | "all" | "both" | "each" | "any" | "some" | "many" | "most" | "other" | "such"
                // "the way people think", "the time officials need"
                | "way" | "time" | "day" | "year" | "moment" | "reason" | "thing" | "place"
                | "number" | "kind" | "sort" | "rest" | "majority" | "more" | "less" | "few"
        )
}

/// A capitalised word shaped like a nationality adjective ("Tessalian", "Japanese", "British",
/// "Israeli") that is not itself a state name.
fn is_demonym_shaped(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Word
        && t.is_capitalized()
        && !lexicon::STATES.contains_key(t.text)
        && ["ian", "ean", "an", "ese", "ish", "i"]
            .iter()
            .any(|e| t.text.ends_with(e))
        && t.text.chars().count() >= 4
}

/// A lowercase noun modifying a group noun after a nationality adjective: "rice" in
/// "Tessalian rice farmers", "nuclear" in "Iranian nuclear negotiators".
fn is_compound_modifier(toks: &[Token<'_>], i: usize) -> bool {
    i >= 1
        && i + 1 < toks.len()
        && is_plain_modifier(&toks[i])
        && lexicon::GROUP_ROLES.contains(&low(toks[i + 1].text))
        && is_demonym_shaped(&toks[i - 1])
}

/// A capitalised word that can be part of a name (not a function word).
pub fn is_name_token(t: &Token<'_>, sentence_initial: bool) -> bool {
    if t.kind != TokenKind::Word || !(t.is_capitalized() || is_particle_name(t.text)) {
        return false;
    }
    if lexicon::NOT_NAMES.contains(t.text) {
        return false;
    }
    // "Kurdish-led", "Iran-backed", "US-based": a capitalised descriptor, not part of a name
    if let Some((_, suffix)) = t.text.rsplit_once('-')
        && matches!(
            suffix,
            "led"
                | "backed"
                | "based"
                | "run"
                | "owned"
                | "funded"
                | "sponsored"
                | "aligned"
                | "controlled"
                | "held"
                | "born"
        )
    {
        return false;
    }
    // "You're", "It's", "We'll": a pronoun with a contraction
    if let Some((a, _)) = t.text.split_once(['\'', '\u{2019}'])
        && lexicon::pronoun(&low(a)).is_some()
    {
        return false;
    }
    if sentence_initial && lexicon::cue(&low(t.text)).is_some() {
        return false;
    }
    true
}

/// A hyphenated name with a lowercase Arabic article or patronymic: "el-Sisi", "al-Assad",
/// "bin-Zayed".
fn is_particle_name(text: &str) -> bool {
    text.split_once('-').is_some_and(|(p, rest)| {
        matches!(
            p,
            "el" | "al" | "ad" | "ar" | "as" | "ash" | "at" | "az" | "bin" | "ibn" | "abu"
        ) && rest.chars().next().is_some_and(char::is_uppercase)
    })
}

/// A lowercase name particle between two name tokens, possibly beside another particle
/// ("von der Leyen").
fn is_inner_particle(toks: &[Token<'_>], i: usize) -> bool {
    let particle = |k: usize| lexicon::NAME_PARTICLES.contains(toks[k].text);
    if !particle(i) {
        return false;
    }
    let left = (i.saturating_sub(2)..i)
        .rev()
        .take_while(|&k| k + 1 == i || particle(k + 1))
        .any(|k| is_name_token(&toks[k], false));
    let right = (i + 1..(i + 3).min(toks.len()))
        .take_while(|&k| k == i + 1 || particle(k - 1))
        .any(|k| is_name_token(&toks[k], false));
    left && right
}

pub(super) fn is_possessive(t: &Token<'_>) -> bool {
    t.text == "'s" || t.text == "\u{2019}s" || t.text == "'S"
}

/// A plural possessive apostrophe: "Farmers' League", "the States' envoy".
fn is_plural_possessive(toks: &[Token<'_>], i: usize) -> bool {
    i > 0
        && matches!(toks[i].text, "'" | "\u{2019}")
        && toks[i - 1].end == toks[i].start
        && toks[i - 1].text.ends_with(['s', 'S'])
}

/// Finds the noun phrase ending at token `end - 1` (exclusive `end`), walking left.
///
/// `floor` is the first token index the phrase may use. Returns `(start, end)` token indices.
/// Appositives are included: `X, Y,` before a cue gives the span of both.
pub fn np_before(toks: &[Token<'_>], end: usize, floor: usize) -> Option<(usize, usize)> {
    if end == 0 || end <= floor {
        return None;
    }
    let mut e = end;
    // appositive: "Name, the union leader, said" / "Leader, Name, has said" /
    // "Name, a ward sister at St Mary's, said" / "The union, which represents 4,000 nurses, said"
    if toks[e - 1].text == "," {
        let inner_end = e - 1;
        let plausible = |inner: &[Token<'_>]| {
            !inner.is_empty()
                && inner.len() <= 15
                && inner.iter().all(|t| {
                    t.kind != TokenKind::Punct
                        || matches!(
                            t.text,
                            "'s" | "\u{2019}s" | "-" | "." | "'" | "\u{2019}" | "&"
                        )
                })
                && inner.iter().all(|t| lexicon::cue(&low(t.text)).is_none())
        };
        // one appositive ("Name, the mayor of Lusa,") or two ("Name, the mayor of Lusa, the
        // valley's largest town,")
        let mut seg_end = inner_end;
        let mut found: Option<(usize, usize)> = None;
        for level in 0..2 {
            let lo = seg_end.saturating_sub(16).max(floor);
            let Some(open) = (lo..seg_end).rev().find(|&k| toks[k].text == ",") else {
                break;
            };
            if !plausible(&toks[open + 1..seg_end]) {
                break;
            }
            if let Some((os, _)) = np_simple_before(toks, open, floor) {
                let os = with_of_complement(toks, os, floor);
                let os_ok =
                    os == floor || !toks[os - 1].is_wordlike() || is_clause_opener(&toks[os - 1]);
                if os_ok && level == 0 {
                    found = Some((os, inner_end));
                    // a role phrase may itself be the second appositive of a name before it
                    if !is_determiner(toks[os].text) {
                        break;
                    }
                } else if os_ok && is_name_token(&toks[os], false) {
                    return Some((os, inner_end));
                }
            }
            seg_end = open;
        }
        return found;
    }
    let (s, e2) = np_simple_before(toks, e, floor)?;
    e = e2;
    Some((with_of_complement(toks, s, floor), e))
}

/// "Cardinal Marc Ouellet of the Holy See", "Doug Miller of Milltech Marine", "representatives
/// from Iran": a phrase starting at `s` after "of" or "from" is the complement of the name or
/// role before it, which starts the speaker's phrase; returns the phrase's start.
fn with_of_complement(toks: &[Token<'_>], s: usize, floor: usize) -> usize {
    if s < floor + 2 || !matches!(toks[s - 1].text, "of" | "from") {
        return s;
    }
    let Some((ps, _)) = np_simple_before(toks, s - 1, floor) else {
        return s;
    };
    let head = &toks[s - 2];
    let collective = lexicon::COLLECTIVES.contains(&low(head.text));
    let person_like =
        is_name_token(head, s - 2 == floor) || is_role_word(&low(head.text)) && !collective;
    if person_like && lexicon::pronoun(&low(head.text)).is_none() {
        ps
    } else {
        s
    }
}

fn is_clause_opener(t: &Token<'_>) -> bool {
    matches!(
        t.text.to_lowercase().as_str(),
        "and"
            | "but"
            | "after"
            | "when"
            | "while"
            | "as"
            | "since"
            | "because"
            | "although"
            | "though"
            | "that"
            | "yet"
            | "so"
            | "then"
            | "before"
            | "where"
            | "if"
    )
}

/// One step of [`np_simple_before`] walking left from token `s`: the phrase goes on from the
/// new start, or stops there.
enum Step {
    To(usize),
    Stop(usize),
}

/// The noun phrase ending right before `end` without appositives.
fn np_simple_before(toks: &[Token<'_>], end: usize, floor: usize) -> Option<Span> {
    if end == 0 || end <= floor {
        return None;
    }
    let head = &toks[end - 1];
    if !is_head(head, end - 1 == floor) {
        return None;
    }
    if lexicon::pronoun(&low(head.text)).is_some() {
        return Some((end - 1, end));
    }
    let mut s = end - 1;
    while s > floor {
        match step_left(toks, s, end, floor) {
            Step::To(n) => s = n,
            Step::Stop(n) => {
                s = n;
                break;
            }
        }
    }
    // never start with a bare preposition/possessive
    while s < end - 1 && (toks[s].text == "for" || toks[s].text == "of") {
        s += 1;
    }
    Some((s, end))
}

/// Whether the phrase ending at `end` can take in token `s - 1`, and from where it goes on.
fn step_left(toks: &[Token<'_>], s: usize, end: usize, floor: usize) -> Step {
    let t = &toks[s - 1];
    let l = low(t.text);
    if lexicon::DETERMINERS.contains(&l) {
        return determiner_step(toks, s - 1, floor);
    }
    if is_possessive(t) || is_plural_possessive(toks, s - 1) {
        return possessive_step(toks, s, floor);
    }
    if is_name_token(t, s - 1 == floor)
        || (t.kind == TokenKind::Word
            && (lexicon::NP_MODIFIERS.contains(&l)
                || lexicon::TITLES.contains(&l)
                || is_role_word(&l)))
    {
        return Step::To(s - 1);
    }
    modifier_step(toks, s, end, floor)
        .or_else(|| link_step(toks, s, end, floor))
        .unwrap_or(Step::Stop(s))
}

/// A determiner at `d` ends the phrase, unless it belongs to a role's complement: "a
/// spokesperson for the ministry", "the head of the union".
fn determiner_step(toks: &[Token<'_>], d: usize, floor: usize) -> Step {
    if d >= 2 + floor {
        let link = low(toks[d - 1].text);
        let before = low(toks[d - 2].text);
        if (link == "for" || link == "of")
            && (lexicon::PERSON_ROLES.contains(&before) || lexicon::GROUP_ROLES.contains(&before))
        {
            return Step::To(d - 1);
        }
    }
    Step::Stop(d)
}

/// A possessive before `s`: "Iran's Supreme Leader", "Farmers' League", "the alliance's
/// president" include the possessor; "the convention's secretary-general" a common-noun one
/// after a determiner.
fn possessive_step(toks: &[Token<'_>], s: usize, floor: usize) -> Step {
    if s >= 2 + floor
        && (is_name_token(&toks[s - 2], s - 2 == floor) || is_role_word(&low(toks[s - 2].text)))
    {
        return Step::To(s - 2);
    }
    if s >= 3 + floor && is_plain_modifier(&toks[s - 2]) && is_determiner(toks[s - 3].text) {
        return Step::Stop(s - 3);
    }
    Step::Stop(s)
}

/// Lowercase modifiers inside a phrase: "the summit president", "the island's fisheries
/// minister" (one or two nouns after a determiner or possessive, before a role head), "Tessalian
/// rice farmers", and name particles ("von der Leyen", "Lula da Silva").
fn modifier_step(toks: &[Token<'_>], s: usize, end: usize, floor: usize) -> Option<Step> {
    let t = &toks[s - 1];
    if is_role_word(&low(toks[end - 1].text)) && is_plain_modifier(t) {
        let mut b = s - 1;
        if b > floor + 1 && is_plain_modifier(&toks[b - 1]) {
            b -= 1;
        }
        if b > floor
            && (is_determiner(toks[b - 1].text)
                || is_possessive(&toks[b - 1])
                || is_plural_possessive(toks, b - 1))
        {
            return Some(Step::To(b));
        }
    }
    let compound = s > floor + 1 && s == end - 1 && is_compound_modifier(toks, s - 1);
    let particle = s > floor + 1 && is_inner_particle(toks, s - 1);
    (compound || particle).then_some(Step::To(s - 1))
}

/// Linking words inside a phrase: "President Abdel Fattah el-Sisi of Egypt" (a person and their
/// country), "Ambassador to Ruritania John Ash" (a title's posting), "Metal and Machine Workers Alliance", "Bank of England" (inside a capitalised
/// organisation name), "spokesperson for the ministry", "head of the union".
fn link_step(toks: &[Token<'_>], s: usize, end: usize, floor: usize) -> Option<Step> {
    let l = low(toks[s - 1].text);
    if s < 2 + floor || !matches!(&*l, "and" | "of" | "&" | "for" | "on" | "to") {
        return None;
    }
    let prev = &toks[s - 2];
    // "US Ambassador to Ruritania John Ash": a title's posting
    if l == "to" {
        let posted = lexicon::TITLES.contains(&low(prev.text)) && is_name_token(&toks[s], false);
        return posted.then_some(Step::To(s - 1));
    }
    let person_of_country = l == "of"
        && is_name_token(prev, false)
        && !lexicon::STATES.contains_key(prev.text)
        && lexicon::STATES.contains_key(
            toks[s..end]
                .iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" ")
                .as_str(),
        );
    let dated = {
        let next = low(toks[s].text);
        lexicon::DAYS.contains(&next) || lexicon::MONTHS.contains(&next)
    };
    let inside_org_name = is_name_token(prev, s - 2 == floor)
        && is_name_token(&toks[s], false)
        && !dated
        && !lexicon::STATES.contains_key(toks[s].text)
        && !lexicon::STATES.contains_key(prev.text)
        && (s - 1 > floor + 1 || !is_name_token(prev, true))
        && toks[s - 2..end]
            .iter()
            .any(|t| lexicon::ORGANIZATION_HEADS.contains(&low(t.text)));
    let role_complement = (l == "for" || l == "of") && {
        let before = low(prev.text);
        lexicon::PERSON_ROLES.contains(&before) || lexicon::GROUP_ROLES.contains(&before)
    };
    (person_of_country || inside_org_name || role_complement).then_some(Step::To(s - 1))
}

/// Finds the noun phrase starting at token `start` (for inverted cues: `"…," said Jane Doe`).
///
/// Returns `(start, end)` token indices; an appositive after a comma is included when it is a
/// role phrase ("said Jane Doe, the union leader").
pub fn np_after(toks: &[Token<'_>], start: usize, limit: usize) -> Option<Span> {
    let mut i = start;
    if i >= limit {
        return None;
    }
    if lexicon::pronoun(toks[i].text).is_some() {
        return Some((i, i + 1));
    }
    while i < limit && is_determiner(toks[i].text) {
        i += 1;
    }
    // "Refusing to give up power, …", "Speaking to reporters, …": a capitalised gerund opens a
    // clause, not a name
    if i < limit && toks[i].is_capitalized() && is_clause_gerund(toks, i) {
        return None;
    }
    let body_start = i;
    while i < limit && continues_phrase(toks, i, body_start, limit) {
        i += 1;
    }
    // the phrase must end on a head
    while i > body_start && !is_head(&toks[i - 1], false) {
        i -= 1;
    }
    if i == body_start {
        return None;
    }
    let i = role_complement_end(toks, i, limit).unwrap_or(i);
    // "officials involved in the talks"
    if let Some(j) = postmodifier_end(toks, i, limit) {
        return Some((start, j));
    }
    if let Some(j) = appositive_end(toks, i, limit) {
        return Some((start, j));
    }
    Some((start, i))
}

/// Whether token `i` continues a phrase begun at `body_start` (for [`np_after`]).
fn continues_phrase(toks: &[Token<'_>], i: usize, body_start: usize, limit: usize) -> bool {
    let t = &toks[i];
    let l = low(t.text);
    is_name_token(t, false)
        || (t.kind == TokenKind::Word
            && (lexicon::NP_MODIFIERS.contains(&l)
                || lexicon::TITLES.contains(&l)
                || is_role_word(&l)))
        || ((is_possessive(t) || is_plural_possessive(toks, i)) && i > body_start)
        || (i > body_start && i + 1 < limit && is_inner_particle(toks, i))
        || (i > body_start && i + 1 < limit && is_compound_modifier(toks, i))
}

/// "members of the European Union", "a spokesperson for the ministry": the end of a role's
/// complement after the phrase ending at `i`.
fn role_complement_end(toks: &[Token<'_>], i: usize, limit: usize) -> Option<usize> {
    if !(i + 1 < limit
        && matches!(toks[i].text, "of" | "for")
        && is_role_word(&low(toks[i - 1].text)))
    {
        return None;
    }
    let mut j = i + 1;
    while j < limit && is_determiner(toks[j].text) {
        j += 1;
    }
    let k0 = j;
    while j < limit && (is_name_token(&toks[j], false) || is_role_word(&low(toks[j].text))) {
        j += 1;
        // "the Group of Southern Nations": a linking word inside a capitalised name
        if j + 1 < limit
            && matches!(toks[j].text, "of" | "for" | "and" | "&")
            && is_name_token(&toks[j - 1], false)
            && is_name_token(&toks[j + 1], false)
        {
            j += 1;
        }
    }
    (j > k0).then_some(j)
}

/// An appositive after the phrase ending at `i`: a role (", the union leader,") or a name
/// ("said Tavria's lead negotiator, Marek Halloway"); returns where it ends.
fn appositive_end(toks: &[Token<'_>], i: usize, limit: usize) -> Option<usize> {
    if !(i + 1 < limit && toks[i].text == ",") {
        return None;
    }
    let mut j = i + 1;
    while j < limit && toks[j].text != "," && toks[j].text != "." && j - i <= 10 {
        j += 1;
    }
    let seg = &toks[i + 1..j];
    let role = seg.iter().any(|t| is_role_word(&low(t.text)));
    let name = !seg.is_empty() && seg.iter().all(|t| is_name_token(t, false));
    (!seg.is_empty() && (role || name) && seg.iter().all(|t| lexicon::cue(&low(t.text)).is_none()))
        .then_some(j)
}

/// Lowercase, borrowing when the word has no capitals.
pub(super) fn low(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(s.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

pub(super) fn is_determiner(s: &str) -> bool {
    lexicon::DETERMINERS
        .iter()
        .any(|d| d.eq_ignore_ascii_case(s))
}
