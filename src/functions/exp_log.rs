//! The exponential and the logarithms.

use super::declare::*;
use super::domain::{Kind, Relation};
use super::identity::{argument_of, holds_where, same, Atom, Identity, Shape};
use super::{Arity, Code, Eval, Func, FunctionDef, Latex, Parity, Values};
use crate::expr::{Constant, Expr, Node};

pub(super) static EXP: FunctionDef = FunctionDef {
    tag: 15,
    name: "exp",
    aliases: &[],
    summary: "exponential, e^u",
    arity: Arity::Exactly(1),
    derivative: |a, _| call1(Func::Exp, &a[0]),
    eval: Eval::Unary(f64::exp),
    rust: Code::plain("{0}.exp()"),
    c: Code::plain("exp({0})"),
    python: Code::plain("{m}.exp({0})"),
    latex: Latex::Wrap("e^{", "}"),
    requires: nothing_required,
    parity: Parity::Neither,
    values: Values::Positive,
    // exp(ln(u)) = u only where u > 0: an identity (below), not a fold,
    // so that the condition is kept.
    exact: one_at_zero,
    check: any_arguments,
};

pub(super) static LN: FunctionDef = FunctionDef {
    tag: 16,
    name: "ln",
    aliases: &["log"],
    summary: "natural logarithm (`log` with one argument)",
    arity: Arity::Exactly(1),
    derivative: |a, _| recip(a[0].clone()),
    eval: Eval::Unary(f64::ln),
    rust: Code::plain("{0}.ln()"),
    c: Code::plain("log({0})"),
    python: Code::plain("{m}.log({0})"),
    latex: Latex::Operator(r"\ln"),
    requires: |a| vec![require(a[0].clone(), Relation::Greater, 0, Kind::Undefined)],
    parity: Parity::Neither,
    values: Values::Real,
    exact: |a| match a[0].node() {
        Node::Num(n) if n.is_one() => Some(Expr::int(0)),
        Node::Const(Constant::E) => Some(Expr::int(1)),
        Node::Call(Func::Exp, inner) => Some(inner[0].clone()),
        _ => None,
    },
    check: any_arguments,
};

pub(super) static LOG1P: FunctionDef = FunctionDef {
    tag: 23,
    name: "log1p",
    aliases: &[],
    summary: "ln(1 + u), exact for small u",
    arity: Arity::Exactly(1),
    derivative: |a, _| recip(Expr::int(1) + a[0].clone()),
    eval: Eval::Unary(f64::ln_1p),
    rust: Code::plain("{0}.ln_1p()"),
    c: Code::plain("log1p({0})"),
    python: Code::plain("{m}.log1p({0})"),
    latex: Latex::Operator(r"\operatorname{log1p}"),
    requires: |a| {
        vec![require(
            a[0].clone(),
            Relation::Greater,
            -1,
            Kind::Undefined,
        )]
    },
    parity: Parity::Neither,
    values: Values::Real,
    exact: zero_at_zero,
    check: any_arguments,
};

pub(super) static EXPM1: FunctionDef = FunctionDef {
    tag: 24,
    name: "expm1",
    aliases: &[],
    summary: "e^u - 1, exact for small u",
    arity: Arity::Exactly(1),
    derivative: |a, _| call1(Func::Exp, &a[0]),
    eval: Eval::Unary(f64::exp_m1),
    rust: Code::plain("{0}.exp_m1()"),
    c: Code::plain("expm1({0})"),
    python: Code::plain("{m}.expm1({0})"),
    latex: Latex::Operator(r"\operatorname{expm1}"),
    requires: nothing_required,
    parity: Parity::Neither,
    values: Values::Real,
    exact: zero_at_zero,
    check: any_arguments,
};

/// The identities of the exponential and the logarithms. (`ln(exp(u)) = u`
/// holds everywhere and is folded when the call is built.)
pub(super) static IDENTITIES: &[Identity] = &[
    Identity {
        name: "exp(ln(u)) = u",
        condition: Some(|u| holds_where(u, Relation::Greater, 0)),
        shape: Shape::Composition {
            outer: Func::Exp,
            inner: Func::Ln,
            result: same,
        },
    },
    Identity {
        name: "exp(ln(u) + v) = u*exp(v)",
        condition: Some(|u| holds_where(u, Relation::Greater, 0)),
        shape: Shape::Call {
            func: Func::Exp,
            rewrite: |args| {
                let Node::Add(terms) = args[0].node() else {
                    return None;
                };
                terms.iter().enumerate().find_map(|(i, t)| {
                    let (c, log) = t.split_coefficient();
                    let u = argument_of(Func::Ln, &log)?;
                    let v = terms
                        .iter()
                        .enumerate()
                        .filter(|&(j, _)| j != i)
                        .map(|(_, s)| s.clone());
                    let after =
                        Expr::pow(u.clone(), Expr::number(c)) * call1(Func::Exp, &Expr::add(v));
                    Some((after, u))
                })
            },
        },
    },
    Identity {
        name: "exp(log1p(u)) = 1 + u",
        condition: Some(|u| holds_where(u, Relation::Greater, -1)),
        shape: Shape::Composition {
            outer: Func::Exp,
            inner: Func::Log1p,
            result: |u| Expr::int(1) + u.clone(),
        },
    },
    Identity {
        name: "expm1(log1p(u)) = u",
        condition: Some(|u| holds_where(u, Relation::Greater, -1)),
        shape: Shape::Composition {
            outer: Func::Expm1,
            inner: Func::Log1p,
            result: same,
        },
    },
    Identity {
        name: "log1p(expm1(u)) = u",
        condition: None,
        shape: Shape::Composition {
            outer: Func::Log1p,
            inner: Func::Expm1,
            result: same,
        },
    },
    Identity {
        name: "expm1(u) + 1 = exp(u)",
        condition: None,
        shape: Shape::Linear(&[
            (1, Atom::Power(Func::Expm1, 1)),
            (1, Atom::One),
            (-1, Atom::Power(Func::Exp, 1)),
        ]),
    },
];
