//! The real functions behind each [`Func`], shared by every evaluator.

use crate::expr::Func;

/// `func(x)` over the reals: NaN outside the domain, `sign(0) = 0`.
///
/// ```
/// use symdiff::{numeric::apply, Func};
/// assert_eq!(apply(&Func::Cbrt, -8.0), -2.0);
/// assert!(apply(&Func::Ln, -1.0).is_nan());
/// ```
pub fn apply(func: &Func, x: f64) -> f64 {
    real_function(func)(x)
}

/// The real function `func` stands for, as a plain function pointer, so
/// that a loop over many points chooses it once rather than per point.
///
/// ```
/// use symdiff::{numeric::real_function, Func};
/// let sec = real_function(&Func::Sec);
/// assert_eq!(sec(0.0), 1.0);
/// ```
pub fn real_function(func: &Func) -> fn(f64) -> f64 {
    match func {
        Func::Sin => f64::sin,
        Func::Cos => f64::cos,
        Func::Tan => f64::tan,
        Func::Sec => |x| 1.0 / x.cos(),
        Func::Csc => |x| 1.0 / x.sin(),
        Func::Cot => |x| 1.0 / x.tan(),
        Func::Asin => f64::asin,
        Func::Acos => f64::acos,
        Func::Atan => f64::atan,
        Func::Sinh => f64::sinh,
        Func::Cosh => f64::cosh,
        Func::Tanh => f64::tanh,
        Func::Asinh => f64::asinh,
        Func::Acosh => f64::acosh,
        Func::Atanh => f64::atanh,
        Func::Exp => f64::exp,
        Func::Ln => f64::ln,
        Func::Cbrt => f64::cbrt,
        Func::Abs => f64::abs,
        Func::Sign => sign,
        Func::Erf => libm::erf,
        Func::Undefined(_) => |_| f64::NAN,
    }
}

/// -1, 0 or 1; NaN stays NaN and the sign of a zero is kept.
fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        x * 0.0
    }
}
