//! `--fix`: every unambiguous safe quick fix (unsafe ones too with
//! `--unsafe-fixes`) of the checked files, applied in
//! rounds on the app's analysis host (a fix may reveal another) and written
//! back. Only the bytes the fixes edit change; a file is written only when
//! it is inside the app, in the checked scope, and still as it was read.

use std::fs;
use std::path::{Path, PathBuf};

use iml_analysis::config::is_config_file;
use iml_analysis::{AnalysisHost, FixMode, MAX_FIX_ROUNDS};

use crate::discover::AppPlan;
use crate::paths;
use crate::report::FixOutcome;

/// A file the run may fix: one of its checked files, inside the app root
/// also once symbolic links are resolved, so no write lands outside.
fn may_rewrite(app: &AppPlan, path: &Path, real_root: Option<&Path>) -> bool {
    if !app.in_scope(path) || !path.starts_with(&app.root) || is_config_file(path) {
        return false;
    }
    match (real_root, fs::canonicalize(path)) {
        (Some(real_root), Ok(real)) => real.starts_with(real_root),
        _ => false,
    }
}

/// Fixes `candidates` (paths with the text they were read with) in `host`
/// and writes each changed file. The host ends up holding what is on disk:
/// a file that could not be written gets its old text back.
pub fn fix_app(
    host: &mut AnalysisHost,
    app: &AppPlan,
    candidates: &[(PathBuf, &str)],
    cwd: &Path,
    mode: FixMode,
) -> FixOutcome {
    let real_root = fs::canonicalize(&app.root).ok();
    let (paths, originals): (Vec<PathBuf>, Vec<&str>) = candidates
        .iter()
        .filter(|(path, _)| may_rewrite(app, path, real_root.as_deref()))
        .map(|(path, text)| (path.clone(), *text))
        .unzip();
    let mut outcome = FixOutcome::default();
    for file in host.fix_all_rounds(&paths, MAX_FIX_ROUNDS, mode) {
        let Some(index) = paths.iter().position(|path| path == &file.path) else {
            continue;
        };
        let original = originals[index];
        let display = paths::display(cwd, &file.path);
        match write_if_unchanged(&file.path, original, &file.text) {
            Ok(()) => {
                outcome.fixes += file.applied.len();
                outcome.files.push(display);
            }
            Err(reason) => {
                host.set_file(file.path.clone(), original.to_owned());
                outcome.failures.push((display, reason));
            }
        }
    }
    outcome.files.sort();
    outcome
}

/// Writes `fixed` over `path` unless the file changed since it was read
/// as `original` (an editor saving meanwhile wins).
fn write_if_unchanged(path: &Path, original: &str, fixed: &str) -> Result<(), String> {
    let current = fs::read(path).map_err(|error| format!("could not be read again: {error}"))?;
    if current != original.as_bytes() {
        return Err("changed on disk during the check, so it was left as it is".to_owned());
    }
    fs::write(path, fixed).map_err(|error| format!("could not be written: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.iml.json");
        fs::write(&path, "{ \"b\": 2 }").unwrap();
        let refused = write_if_unchanged(&path, "{ \"a\": 1 }", "{ \"fixed\": 1 }");
        assert!(refused.unwrap_err().contains("changed on disk"));
        assert_eq!(fs::read_to_string(&path).unwrap(), "{ \"b\": 2 }");

        write_if_unchanged(&path, "{ \"b\": 2 }", "{ \"fixed\": 2 }").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "{ \"fixed\": 2 }");

        let missing = write_if_unchanged(&dir.path().join("gone.iml.json"), "{}", "[]");
        assert!(missing.unwrap_err().contains("could not be read again"));
    }
}
