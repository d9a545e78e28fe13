//! smallwins: a terminal journal of tiny kept promises and small wins.
//!
//! Layers, each looking only down: [`ui`] and [`cli`] over [`domain`] over
//! [`store`].
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod store;
pub mod text;
pub mod ui;
