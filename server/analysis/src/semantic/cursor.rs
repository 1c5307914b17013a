//! What is at a byte offset: the JSON path, whether a key or a value is being
//! written (also half-typed: a bare word where a key goes, a key literal
//! without its colon), and inside `{{ }}` the block and the decoded cursor
//! offset.

use std::path::Path;
use std::sync::Arc;

use iml_jsonc::{JsonString, Member, Value, ValueKind};
use iml_lang::ExprBlock;
use text_size::{TextRange, TextSize};

use super::context::SiteContext;
use super::file_context::context_at_path;
use super::lookup::sites;
use super::path::{JsonPath, PathSegment};
use super::sites::{FileSites, ImlString};
use crate::host::Analysis;

/// The cursor's position in the file's structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CursorTarget {
    /// Where an object key is written: inside an existing key literal, on a
    /// bare word typed where a key goes, or in the gap before a key (after
    /// `{`, `,`, or a line break after a complete member).
    Key {
        /// The object whose keys are being typed.
        object: JsonPath,
        /// The decoded key under the cursor, when inside a key literal.
        key: Option<String>,
        /// The key literal's range (quotes included), when there is one.
        range: Option<TextRange>,
        /// The bare word around the cursor (letters, digits, `_`, `$`, `-`;
        /// empty at the cursor when there is none). Outside a key literal,
        /// the unquoted key being typed.
        word: TextRange,
        /// Whether the member under the cursor already has its colon, so that
        /// only its name is being edited.
        has_colon: bool,
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
    /// On a value that is not a string (a number, a literal, a bare word the
    /// parser kept as an error value), or where a value goes (after `:`, or
    /// after `[` or `,` in an array); `range` is the value's range when one
    /// is there.
    Value { range: Option<TextRange> },
    /// Outside the top-level value, where nothing can be written (right after
    /// a value, before its comma), in a non-JSON file, or in a file the
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

/// Everything completion, hover, signature help and navigation need about a
/// cursor. Borrows the snapshot's value model.
#[derive(Debug, Clone)]
pub struct CursorContext<'a> {
    /// The byte offset asked about.
    pub offset: TextSize,
    /// The JSON path at the cursor: the value's path; for a key target, the
    /// member's path when a key is under the cursor, else the object's path.
    pub path: JsonPath,
    pub target: CursorTarget,
    /// The meaning of `path` (place, section, region, directive, …).
    pub context: SiteContext,
    sites: Arc<FileSites>,
    containers: Vec<&'a Value>,
    literal: Option<&'a JsonString>,
}

impl<'a> CursorContext<'a> {
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

    /// The decoded cursor offset, for an `Iml` or `StringValue` target.
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

    /// The objects and arrays from the file's root down to the innermost one
    /// holding the cursor: `containers()[i]` is the value at the first `i`
    /// segments of `path`. Empty when the root is not a container.
    pub fn containers(&self) -> &[&'a Value] {
        &self.containers
    }

    /// The innermost object or array holding the cursor.
    pub fn container(&self) -> Option<&'a Value> {
        self.containers.last().copied()
    }

    /// The string literal under the cursor: the key literal of a `Key`
    /// target, the value of a `StringValue` or `Iml` target.
    pub fn literal(&self) -> Option<&'a JsonString> {
        self.literal
    }

    /// The key of the member the cursor's path ends in (`None` for an array
    /// element or the root).
    pub fn member_key(&self) -> Option<&str> {
        match self.path.segments().last()? {
            PathSegment::Key(key) => Some(key),
            PathSegment::Index(_) => None,
        }
    }
}

/// What is at `offset` in `file`. `None` when the snapshot does not hold the
/// file or it is not JSON; a target of `None` when the offset is outside the
/// top-level value.
pub fn position_at<'a>(
    analysis: &'a Analysis,
    file: &Path,
    offset: TextSize,
) -> Option<CursorContext<'a>> {
    let sites = sites(analysis, file)?;
    let doc = analysis.document(file)?;
    let root = analysis.root_value(file)?;
    let text = doc.text();
    let comments = doc.comments();
    let located = if contains(text, root, offset) {
        Locator {
            text,
            comments: &comments,
            sites: &sites,
            offset,
        }
        .locate(root)
    } else {
        Located {
            path: JsonPath::root(),
            target: CursorTarget::None,
            is_key: false,
            containers: Vec::new(),
            literal: None,
        }
    };
    let context = context_at_path(analysis, file, &located.path, located.is_key);
    Some(CursorContext {
        offset,
        path: located.path,
        target: located.target,
        context,
        sites,
        containers: located.containers,
        literal: located.literal,
    })
}

struct Located<'a> {
    path: JsonPath,
    target: CursorTarget,
    is_key: bool,
    containers: Vec<&'a Value>,
    literal: Option<&'a JsonString>,
}

/// Whether `offset` is inside the literal (after the opening quote, up to
/// and including the closing quote).
fn in_literal(string: &JsonString, offset: TextSize) -> bool {
    offset > string.range.start() && offset <= string.decoded.content_range().end()
}

/// Whether a container's closing bracket is there (its range then ends with
/// it); an unclosed one runs to the end of what was typed.
fn is_closed(text: &str, value: &Value) -> bool {
    let closer = match value.kind {
        ValueKind::Object(_) => b'}',
        ValueKind::Array(_) => b']',
        _ => return true,
    };
    let end = usize::from(value.range.end());
    end > usize::from(value.range.start()) + 1 && text.as_bytes().get(end - 1) == Some(&closer)
}

/// Whether `offset` lies inside the brackets of a container.
fn inside_container(text: &str, value: &Value, offset: TextSize) -> bool {
    if offset <= value.range.start() {
        return false;
    }
    if is_closed(text, value) {
        offset < value.range.end()
    } else {
        offset <= value.range.end()
    }
}

/// Whether `offset` is on or inside `value`: inside a string's quotes,
/// inside or right before a container, anywhere on another value (typing
/// there extends it).
fn contains(text: &str, value: &Value, offset: TextSize) -> bool {
    match &value.kind {
        ValueKind::Object(_) | ValueKind::Array(_) => {
            offset == value.range.start() || inside_container(text, value, offset)
        }
        ValueKind::String(string) => in_literal(string, offset),
        _ => value.range.contains_inclusive(offset),
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'-')
}

/// The bare word around `offset` (empty at `offset` when there is none).
fn word_at(text: &str, offset: TextSize) -> TextRange {
    let bytes = text.as_bytes();
    let offset = usize::from(offset).min(bytes.len());
    let start = bytes[..offset]
        .iter()
        .rposition(|b| !is_word_byte(*b))
        .map_or(0, |i| i + 1);
    let end = bytes[offset..]
        .iter()
        .position(|b| !is_word_byte(*b))
        .map_or(bytes.len(), |i| offset + i);
    let size = |n: usize| TextSize::try_from(n).unwrap_or_default();
    TextRange::new(size(start), size(end))
}

/// The last byte before `offset` that is neither whitespace nor inside a
/// comment, and whether a line break lies between it and `offset`.
fn previous_significant(
    text: &str,
    comments: &[TextRange],
    offset: TextSize,
) -> Option<(u8, bool)> {
    let bytes = text.as_bytes();
    let mut at = usize::from(offset).min(bytes.len());
    let mut newline = false;
    loop {
        while at > 0 && bytes[at - 1].is_ascii_whitespace() {
            newline |= matches!(bytes[at - 1], b'\n' | b'\r');
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
    at.checked_sub(1).map(|i| (bytes[i], newline))
}

struct Locator<'t> {
    text: &'t str,
    comments: &'t [TextRange],
    sites: &'t FileSites,
    offset: TextSize,
}

impl Locator<'_> {
    fn string_target(&self, string: &JsonString) -> CursorTarget {
        let decoded_offset = string.decoded.from_source(self.offset).unwrap_or_default();
        let found = self
            .sites
            .strings
            .iter()
            .position(|s| s.range == string.range)
            .and_then(|index| {
                let block = self.sites.strings[index]
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

    /// Descends from `root` (which contains the offset) to the innermost position.
    fn locate<'a>(&self, root: &'a Value) -> Located<'a> {
        let offset = self.offset;
        let mut value = root;
        let mut path = JsonPath::root();
        let mut containers = Vec::new();
        loop {
            let inside = inside_container(self.text, value, offset);
            match &value.kind {
                ValueKind::String(string) if in_literal(string, offset) => {
                    return Located {
                        target: self.string_target(string),
                        path,
                        is_key: false,
                        containers,
                        literal: Some(string),
                    };
                }
                ValueKind::Object(members) if inside => {
                    containers.push(value);
                    if let Some(member) = members.iter().find(|m| in_literal(&m.key, offset)) {
                        return self.in_key(members, member, path, containers);
                    }
                    if let Some(member) = members.iter().find(|m| {
                        m.value
                            .as_ref()
                            .is_some_and(|v| contains(self.text, v, offset))
                            && offset > m.key.range.end()
                    }) {
                        path = path.child_shared_key(member.key.decoded.shared());
                        value = member.value.as_ref().expect("checked above");
                        continue;
                    }
                    return self.object_gap(members, path, containers);
                }
                ValueKind::Array(items) if inside => {
                    containers.push(value);
                    if let Some((index, item)) = items
                        .iter()
                        .enumerate()
                        .find(|(_, item)| contains(self.text, item, offset))
                    {
                        path = path.child_index(index);
                        value = item;
                        continue;
                    }
                    let index = items
                        .iter()
                        .filter(|item| item.range.end() <= offset)
                        .count();
                    let word = word_at(self.text, offset);
                    let target = match previous_significant(self.text, self.comments, word.start())
                    {
                        Some((b'[' | b',', _)) => CursorTarget::Value { range: None },
                        _ => CursorTarget::None,
                    };
                    return Located {
                        path: path.child_index(index),
                        target,
                        is_key: false,
                        containers,
                        literal: None,
                    };
                }
                _ => {
                    return Located {
                        path,
                        target: CursorTarget::Value {
                            range: Some(value.range),
                        },
                        is_key: false,
                        containers,
                        literal: None,
                    };
                }
            }
        }
    }

    fn in_key<'a>(
        &self,
        members: &[Member],
        member: &'a Member,
        path: JsonPath,
        containers: Vec<&'a Value>,
    ) -> Located<'a> {
        let key = member.key.decoded.as_str().to_owned();
        let member_path = path.child_key(&key);
        let target = self.string_target(&member.key);
        let target = match target {
            CursorTarget::Iml(_) => target,
            _ => CursorTarget::Key {
                object: path,
                key: Some(key),
                range: Some(member.key.range),
                word: word_at(self.text, self.offset),
                has_colon: member.value.is_some() || member.range.end() > member.key.range.end(),
                existing: existing_keys(members),
            },
        };
        Located {
            path: member_path,
            target,
            is_key: true,
            containers,
            literal: Some(&member.key),
        }
    }

    /// Between the members of an object: a value after `:`, a key after `{`,
    /// `,` or a line break, nothing right after a value on its line.
    fn object_gap<'a>(
        &self,
        members: &[Member],
        path: JsonPath,
        containers: Vec<&'a Value>,
    ) -> Located<'a> {
        let word = word_at(self.text, self.offset);
        let (path, target, is_key) =
            match previous_significant(self.text, self.comments, word.start()) {
                Some((b':', _)) => {
                    match members
                        .iter()
                        .rev()
                        .find(|m| m.key.range.end() <= word.start())
                    {
                        Some(member) => (
                            path.child_shared_key(member.key.decoded.shared()),
                            CursorTarget::Value { range: None },
                            false,
                        ),
                        None => (path, CursorTarget::None, false),
                    }
                }
                Some((b'{' | b',', _) | (_, true)) => (
                    path.clone(),
                    CursorTarget::Key {
                        object: path,
                        key: None,
                        range: None,
                        word,
                        has_colon: false,
                        existing: existing_keys(members),
                    },
                    true,
                ),
                _ => (path, CursorTarget::None, false),
            };
        Located {
            path,
            target,
            is_key,
            containers,
            literal: None,
        }
    }
}

fn existing_keys(members: &[Member]) -> Vec<String> {
    members
        .iter()
        .map(|m| m.key.decoded.as_str().to_owned())
        .collect()
}
