//! Speaker mentions: finding the noun phrase of a speaker ([`super::phrase`]), typing it
//! ([`super::mention`]), and merging the mentions of one speaker under one canonical name per
//! article ([`super::registry`]). This module holds the speaker kinds and re-exports the parts
//! the other passes and the evaluation use.
//!
//! A mention is a run of tokens: a pronoun ("he"), a name with titles and appositives ("Iran's
//! Supreme Leader, Ayatollah Ali Khamenei"), a role ("the foreign minister", "Iranian officials"),
//! an organisation ("the State Department", "the union") or a state ("Iran", "Washington").

pub use super::mention::{MentionInfo, parse_mention};
pub use super::phrase::{
    is_group_head, is_head, is_name_token, np_after, np_before, postmodifier_end,
};
pub use super::registry::{Entity, Registry};
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
    /// Case and surrounding spaces are ignored ("Person", " state").
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::lexicon::Gender;
    use crate::text::tokens::{Token, tokenize};

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
