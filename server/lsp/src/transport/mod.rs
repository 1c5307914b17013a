//! A guard between the client's byte streams and the protocol library.
//!
//! The library's reader ends the whole session at the first frame it cannot
//! decode (a body that is not JSON, not JSON-RPC, not UTF-8, or an unreadable
//! `Content-Length`), and it never answers a request whose method starts with
//! `$/` that it does not know, so such a client waits forever. JSON-RPC asks
//! for an error reply and for the connection to carry on, so every frame is
//! checked here first: valid ones go on to the library unchanged, invalid ones
//! are answered here (`-32700`, `-32600`, `-32601`) and dropped.
//!
//! Both this guard and the library write to the client, so the library's
//! output passes through a pump that forwards it frame by frame; the guard's
//! replies are only ever inserted between two whole frames.
//!
//! The guard also sees the session's lifecycle: whether `shutdown` came
//! before `exit` (the exit code depends on it), and when the client has
//! gone, so that output it no longer reads cannot keep the process alive.

mod check;
mod frames;
mod inbound;
mod pump;
mod repair;
#[cfg(test)]
mod tests;
mod trim;

use std::future::Future;

use tokio::io::{AsyncRead, AsyncWrite, DuplexStream};
use tokio::sync::mpsc;

use frames::PIPE_CAPACITY;
use inbound::{Lifecycle, read_input};
use pump::{FINAL_WRITE_WAIT, pump};

/// How the session ended, for the process's exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionEnd {
    /// `shutdown` was requested before `exit` or before the input closed.
    /// The protocol asks for exit code 0 then, and 1 otherwise.
    pub orderly: bool,
}

/// Runs `serve` (the protocol library) behind the guard: `serve` gets a
/// pipe of checked frames as its input and a pipe to the pump as its output.
/// Ends when `serve` ends (after `exit`, or once `input` has closed) and its
/// output is written out, or, once `input` has closed, after at most
/// `FINAL_WRITE_WAIT` more: a client that has gone reads nothing, and output
/// queued for it must not keep the process alive.
pub(crate) async fn guarded<I, O, F>(
    input: I,
    output: O,
    serve: impl FnOnce(DuplexStream, DuplexStream) -> F,
) -> SessionEnd
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
    F: Future<Output = ()>,
{
    let (to_server, server_input) = tokio::io::duplex(PIPE_CAPACITY);
    let (server_output, from_server) = tokio::io::duplex(PIPE_CAPACITY);
    let (replies, replies_rx) = mpsc::unbounded_channel();
    let mut lifecycle = Lifecycle::default();

    let session = async {
        tokio::join!(
            serve(server_input, server_output),
            pump(from_server, replies_rx, output)
        )
    };
    tokio::pin!(session);
    let read = read_input(input, to_server, replies, &mut lifecycle);
    let input_ended = tokio::select! {
        _ = &mut session => false,
        ended = read => ended,
    };
    if input_ended {
        // The library winds down now that its input pipe is closed, unless
        // its output is stuck on a client that stopped reading.
        let _ = tokio::time::timeout(FINAL_WRITE_WAIT, session).await;
    }
    SessionEnd {
        orderly: lifecycle.shutdown,
    }
}
