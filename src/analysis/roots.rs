//! The real roots of a polynomial in one variable in closed form, where the
//! rational root theorem, the quadratic formula, Cardano's formula (a cubic
//! with one real root) or the substitution `y = x^2` reach them. The
//! polynomial is [`Polynomial`]; the search works on its coefficients.

use crate::calculus::poly::{Generators, Polynomial};
use crate::expr::{Expr, Func, Number};
use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;

/// Beyond this degree products are not expanded: no closed form is sought.
const MAX_DEGREE: u32 = 16;

/// Rational root candidates are sought only among divisors this small.
const MAX_DIVISOR_SEARCH: i64 = 1_000_000;

/// Every real root of `g`, a polynomial in `var` with rational
/// coefficients, exactly and from left to right; `None` when `g` is not
/// such a polynomial, is zero, or has a root out of reach of closed forms
/// (then a numeric search is needed).
pub(crate) fn exact_roots(g: &Expr, var: &Expr) -> Option<Vec<Expr>> {
    let p = Polynomial::from_expr(g, &mut Generators::default(), MAX_DEGREE)?;
    let c = p.univariate_coefficients(var.as_symbol()?)?;
    roots_of(&c).or_else(|| biquadratic_roots(&c))
}

/// Coefficients (constant term first) without trailing zeros.
fn trimmed(mut c: Vec<Number>) -> Vec<Number> {
    while c.last().is_some_and(Number::is_zero) {
        c.pop();
    }
    c
}

fn degree(c: &[Number]) -> usize {
    c.len().saturating_sub(1)
}

fn eval(c: &[Number], x: &Number) -> Number {
    c.iter()
        .rev()
        .fold(Number::int(0), |acc, k| acc * x.clone() + k.clone())
}

/// `c / (x - r)` for a root `r` (synthetic division).
fn deflated(c: &[Number], r: &Number) -> Vec<Number> {
    let mut out = vec![Number::int(0); degree(c)];
    let mut carry = Number::int(0);
    for i in (1..c.len()).rev() {
        carry = carry * r.clone() + c[i].clone();
        out[i - 1] = carry.clone();
    }
    trimmed(out)
}

/// Every real root, exactly, with multiplicity dropped; `None` when some
/// root is out of reach of closed forms.
fn roots_of(c: &[Number]) -> Option<Vec<Expr>> {
    if c.is_empty() {
        return None; // the zero polynomial vanishes everywhere
    }
    let mut rest = c.to_vec();
    let mut roots: Vec<Expr> = Vec::new();
    while degree(&rest) > 2 {
        match rational_root(&rest) {
            Some(r) => {
                roots.push(Expr::number(r.clone()));
                rest = deflated(&rest, &r);
            }
            None => {
                roots.push(cardano_root(&rest)?);
                // The cubic's other two roots are not real.
                rest = vec![Number::int(1)];
            }
        }
    }
    roots.extend(match degree(&rest) {
        0 => vec![],
        1 => vec![Expr::number(-rest[0].clone() * rest[1].recip()?)],
        _ => quadratic_roots(&rest[0], &rest[1], &rest[2])?,
    });
    Some(in_order(roots))
}

/// The roots of a degree-4 polynomial in `x^2` alone, through `y = x^2`.
fn biquadratic_roots(c: &[Number]) -> Option<Vec<Expr>> {
    if degree(c) != 4 || !c[1].is_zero() || !c[3].is_zero() {
        return None;
    }
    let mut roots = Vec::new();
    for y in quadratic_roots(&c[0], &c[2], &c[4])? {
        if y.eval(&[]).is_ok_and(|v| v >= 0.0) {
            let root = Expr::pow(y, Expr::number(Number::ratio(1, 2)));
            roots.push(-root.clone());
            roots.push(root);
        }
    }
    Some(in_order(roots))
}

/// The real root of a cubic `a*x^3 + b*x^2 + c*x + d` whose other two
/// roots are complex, by Cardano's formula on the depressed cubic
/// `t^3 + p*t + q` (`x = t - b/(3a)`). `None` for other degrees, and
/// when all three roots are real: then the formula's square root is of
/// a negative number, and no real radicals express the roots.
fn cardano_root(coefficients: &[Number]) -> Option<Expr> {
    let [d, c, b, a] = coefficients else {
        return None;
    };
    let n = Number::int;
    let (a2, b2) = (a.clone() * a.clone(), b.clone() * b.clone());
    let p = (n(3) * a.clone() * c.clone() - b2.clone()) * (n(3) * a2.clone()).recip()?;
    let q = (n(2) * b2 * b.clone() - n(9) * a.clone() * b.clone() * c.clone()
        + n(27) * a2.clone() * d.clone())
        * (n(27) * a2 * a.clone()).recip()?;
    // One real root exactly when (q/2)^2 + (p/3)^3 > 0.
    let disc = q.clone() * q.clone() * n(4).recip()? + p.clone() * p.clone() * p * n(27).recip()?;
    if disc.is_negative() || disc.is_zero() {
        return None;
    }
    let half_q = Expr::number(-q * n(2).recip()?);
    let sqrt_disc = square_root(&disc);
    let cbrt = |e: Expr| Expr::call(Func::Cbrt, vec![e]);
    Some(Expr::add([
        cbrt(Expr::add([half_q.clone(), sqrt_disc.clone()])),
        cbrt(Expr::add([half_q, -sqrt_disc])),
        Expr::number(-b.clone() * (n(3) * a.clone()).recip()?),
    ]))
}

/// A rational root `p/q` (p divides the constant term, q the leading
/// coefficient), once the polynomial is scaled to integer coefficients.
fn rational_root(c: &[Number]) -> Option<Number> {
    if c[0].is_zero() {
        return Some(Number::int(0));
    }
    let lcm = c
        .iter()
        .fold(BigInt::from(1), |acc, c| acc.lcm(&c.parts().1));
    let lcm = Number::from_big(BigRational::from_integer(lcm));
    let scaled = |c: &Number| (c.clone() * lcm.clone()).to_i64();
    let constant = scaled(&c[0])?.checked_abs()?;
    let leading = scaled(c.last()?)?.checked_abs()?;
    if constant > MAX_DIVISOR_SEARCH || leading > MAX_DIVISOR_SEARCH {
        return None;
    }
    for p in divisors(constant) {
        for q in divisors(leading) {
            for r in [Number::ratio(p, q), Number::ratio(-p, q)] {
                if eval(c, &r).is_zero() {
                    return Some(r);
                }
            }
        }
    }
    None
}

fn divisors(n: i64) -> Vec<i64> {
    (1..=n)
        .take_while(|d| d * d <= n)
        .filter(|d| n % d == 0)
        .flat_map(|d| [d, n / d])
        .collect()
}

/// The real roots of `a2*x^2 + a1*x + a0` (a2 ≠ 0), in closed form.
fn quadratic_roots(a0: &Number, a1: &Number, a2: &Number) -> Option<Vec<Expr>> {
    let disc = a1.clone() * a1.clone() - Number::int(4) * a2.clone() * a0.clone();
    if disc.is_negative() {
        return Some(vec![]);
    }
    let half_over_a = (Number::int(2) * a2.clone()).recip()?;
    let sqrt_disc = square_root(&disc);
    let root = |sign: i64| {
        Expr::mul([
            Expr::number(half_over_a.clone()),
            Expr::add([
                Expr::number(-a1.clone()),
                Expr::int(sign) * sqrt_disc.clone(),
            ]),
        ])
    };
    Some(vec![root(-1), root(1)])
}

/// `sqrt(n)` with square factors taken out (`sqrt(8) = 2*sqrt(2)`), as a
/// person writes roots.
fn square_root(n: &Number) -> Expr {
    let half = || Expr::number(Number::ratio(1, 2));
    let (p, q) = n.parts();
    let product: Option<i64> = (p * &q).try_into().ok();
    let q: Option<i64> = q.try_into().ok();
    let (Some(mut rest), Some(q)) = (
        product.filter(|m| *m <= MAX_DIVISOR_SEARCH * MAX_DIVISOR_SEARCH),
        q,
    ) else {
        return Expr::pow(Expr::number(n.clone()), half());
    };
    // sqrt(p/q) = sqrt(p*q)/q, and sqrt(k^2*m) = k*sqrt(m).
    let mut outside = 1i64;
    let mut d = 2i64;
    while d * d <= rest {
        while rest % (d * d) == 0 {
            rest /= d * d;
            outside *= d;
        }
        d += 1;
    }
    Expr::mul([
        Expr::number(Number::ratio(outside, q)),
        Expr::pow(Expr::int(rest), half()),
    ])
}

/// Exact roots from left to right on the real line, each once.
fn in_order(mut roots: Vec<Expr>) -> Vec<Expr> {
    roots.sort_by(|a, b| {
        a.eval(&[])
            .unwrap_or(0.0)
            .total_cmp(&b.eval(&[]).unwrap_or(0.0))
    });
    roots.dedup();
    roots
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn roots(s: &str) -> Option<Vec<String>> {
        let r = exact_roots(&parse(s).unwrap(), &Expr::symbol("x"))?;
        Some(r.iter().map(Expr::to_string).collect())
    }

    #[test]
    fn cubic_with_a_rational_root() {
        assert_eq!(roots("x^3 - 2*x").unwrap(), ["-sqrt(2)", "0", "sqrt(2)"]);
    }

    #[test]
    fn expands_products_and_finds_rational_roots() {
        assert_eq!(
            roots("(2*x - 1)*(x + 3)*(x - 5)").unwrap(),
            ["-3", "1/2", "5"]
        );
    }

    #[test]
    fn biquadratic() {
        assert_eq!(roots("x^4 - 5*x^2 + 5").unwrap().len(), 4);
    }

    /// The root's value, checked by the polynomial itself.
    fn satisfies(s: &str, root: &str) -> bool {
        let (p, r) = (parse(s).unwrap(), parse(root).unwrap());
        let x = r.eval(&[]).unwrap();
        p.eval(&[("x", x)]).unwrap().abs() < 1e-12 * (1.0 + x.abs().powi(3))
    }

    #[test]
    fn cubics_with_one_real_root_by_cardano() {
        for (s, want) in [
            (
                "x^3 + x + 1",
                "cbrt(sqrt(93)/18 - 1/2) + cbrt(-sqrt(93)/18 - 1/2)",
            ),
            // Not depressed: shifted by -b/(3a) = 1/2.
            ("2*x^3 - 3*x^2 + 4*x - 5", ""),
            // A rational root first, then a cubic with one real root.
            ("x^4 + x^2 + x", ""),
        ] {
            let found = roots(s).unwrap();
            let irrational: Vec<&String> = found.iter().filter(|r| r.contains("cbrt")).collect();
            assert_eq!(irrational.len(), 1, "{s}: {found:?}");
            assert!(want.is_empty() || irrational[0] == want, "{s}: {found:?}");
            assert!(found.iter().all(|r| satisfies(s, r)), "{s}: {found:?}");
        }
        assert_eq!(roots("x^4 + x^2 + x").unwrap()[1], "0");
    }

    #[test]
    fn out_of_reach() {
        // Three real roots: Cardano's radicals would be complex.
        assert_eq!(roots("x^3 - 3*x + 1"), None);
        // A quartic without rational roots that is not in x^2.
        assert_eq!(roots("x^4 + x + 1"), None);
        assert_eq!(roots("sin(x)"), None);
        assert_eq!(roots("x^2 + 1").unwrap().len(), 0);
    }
}
