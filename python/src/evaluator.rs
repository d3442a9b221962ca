//! `symdiff.compile`: expressions compiled once to the library's tape, then
//! evaluated on NumPy arrays with the GIL released, the points split
//! across threads.

use crate::errors::guarded;
use crate::expr::{names, to_variables};
use crate::matrix::functions;
use numpy::{PyArray2, PyArrayMethods, PyUntypedArrayMethods};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3::PyTypeInfo;
use symdiff::numeric::{compile_in, Math, Tape};
use symdiff::Expr;

/// Expressions compiled together into straight-line code (each shared
/// subexpression computed once), evaluated on arrays of points.
///
/// Call it with a float64 array of shape ``(N, len(variables))`` (a
/// C-ordered float64 array is read in place; other orders and dtypes are
/// converted), with one point as a 1-D array, or with one array per
/// variable as keywords. The result has one column per expression:
/// ``(N, outputs)``, or ``(outputs,)`` for one 1-D point.
///
/// Where an expression has no real value (``ln(-1)``, ``1/0``,
/// ``sqrt(-1)``) the result is NaN: evaluation never raises for a point.
/// ``domain_errors(points)`` says why, row by row.
///
/// ``exp``, ``ln``, ``tanh``, ``sin`` and ``cos`` are computed by
/// vectorized kernels, several points at once in SIMD lanes, within 2 ulp
/// of the C library's functions; ``scalar=True`` computes them point by
/// point with the C library's functions instead, bit for bit what
/// ``Expr.value`` and the command line's ``--at`` give.
///
/// The evaluation releases the GIL and runs blocks of points on all cores.
/// An evaluator pickles (as the text of its expressions; it is compiled
/// again on load), so it runs in multiprocessing, Dask and Ray workers.
///
/// >>> import numpy as np
/// >>> from symdiff import compile
/// >>> f = compile(["x*y", "ln(x)"], ["x", "y"])
/// >>> f(np.array([[1.0, 2.0], [-1.0, 3.0]]))
/// array([[ 2.,  0.],
///        [-3., nan]])
/// >>> f.domain_errors(np.array([[1.0, 2.0], [-1.0, 3.0]]))
/// [(1, 'ln(-1) is undefined over the reals')]
/// >>> f(x=[1.0, 2.0], y=3.0)
/// array([[3.        , 0.        ],
///        [6.        , 0.69314718]])
#[pyclass(name = "Evaluator", module = "symdiff", frozen)]
pub struct Evaluator {
    tape: Tape,
    exprs: Vec<Expr>,
    variables: Vec<Expr>,
    scalar: bool,
}

impl Evaluator {
    /// `exprs` compiled with the inputs `variables`, in that order; with
    /// the standard library's scalar functions if `scalar`.
    pub fn new_in(exprs: Vec<Expr>, variables: Vec<Expr>, scalar: bool) -> Evaluator {
        let math = if scalar { Math::Scalar } else { Math::Vector };
        Evaluator {
            tape: compile_in(&exprs, &variables).with_math(math),
            exprs,
            variables,
            scalar,
        }
    }

    /// The points as a C-ordered float64 array of shape (N, variables),
    /// and whether they were one 1-D point.
    fn points<'py>(
        &self,
        py: Python<'py>,
        points: Option<&Bound<'py, PyAny>>,
        arrays: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<(Bound<'py, PyArray2<f64>>, bool)> {
        let numpy = py.import("numpy")?;
        let float64 = numpy.getattr("float64")?;
        let nvars = self.variables.len();
        let expected = format!(
            "expected an array of shape (N, {nvars}) (one column per variable: {})",
            names(&self.variables).join(", ")
        );
        let arrays = arrays.filter(|a| !a.is_empty());
        let array = match (points, arrays) {
            (Some(_), Some(_)) => {
                return Err(PyTypeError::new_err(
                    "give the points as one array or as keyword arrays, not both",
                ))
            }
            (Some(p), None) => {
                // The same array when it already is C-ordered, aligned
                // float64 (an array unpickled from a buffer may not be
                // aligned); a converted copy otherwise.
                let kwargs = PyDict::new(py);
                kwargs.set_item("dtype", &float64)?;
                kwargs.set_item("requirements", ["C", "A"])?;
                numpy.getattr("require")?.call((p,), Some(&kwargs))?
            }
            (None, Some(a)) => {
                let mut columns = Vec::with_capacity(nvars);
                for v in &self.variables {
                    let name = v.to_string();
                    let column = a.get_item(&name)?.ok_or_else(|| {
                        PyValueError::new_err(format!("no values for the variable {name}"))
                    })?;
                    columns.push(numpy.getattr("asarray")?.call1((column, &float64))?);
                }
                for key in a.keys() {
                    let key: String = key.extract()?;
                    if !self.variables.iter().any(|v| v.to_string() == key) {
                        return Err(PyValueError::new_err(format!(
                            "{key} is not a variable of this evaluator ({})",
                            names(&self.variables).join(", ")
                        )));
                    }
                }
                let broadcast = numpy
                    .getattr("broadcast_arrays")?
                    .call1(pyo3::types::PyTuple::new(py, &columns)?)?;
                let kwargs = PyDict::new(py);
                kwargs.set_item("axis", -1)?;
                let stacked = numpy.getattr("stack")?.call((broadcast,), Some(&kwargs))?;
                let kwargs = PyDict::new(py);
                kwargs.set_item("dtype", &float64)?;
                numpy
                    .getattr("ascontiguousarray")?
                    .call((stacked,), Some(&kwargs))?
            }
            (None, None) if nvars == 0 => numpy.getattr("zeros")?.call1(((0,),))?,
            (None, None) => {
                return Err(PyTypeError::new_err(format!(
                    "no points given: {expected}, or keyword arrays"
                )))
            }
        };
        let ndim: usize = array.getattr("ndim")?.extract()?;
        let shape: Vec<usize> = array.getattr("shape")?.extract()?;
        let (array, single) = match ndim {
            0 if nvars == 1 => (array.call_method1("reshape", ((1, 1),))?, true),
            1 if shape[0] == nvars => (array.call_method1("reshape", ((1, nvars),))?, true),
            2 if shape[1] == nvars => (array, false),
            _ => {
                return Err(PyValueError::new_err(format!(
                    "{expected}, or one point of shape ({nvars},); got shape {}",
                    array.getattr("shape")?.repr()?
                )))
            }
        };
        Ok((array.cast_into::<PyArray2<f64>>()?, single))
    }

    /// The outputs at every point, (N, outputs), evaluated without the GIL.
    fn run<'py>(
        &self,
        py: Python<'py>,
        points: &Bound<'py, PyArray2<f64>>,
    ) -> PyResult<Bound<'py, PyArray2<f64>>> {
        let n = points.shape()[0];
        let out = PyArray2::<f64>::zeros(py, [n, self.tape.outputs()], false);
        {
            let input = points.readonly();
            let input = input
                .as_slice()
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            let mut output = out.readwrite();
            let output = output
                .as_slice_mut()
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            let tape = &self.tape;
            py.detach(|| tape.eval_rows(input, output))
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
        }
        Ok(out)
    }
}

/// What `__reduce__` answers: the class, and the arguments it is called
/// with on load.
pub type Reduced<'py, Args> = (Bound<'py, PyAny>, Args);

#[pymethods]
impl Evaluator {
    /// Compiles ``exprs`` (one expression, a list of them, a vector's text
    /// ``"[f1, f2]"`` or a Matrix) in the variables ``vars`` (default:
    /// their variables in natural order); ``scalar=True`` for the C
    /// library's functions bit for bit. ``symdiff.compile`` is the same.
    #[new]
    #[pyo3(signature = (exprs, vars = None, *, scalar = false))]
    fn new(
        exprs: &Bound<'_, PyAny>,
        vars: Option<&Bound<'_, PyAny>>,
        scalar: bool,
    ) -> PyResult<Evaluator> {
        guarded(|| {
            let exprs = functions(exprs, true)?;
            let variables = match vars {
                Some(v) if !v.is_none() => to_variables(v)?,
                _ => Expr::free_symbols_of(&exprs),
            };
            Ok(Evaluator::new_in(exprs, variables, scalar))
        })
    }

    /// Whether the functions are the C library's, point by point.
    #[getter]
    fn scalar(&self) -> bool {
        self.scalar
    }

    /// The variables, in the order of the input's columns.
    #[getter]
    fn variables(&self) -> Vec<String> {
        names(&self.variables)
    }

    /// The number of outputs (the result's columns).
    #[getter]
    fn outputs(&self) -> usize {
        self.tape.outputs()
    }

    /// The compiled expressions' text.
    #[getter]
    fn expressions(&self) -> Vec<String> {
        names(&self.exprs)
    }

    #[pyo3(signature = (points = None, /, **arrays))]
    fn __call__<'py>(
        &self,
        py: Python<'py>,
        points: Option<&Bound<'py, PyAny>>,
        arrays: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let (points, single) = self.points(py, points, arrays)?;
            let out = self.run(py, &points)?.into_any();
            if single {
                return out.call_method1("reshape", (self.tape.outputs(),));
            }
            Ok(out)
        })
    }

    /// Why the rows of ``points`` (given as to the call) whose outputs hold
    /// NaN have no value: a list of ``(row, reason)``, empty where every
    /// output is a number. ``reason`` names the first function that left
    /// its domain (``'ln(-1) is undefined over the reals'``), a division
    /// by zero, or NaN in the point itself.
    #[pyo3(signature = (points = None, /, **arrays))]
    fn domain_errors<'py>(
        &self,
        py: Python<'py>,
        points: Option<&Bound<'py, PyAny>>,
        arrays: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Vec<(usize, String)>> {
        guarded(|| {
            let (points, _) = self.points(py, points, arrays)?;
            let out = self.run(py, &points)?;
            let (nvars, width) = (self.variables.len(), self.tape.outputs());
            let input = points.readonly();
            let input = input
                .as_slice()
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            let output = out.readonly();
            let output = output
                .as_slice()
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            let mut reasons = Vec::new();
            for (row, values) in output.chunks(width.max(1)).enumerate() {
                if !values.iter().any(|v| v.is_nan()) {
                    continue;
                }
                let point = &input[row * nvars..(row + 1) * nvars];
                let reason = match self.tape.eval_checked(point) {
                    Err(e) => e.to_string(),
                    Ok(_) if point.iter().any(|v| v.is_nan()) => {
                        "the point has NaN coordinates".to_string()
                    }
                    Ok(_) => "an intermediate value is not finite (inf - inf, 0*inf)".to_string(),
                };
                reasons.push((row, reason));
            }
            Ok(reasons)
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "Evaluator({} outputs in {})",
            self.tape.outputs(),
            names(&self.variables).join(", ")
        )
    }

    /// Pickled as the text of the expressions, the variables' names and
    /// the choice of functions; compiled again on load.
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<Reduced<'py, (Bound<'py, PyList>, Vec<String>)>> {
        // functools.partial carries the keyword through the pickle.
        let partial = py.import("functools")?.getattr("partial")?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("scalar", self.scalar)?;
        let constructor = partial.call((Evaluator::type_object(py),), Some(&kwargs))?;
        Ok((
            constructor,
            (PyList::new(py, names(&self.exprs))?, names(&self.variables)),
        ))
    }
}

/// Compiles ``exprs`` (one expression, a list, a vector's text or a
/// Matrix) in ``vars`` (default: their variables in natural order) into an
/// ``Evaluator`` for NumPy arrays. ``scalar=True`` computes ``exp``, ``ln``,
/// ``tanh``, ``sin`` and ``cos`` with the C library's functions, bit for
/// bit, instead of the vectorized kernels (within 2 ulp).
///
/// >>> import numpy as np
/// >>> from symdiff import compile, gradient
/// >>> g = compile(gradient("x^2*y"), ["x", "y"])
/// >>> g(np.array([[1.0, 2.0], [3.0, 4.0]]))
/// array([[ 4.,  1.],
///        [24.,  9.]])
#[pyfunction]
#[pyo3(signature = (exprs, vars = None, *, scalar = false))]
pub fn compile(
    exprs: &Bound<'_, PyAny>,
    vars: Option<&Bound<'_, PyAny>>,
    scalar: bool,
) -> PyResult<Evaluator> {
    Evaluator::new(exprs, vars, scalar)
}
