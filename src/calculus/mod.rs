//! Differentiation and what is read off it: the derivative rules, the
//! recorded derivation, symbolic matrices, domain conditions, and the
//! polynomial fast path.

pub mod conditions;
pub mod diff;
pub mod matrix;
pub mod poly;
pub mod steps;
