//! File roles: local layouts by suffix, manifest-mapped and export layouts,
//! connection flavours from content, and paths the host does not hold.

use std::path::Path;

use expect_test::{Expect, expect};

use super::{host_from, show_role};

fn check(fixture: &str, expect: Expect) {
    let (host, _) = host_from(fixture);
    let analysis = host.snapshot();
    let mut out = String::new();
    for path in analysis.files() {
        out.push_str(&show_role(path, &analysis.role(path)));
        out.push('\n');
    }
    expect.assert_eq(&out);
}

#[test]
fn local_layout_by_suffix_without_manifest() {
    check(
        r#"
        //- /app/connections/acme/acme.oauth-communication.iml.json
        { "authorize": {}, "token": {} }
        //- /app/connections/acme/acme.params.iml.json
        []
        //- /app/connections/acme/acme.common.json
        {}
        //- /app/connections/acme/acme.scope-list.iml.json
        {}
        //- /app/connections/acme/acme.default-scope.iml.json
        []
        //- /app/connections/acme/acme.install-spec.iml.json
        []
        //- /app/connections/acme/acme.install-directives.iml.json
        {}
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        {}
        //- /app/modules/list-tasks/list-tasks.static-params.iml.json
        []
        //- /app/modules/list-tasks/list-tasks.mappable-params.iml.json
        []
        //- /app/modules/list-tasks/list-tasks.interface.iml.json
        []
        //- /app/modules/list-tasks/list-tasks.samples.iml.json
        {}
        //- /app/modules/list-tasks/list-tasks.scope.iml.json
        []
        //- /app/modules/watch/watch.epoch.iml.json
        {}
        //- /app/webhooks/hook/hook.attach.iml.json
        {}
        //- /app/webhooks/hook/hook.detach.iml.json
        {}
        //- /app/webhooks/hook/hook.update.iml.json
        {}
        //- /app/webhooks/hook/hook.required-scope.iml.json
        []
        //- /app/functions/sum/sum.code.js
        function sum(a, b) { return a + b; }
        //- /app/general/base.iml.json
        {}
        //- /app/general/common.json
        {}
        //- /app/modules/groups.json
        []
        //- /app/README.md
        # App
        "#,
        expect![[r#"
            /app/README.md => readme via FileName
            /app/connections/acme/acme.common.json => common [Connection acme] OAuth2 via FileName
            /app/connections/acme/acme.default-scope.iml.json => default-scope [Connection acme] OAuth2 via FileName
            /app/connections/acme/acme.install-directives.iml.json => install-directives [Connection acme] OAuth2 via FileName
            /app/connections/acme/acme.install-spec.iml.json => install-spec [Connection acme] OAuth2 via FileName
            /app/connections/acme/acme.oauth-communication.iml.json => communication [Connection acme] OAuth2 via FileName
            /app/connections/acme/acme.params.iml.json => params [Connection acme] OAuth2 via FileName
            /app/connections/acme/acme.scope-list.iml.json => scope-list [Connection acme] OAuth2 via FileName
            /app/functions/sum/sum.code.js => function-code [Function sum] via FileName
            /app/general/base.iml.json => base via FileName
            /app/general/common.json => common via FileName
            /app/modules/groups.json => groups via FileName
            /app/modules/list-tasks/list-tasks.communication.iml.json => communication [Module list-tasks] via FileName
            /app/modules/list-tasks/list-tasks.interface.iml.json => interface [Module list-tasks] via FileName
            /app/modules/list-tasks/list-tasks.mappable-params.iml.json => mappable-params [Module list-tasks] via FileName
            /app/modules/list-tasks/list-tasks.samples.iml.json => samples [Module list-tasks] via FileName
            /app/modules/list-tasks/list-tasks.scope.iml.json => scope [Module list-tasks] via FileName
            /app/modules/list-tasks/list-tasks.static-params.iml.json => static-params [Module list-tasks] via FileName
            /app/modules/watch/watch.epoch.iml.json => epoch [Module watch] via FileName
            /app/webhooks/hook/hook.attach.iml.json => attach [Webhook hook] via FileName
            /app/webhooks/hook/hook.detach.iml.json => detach [Webhook hook] via FileName
            /app/webhooks/hook/hook.required-scope.iml.json => required-scope [Webhook hook] via FileName
            /app/webhooks/hook/hook.update.iml.json => update [Webhook hook] via FileName
        "#]],
    );
}

#[test]
fn manifest_maps_renamed_files() {
    check(
        r#"
        //- /app/makecomapp.json
        {
          "fileVersion": 1,
          "generalCodeFiles": { "base": "src/base.iml.json", "common": null, "readme": "README.md", "groups": "src/groups.json" },
          "components": {
            "connection": {
              "acme": { "connectionType": "oauth", "codeFiles": {
                "communication": "src/conn/api.iml.json",
                "params": "src/conn/fields.iml.json",
                "common": "src/conn/secrets.json" } }
            },
            "module": {
              "listTasks": { "moduleType": "search", "connection": "acme", "codeFiles": {
                "communication": "src/list/api.iml.json",
                "staticParams": "src/list/parameters.iml.json",
                "mappableParams": "src/list/expect.iml.json",
                "scope": "src/list/scope.iml.json" } }
            },
            "webhook": { "hook": { "webhookType": "web-shared", "codeFiles": { "scope": "src/hook/s.iml.json" } } },
            "rpc": {}, "function": {}, "endpoint": {}
          },
          "origins": []
        }
        //- /app/src/base.iml.json
        {}
        //- /app/src/groups.json
        []
        //- /app/src/conn/api.iml.json
        { "oauth": { "consumer_key": "x" }, "requestToken": {}, "accessToken": {} }
        //- /app/src/conn/fields.iml.json
        []
        //- /app/src/conn/secrets.json
        {}
        //- /app/src/list/api.iml.json
        { "url": "/tasks" }
        //- /app/src/list/parameters.iml.json
        []
        //- /app/src/list/expect.iml.json
        []
        //- /app/src/list/scope.iml.json
        []
        //- /app/src/list/list.samples.iml.json
        {}
        //- /app/src/hook/s.iml.json
        []
        "#,
        expect![[r#"
            /app/makecomapp.json => manifest via FileName
            /app/src/base.iml.json => base via Manifest
            /app/src/conn/api.iml.json => communication [Connection acme] OAuth1 via Manifest
            /app/src/conn/fields.iml.json => params [Connection acme] OAuth1 via Manifest
            /app/src/conn/secrets.json => common [Connection acme] OAuth1 via Manifest
            /app/src/groups.json => groups via Manifest
            /app/src/hook/s.iml.json => required-scope [Webhook hook Shared] via Manifest
            /app/src/list/api.iml.json => communication [Module listTasks search] via Manifest
            /app/src/list/expect.iml.json => mappable-params [Module listTasks search] via Manifest
            /app/src/list/list.samples.iml.json => samples [Module listTasks search] via FileName
            /app/src/list/parameters.iml.json => static-params [Module listTasks search] via Manifest
            /app/src/list/scope.iml.json => scope [Module listTasks search] via Manifest
        "#]],
    );
}

#[test]
fn export_layout_with_metadata() {
    check(
        r#"
        //- /exp/metadata.json
        { "name": "acme", "label": "Acme", "version": 1 }
        //- /exp/base.imljson
        { "baseUrl": "https://api.example.com" }
        //- /exp/connections/acme-7/metadata.json
        { "name": "acme-7", "label": "Acme", "type": "oauth" }
        //- /exp/connections/acme-7/api.imljson
        { "authorize": { "url": "https://example.com/auth" }, "token": { "url": "https://example.com/token" } }
        //- /exp/connections/acme-7/parameters.imljson
        []
        //- /exp/connections/acme-7/scope.imljson
        []
        //- /exp/connections/acme-7/scopes.imljson
        {}
        //- /exp/modules/listTasks/metadata.json
        { "name": "listTasks", "type": 9, "connection": "acme-7" }
        //- /exp/modules/listTasks/api.imljson
        {}
        //- /exp/modules/listTasks/parameters.imljson
        []
        //- /exp/modules/listTasks/expect.imljson
        []
        //- /exp/modules/listTasks/scope.imljson
        []
        //- /exp/modules/watch/metadata.json
        { "name": "watch", "type": "trigger" }
        //- /exp/modules/watch/epoch.imljson
        {}
        //- /exp/webhooks/hook/metadata.json
        { "name": "hook", "type": "web" }
        //- /exp/webhooks/hook/scope.imljson
        []
        //- /exp/webhooks/hook/update.imljson
        {}
        //- /exp/rpcs/listProjects/api.imljson
        {}
        //- /exp/functions/sum/code.js
        function sum() {}
        "#,
        expect![[r#"
            /exp/base.imljson => base via FileName
            /exp/connections/acme-7/api.imljson => communication [Connection acme-7] OAuth2 via FileName
            /exp/connections/acme-7/metadata.json => export-metadata [Connection acme-7] OAuth2 via FileName
            /exp/connections/acme-7/parameters.imljson => params [Connection acme-7] OAuth2 via FileName
            /exp/connections/acme-7/scope.imljson => default-scope [Connection acme-7] OAuth2 via FileName
            /exp/connections/acme-7/scopes.imljson => scope-list [Connection acme-7] OAuth2 via FileName
            /exp/functions/sum/code.js => function-code [Function sum] via FileName
            /exp/metadata.json => export-metadata via FileName
            /exp/modules/listTasks/api.imljson => communication [Module listTasks search] via FileName
            /exp/modules/listTasks/expect.imljson => mappable-params [Module listTasks search] via FileName
            /exp/modules/listTasks/metadata.json => export-metadata [Module listTasks search] via FileName
            /exp/modules/listTasks/parameters.imljson => static-params [Module listTasks search] via FileName
            /exp/modules/listTasks/scope.imljson => scope [Module listTasks search] via FileName
            /exp/modules/watch/epoch.imljson => epoch [Module watch trigger] via FileName
            /exp/modules/watch/metadata.json => export-metadata [Module watch trigger] via FileName
            /exp/rpcs/listProjects/api.imljson => communication [Rpc listProjects] via FileName
            /exp/webhooks/hook/metadata.json => export-metadata [Webhook hook Dedicated] via FileName
            /exp/webhooks/hook/scope.imljson => required-scope [Webhook hook Dedicated] via FileName
            /exp/webhooks/hook/update.imljson => update [Webhook hook Dedicated] via FileName
        "#]],
    );
}

#[test]
fn connection_flavour_from_content() {
    check(
        r#"
        //- /a/connections/one/api.imljson
        { "requestToken": { "url": "https://example.com/rt" }, "authorize": {}, "accessToken": {} }
        //- /a/connections/two/api.imljson
        { "authorize": {}, "token": {}, "refresh": {} }
        //- /a/connections/three/api.imljson
        { "url": "https://example.com/me", "headers": { "x-api-key": "{{parameters.key}}" } }
        //- /a/connections/four/api.imljson
        [{ "url": "https://example.com/a" }, { "url": "https://example.com/b" }]
        //- /a/connections/five/api.imljson
        {}
        //- /b/api.imljson
        { "preauthorize": {}, "authorize": {}, "token": {} }
        //- /b/api-oauth.imljson
        { "authorize": {}, "token": {} }
        //- /c/api.imljson
        { "url": "/items" }
        "#,
        expect![[r#"
            /a/connections/five/api.imljson => communication [Connection five] Basic via FileName
            /a/connections/four/api.imljson => communication [Connection four] Basic via FileName
            /a/connections/one/api.imljson => communication [Connection one] OAuth1 via FileName
            /a/connections/three/api.imljson => communication [Connection three] Basic via FileName
            /a/connections/two/api.imljson => communication [Connection two] OAuth2 via FileName
            /b/api-oauth.imljson => communication [Connection connection] OAuth2 via Content
            /b/api.imljson => communication [Connection connection] OAuth2 via Content
            /c/api.imljson => communication via FileName
        "#]],
    );
}

#[test]
fn public_repository_variants() {
    check(
        r#"
        //- /r/modules/gen/gen.static-parameters.iml.json
        []
        //- /r/modules/gen/gen.mappable-parameters.iml.json
        []
        //- /r/modules/del/del.mappable.iml.json
        []
        //- /r/modules/person/search/search.parameters.iml.json
        []
        //- /r/modules/person/search/search.module.json
        { "name": "searchPersons", "moduleType": "search", "connection": "x" }
        //- /r/modules/get/api.iml.json
        {}
        //- /r/modules/get/meta.json
        { "typeId": 4, "label": "Get" }
        //- /r/app/module.makeApiCall.api.imljson
        {}
        //- /r/app/webhook.verdict.attach.imljson
        {}
        //- /r/app/connection.parameters.imljson
        []
        //- /h/connection/communication.json
        { "url": "https://example.com/me" }
        //- /h/modules/getThing/expect.json
        []
        //- /h/modules/web-search.json
        { "name": "webSearch" }
        //- /h/app.json
        {}
        //- /h/package.json
        {}
        //- /h/notes.json
        {}
        //- /h/parameters.json
        []
        //- /h/data.tsv
        a	b
        //- /h/scripts/build.js
        run();
        "#,
        expect![[r#"
            /h/app.json => unknown (HomeGrownAppDescriptor) via None
            /h/connection/communication.json => communication [Connection connection] Basic via FileName
            /h/data.tsv => unknown (NotASpecFile) via None
            /h/modules/getThing/expect.json => mappable-params [Module getThing] via FileName
            /h/modules/web-search.json => unknown (HomeGrownComponentFile) via None
            /h/notes.json => unknown (UnrecognisedName) via None
            /h/package.json => unknown (ToolManifest) via None
            /h/parameters.json => unknown (UnrecognisedName) via None
            /h/scripts/build.js => unknown (UnclaimedScriptOrText) via None
            /r/app/connection.parameters.imljson => params [Connection connection] via FileName
            /r/app/module.makeApiCall.api.imljson => communication [Module makeApiCall] via FileName
            /r/app/webhook.verdict.attach.imljson => attach [Webhook verdict] via FileName
            /r/modules/del/del.mappable.iml.json => mappable-params [Module del] via FileName
            /r/modules/gen/gen.mappable-parameters.iml.json => mappable-params [Module gen] via FileName
            /r/modules/gen/gen.static-parameters.iml.json => static-params [Module gen] via FileName
            /r/modules/get/api.iml.json => communication [Module get action] via FileName
            /r/modules/get/meta.json => export-metadata [Module get action] via FileName
            /r/modules/person/search/search.module.json => export-metadata [Module searchPersons search] via FileName
            /r/modules/person/search/search.parameters.iml.json => static-params [Module searchPersons search] via FileName
        "#]],
    );
}

#[test]
fn role_of_a_path_the_host_does_not_hold() {
    let (host, _) = host_from("//- /x/makecomapp.json\n{}\n");
    let role = host
        .snapshot()
        .role(Path::new("/x/connections/c/c.params.iml.json"));
    expect![[r#"/x/connections/c/c.params.iml.json => params [Connection c] via FileName"#]]
        .assert_eq(&show_role(
            Path::new("/x/connections/c/c.params.iml.json"),
            &role,
        ));
}

#[test]
fn every_iml_json_suffix_names_a_role() {
    check(
        r#"
        //- /app/modules/a/a.communication.iml.json
        {}
        //- /app/modules/b/b.communication.imljson
        {}
        //- /app/modules/c/c.communication.iml.jsonc
        {}
        "#,
        expect![[r#"
            /app/modules/a/a.communication.iml.json => communication [Module a] via FileName
            /app/modules/b/b.communication.imljson => communication [Module b] via FileName
            /app/modules/c/c.communication.iml.jsonc => communication [Module c] via FileName
        "#]],
    );
}

/// A file directly in `connections/` with no name a layout defines is a
/// connection's communication when its content is an OAuth flow, so every
/// connection rule runs on it; other such files stay home-grown descriptors.
#[test]
fn an_oauth_flow_directly_in_connections_is_that_connections_communication() {
    check(
        r#"
        //- /app/connections/acme.iml.json
        { "authorize": { "url": "https://x/auth" }, "token": { "url": "https://x/token" } }
        //- /app/connections/plain.iml.json
        { "url": "https://x/me" }
        //- /app/modules/list.iml.json
        { "authorize": { "url": "https://x/auth" }, "token": { "url": "https://x/token" } }
        "#,
        expect![[r#"
            /app/connections/acme.iml.json => communication [Connection acme] OAuth2 via Content
            /app/connections/plain.iml.json => unknown (HomeGrownComponentFile) via None
            /app/modules/list.iml.json => unknown (HomeGrownComponentFile) via None
        "#]],
    );
}
