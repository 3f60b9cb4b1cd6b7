//! Bytes to text: byte-order marks, UTF-16, Latin-1, and files that are not text at all.
//!
//! - A UTF-8 byte-order mark is dropped; UTF-16 LE or BE with a byte-order mark is decoded
//!   ([`encoding_rs`]). A byte-order mark always wins over `--encoding`.
//! - Without a byte-order mark the bytes are UTF-8, or Latin-1 with [`InputEncoding::Latin1`]
//!   (`--encoding latin1`; decoded as windows-1252, the WHATWG meaning of the label "latin1",
//!   so the curly quotes of Windows exports, bytes 0x93/0x94, become “ ”).
//! - PDF (`%PDF-`), ZIP (also .docx/.odt), gzip, PNG, JPEG and GIF files, and any text with a
//!   NUL character after decoding, are errors that name the file and the kind of file found.

use crate::error::{Error, Result};

/// How bytes without a byte-order mark are decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum InputEncoding {
    /// UTF-8 (the default); invalid bytes are an error that names this option as the fix.
    #[default]
    #[value(name = "utf8", alias = "utf-8")]
    Utf8,
    /// Latin-1 / ISO-8859-1, read as windows-1252 (its superset that browsers use).
    #[value(
        name = "latin1",
        alias = "iso-8859-1",
        alias = "windows-1252",
        alias = "cp1252"
    )]
    Latin1,
}

impl InputEncoding {
    /// The `encoding_rs` encoding used without a byte-order mark.
    pub fn encoding(self) -> &'static encoding_rs::Encoding {
        match self {
            InputEncoding::Utf8 => encoding_rs::UTF_8,
            InputEncoding::Latin1 => encoding_rs::WINDOWS_1252,
        }
    }
}

/// The kind of a non-text file recognised by its first bytes (its "magic number"), if any.
pub fn binary_kind(head: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 6] = [
        (b"%PDF-", "a PDF file"),
        (b"PK\x03\x04", "a ZIP archive (or .docx/.odt document)"),
        (b"\x1f\x8b", "a gzip-compressed file"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| head.starts_with(m))
        .map(|&(_, k)| k)
}

/// The error for a non-text file at `place`.
pub fn not_text(place: &str, kind: &str) -> Error {
    Error::BadArticle {
        path: place.into(),
        message: format!(
            "{kind}, not a text article (convert it to text first, or pass --skip-bad to skip it)"
        ),
    }
}

/// The error for bytes that are not valid UTF-8 at byte `offset`.
pub fn not_utf8(place: &str, offset: usize) -> Error {
    Error::BadArticle {
        path: place.into(),
        message: format!(
            "not UTF-8 text (invalid byte at offset {offset}); if it is Latin-1 or windows-1252, pass --encoding latin1"
        ),
    }
}

/// Decodes a whole file's bytes as described in the module docs; `place` names the file in
/// errors.
///
/// # Errors
/// [`Error::BadArticle`] for a known binary format, a NUL character, invalid UTF-8 (naming
/// `--encoding latin1`) or malformed UTF-16.
pub fn decode(bytes: Vec<u8>, encoding: InputEncoding, place: &str) -> Result<String> {
    if let Some(kind) = binary_kind(&bytes) {
        return Err(not_text(place, kind));
    }
    let text = match encoding_rs::Encoding::for_bom(&bytes) {
        Some((enc, bom)) => {
            let (text, malformed) = enc.decode_without_bom_handling(&bytes[bom..]);
            if malformed {
                return Err(Error::BadArticle {
                    path: place.into(),
                    message: format!("malformed {} text after its byte-order mark", enc.name()),
                });
            }
            text.into_owned()
        }
        None => match encoding {
            InputEncoding::Utf8 => String::from_utf8(bytes)
                .map_err(|e| not_utf8(place, e.utf8_error().valid_up_to()))?,
            InputEncoding::Latin1 => encoding
                .encoding()
                .decode_without_bom_handling(&bytes)
                .0
                .into_owned(),
        },
    };
    if text.contains('\0') {
        return Err(Error::BadArticle {
            path: place.into(),
            message: "binary file (contains NUL bytes), not an article".into(),
        });
    }
    Ok(text)
}

/// A reader that yields UTF-8 for a stream in the given encoding, honouring and removing a
/// byte-order mark (UTF-8 passes through unchecked: the caller's line reader validates it).
pub fn decoding_reader<R: std::io::Read>(
    reader: R,
    encoding: InputEncoding,
) -> encoding_rs_io::DecodeReaderBytes<R, Vec<u8>> {
    // UTF-8: no explicit encoding, so bytes pass through (a BOM is still sniffed)
    let explicit = match encoding {
        InputEncoding::Utf8 => None,
        InputEncoding::Latin1 => Some(encoding.encoding()),
    };
    encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(explicit)
        .bom_override(true)
        .utf8_passthru(true)
        .strip_bom(true)
        .build(reader)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, le: bool) -> Vec<u8> {
        let mut out = if le {
            vec![0xff, 0xfe]
        } else {
            vec![0xfe, 0xff]
        };
        for u in s.encode_utf16() {
            let b = if le { u.to_le_bytes() } else { u.to_be_bytes() };
            out.extend(b);
        }
        out
    }

    #[test]
    fn boms_and_utf16_are_decoded() {
        let s = "\u{201c}No talks,\u{201d} she said.";
        assert_eq!(decode(utf16(s, true), InputEncoding::Utf8, "a").unwrap(), s);
        assert_eq!(
            decode(utf16(s, false), InputEncoding::Utf8, "a").unwrap(),
            s
        );
        let mut b = vec![0xef, 0xbb, 0xbf];
        b.extend(s.as_bytes());
        assert_eq!(decode(b, InputEncoding::Latin1, "a").unwrap(), s);
    }

    #[test]
    fn latin1_needs_the_option_and_then_reads() {
        let b = b"Caf\xe9 \x93deal\x94".to_vec();
        let e = decode(b.clone(), InputEncoding::Utf8, "f.txt").unwrap_err();
        let e = e.to_string();
        assert!(e.starts_with("f.txt: not UTF-8"), "{e}");
        assert!(e.contains("--encoding latin1"), "{e}");
        assert_eq!(
            decode(b, InputEncoding::Latin1, "f.txt").unwrap(),
            "Café \u{201c}deal\u{201d}"
        );
    }

    #[test]
    fn binaries_are_named() {
        let e = decode(b"%PDF-1.7\n1 0 obj".to_vec(), InputEncoding::Utf8, "r.pdf").unwrap_err();
        assert!(e.to_string().starts_with("r.pdf: a PDF file"), "{e}");
        let e = decode(b"ab\0cd".to_vec(), InputEncoding::Latin1, "b.txt").unwrap_err();
        assert!(e.to_string().contains("binary"), "{e}");
        assert_eq!(binary_kind(b"plain text"), None);
    }

    #[test]
    fn the_stream_reader_keeps_invalid_utf8_for_the_line_reader() {
        use std::io::BufRead;
        let mut line = String::new();
        let got = std::io::BufReader::new(decoding_reader(&b"Caf\xe9\n"[..], InputEncoding::Utf8))
            .read_line(&mut line);
        assert_eq!(got.unwrap_err().kind(), std::io::ErrorKind::InvalidData);
    }

    #[test]
    fn the_stream_reader_decodes_utf16_and_strips_boms() {
        use std::io::Read;
        let s = "{\"text\": \"One.\"}\n";
        for bytes in [
            utf16(s, true),
            [&[0xef, 0xbb, 0xbf][..], s.as_bytes()].concat(),
        ] {
            let mut out = String::new();
            decoding_reader(&bytes[..], InputEncoding::Utf8)
                .read_to_string(&mut out)
                .unwrap();
            assert_eq!(out, s);
        }
    }
}
