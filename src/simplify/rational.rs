//! Rational normalization: a sum of fractions over one common denominator
//! with the common factors of numerator and denominator cancelled
//! ([`together`]), and numbers inside roots taken out where they come out
//! exactly ([`root_content`]: `sqrt(1 - x^2/4)` → `sqrt(4 - x^2)/2`).
//!
//! An expression is read as a fraction of polynomials whose generators are
//! its variables and every subexpression that is not a sum, product or
//! integer power (`sin(x)`, `sqrt(x^2 + 1)`, `x^x`). The denominator is
//! kept as a product of factors, as it was written: expanded,
//! `1/(x + 1)^2` would print longer as `1/(x^2 + 2*x + 1)`. The
//! numerator is expanded, then divided by its GCD with each factor.
//!
//! The simplifier keeps a result only when it is smaller ([`cost`]), and
//! tries only small subexpressions with a fraction in them, so its work
//! per node is bounded and the whole pass stays linear.

use super::cost::Cost;
use crate::calculus::poly::{Generators, Polynomial};
use crate::expr::{walk, Expr, Func, Node, Number};

/// The largest subexpression (nodes written out as a tree) tried.
const MAX_NODES: usize = 80;

/// The most terms a numerator, denominator factor or intermediate
/// product may have.
const MAX_TERMS: usize = 64;

/// The highest power expanded.
const MAX_DEGREE: u32 = 20;

/// `e` over a common denominator with common factors cancelled, when that
/// is smaller than `e`; `None` otherwise, and for subexpressions too large
/// or without a fraction in them.
pub(crate) fn cancel_if_smaller(e: &Expr, cost: &mut Cost) -> Option<Expr> {
    cancel_if_smaller_than(e, e, cost)
}

/// `e` over a common denominator with common factors cancelled, when that
/// is smaller than `current` (an equal form of `e`); `None` otherwise, and
/// for subexpressions too large or without a fraction in them.
pub(crate) fn cancel_if_smaller_than(e: &Expr, current: &Expr, cost: &mut Cost) -> Option<Expr> {
    if !small_with_fraction(e) {
        return None;
    }
    let shorter = together(e)?;
    // Smaller as a term of a sum, where a leading minus becomes the
    // operator: a form only as large as `e` is a different habit, not a
    // gain (`k/p - (n - k)/(1 - p)` stays).
    cost.smaller_as_term(&shorter, current).then_some(shorter)
}

/// `e` as one fraction, its numerator expanded and its denominator a
/// product of the factors it was written with, common factors cancelled;
/// `None` when the polynomials outgrow the budget.
///
/// ```
/// use symdiff::{parse, simplify::rational::together};
/// let e = parse("1/(x + 1) - x/(x + 1)^2").unwrap();
/// assert_eq!(together(&e).unwrap().to_string(), "1/(x + 1)^2");
/// let e = parse("(x^2 - 1)/(x - 1)").unwrap();
/// assert_eq!(together(&e).unwrap().to_string(), "x + 1");
/// ```
pub fn together(e: &Expr) -> Option<Expr> {
    let mut generators = Generators::default();
    let f = Fraction::of(e, &mut generators)?.cancelled()?;
    let den = f
        .den
        .iter()
        .map(|(p, m)| Expr::pow(p.to_expr_in(&generators), Expr::int(-i64::from(*m))));
    // The numerator's numbers stand in front (`(3*x^2 + 1)/(2*y)`, not
    // `(3*x^2/2 + 1/2)/y`).
    // Only its size: a sign taken out would print as `-(…)`.
    let (content, num) = f.num.primitive();
    let size = content.abs();
    let num = num.scaled(&(content * size.recip()?));
    let front = [Expr::number(size), num.to_expr_in(&generators)];
    Some(Expr::mul(front.into_iter().chain(den)))
}

/// A product whose roots have their numbers taken out by [`root_content`],
/// when that makes it no larger: `1/(2*sqrt(1 - x^2/4))` → `1/sqrt(4 - x^2)`.
pub(crate) fn roots_if_smaller(e: &Expr, cost: &mut Cost) -> Option<Expr> {
    let Node::Mul(factors) = e.node() else {
        return None;
    };
    // Most products hold no such root: said before the factors are copied.
    let (first, taken) = factors
        .iter()
        .enumerate()
        .find_map(|(i, f)| Some((i, root_content(f)?)))?;
    let factors = factors
        .iter()
        .enumerate()
        .map(|(i, f)| match i.cmp(&first) {
            std::cmp::Ordering::Less => f.clone(),
            std::cmp::Ordering::Equal => taken.clone(),
            std::cmp::Ordering::Greater => root_content(f).unwrap_or_else(|| f.clone()),
        });
    let out = Expr::mul(factors);
    // Not larger is enough: the numbers inside roots normalized is the
    // form a person writes.
    (!cost.smaller(e, &out)).then_some(out)
}

/// `u^(p/q)` with the rational content `c` of the polynomial `u` taken out
/// when `c^(p/q)` is rational: `(1 - x^2/4)^(-1/2)` → `2*(4 - x^2)^(-1/2)`.
///
/// ```
/// use symdiff::{parse, simplify::rational::root_content};
/// let e = parse("sqrt(1 - x^2/4)").unwrap();
/// assert_eq!(root_content(&e).unwrap().to_string(), "sqrt(4 - x^2)/2");
/// assert_eq!(root_content(&parse("sqrt(2*x + 2)").unwrap()), None);
/// ```
pub fn root_content(e: &Expr) -> Option<Expr> {
    let Node::Pow([base, exp]) = e.node() else {
        return None;
    };
    let exponent = exp.as_number().filter(|n| !n.is_integer())?;
    if !matches!(base.node(), Node::Add(_)) || small(base).is_none() {
        return None;
    }
    let (_, q) = exponent.parts();
    let q = u32::try_from(q).ok()?;
    let mut generators = Generators::default();
    let p = Polynomial::from_expr(base, &mut generators, MAX_DEGREE)?;
    let (mut content, mut rest) = p.primitive();
    if content.is_negative() {
        content = -content;
        rest = rest.scaled(&Number::int(-1));
    }
    if content.is_one() {
        return None;
    }
    let outside = content.root(q)?.pow(exponent.parts().0.try_into().ok()?)?;
    Some(Expr::mul([
        Expr::number(outside),
        Expr::pow(rest.to_expr_in(&generators), exp.clone()),
    ]))
}

/// Whether `e` is small and has the shape of a fraction that may
/// cancel or combine: a sum with at least two terms that are fractions, or
/// a product with a fraction nested in a factor (`(x/t + 1)/(x + t)`,
/// `1/(x^2*(1/x^2 + 1))`), or a sum up and a denominator that may share a
/// factor with it: a sum (`(x^2 - 1)/(x - 1)`), or an atom every term of
/// the sum holds (`(2*x*ln(x) + x)/x`). A product of atoms over sums
/// (`exp(x)*x/(x^2 + 1)^3`) or of sums over atoms they do not share
/// (`x^x*(ln(x) + 1)^6/x^2`, most terms of a high-order derivative) has
/// nothing to cancel: gcds would be spent for nothing.
fn small_with_fraction(e: &Expr) -> bool {
    let has_fraction = |t: &Expr| small(t) == Some(true);
    let negative = |exp: &Expr| exp.as_number().is_some_and(Number::is_negative);
    match e.node() {
        // The bounded test of the whole first: a large sum's terms are
        // not each walked for nothing.
        Node::Add(terms) => {
            has_fraction(e) && terms.iter().filter(|t| has_fraction(t)).count() >= 2
        }
        Node::Mul(factors) => {
            let mut sums = Vec::new();
            let mut denominators = Vec::new();
            for f in factors.iter() {
                match f.node() {
                    Node::Pow([base, exp]) if negative(exp) => denominators.push(base),
                    Node::Pow([base, _]) if matches!(base.node(), Node::Add(_)) => sums.push(base),
                    Node::Add(_) => sums.push(f),
                    _ => {}
                }
            }
            let shared = |d: &Expr| {
                matches!(d.node(), Node::Add(_))
                    || sums
                        .iter()
                        .any(|s| s.args().iter().all(|t| holds_base(t, d)))
            };
            let promising = sums.iter().any(|s| has_fraction(s))
                || denominators.iter().any(|d| has_fraction(d))
                || (!sums.is_empty() && denominators.iter().any(|d| shared(d)));
            promising && has_fraction(e)
        }
        _ => false,
    }
}

/// Whether the term `t` has a factor that is `base` or a power of it.
fn holds_base(t: &Expr, base: &Expr) -> bool {
    let factors: &[Expr] = match t.node() {
        Node::Mul(fs) => fs,
        _ => std::slice::from_ref(t),
    };
    factors.iter().any(|f| match f.node() {
        Node::Pow([b, _]) => b == base,
        _ => f == base,
    })
}

/// Whether `e` has at most [`MAX_NODES`] nodes written out: small enough
/// to try.
pub(crate) fn is_small(e: &Expr) -> bool {
    small(e).is_some()
}

/// `None` when `e` has more than [`MAX_NODES`] nodes written out, else
/// whether it has a negative power in it. The size is the node's own
/// count, and the search walks at most that many nodes, on a stack that
/// never holds more.
fn small(e: &Expr) -> Option<bool> {
    if walk::tree_size(e) > MAX_NODES {
        return None;
    }
    let mut stack = [e; MAX_NODES];
    let mut len = 1;
    while len > 0 {
        len -= 1;
        let n = stack[len];
        if let Node::Pow([_, exp]) = n.node() {
            if exp.as_number().is_some_and(Number::is_negative) {
                return Some(true);
            }
        }
        for a in n.args() {
            stack[len] = a;
            len += 1;
        }
    }
    Some(false)
}

/// `(k, u)` for an argument `k*u` of `exp` with `k` an integer other than
/// ±1 and at most [`MAX_DEGREE`] in size.
fn exp_multiple(arg: &Expr) -> Option<(i64, Expr)> {
    let Node::Mul(factors) = arg.node() else {
        return None;
    };
    let k = factors[0].as_number()?.to_i64()?;
    let small = (2..=i64::from(MAX_DEGREE)).contains(&k.abs());
    small.then(|| (k, Expr::mul(factors[1..].iter().cloned())))
}

/// A numerator over a product of factors `(p, m)` (`p^m`), each factor
/// nonconstant, primitive with its leading coefficient positive, and
/// listed once.
struct Fraction {
    num: Polynomial,
    den: Vec<(Polynomial, u32)>,
}

impl Fraction {
    fn polynomial(num: Polynomial) -> Option<Fraction> {
        (num.term_count() <= MAX_TERMS).then_some(Fraction {
            num,
            den: Vec::new(),
        })
    }

    fn of(e: &Expr, generators: &mut Generators) -> Option<Fraction> {
        match e.node() {
            Node::Num(n) => Fraction::polynomial(Polynomial::constant(n.clone())),
            Node::Add(terms) => {
                let mut sum = Fraction::polynomial(Polynomial::zero())?;
                for t in terms {
                    sum = sum.add(Fraction::of(t, generators)?)?;
                }
                Some(sum)
            }
            Node::Mul(factors) => {
                let mut product = Fraction::polynomial(Polynomial::constant(Number::int(1)))?;
                for f in factors {
                    product = product.mul(Fraction::of(f, generators)?)?;
                }
                Some(product)
            }
            Node::Pow([base, exp]) => match exp.as_number() {
                Some(k) if k.is_integer() => {
                    let k = k.to_i64()?;
                    let magnitude = u32::try_from(k.unsigned_abs())
                        .ok()
                        .filter(|&m| m <= MAX_DEGREE)?;
                    let f = Fraction::of(base, generators)?;
                    let f = if k < 0 { f.inverse()? } else { f };
                    f.pow(magnitude)
                }
                // u^(p/q) is t^p for the generator t = u^(1/q): the
                // roots in x/sqrt(u) and sqrt(u) are then one generator.
                Some(k) => {
                    let (p, q) = k.parts();
                    let root = Expr::pow(
                        base.clone(),
                        Expr::number(Number::from_big(num_rational::BigRational::new(
                            1.into(),
                            q,
                        ))),
                    );
                    let t = Fraction::polynomial(generators.generator(&root))?;
                    let p = i64::try_from(p).ok()?;
                    let magnitude = u32::try_from(p.unsigned_abs())
                        .ok()
                        .filter(|&m| m <= MAX_DEGREE)?;
                    let t = if p < 0 { t.inverse()? } else { t };
                    t.pow(magnitude)
                }
                None => Fraction::polynomial(generators.generator(e)),
            },
            Node::Call(Func::Exp, args) => match exp_multiple(&args[0]) {
                // exp(k*u) is exp(u)^k: `exp(x)/(exp(x) + 1) -
                // exp(2*x)/(exp(x) + 1)^2` then cancels.
                Some((k, u)) => {
                    let t = Fraction::polynomial(
                        generators.generator(&Expr::call(Func::Exp, vec![u])),
                    )?;
                    let t = if k < 0 { t.inverse()? } else { t };
                    t.pow(u32::try_from(k.unsigned_abs()).ok()?)
                }
                None => Fraction::polynomial(generators.generator(e)),
            },
            _ => Fraction::polynomial(generators.generator(e)),
        }
    }

    /// The product of the denominator's factors, expanded, each factor
    /// taken `m` fewer times than it appears in `den` (`m` as `less` gives).
    fn expanded(
        den: &[(Polynomial, u32)],
        less: impl Fn(&Polynomial) -> u32,
    ) -> Option<Polynomial> {
        let mut out = Polynomial::constant(Number::int(1));
        for (p, m) in den {
            out = out.mul(&p.pow(m - less(p))?);
            if out.term_count() > MAX_TERMS {
                return None;
            }
        }
        Some(out)
    }

    fn inverse(self) -> Option<Fraction> {
        let (c, p) = self.num.primitive();
        let scale = c.recip()?;
        let num = Fraction::expanded(&self.den, |_| 0)?.scaled(&scale);
        let den = if p.as_constant().is_some() {
            Vec::new()
        } else {
            vec![(p, 1)]
        };
        Some(Fraction { num, den })
    }

    fn pow(self, k: u32) -> Option<Fraction> {
        let num = self.num.pow(k)?;
        let den = self.den.into_iter().map(|(p, m)| (p, m * k)).collect();
        (num.term_count() <= MAX_TERMS).then_some(Fraction { num, den })
    }

    fn mul(self, other: Fraction) -> Option<Fraction> {
        let num = self.num.mul(&other.num);
        let mut den = self.den;
        for (p, m) in other.den {
            match den.iter_mut().find(|(q, _)| *q == p) {
                Some(entry) => entry.1 += m,
                None => den.push((p, m)),
            }
        }
        (num.term_count() <= MAX_TERMS).then_some(Fraction { num, den })
    }

    /// The sum over the least common multiple of the factor lists: each
    /// factor at the higher of its two multiplicities.
    fn add(self, other: Fraction) -> Option<Fraction> {
        let mut den = self.den.clone();
        for (p, m) in &other.den {
            match den.iter_mut().find(|(q, _)| q == p) {
                Some(entry) => entry.1 = entry.1.max(*m),
                None => den.push((p.clone(), *m)),
            }
        }
        let multiplicity = |list: &[(Polynomial, u32)], p: &Polynomial| {
            list.iter().find(|(q, _)| q == p).map_or(0, |e| e.1)
        };
        let a = self
            .num
            .mul(&Fraction::expanded(&den, |p| multiplicity(&self.den, p))?);
        let b = other
            .num
            .mul(&Fraction::expanded(&den, |p| multiplicity(&other.den, p))?);
        let num = a.add(&b);
        (num.term_count() <= MAX_TERMS).then_some(Fraction { num, den })
    }

    /// The numerator divided by its GCD with each factor of the
    /// denominator, until they share none.
    fn cancelled(mut self) -> Option<Fraction> {
        if self.num.is_zero() {
            self.den.clear();
            return Some(self);
        }
        let mut done = Vec::new();
        while let Some((p, m)) = self.den.pop() {
            let g = self.num.gcd(&p)?;
            if g.as_constant().is_some() {
                done.push((p, m));
                continue;
            }
            // num/p^m = (num/g) / (g^(m-1) * (p/g)^m)
            self.num = self.num.div_exact(&g)?;
            let rest = p.div_exact(&g)?;
            if m > 1 {
                self.den.push((g, m - 1));
            }
            if rest.as_constant().is_none() {
                self.den.push((rest, m));
            }
        }
        done.reverse();
        self.den = done;
        Some(self)
    }
}
