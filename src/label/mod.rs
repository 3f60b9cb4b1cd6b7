//! Labelling a new stance target: pick the quotes of a corpus worth labelling, ask, append.
//!
//! `standpoint label` builds on four parts:
//!
//! - [`candidates`]: every quote of the corpus (the extraction `score` uses), with its
//!   classified unit, sentence context and, when a model is at hand, its predictions;
//! - [`select`]: which quote to ask next — uncertainty sampling on the current model (smallest
//!   margin between the two most probable stance labels) with a diversity rule (a quote whose
//!   word-bigram set has Jaccard ≥ 0.6 with an asked one is not asked), and a cold-start rule
//!   when there is no model for the target yet;
//! - [`store`]: the append-only labels CSV (`train` reads it), fsynced per answer;
//! - [`retrain`]: refit on the labels (plus, optionally, the shipped data) with the
//!   cross-validated macro-F1 beside the majority baseline;
//!
//! and two front ends: [`session`] (one key per answer in the terminal) and [`batch`] (a CSV
//! to fill in a spreadsheet, read back with `--import`).

pub mod batch;
pub mod retrain;
pub mod select;
pub mod session;
pub mod store;

use crate::attribution;
use crate::corpus::{Article, Corpus};
use crate::error::{Error, Result};
use crate::features::Unit;
use crate::model::Model;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One quote that can be labelled.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Article id.
    pub article: String,
    /// Byte span of the classified unit (mention + cue + content) in the article text.
    pub span: (usize, usize),
    /// The unit's text: what is written to the labels file and classified.
    pub text: String,
    /// Spans of the speaker's mention inside `text`, masked when classifying.
    pub masks: Vec<(usize, usize)>,
    /// The speaker's canonical name.
    pub speaker: String,
    /// The cue as written ("said", "according to").
    pub cue: String,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// The sentence(s) around the unit, whitespace collapsed.
    pub context: String,
    /// Stance probabilities (favor, against, neutral) from the current model, if any.
    pub stance: Option<[f64; 3]>,
    /// Sentiment probabilities (positive, negative, neutral) from the current model, if any.
    pub sentiment: Option<[f64; 3]>,
    /// The unit's lower-cased word bigrams (unigrams for a one-word unit), for the diversity rule.
    pub grams: HashSet<String>,
}

impl Candidate {
    /// The key that identifies the quote across runs: article id and byte span.
    pub fn key(&self) -> (String, usize, usize) {
        (self.article.clone(), self.span.0, self.span.1)
    }
}

/// Reads a file of article ids to leave out: one id per line; blank lines and lines starting
/// with `#` are ignored (the format of `HELD_OUT.txt`).
///
/// # Errors
/// [`Error::Io`] when the file cannot be read.
pub fn read_ids(path: &Path) -> Result<HashSet<String>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect())
}

/// Collapses runs of whitespace to one space.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The quotes of one article as candidates (no predictions yet).
pub fn article_candidates(article: &Article) -> Vec<Candidate> {
    let text = &article.text;
    let sentences = crate::text::sentences::split(text);
    attribution::extract(text)
        .quotes
        .into_iter()
        .map(|q| {
            let (unit, masks) = q.unit(text);
            let (s, e) = q.unit;
            let from = sentences
                .iter()
                .filter(|x| x.start <= s)
                .map(|x| x.start)
                .next_back()
                .unwrap_or(s);
            let to = sentences
                .iter()
                .find(|x| x.end >= e)
                .map_or(e, |x| x.end)
                .max(e);
            Candidate {
                article: article.id.clone(),
                span: q.unit,
                text: unit.to_string(),
                masks,
                speaker: q.speaker.clone(),
                cue: q.cue.clone(),
                kind: q.kind.as_str().to_string(),
                context: squeeze(&text[from..to]),
                stance: None,
                sentiment: None,
                grams: select::grams(unit),
            }
        })
        .collect()
}

/// Extracts the quotes of every article in `inputs` (files, folders, JSON Lines; see
/// [`Corpus`]) whose id is not in `exclude`, in corpus order. The articles are read in full.
///
/// # Errors
/// As [`Corpus::open`] and reading an article.
pub fn candidates(inputs: &[PathBuf], exclude: &HashSet<String>) -> Result<Vec<Candidate>> {
    use rayon::prelude::*;
    let mut articles = Vec::new();
    for a in Corpus::open(inputs)? {
        let a = a?;
        if !exclude.contains(&a.id) {
            articles.push(a);
        }
    }
    let per: Vec<Vec<Candidate>> = articles.par_iter().map(article_candidates).collect();
    Ok(per.into_iter().flatten().collect())
}

/// Stance and sentiment probabilities of a model for one unit (no article context). With a
/// relevance stage, the stance is gated by it ([`Model::gate`]).
pub fn predict(model: &Model, unit: &Unit<'_>) -> (Option<[f64; 3]>, Option<[f64; 3]>) {
    let stance = model.stance.as_ref().map(|c| {
        let p = c.predict_proba(unit);
        match &model.relevance {
            Some(r) => Model::gate(p, r.predict_proba(unit)[0]),
            None => p,
        }
    });
    let sentiment = model.sentiment.as_ref().map(|c| c.predict_proba(unit));
    (stance, sentiment)
}

/// Fills every candidate's predictions from `model` (or clears them when `None`).
pub fn update_predictions(cands: &mut [Candidate], model: Option<&Model>) {
    use rayon::prelude::*;
    cands.par_iter_mut().for_each(|c| {
        let (s, m) = match model {
            Some(model) => predict(
                model,
                &Unit {
                    text: &c.text,
                    masks: c.masks.clone(),
                },
            ),
            None => (None, None),
        };
        c.stance = s;
        c.sentiment = m;
    });
}

/// What `standpoint label` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The corpus: files, folders, JSON Lines (as `score` reads them).
    pub corpus: Vec<PathBuf>,
    /// The labels CSV (created, or continued).
    pub out: PathBuf,
    /// The model used before the first refit.
    pub model: Option<PathBuf>,
    /// The stance target's name.
    pub target: String,
    /// A file of article ids to leave out (one per line, `#` comments).
    pub exclude_ids: Option<PathBuf>,
    /// Cold-start keywords (case-insensitive word prefixes).
    pub keywords: Vec<String>,
    /// Refit every this many answers (0 = never).
    pub retrain_every: usize,
    /// Labelled CSV added at each refit.
    pub base: Option<PathBuf>,
    /// Write this many quotes to `batch_out` instead of asking in the terminal.
    pub batch: Option<usize>,
    /// The batch file to write.
    pub batch_out: Option<PathBuf>,
    /// A filled-in batch file (or a stand-off file, texts from the corpus) to append.
    pub import: Option<PathBuf>,
    /// Write the labels as a stand-off file (no text) to this path.
    pub export: Option<PathBuf>,
}

/// Runs `standpoint label`: an import, a batch, or an interactive session (see the module
/// docs). Progress goes to standard error, the session to the terminal.
///
/// # Errors
/// Reading the corpus, model, base or labels file; [`Error::InvalidParameter`] when a session
/// is asked for without a terminal.
pub fn run(opts: &Options) -> Result<()> {
    let mut labels = store::LabelFile::open(&opts.out)?;
    let base = opts
        .base
        .as_deref()
        .map(|p| crate::labelled::read(p, &Default::default(), None))
        .transpose()?;
    let base_rows = |m: &Model, answered: usize| m.training_data.rows.saturating_sub(answered);
    if let Some(file) = &opts.export {
        batch::export(&labels, file)?;
        eprintln!(
            "wrote {} records of {} to {} (stand-off: spans and labels, no text)",
            labels.records().len(),
            opts.out.display(),
            file.display()
        );
        return Ok(());
    }
    if let Some(file) = &opts.import {
        let articles = if batch::is_standoff(file)? {
            let mut map = std::collections::HashMap::new();
            for a in Corpus::open(&opts.corpus)? {
                let a = a?;
                map.insert(a.id, a.text);
            }
            Some(map)
        } else {
            None
        };
        let got = batch::import(file, &mut labels, &opts.target, articles.as_ref())?;
        eprintln!(
            "imported {} labels and {} skips from {} ({} rows left empty, {} already in {}); {} labelled in all",
            got.labelled,
            got.skipped,
            file.display(),
            got.empty,
            got.duplicate,
            opts.out.display(),
            labels.answered()
        );
        if let Ok(r) = retrain::retrain(labels.records(), base.as_ref(), &opts.target) {
            eprintln!(
                "{}",
                session::describe(
                    r.score,
                    None,
                    base.as_ref()
                        .map_or(0, |_| base_rows(&r.model, labels.answered()))
                )
            );
        }
        return Ok(());
    }
    let exclude = match &opts.exclude_ids {
        Some(p) => read_ids(p)?,
        None => HashSet::new(),
    };
    let mut cands = candidates(&opts.corpus, &exclude)?;
    eprintln!(
        "{} quotes in the corpus ({} articles left out); {} answered in {}",
        cands.len(),
        exclude.len(),
        labels.answered(),
        opts.out.display()
    );
    let mut model = match &opts.model {
        Some(p) => Some(Model::load(p)?),
        None => None,
    };
    let mut model_name = opts
        .model
        .as_ref()
        .and_then(|p| p.file_name())
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let keywords: Vec<String> = opts.keywords.iter().map(|k| k.to_lowercase()).collect();
    if let Some(n) = opts.batch {
        if opts.retrain_every > 0 && labels.answered() >= opts.retrain_every {
            let r = retrain::retrain(labels.records(), base.as_ref(), &opts.target)?;
            eprintln!(
                "{}",
                session::describe(
                    r.score,
                    None,
                    base.as_ref()
                        .map_or(0, |_| base_rows(&r.model, labels.answered()))
                )
            );
            model = Some(r.model);
        }
        update_predictions(&mut cands, model.as_ref());
        let asked = select::Asked::from_records(labels.records());
        let picked = select::pick(&cands, &asked, &keywords, n);
        let out = opts
            .batch_out
            .clone()
            .unwrap_or_else(|| opts.out.with_extension("batch.csv"));
        batch::write(&out, &cands, &picked)?;
        eprintln!(
            "wrote {} quotes to {} ({}); fill in `stance` and `sentiment`, then run with --import {}",
            picked.len(),
            out.display(),
            if model.is_some() {
                "uncertainty order"
            } else {
                "cold-start order"
            },
            out.display()
        );
        return Ok(());
    }
    let term = console::Term::stdout();
    if !term.is_term() {
        return Err(Error::InvalidParameter(
            "label needs a terminal for its questions; use --batch N to label in a spreadsheet"
                .into(),
        ));
    }
    if model.is_none() {
        model_name.clear();
    }
    session::Session {
        cands,
        labels,
        target: opts.target.clone(),
        keywords,
        base,
        retrain_every: opts.retrain_every,
        model,
        model_name,
    }
    .run(&term)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_of_an_article_carry_span_and_context() {
        let text = "The port was quiet on Monday.\n\n\"We will not sign anything this week,\" said Mayor Ida Berg.\n\nShips waited.";
        let a = Article {
            id: "port".into(),
            title: None,
            date: None,
            source: None,
            text: text.into(),
        };
        let c = article_candidates(&a);
        assert_eq!(c.len(), 1);
        assert_eq!(&text[c[0].span.0..c[0].span.1], c[0].text);
        assert!(c[0].text.contains("We will not sign anything"));
        assert!(
            c[0].context.ends_with("said Mayor Ida Berg."),
            "{}",
            c[0].context
        );
        assert!(!c[0].context.contains("Ships"));
        assert_eq!(c[0].speaker, "Ida Berg");
    }

    #[test]
    fn ids_file_skips_comments() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ids.txt");
        std::fs::write(&p, "# held out\n\nabc\n  def  \n").unwrap();
        let ids = read_ids(&p).unwrap();
        assert_eq!(ids.len(), 2);
        assert!(ids.contains("def"));
    }
}
