//! The shape of `src/attribution/`: small passes with short functions, and every word list in a
//! data file. A function longer than 80 lines there decides too many things at once.

mod common;
use common::root;

/// Every `fn` in `src` with its name, first line and length in lines (from the `fn` line to the
/// line of its closing brace). Braces inside strings, chars and comments are skipped.
fn functions(src: &str) -> Vec<(String, usize, usize)> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut stack: Vec<Option<(String, usize)>> = Vec::new();
    let mut pending: Option<(String, usize)> = None;
    let (mut i, mut line) = (0, 1);
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\n' => line += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    } else if bytes[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
            // a char literal ('x', '\n', '\u{2019}'), not a lifetime ('a)
            b'\'' if bytes.get(i + 2) == Some(&b'\'') || bytes.get(i + 1) == Some(&b'\\') => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'\'' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'{' => stack.push(pending.take()),
            b'}' => {
                if let Some(Some((name, start))) = stack.pop() {
                    out.push((name, start, line - start + 1));
                }
            }
            b';' => pending = None,
            b'f' if src[i..].starts_with("fn ")
                && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_')) =>
            {
                let name: String = src[i + 3..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                pending = Some((name, line));
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[test]
fn no_function_in_attribution_is_over_80_lines() {
    let dir = root().join("src/attribution");
    let mut long = Vec::new();
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("tests.rs") {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        for (name, start, len) in functions(&src) {
            seen += 1;
            if len > 80 {
                long.push(format!("{}:{start} fn {name}: {len} lines", path.display()));
            }
        }
    }
    assert!(seen > 100, "the scanner found only {seen} functions");
    assert!(
        long.is_empty(),
        "functions over 80 lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_scanner_measures_functions() {
    let src = "fn a() {\n    let s = \"}\";\n    let c = '}';\n    // }\n}\nfn b<'x>(v: &'x str) -> &'x str {\n    v\n}\n";
    assert_eq!(
        functions(src),
        [("a".to_string(), 1, 5), ("b".to_string(), 6, 3)]
    );
}

#[test]
fn word_lists_are_data_files_with_a_purpose() {
    let dir = root().join("src/attribution/lexicon");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        n += 1;
        assert!(
            text.starts_with("# "),
            "{} should open with a comment saying what it is for",
            path.display()
        );
        assert!(
            text.lines().any(|l| !l.is_empty() && !l.starts_with('#')),
            "{} is empty",
            path.display()
        );
    }
    assert!(n >= 30, "{n} lexicon files");
}
