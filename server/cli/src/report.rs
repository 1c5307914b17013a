//! The result of a run as plain data, shared by every output format.

use std::path::PathBuf;
use std::sync::Arc;

use iml_analysis::{Safety, Severity, TextRange, TextSize};
use line_index::{LineIndex, WideEncoding};

/// A 1-based line and a 1-based column counted in Unicode scalar values
/// (characters), plus the byte offset it was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub offset: u32,
}

/// One edit of a quick fix, with positions resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixEdit {
    pub range: TextRange,
    pub start: Position,
    pub end: Position,
    pub new_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixReport {
    pub title: String,
    pub edits: Vec<FixEdit>,
    /// Whether the fix keeps what the app does at run time (the
    /// catalogue's classification of the rule's fixes).
    pub safety: Safety,
}

/// One diagnostic ready to print: severity after configuration, range
/// clamped to the text and converted to line/column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub range: TextRange,
    pub start: Position,
    /// Exclusive: the position just after the last character of the range.
    pub end: Position,
    pub fixes: Vec<FixReport>,
    /// Whether `--fix` applies the fix unasked: the choice fix-all makes in its
    /// safe mode (`iml_analysis::fix_all_choice`).
    pub auto_fixable: bool,
    /// Whether `--fix --unsafe-fixes` applies it and `--fix` alone does not.
    pub needs_unsafe_fixes: bool,
}

/// Everything reported about one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// Absolute, lexically normalised path.
    pub path: PathBuf,
    /// The path as printed: relative to the working directory when possible,
    /// always with `/` separators.
    pub display: String,
    /// The text, when the file could be read; code frames need it.
    pub text: Option<Arc<str>>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
    /// Problems `--fix` can repair.
    pub fixable: usize,
}

/// The whole run: files sorted by displayed path, findings sorted by offset.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub files: Vec<FileReport>,
    /// Number of files analysed (also those without findings).
    pub files_checked: usize,
    /// What `--fix` wrote; `None` on a run without it.
    pub fixed: Option<FixOutcome>,
    /// Under a profile (`--profile` or `iml-ls.toml`): the component each
    /// checked file belongs to, for the review summary.
    pub components: Option<std::collections::BTreeMap<PathBuf, String>>,
}

/// The files `--fix` rewrote; the findings are those that remain after.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FixOutcome {
    /// Fixes applied, over every file and round.
    pub fixes: usize,

    /// Displayed paths of the files written, sorted.
    pub files: Vec<String>,
    /// Files whose fixes were not written: displayed path and reason. They
    /// are reported as they are on disk.
    pub failures: Vec<(String, String)>,
}

impl FixOutcome {
    pub fn merge(&mut self, other: FixOutcome) {
        self.fixes += other.fixes;

        self.files.extend(other.files);
        self.failures.extend(other.failures);
    }
}

impl CheckReport {
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            files: self.files_checked,
            ..Summary::default()
        };
        for finding in self.files.iter().flat_map(|file| &file.findings) {
            match finding.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
                Severity::Hint => summary.hints += 1,
            }
            summary.fixable += usize::from(finding.auto_fixable);
        }
        summary
    }

    pub fn findings(&self) -> impl Iterator<Item = (&FileReport, &Finding)> {
        self.files
            .iter()
            .flat_map(|file| file.findings.iter().map(move |finding| (file, finding)))
    }
}

pub fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
        Severity::Hint => "hint",
    }
}

/// Converts byte offsets of one text to positions. Offsets past the end or
/// inside a UTF-8 sequence are moved back to the nearest character boundary,
/// so a faulty range can never make the run fail.
pub struct Positions<'a> {
    text: &'a str,
    index: LineIndex,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            index: LineIndex::new(text),
        }
    }

    pub fn clamp(&self, offset: u32) -> u32 {
        let mut offset = (offset as usize).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset as u32
    }

    pub fn clamp_range(&self, range: TextRange) -> TextRange {
        let start = self.clamp(range.start().into());
        let end = self.clamp(range.end().into()).max(start);
        TextRange::new(start.into(), end.into())
    }

    pub fn position(&self, offset: u32) -> Position {
        let offset = self.clamp(offset);
        let utf8 = self.index.line_col(TextSize::from(offset));
        let column = self
            .index
            .to_wide(WideEncoding::Utf32, utf8)
            .map_or(utf8.col, |wide| wide.col);
        Position {
            line: utf8.line + 1,
            column: column + 1,
            offset,
        }
    }
}

/// A position for findings on files without text (unreadable, binary, …).
pub const FILE_START: Position = Position {
    line: 1,
    column: 1,
    offset: 0,
};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "{\n  \"café\": \"☕\",\r\n  \"x\": 1\n}";
        let positions = Positions::new(text);
        let colon = text.find(':').unwrap() as u32;
        assert_eq!(
            positions.position(colon),
            Position {
                line: 2,
                column: 9,
                offset: colon
            }
        );
        let x = text.find("\"x\"").unwrap() as u32;
        assert_eq!(
            positions.position(x),
            Position {
                line: 3,
                column: 3,
                offset: x
            }
        );
        // Inside the three bytes of ☕: moved back to its first byte.
        let cup = text.find('☕').unwrap() as u32;
        assert_eq!(positions.position(cup + 1), positions.position(cup));
        assert_eq!(positions.position(u32::MAX).offset, text.len() as u32);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_range_is_clamped_to_a_valid_one(text in "\\PC{0,40}(\r?\n\\PC{0,20}){0,4}", start in 0u32..200, len in 0u32..200) {
            let positions = Positions::new(&text);
            let range = positions.clamp_range(TextRange::new(start.into(), start.saturating_add(len).into()));
            prop_assert!(usize::from(range.end()) <= text.len());
            prop_assert!(text.is_char_boundary(range.start().into()) && text.is_char_boundary(range.end().into()));
            let (from, to) = (positions.position(range.start().into()), positions.position(range.end().into()));
            prop_assert!(from.line >= 1 && from.column >= 1);
            prop_assert!((from.line, from.column) <= (to.line, to.column));
        }
    }
}
