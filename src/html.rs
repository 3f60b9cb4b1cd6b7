//! Web pages to articles: the readable part of an HTML page (title, byline, date, body).
//!
//! The page goes through [`dom_smoothie`], a port of Mozilla's readability.js (the Firefox
//! Reader View extractor), which drops navigation, adverts, scripts, forms and footers and keeps
//! the article body. The body is written as plain text with one blank line between paragraphs
//! (so the quote finder sees paragraph breaks, as in a `.txt` article), entities decoded.

use crate::corpus::{Article, clean_text};
use crate::error::{Error, Result};

/// What [`extract`] finds in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The article title (from the page's headline or `<title>`), if any.
    pub title: Option<String>,
    /// The author line ("By Jane Doe"), if the page has one.
    pub byline: Option<String>,
    /// The site name (`og:site_name`), if the page has one.
    pub site_name: Option<String>,
    /// The publication time as the page gives it (`article:published_time`, JSON-LD), if any.
    pub published: Option<String>,
    /// The body: paragraphs separated by one blank line.
    pub text: String,
}

/// The readable content of an HTML page; `place` names the file in errors.
///
/// # Errors
/// [`Error::BadArticle`] when the page cannot be parsed or has no readable body.
pub fn extract(html: &str, place: &str) -> Result<Page> {
    let bad = |m: String| Error::BadArticle {
        path: place.into(),
        message: m,
    };
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let mut r = dom_smoothie::Readability::new(html, None, Some(cfg))
        .map_err(|e| bad(format!("not a readable HTML page: {e}")))?;
    let a = r
        .parse()
        .map_err(|e| bad(format!("no article body found in the HTML page: {e}")))?;
    let text = paragraphs(&clean_text(a.text_content.to_string()));
    if text.trim().is_empty() {
        return Err(bad("no article text in the HTML page".into()));
    }
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Ok(Page {
        title: nonempty(Some(clean_text(a.title))),
        byline: nonempty(a.byline.map(clean_text)),
        site_name: nonempty(a.site_name.map(clean_text)),
        published: nonempty(a.published_time),
        text,
    })
}

/// Text with every non-blank line trimmed (inner runs of spaces collapsed) and lines joined
/// by one blank line: each line of the extractor's output is a paragraph or a heading.
fn paragraphs(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    let mut out = lines.join("\n\n");
    out.push('\n');
    out
}

/// An [`Article`] from a page: `source` is the byline and site name where the page has them
/// ("By Jane Doe (Harbour Times)"); `date` the published time.
///
/// # Errors
/// As [`extract`].
pub fn article(id: String, html: &str, place: &str) -> Result<Article> {
    let p = extract(html, place)?;
    let source = match (p.byline, p.site_name) {
        (Some(b), Some(s)) => Some(format!("{b} ({s})")),
        (b, s) => b.or(s),
    };
    Ok(Article {
        id,
        title: p.title,
        date: p.published,
        source,
        text: p.text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_paragraphs_without_the_page_furniture() {
        let html = r#"<html><head><title>Port talks resume - Harbour Times</title>
<meta property="article:published_time" content="2025-03-02T10:00:00Z">
<script>var ads = "buy now";</script></head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Port talks resume</h1>
<p>The union&#8217;s leader said on Monday that the strike would end if the owners came back to the table with a written offer for every crew.</p>
<p>&quot;We are ready to sit down tomorrow,&quot; the mediator told reporters outside the hall, adding that both sides had agreed on a venue for the next round.</p>
<p>The owners did not reply to questions about the offer, and a spokesman for the port authority said the terminals would stay closed until further notice.</p>
</article><footer>Copyright Harbour Times. Subscribe today.</footer></body></html>"#;
        let p = extract(html, "page.html").unwrap();
        assert!(
            p.text
                .contains("\"We are ready to sit down tomorrow,\" the mediator")
        );
        assert!(p.text.contains("union\u{2019}s leader"));
        assert!(!p.text.contains("Subscribe"), "{}", p.text);
        assert!(!p.text.contains("buy now"), "{}", p.text);
        assert!(p.text.contains("offer for every crew.\n\n"), "{}", p.text);
        assert_eq!(p.published.as_deref(), Some("2025-03-02T10:00:00Z"));
    }
}
