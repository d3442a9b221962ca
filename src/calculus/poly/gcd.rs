//! Contents, primitive parts and the greatest common divisor.
//!
//! The GCD is the recursive primitive PRS: in the polynomial's first
//! generator `v`, with coefficients polynomials in the others, the GCD is
//! the GCD of the contents (recursively, in fewer generators) times the
//! primitive part of the last nonzero pseudo-remainder of the primitive
//! parts. Taking primitive parts at every step keeps the coefficients as
//! small as they can be; the sizes here (student expressions, a few
//! generators, low degrees) need nothing faster.

use super::{Polynomial, Term, MAX_TERMS};
use crate::expr::Number;
use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::{BigRational, Ratio};
use num_traits::{One, Zero};

/// A monomial's `(generator, exponent)` pairs.
type Powers = Vec<(usize, u32)>;

/// The most bits (numerator and denominator together) a pseudo-remainder's
/// coefficient may take before the GCD gives up. Each step multiplies by
/// the divisor's leading coefficient, so with several generators the
/// coefficients can grow past any use (a third derivative of
/// `atan((2*x)^(1/3)*sigmoid(x))` once spent minutes on million-bit
/// numbers); a fraction whose GCD needs more is left uncancelled.
const MAX_COEFFICIENT_BITS: u64 = 4096;

impl Polynomial {
    /// The degree in the generator `var` (0 when it does not occur).
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits};
    /// let p = Polynomial::read("x^2*y^3 + y", &Limits::default()).unwrap();
    /// assert_eq!((p.degree_in("x"), p.degree_in("y"), p.degree_in("z")), (2, 3, 0));
    /// ```
    pub fn degree_in(&self, var: &str) -> u32 {
        let Some(v) = self.vars.iter().position(|n| n == var) else {
            return 0;
        };
        self.terms
            .iter()
            .filter_map(|t| t.powers.iter().find(|p| p.0 == v).map(|p| p.1))
            .max()
            .unwrap_or(0)
    }

    /// The coefficients of the powers of `var`, `var^0` first, each a
    /// polynomial in the other generators.
    fn coefficients_in(&self, var: &str) -> Vec<Polynomial> {
        let v = self.vars.iter().position(|n| n == var);
        let mut parts: Vec<Vec<Term>> = vec![Vec::new(); self.degree_in(var) as usize + 1];
        for t in &self.terms {
            let k = v.and_then(|v| t.powers.iter().find(|p| p.0 == v).map(|p| p.1));
            let mut t = t.clone();
            if let Some(k) = k {
                t.powers.retain(|p| Some(p.0) != v);
                t.degree -= u64::from(k);
            }
            parts[k.unwrap_or(0) as usize].push(t);
        }
        parts
            .into_iter()
            .map(|terms| Polynomial::normalized(self.vars.clone(), terms))
            .collect()
    }

    /// `(c, p)` with the polynomial `c*p`, `c` rational and `p` with
    /// integer coefficients sharing no factor, its leading coefficient
    /// positive. Zero is `(0, 0)`.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits, Number};
    /// let p = Polynomial::read("-4*x + 6", &Limits::default()).unwrap();
    /// let half = p.scaled(&Number::ratio(1, 2));
    /// let (c, q) = half.primitive();
    /// assert_eq!((c, q.to_string()), (Number::int(-1), "2*x - 3".to_string()));
    /// ```
    pub fn primitive(&self) -> (Number, Polynomial) {
        let Some(first) = self.terms.first() else {
            return (Number::int(0), Polynomial::zero());
        };
        let mut content = small_content(&self.terms).unwrap_or_else(|| {
            let (mut numerators, mut denominators) = (BigInt::zero(), BigInt::one());
            for t in &self.terms {
                let (n, d) = t.coefficient.parts();
                numerators = numerators.gcd(&n);
                denominators = denominators.lcm(&d);
            }
            Number::from_big(BigRational::new(numerators, denominators))
        });
        if first.coefficient.is_negative() {
            content = -content;
        }
        let inverse = content.recip().unwrap_or(Number::int(1));
        (content, self.scaled(&inverse))
    }

    /// The GCD of the monomial `self` (one term) and `other`: each
    /// generator at its lowest power over all their terms.
    fn monomial_gcd(&self, other: &Polynomial) -> Polynomial {
        let (vars, a, b) = self.aligned(other);
        let mut powers = a[0].powers.clone();
        for t in b.iter() {
            powers.retain_mut(|(v, k)| match t.powers.iter().find(|p| p.0 == *v) {
                Some(&(_, m)) => {
                    *k = (*k).min(m);
                    true
                }
                None => false,
            });
        }
        let degree = powers.iter().map(|p| u64::from(p.1)).sum();
        let term = Term {
            coefficient: Number::int(1),
            powers,
            degree,
        };
        Polynomial::with_variables_used(vars, vec![term])
    }

    /// The GCD of the coefficients in `var`, normalized as [`Polynomial::primitive`]'s.
    fn content_in(&self, var: &str) -> Option<Polynomial> {
        let mut content = Polynomial::zero();
        for c in self.coefficients_in(var) {
            content = content.gcd(&c)?;
            if content.as_constant().is_some() && !content.is_zero() {
                break;
            }
        }
        Some(content)
    }

    /// The GCD with `other`, which has generators the polynomial lacks:
    /// its GCD with each coefficient of `other` as a polynomial in those
    /// generators, in turn, the smallest first. That ends as soon as it is
    /// constant (no common factor), most often at a monomial, before the
    /// large coefficients are worked on.
    fn gcd_with_coefficients(&self, other: &Polynomial) -> Option<Polynomial> {
        let foreign: Vec<bool> = other.vars.iter().map(|v| !self.vars.contains(v)).collect();
        let mut coefficients: Vec<(Powers, Vec<Term>)> = Vec::new();
        for t in &other.terms {
            let (outside, inside): (Powers, Powers) = t.powers.iter().partition(|p| foreign[p.0]);
            let term = Term {
                coefficient: t.coefficient.clone(),
                degree: inside.iter().map(|p| u64::from(p.1)).sum(),
                powers: inside,
            };
            match coefficients.iter_mut().find(|c| c.0 == outside) {
                Some(c) => c.1.push(term),
                None => coefficients.push((outside, vec![term])),
            }
        }
        coefficients.sort_by_key(|c| c.1.len());
        let mut g = self.primitive().1;
        for (_, terms) in coefficients {
            if g.as_constant().is_some() {
                break;
            }
            g = g.gcd(&Polynomial::normalized(other.vars.clone(), terms))?;
        }
        Some(g)
    }

    /// The polynomial divided by its content in `var`.
    fn primitive_in(&self, var: &str) -> Option<Polynomial> {
        self.div_exact(&self.content_in(var)?)
    }

    /// The pseudo-remainder of dividing by `divisor` as polynomials in
    /// `var`: `lc^k * self` reduced below `divisor`'s degree in `var`.
    fn pseudo_remainder(&self, divisor: &Polynomial, var: &str) -> Option<Polynomial> {
        let n = divisor.degree_in(var);
        let lc = divisor.coefficients_in(var).pop()?;
        let v = Polynomial::variable(var.to_string());
        let too_large = |t: &Term| {
            let (numerator, denominator) = t.coefficient.bits();
            numerator + denominator > MAX_COEFFICIENT_BITS
        };
        let mut rest = self.clone();
        while !rest.is_zero() && rest.degree_in(var) >= n {
            let m = rest.degree_in(var);
            let lead = rest.coefficients_in(var).pop()?;
            rest = lc.mul(&rest).sub(&lead.mul(&v.pow(m - n)?).mul(divisor));
            if rest.terms.len() > MAX_TERMS || rest.terms.iter().any(too_large) {
                return None;
            }
        }
        Some(rest)
    }

    /// The greatest common divisor, normalized as [`Polynomial::primitive`]'s
    /// (integer coefficients without a common factor, the leading one
    /// positive); `None` when the work would outgrow [`MAX_TERMS`] terms or
    /// [`MAX_COEFFICIENT_BITS`] bits.
    ///
    /// ```
    /// use symdiff::{calculus::poly::Polynomial, Limits};
    /// let read = |s| Polynomial::read(s, &Limits::default()).unwrap();
    /// let g = read("x^2*y - y").gcd(&read("2*x^2*y + 4*x*y + 2*y")).unwrap();
    /// assert_eq!(g.to_string(), "x*y + y");
    /// assert_eq!(read("x + 1").gcd(&read("x - 1")).unwrap().to_string(), "1");
    /// ```
    pub fn gcd(&self, other: &Polynomial) -> Option<Polynomial> {
        if self.is_zero() {
            return Some(other.primitive().1);
        }
        if other.is_zero() {
            return Some(self.primitive().1);
        }
        if self.terms.len() == 1 {
            return Some(self.monomial_gcd(other));
        }
        if other.terms.len() == 1 {
            return Some(other.monomial_gcd(self));
        }
        // Generators only one of them has: the GCD is the other's GCD with
        // its coefficients in those generators, fewer generators each.
        if self.vars.iter().any(|v| !other.vars.contains(v)) {
            return other.gcd_with_coefficients(self);
        }
        if other.vars.iter().any(|v| !self.vars.contains(v)) {
            return self.gcd_with_coefficients(other);
        }
        let Some(var) = self.vars.first().or(other.vars.first()).cloned() else {
            return Some(Polynomial::constant(Number::int(1)));
        };
        let (da, db) = (self.degree_in(&var), other.degree_in(&var));
        if da == 0 {
            return self.gcd(&other.content_in(&var)?);
        }
        if db == 0 {
            return other.gcd(&self.content_in(&var)?);
        }
        let (ca, cb) = (self.content_in(&var)?, other.content_in(&var)?);
        let content = ca.gcd(&cb)?;
        let (mut p, mut q) = (self.div_exact(&ca)?, other.div_exact(&cb)?);
        if da < db {
            std::mem::swap(&mut p, &mut q);
        }
        loop {
            let r = p.pseudo_remainder(&q, &var)?;
            if r.is_zero() {
                break;
            }
            if r.degree_in(&var) == 0 {
                q = Polynomial::constant(Number::int(1));
                break;
            }
            p = q;
            q = r.primitive_in(&var)?;
        }
        Some(content.mul(&q.primitive_in(&var)?).primitive().1)
    }
}

/// The content of terms whose coefficients all fit machine words, as
/// [`Polynomial::primitive`] takes it before its sign (the GCD of the
/// numerators over the LCM of the denominators); `None` when one does not
/// fit, or the LCM outgrows a word, for the exact path.
fn small_content(terms: &[Term]) -> Option<Number> {
    let (mut numerators, mut denominators) = (0i64, 1i64);
    for t in terms {
        let Number::Small(r) = &t.coefficient else {
            return None;
        };
        numerators = numerators.gcd(r.numer());
        denominators = denominators.checked_mul(r.denom() / denominators.gcd(r.denom()))?;
    }
    (numerators != i64::MIN).then(|| Number::Small(Ratio::new(numerators, denominators)))
}
