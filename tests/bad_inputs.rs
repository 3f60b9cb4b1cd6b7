//! The bad-input catalogue as tests: every class of bad input gives a one-line error that names
//! the file (and the line and field where there is one), the documented exit code (1 for a
//! runtime error, 2 for a usage error), no panic, and leaves every file as it was. Also the
//! inputs that used to be refused and are now read (UTF-16 and UTF-8 byte-order marks, Latin-1
//! with `--encoding`), a `train` killed mid-write, two concurrent `train` runs, and thread-count
//! independence of `score`.

mod common;

use common::{root, shared, stderr, stdout};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

const EXAMPLE: &str = "examples/harbour-strike-talks.txt";

/// Every file below `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn run_in(_dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_standpoint"))
        .args(args)
        .current_dir(root())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

/// A test folder with `files` written into it.
struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    fn new(files: &[(&str, &[u8])]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in files {
            let p = dir.path().join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        Case { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// Runs `args` (`{}` in an argument is replaced by the case folder) and checks a clean
    /// failure with exit code `code` whose one-line message contains every one of `want`,
    /// and that no file in the folder was written or changed.
    fn fails(&self, args: &[&str], stdin: Option<&[u8]>, code: i32, want: &[&str]) -> String {
        let before = snapshot(self.dir.path());
        let dir = self.dir.path().display().to_string();
        let args: Vec<String> = args.iter().map(|a| a.replace("{}", &dir)).collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run_in(self.dir.path(), &args, stdin);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
        if args[0] != "train" {
            assert!(stdout(&o).is_empty(), "{args:?}: output on failure");
        }
        for w in want {
            let w = w.replace("{}", &dir);
            assert!(err.contains(&w), "{args:?}: `{w}` not in: {err}");
        }
        if code == 1 {
            // one error line (warnings of --skip-bad may come before it)
            let lines: Vec<&str> = err.trim_end().lines().collect();
            assert!(
                lines.last().unwrap().starts_with("standpoint: error: "),
                "{err}"
            );
            assert!(
                lines[..lines.len() - 1]
                    .iter()
                    .all(|l| l.starts_with("standpoint: warning: ")),
                "{err}"
            );
        }
        assert_eq!(before, snapshot(self.dir.path()), "{args:?} changed files");
        err
    }

    fn score_fails(&self, input: &str, want: &[&str]) -> String {
        let input = self.path(input);
        self.fails(&["score", &input], None, 1, want)
    }

    fn ok(&self, args: &[&str]) -> String {
        let dir = self.dir.path().display().to_string();
        let args: Vec<String> = args.iter().map(|a| a.replace("{}", &dir)).collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run_in(self.dir.path(), &args, None);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"));
        stdout(&o)
    }
}

/// Some text that has one attributed quote.
const ARTICLE: &str = "Talks at the port\n\n\u{201c}We will not return to the table until the lockout ends,\u{201d} said Marta Lind, who leads the crane drivers.\n";

fn utf16(s: &str, little_endian: bool) -> Vec<u8> {
    let mut out = if little_endian {
        vec![0xff, 0xfe]
    } else {
        vec![0xfe, 0xff]
    };
    for u in s.encode_utf16() {
        out.extend(if little_endian {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

// ---------------------------------------------------------------- articles

#[test]
fn missing_article_file() {
    let c = Case::new(&[]);
    c.score_fails("nope.txt", &["{}/nope.txt: no such file or folder"]);
}

#[test]
fn empty_and_blank_articles() {
    let c = Case::new(&[("e.txt", b""), ("b.txt", b" \n\t\n")]);
    c.score_fails("e.txt", &["{}/e.txt: empty article"]);
    c.score_fails("b.txt", &["{}/b.txt: empty article"]);
}

#[test]
fn nul_bytes_are_binary() {
    let c = Case::new(&[("n.txt", b"The minister said\0 no.")]);
    c.score_fails("n.txt", &["{}/n.txt: binary file (contains NUL bytes)"]);
}

#[test]
fn pdf_is_named_whatever_its_extension() {
    let pdf: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Page >>\nBT (said) Tj ET\n";
    let c = Case::new(&[("r.pdf", pdf), ("r.txt", pdf)]);
    c.score_fails(
        "r.pdf",
        &["{}/r.pdf: a PDF file, not a text article", "--skip-bad"],
    );
    c.score_fails("r.txt", &["{}/r.txt: a PDF file"]);
}

#[test]
fn other_binaries_are_named() {
    let c = Case::new(&[
        ("a.docx", b"PK\x03\x04\x14\x00\x06\x00"),
        ("p.txt", b"\x89PNG\r\n\x1a\n...."),
        ("j.txt", b"\xff\xd8\xff\xe0JFIF"),
        ("z.jsonl", b"\x1f\x8b\x08\x00\x00\x00"),
        ("g.csv", b"GIF89a...."),
    ]);
    c.score_fails("a.docx", &["{}/a.docx: a ZIP archive"]);
    c.score_fails("p.txt", &["{}/p.txt: a PNG image"]);
    c.score_fails("j.txt", &["{}/j.txt: a JPEG image"]);
    c.score_fails("z.jsonl", &["{}/z.jsonl: a gzip-compressed file"]);
    c.score_fails("g.csv", &["{}/g.csv: a GIF image"]);
}

#[test]
fn latin1_without_the_option_names_the_fix() {
    let c = Case::new(&[("l.txt", b"Caf\xe9 owners said talks would resume.")]);
    c.score_fails(
        "l.txt",
        &[
            "{}/l.txt: not UTF-8 text (invalid byte at offset 3)",
            "--encoding latin1",
        ],
    );
    let out = c.ok(&[
        "score",
        &c.path("l.txt"),
        "--encoding",
        "latin1",
        "--format",
        "json",
    ]);
    assert!(out.contains("\"articles\": 1"), "{out}");
}

#[test]
fn invalid_utf8_in_a_jsonl_line_names_the_line() {
    let c = Case::new(&[(
        "c.jsonl",
        b"{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n{\"text\": \"Caf\xe9.\"}\n",
    )]);
    c.score_fails("c.jsonl", &["{}/c.jsonl:3: not UTF-8", "--encoding latin1"]);
}

#[test]
fn broken_jsonl_lines_name_the_line() {
    let c = Case::new(&[
        ("a.jsonl", b"{\"text\": \"One.\"}\n\n{\"text\": \"Two.\"\n"),
        ("b.jsonl", b"{\"text\": \"One.\"}\n[1, 2]\n"),
        ("m.jsonl", b"{\"title\": \"No body\"}\n"),
        ("e.jsonl", b"{\"text\": \"  \"}\n"),
        ("z.jsonl", b"{\"text\": \"a\\u0000b\"}\n"),
        ("n.jsonl", b"{\"text\": 42}\n"),
    ]);
    c.score_fails("a.jsonl", &["{}/a.jsonl:3: not a JSON article object"]);
    c.score_fails("b.jsonl", &["{}/b.jsonl:2: not a JSON article object"]);
    c.score_fails(
        "m.jsonl",
        &["{}/m.jsonl:1: ", "missing field `text` (or `html`)"],
    );
    c.score_fails("e.jsonl", &["{}/e.jsonl:1: empty article"]);
    c.score_fails("z.jsonl", &["{}/z.jsonl:1: binary file"]);
    c.score_fails(
        "n.jsonl",
        &["{}/n.jsonl:1: not a JSON article object: invalid type"],
    );
}

#[test]
fn folders_without_articles() {
    let c = Case::new(&[("d/notes.md", b"# notes"), ("d/data.json", b"[]")]);
    c.score_fails(
        "d",
        &["{}/d: folder holds no .txt, .jsonl or .html article"],
    );
}

#[test]
fn bad_json_arrays() {
    let c = Case::new(&[
        ("s.json", b"[\n {\"text\": \"One.\"},\n {\"text\": \n"),
        (
            "e.json",
            b"[{\"text\": \"One article here.\"}, {\"title\": \"none\"}]",
        ),
        ("x.json", b"\"just a string\""),
    ]);
    c.score_fails("s.json", &["{}/s.json: not JSON", "line 4"]);
    c.score_fails(
        "e.json",
        &["{}/e.json[1]: ", "missing field `text` (or `html`)"],
    );
    c.score_fails(
        "x.json",
        &["{}/x.json: not a JSON array of article objects"],
    );
}

#[test]
fn bad_csv_corpora() {
    let c = Case::new(&[
        ("nt.csv", b"id,body\n1,The minister said no.\n"),
        ("rg.csv", b"id,text\n1,The minister said no.\n2,Two,three\n"),
        ("dup.csv", b"text,id,text\nOne.,1,Two.\n"),
        ("em.csv", b"id,text\n1,The minister said no.\n2,\n"),
    ]);
    c.score_fails(
        "nt.csv",
        &["{}/nt.csv:1: missing column `text` (header has: id,body)"],
    );
    let p = c.path("nt.csv");
    c.fails(
        &["score", &p, "--text-col", "content"],
        None,
        1,
        &["{}/nt.csv:1: missing column `content`"],
    );
    c.fails(
        &["score", &p, "--text-col", "body", "--date-col", "when"],
        None,
        1,
        &["{}/nt.csv:1: missing column `when`"],
    );
    c.score_fails(
        "rg.csv",
        &["{}/rg.csv:3: ragged row: 3 fields where the header has 2"],
    );
    c.score_fails(
        "dup.csv",
        &["{}/dup.csv:1: field `text`: duplicated column"],
    );
    c.score_fails("em.csv", &["{}/em.csv:3: empty article"]);
}

#[test]
fn html_page_without_a_body() {
    let c = Case::new(&[(
        "p.html",
        b"<html><head><title>x</title></head><body></body></html>",
    )]);
    c.score_fails("p.html", &["{}/p.html: "]);
}

#[test]
fn standard_input_empty_or_binary() {
    let c = Case::new(&[]);
    c.fails(&["score", "-"], Some(b""), 1, &["stdin: empty article"]);
    c.fails(
        &["score", "-"],
        Some(b"\n\n  \n"),
        1,
        &["stdin: empty article"],
    );
    c.fails(
        &["score", "-"],
        Some(b"%PDF-1.4\nstream"),
        1,
        &["stdin: a PDF file"],
    );
    c.fails(
        &["score", "-"],
        Some(b"Caf\xe9 au lait."),
        1,
        &["stdin: not UTF-8"],
    );
}

#[test]
fn skip_bad_skips_and_counts() {
    let c = Case::new(&[
        ("d/a.txt", ARTICLE.as_bytes()),
        ("d/b.txt", b"%PDF-1.4\n"),
        ("d/c.txt", b""),
    ]);
    let o = run_in(
        c.dir.path(),
        &["score", &c.path("d"), "--skip-bad", "--format", "json"],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("skipped") && err.contains("b.txt: a PDF file"),
        "{err}"
    );
    assert!(err.contains("c.txt: empty article"), "{err}");
    assert!(stdout(&o).contains("\"articles\": 1"));
    let only_bad = c.path("d/b.txt");
    c.fails(
        &["score", &only_bad, "--skip-bad"],
        None,
        1,
        &["no article could be read (1 skipped)"],
    );
}

// ---------------------------------------------------------------- now accepted

#[test]
fn utf16_and_utf8_byte_order_marks_are_read() {
    let jsonl = format!(
        "{{\"id\": \"p1\", \"text\": {}}}\n",
        serde_json::json!(ARTICLE)
    );
    let bom8 = |s: &str| [&[0xef, 0xbb, 0xbf][..], s.as_bytes()].concat();
    let c = Case::new(&[
        ("le.txt", &utf16(ARTICLE, true)),
        ("be.txt", &utf16(ARTICLE, false)),
        ("bom.txt", &bom8(ARTICLE)),
        ("bom.jsonl", &bom8(&jsonl)),
        ("le.jsonl", &utf16(&jsonl, true)),
        ("plain.txt", ARTICLE.as_bytes()),
    ]);
    let want = c.ok(&["score", &c.path("plain.txt"), "--format", "csv", "--quotes"]);
    assert!(want.contains("Marta Lind"), "{want}");
    for f in ["le.txt", "be.txt", "bom.txt"] {
        let got = c.ok(&["score", &c.path(f), "--format", "csv", "--quotes"]);
        // the article id is the file stem; the rest must match
        let strip = |s: &str, id: &str| s.replace(&format!("\n{id},"), "\n_,");
        assert_eq!(
            strip(&got, f.trim_end_matches(".txt")),
            strip(&want, "plain"),
            "{f}"
        );
    }
    for f in ["bom.jsonl", "le.jsonl"] {
        let got = c.ok(&["score", &c.path(f), "--format", "csv", "--quotes"]);
        // id, then the (empty) date column
        assert!(got.contains("\np1,,Marta Lind,"), "{f}: {got}");
    }
}

// ---------------------------------------------------------------- models

fn shipped_model() -> &'static serde_json::Value {
    static M: OnceLock<serde_json::Value> = OnceLock::new();
    M.get_or_init(|| {
        serde_json::from_slice(&std::fs::read(root().join("models/negotiation.json")).unwrap())
            .unwrap()
    })
}

fn edited_model(edit: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut v = shipped_model().clone();
    edit(&mut v);
    serde_json::to_vec(&v).unwrap()
}

fn model_fails(bytes: &[u8], want: &[&str]) {
    let c = Case::new(&[("m.json", bytes)]);
    let m = c.path("m.json");
    let mut all = vec!["{}/m.json: "];
    all.extend(want);
    c.fails(&["score", EXAMPLE, "--model", &m], None, 1, &all);
}

#[test]
fn missing_model_file() {
    let c = Case::new(&[]);
    let m = c.path("none.json");
    c.fails(
        &["score", EXAMPLE, "--model", &m],
        None,
        1,
        &["{}/none.json"],
    );
}

#[test]
fn truncated_empty_and_random_models() {
    let full = std::fs::read(root().join("models/negotiation.json")).unwrap();
    model_fails(
        &full[..full.len() / 2],
        &["not a standpoint model (not a JSON object"],
    );
    model_fails(b"", &["not a standpoint model"]);
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let random: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    model_fails(&random, &["not a standpoint model"]);
    model_fails(
        b"{\"weights\": [1, 2]}",
        &["no \"format\": \"standpoint-model\""],
    );
    model_fails(
        b"{\"format\": \"standpoint-model\", \"format_version\": 99}",
        &["model format version 99"],
    );
}

#[test]
fn hand_edited_models_name_the_field() {
    use serde_json::{Value, json};
    type Edit = Box<dyn FnOnce(&mut Value)>;
    let cases: Vec<(Edit, &str)> = vec![
        (
            Box::new(|v| v["stance"]["coef"][0][5] = Value::Null),
            "malformed model",
        ),
        (
            Box::new(|v| v["stance"]["coef"][0][5] = json!(1e300)),
            "field `stance.coef[0]`: weight 1e300 at index 5",
        ),
        (
            Box::new(|v| v["sentiment"]["intercept"][1] = json!(-5e9)),
            "field `sentiment.intercept`: weight -5e9",
        ),
        (
            Box::new(|v| v["stance"]["labels"] = json!([])),
            "field `stance.labels`: 0 label(s)",
        ),
        (
            Box::new(|v| v["relevance"]["labels"] = json!(["negotiation", "maybe"])),
            "field `relevance.labels`: unknown label `maybe`",
        ),
        (
            Box::new(|v| v["stance"]["vectorizer"]["idf"][3] = json!(0.0)),
            "field `stance.vectorizer.idf`: value 0 at index 3",
        ),
        (
            Box::new(|v| {
                v["sentiment"]["coef"][2].as_array_mut().unwrap().pop();
            }),
            "field `sentiment.coef[2]`: 19999 weights for a vocabulary of 20000 terms",
        ),
        (
            Box::new(|v| v["stance"]["temperature"] = json!(-1.0)),
            "field `stance.temperature`",
        ),
        (
            Box::new(|v| v["training_data"]["sha256"] = json!("")),
            "field `training_data.sha256`",
        ),
        (
            Box::new(|v| {
                v["training_data"].as_object_mut().unwrap().remove("sha256");
            }),
            "malformed model: missing field `sha256`",
        ),
        (
            Box::new(|v| {
                v["stance"] = Value::Null;
                v["sentiment"] = Value::Null;
            }),
            "model has no classifier",
        ),
    ];
    for (edit, want) in cases {
        model_fails(&edited_model(edit), &[want]);
    }
}

// ---------------------------------------------------------------- training data

fn train_fails(csv: &[u8], want: &[&str]) {
    let c = Case::new(&[("d.csv", csv)]);
    let (d, m) = (c.path("d.csv"), c.path("m.json"));
    let mut all = vec!["{}/d.csv"];
    all.extend(want);
    c.fails(
        &["train", "--data", &d, "--out", &m, "--folds", "0"],
        None,
        1,
        &all,
    );
}

#[test]
fn missing_and_empty_training_data() {
    let c = Case::new(&[]);
    let (d, m) = (c.path("none.csv"), c.path("m.json"));
    c.fails(
        &["train", "--data", &d, "--out", &m],
        None,
        1,
        &["{}/none.csv"],
    );
    train_fails(b"", &["missing column `text`"]);
}

#[test]
fn bad_training_csv_names_line_and_field() {
    train_fails(
        b"text,sentiment\nWe talk.,positive\n",
        &[":1: missing column `stance`"],
    );
    train_fails(
        b"text,stance,sentiment\nWe talk.,favor,positive\nNo.,maybe,negative\n",
        &[":3: field `stance`: unknown label `maybe`"],
    );
    train_fails(
        b"text,stance,sentiment\nWe talk.,favor,positive\nNo.,against\n",
        &[":3: ragged row: 2 fields where the header has 3"],
    );
    train_fails(
        b"text,stance,sentiment,stance\nWe talk.,favor,positive,against\n",
        &[":1: field `stance`: the column appears 2 times"],
    );
    train_fails(
        b"text,stance,sentiment\nWe talk.,favor,positive\nNo,favor,negative\n\"unclosed,favor,neutral\n",
        &[],
    );
    train_fails(
        b"text,stance,sentiment\nCaf\xe9 talks.,favor,positive\n",
        &[":2"],
    );
}

#[test]
fn one_label_is_not_enough() {
    let c = Case::new(&[(
        "one.csv",
        b"text,stance,sentiment\nWe talk.,favor,positive\nWe talk more.,favor,positive\n",
    )]);
    let (d, m) = (c.path("one.csv"), c.path("m.json"));
    c.fails(
        &["train", "--data", &d, "--out", &m, "--folds", "0"],
        None,
        1,
        &["training failed"],
    );
}

// ---------------------------------------------------------------- alias files

fn alias_fails(csv: &[u8], want: &[&str]) {
    let c = Case::new(&[("a.csv", csv)]);
    let a = c.path("a.csv");
    let mut all = vec!["{}/a.csv"];
    all.extend(want);
    c.fails(&["score", EXAMPLE, "--alias", &a], None, 1, &all);
}

#[test]
fn bad_alias_files() {
    let c = Case::new(&[]);
    let a = c.path("none.csv");
    c.fails(
        &["score", EXAMPLE, "--alias", &a],
        None,
        1,
        &["{}/none.csv"],
    );
    alias_fails(
        b"alias,name\nOsei,Daniel Osei\n",
        &[":1: missing column `canonical`"],
    );
    alias_fails(
        b"alias,canonical\nOsei,\n",
        &[":2: field `alias`/`canonical`: empty value"],
    );
    alias_fails(
        b"alias,canonical,kind\nOsei,Daniel Osei,planet\n",
        &[":2: field `kind`: "],
    );
    alias_fails(b"alias,canonical\nOsei,Daniel Osei,extra\n", &[":2"]);
    alias_fails(
        b"alias,canonical\nhe,Daniel Osei\n",
        &[":2: field `alias`: `he` is a pronoun"],
    );
}

#[test]
fn an_alias_file_with_a_byte_order_mark_is_read() {
    let c = Case::new(&[(
        "a.csv",
        b"\xef\xbb\xbfalias,canonical\nOsei,Dr Daniel Osei\n",
    )]);
    let out = c.ok(&[
        "score",
        EXAMPLE,
        "--alias",
        &c.path("a.csv"),
        "--format",
        "csv",
    ]);
    assert!(out.contains(",Dr Daniel Osei,"), "{out}");
}

// ---------------------------------------------------------------- usage errors: exit 2

#[test]
fn usage_errors_exit_2() {
    let c = Case::new(&[]);
    c.fails(
        &["score", "--no-such-flag", EXAMPLE],
        None,
        2,
        &["--no-such-flag"],
    );
    c.fails(&["score"], None, 2, &["<INPUTS>"]);
    c.fails(
        &["score", "--majority", "0.5", EXAMPLE],
        None,
        2,
        &["0.5 is outside (0.5, 1]"],
    );
    c.fails(
        &["score", "--encoding", "ebcdic", EXAMPLE],
        None,
        2,
        &["ebcdic"],
    );
    c.fails(&["score", "--format", "pdf", EXAMPLE], None, 2, &["pdf"]);
    c.fails(
        &["score", "--max-article-bytes", "0", EXAMPLE],
        None,
        2,
        &["0 bytes is outside 64 to 1073741824"],
    );
    c.fails(&["frobnicate"], None, 2, &["frobnicate"]);
}

// ---------------------------------------------------------------- safe training

/// `--force` when this build's `train` needs it to replace an existing `--out`.
fn force() -> &'static [&'static str] {
    static F: OnceLock<bool> = OnceLock::new();
    let needs = *F.get_or_init(|| {
        let o = common::run(&["train", "--help"]);
        stdout(&o).contains("--force")
    });
    if needs { &["--force"] } else { &[] }
}

fn train_args<'a>(data: &'a str, out: &'a str, seed: &'a str) -> Vec<&'a str> {
    let mut a = vec![
        "train", "--data", data, "--out", out, "--folds", "0", "--seed", seed,
    ];
    a.extend(force());
    a
}

#[test]
fn train_killed_mid_write_leaves_the_old_model() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.json");
    let data = root().join("tests/fixtures/small.csv");
    let (data, outs) = (data.display().to_string(), out.display().to_string());
    let o = common::run(&train_args(&data, &outs, "1"));
    assert!(o.status.success(), "{}", stderr(&o));
    let old = std::fs::read(&out).unwrap();
    // the model a whole seed-2 run writes, and how long a run takes: kills are spread over it
    let t0 = std::time::Instant::now();
    let o = common::run(&train_args(&data, &outs, "2"));
    assert!(o.status.success());
    let full = t0.elapsed();
    let new = std::fs::read(&out).unwrap();
    assert!(new != old, "the two seeds give different models");
    std::fs::write(&out, &old).unwrap();
    let mut killed = 0;
    for i in 0..12u32 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_standpoint"))
            .args(train_args(&data, &outs, "2"))
            .current_dir(root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full.mul_f64(f64::from(i) / 12.0));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        let now = std::fs::read(&out).unwrap();
        if !status.success() {
            killed += 1;
        }
        // the old model or the whole new one (a kill after the rename), never a mix
        assert!(
            now == old || now == new,
            "kill {i} left a partial model ({} bytes)",
            now.len()
        );
        std::fs::write(&out, &old).unwrap();
    }
    assert!(killed > 0, "no run was killed");
}

#[test]
fn concurrent_trains_to_one_out_leave_a_valid_model() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.json");
    let data = root()
        .join("tests/fixtures/small.csv")
        .display()
        .to_string();
    let outs = out.display().to_string();
    let spawn = |seed: &str| {
        Command::new(env!("CARGO_BIN_EXE_standpoint"))
            .args(train_args(&data, &outs, seed))
            .current_dir(root())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    for _ in 0..3 {
        let (a, b) = (spawn("1"), spawn("2"));
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        assert!(a.status.success() || b.status.success());
        let bytes = std::fs::read(&out).unwrap();
        let m = standpoint::Model::from_json(&bytes, &out).expect("a whole model");
        assert_eq!(m.training_data.file, "small.csv");
    }
    let o = common::run(&["score", EXAMPLE, "--model", &outs, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

// ---------------------------------------------------------------- determinism

#[test]
fn score_output_is_the_same_on_one_and_two_threads() {
    let corpus = match shared() {
        Some(s) => s.join("articles/wikinews-2019-2020.jsonl"),
        None => root().join("tests/gold"),
    };
    let corpus = corpus.display().to_string();
    let run = |threads: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_standpoint"))
            .args(["score", &corpus, "--format", "json", "--by-article"])
            .current_dir(root())
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        o.stdout
    };
    let one = run("1");
    assert!(one.len() > 1000);
    assert!(one == run("2"), "output differs between 1 and 2 threads");
}

#[test]
fn an_output_file_in_a_missing_folder_names_the_file() {
    let case = Case::new(&[]);
    let out = case.path("no-such-folder/report.html");
    let o = run_in(
        case.dir.path(),
        &["score", EXAMPLE, "--format", "html", "--out", &out],
        None,
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let last = err.trim_end().lines().last().unwrap();
    assert!(last.starts_with("standpoint: error: writing "), "{err}");
    assert!(
        last.contains(&out) && last.contains("does the folder exist"),
        "{err}"
    );
    assert!(snapshot(case.dir.path()).is_empty(), "no file was written");
}
