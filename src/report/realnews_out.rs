//! Output of `standpoint eval-quotes --realnews`.

use super::Format;
use crate::realnews::{Half, RealNewsEvaluation};
use comfy_table::{Cell, CellAlignment, Table, presets};
use std::io::Write;

fn r(s: String) -> Cell {
    Cell::new(s).set_alignment(CellAlignment::Right)
}

fn with_ref(x: f64, reference: f64) -> String {
    format!("{x:.3} ({reference:.3})")
}

fn interval((lo, hi): (f64, f64)) -> String {
    format!("[{lo:.2}, {hi:.2}]")
}

/// Which errors to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ErrorHalf {
    /// The dev half only (the half to tune on).
    Dev,
    /// The locked half only (read it only after the work is done).
    Locked,
    /// Both halves.
    All,
}

impl ErrorHalf {
    fn keeps(self, h: Half) -> bool {
        matches!(
            (self, h),
            (ErrorHalf::All, _) | (ErrorHalf::Dev, Half::Dev) | (ErrorHalf::Locked, Half::Locked)
        )
    }
}

/// Writes the evaluation (tables, Markdown, JSON, or CSV: the numbers as `slice,metric,value`
/// rows, [`super::metrics_csv`]); `errors` lists the wrong stances and attribution mistakes of
/// that half (not in CSV).
///
/// # Errors
/// [`crate::Error::Output`] when writing fails.
pub fn write(
    e: &RealNewsEvaluation,
    format: Format,
    errors: Option<ErrorHalf>,
    out: &mut dyn Write,
) -> crate::Result<()> {
    let res = match format {
        Format::Html => Err(std::io::Error::other(super::HTML_SCORE_ONLY)),
        Format::Csv if errors.is_some() => Err(std::io::Error::other(
            "--errors with --format csv: the errors are several tables; use --format json",
        )),
        Format::Csv => super::metrics_csv::write_realnews(e, out),
        Format::Json => {
            let mut v = e.clone();
            match errors {
                Some(h) => {
                    v.errors.retain(|x| h.keeps(x.half));
                    v.matched.retain(|x| h.keeps(x.half));
                    v.attribution_errors
                        .retain(|x| h.keeps(crate::realnews::half(&x.article)));
                }
                None => {
                    v.errors.clear();
                    v.matched.clear();
                    v.attribution_errors.clear();
                }
            }
            serde_json::to_writer_pretty(&mut *out, &v)
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out))
        }
        Format::Table | Format::Markdown => tables(e, errors, out, format == Format::Markdown),
    };
    res.map_err(|x| crate::Error::Output(x.to_string()))
}

fn tables(
    e: &RealNewsEvaluation,
    errors: Option<ErrorHalf>,
    out: &mut dyn Write,
    md: bool,
) -> std::io::Result<()> {
    let style = if md {
        presets::ASCII_MARKDOWN
    } else {
        presets::UTF8_FULL_CONDENSED
    };
    let fit = super::fit::Fit::detect(false);
    let new_table = |header: Vec<&str>| {
        let mut t = Table::new();
        t.load_style(style);
        if !md {
            fit.apply(&mut t);
        }
        t.set_header(header);
        t
    };
    let mut q = new_table(vec![
        "half",
        "group",
        "articles",
        "quotes",
        "accuracy (always neutral)",
        "95% CI",
        "macro-F1 (always neutral)",
        "95% CI",
        "ECE",
        "confident errors",
    ]);
    let mut s = new_table(vec![
        "half",
        "group",
        "speakers found / gold",
        "speaker accuracy (always neutral)",
    ]);
    let mut a = new_table(vec![
        "half",
        "group",
        "gold quotes",
        "extracted",
        "quote recall",
        "speaker attribution",
        "sentiment accuracy",
        "sentiment macro-F1",
    ]);
    let mut n = new_table(vec![
        "half",
        "group",
        "extracted",
        "speaker rows",
        "spurious",
        "spurious / 100 quotes",
        "unmerged duplicates",
        "duplicates / 100 quotes",
    ]);
    for x in &e.slices {
        n.add_row(vec![
            Cell::new(&x.half),
            Cell::new(&x.group),
            r(x.predicted_quotes.to_string()),
            r(x.speaker_rows.to_string()),
            r(x.spurious_speakers.to_string()),
            r(format!("{:.1}", x.spurious_per_100)),
            r(x.unmerged_duplicates.to_string()),
            r(format!("{:.1}", x.duplicates_per_100)),
        ]);
        q.add_row(vec![
            Cell::new(&x.half),
            Cell::new(&x.group),
            r(x.articles.to_string()),
            r(x.quotes.to_string()),
            r(with_ref(x.accuracy, x.neutral_accuracy)),
            r(interval(x.accuracy_interval)),
            r(with_ref(x.macro_f1, x.neutral_macro_f1)),
            r(interval(x.macro_f1_interval)),
            r(format!("{:.3}", x.ece)),
            r(format!("{:.3}", x.confident_errors)),
        ]);
        s.add_row(vec![
            Cell::new(&x.half),
            Cell::new(&x.group),
            r(format!("{} / {}", x.speakers, x.gold_speakers)),
            r(with_ref(x.speaker_accuracy, x.neutral_speaker_accuracy)),
        ]);
        a.add_row(vec![
            Cell::new(&x.half),
            Cell::new(&x.group),
            r(x.gold_quotes.to_string()),
            r(x.predicted_quotes.to_string()),
            r(format!("{:.3}", x.quote_recall)),
            r(format!("{:.3}", x.speaker_attribution)),
            r(format!("{:.3}", x.sentiment_accuracy)),
            r(format!("{:.3}", x.sentiment_macro_f1)),
        ]);
    }
    let wrap = |line: String| if md { line } else { fit.wrap(&line) };
    writeln!(
        out,
        "{}\n{q}",
        wrap(format!(
            "real-news set, model {}: stance of the found quotes (in brackets: answering neutral for every quote)",
            e.model
        ))
    )?;
    writeln!(
        out,
        "\n{}\n{s}",
        wrap("speaker stance in each article's table (favor / against / neutral / mixed; in brackets: calling every speaker neutral)".into())
    )?;
    writeln!(out, "\nattribution and sentiment\n{a}")?;
    writeln!(
        out,
        "\n{}\n{n}",
        wrap("speaker names in each article's table (spurious: a row matching no gold speaker; unmerged duplicates: extra rows of one gold speaker)".into())
    )?;
    writeln!(
        out,
        "\ndev half: {}",
        super::quotes_out::rule_table(&e.rules_dev, style)
    )?;
    if let Some(h) = errors {
        let mut m = new_table(vec![
            "article",
            "half",
            "what",
            "speaker",
            "gold",
            "predicted",
            "P(f/a/n)",
            "text",
        ]);
        for x in e.errors.iter().filter(|x| h.keeps(x.half)) {
            let text: String = if md {
                x.text.clone()
            } else {
                x.text.chars().take(100).collect()
            };
            m.add_row(vec![
                x.article.clone(),
                x.half.as_str().to_string(),
                x.what.clone(),
                x.speaker.clone(),
                x.gold.clone(),
                x.predicted.clone(),
                format!(
                    "{:.2}/{:.2}/{:.2}",
                    x.probabilities[0], x.probabilities[1], x.probabilities[2]
                ),
                text,
            ]);
        }
        writeln!(out, "\nwrong stances\n{m}")?;
        let mut a = new_table(vec!["article", "what", "expected", "extracted", "text"]);
        for x in e
            .attribution_errors
            .iter()
            .filter(|x| h.keeps(crate::realnews::half(&x.article)))
        {
            a.add_row(vec![
                x.article.clone(),
                x.what.clone(),
                x.expected.clone(),
                x.predicted.clone(),
                if md {
                    x.text.clone()
                } else {
                    x.text.chars().take(100).collect()
                },
            ]);
        }
        writeln!(
            out,
            "\nattribution mistakes (missed, spurious, wrong speaker)\n{a}"
        )?;
    }
    Ok(())
}
