//! CSV output: the speaker table, or with `--quotes` the quote table (a CSV holds one table).
//!
//! Speaker CSV columns: `article` (empty for the run-wide rows; the article id for `--by-article`
//! rows, which come first), `speaker`, `kind`, `articles`, `quotes`, `stance`, `net_stance`,
//! `net_stance_low`, `net_stance_high` (95% interval, empty for one quote), `favor_quotes`,
//! `against_quotes`, `neutral_quotes` (quotes per predicted label), `p_favor`, `p_against`,
//! `p_neutral` (mean probabilities), `sentiment`, `net_sentiment`, `positive_quotes`,
//! `negative_quotes`, `neutral_sentiment_quotes`, `aliases` (`; `-separated).
//!
//! Quote CSV columns: `article`, `date` (the article's date as given; empty when unknown), `speaker`, `speaker_kind`, `mention`, `cue`, `kind`, `rule`
//! (the extraction rule), `start`,
//! `end`, `stance`, `p_favor`, `p_against`, `p_neutral`, `p_relevant` (P(about negotiation), empty
//! without a relevance stage), `sentiment`, `p_positive`, `p_negative`, `p_neutral_sentiment`,
//! `because` (`; `-separated n-grams), `time`, `text`.

use super::{Options, Quotes, ScoreReport, WriteError};
use crate::aggregate::SpeakerStance;
use std::io::Write;

fn num(x: f64) -> String {
    format!("{x:.6}")
}

fn speaker_record(article: &str, s: &SpeakerStance) -> Vec<String> {
    let st = s.stance.as_ref();
    let se = s.sentiment.as_ref();
    let ci = st.and_then(|x| x.interval);
    vec![
        article.to_string(),
        s.speaker.clone(),
        s.kind.as_str().into(),
        s.articles.to_string(),
        s.quotes.to_string(),
        st.map_or(String::new(), |x| x.label.clone()),
        st.map_or(String::new(), |x| num(x.net)),
        ci.map_or(String::new(), |c| num(c.0)),
        ci.map_or(String::new(), |c| num(c.1)),
        st.map_or(String::new(), |x| x.counts[0].to_string()),
        st.map_or(String::new(), |x| x.counts[1].to_string()),
        st.map_or(String::new(), |x| x.counts[2].to_string()),
        st.map_or(String::new(), |x| num(x.probabilities[0])),
        st.map_or(String::new(), |x| num(x.probabilities[1])),
        st.map_or(String::new(), |x| num(x.probabilities[2])),
        se.map_or(String::new(), |x| x.label.clone()),
        se.map_or(String::new(), |x| num(x.net)),
        se.map_or(String::new(), |x| x.counts[0].to_string()),
        se.map_or(String::new(), |x| x.counts[1].to_string()),
        se.map_or(String::new(), |x| x.counts[2].to_string()),
        s.aliases.join("; "),
    ]
}

pub(super) fn write(
    r: &ScoreReport,
    opts: Options,
    quotes: Quotes<'_>,
    out: &mut dyn Write,
) -> Result<(), WriteError> {
    let mut w = csv::Writer::from_writer(out);
    if opts.quotes {
        w.write_record([
            "article",
            "date",
            "speaker",
            "speaker_kind",
            "mention",
            "cue",
            "kind",
            "rule",
            "start",
            "end",
            "stance",
            "p_favor",
            "p_against",
            "p_neutral",
            "p_relevant",
            "sentiment",
            "p_positive",
            "p_negative",
            "p_neutral_sentiment",
            "because",
            "time",
            "text",
        ])?;
        for q in quotes {
            let q = q?;
            let probs = |p: &Option<crate::score::Prediction>| match p {
                Some(p) => (p.label.clone(), p.probabilities.map(num)),
                None => (String::new(), [String::new(), String::new(), String::new()]),
            };
            let (sl, [sf, sa, sn]) = probs(&q.stance);
            let (tl, [tp, tn, tu]) = probs(&q.sentiment);
            w.write_record([
                q.article,
                q.date.unwrap_or_default(),
                q.quote.speaker,
                q.quote.speaker_kind.as_str().into(),
                q.quote.mention,
                q.quote.cue,
                q.quote.kind.as_str().into(),
                q.quote.rule.as_str().into(),
                q.quote.start.to_string(),
                q.quote.end.to_string(),
                sl,
                sf,
                sa,
                sn,
                q.relevance.map_or(String::new(), num),
                tl,
                tp,
                tn,
                tu,
                q.because.join("; "),
                q.quote.time.unwrap_or_default(),
                q.quote.text,
            ])?;
        }
    } else {
        w.write_record([
            "article",
            "speaker",
            "kind",
            "articles",
            "quotes",
            "stance",
            "net_stance",
            "net_stance_low",
            "net_stance_high",
            "favor_quotes",
            "against_quotes",
            "neutral_quotes",
            "p_favor",
            "p_against",
            "p_neutral",
            "sentiment",
            "net_sentiment",
            "positive_quotes",
            "negative_quotes",
            "neutral_sentiment_quotes",
            "aliases",
        ])?;
        for a in r.by_article.iter().flatten() {
            for s in &a.speakers {
                w.write_record(speaker_record(&a.article, s))?;
            }
        }
        for s in &r.speakers {
            w.write_record(speaker_record("", s))?;
        }
    }
    w.flush()?;
    Ok(())
}
