//! Decoded JSON string literals with the map from decoded offsets back to
//! source offsets, and the escape reader behind them.

use std::sync::Arc;

use text_size::{TextRange, TextSize};

use crate::SharedStr;

/// The decoded content of a JSON string literal (escapes resolved) together
/// with a map from every decoded byte offset back to its source byte offset.
///
/// The map only stores one entry per escape sequence that was resolved; text
/// between escapes maps linearly. Most strings have no escapes and carry no
/// map at all; their text is then a slice of the text the model was parsed
/// from, shared rather than copied. Invalid escapes (`\x`, a `\u` without
/// four hex digits, a lone surrogate) are kept verbatim, so they map linearly
/// too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedString {
    text: SharedStr,
    /// Source offset of the first content byte (just after the opening quote).
    content_start: TextSize,
    /// Source offset just after the last content byte: the closing quote, or
    /// the end of the literal when it is unterminated.
    content_end: TextSize,
    escapes: Box<[ResolvedEscape]>,
}

/// One resolved escape: `decoded_len` decoded bytes starting at
/// `decoded_start` came from `source_len` source bytes starting at
/// `source_start` (relative to `content_start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ResolvedEscape {
    decoded_start: u32,
    source_start: u32,
    decoded_len: u8,
    source_len: u8,
}

/// What `\` followed by the rest of `rest` means.
pub(crate) enum Escape {
    /// A valid escape: the char it stands for and the source bytes it spans.
    Char(char, usize),
    /// A valid `\uXXXX` escape that is a lone surrogate: kept verbatim.
    LoneSurrogate(usize),
    /// Not a valid escape; spans this many source bytes (for the diagnostic).
    Invalid(usize),
}

/// Interprets the escape starting at the backslash `rest[0]`.
pub(crate) fn read_escape(rest: &[u8]) -> Escape {
    debug_assert_eq!(rest.first(), Some(&b'\\'));
    let Some(&next) = rest.get(1) else {
        return Escape::Invalid(1);
    };
    let simple = match next {
        b'"' => Some('"'),
        b'\\' => Some('\\'),
        b'/' => Some('/'),
        b'b' => Some('\u{8}'),
        b'f' => Some('\u{c}'),
        b'n' => Some('\n'),
        b'r' => Some('\r'),
        b't' => Some('\t'),
        _ => None,
    };
    if let Some(c) = simple {
        return Escape::Char(c, 2);
    }
    if next != b'u' {
        // Cover the whole offending char so the range stays on char boundaries.
        let width = match next {
            b'\n' | b'\r' => 0,
            0x00..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
        return Escape::Invalid(1 + width);
    }
    let Some(high) = hex4(rest, 2) else {
        let hex_digits = rest[2..]
            .iter()
            .take(4)
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        return Escape::Invalid(2 + hex_digits);
    };
    if (0xd800..0xdc00).contains(&high) {
        if rest.get(6) == Some(&b'\\')
            && rest.get(7) == Some(&b'u')
            && let Some(low) = hex4(rest, 8)
            && (0xdc00..0xe000).contains(&low)
            && let Some(c) = char::from_u32(0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00))
        {
            return Escape::Char(c, 12);
        }
        return Escape::LoneSurrogate(6);
    }
    match char::from_u32(high) {
        Some(c) => Escape::Char(c, 6),
        None => Escape::LoneSurrogate(6),
    }
}

fn hex4(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = bytes.get(at..at + 4)?;
    let mut value = 0;
    for &d in digits {
        value = value * 16 + (d as char).to_digit(16)?;
    }
    Some(value)
}

impl DecodedString {
    /// Decodes the literal `raw` (quotes included) found at `start` in the file.
    ///
    /// `raw` may be unterminated (no closing quote); a leading quote is
    /// expected but tolerated when absent.
    pub fn decode(raw: &str, start: TextSize) -> Self {
        Self::decode_reporting(raw, start, &mut |_| {})
    }

    /// Like [`DecodedString::decode`], and calls `invalid_escape` with the
    /// source range of every invalid escape sequence.
    fn decode_reporting(
        raw: &str,
        start: TextSize,
        invalid_escape: &mut dyn FnMut(TextRange),
    ) -> Self {
        let source: Arc<str> = Arc::from(raw);
        Self::decode_in(&source, &source, 0, start, invalid_escape)
    }

    /// Decodes the literal of the document `text` that spans `literal`,
    /// sharing `text` when the string holds no escape, and calls
    /// `invalid_escape` with the source range of every invalid escape.
    pub(crate) fn decode_literal(
        text: &Arc<str>,
        literal: TextRange,
        invalid_escape: &mut dyn FnMut(TextRange),
    ) -> Self {
        let bounded = &text[..usize::from(literal.end())];
        let at = usize::from(literal.start());
        Self::decode_in(text, bounded, at, literal.start(), invalid_escape)
    }

    /// `bounded` is `shared` cut at the end of the literal, which starts at
    /// byte `literal_at` of both and at file offset `start`.
    fn decode_in(
        shared: &Arc<str>,
        bounded: &str,
        literal_at: usize,
        start: TextSize,
        invalid_escape: &mut dyn FnMut(TextRange),
    ) -> Self {
        let raw = &bounded[literal_at..];
        let opening = usize::from(raw.starts_with('"'));
        let content_start = start + TextSize::from(opening as u32);
        let bytes = raw.as_bytes();
        let mut text = String::new();
        let mut escapes = Vec::new();
        let mut pos = opening;
        let mut copied_from = opening;
        while pos < bytes.len() {
            match bytes[pos] {
                b'"' => break,
                b'\\' => {
                    let at = |offset: usize| start + TextSize::from(offset as u32);
                    match read_escape(&bytes[pos..]) {
                        Escape::Char(c, len) => {
                            text.push_str(&raw[copied_from..pos]);
                            escapes.push(ResolvedEscape {
                                decoded_start: text.len() as u32,
                                source_start: (pos - opening) as u32,
                                decoded_len: c.len_utf8() as u8,
                                source_len: len as u8,
                            });
                            text.push(c);
                            pos += len;
                            copied_from = pos;
                        }
                        Escape::LoneSurrogate(len) => pos += len,
                        Escape::Invalid(len) => {
                            // A backslash cut off by the end of an unterminated
                            // literal is part of that one problem.
                            if pos + len < bytes.len() {
                                invalid_escape(TextRange::new(at(pos), at(pos + len)));
                            }
                            // The extent of an invalid escape never holds a quote
                            // or a backslash, so skipping it loses no structure.
                            pos += len;
                        }
                    }
                }
                _ => pos += 1,
            }
        }
        let pos = pos.min(bytes.len());
        let content_end = start + TextSize::from(pos as u32);
        let text = if escapes.is_empty() {
            // The decoded text is the source's own content: share it.
            SharedStr::slice(shared, literal_at + opening..literal_at + pos)
        } else {
            text.push_str(&raw[copied_from..pos]);
            SharedStr::from(text)
        };
        DecodedString {
            text,
            content_start,
            content_end,
            escapes: escapes.into_boxed_slice(),
        }
    }

    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }

    /// The decoded text as a handle that is cheap to clone (no copy of the
    /// text), for keeping it beyond the value model.
    pub fn shared(&self) -> &SharedStr {
        &self.text
    }

    /// Source range of the content, quotes excluded.
    pub fn content_range(&self) -> TextRange {
        TextRange::new(self.content_start, self.content_end)
    }

    /// Whether decoding changed anything (the string held a valid escape).
    pub fn has_escapes(&self) -> bool {
        !self.escapes.is_empty()
    }

    /// Source offset of the decoded offset `offset` (0..=len). An offset inside
    /// an escape's expansion maps to the escape's start; `len` maps to the
    /// closing quote. Offsets past the end are clamped to `len`.
    pub fn to_source(&self, offset: TextSize) -> TextSize {
        let offset = u32::from(offset).min(self.text.len() as u32);
        let index = self.escapes.partition_point(|e| e.decoded_start <= offset);
        let relative = match index.checked_sub(1).map(|i| self.escapes[i]) {
            None => offset,
            Some(e) if offset < e.decoded_start + u32::from(e.decoded_len) => e.source_start,
            Some(e) => {
                e.source_start
                    + u32::from(e.source_len)
                    + (offset - e.decoded_start - u32::from(e.decoded_len))
            }
        };
        self.content_start + TextSize::from(relative)
    }

    pub fn range_to_source(&self, range: TextRange) -> TextRange {
        TextRange::new(self.to_source(range.start()), self.to_source(range.end()))
    }

    /// Decoded offset of a source offset inside the literal (the inverse, for
    /// cursors). Defined from the first content byte up to and including the
    /// closing quote; `None` outside. An offset inside an escape sequence maps
    /// to the start of the escape's expansion.
    pub fn from_source(&self, offset: TextSize) -> Option<TextSize> {
        if offset < self.content_start || offset > self.content_end {
            return None;
        }
        let relative = u32::from(offset - self.content_start);
        let index = self.escapes.partition_point(|e| e.source_start <= relative);
        let decoded = match index.checked_sub(1).map(|i| self.escapes[i]) {
            None => relative,
            Some(e) if relative < e.source_start + u32::from(e.source_len) => e.decoded_start,
            Some(e) => {
                e.decoded_start
                    + u32::from(e.decoded_len)
                    + (relative - e.source_start - u32::from(e.source_len))
            }
        };
        Some(TextSize::from(decoded))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};

    fn decode(raw: &str) -> DecodedString {
        DecodedString::decode(raw, TextSize::from(10))
    }

    /// Renders each decoded char with the source text that produced it.
    fn check(raw: &str, expect: Expect) {
        let decoded = decode(raw);
        let mut out = format!("{:?}\n", decoded.as_str());
        for (i, c) in decoded.as_str().char_indices() {
            let from = u32::from(decoded.to_source(TextSize::from(i as u32))) as usize - 10;
            let to = u32::from(decoded.to_source(TextSize::from((i + c.len_utf8()) as u32)))
                as usize
                - 10;
            out += &format!("{c:?} <- {:?}\n", &raw[from..to]);
        }
        let mut errors = Vec::new();
        DecodedString::decode_reporting(raw, TextSize::from(10), &mut |r| errors.push(r));
        for r in errors {
            let r = r - TextSize::from(10);
            out += &format!("invalid escape {:?}\n", &raw[r]);
        }
        expect.assert_eq(&out);
    }

    #[test]
    fn plain_string_maps_linearly() {
        check(
            r#""a😀b""#,
            expect![[r#"
                "a😀b"
                'a' <- "a"
                '😀' <- "😀"
                'b' <- "b"
            "#]],
        );
    }

    #[test]
    fn simple_escapes() {
        check(
            r#""\"\\\/\b\f\n\r\t""#,
            expect![[r#"
                "\"\\/\u{8}\u{c}\n\r\t"
                '"' <- "\\\""
                '\\' <- "\\\\"
                '/' <- "\\/"
                '\u{8}' <- "\\b"
                '\u{c}' <- "\\f"
                '\n' <- "\\n"
                '\r' <- "\\r"
                '\t' <- "\\t"
            "#]],
        );
    }

    #[test]
    fn unicode_escapes_and_surrogate_pairs() {
        check(
            r#""x\u00e9\uD83D\uDE00\u05D0y""#,
            expect![[r#"
                "xé😀אy"
                'x' <- "x"
                'é' <- "\\u00e9"
                '😀' <- "\\uD83D\\uDE00"
                'א' <- "\\u05D0"
                'y' <- "y"
            "#]],
        );
    }

    #[test]
    fn invalid_escapes_are_kept_verbatim() {
        check(
            r#""\x\u12G4\uD800z\é""#,
            expect![[r#"
                "\\x\\u12G4\\uD800z\\é"
                '\\' <- "\\"
                'x' <- "x"
                '\\' <- "\\"
                'u' <- "u"
                '1' <- "1"
                '2' <- "2"
                'G' <- "G"
                '4' <- "4"
                '\\' <- "\\"
                'u' <- "u"
                'D' <- "D"
                '8' <- "8"
                '0' <- "0"
                '0' <- "0"
                'z' <- "z"
                '\\' <- "\\"
                'é' <- "é"
                invalid escape "\\x"
                invalid escape "\\u12"
                invalid escape "\\é"
            "#]],
        );
    }

    #[test]
    fn unterminated_literals_decode_up_to_the_end() {
        check(
            r#""ab\n"#,
            expect![[r#"
                "ab\n"
                'a' <- "a"
                'b' <- "b"
                '\n' <- "\\n"
            "#]],
        );
        check(
            r#""ab\"#,
            expect![[r#"
                "ab\\"
                'a' <- "a"
                'b' <- "b"
                '\\' <- "\\"
            "#]],
        );
        let d = decode(r#""a\""#);
        assert_eq!(d.as_str(), "a\"");
        assert_eq!(d.content_range(), TextRange::new(11.into(), 14.into()));
    }

    #[test]
    fn end_maps_to_the_closing_quote() {
        let d = decode(r#""a\nb""#);
        assert_eq!(d.to_source(TextSize::from(3)), TextSize::from(15));
        assert_eq!(d.to_source(TextSize::from(99)), TextSize::from(15));
        assert_eq!(d.from_source(TextSize::from(15)), Some(TextSize::from(3)));
        assert_eq!(d.from_source(TextSize::from(16)), None);
        assert_eq!(d.from_source(TextSize::from(10)), None);
        // Inside the escape `\n` (source 12..14) the cursor sits before the newline.
        assert_eq!(d.from_source(TextSize::from(13)), Some(TextSize::from(1)));
        let d = decode(r#""\u00e9""#);
        // Inside a two-byte expansion maps to the escape's start.
        assert_eq!(d.to_source(TextSize::from(1)), TextSize::from(11));
        assert_eq!(
            d.range_to_source(TextRange::new(0.into(), 2.into())),
            TextRange::new(11.into(), 17.into())
        );
    }

    #[test]
    fn round_trip_every_char_boundary() {
        for raw in [
            r#""""#,
            r#""plain ascii""#,
            r#""{{a}}\n\t\"q\" \u00e9\uD83D\uDE00 שלום \u200b""#,
            r#""\\\\\\""#,
            r#""bad \q \u12 end""#,
        ] {
            let d = decode(raw);
            let text = d.as_str();
            for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let source = d.to_source(TextSize::from(i as u32));
                assert_eq!(
                    d.from_source(source),
                    Some(TextSize::from(i as u32)),
                    "{raw} at decoded {i}"
                );
            }
        }
    }
}
