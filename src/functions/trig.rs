//! The circular functions and their inverses.

use super::declare::*;
use super::domain::{Kind, Relation, Requirement};
use super::identity::{abs_within, same, Atom, Identity, Shape};
use super::{Arity, Code, Eval, Func, FunctionDef, Latex, Parity, Values};
use crate::expr::{Expr, Number};

/// `cos(u) ≠ 0`: where tan and sec are defined.
fn cos_nonzero(args: &[Expr]) -> Vec<Requirement> {
    vec![require(
        call1(Func::Cos, &args[0]),
        Relation::NotEqual,
        0,
        Kind::Undefined,
    )]
}

/// `sin(u) ≠ 0`: where csc and cot are defined.
fn sin_nonzero(args: &[Expr]) -> Vec<Requirement> {
    vec![require(
        call1(Func::Sin, &args[0]),
        Relation::NotEqual,
        0,
        Kind::Undefined,
    )]
}

/// `|u| ≤ 1`, with a vertical tangent at ±1 (asin, acos).
fn within_one(args: &[Expr]) -> Vec<Requirement> {
    vec![
        require(abs(&args[0]), Relation::LessOrEqual, 1, Kind::Undefined),
        require(abs(&args[0]), Relation::Less, 1, Kind::VerticalTangent),
    ]
}

pub(super) static SIN: FunctionDef = FunctionDef {
    tag: 0,
    name: "sin",
    aliases: &[],
    summary: "sine",
    arity: Arity::Exactly(1),
    derivative: |a, _| call1(Func::Cos, &a[0]),
    eval: Eval::Unary(f64::sin),
    rust: Code::plain("{0}.sin()"),
    c: Code::plain("sin({0})"),
    python: Code::plain("{m}.sin({0})"),
    latex: Latex::Operator(r"\sin"),
    requires: nothing_required,
    parity: Parity::Odd,
    values: Values::Real,
    exact: zero_at_zero,
    check: any_arguments,
};

pub(super) static COS: FunctionDef = FunctionDef {
    tag: 1,
    name: "cos",
    aliases: &[],
    summary: "cosine",
    arity: Arity::Exactly(1),
    derivative: |a, _| -call1(Func::Sin, &a[0]),
    eval: Eval::Unary(f64::cos),
    rust: Code::plain("{0}.cos()"),
    c: Code::plain("cos({0})"),
    python: Code::plain("{m}.cos({0})"),
    latex: Latex::Operator(r"\cos"),
    requires: nothing_required,
    parity: Parity::Even,
    values: Values::Real,
    exact: one_at_zero,
    check: any_arguments,
};

pub(super) static TAN: FunctionDef = FunctionDef {
    tag: 2,
    name: "tan",
    aliases: &[],
    summary: "tangent",
    arity: Arity::Exactly(1),
    derivative: |a, _| Expr::int(1) + square(&call1(Func::Tan, &a[0])),
    eval: Eval::Unary(f64::tan),
    rust: Code::plain("{0}.tan()"),
    c: Code::plain("tan({0})"),
    python: Code::plain("{m}.tan({0})"),
    latex: Latex::Operator(r"\tan"),
    requires: cos_nonzero,
    parity: Parity::Odd,
    values: Values::Real,
    exact: zero_at_zero,
    check: any_arguments,
};

pub(super) static SEC: FunctionDef = FunctionDef {
    tag: 3,
    name: "sec",
    aliases: &[],
    summary: "secant, 1/cos",
    arity: Arity::Exactly(1),
    derivative: |a, _| call1(Func::Sec, &a[0]) * call1(Func::Tan, &a[0]),
    eval: Eval::Unary(super::kernels::sec),
    rust: Code::plain("1.0 / {0}.cos()"),
    c: Code::plain("1.0 / cos({0})"),
    python: Code::plain("1.0 / {m}.cos({0})"),
    latex: Latex::Operator(r"\sec"),
    requires: cos_nonzero,
    parity: Parity::Even,
    values: Values::Real,
    exact: one_at_zero,
    check: any_arguments,
};

pub(super) static CSC: FunctionDef = FunctionDef {
    tag: 4,
    name: "csc",
    aliases: &[],
    summary: "cosecant, 1/sin",
    arity: Arity::Exactly(1),
    derivative: |a, _| -(call1(Func::Csc, &a[0]) * call1(Func::Cot, &a[0])),
    eval: Eval::Unary(super::kernels::csc),
    rust: Code::plain("1.0 / {0}.sin()"),
    c: Code::plain("1.0 / sin({0})"),
    python: Code::plain("1.0 / {m}.sin({0})"),
    latex: Latex::Operator(r"\csc"),
    requires: sin_nonzero,
    parity: Parity::Odd,
    values: Values::Real,
    exact: no_exact_values,
    check: any_arguments,
};

pub(super) static COT: FunctionDef = FunctionDef {
    tag: 5,
    name: "cot",
    aliases: &[],
    summary: "cotangent, 1/tan",
    arity: Arity::Exactly(1),
    derivative: |a, _| -(Expr::int(1) + square(&call1(Func::Cot, &a[0]))),
    eval: Eval::Unary(super::kernels::cot),
    rust: Code::plain("1.0 / {0}.tan()"),
    c: Code::plain("1.0 / tan({0})"),
    python: Code::plain("1.0 / {m}.tan({0})"),
    latex: Latex::Operator(r"\cot"),
    requires: sin_nonzero,
    parity: Parity::Odd,
    values: Values::Real,
    exact: no_exact_values,
    check: any_arguments,
};

pub(super) static ASIN: FunctionDef = FunctionDef {
    tag: 6,
    name: "asin",
    aliases: &["arcsin"],
    summary: "inverse sine",
    arity: Arity::Exactly(1),
    derivative: |a, _| recip_sqrt(Expr::int(1) - square(&a[0])),
    eval: Eval::Unary(f64::asin),
    rust: Code::plain("{0}.asin()"),
    c: Code::plain("asin({0})"),
    python: Code::plain("{m}.asin({0})"),
    latex: Latex::Operator(r"\arcsin"),
    requires: within_one,
    parity: Parity::Odd,
    values: Values::Real,
    exact: zero_at_zero,
    check: any_arguments,
};

pub(super) static ACOS: FunctionDef = FunctionDef {
    tag: 7,
    name: "acos",
    aliases: &["arccos"],
    summary: "inverse cosine",
    arity: Arity::Exactly(1),
    derivative: |a, _| -recip_sqrt(Expr::int(1) - square(&a[0])),
    eval: Eval::Unary(f64::acos),
    rust: Code::plain("{0}.acos()"),
    c: Code::plain("acos({0})"),
    python: Code::plain("{m}.acos({0})"),
    latex: Latex::Operator(r"\arccos"),
    requires: within_one,
    parity: Parity::Neither,
    values: Values::NonNegative,
    exact: |a| {
        number(&a[0])
            .is_some_and(|n| n.is_one())
            .then(|| Expr::int(0))
    },
    check: any_arguments,
};

pub(super) static ATAN: FunctionDef = FunctionDef {
    tag: 8,
    name: "atan",
    aliases: &["arctan"],
    summary: "inverse tangent",
    arity: Arity::Exactly(1),
    derivative: |a, _| recip(Expr::int(1) + square(&a[0])),
    eval: Eval::Unary(f64::atan),
    rust: Code::plain("{0}.atan()"),
    c: Code::plain("atan({0})"),
    python: Code::plain("{m}.atan({0})"),
    latex: Latex::Operator(r"\arctan"),
    requires: nothing_required,
    parity: Parity::Odd,
    values: Values::Real,
    exact: zero_at_zero,
    check: any_arguments,
};

/// atan2 jumps by 2π across the negative x-axis and has no value at the
/// origin: both are where `x + hypot(x, y)` is 0.
fn off_the_cut(args: &[Expr]) -> Vec<Requirement> {
    let (y, x) = (&args[0], &args[1]);
    let hypot = Expr::call(Func::Hypot, vec![x.clone(), y.clone()]);
    vec![require(
        x.clone() + hypot,
        Relation::NotEqual,
        0,
        Kind::NotDifferentiable,
    )]
}

pub(super) static ATAN2: FunctionDef = FunctionDef {
    tag: 22,
    name: "atan2",
    aliases: &[],
    summary: "angle of the point (x, y), written atan2(y, x)",
    arity: Arity::Exactly(2),
    // d atan2(y, x) = (x dy - y dx)/(x^2 + y^2)
    derivative: |a, k| {
        let (y, x) = (&a[0], &a[1]);
        let over = recip(square(x) + square(y));
        if k == 0 {
            x.clone() * over
        } else {
            -(y.clone() * over)
        }
    },
    eval: Eval::Binary(f64::atan2),
    rust: Code::plain("{0}.atan2({1})"),
    c: Code::plain("atan2({0}, {1})"),
    python: Code::plain("{m}.atan2({0}, {1})"),
    latex: Latex::Operator(r"\operatorname{atan2}"),
    requires: off_the_cut,
    parity: Parity::Neither,
    values: Values::Real,
    exact: no_exact_values,
    check: any_arguments,
};

/// `1 - u^2`.
fn one_minus_square_of(u: &Expr) -> Expr {
    Expr::int(1) - square(u)
}

/// `sqrt(u)`.
fn sqrt(u: Expr) -> Expr {
    Expr::pow(u, Expr::number(Number::ratio(1, 2)))
}

/// The identities of the circular functions.
pub(super) static IDENTITIES: &[Identity] = &[
    Identity {
        name: "sin(asin(u)) = u",
        condition: Some(|u| abs_within(u, Relation::LessOrEqual)),
        shape: Shape::Composition {
            outer: Func::Sin,
            inner: Func::Asin,
            result: same,
        },
    },
    Identity {
        name: "cos(acos(u)) = u",
        condition: Some(|u| abs_within(u, Relation::LessOrEqual)),
        shape: Shape::Composition {
            outer: Func::Cos,
            inner: Func::Acos,
            result: same,
        },
    },
    Identity {
        name: "tan(atan(u)) = u",
        condition: None,
        shape: Shape::Composition {
            outer: Func::Tan,
            inner: Func::Atan,
            result: same,
        },
    },
    Identity {
        name: "sin(acos(u)) = sqrt(1 - u^2)",
        condition: None,
        shape: Shape::Composition {
            outer: Func::Sin,
            inner: Func::Acos,
            result: |u| sqrt(one_minus_square_of(u)),
        },
    },
    Identity {
        name: "cos(asin(u)) = sqrt(1 - u^2)",
        condition: None,
        shape: Shape::Composition {
            outer: Func::Cos,
            inner: Func::Asin,
            result: |u| sqrt(one_minus_square_of(u)),
        },
    },
    Identity {
        name: "tan(asin(u)) = u/sqrt(1 - u^2)",
        condition: None,
        shape: Shape::Composition {
            outer: Func::Tan,
            inner: Func::Asin,
            result: |u| u.clone() * recip_sqrt(one_minus_square_of(u)),
        },
    },
    Identity {
        name: "tan(acos(u)) = sqrt(1 - u^2)/u",
        condition: None,
        shape: Shape::Composition {
            outer: Func::Tan,
            inner: Func::Acos,
            result: |u| sqrt(one_minus_square_of(u)) * recip(u.clone()),
        },
    },
    Identity {
        name: "sin(atan(u)) = u/sqrt(1 + u^2)",
        condition: None,
        shape: Shape::Composition {
            outer: Func::Sin,
            inner: Func::Atan,
            result: |u| u.clone() * recip_sqrt(Expr::int(1) + square(u)),
        },
    },
    Identity {
        name: "cos(atan(u)) = 1/sqrt(1 + u^2)",
        condition: None,
        shape: Shape::Composition {
            outer: Func::Cos,
            inner: Func::Atan,
            result: |u| recip_sqrt(Expr::int(1) + square(u)),
        },
    },
    Identity {
        name: "sin(u)/cos(u) = tan(u)",
        condition: None,
        shape: Shape::Quotient {
            func: Func::Tan,
            of: &[(Func::Sin, 1), (Func::Cos, -1)],
        },
    },
    Identity {
        name: "cos(u)/sin(u) = cot(u)",
        condition: None,
        shape: Shape::Quotient {
            func: Func::Cot,
            of: &[(Func::Cos, 1), (Func::Sin, -1)],
        },
    },
    Identity {
        name: "1/cos(u) = sec(u)",
        condition: None,
        shape: Shape::Quotient {
            func: Func::Sec,
            of: &[(Func::Cos, -1)],
        },
    },
    Identity {
        name: "1/sin(u) = csc(u)",
        condition: None,
        shape: Shape::Quotient {
            func: Func::Csc,
            of: &[(Func::Sin, -1)],
        },
    },
    Identity {
        name: "sin(u)^2 + cos(u)^2 = 1",
        condition: None,
        shape: Shape::Linear(&[
            (1, Atom::Power(Func::Sin, 2)),
            (1, Atom::Power(Func::Cos, 2)),
            (-1, Atom::One),
        ]),
    },
    Identity {
        name: "cos(u)^2 - sin(u)^2 = cos(2*u)",
        condition: None,
        shape: Shape::Linear(&[
            (1, Atom::Power(Func::Cos, 2)),
            (-1, Atom::Power(Func::Sin, 2)),
            (-1, Atom::Scaled(Func::Cos, 2)),
        ]),
    },
    Identity {
        name: "2*cos(u)^2 - 1 = cos(2*u)",
        condition: None,
        shape: Shape::Linear(&[
            (2, Atom::Power(Func::Cos, 2)),
            (-1, Atom::One),
            (-1, Atom::Scaled(Func::Cos, 2)),
        ]),
    },
    Identity {
        name: "1 - 2*sin(u)^2 = cos(2*u)",
        condition: None,
        shape: Shape::Linear(&[
            (-2, Atom::Power(Func::Sin, 2)),
            (1, Atom::One),
            (-1, Atom::Scaled(Func::Cos, 2)),
        ]),
    },
    Identity {
        name: "1 + tan(u)^2 = sec(u)^2",
        condition: None,
        shape: Shape::Linear(&[
            (1, Atom::Power(Func::Tan, 2)),
            (1, Atom::One),
            (-1, Atom::Power(Func::Sec, 2)),
        ]),
    },
    Identity {
        name: "1 + cot(u)^2 = csc(u)^2",
        condition: None,
        shape: Shape::Linear(&[
            (1, Atom::Power(Func::Cot, 2)),
            (1, Atom::One),
            (-1, Atom::Power(Func::Csc, 2)),
        ]),
    },
    Identity {
        name: "2*sin(u)*cos(u) = sin(2*u)",
        condition: None,
        shape: Shape::DoubleAngle {
            of: [Func::Sin, Func::Cos],
            is: Func::Sin,
        },
    },
];
