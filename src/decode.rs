//! Turning the bytes of a page file into text: BOM sniffing, UTF-8, UTF-16,
//! GB18030/GBK, and line-end normalisation. Binary input is refused.

use std::fmt;

/// The encoding a page file was read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    #[serde(rename = "UTF-8")]
    Utf8,
    /// UTF-8 with a byte-order mark (removed from the text).
    #[serde(rename = "UTF-8-BOM")]
    Utf8Bom,
    /// UTF-16 little endian, with a byte-order mark.
    #[serde(rename = "UTF-16LE")]
    Utf16Le,
    /// UTF-16 big endian, with a byte-order mark.
    #[serde(rename = "UTF-16BE")]
    Utf16Be,
    /// GB18030, a superset of GBK and GB2312.
    #[serde(rename = "GB18030")]
    Gb18030,
}

impl Encoding {
    /// The label used in fixtures and the status bar.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf8Bom => "UTF-8-BOM",
            Self::Utf16Le => "UTF-16LE",
            Self::Utf16Be => "UTF-16BE",
            Self::Gb18030 => "GB18030",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The line ends the file used; the decoded text always uses `\n`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LineEnding {
    /// `\n` (also used for files without any line end).
    Lf,
    /// `\r\n`.
    Crlf,
    /// A lone `\r`.
    Cr,
    /// More than one kind.
    Mixed,
}

/// A decoded page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, with `\n` line ends and no byte-order mark.
    pub text: String,
    /// The encoding the bytes were read with.
    pub encoding: Encoding,
    /// The line ends found in the file.
    pub line_ending: LineEnding,
}

/// Why a file could not be read as a page.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or control characters: not a text file.
    #[error(
        "this looks like a binary file, not a text page (byte {offset} is {what}); open the text that the OCR or PDF extractor produced"
    )]
    Binary {
        /// Byte offset of the first offending byte.
        offset: usize,
        /// What was found there.
        what: &'static str,
    },
    /// Nothing but whitespace: no page to correct.
    #[error(
        "the file is empty or holds only whitespace: there is nothing to correct; check that the extractor wrote the page"
    )]
    Empty,
    /// Larger than Proofdesk reads (char offsets are 32-bit).
    #[error(
        "the page is {bytes} bytes of text, more than the 4 GiB Proofdesk reads; split the file into pages"
    )]
    TooLarge {
        /// Size of the decoded text in bytes.
        bytes: usize,
    },
    /// Neither UTF-8, UTF-16 with BOM, nor GB18030.
    #[error(
        "the file is not valid UTF-8, UTF-16 or GB18030 text (first bad byte at offset {offset}); convert it to UTF-8 and open it again"
    )]
    Undecodable {
        /// Byte offset of the first byte that is not valid UTF-8.
        offset: usize,
    },
}

/// Decodes the bytes of a page file.
///
/// UTF-8 (with or without BOM) and UTF-16 with BOM are recognised by their
/// byte-order mark or validity; anything else must decode as GB18030 without a
/// single replacement character. Line ends become `\n`.
///
/// # Errors
/// [`DecodeError::Binary`] for NUL bytes or other control characters,
/// [`DecodeError::Undecodable`] for bytes that no supported encoding accepts.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|e| DecodeError::Undecodable {
            offset: 3 + e.valid_up_to(),
        })?;
        (text.to_owned(), Encoding::Utf8Bom)
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (enc, label) = if bytes[0] == 0xFF {
            (encoding_rs::UTF_16LE, Encoding::Utf16Le)
        } else {
            (encoding_rs::UTF_16BE, Encoding::Utf16Be)
        };
        let body = &bytes[2..];
        let text = enc
            .decode_without_bom_handling_and_without_replacement(body)
            .ok_or(DecodeError::Undecodable { offset: 2 })?;
        (text.into_owned(), label)
    } else {
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            let nul = DecodeError::Binary {
                offset,
                what: "a NUL byte",
            };
            let Some((enc, label)) = utf16_without_bom(bytes) else {
                return Err(nul);
            };
            let text = enc
                .decode_without_bom_handling_and_without_replacement(bytes)
                .filter(|t| looks_like_text(t))
                .ok_or(nul)?;
            check_controls(&text)?;
            let (text, line_ending) = normalize_line_ends(text.into_owned());
            return Ok(Decoded {
                text,
                encoding: label,
                line_ending,
            });
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_owned(), Encoding::Utf8),
            Err(utf8_err) => {
                let text = encoding_rs::GB18030
                    .decode_without_bom_handling_and_without_replacement(bytes)
                    .ok_or(DecodeError::Undecodable {
                        offset: utf8_err.valid_up_to(),
                    })?;
                (text.into_owned(), Encoding::Gb18030)
            }
        }
    };
    check_controls(&text)?;
    let (text, line_ending) = normalize_line_ends(text);
    Ok(Decoded {
        text,
        encoding,
        line_ending,
    })
}

/// Recognises UTF-16 without a byte-order mark by its zero bytes: text with
/// line ends or ASCII has zero high bytes at every other position (odd
/// positions little endian, even big endian) and none at the others.
fn utf16_without_bom(bytes: &[u8]) -> Option<(&'static encoding_rs::Encoding, Encoding)> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let zeros = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let pairs = head.len() / 2;
    if even == 0 && odd * 10 >= pairs {
        Some((encoding_rs::UTF_16LE, Encoding::Utf16Le))
    } else if odd == 0 && even * 10 >= pairs {
        Some((encoding_rs::UTF_16BE, Encoding::Utf16Be))
    } else {
        None
    }
}

/// Whether decoded text reads like a page: it has a line end, and nearly
/// all of it is CJK, ASCII or whitespace.
fn looks_like_text(text: &str) -> bool {
    let total = text.chars().count().max(1);
    let plain = text
        .chars()
        .filter(|&c| {
            c.is_ascii_graphic()
                || c.is_whitespace()
                || crate::chars::is_ideograph(c)
                || crate::chars::is_cjk_punct(c)
        })
        .count();
    text.contains('\n') && plain * 10 >= total * 9
}

/// Refuses text with NUL or C0/C1 control characters other than tab, line
/// feed, carriage return and form feed.
fn check_controls(text: &str) -> Result<(), DecodeError> {
    // Fast path: no C0 control other than tab, line feed, form feed and
    // carriage return, no DEL, and no C1 control (0xC2 0x80..=0x9F in UTF-8)
    // or U+FFFE (0xEF 0xBF 0xBE).
    let bytes = text.as_bytes();
    let suspicious = bytes.iter().any(|&b| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
            || b == 0x7F
            || b == 0xC2
            || b == 0xEF
    });
    if !suspicious {
        return Ok(());
    }
    let bad = text.char_indices().find(|&(_, c)| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')) || c == '\u{FFFE}'
    });
    match bad {
        Some((offset, '\0')) => Err(DecodeError::Binary {
            offset,
            what: "a NUL character",
        }),
        Some((offset, _)) => Err(DecodeError::Binary {
            offset,
            what: "a control character",
        }),
        None => Ok(()),
    }
}

fn normalize_line_ends(text: String) -> (String, LineEnding) {
    if !text.contains('\r') {
        return (text, LineEnding::Lf);
    }
    let mut out = String::with_capacity(text.len());
    let (mut crlf, mut cr, mut lf) = (false, false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                    crlf = true;
                } else {
                    cr = true;
                }
                out.push('\n');
            }
            '\n' => {
                lf = true;
                out.push('\n');
            }
            _ => out.push(c),
        }
    }
    let ending = match (crlf, cr, lf) {
        (true, false, false) => LineEnding::Crlf,
        (false, true, false) => LineEnding::Cr,
        (false, false, _) => LineEnding::Lf,
        _ => LineEnding::Mixed,
    };
    (out, ending)
}

#[cfg(test)]
mod tests {
    use super::{DecodeError, Encoding, LineEnding, decode};

    const PAGE: &str = "本 报 讯 （记 者 王 凤 侠）11 月 20\n\n日 下 午 ，鹤 山 区";

    #[test]
    fn utf8_plain_and_bom() {
        let d = decode(PAGE.as_bytes()).expect("utf-8 decodes");
        assert_eq!(d.text, PAGE);
        assert_eq!(d.encoding, Encoding::Utf8);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(PAGE.as_bytes());
        let d = decode(&bom).expect("utf-8 with BOM decodes");
        assert_eq!(d.text, PAGE, "the BOM is not part of the text");
        assert_eq!(d.encoding, Encoding::Utf8Bom);
    }

    #[test]
    fn utf16_with_bom() {
        for (bom, be) in [(&b"\xFF\xFE"[..], false), (&b"\xFE\xFF"[..], true)] {
            let mut bytes = bom.to_vec();
            for unit in PAGE.encode_utf16() {
                let pair = if be {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                };
                bytes.extend_from_slice(&pair);
            }
            let d = decode(&bytes).expect("utf-16 decodes");
            assert_eq!(d.text, PAGE);
            assert_eq!(
                d.encoding,
                if be {
                    Encoding::Utf16Be
                } else {
                    Encoding::Utf16Le
                }
            );
        }
    }

    #[test]
    fn gb18030_and_gbk() {
        let (bytes, _, _) = encoding_rs::GB18030.encode(PAGE);
        let d = decode(&bytes).expect("gb18030 decodes");
        assert_eq!(d.text, PAGE);
        assert_eq!(d.encoding, Encoding::Gb18030);
        // 沬 (U+6CAC) is in GBK but not in GB2312.
        let (bytes, _, _) = encoding_rs::GBK.encode("思德河、沬水河");
        assert_eq!(decode(&bytes).expect("gbk decodes").text, "思德河、沬水河");
    }

    #[test]
    fn line_ends() {
        let d = decode(b"a\r\nb\r\n").expect("decodes");
        assert_eq!(
            (d.text.as_str(), d.line_ending),
            ("a\nb\n", LineEnding::Crlf)
        );
        let d = decode(b"a\rb\r").expect("decodes");
        assert_eq!((d.text.as_str(), d.line_ending), ("a\nb\n", LineEnding::Cr));
        let d = decode(b"a\rb\n").expect("decodes");
        assert_eq!(d.line_ending, LineEnding::Mixed);
    }

    #[test]
    fn binary_is_refused() {
        let err = decode(b"PK\x03\x04\x00\x00abc").expect_err("zip is binary");
        assert_eq!(
            err,
            DecodeError::Binary {
                offset: 4,
                what: "a NUL byte"
            }
        );
        assert!(
            err.to_string().contains("binary"),
            "message says what is wrong: {err}"
        );
        let err = decode(b"\x1b[31mred").expect_err("escape codes are refused");
        assert!(
            matches!(err, DecodeError::Binary { offset: 0, .. }),
            "{err:?}"
        );
        let err = decode(&[0xFF, 0xFF, 0xFF, 0x80]).expect_err("undecodable bytes");
        assert!(matches!(err, DecodeError::Undecodable { .. }), "{err:?}");
    }
}
