//! Checks of the house habits over every crate in `server/`, written as
//! plain functions over file texts so that each can be tried on a made-up
//! tree; `tests/tidy.rs` runs them on the real one.
//!
//! - [`headers`]: every module opens with a `//!` line.
//! - [`sizes`]: no production file is longer than [`sizes::MAX_LINES`].
//! - [`imports`]: no two files of a crate import each other, directly or in
//!   a loop (the paths are read by [`scrub`], [`tokens`] and [`paths`], followed to
//!   the files that define their items by [`scopes`], the loops found by
//!   [`cycles`]).

pub mod cycles;
pub mod headers;
pub mod imports;
pub mod paths;
pub mod scopes;
pub mod scrub;
pub mod sizes;
pub mod tokens;
pub mod tree;
