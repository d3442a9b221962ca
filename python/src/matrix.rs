//! `symdiff.Matrix`: gradients, Jacobians and Hessians.

use crate::errors::{eval_error, guarded, input_error};
use crate::evaluator::{Evaluator, Reduced};
use crate::expr::{names, parse_text, to_expr, to_variables, PyExpr};
use numpy::PyArray2;
use pyo3::exceptions::{PyIndexError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use pyo3::PyTypeInfo;
use symdiff::calculus::matrix::{gradient_within, hessian_within, jacobian_within};
use symdiff::{Error, ErrorKind, Expr, Limits, Matrix, Parsed};

/// A matrix of expressions, with the variables it was taken in.
///
/// ``str()`` and ``latex()`` are the command line's ``--grad``/``--hessian``
/// output; Jupyter shows it typeset.
///
/// >>> from symdiff import hessian
/// >>> h = hessian("x^2*y^3")
/// >>> h.shape
/// (2, 2)
/// >>> h[0, 1]
/// Expr('6*x*y^2')
/// >>> h.evaluate(x=1, y=2)
/// array([[16., 24.],
///        [24., 12.]])
#[pyclass(name = "Matrix", module = "symdiff", frozen)]
pub struct PyMatrix {
    matrix: Matrix,
    variables: Vec<Expr>,
}

#[pymethods]
impl PyMatrix {
    /// A matrix from rows of expressions (text, numbers or Exprs), in the
    /// variables ``vars`` (default: the entries' variables in natural order).
    ///
    /// >>> Matrix([["x", 1], [2, "y"]])
    /// Matrix('[[x, 1], [2, y]]')
    #[new]
    #[pyo3(signature = (rows, vars = None))]
    fn new(rows: &Bound<'_, PyAny>, vars: Option<&Bound<'_, PyAny>>) -> PyResult<PyMatrix> {
        guarded(|| {
            let rows: Vec<Vec<Expr>> = rows
                .try_iter()?
                .map(|row| row?.try_iter()?.map(|e| to_expr(&e?)).collect())
                .collect::<PyResult<_>>()?;
            let matrix =
                Matrix::from_rows(rows).map_err(|e| PyValueError::new_err(e.to_string()))?;
            let variables = match vars {
                Some(v) => to_variables(v)?,
                None => Expr::free_symbols_of(matrix.entries()),
            };
            Ok(PyMatrix { matrix, variables })
        })
    }

    /// ``(rows, columns)``.
    #[getter]
    fn shape(&self) -> (usize, usize) {
        (self.matrix.rows(), self.matrix.cols())
    }

    /// The variables the matrix was taken in, in order: the order of the
    /// columns ``evaluate`` and ``compile`` take.
    #[getter]
    fn variables(&self) -> Vec<String> {
        names(&self.variables)
    }

    fn __len__(&self) -> usize {
        self.matrix.rows()
    }

    /// ``m[i, j]`` is an entry, ``m[i]`` a row (a list); negative indices
    /// count from the end.
    fn __getitem__(&self, py: Python<'_>, index: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let (rows, cols) = self.shape();
        if let Ok((i, j)) = index.extract::<(isize, isize)>() {
            let (i, j) = (wrap(i, rows, "row")?, wrap(j, cols, "column")?);
            return Ok(Py::new(py, PyExpr::from(self.matrix[(i, j)].clone()))?.into_any());
        }
        let i: isize = index
            .extract()
            .map_err(|_| PyTypeError::new_err("index a Matrix with m[i, j] or m[i]"))?;
        let i = wrap(i, rows, "row")?;
        let row: Vec<PyExpr> = (0..cols)
            .map(|j| self.matrix[(i, j)].clone().into())
            .collect();
        Ok(row.into_pyobject(py)?.into_any().unbind())
    }

    /// The rows as lists of ``Expr``.
    fn tolist(&self) -> Vec<Vec<PyExpr>> {
        self.matrix
            .row_slices()
            .map(|r| r.iter().cloned().map(PyExpr::from).collect())
            .collect()
    }

    fn __iter__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(self
            .tolist()
            .into_pyobject(py)?
            .try_iter()?
            .into_any()
            .unbind())
    }

    fn __str__(&self) -> String {
        self.matrix.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = PyString::new(py, &self.matrix.to_string());
        Ok(format!("Matrix({})", text.repr()?))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyMatrix>()
            .is_ok_and(|o| o.get().matrix == self.matrix)
    }

    /// The matrix as LaTeX (a ``pmatrix``), as ``--format latex`` prints it.
    fn latex(&self) -> PyResult<String> {
        guarded(|| Ok(self.matrix.to_latex()))
    }

    fn _repr_latex_(&self) -> PyResult<String> {
        Ok(format!("${}$", self.latex()?))
    }

    /// The matrix as ``--format json`` prints it: ``{"rows": [[…], …]}``.
    fn to_json(&self) -> PyResult<String> {
        guarded(|| Ok(self.matrix.to_json()))
    }

    /// The entries' values at one point, as a float64 array of the
    /// matrix's shape: ``evaluate(x=1, y=2)`` or ``evaluate({"x": 1, "y": 2})``.
    /// Raises ``DomainError`` where an entry has no real value.
    #[pyo3(signature = (point = None, **values))]
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        point: Option<&Bound<'py, PyDict>>,
        values: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyArray2<f64>>> {
        guarded(|| {
            let mut given: Vec<(Expr, f64)> = Vec::new();
            for dict in point.into_iter().chain(values) {
                for (k, v) in dict.iter() {
                    given.push((crate::expr::to_variable(&k)?, v.extract()?));
                }
            }
            let mut at = Vec::with_capacity(self.variables.len());
            for v in &self.variables {
                let value = given
                    .iter()
                    .find(|(n, _)| n == v)
                    .map(|(_, x)| *x)
                    .ok_or_else(|| {
                        PyValueError::new_err(format!("no value for the variable {v}"))
                    })?;
                at.push(value);
            }
            let tape = symdiff::numeric::compile_in(self.matrix.entries(), &self.variables);
            let values = tape.eval_checked(&at).map_err(|e| eval_error(&e))?;
            let rows: Vec<Vec<f64>> = values
                .chunks(self.matrix.cols())
                .map(<[f64]>::to_vec)
                .collect();
            PyArray2::from_vec2(py, &rows).map_err(|e| PyValueError::new_err(e.to_string()))
        })
    }

    /// The entries (row by row) compiled for evaluation on arrays, in the
    /// matrix's variables: ``m.compile()(points)`` has one column per entry
    /// (``scalar=True`` as for ``symdiff.compile``).
    #[pyo3(signature = (*, scalar = false))]
    fn compile(&self, scalar: bool) -> PyResult<Evaluator> {
        guarded(|| {
            Ok(Evaluator::new_in(
                self.matrix.entries().to_vec(),
                self.variables.clone(),
                scalar,
            ))
        })
    }

    /// Pickled as the text of its entries and its variables.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py, (Rows, Vec<String>)>> {
        let rows = self
            .matrix
            .row_slices()
            .map(|r| r.iter().map(Expr::to_string).collect())
            .collect();
        Ok((
            PyMatrix::type_object(py).into_any(),
            (rows, names(&self.variables)),
        ))
    }
}

fn wrap(i: isize, len: usize, what: &str) -> PyResult<usize> {
    let k = if i < 0 { i + len as isize } else { i };
    if k < 0 || k as usize >= len {
        return Err(PyIndexError::new_err(format!(
            "{what} index {i} is out of range for {len} {what}s"
        )));
    }
    Ok(k as usize)
}

/// The variables named, or the functions' own in natural order.
fn matrix_variables(functions: &[Expr], vars: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<Expr>> {
    let vars = match vars {
        Some(v) if !v.is_none() => to_variables(v)?,
        _ => Expr::free_symbols_of(functions),
    };
    if vars.is_empty() {
        return Err(PyValueError::new_err(
            "the expression has no variable; give them with vars=[\"x\", \"y\"]",
        ));
    }
    Ok(vars)
}

/// A matrix's entries as text, row by row.
type Rows = Vec<Vec<String>>;

/// A library function from functions and variables to a matrix of
/// partials, within limits.
type MatrixOf = fn(&[Expr], &[Expr], &Limits) -> Result<Matrix, Error>;

fn build(
    py: Python<'_>,
    functions: Vec<Expr>,
    vars: Option<&Bound<'_, PyAny>>,
    make: MatrixOf,
) -> PyResult<PyMatrix> {
    let variables = matrix_variables(&functions, vars)?;
    let matrix = py
        .detach(|| make(&functions, &variables, &Limits::default()))
        .map_err(|e| input_error(py, &e, ""))?;
    Ok(PyMatrix { matrix, variables })
}

/// The gradient of ``expr`` (a column) in ``vars`` (default: its
/// variables in natural order); the command line's ``--grad``.
///
/// >>> gradient("x^2*y")
/// Matrix('[2*x*y, x^2]')
#[pyfunction]
#[pyo3(signature = (expr, vars = None))]
pub fn gradient(
    py: Python<'_>,
    expr: &Bound<'_, PyAny>,
    vars: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyMatrix> {
    guarded(|| {
        build(py, vec![to_expr(expr)?], vars, |f, v, l| {
            gradient_within(&f[0], v, l)
        })
    })
}

/// The Hessian of ``expr`` in ``vars`` (each mixed partial computed once);
/// the command line's ``--hessian``.
///
/// >>> hessian("sin(x*y)")
/// Matrix('[[-y^2*sin(x*y), cos(x*y) - x*y*sin(x*y)], [cos(x*y) - x*y*sin(x*y), -x^2*sin(x*y)]]')
#[pyfunction]
#[pyo3(signature = (expr, vars = None))]
pub fn hessian(
    py: Python<'_>,
    expr: &Bound<'_, PyAny>,
    vars: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyMatrix> {
    guarded(|| {
        build(py, vec![to_expr(expr)?], vars, |f, v, l| {
            hessian_within(&f[0], v, l)
        })
    })
}

/// The Jacobian of the functions ``exprs`` (a vector ``"[f1, f2]"`` or a
/// list of expressions) in ``vars``; the command line's ``--jacobian``.
///
/// >>> jacobian("[2*x^2, x*sqrt(y)]")
/// Matrix('[[4*x, 0], [sqrt(y), x/(2*sqrt(y))]]')
#[pyfunction]
#[pyo3(signature = (exprs, vars = None))]
pub fn jacobian(
    py: Python<'_>,
    exprs: &Bound<'_, PyAny>,
    vars: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyMatrix> {
    guarded(|| build(py, functions(exprs, false)?, vars, jacobian_within))
}

/// Functions from a vector's text `"[f1, f2]"` (or, where `scalar_text`,
/// one expression's text), a `Matrix` (its entries row by row), an
/// iterable of expressions, or one expression.
pub fn functions(exprs: &Bound<'_, PyAny>, scalar_text: bool) -> PyResult<Vec<Expr>> {
    let py = exprs.py();
    if let Ok(s) = exprs.cast::<PyString>() {
        let text = &*s.to_cow()?;
        return match parse_text(py, text)? {
            Parsed::Vector(fs) => Ok(fs),
            Parsed::Scalar(f) if scalar_text => Ok(vec![f]),
            Parsed::Scalar(_) | Parsed::Equation(..) => Err(input_error(
                py,
                &Error::new(ErrorKind::ExpectedVector, 0..text.len()),
                text,
            )),
        };
    }
    if let Ok(m) = exprs.cast::<PyMatrix>() {
        return Ok(m.get().matrix.entries().to_vec());
    }
    if exprs.cast::<PyExpr>().is_ok() {
        return Ok(vec![to_expr(exprs)?]);
    }
    match exprs.try_iter() {
        Ok(items) => items.map(|e| to_expr(&e?)).collect(),
        Err(_) => Ok(vec![to_expr(exprs)?]),
    }
}
