//! Signature help inside IML function calls: the label, the parameter ranges
//! and which parameter the cursor is on.

use expect_test::{Expect, expect};
use iml_fixture::apps::{ACME_MANIFEST, join};

use super::load;

fn check(body: &str, expect: Expect) {
    let file = format!("//- /app/modules/list-tasks/list-tasks.communication.iml.json\n{body}\n");
    let (analysis, path, offset) = load(&join(&[ACME_MANIFEST, &file]));
    let rendered = match analysis.signature_help(&path, offset) {
        Some(help) => {
            let params: Vec<&str> = help
                .parameters
                .iter()
                .map(|r| &help.label[usize::from(r.start())..usize::from(r.end())])
                .collect();
            format!(
                "{}\nparams: {:?}\nactive: {:?}",
                help.label, params, help.active_parameter
            )
        }
        None => "no signature".to_owned(),
    };
    expect.assert_eq(&rendered);
}

#[test]
fn active_parameter_follows_commas() {
    check(
        r#"{ "url": "{{addDays(now, $0)}}" }"#,
        expect![[r#"
        addDays(date, n): date
        params: ["date", "n"]
        active: Some(1)"#]],
    );
    check(
        r#"{ "url": "{{formatDate(now, 'YYYY', $0" }"#,
        expect![[r#"
        formatDate(date, format, [timezone]): text
        params: ["date", "format", "[timezone]"]
        active: Some(2)"#]],
    );
}

#[test]
fn variadic_parameter_stays_active() {
    check(
        r#"{ "url": "{{merge(a, b, c, $0)}}" }"#,
        expect![[r#"
        merge(array…): array
        params: ["array…"]
        active: Some(0)"#]],
    );
}

#[test]
fn past_the_last_parameter() {
    check(
        r#"{ "url": "{{lower(a, $0)}}" }"#,
        expect![[r#"
        lower(text): text
        params: ["text"]
        active: None"#]],
    );
}

#[test]
fn innermost_call_and_custom_function() {
    check(
        r#"{ "url": "{{join(split(x, $0), ',')}}" }"#,
        expect![[r#"
        split(text, separator): array
        params: ["text", "separator"]
        active: Some(1)"#]],
    );
    check(
        r#"{ "url": "{{formatDue($0)}}" }"#,
        expect![[r#"
        formatDue(…)
        params: []
        active: None"#]],
    );
    check(
        r#"{ "url": "{{addDays(now, 1)}} $0" }"#,
        expect!["no signature"],
    );
}

#[test]
fn label_matches_the_catalogue_signature() {
    for function in iml_catalogue::functions() {
        let help = super::super::signature::builtin_for_tests(function);
        assert_eq!(help, function.signature());
    }
}
