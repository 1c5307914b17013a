//! Decides what becomes of one frame body: passed on to the library, or
//! answered here with a JSON-RPC error.

use serde::Deserialize;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};

use super::frames::encode;
use super::repair;

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
    pub(super) method: Option<String>,
    /// `params.textDocument` of a notification that opens, changes or
    /// closes a document, taken from the one parse of the frame.
    pub(super) document: Option<repair::DocumentRef>,
    /// The body to send instead of the frame's own, when it was repaired.
    pub(super) repaired: Option<Vec<u8>>,
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

pub(super) fn error_response(id: Id, code: ErrorCode, message: &str) -> Response {
    Response::from_error(
        id,
        Error {
            code,
            message: message.to_owned().into(),
            data: None,
        },
    )
}

pub(super) fn encode_response(response: &Response) -> Vec<u8> {
    // A `Response` built from an `Error` always serializes.
    encode(&serde_json::to_vec(response).unwrap_or_default())
}
