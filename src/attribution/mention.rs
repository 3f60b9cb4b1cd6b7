//! Pass 5, typing: what a speaker's mention says about them. A mention ("Iran's Supreme Leader,
//! Ayatollah Ali Khamenei", "a spokesperson for the ministry", "Iranian officials", "he") is parsed
//! into a kind (person, group, organisation, state), a name without titles, the title words, a
//! label, a gender and, for pronouns, what the pronoun allows.

use super::lexicon::{self, Gender};
use super::phrase::{is_determiner, is_name_token, is_possessive, low, postmodifier_end};
use super::speakers::SpeakerKind;
use crate::text::tokens::{Token, TokenKind};

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

impl MentionInfo {
    /// A mention of `kind` with no pronoun, not yet marked definite or possessed.
    fn typed(
        kind: SpeakerKind,
        name: Option<String>,
        titles: Vec<String>,
        label: String,
        head: String,
    ) -> Self {
        MentionInfo {
            kind,
            name,
            titles,
            label,
            gender: None,
            pronoun: None,
            head,
            definite: false,
            possessed: false,
        }
    }
}

/// Parses the tokens of a mention into what they say about the speaker.
pub fn parse_mention(toks: &[Token<'_>]) -> MentionInfo {
    let words: Vec<&Token<'_>> = toks
        .iter()
        .filter(|t| t.kind != TokenKind::Punct || t.text == "'s" || t.text == "\u{2019}s")
        .collect();
    let last = words.last().map(|t| t.text).unwrap_or("");
    if words.len() == 1
        && let Some(p) = lexicon::pronoun(last)
    {
        return MentionInfo {
            gender: p.gender,
            pronoun: Some(p),
            ..MentionInfo::typed(
                SpeakerKind::Unknown,
                None,
                Vec::new(),
                last.to_lowercase(),
                last.to_lowercase(),
            )
        };
    }
    let segments = appositive_segments(toks);
    let (best, titles_all) = best_segment(&segments);
    let mut info = best.unwrap_or_else(|| parse_segment(toks));
    let first = toks.first().map(|t| low(t.text));
    info.possessed = first
        .as_deref()
        .is_some_and(|w| matches!(w, "his" | "her" | "their" | "our"));
    info.definite = first
        .as_deref()
        .is_some_and(|w| matches!(w, "the" | "its" | "his" | "her" | "their" | "our"));
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
        info.label = label_of(toks);
    }
    info
}

/// The mention split at commas into its appositive segments, without relative clauses,
/// participial phrases and numbers.
fn appositive_segments<'t, 'a>(toks: &'t [Token<'a>]) -> Vec<&'t [Token<'a>]> {
    toks.split(|t| t.text == ",")
        .filter(|s| !s.is_empty())
        .filter(|s| {
            let first = low(s[0].text);
            !(matches!(
                &*first,
                "who" | "which" | "whose" | "whom" | "where" | "when"
            ) || first.ends_with("ing")
                || s[0].kind == TokenKind::Number)
        })
        .collect()
}

/// The segment that best names the speaker (a personal name first; a named organisation beats a
/// bare role: "his employer, the Lestovian Daily Courier"), and the title words of all segments.
fn best_segment(segments: &[&[Token<'_>]]) -> (Option<MentionInfo>, Vec<String>) {
    let mut best: Option<MentionInfo> = None;
    let mut titles_all: Vec<String> = Vec::new();
    for seg in segments {
        let info = parse_segment(seg);
        titles_all.extend(info.titles.iter().cloned());
        let capitalised = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
        let better = match (&best, info.kind) {
            (None, _) => true,
            (Some(b), SpeakerKind::Person) => {
                b.kind != SpeakerKind::Person || (b.name.is_none() && info.name.is_some())
            }
            (Some(b), SpeakerKind::Organization | SpeakerKind::State) => {
                b.name.is_none()
                    && !capitalised(&b.label)
                    && matches!(b.kind, SpeakerKind::Person | SpeakerKind::Organization)
                    && info.name.is_some()
                    && capitalised(&info.label)
            }
            _ => false,
        };
        if better {
            best = Some(info);
        }
    }
    (best, titles_all)
}

/// The mention's words without leading determiners, quantifiers and numbers.
fn label_of(toks: &[Token<'_>]) -> String {
    let mut s = String::new();
    let mut start = 0;
    while start + 1 < toks.len()
        && (is_determiner(toks[start].text)
            || lexicon::QUANTIFIERS.contains(&low(toks[start].text))
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

/// Parses one appositive segment: the special shapes first (a leading adjective, a
/// post-modifier, a spokesperson, a person of a country, a head before "of"/"for"), then the
/// segment's trailing name run.
fn parse_segment(seg: &[Token<'_>]) -> MentionInfo {
    // "Neighbouring Halvany": a sentence-opening adjective is not part of the name
    if seg.len() > 1 && lexicon::LEADING_ADJECTIVES.contains(&low(seg[0].text)) {
        return parse_segment(&seg[1..]);
    }
    with_postmodifier(seg)
        .or_else(|| spokesperson_for(seg))
        .or_else(|| owners_spokesperson(seg))
        .or_else(|| named_spokesperson(seg))
        .or_else(|| title_of_state_name(seg))
        .or_else(|| person_of_country(seg))
        .or_else(|| head_before_of(seg))
        .unwrap_or_else(|| by_name_run(seg))
}

/// "officials familiar with the talks": kind and head from the noun, label from the whole.
fn with_postmodifier(seg: &[Token<'_>]) -> Option<MentionInfo> {
    let k = (1..seg.len()).find(|&k| postmodifier_end(seg, k, seg.len()).is_some())?;
    let mut info = parse_segment(&seg[..k]);
    if info.name.is_none() {
        info.label = label_of(seg);
    }
    Some(info)
}

/// A named speaker under a spokesperson speaks for an organisation.
fn as_organisation(mut info: MentionInfo) -> Option<MentionInfo> {
    if info.kind == SpeakerKind::Person && info.name.is_some() {
        info.kind = SpeakerKind::Organization;
    }
    (info.kind != SpeakerKind::Unknown).then_some(info)
}

/// "a spokesperson for the State Department" → the State Department.
fn spokesperson_for(seg: &[Token<'_>]) -> Option<MentionInfo> {
    let k = seg.iter().position(|t| t.text == "of" || t.text == "for")?;
    if k == 0 || k + 1 >= seg.len() || !lexicon::SPOKESPERSON_WORDS.contains(&low(seg[k - 1].text))
    {
        return None;
    }
    as_organisation(parse_segment(&seg[k + 1..]))
}

/// "the ministry's spokesman", "Vellmar's spokeswoman" (no personal name after) → the owner.
fn owners_spokesperson(seg: &[Token<'_>]) -> Option<MentionInfo> {
    let last = seg.last()?;
    if !lexicon::SPOKESPERSON_WORDS.contains(&low(last.text)) {
        return None;
    }
    let p = seg
        .iter()
        .position(|t| t.text == "'s" || t.text == "\u{2019}s")?;
    if p == 0 {
        return None;
    }
    as_organisation(parse_segment(&seg[..p]))
}

/// "a Woolworths spokesperson", "an Interpol spokeswoman": a name before a spokesperson word
/// (and no personal name after it) is the organisation that speaks.
fn named_spokesperson(seg: &[Token<'_>]) -> Option<MentionInfo> {
    let (last, before) = seg.split_last()?;
    if !lexicon::SPOKESPERSON_WORDS.contains(&low(last.text)) {
        return None;
    }
    let start = before.iter().position(|t| is_name_token(t, false))?;
    let name = &before[start..];
    if !name.iter().all(|t| is_name_token(t, false)) {
        return None;
    }
    let mut info = by_name_run(name);
    if info.kind == SpeakerKind::Person {
        info.kind = SpeakerKind::Organization;
        info.gender = None;
    }
    Some(info)
}

/// "President Abdel Fattah el-Sisi of Egypt", "Cardinal Marc Ouellet of the Holy See", "Dr.
/// Tristan Smith of University College London": a named person followed by their country or
/// institution.
fn person_of_country(seg: &[Token<'_>]) -> Option<MentionInfo> {
    let k = seg.iter().position(|t| t.text == "of")?;
    let rest = &seg[k + 1..];
    // "of Egypt", "of the Holy See", "of the army's Western Mindanao Command"
    let first = rest.iter().find(|t| !is_determiner(t.text))?;
    let named = first.is_capitalized()
        || (is_possessive_phrase(rest) && rest.iter().any(|t| t.is_capitalized()));
    if k == 0 || !named {
        return None;
    }
    let info = parse_segment(&seg[..k]);
    (info.kind == SpeakerKind::Person && info.name.is_some()).then_some(info)
}

/// "the army's …": a determiner, one lower-case word and a possessive open the phrase.
fn is_possessive_phrase(rest: &[Token<'_>]) -> bool {
    rest.len() > 3
        && is_determiner(rest[0].text)
        && !rest[1].is_capitalized()
        && is_possessive(&rest[2])
}

/// "Chief Executive of Hong Kong Carrie Lam", "President of Ukraine Volodymyr Zelenskyy": a
/// title, "of", a state, then the person's name.
fn title_of_state_name(seg: &[Token<'_>]) -> Option<MentionInfo> {
    let k = seg.iter().position(|t| t.text == "of")?;
    if k == 0
        || !seg[..k]
            .iter()
            .all(|t| lexicon::TITLES.contains(&low(t.text)))
    {
        return None;
    }
    let rest = &seg[k + 1..];
    // the longest run of words after "of" that is a state, then at least one name word
    let state_end = (1..rest.len()).rev().find(|&e| {
        let words: Vec<&str> = rest[..e].iter().map(|t| t.text).collect();
        lexicon::STATES.contains_key(words.join(" ").as_str())
    })?;
    let name = &rest[state_end..];
    if name.is_empty() || !name.iter().all(|t| is_name_token(t, false)) {
        return None;
    }
    let mut info = by_name_run(name);
    if info.kind != SpeakerKind::Person {
        return None;
    }
    info.titles = seg[..k]
        .iter()
        .map(|t| low(t.text).trim_end_matches('.').to_string())
        .collect();
    info.gender = info
        .gender
        .or_else(|| info.titles.iter().find_map(|t| lexicon::gender_of_word(t)));
    Some(info)
}

/// "Secretary of State Carolyn Briggs": a title with "of" before a personal name.
fn is_titled_name(seg: &[Token<'_>]) -> bool {
    let mut n = seg.len();
    while n > 0
        && is_name_token(&seg[n - 1], false)
        && !lexicon::TITLES.contains(&low(seg[n - 1].text))
    {
        n -= 1;
    }
    n < seg.len() && n > 0 && lexicon::TITLES.contains(&low(seg[n - 1].text))
}

/// "the Chamber of Commerce", "a spokesperson for the ministry": the head precedes of/for; a
/// capitalised phrase of that shape is an organisation.
fn head_before_of(seg: &[Token<'_>]) -> Option<MentionInfo> {
    let k = seg.iter().position(|t| t.text == "of" || t.text == "for")?;
    if k == 0 || is_titled_name(seg) || ends_with_given_and_surname(seg) {
        return None;
    }
    let mut info = parse_segment(&seg[..k]);
    info.label = label_of(seg);
    let head_is_org = lexicon::ORGANIZATION_HEADS.contains(&info.head);
    if info.kind == SpeakerKind::Organization
        || head_is_org
        || (info.kind == SpeakerKind::Person && info.name.is_some())
    {
        info.kind = SpeakerKind::Organization;
        info.name = Some(info.label.clone());
    }
    Some(info)
}

/// "Special Representative for Iran Brian Hook": the segment ends with a personal name (a known
/// given name and a surname), so it names a person, not an organisation.
fn ends_with_given_and_surname(seg: &[Token<'_>]) -> bool {
    let info = by_name_run(seg);
    info.kind == SpeakerKind::Person
        && info
            .name
            .as_deref()
            .is_some_and(|n| n.contains(' ') && lexicon::gender_of_given_name(n).is_some())
}

/// Where the trailing name run of `words` starts: capitalised tokens that are not title words,
/// organisation heads (but "Lestovian Daily Courier"), role nouns or possessives, with name
/// particles inside ("von der Leyen").
fn name_run_start(words: &[&Token<'_>]) -> usize {
    let mut start = words.len();
    let mut linked = false;
    let mut seen_link = false;
    while start > 0 {
        let t = words[start - 1];
        let l = low(t.text);
        let inner_org_head = (start + 1 == words.len() || linked)
            && start > 1
            && lexicon::ORGANIZATION_HEADS.contains(&l)
            && is_name_token(words[start - 2], false);
        // "Commission on Presidential Debates": a title word right after an organisation's link
        let after_org_link = start >= 3
            && matches!(words[start - 2].text, "of" | "on" | "for" | "and" | "&")
            && words[start - 3].is_capitalized()
            && lexicon::ORGANIZATION_HEADS.contains(&low(words[start - 3].text));
        // left of a link inside an organisation's name every capitalised word belongs to it
        // ("United States Commission on Presidential Debates")
        let is_name_part =
            (seen_link && t.is_capitalized() && !is_possessive(t) && !is_determiner(t.text))
                || is_name_token(t, false)
                    && (after_org_link || !lexicon::TITLES.contains(&l))
                    && (inner_org_head || !lexicon::ORGANIZATION_HEADS.contains(&l))
                    && !lexicon::GROUP_ROLES.contains(&l)
                    && !lexicon::PERSON_ROLES.contains(&l)
                    && !is_possessive(t);
        let left_is_name = |k: usize| k > 0 && is_name_token(words[k - 1], false);
        let is_particle = start < words.len()
            && lexicon::NAME_PARTICLES.contains(t.text)
            && (left_is_name(start - 1)
                || (start >= 2
                    && lexicon::NAME_PARTICLES.contains(words[start - 2].text)
                    && left_is_name(start - 2)));
        // "Commission on Presidential Debates", "Bank of England", "Search and Rescue Agency":
        // a link word inside an organisation's name
        let is_org_link = start < words.len()
            && start >= 2
            && matches!(t.text, "of" | "on" | "for" | "and" | "&")
            && is_name_token(words[start - 2], false)
            && (lexicon::ORGANIZATION_HEADS.contains(&low(words[start - 2].text))
                || words[start..]
                    .iter()
                    .any(|w| lexicon::ORGANIZATION_HEADS.contains(&low(w.text))));
        if is_name_part || is_particle || is_org_link {
            linked = is_org_link;
            seen_link |= is_org_link;
            start -= 1;
        } else {
            break;
        }
    }
    after_place(words, start)
}

/// "Senator from Vermont Bernie Sanders", "Special Representative for Iran Brian Hook",
/// "Ambassador to Ruritania John Ash": a run after "from", "of", "for" or "to" of three words or
/// more holds a place before the name; the name
/// starts at the first known given name after the run's first word.
fn after_place(words: &[&Token<'_>], start: usize) -> usize {
    if start == 0
        || words.len() < start + 3
        || !matches!(words[start - 1].text, "from" | "of" | "for" | "to")
    {
        return start;
    }
    (start + 1..words.len() - 1)
        .find(|&k| {
            let l = low(words[k].text);
            lexicon::MALE_NAMES.contains(&l) || lexicon::FEMALE_NAMES.contains(&l)
        })
        .unwrap_or(start)
}

/// The segment typed by its trailing name run, or by its head noun when it has none.
fn by_name_run(seg: &[Token<'_>]) -> MentionInfo {
    let label = label_of(seg);
    let words: Vec<&Token<'_>> = seg.iter().filter(|t| t.kind != TokenKind::Punct).collect();
    let head = words
        .last()
        .map(|t| t.text.to_lowercase())
        .unwrap_or_default();
    let name_start = name_run_start(&words);
    let name_run: Vec<&str> = words[name_start..].iter().map(|t| t.text).collect();
    let titles: Vec<String> = words[..name_start]
        .iter()
        .map(|t| low(t.text))
        .filter(|l| lexicon::TITLES.contains(l) || lexicon::PERSON_ROLES.contains(l))
        .map(|l| l.trim_end_matches('.').to_string())
        .collect();
    let gender = titles.iter().find_map(|t| lexicon::gender_of_word(t));
    let whole = label.trim_start_matches("the ").to_string();
    let name_str = name_run.join(" ");
    let known_org = lexicon::KNOWN_ORGANIZATIONS
        .iter()
        .any(|o| o == whole || o == name_str);
    if let Some(&canon) = lexicon::STATES.get(whole.as_str()) {
        return MentionInfo::typed(
            SpeakerKind::State,
            Some(canon.to_string()),
            titles,
            label,
            head,
        );
    }
    if name_run.is_empty() {
        return by_head(titles, label, head, gender, known_org);
    }
    let kind = named_kind(&words, name_start, &name_run, &titles, known_org);
    let name = match kind {
        SpeakerKind::State => lexicon::STATES[name_str.as_str()].to_string(),
        _ => name_str,
    };
    MentionInfo {
        gender: if kind == SpeakerKind::Person {
            gender
        } else {
            None
        },
        ..MentionInfo::typed(kind, Some(name), titles, label, head)
    }
}

/// The kind of a segment with a name run starting at `name_start`: a state, a known
/// organisation, an acronym, an organisation by its descriptor ("Greek daily Kathimerini",
/// "energy firm Energean", "the ruling Democratic Rally"), or a person.
fn named_kind(
    words: &[&Token<'_>],
    name_start: usize,
    name_run: &[&str],
    titles: &[String],
    known_org: bool,
) -> SpeakerKind {
    let name_str = name_run.join(" ");
    // "Iran", "the United States", "representatives from Iran": the state speaks
    let from_state = name_start > 0 && words[name_start - 1].text == "from";
    if lexicon::STATES.contains_key(name_str.as_str())
        && (from_state || words[..name_start].iter().all(|t| is_determiner(t.text)))
    {
        return SpeakerKind::State;
    }
    let acronym = name_run.len() == 1
        && name_run[0].chars().filter(|c| c.is_alphabetic()).count() >= 2
        && name_run[0]
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase());
    if known_org || (acronym && titles.is_empty()) {
        return SpeakerKind::Organization;
    }
    let org_descriptor = titles.is_empty()
        && (words[..name_start]
            .iter()
            .any(|t| lexicon::ORGANIZATION_DESCRIPTORS.contains(&low(t.text)))
            || name_run[..name_run.len() - 1]
                .iter()
                .any(|w| lexicon::ORGANIZATION_HEADS.contains(&low(w))));
    if org_descriptor {
        SpeakerKind::Organization
    } else {
        SpeakerKind::Person
    }
}

/// A segment without a name: an organisation, group or role phrase, typed by its head.
fn by_head(
    mut titles: Vec<String>,
    label: String,
    head: String,
    gender: Option<Gender>,
    known_org: bool,
) -> MentionInfo {
    // (a state's label was typed before: `by_name_run`)
    let kind = if known_org || lexicon::ORGANIZATION_HEADS.contains(&head) {
        SpeakerKind::Organization
    } else if lexicon::GROUP_ROLES.contains(&head) {
        SpeakerKind::Group
    } else if lexicon::PERSON_ROLES.contains(&head) {
        SpeakerKind::Person
    } else {
        SpeakerKind::Unknown
    };
    if kind == SpeakerKind::Person && titles.is_empty() {
        titles.push(head.clone());
    }
    MentionInfo {
        gender,
        ..MentionInfo::typed(kind, None, titles, label, head)
    }
}
