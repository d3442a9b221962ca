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

// No unsafe code but the one allowed place: the tape's choice of SIMD
// instructions by what the processor has (numeric/tape.rs).
#![deny(unsafe_code)]
#![deny(missing_docs)]

// The modules in pipeline order: text is read (syntax) into expressions
// (expr) over known functions (functions), differentiated (calculus),
// simplified, evaluated or turned into code (numeric) and shown (present); analysis and the
// command line (in main.rs's cli) build on all of them.
pub mod analysis;
pub mod calculus;
pub mod expr;
pub mod functions;
pub mod numeric;
pub mod present;
pub mod simplify;
pub mod syntax;

pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod limits;

pub use calculus::equivalent::{equivalent, Equivalence};
pub use calculus::matrix::{
    directional, gradient, hessian, jacobian, laplacian, Matrix, ShapeError,
};
pub use error::{Error, ErrorKind};
pub use expr::{natural_cmp, walk, Constant, Expr, Node, Number};
pub use functions::{Func, UndefinedFunc};
pub use limits::Limits;
pub use numeric::EvalError;
pub use present::print::{to_json, to_latex};
pub use simplify::simplify;
pub use syntax::operator::Operator;
pub use syntax::parser::{expression_alone, Note, ParseOutput, Parsed, Syntax};

/// The derivative of `expr` with respect to the variable `var`, simplified,
/// within the default [`Limits`].
///
/// ```
/// assert_eq!(symdiff::d("sin(2*x^2) + 1", "x").unwrap().to_string(), "4*x*cos(2*x^2)");
/// assert!(symdiff::d("x +", "x").is_err());
/// ```
pub fn d(expr: &str, var: &str) -> Result<Expr, Error> {
    d_with_limits(expr, var, &Limits::default())
}

/// The derivative of `expr` with respect to `var`, simplified, with every
/// stage held to `limits`: input length, nesting, number size, and the
/// size of the derivative.
///
/// ```
/// use symdiff::{d_with_limits, ErrorKind, Limits};
/// let small = Limits { max_nodes: 50, ..Limits::default() };
/// assert!(d_with_limits("x^2", "x", &small).is_ok());
/// let product = (1..40).map(|k| format!("(x + {k})")).collect::<Vec<_>>().join("*");
/// let err = d_with_limits(&product, "x", &small).unwrap_err();
/// assert_eq!(err.kind, ErrorKind::TooLarge { limit: 50 });
/// ```
pub fn d_with_limits(expr: &str, var: &str, limits: &Limits) -> Result<Expr, Error> {
    if let Some(derivative) = polynomial_derivative(expr, var, limits) {
        return Ok(derivative);
    }
    let out = parse_input(expr, limits)?;
    let e = out.value.scalar(expr)?;
    let var = variable(var)?;
    match out.derivative {
        // `d("d/dx x^2", "x")`: the operator says the same as `var`.
        Some(op) => {
            let first_order = &op.vars[..op.vars.len().min(1)];
            op.agrees_with(first_order)?;
            op.agrees_with(std::slice::from_ref(&var))?;
            op.apply(&e, limits)
        }
        None => e.try_diff(&var, limits),
    }
}

/// The derivative of a polynomial read as monomials
/// ([`calculus::poly::Polynomial`]): the general path's expression without
/// parsing, differentiating and simplifying the input's nodes. `None`
/// leaves everything else, and every error, to the general path.
fn polynomial_derivative(expr: &str, var: &str, limits: &Limits) -> Option<Expr> {
    let var = variable(var).ok()?;
    let p = calculus::poly::Polynomial::read(expr, limits)?;
    Some(p.derivative(&var.to_string())?.to_expr())
}

/// The derivative the input asks for with its own operator (`d/dx x^2`,
/// `d²/dx² sin(x)`, `∂^2/∂x∂y x^2*y`, `\frac{d}{dx} x^{2}`), simplified.
/// An input without an operator is an error.
///
/// ```
/// assert_eq!(symdiff::d_written("d/dx x^2").unwrap().to_string(), "2*x");
/// assert_eq!(symdiff::d_written(r"\frac{d^2}{dx^2} \sin x").unwrap().to_string(), "-sin(x)");
/// assert!(symdiff::d_written("x^2").is_err());
/// ```
pub fn d_written(input: &str) -> Result<Expr, Error> {
    let limits = Limits::default();
    let out = parse_input(input, &limits)?;
    let (Some(op), Parsed::Scalar(e)) = (out.derivative, out.value) else {
        return Err(Error::new(
            ErrorKind::UnexpectedEnd {
                expected: "a derivative operator in front, such as d/dx".into(),
            },
            0..0,
        ));
    };
    op.apply(&e, &limits)
}

/// Reads `input` as an expression or a vector, within `limits`, as LaTeX
/// when it looks like LaTeX ([`Syntax::of`]): the parser's reading, with
/// derivatives written on function names (`sin''(x)`, `sqrt'(x)`) worked
/// out by the differentiator. A derivative operator in front (`d/dx x^2`)
/// comes back as [`ParseOutput::derivative`].
///
/// ```
/// use symdiff::{parse_input, Limits, Parsed};
/// let out = parse_input("2x + 3x", &Limits::default()).unwrap();
/// assert_eq!(out.value, Parsed::Scalar(symdiff::parse("5*x").unwrap()));
/// let out = parse_input("sin'[1](x)", &Limits::default()).unwrap();
/// assert_eq!(out.value, Parsed::Scalar(symdiff::parse("cos(x)").unwrap()));
/// let out = parse_input(r"\frac{d}{dx} x^{2}", &Limits::default()).unwrap();
/// assert_eq!(out.value, Parsed::Scalar(symdiff::parse("x^2").unwrap()));
/// assert!(out.derivative.is_some());
/// ```
pub fn parse_input(input: &str, limits: &Limits) -> Result<ParseOutput, Error> {
    parse_as(input, Syntax::of(input), limits)
}

/// As [`parse_input`], in the given syntax.
///
/// ```
/// use symdiff::{parse_as, Limits, Parsed, Syntax};
/// let out = parse_as("x y", Syntax::Latex, &Limits::default()).unwrap();
/// assert_eq!(out.value, Parsed::Scalar(symdiff::parse("x*y").unwrap()));
/// assert!(parse_as(r"\sqrt{x}", Syntax::Plain, &Limits::default()).is_err());
/// ```
pub fn parse_as(input: &str, syntax: Syntax, limits: &Limits) -> Result<ParseOutput, Error> {
    let mut out = syntax::parser::parse_unresolved_as(input, syntax, limits)?;
    if out.named_derivatives {
        let resolve = calculus::diff::resolve_named_derivatives;
        out.value = match out.value {
            Parsed::Scalar(e) => Parsed::Scalar(resolve(&e)),
            Parsed::Vector(v) => Parsed::Vector(v.iter().map(resolve).collect()),
            Parsed::Equation(lhs, rhs) => Parsed::Equation(resolve(&lhs), resolve(&rhs)),
        };
        out.named_derivatives = false;
        // A derivative worked out may be 0 where it divides (`2/abs'(0)`):
        // the parser could not see that literal division by zero.
        let roots = match &out.value {
            Parsed::Scalar(e) => std::slice::from_ref(e),
            Parsed::Vector(v) => v.as_slice(),
            Parsed::Equation(lhs, rhs) => &[lhs.clone(), rhs.clone()][..],
        };
        if roots.iter().any(syntax::parser::divides_by_zero) {
            return Err(Error::new(ErrorKind::DivisionByZero, 0..input.len()));
        }
    }
    Ok(out)
}

/// Reads one expression (plain or LaTeX, see [`Syntax::of`]). A
/// derivative operator in front (`d/dx x^2`) is an error here: see
/// [`d_written`].
///
/// ```
/// let e = symdiff::parse("x^2 + 2x + 1").unwrap();
/// assert_eq!(e.to_string(), "x^2 + 2*x + 1");
/// assert_eq!(symdiff::parse(r"\frac{x^{2}}{2}").unwrap().to_string(), "x^2/2");
/// assert!(symdiff::parse("1/0").is_err());
/// assert!(symdiff::parse("d/dx x^2").is_err());
/// ```
pub fn parse(input: &str) -> Result<Expr, Error> {
    expression_alone(parse_input(input, &Limits::default())?)?.scalar(input)
}

/// Reads one expression in LaTeX, whatever it looks like.
///
/// ```
/// let e = symdiff::parse_latex(r"2x \sin x").unwrap();
/// assert_eq!(e.to_string(), "2*x*sin(x)");
/// ```
pub fn parse_latex(input: &str) -> Result<Expr, Error> {
    let out = parse_as(input, Syntax::Latex, &Limits::default())?;
    expression_alone(out)?.scalar(input)
}

/// Reads a vector `[f1, f2, ...]`.
///
/// ```
/// let v = symdiff::parse_vector("[x*y, x + y]").unwrap();
/// assert_eq!(v.len(), 2);
/// ```
pub fn parse_vector(input: &str) -> Result<Vec<Expr>, Error> {
    match expression_alone(parse_input(input, &Limits::default())?)? {
        Parsed::Vector(v) => Ok(v),
        Parsed::Scalar(_) => Err(Error::new(ErrorKind::ExpectedVector, 0..input.len())),
        Parsed::Equation(..) => Err(syntax::parser::equation_error(input)),
    }
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
    let mut tokens = syntax::lexer::tokens(name.trim(), Limits::default().max_digits);
    match (tokens.next(), tokens.next()) {
        (Some(Ok((_, syntax::lexer::Token::Ident(n), _))), None)
            if syntax::parser::is_variable_name(n) =>
        {
            Ok(Expr::symbol(n))
        }
        _ => Err(bad()),
    }
}

impl Expr {
    /// The derivative with respect to `var`, simplified. Unbounded: for
    /// expressions from untrusted input use [`Expr::try_diff`].
    ///
    /// ```
    /// use symdiff::{parse, Expr};
    /// let f = parse("x^4/4 - x^2 + 1/2").unwrap();
    /// assert_eq!(f.diff(&Expr::symbol("x")).to_string(), "x^3 - 2*x");
    /// ```
    pub fn diff(&self, var: &Expr) -> Expr {
        simplify(&calculus::diff::derivative(self, var))
    }

    /// The `n`-th derivative with respect to `var`, simplified. Unbounded:
    /// for expressions from untrusted input use [`Expr::try_diff_n`].
    ///
    /// ```
    /// use symdiff::{parse, Expr};
    /// let f = parse("x^4/4 - x^2 + 1/2").unwrap();
    /// assert_eq!(f.diff_n(&Expr::symbol("x"), 2).to_string(), "3*x^2 - 2");
    /// ```
    pub fn diff_n(&self, var: &Expr, n: usize) -> Expr {
        self.diff_by(&vec![var.clone(); n])
    }

    /// The successive partial derivatives by each of `vars` in turn
    /// (`∂/∂y ∂/∂x f` for `[x, y]`), simplified.
    ///
    /// ```
    /// use symdiff::{parse, Expr};
    /// let f = parse("x^2*y^3").unwrap();
    /// let d = f.diff_by(&[Expr::symbol("x"), Expr::symbol("y"), Expr::symbol("y")]);
    /// assert_eq!(d.to_string(), "12*x*y");
    /// ```
    pub fn diff_by(&self, vars: &[Expr]) -> Expr {
        // Simplified once at the end: see `simplify` on why not per step.
        let raw = vars
            .iter()
            .fold(self.clone(), |e, v| calculus::diff::derivative(&e, v));
        simplify(&raw)
    }

    /// The derivative with respect to `var`, simplified, or an error when
    /// it would grow past `limits.max_nodes`.
    ///
    /// ```
    /// use symdiff::{parse, Expr, Limits};
    /// let f = parse("x*sin(x)").unwrap();
    /// let d = f.try_diff(&Expr::symbol("x"), &Limits::default()).unwrap();
    /// assert_eq!(d.to_string(), "x*cos(x) + sin(x)");
    /// ```
    pub fn try_diff(&self, var: &Expr, limits: &Limits) -> Result<Expr, Error> {
        self.try_diff_n(var, 1, limits)
    }

    /// The `n`-th derivative with respect to `var`, simplified, or an error
    /// when `n` is over `limits.max_order` or a step would grow past
    /// `limits.max_nodes`.
    ///
    /// ```
    /// use symdiff::{parse, ErrorKind, Expr, Limits};
    /// let f = parse("x^4").unwrap();
    /// let x = Expr::symbol("x");
    /// assert_eq!(f.try_diff_n(&x, 3, &Limits::default()).unwrap().to_string(), "24*x");
    /// let err = f.try_diff_n(&x, 101, &Limits::default()).unwrap_err();
    /// assert_eq!(err.kind, ErrorKind::OrderTooHigh { order: 101, limit: 100 });
    /// ```
    pub fn try_diff_n(&self, var: &Expr, n: usize, limits: &Limits) -> Result<Expr, Error> {
        if n > limits.max_order {
            // Said before a list of n variables is made.
            return Err(Error::new(
                ErrorKind::OrderTooHigh {
                    order: n,
                    limit: limits.max_order,
                },
                0..0,
            ));
        }
        self.try_diff_by(&vec![var.clone(); n], limits)
    }

    /// The successive partial derivatives by each of `vars` in turn,
    /// simplified, or an error when there are more than
    /// `limits.max_order` of them or a step would grow past
    /// `limits.max_nodes`: the command line's `symdiff EXPR x y`.
    ///
    /// ```
    /// use symdiff::{parse, ErrorKind, Expr, Limits};
    /// let f = parse("x^2*y^3").unwrap();
    /// let (x, y) = (Expr::symbol("x"), Expr::symbol("y"));
    /// let d = f.try_diff_by(&[x, y.clone(), y], &Limits::default()).unwrap();
    /// assert_eq!(d.to_string(), "12*x*y");
    /// let small = Limits { max_order: 2, ..Limits::default() };
    /// let err = f.try_diff_by(&vec![Expr::symbol("x"); 3], &small).unwrap_err();
    /// assert_eq!(err.kind, ErrorKind::OrderTooHigh { order: 3, limit: 2 });
    /// ```
    pub fn try_diff_by(&self, vars: &[Expr], limits: &Limits) -> Result<Expr, Error> {
        if vars.len() > limits.max_order {
            return Err(Error::new(
                ErrorKind::OrderTooHigh {
                    order: vars.len(),
                    limit: limits.max_order,
                },
                0..0,
            ));
        }
        // Simplified once at the end: see `simplify` on why not per step.
        let mut e = self.clone();
        for var in vars {
            e = calculus::diff::derivative_within(&e, var, limits)?;
        }
        simplify::simplify_within(&e, limits)
    }

    /// The expression as LaTeX math.
    ///
    /// ```
    /// assert_eq!(symdiff::parse("x^2/2").unwrap().to_latex(), r"\frac{x^{2}}{2}");
    /// ```
    pub fn to_latex(&self) -> String {
        present::print::to_latex(self)
    }
}

/// The README's examples, run as doctests so it cannot drift from the code.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
