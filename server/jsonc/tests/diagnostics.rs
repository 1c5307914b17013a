//! Syntax diagnostics, drawn under the source: one problem, one diagnostic,
//! at the place a person would fix it.

mod support;

use expect_test::{Expect, expect};

fn check(text: &str, expect: Expect) {
    expect.assert_eq(&support::check_diagnostics(text));
}

#[test]
fn valid_documents_have_no_diagnostics() {
    for text in [
        "",
        "   \n",
        "// only a comment\n/* and a block */",
        "{}",
        "[]",
        "\u{feff}{\"a\": [1, -2.5e+3, true, false, null, \"\\u00e9\"]}",
        "{\n  // why\n  \"url\": \"/v1/{{parameters.id}}\", /* note */ \"n\": 1\n}\n",
        "\"just a string\"",
        "{\"a\":\"x\"}\r\n",
    ] {
        let document = iml_jsonc::JsonDocument::parse(text.to_owned());
        assert_eq!(document.syntax_errors(), [], "{text:?}");
    }
}

#[test]
fn missing_comma_between_properties() {
    check(
        r#"{
  "url": "/items"
  "method": "GET"
}"#,
        expect![[r#"
            {
              "url": "/items"
                             ^ J001 expected ',' or '}' after a property value
              "method": "GET"
            }
        "#]],
    );
}

#[test]
fn missing_comma_between_array_elements() {
    check(
        r#"["a" "b", 1 2]"#,
        expect![[r#"
        ["a" "b", 1 2]
            ^ J001 expected ',' or ']' after an array element
                   ^ J001 expected ',' or ']' after an array element
    "#]],
    );
}

#[test]
fn missing_value_after_colon() {
    check(
        r#"{"a": , "b": }"#,
        expect![[r#"
        {"a": , "b": }
             ^ J001 expected a value after ':'
                    ^ J001 expected a value after ':'
    "#]],
    );
}

#[test]
fn missing_colon() {
    check(
        r#"{"a" 1, "b"
"c": 2, "d", "e"}"#,
        expect![[r#"
            {"a" 1, "b"
                ^ J001 expected ':' after the property name
                       ^ J001 expected ':' and a value after the property name
            "c": 2, "d", "e"}
                       ^ J001 expected ':' and a value after the property name
                            ^ J001 expected ':' and a value after the property name
        "#]],
    );
}

#[test]
fn unquoted_property_names() {
    check(
        r#"{url: "x", 'method': "GET", 12: 3}"#,
        expect![[r#"
        {url: "x", 'method': "GET", 12: 3}
         ^^^ J001 unexpected text 'url'; property names must be double-quoted strings
                   ^^^^^^^^ J001 property names must be enclosed in double quotes, not single quotes
                                    ^^ J001 unexpected text '12'; property names must be double-quoted strings
    "#]],
    );
}

#[test]
fn invalid_values() {
    check(
        r#"[True, NULL, undefined, 'x', 01, .5, +1, 1., abc def]"#,
        expect![[r#"
        [True, NULL, undefined, 'x', 01, .5, +1, 1., abc def]
         ^^^^ J001 'True' is not valid JSON; write it in lowercase: true
               ^^^^ J001 'NULL' is not valid JSON; write it in lowercase: null
                     ^^^^^^^^^ J001 unexpected text 'undefined'; text values must be double-quoted strings
                                ^^^ J001 strings must be enclosed in double quotes, not single quotes
                                     ^^ J001 invalid number '01'; JSON numbers look like 12, -3.5 or 1e6 (no leading zeros, '+' signs or bare dots)
                                         ^^ J001 invalid number '.5'; JSON numbers look like 12, -3.5 or 1e6 (no leading zeros, '+' signs or bare dots)
                                             ^^ J001 invalid number '+1'; JSON numbers look like 12, -3.5 or 1e6 (no leading zeros, '+' signs or bare dots)
                                                 ^^ J001 invalid number '1.'; JSON numbers look like 12, -3.5 or 1e6 (no leading zeros, '+' signs or bare dots)
                                                     ^^^ J001 unexpected text 'abc'; text values must be double-quoted strings
                                                        ^ J001 expected ',' or ']' after an array element
                                                         ^^^ J001 unexpected text 'def'; text values must be double-quoted strings
    "#]],
    );
}

#[test]
fn unclosed_containers() {
    check(
        r#"{"a": {"b": [1, 2
"#,
        expect![[r#"
            {"a": {"b": [1, 2
            ^ J001 missing '}' to close the object opened here
                  ^ J001 missing '}' to close the object opened here
                        ^ J001 missing ']' to close the array opened here
        "#]],
    );
}

#[test]
fn mismatched_closers() {
    check(
        r#"{"a": 1]}"#,
        expect![[r#"
        {"a": 1]}
               ^ J001 unexpected ']': no array is open here
    "#]],
    );
    check(
        r#"{"a": [1, 2}"#,
        expect![[r#"
        {"a": [1, 2}
              ^ J001 missing ']' to close the array opened here
    "#]],
    );
    check(
        r#"{"a": [1, 2}, "b": {"c": 1]}"#,
        expect![[r#"
            {"a": [1, 2}, "b": {"c": 1]}
                       ^ J001 expected ']' to close the array, found '}'
                                      ^ J001 expected '}' to close the object, found ']'
        "#]],
    );
}

#[test]
fn stray_closers_and_punctuation() {
    check(
        r#"{"a": 1}} ,"#,
        expect![[r#"
        {"a": 1}} ,
                ^ J001 unexpected '}': no object is open here
                  ^ J001 unexpected ',' after the top-level value
    "#]],
    );
    check(
        r#"]"#,
        expect![[r#"
        ]
        ^ J001 unexpected ']': no array is open here
    "#]],
    );
    check(
        r#"{"a": 1: 2, "b": [1: 2]}"#,
        expect![[r#"
        {"a": 1: 2, "b": [1: 2]}
               ^ J001 expected ',' or '}' after a property value
                           ^ J001 unexpected ':'; arrays hold values, not properties
    "#]],
    );
}

#[test]
fn empty_slots() {
    check(
        r#"{, "a": 1,, "b": 2} [1,,2]"#,
        expect![[r#"
        {, "a": 1,, "b": 2} [1,,2]
         ^ J001 expected a property name before ','
                  ^ J001 expected a property name before ','
                            ^^^^^^ J004 more than one top-level value; a JSON file holds exactly one value, so remove the extra text or wrap the values in an array
                               ^ J001 expected a value before ','
    "#]],
    );
}

#[test]
fn unterminated_string_at_line_end() {
    check(
        r#"{
  "url": "/items,
  "method": "GET"
}"#,
        expect![[r#"
            {
              "url": "/items,
                     ^^^^^^^^ J002 unterminated string: a string cannot continue on the next line; close it with '"' (write \n for a line break inside the text)
              "method": "GET"
            }
        "#]],
    );
}

#[test]
fn unterminated_string_at_end_of_file() {
    check(
        r#"{"url": "x", "resp"#,
        expect![[r#"
        {"url": "x", "resp
                     ^^^^^ J002 unterminated string; close it with '"'
    "#]],
    );
    check(
        r#"{"url": "x\"#,
        expect![[r#"
        {"url": "x\
                ^^^ J002 unterminated string; close it with '"'
    "#]],
    );
}

#[test]
fn trailing_commas() {
    check(
        r#"{
  "a": [1, 2,],
  "b": {"c": 1,},
}"#,
        expect![[r#"
            {
              "a": [1, 2,],
                        ^ J003 trailing comma; remove it, because Make's tools reject trailing commas
              "b": {"c": 1,},
                          ^ J003 trailing comma; remove it, because Make's tools reject trailing commas
                            ^ J003 trailing comma; remove it, because Make's tools reject trailing commas
            }
        "#]],
    );
}

#[test]
fn several_top_level_values() {
    check(
        r#"{"a": 1}
{"b": 2}
[3]
"#,
        expect![[r#"
            {"a": 1}
            {"b": 2}
            ^^^^^^^^ J004 more than one top-level value; a JSON file holds exactly one value, so remove the extra text or wrap the values in an array
            [3]
        "#]],
    );
    check(
        r#"1 2"#,
        expect![[r#"
        1 2
          ^ J004 more than one top-level value; a JSON file holds exactly one value, so remove the extra text or wrap the values in an array
    "#]],
    );
}

#[test]
fn duplicate_keys() {
    check(
        r#"{"a": 1, "b": {"a": 2, "a": 3}, "a": 4, "\u0062": 5}"#,
        expect![[r#"
            {"a": 1, "b": {"a": 2, "a": 3}, "a": 4, "\u0062": 5}
                                   ^^^ J005 duplicate key "a": an earlier property of this object has the same name, and only one of the two values takes effect
                                            ^^^ J005 duplicate key "a": an earlier property of this object has the same name, and only one of the two values takes effect
                                                    ^^^^^^^^ J005 duplicate key "b": an earlier property of this object has the same name, and only one of the two values takes effect
        "#]],
    );
}

#[test]
fn duplicate_keys_in_large_objects() {
    let mut text = String::from("{");
    for i in 0..40 {
        text += &format!("\"k{}\": {i},", i % 30);
    }
    text += "\"end\": 0}";
    let document = iml_jsonc::JsonDocument::parse(text);
    let duplicates = document
        .syntax_errors()
        .into_iter()
        .filter(|e| e.code == "J005")
        .map(|e| document.text()[e.range].to_owned())
        .collect::<Vec<_>>();
    assert_eq!(duplicates.len(), 10);
    assert_eq!(duplicates[0], "\"k0\"");
}

#[test]
fn invalid_escapes() {
    check(
        r#"{"a\q": "\x and \u12G4 and \uD800 fine \n"}"#,
        expect![[r#"
        {"a\q": "\x and \u12G4 and \uD800 fine \n"}
           ^^ J007 invalid escape sequence '\q'; valid escapes are \" \\ \/ \b \f \n \r \t and \uXXXX (write \\ for a backslash)
                 ^^ J007 invalid escape sequence '\x'; valid escapes are \" \\ \/ \b \f \n \r \t and \uXXXX (write \\ for a backslash)
                        ^^^^ J007 invalid escape sequence '\u12'; '\u' must be followed by four hex digits
    "#]],
    );
}

#[test]
fn comments_and_stray_characters() {
    check(
        "{\"a\": 1,\u{200b} \"b\":\u{a0}2} /* open",
        expect![[r#"
            {"a": 1,· "b":·2} /* open
                    ^ J001 unexpected invisible character U+200B; only spaces, tabs and line breaks may separate JSON tokens
                          ^ J001 unexpected space character U+00A0; only spaces, tabs and line breaks may separate JSON tokens
                              ^^ J001 unterminated block comment; close it with '*/'
        "#]],
    );
}

#[test]
fn typing_in_progress() {
    check(
        r#"{"a": }"#,
        expect![[r#"
        {"a": }
             ^ J001 expected a value after ':'
    "#]],
    );
    check(
        r#"{"a": {"#,
        expect![[r#"
        {"a": {
        ^ J001 missing '}' to close the object opened here
              ^ J001 missing '}' to close the object opened here
    "#]],
    );
    check(
        r#"{"a": 1, "#,
        expect![[r#"
        {"a": 1, 
        ^ J001 missing '}' to close the object opened here
    "#]],
    );
    check(
        r#"{"a" : {"b": "{{"#,
        expect![[r#"
        {"a" : {"b": "{{
                     ^^^ J002 unterminated string; close it with '"'
    "#]],
    );
}
