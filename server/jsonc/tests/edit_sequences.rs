//! Random edit sequences on the sample app's real files: the document's text
//! always equals what the same edits do to a plain `String`, and the
//! incrementally edited tree, diagnostics and value model always equal a
//! fresh parse of that text. The files are read at test time, in their
//! original form, with CRLF line ends and with multi-byte characters mixed in.

mod support;

use std::path::{Path, PathBuf};
use support::tree_nodes as nodes;
use support::{Edit, edits, with_tree};

use iml_jsonc::{JsonDocument, TextRange, TextSize};
use proptest::prelude::*;

/// Every `.json` file of the sample app, sorted so case numbers are stable.
fn example_files() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/acme-tasks");
    let mut pending = vec![root];
    let mut files = Vec::new();
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("the sample app is part of the repository") {
            let path = entry.expect("readable directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "json") {
                let text = std::fs::read_to_string(&path).expect("sample files are UTF-8");
                files.push((path, text));
            }
        }
    }
    files.sort();
    assert!(files.len() >= 10, "the sample app has gone missing");
    files
}

/// How a sample file is presented to the document before the edits.
#[derive(Debug, Clone, Copy)]
enum Variant {
    AsIs,
    Crlf,
    /// Every `"` that opens a string value gets a multi-byte prefix, so most
    /// strings hold characters of 2, 3 and 4 bytes.
    MultiByte,
    CrlfMultiByte,
}

fn variant_text(text: &str, variant: Variant) -> String {
    let crlf = |text: &str| text.replace("\r\n", "\n").replace('\n', "\r\n");
    let multi_byte = |text: &str| text.replace(": \"", ": \"é日😀");
    match variant {
        Variant::AsIs => text.to_owned(),
        Variant::Crlf => crlf(text),
        Variant::MultiByte => multi_byte(text),
        Variant::CrlfMultiByte => crlf(&multi_byte(text)),
    }
}

const FRAGMENTS: &[&str] = &[
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "{{",
    "}}",
    " ",
    "\n",
    "\r\n",
    "\r",
    "\"key\": 1",
    "😀",
    "日本",
    "é",
    "\u{200b}",
    "\\",
    "\\u00e9",
    "\\uD83D",
    "// note\r\n",
    "/*",
    "*/",
    "null",
    "tru",
    "-1.5e3",
    "'x'",
    "\t",
    "{{parameters.id}}",
    "{{if(a; b; c)}}",
    "\u{feff}",
];

fn edit() -> impl Strategy<Value = Edit> {
    edits(FRAGMENTS, 6, 200)
}

fn variant() -> impl Strategy<Value = Variant> {
    prop_oneof![
        Just(Variant::AsIs),
        Just(Variant::Crlf),
        Just(Variant::MultiByte),
        Just(Variant::CrlfMultiByte),
    ]
}

fn range(start: usize, end: usize) -> TextRange {
    TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32))
}

fn assert_like_fresh(document: &JsonDocument) -> Result<(), TestCaseError> {
    let fresh = JsonDocument::parse(document.text().to_owned());
    prop_assert_eq!(
        nodes(&document.tree()),
        nodes(&fresh.tree()),
        "text: {:?}",
        document.text()
    );
    prop_assert_eq!(document.syntax_errors(), fresh.syntax_errors());
    prop_assert_eq!(document.root(), fresh.root());
    prop_assert_eq!(document.comments(), fresh.comments());
    let len = document.text().len();
    for error in document.syntax_errors() {
        prop_assert!(
            usize::from(error.range.end()) <= len,
            "{error:?} past the end"
        );
        prop_assert!(
            document
                .text()
                .is_char_boundary(usize::from(error.range.start()))
        );
        prop_assert!(
            document
                .text()
                .is_char_boundary(usize::from(error.range.end()))
        );
    }
    Ok(())
}

/// Offsets right after an opening quote: inserting plain text there keeps
/// the document valid, so tree-sitter really reuses the old tree.
fn string_starts(tree: &tree_sitter::Tree) -> Vec<usize> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    'walk: loop {
        let node = cursor.node();
        if node.kind() == "string" {
            out.push(node.start_byte() + 1);
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("JSONC_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(128)
    ))]

    #[test]
    fn text_follows_a_string_model_and_tree_equals_a_fresh_parse(
        file in any::<prop::sample::Index>(),
        variant in variant(),
        edits in prop::collection::vec(edit(), 1..16),
    ) {
        let files = example_files();
        let (path, original) = &files[file.index(files.len())];
        let mut model = variant_text(original, variant);
        let mut document = with_tree(&model);
        prop_assert!(
            document.syntax_errors().is_empty() || !matches!(variant, Variant::AsIs),
            "{} should parse cleanly", path.display()
        );
        for edit in &edits {
            let (start, end) = edit.bounds(&model);
            let applied = document.apply_edit(range(start, end), &edit.insert);
            model.replace_range(start..end, &edit.insert);
            prop_assert_eq!(applied, range(start, end));
            prop_assert_eq!(document.text(), model.as_str());
            assert_like_fresh(&document)?;
        }
    }

    /// Undoing every edit in reverse order gives back the original text and
    /// the original tree.
    #[test]
    fn undoing_the_edits_restores_the_original(
        file in any::<prop::sample::Index>(),
        variant in variant(),
        edits in prop::collection::vec(edit(), 1..10),
    ) {
        let files = example_files();
        let original = variant_text(&files[file.index(files.len())].1, variant);
        let mut document = with_tree(&original);
        let mut undo = Vec::new();
        for edit in &edits {
            let (start, end) = edit.bounds(document.text());
            let removed = document.text()[start..end].to_owned();
            document.apply_edit(range(start, end), &edit.insert);
            undo.push((start, start + edit.insert.len(), removed));
        }
        for (start, end, removed) in undo.into_iter().rev() {
            document.apply_edit(range(start, end), &removed);
        }
        prop_assert_eq!(document.text(), original.as_str());
        assert_like_fresh(&document)?;
        let fresh = JsonDocument::parse(original);
        prop_assert_eq!(nodes(&document.tree()), nodes(&fresh.tree()));
    }

    /// Typing inside the strings of a valid file, one character at a time,
    /// as an editor sends it: the tree stays error-free and in step.
    #[test]
    fn typing_inside_strings_keeps_the_tree_in_step(
        file in any::<prop::sample::Index>(),
        variant in variant(),
        typed in prop::collection::vec(
            (any::<prop::sample::Index>(), "[a-z é日😀\u{200b}]{1,6}"),
            1..8,
        ),
    ) {
        let files = example_files();
        let mut model = variant_text(&files[file.index(files.len())].1, variant);
        let mut document = with_tree(&model);
        prop_assume!(!document.tree().root_node().has_error());
        for (index, word) in typed {
            let starts = string_starts(&document.tree());
            if starts.is_empty() {
                break;
            }
            let mut at = starts[index.index(starts.len())];
            for char in word.chars() {
                let insert = char.to_string();
                document.apply_edit(range(at, at), &insert);
                model.insert_str(at, &insert);
                at += insert.len();
            }
            prop_assert_eq!(document.text(), model.as_str());
            prop_assert!(!document.tree().root_node().has_error(), "text: {:?}", model);
            assert_like_fresh(&document)?;
        }
    }
}

#[test]
fn every_sample_file_survives_deleting_each_line_in_turn() {
    for (path, text) in example_files() {
        let crlf = variant_text(&text, Variant::CrlfMultiByte);
        for source in [text, crlf] {
            let mut offset = 0;
            for line in source.split_inclusive('\n') {
                let mut document = with_tree(&source);
                document.apply_edit(range(offset, offset + line.len()), "");
                let mut expected = source.clone();
                expected.replace_range(offset..offset + line.len(), "");
                assert_eq!(document.text(), expected, "{}", path.display());
                let fresh = JsonDocument::parse(expected);
                assert_eq!(nodes(&document.tree()), nodes(&fresh.tree()));
                assert_eq!(document.root(), fresh.root(), "{}", path.display());
                assert_eq!(document.syntax_errors(), fresh.syntax_errors());
                offset += line.len();
            }
        }
    }
}
