//! Sites: the strings of a file that hold IML, with their JSON paths and
//! parsed `{{ }}` blocks.

use std::path::Path;
use std::sync::Arc;

use iml_jsonc::{DecodedString, JsonString, Value, ValueKind};
use iml_lang::{ExprBlock, Template, parse_template};
use text_size::{TextRange, TextSize};

use super::cache;
use super::path::JsonPath;
use crate::Analysis;

/// One JSON string that holds at least one `{{` (a value), or a spread key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImlString {
    /// The path of the value (for a key: the path of the member it names).
    pub path: JsonPath,
    /// Whether the string is an object key (only spread keys `"{{...}}"` are sites).
    pub is_key: bool,
    /// The literal's source range, quotes included.
    pub range: TextRange,
    pub decoded: DecodedString,
    /// The blocks, with ranges in decoded offsets.
    pub template: Template,
}

impl ImlString {
    /// Source range of a decoded range of this string.
    pub fn to_source(&self, decoded: TextRange) -> TextRange {
        self.decoded.range_to_source(decoded)
    }

    /// Decoded offset of a source offset inside the literal (content and
    /// closing quote); `None` outside.
    pub fn from_source(&self, offset: TextSize) -> Option<TextSize> {
        self.decoded.from_source(offset)
    }

    /// Whether the whole string is exactly one closed `{{ }}` block.
    pub fn is_single_expression(&self) -> bool {
        self.template.is_single_expression()
    }
}

/// One `{{ }}` block of one string.
#[derive(Debug, Clone, Copy)]
pub struct Site<'a> {
    pub string: &'a ImlString,
    pub block: &'a ExprBlock,
}

impl Site<'_> {
    /// The block's source range, braces included.
    pub fn source_range(&self) -> TextRange {
        self.string.to_source(self.block.range)
    }

    /// Source range of a decoded range inside this block's string.
    pub fn to_source(&self, decoded: TextRange) -> TextRange {
        self.string.to_source(decoded)
    }
}

/// Every IML string of a file, in source order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSites {
    pub strings: Vec<ImlString>,
}

impl FileSites {
    /// Collects the sites below `root`.
    pub fn collect(root: &Value) -> FileSites {
        let mut strings = Vec::new();
        let mut stack: Vec<(&Value, JsonPath)> = vec![(root, JsonPath::root())];
        while let Some((value, path)) = stack.pop() {
            match &value.kind {
                ValueKind::String(string) => push_string(&mut strings, string, path, false),
                ValueKind::Object(members) => {
                    for member in members.iter().rev() {
                        let child = path.child_key(member.key.decoded.as_str());
                        if let Some(value) = &member.value {
                            stack.push((value, child.clone()));
                        }
                        if is_spread_key(member.key.decoded.as_str()) {
                            push_string(&mut strings, &member.key, child, true);
                        }
                    }
                }
                ValueKind::Array(items) => {
                    for (index, item) in items.iter().enumerate().rev() {
                        stack.push((item, path.child_index(index)));
                    }
                }
                _ => {}
            }
        }
        strings.sort_by_key(|s| s.range.start());
        FileSites { strings }
    }

    /// Every block of every string, in source order.
    pub fn sites(&self) -> impl Iterator<Item = Site<'_>> {
        self.strings.iter().flat_map(|string| {
            string
                .template
                .blocks
                .iter()
                .map(move |block| Site { string, block })
        })
    }

    /// The IML string whose literal contains `offset` (quotes included).
    pub fn string_at(&self, offset: TextSize) -> Option<&ImlString> {
        let index = self.strings.partition_point(|s| s.range.end() < offset);
        self.strings
            .get(index)
            .filter(|s| s.range.contains_inclusive(offset))
    }
}

/// A key that is a spread `{{...}}` (whitespace inside the braces allowed).
pub(crate) fn is_spread_key(key: &str) -> bool {
    key.trim()
        .strip_prefix("{{")
        .and_then(|rest| rest.strip_suffix("}}"))
        .is_some_and(|body| body.trim() == "...")
}

fn push_string(strings: &mut Vec<ImlString>, string: &JsonString, path: JsonPath, is_key: bool) {
    if !string.decoded.as_str().contains("{{") {
        return;
    }
    let template = parse_template(string.decoded.as_str());
    if template.blocks.is_empty() {
        return;
    }
    strings.push(ImlString {
        path,
        is_key,
        range: string.range,
        decoded: string.decoded.clone(),
        template,
    });
}

/// The IML sites of a file, computed once per file version. `None` for files
/// that are not JSON or not known to the snapshot.
pub fn sites(analysis: &Analysis, path: &Path) -> Option<Arc<FileSites>> {
    Some(Arc::clone(&cache::semantics(analysis, path)?.sites))
}
