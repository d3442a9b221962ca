//! Where a function and its derivative exist over the reals.
//!
//! [`of`] reads the conditions off the expression, one table entry per kind
//! of node: `ln(u)` needs `u > 0`, `1/u` needs `u ≠ 0`, `sqrt(u)` needs
//! `u ≥ 0` and has a vertical tangent where `u = 0`, `abs(u)` has a corner
//! at `u = 0`, `f^g` with a varying exponent needs `f > 0`. The conditions
//! are simplified (`x^2 > 0` is `x ≠ 0`; `x ≥ 0` and `x > 0` is `x > 0`),
//! and [`Conditions::check`] names the first one a point violates.

use crate::expr::{walk, Constant, Expr, Func, Node, Number};
pub use crate::functions::domain::{Kind, Relation};
use crate::functions::Values;
use serde_json::{json, Value};

/// One condition: `subject relation bound`, and what failing it means.
///
/// ```
/// use symdiff::{calculus::conditions, parse};
/// let c = &conditions::of(&parse("ln(x)").unwrap()).list[0];
/// assert_eq!(c.to_string(), "x > 0");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Condition {
    /// What is compared.
    pub subject: Expr,
    /// How it compares.
    pub relation: Relation,
    /// What it is compared with (0, or 1 for `abs(u) < 1` and `u ≥ 1`).
    pub bound: Expr,
    /// What failing it means.
    pub kind: Kind,
}

impl std::fmt::Display for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (s, r, b) = (&self.subject, self.relation.symbol(), &self.bound);
        if self.relation.has_bound() {
            write!(f, "{s} {r} {b}")
        } else {
            write!(f, "{s} {r}")
        }
    }
}

impl Condition {
    fn new(subject: &Expr, relation: Relation, bound: i64, kind: Kind) -> Condition {
        Condition {
            subject: subject.clone(),
            relation,
            bound: Expr::int(bound),
            kind,
        }
    }

    /// Whether the condition holds at `point`; `false` where its subject
    /// has no value there.
    ///
    /// ```
    /// use symdiff::{calculus::conditions, parse};
    /// let c = &conditions::of(&parse("1/x").unwrap()).list[0];
    /// assert!(c.holds(&[("x", 2.0)]));
    /// assert!(!c.holds(&[("x", 0.0)]));
    /// ```
    pub fn holds(&self, point: &[(&str, f64)]) -> bool {
        self.holds_for(self.subject.eval(point).unwrap_or(f64::NAN))
    }

    /// Whether the condition holds where its subject has the value
    /// `subject` (`false` for NaN): what a compiled evaluator of the
    /// subjects checks at many points at once.
    ///
    /// ```
    /// use symdiff::{calculus::conditions, parse};
    /// let c = &conditions::of(&parse("abs(x)").unwrap()).list[0];
    /// assert!(c.holds_for(-1.0));
    /// assert!(!c.holds_for(0.0) && !c.holds_for(f64::NAN));
    /// ```
    pub fn holds_for(&self, subject: f64) -> bool {
        // The bound is a number; reading it directly keeps this cheap
        // enough to run once per point of a large batch.
        let bound = (self.bound.as_number().map(Number::to_f64))
            .or_else(|| self.bound.eval(&[]).ok())
            .unwrap_or(0.0);
        !subject.is_nan() && self.relation.holds(subject, bound)
    }

    /// The condition in LaTeX.
    ///
    /// ```
    /// use symdiff::{calculus::conditions, parse};
    /// let c = &conditions::of(&parse("sqrt(x)").unwrap()).list[0];
    /// assert_eq!(c.to_latex(), r"x \geq 0");
    /// ```
    pub fn to_latex(&self) -> String {
        let (s, b) = (self.subject.to_latex(), self.bound.to_latex());
        if self.relation.has_bound() {
            format!("{s} {} {b}", self.relation.latex())
        } else {
            format!("{s} {}", self.relation.latex())
        }
    }
}

/// Why a point is outside the conditions.
///
/// ```
/// use symdiff::{calculus::conditions, parse};
/// let v = conditions::of(&parse("abs(x)").unwrap()).check(&[("x", 0.0)]).unwrap();
/// assert_eq!(v.to_string(), "not differentiable at x = 0");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    /// The condition that fails.
    pub condition: Condition,
    /// The point, as `(variable, value)` pairs.
    pub point: Vec<(String, f64)>,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at: Vec<String> = self
            .point
            .iter()
            .map(|(n, v)| format!("{n} = {v}"))
            .collect();
        write!(f, "{} at {}", self.condition.kind.message(), at.join(", "))
    }
}

/// The conditions under which an expression and its derivatives hold.
///
/// ```
/// use symdiff::{calculus::conditions, parse};
/// assert_eq!(conditions::of(&parse("x^x").unwrap()).to_string(), "x > 0");
/// assert_eq!(conditions::of(&parse("ln(x^2) + 1/x").unwrap()).to_string(), "x ≠ 0");
/// assert!(conditions::of(&parse("sin(x)").unwrap()).is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Conditions {
    /// Every condition, inner expressions first, without duplicates; the
    /// same subject may appear once per [`Kind`].
    pub list: Vec<Condition>,
}

/// The conditions of `expr` over the reals: where it is defined and where
/// its derivatives exist.
///
/// ```
/// use symdiff::{calculus::conditions, parse};
/// let c = conditions::of(&parse("sqrt(x)").unwrap());
/// assert_eq!(c.to_string(), "x > 0");
/// assert_eq!(c.check(&[("x", 0.0)]).unwrap().to_string(), "vertical tangent at x = 0");
/// assert_eq!(c.check(&[("x", -1.0)]).unwrap().to_string(), "undefined at x = -1");
/// ```
pub fn of(expr: &Expr) -> Conditions {
    of_all(std::slice::from_ref(expr))
}

/// The conditions of all of `exprs` together, each once, in the order
/// [`of`] would give them one expression after another; one walk over
/// the nodes they share (the entries of a gradient share most of theirs).
///
/// ```
/// use symdiff::{calculus::conditions, parse};
/// let entries = [parse("1/x").unwrap(), parse("ln(y)/x").unwrap()];
/// assert_eq!(conditions::of_all(&entries).to_string(), "x ≠ 0, y > 0");
/// ```
pub fn of_all(exprs: &[Expr]) -> Conditions {
    let mut raw = Vec::new();
    walk::postorder_all(exprs, |_| true, |e| node_conditions(e, &mut raw));
    let mut list: Vec<Condition> = Vec::new();
    for c in raw.into_iter().filter_map(simplified) {
        if !list.contains(&c) {
            list.push(c);
        }
    }
    Conditions { list }
}

/// What each kind of node requires of its operands: powers by their
/// exponent, calls as the function registry declares.
fn node_conditions(e: &Expr, out: &mut Vec<Condition>) {
    use Kind::*;
    use Relation::*;
    match e.node() {
        Node::Pow([base, exp]) => match exp.as_number() {
            Some(n) if n.is_integer() && n.is_negative() => {
                out.push(Condition::new(base, NotEqual, 0, Undefined));
            }
            Some(n) if n.is_integer() => {}
            Some(n) => {
                // Real powers of negative numbers are left undefined, as
                // the evaluator does.
                let rel = if n.is_negative() {
                    Greater
                } else {
                    GreaterOrEqual
                };
                out.push(Condition::new(base, rel, 0, Undefined));
                if n.to_f64() < 1.0 {
                    out.push(Condition::new(base, Greater, 0, VerticalTangent));
                }
            }
            None if sign_of(base) != Some(Sign::Positive) => {
                out.push(Condition::new(base, Greater, 0, Undefined));
            }
            None => {}
        },
        Node::Call(func, args) => {
            let declared = func.def().map(|d| (d.requires)(args)).unwrap_or_default();
            out.extend(declared.into_iter().map(|r| Condition {
                subject: r.subject,
                relation: r.relation,
                bound: Expr::int(r.bound),
                kind: r.kind,
            }));
        }
        _ => {}
    }
}

/// What is known of an expression's sign everywhere it is defined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sign {
    Positive,
    NonNegative,
}

/// Expressions nested deeper than this are not looked into: their sign
/// stays unknown, and the condition on them stays as it is.
const MAX_SIGN_DEPTH: usize = 64;

fn sign_of(e: &Expr) -> Option<Sign> {
    sign_within(e, MAX_SIGN_DEPTH)
}

fn sign_within(e: &Expr, depth: usize) -> Option<Sign> {
    let depth = depth.checked_sub(1)?;
    let sign_of = |e: &Expr| sign_within(e, depth);
    let both = |a: Option<Sign>, b: Option<Sign>| match (a?, b?) {
        (Sign::Positive, Sign::Positive) => Some(Sign::Positive),
        _ => Some(Sign::NonNegative),
    };
    match e.node() {
        Node::Num(n) if n.is_zero() => Some(Sign::NonNegative),
        Node::Num(n) => (!n.is_negative()).then_some(Sign::Positive),
        Node::Const(Constant::Pi | Constant::E) => Some(Sign::Positive),
        Node::Call(f, _) => match f.def().map(|d| d.values) {
            Some(Values::Positive) => Some(Sign::Positive),
            Some(Values::NonNegative) => Some(Sign::NonNegative),
            Some(Values::Real) | None => None,
        },
        Node::Pow([base, exp]) => match exp.as_number() {
            Some(n) if n.is_integer() && n.to_i64().is_some_and(|k| k % 2 == 0) => {
                Some(sign_of(base).unwrap_or(Sign::NonNegative))
            }
            Some(n) if !n.is_integer() => Some(sign_of(base).unwrap_or(Sign::NonNegative)),
            _ => sign_of(base),
        },
        Node::Mul(factors) => factors.iter().map(sign_of).reduce(both).flatten(),
        Node::Add(terms) => {
            let signs: Option<Vec<Sign>> = terms.iter().map(sign_of).collect();
            let signs = signs?;
            Some(if signs.contains(&Sign::Positive) {
                Sign::Positive
            } else {
                Sign::NonNegative
            })
        }
        _ => None,
    }
}

/// `c` in its simplest form, or `None` when it always holds.
fn simplified(mut c: Condition) -> Option<Condition> {
    use Relation::*;
    // Each round strips one layer (a coefficient, a power, a cube root)
    // off the subject, so the loop ends.
    loop {
        // A condition on constants (ln(2) ≠ 0) holds or fails now.
        if c.subject.free_symbols().is_empty() {
            return (!c.holds(&[])).then_some(c);
        }
        if !c.bound.is_zero() {
            return Some(c);
        }
        let sign = sign_of(&c.subject);
        match (c.relation, sign) {
            (Greater | NotEqual | NotNonPositiveInteger, Some(Sign::Positive))
            | (GreaterOrEqual, Some(_)) => return None,
            // A set, not a bound: nothing below applies.
            (NotNonPositiveInteger, _) => return Some(c),
            _ => {}
        }
        c = match c.subject.node() {
            // k*u compares as u does, with the sides swapped for a negative k.
            Node::Mul(_) if !c.subject.coefficient().is_one() => {
                let (k, rest) = c.subject.split_coefficient();
                let relation = if k.is_negative() {
                    c.relation.flipped()
                } else {
                    c.relation
                };
                Condition {
                    subject: rest,
                    relation,
                    ..c
                }
            }
            // w^n ≠ 0 and w^(2k) > 0 both say w ≠ 0; w^-n ≠ 0 always holds.
            Node::Pow([w, n]) if n.as_number().is_some_and(Number::is_integer) => {
                let negative = n.as_number().is_some_and(Number::is_negative);
                match c.relation {
                    NotEqual if negative => return None,
                    NotEqual => Condition::new(w, NotEqual, 0, c.kind),
                    Greater if sign == Some(Sign::NonNegative) => {
                        Condition::new(w, NotEqual, 0, c.kind)
                    }
                    _ => return Some(c),
                }
            }
            // A root is zero where its radicand is.
            Node::Call(Func::Cbrt, args) if c.relation == NotEqual => {
                Condition::new(&args[0], NotEqual, 0, c.kind)
            }
            Node::Num(_) | Node::Const(_) => return (!c.holds(&[])).then_some(c),
            _ => return Some(c),
        };
    }
}

impl Conditions {
    /// Whether there are no conditions (the result holds everywhere).
    ///
    /// ```
    /// assert!(symdiff::calculus::conditions::of(&symdiff::parse("x^2").unwrap()).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The conditions as a person states them: one per subject, each the
    /// strongest of that subject's (`x ≥ 0` and `x > 0` print as `x > 0`).
    ///
    /// ```
    /// use symdiff::{calculus::conditions, parse};
    /// let c = conditions::of(&parse("sqrt(x)*ln(x)").unwrap());
    /// assert_eq!(c.list.len(), 3);
    /// assert_eq!(c.stated().len(), 1);
    /// ```
    pub fn stated(&self) -> Vec<Condition> {
        let mut out: Vec<Condition> = Vec::new();
        for c in &self.list {
            match out
                .iter_mut()
                .find(|s| s.subject == c.subject && s.bound == c.bound)
            {
                Some(existing) => existing.relation = strongest(existing.relation, c.relation),
                None => out.push(c.clone()),
            }
        }
        out
    }

    /// The first condition `point` violates, domain conditions first.
    ///
    /// ```
    /// use symdiff::{calculus::conditions, parse};
    /// let c = conditions::of(&parse("1/x").unwrap());
    /// assert_eq!(c.check(&[("x", 0.0)]).unwrap().to_string(), "undefined at x = 0");
    /// assert!(c.check(&[("x", 1.0)]).is_none());
    /// ```
    pub fn check(&self, point: &[(&str, f64)]) -> Option<Violation> {
        let mut sorted: Vec<&Condition> = self.list.iter().collect();
        sorted.sort_by_key(|c| c.kind);
        let failed = sorted.into_iter().find(|c| !c.holds(point))?;
        Some(Violation {
            condition: failed.clone(),
            point: point.iter().map(|(n, v)| (n.to_string(), *v)).collect(),
        })
    }

    /// The conditions in LaTeX, joined by commas.
    ///
    /// ```
    /// let c = symdiff::calculus::conditions::of(&symdiff::parse("1/x").unwrap());
    /// assert_eq!(c.to_latex(), r"x \neq 0");
    /// ```
    pub fn to_latex(&self) -> String {
        let parts: Vec<String> = self.stated().iter().map(Condition::to_latex).collect();
        parts.join(r",\ ")
    }

    /// The conditions as JSON: each with its kind (`domain`,
    /// `differentiable`, `finite_slope`).
    ///
    /// ```
    /// let c = symdiff::calculus::conditions::of(&symdiff::parse("abs(x)").unwrap());
    /// assert_eq!(c.to_json()[0]["condition"], "x ≠ 0");
    /// assert_eq!(c.to_json()[0]["kind"], "differentiable");
    /// ```
    pub fn to_json(&self) -> Value {
        let list: Vec<Value> = self
            .list
            .iter()
            .map(|c| {
                json!({"condition": c.to_string(), "latex": c.to_latex(), "kind": c.kind.name()})
            })
            .collect();
        Value::Array(list)
    }
}

/// The stronger of two relations on one subject and bound.
fn strongest(a: Relation, b: Relation) -> Relation {
    use Relation::*;
    match (a, b) {
        (x, y) if x == y => x,
        (Greater, _) | (_, Greater) => Greater,
        (Less, _) | (_, Less) => Less,
        (GreaterOrEqual, NotEqual) | (NotEqual, GreaterOrEqual) => Greater,
        (LessOrEqual, NotEqual) | (NotEqual, LessOrEqual) => Less,
        (x, _) => x,
    }
}

/// The conditions joined by commas: `x > 0, y ≠ 0`.
impl std::fmt::Display for Conditions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.stated().iter().map(Condition::to_string).collect();
        f.write_str(&parts.join(", "))
    }
}
