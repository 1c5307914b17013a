//! The only place where byte offsets meet protocol positions. Analysis speaks
//! bytes; the client speaks (line, column) in the negotiated encoding. Every
//! conversion clamps instead of failing, because a client that is one edit
//! ahead or behind must never bring the server down.

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

/// The unit in which a `Position.character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    Utf8,
    /// The protocol's default, and the only encoding every client supports.
    #[default]
    Utf16,
}

impl PositionEncoding {
    /// Picks UTF-8 when the client offers it (no conversion cost for us),
    /// otherwise UTF-16, which every client must support.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Self::Utf8,
            _ => Self::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Self::Utf8 => PositionEncodingKind::UTF8,
            Self::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    /// How many of this encoding's units `text` takes: the length of a
    /// string a protocol field measures (a signature label's offsets).
    pub fn units(self, text: &str) -> usize {
        match self {
            Self::Utf8 => text.len(),
            Self::Utf16 => text.encode_utf16().count(),
        }
    }
}

/// How many units of `encoding` the whitespace that opens `line` takes:
/// whether a position's column lies within a line's indentation.
pub fn indentation_units(rope: &Rope, line: usize, encoding: PositionEncoding) -> Option<usize> {
    let text = rope.get_line(line)?;
    let indentation: String = text
        .chars()
        .take_while(|c| c.is_whitespace() && *c != '\n' && *c != '\r')
        .collect();
    Some(encoding.units(&indentation))
}

/// Byte offset of a protocol position. Lines past the end clamp to the end of
/// the text; columns past the end of a line clamp to the line's end (before
/// its terminator); a column inside a character (a UTF-8 continuation byte or
/// the second half of a surrogate pair) rounds down to that character's start.
pub fn from_proto(rope: &Rope, position: Position, encoding: PositionEncoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let line_start_char = rope.line_to_char(line);
    let line_end_char = line_start_char + line_len_without_terminator(rope, line);
    let column = position.character as usize;
    let char_index = match encoding {
        PositionEncoding::Utf8 => {
            let line_start_byte = rope.char_to_byte(line_start_char);
            let line_end_byte = rope.char_to_byte(line_end_char);
            let target = (line_start_byte + column).min(line_end_byte);
            rope.byte_to_char(target)
        }
        PositionEncoding::Utf16 => {
            let line_start_cu = rope.char_to_utf16_cu(line_start_char);
            let line_end_cu = rope.char_to_utf16_cu(line_end_char);
            let target = (line_start_cu + column).min(line_end_cu);
            rope.utf16_cu_to_char(target)
        }
    };
    rope.char_to_byte(char_index)
}

/// Protocol position of a byte offset. Offsets past the end clamp to the end;
/// an offset inside a character rounds down to the character's start.
pub fn to_proto(rope: &Rope, offset: usize, encoding: PositionEncoding) -> Position {
    let offset = offset.min(rope.len_bytes());
    let char_index = rope.byte_to_char(offset);
    let line = rope.char_to_line(char_index);
    let line_start_char = rope.line_to_char(line);
    // An offset between `\r` and `\n` still belongs to the line's end.
    let char_index = char_index.min(line_start_char + line_len_without_terminator(rope, line));
    let column = match encoding {
        PositionEncoding::Utf8 => {
            rope.char_to_byte(char_index) - rope.char_to_byte(line_start_char)
        }
        PositionEncoding::Utf16 => {
            rope.char_to_utf16_cu(char_index) - rope.char_to_utf16_cu(line_start_char)
        }
    };
    Position::new(saturate(line), saturate(column))
}

/// Byte range of a protocol range; a reversed range is treated as empty at
/// its earlier end.
pub fn range_from_proto(rope: &Rope, range: Range, encoding: PositionEncoding) -> (usize, usize) {
    let start = from_proto(rope, range.start, encoding);
    let end = from_proto(rope, range.end, encoding);
    if end < start {
        (end, end)
    } else {
        (start, end)
    }
}

pub fn range_to_proto(rope: &Rope, start: usize, end: usize, encoding: PositionEncoding) -> Range {
    Range::new(
        to_proto(rope, start, encoding),
        to_proto(rope, end, encoding),
    )
}

/// Characters of a line, not counting `\n`, `\r\n` or `\r`.
fn line_len_without_terminator(rope: &Rope, line: usize) -> usize {
    let slice = rope.line(line);
    let mut len = slice.len_chars();
    if len > 0 && slice.char(len - 1) == '\n' {
        len -= 1;
    }
    if len > 0 && slice.char(len - 1) == '\r' {
        len -= 1;
    }
    len
}

fn saturate(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::PositionEncoding::{Utf8, Utf16};
    use super::*;

    #[test]
    fn indentation_and_text_lengths_count_in_the_negotiated_unit() {
        // U+3000 (ideographic space) is whitespace of three UTF-8 bytes and
        // one UTF-16 unit.
        let rope = Rope::from_str("{\n\u{3000}\t}\n");
        assert_eq!(indentation_units(&rope, 1, Utf8), Some(4));
        assert_eq!(indentation_units(&rope, 1, Utf16), Some(2));
        assert_eq!(indentation_units(&rope, 0, Utf16), Some(0));
        assert_eq!(indentation_units(&rope, 9, Utf16), None);
        assert_eq!(Utf16.units("a😀"), 3);
        assert_eq!(Utf8.units("a😀"), 5);
    }

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    /// Checks both directions: the position of `offset`, and that the
    /// position leads back to `offset`.
    fn round_trip(text: &str, offset: usize, encoding: PositionEncoding, expected: Position) {
        let rope = Rope::from_str(text);
        assert_eq!(
            to_proto(&rope, offset, encoding),
            expected,
            "to_proto({offset})"
        );
        assert_eq!(
            from_proto(&rope, expected, encoding),
            offset,
            "from_proto({expected:?})"
        );
    }

    #[test]
    fn ascii_is_the_same_in_both_encodings() {
        for encoding in [Utf8, Utf16] {
            round_trip("ab\ncd", 4, encoding, pos(1, 1));
            round_trip("ab\ncd", 0, encoding, pos(0, 0));
            round_trip("ab\ncd", 5, encoding, pos(1, 2));
        }
    }

    #[test]
    fn emoji_counts_two_utf16_units_and_four_bytes() {
        // "a😀b": 😀 is 4 bytes, 2 UTF-16 code units.
        let text = "a😀b";
        round_trip(text, 5, Utf16, pos(0, 3));
        round_trip(text, 5, Utf8, pos(0, 5));
        round_trip(text, 1, Utf16, pos(0, 1));
    }

    #[test]
    fn column_inside_a_surrogate_pair_rounds_down() {
        let rope = Rope::from_str("line2 😀😀 end");
        // UTF-16 column 7 is the second half of the first emoji (starts at 6).
        assert_eq!(from_proto(&rope, pos(0, 7), Utf16), 6);
        // UTF-8 column 8 is a continuation byte of the first emoji.
        assert_eq!(from_proto(&rope, pos(0, 8), Utf8), 6);
        // A byte offset inside the emoji maps to its start.
        assert_eq!(to_proto(&rope, 7, Utf16), pos(0, 6));
        assert_eq!(to_proto(&rope, 7, Utf8), pos(0, 6));
    }

    #[test]
    fn known_offsets_after_umlaut_and_emoji() {
        // "ü😀x": ü = 2 bytes / 1 unit, 😀 = 4 bytes / 2 units.
        round_trip("ü😀x", 6, Utf16, pos(0, 3));
        round_trip("ü😀x", 6, Utf8, pos(0, 6));
    }

    #[test]
    fn hebrew_is_two_bytes_and_one_utf16_unit_per_letter() {
        let text = "\"שלום\": 1";
        // After the closing quote: 1 + 4 letters * 2 bytes + 1 = 10 bytes.
        round_trip(text, 10, Utf8, pos(0, 10));
        round_trip(text, 10, Utf16, pos(0, 6));
    }

    #[test]
    fn zero_width_space_is_a_character_not_a_line_break() {
        let text = "a\u{200B}b\nc";
        // U+200B is 3 bytes, 1 UTF-16 unit.
        round_trip(text, 4, Utf8, pos(0, 4));
        round_trip(text, 4, Utf16, pos(0, 2));
        round_trip(text, 6, Utf16, pos(1, 0));
    }

    #[test]
    fn unicode_line_separators_do_not_start_lines() {
        // U+2028 and NEL are not line breaks in LSP.
        let rope = Rope::from_str("a\u{2028}b\u{85}c\nd");
        assert_eq!(to_proto(&rope, rope.len_bytes() - 1, Utf16), pos(1, 0));
        assert_eq!(to_proto(&rope, 4, Utf16), pos(0, 2));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        for encoding in [Utf8, Utf16] {
            round_trip("ab\r\ncd", 4, encoding, pos(1, 0));
            round_trip("ab\rcd", 3, encoding, pos(1, 0));
            round_trip("ab\r\ncd", 2, encoding, pos(0, 2));
        }
        let rope = Rope::from_str("ab\r\ncd");
        // Between `\r` and `\n`: still the end of line 0.
        assert_eq!(to_proto(&rope, 3, Utf16), pos(0, 2));
        // A column past the end of a CRLF line stops before the terminator.
        assert_eq!(from_proto(&rope, pos(0, 99), Utf16), 2);
        assert_eq!(from_proto(&rope, pos(0, 99), Utf8), 2);
    }

    #[test]
    fn tabs_count_as_one_unit() {
        for encoding in [Utf8, Utf16] {
            round_trip("\t\t\"k\"", 3, encoding, pos(0, 3));
        }
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let rope = Rope::from_str("ab\ncd\n");
        for encoding in [Utf8, Utf16] {
            assert_eq!(from_proto(&rope, pos(0, 50), encoding), 2);
            assert_eq!(from_proto(&rope, pos(2, 5), encoding), 6);
            assert_eq!(from_proto(&rope, pos(99, 0), encoding), 6);
            assert_eq!(to_proto(&rope, 1000, encoding), pos(2, 0));
        }
        let empty = Rope::new();
        assert_eq!(from_proto(&empty, pos(3, 3), Utf16), 0);
        assert_eq!(to_proto(&empty, 3, Utf16), pos(0, 0));
    }

    #[test]
    fn reversed_range_is_empty_at_its_earlier_end() {
        let rope = Rope::from_str("abcdef");
        let range = Range::new(pos(0, 4), pos(0, 1));
        assert_eq!(range_from_proto(&rope, range, Utf16), (1, 1));
    }

    #[test]
    fn negotiation_prefers_utf8_only_when_offered() {
        let utf16_only = [PositionEncodingKind::UTF16];
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(PositionEncoding::negotiate(Some(&utf16_only)), Utf16);
        assert_eq!(PositionEncoding::negotiate(Some(&both)), Utf8);
        assert_eq!(PositionEncoding::negotiate(None), Utf16);
        assert_eq!(
            PositionEncoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Utf16
        );
    }
}
