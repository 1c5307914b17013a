//! What one fuzz input means for each target, and the corpus replayer used
//! when the targets are built without libFuzzer. Every target panics on a
//! broken invariant, so the fuzzer records the input as a crash.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use iml_analysis::ide::InlayHintsConfig;
use iml_analysis::{Analysis, AnalysisHost};
use iml_jsonc::JsonDocument;
use text_size::{TextRange, TextSize};

mod fix_loop;
pub use fix_loop::fix_loop;

/// Reads bytes off the front of an input; runs dry quietly.
struct Input<'a>(&'a [u8]);

impl<'a> Input<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(first)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from(self.byte()?) << 8 | u16::from(self.byte()?))
    }

    /// Up to `max` bytes, decoded lossily.
    fn text(&mut self, max: usize) -> String {
        let take = max.min(self.0.len());
        let (head, rest) = self.0.split_at(take);
        self.0 = rest;
        String::from_utf8_lossy(head).into_owned()
    }
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn size(offset: usize) -> TextSize {
    TextSize::from(u32::try_from(offset).expect("fuzz texts are small"))
}

/// How many edits of one input may ask for a reparse: each is a
/// tree-sitter parse (two on broken text), and with one per edit long inputs
/// ran at a few dozen executions a second.
const REPARSES: usize = 2;

/// Input: a document (up to the first `0x00`), then edits of
/// `[start: u16][delete: u8][length: u8][inserted bytes]`; the top bit of
/// `start` reads the tree after that edit (an incremental reparse, for the
/// first few that ask), as an editor does after a keystroke; the other edits
/// pile up for the next reparse, as a batch of changes does.
/// Checks: the text follows a `String` model after every edit; after the
/// last, the edited tree, diagnostics and value model equal a fresh parse,
/// diagnostics lie inside the text and the formatter takes it. The state
/// after any edit is the last state of the input cut there, so comparing
/// only at the end still reaches every intermediate tree.
pub fn jsonc_edits(data: &[u8]) {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let mut model = String::from_utf8_lossy(&data[..split]).into_owned();
    let mut input = Input(data.get(split + 1..).unwrap_or_default());
    let mut document = JsonDocument::parse(model.clone());
    // Built up front, as on opening a file, so that every edit below is
    // recorded on a tree and the final tree comes from incremental parses.
    let _ = document.tree();
    let mut reparses_left = REPARSES;
    while let (Some(start), Some(delete), Some(length)) = (input.u16(), input.byte(), input.byte())
    {
        let reparse = start & 0x8000 != 0;
        let insert = input.text(usize::from(length));
        let start = floor_boundary(&model, usize::from(start & 0x7fff) % (model.len() + 1));
        let end = floor_boundary(&model, start + usize::from(delete)).max(start);
        let applied = document.apply_edit(TextRange::new(size(start), size(end)), &insert);
        assert_eq!(applied, TextRange::new(size(start), size(end)));
        model.replace_range(start..end, &insert);
        assert_eq!(document.text(), model);
        if reparse && reparses_left > 0 {
            reparses_left -= 1;
            let _ = document.tree();
        }
    }
    check_against_fresh_parse(&document);
    check_error_ranges(&document);
    let _ = iml_jsonc::format_document(document.text(), &iml_jsonc::FormatOptions::default());
}

fn check_against_fresh_parse(document: &JsonDocument) {
    let fresh = JsonDocument::parse(document.text().to_owned());
    assert_eq!(
        document.tree().root_node().to_sexp(),
        fresh.tree().root_node().to_sexp(),
        "incremental tree differs from a fresh parse of {:?}",
        document.text()
    );
    assert_eq!(document.syntax_errors(), fresh.syntax_errors());
    assert_eq!(document.root(), fresh.root());
}

fn check_error_ranges(document: &JsonDocument) {
    let text = document.text();
    for error in document.syntax_errors() {
        let (start, end) = (
            usize::from(error.range.start()),
            usize::from(error.range.end()),
        );
        assert!(end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end));
    }
}

/// Input: any bytes, decoded lossily, parsed as a template and as a bare
/// expression. Checks: every range inside the text, on char boundaries.
pub fn iml_template(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let whole = TextRange::up_to(TextSize::of(&*text));
    let on_boundaries = |range: TextRange| {
        text.is_char_boundary(usize::from(range.start()))
            && text.is_char_boundary(usize::from(range.end()))
    };
    let template = iml_lang::parse_template(&text);
    assert_eq!(template.len, TextSize::of(&*text));
    for block in &template.blocks {
        assert!(whole.contains_range(block.range) && block.range.contains_range(block.body));
        assert!(on_boundaries(block.range) && on_boundaries(block.body));
        for expr in block.expr.walk() {
            assert!(
                block.body.contains_range(expr.range),
                "{:?} outside its block",
                expr.range
            );
            assert!(on_boundaries(expr.range));
        }
        for error in &block.errors {
            assert!(block.range.contains_range(error.range) && on_boundaries(error.range));
        }
    }
    let (expr, errors) = iml_lang::parse_expression(&text);
    for node in expr.walk() {
        assert!(whole.contains_range(node.range) && on_boundaries(node.range));
    }
    for error in errors {
        assert!(whole.contains_range(error.range) && on_boundaries(error.range));
    }
}

/// The sample app, read once from the repository.
fn sample_app() -> &'static [(PathBuf, String)] {
    static FILES: OnceLock<Vec<(PathBuf, String)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/acme-tasks");
        let mut pending = vec![root.clone()];
        let mut files = Vec::new();
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).expect("the sample app is in the repository") {
                let path = entry.expect("readable entry").path();
                if path.is_dir() {
                    pending.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    let relative = path.strip_prefix(&root).expect("below the root");
                    files.push((Path::new("/acme-tasks").join(relative), text));
                }
            }
        }
        files.sort();
        files
    })
}

thread_local! {
    /// The sample app, analysed once and kept between inputs with each
    /// input's edits undone: building the app and its model again for every
    /// input held the target near a hundred executions a second. The server
    /// keeps its host the same way, so warm caches are the usual case.
    static WARM_HOST: RefCell<Option<AnalysisHost>> = const { RefCell::new(None) };
}

fn sample_host() -> AnalysisHost {
    let mut host = AnalysisHost::new();
    for (path, text) in sample_app() {
        host.set_file(path.clone(), text.clone());
    }
    host
}

/// Input: `[edits: u8]`, a sequence of `[file: u8][start: u16][delete: u8]
/// [length: u8][inserted bytes]` edits on the sample app (`edits % 8` of
/// them), then `[file: u8][offset: u16]` queries. A first byte of `0xf8` or
/// more analyses a fresh host instead of the kept one, so that what only a
/// cold start does stays reachable. Checks: every feature answers, every
/// range inside its file. Features that read a whole file run once per file
/// queried (and workspace symbols once): their answer cannot depend on the
/// offset.
pub fn analysis_queries(data: &[u8]) {
    if data.first().is_some_and(|&first| first >= 0xf8) {
        edit_and_query(&mut sample_host(), data);
        return;
    }
    WARM_HOST.with(|warm| {
        let mut warm = warm.borrow_mut();
        let host = warm.get_or_insert_with(sample_host);
        for path in edit_and_query(host, data) {
            let (_, text) = sample_app()
                .iter()
                .find(|(known, _)| known == path)
                .expect("edits name sample files");
            host.set_file(path.clone(), text.clone());
        }
    });
}

/// Runs one input on `host`; returns the files it edited.
fn edit_and_query(host: &mut AnalysisHost, data: &[u8]) -> Vec<&'static PathBuf> {
    let files = sample_app();
    let mut edited: Vec<&'static PathBuf> = Vec::new();
    let mut input = Input(data);
    let edits = input.byte().unwrap_or(0) % 8;
    for _ in 0..edits {
        let (Some(file), Some(start), Some(delete), Some(length)) =
            (input.byte(), input.u16(), input.byte(), input.byte())
        else {
            break;
        };
        let path = &files[usize::from(file) % files.len()].0;
        let insert = input.text(usize::from(length));
        let text = host
            .snapshot()
            .file_text(path)
            .unwrap_or_default()
            .to_owned();
        let start = floor_boundary(&text, usize::from(start) % (text.len() + 1));
        let end = floor_boundary(&text, start + usize::from(delete)).max(start);
        host.apply_edit(path, TextRange::new(size(start), size(end)), &insert)
            .expect("a range on char boundaries is accepted");
        if !edited.contains(&path) {
            edited.push(path);
        }
    }
    let analysis = host.snapshot();
    let mut whole_files_done: Vec<&Path> = Vec::new();
    let mut query = |path: &'static Path, offset: TextSize| {
        if !whole_files_done.contains(&path) {
            whole_files_done.push(path);
            query_whole_file(&analysis, path);
        }
        query_at(&analysis, path, offset);
    };
    while let (Some(file), Some(offset)) = (input.byte(), input.u16()) {
        let path = &files[usize::from(file) % files.len()].0;
        let text = analysis.file_text(path).unwrap_or_default();
        let offset = floor_boundary(text, usize::from(offset) % (text.len() + 1));
        query(path.as_path(), size(offset));
    }
    let (path, _) = &files[usize::from(data.first().copied().unwrap_or(0)) % files.len()];
    query(path.as_path(), size(0));
    for symbol in analysis.workspace_symbols("a", 20) {
        assert_inside(&analysis, &symbol.file, symbol.range, "workspace symbol");
    }
    edited
}

fn assert_inside(analysis: &Analysis, file: &Path, range: TextRange, what: &str) {
    let text = analysis
        .file_text(file)
        .unwrap_or_else(|| panic!("{what} names unknown file {file:?}"));
    let (start, end) = (usize::from(range.start()), usize::from(range.end()));
    assert!(
        end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} {range:?} outside or inside a char of {file:?} ({} bytes)",
        text.len()
    );
}

fn query_at(analysis: &Analysis, file: &Path, offset: TextSize) {
    let inside = |range, what| assert_inside(analysis, file, range, what);
    for item in analysis.completions(file, offset) {
        inside(item.replace_range, "completion");
    }
    if let Some(hover) = analysis.hover(file, offset) {
        inside(hover.range, "hover");
    }
    if let Some(help) = analysis.signature_help(file, offset) {
        for parameter in &help.parameters {
            assert!(usize::from(parameter.end()) <= help.label.len());
        }
    }
    if let Some(definition) = analysis.goto_definition(file, offset) {
        inside(definition.origin, "definition origin");
        for target in definition.targets {
            assert_inside(analysis, &target.file, target.full_range, "definition");
            assert_inside(
                analysis,
                &target.file,
                target.focus_range,
                "definition focus",
            );
        }
    }
    for reference in analysis.find_references(file, offset, true) {
        assert_inside(analysis, &reference.file, reference.range, "reference");
    }
    if let Ok(prepared) = analysis.prepare_rename(file, offset) {
        inside(prepared.range, "rename");
    }
    if let Ok(edit) = analysis.rename(file, offset, "renamed") {
        for file_edit in edit.files {
            for text_edit in file_edit.edits {
                assert_inside(analysis, &file_edit.file, text_edit.range, "rename edit");
            }
        }
    }
    for chain in analysis.selection_ranges(file, &[offset]) {
        for range in chain {
            inside(range, "selection");
        }
    }
}

fn query_whole_file(analysis: &Analysis, file: &Path) {
    let inside = |range, what| assert_inside(analysis, file, range, what);
    for diagnostic in analysis.diagnostics(file) {
        inside(diagnostic.range, diagnostic.code);
        for edit in diagnostic.fixes.iter().flat_map(|fix| &fix.edits) {
            inside(edit.range, "quick fix");
        }
    }
    for symbol in analysis.document_symbols(file) {
        inside(symbol.range, "symbol");
        inside(symbol.selection_range, "symbol selection");
    }
    for token in analysis.semantic_tokens(file, None) {
        inside(token.range, "semantic token");
    }
    for folding in analysis.folding_ranges(file) {
        inside(folding.range, "folding");
    }
    for hint in analysis.inlay_hints(file, None, &InlayHintsConfig::default()) {
        inside(TextRange::empty(hint.offset), "inlay hint");
    }
    for link in analysis.document_links(file) {
        inside(link.range, "document link");
    }
}

/// Without libFuzzer: runs `target` on every file named on the command line
/// (folders are walked), or on standard input when none is named.
pub fn replay(target: fn(&[u8])) {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if args.is_empty() {
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut data).expect("readable stdin");
        target(&data);
        println!("replayed standard input");
        return;
    }
    let mut pending = args;
    let mut count = 0usize;
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).expect("readable folder") {
                pending.push(entry.expect("readable entry").path());
            }
        } else {
            let data = std::fs::read(&path).expect("readable file");
            target(&data);
            count += 1;
        }
    }
    println!("replayed {count} inputs");
}
