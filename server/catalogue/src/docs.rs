//! Renders `docs/rules.md` from the rule table.

use crate::rules::{Rule, RuleCategory, rules};
use std::fmt::Write;

/// The whole rules page, as committed at [`RULES_DOC_PATH`].
pub fn render_rules_markdown() -> String {
    let mut out = String::new();
    out.push_str(
        "<!-- Generated from server/catalogue/src/rules.rs; do not edit by hand.\n     \
         Change the rule table, then run `UPDATE_EXPECT=1 cargo test -p iml-catalogue` \
         to regenerate this file. -->\n\n",
    );
    out.push_str("# Diagnostic rules\n\n");
    out.push_str(
        "Every diagnostic of iml-ls carries one of these codes. The severity shown is the \
         default; it can be changed per rule in `iml-ls.toml`. Rules marked *off by default* \
         exist so that the numbering stays stable. A *safe* fix keeps what the app does at run \
         time, or restores what its author evidently meant; fix-all and `iml-ls check --fix` \
         apply only those. An *unsafe* fix may change requests, URLs, callbacks or data: it is \
         applied when chosen as a quick fix, or with `--fix --unsafe-fixes`.\n\n",
    );
    for category in RuleCategory::ALL {
        let _ = writeln!(
            out,
            "- [{}](#{}) ({}…)",
            category.title(),
            slug(category.title()),
            category.prefix()
        );
    }
    out.push('\n');
    for category in RuleCategory::ALL {
        render_category(&mut out, category);
    }
    // One trailing newline, whatever the last section wrote.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn slug(title: &str) -> String {
    title
        .chars()
        .filter_map(|c| match c {
            'A'..='Z' => Some(c.to_ascii_lowercase()),
            'a'..='z' | '0'..='9' | '-' => Some(c),
            ' ' => Some('-'),
            _ => None,
        })
        .collect()
}

fn table_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn render_category(out: &mut String, category: RuleCategory) {
    let in_category: Vec<&Rule> = rules().iter().filter(|r| r.category == category).collect();
    let _ = writeln!(out, "## {}\n", category.title());
    out.push_str("| Code | Name | Severity | Fix | Summary |\n| --- | --- | --- | --- | --- |\n");
    for rule in &in_category {
        let _ = writeln!(
            out,
            "| [{}](#{}) | `{}` | {}{} | {} | {} |",
            rule.code,
            rule.anchor(),
            rule.name,
            rule.severity.as_str(),
            if rule.enabled_by_default {
                ""
            } else if rule.category == RuleCategory::Review {
                " (review)"
            } else {
                " (off)"
            },
            rule.fix_safety().map_or("", |fix| fix.safety.as_str()),
            table_cell(rule.summary),
        );
    }
    out.push('\n');
    for rule in in_category {
        render_rule(out, rule);
    }
}

fn render_rule(out: &mut String, rule: &Rule) {
    let _ = writeln!(out, "<a id=\"{}\"></a>\n", rule.anchor());
    let _ = writeln!(out, "### {} `{}`\n", rule.code, rule.name);
    let _ = write!(out, "**Severity:** {}", rule.severity.as_str());
    if rule.category == RuleCategory::Review {
        out.push_str(" (off by default; on in the `review` profile, see [review.md](review.md))");
    } else if !rule.enabled_by_default {
        out.push_str(" (off by default)");
    }
    out.push_str("\n\n");
    let _ = writeln!(out, "{}\n", rule.summary);
    let _ = writeln!(out, "{}\n", rule.explanation);
    if let Some(rationale) = rule.rationale {
        let _ = writeln!(out, "**Why this severity:** {rationale}\n");
    }
    let _ = writeln!(out, "❌ Bad:\n\n```jsonc\n{}\n```\n", rule.bad);
    let _ = writeln!(out, "✅ Good:\n\n```jsonc\n{}\n```\n", rule.good);
    if let Some(fix) = rule.fix_safety() {
        let _ = writeln!(out, "**Fix:** {}. {}\n", fix.safety.as_str(), fix.reason);
    }
    let _ = write!(out, "**Basis:** {}", rule.basis);
    if let Some(url) = rule.url {
        let _ = write!(out, " · [Make documentation]({url})");
    }
    out.push_str("\n\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RULES_DOC_PATH;
    use std::path::PathBuf;

    fn committed_path() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(RULES_DOC_PATH)
    }

    #[test]
    fn rules_doc_is_up_to_date() {
        let rendered = render_rules_markdown();
        let path = committed_path();
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&path, &rendered).expect("write docs/rules.md");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == rendered,
            "{} is out of date; run `UPDATE_EXPECT=1 cargo test -p iml-catalogue`",
            path.display()
        );
    }

    #[test]
    fn every_rule_has_a_section_with_its_anchor_and_examples() {
        let rendered = render_rules_markdown();
        for rule in rules() {
            let anchor = format!("<a id=\"{}\"></a>", rule.anchor());
            let start = rendered
                .find(&anchor)
                .unwrap_or_else(|| panic!("{} missing", rule.code));
            let section = &rendered[start..];
            let end = section[anchor.len()..]
                .find("<a id=")
                .map_or(section.len(), |i| i + anchor.len());
            let section = &section[..end];
            assert!(section.contains(&format!("### {} `{}`", rule.code, rule.name)));
            assert!(
                section.contains(rule.bad) && section.contains(rule.good),
                "{}",
                rule.code
            );
            assert!(section.contains(rule.basis), "{}", rule.code);
        }
        assert!(rendered.contains("UPDATE_EXPECT=1"));
        assert!(rendered.ends_with("\n") && !rendered.ends_with("\n\n"));
    }
}
