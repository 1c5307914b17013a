//! `textDocument/codeLens`: a "Run" lens on each case of a spec-test file,
//! which runs that case through `workspace/executeCommand`.

use serde_json::json;
use tower_lsp_server::ls_types::{CodeLens, CodeLensParams, Command};

use crate::dispatch::Context;
use crate::lsp_ext::RUN_SPEC_TEST;
use crate::snapshot::DocumentSnapshot;

pub(crate) fn code_lens(
    doc: DocumentSnapshot,
    _: CodeLensParams,
    _: &Context,
) -> Option<Vec<CodeLens>> {
    let cases = doc.snapshot.analysis.spec_test_cases(&doc.path);
    let lenses: Vec<CodeLens> = cases
        .into_iter()
        .map(|case| CodeLens {
            range: doc.range(case.range),
            command: Some(Command {
                title: "▶ Run".to_owned(),
                command: RUN_SPEC_TEST.to_owned(),
                arguments: Some(vec![json!(doc.uri.as_str()), json!(case.name)]),
            }),
            data: None,
        })
        .collect();
    (!lenses.is_empty()).then_some(lenses)
}
