//! The text edits the formatter produces and how they apply to a text.

use text_size::{TextRange, TextSize};

/// Replace the text in `range` (byte offsets into the original text) with
/// `new_text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub range: TextRange,
    pub new_text: String,
}

/// Applies edits that are sorted by position and do not overlap (as the
/// formatting functions return them).
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for edit in edits {
        let start = u32::from(edit.range.start()) as usize;
        let end = u32::from(edit.range.end()) as usize;
        out.push_str(&text[copied..start]);
        out.push_str(&edit.new_text);
        copied = end;
    }
    out.push_str(&text[copied..]);
    out
}

/// The smallest edit that turns the whitespace run `old` (starting at
/// `start`) into `new`, or `None` when they are equal. Shared leading and
/// trailing bytes are left in place so a cursor inside the run stays put; a
/// cut never falls between the `\r` and `\n` of a line break.
pub(crate) fn whitespace_edit(start: TextSize, old: &str, new: &str) -> Option<TextEdit> {
    if old == new {
        return None;
    }
    let (o, n) = (old.as_bytes(), new.as_bytes());
    let mut prefix = o.iter().zip(n).take_while(|(a, b)| a == b).count();
    if prefix > 0 && o[prefix - 1] == b'\r' {
        prefix -= 1;
    }
    let max_suffix = o.len().min(n.len()) - prefix;
    let mut suffix = o
        .iter()
        .rev()
        .zip(n.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    if suffix > 0
        && o[o.len() - suffix] == b'\n'
        && o.len() > suffix
        && o[o.len() - suffix - 1] == b'\r'
    {
        suffix -= 1;
    }
    let old_cut = prefix..o.len() - suffix;
    let new_cut = prefix..n.len() - suffix;
    let at = |offset: usize| start + TextSize::from(offset as u32);
    Some(TextEdit {
        range: TextRange::new(at(old_cut.start), at(old_cut.end)),
        new_text: new[new_cut].to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(old: &str, new: &str) -> (std::ops::Range<usize>, String) {
        let edit = whitespace_edit(TextSize::from(10), old, new).expect("differs");
        let mut rebuilt = old.to_owned();
        let range =
            u32::from(edit.range.start()) as usize - 10..u32::from(edit.range.end()) as usize - 10;
        rebuilt.replace_range(range.clone(), &edit.new_text);
        assert_eq!(rebuilt, new);
        (range, edit.new_text)
    }

    #[test]
    fn edits_keep_shared_ends() {
        assert_eq!(check("\n    ", "\n  "), (3..5, String::new()));
        assert_eq!(check("  ", " "), (1..2, String::new()));
        assert_eq!(check("", " "), (0..0, " ".to_owned()));
        assert_eq!(check("\n\n\n  ", "\n\n  "), (2..3, String::new()));
        assert_eq!(check("\t", "  "), (0..1, "  ".to_owned()));
        assert!(whitespace_edit(TextSize::from(0), " ", " ").is_none());
    }

    #[test]
    fn edits_never_split_a_crlf() {
        assert_eq!(check("\r\n", "\r\n\r\n"), (2..2, "\r\n".to_owned()));
        assert_eq!(check("\r\n  ", "\r\n\r\n  "), (2..2, "\r\n".to_owned()));
        assert_eq!(check("\n\r\n", "\n\n"), (1..3, "\n".to_owned()));
        assert_eq!(check("\r\n\r\n  ", "\r\n  "), (2..4, String::new()));
        assert_eq!(check(" \r\n", "\r\n"), (0..1, String::new()));
    }
}
