//! `textDocument/signatureHelp`: the IML function call around the cursor.

use iml_analysis::TextRange;
use tower_lsp_server::ls_types::{
    ParameterInformation, ParameterLabel, SignatureHelp, SignatureHelpParams, SignatureInformation,
};

use crate::dispatch::Context;
use crate::positions::PositionEncoding;
use crate::snapshot::DocumentSnapshot;

pub(crate) fn signature_help(
    doc: DocumentSnapshot,
    params: SignatureHelpParams,
    _: &Context,
) -> Option<SignatureHelp> {
    let position = params.text_document_position_params;
    let offset = doc.offset(position.position);
    let help = doc.snapshot.analysis.signature_help(&doc.path, offset)?;
    let encoding = doc.snapshot.client.encoding;
    let markup = doc.snapshot.client.signature_markup;
    let parameters: Vec<ParameterInformation> = help
        .parameters
        .iter()
        .filter_map(|range| {
            Some(ParameterInformation {
                label: ParameterLabel::LabelOffsets(label_offsets(&help.label, *range, encoding)?),
                documentation: None,
            })
        })
        .collect();
    // Past the last parameter: an index outside the list marks none active.
    let active = help
        .active_parameter
        .unwrap_or(parameters.len())
        .try_into()
        .unwrap_or(u32::MAX);
    Some(SignatureHelp {
        signatures: vec![SignatureInformation {
            label: help.label,
            documentation: (!help.documentation.is_empty())
                .then(|| markup.documentation(help.documentation)),
            parameters: Some(parameters),
            active_parameter: Some(active),
        }],
        active_signature: Some(0),
        active_parameter: Some(active),
    })
}

/// A byte range of the label as offsets in the negotiated unit.
fn label_offsets(label: &str, range: TextRange, encoding: PositionEncoding) -> Option<[u32; 2]> {
    let start = label.get(..usize::from(range.start()))?;
    let inner = label.get(usize::from(range.start())..usize::from(range.end()))?;
    let start = u32::try_from(encoding.units(start)).ok()?;
    let end = start + u32::try_from(encoding.units(inner)).ok()?;
    Some([start, end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use iml_analysis::TextSize;

    #[test]
    fn offsets_count_in_the_negotiated_unit() {
        let label = "f(ü: text, n: number)";
        let second = TextRange::new(TextSize::new(12), TextSize::new(21));
        assert_eq!(&label[second], "n: number");
        assert_eq!(
            label_offsets(label, second, PositionEncoding::Utf8),
            Some([12, 21])
        );
        assert_eq!(
            label_offsets(label, second, PositionEncoding::Utf16),
            Some([11, 20])
        );
    }
}
