//! "Check my answer": whether two expressions are the same function.
//!
//! Structural equality says nothing about `x^x*(ln(x) + 1)` against
//! `exp(x*ln(x))*ln(x) + x^x`. [`equivalent`] first simplifies the
//! difference `a - b`; when that is not 0 it compares values at random
//! points of the common domain. Points where a side has no value, or where
//! a domain condition of either side fails, are skipped. Where the two
//! agree but one side is defined on less (`(x^2 - 1)/(x - 1)` against `x + 1`),
//! the verdict names the conditions under which they are equal.

use crate::calculus::conditions::{self, Condition, Kind, Relation};
use crate::expr::{walk, Expr, Func, Node};
use crate::numeric::format_value;
use crate::simplify::simplify;
use serde_json::{json, Value};

/// Points compared before two expressions are called equal.
///
/// ```
/// assert!(symdiff::calculus::equivalent::POINTS >= symdiff::calculus::equivalent::MIN_POINTS);
/// ```
pub const POINTS: usize = 40;

/// Fewest points that must be compared before anything is called equal.
///
/// ```
/// use symdiff::{calculus::equivalent::MIN_POINTS, equivalent, parse, Equivalence};
/// // Defined only where |x| ≥ 9.99 or so, beyond every random point.
/// let v = equivalent(&parse("sqrt(x^2 - 99.9)").unwrap(), &parse("sqrt(x^2 - 99.9) + sin(x)^2").unwrap());
/// assert!(matches!(v, Equivalence::Undecided { compared, .. } if compared < MIN_POINTS));
/// ```
pub const MIN_POINTS: usize = 10;

/// Random points tried, at most, to find [`POINTS`] in the common domain.
const CANDIDATES: usize = 400;

/// Values `l` and `r` agree when `|l - r| ≤ RELATIVE·max(|l|, |r|) + ABSOLUTE`.
///
/// ```
/// use symdiff::{equivalent, parse};
/// // 1e-12 relative apart: rounding, not a different answer.
/// assert!(equivalent(&parse("exp(x)").unwrap(), &parse("exp(x)*(1 + 10^-12)").unwrap()).is_equal());
/// assert!(!equivalent(&parse("exp(x)").unwrap(), &parse("exp(x)*(1 + 10^-6)").unwrap()).is_equal());
/// ```
pub const RELATIVE: f64 = 1e-9;

/// See [`RELATIVE`]: what rounding leaves of a difference of values near 1.
///
/// ```
/// assert!(symdiff::calculus::equivalent::ABSOLUTE < symdiff::calculus::equivalent::RELATIVE);
/// ```
pub const ABSOLUTE: f64 = 1e-12;

/// How two expressions compare, as functions over the reals.
///
/// ```
/// use symdiff::{equivalent, parse, Equivalence};
/// let expected = parse("x^x*(ln(x) + 1)").unwrap();
/// assert_eq!(equivalent(&expected, &parse("x^x*ln(x) + exp(x*ln(x))").unwrap()), Equivalence::Equal);
/// let wrong = equivalent(&expected, &parse("x*x^(x - 1)").unwrap());
/// assert!(!wrong.is_equal());
/// assert!(wrong.to_string().starts_with("not equal: at x = "));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Equivalence {
    /// Equal wherever both are defined, on the same domain.
    Equal,
    /// Equal except where these conditions fail (e.g. x ≠ 0): one side is
    /// defined where the other is not.
    EqualWhere(Vec<Condition>),
    /// Differ at `point`: `left` is a's value there, `right` is b's.
    NotEqual {
        /// The point, as `(variable, value)` pairs in natural order.
        point: Vec<(String, f64)>,
        /// The value of the first expression (the expected answer).
        left: f64,
        /// The value of the second expression (the answer checked).
        right: f64,
    },
    /// Not decided: the difference does not simplify to 0 and too few
    /// points could be compared (an undefined function such as `f(x)` has
    /// no value; the two domains may hardly meet).
    Undecided {
        /// How many points were compared (fewer than [`MIN_POINTS`]).
        compared: usize,
        /// Why, in words.
        reason: String,
    },
}

impl Equivalence {
    /// Whether the two are equal, everywhere or where the conditions hold.
    ///
    /// ```
    /// use symdiff::{equivalent, parse};
    /// assert!(equivalent(&parse("2*x").unwrap(), &parse("x + x").unwrap()).is_equal());
    /// assert!(!equivalent(&parse("2*x").unwrap(), &parse("x^2").unwrap()).is_equal());
    /// ```
    pub fn is_equal(&self) -> bool {
        matches!(self, Equivalence::Equal | Equivalence::EqualWhere(_))
    }

    /// The verdict as JSON: `equal` (a bool), `verdict` (its first words:
    /// `equal`, `equal where x ≠ 0`, `not equal`, `undecided`), `where`
    /// (the conditions, as text), and for a difference the `point` with the
    /// `expected` and `answer` values there.
    ///
    /// ```
    /// use symdiff::{equivalent, parse};
    /// let json = equivalent(&parse("cos(x)").unwrap(), &parse("-cos(x)").unwrap()).to_json();
    /// assert_eq!(json["equal"], false);
    /// assert_eq!(json["verdict"], "not equal");
    /// let x = json["point"]["x"].as_f64().unwrap();
    /// assert_eq!(json["answer"].as_f64().unwrap(), -x.cos());
    /// ```
    pub fn to_json(&self) -> Value {
        let conditions: Vec<String> = match self {
            Equivalence::EqualWhere(list) => list.iter().map(Condition::to_string).collect(),
            _ => Vec::new(),
        };
        let mut out = json!({
            "equal": self.is_equal(),
            "verdict": self.verdict(),
            "where": conditions,
        });
        match self {
            Equivalence::NotEqual { point, left, right } => {
                let at: serde_json::Map<String, Value> =
                    point.iter().map(|(n, v)| (n.clone(), json!(v))).collect();
                out["point"] = Value::Object(at);
                out["expected"] = json!(left);
                out["answer"] = json!(right);
            }
            Equivalence::Undecided { compared, reason } => {
                out["compared"] = json!(compared);
                out["reason"] = json!(reason);
            }
            _ => {}
        }
        out
    }

    /// The short verdict: the text up to the first colon.
    fn verdict(&self) -> String {
        match self {
            Equivalence::Equal => "equal".into(),
            Equivalence::EqualWhere(list) => {
                let parts: Vec<String> = list.iter().map(Condition::to_string).collect();
                format!("equal where {}", parts.join(", "))
            }
            Equivalence::NotEqual { .. } => "not equal".into(),
            Equivalence::Undecided { .. } => "undecided".into(),
        }
    }
}

/// `equal`, `equal where x ≠ 0`, `not equal: at x = 0.5 the derivative is
/// 0.215811…, yours is 0.8`, or `undecided: …`; long values are cut to six
/// significant digits and marked `…`.
impl std::fmt::Display for Equivalence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.verdict())?;
        match self {
            Equivalence::NotEqual { point, left, right } => {
                let at: Vec<String> = point
                    .iter()
                    .map(|(n, v)| format!("{n} = {}", short(*v)))
                    .collect();
                let at = if at.is_empty() {
                    String::new()
                } else {
                    format!("at {} ", at.join(", "))
                };
                write!(
                    f,
                    ": {at}the derivative is {}, yours is {}",
                    short(*left),
                    short(*right)
                )
            }
            Equivalence::Undecided { reason, .. } => write!(f, ": {reason}"),
            _ => Ok(()),
        }
    }
}

/// `v` as written in full when that is short, else to six significant
/// digits followed by `…`.
fn short(v: f64) -> String {
    let full = format_value(v);
    if full.len() <= 9 || !v.is_finite() {
        return full;
    }
    let magnitude = v.abs().log10().floor() as i32;
    let cut = if (-4..6).contains(&magnitude) {
        let decimals = (5 - magnitude).max(0) as usize;
        let text = format!("{v:.decimals$}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        format!("{v:.5e}")
    };
    format!("{cut}…")
}

/// Whether `a` and `b` are the same function, and if not where they differ.
///
/// `a` is the expected answer, `b` the answer checked. The difference
/// `a - b` is simplified first; when it is 0 the two are equal. Otherwise
/// they are compared at [`POINTS`] (40) pseudo-random points of their
/// common domain (each variable in `[-0.5, 0.5]`, `[-2, 2]` or `[-8, 8]` in
/// turn, to three decimals, from a fixed seed, so the answer is always the
/// same), skipping points where either has no value or a domain condition
/// fails, out of at most 400 tried. Two values agree when they differ by at
/// most [`RELATIVE`]`·max(|l|, |r|) + `[`ABSOLUTE`] (1e-9 relative,
/// 1e-12 absolute). Fewer than [`MIN_POINTS`] (10) compared points, or an
/// undefined function such as `f(x)` (no value), give
/// [`Equivalence::Undecided`], never "equal".
///
/// A difference is reported at the simplest point that shows it (values
/// such as 0.5, 1.5, 2, tried before the random point it was found at).
///
/// ```
/// use symdiff::{equivalent, parse, Equivalence};
/// let e = |a: &str, b: &str| equivalent(&parse(a).unwrap(), &parse(b).unwrap());
/// assert_eq!(e("sin(2*x)", "2*sin(x)*cos(x)"), Equivalence::Equal);
/// assert_eq!(e("ln(x^2)", "2*ln(x)").to_string(), "equal where x > 0");
/// assert_eq!(
///     e("cos(x)", "sin(x)").to_string(),
///     "not equal: at x = 0.5 the derivative is 0.877583…, yours is 0.479426…"
/// );
/// assert!(matches!(e("f(x)", "f(x) + 0*g(x) + sin(x)^2 + cos(x)^2 - 1"), Equivalence::Equal));
/// assert!(matches!(e("f(x)", "g(x)"), Equivalence::Undecided { .. }));
/// ```
pub fn equivalent(a: &Expr, b: &Expr) -> Equivalence {
    equivalent_derivative(a, b, &Expr::int(0))
}

/// Like [`equivalent`], for `a` the derivative of `function`: it has the
/// poles of `function` (its `≠` conditions) even where a cancelled form of
/// it is defined more widely (`(x^2 - 1)/(x - 1)` has the derivative 1,
/// for x ≠ 1). Its other conditions (`x > 0` of `ln(x)`) are not asked of
/// an answer: `x^-1` is the derivative of `ln(x)` as it stands.
///
/// ```
/// use symdiff::{calculus::equivalent::equivalent_derivative, parse};
/// let f = parse("(x^2 - 1)/(x - 1)").unwrap();
/// let one = parse("1").unwrap();
/// let v = equivalent_derivative(&one, &one, &f);
/// assert_eq!(v.to_string(), "equal where x ≠ 1");
/// ```
pub fn equivalent_derivative(a: &Expr, b: &Expr, function: &Expr) -> Equivalence {
    let names: Vec<String> = variables(&[a, b]).iter().map(Expr::to_string).collect();
    let points = candidates(&names);
    let mut dom_a = domain(a);
    for c in domain(function) {
        if c.relation == Relation::NotEqual && !dom_a.contains(&c) {
            dom_a.push(c);
        }
    }
    decide(a, b, dom_a, &points, &nice_points(&names), names.is_empty())
}

/// Like [`equivalent`], for two expressions compared only on the curve
/// `h = 0` (an implicit derivative is right on its curve, where the
/// equation holds, and may differ off it). Each random point is moved onto
/// the curve by Newton's method in `y` (to |h| ≤ 1e-12, at most 50 steps);
/// points that do not reach it are skipped.
///
/// ```
/// use symdiff::{calculus::equivalent::equivalent_on_curve, parse, Expr};
/// let h = parse("x^2 + y^2 - 1").unwrap();
/// let y = Expr::symbol("y");
/// let ours = parse("-1/y^3").unwrap();
/// let v = equivalent_on_curve(&ours, &parse("-(x^2 + y^2)/y^3").unwrap(), &h, &y);
/// assert!(v.is_equal());
/// let v = equivalent_on_curve(&ours, &parse("-x/y^3").unwrap(), &h, &y);
/// assert!(v.to_string().starts_with("not equal: at x = 0.5, y = 0.866025…"));
/// ```
pub fn equivalent_on_curve(a: &Expr, b: &Expr, h: &Expr, y: &Expr) -> Equivalence {
    let names: Vec<String> = variables(&[a, b, h]).iter().map(Expr::to_string).collect();
    let h_y = simplify(&crate::calculus::diff::derivative(h, y));
    let y = y.to_string();
    let onto = |p: Point| onto_curve(h, &h_y, &y, p);
    let points: Vec<Point> = candidates(&names).into_iter().filter_map(onto).collect();
    let nice: Vec<Point> = nice_points(&names).into_iter().filter_map(onto).collect();
    decide(a, b, domain(a), &points, &nice, false)
}

/// `point` with its `y` moved onto `h = 0` by Newton's method.
fn onto_curve(h: &Expr, h_y: &Expr, y: &str, mut point: Point) -> Option<Point> {
    let k = point.iter().position(|(n, _)| n == y)?;
    for _ in 0..50 {
        let at: Vec<(&str, f64)> = point.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        let value = h.eval(&at).ok().filter(|v| v.is_finite())?;
        if value.abs() <= 1e-12 {
            return Some(point);
        }
        let slope = h_y.eval(&at).ok().filter(|v| v.is_finite() && *v != 0.0)?;
        point[k].1 -= value / slope;
    }
    None
}

/// The verdict from the values at `points` (and, for a difference, the
/// first of `nice` that shows it); `constant` when there are no variables,
/// so one point is enough.
fn decide(
    a: &Expr,
    b: &Expr,
    dom_a: Vec<Condition>,
    points: &[Point],
    nice: &[Point],
    constant: bool,
) -> Equivalence {
    let dom_b = domain(b);
    let symbolic = simplify(&(a.clone() - b.clone())).is_zero();
    if !symbolic {
        if let Some(f) = [a, b].into_iter().find_map(undefined_function) {
            return Equivalence::Undecided {
                compared: 0,
                reason: format!(
                    "{f} is an undefined function, so the two cannot be compared by value"
                ),
            };
        }
        let both = Side::both(a, b, &dom_a, &dom_b);
        let mut compared = 0;
        for point in points {
            let Some((l, r)) = both.values(point) else {
                continue;
            };
            if !agree(l, r) {
                let point = nicest_difference(&both, nice).unwrap_or_else(|| point.clone());
                let (left, right) = both.values(&point).unwrap_or((l, r));
                return Equivalence::NotEqual { point, left, right };
            }
            compared += 1;
            if compared == POINTS {
                break;
            }
        }
        let needed = if constant { 1 } else { MIN_POINTS };
        if compared < needed {
            return Equivalence::Undecided {
                compared,
                reason: format!(
                    "both are defined at only {compared} of the {CANDIDATES} random points tried (at least {needed} are needed)"
                ),
            };
        }
    }
    let mut extra = missing(&dom_a, &dom_b, points);
    for c in missing(&dom_b, &dom_a, points) {
        if !extra.contains(&c) {
            extra.push(c);
        }
    }
    let extra = without_redundant(extra, points);
    if extra.is_empty() {
        Equivalence::Equal
    } else {
        Equivalence::EqualWhere(extra.into_iter().map(restated).collect())
    }
}

/// `x - 1 ≠ 0` as a person writes it, `x ≠ 1`: a variable plus a number
/// compared with 0 becomes the variable compared with the number.
fn restated(c: Condition) -> Condition {
    let Node::Add(terms) = c.subject.node() else {
        return c;
    };
    match (&terms[..], c.bound.is_zero()) {
        ([n, v], true) | ([v, n], true) if n.as_number().is_some() && v.as_symbol().is_some() => {
            Condition {
                subject: v.clone(),
                bound: -n.clone(),
                ..c
            }
        }
        _ => c,
    }
}

/// The variables of any of `exprs`, in natural order.
fn variables(exprs: &[&Expr]) -> Vec<Expr> {
    let mut vars: Vec<Expr> = Vec::new();
    for v in exprs.iter().flat_map(|e| e.free_symbols()) {
        if !vars.contains(&v) {
            vars.push(v);
        }
    }
    vars.sort_by(|p, q| crate::natural_cmp(&p.to_string(), &q.to_string()));
    vars
}

/// Where `e` has a real value: its domain conditions, one per subject.
fn domain(e: &Expr) -> Vec<Condition> {
    let list = conditions::of(e)
        .list
        .into_iter()
        .filter(|c| c.kind == Kind::Undefined)
        .collect();
    conditions::Conditions { list }.stated()
}

/// The first undefined function called in `e`, by name.
fn undefined_function(e: &Expr) -> Option<String> {
    let mut found: Option<String> = None;
    walk::postorder(
        e,
        |_| true,
        |n| {
            if let Node::Call(Func::Undefined(f), _) = n.node() {
                found.get_or_insert_with(|| f.name.to_string());
            }
        },
    );
    found
}

/// A point as `(variable, value)` pairs.
type Point = Vec<(String, f64)>;

/// The pseudo-random points, each variable in a range of its own scale.
fn candidates(names: &[String]) -> Vec<Point> {
    if names.is_empty() {
        return vec![Vec::new()];
    }
    let mut state: u64 = 0x5eed_cafe_f00d_0001;
    let mut next = move || {
        // splitmix64: a fixed seed, so every run checks the same points.
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..CANDIDATES)
        .map(|i| {
            let scale = [0.5, 2.0, 8.0][i % 3];
            names
                .iter()
                .map(|n| {
                    let v = (2.0 * next() - 1.0) * scale;
                    (n.clone(), (v * 1000.0).round() / 1000.0)
                })
                .collect()
        })
        .collect()
}

/// Simple points to show a difference at: every variable one of these,
/// shifted per variable so that they differ.
const NICE: [f64; 12] = [
    0.5, 1.5, 2.0, 0.25, 3.0, -0.5, -1.5, -2.0, 1.0, -1.0, 0.75, 2.5,
];

/// The expressions compared, with the conditions that bound their domains.
struct Side<'a> {
    exprs: [&'a Expr; 2],
    conditions: Vec<&'a Condition>,
}

impl<'a> Side<'a> {
    fn both(a: &'a Expr, b: &'a Expr, dom_a: &'a [Condition], dom_b: &'a [Condition]) -> Self {
        Side {
            exprs: [a, b],
            conditions: dom_a.iter().chain(dom_b).collect(),
        }
    }

    /// Both values at `point`, when both are finite and every domain
    /// condition holds there.
    fn values(&self, point: &[(String, f64)]) -> Option<(f64, f64)> {
        let at: Vec<(&str, f64)> = point.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        if !self.conditions.iter().all(|c| c.holds(&at)) {
            return None;
        }
        let l = self.exprs[0].eval(&at).ok().filter(|v| v.is_finite())?;
        let r = self.exprs[1].eval(&at).ok().filter(|v| v.is_finite())?;
        Some((l, r))
    }
}

fn agree(l: f64, r: f64) -> bool {
    (l - r).abs() <= RELATIVE * l.abs().max(r.abs()) + ABSOLUTE
}

/// The first simple point where the two clearly differ (by more than a
/// millionth), so that the numbers shown differ visibly.
fn nicest_difference(both: &Side, nice: &[Point]) -> Option<Point> {
    nice.iter().find_map(|point| {
        let (l, r) = both.values(point)?;
        ((l - r).abs() > 1e-6 * l.abs().max(r.abs()).max(1.0)).then(|| point.clone())
    })
}

/// The simple points, every variable one of [`NICE`], shifted per variable.
fn nice_points(names: &[String]) -> Vec<Point> {
    (0..NICE.len())
        .map(|i| {
            names
                .iter()
                .enumerate()
                .map(|(k, n)| (n.clone(), NICE[(i + 3 * k) % NICE.len()]))
                .collect()
        })
        .collect()
}

/// The conditions of `mine` that `theirs` does not imply: where the side
/// with `mine` is undefined and the other is not.
fn missing(mine: &[Condition], theirs: &[Condition], points: &[Point]) -> Vec<Condition> {
    mine.iter()
        .filter(|c| !implied(c, theirs, points))
        .cloned()
        .collect()
}

/// `extra` without the conditions the others imply (`x ≠ 0` beside `x > 0`).
fn without_redundant(mut extra: Vec<Condition>, points: &[Point]) -> Vec<Condition> {
    let mut i = 0;
    while i < extra.len() {
        let others: Vec<Condition> = (0..extra.len())
            .filter(|&k| k != i)
            .map(|k| extra[k].clone())
            .collect();
        if implied(&extra[i], &others, points) {
            extra.remove(i);
        } else {
            i += 1;
        }
    }
    extra
}

/// Whether `c` holds wherever all of `given` do. A condition on the same
/// subject decides it (`x > 0` implies `x ≠ 0`); otherwise a strict or
/// non-strict inequality is implied when it holds at every sample point
/// where `given` does. An equation's complement (`u ≠ 0`) fails on a set
/// random points miss, so it is implied only by a condition on its subject.
fn implied(c: &Condition, given: &[Condition], points: &[Point]) -> bool {
    let same_subject: Vec<Relation> = given.iter().filter_map(|g| relation_on(g, c)).collect();
    if !same_subject.is_empty() {
        return same_subject.iter().any(|&r| implies(r, c.relation));
    }
    if c.relation == Relation::NotEqual {
        return false;
    }
    let mut inside = 0;
    for point in points {
        let at: Vec<(&str, f64)> = point.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        if given.iter().all(|g| g.holds(&at)) {
            if !c.holds(&at) {
                return false;
            }
            inside += 1;
        }
    }
    inside > 0
}

/// `g`'s relation restated on `c`'s subject and bound, when `g` is about
/// the same subject up to a constant factor (`2*x > 0` is `x > 0`,
/// `-x < 0` is `x > 0`).
fn relation_on(g: &Condition, c: &Condition) -> Option<Relation> {
    if g.bound != c.bound {
        return None;
    }
    if g.subject == c.subject {
        return Some(g.relation);
    }
    if !c.bound.is_zero() {
        return None;
    }
    let ratio = simplify(&(g.subject.clone() / c.subject.clone()));
    let k = ratio.as_number()?;
    if k.is_zero() {
        return None;
    }
    Some(if k.is_negative() {
        g.relation.flipped()
    } else {
        g.relation
    })
}

/// Whether `a` implies `b` on one subject and bound.
fn implies(a: Relation, b: Relation) -> bool {
    use Relation::*;
    a == b
        || matches!(
            (a, b),
            (Greater, GreaterOrEqual | NotEqual) | (Less, LessOrEqual | NotEqual)
        )
}
