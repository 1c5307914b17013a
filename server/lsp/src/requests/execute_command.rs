//! `workspace/executeCommand`: the commands the server offers (`lsp_ext.rs`).
//! One so far, `iml-ls.runSpecTest`, which runs a spec-test file's cases (or one of
//! them) against the app as the editor holds it, keeps the failures to
//! publish as `T006` diagnostics in the test file, and answers with a
//! summary.

use iml_analysis::CaseStatus;
use serde_json::{Value, json};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{ExecuteCommandParams, MessageType, Uri};

use crate::dispatch::{isolated, wait_for_app_of};
use crate::lsp_ext::{COMMANDS, RUN_SPEC_TEST};
use crate::server::Server;
use crate::threads::Thread;

pub const METHOD: &str = "workspace/executeCommand";

pub(crate) async fn execute_command(
    server: &Server,
    params: ExecuteCommandParams,
) -> Result<Option<Value>> {
    match params.command.as_str() {
        RUN_SPEC_TEST => run_spec_test(server, &params.arguments).await,
        other => Err(Error::invalid_params(format!(
            "unknown command `{other}`; this server offers: {}",
            COMMANDS.join(", ")
        ))),
    }
}

async fn run_spec_test(server: &Server, arguments: &[Value]) -> Result<Option<Value>> {
    let (uri, case) = spec_test_arguments(arguments)?;
    wait_for_app_of(server, METHOD, &uri).await;
    // The snapshot and the change count together, so the results are
    // kept only if they still describe the texts.
    let (analysis, path, started) = {
        let session = server.session.lock();
        let Some(analysis) = session.analysis() else {
            return Ok(None);
        };
        (
            analysis,
            session.document_path(&uri),
            session.host_changes(),
        )
    };
    let run_path = path.clone();
    let ran = isolated(server, METHOD, Thread::BlockingPool, move |_| {
        analysis.run_spec_tests(&run_path, case.as_deref())
    })
    .await?;
    let runs = match ran {
        Ok(runs) => runs,
        Err(message) => {
            server
                .client
                .show_message(MessageType::WARNING, format!("iml-ls test: {message}"))
                .await;
            return Err(Error::invalid_params(message));
        }
    };
    let [passed, failed, stopped] = counts(&runs);
    let summary = json!({
        "passed": passed,
        "failed": failed,
        "stopped": stopped,
        "cases": runs.iter().map(|run| json!({
            "name": run.name,
            "status": run.status.as_str(),
            "problems": run.diagnostics.len(),
        })).collect::<Vec<_>>(),
    });
    let line = summary_line(&runs);
    if server
        .session
        .lock()
        .record_spec_runs(path.clone(), started, runs)
    {
        server.publisher.schedule(vec![path]);
    }
    server.client.show_message(MessageType::INFO, line).await;
    Ok(Some(summary))
}

fn spec_test_arguments(arguments: &[Value]) -> Result<(Uri, Option<String>)> {
    let uri = arguments
        .first()
        .and_then(Value::as_str)
        .and_then(|text| text.parse::<Uri>().ok())
        .ok_or_else(|| {
            Error::invalid_params(format!(
                "{RUN_SPEC_TEST} takes the test file's URI, then optionally a case name"
            ))
        })?;
    let case = arguments.get(1).and_then(Value::as_str).map(str::to_owned);
    Ok((uri, case))
}

/// `iml-ls test: 2 passed, 1 failed`, or the one case's outcome.
fn summary_line(runs: &[iml_analysis::CaseRun]) -> String {
    if let [run] = runs {
        return format!("iml-ls test: `{}` {}", run.name, run.status.as_str());
    }
    let [passed, failed, stopped] = counts(runs);
    let mut line = format!("iml-ls test: {passed} passed");
    for (n, status) in [(failed, "failed"), (stopped, "stopped")] {
        if n > 0 {
            line.push_str(&format!(", {n} {status}"));
        }
    }
    line
}

/// How many cases passed, failed and stopped.
fn counts(runs: &[iml_analysis::CaseRun]) -> [usize; 3] {
    let mut counts = [0; 3];
    for run in runs {
        counts[match run.status {
            CaseStatus::Passed => 0,
            CaseStatus::Failed => 1,
            CaseStatus::Stopped => 2,
        }] += 1;
    }
    counts
}
