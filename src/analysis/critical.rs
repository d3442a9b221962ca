//! Critical points: where the derivative vanishes, and what the function
//! does there.
//!
//! One variable: the roots of `f'` on a range, in closed form when `f'` is a
//! polynomial whose roots are reachable (rational roots, the quadratic
//! formula, Cardano's formula for a cubic with one real root, `y = x^2`),
//! otherwise by bracketing sign changes and refining
//! with safeguarded Newton steps; each classified by the second-derivative
//! test and, when that is inconclusive, by the sign change of `f'`.
//! Several variables: Newton's method on the gradient from a start point,
//! classified by the eigenvalues of the Hessian.

use super::linalg::{solve, symmetric_eigenvalues};
use super::{check_dimension, norm, show_point, value, AnalysisError, Compiled};
use crate::calculus::conditions::{self, Kind};
use crate::expr::Expr;
use crate::{hessian, simplify};

/// Grid cells in which sign changes of `f'` are sought.
const GRID: usize = 2000;

/// What a critical point is.
///
/// ```
/// assert_eq!(symdiff::analysis::Nature::Saddle.name(), "saddle point");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nature {
    /// A local minimum.
    Minimum,
    /// A local maximum.
    Maximum,
    /// A saddle point (the Hessian has eigenvalues of both signs).
    Saddle,
    /// `f'` keeps its sign through the point: no extremum (`x^3` at 0).
    NotExtremum,
    /// The tests available cannot tell.
    Inconclusive,
}

impl Nature {
    /// The nature in words.
    ///
    /// ```
    /// assert_eq!(symdiff::analysis::Nature::NotExtremum.name(), "not an extremum");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Nature::Minimum => "minimum",
            Nature::Maximum => "maximum",
            Nature::Saddle => "saddle point",
            Nature::NotExtremum => "not an extremum",
            Nature::Inconclusive => "inconclusive",
        }
    }
}

/// A critical point of a function of one variable.
///
/// ```
/// use symdiff::{analysis::{critical_points, Nature}, parse, Expr};
/// let p = &critical_points(&parse("x^2 - 2*x").unwrap(), &Expr::symbol("x"), (-5.0, 5.0)).unwrap()[0];
/// assert_eq!((p.x, p.value.to_string(), p.nature), (1.0, "-1".to_string(), Nature::Minimum));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct CriticalPoint {
    /// The point in closed form, when it has one.
    pub exact: Option<Expr>,
    /// The point as a double.
    pub x: f64,
    /// `f` there: exact when the point is.
    pub value: Expr,
    /// `f''` there, exact when the point is; `None` where `f'` itself does
    /// not exist (a corner or a vertical tangent).
    pub second: Option<Expr>,
    /// What the point is.
    pub nature: Nature,
    /// Whether the nature comes from the sign change of `f'` (the second
    /// derivative being zero there).
    pub by_sign_change: bool,
}

/// The critical points of `f` in `var` on `range`, in increasing order.
///
/// ```
/// use symdiff::{analysis::{critical_points, Nature}, parse, Expr};
/// let f = parse("x^4/4 - x^2 + 1/2").unwrap();
/// let points = critical_points(&f, &Expr::symbol("x"), (-10.0, 10.0)).unwrap();
/// let shown: Vec<String> = points.iter().map(|p| p.exact.as_ref().unwrap().to_string()).collect();
/// assert_eq!(shown, ["-sqrt(2)", "0", "sqrt(2)"]);
/// assert_eq!(points[0].value.to_string(), "-1/2");
/// assert_eq!(points[1].nature, Nature::Maximum);
/// let cubic = critical_points(&parse("x^3").unwrap(), &Expr::symbol("x"), (-1.0, 1.0)).unwrap();
/// assert_eq!(cubic[0].nature, Nature::NotExtremum);
/// let corner = critical_points(&parse("abs(x)").unwrap(), &Expr::symbol("x"), (-1.0, 1.0)).unwrap();
/// assert_eq!((corner[0].second.is_none(), corner[0].nature), (true, Nature::Minimum));
/// ```
pub fn critical_points(
    f: &Expr,
    var: &Expr,
    range: (f64, f64),
) -> Result<Vec<CriticalPoint>, AnalysisError> {
    let (a, b) = range;
    if !(a < b && a.is_finite() && b.is_finite()) {
        return Err(AnalysisError::BadRange(a, b));
    }
    let df = f.diff(var);
    if df.is_zero() {
        // A constant has no isolated critical points.
        return Ok(Vec::new());
    }
    let d2f = df.diff(var);
    let vars = std::slice::from_ref(var);
    let mut roots: Vec<(Option<Expr>, f64, bool)> = roots_in(&df, &d2f, var, a, b)
        .into_iter()
        .map(|(exact, x)| (exact, x, true))
        .collect();
    roots.extend(
        no_derivative(f, var, a, b)
            .into_iter()
            .map(|(exact, x)| (exact, x, false)),
    );
    roots.sort_by(|p, q| p.1.total_cmp(&q.1));
    // A point in both lists is one where f' does not exist.
    roots.dedup_by(|later, earlier| {
        let same = (later.1 - earlier.1).abs() <= 1e-9 * (1.0 + earlier.1.abs());
        if same && !later.2 {
            std::mem::swap(later, earlier);
        }
        same
    });
    let xs: Vec<f64> = roots.iter().map(|(_, x, _)| *x).collect();
    let df_at = Compiled::new(std::slice::from_ref(&df), vars);
    roots
        .into_iter()
        .enumerate()
        .map(|(i, (exact, x, differentiable))| {
            let at = |e: &Expr| match &exact {
                Some(r) => Ok(simplify(&e.substitute(var, r))),
                None => value(e, vars, &[x]).map(number),
            };
            let value = at(f)?;
            let second = if differentiable {
                Some(at(&d2f)?)
            } else {
                None
            };
            let s = second.as_ref().map_or(0.0, value_of);
            let scale = 1.0 + value_of(&value).abs();
            let mut point = CriticalPoint {
                exact,
                x,
                value,
                second,
                nature: if s > 1e-9 * scale {
                    Nature::Minimum
                } else if s < -1e-9 * scale {
                    Nature::Maximum
                } else {
                    Nature::Inconclusive
                },
                by_sign_change: false,
            };
            if point.nature == Nature::Inconclusive {
                // Half the gap to the nearest other critical point, so the
                // probes stay on this point's side of its neighbours.
                let gap = xs
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, y)| (y - x).abs() / 2.0)
                    .fold(1e-3 * (1.0 + x.abs()), f64::min);
                point.nature = sign_change(&df_at, x, gap);
                point.by_sign_change = true;
            }
            Ok(point)
        })
        .collect()
}

/// The zeros of `g` in `[a, b]`: in closed form when `g` is a polynomial
/// whose roots have one, numeric otherwise (`dg` is `g'`).
fn roots_in(g: &Expr, dg: &Expr, var: &Expr, a: f64, b: f64) -> Vec<(Option<Expr>, f64)> {
    let exact = super::roots::exact_roots(g, var);
    match exact {
        Some(roots) => roots
            .into_iter()
            .filter_map(|r| {
                let x = r.eval(&[]).ok()?;
                (a..=b).contains(&x).then_some((Some(r), x))
            })
            .collect(),
        None => numeric_roots(g, dg, var, a, b)
            .into_iter()
            .map(|x| (None, x))
            .collect(),
    }
}

/// Points of `[a, b]` where `f` is defined but has no derivative (the
/// corner of `abs(x)`, the vertical tangent of `cbrt(x)`): the zeros of the
/// subjects of its differentiability conditions.
fn no_derivative(f: &Expr, var: &Expr, a: f64, b: f64) -> Vec<(Option<Expr>, f64)> {
    let vars = std::slice::from_ref(var);
    let defined = |x: f64| value(f, vars, &[x]).is_ok_and(f64::is_finite);
    conditions::of(f)
        .list
        .into_iter()
        .filter(|c| c.kind != Kind::Undefined && c.bound.is_zero())
        .flat_map(|c| {
            let du = c.subject.diff(var);
            roots_in(&c.subject, &du, var, a, b)
        })
        .filter(|(_, x)| defined(*x))
        .collect()
}

/// A double as an exact expression (its binary value, exactly).
fn number(x: f64) -> Expr {
    crate::parse(&format!("{x:e}")).unwrap_or_else(|_| Expr::int(0))
}

fn value_of(e: &Expr) -> f64 {
    e.eval(&[]).unwrap_or(f64::NAN)
}

/// The first-derivative test: the signs of `f'` just left and right of `x`.
fn sign_change(df: &Compiled, x: f64, h: f64) -> Nature {
    let (left, right) = (df.first_or_nan(&[x - h]), df.first_or_nan(&[x + h]));
    if left.is_nan() || right.is_nan() || left == 0.0 || right == 0.0 {
        Nature::Inconclusive
    } else if left < 0.0 && right > 0.0 {
        Nature::Minimum
    } else if left > 0.0 && right < 0.0 {
        Nature::Maximum
    } else {
        Nature::NotExtremum
    }
}

/// The roots of `g` on `[a, b]`: sign changes on a grid, each refined by
/// Newton steps kept inside the bracket (bisection when a step leaves it),
/// and touching zeros found by Newton from local minima of `|g|`. Poles
/// (sign changes through infinity) are not roots and are dropped.
fn numeric_roots(g: &Expr, dg: &Expr, var: &Expr, a: f64, b: f64) -> Vec<f64> {
    let vars = std::slice::from_ref(var);
    let (g, dg) = (
        Compiled::new(std::slice::from_ref(g), vars),
        Compiled::new(std::slice::from_ref(dg), vars),
    );
    let at = |x: f64| g.first_or_nan(&[x]);
    let slope = |x: f64| dg.first_or_nan(&[x]);
    let xs: Vec<f64> = (0..=GRID)
        .map(|i| a + (b - a) * i as f64 / GRID as f64)
        .collect();
    let gs: Vec<f64> = xs.iter().map(|&x| at(x)).collect();
    let mut roots = Vec::new();
    for i in 0..GRID {
        let (x0, x1, g0, g1) = (xs[i], xs[i + 1], gs[i], gs[i + 1]);
        if g0 == 0.0 {
            roots.push(x0);
        } else if g0.is_finite() && g1.is_finite() && g0.signum() != g1.signum() && g1 != 0.0 {
            let r = safeguarded_newton(&at, &slope, x0, x1);
            if at(r).abs() <= 1e-8 * (1.0 + g0.abs().min(g1.abs())) {
                roots.push(r);
            }
        } else if i > 0 && g0.abs() < gs[i - 1].abs() && g0.abs() < g1.abs() {
            if let Some(r) = newton(&at, &slope, x0).filter(|r| (xs[i - 1]..=x1).contains(r)) {
                roots.push(r);
            }
        }
    }
    if gs[GRID] == 0.0 {
        roots.push(b);
    }
    roots.sort_by(f64::total_cmp);
    roots.dedup_by(|p, q| (*p - *q).abs() <= 1e-9 * (1.0 + q.abs()));
    roots
}

/// A root in `[lo, hi]`, where `g` changes sign.
fn safeguarded_newton(g: &dyn Fn(f64) -> f64, dg: &dyn Fn(f64) -> f64, lo: f64, hi: f64) -> f64 {
    let (mut lo, mut hi) = if g(lo) < 0.0 { (lo, hi) } else { (hi, lo) };
    let mut x = (lo + hi) / 2.0;
    for _ in 0..100 {
        let gx = g(x);
        if gx == 0.0 || (hi - lo).abs() <= 1e-15 * (1.0 + x.abs()) {
            break;
        }
        if gx < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let step = x - gx / dg(x);
        let inside = step.is_finite() && (step - lo) * (step - hi) < 0.0;
        x = if inside { step } else { (lo + hi) / 2.0 };
    }
    x
}

/// Newton's method from `x`: a point where `g` vanishes, if it converges.
fn newton(g: &dyn Fn(f64) -> f64, dg: &dyn Fn(f64) -> f64, mut x: f64) -> Option<f64> {
    for _ in 0..100 {
        let gx = g(x);
        if gx.abs() <= 1e-12 {
            return Some(x);
        }
        let next = x - gx / dg(x);
        if !next.is_finite() {
            return None;
        }
        x = next;
    }
    (g(x).abs() <= 1e-10).then_some(x)
}

/// A stationary point of a function of several variables.
///
/// ```
/// use symdiff::{analysis::stationary_point, parse, Expr};
/// let vars = [Expr::symbol("x"), Expr::symbol("y")];
/// let p = stationary_point(&parse("x^2 + 3*y^2").unwrap(), &vars, &[1.0, 1.0]).unwrap();
/// assert_eq!(p.eigenvalues, [2.0, 6.0]);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct StationaryPoint {
    /// The coordinates, in the order of the variables.
    pub point: Vec<f64>,
    /// `f` there.
    pub value: f64,
    /// The eigenvalues of the Hessian there, ascending.
    pub eigenvalues: Vec<f64>,
    /// What the point is.
    pub nature: Nature,
    /// Newton steps taken.
    pub iterations: usize,
}

/// The stationary point Newton's method on the gradient reaches from
/// `start`, classified by the Hessian's eigenvalues (all positive: minimum;
/// all negative: maximum; both signs: saddle).
///
/// ```
/// use symdiff::{analysis::{stationary_point, Nature}, parse, Expr};
/// let f = parse("x^2 - y^2 + 2*x").unwrap();
/// let vars = [Expr::symbol("x"), Expr::symbol("y")];
/// let p = stationary_point(&f, &vars, &[3.0, 1.0]).unwrap();
/// assert_eq!(p.point, [-1.0, 0.0]);
/// assert_eq!(p.nature, Nature::Saddle);
/// ```
pub fn stationary_point(
    f: &Expr,
    vars: &[Expr],
    start: &[f64],
) -> Result<StationaryPoint, AnalysisError> {
    check_dimension(vars, start)?;
    let n = vars.len();
    let gradient_and_hessian: Vec<Expr> = vars
        .iter()
        .map(|v| f.diff(v))
        .chain(hessian(f, vars).entries().iter().cloned())
        .collect();
    let derivatives = Compiled::new(&gradient_and_hessian, vars);
    let mut x = start.to_vec();
    for iteration in 0..=100 {
        let mut g = derivatives.at(&x)?;
        let h = g.split_off(n);
        if norm(&g) <= 1e-10 {
            let eigenvalues = symmetric_eigenvalues(&h, n);
            return Ok(StationaryPoint {
                value: value(f, vars, &x)?,
                nature: hessian_test(&eigenvalues),
                point: x,
                eigenvalues,
                iterations: iteration,
            });
        }
        let step = solve(&h, &g).ok_or_else(|| AnalysisError::Singular(show_point(vars, &x)))?;
        x.iter_mut().zip(&step).for_each(|(x, s)| *x -= s);
    }
    Err(AnalysisError::NoConvergence(100))
}

/// The nature the Hessian's eigenvalues give.
pub(crate) fn hessian_test(eigenvalues: &[f64]) -> Nature {
    let scale = eigenvalues.iter().fold(1.0f64, |m, e| m.max(e.abs()));
    let tol = 1e-9 * scale;
    if eigenvalues.iter().any(|e| e.abs() <= tol) {
        Nature::Inconclusive
    } else if eigenvalues.iter().all(|e| *e > 0.0) {
        Nature::Minimum
    } else if eigenvalues.iter().all(|e| *e < 0.0) {
        Nature::Maximum
    } else {
        Nature::Saddle
    }
}
