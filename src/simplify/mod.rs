//! Rewriting that makes results smaller and closer to what a person writes.
//!
//! The canonical form (always on) already folds numbers and combines like
//! terms and bases. [`simplify`] adds rules that need a look across several
//! operands: common factors pulled out of sums (`x^x*ln(x) + x^x` →
//! `x^x*(ln(x) + 1)`), factors merged into powers they share a base with
//! (`x^(x^2)*x*(…)` → `x^(x^2 + 1)*(…)`), `sin(u)^2 + cos(u)^2 → 1`,
//! and `sqrt(2)*sqrt(pi) → sqrt(2*pi)`; and the named identities between
//! functions ([`identities`]: `sinh(u)/cosh(u) = tanh(u)`, `cos(u)^2 -
//! sin(u)^2 = cos(2*u)`, `tan(atan(u)) = u`, …), each applied where the
//! [`cost`] model finds the result smaller.
//! One bottom-up pass, each shared node rewritten once.
//!
//! Simplify results, not intermediates: a factored sum inside a product
//! becomes, under the next product rule, a product of sums whose printed
//! size multiplies at every order. Successive derivatives are therefore
//! taken on the canonical form and simplified once at the end.

pub mod cost;
mod factor;
pub mod identities;
pub mod rational;

pub(crate) use factor::numeric_content;
pub use identities::Fired;

use crate::error::{Error, ErrorKind};
use crate::expr::{walk, Expr, Node};
use crate::limits::Limits;
use cost::Cost;
use identities::{Built, Identities, Unwitnessed, Witness};
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
    let mut cost = Cost::default();
    let mut s = Simplifier::new(&mut cost, Unwitnessed);
    let result = e.rewrite(|_| false, |n| s.node(n));
    no_larger(result, e, &mut cost)
}

/// `result`, or `input` when `result` has more operations: each rewrite
/// is judged where it is made, and a rewrite that shortens its node may
/// still lengthen the whole (a factor pulled out of a sum that a later
/// rule would have cancelled), so the whole is judged once more at the
/// end. By operations only: a form as a person writes it may take a few
/// more characters (`x^(x^2 + 1)*(2*ln(x) + 1)` for
/// `x^(x^2)*(x + 2*x*ln(x))`).
fn no_larger(result: Expr, input: &Expr, cost: &mut Cost) -> Expr {
    match result != *input && cost.of(&result).ops > cost.of(input).ops {
        true => input.clone(),
        false => result,
    }
}

/// [`simplify`], with the identities it applied, in the order applied
/// (inner nodes first): what `--steps` names.
///
/// ```
/// use symdiff::{parse, simplify::simplify_recorded};
/// let (result, fired) = simplify_recorded(&parse("exp(ln(x)) + 1").unwrap());
/// assert_eq!(result.to_string(), "x + 1");
/// assert_eq!(fired[0].identity.name, "exp(ln(u)) = u");
/// assert_eq!(fired[0].condition.as_ref().unwrap().subject.to_string(), "x");
/// ```
pub fn simplify_recorded(e: &Expr) -> (Expr, Vec<Fired>) {
    let mut cost = Cost::default();
    let mut s = Simplifier::new(&mut cost, Vec::new());
    let result = e.rewrite(|_| false, |n| s.node(n));
    let fired = s.witness;
    match no_larger(result, e, &mut cost) {
        kept if kept == *e => (kept, Vec::new()),
        result => (result, fired),
    }
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
    let mut cost = Cost::default();
    let mut s = Simplifier::new(&mut cost, Unwitnessed);
    let results = Expr::rewrite_all(exprs, |_| false, |n| s.node(n));
    results
        .into_iter()
        .zip(exprs)
        .map(|(result, input)| no_larger(result, input, &mut cost))
        .collect()
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

/// One node's rewriting, its operands done already.
struct Simplifier<'a, W: Witness> {
    cost: &'a mut Cost,
    witness: W,
    /// Each rewritten node's form before its own rewriting, by what it
    /// became: a sum may cancel over the earlier forms of its terms.
    earlier: FxHashMap<Expr, Expr>,
    built: Built,
}

impl<'a, W: Witness> Simplifier<'a, W> {
    fn new(cost: &'a mut Cost, witness: W) -> Self {
        Simplifier {
            cost,
            witness,
            earlier: FxHashMap::default(),
            built: Built::default(),
        }
    }

    fn node(&mut self, e: Expr) -> Expr {
        let before = e.clone();
        let after = self.rewritten(e);
        if after != before {
            self.earlier.insert(after.clone(), before);
        }
        after
    }

    fn identities(&mut self) -> Identities<'_, W> {
        Identities {
            cost: self.cost,
            witness: &mut self.witness,
            built: &mut self.built,
        }
    }

    fn rewritten(&mut self, e: Expr) -> Expr {
        match e.node() {
            Node::Add(_) => self.sum(e),
            Node::Mul(_) => {
                let e = rational::cancel_if_smaller(&e, self.cost).unwrap_or(e);
                let e = rational::roots_if_smaller(&e, self.cost).unwrap_or(e);
                if !matches!(e.node(), Node::Mul(_)) {
                    return self.node(e);
                }
                let e = self.identities().product(&e).unwrap_or(e);
                if !matches!(e.node(), Node::Mul(_)) {
                    return e;
                }
                let e = factor::merge_into_product(&e).unwrap_or(e);
                let e = factor::merge_constant_roots(&e).unwrap_or(e);
                match e.node() {
                    Node::Mul(_) => factor::pull_numeric_content(&e).unwrap_or(e),
                    _ => e,
                }
            }
            Node::Pow([_, exp]) => {
                let reciprocal = exp.as_number().is_some_and(|n| n.is_negative());
                let e = self.identities().power(&e).unwrap_or(e);
                // `1/cos(u)` → `sec(u)`, `1/(1 + exp(-u))` → `sigmoid(u)`:
                // a reciprocal is a product of one factor.
                match reciprocal && matches!(e.node(), Node::Pow(_)) {
                    true => self.identities().product(&e).unwrap_or(e),
                    false => e,
                }
            }
            Node::Call(..) => self.identities().call(&e).unwrap_or(e),
            _ => e,
        }
    }

    /// A sum: its identities, then its common factors pulled out, and the
    /// identities again on what remains inside (`e^x*cos(x)^2 -
    /// e^x*sin(x)^2` → `e^x*cos(2*x)`).
    fn sum(&mut self, e: Expr) -> Expr {
        let e = self.cancel_in_sum(e);
        if !matches!(e.node(), Node::Add(_)) {
            return self.node(e);
        }
        let e = self.identities().sum(&e).unwrap_or(e);
        let Node::Add(terms) = e.node() else {
            return e;
        };
        let Some(pulled) = factor::pull_common_factors(terms) else {
            return e;
        };
        let Node::Mul(factors) = pulled.node() else {
            return pulled;
        };
        let inner: Vec<Expr> = factors
            .iter()
            .map(|f| match f.node() {
                Node::Add(_) => self.identities().sum(f).unwrap_or_else(|| f.clone()),
                _ => f.clone(),
            })
            .collect();
        Expr::mul(inner)
    }

    /// The sum over one denominator with common factors cancelled, where
    /// smaller: its terms as they are, or as they were before their own
    /// rewriting (`exp(x)/(exp(x) + 1)`, become `sigmoid(x)`, still
    /// cancels against `-exp(2*x)/(exp(x) + 1)^2`).
    fn cancel_in_sum(&mut self, e: Expr) -> Expr {
        if let Some(done) = rational::cancel_if_smaller(&e, self.cost) {
            return done;
        }
        let terms = e.args();
        if !terms.iter().any(|t| self.earlier.contains_key(t)) || !rational::is_small(&e) {
            return e;
        }
        let earlier = Expr::add(terms.iter().map(|t| self.earliest(t)));
        rational::cancel_if_smaller_than(&earlier, &e, self.cost).unwrap_or(e)
    }

    /// `e` as it was before any rewriting of it or inside it.
    fn earliest(&self, e: &Expr) -> Expr {
        self.earliest_along(e, &mut Vec::new())
    }

    /// [`Self::earliest`], stopping where a node's earlier form leads back
    /// to the node itself: one rewrite may undo another (`2*tan(x)` and
    /// `2*sec(x)/csc(x)` are each the other's earlier form), and following
    /// such a cycle would never end.
    fn earliest_along(&self, e: &Expr, path: &mut Vec<Expr>) -> Expr {
        match self.earlier.get(e) {
            Some(before) if !path.contains(e) => {
                path.push(e.clone());
                let args = before
                    .args()
                    .iter()
                    .map(|a| self.earliest_along(a, path))
                    .collect();
                path.pop();
                before.with_args(args)
            }
            _ => e.clone(),
        }
    }
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
    fn a_remembered_family_form_is_the_one_found_afresh() {
        // Simplified together, products of one family's powers beside
        // other factors of one layout class but of other sizes take the
        // form the first of them found; each alone finds its own.
        let cofactors = [
            "x",
            "123456*x^7",
            "-y",
            "-99*exp(y)",
            "1/y",
            "x/(y + 1)",
            "2/(x*y)",
            "x/((y + 1)*(x + 3))",
        ];
        let families = [
            "sin(x)/cos(x)",
            "sin(x)^2/cos(x)^3",
            "1/(sin(x)*cos(x))",
            "sin(x)*cos(x)",
            "cos(x)^2/sin(x)",
            "sinh(x)/cosh(x)^2",
            "tan(x)*cos(x)^2",
        ];
        let exprs: Vec<Expr> = cofactors
            .iter()
            .flat_map(|c| {
                families
                    .iter()
                    .map(move |f| parse(&format!("{c}*{f}")).unwrap())
            })
            .collect();
        for (e, together) in exprs.iter().zip(simplify_all(&exprs)) {
            assert_eq!(together, simplify(e), "{e}");
        }
    }

    #[test]
    fn constant_roots_merge() {
        assert_eq!(simplified("1/(sqrt(2)*sqrt(pi))"), "1/sqrt(2*pi)");
    }
}
