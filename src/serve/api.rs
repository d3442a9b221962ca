//! The JSON API's computations. Each takes the request and the server's
//! [`Limits`] and runs on the blocking pool (see `work.rs`); the field
//! names are the command line's JSON names (`derivative`, `latex`,
//! `variables`, `steps`, `conditions`, `where`, `rows`, `at`).

use super::error::ApiError;
use super::request::{coordinates, Names, Point};
use serde::Deserialize;
use serde_json::{json, Value};
use symdiff::analysis::tangent;
use symdiff::calculus::conditions::{self, Conditions};
use symdiff::calculus::matrix::{gradient_within, hessian_within, jacobian_within, latex_rows};
use symdiff::calculus::steps::{derivation, Step};
use symdiff::numeric::{format_value, Derivatives, NoValue};
use symdiff::present::plot::{sample, Interval};
use symdiff::{parse_input, Expr, Limits, Matrix, ParseOutput, Parsed};

/// `POST /api/parse`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParseRequest {
    pub expression: String,
}

/// The expression's LaTeX (for the live preview), its canonical text and
/// its free variables.
pub fn parse(request: ParseRequest, limits: &Limits) -> Result<Value, ApiError> {
    let input = &request.expression;
    let parsed = parse_input(input, limits)?;
    let notes = notes(&parsed);
    let (text, latex, vars) = match parsed.value {
        Parsed::Scalar(e) => (e.to_string(), e.to_latex(), e.free_symbols()),
        Parsed::Vector(items) => {
            let vars = Expr::free_symbols_of(&items);
            let texts: Vec<String> = items.iter().map(Expr::to_string).collect();
            let latexes: Vec<String> = items.iter().map(Expr::to_latex).collect();
            (
                format!("[{}]", texts.join(", ")),
                format!(r"\left[{}\right]", latexes.join(r",\ ")),
                vars,
            )
        }
        Parsed::Equation(lhs, rhs) => (
            format!("{lhs} = {rhs}"),
            format!("{} = {}", lhs.to_latex(), rhs.to_latex()),
            Expr::free_symbols_of(&[lhs, rhs]),
        ),
    };
    Ok(json!({
        "expression": input,
        "text": text,
        "latex": latex,
        "variables": names(&vars),
        "notes": notes,
    }))
}

/// `POST /api/derivative`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DerivativeRequest {
    pub expression: String,
    #[serde(default)]
    pub variables: Names,
    #[serde(default = "one")]
    pub order: usize,
    #[serde(default)]
    pub steps: bool,
    #[serde(default = "yes")]
    pub conditions: bool,
    /// A point to evaluate the derivative at.
    #[serde(default)]
    pub at: Option<Point>,
}

fn one() -> usize {
    1
}

fn yes() -> bool {
    true
}

/// A derivative as the endpoints compute it: the function, the variables
/// it is taken by (`by`, each once) and in turn (`sequence`), every
/// derivative on the way (`chain`: f, f', … without the last), the result.
struct Differentiated {
    f: Expr,
    by: Vec<Expr>,
    sequence: Vec<Expr>,
    chain: Vec<Expr>,
    result: Expr,
    notes: Value,
}

/// Differentiates `expression` `order` times by each of `variables` in
/// turn (by default the only free variable), within `limits`.
fn differentiate(
    expression: &str,
    variables: &Names,
    order: usize,
    limits: &Limits,
) -> Result<Differentiated, ApiError> {
    let parsed = parse_input(expression, limits)?;
    let notes = notes(&parsed);
    let f = scalar(parsed.value, expression)?;
    let by = differentiation_variables(&f, variables)?;
    if order == 0 {
        return Err(ApiError::usage("the order must be at least 1"));
    }
    // Checked before the sequence is built: its length is the order.
    let total = by.len().saturating_mul(order);
    if total > limits.max_order {
        return Err(symdiff::Error::new(
            symdiff::ErrorKind::OrderTooHigh {
                order: total,
                limit: limits.max_order,
            },
            0..0,
        )
        .into());
    }
    let sequence: Vec<Expr> = by.iter().cycle().take(total).cloned().collect();
    // Simplified once at the end, as the command line does; the
    // derivatives on the way are kept for their conditions.
    let mut chain = vec![f.clone()];
    let mut raw = f.clone();
    for v in &sequence {
        raw = symdiff::calculus::diff::derivative_within(&raw, v, limits)?;
        chain.push(raw.clone());
    }
    chain.pop();
    let result = symdiff::simplify::simplify_within(&raw, limits)?;
    Ok(Differentiated {
        f,
        by,
        sequence,
        chain,
        result,
        notes,
    })
}

/// The derivative, typeset, with its conditions, its steps (for a first
/// derivative by one variable) and its value at a point if asked.
pub fn derivative(request: DerivativeRequest, limits: &Limits) -> Result<Value, ApiError> {
    let d = differentiate(
        &request.expression,
        &request.variables,
        request.order,
        limits,
    )?;
    let mut answer = json!({
        "expression": request.expression,
        "expression_latex": d.f.to_latex(),
        "variables": names(&d.sequence),
        "order": request.order,
        "derivative": d.result.to_string(),
        "latex": d.result.to_latex(),
        "notes": d.notes,
    });
    if request.conditions {
        // Those of f^(k) say where f^(k) and f^(k+1) exist.
        let mut all = Conditions::default();
        for e in &d.chain {
            for c in conditions::of(e).list {
                if !all.list.contains(&c) {
                    all.list.push(c);
                }
            }
        }
        answer["conditions"] = all.to_json();
        answer["where"] = all.to_string().into();
        answer["where_latex"] = all.to_latex().into();
    }
    if request.steps {
        answer["steps"] = match d.sequence.as_slice() {
            [var] => steps_json(&derivation(&d.f, var).steps),
            _ => Value::Null,
        };
    }
    if let Some(point) = &request.at {
        let inputs = Expr::free_symbols_of(&[d.f.clone(), Expr::add(d.by.clone())]);
        let x = coordinates(point, &inputs)?;
        let evaluator = Derivatives::new(
            std::slice::from_ref(&d.f),
            &[(d.result.clone(), d.sequence.len())],
            &d.by,
            &inputs,
        );
        let value = evaluator.at(&x).map(|v| json!({ "value": v[0] }));
        answer["value"] = evaluated(&inputs, &x, value);
    }
    Ok(answer)
}

/// `POST /api/check`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    pub expression: String,
    #[serde(default)]
    pub variables: Names,
    #[serde(default = "one")]
    pub order: usize,
    /// The derivative a person worked out.
    pub answer: String,
}

/// Whether `answer` is the derivative: the engine's verdict
/// ([`symdiff::equivalent`]: `equal`, `verdict`, `where`, and where they
/// differ the `point` with the `expected` and `answer` values), its
/// sentence (`message`), and the derivative itself.
pub fn check(request: CheckRequest, limits: &Limits) -> Result<Value, ApiError> {
    let d = differentiate(
        &request.expression,
        &request.variables,
        request.order,
        limits,
    )?;
    let answer = scalar(
        parse_input(&request.answer, limits)
            .map_err(|e| ApiError::in_field(e, "answer"))?
            .value,
        &request.answer,
    )
    .map_err(|e| ApiError {
        field: Some("answer"),
        ..e
    })?;
    let verdict = symdiff::calculus::equivalent::equivalent_derivative(&d.result, &answer, &d.f);
    let mut out = verdict.to_json();
    out["message"] = verdict.to_string().into();
    out["derivative"] = d.result.to_string().into();
    out["latex"] = d.result.to_latex().into();
    out["answer_latex"] = answer.to_latex().into();
    out["variables"] = names(&d.sequence).into();
    Ok(out)
}

/// `POST /api/plot`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlotRequest {
    pub expression: String,
    #[serde(default)]
    pub variables: Names,
    #[serde(default = "minus_five")]
    pub from: f64,
    #[serde(default = "five")]
    pub to: f64,
    #[serde(default = "plot_points")]
    pub points: usize,
    #[serde(default = "one")]
    pub order: usize,
    /// Where to draw the tangent line.
    #[serde(default)]
    pub tangent: Option<f64>,
}

fn minus_five() -> f64 {
    -5.0
}

fn five() -> f64 {
    5.0
}

fn plot_points() -> usize {
    201
}

/// The most sample points of a plot.
const MAX_POINTS: usize = 5001;

/// f and its derivatives sampled over `from..to` (null where there is no
/// value), and the tangent line at `tangent`.
pub fn plot(request: PlotRequest, limits: &Limits) -> Result<Value, ApiError> {
    let input = &request.expression;
    let f = scalar(parse_input(input, limits)?.value, input)?;
    let var = match differentiation_variables(&f, &request.variables)?.as_slice() {
        [var] => var.clone(),
        _ => return Err(ApiError::usage("a plot is of one variable")),
    };
    if let Some(other) = f.free_symbols().into_iter().find(|v| *v != var) {
        return Err(ApiError::usage(format!(
            "the plot is over {var}, but the expression also has {other}"
        )));
    }
    if !(2..=MAX_POINTS).contains(&request.points) {
        return Err(ApiError::usage(format!(
            "points must be from 2 to {MAX_POINTS}"
        )));
    }
    let range = Interval::new(var.clone(), request.from, request.to).ok_or_else(|| {
        ApiError::usage("the range must run from a smaller to a larger finite number")
    })?;
    // Built within the limits first: sampling differentiates unbounded.
    f.try_diff_n(&var, request.order, limits)?;
    let curves = sample(&f, &range, request.points, request.order);
    let series: Vec<Value> = curves
        .series
        .iter()
        .map(|s| {
            json!({
                "name": s.name,
                "expression": s.expr.to_string(),
                "latex": s.expr.to_latex(),
                "values": s.values,
            })
        })
        .collect();
    let mut answer = json!({
        "expression": input,
        "variable": var.to_string(),
        "from": request.from,
        "to": request.to,
        "x": curves.xs,
        "series": series,
    });
    if let Some(at) = request.tangent {
        if !at.is_finite() {
            return Err(ApiError::usage("the tangent point is not a finite number"));
        }
        // The shortest decimal that reads back as `at`, so 0.1 is 1/10.
        let exact = symdiff::parse(&format!("{at:e}"))
            .map_err(|_| ApiError::usage("the tangent point is not a number"))?;
        answer["tangent"] = match tangent(&f, std::slice::from_ref(&var), &[exact]) {
            Ok(t) => json!({
                "at": at,
                "value": t.value.eval(&[]).ok(),
                "slope": t.slopes[0].eval(&[]).ok(),
                "equation": t.equation(),
            }),
            Err(why) => json!({ "at": at, "error": why.to_string() }),
        };
    }
    Ok(answer)
}

/// `POST /api/matrix`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixRequest {
    pub kind: MatrixKind,
    pub expression: String,
    #[serde(default)]
    pub variables: Names,
    #[serde(default)]
    pub at: Option<Point>,
}

/// Which matrix of partial derivatives.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MatrixKind {
    Gradient,
    Jacobian,
    Hessian,
}

/// The gradient, Jacobian or Hessian, as text rows and LaTeX, and its value
/// at a point if asked.
pub fn matrix(request: MatrixRequest, limits: &Limits) -> Result<Value, ApiError> {
    let input = &request.expression;
    let whole = |kind| ApiError::from(symdiff::Error::new(kind, 0..input.len()));
    let functions = match (request.kind, parse_input(input, limits)?.value) {
        (MatrixKind::Jacobian, Parsed::Vector(fs)) => fs,
        (MatrixKind::Jacobian, _) => return Err(whole(symdiff::ErrorKind::ExpectedVector)),
        (_, value) => vec![value.scalar(input)?],
    };
    let mut vars = request.variables.variables()?;
    if vars.is_empty() {
        vars = Expr::free_symbols_of(&functions);
    }
    if vars.is_empty() {
        return Err(ApiError::usage("the expression has no variable"));
    }
    let m: Matrix = match request.kind {
        MatrixKind::Gradient => gradient_within(&functions[0], &vars, limits),
        MatrixKind::Hessian => hessian_within(&functions[0], &vars, limits),
        MatrixKind::Jacobian => jacobian_within(&functions, &vars, limits),
    }?;
    let rows: Value = serde_json::from_str(&m.to_json())
        .map(|mut v: Value| v["rows"].take())
        .unwrap_or(Value::Null);
    let mut answer = json!({
        "kind": match request.kind {
            MatrixKind::Gradient => "gradient",
            MatrixKind::Jacobian => "jacobian",
            MatrixKind::Hessian => "hessian",
        },
        "expression": input,
        "variables": names(&vars),
        "rows": rows,
        "latex": m.to_latex(),
    });
    if let Some(point) = &request.at {
        let mut inputs = Expr::free_symbols_of(&functions);
        for v in &vars {
            if !inputs.contains(v) {
                inputs.push(v.clone());
            }
        }
        let x = coordinates(point, &inputs)?;
        let order = if request.kind == MatrixKind::Hessian {
            2
        } else {
            1
        };
        let outputs: Vec<(Expr, usize)> = m.entries().iter().map(|e| (e.clone(), order)).collect();
        let values = Derivatives::new(&functions, &outputs, &vars, &inputs)
            .at(&x)
            .map(|v| {
                let texts: Vec<String> = v.iter().map(|&y| format_value(y)).collect();
                let rows: Vec<&[f64]> = v.chunks(m.cols()).collect();
                json!({ "rows": rows, "latex": latex_rows(&texts, m.cols()) })
            });
        answer["value"] = evaluated(&inputs, &x, values);
    }
    Ok(answer)
}

/// Each step with its rule, formula and expressions, as the command line's
/// `--steps --format json` gives them, and the same in LaTeX for the page.
fn steps_json(steps: &[Step]) -> Value {
    steps
        .iter()
        .map(|s| {
            json!({
                "rule": s.rule.name(),
                "label": s.rule.label(),
                "formula": s.formula(),
                "before": s.before.to_string(),
                "after": s.after.to_string(),
                "inner": s.inner.as_ref().map(Expr::to_string),
                "depth": s.depth,
                "derivative": s.is_derivative(),
                "before_latex": s.before.to_latex(),
                "after_latex": s.after.to_latex(),
                "inner_latex": s.inner.as_ref().map(Expr::to_latex),
            })
        })
        .collect()
}

/// A result at the point `x` of `inputs`: the fields computed there, or
/// why there is no value (`{"at": {"x": 0}, "error": "undefined at x = 0"}`).
fn evaluated(inputs: &[Expr], x: &[f64], fields: Result<Value, NoValue>) -> Value {
    let at: serde_json::Map<String, Value> = inputs
        .iter()
        .zip(x)
        .map(|(v, x)| (v.to_string(), json!(x)))
        .collect();
    match fields {
        Ok(mut fields) => {
            fields["at"] = at.into();
            fields
        }
        Err(why) => json!({ "at": at, "error": why.to_string() }),
    }
}

/// Did-you-mean notes, each with its span.
fn notes(parsed: &ParseOutput) -> Value {
    parsed
        .notes
        .iter()
        .map(|n| json!({ "message": n.message, "span": [n.span.start, n.span.end] }))
        .collect()
}

fn scalar(value: Parsed, input: &str) -> Result<Expr, ApiError> {
    Ok(value.scalar(input)?)
}

/// The variables named, else the only free variable.
fn differentiation_variables(f: &Expr, given: &Names) -> Result<Vec<Expr>, ApiError> {
    let vars = given.variables()?;
    if !vars.is_empty() {
        return Ok(vars);
    }
    match f.free_symbols().as_slice() {
        [only] => Ok(vec![only.clone()]),
        [] => Err(ApiError::usage(
            "the expression has no variable; name the variable to differentiate by",
        )),
        several => Err(ApiError::usage(format!(
            "the expression has several variables ({}); say which to differentiate by",
            names(several).join(", ")
        ))),
    }
}

fn names(vars: &[Expr]) -> Vec<String> {
    vars.iter().map(Expr::to_string).collect()
}
