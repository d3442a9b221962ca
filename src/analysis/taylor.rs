//! Taylor polynomials: `Σ f^(k)(a)/k! * (x - a)^k`, with exact coefficients.

use super::tangent::substituted;
use super::{value, AnalysisError};
use crate::calculus::{conditions, diff};
use crate::expr::{Expr, Number};
use crate::numeric::NoValue;

/// The highest order a Taylor polynomial is taken to (each order is one
/// more derivative, and derivatives grow).
///
/// ```
/// use symdiff::{analysis::{taylor, taylor::MAX_ORDER}, parse, Expr};
/// let f = parse("exp(x)").unwrap();
/// assert!(taylor(&f, &Expr::symbol("x"), &Expr::int(0), MAX_ORDER + 1).is_err());
/// ```
pub const MAX_ORDER: usize = 100;

/// A Taylor polynomial of one variable about a point.
///
/// ```
/// use symdiff::{analysis::taylor, parse, Expr};
/// let t = taylor(&parse("cos(x)").unwrap(), &Expr::symbol("x"), &Expr::int(0), 2).unwrap();
/// assert_eq!(t.polynomial.eval(&[("x", 0.1)]), Ok(0.995));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Taylor {
    /// The variable.
    pub var: Expr,
    /// The point expanded about.
    pub about: Expr,
    /// `f^(k)(a)/k!` for k = 0..=order, exactly.
    pub coefficients: Vec<Expr>,
    /// The polynomial in powers of `x - a`.
    pub polynomial: Expr,
}

impl Taylor {
    /// The polynomial in ascending powers, as a person writes a series:
    /// `x - x^2/2 + x^3/3`.
    ///
    /// ```
    /// use symdiff::{analysis::taylor, parse, Expr};
    /// let t = taylor(&parse("ln(1 + x)").unwrap(), &Expr::symbol("x"), &Expr::int(0), 3).unwrap();
    /// assert_eq!(t.to_text(), "x - x^2/2 + x^3/3");
    /// ```
    pub fn to_text(&self) -> String {
        self.joined(|e| e.to_string())
    }

    /// [`Taylor::to_text`] in LaTeX.
    ///
    /// ```
    /// use symdiff::{analysis::taylor, parse, Expr};
    /// let t = taylor(&parse("exp(x)").unwrap(), &Expr::symbol("x"), &Expr::int(0), 2).unwrap();
    /// assert_eq!(t.to_latex(), r"1 + x + \frac{x^{2}}{2}");
    /// ```
    pub fn to_latex(&self) -> String {
        self.joined(Expr::to_latex)
    }

    fn joined(&self, show: impl Fn(&Expr) -> String) -> String {
        // Terms are built in a placeholder `t` for `x - a`, so the
        // canonical form cannot multiply `(x - a)/4` out into `x/4 - a/4`;
        // the placeholder is then written as `(x - a)`.
        let shift = self.var.clone() - self.about.clone();
        let t = if self.about.is_zero() {
            self.var.clone()
        } else {
            Expr::symbol("·t")
        };
        let (placeholder, wrapped) = (show(&t), show(&Expr::pow(shift.clone(), Expr::int(2))));
        let wrapped = wrapped
            .rsplit_once('^')
            .map_or(wrapped.clone(), |(base, _)| base.to_string());
        let show = |e: &Expr| show(e).replace(&placeholder, &wrapped);
        let mut out = String::new();
        for (k, c) in self.coefficients.iter().enumerate() {
            let term = c.clone() * Expr::pow(t.clone(), Expr::int(k as i64));
            if term.is_zero() {
                continue;
            }
            match (term.negated_if_negative(), out.is_empty()) {
                (Some(positive), true) => out = format!("-{}", show(&positive)),
                (Some(positive), false) => out += &format!(" - {}", show(&positive)),
                (None, true) => out = show(&term),
                (None, false) => out += &format!(" + {}", show(&term)),
            }
        }
        if out.is_empty() {
            "0".to_string()
        } else {
            out
        }
    }
}

/// The Taylor polynomial of `f` in `var` of order `order` about `about`.
///
/// ```
/// use symdiff::{analysis::taylor, parse, Expr};
/// let t = taylor(&parse("exp(x)").unwrap(), &Expr::symbol("x"), &Expr::int(0), 3).unwrap();
/// assert_eq!(t.polynomial.to_string(), "x^3/6 + x^2/2 + x + 1");
/// let t = taylor(&parse("ln(x)").unwrap(), &Expr::symbol("x"), &Expr::int(1), 2).unwrap();
/// assert_eq!(t.coefficients[2].to_string(), "-1/2");
/// assert!(taylor(&parse("ln(x)").unwrap(), &Expr::symbol("x"), &Expr::int(0), 2).is_err());
/// ```
pub fn taylor(f: &Expr, var: &Expr, about: &Expr, order: usize) -> Result<Taylor, AnalysisError> {
    if order > MAX_ORDER {
        return Err(AnalysisError::OrderTooHigh(order, MAX_ORDER));
    }
    let a = about.eval(&[]).unwrap_or(f64::NAN);
    if let Some(violation) = conditions::of(f).check(&[(var.as_symbol().unwrap_or(""), a)]) {
        return Err(AnalysisError::NoValue(NoValue::Violation {
            violation,
            cause: None,
        }));
    }
    let vars = std::slice::from_ref(var);
    let about_vec = std::slice::from_ref(about);
    let mut derivative = f.clone();
    let mut factorial = Number::int(1);
    let mut coefficients = Vec::with_capacity(order + 1);
    for k in 0..=order {
        if k > 0 {
            // Unsimplified between orders: see `simplify` on why.
            derivative = diff::derivative(&derivative, var);
            factorial = factorial * Number::int(k as i64);
        }
        let at = substituted(&derivative, vars, about_vec);
        let v = value(&at, &[], &[])?;
        if !v.is_finite() {
            return Err(AnalysisError::NotFinite(format!("{var} = {about}")));
        }
        let inverse = factorial.recip().unwrap_or(Number::int(0));
        coefficients.push(crate::simplify(&(at * Expr::number(inverse))));
    }
    let shift = var.clone() - about.clone();
    let polynomial =
        crate::simplify(&Expr::add(coefficients.iter().enumerate().map(|(k, c)| {
            c.clone() * Expr::pow(shift.clone(), Expr::int(k as i64))
        })));
    Ok(Taylor {
        var: var.clone(),
        about: about.clone(),
        coefficients,
        polynomial,
    })
}
