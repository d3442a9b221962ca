//! The functions of machine learning: the logistic function, softplus,
//! ReLU, and logsumexp, whose partials are the softmax weights.

use super::declare::*;
use super::domain::Relation;
use super::identity::{
    argument_of, holds_where, one_plus, paired_factor, replaced, Identity, Shape,
};
use super::{Arity, Code, Eval, Func, FunctionDef, Latex, Parity, Values};
use crate::expr::{Expr, Node, Number};

pub(super) static SIGMOID: FunctionDef = FunctionDef {
    tag: 29,
    name: "sigmoid",
    aliases: &["logistic"],
    summary: "logistic function 1/(1 + e^-u)",
    arity: Arity::Exactly(1),
    derivative: |a, _| {
        let s = call1(Func::Sigmoid, &a[0]);
        s.clone() * (Expr::int(1) - s)
    },
    eval: Eval::Unary(super::kernels::sigmoid),
    rust: Code::kernel("sigmoid({0})", &["sigmoid"]),
    c: Code::kernel("sigmoid({0})", &["sigmoid"]),
    python: Code::kernel("_sigmoid({0})", &["sigmoid"]),
    latex: Latex::Operator(r"\operatorname{sigmoid}"),
    requires: nothing_required,
    parity: Parity::Neither,
    values: Values::Positive,
    exact: |a| a[0].is_zero().then(|| Expr::number(Number::ratio(1, 2))),
    check: any_arguments,
};

pub(super) static SOFTPLUS: FunctionDef = FunctionDef {
    tag: 30,
    name: "softplus",
    aliases: &[],
    summary: "ln(1 + e^u), a smooth relu",
    arity: Arity::Exactly(1),
    derivative: |a, _| call1(Func::Sigmoid, &a[0]),
    eval: Eval::Unary(super::kernels::softplus),
    rust: Code::kernel("softplus({0})", &["relu", "softplus"]),
    c: Code::kernel("softplus({0})", &["relu", "softplus"]),
    python: Code::kernel("_softplus({0})", &["relu", "softplus"]),
    latex: Latex::Operator(r"\operatorname{softplus}"),
    requires: nothing_required,
    parity: Parity::Neither,
    values: Values::Positive,
    exact: |a| a[0].is_zero().then(|| call1(Func::Ln, &Expr::int(2))),
    check: any_arguments,
};

pub(super) static RELU: FunctionDef = FunctionDef {
    tag: 31,
    name: "relu",
    aliases: &[],
    summary: "rectified linear unit max(u, 0)",
    arity: Arity::Exactly(1),
    derivative: |a, _| call1(Func::Heaviside, &a[0]),
    eval: Eval::Unary(super::kernels::relu),
    rust: Code::kernel("relu({0})", &["relu"]),
    c: Code::kernel("relu({0})", &["relu"]),
    python: Code::kernel("_relu({0})", &["relu"]),
    latex: Latex::Operator(r"\operatorname{relu}"),
    requires: corner_at_zero,
    parity: Parity::Neither,
    values: Values::NonNegative,
    exact: |a| match a[0].node() {
        Node::Num(n) if n.is_negative() => Some(Expr::int(0)),
        Node::Num(_) | Node::Const(_) => Some(a[0].clone()),
        _ => None,
    },
    check: any_arguments,
};

pub(super) static LOGSUMEXP: FunctionDef = FunctionDef {
    tag: 32,
    name: "logsumexp",
    aliases: &[],
    summary: "ln(e^u + e^v + …) without overflow",
    arity: Arity::AtLeast(1),
    // The softmax weight of argument k: e^(a_k - logsumexp(a)).
    derivative: |a, k| {
        let total = Expr::call(Func::Logsumexp, a.to_vec());
        call1(Func::Exp, &(a[k].clone() - total))
    },
    eval: Eval::Fold(super::kernels::logaddexp),
    rust: Code::kernel("logaddexp({0}, {1})", &["max", "logaddexp"]),
    c: Code::kernel("logaddexp({0}, {1})", &["max", "logaddexp"]),
    python: Code::kernel("_logaddexp({0}, {1})", &["max", "logaddexp"]),
    latex: Latex::Operator(r"\operatorname{logsumexp}"),
    requires: nothing_required,
    parity: Parity::Neither,
    values: Values::Real,
    exact: |a| match a {
        [only] => Some(only.clone()),
        _ => None,
    },
    check: any_arguments,
};

/// The `v` of `1 + exp(v)`, if `e` is that sum.
fn one_plus_exp(e: &Expr) -> Option<Expr> {
    one_plus(e, 1, Func::Exp, 1)
}

/// The factor `1/(1 + exp(v))` of a product: its position and `v`.
fn over_one_plus_exp(factors: &[Expr]) -> Option<(usize, Expr)> {
    // Read off the node, not through `as_power`, which builds the
    // exponent 1 of every other factor (products of sixty factors).
    factors.iter().enumerate().find_map(|(i, f)| {
        let Node::Pow([base, exp]) = f.node() else {
            return None;
        };
        (exp.as_number()?.to_i64() == Some(-1)).then_some(())?;
        Some((i, one_plus_exp(base)?))
    })
}

/// `sigmoid(u)^k*(1 - sigmoid(u))^k` in a product → `(4*cosh(u/2)^2)^-k`:
/// the product without those two factors, and `u`.
fn logistic_slope(factors: &[Expr]) -> Option<(Expr, Expr)> {
    let p = paired_factor(factors, one_minus_sigmoid, Func::Sigmoid, 1)?;
    let k = p.k.as_number().filter(|k| k.is_integer())?.to_i64()?;
    let half = Expr::number(Number::ratio(1, 2)) * p.u.clone();
    let cosh = Expr::pow(call1(Func::Cosh, &half), Expr::int(k.checked_mul(-2)?));
    let quarter = Expr::number(Number::ratio(1, 4).pow(k)?);
    Some((replaced(factors, &p.at, Expr::mul([quarter, cosh])), p.u))
}

/// The `u` of `1 - sigmoid(u)`, if `e` is that sum.
fn one_minus_sigmoid(e: &Expr) -> Option<Expr> {
    one_plus(e, -1, Func::Sigmoid, 1)
}

/// The identities of the logistic function and softplus.
pub(super) static IDENTITIES: &[Identity] = &[
    Identity {
        name: "sigmoid(ln(u)) = u/(1 + u)",
        condition: Some(|u| holds_where(u, Relation::Greater, 0)),
        shape: Shape::Composition {
            outer: Func::Sigmoid,
            inner: Func::Ln,
            result: |u| u.clone() * recip(Expr::int(1) + u.clone()),
        },
    },
    Identity {
        name: "softplus(ln(u)) = ln(1 + u)",
        condition: Some(|u| holds_where(u, Relation::Greater, 0)),
        shape: Shape::Composition {
            outer: Func::Softplus,
            inner: Func::Ln,
            result: |u| call1(Func::Ln, &(Expr::int(1) + u.clone())),
        },
    },
    Identity {
        name: "exp(softplus(u)) = 1 + exp(u)",
        condition: None,
        shape: Shape::Composition {
            outer: Func::Exp,
            inner: Func::Softplus,
            result: |u| Expr::int(1) + call1(Func::Exp, u),
        },
    },
    Identity {
        name: "sigmoid(u)*(1 + exp(u)) = exp(u)",
        condition: None,
        shape: Shape::Product(|factors| {
            let p = paired_factor(factors, one_plus_exp, Func::Sigmoid, 1)?;
            let exp = call1(Func::Exp, &(p.k * p.u.clone()));
            Some((replaced(factors, &p.at, exp), p.u))
        }),
    },
    Identity {
        name: "exp(u)*sigmoid(-2*u) = 1/(2*cosh(u))",
        condition: None,
        shape: Shape::Product(|factors| {
            factors.iter().enumerate().find_map(|(j, g)| {
                let v = argument_of(Func::Sigmoid, g)?;
                let u = Expr::number(Number::ratio(-1, 2)) * v;
                let i = factors
                    .iter()
                    .position(|f| argument_of(Func::Exp, f).as_ref() == Some(&u))?;
                let half_sech = Expr::number(Number::ratio(1, 2)) * recip(call1(Func::Cosh, &u));
                Some((replaced(factors, &[i, j], half_sech), u))
            })
        }),
    },
    Identity {
        name: "sigmoid(u)*(1 - sigmoid(u)) = 1/(4*cosh(u/2)^2)",
        condition: None,
        shape: Shape::Product(logistic_slope),
    },
    Identity {
        name: "exp(u)/(1 + exp(u)) = sigmoid(u)",
        condition: None,
        shape: Shape::Product(|factors| {
            // `1/(1 + exp(u))` alone is `sigmoid(-u)` already (below), so
            // the left side is met as `exp(u)*sigmoid(-u)` too.
            let sigmoid_of_minus = || {
                factors
                    .iter()
                    .enumerate()
                    .find_map(|(i, f)| Some((i, -argument_of(Func::Sigmoid, f)?)))
            };
            let (i, u) = over_one_plus_exp(factors).or_else(sigmoid_of_minus)?;
            let j = factors
                .iter()
                .position(|f| argument_of(Func::Exp, f).as_ref() == Some(&u))?;
            Some((replaced(factors, &[i, j], call1(Func::Sigmoid, &u)), u))
        }),
    },
    Identity {
        name: "1/(1 + exp(-u)) = sigmoid(u)",
        condition: None,
        shape: Shape::Product(|factors| {
            let (i, v) = over_one_plus_exp(factors)?;
            let u = -v;
            Some((replaced(factors, &[i], call1(Func::Sigmoid, &u)), u))
        }),
    },
    Identity {
        name: "ln(1 + exp(u)) = softplus(u)",
        condition: None,
        shape: Shape::Call {
            func: Func::Ln,
            rewrite: |args| {
                let u = one_plus_exp(&args[0])?;
                Some((call1(Func::Softplus, &u), u))
            },
        },
    },
    Identity {
        name: "log1p(exp(u)) = softplus(u)",
        condition: None,
        shape: Shape::Call {
            func: Func::Log1p,
            rewrite: |args| {
                let u = argument_of(Func::Exp, &args[0])?;
                Some((call1(Func::Softplus, &u), u))
            },
        },
    },
];
