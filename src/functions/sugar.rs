//! Sugar: names that are read as other expressions (`sqrt(u) = u^(1/2)`,
//! `log2(u) = ln(u)/ln(2)`, `log(u, b) = ln(u)/ln(b)`), declared here
//! rather than special-cased in the parser.

use super::{Arity, CallError, Func};
use crate::expr::{Expr, Number};

/// One name read as a rewrite of its arguments.
///
/// ```
/// let sqrt = symdiff::functions::SUGAR.iter().find(|s| s.name == "sqrt").unwrap();
/// let x = symdiff::Expr::symbol("x");
/// assert_eq!((sqrt.rewrite)(&[x]).unwrap().to_string(), "sqrt(x)");
/// ```
#[derive(Debug)]
pub struct Sugar {
    /// The name as written.
    pub name: &'static str,
    /// What it is, in a few words (README's function table).
    pub summary: &'static str,
    /// How many arguments it takes.
    pub arity: Arity,
    /// The expression it stands for, or why the arguments are not allowed.
    pub rewrite: fn(&[Expr]) -> Result<Expr, CallError>,
}

/// `ln(u)/ln(base)`, for a base that is a logarithm's base.
fn log_base(u: &Expr, base: &Expr) -> Result<Expr, CallError> {
    if let Some(b) = base.as_number() {
        if b.is_one() {
            return Err(CallError::Argument("the base must not be 1"));
        }
        if b.is_negative() || b.is_zero() {
            return Err(CallError::Argument("the base must be positive"));
        }
    }
    let ln = |e: &Expr| Expr::call(Func::Ln, vec![e.clone()]);
    Ok(ln(u) * Expr::pow(ln(base), Expr::int(-1)))
}

/// Every sugared name.
pub const SUGAR: &[Sugar] = &[
    Sugar {
        name: "sqrt",
        summary: "square root, u^(1/2) (also `√u`)",
        arity: Arity::Exactly(1),
        rewrite: |a| Ok(Expr::pow(a[0].clone(), Expr::number(Number::ratio(1, 2)))),
    },
    Sugar {
        name: "log",
        summary: "logarithm to a base: log(u, b) = ln(u)/ln(b)",
        arity: Arity::Exactly(2),
        rewrite: |a| log_base(&a[0], &a[1]),
    },
    Sugar {
        name: "log2",
        summary: "base-2 logarithm, ln(u)/ln(2)",
        arity: Arity::Exactly(1),
        rewrite: |a| log_base(&a[0], &Expr::int(2)),
    },
    Sugar {
        name: "log10",
        summary: "base-10 logarithm, ln(u)/ln(10)",
        arity: Arity::Exactly(1),
        rewrite: |a| log_base(&a[0], &Expr::int(10)),
    },
];
