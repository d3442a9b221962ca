//! Printers: text that parses back to an equal expression, LaTeX, and JSON.
//!
//! Both text and LaTeX share one reading of an expression as a person sees
//! it: a sum is a list of signed terms in a readable order, a product is a
//! sign, a numerator and a denominator. Only the spelling differs.

mod latex;
mod order;
mod text;

pub use latex::to_latex;
pub(crate) use latex::GREEK;
pub(crate) use order::lex_cmp;
pub(crate) use text::for_each_text;
pub use text::to_text_all;

use crate::expr::{Expr, Node, Number};
use order::DisplayOrder;

/// Printing recursion grows the stack on the heap when deep, so no input
/// depth can overflow the thread's stack. The first levels go unchecked:
/// the first check on a thread asks the system for the stack's bounds
/// (on Linux's main thread, by reading /proc/self/maps), which costs more
/// than printing a small expression, and a few levels fit well within the
/// red zone the checks below them keep.
pub(crate) fn deep<R>(f: impl FnOnce() -> R) -> R {
    const UNCHECKED_LEVELS: usize = 16;
    let level = PRINT_DEPTH.with(|d| d.replace(d.get() + 1));
    // Restores the level however `f` ends, a panic included.
    struct Leave(usize);
    impl Drop for Leave {
        fn drop(&mut self) {
            PRINT_DEPTH.with(|d| d.set(self.0));
        }
    }
    let _leave = Leave(level);
    if level < UNCHECKED_LEVELS {
        f()
    } else {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, f)
    }
}

thread_local! {
    /// How deep the printers' recursion is on this thread.
    static PRINT_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A fraction as a decimal where that is shorter (`0.0903`, not
/// `903/10000`): what inputs with decimals hold. `1/2` stays a fraction.
/// Decimals parse back exactly, so round-trips hold.
pub(crate) fn decimal_form(n: &Number) -> Option<String> {
    let decimal = n.to_decimal()?;
    (decimal.len() < n.to_string().len()).then_some(decimal)
}

/// Whether `n` prints as a decimal: what [`decimal_form`] decides, found
/// by counting digits instead of writing both forms out (printers ask for
/// every number they meet, and a gradient holds many).
pub(crate) fn prints_as_decimal(n: &Number) -> bool {
    match n {
        Number::Small(r) if r.is_integer() => false,
        Number::Small(r) => {
            let (num, den) = (r.numer().unsigned_abs(), r.denom().unsigned_abs());
            let Some(places) = decimal_places(den) else {
                return false;
            };
            let digits = |v: u64| v.checked_ilog10().unwrap_or(0) + 1;
            digits(num / den) + 1 + places < digits(num) + 1 + digits(den)
        }
        Number::Big(_) => decimal_form(n).is_some(),
    }
}

/// The places of `1/den` as a terminating decimal, if it is one.
fn decimal_places(mut den: u64) -> Option<u32> {
    let (mut twos, mut fives) = (0, 0);
    while den % 2 == 0 {
        den /= 2;
        twos += 1;
    }
    while den % 5 == 0 {
        den /= 5;
        fives += 1;
    }
    (den == 1).then_some(u32::max(twos, fives))
}

/// A number as printed: an integer, a short decimal, or `p/q`.
pub(crate) fn number_text(n: &Number) -> String {
    if let Some(k) = n.to_i64() {
        return itoa::Buffer::new().format(k).to_string();
    }
    if prints_as_decimal(n) {
        if let Some(decimal) = n.to_decimal() {
            return decimal;
        }
    }
    n.to_string()
}

/// A product as a person writes it: `-numerator/denominator`.
pub(crate) struct Fraction {
    pub negative: bool,
    /// Factors above the line (numbers first); empty means 1.
    pub numerator: Vec<Expr>,
    /// Factors below the line, with their exponents made positive.
    pub denominator: Vec<Expr>,
}

/// Whether `e` prints as a fraction or with a leading minus (a product, a
/// negative power, or a negative or fractional number).
pub(crate) fn is_fraction_like(e: &Expr) -> bool {
    match e.node() {
        Node::Mul(_) => true,
        Node::Pow([_, exp]) => exp.as_number().is_some_and(Number::is_negative),
        Node::Num(n) => n.is_negative() || (!n.is_integer() && !prints_as_decimal(n)),
        _ => false,
    }
}

pub(crate) fn as_fraction(e: &Expr, order: &mut DisplayOrder) -> Fraction {
    let factors: &[Expr] = match e.node() {
        Node::Mul(fs) => fs,
        _ => std::slice::from_ref(e),
    };
    let mut fraction = Fraction {
        negative: false,
        numerator: Vec::with_capacity(factors.len()),
        denominator: Vec::new(),
    };
    for f in factors {
        match f.node() {
            Node::Num(n) if prints_as_decimal(n) => {
                fraction.negative = n.is_negative();
                fraction.numerator.push(Expr::number(n.abs()));
            }
            // Most coefficients are integers: no big-number parts to split.
            Node::Num(n) if n.is_integer() => {
                fraction.negative = n.is_negative();
                let magnitude = n.abs();
                if !magnitude.is_one() {
                    fraction.numerator.push(Expr::number(magnitude));
                }
            }
            Node::Num(n) => {
                fraction.negative = n.is_negative();
                let (num, den) = n.abs().parts();
                if num != 1.into() {
                    fraction
                        .numerator
                        .push(Expr::number(Number::from_big(num.into())));
                }
                if den != 1.into() {
                    fraction
                        .denominator
                        .push(Expr::number(Number::from_big(den.into())));
                }
            }
            Node::Pow([base, exp]) if exp.as_number().is_some_and(Number::is_negative) => {
                let positive = exp
                    .as_number()
                    .map(|n| -n.clone())
                    .unwrap_or(Number::int(1));
                fraction
                    .denominator
                    .push(Expr::pow(base.clone(), Expr::number(positive)));
            }
            _ => fraction.numerator.push(f.clone()),
        }
    }
    order.sort_factors(&mut fraction.numerator);
    order.sort_factors(&mut fraction.denominator);
    fraction
}

/// The terms of a sum in reading order, each as `(negative, magnitude)`.
/// A positive term leads when there is one (`1 - p`, not `-p + 1`).
pub(crate) fn signed_terms(terms: &[Expr], order: &mut DisplayOrder) -> Vec<(bool, Expr)> {
    let mut sorted = terms.to_vec();
    order.sort_terms(&mut sorted);
    let mut signed: Vec<(bool, Expr)> = sorted
        .into_iter()
        .map(|t| match t.negated_if_negative() {
            Some(positive) => (true, positive),
            None => (false, t),
        })
        .collect();
    if let Some(first_positive) = signed.iter().position(|(neg, _)| !neg) {
        signed[..=first_positive].rotate_right(1);
    }
    signed
}

/// A derivative as `symdiff EXPR VAR... --format json` prints it: the
/// input as given, the variables differentiated by in turn, the result's
/// text and LaTeX.
///
/// ```
/// let d = symdiff::d("x^2", "x").unwrap();
/// let json = symdiff::present::print::derivative_json("x^2", &[symdiff::Expr::symbol("x")], &d);
/// assert_eq!(json, r#"{"derivative":"2*x","expression":"x^2","latex":"2 x","variables":["x"]}"#);
/// ```
pub fn derivative_json(expression: &str, variables: &[Expr], derivative: &Expr) -> String {
    serde_json::json!({
        "expression": expression,
        "variables": variables.iter().map(Expr::to_string).collect::<Vec<_>>(),
        "derivative": derivative.to_string(),
        "latex": to_latex(derivative),
    })
    .to_string()
}

/// The expression as JSON: its text and LaTeX forms.
///
/// ```
/// let e = symdiff::parse("x^2/2").unwrap();
/// assert_eq!(symdiff::to_json(&e), r#"{"latex":"\\frac{x^{2}}{2}","text":"x^2/2"}"#);
/// ```
pub fn to_json(e: &Expr) -> String {
    serde_json::json!({ "text": e.to_string(), "latex": to_latex(e) }).to_string()
}
