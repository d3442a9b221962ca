//! The error functions and the gamma family.

use super::declare::*;
use super::{Arity, Code, Eval, Func, FunctionDef, Latex, Parity, Values};
use crate::expr::{Constant, Expr, Node, Number};

/// `±2/sqrt(pi)*exp(-u^2)`: the derivative of erf (+) and erfc (-).
fn gaussian(u: &Expr, sign: i64) -> Expr {
    let two_over_sqrt_pi = Expr::int(2 * sign) * recip_sqrt(Expr::constant(Constant::Pi));
    two_over_sqrt_pi * call1(Func::Exp, &-square(u))
}

pub(super) static ERF: FunctionDef = FunctionDef {
    tag: 21,
    name: "erf",
    aliases: &[],
    summary: "error function",
    arity: Arity::Exactly(1),
    derivative: |a, _| gaussian(&a[0], 1),
    eval: Eval::Unary(libm::erf),
    rust: Code::plain("libm::erf({0})"),
    c: Code::plain("erf({0})"),
    latex: Latex::Operator(r"\operatorname{erf}"),
    requires: nothing_required,
    parity: Parity::Odd,
    values: Values::Real,
    exact: zero_at_zero,
    check: any_arguments,
};

pub(super) static ERFC: FunctionDef = FunctionDef {
    tag: 33,
    name: "erfc",
    aliases: &[],
    summary: "complementary error function 1 - erf(u)",
    arity: Arity::Exactly(1),
    derivative: |a, _| gaussian(&a[0], -1),
    eval: Eval::Unary(libm::erfc),
    rust: Code::plain("libm::erfc({0})"),
    c: Code::plain("erfc({0})"),
    latex: Latex::Operator(r"\operatorname{erfc}"),
    requires: nothing_required,
    parity: Parity::Neither,
    values: Values::Positive,
    exact: one_at_zero,
    check: any_arguments,
};

/// `(n - 1)!` for a small positive integer n: gamma's exact values.
fn factorial_before(args: &[Expr]) -> Option<Expr> {
    let n = number(&args[0])?
        .to_i64()
        .filter(|n| (1..=21).contains(n))?;
    // 20! is the largest factorial an i64 holds.
    let product: i64 = (1..n).product();
    Some(Expr::int(product))
}

pub(super) static GAMMA: FunctionDef = FunctionDef {
    tag: 34,
    name: "gamma",
    aliases: &[],
    summary: "gamma function, gamma(n) = (n - 1)!",
    arity: Arity::Exactly(1),
    derivative: |a, _| call1(Func::Gamma, &a[0]) * call1(Func::Digamma, &a[0]),
    eval: Eval::Unary(libm::tgamma),
    rust: Code::plain("libm::tgamma({0})"),
    c: Code::plain("tgamma({0})"),
    latex: Latex::Operator(r"\Gamma"),
    requires: no_poles,
    parity: Parity::Neither,
    values: Values::Real,
    exact: factorial_before,
    check: any_arguments,
};

pub(super) static LGAMMA: FunctionDef = FunctionDef {
    tag: 35,
    name: "lgamma",
    aliases: &[],
    summary: "ln(abs(gamma(u)))",
    arity: Arity::Exactly(1),
    derivative: |a, _| call1(Func::Digamma, &a[0]),
    eval: Eval::Unary(libm::lgamma),
    rust: Code::plain("libm::lgamma({0})"),
    c: Code::plain("lgamma({0})"),
    latex: Latex::Operator(r"\operatorname{lgamma}"),
    requires: no_poles,
    parity: Parity::Neither,
    values: Values::Real,
    exact: |a| match a[0].node() {
        Node::Num(n) if n.is_one() || *n == Number::int(2) => Some(Expr::int(0)),
        _ => None,
    },
    check: any_arguments,
};

pub(super) static DIGAMMA: FunctionDef = FunctionDef {
    tag: 36,
    name: "digamma",
    aliases: &["psi"],
    summary: "digamma function, the derivative of lgamma",
    arity: Arity::Exactly(1),
    derivative: |a, _| Expr::call(Func::Polygamma, vec![Expr::int(1), a[0].clone()]),
    eval: Eval::Unary(|x| super::kernels::polygamma(0.0, x)),
    rust: Code::kernel("polygamma(0.0, {0})", &["polygamma"]),
    c: Code::kernel("polygamma(0.0, {0})", &["polygamma"]),
    latex: Latex::Operator(r"\operatorname{digamma}"),
    requires: no_poles,
    parity: Parity::Neither,
    values: Values::Real,
    exact: no_exact_values,
    check: any_arguments,
};

pub(super) static POLYGAMMA: FunctionDef = FunctionDef {
    tag: 37,
    name: "polygamma",
    aliases: &[],
    summary: "polygamma(n, u), the n-th derivative of digamma",
    arity: Arity::Exactly(2),
    // The order n is a constant integer (see `check`): only u varies.
    derivative: |a, k| {
        if k == 0 {
            return Expr::int(0);
        }
        let next = a[0].clone() + Expr::int(1);
        Expr::call(Func::Polygamma, vec![next, a[1].clone()])
    },
    eval: Eval::Binary(super::kernels::polygamma),
    rust: Code::kernel("polygamma({0}, {1})", &["polygamma"]),
    c: Code::kernel("polygamma({0}, {1})", &["polygamma"]),
    latex: Latex::Operator(r"\operatorname{polygamma}"),
    requires: no_poles,
    parity: Parity::Neither,
    values: Values::Real,
    exact: |a| a[0].is_zero().then(|| call1(Func::Digamma, &a[1])),
    check: |a| {
        let order = number(&a[0]).filter(|n| n.is_integer() && !n.is_negative());
        order
            .is_none()
            .then_some("the order n must be a whole number 0, 1, 2, …")
    },
};
