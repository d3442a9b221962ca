//! The functions of machine learning: the logistic function, softplus,
//! ReLU, and logsumexp, whose partials are the softmax weights.

use super::declare::*;
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
