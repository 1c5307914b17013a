//! The output formats; each reads a finished `CheckReport`.

pub mod github;
pub mod human;
pub mod json;
pub mod review;
pub mod sarif;
