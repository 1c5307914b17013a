//! Fixture tests of the editor features. The cursor features' fixtures hold
//! one `$0`; results are rendered compactly for the snapshots.

mod completion;
mod definition;
mod folding;
mod groups_completion;
mod groups_navigation;
mod highlight;
mod hover;
mod inlay_hints;
mod links;
mod references;
mod rename;
mod selection;
mod semantic_tokens;
mod signature;
mod symbols;

use std::path::{Path, PathBuf};

use iml_fixture::Fixture;
use text_size::{TextRange, TextSize};

use crate::host::{Analysis, AnalysisHost};
use crate::ide::CompletionItem;

/// Loads a fixture; the file holding `$0` is the one asked about.
pub(super) fn load(fixture: &str) -> (Analysis, PathBuf, TextSize) {
    let fixture = Fixture::parse(fixture, "/app/main.iml.json");
    let mut host = AnalysisHost::new();
    for file in &fixture.files {
        host.set_file(PathBuf::from(&file.path), file.text.clone());
    }
    let (path, offset) = fixture.cursor().expect("fixture needs a $0 cursor");
    (
        host.snapshot(),
        PathBuf::from(path),
        TextSize::try_from(offset).unwrap_or_default(),
    )
}

pub(super) fn completions(fixture: &str) -> (String, Vec<CompletionItem>) {
    let (analysis, path, offset) = load(fixture);
    let text = analysis.file_text(&path).unwrap_or_default().to_owned();
    (text, analysis.completions(&path, offset))
}

/// One line per item: label, kind, detail, insert text, and the replaced text.
pub(super) fn render(text: &str, items: &[CompletionItem], limit: usize) -> String {
    let mut out = String::new();
    for item in items.iter().take(limit) {
        let replaced =
            &text[usize::from(item.replace_range.start())..usize::from(item.replace_range.end())];
        out.push_str(&format!(
            "{} [{}] {} => {}{} (replaces {:?})\n",
            item.label,
            item.kind.code(),
            item.detail,
            item.insert_text,
            if item.is_snippet { " (snippet)" } else { "" },
            replaced,
        ));
    }
    if items.len() > limit {
        out.push_str(&format!("… {} more\n", items.len() - limit));
    }
    out
}

pub(super) fn labels(items: &[CompletionItem]) -> Vec<&str> {
    items.iter().map(|i| i.label.as_str()).collect()
}

/// Loads a fixture into a fresh host and returns its snapshot.
pub(super) fn snapshot(fixture: &str) -> (Analysis, Fixture) {
    let fixture = Fixture::parse(fixture, "/main.iml.json");
    let mut host = AnalysisHost::new();
    for file in &fixture.files {
        host.set_file(PathBuf::from(&file.path), file.text.clone());
    }
    (host.snapshot(), fixture)
}

/// The file and offset of the fixture's `$0`.
pub(super) fn cursor(fixture: &Fixture) -> (PathBuf, TextSize) {
    let (file, offset) = fixture.cursor().expect("fixture needs a $0 cursor");
    (PathBuf::from(file), TextSize::try_from(offset).unwrap())
}

/// `path 12..20 "covered text"`.
pub(super) fn show(analysis: &Analysis, file: &Path, range: TextRange) -> String {
    let text = analysis.file_text(file).unwrap_or_default();
    let covered = text
        .get(usize::from(range.start())..usize::from(range.end()))
        .unwrap_or("?");
    format!("{} {:?} {covered:?}", file.display(), range)
}
