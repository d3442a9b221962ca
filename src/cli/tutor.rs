//! The tutorial's toolkit on the command line: `--steps` and the analyses
//! of what a derivative says. Each prints the library's result in the
//! chosen format; the work is all in the library.

use super::analyses;
use super::derive::print_notes;
use super::print_line;
use super::{Args, Failure, Format};
use clap::Args as ClapArgs;
use serde_json::json;
use symdiff::calculus::conditions;
use symdiff::{Expr, Limits, Parsed};

/// The flags of the tutorial's toolkit.
#[derive(ClapArgs, Debug, Default)]
#[command(next_help_heading = "Tutorial")]
pub struct TutorArgs {
    /// Show the derivation step by step, rule by rule.
    #[arg(long, group = "analysis")]
    pub steps: bool,

    /// Also print where the function and its derivative exist over the
    /// reals, on a line of its own after the result (`where x > 0`).
    #[arg(long)]
    pub conditions: bool,

    /// Critical points and what they are: on --range for one variable,
    /// by Newton's method from --start for several.
    #[arg(long, group = "analysis")]
    pub critical: bool,

    /// The range searched for critical points of a function of one variable.
    #[arg(
        long,
        value_name = "A:B",
        default_value = "-10:10",
        allow_hyphen_values = true
    )]
    pub range: String,

    /// With --critical in several variables: where Newton's method starts,
    /// e.g. x=1,y=2.
    #[arg(long, value_name = "x=A,y=B", allow_hyphen_values = true)]
    pub start: Option<String>,

    /// The tangent line (one variable) or plane (two) at a point, e.g. x=-1.
    #[arg(
        long,
        group = "analysis",
        value_name = "x=A,...",
        allow_hyphen_values = true
    )]
    pub tangent_at: Option<String>,

    /// With --tangent-at: the linear approximation's error at this point.
    #[arg(long, value_name = "x=B,...", allow_hyphen_values = true)]
    pub near: Option<String>,

    /// The Taylor polynomial of order N (about --about, default 0).
    #[arg(long, group = "analysis", value_name = "N")]
    pub taylor: Option<usize>,

    /// The point a Taylor polynomial is taken about, e.g. x=pi/2.
    #[arg(long, value_name = "x=A", allow_hyphen_values = true)]
    pub about: Option<String>,

    /// The gradient and the direction of steepest ascent at a point.
    #[arg(
        long,
        group = "analysis",
        value_name = "x=A,y=B",
        allow_hyphen_values = true
    )]
    pub ascent: Option<String>,

    /// With --ascent: the directional derivative along this vector.
    #[arg(long, value_name = "V1,V2,...", allow_hyphen_values = true)]
    pub along: Option<String>,

    /// Gradient descent (and Newton's method beside it) from a start point,
    /// printing the trajectories as CSV.
    #[arg(
        long,
        group = "analysis",
        value_name = "x=A,y=B",
        allow_hyphen_values = true
    )]
    pub descend: Option<String>,

    /// With --descend in two variables: write the trajectories over the
    /// contours of the function to this SVG file.
    #[arg(long, value_name = "FILE")]
    pub descent_svg: Option<std::path::PathBuf>,

    /// The learning rate eta of --descend.
    #[arg(long, value_name = "ETA", default_value_t = 0.1)]
    pub rate: f64,

    /// The most steps --descend takes.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub iterations: usize,

    /// --descend stops once the gradient is shorter than this.
    #[arg(long, value_name = "EPS", default_value_t = 1e-8)]
    pub tolerance: f64,
}

impl TutorArgs {
    /// Whether any of these flags asks for an action of its own.
    pub fn wanted(&self) -> bool {
        self.steps
            || self.conditions
            || self.critical
            || self.tangent_at.is_some()
            || self.taylor.is_some()
            || self.ascent.is_some()
            || self.descend.is_some()
    }
}

/// Runs the action the tutorial flags ask for.
pub fn run(args: &Args, limits: &Limits) -> Result<(), Failure> {
    let input = args.expr();
    if input == "-" {
        return Err(Failure::usage(
            "the tutorial's flags take one expression, not standard input",
        ));
    }
    let parsed =
        super::parse_expression(args, input, limits).map_err(|e| Failure::input(&e, input))?;
    print_notes(&parsed.notes, input);
    let Parsed::Scalar(expr) = parsed.value else {
        return Err(Failure::usage(
            "the tutorial's analyses take one expression, not a vector",
        ));
    };
    bound_derivatives(&expr, args, limits).map_err(|e| Failure::input(&e, input))?;
    if args.tutor.critical {
        return critical(&expr, args);
    }
    if let Some(at) = &args.tutor.tangent_at {
        return tangent(&expr, args, at);
    }
    if let Some(order) = args.tutor.taylor {
        return taylor(&expr, args, order);
    }
    if let Some(at) = &args.tutor.ascent {
        return ascent(&expr, args, at);
    }
    if let Some(start) = &args.tutor.descend {
        return descend(&expr, args, start);
    }
    if super::steps::wanted(args) {
        let vars = analysis_variables(&expr, args)?;
        return super::steps::run(&expr, &vars, args, limits);
    }
    let var = only_variable(&expr, &args.variables)?;
    if args.order != 1 {
        return Err(Failure::usage(
            "--steps and --conditions show the first derivative; drop --order",
        ));
    }
    let conditions = args.tutor.conditions.then(|| conditions::of(&expr));
    let (mut text, latex, mut json) = if args.tutor.steps {
        let derivation = symdiff::calculus::steps::derivation(&expr, &var);
        (
            derivation.to_text(),
            derivation.to_latex(),
            derivation.to_json(),
        )
    } else {
        let result = expr.diff(&var);
        let json = json!({
            "expression": input,
            "variable": var.to_string(),
            "derivative": result.to_string(),
            "latex": result.to_latex(),
        });
        (result.to_string(), result.to_latex(), json)
    };
    let mut latex = latex;
    if let Some(c) = conditions.filter(|c| !c.is_empty()) {
        text += &format!("\nwhere {c}");
        latex += &format!("\n\\text{{where }} {}", c.to_latex());
        json["conditions"] = c.to_json();
        json["where"] = c.to_string().into();
    }
    print_line(&match args.format {
        Format::Text => text,
        Format::Latex => latex,
        Format::Json => json.to_string(),
    });
    Ok(())
}

/// The largest derivative the analysis asked for needs, built within
/// `limits` first (see `symdiff::analysis::within_limits`).
fn bound_derivatives(expr: &Expr, args: &Args, limits: &Limits) -> Result<(), symdiff::Error> {
    let t = &args.tutor;
    let order = match t.taylor {
        Some(n) => n,
        None if t.critical || t.descend.is_some() => 2,
        None => 1,
    };
    symdiff::analysis::within_limits(expr, order, limits)
}

/// The one variable named, or the expression's only free variable.
fn only_variable(expr: &Expr, given: &[String]) -> Result<Expr, Failure> {
    match given {
        [name] => symdiff::variable(name).map_err(|e| Failure::usage(e.kind.to_string())),
        [] => match expr.free_symbols().as_slice() {
            [only] => Ok(only.clone()),
            _ => Err(Failure::usage(
                "name the variable to differentiate by: symdiff --steps EXPR VAR",
            )),
        },
        _ => Err(Failure::usage(
            "name one variable: the derivation and the analyses are in one variable",
        )),
    }
}

/// An analysis's error: exit 1, as for a bad expression.
fn analysis_failure(e: symdiff::analysis::AnalysisError) -> Failure {
    Failure {
        message: format!("error: {e}"),
        code: 1,
    }
}

/// `--tangent-at A [--near B]`.
fn tangent(expr: &Expr, args: &Args, at: &str) -> Result<(), Failure> {
    let vars = analysis_variables(expr, args)?;
    let point = point(at, &vars, "--tangent-at")?;
    let t = symdiff::analysis::tangent(expr, &vars, &point).map_err(analysis_failure)?;
    let near = match &args.tutor.near {
        Some(text) => {
            let x = coordinates(text, &vars, "--near")?;
            let e = t.error_at(expr, &x).map_err(analysis_failure)?;
            Some((x, e))
        }
        None => None,
    };
    let near = near.as_ref().map(|(x, e)| (x.as_slice(), e));
    analyses::tangent(expr, &t, near).print(args.format);
    Ok(())
}

/// `--taylor N [--about x=A]`.
fn taylor(expr: &Expr, args: &Args, order: usize) -> Result<(), Failure> {
    let var = only_variable(expr, &args.variables)?;
    let about = match &args.tutor.about {
        Some(text) => point(text, std::slice::from_ref(&var), "--about")?.remove(0),
        None => Expr::int(0),
    };
    let t = symdiff::analysis::taylor(expr, &var, &about, order).map_err(analysis_failure)?;
    analyses::taylor(expr, &t).print(args.format);
    Ok(())
}

/// `--ascent A [--along V]`.
fn ascent(expr: &Expr, args: &Args, at: &str) -> Result<(), Failure> {
    let vars = analysis_variables(expr, args)?;
    let x = coordinates(at, &vars, "--ascent")?;
    let a = symdiff::analysis::steepest_ascent(expr, &vars, &x).map_err(analysis_failure)?;
    let along = match &args.tutor.along {
        Some(text) => {
            let v = text
                .split(',')
                .map(|c| Ok(constant(c, "--along")?.eval(&[]).unwrap_or(f64::NAN)))
                .collect::<Result<Vec<f64>, Failure>>()?;
            if v.len() != vars.len() || v.iter().all(|c| *c == 0.0) {
                return Err(Failure::usage(format!(
                    "--along: give a non-zero vector of {} components",
                    vars.len()
                )));
            }
            Some(v)
        }
        None => None,
    };
    analyses::ascent(expr, &vars, &x, &a, along.as_deref()).print(args.format);
    Ok(())
}

/// `--descend A [--rate ETA] [--iterations N] [--tolerance EPS]`.
fn descend(expr: &Expr, args: &Args, start: &str) -> Result<(), Failure> {
    use symdiff::analysis::descent::{descend, Method, Options};
    let vars = analysis_variables(expr, args)?;
    let x = coordinates(start, &vars, "--descend")?;
    let t = &args.tutor;
    if !(t.rate > 0.0 && t.rate.is_finite() && t.tolerance > 0.0) {
        return Err(Failure::usage("--rate and --tolerance must be positive"));
    }
    let options = Options {
        rate: t.rate,
        max_iterations: t.iterations,
        tolerance: t.tolerance,
    };
    let runs = [Method::GradientDescent, Method::Newton]
        .into_iter()
        .map(|m| descend(expr, &vars, &x, m, &options))
        .collect::<Result<Vec<_>, _>>()
        .map_err(analysis_failure)?;
    if let Some(path) = &t.descent_svg {
        let picture =
            symdiff::analysis::contour::svg(expr, &vars, &runs).map_err(analysis_failure)?;
        std::fs::write(path, picture).map_err(|e| Failure {
            message: format!("error: cannot write {}: {e}", path.display()),
            code: 1,
        })?;
    }
    analyses::descent(expr, &vars, t.rate, &runs).print(args.format);
    Ok(())
}

/// `--critical`: on a range for one variable, from a start point for several.
fn critical(expr: &Expr, args: &Args) -> Result<(), Failure> {
    let vars = analysis_variables(expr, args)?;
    let analysis = analysis_failure;
    match (vars.as_slice(), &args.tutor.start) {
        ([var], None) => {
            let range = range(&args.tutor.range)?;
            let points = symdiff::analysis::critical_points(expr, var, range).map_err(analysis)?;
            analyses::critical(expr, var, range, &points).print(args.format);
        }
        (_, start) => {
            let start = coordinates(start.as_deref().unwrap_or(""), &vars, "--start")?;
            let point =
                symdiff::analysis::stationary_point(expr, &vars, &start).map_err(analysis)?;
            analyses::stationary(expr, &vars, &start, &point).print(args.format);
        }
    }
    Ok(())
}

/// The variables an analysis works in: those named (VAR arguments or
/// --vars), else the free variables in natural order.
fn analysis_variables(expr: &Expr, args: &Args) -> Result<Vec<Expr>, Failure> {
    let names = if args.vars.is_empty() {
        &args.variables
    } else {
        &args.vars
    };
    let vars: Vec<Expr> = if names.is_empty() {
        expr.free_symbols()
    } else {
        names
            .iter()
            .map(|n| symdiff::variable(n).map_err(|e| Failure::usage(e.kind.to_string())))
            .collect::<Result<_, _>>()?
    };
    if vars.is_empty() {
        return Err(Failure::usage("the expression has no variable to analyse"));
    }
    Ok(vars)
}

/// A constant expression's value (`pi/2`, `-1`, `sqrt(2)`).
fn constant(text: &str, what: &str) -> Result<Expr, Failure> {
    let bad = || Failure::usage(format!("{what}: `{text}` is not a number"));
    let e = symdiff::parse(text.trim()).map_err(|_| bad())?;
    if !e.free_symbols().is_empty() || !e.eval(&[]).is_ok_and(f64::is_finite) {
        return Err(bad());
    }
    Ok(e)
}

/// `A:B` as two numbers.
fn range(text: &str) -> Result<(f64, f64), Failure> {
    let (a, b) = text
        .split_once(':')
        .ok_or_else(|| Failure::usage(format!("--range: `{text}` is not A:B")))?;
    let value = |s: &str| Ok::<f64, Failure>(constant(s, "--range")?.eval(&[]).unwrap_or(f64::NAN));
    Ok((value(a)?, value(b)?))
}

/// `x=1,y=2` as exact values for `vars`, in their order; every variable
/// needs a value.
fn point(text: &str, vars: &[Expr], what: &str) -> Result<Vec<Expr>, Failure> {
    let mut given: Vec<(String, Expr)> = Vec::new();
    for part in text.split(',').filter(|p| !p.trim().is_empty()) {
        let (name, value) = part
            .split_once('=')
            .ok_or_else(|| Failure::usage(format!("{what}: write the point as x=1,y=2")))?;
        given.push((name.trim().to_string(), constant(value, what)?));
    }
    vars.iter()
        .map(|v| {
            let name = v.to_string();
            given
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, e)| e.clone())
                .ok_or_else(|| Failure::usage(format!("{what}: no value for {name}")))
        })
        .collect()
}

/// [`point`] as doubles.
fn coordinates(text: &str, vars: &[Expr], what: &str) -> Result<Vec<f64>, Failure> {
    Ok(point(text, vars, what)?
        .iter()
        .map(|e| e.eval(&[]).unwrap_or(f64::NAN))
        .collect())
}
