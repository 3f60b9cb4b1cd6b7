//! The interactive labelling loop: one quote on screen, one key per answer.
//!
//! Keys: stance `f` favor, `a` against, `n` neutral; then sentiment `+` positive, `-` negative,
//! `0` neutral (or `u` to go back to the stance); at the stance prompt `s` skips the quote
//! (recorded, never asked again), `u` undoes the last answer (and asks that quote again), `q`
//! quits. The answer is in the file, synced, before the next quote is shown. Every
//! `retrain_every` answers the model is refitted ([`super::retrain`]) and the candidates are
//! re-ranked by it; the screen then shows the cross-validated macro-F1, its change since the
//! last refit and the majority baseline.

use super::retrain::{Score, retrain};
use super::select::{Asked, margin, pick};
use super::store::{LabelFile, Record};
use super::{Candidate, update_predictions};
use crate::error::{Error, Result};
use crate::labelled::Dataset;
use crate::labels::Task;
use crate::model::Model;
use console::{Key, Term, style};

/// Everything a session works on.
pub struct Session {
    /// The corpus's quotes.
    pub cands: Vec<Candidate>,
    /// The labels file (answers so far).
    pub labels: LabelFile,
    /// Stance target name (written to the file's `target` column).
    pub target: String,
    /// Cold-start keywords, lower-case.
    pub keywords: Vec<String>,
    /// Base data added at each refit (`--base`).
    pub base: Option<Dataset>,
    /// Refit every this many answers (0 = never).
    pub retrain_every: usize,
    /// The model used until the first refit (`--model`, or the shipped model for negotiation).
    pub model: Option<Model>,
    /// Where the labels can be scored by the current model: the model's name, for the screen.
    pub model_name: String,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Answers written in this session (undone ones not counted).
    pub answered: usize,
    /// Answered records in the file at the end.
    pub total: usize,
    /// True when every candidate has been asked.
    pub exhausted: bool,
}

fn io(e: std::io::Error) -> Error {
    Error::io("terminal", e)
}

/// A line about a refit: score, change, baseline.
pub fn describe(score: Option<Score>, previous: Option<Score>, base_rows: usize) -> String {
    let base = if base_rows > 0 {
        format!(" + {base_rows} base rows")
    } else {
        String::new()
    };
    match score {
        Some(s) => {
            let change = previous.map_or(String::new(), |p| {
                format!(" ({:+.3} since the last refit)", s.macro_f1 - p.macro_f1)
            });
            format!(
                "refitted on {} labels{base}: stance macro-F1 {:.3} (5-fold CV on your labels){change}; majority baseline {:.3}",
                s.n, s.macro_f1, s.baseline
            )
        }
        None => {
            format!("refitted{base}; too few labels of two or more kinds to cross-validate yet")
        }
    }
}

impl Session {
    fn refit(&mut self, previous: &mut Option<Score>) -> String {
        let answered = self.labels.answered();
        match retrain(self.labels.records(), self.base.as_ref(), &self.target) {
            Ok(r) => {
                let line = describe(
                    r.score,
                    *previous,
                    self.base
                        .as_ref()
                        .map_or(0, |_| r.model.training_data.rows - answered),
                );
                if r.score.is_some() {
                    *previous = r.score;
                }
                update_predictions(&mut self.cands, Some(&r.model));
                self.model = Some(r.model);
                self.model_name = format!("refitted on {answered} labels");
                line
            }
            Err(e) => format!("not refitted: {e}"),
        }
    }

    fn show(&self, term: &Term, c: &Candidate, status: &str) -> Result<()> {
        let recs = self.labels.records();
        let skipped = recs.iter().filter(|r| r.skipped()).count();
        term.clear_screen().map_err(io)?;
        let mut out = vec![
            format!(
                "{} · target: {} · {} labelled, {} skipped · {}",
                style("standpoint label").bold(),
                style(&self.target).cyan(),
                recs.len() - skipped,
                skipped,
                self.labels.path().display()
            ),
            status.to_string(),
            "─".repeat(72),
            format!("article  {}", c.article),
            format!(
                "speaker  {}   cue: {}   kind: {}",
                style(&c.speaker).bold(),
                if c.cue.is_empty() { "—" } else { &c.cue },
                c.kind
            ),
        ];
        // the sentence, when it says more than the quote itself
        if c.context.len() > c.text.trim().len() + 20 {
            out.push(format!("sentence {}", clip(&c.context, 600)));
        }
        out.push(format!("quote    {}", style(&c.text).bold()));
        let label = |t: Task, p: &[f64; 3]| {
            t.labels()
                .iter()
                .zip(p)
                .map(|(l, x)| format!("{l} {x:.2}"))
                .collect::<Vec<_>>()
                .join(" · ")
        };
        out.push(match (&c.stance, &c.sentiment) {
            (Some(s), m) => format!(
                "model    stance: {} (margin {:.2}){}   [{}]",
                label(Task::Stance, s),
                margin(s),
                m.as_ref().map_or(String::new(), |m| format!(
                    "   sentiment: {}",
                    label(Task::Sentiment, m)
                )),
                self.model_name
            ),
            (None, _) => "model    none for this target yet (cold start: keywords first, then spread over articles and speakers)".into(),
        });
        out.push("─".repeat(72));
        for l in out {
            term.write_line(&l).map_err(io)?;
        }
        Ok(())
    }

    /// Runs the loop on `term` until the user quits or every quote has been asked.
    ///
    /// # Errors
    /// [`Error::Io`] when the terminal or the labels file fails; the answers written before
    /// stay in the file.
    pub fn run(mut self, term: &Term) -> Result<Summary> {
        let mut previous: Option<Score> = None;
        let mut status = String::new();
        if self.retrain_every > 0 && self.labels.answered() >= self.retrain_every {
            status = self.refit(&mut previous);
        } else {
            update_predictions(&mut self.cands, self.model.as_ref());
        }
        let mut answered = 0usize;
        let mut again: Option<(String, usize, usize)> = None;
        loop {
            let asked = Asked::from_records(self.labels.records());
            let next = again
                .take()
                .and_then(|k| self.cands.iter().position(|c| c.key() == k))
                .or_else(|| {
                    pick(&self.cands, &asked, &self.keywords, 1)
                        .first()
                        .copied()
                });
            let Some(i) = next else {
                term.write_line("every quote of the corpus has been asked")
                    .map_err(io)?;
                return Ok(Summary {
                    answered,
                    total: self.labels.answered(),
                    exhausted: true,
                });
            };
            let c = self.cands[i].clone();
            self.show(term, &c, &status)?;
            status.clear();
            term.write_line(
                "stance?     [f] favor  [a] against  [n] neutral    [s] skip  [u] undo  [q] quit",
            )
            .map_err(io)?;
            let stance = match term.read_key().map_err(io)? {
                Key::Char(ch) => match ch.to_ascii_lowercase() {
                    'f' => Some(0),
                    'a' => Some(1),
                    'n' => Some(2),
                    's' => None,
                    'u' => {
                        status = match self.labels.undo()? {
                            Some(r) => {
                                answered = answered.saturating_sub(usize::from(!r.skipped()));
                                again = Some(r.key());
                                format!("undone: {}", short(&r.text))
                            }
                            None => "nothing to undo".into(),
                        };
                        continue;
                    }
                    'q' => break,
                    _ => {
                        status = format!("unknown key `{ch}`");
                        again = Some(c.key());
                        continue;
                    }
                },
                Key::CtrlC | Key::Escape => break,
                _ => {
                    again = Some(c.key());
                    continue;
                }
            };
            let sentiment = match stance {
                None => None,
                Some(_) => {
                    term.write_line(
                        "sentiment?  [+] positive  [-] negative  [0] neutral    [u] back  [q] quit",
                    )
                    .map_err(io)?;
                    match term.read_key().map_err(io)? {
                        Key::Char('+') | Key::Char('p') => Some(0),
                        Key::Char('-') | Key::Char('m') => Some(1),
                        Key::Char('0') | Key::Char('o') => Some(2),
                        Key::Char('q') | Key::CtrlC => break,
                        _ => {
                            again = Some(c.key());
                            continue;
                        }
                    }
                }
            };
            self.labels.append(Record {
                text: c.text.clone(),
                stance,
                sentiment,
                target: self.target.clone(),
                article: c.article.clone(),
                span: c.span,
                speaker: c.speaker.clone(),
            })?;
            if stance.is_none() {
                status = format!("skipped: {}", short(&c.text));
                continue;
            }
            answered += 1;
            let n = self.labels.answered();
            status = format!(
                "saved {} / {} ({} labelled)",
                Task::Stance.labels()[stance.expect("answered")],
                Task::Sentiment.labels()[sentiment.expect("answered")],
                n
            );
            if self.retrain_every > 0 && n.is_multiple_of(self.retrain_every) {
                term.write_line("refitting…").map_err(io)?;
                status = format!("{status}\n{}", self.refit(&mut previous));
            }
        }
        let total = self.labels.answered();
        term.write_line(&format!(
            "{answered} labels this session, {total} in {}",
            self.labels.path().display()
        ))
        .map_err(io)?;
        Ok(Summary {
            answered,
            total,
            exhausted: false,
        })
    }
}

fn short(s: &str) -> String {
    clip(s, 60)
}

/// `s` with whitespace collapsed, cut to `n` characters with "…".
fn clip(s: &str, n: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}
