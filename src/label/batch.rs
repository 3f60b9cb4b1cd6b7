//! Labelling in a spreadsheet: write the next N quotes to a CSV, fill in `stance` and
//! `sentiment`, import it back.
//!
//! Batch file columns: `article`, `start`, `end` (the unit's byte span), `speaker`, `cue`,
//! `kind`, `guess_stance`, `p_favor`, `p_against`, `p_neutral`, `guess_sentiment` (the current
//! model's guesses; empty at a cold start), `context` (the sentence), `text` (the unit that is
//! labelled), then the two cells to fill in: `stance` (`favor`, `against`, `neutral`, or `skip`
//! to never ask again) and `sentiment` (`positive`, `negative`, `neutral`). Rows left empty
//! are not imported and will be offered again.
//!
//! **Stand-off files** hold labels and byte spans without the quote text ([`export`]:
//! `article,start,end,speaker,target,stance,sentiment,sha256`, `sha256` = the first 16 hex digits
//! of the SHA-256 of the unit text), so labels of a corpus one may not copy can be shared. [`import`]
//! reads them back when given the corpus's articles: the text is cut from the article at the span
//! and checked against the digest.

use super::Candidate;
use super::store::{LabelFile, Record, bad, column, read_header};
use crate::error::{Error, Result};
use crate::labels::Task;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;

/// First 16 hex digits of the SHA-256 of `text`: the digest column of stand-off files.
pub fn short_digest(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// True when the CSV at `path` has no `text` column (a stand-off file).
///
/// # Errors
/// [`Error::Io`] / [`Error::BadRecord`] when its header cannot be read.
pub fn is_standoff(path: &Path) -> Result<bool> {
    let mut rdr = csv::Reader::from_path(path).map_err(|e| Error::BadRecord {
        path: path.to_path_buf(),
        line: 1,
        field: String::new(),
        message: e.to_string(),
    })?;
    let h = rdr.headers().map_err(|e| Error::BadRecord {
        path: path.to_path_buf(),
        line: 1,
        field: String::new(),
        message: e.to_string(),
    })?;
    Ok(!h
        .iter()
        .any(|c| c.trim_start_matches('\u{feff}').trim() == "text"))
}

/// Writes the records of `labels` as a stand-off file (no text; skipped quotes as `skip`),
/// atomically.
///
/// # Errors
/// [`Error::Io`] / [`Error::Output`] when the file cannot be written.
pub fn export(labels: &LabelFile, path: &Path) -> Result<()> {
    let err = |e: csv::Error| Error::Output(format!("{}: {e}", path.display()));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "article",
        "start",
        "end",
        "speaker",
        "target",
        "stance",
        "sentiment",
        "sha256",
    ])
    .map_err(err)?;
    for r in labels.records() {
        let l = |t: Task, v: Option<usize>| v.map_or("", |i| t.labels()[i]);
        w.write_record([
            r.article.as_str(),
            &r.span.0.to_string(),
            &r.span.1.to_string(),
            &r.speaker,
            &r.target,
            if r.skipped() {
                "skip"
            } else {
                l(Task::Stance, r.stance)
            },
            l(Task::Sentiment, r.sentiment),
            &short_digest(&r.text),
        ])
        .map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::Output(format!("{}: {e}", path.display())))?;
    write_atomic(path, &bytes)
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let io = |e| Error::io(path, e);
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// The columns of a batch file.
pub const COLUMNS: [&str; 15] = [
    "article",
    "start",
    "end",
    "speaker",
    "cue",
    "kind",
    "guess_stance",
    "p_favor",
    "p_against",
    "p_neutral",
    "guess_sentiment",
    "context",
    "text",
    "stance",
    "sentiment",
];

/// Writes `picked` candidates to `path` atomically (temporary file + rename).
///
/// # Errors
/// [`Error::Io`] / [`Error::Output`] when the file cannot be written.
pub fn write(path: &Path, cands: &[Candidate], picked: &[usize]) -> Result<()> {
    let err = |e: csv::Error| Error::Output(format!("{}: {e}", path.display()));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS).map_err(err)?;
    for &i in picked {
        let c = &cands[i];
        let p = |j: usize| c.stance.map_or(String::new(), |p| format!("{:.3}", p[j]));
        let guess = |t: Task, p: Option<[f64; 3]>| {
            p.map_or(String::new(), |p| {
                t.labels()[crate::eval::argmax(&p)].to_string()
            })
        };
        w.write_record([
            c.article.clone(),
            c.span.0.to_string(),
            c.span.1.to_string(),
            c.speaker.clone(),
            c.cue.clone(),
            c.kind.clone(),
            guess(Task::Stance, c.stance),
            p(0),
            p(1),
            p(2),
            guess(Task::Sentiment, c.sentiment),
            c.context.clone(),
            c.text.clone(),
            String::new(),
            String::new(),
        ])
        .map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::Output(format!("{}: {e}", path.display())))?;
    write_atomic(path, &bytes)
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Imported {
    /// Rows appended with a label.
    pub labelled: usize,
    /// Rows appended as skipped (`skip`).
    pub skipped: usize,
    /// Rows left empty (not imported).
    pub empty: usize,
    /// Rows already in the labels file (not imported again).
    pub duplicate: usize,
}

/// Reads a filled-in batch file (or a stand-off file, given the corpus's `articles` by id) and
/// appends its answered rows to `labels` (each one synced). The whole file is checked before
/// anything is appended.
///
/// # Errors
/// [`Error::Io`] when a file cannot be read or written; [`Error::MissingColumn`] for a missing
/// column (`text` without `articles`); [`Error::BadRecord`] naming file, line and field for an
/// unknown label, a bad span, an unknown article or a digest that does not match.
pub fn import(
    path: &Path,
    labels: &mut LabelFile,
    target: &str,
    articles: Option<&HashMap<String, String>>,
) -> Result<Imported> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| bad(path, 1, "", e.to_string()))?;
    let header = read_header(&mut rdr, path)?;
    let col = |name: &str| column(&header, name, path);
    let (ai, bi, ei, si, mi) = (
        col("article")?,
        col("start")?,
        col("end")?,
        col("stance")?,
        col("sentiment")?,
    );
    let ti = match articles {
        Some(_) => header.iter().position(|h| h == "text"),
        None => Some(col("text")?),
    };
    let di = header.iter().position(|h| h == "sha256");
    let pi = header.iter().position(|h| h == "speaker");
    let mut out = Imported::default();
    let mut todo = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| Error::BadRecord {
            path: path.to_path_buf(),
            line: e.position().map_or(0, |p| p.line()),
            field: String::new(),
            message: format!("malformed CSV: {e}"),
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        let cell = |i: usize| rec.get(i).unwrap_or("").trim();
        let bad = |i: usize, message: String| Error::BadRecord {
            path: path.to_path_buf(),
            line,
            field: format!("field `{}`: ", header[i]),
            message,
        };
        let (s, m) = (cell(si).to_lowercase(), cell(mi).to_lowercase());
        if s.is_empty() && m.is_empty() {
            out.empty += 1;
            continue;
        }
        let label = |task: Task, i: usize, v: &str| -> Result<Option<usize>> {
            if v.is_empty() {
                return Ok(None);
            }
            task.parse_label(v).map(Some).ok_or_else(|| {
                bad(
                    i,
                    format!("`{v}` is not one of {}, skip", task.labels().join(", ")),
                )
            })
        };
        let skip = s == "skip";
        let num = |i: usize| -> Result<usize> {
            cell(i)
                .parse()
                .map_err(|_| bad(i, format!("`{}` is not a byte offset", cell(i))))
        };
        let span = (num(bi)?, num(ei)?);
        let text = match (ti, articles) {
            (Some(ti), _) => cell(ti).to_string(),
            (None, Some(map)) => {
                let a = map
                    .get(cell(ai))
                    .ok_or_else(|| bad(ai, format!("no article `{}` in the corpus", cell(ai))))?;
                a.get(span.0..span.1)
                    .filter(|t| !t.is_empty())
                    .ok_or_else(|| {
                        bad(
                            bi,
                            format!("span {}..{} is not in the article", span.0, span.1),
                        )
                    })?
                    .to_string()
            }
            (None, None) => unreachable!("checked with the header"),
        };
        if text.trim().is_empty() {
            return Err(bad(ti.unwrap_or(bi), "empty text".into()));
        }
        if let Some(di) = di
            && !cell(di).is_empty()
            && cell(di) != short_digest(&text)
        {
            return Err(bad(
                di,
                "the corpus text at this span differs from the labelled one".into(),
            ));
        }
        todo.push(Record {
            text,
            stance: if skip {
                None
            } else {
                label(Task::Stance, si, &s)?
            },
            sentiment: if skip {
                None
            } else {
                label(Task::Sentiment, mi, &m)?
            },
            target: target.to_string(),
            article: cell(ai).to_string(),
            span,
            speaker: pi.map_or(String::new(), |i| cell(i).to_string()),
        });
    }
    let mut keys = labels.keys();
    for r in todo {
        if !keys.insert(r.key()) {
            out.duplicate += 1;
            continue;
        }
        if r.skipped() {
            out.skipped += 1;
        } else {
            out.labelled += 1;
        }
        labels.append(r)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_fill_import() {
        let dir = tempfile::tempdir().unwrap();
        let text = "\"The plan is bold and it will work,\" the governor said. \"Rubbish,\" a farmer replied.";
        let a = crate::corpus::Article {
            id: "g".into(),
            title: None,
            date: None,
            source: None,
            text: text.into(),
        };
        let cands = super::super::article_candidates(&a);
        assert_eq!(cands.len(), 2);
        let b = dir.path().join("batch.csv");
        write(&b, &cands, &[0, 1]).unwrap();
        let written = std::fs::read_to_string(&b).unwrap();
        assert!(written.starts_with(&COLUMNS.join(",")));
        // fill in the first row as a spreadsheet would: the last two cells
        let mut lines: Vec<String> = written.lines().map(String::from).collect();
        assert!(lines[1].ends_with(",,"));
        lines[1] = format!("{}favor,positive", &lines[1][..lines[1].len() - 1]);
        std::fs::write(&b, lines.join("\n") + "\n").unwrap();
        let mut labels = LabelFile::open(&dir.path().join("labels.csv")).unwrap();
        let got = import(&b, &mut labels, "the plan", None).unwrap();
        assert_eq!(
            got,
            Imported {
                labelled: 1,
                empty: 1,
                ..Default::default()
            }
        );
        assert_eq!(labels.records()[0].span, cands[0].span);
        assert_eq!(labels.records()[0].stance, Some(0));
        // importing again adds nothing
        let again = import(&b, &mut labels, "the plan", None).unwrap();
        assert_eq!(again.duplicate, 1);
        assert_eq!(labels.records().len(), 1);
        // a bad label names the line and field, and nothing is appended
        lines[2] = format!("{}maybe,", &lines[2][..lines[2].len() - 1]);
        std::fs::write(&b, lines.join("\n") + "\n").unwrap();
        let e = import(&b, &mut labels, "the plan", None)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains(":3:") && e.contains("stance") && e.contains("maybe"),
            "{e}"
        );
        assert_eq!(labels.records().len(), 1);

        // stand-off round trip: export without text, import into a new file from the article
        let so = dir.path().join("standoff.csv");
        export(&labels, &so).unwrap();
        assert!(is_standoff(&so).unwrap() && !is_standoff(&b).unwrap());
        assert!(!std::fs::read_to_string(&so).unwrap().contains("bold"));
        let map: HashMap<String, String> = [("g".to_string(), text.to_string())].into();
        let mut fresh = LabelFile::open(&dir.path().join("fresh.csv")).unwrap();
        assert!(import(&so, &mut fresh, "the plan", None).is_err());
        import(&so, &mut fresh, "the plan", Some(&map)).unwrap();
        assert_eq!(fresh.records(), labels.records());
        // a changed corpus is caught by the digest
        let changed: HashMap<String, String> =
            [("g".to_string(), text.replace("bold", "BOLD"))].into();
        let mut other = LabelFile::open(&dir.path().join("other.csv")).unwrap();
        let e = import(&so, &mut other, "the plan", Some(&changed))
            .unwrap_err()
            .to_string();
        assert!(e.contains("sha256") && e.contains("differs"), "{e}");
    }
}
