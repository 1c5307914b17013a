//! Runs the IML parser over every string of a directory of IML JSON files
//! and prints counts plus every syntax error (`I001`); with `--all`,
//! every diagnostic.
//!
//! Usage: `cargo run -p iml-lang --example corpus_check -- DIR [--all]`

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use json_comments::{CommentSettings, StripComments};
use serde_json::Value;

#[derive(Default)]
struct Counts {
    files: usize,
    unparsable: usize,
    strings: usize,
    strings_with_blocks: usize,
    blocks: usize,
    spread_keys: usize,
    codes: BTreeMap<&'static str, usize>,
    print_all: bool,
}

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: corpus_check DIR");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    collect_files(Path::new(&root), &mut files);
    files.sort();
    let mut counts = Counts {
        print_all: std::env::args().any(|a| a == "--all"),
        ..Counts::default()
    };
    for path in &files {
        check_file(path, &mut counts);
    }
    println!("files:               {}", counts.files);
    println!("unparsable (skipped): {}", counts.unparsable);
    println!("strings:             {}", counts.strings);
    println!("strings with {{{{ }}}}:  {}", counts.strings_with_blocks);
    println!("blocks:              {}", counts.blocks);
    println!("spread keys:         {}", counts.spread_keys);
    for (code, n) in &counts.codes {
        println!("{code}: {n}");
    }
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "json" || e == "imljson")
        {
            out.push(path);
        }
    }
}

fn check_file(path: &Path, counts: &mut Counts) {
    counts.files += 1;
    let Ok(bytes) = std::fs::read(path) else {
        counts.unparsable += 1;
        return;
    };
    let stripped = StripComments::with_settings(CommentSettings::c_style(), bytes.as_slice());
    let Ok(value) = serde_json::from_reader::<_, Value>(stripped) else {
        counts.unparsable += 1;
        return;
    };
    // An explicit stack: the depth of a JSON document is not ours to bound.
    let mut stack = vec![&value];
    while let Some(value) = stack.pop() {
        match value {
            Value::String(s) => check_string(path, s, counts),
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => {
                for (key, value) in map {
                    if key.contains("{{") {
                        check_string(path, key, counts);
                    }
                    stack.push(value);
                }
            }
            _ => {}
        }
    }
}

fn check_string(path: &Path, text: &str, counts: &mut Counts) {
    counts.strings += 1;
    let template = iml_lang::parse_template(text);
    if template.blocks.is_empty() {
        return;
    }
    counts.strings_with_blocks += 1;
    counts.blocks += template.blocks.len();
    counts.spread_keys += template.blocks.iter().filter(|b| b.is_spread()).count();
    for error in template.errors() {
        *counts.codes.entry(error.code).or_default() += 1;
        if error.is_syntax() || counts.print_all {
            let start = u32::from(error.range.start()) as usize;
            let end = u32::from(error.range.end()) as usize;
            println!(
                "{}: {} {} at {start}..{end} in {:?}",
                path.display(),
                error.code,
                error.message,
                excerpt(text, start),
            );
        }
    }
}

/// Up to 60 characters either side of `at`, so long strings stay readable.
fn excerpt(text: &str, at: usize) -> String {
    let mut start = at.saturating_sub(60);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + 60).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    text[start..end].to_owned()
}
