//! Document symbols (the outline of a file, capped) and workspace symbols
//! (the app's names matched against a query).

use std::fmt::Write as _;
use std::path::Path;

use expect_test::{Expect, expect};
use iml_fixture::apps::ACME_APP;

use super::snapshot;
use crate::host::Analysis;
use crate::ide::DocumentSymbol;

fn render(
    analysis: &Analysis,
    file: &Path,
    symbols: &[DocumentSymbol],
    depth: usize,
    out: &mut String,
) {
    let text = analysis.file_text(file).unwrap();
    for symbol in symbols {
        assert!(
            symbol.range.contains_range(symbol.selection_range),
            "{symbol:?}"
        );
        writeln!(
            out,
            "{}{:?} {} {:?} [{}]",
            "  ".repeat(depth),
            symbol.kind,
            symbol.name,
            symbol.detail.as_deref().unwrap_or(""),
            &text[symbol.selection_range]
                .lines()
                .next()
                .unwrap_or_default(),
        )
        .unwrap();
        render(analysis, file, &symbol.children, depth + 1, out);
    }
}

fn check(fixture: &str, file: &str, expect: Expect) {
    let (analysis, _) = snapshot(fixture);
    let file = Path::new(file);
    let mut out = String::new();
    render(
        &analysis,
        file,
        &analysis.document_symbols(file),
        0,
        &mut out,
    );
    expect.assert_eq(&out);
}

#[test]
fn oauth_communication() {
    check(
        ACME_APP,
        "/app/connections/acme/acme.oauth-communication.iml.json",
        expect![[r#"
        Section authorize "step 2 of the authorization flow" ["authorize"]
          Property url "https://acme.example/oauth/authorize" ["url"]
          Property qs "" ["qs"]
            Property client_id "{{common.clientId}}" ["client_id"]
            Property redirect_uri "{{oauth.localRedirectUri}}" ["redirect_uri"]
            Property state "{{temp.state}}" ["state"]
          Property temp "" ["temp"]
            Property state "{{uuid}}" ["state"]
          Response response "" ["response"]
            Property temp "" ["temp"]
              Property code "{{query.code}}" ["code"]
        Section token "step 3 of the authorization flow" ["token"]
          Property url "https://{{parameters.domain}}/token" ["url"]
          Property method "POST" ["method"]
          Property body "" ["body"]
            Property code "{{temp.code}}" ["code"]
          Response response "" ["response"]
            Property data "" ["data"]
              Property accessToken "{{body.access_token}}" ["accessToken"]
              Property refreshToken "{{body.refresh_token}}" ["refreshToken"]
        Section refresh "outside the authorization flow" ["refresh"]
          Property url "https://{{parameters.domain}}/token" ["url"]
          Property body "" ["body"]
            Property refresh_token "{{data.refreshToken}}" ["refresh_token"]
          Response response "" ["response"]
            Property data "" ["data"]
              Property accessToken "{{body.access_token}}" ["accessToken"]
        Section info "step 4 of the authorization flow" ["info"]
          Property url "https://{{parameters.domain}}/me" ["url"]
          Property headers "" ["headers"]
            Property authorization "Bearer {{connection.accessToken}}" ["authorization"]
    "#]],
    );
}

#[test]
fn request_array() {
    check(
        r#"
        //- /app/modules/m/m.communication.iml.json
        [
          { "url": "/a", "method": "POST", "response": { "temp": { "id": "{{body.id}}" } } },
          { "url": "/b/{{temp.id}}" }
        ]
        "#,
        "/app/modules/m/m.communication.iml.json",
        expect![[r#"
            Request POST /a "request 1" [{ "url": "/a", "method": "POST", "response": { "temp": { "id": "{{body.id}}" } } }]
              Property url "/a" ["url"]
              Property method "POST" ["method"]
              Response response "" ["response"]
                Property temp "" ["temp"]
                  Property id "{{body.id}}" ["id"]
            Request GET /b/{{temp.id}} "request 2" [{ "url": "/b/{{temp.id}}" }]
              Property url "/b/{{temp.id}}" ["url"]
        "#]],
    );
}

#[test]
fn parameters_by_name_and_label() {
    check(
        r#"
        //- /app/modules/m/m.static-params.iml.json
        [
          { "name": "filter", "label": "Filter", "type": "collection", "spec": [
            { "name": "status", "label": "Status", "type": "select", "options": [
              { "label": "Open", "value": "open", "nested": [{ "name": "since", "type": "date" }] }
            ] }
          ] },
          { "label": "No name" },
          "rpc://dynamicFields"
        ]
        "#,
        "/app/modules/m/m.static-params.iml.json",
        expect![[r#"
            Parameter filter "Filter · collection" ["filter"]
              Parameter status "Status · select" ["status"]
                Parameter since "date" ["since"]
            Parameter No name "No name" [{ "label": "No name" }]
        "#]],
    );
}

#[test]
fn outline_is_capped() {
    let mut text = String::from("{\n");
    for i in 0..6000 {
        text.push_str(&format!("  \"k{i}\": {{ \"x\": 1 }},\n"));
    }
    text.push_str("  \"end\": 0\n}\n");
    let (analysis, _) = snapshot(&format!("//- /app/general/common.json\n{text}"));
    fn count(symbols: &[DocumentSymbol]) -> usize {
        symbols.iter().map(|s| 1 + count(&s.children)).sum()
    }
    let symbols = analysis.document_symbols(Path::new("/app/general/common.json"));
    assert_eq!(count(&symbols), crate::ide::MAX_DOCUMENT_SYMBOLS);
}

#[test]
fn workspace_symbols_with_a_query() {
    let (analysis, _) = snapshot(ACME_APP);
    let show = |query: &str| -> String {
        analysis
            .workspace_symbols(query, 100)
            .iter()
            .map(|s| {
                format!(
                    "{:?} {} in {} ({}) {}\n",
                    s.kind,
                    s.name,
                    s.container.as_deref().unwrap_or("-"),
                    s.detail.as_deref().unwrap_or(""),
                    super::show(&analysis, &s.file, s.range)
                )
            })
            .collect()
    };
    expect![[r#"
        Component acme in app (connection) /app/connections/acme/acme.oauth-communication.iml.json 0..0 ""
        Parameter domain in acme (Domain) /app/connections/acme/acme.params.iml.json 11..19 "\"domain\""
        ConnectionData accessToken in acme (connection.accessToken) /app/connections/acme/acme.oauth-communication.iml.json 446..459 "\"accessToken\""
        ConnectionData refreshToken in acme (connection.refreshToken) /app/connections/acme/acme.oauth-communication.iml.json 486..500 "\"refreshToken\""
        Component listTasks in app (module) /app/modules/list-tasks/list-tasks.communication.iml.json 0..0 ""
        Parameter projectId in listTasks (Project) /app/modules/list-tasks/list-tasks.mappable-params.iml.json 14..25 "\"projectId\""
        Parameter amount in listTasks () /app/modules/list-tasks/list-tasks.mappable-params.iml.json 112..120 "\"amount\""
        Rpc listProjects in app (RPC) /app/rpcs/list-projects/list-projects.communication.iml.json 0..0 ""
        Function addTax in app (function) /app/functions/add-tax/add-tax.code.js 9..15 "addTax"
    "#]]
    .assert_eq(&show(""));
    expect![[r#"
        ConnectionData accessToken in acme (connection.accessToken) /app/connections/acme/acme.oauth-communication.iml.json 446..459 "\"accessToken\""
        ConnectionData refreshToken in acme (connection.refreshToken) /app/connections/acme/acme.oauth-communication.iml.json 486..500 "\"refreshToken\""
    "#]]
    .assert_eq(&show("tok"));
    assert_eq!(analysis.workspace_symbols("", 2).len(), 2);
}
