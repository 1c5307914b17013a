//! Which fix fix-all takes for one diagnostic, before collisions with other
//! fixes are weighed: the diagnostic offers exactly one fix, the fix writes
//! something, its edits fit the text and each other, and the mode allows its
//! kind. A diagnostic's "fixable" mark and the fix-all plan both ask here, so
//! they cannot disagree.

use text_size::TextRange;

use crate::diagnostics::{Diagnostic, Fix};

/// Which fixes fix-all may take.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FixMode {
    /// Safe fixes only: the editor's fix-all and `--fix`.
    #[default]
    Safe,
    /// Unsafe fixes too: `--fix --unsafe-fixes`.
    WithUnsafe,
}

impl FixMode {
    pub(crate) fn allows(self, diagnostic: &Diagnostic) -> bool {
        self == FixMode::WithUnsafe || iml_catalogue::fix_is_safe(diagnostic.code)
    }
}

impl Diagnostic {
    /// Whether `iml-ls check --fix` and the editor's fix-all apply this
    /// diagnostic's fix without being asked for unsafe fixes (the "fixable"
    /// mark). See [`FixMode`] for the rest.
    pub fn is_auto_fixable(&self) -> bool {
        self.is_fixable_in(FixMode::Safe)
    }

    /// Whether fix-all in `mode` takes this diagnostic's fix (when no other
    /// fix collides with it).
    pub fn is_fixable_in(&self, mode: FixMode) -> bool {
        taken_by_fix_all(self, mode)
    }
}

/// Whether fix-all in `mode` takes `diagnostic`'s fix when nothing else
/// collides with it: one fix, that writes something, of a kind `mode`
/// allows.
pub(crate) fn taken_by_fix_all(diagnostic: &Diagnostic, mode: FixMode) -> bool {
    matches!(diagnostic.fixes.as_slice(), [fix] if !only_deletes(fix)) && mode.allows(diagnostic)
}

/// Whether `range` lies inside `text` on character boundaries.
pub(crate) fn fits(text: &str, range: TextRange) -> bool {
    let (start, end) = (usize::from(range.start()), usize::from(range.end()));
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// Two edits collide when they share a byte, or start at the same offset:
/// two insertions at one point (or an insertion where a replacement starts)
/// have no order the fixes agreed on.
pub(crate) fn collide(a: TextRange, b: TextRange) -> bool {
    a.start() == b.start() || (a.start() < b.end() && b.start() < a.end())
}

/// The span a fix edits, from its first edit's start to its last edit's end.
pub(crate) fn span(fix: &Fix) -> Option<TextRange> {
    let start = fix.edits.iter().map(|edit| edit.range.start()).min()?;
    let end = fix.edits.iter().map(|edit| edit.range.end()).max()?;
    Some(TextRange::new(start, end))
}

/// Whether a fix removes text and writes nothing but separators and
/// blanks in its place.
pub(crate) fn only_deletes(fix: &Fix) -> bool {
    fix.edits.iter().any(|edit| !edit.range.is_empty())
        && fix
            .edits
            .iter()
            .all(|edit| edit.new_text.chars().all(|c| c.is_whitespace() || c == ','))
}

/// Whether the edits of one fix can be applied together: inside the text and
/// not colliding with each other.
pub(crate) fn well_formed(text: &str, fix: &Fix) -> bool {
    fix.edits.iter().all(|edit| fits(text, edit.range))
        && fix.edits.iter().enumerate().all(|(i, a)| {
            fix.edits[i + 1..]
                .iter()
                .all(|b| !collide(a.range, b.range))
        })
}

/// The fix fix-all takes for `diagnostic` of a file holding `text` under
/// `mode`, with the span it edits; `None` when the diagnostic's fixes are left
/// for a person to choose or need `--unsafe-fixes`. What a report calls
/// "fixable" is this function's answer, so it follows whatever fix-all applies.
/// (Overlap with a fix taken before it is decided later, by the plan.)
pub fn fix_all_choice<'a>(
    text: &str,
    diagnostic: &'a Diagnostic,
    mode: FixMode,
) -> Option<(TextRange, &'a Fix)> {
    match diagnostic.fixes.as_slice() {
        [fix] if !only_deletes(fix) && mode.allows(diagnostic) && well_formed(text, fix) => {
            Some((span(fix)?, fix))
        }
        _ => None,
    }
}
