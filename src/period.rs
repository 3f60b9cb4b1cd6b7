//! Stance over time: article dates, calendar periods, and per-period speaker tables.
//!
//! An article's date is its JSON Lines `date` (or the `--date` given for plain files). A date is
//! read as `YYYY-MM-DD`, optionally followed by a time (`2020-03-05T12:00:00Z` is 5 March 2020);
//! anything else counts as no date. Dated articles fall into one calendar [`Period`]: a day
//! (`2020-03-05`), an ISO 8601 week (`2020-W10`, weeks start on Monday and belong to the year of
//! their Thursday, so 30 December 2019 is in `2020-W01`), a month (`2020-03`) or a year
//! (`2020`). Articles without a usable date go into the [`UNDATED`] period, which sorts last:
//! they are counted, never dropped.
//!
//! A [`Timeline`] keeps one [`Accumulator`] per period, so each period's rows carry the same
//! numbers as the run-wide table (quote counts, net stance with its 95% interval), computed by the
//! same code.
//!
//! ```
//! use standpoint::period::{Period, period_of};
//! assert_eq!(period_of(Some("2019-12-30"), Period::Week), "2020-W01");
//! assert_eq!(period_of(Some("2020-03-05T09:00:00Z"), Period::Month), "2020-03");
//! assert_eq!(period_of(Some("last spring"), Period::Year), "undated");
//! assert_eq!(period_of(None, Period::Day), "undated");
//! ```

use crate::aggregate::{Accumulator, Renames, SpeakerStance};
use crate::score::ScoredArticle;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// The period of articles without a usable date.
pub const UNDATED: &str = "undated";

/// The name of the row that sums every speaker of a period.
pub const ALL_SPEAKERS: &str = "all speakers";

/// A calendar period to group articles by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Period {
    /// One calendar day: `2020-03-05`.
    Day,
    /// One ISO 8601 week (Monday to Sunday): `2020-W10`.
    Week,
    /// One calendar month: `2020-03`.
    Month,
    /// One calendar year: `2020`.
    Year,
}

impl Period {
    /// `day`, `week`, `month` or `year`.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        }
    }

    /// The period's name for a date.
    pub fn name(self, d: NaiveDate) -> String {
        match self {
            Period::Day => d.format("%Y-%m-%d").to_string(),
            Period::Week => {
                let w = d.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Period::Month => format!("{}-{:02}", d.year(), d.month()),
            Period::Year => d.year().to_string(),
        }
    }
}

/// Reads a date as `YYYY-MM-DD`, optionally followed by `T` or a space and a time; `None` for
/// anything else (free text, a bare year, an impossible day such as 2019-02-30).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head = s.get(..10)?;
    match s.as_bytes().get(10) {
        None | Some(b'T') | Some(b' ') => {}
        Some(_) => return None,
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// Parses a `--date`, `--since` or `--until` argument: exactly `YYYY-MM-DD`.
///
/// # Errors
/// A message naming the value when it is not a valid date.
pub fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|e| format!("`{s}` is not a date YYYY-MM-DD ({e})"))
}

/// The period an article dated `date` falls in, or [`UNDATED`].
pub fn period_of(date: Option<&str>, by: Period) -> String {
    match date.and_then(parse_date) {
        Some(d) => by.name(d),
        None => UNDATED.to_string(),
    }
}

/// Keeps the articles dated within `[since, until]` (both inclusive, either open).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateFilter {
    /// First day kept.
    pub since: Option<NaiveDate>,
    /// Last day kept.
    pub until: Option<NaiveDate>,
}

impl DateFilter {
    /// True when neither bound is set (every article is kept, dated or not).
    pub fn is_open(&self) -> bool {
        self.since.is_none() && self.until.is_none()
    }

    /// Whether an article dated `date` is kept. With a bound set, an article without a usable
    /// date cannot be placed and is not kept (the caller counts it).
    pub fn keeps(&self, date: Option<&str>) -> bool {
        if self.is_open() {
            return true;
        }
        match date.and_then(parse_date) {
            None => false,
            Some(d) => self.since.is_none_or(|s| d >= s) && self.until.is_none_or(|u| d <= u),
        }
    }
}

/// One period's rows.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodTable {
    /// The period's name (`2020-03`, …) or [`UNDATED`].
    pub period: String,
    /// Articles in the period, with or without quotes.
    pub articles: usize,
    /// Every quote of the period as one row named [`ALL_SPEAKERS`] (absent when the period has
    /// no quote).
    pub all: Option<SpeakerStance>,
    /// The period's speakers, most quoted first (names as in the run-wide table).
    pub speakers: Vec<SpeakerStance>,
}

/// Per-period accumulators (see the module docs).
#[derive(Debug, Clone)]
pub struct Timeline {
    by: Period,
    majority: f64,
    periods: BTreeMap<String, (usize, Accumulator, Accumulator)>,
}

impl Timeline {
    /// An empty timeline grouping by `by`, labelling speakers with the `majority` share (see
    /// [`crate::aggregate::speaker_label`]).
    pub fn new(by: Period, majority: f64) -> Self {
        Timeline {
            by,
            majority,
            periods: BTreeMap::new(),
        }
    }

    /// The grouping.
    pub fn by(&self) -> Period {
        self.by
    }

    /// Adds a scored article (once per article) to the period of its date.
    pub fn add(&mut self, article: &ScoredArticle) {
        let key = period_of(article.date.as_deref(), self.by);
        let majority = self.majority;
        let (n, acc, all) = self.periods.entry(key).or_insert_with(|| {
            (
                0,
                Accumulator::new().with_majority(majority),
                Accumulator::new().with_majority(majority),
            )
        });
        *n += 1;
        acc.add(article);
        let mut pooled = article.clone();
        pooled.speakers.clear();
        for q in &mut pooled.quotes {
            q.quote.speaker = ALL_SPEAKERS.to_string();
            q.quote.speaker_kind = crate::attribution::SpeakerKind::Unknown;
            q.quote.mention.clear();
        }
        all.add(&pooled);
    }

    /// The periods in calendar order ([`UNDATED`] last), speakers renamed by the run's
    /// `renames` (from [`Accumulator::finish_with_renames`]) so names match the run-wide table.
    pub fn finish(&self, renames: &Renames) -> Vec<PeriodTable> {
        let mut out: Vec<PeriodTable> = self
            .periods
            .iter()
            .map(|(period, (n, acc, all))| PeriodTable {
                period: period.clone(),
                articles: *n,
                all: all.finish().into_iter().next(),
                speakers: acc.finish_renamed(renames),
            })
            .collect();
        // "undated" sorts after the digits already; keep it last whatever the names
        out.sort_by_key(|p| p.period == UNDATED);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn iso_weeks_at_year_boundaries() {
        // 2019-12-30 is a Monday whose Thursday is 2020-01-02: week 1 of 2020
        assert_eq!(Period::Week.name(d("2019-12-30")), "2020-W01");
        assert_eq!(Period::Week.name(d("2019-12-29")), "2019-W52");
        // 2021-01-03 is a Sunday still in 2020's week 53
        assert_eq!(Period::Week.name(d("2021-01-03")), "2020-W53");
        assert_eq!(Period::Week.name(d("2021-01-04")), "2021-W01");
        assert_eq!(Period::Week.name(d("2020-03-09")), "2020-W11");
    }

    #[test]
    fn months_years_and_days() {
        assert_eq!(Period::Month.name(d("2020-01-31")), "2020-01");
        assert_eq!(Period::Month.name(d("2020-02-01")), "2020-02");
        assert_eq!(Period::Month.name(d("2020-12-31")), "2020-12");
        assert_eq!(Period::Year.name(d("2020-12-31")), "2020");
        assert_eq!(Period::Year.name(d("2021-01-01")), "2021");
        assert_eq!(Period::Day.name(d("2020-02-29")), "2020-02-29");
    }

    #[test]
    fn dates_that_are_not_dates_are_undated() {
        assert_eq!(parse_date(" 2020-03-05T10:00:00Z"), Some(d("2020-03-05")));
        assert_eq!(parse_date("2020-03-05 10:00"), Some(d("2020-03-05")));
        for bad in [
            "2019-02-30",
            "2020",
            "March 2020",
            "2020-03-051",
            "",
            "2020/03/05",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
            assert_eq!(period_of(Some(bad), Period::Month), UNDATED, "{bad}");
        }
        assert_eq!(period_of(None, Period::Year), UNDATED);
        assert!(
            parse_date_arg("2020-13-01")
                .unwrap_err()
                .contains("2020-13-01")
        );
        assert_eq!(parse_date_arg("2020-12-01"), Ok(d("2020-12-01")));
    }

    #[test]
    fn date_filter_bounds_are_inclusive_and_undated_is_left_out() {
        let f = DateFilter {
            since: Some(d("2020-01-01")),
            until: Some(d("2020-01-31")),
        };
        assert!(f.keeps(Some("2020-01-01")) && f.keeps(Some("2020-01-31")));
        assert!(!f.keeps(Some("2019-12-31")) && !f.keeps(Some("2020-02-01")));
        assert!(!f.keeps(None) && !f.keeps(Some("soon")));
        let open = DateFilter::default();
        assert!(open.keeps(None) && open.keeps(Some("2000-01-01")));
    }

    #[test]
    fn timeline_counts_articles_and_quotes_per_period() {
        use crate::attribution::Quote;
        use crate::labels::Task;
        use crate::score::{Prediction, ScoredQuote};
        let quote = |speaker: &str, p: [f64; 3]| ScoredQuote {
            article: "x".into(),
            date: None,
            quote: Quote::fixture(speaker, 0, 0),
            stance: Some(Prediction::new(Task::Stance, p)),
            relevance: None,
            sentiment: None,
            because: Vec::new(),
        };
        let article = |date: Option<&str>, quotes| ScoredArticle {
            id: "x".into(),
            title: None,
            date: date.map(String::from),
            speakers: vec![],
            quotes,
        };
        let mut t = Timeline::new(Period::Month, crate::aggregate::DEFAULT_MAJORITY);
        t.add(&article(
            Some("2020-01-02"),
            vec![quote("Ana Ruiz", [0.8, 0.1, 0.1])],
        ));
        t.add(&article(
            Some("2020-01-30"),
            vec![
                quote("Ana Ruiz", [0.6, 0.3, 0.1]),
                quote("Li Wen", [0.1, 0.8, 0.1]),
            ],
        ));
        t.add(&article(None, vec![quote("Li Wen", [0.2, 0.7, 0.1])]));
        t.add(&article(Some("2020-02-10"), vec![]));
        let p = t.finish(&Renames::new());
        let names: Vec<&str> = p.iter().map(|p| p.period.as_str()).collect();
        assert_eq!(names, ["2020-01", "2020-02", "undated"]);
        assert_eq!(p[0].articles, 2);
        let all = p[0].all.as_ref().unwrap();
        assert_eq!((all.speaker.as_str(), all.quotes), (ALL_SPEAKERS, 3));
        assert!((all.stance.as_ref().unwrap().net - (0.7 + 0.3 - 0.7) / 3.0).abs() < 1e-12);
        assert_eq!(p[0].speakers[0].speaker, "Ana Ruiz");
        assert_eq!(p[0].speakers[0].quotes, 2);
        assert!(p[0].speakers[0].stance.as_ref().unwrap().interval.is_some());
        assert_eq!((p[1].articles, p[1].all.is_none()), (1, true));
        assert_eq!((p[2].articles, p[2].speakers[0].quotes), (1, 1));
    }
}
