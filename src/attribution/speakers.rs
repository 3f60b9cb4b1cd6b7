//! Speaker mentions: finding the noun phrase of a speaker, typing it, and merging the mentions of
//! one speaker under one canonical name per article.
//!
//! A mention is a run of tokens: a pronoun ("he"), a name with titles and appositives ("Iran's
//! Supreme Leader, Ayatollah Ali Khamenei"), a role ("the foreign minister", "Iranian officials"),
//! an organisation ("the State Department", "the union") or a state ("Iran", "Washington").

use super::lexicon::{self, Gender};
use crate::text::tokens::{Token, TokenKind};
use serde::{Deserialize, Serialize};

/// What kind of source a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// One person: a name, a role ("the minister") or he/she.
    Person,
    /// Several people: "officials", "protesters", "Iranian officials".
    Group,
    /// A ministry, union, company, party, media outlet, international body.
    Organization,
    /// A country, or its capital used for its government ("Washington").
    State,
    /// A pronoun or mention that could not be resolved.
    Unknown,
}

impl SpeakerKind {
    /// Lowercase name used in reports: `person`, `group`, `organization`, `state`, `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Group => "group",
            SpeakerKind::Organization => "organization",
            SpeakerKind::State => "state",
            SpeakerKind::Unknown => "unknown",
        }
    }
}

impl std::str::FromStr for SpeakerKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "person" => SpeakerKind::Person,
            "group" => SpeakerKind::Group,
            "organization" | "organisation" => SpeakerKind::Organization,
            "state" => SpeakerKind::State,
            "unknown" => SpeakerKind::Unknown,
            _ => {
                return Err(format!(
                    "unknown speaker kind `{s}` (person, group, organization, state, unknown)"
                ));
            }
        })
    }
}

/// A parsed mention: what the tokens say about the speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionInfo {
    /// The mention's kind before coreference (pronouns are `Unknown` here).
    pub kind: SpeakerKind,
    /// The name part, without titles ("Ali Khamenei"), if the mention has one.
    pub name: Option<String>,
    /// Lowercase title and role words ("supreme", "leader", "ayatollah").
    pub titles: Vec<String>,
    /// The mention text without a leading determiner, for roles, groups and organisations.
    pub label: String,
    /// Gender implied by a pronoun or title.
    pub gender: Option<Gender>,
    /// Pronoun information when the mention is a pronoun.
    pub pronoun: Option<lexicon::PronounInfo>,
    /// Lowercase head word (last token).
    pub head: String,
    /// The mention starts with "the" or a possessive ("the minister", "its head"): it refers
    /// back to someone already in the text.
    pub definite: bool,
    /// The mention starts with a personal possessive ("his legal team", "their union"): it
    /// belongs to a person or group, so it is not resolved to the latest organisation.
    pub possessed: bool,
}

/// Lowercase words before a name that make it an organisation's ("daily Kathimerini").
const ORG_DESCRIPTORS: &[&str] = &[
    "daily",
    "weekly",
    "newspaper",
    "magazine",
    "broadcaster",
    "channel",
    "outlet",
    "agency",
    "firm",
    "company",
    "party",
    "ruling",
    "airline",
    "lender",
    "insurer",
    "carmaker",
    "conglomerate",
    "think-tank",
];

const DETERMINERS: &[&str] = &["the", "a", "an", "its", "his", "her", "their", "our"];
const NP_MODIFIERS_LIST: &[&str] = &[
    "foreign",
    "prime",
    "senior",
    "top",
    "former",
    "chief",
    "deputy",
    "state",
    "local",
    "federal",
    "national",
    "regional",
    "union",
    "company",
    "government",
    "party",
    "opposition",
    "military",
    "security",
    "western",
    "european",
    "defence",
    "defense",
    "interior",
    "finance",
    "trade",
    "energy",
    "economy",
    "health",
    "labour",
    "labor",
    "justice",
    "vice",
    "general",
    "supreme",
    "special",
    "presidential",
    "press",
    "media",
    "official",
    "acting",
    "interim",
    "lead",
    "main",
    "chief",
    "head",
    "executive",
    "rebel",
    "militant",
    "armed",
    "ruling",
    "governing",
    "junior",
    "coalition",
    "bank",
    "central",
    "unnamed",
    "anonymous",
    "several",
    "other",
    "some",
    "many",
    "two",
    "three",
    "four",
    "both",
    "all",
    "most",
    "few",
    "unidentified",
    "independent",
    "u.n.",
    "white",
    "house",
    "elected",
    "outgoing",
    "incoming",
    "new",
    "current",
    "then",
    "longtime",
    "veteran",
    "economic",
    "political",
    "diplomatic",
    "public",
    "private",
    "civil",
    "hardline",
    "moderate",
    "conservative",
    "liberal",
    "socialist",
    "communist",
    "ministry",
    "department",
    "embassy",
    "shipping",
    "dock",
    "port",
    "airline",
    "rail",
    "transport",
    "teachers",
    "nurses",
    "workers",
    "employers",
    "industry",
    "business",
    "climate",
    "environment",
    "environmental",
    "human",
    "rights",
    "peace",
    "israeli",
    "iranian",
    "american",
    "russian",
    "chinese",
    "british",
    "german",
    "french",
    "turkish",
    "greek",
    "syrian",
    "kurdish",
];

static NP_MODIFIERS: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| NP_MODIFIERS_LIST.iter().copied().collect());

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

fn is_role_word(lower: &str) -> bool {
    lexicon::PERSON_ROLES.contains(&lower)
        || lexicon::GROUP_ROLES.contains(&lower)
        || lexicon::ORGANIZATION_HEADS.contains(&lower)
}

/// Words that open a post-modifier of a role or group noun: "officials familiar with the
/// talks", "diplomats involved in the negotiations", "people briefed on the plan".
pub const POSTMODIFIERS: &[&str] = &[
    "familiar",
    "involved",
    "briefed",
    "close",
    "knowledgeable",
    "participating",
];

/// Prepositions that may follow a [`POSTMODIFIERS`] word.
const POSTMODIFIER_LINKS: &[&str] = &["with", "in", "on", "to", "about"];

/// The end (exclusive) of a post-modifier starting at `i` ("familiar with the talks"), when
/// `toks[i - 1]` is a role or group noun: a link preposition and a short noun phrase of at most
/// six words, ending before punctuation, a verb-like cue or `limit`.
pub fn postmodifier_end(toks: &[Token<'_>], i: usize, limit: usize) -> Option<usize> {
    let limit = limit.min(toks.len());
    if i == 0
        || i + 1 >= limit
        || !POSTMODIFIERS.contains(&&*low(toks[i].text))
        || !is_role_word(&low(toks[i - 1].text))
        || !POSTMODIFIER_LINKS.contains(&&*low(toks[i + 1].text))
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

/// Capitalised adjectives that open a sentence before a name and are not part of it:
/// "Neighbouring Halvany said", "Embattled Prime Minister …".
const LEADING_ADJECTIVES: &[&str] = &[
    "neighbouring",
    "neighboring",
    "embattled",
    "outgoing",
    "incoming",
    "fellow",
    "rival",
    "veteran",
];

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
    lexicon::GROUP_ROLES.contains(&&*low(t.text))
}

/// A lowercase word that can modify a role noun ("summit" in "the summit president"): letters
/// and hyphens, not a reporting verb, function word, adverb, past form or gerund.
fn is_plain_modifier(t: &Token<'_>) -> bool {
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
        && lexicon::GROUP_ROLES.contains(&&*low(toks[i + 1].text))
        && is_demonym_shaped(&toks[i - 1])
}

/// A capitalised word that can be part of a name (not a function word).
pub fn is_name_token(t: &Token<'_>, sentence_initial: bool) -> bool {
    if t.kind != TokenKind::Word || !(t.is_capitalized() || is_particle_name(t.text)) {
        return false;
    }
    if lexicon::NOT_NAMES.contains(&t.text) {
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

/// Lowercase particles inside personal names: "Ursula von der Leyen", "Luiz Inácio Lula da
/// Silva", "Mohammed bin Salman".
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "das", "do", "dos", "di", "del", "della", "du", "la",
    "le", "bin", "ibn", "al", "el", "ben", "ter", "ten",
];

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
    let particle = |k: usize| NAME_PARTICLES.contains(&toks[k].text);
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

fn is_possessive(t: &Token<'_>) -> bool {
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
    Some((s, e))
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

/// The noun phrase ending right before `end` without appositives.
fn np_simple_before(toks: &[Token<'_>], end: usize, floor: usize) -> Option<(usize, usize)> {
    if end == 0 || end <= floor {
        return None;
    }
    let head = &toks[end - 1];
    let head_initial = end - 1 == floor;
    if !is_head(head, head_initial) {
        return None;
    }
    let lower = low(head.text);
    if lexicon::pronoun(&lower).is_some() {
        return Some((end - 1, end));
    }
    let mut s = end - 1;
    while s > floor {
        let t = &toks[s - 1];
        let l = low(t.text);
        if DETERMINERS.contains(&&*l) {
            s -= 1;
            // "a spokesperson for the ministry", "the head of the union"
            if s >= 2 + floor {
                let link = low(toks[s - 1].text);
                let before = low(toks[s - 2].text);
                if (link == "for" || link == "of")
                    && (lexicon::PERSON_ROLES.contains(&&*before)
                        || lexicon::GROUP_ROLES.contains(&&*before))
                {
                    s -= 1;
                    continue;
                }
            }
            break;
        }
        if is_possessive(t) || is_plural_possessive(toks, s - 1) {
            // Iran's Supreme Leader, Farmers' League, the alliance's president: include the
            // possessor
            if s >= 2 + floor
                && (is_name_token(&toks[s - 2], s - 2 == floor)
                    || is_role_word(&low(toks[s - 2].text)))
            {
                s -= 2;
                continue;
            }
            // "the convention's secretary-general": a common-noun possessor after a determiner
            if s >= 3 + floor && is_plain_modifier(&toks[s - 2]) && is_determiner(toks[s - 3].text)
            {
                s -= 3;
                break;
            }
            break;
        }
        if is_name_token(t, s - 1 == floor)
            || (t.kind == TokenKind::Word
                && (NP_MODIFIERS.contains(&&*l)
                    || lexicon::TITLES.contains(&&*l)
                    || is_role_word(&l)))
        {
            s -= 1;
            continue;
        }
        // "the summit president", "the island's fisheries minister": one or two lowercase
        // nouns between a determiner or possessive and a role head
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
                s = b;
                continue;
            }
        }
        // "Tessalian rice farmers"
        if s > floor + 1 && s == end - 1 && is_compound_modifier(toks, s - 1) {
            s -= 1;
            continue;
        }
        // "von der Leyen", "Lula da Silva"
        if s > floor + 1 && is_inner_particle(toks, s - 1) {
            s -= 1;
            continue;
        }
        // "President Abdel Fattah el-Sisi of Egypt": a personal name followed by its country
        if l == "of"
            && s >= 2 + floor
            && is_name_token(&toks[s - 2], false)
            && !lexicon::STATES.contains_key(toks[s - 2].text)
            && lexicon::STATES.contains_key(
                toks[s..end]
                    .iter()
                    .map(|t| t.text)
                    .collect::<Vec<_>>()
                    .join(" ")
                    .as_str(),
            )
        {
            s -= 1;
            continue;
        }
        // "Metal and Machine Workers Alliance", "Bank of England": a linking word inside a
        // capitalised name
        if matches!(&*l, "and" | "of" | "&" | "for")
            && s >= 2 + floor
            && is_name_token(&toks[s - 2], s - 2 == floor)
            && is_name_token(&toks[s], false)
            && !lexicon::STATES.contains_key(toks[s].text)
            && !lexicon::STATES.contains_key(toks[s - 2].text)
            && (s - 1 > floor + 1 || !is_name_token(&toks[s - 2], true))
            && toks[s - 2..end]
                .iter()
                .any(|t| lexicon::ORGANIZATION_HEADS.contains(&&*low(t.text)))
        {
            s -= 1;
            continue;
        }
        // "spokesperson for the ministry", "head of the union"
        if (l == "for" || l == "of") && s >= 2 + floor {
            let before = low(toks[s - 2].text);
            if lexicon::PERSON_ROLES.contains(&&*before) || lexicon::GROUP_ROLES.contains(&&*before)
            {
                s -= 1;
                continue;
            }
        }
        break;
    }
    // never start with a bare preposition/possessive
    while s < end - 1 && (toks[s].text == "for" || toks[s].text == "of") {
        s += 1;
    }
    Some((s, end))
}

/// Finds the noun phrase starting at token `start` (for inverted cues: `"…," said Jane Doe`).
///
/// Returns `(start, end)` token indices; an appositive after a comma is included when it is a
/// role phrase ("said Jane Doe, the union leader").
pub fn np_after(toks: &[Token<'_>], start: usize, limit: usize) -> Option<(usize, usize)> {
    let mut i = start;
    if i >= limit {
        return None;
    }
    if let Some(_p) = lexicon::pronoun(toks[i].text) {
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
    while i < limit {
        let t = &toks[i];
        let l = low(t.text);
        if is_name_token(t, false)
            || (t.kind == TokenKind::Word
                && (NP_MODIFIERS.contains(&&*l)
                    || lexicon::TITLES.contains(&&*l)
                    || is_role_word(&l)))
            || ((is_possessive(t) || is_plural_possessive(toks, i)) && i > body_start)
            || (i > body_start && i + 1 < limit && is_inner_particle(toks, i))
            || (i > body_start && i + 1 < limit && is_compound_modifier(toks, i))
        {
            i += 1;
        } else {
            break;
        }
    }
    if i == body_start {
        return None;
    }
    // the phrase must end on a head
    while i > body_start && !is_head(&toks[i - 1], false) {
        i -= 1;
    }
    if i == body_start {
        return None;
    }
    // "members of the European Union", "a spokesperson for the ministry"
    if i + 1 < limit && matches!(toks[i].text, "of" | "for") && is_role_word(&low(toks[i - 1].text))
    {
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
        if j > k0 {
            i = j;
        }
    }
    // "officials involved in the talks"
    if let Some(j) = postmodifier_end(toks, i, limit) {
        return Some((start, j));
    }
    // appositive role: ", the union leader,"
    if i + 1 < limit && toks[i].text == "," {
        let mut j = i + 1;
        while j < limit && toks[j].text != "," && toks[j].text != "." && j - i <= 10 {
            j += 1;
        }
        let seg = &toks[i + 1..j];
        let role = seg.iter().any(|t| is_role_word(&low(t.text)));
        // "said Tavria's lead negotiator, Marek Halloway"
        let name = !seg.is_empty() && seg.iter().all(|t| is_name_token(t, false));
        if !seg.is_empty()
            && (role || name)
            && seg.iter().all(|t| lexicon::cue(&low(t.text)).is_none())
        {
            return Some((start, j));
        }
    }
    Some((start, i))
}

/// Parses the tokens of a mention into what they say about the speaker.
pub fn parse_mention(toks: &[Token<'_>]) -> MentionInfo {
    let words: Vec<&Token<'_>> = toks
        .iter()
        .filter(|t| t.kind != TokenKind::Punct || t.text == "'s" || t.text == "\u{2019}s")
        .collect();
    let text_label = label_of(toks);
    let last = words.last().map(|t| t.text).unwrap_or("");
    let head = last.to_lowercase();
    if words.len() == 1
        && let Some(p) = lexicon::pronoun(last)
    {
        return MentionInfo {
            kind: SpeakerKind::Unknown,
            name: None,
            titles: Vec::new(),
            label: last.to_lowercase(),
            gender: p.gender,
            pronoun: Some(p),
            head,
            definite: false,
            possessed: false,
        };
    }
    // split appositive segments at commas; pick the segment holding a personal name if any
    let segments: Vec<&[Token<'_>]> = toks
        .split(|t| t.text == ",")
        .filter(|s| !s.is_empty())
        .filter(|s| {
            let first = low(s[0].text);
            !(matches!(
                &*first,
                "who" | "which" | "whose" | "whom" | "where" | "when"
            ) || first.ends_with("ing")
                || s[0].kind == TokenKind::Number)
        })
        .collect();
    let mut best: Option<MentionInfo> = None;
    let mut titles_all: Vec<String> = Vec::new();
    for seg in &segments {
        let info = parse_segment(seg);
        titles_all.extend(info.titles.iter().cloned());
        let better = match (&best, info.kind) {
            (None, _) => true,
            (Some(b), SpeakerKind::Person) => {
                b.kind != SpeakerKind::Person || (b.name.is_none() && info.name.is_some())
            }
            // "his employer, the Lestovian Daily Courier": a named organisation beats a bare role
            (Some(b), SpeakerKind::Organization | SpeakerKind::State) => {
                b.name.is_none()
                    && !b.label.chars().next().is_some_and(char::is_uppercase)
                    && matches!(b.kind, SpeakerKind::Person | SpeakerKind::Organization)
                    && info.name.is_some()
                    && info.label.chars().next().is_some_and(char::is_uppercase)
            }
            _ => false,
        };
        if better {
            best = Some(info);
        }
    }
    let mut info = best.unwrap_or_else(|| parse_segment(toks));
    info.possessed = toks
        .first()
        .is_some_and(|t| matches!(&*low(t.text), "his" | "her" | "their" | "our"));
    info.definite = toks.first().is_some_and(|t| {
        matches!(
            &*low(t.text),
            "the" | "its" | "his" | "her" | "their" | "our"
        )
    });
    for t in titles_all {
        if !info.titles.contains(&t) {
            info.titles.push(t);
        }
    }
    if info.gender.is_none() {
        info.gender = info.titles.iter().find_map(|t| lexicon::gender_of_word(t));
    }
    if info.gender.is_none() && info.kind == SpeakerKind::Person {
        info.gender = info.name.as_deref().and_then(lexicon::gender_of_given_name);
    }
    if segments.len() > 1 && info.name.is_none() && info.kind == SpeakerKind::Unknown {
        info.label = text_label;
    }
    info
}

/// Lowercase, borrowing when the word has no capitals.
fn low(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(s.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn is_determiner(s: &str) -> bool {
    DETERMINERS.iter().any(|d| d.eq_ignore_ascii_case(s))
}

/// Quantifiers dropped from the front of a label ("Two Western diplomats" → "Western diplomats").
const QUANTIFIERS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "several",
    "some",
    "many",
    "dozens",
    "hundreds",
    "thousands",
    "both",
    "all",
    "most",
    "few",
    "numerous",
    "other",
];

fn label_of(toks: &[Token<'_>]) -> String {
    let mut s = String::new();
    let mut start = 0;
    while start + 1 < toks.len()
        && (is_determiner(toks[start].text)
            || QUANTIFIERS.contains(&&*low(toks[start].text))
            || toks[start].kind == TokenKind::Number
            || (low(toks[start].text) == "of" && start > 0))
    {
        start += 1;
    }
    let mut prev_end: Option<usize> = None;
    for t in &toks[start..] {
        if let Some(pe) = prev_end
            && t.start > pe
        {
            s.push(' ');
        }
        s.push_str(t.text);
        prev_end = Some(t.end);
    }
    s
}

/// Spokesperson words: a quote by "a spokesperson for the ministry" is the ministry's.
const SPOKES: &[&str] = &[
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "spokespeople",
    "spokesmen",
];

fn parse_segment(seg: &[Token<'_>]) -> MentionInfo {
    // "Neighbouring Halvany": a sentence-opening adjective is not part of the name
    if seg.len() > 1 && LEADING_ADJECTIVES.contains(&&*low(seg[0].text)) {
        return parse_segment(&seg[1..]);
    }
    // "officials familiar with the talks": kind and head from the noun, label from the whole
    if let Some(k) = (1..seg.len()).find(|&k| postmodifier_end(seg, k, seg.len()).is_some()) {
        let mut info = parse_segment(&seg[..k]);
        if info.name.is_none() {
            info.label = label_of(seg);
        }
        return info;
    }
    // "a spokesperson for the State Department" → the State Department
    if let Some(k) = seg.iter().position(|t| t.text == "of" || t.text == "for")
        && k > 0
        && SPOKES.contains(&&*low(seg[k - 1].text))
        && k + 1 < seg.len()
    {
        let mut info = parse_segment(&seg[k + 1..]);
        if info.kind == SpeakerKind::Person && info.name.is_some() {
            info.kind = SpeakerKind::Organization;
        }
        if info.kind != SpeakerKind::Unknown {
            return info;
        }
    }
    // "the ministry's spokesman", "Vellmar's spokeswoman" (no personal name after) → the owner
    if let Some(last) = seg.last()
        && SPOKES.contains(&&*low(last.text))
        && let Some(p) = seg
            .iter()
            .position(|t| t.text == "'s" || t.text == "\u{2019}s")
        && p > 0
    {
        let mut info = parse_segment(&seg[..p]);
        if info.kind == SpeakerKind::Person && info.name.is_some() {
            info.kind = SpeakerKind::Organization;
        }
        if info.kind != SpeakerKind::Unknown {
            return info;
        }
    }
    // "Secretary of State Carolyn Briggs": a title with "of" before a personal name
    let titled_name = {
        let mut n = seg.len();
        while n > 0
            && is_name_token(&seg[n - 1], false)
            && !lexicon::TITLES.contains(&&*low(seg[n - 1].text))
        {
            n -= 1;
        }
        n < seg.len() && n > 0 && lexicon::TITLES.contains(&&*low(seg[n - 1].text))
    };
    // "President Abdel Fattah el-Sisi of Egypt": a person followed by their country
    if let Some(k) = seg.iter().rposition(|t| t.text == "of")
        && k > 0
        && lexicon::STATES.contains_key(
            seg[k + 1..]
                .iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" ")
                .as_str(),
        )
    {
        let info = parse_segment(&seg[..k]);
        if info.kind == SpeakerKind::Person && info.name.is_some() {
            return info;
        }
    }
    // "the Chamber of Commerce", "a spokesperson for the ministry": the head precedes of/for
    if let Some(k) = seg.iter().position(|t| t.text == "of" || t.text == "for")
        && k > 0
        && !titled_name
    {
        let mut info = parse_segment(&seg[..k]);
        info.label = label_of(seg);
        let head_is_org = lexicon::ORGANIZATION_HEADS.contains(&info.head.as_str());
        if info.kind == SpeakerKind::Organization || head_is_org {
            info.kind = SpeakerKind::Organization;
            info.name = Some(info.label.clone());
        } else if info.kind == SpeakerKind::Person && info.name.is_some() {
            // "Chamber of Commerce"-like capitalised phrase without a personal name
            info.kind = SpeakerKind::Organization;
            info.name = Some(info.label.clone());
        }
        return info;
    }
    let label = label_of(seg);
    let words: Vec<&Token<'_>> = seg.iter().filter(|t| t.kind != TokenKind::Punct).collect();
    let head_tok = words.last().copied();
    let head = head_tok.map(|t| t.text.to_lowercase()).unwrap_or_default();
    let mut titles = Vec::new();
    // trailing name run: capitalised tokens that are not title words, org heads or states
    let mut name_start = words.len();
    while name_start > 0 {
        let t = words[name_start - 1];
        let l = low(t.text);
        // a capitalised organisation head inside a name: "Lestovian Daily Courier"
        let inner_org_head = name_start + 1 == words.len()
            && name_start > 1
            && lexicon::ORGANIZATION_HEADS.contains(&&*l)
            && is_name_token(words[name_start - 2], false);
        let is_name_part = is_name_token(t, false)
            && !lexicon::TITLES.contains(&&*l)
            && (inner_org_head || !lexicon::ORGANIZATION_HEADS.contains(&&*l))
            && !lexicon::GROUP_ROLES.contains(&&*l)
            && !lexicon::PERSON_ROLES.contains(&&*l)
            && !is_possessive(t);
        // "von der Leyen": a particle inside the run, with a name (or "von") before it
        let left_is_name = |k: usize| k > 0 && is_name_token(words[k - 1], false);
        let is_particle = name_start < words.len()
            && NAME_PARTICLES.contains(&t.text)
            && (left_is_name(name_start - 1)
                || (name_start >= 2
                    && NAME_PARTICLES.contains(&words[name_start - 2].text)
                    && left_is_name(name_start - 2)));
        if is_name_part || is_particle {
            name_start -= 1;
        } else {
            break;
        }
    }
    // a name run that is really a state or an organisation
    let name_run: Vec<&str> = words[name_start..].iter().map(|t| t.text).collect();
    let name_str = name_run.join(" ");
    for t in &words[..name_start] {
        let l = low(t.text);
        if lexicon::TITLES.contains(&&*l) || lexicon::PERSON_ROLES.contains(&&*l) {
            titles.push(l.trim_end_matches('.').to_string());
        }
    }
    let gender = titles.iter().find_map(|t| lexicon::gender_of_word(t));
    let whole_upper_label = label.trim_start_matches("the ").to_string();
    let is_known_org = lexicon::KNOWN_ORGANIZATIONS
        .iter()
        .any(|o| *o == whole_upper_label || *o == name_str);
    if let Some(&canon) = lexicon::STATES.get(whole_upper_label.as_str()) {
        return MentionInfo {
            kind: SpeakerKind::State,
            name: Some(canon.to_string()),
            titles,
            label,
            gender: None,
            pronoun: None,
            head,
            definite: false,
            possessed: false,
        };
    }
    if !name_run.is_empty() {
        if let Some(&canon) = lexicon::STATES.get(name_str.as_str())
            && (name_start == 0 || words[..name_start].iter().all(|t| is_determiner(t.text)))
        {
            return MentionInfo {
                kind: SpeakerKind::State,
                name: Some(canon.to_string()),
                titles,
                label,
                gender: None,
                pronoun: None,
                head,
                definite: false,
                possessed: false,
            };
        }
        if is_known_org {
            return MentionInfo {
                kind: SpeakerKind::Organization,
                name: Some(name_str),
                titles,
                label,
                gender: None,
                pronoun: None,
                head,
                definite: false,
                possessed: false,
            };
        }
        let acronym = name_run.len() == 1
            && name_run[0].chars().filter(|c| c.is_alphabetic()).count() >= 2
            && name_run[0]
                .chars()
                .all(|c| !c.is_alphabetic() || c.is_uppercase());
        if acronym && titles.is_empty() {
            return MentionInfo {
                kind: SpeakerKind::Organization,
                name: Some(name_str),
                titles,
                label,
                gender: None,
                pronoun: None,
                head,
                definite: false,
                possessed: false,
            };
        }
        // "Greek daily Kathimerini", "energy firm Energean", "the ruling Democratic Rally": a
        // descriptor that only an organisation takes
        let org_descriptor = titles.is_empty()
            && (words[..name_start]
                .iter()
                .any(|t| ORG_DESCRIPTORS.contains(&&*low(t.text)))
                || name_run[..name_run.len() - 1]
                    .iter()
                    .any(|w| lexicon::ORGANIZATION_HEADS.contains(&&*low(w))));
        return MentionInfo {
            kind: if org_descriptor {
                SpeakerKind::Organization
            } else {
                SpeakerKind::Person
            },
            name: Some(name_str),
            titles,
            label,
            gender: if org_descriptor { None } else { gender },
            pronoun: None,
            head,
            definite: false,
            possessed: false,
        };
    }
    // no personal name: organisation, group, role or state phrase
    let kind = if is_known_org || lexicon::ORGANIZATION_HEADS.contains(&head.as_str()) {
        SpeakerKind::Organization
    } else if lexicon::GROUP_ROLES.contains(&head.as_str()) {
        SpeakerKind::Group
    } else if lexicon::PERSON_ROLES.contains(&head.as_str()) {
        SpeakerKind::Person
    } else if lexicon::STATES.contains_key(whole_upper_label.as_str()) {
        return MentionInfo {
            kind: SpeakerKind::State,
            name: lexicon::STATES
                .get(whole_upper_label.as_str())
                .map(|s| s.to_string()),
            titles,
            label,
            gender: None,
            pronoun: None,
            head,
            definite: false,
            possessed: false,
        };
    } else {
        SpeakerKind::Unknown
    };
    if kind == SpeakerKind::Person && titles.is_empty() {
        titles.push(head.clone());
    }
    MentionInfo {
        kind,
        name: None,
        titles,
        label,
        gender,
        pronoun: None,
        head,
        definite: false,
        possessed: false,
    }
}

/// One speaker of an article: the canonical name, kind and every mention seen.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Canonical name: the longest personal name seen, or the role/organisation/state label.
    pub canonical: String,
    /// Kind of source.
    pub kind: SpeakerKind,
    /// Gender, once known from a title or a resolved pronoun.
    pub gender: Option<Gender>,
    /// Lowercase title and role words seen with this speaker.
    pub titles: Vec<String>,
    /// Every mention text seen, in order of first appearance.
    pub aliases: Vec<String>,
    /// Byte offset of the latest salient mention (a speaker or a sentence subject); pronouns
    /// prefer the most recent salient entity.
    pub last_seen: Option<usize>,
    /// Byte offset of the latest mention of any kind; roles ("the minister") match by this.
    pub last_mentioned: usize,
}

impl Entity {
    fn surname(&self) -> Option<&str> {
        if self.kind == SpeakerKind::Person
            && self
                .canonical
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        {
            self.canonical.split(' ').next_back()
        } else {
            None
        }
    }
    fn add_alias(&mut self, alias: &str) {
        if !alias.is_empty() && !self.aliases.iter().any(|a| a == alias) {
            self.aliases.push(alias.to_string());
        }
    }
}

/// The speakers of one article and the rules that merge their mentions.
#[derive(Debug, Default, Clone)]
pub struct Registry {
    /// All speakers (and salient subjects) seen so far.
    pub entities: Vec<Entity>,
}

impl Registry {
    /// Resolves a parsed mention at byte offset `pos` to an entity, creating one when needed.
    ///
    /// `mention_text` is recorded as an alias. Returns `None` for a pronoun with no compatible
    /// antecedent (the caller reports the speaker as unknown rather than guessing).
    ///
    /// `salient` marks a speaker or sentence-subject mention (pronouns look for these first); a
    /// name merely mentioned in passing is registered with `salient = false`.
    pub fn resolve(
        &mut self,
        info: &MentionInfo,
        mention_text: &str,
        pos: usize,
        salient: bool,
    ) -> Option<usize> {
        let idx = if let Some(p) = info.pronoun {
            self.entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.last_mentioned <= pos)
                .filter(|(_, e)| {
                    if p.person {
                        e.kind == SpeakerKind::Person
                            && match (p.gender, e.gender) {
                                (Some(a), Some(b)) => a == b,
                                _ => true,
                            }
                            && e.canonical.chars().next().is_some_and(char::is_uppercase)
                    } else if p.plural {
                        matches!(
                            e.kind,
                            SpeakerKind::Group | SpeakerKind::Organization | SpeakerKind::State
                        )
                    } else {
                        matches!(e.kind, SpeakerKind::Organization | SpeakerKind::State)
                    }
                })
                .max_by_key(|(_, e)| (e.last_seen, e.last_mentioned))
                .map(|(i, _)| i)?
        } else {
            match self.find(info) {
                Some(i) => i,
                None => {
                    let canonical = info
                        .name
                        .clone()
                        .unwrap_or_else(|| common_noun_case(&info.label));
                    self.entities.push(Entity {
                        canonical,
                        kind: if info.kind == SpeakerKind::Unknown {
                            SpeakerKind::Person
                        } else {
                            info.kind
                        },
                        gender: info.gender,
                        titles: Vec::new(),
                        aliases: Vec::new(),
                        last_seen: None,
                        last_mentioned: pos,
                    });
                    self.entities.len() - 1
                }
            }
        };
        let e = &mut self.entities[idx];
        if let (Some(name), SpeakerKind::Person) = (&info.name, info.kind)
            && (name.split(' ').count() > e.canonical.split(' ').count()
                || !e.canonical.chars().next().is_some_and(char::is_uppercase))
        {
            e.canonical = name.clone();
        }
        if e.gender.is_none() {
            e.gender = info.gender.or(info.pronoun.and_then(|p| p.gender));
        }
        for t in &info.titles {
            if !e.titles.contains(t) {
                e.titles.push(t.clone());
            }
        }
        e.add_alias(mention_text);
        e.last_mentioned = e.last_mentioned.max(pos);
        if salient {
            e.last_seen = Some(e.last_seen.map_or(pos, |p| p.max(pos)));
        }
        Some(idx)
    }

    fn find(&self, info: &MentionInfo) -> Option<usize> {
        let by_recency = |pred: &dyn Fn(&Entity) -> bool| {
            self.entities
                .iter()
                .enumerate()
                .filter(|(_, e)| pred(e))
                .max_by_key(|(_, e)| e.last_mentioned)
                .map(|(i, _)| i)
        };
        match (info.kind, &info.name) {
            (SpeakerKind::Person, Some(name)) => {
                let parts: Vec<&str> = name.split(' ').collect();
                let surname = *parts.last()?;
                by_recency(&|e: &Entity| {
                    e.kind == SpeakerKind::Person
                        && e.surname() == Some(surname)
                        && compatible_first_names(&e.canonical, name)
                })
            }
            (SpeakerKind::Person, None) => {
                // a role: "the minister", "the foreign minister" → a named person with that title
                let role_words: Vec<&str> = info
                    .label
                    .split(' ')
                    .map(|w| w.trim_end_matches('.'))
                    .collect();
                let head = info.head.as_str();
                by_recency(&|e: &Entity| {
                    e.kind == SpeakerKind::Person
                        && e.titles.iter().any(|t| t == head)
                        && role_words
                            .iter()
                            .filter(|w| lexicon::TITLES.contains(&w.to_lowercase().as_str()))
                            .all(|w| e.titles.iter().any(|t| t.eq_ignore_ascii_case(w)))
                })
                .or_else(|| by_recency(&|e: &Entity| e.canonical.eq_ignore_ascii_case(&info.label)))
                // "the lawyer", "the union leader" with no matching title: the latest named person
                .or_else(|| {
                    info.definite.then(|| {
                        by_recency(&|e: &Entity| {
                            e.kind == SpeakerKind::Person
                                && e.canonical.chars().next().is_some_and(char::is_uppercase)
                                && info
                                    .gender
                                    .is_none_or(|g| e.gender.is_none_or(|eg| eg == g))
                        })
                    })?
                })
            }
            (SpeakerKind::Group, _) => by_recency(&|e: &Entity| {
                e.kind == SpeakerKind::Group
                    && (e.canonical.eq_ignore_ascii_case(&info.label)
                        || (info.label.split(' ').count() == 1
                            && e.canonical.to_lowercase().ends_with(&info.head)))
            }),
            (_, Some(name)) => by_recency(&|e: &Entity| {
                e.kind == info.kind && (e.canonical == *name || e.aliases.iter().any(|a| a == name))
            }),
            (SpeakerKind::Organization, None) => by_recency(&|e: &Entity| {
                e.kind == SpeakerKind::Organization
                    && (e.canonical.eq_ignore_ascii_case(&info.label)
                        || (info.label.split(' ').count() == 1
                            && e.canonical
                                .to_lowercase()
                                .ends_with(&format!(" {}", info.head))))
            })
            // "the company", "the U.S. company": the latest organisation named with that head
            // word, else the latest organisation
            .or_else(|| {
                // only for a common-noun phrase ("the company", "the U.S. company"), not a name
                // ("the Transport Ministry")
                let common = info.label.split(' ').all(|w| {
                    !w.chars().next().is_some_and(char::is_uppercase)
                        || lexicon::STATES.contains_key(w)
                });
                (info.definite && common).then(|| {
                    by_recency(&|e: &Entity| {
                        e.kind == SpeakerKind::Organization
                            && e.canonical.chars().next().is_some_and(char::is_uppercase)
                            && e.canonical.to_lowercase().contains(&info.head)
                    })
                    // "the government" is a country's government, not the latest organisation;
                    // "his legal team" is not an organisation named before
                    .or_else(|| {
                        (!info.possessed
                            && !matches!(
                                info.head.as_str(),
                                "government" | "administration" | "regime" | "cabinet"
                            ))
                        .then(|| {
                            by_recency(&|e: &Entity| {
                                e.kind == SpeakerKind::Organization
                                    && e.canonical.chars().next().is_some_and(char::is_uppercase)
                            })
                        })?
                    })
                })?
            }),
            (_, None) => by_recency(&|e: &Entity| {
                e.kind == info.kind && e.canonical.eq_ignore_ascii_case(&info.label)
            }),
        }
    }

    /// For each entity, the entity it should be reported as: a one-word name ("Briggs",
    /// "Norvale") merges into the single longer name of the same kind in the article that ends
    /// (persons) or starts (organisations) with it. Entities with no such partner map to
    /// themselves.
    pub fn representatives(&self) -> Vec<usize> {
        let n = self.entities.len();
        let mut rep: Vec<usize> = (0..n).collect();
        for (i, e) in self.entities.iter().enumerate() {
            if e.canonical.contains(' ')
                || !e.canonical.chars().next().is_some_and(char::is_uppercase)
            {
                continue;
            }
            if !matches!(e.kind, SpeakerKind::Person | SpeakerKind::Organization) {
                continue;
            }
            let word = e.canonical.as_str();
            // "Briggs" → "Carolyn Briggs"; "Norvale" → "Norvale Port Operations" (a one-word
            // company name is often read as a person, so persons and organisations mix here)
            let partners: Vec<usize> = (0..n)
                .filter(|&j| j != i)
                .filter(|&j| {
                    let c = &self.entities[j].canonical;
                    match self.entities[j].kind {
                        SpeakerKind::Person => {
                            c.ends_with(&format!(" {word}"))
                                || (e.kind == SpeakerKind::Organization
                                    && c.starts_with(&format!("{word} ")))
                        }
                        SpeakerKind::Organization => c.starts_with(&format!("{word} ")),
                        _ => false,
                    }
                })
                .collect();
            if partners.len() == 1 {
                rep[i] = partners[0];
            }
        }
        rep
    }

    /// Records an acronym alias ("Syrian Democratic Forces (SDF)") so later mentions merge.
    pub fn add_acronym(&mut self, full: &str, acronym: &str) {
        if let Some(e) = self.entities.iter_mut().find(|e| e.canonical == full) {
            e.add_alias(acronym);
        }
    }
}

/// "Critics" at the start of a sentence → "critics": a label whose first word is a common noun or
/// modifier from the lexicon is written in lower case.
fn common_noun_case(label: &str) -> String {
    let mut words = label.splitn(2, ' ');
    let first = words.next().unwrap_or("");
    let lower = first.to_lowercase();
    let common = is_role_word(&lower) || DETERMINERS.contains(&&*lower);
    if common && first != lower {
        match words.next() {
            Some(rest) => format!("{lower} {rest}"),
            None => lower,
        }
    } else {
        label.to_string()
    }
}

fn compatible_first_names(a: &str, b: &str) -> bool {
    let fa: Vec<&str> = a.split(' ').collect();
    let fb: Vec<&str> = b.split(' ').collect();
    if fa.len() < 2 || fb.len() < 2 {
        return true;
    }
    fa[0] == fb[0]
        || fa[0].starts_with(fb[0].trim_end_matches('.'))
        || fb[0].starts_with(fa[0].trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn np_before_text(s: &str) -> String {
        let toks = tokenize(s);
        let (a, b) = np_before(&toks, toks.len(), 0).expect("np");
        s[toks[a].start..toks[b - 1].end].to_string()
    }

    #[test]
    fn noun_phrases_before_a_cue() {
        assert_eq!(
            np_before_text("Foreign Minister Abbas Araghchi"),
            "Foreign Minister Abbas Araghchi"
        );
        assert_eq!(
            np_before_text("However, Iranian officials"),
            "Iranian officials"
        );
        assert_eq!(
            np_before_text("Iran\u{2019}s Supreme Leader, Ayatollah Ali Khamenei,"),
            "Iran\u{2019}s Supreme Leader, Ayatollah Ali Khamenei"
        );
        assert_eq!(
            np_before_text("came shortly after President Donald Trump"),
            "President Donald Trump"
        );
        assert_eq!(
            np_before_text("On Monday, a spokesperson for the ministry"),
            "a spokesperson for the ministry"
        );
        assert_eq!(
            np_before_text("At the summit, President Abdel Fattah el-Sisi of Egypt"),
            "President Abdel Fattah el-Sisi of Egypt"
        );
        assert_eq!(
            np_before_text("Meanwhile Ursula von der Leyen"),
            "Ursula von der Leyen"
        );
    }

    #[test]
    fn mention_kinds_and_names() {
        let p = |s: &str| parse_mention(&tokenize(s));
        let k = p("Iran\u{2019}s Supreme Leader, Ayatollah Ali Khamenei");
        assert_eq!(
            (k.kind, k.name.as_deref()),
            (SpeakerKind::Person, Some("Ali Khamenei"))
        );
        assert!(k.titles.contains(&"leader".to_string()));
        assert_eq!(p("Iranian officials").kind, SpeakerKind::Group);
        assert_eq!(p("the union").kind, SpeakerKind::Organization);
        assert_eq!(p("Iran").kind, SpeakerKind::State);
        assert_eq!(p("Washington").name.as_deref(), Some("United States"));
        assert_eq!(p("the SDF").kind, SpeakerKind::Organization);
        assert_eq!(p("the minister").kind, SpeakerKind::Person);
        assert_eq!(p("he").pronoun.map(|x| x.gender), Some(Some(Gender::Male)));
        // descriptors that only an organisation takes
        let d = p("Greek daily Kathimerini");
        assert_eq!(
            (d.kind, d.name.as_deref()),
            (SpeakerKind::Organization, Some("Kathimerini"))
        );
        assert_eq!(
            p("the ruling Democratic Rally").kind,
            SpeakerKind::Organization
        );
        // a title keeps a person a person
        assert_eq!(p("party chairman Tomas Reyes").kind, SpeakerKind::Person);
        // name particles, and a person's country after "of"
        let s = p("AU chairperson President Abdel Fattah el-Sisi of Egypt");
        assert_eq!(
            (s.kind, s.name.as_deref()),
            (SpeakerKind::Person, Some("Abdel Fattah el-Sisi"))
        );
        assert_eq!(
            p("Commission President Ursula von der Leyen")
                .name
                .as_deref(),
            Some("Ursula von der Leyen")
        );
        assert_eq!(p("the Bank of England").kind, SpeakerKind::Organization);
    }

    #[test]
    fn registry_merges_surname_role_and_pronoun() {
        let mut r = Registry::default();
        fn t(s: &str) -> Vec<Token<'_>> {
            tokenize(s)
        }
        let full = parse_mention(&t("Foreign Minister Abbas Araghchi"));
        let a = r
            .resolve(&full, "Foreign Minister Abbas Araghchi", 10, true)
            .unwrap();
        let b = r
            .resolve(&parse_mention(&t("Araghchi")), "Araghchi", 50, true)
            .unwrap();
        let c = r
            .resolve(&parse_mention(&t("the minister")), "the minister", 90, true)
            .unwrap();
        let d = r
            .resolve(&parse_mention(&t("he")), "he", 120, true)
            .unwrap();
        assert_eq!((a, b, c, d), (0, 0, 0, 0));
        assert_eq!(r.entities[0].canonical, "Abbas Araghchi");
        assert_eq!(
            r.entities[0].aliases,
            [
                "Foreign Minister Abbas Araghchi",
                "Araghchi",
                "the minister",
                "he"
            ]
        );
        // "she" finds no compatible (male) antecedent
        assert_eq!(r.resolve(&parse_mention(&t("she")), "she", 130, true), None);
    }
}
