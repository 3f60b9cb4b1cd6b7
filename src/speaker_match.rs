//! The speaker rows of one article's table checked against the article's gold speakers: which
//! rows name nobody the annotators found (**spurious speakers**: "Hours", "Morning", a company
//! typed as a person under a name no gold speaker has) and which gold speakers the product split
//! over several rows (**unmerged duplicates**: "Ortega" beside "Luis Ortega Jr.").
//!
//! A row *matches* a gold speaker of its article, from the strongest way to the weakest:
//! 1. **name**: the two names are equal after [`normalize_speaker`] (case, "the", apostrophes,
//!    state aliases);
//! 2. **mention**: the row's name equals, after the same normalisation, the mention of one of
//!    that speaker's gold quotes or acts in the article ("the ministry" for "Ministry of
//!    Health"; pronoun mentions are skipped);
//! 3. **word run**: the words of one name are a contiguous run of the words of the other, and
//!    the shorter one is capitalised ("Ortega" in "Luis Ortega Jr.", "Luis Ortega" and "Luis
//!    Ortega Jr.").
//!
//! A row that matches no gold speaker is spurious. A row is *assigned* to the gold speaker it
//! matches in its strongest way when exactly one gold speaker matches it that way ("Berg" beside
//! the gold speakers "Anna Berg" and "Jonas Berg" matches both by word run and is assigned to
//! neither); a gold speaker with k ≥ 2 assigned rows counts k − 1 unmerged duplicates. Rows named
//! `unknown` (an unresolved pronoun, reported as such) take part in neither count.

use crate::aggregate::SpeakerStance;
use crate::attribution::lexicon;
use crate::quote_eval::{GoldArticle, normalize_speaker};

/// The outcome of checking one article's speaker rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowCheck {
    /// Rows checked (every row but `unknown`).
    pub rows: usize,
    /// The names of the rows that match no gold speaker, in table order.
    pub spurious: Vec<String>,
    /// Gold speakers with two or more assigned rows: (gold name, the rows' names in table
    /// order). Each counts its number of rows minus one.
    pub duplicates: Vec<(String, Vec<String>)>,
}

impl RowCheck {
    /// Unmerged duplicates: for each gold speaker with k ≥ 2 rows, k − 1.
    pub fn duplicate_count(&self) -> usize {
        self.duplicates.iter().map(|(_, r)| r.len() - 1).sum()
    }
}

/// Whether the words of `short` are a contiguous run of the words of `long` (both normalised).
fn word_run(short: &str, long: &str) -> bool {
    let s: Vec<&str> = short.split(' ').collect();
    let l: Vec<&str> = long.split(' ').collect();
    s.len() <= l.len() && l.windows(s.len()).any(|w| w == s.as_slice())
}

/// How strongly a row named `row` (as written) matches a gold speaker named `gold` (as written)
/// with the given normalised gold mentions: 3 name, 2 mention, 1 word run, 0 not at all.
fn strength(row: &str, gold: &str, mentions: &[String]) -> u8 {
    let (r, g) = (normalize_speaker(row), normalize_speaker(gold));
    if r == g {
        return 3;
    }
    if mentions.contains(&r) {
        return 2;
    }
    let capitalised = |s: &str| {
        s.trim_start_matches("the ")
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    let run = if r.split(' ').count() <= g.split(' ').count() {
        capitalised(row) && word_run(&r, &g)
    } else {
        capitalised(gold) && word_run(&g, &r)
    };
    u8::from(run)
}

/// Checks the rows of one article's speaker table (`rows`, as [`crate::aggregate::Accumulator`]
/// gives them for that article alone) against the article's gold speakers (see the module docs).
pub fn check_rows(gold: &GoldArticle, rows: &[SpeakerStance]) -> RowCheck {
    let mentions = |speaker: &str| -> Vec<String> {
        gold.quotes
            .iter()
            .chain(&gold.acts)
            .filter(|q| q.speaker == speaker && lexicon::pronoun(&q.mention).is_none())
            .filter(|q| !q.mention.is_empty())
            .map(|q| normalize_speaker(&q.mention))
            .collect()
    };
    let gold_mentions: Vec<Vec<String>> =
        gold.speakers.iter().map(|g| mentions(&g.speaker)).collect();
    let mut out = RowCheck::default();
    let mut assigned: Vec<Vec<String>> = vec![Vec::new(); gold.speakers.len()];
    for row in rows.iter().filter(|r| r.speaker != "unknown") {
        out.rows += 1;
        let s: Vec<u8> = gold
            .speakers
            .iter()
            .zip(&gold_mentions)
            .map(|(g, m)| strength(&row.speaker, &g.speaker, m))
            .collect();
        let best = s.iter().copied().max().unwrap_or(0);
        if best == 0 {
            out.spurious.push(row.speaker.clone());
            continue;
        }
        let at_best: Vec<usize> = (0..s.len()).filter(|&i| s[i] == best).collect();
        if let [only] = at_best[..] {
            assigned[only].push(row.speaker.clone());
        }
    }
    for (g, rows) in gold.speakers.iter().zip(assigned) {
        if rows.len() > 1 {
            out.duplicates.push((g.speaker.clone(), rows));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::SpeakerKind;
    use crate::quote_eval::{GoldQuote, GoldSpeaker};

    fn row(name: &str) -> SpeakerStance {
        SpeakerStance {
            speaker: name.into(),
            kind: SpeakerKind::Person,
            aliases: Vec::new(),
            articles: 1,
            quotes: 1,
            stance: None,
            sentiment: None,
        }
    }

    fn gold(speakers: &[&str], quotes: &[(&str, &str)]) -> GoldArticle {
        GoldArticle {
            article: "a".into(),
            domain: String::new(),
            group: None,
            quotes: quotes
                .iter()
                .map(|&(speaker, mention)| GoldQuote {
                    speaker: speaker.into(),
                    speaker_kind: "person".into(),
                    mention: mention.into(),
                    cue: "said".into(),
                    kind: "direct".into(),
                    content: String::new(),
                    start: 0,
                    end: 0,
                    layouts: Vec::new(),
                    stance: None,
                    sentiment: None,
                })
                .collect(),
            acts: Vec::new(),
            speakers: speakers
                .iter()
                .map(|s| GoldSpeaker {
                    speaker: (*s).into(),
                    speaker_kind: "person".into(),
                    stance: "neutral".into(),
                    note: None,
                })
                .collect(),
            not_speech: Vec::new(),
        }
    }

    #[test]
    fn rows_matching_nobody_are_spurious_and_split_speakers_duplicates() {
        let g = gold(
            &["Luis Ortega Jr.", "Ministry of Health", "United States"],
            &[
                ("Ministry of Health", "the ministry"),
                ("Luis Ortega Jr.", "he"),
            ],
        );
        let rows: Vec<SpeakerStance> = [
            "Luis Ortega Jr.",
            "Ortega",
            "Hours",
            "ministry",
            "US",
            "unknown",
            "he",
        ]
        .iter()
        .map(|n| row(n))
        .collect();
        let c = check_rows(&g, &rows);
        assert_eq!(c.rows, 6);
        // "he" is no gold mention: pronoun mentions are skipped
        assert_eq!(c.spurious, ["Hours", "he"]);
        assert_eq!(
            c.duplicates,
            [(
                "Luis Ortega Jr.".to_string(),
                vec!["Luis Ortega Jr.".to_string(), "Ortega".to_string()]
            )]
        );
        assert_eq!(c.duplicate_count(), 1);
    }

    #[test]
    fn an_ambiguous_surname_is_not_spurious_but_assigned_to_nobody() {
        let g = gold(&["Anna Berg", "Jonas Berg"], &[]);
        let c = check_rows(&g, &[row("Anna Berg"), row("Berg"), row("Jonas Berg")]);
        assert!(c.spurious.is_empty());
        assert!(c.duplicates.is_empty());
        // a lower-case role is not matched by a word run ("minister" in "Prime Minister X")
        let g = gold(&["Prime Minister"], &[]);
        assert_eq!(check_rows(&g, &[row("minister")]).spurious, ["minister"]);
    }
}
