//! `--grad`, `--jacobian`, `--hessian`: symbolic matrices of partials.

use super::derive::print_notes;
use super::print_line;
use super::{Args, Failure, Format, Timings};
use symdiff::calculus::matrix::{gradient_within, hessian_within, jacobian_within};
use symdiff::{Error, ErrorKind, Expr, Limits, Matrix, Parsed};

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
