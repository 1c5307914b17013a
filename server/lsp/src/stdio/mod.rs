//! Stdin and stdout for the protocol, without a thread hand-off per message.
//!
//! Tokio's own stdin and stdout run every read and write as a task on its
//! blocking pool: each message in or out wakes a pool thread and then wakes
//! the runtime back. On a busy or virtualised machine each such wake-up can
//! wait for a scheduler tick, so a keystroke checked in 0.3 ms could reach
//! the client milliseconds later (docs/performance.md, "Tails").

mod stdin;
mod stdout;

pub use stdin::Stdin;
pub use stdout::Stdout;
