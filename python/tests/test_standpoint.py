"""pytest suite of the Python package: scoring, partial tables, training, errors.

Comparisons with the binary use STANDPOINT_BIN, or target/{release,debug}/standpoint of the
checkout; they skip with a message when no binary is built. Tests on the Wikinews corpus skip
when ../shared is absent.
"""

import hashlib
import io
import json
import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import standpoint

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "harbour-strike-talks.txt"
CORPUS = ROOT.parent / "shared" / "articles" / "wikinews-2019-2020.jsonl"

# our own short articles
TALKS = (
    "Ferry talks resume\n"
    '"We are ready to sit down with the operators tomorrow," union leader Tomas Lindqvist said.\n'
    "Lindqvist added that a deal was within reach.\n"
    '"There is nothing to negotiate until the fares come down," transport minister Anja Berg '
    "told reporters.\n"
)
FIRE = (
    "Warehouse fire\n"
    '"The fire spread very fast," fire chief Omar Haddad said on Monday.\n'
    'Haddad said two workers were treated for smoke. "Nobody was badly hurt," he added.\n'
)
SURNAME = (
    "Ferry dispute\n"
    '"The operators must come back to the table," Lindqvist said on Friday.\n'
)


def binary():
    env = os.environ.get("STANDPOINT_BIN")
    candidates = [Path(env)] if env else []
    candidates += [ROOT / "target" / "release" / "standpoint", ROOT / "target" / "debug" / "standpoint"]
    for c in candidates:
        if c.is_file():
            return str(c)
    pytest.skip("SKIPPED: no standpoint binary built (cargo build) and STANDPOINT_BIN unset")


def run_bin(*args):
    # the binary fits tables to COLUMNS when it is set (pytest may set it); the package's
    # tables are never fitted, so compare with the unfitted output
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    out = subprocess.run([binary(), *args], capture_output=True, cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr.decode()
    return out.stdout.decode()


@pytest.fixture(scope="module")
def model():
    return standpoint.Model.load()


def test_shipped_model_is_inside_the_package(model):
    assert model.name == "negotiation.json"
    want = hashlib.sha256((ROOT / "models" / "negotiation.json").read_bytes()).hexdigest()
    assert model.sha256 == want
    assert repr(model).startswith("Model('negotiation.json'")


def test_score_gives_speaker_and_quote_frames(model):
    speakers, quotes = model.score([TALKS, FIRE])
    assert list(speakers.columns[:4]) == ["speaker", "kind", "articles", "quotes"]
    names = set(speakers["speaker"])
    assert {"Tomas Lindqvist", "Omar Haddad"} <= names
    assert speakers["quotes"].sum() == len(quotes)
    assert speakers["quotes"].is_monotonic_decreasing
    berg = speakers[speakers["speaker"] == "Anja Berg"].iloc[0]
    assert berg["stance"] == "against" and berg["net_stance"] < 0
    haddad = quotes[quotes["speaker"] == "Omar Haddad"]
    assert (haddad["stance"] == "neutral").all()
    probs = quotes[["p_favor", "p_against", "p_neutral"]].sum(axis=1)
    assert ((probs - 1).abs() < 1e-9).all()
    assert set(quotes["article"]) == {"row 1", "row 2"}
    assert quotes["start"].dtype == "int64" and quotes["p_relevant"].between(0, 1).all()


def test_dataframe_with_ids_and_dates(model):
    df = pd.DataFrame(
        {"id": ["a1", None], "date": ["2020-01-02", None], "title": ["Ferry talks", None],
         "text": [TALKS.split("\n", 1)[1], FIRE.split("\n", 1)[1]]}
    )
    speakers, quotes = model.score(df)
    assert set(quotes["article"]) == {"a1", "row 2"}
    assert len(speakers) >= 3


def test_table_equals_the_binary_on_the_example(model):
    text = EXAMPLE.read_text()
    for fmt in ["csv", "table", "markdown"]:
        assert model.report(text, format=fmt) == run_bin("score", str(EXAMPLE), "--format", fmt), fmt
    # JSON names each quote's article: the binary by file name, the package by row
    got = json.loads(model.report(text, format="json"))
    want = json.loads(run_bin("score", str(EXAMPLE), "--format", "json"))
    assert {q["article"] for q in got["quotes"]} == {"row 1"}
    for q in got["quotes"]:
        q["article"] = "harbour-strike-talks"
    assert got == want
    speakers, _ = model.score(text)
    csv = pd.read_csv(io.StringIO(run_bin("score", str(EXAMPLE), "--format", "csv")))
    assert list(speakers["speaker"]) == list(csv["speaker"])
    assert (abs(speakers["net_stance"] - csv["net_stance"]) < 1e-6).all()
    assert list(speakers["favor_quotes"]) == list(csv["favor_quotes"])


def test_partials_merge_to_one_run_and_surnames_join_across_shards(model):
    texts = [TALKS, FIRE, SURNAME]
    one, one_quotes = model.score(texts)
    parts = [model.partial([t], quotes=True) for t in texts]
    merged, merged_quotes = standpoint.merge(parts)
    # shard ids restart at "row 1"; everything else is the single run's
    pd.testing.assert_frame_equal(merged, one)
    cols = [c for c in one_quotes.columns if c != "article"]
    pd.testing.assert_frame_equal(merged_quotes[cols], one_quotes[cols])
    # "Lindqvist" alone in the third shard joined "Tomas Lindqvist" of the first
    row = merged[merged["speaker"] == "Tomas Lindqvist"].iloc[0]
    assert row["articles"] == 2 and "Lindqvist" not in set(merged["speaker"])
    assert standpoint.merge_report(parts, format="csv") == model.report(texts, format="csv")
    # without quotes: tables merge, quotes do not
    lean = [model.partial([t]) for t in texts]
    s, q = standpoint.merge(lean)
    assert q is None
    pd.testing.assert_frame_equal(s, one)
    with pytest.raises(ValueError, match="without its quotes"):
        standpoint.merge_report(lean, format="json")
    p = json.loads(lean[0])
    assert p["format"] == "standpoint-partial" and p["version"] == 1
    assert p["model_sha256"] == model.sha256 and p["quotes"] is None


def test_partials_from_python_and_the_binary_merge(model, tmp_path):
    cli = tmp_path / "cli.json"
    run_bin("score", str(EXAMPLE), "--partial", str(cli))
    py = model.partial(TALKS, quotes=True)
    got = standpoint.merge_report([cli.read_text(), py], format="csv")
    ex = tmp_path / "talks.txt"
    ex.write_text(TALKS)
    assert got == run_bin("score", str(EXAMPLE), str(ex), "--format", "csv")


def labelled():
    rows = []
    for i in range(8):
        rows += [
            (f"We are ready to talk with them, round {i}.", "favor", "positive", "negotiation"),
            (f"We welcome the new talks, session {i}.", "favor", "positive", "negotiation"),
            (f"We will never negotiate with them, day {i}.", "against", "negative", "negotiation"),
            (f"Talks are a trap and a waste, week {i}.", "against", "negative", "negotiation"),
            (f"The storm closed the road on day {i}.", "neutral", "neutral", "other"),
            (f"The match ended in a draw in game {i}.", "neutral", "neutral", "other"),
        ]
    return pd.DataFrame(rows, columns=["text", "stance", "sentiment", "about"])


def test_train_save_load_and_refuse_to_merge_across_models(model, tmp_path):
    m = standpoint.train(labelled(), folds=0)
    speakers, quotes = m.score('"We will never negotiate with them," the minister said.')
    assert quotes["stance"].iloc[0] == "against"
    path = tmp_path / "toy.json"
    m.save(str(path))
    back = standpoint.Model.load(str(path))
    assert back.sha256 == m.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert back.name == "toy.json"
    with pytest.raises(ValueError, match="partials of different models do not merge"):
        standpoint.merge([model.partial(TALKS), back.partial(TALKS)])


def test_errors_name_the_row_and_field(model, tmp_path):
    with pytest.raises(ValueError, match="no `text` column"):
        model.score(pd.DataFrame({"body": ["x"]}))
    with pytest.raises(ValueError, match="row 1: field `text`: empty"):
        model.score(["fine text here.", "   "])
    bad = labelled()
    bad.loc[3, "stance"] = "maybe"
    with pytest.raises(ValueError, match="row 3: field `stance`: unknown label `maybe`"):
        standpoint.train(bad)
    with pytest.raises(OSError, match="nope.json"):
        standpoint.Model.load(str(tmp_path / "nope.json"))
    (tmp_path / "x.json").write_text("{}")
    with pytest.raises(ValueError, match="not a standpoint model"):
        standpoint.Model.load(str(tmp_path / "x.json"))
    with pytest.raises(ValueError, match="field `format`"):
        standpoint.merge(['{"format": "other"}'])
    with pytest.raises(ValueError, match="format `xml`"):
        model.report(TALKS, format="xml")


def corpus_frame():
    if not CORPUS.is_file():
        pytest.skip("SKIPPED: ../shared/articles is absent (Wikinews corpus)")
    return pd.read_json(CORPUS, lines=True, dtype=False)


def test_corpus_dataframe_equals_the_binary(model):
    df = corpus_frame()
    assert len(df) == 295
    want = run_bin("score", str(CORPUS), "--format", "csv")
    assert model.report(df, format="csv") == want
    # 7 uneven shards through partials
    cuts = [0, 3, 40, 41, 120, 200, 290, 295]
    parts = [model.partial(df.iloc[a:b]) for a, b in zip(cuts, cuts[1:])]
    assert standpoint.merge_report(parts, format="csv") == want
