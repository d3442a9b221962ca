//! The small pieces the declarations are written with.

use super::domain::{Kind, Relation, Requirement};
use super::Func;
use crate::expr::{Expr, Number};

/// `f(u)`.
pub(super) fn call1(f: Func, u: &Expr) -> Expr {
    Expr::call(f, vec![u.clone()])
}

/// `u^2`.
pub(super) fn square(u: &Expr) -> Expr {
    Expr::pow(u.clone(), Expr::int(2))
}

/// `1/u`.
pub(super) fn recip(u: Expr) -> Expr {
    Expr::pow(u, Expr::int(-1))
}

/// `1/sqrt(u)`.
pub(super) fn recip_sqrt(u: Expr) -> Expr {
    Expr::pow(u, Expr::number(Number::ratio(-1, 2)))
}

/// `abs(u)`.
pub(super) fn abs(u: &Expr) -> Expr {
    call1(Func::Abs, u)
}

/// For functions defined and smooth everywhere.
pub(super) fn nothing_required(_: &[Expr]) -> Vec<Requirement> {
    Vec::new()
}

/// For functions that take any arguments of the right number.
pub(super) fn any_arguments(_: &[Expr]) -> Option<&'static str> {
    None
}

/// For functions with no exact values worth folding.
pub(super) fn no_exact_values(_: &[Expr]) -> Option<Expr> {
    None
}

/// `f(0) = 0`.
pub(super) fn zero_at_zero(args: &[Expr]) -> Option<Expr> {
    args[0].is_zero().then(|| Expr::int(0))
}

/// `f(0) = 1`.
pub(super) fn one_at_zero(args: &[Expr]) -> Option<Expr> {
    args[0].is_zero().then(|| Expr::int(1))
}

/// `subject relation bound`, failing as `kind`.
pub(super) fn require(subject: Expr, relation: Relation, bound: i64, kind: Kind) -> Requirement {
    Requirement::new(subject, relation, bound, kind)
}

/// A corner or a jump where the argument is 0 (`abs`, `sign`, `relu`).
pub(super) fn corner_at_zero(args: &[Expr]) -> Vec<Requirement> {
    vec![require(
        args[0].clone(),
        Relation::NotEqual,
        0,
        Kind::NotDifferentiable,
    )]
}

/// Not differentiable where both arguments are 0 (`atan2`, `hypot`).
pub(super) fn not_at_the_origin(args: &[Expr]) -> Vec<Requirement> {
    vec![require(
        square(&args[0]) + square(&args[1]),
        Relation::NotEqual,
        0,
        Kind::NotDifferentiable,
    )]
}

/// Undefined at 0, -1, -2, … (the gamma family).
pub(super) fn no_poles(args: &[Expr]) -> Vec<Requirement> {
    let x = args.last().expect("the gamma family has an argument");
    vec![require(
        x.clone(),
        Relation::NotNonPositiveInteger,
        0,
        Kind::Undefined,
    )]
}

/// The number an argument is, if it is one.
pub(super) fn number(e: &Expr) -> Option<&Number> {
    e.as_number()
}
