//! Differentiation and what is read off it: the derivative rules, the
//! recorded derivation, symbolic matrices, domain conditions, answer
//! checking, and the polynomial fast path.

pub mod conditions;
pub mod diff;
pub mod equivalent;
pub mod implicit;
pub mod matrix;
pub mod poly;
mod record;
pub mod steps;
