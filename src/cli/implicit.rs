//! `--implicit Y`: dy/dx where an equation ties Y to the variable, with
//! `--order`, `--at`, `--steps`, `--check` and the three formats.

use super::derive::print_notes;
use super::eval::parse_point;
use super::print_line;
use super::{Args, Failure, Format, Timings};
use serde_json::json;
use symdiff::calculus::equivalent::equivalent_on_curve;
use symdiff::calculus::implicit::{implicit, Implicit};
use symdiff::numeric::format_value;
use symdiff::{parse_input, Error, ErrorKind, Expr, Limits, Parsed};

/// How far off the curve a point given to `--at` may be: `|F - G|` at
/// most this times `max(1, |F|, |G|)`, so that rounded coordinates such
/// as y=0.866 for sqrt(3)/2 still count.
const ON_CURVE: f64 = 1e-6;

/// `symdiff EQUATION --implicit Y [X]`.
pub fn run(
    args: &Args,
    dependent: &str,
    limits: &Limits,
    timings: &mut Timings,
) -> Result<(), Failure> {
    let input = args.expr();
    if input == "-" {
        return Err(Failure::usage(
            "--implicit takes one equation, not - (standard input)",
        ));
    }
    if dependent.contains(',') {
        return Err(Failure::usage(
            "several dependent variables are out of scope: give one, as in --implicit y",
        ));
    }
    let y = symdiff::variable(dependent).map_err(|e| Failure::usage(e.kind.to_string()))?;
    let parsed = timings
        .time("parse", || parse_input(input, limits))
        .map_err(|e| Failure::input(&e, input))?;
    print_notes(&parsed.notes, input);
    let whole = |kind: ErrorKind| Failure::input(&Error::new(kind, 0..input.len()), input);
    let Parsed::Equation(lhs, rhs) = parsed.value else {
        return Err(whole(ErrorKind::ExpectedEquation));
    };
    let x = independent(&lhs, &rhs, &y, &args.variables)?;
    let d = timings
        .time("differentiate", || {
            implicit(&lhs, &rhs, &y, &x, args.order, limits)
        })
        .map_err(|e| match e.kind {
            ErrorKind::OrderTooHigh { .. } => Failure::usage(e.kind.to_string()),
            kind => whole(kind),
        })?;
    if let Some(at) = &args.at {
        return at_point(&d, at, args.format);
    }
    if let Some(answer) = &args.check {
        // Right on the curve is right: the answer may not use the equation.
        let yours = super::check::read_one(answer, limits)?;
        let ours = d.derivatives.last().unwrap_or(&d.y);
        let verdict = timings.time("check", || equivalent_on_curve(ours, &yours, &d.h, &d.y));
        return super::check::print_verdict(&verdict, args.format);
    }
    print_line(&match (args.format, args.tutor.steps) {
        (Format::Text, false) => d.to_text(),
        (Format::Latex, false) => d.to_latex(),
        (Format::Json, false) => d.to_json().to_string(),
        (Format::Text, true) => d.steps_text(),
        (Format::Latex, true) => d.steps_latex(),
        (Format::Json, true) => d.steps_json().to_string(),
    });
    Ok(())
}

/// The variable y depends on: the one named, or the equation's only other
/// free variable.
fn independent(lhs: &Expr, rhs: &Expr, y: &Expr, named: &[String]) -> Result<Expr, Failure> {
    let x = match named {
        [one] => symdiff::variable(one).map_err(|e| Failure::usage(e.kind.to_string()))?,
        [] => {
            let h = lhs.clone() - rhs.clone();
            let others: Vec<Expr> = h.free_symbols().into_iter().filter(|v| v != y).collect();
            match others.as_slice() {
                [only] => only.clone(),
                _ => {
                    return Err(Failure::usage(format!(
                        "name the variable {y} depends on: symdiff EQUATION --implicit {y} x"
                    )))
                }
            }
        }
        _ => {
            return Err(Failure::usage(
                "implicit differentiation is by one variable: give one VAR",
            ))
        }
    };
    if &x == y {
        return Err(Failure::usage(format!(
            "{y} cannot depend on itself: name another variable"
        )));
    }
    Ok(x)
}

/// `--at x=A,y=B`: the derivative's value on the curve, or why there is
/// none (the point is off the curve, the tangent is vertical there, or the
/// derivative has no value there).
fn at_point(d: &Implicit, text: &str, format: Format) -> Result<(), Failure> {
    let point = parse_point(text)?;
    let names: Vec<String> = point.iter().map(|(v, _)| v.to_string()).collect();
    let at: Vec<(&str, f64)> = names
        .iter()
        .zip(&point)
        .map(|(n, (_, v))| (n.as_str(), *v))
        .collect();
    let shown: Vec<String> = point
        .iter()
        .map(|(v, x)| format!("{v} = {}", format_value(*x)))
        .collect();
    let shown = shown.join(", ");
    let fail = |message: String| Failure {
        message: format!("error: {message}"),
        code: 1,
    };
    let value = |e: &Expr| e.eval(&at).map_err(|e| fail(format!("{e} (at {shown})")));
    let (l, r) = (value(&d.lhs)?, value(&d.rhs)?);
    let on_curve = (l - r).abs() <= ON_CURVE * l.abs().max(r.abs()).max(1.0);
    if !on_curve {
        return Err(fail(format!(
            "({shown}) is not on the curve {}: the left side is {}, the right side {}",
            d.equation(),
            format_value(l),
            format_value(r)
        )));
    }
    if value(&d.f_y)?.abs() <= 1e-12 {
        return Err(fail(format!(
            "vertical tangent at {shown}: F_y = {} is 0 there, so {} has no value",
            d.f_y,
            symdiff::calculus::implicit::leibniz(&d.y, &d.x, 1)
        )));
    }
    let last = d.derivatives.last().unwrap_or(&d.y);
    let v = value(last)?;
    print_line(&match format {
        Format::Json => {
            let at: serde_json::Map<String, serde_json::Value> = names
                .iter()
                .zip(&point)
                .map(|(n, (_, x))| (n.clone(), json!(x)))
                .collect();
            json!({"at": at, "name": symdiff::calculus::implicit::leibniz(&d.y, &d.x, d.derivatives.len()), "value": v}).to_string()
        }
        _ => format_value(v),
    });
    Ok(())
}
