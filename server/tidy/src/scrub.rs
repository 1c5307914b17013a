//! Blanks out comments and literals, so that a path written in a doc comment
//! or a message is not read as an import.
//!
//! This is a character scanner, not a lexer: it knows line and (nested)
//! block comments, string, byte and C strings with their escapes, raw
//! strings with any number of `#`, and character literals as told from
//! lifetimes. It does not expand macros, so a path that a macro builds from
//! pieces stays unseen, and one written inside a macro's arguments is seen
//! like any other code.

/// `source` with every comment and literal turned into spaces; line breaks
/// are kept, so lines keep their numbers.
pub fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut index = 0;
    while index < chars.len() {
        let end = match literal_or_comment_end(&chars, index) {
            Some(end) => end,
            None => {
                out.push(chars[index]);
                index += 1;
                continue;
            }
        };
        for &blanked in &chars[index..end] {
            out.push(if blanked == '\n' { '\n' } else { ' ' });
        }
        index = end;
    }
    out
}

/// Where the comment or literal starting at `start` ends (exclusive), or
/// `None` when none starts there.
fn literal_or_comment_end(chars: &[char], start: usize) -> Option<usize> {
    let at = |offset: usize| chars.get(start + offset).copied();
    // A prefix letter only starts a literal at the start of a name: the `r`
    // of `for"` is no prefix (such text is a macro's at most).
    let after_name = start > 0 && is_name_char(chars[start - 1]);
    match (at(0)?, at(1)) {
        ('/', Some('/')) => Some(line_end(chars, start)),
        ('/', Some('*')) => Some(block_comment_end(chars, start)),
        ('"', _) => Some(quoted_end(chars, start + 1, '"')),
        ('\'', _) => char_literal_end(chars, start),
        _ if after_name => None,
        ('b' | 'c', Some('"')) => Some(quoted_end(chars, start + 2, '"')),
        ('b', Some('\'')) => char_literal_end(chars, start + 1),
        ('r', Some('"' | '#')) => raw_string_end(chars, start + 1),
        ('b' | 'c', Some('r')) if matches!(at(2), Some('"' | '#')) => {
            raw_string_end(chars, start + 2)
        }
        _ => None,
    }
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn line_end(chars: &[char], start: usize) -> usize {
    chars[start..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(chars.len(), |offset| start + offset)
}

fn block_comment_end(chars: &[char], start: usize) -> usize {
    let mut depth = 0usize;
    let mut index = start;
    while index < chars.len() {
        match (chars[index], chars.get(index + 1)) {
            ('/', Some('*')) => {
                depth += 1;
                index += 2;
            }
            ('*', Some('/')) => {
                depth -= 1;
                index += 2;
                if depth == 0 {
                    return index;
                }
            }
            _ => index += 1,
        }
    }
    chars.len()
}

/// The end of a quoted literal whose body starts at `body`, past `quote`.
fn quoted_end(chars: &[char], body: usize, quote: char) -> usize {
    let mut index = body;
    while index < chars.len() {
        match chars[index] {
            '\\' => index += 2,
            c if c == quote => return index + 1,
            _ => index += 1,
        }
    }
    chars.len()
}

/// A character literal at `start` (a `'`), or `None` for a lifetime or a
/// label, which has no closing quote right after one character.
fn char_literal_end(chars: &[char], start: usize) -> Option<usize> {
    match (chars.get(start + 1)?, chars.get(start + 2)) {
        ('\\', _) => Some(quoted_end(chars, start + 1, '\'')),
        (_, Some('\'')) => Some(start + 3),
        _ => None,
    }
}

/// A raw string whose `#`s or opening quote start at `hashes`.
fn raw_string_end(chars: &[char], hashes: usize) -> Option<usize> {
    let count = chars[hashes..].iter().take_while(|&&c| c == '#').count();
    if chars.get(hashes + count) != Some(&'"') {
        // `r#ident`, a raw identifier.
        return None;
    }
    let mut index = hashes + count + 1;
    while index < chars.len() {
        if chars[index] == '"'
            && chars[index + 1..]
                .iter()
                .take(count)
                .filter(|&&c| c == '#')
                .count()
                == count
        {
            return Some(index + 1 + count);
        }
        index += 1;
    }
    Some(chars.len())
}

#[cfg(test)]
mod tests {
    use super::code_only;

    /// Compares with runs of blanks squeezed, after checking that nothing
    /// but blanking happened: same length, line breaks in place.
    #[track_caller]
    fn check(source: &str, expected: &str) {
        let scrubbed = code_only(source);
        assert_eq!(
            scrubbed.chars().count(),
            source.chars().count(),
            "{source:?}"
        );
        let breaks = |text: &str| {
            text.match_indices('\n')
                .map(|(at, _)| at)
                .collect::<Vec<_>>()
        };
        assert_eq!(breaks(&scrubbed), breaks(source), "{source:?}");
        let squeezed: Vec<String> = scrubbed
            .split('\n')
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(squeezed.join("\n"), expected, "{source:?}");
    }

    #[test]
    fn comments_are_blanked_and_lines_kept() {
        check("a // use crate::x;\nb", "a\nb");
        check("//! Doc.\n/// More.\nc", "\n\nc");
        check("a /* one /* nested */ still */ b", "a b");
        check("a /* over\ntwo lines */ b", "a\nb");
    }

    #[test]
    fn strings_of_every_kind_are_blanked() {
        check(r#"f("crate::x")"#, "f( )");
        check(r#"f("a \" crate::x")"#, "f( )");
        check(r##"f(r#"a " crate::x"#)"##, "f( )");
        check(r#"f(b"x", c"y", br"z")"#, "f( , , )");
        check("f(\"two\nlines\")", "f(\n)");
    }

    #[test]
    fn char_literals_are_blanked_but_lifetimes_are_not() {
        check("f('{', '\\'', '\\u{7d}')", "f( , , )");
        check(
            "fn f<'a>(x: &'a str) -> &'a str",
            "fn f<'a>(x: &'a str) -> &'a str",
        );
        check(
            "'outer: loop { break 'outer; }",
            "'outer: loop { break 'outer; }",
        );
        check("let b = b'\"';", "let b = ;");
    }

    #[test]
    fn raw_identifiers_and_names_ending_in_a_prefix_letter_are_code() {
        check("let r#type = 1;", "let r#type = 1;");
        check("m!(bar\"x\")", "m!(bar )");
    }
}
