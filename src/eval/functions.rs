//! The real functions behind each [`Func`], shared by every evaluator.

use crate::expr::Func;

/// `func(x)` over the reals: NaN outside the domain, `sign(0) = 0`.
///
/// ```
/// use symdiff::{eval::apply, Func};
/// assert_eq!(apply(&Func::Cbrt, -8.0), -2.0);
/// assert!(apply(&Func::Ln, -1.0).is_nan());
/// ```
pub fn apply(func: &Func, x: f64) -> f64 {
    match func {
        Func::Sin => x.sin(),
        Func::Cos => x.cos(),
        Func::Tan => x.tan(),
        Func::Sec => 1.0 / x.cos(),
        Func::Csc => 1.0 / x.sin(),
        Func::Cot => 1.0 / x.tan(),
        Func::Asin => x.asin(),
        Func::Acos => x.acos(),
        Func::Atan => x.atan(),
        Func::Sinh => x.sinh(),
        Func::Cosh => x.cosh(),
        Func::Tanh => x.tanh(),
        Func::Asinh => x.asinh(),
        Func::Acosh => x.acosh(),
        Func::Atanh => x.atanh(),
        Func::Exp => x.exp(),
        Func::Ln => x.ln(),
        Func::Cbrt => x.cbrt(),
        Func::Abs => x.abs(),
        Func::Sign => {
            if x > 0.0 {
                1.0
            } else if x < 0.0 {
                -1.0
            } else {
                x * 0.0
            }
        }
        Func::Erf => libm::erf(x),
        Func::Undefined(_) => f64::NAN,
    }
}
