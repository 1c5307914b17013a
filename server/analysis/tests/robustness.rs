//! Analysis never panics, whatever the edits and wherever the cursor: the
//! sample app is loaded into an `AnalysisHost`, random edits hit random files
//! (the manifest included), and at random offsets every feature of the public
//! API is asked. Each answer must come back with its ranges inside the file
//! it names and on character boundaries, since the protocol layer turns them
//! into line/column positions.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use iml_analysis::ide::{DocumentSymbol, InlayHintsConfig};
use iml_analysis::{Analysis, AnalysisHost, TextRange, TextSize};
use proptest::prelude::*;

/// The sample app's files under a fixed virtual root, sorted.
fn sample_app() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/acme-tasks");
    let mut pending = vec![root.clone()];
    let mut files = Vec::new();
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("the sample app is part of the repository") {
            let path = entry.expect("readable directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let text = std::fs::read_to_string(&path).expect("sample files are UTF-8");
                let virtual_path = Path::new("/acme-tasks").join(path.strip_prefix(&root).unwrap());
                files.push((virtual_path, text));
            }
        }
    }
    files.sort();
    assert!(files.len() >= 10, "the sample app has gone missing");
    files
}

/// Pieces that reach the interesting code paths when pasted anywhere:
/// IML blocks, variables of every context, RPC references, broken JSON,
/// multi-byte characters and line ends of every kind.
const FRAGMENTS: &[&str] = &[
    "{{",
    "}}",
    "{{parameters.",
    "{{connection.",
    "{{temp.",
    "{{body.",
    "{{common.",
    "{{data.",
    "{{oauth.",
    "{{item.",
    "ifempty(",
    "addDays(now; 1)",
    "formatDate(",
    ";",
    ",",
    "(",
    ")",
    "[0]",
    "`",
    "'",
    "\"",
    "\\\"",
    "{",
    "}",
    "[",
    "]",
    ":",
    "\"url\": \"/x\"",
    "\"temp\": {\"a\": 1}",
    "\"response\": {\"data\": {\"k\": \"{{body.k}}\"}}",
    "\"name\": \"id\", \"type\": \"text\"",
    "rpc://",
    "rpc://listProjects",
    "\"...\": \"{{body}}\"",
    "// comment\n",
    "/*",
    "*/",
    " ",
    "\n",
    "\r\n",
    "\t",
    "é",
    "日本",
    "😀",
    "\u{200b}",
    "\u{feff}",
    "null",
    "true",
    "-1e99",
    "connectionType",
    "\"communication\"",
];

#[derive(Debug, Clone)]
enum Step {
    /// Replace `delete` bytes at a fraction of the file with `insert`.
    Edit {
        file: prop::sample::Index,
        at: f64,
        delete: usize,
        insert: String,
    },
    /// Ask every feature at a fraction of the file.
    Query { file: prop::sample::Index, at: f64 },
    /// The file disappears (as when deleted on disk).
    Remove { file: prop::sample::Index },
    /// The file comes back with its original text.
    Restore { file: prop::sample::Index },
}

fn step() -> impl Strategy<Value = Step> {
    let edit = (
        any::<prop::sample::Index>(),
        0.0..=1.0f64,
        prop_oneof![Just(0usize), 0usize..8, 0usize..300],
        prop::collection::vec(prop::sample::select(FRAGMENTS), 0..4),
    )
        .prop_map(|(file, at, delete, parts)| Step::Edit {
            file,
            at,
            delete,
            insert: parts.concat(),
        });
    let query = (any::<prop::sample::Index>(), 0.0..=1.0f64)
        .prop_map(|(file, at)| Step::Query { file, at });
    prop_oneof![
        6 => edit,
        6 => query,
        1 => any::<prop::sample::Index>().prop_map(|file| Step::Remove { file }),
        1 => any::<prop::sample::Index>().prop_map(|file| Step::Restore { file }),
    ]
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn size(offset: usize) -> TextSize {
    TextSize::from(offset as u32)
}

/// Checks every range an answer names against the texts of the snapshot.
struct Checker<'a> {
    analysis: &'a Analysis,
    texts: BTreeMap<PathBuf, String>,
}

impl<'a> Checker<'a> {
    fn new(analysis: &'a Analysis) -> Self {
        let texts = analysis
            .files()
            .into_iter()
            .filter_map(|path| Some((path.to_path_buf(), analysis.file_text(path)?.to_owned())))
            .collect();
        Checker { analysis, texts }
    }

    fn range_in(&self, file: &Path, range: TextRange, what: &str) -> Result<(), TestCaseError> {
        let text = self
            .texts
            .get(file)
            .ok_or_else(|| TestCaseError::fail(format!("{what} names unknown file {file:?}")))?;
        let (start, end) = (usize::from(range.start()), usize::from(range.end()));
        prop_assert!(
            end <= text.len(),
            "{what} {range:?} past the end ({}) of {file:?}",
            text.len()
        );
        prop_assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{what} {range:?} splits a character in {file:?}"
        );
        Ok(())
    }

    fn offset_in(&self, file: &Path, offset: TextSize, what: &str) -> Result<(), TestCaseError> {
        self.range_in(file, TextRange::empty(offset), what)
    }

    fn symbols(&self, file: &Path, symbols: &[DocumentSymbol]) -> Result<(), TestCaseError> {
        for symbol in symbols {
            self.range_in(file, symbol.range, "document symbol")?;
            self.range_in(file, symbol.selection_range, "document symbol selection")?;
            prop_assert!(
                symbol.range.contains_range(symbol.selection_range),
                "selection {:?} outside symbol {:?}",
                symbol.selection_range,
                symbol.range
            );
            self.symbols(file, &symbol.children)?;
        }
        Ok(())
    }

    /// Every feature of the public API at `offset` of `file`.
    fn all_features(&self, file: &Path, offset: TextSize) -> Result<(), TestCaseError> {
        let analysis = self.analysis;
        let len = self.texts.get(file).map_or(0, String::len);
        let whole = TextRange::up_to(size(len));

        for diagnostic in analysis.diagnostics(file) {
            self.range_in(file, diagnostic.range, diagnostic.code)?;
            for fix in &diagnostic.fixes {
                for edit in &fix.edits {
                    self.range_in(file, edit.range, "quick fix edit")?;
                }
            }
        }
        for item in analysis.completions(file, offset) {
            self.range_in(file, item.replace_range, "completion replace range")?;
        }
        if let Some(hover) = analysis.hover(file, offset) {
            self.range_in(file, hover.range, "hover")?;
        }
        if let Some(help) = analysis.signature_help(file, offset) {
            for parameter in &help.parameters {
                prop_assert!(
                    usize::from(parameter.end()) <= help.label.len(),
                    "signature parameter {parameter:?} outside label {:?}",
                    help.label
                );
            }
            if let Some(active) = help.active_parameter {
                prop_assert!(
                    active <= help.parameters.len(),
                    "active parameter {active} of {}",
                    help.parameters.len()
                );
            }
        }
        if let Some(definition) = analysis.goto_definition(file, offset) {
            self.range_in(file, definition.origin, "definition origin")?;
            for target in &definition.targets {
                self.range_in(&target.file, target.full_range, "definition target")?;
                self.range_in(&target.file, target.focus_range, "definition focus")?;
            }
        }
        for include_declaration in [false, true] {
            for reference in analysis.find_references(file, offset, include_declaration) {
                self.range_in(&reference.file, reference.range, "reference")?;
            }
        }
        for highlight in analysis.document_highlights(file, offset) {
            self.range_in(file, highlight.range, "highlight")?;
        }
        if let Ok(prepared) = analysis.prepare_rename(file, offset) {
            self.range_in(file, prepared.range, "rename range")?;
        }
        for new_name in ["renamed", "", "a b", "😀"] {
            if let Ok(edit) = analysis.rename(file, offset, new_name) {
                for file_edit in &edit.files {
                    let mut previous_end = TextSize::from(0);
                    for text_edit in &file_edit.edits {
                        self.range_in(&file_edit.file, text_edit.range, "rename edit")?;
                        prop_assert!(
                            text_edit.range.start() >= previous_end,
                            "rename edits overlap or are unsorted in {:?}",
                            file_edit.file
                        );
                        previous_end = text_edit.range.end();
                    }
                }
            }
        }
        self.symbols(file, &analysis.document_symbols(file))?;
        for query in ["", "a", "😀", "tasks"] {
            for symbol in analysis.workspace_symbols(query, 50) {
                self.range_in(&symbol.file, symbol.range, "workspace symbol")?;
            }
        }
        let before = TextRange::up_to(offset);
        for range in [None, Some(whole), Some(before)] {
            for token in analysis.semantic_tokens(file, range) {
                self.range_in(file, token.range, "semantic token")?;
            }
        }
        for folding in analysis.folding_ranges(file) {
            self.range_in(file, folding.range, "folding range")?;
        }
        for chain in analysis.selection_ranges(file, &[offset, size(0), size(len)]) {
            for range in &chain {
                self.range_in(file, *range, "selection range")?;
            }
            for pair in chain.windows(2) {
                prop_assert!(
                    pair[1].contains_range(pair[0]),
                    "selection {:?} does not contain {:?}",
                    pair[1],
                    pair[0]
                );
            }
        }
        for config in [
            InlayHintsConfig::default(),
            InlayHintsConfig {
                redirect_uris: false,
                parameter_names: true,
            },
        ] {
            for range in [None, Some(whole), Some(before)] {
                for hint in analysis.inlay_hints(file, range, &config) {
                    self.offset_in(file, hint.offset, "inlay hint")?;
                }
            }
        }
        for link in analysis.document_links(file) {
            self.range_in(file, link.range, "document link")?;
        }
        Ok(())
    }
}

fn load(files: &[(PathBuf, String)]) -> AnalysisHost {
    let mut host = AnalysisHost::new();
    for (path, text) in files {
        host.set_file(path.clone(), text.clone());
    }
    host
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("ANALYSIS_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64)
    ))]

    #[test]
    fn features_never_panic_and_stay_inside_the_file(steps in prop::collection::vec(step(), 1..16)) {
        let files = sample_app();
        let mut host = load(&files);
        let mut present: Vec<bool> = vec![true; files.len()];
        for step in &steps {
            match step {
                Step::Edit { file, at, delete, insert } => {
                    let index = file.index(files.len());
                    let path = &files[index].0;
                    let Some(text) = host.snapshot().file_text(path).map(str::to_owned) else {
                        continue;
                    };
                    let start = floor_boundary(&text, (at * text.len() as f64) as usize);
                    let end = floor_boundary(&text, start + delete).max(start);
                    host.apply_edit(path, TextRange::new(size(start), size(end)), insert)
                        .expect("a range on char boundaries inside the text is accepted");
                    let mut expected = text;
                    expected.replace_range(start..end, insert);
                    let after = host.snapshot();
                    prop_assert_eq!(after.file_text(path), Some(expected.as_str()));
                }
                Step::Query { file, at } => {
                    let index = file.index(files.len());
                    let path = &files[index].0;
                    let analysis = host.snapshot();
                    let checker = Checker::new(&analysis);
                    let len = checker.texts.get(path).map_or(0, String::len);
                    let text = checker.texts.get(path).cloned().unwrap_or_default();
                    let offset = floor_boundary(&text, (at * len as f64) as usize);
                    checker.all_features(path, size(offset))?;
                }
                Step::Remove { file } => {
                    let index = file.index(files.len());
                    host.remove_file(&files[index].0);
                    present[index] = false;
                }
                Step::Restore { file } => {
                    let index = file.index(files.len());
                    let (path, text) = &files[index];
                    host.set_file(path.clone(), text.clone());
                    present[index] = true;
                }
            }
        }
        // Every file, present or not, at its start, middle and end.
        let analysis = host.snapshot();
        let checker = Checker::new(&analysis);
        for (index, (path, _)) in files.iter().enumerate() {
            prop_assert_eq!(analysis.contains(path), present[index]);
            let text = checker.texts.get(path).cloned().unwrap_or_default();
            for offset in [0, floor_boundary(&text, text.len() / 2), text.len()] {
                checker.all_features(path, size(offset))?;
            }
        }
    }

    /// Offsets the protocol layer should never send (past the end, inside a
    /// character) still get an answer rather than a panic.
    #[test]
    fn wild_offsets_do_not_panic(file in any::<prop::sample::Index>(), offset in 0u32..20_000) {
        let files = sample_app();
        let mut host = load(&files);
        let path = files[file.index(files.len())].0.clone();
        host.set_file(path.clone(), "{\"url\": \"{{parameters.é😀}}\", \"x\": [1, 2".to_owned());
        let analysis = host.snapshot();
        let offset = TextSize::from(offset % 64);
        let _ = analysis.completions(&path, offset);
        let _ = analysis.hover(&path, offset);
        let _ = analysis.signature_help(&path, offset);
        let _ = analysis.goto_definition(&path, offset);
        let _ = analysis.find_references(&path, offset, true);
        let _ = analysis.document_highlights(&path, offset);
        let _ = analysis.prepare_rename(&path, offset);
        let _ = analysis.rename(&path, offset, "renamed");
        let _ = analysis.selection_ranges(&path, &[offset]);
        let _ = analysis.semantic_tokens(&path, Some(TextRange::new(offset.min(TextSize::from(3)), offset)));
        let _ = analysis.inlay_hints(&path, Some(TextRange::up_to(offset)), &InlayHintsConfig::default());
    }
}

#[test]
fn edits_outside_the_text_are_refused_not_panics() {
    let files = sample_app();
    let mut host = load(&files);
    let path = &files[0].0;
    let text = host.snapshot().file_text(path).unwrap().to_owned();
    let len = text.len() as u32;
    for (start, end) in [(len + 1, len + 2), (len, len + 1), (0, len + 100)] {
        let range = TextRange::new(start.into(), end.into());
        assert!(
            host.apply_edit(path, range, "x").is_err(),
            "{range:?} accepted on a {len}-byte file"
        );
        assert_eq!(host.snapshot().file_text(path), Some(text.as_str()));
    }
    host.set_file(path.clone(), "\"😀\"".to_owned());
    let inside_emoji = TextRange::new(2.into(), 3.into());
    assert!(host.apply_edit(path, inside_emoji, "x").is_err());
    assert!(
        host.apply_edit(
            Path::new("/never/opened.json"),
            TextRange::empty(0.into()),
            "x"
        )
        .is_err()
    );
}

/// Guards the properties above against passing vacuously: on the untouched
/// sample app the features do answer, so the range checks see real data.
#[test]
fn features_answer_on_the_sample_app() {
    let files = sample_app();
    let host = load(&files);
    let analysis = host.snapshot();
    let module = Path::new("/acme-tasks/modules/list-tasks/list-tasks.communication.iml.json");
    let text = analysis
        .file_text(module)
        .expect("the module is loaded")
        .to_owned();
    let offsets: Vec<TextSize> = (0..=text.len())
        .filter(|&offset| text.is_char_boundary(offset))
        .map(size)
        .collect();
    let hovers = offsets
        .iter()
        .filter(|&&o| analysis.hover(module, o).is_some())
        .count();
    let completions = offsets
        .iter()
        .filter(|&&o| !analysis.completions(module, o).is_empty())
        .count();
    let definitions = offsets
        .iter()
        .filter(|&&o| analysis.goto_definition(module, o).is_some())
        .count();
    assert!(
        hovers > 0 && completions > 0 && definitions > 0,
        "hover {hovers}, completion {completions}, definition {definitions}"
    );
    assert!(!analysis.semantic_tokens(module, None).is_empty());
    assert!(!analysis.folding_ranges(module).is_empty());
    assert!(!analysis.document_symbols(module).is_empty());
    let checker = Checker::new(&analysis);
    for offset in offsets {
        checker
            .all_features(module, offset)
            .expect("ranges inside the file");
    }
}
