//! The hyperbolic functions and their inverses.

use super::declare::*;
use super::domain::{Kind, Relation, Requirement};
use super::identity::{
    abs_within, holds_where, one_plus, paired_factor, replaced, same, Atom, Identity, Shape,
};
use super::{Arity, Code, Eval, Func, FunctionDef, Latex, Parity, Values};
use crate::expr::Expr;

pub(super) static SINH: FunctionDef = FunctionDef {
    tag: 9,
    name: "sinh",
    aliases: &[],
    summary: "hyperbolic sine",
    arity: Arity::Exactly(1),
    derivative: |a, _| call1(Func::Cosh, &a[0]),
    eval: Eval::Unary(f64::sinh),
    rust: Code::plain("{0}.sinh()"),
    c: Code::plain("sinh({0})"),
    python: Code::plain("{m}.sinh({0})"),
    latex: Latex::Operator(r"\sinh"),
    requires: nothing_required,
    parity: Parity::Odd,
    values: Values::Real,
    exact: zero_at_zero,
    check: any_arguments,
};

pub(super) static COSH: FunctionDef = FunctionDef {
    tag: 10,
    name: "cosh",
    aliases: &[],
    summary: "hyperbolic cosine",
    arity: Arity::Exactly(1),
    derivative: |a, _| call1(Func::Sinh, &a[0]),
    eval: Eval::Unary(f64::cosh),
    rust: Code::plain("{0}.cosh()"),
    c: Code::plain("cosh({0})"),
    python: Code::plain("{m}.cosh({0})"),
    latex: Latex::Operator(r"\cosh"),
    requires: nothing_required,
    parity: Parity::Even,
    values: Values::Positive,
    exact: one_at_zero,
    check: any_arguments,
};

pub(super) static TANH: FunctionDef = FunctionDef {
    tag: 11,
    name: "tanh",
    aliases: &[],
    summary: "hyperbolic tangent",
    arity: Arity::Exactly(1),
    derivative: |a, _| Expr::int(1) - square(&call1(Func::Tanh, &a[0])),
    eval: Eval::Unary(f64::tanh),
    rust: Code::plain("{0}.tanh()"),
    c: Code::plain("tanh({0})"),
    python: Code::plain("{m}.tanh({0})"),
    latex: Latex::Operator(r"\tanh"),
    requires: nothing_required,
    parity: Parity::Odd,
    values: Values::Real,
    exact: zero_at_zero,
    check: any_arguments,
};

pub(super) static ASINH: FunctionDef = FunctionDef {
    tag: 12,
    name: "asinh",
    aliases: &["arsinh", "arcsinh"],
    summary: "inverse hyperbolic sine",
    arity: Arity::Exactly(1),
    derivative: |a, _| recip_sqrt(square(&a[0]) + Expr::int(1)),
    eval: Eval::Unary(f64::asinh),
    rust: Code::plain("{0}.asinh()"),
    c: Code::plain("asinh({0})"),
    python: Code::plain("{m}.asinh({0})"),
    latex: Latex::Operator(r"\operatorname{arsinh}"),
    requires: nothing_required,
    parity: Parity::Odd,
    values: Values::Real,
    exact: zero_at_zero,
    check: any_arguments,
};

pub(super) static ACOSH: FunctionDef = FunctionDef {
    tag: 13,
    name: "acosh",
    aliases: &["arcosh", "arccosh"],
    summary: "inverse hyperbolic cosine",
    arity: Arity::Exactly(1),
    derivative: |a, _| recip_sqrt(square(&a[0]) - Expr::int(1)),
    eval: Eval::Unary(f64::acosh),
    rust: Code::plain("{0}.acosh()"),
    c: Code::plain("acosh({0})"),
    python: Code::plain("{m}.acosh({0})"),
    latex: Latex::Operator(r"\operatorname{arcosh}"),
    requires: |a| {
        vec![
            require(a[0].clone(), Relation::GreaterOrEqual, 1, Kind::Undefined),
            require(a[0].clone(), Relation::Greater, 1, Kind::VerticalTangent),
        ]
    },
    parity: Parity::Neither,
    values: Values::Real,
    exact: no_exact_values,
    check: any_arguments,
};

/// `|u| < 1`: where atanh is defined.
fn inside_one(args: &[Expr]) -> Vec<Requirement> {
    vec![require(abs(&args[0]), Relation::Less, 1, Kind::Undefined)]
}

pub(super) static ATANH: FunctionDef = FunctionDef {
    tag: 14,
    name: "atanh",
    aliases: &["artanh", "arctanh"],
    summary: "inverse hyperbolic tangent",
    arity: Arity::Exactly(1),
    derivative: |a, _| recip(Expr::int(1) - square(&a[0])),
    eval: Eval::Unary(f64::atanh),
    rust: Code::plain("{0}.atanh()"),
    c: Code::plain("atanh({0})"),
    python: Code::plain("{m}.atanh({0})"),
    latex: Latex::Operator(r"\operatorname{artanh}"),
    requires: inside_one,
    parity: Parity::Odd,
    values: Values::Real,
    exact: zero_at_zero,
    check: any_arguments,
};

/// The `u` of `1 + tanh(u)^2`, if `e` is that sum.
fn one_plus_tanh_squared(e: &Expr) -> Option<Expr> {
    one_plus(e, 1, Func::Tanh, 2)
}

/// The identities of the hyperbolic functions.
pub(super) static IDENTITIES: &[Identity] = &[
    Identity {
        name: "sinh(asinh(u)) = u",
        condition: None,
        shape: Shape::Composition {
            outer: Func::Sinh,
            inner: Func::Asinh,
            result: same,
        },
    },
    Identity {
        name: "cosh(acosh(u)) = u",
        condition: Some(|u| holds_where(u, Relation::GreaterOrEqual, 1)),
        shape: Shape::Composition {
            outer: Func::Cosh,
            inner: Func::Acosh,
            result: same,
        },
    },
    Identity {
        name: "tanh(atanh(u)) = u",
        condition: Some(|u| abs_within(u, Relation::Less)),
        shape: Shape::Composition {
            outer: Func::Tanh,
            inner: Func::Atanh,
            result: same,
        },
    },
    Identity {
        name: "sinh(u)/cosh(u) = tanh(u)",
        condition: None,
        shape: Shape::Quotient {
            func: Func::Tanh,
            of: &[(Func::Sinh, 1), (Func::Cosh, -1)],
        },
    },
    Identity {
        // In any multiple, and with a cofactor: `x - x*tanh(u)^2`.
        name: "1 - tanh(u)^2 = 1/cosh(u)^2",
        condition: None,
        shape: Shape::Linear(&[
            (1, Atom::One),
            (-1, Atom::Power(Func::Tanh, 2)),
            (-1, Atom::Power(Func::Cosh, -2)),
        ]),
    },
    Identity {
        name: "cosh(u)^2*(1 + tanh(u)^2) = cosh(2*u)",
        condition: None,
        shape: Shape::Product(|factors| {
            // Both factors are positive, so any exponent k.
            let p = paired_factor(factors, one_plus_tanh_squared, Func::Cosh, 2)?;
            let doubled = call1(Func::Cosh, &(Expr::int(2) * p.u.clone()));
            Some((replaced(factors, &p.at, Expr::pow(doubled, p.k)), p.u))
        }),
    },
    Identity {
        name: "cosh(u)^2 - sinh(u)^2 = 1",
        condition: None,
        shape: Shape::Linear(&[
            (1, Atom::Power(Func::Cosh, 2)),
            (-1, Atom::Power(Func::Sinh, 2)),
            (-1, Atom::One),
        ]),
    },
    Identity {
        name: "cosh(u)^2 + sinh(u)^2 = cosh(2*u)",
        condition: None,
        shape: Shape::Linear(&[
            (1, Atom::Power(Func::Cosh, 2)),
            (1, Atom::Power(Func::Sinh, 2)),
            (-1, Atom::Scaled(Func::Cosh, 2)),
        ]),
    },
    Identity {
        name: "2*cosh(u)^2 - 1 = cosh(2*u)",
        condition: None,
        shape: Shape::Linear(&[
            (2, Atom::Power(Func::Cosh, 2)),
            (-1, Atom::One),
            (-1, Atom::Scaled(Func::Cosh, 2)),
        ]),
    },
    Identity {
        name: "1 + 2*sinh(u)^2 = cosh(2*u)",
        condition: None,
        shape: Shape::Linear(&[
            (2, Atom::Power(Func::Sinh, 2)),
            (1, Atom::One),
            (-1, Atom::Scaled(Func::Cosh, 2)),
        ]),
    },
    Identity {
        name: "2*sinh(u)*cosh(u) = sinh(2*u)",
        condition: None,
        shape: Shape::DoubleAngle {
            of: [Func::Sinh, Func::Cosh],
            is: Func::Sinh,
        },
    },
];
