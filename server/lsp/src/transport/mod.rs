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

mod repair;
mod trim;

use std::future::Future;

use serde::Deserialize;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};

/// How long output still queued at the end may take to reach the client.
const FINAL_WRITE_WAIT: std::time::Duration = std::time::Duration::from_secs(2);
/// Buffer size of each in-process pipe.
const PIPE_CAPACITY: usize = 64 * 1024;
/// A header line longer than this is garbage, not a header.
const MAX_HEADER_LINE: usize = 8 * 1024;
/// A larger `Content-Length` is treated as unreadable rather than awaited.
const MAX_BODY: usize = 512 * 1024 * 1024;
const CONTENT_LENGTH: &[u8] = b"content-length:";
/// A body this large is split off the buffer rather than drained from it.
const LARGE_FRAME: usize = 1024 * 1024;
/// Capacity the frame buffer may keep while (nearly) empty: a few reads.
const KEPT_CAPACITY: usize = 4 * PIPE_CAPACITY;

/// What the frame reader found in the byte stream.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Event {
    /// A complete body, exactly `Content-Length` bytes.
    Frame(Vec<u8>),
    /// A header block that cannot be read; the reader skips ahead to the
    /// next `Content-Length:`.
    BadHeader(String),
}

#[derive(Debug)]
enum State {
    Headers {
        length: Option<usize>,
        seen_any: bool,
    },
    Body(usize),
    Resync,
}

/// Splits a byte stream into LSP frames (`Content-Length: N`, optional other
/// headers such as `Content-Type`, a blank line, then N bytes), whatever the
/// chunking of the reads.
#[derive(Debug)]
pub(crate) struct FrameReader {
    buffer: Vec<u8>,
    state: State,
}

impl Default for FrameReader {
    fn default() -> Self {
        Self {
            buffer: Vec::new(),
            state: State::Headers {
                length: None,
                seen_any: false,
            },
        }
    }
}

impl FrameReader {
    pub(crate) fn push(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// The next complete event, or `None` until more bytes arrive.
    pub(crate) fn next_event(&mut self) -> Option<Event> {
        loop {
            match self.state {
                State::Body(length) => {
                    if self.buffer.len() < length {
                        return None;
                    }
                    let body = self.take_body(length);
                    self.state = State::Headers {
                        length: None,
                        seen_any: false,
                    };
                    return Some(Event::Frame(body));
                }
                State::Headers { length, seen_any } => {
                    let Some(end) = self.buffer.iter().position(|&b| b == b'\n') else {
                        if self.buffer.len() > MAX_HEADER_LINE {
                            self.buffer.clear();
                            return Some(self.resync("header line too long".into()));
                        }
                        return None;
                    };
                    let line: Vec<u8> = self.buffer.drain(..=end).collect();
                    let line = line.strip_suffix(b"\n").unwrap_or(&line);
                    let line = line.strip_suffix(b"\r").unwrap_or(line);
                    if line.is_empty() {
                        match length {
                            Some(length) => {
                                // Room for the whole body and the read that
                                // ends it at once, rather than doubling up to
                                // twice its size as it arrives. Untouched
                                // pages cost no memory, and a length the
                                // system cannot reserve is simply awaited.
                                let missing = length.saturating_sub(self.buffer.len());
                                let _ = self.buffer.try_reserve_exact(missing + PIPE_CAPACITY);
                                self.state = State::Body(length);
                            }
                            // Stray blank lines between frames are harmless.
                            None if !seen_any => {}
                            None => {
                                return Some(
                                    self.resync("header block without `Content-Length`".into()),
                                );
                            }
                        }
                        continue;
                    }
                    match parse_header_line(line) {
                        Ok(found) => {
                            self.state = State::Headers {
                                length: found.or(length),
                                seen_any: true,
                            };
                        }
                        Err(why) => return Some(self.resync(why)),
                    }
                }
                State::Resync => {
                    let found = self
                        .buffer
                        .windows(CONTENT_LENGTH.len())
                        .position(|window| window.eq_ignore_ascii_case(CONTENT_LENGTH));
                    match found {
                        Some(start) => {
                            self.buffer.drain(..start);
                            self.state = State::Headers {
                                length: None,
                                seen_any: false,
                            };
                        }
                        None => {
                            // Keep a tail that may be the start of the name.
                            let keep = self.buffer.len().min(CONTENT_LENGTH.len() - 1);
                            self.buffer.drain(..self.buffer.len() - keep);
                            self.release_spare_capacity();
                            return None;
                        }
                    }
                }
            }
        }
    }

    /// The first `length` bytes of the buffer, leaving the buffer no larger
    /// than what it still holds: a buffer keeps its capacity, so one huge
    /// frame would otherwise stay resident for the rest of the session.
    fn take_body(&mut self, length: usize) -> Vec<u8> {
        if length < LARGE_FRAME {
            // Small frames are the rule; moving the rest down is cheap.
            let body = self.buffer.drain(..length).collect();
            self.release_spare_capacity();
            return body;
        }
        let rest = self.buffer.split_off(length);
        std::mem::replace(&mut self.buffer, rest)
    }

    /// Gives back capacity well beyond what the buffer holds.
    fn release_spare_capacity(&mut self) {
        let keep = self.buffer.len().saturating_mul(2).max(KEPT_CAPACITY);
        if self.buffer.capacity() > keep {
            self.buffer.shrink_to(keep);
        }
    }

    fn resync(&mut self, why: String) -> Event {
        self.state = State::Resync;
        Event::BadHeader(why)
    }
}

/// `Ok(Some(n))` for a `Content-Length`, `Ok(None)` for any other header.
fn parse_header_line(line: &[u8]) -> Result<Option<usize>, String> {
    let shown = || String::from_utf8_lossy(line).into_owned();
    let Some(colon) = line.iter().position(|&b| b == b':') else {
        return Err(format!("not a header: {:?}", shown()));
    };
    let (name, value) = (&line[..colon], &line[colon + 1..]);
    if !name.trim_ascii().eq_ignore_ascii_case(b"content-length") {
        return Ok(None);
    }
    std::str::from_utf8(value.trim_ascii())
        .ok()
        .and_then(|value| value.parse::<usize>().ok())
        .filter(|&length| length <= MAX_BODY)
        .map(Some)
        .ok_or_else(|| format!("unreadable header: {:?}", shown()))
}

/// The same decoding the protocol library applies, so whatever passes here
/// cannot end its reader.
#[derive(Deserialize)]
#[serde(untagged)]
enum Message {
    #[allow(dead_code)]
    Response(Response),
    Request(Request),
}

/// What to do with one frame body.
#[derive(Debug, PartialEq)]
pub(crate) enum Verdict {
    Forward(Forward),
    /// Answer the client with this error and drop the frame.
    Reply(Response),
}

/// A frame to pass on to the library.
#[derive(Debug, PartialEq, Default)]
pub(crate) struct Forward {
    /// The method of a request or notification.
    method: Option<String>,
    /// `params.textDocument` of a notification that opens, changes or
    /// closes a document, taken from the one parse of the frame.
    document: Option<repair::DocumentRef>,
    /// The body to send instead of the frame's own, when it was repaired.
    repaired: Option<Vec<u8>>,
}

/// How the session ended, for the process's exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionEnd {
    /// `shutdown` was requested before `exit` or before the input closed.
    /// The protocol asks for exit code 0 then, and 1 otherwise.
    pub orderly: bool,
}

pub(crate) fn check_body(body: &[u8]) -> Verdict {
    let Ok(text) = std::str::from_utf8(body) else {
        return reject(Id::Null, ErrorCode::ParseError, "message body is not UTF-8");
    };
    match serde_json::from_str::<Message>(text) {
        Ok(message) => classify(message, None),
        Err(error) if error.is_syntax() => {
            // A lone surrogate escape is the one syntax error worth mending:
            // it comes from a broken string in the editor, not from garbage.
            match repair::replace_lone_surrogates(text)
                .and_then(|text| Some((serde_json::from_str::<Message>(&text).ok()?, text)))
            {
                Some((message, repaired)) => {
                    tracing::warn!("a message held a lone UTF-16 surrogate escape; read as U+FFFD");
                    classify(message, Some(repaired.into_bytes()))
                }
                None => reject(
                    Id::Null,
                    ErrorCode::ParseError,
                    &format!("message body is not JSON: {error}"),
                ),
            }
        }
        Err(error) if error.is_data() => {
            let id = serde_json::from_str::<serde_json::Value>(text)
                .ok()
                .filter(|value| value.get("method").is_some())
                .and_then(|value| serde_json::from_value::<Id>(value.get("id")?.clone()).ok())
                .unwrap_or(Id::Null);
            reject(
                id,
                ErrorCode::InvalidRequest,
                &format!("not a JSON-RPC 2.0 message: {error}"),
            )
        }
        Err(error) => reject(
            Id::Null,
            ErrorCode::ParseError,
            &format!("message body is not JSON: {error}"),
        ),
    }
}

fn classify(message: Message, repaired: Option<Vec<u8>>) -> Verdict {
    match message {
        Message::Request(request) => {
            if let Some(id) = request.id().filter(|_| request.method().starts_with("$/")) {
                return reject(
                    id.clone(),
                    ErrorCode::MethodNotFound,
                    &format!("unknown method {}", request.method()),
                );
            }
            let (method, _, params) = request.into_parts();
            Verdict::Forward(Forward {
                document: repair::DocumentRef::of(&method, params.as_ref()),
                method: Some(method.into_owned()),
                repaired,
            })
        }
        Message::Response(_) => Verdict::Forward(Forward {
            method: None,
            document: None,
            repaired,
        }),
    }
}

fn reject(id: Id, code: ErrorCode, message: &str) -> Verdict {
    Verdict::Reply(error_response(id, code, message))
}

fn error_response(id: Id, code: ErrorCode, message: &str) -> Response {
    Response::from_error(
        id,
        Error {
            code,
            message: message.to_owned().into(),
            data: None,
        },
    )
}

fn encode(body: &[u8]) -> Vec<u8> {
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body);
    frame
}

fn encode_response(response: &Response) -> Vec<u8> {
    // A `Response` built from an `Error` always serializes.
    encode(&serde_json::to_vec(response).unwrap_or_default())
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

/// What the guard has seen of the session's lifecycle.
#[derive(Debug, Default)]
struct Lifecycle {
    shutdown: bool,
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
async fn read_input<I: AsyncRead + Unpin>(
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

/// Writes the library's frames and the guard's replies to the client, never
/// splitting a frame.
async fn pump<O: AsyncWrite>(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> Vec<u8> {
        encode(body.as_bytes())
    }

    fn events(reader: &mut FrameReader) -> Vec<Event> {
        std::iter::from_fn(|| reader.next_event()).collect()
    }

    fn body(text: &str) -> Event {
        Event::Frame(text.as_bytes().to_vec())
    }

    const PING: &str = r#"{"jsonrpc":"2.0","method":"ping"}"#;

    #[test]
    fn a_frame_split_into_single_bytes_arrives_once_complete() {
        let mut reader = FrameReader::default();
        let bytes = frame(PING);
        for (index, byte) in bytes.iter().enumerate() {
            reader.push(&[*byte]);
            let found = events(&mut reader);
            if index + 1 < bytes.len() {
                assert_eq!(found, vec![], "early event at byte {index}");
            } else {
                assert_eq!(found, vec![body(PING)]);
            }
        }
    }

    #[test]
    fn several_frames_in_one_read_and_other_headers() {
        let mut reader = FrameReader::default();
        let mut bytes = frame(PING);
        bytes.extend_from_slice(
            b"content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}",
        );
        bytes.extend_from_slice(b"\r\nContent-Length: 0\n\n");
        reader.push(&bytes);
        assert_eq!(events(&mut reader), vec![body(PING), body("{}"), body("")]);
    }

    #[test]
    fn bad_headers_are_reported_once_and_the_next_frame_is_read() {
        for header in [
            &b"Content-Length: abc\r\n\r\n"[..],
            b"Content-Length: -5\r\n\r\n",
            b"Content-Length: 99999999999999999999999\r\n\r\n",
            b"Content-Lenght: 10\r\n\r\n",
            b"X-Garbage\r\n\r\n",
            b"garbage without a newline, then a frame\r\n",
        ] {
            let mut reader = FrameReader::default();
            reader.push(header);
            reader.push(&frame(PING));
            let found = events(&mut reader);
            assert!(
                matches!(&found[..], [Event::BadHeader(_), Event::Frame(b)] if b == PING.as_bytes()),
                "{:?}: {found:?}",
                String::from_utf8_lossy(header)
            );
        }
    }

    #[test]
    fn resync_waits_for_a_whole_content_length_name_across_reads() {
        let mut reader = FrameReader::default();
        reader.push(b"X-Garbage\r\nsome junk\r\nContent-Le");
        assert!(matches!(&events(&mut reader)[..], [Event::BadHeader(_)]));
        reader.push(&frame(PING)[10..]);
        assert_eq!(events(&mut reader), vec![body(PING)]);
    }

    #[test]
    fn resync_finds_a_frame_glued_to_the_garbage() {
        let mut reader = FrameReader::default();
        reader.push(b"Content-Length: -5\r\n\r\n{\"a\": 1}");
        reader.push(&frame(PING));
        assert!(
            matches!(&events(&mut reader)[..], [Event::BadHeader(_), Event::Frame(b)] if b == PING.as_bytes())
        );
    }

    #[test]
    fn an_endless_header_line_is_dropped_without_growing_the_buffer() {
        let mut reader = FrameReader::default();
        reader.push(&vec![b'x'; MAX_HEADER_LINE + 1]);
        assert!(matches!(&events(&mut reader)[..], [Event::BadHeader(_)]));
        for _ in 0..10 {
            reader.push(&vec![b'x'; MAX_HEADER_LINE]);
            assert_eq!(events(&mut reader), vec![]);
            assert!(reader.buffer.len() < CONTENT_LENGTH.len());
        }
        reader.push(b"\r\n");
        reader.push(&frame(PING));
        assert_eq!(events(&mut reader), vec![body(PING)]);
    }

    #[test]
    fn a_huge_frame_does_not_leave_its_capacity_in_the_buffer() {
        let mut reader = FrameReader::default();
        let big = format!("\"{}\"", "x".repeat(8 * LARGE_FRAME));
        let mut bytes = frame(&big);
        bytes.extend_from_slice(&frame(PING));
        for chunk in bytes.chunks(PIPE_CAPACITY) {
            reader.push(chunk);
            if let Some(Event::Frame(body)) = reader.next_event() {
                assert_eq!(body.len(), big.len());
                assert!(body.capacity() < 2 * big.len(), "{}", body.capacity());
            }
        }
        assert_eq!(events(&mut reader), vec![body(PING)]);
        assert!(
            reader.buffer.capacity() <= KEPT_CAPACITY,
            "{}",
            reader.buffer.capacity()
        );
        // Garbage skipped while resynchronising is not kept either.
        reader.push(b"X-Garbage\r\n");
        reader.push(&vec![b'x'; 4 * LARGE_FRAME]);
        assert!(matches!(&events(&mut reader)[..], [Event::BadHeader(_)]));
        assert!(reader.buffer.capacity() <= KEPT_CAPACITY);
    }

    #[test]
    fn stray_blank_lines_between_frames_are_ignored() {
        let mut reader = FrameReader::default();
        reader.push(b"\r\n\r\n");
        reader.push(&frame(PING));
        assert_eq!(events(&mut reader), vec![body(PING)]);
    }

    fn error_of(body: &[u8]) -> (i64, Id) {
        match check_body(body) {
            Verdict::Reply(response) => {
                let value = serde_json::to_value(&response).unwrap();
                let id = serde_json::from_value(value["id"].clone()).unwrap();
                (value["error"]["code"].as_i64().unwrap(), id)
            }
            Verdict::Forward(_) => panic!("forwarded {:?}", String::from_utf8_lossy(body)),
        }
    }

    #[test]
    fn bodies_are_forwarded_or_answered_with_the_right_error() {
        for valid in [
            PING,
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#,
            r#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#,
            r#"{"jsonrpc":"2.0","id":"x","result":null}"#,
            r#"{"jsonrpc":"2.0","id":2,"error":{"code":1,"message":"?"}}"#,
        ] {
            assert!(
                matches!(
                    check_body(valid.as_bytes()),
                    Verdict::Forward(Forward { repaired: None, .. })
                ),
                "{valid}"
            );
        }
        let cases: [(&[u8], i64, Id); 10] = [
            (
                b"{\"jsonrpc\": \"2.0\", \"id\": 7, \"method\": \"x\", \"params\": {",
                -32700,
                Id::Null,
            ),
            (b"", -32700, Id::Null),
            (
                b"{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"params\": \"\xff\xfe\"}",
                -32700,
                Id::Null,
            ),
            (b"[]", -32600, Id::Null),
            (b"42", -32600, Id::Null),
            (b"null", -32600, Id::Null),
            (b"{\"id\": 3, \"method\": \"x\"}", -32600, Id::Number(3)),
            (
                b"{\"jsonrpc\": \"2.0\", \"id\": {}, \"method\": 5}",
                -32600,
                Id::Null,
            ),
            (
                b"{\"jsonrpc\": \"1.0\", \"id\": \"a\", \"method\": \"x\"}",
                -32600,
                Id::String("a".into()),
            ),
            (
                b"{\"jsonrpc\": \"2.0\", \"id\": 9, \"method\": \"$/unknown\"}",
                -32601,
                Id::Number(9),
            ),
        ];
        for (body, code, id) in cases {
            assert_eq!(
                error_of(body),
                (code, id),
                "{:?}",
                String::from_utf8_lossy(body)
            );
        }
    }

    /// A stand-in for the protocol library: echoes every frame it reads and
    /// ends when its input ends.
    async fn echo(mut input: DuplexStream, mut output: DuplexStream) {
        let mut frames = FrameReader::default();
        let mut chunk = [0; 7];
        while let Ok(read @ 1..) = input.read(&mut chunk).await {
            frames.push(&chunk[..read]);
            while let Some(Event::Frame(body)) = frames.next_event() {
                // Written in two parts so a reply could only interleave if
                // the pump forwarded partial frames.
                let bytes = encode(&body);
                let (head, tail) = bytes.split_at(bytes.len() / 2);
                output.write_all(head).await.unwrap();
                tokio::task::yield_now().await;
                output.write_all(tail).await.unwrap();
            }
        }
    }

    #[tokio::test]
    async fn the_guard_forwards_valid_frames_and_answers_bad_ones_between_frames() {
        let (mut client, guard_input) = tokio::io::duplex(1024);
        let (guard_output, mut client_output) = tokio::io::duplex(1024);
        let session = tokio::spawn(guarded(guard_input, guard_output, echo));

        let mut input = frame(PING);
        input.extend_from_slice(&frame("not json"));
        input.extend_from_slice(b"Content-Length: x\r\n\r\n");
        input.extend_from_slice(&frame(r#"{"jsonrpc":"2.0","id":4,"method":"$/nope"}"#));
        input.extend_from_slice(&frame(PING));
        client.write_all(&input).await.unwrap();
        drop(client);

        let mut written = Vec::new();
        client_output.read_to_end(&mut written).await.unwrap();
        session.await.unwrap();

        let mut frames = FrameReader::default();
        frames.push(&written);
        let mut pings = 0;
        let mut codes = Vec::new();
        for event in events(&mut frames) {
            let Event::Frame(body) = event else {
                panic!(
                    "the output is not clean frames: {:?}",
                    String::from_utf8_lossy(&written)
                );
            };
            let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
            if value["method"] == "ping" {
                pings += 1;
            } else {
                codes.push((
                    value["error"]["code"].as_i64().unwrap(),
                    value["id"].clone(),
                ));
            }
        }
        assert_eq!(pings, 2);
        codes.sort_by_key(|(code, _)| *code);
        assert_eq!(
            codes,
            vec![
                (-32700, serde_json::Value::Null),
                (-32700, serde_json::Value::Null),
                (-32601, serde_json::json!(4)),
            ]
        );
    }
}
