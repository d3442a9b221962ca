//! The core's integration tests: the derivative table and the worked
//! examples pinned by snapshots and checked numerically, property tests,
//! the polynomial fast path against the general one,
//! and the command line.

#[path = "../common/mod.rs"]
mod common;

mod cli;
mod latex;
mod polynomials;
mod properties;
mod rational;
mod support;
mod table;
mod worked;
