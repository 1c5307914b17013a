//! Parser limits: containers nested too deep stay out of the model, and
//! finished containers keep no spare capacity.

use super::*;
use crate::ValueKind;

fn keys(value: &Value) -> Vec<&str> {
    match &value.kind {
        ValueKind::Object(members) => members.iter().map(|m| m.key.decoded.as_str()).collect(),
        _ => Vec::new(),
    }
}

/// Members set aside inside a container too deep to model must not leak
/// into the containers around it.
#[test]
fn entries_of_too_deep_containers_stay_out_of_the_model() {
    let depth = MAX_MODEL_DEPTH + 2;
    let text = format!(
        r#"{{"outer": {}{{"lost", "gone": 1}}{}, "kept": 2}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let parsed = parse(&Arc::from(text.as_str()));
    let root = parsed.root.expect("a root object");
    assert_eq!(keys(&root), ["outer", "kept"]);
    let ValueKind::Object(members) = &root.kind else {
        unreachable!()
    };
    let mut inner = members[0].value.as_ref().expect("outer has a value");
    let mut levels = 0;
    while let ValueKind::Array(items) = &inner.kind {
        assert_eq!(items.len(), 1);
        inner = &items[0];
        levels += 1;
    }
    assert_eq!(levels, MAX_MODEL_DEPTH - 1);
    assert_eq!(inner.kind, ValueKind::Error);
}

#[test]
fn finished_containers_hold_no_spare_capacity() {
    let parsed = parse(&Arc::from(
        r#"{"a": [1, 2, 3], "b": {"c": 1, "d": 2, "e": 3}}"#,
    ));
    let root = parsed.root.expect("a root object");
    let ValueKind::Object(members) = &root.kind else {
        unreachable!()
    };
    assert_eq!(members.capacity(), 2);
    let Some(ValueKind::Array(items)) = members[0].value.as_ref().map(|v| &v.kind) else {
        unreachable!()
    };
    assert_eq!(items.capacity(), 3);
}
