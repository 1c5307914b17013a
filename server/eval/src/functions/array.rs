//! Array functions (help.make.com/array-functions).

use std::cmp::Ordering;

use super::Args;
use super::general::{get, step_into};
use crate::context::Ctx;
use crate::convert;
use crate::operators::compare;
use crate::value::{Value, strict_equal};

pub(crate) fn call(
    ctx: &mut Ctx<'_>,
    name: &str,
    args: &Args<'_>,
) -> Option<Result<Value, String>> {
    let items = args.array(0);
    if let Err(e) = ctx.spend(items.len() as u64) {
        return Some(Err(e));
    }
    let array = |v: Vec<Value>| Ok(Value::Array(v));
    Some(match name {
        "add" => {
            let mut out = items;
            out.extend(args.values[1..].iter().cloned());
            array(out)
        }
        "deduplicate" => array(dedup_by(items, |v| v.clone())),
        "distinct" => match args.opt_text(1) {
            None => array(dedup_by(items, |v| v.clone())),
            Some(key) => {
                let mut out: Vec<Value> = Vec::new();
                let mut seen: Vec<Value> = Vec::new();
                for item in items {
                    let k = path(ctx, &item, &key);
                    if !seen.iter().any(|s| strict_equal(s, &k)) {
                        seen.push(k);
                        out.push(item);
                    }
                }
                array(out)
            }
        },
        // An empty array gives undefined (the docs are silent).
        "first" => Ok(items.first().cloned().unwrap_or(Value::Undefined)),
        "last" => Ok(items.last().cloned().unwrap_or(Value::Undefined)),
        // One level, as JavaScript's `flat()`.
        "flatten" => array(
            items
                .into_iter()
                .flat_map(|v| match v {
                    Value::Array(inner) => inner,
                    other => vec![other],
                })
                .collect(),
        ),
        "join" => {
            let sep = args.text(1);
            Ok(Value::Text(
                items
                    .iter()
                    .map(convert::to_text)
                    .collect::<Vec<_>>()
                    .join(&sep),
            ))
        }
        // Array indexes are numbers counted from 1, like every other array
        // index in IML (the docs are silent).
        "keys" => array(match args.get(0) {
            Value::Collection(props) => props.iter().map(|(k, _)| Value::text(k.clone())).collect(),
            Value::Array(a) => (1..=a.len()).map(|i| Value::Number(i as f64)).collect(),
            _ => Vec::new(),
        }),
        "map" => map(ctx, items, args),
        "merge" => {
            let mut out = Vec::new();
            for i in 0..args.len() {
                out.extend(args.array(i));
            }
            array(out)
        }
        "remove" => {
            let drop = &args.values[1..];
            array(
                items
                    .into_iter()
                    .filter(|v| !drop.iter().any(|d| strict_equal(v, d)))
                    .collect(),
            )
        }
        "reverse" => array(items.into_iter().rev().collect()),
        "shuffle" => Ok(Value::unknown("random order of `shuffle`")),
        "slice" => slice(items, args),
        "sort" => sort(ctx, items, args),
        "toArray" => args.collection(0).map(|props| {
            Value::Array(
                props
                    .iter()
                    .map(|(k, v)| {
                        Value::Collection(vec![
                            ("key".into(), Value::text(k.clone())),
                            ("value".into(), v.clone()),
                        ])
                    })
                    .collect(),
            )
        }),
        // Items lacking the key field are skipped; a repeated key: last wins.
        "toCollection" => {
            let (kf, vf) = (args.text(1), args.text(2));
            let mut props: Vec<(String, Value)> = Vec::new();
            for item in &items {
                let k = path(ctx, item, &kf);
                if matches!(k, Value::Undefined | Value::Null) {
                    continue;
                }
                let k = convert::to_text(&k);
                props.retain(|(existing, _)| existing != &k);
                props.push((k, path(ctx, item, &vf)));
            }
            Ok(Value::Collection(props))
        }
        _ => return None,
    })
}

fn path(ctx: &mut Ctx<'_>, item: &Value, key: &str) -> Value {
    get(ctx, item, &Value::text(key)).unwrap_or_else(|_| step_into(item, key))
}

/// Keeps the first of equal items.
fn dedup_by(items: Vec<Value>, key: impl Fn(&Value) -> Value) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for item in items {
        let k = key(&item);
        if !out.iter().any(|o| strict_equal(&key(o), &k)) {
            out.push(item);
        }
    }
    out
}

/// Items lacking `key` are skipped (the docs are silent); filter values
/// are trimmed around their commas.
fn map(ctx: &mut Ctx<'_>, items: Vec<Value>, args: &Args<'_>) -> Result<Value, String> {
    let key = args.text(1);
    let filter = args.opt_text(2).map(|fk| {
        let values: Vec<String> = args
            .text(3)
            .split(',')
            .map(|s| s.trim().to_string())
            .collect();
        (fk, values)
    });
    let mut out = Vec::new();
    for item in &items {
        if let Some((fk, values)) = &filter {
            let v = convert::to_text(&path(ctx, item, fk));
            if !values.contains(&v) {
                continue;
            }
        }
        match path(ctx, item, &key) {
            Value::Undefined => {}
            v => out.push(v),
        }
    }
    Ok(Value::Array(out))
}

/// JavaScript's `slice`: negative positions count from the end.
fn slice(items: Vec<Value>, args: &Args<'_>) -> Result<Value, String> {
    let len = items.len() as f64;
    let at = |n: f64| {
        let n = n.trunc();
        if n < 0.0 {
            (len + n).max(0.0)
        } else {
            n.min(len)
        }
    };
    let start = at(args.number(1)?);
    let end = at(args.opt_number(2)?.unwrap_or(len));
    if start >= end {
        return Ok(Value::Array(Vec::new()));
    }
    Ok(Value::Array(items[start as usize..end as usize].to_vec()))
}

/// Stable sort. A second argument that is not an order word is the key.
fn sort(ctx: &mut Ctx<'_>, mut items: Vec<Value>, args: &Args<'_>) -> Result<Value, String> {
    let second = args.opt_text(1);
    let (order, key) = match second.as_deref() {
        Some(o @ ("asc" | "desc" | "asc ci" | "desc ci")) => (o.to_string(), args.opt_text(2)),
        Some(other) => ("asc".to_string(), Some(other.to_string())),
        None => ("asc".to_string(), args.opt_text(2)),
    };
    let ci = order.ends_with("ci");
    let keyed: Vec<(Value, Value)> = items
        .drain(..)
        .map(|item| {
            let k = match &key {
                Some(k) => path(ctx, &item, k),
                None => item.clone(),
            };
            let k = match k {
                Value::Text(s) if ci => Value::Text(s.to_lowercase()),
                other => other,
            };
            (k, item)
        })
        .collect();
    let mut keyed = keyed;
    keyed.sort_by(|(a, _), (b, _)| compare(a, b).unwrap_or(Ordering::Equal));
    if order.starts_with("desc") {
        keyed.reverse();
    }
    Ok(Value::Array(keyed.into_iter().map(|(_, v)| v).collect()))
}
