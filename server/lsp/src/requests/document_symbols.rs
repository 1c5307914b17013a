//! `textDocument/documentSymbol`: the outline of one file, nested for
//! clients that can show a tree and flattened for the others.

use iml_analysis::ide::{DocumentSymbol as Symbol, SymbolKind as Kind};
use tower_lsp_server::ls_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, Location, SymbolInformation,
    SymbolKind,
};

use crate::dispatch::Context;
use crate::snapshot::DocumentSnapshot;

pub(crate) fn document_symbols(
    doc: DocumentSnapshot,
    _: DocumentSymbolParams,
    _: &Context,
) -> Option<DocumentSymbolResponse> {
    let symbols = doc.snapshot.analysis.document_symbols(&doc.path);
    if doc.snapshot.client.hierarchical_symbols {
        let nested = symbols.iter().map(|symbol| nested(&doc, symbol)).collect();
        return Some(DocumentSymbolResponse::Nested(nested));
    }
    let mut flat = Vec::new();
    for symbol in &symbols {
        flatten(&doc, symbol, None, &mut flat);
    }
    Some(DocumentSymbolResponse::Flat(flat))
}

pub fn symbol_kind(kind: Kind) -> SymbolKind {
    match kind {
        Kind::Section => SymbolKind::NAMESPACE,
        Kind::Request => SymbolKind::METHOD,
        Kind::Response => SymbolKind::OBJECT,
        Kind::Parameter => SymbolKind::VARIABLE,
        Kind::Property => SymbolKind::PROPERTY,
        Kind::Element => SymbolKind::OBJECT,
        Kind::Component => SymbolKind::MODULE,
        Kind::Rpc | Kind::Function => SymbolKind::FUNCTION,
        Kind::ConnectionData => SymbolKind::FIELD,
    }
}

/// Clients reject symbols with empty names (an empty JSON key is legal).
pub fn visible_name(name: &str) -> String {
    if name.trim().is_empty() {
        format!("\"{name}\"")
    } else {
        name.to_owned()
    }
}

#[allow(deprecated)] // `deprecated` is a required field of the struct.
fn nested(doc: &DocumentSnapshot, symbol: &Symbol) -> DocumentSymbol {
    DocumentSymbol {
        name: visible_name(&symbol.name),
        detail: symbol.detail.clone(),
        kind: symbol_kind(symbol.kind),
        tags: None,
        deprecated: None,
        range: doc.range(symbol.range),
        selection_range: doc.range(symbol.selection_range),
        children: (!symbol.children.is_empty()).then(|| {
            symbol
                .children
                .iter()
                .map(|child| nested(doc, child))
                .collect()
        }),
    }
}

#[allow(deprecated)] // `deprecated` is a required field of the struct.
fn flatten(
    doc: &DocumentSnapshot,
    symbol: &Symbol,
    container: Option<&str>,
    out: &mut Vec<SymbolInformation>,
) {
    out.push(SymbolInformation {
        name: visible_name(&symbol.name),
        kind: symbol_kind(symbol.kind),
        tags: None,
        deprecated: None,
        location: Location::new(doc.uri.clone(), doc.range(symbol.range)),
        container_name: container.map(str::to_owned),
    });
    for child in &symbol.children {
        flatten(doc, child, Some(&symbol.name), out);
    }
}
