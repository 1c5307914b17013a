//! What one fuzz input means for each target, and the corpus replayer used
//! when the targets are built without libFuzzer. Every target panics on a
//! broken invariant, so the fuzzer records the input as a crash.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use iml_analysis::nav::InlayHintsConfig;
use iml_analysis::{Analysis, AnalysisHost};
use iml_jsonc::JsonDocument;
use text_size::{TextRange, TextSize};

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

/// Input: a document (up to the first `0x00`), then edits of
/// `[start: u16][delete: u8][length: u8][inserted bytes]`.
/// Checks: the text follows a `String` model; the edited tree, diagnostics
/// and value model equal a fresh parse; diagnostics lie inside the text.
pub fn jsonc_edits(data: &[u8]) {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let mut model = String::from_utf8_lossy(&data[..split]).into_owned();
    let mut input = Input(data.get(split + 1..).unwrap_or_default());
    let mut document = JsonDocument::parse(model.clone());
    check_document(&document);
    while let (Some(start), Some(delete), Some(length)) = (input.u16(), input.byte(), input.byte())
    {
        let insert = input.text(usize::from(length));
        let start = floor_boundary(&model, usize::from(start) % (model.len() + 1));
        let end = floor_boundary(&model, start + usize::from(delete)).max(start);
        let applied = document.apply_edit(TextRange::new(size(start), size(end)), &insert);
        assert_eq!(applied, TextRange::new(size(start), size(end)));
        model.replace_range(start..end, &insert);
        assert_eq!(document.text(), model);
        check_document(&document);
    }
}

fn check_document(document: &JsonDocument) {
    let fresh = JsonDocument::parse(document.text().to_owned());
    assert_eq!(
        document.tree().root_node().to_sexp(),
        fresh.tree().root_node().to_sexp(),
        "incremental tree differs from a fresh parse of {:?}",
        document.text()
    );
    assert_eq!(document.syntax_errors(), fresh.syntax_errors());
    assert_eq!(document.root(), fresh.root());
    let text = document.text();
    for error in document.syntax_errors() {
        let (start, end) = (
            usize::from(error.range.start()),
            usize::from(error.range.end()),
        );
        assert!(end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end));
    }
    let _ = iml_jsonc::format_document(text, &iml_jsonc::FormatOptions::default());
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

/// Input: a sequence of `[file: u8][start: u16][delete: u8][length: u8]
/// [inserted bytes]` edits on the sample app, then `[file: u8][offset: u16]`
/// queries. Checks: every feature answers, every range inside its file.
pub fn analysis_queries(data: &[u8]) {
    let files = sample_app();
    let mut host = AnalysisHost::new();
    for (path, text) in files {
        host.set_file(path.clone(), text.clone());
    }
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
    }
    let analysis = host.snapshot();
    while let (Some(file), Some(offset)) = (input.byte(), input.u16()) {
        let path = &files[usize::from(file) % files.len()].0;
        let text = analysis.file_text(path).unwrap_or_default();
        let offset = floor_boundary(text, usize::from(offset) % (text.len() + 1));
        query_everything(&analysis, path, size(offset));
    }
    let (path, _) = &files[usize::from(data.first().copied().unwrap_or(0)) % files.len()];
    query_everything(&analysis, path, size(0));
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

fn query_everything(analysis: &Analysis, file: &Path, offset: TextSize) {
    let inside = |range, what| assert_inside(analysis, file, range, what);
    for diagnostic in analysis.diagnostics(file) {
        inside(diagnostic.range, diagnostic.code);
        for edit in diagnostic.fixes.iter().flat_map(|fix| &fix.edits) {
            inside(edit.range, "quick fix");
        }
    }
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
    for chain in analysis.selection_ranges(file, &[offset]) {
        for range in chain {
            inside(range, "selection");
        }
    }
    for hint in analysis.inlay_hints(file, None, &InlayHintsConfig::default()) {
        inside(TextRange::empty(hint.offset), "inlay hint");
    }
    for link in analysis.document_links(file) {
        inside(link.range, "document link");
    }
    for symbol in analysis.workspace_symbols("a", 20) {
        assert_inside(analysis, &symbol.file, symbol.range, "workspace symbol");
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
