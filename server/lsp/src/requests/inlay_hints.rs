//! `textDocument/inlayHint`: redirect URI values and IML argument names
//! (the latter switchable with `imlLs.inlayHints.parameterNames`).

use iml_analysis::ide::{InlayHintKind as Kind, InlayHintsConfig};
use tower_lsp_server::ls_types::{
    InlayHint, InlayHintKind, InlayHintLabel, InlayHintParams, InlayHintTooltip,
};

use crate::dispatch::Context;
use crate::snapshot::DocumentSnapshot;

pub(crate) fn inlay_hints(
    doc: DocumentSnapshot,
    params: InlayHintParams,
    _: &Context,
) -> Option<Vec<InlayHint>> {
    let range = doc.byte_range(params.range);
    let config = InlayHintsConfig {
        parameter_names: doc.snapshot.config.inlay_parameter_names(),
        ..InlayHintsConfig::default()
    };
    let hints = doc
        .snapshot
        .analysis
        .inlay_hints(&doc.path, Some(range), &config);
    Some(
        hints
            .into_iter()
            .filter(|hint| !hint.label.is_empty())
            .map(|hint| InlayHint {
                position: doc.position(hint.offset),
                label: InlayHintLabel::String(hint.label),
                kind: match hint.kind {
                    Kind::Parameter => Some(InlayHintKind::PARAMETER),
                    Kind::Value => None,
                },
                text_edits: None,
                tooltip: hint.tooltip.map(InlayHintTooltip::String),
                padding_left: Some(hint.padding_left),
                padding_right: Some(hint.padding_right),
                data: None,
            })
            .collect(),
    )
}
