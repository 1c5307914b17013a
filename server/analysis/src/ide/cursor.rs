//! Where a cursor is in a JSONC file: the chain of containers around it and
//! the token under it (a key, a string value, bare text at a key or value
//! position). Works on the cached value model plus a look at the raw text
//! next to the cursor, since half-typed keys are not in the model.

use iml_jsonc::{JsonString, Member, Value, ValueKind};
use text_size::{TextRange, TextSize};

/// One step from a container to a child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

/// The containers from the root down to the innermost one holding the
/// cursor, each with the step that led into it (`None` for the root).
pub(crate) struct Located<'a> {
    pub(crate) chain: Vec<(Option<Seg>, &'a Value)>,
    pub(crate) at: At<'a>,
}

/// The token under the cursor, inside the innermost container.
pub(crate) enum At<'a> {
    /// Inside the key string of a member.
    Key {
        member: &'a Member,
        /// Whether the member already has its colon (so only the name is replaced).
        has_colon: bool,
    },
    /// Inside a string value; `key` is the member's key (`None` in an array).
    String {
        string: &'a JsonString,
        key: Option<&'a str>,
    },
    /// On a literal that is not a string (`true`, `12`) of a member.
    Scalar {
        value: &'a Value,
        key: Option<&'a str>,
    },
    /// Where a new key may be typed; `word` is the bare text under the cursor.
    KeyPosition {
        word: TextRange,
    },
    /// After a member's colon, before any value; `word` is bare text typed there.
    ValuePosition {
        key: &'a str,
        word: TextRange,
    },
    /// Between elements of an array.
    Element {
        word: TextRange,
    },
    Nowhere,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b == b'-'
}

/// The bare word around `offset` (may be empty).
pub(crate) fn word_at(text: &str, offset: usize) -> TextRange {
    let bytes = text.as_bytes();
    let mut start = offset.min(bytes.len());
    while start > 0 && is_word_byte(bytes[start - 1]) {
        start -= 1;
    }
    let mut end = offset.min(bytes.len());
    while end < bytes.len() && is_word_byte(bytes[end]) {
        end += 1;
    }
    TextRange::new(size(start), size(end))
}

pub(crate) fn size(n: usize) -> TextSize {
    TextSize::try_from(n).unwrap_or(TextSize::new(u32::MAX))
}

/// The last byte before `offset` that is not whitespace, with whether a line
/// break was crossed on the way.
fn previous_significant(text: &str, offset: usize) -> Option<(usize, u8, bool)> {
    let bytes = text.as_bytes();
    let mut i = offset.min(bytes.len());
    let mut newline = false;
    while i > 0 {
        i -= 1;
        match bytes[i] {
            b'\n' | b'\r' => newline = true,
            b' ' | b'\t' => {}
            b => return Some((i, b, newline)),
        }
    }
    None
}

/// Whether a container's closing bracket is present (its range then ends with it).
fn is_closed(text: &str, value: &Value) -> bool {
    let end = usize::from(value.range.end());
    let closer = match value.kind {
        ValueKind::Object(_) => b'}',
        ValueKind::Array(_) => b']',
        _ => return true,
    };
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

fn inside_string(string: &JsonString, offset: TextSize) -> bool {
    string.decoded.from_source(offset).is_some() && offset > string.range.start()
}

/// Locates `offset` in the file whose root value is `root`.
pub(crate) fn locate<'a>(text: &str, root: &'a Value, offset: TextSize) -> Option<Located<'a>> {
    let container_root = matches!(root.kind, ValueKind::Object(_) | ValueKind::Array(_));
    if !container_root || !inside_container(text, root, offset) {
        return None;
    }
    let mut chain: Vec<(Option<Seg>, &'a Value)> = vec![(None, root)];
    loop {
        let current = chain.last().map(|(_, v)| *v)?;
        let step = match &current.kind {
            ValueKind::Object(members) => step_object(text, members, offset),
            ValueKind::Array(items) => step_array(text, items, offset),
            _ => return None,
        };
        match step {
            Step::Descend(seg, child) => chain.push((Some(seg), child)),
            Step::Stop(at) => return Some(Located { chain, at }),
        }
    }
}

enum Step<'a> {
    Descend(Seg, &'a Value),
    Stop(At<'a>),
}

fn step_object<'a>(text: &str, members: &'a [Member], offset: TextSize) -> Step<'a> {
    for member in members {
        if inside_string(&member.key, offset) {
            let has_colon = member.value.is_some() || member.range.end() > member.key.range.end();
            return Step::Stop(At::Key { member, has_colon });
        }
        let Some(value) = &member.value else { continue };
        let key = member.key.decoded.as_str();
        match &value.kind {
            ValueKind::Object(_) | ValueKind::Array(_) if inside_container(text, value, offset) => {
                return Step::Descend(Seg::Key(key.to_owned()), value);
            }
            ValueKind::String(string) if inside_string(string, offset) => {
                return Step::Stop(At::String {
                    string,
                    key: Some(key),
                });
            }
            ValueKind::Number(_) | ValueKind::Bool(_) | ValueKind::Null
                if value.range.contains_inclusive(offset) =>
            {
                return Step::Stop(At::Scalar {
                    value,
                    key: Some(key),
                });
            }
            _ => {}
        }
    }
    let word = word_at(text, usize::from(offset));
    match previous_significant(text, usize::from(word.start())) {
        Some((colon, b':', _)) => {
            let key = members
                .iter()
                .rev()
                .find(|m| usize::from(m.key.range.end()) <= colon)
                .map(|m| m.key.decoded.as_str());
            match key {
                Some(key) => Step::Stop(At::ValuePosition { key, word }),
                None => Step::Stop(At::Nowhere),
            }
        }
        Some((_, b'{' | b',', _)) => Step::Stop(At::KeyPosition { word }),
        // A new line after a complete member: the comma is still to come.
        Some((_, _, true)) => Step::Stop(At::KeyPosition { word }),
        _ => Step::Stop(At::Nowhere),
    }
}

fn step_array<'a>(text: &str, items: &'a [Value], offset: TextSize) -> Step<'a> {
    for (index, item) in items.iter().enumerate() {
        match &item.kind {
            ValueKind::Object(_) | ValueKind::Array(_) if inside_container(text, item, offset) => {
                return Step::Descend(Seg::Index(index), item);
            }
            ValueKind::String(string) if inside_string(string, offset) => {
                return Step::Stop(At::String { string, key: None });
            }
            ValueKind::Number(_) | ValueKind::Bool(_) | ValueKind::Null
                if item.range.contains_inclusive(offset) =>
            {
                return Step::Stop(At::Scalar {
                    value: item,
                    key: None,
                });
            }
            _ => {}
        }
    }
    let word = word_at(text, usize::from(offset));
    match previous_significant(text, usize::from(word.start())) {
        Some((_, b'[' | b',', _)) => Step::Stop(At::Element { word }),
        _ => Step::Stop(At::Nowhere),
    }
}
