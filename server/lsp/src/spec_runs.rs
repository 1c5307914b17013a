//! Results of spec-test cases run from the editor ("Run" on a case), kept
//! per test file and published with the file's other diagnostics. A result
//! holds only while nothing the analysis sees has changed since its run
//! began: any edit or file change makes every kept result stale, and the
//! next publication of its file leaves it out.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use iml_analysis::{CaseRun, Diagnostic};

#[derive(Default)]
pub struct SpecRuns {
    by_file: HashMap<PathBuf, FileRuns>,
}

struct FileRuns {
    /// The host's change count the runs started at.
    host_changes: u64,
    /// Per case name, what its latest run found (empty when it passed).
    cases: BTreeMap<String, Vec<Diagnostic>>,
}

impl SpecRuns {
    /// Keeps `runs` of `path`, begun at `host_changes`; results of other
    /// cases of the file stay while they are as current.
    pub fn record(&mut self, path: PathBuf, host_changes: u64, runs: Vec<CaseRun>) {
        let file = self.by_file.entry(path).or_insert_with(|| FileRuns {
            host_changes,
            cases: BTreeMap::new(),
        });
        if file.host_changes != host_changes {
            file.host_changes = host_changes;
            file.cases.clear();
        }
        for run in runs {
            file.cases.insert(run.name, run.diagnostics);
        }
    }

    /// Forgets every result begun before the host's latest change, and
    /// returns the files that showed some, to be published without them.
    pub fn take_stale(&mut self, host_changes: u64) -> Vec<PathBuf> {
        let stale: Vec<PathBuf> = self
            .by_file
            .iter()
            .filter(|(_, file)| file.host_changes != host_changes)
            .map(|(path, _)| path.clone())
            .collect();
        for path in &stale {
            self.by_file.remove(path);
        }
        stale
    }

    /// The results to show in `path`, in case order.
    pub fn diagnostics(&self, path: &Path) -> Vec<Diagnostic> {
        self.by_file
            .get(path)
            .map(|file| file.cases.values().flatten().cloned().collect())
            .unwrap_or_default()
    }

    pub fn forget(&mut self, path: &Path) {
        self.by_file.remove(path);
    }
}

#[cfg(test)]
mod tests {
    use iml_analysis::{CaseStatus, Severity, TextRange};

    use super::*;

    fn run(name: &str, message: &str) -> CaseRun {
        CaseRun {
            name: name.into(),
            status: CaseStatus::Failed,
            diagnostics: vec![Diagnostic {
                code: "T006",
                severity: Severity::Error,
                message: message.into(),
                range: TextRange::default(),
                help: None,
                fixes: Vec::new(),
            }],
        }
    }

    fn messages(runs: &SpecRuns, path: &str) -> Vec<String> {
        runs.diagnostics(Path::new(path))
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn a_case_run_again_replaces_its_own_result_only() {
        let mut runs = SpecRuns::default();
        runs.record("/t".into(), 3, vec![run("a", "a1"), run("b", "b1")]);
        runs.record("/t".into(), 3, vec![run("a", "a2")]);
        assert_eq!(messages(&runs, "/t"), ["a2", "b1"]);
    }

    #[test]
    fn a_change_makes_every_older_result_stale() {
        let mut runs = SpecRuns::default();
        runs.record("/t".into(), 3, vec![run("a", "a1")]);
        runs.record("/u".into(), 4, vec![run("a", "u1")]);
        assert_eq!(runs.take_stale(4), [PathBuf::from("/t")]);
        assert!(messages(&runs, "/t").is_empty());
        assert_eq!(messages(&runs, "/u"), ["u1"]);
        // A run begun at a later state replaces the older ones of its file.
        runs.record("/u".into(), 5, vec![run("b", "u2")]);
        assert_eq!(messages(&runs, "/u"), ["u2"]);
    }
}
