//! `textDocument/definition`: where a parameter, connection data key, `temp`
//! or common key, RPC or custom function is declared or written.

use tower_lsp_server::ls_types::{GotoDefinitionParams, GotoDefinitionResponse, LocationLink};

use crate::dispatch::Context;
use crate::snapshot::DocumentSnapshot;

pub(crate) fn definition(
    mut doc: DocumentSnapshot,
    params: GotoDefinitionParams,
    _: &Context,
) -> Option<GotoDefinitionResponse> {
    let position = params.text_document_position_params;
    let offset = doc.offset(position.position);
    let definition = doc.snapshot.analysis.goto_definition(&doc.path, offset)?;
    if doc.snapshot.client.definition_links {
        let origin = doc.range(definition.origin);
        let links: Vec<LocationLink> = definition
            .targets
            .iter()
            .filter_map(|target| {
                let snapshot = &mut doc.snapshot;
                Some(LocationLink {
                    origin_selection_range: Some(origin),
                    target_uri: snapshot.uri(&target.file)?,
                    target_range: snapshot.range(&target.file, target.full_range)?,
                    target_selection_range: snapshot.range(&target.file, target.focus_range)?,
                })
            })
            .collect();
        return (!links.is_empty()).then_some(GotoDefinitionResponse::Link(links));
    }
    let locations: Vec<_> = definition
        .targets
        .iter()
        .filter_map(|target| doc.snapshot.location(&target.file, target.focus_range))
        .collect();
    (!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations))
}
