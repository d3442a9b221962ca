//! Identities between functions, declared beside the functions they
//! concern (`trig::IDENTITIES`, `hyperbolic::IDENTITIES`, …) and collected
//! by [`all`] into the one table the simplifier applies
//! (`simplify::identities`). Each has a name, which `--steps` shows, and,
//! when it holds on part of the domain only, its condition on `u`.

use super::domain::{Kind, Relation, Requirement};
use super::Func;
use crate::expr::{Expr, Number};

/// One named identity.
///
/// ```
/// let names: Vec<&str> = symdiff::functions::identity::all().map(|i| i.name).collect();
/// assert!(names.contains(&"sinh(u)/cosh(u) = tanh(u)"));
/// ```
#[derive(Debug)]
pub struct Identity {
    /// The identity as a person writes it, in `u`.
    pub name: &'static str,
    /// Where it holds, when not everywhere: a requirement on `u` (it holds
    /// where its left side is defined, so the condition is that side's
    /// domain).
    pub condition: Option<fn(u: &Expr) -> Requirement>,
    /// What it matches and how it rewrites.
    pub shape: Shape,
}

/// Identities are told apart by name (their rewrites are functions).
impl PartialEq for Identity {
    fn eq(&self, other: &Identity) -> bool {
        self.name == other.name
    }
}

impl Eq for Identity {}

impl Identity {
    /// The identity with its condition, as `--steps` names it: `exp(ln(u))
    /// = u, for u > 0`.
    ///
    /// ```
    /// let all: Vec<_> = symdiff::functions::identity::all().collect();
    /// let exp_ln = all.iter().find(|i| i.name == "exp(ln(u)) = u").unwrap();
    /// assert_eq!(exp_ln.statement(), "exp(ln(u)) = u, for u > 0");
    /// ```
    pub fn statement(&self) -> String {
        match self.condition {
            Some(condition) => {
                let r = condition(&Expr::symbol("u"));
                let rel = r.relation.symbol();
                format!("{}, for {} {rel} {}", self.name, r.subject, r.bound)
            }
            None => self.name.to_string(),
        }
    }
}

/// How an identity is matched.
#[derive(Debug)]
pub enum Shape {
    /// `outer(inner(u)) = result(u)`.
    Composition {
        /// The function outside.
        outer: Func,
        /// The function inside.
        inner: Func,
        /// The right side, in `u`.
        result: fn(&Expr) -> Expr,
    },
    /// `func(u) = Π f(u)^k`: a function as a quotient of others of the same
    /// argument. The simplifier writes each product of such functions of
    /// one argument in its shortest form, so the identity works both ways.
    Quotient {
        /// The function defined.
        func: Func,
        /// Its factors `(f, k)`.
        of: &'static [(Func, i64)],
    },
    /// `2*f(u)*g(u) = h(2*u)`, `f` and `g` of one quotient family: the
    /// simplifier offers `(h(2*u)/2)^k` for `f(u)^k*g(u)^k` among the
    /// family's forms (`1/(sinh(u)*cosh(u))` → `2/sinh(2*u)`).
    DoubleAngle {
        /// The two functions multiplied.
        of: [Func; 2],
        /// The function of the doubled argument.
        is: Func,
    },
    /// `Σ c*atom(u) = 0`: a linear relation among the terms of a sum,
    /// added in whatever multiple shortens the sum.
    Linear(&'static [(i64, Atom)]),
    /// A rewrite of a product's factors: the new product and `u`.
    Product(fn(factors: &[Expr]) -> Option<(Expr, Expr)>),
    /// A rewrite of a call of `func`: the new expression and `u`.
    Call {
        /// The function called.
        func: Func,
        /// The rewrite of its arguments.
        rewrite: fn(args: &[Expr]) -> Option<(Expr, Expr)>,
    },
    /// A rewrite of a power `base^exp`: the new expression and `u`.
    Power(fn(base: &Expr, exp: &Expr) -> Option<(Expr, Expr)>),
}

/// A term of a [`Shape::Linear`] relation, in `u`.
///
/// ```
/// use symdiff::functions::identity::Atom;
/// use symdiff::{parse, Func};
/// let cos2 = Atom::Scaled(Func::Cos, 2);
/// assert_eq!(cos2.build(&parse("x").unwrap()), parse("cos(2*x)").unwrap());
/// assert_eq!(cos2.argument(&parse("cos(4*x)").unwrap()), Some(parse("2*x").unwrap()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Atom {
    /// The number 1.
    One,
    /// `f(u)^k`.
    Power(Func, i64),
    /// `f(k*u)`.
    Scaled(Func, i64),
}

impl Atom {
    /// The atom at `u`.
    pub fn build(&self, u: &Expr) -> Expr {
        match self {
            Atom::One => Expr::int(1),
            Atom::Power(f, k) => Expr::pow(Expr::call(f.clone(), vec![u.clone()]), Expr::int(*k)),
            Atom::Scaled(f, k) => Expr::call(f.clone(), vec![Expr::int(*k) * u.clone()]),
        }
    }

    /// The `u` at which the atom is `e`, if it is of this atom's form.
    pub fn argument(&self, e: &Expr) -> Option<Expr> {
        let (base, exp) = e.as_power();
        match self {
            Atom::One => None,
            Atom::Power(f, k) => {
                (exp.as_number()?.to_i64() == Some(*k)).then_some(())?;
                argument_of(f.clone(), &base)
            }
            Atom::Scaled(f, k) => {
                let v = argument_of(f.clone(), e)?;
                Some(Expr::number(Number::ratio(1, *k)) * v)
            }
        }
    }
}

/// Every declared identity, in the order of the registry.
///
/// ```
/// let n = symdiff::functions::identity::all().count();
/// assert!(n > 20);
/// ```
pub fn all() -> impl Iterator<Item = &'static Identity> {
    [
        super::trig::IDENTITIES,
        super::hyperbolic::IDENTITIES,
        super::exp_log::IDENTITIES,
        super::piecewise::IDENTITIES,
        // Before the logistic function's: `5*s*(1 - s)/(2*sqrt(5*s))`
        // is shorter as `sqrt(5*s)*(1 - s)/2` than with a cosh.
        super::powers::IDENTITIES,
        super::learning::IDENTITIES,
    ]
    .into_iter()
    .flatten()
}

/// `u relation bound`, where the left side of an identity is undefined
/// otherwise.
pub(super) fn holds_where(u: &Expr, relation: Relation, bound: i64) -> Requirement {
    Requirement::new(u.clone(), relation, bound, Kind::Undefined)
}

/// `|u| relation 1`, for the inverse sine, cosine and hyperbolic tangent.
pub(super) fn abs_within(u: &Expr, relation: Relation) -> Requirement {
    let abs = Expr::call(Func::Abs, vec![u.clone()]);
    Requirement::new(abs, relation, 1, Kind::Undefined)
}

/// `u` itself, the right side of `f(g(u)) = u`.
pub(super) fn same(u: &Expr) -> Expr {
    u.clone()
}

/// The `u` of `e = 1 + c*f(u)^k`, if `e` is that sum (`1 - sigmoid(u)`,
/// `1 + tanh(u)^2`): the sums that the product identities of a function
/// look for.
pub(super) fn one_plus(e: &Expr, c: i64, f: Func, k: i64) -> Option<Expr> {
    let crate::Node::Add(terms) = e.node() else {
        return None;
    };
    let [one, term] = &terms[..] else {
        return None;
    };
    let (coefficient, rest) = term.split_coefficient();
    let (base, power) = rest.as_power();
    let shaped =
        one.is_one() && coefficient.to_i64() == Some(c) && power.as_number()?.to_i64() == Some(k);
    shaped.then_some(())?;
    argument_of(f, &base)
}

/// The argument `u` of `e = f(u)`, if `e` is a call of `f`.
pub(super) fn argument_of(f: Func, e: &Expr) -> Option<Expr> {
    match e.node() {
        crate::Node::Call(g, args) if *g == f && args.len() == 1 => Some(args[0].clone()),
        _ => None,
    }
}

/// Whether a factor of a product is a call of `f` or a power of one: the
/// quick test a product identity makes before it looks closer (products
/// of thousands of factors are common in high-order derivatives).
pub(super) fn has_call(factors: &[Expr], f: &Func) -> bool {
    factors.iter().any(|e| {
        let base = match e.node() {
            crate::Node::Pow([b, _]) => b,
            _ => e,
        };
        matches!(base.node(), crate::Node::Call(g, _) if g == f)
    })
}

/// Two factors of a product that an identity rewrites together: `s(u)^k`
/// and its partner `f(u)^(n*k)`.
#[derive(Debug, PartialEq)]
pub struct Pair {
    /// The argument `u`.
    pub u: Expr,
    /// The exponent `k` of the first factor.
    pub k: Expr,
    /// The positions of the two factors in the product.
    pub at: [usize; 2],
}

/// The first factor `s(u)^k` of `factors` that `form` recognizes (it
/// returns `u`) whose partner `f(u)^(n*k)` is a factor too: the search
/// the product identities of a sum and a function share
/// (`sigmoid(u)*(1 - sigmoid(u))`, `cosh(u)^2*(1 + tanh(u)^2)`, …).
///
/// ```
/// use symdiff::{parse, Expr, Func};
/// use symdiff::functions::identity::{paired_factor, Pair};
/// let e = parse("y*tanh(x)^6*(1 + tanh(x))^3").unwrap();
/// let one_plus_tanh = |s: &Expr| (*s == parse("1 + tanh(x)").unwrap()).then(|| parse("x").unwrap());
/// let pair = paired_factor(e.args(), one_plus_tanh, Func::Tanh, 2);
/// assert_eq!(pair, Some(Pair { u: parse("x").unwrap(), k: Expr::int(3), at: [1, 2] }));
/// ```
pub fn paired_factor(
    factors: &[Expr],
    form: impl Fn(&Expr) -> Option<Expr>,
    f: Func,
    n: i64,
) -> Option<Pair> {
    has_call(factors, &f).then_some(())?;
    factors.iter().enumerate().find_map(|(j, s)| {
        let (base, k) = s.as_power();
        let u = form(&base)?;
        let partner = Expr::pow(
            Expr::call(f.clone(), vec![u.clone()]),
            Expr::int(n) * k.clone(),
        );
        let i = factors.iter().position(|g| *g == partner)?;
        Some(Pair { u, k, at: [j, i] })
    })
}

/// `factors` without those at positions `drop`, and with `extra`.
pub(super) fn replaced(factors: &[Expr], drop: &[usize], extra: Expr) -> Expr {
    let kept = factors
        .iter()
        .enumerate()
        .filter(|(i, _)| !drop.contains(i))
        .map(|(_, f)| f.clone());
    Expr::mul(kept.chain([extra]))
}
