//! Labelling in a spreadsheet: write the next N quotes to a CSV, fill in `stance` and
//! `sentiment`, import it back.
//!
//! Batch file columns: `article`, `start`, `end` (the unit's byte span), `speaker`, `cue`,
//! `kind`, `guess_stance`, `p_favor`, `p_against`, `p_neutral`, `guess_sentiment` (the current
//! model's guesses; empty at a cold start), `context` (the sentence), `text` (the unit that is
//! labelled), then the two cells to fill in: `stance` (`favor`, `against`, `neutral`, or `skip`
//! to never ask again) and `sentiment` (`positive`, `negative`, `neutral`). Rows left empty
//! are not imported and will be offered again.

use super::Candidate;
use super::store::{LabelFile, Record};
use crate::error::{Error, Result};
use crate::labels::Task;
use std::path::Path;

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
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let io = |e| Error::io(path, e);
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    std::io::Write::write_all(&mut tmp, &bytes).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
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

/// Reads a filled-in batch file and appends its answered rows to `labels` (each one synced).
/// The whole file is checked before anything is appended.
///
/// # Errors
/// [`Error::Io`] when a file cannot be read or written; [`Error::MissingColumn`] for a missing
/// column; [`Error::BadRecord`] naming file, line and field for an unknown label or a bad span.
pub fn import(path: &Path, labels: &mut LabelFile, target: &str) -> Result<Imported> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| Error::BadRecord {
            path: path.to_path_buf(),
            line: 1,
            field: String::new(),
            message: e.to_string(),
        })?;
    let header: Vec<String> = rdr
        .headers()
        .map_err(|e| Error::BadRecord {
            path: path.to_path_buf(),
            line: 1,
            field: String::new(),
            message: format!("cannot read the header: {e}"),
        })?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| Error::MissingColumn {
                path: path.to_path_buf(),
                column: name.into(),
                header: header.join(","),
            })
    };
    let (ai, bi, ei, ti, si, mi) = (
        col("article")?,
        col("start")?,
        col("end")?,
        col("text")?,
        col("stance")?,
        col("sentiment")?,
    );
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
                bad(i, format!("`{v}` is not one of {}, skip", task.labels().join(", ")))
            })
        };
        let skip = s == "skip";
        let num = |i: usize| -> Result<usize> {
            cell(i)
                .parse()
                .map_err(|_| bad(i, format!("`{}` is not a byte offset", cell(i))))
        };
        if cell(ti).is_empty() {
            return Err(bad(ti, "empty text".into()));
        }
        todo.push(Record {
            text: cell(ti).to_string(),
            stance: if skip { None } else { label(Task::Stance, si, &s)? },
            sentiment: if skip { None } else { label(Task::Sentiment, mi, &m)? },
            target: target.to_string(),
            article: cell(ai).to_string(),
            span: (num(bi)?, num(ei)?),
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
        let got = import(&b, &mut labels, "the plan").unwrap();
        assert_eq!(got, Imported { labelled: 1, empty: 1, ..Default::default() });
        assert_eq!(labels.records()[0].span, cands[0].span);
        assert_eq!(labels.records()[0].stance, Some(0));
        // importing again adds nothing
        let again = import(&b, &mut labels, "the plan").unwrap();
        assert_eq!(again.duplicate, 1);
        assert_eq!(labels.records().len(), 1);
        // a bad label names the line and field, and nothing is appended
        lines[2] = format!("{}maybe,", &lines[2][..lines[2].len() - 1]);
        std::fs::write(&b, lines.join("\n") + "\n").unwrap();
        let e = import(&b, &mut labels, "the plan").unwrap_err().to_string();
        assert!(e.contains(":3:") && e.contains("stance") && e.contains("maybe"), "{e}");
        assert_eq!(labels.records().len(), 1);
    }
}
