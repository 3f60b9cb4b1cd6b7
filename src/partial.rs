//! Mergeable partial tables: the sums behind a speaker table, written by one shard of a corpus
//! and merged into the table one run over the whole corpus would print.
//!
//! A partial is one JSON object:
//!
//! ```text
//! {"format": "standpoint-partial", "version": 1,
//!  "model": "negotiation.json", "model_sha256": "<hex SHA-256 of the model file>",
//!  "articles": 42, "quotes_total": 310,
//!  "speakers": [{"speaker", "kind", "sums": {"aliases", "articles", "quotes",
//!                "stance": {"n", "net", "net_sq", "prob", "labels"}, "sentiment": {…}}}, …],
//!  "quotes": [<scored quote>, …] | null}
//! ```
//!
//! `net`, `net_sq` and `prob` are fixed-point sums (integers in units of 2^-96) of
//! P(favor) − P(against), its square and the three probabilities; `labels` counts quotes per
//! predicted label. Integer sums are exact, so merging shards in any grouping gives the same
//! numbers as one pass. `quotes` (absent with `quotes: null`) holds every quote, in input order,
//! under its per-article speaker name; it is needed only for JSON output.
//!
//! **Names across shards.** Within an article the attribution merges mentions under one
//! canonical name; those names are final when a partial is written. The one run-level step, a
//! one-word person name ("Trump") joining the single longer person name of the run that ends
//! with it ("Donald Trump"), looks at every name of the run; so a partial keeps the per-article
//! names, and [`Merged::report`] applies that step once, after all shards are merged, over the
//! union of their names: exactly the names and renames of a single run.

use crate::aggregate::{Accumulator, SpeakerSums};
use crate::attribution::SpeakerKind;
use crate::error::{Error, Result};
use crate::report::ScoreReport;
use crate::score::ScoredQuote;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// The `format` field of a partial file.
pub const FORMAT: &str = "standpoint-partial";
/// The `version` of the partial format this build reads and writes.
pub const VERSION: u64 = 1;

/// Hex SHA-256 of a model file's bytes: partials from models with different digests do not
/// merge.
pub fn model_digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One speaker's sums, as stored in a partial.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SpeakerEntry {
    speaker: String,
    kind: SpeakerKind,
    sums: SpeakerSums,
}

fn default_target() -> String {
    "negotiation".into()
}

/// The sums of one shard: what `standpoint score --partial` writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Partial {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version, [`VERSION`].
    pub version: u64,
    /// The model's file name (printed in the table's title).
    pub model: String,
    /// What the model's stance is toward ([`crate::Model::target`]; older partials without the
    /// field read as `negotiation`).
    #[serde(default = "default_target")]
    pub target: String,
    /// Hex SHA-256 of the model file ([`model_digest`]).
    pub model_sha256: String,
    /// Articles read.
    pub articles: usize,
    /// Quotes scored (after any `--kind` filter).
    pub quotes_total: usize,
    speakers: Vec<SpeakerEntry>,
    /// Every quote in input order, under its per-article speaker name; `None` when not kept.
    pub quotes: Option<Vec<ScoredQuote>>,
}

impl Partial {
    /// A partial from a shard's accumulator; `quotes` are kept for JSON output (`None` keeps
    /// none).
    pub fn new(
        model: &str,
        model_sha256: &str,
        articles: usize,
        quotes_total: usize,
        acc: &Accumulator,
        quotes: Option<Vec<ScoredQuote>>,
    ) -> Self {
        Partial {
            format: FORMAT.into(),
            version: VERSION,
            model: model.into(),
            target: default_target(),
            model_sha256: model_sha256.into(),
            articles,
            quotes_total,
            speakers: acc
                .speakers
                .iter()
                .map(|((speaker, kind), sums)| SpeakerEntry {
                    speaker: speaker.clone(),
                    kind: *kind,
                    sums: sums.clone(),
                })
                .collect(),
            quotes,
        }
    }

    /// The partial as compact JSON with a final newline.
    pub fn to_json(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec(self).expect("a partial serialises");
        v.push(b'\n');
        v
    }

    /// Parses a partial; `place` names it in errors (a file name, `partial 3`).
    ///
    /// # Errors
    /// [`Error::BadRecord`] when the bytes are not JSON, not a partial (`format`), of another
    /// `version`, or a field is missing or of the wrong type.
    pub fn from_json(bytes: &[u8], place: &Path) -> Result<Self> {
        let bad = |field: &str, message: String| Error::BadRecord {
            path: place.to_path_buf(),
            line: 0,
            field: if field.is_empty() {
                String::new()
            } else {
                format!("field `{field}`: ")
            },
            message,
        };
        #[derive(Deserialize)]
        struct Header {
            format: Option<serde_json::Value>,
            version: Option<serde_json::Value>,
        }
        let h: Header = serde_json::from_slice(bytes).map_err(|e| {
            bad(
                "",
                format!("not a standpoint partial (not a JSON object: {e})"),
            )
        })?;
        if h.format.as_ref().and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(bad(
                "format",
                format!("not a standpoint partial (expected \"{FORMAT}\")"),
            ));
        }
        let v = h.version.as_ref().and_then(|v| v.as_u64());
        if v != Some(VERSION) {
            return Err(bad(
                "version",
                format!(
                    "partial format version {} (this build reads {VERSION})",
                    h.version.map_or("none".into(), |v| v.to_string())
                ),
            ));
        }
        serde_json::from_slice(bytes).map_err(|e| Error::BadRecord {
            path: place.to_path_buf(),
            line: e.line() as u64,
            field: String::new(),
            message: e.to_string(),
        })
    }

    /// Reads a partial file.
    ///
    /// # Errors
    /// [`Error::Io`] when unreadable; otherwise as [`Partial::from_json`].
    pub fn read(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Self::from_json(&bytes, path)
    }

    /// Writes the partial atomically (a temporary file in the target folder, then a rename).
    ///
    /// # Errors
    /// [`Error::Io`] when the folder cannot be written.
    pub fn write(&self, path: &Path) -> Result<()> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| Error::io(&dir, e))?;
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        serde_json::to_writer(&mut w, self)
            .map_err(|e| Error::io(path, std::io::Error::other(e)))?;
        w.write_all(b"\n").map_err(|e| Error::io(path, e))?;
        w.flush().map_err(|e| Error::io(path, e))?;
        drop(w);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))
                .map_err(|e| Error::io(path, e))?;
        }
        tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
        Ok(())
    }
}

/// Partials merged so far; [`Merged::report`] gives the table.
#[derive(Debug, Clone)]
pub struct Merged {
    model: Option<(String, String)>,
    target: String,
    articles: usize,
    quotes_total: usize,
    acc: Accumulator,
    quotes: Option<Vec<ScoredQuote>>,
    place_of_first: String,
}

impl Default for Merged {
    fn default() -> Self {
        Self::new()
    }
}

impl Merged {
    /// Nothing merged yet.
    pub fn new() -> Self {
        Merged {
            model: None,
            target: default_target(),
            articles: 0,
            quotes_total: 0,
            acc: Accumulator::new(),
            quotes: Some(Vec::new()),
            place_of_first: String::new(),
        }
    }

    /// Adds one partial (shards in input order keep the quotes in input order); `place` names
    /// it in errors.
    ///
    /// # Errors
    /// [`Error::BadRecord`] when its model digest differs from the first partial's.
    pub fn add(&mut self, p: Partial, place: &Path) -> Result<()> {
        match &self.model {
            None => {
                self.model = Some((p.model.clone(), p.model_sha256.clone()));
                self.target = p.target.clone();
                self.place_of_first = place.display().to_string();
            }
            Some((name, digest)) if *digest != p.model_sha256 => {
                return Err(Error::BadRecord {
                    path: place.to_path_buf(),
                    line: 0,
                    field: "field `model_sha256`: ".into(),
                    message: format!(
                        "scored with model {} (sha256 {}), but {} was scored with {name} (sha256 {}); partials of different models do not merge",
                        p.model,
                        short(&p.model_sha256),
                        self.place_of_first,
                        short(digest)
                    ),
                });
            }
            Some(_) => {}
        }
        self.articles += p.articles;
        self.quotes_total += p.quotes_total;
        let mut acc = Accumulator::new();
        for e in p.speakers {
            acc.speakers.insert((e.speaker, e.kind), e.sums);
        }
        self.acc.merge(&acc);
        match (self.quotes.as_mut(), p.quotes) {
            (Some(all), Some(q)) => all.extend(q),
            _ => self.quotes = None,
        }
        Ok(())
    }

    /// Number of articles merged.
    pub fn articles(&self) -> usize {
        self.articles
    }

    /// The report a single run over all merged shards would give (speaker names joined over
    /// the union of the shards' names; see the module docs), with the quotes renamed the same
    /// way (`None` when a partial did not keep its quotes).
    pub fn report(&self, majority: f64) -> (ScoreReport, Option<Vec<ScoredQuote>>) {
        let acc = self.acc.clone().with_majority(majority);
        let (speakers, renames) = acc.finish_with_renames();
        let quotes = self.quotes.clone().map(|mut qs| {
            for q in &mut qs {
                if let Some(name) = renames.get(&(q.quote.speaker.clone(), q.quote.speaker_kind)) {
                    q.quote.speaker = name.clone();
                }
            }
            qs
        });
        let report = ScoreReport {
            articles: self.articles,
            speakers,
            n_quotes: self.quotes_total,
            by_article: None,
            model: self.model.as_ref().map(|m| m.0.clone()).unwrap_or_default(),
            target: self.target.clone(),
            inputs: Vec::new(),
            periods: None,
            texts: Vec::new(),
        };
        (report, quotes)
    }
}

fn short(digest: &str) -> &str {
    &digest[..digest.len().min(12)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::{Prediction, ScoredArticle};
    use crate::{Quote, Task};

    fn article(id: &str, speakers: &[(&str, [f64; 3])]) -> ScoredArticle {
        let quotes = speakers
            .iter()
            .map(|(name, p)| ScoredQuote {
                article: id.into(),
                date: None,
                quote: Quote::fixture(name, 0, 0),
                stance: Some(Prediction::new(Task::Stance, *p)),
                relevance: None,
                sentiment: Some(Prediction::new(Task::Sentiment, *p)),
                because: Vec::new(),
            })
            .collect();
        ScoredArticle {
            id: id.into(),
            title: None,
            date: None,
            speakers: Vec::new(),
            quotes,
        }
    }

    fn partial_of(articles: &[ScoredArticle], digest: &str) -> Partial {
        let mut acc = Accumulator::new();
        let mut quotes = Vec::new();
        for a in articles {
            acc.add(a);
            quotes.extend(a.quotes.iter().cloned());
        }
        let n = quotes.len();
        let p = Partial::new("m.json", digest, articles.len(), n, &acc, Some(quotes));
        // through JSON, as between processes
        Partial::from_json(&p.to_json(), Path::new("p.json")).unwrap()
    }

    #[test]
    fn surname_in_one_shard_joins_the_full_name_in_another() {
        let a = article("a", &[("Amina Diallo", [0.1, 0.7, 0.2])]);
        let b = article(
            "b",
            &[("Diallo", [0.3, 0.3, 0.4]), ("Chen", [0.5, 0.2, 0.3])],
        );
        let c = article(
            "c",
            &[("Wei Chen", [0.2, 0.2, 0.6]), ("Li Chen", [0.6, 0.1, 0.3])],
        );
        let mut one = Accumulator::new();
        for x in [&a, &b, &c] {
            one.add(x);
        }
        let (single, single_renames) = one.finish_with_renames();
        let mut m = Merged::new();
        for (i, shard) in [vec![a.clone()], vec![b.clone(), c.clone()]]
            .iter()
            .enumerate()
        {
            m.add(partial_of(shard, "d1"), Path::new(&format!("p{i}")))
                .unwrap();
        }
        let (report, quotes) = m.report(crate::aggregate::DEFAULT_MAJORITY);
        assert_eq!(report.speakers, single);
        // "Diallo" joined "Amina Diallo" across shards; "Chen" has two longer names and stays
        let names: Vec<&str> = report.speakers.iter().map(|s| s.speaker.as_str()).collect();
        assert!(names.contains(&"Amina Diallo") && !names.contains(&"Diallo"));
        assert!(names.contains(&"Chen"));
        assert_eq!(single_renames.len(), 1);
        let q = quotes.unwrap();
        assert_eq!(q[1].quote.speaker, "Amina Diallo");
        assert_eq!(q[2].quote.speaker, "Chen");
        assert_eq!((report.articles, report.n_quotes), (3, 5));
    }

    #[test]
    fn sums_do_not_depend_on_the_grouping_of_shards() {
        let arts: Vec<ScoredArticle> = (0..9)
            .map(|i| {
                let x = 0.1 + 0.077 * i as f64;
                article(&format!("a{i}"), &[("Ola Berg", [x, 0.9 - x, 0.1])])
            })
            .collect();
        let mut one = Accumulator::new();
        arts.iter().for_each(|a| one.add(a));
        let mut m = Merged::new();
        for (i, part) in [&arts[..2], &arts[2..7], &arts[7..]]
            .into_iter()
            .enumerate()
        {
            m.add(partial_of(part, "d"), Path::new(&format!("p{i}")))
                .unwrap();
        }
        assert_eq!(
            m.report(0.667).0.speakers,
            one.with_majority(0.667).finish()
        );
    }

    #[test]
    fn partials_of_different_models_are_refused() {
        let a = article("a", &[("Ola Berg", [0.5, 0.2, 0.3])]);
        let mut m = Merged::new();
        m.add(
            partial_of(std::slice::from_ref(&a), "aaaa"),
            Path::new("one.json"),
        )
        .unwrap();
        let e = m
            .add(partial_of(&[a], "bbbb"), Path::new("two.json"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("two.json:0: field `model_sha256`:"), "{e}");
        assert!(e.contains("one.json was scored with m.json"), "{e}");
    }

    #[test]
    fn foreign_and_future_files_are_refused_by_field() {
        let p = Path::new("x.json");
        let e = Partial::from_json(b"{\"format\":\"standpoint-model\"}", p).unwrap_err();
        assert!(e.to_string().contains("field `format`"), "{e}");
        let e = Partial::from_json(b"{\"format\":\"standpoint-partial\",\"version\":9}", p)
            .unwrap_err();
        assert!(e.to_string().contains("version 9"), "{e}");
        let e = Partial::from_json(b"[1]", p).unwrap_err();
        assert!(e.to_string().contains("not a standpoint partial"), "{e}");
    }
}
