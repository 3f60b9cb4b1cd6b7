//! Passes 4 and 6, coreference and merging: the speakers of one article as entities. Each
//! mention is resolved to an entity as it is found: a pronoun to the latest salient entity it can
//! stand for (gender, number, person or not), a surname to the full name, a role ("the minister")
//! to the person who holds it, "the company" to the latest organisation; at the end
//! ([`Registry::representatives`]) a one-word name merges into the single longer name it ends, and
//! an organisation's name into the single longer organisation name that ends with it.

use super::lexicon::{self, Gender};
use super::mention::MentionInfo;
use super::phrase::is_role_word;
use super::speakers::SpeakerKind;

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
    /// Whether `word` can be this person's surname: the last word of the name, or a later word
    /// of a longer one ("Rosselló" in "Ricardo Rosselló Nevares", "Downey" in "Robert Downey
    /// Jr.").
    fn has_surname(&self, word: &str) -> bool {
        if self.kind != SpeakerKind::Person
            || !self
                .canonical
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        {
            return false;
        }
        let words: Vec<&str> = self.canonical.split(' ').collect();
        words.last() == Some(&word) || (words.len() > 2 && words[1..].contains(&word))
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
    /// Candidate surnames → the entities whose name has that word where
    /// [`Entity::has_surname`] looks (every word but the first of a longer name, the one word of
    /// a short one), ascending and without repeats; a superset, since names only grow. Lets a
    /// named mention look at the few people it can be instead of every entity of the article.
    surnames: rustc_hash::FxHashMap<String, Vec<usize>>,
    /// Every entity as (last_seen, last_mentioned, index), so a pronoun walks the entities from
    /// the most recent down and stops at the first it can stand for, instead of scanning all.
    recency: std::collections::BTreeSet<(Option<usize>, usize, usize)>,
    /// Every entity as (last_mentioned, index), so [`Registry::by_recency`] walks the entities
    /// from the most recently mentioned down and stops at the first its predicate accepts.
    mentioned: std::collections::BTreeSet<(usize, usize)>,
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
        let idx = match info.pronoun {
            Some(p) => self.resolve_pronoun(p, pos)?,
            None => match self.find(info) {
                Some(i) => i,
                None => self.create(info, pos),
            },
        };
        let e = &mut self.entities[idx];
        if let (Some(name), SpeakerKind::Person) = (&info.name, info.kind)
            && (name.split(' ').count() > e.canonical.split(' ').count()
                || !e.canonical.chars().next().is_some_and(char::is_uppercase))
        {
            e.canonical = name.clone();
            self.index_surnames(idx);
        }
        let e = &mut self.entities[idx];
        if e.gender.is_none() {
            e.gender = info.gender.or(info.pronoun.and_then(|p| p.gender));
        }
        for t in &info.titles {
            if !e.titles.contains(t) {
                e.titles.push(t.clone());
            }
        }
        e.add_alias(mention_text);
        let old = (e.last_seen, e.last_mentioned, idx);
        e.last_mentioned = e.last_mentioned.max(pos);
        if salient {
            e.last_seen = Some(e.last_seen.map_or(pos, |p| p.max(pos)));
        }
        let new = (e.last_seen, e.last_mentioned, idx);
        if new != old {
            self.recency.remove(&old);
            self.recency.insert(new);
        }
        if new.1 != old.1 {
            self.mentioned.remove(&(old.1, idx));
            self.mentioned.insert((new.1, idx));
        }
        Some(idx)
    }

    /// The entity a pronoun at `pos` stands for: the most recent salient entity it can stand for
    /// (gender, number, person or not).
    fn resolve_pronoun(&self, p: lexicon::PronounInfo, pos: usize) -> Option<usize> {
        // the first from the top of (last_seen, last_mentioned, index): the entity a
        // max_by_key over all of them in index order would give
        self.recency
            .iter()
            .rev()
            .map(|&(_, _, i)| (i, &self.entities[i]))
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
            .map(|(i, _)| i)
            .next()
    }

    /// A new entity for a mention no known entity matches.
    fn create(&mut self, info: &MentionInfo, pos: usize) -> usize {
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
        let i = self.entities.len() - 1;
        self.index_surnames(i);
        self.recency.insert((None, pos, i));
        self.mentioned.insert((pos, i));
        i
    }

    /// Records entity `idx`'s current name in the surname index.
    fn index_surnames(&mut self, idx: usize) {
        let words: Vec<&str> = self.entities[idx].canonical.split(' ').collect();
        let keys = if words.len() == 1 {
            &words[..]
        } else {
            &words[1..]
        };
        for w in keys {
            let v = self.surnames.entry((*w).to_string()).or_default();
            if let Err(p) = v.binary_search(&idx) {
                v.insert(p, idx);
            }
        }
    }

    fn find(&self, info: &MentionInfo) -> Option<usize> {
        match (info.kind, &info.name) {
            (SpeakerKind::Person, Some(name)) => self.find_person(name),
            (SpeakerKind::Person, None) => self.find_role(info),
            (SpeakerKind::Group, _) => self.by_recency(&|e: &Entity| {
                e.kind == SpeakerKind::Group
                    && (e.canonical.eq_ignore_ascii_case(&info.label)
                        || (info.label.split(' ').count() == 1
                            && e.canonical.to_lowercase().ends_with(&info.head)))
            }),
            (_, Some(name)) => self.by_recency(&|e: &Entity| {
                e.kind == info.kind && (e.canonical == *name || e.aliases.iter().any(|a| a == name))
            }),
            (SpeakerKind::Organization, None) => self.find_organization(info),
            (_, None) => self.by_recency(&|e: &Entity| {
                e.kind == info.kind && e.canonical.eq_ignore_ascii_case(&info.label)
            }),
        }
    }

    /// The most recently mentioned entity that `pred` accepts (ties: the later entity).
    fn by_recency(&self, pred: &dyn Fn(&Entity) -> bool) -> Option<usize> {
        // from the top of (last_mentioned, index): what a max_by_key over all entities in index
        // order gives, without looking past the first match
        self.mentioned
            .iter()
            .rev()
            .map(|&(_, i)| i)
            .find(|&i| pred(&self.entities[i]))
    }

    /// A named person: the latest person with the same surname and compatible first names.
    fn find_person(&self, name: &str) -> Option<usize> {
        let surname = name.split(' ').next_back()?;
        // the same entity as a scan of all entities in index order (ties: the later one)
        self.surnames
            .get(surname)?
            .iter()
            .copied()
            .filter(|&i| {
                let e = &self.entities[i];
                e.kind == SpeakerKind::Person
                    && e.has_surname(surname)
                    && compatible_first_names(&e.canonical, name)
            })
            .max_by_key(|&i| self.entities[i].last_mentioned)
    }

    /// A role: "the minister", "the foreign minister" → a named person with that title, an
    /// entity of that label, or for a definite role with no such title ("the lawyer") the latest
    /// named person of a compatible gender.
    fn find_role(&self, info: &MentionInfo) -> Option<usize> {
        let role_words: Vec<&str> = info
            .label
            .split(' ')
            .map(|w| w.trim_end_matches('.'))
            .collect();
        let head = info.head.as_str();
        self.by_recency(&|e: &Entity| {
            e.kind == SpeakerKind::Person
                && e.titles.iter().any(|t| t == head)
                && role_words
                    .iter()
                    .filter(|w| lexicon::TITLES.contains(&w.to_lowercase()))
                    .all(|w| e.titles.iter().any(|t| t.eq_ignore_ascii_case(w)))
        })
        .or_else(|| self.by_recency(&|e: &Entity| e.canonical.eq_ignore_ascii_case(&info.label)))
        .or_else(|| {
            info.definite.then(|| {
                self.by_recency(&|e: &Entity| {
                    e.kind == SpeakerKind::Person
                        && e.canonical.chars().next().is_some_and(char::is_uppercase)
                        && info
                            .gender
                            .is_none_or(|g| e.gender.is_none_or(|eg| eg == g))
                })
            })?
        })
    }

    /// An organisation without a name: one of that label, else for a definite common-noun
    /// phrase ("the company", "the U.S. company") the latest organisation named with that head,
    /// else the latest organisation (but "the government" is a country's, and "his legal team"
    /// not an organisation named before).
    fn find_organization(&self, info: &MentionInfo) -> Option<usize> {
        let named = |e: &Entity| e.canonical.chars().next().is_some_and(char::is_uppercase);
        self.by_recency(&|e: &Entity| {
            e.kind == SpeakerKind::Organization
                && (e.canonical.eq_ignore_ascii_case(&info.label)
                    || (info.label.split(' ').count() == 1
                        && e.canonical
                            .to_lowercase()
                            .ends_with(&format!(" {}", info.head))))
        })
        .or_else(|| {
            let common = info.label.split(' ').all(|w| {
                !w.chars().next().is_some_and(char::is_uppercase) || lexicon::STATES.contains_key(w)
            });
            if !(info.definite && common) {
                return None;
            }
            self.by_recency(&|e: &Entity| {
                e.kind == SpeakerKind::Organization
                    && named(e)
                    && e.canonical.to_lowercase().contains(&info.head)
            })
            .or_else(|| {
                let own_body = info.possessed
                    || matches!(
                        info.head.as_str(),
                        "government" | "administration" | "regime" | "cabinet"
                    );
                if own_body {
                    return None;
                }
                self.by_recency(&|e: &Entity| e.kind == SpeakerKind::Organization && named(e))
            })
        })
    }

    /// For each entity, the entity it should be reported as: a one-word name ("Briggs",
    /// "Norvale") merges into the single longer name of the same kind in the article that ends
    /// (persons) or starts (organisations) with it; a name of several words of an organisation
    /// merges into the single longer organisation name that ends with it ("Search and Rescue
    /// Agency" → "National Search and Rescue Agency"). Entities with no such partner map to
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
                            c.split(' ').skip(1).any(|w| w == word)
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
        // "Search and Rescue Agency" → "National Search and Rescue Agency": a capitalised
        // organisation name that ends exactly one longer one
        for (i, e) in self.entities.iter().enumerate() {
            if e.kind != SpeakerKind::Organization
                || !e.canonical.contains(' ')
                || !e.canonical.chars().next().is_some_and(char::is_uppercase)
            {
                continue;
            }
            let tail = format!(" {}", e.canonical);
            let partners: Vec<usize> = (0..n)
                .filter(|&j| {
                    j != i
                        && self.entities[j].kind == SpeakerKind::Organization
                        && self.entities[j].canonical.ends_with(&tail)
                })
                .collect();
            if partners.len() == 1 && rep[partners[0]] == partners[0] {
                rep[i] = partners[0];
            }
        }
        self.merge_continued_and_same_names(&mut rep);
        rep
    }

    /// The last merges of [`Registry::representatives`]: an organisation name into the single
    /// longer one that continues it after a link word, and a name seen under two kinds into its
    /// first entity.
    fn merge_continued_and_same_names(&self, rep: &mut [usize]) {
        let n = self.entities.len();
        // "United States Commission" → "United States Commission on Presidential Debates": an
        // organisation name that a single longer one continues after a link word
        for (i, e) in self.entities.iter().enumerate() {
            if e.kind != SpeakerKind::Organization
                || rep[i] != i
                || !e.canonical.chars().next().is_some_and(char::is_uppercase)
            {
                continue;
            }
            let partners: Vec<usize> = (0..n)
                .filter(|&j| {
                    let c = &self.entities[j].canonical;
                    j != i
                        && self.entities[j].kind == SpeakerKind::Organization
                        && ["on", "of", "for"]
                            .iter()
                            .any(|l| c.starts_with(&format!("{} {l} ", e.canonical)))
                })
                .collect();
            if let [only] = partners[..] {
                rep[i] = only;
            }
        }
        // the same name under two kinds ("Iran" the state and "Iran" typed otherwise) is one
        // speaker: the first one seen
        for i in 0..n {
            if rep[i] == i
                && let Some(j) = (0..i).find(|&j| {
                    rep[j] == j && self.entities[j].canonical == self.entities[i].canonical
                })
            {
                rep[i] = j;
            }
        }
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
    let common = is_role_word(&lower) || lexicon::DETERMINERS.contains(&lower);
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
