//! `textDocument/formatting` and `textDocument/rangeFormatting` with the
//! client's indentation options. A document with syntax errors is left as
//! it is (no edits): its structure is a guess.

use iml_jsonc::format::{FormatOptions, TextEdit as FormatEdit, format_document, format_range};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    DocumentFormattingParams, DocumentRangeFormattingParams, FormattingOptions, TextEdit,
};

use crate::server::Server;
use crate::snapshot::DocumentSnapshot;

pub const METHOD: &str = "textDocument/formatting";
pub const RANGE_METHOD: &str = "textDocument/rangeFormatting";

impl Server {
    pub(crate) async fn format_document(
        &self,
        params: DocumentFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        let options = format_options(&params.options);
        self.on_document(METHOD, &params.text_document.uri, move |doc, _| {
            let text = doc.rope.to_string();
            let edits = format_document(&text, &options)?;
            Some(convert(&doc, &edits))
        })
        .await
    }

    pub(crate) async fn format_range(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        let options = format_options(&params.options);
        self.on_document(RANGE_METHOD, &params.text_document.uri, move |doc, _| {
            let text = doc.rope.to_string();
            let edits = format_range(&text, doc.byte_range(params.range), &options)?;
            Some(convert(&doc, &edits))
        })
        .await
    }
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
