//! symdiff's errors as Python exceptions, and the guard that turns a Rust
//! panic into an exception instead of letting it cross into Python.

use pyo3::exceptions::{PyRuntimeError, PyValueError, PyZeroDivisionError};
use pyo3::prelude::*;
use pyo3::{create_exception, PyTypeInfo};
use std::panic::{catch_unwind, AssertUnwindSafe};
use symdiff::{Error, ErrorKind, EvalError};

create_exception!(
    symdiff,
    SymdiffError,
    PyValueError,
    "The base of symdiff's errors about what it was given (a ValueError)."
);
create_exception!(
    symdiff,
    ParseError,
    SymdiffError,
    "Text that is not an expression. `.offset` is the character index of the place \
     (None when the error is about the whole input), `.span` the (start, end) character \
     range, and the message shows the input with a caret under the place."
);
create_exception!(
    symdiff,
    LimitError,
    SymdiffError,
    "A request past one of symdiff's limits: input length, nesting depth, number size, \
     result size or derivative order. `.limit` is the limit."
);
create_exception!(
    symdiff,
    DomainError,
    SymdiffError,
    "A point where an expression has no real value (ln(-1), division by zero)."
);
create_exception!(
    symdiff,
    InternalError,
    PyRuntimeError,
    "A bug in symdiff (a Rust panic caught before it reached Python). Please report it."
);

/// Whether an error is about a limit rather than about the text.
fn limit_of(kind: &ErrorKind) -> Option<usize> {
    match kind {
        ErrorKind::InputTooLong { limit, .. }
        | ErrorKind::TooDeep { limit }
        | ErrorKind::TooLarge { limit }
        | ErrorKind::OrderTooHigh { limit, .. }
        | ErrorKind::NumberTooLarge { limit } => Some(*limit),
        _ => None,
    }
}

/// A library error about `input` as an exception whose message is the
/// command line's: the words, the input, a caret under the place.
pub fn input_error(py: Python<'_>, e: &Error, input: &str) -> PyErr {
    let rendered = e.render(input);
    let message = rendered
        .strip_prefix("error: ")
        .unwrap_or(&rendered)
        .trim_end();
    let err = match limit_of(&e.kind) {
        Some(_) => LimitError::new_err(message.to_string()),
        None => ParseError::new_err(message.to_string()),
    };
    let value = err.value(py);
    let chars = |byte: usize| input[..floor_boundary(input, byte)].chars().count();
    let (offset, span) = if e.kind.has_position() {
        let (start, end) = (chars(e.span.start), chars(e.span.end));
        (Some(start), Some((start, end)))
    } else {
        (None, None)
    };
    // Setting attributes on a fresh exception instance cannot fail.
    let _ = value.setattr("offset", offset);
    let _ = value.setattr("span", span);
    let _ = value.setattr("limit", limit_of(&e.kind));
    let _ = value.setattr("kind", e.kind.to_string());
    err
}

/// An error of arithmetic on expressions (no input text to point into).
pub fn arithmetic_error(py: Python<'_>, kind: ErrorKind) -> PyErr {
    match kind {
        ErrorKind::DivisionByZero => PyZeroDivisionError::new_err("division by zero"),
        kind => input_error(py, &Error::new(kind, 0..0), ""),
    }
}

/// An expression without a value at a point.
pub fn eval_error(e: &EvalError) -> PyErr {
    match e {
        EvalError::UnknownVariable(_) => PyValueError::new_err(e.to_string()),
        _ => DomainError::new_err(e.to_string()),
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Runs `f`, turning a panic in it (or in the threads it waits for) into
/// [`InternalError`]: no Rust panic reaches the interpreter.
pub fn guarded<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string());
        Err(InternalError::new_err(format!(
            "internal error in symdiff (please report it): {what}"
        )))
    })
}

/// Adds the exception classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("SymdiffError", SymdiffError::type_object(py))?;
    m.add("ParseError", ParseError::type_object(py))?;
    m.add("LimitError", LimitError::type_object(py))?;
    m.add("DomainError", DomainError::type_object(py))?;
    m.add("InternalError", InternalError::type_object(py))?;
    Ok(())
}
