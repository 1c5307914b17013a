//! `completionItem/resolve`: the documentation of a lean completion item,
//! recomputed from the `data` the list gave it rather than kept in memory.
//!
//! `data` names the request the list answered (document, version, byte
//! offset); resolving recomputes the completions there on a fresh snapshot
//! and takes the documentation of the proposal with the item's label, kind
//! and detail. An item that cannot be resolved (bad or foreign `data`, a
//! document edited or closed since, a failed computation) comes back as it
//! came: the client then shows it without documentation.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::CompletionItem;
use tower_lsp_server::ls_types::request::{Request, ResolveCompletionItem};

use super::completion_data::{ResolveData, version_of};
use crate::dispatch::{Context, isolated};
use crate::requests::completion::{documentation, is_made_from};
use crate::server::Server;
use crate::snapshot::{DocumentSnapshot, size};
use crate::threads::Thread;

pub(crate) async fn completion_resolve(
    server: &Server,
    item: CompletionItem,
) -> Result<CompletionItem> {
    let Some(data) = item
        .data
        .clone()
        .and_then(|data| serde_json::from_value::<ResolveData>(data).ok())
    else {
        return Ok(item);
    };
    let Some(doc) = server.session.lock().document_snapshot(&data.uri) else {
        return Ok(item);
    };
    let thread = Thread::for_work(
        doc.rope.len_bytes(),
        doc.snapshot.analysis.apps_ready(),
        true,
    );
    let sent = item.clone();
    let method = ResolveCompletionItem::METHOD;
    let resolved = isolated(server, method, thread, move |context| {
        resolve(&doc, &data, sent, context)
    })
    .await;
    // A panic is logged by `isolated`; the item itself is still good.
    Ok(resolved.unwrap_or(item))
}

fn resolve(
    doc: &DocumentSnapshot,
    data: &ResolveData,
    mut item: CompletionItem,
    context: &Context,
) -> CompletionItem {
    // Another text may propose other items at the offset, or none.
    if version_of(doc) != data.version {
        return item;
    }
    let Some(offset) = char_boundary(doc, data.offset) else {
        return item;
    };
    let proposals = doc.snapshot.analysis.completions(&doc.path, offset);
    if context.cancel.is_cancelled() {
        return item;
    }
    if let Some(proposal) = proposals.iter().find(|p| is_made_from(&item, p)) {
        item.documentation = documentation(doc, proposal);
    }
    item
}

/// `offset` when it lies on a character boundary of the text, which every
/// offset a completion request produced does: `data` comes from the client.
fn char_boundary(doc: &DocumentSnapshot, offset: u32) -> Option<iml_analysis::TextSize> {
    let byte = usize::try_from(offset).ok()?;
    let char = doc.rope.try_byte_to_char(byte).ok()?;
    (doc.rope.char_to_byte(char) == byte).then(|| size(byte))
}
