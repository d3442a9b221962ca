//! What the derivative says about a function: critical points, tangents,
//! Taylor polynomials, steepest ascent and gradient descent.
//!
//! Everything symbolic (derivatives, Hessians, closed-form roots, Taylor
//! coefficients) is exact; the numeric parts evaluate those expressions,
//! compiled once into tapes where they are evaluated at many points.

pub mod contour;
pub mod critical;
pub mod descent;
mod exact;
mod linalg;
mod roots;
pub mod tangent;
pub mod taylor;

pub use critical::{critical_points, stationary_point, CriticalPoint, Nature, StationaryPoint};
pub use descent::{descend, steepest_ascent, Ascent, Trajectory};
pub use tangent::{tangent, LinearError, Tangent};
pub use taylor::{taylor, Taylor};

use crate::expr::Expr;
use crate::numeric::{compile_in, Math, Tape};
use crate::{Error, EvalError, Limits};

/// Why an analysis could not be carried out.
///
/// ```
/// use symdiff::{analysis::critical_points, parse, Expr};
/// let err = critical_points(&parse("x^2").unwrap(), &Expr::symbol("x"), (1.0, -1.0));
/// assert_eq!(err.unwrap_err().to_string(), "the range 1:-1 is empty");
/// ```
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum AnalysisError {
    /// The range has no points, or an end is not finite.
    #[error("the range {0}:{1} is empty")]
    BadRange(f64, f64),
    /// A point with the wrong number of coordinates.
    #[error("the point has {given} coordinates but the function has {expected} variables")]
    Dimension {
        /// How many values were given.
        given: usize,
        /// How many the variables need.
        expected: usize,
    },
    /// An expression with no value at a point the analysis needs.
    #[error("no value at {at}: {error}")]
    Eval {
        /// The point, as written for the user.
        at: String,
        /// What went wrong there.
        error: EvalError,
    },
    /// Newton's method found no stationary point.
    #[error("Newton's method did not converge in {0} iterations")]
    NoConvergence(usize),
    /// A picture over the plane of a function not of two variables.
    #[error("a contour picture needs a function of two variables, not {0}")]
    NotTwoVariables(usize),
    /// The point violates a condition of the function or of a derivative
    /// the analysis needs: the plot's, the evaluator's and the analyses'
    /// one message for it.
    #[error("{0}")]
    NoValue(crate::numeric::NoValue),
    /// A value at the point is infinite.
    #[error("a derivative is infinite at {0}")]
    NotFinite(String),
    /// A Taylor polynomial of too high an order.
    #[error("order {0} is above the limit {1}")]
    OrderTooHigh(usize, usize),
    /// Newton's method met a singular Hessian.
    #[error("the Hessian is singular at {0}")]
    Singular(String),
}

/// Builds, within `limits`, the largest derivative an analysis of `expr`
/// needs (`order` 1: the gradient; 2: the Hessian, as critical points in
/// several variables and Newton's method need; `n`: the `n`-th derivative
/// by each variable, as a Taylor polynomial needs). The analyses build
/// their derivatives unbounded; calling this first holds them to
/// `limits.max_nodes` and `limits.max_order` as a plain derivative is held.
///
/// ```
/// use symdiff::{analysis::within_limits, parse, ErrorKind, Limits};
/// let f = parse("sin(x)*y").unwrap();
/// assert!(within_limits(&f, 2, &Limits::default()).is_ok());
/// let low = Limits { max_order: 3, ..Limits::default() };
/// let err = within_limits(&f, 5, &low).unwrap_err();
/// assert_eq!(err.kind, ErrorKind::OrderTooHigh { order: 5, limit: 3 });
/// ```
pub fn within_limits(expr: &Expr, order: usize, limits: &Limits) -> Result<(), Error> {
    let vars = expr.free_symbols();
    match order {
        0 => Ok(()),
        1 => crate::calculus::matrix::gradient_within(expr, &vars, limits).map(drop),
        2 => crate::calculus::matrix::hessian_within(expr, &vars, limits).map(drop),
        n => vars
            .iter()
            .try_for_each(|v| expr.try_diff_n(v, n, limits).map(drop)),
    }
}

/// `x = 1, y = 2`.
pub(crate) fn show_point(vars: &[Expr], x: &[f64]) -> String {
    let parts: Vec<String> = vars
        .iter()
        .zip(x)
        .map(|(v, x)| format!("{v} = {x}"))
        .collect();
    parts.join(", ")
}

/// Expressions compiled once into one tape, for analyses that evaluate
/// them at many points (iterates, grid points) in the variables `vars`.
pub(crate) struct Compiled<'a> {
    tape: Tape,
    vars: &'a [Expr],
}

impl<'a> Compiled<'a> {
    pub(crate) fn new(exprs: &[Expr], vars: &'a [Expr]) -> Compiled<'a> {
        Compiled {
            // One point at a time: the standard library's functions.
            tape: compile_in(exprs, vars).with_math(Math::Scalar),
            vars,
        }
    }

    /// Every expression at `x`, or the first that has no value there.
    pub(crate) fn at(&self, x: &[f64]) -> Result<Vec<f64>, AnalysisError> {
        self.tape
            .eval_checked(x)
            .map_err(|error| AnalysisError::Eval {
                at: show_point(self.vars, x),
                error,
            })
    }

    /// The first expression at `x`, NaN where it has no value.
    pub(crate) fn first_or_nan(&self, x: &[f64]) -> f64 {
        self.at(x).map_or(f64::NAN, |v| v[0])
    }
}

/// Each of `exprs` evaluated at `x` (coordinates for `vars`, in order),
/// once.
pub(crate) fn values(exprs: &[Expr], vars: &[Expr], x: &[f64]) -> Result<Vec<f64>, AnalysisError> {
    Compiled::new(exprs, vars).at(x)
}

/// One expression evaluated at a point.
pub(crate) fn value(e: &Expr, vars: &[Expr], x: &[f64]) -> Result<f64, AnalysisError> {
    Ok(values(std::slice::from_ref(e), vars, x)?[0])
}

/// The Euclidean length of `v`.
pub(crate) fn norm(v: &[f64]) -> f64 {
    v.iter().map(|x| x * x).sum::<f64>().sqrt()
}

/// An error unless `x` has one coordinate per variable.
pub(crate) fn check_dimension<T>(vars: &[Expr], x: &[T]) -> Result<(), AnalysisError> {
    if vars.len() == x.len() {
        Ok(())
    } else {
        Err(AnalysisError::Dimension {
            given: x.len(),
            expected: vars.len(),
        })
    }
}
