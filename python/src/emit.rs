//! `symdiff.to_python`: the source of a Python function for NumPy, JAX,
//! PyTorch or `math`, from the library's generator.

use crate::errors::guarded;
use crate::expr::to_variables;
use crate::matrix::functions;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use symdiff::numeric::python::{to_python as generate, Backend};

/// The source of a Python function ``name(*vars)`` returning the tuple of
/// ``exprs`` (shared subexpressions computed once, as ``--emit`` does),
/// for ``backend``: ``"numpy"``, ``"jax"``, ``"torch"`` (vectorized over
/// arrays) or ``"math"`` (floats). The same text as
/// ``symdiff EXPR --emit numpy`` and its kin print.
///
/// >>> source = to_python("sin(x)^2 + sin(x)*y", ["x", "y"], backend="numpy", name="f")
/// >>> [line for line in source.splitlines() if line.startswith("def ")]
/// ['def f(x, y):']
/// >>> namespace = {}
/// >>> exec(source, namespace)
/// >>> namespace["f"](np.array([0.0, 1.0]), 2.0)[0].round(6)
/// array([0.      , 2.391015])
#[pyfunction]
#[pyo3(signature = (exprs, vars = None, backend = "numpy", name = "f"))]
pub fn to_python(
    exprs: &Bound<'_, PyAny>,
    vars: Option<&Bound<'_, PyAny>>,
    backend: &str,
    name: &str,
) -> PyResult<String> {
    guarded(|| {
        let backend = Backend::from_name(backend).ok_or_else(|| {
            PyValueError::new_err(format!(
                "backend is \"numpy\", \"jax\", \"torch\" or \"math\", not {backend:?}"
            ))
        })?;
        if !is_identifier(name) {
            return Err(PyValueError::new_err(format!(
                "{name:?} is not a Python name"
            )));
        }
        let exprs = functions(exprs, true)?;
        let vars = match vars {
            Some(v) if !v.is_none() => to_variables(v)?,
            _ => symdiff::Expr::free_symbols_of(&exprs),
        };
        Ok(generate(&exprs, &vars, backend, name))
    })
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}
