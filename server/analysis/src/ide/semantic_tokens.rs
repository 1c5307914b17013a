//! Semantic tokens: the IML inside strings (root variables, properties,
//! functions, operators, strings, numbers, keywords, the `{{ }}` delimiters)
//! and the JSON keys that are known directives.

use std::collections::HashSet;
use std::path::Path;

use iml_catalogue::{KeyLevel, lookup, root_variable};
use iml_jsonc::{Value, ValueKind};
use iml_lang::TokenKind;
use text_size::{TextRange, TextSize};

use crate::host::Analysis;
use crate::roles::RoleKind;
use crate::semantic::{JsonPath, PathSegment, context_at_path, iml_diagnostics_within, sites};

impl Analysis {
    /// Semantic tokens of `path` as absolute byte ranges, sorted, none
    /// spanning a line break; only those touching `range` when given.
    pub fn semantic_tokens(&self, path: &Path, range: Option<TextRange>) -> Vec<SemanticToken> {
        semantic_tokens(self, path, range)
    }
}

/// The token types, in legend order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SemanticTokenType {
    /// A root variable (`parameters`, `body`, a backticked name).
    Variable,
    /// A property after `.`; also a JSON key that is a known directive.
    Property,
    Function,
    Keyword,
    Operator,
    String,
    Number,
    /// The `{{` and `}}` around an expression.
    Macro,
}

/// The legend's token types; a token's type index is its position here.
pub const SEMANTIC_TOKEN_TYPES: &[SemanticTokenType] = &[
    SemanticTokenType::Variable,
    SemanticTokenType::Property,
    SemanticTokenType::Function,
    SemanticTokenType::Keyword,
    SemanticTokenType::Operator,
    SemanticTokenType::String,
    SemanticTokenType::Number,
    SemanticTokenType::Macro,
];

impl SemanticTokenType {
    /// The protocol's name of the type.
    pub fn name(self) -> &'static str {
        match self {
            SemanticTokenType::Variable => "variable",
            SemanticTokenType::Property => "property",
            SemanticTokenType::Function => "function",
            SemanticTokenType::Keyword => "keyword",
            SemanticTokenType::Operator => "operator",
            SemanticTokenType::String => "string",
            SemanticTokenType::Number => "number",
            SemanticTokenType::Macro => "macro",
        }
    }

    /// Position in [`SEMANTIC_TOKEN_TYPES`].
    pub fn index(self) -> u32 {
        SEMANTIC_TOKEN_TYPES
            .iter()
            .position(|t| *t == self)
            .unwrap_or_default() as u32
    }
}

/// Token modifiers, in legend order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SemanticTokenModifier {
    /// Make's own: a catalogue variable, function or directive key.
    DefaultLibrary,
    /// A root variable the semantic model does not know here (`I002`).
    Unknown,
}

/// The legend's modifiers; bit `i` of [`SemanticToken::modifiers`] is entry `i`.
pub const SEMANTIC_TOKEN_MODIFIERS: &[SemanticTokenModifier] = &[
    SemanticTokenModifier::DefaultLibrary,
    SemanticTokenModifier::Unknown,
];

impl SemanticTokenModifier {
    pub fn name(self) -> &'static str {
        match self {
            SemanticTokenModifier::DefaultLibrary => "defaultLibrary",
            SemanticTokenModifier::Unknown => "unknown",
        }
    }

    pub fn bit(self) -> u32 {
        let index = SEMANTIC_TOKEN_MODIFIERS
            .iter()
            .position(|m| *m == self)
            .unwrap_or_default();
        1 << index
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SemanticToken {
    /// Absolute byte range; never spans a line break.
    pub range: TextRange,
    pub token_type: SemanticTokenType,
    /// Bit set over [`SEMANTIC_TOKEN_MODIFIERS`].
    pub modifiers: u32,
}

impl SemanticToken {
    pub fn has(&self, modifier: SemanticTokenModifier) -> bool {
        self.modifiers & modifier.bit() != 0
    }
}

pub(crate) fn semantic_tokens(
    analysis: &Analysis,
    file: &Path,
    filter: Option<TextRange>,
) -> Vec<SemanticToken> {
    let Some(text) = analysis.file_text(file) else {
        return Vec::new();
    };
    let wanted = |range: TextRange| {
        filter.is_none_or(|f| {
            range.start() < f.end() && range.end() > f.start()
                || f.is_empty() && range.contains_inclusive(f.start())
        })
    };
    let mut raw = Vec::new();
    if let Some(sites) = sites(analysis, file) {
        let unknown: HashSet<TextRange> = if sites.strings.iter().any(|s| wanted(s.range)) {
            iml_diagnostics_within(analysis, file, &wanted)
                .into_iter()
                .filter(|d| d.code == "I002")
                .map(|d| d.range)
                .collect()
        } else {
            HashSet::new()
        };
        for string in sites.strings.iter().filter(|s| wanted(s.range)) {
            let decoded = string.decoded.as_str();
            for block in &string.template.blocks {
                for token in &block.tokens {
                    let source = string.to_source(token.range);
                    let word = decoded
                        .get(usize::from(token.range.start())..usize::from(token.range.end()))
                        .unwrap_or_default();
                    let Some((token_type, modifiers)) =
                        classify(token.kind, word, source, &unknown)
                    else {
                        continue;
                    };
                    raw.push(SemanticToken {
                        range: source,
                        token_type,
                        modifiers,
                    });
                }
            }
        }
    }
    directive_keys(analysis, file, &mut raw);
    let mut out = Vec::with_capacity(raw.len());
    for token in raw {
        for piece in split_lines(text, token.range) {
            if !piece.is_empty() && wanted(piece) {
                out.push(SemanticToken {
                    range: piece,
                    ..token
                });
            }
        }
    }
    out.sort_by_key(|t| (t.range.start(), t.range.end()));
    out.dedup_by(|next, previous| next.range.start() < previous.range.end());
    out
}

fn classify(
    kind: TokenKind,
    word: &str,
    source: TextRange,
    unknown: &HashSet<TextRange>,
) -> Option<(SemanticTokenType, u32)> {
    let library = SemanticTokenModifier::DefaultLibrary.bit();
    Some(match kind {
        TokenKind::Delimiter => (SemanticTokenType::Macro, 0),
        TokenKind::Name => {
            let bare = word.trim_matches('`');
            let mut modifiers = 0;
            if root_variable(bare).is_some() && !word.starts_with('`') {
                modifiers |= library;
            }
            if unknown.contains(&source) {
                modifiers |= SemanticTokenModifier::Unknown.bit();
            }
            (SemanticTokenType::Variable, modifiers)
        }
        TokenKind::Property => (SemanticTokenType::Property, 0),
        TokenKind::Function => {
            let modifiers = if iml_catalogue::function(word).is_some() {
                library
            } else {
                0
            };
            (SemanticTokenType::Function, modifiers)
        }
        TokenKind::Keyword => (SemanticTokenType::Keyword, 0),
        TokenKind::Number => (SemanticTokenType::Number, 0),
        TokenKind::String => (SemanticTokenType::String, 0),
        TokenKind::Operator | TokenKind::Spread => (SemanticTokenType::Operator, 0),
        TokenKind::Punct | TokenKind::Unknown => return None,
    })
}

/// The pieces of `range` between line breaks (`\r` and `\n` excluded).
pub(super) fn split_lines(text: &str, range: TextRange) -> Vec<TextRange> {
    let Some(covered) = text.get(usize::from(range.start())..usize::from(range.end())) else {
        return vec![range];
    };
    if !covered.contains(['\n', '\r']) {
        return vec![range];
    }
    let mut out = Vec::new();
    let mut start = 0usize;
    for (i, c) in covered.char_indices() {
        if c == '\n' || c == '\r' {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, covered.len()));
    out.into_iter()
        .filter(|(s, e)| e > s)
        .filter_map(|(s, e)| {
            let s = range.start() + TextSize::try_from(s).ok()?;
            let e = range.start() + TextSize::try_from(e).ok()?;
            Some(TextRange::new(s, e))
        })
        .collect()
}

/// Files whose keys are request directives.
fn has_directives(kind: RoleKind) -> bool {
    matches!(
        kind,
        RoleKind::Communication
            | RoleKind::Base
            | RoleKind::Epoch
            | RoleKind::Attach
            | RoleKind::Detach
            | RoleKind::Update
    )
}

/// Directive keys are shallow; deeper keys are user data (`body`, `qs`).
const MAX_DIRECTIVE_DEPTH: usize = 5;

fn directive_keys(analysis: &Analysis, file: &Path, out: &mut Vec<SemanticToken>) {
    if !has_directives(analysis.role(file).kind) {
        return;
    }
    let Some(root) = analysis.root_value(file) else {
        return;
    };
    let mut stack: Vec<(&Value, JsonPath)> = vec![(root, JsonPath::root())];
    while let Some((value, path)) = stack.pop() {
        if path.len() >= MAX_DIRECTIVE_DEPTH {
            continue;
        }
        match &value.kind {
            ValueKind::Object(members) => {
                for member in members {
                    let child = path.child_key(member.key.decoded.as_str());
                    if is_directive_key(analysis, file, &child) {
                        out.push(SemanticToken {
                            range: member.key.range,
                            token_type: SemanticTokenType::Property,
                            modifiers: SemanticTokenModifier::DefaultLibrary.bit(),
                        });
                        if let Some(value) = &member.value {
                            stack.push((value, child));
                        }
                    }
                }
            }
            ValueKind::Array(items) if path.len() <= 1 => {
                for (index, item) in items.iter().enumerate() {
                    stack.push((item, path.child_index(index)));
                }
            }
            _ => {}
        }
    }
}

/// Whether the key ending `path` is a directive (or an OAuth section) where it stands.
fn is_directive_key(analysis: &Analysis, file: &Path, path: &JsonPath) -> bool {
    let context = context_at_path(analysis, file, path, true);
    let fallback;
    let directive = match context.directive.as_deref() {
        Some(directive) => directive,
        // The place is unknown (a module without a type): read the file as
        // one request, or an array of them.
        None if context.place.is_none() => {
            let from = usize::from(matches!(
                path.segments().first(),
                Some(PathSegment::Index(_))
            ));
            fallback = path.dotted_keys_from(from);
            &fallback
        }
        None => return false,
    };
    if directive.is_empty() {
        return context.section.is_some();
    }
    let mut level = KeyLevel::Request;
    let keys: Vec<&str> = directive.split('.').collect();
    for (i, key) in keys.iter().enumerate() {
        let Some(found) = lookup(level, key) else {
            return false;
        };
        if i + 1 == keys.len() {
            return true;
        }
        level = match (level, *key) {
            (KeyLevel::Request, "response") => KeyLevel::Response,
            _ => match found.shape.nested() {
                Some(object) => KeyLevel::Nested(object),
                None => return false,
            },
        };
    }
    false
}
