//! The host applies the configuration: settings, then `iml-ls.toml`.

use std::path::{Path, PathBuf};

use iml_catalogue::Severity;

use crate::config::{RuleConfig, RuleLevel};
use crate::host::AnalysisHost;

const CONNECTION: &str = "/app/connections/cc/cc.oauth-communication.iml.json";

fn host() -> AnalysisHost {
    let mut host = AnalysisHost::new();
    host.set_file(
        PathBuf::from(CONNECTION),
        r#"{ "token": { "url": "https://auth.example.com/token", "body": { "grant_type": "client_credentials" } } }"#.to_owned(),
    );
    host
}

fn codes(host: &AnalysisHost, path: &str) -> Vec<(&'static str, Severity)> {
    host.snapshot()
        .diagnostics(Path::new(path))
        .iter()
        .map(|d| (d.code, d.severity))
        .collect()
}

#[test]
fn settings_then_the_app_file_decide_severities() {
    let mut host = host();
    assert!(codes(&host, CONNECTION).contains(&("C002", Severity::Warning)));

    let mut settings = RuleConfig::new();
    settings.set("C002", RuleLevel::On(Severity::Error));
    host.set_config(settings);
    assert!(codes(&host, CONNECTION).contains(&("C002", Severity::Error)));

    host.set_file(
        PathBuf::from("/app/iml-ls.toml"),
        "[rules]\nC002 = \"off\"\n".to_owned(),
    );
    assert!(
        !codes(&host, CONNECTION)
            .iter()
            .any(|(code, _)| *code == "C002")
    );
    let dependents = host.snapshot().dependents(Path::new("/app/iml-ls.toml"));
    assert_eq!(dependents, [PathBuf::from(CONNECTION)]);
}

#[test]
fn a_bad_config_file_is_reported_on_itself() {
    let mut host = host();
    host.set_file(
        PathBuf::from("/app/iml-ls.toml"),
        "[rules]\nC002 = \"loud\"\nX999 = \"off\"\n".to_owned(),
    );
    let found: Vec<String> = host
        .snapshot()
        .diagnostics(Path::new("/app/iml-ls.toml"))
        .iter()
        .map(|d| format!("{} {:?} {:?}", d.code, d.severity, d.range))
        .collect();
    assert_eq!(found, ["F004 Error 15..21", "F004 Error 22..26"]);
    assert!(codes(&host, CONNECTION).contains(&("C002", Severity::Warning)));
}

#[test]
fn rules_off_by_default_fire_once_turned_on() {
    let module_params = "/app/modules/m/m.static-params.iml.json";
    let connection_params = "/app/connections/cc/cc.params.iml.json";
    let rpc = "/app/rpcs/r/r.communication.iml.json";
    let mut host = AnalysisHost::new();
    host.set_file(
        PathBuf::from(rpc),
        r#"{ "url": "https://api.example.com/items/1/archive", "method": "POST", "response": { "output": "{{body}}" } }"#.to_owned(),
    );
    host.set_file(
        PathBuf::from(module_params),
        r#"[{ "name": "limit", "type": "uinteger", "editable": true }]"#.to_owned(),
    );
    host.set_file(
        PathBuf::from(connection_params),
        r#"[{ "name": "teamID", "type": "text" }]"#.to_owned(),
    );
    let has = |host: &AnalysisHost, path: &str, code: &str| {
        codes(host, path).iter().any(|(found, _)| *found == code)
    };
    assert!(has(&host, module_params, "P012") && !has(&host, module_params, "C016"));
    assert!(has(&host, connection_params, "C015") && !has(&host, connection_params, "P014"));
    assert!(!has(&host, rpc, "R024"));

    host.set_file(
        PathBuf::from("/app/iml-ls.toml"),
        "[rules]\nC016 = \"hint\"\nP014 = \"warning\"\nR024 = \"hint\"\n".to_owned(),
    );
    assert!(codes(&host, module_params).contains(&("C016", Severity::Hint)));
    assert!(codes(&host, connection_params).contains(&("P014", Severity::Warning)));
    assert!(codes(&host, rpc).contains(&("R024", Severity::Hint)));
}
