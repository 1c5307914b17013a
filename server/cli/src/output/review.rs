//! The summary of a run under a profile (`--profile review`, or `profile =
//! "review"` in `iml-ls.toml`): one row per component with its problems and
//! how many of them have a fix. Printed after the human report, and carried
//! as the `review` object of `--format json` for CI steps to gate on.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use iml_analysis::{Analysis, Severity};
use serde::Serialize;

use crate::discover::AppPlan;
use crate::report::CheckReport;

/// Component names (`module listTasks`, `app` for general files) of the
/// app's files, when a profile applies to them; empty otherwise.
pub fn component_names(
    analysis: &Analysis,
    files: &[PathBuf],
    app: &AppPlan,
) -> Vec<(PathBuf, String)> {
    let profiled = files
        .iter()
        .any(|path| analysis.rule_config(path).profile().is_some());
    if !profiled {
        return Vec::new();
    }
    files
        .iter()
        .filter(|path| app.is_reported(path))
        .map(|path| (path.clone(), component_name(analysis, path)))
        .collect()
}

fn component_name(analysis: &Analysis, path: &Path) -> String {
    match analysis.component_of(path) {
        Some((_, component)) => format!("{} {}", component.kind.manifest_key(), component.id),
        None => "app".to_owned(),
    }
}

#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct Row {
    pub component: String,
    pub problems: usize,
    pub errors: usize,
    pub warnings: usize,
    pub fixable: usize,
}

/// The `review` object of `--format json`.
#[derive(Debug, Serialize)]
pub struct Review {
    /// No error and no warning left: what reviewers would ask about.
    /// `fixable` counts the problems `--fix` repairs.
    pub ready: bool,
    pub problems: usize,
    pub fixable: usize,
    pub components: Vec<Row>,
}

/// Rows sorted by component; components without problems are left out.
pub fn rows(report: &CheckReport) -> Option<Vec<Row>> {
    let components = report.components.as_ref()?;
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    for (file, finding) in report.findings() {
        let name = components
            .get(&file.path)
            .cloned()
            .unwrap_or_else(|| "app".to_owned());
        let row = rows.entry(name.clone()).or_insert_with(|| Row {
            component: name,
            ..Row::default()
        });
        row.problems += 1;
        match finding.severity {
            Severity::Error => row.errors += 1,
            Severity::Warning => row.warnings += 1,
            _ => {}
        }
        if finding.auto_fixable {
            row.fixable += 1;
        }
    }
    Some(rows.into_values().collect())
}

pub fn review(report: &CheckReport) -> Option<Review> {
    let components = rows(report)?;
    Some(Review {
        ready: components.iter().all(|r| r.errors == 0 && r.warnings == 0),
        problems: components.iter().map(|r| r.problems).sum(),
        fixable: components.iter().map(|r| r.fixable).sum(),
        components,
    })
}

/// The table printed at the end of the human report.
pub fn write_table(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    let Some(review) = review(report) else {
        return Ok(());
    };
    writeln!(out)?;
    if review.components.is_empty() {
        return writeln!(out, "review: no problem found; ready to request review");
    }
    let width = review
        .components
        .iter()
        .map(|r| r.component.len())
        .max()
        .unwrap_or(0)
        .max("component".len());
    writeln!(
        out,
        "{:<width$}  {:>8}  {:>7}",
        "component", "problems", "fixable"
    )?;
    for row in &review.components {
        writeln!(
            out,
            "{:<width$}  {:>8}  {:>7}",
            row.component, row.problems, row.fixable
        )?;
    }
    writeln!(
        out,
        "{:<width$}  {:>8}  {:>7}",
        "total", review.problems, review.fixable
    )?;
    writeln!(
        out,
        "review: {}",
        if review.ready {
            "only hints left; ready to request review"
        } else {
            "fix the errors and warnings above before requesting review"
        }
    )
}
