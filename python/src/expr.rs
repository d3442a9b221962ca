//! `symdiff.Expr`, reading Python values as expressions, and `d`/`parse`.

use crate::errors::{arithmetic_error, eval_error, guarded, input_error};
use pyo3::exceptions::{PyTypeError, PyUserWarning, PyValueError};
use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyString, PyTuple};
use pyo3::PyTypeInfo;
use std::collections::hash_map::DefaultHasher;
use std::ffi::CString;
use std::hash::{Hash, Hasher};
use symdiff::{parse_input, Error, ErrorKind, Expr, Limits, Parsed};

/// An expression: immutable, hash-consed, compared structurally.
///
/// ``str()`` is the command line's text (it parses back), ``latex()`` its
/// LaTeX; Jupyter shows it typeset.
///
/// >>> from symdiff import Expr
/// >>> f = Expr("x^2*y")
/// >>> f.diff("x")
/// Expr('2*x*y')
/// >>> (f + 1) * 2
/// Expr('2*x^2*y + 2')
/// >>> f.value(x=3, y=2)
/// 18.0
#[pyclass(name = "Expr", module = "symdiff", frozen)]
#[derive(Clone)]
pub struct PyExpr {
    pub expr: Expr,
}

impl From<Expr> for PyExpr {
    fn from(expr: Expr) -> PyExpr {
        PyExpr { expr }
    }
}

/// Parses `text` as one expression within the default limits; notes (an
/// unknown function name that looks like a known one) become warnings.
pub fn parse_scalar(py: Python<'_>, text: &str) -> PyResult<Expr> {
    parse_text(py, text)?
        .scalar(text)
        .map_err(|e| input_error(py, &e, text))
}

/// Parses `text` (one expression or a vector `[f1, f2]`).
pub fn parse_text(py: Python<'_>, text: &str) -> PyResult<Parsed> {
    let parsed = parse_input(text, &Limits::default()).map_err(|e| input_error(py, &e, text))?;
    for note in &parsed.notes {
        let message = CString::new(note.message.replace('\0', "")).unwrap_or_default();
        PyErr::warn(py, &PyUserWarning::type_object(py), &message, 2)?;
    }
    Ok(parsed.value)
}

/// An expression from a Python value: an `Expr`, text, an int (exact), a
/// float (its shortest decimal, exactly: 0.1 is 1/10), or a SymPy
/// expression (through its text). `None` for any other type.
pub fn try_expr(obj: &Bound<'_, PyAny>) -> PyResult<Option<Expr>> {
    let py = obj.py();
    if let Ok(e) = obj.cast::<PyExpr>() {
        return Ok(Some(e.get().expr.clone()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return parse_scalar(py, &s.to_cow()?).map(Some);
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(None);
    }
    if obj.is_instance_of::<PyInt>() {
        return parse_scalar(py, &obj.str()?.to_cow()?).map(Some);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let v = f.value();
        if !v.is_finite() {
            return Err(PyValueError::new_err(format!(
                "{v} is not a number an expression can hold"
            )));
        }
        return parse_scalar(py, &format!("{v:?}")).map(Some);
    }
    let text = py
        .import("symdiff._interop")?
        .getattr("sympy_text")?
        .call1((obj,))?;
    if text.is_none() {
        return Ok(None);
    }
    parse_scalar(py, &text.cast::<PyString>()?.to_cow()?).map(Some)
}

/// [`try_expr`], with a `TypeError` for other types.
pub fn to_expr(obj: &Bound<'_, PyAny>) -> PyResult<Expr> {
    try_expr(obj)?.ok_or_else(|| {
        let type_name = obj
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        PyTypeError::new_err(format!(
            "expected an expression (Expr, str, int, float or a SymPy expression), got {type_name}"
        ))
    })
}

/// A variable from a name or an `Expr` that is one.
pub fn to_variable(obj: &Bound<'_, PyAny>) -> PyResult<Expr> {
    let py = obj.py();
    if let Ok(e) = obj.cast::<PyExpr>() {
        let e = &e.get().expr;
        return match e.as_symbol() {
            Some(_) => Ok(e.clone()),
            None => Err(PyValueError::new_err(format!("{e} is not a variable"))),
        };
    }
    let name: String = obj
        .extract()
        .map_err(|_| PyTypeError::new_err("a variable is given by its name (str) or as an Expr"))?;
    symdiff::variable(&name).map_err(|e| input_error(py, &e, &name))
}

/// Variables from an iterable of names or `Expr`s; a single string
/// `"x, y"` or `"x y"` is split.
pub fn to_variables(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Expr>> {
    if let Ok(s) = obj.cast::<PyString>() {
        let text = &*s.to_cow()?;
        return text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|n| !n.is_empty())
            .map(|n| symdiff::variable(n).map_err(|e| input_error(obj.py(), &e, n)))
            .collect();
    }
    obj.try_iter()?.map(|v| to_variable(&v?)).collect()
}

/// The names of variables.
pub fn names(vars: &[Expr]) -> Vec<String> {
    vars.iter().map(Expr::to_string).collect()
}

/// The variables to differentiate by in turn, as the command line takes
/// them: those given, each round repeated `order` times (`x y` twice is
/// x, y, x, y), or the expression's only variable.
pub fn differentiation_sequence(
    expr: &Expr,
    given: &Bound<'_, PyTuple>,
    order: usize,
) -> PyResult<Vec<Expr>> {
    let mut vars = given
        .iter()
        .map(|v| to_variable(&v))
        .collect::<PyResult<Vec<_>>>()?;
    if vars.is_empty() {
        match expr.free_symbols().as_slice() {
            [only] => vars.push(only.clone()),
            [] => {
                return Err(PyValueError::new_err(
                    "the expression has no variable; name one: d(expr, \"x\")",
                ))
            }
            several => {
                return Err(PyValueError::new_err(format!(
                    "the expression has several variables ({}); say which to differentiate by, e.g. d(expr, \"{}\")",
                    names(several).join(", "),
                    several[0]
                )))
            }
        }
    }
    let total = vars.len().saturating_mul(order);
    let limit = Limits::default().max_order;
    if total > limit {
        return Err(input_error(
            given.py(),
            &Error::new(
                ErrorKind::OrderTooHigh {
                    order: total,
                    limit,
                },
                0..0,
            ),
            "",
        ));
    }
    Ok(vars.iter().cycle().take(total).cloned().collect())
}

/// Successive derivatives within the default limits, the GIL released.
pub fn differentiate(py: Python<'_>, expr: &Expr, vars: &[Expr], input: &str) -> PyResult<Expr> {
    py.detach(|| expr.try_diff_by(vars, &Limits::default()))
        .map_err(|e| input_error(py, &e, input))
}

/// Successive derivatives in canonical form, before `simplify`: what the
/// simplifier is measured against (it must never make an answer longer).
fn differentiate_unsimplified(
    py: Python<'_>,
    expr: &Expr,
    vars: &[Expr],
    input: &str,
) -> PyResult<Expr> {
    let limits = Limits::default();
    py.detach(|| {
        vars.iter().try_fold(expr.clone(), |e, var| {
            symdiff::calculus::diff::derivative_within(&e, var, &limits)
        })
    })
    .map_err(|e| input_error(py, &e, input))
}

fn hash_of(e: &Expr) -> u64 {
    let mut h = DefaultHasher::new();
    e.hash(&mut h);
    h.finish()
}

#[pymethods]
impl PyExpr {
    /// An expression from text (``"x^2 + 1"``), a number, or a SymPy
    /// expression.
    ///
    /// >>> Expr("2x + 3(x + 1)")
    /// Expr('5*x + 3')
    #[new]
    fn new(value: &Bound<'_, PyAny>) -> PyResult<PyExpr> {
        guarded(|| Ok(to_expr(value)?.into()))
    }

    fn __str__(&self) -> String {
        self.expr.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = PyString::new(py, &self.expr.to_string());
        Ok(format!("Expr({})", text.repr()?))
    }

    /// The expression as LaTeX math.
    ///
    /// >>> Expr("x^2/2").latex()
    /// '\\frac{x^{2}}{2}'
    fn latex(&self) -> PyResult<String> {
        guarded(|| Ok(self.expr.to_latex()))
    }

    /// What Jupyter shows: the LaTeX between dollars.
    fn _repr_latex_(&self) -> PyResult<String> {
        Ok(format!("${}$", self.latex()?))
    }

    /// The text and LaTeX as one JSON object (``{"latex": …, "text": …}``).
    fn to_json(&self) -> PyResult<String> {
        guarded(|| Ok(symdiff::to_json(&self.expr)))
    }

    /// The derivative by each variable in turn, ``order`` times.
    ///
    /// >>> Expr("x^4").diff("x", order=2)
    /// Expr('12*x^2')
    /// >>> Expr("x^2*y^3").diff("x", "y")
    /// Expr('6*x*y^2')
    #[pyo3(signature = (*vars, order = 1))]
    fn diff(&self, py: Python<'_>, vars: &Bound<'_, PyTuple>, order: usize) -> PyResult<PyExpr> {
        guarded(|| {
            let seq = differentiation_sequence(&self.expr, vars, order)?;
            Ok(differentiate(py, &self.expr, &seq, "")?.into())
        })
    }

    /// The variables, in natural order (x1 < x2 < x10).
    ///
    /// >>> Expr("x10 + x2*y").free_variables()
    /// ['x2', 'x10', 'y']
    fn free_variables(&self) -> Vec<String> {
        names(&self.expr.free_symbols())
    }

    /// Each variable named in ``values`` replaced by its value (an Expr,
    /// text or number), all at once.
    ///
    /// >>> Expr("x^2 + y").subs({"x": 3})
    /// Expr('y + 9')
    /// >>> Expr("x - y").subs({"x": "y", "y": "x"})
    /// Expr('y - x')
    fn subs(&self, values: &Bound<'_, PyDict>) -> PyResult<PyExpr> {
        guarded(|| {
            let mut map: Vec<(Expr, Expr)> = Vec::new();
            for (k, v) in values.iter() {
                map.push((to_variable(&k)?, to_expr(&v)?));
            }
            let keys: Vec<Expr> = map.iter().map(|(k, _)| k.clone()).collect();
            let replaced = self.expr.rewrite(
                |n| !keys.iter().any(|k| n.depends_on(k)),
                |n| {
                    map.iter()
                        .find(|(k, _)| *k == n)
                        .map_or(n, |(_, v)| v.clone())
                },
            );
            Ok(replaced.into())
        })
    }

    /// The value at a point, as a float: ``value(x=1.5)`` or
    /// ``value({"x": 1.5})``. Raises ``DomainError`` where there is no real
    /// value (``ln(-1)``, a division by zero).
    ///
    /// >>> Expr("x^2*y + sin(pi/2)").value(x=3, y=2)
    /// 19.0
    #[pyo3(signature = (point = None, **values))]
    fn value(
        &self,
        point: Option<&Bound<'_, PyDict>>,
        values: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<f64> {
        guarded(|| {
            let mut given: Vec<(String, f64)> = Vec::new();
            for dict in point.into_iter().chain(values) {
                for (k, v) in dict.iter() {
                    given.push((k.extract()?, v.extract()?));
                }
            }
            let pairs: Vec<(&str, f64)> = given.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            self.expr.eval(&pairs).map_err(|e| eval_error(&e))
        })
    }

    fn __float__(&self) -> PyResult<f64> {
        let free = self.expr.free_symbols();
        if !free.is_empty() {
            return Err(PyTypeError::new_err(format!(
                "{} has variables ({}); give their values with .value(...)",
                self.expr,
                names(&free).join(", ")
            )));
        }
        self.value(None, None)
    }

    fn __hash__(&self) -> u64 {
        hash_of(&self.expr)
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> Py<PyAny> {
        let py = other.py();
        let Ok(other) = other.cast::<PyExpr>() else {
            return py.NotImplemented();
        };
        let same = self.expr == other.get().expr;
        match op {
            CompareOp::Eq => same
                .into_pyobject(py)
                .map(|b| b.to_owned().into_any().unbind()),
            CompareOp::Ne => (!same)
                .into_pyobject(py)
                .map(|b| b.to_owned().into_any().unbind()),
            _ => return py.NotImplemented(),
        }
        .unwrap_or_else(|_| py.NotImplemented())
    }

    fn __add__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binary(other, |py, b| {
            Expr::try_sum(vec![self.expr.clone(), b], &Limits::default())
                .map_err(|k| arithmetic_error(py, k))
        })
    }

    fn __radd__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binary(other, |py, a| {
            Expr::try_sum(vec![a, self.expr.clone()], &Limits::default())
                .map_err(|k| arithmetic_error(py, k))
        })
    }

    fn __sub__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binary(other, |py, b| difference(py, self.expr.clone(), b))
    }

    fn __rsub__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binary(other, |py, a| difference(py, a, self.expr.clone()))
    }

    fn __mul__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binary(other, |py, b| product(py, vec![self.expr.clone(), b]))
    }

    fn __rmul__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binary(other, |py, a| product(py, vec![a, self.expr.clone()]))
    }

    fn __truediv__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binary(other, |py, b| quotient(py, self.expr.clone(), b))
    }

    fn __rtruediv__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binary(other, |py, a| quotient(py, a, self.expr.clone()))
    }

    fn __pow__(
        &self,
        other: &Bound<'_, PyAny>,
        modulo: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        if modulo.is_some_and(|m| !m.is_none()) {
            return Ok(other.py().NotImplemented());
        }
        binary(other, |py, b| power(py, self.expr.clone(), b))
    }

    fn __rpow__(
        &self,
        other: &Bound<'_, PyAny>,
        modulo: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        if modulo.is_some_and(|m| !m.is_none()) {
            return Ok(other.py().NotImplemented());
        }
        binary(other, |py, a| power(py, a, self.expr.clone()))
    }

    fn __neg__(&self, py: Python<'_>) -> PyResult<PyExpr> {
        guarded(|| Ok(product(py, vec![Expr::int(-1), self.expr.clone()])?.into()))
    }

    fn __pos__(&self) -> PyExpr {
        self.clone()
    }

    /// Pickled as its text, parsed again on load.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((PyExpr::type_object(py).into_any(), (self.expr.to_string(),)))
    }

    /// The same expression in SymPy (which must be installed; symdiff does
    /// not depend on it). Undefined functions such as ``f(x)`` become SymPy
    /// functions; their derivatives (``f'(x)``) have no SymPy form.
    fn to_sympy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("symdiff._interop")?
            .getattr("to_sympy")?
            .call1((self.expr.to_string(),))
    }
}

/// Applies `f` to `other` read as an expression, or answers
/// `NotImplemented` for a type that is not one.
fn binary(
    other: &Bound<'_, PyAny>,
    f: impl FnOnce(Python<'_>, Expr) -> PyResult<Expr>,
) -> PyResult<Py<PyAny>> {
    let py = other.py();
    guarded(|| match try_expr(other)? {
        Some(b) => Ok(Py::new(py, PyExpr::from(f(py, b)?))?.into_any()),
        None => Ok(py.NotImplemented()),
    })
}

fn product(py: Python<'_>, factors: Vec<Expr>) -> PyResult<Expr> {
    Expr::try_product(factors, &Limits::default()).map_err(|k| arithmetic_error(py, k))
}

fn difference(py: Python<'_>, a: Expr, b: Expr) -> PyResult<Expr> {
    let minus_b = product(py, vec![Expr::int(-1), b])?;
    Expr::try_sum(vec![a, minus_b], &Limits::default()).map_err(|k| arithmetic_error(py, k))
}

fn quotient(py: Python<'_>, a: Expr, b: Expr) -> PyResult<Expr> {
    let reciprocal = Expr::try_reciprocal(b).map_err(|k| arithmetic_error(py, k))?;
    product(py, vec![a, reciprocal])
}

fn power(py: Python<'_>, a: Expr, b: Expr) -> PyResult<Expr> {
    Expr::try_power(a, b, &Limits::default()).map_err(|k| arithmetic_error(py, k))
}

/// Reads an expression: text in symdiff's syntax (``"x^2"``, ``"2x"``,
/// ``"√x"``), an ``Expr``, a number, or a SymPy expression (through its
/// text). Raises ``ParseError`` with the place marked.
///
/// >>> parse("sin(2*x^2) + 1")
/// Expr('sin(2*x^2) + 1')
/// >>> parse("1 + $")
/// Traceback (most recent call last):
/// ...
/// symdiff.ParseError: unexpected character '$'
///   |
///   | 1 + $
///   |     ^
#[pyfunction]
pub fn parse(value: &Bound<'_, PyAny>) -> PyResult<PyExpr> {
    PyExpr::new(value)
}

/// The derivative of ``expr`` by each of ``vars`` in turn (successive
/// partials), ``order`` times; without ``vars``, by the only variable.
///
/// With ``format`` (``"text"``, ``"latex"`` or ``"json"``) the answer is
/// the text ``symdiff EXPR VARS --order N --format F`` prints, to the
/// character; otherwise an ``Expr``. With ``simplify=False`` the answer is
/// the canonical form before simplification (what the simplifier starts
/// from; the command line has no such option).
///
/// >>> d("x^x", "x")
/// Expr('x^x*(ln(x) + 1)')
/// >>> d("x^2*y^3", "x", "y", "y")
/// Expr('12*x*y')
/// >>> d("x^4/4 - x^2 + 1/2", "x", order=2)
/// Expr('3*x^2 - 2')
/// >>> d("x^x", "x", format="latex")
/// 'x^{x} \\left(\\ln\\left(x\\right) + 1\\right)'
/// >>> d("x*exp(-x)", "x")
/// Expr('(1 - x)*exp(-x)')
/// >>> d("x*exp(-x)", "x", simplify=False)
/// Expr('exp(-x) - x*exp(-x)')
#[pyfunction]
#[pyo3(signature = (expr, *vars, order = 1, format = None, simplify = true))]
pub fn d(
    py: Python<'_>,
    expr: &Bound<'_, PyAny>,
    vars: &Bound<'_, PyTuple>,
    order: usize,
    format: Option<&str>,
    simplify: bool,
) -> PyResult<Py<PyAny>> {
    guarded(|| {
        let input: String = match expr.cast::<PyString>() {
            Ok(s) => s.to_cow()?.into_owned(),
            Err(_) => String::new(),
        };
        let f = to_expr(expr)?;
        let shown_input = if input.is_empty() {
            f.to_string()
        } else {
            input
        };
        let seq = differentiation_sequence(&f, vars, order)?;
        let result = if simplify {
            differentiate(py, &f, &seq, &shown_input)?
        } else {
            differentiate_unsimplified(py, &f, &seq, &shown_input)?
        };
        Ok(match format {
            None => Py::new(py, PyExpr::from(result))?.into_any(),
            Some("text") => PyString::new(py, &result.to_string()).into_any().unbind(),
            Some("latex") => PyString::new(py, &result.to_latex()).into_any().unbind(),
            Some("json") => PyString::new(
                py,
                &symdiff::present::print::derivative_json(&shown_input, &seq, &result),
            )
            .into_any()
            .unbind(),
            Some(other) => {
                return Err(PyValueError::new_err(format!(
                    "format is \"text\", \"latex\" or \"json\", not {other:?}"
                )))
            }
        })
    })
}
