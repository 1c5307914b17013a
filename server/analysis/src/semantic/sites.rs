//! Sites: the strings of a file that hold IML, with their JSON paths and
//! parsed `{{ }}` blocks.

use std::collections::HashMap;
use std::sync::Arc;

use iml_jsonc::{DecodedString, JsonString, SharedStr, Value, ValueKind};
use iml_lang::{ExprBlock, Template, parse_template};
use text_size::{TextRange, TextSize};

use super::path::{JsonPath, PathSegment};

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
    /// The blocks, with ranges in decoded offsets; shared with the file's
    /// later versions while the string's text stays the same.
    pub template: Arc<Template>,
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
        FileSites::collect_reusing(root, None)
    }

    /// Collects the sites below `root`, taking the parse of every string whose
    /// decoded text also appears in `previous` (the file's earlier version)
    /// from there: template ranges are decoded offsets, so they do not move
    /// when the text around the string does, and a keystroke reparses only
    /// the string it touched.
    pub(crate) fn collect_reusing(root: &Value, previous: Option<&FileSites>) -> FileSites {
        let reusable: HashMap<&str, &Arc<Template>> = previous
            .map(|previous| {
                previous
                    .strings
                    .iter()
                    .map(|string| (string.decoded.as_str(), &string.template))
                    .collect()
            })
            .unwrap_or_default();
        let mut collector = Collector {
            strings: Vec::new(),
            path: Vec::new(),
            reusable,
            parsed: HashMap::new(),
        };
        collector.walk(root);
        let mut strings = collector.strings;
        strings.sort_by_key(|s| s.range.start());
        strings.shrink_to_fit();
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

/// One step of the path being walked, borrowed from the value model until a
/// site needs it.
#[derive(Clone, Copy)]
enum Step<'v> {
    Key(&'v SharedStr),
    Index(usize),
}

/// Walks the value model keeping one path stack, so a path is built only for
/// the strings that become sites. Recursion is bounded by the value model's
/// own depth limit (`iml_jsonc::MAX_MODEL_DEPTH`).
struct Collector<'a> {
    strings: Vec<ImlString>,
    path: Vec<Step<'a>>,
    /// Parses of the file's earlier version, by decoded text.
    reusable: HashMap<&'a str, &'a Arc<Template>>,
    /// Parses made during this walk, by decoded text: a text that appears
    /// several times in the file (`{{parameters.id}}`) is parsed and held once.
    parsed: HashMap<&'a str, Arc<Template>>,
}

impl<'a> Collector<'a> {
    fn walk(&mut self, value: &'a Value) {
        match &value.kind {
            ValueKind::String(string) => self.push_string(string, false),
            ValueKind::Object(members) => {
                for member in members {
                    let key = member.key.decoded.as_str();
                    self.path.push(Step::Key(member.key.decoded.shared()));
                    if is_spread_key(key) {
                        self.push_string(&member.key, true);
                    }
                    if let Some(value) = &member.value {
                        self.walk(value);
                    }
                    self.path.pop();
                }
            }
            ValueKind::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    self.path.push(Step::Index(index));
                    self.walk(item);
                    self.path.pop();
                }
            }
            _ => {}
        }
    }

    fn push_string(&mut self, string: &'a JsonString, is_key: bool) {
        let text = string.decoded.as_str();
        if !text.contains("{{") {
            return;
        }
        let template = match self.reusable.get(text) {
            Some(template) => Arc::clone(template),
            None => Arc::clone(
                self.parsed
                    .entry(text)
                    .or_insert_with(|| Arc::new(parse_template(text))),
            ),
        };
        if template.blocks.is_empty() {
            return;
        }
        let path = self
            .path
            .iter()
            .map(|step| match *step {
                Step::Key(key) => PathSegment::Key(key.clone()),
                Step::Index(index) => PathSegment::Index(index),
            })
            .collect();
        self.strings.push(ImlString {
            path: JsonPath(path),
            is_key,
            range: string.range,
            decoded: string.decoded.clone(),
            template,
        });
    }
}
