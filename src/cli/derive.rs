//! The default action: derivatives of one expression, or of every line of
//! standard input.

use super::print_line;
use super::{Args, Failure, Format, Timings};
use std::io::BufRead;
use symdiff::calculus::poly::Polynomial;
use symdiff::{Expr, Limits, Note, ParseOutput, Parsed};

/// `symdiff EXPR [VAR...]`.
pub fn single(args: &Args, limits: &Limits, timings: &mut Timings) -> Result<(), Failure> {
    let input = args.expr();
    if let Some(shown) = polynomial(input, args, limits, timings) {
        print_line(&shown);
        return Ok(());
    }
    let (expr, vars, result) = compute(args, limits, timings)?;
    let shown = timings.time("print", || match args.emit {
        Some(lang) => lang.code(
            std::slice::from_ref(&result),
            &expr.free_symbols(),
            "derivative",
        ),
        None => show(&result, input, &vars, args.format),
    });
    print_line(&shown);
    Ok(())
}

/// The expression, the variables it is differentiated by in turn, and
/// the derivative.
pub fn compute(
    args: &Args,
    limits: &Limits,
    timings: &mut Timings,
) -> Result<(Expr, Vec<Expr>, Expr), Failure> {
    let input = args.expr();
    let parsed = timings
        .time("parse", || super::parse(args, input, limits))
        .map_err(|e| Failure::input(&e, input))?;
    print_notes(&parsed.notes, input);
    let (expr, vars) = request(parsed, input, args, limits)?;
    let result =
        differentiate(&expr, &vars, limits, timings).map_err(|e| Failure::input(&e, input))?;
    Ok((expr, vars, result))
}

/// `symdiff - [VAR...]`: one result line per input line; a bad line prints
/// `error: …` in its place and the run goes on (exit 1 at the end).
pub fn batch(args: &Args, limits: &Limits, timings: &mut Timings) -> Result<(), Failure> {
    let mut failed = 0usize;
    for line in std::io::stdin().lock().lines() {
        let line = line.map_err(|e| Failure::usage(format!("cannot read standard input: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        if let Some(shown) = polynomial(&line, args, limits, timings) {
            print_line(&shown);
            continue;
        }
        let outcome = timings
            .time("parse", || super::parse(args, &line, limits))
            .map_err(|e| Failure::input(&e, &line))
            .and_then(|p| request(p, &line, args, limits))
            .and_then(|(e, vars)| {
                let result = differentiate(&e, &vars, limits, timings)
                    .map_err(|e| Failure::input(&e, &line))?;
                Ok(timings.time("print", || show(&result, &line, &vars, args.format)))
            });
        match outcome {
            Ok(shown) => print_line(&shown),
            Err(failure) => {
                failed += 1;
                let first = failure.message.lines().next().unwrap_or("error");
                print_line(first);
                eprint!("{}", failure.message);
            }
        }
    }
    if failed > 0 {
        return Err(Failure {
            message: format!("{failed} line(s) could not be differentiated"),
            code: 1,
        });
    }
    Ok(())
}

/// The derivative of a polynomial, read, differentiated and printed as
/// monomials ([`Polynomial`]): the general path's text, LaTeX or JSON
/// without building the input's nodes. `None` leaves the input to that path,
/// which also reports anything wrong with it.
fn polynomial(input: &str, args: &Args, limits: &Limits, timings: &mut Timings) -> Option<String> {
    // The polynomial reader knows the plain syntax only.
    let latex = args.syntax == Some(super::InputSyntax::Latex);
    if args.emit.is_some() || latex {
        return None;
    }
    let mut p = timings.time("parse", || Polynomial::read(input, limits))?;
    let names: Vec<String> = match (args.variables.as_slice(), p.variables()) {
        ([], [only]) => vec![only.clone()],
        ([], _) => return None,
        (given, _) => given
            .iter()
            .map(|name| symdiff::variable(name).ok().map(|v| v.to_string()))
            .collect::<Option<_>>()?,
    };
    if names.len().saturating_mul(args.order) > limits.max_order {
        return None;
    }
    for _ in 0..args.order {
        for name in &names {
            p = timings.time("differentiate", || p.derivative(name))?;
        }
    }
    Some(timings.time("print", || match args.format {
        Format::Text => p.to_string(),
        Format::Latex => p.to_expr().to_latex(),
        Format::Json => {
            let symbols: Vec<Expr> = names.iter().map(|n| Expr::symbol(n)).collect();
            let vars: Vec<Expr> = symbols
                .iter()
                .cycle()
                .take(names.len() * args.order)
                .cloned()
                .collect();
            symdiff::present::print::derivative_json(input, &vars, &p.to_expr())
        }
    }))
}

/// The expression and the variables to differentiate it by: those of the
/// operator written in front of it (`d/dx x^2`), which VAR arguments may
/// repeat but not contradict, or those the command line names.
fn request(
    parsed: ParseOutput,
    input: &str,
    args: &Args,
    limits: &Limits,
) -> Result<(Expr, Vec<Expr>), Failure> {
    let expr = scalar(parsed.value, input)?;
    let Some(op) = parsed.derivative else {
        let vars = differentiation_variables(&expr, &args.variables, args.order, limits)?;
        return Ok((expr, vars));
    };
    if args.order != 1 {
        return Err(Failure::usage(format!(
            "the operator {op} already gives the order; drop --order"
        )));
    }
    if !args.variables.is_empty() {
        let given = args
            .variables
            .iter()
            .map(|name| symdiff::variable(name).map_err(|e| Failure::usage(e.kind.to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        op.agrees_with(&given)
            .map_err(|e| Failure::input(&e, input))?;
    }
    Ok((expr, op.vars))
}

fn scalar(value: Parsed, input: &str) -> Result<Expr, Failure> {
    value.scalar(input).map_err(|e| Failure::input(&e, input))
}

/// Notes (such as a did-you-mean) on stderr, each with its code frame.
pub fn print_notes(notes: &[Note], input: &str) {
    for note in notes {
        let rendered =
            symdiff::Error::new(symdiff::ErrorKind::Empty, note.span.clone()).render(input);
        // The code frame of an error, headed by the note instead.
        let frame = rendered.split_once('\n').map_or("", |(_, rest)| rest);
        eprint!("note: {}\n{frame}", note.message);
    }
}

/// The variables to differentiate by, in order: those given (each repeated
/// `order` times), or the only free variable.
fn differentiation_variables(
    expr: &Expr,
    given: &[String],
    order: usize,
    limits: &Limits,
) -> Result<Vec<Expr>, Failure> {
    let mut vars = Vec::new();
    for name in given {
        vars.push(symdiff::variable(name).map_err(|e| Failure::usage(e.kind.to_string()))?);
    }
    if vars.is_empty() {
        let free = expr.free_symbols();
        match free.as_slice() {
            [only] => vars.push(only.clone()),
            [] => {
                return Err(Failure::usage(
                    "the expression has no variable; name one: symdiff EXPR VAR",
                ))
            }
            several => {
                let names: Vec<String> = several.iter().map(Expr::to_string).collect();
                return Err(Failure::usage(format!(
                    "the expression has several variables ({}); say which to differentiate by, e.g. symdiff EXPR {}",
                    names.join(", "),
                    names[0]
                )));
            }
        }
    }
    sequence(&vars, order, limits)
}

/// The variables in turn: each given VAR, the whole list `order` times,
/// within the derivative order limit.
pub(super) fn sequence(vars: &[Expr], order: usize, limits: &Limits) -> Result<Vec<Expr>, Failure> {
    let total = vars.len().saturating_mul(order);
    if total > limits.max_order {
        return Err(Failure::usage(
            symdiff::ErrorKind::OrderTooHigh {
                order: total,
                limit: limits.max_order,
            }
            .to_string(),
        ));
    }
    Ok(vars.iter().cycle().take(total).cloned().collect())
}

/// Successive derivatives on the canonical form, simplified once at the
/// end: simplifying between steps nests sums inside products, and each
/// further product rule then multiplies the printed size.
fn differentiate(
    expr: &Expr,
    vars: &[Expr],
    limits: &Limits,
    timings: &mut Timings,
) -> Result<Expr, symdiff::Error> {
    let mut result = expr.clone();
    for v in vars {
        result = timings.time("differentiate", || {
            symdiff::calculus::diff::derivative_within(&result, v, limits)
        })?;
    }
    timings.time("simplify", || {
        symdiff::simplify::simplify_within(&result, limits)
    })
}

fn show(result: &Expr, input: &str, vars: &[Expr], format: Format) -> String {
    match format {
        Format::Text => result.to_string(),
        Format::Latex => result.to_latex(),
        Format::Json => symdiff::present::print::derivative_json(input, vars, result),
    }
}
