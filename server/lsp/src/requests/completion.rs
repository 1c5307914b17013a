//! `textDocument/completion`: keys, values, sections, IML variables,
//! members, functions and RPC names, each replacing an exact range. A
//! client that resolves documentation lazily gets lean items, which
//! `completion_resolve.rs` completes.

use iml_analysis::{CompletionItem as Item, CompletionKind, snippet_to_plain};
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    Documentation, InsertTextFormat, TextEdit,
};

use super::completion_data::ResolveData;
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
    let items = if doc.snapshot.client.completion_resolve_documentation {
        let data = ResolveData::for_request(&doc, offset).to_value();
        items
            .into_iter()
            .map(|item| lean(convert(&doc, item), &data))
            .collect()
    } else {
        items.into_iter().map(|item| convert(&doc, item)).collect()
    };
    Some(CompletionResponse::Array(items))
}

/// The full item without its documentation, and without the fields whose
/// value is the protocol's default (`filterText` is the label, plain text
/// is the default format): the list is the part every keystroke pays for.
fn lean(mut item: CompletionItem, data: &serde_json::Value) -> CompletionItem {
    item.documentation = None;
    if item.filter_text.as_ref() == Some(&item.label) {
        item.filter_text = None;
    }
    if item.insert_text_format == Some(InsertTextFormat::PLAIN_TEXT) {
        item.insert_text_format = None;
    }
    item.data = Some(data.clone());
    item
}

fn convert(doc: &DocumentSnapshot, item: Item) -> CompletionItem {
    let snippets = doc.snapshot.client.snippets;
    let documentation = documentation(doc, &item);
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
        documentation,
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

/// An item's documentation in the client's markup: the same in the full
/// list and in a resolved lean item.
pub(crate) fn documentation(doc: &DocumentSnapshot, item: &Item) -> Option<Documentation> {
    let value = item.documentation.clone()?;
    Some(doc.snapshot.client.completion_markup.documentation(value))
}

/// Whether `proposed` is the analysis item `sent` was made from: the label,
/// kind and detail the list showed, which together name one proposal.
pub(crate) fn is_made_from(sent: &CompletionItem, proposed: &Item) -> bool {
    sent.label == proposed.label
        && sent.kind == Some(kind(proposed.kind))
        && sent.detail.as_deref().unwrap_or_default() == proposed.detail
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
