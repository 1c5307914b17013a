//! After any sequence of edits, the incrementally reparsed tree must equal a
//! fresh parse of the same text, node for node.

mod support;

use iml_jsonc::{JsonDocument, TextRange, TextSize};
use proptest::prelude::*;
use support::tree_nodes as nodes;
use support::{Edit, edits, with_tree};

const SEED: &str = r#"{
  // Authorize with the provider.
  "url": "https://api.example.com/v1/{{parameters.id}}",
  "method": "POST",
  "headers": {"Authorization": "Bearer {{connection.accessToken}}"},
  "qs": {"limit": 100, "ratio": -1.5e3, "name": "שלום 😀 \u00e9\n"},
  "body": [true, false, null, {"nested": ["a", "b"]}],
  /* response handling */
  "response": {
    "output": "{{body}}",
    "valid": "{{if(body.ok; true; false)}}"
  }
}
"#;

const FRAGMENTS: &[&str] = &[
    "\"", "{", "}", "[", "]", ",", ":", "{{", "}}", " ", "\n", "\r\n", "\"a\": 1", "😀", "שלום",
    "\u{200b}", "\\", "\\u00e9", "// c\n", "/*", "*/", "null", "tru", "-1.5e3", "'x'", "\t",
];

const VALID_INSERTS: &[&str] = &["😀", "שלום", "{{a}}", "\u{200b}", "x", "\\n", "é"];

/// Offsets where an insertion keeps the document valid: right after an
/// opening quote (inside a string) or right after a `,`, `:` or `{`.
fn anchors(tree: &tree_sitter::Tree, inside_string: bool) -> Vec<usize> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    'walk: loop {
        let node = cursor.node();
        match node.kind() {
            "string" if inside_string => out.push(node.start_byte() + 1),
            "," | ":" | "{" if !inside_string => out.push(node.end_byte()),
            _ => {}
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

fn edit() -> impl Strategy<Value = Edit> {
    edits(FRAGMENTS, 4, 40)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("JSONC_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256)))]

    #[test]
    fn incremental_tree_equals_fresh_parse(edits in prop::collection::vec(edit(), 1..12)) {
        let mut document = with_tree(SEED);
        for edit in &edits {
            let (start, end) = edit.bounds(document.text());
            let range = TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32));
            let applied = document.apply_edit(range, &edit.insert);
            prop_assert_eq!(applied, range);

            let fresh = JsonDocument::parse(document.text().to_owned());
            prop_assert_eq!(nodes(&document.tree()), nodes(&fresh.tree()), "text: {:?}", document.text());
            prop_assert_eq!(document.syntax_errors(), fresh.syntax_errors());
            prop_assert_eq!(document.root(), fresh.root());
        }
    }

    /// Edits that keep the document valid, so the reparse really reuses the
    /// old tree: this checks the byte offsets and points handed to tree-sitter.
    #[test]
    fn valid_edits_keep_the_tree_in_step(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<bool>(), prop::sample::select(VALID_INSERTS)), 1..12)
    ) {
        let mut document = with_tree(SEED);
        for (index, inside_string, insert) in edits {
            let anchors = anchors(&document.tree(), inside_string);
            let at = TextSize::from(anchors[index.index(anchors.len())] as u32);
            let insert = if inside_string { insert } else { [" ", "\n", "\r\n", "\t"][index.index(4)] };
            document.apply_edit(TextRange::empty(at), insert);
            prop_assert!(!document.tree().root_node().has_error(), "text: {:?}", document.text());
            let fresh = JsonDocument::parse(document.text().to_owned());
            prop_assert_eq!(nodes(&document.tree()), nodes(&fresh.tree()), "text: {:?}", document.text());
        }
    }

    /// Edits recorded on the tree while nobody asks for it, then one reparse:
    /// the way an editor's typing reaches a tree that is read only now and then.
    #[test]
    fn edits_recorded_between_reparses_equal_fresh_parse(
        bursts in prop::collection::vec(prop::collection::vec(edit(), 1..6), 1..4)
    ) {
        let mut document = with_tree(SEED);
        for burst in &bursts {
            for edit in burst {
                let (start, end) = edit.bounds(document.text());
                document.apply_edit(TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32)), &edit.insert);
            }
            let fresh = JsonDocument::parse(document.text().to_owned());
            prop_assert_eq!(nodes(&document.tree()), nodes(&fresh.tree()), "text: {:?}", document.text());
            // A clone shares the reparsed tree and gives the same answer.
            prop_assert_eq!(nodes(&document.clone().tree()), nodes(&fresh.tree()));
        }
    }

    #[test]
    fn bad_ranges_are_clamped_not_panics(start in 0u32..2000, len in 0u32..2000, insert in "[a-z{}\"😀]{0,3}") {
        let mut document = with_tree(SEED);
        let before = document.text().to_owned();
        let applied = document.apply_edit(TextRange::new(start.into(), (start + len).into()), &insert);
        let (s, e) = (usize::from(applied.start()), usize::from(applied.end()));
        prop_assert!(before.is_char_boundary(s) && before.is_char_boundary(e) && e <= before.len());
        prop_assert_eq!(document.text(), format!("{}{}{}", &before[..s], insert, &before[e..]));
        let fresh = JsonDocument::parse(document.text().to_owned());
        prop_assert_eq!(nodes(&document.tree()), nodes(&fresh.tree()));
    }
}

#[test]
fn edit_inside_multibyte_char_is_moved_to_its_start() {
    let mut document = with_tree("\"😀\"");
    // Offsets 2..3 fall inside the four bytes of the emoji (1..5).
    let applied = document.apply_edit(TextRange::new(2.into(), 3.into()), "x");
    assert_eq!(applied, TextRange::new(1.into(), 1.into()));
    assert_eq!(document.text(), "\"x😀\"");
    let applied = document.apply_edit(TextRange::new(3.into(), 40.into()), "y");
    assert_eq!(applied, TextRange::new(2.into(), 7.into()));
    assert_eq!(document.text(), "\"xy");
}
