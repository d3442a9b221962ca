//! Showing results: text, LaTeX and JSON, and plots.

pub mod plot;
pub mod print;
pub mod reference;
