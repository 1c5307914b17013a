//! Inputs at the edges: deep nesting, large files, hostile text.

use iml_jsonc::{JsonDocument, MAX_MODEL_DEPTH, ValueKind};

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    const DEPTH: usize = 100_000;
    for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
        let closed = format!("{}1{}", open.repeat(DEPTH), close.repeat(DEPTH));
        let unclosed = format!("{}1", open.repeat(DEPTH));
        for text in [closed, unclosed] {
            let mut document = JsonDocument::parse(text);
            let errors = document.syntax_errors();
            assert!(
                errors.is_empty() || errors.len() == DEPTH,
                "{}",
                errors.len()
            );
            let mut depth = 0;
            let mut value = document.root();
            let mut deepest = None;
            while let Some(v) = value {
                deepest = Some(&v.kind);
                value = match &v.kind {
                    ValueKind::Array(items) => items.first(),
                    ValueKind::Object(members) => members.first().and_then(|m| m.value.as_ref()),
                    _ => None,
                };
                depth += 1;
            }
            // Containers below the model's depth limit become one error value.
            assert_eq!(depth, MAX_MODEL_DEPTH + 1);
            assert_eq!(deepest, Some(&ValueKind::Error));
            let cloned = document.clone();
            assert_eq!(cloned.root(), document.root());
            let end = document.text().len() as u32;
            document.apply_edit(iml_jsonc::TextRange::empty(end.into()), "\n");
            assert!(document.root().is_some());
            // Dropping the deep model and tree must not recurse either.
            drop(document);
        }
    }
}

fn large_document(target: usize) -> String {
    let mut text = String::from("[\n");
    let mut i = 0;
    while text.len() < target {
        text += &format!(
            "  {{\"url\": \"/v{i}/{{{{parameters.id}}}}\", \"qs\": {{\"limit\": {i}, \"name\": \"שלום 😀 \\u00e9\"}}, \"ok\": true}},\n"
        );
        i += 1;
    }
    text + "  null\n]\n"
}

#[test]
fn one_megabyte_parses_and_builds_the_model() {
    let text = large_document(1 << 20);
    let started = std::time::Instant::now();
    let document = JsonDocument::parse(text);
    let root = document.root();
    let elapsed = started.elapsed();
    assert!(matches!(root.map(|v| &v.kind), Some(ValueKind::Array(items)) if items.len() > 5000));
    assert_eq!(document.syntax_errors(), []);
    // Generous bound for unoptimised test builds on a shared machine; the
    // release figure is measured in the benchmark notes of the crate docs.
    assert!(elapsed.as_secs() < 10, "{elapsed:?}");
}

#[test]
fn arbitrary_bytes_never_panic() {
    let samples = [
        "\"\\",
        "\\u",
        "\"\\u",
        "\"\\uD83D\\u",
        "/",
        "/*",
        "*/",
        "{\"a\":",
        "[,",
        ",]",
        "{:}",
        "'",
        "\u{feff}",
        "\u{feff}\u{feff}",
        "\0",
        "{\"\\\n\":1}",
        "-",
        "1e",
        "[[[[",
        "]]]]",
        "}{",
        "\"\r\n\"",
    ];
    for a in samples {
        for b in samples {
            let text = format!("{a}{b}{a}");
            let document = JsonDocument::parse(text.clone());
            for error in document.syntax_errors() {
                assert!(
                    text.get(error.range.start().into()..error.range.end().into())
                        .is_some()
                );
            }
            let _ = document.root();
        }
    }
}
