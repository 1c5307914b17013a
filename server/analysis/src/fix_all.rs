//! "Fix all": every unambiguous quick fix of a file at once, as one set of
//! non-overlapping edits. The editor's `source.fixAll` action and
//! `iml-ls check --fix` both come through here, so they agree on what is
//! fixed.
//!
//! A fix is taken when it is safe (the catalogue's `fix_safety` table says
//! it keeps what the app does at run time; unsafe fixes only with
//! [`FixMode::WithUnsafe`]), its diagnostic offers exactly one (two offers
//! mean a choice only a person can make), it writes something (a fix that only
//! deletes, such as removing a directive a connection may not hold, throws
//! away text its author may want to move elsewhere, so it stays a quick fix
//! for a person to choose) and its edits touch nothing a fix taken before it
//! touches. Fixes are considered in the order of the ranges they
//! edit, so the same file always gets the same result.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use text_size::TextRange;

use crate::diagnostics::{Diagnostic, Fix, TextEdit};
use crate::fix_choice::{FixMode, collide, fits, only_deletes, span, well_formed};
use crate::host::{Analysis, AnalysisHost};
use crate::paths::file_name;
use crate::roles::{ComponentKind, RoleKind};
use crate::semantic::facts;
use crate::{app_files, config};

/// How many rounds [`AnalysisHost::fix_all_rounds`] runs at most: a fix may
/// reveal another problem with a fix, but chains are short in practice.
pub const MAX_FIX_ROUNDS: usize = 10;

/// The outcome of one fix-all pass over one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FixAll {
    /// Sorted by range, never overlapping: apply them all at once.
    pub edits: Vec<TextEdit>,
    /// The code of each diagnostic whose fix is in `edits`, in the order the
    /// fixes were taken.
    pub applied: Vec<&'static str>,
    /// Diagnostics with fixes that were left alone: more than one fix to
    /// choose from, a fix that only deletes, or edits that collide with a
    /// fix already taken. Unsafe fixes left alone are not counted here.
    pub skipped: usize,
    /// Diagnostics whose one fix is unsafe and the mode did not allow.
    pub unsafe_skipped: usize,
}

impl FixAll {
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// `text` with every edit applied. Edits that do not fit `text` (another
    /// version of the file) are left out rather than panicking.
    pub fn apply(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut pos = 0usize;
        for edit in &self.edits {
            let (start, end) = (
                usize::from(edit.range.start()),
                usize::from(edit.range.end()),
            );
            if start < pos || !fits(text, edit.range) {
                continue;
            }
            out.push_str(&text[pos..start]);
            out.push_str(&edit.new_text);
            pos = end;
        }
        out.push_str(&text[pos..]);
        out
    }
}

/// Chooses the safe fixes of `diagnostics` (all of one file whose text is
/// `text`) that fix-all applies. Pure: no analysis, so any list of
/// diagnostics can be planned.
pub fn plan_fix_all(text: &str, diagnostics: &[Diagnostic]) -> FixAll {
    plan_fix_all_with(text, diagnostics, FixMode::Safe)
}

/// [`plan_fix_all`], taking unsafe fixes too when `mode` says so.
pub fn plan_fix_all_with(text: &str, diagnostics: &[Diagnostic], mode: FixMode) -> FixAll {
    let plan = plan_selected(text, diagnostics, mode);
    if plan.is_empty() {
        return plan;
    }
    let errors_before = syntax_errors_in(text);
    if syntax_errors_in(&plan.apply(text)) > errors_before {
        return without_conflicts(text, diagnostics, mode, errors_before);
    }
    plan
}

/// The plan without the check that its fixes do not break the file together.
fn plan_selected(text: &str, diagnostics: &[Diagnostic], mode: FixMode) -> FixAll {
    let crlf = uses_crlf(text);
    let mut result = FixAll::default();
    let mut candidates: Vec<(TextRange, &Diagnostic, &Fix)> = Vec::new();
    for diagnostic in diagnostics {
        match diagnostic.fixes.as_slice() {
            [] => {}
            [fix] if only_deletes(fix) => result.skipped += 1,
            [_] if !mode.allows(diagnostic) => result.unsafe_skipped += 1,
            [fix] => match span(fix) {
                Some(span) if well_formed(text, fix) => candidates.push((span, diagnostic, fix)),
                _ => result.skipped += 1,
            },
            _ => result.skipped += 1,
        }
    }
    candidates.sort_by(|(a, da, fa), (b, db, fb)| {
        (a.start(), a.end(), da.code, &fa.title).cmp(&(b.start(), b.end(), db.code, &fb.title))
    });

    let mut taken_fixes: Vec<Vec<TextEdit>> = Vec::new();
    for (_, diagnostic, fix) in candidates {
        let edits: Vec<TextEdit> = fix
            .edits
            .iter()
            .map(|edit| TextEdit {
                range: edit.range,
                new_text: if crlf {
                    to_crlf(&edit.new_text)
                } else {
                    edit.new_text.clone()
                },
            })
            .collect();
        // Two diagnostics may ask for the very same change: it fixes both.
        if taken_fixes.contains(&edits) {
            result.applied.push(diagnostic.code);
            continue;
        }
        let clashes = edits.iter().any(|edit| {
            result
                .edits
                .iter()
                .any(|taken| collide(edit.range, taken.range))
        });
        if clashes {
            result.skipped += 1;
            continue;
        }
        result.edits.extend(edits.iter().cloned());
        taken_fixes.push(edits);
        result.applied.push(diagnostic.code);
    }
    result
        .edits
        .sort_by_key(|edit| (edit.range.start(), edit.range.end()));
    result
}

/// Fixes that do not overlap can still break the file together: one
/// renames a misspelt `sanitze` to `sanitize` while another adds the
/// `sanitize` it did not find, and the object ends with the key twice
/// (J005). Then fixes are taken one at a time, in the plan's order, each
/// only if the text has no more syntax errors with it. A fix left out is
/// planned again next round, against the text the others made, and left
/// for a person while it would still break the file.
fn without_conflicts(
    text: &str,
    diagnostics: &[Diagnostic],
    mode: FixMode,
    errors_before: usize,
) -> FixAll {
    let mut kept: Vec<Diagnostic> = Vec::new();
    let mut plan = FixAll::default();
    let mut dropped = 0;
    for diagnostic in diagnostics {
        if diagnostic.fixes.is_empty() {
            continue;
        }
        kept.push(diagnostic.clone());
        let trial = plan_selected(text, &kept, mode);
        if trial.applied.len() > plan.applied.len()
            && syntax_errors_in(&trial.apply(text)) > errors_before
        {
            kept.pop();
            dropped += 1;
        } else {
            plan = trial;
        }
    }
    plan.skipped += dropped;
    plan
}

fn syntax_errors_in(text: &str) -> usize {
    iml_jsonc::JsonDocument::parse(text.to_owned())
        .syntax_errors()
        .len()
}

/// Whether the file breaks lines with CR LF (judged by its first line
/// break): inserted lines then follow it.
fn uses_crlf(text: &str) -> bool {
    text.find('\n')
        .is_some_and(|at| at > 0 && text.as_bytes()[at - 1] == b'\r')
}

fn to_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = None;
    for c in text.chars() {
        if c == '\n' && previous != Some('\r') {
            out.push('\r');
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

impl Analysis {
    /// One fix-all pass over `path` against this snapshot: the edits apply
    /// to the text the snapshot holds. A fix may reveal a new problem with
    /// a fix of its own (a misspelt `tokne` renamed to `token` may then
    /// lack its `condition`); one pass does not see it. Callers that can
    /// re-analyse use [`AnalysisHost::fix_all_rounds`] or
    /// [`Analysis::fix_document`].
    pub fn fix_all(&self, path: &Path) -> FixAll {
        self.fix_all_with(path, FixMode::Safe)
    }

    /// [`Analysis::fix_all`] in `mode`.
    pub fn fix_all_with(&self, path: &Path, mode: FixMode) -> FixAll {
        let Some(text) = self.file_text(path) else {
            return FixAll::default();
        };
        plan_fix_all_with(text, &self.diagnostics(path), mode)
    }
}

/// A file that fix-all rewrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedFile {
    pub path: PathBuf,
    /// The text after the last round, as the host now holds it.
    pub text: String,
    /// The code of each fix applied, over all rounds.
    pub applied: Vec<&'static str>,
}

impl AnalysisHost {
    /// Fix-all on each of `paths`, re-analysing between rounds so that
    /// problems a fix reveals are fixed too, for at most `max_rounds`
    /// rounds. The host ends up holding the fixed texts.
    ///
    /// The command line uses it. The editor's action edits one document
    /// and answers against the text the client holds, so it runs its
    /// rounds on a private copy of the snapshot instead
    /// ([`Analysis::fix_document`]).
    ///
    /// A round that would bring a file back to a text it already had
    /// (two fixes undoing each other) stops that file at its current text.
    /// All files of a round are planned against the same snapshot, so each
    /// round rebuilds the app model once; the first round plans every file,
    /// later ones only those [`next_round`] says the last round's changes
    /// can reach.
    pub fn fix_all_rounds(
        &mut self,
        paths: &[PathBuf],
        max_rounds: usize,
        mode: FixMode,
    ) -> Vec<FixedFile> {
        self.fix_rounds(paths, max_rounds, mode, Replan::Reached)
    }

    fn fix_rounds(
        &mut self,
        paths: &[PathBuf],
        max_rounds: usize,
        mode: FixMode,
        replan: Replan,
    ) -> Vec<FixedFile> {
        let mut fixed: Vec<FixedFile> = Vec::new();
        let mut fixed_at: HashMap<&Path, usize> = HashMap::new();
        let mut seen: Vec<HashSet<String>> = paths.iter().map(|_| HashSet::new()).collect();
        // Files the snapshot does not hold, or that came back to a text they
        // had: no later round plans them.
        let mut stopped = vec![false; paths.len()];
        let mut due: Vec<usize> = (0..paths.len()).collect();
        for _ in 0..max_rounds {
            let before = self.snapshot();
            let due_paths: Vec<&Path> = due.iter().map(|&index| paths[index].as_path()).collect();
            let plans = plan_in_parallel(&before, &due_paths, mode);
            let mut changes: Vec<(usize, String, Vec<&'static str>)> = Vec::new();
            for (&index, plan) in due.iter().zip(plans) {
                let Some(text) = before.file_text(&paths[index]) else {
                    stopped[index] = true;
                    continue;
                };
                if plan.is_empty() {
                    continue;
                }
                seen[index].insert(text.to_owned());
                let next = plan.apply(text);
                if seen[index].contains(&next) {
                    stopped[index] = true;
                    continue;
                }
                changes.push((index, next, plan.applied));
            }
            if changes.is_empty() {
                break;
            }
            let changed: Vec<usize> = changes.iter().map(|(index, _, _)| *index).collect();
            for (index, text, applied) in changes {
                let path = &paths[index];
                self.set_file(path.clone(), text.clone());
                match fixed_at.get(path.as_path()) {
                    Some(&at) => {
                        fixed[at].text = text;
                        fixed[at].applied.extend(applied);
                    }
                    None => {
                        fixed_at.insert(path, fixed.len());
                        fixed.push(FixedFile {
                            path: path.clone(),
                            text,
                            applied,
                        });
                    }
                }
            }
            let after = self.snapshot();
            due = match replan {
                Replan::Reached => next_round(&before, &after, paths, &changed),
                #[cfg(test)]
                Replan::Everything => (0..paths.len()).collect(),
            };
            due.retain(|&index| !stopped[index]);
        }
        fixed
    }
}

/// Which files the rounds after the first plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Replan {
    /// Those the last round's changes can reach: what `--fix` runs.
    Reached,
    /// Every file, every round: the reference the tests hold the other to.
    #[cfg(test)]
    Everything,
}

/// The files of `paths` whose plans the changes of one round (`changed`,
/// from snapshot `before` to `after`) may have altered.
///
/// Every other file had an empty plan when it was last planned and reads
/// nothing that changed since, so planning it again would give an empty
/// plan again: skipping it changes no result. What a file's diagnostics read
/// of another file (as `rules/`, `semantic/`, `review/` and `spec_tests/`
/// stand) is:
/// - the app model and the roles, built from roles and layout files only;
/// - the `iml-ls.toml` files above it;
/// - the facts of other files (`semantic::facts`): parameters, `data` and
///   `common` keys, interface fields, sample keys;
/// - the raw content of a few files: the Base (`rules/request.rs`), a
///   connection's parameters, scope list and communication (`sanitize.rs`,
///   `scopes.rs`, [`Analysis::connection_kind`]), and for a spec test the
///   files of the component it tests (`spec_tests/`).
///
/// So a changed file stays private, seen by nobody but itself and the spec
/// tests, when it is no layout or configuration file, keeps its role and its
/// facts, and belongs to a module: no file reads a module's files raw but
/// the spec tests. Any other change may reach any file, and every file is
/// planned again (the rule is coarse there because such changes are rare:
/// most fixes touch module and connection communications). Spec tests read
/// so much that they are planned after every round that changed anything.
///
/// Whoever makes a rule read another file in a new way must keep this list
/// true; `incremental_rounds_match_planning_everything` in the tests runs
/// both ways over the fixtures.
fn next_round(
    before: &Analysis,
    after: &Analysis,
    paths: &[PathBuf],
    changed: &[usize],
) -> Vec<usize> {
    let seen_elsewhere = changed
        .iter()
        .any(|&index| seen_by_others(before, after, &paths[index]));
    if seen_elsewhere {
        return (0..paths.len()).collect();
    }
    // Asked of `after` each round: a round that changed a role planned
    // everything, and the next one must know the spec tests as they are now.
    let spec_tests =
        (0..paths.len()).filter(|&index| after.role(&paths[index]).kind == RoleKind::SpecTest);
    let mut due: Vec<usize> = changed.iter().copied().chain(spec_tests).collect();
    due.sort_unstable();
    due.dedup();
    due
}

/// Whether files other than `path` (and the spec tests) may read what
/// changed in it between `before` and `after`; see [`next_round`].
fn seen_by_others(before: &Analysis, after: &Analysis, path: &Path) -> bool {
    if config::is_config_file(path) || app_files::is_layout_file_name(file_name(path)) {
        return true;
    }
    let role = after.role(path);
    if before.role(path) != role {
        return true;
    }
    if role
        .component
        .is_none_or(|component| component.kind != ComponentKind::Module)
    {
        return true;
    }
    facts(before, path) != facts(after, path)
}

/// Plans below this many files stay on one thread: starting threads costs
/// more than they save.
const FILES_PER_THREAD: usize = 64;

/// [`Analysis::fix_all_with`] for each of `paths`, in their order, spread
/// over the machine's cores: the snapshot is shared read-only, and each
/// file's plan depends on the snapshot alone.
fn plan_in_parallel(analysis: &Analysis, paths: &[&Path], mode: FixMode) -> Vec<FixAll> {
    let threads = thread::available_parallelism()
        .map_or(1, usize::from)
        .min(paths.len() / FILES_PER_THREAD);
    if threads <= 1 {
        return paths
            .iter()
            .map(|path| analysis.fix_all_with(path, mode))
            .collect();
    }
    // Files differ in cost, so workers take the next file as they finish
    // one rather than a fixed share.
    let next = AtomicUsize::new(0);
    let mut plans: Vec<FixAll> = vec![FixAll::default(); paths.len()];
    thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = paths.get(index) else {
                            return done;
                        };
                        done.push((index, analysis.fix_all_with(path, mode)));
                    }
                })
            })
            .collect();
        for worker in workers {
            match worker.join() {
                Ok(done) => {
                    for (index, plan) in done {
                        plans[index] = plan;
                    }
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    plans
}

#[cfg(test)]
mod tests;
