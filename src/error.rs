//! The library's error type.
//!
//! Every error names the file (and, for tabular input, the line and field) it came from, so the
//! binary can print it as one line and exit non-zero.

use std::path::PathBuf;

/// Errors returned by standpoint's library functions.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating-system error.
        source: std::io::Error,
    },
    /// A labelled CSV has no column of this name in its header.
    #[error("{path}:1: missing column `{column}` (header has: {header})")]
    MissingColumn {
        /// The CSV file.
        path: PathBuf,
        /// The column that was looked for.
        column: String,
        /// The header that was found, comma-separated.
        header: String,
    },
    /// A CSV row has a different number of fields than the header.
    #[error("{path}:{line}: ragged row: {found} fields where the header has {expected}")]
    RaggedRow {
        /// The CSV file.
        path: PathBuf,
        /// 1-based line number where the row starts.
        line: u64,
        /// Fields in the header.
        expected: usize,
        /// Fields in this row.
        found: usize,
    },
    /// A label cell holds a value outside the task's label set.
    #[error(
        "{path}:{line}: field `{field}`: unknown label `{value}` (expected one of {expected}, or empty)"
    )]
    UnknownLabel {
        /// The CSV file.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// Column name.
        field: String,
        /// The offending cell.
        value: String,
        /// The allowed labels, comma-separated.
        expected: String,
    },
    /// Any other malformed input at a known place (bad CSV quoting, invalid UTF-8, empty text).
    #[error("{path}:{line}: {field}{message}")]
    BadRecord {
        /// The file.
        path: PathBuf,
        /// 1-based line number (0 when unknown).
        line: u64,
        /// `field \`name\`: ` or empty.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// An article is empty, binary or not UTF-8 text.
    #[error("{path}: {message}")]
    BadArticle {
        /// The article file (or `<stdin>`, or `file.jsonl:line`).
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A model file is not a standpoint model, is of another format version, or is inconsistent.
    #[error("{path}: {message}")]
    BadModel {
        /// The model file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Training could not run (too few rows or classes, or the solver failed).
    #[error("training failed: {0}")]
    Training(String),
    /// A hyper-parameter is out of its valid range.
    #[error("invalid parameter: {0}")]
    InvalidParameter(String),
    /// Writing a report failed.
    #[error("writing output: {0}")]
    Output(String),
}

impl From<linfa::Error> for Error {
    fn from(e: linfa::Error) -> Self {
        Error::Training(format!("linfa: {e}"))
    }
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// `Result` with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
