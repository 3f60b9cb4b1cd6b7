//! Negation scope marking.
//!
//! Bag-of-words features lose the meaning of "not": "not inherently disadvantageous" shares every
//! content word with "inherently disadvantageous". Following Das & Chen (2001) and Pang, Lee &
//! Vaithyanathan (2002, "Thumbs up?", EMNLP), every word after a negator up to the next
//! punctuation mark (or a contrastive "but") gets the prefix `NOT_`; the negator itself is kept.
//!
//! ```
//! use standpoint::text::negation::mark;
//!
//! let mut t: Vec<String> = ["we", "will", "not", "negotiate", "now", ",", "but", "later"]
//!     .iter().map(|s| s.to_string()).collect();
//! mark(&mut t);
//! assert_eq!(t, ["we", "will", "not", "NOT_negotiate", "NOT_now", ",", "but", "later"]);
//! ```

/// Prefix given to tokens inside a negation scope.
pub const PREFIX: &str = "NOT_";

/// Lowercased words that open a negation scope. Words ending in `n't` also do.
const NEGATORS: &[&str] = &[
    "not", "no", "never", "nor", "neither", "without", "nobody", "nothing", "none", "nowhere",
    "cannot", "hardly", "barely", "refuse", "refused", "refuses", "refusing",
];

/// Tokens that close a negation scope besides punctuation.
const SCOPE_ENDERS: &[&str] = &[
    "but", "however", "yet", "although", "though", "while", "whereas",
];

/// True when `word` (lowercase) is a negator.
pub fn is_negator(word: &str) -> bool {
    NEGATORS.contains(&word) || word.ends_with("n't") || word.ends_with("n\u{2019}t")
}

fn ends_scope(token: &str) -> bool {
    SCOPE_ENDERS.contains(&token)
        || token
            .chars()
            .next()
            .is_some_and(|c| !c.is_alphanumeric() && c != '<')
}

/// Prefixes with [`PREFIX`] the lowercase tokens inside negation scopes, in place.
///
/// `tokens` are lowercased tokens in text order, punctuation included (punctuation ends a scope);
/// any string type works (`String`, `Cow<str>`).
pub fn mark<T: AsRef<str> + From<String>>(tokens: &mut [T]) {
    let mut in_scope = false;
    for t in tokens.iter_mut() {
        let w = t.as_ref();
        if ends_scope(w) {
            in_scope = false;
        } else if is_negator(w) {
            in_scope = true;
        } else if in_scope {
            *t = T::from(format!("{PREFIX}{w}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(words: &[&str]) -> Vec<String> {
        let mut t: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        mark(&mut t);
        t
    }

    #[test]
    fn scope_runs_to_punctuation() {
        assert_eq!(
            run(&["was", "not", "inherently", "disadvantageous", ".", "talks"]),
            [
                "was",
                "not",
                "NOT_inherently",
                "NOT_disadvantageous",
                ".",
                "talks"
            ]
        );
    }

    #[test]
    fn contractions_negate_and_a_second_negator_restarts() {
        assert_eq!(
            run(&["we", "haven't", "received", "anything", "never", "again"]),
            [
                "we",
                "haven't",
                "NOT_received",
                "NOT_anything",
                "never",
                "NOT_again"
            ]
        );
    }

    #[test]
    fn placeholders_stay_in_scope() {
        assert_eq!(
            run(&["not", "<name>", "talks"]),
            ["not", "NOT_<name>", "NOT_talks"]
        );
    }
}
