//! JSON output: one object `{"model", "articles", "speakers": […], "quotes": […]}` (plus
//! `"by_article"` with `--by-article`, `"by_period"` with `--by`). The README documents every field.

use super::{Quotes, ScoreReport, WriteError};
use crate::aggregate::{SpeakerStance, TaskSummary};
use crate::score::ScoredQuote;
use serde_json::{Value, json};
use std::io::Write;

fn summary(s: &Option<TaskSummary>, labels: [&str; 3]) -> Value {
    match s {
        None => Value::Null,
        Some(s) => json!({
            "label": s.label,
            "net": s.net,
            "interval": s.interval.map(|(a, b)| vec![a, b]),
            "probabilities": {labels[0]: s.probabilities[0], labels[1]: s.probabilities[1], labels[2]: s.probabilities[2]},
        }),
    }
}

/// One speaker row as JSON.
pub fn speaker_json(s: &SpeakerStance) -> Value {
    json!({
        "speaker": s.speaker,
        "aliases": s.aliases,
        "kind": s.kind.as_str(),
        "articles": s.articles,
        "quotes": s.quotes,
        "stance": s.stance.as_ref().map(|x| x.label.clone()),
        "net_stance": s.stance.as_ref().map(|x| x.net),
        "net_stance_interval": s.stance.as_ref().and_then(|x| x.interval).map(|(a, b)| vec![a, b]),
        "stance_probabilities": summary(&s.stance, ["favor", "against", "neutral"])["probabilities"].clone(),
        "stance_counts": counts(&s.stance, ["favor", "against", "neutral"]),
        "sentiment": s.sentiment.as_ref().map(|x| x.label.clone()),
        "net_sentiment": s.sentiment.as_ref().map(|x| x.net),
        "sentiment_probabilities": summary(&s.sentiment, ["positive", "negative", "neutral"])["probabilities"].clone(),
        "sentiment_counts": counts(&s.sentiment, ["positive", "negative", "neutral"]),
    })
}

/// Quotes per predicted label, as `{label: count}`.
fn counts(s: &Option<TaskSummary>, labels: [&str; 3]) -> Value {
    match s {
        None => Value::Null,
        Some(s) => json!({labels[0]: s.counts[0], labels[1]: s.counts[1], labels[2]: s.counts[2]}),
    }
}

/// One quote as JSON.
pub fn quote_json(q: &ScoredQuote) -> Value {
    let probs = |p: &Option<crate::score::Prediction>, l: [&str; 3]| match p {
        None => Value::Null,
        Some(p) => {
            json!({l[0]: p.probabilities[0], l[1]: p.probabilities[1], l[2]: p.probabilities[2]})
        }
    };
    json!({
        "article": q.article,
        "date": q.date,
        "speaker": q.quote.speaker,
        "speaker_kind": q.quote.speaker_kind.as_str(),
        "mention": q.quote.mention,
        "cue": q.quote.cue,
        "kind": q.quote.kind.as_str(),
        "rule": q.quote.rule.as_str(),
        "text": q.quote.text,
        "start": q.quote.start,
        "end": q.quote.end,
        "parts": q.quote.parts.iter().map(|p| vec![p.0, p.1]).collect::<Vec<_>>(),
        "stance": q.stance.as_ref().map(|p| p.label.clone()),
        "probabilities": probs(&q.stance, ["favor", "against", "neutral"]),
        "relevance": q.relevance,
        "sentiment": q.sentiment.as_ref().map(|p| p.label.clone()),
        "sentiment_probabilities": probs(&q.sentiment, ["positive", "negative", "neutral"]),
        "time": q.quote.time,
        "because": q.because,
    })
}

/// The report without quotes as one JSON object: `model`, `articles`, `quotes_total`,
/// `speakers`, and `by_article` when asked for.
pub fn json_value(r: &ScoreReport) -> Value {
    let mut v = json!({
        "model": r.model,
        "target": r.target,
        "articles": r.articles,
        "quotes_total": r.n_quotes,
        "speakers": r.speakers.iter().map(speaker_json).collect::<Vec<_>>(),
    });
    if let Some(p) = &r.periods {
        v["by_period"] = super::period_out::periods_json(p);
    }
    if let Some(by) = &r.by_article {
        v["by_article"] = by
            .iter()
            .map(|a| {
                json!({
                    "article": a.article,
                    "title": a.title,
                    "speakers": a.speakers.iter().map(speaker_json).collect::<Vec<_>>(),
                })
            })
            .collect();
    }
    v
}

/// Streams the report: the object of [`json_value`] with a `quotes` array written quote by
/// quote, so memory does not grow with the number of quotes.
pub(super) fn write(
    r: &ScoreReport,
    quotes: Quotes<'_>,
    out: &mut dyn Write,
) -> Result<(), WriteError> {
    let head = serde_json::to_string_pretty(&json_value(r)).map_err(std::io::Error::other)?;
    // reopen the object to append the quotes array before its closing brace
    let head = head
        .trim_end()
        .strip_suffix('}')
        .expect("a JSON object")
        .trim_end();
    write!(out, "{head},\n  \"quotes\": [")?;
    let mut first = true;
    for q in quotes {
        let q = q?;
        let text = serde_json::to_string(&quote_json(&q)).map_err(std::io::Error::other)?;
        write!(out, "{}\n    {text}", if first { "" } else { "," })?;
        first = false;
    }
    writeln!(out, "{}]\n}}", if first { "" } else { "\n  " })?;
    Ok(())
}
