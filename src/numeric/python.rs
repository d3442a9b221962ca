//! Python source computing results, for NumPy, JAX, PyTorch (vectorized
//! over arrays) or the standard library's `math` (one point): the same
//! straight-line code as the Rust and C generators, each shared
//! subexpression computed once ([`codegen`](super::codegen)'s hoisting),
//! with each function's code from the registry.

use super::codegen::{hoist, Target};
use super::Exponent;
use crate::expr::Expr;
use crate::functions::{kernels, Code, FunctionDef};
use std::fmt::Write;

/// The array library (or `math`) the generated function runs under.
///
/// ```
/// use symdiff::numeric::python::Backend;
/// assert_eq!(Backend::from_name("torch"), Some(Backend::Torch));
/// assert_eq!(Backend::Numpy.namespace(), "np");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// Plain floats with the standard library's `math`.
    Math,
    /// NumPy arrays (NumPy 2: `np.asin`, `np.atan2`).
    Numpy,
    /// JAX arrays (`jax.numpy`).
    Jax,
    /// PyTorch tensors (float64).
    Torch,
}

impl Backend {
    /// The backend named `math`, `numpy`, `jax` or `torch`.
    ///
    /// ```
    /// assert!(symdiff::numeric::python::Backend::from_name("tensorflow").is_none());
    /// ```
    pub fn from_name(name: &str) -> Option<Backend> {
        match name {
            "math" | "python" => Some(Backend::Math),
            "numpy" | "np" => Some(Backend::Numpy),
            "jax" => Some(Backend::Jax),
            "torch" | "pytorch" => Some(Backend::Torch),
            _ => None,
        }
    }

    /// The name the generated code calls functions through.
    ///
    /// ```
    /// assert_eq!(symdiff::numeric::python::Backend::Jax.namespace(), "jnp");
    /// ```
    pub fn namespace(self) -> &'static str {
        match self {
            Backend::Math => "math",
            Backend::Numpy => "np",
            Backend::Jax => "jnp",
            Backend::Torch => "torch",
        }
    }

    fn imports(self) -> &'static str {
        match self {
            Backend::Math => "import math\n",
            Backend::Numpy => "import math\n\nimport numpy as np\n",
            Backend::Jax => {
                "import math\n\nimport jax\nimport jax.numpy as jnp\nimport jax.scipy.special\n"
            }
            Backend::Torch => "import math\n\nimport torch\n",
        }
    }
}

impl Target for Backend {
    fn number(&self, v: f64) -> String {
        let literal = if v.is_nan() {
            "math.nan".to_string()
        } else if v.is_infinite() {
            format!("{}math.inf", if v < 0.0 { "-" } else { "" })
        } else {
            format!("{v:?}")
        };
        match self {
            // torch's functions take tensors, not floats: constants are
            // float64 tensors, which also keeps the arithmetic in float64.
            Backend::Torch => format!("torch.tensor({literal}, dtype=torch.float64)"),
            _ if v < 0.0 => format!("({literal})"),
            _ => literal,
        }
    }

    fn nan(&self) -> String {
        self.number(f64::NAN)
    }

    fn power(&self, base: &str, exp: &Expr, exp_code: &str) -> String {
        let m = self.namespace();
        match Exponent::of(exp) {
            Exponent::Integer(2) => format!("{base} * {base}"),
            Exponent::Integer(-1) => format!("1.0 / {base}"),
            Exponent::Integer(k) => format!("{base} ** {k}"),
            Exponent::Sqrt => format!("{m}.sqrt({base})"),
            Exponent::RecipSqrt => format!("1.0 / {m}.sqrt({base})"),
            Exponent::Real(_) | Exponent::Symbolic => match self {
                // `**` of floats would give a complex number for (-8)**(1/3).
                Backend::Math => format!("math.pow({base}, {exp_code})"),
                _ => format!("{base} ** {exp_code}"),
            },
        }
    }

    fn code<'a>(&self, def: &'a FunctionDef) -> &'a Code {
        &def.python
    }

    fn call(&self, def: &FunctionDef, args: &[String]) -> String {
        def.python.call(args).replace("{m}", self.namespace())
    }

    fn local(&self, k: usize) -> String {
        format!("_t{k}")
    }
}

/// Python's reserved words: a variable of that name is a parameter with
/// `_` appended (`lambda_`).
const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// A Python parameter for a variable: its name, unless reserved or
/// starting with `_` (kept for the generated code's own names).
fn parameter(v: &Expr) -> String {
    let name = v.to_string();
    if KEYWORDS.contains(&name.as_str()) || name.starts_with('_') {
        name + "_"
    } else {
        name
    }
}

/// The source of a Python function `name(inputs...)` returning the tuple
/// of `outputs`, under `backend`; for the array backends each argument
/// may be an array and the outputs are arrays of their broadcast shape
/// (a constant output stays a number). Kernels for functions the library
/// lacks (`sigmoid`, `relu`, …) come first; where a point has no real
/// value the array backends give NaN and `math` raises `ValueError`.
///
/// ```
/// use symdiff::numeric::python::{to_python, Backend};
/// use symdiff::{parse, Expr};
/// let f = parse("sin(x)^2 + sin(x)*y").unwrap();
/// let code = to_python(&[f], &[Expr::symbol("x"), Expr::symbol("y")], Backend::Numpy, "f");
/// assert!(code.contains("def f(x, y):"));
/// assert_eq!(code.matches("np.sin(").count(), 1); // sin(x) computed once
/// ```
pub fn to_python(outputs: &[Expr], inputs: &[Expr], backend: Backend, name: &str) -> String {
    let params: Vec<String> = inputs.iter().map(parameter).collect();
    let code = hoist(outputs, inputs, &params, &backend);
    let mut out = format!(
        "# Generated by symdiff: {} output(s) from ({}), for {}.\n",
        outputs.len(),
        params.join(", "),
        match backend {
            Backend::Math => "floats (math)",
            Backend::Numpy => "NumPy arrays",
            Backend::Jax => "JAX arrays",
            Backend::Torch => "PyTorch tensors",
        }
    );
    if !code.missing.is_empty() {
        let _ = writeln!(
            out,
            "# Not among the inputs, so NaN: {}.",
            code.missing.join(", ")
        );
    }
    out += backend.imports();
    for k in &code.kernels {
        if let Some(source) = kernels::python_source(k, backend.namespace()) {
            out += "\n\n";
            out += &source;
        }
    }
    let _ = writeln!(out, "\n\ndef {name}({}):", params.join(", "));
    for (local, value) in &code.locals {
        let _ = writeln!(out, "    {local} = {value}");
    }
    let results = match code.results.len() {
        1 => format!("{},", code.results[0]),
        _ => code.results.join(", "),
    };
    let _ = writeln!(out, "    return ({results})");
    out
}
