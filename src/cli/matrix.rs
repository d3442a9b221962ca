//! `--grad`, `--jacobian`, `--hessian`: symbolic matrices of partials.

use super::derive::print_notes;
use super::print_line;
use super::{Args, Failure, Format, InputSyntax, Timings};
use symdiff::calculus::matrix::{
    gradient_within, hessian_within, jacobian_within, json_rows, latex_rows, text_rows,
};
use symdiff::calculus::poly::Polynomial;
use symdiff::{natural_cmp, Error, ErrorKind, Expr, Limits, Matrix, Parsed};

/// Which matrix the arguments ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Gradient,
    Jacobian,
    Hessian,
}

impl Kind {
    /// A name for generated functions.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Gradient => "gradient",
            Kind::Jacobian => "jacobian",
            Kind::Hessian => "hessian",
        }
    }

    pub fn of(args: &Args) -> Option<Kind> {
        if args.grad {
            Some(Kind::Gradient)
        } else if args.jacobian {
            Some(Kind::Jacobian)
        } else if args.hessian {
            Some(Kind::Hessian)
        } else {
            None
        }
    }
}

/// Parses the input, computes the matrix and prints it.
pub fn run(args: &Args, kind: Kind, limits: &Limits, timings: &mut Timings) -> Result<(), Failure> {
    if let Some(shown) = polynomial(args, kind, limits, timings) {
        print_line(&shown);
        return Ok(());
    }
    let (_, result, vars) = compute(args, kind, limits, timings)?;
    let shown = timings.time("print", || match args.emit {
        Some(lang) => lang.code(result.entries(), &vars, kind.name()),
        None => show(&result, args.format),
    });
    print_line(&shown);
    Ok(())
}

/// The functions, the matrix the arguments ask for of them, and the
/// variables it is taken in.
pub fn compute(
    args: &Args,
    kind: Kind,
    limits: &Limits,
    timings: &mut Timings,
) -> Result<(Vec<Expr>, Matrix, Vec<Expr>), Failure> {
    let input = args.expr();
    let parsed = timings
        .time("parse", || super::parse_expression(args, input, limits))
        .map_err(|e| Failure::input(&e, input))?;
    print_notes(&parsed.notes, input);
    let functions = match (kind, parsed.value) {
        (Kind::Jacobian, Parsed::Vector(fs)) => fs,
        (Kind::Jacobian, Parsed::Scalar(_) | Parsed::Equation(..)) => {
            return Err(Failure::input(
                &whole(ErrorKind::ExpectedVector, input),
                input,
            ))
        }
        (_, value) => vec![value.scalar(input).map_err(|e| Failure::input(&e, input))?],
    };
    let vars = matrix_variables(args, &functions)?;
    let matrix = timings
        .time("differentiate", || match kind {
            Kind::Gradient => gradient_within(&functions[0], &vars, limits),
            Kind::Hessian => hessian_within(&functions[0], &vars, limits),
            Kind::Jacobian => jacobian_within(&functions, &vars, limits),
        })
        .map_err(|e| Failure::input(&e, input))?;
    Ok((functions, matrix, vars))
}

/// The matrix of polynomials, read, differentiated and printed as
/// monomials ([`Polynomial`]): the general path's text, JSON or LaTeX
/// without its nodes, so a polynomial is as fast through `--grad` as
/// through `symdiff - VAR` once per variable. `None` leaves the input to
/// the general path, which also reports anything wrong with it.
fn polynomial(args: &Args, kind: Kind, limits: &Limits, timings: &mut Timings) -> Option<String> {
    // The polynomial reader knows the plain syntax only.
    if args.emit.is_some() || args.syntax == Some(InputSyntax::Latex) {
        return None;
    }
    let input = args.expr();
    if input.len() > limits.max_input_len {
        return None;
    }
    let functions: Vec<Polynomial> = timings.time("parse", || match kind {
        Kind::Jacobian => {
            let inside = input.trim().strip_prefix('[')?.strip_suffix(']')?;
            inside
                .split(',')
                .map(|f| Polynomial::read(f, limits))
                .collect()
        }
        Kind::Gradient | Kind::Hessian => Some(vec![Polynomial::read(input, limits)?]),
    })?;
    let vars = polynomial_variables(args, &functions)?;
    let (entries, cols) = timings.time("differentiate", || {
        polynomial_entries(kind, &functions, &vars)
    })?;
    Some(timings.time("print", || {
        let texts: Vec<String> = match args.format {
            Format::Latex => entries.iter().map(|p| p.to_expr().to_latex()).collect(),
            Format::Text | Format::Json => entries.iter().map(Polynomial::to_string).collect(),
        };
        match args.format {
            Format::Text => text_rows(&texts, cols),
            Format::Json => json_rows(&texts, cols),
            Format::Latex => latex_rows(&texts, cols),
        }
    }))
}

/// The variables of a matrix of polynomials, as [`matrix_variables`]
/// finds them; `None` for a bad name or none at all, which the general
/// path reports.
fn polynomial_variables(args: &Args, functions: &[Polynomial]) -> Option<Vec<String>> {
    let named = if args.vars.is_empty() {
        &args.variables
    } else {
        &args.vars
    };
    if !named.is_empty() {
        return named
            .iter()
            .map(|n| symdiff::variable(n).ok().map(|v| v.to_string()))
            .collect();
    }
    let mut vars: Vec<String> = functions
        .iter()
        .flat_map(|p| p.variables().iter().cloned())
        .collect();
    vars.sort_by(|a, b| natural_cmp(a, b));
    vars.dedup();
    (!vars.is_empty()).then_some(vars)
}

/// The entries row by row and the number of columns; `None` when a
/// coefficient would overflow, left to the general path's exact numbers.
fn polynomial_entries(
    kind: Kind,
    functions: &[Polynomial],
    vars: &[String],
) -> Option<(Vec<Polynomial>, usize)> {
    let partials = |p: &Polynomial, vars: &[String]| -> Option<Vec<Polynomial>> {
        vars.iter().map(|v| p.derivative(v)).collect()
    };
    let n = vars.len();
    match kind {
        Kind::Gradient => Some((partials(&functions[0], vars)?, 1)),
        Kind::Jacobian => {
            let mut rows = Vec::with_capacity(functions.len() * n);
            for f in functions {
                rows.extend(partials(f, vars)?);
            }
            Some((rows, n))
        }
        Kind::Hessian => {
            let first = partials(&functions[0], vars)?;
            // Each mixed partial once, (i, j >= i), then mirrored.
            let upper: Vec<Vec<Polynomial>> = (0..n)
                .map(|i| partials(&first[i], &vars[i..]))
                .collect::<Option<_>>()?;
            let entries = (0..n)
                .flat_map(|i| (0..n).map(move |j| (i.min(j), i.max(j))))
                .map(|(a, b)| upper[a][b - a].clone())
                .collect();
            Some((entries, n))
        }
    }
}

fn whole(kind: ErrorKind, input: &str) -> Error {
    Error::new(kind, 0..input.len())
}

/// `--vars`, else the positional variables, else every free variable of
/// the functions in natural order.
fn matrix_variables(args: &Args, functions: &[Expr]) -> Result<Vec<Expr>, Failure> {
    let named = if args.vars.is_empty() {
        &args.variables
    } else {
        &args.vars
    };
    if !named.is_empty() {
        return named
            .iter()
            .map(|n| symdiff::variable(n).map_err(|e| Failure::usage(e.kind.to_string())))
            .collect();
    }
    let vars = Expr::free_symbols_of(functions);
    if vars.is_empty() {
        return Err(Failure::usage(
            "the expression has no variable; give them with --vars x,y",
        ));
    }
    Ok(vars)
}

fn show(m: &Matrix, format: Format) -> String {
    match format {
        Format::Text => m.to_string(),
        Format::Latex => m.to_latex(),
        Format::Json => m.to_json(),
    }
}
