//! Ring arithmetic: sums, products, powers and exact division.
//!
//! Two polynomials over different generators are first written over the
//! union of both (in natural order, which keeps each one's terms sorted),
//! then combined term list with term list.

use super::{name_order, reading_order, Polynomial, Term, MAX_TERMS};
use crate::expr::Number;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::sync::Arc;

/// Two polynomials' generators and their terms numbered over them.
type Aligned<'a> = (Arc<[String]>, Cow<'a, [Term]>, Cow<'a, [Term]>);

/// At most how many leading terms an exact division removes before it
/// gives up: the quotient of polynomials within [`MAX_TERMS`] terms needs
/// far fewer.
const MAX_DIVISION_STEPS: usize = 20 * MAX_TERMS;

impl Polynomial {
    /// The zero polynomial.
    ///
    /// ```
    /// assert!(symdiff::calculus::poly::Polynomial::zero().is_zero());
    /// ```
    pub fn zero() -> Polynomial {
        Polynomial {
            vars: Arc::default(),
            terms: Vec::new(),
        }
    }

    /// The constant `c`.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Number};
    /// assert_eq!(Polynomial::constant(Number::ratio(1, 2)).to_string(), "1/2");
    /// ```
    pub fn constant(c: Number) -> Polynomial {
        let terms = if c.is_zero() {
            Vec::new()
        } else {
            vec![Term {
                coefficient: c,
                powers: Vec::new(),
                degree: 0,
            }]
        };
        Polynomial {
            vars: Arc::default(),
            terms,
        }
    }

    /// The generator `name` alone.
    pub(super) fn variable(name: String) -> Polynomial {
        Polynomial {
            vars: Arc::from([name]),
            terms: vec![Term {
                coefficient: Number::int(1),
                powers: vec![(0, 1)],
                degree: 1,
            }],
        }
    }

    /// Whether it is the zero polynomial.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits};
    /// let p = Polynomial::read("x - x", &Limits::default()).unwrap();
    /// assert!(p.is_zero());
    /// ```
    pub fn is_zero(&self) -> bool {
        self.terms.is_empty()
    }

    /// Its value if it is a constant (zero included).
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits, Number};
    /// let p = Polynomial::read("x + 3 - x", &Limits::default()).unwrap();
    /// assert_eq!(p.as_constant(), Some(Number::int(3)));
    /// ```
    pub fn as_constant(&self) -> Option<Number> {
        match self.terms.as_slice() {
            [] => Some(Number::int(0)),
            [t] if t.powers.is_empty() => Some(t.coefficient.clone()),
            _ => None,
        }
    }

    /// The terms sorted into reading order, like terms added and zeros
    /// dropped, over the generators they use.
    pub(super) fn normalized(vars: Arc<[String]>, mut terms: Vec<Term>) -> Polynomial {
        terms.sort_unstable_by(reading_order);
        let mut merged: Vec<Term> = Vec::with_capacity(terms.len());
        for t in terms {
            match merged.last_mut() {
                Some(last) if last.powers == t.powers => {
                    last.coefficient = last.coefficient.clone() + t.coefficient;
                }
                _ => merged.push(t),
            }
        }
        merged.retain(|t| !t.coefficient.is_zero());
        Polynomial::with_variables_used(vars, merged)
    }

    /// Both polynomials' terms over the union of their generators: the
    /// terms themselves, borrowed, where the numbering stays (the same
    /// generators, or a constant, which has none).
    pub(super) fn aligned<'a>(&'a self, other: &'a Polynomial) -> Aligned<'a> {
        if self.vars == other.vars || other.vars.is_empty() {
            return (
                self.vars.clone(),
                Cow::Borrowed(&self.terms),
                Cow::Borrowed(&other.terms),
            );
        }
        if self.vars.is_empty() {
            return (
                other.vars.clone(),
                Cow::Borrowed(&self.terms),
                Cow::Borrowed(&other.terms),
            );
        }
        let mut vars: Vec<String> = self.vars.iter().chain(other.vars.iter()).cloned().collect();
        vars.sort_by(name_order);
        vars.dedup();
        let renumbered = |p: &Polynomial| -> Vec<Term> {
            let rank: Vec<usize> = p
                .vars
                .iter()
                .map(|n| vars.iter().position(|m| m == n).unwrap_or(0))
                .collect();
            p.terms
                .iter()
                .map(|t| Term {
                    coefficient: t.coefficient.clone(),
                    powers: t.powers.iter().map(|&(v, k)| (rank[v], k)).collect(),
                    degree: t.degree,
                })
                .collect()
        };
        let (a, b) = (renumbered(self), renumbered(other));
        (vars.into(), Cow::Owned(a), Cow::Owned(b))
    }

    /// The sum.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits};
    /// let read = |s| Polynomial::read(s, &Limits::default()).unwrap();
    /// assert_eq!(read("x + 1").add(&read("y - 1")).to_string(), "x + y");
    /// ```
    pub fn add(&self, other: &Polynomial) -> Polynomial {
        let (vars, a, b) = self.aligned(other);
        Polynomial::with_variables_used(vars, merged_sum(a.into_owned(), b.into_owned()))
    }

    /// The difference.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits};
    /// let read = |s| Polynomial::read(s, &Limits::default()).unwrap();
    /// assert_eq!(read("x + 1").sub(&read("x - 1")).to_string(), "2");
    /// ```
    pub fn sub(&self, other: &Polynomial) -> Polynomial {
        self.add(&other.scaled(&Number::int(-1)))
    }

    /// Every coefficient multiplied by `c`.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits, Number};
    /// let p = Polynomial::read("2*x + 4", &Limits::default()).unwrap();
    /// assert_eq!(p.scaled(&Number::ratio(1, 2)).to_string(), "x + 2");
    /// ```
    pub fn scaled(&self, c: &Number) -> Polynomial {
        if c.is_zero() {
            return Polynomial::zero();
        }
        if c.is_one() {
            return self.clone();
        }
        let terms = self
            .terms
            .iter()
            .map(|t| Term {
                coefficient: t.coefficient.clone() * c.clone(),
                powers: t.powers.clone(),
                degree: t.degree,
            })
            .collect();
        Polynomial {
            vars: self.vars.clone(),
            terms,
        }
    }

    /// The product, expanded.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits};
    /// let read = |s| Polynomial::read(s, &Limits::default()).unwrap();
    /// assert_eq!(read("x + 1").mul(&read("x - 1")).to_string(), "x^2 - 1");
    /// ```
    pub fn mul(&self, other: &Polynomial) -> Polynomial {
        // A constant factor scales: most factors in a normalization are
        // constants (an empty denominator is 1).
        if let Some(c) = self.as_constant() {
            return other.scaled(&c);
        }
        if let Some(c) = other.as_constant() {
            return self.scaled(&c);
        }
        let (vars, a, b) = self.aligned(other);
        // By a monomial, reading order is kept (it is a monomial order)
        // and no two products are alike: nothing to sort or merge.
        let by_monomial = match (&*a, &*b) {
            ([m], rest) | (rest, [m]) => Some(rest.iter().map(|t| product(t, m)).collect()),
            _ => None,
        };
        if let Some(terms) = by_monomial {
            return Polynomial::with_variables_used(vars, terms);
        }
        let mut terms = Vec::with_capacity(a.len() * b.len());
        for s in a.iter() {
            for t in b.iter() {
                terms.push(product(s, t));
            }
        }
        Polynomial::normalized(vars, terms)
    }

    /// The `k`-th power, expanded; `None` beyond [`MAX_TERMS`] terms.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits};
    /// let p = Polynomial::read("x + 1", &Limits::default()).unwrap();
    /// assert_eq!(p.pow(2).unwrap().to_string(), "x^2 + 2*x + 1");
    /// ```
    pub fn pow(&self, k: u32) -> Option<Polynomial> {
        let mut out = Polynomial::constant(Number::int(1));
        for _ in 0..k {
            out = out.mul(self);
            if out.terms.len() > MAX_TERMS {
                return None;
            }
        }
        Some(out)
    }

    /// The quotient when `divisor` divides the polynomial exactly, `None`
    /// otherwise (and for a zero divisor).
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits};
    /// let read = |s| Polynomial::read(s, &Limits::default()).unwrap();
    /// assert_eq!(read("x^2 - y^2").div_exact(&read("x + y")).unwrap().to_string(), "x - y");
    /// assert!(read("x^2 + 1").div_exact(&read("x + 1")).is_none());
    /// ```
    pub fn div_exact(&self, divisor: &Polynomial) -> Option<Polynomial> {
        let (vars, rest, d) = self.aligned(divisor);
        let mut rest = rest.into_owned();
        let (lead, tail) = d.split_first()?;
        let inverse = lead.coefficient.recip()?;
        let mut quotient = Vec::new();
        while let Some(first) = rest.first() {
            if quotient.len() >= MAX_DIVISION_STEPS {
                return None;
            }
            let q = Term {
                coefficient: first.coefficient.clone() * inverse.clone(),
                powers: quotient_powers(&first.powers, &lead.powers)?,
                degree: first.degree - lead.degree,
            };
            // rest - q*divisor: q times the leading term cancels the first
            // term; q times the others keeps their order.
            let minus = Number::int(-1) * q.coefficient.clone();
            let neg_q = Term {
                coefficient: minus,
                powers: q.powers.clone(),
                degree: q.degree,
            };
            let subtracted = tail.iter().map(|t| product(&neg_q, t)).collect();
            rest = merged_sum(rest.split_off(1), subtracted);
            quotient.push(q);
        }
        Some(Polynomial::with_variables_used(vars, quotient))
    }
}

/// The product of two terms.
fn product(a: &Term, b: &Term) -> Term {
    let mut powers = Vec::with_capacity(a.powers.len() + b.powers.len());
    let (mut i, mut j) = (0, 0);
    while i < a.powers.len() && j < b.powers.len() {
        let (p, q) = (a.powers[i], b.powers[j]);
        match p.0.cmp(&q.0) {
            Ordering::Less => {
                powers.push(p);
                i += 1;
            }
            Ordering::Greater => {
                powers.push(q);
                j += 1;
            }
            Ordering::Equal => {
                powers.push((p.0, p.1.saturating_add(q.1)));
                i += 1;
                j += 1;
            }
        }
    }
    powers.extend_from_slice(&a.powers[i..]);
    powers.extend_from_slice(&b.powers[j..]);
    Term {
        coefficient: a.coefficient.clone() * b.coefficient.clone(),
        powers,
        degree: a.degree + b.degree,
    }
}

/// The powers of `a / b` when the monomial `b` divides `a`.
fn quotient_powers(a: &[(usize, u32)], b: &[(usize, u32)]) -> Option<Vec<(usize, u32)>> {
    let mut out = Vec::with_capacity(a.len());
    let mut j = 0;
    for &(v, k) in a {
        match b.get(j) {
            Some(&(w, m)) if w == v => {
                j += 1;
                match k.checked_sub(m)? {
                    0 => {}
                    left => out.push((v, left)),
                }
            }
            Some(&(w, _)) if w < v => return None,
            _ => out.push((v, k)),
        }
    }
    (j == b.len()).then_some(out)
}

/// The sum of two term lists in reading order, still in reading order.
fn merged_sum(a: Vec<Term>, b: Vec<Term>) -> Vec<Term> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let order = match (a.peek(), b.peek()) {
            (Some(s), Some(t)) => reading_order(s, t),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => return out,
        };
        match order {
            Ordering::Less => out.extend(a.next()),
            Ordering::Greater => out.extend(b.next()),
            Ordering::Equal => {
                if let (Some(mut s), Some(t)) = (a.next(), b.next()) {
                    s.coefficient = s.coefficient + t.coefficient;
                    if !s.coefficient.is_zero() {
                        out.push(s);
                    }
                }
            }
        }
    }
}
