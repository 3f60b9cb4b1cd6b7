//! Output formats for scoring results: a terminal table, CSV, JSON and Markdown.
//!
//! The format is chosen at the edge (the binary); every writer takes the same [`ScoreReport`].
//! Numbers in tables are rounded to two decimals; CSV and JSON carry full precision.

mod csv_out;
mod json;
mod table;

use crate::aggregate::SpeakerStance;
use crate::error::Result;
use crate::score::ScoredQuote;
use serde::Serialize;
use std::io::Write;

pub use json::{json_value, quote_json, speaker_json};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned table for a terminal.
    Table,
    /// Comma-separated values (one table: speakers, or quotes with `--quotes`).
    Csv,
    /// One JSON object `{"speakers": […], "quotes": […]}`.
    Json,
    /// GitHub-flavoured Markdown tables.
    Markdown,
}

/// The speakers of one article (for `--by-article`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleTable {
    /// Article id.
    pub article: String,
    /// Title, if known.
    pub title: Option<String>,
    /// Its speaker rows.
    pub speakers: Vec<SpeakerStance>,
}

/// What `standpoint score` reports.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreReport {
    /// Number of articles read.
    pub articles: usize,
    /// Speakers over all articles.
    pub speakers: Vec<SpeakerStance>,
    /// Number of quotes scored.
    pub n_quotes: usize,
    /// Every scored quote, in input order (empty unless quotes were asked for or the format is
    /// JSON).
    pub quotes: Vec<ScoredQuote>,
    /// Per-article tables, when asked for.
    pub by_article: Option<Vec<ArticleTable>>,
    /// Model file name and training-data digest, for provenance.
    pub model: String,
}

/// What to include.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Add the quote-level table (table, markdown); CSV prints only the quote table.
    pub quotes: bool,
}

/// Writes `report` in `format` to `out`.
///
/// # Errors
/// [`crate::Error::Output`] when writing fails.
pub fn write(
    report: &ScoreReport,
    format: Format,
    opts: Options,
    out: &mut dyn Write,
) -> Result<()> {
    let r = match format {
        Format::Table => table::write(report, opts, out, false),
        Format::Markdown => table::write(report, opts, out, true),
        Format::Csv => csv_out::write(report, opts, out).map_err(std::io::Error::other),
        Format::Json => json::write(report, out),
    };
    r.map_err(|e| crate::Error::Output(e.to_string()))
}

pub(crate) fn fmt2(x: f64) -> String {
    let s = format!("{x:+.2}");
    if s == "-0.00" { "+0.00".into() } else { s }
}

pub(crate) fn fmt_p(x: f64) -> String {
    format!("{x:.2}")
}
