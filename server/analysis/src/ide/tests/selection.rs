//! Selection ranges: each chain grows from the cursor to the whole document.

use expect_test::{Expect, expect};

use super::{cursor, snapshot};

fn check(fixture: &str, expect: Expect) {
    let (analysis, fixture) = snapshot(fixture);
    let (file, offset) = cursor(&fixture);
    let text = analysis.file_text(&file).unwrap();
    let chains = analysis.selection_ranges(&file, &[offset]);
    let out: String = chains[0]
        .iter()
        .map(|range| format!("{range:?} {:?}\n", &text[*range]))
        .collect();
    for pair in chains[0].windows(2) {
        assert!(pair[1].contains_range(pair[0]) && pair[1] != pair[0]);
    }
    expect.assert_eq(&out);
}

#[test]
fn from_an_iml_argument_to_the_document() {
    check(
        r#"
        //- /app/modules/m/m.communication.iml.json
        {
          "qs": { "since": "from {{formatDate(addDays(now, -par$0ameters.days), 'YYYY')}}" }
        }
        "#,
        expect![[r#"
            54..64 "parameters"
            54..69 "parameters.days"
            53..69 "-parameters.days"
            40..70 "addDays(now, -parameters.days)"
            29..79 "formatDate(addDays(now, -parameters.days), 'YYYY')"
            27..81 "{{formatDate(addDays(now, -parameters.days), 'YYYY')}}"
            22..81 "from {{formatDate(addDays(now, -parameters.days), 'YYYY')}}"
            21..82 "\"from {{formatDate(addDays(now, -parameters.days), 'YYYY')}}\""
            12..82 "\"since\": \"from {{formatDate(addDays(now, -parameters.days), 'YYYY')}}\""
            10..84 "{ \"since\": \"from {{formatDate(addDays(now, -parameters.days), 'YYYY')}}\" }"
            4..84 "\"qs\": { \"since\": \"from {{formatDate(addDays(now, -parameters.days), 'YYYY')}}\" }"
            0..86 "{\n  \"qs\": { \"since\": \"from {{formatDate(addDays(now, -parameters.days), 'YYYY')}}\" }\n}"
            0..87 "{\n  \"qs\": { \"since\": \"from {{formatDate(addDays(now, -parameters.days), 'YYYY')}}\" }\n}\n"
        "#]],
    );
}

#[test]
fn from_a_key() {
    check(
        r#"
        //- /app/modules/m/m.communication.iml.json
        { "qs": { "li$0mit": 10 } }
        "#,
        expect![[r#"
            11..16 "limit"
            10..21 "\"limit\": 10"
            8..23 "{ \"limit\": 10 }"
            2..23 "\"qs\": { \"limit\": 10 }"
            0..25 "{ \"qs\": { \"limit\": 10 } }"
            0..26 "{ \"qs\": { \"limit\": 10 } }\n"
        "#]],
    );
}
