//! The Python package `symdiff`: a thin layer over the Rust library. Every
//! result is the library's, so the text it prints is the command line's,
//! to the character.
//!
//! Each entry point runs under [`errors::guarded`]: a panic becomes
//! `symdiff.InternalError`, never a crash of the interpreter.

mod emit;
mod errors;
mod evaluator;
mod expr;
mod matrix;
mod tutor;

use pyo3::prelude::*;

// The engine's many small nodes, as in the `symdiff` binary.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Panics on purpose, inside the guard every entry point runs under: the
/// test that a Rust panic reaches Python as `symdiff.InternalError`, and
/// one in a worker thread of the evaluation as well.
#[pyfunction]
#[pyo3(signature = (in_worker_threads = false))]
fn _panic_for_test(py: Python<'_>, in_worker_threads: bool) -> PyResult<()> {
    errors::guarded(|| {
        if in_worker_threads {
            py.detach(|| {
                use rayon::prelude::*;
                (0..64).into_par_iter().for_each(|k| {
                    if k == 63 {
                        panic!("a test panic in a worker thread");
                    }
                })
            });
        }
        panic!("a test panic")
    })
}

#[pymodule]
fn _symdiff(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    m.add_class::<expr::PyExpr>()?;
    m.add_class::<matrix::PyMatrix>()?;
    m.add_class::<evaluator::Evaluator>()?;
    m.add_class::<tutor::Derivation>()?;
    m.add_function(wrap_pyfunction!(expr::parse, m)?)?;
    m.add_function(wrap_pyfunction!(expr::d, m)?)?;
    m.add_function(wrap_pyfunction!(matrix::gradient, m)?)?;
    m.add_function(wrap_pyfunction!(matrix::jacobian, m)?)?;
    m.add_function(wrap_pyfunction!(matrix::hessian, m)?)?;
    m.add_function(wrap_pyfunction!(evaluator::compile, m)?)?;
    m.add_function(wrap_pyfunction!(tutor::steps, m)?)?;
    m.add_function(wrap_pyfunction!(tutor::conditions, m)?)?;
    m.add_function(wrap_pyfunction!(tutor::critical_points, m)?)?;
    m.add_function(wrap_pyfunction!(tutor::tangent, m)?)?;
    m.add_function(wrap_pyfunction!(tutor::taylor, m)?)?;
    m.add_function(wrap_pyfunction!(tutor::descend, m)?)?;
    m.add_function(wrap_pyfunction!(emit::to_python, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)?;
    Ok(())
}
