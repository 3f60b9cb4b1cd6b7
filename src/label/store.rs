//! The labels file of a labelling session: an append-only CSV that `train` reads.
//!
//! Columns (in this order for a new file): `text,stance,sentiment,target,article,start,end,speaker`.
//! `text` is the classified unit of the quote (mention + cue + content, as `score` classifies
//! it), `stance` / `sentiment` the answers (empty for a skipped quote, which is then not asked
//! again and not trained on), `target` the stance target, `article` the article id and
//! `start`/`end` the unit's byte span in the article text. `train` reads `text`, `stance`,
//! `sentiment` and ignores the other columns.
//!
//! Every answer is one [`LabelFile::append`]: the record is written with one `write` call to a
//! file opened in append mode, then flushed and `fsync`ed before the call returns, so an answer
//! that was acknowledged on screen survives Ctrl-C, `kill -9` or a crash. [`LabelFile::undo`]
//! rewrites the file without its last record into a temporary file in the same folder and
//! renames it over the original (atomic on POSIX file systems). A file whose last line was cut
//! short (a crash in the middle of a write) is repaired on open the same way, with a warning.

use crate::error::{Error, Result};
use crate::labels::Task;
use std::collections::HashSet;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The columns of a new labels file, in order.
pub const COLUMNS: [&str; 8] = [
    "text",
    "stance",
    "sentiment",
    "target",
    "article",
    "start",
    "end",
    "speaker",
];

/// One answered (or skipped) quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The classified unit's text.
    pub text: String,
    /// Index into `Task::Stance.labels()` (favor, against, neutral); `None` = skipped.
    pub stance: Option<usize>,
    /// Index into `Task::Sentiment.labels()` (positive, negative, neutral); `None` = skipped.
    pub sentiment: Option<usize>,
    /// The stance target, e.g. `negotiation` or `Donald Trump`.
    pub target: String,
    /// Article id.
    pub article: String,
    /// Byte span of the unit in the article text.
    pub span: (usize, usize),
    /// The speaker's canonical name.
    pub speaker: String,
}

impl Record {
    /// The key that identifies the quote across runs: article id and byte span.
    pub fn key(&self) -> (String, usize, usize) {
        (self.article.clone(), self.span.0, self.span.1)
    }

    /// True when the quote was skipped (no label).
    pub fn skipped(&self) -> bool {
        self.stance.is_none() && self.sentiment.is_none()
    }

    fn field(&self, column: &str) -> String {
        let label = |t: Task, v: Option<usize>| v.map_or(String::new(), |i| t.labels()[i].into());
        match column {
            "text" => self.text.clone(),
            "stance" => label(Task::Stance, self.stance),
            "sentiment" => label(Task::Sentiment, self.sentiment),
            "target" => self.target.clone(),
            "article" => self.article.clone(),
            "start" => self.span.0.to_string(),
            "end" => self.span.1.to_string(),
            "speaker" => self.speaker.clone(),
            _ => String::new(),
        }
    }
}

/// An open labels file: its header and the records read from it.
#[derive(Debug)]
pub struct LabelFile {
    path: PathBuf,
    header: Vec<String>,
    records: Vec<Record>,
    /// The raw rows of the file (header excluded) as read, for rewriting on undo.
    raw: Vec<csv::StringRecord>,
}

/// The header of a labels or batch CSV, names trimmed (a UTF-8 byte-order mark dropped).
///
/// # Errors
/// [`Error::BadRecord`] at line 1 when the header cannot be read.
pub(super) fn read_header<R: std::io::Read>(
    rdr: &mut csv::Reader<R>,
    path: &Path,
) -> Result<Vec<String>> {
    Ok(rdr
        .headers()
        .map_err(|e| bad(path, 1, "", format!("cannot read the header: {e}")))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect())
}

/// The index of column `name` in `header`.
///
/// # Errors
/// [`Error::MissingColumn`] naming the file and the header it has.
pub(super) fn column(header: &[String], name: &str, path: &Path) -> Result<usize> {
    header
        .iter()
        .position(|h| h == name)
        .ok_or_else(|| Error::MissingColumn {
            path: path.to_path_buf(),
            column: name.into(),
            header: header.join(","),
        })
}

pub(super) fn bad(path: &Path, line: u64, field: &str, message: String) -> Error {
    Error::BadRecord {
        path: path.to_path_buf(),
        line,
        field: if field.is_empty() {
            String::new()
        } else {
            format!("field `{field}`: ")
        },
        message,
    }
}

impl LabelFile {
    /// Opens `path`, creating it with the header [`COLUMNS`] when it does not exist or is
    /// empty. An existing file must have at least the columns `text`, `stance`, `sentiment`,
    /// `article`, `start` and `end`; other columns are kept (written empty for new answers).
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read or written; [`Error::MissingColumn`] for a
    /// missing column; [`Error::BadRecord`] (file, line, field) for a bad label or span.
    pub fn open(path: &Path) -> Result<Self> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(Error::io(path, e)),
        };
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            let header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
            let f = LabelFile {
                path: path.to_path_buf(),
                header,
                records: Vec::new(),
                raw: Vec::new(),
            };
            f.rewrite()?;
            return Ok(f);
        }
        let complete = bytes.ends_with(b"\n");
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(bytes.as_slice());
        let header = read_header(&mut rdr, path)?;
        let col = |name: &str| column(&header, name, path);
        let [ti, si, mi, ai, bi, ei] =
            ["text", "stance", "sentiment", "article", "start", "end"].map(col);
        let (ti, si, mi, ai, bi, ei) = (ti?, si?, mi?, ai?, bi?, ei?);
        let gi = header.iter().position(|h| h == "target");
        let pi = header.iter().position(|h| h == "speaker");
        let mut raw: Vec<csv::StringRecord> = Vec::new();
        let mut lines: Vec<u64> = Vec::new();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                bad(path, line, "", format!("malformed CSV: {e}"))
            })?;
            lines.push(rec.position().map_or(0, |p| p.line()));
            raw.push(rec);
        }
        let mut repaired = false;
        if !complete && !raw.is_empty() {
            // the last write was cut short: it was never acknowledged, drop it
            raw.pop();
            lines.pop();
            repaired = true;
        }
        let mut records = Vec::with_capacity(raw.len());
        for (rec, &line) in raw.iter().zip(&lines) {
            if rec.len() != header.len() {
                return Err(Error::RaggedRow {
                    path: path.to_path_buf(),
                    line,
                    expected: header.len(),
                    found: rec.len(),
                });
            }
            let label = |task: Task, i: usize| -> Result<Option<usize>> {
                let v = rec[i].trim();
                if v.is_empty() {
                    return Ok(None);
                }
                task.parse_label(v).map(Some).ok_or_else(|| {
                    bad(
                        path,
                        line,
                        &header[i],
                        format!("`{v}` is not one of {}", task.labels().join(", ")),
                    )
                })
            };
            let num = |i: usize| -> Result<usize> {
                rec[i].trim().parse().map_err(|_| {
                    bad(
                        path,
                        line,
                        &header[i],
                        format!("`{}` is not a byte offset", &rec[i]),
                    )
                })
            };
            records.push(Record {
                text: rec[ti].to_string(),
                stance: label(Task::Stance, si)?,
                sentiment: label(Task::Sentiment, mi)?,
                target: gi.map_or(String::new(), |i| rec[i].to_string()),
                article: rec[ai].to_string(),
                span: (num(bi)?, num(ei)?),
                speaker: pi.map_or(String::new(), |i| rec[i].to_string()),
            });
        }
        let f = LabelFile {
            path: path.to_path_buf(),
            header,
            records,
            raw,
        };
        if repaired {
            eprintln!(
                "standpoint: warning: {}: the last line was incomplete (an interrupted write) and was removed",
                path.display()
            );
            f.rewrite()?;
        }
        Ok(f)
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The records in file order (answers and skips).
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// Number of answered (not skipped) records.
    pub fn answered(&self) -> usize {
        self.records.iter().filter(|r| !r.skipped()).count()
    }

    /// Keys (article id, start, end) of every record: the quotes not to ask again.
    pub fn keys(&self) -> HashSet<(String, usize, usize)> {
        self.records.iter().map(Record::key).collect()
    }

    fn encode(&self, rows: &[csv::StringRecord], with_header: bool) -> Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let err = |e: csv::Error| Error::Output(format!("{}: {e}", self.path.display()));
        if with_header {
            w.write_record(&self.header).map_err(err)?;
        }
        for r in rows {
            w.write_record(r).map_err(err)?;
        }
        w.into_inner()
            .map_err(|e| Error::Output(format!("{}: {e}", self.path.display())))
    }

    /// Appends one record, flushed and synced to disk before returning.
    ///
    /// # Errors
    /// [`Error::Io`] when the write or the sync fails (the record is then not kept in memory).
    pub fn append(&mut self, record: Record) -> Result<()> {
        let row: csv::StringRecord = self.header.iter().map(|c| record.field(c)).collect();
        let bytes = self.encode(std::slice::from_ref(&row), false)?;
        let io = |e| Error::io(&self.path, e);
        let mut f = OpenOptions::new()
            .append(true)
            .open(&self.path)
            .map_err(io)?;
        f.write_all(&bytes).map_err(io)?;
        f.flush().map_err(io)?;
        f.sync_all().map_err(io)?;
        self.raw.push(row);
        self.records.push(record);
        Ok(())
    }

    /// Removes the last record and rewrites the file atomically (temporary file + rename).
    /// Returns the removed record, or `None` when the file has none.
    ///
    /// # Errors
    /// [`Error::Io`] when the rewrite fails (the file is then unchanged).
    pub fn undo(&mut self) -> Result<Option<Record>> {
        let Some(last) = self.records.pop() else {
            return Ok(None);
        };
        let row = self.raw.pop();
        if let Err(e) = self.rewrite() {
            self.records.push(last);
            self.raw.extend(row);
            return Err(e);
        }
        Ok(Some(last))
    }

    /// Writes header + rows to a temporary file beside the original, syncs it and renames it
    /// over the original, then syncs the folder.
    fn rewrite(&self) -> Result<()> {
        let bytes = self.encode(&self.raw, true)?;
        let dir = match self.path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let io = |e| Error::io(&self.path, e);
        let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(io)?;
        tmp.write_all(&bytes).map_err(io)?;
        tmp.as_file().sync_all().map_err(io)?;
        tmp.persist(&self.path).map_err(|e| io(e.error))?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(i: usize, stance: Option<usize>) -> Record {
        Record {
            text: format!("Quote number {i}, \"with quotes\", said the clerk."),
            stance,
            sentiment: stance.map(|_| 2),
            target: "Donald Trump".into(),
            article: format!("a{i}"),
            span: (i * 10, i * 10 + 5),
            speaker: "clerk".into(),
        }
    }

    #[test]
    fn append_reopen_undo() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("labels.csv");
        let mut f = LabelFile::open(&p).unwrap();
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            format!("{}\n", COLUMNS.join(","))
        );
        for i in 0..3 {
            f.append(rec(i, if i == 1 { None } else { Some(i % 3) }))
                .unwrap();
        }
        let g = LabelFile::open(&p).unwrap();
        assert_eq!(g.records(), f.records());
        assert_eq!(g.answered(), 2);
        assert!(g.keys().contains(&("a1".into(), 10, 15)));
        // train reads the file: two rows labelled for stance, the skipped one for nothing
        let d = crate::labelled::read(&p, &Default::default(), None).unwrap();
        assert_eq!(d.rows.len(), 3);
        assert_eq!(d.counts(Task::Stance), [1, 0, 1]);
        let mut g = g;
        assert_eq!(g.undo().unwrap(), Some(rec(2, Some(2))));
        let h = LabelFile::open(&p).unwrap();
        assert_eq!(h.records().len(), 2);
        assert_eq!(h.records()[1], rec(1, None));
        let mut h = h;
        h.undo().unwrap();
        h.undo().unwrap();
        assert_eq!(h.undo().unwrap(), None);
        assert_eq!(LabelFile::open(&p).unwrap().records().len(), 0);
    }

    #[test]
    fn cut_last_line_is_dropped_and_extra_columns_kept() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("l.csv");
        std::fs::write(
            &p,
            "note,text,stance,sentiment,article,start,end\nmine,Hello there.,favor,positive,x,0,5\nmine,Cut sh",
        )
        .unwrap();
        let mut f = LabelFile::open(&p).unwrap();
        assert_eq!(f.records().len(), 1);
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "note,text,stance,sentiment,article,start,end\nmine,Hello there.,favor,positive,x,0,5\n"
        );
        f.append(rec(4, Some(1))).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.ends_with(",\"Quote number 4, \"\"with quotes\"\", said the clerk.\",against,neutral,a4,40,45\n"), "{text}");
    }

    #[test]
    fn bad_label_names_line_and_field() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("l.csv");
        std::fs::write(
            &p,
            "text,stance,sentiment,article,start,end\nA.,favor,,x,0,2\nB.,maybe,,x,3,5\n",
        )
        .unwrap();
        let e = LabelFile::open(&p).unwrap_err().to_string();
        assert!(
            e.contains(":3:") && e.contains("stance") && e.contains("maybe"),
            "{e}"
        );
        std::fs::write(&p, "text,stance\nA.,favor\n").unwrap();
        let e = LabelFile::open(&p).unwrap_err().to_string();
        assert!(e.contains("sentiment"), "{e}");
    }
}
