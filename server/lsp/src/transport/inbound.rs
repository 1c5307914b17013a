//! The client's side of the guard: reads its bytes, answers what cannot be
//! forwarded, and queues the rest for the library.

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{ErrorCode, Id};

use super::check::{Forward, Verdict, check_body, encode_response, error_response};
use super::frames::{Event, FrameReader, LARGE_FRAME, PIPE_CAPACITY, encode};
use super::{repair, trim};

/// What the guard has seen of the session's lifecycle.
#[derive(Debug, Default)]
pub(super) struct Lifecycle {
    pub(super) shutdown: bool,
}

/// Reads the client's bytes, forwards valid frames to the library and sends
/// error replies to the pump. Returns `true` when the input ended (closed or
/// unreadable), `false` after forwarding `exit` or when the library's input
/// is gone.
///
/// The library stops reading while its output waits for a client that does
/// not read, so forwarding can stall. Input is still read meanwhile (up to
/// `MAX_PENDING` bytes held), so that the end of the input is seen at once
/// and a client that has gone does not leave the process waiting.
pub(super) async fn read_input<I: AsyncRead + Unpin>(
    mut input: I,
    mut to_server: DuplexStream,
    replies: mpsc::UnboundedSender<Vec<u8>>,
    lifecycle: &mut Lifecycle,
) -> bool {
    let mut frames = FrameReader::default();
    let mut inbound = Inbound::default();
    let trimmer = trim::Trimmer::spawn();
    let mut chunk = vec![0; PIPE_CAPACITY];
    loop {
        let room = inbound.pending_bytes < MAX_PENDING;
        let forwarding = inbound
            .pending
            .front()
            .map(|(frame, _)| &frame[inbound.written..]);
        let read = tokio::select! {
            biased;
            written = async { to_server.write(forwarding.unwrap_or_default()).await }, if forwarding.is_some() => {
                match written {
                    Ok(0) | Err(_) => return false,
                    Ok(count) => {
                        if inbound.advance(count) {
                            // No read may stay pending after `exit`: a blocked
                            // stdin read would keep the runtime from shutting down.
                            return false;
                        }
                        continue;
                    }
                }
            }
            read = input.read(&mut chunk), if room => read,
        };
        let read = match read {
            Ok(0) => return true,
            Ok(read) => read,
            Err(error) => {
                tracing::error!("cannot read the client's input: {error}");
                return true;
            }
        };
        frames.push(&chunk[..read]);
        while let Some(event) = frames.next_event() {
            let response = match event {
                Event::Frame(body) => match check_body(&body) {
                    Verdict::Forward(forward) => {
                        // A closed document, or the text a large message
                        // replaced, leaves much memory free once analysed.
                        if body.len() >= LARGE_FRAME
                            || forward.method.as_deref() == Some("textDocument/didClose")
                        {
                            trimmer.request();
                        }
                        inbound.queue(body, forward, lifecycle);
                        continue;
                    }
                    Verdict::Reply(response) => {
                        if body.len() >= LARGE_FRAME {
                            trimmer.request();
                        }
                        response
                    }
                },
                Event::BadHeader(why) => error_response(Id::Null, ErrorCode::ParseError, &why),
            };
            if let Some(error) = response.error() {
                tracing::warn!("rejected a message from the client: {}", error.message);
            }
            let _ = replies.send(encode_response(&response));
        }
    }
}

/// Input bytes held beyond which the guard stops reading until the library
/// takes some.
const MAX_PENDING: usize = 64 * 1024 * 1024;

/// Checked frames waiting for the library, in arrival order.
#[derive(Default)]
struct Inbound {
    /// Each encoded frame, and whether it is `exit`.
    pending: std::collections::VecDeque<(Vec<u8>, bool)>,
    pending_bytes: usize,
    /// Bytes of the front frame already written.
    written: usize,
    versions: repair::Versions,
    exit_queued: bool,
}

impl Inbound {
    fn queue(&mut self, body: Vec<u8>, forward: Forward, lifecycle: &mut Lifecycle) {
        if self.exit_queued {
            return;
        }
        let Forward {
            method,
            document,
            repaired,
        } = forward;
        let mut body = repaired.unwrap_or(body);
        let method = method.as_deref().unwrap_or_default();
        if let Some(document) = document
            && let Some(renumbered) = self.versions.observe(method, document, &body)
        {
            body = renumbered;
        }
        lifecycle.shutdown |= method == "shutdown";
        self.exit_queued = method == "exit";
        let frame = encode(&body);
        self.pending_bytes += frame.len();
        self.pending.push_back((frame, self.exit_queued));
    }

    /// Records `count` more bytes written; `true` once `exit` is all written.
    fn advance(&mut self, count: usize) -> bool {
        self.written += count;
        let Some((frame, is_exit)) = self.pending.front() else {
            return false;
        };
        if self.written < frame.len() {
            return false;
        }
        let is_exit = *is_exit;
        self.pending_bytes -= frame.len();
        self.written = 0;
        self.pending.pop_front();
        is_exit
    }
}
