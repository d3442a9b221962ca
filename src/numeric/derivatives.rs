//! Numbers out of derivatives, honest about where there are none: where a
//! point violates the [conditions](crate::calculus::conditions) of the function or
//! of a derivative (outside the real domain, at a corner, at a vertical
//! tangent), and where a value is not finite.

use super::{compile_in, EvalError, Math, Tape};
use crate::calculus::conditions::{self, Condition, Kind, Violation};
use crate::expr::Expr;
use rustc_hash::FxHashSet;
use std::fmt;

/// Why a derivative has no value at a point.
///
/// ```
/// use symdiff::numeric::{Derivatives, NoValue};
/// use symdiff::{parse, Expr};
/// let (f, x) = (parse("abs(x)").unwrap(), Expr::symbol("x"));
/// let d = Derivatives::new(&[f.clone()], &[(f.diff(&x), 1)], &[x.clone()], &[x]);
/// let err = d.at(&[0.0]).unwrap_err();
/// assert!(matches!(err, NoValue::Violation { .. }));
/// assert_eq!(err.to_string(), "not differentiable at x = 0 (needs x ≠ 0)");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum NoValue {
    /// A value is missing (a variable without a value, an undefined
    /// function) or not real where no condition foresaw it.
    Eval(EvalError),
    /// The point violates a condition of the function or of a derivative.
    Violation {
        /// The condition and the point.
        violation: Violation,
        /// For a point outside the domain, what evaluation says: it names
        /// the function that left its domain (`ln(-1)`).
        cause: Option<EvalError>,
    },
}

impl fmt::Display for NoValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoValue::Eval(e) => e.fmt(f),
            NoValue::Violation {
                violation,
                cause: Some(cause),
            } => write!(f, "{violation}: {cause}"),
            NoValue::Violation {
                violation,
                cause: None,
            } => write!(f, "{violation} (needs {})", violation.condition),
        }
    }
}

/// A condition checked at every point, and the lowest derivative order
/// whose values it spoils (0: the function itself has none).
#[derive(Clone, Debug)]
struct Check {
    condition: Condition,
    order: usize,
}

/// Derivatives of some functions compiled together with the functions
/// themselves and with the subjects of their conditions, so that each
/// value is checked against all of them.
///
/// ```
/// use symdiff::{numeric::Derivatives, parse, Expr};
/// let (f, x) = (parse("ln(x)").unwrap(), Expr::symbol("x"));
/// let d = Derivatives::new(&[f.clone()], &[(f.diff(&x), 1)], &[x.clone()], &[x]);
/// assert_eq!(d.at(&[2.0]).unwrap(), vec![0.5]);
/// // 1/x has a value at -1, but ln(x) has none, so neither has its slope:
/// assert_eq!(
///     d.at(&[-1.0]).unwrap_err().to_string(),
///     "undefined at x = -1: ln(-1) is undefined over the reals"
/// );
/// let (values, _) = d.batch(&[&[-1.0, 2.0]]);
/// assert!(values[0][0].is_nan());
/// ```
#[derive(Clone, Debug)]
pub struct Derivatives {
    tape: Tape,
    functions: usize,
    orders: Vec<usize>,
    names: Vec<String>,
    checks: Vec<Check>,
    subjects: Tape,
}

impl Derivatives {
    /// `outputs` are derivatives of `functions`, each with its order
    /// (0 for a function value itself), taken by the variables
    /// `differentiated`; points are given in the variables `inputs`.
    ///
    /// A point has no values where a function's domain condition fails;
    /// no derivatives where a differentiability or slope condition on a
    /// differentiated variable fails (`abs(y)` is smooth in `x`); and no
    /// derivatives of order `k` where the domain condition of an output
    /// of order `k` fails (`x^(3/2)` has no second derivative at 0).
    ///
    /// ```
    /// use symdiff::{numeric::Derivatives, hessian, parse, Expr};
    /// let vars = [Expr::symbol("x"), Expr::symbol("y")];
    /// let f = parse("x^2*y").unwrap();
    /// let h: Vec<_> = hessian(&f, &vars).entries().iter().map(|e| (e.clone(), 2)).collect();
    /// let d = Derivatives::new(&[f], &h, &vars, &vars);
    /// assert_eq!(d.at(&[1.0, 3.0]).unwrap(), vec![6.0, 2.0, 2.0, 0.0]);
    /// ```
    pub fn new(
        functions: &[Expr],
        outputs: &[(Expr, usize)],
        differentiated: &[Expr],
        inputs: &[Expr],
    ) -> Derivatives {
        let all: Vec<Expr> = functions
            .iter()
            .chain(outputs.iter().map(|(e, _)| e))
            .cloned()
            .collect();
        let checks = checks(functions, outputs, differentiated);
        let subjects: Vec<Expr> = checks.iter().map(|c| c.condition.subject.clone()).collect();
        Derivatives {
            tape: compile_in(&all, inputs),
            functions: functions.len(),
            orders: outputs.iter().map(|&(_, k)| k).collect(),
            names: inputs.iter().map(Expr::to_string).collect(),
            subjects: compile_in(&subjects, inputs).with_math(Math::Scalar),
            checks,
        }
    }

    /// The functions and derivatives computed by `math` (see [`Math`]).
    /// The subjects of the conditions are always computed by the standard
    /// library, so that whether a point passes a condition (`x > 0`) is
    /// decided on the same numbers whichever way the values are computed.
    ///
    /// ```
    /// use symdiff::{numeric::{Derivatives, Math}, parse, Expr};
    /// let (f, x) = (parse("exp(x)").unwrap(), Expr::symbol("x"));
    /// let d = Derivatives::new(&[f.clone()], &[(f.diff(&x), 1)], &[x.clone()], &[x]);
    /// let exact = d.with_math(Math::Scalar);
    /// assert_eq!(exact.at(&[0.3]).unwrap(), vec![0.3f64.exp()]);
    /// ```
    pub fn with_math(mut self, math: Math) -> Derivatives {
        self.tape = self.tape.with_math(math);
        self
    }

    /// The outputs at one point, or why they have no value there.
    ///
    /// ```
    /// use symdiff::{numeric::Derivatives, parse, Expr};
    /// let (f, x) = (parse("cbrt(x)").unwrap(), Expr::symbol("x"));
    /// let d = Derivatives::new(&[f.clone()], &[(f.diff(&x), 1)], &[x.clone()], &[x]);
    /// assert_eq!(d.at(&[0.0]).unwrap_err().to_string(), "vertical tangent at x = 0 (needs x ≠ 0)");
    /// assert_eq!(d.at(&[8.0]).unwrap(), vec![1.0 / 12.0]);
    /// ```
    pub fn at(&self, point: &[f64]) -> Result<Vec<f64>, NoValue> {
        let evaluated = self.tape.eval_checked(point);
        // Without a value for every variable the conditions cannot be
        // judged: say what is missing rather than blame a condition.
        if let Err(e @ (EvalError::UnknownVariable(_) | EvalError::UndefinedFunction(_))) =
            &evaluated
        {
            return Err(NoValue::Eval(e.clone()));
        }
        let columns: Vec<&[f64]> = point.iter().map(std::slice::from_ref).collect();
        if let Some(check) = self.failed(&columns).into_iter().next().flatten() {
            let violation = self.violation(check, &columns, 0);
            let cause = match violation.condition.kind {
                Kind::Undefined => evaluated.err(),
                _ => None,
            };
            return Err(NoValue::Violation { violation, cause });
        }
        let values = evaluated.map_err(NoValue::Eval)?;
        Ok(values[self.functions..].to_vec())
    }

    /// The outputs at many points (`columns[i][p]` the value of input `i`
    /// at point `p`; the result's `[k][p]` output `k` there), NaN where
    /// a function has no finite value or a condition spoils them; beside
    /// them, the violated condition that made a point's values NaN.
    ///
    /// ```
    /// use symdiff::{numeric::Derivatives, parse, Expr};
    /// let (f, x) = (parse("abs(x)").unwrap(), Expr::symbol("x"));
    /// let d = Derivatives::new(&[f.clone()], &[(f.clone(), 0), (f.diff(&x), 1)], &[x.clone()], &[x]);
    /// let (values, why) = d.batch(&[&[-2.0, 0.0]]);
    /// assert_eq!(values[0], vec![2.0, 0.0]); // |x| itself is fine at 0
    /// assert_eq!(values[1][0], -1.0);
    /// assert!(values[1][1].is_nan());
    /// assert_eq!(why[1].as_ref().unwrap().to_string(), "not differentiable at x = 0 (needs x ≠ 0)");
    /// ```
    pub fn batch(&self, columns: &[&[f64]]) -> (Vec<Vec<f64>>, Vec<Option<NoValue>>) {
        let mut all = self.tape.eval_batch(columns);
        let mut values = all.split_off(self.functions);
        let failed = self.failed(columns);
        for (p, check) in failed.iter().enumerate() {
            let undefined = all.iter().any(|f| !f[p].is_finite());
            let spoiled_from = check.map_or(usize::MAX, |c| self.checks[c].order);
            for (column, &order) in values.iter_mut().zip(&self.orders) {
                if undefined || spoiled_from <= order {
                    column[p] = f64::NAN;
                }
            }
        }
        let why = failed
            .iter()
            .enumerate()
            .map(|(p, check)| {
                check.map(|c| NoValue::Violation {
                    violation: self.violation(c, columns, p),
                    cause: None,
                })
            })
            .collect();
        (values, why)
    }

    /// At each point, the first check that fails there.
    fn failed(&self, columns: &[&[f64]]) -> Vec<Option<usize>> {
        let n = columns.iter().map(|c| c.len()).min().unwrap_or(0);
        let mut first = vec![None; n];
        if self.checks.is_empty() {
            return first;
        }
        let subjects = self.subjects.eval_batch(columns);
        // Backwards, so that the earliest failing check is the one left.
        for (c, (check, values)) in self.checks.iter().zip(&subjects).enumerate().rev() {
            for (hit, &v) in first.iter_mut().zip(values) {
                if !check.condition.holds_for(v) {
                    *hit = Some(c);
                }
            }
        }
        first
    }

    fn violation(&self, check: usize, columns: &[&[f64]], p: usize) -> Violation {
        Violation {
            condition: self.checks[check].condition.clone(),
            point: self
                .names
                .iter()
                .cloned()
                .zip(columns.iter().map(|c| c[p]))
                .collect(),
        }
    }
}

/// The conditions that can spoil some output, in the order they are
/// reported: the functions' (domain first), then those of the outputs'
/// own domains, lowest order first, each once.
fn checks(functions: &[Expr], outputs: &[(Expr, usize)], differentiated: &[Expr]) -> Vec<Check> {
    let highest = outputs.iter().map(|&(_, k)| k).max().unwrap_or(0);
    let mut of_functions: Vec<Condition> = functions
        .iter()
        .flat_map(|f| conditions::of(f).list)
        .collect();
    of_functions.sort_by_key(|c| c.kind);
    let on_differentiated = |c: &Condition| differentiated.iter().any(|v| c.subject.depends_on(v));
    let mut candidates: Vec<Check> = of_functions
        .into_iter()
        .filter_map(|condition| match condition.kind {
            Kind::Undefined => Some(Check {
                condition,
                order: 0,
            }),
            _ if on_differentiated(&condition) => Some(Check {
                condition,
                order: 1,
            }),
            _ => None,
        })
        .collect();
    let mut orders: Vec<usize> = outputs.iter().map(|&(_, k)| k).filter(|&k| k > 0).collect();
    orders.sort_unstable();
    orders.dedup();
    for k in orders {
        // Where a derivative of order k is undefined but the function is
        // not, the function is not differentiable k times.
        let of_order: Vec<Expr> = outputs
            .iter()
            .filter(|&&(_, order)| order == k)
            .map(|(e, _)| e.clone())
            .collect();
        candidates.extend(
            conditions::of_all(&of_order)
                .list
                .into_iter()
                .filter(|c| c.kind == Kind::Undefined)
                .map(|c| Check {
                    condition: Condition {
                        kind: Kind::NotDifferentiable,
                        ..c
                    },
                    order: k,
                }),
        );
    }
    let mut seen = FxHashSet::default();
    candidates
        .into_iter()
        .filter(|c| c.order <= highest && seen.insert(c.condition.clone()))
        .collect()
}
