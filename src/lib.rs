//! smallwins: a terminal journal of tiny kept promises and small wins.
//!
//! Layers, each looking only down: [`ui`] and [`cli`] over [`domain`] (the
//! rules, evidence, suggestions, undo) over [`store`] (the only module with
//! SQL) over [`model`] (the plain records and values, which every layer may
//! use). [`config`] loads the config file into model values; [`files`]
//! reads a file a person names (a regular file only, up to a cap); [`text`] holds
//! the leaf helpers that clean input and make output safe; [`clipboard`]
//! makes the sequence that copies text through the terminal.
// No unsafe code, but in one module: `store/entropy.rs` hands OpenSSL a
// table of functions (its C interface has no safe binding), each block
// with its SAFETY reason.
#![deny(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod cli;
pub mod clipboard;
pub mod config;
pub mod demo;
pub mod domain;
pub mod files;
pub mod model;
pub mod store;
pub mod text;
pub mod ui;
