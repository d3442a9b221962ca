//! Functions with corners and jumps, roots, and the extremes of several
//! arguments.

use super::declare::*;
use super::domain::{Kind, Relation, Requirement};
use super::identity::{argument_of, has_call, holds_where, Identity, Shape};
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
    python: Code::kernel("_cbrt({0})", &["cbrt"]),
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
    python: Code::plain("abs({0})"),
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
    python: Code::kernel("_sign({0})", &["sign"]),
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
    python: Code::kernel("_heaviside({0})", &["heaviside"]),
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

/// `∂ max/∂a_k` (with `largest` false, `∂ min/∂a_k`): 1 where `a_k` is
/// the last argument to attain the extreme, 0 elsewhere. Ties go to the
/// last, so the weights add up to 1 at every point, and where tied
/// arguments are the same function the derivative is still theirs.
fn attains(args: &[Expr], k: usize, largest: bool) -> Expr {
    let step = |u: Expr| call1(Func::Heaviside, &u);
    // `u > v` as a step of `u - v` (heaviside(0) = 0); `u ≥ v` as 1 - (v > u).
    let above = |u: &Expr, v: &Expr| {
        if largest {
            step(u.clone() - v.clone())
        } else {
            step(v.clone() - u.clone())
        }
    };
    let factors = args
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != k)
        .map(|(j, b)| {
            if j < k {
                Expr::int(1) - above(b, &args[k])
            } else {
                above(&args[k], b)
            }
        });
    Expr::mul(factors.collect::<Vec<_>>())
}

/// The extreme of the arguments when all are numbers; the argument when
/// they are all one; the arguments once each otherwise.
fn extreme(args: &[Expr], largest: bool, f: Func) -> Option<Expr> {
    let mut distinct: Vec<Expr> = Vec::with_capacity(args.len());
    for a in args {
        if !distinct.contains(a) {
            distinct.push(a.clone());
        }
    }
    if let [only] = distinct.as_slice() {
        return Some(only.clone());
    }
    if distinct.len() < args.len() {
        return Some(Expr::call(f, distinct));
    }
    let numbers: Option<Vec<&Number>> = args.iter().map(number).collect();
    let pick = numbers?
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
    python: Code::kernel("_max({0}, {1})", &["max"]),
    latex: Latex::Operator(r"\max"),
    requires: no_ties,
    parity: Parity::Neither,
    values: Values::Real,
    exact: |a| extreme(a, true, Func::Max),
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
    python: Code::kernel("_min({0}, {1})", &["min"]),
    latex: Latex::Operator(r"\min"),
    requires: no_ties,
    parity: Parity::Neither,
    values: Values::Real,
    exact: |a| extreme(a, false, Func::Min),
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
    python: Code::plain("{m}.hypot({0}, {1})"),
    latex: Latex::Operator(r"\operatorname{hypot}"),
    requires: not_at_the_origin,
    parity: Parity::Neither,
    values: Values::NonNegative,
    exact: no_exact_values,
    check: any_arguments,
};

/// The identities of the absolute value and the sign.
pub(super) static IDENTITIES: &[Identity] = &[
    Identity {
        name: "abs(u) = u for u ≥ 0",
        condition: None,
        shape: Shape::Call {
            func: Func::Abs,
            rewrite: |args| never_negative(&args[0]).then(|| (args[0].clone(), args[0].clone())),
        },
    },
    Identity {
        name: "sign(u) = 1 for u > 0",
        condition: None,
        shape: Shape::Call {
            func: Func::Sign,
            rewrite: |args| always_positive(&args[0]).then(|| (Expr::int(1), args[0].clone())),
        },
    },
    Identity {
        name: "u = sign(u)*abs(u)",
        condition: Some(|u| holds_where(u, Relation::NotEqual, 0)),
        shape: Shape::Product(sign_abs_normal),
    },
    Identity {
        name: "sqrt(u^2) = abs(u)",
        condition: None,
        shape: Shape::Power(|base, exp| {
            // (u^(2k))^r = abs(u)^(2k*r) for a fractional r.
            let r = exp.as_number().filter(|r| !r.is_integer())?;
            let (u, n) = base.as_power();
            let n = n
                .as_number()
                .filter(|n| n.to_i64().is_some_and(|k| k % 2 == 0))?;
            let k = Expr::number(n.clone() * r.clone());
            // abs(u) = u for u ≥ 0 at once: the call is built here, after
            // the simplifier has passed its place.
            let magnitude = if never_negative(&u) {
                u.clone()
            } else {
                abs(&u)
            };
            Some((Expr::pow(magnitude, k), u))
        }),
    },
    Identity {
        name: "sign(u^2) = 1",
        condition: Some(|u| holds_where(u, Relation::NotEqual, 0)),
        shape: Shape::Call {
            func: Func::Sign,
            rewrite: |args| {
                let (u, k) = args[0].as_power();
                let k = k.as_number()?.to_i64().filter(|k| k % 2 == 0 && *k != 0)?;
                (k != 0).then(|| (Expr::int(1), u))
            },
        },
    },
];

/// `u^b*abs(u)^a*sign(u)^s` in a product (two of the three at least)
/// written with one of `abs(u)` and `u`: `abs(u)^(a + b)*sign(u)^(s + b)`
/// or `u^(a + b)*sign(u)^(s + a)`, `sign(u)` to an even power being 1.
/// The first when it loses the sign and the second does not, else the
/// second, so that every term of a sum takes the same form and like terms
/// meet (`sign(x)/x - abs(x)/x^2` → `1/abs(x) - 1/abs(x)` → `0`).
fn sign_abs_normal(factors: &[Expr]) -> Option<(Expr, Expr)> {
    if !has_call(factors, &Func::Abs) && !has_call(factors, &Func::Sign) {
        return None;
    }
    let exponent = |e: &Expr| e.as_number().filter(|k| k.is_integer())?.to_i64();
    factors.iter().find_map(|f| {
        let (base, _) = f.as_power();
        let u = argument_of(Func::Abs, &base).or_else(|| argument_of(Func::Sign, &base))?;
        let (abs_u, sign_u) = (abs(&u), call1(Func::Sign, &u));
        let (mut a, mut b, mut s, mut kinds) = (0i64, 0i64, 0i64, 0);
        let mut drop = Vec::new();
        for (i, g) in factors.iter().enumerate() {
            // `u` may be a power itself (`x^x*sign(x^x)`).
            let (base, k) = if *g == u {
                (u.clone(), Expr::int(1))
            } else {
                g.as_power()
            };
            let slot = if base == u {
                &mut b
            } else if base == abs_u {
                &mut a
            } else if base == sign_u {
                &mut s
            } else {
                continue;
            };
            *slot = exponent(&k)?;
            kinds += 1;
            drop.push(i);
        }
        (kinds >= 2).then_some(())?;
        let n = a.checked_add(b)?;
        let (by_abs, by_u) = (s.checked_add(b)? % 2 == 0, s.checked_add(a)? % 2 == 0);
        let (magnitude, sign_left) = if by_abs && !by_u {
            (abs_u, false)
        } else {
            (u.clone(), !by_u)
        };
        let mut extra = vec![Expr::pow(magnitude, Expr::int(n))];
        if sign_left {
            extra.push(sign_u);
        }
        let kept = factors
            .iter()
            .enumerate()
            .filter(|(i, _)| !drop.contains(i))
            .map(|(_, g)| g.clone());
        Some((Expr::mul(kept.chain(extra)), u))
    })
}

/// Whether `e` is a call of a function whose values are all above 0.
fn always_positive(e: &Expr) -> bool {
    matches!(e.node(), Node::Call(f, _) if f.def().is_some_and(|d| d.values == Values::Positive))
}

/// Whether `e` is never below 0: a call of a function whose values are
/// not, or an even power.
fn never_negative(e: &Expr) -> bool {
    let (_, k) = e.as_power();
    always_positive(e)
        || matches!(e.node(), Node::Call(f, _) if f.def().is_some_and(|d| d.values == Values::NonNegative))
        || k.as_number()
            .and_then(Number::to_i64)
            .is_some_and(|k| k % 2 == 0 && k != 0)
}
