//! The guard's frame reader, body checks and whole sessions, on bytes made
//! up in the test.

use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};
use tower_lsp_server::jsonrpc::Id;

use super::check::{Forward, Verdict, check_body};
use super::frames::{
    CONTENT_LENGTH, Event, FrameReader, KEPT_CAPACITY, LARGE_FRAME, MAX_HEADER_LINE, PIPE_CAPACITY,
    encode,
};
use super::guarded;

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
