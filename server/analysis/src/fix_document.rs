//! "Fix all" for one open document, repeated until nothing changes. The
//! editor's action must answer with edits against the text the client
//! holds, so the rounds run on a private host that starts from the
//! snapshot: the snapshot and everyone reading it see nothing of them.
//!
//! Only the document itself is rewritten and re-analysed. Another file's
//! fix that this document's fix reveals waits for that file's own fix-all,
//! as the editor's action edits one document; `iml-ls check --fix` covers
//! the whole app ([`AnalysisHost::fix_all_rounds`]).

use std::collections::HashSet;
use std::path::Path;

use text_size::{TextRange, TextSize};

use crate::diagnostics::{Diagnostic, TextEdit};
use crate::fix_all::plan_fix_all_with;
use crate::fix_choice::FixMode;
use crate::host::{Analysis, AnalysisHost};

/// What the rounds of a document's fix-all did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentFix {
    /// Against the snapshot's text, sorted, never overlapping.
    pub edits: Vec<TextEdit>,
    /// The code of each fix applied, over all rounds.
    pub applied: Vec<&'static str>,
    /// How many rounds changed the text.
    pub rounds: usize,
}

impl Analysis {
    /// Fix-all on `path` for at most `max_rounds` rounds, starting from
    /// `diagnostics` (the snapshot's own for `path`, which the caller has
    /// usually computed already). `None` when the first round finds
    /// nothing to fix, or when `stop` says the answer is no longer wanted.
    ///
    /// A round that would bring the text back to one it already had (two
    /// fixes undoing each other) ends the rounds at the current text.
    pub fn fix_document(
        &self,
        path: &Path,
        diagnostics: &[Diagnostic],
        max_rounds: usize,
        mode: FixMode,
        stop: impl Fn() -> bool,
    ) -> Option<DocumentFix> {
        let original = self.file_text(path)?;
        if max_rounds == 0 {
            return None;
        }
        let first = plan_fix_all_with(original, diagnostics, mode);
        if first.is_empty() {
            return None;
        }
        let mut applied = first.applied.clone();
        let mut current = first.apply(original);
        let mut seen = HashSet::from([original.to_owned()]);
        let mut rounds = 1;
        let mut host = AnalysisHost::from_snapshot(self);
        let mut held = original.to_owned();
        while rounds < max_rounds {
            if stop() {
                return None;
            }
            let (range, replacement) = changed_span(&held, &current);
            if host.apply_edit(path, range, replacement).is_err() {
                break;
            }
            held.clone_from(&current);
            let snapshot = host.snapshot();
            let plan = plan_fix_all_with(&current, &snapshot.diagnostics(path), mode);
            if plan.is_empty() {
                break;
            }
            let next = plan.apply(&current);
            seen.insert(current.clone());
            if seen.contains(&next) {
                break;
            }
            applied.extend(plan.applied);
            current = next;
            rounds += 1;
        }
        let edits = if rounds == 1 {
            first.edits
        } else {
            let (range, replacement) = changed_span(original, &current);
            vec![TextEdit {
                range,
                new_text: replacement.to_owned(),
            }]
        };
        Some(DocumentFix {
            edits,
            applied,
            rounds,
        })
    }
}

/// The smallest range of `old` whose replacement makes `new`, and that
/// replacement: the common prefix and suffix are left out, cut at
/// character boundaries.
fn changed_span<'new>(old: &str, new: &'new str) -> (TextRange, &'new str) {
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    // Bytes equal up to `prefix`, so a boundary in one is a boundary in the other.
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let room = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    let to_offset = |at: usize| TextSize::try_from(at).unwrap_or(TextSize::from(u32::MAX));
    (
        TextRange::new(to_offset(prefix), to_offset(old.len() - suffix)),
        &new[prefix..new.len() - suffix],
    )
}

#[cfg(test)]
mod tests;
