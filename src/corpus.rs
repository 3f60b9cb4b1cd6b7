//! Reading articles: plain-text files, web pages, folders of them, standard input, JSON Lines,
//! JSON arrays and CSV corpora.
//!
//! - A `.txt` file (or any file of another extension) is one article. If its first line is
//!   short (under 200 bytes), has no sentence-final punctuation and more text follows, it is the
//!   title and the body starts after it. The id is the file name without extension. A file that
//!   starts with `<!DOCTYPE html` or `<html` is read as a web page.
//! - A `.html`/`.htm` file is a web page: its readable part (title, byline, date, body as
//!   paragraphs) is extracted by [`crate::html`].
//! - A `.jsonl` file holds one article per line: `{"id","title","date","source","text"}`; only
//!   `text` is required (the id defaults to `file:line`); a record with `html` instead of `text`
//!   is a web page. Lines are read one at a time, so memory does not grow with the file.
//! - A `.json` file holds an array of such objects (or one object); it is read whole. The id
//!   defaults to `file[index]`.
//! - A `.csv` file holds one article per row, with a header naming the columns: the text column
//!   (`text`, or [`ReadOptions::text_col`]) is required; `id`, `date` and `title` columns (or
//!   the ones named) are used when present. Rows are read one at a time.
//! - A folder is read recursively in sorted path order, taking `.txt`, `.jsonl`, `.html` and
//!   `.htm` files (not `.json` or `.csv`, which folders often hold for other purposes: name
//!   them on the command line).
//! - `-` reads standard input: JSON Lines when the first non-space character is `{`, else one
//!   plain-text article with id `stdin`.
//!
//! Every input is decoded by [`crate::input`]: UTF-8 or UTF-16 byte-order marks honoured and
//! dropped, Latin-1 with [`ReadOptions::encoding`]. HTML character references in the text
//! (`&quot;`, `&#8220;`, `&amp;`, as scraped web text carries them) are decoded when an article
//! has any, so byte offsets index the decoded text; an article without them is kept byte for
//! byte.
//!
//! Empty articles, PDF and other binary files (a known file signature, or a NUL character) and
//! invalid UTF-8 are errors naming the file (and the line for JSON Lines and CSV). Input files
//! are only ever opened for reading.

use crate::error::{Error, Result};
use crate::input::{self, InputEncoding};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One news article. Byte offsets elsewhere in the crate index into `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Identifier: the JSON `id`, or the file name without extension.
    pub id: String,
    /// Title, if known.
    #[serde(default)]
    pub title: Option<String>,
    /// Publication date as given (free text, usually `YYYY-MM-DD`).
    #[serde(default)]
    pub date: Option<String>,
    /// Source (outlet or URL).
    #[serde(default)]
    pub source: Option<String>,
    /// The body text.
    pub text: String,
}

/// How inputs are read (the `score` options `--encoding`, `--text-col`, `--id-col`,
/// `--date-col`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// How bytes without a byte-order mark are decoded (default UTF-8).
    pub encoding: InputEncoding,
    /// The text column of a CSV corpus (default `text`).
    pub text_col: Option<String>,
    /// The id column of a CSV corpus (default `id` when the header has it; else `file:line`).
    pub id_col: Option<String>,
    /// The date column of a CSV corpus (default `date` when the header has it).
    pub date_col: Option<String>,
}

#[derive(Deserialize)]
struct JsonArticle {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
}

/// Splits a plain-text file into (title, body).
pub fn split_title(text: &str) -> (Option<String>, &str) {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    if let Some(nl) = trimmed.find('\n') {
        let first = trimmed[..nl].trim();
        let rest = &trimmed[nl + 1..];
        let is_title = !first.is_empty()
            && first.len() < 200
            && !first.ends_with(['.', '!', '?', '"', '\u{201d}', ':'])
            && !rest.trim().is_empty();
        if is_title {
            return (Some(first.to_string()), &text[lead + nl + 1..]);
        }
    }
    (None, text)
}

/// `text` as the pipeline reads it: HTML character references decoded (`&quot;`, `&#8220;`,
/// `&amp;`), and soft hyphens, zero-width spaces, word joiners and byte-order marks removed (web
/// pages carry them inside words: "nego\u{ad}tiation"; zero-width joiners and non-joiners stay,
/// as scripts and emoji need them). Unchanged, without a copy,
/// when it has none of them. Quote offsets index this cleaned text.
pub fn clean_text(text: String) -> String {
    let text = if text.contains('&') {
        match html_escape::decode_html_entities(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(decoded) => decoded,
        }
    } else {
        text
    };
    let invisible = |c: char| matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}');
    if text.contains(invisible) {
        text.chars().filter(|&c| !invisible(c)).collect()
    } else {
        text
    }
}

fn check_text(text: &str, place: &str) -> Result<()> {
    if text.contains('\0') {
        return Err(Error::BadArticle {
            path: place.into(),
            message: "binary file (contains NUL bytes), not an article".into(),
        });
    }
    if text.trim().is_empty() {
        return Err(Error::BadArticle {
            path: place.into(),
            message: "empty article".into(),
        });
    }
    Ok(())
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

fn text_article(id: String, raw: String, place: &str) -> Result<Article> {
    if looks_like_html(&raw) {
        return crate::html::article(id, &raw, place);
    }
    let raw = clean_text(raw);
    check_text(&raw, place)?;
    let (title, body) = split_title(&raw);
    let body = body.to_string();
    check_text(&body, place)?;
    Ok(Article {
        id,
        title,
        date: None,
        source: None,
        text: body,
    })
}

/// Parses one JSON Lines record (a byte-order mark before it is ignored); a record with `html`
/// and no `text` is read as a web page.
///
/// # Errors
/// [`Error::BadArticle`] naming `place` when the line is not a JSON object with a `text` or
/// `html` string, or the text is empty or binary.
pub fn parse_json_line(line: &str, place: &str, default_id: String) -> Result<Article> {
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    let j: JsonArticle = serde_json::from_str(line).map_err(|e| Error::BadArticle {
        path: place.into(),
        message: format!("not a JSON article object: {e}"),
    })?;
    json_article(j, place, default_id)
}

fn json_article(j: JsonArticle, place: &str, default_id: String) -> Result<Article> {
    let id = match j.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Null) | None => default_id,
        Some(v) => v.to_string(),
    };
    let (text, title, date, source) = match (j.text, j.html) {
        (Some(text), _) => (clean_text(text), j.title.map(clean_text), j.date, j.source),
        (None, Some(html)) => {
            check_text(&html, place)?;
            let a = crate::html::article(id.clone(), &html, place)?;
            (
                a.text,
                j.title.map(clean_text).or(a.title),
                j.date.or(a.date),
                j.source.or(a.source),
            )
        }
        (None, None) => {
            return Err(Error::BadArticle {
                path: place.into(),
                message: "not a JSON article object: missing field `text` (or `html`)".into(),
            });
        }
    };
    check_text(&text, place)?;
    Ok(Article {
        id,
        title,
        date,
        source,
        text,
    })
}

/// The articles of a JSON array (or of one JSON object); ids default to `name[index]`.
///
/// # Errors
/// [`Error::BadArticle`] naming the file (with line and column for a syntax error, with the
/// index for a bad element).
pub fn parse_json_array(text: &str, name: &str) -> Result<Vec<Result<Article>>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| Error::BadArticle {
        path: name.into(),
        message: format!("not JSON: {e}"),
    })?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        v @ serde_json::Value::Object(_) => vec![v],
        _ => {
            return Err(Error::BadArticle {
                path: name.into(),
                message: "not a JSON array of article objects".into(),
            });
        }
    };
    Ok(items
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let place = format!("{name}[{i}]");
            let j: JsonArticle = serde_json::from_value(v).map_err(|e| Error::BadArticle {
                path: place.clone().into(),
                message: format!("not a JSON article object: {e}"),
            })?;
            json_article(j, &place, place.clone())
        })
        .collect())
}

enum Source {
    File(PathBuf),
    Stdin,
}

struct JsonLines {
    reader: Box<dyn BufRead>,
    name: String,
    line: u64,
}

struct CsvRows {
    reader: csv::Reader<Box<dyn Read>>,
    name: String,
    text: usize,
    id: Option<usize>,
    date: Option<usize>,
    title: Option<usize>,
}

enum Stream {
    Lines(JsonLines),
    Csv(Box<CsvRows>),
    Array(VecDeque<Result<Article>>),
}

/// A stream of articles from the inputs, in order (see the module docs).
pub struct Corpus {
    pending: VecDeque<Source>,
    current: Option<Stream>,
    stdin_first_line: Option<String>,
    options: ReadOptions,
}

fn extension(p: &Path) -> String {
    p.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn is_jsonl(p: &Path) -> bool {
    matches!(extension(p).as_str(), "jsonl" | "ndjson")
}

fn collect_dir(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            collect_dir(&p, out)?;
        } else if matches!(
            extension(&p).as_str(),
            "txt" | "jsonl" | "ndjson" | "html" | "htm"
        ) {
            out.push(p);
        }
    }
    Ok(())
}

/// The first bytes of a file (to recognise binaries), then the file rewound.
fn open_checked(p: &Path, place: &str) -> Result<std::fs::File> {
    use std::io::Seek;
    let mut f = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
    let mut head = [0u8; 8];
    let mut n = 0;
    while n < head.len() {
        match f.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) => return Err(Error::io(p, e)),
        }
    }
    if let Some(kind) = input::binary_kind(&head[..n]) {
        return Err(input::not_text(place, kind));
    }
    f.seek(std::io::SeekFrom::Start(0))
        .map_err(|e| Error::io(p, e))?;
    Ok(f)
}

fn column(headers: &csv::StringRecord, name: &str) -> Option<usize> {
    headers.iter().position(|h| h.trim() == name)
}

fn open_csv(p: &Path, options: &ReadOptions) -> Result<CsvRows> {
    let name = p.display().to_string();
    let f = open_checked(p, &name)?;
    let reader: Box<dyn Read> = Box::new(input::decoding_reader(f, options.encoding));
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(reader);
    let headers = reader
        .headers()
        .map_err(|e| csv_error(&name, e, options))?
        .clone();
    let mut seen = std::collections::HashSet::new();
    for h in headers.iter() {
        if !seen.insert(h.trim()) {
            return Err(Error::BadRecord {
                path: p.into(),
                line: 1,
                field: format!("field `{}`: ", h.trim()),
                message: "duplicated column in the header".into(),
            });
        }
    }
    let missing = |c: &str| Error::MissingColumn {
        path: p.into(),
        column: c.into(),
        header: headers.iter().collect::<Vec<_>>().join(","),
    };
    let named = |opt: &Option<String>, default: &str| -> Result<Option<usize>> {
        match opt {
            Some(c) => column(&headers, c).map(Some).ok_or_else(|| missing(c)),
            None => Ok(column(&headers, default)),
        }
    };
    let text_name = options.text_col.as_deref().unwrap_or("text");
    let text = column(&headers, text_name).ok_or_else(|| missing(text_name))?;
    Ok(CsvRows {
        id: named(&options.id_col, "id")?,
        date: named(&options.date_col, "date")?,
        title: column(&headers, "title"),
        reader,
        name,
        text,
    })
}

fn csv_error(name: &str, e: csv::Error, options: &ReadOptions) -> Error {
    let line = e.position().map_or(0, |p| p.line());
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Error::RaggedRow {
            path: name.into(),
            line,
            expected: *expected_len as usize,
            found: *len as usize,
        },
        csv::ErrorKind::Utf8 { .. } if options.encoding == InputEncoding::Utf8 => {
            input::not_utf8(&format!("{name}:{line}"), 0)
        }
        _ => Error::BadRecord {
            path: name.into(),
            line,
            field: String::new(),
            message: e.to_string(),
        },
    }
}

impl CsvRows {
    fn next_article(&mut self, options: &ReadOptions) -> Option<Result<Article>> {
        let mut record = csv::StringRecord::new();
        match self.reader.read_record(&mut record) {
            Ok(false) => None,
            Err(e) => Some(Err(csv_error(&self.name, e, options))),
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                let place = format!("{}:{line}", self.name);
                let cell = |i: Option<usize>| {
                    i.and_then(|i| record.get(i))
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                };
                let text = clean_text(record.get(self.text).unwrap_or("").to_string());
                Some(check_text(&text, &place).map(|()| Article {
                    id: cell(self.id).unwrap_or_else(|| place.clone()),
                    title: cell(self.title).map(clean_text),
                    date: cell(self.date),
                    source: None,
                    text,
                }))
            }
        }
    }
}

impl Corpus {
    /// Opens the inputs (files, folders and `-` for standard input), read as UTF-8.
    ///
    /// # Errors
    /// As [`Corpus::open_with`].
    pub fn open(inputs: &[PathBuf]) -> Result<Self> {
        Self::open_with(inputs, &ReadOptions::default())
    }

    /// Opens the inputs with the given reading options.
    ///
    /// # Errors
    /// [`Error::Io`] when a path does not exist or a folder cannot be listed; a folder with no
    /// article file is [`Error::BadArticle`].
    pub fn open_with(inputs: &[PathBuf], options: &ReadOptions) -> Result<Self> {
        let mut pending = VecDeque::new();
        for p in inputs {
            if p.as_os_str() == "-" {
                pending.push_back(Source::Stdin);
            } else if p.is_dir() {
                let mut files = Vec::new();
                collect_dir(p, &mut files)?;
                if files.is_empty() {
                    return Err(Error::BadArticle {
                        path: p.clone(),
                        message: "folder holds no .txt, .jsonl or .html article".into(),
                    });
                }
                pending.extend(files.into_iter().map(Source::File));
            } else if p.exists() {
                pending.push_back(Source::File(p.clone()));
            } else {
                return Err(Error::io(
                    p,
                    std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
                ));
            }
        }
        Ok(Corpus {
            pending,
            current: None,
            stdin_first_line: None,
            options: options.clone(),
        })
    }

    fn next_json(&mut self) -> Option<Result<Article>> {
        let Some(Stream::Lines(jl)) = self.current.as_mut() else {
            return None;
        };
        loop {
            let mut line = String::new();
            let got = if let Some(first) = self.stdin_first_line.take() {
                line = first;
                Ok(line.len())
            } else {
                jl.reader.read_line(&mut line)
            };
            match got {
                Ok(0) => {
                    self.current = None;
                    return None;
                }
                Ok(_) => {
                    jl.line += 1;
                    if line.trim().is_empty() {
                        continue;
                    }
                    let place = format!("{}:{}", jl.name, jl.line);
                    return Some(parse_json_line(line.trim(), &place, place.clone()));
                }
                Err(e) => {
                    let place = format!("{}:{}", jl.name, jl.line + 1);
                    self.current = None;
                    if e.kind() == std::io::ErrorKind::InvalidData
                        && self.options.encoding == InputEncoding::Utf8
                    {
                        return Some(Err(input::not_utf8(&place, 0)));
                    }
                    return Some(Err(Error::BadArticle {
                        path: place.into(),
                        message: format!("cannot read line: {e}"),
                    }));
                }
            }
        }
    }

    fn next_in_stream(&mut self) -> Option<Result<Article>> {
        let got = match self.current.as_mut()? {
            Stream::Lines(_) => return self.next_json(),
            Stream::Csv(rows) => rows.next_article(&self.options),
            Stream::Array(items) => items.pop_front(),
        };
        if got.is_none() {
            self.current = None;
        }
        got
    }

    fn open_file(&mut self, p: &Path) -> Option<Result<Article>> {
        let name = p.display().to_string();
        let ext = extension(p);
        if is_jsonl(p) {
            return match open_checked(p, &name) {
                Ok(f) => {
                    let reader = input::decoding_reader(f, self.options.encoding);
                    self.current = Some(Stream::Lines(JsonLines {
                        reader: Box::new(BufReader::new(reader)),
                        name,
                        line: 0,
                    }));
                    None
                }
                Err(e) => Some(Err(e)),
            };
        }
        if ext == "csv" {
            return match open_csv(p, &self.options) {
                Ok(rows) => {
                    self.current = Some(Stream::Csv(Box::new(rows)));
                    None
                }
                Err(e) => Some(Err(e)),
            };
        }
        let text = match std::fs::read(p) {
            Ok(b) => input::decode(b, self.options.encoding, &name),
            Err(e) => return Some(Err(Error::io(p, e))),
        };
        let text = match text {
            Ok(t) => t,
            Err(e) => return Some(Err(e)),
        };
        let id = p
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("article")
            .to_string();
        match ext.as_str() {
            "json" => match parse_json_array(&text, &name) {
                Ok(items) => {
                    self.current = Some(Stream::Array(items.into()));
                    None
                }
                Err(e) => Some(Err(e)),
            },
            "html" | "htm" => Some(crate::html::article(id, &text, &name)),
            _ => Some(text_article(id, text, &name)),
        }
    }

    fn open_stdin(&mut self) -> Option<Result<Article>> {
        let mut reader = BufReader::new(input::decoding_reader(
            std::io::stdin(),
            self.options.encoding,
        ));
        let mut first = String::new();
        // skip leading blank lines to decide the format
        loop {
            first.clear();
            match reader.read_line(&mut first) {
                Ok(0) => {
                    return Some(Err(Error::BadArticle {
                        path: "stdin".into(),
                        message: "empty article".into(),
                    }));
                }
                Ok(_) if first.trim().is_empty() => continue,
                Ok(_) => break,
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                    return Some(Err(input::not_utf8("stdin", 0)));
                }
                Err(e) => return Some(Err(Error::io("stdin", e))),
            }
        }
        if first.trim_start().starts_with('{') {
            self.stdin_first_line = Some(first);
            self.current = Some(Stream::Lines(JsonLines {
                reader: Box::new(reader),
                name: "stdin".into(),
                line: 0,
            }));
            return None;
        }
        let mut bytes = first.into_bytes();
        if let Err(e) = reader.read_to_end(&mut bytes) {
            return Some(Err(Error::io("stdin", e)));
        }
        // already decoded to UTF-8 by the reader
        Some(
            input::decode(bytes, InputEncoding::Utf8, "stdin")
                .and_then(|t| text_article("stdin".into(), t, "stdin")),
        )
    }
}

impl Iterator for Corpus {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.current.is_some() {
                if let Some(a) = self.next_in_stream() {
                    return Some(a);
                }
                continue;
            }
            let got = match self.pending.pop_front()? {
                Source::File(p) => self.open_file(&p),
                Source::Stdin => self.open_stdin(),
            };
            if got.is_some() {
                return got;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_entities_are_decoded_and_plain_text_kept() {
        let a = parse_json_line(
            r#"{"text": "&quot;We will not sign,&#8221; the minister said. AT&amp;T agreed."}"#,
            "x:1",
            "x:1".into(),
        )
        .unwrap();
        assert_eq!(
            a.text,
            "\"We will not sign,\u{201d} the minister said. AT&T agreed."
        );
        let plain = "AT&T said \"fine\" & left.".to_string();
        assert_eq!(clean_text(plain.clone()), plain);
    }

    #[test]
    fn soft_hyphens_and_zero_width_characters_are_removed() {
        let raw = "The spokes\u{ad}woman\u{200b} said the cease\u{2060}fire would hold.";
        assert_eq!(
            clean_text(raw.to_string()),
            "The spokeswoman said the ceasefire would hold."
        );
    }

    #[test]
    fn title_is_split_from_the_body() {
        let (t, b) = split_title("Talks Collapse\n\nThe minister said no.\n");
        assert_eq!(t.as_deref(), Some("Talks Collapse"));
        assert_eq!(b.trim(), "The minister said no.");
        let (t, _) = split_title("The minister said no.\nHe left.");
        assert_eq!(t, None);
    }

    #[test]
    fn folders_jsonl_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Title\n\nBody text here.").unwrap();
        std::fs::write(
            dir.path().join("b.jsonl"),
            "{\"id\":\"x1\",\"text\":\"One.\"}\n\n{\"text\":\"Two.\",\"date\":\"2020-01-01\"}\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("README.md"), "ignored").unwrap();
        let arts: Vec<Article> = Corpus::open(&[dir.path().to_path_buf()])
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        let ids: Vec<&str> = arts.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids.len(), 3);
        assert_eq!(ids[0], "a");
        assert_eq!(ids[1], "x1");
        assert!(ids[2].ends_with("b.jsonl:3"));
        assert_eq!(arts[0].title.as_deref(), Some("Title"));

        std::fs::write(dir.path().join("empty.txt"), "  \n").unwrap();
        let e = Corpus::open(&[dir.path().join("empty.txt")])
            .unwrap()
            .next()
            .unwrap()
            .unwrap_err();
        assert!(e.to_string().ends_with("empty.txt: empty article"));
        std::fs::write(dir.path().join("bin.txt"), b"ab\0cd").unwrap();
        let e = Corpus::open(&[dir.path().join("bin.txt")])
            .unwrap()
            .next()
            .unwrap()
            .unwrap_err();
        assert!(e.to_string().contains("binary"));
        assert!(Corpus::open(&[dir.path().join("missing.txt")]).is_err());
    }
}
