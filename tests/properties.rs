//! Property tests (proptest): the text layer never panics and its offsets always point into the
//! source, whatever the input.

use proptest::prelude::*;
use standpoint::attribution::{extract, marks::find_quotes};
use standpoint::text::{sentences, tokens::tokenize};

/// Text made of words, spaces, newlines, punctuation and every kind of quote mark.
fn newsy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[A-Za-z]{1,8}",
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\"".to_string()),
        Just("\u{201c}".to_string()),
        Just("\u{201d}".to_string()),
        Just("'".to_string()),
        Just("\u{2019}".to_string()),
        Just("\u{2018}".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just("U.S.".to_string()),
        Just(" said ".to_string()),
        Just(" according to ".to_string()),
        Just("é".to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn tokens_slice_the_source_in_order(text in newsy_text()) {
        let toks = tokenize(&text);
        let mut prev_end = 0;
        for t in &toks {
            prop_assert!(t.start >= prev_end && t.end > t.start && t.end <= text.len());
            prop_assert_eq!(&text[t.start..t.end], t.text);
            prev_end = t.end;
        }
        // every non-space character is inside a token
        let covered: usize = toks.iter().map(|t| t.text.chars().count()).sum();
        prop_assert_eq!(covered, text.chars().filter(|c| !c.is_whitespace()).count());
    }

    #[test]
    fn sentences_and_quotes_stay_inside_the_text(text in newsy_text()) {
        for s in sentences::split(&text) {
            prop_assert!(s.start < s.end && s.end <= text.len());
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        for q in find_quotes(&text) {
            prop_assert!(q.open <= q.start() && q.start() <= q.end() && q.end() <= q.close && q.close <= text.len());
        }
    }

    #[test]
    fn attribution_never_panics_and_spans_are_valid(text in newsy_text()) {
        let a = extract(&text);
        for q in &a.quotes {
            prop_assert!(q.start <= q.end && q.end <= text.len());
            prop_assert!(q.unit.0 <= q.unit.1 && q.unit.1 <= text.len());
            for &(s, e) in &q.parts {
                prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            }
        }
    }
}

/// Found by the property above: a bare quote whose speaker was first named in the previous
/// sentence got an entity index from a copy of the registry, and reporting it panicked.
#[test]
fn bare_quote_after_an_unquoted_sentence_does_not_panic() {
    let text = "U.S. according to \n\"U.S.U.S.\n\nA";
    let a = extract(text);
    for q in &a.quotes {
        assert!(
            a.speakers.iter().any(|s| s.name == q.speaker),
            "{}",
            q.speaker
        );
    }
}
