//! CSV output: the speaker table, or with `--quotes` the quote table.

use super::{Options, ScoreReport};
use std::io::Write;

fn num(x: f64) -> String {
    format!("{x:.6}")
}

pub(super) fn write(r: &ScoreReport, opts: Options, out: &mut dyn Write) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    if opts.quotes {
        w.write_record([
            "article",
            "speaker",
            "speaker_kind",
            "mention",
            "cue",
            "kind",
            "start",
            "end",
            "stance",
            "p_favor",
            "p_against",
            "p_neutral",
            "sentiment",
            "p_positive",
            "p_negative",
            "p_neutral_sentiment",
            "text",
        ])?;
        for q in &r.quotes {
            let (sl, sp) = q.stance.as_ref().map_or((String::new(), [None; 3]), |p| {
                (p.label.clone(), p.probabilities.map(Some))
            });
            let (tl, tp) = q
                .sentiment
                .as_ref()
                .map_or((String::new(), [None; 3]), |p| {
                    (p.label.clone(), p.probabilities.map(Some))
                });
            let f = |x: Option<f64>| x.map(num).unwrap_or_default();
            w.write_record([
                q.article.clone(),
                q.quote.speaker.clone(),
                q.quote.speaker_kind.as_str().into(),
                q.quote.mention.clone(),
                q.quote.cue.clone(),
                q.quote.kind.as_str().into(),
                q.quote.start.to_string(),
                q.quote.end.to_string(),
                sl,
                f(sp[0]),
                f(sp[1]),
                f(sp[2]),
                tl,
                f(tp[0]),
                f(tp[1]),
                f(tp[2]),
                q.quote.text.clone(),
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
            "p_favor",
            "p_against",
            "p_neutral",
            "sentiment",
            "net_sentiment",
            "aliases",
        ])?;
        let mut rows: Vec<(String, &crate::aggregate::SpeakerStance)> = Vec::new();
        match &r.by_article {
            Some(by) => {
                for a in by {
                    rows.extend(a.speakers.iter().map(|s| (a.article.clone(), s)));
                }
            }
            None => rows.extend(r.speakers.iter().map(|s| (String::new(), s))),
        }
        for (article, s) in rows {
            let st = s.stance.as_ref();
            let se = s.sentiment.as_ref();
            let ci = st.and_then(|x| x.interval);
            w.write_record([
                article,
                s.speaker.clone(),
                s.kind.as_str().into(),
                s.articles.to_string(),
                s.quotes.to_string(),
                st.map_or(String::new(), |x| x.label.clone()),
                st.map_or(String::new(), |x| num(x.net)),
                ci.map_or(String::new(), |c| num(c.0)),
                ci.map_or(String::new(), |c| num(c.1)),
                st.map_or(String::new(), |x| num(x.probabilities[0])),
                st.map_or(String::new(), |x| num(x.probabilities[1])),
                st.map_or(String::new(), |x| num(x.probabilities[2])),
                se.map_or(String::new(), |x| x.label.clone()),
                se.map_or(String::new(), |x| num(x.net)),
                s.aliases.join("; "),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}
