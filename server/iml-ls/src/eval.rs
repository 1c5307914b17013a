//! `iml-ls eval`: prints what one IML template gives, as JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

/// Arguments of `iml-ls eval`.
#[derive(Debug, Clone, Args)]
pub struct EvalArgs {
    /// The template, e.g. `{{upper('make')}}`.
    #[arg(value_name = "TEMPLATE")]
    pub template: String,

    /// A JSON object whose properties are the variables (`parameters`,
    /// `connection`, `data`, `temp`, `body`, `item`, …).
    #[arg(long, value_name = "FILE.json")]
    pub data: Option<PathBuf>,

    /// The time `now` stands for (RFC 3339); the current time by default.
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,

    /// The default time zone (IANA name); UTC by default.
    #[arg(long, value_name = "ZONE")]
    pub timezone: Option<String>,
}

pub fn run(args: &EvalArgs) -> ExitCode {
    match evaluate(args) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn evaluate(args: &EvalArgs) -> Result<String, String> {
    let mut env = iml_eval::Env::new();
    if let Some(path) = &args.data {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("error: cannot read {}: {e}", path.display()))?;
        let json: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| format!("error: {} is not JSON: {e}", path.display()))?;
        let object = json
            .as_object()
            .ok_or_else(|| format!("error: {} must hold a JSON object", path.display()))?;
        env = env.with_vars(object);
    }
    if let Some(now) = &args.now {
        let ts = now
            .parse::<jiff::Timestamp>()
            .map_err(|e| format!("error: --now `{now}` is not an RFC 3339 time: {e}"))?;
        env = env.with_now(ts);
    }
    if let Some(zone) = &args.timezone {
        env = env
            .with_timezone(zone)
            .map_err(|e| format!("error: --timezone: {e}"))?;
    }
    let template = &args.template;
    let value = iml_eval::evaluate(template, &env).map_err(|e| {
        let start = usize::from(e.range.start());
        let column = template
            .get(..start)
            .map_or(start, |before| before.chars().count())
            + 1;
        format!(
            "error: {} (at column {column}, bytes {}..{})\n  {template}\n  {}^",
            e.message,
            start,
            usize::from(e.range.end()),
            " ".repeat(column - 1)
        )
    })?;
    if let Some(unknown) = value.unknown_input() {
        return Err(format!(
            "error: the value depends on `{}`, which is not known here (give it with --data, or it is a custom function or a random value)",
            unknown.input
        ));
    }
    serde_json::to_string_pretty(&iml_eval::to_json(&value))
        .map_err(|e| format!("error: cannot print the value: {e}"))
}
