//! The one snapshot type: an analysis snapshot and the open documents (texts,
//! URIs, versions) to convert its byte ranges with, captured together under
//! the session lock so they agree. Requests and diagnostics runs both
//! compute on it. Owned and `Send`: it moves to a blocking thread.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use iml_analysis::{Analysis, TextRange, TextSize};
use ropey::Rope;
use tower_lsp_server::ls_types::{Location, Position, Range, Uri};

use crate::capabilities::ClientSupport;
use crate::config::Config;
use crate::positions::{from_proto, range_from_proto, range_to_proto, to_proto};
use crate::publish::ledger::LatestRequest;

pub struct Snapshot {
    pub analysis: Analysis,
    pub client: ClientSupport,
    pub config: Config,
    /// Open documents by the path the analysis knows them by.
    open: HashMap<PathBuf, OpenDocument>,
    /// Texts of files that are not open, built when first needed.
    closed: HashMap<PathBuf, Rope>,
}

/// An open document as it was when the snapshot was taken.
pub struct OpenDocument {
    /// The URI as the client spelled it; answers go back to it.
    pub uri: Uri,
    pub version: i32,
    pub rope: Rope,
    /// The session revision at which this text was last changed.
    pub text_revision: u64,
    /// Tells a diagnostics run whether a newer one was asked for.
    pub latest_request: LatestRequest,
    /// Results of spec-test cases run from the editor, shown with the
    /// analysis' diagnostics.
    pub spec_runs: Vec<iml_analysis::Diagnostic>,
    /// Whether the app model the document's diagnostics read is loaded:
    /// until it is, only what the text alone decides is published.
    pub app_ready: bool,
    /// The same file open under other spellings of its URI with the same
    /// text: its diagnostics go to each of them too.
    pub twins: Vec<Twin>,
}

/// Another spelling under which an open file is open, with the same text.
pub struct Twin {
    pub uri: Uri,
    pub version: i32,
    pub text_revision: u64,
}

/// A snapshot plus the document a `textDocument/*` request is about.
pub struct DocumentSnapshot {
    pub snapshot: Snapshot,
    pub uri: Uri,
    pub path: PathBuf,
    pub rope: Rope,
}

impl Snapshot {
    pub fn new(
        analysis: Analysis,
        client: ClientSupport,
        config: Config,
        open: HashMap<PathBuf, OpenDocument>,
    ) -> Self {
        Self {
            analysis,
            client,
            config,
            open,
            closed: HashMap::new(),
        }
    }

    /// The document at `uri` when the analysis knows it.
    pub fn for_document(mut self, uri: &Uri, path: PathBuf) -> Option<DocumentSnapshot> {
        let rope = self.rope(&path)?;
        Some(DocumentSnapshot {
            snapshot: self,
            uri: uri.clone(),
            path,
            rope,
        })
    }

    /// The text of `path` as the snapshot sees it.
    pub fn rope(&mut self, path: &Path) -> Option<Rope> {
        if let Some(document) = self.open.get(path) {
            return Some(document.rope.clone());
        }
        if let Some(rope) = self.closed.get(path) {
            return Some(rope.clone());
        }
        let rope = Rope::from_str(self.analysis.file_text(path)?);
        self.closed.insert(path.to_path_buf(), rope.clone());
        Some(rope)
    }

    /// The URI the client knows `path` by: an open document's own URI,
    /// else the file URI of the path.
    pub fn uri(&self, path: &Path) -> Option<Uri> {
        if let Some(document) = self.open.get(path) {
            return Some(document.uri.clone());
        }
        Uri::from_file_path(path)
    }

    pub fn open_document(&self, path: &Path) -> Option<&OpenDocument> {
        self.open.get(path)
    }

    pub fn open_documents(&self) -> impl Iterator<Item = &OpenDocument> {
        self.open.values()
    }

    /// A byte range of `path` as a protocol location.
    pub fn location(&mut self, path: &Path, range: TextRange) -> Option<Location> {
        let range = self.range(path, range)?;
        Some(Location::new(self.uri(path)?, range))
    }

    /// A byte range of `path` as a protocol range.
    pub fn range(&mut self, path: &Path, range: TextRange) -> Option<Range> {
        let rope = self.rope(path)?;
        Some(range_to_proto(
            &rope,
            range.start().into(),
            range.end().into(),
            self.client.encoding,
        ))
    }
}

impl DocumentSnapshot {
    pub fn offset(&self, position: Position) -> TextSize {
        size(from_proto(
            &self.rope,
            position,
            self.snapshot.client.encoding,
        ))
    }

    pub fn byte_range(&self, range: Range) -> TextRange {
        let (start, end) = range_from_proto(&self.rope, range, self.snapshot.client.encoding);
        TextRange::new(size(start), size(end))
    }

    pub fn position(&self, offset: TextSize) -> Position {
        to_proto(&self.rope, offset.into(), self.snapshot.client.encoding)
    }

    /// A byte range of this document as a protocol range.
    pub fn range(&self, range: TextRange) -> Range {
        range_to_proto(
            &self.rope,
            range.start().into(),
            range.end().into(),
            self.snapshot.client.encoding,
        )
    }
}

pub fn size(offset: usize) -> TextSize {
    TextSize::new(u32::try_from(offset).unwrap_or(u32::MAX))
}
