//! The formatter's output on hand-written documents: layout kept as the
//! author chose it, every comment where it was, whitespace normalised.

use expect_test::{Expect, expect};
use iml_jsonc::format::{
    FormatOptions, TextEdit, apply_edits, format_document, format_range, format_text, same_value,
};
use iml_jsonc::{JsonDocument, TextRange, TextSize};

const SPACES: FormatOptions = FormatOptions {
    tab_size: 2,
    insert_spaces: true,
    insert_final_newline: false,
    trim_final_newlines: false,
};

/// Tabs and carriage returns made visible.
fn show(text: &str) -> String {
    text.replace('\t', "→").replace('\r', "␍")
}

/// Formats, checks the result keeps value and comments and is stable, and
/// returns it for the snapshot.
fn formatted(text: &str, options: &FormatOptions) -> String {
    let out = format_text(text, options).expect("well-formed input is formatted");
    let (before, after) = (
        JsonDocument::parse(text.into()),
        JsonDocument::parse(out.clone()),
    );
    match (before.root(), after.root()) {
        (Some(a), Some(b)) => assert!(same_value(a, b), "value changed:\n{out}"),
        (a, b) => assert_eq!(a.is_none(), b.is_none()),
    }
    let comments = |d: &JsonDocument| -> Vec<String> {
        d.comments()
            .iter()
            .map(|r| d.text()[*r].to_owned())
            .collect()
    };
    assert_eq!(comments(&before), comments(&after));
    assert_eq!(
        format_document(&out, options),
        Some(vec![]),
        "not idempotent:\n{out}"
    );
    out
}

fn check(text: &str, expect: Expect) {
    expect.assert_eq(&show(&formatted(text, &SPACES)));
}

fn check_with(text: &str, options: FormatOptions, expect: Expect) {
    expect.assert_eq(&show(&formatted(text, &options)));
}

#[test]
fn one_line_containers_stay_on_one_line() {
    check(
        r#"{"a":1 ,"b":[ 1,2 , {"c" :null,"d":{ }} ],"e":[ ]}"#,
        expect![[r#"{ "a": 1, "b": [1, 2, { "c": null, "d": {} }], "e": [] }"#]],
    );
}

#[test]
fn multi_line_containers_get_one_member_per_line() {
    check(
        r#"{"url": "/v1/items", "qs": {"limit": 100,
    "offset": 0}, "headers": {"Accept": "application/json"},
  "response": {
        "output": "{{body}}", "iterate": [ "{{body.items}}" ]
    }, "list": [1, 2,
3], "matrix": [[1, 2], [3,
4]]}"#,
        expect![[r#"
            {
              "url": "/v1/items",
              "qs": {
                "limit": 100,
                "offset": 0
              },
              "headers": { "Accept": "application/json" },
              "response": {
                "output": "{{body}}",
                "iterate": ["{{body.items}}"]
              },
              "list": [
                1,
                2,
                3
              ],
              "matrix": [
                [1, 2],
                [
                  3,
                  4
                ]
              ]
            }"#]],
    );
}

#[test]
fn empty_containers_close_up() {
    check(
        "{\"a\": {\n\n}, \"b\": [ ], \"c\": [\n],\n \"d\": {}}",
        expect![[r#"
            {
              "a": {},
              "b": [],
              "c": [],
              "d": {}
            }"#]],
    );
    // The lines inside an empty container go when it closes up, so they do
    // not make the container around it span lines (formatting just the
    // inner one would otherwise change how the outer one is laid out).
    check(
        "{\"a\": {\n\n}, \"b\": [ ], \"c\": [\n], \"d\": {}}",
        expect![[r#"{ "a": {}, "b": [], "c": [], "d": {} }"#]],
    );
    check("[\n\n]", expect!["[]"]);
    check("  {   }  ", expect!["{}"]);
}

#[test]
fn blank_lines_between_members_are_kept_once() {
    check(
        "{\n\n\n  \"a\": 1,\n\n\n\n  \"b\": 2,\n  // about c\n\n  \"c\": 3\n\n\n}",
        expect![[r#"
            {
              "a": 1,

              "b": 2,
              // about c

              "c": 3
            }"#]],
    );
}

#[test]
fn comments_in_every_position() {
    check(
        r#"// file header
/* second
   header */
{ // after the opener
  "a": 1, // after a comma
    // on its own line
  "b" /* before colon */ : /* after colon */ 2 /* before comma */ ,
  /* leading */ "c": [ /* first */ 1, 2 /* last */ ],
  "d": // explains the value
      3,
  "e":
      // on its own line inside a member
      4,
  "f": [
    1, /* trailing block */
    2 // last element
  ],
  "g": { /* only a comment */ },
  "h": {
      /*
         a block comment keeps
       its inner layout   */
  }
  // before the closer
} // after the root
// end of file
"#,
        expect![[r#"
            // file header
            /* second
               header */
            { // after the opener
              "a": 1, // after a comma
              // on its own line
              "b" /* before colon */: /* after colon */ 2 /* before comma */,
              /* leading */ "c": [/* first */ 1, 2 /* last */],
              "d": // explains the value
                3,
              "e":
                // on its own line inside a member
                4,
              "f": [
                1, /* trailing block */
                2 // last element
              ],
              "g": { /* only a comment */ },
              "h": {
                /*
                     a block comment keeps
                   its inner layout   */
              }
              // before the closer
            } // after the root
            // end of file
        "#]],
    );
}

#[test]
fn comments_keep_their_line_relation_in_odd_places() {
    check(
        "{\n\"a\": 1 // c\n, \"b\": // d\n{\"x\": 1}, /* e */ \"c\": 3, /* f */\n\"d\": 4}",
        expect![[r#"
            {
              "a": 1 // c
              ,
              "b": // d
              { "x": 1 },
              /* e */ "c": 3, /* f */
              "d": 4
            }"#]],
    );
}

#[test]
fn indentation_follows_the_options() {
    let text = "{\"a\": [\n1, {\"b\": 2,\n\"c\": 3}]}";
    check_with(
        text,
        FormatOptions {
            insert_spaces: false,
            ..SPACES
        },
        expect![[r#"
            {
            →"a": [
            →→1,
            →→{
            →→→"b": 2,
            →→→"c": 3
            →→}
            →]
            }"#]],
    );
    check_with(
        text,
        FormatOptions {
            tab_size: 4,
            ..SPACES
        },
        expect![[r#"
            {
                "a": [
                    1,
                    {
                        "b": 2,
                        "c": 3
                    }
                ]
            }"#]],
    );
}

#[test]
fn crlf_files_keep_crlf() {
    check(
        "{\r\n\t\"a\": [1,2],\r\n\r\n\r\n\t\"b\": {\"c\": 1,\n\"d\": /* x\r\n y */ 2}\r\n}\r\n",
        expect![[r#"
            {␍
              "a": [1, 2],␍
            ␍
              "b": {␍
                "c": 1,␍
                "d": /* x␍
             y */ 2␍
              }␍
            }␍
        "#]],
    );
}

#[test]
fn strings_numbers_and_literals_are_untouched() {
    check(
        r#"{"url":"/v1/{{ifempty(parameters.id; \"none\")}}\n\t\u00e9\/", "n":[-0.5e+10,0,1E3],
"flags":[true,false,null], "iml": "{{join(map(body.items; \"id\"); \",\")}}"}"#,
        expect![[r#"
            {
              "url": "/v1/{{ifempty(parameters.id; \"none\")}}\n\t\u00e9\/",
              "n": [-0.5e+10, 0, 1E3],
              "flags": [true, false, null],
              "iml": "{{join(map(body.items; \"id\"); \",\")}}"
            }"#]],
    );
}

#[test]
fn scalars_and_comment_only_documents() {
    check("  \n\"text\"  ", expect![[r#""text""#]]);
    check(
        "// just a note\n\n\n/* and another */   ",
        expect![[r#"
            // just a note

            /* and another */"#]],
    );
    assert_eq!(format_document("", &SPACES), Some(vec![]));
    assert_eq!(format_document(" \n ", &SPACES), Some(vec![]));
}

#[test]
fn the_end_of_the_file_follows_the_options() {
    let text = "{\"a\": 1}\n\n\n";
    let both = FormatOptions {
        insert_final_newline: true,
        trim_final_newlines: true,
        ..SPACES
    };
    check_with(
        text,
        SPACES,
        expect![[r#"
        { "a": 1 }


    "#]],
    );
    check_with(
        text,
        both,
        expect![[r#"
        { "a": 1 }
    "#]],
    );
    check_with(
        "[1]",
        both,
        expect![[r#"
        [1]
    "#]],
    );
    check_with(
        "[1]  ",
        FormatOptions {
            trim_final_newlines: true,
            ..SPACES
        },
        expect!["[1]"],
    );
}

#[test]
fn byte_order_mark_stays() {
    let out = formatted("\u{feff} {\"a\":1}", &SPACES);
    assert_eq!(out, "\u{feff}{ \"a\": 1 }");
}

#[test]
fn broken_documents_are_left_alone() {
    for broken in [
        "{\"a\": 1",
        "{\"a\" 1}",
        "{\"a\": \"open}",
        "[1] [2]",
        "{'a': 1}",
        "[tru]",
        r#"["\x"]"#,
        "[1, /* open",
        "[1,,2]",
    ] {
        assert_eq!(format_document(broken, &SPACES), None, "{broken}");
        assert_eq!(
            format_range(broken, TextRange::empty(TextSize::from(1)), &SPACES),
            None,
            "{broken}"
        );
    }
}

#[test]
fn warnings_do_not_stop_formatting() {
    // A trailing comma and a duplicate key leave the structure clear.
    check(
        "{\"a\":[1,2,],\n\"a\": 2,\n}",
        expect![[r#"
            {
              "a": [1, 2,],
              "a": 2,
            }"#]],
    );
}

/// The edits as `start..end "new"` lines.
fn show_edits(edits: &[TextEdit]) -> String {
    edits
        .iter()
        .map(|e| {
            format!(
                "{}..{} {:?}\n",
                u32::from(e.range.start()),
                u32::from(e.range.end()),
                e.new_text
            )
        })
        .collect()
}

#[test]
fn edits_touch_only_whitespace_that_changes() {
    let text = "{\n    \"a\":1,\n  \"b\": 2\n}";
    let edits = format_document(text, &SPACES).expect("formats");
    expect![[r#"
        4..6 ""
        10..10 " "
    "#]]
    .assert_eq(&show_edits(&edits));
    assert_eq!(apply_edits(text, &edits), "{\n  \"a\": 1,\n  \"b\": 2\n}");
}

fn check_range(marked: &str, expect: Expect) {
    // `⟨` and `⟩` mark the range.
    let start = marked.find('⟨').expect("range start");
    let text = marked.replace(['⟨', '⟩'], "");
    let end = marked.find('⟩').expect("range end") - '⟨'.len_utf8();
    let range = TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32));
    let edits = format_range(&text, range, &SPACES).expect("formats");
    expect.assert_eq(&show(&apply_edits(&text, &edits)));
}

#[test]
fn range_formatting_covers_the_smallest_container() {
    // Only the inner object changes; the sloppy outer lines stay.
    check_range(
        "{\"a\":1,\n      \"b\": {\"c\":⟨1,\n\"d\":⟩[1,2]},\n\"e\":[3,4]}",
        expect![[r#"
            {"a":1,
                  "b": {
                    "c": 1,
                    "d": [1, 2]
                  },
            "e":[3,4]}"#]],
    );
    // A cursor inside a string formats the container holding it.
    check_range(
        "{\"a\":  [1,2],\n \"b\": [ \"x⟨⟩y\" ,  3 ]}",
        expect![[r#"
            {"a":  [1,2],
             "b": ["xy", 3]}"#]],
    );
    // A range reaching outside the root formats the whole document.
    check_range(
        "⟨ {\"a\":  [1,2]} ⟩\n",
        expect![[r#"
            { "a": [1, 2] }
        "#]],
    );
    // Tab-indented surroundings: the container follows its own line.
    check_range(
        "{\n\t\"a\": {\"b\": 1,⟨⟩\n\"c\": 2}\n}",
        expect![[r#"
            {
            →"a": {
            →  "b": 1,
            →  "c": 2
            →}
            }"#]],
    );
}

#[test]
fn range_edits_stay_inside_the_container() {
    let text = "{ \"a\" :1,  \"b\":[ 1 ,2 ]  }";
    let inner = text.find('[').unwrap();
    let range = TextRange::empty(TextSize::from(inner as u32 + 2));
    let edits = format_range(text, range, &SPACES).expect("formats");
    assert!(!edits.is_empty());
    let close = text.rfind(']').unwrap() as u32;
    for edit in &edits {
        assert!(u32::from(edit.range.start()) > inner as u32);
        assert!(u32::from(edit.range.end()) <= close);
    }
    assert_eq!(apply_edits(text, &edits), "{ \"a\" :1,  \"b\":[1, 2]  }");
}

#[test]
fn deep_nesting_neither_hangs_nor_explodes() {
    let depth = 20_000;
    let inline = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert_eq!(format_document(&inline, &SPACES), Some(vec![]));
    // One level per line would need depth² bytes of indentation.
    let expanded = format!("{}1{}", "[\n".repeat(depth), "\n]".repeat(depth));
    let wide = FormatOptions {
        tab_size: 8,
        ..SPACES
    };
    assert_eq!(format_document(&expanded, &wide), None);
    let shallow = format!("{}1{}", "[\n".repeat(50), "\n]".repeat(50));
    assert!(format_text(&shallow, &wide).is_some());
}

/// Formatting any range and then the whole document gives what formatting
/// the whole document gives, and the range's edits stay off the text
/// around the container they format.
fn check_every_range(text: &str, options: &FormatOptions) {
    let whole = format_text(text, options).expect("formats");
    assert_eq!(format_text(&whole, options).as_deref(), Some(&*whole));
    for start in 0..=text.len() {
        for end in start..=text.len() {
            let range = TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32));
            let edits = format_range(text, range, options).expect("formats");
            let ranged = apply_edits(text, &edits);
            assert_eq!(
                format_text(&ranged, options).as_deref(),
                Some(&*whole),
                "range {start}..{end} of {text:?} gave {ranged:?}"
            );
        }
    }
}

#[test]
fn mixed_line_endings_follow_the_first_kept_break() {
    // The CRLF inside the empty object goes when it closes up; the LF breaks
    // at the end stay, so they decide, whether the whole document or only
    // the object is formatted first.
    let text = "{\r\n    }\n\n\n\t";
    let empty = TextRange::empty(TextSize::from(0));
    let ranged = apply_edits(text, &format_range(text, empty, &SPACES).expect("formats"));
    assert_eq!(ranged, "{}\n\n\n\t");
    assert_eq!(format_text(&ranged, &SPACES), format_text(text, &SPACES));
    check(text, expect!["{}\n\n\n"]);
    check_every_range(text, &SPACES);

    // A removed LF does not decide either: the first kept break is CRLF.
    let text = "{\"a\": {\n}, \"b\": 1,\r\n\"c\": [1,\n2]}\n";
    check(
        text,
        expect![[r#"
            {␍
              "a": {},␍
              "b": 1,␍
              "c": [␍
                1,␍
                2␍
              ]␍
            }␍
        "#]],
    );
    check_every_range(text, &SPACES);

    // An LF first: everything the formatter writes is LF.
    let text = "{\n\"a\": 1,\r\n\"b\": [\r\n]\r\n}\r\n";
    check(
        text,
        expect![[r#"
            {
              "a": 1,
              "b": []
            }
        "#]],
    );
    check_every_range(text, &SPACES);

    // No break between tokens is kept: a block comment's break decides the
    // line break added at the end.
    let text = "[\n]/* a\r\n b */";
    let final_newline = FormatOptions {
        insert_final_newline: true,
        trim_final_newlines: true,
        ..SPACES
    };
    check_with(text, final_newline, expect!["[] /* a␍\n b */␍\n"]);
    check_every_range(text, &final_newline);
    check_every_range("[\n]/* a\r\n b */\n\r\n", &final_newline);
}

#[test]
fn lines_inside_an_empty_container_do_not_expand_its_parent() {
    // Formatting only the inner array closes it up; the outer one must not
    // then be laid out differently from formatting everything at once.
    check("[{\n}]", expect!["[{}]"]);
    check_every_range("[{\n}]", &SPACES);
    check_every_range("{\"a\": [\r\n\r\n], \"b\": {\"c\": {\n}}}\r\n", &SPACES);
    // Lines of its own still expand it.
    check(
        "[{\n},\n[]]",
        expect![[r#"
            [
              {},
              []
            ]"#]],
    );
    check_every_range("[{\n},\n[]]", &SPACES);
}
