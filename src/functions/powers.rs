//! Identities of powers and of the minus sign, which belong to no one
//! function: a root's base met again among the other factors
//! (`y/(x^2*sqrt(y/x))` → `sqrt(y/x)/x`), and a leading minus taken into
//! an odd power or an odd function of a sum (`-4*(y - x)^3` →
//! `4*(x - y)^3`, `-sign(y - x)` → `sign(x - y)`).

use super::domain::Relation;
use super::identity::{holds_where, Identity, Shape};
use super::Parity;
use crate::expr::{Expr, Node, Number};
use crate::simplify::cost::size;

/// The identities of powers and of the minus sign.
pub(super) static IDENTITIES: &[Identity] = &[
    Identity {
        name: "u^a*u^m = u^(a + m)",
        condition: Some(|u| holds_where(u, Relation::Greater, 0)),
        shape: Shape::Product(root_with_its_base),
    },
    Identity {
        name: "-u^k = (-u)^k for odd k",
        condition: None,
        shape: Shape::Product(|factors| minus_taken_in(factors, odd_power_of_a_sum)),
    },
    Identity {
        name: "-f(u) = f(-u) for odd f",
        condition: None,
        shape: Shape::Product(|factors| minus_taken_in(factors, odd_function_of_a_sum)),
    },
];

/// A factor `u^a` (`a` not an integer, `u` a product or a power) whose
/// base's factors are met among the other factors, the product written
/// with `u^(a + m)` for the whole `m` that leaves it smallest (`m` from
/// the exponents met, or ±1): `u^a*u^m` times the other factors over
/// `u^m`.
fn root_with_its_base(factors: &[Expr]) -> Option<(Expr, Expr)> {
    factors.iter().enumerate().find_map(|(i, f)| {
        let Node::Pow([u, a]) = f.node() else {
            return None;
        };
        if a.as_number().is_some_and(Number::is_integer) {
            return None;
        }
        let parts: &[Expr] = match u.node() {
            Node::Mul(fs) => fs,
            Node::Pow(_) => std::slice::from_ref(u),
            _ => return None,
        };
        let others: Vec<&Expr> = factors
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, g)| g)
            .collect();
        let mut tries: Vec<i64> = Vec::new();
        for part in parts.iter().filter(|p| p.as_number().is_none()) {
            let (base, k) = part.as_power();
            for other in &others {
                let (b, n) = other.as_power();
                let (Some(k), Some(n)) = (k.as_number(), n.as_number()) else {
                    continue;
                };
                if b != base || k.is_zero() {
                    continue;
                }
                let ratio = (n.clone() * k.recip()?).to_f64();
                let whole = ratio.trunc() as i64;
                for m in [whole, ratio.signum() as i64] {
                    if m != 0 && !tries.contains(&m) {
                        tries.push(m);
                    }
                }
            }
        }
        let rewritten = |m: i64| {
            let over = parts.iter().map(|p| Expr::pow(p.clone(), Expr::int(-m)));
            let merged = Expr::pow(u.clone(), a.clone() + Expr::int(m));
            Expr::mul(
                others
                    .iter()
                    .map(|&g| g.clone())
                    .chain(over)
                    .chain([merged]),
            )
        };
        let best = tries.into_iter().map(rewritten).min_by_key(size)?;
        Some((best, u.clone()))
    })
}

/// The product `factors` with its negative coefficient turned positive
/// and the first factor `take` can take the minus into so taken, and
/// the `u` of that factor.
fn minus_taken_in(
    factors: &[Expr],
    take: fn(&Expr) -> Option<(Expr, Expr)>,
) -> Option<(Expr, Expr)> {
    let c = factors.first()?.as_number().filter(|c| c.is_negative())?;
    factors.iter().enumerate().skip(1).find_map(|(i, f)| {
        let (taken, u) = take(f)?;
        let mut out = factors.to_vec();
        out[0] = Expr::number(-c.clone());
        out[i] = taken;
        Some((Expr::mul(out), u))
    })
}

/// `-s`, for a sum `s` with a negative term, with each term negated (not
/// a product `-1*s`). A sum of positive terms only is not taken: its
/// negation would still print with a minus in front.
fn minus_sum(s: &Expr) -> Option<Expr> {
    let Node::Add(terms) = s.node() else {
        return None;
    };
    let negative = |t: &Expr| match t.node() {
        Node::Num(n) => n.is_negative(),
        Node::Mul(fs) => fs[0].as_number().is_some_and(Number::is_negative),
        _ => false,
    };
    terms.iter().any(negative).then_some(())?;
    Some(Expr::add(terms.iter().map(|t| -t.clone())))
}

/// `(-s)^k` for `s^k`, `s` a sum and `k` odd and positive, and `s`. Not
/// in a denominator: a quotient's `1/(1 - u)` turned into `-1/(u - 1)`
/// meets the other terms' `(u - 1)^2` no more when a sum of such
/// quotients is put over one denominator (implicit second derivatives).
fn odd_power_of_a_sum(f: &Expr) -> Option<(Expr, Expr)> {
    let Node::Pow([s, k]) = f.node() else {
        return None;
    };
    if !k.as_number()?.to_i64().is_some_and(|k| k % 2 != 0 && k > 0) {
        return None;
    }
    Some((Expr::pow(minus_sum(s)?, k.clone()), s.clone()))
}

/// `g(-s)^k` for `g(s)^k`, `g` odd, `s` a sum and `k` odd (or no power),
/// and `s`.
fn odd_function_of_a_sum(f: &Expr) -> Option<(Expr, Expr)> {
    let (call, k) = match f.node() {
        Node::Pow([b, k]) => (b, Some(k)),
        _ => (f, None),
    };
    let Node::Call(g, args) = call.node() else {
        return None;
    };
    let odd_power = k.is_none_or(|k| {
        k.as_number()
            .and_then(Number::to_i64)
            .is_some_and(|k| k % 2 != 0)
    });
    let odd = g.def().is_some_and(|d| d.parity == Parity::Odd);
    let [s] = &args[..] else {
        return None;
    };
    (odd && odd_power && matches!(s.node(), Node::Add(_))).then_some(())?;
    let taken = Expr::call(g.clone(), vec![minus_sum(s)?]);
    Some((
        k.map_or(taken.clone(), |k| Expr::pow(taken, k.clone())),
        s.clone(),
    ))
}
