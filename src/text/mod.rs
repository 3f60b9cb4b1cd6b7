//! Text processing: paragraphs and sentences, tokens with byte offsets, negation scopes.
//!
//! Every span here is a byte range into the article text, so later stages (quotes, speakers,
//! reports) can always point back at the source.

pub mod negation;
pub mod sentences;
pub mod tokens;
