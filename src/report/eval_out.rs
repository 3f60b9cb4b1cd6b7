//! Output of `standpoint eval`: per-task metrics, baseline, confusion matrix, calibration, and the
//! grid when one was searched.

use super::{Format, fmt_p};
use crate::eval::{GridPoint, GridResult, TaskEvaluation};
use comfy_table::{Cell, CellAlignment, Table, presets};
use serde_json::json;
use std::io::Write;

fn table(markdown: bool) -> Table {
    let mut t = Table::new();
    if markdown {
        t.load_style(presets::ASCII_MARKDOWN);
    } else {
        t.load_style(presets::UTF8_FULL_CONDENSED);
        super::fit::Fit::detect(false).apply(&mut t);
    }
    t
}

/// Characters of a misclassified row's text shown in the terminal table (Markdown, CSV and
/// JSON keep the whole text).
const ERROR_TEXT: usize = 100;

fn r(s: String) -> Cell {
    Cell::new(s).set_alignment(CellAlignment::Right)
}

fn f3(x: f64) -> String {
    format!("{x:.3}")
}

fn grid_label(p: &GridPoint) -> [String; 7] {
    let v = &p.params.vectorizer;
    let yes = |b: bool| if b { "yes" } else { "no" }.to_string();
    [
        format!("{}", p.params.alpha),
        format!("{}-{}", v.ngram_range.0, v.ngram_range.1),
        v.char_ngram_range
            .map_or("-".to_string(), |(a, b)| format!("{a}-{b}")),
        yes(v.nb_weight),
        v.min_df.to_string(),
        format!("{:?}", p.params.class_weight).to_lowercase(),
        yes(v.mask_names),
    ]
}

/// Writes evaluations (and grids, one per task, when searched) in `format`.
///
/// CSV is one long table, `task,protocol,scope,label,metric,value`: per label its precision,
/// recall, F1 and support (`scope` = `model`), then accuracy, macro-F1, F_avg, Brier and ECE of
/// the model and accuracy, macro-F1 and F_avg of the majority baseline (`scope` =
/// `majority baseline`, `label` = its label). When the evaluations carry misclassified rows
/// (`eval --errors`), the CSV is those rows instead: `task,line,truth,predicted,probability,text`.
/// A searched grid is in the table and JSON only.
///
/// # Errors
/// [`crate::Error::Output`] when writing fails.
pub fn write(
    evals: &[TaskEvaluation],
    grids: &[GridResult],
    format: Format,
    out: &mut dyn Write,
) -> crate::Result<()> {
    let r = match format {
        Format::Json => write_json(evals, grids, out),
        Format::Csv => write_csv(evals, out),
        Format::Table => write_tables(evals, grids, out, false),
        Format::Markdown => write_tables(evals, grids, out, true),

        Format::Html => Err(std::io::Error::other(super::HTML_SCORE_ONLY)),
    };
    r.map_err(|e| crate::Error::Output(e.to_string()))
}

fn write_csv(evals: &[TaskEvaluation], out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let num = |x: f64| format!("{x}");
    if evals.iter().any(|e| !e.errors.is_empty()) {
        w.write_record(["task", "line", "truth", "predicted", "probability", "text"])?;
        for e in evals {
            for x in &e.errors {
                w.write_record([
                    e.task.to_string(),
                    x.line.to_string(),
                    x.truth.clone(),
                    x.predicted.clone(),
                    num(x.probability),
                    x.text.clone(),
                ])?;
            }
        }
    } else {
        w.write_record(["task", "protocol", "scope", "label", "metric", "value"])?;
        for e in evals {
            let task = e.task.to_string();
            let mut row = |scope: &str, label: &str, metric: &str, value: String| {
                w.write_record([task.as_str(), &e.protocol, scope, label, metric, &value])
            };
            for c in &e.report.per_class {
                row("model", &c.label, "precision", num(c.precision))?;
                row("model", &c.label, "recall", num(c.recall))?;
                row("model", &c.label, "f1", num(c.f1))?;
                row("model", &c.label, "support", c.support.to_string())?;
            }
            for (scope, label, r) in [
                ("model", "", &e.report),
                ("majority baseline", e.majority_label.as_str(), &e.majority),
            ] {
                row(scope, label, "accuracy", num(r.accuracy))?;
                row(scope, label, "macro_f1", num(r.macro_f1))?;
                if let Some(f) = r.f_avg {
                    row(scope, label, "f_avg", num(f))?;
                }
            }
            row("model", "", "brier", num(e.calibration.brier))?;
            row("model", "", "ece", num(e.calibration.ece))?;
        }
    }
    w.flush()
}

fn write_json(
    evals: &[TaskEvaluation],
    grids: &[GridResult],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let v = json!({
        "evaluations": evals,
        "grids": grids.iter().map(|g| json!({
            "task": g.task,
            "scoring": g.scoring,
            "best": g.best,
            "folds": g.folds,
            "points": g.points.iter().map(|p| json!({
                "alpha": p.params.alpha,
                "ngram_range": p.params.vectorizer.ngram_range,
                "char_ngram_range": p.params.vectorizer.char_ngram_range,
                "nb_weight": p.params.vectorizer.nb_weight,
                "min_df": p.params.vectorizer.min_df,
                "class_weight": p.params.class_weight,
                "mask_names": p.params.vectorizer.mask_names,
                "macro_f1": p.macro_f1,
                "f_avg": p.f_avg,
                "accuracy": p.accuracy,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)
}

pub(crate) fn write_tables(
    evals: &[TaskEvaluation],
    grids: &[GridResult],
    out: &mut dyn Write,
    md: bool,
) -> std::io::Result<()> {
    let h = |out: &mut dyn Write, s: &str| -> std::io::Result<()> {
        if md {
            writeln!(out, "### {s}\n")
        } else {
            writeln!(out, "{}", super::fit::Fit::detect(false).wrap(s))
        }
    };
    for g in grids {
        h(
            out,
            &format!(
                "{}: grid search ({} points, pooled out-of-fold scores; best by {}{})",
                g.task,
                g.points.len(),
                match g.scoring {
                    crate::eval::Scoring::MacroF1 => "macro-F1",
                    crate::eval::Scoring::FAvg => "F_avg",
                    crate::eval::Scoring::Accuracy => "accuracy",
                },
                // stratified folds are the default and go unsaid
                if g.folds.contains("grouped by") {
                    format!("; {}", g.folds)
                } else {
                    String::new()
                }
            ),
        )?;
        let mut t = table(md);
        t.set_header(vec![
            "alpha",
            "n-grams",
            "char n-grams",
            "NB weights",
            "min_df",
            "class weight",
            "names masked",
            "macro-F1",
            "F_avg",
            "accuracy",
            "",
        ]);
        for (i, p) in g.points.iter().enumerate() {
            let [a, n, ch, nb, m, c, mask] = grid_label(p);
            t.add_row(vec![
                r(a),
                Cell::new(n),
                Cell::new(ch),
                Cell::new(nb),
                r(m),
                Cell::new(c),
                Cell::new(mask),
                r(f3(p.macro_f1)),
                r(f3(p.f_avg)),
                r(f3(p.accuracy)),
                Cell::new(if i == g.best { "best" } else { "" }),
            ]);
        }
        writeln!(out, "{t}\n")?;
    }
    for e in evals {
        let train = if e.n_train == 0 {
            String::new() // a saved model: its training rows are in the model file
        } else if e.protocol.contains("cross-validation") {
            format!(" ({} training rows per fold)", e.n_train)
        } else {
            format!(" ({} training rows)", e.n_train)
        };
        h(out, &format!("{}: {}{train}", e.task, e.protocol))?;
        let mut t = table(md);
        t.set_header(vec!["label", "precision", "recall", "F1", "support"]);
        for c in &e.report.per_class {
            t.add_row(vec![
                Cell::new(&c.label),
                r(f3(c.precision)),
                r(f3(c.recall)),
                r(f3(c.f1)),
                r(c.support.to_string()),
            ]);
        }
        writeln!(out, "{t}")?;
        let mut s = table(md);
        s.set_header(vec![
            "",
            "accuracy",
            "macro-F1",
            "F_avg (favor, against)",
            "Brier",
            "ECE",
        ]);
        let favg = |x: Option<f64>| x.map_or("-".to_string(), f3);
        s.add_row(vec![
            Cell::new("model"),
            r(f3(e.report.accuracy)),
            r(f3(e.report.macro_f1)),
            r(favg(e.report.f_avg)),
            r(f3(e.calibration.brier)),
            r(f3(e.calibration.ece)),
        ]);
        s.add_row(vec![
            Cell::new(format!("majority baseline ({})", e.majority_label)),
            r(f3(e.majority.accuracy)),
            r(f3(e.majority.macro_f1)),
            r(favg(e.majority.f_avg)),
            r("-".into()),
            r("-".into()),
        ]);
        writeln!(out, "{s}")?;
        let labels = e.task.labels();
        let mut cm = table(md);
        let mut header = vec!["truth \\ predicted".to_string()];
        header.extend(labels.iter().map(|l| l.to_string()));
        cm.set_header(header);
        for (i, row) in e.report.confusion.iter().enumerate() {
            let mut cells = vec![Cell::new(labels[i])];
            cells.extend(row.iter().map(|v| r(v.to_string())));
            cm.add_row(cells);
        }
        writeln!(out, "confusion matrix\n{cm}")?;
        let mut rel = table(md);
        rel.set_header(vec![
            "confidence",
            "predictions",
            "mean confidence",
            "accuracy",
        ]);
        for b in e.calibration.bins.iter().filter(|b| b.count > 0) {
            rel.add_row(vec![
                Cell::new(format!("{}–{}", fmt_p(b.lo), fmt_p(b.hi))),
                r(b.count.to_string()),
                r(f3(b.confidence)),
                r(f3(b.accuracy)),
            ]);
        }
        writeln!(out, "reliability (10 bins of the top probability)\n{rel}\n")?;
        if !e.errors.is_empty() {
            h(
                out,
                &format!("{}: {} misclassified rows", e.task, e.errors.len()),
            )?;
            let mut m = table(md);
            m.set_header(vec!["line", "truth", "predicted", "P(predicted)", "text"]);
            for x in &e.errors {
                let text = if md {
                    x.text.replace('|', "\\|")
                } else if x.text.chars().count() > ERROR_TEXT {
                    let cut: String = x.text.chars().take(ERROR_TEXT - 1).collect();
                    format!("{}…", cut.trim_end())
                } else {
                    x.text.clone()
                };
                m.add_row(vec![
                    r(x.line.to_string()),
                    Cell::new(&x.truth),
                    Cell::new(&x.predicted),
                    r(fmt_p(x.probability)),
                    Cell::new(text),
                ]);
            }
            writeln!(out, "{m}\n")?;
        }
    }
    Ok(())
}
