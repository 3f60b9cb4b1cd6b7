//! Training that cannot hurt: where `standpoint train` writes its model, which label columns it
//! reads, and the warnings it prints about a weak model.
//!
//! - The output is the `--out` the user named, or, without one, `<data folder>/<data stem>.model.json`
//!   next to the data; an existing file is replaced only with `--force`, and the shipped model
//!   (`models/negotiation.json`) is never the default output.
//! - The sentiment column is optional: a file without one trains a stance-only model, whose tables
//!   print `-` in the sentiment columns.
//! - A model whose cross-validated macro-F1 is not above the majority baseline, or that learned a
//!   class from fewer than [`MIN_CLASS_ROWS`] rows, gets a warning.

use crate::error::{Error, Result};
use crate::eval::{evaluate, majority_label};
use crate::labelled::{Columns, Dataset};
use crate::labels::Task;
use crate::model::Model;
use std::path::{Path, PathBuf};

/// Fewer training rows than this in a class draws a warning.
pub const MIN_CLASS_ROWS: usize = 20;

/// The default output of `train` for `data`: `<stem>.model.json` in the data's folder
/// (`training_data/negotiation.csv` → `training_data/negotiation.model.json`).
pub fn default_out(data: &Path) -> PathBuf {
    let stem = data
        .file_stem()
        .map_or_else(|| "model".into(), |s| s.to_string_lossy().into_owned());
    data.with_file_name(format!("{stem}.model.json"))
}

/// Decides where `train` writes: `out` when given, else [`default_out`].
///
/// # Errors
/// [`Error::Output`] when the file exists and `force` is false (naming the file and
/// `--force`), or when the default output would be the `shipped` model.
pub fn resolve_out(
    data: &Path,
    out: Option<&Path>,
    force: bool,
    shipped: &Path,
) -> Result<PathBuf> {
    let path = out.map_or_else(|| default_out(data), Path::to_path_buf);
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if out.is_none() && same(&path, shipped) {
        return Err(Error::Output(format!(
            "the default output {} is the shipped model: name it with --out {} --force to replace it",
            path.display(),
            path.display()
        )));
    }
    if path.exists() && !force {
        return Err(Error::Output(format!(
            "{} exists: pass --force to replace it, or --out NEW.json to write elsewhere",
            path.display()
        )));
    }
    Ok(path)
}

/// The label columns `train` reads from `data`: `text`, `stance`, and `sentiment` and `about`
/// only when the header has them.
///
/// # Errors
/// [`Error::Io`] when the file cannot be read; [`Error::BadRecord`] when its header cannot be
/// parsed.
pub fn columns(data: &Path) -> Result<Columns> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(data)
        .map_err(|e| match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::io(data, io),
            other => header_error(data, format!("{other:?}")),
        })?;
    let header = rdr
        .headers()
        .map_err(|e| header_error(data, e.to_string()))?;
    let has = |c: &str| {
        header
            .iter()
            .any(|h| h.trim_start_matches('\u{feff}').trim() == c)
    };
    let mut columns = Columns::default();
    if !has("sentiment") {
        columns.sentiment = None;
    }
    Ok(columns)
}

fn header_error(data: &Path, message: String) -> Error {
    Error::BadRecord {
        path: data.to_path_buf(),
        line: 1,
        field: String::new(),
        message: format!("cannot read the header: {message}"),
    }
}

/// Warnings about a trained model: for each cross-validated task whose macro-F1 is not above
/// that of always answering the majority label, and for each class with fewer than
/// [`MIN_CLASS_ROWS`] training rows. Each is one line, without a `warning:` prefix.
pub fn warnings(model: &Model, data: &Dataset) -> Vec<String> {
    let mut out = Vec::new();
    for task in [Task::Stance, Task::Sentiment, Task::Relevance] {
        let Some(c) = model.classifier(task) else {
            continue;
        };
        let (_, y) = crate::model::task_rows(data, task, &model.params);
        let mut counts = [0usize; 3];
        for &l in &y {
            counts[l] += 1;
        }
        for (label, n) in c.labels.iter().zip(
            c.labels
                .iter()
                .map(|l| task.parse_label(l).map_or(0, |i| counts[i])),
        ) {
            if n < MIN_CLASS_ROWS {
                out.push(format!(
                    "{task}: class `{label}` has {n} training rows (fewer than {MIN_CLASS_ROWS}); its predictions are unreliable"
                ));
            }
        }
        if let Some(cv) = model.cross_validation.iter().find(|cv| cv.task == task) {
            let m = majority_label(&y);
            let baseline = evaluate(task, &y, &vec![m; y.len()]).macro_f1;
            if cv.macro_f1 <= baseline {
                out.push(format!(
                    "{task}: cross-validated macro-F1 {:.3} is not above the majority baseline {:.3} (always `{}`)",
                    cv.macro_f1,
                    baseline,
                    task.labels()[m]
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_out_is_next_to_the_data() {
        assert_eq!(
            default_out(Path::new("training_data/negotiation.csv")),
            PathBuf::from("training_data/negotiation.model.json")
        );
        assert_eq!(
            default_out(Path::new("x.csv")),
            PathBuf::from("x.model.json")
        );
    }

    #[test]
    fn existing_output_needs_force_and_the_shipped_model_is_never_the_default() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("d.csv");
        let shipped = dir.path().join("d.model.json");
        std::fs::write(&shipped, "{}").unwrap();
        // the default lands on the (pretend) shipped model: refused even with --force
        let e = resolve_out(&data, None, true, &shipped).unwrap_err();
        assert!(e.to_string().contains("shipped model"), "{e}");
        // named explicitly, an existing file needs --force
        let e = resolve_out(&data, Some(&shipped), false, &dir.path().join("other")).unwrap_err();
        assert!(e.to_string().contains("--force"), "{e}");
        assert_eq!(
            resolve_out(&data, Some(&shipped), true, &dir.path().join("other")).unwrap(),
            shipped
        );
        let fresh = dir.path().join("new.json");
        assert_eq!(
            resolve_out(&data, Some(&fresh), false, &shipped).unwrap(),
            fresh
        );
    }

    #[test]
    fn sentiment_column_is_optional() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.csv");
        std::fs::write(&p, "text,stance\nWe will talk.,favor\n").unwrap();
        let c = columns(&p).unwrap();
        assert_eq!(c.sentiment, None);
        assert_eq!(c.stance.as_deref(), Some("stance"));
        std::fs::write(&p, "text,stance,sentiment\nWe will talk.,favor,positive\n").unwrap();
        assert_eq!(columns(&p).unwrap().sentiment.as_deref(), Some("sentiment"));
    }
}
