//! Quick fixes as text edits that touch only what they must: renaming a key,
//! replacing a value, removing a member with its comma, inserting a member or
//! an array element in the style (one line or one member per line) the
//! object already uses. Comments around the edited spot are kept.

use iml_jsonc::{JsonString, Value, ValueKind};
use text_size::{TextRange, TextSize};

use super::context::members;
use crate::diagnostics::{Fix, TextEdit};

fn size(offset: usize) -> TextSize {
    TextSize::try_from(offset).unwrap_or(TextSize::new(u32::MAX))
}

fn at(offset: TextSize) -> usize {
    usize::from(offset)
}

pub(crate) fn edit(range: TextRange, new_text: impl Into<String>) -> TextEdit {
    TextEdit {
        range,
        new_text: new_text.into(),
    }
}

pub(crate) fn fix(title: impl Into<String>, edits: Vec<TextEdit>) -> Fix {
    Fix {
        title: title.into(),
        edits,
    }
}

/// A JSON string literal for `text`, quotes included.
pub(crate) fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

pub(crate) fn rename_key(key: &JsonString, new_name: &str) -> Fix {
    fix(
        format!("Rename to `{new_name}`"),
        vec![edit(key.range, quote(new_name))],
    )
}

pub(crate) fn replace_value(value: &Value, new_json: &str, title: impl Into<String>) -> Fix {
    fix(title, vec![edit(value.range, new_json)])
}

/// The next byte that is neither whitespace nor inside a comment.
fn next_significant(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
            }
            _ => return Some(i),
        }
    }
    None
}

fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |n| n + 1)
}

/// Whether only spaces and tabs precede `pos` on its line.
fn starts_line(text: &str, pos: usize) -> bool {
    text[line_start(text, pos)..pos]
        .bytes()
        .all(|b| b == b' ' || b == b'\t')
}

/// The leading whitespace of the line holding `pos`.
fn indent_at(text: &str, pos: usize) -> &str {
    let start = line_start(text, pos);
    let line = &text[start..];
    let len = line
        .bytes()
        .take_while(|b| *b == b' ' || *b == b'\t')
        .count();
    &line[..len]
}

/// Skips spaces and tabs from `pos`.
fn skip_blanks(text: &str, pos: usize) -> usize {
    pos + text[pos..]
        .bytes()
        .take_while(|b| *b == b' ' || *b == b'\t')
        .count()
}

/// Past the line break at `pos`, if there is one.
fn skip_newline(text: &str, pos: usize) -> Option<usize> {
    let rest = &text[pos..];
    if rest.starts_with("\r\n") {
        Some(pos + 2)
    } else if rest.starts_with('\n') {
        Some(pos + 1)
    } else {
        None
    }
}

/// Whether the container value is well formed enough to edit: it ends with
/// its closing bracket.
fn closed(text: &str, value: &Value, close: u8) -> bool {
    let end = at(value.range.end());
    end > at(value.range.start()) && text.as_bytes().get(end - 1) == Some(&close)
}

/// Removes member `index` of `object` with its comma: the line it stands on
/// when it has one to itself, the comma before it when it is the last one.
pub(crate) fn remove_member(
    text: &str,
    object: &Value,
    index: usize,
    title: impl Into<String>,
) -> Option<Fix> {
    let all = members(object);
    let member = all.get(index)?;
    let (start, end) = (at(member.range.start()), at(member.range.end()));
    let comma_after = next_significant(text, end).filter(|&p| text.as_bytes()[p] == b',');
    let mut del_end = comma_after.map_or(end, |c| c + 1);
    let own_line = starts_line(text, start);
    let after_blanks = skip_blanks(text, del_end);
    let rest_of_line_empty =
        skip_newline(text, after_blanks).is_some() || after_blanks == text.len();
    let mut del_start = start;
    if own_line && rest_of_line_empty {
        del_start = line_start(text, start);
        del_end = skip_newline(text, after_blanks).unwrap_or(after_blanks);
    } else {
        del_end = after_blanks;
    }
    let is_last = index + 1 == all.len();
    let mut edits = Vec::new();
    if is_last && index > 0 {
        let previous = &all[index - 1];
        let comma = next_significant(text, at(previous.range.end()))
            .filter(|&p| text.as_bytes()[p] == b',')?;
        let between = &text[comma + 1..start];
        if !own_line && between.bytes().all(|b| b == b' ' || b == b'\t') {
            // `{ "a": 1, "b": 2 }`: one edit from the comma to the member's end.
            let end = comma_after.map_or(end, |c| c + 1);
            edits.push(edit(TextRange::new(size(comma), size(end)), ""));
            return Some(fix(title, edits));
        }
        edits.push(edit(TextRange::new(size(comma), size(comma + 1)), ""));
    }
    edits.push(edit(TextRange::new(size(del_start), size(del_end)), ""));
    Some(fix(title, edits))
}

/// Whether the container spreads its entries over several lines.
fn is_multiline(text: &str, container: &Value, first_entry: Option<TextSize>) -> bool {
    let open = at(container.range.start()) + 1;
    let until = first_entry.map_or(at(container.range.end()), at);
    text.get(open..until)
        .is_some_and(|between| between.contains('\n'))
}

/// Fills an empty container: `{}` becomes `{ "url": "" }`.
fn fill_empty(text: &str, container: &Value, entry: &str) -> TextEdit {
    let open = at(container.range.start()) + 1;
    let close = at(container.range.end()) - 1;
    let inner = &text[open..close];
    if inner.trim().is_empty() {
        edit(
            TextRange::new(size(open), size(close)),
            format!(" {entry} "),
        )
    } else {
        edit(TextRange::empty(size(open)), format!(" {entry}"))
    }
}

/// Inserts `member` (e.g. `"url": ""`) as the first member of `object`.
pub(crate) fn insert_first_member(
    text: &str,
    object: &Value,
    member: &str,
    title: impl Into<String>,
) -> Option<Fix> {
    if !closed(text, object, b'}') {
        return None;
    }
    let all = members(object);
    let Some(first) = all.first() else {
        return Some(fix(title, vec![fill_empty(text, object, member)]));
    };
    let first_start = first.range.start();
    let edit = if is_multiline(text, object, Some(first_start)) {
        let indent = indent_at(text, at(first_start));
        let open = at(object.range.start()) + 1;
        edit(TextRange::empty(size(open)), format!("\n{indent}{member},"))
    } else {
        edit(TextRange::empty(first_start), format!("{member}, "))
    };
    Some(fix(title, vec![edit]))
}

/// Inserts `member` after the last member of `object`.
pub(crate) fn insert_last_member(
    text: &str,
    object: &Value,
    member: &str,
    title: impl Into<String>,
) -> Option<Fix> {
    if !closed(text, object, b'}') {
        return None;
    }
    let all = members(object);
    let Some(last) = all.last() else {
        return Some(fix(title, vec![fill_empty(text, object, member)]));
    };
    let first_start = all.first().map(|m| m.range.start());
    Some(fix(
        title,
        append_after(text, object, at(last.range.end()), first_start, member),
    ))
}

/// Appends `element` (JSON text) to `array`.
pub(crate) fn append_to_array(
    text: &str,
    array: &Value,
    element: &str,
    title: impl Into<String>,
) -> Option<Fix> {
    if !closed(text, array, b']') {
        return None;
    }
    let ValueKind::Array(items) = &array.kind else {
        return None;
    };
    let Some(last) = items.last() else {
        return Some(fix(title, vec![fill_empty(text, array, element).trimmed()]));
    };
    let first_start = items.first().map(|item| item.range.start());
    Some(fix(
        title,
        append_after(text, array, at(last.range.end()), first_start, element),
    ))
}

/// Edits that add `entry` after the entry ending at `last_end`, in the
/// container's style; a trailing comma already there is reused and a line
/// comment after the last entry stays on its line.
fn append_after(
    text: &str,
    container: &Value,
    last_end: usize,
    first_start: Option<TextSize>,
    entry: &str,
) -> Vec<TextEdit> {
    let trailing_comma = next_significant(text, last_end).filter(|&p| text.as_bytes()[p] == b',');
    if !is_multiline(text, container, first_start) {
        return match trailing_comma {
            Some(comma) => vec![edit(TextRange::empty(size(comma + 1)), format!(" {entry}"))],
            None => vec![edit(TextRange::empty(size(last_end)), format!(", {entry}"))],
        };
    }
    let indent = indent_at(text, at(first_start.unwrap_or(size(last_end)))).to_owned();
    let anchor = trailing_comma.map_or(last_end, |c| c + 1);
    let after = skip_blanks(text, anchor);
    let insert_at = if text[after..].starts_with("//") {
        text[after..].find('\n').map_or(text.len(), |n| after + n)
    } else {
        anchor
    };
    let insert_at = if text[..insert_at].ends_with('\r') {
        insert_at - 1
    } else {
        insert_at
    };
    let mut edits = Vec::new();
    if trailing_comma.is_none() {
        edits.push(edit(TextRange::empty(size(last_end)), ","));
    }
    edits.push(edit(
        TextRange::empty(size(insert_at)),
        format!("\n{indent}{entry}"),
    ));
    if edits.len() == 2 && edits[0].range == edits[1].range {
        let merged = format!("{}{}", edits[0].new_text, edits[1].new_text);
        return vec![edit(edits[0].range, merged)];
    }
    edits
}

trait Trimmed {
    fn trimmed(self) -> Self;
}

impl Trimmed for TextEdit {
    /// `[ "x" ]` reads oddly for arrays; `["x"]` is the usual style.
    fn trimmed(mut self) -> Self {
        self.new_text = self.new_text.trim().to_owned();
        self
    }
}

/// Applies a fix's edits to `text` (edits are in order and disjoint).
#[cfg(test)]
pub(crate) fn apply(text: &str, fix: &Fix) -> String {
    let mut edits = fix.edits.clone();
    edits.sort_by_key(|e| e.range.start());
    let mut out = String::new();
    let mut pos = 0usize;
    for e in &edits {
        let (start, end) = (at(e.range.start()), at(e.range.end()));
        assert!(start >= pos, "overlapping edits in {fix:?}");
        out.push_str(&text[pos..start]);
        out.push_str(&e.new_text);
        pos = end;
    }
    out.push_str(&text[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};
    use iml_jsonc::JsonDocument;

    use super::*;

    fn root(text: &str) -> Value {
        JsonDocument::parse(text.to_owned())
            .root()
            .cloned()
            .expect("a value")
    }

    fn check_remove(text: &str, index: usize, expect: Expect) {
        let value = root(text);
        let fix = remove_member(text, &value, index, "Remove").expect("a fix");
        expect.assert_eq(&apply(text, &fix));
    }

    fn check_insert_first(text: &str, expect: Expect) {
        let value = root(text);
        let fix = insert_first_member(text, &value, "\"url\": \"\"", "Add").expect("a fix");
        expect.assert_eq(&apply(text, &fix));
    }

    fn check_insert_last(text: &str, expect: Expect) {
        let value = root(text);
        let fix = insert_last_member(text, &value, "\"log\": {}", "Add").expect("a fix");
        expect.assert_eq(&apply(text, &fix));
    }

    #[test]
    fn removing_a_middle_member_on_its_own_line_keeps_the_comments() {
        check_remove(
            "{\n  \"a\": 1,\n  // about b\n  \"b\": 2,\n  \"c\": 3\n}",
            1,
            expect![[r#"
                {
                  "a": 1,
                  // about b
                  "c": 3
                }"#]],
        );
    }

    #[test]
    fn removing_the_last_member_drops_the_comma_before_it() {
        check_remove(
            "{\n  \"a\": 1, // one\n  // about b\n  \"b\": 2\n}",
            1,
            expect![[r#"
                {
                  "a": 1 // one
                  // about b
                }"#]],
        );
        check_remove("{ \"a\": 1, \"b\": 2 }", 1, expect![[r#"{ "a": 1 }"#]]);
        check_remove(
            "{ \"a\": 1, \"b\": 2, \"c\": 3 }",
            1,
            expect![[r#"{ "a": 1, "c": 3 }"#]],
        );
        check_remove("{ \"a\": 1 }", 0, expect!["{ }"]);
    }

    #[test]
    fn a_trailing_comment_survives_a_removed_member() {
        check_remove(
            "{\n  \"a\": 1,\n  \"b\": 2, // note\n  \"c\": 3\n}",
            1,
            expect![[r#"
                {
                  "a": 1,
                  // note
                  "c": 3
                }"#]],
        );
    }

    #[test]
    fn inserting_first_follows_the_object_style() {
        check_insert_first(
            "{\n  // header\n  \"method\": \"GET\"\n}",
            expect![[r#"
            {
              "url": "",
              // header
              "method": "GET"
            }"#]],
        );
        check_insert_first(
            "{ \"method\": \"GET\" }",
            expect![[r#"{ "url": "", "method": "GET" }"#]],
        );
        check_insert_first("{}", expect![[r#"{ "url": "" }"#]]);
    }

    #[test]
    fn inserting_last_reuses_a_trailing_comma_and_keeps_line_comments() {
        check_insert_last(
            "{\n  \"url\": \"x\" // the url\n}",
            expect![[r#"
            {
              "url": "x", // the url
              "log": {}
            }"#]],
        );
        check_insert_last(
            "{\n  \"url\": \"x\",\n}",
            expect![[r#"
            {
              "url": "x",
              "log": {}
            }"#]],
        );
        check_insert_last(
            "{ \"url\": \"x\" }",
            expect![[r#"{ "url": "x", "log": {} }"#]],
        );
    }

    #[test]
    fn appending_to_arrays() {
        let text = "[\"a\"]";
        let fix = append_to_array(text, &root(text), "\"b\"", "Add").expect("a fix");
        assert_eq!(apply(text, &fix), "[\"a\", \"b\"]");
        let text = "[]";
        let fix = append_to_array(text, &root(text), "\"b\"", "Add").expect("a fix");
        assert_eq!(apply(text, &fix), "[\"b\"]");
        let text = "[\n    \"a\"\n  ]";
        let fix = append_to_array(text, &root(text), "\"b\"", "Add").expect("a fix");
        assert_eq!(apply(text, &fix), "[\n    \"a\",\n    \"b\"\n  ]");
    }
}
