//! Output formats for scoring results: a terminal table, CSV, JSON, Markdown and HTML.
//!
//! The format is chosen at the edge (the binary); every writer takes the same [`ScoreReport`].
//! Numbers in tables are rounded to two decimals; CSV and JSON carry full precision.

mod csv_out;
pub mod eval_out;
pub mod fit;
pub mod html;
mod json;
pub(crate) mod metrics_csv;
pub mod period_out;
pub mod quotes_out;
pub mod realnews_out;
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
    /// One JSON object `{"model", "articles", "quotes_total", "speakers": […], "quotes": […]}`.
    Json,
    /// GitHub-flavoured Markdown tables.
    Markdown,
    /// One self-contained HTML page: charts, sortable tables and the articles with their quotes
    /// highlighted (see [`html`]).
    Html,
}

/// The error of `--format html` outside `score`.
pub(crate) const HTML_SCORE_ONLY: &str =
    "--format html is for `standpoint score` only; use table, markdown, csv or json here";

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
    /// Per-article tables, when asked for.
    pub by_article: Option<Vec<ArticleTable>>,
    /// Model file name and training-data digest, for provenance.
    pub model: String,
    /// What the model's stance is toward ([`crate::Model::target`]), named in every header.
    pub target: String,
    /// The inputs as given on the command line (named in the HTML header).
    pub inputs: Vec<String>,
    /// Speakers per calendar period (`--by`), when asked for.
    pub periods: Option<PeriodReport>,
    /// The articles' texts, for the HTML format only (empty otherwise): the quotes' byte offsets
    /// index them.
    pub texts: Vec<html::ArticleText>,
}

/// Speakers per calendar period (`--by day|week|month|year`).
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodReport {
    /// The grouping.
    pub by: crate::period::Period,
    /// The periods in calendar order, `undated` last.
    pub periods: Vec<crate::period::PeriodTable>,
}

/// What to include.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Add the quote-level table (table, markdown); CSV prints only the quote table.
    pub quotes: bool,
    /// How many of the run's most quoted speakers the period table (table, Markdown) and the
    /// HTML charts show; 0 = all.
    pub top: usize,
    /// How terminal tables fit the terminal (ignored by the other formats).
    pub fit: fit::Fit,
}

/// A stream of scored quotes, in input order (read back from disk on large runs).
pub type Quotes<'a> = &'a mut dyn Iterator<Item = Result<ScoredQuote>>;

/// Writes `report` in `format` to `out`. `quotes` is consumed by the JSON writer, by CSV with
/// `--quotes`, and by the tables with `--quotes`; others leave it untouched.
///
/// # Errors
/// [`crate::Error::Output`] when writing fails; an error from `quotes` is passed on.
pub fn write(
    report: &ScoreReport,
    format: Format,
    opts: Options,
    quotes: Quotes<'_>,
    out: &mut dyn Write,
) -> Result<()> {
    let r = match format {
        Format::Table => table::write(report, opts, quotes, out, false),
        Format::Markdown => table::write(report, opts, quotes, out, true),
        Format::Csv => match &report.periods {
            Some(p) if !opts.quotes => period_out::write_csv(p, out),
            _ => csv_out::write(report, opts, quotes, out),
        },
        Format::Json => json::write(report, quotes, out),
        Format::Html => html::write(report, opts, quotes, out),
    };
    match r {
        Ok(()) => Ok(()),
        // the reader went away (`standpoint score … | head`): stop quietly
        Err(WriteError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(WriteError::Io(e)) => Err(crate::Error::Output(e.to_string())),
        Err(WriteError::Quotes(e)) => Err(e),
    }
}

/// Why writing stopped: the output failed, or reading the quotes did.
pub(crate) enum WriteError {
    Io(std::io::Error),
    Quotes(crate::Error),
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Io(e)
    }
}

impl From<csv::Error> for WriteError {
    fn from(e: csv::Error) -> Self {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => WriteError::Io(io),
            other => WriteError::Io(std::io::Error::other(format!("{other:?}"))),
        }
    }
}

impl From<crate::Error> for WriteError {
    fn from(e: crate::Error) -> Self {
        WriteError::Quotes(e)
    }
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

pub(crate) fn fmt2(x: f64) -> String {
    let s = format!("{x:+.2}");
    if s == "-0.00" { "+0.00".into() } else { s }
}

pub(crate) fn fmt_p(x: f64) -> String {
    format!("{x:.2}")
}
