//! `textDocument/codeLens`: a "Run" lens on each case of a spec-test file,
//! which runs that case through `workspace/executeCommand`.

use serde_json::json;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{CodeLens, CodeLensParams, Command};

use super::execute_command::RUN_SPEC_TEST;
use crate::server::Server;

pub const METHOD: &str = "textDocument/codeLens";

impl Server {
    pub(crate) async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.on_document(METHOD, &params.text_document.uri, move |doc, _| {
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
        })
        .await
    }
}
