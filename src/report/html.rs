//! HTML output: one self-contained page (inline CSS, inline JavaScript, inline SVG; nothing is
//! fetched) that a reader opens in a browser.
//!
//! From top to bottom:
//! - a header naming the model file, the target, the inputs and the counts of articles, quotes and
//!   speakers;
//! - a chart of the most quoted speakers (see [`Options::top`]) by net stance, each with its 95%
//!   interval and quote count, coloured by speaker kind (plotters' SVG backend);
//! - with `--by` (or, for HTML, by month whenever an article is dated), one small line chart of
//!   net stance per period for all speakers together and for each of the most quoted;
//! - the speaker table and the quote table, sortable by clicking a column header (a link ending
//!   in `#sort=quote-table:7` opens with that table sorted by that column, numbers largest
//!   first);
//! - every article's text with each quote highlighted in its speaker's colour (`<mark
//!   class="q" data-q="N">`, N the quote's number in the quote table; a split quote has one mark
//!   per part), a badge after it with the speaker and the quote's stance, the cue underlined
//!   (`<u class="cue">`), the speaker's mention in bold, and the quote's probabilities and
//!   "because" n-grams in its tooltip.
//!
//! Every text from the input is escaped (html-escape): a quote holding `<script>` shows as text.
//! The page holds every quote and article text, so it grows with the corpus (about the size of
//! the input plus a few hundred bytes per quote).

use super::{Options, Quotes, ScoreReport, WriteError, fmt_p, fmt2, plural};
use crate::aggregate::SpeakerStance;
use crate::attribution::SpeakerKind;
use crate::period::{ALL_SPEAKERS, UNDATED};
use crate::score::ScoredQuote;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;

/// At most this many speakers on the net-stance chart, whatever [`Options::top`] says.
pub const CHART_MAX: usize = 40;
/// At most this many per-speaker panels in the stance-over-time charts.
pub const TIMELINE_MAX: usize = 8;
/// Articles are shown open (not folded) when the run has at most this many.
const OPEN_ARTICLES: usize = 20;

/// Fill colours of the speakers' highlights, by their rank in the speaker table (cycled).
const PALETTE: [&str; 12] = [
    "#cfe3ff", "#ffe0b3", "#d4f5d0", "#f3d1f4", "#fff3a8", "#c9f1f1", "#ffd1d1", "#e3dcff",
    "#e9f5c4", "#ffd9ec", "#d9e8e0", "#f1e4d0",
];

/// The colour of a speaker kind on the charts and in the legend.
pub fn kind_colour(kind: SpeakerKind) -> RGBColor {
    match kind {
        SpeakerKind::Person => RGBColor(31, 119, 180),
        SpeakerKind::Group => RGBColor(230, 120, 20),
        SpeakerKind::Organization => RGBColor(44, 160, 44),
        SpeakerKind::State => RGBColor(148, 103, 189),
        SpeakerKind::Unknown => RGBColor(127, 127, 127),
    }
}

fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

const KINDS: [SpeakerKind; 5] = [
    SpeakerKind::Person,
    SpeakerKind::Group,
    SpeakerKind::Organization,
    SpeakerKind::State,
    SpeakerKind::Unknown,
];

/// One article's text for the page, with the number of its quotes (they follow in the quote
/// stream in article order).
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleText {
    /// Article id.
    pub id: String,
    /// Title, if known.
    pub title: Option<String>,
    /// Date as given, if known.
    pub date: Option<String>,
    /// The text the quotes' byte offsets index.
    pub text: String,
    /// Number of quotes of this article in the quote stream.
    pub quotes: usize,
}

const CSS: &str = r#"
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1240px;padding:0 20px 40px;color:#1b1b1b;background:#fff}
h1{font-size:26px;margin:18px 0 4px}h2{font-size:19px;margin:26px 0 8px;border-bottom:1px solid #ddd}
.meta{color:#555;margin:2px 0}.meta b{color:#1b1b1b}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:4px;vertical-align:-1px}
table{border-collapse:collapse;font-size:13px;width:100%}th,td{padding:3px 6px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
th{background:#f4f4f4;cursor:pointer;user-select:none;position:sticky;top:0}th[data-dir=asc]::after{content:" \25B2"}th[data-dir=desc]::after{content:" \25BC"}
td.n{text-align:right;font-variant-numeric:tabular-nums}.wrap{max-height:520px;overflow:auto;border:1px solid #ddd}
.chip{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px;border:1px solid #0002}
.s-favor{color:#0a7a2f}.s-against{color:#b3261e}.s-neutral{color:#666}
.doc{border:1px solid #ddd;border-radius:6px;padding:4px 14px;margin:10px 0}.doc summary{cursor:pointer;font-weight:600;padding:6px 0}
.text{white-space:pre-wrap;line-height:2.1}
mark.q{padding:2px 1px;border-radius:3px;color:inherit}
.badge{font-size:11px;font-weight:600;border-radius:3px;padding:1px 5px;margin:0 3px;background:#fff;border:1px solid #ccc;white-space:nowrap;vertical-align:1px}
.badge.s-favor{border-color:#0a7a2f}.badge.s-against{border-color:#b3261e}
u.cue{text-decoration:underline 2px #333;text-underline-offset:3px}.mention{font-weight:650}
.panels{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:8px}
svg{max-width:100%;height:auto}
"#;

const JS: &str = r#"
document.querySelectorAll("table.sortable").forEach(function(t){
  var heads=t.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads,function(th,i){th.addEventListener("click",function(){
    var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);
    var num=th.dataset.type==="num",dir=th.dataset.dir==="desc"?1:-1;
    if(!th.dataset.dir){dir=num?-1:1;}
    Array.prototype.forEach.call(heads,function(h){delete h.dataset.dir;});
    th.dataset.dir=dir>0?"asc":"desc";
    function key(r){var c=r.cells[i],v=c.dataset.v!==undefined?c.dataset.v:c.textContent;
      if(num){var f=parseFloat(v);return isNaN(f)?-Infinity:f;}return v.toLowerCase();}
    rows.sort(function(a,b){var x=key(a),y=key(b);return (x<y?-1:x>y?1:0)*dir;});
    rows.forEach(function(r){body.appendChild(r);});
  });});
});
// a link ending in #sort=TABLE-ID:COLUMN opens with that table sorted by that column
var m=location.hash.match(/^#sort=([\w-]+):(\d+)$/),st=m&&document.getElementById(m[1]);
if(st&&st.tHead.rows[0].cells[+m[2]]){st.tHead.rows[0].cells[+m[2]].click();}
document.body.dataset.ready="1";
"#;

/// Writes the page (see the module docs).
pub(super) fn write(
    r: &ScoreReport,
    opts: Options,
    quotes: Quotes<'_>,
    out: &mut dyn Write,
) -> Result<(), WriteError> {
    let quotes: Vec<ScoredQuote> = quotes.collect::<crate::Result<_>>()?;
    let page = render(r, opts, &quotes).map_err(|e| std::io::Error::other(e.to_string()))?;
    out.write_all(page.as_bytes())?;
    Ok(())
}

type Key<'a> = (&'a str, SpeakerKind);

/// The whole page as a string.
fn render(r: &ScoreReport, opts: Options, quotes: &[ScoredQuote]) -> Result<String, String> {
    let rank: HashMap<Key<'_>, usize> = r
        .speakers
        .iter()
        .enumerate()
        .map(|(i, s)| ((s.speaker.as_str(), s.kind), i))
        .collect();
    let colour = |q: &ScoredQuote| -> &'static str {
        rank.get(&(q.quote.speaker.as_str(), q.quote.speaker_kind))
            .map_or("#e6e6e6", |&i| PALETTE[i % PALETTE.len()])
    };
    let mut h = String::with_capacity(64 * 1024);
    let target = text(&r.target);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Stance toward {target}: {}</title><style>{CSS}</style></head><body>\n",
        text(&r.inputs.join(", "))
    );
    let _ = writeln!(
        h,
        "<header><h1>Stance toward {target} by speaker</h1>\
         <p class=\"meta\">model <b id=\"model\">{}</b> · target <b id=\"target\">{target}</b> · \
         standpoint {}</p><p class=\"meta\">corpus <b>{}</b>: <b id=\"n-articles\">{}</b> {}, \
         <b id=\"n-quotes\">{}</b> {}, <b id=\"n-speakers\">{}</b> {}</p></header>",
        text(&r.model),
        env!("CARGO_PKG_VERSION"),
        text(&r.inputs.join(", ")),
        r.articles,
        if r.articles == 1 {
            "article"
        } else {
            "articles"
        },
        r.n_quotes,
        if r.n_quotes == 1 { "quote" } else { "quotes" },
        r.speakers.len(),
        if r.speakers.len() == 1 {
            "speaker"
        } else {
            "speakers"
        },
    );
    let legend: String = KINDS
        .iter()
        .map(|k| {
            format!(
                "<span><i style=\"background:{}\"></i>{}</span>",
                hex(kind_colour(*k)),
                k.as_str()
            )
        })
        .collect();
    let n_chart = chart_count(r.speakers.len(), opts.top, CHART_MAX);
    let _ = writeln!(
        h,
        "<section id=\"chart\"><h2>Net stance of the {} (95% interval; n = quotes)</h2>\
         <p class=\"legend\">{legend}</p>{}</section>",
        if n_chart == r.speakers.len() {
            plural(n_chart, "speaker")
        } else {
            format!("{} most quoted", plural(n_chart, "speaker"))
        },
        stance_chart(&r.speakers[..n_chart]).map_err(|e| format!("chart: {e}"))?
    );
    if let Some(p) = &r.periods {
        timeline_section(&mut h, r, p, opts).map_err(|e| format!("timeline chart: {e}"))?;
    }
    speaker_table(&mut h, &r.speakers, &rank);
    quote_table(&mut h, quotes, &colour);
    articles_section(&mut h, r, quotes, &colour);
    let _ = write!(h, "<script>{JS}</script>\n</body></html>\n");
    Ok(h)
}

/// How many speakers a chart shows: `top` (0 = all), at most `max`, at most `n`.
fn chart_count(n: usize, top: usize, max: usize) -> usize {
    let want = if top == 0 { n } else { top };
    want.min(max).min(n)
}

/// Dot-and-whisker chart: one row per speaker, net stance on x.
fn stance_chart(speakers: &[SpeakerStance]) -> Result<String, Box<dyn std::error::Error>> {
    let n = speakers.len().max(1);
    let (w, hgt) = (1100u32, 60 + 26 * n as u32);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, hgt)).into_drawing_area();
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .margin_left(230)
            .margin_right(70)
            .x_label_area_size(52)
            .build_cartesian_2d(-1.0f64..1.0f64, -0.5f64..(n as f64 - 0.5))?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(9)
            .light_line_style(WHITE)
            .label_style(("sans-serif", 16))
            .axis_desc_style(("sans-serif", 16))
            .x_desc("net stance = mean P(favor) − P(against)   (against ← → favor)")
            .x_label_formatter(&|x| fmt2(*x))
            .draw()?;
        chart.draw_series(LineSeries::new(
            [(0.0, -0.5), (0.0, n as f64 - 0.5)],
            BLACK.mix(0.5).stroke_width(1),
        ))?;
        for (i, s) in speakers.iter().enumerate() {
            let y = (n - 1 - i) as f64;
            let c = kind_colour(s.kind);
            let Some(st) = &s.stance else { continue };
            if let Some((lo, hi)) = st.interval {
                chart.draw_series(LineSeries::new([(lo, y), (hi, y)], c.stroke_width(2)))?;
                for x in [lo, hi] {
                    chart.draw_series(LineSeries::new(
                        [(x, y - 0.2), (x, y + 0.2)],
                        c.stroke_width(2),
                    ))?;
                }
            }
            let radius = (3.0 + 2.0 * (s.quotes as f64).sqrt()).min(11.0) as i32;
            chart.draw_series(std::iter::once(Circle::new(
                (st.net, y),
                radius,
                c.filled(),
            )))?;
            let (px, py) = chart.backend_coord(&(-1.0, y));
            root.draw(&Text::new(
                s.speaker.clone(),
                (px - 8, py),
                ("sans-serif", 18)
                    .into_font()
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
            let (qx, _) = chart.backend_coord(&(1.0, y));
            root.draw(&Text::new(
                format!("n={}", s.quotes),
                (qx + 8, py),
                ("sans-serif", 16)
                    .into_font()
                    .color(&BLACK.mix(0.7))
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        root.present()?;
    }
    Ok(svg)
}

/// One small line chart: net stance per period, with intervals, points sized by quotes.
fn period_chart(
    title: &str,
    colour: RGBColor,
    periods: &[&str],
    points: &[(usize, &SpeakerStance)],
) -> Result<String, Box<dyn std::error::Error>> {
    let m = periods.len().max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (560, 230)).into_drawing_area();
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 20))
            .margin(8)
            .x_label_area_size(34)
            .y_label_area_size(44)
            .build_cartesian_2d(-0.5f64..(m as f64 - 0.5), -1.0f64..1.0f64)?;
        let label = |x: &f64| {
            let i = x.round();
            if (x - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < periods.len() {
                periods[i as usize].to_string()
            } else {
                String::new()
            }
        };
        chart
            .configure_mesh()
            .x_labels(m.min(8))
            .y_labels(5)
            .light_line_style(WHITE)
            .label_style(("sans-serif", 14))
            .x_label_formatter(&label)
            .y_label_formatter(&|y| fmt2(*y))
            .draw()?;
        chart.draw_series(LineSeries::new(
            [(-0.5, 0.0), (m as f64 - 0.5, 0.0)],
            BLACK.mix(0.5),
        ))?;
        let xy: Vec<(f64, f64)> = points
            .iter()
            .filter_map(|(i, s)| s.stance.as_ref().map(|st| (*i as f64, st.net)))
            .collect();
        chart.draw_series(LineSeries::new(xy, colour.stroke_width(2)))?;
        for (i, s) in points {
            let Some(st) = &s.stance else { continue };
            let x = *i as f64;
            if let Some((lo, hi)) = st.interval {
                chart.draw_series(LineSeries::new([(x, lo), (x, hi)], colour.mix(0.45)))?;
            }
            let radius = (2.0 + 1.5 * (s.quotes as f64).sqrt()).min(9.0) as i32;
            chart.draw_series(std::iter::once(Circle::new(
                (x, st.net),
                radius,
                colour.filled(),
            )))?;
        }
        root.present()?;
    }
    Ok(svg)
}

fn timeline_section(
    h: &mut String,
    r: &ScoreReport,
    p: &super::PeriodReport,
    opts: Options,
) -> Result<(), Box<dyn std::error::Error>> {
    let dated: Vec<&crate::period::PeriodTable> =
        p.periods.iter().filter(|t| t.period != UNDATED).collect();
    let undated = p
        .periods
        .iter()
        .find(|t| t.period == UNDATED)
        .map_or(0, |t| t.articles);
    let names: Vec<&str> = dated.iter().map(|t| t.period.as_str()).collect();
    let _ = write!(
        h,
        "<section id=\"timeline\"><h2>Net stance by {}</h2><p class=\"meta\">{} with dated \
         articles{}; each point is one {} (size: quotes; bar: 95% interval).</p><div class=\"panels\">",
        p.by.as_str(),
        plural(dated.len(), p.by.as_str()),
        if undated > 0 {
            format!(
                ", and {} without a date (not on the charts)",
                plural(undated, "article")
            )
        } else {
            String::new()
        },
        p.by.as_str(),
    );
    let pooled: Vec<(usize, &SpeakerStance)> = dated
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.all.as_ref().map(|a| (i, a)))
        .collect();
    let _ = write!(
        h,
        "<div class=\"panel\">{}</div>",
        period_chart(ALL_SPEAKERS, RGBColor(60, 60, 60), &names, &pooled)?
    );
    let n = chart_count(r.speakers.len(), opts.top, TIMELINE_MAX);
    for s in &r.speakers[..n] {
        let points: Vec<(usize, &SpeakerStance)> = dated
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                t.speakers
                    .iter()
                    .find(|x| x.speaker == s.speaker && x.kind == s.kind)
                    .map(|x| (i, x))
            })
            .collect();
        let title = format!("{} ({})", s.speaker, plural(s.quotes, "quote"));
        let _ = write!(
            h,
            "<div class=\"panel\">{}</div>",
            period_chart(&title, kind_colour(s.kind), &names, &points)?
        );
    }
    h.push_str("</div></section>\n");
    Ok(())
}

fn num_cell(h: &mut String, v: Option<f64>, shown: &str) {
    match v {
        Some(x) => {
            let _ = write!(h, "<td class=\"n\" data-v=\"{x}\">{}</td>", text(shown));
        }
        None => h.push_str("<td class=\"n\" data-v=\"\"></td>"),
    }
}

fn speaker_table(h: &mut String, speakers: &[SpeakerStance], rank: &HashMap<Key<'_>, usize>) {
    h.push_str(
        "<section id=\"speakers\"><h2>Speakers</h2><div class=\"wrap\">\
         <table class=\"sortable\" id=\"speaker-table\"><thead><tr><th>speaker</th><th>kind</th>\
         <th data-type=\"num\">articles</th><th data-type=\"num\">quotes</th><th>stance</th>\
         <th data-type=\"num\">favor</th><th data-type=\"num\">against</th>\
         <th data-type=\"num\">neutral</th><th data-type=\"num\">net stance</th>\
         <th data-type=\"num\">95% low</th><th data-type=\"num\">95% high</th><th>sentiment</th>\
         <th data-type=\"num\">net sentiment</th><th>aliases</th></tr></thead><tbody>\n",
    );
    for s in speakers {
        let i = rank
            .get(&(s.speaker.as_str(), s.kind))
            .copied()
            .unwrap_or(0);
        let st = s.stance.as_ref();
        let label = st.map_or("-", |x| x.label.as_str());
        let _ = write!(
            h,
            "<tr class=\"speaker-row\"><td><span class=\"chip\" style=\"background:{}\"></span>{}</td>\
             <td><span class=\"chip\" style=\"background:{}\"></span>{}</td>",
            PALETTE[i % PALETTE.len()],
            text(&s.speaker),
            hex(kind_colour(s.kind)),
            s.kind.as_str()
        );
        num_cell(h, Some(s.articles as f64), &s.articles.to_string());
        num_cell(h, Some(s.quotes as f64), &s.quotes.to_string());
        let _ = write!(h, "<td class=\"s-{}\">{}</td>", attr(label), text(label));
        for k in 0..3 {
            let c = st.map(|x| x.counts[k]);
            num_cell(
                h,
                c.map(|c| c as f64),
                &c.map_or(String::new(), |c| c.to_string()),
            );
        }
        num_cell(
            h,
            st.map(|x| x.net),
            &st.map_or(String::new(), |x| fmt2(x.net)),
        );
        let ci = st.and_then(|x| x.interval);
        num_cell(h, ci.map(|c| c.0), &ci.map_or(String::new(), |c| fmt2(c.0)));
        num_cell(h, ci.map(|c| c.1), &ci.map_or(String::new(), |c| fmt2(c.1)));
        let se = s.sentiment.as_ref();
        let _ = write!(h, "<td>{}</td>", text(se.map_or("-", |x| x.label.as_str())));
        num_cell(
            h,
            se.map(|x| x.net),
            &se.map_or(String::new(), |x| fmt2(x.net)),
        );
        let _ = writeln!(h, "<td>{}</td></tr>", text(&s.aliases.join("; ")));
    }
    h.push_str("</tbody></table></div></section>\n");
}

fn quote_table(
    h: &mut String,
    quotes: &[ScoredQuote],
    colour: &dyn Fn(&ScoredQuote) -> &'static str,
) {
    h.push_str(
        "<section id=\"quotes\"><h2>Quotes</h2><div class=\"wrap\">\
         <table class=\"sortable\" id=\"quote-table\"><thead><tr><th data-type=\"num\">#</th>\
         <th>article</th><th>date</th><th>speaker</th><th>quote kind</th><th>cue</th>\
         <th>stance</th><th data-type=\"num\">P(favor)</th><th data-type=\"num\">P(against)</th>\
         <th data-type=\"num\">P(neutral)</th><th>sentiment</th><th>because</th><th>quote</th>\
         </tr></thead><tbody>\n",
    );
    for (i, q) in quotes.iter().enumerate() {
        let stance = q.stance.as_ref().map_or("-", |p| p.label.as_str());
        let _ = write!(
            h,
            "<tr class=\"quote-row\"><td class=\"n\" data-v=\"{i}\"><a href=\"#q{i}\">{i}</a></td>\
             <td>{}</td><td>{}</td><td><span class=\"chip\" style=\"background:{}\"></span>{}</td>\
             <td>{}</td><td>{}</td><td class=\"s-{}\">{}</td>",
            text(&q.article),
            text(q.date.as_deref().unwrap_or("")),
            colour(q),
            text(&q.quote.speaker),
            q.quote.kind.as_str(),
            text(&q.quote.cue),
            attr(stance),
            text(stance),
        );
        for k in 0..3 {
            let p = q.stance.as_ref().map(|p| p.probabilities[k]);
            num_cell(h, p, &p.map_or(String::new(), fmt_p));
        }
        let _ = writeln!(
            h,
            "<td>{}</td><td>{}</td><td>{}</td></tr>",
            text(q.sentiment.as_ref().map_or("-", |p| p.label.as_str())),
            text(&q.because.join(", ")),
            text(&q.quote.text),
        );
    }
    h.push_str("</tbody></table></div></section>\n");
}

/// What a byte range of an article's text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    /// Part of quote N's content.
    Quote(usize),
    /// Quote N's cue.
    Cue(usize),
    /// Quote N's speaker mention.
    Mention(usize),
}

fn tooltip(q: &ScoredQuote) -> String {
    let mut t = format!("{} ({})", q.quote.speaker, q.quote.speaker_kind.as_str());
    if let Some(p) = &q.stance {
        let _ = write!(
            t,
            " · stance {}: favor {:.2}, against {:.2}, neutral {:.2}",
            p.label, p.probabilities[0], p.probabilities[1], p.probabilities[2]
        );
    }
    if let Some(r) = q.relevance {
        let _ = write!(t, " · relevance {r:.2}");
    }
    if let Some(p) = &q.sentiment {
        let _ = write!(t, " · sentiment {}", p.label);
    }
    if !q.because.is_empty() {
        let _ = write!(t, " · because: {}", q.because.join(", "));
    }
    if !q.quote.cue.is_empty() {
        let _ = write!(t, " · cue “{}”", q.quote.cue);
    }
    t
}

/// One article's text with its quotes (numbered from `first`) marked up.
fn marked_text(
    h: &mut String,
    body: &str,
    quotes: &[ScoredQuote],
    first: usize,
    colour: &dyn Fn(&ScoredQuote) -> &'static str,
) {
    let ok = |(s, e): (usize, usize)| {
        s < e && e <= body.len() && body.is_char_boundary(s) && body.is_char_boundary(e)
    };
    let mut spans: Vec<(usize, usize, Mark)> = Vec::new();
    for (j, q) in quotes.iter().enumerate() {
        let n = first + j;
        let parts: Vec<(usize, usize)> = if q.quote.parts.is_empty() {
            vec![(q.quote.start, q.quote.end)]
        } else {
            q.quote.parts.clone()
        };
        for p in parts.into_iter().filter(|&p| ok(p)) {
            spans.push((p.0, p.1, Mark::Quote(n)));
        }
        if let Some(c) = q.quote.cue_span.filter(|&c| ok(c)) {
            spans.push((c.0, c.1, Mark::Cue(n)));
        }
        if let Some(m) = q.quote.mention_span.filter(|&m| ok(m)) {
            spans.push((m.0, m.1, Mark::Mention(n)));
        }
    }
    // the end of each quote's last part, where its badge goes
    let mut badge_at: HashMap<usize, Vec<usize>> = HashMap::new();
    for (j, _) in quotes.iter().enumerate() {
        let n = first + j;
        if let Some(end) = spans
            .iter()
            .filter(|s| s.2 == Mark::Quote(n))
            .map(|s| s.1)
            .max()
        {
            badge_at.entry(end).or_default().push(n);
        }
    }
    let mut cuts: Vec<usize> = spans.iter().flat_map(|s| [s.0, s.1]).collect();
    cuts.extend([0, body.len()]);
    cuts.sort_unstable();
    cuts.dedup();
    let mut seen_first: std::collections::HashSet<usize> = std::collections::HashSet::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut active: Vec<Mark> = spans
            .iter()
            .filter(|s| s.0 <= a && b <= s.1)
            .map(|s| s.2)
            .collect();
        active.sort_unstable();
        active.dedup();
        let mut close = Vec::new();
        for m in &active {
            match *m {
                Mark::Quote(n) => {
                    let q = &quotes[n - first];
                    let id = if seen_first.insert(n) {
                        format!(" id=\"q{n}\"")
                    } else {
                        String::new()
                    };
                    let _ = write!(
                        h,
                        "<mark class=\"q\"{id} data-q=\"{n}\" style=\"background:{}\" title=\"{}\">",
                        colour(q),
                        attr(&tooltip(q))
                    );
                    close.push("</mark>");
                }
                Mark::Cue(_) => {
                    h.push_str("<u class=\"cue\">");
                    close.push("</u>");
                }
                Mark::Mention(_) => {
                    h.push_str("<span class=\"mention\">");
                    close.push("</span>");
                }
            }
        }
        h.push_str(&text(&body[a..b]));
        for c in close.iter().rev() {
            h.push_str(c);
        }
        if let Some(ns) = badge_at.get(&b) {
            for &n in ns {
                let q = &quotes[n - first];
                let stance = q.stance.as_ref().map_or("-", |p| p.label.as_str());
                let _ = write!(
                    h,
                    "<span class=\"badge s-{}\" data-badge=\"{n}\">{} · {}</span>",
                    attr(stance),
                    text(&q.quote.speaker),
                    text(stance)
                );
            }
        }
    }
}

fn articles_section(
    h: &mut String,
    r: &ScoreReport,
    quotes: &[ScoredQuote],
    colour: &dyn Fn(&ScoredQuote) -> &'static str,
) {
    h.push_str("<section id=\"articles\"><h2>Articles</h2>\n");
    let open = r.texts.len() <= OPEN_ARTICLES;
    let mut next = 0;
    for (i, a) in r.texts.iter().enumerate() {
        let end = (next + a.quotes).min(quotes.len());
        let mine = &quotes[next..end];
        let _ = write!(
            h,
            "<details class=\"doc\" id=\"a{i}\"{}><summary>{}</summary><p class=\"meta\">{}{} · {}</p><div class=\"text\">",
            if open { " open" } else { "" },
            text(a.title.as_deref().unwrap_or(&a.id)),
            text(&a.id),
            a.date
                .as_deref()
                .map(|d| format!(" · {}", text(d)))
                .unwrap_or_default(),
            plural(mine.len(), "quote"),
        );
        marked_text(h, &a.text, mine, next, colour);
        h.push_str("</div></details>\n");
        next = end;
    }
    h.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::Quote;
    use crate::labels::Task;
    use crate::score::Prediction;

    fn report(texts: Vec<ArticleText>, speakers: Vec<SpeakerStance>) -> ScoreReport {
        ScoreReport {
            articles: texts.len(),
            n_quotes: texts.iter().map(|t| t.quotes).sum(),
            speakers,
            by_article: None,
            model: "m<1>.json".into(),
            target: "negotiation".into(),
            inputs: vec!["a&b.txt".into()],
            periods: None,
            texts,
        }
    }

    fn scored(speaker: &str, body: &str, content: &str, cue: &str) -> ScoredQuote {
        let start = body.find(content).unwrap();
        let mut q = Quote::fixture(speaker, start, start + content.len());
        q.text = content.into();
        let c = body.find(cue).unwrap();
        q.cue = cue.into();
        q.cue_span = Some((c, c + cue.len()));
        ScoredQuote {
            article: "a1".into(),
            date: Some("2020-01-02".into()),
            quote: q,
            stance: Some(Prediction::new(Task::Stance, [0.1, 0.8, 0.1])),
            relevance: Some(0.9),
            sentiment: None,
            because: vec!["<b>never</b>".into()],
        }
    }

    #[test]
    fn markup_in_quotes_and_names_is_shown_as_text() {
        let body = "\"We will <script>alert(1)</script> never talk,\" said Jo <Smith>.";
        let content = "We will <script>alert(1)</script> never talk,";
        let q = scored("Jo <Smith>", body, content, "said");
        let mut acc = crate::aggregate::Accumulator::new();
        acc.add(&crate::score::ScoredArticle {
            id: "a1".into(),
            title: None,
            date: None,
            speakers: vec![],
            quotes: vec![q.clone()],
        });
        let text = ArticleText {
            id: "a1".into(),
            title: Some("Talks & <i>walks</i>".into()),
            date: Some("2020-01-02".into()),
            text: body.into(),
            quotes: 1,
        };
        let r = report(vec![text], acc.finish());
        let page = render(
            &r,
            Options {
                fit: Default::default(),
                quotes: false,
                top: 10,
            },
            &[q],
        )
        .unwrap();
        // only our own script tag; the quote's shows escaped, in the text and the quote table
        assert_eq!(page.matches("<script>").count(), 1, "{page}");
        assert_eq!(
            page.matches("&lt;script&gt;alert(1)&lt;/script&gt;")
                .count(),
            2
        );
        assert!(page.contains("Jo &lt;Smith&gt;"));
        assert!(!page.contains("<Smith>") && !page.contains("<i>walks"));
        assert!(page.contains("Talks &amp; &lt;i&gt;walks&lt;/i&gt;"));
        assert!(page.contains("m&lt;1&gt;.json") && page.contains("a&amp;b.txt"));
        // the tooltip's n-grams are escaped inside the attribute
        assert!(page.contains("because: &lt;b&gt;never&lt;/b&gt;"), "{page}");
        // one highlight for the quote, the cue underlined, the badge names speaker and stance
        assert_eq!(page.matches("<mark class=\"q\" id=\"q0\"").count(), 1);
        assert!(page.contains("<u class=\"cue\">said</u>"));
        assert!(page.contains("data-badge=\"0\">Jo &lt;Smith&gt; · against</span>"));
        assert_eq!(page.matches("<tr class=\"speaker-row\">").count(), 1);
        assert_eq!(page.matches("<tr class=\"quote-row\">").count(), 1);
        // self-contained: nothing fetched
        for tag in ["src=", "href=\"http", "@import", "url("] {
            assert!(!page.contains(tag), "{tag}");
        }
    }

    #[test]
    fn overlapping_and_split_quotes_stay_well_formed() {
        let body = "Ana said \"one two\" and \"three four\" today.";
        let mut q = scored("Ana", body, "one two", "said");
        let s2 = body.find("three four").unwrap();
        q.quote.parts = vec![(q.quote.start, q.quote.end), (s2, s2 + "three four".len())];
        q.quote.end = s2 + "three four".len();
        // a second quote overlapping the first's second part
        let mut q2 = scored("Ben", body, "four\" today", "said");
        q2.quote.cue_span = None;
        let mut h = String::new();
        let quotes = [q, q2];
        marked_text(&mut h, body, &quotes, 0, &|_| "#fff");
        assert_eq!(h.matches("<mark").count(), h.matches("</mark>").count());
        // the two parts of quote 0 are two marks with one id and one badge
        assert_eq!(h.matches("data-q=\"0\"").count(), 3, "{h}");
        assert_eq!(h.matches("id=\"q0\"").count(), 1);
        assert_eq!(h.matches("data-badge=\"0\"").count(), 1);
        assert_eq!(h.matches("data-badge=\"1\"").count(), 1);
        // the text survives, escaped
        let plain: String = {
            let mut out = String::new();
            let mut in_tag = false;
            for c in h.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    _ if !in_tag => out.push(c),
                    _ => {}
                }
            }
            out
        };
        assert!(
            plain.starts_with("Ana said \"one two\" and \"three four"),
            "{plain}"
        );
    }

    #[test]
    fn chart_counts() {
        assert_eq!(chart_count(100, 10, CHART_MAX), 10);
        assert_eq!(chart_count(100, 0, CHART_MAX), CHART_MAX);
        assert_eq!(chart_count(3, 10, CHART_MAX), 3);
    }
}
