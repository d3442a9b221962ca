//! Exact powers of numbers, which the constructors fold. (The exact values
//! of functions are declared in the function registry.)

use super::{Expr, Number};

/// Whether `e` is a fraction with an even denominator (`1/2`, `3/4`).
pub(super) fn has_even_root(e: &Expr) -> bool {
    e.as_number().is_some_and(|n| {
        let (_, den) = n.parts();
        num_integer::Integer::is_even(&den)
    })
}

/// `b^e` as an exact number, when it is one and small enough.
pub(super) fn fold_number_power(b: &Number, e: &Number) -> Option<Number> {
    if let Some(k) = e.to_i64() {
        return b.pow(k);
    }
    if !e.is_integer() && !b.is_negative() {
        // b^(p/q) = (b^(1/q))^p when b is a perfect q-th power.
        let (p, q) = e.parts();
        let q = u32::try_from(q).ok()?;
        let p = i64::try_from(p).ok()?;
        return b.root(q)?.pow(p);
    }
    None
}
