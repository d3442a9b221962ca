//! Functions with corners and jumps, roots, and the extremes of several
//! arguments.

use super::declare::*;
use super::domain::{Kind, Relation, Requirement};
use super::{Arity, Code, Eval, Func, FunctionDef, Latex, Parity, Values};
use crate::expr::{Expr, Node, Number};

pub(super) static CBRT: FunctionDef = FunctionDef {
    tag: 18,
    name: "cbrt",
    aliases: &[],
    summary: "real cube root (also `∛u`)",
    arity: Arity::Exactly(1),
    derivative: |a, _| {
        Expr::number(Number::ratio(1, 3)) * Expr::pow(call1(Func::Cbrt, &a[0]), Expr::int(-2))
    },
    eval: Eval::Unary(f64::cbrt),
    rust: Code::plain("{0}.cbrt()"),
    c: Code::plain("cbrt({0})"),
    latex: Latex::Wrap(r"\sqrt[3]{", "}"),
    requires: |a| {
        vec![require(
            a[0].clone(),
            Relation::NotEqual,
            0,
            Kind::VerticalTangent,
        )]
    },
    parity: Parity::Odd,
    values: Values::Real,
    exact: |a| match a[0].node() {
        Node::Num(n) => n.root(3).map(Expr::number),
        _ => None,
    },
    check: any_arguments,
};

pub(super) static ABS: FunctionDef = FunctionDef {
    tag: 19,
    name: "abs",
    aliases: &[],
    summary: "absolute value",
    arity: Arity::Exactly(1),
    derivative: |a, _| call1(Func::Sign, &a[0]),
    eval: Eval::Unary(f64::abs),
    rust: Code::plain("{0}.abs()"),
    c: Code::plain("fabs({0})"),
    latex: Latex::Wrap(r"\left|", r"\right|"),
    requires: corner_at_zero,
    parity: Parity::Even,
    values: Values::NonNegative,
    exact: |a| match a[0].node() {
        Node::Num(n) => Some(Expr::number(n.abs())),
        Node::Const(_) | Node::Call(Func::Abs, _) => Some(a[0].clone()),
        _ => None,
    },
    check: any_arguments,
};

pub(super) static SIGN: FunctionDef = FunctionDef {
    tag: 20,
    name: "sign",
    aliases: &[],
    summary: "sign: -1, 0 or 1",
    arity: Arity::Exactly(1),
    // Constant on each side of 0, with no derivative at 0.
    derivative: |_, _| Expr::int(0),
    eval: Eval::Unary(super::kernels::sign),
    rust: Code::kernel("sign({0})", &["sign"]),
    c: Code::kernel("sign({0})", &["sign"]),
    latex: Latex::Operator(r"\operatorname{sign}"),
    requires: corner_at_zero,
    parity: Parity::Odd,
    values: Values::Real,
    exact: |a| match a[0].node() {
        Node::Num(n) if n.is_zero() => Some(Expr::int(0)),
        Node::Num(n) => Some(Expr::int(if n.is_negative() { -1 } else { 1 })),
        Node::Const(_) => Some(Expr::int(1)),
        _ => None,
    },
    check: any_arguments,
};

pub(super) static HEAVISIDE: FunctionDef = FunctionDef {
    tag: 25,
    name: "heaviside",
    aliases: &[],
    summary: "unit step: 0 for u ≤ 0, 1 for u > 0",
    arity: Arity::Exactly(1),
    derivative: |_, _| Expr::int(0),
    eval: Eval::Unary(super::kernels::heaviside),
    rust: Code::kernel("heaviside({0})", &["heaviside"]),
    c: Code::kernel("heaviside({0})", &["heaviside"]),
    latex: Latex::Operator(r"\operatorname{heaviside}"),
    requires: corner_at_zero,
    parity: Parity::Neither,
    values: Values::NonNegative,
    exact: |a| match a[0].node() {
        Node::Num(n) => Some(Expr::int(i64::from(!n.is_negative() && !n.is_zero()))),
        Node::Const(_) => Some(Expr::int(1)),
        _ => None,
    },
    check: any_arguments,
};

/// Not differentiable where two arguments tie (`max`, `min`).
fn no_ties(args: &[Expr]) -> Vec<Requirement> {
    let mut out = Vec::new();
    for (i, a) in args.iter().enumerate() {
        for b in &args[i + 1..] {
            let gap = a.clone() - b.clone();
            out.push(require(gap, Relation::NotEqual, 0, Kind::NotDifferentiable));
        }
    }
    out
}

/// `∂ max/∂a_k`: 1 where `a_k` is above every other argument, 0 elsewhere
/// (with `ascending` false, the same for `min`).
fn attains(args: &[Expr], k: usize, ascending: bool) -> Expr {
    let factors = args
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != k)
        .map(|(_, b)| {
            let gap = if ascending {
                args[k].clone() - b.clone()
            } else {
                b.clone() - args[k].clone()
            };
            call1(Func::Heaviside, &gap)
        });
    Expr::mul(factors.collect::<Vec<_>>())
}

/// The extreme of the arguments when all are numbers; the only argument.
fn extreme(args: &[Expr], largest: bool) -> Option<Expr> {
    if let [only] = args {
        return Some(only.clone());
    }
    let numbers: Option<Vec<&Number>> = args.iter().map(number).collect();
    let numbers = numbers?;
    let pick = numbers
        .into_iter()
        .reduce(|a, b| if (a >= b) == largest { a } else { b })?;
    Some(Expr::number(pick.clone()))
}

pub(super) static MAX: FunctionDef = FunctionDef {
    tag: 26,
    name: "max",
    aliases: &[],
    summary: "largest argument",
    arity: Arity::AtLeast(1),
    derivative: |a, k| attains(a, k, true),
    eval: Eval::Fold(super::kernels::max),
    rust: Code::kernel("max({0}, {1})", &["max"]),
    c: Code::kernel("max({0}, {1})", &["max"]),
    latex: Latex::Operator(r"\max"),
    requires: no_ties,
    parity: Parity::Neither,
    values: Values::Real,
    exact: |a| extreme(a, true),
    check: any_arguments,
};

pub(super) static MIN: FunctionDef = FunctionDef {
    tag: 27,
    name: "min",
    aliases: &[],
    summary: "smallest argument",
    arity: Arity::AtLeast(1),
    derivative: |a, k| attains(a, k, false),
    eval: Eval::Fold(super::kernels::min),
    rust: Code::kernel("min({0}, {1})", &["min"]),
    c: Code::kernel("min({0}, {1})", &["min"]),
    latex: Latex::Operator(r"\min"),
    requires: no_ties,
    parity: Parity::Neither,
    values: Values::Real,
    exact: |a| extreme(a, false),
    check: any_arguments,
};

pub(super) static HYPOT: FunctionDef = FunctionDef {
    tag: 28,
    name: "hypot",
    aliases: &[],
    summary: "sqrt(u^2 + v^2) without overflow",
    arity: Arity::Exactly(2),
    derivative: |a, k| a[k].clone() * recip(Expr::call(Func::Hypot, a.to_vec())),
    eval: Eval::Binary(f64::hypot),
    rust: Code::plain("{0}.hypot({1})"),
    c: Code::plain("hypot({0}, {1})"),
    latex: Latex::Operator(r"\operatorname{hypot}"),
    requires: not_at_the_origin,
    parity: Parity::Neither,
    values: Values::NonNegative,
    exact: no_exact_values,
    check: any_arguments,
};
