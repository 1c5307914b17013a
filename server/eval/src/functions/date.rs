//! Date and time functions (help.make.com/date-and-time-functions).
//!
//! Adding and setting work on the wall-clock time of the default zone (one
//! Help example moves the UTC hour across a DST change, which fits that);
//! jiff resolves DST gaps and folds as RFC 5545 does. Months and years
//! added past a month's end clamp to its last day, as Moment does.

use jiff::tz::TimeZone;
use jiff::{Span, Zoned};

use super::Args;
use crate::context::Ctx;
use crate::convert;
use crate::moment;
use crate::value::Value;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = [
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
];

pub(crate) fn call(
    _ctx: &mut Ctx<'_>,
    name: &str,
    args: &Args<'_>,
) -> Option<Result<Value, String>> {
    Some(match name {
        "formatDate" => format_date(args),
        "parseDate" => parse_date(args),
        "addSeconds" | "addMinutes" | "addHours" | "addDays" | "addMonths" | "addYears" => {
            add(name, args)
        }
        "setSecond" | "setMinute" | "setHour" | "setDate" | "setMonth" | "setYear" | "setDay" => {
            set(name, args)
        }
        _ => return None,
    })
}

/// An unknown zone name is ignored and the default zone used [HC older
/// date page].
fn zone_arg(args: &Args<'_>, i: usize) -> TimeZone {
    args.opt_text(i)
        .and_then(|name| TimeZone::get(&name).ok())
        .unwrap_or_else(|| args.env.zone.clone())
}

fn format_date(args: &Args<'_>) -> Result<Value, String> {
    let ts = args.date(0)?;
    let pattern = args.text(1);
    Ok(Value::Text(moment::format(
        ts,
        &pattern,
        &zone_arg(args, 2),
    )))
}

/// Without a format the text is read as a date value would be.
fn parse_date(args: &Args<'_>) -> Result<Value, String> {
    let zone = zone_arg(args, 2);
    let text = match args.get(0) {
        Value::Date(ts) => return Ok(Value::Date(*ts)),
        Value::Number(n) => convert::number_text(*n),
        other => convert::to_text(other),
    };
    match args.opt_text(1) {
        None => convert::to_date(&Value::Text(text.clone()), &zone)
            .map(Value::Date)
            .ok_or_else(|| format!("`parseDate`: `{text}` is in no date layout Make reads")),
        Some(pattern) => moment::parse(&text, &pattern, &zone)
            .map(Value::Date)
            .map_err(|e| format!("`parseDate`: `{text}` does not fit `{pattern}`: {e}")),
    }
}

fn zoned(args: &Args<'_>) -> Result<Zoned, String> {
    Ok(args.date(0)?.to_zoned(args.env.zone.clone()))
}

fn out_of_range(name: &str) -> impl Fn(jiff::Error) -> String + '_ {
    move |e| format!("`{name}`: the date is out of range: {e}")
}

/// Seconds, minutes and hours may be fractional (added as milliseconds);
/// days, months and years are rounded to whole units (a choice, as Moment).
fn add(name: &str, args: &Args<'_>) -> Result<Value, String> {
    let z = zoned(args)?;
    let n = args.number(1)?;
    if !n.is_finite() || n.abs() > 1e13 {
        return Err(format!("`{name}`: {n} is too large"));
    }
    let whole = n.round() as i64;
    let span = match name {
        "addSeconds" => Span::new().milliseconds((n * 1000.0).round() as i64),
        "addMinutes" => Span::new().milliseconds((n * 60_000.0).round() as i64),
        "addHours" => Span::new().milliseconds((n * 3_600_000.0).round() as i64),
        "addDays" => Span::new().try_days(whole).map_err(out_of_range(name))?,
        "addMonths" => Span::new().try_months(whole).map_err(out_of_range(name))?,
        _ => Span::new().try_years(whole).map_err(out_of_range(name))?,
    };
    z.checked_add(span)
        .map(|z| Value::Date(z.timestamp()))
        .map_err(out_of_range(name))
}

fn named(args: &Args<'_>, names: &[&str]) -> Result<i64, String> {
    if let Value::Text(s) = args.get(1) {
        let lower = s.trim().to_lowercase();
        if let Some(i) = names
            .iter()
            .position(|n| *n == lower || (lower.len() == 3 && n.starts_with(&lower)))
        {
            return Ok(i as i64 + 1);
        }
        if lower.parse::<f64>().is_err() {
            return Err(format!(
                "`{}`: `{s}` is neither a number nor an English name",
                args.name
            ));
        }
    }
    args.int(1)
}

/// Values outside a component's range carry into the neighbouring unit.
fn set(name: &str, args: &Args<'_>) -> Result<Value, String> {
    let z = zoned(args)?;
    let err = out_of_range(name);
    let dt = z.datetime();
    let n = match name {
        "setMonth" => named(args, &MONTHS)?,
        "setDay" => named(args, &WEEKDAYS)?,
        _ => args.int(1)?,
    };
    if n.abs() > 1_000_000_000 {
        return Err(format!("`{name}`: {n} is too large"));
    }
    let base = match name {
        "setSecond" => dt.with().second(0).build().map_err(&err)?,
        "setMinute" => dt.with().minute(0).build().map_err(&err)?,
        "setHour" => dt.with().hour(0).build().map_err(&err)?,
        "setDate" => dt.with().day(1).build().map_err(&err)?,
        _ => dt,
    };
    let result = match name {
        "setSecond" => base.checked_add(Span::new().try_seconds(n).map_err(&err)?),
        "setMinute" => base.checked_add(Span::new().try_minutes(n).map_err(&err)?),
        "setHour" => base.checked_add(Span::new().try_hours(n).map_err(&err)?),
        "setDate" => base.checked_add(Span::new().try_days(n - 1).map_err(&err)?),
        "setDay" => {
            let current = i64::from(dt.date().weekday().to_sunday_zero_offset());
            base.checked_add(Span::new().try_days(n - 1 - current).map_err(&err)?)
        }
        "setMonth" => {
            let january = dt.with().month(1).day(1).build().map_err(&err)?;
            january
                .checked_add(Span::new().try_months(n - 1).map_err(&err)?)
                .and_then(|first| {
                    let last = first.date().days_in_month();
                    first.with().day(dt.day().min(last)).build()
                })
        }
        _ => {
            let year =
                i16::try_from(n).map_err(|_| format!("`{name}`: year {n} is out of range"))?;
            let day = dt
                .day()
                .min(jiff::civil::date(year, dt.month(), 1).days_in_month());
            dt.with().year(year).day(day).build()
        }
    }
    .map_err(&err)?;
    args.env
        .zone
        .to_ambiguous_timestamp(result)
        .compatible()
        .map(Value::Date)
        .map_err(err)
}
