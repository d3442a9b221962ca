//! `+`, `-`, `*`, `/` and unary `-` on expressions, through the canonical
//! constructors.

use super::{budget, Expr, Number};
use crate::{ErrorKind, Limits};

impl std::ops::Add for Expr {
    type Output = Expr;
    fn add(self, rhs: Expr) -> Expr {
        Expr::add([self, rhs])
    }
}

impl std::ops::Sub for Expr {
    type Output = Expr;
    fn sub(self, rhs: Expr) -> Expr {
        Expr::add([self, rhs.negate()])
    }
}

impl std::ops::Mul for Expr {
    type Output = Expr;
    fn mul(self, rhs: Expr) -> Expr {
        Expr::mul([self, rhs])
    }
}

impl std::ops::Div for Expr {
    type Output = Expr;
    fn div(self, rhs: Expr) -> Expr {
        Expr::mul([self, Expr::pow(rhs, Expr::int(-1))])
    }
}

impl std::ops::Neg for Expr {
    type Output = Expr;
    fn neg(self) -> Expr {
        self.negate()
    }
}

/// Arithmetic held to [`Limits`] as the parser holds what it reads: exact
/// numbers no longer than `max_digits`, no literal division by zero. What
/// programs that build expressions from untrusted parts (the Python
/// operators) use instead of the unchecked operators above.
impl Expr {
    /// The sum of `terms`, or [`ErrorKind::NumberTooLarge`] when the
    /// numbers would fold to more digits than the limit.
    ///
    /// ```
    /// use symdiff::{parse, Expr, ErrorKind, Limits};
    /// let small = Limits { max_digits: 5, ..Limits::default() };
    /// let x = Expr::symbol("x");
    /// let sum = Expr::try_sum(vec![x.clone(), x], &Limits::default()).unwrap();
    /// assert_eq!(sum.to_string(), "2*x");
    /// let big = vec![parse("99999").unwrap(), Expr::int(1)];
    /// assert_eq!(Expr::try_sum(big, &small), Err(ErrorKind::NumberTooLarge { limit: 5 }));
    /// ```
    pub fn try_sum(terms: Vec<Expr>, limits: &Limits) -> Result<Expr, ErrorKind> {
        if !budget::sum_fits(&terms, limits.max_number_bits()) {
            return Err(too_large(limits));
        }
        Ok(Expr::add(terms))
    }

    /// The product of `factors`, or [`ErrorKind::NumberTooLarge`].
    ///
    /// ```
    /// use symdiff::{Expr, Limits};
    /// let p = Expr::try_product(vec![Expr::int(3), Expr::symbol("y")], &Limits::default());
    /// assert_eq!(p.unwrap().to_string(), "3*y");
    /// ```
    pub fn try_product(factors: Vec<Expr>, limits: &Limits) -> Result<Expr, ErrorKind> {
        if !budget::product_fits(&factors, limits.max_number_bits()) {
            return Err(too_large(limits));
        }
        Ok(Expr::mul(factors))
    }

    /// `1/divisor`, or [`ErrorKind::DivisionByZero`] for a zero.
    ///
    /// ```
    /// use symdiff::{Expr, ErrorKind};
    /// assert_eq!(Expr::try_reciprocal(Expr::int(4)).unwrap().to_string(), "1/4");
    /// assert_eq!(Expr::try_reciprocal(Expr::int(0)), Err(ErrorKind::DivisionByZero));
    /// ```
    pub fn try_reciprocal(divisor: Expr) -> Result<Expr, ErrorKind> {
        if divisor.is_zero() {
            return Err(ErrorKind::DivisionByZero);
        }
        Ok(Expr::pow(divisor, Expr::int(-1)))
    }

    /// `base^exp`, or [`ErrorKind::DivisionByZero`] for zero to a negative
    /// number, or [`ErrorKind::NumberTooLarge`] for a power of numbers too
    /// large to fold that would not stay symbolic.
    ///
    /// ```
    /// use symdiff::{Expr, ErrorKind, Limits};
    /// let limits = Limits::default();
    /// let p = Expr::try_power(Expr::symbol("x"), Expr::int(2), &limits).unwrap();
    /// assert_eq!(p.to_string(), "x^2");
    /// let zero = Expr::try_power(Expr::int(0), Expr::int(-1), &limits);
    /// assert_eq!(zero, Err(ErrorKind::DivisionByZero));
    /// ```
    pub fn try_power(base: Expr, exp: Expr, limits: &Limits) -> Result<Expr, ErrorKind> {
        if base.is_zero() && exp.as_number().is_some_and(Number::is_negative) {
            return Err(ErrorKind::DivisionByZero);
        }
        if !budget::power_fits(&base, &exp, limits.max_number_bits()) {
            return Err(too_large(limits));
        }
        Ok(Expr::pow(base, exp))
    }
}

fn too_large(limits: &Limits) -> ErrorKind {
    ErrorKind::NumberTooLarge {
        limit: limits.max_digits,
    }
}
