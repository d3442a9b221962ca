//! The size of an expression as a person reads it: the one measure the
//! simplifier uses to choose among equal forms.
//!
//! [`Size`] has two parts, both counted on the printed form (a tree: a
//! shared subexpression counts each time it is printed):
//!
//! - `ops`, the operation count, counted as SymPy's `count_ops` counts the
//!   printed answer read back (each `+`, `-`, `*`, `/`, `^`, function, a
//!   leading minus; `sqrt(u)` is `u^(1/2)`, a power and a division); what
//!   the comparison with SymPy's `simplify` measures;
//! - `chars`, the printed length, estimated from the same layout as the
//!   text printer (parentheses, separators, names).
//!
//! A form replaces another only when it is [`Size::better_than`] it: fewer
//! operations and no more characters, or as many operations and fewer
//! characters. So a rewrite never lengthens the printed result.
//!
//! [`Cost`] memoizes sizes per node: each node of a DAG is measured once,
//! and measuring a rewritten node costs as much as its new operands.

use crate::expr::{Constant, Expr, Func, Node, Number};
use crate::present::print::{number_text, prints_as_decimal};
use rustc_hash::FxHashMap;

/// The size of a printed expression: its operation count and its length.
///
/// ```
/// use symdiff::{parse, simplify::cost::size};
/// let s = size(&parse("sin(x)/cos(x)").unwrap());
/// assert_eq!((s.ops, s.chars), (3, 13));
/// assert!(size(&parse("tan(x)").unwrap()).better_than(&s));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Size {
    /// Operations, as SymPy's `count_ops` counts the printed form.
    pub ops: u64,
    /// Printed characters (an estimate within a few characters).
    pub chars: u64,
}

impl Size {
    const fn new(ops: u64, chars: u64) -> Size {
        Size { ops, chars }
    }

    /// Whether a form of this size should replace one of size `other`:
    /// fewer operations and no more characters, or as many operations and
    /// fewer characters.
    ///
    /// ```
    /// use symdiff::simplify::cost::Size;
    /// let (a, b) = (Size { ops: 2, chars: 9 }, Size { ops: 3, chars: 9 });
    /// assert!(a.better_than(&b) && !b.better_than(&a));
    /// assert!(!Size { ops: 1, chars: 20 }.better_than(&b));
    /// ```
    pub fn better_than(&self, other: &Size) -> bool {
        (self.ops < other.ops && self.chars <= other.chars)
            || (self.ops == other.ops && self.chars < other.chars)
    }

    /// The sizes of two parts printed together, side by side.
    pub fn plus(self, other: Size) -> Size {
        Size::new(
            self.ops.saturating_add(other.ops),
            self.chars.saturating_add(other.chars),
        )
    }
}

/// The size of `e` as printed (see [`Size`]); for many questions about one
/// DAG, keep a [`Cost`].
///
/// ```
/// use symdiff::{parse, simplify::cost::size};
/// assert_eq!(size(&parse("cos(x)^2 - sin(x)^2").unwrap()).ops, 5);
/// assert_eq!(size(&parse("cos(2*x)").unwrap()).ops, 2);
/// ```
pub fn size(e: &Expr) -> Size {
    Cost::default().of(e)
}

/// Sizes of expressions, each node measured once: what the simplifier asks
/// "is this smaller?" through.
///
/// ```
/// use symdiff::{parse, simplify::cost::Cost};
/// let mut cost = Cost::default();
/// let before = parse("2*sin(x)*cos(x)").unwrap();
/// let after = parse("sin(2*x)").unwrap();
/// assert!(cost.smaller(&after, &before));
/// assert!(!cost.smaller(&before, &after));
/// ```
#[derive(Default)]
pub struct Cost {
    memo: FxHashMap<Expr, Size>,
    /// The factors of expressions weighed as [`Cost::of_multiple`] weighs
    /// them, by the expression: a sum's relations weigh one expression
    /// under several coefficients.
    factors: FxHashMap<Expr, ProductSize>,
}

impl Cost {
    /// The size of `e` as printed.
    pub fn of(&mut self, e: &Expr) -> Size {
        // Leaves are measured directly, but for numbers that print as
        // more than an integer (decimals, ratios): those are remembered.
        match e.node() {
            Node::Num(n) if n.to_i64().is_none() => {}
            _ if e.args().is_empty() => return leaf(e),
            _ => {}
        }
        if let Some(s) = self.memo.get(e) {
            return *s;
        }
        // A node built over measured operands, as most the simplifier
        // weighs are, is measured at once, without a walk.
        if e.args()
            .iter()
            .all(|a| self.memo.contains_key(a) || is_plain_leaf(a))
        {
            let s = self.node(e);
            self.memo.insert(e.clone(), s);
            return s;
        }
        // Operands first, each once, without recursion (deep inputs).
        let mut order = Vec::new();
        let memo = &self.memo;
        crate::expr::walk::postorder(
            e,
            |n| !memo.contains_key(n) && (!n.args().is_empty() || n.as_number().is_some()),
            |n| order.push(n.clone()),
        );
        for n in order {
            let s = self.node(&n);
            self.memo.insert(n, s);
        }
        self.memo.get(e).copied().unwrap_or_default()
    }

    /// Whether `candidate` should replace `current` ([`Size::better_than`]).
    pub fn smaller(&mut self, candidate: &Expr, current: &Expr) -> bool {
        self.of(candidate).better_than(&self.of(current))
    }

    /// Whether `candidate` should replace `current` as a term of a sum,
    /// where a leading minus becomes the operator and is not counted.
    ///
    /// ```
    /// use symdiff::{parse, simplify::cost::Cost};
    /// let mut cost = Cost::default();
    /// let (x, minus_x) = (parse("x").unwrap(), parse("-x").unwrap());
    /// assert!(cost.smaller(&x, &minus_x));
    /// assert!(!cost.smaller_as_term(&x, &minus_x));
    /// assert!(cost.smaller_as_term(&parse("-tan(x)").unwrap(), &parse("sin(x)/cos(x)").unwrap()));
    /// ```
    pub fn smaller_as_term(&mut self, candidate: &Expr, current: &Expr) -> bool {
        self.magnitude(candidate)
            .better_than(&self.magnitude(current))
    }

    /// The size of the terms of a sum as they print in it, each with the
    /// separator before it (` + `, ` - `; a leading minus not counted): for
    /// comparing two sets of terms that replace each other inside a larger
    /// sum.
    ///
    /// ```
    /// use symdiff::{parse, simplify::cost::Cost};
    /// let mut cost = Cost::default();
    /// let two = [parse("cos(x)^2").unwrap(), parse("-sin(x)^2").unwrap()];
    /// assert_eq!(cost.of_terms(&two).ops, 6); // 5 in the sum, 1 before it
    /// ```
    pub fn of_terms(&mut self, terms: &[Expr]) -> Size {
        let mut total = Size::default();
        for t in terms {
            total = total.plus(self.magnitude(t)).plus(Size::new(1, 3));
        }
        total
    }

    /// The size of the term `c*e` in a sum, as [`Cost::of_terms`] counts
    /// it, without building the product: for weighing many multiples of
    /// one expression.
    ///
    /// ```
    /// use symdiff::{parse, simplify::cost::Cost, Number};
    /// let mut cost = Cost::default();
    /// let e = parse("x*sin(x)^2").unwrap();
    /// let term = parse("-3*x*sin(x)^2").unwrap();
    /// assert_eq!(cost.of_multiple(&Number::int(-3), &e), cost.of_terms(&[term]));
    /// ```
    pub fn of_multiple(&mut self, c: &Number, e: &Expr) -> Size {
        let factors: &[Expr] = match e.node() {
            Node::Mul(fs) => fs,
            _ => std::slice::from_ref(e),
        };
        // Where numbers would merge, or `1*(a + b)` lose its parentheses,
        // the product is built.
        let merges = factors[0].as_number().is_some_and(|n| !n.is_one())
            || (c.is_one() && matches!(e.node(), Node::Add(_)));
        if merges {
            return self.of_terms(&[Expr::mul([Expr::number(c.clone()), e.clone()])]);
        }
        // The factors hold no number here (but for `e` = 1), so they are
        // weighed once and the coefficient added after them.
        let mut p = match e.as_number() {
            Some(_) => {
                let mut p = ProductSize::default();
                p.push_number(&c.abs());
                p.push(self, e);
                return p.size().plus(Size::new(1, 3));
            }
            None => match self.factors.get(e) {
                Some(p) => p.clone(),
                None => {
                    let mut p = ProductSize::default();
                    for f in factors {
                        p.push(self, f);
                    }
                    self.factors.insert(e.clone(), p.clone());
                    p
                }
            },
        };
        p.push_number(&c.abs());
        p.size().plus(Size::new(1, 3))
    }

    /// A node whose operands are measured already.
    fn node(&mut self, e: &Expr) -> Size {
        match e.node() {
            Node::Num(_) | Node::Const(_) | Node::Sym(_) => leaf(e),
            Node::Add(terms) => {
                let all_negative = terms.iter().all(is_negative);
                let mut s = self.of_terms(terms);
                // n terms have n - 1 separators.
                s.ops = s.ops.saturating_sub(1);
                s.chars = s.chars.saturating_sub(3);
                if all_negative {
                    s = s.plus(Size::new(1, 1));
                }
                s
            }
            Node::Mul(_) => self.fraction(e),
            Node::Pow([_, exp]) if exp.as_number().is_some_and(Number::is_negative) => {
                self.fraction(e)
            }
            Node::Pow([base, exp]) if exp.as_number().is_some_and(Number::is_half) => {
                Size::new(2, 6).plus(self.of(base))
            }
            Node::Pow([base, exp]) => {
                let parens = |x: &Expr| if is_atom(x) { 0 } else { 2 };
                let b = self.of(base);
                let x = self.of(exp);
                Size::new(1, 1 + parens(base) + parens(exp)).plus(b).plus(x)
            }
            Node::Call(f, args) => {
                let name = match f {
                    crate::expr::Func::Undefined(u) => u.display_name(args.len()).len(),
                    _ => f.name().len(),
                } as u64;
                let mut s = Size::new(1, name + 2 + 2 * (args.len() as u64).saturating_sub(1));
                for a in args.iter() {
                    s = s.plus(self.of(a));
                }
                s
            }
        }
    }

    /// The size of `e` without its leading minus.
    fn magnitude(&mut self, e: &Expr) -> Size {
        let s = self.of(e);
        if is_negative(e) {
            Size::new(s.ops.saturating_sub(1), s.chars.saturating_sub(1))
        } else {
            s
        }
    }

    /// A product or a reciprocal, laid out as the printer lays it out:
    /// `-numerator/denominator`.
    fn fraction(&mut self, e: &Expr) -> Size {
        let factors: &[Expr] = match e.node() {
            Node::Mul(fs) => fs,
            _ => std::slice::from_ref(e),
        };
        let mut p = ProductSize::default();
        for f in factors {
            p.push(self, f);
        }
        p.size()
    }
}

/// The size of a product counted factor by factor, without building it:
/// the factors a product shares with its variants (one per rewrite tried)
/// are counted once, and each variant adds only its own factors.
///
/// ```
/// use symdiff::{parse, simplify::cost::{Cost, ProductSize}};
/// let mut cost = Cost::default();
/// let mut p = ProductSize::default();
/// for f in ["-2", "x", "1/(x + 1)^2"] {
///     p.push(&mut cost, &parse(f).unwrap());
/// }
/// assert_eq!(p.size(), cost.of(&parse("-2*x/(x + 1)^2").unwrap()));
/// ```
#[derive(Clone, Default)]
pub struct ProductSize {
    up: Size,
    down: Size,
    n_up: u64,
    n_down: u64,
    negative: bool,
}

impl ProductSize {
    /// One more factor, as the canonical product holds it (at most one
    /// number, no two factors with one base).
    pub fn push(&mut self, cost: &mut Cost, f: &Expr) {
        match f.node() {
            Node::Num(n) => self.push_number(n),
            Node::Pow([base, exp]) if exp.as_number().is_some_and(Number::is_negative) => {
                let k = exp
                    .as_number()
                    .map(|n| -n.clone())
                    .unwrap_or(Number::int(1));
                let mut s = cost.of(base);
                if k.is_half() {
                    s = s.plus(Size::new(2, 6));
                } else if !k.is_one() {
                    let exp_chars = number(&k).chars;
                    let exp_parens = if k.is_integer() { 0 } else { 2 };
                    let base_parens = if is_atom(base) { 0 } else { 2 };
                    let frac = u64::from(!k.is_integer());
                    s = s.plus(Size::new(
                        1 + frac,
                        1 + exp_chars + exp_parens + base_parens,
                    ));
                } else if matches!(base.node(), Node::Add(_)) {
                    s = s.plus(Size::new(0, 2));
                }
                self.down = self.down.plus(s);
                self.n_down += 1;
            }
            _ => {
                let mut s = cost.of(f);
                if matches!(f.node(), Node::Add(_)) {
                    s = s.plus(Size::new(0, 2));
                }
                self.up = self.up.plus(s);
                self.n_up += 1;
            }
        }
    }

    /// [`ProductSize::push`] of `call^k`, without building the power: for
    /// weighing many candidate products of one argument's functions.
    /// Powers of `exp` and `abs`, which the canonical form rewrites, and
    /// of anything but a call are built and pushed.
    ///
    /// ```
    /// use symdiff::{parse, simplify::cost::{Cost, ProductSize}};
    /// let mut cost = Cost::default();
    /// let (mut a, mut b) = (ProductSize::default(), ProductSize::default());
    /// a.push_call_power(&mut cost, &parse("tan(x)").unwrap(), -2);
    /// b.push(&mut cost, &parse("tan(x)^-2").unwrap());
    /// assert_eq!(a.size(), b.size());
    /// ```
    pub fn push_call_power(&mut self, cost: &mut Cost, call: &Expr, k: i64) {
        let plain = matches!(call.node(), Node::Call(f, _) if !matches!(f, Func::Exp | Func::Abs));
        if !plain {
            self.push(cost, &Expr::pow(call.clone(), Expr::int(k)));
            return;
        }
        let s = cost.of(call);
        let power = |m: u64| match m {
            1 => s,
            _ => s.plus(Size::new(1, 1 + number(&Number::int(m as i64)).chars)),
        };
        match k {
            0 => {}
            1.. => {
                self.up = self.up.plus(power(k.unsigned_abs()));
                self.n_up += 1;
            }
            _ => {
                self.down = self.down.plus(power(k.unsigned_abs()));
                self.n_down += 1;
            }
        }
    }

    /// A number factor: its sign in front, its numerator up, its
    /// denominator down.
    fn push_number(&mut self, n: &Number) {
        self.negative = n.is_negative();
        let a = n.abs();
        if prints_as_decimal(n) || n.is_integer() {
            if !a.is_one() {
                self.up = self.up.plus(number(&a));
                self.n_up += 1;
            }
            return;
        }
        let (p, q) = a.parts();
        let digits = |v: &num_bigint::BigInt| v.to_string().len() as u64;
        if p != 1.into() {
            self.up = self.up.plus(Size::new(0, digits(&p)));
            self.n_up += 1;
        }
        self.down = self.down.plus(Size::new(0, digits(&q)));
        self.n_down += 1;
    }

    /// What decides, besides sizes that it adds to every product alike,
    /// how this product's size changes with more factors: whether a
    /// factor is up (the numerator is not `1`), whether none, one or
    /// several are down (`/d` or `/(d1*d2)`), and its sign (which a number
    /// pushed after sets anew). For two products of one class, the sizes
    /// of each with the same factors pushed differ by one fixed amount.
    ///
    /// ```
    /// use symdiff::{parse, simplify::cost::{Cost, ProductSize}};
    /// let mut cost = Cost::default();
    /// let mut p = ProductSize::default();
    /// p.push(&mut cost, &parse("-2").unwrap());
    /// assert_eq!(p.class(), (1, 0, true));
    /// p.push(&mut cost, &parse("1/(x + 1)^2").unwrap());
    /// p.push(&mut cost, &parse("1/y").unwrap());
    /// assert_eq!(p.class(), (1, 2, true));
    /// ```
    pub fn class(&self) -> (u64, u64, bool) {
        (self.n_up.min(1), self.n_down.min(2), self.negative)
    }

    /// The size of the product of the factors pushed.
    pub fn size(&self) -> Size {
        let negative = u64::from(self.negative);
        let mut s = Size::new(negative, negative);
        s = s.plus(self.up).plus(Size::new(
            self.n_up.saturating_sub(1),
            self.n_up.saturating_sub(1),
        ));
        if self.n_up == 0 {
            s = s.plus(Size::new(0, 1));
        }
        if self.n_down > 0 {
            let parens = if self.n_down > 1 { 2 } else { 0 };
            s = s
                .plus(self.down)
                .plus(Size::new(self.n_down, self.n_down + parens));
        }
        s
    }
}

/// A leaf measured without the memo: a variable, a constant or an
/// integer (see [`Cost::of`]).
fn is_plain_leaf(e: &Expr) -> bool {
    match e.node() {
        Node::Num(n) => n.to_i64().is_some(),
        _ => e.args().is_empty(),
    }
}

/// A number, a constant or a variable.
fn leaf(e: &Expr) -> Size {
    match e.node() {
        Node::Num(n) => number(n),
        Node::Const(Constant::E) => Size::new(1, 1),
        Node::Const(c) => Size::new(0, c.name().len() as u64),
        Node::Sym(s) => Size::new(0, s.len() as u64),
        _ => Size::default(),
    }
}

/// A number as printed: a decimal, an integer or a ratio.
fn number(n: &Number) -> Size {
    let neg = u64::from(n.is_negative());
    // Integers, most numbers met, are measured without printing them.
    if let Some(k) = n.to_i64() {
        let digits = k.unsigned_abs().checked_ilog10().map_or(1, |d| d + 1);
        return Size::new(neg, u64::from(digits) + neg);
    }
    let chars = number_text(n).len() as u64;
    match prints_as_decimal(n) {
        true => Size::new(neg, chars),
        false => Size::new(neg + u64::from(!n.is_integer()), chars),
    }
}

/// Whether `e` prints with a leading minus.
fn is_negative(e: &Expr) -> bool {
    match e.node() {
        Node::Num(n) => n.is_negative(),
        Node::Mul(fs) => fs[0].as_number().is_some_and(Number::is_negative),
        _ => false,
    }
}

/// Whether `e` needs no parentheses as a power's base or exponent.
fn is_atom(e: &Expr) -> bool {
    match e.node() {
        Node::Num(n) => n.is_integer() && !n.is_negative(),
        Node::Sym(_) | Node::Const(_) | Node::Call(..) => true,
        Node::Pow([_, exp]) => exp.as_number().is_some_and(Number::is_half),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn ops(s: &str) -> u64 {
        size(&parse(s).unwrap()).ops
    }

    #[test]
    fn operations_are_counted_as_sympy_counts_them() {
        // The figures of SymPy 1.13's count_ops on the same text.
        let cases = [
            ("sqrt(x)", 2),
            ("1/sqrt(x)", 3),
            ("x/2", 1),
            ("-x", 1),
            ("1/x", 1),
            ("x^2", 1),
            ("exp(x)", 1),
            ("-x - 1", 2),
            ("x - 1", 1),
            ("2*x", 1),
            ("x/(x + 1)", 2),
            ("sin(x)/cos(x)", 3),
            ("-2*x/(x + 1)^2", 5),
            ("1/(2*x)", 2),
            ("2*sin(x)*cos(x)", 4),
        ];
        for (text, expected) in cases {
            assert_eq!(ops(text), expected, "{text}");
        }
    }

    #[test]
    fn a_call_power_weighs_as_the_power_built() {
        let mut cost = Cost::default();
        for call in ["sin(x + 1)", "cosh(2*y)", "exp(x)", "abs(x)", "x"] {
            let call = parse(call).unwrap();
            for k in -12..=12 {
                let mut weighed = ProductSize::default();
                let mut built = ProductSize::default();
                for p in [&mut weighed, &mut built] {
                    p.push(&mut cost, &parse("-3*y").unwrap());
                }
                weighed.push_call_power(&mut cost, &call, k);
                let power = Expr::pow(call.clone(), Expr::int(k));
                if !power.is_one() {
                    built.push(&mut cost, &power);
                }
                assert_eq!(weighed.size(), built.size(), "{call}^{k}");
            }
        }
    }

    #[test]
    fn a_multiple_weighs_as_the_term_built_under_every_coefficient() {
        let mut cost = Cost::default();
        for e in ["x*sin(x)^2/(x + 1)", "cos(2*x)", "1", "exp(x)*y"] {
            let e = parse(e).unwrap();
            for c in [-3, -1, 1, 2, 12] {
                let c = Number::int(c);
                let term = Expr::mul([Expr::number(c.clone()), e.clone()]);
                let weighed = cost.of_multiple(&c, &e);
                assert_eq!(weighed, cost.of_terms(&[term]), "{c}*({e})");
            }
        }
    }

    #[test]
    fn an_integer_is_as_long_as_its_digits_and_sign() {
        for k in [0, 1, -1, 9, 10, -10, 99, 100, 12345, i64::MAX, i64::MIN] {
            let printed = Expr::int(k).to_string().len() as u64;
            assert_eq!(number(&Number::int(k)).chars, printed, "{k}");
        }
    }

    #[test]
    fn characters_are_the_printed_length() {
        for text in [
            "x",
            "sin(x)/cos(x)",
            "-2*x/(x + 1)^2",
            "x^x*(ln(x) + 1)",
            "1/(2*sqrt(1 - x^2/4))",
            "cos(x)^2 - sin(x)^2",
            "-sin(x) - cos(x)",
            "atan2(y, x)^(x + 1)",
            "2*x^(3/2)",
        ] {
            let e = parse(text).unwrap();
            assert_eq!(size(&e).chars, e.to_string().len() as u64, "{text}");
        }
    }
}
