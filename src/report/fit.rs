//! Fitting terminal tables to the terminal's width.
//!
//! The width is the terminal's when standard output is a terminal, else the `COLUMNS`
//! environment variable when it holds a positive number, else unknown. With a known width,
//! tables use comfy-table's dynamic arrangement (cells wrap inside their column, so no line is
//! wider than the width) and, below [`COMPACT_BELOW`] columns, a compact column set unless
//! `--wide` asks for every column. With an unknown width (piped output without `COLUMNS`)
//! tables are printed as they always were: every column, no wrapping.

use comfy_table::{ContentArrangement, Table};
use std::io::IsTerminal;
use unicode_width::UnicodeWidthStr;

/// Below this many columns, tables show their compact column set (unless `wide`).
pub const COMPACT_BELOW: u16 = 140;

/// How terminal tables are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fit {
    /// Width to fit in, in display columns; `None` prints tables unwrapped.
    pub width: Option<u16>,
    /// Show every column even when the width is below [`COMPACT_BELOW`].
    pub wide: bool,
}

impl Fit {
    /// The width of standard output (terminal size, else `COLUMNS`), with `wide` as given.
    pub fn detect(wide: bool) -> Self {
        let width = if std::io::stdout().is_terminal() {
            Table::new().width().or_else(columns_env)
        } else {
            columns_env()
        };
        Fit { width, wide }
    }

    /// Whether tables should show their compact column set.
    pub fn compact(&self) -> bool {
        !self.wide && self.width.is_some_and(|w| w < COMPACT_BELOW)
    }

    /// `text` broken at spaces into lines no wider than the width (display columns; a word
    /// wider than the width keeps a line of its own), or unchanged when no width is known.
    pub fn wrap(&self, text: &str) -> String {
        let Some(w) = self.width.map(usize::from) else {
            return text.to_string();
        };
        let mut out = String::new();
        let mut line_width = 0;
        for word in text.split(' ') {
            let ww = UnicodeWidthStr::width(word);
            if line_width > 0 && line_width + 1 + ww > w {
                out.push('\n');
                line_width = 0;
            } else if line_width > 0 {
                out.push(' ');
                line_width += 1;
            }
            out.push_str(word);
            line_width += ww;
        }
        out
    }

    /// Sets `t` to wrap its cells within the width, when one is known.
    pub fn apply(&self, t: &mut Table) {
        if let Some(w) = self.width {
            t.set_content_arrangement(ContentArrangement::Dynamic);
            t.set_width(w);
        }
    }
}

/// `COLUMNS` as a positive width, if set.
fn columns_env() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<u16>().ok())
        .filter(|&w| w > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_only_below_140_and_not_wide() {
        let f = |width, wide| Fit { width, wide }.compact();
        assert!(f(Some(80), false));
        assert!(f(Some(139), false));
        assert!(!f(Some(140), false));
        assert!(!f(Some(80), true));
        assert!(!f(None, false));
    }

    #[test]
    fn wrap_breaks_at_spaces_within_the_width() {
        let fit = Fit {
            width: Some(12),
            wide: false,
        };
        assert_eq!(
            fit.wrap("Stance toward talks by speaker"),
            "Stance\ntoward talks\nby speaker"
        );
        assert_eq!(fit.wrap("a verylongwordhere b"), "a\nverylongwordhere\nb");
        assert_eq!(Fit::default().wrap("x y"), "x y");
    }

    #[test]
    fn a_known_width_wraps_cells_within_it() {
        let mut t = Table::new();
        t.set_header(vec!["speaker", "quote"]);
        t.add_row(vec![
            "a long speaker name of several words",
            "a quote long enough that it cannot fit on one line of forty columns at all",
        ]);
        Fit {
            width: Some(40),
            wide: false,
        }
        .apply(&mut t);
        let s = t.to_string();
        assert!(s.lines().count() > 5, "{s}");
        for line in s.lines() {
            assert!(line.chars().count() <= 40, "{line}");
        }
    }
}
