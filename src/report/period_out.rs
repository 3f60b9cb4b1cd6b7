//! Stance over time (`--by day|week|month|year`): the per-period table in every format.
//!
//! Table and Markdown: in place of the run-wide speaker table, one row per period for all its speakers
//! together (`all speakers`) and one per speaker among the run's [`Options::top`] most quoted
//! (0 = every speaker) that is quoted in the period. CSV: the period table replaces the speaker
//! table (a CSV holds one table; with `--quotes` the quote table wins), with every speaker.
//! JSON: a `by_period` object with every speaker (see [`periods_json`]).
//!
//! CSV columns: `period`, `articles` (articles in the period, with or without quotes),
//! `speaker` (`all speakers` for the period's pooled row), `kind` (empty on the pooled row),
//! `quotes`, `stance`, `net_stance`, `net_stance_low`, `net_stance_high` (95% interval, empty for
//! one quote), `favor_quotes`, `against_quotes`, `neutral_quotes`.

use super::{Options, PeriodReport, ScoreReport, WriteError, fmt2, plural};
use crate::aggregate::SpeakerStance;
use crate::period::ALL_SPEAKERS;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use serde_json::{Value, json};
use std::collections::HashSet;
use std::io::Write;

/// The speakers a table shows: the run's `top` most quoted (all when `top` is 0).
pub(crate) fn shown(r: &ScoreReport, top: usize) -> HashSet<(&str, crate::SpeakerKind)> {
    let n = if top == 0 { r.speakers.len() } else { top };
    r.speakers
        .iter()
        .take(n)
        .map(|s| (s.speaker.as_str(), s.kind))
        .collect()
}

fn net_cell(s: &SpeakerStance) -> String {
    match &s.stance {
        None => "-".into(),
        Some(st) => match st.interval {
            Some((lo, hi)) => format!("{} [{}, {}]", fmt2(st.net), fmt2(lo), fmt2(hi)),
            None => fmt2(st.net),
        },
    }
}

fn counts_cell(s: &SpeakerStance) -> String {
    s.stance.as_ref().map_or("-".into(), |st| {
        format!("{}/{}/{}", st.counts[0], st.counts[1], st.counts[2])
    })
}

/// Writes the period table (table or Markdown), with its heading.
pub(super) fn write_table(
    r: &ScoreReport,
    p: &PeriodReport,
    opts: Options,
    out: &mut dyn Write,
    markdown: bool,
) -> Result<(), WriteError> {
    let keep = shown(r, opts.top);
    let mut t = Table::new();
    if markdown {
        t.load_style(presets::ASCII_MARKDOWN);
    } else {
        t.load_style(presets::UTF8_FULL_CONDENSED);
        t.set_content_arrangement(ContentArrangement::Disabled);
        // on a terminal, cells wrap within its width
        opts.fit.apply(&mut t);
    }
    t.set_header(vec![
        p.by.as_str(),
        "articles",
        "speaker",
        "quotes",
        "stance",
        "quotes f/a/n",
        "net stance [95% CI]",
    ]);
    let right = |s: String| Cell::new(s).set_alignment(CellAlignment::Right);
    for period in &p.periods {
        let rows = period
            .all
            .iter()
            .chain(
                period
                    .speakers
                    .iter()
                    .filter(|s| keep.contains(&(s.speaker.as_str(), s.kind))),
            )
            .collect::<Vec<_>>();
        if rows.is_empty() {
            t.add_row(vec![
                Cell::new(&period.period),
                right(period.articles.to_string()),
                Cell::new("(no quotes)"),
                right("0".into()),
                Cell::new("-"),
                right("-".into()),
                right("-".into()),
            ]);
        }
        for (i, s) in rows.into_iter().enumerate() {
            let first = i == 0;
            t.add_row(vec![
                Cell::new(if first { period.period.as_str() } else { "" }),
                right(if first {
                    period.articles.to_string()
                } else {
                    String::new()
                }),
                Cell::new(&s.speaker),
                right(s.quotes.to_string()),
                Cell::new(s.stance.as_ref().map_or("-", |st| st.label.as_str())),
                right(counts_cell(s)),
                right(net_cell(s)),
            ]);
        }
    }
    let who = if opts.top == 0 || opts.top >= r.speakers.len() {
        "every speaker".to_string()
    } else {
        format!("the {} most quoted speakers", opts.top)
    };
    let heading = format!(
        "Stance toward {} by {} ({}, {}, {}; {ALL_SPEAKERS} and {who}; model {})",
        r.target,
        p.by.as_str(),
        plural(p.periods.len(), p.by.as_str()),
        plural(r.articles, "article"),
        plural(r.n_quotes, "quote"),
        r.model,
    );
    if markdown {
        writeln!(out, "### {heading}\n")?;
    } else {
        writeln!(out, "{}", opts.fit.wrap(&heading))?;
    }
    writeln!(out, "{t}")?;
    Ok(())
}

/// Writes the period table as CSV (every speaker).
pub(super) fn write_csv(p: &PeriodReport, out: &mut dyn Write) -> Result<(), WriteError> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "period",
        "articles",
        "speaker",
        "kind",
        "quotes",
        "stance",
        "net_stance",
        "net_stance_low",
        "net_stance_high",
        "favor_quotes",
        "against_quotes",
        "neutral_quotes",
    ])?;
    let num = |x: f64| format!("{x:.6}");
    for period in &p.periods {
        let pooled = period.all.iter().map(|s| (s, true));
        let each = period.speakers.iter().map(|s| (s, false));
        for (s, is_all) in pooled.chain(each) {
            let st = s.stance.as_ref();
            let ci = st.and_then(|x| x.interval);
            let count = |i: usize| st.map_or(String::new(), |x| x.counts[i].to_string());
            w.write_record([
                period.period.clone(),
                period.articles.to_string(),
                s.speaker.clone(),
                if is_all {
                    String::new()
                } else {
                    s.kind.as_str().into()
                },
                s.quotes.to_string(),
                st.map_or(String::new(), |x| x.label.clone()),
                st.map_or(String::new(), |x| num(x.net)),
                ci.map_or(String::new(), |c| num(c.0)),
                ci.map_or(String::new(), |c| num(c.1)),
                count(0),
                count(1),
                count(2),
            ])?;
        }
        if period.all.is_none() {
            w.write_record([
                period.period.as_str(),
                &period.articles.to_string(),
                ALL_SPEAKERS,
                "",
                "0",
                "",
                "",
                "",
                "",
                "0",
                "0",
                "0",
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

/// `{"by": "month", "periods": [{"period", "articles", "quotes", "all": speaker|null,
/// "speakers": [speaker…]}]}` with speakers as in [`super::speaker_json`].
pub fn periods_json(p: &PeriodReport) -> Value {
    json!({
        "by": p.by.as_str(),
        "periods": p.periods.iter().map(|t| json!({
            "period": t.period,
            "articles": t.articles,
            "quotes": t.all.as_ref().map_or(0, |a| a.quotes),
            "all": t.all.as_ref().map(super::speaker_json),
            "speakers": t.speakers.iter().map(super::speaker_json).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}
