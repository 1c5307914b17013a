//! Document highlights: the reads and writes of the symbol under the cursor
//! within one file, each marked as a read or a write.

use expect_test::{Expect, expect};
use iml_fixture::apps::{ACME_APP, with_cursor};

use super::{cursor, show, snapshot};

fn check(fixture: &str, expect: Expect) {
    let (analysis, fixture) = snapshot(fixture);
    let (file, offset) = cursor(&fixture);
    let out: String = analysis
        .document_highlights(&file, offset)
        .iter()
        .map(|h| format!("{:?} {}\n", h.kind, show(&analysis, &file, h.range)))
        .collect();
    expect.assert_eq(&out);
}

const CONNECTION: &str = "/app/connections/acme/acme.oauth-communication.iml.json";
const PARAMS: &str = "/app/connections/acme/acme.params.iml.json";
const MODULE: &str = "/app/modules/list-tasks/list-tasks.communication.iml.json";
const MAPPABLE: &str = "/app/modules/list-tasks/list-tasks.mappable-params.iml.json";

#[test]
fn parameter_read_several_times_in_the_communication() {
    // The declaration in the params file and the module's reads are elsewhere.
    check(
        &with_cursor(ACME_APP, CONNECTION, "parameters.domain}}/me", 13),
        expect![[r#"
            Read /app/connections/acme/acme.oauth-communication.iml.json 338..344 "domain"
            Read /app/connections/acme/acme.oauth-communication.iml.json 584..590 "domain"
            Read /app/connections/acme/acme.oauth-communication.iml.json 776..782 "domain"
        "#]],
    );
}

#[test]
fn parameter_declaration_in_its_params_file() {
    check(
        &with_cursor(ACME_APP, PARAMS, "domain", 2),
        expect![[r#"
        Write /app/connections/acme/acme.params.iml.json 12..18 "domain"
    "#]],
    );
}

#[test]
fn connection_parameter_read_in_a_module() {
    check(
        &with_cursor(ACME_APP, MODULE, "domain", 0),
        expect![[r#"
        Read /app/modules/list-tasks/list-tasks.communication.iml.json 33..39 "domain"
    "#]],
    );
}

#[test]
fn response_data_key_written_twice_and_read() {
    // `connection.accessToken` in the module is the same symbol, in another file.
    check(
        &with_cursor(ACME_APP, CONNECTION, "connection.accessToken", 11),
        expect![[r#"
            Write /app/connections/acme/acme.oauth-communication.iml.json 447..458 "accessToken"
            Write /app/connections/acme/acme.oauth-communication.iml.json 688..699 "accessToken"
            Read /app/connections/acme/acme.oauth-communication.iml.json 841..852 "accessToken"
        "#]],
    );
}

#[test]
fn temp_key_written_and_read_in_one_file() {
    check(
        &with_cursor(ACME_APP, CONNECTION, "\"state\": \"{{uuid", 2),
        expect![[r#"
            Read /app/connections/acme/acme.oauth-communication.iml.json 181..186 "state"
            Write /app/connections/acme/acme.oauth-communication.iml.json 208..213 "state"
        "#]],
    );
}

#[test]
fn parameter_declared_and_read_in_the_same_params_file() {
    check(
        r#"
        //- /app/modules/m/m.mappable-params.iml.json
        [
          { "name": "project", "type": "text" },
          { "name": "task", "type": "select", "options": { "store": "rpc://tasks?project={{parameters.project}}" } },
          { "name": "note", "type": "text", "help": "For {{parameters.pro$0ject}}" }
        ]
        //- /app/modules/m/m.communication.iml.json
        { "url": "/items/{{parameters.project}}" }
        "#,
        expect![[r#"
            Write /app/modules/m/m.mappable-params.iml.json 15..22 "project"
            Read /app/modules/m/m.mappable-params.iml.json 137..144 "project"
            Read /app/modules/m/m.mappable-params.iml.json 215..222 "project"
        "#]],
    );
}

#[test]
fn rpc_reference_without_the_manifest_entry() {
    check(
        &with_cursor(ACME_APP, MAPPABLE, "listProjects", 3),
        expect![[r#"
        Read /app/modules/list-tasks/list-tasks.mappable-params.iml.json 83..95 "listProjects"
    "#]],
    );
}

#[test]
fn custom_function_call_without_its_declaration() {
    check(
        &with_cursor(ACME_APP, MODULE, "addTax", 2),
        expect![[r#"
        Read /app/modules/list-tasks/list-tasks.communication.iml.json 182..188 "addTax"
    "#]],
    );
}

#[test]
fn nothing_to_highlight() {
    // A plain key, a built-in variable and whitespace.
    check(
        &with_cursor(ACME_APP, CONNECTION, "\"url\"", 2),
        expect![[r#""#]],
    );
    check(
        &with_cursor(ACME_APP, CONNECTION, "oauth.localRedirectUri", 8),
        expect![[r#""#]],
    );
    check(
        &with_cursor(ACME_APP, MODULE, "  \"headers\"", 1),
        expect![[r#""#]],
    );
}

#[test]
fn broken_expressions_do_not_panic() {
    // An unterminated `{{` still reads the parameter.
    check(
        r#"
        //- /app/modules/m/m.mappable-params.iml.json
        [{ "name": "limit", "type": "number" }]
        //- /app/modules/m/m.communication.iml.json
        { "qs": { "a": "{{parameters.lim$0it", "b": "{{parameters.limit}}" } }
        "#,
        expect![[r#"
            Read /app/modules/m/m.communication.iml.json 29..34 "limit"
            Read /app/modules/m/m.communication.iml.json 56..61 "limit"
        "#]],
    );
    // Unbalanced parentheses, a dangling `.`, an unterminated string and object.
    check(
        r#"
        //- /app/modules/m/m.mappable-params.iml.json
        [{ "name": "limit", "type": "number" }]
        //- /app/modules/m/m.communication.iml.json
        { "qs": { "a": "{{ (parameters.li$0mit + }}", "b": "{{parameters.", "c": "{{`parameters`.limit
        "#,
        expect![[r#"
            Read /app/modules/m/m.communication.iml.json 31..36 "limit"
        "#]],
    );
}

/// At every offset of every file, the highlights are the references of the
/// cursor's file, declarations included: one notion of the symbol.
#[test]
fn highlights_are_the_references_of_the_file() {
    let (analysis, fixture) = snapshot(ACME_APP);
    for file in &fixture.files {
        let path = std::path::PathBuf::from(&file.path);
        for offset in 0..=file.text.len() {
            let offset = text_size::TextSize::try_from(offset).unwrap();
            let highlights: Vec<_> = analysis
                .document_highlights(&path, offset)
                .iter()
                .map(|h| (h.range, format!("{:?}", h.kind)))
                .collect();
            let references: Vec<_> = analysis
                .find_references(&path, offset, true)
                .iter()
                .filter(|r| r.file == path)
                .map(|r| (r.range, format!("{:?}", r.access)))
                .collect();
            assert_eq!(highlights, references, "{} at {offset:?}", file.path);
        }
    }
}
