//! symdiff: symbolic differentiation you can trust and read.
//!
//! Parse an expression, differentiate it by the rules, simplify the result:
//!
//! ```
//! let d = symdiff::d("x^x", "x").unwrap();
//! assert_eq!(d.to_string(), "x^x*(ln(x) + 1)");
//! ```
//!
//! Expressions are hash-consed DAGs ([`Expr`]): equal subexpressions are one
//! node, so comparison is O(1) and derivatives of large inputs stay small.
//! No input panics or overflows the stack; limits ([`Limits`]) bound the work.

#![forbid(unsafe_code)]

pub mod analysis;
pub mod codegen;
pub mod conditions;
pub mod diff;
pub mod error;
pub mod eval;
pub mod expr;
pub mod lexer;
pub mod limits;
pub mod matrix;
pub mod parser;
pub mod print;
pub mod simplify;
pub mod steps;

pub use error::{Error, ErrorKind};
pub use eval::EvalError;
pub use expr::{func, walk, Constant, Expr, Func, Node, Number, UndefinedFunc};
pub use limits::Limits;
pub use matrix::{directional, gradient, hessian, jacobian, laplacian, Matrix, ShapeError};
pub use parser::{parse, parse_input, parse_vector, Note, ParseOutput, Parsed};
pub use print::{natural_cmp, to_json, to_latex};
pub use simplify::simplify;

/// The derivative of `expr` with respect to the variable `var`, simplified.
///
/// ```
/// assert_eq!(symdiff::d("sin(2*x^2) + 1", "x").unwrap().to_string(), "4*x*cos(2*x^2)");
/// assert!(symdiff::d("x +", "x").is_err());
/// ```
pub fn d(expr: &str, var: &str) -> Result<Expr, Error> {
    let e = parse(expr)?;
    let v = variable(var)?;
    Ok(e.diff(&v))
}

/// The variable named `name`, or an error if `name` is not a variable name.
///
/// ```
/// assert_eq!(symdiff::variable("theta").unwrap().to_string(), "theta");
/// assert!(symdiff::variable("2x").is_err());
/// assert!(symdiff::variable("pi").is_err());
/// ```
pub fn variable(name: &str) -> Result<Expr, Error> {
    let bad = || Error::new(ErrorKind::BadVariable(name.to_string()), 0..name.len());
    let mut tokens = lexer::tokens(name.trim());
    match (tokens.next(), tokens.next()) {
        (Some(Ok((_, lexer::Token::Ident(n), _))), None) if n != "pi" && n != "e" => {
            if Func::from_name(&n).is_some() || n == "sqrt" {
                return Err(bad());
            }
            Ok(Expr::symbol(&n))
        }
        _ => Err(bad()),
    }
}

impl Expr {
    /// The derivative with respect to `var`, simplified.
    ///
    /// ```
    /// use symdiff::{parse, Expr};
    /// let f = parse("x^4/4 - x^2 + 1/2").unwrap();
    /// assert_eq!(f.diff(&Expr::symbol("x")).to_string(), "x^3 - 2*x");
    /// ```
    pub fn diff(&self, var: &Expr) -> Expr {
        simplify(&diff::derivative(self, var))
    }

    /// The `n`-th derivative with respect to `var`, simplified.
    ///
    /// ```
    /// use symdiff::{parse, Expr};
    /// let f = parse("x^4/4 - x^2 + 1/2").unwrap();
    /// assert_eq!(f.diff_n(&Expr::symbol("x"), 2).to_string(), "3*x^2 - 2");
    /// ```
    pub fn diff_n(&self, var: &Expr, n: usize) -> Expr {
        // Simplified once at the end: see `simplify` on why not per step.
        let raw = (0..n).fold(self.clone(), |e, _| diff::derivative(&e, var));
        simplify(&raw)
    }

    /// The expression as LaTeX math.
    ///
    /// ```
    /// assert_eq!(symdiff::parse("x^2/2").unwrap().to_latex(), r"\frac{x^{2}}{2}");
    /// ```
    pub fn to_latex(&self) -> String {
        print::to_latex(self)
    }
}
