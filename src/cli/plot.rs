//! `--plot`: plot data as CSV, or an SVG picture with `--svg` (and a
//! tangent line with `--tangent`).

use super::derive::print_notes;
use super::eval::parse_value;
use super::print_text;
use super::tutor::point;
use super::{Args, Failure, Timings};
use symdiff::analysis::{tangent, Tangent};
use symdiff::present::plot::{sample, sample_surface, to_svg, Interval};
use symdiff::{Expr, Limits, Parsed};

/// Points along one axis: the default, and the most allowed.
const POINTS_1D: (usize, usize) = (201, 1_000_000);
/// Points along each axis of a two-variable grid.
const POINTS_2D: (usize, usize) = (41, 1_000);

/// `--plot RANGES`, with `--svg` and `--tangent` if given.
pub fn run(args: &Args, text: &str, limits: &Limits, timings: &mut Timings) -> Result<(), Failure> {
    if args.expr() == "-" {
        return Err(Failure::usage(
            "--plot takes one expression, not - (standard input)",
        ));
    }
    let intervals = parse_intervals(text)?;
    let input = args.expr();
    let parsed = timings
        .time("parse", || super::parse_expression(args, input, limits))
        .map_err(|e| Failure::input(&e, input))?;
    print_notes(&parsed.notes, input);
    let Parsed::Scalar(f) = parsed.value else {
        return Err(Failure::usage("--plot draws one expression, not a vector"));
    };
    let vars: Vec<Expr> = intervals.iter().map(|i| i.var.clone()).collect();
    if let Some(v) = f.free_symbols().into_iter().find(|v| !vars.contains(v)) {
        return Err(Failure::usage(format!(
            "{v} has no range; give one, as in --plot {}=-2:2",
            vars.iter()
                .chain([&v])
                .map(Expr::to_string)
                .collect::<Vec<_>>()
                .join("=-2:2,")
        )));
    }
    for name in &args.variables {
        if !vars.iter().any(|v| v.as_symbol() == Some(name.trim())) {
            return Err(Failure::usage(format!(
                "{name} is not a variable of --plot"
            )));
        }
    }
    let (default, most) = if intervals.len() == 1 {
        POINTS_1D
    } else {
        POINTS_2D
    };
    let points = args.points.unwrap_or(default);
    if !(2..=most).contains(&points) {
        return Err(Failure::usage(format!("--points must be from 2 to {most}")));
    }
    let output = match intervals.as_slice() {
        [x] => {
            let curves = timings.time("sample", || sample(&f, x, points, args.order));
            match &args.svg {
                None => curves.to_csv(),
                Some(_) => {
                    let line = match &args.tangent {
                        Some(t) => Some(tangent_at(&f, x, t)?),
                        None => None,
                    };
                    timings.time("draw", || to_svg(&curves, line.as_ref()))
                }
            }
        }
        [x, y] => {
            if args.tangent.is_some() {
                return Err(Failure::usage("--tangent needs a function of one variable"));
            }
            let surface = timings.time("sample", || sample_surface(&f, x, y, points));
            match &args.svg {
                None => surface.to_csv(),
                Some(_) => timings.time("draw", || surface.to_svg()),
            }
        }
        _ => {
            return Err(Failure::usage(
                "--plot takes one or two ranges: x=-2:2,y=-2:2",
            ))
        }
    };
    match &args.svg {
        Some(file) => std::fs::write(file, output)
            .map_err(|e| Failure::usage(format!("cannot write {}: {e}", file.display()))),
        None => {
            print_text(&output);
            Ok(())
        }
    }
}

fn tangent_at(f: &Expr, x: &Interval, text: &str) -> Result<Tangent, Failure> {
    let value = match text.split_once('=') {
        Some((name, value)) if name.trim() == x.var.to_string() && !value.contains(',') => value,
        _ => {
            return Err(Failure::usage(format!(
                "--tangent takes the point on the plot's axis, as in --tangent {}=1",
                x.var
            )))
        }
    };
    let at = point(text, std::slice::from_ref(&x.var), "--tangent")?;
    tangent(f, std::slice::from_ref(&x.var), &at).map_err(|why| Failure {
        message: format!("error: no tangent at {} = {}: {why}", x.var, value.trim()),
        code: 1,
    })
}

/// `x=-2:2` or `x=-2:2,y=-1:1`.
fn parse_intervals(text: &str) -> Result<Vec<Interval>, Failure> {
    let mut intervals: Vec<Interval> = Vec::new();
    for part in text.split(',') {
        let bad = || Failure::usage(format!("'{part}' is not a range of the form x=-2:2"));
        let (name, range) = part.split_once('=').ok_or_else(bad)?;
        let (lo, hi) = range.split_once(':').ok_or_else(bad)?;
        let var = symdiff::variable(name).map_err(|e| Failure::usage(e.kind.to_string()))?;
        if intervals.iter().any(|i| i.var == var) {
            return Err(Failure::usage(format!("{var} is given twice")));
        }
        let interval = Interval::new(var, parse_value(lo)?, parse_value(hi)?).ok_or_else(|| {
            Failure::usage(format!(
                "'{range}' is not a range: the left end must be smaller, and both finite"
            ))
        })?;
        intervals.push(interval);
    }
    Ok(intervals)
}
