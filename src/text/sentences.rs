//! Paragraphs and sentences with byte offsets.
//!
//! Paragraphs are blocks separated by blank lines; inside a block each line is its own paragraph
//! (news files put one paragraph or heading per line) unless the block looks hard-wrapped (three or
//! more lines of at most 100 bytes, most not ending a sentence), in which case the lines are joined.
//! Sentences inside a paragraph come from the [`sentencex`] segmenter, which keeps abbreviations
//! such as "U.S.", "Mr." and "J. R." inside a sentence.
//!
//! ```
//! use standpoint::text::sentences::split;
//!
//! let text = "Talks Resume\nMr. Lee met U.S. envoys. He said talks went well.";
//! let s: Vec<&str> = split(text).iter().map(|s| &text[s.start..s.end]).collect();
//! assert_eq!(s, ["Talks Resume", "Mr. Lee met U.S. envoys.", "He said talks went well."]);
//! ```

/// A span of the source text: one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte offset of the first non-space byte.
    pub start: usize,
    /// Byte offset one past the last non-space byte.
    pub end: usize,
}

/// A sentence: a trimmed byte span of the source and the index of its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first non-space byte.
    pub start: usize,
    /// Byte offset one past the last non-space byte.
    pub end: usize,
    /// Index into [`paragraphs`]'s result for the same text.
    pub paragraph: usize,
}

fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with(['.', '!', '?', ':', '"', '\u{201d}', '\u{2019}', '\'', ')'])
}

fn trimmed(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if t.is_empty() {
        None
    } else {
        Some((start + lead, start + lead + t.len()))
    }
}

/// Splits `text` into paragraphs (see the module docs).
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    // lines with their byte spans (excluding the newline)
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        lines.push((pos, pos + body.len()));
        pos += line.len();
    }
    let mut out = Vec::new();
    let mut block: Vec<(usize, usize)> = Vec::new();
    let flush = |block: &mut Vec<(usize, usize)>, out: &mut Vec<Paragraph>| {
        if block.is_empty() {
            return;
        }
        let wrapped = block.len() >= 3
            && block.iter().all(|&(s, e)| e - s <= 100)
            && block
                .iter()
                .filter(|&&(s, e)| !ends_sentence(&text[s..e]))
                .count()
                * 2
                > block.len();
        if wrapped {
            if let Some((s, e)) = trimmed(text, block[0].0, block[block.len() - 1].1) {
                out.push(Paragraph { start: s, end: e });
            }
        } else {
            for &(s, e) in block.iter() {
                if let Some((s, e)) = trimmed(text, s, e) {
                    out.push(Paragraph { start: s, end: e });
                }
            }
        }
        block.clear();
    };
    for &(s, e) in &lines {
        if text[s..e].trim().is_empty() {
            flush(&mut block, &mut out);
        } else {
            block.push((s, e));
        }
    }
    flush(&mut block, &mut out);
    out
}

/// Splits `text` into sentences, paragraph by paragraph.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (pi, p) in paragraphs(text).iter().enumerate() {
        let para = &text[p.start..p.end];
        for b in sentencex::get_sentence_boundaries("en", para) {
            if let Some((s, e)) = trimmed(text, p.start + b.start_byte, p.start + b.end_byte) {
                out.push(Sentence {
                    start: s,
                    end: e,
                    paragraph: pi,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let t = "Mr. Smith met Dr. Jones in the U.S. on Monday. J. R. Ewing agreed with the U.S. He left.";
        assert_eq!(
            texts(t),
            [
                "Mr. Smith met Dr. Jones in the U.S. on Monday.",
                "J. R. Ewing agreed with the U.S.",
                "He left."
            ]
        );
    }

    #[test]
    fn headings_and_paragraph_lines_are_separate() {
        let t = "Title Here\n\nHeading\nFirst para. Second sentence.\nNext para.";
        let s = split(t);
        assert_eq!(
            texts(t),
            [
                "Title Here",
                "Heading",
                "First para.",
                "Second sentence.",
                "Next para."
            ]
        );
        assert_eq!(
            s.iter().map(|s| s.paragraph).collect::<Vec<_>>(),
            [0, 1, 2, 2, 3]
        );
    }

    #[test]
    fn hard_wrapped_blocks_are_joined() {
        let t = "The minister said on Monday that the\ngovernment would not return to the\ntable until the strike ended. Unions\nwere unmoved.";
        let p = paragraphs(t);
        assert_eq!(p.len(), 1);
        assert_eq!(texts(t).len(), 2);
    }
}
