//! Shared webhooks route events by `uid` (X005, webhook side).

use iml_jsonc::{Value, ValueKind};
use text_size::{TextRange, TextSize};

use super::context::{Ctx, member};
use crate::roles::WebhookType;

pub(crate) fn check(ctx: &mut Ctx, root: &Value) {
    let Some((_, webhook)) = ctx.analysis.component_of(ctx.path) else {
        return;
    };
    if webhook.webhook_type != Some(WebhookType::Shared)
        || !matches!(root.kind, ValueKind::Object(_))
    {
        return;
    }
    if member(root, "uid").is_none() {
        let range = TextRange::at(root.range.start(), TextSize::from(1))
            .intersect(root.range)
            .unwrap_or(root.range);
        ctx.emit("X005", range, "a shared webhook routes each event to the connection whose `response.uid` matches its own `uid`, and this communication sets none; add `\"uid\": \"{{body.accountId}}\"` (the id in the payload)");
    }
}
