//! `iml-ls check --explain CODE`: a rule's documentation from the catalogue.

use std::io::{self, Write};

use crate::report::severity_name;
use crate::rules::{self, Rule};

pub fn write(rule: &Rule, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{} {} (default severity: {})",
        rule.code,
        rule.name,
        severity_name(rule.severity)
    )?;
    if !rule.enabled_by_default {
        writeln!(out, "Off unless enabled in iml-ls.toml.")?;
    }
    writeln!(out)?;
    writeln!(out, "{}", rule.summary)?;
    writeln!(out)?;
    writeln!(out, "{}", rule.explanation)?;
    if let Some(rationale) = rule.rationale {
        writeln!(out)?;
        writeln!(out, "{rationale}")?;
    }
    for (heading, example) in [("Bad", rule.bad), ("Good", rule.good)] {
        if example.trim().is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "{heading}:")?;
        writeln!(out)?;
        for line in example.lines() {
            writeln!(out, "    {line}")?;
        }
    }
    if let Some(fix) = rule.fix_safety() {
        writeln!(out)?;
        let applied = if fix.safety.is_safe() {
            "`--fix` applies it"
        } else {
            "`--fix` applies it only with `--unsafe-fixes`"
        };
        writeln!(
            out,
            "Fix: {} ({applied}). {}",
            fix.safety.as_str(),
            fix.reason
        )?;
    }
    writeln!(out)?;
    if let Some(url) = rule.url {
        writeln!(out, "See {url}")?;
    }
    writeln!(out, "Rule page: {}", rules::help_uri(rule))?;
    writeln!(out)?;
    writeln!(
        out,
        "Configure in iml-ls.toml: [rules] {} = \"off\" | \"hint\" | \"info\" | \"warning\" | \"error\"",
        rule.code
    )
}
