//! Math functions (help.make.com/math-functions).

use super::Args;
use crate::context::Ctx;
use crate::convert;
use crate::value::Value;

pub(crate) fn call(
    ctx: &mut Ctx<'_>,
    name: &str,
    args: &Args<'_>,
) -> Option<Result<Value, String>> {
    let one = |f: fn(f64) -> f64| args.number(0).map(|n| Value::Number(f(n)));
    Some(match name {
        "abs" => one(f64::abs),
        "ceil" => one(f64::ceil),
        "floor" => one(f64::floor),
        // Halves round toward +∞, as JavaScript's `Math.round`.
        "round" => one(|n| (n + 0.5).floor()),
        "trunc" => trunc(args),
        "formatNumber" => format_number(args),
        "parseNumber" => parse_number(args),
        "average" | "max" | "min" | "median" | "sum" | "stdevP" | "stdevS" => {
            aggregate(ctx, name, args)
        }
        _ => return None,
    })
}

/// `trunc(n, decimals)`: keeps `decimals` digits (toward zero); negative
/// decimals are taken as 0 (the docs are silent).
fn trunc(args: &Args<'_>) -> Result<Value, String> {
    let n = args.number(0)?;
    let decimals = args.opt_number(1)?.unwrap_or(0.0).clamp(0.0, 15.0) as i32;
    let factor = 10f64.powi(decimals);
    Ok(Value::Number((n * factor).trunc() / factor))
}

/// Rounds surplus decimals half away from zero (the docs are silent).
fn format_number(args: &Args<'_>) -> Result<Value, String> {
    let n = args.number(0)?;
    let decimals = args.number(1)?.clamp(0.0, 20.0) as usize;
    let dec_sep = args.opt_text(2).unwrap_or_else(|| ",".into());
    let thousands = args.opt_text(3).unwrap_or_else(|| ".".into());
    if !n.is_finite() {
        return Ok(Value::Text(convert::number_text(n)));
    }
    let factor = 10f64.powi(decimals as i32);
    let rounded = (n.abs() * factor).round() / factor;
    let fixed = format!("{rounded:.decimals$}");
    let (int_part, frac_part) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let mut grouped = String::new();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push_str(&thousands);
        }
        grouped.push(c);
    }
    let sign = if n < 0.0 && rounded != 0.0 { "-" } else { "" };
    let mut out = format!("{sign}{grouped}");
    if decimals > 0 {
        out.push_str(&dec_sep);
        out.push_str(frac_part);
    }
    Ok(Value::Text(out))
}

/// Every character that is not a digit, a sign, an exponent or the
/// decimal separator is dropped (grouping of any kind); a missing
/// separator is `.`. Text with no digit is an error.
fn parse_number(args: &Args<'_>) -> Result<Value, String> {
    if let Value::Number(n) = args.get(0) {
        return Ok(Value::Number(*n));
    }
    let s = args.text(0);
    let sep = args.opt_text(1).unwrap_or_else(|| ".".into());
    let mut plain = String::new();
    let mut rest = s.trim();
    while let Some(c) = rest.chars().next() {
        if !sep.is_empty() && rest.starts_with(sep.as_str()) {
            plain.push('.');
            rest = &rest[sep.len()..];
            continue;
        }
        if c.is_ascii_digit() || ((c == '-' || c == '+') && plain.is_empty()) {
            plain.push(c);
        } else if (c == 'e' || c == 'E') && !plain.is_empty() {
            plain.push('e');
        }
        rest = &rest[c.len_utf8()..];
    }
    plain
        .parse::<f64>()
        .map(Value::Number)
        .map_err(|_| format!("`parseNumber`: `{s}` is not a number"))
}

/// An empty input gives 0 for `sum` and an error for the others (the docs
/// are silent); items convert to numbers, null and undefined are skipped.
fn aggregate(ctx: &mut Ctx<'_>, name: &str, args: &Args<'_>) -> Result<Value, String> {
    let items = args.aggregate();
    ctx.spend(items.len() as u64)?;
    let mut numbers = Vec::with_capacity(items.len());
    for item in &items {
        if matches!(item, Value::Undefined | Value::Null) {
            continue;
        }
        numbers.push(convert::to_number(item).ok_or_else(|| {
            format!(
                "`{name}`: the item `{}` is not a number",
                convert::to_text(item)
            )
        })?);
    }
    let n = numbers.len() as f64;
    if numbers.is_empty() {
        return if name == "sum" {
            Ok(Value::Number(0.0))
        } else {
            Err(format!("`{name}` of no values"))
        };
    }
    let sum: f64 = numbers.iter().sum();
    let mean = sum / n;
    let squares: f64 = numbers.iter().map(|x| (x - mean).powi(2)).sum();
    Ok(Value::Number(match name {
        "sum" => sum,
        "average" => mean,
        "max" => numbers.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        "min" => numbers.iter().copied().fold(f64::INFINITY, f64::min),
        "median" => {
            numbers.sort_by(f64::total_cmp);
            let mid = numbers.len() / 2;
            if numbers.len().is_multiple_of(2) {
                (numbers[mid - 1] + numbers[mid]) / 2.0
            } else {
                numbers[mid]
            }
        }
        "stdevP" => (squares / n).sqrt(),
        _ if numbers.len() < 2 => return Err("`stdevS` needs at least two values".into()),
        _ => (squares / (n - 1.0)).sqrt(),
    }))
}
