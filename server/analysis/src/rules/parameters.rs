//! Parameter definitions (P001–P014, C015, C016): connection parameters, module
//! static and mappable parameters, RPC, webhook and endpoint parameters and
//! interfaces, walked through `nested`, `spec`, select options and `rpc`
//! forms.

use std::collections::HashMap;

use iml_catalogue::parameters::{RESERVED_CONNECTION_PARAMETERS, validate_keys};
use iml_catalogue::{EnumId, Severity, enumeration, parameter_key, parameter_keys};
use iml_jsonc::{Member, Value, ValueKind};
use text_size::{TextRange, TextSize};

use super::context::{
    Ctx, DiagnosticExt, as_str, get, is_iml, literal_text, member, members, string,
};
use super::fixes::rename_key;
use super::keys::check_enum;
use super::suggest::{closest, did_you_mean};
use crate::app::AppLayout;
use crate::roles::{ComponentKind, ModuleType, RoleKind};

struct Scope {
    connection: bool,
    /// An interface: the same syntax describes the module's output, which
    /// no one fills in and no request reads (spec §8: "the output
    /// description uses the same syntax"). A name there names an output
    /// key, and a slip only shows a wrong field in the mapping panel, so
    /// its P001 is a warning (our choice: the docs give no severity).
    output: bool,
}

pub(crate) fn check(ctx: &mut Ctx, root: &Value) {
    let scope = Scope {
        connection: ctx
            .role
            .component
            .as_ref()
            .is_some_and(|c| c.kind == ComponentKind::Connection),
        output: ctx.role.kind == RoleKind::Interface,
    };
    check_rpc_references(ctx, root);
    if let ValueKind::Array(items) = &root.kind {
        check_list(ctx, items, &scope);
        if super::endpoints::is_endpoint_parameters(ctx) {
            super::endpoints::check_top_level(ctx, items);
        }
        if ctx.role.kind == RoleKind::MappableParams && !items.is_empty() && is_polling_trigger(ctx)
        {
            ctx.emit("P013", ctx.opening(root), "a polling trigger starts the scenario, so nothing can be mapped into it; move these parameters to the static parameters");
        }
    }
}

fn is_polling_trigger(ctx: &Ctx) -> bool {
    let declared = ctx
        .analysis
        .component_of(ctx.path)
        .and_then(|(_, c)| c.module_type);
    declared.or_else(|| ctx.role.component.as_ref().and_then(|c| c.module_type))
        == Some(ModuleType::Trigger)
}

/// A list of sibling parameters: each parameter, and P010 for repeated names.
fn check_list(ctx: &mut Ctx, items: &[Value], scope: &Scope) {
    let mut seen: HashMap<String, ()> = HashMap::new();
    for item in items {
        match &item.kind {
            ValueKind::Object(_) => {
                check_param(ctx, item, scope, true);
                if let Some(name_value) = get(item, "name")
                    && let Some(name) = as_str(name_value)
                    && !is_iml(name_value)
                    && seen.insert(name.to_owned(), ()).is_some()
                {
                    let message = if scope.output {
                        format!(
                            "another output field in this interface is also named `{name}`; each field describes one key of the output, so rename or remove one"
                        )
                    } else {
                        format!(
                            "another parameter in this list is also named `{name}`; both write `parameters.{name}`, so rename one"
                        )
                    };
                    ctx.emit("P010", name_value.range, message);
                }
            }
            ValueKind::String(s)
                if s.decoded.as_str().starts_with("rpc://")
                    || s.decoded.as_str().contains("{{") => {}
            _ => {
                ctx.emit("P001", item.range, "a parameter list holds parameter objects or `rpc://` references only; write `{ \"name\": …, \"type\": … }`");
            }
        }
    }
}

fn check_param(ctx: &mut Ctx, param: &Value, scope: &Scope, needs_name: bool) {
    let type_value = get(param, "type");
    let type_name = type_value.filter(|v| !is_iml(v)).and_then(as_str);
    let is_banner = type_name == Some("banner");
    let anchor = member(param, "name").map_or_else(|| ctx.opening(param), |m| m.key.range);
    if type_value.is_none() {
        let message = if scope.output {
            "this output field has no `type`, so the mapping panel cannot tell what it holds; add one such as `\"type\": \"text\"`"
        } else {
            "this parameter has no `type`; add one such as `\"type\": \"text\"`"
        };
        let diagnostic = ctx.emit("P001", anchor, message);
        if scope.output {
            diagnostic.severity(Severity::Warning);
        }
    }
    let known_type = type_name.is_some_and(|t| enumeration(EnumId::ParameterType).contains(t));
    if needs_name
        && !is_banner
        && member(param, "name").is_none()
        && (known_type || type_value.is_none())
    {
        let range = member(param, "type").map_or_else(|| ctx.opening(param), |m| m.key.range);
        let message = if scope.output {
            "this output field has no `name`, so it describes no key of the output; add `\"name\"`"
        } else {
            "this parameter has no `name`, so its value cannot be read; add `\"name\"`"
        };
        let diagnostic = ctx.emit("P001", range, message);
        if type_name == Some("hidden") || scope.output {
            // A nameless hidden field carries nothing, but Make's own templates write one.
            diagnostic.severity(Severity::Warning);
        }
    }
    if let Some(value) = type_value {
        check_type(ctx, value);
    }
    check_keys(ctx, param, type_name, scope);
    if super::endpoints::is_endpoint_parameters(ctx) {
        super::endpoints::check_parameter(ctx, param);
    }
    if let Some(type_name) = type_name {
        check_validate(ctx, param, type_name);
        check_type_rules(ctx, param, type_name, scope);
    }
    check_children(ctx, param, scope);
}

/// P002: documented types are lower case. Make's schema only limits the
/// length of `type`, so an unknown lower-case name is a warning, not an error.
fn check_type(ctx: &mut Ctx, value: &Value) {
    let Some(name) = as_str(value).filter(|_| !is_iml(value)) else {
        if !is_iml(value) {
            ctx.emit(
                "P002",
                value.range,
                format!(
                    "`type` must be a type name such as `\"text\"`, not {}",
                    super::context::kind_name(value)
                ),
            );
        }
        return;
    };
    let types = enumeration(EnumId::ParameterType);
    if types.contains(name) {
        return;
    }
    if types.case_insensitive_match(name).is_some() {
        check_enum(ctx, EnumId::ParameterType, "type", value);
        return;
    }
    let suggestion = closest(name, types.values.iter().map(|v| v.value));
    let fix = suggestion.map(|s| {
        super::fixes::replace_value(value, &super::fixes::quote(s), format!("Write `{s}`"))
    });
    ctx.emit(
        "P002",
        value.range,
        format!(
            "`{name}` is not a documented parameter type, so Make may not render it as intended{}",
            did_you_mean(suggestion)
        ),
    )
    .severity(Severity::Warning)
    .fix(fix);
}

/// P003, P007, P011, P012, P014, C015, C016.
fn check_keys(ctx: &mut Ctx, param: &Value, type_name: Option<&str>, scope: &Scope) {
    for m in members(param) {
        let name = m.key.decoded.as_str();
        let Some(key) = parameter_key(name) else {
            let suggestion = closest(name, parameter_keys().iter().map(|k| k.name));
            ctx.emit(
                "P003",
                m.key.range,
                format!(
                    "`{name}` is not a parameter key{}",
                    did_you_mean(suggestion)
                ),
            )
            .fix(suggestion.map(|s| rename_key(&m.key, s)));
            continue;
        };
        let Some(value) = &m.value else { continue };
        if let Some(id) = key.values
            && id != EnumId::ParameterType
            && enumeration(id).closed
        {
            check_enum(ctx, id, name, value);
        }
        match name {
            "editable"
                if !scope.connection && type_name != Some("timezone") && value_is_true(value) =>
            {
                ctx.emit(
                    "P012",
                    m.key.range,
                    "`editable` only applies to connection parameters; use `\"mappable\"` here",
                );
                // The same finding under its connection-rule code, off by default;
                // users who track the connection rules may turn it on instead.
                ctx.emit(
                    "C016",
                    m.key.range,
                    "`editable: true` outside a connection has no effect; use `\"mappable\"` here",
                );
            }
            "mappable" if scope.connection => {
                ctx.emit("P012", m.key.range, "`mappable` has no effect on connection parameters (nothing is mapped there); use `\"editable\"` to allow later changes");
            }
            "name" if scope.connection => {
                if let Some(reserved) =
                    as_str(value).filter(|n| RESERVED_CONNECTION_PARAMETERS.contains(n))
                {
                    ctx.emit("C015", value.range, format!("`{reserved}` is reserved: Make fills it with its own value instead of the user's input; rename the parameter"));
                    // The parameter-rule twin of C015, off by default.
                    ctx.emit("P014", value.range, format!("`{reserved}` is a reserved connection parameter name; rename the parameter"));
                }
            }
            _ => {}
        }
    }
    if type_name == Some("password") && !scope.connection {
        let range = member(param, "type").map_or_else(|| ctx.opening(param), |m| m.key.range);
        ctx.emit("P011", range, "a `password` parameter outside a connection behaves like plain text; keep secrets in the connection");
    }
}

fn value_is_true(value: &Value) -> bool {
    match &value.kind {
        ValueKind::Bool(b) => *b,
        ValueKind::Object(_) => true,
        _ => false,
    }
}

/// P004: `validate` keys by type.
fn check_validate(ctx: &mut Ctx, param: &Value, type_name: &str) {
    let Some(validate) = get(param, "validate") else {
        return;
    };
    let allowed = validate_keys(type_name);
    for m in members(validate) {
        let key = m.key.decoded.as_str();
        if !allowed.contains(&key) {
            let list = allowed
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let suggestion = closest(key, allowed.iter().copied());
            ctx.emit(
                "P004",
                m.key.range,
                format!(
                    "`validate.{key}` does not apply to `{type_name}` parameters; use {list}{}",
                    did_you_mean(suggestion)
                ),
            )
            .fix(suggestion.map(|s| rename_key(&m.key, s)));
        }
    }
}

/// P005, P006, P009.
fn check_type_rules(ctx: &mut Ctx, param: &Value, type_name: &str, _scope: &Scope) {
    let type_range = member(param, "type").map_or_else(|| ctx.opening(param), |m| m.key.range);
    match type_name {
        "select" => check_select(ctx, param, type_range),
        "collection" if member(param, "spec").is_none() && !describes_output(ctx) => {
            ctx.emit(
                "P009",
                type_range,
                "a `collection` without `spec` has no fields; add `\"spec\": [ … ]`",
            );
        }
        "array" => {
            if let Some(ValueKind::Array(items)) = get(param, "spec").map(|s| &s.kind) {
                for item in items
                    .iter()
                    .filter(|i| matches!(i.kind, ValueKind::Object(_)))
                {
                    if member(item, "name").is_none() {
                        ctx.emit("P009", ctx.opening(item), "an array `spec` given as a list describes the fields of each item, and this field has no `name`; add one");
                    }
                }
            }
        }
        _ => {}
    }
    if let Some(options) = get(param, "options")
        && matches!(options.kind, ValueKind::Object(_))
        && member(options, "store").is_none()
        && let Some(m) = member(options, "nested").or_else(|| member(options, "placeholder"))
    {
        ctx.emit("P006", m.key.range, "options combined with `nested` or `placeholder` must sit in `store`; move the options into `\"store\"`");
    }
}

/// Interfaces and endpoint outputs describe data: a collection there may
/// hold any object.
fn describes_output(ctx: &Ctx) -> bool {
    matches!(ctx.role.kind, RoleKind::Interface | RoleKind::OutputParams)
}

fn check_select(ctx: &mut Ctx, param: &Value, type_range: TextRange) {
    let Some(options) = get(param, "options") else {
        ctx.emit("P005", type_range, "a `select` without `options` offers nothing to choose; add `options` (a list, `rpc://…`, or `{ \"store\": … }`)");
        return;
    };
    if let Some(nested) = member(param, "nested")
        && !matches!(options.kind, ValueKind::Object(_))
    {
        ctx.emit("P006", nested.key.range, "a select shows `nested` parameters through its options: write `\"options\": { \"store\": …, \"nested\": … }`");
    }
    let grouped = get(param, "grouped").is_some_and(|g| matches!(g.kind, ValueKind::Bool(true)));
    let store = match &options.kind {
        ValueKind::Object(_) => get(options, "store"),
        _ => Some(options),
    };
    let Some(ValueKind::Array(items)) = store.map(|s| &s.kind) else {
        return;
    };
    let mut values: Vec<String> = Vec::new();
    let mut all_literal = true;
    let mut option_list: Vec<&Value> = Vec::new();
    for item in items {
        match get(item, "options").map(|o| &o.kind) {
            Some(ValueKind::Array(inner)) if grouped || member(item, "value").is_none() => {
                option_list.extend(inner.iter())
            }
            _ => option_list.push(item),
        }
    }
    for option in option_list {
        if !matches!(option.kind, ValueKind::Object(_)) {
            all_literal = false;
            continue;
        }
        match get(option, "value") {
            None => {
                ctx.emit(
                    "P005",
                    ctx.opening(option),
                    "this option has no `value`, so choosing it stores nothing; add `\"value\"`",
                );
            }
            Some(value) if is_iml(value) => all_literal = false,
            Some(value) => match literal_text(value) {
                Some(text) => values.push(text),
                None => all_literal = false,
            },
        }
    }
    if !all_literal || values.is_empty() {
        return;
    }
    let Some(default) = get(param, "default") else {
        return;
    };
    let defaults: Vec<&Value> = match &default.kind {
        ValueKind::Array(items) => items.iter().collect(),
        _ => vec![default],
    };
    for value in defaults {
        if is_iml(value) || matches!(value.kind, ValueKind::Null) {
            continue;
        }
        if let Some(text) = literal_text(value)
            && !values.contains(&text)
        {
            ctx.emit(
                "P005",
                value.range,
                format!(
                    "the default `{text}` matches no option's `value`; use one of the option values"
                ),
            );
        }
    }
}

/// Parameters inside a parameter: `nested`, `spec`, option `nested`, `rpc.parameters`.
fn check_children(ctx: &mut Ctx, param: &Value, scope: &Scope) {
    let lists = |value: Option<&Value>| -> Option<Vec<Value>> {
        match value.map(|v| &v.kind) {
            Some(ValueKind::Array(items)) => Some(items.clone()),
            _ => None,
        }
    };
    let mut to_check: Vec<Vec<Value>> = Vec::new();
    to_check.extend(lists(get(param, "nested")));
    if let Some(nested) = get(param, "nested").filter(|n| matches!(n.kind, ValueKind::Object(_))) {
        to_check.extend(lists(get(nested, "store")));
    }
    if let Some(rpc) = get(param, "rpc") {
        to_check.extend(lists(get(rpc, "parameters")));
    }
    if let Some(options) = get(param, "options") {
        to_check.extend(lists(get(options, "nested")));
        if let Some(placeholder) = get(options, "placeholder") {
            to_check.extend(lists(get(placeholder, "nested")));
        }
        let store = match &options.kind {
            ValueKind::Array(_) => Some(options),
            ValueKind::Object(_) => get(options, "store"),
            _ => None,
        };
        if let Some(ValueKind::Array(items)) = store.map(|s| &s.kind) {
            for option in items {
                to_check.extend(lists(get(option, "nested")));
                if let Some(ValueKind::Array(group)) = get(option, "options").map(|o| &o.kind) {
                    for inner in group {
                        to_check.extend(lists(get(inner, "nested")));
                    }
                }
            }
        }
    }
    match get(param, "spec") {
        Some(spec) if matches!(spec.kind, ValueKind::Array(_)) => {
            let type_name = get(param, "type").and_then(as_str);
            if type_name == Some("array") {
                // Item fields; a missing name is P009's (already reported).
                if let ValueKind::Array(items) = &spec.kind {
                    for item in items
                        .iter()
                        .filter(|i| matches!(i.kind, ValueKind::Object(_)))
                    {
                        check_param(ctx, item, scope, false);
                    }
                }
            } else {
                to_check.extend(lists(Some(spec)));
            }
        }
        Some(spec) if matches!(spec.kind, ValueKind::Object(_)) => {
            check_param(ctx, spec, scope, false)
        }
        _ => {}
    }
    for list in &to_check {
        check_list(ctx, list, scope);
    }
}

/// P008: every `rpc://name` in the file must name an RPC of the app.
fn check_rpc_references(ctx: &mut Ctx, root: &Value) {
    let rpcs: Vec<String> = ctx
        .analysis
        .rpc_names(ctx.path)
        .into_iter()
        .map(str::to_owned)
        .collect();
    let Some(app) = ctx.analysis.app(ctx.path) else {
        return;
    };
    if app.components.is_empty() {
        return;
    }
    let mut stack = vec![root];
    let mut found: Vec<(&Value, String)> = Vec::new();
    while let Some(value) = stack.pop() {
        match &value.kind {
            ValueKind::String(s) => {
                let text = s.decoded.as_str();
                if let Some(rest) = text.strip_prefix("rpc://")
                    && !text.contains("{{")
                {
                    let name = rest
                        .split(['?', '/', '#'])
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_owned();
                    found.push((value, name));
                }
            }
            ValueKind::Array(items) => stack.extend(items.iter()),
            ValueKind::Object(all) => {
                stack.extend(all.iter().filter_map(|m: &Member| m.value.as_ref()))
            }
            _ => {}
        }
    }
    found.sort_by_key(|(v, _)| v.range.start());
    // An export's RPC without metadata takes its folder's name as its id,
    // and home-grown exports name folders by a slug of the RPC's name
    // (`list-teams/` for `listTeams`, the name itself kept in a file no
    // layout defines): such a reference is no mistake the checker can see.
    let slugs: Vec<String> = if app.layout == AppLayout::Export {
        rpcs.iter().map(|rpc| slug(rpc)).collect()
    } else {
        Vec::new()
    };
    for (value, name) in found {
        if name.is_empty() || rpcs.contains(&name) || slugs.contains(&slug(&name)) {
            continue;
        }
        // Make names RPCs with letters and digits only (`^[a-zA-Z][0-9a-zA-Z]{2,63}$`,
        // spec §11.4): an id with a `-` is a folder's slug and no name to offer.
        let suggestion = closest(
            &name,
            rpcs.iter()
                .map(String::as_str)
                .filter(|rpc| rpc.chars().all(|c| c.is_ascii_alphanumeric())),
        );
        let fix = suggestion.and_then(|s| {
            let s_range = string(value)?.decoded.content_range();
            let start = s_range.start() + TextSize::from(6);
            let end = start + TextSize::try_from(name.len()).ok()?;
            (end <= s_range.end()).then(|| {
                super::fixes::fix(
                    format!("Use `rpc://{s}`"),
                    vec![super::fixes::edit(TextRange::new(start, end), s)],
                )
            })
        });
        ctx.emit(
            "P008",
            value.range,
            format!(
                "`rpc://{name}` names no RPC of this app{}",
                did_you_mean(suggestion)
            ),
        )
        .fix(fix);
    }
}

/// `name` in lower case without separators: `list-teams`, `list_teams` and
/// `listTeams` all give `listteams`.
fn slug(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}
