//! The protocol side of iml-ls: capabilities, the document store, position
//! encodings and the conversion of analysis results into protocol types.
//! Everything about Make's rules is asked of `iml-analysis`.

mod capabilities;
mod config;
mod diagnostics;
mod dispatch;
mod document_params;
mod documents;
mod files;
#[cfg(test)]
mod keystroke_budget;
mod lsp_ext;
mod notifications;
mod positions;
mod progress;
mod protocol;
mod publish;
mod requests;
mod server;
mod session;
mod snapshot;
mod spec_runs;
mod stdio;
mod threads;
mod transport;
mod workspace;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{ClientSocket, LspService, Server};

pub use diagnostics::RULES_DOC_BASE;
pub use lsp_ext::{FileText, VIEW_FILE_TEXT, ViewFileTextParams};
pub use positions::{PositionEncoding, from_proto, to_proto};
pub use protocol::ImlLanguageServer;
pub use transport::SessionEnd;
pub use workspace::is_app_file;

/// The service and the socket through which it talks to the client.
pub fn service() -> (LspService<ImlLanguageServer>, ClientSocket) {
    LspService::build(|client| ImlLanguageServer(server::Server::new(client)))
        .custom_method(
            lsp_ext::VIEW_FILE_TEXT,
            requests::view_file_text::view_file_text,
        )
        .finish()
}

/// Serves one client over a byte stream pair until `exit` or the end of
/// `input`. Malformed messages are answered and skipped (see `transport`).
pub async fn serve<I, O>(input: I, output: O) -> SessionEnd
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (service, socket) = service();
    transport::guarded(input, output, |server_input, server_output| {
        Server::new(server_input, server_output, socket).serve(service)
    })
    .await
}

/// Serves one client over stdin/stdout. Nothing else may write to stdout.
pub async fn run_stdio() -> std::io::Result<SessionEnd> {
    Ok(serve(stdio::Stdin::spawn()?, stdio::Stdout::new()?).await)
}
