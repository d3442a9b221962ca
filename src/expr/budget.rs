//! How large the exact numbers a canonical constructor folds could get,
//! bounded before it runs: adding 1/2 + 1/3 + 1/5 + … or multiplying
//! thousands of big literals is exact, and so its cost grows with every
//! term. The parser asks these bounds first and refuses an input whose
//! arithmetic would pass the number limit, instead of computing for minutes.

use super::number::MAX_POWER_BITS;
use super::{Expr, Node, Number};
use rustc_hash::FxHashMap;

/// An upper bound on the bits of a sum of rationals, built term by term:
/// `Σ aᵢ/bᵢ` has a denominator below `2^D` and a numerator below
/// `k·2^(M+D)`, with `M` the largest numerator's bits, `D` the sum of the
/// denominators' bits and `k` the count.
#[derive(Default, Clone, Copy)]
struct SumBound {
    numerator: u64,
    denominators: u64,
    count: u64,
}

impl SumBound {
    fn add(&mut self, n: &Number) {
        let (num, den) = n.bits();
        self.numerator = self.numerator.max(num);
        if den > 1 {
            self.denominators = self.denominators.saturating_add(den);
        }
        self.count += 1;
    }

    fn bits(&self) -> u64 {
        let log_count = u64::from(64 - self.count.leading_zeros());
        self.numerator
            .saturating_add(self.denominators.saturating_mul(2))
            .saturating_add(log_count)
    }
}

/// The terms as `Expr::add` sees them: nested sums flattened one level
/// (canonical sums hold no sums).
fn flat(items: &[Expr], nested: fn(&Node) -> bool) -> impl Iterator<Item = &Expr> {
    items.iter().flat_map(move |e| {
        if nested(e.node()) {
            e.args()
        } else {
            std::slice::from_ref(e)
        }
    })
}

fn is_small_integer(n: &Number) -> bool {
    n.to_i64().is_some()
}

/// Whether `Expr::add(terms)` keeps every folded number within `max_bits`.
pub(crate) fn sum_fits(terms: &[Expr], max_bits: u64) -> bool {
    let is_sum = |n: &Node| matches!(n, Node::Add(_));
    // The common case: machine integers sum to at most 64 + log2(n) bits.
    if flat(terms, is_sum).all(|t| is_small_integer(&t.coefficient_or_value())) {
        return 64 + 64 <= max_bits || terms.len() < 2;
    }
    let mut groups: FxHashMap<Expr, SumBound> = FxHashMap::default();
    for t in flat(terms, is_sum) {
        let (c, rest) = match t.as_number() {
            Some(n) => (n.clone(), Expr::int(1)),
            None => t.split_coefficient(),
        };
        groups.entry(rest).or_default().add(&c);
    }
    groups.values().all(|g| g.count < 2 || g.bits() <= max_bits)
}

/// Whether `Expr::mul(factors)` keeps every folded number within
/// `max_bits`: the coefficient (a product of the numbers), the summed
/// exponents of each base, and the powers of numbers that fold.
pub(crate) fn product_fits(factors: &[Expr], max_bits: u64) -> bool {
    let is_product = |n: &Node| matches!(n, Node::Mul(_));
    // The common case, without a map: no base is a number and every numeric
    // exponent is a small integer, so merged exponents stay far below any
    // limit and only the coefficient can grow.
    let small_exponent = |e: &Expr| {
        e.as_number()
            .is_none_or(|n| n.to_i64().is_some_and(|k| k.unsigned_abs() < 1 << 20))
    };
    let simple = factors.len() < 1 << 20
        && flat(factors, is_product).all(|f| match f.node() {
            Node::Pow([base, exp]) => base.as_number().is_none() && small_exponent(exp),
            _ => true,
        });
    if simple {
        let coefficient =
            flat(factors, is_product)
                .filter_map(Expr::as_number)
                .fold(0u64, |bits, n| {
                    let (num, den) = n.bits();
                    bits.saturating_add(num).saturating_add(den)
                });
        return coefficient <= max_bits;
    }
    let mut coefficient = 0u64;
    let mut exponents: FxHashMap<Expr, SumBound> = FxHashMap::default();
    for f in flat(factors, is_product) {
        match f.node() {
            Node::Num(n) => {
                let (num, den) = n.bits();
                coefficient = coefficient.saturating_add(num).saturating_add(den);
            }
            Node::Pow([base, exp]) => {
                if let Some(e) = exp.as_number() {
                    exponents.entry(base.clone()).or_default().add(e);
                }
            }
            _ => exponents.entry(f.clone()).or_default().add(&Number::int(1)),
        }
    }
    for (base, group) in &exponents {
        if group.count < 2 {
            continue;
        }
        if group.bits() > max_bits {
            return false;
        }
        if base.as_number().is_some() {
            // Merged powers of a number fold into the coefficient when the
            // result is small enough (see `Number::pow`).
            coefficient = coefficient.saturating_add(MAX_POWER_BITS);
        }
    }
    coefficient <= max_bits
}

/// Whether `Expr::pow(base, exp)` keeps every folded number within
/// `max_bits`: a number power that folds, or exponents multiplied by an
/// integer exponent (`(x^a)^k`, `(x^a*y^b)^k`).
pub(crate) fn power_fits(base: &Expr, exp: &Expr, max_bits: u64) -> bool {
    let Some(e) = exp.as_number() else {
        return true;
    };
    if let Some(b) = base.as_number() {
        return number_power_fits(b, e, max_bits);
    }
    if !e.is_integer() {
        return true;
    }
    let factors = match base.node() {
        Node::Mul(fs) => fs.as_ref(),
        _ => std::slice::from_ref(base),
    };
    let (e_num, _) = e.bits();
    factors.iter().all(|f| match f.node() {
        Node::Num(n) => number_power_fits(n, e, max_bits),
        Node::Pow([_, inner]) => inner.as_number().is_none_or(|n| {
            let (a, b) = n.bits();
            (a + b).saturating_add(e_num) <= max_bits
        }),
        _ => true,
    })
}

/// Whether `b^e` either stays symbolic (too large to fold, as
/// `Number::pow` decides) or folds to at most `max_bits`.
fn number_power_fits(b: &Number, e: &Number, max_bits: u64) -> bool {
    let (num, den) = b.bits();
    let size = num.max(den) as f64 * e.to_f64().abs();
    size > MAX_POWER_BITS as f64 || size <= max_bits as f64
}

impl Expr {
    /// The number this is, or its coefficient.
    fn coefficient_or_value(&self) -> Number {
        match self.as_number() {
            Some(n) => n.clone(),
            None => self.coefficient(),
        }
    }
}
