//! Moment-style date tokens, as Make documents them for formatting
//! (help.make.com/tokens-for-datetime-formatting) and parsing
//! (help.make.com/tokens-for-datetime-parsing). Text in `[brackets]` is
//! copied as it is; other characters that are not tokens are copied too.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

/// Formatting tokens, longest first so the longest one wins.
const FORMAT_TOKENS: &[&str] = &[
    "SSSSSSSSS",
    "SSSSSSSS",
    "SSSSSSS",
    "SSSSSS",
    "SSSSS",
    "MMMM",
    "DDDD",
    "DDDo",
    "dddd",
    "YYYY",
    "gggg",
    "GGGG",
    "SSSS",
    "MMM",
    "DDD",
    "ddd",
    "SSS",
    "YY",
    "Qo",
    "Mo",
    "MM",
    "Do",
    "DD",
    "dd",
    "do",
    "wo",
    "ww",
    "Wo",
    "WW",
    "gg",
    "GG",
    "HH",
    "hh",
    "kk",
    "mm",
    "ss",
    "SS",
    "ZZ",
    "Y",
    "Q",
    "M",
    "D",
    "d",
    "E",
    "w",
    "W",
    "H",
    "h",
    "k",
    "A",
    "a",
    "m",
    "s",
    "S",
    "Z",
    "X",
    "x",
];

/// Parsing tokens (the parsing page's list).
const PARSE_TOKENS: &[&str] = &[
    "MMMM", "DDDD", "dddd", "YYYY", "GGGG", "MMM", "DDD", "ddd", "SSS", "YY", "MM", "Do", "DD",
    "WW", "GG", "HH", "hh", "kk", "mm", "ss", "SS", "ZZ", "Y", "Q", "M", "D", "X", "x", "W", "E",
    "H", "h", "k", "a", "A", "m", "s", "S", "Z",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Token(&'a str),
    Literal(String),
}

/// Splits a pattern into tokens and literal text.
pub fn tokenize<'a>(pattern: &'a str, tokens: &[&'static str]) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    let mut literal = String::new();
    let mut i = 0;
    while i < pattern.len() {
        let rest = &pattern[i..];
        if let Some(inner) = rest.strip_prefix('[')
            && let Some(close) = inner.find(']')
        {
            literal.push_str(&inner[..close]);
            i += close + 2;
            continue;
        }
        if let Some(token) = tokens.iter().find(|t| rest.starts_with(**t)) {
            if !literal.is_empty() {
                out.push(Piece::Literal(std::mem::take(&mut literal)));
            }
            out.push(Piece::Token(&pattern[i..i + token.len()]));
            i += token.len();
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        literal.push(c);
        i += c.len_utf8();
    }
    if !literal.is_empty() {
        out.push(Piece::Literal(literal));
    }
    out
}

/// Letters of a formatting pattern that are no token and are copied as
/// they are, which is almost always a mistake (`yyyy`, `dd` is a weekday
/// but `n`, `i` are nothing). `T`, the ISO separator, is not reported.
/// Each item is the byte range of the letter run in `pattern`.
pub fn unknown_format_letters(pattern: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    let bytes = pattern.as_bytes();
    while i < bytes.len() {
        let rest = &pattern[i..];
        if rest.starts_with('[')
            && let Some(close) = rest.find(']')
        {
            i += close + 1;
            continue;
        }
        if let Some(token) = FORMAT_TOKENS.iter().find(|t| rest.starts_with(**t)) {
            i += token.len();
            continue;
        }
        let b = bytes[i];
        if b.is_ascii_alphabetic() && b != b'T' {
            match out.last_mut() {
                Some((_, end)) if *end == i => *end = i + 1,
                _ => out.push((i, i + 1)),
            }
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}

fn ordinal(n: i64) -> String {
    let suffix = match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// US locale weeks: weeks start on Sunday and week 1 holds 1 January.
fn locale_week(date: Date) -> (i16, i64) {
    let wd = i64::from(date.weekday().to_sunday_zero_offset());
    let saturday = date
        .checked_add(jiff::Span::new().days(6 - wd))
        .unwrap_or(date);
    (
        saturday.year(),
        (i64::from(saturday.day_of_year()) - 1) / 7 + 1,
    )
}

fn offset_text(seconds: i32, colon: bool) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    let (h, m) = (s / 3600, (s % 3600) / 60);
    if colon {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}")
    }
}

/// Formats `ts` in `zone` with a Moment pattern.
pub fn format(ts: Timestamp, pattern: &str, zone: &TimeZone) -> String {
    let zoned: Zoned = ts.to_zoned(zone.clone());
    let dt = zoned.datetime();
    let date = dt.date();
    let mut out = String::new();
    for piece in tokenize(pattern, FORMAT_TOKENS) {
        let token = match piece {
            Piece::Literal(text) => {
                out.push_str(&text);
                continue;
            }
            Piece::Token(t) => t,
        };
        let year = i64::from(dt.year());
        let month = i64::from(dt.month());
        let day = i64::from(dt.day());
        let doy = i64::from(date.day_of_year());
        let wd = i64::from(date.weekday().to_sunday_zero_offset());
        let hour = i64::from(dt.hour());
        let iso = date.iso_week_date();
        let (lyear, lweek) = locale_week(date);
        let millis = i64::from(dt.subsec_nanosecond() / 1_000_000);
        let text = match token {
            "YYYY" => format!("{year:04}"),
            "YY" => format!("{:02}", year.rem_euclid(100)),
            "Y" if year > 9999 => format!("+{year}"),
            "Y" => year.to_string(),
            "Q" => ((month - 1) / 3 + 1).to_string(),
            "Qo" => ordinal((month - 1) / 3 + 1),
            "M" => month.to_string(),
            "Mo" => ordinal(month),
            "MM" => format!("{month:02}"),
            "MMM" => MONTHS[(month - 1) as usize][..3].to_string(),
            "MMMM" => MONTHS[(month - 1) as usize].to_string(),
            "D" => day.to_string(),
            "Do" => ordinal(day),
            "DD" => format!("{day:02}"),
            "DDD" => doy.to_string(),
            "DDDo" => ordinal(doy),
            "DDDD" => format!("{doy:03}"),
            "d" => wd.to_string(),
            "do" => ordinal(wd),
            "dd" => WEEKDAYS[wd as usize][..2].to_string(),
            "ddd" => WEEKDAYS[wd as usize][..3].to_string(),
            "dddd" => WEEKDAYS[wd as usize].to_string(),
            "E" => i64::from(date.weekday().to_monday_one_offset()).to_string(),
            "w" => lweek.to_string(),
            "wo" => ordinal(lweek),
            "ww" => format!("{lweek:02}"),
            "W" => iso.week().to_string(),
            "Wo" => ordinal(i64::from(iso.week())),
            "WW" => format!("{:02}", iso.week()),
            "gg" => format!("{:02}", i64::from(lyear).rem_euclid(100)),
            "gggg" => format!("{lyear:04}"),
            "GG" => format!("{:02}", i64::from(iso.year()).rem_euclid(100)),
            "GGGG" => format!("{:04}", iso.year()),
            "H" => hour.to_string(),
            "HH" => format!("{hour:02}"),
            "h" => (if hour % 12 == 0 { 12 } else { hour % 12 }).to_string(),
            "hh" => format!("{:02}", if hour % 12 == 0 { 12 } else { hour % 12 }),
            "k" => (if hour == 0 { 24 } else { hour }).to_string(),
            "kk" => format!("{:02}", if hour == 0 { 24 } else { hour }),
            "A" => if hour < 12 { "AM" } else { "PM" }.to_string(),
            "a" => if hour < 12 { "am" } else { "pm" }.to_string(),
            "m" => dt.minute().to_string(),
            "mm" => format!("{:02}", dt.minute()),
            "s" => dt.second().to_string(),
            "ss" => format!("{:02}", dt.second()),
            "Z" => offset_text(zoned.offset().seconds(), true),
            "ZZ" => offset_text(zoned.offset().seconds(), false),
            "X" => ts.as_second().to_string(),
            "x" => ts.as_millisecond().to_string(),
            fraction => {
                // S… : milliseconds, cut to the width or padded with zeros.
                let digits = format!("{millis:03}");
                let width = fraction.len();
                if width <= 3 {
                    digits[..width].to_string()
                } else {
                    format!("{digits}{}", "0".repeat(width - 3))
                }
            }
        };
        out.push_str(&text);
    }
    out
}

#[derive(Default)]
struct Fields {
    year: Option<i64>,
    month: Option<i64>,
    day: Option<i64>,
    day_of_year: Option<i64>,
    hour: Option<i64>,
    pm: Option<bool>,
    minute: i64,
    second: i64,
    millis: i64,
    offset: Option<i64>,
    epoch_ms: Option<i64>,
    iso_year: Option<i64>,
    iso_week: Option<i64>,
    iso_weekday: Option<i64>,
}

struct Cursor<'a> {
    s: &'a str,
}

impl<'a> Cursor<'a> {
    fn digits(&mut self, min: usize, max: usize) -> Result<i64, String> {
        let n = self
            .s
            .bytes()
            .take(max)
            .take_while(u8::is_ascii_digit)
            .count();
        if n < min {
            return Err(format!("expected a number at `{}`", self.s));
        }
        let (d, rest) = self.s.split_at(n);
        self.s = rest;
        d.parse::<i64>().map_err(|e| e.to_string())
    }

    fn signed(&mut self, max: usize) -> Result<i64, String> {
        let sign = if self.s.starts_with('-') {
            self.s = &self.s[1..];
            -1
        } else {
            if self.s.starts_with('+') {
                self.s = &self.s[1..];
            }
            1
        };
        Ok(sign * self.digits(1, max)?)
    }

    fn name(&mut self, names: &[&str]) -> Result<usize, String> {
        let lower = self.s.to_ascii_lowercase();
        for (i, name) in names.iter().enumerate() {
            let full = name.to_ascii_lowercase();
            for candidate in [full.as_str(), &full[..3]] {
                if lower.starts_with(candidate) {
                    self.s = &self.s[candidate.len()..];
                    return Ok(i);
                }
            }
        }
        Err(format!("expected a name at `{}`", self.s))
    }
}

/// Parses `text` with a Moment pattern. Text without an offset is
/// wall-clock time in `zone`. Literal text must match exactly and the
/// whole text must be read (a choice: Make's strictness is unspecified).
/// Missing parts: no date at all is today in `zone`; otherwise a missing
/// year is this year, month and day 1.
pub fn parse(text: &str, pattern: &str, zone: &TimeZone) -> Result<Timestamp, String> {
    let mut f = Fields::default();
    let mut c = Cursor { s: text.trim() };
    for piece in tokenize(pattern, PARSE_TOKENS) {
        match piece {
            Piece::Literal(lit) => {
                if let Some(rest) = c.s.strip_prefix(lit.as_str()) {
                    c.s = rest;
                } else if lit.trim().is_empty() && c.s.starts_with(char::is_whitespace) {
                    c.s = c.s.trim_start();
                } else {
                    return Err(format!("expected `{lit}` at `{}`", c.s));
                }
            }
            Piece::Token(token) => read_token(token, &mut c, &mut f)?,
        }
    }
    if !c.s.trim().is_empty() {
        return Err(format!("`{}` is left over after the pattern", c.s));
    }
    assemble(&f, zone)
}

fn read_token(token: &str, c: &mut Cursor<'_>, f: &mut Fields) -> Result<(), String> {
    match token {
        "YYYY" => {
            let before = c.s.len();
            let y = c.digits(2, 4)?;
            // Two digits are accepted; they pivot as in Moment (68 → 2068).
            f.year = Some(if before - c.s.len() == 2 { pivot(y) } else { y });
        }
        "YY" => f.year = Some(pivot(c.digits(2, 2)?)),
        "Y" => f.year = Some(c.signed(6)?),
        "Q" => f.month = Some((c.digits(1, 1)? - 1) * 3 + 1),
        "M" | "MM" => f.month = Some(c.digits(1, 2)?),
        "MMM" | "MMMM" => f.month = Some(c.name(&MONTHS)? as i64 + 1),
        "D" | "DD" => f.day = Some(c.digits(1, 2)?),
        "Do" => {
            f.day = Some(c.digits(1, 2)?);
            for suffix in ["st", "nd", "rd", "th"] {
                if let Some(rest) = c.s.strip_prefix(suffix) {
                    c.s = rest;
                    break;
                }
            }
        }
        "DDD" | "DDDD" => f.day_of_year = Some(c.digits(1, 3)?),
        "ddd" | "dddd" => {
            c.name(&WEEKDAYS)?;
        }
        "GGGG" => f.iso_year = Some(c.digits(4, 4)?),
        "GG" => f.iso_year = Some(pivot(c.digits(2, 2)?)),
        "W" | "WW" => f.iso_week = Some(c.digits(1, 2)?),
        "E" => f.iso_weekday = Some(c.digits(1, 1)?),
        "H" | "HH" | "h" | "hh" | "k" | "kk" => f.hour = Some(c.digits(1, 2)?),
        "a" | "A" => {
            let lower = c.s.to_ascii_lowercase();
            let (pm, len) = if lower.starts_with("am") {
                (false, 2)
            } else if lower.starts_with("pm") {
                (true, 2)
            } else if lower.starts_with('a') {
                (false, 1)
            } else if lower.starts_with('p') {
                (true, 1)
            } else {
                return Err(format!("expected am or pm at `{}`", c.s));
            };
            f.pm = Some(pm);
            c.s = &c.s[len..];
        }
        "m" | "mm" => f.minute = c.digits(1, 2)?,
        "s" | "ss" => f.second = c.digits(1, 2)?,
        "S" | "SS" | "SSS" => {
            let before = c.s.len();
            let n = c.digits(1, 9)?;
            let width = (before - c.s.len()) as u32;
            f.millis = n * 1000 / 10i64.pow(width);
        }
        "Z" | "ZZ" => {
            if let Some(rest) = c.s.strip_prefix('Z') {
                c.s = rest;
                f.offset = Some(0);
            } else {
                let sign = if c.s.starts_with('-') { -1 } else { 1 };
                if !(c.s.starts_with('+') || c.s.starts_with('-')) {
                    return Err(format!("expected an offset at `{}`", c.s));
                }
                c.s = &c.s[1..];
                let h = c.digits(2, 2)?;
                if let Some(rest) = c.s.strip_prefix(':') {
                    c.s = rest;
                }
                let m = c.digits(2, 2)?;
                f.offset = Some(sign * (h * 3600 + m * 60));
            }
        }
        "X" => {
            let n =
                c.s.bytes()
                    .take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b'-')
                    .count();
            let (num, rest) = c.s.split_at(n);
            c.s = rest;
            let secs: f64 = num
                .parse()
                .map_err(|_| "expected Unix seconds".to_string())?;
            f.epoch_ms = Some((secs * 1000.0).round() as i64);
        }
        "x" => f.epoch_ms = Some(c.signed(16)?),
        _ => return Err(format!("`{token}` cannot be parsed")),
    }
    Ok(())
}

fn pivot(yy: i64) -> i64 {
    if yy > 68 { 1900 + yy } else { 2000 + yy }
}

fn assemble(f: &Fields, zone: &TimeZone) -> Result<Timestamp, String> {
    if let Some(ms) = f.epoch_ms {
        return Timestamp::from_millisecond(ms).map_err(|e| e.to_string());
    }
    let invalid = |e: jiff::Error| format!("not a valid date: {e}");
    let today = Timestamp::now().to_zoned(zone.clone()).date();
    let date = if let (Some(week), Some(year)) = (f.iso_week, f.iso_year.or(f.year)) {
        let weekday =
            jiff::civil::Weekday::from_monday_one_offset(f.iso_weekday.unwrap_or(1) as i8)
                .map_err(invalid)?;
        jiff::civil::ISOWeekDate::new(year as i16, week as i8, weekday)
            .map_err(invalid)?
            .date()
    } else if let Some(doy) = f.day_of_year {
        let year = f.year.unwrap_or(i64::from(today.year()));
        Date::new(year as i16, 1, 1)
            .map_err(invalid)?
            .with()
            .day_of_year(doy as i16)
            .build()
            .map_err(invalid)?
    } else if f.year.is_none() && f.month.is_none() && f.day.is_none() {
        today
    } else {
        let year = f.year.unwrap_or(i64::from(today.year()));
        let (month, day) = (f.month.unwrap_or(1), f.day.unwrap_or(1));
        if !(1..=12).contains(&month) || day < 1 {
            return Err(format!("not a valid date: month {month}, day {day}"));
        }
        Date::new(
            i16::try_from(year).map_err(|_| "year out of range".to_string())?,
            month as i8,
            day as i8,
        )
        .map_err(invalid)?
    };
    let mut hour = f.hour.unwrap_or(0);
    match f.pm {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    if hour == 24 {
        hour = 0;
    }
    if hour > 23 || f.minute > 59 || f.second > 59 {
        return Err(format!(
            "not a valid time: {hour}:{:02}:{:02}",
            f.minute, f.second
        ));
    }
    let dt = DateTime::from_parts(
        date,
        jiff::civil::Time::new(
            hour as i8,
            f.minute as i8,
            f.second as i8,
            (f.millis * 1_000_000) as i32,
        )
        .map_err(invalid)?,
    );
    match f.offset {
        Some(seconds) => {
            let offset = jiff::tz::Offset::from_seconds(seconds as i32).map_err(invalid)?;
            offset.to_timestamp(dt).map_err(invalid)
        }
        None => zone
            .to_ambiguous_timestamp(dt)
            .compatible()
            .map_err(invalid),
    }
}

/// Why a pattern can never read `text`, if that is certain: a literal or a
/// field that does not match. `None` when the text parses.
pub fn parse_error(text: &str, pattern: &str) -> Option<String> {
    parse(text, pattern, &TimeZone::UTC).err()
}
