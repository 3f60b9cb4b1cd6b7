//! The binary's side of partial tables: `score --partial FILE` and `merge PARTS…`
//! (the format and the merging are in [`standpoint::partial`]).

use anyhow::{Context, Result};
use standpoint::aggregate::Accumulator;
use standpoint::partial::{Merged, Partial, model_digest};
use standpoint::report::{self, Format};
use standpoint::score::ScoredQuote;
use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The model's file name as the table title shows it.
pub fn model_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Writes a shard's partial: the accumulator's sums and the quotes spilled to `spill` (JSON
/// lines of [`ScoredQuote`]).
pub fn write(
    path: &Path,
    model_path: &Path,
    target: &str,
    articles: usize,
    quotes_total: usize,
    acc: &Accumulator,
    spill: Option<std::io::Result<std::fs::File>>,
) -> Result<()> {
    let bytes = std::fs::read(model_path)
        .with_context(|| format!("{}: reading the model", model_path.display()))?;
    let quotes = match spill {
        None => None,
        Some(file) => {
            let mut file = file.context("temporary quote file")?;
            file.seek(SeekFrom::Start(0))?;
            let mut qs = Vec::with_capacity(quotes_total);
            for line in BufReader::new(file).lines() {
                let q: ScoredQuote = serde_json::from_str(&line?)
                    .map_err(|e| anyhow::anyhow!("temporary quote file: {e}"))?;
                qs.push(q);
            }
            Some(qs)
        }
    };
    let mut p = Partial::new(
        &model_name(model_path),
        &model_digest(&bytes),
        articles,
        quotes_total,
        acc,
        quotes,
    );
    p.target = target.to_string();
    p.write(path)?;
    eprintln!(
        "standpoint: wrote partial {} ({articles} articles, {quotes_total} quotes, {} speakers)",
        path.display(),
        acc.finish().len()
    );
    Ok(())
}

/// `standpoint merge`: reads the partials in order and prints the merged report.
pub fn merge(parts: &[PathBuf], format: Format, majority: f64) -> Result<()> {
    let mut merged = Merged::new();
    for p in parts {
        merged.add(Partial::read(p)?, p)?;
    }
    let (report, quotes) = merged.report(majority);
    if format == Format::Json && quotes.is_none() {
        anyhow::bail!(
            "JSON output lists every quote, and a partial was written without its quotes"
        );
    }
    let mut quotes = quotes.unwrap_or_default().into_iter().map(Ok);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    report::write(
        &report,
        format,
        report::Options::default(),
        &mut quotes,
        &mut out,
    )?;
    out.flush().ok();
    Ok(())
}
