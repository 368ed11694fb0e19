//! Turning the bytes of a page file into text: BOM sniffing, UTF-8, UTF-16,
//! GB18030/GBK, Big5, and line-end normalisation. Binary input is refused.

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
    /// UTF-16 little endian, with or without a byte-order mark.
    #[serde(rename = "UTF-16LE")]
    Utf16Le,
    /// UTF-16 big endian, with or without a byte-order mark.
    #[serde(rename = "UTF-16BE")]
    Utf16Be,
    /// GB18030, a superset of GBK and GB2312.
    #[serde(rename = "GB18030")]
    Gb18030,
    /// Big5, the legacy encoding of traditional Chinese (Hong Kong,
    /// Taiwan), with the HKSCS extensions.
    #[serde(rename = "Big5")]
    Big5,
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
            Self::Big5 => "Big5",
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
    /// Neither UTF-8, UTF-16 with BOM, GB18030 nor Big5.
    #[error(
        "the file is not valid UTF-8, UTF-16, GB18030 or Big5 text (first bad byte at offset {offset}); convert it to UTF-8 and open it again"
    )]
    Undecodable {
        /// Byte offset of the first byte that is not valid UTF-8.
        offset: usize,
    },
    /// An hOCR or ALTO file that could not be read.
    #[error(transparent)]
    Ocr(#[from] crate::ocr::OcrError),
}

/// Decodes the bytes of a page file.
///
/// UTF-8 (with or without BOM) and UTF-16 with BOM are recognised by their
/// byte-order mark or validity, UTF-16 without BOM by where its zero bytes
/// are and by decoding to text; anything else is a legacy Chinese encoding
/// (`legacy_chinese`): GB18030 or Big5, decoded without a single
/// replacement character. Line ends become `\n`.
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
        if let Some(offset) = memchr::memchr(0, bytes) {
            let Some((text, label)) = utf16_without_bom(bytes) else {
                return Err(DecodeError::Binary {
                    offset,
                    what: "a NUL byte",
                });
            };
            check_controls(&text)?;
            let (text, line_ending) = normalize_line_ends(text);
            return Ok(Decoded {
                text,
                encoding: label,
                line_ending,
            });
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_owned(), Encoding::Utf8),
            Err(utf8_err) => legacy_chinese(bytes).ok_or(DecodeError::Undecodable {
                offset: utf8_err.valid_up_to(),
            })?,
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

/// Decodes a page in a legacy Chinese encoding: Big5 (traditional
/// characters) where the detector `chardetng` (Firefox's) guesses Big5 and
/// the bytes decode so, else GB18030 (a superset of GBK and GB2312, the
/// simplified characters' encodings), else Big5; `None` when neither
/// decodes without a replacement character.
///
/// Nearly any bytes decode as GB18030, so a Big5 page would come out as
/// other characters without the guess: `本報訊（記者` in Big5 reads
/// `セ厨癟癘` as GB18030.
fn legacy_chinese(bytes: &[u8]) -> Option<(String, Encoding)> {
    let big5 = || {
        encoding_rs::BIG5
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|t| (t.into_owned(), Encoding::Big5))
    };
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    if detector.guess(None, chardetng::Utf8Detection::Deny) == encoding_rs::BIG5
        && let Some(decoded) = big5()
    {
        return Some(decoded);
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| (t.into_owned(), Encoding::Gb18030))
        .or_else(big5)
}

/// How much of a file is looked at to tell UTF-16 by its zero bytes.
const UTF16_SNIFF_BYTES: usize = 64 * 1024;

/// Decodes UTF-16 without a byte-order mark, recognised by its code units'
/// zero bytes: ASCII (line ends, digits, spaces) has a zero high byte, so one
/// parity (odd positions little endian, even big endian) has many zero bytes.
/// The other parity has some too (一 U+4E00, 最 U+6700, the ideographic space
/// U+3000), but clearly fewer in binary-free text; when the zero bytes are
/// spread evenly over both parities the bytes are binary.
///
/// The byte order with more zero high bytes is tried first, then the other
/// (a page indented with ideographic spaces can have more zero low bytes);
/// the text is kept only if it reads like a page ([`looks_like_text`]).
fn utf16_without_bom(bytes: &[u8]) -> Option<(String, Encoding)> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let head = &bytes[..bytes.len().min(UTF16_SNIFF_BYTES)];
    let zeros = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    // Zero high bytes: odd positions in little endian, even in big endian.
    let (le_high, be_high) = (zeros(1), zeros(0));
    let (more, fewer) = (le_high.max(be_high), le_high.min(be_high));
    if more < 2 * fewer {
        return None;
    }
    let le = (encoding_rs::UTF_16LE, Encoding::Utf16Le);
    let be = (encoding_rs::UTF_16BE, Encoding::Utf16Be);
    let order = if le_high >= be_high {
        [le, be]
    } else {
        [be, le]
    };
    order.into_iter().find_map(|(enc, label)| {
        enc.decode_without_bom_handling_and_without_replacement(bytes)
            .filter(|t| looks_like_text(t))
            .map(|t| (t.into_owned(), label))
    })
}

/// Whether decoded text reads like a page: it has a line end (`\n` or a lone
/// `\r`), and nearly all of it is CJK, ASCII or whitespace.
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
    text.contains(['\n', '\r']) && plain * 10 >= total * 9
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

    /// The bundled page: it has 一, 最, 开 and 需 (U+xx00), whose low byte is
    /// zero in UTF-16.
    const SEED: &str = include_str!("../../../tests/data/seed_page.txt");

    fn utf16(text: &str, be: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect()
    }

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
    fn big5_is_told_from_gb18030() {
        let traditional =
            "本 報 訊 （記 者 王 鳳 俠）11 月 20\n\n日 下 午 ，鶴 山 區 舉 辦 培 訓 會 。";
        let (bytes, _, unmappable) = encoding_rs::BIG5.encode(traditional);
        assert!(!unmappable);
        let d = decode(&bytes).expect("Big5 decodes");
        assert_eq!((d.text.as_str(), d.encoding), (traditional, Encoding::Big5));
        // The same bytes as GB18030 would be other characters.
        let (gb, _) = encoding_rs::GB18030.decode_without_bom_handling(&bytes);
        assert_ne!(gb, traditional);
        // Simplified text in GBK stays GB18030.
        let (bytes, _, _) = encoding_rs::GBK.encode(PAGE);
        let d = decode(&bytes).expect("GBK decodes");
        assert_eq!((d.text.as_str(), d.encoding), (PAGE, Encoding::Gb18030));
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

    #[test]
    fn utf16_without_bom_with_low_zero_bytes() {
        assert!(
            SEED.contains('一') && SEED.contains('最'),
            "the seed has characters at U+xx00"
        );
        let utf8 = decode(SEED.as_bytes()).expect("the seed decodes as UTF-8");
        for (be, encoding) in [(false, Encoding::Utf16Le), (true, Encoding::Utf16Be)] {
            let d = decode(&utf16(SEED, be)).unwrap_or_else(|e| panic!("{encoding}: {e}"));
            assert_eq!(d.text, utf8.text, "{encoding} gives the same text as UTF-8");
            assert_eq!(d.encoding, encoding);
            assert_eq!(d.line_ending, utf8.line_ending, "{encoding}");
        }
    }

    #[test]
    fn utf16_without_bom_indented_with_ideographic_spaces() {
        // More zero bytes at the low-byte parity (U+3000) than at the high-byte
        // one (only the line ends are ASCII), and lone CR line ends.
        let page = "\u{3000}\u{3000}需要一开最好\r\u{3000}\u{3000}本报讯鹤山区\r".repeat(40);
        for (be, encoding) in [(false, Encoding::Utf16Le), (true, Encoding::Utf16Be)] {
            let d = decode(&utf16(&page, be)).unwrap_or_else(|e| panic!("{encoding}: {e}"));
            assert_eq!(d.text, page.replace('\r', "\n"), "{encoding}");
            assert_eq!((d.encoding, d.line_ending), (encoding, LineEnding::Cr));
        }
    }

    #[test]
    fn binary_with_nul_bytes_is_still_refused() {
        // Random bytes with NULs at both parities (a fixed pseudo-random series).
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let random: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let [byte, choice, ..] = state.to_le_bytes();
                if choice < 40 { 0 } else { byte }
            })
            .collect();
        // A PNG header, then an image of zeros with a few bytes set.
        let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00".to_vec();
        png.resize(4096, 0);
        for i in (100..4096).step_by(37) {
            png[i] = 0x0A;
        }
        // Zeros only at one parity, as in UTF-16, but the other bytes are no
        // text: Latin-1 letters and signs, no control character among them.
        let one_parity: Vec<u8> = (0..4096_u32)
            .map(|i| match (i % 2, i % 64) {
                (1, _) => 0,
                (_, 0) => b'\n',
                _ => 0xA0 + (i % 96) as u8,
            })
            .collect();
        for (name, bytes) in [("random", random), ("png", png), ("one parity", one_parity)] {
            let err = decode(&bytes).expect_err(name);
            assert!(matches!(err, DecodeError::Binary { .. }), "{name}: {err:?}");
        }
    }
}
