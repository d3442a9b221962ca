//! The real value of a call, from the registry's evaluation of its function.

use crate::expr::Func;
use crate::functions::Eval;

/// `func(args)` over the reals: NaN outside the domain, for an undefined
/// function, or for the wrong number of arguments.
///
/// ```
/// use symdiff::{numeric::apply, Func};
/// assert_eq!(apply(&Func::Cbrt, &[-8.0]), -2.0);
/// assert!(apply(&Func::Ln, &[-1.0]).is_nan());
/// assert_eq!(apply(&Func::Max, &[1.0, 3.0, 2.0]), 3.0);
/// assert_eq!(apply(&Func::Atan2, &[1.0, 0.0]), std::f64::consts::FRAC_PI_2);
/// ```
pub fn apply(func: &Func, args: &[f64]) -> f64 {
    match (func.def().map(|d| d.eval), args) {
        (Some(Eval::Unary(f)), [x]) => f(*x),
        (Some(Eval::Binary(f)), [a, b]) => f(*a, *b),
        (Some(Eval::Fold(f)), [first, rest @ ..]) => rest.iter().fold(*first, |acc, &x| f(acc, x)),
        _ => f64::NAN,
    }
}
