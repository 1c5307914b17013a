//! The snippet syntax of completion items (`$1`, `${1:default}`, `$0`,
//! with `\$`, `\}` and `\\` escaped), read back as the text it stands for.

/// A snippet as plain text for clients without snippet support: tab stops
/// vanish, placeholders keep their default text, `\$` `\}` `\\` unescape.
pub fn snippet_to_plain(snippet: &str) -> String {
    let mut out = String::with_capacity(snippet.len());
    let mut chars = snippet.chars().peekable();
    // Open `${n:` placeholders; their closing `}` is dropped.
    let mut open = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.peek() {
                Some('$' | '}' | '\\') => out.extend(chars.next()),
                _ => out.push(c),
            },
            '$' if chars.peek().is_some_and(char::is_ascii_digit) => {
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
            }
            '$' if chars.peek() == Some(&'{') => {
                chars.next();
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
                if chars.peek() == Some(&':') {
                    chars.next();
                }
                open += 1;
            }
            '}' if open > 0 => open -= 1,
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::snippet_to_plain;

    #[test]
    fn snippets_become_their_default_text() {
        assert_eq!(snippet_to_plain("\"token\": {$0}"), "\"token\": {}");
        assert_eq!(
            snippet_to_plain("addDays(${1:date}, $2)"),
            "addDays(date, )"
        );
        assert_eq!(snippet_to_plain("a \\$1 \\} b"), "a $1 } b");
        assert_eq!(snippet_to_plain("{{${1:x}}}"), "{{x}}");
    }
}
