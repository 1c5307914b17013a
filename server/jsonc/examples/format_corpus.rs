//! Formats every `.json`, `.imljson` and `.iml.json` file under a folder and
//! checks the formatter's promises on each: the value is unchanged, the
//! comments are unchanged, and formatting again changes nothing.
//!
//! `cargo run --release -p iml-jsonc --example format_corpus -- DIR`
//!
//! Files with syntax errors are not formatted; they are counted as skipped.
//! Exits with status 1 when any check fails.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use iml_jsonc::JsonDocument;
use iml_jsonc::format::{FormatOptions, format_text, same_value};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if path
            .extension()
            .is_some_and(|ext| ext == "json" || ext == "imljson")
        {
            out.push(path);
        }
    }
}

fn comment_texts(doc: &JsonDocument) -> Vec<&str> {
    doc.comments().into_iter().map(|r| &doc.text()[r]).collect()
}

/// The first broken promise for this text, if any.
fn check(text: &str, options: &FormatOptions) -> Result<bool, String> {
    let Some(formatted) = format_text(text, options) else {
        return Ok(false);
    };
    let before = JsonDocument::parse(text.to_owned());
    let after = JsonDocument::parse(formatted.clone());
    let blocking: Vec<_> = after
        .syntax_errors()
        .into_iter()
        .filter(|e| !matches!(e.code, "J003" | "J005"))
        .collect();
    if let Some(error) = blocking.first() {
        return Err(format!(
            "formatted text has a syntax error: {}",
            error.message
        ));
    }
    let same = match (before.root(), after.root()) {
        (Some(a), Some(b)) => same_value(a, b),
        (None, None) => true,
        _ => false,
    };
    if !same {
        return Err("the value changed".into());
    }
    if comment_texts(&before) != comment_texts(&after) {
        return Err("the comments changed".into());
    }
    match format_text(&formatted, options) {
        Some(again) if again == formatted => Ok(true),
        Some(_) => Err("formatting twice changed the text again".into()),
        None => Err("the formatted text could not be formatted again".into()),
    }
}

fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: format_corpus DIR");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    collect(Path::new(&dir), &mut files);
    let styles = [
        FormatOptions::default(),
        FormatOptions {
            tab_size: 4,
            insert_spaces: false,
            insert_final_newline: true,
            trim_final_newlines: true,
        },
    ];
    let (mut formatted, mut skipped, mut unreadable, mut changed) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    let mut time = Duration::ZERO;
    let mut bytes = 0usize;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            unreadable += 1;
            continue;
        };
        bytes += text.len();
        let start = Instant::now();
        let first = format_text(&text, &styles[0]);
        time += start.elapsed();
        if first.as_deref().is_some_and(|f| f != text) {
            changed += 1;
        }
        let mut ok = true;
        for options in &styles {
            match check(&text, options) {
                Ok(true) => {}
                Ok(false) => ok = false,
                Err(problem) => {
                    failures.push(format!("{}: {problem} ({options:?})", path.display()));
                    ok = false;
                }
            }
        }
        if first.is_none() {
            skipped += 1;
        } else if ok {
            formatted += 1;
        }
    }
    println!("files:                       {}", files.len());
    println!("formatted, all checks pass:  {formatted}");
    println!("  of which the format changed: {changed}");
    println!("skipped (syntax errors):     {skipped}");
    println!("unreadable (not UTF-8):      {unreadable}");
    println!("failures:                    {}", failures.len());
    println!(
        "first formatting pass: {:.1} MB in {:.1} ms",
        bytes as f64 / 1e6,
        time.as_secs_f64() * 1e3
    );
    for failure in &failures {
        println!("FAIL {failure}");
    }
    if !failures.is_empty() {
        std::process::exit(1);
    }
}
