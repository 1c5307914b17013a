//! Completion: keys by object kind and place, enumerated values, `rpc://`
//! names, Endpoint names in `endpoint`, module ids in `groups.json`, and inside `{{ }}` the visible variables, their members (declared
//! parameters, connection data, temp and common keys, sample keys) and
//! functions.

mod iml;
mod key;
mod value;

use std::collections::HashSet;
use std::path::Path;

use iml_catalogue::Status;
use text_size::{TextRange, TextSize};

use crate::Analysis;
use crate::semantic::CursorTarget;

use super::site::Site;
use super::{CompletionItem, CompletionKind};

pub(crate) use iml::is_reported;

use iml::iml_completions;
use key::key_completions;
use value::{bare_value_completions, element_completions, string_completions};

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

struct Item {
    label: String,
    kind: CompletionKind,
    detail: String,
    documentation: Option<String>,
    insert_text: String,
    is_snippet: bool,
    group: u8,
    rank: usize,
    filter_text: Option<String>,
}

impl Item {
    fn plain(label: &str, kind: CompletionKind, detail: String) -> Item {
        Item {
            label: label.to_owned(),
            kind,
            detail,
            documentation: None,
            insert_text: label.to_owned(),
            is_snippet: false,
            group: 1,
            rank: 0,
            filter_text: None,
        }
    }

    fn finish(self, range: TextRange) -> CompletionItem {
        CompletionItem {
            sort_text: format!("{}{:04}{}", self.group, self.rank, self.label),
            filter_text: self.filter_text.unwrap_or_else(|| self.label.clone()),
            label: self.label,
            kind: self.kind,
            detail: self.detail,
            documentation: self.documentation,
            insert_text: self.insert_text,
            is_snippet: self.is_snippet,
            replace_range: range,
        }
    }
}

fn status_group(status: Status) -> u8 {
    match status {
        Status::Documented => 1,
        Status::DocsOnly => 2,
        _ => 3,
    }
}
