//! Reading articles: plain-text files, folders of them, standard input, and JSON Lines.
//!
//! - A `.txt` file (or any file that is not `.jsonl`/`.json`) is one article. If its first line is
//!   short (under 200 bytes), has no sentence-final punctuation and more text follows, it is the
//!   title and the body starts after it. The id is the file name without extension.
//! - A `.jsonl` file holds one article per line: `{"id","title","date","source","text"}`; only
//!   `text` is required (the id defaults to `file:line`). Lines are read one at a time, so memory
//!   does not grow with the file.
//! - A folder is read recursively in sorted path order, taking `.txt` and `.jsonl` files.
//! - `-` reads standard input: JSON Lines when the first non-space character is `{`, else one
//!   plain-text article with id `stdin`.
//!
//! HTML character references in the text (`&quot;`, `&#8220;`, `&amp;`, as scraped web text
//! carries them) are decoded when an article has any, so byte offsets index the decoded text; an
//! article without them is kept byte for byte.
//!
//! Empty articles, binary files (a NUL byte) and invalid UTF-8 are errors naming the file (and the
//! line for JSON Lines). Input files are only ever opened for reading.

use crate::error::{Error, Result};
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
    text: String,
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

fn text_article(id: String, bytes: Vec<u8>, place: &str) -> Result<Article> {
    if bytes.contains(&0) {
        return Err(Error::BadArticle {
            path: place.into(),
            message: "binary file (contains NUL bytes), not an article".into(),
        });
    }
    let raw = String::from_utf8(bytes).map_err(|e| Error::BadArticle {
        path: place.into(),
        message: format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })?;
    let raw = clean_text(raw.strip_prefix('\u{feff}').unwrap_or(&raw).to_string());
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

/// Parses one JSON Lines record.
pub fn parse_json_line(line: &str, place: &str, default_id: String) -> Result<Article> {
    let j: JsonArticle = serde_json::from_str(line).map_err(|e| Error::BadArticle {
        path: place.into(),
        message: format!("not a JSON article object: {e}"),
    })?;
    check_text(&j.text, place)?;
    let id = match j.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Null) | None => default_id,
        Some(v) => v.to_string(),
    };
    Ok(Article {
        id,
        title: j.title.map(clean_text),
        date: j.date,
        source: j.source,
        text: clean_text(j.text),
    })
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

/// A stream of articles from the inputs, in order (see the module docs).
pub struct Corpus {
    pending: VecDeque<Source>,
    current: Option<JsonLines>,
    stdin_first_line: Option<String>,
}

fn is_jsonl(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("jsonl") | Some("ndjson")
    )
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
        } else if is_jsonl(&p) || p.extension().and_then(|e| e.to_str()) == Some("txt") {
            out.push(p);
        }
    }
    Ok(())
}

impl Corpus {
    /// Opens the inputs: files, folders and `-` for standard input.
    ///
    /// # Errors
    /// [`Error::Io`] when a path does not exist or a folder cannot be listed; a folder with no
    /// `.txt`/`.jsonl` file is [`Error::BadArticle`].
    pub fn open(inputs: &[PathBuf]) -> Result<Self> {
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
                        message: "folder holds no .txt or .jsonl article".into(),
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
        })
    }

    fn next_json(&mut self) -> Option<Result<Article>> {
        let jl = self.current.as_mut()?;
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
                    return Some(Err(Error::BadArticle {
                        path: place.into(),
                        message: format!("cannot read line: {e}"),
                    }));
                }
            }
        }
    }
}

impl Iterator for Corpus {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.current.is_some() {
                if let Some(a) = self.next_json() {
                    return Some(a);
                }
                continue;
            }
            let src = self.pending.pop_front()?;
            match src {
                Source::File(p) if is_jsonl(&p) => match std::fs::File::open(&p) {
                    Ok(f) => {
                        self.current = Some(JsonLines {
                            reader: Box::new(BufReader::new(f)),
                            name: p.display().to_string(),
                            line: 0,
                        })
                    }
                    Err(e) => return Some(Err(Error::io(&p, e))),
                },
                Source::File(p) => {
                    let bytes = match std::fs::read(&p) {
                        Ok(b) => b,
                        Err(e) => return Some(Err(Error::io(&p, e))),
                    };
                    let id = p
                        .file_stem()
                        .and_then(|s| s.to_str())
                        .unwrap_or("article")
                        .to_string();
                    return Some(text_article(id, bytes, &p.display().to_string()));
                }
                Source::Stdin => {
                    let mut reader = BufReader::new(std::io::stdin());
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
                            Err(e) => return Some(Err(Error::io("stdin", e))),
                        }
                    }
                    if first.trim_start().starts_with('{') {
                        self.stdin_first_line = Some(first);
                        self.current = Some(JsonLines {
                            reader: Box::new(reader),
                            name: "stdin".into(),
                            line: 0,
                        });
                        continue;
                    }
                    let mut bytes = first.into_bytes();
                    if let Err(e) = reader.read_to_end(&mut bytes) {
                        return Some(Err(Error::io("stdin", e)));
                    }
                    return Some(text_article("stdin".into(), bytes, "stdin"));
                }
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
