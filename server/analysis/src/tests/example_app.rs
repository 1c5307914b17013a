//! The sample app under `examples/acme-tasks` must stay clean and fully understood.

use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};

use expect_test::expect;

use super::show_role;
use crate::host::AnalysisHost;

fn load(dir: &Path, host: &mut AnalysisHost) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            load(&path, host);
        } else {
            host.set_file(path.clone(), fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn sample_app_is_clean_and_every_file_has_a_role() {
    let root: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "..",
        "examples",
        "acme-tasks",
    ]
    .iter()
    .collect();
    let root = fs::canonicalize(root).unwrap();
    let mut host = AnalysisHost::new();
    load(&root, &mut host);
    let analysis = host.snapshot();
    let mut out = String::new();
    for path in analysis.files() {
        let relative = Path::new("/").join(path.strip_prefix(&root).unwrap());
        writeln!(out, "{}", show_role(&relative, &analysis.role(path))).unwrap();
        for diagnostic in analysis.diagnostics(path) {
            writeln!(out, "  {} {}", diagnostic.code, diagnostic.message).unwrap();
        }
    }
    let module = root.join("modules/list-tasks/list-tasks.communication.iml.json");
    writeln!(out, "rpcs: {:?}", analysis.rpc_names(&module)).unwrap();
    let linked = analysis.linked_connection(&module).map(|c| c.id.as_str());
    writeln!(out, "module connection: {linked:?}").unwrap();
    expect![[r#"
        /README.md => readme via Manifest
        /connections/acme-oauth/acme-oauth.common.json => common [Connection acme-oauth] OAuth2 via Manifest
        /connections/acme-oauth/acme-oauth.default-scope.iml.json => default-scope [Connection acme-oauth] OAuth2 via Manifest
        /connections/acme-oauth/acme-oauth.oauth-communication.iml.json => communication [Connection acme-oauth] OAuth2 via Manifest
        /connections/acme-oauth/acme-oauth.params.iml.json => params [Connection acme-oauth] OAuth2 via Manifest
        /connections/acme-oauth/acme-oauth.scope-list.iml.json => scope-list [Connection acme-oauth] OAuth2 via Manifest
        /connections/acme-oauth/acme-oauth.tests.iml.json => spec-test via FileName
        /general/base.iml.json => base via Manifest
        /general/common.json => common via Manifest
        /makecomapp.json => manifest via FileName
        /modules/groups.json => groups via Manifest
        /modules/list-tasks/list-tasks.communication.iml.json => communication [Module listTasks search] via Manifest
        /modules/list-tasks/list-tasks.interface.iml.json => interface [Module listTasks search] via Manifest
        /modules/list-tasks/list-tasks.mappable-params.iml.json => mappable-params [Module listTasks search] via Manifest
        /modules/list-tasks/list-tasks.samples.iml.json => samples [Module listTasks search] via Manifest
        /modules/list-tasks/list-tasks.scope.iml.json => scope [Module listTasks search] via Manifest
        /modules/list-tasks/list-tasks.static-params.iml.json => static-params [Module listTasks search] via Manifest
        /modules/list-tasks/list-tasks.tests.iml.json => spec-test via FileName
        /modules/make-api-call/make-api-call.communication.iml.json => communication [Module makeApiCall universal] via Manifest
        /modules/make-api-call/make-api-call.interface.iml.json => interface [Module makeApiCall universal] via Manifest
        /modules/make-api-call/make-api-call.mappable-params.iml.json => mappable-params [Module makeApiCall universal] via Manifest
        /modules/make-api-call/make-api-call.tests.iml.json => spec-test via FileName
        /rpcs/list-projects/list-projects.communication.iml.json => communication [Rpc listProjects] via Manifest
        /rpcs/list-projects/list-projects.params.iml.json => params [Rpc listProjects] via Manifest
        /rpcs/list-projects/list-projects.tests.iml.json => spec-test via FileName
        rpcs: ["listProjects"]
        module connection: Some("acme-oauth")
    "#]]
    .assert_eq(&out);
}
