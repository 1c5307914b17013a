//! Signature help inside an IML function call.

use std::path::Path;

use iml_catalogue as catalogue;
use text_size::{TextRange, TextSize};

use crate::host::Analysis;

use crate::semantic::position_at;

use super::markdown;

/// The call around the cursor and where the cursor is in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureHelp {
    /// `name(a, b, [c]): type`.
    pub label: String,
    /// Byte ranges into `label`, one per parameter, in order.
    pub parameters: Vec<TextRange>,
    /// Index into `parameters`; `None` past the last parameter of a
    /// function that takes no more.
    pub active_parameter: Option<usize>,
    pub documentation: String,
}

impl Analysis {
    /// The IML function call around byte `offset` of `path`.
    pub fn signature_help(&self, path: &Path, offset: TextSize) -> Option<SignatureHelp> {
        signature_help(self, path, offset)
    }
}

pub(crate) fn signature_help(
    analysis: &Analysis,
    path: &Path,
    offset: TextSize,
) -> Option<SignatureHelp> {
    let cursor = position_at(analysis, path, offset)?;
    let call = iml_lang::call_at(&cursor.block()?.expr, cursor.decoded_offset()?)?;
    let name = call.callee.text.as_str();
    match catalogue::function(name) {
        Some(function) => Some(builtin(function, call.arg_index)),
        None if analysis.custom_function_names(path).contains(&name) => Some(SignatureHelp {
            label: format!("{name}(…)"),
            parameters: Vec::new(),
            active_parameter: None,
            documentation: format!("**`{name}`** — custom IML function of this app"),
        }),
        None => None,
    }
}

/// The label is written here (in the catalogue's `signature()` format) so
/// that each parameter's range in it is known.
fn builtin(function: &catalogue::Function, arg_index: usize) -> SignatureHelp {
    let mut label = format!("{}(", function.name);
    let mut parameters = Vec::with_capacity(function.params.len());
    for (i, param) in function.params.iter().enumerate() {
        if i > 0 {
            label.push_str(", ");
        }
        let start = label.len();
        let name = if param.variadic {
            format!("{}…", param.name)
        } else {
            param.name.to_owned()
        };
        if param.optional {
            label.push_str(&format!("[{name}]"));
        } else {
            label.push_str(&name);
        }
        let size = |n: usize| TextSize::try_from(n).unwrap_or_default();
        parameters.push(TextRange::new(size(start), size(label.len())));
    }
    label.push_str(&format!("): {}", function.returns.label()));
    let last = function.params.len().checked_sub(1);
    let active_parameter = match last {
        Some(last) if arg_index > last && function.params[last].variadic => Some(last),
        Some(last) if arg_index <= last => Some(arg_index),
        _ => None,
    };
    SignatureHelp {
        label,
        parameters,
        active_parameter,
        documentation: markdown::function(function),
    }
}

#[cfg(test)]
pub(crate) fn builtin_for_tests(function: &catalogue::Function) -> String {
    builtin(function, 0).label
}
