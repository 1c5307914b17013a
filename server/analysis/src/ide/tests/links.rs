//! Document links: URLs and `rpc://` references, in one file and across the app.

use std::path::Path;

use expect_test::{Expect, expect};
use iml_fixture::apps::ACME_APP;

use super::snapshot;
use crate::ide::LinkTarget;

fn check(fixture: &str, file: &str, expect: Expect) {
    let (analysis, _) = snapshot(fixture);
    let file = Path::new(file);
    let text = analysis.file_text(file).unwrap();
    let out: String = analysis
        .document_links(file)
        .iter()
        .map(|link| {
            let target = match &link.target {
                LinkTarget::Url(url) => url.clone(),
                LinkTarget::File(path) => path.display().to_string(),
            };
            format!("{:?} -> {target}\n", &text[link.range])
        })
        .collect();
    expect.assert_eq(&out);
}

#[test]
fn urls_and_rpc_references() {
    check(
        r#"
        //- /app/makecomapp.json
        { "components": { "rpc": { "listProjects": { "codeFiles": { "communication": "rpcs/p/p.communication.iml.json" } } } } }
        //- /app/rpcs/p/p.communication.iml.json
        { "url": "/projects" }
        //- /app/modules/m/m.static-params.iml.json
        [
          { "name": "p", "type": "select", "options": "rpc://listProjects" },
          { "name": "q", "type": "select", "options": "rpc://missing" },
          { "name": "h", "type": "text", "help": "See https://docs.acme.example/api?x=1. Or (http://acme.example)." },
          { "name": "u", "type": "url", "default": "https:\/\/acme.example\/a" },
          { "name": "t", "type": "text", "default": "https://{{parameters.host}}/x" }
        ]
        "#,
        "/app/modules/m/m.static-params.iml.json",
        expect![[r#"
            "listProjects" -> /app/rpcs/p/p.communication.iml.json
            "https://docs.acme.example/api?x=1" -> https://docs.acme.example/api?x=1
            "http://acme.example" -> http://acme.example
            "https:\\/\\/acme.example\\/a" -> https://acme.example/a
        "#]],
    );
}

#[test]
fn urls_in_the_app() {
    check(
        ACME_APP,
        "/app/connections/acme/acme.oauth-communication.iml.json",
        expect![[r#"
        "https://acme.example/oauth/authorize" -> https://acme.example/oauth/authorize
    "#]],
    );
}
