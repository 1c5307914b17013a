//! The JSON schemas: valid draft-07, names that round-trip, and agreement with
//! the example files and the catalogue.

use std::path::{Path, PathBuf};

use expect_test::expect_file;
use iml_catalogue::ModuleType;
use serde_json::{Value, json};

use super::{SchemaKind, schema};

fn validator(kind: SchemaKind) -> jsonschema::Validator {
    jsonschema::draft7::new(&schema(kind))
        .unwrap_or_else(|e| panic!("{} is not a valid draft-07 schema: {e}", kind.name()))
}

/// Error messages of validating `instance`, empty when it is accepted.
fn errors(kind: SchemaKind, instance: &Value) -> Vec<String> {
    validator(kind)
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn parse_jsonc(text: &str) -> Value {
    let stripped = json_comments::StripComments::new(text.as_bytes());
    serde_json::from_reader(stripped).expect("example files are valid JSONC")
}

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/acme-tasks")
}

/// The kinds a file of the sample app is checked against, by its place in
/// the sample's layout.
fn kinds_of(relative: &str) -> Vec<SchemaKind> {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    if name.ends_with(".oauth-communication.iml.json") {
        vec![SchemaKind::OAuth2Communication]
    } else if name.ends_with(".communication.iml.json") && relative.starts_with("modules/") {
        vec![
            SchemaKind::ModuleCommunication,
            SchemaKind::ModuleTypeCommunication(ModuleType::Search),
        ]
    } else if name.ends_with(".communication.iml.json") && relative.starts_with("rpcs/") {
        vec![SchemaKind::RpcCommunication]
    } else if name == "base.iml.json" {
        vec![SchemaKind::Base]
    } else if [
        ".params.iml.json",
        ".static-params.iml.json",
        ".mappable-params.iml.json",
        ".interface.iml.json",
    ]
    .iter()
    .any(|suffix| name.ends_with(suffix))
    {
        vec![SchemaKind::Parameters]
    } else {
        Vec::new()
    }
}

fn example_files(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            example_files(&path, root, out);
        } else if let Ok(relative) = path.strip_prefix(root) {
            out.push((relative.to_string_lossy().replace('\\', "/"), path));
        }
    }
}

#[test]
fn every_schema_is_valid_draft_07() {
    let meta = jsonschema::draft7::meta::validator();
    for kind in SchemaKind::all() {
        let schema = schema(kind);
        let problems: Vec<String> = meta.iter_errors(&schema).map(|e| e.to_string()).collect();
        assert!(problems.is_empty(), "{}: {problems:?}", kind.name());
        validator(kind);
    }
}

#[test]
fn kind_names_round_trip_and_are_unique() {
    let kinds = SchemaKind::all();
    for kind in &kinds {
        assert_eq!(SchemaKind::from_name(&kind.name()), Some(*kind));
    }
    assert_eq!(
        SchemaKind::from_name("instant-trigger-communication"),
        Some(SchemaKind::ModuleTypeCommunication(
            ModuleType::InstantTrigger
        ))
    );
    assert_eq!(SchemaKind::from_name("oauth3-communication"), None);
    let mut names: Vec<String> = kinds.iter().map(|k| k.name()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), kinds.len());
}

/// `value` with object keys sorted, so the snapshot does not depend on
/// whether serde_json keeps insertion order in this build.
fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted(&map[k])))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

#[test]
fn oauth2_communication_snapshot() {
    let schema = sorted(&schema(SchemaKind::OAuth2Communication));
    let text = serde_json::to_string_pretty(&schema).unwrap();
    expect_file!["snapshots/oauth2-communication.schema.json"].assert_eq(&(text + "\n"));
}

#[test]
fn sample_app_files_are_accepted() {
    let root = examples_dir();
    let mut files = Vec::new();
    example_files(&root, &root, &mut files);
    files.sort();
    let mut checked = 0;
    for (relative, path) in &files {
        let kinds = kinds_of(relative);
        if kinds.is_empty() {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let instance = parse_jsonc(&text);
        for kind in kinds {
            let problems = errors(kind, &instance);
            assert!(
                problems.is_empty(),
                "{relative} against {}: {problems:#?}",
                kind.name()
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 5,
        "only {checked} sample files were checked: {files:?}"
    );
}

#[test]
fn oauth2_rejects_unknown_sections_keys_and_literals() {
    let unknown_section = json!({ "authorise": { "url": "https://a.example" } });
    assert!(!errors(SchemaKind::OAuth2Communication, &unknown_section).is_empty());

    let pagination_in_connection = json!({
        "token": { "url": "https://a.example/token", "pagination": { "condition": true } }
    });
    assert!(!errors(SchemaKind::OAuth2Communication, &pagination_in_connection).is_empty());

    let bad_body_type = json!({ "token": { "url": "https://a.example/token", "type": "jsn" } });
    assert!(!errors(SchemaKind::OAuth2Communication, &bad_body_type).is_empty());
    // The method set is open in the catalogue: other verbs are suggested, not rejected.
    let other_method = json!({ "token": { "url": "https://a.example/token", "method": "HEAD" } });
    assert!(errors(SchemaKind::OAuth2Communication, &other_method).is_empty());

    let missing_url = json!({ "info": { "method": "GET" } });
    assert!(!errors(SchemaKind::OAuth2Communication, &missing_url).is_empty());

    let oauth1_section = json!({ "requestToken": { "url": "https://a.example/rt" } });
    assert!(!errors(SchemaKind::OAuth2Communication, &oauth1_section).is_empty());
    assert!(errors(SchemaKind::OAuth1Communication, &oauth1_section).is_empty());
}

#[test]
fn iml_strings_stand_in_for_literals() {
    let module = json!({
        "url": "/tasks",
        "method": "{{parameters.method}}",
        "encodeUrl": false,
        "response": {
            "limit": "{{parameters.limit}}",
            "type": { "2**": "json", "*": "{{parameters.format}}" },
            "valid": "{{body.ok}}",
            "error": { "message": "{{body.error}}", "404": { "message": "Not found" } }
        }
    });
    let problems = errors(SchemaKind::ModuleCommunication, &module);
    // `2**` is not a status pattern: exactly that key is reported.
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].contains("2**"), "{problems:#?}");

    let limit_as_text = json!({ "url": "/tasks", "response": { "limit": "ten" } });
    assert!(!errors(SchemaKind::ModuleCommunication, &limit_as_text).is_empty());
    let encode_url_as_iml = json!({ "url": "/tasks", "encodeUrl": "{{true}}" });
    assert!(!errors(SchemaKind::ModuleCommunication, &encode_url_as_iml).is_empty());
}

#[test]
fn module_types_differ_where_the_catalogue_says() {
    let with_trigger = json!({
        "url": "/tasks",
        "response": { "trigger": { "type": "id", "order": "desc", "id": "{{item.id}}" } }
    });
    let trigger = SchemaKind::ModuleTypeCommunication(ModuleType::Trigger);
    let action = SchemaKind::ModuleTypeCommunication(ModuleType::Action);
    assert!(errors(trigger, &with_trigger).is_empty());
    assert!(!errors(action, &with_trigger).is_empty());
    assert!(errors(SchemaKind::ModuleCommunication, &with_trigger).is_empty());

    // Polling triggers need a URL; actions may be request-less.
    let static_output = json!({ "response": { "output": { "ok": true } } });
    assert!(!errors(trigger, &static_output).is_empty());
    assert!(errors(action, &static_output).is_empty());

    let two_requests = json!([{ "url": "/a" }, { "url": "/b", "method": "PUT" }]);
    assert!(errors(action, &two_requests).is_empty());
}

#[test]
fn empty_files_are_accepted_where_make_creates_them() {
    for kind in [
        SchemaKind::OAuth2Communication,
        SchemaKind::BasicCommunication,
        SchemaKind::Base,
    ] {
        assert!(errors(kind, &json!({})).is_empty(), "{}", kind.name());
    }
    assert!(errors(SchemaKind::Parameters, &json!([])).is_empty());
}

#[test]
fn parameters_closed_keys_required_names_and_types() {
    let good = json!([
        { "name": "status", "type": "select", "options": [
            { "label": "Open", "value": "open", "nested": [{ "name": "since", "type": "date" }] }
        ] },
        { "type": "banner", "title": "Heads up", "text": "Read this." },
        "rpc://moreFields",
        { "name": "project", "type": "text", "rpc": { "label": "Search", "url": "rpc://find" } }
    ]);
    let problems = errors(SchemaKind::Parameters, &good);
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(errors(SchemaKind::Parameters, &json!("rpc://fields")).is_empty());

    let no_name = json!([{ "type": "text" }]);
    assert!(!errors(SchemaKind::Parameters, &no_name).is_empty());
    let bad_type = json!([{ "name": "a", "type": "Text" }]);
    assert!(!errors(SchemaKind::Parameters, &bad_type).is_empty());
    let unknown_key = json!([{ "name": "a", "type": "text", "placeholder": "x" }]);
    assert!(!errors(SchemaKind::Parameters, &unknown_key).is_empty());
    let option_without_value =
        json!([{ "name": "a", "type": "select", "options": [{ "label": "A" }] }]);
    assert!(!errors(SchemaKind::Parameters, &option_without_value).is_empty());
    let plain_string = json!(["moreFields"]);
    assert!(!errors(SchemaKind::Parameters, &plain_string).is_empty());
}

#[test]
fn descriptions_come_from_the_catalogue() {
    let schema = schema(SchemaKind::OAuth2Communication);
    let token = &schema["properties"]["token"]["description"];
    let expected = iml_catalogue::section(iml_catalogue::OAuthFlavour::OAuth2, "token")
        .map(|s| s.doc)
        .unwrap();
    assert_eq!(token, expected);
    let method = &schema["definitions"]["request_ConnectionOAuth2"]["properties"]["method"];
    assert_eq!(
        method["description"],
        iml_catalogue::directive("method").unwrap().doc
    );
    assert_eq!(method["default"], "GET");
}

#[test]
fn broken_sample_file_is_rejected() {
    // The sample OAuth communication with a misspelt directive and a bad enum literal.
    let path =
        examples_dir().join("connections/acme-oauth/acme-oauth.oauth-communication.iml.json");
    let text = std::fs::read_to_string(path).unwrap();
    let mut instance = parse_jsonc(&text);
    instance["token"]["methd"] = json!("POST");
    instance["info"]["response"]["metadata"]["type"] = json!("mail");
    let problems = errors(SchemaKind::OAuth2Communication, &instance);
    assert!(
        problems.iter().any(|p| p.contains("methd")),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("/info/response/metadata/type")),
        "{problems:#?}"
    );
}

#[test]
fn file_match_covers_every_iml_json_suffix() {
    assert_eq!(
        SchemaKind::Base.file_match(),
        ["base.iml.json", "base.imljson", "base.iml.jsonc"]
    );
    assert!(
        SchemaKind::ModuleTypeCommunication(ModuleType::Action)
            .file_match()
            .is_empty()
    );
}
