//! The `data` a lean completion item carries: where its list was computed,
//! which is all `completionItem/resolve` needs to find its documentation
//! again. Shared by the list (`completion.rs`) and resolve.

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::Uri;

use crate::snapshot::DocumentSnapshot;

/// The `data` of a lean item: where its list was computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ResolveData {
    pub uri: Uri,
    /// The open document's version; `None` when it was not open.
    pub version: Option<i32>,
    /// The byte offset the completion was asked at.
    pub offset: u32,
}

impl ResolveData {
    pub fn for_request(doc: &DocumentSnapshot, offset: iml_analysis::TextSize) -> Self {
        Self {
            uri: doc.uri.clone(),
            version: version_of(doc),
            offset: offset.into(),
        }
    }

    pub fn to_value(&self) -> serde_json::Value {
        // Serializing a URI, an integer and an optional integer cannot fail.
        serde_json::to_value(self).unwrap_or_default()
    }
}

/// The version of the open document a request was about; `None` when it was not open.
pub(crate) fn version_of(doc: &DocumentSnapshot) -> Option<i32> {
    doc.snapshot
        .open_document(&doc.path)
        .map(|open| open.version)
}
