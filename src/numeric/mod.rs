//! Numbers from expressions: evaluation over the reals, compiled tapes for
//! many points, and code generation (Rust, C).
//!
//! [`Expr::eval`] evaluates at one point and says which function left its
//! domain; outside the real domain a value is NaN, as IEEE says.

pub mod codegen;
mod compile;
mod derivatives;
mod functions;
pub mod python;
mod tape;
pub mod vector;

pub use compile::{compile, compile_in};
pub use derivatives::{Derivatives, NoValue};
pub use functions::apply;
pub use tape::{Block, Math, RowsError, Tape};

use crate::expr::{walk, Expr, Func, Node};
use rustc_hash::FxHashMap;
use std::fmt::Write;

/// Why an expression has no real value at a point.
///
/// ```
/// use symdiff::{parse, EvalError};
/// let err = parse("ln(x)").unwrap().eval(&[("x", -1.0)]).unwrap_err();
/// assert_eq!(err.to_string(), "ln(-1) is undefined over the reals");
/// ```
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EvalError {
    /// A variable with no value given.
    #[error("no value for the variable {0}")]
    UnknownVariable(String),
    /// An undefined function (`f(x)`) has no numeric value.
    #[error("{0} is an undefined function and has no value")]
    UndefinedFunction(String),
    /// A function applied outside its real domain (`ln(-1)`, `asin(2)`).
    #[error("{func}({}) is undefined over the reals", list(.args))]
    Domain {
        /// The function.
        func: String,
        /// Its arguments there.
        args: Vec<f64>,
    },
    /// A negative number to a power that is not an integer (`(-2)^0.5`).
    #[error("({base})^{exp} is undefined over the reals")]
    Power {
        /// The base there.
        base: f64,
        /// The exponent there.
        exp: f64,
    },
    /// A division by zero or a zero to a negative power.
    #[error("division by zero")]
    DivisionByZero,
}

/// Numbers as a call's arguments read: `1, -2.5`.
fn list(values: &[f64]) -> String {
    let parts: Vec<String> = values.iter().map(f64::to_string).collect();
    parts.join(", ")
}

impl Expr {
    /// The value at a point given as `(variable, value)` pairs.
    ///
    /// ```
    /// let e = symdiff::parse("x^2*y + sin(pi/2)").unwrap();
    /// assert_eq!(e.eval(&[("x", 3.0), ("y", 2.0)]), Ok(19.0));
    /// ```
    pub fn eval(&self, point: &[(&str, f64)]) -> Result<f64, EvalError> {
        let mut values: FxHashMap<Expr, f64> = FxHashMap::default();
        let mut failure: Option<EvalError> = None;
        let failed = std::cell::Cell::new(false);
        walk::postorder(
            self,
            |_| !failed.get(),
            |e| {
                if failed.get() {
                    return;
                }
                let arg = |k: usize| values.get(&e.args()[k]).copied().unwrap_or(f64::NAN);
                let value = match e.node() {
                    Node::Num(n) => Ok(n.to_f64()),
                    Node::Const(c) => Ok(c.value()),
                    Node::Sym(name) => point
                        .iter()
                        .find(|(n, _)| *n == &**name)
                        .map(|(_, v)| *v)
                        .ok_or_else(|| EvalError::UnknownVariable(name.to_string())),
                    Node::Add(terms) => Ok((0..terms.len()).map(arg).sum()),
                    Node::Mul(factors) => Ok((0..factors.len()).map(arg).product()),
                    Node::Pow(_) => {
                        let (b, x) = (arg(0), arg(1));
                        if b == 0.0 && x < 0.0 {
                            Err(EvalError::DivisionByZero)
                        } else {
                            Ok(power(b, x))
                        }
                    }
                    Node::Call(Func::Undefined(f), _) => {
                        Err(EvalError::UndefinedFunction(f.display_name(1)))
                    }
                    Node::Call(f, args) => {
                        let xs: Vec<f64> = (0..args.len()).map(arg).collect();
                        let y = apply(f, &xs);
                        if y.is_nan() && !xs.iter().any(|x| x.is_nan()) {
                            Err(EvalError::Domain {
                                func: f.name().to_string(),
                                args: xs,
                            })
                        } else {
                            Ok(y)
                        }
                    }
                };
                match value {
                    Ok(v) => {
                        values.insert(e.clone(), v);
                    }
                    Err(err) => {
                        failed.set(true);
                        failure = Some(err);
                    }
                }
            },
        );
        match failure {
            Some(err) => Err(err),
            None => Ok(values.get(self).copied().unwrap_or(f64::NAN)),
        }
    }
}

/// `b^x` over the reals: integer powers exactly by repeated multiplication,
/// square roots by `sqrt`, other powers of negative numbers NaN.
///
/// ```
/// assert_eq!(symdiff::numeric::power(-2.0, 3.0), -8.0);
/// assert!(symdiff::numeric::power(-2.0, 0.5).is_nan());
/// ```
pub fn power(b: f64, x: f64) -> f64 {
    if x == x.trunc() && x.abs() <= i32::MAX as f64 {
        b.powi(x as i32)
    } else if x == 0.5 {
        b.sqrt()
    } else if x == -0.5 {
        1.0 / b.sqrt()
    } else {
        b.powf(x)
    }
}

/// How a power's exponent is computed, shared by every compiler of powers:
/// integer powers by multiplication, halves by square roots.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Exponent {
    /// A machine-size integer.
    Integer(i32),
    /// `1/2`.
    Sqrt,
    /// `-1/2`.
    RecipSqrt,
    /// Any other number.
    Real(f64),
    /// Not a number: the exponent varies.
    Symbolic,
}

impl Exponent {
    pub(crate) fn of(exp: &Expr) -> Exponent {
        let Some(n) = exp.as_number() else {
            return Exponent::Symbolic;
        };
        if let Some(k) = n.to_i64().and_then(|k| i32::try_from(k).ok()) {
            return Exponent::Integer(k);
        }
        match n.to_f64() {
            0.5 => Exponent::Sqrt,
            -0.5 => Exponent::RecipSqrt,
            v => Exponent::Real(v),
        }
    }
}

/// A value as the command line prints it: integers without a fraction,
/// the shortest text that reads back to the same double, an exponent for
/// very large or small magnitudes, `NaN` where there is no value.
///
/// ```
/// use symdiff::numeric::format_value;
/// assert_eq!(format_value(2.0), "2");
/// assert_eq!(format_value(-0.0), "0");
/// assert_eq!(format_value(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(format_value(1e-20), "1e-20");
/// assert_eq!(format_value(f64::NAN), "NaN");
/// assert_eq!(format_value(f64::NEG_INFINITY), "-inf");
/// ```
pub fn format_value(v: f64) -> String {
    let mut out = String::new();
    write_value(&mut out, v);
    out
}

/// Appends [`format_value`]'s text of `v` to `out`, without allocating:
/// what CSV output of millions of values is written with.
///
/// ```
/// let mut out = String::new();
/// symdiff::numeric::write_value(&mut out, 1.5);
/// out.push(',');
/// symdiff::numeric::write_value(&mut out, 5e-5);
/// assert_eq!(out, "1.5,5e-5");
/// ```
pub fn write_value(out: &mut String, v: f64) {
    if v == 0.0 {
        out.push('0');
    } else if v.is_nan() {
        out.push_str("NaN");
    } else if v.is_infinite() {
        out.push_str(if v < 0.0 { "-inf" } else { "inf" });
    } else if (1e-5..1e-4).contains(&v.abs()) {
        // The one range where zmij writes decimals and this format an exponent.
        let _ = write!(out, "{v:e}");
    } else {
        let mut buffer = zmij::Buffer::new();
        let text = buffer.format_finite(v);
        let text = text.strip_suffix(".0").unwrap_or(text);
        // zmij spells a positive exponent `e+16`, std `e16`; zmij writes
        // an exponent only from 1e16 up (the tests below hold it).
        let plus = if v.abs() >= 1e16 {
            text.find('+')
        } else {
            None
        };
        match plus {
            Some(plus) => {
                out.push_str(&text[..plus]);
                out.push_str(&text[plus + 1..]);
            }
            None => out.push_str(text),
        }
    }
}

#[cfg(test)]
mod format_tests {
    use super::format_value;

    /// The format as first defined, through the standard library.
    fn reference(v: f64) -> String {
        if v == 0.0 {
            "0".into()
        } else if v.is_nan() || v.is_infinite() || (1e-4..1e16).contains(&v.abs()) {
            format!("{v}")
        } else {
            format!("{v:e}")
        }
    }

    #[test]
    fn fast_format_writes_what_the_standard_library_writes() {
        let mut values = vec![
            1.0, -1.0, 0.5, 1e-4, 1e-5, 9.9e-5, 1e16, 1e15, 123456.0, -0.0,
        ];
        values.extend((-30..30).map(|k| 10f64.powi(k)));
        values.extend((-30..30).map(|k| -1.2345 * 10f64.powi(k)));
        values.extend([
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.1 + 0.2,
            1.0 / 3.0,
        ]);
        for v in values {
            assert_eq!(format_value(v), reference(v), "{v:?}");
        }
    }

    /// Where a value has two shortest spellings (17 digits) the fast
    /// writer may pick the other one; both read back to the same double.
    #[test]
    fn every_double_reads_back_exactly() {
        let mut bits: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            // A xorshift over bit patterns: every exponent and mantissa.
            bits ^= bits << 13;
            bits ^= bits >> 7;
            bits ^= bits << 17;
            let v = f64::from_bits(bits);
            let text = format_value(v);
            let back: f64 = text.parse().unwrap_or(f64::NAN);
            assert!(
                back == v || (v.is_nan() && back.is_nan()),
                "{v:?} wrote {text}"
            );
            assert_eq!(text.len(), reference(v).len(), "{v:?}");
        }
    }
}
