//! `--fix`: every unambiguous safe quick fix (unsafe ones too with
//! `--unsafe-fixes`) of the checked files, applied in
//! rounds on the app's analysis host (a fix may reveal another) and written
//! back. Only the bytes the fixes edit change; a file is written only when
//! it is inside the app, in the checked scope, and still as it was read.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use iml_analysis::config::is_config_file;
use iml_analysis::disk::Stamp;
use iml_analysis::{AnalysisHost, FixMode, MAX_FIX_ROUNDS};
use rayon::prelude::*;

use crate::discover::AppPlan;
use crate::paths;
use crate::report::FixOutcome;
use crate::write;

/// How many files are written at once.
const WRITERS: usize = 16;

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

/// A file read for the check, as it was read.
pub struct Candidate<'a> {
    pub path: PathBuf,
    pub text: &'a str,
    pub stamp: Stamp,
}

/// Fixes `candidates` in `host` and writes each changed file. The host ends
/// up holding what is on disk: a file that could not be written gets its
/// old text back.
pub fn fix_app(
    host: &mut AnalysisHost,
    app: &AppPlan,
    candidates: &[Candidate],
    cwd: &Path,
    mode: FixMode,
) -> FixOutcome {
    let real_root = fs::canonicalize(&app.root).ok();
    let candidates: Vec<&Candidate> = candidates
        .iter()
        .filter(|candidate| may_rewrite(app, &candidate.path, real_root.as_deref()))
        .collect();
    let paths: Vec<PathBuf> = candidates
        .iter()
        .map(|candidate| candidate.path.clone())
        .collect();
    // Looked up once per fixed file: a scan would make a large app's fix
    // quadratic in its files.
    let by_path: HashMap<&Path, &Candidate> = candidates
        .iter()
        .map(|candidate| (candidate.path.as_path(), *candidate))
        .collect();
    let fixed = host.fix_all_rounds(&paths, MAX_FIX_ROUNDS, mode);
    // Each write waits for the disk (`sync_all`), and on thousands of files
    // the waits are most of the run: many at once overlap, whatever the
    // number of cores.
    let write_all = || -> Vec<_> {
        fixed
            .into_par_iter()
            .filter_map(|file| {
                let candidate = by_path.get(file.path.as_path())?;
                let result = write::replace_if_unchanged(
                    &file.path,
                    candidate.text,
                    candidate.stamp,
                    &file.text,
                );
                Some((file, candidate.text, result))
            })
            .collect()
    };
    let written = match rayon::ThreadPoolBuilder::new().num_threads(WRITERS).build() {
        Ok(pool) => pool.install(write_all),
        Err(_) => write_all(),
    };
    let mut outcome = FixOutcome::default();
    for (file, original, result) in written {
        let display = paths::display(cwd, &file.path);
        match result {
            Ok(()) => {
                outcome.fixes += file.applied.len();
                outcome.files.push(display);
            }
            Err(refused) => {
                host.set_file(file.path.clone(), original.to_owned());
                outcome.failures.push((display, refused.message()));
            }
        }
    }
    outcome.files.sort();
    outcome
}
