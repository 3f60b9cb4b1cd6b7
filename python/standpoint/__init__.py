"""standpoint: who said what about negotiation, per speaker, from news articles.

The Rust library compiled as an extension (PyO3); the shipped model is inside it.

    >>> import standpoint
    >>> model = standpoint.Model.load()            # the shipped model
    >>> speakers, quotes = model.score(["..."])    # pandas DataFrames

Scoring releases the GIL and runs on all cores; results arrive as columns.
Partial tables (``Model.partial``) from shards of a corpus merge (``merge``) into
exactly the table one run over the whole corpus gives.
"""

from __future__ import annotations

from typing import Iterable, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _native

__all__ = ["Model", "train", "merge", "merge_report", "DEFAULT_MAJORITY"]

#: Share of a speaker's stance-taking quotes one side needs for the speaker's label.
DEFAULT_MAJORITY = 2.0 / 3.0

Data = Union[str, Sequence[str], "pd.Series", "pd.DataFrame"]

# numeric columns come from Rust as little-endian byte buffers
_INT_COLUMNS = {
    "articles", "quotes", "favor_quotes", "against_quotes", "neutral_quotes",
    "positive_quotes", "negative_quotes", "neutral_sentiment_quotes", "start", "end",
}


def _frame(cols: dict) -> pd.DataFrame:
    out = {}
    for name, col in cols.items():
        if isinstance(col, bytes):
            dtype = "<i8" if name in _INT_COLUMNS else "<f8"
            out[name] = np.frombuffer(col, dtype=dtype)
        else:
            out[name] = col
    return pd.DataFrame(out)


def _optional(df: pd.DataFrame, name: str) -> Optional[list]:
    if name not in df.columns:
        return None
    col = df[name]
    return [None if pd.isna(v) else str(v) for v in col.tolist()]


def _columns(data: Data) -> dict:
    """texts, ids, titles, dates from a string, a sequence of strings or a DataFrame."""
    if isinstance(data, str):
        return {"texts": [data]}
    if isinstance(data, pd.DataFrame):
        if "text" not in data.columns:
            raise ValueError(
                "DataFrame has no `text` column (columns: %s)" % ", ".join(map(str, data.columns))
            )
        texts = data["text"].tolist()
        bad = [i for i, t in enumerate(texts) if not isinstance(t, str)]
        if bad:
            raise ValueError("row %d: field `text`: not a string" % bad[0])
        # a DataFrame row is read like a JSON Lines record: the title only from its column
        return {
            "texts": texts,
            "ids": _optional(data, "id"),
            "titles": _optional(data, "title") or [None] * len(texts),
            "dates": _optional(data, "date"),
        }
    texts = list(data)
    bad = [i for i, t in enumerate(texts) if not isinstance(t, str)]
    if bad:
        raise ValueError("item %d: not a string" % bad[0])
    return {"texts": texts}


class Model:
    """A stance and sentiment model (relevance stage included when trained with it)."""

    def __init__(self, native: "_native.NativeModel"):
        self._native = native

    @classmethod
    def load(cls, path: Optional[str] = None) -> "Model":
        """Loads a model file written by ``standpoint train``; ``None`` loads the shipped one.

        Raises OSError when the file cannot be read, ValueError when it is not a model.
        """
        return cls(_native.NativeModel.load(None if path is None else str(path)))

    @property
    def name(self) -> str:
        """The model's file name, as the table title prints it."""
        return self._native.name

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the model file (partials of different models do not merge)."""
        return self._native.sha256

    def save(self, path: str) -> None:
        """Writes the model file atomically."""
        self._native.save(str(path))

    def score(
        self, data: Data, majority: float = DEFAULT_MAJORITY
    ) -> Tuple[pd.DataFrame, pd.DataFrame]:
        """Extracts, attributes and scores the quotes of articles.

        ``data``: one text or a sequence of texts (each read like a ``.txt`` file: a short first
        line without final punctuation is the title), or a DataFrame with a ``text`` column and
        optional ``id``, ``title``, ``date`` columns (read like JSON Lines records). Ids default
        to ``row 1``, ``row 2``, …

        Returns ``(speakers, quotes)``. ``speakers`` has the columns of the binary's speaker
        CSV (``speaker``, ``kind``, ``articles``, ``quotes``, ``stance``, ``net_stance``,
        ``net_stance_low``, ``net_stance_high``, ``favor_quotes``, ``against_quotes``,
        ``neutral_quotes``, ``p_favor``, ``p_against``, ``p_neutral``, ``sentiment``,
        ``net_sentiment``, ``positive_quotes``, ``negative_quotes``,
        ``neutral_sentiment_quotes``, ``aliases``), most quoted first; NaN where the CSV is
        empty. ``quotes`` has one row per quote (``article``, ``speaker``, ``speaker_kind``,
        ``mention``, ``cue``, ``kind``, ``rule``, ``start``, ``end`` (byte offsets), ``stance``,
        ``p_favor``, ``p_against``, ``p_neutral``, ``p_relevant``, ``sentiment``, ``p_positive``,
        ``p_negative``, ``p_neutral_sentiment``, ``time``, ``text``).
        """
        s, q = self._native.score(majority=majority, **_columns(data))
        return _frame(s), _frame(q)

    def report(self, data: Data, format: str = "table", majority: float = DEFAULT_MAJORITY) -> str:
        """The text ``standpoint score --format FORMAT`` prints for these articles
        (table, csv, json or markdown)."""
        return self._native.report(format=format, majority=majority, **_columns(data))

    def partial(self, data: Data, quotes: bool = False) -> str:
        """The partial table of these articles (JSON text, the format of
        ``standpoint score --partial``), for :func:`merge`. ``quotes=True`` keeps every quote
        (needed only for JSON output of the merge)."""
        return self._native.partial(quotes=quotes, **_columns(data))

    def __repr__(self) -> str:
        return "Model(%r, sha256=%s…)" % (self.name, self.sha256[:12])


def _texts(partials: Iterable[Union[str, bytes]]) -> list:
    return [p.decode("utf-8") if isinstance(p, bytes) else p for p in partials]


def merge(
    partials: Iterable[Union[str, bytes]], majority: float = DEFAULT_MAJORITY
) -> Tuple[pd.DataFrame, Optional[pd.DataFrame]]:
    """Merges partial tables (in corpus order) into ``(speakers, quotes)``, the frames
    :meth:`Model.score` gives for the whole corpus (``quotes`` is None unless every partial
    kept its quotes). Raises ValueError for partials of different models."""
    s, q, _articles, _quotes = _native.merge_columns(_texts(partials), majority=majority)
    return _frame(s), (None if q is None else _frame(q))


def merge_report(
    partials: Iterable[Union[str, bytes]], format: str = "table", majority: float = DEFAULT_MAJORITY
) -> str:
    """The text ``standpoint merge --format FORMAT`` prints for these partials."""
    return _native.merge_report(_texts(partials), format=format, majority=majority)


def _labels(df: pd.DataFrame, name: Optional[str]) -> Optional[list]:
    if name is None or name not in df.columns:
        return None
    return [None if pd.isna(v) else str(v) for v in df[name].tolist()]


def train(
    df: pd.DataFrame,
    text: str = "text",
    stance: Optional[str] = "stance",
    sentiment: Optional[str] = "sentiment",
    about: Optional[str] = "about",
    alpha: float = 0.01,
    ngram_range: Tuple[int, int] = (1, 2),
    min_df: int = 1,
    max_features: int = 20000,
    folds: int = 5,
    seed: int = 42,
) -> Model:
    """Trains a model on a labelled DataFrame, as ``standpoint train`` does on a CSV.

    Label columns hold strings: ``stance`` favor / against / neutral (or none), ``sentiment``
    positive / negative / neutral, ``about`` negotiation / other (trains the relevance stage);
    empty or NaN = unlabelled. A missing column is skipped. ``folds`` ≥ 2 cross-validates and
    fits each classifier's temperature; 0 skips both. Raises ValueError naming the row and
    field of a bad label.
    """
    if text not in df.columns:
        raise ValueError("DataFrame has no `%s` column" % text)
    native = _native.train(
        [str(t) for t in df[text].tolist()],
        stance=_labels(df, stance),
        sentiment=_labels(df, sentiment),
        about=_labels(df, about),
        alpha=alpha,
        ngram_range=tuple(ngram_range),
        min_df=min_df,
        max_features=max_features,
        folds=folds,
        seed=seed,
    )
    return Model(native)
