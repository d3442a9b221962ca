//! Exact values of sin, cos and tan at multiples of π/6 and π/4, so that
//! values at points such as `x = pi/2` come out as numbers.

use crate::expr::{Constant, Expr, Func, Node, Number};

/// `e` with every sin, cos and tan of a known angle replaced by its value
/// (`sin(pi/6)` → `1/2`, `cos(3*pi/4)` → `-sqrt(2)/2`).
pub(crate) fn fold_known_angles(e: &Expr) -> Expr {
    e.rewrite(|_| false, |node| known_angle_value(&node).unwrap_or(node))
}

fn known_angle_value(e: &Expr) -> Option<Expr> {
    let Node::Call(func, args) = e.node() else {
        return None;
    };
    let twelfths = pi_twelfths(args.first()?)?;
    match func {
        Func::Sin => sine(twelfths),
        Func::Cos => sine(twelfths + 6),
        Func::Tan => {
            let cos = sine(twelfths + 6)?;
            (!cos.is_zero()).then(|| sine(twelfths).map(|s| s / cos))?
        }
        _ => None,
    }
}

/// `k` when `e` is `k*pi/12` for an integer `k`, reduced to 0..24.
fn pi_twelfths(e: &Expr) -> Option<i64> {
    let c = match e.node() {
        Node::Num(n) if n.is_zero() => Number::int(0),
        Node::Const(Constant::Pi) => Number::int(1),
        Node::Mul(fs) if fs.len() == 2 && matches!(fs[1].node(), Node::Const(Constant::Pi)) => {
            fs[0].as_number()?.clone()
        }
        _ => return None,
    };
    let k = (c * Number::int(12)).to_i64()?;
    Some(k.rem_euclid(24))
}

/// `sin(k*pi/12)` where it is a simple surd (k a multiple of 2 or 3).
fn sine(k: i64) -> Option<Expr> {
    let k = k.rem_euclid(24);
    let (sign, k) = if k >= 12 { (-1, k - 12) } else { (1, k) };
    let k = if k > 6 { 12 - k } else { k };
    let root = |n: i64| Expr::pow(Expr::int(n), Expr::number(Number::ratio(1, 2)));
    let half = Expr::number(Number::ratio(1, 2));
    let value = match k {
        0 => Expr::int(0),
        2 => half,
        3 => half * root(2),
        4 => half * root(3),
        6 => Expr::int(1),
        _ => return None,
    };
    Some(Expr::int(sign) * value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn folded(s: &str) -> String {
        fold_known_angles(&parse(s).unwrap()).to_string()
    }

    #[test]
    fn known_angles() {
        assert_eq!(folded("sin(pi/2) + cos(pi)"), "0");
        assert_eq!(folded("sin(pi/6)"), "1/2");
        assert_eq!(folded("cos(3*pi/4)"), "-sqrt(2)/2");
        assert_eq!(folded("sin(-pi/3)"), "-sqrt(3)/2");
        assert_eq!(folded("tan(pi/4)"), "1");
        assert_eq!(folded("tan(pi/2)"), "tan(pi/2)");
        assert_eq!(folded("sin(pi/5)"), "sin(pi/5)");
    }
}
