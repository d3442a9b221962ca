//! Exact rational numbers with a machine-word fast path.
//!
//! Most numbers in derivatives are small integers and simple fractions, so
//! [`Number`] keeps them as `Ratio<i64>` and moves to `BigRational` only when
//! an operation would overflow. Every operation is exact; none can panic.

use num_bigint::BigInt;
use num_rational::{BigRational, Ratio};
use num_traits::{CheckedAdd, CheckedMul, CheckedSub, One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

/// The largest number of bits an exact power may produce before it is kept
/// symbolic instead of computed (`2^(10^9)` stays a power, never a gigabyte).
pub const MAX_POWER_BITS: u64 = 1 << 16;

/// An exact rational number.
///
/// ```
/// use symdiff::Number;
/// let half = Number::ratio(1, 2);
/// assert_eq!((half.clone() + half).to_string(), "1");
/// ```
#[derive(Clone, Debug)]
pub enum Number {
    /// A rational that fits in machine words (the common case).
    Small(Ratio<i64>),
    /// Anything larger; never holds a value that would fit `Small`. Boxed so
    /// that the common case keeps every node small.
    Big(Box<BigRational>),
}

impl Number {
    /// The integer `n`.
    ///
    /// ```
    /// assert_eq!(symdiff::Number::int(-3).to_string(), "-3");
    /// ```
    pub fn int(n: i64) -> Number {
        Number::Small(Ratio::from_integer(n))
    }

    /// The fraction `num/den` in lowest terms; `den` must not be zero.
    ///
    /// ```
    /// assert_eq!(symdiff::Number::ratio(2, 4).to_string(), "1/2");
    /// ```
    pub fn ratio(num: i64, den: i64) -> Number {
        if den == 0 {
            return Number::int(0);
        }
        Number::from_big(BigRational::new(num.into(), den.into()))
    }

    /// A number from a big rational, stored small when it fits. `r` must be
    /// in lowest terms with a positive denominator, as `BigRational::new` and
    /// its arithmetic leave it: equality and hashing compare the parts.
    ///
    /// ```
    /// use num_rational::BigRational;
    /// let n = symdiff::Number::from_big(BigRational::from_integer(7.into()));
    /// assert_eq!(n, symdiff::Number::int(7));
    /// ```
    pub fn from_big(r: BigRational) -> Number {
        match (r.numer().to_i64(), r.denom().to_i64()) {
            (Some(n), Some(d)) if n != i64::MIN && d != i64::MIN => {
                Number::Small(Ratio::new_raw(n, d))
            }
            _ => Number::Big(Box::new(r)),
        }
    }

    /// The value as a big rational.
    ///
    /// ```
    /// assert_eq!(symdiff::Number::int(2).to_big().to_string(), "2");
    /// ```
    pub fn to_big(&self) -> BigRational {
        match self {
            Number::Small(r) => BigRational::new_raw((*r.numer()).into(), (*r.denom()).into()),
            Number::Big(r) => (**r).clone(),
        }
    }

    /// Whether this is zero.
    ///
    /// ```
    /// assert!(symdiff::Number::int(0).is_zero());
    /// ```
    pub fn is_zero(&self) -> bool {
        match self {
            Number::Small(r) => r.is_zero(),
            Number::Big(r) => r.is_zero(),
        }
    }

    /// Whether this is one.
    ///
    /// ```
    /// assert!(symdiff::Number::int(1).is_one());
    /// ```
    pub fn is_one(&self) -> bool {
        matches!(self, Number::Small(r) if r.is_one())
    }

    /// Whether this is an integer.
    ///
    /// ```
    /// assert!(!symdiff::Number::ratio(1, 2).is_integer());
    /// ```
    pub fn is_integer(&self) -> bool {
        match self {
            Number::Small(r) => r.is_integer(),
            Number::Big(r) => r.is_integer(),
        }
    }

    /// Whether this is below zero.
    ///
    /// ```
    /// assert!(symdiff::Number::int(-1).is_negative());
    /// ```
    pub fn is_negative(&self) -> bool {
        match self {
            Number::Small(r) => r.is_negative(),
            Number::Big(r) => r.is_negative(),
        }
    }

    /// The value as a machine integer, when it is an integer that fits.
    ///
    /// ```
    /// assert_eq!(symdiff::Number::int(5).to_i64(), Some(5));
    /// ```
    pub fn to_i64(&self) -> Option<i64> {
        match self {
            Number::Small(r) if r.is_integer() => Some(*r.numer()),
            _ => None,
        }
    }

    /// The nearest double (±inf or 0 when out of range).
    ///
    /// ```
    /// assert_eq!(symdiff::Number::ratio(1, 4).to_f64(), 0.25);
    /// ```
    pub fn to_f64(&self) -> f64 {
        match self {
            Number::Small(r) => *r.numer() as f64 / *r.denom() as f64,
            Number::Big(r) => r.to_f64().unwrap_or_else(|| big_ratio_to_f64(r)),
        }
    }

    /// Whether this is 1/2 (a square root's exponent).
    ///
    /// ```
    /// assert!(symdiff::Number::ratio(2, 4).is_half());
    /// assert!(!symdiff::Number::int(2).is_half());
    /// ```
    pub fn is_half(&self) -> bool {
        matches!(self, Number::Small(r) if *r.numer() == 1 && *r.denom() == 2)
    }

    /// The bits of the numerator and of the denominator: how big the
    /// number is to store and to compute with.
    ///
    /// ```
    /// use symdiff::Number;
    /// assert_eq!(Number::ratio(-5, 4).bits(), (3, 3));
    /// assert_eq!(Number::int(0).bits(), (0, 1));
    /// ```
    pub fn bits(&self) -> (u64, u64) {
        match self {
            Number::Small(r) => (
                u64::from(64 - r.numer().unsigned_abs().leading_zeros()),
                u64::from(64 - r.denom().unsigned_abs().leading_zeros()),
            ),
            Number::Big(r) => (r.numer().bits(), r.denom().bits()),
        }
    }

    /// Numerator and denominator as big integers.
    ///
    /// ```
    /// let (n, d) = symdiff::Number::ratio(3, 4).parts();
    /// assert_eq!((n.to_string(), d.to_string()), ("3".into(), "4".into()));
    /// ```
    pub fn parts(&self) -> (BigInt, BigInt) {
        let r = self.to_big();
        (r.numer().clone(), r.denom().clone())
    }

    /// The absolute value.
    ///
    /// ```
    /// assert_eq!(symdiff::Number::int(-2).abs(), symdiff::Number::int(2));
    /// ```
    pub fn abs(&self) -> Number {
        if self.is_negative() {
            -self.clone()
        } else {
            self.clone()
        }
    }

    /// `1/self`, or `None` for zero.
    ///
    /// ```
    /// assert_eq!(symdiff::Number::int(4).recip().unwrap().to_string(), "1/4");
    /// ```
    pub fn recip(&self) -> Option<Number> {
        if self.is_zero() {
            return None;
        }
        Some(match self {
            Number::Small(r) if *r.numer() != i64::MIN => Number::Small(r.recip()),
            _ => Number::from_big(self.to_big().recip()),
        })
    }

    /// `self^exp` for an integer exponent, or `None` when the result would
    /// exceed [`MAX_POWER_BITS`] or divide by zero.
    ///
    /// ```
    /// use symdiff::Number;
    /// assert_eq!(Number::int(2).pow(10), Some(Number::int(1024)));
    /// assert_eq!(Number::int(0).pow(-1), None);
    /// ```
    pub fn pow(&self, exp: i64) -> Option<Number> {
        if exp == 0 {
            return Some(Number::int(1));
        }
        if self.is_zero() {
            return if exp > 0 { Some(Number::int(0)) } else { None };
        }
        if self.is_one() {
            return Some(Number::int(1));
        }
        if *self == Number::int(-1) {
            return Some(Number::int(if exp % 2 == 0 { 1 } else { -1 }));
        }
        let (n, d) = self.parts();
        let bits = n.bits().max(d.bits());
        if bits > 1 && bits.saturating_mul(exp.unsigned_abs()) > MAX_POWER_BITS {
            return None;
        }
        let e = u32::try_from(exp.unsigned_abs()).ok()?;
        let r = BigRational::new_raw(
            num_traits::pow(n, e as usize),
            num_traits::pow(d, e as usize),
        );
        let r = Number::from_big(r);
        if exp < 0 {
            r.recip()
        } else {
            Some(r)
        }
    }

    /// The exact `q`-th root when this number is a perfect `q`-th power
    /// (negative numbers only for odd `q`).
    ///
    /// ```
    /// use symdiff::Number;
    /// assert_eq!(Number::ratio(4, 9).root(2), Some(Number::ratio(2, 3)));
    /// assert_eq!(Number::int(2).root(2), None);
    /// ```
    pub fn root(&self, q: u32) -> Option<Number> {
        if q == 0 || (self.is_negative() && q % 2 == 0) {
            return None;
        }
        let (n, d) = self.parts();
        let rn = exact_root(&n.abs(), q)?;
        let rd = exact_root(&d, q)?;
        let rn = if n.is_negative() { -rn } else { rn };
        Some(Number::from_big(BigRational::new(rn, rd)))
    }

    /// An arithmetic operation: on two machine integers by `integer` (the
    /// common case, without the gcd reductions of rational arithmetic),
    /// on other small ratios by `small`, and on big rationals when either
    /// overflows.
    fn combine(
        &self,
        other: &Number,
        integer: fn(i64, i64) -> Option<i64>,
        small: impl Fn(&Ratio<i64>, &Ratio<i64>) -> Option<Ratio<i64>>,
        big: impl Fn(BigRational, BigRational) -> BigRational,
    ) -> Number {
        if let (Number::Small(a), Number::Small(b)) = (self, other) {
            if a.is_integer() && b.is_integer() {
                if let Some(n) = integer(*a.numer(), *b.numer()).filter(|&n| n != i64::MIN) {
                    return Number::int(n);
                }
            } else if let Some(r) = small(a, b) {
                if *r.numer() != i64::MIN && *r.denom() != i64::MIN {
                    return Number::Small(r);
                }
            }
        }
        Number::from_big(big(self.to_big(), other.to_big()))
    }
}

impl Number {
    /// The number as a terminating decimal (`0.0903`), when its denominator
    /// has no prime factors but 2 and 5 and it is not an integer.
    ///
    /// ```
    /// use symdiff::Number;
    /// assert_eq!(Number::ratio(903, 10000).to_decimal().as_deref(), Some("0.0903"));
    /// assert_eq!(Number::ratio(-5, 4).to_decimal().as_deref(), Some("-1.25"));
    /// assert_eq!(Number::ratio(1, 3).to_decimal(), None);
    /// ```
    pub fn to_decimal(&self) -> Option<String> {
        if self.is_integer() {
            return None;
        }
        if let Number::Small(r) = self {
            if let Some(text) = small_decimal(*r.numer(), *r.denom()) {
                return text;
            }
        }
        let (n, mut d) = self.parts();
        let (two, five) = (BigInt::from(2), BigInt::from(5));
        let (mut twos, mut fives) = (0usize, 0usize);
        while (&d % &two).is_zero() {
            d /= &two;
            twos += 1;
        }
        while (&d % &five).is_zero() {
            d /= &five;
            fives += 1;
        }
        if !d.is_one() {
            return None;
        }
        let places = twos.max(fives);
        // n/(2^a*5^b) = n*2^(k-a)*5^(k-b)/10^k
        let scaled =
            n.abs() * num_traits::pow(two, places - twos) * num_traits::pow(five, places - fives);
        let digits = format!("{scaled:0>width$}", width = places + 1);
        let (whole, fraction) = digits.split_at(digits.len() - places);
        let sign = if n.is_negative() { "-" } else { "" };
        Some(format!("{sign}{whole}.{fraction}"))
    }
}

/// [`Number::to_decimal`] in machine words: `None` when it would overflow,
/// `Some(None)` when there is no terminating decimal.
fn small_decimal(n: i64, d: i64) -> Option<Option<String>> {
    let mut rest = d;
    let (mut twos, mut fives) = (0u32, 0u32);
    while rest % 2 == 0 {
        rest /= 2;
        twos += 1;
    }
    while rest % 5 == 0 {
        rest /= 5;
        fives += 1;
    }
    if rest != 1 {
        return Some(None);
    }
    let places = twos.max(fives);
    let scale = 2i128
        .checked_pow(places - twos)?
        .checked_mul(5i128.checked_pow(places - fives)?)?;
    let scaled = i128::from(n)
        .unsigned_abs()
        .checked_mul(scale.unsigned_abs())?;
    let places = places as usize;
    let digits = format!("{scaled:0>width$}", width = places + 1);
    let (whole, fraction) = digits.split_at(digits.len() - places);
    let sign = if n < 0 { "-" } else { "" };
    Some(Some(format!("{sign}{whole}.{fraction}")))
}

fn exact_root(n: &BigInt, q: u32) -> Option<BigInt> {
    let r = n.nth_root(q);
    if num_traits::pow(r.clone(), q as usize) == *n {
        Some(r)
    } else {
        None
    }
}

fn big_ratio_to_f64(r: &BigRational) -> f64 {
    // Scale both parts down to fit a double, keeping their ratio.
    let (n, d) = (r.numer(), r.denom());
    let shift = n.bits().max(d.bits()).saturating_sub(1000);
    let n = (n >> shift).to_f64().unwrap_or(f64::NAN);
    let d = (d >> shift).to_f64().unwrap_or(f64::NAN);
    if d == 0.0 {
        if n.is_sign_negative() {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        }
    } else {
        n / d
    }
}

impl std::ops::Add for Number {
    type Output = Number;
    fn add(self, other: Number) -> Number {
        self.combine(
            &other,
            i64::checked_add,
            |a, b| a.checked_add(b),
            |a, b| a + b,
        )
    }
}

impl std::ops::Sub for Number {
    type Output = Number;
    fn sub(self, other: Number) -> Number {
        self.combine(
            &other,
            i64::checked_sub,
            |a, b| a.checked_sub(b),
            |a, b| a - b,
        )
    }
}

impl std::ops::Mul for Number {
    type Output = Number;
    fn mul(self, other: Number) -> Number {
        self.combine(
            &other,
            i64::checked_mul,
            |a, b| a.checked_mul(b),
            |a, b| a * b,
        )
    }
}

impl std::ops::Neg for Number {
    type Output = Number;
    fn neg(self) -> Number {
        match self {
            Number::Small(r) if *r.numer() != i64::MIN => Number::Small(-r),
            other => Number::from_big(-other.to_big()),
        }
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        match (self, other) {
            // Both are in lowest terms with a positive denominator (as `Hash`
            // relies on too), so equal values have equal parts; Ratio's own `==`
            // compares through division.
            (Number::Small(a), Number::Small(b)) => {
                a.numer() == b.numer() && a.denom() == b.denom()
            }
            (Number::Big(a), Number::Big(b)) => a.numer() == b.numer() && a.denom() == b.denom(),
            // The representation is unique, so a small never equals a big.
            _ => false,
        }
    }
}

impl Eq for Number {}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Number) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Number {
    fn cmp(&self, other: &Number) -> Ordering {
        match (self, other) {
            // Denominators are positive, so cross-multiplying keeps the order;
            // in i128 the products of two i64 cannot overflow.
            (Number::Small(a), Number::Small(b)) if a.denom() == b.denom() => {
                a.numer().cmp(b.numer())
            }
            (Number::Small(a), Number::Small(b)) => {
                let left = i128::from(*a.numer()) * i128::from(*b.denom());
                let right = i128::from(*b.numer()) * i128::from(*a.denom());
                left.cmp(&right)
            }
            _ => self.to_big().cmp(&other.to_big()),
        }
    }
}

impl Hash for Number {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self {
            Number::Small(r) => {
                r.numer().hash(state);
                r.denom().hash(state);
            }
            Number::Big(r) => {
                r.numer().hash(state);
                r.denom().hash(state);
            }
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Small(r) => write!(f, "{r}"),
            Number::Big(r) => write!(f, "{r}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflow_moves_to_big_and_back() {
        let big = Number::int(i64::MAX) + Number::int(1);
        assert!(matches!(big, Number::Big(_)));
        assert_eq!(big - Number::int(1), Number::int(i64::MAX));
    }

    #[test]
    fn huge_powers_are_refused() {
        assert_eq!(Number::int(2).pow(1_000_000), None);
        assert!(Number::int(10).pow(100).is_some());
        assert_eq!(Number::int(1).pow(i64::MAX), Some(Number::int(1)));
    }

    #[test]
    fn order_and_equality_agree_with_the_exact_values() {
        let max = i64::MAX;
        let values = [
            Number::int(0),
            Number::int(-3),
            Number::int(max),
            Number::int(-max),
            Number::ratio(1, 2),
            Number::ratio(-1, 2),
            Number::ratio(2, 4),
            Number::ratio(max, max - 1),
            Number::ratio(max - 1, max),
            Number::ratio(-max, 3),
            Number::ratio(1, max),
            Number::int(max) + Number::int(1),
        ];
        for a in &values {
            for b in &values {
                let exact = a.to_big().cmp(&b.to_big());
                assert_eq!(a.cmp(b), exact, "{a} against {b}");
                assert_eq!(a == b, exact == Ordering::Equal, "{a} against {b}");
            }
        }
    }

    #[test]
    fn integer_differences_overflow_to_big() {
        let below = Number::int(i64::MIN + 1) - Number::int(1);
        assert!(matches!(below, Number::Big(_)));
        assert_eq!(below + Number::int(1), Number::int(i64::MIN + 1));
        assert_eq!(Number::int(5) - Number::int(7), Number::int(-2));
    }

    #[test]
    fn big_to_f64_keeps_ratio() {
        let n = Number::int(10).pow(400).unwrap() * Number::int(3);
        let d = Number::int(10).pow(400).unwrap();
        let r = n * d.recip().unwrap();
        assert_eq!(r.to_f64(), 3.0);
    }
}
