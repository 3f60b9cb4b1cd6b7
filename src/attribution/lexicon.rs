//! Word lists for attribution: reporting verbs (cues), titles, role nouns, organisations, states,
//! names and the small lists the passes use. Every list is a data file in
//! `src/attribution/lexicon/` (compiled in with `include_str!`), each opening with a comment that
//! says what it is for; this module only reads them.
//!
//! The lists are the team's own; verb coverage follows the cue inventory discussed for the PARC
//! corpus (Pareti, 2016) and news attribution practice: speech verbs ("said", "told"), verbs of
//! evaluation ("rejected", "welcomed", "dismissed") and of belief ("believes"). Every property of a
//! cue verb is one record of `cues.tsv` ([`CueVerb`]).
//!
//! ```
//! use standpoint::attribution::lexicon::{cue, CueClass, CueForm};
//! let (verb, form) = cue("rejected").unwrap();
//! assert_eq!((verb.lemma, verb.class, form), ("reject", CueClass::Reject, CueForm::Finite));
//! assert!(standpoint::attribution::lexicon::TITLES.contains("minister"));
//! ```

use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;
use std::sync::LazyLock;

/// A word list read from one lexicon file: one entry per line, `#` lines are comments. Keeps the
/// file order for iteration and a set for lookups.
#[derive(Debug)]
pub struct WordList {
    words: Vec<&'static str>,
    set: FxHashSet<&'static str>,
}

impl WordList {
    fn parse(src: &'static str) -> Self {
        let words: Vec<&'static str> = data_lines(src).collect();
        let set = words.iter().copied().collect();
        WordList { words, set }
    }

    /// Whether the list holds `word` (exactly; the lists say their case).
    pub fn contains(&self, word: &str) -> bool {
        self.set.contains(word)
    }

    /// The entries in file order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.words.iter().copied()
    }
}

/// The non-empty, non-comment lines of a lexicon file, trimmed of their line end.
fn data_lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

macro_rules! word_list {
    ($(#[$doc:meta])* $name:ident = $file:literal) => {
        $(#[$doc])*
        pub static $name: LazyLock<WordList> =
            LazyLock::new(|| WordList::parse(include_str!(concat!("lexicon/", $file))));
    };
}

word_list!(
    /// Auxiliaries and adverbs between a subject and its cue (`between_subject_and_cue.txt`).
    BETWEEN_SUBJECT_AND_CUE = "between_subject_and_cue.txt"
);
word_list!(
    /// Person titles that may precede a name, lowercase (`titles.txt`).
    TITLES = "titles.txt"
);
word_list!(
    /// Singular nouns for people in roles (`person_roles.txt`).
    PERSON_ROLES = "person_roles.txt"
);
word_list!(
    /// Plural nouns for groups of people (`group_roles.txt`).
    GROUP_ROLES = "group_roles.txt"
);
word_list!(
    /// Head nouns that make a mention an organisation (`organization_heads.txt`).
    ORGANIZATION_HEADS = "organization_heads.txt"
);
word_list!(
    /// Supranational and well-known bodies, typed as organisations (`known_organizations.txt`).
    KNOWN_ORGANIZATIONS = "known_organizations.txt"
);
word_list!(
    /// Capitalised words that are never names (`not_names.txt`).
    NOT_NAMES = "not_names.txt"
);
word_list!(
    /// Words before a cue form that make it a noun or an infinitive (`blocking_before_cue.txt`).
    BLOCKING_BEFORE_CUE = "blocking_before_cue.txt"
);
word_list!(
    /// Auxiliaries of a passive cue (`passive_auxiliaries.txt`).
    PASSIVE_AUXILIARIES = "passive_auxiliaries.txt"
);
word_list!(
    /// Modals and auxiliaries of a finite clause (`finite_auxiliaries.txt`).
    FINITE_AUXILIARIES = "finite_auxiliaries.txt"
);
word_list!(
    /// Words that open a setting phrase (`setting_prepositions.txt`).
    SETTING_PREPOSITIONS = "setting_prepositions.txt"
);
word_list!(
    /// Collective nouns whose members speak (`collectives.txt`).
    COLLECTIVES = "collectives.txt"
);
word_list!(
    /// Month names (`months.txt`).
    MONTHS = "months.txt"
);
word_list!(
    /// Weekday names (`days.txt`).
    DAYS = "days.txt"
);
word_list!(
    /// Adverbs that are a time cue on their own (`time_adverbs.txt`).
    TIME_ADVERBS = "time_adverbs.txt"
);
word_list!(
    /// Nouns of time (`time_nouns.txt`).
    TIME_NOUNS = "time_nouns.txt"
);
word_list!(
    /// Words of the setting of a speech act after its cue (`setting_words.txt`).
    SETTING_WORDS = "setting_words.txt"
);
word_list!(
    /// Adverbs that may stand between a cue and its content (`setting_adverbs.txt`).
    SETTING_ADVERBS = "setting_adverbs.txt"
);
word_list!(
    /// Words that open a setting phrase after a cue (`setting_openers.txt`).
    SETTING_OPENERS = "setting_openers.txt"
);
word_list!(
    /// Words that can start a content clause after a setting phrase (`clause_openers.txt`).
    CLAUSE_OPENERS = "clause_openers.txt"
);
word_list!(
    /// Words of talking that an "invite" cue needs (`talk_words.txt`).
    TALK_WORDS = "talk_words.txt"
);
word_list!(
    /// Words before a name that make it an organisation's (`organization_descriptors.txt`).
    ORGANIZATION_DESCRIPTORS = "organization_descriptors.txt"
);
word_list!(
    /// Determiners dropped from a label (`determiners.txt`).
    DETERMINERS = "determiners.txt"
);
word_list!(
    /// Modifiers inside a speaker noun phrase (`np_modifiers.txt`).
    NP_MODIFIERS = "np_modifiers.txt"
);
word_list!(
    /// Words that open a post-modifier of a role or group noun (`postmodifiers.txt`).
    POSTMODIFIERS = "postmodifiers.txt"
);
word_list!(
    /// Prepositions after a post-modifier word (`postmodifier_links.txt`).
    POSTMODIFIER_LINKS = "postmodifier_links.txt"
);
word_list!(
    /// Sentence-opening adjectives that are not part of a name (`leading_adjectives.txt`).
    LEADING_ADJECTIVES = "leading_adjectives.txt"
);
word_list!(
    /// Lowercase particles inside personal names (`name_particles.txt`).
    NAME_PARTICLES = "name_particles.txt"
);
word_list!(
    /// Quantifiers dropped from the front of a label (`quantifiers.txt`).
    QUANTIFIERS = "quantifiers.txt"
);
word_list!(
    /// Spokesperson words (`spokesperson_words.txt`).
    SPOKESPERSON_WORDS = "spokesperson_words.txt"
);
word_list!(
    /// Capitalised common words that are no name at a sentence's start before a non-name
    /// (`sentence_initial_common.txt`).
    SENTENCE_INITIAL_COMMON = "sentence_initial_common.txt"
);
word_list!(
    /// News agencies and outlets as they are spelt (`news_outlets.txt`); see [`news_outlet`].
    NEWS_OUTLETS = "news_outlets.txt"
);
word_list!(
    /// Given names read as male (`male_names.txt`).
    MALE_NAMES = "male_names.txt"
);
word_list!(
    /// Given names read as female (`female_names.txt`).
    FEMALE_NAMES = "female_names.txt"
);

word_list!(
    /// Turn labels of an interview's interviewer, lowercase (`interviewer_labels.txt`).
    INTERVIEWER_LABELS = "interviewer_labels.txt"
);
word_list!(
    /// First words of a "Word:" paragraph label that is no interview turn (`not_turn_labels.txt`).
    NOT_TURN_LABELS = "not_turn_labels.txt"
);
word_list!(
    /// Nouns for a message whose author speaks through it (`message_nouns.txt`).
    MESSAGE_NOUNS = "message_nouns.txt"
);
word_list!(
    /// News outlets and words for them, lowercase, which relay others' words in nested speech
    /// (`outlet_words.txt`).
    OUTLET_WORDS = "outlet_words.txt"
);

/// Interview lead phrases (`interview_intros.tsv`): the phrase (lowercase words) and whether the
/// interviewee's name stands after it (`true`) or before it.
pub static INTERVIEW_INTROS: LazyLock<Vec<(&'static str, bool)>> = LazyLock::new(|| {
    data_lines(include_str!("lexicon/interview_intros.tsv"))
        .skip(1)
        .map(|l| {
            let (phrase, side) = l
                .split_once('\t')
                .expect("interview_intros.tsv: phrase<TAB>side");
            (phrase, side == "after")
        })
        .collect()
});

/// The news outlet `mention` names, ignoring case and a leading "the" ("reuters", "the
/// Associated Press" → "Associated Press"), under the spelling of `news_outlets.txt`.
pub fn news_outlet(mention: &str) -> Option<&'static str> {
    let m = mention.trim();
    let bare = m
        .strip_prefix("the ")
        .or_else(|| m.strip_prefix("The "))
        .unwrap_or(m);
    NEWS_OUTLETS
        .iter()
        .find(|o| o.eq_ignore_ascii_case(m) || o.eq_ignore_ascii_case(bare))
}

/// Country names and their aliases (`countries.txt`, `state_aliases.tsv`) → canonical name.
pub static STATES: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for c in data_lines(include_str!("lexicon/countries.txt")) {
        m.insert(c, c);
    }
    for l in data_lines(include_str!("lexicon/state_aliases.tsv")) {
        let (alias, canon) = l
            .split_once('\t')
            .expect("state_aliases.tsv: alias<TAB>canonical");
        m.insert(alias, canon);
    }
    m
});

/// What a cue verb does to its content (`cues.tsv`, column `class`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueClass {
    /// Neutral report: say, tell, add, note, announce.
    Report,
    /// Claim or argue: claim, insist, allege.
    Claim,
    /// Accept or welcome: agree, welcome, praise, concede.
    Accept,
    /// Reject or criticise: reject, deny, condemn, refuse.
    Reject,
    /// Urge or propose: urge, call, invite, demand, offer.
    Urge,
    /// Warn or threaten.
    Threaten,
    /// Promise: vow, pledge, promise, assure.
    Promise,
    /// Ask or question.
    Question,
    /// Belief or forecast: think, believe, hope, fear, predict.
    Belief,
    /// Characterise: describe, label, brand.
    Characterize,
}

/// How an addressee may stand between a cue and its content (`cues.tsv`, column `addressee`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Addressee {
    /// A noun phrase right after the verb is the addressee and is skipped ("warned reporters …").
    pub object: bool,
    /// The content starts at a "that" after the addressee ("reminded the council that …").
    pub that: bool,
}

/// What must follow a cue for it to be speech (`cues.tsv`, column `needs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Nothing.
    Nothing,
    /// A that-clause or a quote ("agreed that …", not "agreed on a border").
    ThatOrQuote,
    /// An infinitive of talking within a few words ([`TALK_WORDS`]).
    TalkObject,
}

/// One cue verb: every property the passes use, from one record of `cues.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueVerb {
    /// The lemma ("say").
    pub lemma: &'static str,
    /// What it does to its content.
    pub class: CueClass,
    /// How an addressee may follow it.
    pub addressee: Addressee,
    /// Its bare and third-person forms are usually nouns ("a call", "the offer").
    pub nounish: bool,
    /// Its -ing form opens a quote without "that", "as" or a quote mark.
    pub strong_participle: bool,
    /// What must follow it.
    pub needs: Needs,
    /// Words that, right after it, make it a noun ("think tank").
    pub not_before: Vec<&'static str>,
}

/// The grammatical form of a cue verb token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueForm {
    /// Finite or bare form: "said", "says", "say", "rejected".
    Finite,
    /// Present participle: "saying", "stating", "describing".
    Participle,
}

fn regular_forms(lemma: &str) -> Vec<String> {
    let (past, ing) = if let Some(stem) = lemma.strip_suffix('e') {
        (format!("{lemma}d"), format!("{stem}ing"))
    } else if let Some(stem) = lemma.strip_suffix('y') {
        if stem.ends_with(['a', 'e', 'o', 'u']) {
            (format!("{lemma}ed"), format!("{lemma}ing"))
        } else {
            (format!("{stem}ied"), format!("{lemma}ing"))
        }
    } else {
        (format!("{lemma}ed"), format!("{lemma}ing"))
    };
    let third = if lemma.ends_with("ss") || lemma.ends_with("sh") || lemma.ends_with("ch") {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    };
    vec![lemma.to_string(), past, ing, third]
}

fn parse_cue_verb(line: &'static str) -> (CueVerb, Vec<String>) {
    let c: Vec<&'static str> = line.split('\t').collect();
    assert_eq!(c.len(), 8, "cues.tsv: 8 columns in {line:?}");
    let list = |s: &'static str| -> Vec<&'static str> {
        if s == "-" {
            Vec::new()
        } else {
            s.split(',').collect()
        }
    };
    let class = match c[2] {
        "report" => CueClass::Report,
        "claim" => CueClass::Claim,
        "accept" => CueClass::Accept,
        "reject" => CueClass::Reject,
        "urge" => CueClass::Urge,
        "threaten" => CueClass::Threaten,
        "promise" => CueClass::Promise,
        "question" => CueClass::Question,
        "belief" => CueClass::Belief,
        "characterize" => CueClass::Characterize,
        other => panic!("cues.tsv: unknown class {other:?}"),
    };
    let addr = list(c[3]);
    let needs = match c[6] {
        "-" => Needs::Nothing,
        "that_or_quote" => Needs::ThatOrQuote,
        "talk_object" => Needs::TalkObject,
        other => panic!("cues.tsv: unknown needs {other:?}"),
    };
    let mut forms = regular_forms(c[0]);
    forms.extend(list(c[1]).into_iter().map(str::to_string));
    (
        CueVerb {
            lemma: c[0],
            class,
            addressee: Addressee {
                object: addr.contains(&"object"),
                that: addr.contains(&"that"),
            },
            nounish: c[4] == "yes",
            strong_participle: c[5] == "strong",
            needs,
            not_before: list(c[7]),
        },
        forms,
    )
}

/// Every cue verb, and each lowercase form → (index of its verb, form).
type CueTable = (Vec<CueVerb>, FxHashMap<String, (usize, CueForm)>);

static CUE_TABLE: LazyLock<CueTable> = LazyLock::new(|| {
    let mut verbs = Vec::new();
    let mut forms = FxHashMap::default();
    for line in data_lines(include_str!("lexicon/cues.tsv")).skip(1) {
        let (verb, fs) = parse_cue_verb(line);
        for f in fs {
            let form = if f.ends_with("ing") && f != verb.lemma {
                CueForm::Participle
            } else {
                CueForm::Finite
            };
            forms.entry(f).or_insert((verbs.len(), form));
        }
        verbs.push(verb);
    }
    (verbs, forms)
});

/// Looks up a lowercase word in the cue table: its verb and form.
pub fn cue(word_lower: &str) -> Option<(&'static CueVerb, CueForm)> {
    let (verbs, forms) = &*CUE_TABLE;
    forms.get(word_lower).map(|&(i, f)| (&verbs[i], f))
}

/// Pronouns that may stand as a speaker, with (kind hint, gender hint, plural).
pub fn pronoun(word: &str) -> Option<PronounInfo> {
    let w = if word.eq_ignore_ascii_case("he") {
        "he"
    } else if word.eq_ignore_ascii_case("she") {
        "she"
    } else if word.eq_ignore_ascii_case("they") {
        "they"
    } else if word.eq_ignore_ascii_case("it") {
        "it"
    } else {
        return None;
    };
    Some(match w {
        "he" => PronounInfo {
            gender: Some(Gender::Male),
            plural: false,
            person: true,
        },
        "she" => PronounInfo {
            gender: Some(Gender::Female),
            plural: false,
            person: true,
        },
        "they" => PronounInfo {
            gender: None,
            plural: true,
            person: false,
        },
        "it" => PronounInfo {
            gender: None,
            plural: false,
            person: false,
        },
        _ => return None,
    })
}

/// Grammatical gender of a person mention, where known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// he, Mr., spokesman, king …
    Male,
    /// she, Ms., spokeswoman, queen …
    Female,
}

/// What a pronoun says about its antecedent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PronounInfo {
    /// `he` / `she`.
    pub gender: Option<Gender>,
    /// `they`.
    pub plural: bool,
    /// `he` / `she` refer to people; `it` and `they` to groups, organisations and states.
    pub person: bool,
}

/// Gender implied by a title or role word (lowercase, a final full stop ignored), if any
/// (`gendered_words.tsv`).
pub fn gender_of_word(word_lower: &str) -> Option<Gender> {
    static WORDS: LazyLock<FxHashMap<&'static str, Gender>> = LazyLock::new(|| {
        data_lines(include_str!("lexicon/gendered_words.tsv"))
            .map(|l| {
                let (w, g) = l
                    .split_once('\t')
                    .expect("gendered_words.tsv: word<TAB>gender");
                (
                    w,
                    if g == "female" {
                        Gender::Female
                    } else {
                        Gender::Male
                    },
                )
            })
            .collect()
    });
    WORDS.get(word_lower.trim_end_matches('.')).copied()
}

/// Gender suggested by a given name (first word of a personal name), if the lists agree.
pub fn gender_of_given_name(name: &str) -> Option<Gender> {
    let first = name.split(' ').next()?.to_lowercase();
    match (MALE_NAMES.contains(&first), FEMALE_NAMES.contains(&first)) {
        (true, false) => Some(Gender::Male),
        (false, true) => Some(Gender::Female),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_forms_are_generated() {
        let lemma = |w: &str| cue(w).map(|(v, f)| (v.lemma, f));
        assert_eq!(lemma("said"), Some(("say", CueForm::Finite)));
        assert_eq!(lemma("stating"), Some(("state", CueForm::Participle)));
        assert_eq!(
            lemma("characterized"),
            Some(("characterize", CueForm::Finite))
        );
        assert_eq!(lemma("urges"), Some(("urge", CueForm::Finite)));
        assert_eq!(
            lemma("emphasizing"),
            Some(("emphasize", CueForm::Participle))
        );
        assert_eq!(lemma("labeled"), Some(("label", CueForm::Finite)));
        assert_eq!(lemma("labelled"), Some(("label", CueForm::Finite)));
        assert_eq!(lemma("denied"), Some(("deny", CueForm::Finite)));
        assert_eq!(lemma("stresses"), Some(("stress", CueForm::Finite)));
        assert_eq!(lemma("table"), None);
    }

    #[test]
    fn every_cue_property_comes_from_its_record() {
        let (tell, _) = cue("told").unwrap();
        assert!(tell.addressee.object && tell.addressee.that);
        let (remind, _) = cue("reminded").unwrap();
        assert!(!remind.addressee.object && remind.addressee.that);
        assert_eq!(cue("agreed").unwrap().0.needs, Needs::ThatOrQuote);
        assert_eq!(cue("invited").unwrap().0.needs, Needs::TalkObject);
        assert_eq!(cue("think").unwrap().0.not_before, ["tank", "tanks"]);
        assert!(cue("call").unwrap().0.nounish);
        assert!(!cue("repeating").unwrap().0.strong_participle);
        assert_eq!(cue("welcomed").unwrap().0.class, CueClass::Accept);
        assert_eq!(cue("threatened").unwrap().0.class, CueClass::Threaten);
    }

    #[test]
    fn lists_skip_comments_and_keep_their_order() {
        assert!(!TITLES.contains("# Person titles"));
        assert_eq!(MONTHS.iter().next(), Some("january"));
        assert!(BLOCKING_BEFORE_CUE.contains("\u{2019}s"));
        assert_eq!(gender_of_word("mr."), Some(Gender::Male));
        assert_eq!(gender_of_word("queen"), Some(Gender::Female));
    }

    #[test]
    fn states_have_aliases() {
        assert_eq!(STATES.get("U.S."), Some(&"United States"));
        assert_eq!(STATES.get("Iran"), Some(&"Iran"));
    }
}
