//! Terminal and Markdown tables (comfy-table).

use super::fit::Fit;
use super::{Options, Quotes, ScoreReport, WriteError, fmt_p, fmt2, plural};
use crate::aggregate::{SpeakerStance, TaskSummary};
use crate::score::ScoredQuote;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use std::io::Write;

const TEXT_WIDTH: usize = 90;

/// Columns of the speaker table shown below 140 terminal columns (see [`Fit`]): speaker,
/// quotes, stance, quotes f/a/n (what the stance rests on), net stance, sentiment.
const SPEAKER_COMPACT: [usize; 6] = [0, 3, 4, 5, 6, 7];
/// Columns of the quote table shown below 140 terminal columns: speaker, cue (reported speech
/// reads as the speaker's own words without it), stance, quote.
const QUOTE_COMPACT: [usize; 4] = [1, 3, 4, 8];

/// A table with `header` and `rows`, keeping only the `compact` columns when `fit` asks for
/// them (never in Markdown) and wrapping cells within the width `fit` knows.
fn build(
    header: &[&str],
    rows: Vec<Vec<Cell>>,
    compact: &[usize],
    markdown: bool,
    fit: Fit,
) -> Table {
    let mut t = Table::new();
    let keep: Vec<usize> = if !markdown && fit.compact() {
        compact.to_vec()
    } else {
        (0..header.len()).collect()
    };
    if markdown {
        t.load_style(presets::ASCII_MARKDOWN);
    } else {
        t.load_style(presets::UTF8_FULL_CONDENSED);
        t.set_content_arrangement(ContentArrangement::Disabled);
        fit.apply(&mut t);
    }
    t.set_header(keep.iter().map(|&i| header[i]).collect::<Vec<_>>());
    for row in rows {
        let mut row: Vec<Option<Cell>> = row.into_iter().map(Some).collect();
        t.add_row(
            keep.iter()
                .map(|&i| row[i].take().expect("each column once"))
                .collect::<Vec<_>>(),
        );
    }
    t
}

fn net_cell(s: &Option<TaskSummary>) -> String {
    match s {
        None => "-".into(),
        Some(s) => match s.interval {
            Some((lo, hi)) => format!("{} [{}, {}]", fmt2(s.net), fmt2(lo), fmt2(hi)),
            None => fmt2(s.net),
        },
    }
}

fn right(s: String) -> Cell {
    Cell::new(s).set_alignment(CellAlignment::Right)
}

fn speaker_table(rows: &[SpeakerStance], markdown: bool, fit: Fit) -> Table {
    let header = [
        "speaker",
        "kind",
        "articles",
        "quotes",
        "stance",
        "quotes f/a/n",
        "net stance [95% CI]",
        "sentiment",
        "net sentiment",
    ];
    let mut cells = Vec::with_capacity(rows.len());
    for r in rows {
        let (label, counts) = match &r.stance {
            Some(s) => (
                s.label.clone(),
                format!("{}/{}/{}", s.counts[0], s.counts[1], s.counts[2]),
            ),
            None => ("-".into(), "-".into()),
        };
        let sent = r.sentiment.as_ref().map_or("-".into(), |s| s.label.clone());
        let sent_net = r.sentiment.as_ref().map_or("-".into(), |s| fmt2(s.net));
        cells.push(vec![
            Cell::new(&r.speaker),
            Cell::new(r.kind.as_str()),
            right(r.articles.to_string()),
            right(r.quotes.to_string()),
            Cell::new(label),
            right(counts),
            right(net_cell(&r.stance)),
            Cell::new(sent),
            right(sent_net),
        ]);
    }
    build(&header, cells, &SPEAKER_COMPACT, markdown, fit)
}

fn shorten(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn quote_table(quotes: &[ScoredQuote], markdown: bool, fit: Fit) -> Table {
    let header = [
        "article",
        "speaker",
        "quote kind",
        "cue",
        "stance",
        "P(f/a/n)",
        "sentiment",
        "because",
        "quote",
    ];
    let mut cells = Vec::with_capacity(quotes.len());
    for q in quotes {
        let (stance, probs) = match &q.stance {
            Some(p) => (
                p.label.clone(),
                format!(
                    "{}/{}/{}",
                    fmt_p(p.probabilities[0]),
                    fmt_p(p.probabilities[1]),
                    fmt_p(p.probabilities[2])
                ),
            ),
            None => ("-".into(), "-".into()),
        };
        // Markdown keeps the whole quote; the terminal table cuts it at TEXT_WIDTH characters
        let text = if markdown {
            shorten(&q.quote.text, usize::MAX).replace('|', "\\|")
        } else {
            shorten(&q.quote.text, TEXT_WIDTH)
        };
        cells.push(vec![
            Cell::new(&q.article),
            Cell::new(&q.quote.speaker),
            Cell::new(q.quote.kind.as_str()),
            Cell::new(match &q.quote.time {
                Some(t) => format!("{} ({t})", q.quote.cue),
                None => q.quote.cue.clone(),
            }),
            Cell::new(stance),
            Cell::new(probs),
            Cell::new(
                q.sentiment
                    .as_ref()
                    .map_or("-".to_string(), |p| p.label.clone()),
            ),
            Cell::new(q.because.join(", ")),
            Cell::new(text),
        ]);
    }
    build(&header, cells, &QUOTE_COMPACT, markdown, fit)
}

pub(super) fn write(
    r: &ScoreReport,
    opts: Options,
    quotes: Quotes<'_>,
    out: &mut dyn Write,
    markdown: bool,
) -> Result<(), WriteError> {
    let heading = |out: &mut dyn Write, s: &str| -> std::io::Result<()> {
        if markdown {
            writeln!(out, "### {s}\n")
        } else {
            writeln!(out, "{}", opts.fit.wrap(s))
        }
    };
    if let Some(by) = &r.by_article {
        for a in by {
            let title = a
                .title
                .as_deref()
                .map(|t| format!(" — {t}"))
                .unwrap_or_default();
            heading(out, &format!("{}{}", a.article, title))?;
            writeln!(out, "{}\n", speaker_table(&a.speakers, markdown, opts.fit))?;
        }
    }
    match &r.periods {
        // with --by, the period table takes the run-wide table's place
        Some(p) => super::period_out::write_table(r, p, opts, out, markdown)?,
        None => {
            heading(
                out,
                &format!(
                    "Stance toward {} by speaker ({}, {}; model {})",
                    r.target,
                    plural(r.articles, "article"),
                    plural(r.n_quotes, "quote"),
                    r.model
                ),
            )?;
            writeln!(out, "{}", speaker_table(&r.speakers, markdown, opts.fit))?;
        }
    }
    if opts.quotes {
        let all: Vec<ScoredQuote> = quotes.collect::<crate::Result<_>>()?;
        writeln!(out)?;
        heading(out, "Quotes")?;
        writeln!(out, "{}", quote_table(&all, markdown, opts.fit))?;
    }
    Ok(())
}
