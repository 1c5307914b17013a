//! The schema of parameters files: an array of parameter objects (or
//! `rpc://` references), or one `rpc://` reference.

use iml_catalogue::parameters::{
    CONVERT_KEYS, EDITABLE_OBJECT_KEYS, MAPPABLE_OBJECT_KEYS, NESTED_OBJECT_KEYS,
    OPTION_GROUP_KEYS, OPTIONS_OBJECT_KEYS, PLACEHOLDER_KEYS, ParamKey, RPC_KEYS,
    SELECT_OPTION_KEYS,
};
use iml_catalogue::{parameter_keys, parameter_type};
use serde_json::{Map, Value, json};

use super::request::{Definitions, reference};
use super::values::{any_of, closed_object, describe, enumerated};

/// An RPC reference that stands for a list of parameters or options.
fn rpc_reference() -> Value {
    json!({ "type": "string", "pattern": "^rpc://" })
}

pub fn parameters_file(defs: &mut Definitions) -> Value {
    let list = parameter_list(defs);
    any_of(vec![list, rpc_reference()])
}

fn parameter_list(defs: &mut Definitions) -> Value {
    const NAME: &str = "parameterList";
    if !defs.contains(NAME) {
        defs.reserve(NAME);
        let parameter = parameter(defs);
        let list = json!({
            "type": "array",
            "items": any_of(vec![parameter, rpc_reference()]),
        });
        defs.insert(NAME, list);
    }
    reference(NAME)
}

/// Parameters in any of the forms `nested` accepts: a list, an RPC, or `{store, domain}`.
fn nested_parameters(defs: &mut Definitions) -> Value {
    let list = parameter_list(defs);
    let object = key_object(defs, NESTED_OBJECT_KEYS);
    any_of(vec![list, rpc_reference(), object])
}

fn parameter(defs: &mut Definitions) -> Value {
    const NAME: &str = "parameter";
    if !defs.contains(NAME) {
        defs.reserve(NAME);
        let mut properties = Map::new();
        for key in parameter_keys() {
            let value = parameter_value(defs, key);
            properties.insert(key.name.into(), describe(value, key.doc, key.default));
        }
        let required: Vec<String> = parameter_keys()
            .iter()
            .filter(|k| k.required)
            .map(|k| k.name.to_owned())
            .collect();
        let mut schema = closed_object(properties, Vec::new());
        // Banners are the one type that carries no `name` (they show `title` and `text`).
        match parameter_type("banner") {
            Some(banner) => {
                let without_name: Vec<&String> =
                    required.iter().filter(|k| k.as_str() != "name").collect();
                schema["required"] = json!(without_name);
                schema["if"] = json!({
                    "properties": { "type": { "const": banner.name } },
                    "required": ["type"],
                });
                schema["else"] = json!({ "required": required });
            }
            None => schema["required"] = json!(required),
        }
        defs.insert(NAME, schema);
    }
    reference(NAME)
}

/// The value schema of a parameter key. Keys with a sub-object key set in the
/// catalogue get that closed object; enumerated keys their literals; the rest
/// is left open (a default may be of any type, `spec` depends on the type).
fn parameter_value(defs: &mut Definitions, key: &ParamKey) -> Value {
    if let Some(id) = key.values {
        return enumerated(id, true);
    }
    match key.name {
        "nested" => nested_parameters(defs),
        "rpc" => key_object(defs, RPC_KEYS),
        "mappable" => any_of(vec![
            json!({ "type": "boolean" }),
            key_object(defs, MAPPABLE_OBJECT_KEYS),
        ]),
        "editable" => any_of(vec![
            json!({ "type": "boolean" }),
            key_object(defs, EDITABLE_OBJECT_KEYS),
        ]),
        "convert" => key_object(defs, CONVERT_KEYS),
        "options" => options(defs),
        "spec" => {
            // Collection: a list of parameters; array: one parameter or a list; select: a conversion.
            let list = parameter_list(defs);
            any_of(vec![list, json!({ "type": "object" })])
        }
        _ => json!({}),
    }
}

/// The four forms of `options`: a list of options (or of option groups), an
/// RPC, or the `{store, …}` object.
fn options(defs: &mut Definitions) -> Value {
    const NAME: &str = "options";
    if !defs.contains(NAME) {
        defs.reserve(NAME);
        let option = key_object(defs, SELECT_OPTION_KEYS);
        let group = key_object(defs, OPTION_GROUP_KEYS);
        let object = key_object(defs, OPTIONS_OBJECT_KEYS);
        let schema = any_of(vec![
            json!({ "type": "array", "items": any_of(vec![option, group]) }),
            rpc_reference(),
            object,
        ]);
        defs.insert(NAME, schema);
    }
    reference(NAME)
}

/// A closed object over one of the catalogue's sub-object key tables.
fn key_object(defs: &mut Definitions, keys: &'static [ParamKey]) -> Value {
    let name = sub_object_name(keys);
    if !defs.contains(name) {
        defs.reserve(name);
        let mut properties = Map::new();
        for key in keys {
            let value = sub_object_value(defs, keys, key);
            properties.insert(key.name.into(), describe(value, key.doc, key.default));
        }
        let required = keys
            .iter()
            .filter(|k| k.required)
            .map(|k| k.name.to_owned())
            .collect();
        defs.insert(name, closed_object(properties, required));
    }
    reference(name)
}

fn sub_object_value(defs: &mut Definitions, table: &'static [ParamKey], key: &ParamKey) -> Value {
    if let Some(id) = key.values {
        return enumerated(id, true);
    }
    let same = |other: &'static [ParamKey]| std::ptr::eq(table, other);
    match key.name {
        "nested" => nested_parameters(defs),
        "parameters" if same(RPC_KEYS) => parameter_list(defs),
        "options" if same(OPTION_GROUP_KEYS) => {
            let option = key_object(defs, SELECT_OPTION_KEYS);
            json!({ "type": "array", "items": option })
        }
        "store" if same(NESTED_OBJECT_KEYS) => {
            let list = parameter_list(defs);
            any_of(vec![list, rpc_reference()])
        }
        "placeholder" if same(OPTIONS_OBJECT_KEYS) => any_of(vec![
            json!({ "type": "string" }),
            key_object(defs, PLACEHOLDER_KEYS),
        ]),
        _ => json!({}),
    }
}

fn sub_object_name(keys: &'static [ParamKey]) -> &'static str {
    let tables: [(&'static [ParamKey], &'static str); 8] = [
        (RPC_KEYS, "rpc"),
        (MAPPABLE_OBJECT_KEYS, "mappableObject"),
        (EDITABLE_OBJECT_KEYS, "editableObject"),
        (CONVERT_KEYS, "convert"),
        (SELECT_OPTION_KEYS, "option"),
        (OPTION_GROUP_KEYS, "optionGroup"),
        (OPTIONS_OBJECT_KEYS, "optionsObject"),
        (NESTED_OBJECT_KEYS, "nestedObject"),
    ];
    if std::ptr::eq(keys, PLACEHOLDER_KEYS) {
        return "placeholder";
    }
    tables
        .iter()
        .find(|(table, _)| std::ptr::eq(*table, keys))
        .map_or("object", |(_, name)| name)
}
