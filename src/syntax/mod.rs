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
