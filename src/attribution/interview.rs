//! Interview transcripts, read before the sentence passes: paragraphs that open with a turn label
//! (`((Wikinews))`, `((WN))`, `Q:` for the interviewer; `((Jane Doe))`, `Jane Doe:`, `JD:`, `A:`
//! for the interviewee), and the unlabelled paragraphs between an answer and the next turn.
//!
//! ```text
//! Wikinews spoke with Jane Doe about the strike.
//! ((WN)) Why now?                    → a question: not a quote
//! JD: We waited long enough.         → a quote by Jane Doe (rule `interview`)
//! ```
//!
//! The interviewer's questions are not quotes: they are the outlet's own words, asked to get
//! the answers, and hold no stance of a speaker in the story. An answer's speaker is the name in
//! its label; `A:` and initials take the interviewee named in the lead ("Wikinews spoke with
//! NAME", "NAME answered our questions") or in an earlier full-name label. A paragraph that opens
//! with the interviewee's name or initials without a colon ("Jane Doe I am …", "JD We …") is an
//! answer too when it follows a question. An article is read as an interview when it has at
//! least two turns, one of them an answer.

use super::article::{Article, Found};
use super::cues::Cue;
use super::frame::{Frame, Group};
use super::lexicon;
use super::speakers;
use super::{QuoteKind, Rule};
use crate::text::sentences::Paragraph;
use crate::text::tokens::tokenize;

/// One turn of an interview transcript (byte spans).
#[derive(Debug, Clone)]
pub(super) struct Turn {
    /// The paragraph.
    pub para: (usize, usize),
    /// The words spoken: the paragraph after its label.
    pub content: (usize, usize),
    /// The label's name as written ("Jane Doe", "JD"), when the label names the speaker.
    pub label: Option<(usize, usize)>,
    /// A text naming the speaker (the label, or the interviewee's name in the lead); `None` for
    /// the interviewer's questions.
    pub speaker: Option<(usize, usize)>,
    /// Already turned into a quote.
    pub done: bool,
}

/// Where a turn's words start, its label's name and the text naming its speaker (byte spans).
type TurnParts = (usize, Option<(usize, usize)>, Option<(usize, usize)>);

/// What a paragraph's label says of its speaker.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Label {
    /// `((Wikinews))`, `Q:`.
    Interviewer,
    /// `A:`: the interviewee.
    Answer,
    /// `JD:`: initials.
    Initials((usize, usize)),
    /// `Jane Doe:`, `((Jane Doe))`.
    Name((usize, usize)),
}

/// The label at the start of paragraph `p` and where its words start.
fn label(text: &str, p: &Paragraph) -> Option<(Label, usize)> {
    let body = &text[p.start..p.end];
    let (name, rest, bracketed) = if let Some(inner) = body.strip_prefix("((") {
        let close = inner.find("))").filter(|&c| c <= 60)?;
        ((2, 2 + close), 4 + close, true)
    } else {
        let colon = body.find(':').filter(|&c| c > 0 && c <= 50)?;
        ((0, colon), colon + 1, false)
    };
    let raw = &body[name.0..name.1];
    let trimmed = raw.trim();
    let lead = raw.len() - raw.trim_start().len();
    let span = (
        p.start + name.0 + lead,
        p.start + name.0 + lead + trimmed.len(),
    );
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    let name_like = !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
        });
    if !name_like {
        return None;
    }
    let first = words[0].to_lowercase();
    let kind = if lexicon::INTERVIEWER_LABELS.contains(&trimmed.to_lowercase()) {
        Label::Interviewer
    } else if first == "a" || first == "answer" {
        Label::Answer
    } else if words
        .iter()
        .any(|w| lexicon::NOT_TURN_LABELS.contains(&w.to_lowercase()))
        || lexicon::DAYS.contains(&first)
        || lexicon::MONTHS.contains(&first)
    {
        return None;
    } else if words.len() == 1 && trimmed.len() <= 4 && trimmed.chars().all(char::is_uppercase) {
        Label::Initials(span)
    } else if bracketed || known_elsewhere(text, span) {
        Label::Name(span)
    } else {
        return None;
    };
    // "((WN)) : Why …": a colon after the bracketed label
    let after = &body[rest..];
    let after = after
        .trim_start()
        .strip_prefix(':')
        .unwrap_or(after.trim_start());
    let words_start = body.len() - after.trim_start().len();
    Some((kind, p.start + words_start))
}

/// The label's last word (a surname) also stands in the text outside the label.
fn known_elsewhere(text: &str, (s, e): (usize, usize)) -> bool {
    let last = text[s..e].split_whitespace().last().unwrap_or("");
    last.len() >= 2 && text.match_indices(last).any(|(i, _)| i < s || i >= e)
}

/// The interviewee named in the lead before `before`: the full name after the last intro phrase
/// ("spoke with Jane Doe"), or the subject before it ("Doe answered").
fn lead_interviewee(text: &str, before: usize) -> Option<(usize, usize)> {
    let toks = tokenize(&text[..before]);
    let lowers: Vec<String> = toks.iter().map(|t| t.text.to_lowercase()).collect();
    let name = |k: usize| {
        k < toks.len()
            && speakers::is_name_token(&toks[k], false)
            && !lexicon::INTERVIEWER_LABELS.contains(&lowers[k])
    };
    let mut best: Option<(usize, (usize, usize))> = None;
    for (phrase, after) in lexicon::INTERVIEW_INTROS.iter() {
        let words: Vec<&str> = phrase.split(' ').collect();
        for i in 0..toks.len().saturating_sub(words.len()) {
            if !words.iter().enumerate().all(|(k, w)| lowers[i + k] == *w) {
                continue;
            }
            let found = if *after {
                let from = i + words.len();
                (from..from + 12)
                    .find(|&s| name(s) && name(s + 1))
                    .map(|s| {
                        let e = (s..).find(|&e| !name(e)).unwrap_or(s + 2);
                        (s, e)
                    })
            } else if i > 0 && name(i - 1) {
                let s = (0..i)
                    .rev()
                    .find(|&s| s == 0 || !name(s - 1))
                    .unwrap_or(i - 1);
                Some((s, i))
            } else {
                None
            };
            if let Some((s, e)) = found
                && best.is_none_or(|b| i > b.0)
            {
                best = Some((i, (toks[s].start, toks[e - 1].end)));
            }
        }
    }
    best.map(|b| b.1)
}

/// The initials of a name ("Jane Doe" → "JD").
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// A label whose turns are mostly questions (two thirds or more end with "?", as `((WSS))`, a
/// reporter's initials) is the interviewer's.
fn mark_questioners(text: &str, paragraphs: &[Paragraph], labelled: &mut [(usize, Label, usize)]) {
    let name = |l: &Label| match l {
        Label::Initials(s) | Label::Name(s) => Some(&text[s.0..s.1]),
        _ => None,
    };
    let asks = |pi: usize| text[paragraphs[pi].start..paragraphs[pi].end].ends_with('?');
    let questioners: Vec<&str> = labelled
        .iter()
        .filter_map(|(_, l, _)| name(l))
        .filter(|&n| {
            let turns: Vec<usize> = labelled
                .iter()
                .filter(|(_, l, _)| name(l) == Some(n))
                .map(|t| t.0)
                .collect();
            3 * turns.iter().filter(|&&pi| asks(pi)).count() >= 2 * turns.len()
        })
        .collect();
    for t in labelled.iter_mut() {
        if name(&t.1).is_some_and(|n| questioners.contains(&n)) {
            t.1 = Label::Interviewer;
        }
    }
}

/// The turns of an article (empty when it is no interview), in text order.
pub(super) fn find_turns(text: &str, paragraphs: &[Paragraph]) -> Vec<Turn> {
    let mut labelled: Vec<(usize, Label, usize)> = paragraphs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| label(text, p).map(|(l, w)| (i, l, w)))
        .collect();
    mark_questioners(text, paragraphs, &mut labelled);
    let answers = labelled
        .iter()
        .filter(|(_, l, _)| *l != Label::Interviewer)
        .count();
    if labelled.len() < 2 || answers == 0 {
        return Vec::new();
    }
    let first = paragraphs[labelled[0].0].start;
    let full_names: Vec<(usize, usize)> = labelled
        .iter()
        .filter_map(|(_, l, _)| match l {
            Label::Name(s) if text[s.0..s.1].contains(' ') => Some(*s),
            _ => None,
        })
        .collect();
    let interviewee = lead_interviewee(text, first).or(full_names.first().copied());
    let by_initials = |ini: &str| {
        full_names
            .iter()
            .chain(interviewee.iter())
            .find(|s| initials(&text[s.0..s.1]) == ini)
            .copied()
            .or(interviewee)
    };
    let mut turns = Vec::new();
    let mut next = 0;
    for (pi, p) in paragraphs
        .iter()
        .enumerate()
        .skip_while(|(_, p)| p.start < first)
    {
        let here = labelled.get(next).filter(|l| l.0 == pi);
        let turn = match here {
            Some(&(_, l, words)) => {
                next += 1;
                let (label, speaker) = match l {
                    Label::Interviewer => (None, None),
                    Label::Answer => (None, interviewee),
                    Label::Initials(s) => (Some(s), by_initials(&text[s.0..s.1])),
                    Label::Name(s) => (Some(s), Some(s)),
                };
                Some((words, label, speaker))
            }
            None => {
                let more = next < labelled.len();
                unlabelled_turn(text, p, (&turns, more), interviewee, &by_initials)
            }
        };
        // a paragraph after the last turn ends the transcript
        let Some((words, label, speaker)) = turn else {
            if next >= labelled.len() {
                break;
            }
            continue;
        };
        turns.push(Turn {
            para: (p.start, p.end),
            content: (words, p.end),
            label,
            speaker,
            done: false,
        });
    }
    turns
}

/// A paragraph without a colon label inside the transcript: an answer that opens with the
/// interviewee's name or initials after a question ("Jane Doe I am …", "JD We …"), or the
/// continuation of the previous answer when more turns follow (`more`). Returns where its words
/// start, its label and speaker.
fn unlabelled_turn(
    text: &str,
    p: &Paragraph,
    (turns, more): (&[Turn], bool),
    interviewee: Option<(usize, usize)>,
    by_initials: &dyn Fn(&str) -> Option<(usize, usize)>,
) -> Option<TurnParts> {
    let last = turns.last()?;
    if last.speaker.is_some() {
        // an answer goes on over fewer than four unlabelled paragraphs in a row
        let continued = turns
            .iter()
            .rev()
            .take_while(|t| t.label.is_none() && t.speaker == last.speaker)
            .count();
        return (more && continued < 4).then_some((p.start, None, last.speaker));
    }
    let body = &text[p.start..p.end];
    let first_word = body.split_whitespace().next().unwrap_or("");
    if first_word.len() >= 2
        && first_word.len() <= 4
        && first_word.chars().all(char::is_uppercase)
        && let Some(sp) = by_initials(first_word)
    {
        let label = (p.start, p.start + first_word.len());
        return Some((p.start + first_word.len() + 1, Some(label), Some(sp)));
    }
    // "Jane Doe I am …" after "Doe answered …": up to three capitalised words ending in the
    // interviewee's surname
    let (s, e) = interviewee?;
    let surname = text[s..e].split_whitespace().last()?;
    let mut len = 0;
    for w in body.split(' ').take(3) {
        if !w.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        len += w.len();
        if w == surname {
            let label = (p.start, p.start + len);
            return Some((p.start + len + 1, Some(label), Some(label)));
        }
        len += 1;
    }
    None
}

impl Article<'_> {
    /// Turns the interview turn whose paragraph holds group `g` into a quote (once per turn).
    /// Returns whether the group belongs to a turn, so the other passes skip it.
    pub(super) fn interview_turn(&mut self, gi: usize, g: &Group) -> bool {
        let Some(ti) = self
            .turns
            .iter()
            .position(|t| g.start >= t.para.0 && g.start < t.para.1)
        else {
            return false;
        };
        let t = self.turns[ti].clone();
        if t.done {
            return true;
        }
        self.turns[ti].done = true;
        let (Some(sp), true) = (t.speaker, t.content.0 < t.content.1) else {
            return true;
        };
        let sg = Group {
            start: sp.0,
            end: sp.1,
            ..*g
        };
        let f = Frame::build(self.text, &sg, &self.quotes);
        if f.len() == 0 {
            return true;
        }
        let info = speakers::parse_mention(&f.toks);
        let entity = self
            .registry
            .resolve(&info, &self.text[sp.0..sp.1], t.para.0, true);
        let consumed = (0..self.quotes.len())
            .filter(|&q| self.quotes[q].open >= t.para.0 && self.quotes[q].close <= t.para.1)
            .collect();
        self.found.push(Found {
            mention: t.label,
            entity,
            cue: Cue::layout(usize::MAX, usize::MAX, ""),
            parts: vec![t.content],
            kind: QuoteKind::Direct,
            unit: t.para,
            consumed,
            group: gi,
            co: Vec::new(),
            time: None,
            rule: Rule::Interview,
        });
        true
    }
}
