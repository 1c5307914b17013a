//! Whatever bytes arrive (a binary file opened by mistake, a truncated
//! download, a file in another encoding), decoding them lossily and parsing
//! the result never panics, never hangs and names only ranges inside the
//! text, on character boundaries.

use std::time::{Duration, Instant};

use iml_lang::{Expr, Template, parse_expression, parse_template};
use proptest::prelude::*;
use text_size::{TextRange, TextSize};

/// Bytes that matter to the scanner and the parser, and bytes that are not
/// UTF-8 on their own (lone continuation bytes, truncated sequences,
/// encoded surrogates, overlong forms), so the lossy decoder is exercised.
const INTERESTING: &[&[u8]] = &[
    b"{{",
    b"}}",
    b"{",
    b"}",
    b"(",
    b")",
    b"[",
    b"]",
    b";",
    b",",
    b".",
    b"`",
    b"'",
    b"\"",
    b"\\",
    b"a",
    b"parameters",
    b"if(",
    b"1",
    b"-",
    b"&&",
    b"==",
    b" ",
    b"\n",
    b"\r\n",
    b"\0",
    b"\xff",
    b"\xfe",
    b"\x80",
    b"\xc3",
    b"\xe2\x82",
    b"\xf0\x9f\x98",
    b"\xed\xa0\x80",
    b"\xc0\xaf",
    b"\xf4\x90\x80\x80",
    "é".as_bytes(),
    "😀".as_bytes(),
    "\u{feff}".as_bytes(),
];

fn interesting_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop::sample::select(INTERESTING), 0..200)
        .prop_map(|parts| parts.concat())
}

fn inside(inner: TextRange, outer: TextRange) -> bool {
    outer.contains_range(inner)
}

fn on_boundaries(text: &str, range: TextRange) -> bool {
    text.is_char_boundary(usize::from(range.start()))
        && text.is_char_boundary(usize::from(range.end()))
}

fn check_expr(text: &str, expr: &Expr, bounds: TextRange) -> Result<(), TestCaseError> {
    for node in expr.walk() {
        prop_assert!(
            inside(node.range, bounds),
            "{:?} outside {bounds:?}",
            node.range
        );
        prop_assert!(
            on_boundaries(text, node.range),
            "{:?} splits a char",
            node.range
        );
    }
    Ok(())
}

fn check_template(text: &str, template: &Template) -> Result<(), TestCaseError> {
    let whole = TextRange::up_to(TextSize::of(text));
    prop_assert_eq!(template.len, TextSize::of(text));
    let mut previous_end = TextSize::new(0);
    for block in &template.blocks {
        prop_assert!(block.range.start() >= previous_end, "blocks overlap");
        prop_assert!(inside(block.range, whole) && inside(block.body, block.range));
        prop_assert!(on_boundaries(text, block.range) && on_boundaries(text, block.body));
        previous_end = block.range.end();
        check_expr(text, &block.expr, block.body)?;
        for token in &block.tokens {
            prop_assert!(inside(token.range, block.range) && on_boundaries(text, token.range));
        }
        for error in &block.errors {
            prop_assert!(inside(error.range, block.range) && on_boundaries(text, error.range));
        }
    }
    Ok(())
}

fn parse_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    let text = String::from_utf8_lossy(bytes);
    let started = Instant::now();
    let template = parse_template(&text);
    check_template(&text, &template)?;
    let (expr, errors) = parse_expression(&text);
    let whole = TextRange::up_to(TextSize::of(&*text));
    check_expr(&text, &expr, whole)?;
    for error in &errors {
        prop_assert!(inside(error.range, whole) && on_boundaries(&text, error.range));
    }
    // Generous for a debug build on a busy machine; a hang or a quadratic
    // blow-up on a few kilobytes is far beyond it.
    prop_assert!(
        started.elapsed() < Duration::from_secs(5),
        "{} bytes took {:?}",
        bytes.len(),
        started.elapsed()
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("IML_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256)
    ))]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        parse_bytes(&bytes)?;
    }

    #[test]
    fn iml_shaped_bytes(bytes in interesting_bytes()) {
        parse_bytes(&bytes)?;
    }
}

#[test]
fn a_large_binary_blob_is_parsed_in_bounded_time() {
    // A deterministic pseudo-random megabyte: xorshift, no dependency needed.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes: Vec<u8> = (0..1 << 20)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    let text = String::from_utf8_lossy(&bytes);
    let started = Instant::now();
    let template = parse_template(&text);
    assert_eq!(template.len, TextSize::of(&*text));
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "a 1 MiB blob took {:?}",
        started.elapsed()
    );
}
