//! The `standpoint` command line: a thin layer over the library.

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};
use rayon::prelude::*;
use standpoint::aggregate::Accumulator;
use standpoint::corpus::Corpus;
use standpoint::features::VectorizerParams;
use standpoint::labelled::{self, Columns};
use standpoint::labels::Task;
use standpoint::logistic::ClassWeight;
use standpoint::model::{Model, Solver, StanceRows, TrainParams, training_unit};
use standpoint::report::{self, ArticleTable, Format, ScoreReport};
use standpoint::score::{ScoredArticle, ScoredQuote, Scorer};
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

mod partial_out;

/// Who said what about negotiation: per-speaker stance and sentiment tables from news articles.
#[derive(Parser)]
#[command(name = "standpoint", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Train stance and sentiment classifiers on a labelled CSV and save the model.
    Train(TrainArgs),
    /// Extract quotes from articles, score them and print per-speaker tables.
    Score(ScoreArgs),
    /// Measure accuracy: cross-validation, a fixed train/test split, or a saved model on test data.
    Eval(Box<EvalArgs>),
    /// Show what a model learned: top n-grams per label, or why it scored a sentence or article.
    Explain(ExplainArgs),
    /// Measure quote extraction and speaker attribution against a gold folder (tests/gold).
    EvalQuotes(EvalQuotesArgs),
    /// Label quotes of your corpus for a stance target: the loop picks the quotes worth
    /// labelling, appends each answer to a CSV that `train` reads, and refits as you go.
    Label(LabelArgs),
    /// Merge partial tables (`score --partial`) of shards of a corpus into the table one run
    /// would print.
    Merge(MergeArgs),
}

#[derive(Args)]
struct LabelArgs {
    /// The corpus to label: files, folders, JSON Lines (as `score` reads them).
    #[arg(long, required = true, num_args = 1..)]
    corpus: Vec<PathBuf>,
    /// The labels CSV: created, or continued (quotes already in it are not asked again).
    #[arg(long)]
    out: PathBuf,
    /// Model whose guesses are shown and ranked until the first refit [default: the shipped
    /// model for the target `negotiation`; none (cold start) for any other target].
    #[arg(long)]
    model: Option<PathBuf>,
    /// The stance target (written to the `target` column).
    #[arg(long, default_value = "negotiation")]
    target: String,
    /// File of article ids to leave out, one per line, `#` comments (e.g. HELD_OUT.txt).
    #[arg(long)]
    exclude_ids: Option<PathBuf>,
    /// Cold start: ask quotes with these words (case-insensitive prefixes) first.
    #[arg(long, value_delimiter = ',')]
    keywords: Vec<String>,
    /// Refit the model every this many answers (0 = never).
    #[arg(long, default_value_t = 25)]
    retrain_every: usize,
    /// Add a labelled CSV at each refit: `negotiation` (the shipped training_data/negotiation.csv)
    /// or a path. For other targets only its sentiment labels are used.
    #[arg(long)]
    base: Option<String>,
    /// Write the next N quotes to a CSV (see --batch-out) to label in a spreadsheet.
    #[arg(long, conflicts_with = "import")]
    batch: Option<usize>,
    /// The batch CSV to write [default: the --out file with extension .batch.csv].
    #[arg(long, requires = "batch")]
    batch_out: Option<PathBuf>,
    /// Append the answers of a filled-in batch CSV to --out; a stand-off file (no `text`
    /// column) takes its texts from --corpus.
    #[arg(long, conflicts_with = "export")]
    import: Option<PathBuf>,
    /// Write --out as a stand-off file (article, span, labels, digest; no text) to this path.
    #[arg(long, conflicts_with = "batch")]
    export: Option<PathBuf>,
}

#[derive(Args)]
struct MergeArgs {
    /// Partial files written by `standpoint score --partial`, in corpus order.
    #[arg(required = true)]
    parts: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Share of a speaker's stance-taking quotes one side needs for the speaker's label
    /// (below it: mixed), in (0.5, 1].
    #[arg(long, default_value_t = standpoint::aggregate::DEFAULT_MAJORITY, value_parser = parse_majority)]
    majority: f64,
}

#[derive(Args)]
struct EvalQuotesArgs {
    /// Folder of gold articles: <id>.txt + <id>.json (format in tests/gold/README.md); with
    /// --realnews, the folder of real-news label files [default: tests/gold, or tests/realnews].
    gold: Option<PathBuf>,
    /// Evaluate on the real-news set (labels in tests/realnews/, texts from --corpus): stance
    /// per half (dev, locked) and group (negotiation, control) beside answering neutral.
    #[arg(long)]
    realnews: bool,
    /// The JSON Lines corpus the real-news labels refer to
    /// [default: ../shared/articles/wikinews-2019-2020.jsonl beside the checkout].
    #[arg(long, requires = "realnews")]
    corpus: Option<PathBuf>,
    /// Output format: table, markdown, json or csv (the numbers as slice,metric,value rows).
    #[arg(long, value_enum, default_value_t = Format::Table, hide_possible_values = true)]
    format: Format,
    /// Also list every miss, spurious quote and wrong speaker (with --realnews: every wrong
    /// stance of the dev half; see --errors-half).
    #[arg(long)]
    errors: bool,
    /// With --realnews --errors: whose errors to list (tune on dev only).
    #[arg(long, value_enum, default_value_t = standpoint::report::realnews_out::ErrorHalf::Dev, requires = "errors")]
    errors_half: standpoint::report::realnews_out::ErrorHalf,
    /// Model whose stance and sentiment of the matched quotes are compared with the gold
    /// labels [default: the shipped model].
    #[arg(long)]
    model: Option<PathBuf>,
    /// Evaluate extraction and attribution only (no model).
    #[arg(long, conflicts_with = "model")]
    no_labels: bool,
}

/// Hyper-parameters shared by `train` and `eval` (scikit-learn's names).
#[derive(Args, Clone)]
struct ParamArgs {
    /// Smallest n of word n-grams.
    #[arg(long, default_value_t = 1)]
    ngram_min: usize,
    /// Largest n of word n-grams.
    #[arg(long, default_value_t = 2)]
    ngram_max: usize,
    /// Keep terms found in at least this many training rows.
    #[arg(long, default_value_t = 1)]
    min_df: usize,
    /// Drop terms found in more than this fraction of training rows.
    #[arg(long, default_value_t = 1.0)]
    max_df: f64,
    /// Keep at most this many terms (most frequent first); 0 = no limit.
    #[arg(long, default_value_t = 20_000)]
    max_features: usize,
    /// Use raw term counts instead of 1 + ln(count).
    #[arg(long)]
    no_sublinear_tf: bool,
    /// Binary term presence instead of counts.
    #[arg(long)]
    binary: bool,
    /// Do not mark negation scopes.
    #[arg(long)]
    no_negation: bool,
    /// Keep names as terms: neither the speaker's mention nor other capitalised names are
    /// replaced with a placeholder.
    #[arg(long, conflicts_with = "mask_all_names")]
    no_name_mask: bool,
    /// Replace every capitalised name that does not start a sentence with a placeholder, not
    /// only the speaker's mention.
    #[arg(long)]
    mask_all_names: bool,
    /// Add character n-grams of each word, e.g. `3-5` (scikit-learn's char_wb analyzer).
    #[arg(long, value_parser = parse_range)]
    char_ngrams: Option<(usize, usize)>,
    /// Do not scale features by their Naive Bayes log-count ratios (NBSVM-style, Wang & Manning
    /// 2012; on by default).
    #[arg(long)]
    no_nb_weight: bool,
    /// L2 penalty (linfa-logistic's alpha = 1/C of scikit-learn).
    #[arg(long, default_value_t = 0.01)]
    alpha: f64,
    /// L-BFGS iteration cap.
    #[arg(long, default_value_t = 300)]
    max_iter: u64,
    /// Convergence tolerance (sparse: L2 norm of the averaged loss's gradient).
    #[arg(long, default_value_t = 1e-4)]
    tol: f64,
    /// Solver: sparse L-BFGS (default) or linfa-logistic on a dense matrix (reference).
    #[arg(long, value_enum, default_value_t = Solver::Sparse)]
    solver: Solver,
    /// Class weights: none, or balanced (n / (classes · n_class), as scikit-learn).
    #[arg(long, value_enum, default_value_t = ClassWeight::Balanced)]
    class_weight: ClassWeight,
    /// Do not train the relevance stage, even when the data has an `about` column.
    #[arg(long)]
    no_relevance: bool,
    /// Rows the stance classifier learns from when the relevance stage is trained: only those
    /// about negotiation, or all.
    #[arg(long, value_enum, default_value_t = StanceRows::Negotiation)]
    stance_rows: StanceRows,
    /// Weight in [0, 1] of the article's title and lead in each quote's relevance.
    #[arg(long, default_value_t = standpoint::model::DEFAULT_CONTEXT)]
    relevance_context: f64,
    /// Keep temperature 1 instead of fitting it on the cross-validation's out-of-fold
    /// predictions.
    #[arg(long)]
    no_calibration: bool,
}

impl ParamArgs {
    fn params(&self) -> TrainParams {
        TrainParams {
            vectorizer: VectorizerParams {
                ngram_range: (self.ngram_min, self.ngram_max),
                min_df: self.min_df,
                max_df: self.max_df,
                max_features: (self.max_features > 0).then_some(self.max_features),
                sublinear_tf: !self.no_sublinear_tf,
                binary: self.binary,
                lowercase: true,
                negation: !self.no_negation,
                mask_names: !self.no_name_mask,
                mask_other_names: self.mask_all_names,
                char_ngram_range: self.char_ngrams,
                nb_weight: !self.no_nb_weight,
            },
            alpha: self.alpha,
            max_iterations: self.max_iter,
            tolerance: self.tol,
            solver: self.solver,
            class_weight: self.class_weight,
            relevance: !self.no_relevance,
            stance_rows: self.stance_rows,
            relevance_context: self.relevance_context,
            folds: 5,
            seed: 42,
            calibrate: !self.no_calibration,
        }
    }
}

#[derive(Args)]
struct TrainArgs {
    /// Labelled CSV with columns text,stance and optionally sentiment and about.
    #[arg(long, default_value = "training_data/negotiation.csv")]
    data: PathBuf,
    /// Where to write the model (atomically) [default: <data stem>.model.json next to the
    /// data; never the shipped model].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long)]
    force: bool,
    /// What the stance is toward, as the table headers say ("Stance toward <target>").
    #[arg(long, default_value = standpoint::model::DEFAULT_TARGET)]
    target: String,
    /// Folds of the cross-validation printed and stored in the model, whose out-of-fold
    /// predictions also fit each classifier's temperature; 0 skips both.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Seed of the fold shuffle.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    #[command(flatten)]
    params: ParamArgs,
}

#[derive(Args)]
struct ScoreArgs {
    /// Articles: .txt and .html files, folders of them, .jsonl files ({"id","title","date",
    /// "source","text"} per line), .json arrays of such objects, .csv corpora, or - for standard
    /// input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Model file [default: models/negotiation.json, the shipped model].
    #[arg(long)]
    model: Option<PathBuf>,
    /// Output format: table (aligned; fits the terminal, compact below 140 columns unless
    /// --wide), csv (one table: speakers, also per article with --by-article, or quotes with
    /// --quotes), json (one object: model, target, articles, quotes_total, speakers, quotes,
    /// by_article, by_period), markdown (GitHub tables, whole quotes) or html (one
    /// self-contained report page; use with --out).
    #[arg(long, value_enum, default_value_t = Format::Table, hide_possible_values = true)]
    format: Format,
    /// Also print every quote with its speaker, cue and predictions.
    #[arg(long)]
    quotes: bool,
    /// One speaker table per article (before the overall table).
    #[arg(long)]
    by_article: bool,
    /// Skip unreadable, empty or binary articles with a warning instead of stopping.
    #[arg(long)]
    skip_bad: bool,
    /// Merge or split speakers by hand: a CSV with header alias,canonical or alias,canonical,kind.
    #[arg(long)]
    alias: Option<PathBuf>,
    /// Only these speaker kinds (comma-separated: person, group, organization, state, unknown).
    #[arg(long, value_delimiter = ',')]
    kind: Vec<standpoint::SpeakerKind>,
    /// Leave out quotes found by these extraction rules (comma-separated names of the `rule`
    /// field, e.g. `interview` to keep interview answers out of the speaker table).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    skip_rule: Vec<standpoint::attribution::Rule>,
    /// Share of a speaker's stance-taking quotes one side needs for the speaker's label
    /// (below it: mixed), in (0.5, 1].
    #[arg(long, default_value_t = standpoint::aggregate::DEFAULT_MAJORITY, value_parser = parse_majority)]
    majority: f64,
    /// The date (YYYY-MM-DD) of articles that have none: plain-text files, and JSON Lines
    /// records without a `date`.
    #[arg(long, value_parser = standpoint::period::parse_date_arg)]
    date: Option<chrono::NaiveDate>,
    /// A table of speakers per calendar period instead of the run-wide table (articles without
    /// a date: `undated`); JSON adds `by_period`, HTML charts it.
    #[arg(long, value_enum)]
    by: Option<standpoint::period::Period>,
    /// Only articles dated on or after this day (YYYY-MM-DD); undated ones are left out.
    #[arg(long, value_parser = standpoint::period::parse_date_arg)]
    since: Option<chrono::NaiveDate>,
    /// Only articles dated on or before this day (YYYY-MM-DD); undated ones are left out.
    #[arg(long, value_parser = standpoint::period::parse_date_arg)]
    until: Option<chrono::NaiveDate>,
    /// How many of the most quoted speakers the --by table and the HTML charts show (0: all).
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Write the output to this file (atomically) instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Show every table column on a terminal narrower than 140 columns (cells still wrap to
    /// fit; the width is the terminal's, or COLUMNS when output is not a terminal).
    #[arg(long)]
    wide: bool,
    /// No progress bar and no summary line on standard error.
    #[arg(long, short)]
    quiet: bool,
    /// Write the sums behind the speaker table (and the quotes) to this JSON file instead of
    /// printing a table; `standpoint merge` combines such files.
    #[arg(long, conflicts_with = "by_article")]
    partial: Option<PathBuf>,
    /// Attribute an article longer than this many bytes in blocks of whole paragraphs of at most
    /// this size, one at a time (memory stays bounded per block; offsets still index the whole
    /// article); 64 to 1073741824.
    #[arg(long, value_name = "N", default_value_t = standpoint::attribution::windows::DEFAULT_MAX_ARTICLE_BYTES, value_parser = parse_max_article_bytes)]
    max_article_bytes: usize,
    #[command(flatten)]
    read: ReadArgs,
}

/// How input files are decoded and which CSV columns hold the articles.
#[derive(Args)]
struct ReadArgs {
    /// Encoding of input without a byte-order mark (UTF-8 and UTF-16 byte-order marks are
    /// always honoured).
    #[arg(long, value_enum, default_value_t = standpoint::input::InputEncoding::Utf8)]
    encoding: standpoint::input::InputEncoding,
    /// Column of a .csv corpus holding the article text [default: text].
    #[arg(long)]
    text_col: Option<String>,
    /// Column of a .csv corpus holding the article id [default: id, when present].
    #[arg(long)]
    id_col: Option<String>,
    /// Column of a .csv corpus holding the date [default: date, when present].
    #[arg(long)]
    date_col: Option<String>,
}

impl ReadArgs {
    fn options(&self) -> standpoint::corpus::ReadOptions {
        standpoint::corpus::ReadOptions {
            encoding: self.encoding,
            text_col: self.text_col.clone(),
            id_col: self.id_col.clone(),
            date_col: self.date_col.clone(),
        }
    }
}

/// A window size for `--max-article-bytes`: a whole number of bytes from
/// [`standpoint::attribution::windows::MIN_MAX_ARTICLE_BYTES`] to
/// [`standpoint::attribution::windows::MAX_MAX_ARTICLE_BYTES`].
fn parse_max_article_bytes(s: &str) -> std::result::Result<usize, String> {
    use standpoint::attribution::windows::{
        MAX_MAX_ARTICLE_BYTES as HI, MIN_MAX_ARTICLE_BYTES as LO,
    };
    let n: usize = s.trim().parse().map_err(|_| {
        format!("`{s}` is not a whole number of bytes from {LO} to {HI} (e.g. 5000000 for 5 MB)")
    })?;
    if (LO..=HI).contains(&n) {
        Ok(n)
    } else {
        Err(format!(
            "{n} bytes is outside {LO} to {HI}: a window must hold a sentence and stay below 1 GiB"
        ))
    }
}

/// A majority share in (0.5, 1].
fn parse_majority(s: &str) -> std::result::Result<f64, String> {
    let m: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if m > 0.5 && m <= 1.0 {
        Ok(m)
    } else {
        Err(format!("{m} is outside (0.5, 1]"))
    }
}

#[derive(Args)]
struct EvalArgs {
    /// Labelled CSV for k-fold cross-validation (or, with --split-col, for a fixed split).
    #[arg(long, conflicts_with = "train")]
    data: Option<PathBuf>,
    /// Training CSV of a fixed split.
    #[arg(long, requires = "test")]
    train: Option<PathBuf>,
    /// Test CSV of a fixed split (with --train or --model).
    #[arg(long)]
    test: Option<PathBuf>,
    /// Evaluate this saved model on --test (or on the --test-split rows of --data).
    #[arg(long, conflicts_with = "train")]
    model: Option<PathBuf>,
    /// Column that names each row's split (e.g. `split` in the public datasets).
    #[arg(long)]
    split_col: Option<String>,
    /// Value of --split-col for training rows.
    #[arg(long, default_value = "train")]
    train_split: String,
    /// Value of --split-col for test rows.
    #[arg(long, default_value = "test")]
    test_split: String,
    /// Column holding the text.
    #[arg(long, default_value = "text")]
    text_col: String,
    /// Column holding stance labels; `-` skips stance.
    #[arg(long, default_value = "stance")]
    stance_col: String,
    /// Column holding sentiment labels; `-` skips sentiment.
    #[arg(long, default_value = "sentiment")]
    sentiment_col: String,
    /// Folds for cross-validation.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Seed of the fold shuffle.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Group k-fold cross-validation (for the cross-validated scores and --grid): rows with the
    /// same value of this column (e.g. the debate topic `target`) are never split between a
    /// training and a validation fold; the folds keep the label proportions as whole groups allow.
    #[arg(long)]
    group_col: Option<String>,
    /// Search the default grid (alpha × word n-grams × character n-grams × NB weighting × name
    /// masking × class weight) by cross-validation on the training data, print it, and evaluate
    /// the point best by --scoring.
    #[arg(long)]
    grid: bool,
    /// With --grid: the axes of the grid to search (the others keep the training options);
    /// comma-separated [default: all].
    #[arg(long, value_enum, value_delimiter = ',', requires = "grid")]
    grid_axes: Vec<standpoint::eval::GridAxis>,
    /// With --grid: the L2 penalties (alpha = 1/C) to try instead of the default 0.01, 0.03, 0.1,
    /// 0.3, 1, 3; comma-separated positive numbers (e.g. `0.5,0.7,1,1.4,2` for a finer search).
    #[arg(long, value_delimiter = ',', requires = "grid", value_parser = positive_alpha)]
    grid_alpha: Vec<f64>,
    /// What --grid maximises: macro-F1, SemEval-2016's F_avg (mean F1 of favor and against;
    /// sentiment: of positive and negative), or accuracy.
    #[arg(long, value_enum, default_value_t = standpoint::eval::Scoring::MacroF1, requires = "grid")]
    scoring: standpoint::eval::Scoring,
    /// Output format: table (fits the terminal), markdown, csv (one row per task, scope,
    /// label and metric: task,protocol,scope,label,metric,value; with --errors the misclassified
    /// rows instead) or json (evaluations, grids, and with --errors the misclassified rows).
    #[arg(long, value_enum, default_value_t = Format::Table, hide_possible_values = true)]
    format: Format,
    /// Also list the misclassified rows (line, truth, prediction, its probability, text).
    #[arg(long)]
    errors: bool,
    #[command(flatten)]
    params: ParamArgs,
}

#[derive(Args)]
struct ExplainArgs {
    /// Articles to explain quote by quote (as for `score`); none: show the top n-grams per label.
    inputs: Vec<PathBuf>,
    /// Explain one sentence instead.
    #[arg(long, conflicts_with = "inputs")]
    text: Option<String>,
    /// Model file [default: the shipped model].
    #[arg(long)]
    model: Option<PathBuf>,
    /// How many n-grams to show.
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Attribute an article longer than this many bytes in blocks of whole paragraphs of at most
    /// this size, one at a time (memory stays bounded per block; offsets still index the whole
    /// article); 64 to 1073741824.
    #[arg(long, value_name = "N", default_value_t = standpoint::attribution::windows::DEFAULT_MAX_ARTICLE_BYTES, value_parser = parse_max_article_bytes)]
    max_article_bytes: usize,
}

/// Parses `3-5` (or `4`) into an inclusive range.
fn parse_range(s: &str) -> std::result::Result<(usize, usize), String> {
    let (a, b) = s.split_once('-').unwrap_or((s, s));
    let a: usize = a
        .trim()
        .parse()
        .map_err(|_| format!("`{s}`: expected MIN-MAX, e.g. 3-5"))?;
    let b: usize = b
        .trim()
        .parse()
        .map_err(|_| format!("`{s}`: expected MIN-MAX, e.g. 3-5"))?;
    Ok((a, b))
}

fn default_model_path() -> PathBuf {
    crate_path("models/negotiation.json")
}

fn label(args: &LabelArgs) -> Result<()> {
    let model = match &args.model {
        Some(p) => Some(p.clone()),
        None if args.target.eq_ignore_ascii_case("negotiation") => Some(default_model_path()),
        None => None,
    };
    let base = args.base.as_ref().map(|b| match b.as_str() {
        "negotiation" => crate_path("training_data/negotiation.csv"),
        p => PathBuf::from(p),
    });
    standpoint::label::run(&standpoint::label::Options {
        corpus: args.corpus.clone(),
        out: args.out.clone(),
        model,
        target: args.target.clone(),
        exclude_ids: args.exclude_ids.clone(),
        keywords: args.keywords.clone(),
        retrain_every: args.retrain_every,
        base,
        batch: args.batch,
        batch_out: args.batch_out.clone(),
        import: args.import.clone(),
        export: args.export.clone(),
    })?;
    Ok(())
}

fn train(args: &TrainArgs) -> Result<()> {
    let mut params = args.params.params();
    params.folds = args.folds;
    params.seed = args.seed;
    params.check()?;
    let out = standpoint::training::resolve_out(
        &args.data,
        args.out.as_deref(),
        args.force,
        &default_model_path(),
    )?;
    let data = labelled::read(
        &args.data,
        &standpoint::training::columns(&args.data)?,
        None,
    )?;
    println!("{}: {} rows", args.data.display(), data.rows.len());
    for task in [Task::Stance, Task::Sentiment, Task::Relevance] {
        let c = data.counts(task);
        let n: usize = c.iter().sum();
        if task != Task::Stance && n == 0 {
            continue;
        }
        let parts: Vec<String> = task
            .labels()
            .iter()
            .zip(c)
            .map(|(l, n)| format!("{l} {n}"))
            .collect();
        println!(
            "  {task:<9} {} (unlabelled {})",
            parts.join(", "),
            data.rows.len() - n
        );
    }
    let t0 = Instant::now();
    let mut model = Model::train(&data, &params)?;
    model.target = args.target.clone();
    let secs = t0.elapsed().as_secs_f64();
    for task in [Task::Stance, Task::Sentiment, Task::Relevance] {
        let Some(c) = model.classifier(task) else {
            continue;
        };
        let fit = if model.params.solver == Solver::Sparse {
            format!(
                ", {} L-BFGS iterations{}",
                c.iterations,
                if c.converged {
                    ""
                } else {
                    " (iteration cap reached)"
                }
            )
        } else {
            String::new()
        };
        println!(
            "  {task:<9} vocabulary {} terms, labels {}{fit}",
            c.vectorizer.n_features(),
            c.labels.join("/")
        );
        if let Some(cv) = model.cross_validation.iter().find(|cv| cv.task == task) {
            println!(
                "  {task:<9} {}-fold cross-validated macro-F1 {:.3}, accuracy {:.3}; temperature {:.2} (ECE {:.3} → {:.3})",
                cv.folds, cv.macro_f1, cv.accuracy, c.temperature, cv.ece_before, cv.ece_after
            );
        }
    }
    println!(
        "fit{} in {secs:.2} s",
        if params.folds >= 2 {
            " and cross-validation"
        } else {
            ""
        }
    );
    for w in standpoint::training::warnings(&model, &data) {
        eprintln!("standpoint: warning: {w}");
    }
    model.save(&out)?;
    println!(
        "wrote {} (training data sha256 {})",
        out.display(),
        &model.training_data.sha256[..12]
    );
    Ok(())
}

fn score(args: &ScoreArgs) -> Result<()> {
    let model_path = args.model.clone().unwrap_or_else(default_model_path);
    let model = Model::load(&model_path).with_context(|| {
        if args.model.is_none() {
            "loading the shipped model models/negotiation.json (restore it from the repository, or pass --model)".to_string()
        } else {
            "loading the model".to_string()
        }
    })?;
    let html = args.format == Format::Html;
    // with --quotes (and in HTML), each quote also gets the three n-grams that drove its stance
    let scorer = Scorer::new(&model)
        .with_reasons(if args.quotes || html { 3 } else { 0 })
        .with_max_article_bytes(args.max_article_bytes);
    let aliases = match &args.alias {
        Some(p) => standpoint::aggregate::AliasMap::read(p)?,
        None => standpoint::aggregate::AliasMap::default(),
    };
    let keep_kind = |k: standpoint::SpeakerKind| args.kind.is_empty() || args.kind.contains(&k);
    if args.by_article && args.quotes && args.format == Format::Csv {
        // a usage error: clap's message and exit code 2, as for other option conflicts
        use clap::CommandFactory;
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "--by-article with --quotes --format csv: the CSV holds one table, and its quote rows already name their article; drop --by-article (or --quotes for per-article speaker rows)",
            )
            .exit();
    }
    let progress = standpoint::progress::Progress::new(
        standpoint::progress::input_bytes(&args.inputs),
        args.quiet,
    );
    let mut summary = standpoint::progress::Summary::default();
    let corpus = Corpus::open_with(&args.inputs, &args.read.options())?;
    let keep_quotes = args.quotes || args.format == Format::Json || html || args.partial.is_some();
    let dates = standpoint::period::DateFilter {
        since: args.since,
        until: args.until,
    };
    // the HTML report charts stance by month unless --by says otherwise
    let by = args
        .by
        .or(html.then_some(standpoint::period::Period::Month));
    let mut timeline = by.map(|b| standpoint::period::Timeline::new(b, args.majority));
    let mut texts = Vec::new();
    let mut left_out = 0usize;
    // quotes go to a temporary file as JSON lines, so memory does not grow with the corpus
    let mut spill = if keep_quotes {
        Some(std::io::BufWriter::new(
            tempfile::tempfile().context("creating a temporary file")?,
        ))
    } else {
        None
    };
    let mut acc = Accumulator::new().with_majority(args.majority);
    let mut by_article = Vec::new();
    let mut seen_ids: HashSet<String> = HashSet::new();
    let (mut n_articles, mut n_quotes, mut skipped) = (0usize, 0usize, 0usize);
    let mut corpus = corpus.peekable();
    let mut batch = Vec::with_capacity(BATCH);
    loop {
        batch.clear();
        while batch.len() < BATCH {
            match corpus.next() {
                Some(Ok(mut a)) => {
                    if a.date.is_none() {
                        a.date = args.date.map(|d| d.to_string());
                    }
                    if dates.keeps(a.date.as_deref()) {
                        batch.push(a);
                    } else {
                        left_out += 1;
                    }
                }
                Some(Err(e)) if args.skip_bad => {
                    progress.suspend(|| eprintln!("standpoint: warning: skipped {e}"));
                    summary.skip(&e);
                    skipped += 1;
                }
                Some(Err(e)) => return Err(e.into()),
                None => break,
            }
        }
        if batch.is_empty() {
            break;
        }
        // parallel inside a batch, results in input order
        let scored: Vec<ScoredArticle> = batch
            .par_iter()
            .map(|a| {
                let s = scorer.score(a);
                progress.article(a.text.len() as u64);
                s
            })
            .collect();
        for (a, mut s) in batch.iter().zip(scored) {
            aliases.apply(&mut s);
            s.quotes.retain(|q| {
                keep_kind(q.quote.speaker_kind) && !args.skip_rule.contains(&q.quote.rule)
            });
            if !seen_ids.insert(s.id.clone()) {
                progress.suspend(|| {
                    eprintln!(
                        "standpoint: warning: article id `{}` appears more than once; each copy is counted",
                        s.id
                    )
                });
            }
            n_articles += 1;
            n_quotes += s.quotes.len();
            acc.add(&s);
            if let Some(t) = timeline.as_mut() {
                t.add(&s);
            }
            if html {
                texts.push(standpoint::report::html::ArticleText {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    date: s.date.clone(),
                    text: a.text.clone(),
                    quotes: s.quotes.len(),
                });
            }
            if args.by_article {
                let mut one = Accumulator::new().with_majority(args.majority);
                one.add(&s);
                by_article.push(ArticleTable {
                    article: s.id.clone(),
                    title: s.title.clone(),
                    speakers: one.finish(),
                });
            }
            if let Some(w) = spill.as_mut() {
                for q in &s.quotes {
                    serde_json::to_writer(&mut *w, q)?;
                    w.write_all(b"\n")?;
                }
            }
        }
    }
    progress.finish();
    if left_out > 0 && !args.quiet {
        eprintln!(
            "standpoint: note: {left_out} article(s) outside --since/--until (or without a date) left out"
        );
    }
    if n_articles == 0 {
        if left_out > 0 {
            bail!("no article could be read ({skipped} skipped, {left_out} outside the dates)");
        }
        bail!("no article could be read ({skipped} skipped)");
    }
    if let Some(path) = &args.partial {
        let file = spill.map(|w| w.into_inner().map_err(|e| e.into_error()));
        return partial_out::write(
            path,
            &model_path,
            &model.target,
            n_articles,
            n_quotes,
            &acc,
            file,
        );
    }
    let (speakers, renames) = acc.finish_with_renames();
    let periods = timeline.map(|t| report::PeriodReport {
        by: t.by(),
        periods: t.finish(&renames),
    });
    // an HTML report of undated articles only has no time chart
    let periods = periods.filter(|p| {
        args.by.is_some()
            || p.periods
                .iter()
                .any(|t| t.period != standpoint::period::UNDATED)
    });
    summary.articles = n_articles;
    summary.quotes = n_quotes;
    summary.speakers = speakers.len();
    if !args.quiet {
        eprintln!("standpoint: {summary}");
    }
    let report = ScoreReport {
        articles: n_articles,
        speakers,
        n_quotes,
        by_article: args.by_article.then_some(by_article),
        model: model_path.file_name().map_or_else(
            || model_path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        target: model.target.clone(),
        inputs: args
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        periods,
        texts,
    };
    let mut quotes: Box<dyn Iterator<Item = standpoint::Result<ScoredQuote>>> = match spill {
        Some(w) => {
            let mut file = w.into_inner().map_err(|e| e.into_error())?;
            file.seek(SeekFrom::Start(0))?;
            Box::new(BufReader::new(file).lines().map(move |line| {
                let line = line.map_err(|e| standpoint::Error::io("temporary quote file", e))?;
                let mut q: ScoredQuote = serde_json::from_str(&line)
                    .map_err(|e| standpoint::Error::Output(format!("temporary quote file: {e}")))?;
                if let Some(name) = renames.get(&(q.quote.speaker.clone(), q.quote.speaker_kind)) {
                    q.quote.speaker = name.clone();
                }
                Ok(q)
            }))
        }
        None => Box::new(std::iter::empty()),
    };
    let opts = report::Options {
        quotes: args.quotes,
        top: args.top,
        fit: report::fit::Fit::detect(args.wide),
    };
    if let Some(path) = &args.out {
        // a file gets the unwrapped tables of piped output
        let opts = report::Options {
            fit: report::fit::Fit {
                width: None,
                wide: args.wide,
            },
            ..opts
        };
        return write_atomically(path, |w| {
            report::write(&report, args.format, opts, &mut quotes, w)
        });
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    report::write(&report, args.format, opts, &mut quotes, &mut out)?;
    out.flush().ok();
    Ok(())
}

/// Writes `path` through a temporary file in its folder, renamed into place only when `write`
/// succeeded, so a failed run leaves no half-written file.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> standpoint::Result<()>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    // a report is an ordinary file, readable by others as the user's umask allows
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let tmp = builder
        .tempfile_in(dir)
        .with_context(|| {
            format!(
                "writing {}: cannot create a temporary file in {} (does the folder exist and is it writable?)",
                path.display(),
                dir.display()
            )
        })?;
    let mut w = std::io::BufWriter::new(tmp);
    write(&mut w)?;
    let tmp = w
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("writing {}", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

fn eval(args: &EvalArgs) -> Result<()> {
    let params = args.params.params();
    params.check()?;
    let col = |c: &str| (c != "-").then(|| c.to_string());
    let columns = Columns {
        text: args.text_col.clone(),
        stance: col(&args.stance_col),
        sentiment: col(&args.sentiment_col),
        about: Some("about".into()),
        group: args.group_col.clone(),
    };
    let read = |p: &Path, split: Option<&str>| {
        let sel = split.and_then(|v| args.split_col.as_deref().map(|c| (c, v)));
        labelled::read(p, &columns, sel)
    };
    let name = |p: &Path| {
        p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    // the data to train on (for cross-validation, the grid, or the fixed split) and to test on
    let (train, test) = match (&args.data, &args.train, &args.test) {
        (Some(d), None, None) if args.split_col.is_some() && args.model.is_some() => {
            (None, Some(read(d, Some(&args.test_split))?))
        }
        (Some(d), None, None) if args.split_col.is_some() => (
            Some(read(d, Some(&args.train_split))?),
            Some(read(d, Some(&args.test_split))?),
        ),
        (Some(d), None, None) if args.model.is_some() => (None, Some(read(d, None)?)),
        (Some(d), None, None) => (Some(read(d, None)?), None),
        (None, Some(tr), Some(te)) => (Some(read(tr, None)?), Some(read(te, None)?)),
        (None, None, Some(te)) if args.model.is_some() => (None, Some(read(te, None)?)),
        _ => bail!(
            "give --data FILE (cross-validation; add --split-col for a fixed split), --train A --test B, or --model M --test B"
        ),
    };
    let model = match &args.model {
        Some(p) => Some(Model::load(p).context("loading the model")?),
        None => None,
    };
    let mut evals = Vec::new();
    let mut grids = Vec::new();
    for task in Task::ALL {
        if columns.label(task).is_none() {
            continue;
        }
        let has = |d: &Option<labelled::Dataset>| {
            d.as_ref()
                .is_some_and(|d| d.counts(task).iter().sum::<usize>() > 0)
        };
        if !has(&test) && !has(&train) {
            continue;
        }
        if let Some(m) = &model {
            let (Some(c), Some(te)) = (m.classifier(task), &test) else {
                continue;
            };
            let protocol = format!(
                "model {} on {} ({} rows)",
                name(args.model.as_deref().expect("model path")),
                name(&te.path),
                te.counts(task).iter().sum::<usize>()
            );
            evals.push(standpoint::eval::evaluate_classifier(c, te, protocol)?);
            continue;
        }
        let tr = train.as_ref().expect("training data");
        if tr.counts(task).iter().filter(|&&c| c > 0).count() < 2 {
            eprintln!(
                "standpoint: note: {task} skipped: the training data has fewer than two {task} labels"
            );
            continue;
        }
        let mut task_params = params.clone();
        if args.grid {
            let grid = if args.grid_axes.is_empty() {
                standpoint::eval::Grid::default()
            } else {
                standpoint::eval::Grid::with_axes(&args.grid_axes)
            };
            let grid = standpoint::eval::Grid {
                alpha: if args.grid_alpha.is_empty() {
                    grid.alpha
                } else {
                    args.grid_alpha.clone()
                },
                ..grid
            };
            let result = standpoint::eval::search(
                task,
                &params,
                &grid,
                tr,
                args.folds,
                args.seed,
                args.group_col.as_deref(),
                args.scoring,
            )?;
            task_params = result.best_params().clone();
            grids.push(result);
        }
        match &test {
            None => evals.push(standpoint::eval::evaluate_cv(
                task,
                &task_params,
                tr,
                args.folds,
                args.seed,
                args.group_col.as_deref(),
            )?),
            Some(te) => {
                if te.counts(task).iter().sum::<usize>() == 0 {
                    continue;
                }
                let protocol = match (&args.data, &args.split_col) {
                    (Some(d), Some(c)) => format!(
                        "train on {} rows where {c} = {}, test where {c} = {}",
                        name(d),
                        args.train_split,
                        args.test_split
                    ),
                    _ => format!("train on {}, test on {}", name(&tr.path), name(&te.path)),
                };
                evals.push(standpoint::eval::evaluate_split(
                    task,
                    &task_params,
                    tr,
                    te,
                    protocol,
                )?);
            }
        }
    }
    if evals.is_empty() {
        bail!("nothing to evaluate: no task has labels in both the training and the test data");
    }
    if !args.errors {
        for e in &mut evals {
            e.errors.clear();
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    report::eval_out::write(&evals, &grids, args.format, &mut out)?;
    out.flush().ok();
    Ok(())
}

/// A path under the crate root when it is not found from the working folder.
fn crate_path(rel: &str) -> PathBuf {
    let local = PathBuf::from(rel);
    if local.exists() {
        local
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
    }
}

fn eval_realnews(args: &EvalQuotesArgs) -> Result<()> {
    let dir = args
        .gold
        .clone()
        .unwrap_or_else(|| crate_path(standpoint::realnews::DEFAULT_DIR));
    let corpus = args
        .corpus
        .clone()
        .unwrap_or_else(|| crate_path(standpoint::realnews::DEFAULT_CORPUS));
    let gold = standpoint::realnews::read(&dir, &corpus)
        .context("reading the real-news labels (their texts come from --corpus)")?;
    let path = args.model.clone().unwrap_or_else(default_model_path);
    let model = Model::load(&path).context("loading the model")?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let e = standpoint::realnews::evaluate(&gold, &model, &name);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    report::realnews_out::write(
        &e,
        args.format,
        args.errors.then_some(args.errors_half),
        &mut out,
    )?;
    out.flush().ok();
    Ok(())
}

fn eval_quotes(args: &EvalQuotesArgs) -> Result<()> {
    if args.realnews {
        if args.no_labels {
            bail!("--realnews measures stance: it needs a model (drop --no-labels)");
        }
        return eval_realnews(args);
    }
    let dir = args
        .gold
        .clone()
        .unwrap_or_else(|| PathBuf::from("tests/gold"));
    let gold = standpoint::quote_eval::read_gold(&dir)?;
    let e = if args.no_labels {
        standpoint::quote_eval::evaluate(&gold)
    } else {
        let path = args.model.clone().unwrap_or_else(default_model_path);
        let model = Model::load(&path).context("loading the model")?;
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        standpoint::quote_eval::evaluate_model(&gold, &model, &name)
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    report::quotes_out::write(&e, args.format, args.errors, &mut out)?;
    out.flush().ok();
    Ok(())
}

fn explain(args: &ExplainArgs) -> Result<()> {
    let model_path = args.model.clone().unwrap_or_else(default_model_path);
    let model = Model::load(&model_path).context("loading the model")?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Some(text) = &args.text {
        let unit = training_unit(text);
        let mut relevance = None;
        for task in [Task::Relevance, Task::Stance, Task::Sentiment] {
            if let Some(c) = model.classifier(task) {
                let e = standpoint::explain::explain_unit(c, &unit, args.top);
                writeln!(out, "{}", standpoint::explain::render_unit(&e))?;
                match task {
                    Task::Relevance => relevance = Some(e.prediction.probabilities[0]),
                    Task::Stance => {
                        if let Some(r) = relevance {
                            let p = Model::gate(e.prediction.probabilities, r);
                            let label = standpoint::Prediction::new(Task::Stance, p).label;
                            writeln!(
                                out,
                                "  reported stance, weighted by relevance {r:.2}: {label} (favor {:.2}, against {:.2}, neutral {:.2})",
                                p[0], p[1], p[2]
                            )?;
                        }
                    }
                    Task::Sentiment => {}
                }
            }
        }
    } else if args.inputs.is_empty() {
        for task in [Task::Stance, Task::Sentiment, Task::Relevance] {
            if let Some(c) = model.classifier(task) {
                writeln!(
                    out,
                    "{}",
                    standpoint::explain::render_top_terms(c, args.top)
                )?;
            }
        }
    } else {
        let scorer = Scorer::new(&model)
            .with_reasons(args.top)
            .with_max_article_bytes(args.max_article_bytes);
        for a in Corpus::open(&args.inputs)? {
            let scored = scorer.score(&a?);
            writeln!(out, "{}", standpoint::explain::render_article(&scored))?;
        }
    }
    out.flush().ok();
    Ok(())
}

/// Articles scored in parallel per batch (bounds memory; output keeps input order).
const BATCH: usize = 256;

/// One line: the error and its causes, each cause only when it adds something.
fn one_line(e: &anyhow::Error) -> String {
    let mut msg = String::new();
    for cause in e.chain() {
        let c = cause.to_string();
        if msg.contains(&c) {
            continue;
        }
        if !msg.is_empty() {
            msg.push_str(": ");
        }
        msg.push_str(&c);
    }
    msg
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Train(a) => train(a),
        Command::Score(a) => score(a),
        Command::Eval(a) => eval(a),
        Command::Explain(a) => explain(a),
        Command::EvalQuotes(a) => eval_quotes(a),
        Command::Label(a) => label(a),
        Command::Merge(a) => partial_out::merge(&a.parts, a.format, a.majority),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("standpoint: error: {}", one_line(&e));
            ExitCode::from(1)
        }
    }
}

/// mimalloc: the scoring pipeline allocates many small strings; a faster allocator pays.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Parses one `--grid-alpha` value: a finite number above 0.
fn positive_alpha(s: &str) -> std::result::Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(a) if a.is_finite() && a > 0.0 => Ok(a),
        _ => Err(format!("`{s}` is not a positive number")),
    }
}
