//! Tangent lines and planes, and the error of the linear approximation.

use super::{check_dimension, value, AnalysisError};
use crate::expr::Expr;
use crate::numeric::Derivatives;
use crate::simplify;

/// The tangent of `f` at a point: the best linear approximation
/// `f(A) + Σ ∂f/∂xi(A)*(xi - ai)`, exact when the point is.
///
/// ```
/// use symdiff::{analysis::tangent, parse, Expr};
/// let t = tangent(&parse("exp(x)").unwrap(), &[Expr::symbol("x")], &[Expr::int(0)]).unwrap();
/// assert_eq!(t.linear.to_string(), "x + 1");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Tangent {
    /// The variables, in order.
    pub vars: Vec<Expr>,
    /// The point of tangency, exactly.
    pub point: Vec<Expr>,
    /// `f` at the point.
    pub value: Expr,
    /// The partial derivatives at the point (the slope, for one variable).
    pub slopes: Vec<Expr>,
    /// The linear function, expanded: `-2*x - 1`.
    pub linear: Expr,
}

/// The linear approximation at a nearby point, beside the true value.
///
/// ```
/// use symdiff::{analysis::tangent, parse, Expr};
/// let f = parse("x^3").unwrap();
/// let t = tangent(&f, &[Expr::symbol("x")], &[Expr::int(1)]).unwrap();
/// let e = t.error_at(&f, &[2.0]).unwrap();
/// assert_eq!((e.actual, e.approximation, e.error), (8.0, 4.0, 4.0));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct LinearError {
    /// `f` there.
    pub actual: f64,
    /// The tangent's value there.
    pub approximation: f64,
    /// `actual - approximation`.
    pub error: f64,
}

/// The tangent of `f` in `vars` at `point` (one value per variable): the
/// tangent line for one variable, the tangent plane for two. A point where
/// `f` is undefined or not differentiable is an error that says so.
///
/// ```
/// use symdiff::{analysis::tangent, parse, Expr};
/// let t = tangent(&parse("x^2").unwrap(), &[Expr::symbol("x")], &[Expr::int(-1)]).unwrap();
/// assert_eq!(t.slopes[0], Expr::int(-2));
/// assert_eq!(t.equation(), "y = -2*x - 1");
/// let err = tangent(&parse("abs(x)").unwrap(), &[Expr::symbol("x")], &[Expr::int(0)]);
/// assert_eq!(err.unwrap_err().to_string(), "not differentiable at x = 0 (needs x ≠ 0)");
/// ```
pub fn tangent(f: &Expr, vars: &[Expr], point: &[Expr]) -> Result<Tangent, AnalysisError> {
    check_dimension(vars, point)?;
    let numeric: Vec<f64> = point
        .iter()
        .map(|p| p.eval(&[]).unwrap_or(f64::NAN))
        .collect();
    let partials: Vec<Expr> = vars.iter().map(|v| f.diff(v)).collect();
    // The evaluator checks every condition of f and of its partials at the
    // point, so a tangent is refused with the plot's and `--at`'s words.
    let outputs: Vec<(Expr, usize)> = partials.iter().map(|d| (d.clone(), 1)).collect();
    Derivatives::new(std::slice::from_ref(f), &outputs, vars, vars)
        .at(&numeric)
        .map_err(AnalysisError::NoValue)?;
    let at = |e: &Expr| -> Result<Expr, AnalysisError> {
        let exact = substituted(e, vars, point);
        value(&exact, &[], &[])?;
        Ok(exact)
    };
    let value = at(f)?;
    let slopes: Vec<Expr> = partials.iter().map(at).collect::<Result<_, _>>()?;
    let terms = vars
        .iter()
        .zip(point)
        .zip(&slopes)
        .map(|((v, a), m)| m.clone() * (v.clone() - a.clone()));
    let linear = simplify(&Expr::add(std::iter::once(value.clone()).chain(terms)));
    Ok(Tangent {
        vars: vars.to_vec(),
        point: point.to_vec(),
        value,
        slopes,
        linear,
    })
}

/// `e` with each variable replaced by its value, simplified.
pub(crate) fn substituted(e: &Expr, vars: &[Expr], point: &[Expr]) -> Expr {
    let replaced = vars
        .iter()
        .zip(point)
        .fold(e.clone(), |acc, (v, p)| acc.substitute(v, p));
    simplify(&super::exact::fold_known_angles(&replaced))
}

impl Tangent {
    /// The tangent as an equation: `y = …` (a line), `z = …` (a plane), or
    /// `L(x1, …) = …` for more variables.
    ///
    /// ```
    /// use symdiff::{analysis::tangent, parse, Expr};
    /// let vars = [Expr::symbol("x"), Expr::symbol("y")];
    /// let t = tangent(&parse("x^2*y").unwrap(), &vars, &[Expr::int(1), Expr::int(2)]).unwrap();
    /// assert_eq!(t.equation(), "z = 4*x + y - 4");
    /// ```
    pub fn equation(&self) -> String {
        format!("{} = {}", self.left_side(), self.linear)
    }

    /// [`Tangent::equation`] in LaTeX.
    ///
    /// ```
    /// use symdiff::{analysis::tangent, parse, Expr};
    /// let t = tangent(&parse("x^2").unwrap(), &[Expr::symbol("x")], &[Expr::int(3)]).unwrap();
    /// assert_eq!(t.equation_latex(), "y = 6 x - 9");
    /// ```
    pub fn equation_latex(&self) -> String {
        format!("{} = {}", self.left_side(), self.linear.to_latex())
    }

    fn left_side(&self) -> String {
        match self.vars.len() {
            1 => "y".to_string(),
            2 => "z".to_string(),
            _ => {
                let names: Vec<String> = self.vars.iter().map(Expr::to_string).collect();
                format!("L({})", names.join(", "))
            }
        }
    }

    /// How far the tangent is from `f` at a nearby point.
    ///
    /// ```
    /// use symdiff::{analysis::tangent, parse, Expr};
    /// let f = parse("x^2").unwrap();
    /// let t = tangent(&f, &[Expr::symbol("x")], &[Expr::int(-1)]).unwrap();
    /// let e = t.error_at(&f, &[-0.9]).unwrap();
    /// assert!((e.error - 0.01).abs() < 1e-12); // (x + 1)^2 at -0.9
    /// ```
    pub fn error_at(&self, f: &Expr, near: &[f64]) -> Result<LinearError, AnalysisError> {
        check_dimension(&self.vars, near)?;
        let actual = value(f, &self.vars, near)?;
        let approximation = self.height(near)?;
        Ok(LinearError {
            actual,
            approximation,
            error: actual - approximation,
        })
    }

    /// The tangent's value at a point: the line's height, the plane's.
    ///
    /// ```
    /// use symdiff::{analysis::tangent, parse, Expr};
    /// let t = tangent(&parse("x^2").unwrap(), &[Expr::symbol("x")], &[Expr::int(1)]).unwrap();
    /// assert_eq!(t.height(&[3.0]).unwrap(), 5.0);
    /// ```
    pub fn height(&self, at: &[f64]) -> Result<f64, AnalysisError> {
        check_dimension(&self.vars, at)?;
        value(&self.linear, &self.vars, at)
    }
}
