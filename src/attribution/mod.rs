//! Quote attribution: who said what.
//!
//! [`extract`] finds, in one article, the direct quotes ("…," the minister said), reported speech
//! (X rejected the offer; X said that …), mixed quotes (X called it a "bullying government") and
//! "according to X" attributions, and attributes each to a speaker. Terms follow the PARC and
//! PolNeAR attribution corpora (Pareti 2016; Newell, Margolin & Ruths 2018): a quote has a
//! **source** (the speaker), a **cue** (the reporting verb) and **content**.
//!
//! ```
//! use standpoint::attribution::{extract, QuoteKind, SpeakerKind};
//!
//! let text = "Foreign Minister Abbas Araghchi stated on television, \u{201c}We have heard of it.\u{201d} \
//!             He later said talks were pointless.";
//! let a = extract(text);
//! assert_eq!(a.quotes.len(), 2);
//! assert_eq!(a.quotes[0].speaker, "Abbas Araghchi");
//! assert_eq!(a.quotes[0].kind, QuoteKind::Direct);
//! assert_eq!(&text[a.quotes[0].start..a.quotes[0].end], "We have heard of it.");
//! assert_eq!(a.quotes[1].speaker, "Abbas Araghchi");
//! assert_eq!(a.quotes[1].mention, "He");
//! assert_eq!(a.quotes[1].kind, QuoteKind::Indirect);
//! assert_eq!(a.speakers[0].kind, SpeakerKind::Person);
//! ```

mod agent;
mod article;
mod colon;
mod content;
mod cues;
mod dash;
mod finite;
mod frame;
mod interview;
mod layouts;
pub mod lexicon;
pub mod marks;
mod mention;
mod nested;
mod participial;
mod phrase;
mod registry;
pub mod speakers;
mod subject;
#[cfg(test)]
mod tests;
mod time;
pub mod windows;

pub use speakers::SpeakerKind;
pub use windows::extract_bounded;

use serde::{Deserialize, Serialize};

/// The layout that produced a quote (`rule` in JSON and CSV), for reading and for measuring
/// each rule's precision (`standpoint eval-quotes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// `"…," the minister said.`: a cue after the quote.
    TrailingCue,
    /// `"…," said Jane Doe.`: the speaker after the cue after the quote.
    Inverted,
    /// `X said: "…"`, `X said, "…"`: the quote after the cue.
    CueBeforeQuote,
    /// `X said (that) …`: reported speech after the cue.
    Reported,
    /// `…, officials said.`: reported speech before the cue.
    ReportedBefore,
    /// `according to X, …`.
    AccordingTo,
    /// `… was rejected by X`, `it was stated by X that …`.
    Passive,
    /// `…, saying …`, `describing X as …`: the speaker of the sentence's finite cue.
    Participial,
    /// `X was blunt: "…"`: a quote after a colon, the sentence's subject speaking.
    Colon,
    /// `"…," the minister shouted.`: a verb outside the cue table.
    OtherVerb,
    /// A bare quote paragraph: the speaker carried over from before.
    Continuation,
    /// `"…" That was how Jane Doe put it.`: the speaker named in the next sentence.
    NextSentence,
    /// A turn of an interview transcript (`JD: …`, `((Jane Doe)) …`, `A: …`): the interviewee.
    Interview,
    /// `"…" — Jane Doe, mayor`: a dash and the speaker after the quote (em or en dash, `--`).
    Dash,
    /// `The district issued this statement:` and the words as the next paragraph, with or without
    /// quote marks (also a `Quote:` label).
    ColonParagraph,
    /// `Reuters reported that a source said …`, `according to a tweet by X`: the speaker relayed
    /// by an outlet or a message, not the outlet.
    Nested,
}

impl Rule {
    /// Every rule, in the order of the enum.
    pub const ALL: [Rule; 16] = [
        Rule::TrailingCue,
        Rule::Inverted,
        Rule::CueBeforeQuote,
        Rule::Reported,
        Rule::ReportedBefore,
        Rule::AccordingTo,
        Rule::Passive,
        Rule::Participial,
        Rule::Colon,
        Rule::OtherVerb,
        Rule::Continuation,
        Rule::NextSentence,
        Rule::Interview,
        Rule::Dash,
        Rule::ColonParagraph,
        Rule::Nested,
    ];

    /// The rule's name as written in JSON and CSV (`trailing_cue`, `reported`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::TrailingCue => "trailing_cue",
            Rule::Inverted => "inverted",
            Rule::CueBeforeQuote => "cue_before_quote",
            Rule::Reported => "reported",
            Rule::ReportedBefore => "reported_before",
            Rule::AccordingTo => "according_to",
            Rule::Passive => "passive",
            Rule::Participial => "participial",
            Rule::Colon => "colon",
            Rule::OtherVerb => "other_verb",
            Rule::Continuation => "continuation",
            Rule::NextSentence => "next_sentence",
            Rule::Interview => "interview",
            Rule::Dash => "dash",
            Rule::ColonParagraph => "colon_paragraph",
            Rule::Nested => "nested",
        }
    }
}

impl std::str::FromStr for Rule {
    type Err = String;
    /// A rule by its JSON/CSV name; case, surrounding spaces and `-` for `_` are accepted
    /// ("Interview", "colon-paragraph"). The error lists every rule name.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let want = s.trim().to_lowercase().replace('-', "_");
        Rule::ALL
            .into_iter()
            .find(|r| r.as_str() == want)
            .ok_or_else(|| {
                let names: Vec<&str> = Rule::ALL.iter().map(|r| r.as_str()).collect();
                format!("unknown rule `{s}`; rules: {}", names.join(", "))
            })
    }
}

/// How the content is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// The speaker's words in quote marks.
    Direct,
    /// Reported speech without quote marks (X said that …; X rejected …; according to X …).
    Indirect,
    /// Reported speech with a few quoted words inside (X called it a "bullying government").
    Mixed,
}

impl QuoteKind {
    /// Reported speech: mixed when it holds quoted words, else indirect.
    pub(crate) fn reported(with_quotes: bool) -> Self {
        if with_quotes {
            QuoteKind::Mixed
        } else {
            QuoteKind::Indirect
        }
    }

    /// `direct`, `indirect` or `mixed`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }
}

/// One attributed quote. All offsets are byte offsets into the article text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Canonical speaker name within the article, or `unknown`.
    pub speaker: String,
    /// The speaker's kind.
    pub speaker_kind: SpeakerKind,
    /// The mention as written ("he", "Iran's Supreme Leader, Ayatollah Ali Khamenei"); empty
    /// when the speaker is carried over from an earlier quote.
    pub mention: String,
    /// Byte span of the mention, when it is in the text.
    pub mention_span: Option<(usize, usize)>,
    /// The cue as written ("said", "according to", "stating"); empty for a continued quote.
    pub cue: String,
    /// Byte span of the cue.
    pub cue_span: Option<(usize, usize)>,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// Start of the content (first part).
    pub start: usize,
    /// End of the content (last part).
    pub end: usize,
    /// Content byte spans: one for most quotes, several for a split or multi-paragraph quote.
    pub parts: Vec<(usize, usize)>,
    /// The content text (parts joined by a space).
    pub text: String,
    /// The evidence that is classified: the span covering mention, cue and content.
    pub unit: (usize, usize),
    /// A time expression in the quote's sentence ("earlier in August", "later", "on Tuesday"), so
    /// a speaker's change of stance over time stays visible.
    #[serde(default)]
    pub time: Option<String>,
    /// The layout that produced the quote.
    pub rule: Rule,
}

impl Quote {
    /// The classified unit: its text and the mention spans inside it to mask, relative to the
    /// unit's start (the speaker's own name is not evidence of stance).
    pub fn unit<'a>(&self, article: &'a str) -> (&'a str, Vec<(usize, usize)>) {
        let (s, e) = self.unit;
        let masks = self
            .mention_span
            .filter(|&(ms, me)| ms >= s && me <= e)
            .map(|(ms, me)| vec![(ms - s, me - s)])
            .unwrap_or_default();
        (&article[s..e], masks)
    }
}

/// A speaker of an article with every mention merged under one canonical name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// Canonical name: the fullest personal name seen, or the group/organisation/state label.
    pub name: String,
    /// Person, group, organization, state or unknown.
    pub kind: SpeakerKind,
    /// Every mention text seen for this speaker, in order of appearance.
    pub aliases: Vec<String>,
}

/// The result of attribution on one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// Quotes in text order.
    pub quotes: Vec<Quote>,
    /// Speakers with at least one quote, in order of first quote.
    pub speakers: Vec<Speaker>,
}

/// Finds and attributes the quotes of one article (see the module docs).
pub fn extract(text: &str) -> Attribution {
    article::run(text)
}

#[cfg(test)]
impl Quote {
    /// A direct quote by a person said over `start..end`, for unit tests elsewhere in the crate.
    pub(crate) fn fixture(speaker: &str, start: usize, end: usize) -> Quote {
        Quote {
            speaker: speaker.into(),
            speaker_kind: SpeakerKind::Person,
            mention: speaker.into(),
            mention_span: None,
            cue: "said".into(),
            cue_span: None,
            kind: QuoteKind::Direct,
            start,
            end,
            parts: vec![(start, end)],
            text: String::new(),
            unit: (start, end),
            time: None,
            rule: Rule::TrailingCue,
        }
    }
}
