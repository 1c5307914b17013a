//! Folding ranges of objects, arrays and comments.

use std::path::Path;

use expect_test::{Expect, expect};

use super::snapshot;

fn check(fixture: &str, expect: Expect) {
    let (analysis, fixture) = snapshot(fixture);
    let file = Path::new(&fixture.files[0].path);
    let text = analysis.file_text(file).unwrap();
    let out: String = analysis
        .folding_ranges(file)
        .iter()
        .map(|fold| {
            let first = text[..usize::from(fold.range.start())]
                .matches('\n')
                .count();
            let last = text[..usize::from(fold.range.end())].matches('\n').count();
            let head: String = text[fold.range].chars().take(12).collect();
            format!("{:?} lines {first}..={last} {head:?}\n", fold.kind)
        })
        .collect();
    expect.assert_eq(&out);
}

#[test]
fn objects_arrays_and_comments() {
    check(
        r#"
        //- /app/modules/m/m.communication.iml.json
        // Lists the items.
        // Pages through all of them.
        {
          "url": "/items", // one line
          "qs": { "a": 1 },
          /* a block
             comment */
          "response": {
            "iterate": "{{body.items}}",
            "output": [
              1,
              2
            ]
          }
        }
        "#,
        expect![[r#"
            Comment lines 0..=1 "// Lists the"
            Object lines 2..=14 "{\n  \"url\": \""
            Comment lines 5..=6 "/* a block\n "
            Object lines 7..=13 "{\n    \"itera"
            Array lines 9..=12 "[\n      1,\n "
        "#]],
    );
}
