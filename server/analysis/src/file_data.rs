//! One known file: its text, its JSONC document, and everything derived from
//! them, computed lazily and cached until the file changes.

use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use iml_catalogue::Severity;
use iml_jsonc::{JsonDocument, Value};
use text_size::TextRange;

use crate::app_files::has_json_extension;
use crate::diagnostics::Diagnostic;
use crate::manifest::Manifest;
use crate::metadata::ComponentMetadata;
use crate::roles::FileRole;
use crate::semantic::cache::FileSemantics;
use crate::semantic::sites::FileSites;

/// Text and what depends on the text alone. Shared between snapshots; a new
/// one is made (or the unshared one edited in place) when the text changes.
pub(crate) struct FileContent {
    body: Body,
    manifest: OnceLock<Manifest>,
    metadata: OnceLock<ComponentMetadata>,
}

enum Body {
    Json(JsonDocument),
    /// JavaScript, Markdown and anything else: kept as text, never parsed.
    Text(String),
    /// Text over [`MAX_FILE_BYTES`]: kept so edits still apply, never parsed
    /// (F003). `json` says whether it is parsed once it is small enough.
    TooLarge {
        text: String,
        json: bool,
    },
}

/// Files larger than this are not analysed (F003), whether read from disk
/// by the CLI or the server or opened in the editor. Real spec files are a
/// few kilobytes; parsing is linear, but derived data (sites, facts,
/// diagnostics) held for a text of tens of megabytes would cost gigabytes.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

fn body(text: String, json: bool) -> Body {
    if text.len() as u64 > MAX_FILE_BYTES {
        Body::TooLarge { text, json }
    } else if json {
        Body::Json(JsonDocument::parse(text))
    } else {
        Body::Text(text)
    }
}

impl FileContent {
    pub(crate) fn new(path: &Path, text: String) -> FileContent {
        FileContent {
            body: body(text, has_json_extension(path)),
            manifest: OnceLock::new(),
            metadata: OnceLock::new(),
        }
    }

    pub(crate) fn text(&self) -> &str {
        match &self.body {
            Body::Json(doc) => doc.text(),
            Body::Text(text) | Body::TooLarge { text, .. } => text,
        }
    }

    /// Whether the text is over [`MAX_FILE_BYTES`] and so not analysed.
    pub(crate) fn is_too_large(&self) -> bool {
        matches!(self.body, Body::TooLarge { .. })
    }

    pub(crate) fn document(&self) -> Option<&JsonDocument> {
        match &self.body {
            Body::Json(doc) => Some(doc),
            Body::Text(_) | Body::TooLarge { .. } => None,
        }
    }

    /// Edits in place (the caller checked the range) and drops every cache.
    pub(crate) fn apply_edit(&mut self, range: TextRange, replacement: &str) {
        match &mut self.body {
            Body::Json(doc) => {
                doc.apply_edit(range, replacement);
            }
            Body::Text(text) => text.replace_range(
                usize::from(range.start())..usize::from(range.end()),
                replacement,
            ),
            Body::TooLarge { text, json } => {
                text.replace_range(
                    usize::from(range.start())..usize::from(range.end()),
                    replacement,
                );
                if text.len() as u64 <= MAX_FILE_BYTES {
                    let json = *json;
                    self.body = body(std::mem::take(text), json);
                }
            }
        }
        self.manifest = OnceLock::new();
        self.metadata = OnceLock::new();
    }

    /// A copy with one edit applied, for when a snapshot still reads this
    /// version: the text is copied, and a tree-sitter tree, if one was built,
    /// shares its nodes and records the edit for an incremental reparse.
    pub(crate) fn edited(&self, range: TextRange, replacement: &str) -> FileContent {
        let body = match &self.body {
            Body::Json(doc) => Body::Json(doc.clone()),
            Body::Text(text) => Body::Text(text.clone()),
            Body::TooLarge { text, json } => Body::TooLarge {
                text: text.clone(),
                json: *json,
            },
        };
        let mut copy = FileContent {
            body,
            manifest: OnceLock::new(),
            metadata: OnceLock::new(),
        };
        copy.apply_edit(range, replacement);
        copy
    }

    pub(crate) fn root(&self) -> Option<&Value> {
        self.document()?.root()
    }

    /// The manifest this file holds, read relative to `root_dir` (its folder).
    pub(crate) fn manifest(&self, root_dir: &Path) -> &Manifest {
        self.manifest.get_or_init(|| match self.root() {
            Some(value) => Manifest::parse(root_dir, value),
            None => Manifest::default(),
        })
    }

    pub(crate) fn metadata(&self) -> &ComponentMetadata {
        self.metadata.get_or_init(|| {
            self.root()
                .map(ComponentMetadata::parse)
                .unwrap_or_default()
        })
    }
}

/// Texts up to this size always keep the previous version's sites for reuse.
const SMALL_TEXT: usize = 64 * 1024;

/// Whether a version of `new_len` bytes should hold the sites of the previous
/// one, of `old_len` bytes, for reuse. Those sites are released only when the
/// new version's sites are computed, which for a file closed in the editor
/// (its disk text loaded back, its diagnostics no longer asked for) may be
/// never: a megabyte buffer closed over a small disk file kept tens of
/// megabytes of parses. A keystroke, or a whole-text replacement by an editor
/// that sends full texts, changes the size little; a text much smaller than
/// the previous one can reuse few of its strings.
fn worth_reusing(old_len: usize, new_len: usize) -> bool {
    old_len <= SMALL_TEXT || old_len <= new_len.saturating_mul(2)
}

/// A file as one snapshot sees it: shared content plus its role, which also
/// depends on the layout files around it.
pub(crate) struct FileData {
    pub(crate) content: Arc<FileContent>,
    pub(crate) role: OnceLock<FileRole>,
    /// Sites and facts of this version; they depend on the content and the role,
    /// both fixed for the lifetime of a `FileData`.
    pub(crate) semantics: OnceLock<Option<Arc<FileSemantics>>>,
    /// The sites of an earlier version of the same file, whose string parses
    /// the first sites computation of this version reuses; taken (and so
    /// released) by that computation.
    pub(crate) previous_sites: Mutex<Option<Arc<FileSites>>>,
}

impl FileData {
    pub(crate) fn new(content: Arc<FileContent>) -> FileData {
        FileData {
            content,
            role: OnceLock::new(),
            semantics: OnceLock::new(),
            previous_sites: Mutex::new(None),
        }
    }

    /// The next version of this file, remembering this version's sites (or
    /// the ones this version was going to reuse) for reuse, unless the new
    /// text is much smaller (see [`worth_reusing`]).
    pub(crate) fn next_version(&self, content: Arc<FileContent>) -> FileData {
        let reuse = worth_reusing(self.content.text().len(), content.text().len());
        let next = FileData::new(content);
        if reuse {
            *next
                .previous_sites
                .lock()
                .unwrap_or_else(|e| e.into_inner()) = self.reusable_sites();
        }
        next
    }

    fn reusable_sites(&self) -> Option<Arc<FileSites>> {
        match self.semantics.get() {
            Some(Some(semantics)) => Some(Arc::clone(&semantics.sites)),
            _ => self
                .previous_sites
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone(),
        }
    }

    /// The same content with the role forgotten (a layout file around it changed).
    pub(crate) fn with_fresh_role(&self) -> FileData {
        self.next_version(Arc::clone(&self.content))
    }
}

/// The one diagnostic of a text over [`MAX_FILE_BYTES`], which is
/// kept but not analysed.
pub(crate) fn too_large(bytes: usize) -> Diagnostic {
    Diagnostic {
        code: "F003",
        severity: iml_catalogue::rule("F003").map_or(Severity::Warning, |rule| rule.severity),
        message: format!(
            "file is {bytes} bytes, over the {}-byte limit, so it is not analysed",
            MAX_FILE_BYTES
        ),
        range: TextRange::default(),
        help: Some("Split large samples or data out of the spec file.".into()),
        fixes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(text: String) -> FileData {
        FileData::new(Arc::new(FileContent::new(Path::new("/a.iml.json"), text)))
    }

    fn holds_previous(data: &FileData) -> bool {
        data.previous_sites
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }

    #[test]
    fn a_much_smaller_text_does_not_keep_the_previous_sites() {
        let big = data(format!("[{}\"\"]", "\"{{a.b}}\",".repeat(100_000)));
        *big.previous_sites.lock().unwrap() = Some(Arc::new(FileSites::default()));
        let edited = big.next_version(Arc::clone(
            &data(big.content.text().replace("a.b", "a.c")).content,
        ));
        assert!(holds_previous(&edited), "an edit keeps them");
        let closed = edited.next_version(Arc::clone(&data("[]".into()).content));
        assert!(!holds_previous(&closed), "a text 1/500 the size drops them");
        *closed.previous_sites.lock().unwrap() = Some(Arc::new(FileSites::default()));
        let small = closed.next_version(Arc::clone(&data("[1]".into()).content));
        assert!(holds_previous(&small), "small texts always keep them");
    }
}
