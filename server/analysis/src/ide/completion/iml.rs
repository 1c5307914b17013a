//! Completion inside `{{ }}`: the variables the place allows, custom and
//! built-in functions, keywords, and the members below a variable.

use iml_catalogue::{self as catalogue, ExprContext, Place, Status, Verdict};
use iml_lang::ExprKind;
use text_size::TextRange;

use super::item::{CompletionItem, CompletionKind, Item};
use crate::ide::markdown;
use crate::ide::members::{Member, chain_keys, members};
use crate::ide::site::Site;

pub(super) fn iml_completions(site: &Site<'_>) -> Vec<CompletionItem> {
    let cursor = &site.cursor;
    let (Some(block), Some(offset)) = (cursor.block(), cursor.decoded_offset()) else {
        return Vec::new();
    };
    if block.is_spread() {
        return Vec::new();
    }
    let ctx = site.expr();
    if let Some(chain) = iml_lang::member_chain_at(&block.expr, offset) {
        let path = chain_keys(&chain);
        let Some(range) = cursor.to_source(chain.replace) else {
            return Vec::new();
        };
        return member_items(site, ctx, &chain.root.text, &path)
            .into_iter()
            .map(|item| item.finish(range))
            .collect();
    }
    let expr = iml_lang::expr_at(&block.expr, offset);
    let range = match expr.map(|e| (&e.kind, e.range)) {
        Some((ExprKind::Name(name), _)) if name.range.contains_inclusive(offset) => name.range,
        Some((ExprKind::Call { callee, .. }, _)) if callee.range.contains_inclusive(offset) => {
            callee.range
        }
        Some((ExprKind::Keyword(_), range)) => range,
        Some((ExprKind::String { .. } | ExprKind::Number(_), _)) => return Vec::new(),
        _ => TextRange::empty(offset),
    };
    let Some(range) = cursor.to_source(range) else {
        return Vec::new();
    };
    root_items(site, ctx)
        .into_iter()
        .map(|item| item.finish(range))
        .collect()
}

fn root_items(site: &Site<'_>, ctx: Option<ExprContext>) -> Vec<Item> {
    let mut items = Vec::new();
    if let Some(ctx) = ctx {
        for (rank, variable) in catalogue::root_variables().iter().enumerate() {
            if catalogue::check_variable(variable.name, &ctx) != Verdict::Allowed {
                continue;
            }
            let mut item = Item::plain(
                variable.name,
                CompletionKind::Variable,
                "variable".to_owned(),
            );
            item.documentation = Some(markdown::variable(variable, Some(&ctx)));
            item.group = 0;
            item.rank = rank;
            items.push(item);
        }
    }
    for name in site.analysis.custom_function_names(site.path) {
        let mut item = Item::plain(
            name,
            CompletionKind::CustomFunction,
            "custom IML function of this app".to_owned(),
        );
        item.insert_text = format!("{name}($1)");
        item.is_snippet = true;
        item.group = 1;
        items.push(item);
    }
    for function in catalogue::functions() {
        let mut item = Item::plain(
            function.name,
            CompletionKind::Function,
            function.signature(),
        );
        item.documentation = Some(markdown::function(function));
        item.insert_text = function_snippet(function);
        item.is_snippet = true;
        item.group = match function.availability {
            catalogue::FunctionAvailability::AppsDoc => 2,
            _ => 3,
        };
        items.push(item);
    }
    for (rank, keyword) in catalogue::keywords().iter().enumerate() {
        if keyword.status != Status::Documented {
            continue;
        }
        let mut item = Item::plain(keyword.name, CompletionKind::Keyword, "keyword".to_owned());
        item.documentation = Some(keyword.doc.to_owned());
        item.group = 4;
        item.rank = rank;
        items.push(item);
    }
    items
}

/// `addDays(${1:date}, ${2:n})`: one placeholder per required parameter.
fn function_snippet(function: &catalogue::Function) -> String {
    let required: Vec<String> = function
        .params
        .iter()
        .filter(|p| !p.optional)
        .enumerate()
        .map(|(i, p)| format!("${{{}:{}}}", i + 1, p.name))
        .collect();
    if required.is_empty() && !function.params.is_empty() {
        return format!("{}($1)", function.name);
    }
    format!("{}({})", function.name, required.join(", "))
}

fn field(name: &str, detail: String, documentation: String, group: u8, rank: usize) -> Item {
    let mut item = Item::plain(name, CompletionKind::Field, detail);
    item.insert_text = iml_lang::property_name(name).into_owned();
    item.documentation = Some(documentation);
    item.group = group;
    item.rank = rank;
    item
}

pub(crate) fn is_reported(ctx: Option<ExprContext>, root: &str) -> bool {
    ctx.is_some_and(|ctx| {
        matches!(
            catalogue::check_variable(root, &ctx),
            Verdict::Report { .. }
        )
    })
}

fn member_items(site: &Site<'_>, ctx: Option<ExprContext>, root: &str, path: &[&str]) -> Vec<Item> {
    if is_reported(ctx, root) {
        return Vec::new();
    }
    let in_connection = site.place().is_some_and(Place::is_connection);
    let prefix = std::iter::once(root)
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join(".");
    let item = |rank: usize, member: &Member| {
        let variable = format!("{prefix}.{}", member.name());
        let doc = member.markdown(site, &variable);
        field(member.name(), member.detail(), doc, 0, rank)
    };
    let (declared, written) = members(site, root, path);
    let mut items: Vec<Item> = declared
        .iter()
        .enumerate()
        .map(|(r, m)| item(r, m))
        .collect();
    items.extend(written.iter().enumerate().map(|(r, m)| item(r, m)));
    // Members Make itself defines (`oauth.scope`, `iterate.container.first`, …).
    if let Some(variable) = catalogue::root_variable(root)
        && !(root == "data" && in_connection)
    {
        let mut defined = variable.members;
        for step in path {
            match defined.iter().find(|m| m.name == *step) {
                Some(member) => defined = member.children,
                None => defined = &[],
            }
        }
        for (rank, member) in defined.iter().enumerate() {
            let restricted = site.place().is_some_and(|place| {
                catalogue::member_restriction(root, member.name, place).is_some()
            });
            if restricted {
                continue;
            }
            items.push(field(
                member.name,
                format!("{root} member"),
                member.doc.to_owned(),
                1,
                rank,
            ));
        }
    }
    items
}
