//! Rewriting that makes results smaller and closer to what a person writes.
//!
//! The canonical form (always on) already folds numbers and combines like
//! terms and bases. [`simplify`] adds rules that need a look across several
//! operands: common factors pulled out of sums (`x^x*ln(x) + x^x` →
//! `x^x*(ln(x) + 1)`), factors merged into powers they share a base with
//! (`x^(x^2)*x*(…)` → `x^(x^2 + 1)*(…)`), `sin(u)^2 + cos(u)^2 → 1`,
//! and `sqrt(2)*sqrt(pi) → sqrt(2*pi)`.
//! One bottom-up pass, each shared node rewritten once.
//!
//! Simplify results, not intermediates: a factored sum inside a product
//! becomes, under the next product rule, a product of sums whose printed
//! size multiplies at every order. Successive derivatives are therefore
//! taken on the canonical form and simplified once at the end.

mod factor;
pub mod rational;

pub(crate) use factor::numeric_content;

use crate::error::{Error, ErrorKind};
use crate::expr::{walk, Expr, Func, Node, Number};
use crate::limits::Limits;
use rustc_hash::FxHashMap;

/// `e` rewritten into a smaller, more readable equal form.
///
/// ```
/// use symdiff::{parse, simplify};
/// assert_eq!(simplify(&parse("sin(x)^2 + cos(x)^2").unwrap()), parse("1").unwrap());
/// let e = parse("exp(x) + x*exp(x)").unwrap();
/// assert_eq!(simplify(&e).to_string(), "(x + 1)*exp(x)");
/// ```
pub fn simplify(e: &Expr) -> Expr {
    e.rewrite(|_| false, simplify_node)
}

/// Several expressions simplified together: the parts they share (a
/// gradient's entries share most of theirs) are simplified once.
///
/// ```
/// use symdiff::{parse, simplify::simplify_all};
/// let out = simplify_all(&[parse("x*exp(x) + exp(x)").unwrap(), parse("exp(x)*y").unwrap()]);
/// assert_eq!(out[0].to_string(), "(x + 1)*exp(x)");
/// ```
pub fn simplify_all(exprs: &[Expr]) -> Vec<Expr> {
    Expr::rewrite_all(exprs, |_| false, simplify_node)
}

/// [`simplify`], or [`ErrorKind::TooLarge`] when the result would print as
/// a tree of more than `limits.max_nodes` nodes (a DAG of n shared nodes
/// can print as n² text). Simplifying itself takes time near-linear in the
/// size of the DAG, which [`crate::calculus::diff::derivative_within`] bounds.
///
/// ```
/// use symdiff::{parse, simplify::simplify_within, Limits};
/// let e = parse("exp(x) + x*exp(x)").unwrap();
/// let limits = Limits::default();
/// assert_eq!(simplify_within(&e, &limits).unwrap().to_string(), "(x + 1)*exp(x)");
/// assert!(simplify_within(&e, &Limits { max_nodes: 5, ..limits }).is_err());
/// ```
pub fn simplify_within(e: &Expr, limits: &Limits) -> Result<Expr, Error> {
    printable_within(simplify(e), limits)
}

/// `simplified` back, or [`ErrorKind::TooLarge`] when it would print as a
/// tree of more than `limits.max_nodes` nodes: the one size rule for every
/// simplified result, alone or an entry of a matrix.
pub(crate) fn printable_within(simplified: Expr, limits: &Limits) -> Result<Expr, Error> {
    if walk::tree_size(&simplified) > limits.max_nodes {
        return Err(Error::new(
            ErrorKind::TooLarge {
                limit: limits.max_nodes,
            },
            0..0,
        ));
    }
    Ok(simplified)
}

fn simplify_node(e: Expr) -> Expr {
    match e.node() {
        Node::Add(_) => {
            let e = rational::cancel_if_smaller(&e).unwrap_or(e);
            let e = pythagorean(&e).unwrap_or(e);
            match e.node() {
                Node::Add(terms) => factor::pull_common_factors(terms).unwrap_or(e),
                _ => e,
            }
        }
        Node::Mul(_) => {
            let e = rational::cancel_if_smaller(&e).unwrap_or(e);
            let e = rational::roots_if_smaller(&e).unwrap_or(e);
            let e = factor::merge_into_product(&e).unwrap_or(e);
            let e = factor::merge_constant_roots(&e).unwrap_or(e);
            match e.node() {
                Node::Mul(_) => factor::pull_numeric_content(&e).unwrap_or(e),
                _ => e,
            }
        }
        _ => e,
    }
}

/// `c*sin(u)^2 + c*cos(u)^2 → c` and `c*cosh(u)^2 - c*sinh(u)^2 → c`,
/// for every such pair in a sum (pairs found through a hash map).
fn pythagorean(sum: &Expr) -> Option<Expr> {
    let terms = sum.args();
    let squared = |t: &Expr| {
        let (c, rest) = t.split_coefficient();
        match rest.node() {
            Node::Pow([base, exp]) if exp.as_number().and_then(|n| n.to_i64()) == Some(2) => {
                match base.node() {
                    Node::Call(f @ (Func::Sin | Func::Cos | Func::Sinh | Func::Cosh), args) => {
                        Some((c, f.clone(), args[0].clone()))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    };
    // cos(u)^2 and sinh(u)^2 terms by argument, waiting for a partner.
    let mut waiting: FxHashMap<(bool, Expr), Vec<(usize, Number)>> = FxHashMap::default();
    let squares: Vec<_> = terms.iter().map(squared).collect();
    for (i, sq) in squares.iter().enumerate() {
        if let Some((c, f @ (Func::Cos | Func::Sinh), u)) = sq {
            waiting
                .entry((*f == Func::Cos, u.clone()))
                .or_default()
                .push((i, c.clone()));
        }
    }
    let mut used = vec![false; terms.len()];
    let mut extra = Vec::new();
    for (i, sq) in squares.into_iter().enumerate() {
        let Some((c, f, u)) = sq else { continue };
        let (key, want) = match f {
            Func::Sin => ((true, u), c.clone()),
            Func::Cosh => ((false, u), -c.clone()),
            _ => continue,
        };
        let Some(list) = waiting.get_mut(&key) else {
            continue;
        };
        if let Some(pos) = list.iter().position(|(_, cj)| *cj == want) {
            let (j, _) = list.swap_remove(pos);
            used[i] = true;
            used[j] = true;
            extra.push(Expr::number(c));
        }
    }
    if extra.is_empty() {
        return None;
    }
    let kept = terms
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(t, _)| t.clone());
    Some(Expr::add(kept.chain(extra)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn simplified(s: &str) -> String {
        simplify(&parse(s).unwrap()).to_string()
    }

    #[test]
    fn pulls_common_transcendental_factor() {
        assert_eq!(simplified("x^x*ln(x) + x^x"), "x^x*(ln(x) + 1)");
    }

    #[test]
    fn merges_factor_into_power() {
        assert_eq!(
            simplified("x^(x^2)*(2*x*ln(x) + x)"),
            "x^(x^2 + 1)*(2*ln(x) + 1)"
        );
    }

    #[test]
    fn keeps_polynomials_expanded() {
        assert_eq!(simplified("x^3 - 2*x"), "x^3 - 2*x");
    }

    #[test]
    fn hyperbolic_identity() {
        assert_eq!(simplified("3*cosh(y)^2 - 3*sinh(y)^2 + x"), "x + 3");
    }

    #[test]
    fn exponentials_merge() {
        assert_eq!(simplified("exp(x)*exp(2*x)*y"), "y*exp(3*x)");
    }

    #[test]
    fn numeric_content_joins_the_coefficient() {
        assert_eq!(simplified("-(2*x - 2*mu)*exp(y)/2"), "-(x - mu)*exp(y)");
        assert_eq!(simplified("(-x - 1)*exp(y)"), "-(x + 1)*exp(y)");
        assert_eq!(simplified("(x/2 + y/3)*exp(y)"), "(x/2 + y/3)*exp(y)");
        assert_eq!(simplified("(2*x + 2)*(3*y + 6)"), "6*(x + 1)*(y + 2)");
    }

    #[test]
    fn constant_roots_merge() {
        assert_eq!(simplified("1/(sqrt(2)*sqrt(pi))"), "1/sqrt(2*pi)");
    }
}
