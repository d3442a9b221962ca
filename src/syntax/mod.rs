//! Reading text: the lexer turns characters into tokens, the parser
//! (generated from `grammar/` by lalrpop) turns tokens into expressions.

pub(crate) mod lexer;
pub mod parser;
