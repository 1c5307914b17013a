//! Completion of object keys: the keys the object's kind and place allow,
//! minus those already present, written out with a value snippet.

use iml_jsonc::JsonString;
use text_size::{TextRange, TextSize};

use super::item::{CompletionItem, CompletionKind, Item, status_group};
use crate::ide::keys::{self, KeyInfo};
use crate::ide::markdown;
use crate::ide::site::Site;

/// Keys of the object at the cursor. `editing` is the key literal under the
/// cursor; without one, `word` is the bare text typed where the key goes.
pub(super) fn key_completions(
    site: &Site<'_>,
    editing: Option<&str>,
    word: TextRange,
    has_colon: bool,
    existing: &[String],
) -> Vec<CompletionItem> {
    let Some(container) = site.container() else {
        return Vec::new();
    };
    let keys = keys::keys_for(
        site.kind(),
        site.place(),
        container,
        site.parent(),
        site.is_connection_file(),
    );
    let mut present: Vec<&str> = existing.iter().map(String::as_str).collect();
    if let Some(edited) = editing.and_then(|key| present.iter().position(|p| *p == key)) {
        present.remove(edited);
    }
    let literal = site.cursor.literal().filter(|_| editing.is_some());
    let (range, quoted) = match literal {
        Some(key) if has_colon => (key.decoded.content_range(), false),
        Some(key) => {
            let end = if is_terminated(key) {
                key.range.end()
            } else {
                word.end().max(site.cursor.offset)
            };
            (TextRange::new(key.range.start(), end), true)
        }
        None => (word, false),
    };
    let comma = !has_colon && next_significant(site.text, range.end()) == Some(b'"');
    keys.iter()
        .enumerate()
        .filter(|(_, key)| !present.contains(&key.name()))
        .map(|(rank, key)| {
            let name = key.name();
            let mut item = Item::plain(name, item_kind(key), key.detail());
            item.documentation = Some(markdown::key(key, site.place()));
            item.rank = rank;
            item.group = if key.is_required(site.place()) {
                0
            } else {
                status_group(key.status())
            };
            if !has_colon {
                item.insert_text = format!(
                    "\"{name}\": {}{}",
                    key.value_snippet(),
                    if comma { "," } else { "" }
                );
                item.is_snippet = true;
            }
            if quoted {
                item.filter_text = Some(format!("\"{name}\""));
            }
            item.finish(range)
        })
        .collect()
}

fn item_kind(key: &KeyInfo) -> CompletionKind {
    match key {
        KeyInfo::Section(_) => CompletionKind::Section,
        KeyInfo::Param(_) | KeyInfo::Validate(_) => CompletionKind::ParameterKey,
        KeyInfo::Directive(_) | KeyInfo::AnyStatus => CompletionKind::Property,
    }
}

fn next_significant(text: &str, from: TextSize) -> Option<u8> {
    text.as_bytes()[usize::from(from).min(text.len())..]
        .iter()
        .copied()
        .find(|b| !b.is_ascii_whitespace())
}

fn is_terminated(string: &JsonString) -> bool {
    string.decoded.content_range().end() < string.range.end()
}
