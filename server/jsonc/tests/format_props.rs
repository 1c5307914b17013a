//! Invariants of the formatter over generated documents: random nesting,
//! comments and whitespace in every gap, LF, CRLF and mixed line breaks.

use iml_jsonc::format::{
    FormatOptions, apply_edits, format_document, format_range, format_text, same_value,
};
use iml_jsonc::{JsonDocument, TextRange, TextSize};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Shape {
    Scalar(&'static str),
    Array(Vec<Shape>),
    Object(Vec<(&'static str, Shape)>),
}

const SCALARS: &[&str] = &[
    "0",
    "-1.5e3",
    "12",
    "true",
    "false",
    "null",
    r#""plain""#,
    r#""{{parameters.id}}""#,
    r#""a\"b\\c\n\u00e9\/""#,
    r#""{{ifempty(body.x; \"none\")}}""#,
    r#""""#,
    r#""// not a comment /* */""#,
];
const KEYS: &[&str] = &[
    r#""url""#,
    r#""qs""#,
    r#""a b""#,
    r#""\u0041""#,
    r#""{{x}}""#,
];

fn shape() -> impl Strategy<Value = Shape> {
    let leaf = proptest::sample::select(SCALARS).prop_map(Shape::Scalar);
    leaf.prop_recursive(5, 48, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Shape::Array),
            prop::collection::vec((proptest::sample::select(KEYS), inner), 0..5)
                .prop_map(Shape::Object),
        ]
    })
}

/// Writes a shape with trivia chosen by `noise` in every gap.
struct Writer<'a> {
    out: String,
    noise: std::iter::Cycle<std::slice::Iter<'a, u8>>,
    comments: usize,
}

impl Writer<'_> {
    fn trivia(&mut self) {
        let pick = *self.noise.next().expect("cycles");
        self.comments += 1;
        let n = self.comments;
        let piece = match pick % 16 {
            0..=4 => String::new(),
            5 | 6 => " ".into(),
            7 => "\n".into(),
            8 => "\r\n    ".into(),
            9 => "\n\n\n\t".into(),
            10 => format!(" /* c{n} */ "),
            11 => format!("// l{n}\n"),
            12 => format!("/* m{n}\n   keeps\r\n layout */"),
            13 => "\t ".into(),
            14 => format!("\n  // own line {n}\n"),
            _ => "\r".into(),
        };
        self.out.push_str(&piece);
    }

    fn write(&mut self, shape: &Shape) {
        match shape {
            Shape::Scalar(s) => self.out.push_str(s),
            Shape::Array(items) => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    self.trivia();
                    if i > 0 {
                        self.out.push(',');
                        self.trivia();
                    }
                    self.write(item);
                }
                self.trivia();
                self.out.push(']');
            }
            Shape::Object(members) => {
                self.out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    self.trivia();
                    if i > 0 {
                        self.out.push(',');
                        self.trivia();
                    }
                    self.out.push_str(key);
                    self.trivia();
                    self.out.push(':');
                    self.trivia();
                    self.write(value);
                }
                self.trivia();
                self.out.push('}');
            }
        }
    }
}

fn document(shape: &Shape, noise: &[u8]) -> String {
    let mut writer = Writer {
        out: String::new(),
        noise: noise.iter().cycle(),
        comments: 0,
    };
    writer.trivia();
    writer.write(shape);
    writer.trivia();
    writer.out
}

fn comment_texts(doc: &JsonDocument) -> Vec<String> {
    doc.comments()
        .iter()
        .map(|r| doc.text()[*r].to_owned())
        .collect()
}

/// The formatted text keeps the value and the comments and is well-formed.
fn assert_equivalent(before: &str, after: &str) -> Result<(), TestCaseError> {
    let (a, b) = (
        JsonDocument::parse(before.to_owned()),
        JsonDocument::parse(after.to_owned()),
    );
    // Generated objects may repeat a key (J005, a warning); nothing else.
    let codes =
        |d: &JsonDocument| -> Vec<&str> { d.syntax_errors().iter().map(|e| e.code).collect() };
    prop_assert!(
        codes(&a).iter().all(|&c| c == "J005"),
        "generated text is valid"
    );
    prop_assert_eq!(codes(&a), codes(&b), "formatted: {:?}", after);
    let (Some(x), Some(y)) = (a.root(), b.root()) else {
        return Err(TestCaseError::fail("both have a value"));
    };
    prop_assert!(same_value(x, y), "value changed: {:?}", after);
    prop_assert_eq!(comment_texts(&a), comment_texts(&b));
    Ok(())
}

fn options(tabs: bool, size: u32, final_newlines: bool) -> FormatOptions {
    FormatOptions {
        tab_size: size,
        insert_spaces: !tabs,
        insert_final_newline: final_newlines,
        trim_final_newlines: final_newlines,
    }
}

/// 256 cases by default; `PROPTEST_CASES` asks for a longer search.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    ProptestConfig::with_cases(cases)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn formatting_keeps_the_document_and_is_idempotent(
        shape in shape(),
        noise in prop::collection::vec(any::<u8>(), 1..64),
        tabs in any::<bool>(),
        size in 0u32..6,
        final_newlines in any::<bool>(),
    ) {
        let text = document(&shape, &noise);
        let options = options(tabs, size, final_newlines);
        let formatted = format_text(&text, &options);
        prop_assert!(formatted.is_some(), "valid text is formatted: {:?}", text);
        let formatted = formatted.unwrap_or_default();
        assert_equivalent(&text, &formatted)?;
        prop_assert_eq!(format_document(&formatted, &options), Some(vec![]), "{:?}", formatted);
        // Edits are sorted, disjoint and only ever replace whitespace.
        let edits = format_document(&text, &options).unwrap_or_default();
        let mut last_end = TextSize::from(0);
        for edit in &edits {
            prop_assert!(edit.range.start() >= last_end);
            last_end = edit.range.end();
            prop_assert!(text[edit.range].bytes().all(|b| b" \t\r\n".contains(&b)));
            prop_assert!(edit.new_text.bytes().all(|b| b" \t\r\n".contains(&b)));
        }
    }

    #[test]
    fn range_formatting_stays_in_its_container(
        shape in shape(),
        noise in prop::collection::vec(any::<u8>(), 1..64),
        at in any::<prop::sample::Index>(),
        len in 0usize..40,
        final_newlines in any::<bool>(),
    ) {
        let text = document(&shape, &noise);
        let options = options(false, 2, final_newlines);
        let start = at.index(text.len() + 1);
        let end = (start + len).min(text.len());
        let range = TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32));
        let edits = format_range(&text, range, &options);
        prop_assert!(edits.is_some());
        let edits = edits.unwrap_or_default();
        let ranged = apply_edits(&text, &edits);
        assert_equivalent(&text, &ranged)?;
        // What range formatting did, formatting the whole document agrees with.
        let whole = format_text(&text, &options).unwrap_or_default();
        prop_assert_eq!(format_text(&ranged, &options), Some(whole));
    }
}
