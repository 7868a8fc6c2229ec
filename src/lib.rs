//! spiegel: a static-site generator for regional mirror reports (Ketenspiegel).
//!
//! A build is a one-way pipeline: load → check → analyse → render → write.
#![deny(missing_docs)]

pub mod analysis;
pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod links;
pub mod model;
pub mod render;
pub mod slug;
pub mod suggest;
pub mod urls;
