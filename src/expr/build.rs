//! The canonicalizing constructors: the only way nodes are made.
//!
//! They flatten nested sums and products, fold numbers exactly, drop 0 and 1,
//! combine like terms (`2x + 3x → 5x`) and like bases (`x·x² → x³`), and sort
//! operands in one total order, so that canonical forms compare with `==`.
//! Like terms are found through hash maps keyed on the term, never by
//! rescanning, so a sum of n terms is built in O(n log n).

use super::fold::{fold_number_power, has_even_root};
use super::grouped::Grouped;
use super::intern::{intern, intern_operands};
use super::{Constant, Expr, Func, Node, Number};
use crate::functions::Parity;
use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};
use std::sync::{LazyLock, OnceLock};

/// A term keyed by its factors without the coefficient, so that like terms
/// (`2*x*y`, `-x*y`) meet without building the coefficient-free node for
/// every term.
struct LikeTerms {
    hash: u64,
    term: Term,
}

impl LikeTerms {
    fn new(term: Term) -> LikeTerms {
        let mut h = FxHasher::default();
        for f in term.like_factors() {
            f.hash(&mut h);
        }
        LikeTerms {
            hash: h.finish(),
            term,
        }
    }

    /// `c` times the coefficient-free factors.
    fn with_coefficient(self, c: Number) -> Expr {
        let factors = match self.term {
            Term::Built(e) => like_factors(&e).to_vec(),
            Term::Product { factors, .. } => factors,
        };
        Term::Product {
            coefficient: c,
            factors,
        }
        .build()
    }
}

fn like_factors(term: &Expr) -> &[Expr] {
    match term.node() {
        Node::Mul(fs) if fs[0].as_number().is_some() => &fs[1..],
        Node::Mul(fs) => fs,
        _ => std::slice::from_ref(term),
    }
}

impl PartialEq for LikeTerms {
    fn eq(&self, other: &LikeTerms) -> bool {
        self.term.like_factors() == other.term.like_factors()
    }
}

impl Eq for LikeTerms {}

impl Hash for LikeTerms {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// A term of a sum under construction: an expression, or a product whose
/// node is not made yet. The product rule makes many terms that are like
/// terms of one another; kept unbuilt, each distinct term is interned once,
/// when the sum has combined them, not once as made and again with its
/// combined coefficient.
#[derive(Clone)]
pub(crate) enum Term {
    /// An expression in canonical form.
    Built(Expr),
    /// `coefficient * factors`: the factors in canonical order, none a
    /// number, two or more of them, or one that is not a sum (whose
    /// product with a number would distribute).
    Product {
        coefficient: Number,
        factors: Vec<Expr>,
    },
}

impl Term {
    /// The factors without the numeric coefficient, as like terms share them.
    fn like_factors(&self) -> &[Expr] {
        match self {
            Term::Built(e) => like_factors(e),
            Term::Product { factors, .. } => factors,
        }
    }

    fn coefficient(&self) -> Number {
        match self {
            Term::Built(e) => e.coefficient(),
            Term::Product { coefficient, .. } => coefficient.clone(),
        }
    }

    /// The canonical expression.
    pub(crate) fn build(self) -> Expr {
        match self {
            Term::Built(e) => e,
            Term::Product {
                coefficient,
                mut factors,
            } => {
                if coefficient.is_zero() {
                    return Expr::int(0);
                }
                if !coefficient.is_one() {
                    // Made exactly as long as the node's operands: a
                    // copied term's vector has no room to spare, and the
                    // node keeps them as a boxed slice.
                    let mut all = Vec::with_capacity(factors.len() + 1);
                    all.push(Expr::number(coefficient));
                    all.append(&mut factors);
                    factors = all;
                }
                match factors.len() {
                    0 => Expr::int(1),
                    1 => factors.pop().unwrap_or_else(|| Expr::int(1)),
                    _ => intern_operands(true, factors),
                }
            }
        }
    }
}

/// The factors of one base in a product: most bases meet once, and then
/// nothing but the factor itself is kept (no vector of exponents).
struct BaseGroup {
    /// The first factor's exponent, then any others.
    exp: Expr,
    more: Vec<Expr>,
    /// The factor itself while it is alone.
    alone: Option<Expr>,
}

/// The integers kept interned for the whole run: exponents, coefficients
/// and counters of everyday expressions, found without the intern table.
const SMALL: std::ops::RangeInclusive<i64> = -8..=64;

/// Each made on first use: making all of them at once would cost a small
/// expression's first derivative more than the derivative itself.
static SMALL_INTEGERS: [OnceLock<Expr>; SMALL_COUNT] = [const { OnceLock::new() }; SMALL_COUNT];
const SMALL_COUNT: usize = (*SMALL.end() - *SMALL.start() + 1) as usize;

impl Expr {
    /// The exact number `n`.
    ///
    /// ```
    /// assert_eq!(symdiff::Expr::number(symdiff::Number::ratio(1, 2)).to_string(), "1/2");
    /// ```
    pub fn number(n: Number) -> Expr {
        match n.to_i64() {
            Some(k) if SMALL.contains(&k) => Expr::int(k),
            _ => intern(Node::Num(n)),
        }
    }

    /// The integer `n`.
    ///
    /// ```
    /// assert_eq!(symdiff::Expr::int(3).to_string(), "3");
    /// ```
    pub fn int(n: i64) -> Expr {
        match n
            .checked_sub(*SMALL.start())
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| SMALL_INTEGERS.get(i))
        {
            Some(slot) => slot
                .get_or_init(|| intern(Node::Num(Number::int(n))))
                .clone(),
            None => intern(Node::Num(Number::int(n))),
        }
    }

    /// The variable called `name`.
    ///
    /// ```
    /// assert_eq!(symdiff::Expr::symbol("theta").to_string(), "theta");
    /// ```
    pub fn symbol(name: &str) -> Expr {
        intern(Node::Sym(name.into()))
    }

    /// A named constant.
    ///
    /// ```
    /// use symdiff::{Constant, Expr};
    /// assert_eq!(Expr::constant(Constant::Pi).to_string(), "pi");
    /// ```
    pub fn constant(c: Constant) -> Expr {
        // `e` is met in every product of exponentials: kept, not looked up.
        static CONSTANTS: LazyLock<[Expr; 2]> =
            LazyLock::new(|| [Constant::Pi, Constant::E].map(|c| intern(Node::Const(c))));
        match c {
            Constant::Pi => CONSTANTS[0].clone(),
            Constant::E => CONSTANTS[1].clone(),
        }
    }

    /// The sum of `terms`, in canonical form.
    ///
    /// ```
    /// use symdiff::{parse, Expr};
    /// let x = Expr::symbol("x");
    /// let s = Expr::add([x.clone(), x.clone(), Expr::int(1)]);
    /// assert_eq!(s, parse("2*x + 1").unwrap());
    /// ```
    pub fn add(terms: impl IntoIterator<Item = Expr>) -> Expr {
        Expr::add_terms(terms.into_iter().map(Term::Built))
    }

    /// [`Expr::add`] of terms some of which may be products not yet built.
    pub(crate) fn add_terms(terms: impl IntoIterator<Item = Term>) -> Expr {
        let terms = terms.into_iter();
        let mut constant = Number::int(0);
        let mut like: Grouped<LikeTerms, (Number, usize)> =
            Grouped::with_capacity(terms.size_hint().0);
        let mut take = |term: Term| {
            let c = term.coefficient();
            like.add(
                LikeTerms::new(term),
                || (c.clone(), 1),
                |(sum, count)| {
                    *sum = sum.clone() + c.clone();
                    *count += 1;
                },
            );
        };
        for term in terms {
            let e = match term {
                Term::Built(e) => e,
                product => {
                    take(product);
                    continue;
                }
            };
            match e.node() {
                Node::Num(n) => constant = constant + n.clone(),
                // A canonical sum holds no sum.
                Node::Add(inner) => {
                    for t in inner.iter() {
                        match t.as_number() {
                            Some(n) => constant = constant + n.clone(),
                            None => take(Term::Built(t.clone())),
                        }
                    }
                }
                _ => take(Term::Built(e)),
            }
        }
        let mut out: Vec<Expr> = like
            .into_entries()
            .into_iter()
            .filter(|(_, (c, _))| !c.is_zero())
            .map(|(key, (c, count))| {
                if count == 1 {
                    // Nothing combined: the term as given is canonical.
                    key.term.build()
                } else {
                    key.with_coefficient(c)
                }
            })
            .collect();
        out.sort_unstable();
        if !constant.is_zero() {
            out.insert(0, Expr::number(constant));
        }
        match out.len() {
            0 => Expr::int(0),
            1 => out.pop().unwrap_or_else(|| Expr::int(0)),
            _ => intern_operands(false, out),
        }
    }

    /// The product of `factors`, in canonical form.
    ///
    /// ```
    /// use symdiff::{parse, Expr};
    /// let x = Expr::symbol("x");
    /// let p = Expr::mul([x.clone(), Expr::pow(x.clone(), Expr::int(2)), Expr::int(3)]);
    /// assert_eq!(p, parse("3*x^3").unwrap());
    /// ```
    pub fn mul(factors: impl IntoIterator<Item = Expr>) -> Expr {
        let mut pending: Vec<Expr> = factors.into_iter().collect();
        if let [a, b] = pending.as_slice() {
            let (product, extra): (&[Expr], &Expr) = match (a.node(), b.node()) {
                (Node::Mul(fs), _) => (fs, b),
                (_, Node::Mul(fs)) => (fs, a),
                _ => (&[], a),
            };
            if !product.is_empty() {
                if let Some(e) = Expr::extend_product(product, None, std::slice::from_ref(extra)) {
                    return e;
                }
            }
        }
        let mut coefficient = Number::int(1);
        let mut bases: Grouped<Expr, BaseGroup> = Grouped::with_capacity(pending.len());
        pending.reverse();
        while let Some(factor) = pending.pop() {
            match factor.node() {
                Node::Num(n) => {
                    coefficient = coefficient * n.clone();
                    if coefficient.is_zero() {
                        return Expr::int(0);
                    }
                }
                Node::Mul(inner) => pending.extend(inner.iter().rev().cloned()),
                _ => {
                    let (base, exp) = factor.as_power_of_e();
                    bases.add(
                        base,
                        || BaseGroup {
                            exp: exp.clone(),
                            more: Vec::new(),
                            alone: Some(factor),
                        },
                        |group| {
                            group.more.push(exp.clone());
                            group.alone = None;
                        },
                    );
                }
            }
        }
        let mut out: Vec<Expr> = Vec::with_capacity(bases.len());
        let mut regroup = false;
        for (base, group) in bases.into_entries() {
            let Some(factor) = group.alone else {
                // Numeric and symbolic exponents stay apart, as a person
                // (and SymPy) writes x^x/x^2: merged into x^(x - 2), every
                // further derivative would bring in a new sum.
                let (mut numeric, symbolic): (Vec<Expr>, Vec<Expr>) = std::iter::once(group.exp)
                    .chain(group.more)
                    .partition(|e| e.as_number().is_some());
                let mut sums = Vec::with_capacity(2);
                if !symbolic.is_empty() {
                    // Symbolic exponents may cancel to a number
                    // (x^(e - 1)*x^(-e) = x^-1), which then joins the
                    // numeric ones.
                    let sum = Expr::add(symbolic);
                    match sum.as_number() {
                        Some(_) => numeric.push(sum),
                        None => sums.push(sum),
                    }
                }
                if !numeric.is_empty() {
                    // Numbers all: added here, without a sum's grouping.
                    let total = numeric
                        .iter()
                        .filter_map(Expr::as_number)
                        .fold(Number::int(0), |a, n| a + n.clone());
                    sums.push(Expr::number(total));
                }
                for p in sums.into_iter().map(|exp| Expr::pow(base.clone(), exp)) {
                    match p.node() {
                        Node::Num(n) => coefficient = coefficient * n.clone(),
                        // A combined power that came out as a product
                        // ((x*y)^(1/2) twice is x*y) or over another base
                        // ((x^x)^(-1/3)*(x^x)^(-2/3) is x^(-x)), or as a
                        // power of another base ((x^-56)^(-29/34 - 5/34) =
                        // x^56), may combine with the other factors.
                        Node::Mul(_) => {
                            regroup = true;
                            out.push(p);
                        }
                        _ => {
                            regroup |= p.as_power_of_e().0 != base;
                            out.push(p);
                        }
                    }
                }
                continue;
            };
            out.push(factor);
        }
        if coefficient.is_zero() {
            return Expr::int(0);
        }
        if regroup {
            out.push(Expr::number(coefficient));
            return Expr::mul(out);
        }
        if let ([single], false) = (out.as_slice(), coefficient.is_one()) {
            if let Node::Add(terms) = single.node() {
                // c*(a + b) = c*a + c*b, as SymPy does: numbers distribute
                // over sums so that like terms meet (3*(x - 1) + 3*(x + 1) = 6*x).
                let c = Expr::number(coefficient);
                return Expr::add(terms.iter().map(|t| Expr::mul([c.clone(), t.clone()])));
            }
        }
        out.sort_unstable();
        if !coefficient.is_one() {
            out.insert(0, Expr::number(coefficient));
        }
        match out.len() {
            0 => Expr::int(1),
            1 => out.pop().unwrap_or_else(|| Expr::int(1)),
            _ => intern_operands(true, out),
        }
    }

    /// `product * extra` for a canonical product's factors, the one at
    /// `without` left out if given, and a few more factors, none a product:
    /// each is inserted in order (O(n) pointer compares, no hashing), which
    /// keeps long chain-rule products linear. Integer powers of one variable
    /// or function call merge on the way (`x^2*x^3 = x^5`). `None` when a
    /// factor meets another of its base in any other way and needs the
    /// general path.
    pub(crate) fn extend_product(
        product: &[Expr],
        without: Option<usize>,
        extra: &[Expr],
    ) -> Option<Expr> {
        Expr::extended_product(product, without, extra).map(Term::build)
    }

    /// [`Expr::extend_product`], the product left unbuilt for a sum to
    /// take in.
    pub(crate) fn extended_product(
        product: &[Expr],
        without: Option<usize>,
        extra: &[Expr],
    ) -> Option<Term> {
        // The product rule leaves out each factor in turn: the two sides
        // of it are copied straight into the new product.
        let (head, tail) = match without {
            Some(i) => (&product[..i], &product[i + 1..]),
            None => (product, &[][..]),
        };
        let coefficient_of = |f: &Expr| f.as_number().cloned().unwrap_or(Number::int(1));
        let (mut coefficient, head, tail) = match (head, tail) {
            ([first, rest @ ..], _) if first.as_number().is_some() => {
                (coefficient_of(first), rest, tail)
            }
            ([], [first, rest @ ..]) if first.as_number().is_some() => {
                (coefficient_of(first), head, rest)
            }
            _ => (Number::int(1), head, tail),
        };
        let mut factors: Vec<Expr> = Vec::with_capacity(head.len() + tail.len() + extra.len() + 1);
        factors.extend_from_slice(head);
        factors.extend_from_slice(tail);
        for f in extra {
            if let Some(n) = f.as_number() {
                coefficient = coefficient * n.clone();
                continue;
            }
            let b = PowerOf::of(f)?;
            let mut f = f.clone();
            if let Some(at) = factors
                .iter()
                .position(|g| PowerOf::of(g).is_none_or(|gb| gb == b))
            {
                f = merge_integer_powers(&factors.remove(at), &f)?;
                if f.is_one() {
                    continue;
                }
            }
            let at = factors.partition_point(|g| *g < f);
            factors.insert(at, f);
        }
        if coefficient.is_zero() {
            return Some(Term::Built(Expr::int(0)));
        }
        match factors.as_slice() {
            [] => Some(Term::Built(Expr::number(coefficient))),
            [_] if coefficient.is_one() => factors.pop().map(Term::Built),
            // c*(a + b) distributes: leave that to the general path.
            [single] if matches!(single.node(), Node::Add(_)) => None,
            _ => Some(Term::Product {
                coefficient,
                factors,
            }),
        }
    }

    /// `base^exp`, in canonical form. Exact powers of numbers are folded when
    /// the result is small enough; `0^-1` stays a symbolic power (it has no
    /// value, and the parser reports it as a division by zero).
    ///
    /// ```
    /// use symdiff::{parse, Expr};
    /// assert_eq!(Expr::pow(Expr::int(4), parse("1/2").unwrap()), Expr::int(2));
    /// assert_eq!(Expr::pow(parse("x^2").unwrap(), Expr::int(3)), parse("x^6").unwrap());
    /// ```
    pub fn pow(base: Expr, exp: Expr) -> Expr {
        if exp.is_zero() {
            return Expr::int(1);
        }
        if exp.is_one() {
            return base;
        }
        if base.is_one() {
            return base;
        }
        let int_exp = exp.as_number().filter(|n| n.is_integer());
        match base.node() {
            Node::Num(b) => {
                if let Some(e) = exp.as_number() {
                    if let Some(folded) = fold_number_power(b, e) {
                        return Expr::number(folded);
                    }
                } else if b.is_zero() {
                    // 0^u for a symbolic u: 0 where u > 0, kept symbolic.
                }
            }
            Node::Const(Constant::E) => return Expr::call(Func::Exp, vec![exp]),
            Node::Pow([b, e])
                if int_exp.is_some()
                    || has_even_root(e) && exp.as_number().is_some()
                    || b.is_zero() =>
            {
                // (b^p)^q = b^(p*q) for an integer q, for any q when b^p
                // is an even root (real only for b >= 0), and for b = 0
                // (both sides are 0 where defined).
                return Expr::pow(b.clone(), Expr::mul([e.clone(), exp]));
            }
            Node::Mul(fs) if int_exp.is_some() => {
                return Expr::mul(fs.iter().map(|f| Expr::pow(f.clone(), exp.clone())));
            }
            Node::Call(Func::Exp, args) => {
                return Expr::call(Func::Exp, vec![Expr::mul([args[0].clone(), exp])]);
            }
            Node::Call(Func::Abs, args)
                if int_exp.is_some_and(|n| n.to_i64().is_some_and(|k| k % 2 == 0)) =>
            {
                return Expr::pow(args[0].clone(), exp);
            }
            _ => {}
        }
        intern(Node::Pow([base, exp]))
    }

    /// `func(args)`, with exact values folded (`sin(0) = 0`, `ln(1) = 0`),
    /// inverse pairs that cancel everywhere cancelled (`ln(exp(u)) = u`;
    /// `exp(ln(u)) = u` holds for u > 0 only and is left to
    /// [`crate::simplify`], which keeps its condition) and signs
    /// pulled out of odd and even functions (`sin(-x) = -sin(x)`).
    ///
    /// ```
    /// use symdiff::{parse, Expr, Func};
    /// assert_eq!(Expr::call(Func::Cos, vec![Expr::int(0)]), Expr::int(1));
    /// assert_eq!(Expr::call(Func::Sin, vec![parse("-x").unwrap()]), parse("-sin(x)").unwrap());
    /// ```
    pub fn call(func: Func, args: Vec<Expr>) -> Expr {
        let Some(def) = func.def() else {
            return intern(Node::Call(func, args.into_boxed_slice()));
        };
        if !def.arity.admits(args.len()) {
            // A known name with the wrong number of arguments (the parser
            // refuses these): a function the engine knows nothing about.
            let undefined = super::UndefinedFunc::new(func.name(), Vec::new());
            return intern(Node::Call(
                Func::Undefined(undefined.into()),
                args.into_boxed_slice(),
            ));
        }
        if let Some(value) = (def.exact)(&args) {
            return value;
        }
        if let [arg] = args.as_slice() {
            if let Some(positive) = arg.negated_if_negative() {
                match def.parity {
                    Parity::Odd => return -Expr::call(func, vec![positive]),
                    Parity::Even => return Expr::call(func, vec![positive]),
                    Parity::Neither => {}
                }
            }
        }
        intern(Node::Call(func, args.into_boxed_slice()))
    }

    /// `-self`.
    pub(crate) fn negate(&self) -> Expr {
        Expr::mul([Expr::int(-1), self.clone()])
    }

    /// `(c, rest)` with `self = c * rest` and `c` the numeric coefficient.
    pub(crate) fn split_coefficient(&self) -> (Number, Expr) {
        let key = LikeTerms::new(Term::Built(self.clone()));
        (self.coefficient(), key.with_coefficient(Number::int(1)))
    }

    /// The numeric coefficient (1 if there is none).
    pub(crate) fn coefficient(&self) -> Number {
        match self.node() {
            Node::Mul(fs) => fs[0].as_number().cloned().unwrap_or(Number::int(1)),
            _ => Number::int(1),
        }
    }

    /// `(base, exponent)` with `self = base^exponent` (exponent 1 if not a power).
    pub(crate) fn as_power(&self) -> (Expr, Expr) {
        match self.node() {
            Node::Pow([b, e]) => (b.clone(), e.clone()),
            _ => (self.clone(), Expr::int(1)),
        }
    }

    /// [`Expr::as_power`], with `exp(a)` read as `e^a` so that
    /// `exp(a)*exp(b)*e = exp(a + b + 1)`.
    fn as_power_of_e(&self) -> (Expr, Expr) {
        match self.node() {
            Node::Call(Func::Exp, a) => (Expr::constant(Constant::E), a[0].clone()),
            _ => self.as_power(),
        }
    }

    /// `-self` when `self` has a negative sign in front (a negative number
    /// or a product with a negative coefficient).
    pub(crate) fn negated_if_negative(&self) -> Option<Expr> {
        match self.node() {
            Node::Num(n) if n.is_negative() => Some(Expr::number(-n.clone())),
            Node::Mul(fs) if fs[0].as_number().is_some_and(Number::is_negative) => {
                Some(self.negate())
            }
            _ => None,
        }
    }
}

/// What a factor is a power of, as far as meeting like factors goes: every
/// exponential (`exp(a)`, `e`, `e^a`) meets every other.
/// Borrowed, so that looking for a factor's like in a long product
/// costs no reference counting.
#[derive(PartialEq)]
enum PowerOf<'a> {
    Base(&'a Expr),
    E,
}

impl PowerOf<'_> {
    /// `None` for a product, which meets anything.
    fn of(f: &Expr) -> Option<PowerOf<'_>> {
        match f.node() {
            Node::Mul(_) => None,
            Node::Call(Func::Exp, _) | Node::Const(Constant::E) => Some(PowerOf::E),
            Node::Pow([b, _]) if matches!(b.node(), Node::Const(Constant::E)) => Some(PowerOf::E),
            Node::Pow([b, _]) => Some(PowerOf::Base(b)),
            _ => Some(PowerOf::Base(f)),
        }
    }
}

/// `x^a*x^b = x^(a + b)` for integers `a` and `b` and a variable or a
/// function call `x`, when the result is still a power of `x` (or 1).
/// `None` for anything else: the general product merges it.
fn merge_integer_powers(f: &Expr, g: &Expr) -> Option<Expr> {
    // Borrowed, not split with `as_power`: the product rule merges a
    // power at almost every term.
    fn integer_power(e: &Expr) -> Option<(&Expr, i64)> {
        match e.node() {
            Node::Pow([b, k]) => Some((b, k.as_number()?.to_i64()?)),
            _ => Some((e, 1)),
        }
    }
    let ((b, m), (c, n)) = (integer_power(f)?, integer_power(g)?);
    let plain = matches!(b.node(), Node::Sym(_))
        || matches!(b.node(), Node::Call(func, _) if *func != Func::Exp);
    if b != c || !plain {
        return None;
    }
    let merged = Expr::pow(b.clone(), Expr::int(m.checked_add(n)?));
    let still_of_b = match merged.node() {
        Node::Pow([base, _]) => base == b,
        _ => merged == *b,
    };
    (merged.is_one() || still_of_b).then_some(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    /// The product rule's shortcut builds exactly what the general
    /// constructor builds, over every pair of canonical products of a pool
    /// of factors (powers that merge, cancel, or must not) and every extra
    /// factor from the same pool.
    #[test]
    fn extending_a_product_is_the_general_product() {
        let pool: Vec<Expr> = [
            "x",
            "x^2",
            "x^-1",
            "x^-3",
            "x^(1/2)",
            "y",
            "sin(x)",
            "sin(x)^2",
            "cos(x)^-2",
            "exp(x)",
            "exp(2*x)",
            "e",
            "x + 1",
            "(x + 1)^-1",
            "2^x",
            "sqrt(2)",
            "pi",
            "abs(x)",
            "abs(x)^-2",
            "3",
        ]
        .iter()
        .map(|t| parse(t).unwrap())
        .collect();
        let mut shortcuts = 0;
        for a in &pool {
            for b in &pool {
                let product = Expr::mul([a.clone(), b.clone()]);
                let Node::Mul(factors) = product.node() else {
                    continue;
                };
                for extra in pool
                    .iter()
                    .chain([&Expr::mul([Expr::int(2), pool[0].clone()])])
                {
                    let extras = match extra.node() {
                        Node::Mul(fs) => fs.to_vec(),
                        _ => vec![extra.clone()],
                    };
                    if let Some(fast) = Expr::extend_product(factors, None, &extras) {
                        shortcuts += 1;
                        let general = Expr::mul([product.clone(), extra.clone()]);
                        assert_eq!(fast, general, "{product} * {extra}");
                    }
                    // With each factor left out in turn, as the product rule does.
                    for i in 0..factors.len() {
                        if let Some(fast) = Expr::extend_product(factors, Some(i), &extras) {
                            shortcuts += 1;
                            let mut others = factors.to_vec();
                            others.remove(i);
                            let general = Expr::mul(others.into_iter().chain([extra.clone()]));
                            assert_eq!(fast, general, "{product} without {i} * {extra}");
                        }
                    }
                }
            }
        }
        // The shortcut is taken, merges included, not refused throughout.
        assert!(shortcuts > 1000, "{shortcuts}");
    }

    /// A sum of product-rule terms left unbuilt is the sum of the same
    /// terms built: like terms combine (to zero as well), whichever form
    /// each comes in.
    #[test]
    fn unbuilt_terms_sum_as_built_ones() {
        let product = parse("3*x^2*sin(x)*cos(x)^2*(x + 1)^-1").unwrap();
        let Node::Mul(factors) = product.node() else {
            panic!("{product} is a product");
        };
        let extras: Vec<Vec<Expr>> = ["x", "-2*x^-1", "sin(x)^-1", "cos(x)", "y", "-3", "x^3"]
            .iter()
            .map(|t| {
                let e = parse(t).unwrap();
                match e.node() {
                    Node::Mul(fs) => fs.to_vec(),
                    _ => vec![e],
                }
            })
            .collect();
        let mut unbuilt = Vec::new();
        let mut built = Vec::new();
        for i in 0..factors.len() {
            for extra in &extras {
                if let Some(term) = Expr::extended_product(factors, Some(i), extra) {
                    built.push(term.clone().build());
                    // Each term twice, and its negation once, so that
                    // some combine and some cancel.
                    unbuilt.push(term.clone());
                    if i % 2 == 0 {
                        unbuilt.push(term);
                        built.push(built[built.len() - 1].clone());
                    } else {
                        let negated = -built[built.len() - 1].clone();
                        unbuilt.push(Term::Built(negated.clone()));
                        built.push(negated);
                    }
                }
            }
        }
        assert!(unbuilt.iter().any(|t| matches!(t, Term::Product { .. })));
        let sum = Expr::add_terms(unbuilt);
        assert_eq!(sum, Expr::add(built.clone()));
        assert!(!sum.is_zero(), "not every term cancelled");
    }
}
