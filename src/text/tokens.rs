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
//! token. Every other non-space character is a one-character punctuation token.

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

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Splits `text` into tokens with byte offsets (see the module docs for the rules).
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut i = 0;
    while i < n {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            // possessive / contraction 's as its own token
            if is_apostrophe(c)
                && i > 0
                && (chars[i - 1].1.is_alphanumeric() || chars[i - 1].1 == '.')
                && i + 1 < n
                && matches!(chars[i + 1].1, 's' | 'S')
                && (i + 2 >= n || !chars[i + 2].1.is_alphanumeric())
            {
                tokens.push(Token {
                    text: &text[start..byte_at(i + 2)],
                    start,
                    end: byte_at(i + 2),
                    kind: TokenKind::Word,
                });
                i += 2;
                continue;
            }
            let end = byte_at(i + 1);
            tokens.push(Token {
                text: &text[start..end],
                start,
                end,
                kind: TokenKind::Punct,
            });
            i += 1;
            continue;
        }
        let kind = if c.is_numeric() {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        let mut j = i + 1;
        loop {
            while j < n && chars[j].1.is_alphanumeric() {
                j += 1;
            }
            if j + 1 < n && chars[j + 1].1.is_alphanumeric() {
                let joiner = chars[j].1;
                let next = chars[j + 1].1;
                let joins = match joiner {
                    '-' | '\u{2011}' => true,
                    '\'' | '\u{2019}' => {
                        // keep n't, O'Brien, but split 's
                        !(matches!(next, 's' | 'S')
                            && (j + 2 >= n || !chars[j + 2].1.is_alphanumeric()))
                    }
                    '.' | ',' if kind == TokenKind::Number => next.is_numeric(),
                    _ => false,
                };
                if joins {
                    j += 2;
                    continue;
                }
            }
            break;
        }
        // Abbreviation period: initials (U.S., J.) or a known abbreviation.
        if j < n && chars[j].1 == '.' && kind == TokenKind::Word {
            let word = &text[start..byte_at(j)];
            let single_letter = word.chars().count() == 1;
            let known = ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
            if single_letter {
                // initials: absorb following "X." groups (U.S., U.K., J.R.)
                let mut k = j + 1;
                while k + 1 < n && chars[k].1.is_alphabetic() && chars[k + 1].1 == '.' {
                    k += 2;
                }
                j = k;
            } else if known {
                j += 1;
            }
        }
        let end = byte_at(j);
        tokens.push(Token {
            text: &text[start..end],
            start,
            end,
            kind,
        });
        i = j;
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
