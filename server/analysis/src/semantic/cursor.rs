//! What is at a byte offset: the JSON path, whether a key or a value is being
//! written, and inside `{{ }}` the block and the decoded cursor offset.

use std::path::Path;
use std::sync::Arc;

use iml_jsonc::{JsonString, Value, ValueKind};
use iml_lang::ExprBlock;
use text_size::{TextRange, TextSize};

use super::context::{SiteContext, context_at_path};
use super::path::JsonPath;
use super::sites::{FileSites, ImlString, sites};
use crate::Analysis;

/// The cursor's position in the file's structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CursorTarget {
    /// Where an object key is written: inside an existing key literal, or in
    /// the gap before a key (after `{` or `,`).
    Key {
        /// The object whose keys are being typed.
        object: JsonPath,
        /// The decoded key under the cursor, when inside a key literal.
        key: Option<String>,
        /// The key literal's range (quotes included), when there is one.
        range: Option<TextRange>,
        /// Every key the object already has, in order.
        existing: Vec<String>,
    },
    /// Inside a string value, outside any `{{ }}` block.
    StringValue {
        /// The literal's range, quotes included.
        range: TextRange,
        /// The cursor as a decoded offset in the string.
        decoded_offset: TextSize,
    },
    /// Inside the body of a `{{ }}` block (of a value or a spread key).
    Iml(ImlCursor),
    /// On a non-string value, or where a value goes (after `:` or in an
    /// array); `range` is the value's range when one is there.
    Value { range: Option<TextRange> },
    /// Outside the top-level value, in a non-JSON file, or in a file the
    /// snapshot lacks.
    None,
}

/// A cursor inside `{{ }}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImlCursor {
    /// Index into [`FileSites::strings`].
    pub string: usize,
    /// Index into that string's `template.blocks`.
    pub block: usize,
    /// The cursor as a decoded offset in the string (what `iml_lang::expr_at`,
    /// `call_at` and `member_chain_at` take).
    pub decoded_offset: TextSize,
}

/// Everything completion, hover and signature help need about a cursor.
#[derive(Debug, Clone)]
pub struct CursorContext {
    /// The byte offset asked about.
    pub offset: TextSize,
    /// The JSON path at the cursor: the value's path; for a key target, the
    /// member's path when a key is under the cursor, else the object's path.
    pub path: JsonPath,
    pub target: CursorTarget,
    /// The meaning of `path` (place, section, region, directive, …).
    pub context: SiteContext,
    sites: Arc<FileSites>,
}

impl CursorContext {
    /// The IML string under the cursor, for an `Iml` target.
    pub fn iml_string(&self) -> Option<&ImlString> {
        match &self.target {
            CursorTarget::Iml(cursor) => self.sites.strings.get(cursor.string),
            _ => None,
        }
    }

    /// The `{{ }}` block under the cursor, for an `Iml` target.
    pub fn block(&self) -> Option<&ExprBlock> {
        match &self.target {
            CursorTarget::Iml(cursor) => self.iml_string()?.template.blocks.get(cursor.block),
            _ => None,
        }
    }

    /// The decoded cursor offset, for an `Iml` target.
    pub fn decoded_offset(&self) -> Option<TextSize> {
        match &self.target {
            CursorTarget::Iml(cursor) => Some(cursor.decoded_offset),
            CursorTarget::StringValue { decoded_offset, .. } => Some(*decoded_offset),
            _ => None,
        }
    }

    /// Source range of a decoded range of the IML string under the cursor.
    pub fn to_source(&self, decoded: TextRange) -> Option<TextRange> {
        Some(self.iml_string()?.to_source(decoded))
    }
}

/// What is at `offset` in `file`. `None` when the snapshot does not hold the
/// file or it is not JSON; a target of `None` when the offset is outside the
/// top-level value.
pub fn position_at(analysis: &Analysis, file: &Path, offset: TextSize) -> Option<CursorContext> {
    let sites = sites(analysis, file)?;
    let doc = analysis.document(file)?;
    let root = doc.root()?;
    let (path, target, is_key) = if root.range.contains_inclusive(offset) {
        locate(
            root,
            JsonPath::root(),
            offset,
            doc.text(),
            &doc.comments(),
            &sites,
        )
    } else {
        (JsonPath::root(), CursorTarget::None, false)
    };
    let context = context_at_path(analysis, file, &path, is_key);
    Some(CursorContext {
        offset,
        path,
        target,
        context,
        sites,
    })
}

/// Whether `offset` is inside the literal (after the opening quote, up to
/// and including the closing quote).
fn in_literal(string: &JsonString, offset: TextSize) -> bool {
    offset > string.range.start() && offset <= string.decoded.content_range().end()
}

fn string_target(string: &JsonString, offset: TextSize, sites: &FileSites) -> CursorTarget {
    let decoded_offset = string.decoded.from_source(offset).unwrap_or_default();
    let found = sites
        .strings
        .iter()
        .position(|s| s.range == string.range)
        .and_then(|index| {
            let s = &sites.strings[index];
            let block = s
                .template
                .blocks
                .iter()
                .position(|b| b.body_contains(decoded_offset))?;
            Some(ImlCursor {
                string: index,
                block,
                decoded_offset,
            })
        });
    match found {
        Some(cursor) => CursorTarget::Iml(cursor),
        None => CursorTarget::StringValue {
            range: string.range,
            decoded_offset,
        },
    }
}

/// Descends from `value` (which contains `offset`) to the innermost position.
fn locate(
    value: &Value,
    path: JsonPath,
    offset: TextSize,
    text: &str,
    comments: &[TextRange],
    sites: &FileSites,
) -> (JsonPath, CursorTarget, bool) {
    let mut value = value;
    let mut path = path;
    loop {
        match &value.kind {
            ValueKind::String(string) if in_literal(string, offset) => {
                return (path, string_target(string, offset, sites), false);
            }
            ValueKind::Object(members)
                if offset > value.range.start() && offset < value.range.end() =>
            {
                if let Some(member) = members.iter().find(|m| in_literal(&m.key, offset)) {
                    let key = member.key.decoded.as_str().to_owned();
                    let member_path = path.child_key(&key);
                    let target = string_target(&member.key, offset, sites);
                    if matches!(target, CursorTarget::Iml(_)) {
                        return (member_path, target, true);
                    }
                    let existing = members
                        .iter()
                        .map(|m| m.key.decoded.as_str().to_owned())
                        .collect();
                    let target = CursorTarget::Key {
                        object: path,
                        key: Some(key),
                        range: Some(member.key.range),
                        existing,
                    };
                    return (member_path, target, true);
                }
                if let Some(member) = members.iter().find(|m| {
                    m.value.as_ref().is_some_and(|v| {
                        v.range.contains_inclusive(offset) && offset > m.key.range.end()
                    })
                }) {
                    path = path.child_key(member.key.decoded.as_str());
                    value = member.value.as_ref().expect("checked above");
                    continue;
                }
                match previous_significant(text, comments, offset) {
                    Some(b':') => {
                        let member = members.iter().rev().find(|m| m.key.range.end() <= offset);
                        let member_path = match member {
                            Some(m) => path.child_key(m.key.decoded.as_str()),
                            None => path,
                        };
                        return (member_path, CursorTarget::Value { range: None }, false);
                    }
                    _ => {
                        let existing = members
                            .iter()
                            .map(|m| m.key.decoded.as_str().to_owned())
                            .collect();
                        let target = CursorTarget::Key {
                            object: path.clone(),
                            key: None,
                            range: None,
                            existing,
                        };
                        return (path, target, true);
                    }
                }
            }
            ValueKind::Array(items)
                if offset > value.range.start() && offset < value.range.end() =>
            {
                if let Some((index, item)) = items
                    .iter()
                    .enumerate()
                    .find(|(_, item)| item.range.contains_inclusive(offset))
                {
                    path = path.child_index(index);
                    value = item;
                    continue;
                }
                let index = items
                    .iter()
                    .filter(|item| item.range.end() <= offset)
                    .count();
                return (
                    path.child_index(index),
                    CursorTarget::Value { range: None },
                    false,
                );
            }
            _ => {
                return (
                    path,
                    CursorTarget::Value {
                        range: Some(value.range),
                    },
                    false,
                );
            }
        }
    }
}

/// The last byte before `offset` that is neither whitespace nor inside a comment.
fn previous_significant(text: &str, comments: &[TextRange], offset: TextSize) -> Option<u8> {
    let bytes = text.as_bytes();
    let mut at = usize::from(offset).min(bytes.len());
    loop {
        while at > 0 && bytes[at - 1].is_ascii_whitespace() {
            at -= 1;
        }
        match comments
            .iter()
            .find(|c| usize::from(c.end()) == at && c.start() < c.end())
        {
            Some(comment) => at = usize::from(comment.start()),
            None => break,
        }
    }
    at.checked_sub(1).map(|i| bytes[i])
}
