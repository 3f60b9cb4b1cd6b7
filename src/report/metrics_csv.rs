//! `eval-quotes --format csv`: the numbers as one long table, `slice,metric,value`.
//!
//! On `tests/gold` the slices are `all` (counts, `exact_precision` … `overlap_f1`, speaker, kind
//! and pronoun accuracy, scare quotes), `layout:NAME` (`gold`, `found`, `speaker_right`),
//! `rule:NAME` (`predicted`, `matched`, `speaker_right`, `precision`) and, with a model, `stance`
//! and `sentiment` (`accuracy`, `macro_f1`, `per_class_LABEL_precision` …, `brier`, `ece`,
//! `majority_accuracy`, `majority_macro_f1`). With `--realnews` the slices are `HALF/GROUP`
//! (`dev/all`, `locked/negotiation`, …) with every number of the JSON slice (an interval as
//! `NAME_low` and `NAME_high`), then `dev/rule:NAME`. Values are plain decimals.

use crate::quote_eval::QuoteEvaluation;
use crate::realnews::RealNewsEvaluation;
use serde_json::Value;
use std::io::Write;

/// One row: slice, metric, value.
type Row = (String, String, String);

/// Every scalar of `v` as (metric, value): object keys joined by `_`, a two-number array as
/// `_low`/`_high`, an array of objects with a `label` by that label; strings, other arrays
/// (calibration bins, confusion matrices) and nulls are left out.
fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    let join = |k: &str| {
        if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}_{k}")
        }
    };
    match v {
        Value::Number(n) => out.push((prefix.to_string(), n.to_string())),
        Value::Object(m) => {
            for (k, x) in m {
                flatten(&join(k), x, out);
            }
        }
        Value::Array(a) if a.len() == 2 && a.iter().all(Value::is_number) => {
            flatten(&join("low"), &a[0], out);
            flatten(&join("high"), &a[1], out);
        }
        Value::Array(a) => {
            for x in a {
                if let Some(label) = x.get("label").and_then(Value::as_str) {
                    flatten(&join(label), x, out);
                }
            }
        }
        _ => {}
    }
}

fn rows_of(slice: &str, v: &Value, out: &mut Vec<Row>) {
    let mut pairs = Vec::new();
    flatten("", v, &mut pairs);
    out.extend(pairs.into_iter().map(|(m, x)| (slice.to_string(), m, x)));
}

fn write_rows(rows: &[Row], out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let io = |e: csv::Error| std::io::Error::other(e.to_string());
    w.write_record(["slice", "metric", "value"]).map_err(io)?;
    for (s, m, v) in rows {
        w.write_record([s, m, v]).map_err(io)?;
    }
    w.flush()
}

fn rule_rows(
    slice: &str,
    rules: &std::collections::BTreeMap<String, crate::quote_eval::RuleScore>,
    out: &mut Vec<Row>,
) {
    for (name, r) in rules {
        let s = format!("{slice}rule:{name}");
        for (m, v) in [
            ("predicted", r.predicted.to_string()),
            ("matched", r.matched.to_string()),
            ("speaker_right", r.speaker_right.to_string()),
            ("precision", r.precision().to_string()),
        ] {
            out.push((s.clone(), m.into(), v));
        }
    }
}

/// Writes the gold-set evaluation as `slice,metric,value` rows (see the module docs).
///
/// # Errors
/// When writing fails.
pub(crate) fn write_gold(e: &QuoteEvaluation, out: &mut dyn Write) -> std::io::Result<()> {
    let mut v = serde_json::to_value(e).map_err(std::io::Error::other)?;
    let mut rows = Vec::new();
    if let Value::Object(m) = &mut v {
        for k in ["errors", "layouts", "rules", "labels"] {
            m.shift_remove(k);
        }
    }
    rows_of("all", &v, &mut rows);
    for (name, l) in &e.layouts {
        let s = format!("layout:{name}");
        rows_of(
            &s,
            &serde_json::to_value(l).map_err(std::io::Error::other)?,
            &mut rows,
        );
    }
    rule_rows("", &e.rules, &mut rows);
    for t in &e.labels {
        let slice = t.task.name();
        let r = serde_json::to_value(&t.report).map_err(std::io::Error::other)?;
        rows_of(slice, &r, &mut rows);
        for (m, x) in [("brier", t.calibration.brier), ("ece", t.calibration.ece)] {
            rows.push((slice.into(), m.into(), x.to_string()));
        }
        for (m, x) in [
            ("majority_accuracy", t.majority.accuracy),
            ("majority_macro_f1", t.majority.macro_f1),
        ] {
            rows.push((slice.into(), m.into(), x.to_string()));
        }
    }
    write_rows(&rows, out)
}

/// Writes the real-news evaluation as `slice,metric,value` rows (see the module docs).
///
/// # Errors
/// When writing fails.
pub(crate) fn write_realnews(e: &RealNewsEvaluation, out: &mut dyn Write) -> std::io::Result<()> {
    let mut rows = Vec::new();
    for s in &e.slices {
        let mut v = serde_json::to_value(s).map_err(std::io::Error::other)?;
        if let Value::Object(m) = &mut v {
            m.shift_remove("half");
            m.shift_remove("group");
        }
        rows_of(&format!("{}/{}", s.half, s.group), &v, &mut rows);
    }
    rule_rows("dev/", &e.rules_dev, &mut rows);
    write_rows(&rows, out)
}
