//! The labelled CSV: `text,stance,sentiment` and an optional `about` (+ any ignored columns),
//! read with checks that name the file, line and field of every problem.
//!
//! An empty label cell means "not labelled for that task". Stance labels are `favor`, `against`,
//! `neutral` (`none` is read as `neutral`, as in SemEval-2016 Task 6); sentiment labels are
//! `positive`, `negative`, `neutral`; `about` (the relevance stage's label) is `negotiation` or
//! `other`, and a file without that column has no relevance labels. Labels are case-insensitive.

use crate::error::{Error, Result};
use crate::labels::Task;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Which CSV columns hold the text and the labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// Column with the text. Default `text`.
    pub text: String,
    /// Column with stance labels; `None` ignores stance. Default `stance`.
    pub stance: Option<String>,
    /// Column with sentiment labels; `None` ignores sentiment. Default `sentiment`.
    pub sentiment: Option<String>,
    /// Column with relevance labels (`negotiation` / `other`), read when the file has it;
    /// `None` ignores it. Default `about`.
    pub about: Option<String>,
    /// Column naming each row's group for group k-fold cross-validation (e.g. the debate
    /// topic `target`); required in the header when given. Default `None` (no groups).
    pub group: Option<String>,
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            text: "text".into(),
            stance: Some("stance".into()),
            sentiment: Some("sentiment".into()),
            about: Some("about".into()),
            group: None,
        }
    }
}

impl Columns {
    /// The label column for a task.
    pub fn label(&self, task: Task) -> Option<&str> {
        match task {
            Task::Stance => self.stance.as_deref(),
            Task::Sentiment => self.sentiment.as_deref(),
            Task::Relevance => self.about.as_deref(),
        }
    }
}

/// One labelled row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The text to classify.
    pub text: String,
    /// Index into `Task::Stance.labels()`, or `None` when not labelled.
    pub stance: Option<usize>,
    /// Index into `Task::Sentiment.labels()`, or `None` when not labelled.
    pub sentiment: Option<usize>,
    /// Index into `Task::Relevance.labels()` (0 negotiation, 1 other), or `None`.
    pub about: Option<usize>,
    /// The row's value of [`Columns::group`] (trimmed; an empty cell is the group `""`), or
    /// `None` when no group column was read.
    pub group: Option<String>,
    /// 1-based line where the row starts in the file.
    pub line: u64,
}

impl Row {
    /// The label index for a task.
    pub fn label(&self, task: Task) -> Option<usize> {
        match task {
            Task::Stance => self.stance,
            Task::Sentiment => self.sentiment,
            Task::Relevance => self.about,
        }
    }
}

/// A labelled data set read from one CSV file.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// The file it was read from.
    pub path: PathBuf,
    /// Rows in file order.
    pub rows: Vec<Row>,
}

impl Dataset {
    /// SHA-256 (hex) over the rows' text and labels, independent of line endings, column order
    /// and extra columns: the digest stored in a model to tie it to its training data.
    pub fn digest(&self) -> String {
        let mut h = Sha256::new();
        for r in &self.rows {
            h.update(r.text.as_bytes());
            for task in [Task::Stance, Task::Sentiment, Task::Relevance] {
                h.update([0x1f]);
                h.update(r.label(task).map_or("", |i| task.labels()[i]).as_bytes());
            }
            h.update([0x1e]);
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Rows labelled for `task`, as (text, label index) pairs.
    pub fn labelled(&self, task: Task) -> Vec<(&str, usize)> {
        self.rows
            .iter()
            .filter_map(|r| r.label(task).map(|l| (r.text.as_str(), l)))
            .collect()
    }

    /// Count of rows per label of `task`, in `task.labels()` order.
    pub fn counts(&self, task: Task) -> [usize; 3] {
        let mut c = [0; 3];
        for r in &self.rows {
            if let Some(l) = r.label(task) {
                c[l] += 1;
            }
        }
        c
    }

    /// Keeps the rows for which `keep` is true (used to select a split column's value).
    pub fn filter(&self, keep: impl Fn(&Row) -> bool) -> Dataset {
        Dataset {
            path: self.path.clone(),
            rows: self.rows.iter().filter(|r| keep(r)).cloned().collect(),
        }
    }
}

/// Reads a labelled CSV.
///
/// `split` optionally keeps only rows whose column `split.0` equals `split.1` (e.g. the public
/// datasets' `split` column).
///
/// # Errors
/// - [`Error::Io`] when the file cannot be read;
/// - [`Error::MissingColumn`] when a named column (text, a label, the group or the split
///   column) is not in the header;
/// - [`Error::RaggedRow`] when a row has more or fewer fields than the header;
/// - [`Error::UnknownLabel`] for a label outside the task's set;
/// - [`Error::BadRecord`] for invalid UTF-8, broken quoting or an empty text cell.
pub fn read(path: &Path, columns: &Columns, split: Option<(&str, &str)>) -> Result<Dataset> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    // line numbers from byte offsets (robust to mixed \n / \r\n line endings)
    let newlines: Vec<usize> = memchr_newlines(&bytes);
    let line_of = |byte: u64| {
        // csv may report a record as starting at the \n of a \r\n pair
        let mut b = byte as usize;
        while b < bytes.len() && (bytes[b] == b'\n' || bytes[b] == b'\r') {
            b += 1;
        }
        newlines.partition_point(|&n| n < b) as u64 + 1
    };
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(bytes.as_slice());
    let bad = |line: u64, field: &str, message: String| Error::BadRecord {
        path: path.to_path_buf(),
        line,
        field: if field.is_empty() {
            String::new()
        } else {
            format!("field `{field}`: ")
        },
        message,
    };
    let headers = rdr
        .headers()
        .map_err(|e| bad(1, "", format!("cannot read the header: {e}")))?
        .clone();
    let names: Vec<String> = headers
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    let find = |col: &str| -> Result<usize> {
        let times = names.iter().filter(|h| *h == col).count();
        if times > 1 {
            return Err(bad(
                1,
                col,
                format!("the column appears {times} times in the header; keep one"),
            ));
        }
        names
            .iter()
            .position(|h| h == col)
            .ok_or_else(|| Error::MissingColumn {
                path: path.to_path_buf(),
                column: col.to_string(),
                header: names.join(","),
            })
    };
    let text_i = find(&columns.text)?;
    let stance_i = columns.stance.as_deref().map(find).transpose()?;
    let sentiment_i = columns.sentiment.as_deref().map(find).transpose()?;
    // the relevance column is optional: a file without it has no relevance labels
    let about_i = columns
        .about
        .as_deref()
        .and_then(|c| names.iter().position(|h| h == c));
    let group_i = columns.group.as_deref().map(find).transpose()?;
    let split_i = split.map(|(c, v)| find(c).map(|i| (i, v))).transpose()?;
    let mut rows = Vec::new();
    let mut rec = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| line_of(p.byte()));
                return Err(bad(line, "", format!("malformed CSV: {e}")));
            }
        }
        let line = rec.position().map_or(0, |p| line_of(p.byte()));
        if rec.len() != names.len() {
            return Err(Error::RaggedRow {
                path: path.to_path_buf(),
                line,
                expected: names.len(),
                found: rec.len(),
            });
        }
        if let Some((si, v)) = split_i
            && &rec[si] != v
        {
            continue;
        }
        let text = rec[text_i].trim();
        if text.is_empty() {
            return Err(bad(line, &columns.text, "empty text".into()));
        }
        let label = |task: Task, i: Option<usize>| -> Result<Option<usize>> {
            let Some(i) = i else { return Ok(None) };
            let v = rec[i].trim();
            if v.is_empty() {
                return Ok(None);
            }
            task.parse_label(v)
                .map(Some)
                .ok_or_else(|| Error::UnknownLabel {
                    path: path.to_path_buf(),
                    line,
                    field: names[i].clone(),
                    value: v.to_string(),
                    expected: task.labels().join(", "),
                })
        };
        let stance = label(Task::Stance, stance_i)?;
        let sentiment = label(Task::Sentiment, sentiment_i)?;
        let about = label(Task::Relevance, about_i)?;
        rows.push(Row {
            text: text.to_string(),
            stance,
            sentiment,
            about,
            group: group_i.map(|i| rec[i].trim().to_string()),
            line,
        });
    }
    Ok(Dataset {
        path: path.to_path_buf(),
        rows,
    })
}

fn memchr_newlines(bytes: &[u8]) -> Vec<usize> {
    bytes
        .iter()
        .enumerate()
        .filter_map(|(i, &b)| (b == b'\n').then_some(i))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn csv_file(content: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(content.as_bytes()).unwrap();
        f
    }

    #[test]
    fn reads_labels_and_ignores_extra_columns() {
        let f = csv_file(
            "text,stance,sentiment,domain\n\"We talk, now.\",favor,positive,trade\nNo.,AGAINST,,x\r\nMaybe,none,neutral,y\n",
        );
        let d = read(f.path(), &Columns::default(), None).unwrap();
        assert_eq!(d.rows.len(), 3);
        assert_eq!(d.rows[0].text, "We talk, now.");
        assert_eq!(d.rows[1].stance, Some(1));
        assert_eq!(d.rows[1].sentiment, None);
        assert_eq!(d.rows[2].stance, Some(2));
        assert_eq!(d.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3, 4]);
        assert_eq!(d.counts(Task::Stance), [1, 1, 1]);
        assert!(d.rows.iter().all(|r| r.about.is_none()));
    }

    #[test]
    fn the_about_column_is_optional_and_checked() {
        let f = csv_file(
            "text,stance,sentiment,about\nWe talk.,favor,positive,negotiation\nA fire.,neutral,negative,other\nHm.,neutral,neutral,\n",
        );
        let d = read(f.path(), &Columns::default(), None).unwrap();
        assert_eq!(
            d.rows.iter().map(|r| r.about).collect::<Vec<_>>(),
            [Some(0), Some(1), None]
        );
        assert_eq!(d.counts(Task::Relevance), [1, 1, 0]);
        let f = csv_file("text,stance,sentiment,about\nWe talk.,favor,positive,sport\n");
        let e = read(f.path(), &Columns::default(), None)
            .unwrap_err()
            .to_string();
        assert!(
            e.ends_with(":2: field `about`: unknown label `sport` (expected one of negotiation, other, or empty)"),
            "{e}"
        );
    }

    #[test]
    fn errors_name_file_line_and_field() {
        let f = csv_file("text,stance,sentiment\nok,favor,positive\nbad,maybe,positive\n");
        let e = read(f.path(), &Columns::default(), None)
            .unwrap_err()
            .to_string();
        assert!(e.ends_with(":3: field `stance`: unknown label `maybe` (expected one of favor, against, neutral, or empty)"), "{e}");
        let f = csv_file("text,sentiment\nok,positive\n");
        let e = read(f.path(), &Columns::default(), None)
            .unwrap_err()
            .to_string();
        assert!(e.contains(":1: missing column `stance`"), "{e}");
        let f = csv_file("text,stance,sentiment\nok,favor,positive\nragged,favor\n");
        let e = read(f.path(), &Columns::default(), None)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains(":3: ragged row: 2 fields where the header has 3"),
            "{e}"
        );
    }

    #[test]
    fn digest_ignores_line_endings_and_extra_columns() {
        let a = csv_file("text,stance,sentiment\nWe talk.,favor,positive\n");
        let b = csv_file("sentiment,text,stance,extra\r\npositive,We talk.,favor,1\r\n");
        let da = read(a.path(), &Columns::default(), None).unwrap();
        let db = read(b.path(), &Columns::default(), None).unwrap();
        assert_eq!(da.digest(), db.digest());
        let c = csv_file("text,stance,sentiment\nWe talk.,against,positive\n");
        assert_ne!(
            da.digest(),
            read(c.path(), &Columns::default(), None).unwrap().digest()
        );
    }
}
