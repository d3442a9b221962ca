//! The tutorial's toolkit: steps, conditions, critical points, tangents,
//! Taylor polynomials, gradient descent. Results are plain Python data
//! (lists, dicts, floats, and Exprs for exact values) that plot directly.

use crate::errors::{guarded, input_error, DomainError};
use crate::expr::{names, to_expr, to_variable, to_variables, PyExpr};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use symdiff::analysis::descent::{Method, Options};
use symdiff::analysis::AnalysisError;
use symdiff::calculus::conditions::of as conditions_of;
use symdiff::calculus::steps::{derivation, Derivation as StepByStep};
use symdiff::{Expr, Limits};

/// JSON from the library as Python data.
fn json<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?
        .getattr("loads")?
        .call1((value.to_string(),))
}

fn analysis_error(e: AnalysisError) -> PyErr {
    match e {
        AnalysisError::Eval { .. } | AnalysisError::NoValue(_) | AnalysisError::NotFinite(_) => {
            DomainError::new_err(e.to_string())
        }
        _ => PyValueError::new_err(e.to_string()),
    }
}

/// The derivative an analysis needs, built first within the limits.
fn bounded(py: Python<'_>, f: &Expr, order: usize) -> PyResult<()> {
    py.detach(|| symdiff::analysis::within_limits(f, order, &Limits::default()))
        .map_err(|e| input_error(py, &e, ""))
}

/// The one variable named, or the expression's only one.
fn one_variable(f: &Expr, var: Option<&Bound<'_, PyAny>>) -> PyResult<Expr> {
    match var {
        Some(v) if !v.is_none() => to_variable(v),
        _ => match f.free_symbols().as_slice() {
            [only] => Ok(only.clone()),
            several => Err(PyValueError::new_err(format!(
                "name the variable: the expression has {} ({})",
                if several.is_empty() {
                    "none"
                } else {
                    "several"
                },
                names(several).join(", ")
            ))),
        },
    }
}

/// The variables named, or the expression's in natural order.
fn variables(f: &Expr, vars: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<Expr>> {
    let vars = match vars {
        Some(v) if !v.is_none() => to_variables(v)?,
        _ => f.free_symbols(),
    };
    if vars.is_empty() {
        return Err(PyValueError::new_err(
            "the expression has no variable to analyse",
        ));
    }
    Ok(vars)
}

/// A number given exactly (``"pi/2"``, ``1``, ``0.5``, an Expr): a
/// constant with a finite value.
fn constant(value: &Bound<'_, PyAny>) -> PyResult<Expr> {
    let e = to_expr(value)?;
    if !e.free_symbols().is_empty() || !e.eval(&[]).is_ok_and(f64::is_finite) {
        return Err(PyValueError::new_err(format!("{e} is not a number")));
    }
    Ok(e)
}

/// A point: a dict of values by variable name, or a sequence in the order
/// of `vars`.
fn point(vars: &[Expr], at: &Bound<'_, PyAny>) -> PyResult<Vec<Expr>> {
    if let Ok(dict) = at.cast::<PyDict>() {
        for key in dict.keys() {
            let v = to_variable(&key)?;
            if !vars.contains(&v) {
                return Err(PyValueError::new_err(format!(
                    "{v} is not a variable of the function ({})",
                    names(vars).join(", ")
                )));
            }
        }
        return vars
            .iter()
            .map(|v| {
                let value = dict
                    .get_item(v.to_string())?
                    .ok_or_else(|| PyValueError::new_err(format!("no value for {v}")))?;
                constant(&value)
            })
            .collect();
    }
    let values: Vec<Expr> = at
        .try_iter()?
        .map(|x| constant(&x?))
        .collect::<PyResult<_>>()?;
    if values.len() != vars.len() {
        return Err(PyValueError::new_err(format!(
            "the point has {} coordinates but the function has {} variables ({})",
            values.len(),
            vars.len(),
            names(vars).join(", ")
        )));
    }
    Ok(values)
}

fn floats(point: &[Expr]) -> Vec<f64> {
    point
        .iter()
        .map(|e| e.eval(&[]).unwrap_or(f64::NAN))
        .collect()
}

/// A derivation step by step, as ``symdiff --steps`` shows it.
///
/// ``str()`` is the command line's text, ``latex()`` an ``align*`` block
/// (what Jupyter shows), ``steps`` one dict per step (rule, formula,
/// before, after, …), ``result`` the derivative.
#[pyclass(name = "Derivation", module = "symdiff", frozen)]
pub struct Derivation {
    derivation: StepByStep,
}

#[pymethods]
impl Derivation {
    /// The steps: dicts with the rule's name, its formula, the expression
    /// before and after, the inner function of a chain rule, the depth.
    #[getter]
    fn steps<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json(py, &self.derivation.to_json()["steps"])
    }

    /// The derivative.
    #[getter]
    fn result(&self) -> PyExpr {
        self.derivation.result.clone().into()
    }

    /// The expression differentiated.
    #[getter]
    fn expression(&self) -> PyExpr {
        self.derivation.expr.clone().into()
    }

    /// The variable.
    #[getter]
    fn variable(&self) -> String {
        self.derivation.var.to_string()
    }

    fn __str__(&self) -> String {
        self.derivation.to_text()
    }

    fn __repr__(&self) -> String {
        format!(
            "<Derivation of d/d{} {}: {} steps>",
            self.derivation.var,
            self.derivation.expr,
            self.derivation.steps.len()
        )
    }

    /// The derivation as a LaTeX ``align*`` block (``--steps --format latex``).
    fn latex(&self) -> String {
        self.derivation.to_latex()
    }

    fn _repr_latex_(&self) -> String {
        format!("$${}$$", self.derivation.to_latex())
    }

    /// The derivation as ``--steps --format json`` prints it.
    fn to_json(&self) -> String {
        self.derivation.to_json().to_string()
    }
}

/// The derivative of ``expr`` by ``var`` (default: its only variable), step
/// by step, rule by rule.
///
/// >>> print(steps("x^x", "x"))
/// d/dx x^x
///   1. rewrite: f^g = e^(g*ln(f))
///      x^x = exp(x*ln(x))
///     2. product rule: d(u*v) = du*v + u*dv
///        d/dx (x*ln(x)) = ln(x) + 1
///   3. exponential rule: d(e^u) = e^u*du; chain rule with u = x*ln(x)
///      d/dx x^x = x^x*(ln(x) + 1)
/// result: d/dx x^x = x^x*(ln(x) + 1)
#[pyfunction]
#[pyo3(signature = (expr, var = None))]
pub fn steps(
    py: Python<'_>,
    expr: &Bound<'_, PyAny>,
    var: Option<&Bound<'_, PyAny>>,
) -> PyResult<Derivation> {
    guarded(|| {
        let f = to_expr(expr)?;
        let var = one_variable(&f, var)?;
        bounded(py, &f, 1)?;
        let derivation = py.detach(|| derivation(&f, &var));
        Ok(Derivation { derivation })
    })
}

/// Where ``expr`` and its derivatives exist over the reals: a list of
/// dicts ``{"condition": "x > 0", "kind": "domain", "latex": "x > 0"}``
/// (kinds: ``domain``, ``differentiable``, ``finite_slope``), as
/// ``--conditions --format json`` lists them.
///
/// >>> conditions("x^x")
/// [{'condition': 'x > 0', 'kind': 'domain', 'latex': 'x > 0'}]
#[pyfunction]
pub fn conditions<'py>(py: Python<'py>, expr: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    guarded(|| {
        let f = to_expr(expr)?;
        json(py, &conditions_of(&f).to_json())
    })
}

/// Critical points of a function of one variable on ``range`` (default
/// (-10, 10)): a list of dicts with ``x`` (float), ``exact`` (an Expr, or
/// None when there is no closed form), ``value`` (f there, an Expr),
/// ``second`` (f'' there, or None where f' does not exist), ``nature``
/// (``"minimum"``, ``"maximum"``, ``"not an extremum"``, …) and
/// ``by_sign_change``.
///
/// For several variables give ``start`` (a dict or sequence): Newton's
/// method on the gradient from there; the answer is one dict with
/// ``point`` (a dict by variable), ``value``, ``eigenvalues`` of the
/// Hessian, ``nature`` and ``iterations``.
///
/// >>> [(p["exact"], p["nature"]) for p in critical_points("x^4/4 - x^2 + 1/2")]
/// [(Expr('-sqrt(2)'), 'minimum'), (Expr('0'), 'maximum'), (Expr('sqrt(2)'), 'minimum')]
#[pyfunction]
#[pyo3(signature = (expr, var = None, range = (-10.0, 10.0), start = None))]
pub fn critical_points<'py>(
    py: Python<'py>,
    expr: &Bound<'py, PyAny>,
    var: Option<&Bound<'py, PyAny>>,
    range: (f64, f64),
    start: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guarded(|| {
        let f = to_expr(expr)?;
        bounded(py, &f, 2)?;
        if let Some(start) = start.filter(|s| !s.is_none()) {
            let vars = variables(&f, var)?;
            let x = floats(&point(&vars, start)?);
            let p = py
                .detach(|| symdiff::analysis::stationary_point(&f, &vars, &x))
                .map_err(analysis_error)?;
            let out = PyDict::new(py);
            let at = PyDict::new(py);
            for (v, x) in vars.iter().zip(&p.point) {
                at.set_item(v.to_string(), x)?;
            }
            out.set_item("point", at)?;
            out.set_item("value", p.value)?;
            out.set_item("eigenvalues", p.eigenvalues)?;
            out.set_item("nature", p.nature.name())?;
            out.set_item("iterations", p.iterations)?;
            return Ok(out.into_any());
        }
        let var = one_variable(&f, var)?;
        let points = py
            .detach(|| symdiff::analysis::critical_points(&f, &var, range))
            .map_err(analysis_error)?;
        let list = PyList::empty(py);
        for p in points {
            let d = PyDict::new(py);
            d.set_item("x", p.x)?;
            d.set_item("exact", p.exact.map(PyExpr::from))?;
            d.set_item("value", PyExpr::from(p.value))?;
            d.set_item("second", p.second.map(PyExpr::from))?;
            d.set_item("nature", p.nature.name())?;
            d.set_item("by_sign_change", p.by_sign_change)?;
            list.append(d)?;
        }
        Ok(list.into_any())
    })
}

/// The tangent line (one variable) or plane (two) of ``expr`` at ``at``
/// (a dict by variable, values exact: ``{"x": "pi/2"}``): a dict with
/// ``equation`` (text, ``"y = -2*x - 1"``), ``latex``, ``linear`` (the
/// linear function, an Expr), ``value`` and ``slopes`` (Exprs), ``point``.
/// With ``near``, also ``near``: the function, the approximation and the
/// error there.
///
/// >>> tangent("x^2", {"x": -1})["equation"]
/// 'y = -2*x - 1'
#[pyfunction]
#[pyo3(signature = (expr, at, near = None, vars = None))]
pub fn tangent<'py>(
    py: Python<'py>,
    expr: &Bound<'py, PyAny>,
    at: &Bound<'py, PyAny>,
    near: Option<&Bound<'py, PyAny>>,
    vars: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    guarded(|| {
        let f = to_expr(expr)?;
        bounded(py, &f, 1)?;
        let vars = variables(&f, vars)?;
        let at = point(&vars, at)?;
        let t = symdiff::analysis::tangent(&f, &vars, &at).map_err(analysis_error)?;
        let out = PyDict::new(py);
        out.set_item("equation", t.equation())?;
        out.set_item("latex", t.equation_latex())?;
        out.set_item("linear", PyExpr::from(t.linear.clone()))?;
        out.set_item("value", PyExpr::from(t.value.clone()))?;
        let slopes: Vec<PyExpr> = t.slopes.iter().cloned().map(PyExpr::from).collect();
        out.set_item("slopes", slopes)?;
        let shown = PyDict::new(py);
        for (v, x) in vars.iter().zip(&at) {
            shown.set_item(v.to_string(), PyExpr::from(x.clone()))?;
        }
        out.set_item("point", shown)?;
        if let Some(near) = near.filter(|n| !n.is_none()) {
            let x = floats(&point(&vars, near)?);
            let e = t.error_at(&f, &x).map_err(analysis_error)?;
            let d = PyDict::new(py);
            d.set_item("actual", e.actual)?;
            d.set_item("approximation", e.approximation)?;
            d.set_item("error", e.error)?;
            out.set_item("near", d)?;
        }
        Ok(out)
    })
}

/// The Taylor polynomial of ``expr`` of order ``order`` about ``about``
/// (default 0; exact: ``"pi/2"``): a dict with ``polynomial`` (an Expr),
/// ``coefficients`` (Exprs, order 0 first), ``text`` and ``latex``.
///
/// >>> taylor("sin(x)", 5, about="pi/2")["text"]
/// '1 - (x - pi/2)^2/2 + (x - pi/2)^4/24'
#[pyfunction]
#[pyo3(signature = (expr, order, about = None, var = None))]
pub fn taylor<'py>(
    py: Python<'py>,
    expr: &Bound<'py, PyAny>,
    order: usize,
    about: Option<&Bound<'py, PyAny>>,
    var: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    guarded(|| {
        let f = to_expr(expr)?;
        let var = one_variable(&f, var)?;
        let about = match about {
            Some(a) if !a.is_none() => constant(a)?,
            _ => Expr::int(0),
        };
        bounded(py, &f, order)?;
        let t = py
            .detach(|| symdiff::analysis::taylor(&f, &var, &about, order))
            .map_err(analysis_error)?;
        let out = PyDict::new(py);
        out.set_item("polynomial", PyExpr::from(t.polynomial.clone()))?;
        let coefficients: Vec<PyExpr> = t.coefficients.iter().cloned().map(PyExpr::from).collect();
        out.set_item("coefficients", coefficients)?;
        out.set_item("text", t.to_text())?;
        out.set_item("latex", t.to_latex())?;
        out.set_item("variable", t.var.to_string())?;
        out.set_item("about", PyExpr::from(t.about.clone()))?;
        Ok(out)
    })
}

/// Gradient descent ``X_t = X_(t-1) - rate*grad f(X_(t-1))`` from
/// ``start`` (or Newton's method, ``method="newton"``), until the
/// gradient is shorter than ``tolerance`` or after ``iterations`` steps.
///
/// The answer is columns that plot directly: one list per variable (the
/// iterates' coordinates), ``"f"`` and ``"grad_norm"`` per iterate, with
/// ``"method"``, ``"stop"`` (``"converged"``, ``"iteration_limit"``,
/// ``"diverged"`` or ``"failed"``) and ``"summary"`` in words.
///
/// >>> run = descend("(x - 1)^2 + 2*(y + 2)^2", {"x": 0, "y": 0}, rate=0.2, iterations=3)
/// >>> run["x"], run["y"]
/// ([0.0, 0.4, 0.64, 0.784], [0.0, -1.6, -1.92, -1.984])
#[pyfunction]
#[pyo3(signature = (expr, start, rate = 0.1, iterations = 1000, tolerance = 1e-8, method = "gradient", vars = None))]
#[allow(clippy::too_many_arguments)]
pub fn descend<'py>(
    py: Python<'py>,
    expr: &Bound<'py, PyAny>,
    start: &Bound<'py, PyAny>,
    rate: f64,
    iterations: usize,
    tolerance: f64,
    method: &str,
    vars: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    guarded(|| {
        let method = match method {
            "gradient" | "gradient_descent" => Method::GradientDescent,
            "newton" => Method::Newton,
            other => {
                return Err(PyValueError::new_err(format!(
                    "method is \"gradient\" or \"newton\", not {other:?}"
                )))
            }
        };
        if !(rate > 0.0 && rate.is_finite() && tolerance > 0.0) {
            return Err(PyValueError::new_err("rate and tolerance must be positive"));
        }
        let f = to_expr(expr)?;
        bounded(py, &f, if method == Method::Newton { 2 } else { 1 })?;
        let vars = variables(&f, vars)?;
        let x = floats(&point(&vars, start)?);
        let options = Options {
            rate,
            max_iterations: iterations,
            tolerance,
        };
        let run = py
            .detach(|| symdiff::analysis::descend(&f, &vars, &x, method, &options))
            .map_err(analysis_error)?;
        let out = PyDict::new(py);
        for (k, v) in vars.iter().enumerate() {
            let column: Vec<f64> = run.iterates.iter().map(|i| i.point[k]).collect();
            out.set_item(v.to_string(), column)?;
        }
        let values: Vec<f64> = run.iterates.iter().map(|i| i.value).collect();
        out.set_item("f", values)?;
        let norms: Vec<f64> = run.iterates.iter().map(|i| i.gradient_norm).collect();
        out.set_item("grad_norm", norms)?;
        out.set_item("method", run.method.name())?;
        let stop = match &run.stop {
            symdiff::analysis::descent::Stop::Converged => "converged",
            symdiff::analysis::descent::Stop::IterationLimit => "iteration_limit",
            symdiff::analysis::descent::Stop::Diverged => "diverged",
            symdiff::analysis::descent::Stop::Failed(_) => "failed",
        };
        out.set_item("stop", PyString::new(py, stop))?;
        out.set_item("summary", run.stop.describe())?;
        Ok(out)
    })
}
