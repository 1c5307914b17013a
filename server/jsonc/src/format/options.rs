//! The settings a caller passes to the formatter, kept apart from the
//! formatting functions so that the layout code can read them without
//! depending on its own entry points.

/// How to indent and how to end the file; mirrors LSP's `FormattingOptions`
/// (absent optional flags there map to `false` here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormatOptions {
    /// Width of one indentation level in spaces (used when `insert_spaces`).
    pub tab_size: u32,
    /// Indent with `tab_size` spaces per level; otherwise with one tab.
    pub insert_spaces: bool,
    /// End the file with a line break when it has none.
    pub insert_final_newline: bool,
    /// Keep at most one line break at the end of the file.
    pub trim_final_newlines: bool,
}

impl Default for FormatOptions {
    fn default() -> Self {
        FormatOptions {
            tab_size: 2,
            insert_spaces: true,
            insert_final_newline: false,
            trim_final_newlines: false,
        }
    }
}
