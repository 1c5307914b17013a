//! Document links: absolute http(s) URLs in string values (outside IML) and
//! `rpc://name` references, which open the RPC's communication file.

use std::path::{Path, PathBuf};

use text_size::{TextRange, TextSize};

use super::names::rpc_reference;
use super::walk::string_values;
use crate::host::Analysis;
use crate::roles::ComponentKind;

impl Analysis {
    /// URLs and `rpc://` references in the string values of `path`.
    pub fn document_links(&self, path: &Path) -> Vec<DocumentLink> {
        document_links(self, path)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    Url(String),
    File(PathBuf),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentLink {
    pub range: TextRange,
    pub target: LinkTarget,
    /// Shown on hover over the link.
    pub tooltip: Option<String>,
}

pub(crate) fn document_links(analysis: &Analysis, file: &Path) -> Vec<DocumentLink> {
    let Some(root) = analysis.root_value(file) else {
        return Vec::new();
    };
    let app = analysis.app(file);
    let mut out = Vec::new();
    for string in string_values(root) {
        let text = string.decoded.as_str();
        if let Some((name, range)) = rpc_reference(text) {
            let communication = app
                .and_then(|app| app.component(ComponentKind::Rpc, name))
                .and_then(|rpc| rpc.communication());
            if let Some(communication) = communication {
                out.push(DocumentLink {
                    range: string.decoded.range_to_source(range),
                    target: LinkTarget::File(communication.to_path_buf()),
                    tooltip: Some(format!("Open the RPC `{name}`")),
                });
            }
            continue;
        }
        if text.contains("{{") {
            continue;
        }
        for (url, range) in urls_in(text) {
            out.push(DocumentLink {
                range: string.decoded.range_to_source(range),
                target: LinkTarget::Url(url.to_owned()),
                tooltip: None,
            });
        }
    }
    out.sort_by_key(|link| (link.range.start(), link.range.end()));
    out
}

/// Absolute http(s) URLs in plain text, each up to whitespace or a
/// character that cannot end a URL in prose.
fn urls_in(text: &str) -> Vec<(&str, TextRange)> {
    let mut out = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let rest = &text[from..];
        let Some(found) = ["https://", "http://"]
            .iter()
            .filter_map(|scheme| rest.find(scheme))
            .min()
        else {
            break;
        };
        let start = from + found;
        let tail = &text[start..];
        let mut end = start
            + tail
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, '"' | '<' | '>' | '`' | '\'' | '{' | '}')
                })
                .unwrap_or(tail.len());
        while end > start && text[..end].ends_with(['.', ',', ';', ':', ')', ']', '!', '?']) {
            end -= 1;
        }
        let url = &text[start..end];
        let has_host = url
            .split_once("://")
            .is_some_and(|(_, rest)| !rest.is_empty() && !rest.starts_with('/'));
        if has_host && let (Ok(s), Ok(e)) = (TextSize::try_from(start), TextSize::try_from(end)) {
            out.push((url, TextRange::new(s, e)));
        }
        from = end.max(start + "http://".len());
    }
    out
}
