//! Reading text: the lexers turn characters into tokens, the parsers
//! (generated from `grammar/` by lalrpop) turn tokens into expressions.
//! Two syntaxes: symdiff's own (`lexer`, `grammar/symdiff.lalrpop`) and
//! LaTeX (`latex_lexer`, `grammar/latex.lalrpop`); both build with the same
//! actions (`parser::actions`), and both read derivative operators
//! (`operator`).

pub mod latex;
pub(crate) mod latex_lexer;
pub(crate) mod lexer;
pub mod operator;
pub mod parser;

/// The character at byte `at` of `input`, or '?' where there is none: what
/// an error about an unexpected character names, from the lexers and the
/// parser alike.
pub(crate) fn char_at(input: &str, at: usize) -> char {
    input
        .get(at..)
        .and_then(|s| s.chars().next())
        .unwrap_or('?')
}
