//! Word tokenizer that keeps byte offsets into the source text.
//!
//! ```
//! use standpoint::text::tokens::{tokenize, TokenKind};
//!
//! let toks = tokenize("Mr. Smith didn't visit the U.S.'s embassy.");
//! let words: Vec<&str> = toks.iter().map(|t| t.text).collect();
//! assert_eq!(words, ["Mr.", "Smith", "didn't", "visit", "the", "U.S.", "'s", "embassy", "."]);
//! assert_eq!((toks[1].start, toks[1].end), (4, 9));
//! assert_eq!(toks[8].kind, TokenKind::Punct);
//! ```
//!
//! Rules: a word is a run of letters and digits, joined across an inner hyphen (`al-Assad`), an
//! inner apostrophe (`didn't`, `O'Brien`) and, for initials and known abbreviations, a period
//! (`U.S.`, `Mr.`). A possessive or contracted `'s` (straight or curly apostrophe) becomes its own
//! token. A soft hyphen joins like a hyphen; zero-width spaces, the word joiner and a byte-order
//! mark are skipped like spaces (non-breaking spaces are spaces already). Every other
//! non-space character is a one-character punctuation token.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with digits, inner hyphens, apostrophes or abbreviation periods).
    Word,
    /// Starts with a digit.
    Number,
    /// One non-alphanumeric, non-space character.
    Punct,
}

/// A token: a slice of the source with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The exact source text of the token.
    pub text: &'a str,
    /// Byte offset of the first byte in the source.
    pub start: usize,
    /// Byte offset one past the last byte in the source.
    pub end: usize,
    /// Word, number or punctuation.
    pub kind: TokenKind,
}

impl Token<'_> {
    /// True when the token starts with an uppercase letter.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// True for a word or number token.
    pub fn is_wordlike(&self) -> bool {
        self.kind != TokenKind::Punct
    }
}

/// Abbreviations that keep their trailing period (compared case-insensitively, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "maj",
    "adm", "st", "jr", "sr", "inc", "corp", "ltd", "co", "vs", "no", "dept", "messrs", "rev",
    "hon", "pres", "amb", "cmdr", "brig", "est", "approx", "jan", "feb", "mar", "apr", "aug",
    "sep", "sept", "oct", "nov", "dec", "etc",
];

/// Zero-width and byte-order characters that web text carries between words: skipped like
/// spaces.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The character starting at byte `b`, if any.
#[inline]
fn char_at(text: &str, b: usize) -> Option<char> {
    text.get(b..).and_then(|s| s.chars().next())
}

/// Splits `text` into tokens with byte offsets (see the module docs for the rules).
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let n = text.len();
    let mut tokens = Vec::with_capacity(n / 5 + 1);
    let alnum_at = |b: usize| char_at(text, b).is_some_and(char::is_alphanumeric);
    let mut b = 0;
    while b < n {
        let c = char_at(text, b).expect("b is a char boundary");
        let after = b + c.len_utf8();
        if c.is_whitespace() || is_invisible(c) {
            b = after;
            continue;
        }
        if !c.is_alphanumeric() {
            // possessive / contraction 's as its own token
            let prev_ok = text[..b]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_alphanumeric() || p == '.');
            if is_apostrophe(c)
                && prev_ok
                && matches!(char_at(text, after), Some('s' | 'S'))
                && !alnum_at(after + 1)
            {
                tokens.push(Token {
                    text: &text[b..after + 1],
                    start: b,
                    end: after + 1,
                    kind: TokenKind::Word,
                });
                b = after + 1;
                continue;
            }
            tokens.push(Token {
                text: &text[b..after],
                start: b,
                end: after,
                kind: TokenKind::Punct,
            });
            b = after;
            continue;
        }
        let kind = if c.is_numeric() {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        let mut j = after;
        loop {
            while let Some(x) = char_at(text, j).filter(|x| x.is_alphanumeric()) {
                j += x.len_utf8();
            }
            if let Some(joiner) = char_at(text, j) {
                let jn = j + joiner.len_utf8();
                if let Some(next) = char_at(text, jn).filter(|x| x.is_alphanumeric()) {
                    let joins = match joiner {
                        // hyphen, non-breaking hyphen, soft hyphen ("nego\u{ad}tiation")
                        '-' | '\u{2011}' | '\u{ad}' => true,
                        // keep n't, O'Brien, but split 's
                        '\'' | '\u{2019}' => !matches!(next, 's' | 'S') || alnum_at(jn + 1),
                        '.' | ',' if kind == TokenKind::Number => next.is_numeric(),
                        _ => false,
                    };
                    if joins {
                        j = jn + next.len_utf8();
                        continue;
                    }
                }
            }
            break;
        }
        // Abbreviation period: initials (U.S., J.) or a known abbreviation.
        if kind == TokenKind::Word && char_at(text, j) == Some('.') {
            let word = &text[b..j];
            if word.chars().count() == 1 {
                // initials: absorb following "X." groups (U.S., U.K., J.R.)
                let mut k = j + 1;
                while let Some(x) = char_at(text, k).filter(|x| x.is_alphabetic()) {
                    if char_at(text, k + x.len_utf8()) == Some('.') {
                        k += x.len_utf8() + 1;
                    } else {
                        break;
                    }
                }
                j = k;
            } else if ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)) {
                j += 1;
            }
        }
        tokens.push(Token {
            text: &text[b..j],
            start: b,
            end: j,
            kind,
        });
        b = j;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn offsets_slice_the_source() {
        let s = "Iran’s Supreme Leader, Ayatollah Ali Khamenei, said “no”.";
        for t in tokenize(s) {
            assert_eq!(&s[t.start..t.end], t.text);
        }
        assert_eq!(
            texts(s),
            [
                "Iran",
                "’s",
                "Supreme",
                "Leader",
                ",",
                "Ayatollah",
                "Ali",
                "Khamenei",
                ",",
                "said",
                "“",
                "no",
                "”",
                "."
            ]
        );
    }

    #[test]
    fn contractions_hyphens_and_abbreviations() {
        assert_eq!(
            texts("We haven’t met al-Assad in the U.S. or U.K. since Jan. 3."),
            [
                "We",
                "haven’t",
                "met",
                "al-Assad",
                "in",
                "the",
                "U.S.",
                "or",
                "U.K.",
                "since",
                "Jan.",
                "3",
                "."
            ]
        );
        assert_eq!(
            texts("the States' invitation"),
            ["the", "States", "'", "invitation"]
        );
        assert_eq!(
            texts("1,200 rows at 3.5%"),
            ["1,200", "rows", "at", "3.5", "%"]
        );
    }

    #[test]
    fn sentence_final_word_keeps_its_period_separate() {
        assert_eq!(
            texts("They refused talks."),
            ["They", "refused", "talks", "."]
        );
        let t = tokenize("He met Dr. Jones.");
        assert_eq!(t[2].text, "Dr.");
        assert_eq!((t[2].start, t[2].end), (7, 10));
    }
}
