//! The public entry points: typing rules, variables, stubs, the clock.

use iml_eval::{Env, Value, evaluate, evaluate_json, implemented, to_json};
use serde_json::json;

fn env() -> Env {
    Env::new()
        .with_now("2024-03-15T10:30:00Z".parse().unwrap())
        .with_var(
            "parameters",
            &json!({"name": "make", "n": 2, "list": [1, 2, 3]}),
        )
}

fn eval(text: &str) -> serde_json::Value {
    let value = evaluate(text, &env()).unwrap_or_else(|e| panic!("{text}: {}", e.message));
    to_json(&value)
}

#[test]
fn lone_expression_keeps_its_type_interpolation_makes_text() {
    assert_eq!(eval("{{parameters.n}}"), json!(2));
    assert_eq!(eval("n={{parameters.n}}"), json!("n=2"));
    assert_eq!(eval("{{parameters.list}}"), json!([1, 2, 3]));
    assert_eq!(eval("{{parameters.list}}!"), json!("1,2,3!"));
    assert_eq!(eval("plain"), json!("plain"));
    assert_eq!(eval("{{upper('make')}}"), json!("MAKE"));
}

#[test]
fn operators_follow_javascript() {
    assert_eq!(eval("{{1 + 2 * 3}}"), json!(7));
    assert_eq!(eval("{{'a' + 1}}"), json!("a1"));
    assert_eq!(eval("{{parameters.n > 1 && 'big'}}"), json!("big"));
    assert_eq!(
        eval("{{parameters.missing || 'fallback'}}"),
        json!("fallback")
    );
    assert_eq!(eval("{{'1' == 1}}"), json!(false));
    assert_eq!(eval("{{!emptystring}}"), json!(true));
    assert_eq!(eval("{{parameters.list[1]}}"), json!(1));
    assert_eq!(eval("{{parameters.list[-1]}}"), json!(3));
}

#[test]
fn now_and_dates() {
    assert_eq!(eval("{{now}}"), json!("2024-03-15T10:30:00.000Z"));
    assert_eq!(
        eval("{{addDays(now, 30)}}"),
        json!("2024-04-14T10:30:00.000Z")
    );
    assert_eq!(
        eval("{{formatDate(now, 'YYYY-MM-DD HH:mm')}}"),
        json!("2024-03-15 10:30")
    );
    let prague = env().with_timezone("Europe/Prague").unwrap();
    let v = evaluate("{{formatDate(now, 'HH:mm Z')}}", &prague).unwrap();
    assert_eq!(to_json(&v), json!("11:30 +01:00"));
}

#[test]
fn custom_functions_are_unknown_unless_stubbed() {
    let v = evaluate("{{upper(sign(parameters.name))}}", &env()).unwrap();
    assert_eq!(
        v.unknown_input().map(|u| u.input.as_str()),
        Some("custom function `sign`")
    );
    let mut stubbed = env();
    stubbed.stub_function("sign", &json!("signed"));
    let v = evaluate("{{upper(sign(parameters.name))}}", &stubbed).unwrap();
    assert_eq!(to_json(&v), json!("SIGNED"));
    stubbed.stub_function_with("twice", |args| {
        Ok(Value::Text(iml_eval::to_text(&args[0]).repeat(2)))
    });
    let v = evaluate("{{twice('ab')}}", &stubbed).unwrap();
    assert_eq!(to_json(&v), json!("abab"));
}

#[test]
fn misuse_is_an_error_with_a_range() {
    let error = evaluate("x {{addDays('soon', 1)}}", &env()).unwrap_err();
    assert!(error.message.contains("not a date"), "{}", error.message);
    assert_eq!(u32::from(error.range.start()), 4);
    let error = evaluate("{{upper()}}", &env()).unwrap_err();
    assert!(error.message.contains("takes"), "{}", error.message);
}

#[test]
fn json_trees_spread_keys() {
    let tree = json!({"a": "{{parameters.n}}", "{{...}}": "{{omit(parameters, 'list')}}"});
    let v = evaluate_json(&tree, &env()).unwrap();
    assert_eq!(to_json(&v), json!({"a": 2, "name": "make", "n": 2}));
}

#[test]
fn every_catalogue_function_is_implemented() {
    let missing: Vec<&str> = iml_catalogue::functions()
        .iter()
        .map(|f| f.name)
        .filter(|name| !implemented(name))
        .collect();
    assert!(missing.is_empty(), "not implemented: {missing:?}");
}

#[test]
fn budget_stops_runaway_work() {
    let mut small = env();
    small.budget.max_steps = 50;
    let text = format!("{{{{{}1}}}}", "1 + ".repeat(100));
    let error = evaluate(&text, &small).unwrap_err();
    assert!(error.message.contains("steps"), "{}", error.message);
}
