//! Fuzz target: random expression trees (built with `arbitrary`, through
//! the library's constructors, so shapes the parser never makes are tried
//! too), each derivative checked against a central finite difference by
//! symdiff::fuzzing::check_derivative, and its text round-tripped. Calls
//! reach every function of the registry (symdiff::fuzzing::registered_call).
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use symdiff::{Constant, Expr, Number};

#[derive(Arbitrary, Debug)]
enum Tree {
    X,
    Y,
    Int(i8),
    Ratio(i8, u8),
    Pi,
    E,
    Add(Box<Tree>, Box<Tree>),
    Sub(Box<Tree>, Box<Tree>),
    Mul(Box<Tree>, Box<Tree>),
    Div(Box<Tree>, Box<Tree>),
    Pow(Box<Tree>, Box<Tree>),
    PowInt(Box<Tree>, i8),
    Neg(Box<Tree>),
    Call(u8, Vec<Tree>),
}


/// The tree as an expression, or `None` when it is deeper than the fuzz
/// limits allow (the library bounds depth at the parser, not here).
fn build(t: &Tree, depth: usize) -> Option<Expr> {
    if depth > 40 {
        return None;
    }
    let b = |u: &Tree| build(u, depth + 1);
    Some(match t {
        Tree::X => Expr::symbol("x"),
        Tree::Y => Expr::symbol("y"),
        Tree::Int(n) => Expr::int(i64::from(*n)),
        Tree::Ratio(n, d) => Expr::number(Number::ratio(i64::from(*n), i64::from(*d).max(1))),
        Tree::Pi => Expr::constant(Constant::Pi),
        Tree::E => Expr::constant(Constant::E),
        Tree::Add(a, c) => b(a)? + b(c)?,
        Tree::Sub(a, c) => b(a)? - b(c)?,
        Tree::Mul(a, c) => b(a)? * b(c)?,
        Tree::Div(a, c) => b(a)? / b(c)?,
        Tree::Pow(a, c) => Expr::pow(b(a)?, b(c)?),
        Tree::PowInt(a, k) => Expr::pow(b(a)?, Expr::int(i64::from(*k))),
        Tree::Neg(a) => -b(a)?,
        Tree::Call(f, args) => {
            let args: Option<Vec<Expr>> = args.iter().take(4).map(b).collect();
            symdiff::fuzzing::registered_call(usize::from(*f), args?)
        }
    })
}

fuzz_target!(|tree: Tree| {
    let Some(e) = build(&tree, 0) else {
        return;
    };
    symdiff::fuzzing::check_derivative(&e, &Expr::symbol("x"));
    symdiff::fuzzing::check_round_trip(&e.to_string());
});
