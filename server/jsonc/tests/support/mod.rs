//! Renderings shared by the integration tests: diagnostics drawn under the
//! source lines they point at, and the value model as an indented outline.

#![allow(dead_code)]

use iml_jsonc::{JsonDocument, Member, SyntaxError, TextRange, Value, ValueKind};
use proptest::prelude::*;

/// The source with `^^^ CODE message` lines under each diagnostic's range.
/// A zero-width range is drawn as a single `^` before the char it precedes
/// (or after the end of the line).
pub fn annotate(text: &str, errors: &[SyntaxError]) -> String {
    let mut out = String::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        // One visible char per source char keeps the carets aligned.
        out.extend(content.chars().map(|c| match c {
            '\t' => '→',
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => '·',
            c if c.is_control() || (c.is_whitespace() && c != ' ') => '·',
            c => c,
        }));
        out.push('\n');
        for error in errors {
            let start = u32::from(error.range.start()) as usize;
            let end = u32::from(error.range.end()) as usize;
            let on_this_line = start >= line_start
                && (start < line_end || (start == line_end && line_end == text.len()));
            if !on_this_line {
                continue;
            }
            let column = text[line_start..start].chars().count();
            let visible_end = end.min(line_start + content.len()).max(start);
            let width = text[start..visible_end].chars().count().max(1);
            out.push_str(&" ".repeat(column));
            out.push_str(&"^".repeat(width));
            out.push_str(&format!(" {} {}\n", error.code, error.message));
        }
        line_start = line_end;
    }
    if text.is_empty() || text.ends_with('\n') {
        for error in errors {
            if u32::from(error.range.start()) as usize == text.len() {
                out.push_str(&format!("^ {} {}\n", error.code, error.message));
            }
        }
    }
    out
}

/// One edit of a property test: where it starts, as a fraction of the
/// current text length, how many bytes it removes and what it inserts.
#[derive(Debug, Clone)]
pub struct Edit {
    pub at: f64,
    pub delete: usize,
    pub insert: String,
}

impl Edit {
    /// Where the edit lands in `text`: both ends on char boundaries, in order.
    pub fn bounds(&self, text: &str) -> (usize, usize) {
        let start = floor_char_boundary(text, (self.at * text.len() as f64) as usize);
        let end = floor_char_boundary(text, start + self.delete).max(start);
        (start, end)
    }
}

/// Edits inserting up to three of `fragments` and deleting nothing, up to
/// `short` bytes or up to `long` bytes.
pub fn edits(
    fragments: &'static [&'static str],
    short: usize,
    long: usize,
) -> impl Strategy<Value = Edit> {
    (
        0.0..=1.0f64,
        prop_oneof![Just(0usize), 0usize..short, 0usize..long],
        prop::collection::vec(prop::sample::select(fragments), 0..4),
    )
        .prop_map(|(at, delete, parts)| Edit {
            at,
            delete,
            insert: parts.concat(),
        })
}

pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A document whose tree-sitter tree is already built, so the edits that
/// follow are recorded on it and reparsed incrementally (a document whose
/// tree was never asked for builds it fresh on first request).
pub fn with_tree(text: &str) -> JsonDocument {
    let document = JsonDocument::parse(text.to_owned());
    document.tree();
    document
}

pub fn check_diagnostics(text: &str) -> String {
    let document = JsonDocument::parse(text.to_owned());
    annotate(text, &document.syntax_errors())
}

fn span(text: &str, range: TextRange) -> String {
    format!("{:?}@{:?}", &text[range], range)
}

/// The model as an outline: each value with its source text and range.
pub fn outline(text: &str, root: Option<&Value>) -> String {
    let mut out = String::new();
    let Some(root) = root else {
        return "(no value)\n".to_owned();
    };
    // Iterative, so deep test inputs cannot overflow the stack.
    enum Item<'a> {
        Value(&'a Value, usize, String),
        Member(&'a Member, usize),
    }
    let mut stack = vec![Item::Value(root, 0, String::new())];
    while let Some(item) = stack.pop() {
        match item {
            Item::Value(value, depth, label) => {
                let pad = "  ".repeat(depth);
                match &value.kind {
                    ValueKind::Object(members) => {
                        out += &format!("{pad}{label}object {:?}\n", value.range);
                        stack.extend(members.iter().rev().map(|m| Item::Member(m, depth + 1)));
                    }
                    ValueKind::Array(items) => {
                        out += &format!("{pad}{label}array {:?}\n", value.range);
                        stack.extend(
                            items
                                .iter()
                                .rev()
                                .map(|v| Item::Value(v, depth + 1, String::new())),
                        );
                    }
                    ValueKind::String(s) => {
                        out += &format!(
                            "{pad}{label}string {:?} {}\n",
                            s.decoded.as_str(),
                            span(text, s.range)
                        );
                    }
                    ValueKind::Number(n) => {
                        out += &format!("{pad}{label}number {n} {:?}\n", value.range)
                    }
                    ValueKind::Bool(b) => {
                        out += &format!("{pad}{label}bool {b} {:?}\n", value.range)
                    }
                    ValueKind::Null => out += &format!("{pad}{label}null {:?}\n", value.range),
                    ValueKind::Error => {
                        out += &format!("{pad}{label}error {}\n", span(text, value.range))
                    }
                }
            }
            Item::Member(member, depth) => {
                let label = format!("{:?} {:?}: ", member.key.decoded.as_str(), member.range);
                match &member.value {
                    Some(value) => stack.push(Item::Value(value, depth, label)),
                    None => out += &format!("{}{label}(missing value)\n", "  ".repeat(depth)),
                }
            }
        }
    }
    out
}

pub fn check_model(text: &str) -> String {
    let document = JsonDocument::parse(text.to_owned());
    outline(text, document.root())
}

/// Every node of a tree in document order, with what makes it itself (kind,
/// byte and point spans, error and missing flags): equal lists mean equal trees.
pub fn tree_nodes(tree: &tree_sitter::Tree) -> Vec<String> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    'walk: loop {
        let node = cursor.node();
        out.push(format!(
            "{} {:?} {:?}-{:?} error={} missing={}",
            node.kind(),
            node.byte_range(),
            node.start_position(),
            node.end_position(),
            node.is_error(),
            node.is_missing()
        ));
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    out
}
