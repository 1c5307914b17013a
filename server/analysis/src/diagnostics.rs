use text_size::TextRange;

use crate::Severity;
pub use iml_catalogue::Safety;

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable rule code from the catalogue, e.g. `J003` or `C002`.
    pub code: &'static str,
    pub severity: Severity,
    /// Names the problem and the fix.
    pub message: String,
    /// Byte range in the file the diagnostic belongs to.
    pub range: TextRange,
    /// A longer hint, shown as a help line.
    pub help: Option<String>,
    /// Quick fixes that are clear enough to offer.
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    /// Whether the diagnostic's fixes keep what the app does at run time
    /// (`None` when it offers none). The rule's entry in the catalogue
    /// decides; a rule without one counts as unsafe.
    pub fn fix_safety(&self) -> Option<Safety> {
        if self.fixes.is_empty() {
            return None;
        }
        Some(if iml_catalogue::fix_is_safe(self.code) {
            Safety::Safe
        } else {
            Safety::Unsafe
        })
    }

    /// Whether `iml-ls check --fix` and the editor's fix-all apply this
    /// diagnostic's fix without being asked for unsafe fixes (the "fixable"
    /// mark). See [`crate::FixMode`] for the rest.
    pub fn is_auto_fixable(&self) -> bool {
        self.is_fixable_in(crate::FixMode::Safe)
    }

    /// Whether fix-all in `mode` takes this diagnostic's fix (when no other
    /// fix collides with it).
    pub fn is_fixable_in(&self, mode: crate::FixMode) -> bool {
        crate::fix_all::taken_by_fix_all(self, mode)
    }
}

/// A quick fix: edits to the same file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub range: TextRange,
    pub new_text: String,
}
