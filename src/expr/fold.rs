//! Exact values the constructors fold: powers of numbers, and functions at
//! the arguments where their value is a simple known one.

use super::{Constant, Expr, Func, Node, Number};

/// Whether `e` is a fraction with an even denominator (`1/2`, `3/4`).
pub(super) fn has_even_root(e: &Expr) -> bool {
    e.as_number().is_some_and(|n| {
        let (_, den) = n.parts();
        num_integer::Integer::is_even(&den)
    })
}

/// `b^e` as an exact number, when it is one and small enough.
pub(super) fn fold_number_power(b: &Number, e: &Number) -> Option<Number> {
    if let Some(k) = e.to_i64() {
        return b.pow(k);
    }
    if !e.is_integer() && !b.is_negative() {
        // b^(p/q) = (b^(1/q))^p when b is a perfect q-th power.
        let (p, q) = e.parts();
        let q = u32::try_from(q).ok()?;
        let p = i64::try_from(p).ok()?;
        return b.root(q)?.pow(p);
    }
    None
}

pub(super) enum Parity {
    Odd,
    Even,
    Neither,
}

pub(super) fn parity(func: &Func) -> Parity {
    use Func::*;
    match func {
        Sin | Tan | Csc | Cot | Asin | Atan | Sinh | Tanh | Asinh | Atanh | Erf | Cbrt | Sign => {
            Parity::Odd
        }
        Cos | Sec | Cosh | Abs => Parity::Even,
        _ => Parity::Neither,
    }
}

/// The exact value of `func(arg)` where it is a simple known one.
pub(super) fn fold_call(func: &Func, arg: &Expr) -> Option<Expr> {
    use Func::*;
    if arg.is_zero() {
        return match func {
            Sin | Tan | Asin | Atan | Sinh | Tanh | Asinh | Atanh | Erf | Cbrt | Abs | Sign => {
                Some(Expr::int(0))
            }
            Cos | Sec | Cosh | Exp => Some(Expr::int(1)),
            _ => None,
        };
    }
    match (func, arg.node()) {
        (Ln, Node::Num(n)) if n.is_one() => Some(Expr::int(0)),
        (Ln, Node::Const(Constant::E)) => Some(Expr::int(1)),
        (Ln, Node::Call(Exp, inner)) => Some(inner[0].clone()),
        (Exp, Node::Call(Ln, inner)) => Some(inner[0].clone()),
        (Acos, Node::Num(n)) if n.is_one() => Some(Expr::int(0)),
        (Abs, Node::Num(n)) => Some(Expr::number(n.abs())),
        (Abs, Node::Const(_)) => Some(arg.clone()),
        (Abs, Node::Call(Abs, _)) => Some(arg.clone()),
        (Sign, Node::Num(n)) => Some(Expr::int(if n.is_negative() { -1 } else { 1 })),
        (Sign, Node::Const(_)) => Some(Expr::int(1)),
        (Cbrt, Node::Num(n)) => n.root(3).map(Expr::number),
        _ => None,
    }
}
