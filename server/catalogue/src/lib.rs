//! Make's facts as data: directives, response keys, sections, enums, IML
//! functions and variables by context, parameter types and rule metadata.

/// How loud a diagnostic is. Rules carry a default; users may override it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}
