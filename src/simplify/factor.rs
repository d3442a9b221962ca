//! Common factors: pulled out of sums, and merged into the products that
//! hold those sums.

use crate::expr::{Expr, Node, Number, Term};
use num_integer::Integer;
use rustc_hash::FxHashMap;

/// The factors of a term without its coefficient (`3*x^2*sin(x)` →
/// `x^2`, `sin(x)`).
fn factors_of(term: &Expr) -> &[Expr] {
    match term.node() {
        Node::Mul(fs) if fs[0].as_number().is_some() => &fs[1..],
        Node::Mul(fs) => fs,
        Node::Num(_) => &[],
        _ => std::slice::from_ref(term),
    }
}

/// A factor as `(base, exponent)`, a numeric exponent split off
/// (`x^2` → `(x, 2)`, `x^y` → `(x^y, 1)`).
fn as_pair(f: &Expr) -> (&Expr, Number) {
    match f.node() {
        Node::Pow([b, e]) => match e.as_number() {
            Some(n) => (b, n.clone()),
            None => (f, Number::int(1)),
        },
        _ => (f, Number::int(1)),
    }
}

/// The factors every term has with a positive exponent and a base `keep`
/// accepts, each at its smallest exponent over the terms.
fn common_factors(terms: &[Expr], keep: impl Fn(&Expr) -> bool) -> Vec<(Expr, Number)> {
    let Some((first, rest)) = terms.split_first() else {
        return Vec::new();
    };
    let mut common: Vec<(Expr, Number)> = factors_of(first)
        .iter()
        .map(as_pair)
        .filter(|(b, e)| !e.is_negative() && keep(b))
        .map(|(b, e)| (b.clone(), e))
        .collect();
    // Each base's place in `common`, and how many terms in a row have had
    // it: one lookup per factor, where a map of each term's factors would
    // take one insertion per factor (sums of sixty products of sixty).
    // A canonical product holds one factor of each base.
    let at: FxHashMap<Expr, usize> = common
        .iter()
        .enumerate()
        .map(|(i, (b, _))| (b.clone(), i))
        .collect();
    let mut runs = vec![0usize; common.len()];
    for (k, term) in rest.iter().enumerate() {
        let mut alive = false;
        for f in factors_of(term) {
            let (base, exp) = as_pair(f);
            let Some(&i) = at.get(base) else {
                continue;
            };
            if runs[i] != k || exp.is_negative() {
                continue;
            }
            runs[i] = k + 1;
            alive = true;
            if exp < common[i].1 {
                common[i].1 = exp;
            }
        }
        if !alive {
            return Vec::new();
        }
    }
    let mut runs = runs.into_iter();
    common.retain(|_| runs.next() == Some(rest.len()));
    common
}

fn product_of(factors: &[(Expr, Number)]) -> Expr {
    Expr::mul(
        factors
            .iter()
            .map(|(b, e)| Expr::pow(b.clone(), Expr::number(e.clone()))),
    )
}

/// `terms` as `common * (terms / common)`. Each term is divided factor by
/// factor (the common bases' exponents lowered), not multiplied by the
/// inverse and merged again.
fn divide_out(terms: &[Expr], common: &[(Expr, Number)]) -> (Expr, Expr) {
    let by: FxHashMap<&Expr, &Number> = common.iter().map(|(b, e)| (b, e)).collect();
    let inner = Expr::add_terms(terms.iter().map(|t| quotient(t, &by)));
    (product_of(common), inner)
}

/// The term `t` with the power of each base in `by` lowered by its
/// exponent there, left unbuilt for the sum to take in: the factors not
/// lowered keep their canonical order and the lowered ones are put in
/// among them (a sum of hundreds of terms over one common factor).
fn quotient(t: &Expr, by: &FxHashMap<&Expr, &Number>) -> Term {
    let factors: &[Expr] = match t.node() {
        Node::Mul(fs) => fs,
        _ => std::slice::from_ref(t),
    };
    let mut kept = Vec::with_capacity(factors.len());
    let mut lowered = Vec::new();
    for f in factors {
        let (base, exp) = as_pair(f);
        match by.get(base) {
            Some(&c) => lowered.push(Expr::pow(base.clone(), Expr::number(exp - c.clone()))),
            None => kept.push(f.clone()),
        }
    }
    Expr::extended_product(&kept, None, &lowered)
        .unwrap_or_else(|| Term::Built(Expr::mul(kept.into_iter().chain(lowered))))
}

/// Whether a factor is not a polynomial piece: a function call or a power
/// with a symbolic exponent. Such factors are pulled out of sums
/// (`x*exp(x) + exp(x)` → `(x + 1)*exp(x)`); polynomials stay expanded.
fn is_transcendental(base: &Expr) -> bool {
    matches!(base.node(), Node::Call(..) | Node::Pow(_))
}

/// A sum with its common transcendental factors pulled out, if it has any.
pub(super) fn pull_common_factors(terms: &[Expr]) -> Option<Expr> {
    let common = common_factors(terms, is_transcendental);
    if common.is_empty() {
        return None;
    }
    let (c, inner) = divide_out(terms, &common);
    Some(Expr::mul([c, inner]))
}

/// In a product holding sums, the sums' common factors whose bases appear
/// elsewhere in the product, moved out and merged into those powers
/// (`x^(x^2)*(2*x*ln(x) + x)` → `x^(x^2 + 1)*(2*ln(x) + 1)`).
pub(super) fn merge_into_product(product: &Expr) -> Option<Expr> {
    let factors = product.args();
    if !factors.iter().any(|f| matches!(f.node(), Node::Add(_))) {
        return None;
    }
    let mut out: Vec<Expr> = factors.to_vec();
    let mut changed = false;
    for i in 0..out.len() {
        let Node::Add(terms) = out[i].node() else {
            continue;
        };
        let terms = terms.to_vec();
        let elsewhere: FxHashMap<Expr, usize> = out
            .iter()
            .enumerate()
            .filter(|&(j, f)| j != i && !matches!(f.node(), Node::Add(_)))
            .map(|(j, g)| (g.as_power().0, j))
            .collect();
        let common = common_factors(&terms, |b| elsewhere.contains_key(b));
        if common.is_empty() {
            continue;
        }
        let (_, inner) = divide_out(&terms, &common);
        out[i] = inner;
        for (base, exp) in common {
            if let Some(&j) = elsewhere.get(&base) {
                let (_, there) = out[j].as_power();
                out[j] = Expr::pow(base, Expr::add([there, Expr::number(exp)]));
            }
        }
        changed = true;
    }
    changed.then(|| Expr::mul(out))
}

/// Roots of positive constants with one exponent, merged:
/// `sqrt(2)*sqrt(pi)` → `sqrt(2*pi)`.
pub(super) fn merge_constant_roots(product: &Expr) -> Option<Expr> {
    let is_positive_constant = |b: &Expr| match b.node() {
        Node::Num(n) => !n.is_negative(),
        Node::Const(_) => true,
        _ => false,
    };
    let is_root = |f: &Expr| match f.node() {
        Node::Pow([b, e]) => {
            is_positive_constant(b) && e.as_number().is_some_and(|q| !q.is_integer())
        }
        _ => false,
    };
    // Most products hold no two roots of constants: said before any allocation.
    if product.args().iter().filter(|f| is_root(f)).count() < 2 {
        return None;
    }
    let mut groups: FxHashMap<Number, Vec<Expr>> = FxHashMap::default();
    let mut rest = Vec::new();
    for f in product.args() {
        match f.node() {
            Node::Pow([b, e]) if is_positive_constant(b) => match e.as_number() {
                Some(q) if !q.is_integer() => groups.entry(q.clone()).or_default().push(b.clone()),
                _ => rest.push(f.clone()),
            },
            _ => rest.push(f.clone()),
        }
    }
    if groups.values().all(|bases| bases.len() < 2) {
        return None;
    }
    let merged = groups
        .into_iter()
        .map(|(q, bases)| Expr::pow(Expr::mul(bases), Expr::number(q)));
    Some(Expr::mul(rest.into_iter().chain(merged)))
}

/// The integer that divides every term's integer coefficient to leave
/// coprime ones, negative when every term is: `2*x - 4*y` → 2, `-x - 1` →
/// -1. `None` when there is nothing to pull out, or a coefficient is not an
/// integer (`0.1234*a + 0.5678*b` stays as written).
pub(crate) fn numeric_content(terms: &[Expr]) -> Option<i64> {
    let mut content: i64 = 0;
    let mut all_negative = true;
    for t in terms {
        let c = match t.as_number() {
            Some(n) => n.to_i64()?,
            None => t.coefficient().to_i64()?,
        };
        content = content.gcd(&c);
        all_negative &= c < 0;
    }
    let content = if all_negative { -content } else { content };
    (content != 1 && content != 0).then_some(content)
}

/// In a product with other factors, the numeric content of its sums moved
/// into the coefficient: `-(2*x - 2*mu)*exp(u)/2` → `-(x - mu)*exp(u)`.
/// (A lone `c*(sum)` is left alone: the canonical form distributes it.)
pub(super) fn pull_numeric_content(product: &Expr) -> Option<Expr> {
    // Said before the factors are copied: most products hold no sum.
    if !product
        .args()
        .iter()
        .any(|f| matches!(f.node(), Node::Add(_)))
    {
        return None;
    }
    let mut moved: i64 = 1;
    let factors: Vec<Expr> = product
        .args()
        .iter()
        .map(|f| {
            let Node::Add(terms) = f.node() else {
                return f.clone();
            };
            let Some(content) = numeric_content(terms).filter(|c| moved.checked_mul(*c).is_some())
            else {
                return f.clone();
            };
            moved *= content;
            let scale = Expr::number(Number::ratio(1, content));
            Expr::add(terms.iter().map(|t| Expr::mul([scale.clone(), t.clone()])))
        })
        .collect();
    (moved != 1).then(|| Expr::mul(factors.into_iter().chain([Expr::int(moved)])))
}
