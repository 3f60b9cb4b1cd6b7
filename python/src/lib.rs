//! Python bindings of standpoint (module `standpoint._native`; the public API is the Python
//! package `standpoint`, which wraps these functions into pandas DataFrames).
//!
//! Scoring releases the GIL (`Python::allow_threads`) and runs on rayon's threads; results come
//! back as columns (numbers as little-endian byte buffers for `numpy.frombuffer`, strings as
//! lists), never as one Python object per quote.

use pyo3::exceptions::{PyIOError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use rayon::prelude::*;
use standpoint::aggregate::{Accumulator, SpeakerStance};
use standpoint::corpus::{Article, clean_text, split_title};
use standpoint::labelled::{Dataset, Row};
use standpoint::partial::{Merged, Partial, model_digest};
use standpoint::report::{self, Format, ScoreReport};
use standpoint::score::{ScoredQuote, Scorer};
use standpoint::{Error, Task};
use std::path::{Path, PathBuf};

/// The shipped model, compiled into the extension (so the wheel carries it).
static SHIPPED: &[u8] = include_bytes!("../../models/negotiation.json");
/// The shipped model's file name, as the binary prints it.
const SHIPPED_NAME: &str = "negotiation.json";
/// Articles scored in parallel per batch, as the binary does.
const BATCH: usize = 256;

fn py_err(e: Error) -> PyErr {
    match e {
        Error::Io { .. } => PyIOError::new_err(e.to_string()),
        _ => PyValueError::new_err(e.to_string()),
    }
}

/// A loaded model: `standpoint.Model` wraps it.
#[pyclass(frozen, module = "standpoint._native")]
struct NativeModel {
    model: standpoint::Model,
    name: String,
    sha256: String,
}

/// What scoring a batch of articles gives: the run's sums and, when kept, its quotes.
struct Run {
    acc: Accumulator,
    articles: usize,
    quotes: Vec<ScoredQuote>,
    n_quotes: usize,
}

/// Articles from columns, as the binary reads a JSON Lines record (HTML references decoded,
/// invisible characters removed); without a `titles` column, as it reads a `.txt` file (a short
/// first line without final punctuation is the title). An empty text is an error naming its row.
fn articles(
    texts: Vec<String>,
    ids: Option<Vec<Option<String>>>,
    titles: Option<Vec<Option<String>>>,
    dates: Option<Vec<Option<String>>>,
) -> PyResult<Vec<Article>> {
    let n = texts.len();
    for (name, col) in [("id", &ids), ("title", &titles), ("date", &dates)] {
        if let Some(c) = col
            && c.len() != n
        {
            return Err(PyValueError::new_err(format!(
                "column `{name}` has {} values for {n} texts",
                c.len()
            )));
        }
    }
    let at = |c: &Option<Vec<Option<String>>>, i: usize| c.as_ref().and_then(|c| c[i].clone());
    texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            if text.trim().is_empty() || text.contains('\0') {
                return Err(PyValueError::new_err(format!(
                    "row {i}: field `text`: empty or binary article"
                )));
            }
            let text = clean_text(text);
            let (title, text) = match &titles {
                Some(_) => (at(&titles, i).map(clean_text), text),
                None => {
                    let (t, body) = split_title(&text);
                    (t, body.to_string())
                }
            };
            Ok(Article {
                id: at(&ids, i).unwrap_or_else(|| format!("row {}", i + 1)),
                title,
                date: at(&dates, i),
                source: None,
                text,
            })
        })
        .collect()
}

impl NativeModel {
    /// Scores articles (in parallel batches, results in input order) without the GIL.
    fn run(&self, py: Python<'_>, articles: Vec<Article>, keep_quotes: bool) -> Run {
        py.allow_threads(|| {
            let scorer = Scorer::new(&self.model);
            let mut run = Run {
                acc: Accumulator::new(),
                articles: 0,
                quotes: Vec::new(),
                n_quotes: 0,
            };
            for batch in articles.chunks(BATCH) {
                let scored: Vec<_> = batch.par_iter().map(|a| scorer.score(a)).collect();
                for s in scored {
                    run.articles += 1;
                    run.n_quotes += s.quotes.len();
                    run.acc.add(&s);
                    if keep_quotes {
                        run.quotes.extend(s.quotes);
                    }
                }
            }
            run
        })
    }

    fn partial_of(&self, run: Run, keep_quotes: bool) -> Partial {
        Partial::new(
            &self.name,
            &self.sha256,
            run.articles,
            run.n_quotes,
            &run.acc,
            keep_quotes.then_some(run.quotes),
        )
    }
}

fn parse_format(format: &str) -> PyResult<Format> {
    match format {
        "table" => Ok(Format::Table),
        "csv" => Ok(Format::Csv),
        "json" => Ok(Format::Json),
        "markdown" => Ok(Format::Markdown),
        _ => Err(PyValueError::new_err(format!(
            "format `{format}`: expected table, csv, json or markdown"
        ))),
    }
}

fn check_majority(m: f64) -> PyResult<f64> {
    if m > 0.5 && m <= 1.0 {
        Ok(m)
    } else {
        Err(PyValueError::new_err(format!(
            "majority {m} is outside (0.5, 1]"
        )))
    }
}

/// The report as the binary prints it in `format`.
fn render(report: &ScoreReport, quotes: Vec<ScoredQuote>, format: Format) -> PyResult<String> {
    let mut out = Vec::new();
    let mut it = quotes.into_iter().map(Ok);
    report::write(
        report,
        format,
        report::Options::default(),
        &mut it,
        &mut out,
    )
    .map_err(py_err)?;
    String::from_utf8(out).map_err(|e| PyValueError::new_err(e.to_string()))
}

fn f64_column<'py>(py: Python<'py>, xs: impl Iterator<Item = f64>) -> Bound<'py, PyBytes> {
    let bytes: Vec<u8> = xs.flat_map(f64::to_le_bytes).collect();
    PyBytes::new(py, &bytes)
}

fn i64_column<'py>(py: Python<'py>, xs: impl Iterator<Item = i64>) -> Bound<'py, PyBytes> {
    let bytes: Vec<u8> = xs.flat_map(i64::to_le_bytes).collect();
    PyBytes::new(py, &bytes)
}

/// Speaker rows as columns: `{name: bytes (float64/int64) | list[str]}`, the binary's CSV
/// columns without `article` (NaN where the CSV cell is empty).
fn speaker_columns<'py>(py: Python<'py>, rows: &[SpeakerStance]) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let strs = |f: &dyn Fn(&SpeakerStance) -> String| rows.iter().map(f).collect::<Vec<_>>();
    let nan = f64::NAN;
    d.set_item("speaker", strs(&|s| s.speaker.clone()))?;
    d.set_item("kind", strs(&|s| s.kind.as_str().to_string()))?;
    d.set_item(
        "articles",
        i64_column(py, rows.iter().map(|s| s.articles as i64)),
    )?;
    d.set_item(
        "quotes",
        i64_column(py, rows.iter().map(|s| s.quotes as i64)),
    )?;
    for (task, prefix) in [(Task::Stance, "stance"), (Task::Sentiment, "sentiment")] {
        let get = |s: &SpeakerStance| match task {
            Task::Sentiment => s.sentiment.clone(),
            _ => s.stance.clone(),
        };
        let sums: Vec<_> = rows.iter().map(get).collect();
        let labels = task.labels();
        d.set_item(
            prefix,
            sums.iter()
                .map(|x| x.as_ref().map_or(String::new(), |x| x.label.clone()))
                .collect::<Vec<_>>(),
        )?;
        let net =
            |x: &Option<standpoint::aggregate::TaskSummary>| x.as_ref().map_or(nan, |x| x.net);
        d.set_item(
            format!("net_{prefix}"),
            f64_column(py, sums.iter().map(net)),
        )?;
        if task == Task::Stance {
            let ci = |x: &Option<standpoint::aggregate::TaskSummary>, k: usize| {
                x.as_ref()
                    .and_then(|x| x.interval)
                    .map_or(nan, |c| if k == 0 { c.0 } else { c.1 })
            };
            d.set_item(
                "net_stance_low",
                f64_column(py, sums.iter().map(|x| ci(x, 0))),
            )?;
            d.set_item(
                "net_stance_high",
                f64_column(py, sums.iter().map(|x| ci(x, 1))),
            )?;
        }
        for (k, label) in labels.iter().enumerate() {
            let name = if task == Task::Sentiment && *label == "neutral" {
                "neutral_sentiment_quotes".to_string()
            } else {
                format!("{label}_quotes")
            };
            let c = sums
                .iter()
                .map(|x| x.as_ref().map_or(0, |x| x.counts[k] as i64));
            d.set_item(name, i64_column(py, c))?;
        }
        if task == Task::Stance {
            for (k, label) in labels.iter().enumerate() {
                let p = sums
                    .iter()
                    .map(|x| x.as_ref().map_or(nan, |x| x.probabilities[k]));
                d.set_item(format!("p_{label}"), f64_column(py, p))?;
            }
        }
    }
    d.set_item("aliases", strs(&|s| s.aliases.join("; ")))?;
    Ok(d)
}

/// Quotes as columns (the binary's quote CSV columns; `because` is left out).
fn quote_columns<'py>(py: Python<'py>, qs: &[ScoredQuote]) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let strs = |f: &dyn Fn(&ScoredQuote) -> String| qs.iter().map(f).collect::<Vec<_>>();
    let nan = f64::NAN;
    d.set_item("article", strs(&|q| q.article.clone()))?;
    d.set_item("speaker", strs(&|q| q.quote.speaker.clone()))?;
    d.set_item(
        "speaker_kind",
        strs(&|q| q.quote.speaker_kind.as_str().into()),
    )?;
    d.set_item("mention", strs(&|q| q.quote.mention.clone()))?;
    d.set_item("cue", strs(&|q| q.quote.cue.clone()))?;
    d.set_item("kind", strs(&|q| q.quote.kind.as_str().into()))?;
    d.set_item("rule", strs(&|q| q.quote.rule.as_str().into()))?;
    d.set_item(
        "start",
        i64_column(py, qs.iter().map(|q| q.quote.start as i64)),
    )?;
    d.set_item("end", i64_column(py, qs.iter().map(|q| q.quote.end as i64)))?;
    d.set_item(
        "stance",
        strs(&|q| q.stance.as_ref().map_or(String::new(), |p| p.label.clone())),
    )?;
    for (k, l) in ["favor", "against", "neutral"].iter().enumerate() {
        let p = qs
            .iter()
            .map(|q| q.stance.as_ref().map_or(nan, |p| p.probabilities[k]));
        d.set_item(format!("p_{l}"), f64_column(py, p))?;
    }
    d.set_item(
        "p_relevant",
        f64_column(py, qs.iter().map(|q| q.relevance.unwrap_or(nan))),
    )?;
    d.set_item(
        "sentiment",
        strs(&|q| {
            q.sentiment
                .as_ref()
                .map_or(String::new(), |p| p.label.clone())
        }),
    )?;
    for (k, l) in ["positive", "negative", "neutral_sentiment"]
        .iter()
        .enumerate()
    {
        let p = qs
            .iter()
            .map(|q| q.sentiment.as_ref().map_or(nan, |p| p.probabilities[k]));
        d.set_item(format!("p_{l}"), f64_column(py, p))?;
    }
    d.set_item("time", strs(&|q| q.quote.time.clone().unwrap_or_default()))?;
    d.set_item("text", strs(&|q| q.quote.text.clone()))?;
    Ok(d)
}

type Cols = (
    Vec<String>,
    Option<Vec<Option<String>>>,
    Option<Vec<Option<String>>>,
    Option<Vec<Option<String>>>,
);

#[pymethods]
impl NativeModel {
    /// Loads a model file, or the shipped model when `path` is None.
    #[staticmethod]
    #[pyo3(signature = (path=None))]
    fn load(py: Python<'_>, path: Option<PathBuf>) -> PyResult<Self> {
        let (bytes, name, place) = match &path {
            None => (
                SHIPPED.to_vec(),
                SHIPPED_NAME.to_string(),
                PathBuf::from("<shipped model>"),
            ),
            Some(p) => (
                std::fs::read(p).map_err(|e| py_err(Error::io(p, e)))?,
                p.file_name().map_or_else(
                    || p.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                ),
                p.clone(),
            ),
        };
        let model = py
            .allow_threads(|| standpoint::Model::from_json(&bytes, &place))
            .map_err(py_err)?;
        Ok(NativeModel {
            sha256: model_digest(&bytes),
            model,
            name,
        })
    }

    /// The model's file name (as the table title prints it).
    #[getter]
    fn name(&self) -> &str {
        &self.name
    }

    /// Hex SHA-256 of the model file: partials of different models do not merge.
    #[getter]
    fn sha256(&self) -> &str {
        &self.sha256
    }

    /// Writes the model file atomically.
    fn save(&self, path: PathBuf) -> PyResult<()> {
        self.model.save(&path).map_err(py_err)
    }

    /// Scores articles: `(speaker columns, quote columns)` (see `speaker_columns`).
    #[pyo3(signature = (texts, ids=None, titles=None, dates=None, majority=standpoint::aggregate::DEFAULT_MAJORITY))]
    fn score<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<String>,
        ids: Option<Vec<Option<String>>>,
        titles: Option<Vec<Option<String>>>,
        dates: Option<Vec<Option<String>>>,
        majority: f64,
    ) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyDict>)> {
        let majority = check_majority(majority)?;
        let cols: Cols = (texts, ids, titles, dates);
        let run = self.run(py, articles(cols.0, cols.1, cols.2, cols.3)?, true);
        let (rows, renames) = run.acc.with_majority(majority).finish_with_renames();
        let mut quotes = run.quotes;
        for q in &mut quotes {
            if let Some(n) = renames.get(&(q.quote.speaker.clone(), q.quote.speaker_kind)) {
                q.quote.speaker = n.clone();
            }
        }
        Ok((speaker_columns(py, &rows)?, quote_columns(py, &quotes)?))
    }

    /// Scores articles and prints the report as `standpoint score --format FORMAT` would.
    #[pyo3(signature = (texts, ids=None, titles=None, dates=None, format="table", majority=standpoint::aggregate::DEFAULT_MAJORITY))]
    #[allow(clippy::too_many_arguments)]
    fn report(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        ids: Option<Vec<Option<String>>>,
        titles: Option<Vec<Option<String>>>,
        dates: Option<Vec<Option<String>>>,
        format: &str,
        majority: f64,
    ) -> PyResult<String> {
        let format = parse_format(format)?;
        let majority = check_majority(majority)?;
        let run = self.run(
            py,
            articles(texts, ids, titles, dates)?,
            format == Format::Json,
        );
        let p = self.partial_of(run, format == Format::Json);
        let mut m = Merged::new();
        m.add(p, Path::new("<this run>")).map_err(py_err)?;
        let (r, q) = m.report(majority);
        render(&r, q.unwrap_or_default(), format)
    }

    /// The partial table of these articles as JSON (with every quote when `quotes`).
    #[pyo3(signature = (texts, ids=None, titles=None, dates=None, quotes=false))]
    fn partial(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        ids: Option<Vec<Option<String>>>,
        titles: Option<Vec<Option<String>>>,
        dates: Option<Vec<Option<String>>>,
        quotes: bool,
    ) -> PyResult<String> {
        let run = self.run(py, articles(texts, ids, titles, dates)?, quotes);
        let p = self.partial_of(run, quotes);
        String::from_utf8(p.to_json()).map_err(|e| PyValueError::new_err(e.to_string()))
    }
}

fn merged(py: Python<'_>, partials: Vec<String>) -> PyResult<Merged> {
    py.allow_threads(|| {
        let mut m = Merged::new();
        for (i, p) in partials.iter().enumerate() {
            let place = PathBuf::from(format!("partial {i}"));
            m.add(Partial::from_json(p.as_bytes(), &place)?, &place)?;
        }
        Ok(m)
    })
    .map_err(py_err)
}

/// Merges partial tables (JSON strings, in corpus order): `(speaker columns, quote columns or
/// None when a partial has no quotes, articles, quotes)`.
#[pyfunction]
#[pyo3(signature = (partials, majority=standpoint::aggregate::DEFAULT_MAJORITY))]
#[allow(clippy::type_complexity)]
fn merge_columns<'py>(
    py: Python<'py>,
    partials: Vec<String>,
    majority: f64,
) -> PyResult<(Bound<'py, PyDict>, Option<Bound<'py, PyDict>>, usize, usize)> {
    let m = merged(py, partials)?;
    let (r, q) = m.report(check_majority(majority)?);
    let quotes = match q {
        Some(q) => Some(quote_columns(py, &q)?),
        None => None,
    };
    Ok((
        speaker_columns(py, &r.speakers)?,
        quotes,
        r.articles,
        r.n_quotes,
    ))
}

/// Merges partial tables and prints the report as `standpoint merge --format FORMAT` would.
#[pyfunction]
#[pyo3(signature = (partials, format="table", majority=standpoint::aggregate::DEFAULT_MAJORITY))]
fn merge_report(
    py: Python<'_>,
    partials: Vec<String>,
    format: &str,
    majority: f64,
) -> PyResult<String> {
    let format = parse_format(format)?;
    let m = merged(py, partials)?;
    let (r, q) = m.report(check_majority(majority)?);
    if format == Format::Json && q.is_none() {
        return Err(PyValueError::new_err(
            "JSON output lists every quote, and a partial was made without its quotes (quotes=True)",
        ));
    }
    render(&r, q.unwrap_or_default(), format)
}

/// Parses one label column (`None` or empty: unlabelled).
fn labels(
    task: Task,
    name: &str,
    col: Option<Vec<Option<String>>>,
    n: usize,
) -> PyResult<Vec<Option<usize>>> {
    let Some(col) = col else {
        return Ok(vec![None; n]);
    };
    col.into_iter()
        .enumerate()
        .map(|(i, v)| match v.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(v) => task.parse_label(v).map(Some).ok_or_else(|| {
                PyValueError::new_err(format!(
                    "row {i}: field `{name}`: unknown label `{v}` (expected one of {}, or empty)",
                    task.labels().join(", ")
                ))
            }),
        })
        .collect()
}

/// Trains a model on labelled texts (labels as strings; None or "" = unlabelled), with the
/// binary's `train` defaults.
#[pyfunction]
#[pyo3(signature = (texts, stance=None, sentiment=None, about=None, alpha=0.01, ngram_range=(1, 2), min_df=1, max_features=20000, folds=5, seed=42))]
#[allow(clippy::too_many_arguments)]
fn train(
    py: Python<'_>,
    texts: Vec<String>,
    stance: Option<Vec<Option<String>>>,
    sentiment: Option<Vec<Option<String>>>,
    about: Option<Vec<Option<String>>>,
    alpha: f64,
    ngram_range: (usize, usize),
    min_df: usize,
    max_features: usize,
    folds: usize,
    seed: u64,
) -> PyResult<NativeModel> {
    let n = texts.len();
    let st = labels(Task::Stance, "stance", stance, n)?;
    let se = labels(Task::Sentiment, "sentiment", sentiment, n)?;
    let ab = labels(Task::Relevance, "about", about, n)?;
    let data = Dataset {
        path: PathBuf::from("<DataFrame>"),
        rows: texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| Row {
                text,
                stance: st[i],
                sentiment: se[i],
                about: ab[i],
                group: None,
                line: i as u64 + 1,
            })
            .collect(),
    };
    let mut params = standpoint::TrainParams {
        alpha,
        folds,
        seed,
        ..Default::default()
    };
    params.vectorizer.ngram_range = ngram_range;
    params.vectorizer.min_df = min_df;
    params.vectorizer.max_features = (max_features > 0).then_some(max_features);
    params.check().map_err(py_err)?;
    let model = py
        .allow_threads(|| standpoint::Model::train(&data, &params))
        .map_err(py_err)?;
    let bytes = model.to_json();
    Ok(NativeModel {
        sha256: model_digest(&bytes),
        model,
        name: "<trained>".into(),
    })
}

/// The native module `standpoint._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeModel>()?;
    m.add_function(wrap_pyfunction!(merge_columns, m)?)?;
    m.add_function(wrap_pyfunction!(merge_report, m)?)?;
    m.add_function(wrap_pyfunction!(train, m)?)?;
    Ok(())
}

/// mimalloc, as in the binary: scoring allocates many small strings.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
