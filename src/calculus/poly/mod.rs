//! Polynomials in several generators with exact rational coefficients: the
//! one polynomial type, used by the fast path for big expanded polynomials
//! (`symdiff - VAR`), by the exact roots of critical points, and by the
//! rational normalization of the simplifier (`together`/`cancel`).
//!
//! A big expanded polynomial is where the general pipeline's cost per node
//! shows: each of its thousands of terms is hash-consed and canonicalised
//! when read, differentiated by the product rule, simplified, and sorted
//! again for printing. Held as monomials (exponent lists) in reading order,
//! the same polynomial is read in one pass over the tokens, differentiated
//! term by term, which keeps that order, and printed straight out. The text
//! is the general path's, to the character; the tests hold the two paths
//! to that.
//!
//! Reading order (higher total degree first, then lexicographic with the
//! generators in natural order) is a monomial order, so the same sorted
//! list of terms serves the arithmetic: sums merge two sorted lists, and
//! exact division works from the leading term down.

mod arith;
mod ascii;
mod gcd;
mod read;

use crate::expr::{natural_cmp, Expr, Node, Number};
use crate::present::print::lex_cmp;
use rustc_hash::FxHashMap;
use std::fmt;
use std::sync::Arc;

/// A polynomial in named generators with exact rational coefficients.
///
/// ```
/// use symdiff::{calculus::poly::Polynomial, Limits};
/// let p = Polynomial::read("3*x^2*y - 2*y + 1", &Limits::default()).unwrap();
/// assert_eq!(p.derivative("x").unwrap().to_string(), "6*x*y");
/// assert_eq!(p.to_expr(), symdiff::parse("3*x^2*y - 2*y + 1").unwrap());
/// // Anything else is left to the general parser.
/// assert!(Polynomial::read("x/2 + 1", &Limits::default()).is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Polynomial {
    /// The generators in natural order (`x2` before `x10`), shared:
    /// the arithmetic hands the same list from operands to results.
    vars: Arc<[String]>,
    /// The nonzero terms in reading order: higher degree first, then
    /// lexicographic, as the printer orders a sum.
    terms: Vec<Term>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Term {
    coefficient: Number,
    /// `(variable, exponent)` by variable, exponents at least 1.
    powers: Vec<(usize, u32)>,
    degree: u64,
}

/// The highest total degree read: beyond 2^53 the printer's degrees, which
/// are floating point, would no longer tell terms apart.
const MAX_DEGREE: u64 = 1 << 53;

/// Coefficients larger than this many bits end differentiation (`None`),
/// as the limit on exact powers ends their evaluation.
const MAX_COEFFICIENT_BITS: u64 = crate::expr::number::MAX_POWER_BITS;

impl Polynomial {
    /// The polynomial of `terms` over those of `vars` that its terms use:
    /// variables whose terms all cancelled (`x - x` has none, as on the
    /// general path) or were differentiated away are not its own.
    /// Renumbering keeps the order of the others.
    fn with_variables_used(vars: Arc<[String]>, mut terms: Vec<Term>) -> Polynomial {
        let mut used = vec![false; vars.len()];
        for t in &terms {
            for p in &t.powers {
                used[p.0] = true;
            }
        }
        if used.iter().all(|&u| u) {
            return Polynomial { vars, terms };
        }
        let mut renumbered = vec![0; vars.len()];
        let mut kept = Vec::new();
        for (v, name) in vars.iter().enumerate().filter(|&(v, _)| used[v]) {
            renumbered[v] = kept.len();
            kept.push(name.clone());
        }
        for t in &mut terms {
            for p in &mut t.powers {
                p.0 = renumbered[p.0];
            }
        }
        Polynomial {
            vars: kept.into(),
            terms,
        }
    }

    /// The variables its terms use, in natural order.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits};
    /// let p = Polynomial::read("x10*y + x2", &Limits::default()).unwrap();
    /// assert_eq!(p.variables(), ["x2", "x10", "y"]);
    /// ```
    pub fn variables(&self) -> &[String] {
        &self.vars
    }

    /// The derivative by the variable `var`; `None` if a coefficient would
    /// grow beyond the limit on exact numbers.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits};
    /// let p = Polynomial::read("x^3*y + 5*y", &Limits::default()).unwrap();
    /// assert_eq!(p.derivative("y").unwrap().to_string(), "x^3 + 5");
    /// assert_eq!(p.derivative("z").unwrap().to_string(), "0");
    /// ```
    pub fn derivative(&self, var: &str) -> Option<Polynomial> {
        let Some(v) = self.vars.iter().position(|n| n == var) else {
            return Some(Polynomial::zero());
        };
        let mut terms = Vec::with_capacity(self.terms.len());
        // Lowering one exponent by one in every term keeps both the degree
        // order and the lexicographic order: no sorting, no like terms.
        for t in &self.terms {
            let Ok(at) = t.powers.binary_search_by_key(&v, |p| p.0) else {
                continue;
            };
            let exponent = t.powers[at].1;
            let mut powers = t.powers.clone();
            if exponent == 1 {
                powers.remove(at);
            } else {
                powers[at].1 -= 1;
            }
            let coefficient = match &t.coefficient {
                Number::Small(r) if r.is_integer() => r
                    .numer()
                    .checked_mul(i64::from(exponent))
                    .filter(|&n| n != i64::MIN)
                    .map(Number::int),
                _ => None,
            };
            let coefficient = match coefficient {
                Some(c) => c,
                None => {
                    let c = t.coefficient.clone() * Number::int(i64::from(exponent));
                    let (num, den) = c.bits();
                    if num.max(den) > MAX_COEFFICIENT_BITS {
                        return None;
                    }
                    c
                }
            };
            terms.push(Term {
                coefficient,
                powers,
                degree: t.degree - 1,
            });
        }
        Some(Polynomial::with_variables_used(self.vars.clone(), terms))
    }

    /// The same polynomial as an expression.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits};
    /// let p = Polynomial::read("x*y - y*x + 2*x^2", &Limits::default()).unwrap();
    /// assert_eq!(p.to_expr().to_string(), "2*x^2");
    /// ```
    pub fn to_expr(&self) -> Expr {
        let symbols: Vec<Expr> = self.vars.iter().map(|n| Expr::symbol(n)).collect();
        self.to_expr_over(&symbols)
    }

    /// The polynomial as an expression, its generators standing for the
    /// subexpressions `generators` recorded when it was built.
    ///
    /// ```
    /// use symdiff::calculus::poly::{Generators, Polynomial};
    /// let mut g = Generators::default();
    /// let e = symdiff::parse("(sin(x) + 1)^2").unwrap();
    /// let p = Polynomial::from_expr(&e, &mut g, 8).unwrap();
    /// assert_eq!(p.to_expr_in(&g).to_string(), "sin(x)^2 + 2*sin(x) + 1");
    /// ```
    pub fn to_expr_in(&self, generators: &Generators) -> Expr {
        let atoms: Vec<Expr> = self.vars.iter().map(|n| generators.expr_of(n)).collect();
        self.to_expr_over(&atoms)
    }

    fn to_expr_over(&self, atoms: &[Expr]) -> Expr {
        Expr::add(self.terms.iter().map(|t| {
            let powers = t
                .powers
                .iter()
                .map(|&(v, k)| Expr::pow(atoms[v].clone(), Expr::int(i64::from(k))));
            Expr::mul(std::iter::once(Expr::number(t.coefficient.clone())).chain(powers))
        }))
    }

    /// `e` as a polynomial: sums, products and natural powers up to
    /// `max_degree` are expanded, and every other subexpression (a function
    /// call, a constant, a negative or fractional power) becomes a generator
    /// recorded in `generators`. `None` when a power is beyond `max_degree`
    /// or the expansion beyond [`MAX_TERMS`] terms.
    ///
    /// ```
    /// use symdiff::calculus::poly::{Generators, Polynomial};
    /// let mut g = Generators::default();
    /// let e = symdiff::parse("(x + 1)*(x - 1)").unwrap();
    /// assert_eq!(Polynomial::from_expr(&e, &mut g, 8).unwrap().to_string(), "x^2 - 1");
    /// ```
    pub fn from_expr(e: &Expr, generators: &mut Generators, max_degree: u32) -> Option<Polynomial> {
        let p = match e.node() {
            Node::Num(n) => Polynomial::constant(n.clone()),
            Node::Add(terms) => terms.iter().try_fold(Polynomial::zero(), |acc, t| {
                Some(acc.add(&Polynomial::from_expr(t, generators, max_degree)?))
            })?,
            Node::Mul(factors) => factors
                .iter()
                .try_fold(Polynomial::constant(Number::int(1)), |acc, f| {
                    Some(acc.mul(&Polynomial::from_expr(f, generators, max_degree)?))
                })?,
            Node::Pow([base, exp]) => match exp.as_number().and_then(Number::to_i64) {
                Some(k) if k >= 0 => {
                    let k = u32::try_from(k).ok().filter(|&k| k <= max_degree)?;
                    Polynomial::from_expr(base, generators, max_degree)?.pow(k)?
                }
                _ => generators.generator(e),
            },
            _ => generators.generator(e),
        };
        (p.terms.len() <= MAX_TERMS && p.total_degree() <= u64::from(max_degree)).then_some(p)
    }

    /// The coefficients of a polynomial in `var` alone, constant term first;
    /// `None` if it has other generators.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits};
    /// let p = Polynomial::read("x^2 - 3", &Limits::default()).unwrap();
    /// let c = p.univariate_coefficients("x").unwrap();
    /// use symdiff::Number;
    /// assert_eq!(c, [Number::int(-3), Number::int(0), Number::int(1)]);
    /// ```
    pub fn univariate_coefficients(&self, var: &str) -> Option<Vec<Number>> {
        if self.vars.iter().any(|v| v != var) {
            return None;
        }
        let mut out = vec![Number::int(0); self.total_degree() as usize + 1];
        for t in &self.terms {
            out[t.degree as usize] = t.coefficient.clone();
        }
        if self.terms.is_empty() {
            out.clear();
        }
        Some(out)
    }

    /// The highest total degree of a term (0 for constants and zero).
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits};
    /// assert_eq!(Polynomial::read("x*y^2 + x", &Limits::default()).unwrap().total_degree(), 3);
    /// ```
    pub fn total_degree(&self) -> u64 {
        self.terms.first().map_or(0, |t| t.degree)
    }

    /// How many terms it has.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits};
    /// assert_eq!(Polynomial::read("x*y^2 + x - 1", &Limits::default()).unwrap().term_count(), 3);
    /// ```
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// At most how many nodes the polynomial has written out as a tree
    /// (a sum of products of coefficients and powers), which bounds its
    /// derivatives too: the limit on nodes holds here as on the general
    /// path, which bounds results written out as trees.
    fn node_bound(&self) -> usize {
        let powers: usize = self.terms.iter().map(|t| t.powers.len()).sum();
        3 * powers + 2 * self.terms.len() + 1
    }
}

/// The most terms a polynomial built from an expression may have: the
/// arithmetic is quadratic in the number of terms, and the simplifier's
/// budget stays within this.
pub const MAX_TERMS: usize = 400;

/// The subexpressions a polynomial's generators stand for. A variable is
/// its own generator, under its name; anything else gets a name no variable
/// can have (`#0`, `#1`, …).
///
/// ```
/// use symdiff::calculus::poly::{Generators, Polynomial};
/// let mut g = Generators::default();
/// let e = symdiff::parse("x*sqrt(x + 1)").unwrap();
/// let p = Polynomial::from_expr(&e, &mut g, 8).unwrap();
/// assert_eq!(p.variables().len(), 2);
/// assert_eq!(p.to_expr_in(&g), e);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Generators {
    names: FxHashMap<Expr, String>,
    atoms: FxHashMap<String, Expr>,
}

impl Generators {
    /// The polynomial that is the generator for `e`, recorded on first sight.
    ///
    /// ```
    /// use symdiff::calculus::poly::Generators;
    /// let mut g = Generators::default();
    /// let t = g.generator(&symdiff::parse("sin(x)").unwrap());
    /// assert_eq!(t.to_expr_in(&g).to_string(), "sin(x)");
    /// ```
    pub fn generator(&mut self, e: &Expr) -> Polynomial {
        let name = match self.names.get(e) {
            Some(name) => name.clone(),
            None => {
                let name = match e.as_symbol() {
                    Some(s) => s.to_string(),
                    None => format!("#{}", self.atoms.len()),
                };
                self.names.insert(e.clone(), name.clone());
                self.atoms.insert(name.clone(), e.clone());
                name
            }
        };
        Polynomial::variable(name)
    }

    /// The subexpression the generator `name` stands for.
    fn expr_of(&self, name: &str) -> Expr {
        self.atoms
            .get(name)
            .cloned()
            .unwrap_or_else(|| Expr::symbol(name))
    }
}

/// Reading order of two monomials (degree and powers): higher degree
/// first, then lexicographic as the printer sorts a sum, variable indices
/// being ranks in natural order.
fn monomial_order(
    a_degree: u64,
    a: &[(usize, u32)],
    b_degree: u64,
    b: &[(usize, u32)],
) -> std::cmp::Ordering {
    b_degree
        .cmp(&a_degree)
        .then_with(|| lex_cmp(a, b, usize::cmp))
}

/// Reading order of two terms.
fn reading_order(a: &Term, b: &Term) -> std::cmp::Ordering {
    monomial_order(a.degree, &a.powers, b.degree, &b.powers)
}

/// Generator names in natural order, told apart when natural order ties.
fn name_order(a: &String, b: &String) -> std::cmp::Ordering {
    natural_cmp(a, b).then_with(|| a.cmp(b))
}

impl fmt::Display for Polynomial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.terms.is_empty() {
            return f.write_str("0");
        }
        // A positive term leads when there is one, as in any printed sum.
        let lead = self
            .terms
            .iter()
            .position(|t| !t.coefficient.is_negative())
            .unwrap_or(0);
        let rest = self.terms.iter().enumerate().filter(|&(i, _)| i != lead);
        let in_print_order = std::iter::once(&self.terms[lead]).chain(rest.map(|(_, t)| t));
        // Written into one buffer: with thousands of terms, `write!`'s
        // formatting machinery per number would be most of the printing.
        let mut out = String::with_capacity(16 * self.terms.len());
        let mut digits = itoa::Buffer::new();
        for (i, t) in in_print_order.enumerate() {
            let negative = t.coefficient.is_negative();
            out.push_str(match (i, negative) {
                (0, true) => "-",
                (0, false) => "",
                (_, true) => " - ",
                (_, false) => " + ",
            });
            let size = match &t.coefficient {
                Number::Small(r) if r.is_integer() => r.numer().unsigned_abs(),
                // A big integer, printed in full below (0 marks it: no term is zero).
                Number::Big(r) if r.is_integer() => 0,
                // Fractions print as the general path prints them (`x/2`).
                _ => return write!(f, "{}", self.to_expr()),
            };
            let mut first = true;
            if size != 1 || t.powers.is_empty() {
                match size {
                    0 => out.push_str(&t.coefficient.abs().to_string()),
                    _ => out.push_str(digits.format(size)),
                }
                first = false;
            }
            for &(v, k) in &t.powers {
                if !first {
                    out.push('*');
                }
                first = false;
                out.push_str(&self.vars[v]);
                if k != 1 {
                    out.push('^');
                    out.push_str(digits.format(k));
                }
            }
        }
        f.write_str(&out)
    }
}
