//! `textDocument/formatting` and `textDocument/rangeFormatting` with the
//! client's indentation options. A document with syntax errors is left as
//! it is (no edits): its structure is a guess.

use iml_jsonc::format::{FormatOptions, TextEdit as FormatEdit, format_document, format_range};
use tower_lsp_server::ls_types::{
    DocumentFormattingParams, DocumentRangeFormattingParams, FormattingOptions, TextEdit,
};

use crate::dispatch::Context;
use crate::snapshot::DocumentSnapshot;

pub(crate) fn formatting(
    doc: DocumentSnapshot,
    params: DocumentFormattingParams,
    _: &Context,
) -> Option<Vec<TextEdit>> {
    let options = format_options(&params.options);
    let text = doc.rope.to_string();
    let edits = format_document(&text, &options)?;
    Some(convert(&doc, &edits))
}

pub(crate) fn range_formatting(
    doc: DocumentSnapshot,
    params: DocumentRangeFormattingParams,
    _: &Context,
) -> Option<Vec<TextEdit>> {
    let options = format_options(&params.options);
    let text = doc.rope.to_string();
    let edits = format_range(&text, doc.byte_range(params.range), &options)?;
    Some(convert(&doc, &edits))
}

fn format_options(options: &FormattingOptions) -> FormatOptions {
    FormatOptions {
        tab_size: options.tab_size,
        insert_spaces: options.insert_spaces,
        insert_final_newline: options.insert_final_newline.unwrap_or(false),
        trim_final_newlines: options.trim_final_newlines.unwrap_or(false),
    }
}

fn convert(doc: &DocumentSnapshot, edits: &[FormatEdit]) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|edit| TextEdit::new(doc.range(edit.range), edit.new_text.clone()))
        .collect()
}
