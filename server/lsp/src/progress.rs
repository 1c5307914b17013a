//! `$/progress` reports for long work, sent only to clients that asked for
//! them (`window.workDoneProgress`), on a token the client agreed to create.

use std::sync::atomic::{AtomicU64, Ordering};

use tower_lsp_server::ls_types::{NumberOrString, ProgressToken};
use tower_lsp_server::{Bounded, Client, NotCancellable, OngoingProgress};

static NEXT_TOKEN: AtomicU64 = AtomicU64::new(1);

/// A percentage progress, or nothing when the client cannot show one.
pub struct Progress {
    ongoing: Option<OngoingProgress<Bounded, NotCancellable>>,
}

impl Progress {
    pub async fn begin(client: &Client, supported: bool, title: &str) -> Self {
        if !supported {
            return Self { ongoing: None };
        }
        let token: ProgressToken = NumberOrString::String(format!(
            "iml-ls/{}",
            NEXT_TOKEN.fetch_add(1, Ordering::Relaxed)
        ));
        // The spec forbids reporting on a token the client refused.
        if let Err(error) = client.create_work_done_progress(token.clone()).await {
            tracing::debug!("client refused a progress token: {error}");
            return Self { ongoing: None };
        }
        let ongoing = client
            .progress(token, title)
            .with_percentage(0)
            .begin()
            .await;
        Self {
            ongoing: Some(ongoing),
        }
    }

    pub async fn report(&self, done: usize, total: usize) {
        if let Some(ongoing) = &self.ongoing {
            let percentage = done
                .saturating_mul(100)
                .checked_div(total)
                .map_or(100, |p| p.min(100));
            let percentage = u32::try_from(percentage).unwrap_or(100);
            ongoing
                .report_with_message(format!("{done}/{total} files"), percentage)
                .await;
        }
    }

    pub async fn finish(self, message: String) {
        if let Some(ongoing) = self.ongoing {
            ongoing.finish_with_message(message).await;
        }
    }
}
