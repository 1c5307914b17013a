//! File facts (declared parameters, connection data, common and sample keys)
//! and the app-level queries built on them, cached per file version.

use std::fmt::Write as _;
use std::path::Path;

use expect_test::{Expect, expect};

use super::host_from;
use crate::semantic::{
    DeclaredParam, WrittenKey, common_keys, connection_data_keys, connection_keys, facts,
    interface_fields, keys_below, sample_keys, visible_parameters,
};

/// `name{child, child{grandchild}}`.
fn nested(key: &WrittenKey) -> String {
    if key.children.is_empty() {
        return key.name.clone();
    }
    let children: Vec<String> = key.children.iter().map(nested).collect();
    format!("{}{{{}}}", key.name, children.join(", "))
}

fn show_facts(fixture: &str, file: &str, expect: Expect) {
    let (host, fixture) = host_from(fixture);
    let analysis = host.snapshot();
    let text = &fixture.file(file).unwrap().text;
    let facts = facts(&analysis, Path::new(file)).unwrap();
    let mut out = String::new();
    if let Some(params) = &facts.params {
        writeln!(out, "params open_ended={}", params.open_ended).unwrap();
        for p in &params.params {
            let name_text = p.name_range.map(|r| &text[r]).unwrap_or("-");
            writeln!(
                out,
                "  {} (name {name_text}) type={:?} label={:?} nested={}",
                p.path, p.param_type, p.label, p.nested
            )
            .unwrap();
        }
    }
    if let Some(connection) = &facts.connection {
        writeln!(
            out,
            "connection data_open={} expires={} refresh_token={}",
            connection.data_open, connection.writes_expires, connection.writes_refresh_token
        )
        .unwrap();
        for key in &connection.data_keys {
            writeln!(
                out,
                "  data {} {} in {:?} at {}",
                nested(key),
                &text[key.range],
                key.section,
                key.path
            )
            .unwrap();
        }
        for r in &connection.redirect_uses {
            writeln!(
                out,
                "  redirect {} in {:?} at {} ({})",
                r.variable, r.section, r.directive, &text[r.range]
            )
            .unwrap();
        }
    }
    for write in &facts.temp_writes {
        writeln!(
            out,
            "temp {:?} {:?} {:?} request {:?} {:?}{}",
            write.key,
            write.step.section,
            write.step.flow_order,
            write.step.request_index,
            write.step.phase,
            write
                .written
                .as_ref()
                .map(|w| format!(" {} at {}", nested(w), w.path))
                .unwrap_or_default()
        )
        .unwrap();
    }
    if let Some(keys) = &facts.common_keys {
        let names: Vec<String> = keys.iter().map(nested).collect();
        writeln!(out, "common {names:?}").unwrap();
    }
    if let Some(fields) = &facts.interface {
        let paths: Vec<&str> = fields.params.iter().map(|p| p.path.as_str()).collect();
        writeln!(out, "interface {paths:?} open_ended={}", fields.open_ended).unwrap();
    }
    if let Some(keys) = &facts.sample_keys {
        let names: Vec<String> = keys
            .iter()
            .map(|k| format!("{} at {}", nested(k), k.path))
            .collect();
        writeln!(out, "samples {names:?}").unwrap();
    }
    expect.assert_eq(&out);
}

#[test]
fn parameters_lift_nested_and_dot_collection_children() {
    show_facts(
        r#"
        //- /app/modules/add/add.mappable-params.iml.json
        [
          { "name": "title", "type": "text", "label": "Title" },
          { "name": "kind", "type": "select", "options": [
              { "label": "A", "value": "a", "nested": [{ "name": "aOnly", "type": "text" }] },
              { "label": "B", "value": "b", "nested": "rpc://bFields" } ] },
          { "name": "flag", "type": "boolean", "nested": [{ "name": "flagDetail", "type": "number" }] },
          { "name": "address", "type": "collection", "spec": [
              { "name": "city", "type": "text" },
              { "name": "zip", "type": "text" } ] },
          { "name": "tags", "type": "array", "spec": [{ "name": "value", "type": "text" }] },
          { "name": "picker", "type": "select", "options": { "store": "rpc://list", "nested": [{ "name": "fromStore", "type": "text" }] } },
          "rpc://moreFields"
        ]
        "#,
        "/app/modules/add/add.mappable-params.iml.json",
        expect![[r#"
            params open_ended=true
              title (name "title") type=Some("text") label=Some("Title") nested=false
              kind (name "kind") type=Some("select") label=None nested=false
              aOnly (name "aOnly") type=Some("text") label=None nested=true
              flag (name "flag") type=Some("boolean") label=None nested=false
              flagDetail (name "flagDetail") type=Some("number") label=None nested=true
              address (name "address") type=Some("collection") label=None nested=false
              address.city (name "city") type=Some("text") label=None nested=false
              address.zip (name "zip") type=Some("text") label=None nested=false
              tags (name "tags") type=Some("array") label=None nested=false
              tags[].value (name "value") type=Some("text") label=None nested=false
              picker (name "picker") type=Some("select") label=None nested=false
              fromStore (name "fromStore") type=Some("text") label=None nested=true
        "#]],
    );
}

#[test]
fn parameters_closed_set() {
    show_facts(
        r#"
        //- /app/connections/acme/acme.params.iml.json
        [{ "name": "apiKey", "type": "password" }, { "type": "banner", "title": "x" }]
        "#,
        "/app/connections/acme/acme.params.iml.json",
        expect![[r#"
            params open_ended=false
              apiKey (name "apiKey") type=Some("password") label=None nested=false
        "#]],
    );
}

#[test]
fn whole_file_rpc_is_open_ended() {
    show_facts(
        "//- /app/modules/add/add.static-params.iml.json\n\"rpc://fields\"\n",
        "/app/modules/add/add.static-params.iml.json",
        expect![[r#"
            params open_ended=true
        "#]],
    );
}

#[test]
fn oauth2_connection_facts() {
    show_facts(
        r#"
        //- /app/connections/acme/acme.communication.iml.json
        {
          "authorize": {
            "url": "https://a.example/auth",
            "temp": { "verifier": "{{uuid}}" },
            "qs": { "redirect_uri": "{{oauth.localRedirectUri}}" },
            "response": { "temp": { "code": "{{query.code}}" } }
          },
          "token": {
            "url": "https://a.example/token",
            "body": { "redirect_uri": "{{oauth.redirectUri}}" },
            "response": { "data": { "accessToken": "{{body.access_token}}", "refreshToken": "{{body.refresh_token}}", "expires": "{{addSeconds(now, body.expires_in)}}" } }
          },
          "info": { "url": "https://a.example/me", "response": { "data": { "{{...}}": "{{body}}" } } }
        }
        "#,
        "/app/connections/acme/acme.communication.iml.json",
        expect![[r#"
            connection data_open=true expires=true refresh_token=true
              data accessToken "accessToken" in Some(Token) at token.response.data.accessToken
              data refreshToken "refreshToken" in Some(Token) at token.response.data.refreshToken
              data expires "expires" in Some(Token) at token.response.data.expires
              redirect localRedirectUri in Some(Authorize) at qs.redirect_uri (oauth.localRedirectUri)
              redirect redirectUri in Some(Token) at body.redirect_uri (oauth.redirectUri)
            temp Some("verifier") Some(Authorize) Some(2) request None RequestTemp verifier at authorize.temp.verifier
            temp Some("code") Some(Authorize) Some(2) request None ResponseTemp code at authorize.response.temp.code
        "#]],
    );
}

#[test]
fn common_data_keys() {
    show_facts(
        r#"
        //- /app/general/common.json
        { "clientId": "x", "clientSecret": "y", "limits": { "perPage": 100 } }
        "#,
        "/app/general/common.json",
        expect![[r#"
            common ["clientId", "clientSecret", "limits{perPage}"]
        "#]],
    );
}

const LINKED_APP: &str = r#"
//- /app/makecomapp.json
{ "fileVersion": 1, "generalCodeFiles": { "common": "general/common.json" }, "components": {
  "connection": { "acme": { "connectionType": "oauth", "codeFiles": {
     "communication": "connections/acme/acme.communication.iml.json",
     "params": "connections/acme/acme.params.iml.json",
     "common": "connections/acme/acme.common.json" } } },
  "module": { "listTasks": { "moduleType": "search", "connection": "acme", "codeFiles": {
     "communication": "modules/listTasks/listTasks.communication.iml.json",
     "staticParams": "modules/listTasks/listTasks.static-params.iml.json",
     "mappableParams": "modules/listTasks/listTasks.mappable-params.iml.json" } } } } }
//- /app/general/common.json
{ "appWide": 1 }
//- /app/connections/acme/acme.common.json
{ "clientId": "x" }
//- /app/connections/acme/acme.communication.iml.json
{ "token": { "url": "https://a/token", "response": { "data": { "accessToken": "{{body.t}}" } } } }
//- /app/connections/acme/acme.params.iml.json
[{ "name": "domain", "type": "text" }]
//- /app/modules/listTasks/listTasks.communication.iml.json
{ "url": "/tasks", "qs": { "q": "{{parameters.query}}" } }
//- /app/modules/listTasks/listTasks.static-params.iml.json
[{ "name": "project", "type": "text" }]
//- /app/modules/listTasks/listTasks.mappable-params.iml.json
[{ "name": "query", "type": "text" }]
"#;

#[test]
fn app_level_queries_follow_the_manifest() {
    let (host, _) = host_from(LINKED_APP);
    let analysis = host.snapshot();
    let module = Path::new("/app/modules/listTasks/listTasks.communication.iml.json");
    let connection = Path::new("/app/connections/acme/acme.communication.iml.json");
    let mut out = String::new();
    let params = visible_parameters(&analysis, module).unwrap();
    let names: Vec<&str> = params.params.iter().map(|(_, p)| p.path.as_str()).collect();
    writeln!(
        out,
        "module parameters {names:?} open={}",
        params.open_ended
    )
    .unwrap();
    let keys = connection_keys(&analysis, module).unwrap();
    let names: Vec<String> = keys
        .keys
        .iter()
        .map(|k| format!("{}:{:?}", k.name, k.source))
        .collect();
    writeln!(
        out,
        "module connection {:?} {names:?} open={}",
        keys.connections, keys.open_ended
    )
    .unwrap();
    let (file, common) = common_keys(&analysis, module).unwrap();
    let names: Vec<&str> = common.iter().map(|k| k.name.as_str()).collect();
    writeln!(out, "module common {} {names:?}", file.display()).unwrap();
    let (file, common) = common_keys(&analysis, connection).unwrap();
    let names: Vec<&str> = common.iter().map(|k| k.name.as_str()).collect();
    writeln!(out, "connection common {} {names:?}", file.display()).unwrap();
    let (file, data) = connection_data_keys(&analysis, connection).unwrap();
    let names: Vec<&str> = data.data_keys.iter().map(|k| k.name.as_str()).collect();
    writeln!(out, "connection data {} {names:?}", file.display()).unwrap();
    let params = visible_parameters(&analysis, connection).unwrap();
    let names: Vec<&str> = params.params.iter().map(|(_, p)| p.path.as_str()).collect();
    writeln!(out, "connection parameters {names:?}").unwrap();
    assert!(connection_data_keys(&analysis, module).is_none());
    expect![[r#"
        module parameters ["query", "project"] open=false
        module connection ["acme"] ["domain:Parameter", "accessToken:ResponseData"] open=false
        module common /app/general/common.json ["appWide"]
        connection common /app/connections/acme/acme.common.json ["clientId"]
        connection data /app/connections/acme/acme.communication.iml.json ["accessToken"]
        connection parameters ["domain"]
    "#]]
    .assert_eq(&out);
}

#[test]
fn facts_are_cached_per_file_version() {
    let (mut host, _) = host_from(LINKED_APP);
    let path = Path::new("/app/connections/acme/acme.params.iml.json");
    let first = facts(&host.snapshot(), path).unwrap();
    let again = facts(&host.snapshot(), path).unwrap();
    assert!(
        std::sync::Arc::ptr_eq(&first, &again),
        "same version, same facts"
    );
    host.set_file(
        path.to_path_buf(),
        r#"[{ "name": "region", "type": "text" }]"#.to_owned(),
    );
    let changed = facts(&host.snapshot(), path).unwrap();
    assert_eq!(changed.params.as_ref().unwrap().params[0].name, "region");
}

#[test]
fn nested_data_keys_and_temp_writes_with_their_paths() {
    show_facts(
        r#"
        //- /app/connections/acme/acme.communication.iml.json
        {
          "token": {
            "url": "https://a.example/token",
            "temp": { "pkce": { "verifier": "{{uuid}}" }, "{{...}}": "{{parameters}}" },
            "response": { "data": { "account": { "id": "{{body.id}}", "owner": { "name": "{{body.n}}" } } } }
          },
          "refresh": { "url": "https://a.example/token", "response": { "temp": "{{body}}" } }
        }
        "#,
        "/app/connections/acme/acme.communication.iml.json",
        expect![[r#"
            connection data_open=false expires=false refresh_token=false
              data account{id, owner{name}} "account" in Some(Token) at token.response.data.account
            temp Some("pkce") Some(Token) Some(3) request None RequestTemp pkce{verifier} at token.temp.pkce
            temp None Some(Token) Some(3) request None RequestTemp
            temp None Some(Refresh) None request None ResponseTemp
        "#]],
    );
}

#[test]
fn interface_fields_and_sample_keys() {
    show_facts(
        r#"
        //- /app/modules/add/add.interface.iml.json
        [{ "name": "id", "type": "uinteger" },
         { "name": "owner", "type": "collection", "spec": [{ "name": "email", "type": "email" }] }]
        "#,
        "/app/modules/add/add.interface.iml.json",
        expect![[r#"
            interface ["id", "owner", "owner.email"] open_ended=false
        "#]],
    );
    show_facts(
        r#"
        //- /app/modules/add/add.samples.iml.json
        [{ "id": 1, "owner": { "email": "a@b.c" } }, { "ignored": true }]
        "#,
        "/app/modules/add/add.samples.iml.json",
        expect![[r#"
            samples ["id at [0].id", "owner{email} at [0].owner"]
        "#]],
    );
}

#[test]
fn component_fields_samples_and_keys_below() {
    let (host, _) = host_from(
        r#"
        //- /app/makecomapp.json
        { "fileVersion": 1, "components": { "module": { "getTask": { "moduleType": "action", "codeFiles": {
            "communication": "modules/getTask/getTask.communication.iml.json",
            "interface": "modules/getTask/getTask.interface.iml.json",
            "samples": "modules/getTask/getTask.samples.iml.json" } } } } }
        //- /app/modules/getTask/getTask.communication.iml.json
        { "url": "/task" }
        //- /app/modules/getTask/getTask.interface.iml.json
        [{ "name": "owner", "type": "collection", "spec": [{ "name": "email", "type": "email" }] },
         { "name": "tags", "type": "array", "spec": [{ "name": "label", "type": "text" }] }]
        //- /app/modules/getTask/getTask.samples.iml.json
        { "owner": { "email": "a@b.c", "team": { "name": "x" } } }
        "#,
    );
    let analysis = host.snapshot();
    let file = Path::new("/app/modules/getTask/getTask.communication.iml.json");
    let fields = interface_fields(&analysis, file);
    let children = |parent: &[&str]| -> Vec<String> {
        fields
            .iter()
            .map(|(_, p): &(_, DeclaredParam)| p)
            .filter(|p| p.is_child_of(parent))
            .map(|p| p.path.clone())
            .collect()
    };
    assert_eq!(children(&[]), ["owner", "tags"]);
    assert_eq!(children(&["owner"]), ["owner.email"]);
    assert!(children(&["tags"]).is_empty(), "array items need an index");
    let samples = sample_keys(&analysis, file);
    assert_eq!(samples.len(), 1);
    let (_, keys) = &samples[0];
    let below = |path: &[&str]| -> Vec<String> {
        keys_below(keys, path)
            .iter()
            .map(|k| k.path.to_string())
            .collect()
    };
    assert_eq!(below(&[]), ["owner"]);
    assert_eq!(below(&["owner"]), ["owner.email", "owner.team"]);
    assert_eq!(below(&["owner", "team"]), ["owner.team.name"]);
    assert!(below(&["owner", "email"]).is_empty());
    assert!(below(&["nobody"]).is_empty());
}
