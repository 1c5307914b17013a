//! Completion: keys by object kind and place, enumerated values, `rpc://`
//! names, Endpoint names in `endpoint`, module ids in `groups.json`, and inside `{{ }}` the visible variables, their members (declared
//! parameters, connection data, temp and common keys, sample keys) and
//! functions.

mod iml;
pub(crate) mod item;
mod key;
mod value;

use std::collections::HashSet;
use std::path::Path;

use text_size::{TextRange, TextSize};

use crate::host::Analysis;
use crate::semantic::CursorTarget;

use super::site::Site;

pub(crate) use iml::is_reported;
pub use item::{CompletionItem, CompletionKind};

use iml::iml_completions;
use key::key_completions;
use value::{bare_value_completions, element_completions, string_completions};

impl Analysis {
    /// Completion proposals at byte `offset` of `path`, best first.
    pub fn completions(&self, path: &Path, offset: TextSize) -> Vec<CompletionItem> {
        if self.role(path).kind == crate::roles::RoleKind::SpecTest {
            return crate::spec_tests::completions(self, path, offset);
        }
        completions(self, path, offset)
    }
}

pub(crate) fn completions(
    analysis: &Analysis,
    path: &Path,
    offset: TextSize,
) -> Vec<CompletionItem> {
    let Some(site) = Site::new(analysis, path, offset) else {
        return Vec::new();
    };
    let mut items = match &site.cursor.target {
        CursorTarget::Key {
            key,
            word,
            has_colon,
            existing,
            ..
        } => key_completions(&site, key.as_deref(), *word, *has_colon, existing),
        CursorTarget::StringValue { .. } => string_completions(&site),
        CursorTarget::Iml(_) => iml_completions(&site),
        CursorTarget::Value { range } => {
            let range = range.unwrap_or(TextRange::empty(offset));
            match site.cursor.member_key() {
                Some(key) => bare_value_completions(&site, key, range),
                None => element_completions(&site, range),
            }
        }
        CursorTarget::None => Vec::new(),
    };
    items.sort_by(|a, b| {
        a.sort_text
            .cmp(&b.sort_text)
            .then_with(|| a.label.cmp(&b.label))
    });
    let mut seen = HashSet::new();
    items.retain(|item| seen.insert((item.label.clone(), item.kind)));
    items
}
