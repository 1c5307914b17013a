//! Parameter declarations of a parameter or interface file, followed through
//! `nested`, `options` and `spec` the way Make lifts them.

use iml_jsonc::{Member, Value, ValueKind};

use super::declared_params::{DeclaredParam, ParamFacts};
use crate::json::{as_str, get, get_str, members};

pub(super) fn param_facts(root: &Value) -> ParamFacts {
    let mut facts = ParamFacts::default();
    match &root.kind {
        ValueKind::String(_) => facts.open_ended = true,
        ValueKind::Array(items) => collect_params(items, "", false, &mut facts, 0),
        // Not a parameter list: nothing certain can be said about its names.
        _ => facts.open_ended = true,
    }
    facts
}

/// Parameters nest (spec, nested, options); deeper than this is not a real file.
const MAX_PARAM_DEPTH: usize = 32;

fn is_rpc(value: &Value) -> bool {
    as_str(value).is_some_and(|s| s.trim_start().starts_with("rpc://"))
}

fn collect_params(
    items: &[Value],
    prefix: &str,
    nested: bool,
    facts: &mut ParamFacts,
    depth: usize,
) {
    if depth > MAX_PARAM_DEPTH {
        facts.open_ended = true;
        return;
    }
    for item in items {
        match &item.kind {
            ValueKind::String(_) if is_rpc(item) => facts.open_ended = true,
            ValueKind::Object(_) => collect_param(item, prefix, nested, facts, depth),
            _ => {}
        }
    }
}

fn collect_param(param: &Value, prefix: &str, nested: bool, facts: &mut ParamFacts, depth: usize) {
    let name_member = members(param)
        .iter()
        .rev()
        .find(|member| member.key.decoded.as_str() == "name");
    let name_value = name_member.and_then(|member| member.value.as_ref());
    let name = name_value.and_then(as_str).map(str::to_owned);
    let param_type = get_str(param, "type").map(str::to_owned);
    if let Some(name) = &name {
        facts.params.push(DeclaredParam {
            name: name.clone(),
            path: format!("{prefix}{name}"),
            label: get_str(param, "label").map(str::to_owned),
            param_type: param_type.clone(),
            help: get_str(param, "help").map(str::to_owned),
            name_range: name_value.map(|value| value.range),
            key_range: name_member.map(|member: &Member| member.key.range),
            range: param.range,
            nested,
        });
    }
    // `nested` parameters appear beside their parent, at the same level.
    if let Some(value) = get(param, "nested") {
        collect_nested(value, prefix, facts, depth);
    }
    if let Some(options) = get(param, "options") {
        match &options.kind {
            ValueKind::Array(options) => {
                for option in options {
                    collect_option(option, prefix, facts, depth);
                    if let Some(group) = get(option, "options").and_then(array_items) {
                        for option in group {
                            collect_option(option, prefix, facts, depth);
                        }
                    }
                }
            }
            ValueKind::Object(_) => {
                if let Some(nested) = get(options, "nested") {
                    collect_nested(nested, prefix, facts, depth);
                }
                if let Some(store) = get(options, "store").and_then(array_items) {
                    for option in store {
                        collect_option(option, prefix, facts, depth);
                    }
                }
                if let Some(nested) = get(options, "placeholder").and_then(|p| get(p, "nested")) {
                    collect_nested(nested, prefix, facts, depth);
                }
            }
            _ => {}
        }
    }
    if let (Some(name), Some(spec)) = (&name, get(param, "spec")) {
        let child_prefix = match param_type.as_deref() {
            Some("array") => format!("{prefix}{name}[]."),
            _ => format!("{prefix}{name}."),
        };
        match &spec.kind {
            ValueKind::Array(children) => {
                let mut children_facts = ParamFacts::default();
                collect_params(
                    children,
                    &child_prefix,
                    false,
                    &mut children_facts,
                    depth + 1,
                );
                // Dynamic children only make the children unknown, not the top level.
                facts.params.extend(children_facts.params);
            }
            ValueKind::Object(_) => collect_param(spec, &child_prefix, false, facts, depth + 1),
            _ => {}
        }
    }
}

fn array_items(value: &Value) -> Option<&[Value]> {
    match &value.kind {
        ValueKind::Array(items) => Some(items),
        _ => None,
    }
}

fn collect_option(option: &Value, prefix: &str, facts: &mut ParamFacts, depth: usize) {
    if let Some(nested) = get(option, "nested") {
        collect_nested(nested, prefix, facts, depth);
    }
}

fn collect_nested(nested: &Value, prefix: &str, facts: &mut ParamFacts, depth: usize) {
    match &nested.kind {
        ValueKind::Array(items) => collect_params(items, prefix, true, facts, depth + 1),
        ValueKind::String(_) if is_rpc(nested) => facts.open_ended = true,
        ValueKind::Object(_) => match get(nested, "store") {
            Some(store) if is_rpc(store) => facts.open_ended = true,
            Some(store) => {
                if let Some(items) = array_items(store) {
                    collect_params(items, prefix, true, facts, depth + 1);
                }
            }
            None => {}
        },
        _ => {}
    }
}
