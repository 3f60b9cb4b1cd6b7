//! Output of `standpoint eval-quotes`.

use super::Format;
use crate::quote_eval::QuoteEvaluation;
use comfy_table::{Cell, CellAlignment, Table, presets};
use std::io::Write;

fn r(s: String) -> Cell {
    Cell::new(s).set_alignment(CellAlignment::Right)
}

fn pct(x: f64) -> String {
    format!("{x:.3}")
}

/// The per-rule table: quotes each extraction rule produced, how many match a gold quote
/// (precision) and how many of those have the gold speaker.
pub(crate) fn rule_table(
    rules: &std::collections::BTreeMap<String, crate::quote_eval::RuleScore>,
    style: comfy_table::TableStyle,
) -> String {
    let mut t = Table::new();
    t.load_style(style);
    t.set_header(vec![
        "rule",
        "extracted",
        "matched",
        "precision",
        "speaker right",
    ]);
    for (rule, s) in rules {
        t.add_row(vec![
            Cell::new(rule),
            r(s.predicted.to_string()),
            r(s.matched.to_string()),
            r(pct(s.precision())),
            r(s.speaker_right.to_string()),
        ]);
    }
    format!("per extraction rule (`rule` in JSON and CSV)\n{t}")
}

/// Writes the evaluation: tables, Markdown, JSON, or CSV (the numbers as `slice,metric,value`
/// rows, [`super::metrics_csv`]; with `errors`, the mistakes as `article,what,expected,predicted,text`
/// rows instead, since a CSV holds one table).
///
/// # Errors
/// [`crate::Error::Output`] when writing fails.
pub fn write(
    e: &QuoteEvaluation,
    format: Format,
    errors: bool,
    out: &mut dyn Write,
) -> crate::Result<()> {
    let res = match format {
        Format::Csv if errors => mistakes_csv(e, out),
        Format::Csv => super::metrics_csv::write_gold(e, out),
        Format::Json => serde_json::to_writer_pretty(&mut *out, e)
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out)),
        Format::Table | Format::Markdown => tables(e, errors, out, format == Format::Markdown),

        Format::Html => Err(std::io::Error::other(super::HTML_SCORE_ONLY)),
    };
    res.map_err(|x| crate::Error::Output(x.to_string()))
}

fn mistakes_csv(e: &QuoteEvaluation, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let io = |e: csv::Error| std::io::Error::other(e.to_string());
    w.write_record(["article", "what", "expected", "predicted", "text"])
        .map_err(io)?;
    for m in &e.errors {
        w.write_record([&m.article, &m.what, &m.expected, &m.predicted, &m.text])
            .map_err(io)?;
    }
    w.flush()
}

fn tables(e: &QuoteEvaluation, errors: bool, out: &mut dyn Write, md: bool) -> std::io::Result<()> {
    let style = if md {
        presets::ASCII_MARKDOWN
    } else {
        presets::UTF8_FULL_CONDENSED
    };
    let width = super::fit::Fit::detect(false);
    let fit = |t: &mut Table| {
        if !md {
            width.apply(t);
        }
    };
    let mut t = Table::new();
    t.load_style(style);
    fit(&mut t);
    t.set_header(vec!["quotes", "precision", "recall", "F1"]);
    t.add_row(vec![
        Cell::new("exact span"),
        r(pct(e.exact.precision)),
        r(pct(e.exact.recall)),
        r(pct(e.exact.f1)),
    ]);
    t.add_row(vec![
        Cell::new("overlap ≥ 0.5"),
        r(pct(e.overlap.precision)),
        r(pct(e.overlap.recall)),
        r(pct(e.overlap.f1)),
    ]);
    writeln!(
        out,
        "{} articles, {} gold quotes, {} extracted\n{t}",
        e.articles, e.gold_quotes, e.predicted_quotes
    )?;
    let line = format!(
        "speaker accuracy {} · kind accuracy {} · pronoun resolution {} ({} quotes) · scare quotes taken for speech {} of {}",
        pct(e.speaker_accuracy),
        pct(e.kind_accuracy),
        pct(e.pronoun_accuracy),
        e.pronoun_quotes,
        e.scare_quotes_extracted,
        e.scare_quotes
    );
    let line = if md { line } else { width.wrap(&line) };
    writeln!(out, "{line}\n")?;
    let mut l = Table::new();
    l.load_style(style);
    fit(&mut l);
    l.set_header(vec![
        "layout",
        "gold",
        "found",
        "recall",
        "speaker right",
        "speaker accuracy",
    ]);
    for (tag, s) in &e.layouts {
        let rec = if s.gold == 0 {
            0.0
        } else {
            s.found as f64 / s.gold as f64
        };
        let acc = if s.found == 0 {
            0.0
        } else {
            s.speaker_right as f64 / s.found as f64
        };
        l.add_row(vec![
            Cell::new(tag),
            r(s.gold.to_string()),
            r(s.found.to_string()),
            r(pct(rec)),
            r(s.speaker_right.to_string()),
            r(pct(acc)),
        ]);
    }
    writeln!(
        out,
        "per layout (a quote counts under each of its tags)\n{l}"
    )?;
    writeln!(out, "\n{}", rule_table(&e.rules, style))?;
    if errors {
        let mut m = Table::new();
        m.load_style(style);
        fit(&mut m);
        m.set_header(vec!["article", "what", "expected", "extracted", "text"]);
        for x in &e.errors {
            let text: String = x.text.chars().take(80).collect();
            m.add_row(vec![
                x.article.clone(),
                x.what.clone(),
                x.expected.clone(),
                x.predicted.clone(),
                text,
            ]);
        }
        writeln!(out, "\nmistakes\n{m}")?;
    }
    if !e.labels.is_empty() {
        writeln!(
            out,
            "\nstance and sentiment of the matched quotes against the gold labels"
        )?;
        super::eval_out::write_tables(&e.labels, &[], out, md)?;
    }
    Ok(())
}
