//! Inlay hints: the redirect URI a value stands for, and the parameter names
//! of function arguments.

use std::path::Path;

use expect_test::{Expect, expect};
use iml_fixture::apps::ACME_APP;

use super::snapshot;
use crate::ide::InlayHintsConfig;

fn check(fixture: &str, file: &str, config: InlayHintsConfig, expect: Expect) {
    let (analysis, _) = snapshot(fixture);
    let file = Path::new(file);
    let text = analysis.file_text(file).unwrap();
    let out: String = analysis
        .inlay_hints(file, None, &config)
        .iter()
        .map(|hint| {
            let at = usize::from(hint.offset);
            let before: String = text[..at]
                .chars()
                .rev()
                .take(12)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            format!("{:?} {:?} after {before:?}\n", hint.kind, hint.label)
        })
        .collect();
    expect.assert_eq(&out);
}

#[test]
fn redirect_uri_value() {
    check(
        ACME_APP,
        "/app/connections/acme/acme.oauth-communication.iml.json",
        InlayHintsConfig {
            redirect_uris: true,
            parameter_names: false,
        },
        expect![[r#"
            Value "= https://www.make.com/oauth/cb/app" after "lRedirectUri"
        "#]],
    );
}

#[test]
fn parameter_names_of_arguments() {
    let fixture = r#"
        //- /app/modules/m/m.communication.iml.json
        { "qs": { "since": "{{formatDate(addDays(now, 1), 'YYYY')}}", "n": "{{ceil(1.5)}}", "d": "{{addDays(parameters.date, 2)}}" } }
        "#;
    check(
        fixture,
        "/app/modules/m/m.communication.iml.json",
        InlayHintsConfig::default(),
        expect![[r#"
            Parameter "date:" after "{formatDate("
            Parameter "date:" after "ate(addDays("
            Parameter "n:" after "ddDays(now, "
            Parameter "format:" after "ys(now, 1), "
            Parameter "n:" after "eters.date, "
        "#]],
    );
    check(
        fixture,
        "/app/modules/m/m.communication.iml.json",
        InlayHintsConfig {
            redirect_uris: true,
            parameter_names: false,
        },
        expect![""],
    );
}
