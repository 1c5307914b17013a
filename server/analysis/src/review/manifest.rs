//! Review rules on `makecomapp.json`: module labels and descriptions (V001
//! to V006), the universal module (V007, V008) and groups (V022).

use iml_catalogue::review::{
    MODULES_WITHOUT_GROUPS, SEARCH_DESCRIPTION_PREFIX, TRIGGER_DESCRIPTION_PREFIX, UNIVERSAL_LABELS,
};
use iml_jsonc::{Member, Value, ValueKind};

use super::text::sentence_case;
use crate::rules::context::{Ctx, DiagnosticExt, as_str, get, member, members};
use crate::rules::fixes::{edit, fix, quote};

struct Module<'v> {
    key: &'v Member,
    value: &'v Value,
    module_type: Option<&'v str>,
}

pub(crate) fn check(ctx: &mut Ctx, root: &Value) {
    let Some(components) = get(root, "components") else {
        return;
    };
    let connections: Vec<&Member> = get(components, "connection")
        .map(members)
        .unwrap_or(&[])
        .iter()
        .collect();
    // Words of the connection labels count as proper nouns (the service's name).
    let proper: Vec<String> = connections
        .iter()
        .filter_map(|c| {
            c.value
                .as_ref()
                .and_then(|v| get(v, "label"))
                .and_then(as_str)
        })
        .flat_map(|label| {
            label
                .split(|c: char| !c.is_alphanumeric())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let Some(module_object) = member(components, "module") else {
        return;
    };
    let modules: Vec<Module> = module_object
        .value
        .as_ref()
        .map(members)
        .unwrap_or(&[])
        .iter()
        .filter_map(|key| {
            let value = key.value.as_ref()?;
            matches!(value.kind, ValueKind::Object(_)).then(|| Module {
                key,
                value,
                module_type: get(value, "moduleType").and_then(as_str),
            })
        })
        .collect();
    // So do words the app's own descriptions capitalise inside a sentence:
    // `Returns a list of Sales Navigator accounts` names a product.
    let mut proper = proper;
    proper.extend(
        modules
            .iter()
            .filter_map(|module| get(module.value, "description").and_then(as_str))
            .flat_map(capitalised_inside_sentences),
    );
    for module in &modules {
        check_label(ctx, module, &proper);
        check_description(ctx, module);
    }
    let universal: Vec<&Module> = modules
        .iter()
        .filter(|m| m.module_type == Some("universal"))
        .collect();
    if !modules.is_empty() && universal.len() != 1 {
        let message = if universal.is_empty() {
            "the app has no universal module; add one labelled `Make an API call` so users can call any endpoint".to_owned()
        } else {
            format!(
                "the app has {} universal modules; keep one `Make an API call` module",
                universal.len()
            )
        };
        ctx.emit("V007", module_object.key.range, message);
    }
    if !connections.is_empty() {
        for module in universal {
            let connection = get(module.value, "connection");
            if connection.is_none_or(|c| matches!(c.kind, ValueKind::Null)) {
                ctx.emit("V008", module.key.key.range, "the universal module has no `connection`; link it to the app's connection so its calls are authorised");
            }
        }
    }
    let groups = get(root, "generalCodeFiles").and_then(|g| get(g, "groups"));
    if modules.len() > MODULES_WITHOUT_GROUPS
        && groups.is_none_or(|g| as_str(g).is_none_or(str::is_empty))
    {
        ctx.emit("V022", module_object.key.range, format!("the app has {} modules and no `groups.json`; sort them into groups (triggers first, then business groups, then Other)", modules.len()));
    }
}

/// The words of `text` that start with a capital letter without starting
/// a sentence.
fn capitalised_inside_sentences(text: &str) -> Vec<String> {
    text.split(['.', '!', '?', ':'])
        .flat_map(|sentence| {
            sentence
                .split(|c: char| !c.is_alphanumeric())
                .filter(|word| !word.is_empty())
                .skip(1)
                .filter(|word| word.chars().next().is_some_and(char::is_uppercase))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn check_label(ctx: &mut Ctx, module: &Module, proper: &[String]) {
    let Some(value) = get(module.value, "label") else {
        return;
    };
    let Some(label) = as_str(value) else { return };
    let label = label.trim();
    if let Some(fixed) = sentence_case(label, proper) {
        let title = format!("Change the label to `{fixed}`");
        let edits = vec![edit(value.range, quote(&fixed))];
        ctx.emit(
            "V001",
            value.range,
            format!("module labels are in sentence case: write `{fixed}`"),
        )
        .fix(Some(fix(title, edits)));
    }
    match module.module_type {
        Some("trigger" | "instant_trigger") => {
            let lower = label.to_lowercase();
            if !lower.starts_with("watch ") {
                ctx.emit(
                    "V002",
                    value.range,
                    "trigger labels follow `Watch [items]` (e.g. `Watch new contacts`)",
                );
            } else if lower.starts_with("watch a ") || lower.starts_with("watch an ") {
                ctx.emit(
                    "V002",
                    value.range,
                    "trigger labels are plural: `Watch contacts`, not `Watch a contact`",
                );
            }
        }
        Some("search") if !(label.starts_with("List ") || label.starts_with("Search ")) => {
            ctx.emit("V003", value.range, "search labels start with `List` (no filters) or `Search` (with filters), e.g. `List contacts`");
        }
        Some("universal") if !UNIVERSAL_LABELS.contains(&label) => {
            ctx.emit("V004", value.range, "label the universal module `Make an API call` (or `Make a SOAP API call`, `Execute a GraphQL query`)");
        }
        _ => {}
    }
}

fn check_description(ctx: &mut Ctx, module: &Module) {
    let description = get(module.value, "description");
    let text = description.and_then(as_str).map(str::trim).unwrap_or("");
    if text.is_empty() {
        let range = description.map_or(module.key.key.range, |d| d.range);
        ctx.emit("V005", range, "the module has no description; describe its end result in one sentence, e.g. `Creates a new contact.`");
        return;
    }
    let Some(description) = description else {
        return;
    };
    let wanted = match module.module_type {
        Some("trigger" | "instant_trigger") => TRIGGER_DESCRIPTION_PREFIX,
        Some("search") => SEARCH_DESCRIPTION_PREFIX,
        _ => return,
    };
    if !text.starts_with(wanted) {
        ctx.emit(
            "V006",
            description.range,
            format!("start this description with `{wanted} …`"),
        );
    }
}
