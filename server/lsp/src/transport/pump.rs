//! The client's output: the library's frames and the guard's replies,
//! interleaved only between whole frames.

use tokio::io::{AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc;

use super::frames::{Event, FrameReader, PIPE_CAPACITY, encode};

/// How long output still queued at the end may take to reach the client.
pub(super) const FINAL_WRITE_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// Writes the library's frames and the guard's replies to the client, never
/// splitting a frame.
pub(super) async fn pump<O: AsyncWrite>(
    mut from_server: DuplexStream,
    mut replies: mpsc::UnboundedReceiver<Vec<u8>>,
    output: O,
) {
    tokio::pin!(output);
    let mut frames = FrameReader::default();
    let mut chunk = vec![0; PIPE_CAPACITY];
    let mut replies_open = true;
    loop {
        let bytes = tokio::select! {
            read = from_server.read(&mut chunk) => match read {
                Ok(0) | Err(_) => break,
                Ok(read) => {
                    frames.push(&chunk[..read]);
                    let mut out = Vec::new();
                    while let Some(event) = frames.next_event() {
                        if let Event::Frame(body) = event {
                            out.extend_from_slice(&encode(&body));
                        }
                    }
                    out
                }
            },
            reply = replies.recv(), if replies_open => match reply {
                Some(reply) => reply,
                None => {
                    replies_open = false;
                    continue;
                }
            },
        };
        if bytes.is_empty() {
            continue;
        }
        if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
    // Replies queued before the library finished still belong to the session.
    while let Ok(reply) = replies.try_recv() {
        let _ = output.write_all(&reply).await;
    }
    // Everything written before exiting, unless the client stopped reading.
    let _ = tokio::time::timeout(FINAL_WRITE_WAIT, output.shutdown()).await;
}
