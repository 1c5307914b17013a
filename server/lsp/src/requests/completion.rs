//! `textDocument/completion`: keys, values, sections, IML variables,
//! members, functions and RPC names, each replacing an exact range.

use iml_analysis::{CompletionItem as Item, CompletionKind, snippet_to_plain};
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    InsertTextFormat, TextEdit,
};

use crate::dispatch::Context;
use crate::snapshot::DocumentSnapshot;

pub(crate) fn completion(
    doc: DocumentSnapshot,
    params: CompletionParams,
    context: &Context,
) -> Option<CompletionResponse> {
    let position = params.text_document_position;
    let offset = doc.offset(position.position);
    let items = doc.snapshot.analysis.completions(&doc.path, offset);
    if context.cancel.is_cancelled() || items.is_empty() {
        return None;
    }
    let items = items.into_iter().map(|item| convert(&doc, item)).collect();
    Some(CompletionResponse::Array(items))
}

fn convert(doc: &DocumentSnapshot, item: Item) -> CompletionItem {
    let snippets = doc.snapshot.client.snippets;
    let (new_text, format) = if item.is_snippet && snippets {
        (item.insert_text, InsertTextFormat::SNIPPET)
    } else if item.is_snippet {
        (
            snippet_to_plain(&item.insert_text),
            InsertTextFormat::PLAIN_TEXT,
        )
    } else {
        (item.insert_text, InsertTextFormat::PLAIN_TEXT)
    };
    CompletionItem {
        label: item.label,
        kind: Some(kind(item.kind)),
        detail: (!item.detail.is_empty()).then_some(item.detail),
        documentation: item
            .documentation
            .map(|value| doc.snapshot.client.completion_markup.documentation(value)),
        sort_text: Some(item.sort_text),
        filter_text: Some(item.filter_text),
        insert_text_format: Some(format),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            doc.range(item.replace_range),
            new_text,
        ))),
        ..CompletionItem::default()
    }
}

pub fn kind(kind: CompletionKind) -> CompletionItemKind {
    match kind {
        CompletionKind::Property | CompletionKind::ParameterKey => CompletionItemKind::PROPERTY,
        CompletionKind::Section => CompletionItemKind::STRUCT,
        CompletionKind::EnumMember => CompletionItemKind::ENUM_MEMBER,
        CompletionKind::Value => CompletionItemKind::VALUE,
        CompletionKind::Variable => CompletionItemKind::VARIABLE,
        CompletionKind::Field => CompletionItemKind::FIELD,
        CompletionKind::Function | CompletionKind::CustomFunction => CompletionItemKind::FUNCTION,
        CompletionKind::Keyword => CompletionItemKind::KEYWORD,
        CompletionKind::Component => CompletionItemKind::MODULE,
        CompletionKind::Snippet => CompletionItemKind::SNIPPET,
    }
}
