//! The derivative rules: sum, n-ary product, power in its three cases, and
//! the chain rule through one table of function derivatives.
//!
//! [`derivative`] walks the DAG once, children before parents, memoized on
//! node identity: a subexpression shared k times is differentiated once, and
//! subexpressions that cannot contain the variable are skipped unvisited.

use super::record::{Recorder, Rule, Silent, Step};
use crate::error::{Error, ErrorKind};
use crate::expr::{walk, Expr, Func, Node, Number, Term, UndefinedFunc};
use crate::limits::Limits;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// `d(e)/d(var)` in canonical form, not yet simplified.
///
/// ```
/// use symdiff::{calculus::diff::derivative, parse, Expr};
/// let d = derivative(&parse("x^3 + cos(x)").unwrap(), &Expr::symbol("x"));
/// assert_eq!(d, parse("3*x^2 - sin(x)").unwrap());
/// ```
pub fn derivative(e: &Expr, var: &Expr) -> Expr {
    // Without a bound the walk always finishes.
    recorded_derivative(e, var, usize::MAX, &mut Silent).unwrap_or_else(|| Expr::int(0))
}

/// [`derivative`], reporting every rule applied to `recorder`, children
/// before parents; or `None` once the derivatives built so far hold more
/// than `max_operands` operands. Chains grow that way: the derivative of
/// `sin(sin(…(x)))` n deep holds the derivatives of every level, products
/// of 1, 2, …, n factors.
pub(crate) fn recorded_derivative<R: Recorder>(
    e: &Expr,
    var: &Expr,
    max_operands: usize,
    recorder: &mut R,
) -> Option<Expr> {
    // Keyed by reference: every node walked lives in `e`, which outlives
    // the walk.
    let mut memo: FxHashMap<&Expr, Derived> = FxHashMap::default();
    let operands = std::cell::Cell::new(0usize);
    let over = || operands.get() > max_operands;
    walk::postorder(
        e,
        |node| !over() && node.may_contain(var),
        |node| {
            if over() {
                return;
            }
            // A product rule makes one copy of the product per varying
            // factor: refused before it is built when that alone would pass
            // the bound.
            let copies = match node.node() {
                Node::Mul(fs) => fs.iter().filter(|f| f.may_contain(var)).count(),
                _ => 1,
            };
            let cost = node.args().len().saturating_mul(copies);
            if operands.get().saturating_add(cost) > max_operands {
                operands.set(usize::MAX);
                return;
            }
            // A sum takes in its terms' derivatives as they are; any other
            // node needs each of its children's as one expression.
            if !matches!(node.node(), Node::Add(_)) {
                for child in node.args() {
                    if let Some(derived) = memo.get_mut(child) {
                        derived.settle();
                    }
                }
            }
            let d = derivative_of_node(node, var, recorder, |child| memo.get(child));
            operands.set(operands.get().saturating_add(d.operands() + 1));
            memo.insert(node, d);
        },
    );
    if over() {
        return None;
    }
    Some(
        memo.remove(e)
            .map_or_else(|| Expr::int(0), Derived::into_expr),
    )
}

/// A node's derivative while the walk goes on. A product's is kept as the
/// product rule's terms, not yet summed: most products are terms of a sum,
/// which takes their terms in with its own, so one sum is built where
/// there was one per product, each hashed, interned and soon dropped.
/// Their sum is the same canonical node either way.
enum Derived {
    Done(Expr),
    Terms(Vec<Term>),
}

impl Derived {
    /// The terms summed, from now on.
    fn settle(&mut self) {
        if let Derived::Terms(terms) = self {
            *self = Derived::Done(Expr::add_terms(std::mem::take(terms)));
        }
    }

    fn to_expr(&self) -> Expr {
        match self {
            Derived::Done(e) => e.clone(),
            Derived::Terms(terms) => Expr::add_terms(terms.iter().cloned()),
        }
    }

    fn into_expr(self) -> Expr {
        match self {
            Derived::Done(e) => e,
            Derived::Terms(terms) => Expr::add_terms(terms),
        }
    }

    /// How many operands it holds (the terms, if not yet summed).
    fn operands(&self) -> usize {
        match self {
            Derived::Done(e) => e.args().len(),
            Derived::Terms(terms) => terms.len(),
        }
    }
}

/// Like [`derivative`], but refused with [`ErrorKind::TooLarge`] when it
/// would build more than `limits.max_nodes` operands: before a product
/// rule that would (it makes k copies of a k-factor product), and as soon
/// as the derivatives built so far hold that many (the result is one of
/// them, so it is bounded too). The bound costs no walk of its own.
///
/// ```
/// use symdiff::{calculus::diff::derivative_within, parse, Expr, ErrorKind, Limits};
/// let x = Expr::symbol("x");
/// let limits = Limits { max_nodes: 100, ..Limits::default() };
/// assert!(derivative_within(&parse("x^2").unwrap(), &x, &limits).is_ok());
/// let product = parse(&(1..30).map(|k| format!("(x + {k})")).collect::<Vec<_>>().join("*")).unwrap();
/// let err = derivative_within(&product, &x, &limits).unwrap_err();
/// assert_eq!(err.kind, ErrorKind::TooLarge { limit: 100 });
/// ```
pub fn derivative_within(e: &Expr, var: &Expr, limits: &Limits) -> Result<Expr, Error> {
    let too_large = || {
        Error::new(
            ErrorKind::TooLarge {
                limit: limits.max_nodes,
            },
            0..0,
        )
    };
    recorded_derivative(e, var, limits.max_nodes, &mut Silent).ok_or_else(too_large)
}

/// The derivative of one node, given the derivatives of its children
/// (`None` for a child without the variable).
fn derivative_of_node<'m, R: Recorder>(
    e: &Expr,
    var: &Expr,
    rec: &mut R,
    derived: impl Fn(&Expr) -> Option<&'m Derived>,
) -> Derived {
    let d = |child: &Expr| derived(child).map_or_else(|| Expr::int(0), Derived::to_expr);
    let (result, rule, inner) = match e.node() {
        Node::Num(_) | Node::Const(_) => return Derived::Done(Expr::int(0)),
        Node::Sym(_) => return Derived::Done(Expr::int(i64::from(e == var))),
        Node::Add(terms) => {
            let mut all = Vec::with_capacity(terms.len());
            for t in terms.iter() {
                match derived(t) {
                    Some(Derived::Terms(more)) => all.extend_from_slice(more),
                    Some(Derived::Done(dt)) => all.push(Term::Built(dt.clone())),
                    None => {}
                }
            }
            (Expr::add_terms(all), Rule::Sum, None)
        }
        Node::Mul(factors) => {
            let (terms, rule) = product_rule(factors, d);
            if !R::ON && terms.len() > 1 {
                return Derived::Terms(terms);
            }
            (Expr::add_terms(terms), rule, None)
        }
        Node::Pow([base, exp]) => power_rule(e, base, exp, d(base), d(exp), rec),
        Node::Call(func, args) => {
            let result = chain_rule(func, args, d);
            let rule = match func {
                Func::Exp => Rule::Exponential,
                Func::Ln => Rule::Logarithm,
                _ => Rule::Function,
            };
            (result, rule, args.first().filter(|_| R::ON).cloned())
        }
    };
    // A zero from a node that only seemed to hold the variable (the
    // symbol filter is approximate) is no step of the derivation.
    if R::ON && (!result.is_zero() || e.depends_on(var)) {
        rec.record(Step::new(rule, e, &result, inner.filter(|u| u != var)));
    }
    Derived::Done(result)
}

/// The terms of `d(f1*...*fn) = Σ f1*...*fi'*...*fn`, over the factors that
/// vary; named by what the factors are (constant multiple, quotient,
/// product).
fn product_rule(factors: &[Expr], d: impl Fn(&Expr) -> Expr) -> (Vec<Term>, Rule) {
    let mut terms = Vec::new();
    let mut divides = false;
    for (i, f) in factors.iter().enumerate() {
        let df = d(f);
        if df.is_zero() {
            continue;
        }
        divides |=
            matches!(f.node(), Node::Pow([_, n]) if n.as_number().is_some_and(Number::is_negative));
        let df_factors = match df.node() {
            Node::Mul(fs) => fs,
            _ => std::slice::from_ref(&df),
        };
        let term = Expr::extended_product(factors, Some(i), df_factors).unwrap_or_else(|| {
            let others = factors[..i].iter().chain(&factors[i + 1..]);
            Term::Built(Expr::mul(others.cloned().chain([df.clone()])))
        });
        terms.push(term);
    }
    let rule = match terms.len() {
        0 | 1 => Rule::ConstantMultiple,
        _ if divides => Rule::Quotient,
        _ => Rule::Product,
    };
    (terms, rule)
}

/// The power rule in its three cases. The `ln(base)` term appears only when
/// the exponent varies, so `(-x)^2` never yields `ln(-x)`.
fn power_rule<R: Recorder>(
    power: &Expr,
    base: &Expr,
    exp: &Expr,
    dbase: Expr,
    dexp: Expr,
    rec: &mut R,
) -> (Expr, Rule, Option<Expr>) {
    if dexp.is_zero() {
        if dbase.is_zero() {
            return (Expr::int(0), Rule::Power, None);
        }
        // d(u^c) = c*u^(c-1)*u'
        let lowered = Expr::pow(base.clone(), Expr::add([exp.clone(), Expr::int(-1)]));
        let result = Expr::mul([exp.clone(), lowered, dbase]);
        return (result, Rule::Power, R::ON.then(|| base.clone()));
    }
    let ln_base = Expr::call(Func::Ln, vec![base.clone()]);
    if dbase.is_zero() {
        if base.is_zero() {
            // 0^v is 0 wherever it is defined and v varies (v > 0).
            return (Expr::int(0), Rule::Exponential, None);
        }
        // d(c^v) = c^v*ln(c)*v'
        let result = Expr::mul([power.clone(), ln_base, dexp]);
        return (result, Rule::Exponential, R::ON.then(|| exp.clone()));
    }
    // u^v = e^(v*ln(u)), so d(u^v) = u^v*d(v*ln(u)) = u^v*(v'*ln(u) + v*u'/u)
    let inner = Expr::add([
        Expr::mul([dexp, ln_base.clone()]),
        Expr::mul([exp.clone(), dbase, Expr::pow(base.clone(), Expr::int(-1))]),
    ]);
    let exponent = R::ON.then(|| Expr::mul([exp.clone(), ln_base]));
    if let Some(exponent) = &exponent {
        let rewritten = Expr::call(Func::Exp, vec![exponent.clone()]);
        rec.record(Step::new(Rule::PowerRewrite, power, &rewritten, None));
        rec.record(Step::new(Rule::Product, exponent, &inner, None));
    }
    (
        Expr::mul([power.clone(), inner]),
        Rule::Exponential,
        exponent,
    )
}

/// The chain rule: `d f(a1, ..., an) = Σ ∂f/∂ak * d(ak)` over the
/// arguments that vary; for an undefined function the partials are new
/// undefined functions (`f'(u)`, `g'[2](u, v)`).
fn chain_rule(func: &Func, args: &[Expr], d: impl Fn(&Expr) -> Expr) -> Expr {
    // One argument, the common case: no sum to build.
    if let [u] = args {
        let du = d(u);
        if du.is_zero() {
            return du;
        }
        return Expr::mul([partial_derivative(func, args, 0), du]);
    }
    let terms = args.iter().enumerate().filter_map(|(k, arg)| {
        let darg = d(arg);
        if darg.is_zero() {
            return None;
        }
        Some(Expr::mul([partial_derivative(func, args, k), darg]))
    });
    Expr::add(terms.collect::<Vec<_>>())
}

/// `∂f/∂ak` at `args`: the registry's derivative of a known function by
/// its argument `k` (0-based), or a new undefined function for an
/// undefined one.
///
/// ```
/// use symdiff::{calculus::diff::partial_derivative, parse, Func};
/// let u = parse("2*x").unwrap();
/// assert_eq!(partial_derivative(&Func::Sin, &[u], 0), parse("cos(2*x)").unwrap());
/// let (y, x) = (parse("y").unwrap(), parse("x").unwrap());
/// assert_eq!(partial_derivative(&Func::Atan2, &[y, x], 1), parse("-y/(x^2 + y^2)").unwrap());
/// ```
pub fn partial_derivative(func: &Func, args: &[Expr], k: usize) -> Expr {
    match (func, func.def()) {
        (_, Some(def)) => (def.derivative)(args, k),
        (Func::Undefined(f), None) => {
            let mut derivatives = f.derivatives.clone();
            derivatives.push(k as u32);
            let partial = UndefinedFunc::new(&f.name, derivatives);
            Expr::call(Func::Undefined(Arc::new(partial)), args.to_vec())
        }
        (_, None) => Expr::int(0),
    }
}

/// The derivatives that a call's name asks for (`sin''(x)`, `sqrt'(x)`,
/// `atan2'[2](y, x)`) worked out: the parser reads such a call as the
/// name with its derivative positions, and this replaces each one whose
/// name is a known function (or sugar) with its derivative at the
/// arguments. Names the registry does not know stay undefined functions.
///
/// ```
/// use symdiff::{calculus::diff::resolve_named_derivatives, parse, Limits};
/// use symdiff::syntax::parser::parse_unresolved;
/// use symdiff::Parsed;
/// let raw = parse_unresolved("sqrt'(x) + f'(x)", &Limits::default()).unwrap();
/// let Parsed::Scalar(raw) = raw.value else { unreachable!() };
/// let e = resolve_named_derivatives(&raw);
/// assert_eq!(e, parse("1/(2*sqrt(x)) + f'(x)").unwrap());
/// ```
pub fn resolve_named_derivatives(e: &Expr) -> Expr {
    let named =
        |u: &UndefinedFunc| !u.derivatives.is_empty() && crate::functions::is_known_name(&u.name);
    e.rewrite(
        |_| false,
        |n| match n.node() {
            Node::Call(Func::Undefined(u), args) if named(u) => {
                derivative_of_named(&u.name, &u.derivatives, args)
            }
            _ => n,
        },
    )
}

/// `name` differentiated by the argument `positions` (0-based), at `args`.
fn derivative_of_named(name: &str, positions: &[u32], args: &[Expr]) -> Expr {
    // Names the lexer cannot produce, so they cannot clash with the input's.
    let slots: Vec<Expr> = (0..args.len())
        .map(|k| Expr::symbol(&format!("·u{k}")))
        .collect();
    let mut f = match crate::functions::resolve(name, &slots) {
        Ok(crate::functions::Resolved::Call(f)) => f,
        // The parser checked the name and the arguments already.
        _ => return Expr::int(0),
    };
    for &k in positions {
        f = derivative(&f, &slots[k as usize]);
    }
    slots
        .iter()
        .zip(args)
        .fold(f, |f, (slot, arg)| f.substitute(slot, arg))
}
