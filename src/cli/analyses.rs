//! The analyses' results as text, LaTeX and JSON.

use super::print_line;
use super::Format;
use serde_json::{json, Value};
use symdiff::analysis::descent::csv_header;
use symdiff::analysis::{
    Ascent, CriticalPoint, LinearError, StationaryPoint, Tangent, Taylor, Trajectory,
};
use symdiff::Expr;

/// One result in the three formats; `print` picks one.
pub struct Shown {
    pub text: String,
    pub latex: String,
    pub json: Value,
}

impl Shown {
    pub fn print(self, format: Format) {
        match format {
            Format::Text => print_line(&self.text),
            Format::Latex => print_line(&self.latex),
            Format::Json => print_line(&self.json.to_string()),
        }
    }
}

/// A double as a person reads it: integers plainly, others to 6 decimals.
pub fn approx(x: f64) -> String {
    if x == x.round() && x.abs() < 1e15 {
        return format!("{}", x as i64);
    }
    if x.abs() >= 1e15 || x.abs() < 1e-4 {
        return format!("{x:.6e}");
    }
    let s = format!("{x:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `1 step`, `5 steps`.
fn steps(n: usize) -> String {
    format!("{n} step{}", if n == 1 { "" } else { "s" })
}

/// `name(x, y)`.
pub fn function_of(name: &str, vars: &[Expr]) -> String {
    let names: Vec<String> = vars.iter().map(Expr::to_string).collect();
    format!("{name}({})", names.join(", "))
}

fn latex_of(name: &str, vars: &[Expr]) -> String {
    let names: Vec<String> = vars.iter().map(|v| v.to_latex()).collect();
    format!("{name}({})", names.join(", "))
}

/// Critical points of a function of one variable on a range.
pub fn critical(f: &Expr, var: &Expr, range: (f64, f64), points: &[CriticalPoint]) -> Shown {
    let df = f.diff(var);
    let d2f = df.diff(var);
    let vars = std::slice::from_ref(var);
    let (fx, dfx, d2fx) = (
        function_of("f", vars),
        function_of("f'", vars),
        function_of("f''", vars),
    );
    let mut text = format!("{fx} = {f}\n{dfx} = {df}\n{d2fx} = {d2f}\n");
    let (lo, hi) = (approx(range.0), approx(range.1));
    let mut latex = format!(
        "\\begin{{align*}}\n{} &= {} \\\\\n{} &= {} \\\\\n{} &= {}",
        latex_of("f", vars),
        f.to_latex(),
        latex_of("f'", vars),
        df.to_latex(),
        latex_of("f''", vars),
        d2f.to_latex()
    );
    if points.is_empty() {
        text += &format!("no critical points in [{lo}, {hi}]");
    } else {
        text += &format!("critical points in [{lo}, {hi}]:");
    }
    let mut list = Vec::new();
    for p in points {
        let at = match &p.exact {
            Some(e) if e.as_number().is_some() => format!("= {e}"),
            Some(e) => format!("= {e} ≈ {}", approx(p.x)),
            None => format!("≈ {}", approx(p.x)),
        };
        // Values at a numeric point are numeric: shown rounded.
        let shown = |e: &Expr| match p.exact {
            Some(_) => e.to_string(),
            None => approx(e.eval(&[]).unwrap_or(f64::NAN)),
        };
        let test = test_words(p);
        let second = p.second.as_ref().map_or("f' undefined".to_string(), |s| {
            format!("f'' = {}", shown(s))
        });
        text += &format!(
            "\n  {var} {at}: f = {}, {second}{test}: {}",
            shown(&p.value),
            p.nature.name()
        );
        let at_latex = p.exact.as_ref().map_or_else(
            || format!("\\approx {}", approx(p.x)),
            |e| format!("= {}", e.to_latex()),
        );
        let second = p
            .second
            .as_ref()
            .map_or(r"f' \text{ undefined}".to_string(), |s| {
                format!("f'' = {}", s.to_latex())
            });
        latex += &format!(
            " \\\\\n{} &{at_latex} && f = {},\\ {second} && \\text{{{}{}}}",
            var.to_latex(),
            p.value.to_latex(),
            p.nature.name(),
            test
        );
        list.push(json!({
            "x": p.exact.as_ref().map(Expr::to_string),
            "approx": p.x,
            "value": p.value.to_string(),
            "second_derivative": p.second.as_ref().map(Expr::to_string),
            "nature": p.nature.name(),
            "test": if p.by_sign_change { "sign_change" } else { "second_derivative" },
        }));
    }
    latex += "\n\\end{align*}";
    let json = json!({
        "function": f.to_string(),
        "variable": var.to_string(),
        "derivative": df.to_string(),
        "second_derivative": d2f.to_string(),
        "range": [range.0, range.1],
        "critical_points": list,
    });
    Shown { text, latex, json }
}

fn test_words(p: &CriticalPoint) -> &'static str {
    if !p.by_sign_change {
        return "";
    }
    match p.nature {
        symdiff::analysis::Nature::NotExtremum => ", f' keeps its sign",
        symdiff::analysis::Nature::Inconclusive => "",
        _ => ", f' changes sign",
    }
}

/// A stationary point of a function of several variables.
pub fn stationary(f: &Expr, vars: &[Expr], start: &[f64], p: &StationaryPoint) -> Shown {
    let coords = |x: &[f64]| -> String {
        let parts: Vec<String> = vars
            .iter()
            .zip(x)
            .map(|(v, x)| format!("{v} = {}", approx(*x)))
            .collect();
        parts.join(", ")
    };
    let eigen: Vec<String> = p.eigenvalues.iter().map(|e| approx(*e)).collect();
    let text = format!(
        "{} = {f}\nNewton's method on the gradient from {}: {}\nstationary point: {}\nf = {}\nHessian eigenvalues: {}\n{}",
        function_of("f", vars),
        coords(start),
        steps(p.iterations),
        coords(&p.point),
        approx(p.value),
        eigen.join(", "),
        p.nature.name()
    );
    let latex_point: Vec<String> = vars
        .iter()
        .zip(&p.point)
        .map(|(v, x)| format!("{} = {}", v.to_latex(), approx(*x)))
        .collect();
    let latex = format!(
        "{},\\quad f = {},\\quad \\lambda = {}\\quad \\text{{{}}}",
        latex_point.join(",\\ "),
        approx(p.value),
        eigen.join(",\\ "),
        p.nature.name()
    );
    let json = json!({
        "function": f.to_string(),
        "variables": vars.iter().map(Expr::to_string).collect::<Vec<_>>(),
        "start": start,
        "point": p.point,
        "value": p.value,
        "eigenvalues": p.eigenvalues,
        "nature": p.nature.name(),
        "iterations": p.iterations,
    });
    Shown { text, latex, json }
}

/// A tangent line or plane, and the approximation error at a nearby point.
pub fn tangent(f: &Expr, t: &Tangent, near: Option<(&[f64], &LinearError)>) -> Shown {
    let at: Vec<String> = t
        .vars
        .iter()
        .zip(&t.point)
        .map(|(v, a)| format!("{v} = {a}"))
        .collect();
    let slopes: Vec<String> = if t.vars.len() == 1 {
        vec![format!("slope = {}", t.slopes[0])]
    } else {
        t.vars
            .iter()
            .zip(&t.slopes)
            .map(|(v, m)| format!("df/d{v} = {m}"))
            .collect()
    };
    let kind = match t.vars.len() {
        1 => "tangent line",
        2 => "tangent plane",
        _ => "linear approximation",
    };
    let mut text = format!(
        "{} = {f}\nat {}: f = {}, {}\n{kind}: {}",
        function_of("f", &t.vars),
        at.join(", "),
        t.value,
        slopes.join(", "),
        t.equation()
    );
    let mut latex = t.equation_latex();
    let mut json = json!({
        "function": f.to_string(),
        "variables": t.vars.iter().map(Expr::to_string).collect::<Vec<_>>(),
        "point": t.point.iter().map(Expr::to_string).collect::<Vec<_>>(),
        "value": t.value.to_string(),
        "slopes": t.slopes.iter().map(Expr::to_string).collect::<Vec<_>>(),
        "equation": t.equation(),
        "latex": t.equation_latex(),
    });
    if let Some((x, e)) = near {
        let at: Vec<String> = t
            .vars
            .iter()
            .zip(x)
            .map(|(v, x)| format!("{v} = {}", approx(*x)))
            .collect();
        text += &format!(
            "\nnear {}: f = {}, tangent = {}, error = {}",
            at.join(", "),
            approx(e.actual),
            approx(e.approximation),
            approx(e.error)
        );
        latex += &format!(
            "\n\\text{{near }} {}:\\ f = {},\\ L = {},\\ f - L = {}",
            at.join(",\\ "),
            approx(e.actual),
            approx(e.approximation),
            approx(e.error)
        );
        json["near"] = json!({"point": x, "actual": e.actual, "approximation": e.approximation, "error": e.error});
    }
    Shown { text, latex, json }
}

/// A Taylor polynomial.
pub fn taylor(f: &Expr, t: &Taylor) -> Shown {
    let order = t.coefficients.len() - 1;
    let text = format!(
        "{} = {f}\nTaylor polynomial of order {order} about {} = {}:\n{}",
        function_of("f", std::slice::from_ref(&t.var)),
        t.var,
        t.about,
        t.to_text()
    );
    let latex = format!(
        "{} \\approx {}",
        latex_of("f", std::slice::from_ref(&t.var)),
        t.to_latex()
    );
    let json = json!({
        "function": f.to_string(),
        "variable": t.var.to_string(),
        "about": t.about.to_string(),
        "order": order,
        "coefficients": t.coefficients.iter().map(Expr::to_string).collect::<Vec<_>>(),
        "polynomial": t.to_text(),
        "latex": t.to_latex(),
    });
    Shown { text, latex, json }
}

/// The gradient at a point, the direction of steepest ascent and, if a
/// vector is given, the directional derivative along it.
pub fn ascent(f: &Expr, vars: &[Expr], at: &[f64], a: &Ascent, along: Option<&[f64]>) -> Shown {
    let list = |v: &[f64]| {
        let parts: Vec<String> = v.iter().map(|x| approx(*x)).collect();
        format!("[{}]", parts.join(", "))
    };
    let point: Vec<String> = vars
        .iter()
        .zip(at)
        .map(|(v, x)| format!("{v} = {}", approx(*x)))
        .collect();
    let mut text = format!(
        "{} = {f}\ngradient at {}: {}\nsteepest ascent: {} (rate of increase {})",
        function_of("f", vars),
        point.join(", "),
        list(&a.gradient),
        list(&a.direction),
        approx(a.rate)
    );
    let latex_list = |v: &[f64]| {
        let parts: Vec<String> = v.iter().map(|x| approx(*x)).collect();
        format!("\\left({}\\right)", parts.join(",\\ "))
    };
    let mut latex = format!(
        "\\nabla f = {},\\quad \\frac{{\\nabla f}}{{\\lVert \\nabla f \\rVert}} = {},\\quad \\lVert \\nabla f \\rVert = {}",
        latex_list(&a.gradient),
        latex_list(&a.direction),
        approx(a.rate)
    );
    let mut json = json!({
        "function": f.to_string(),
        "variables": vars.iter().map(Expr::to_string).collect::<Vec<_>>(),
        "point": at,
        "gradient": a.gradient,
        "direction": a.direction,
        "rate": a.rate,
    });
    if let Some(v) = along {
        let d = a.along(v).unwrap_or(f64::NAN);
        text += &format!("\nalong {}: directional derivative {}", list(v), approx(d));
        latex += &format!(",\\quad D_{{u}} f = {}", approx(d));
        json["along"] = json!({"vector": v, "directional_derivative": d});
    }
    Shown { text, latex, json }
}

/// Gradient descent beside Newton's method: CSV trajectories in text (a
/// summary of each on stderr), the end points in LaTeX, everything in JSON.
pub fn descent(f: &Expr, vars: &[Expr], rate: f64, runs: &[Trajectory]) -> Shown {
    let mut rows = vec![csv_header(vars)];
    let mut latex = format!(
        "X_t = X_{{t-1}} - \\eta \\nabla f(X_{{t-1}}),\\quad \\eta = {}",
        approx(rate)
    );
    let mut json = json!({
        "function": f.to_string(),
        "variables": vars.iter().map(Expr::to_string).collect::<Vec<_>>(),
        "rate": rate,
    });
    for run in runs {
        rows.extend(run.csv_rows());
        let count = run.iterates.len().saturating_sub(1);
        let last = run.iterates.last();
        let end: Vec<String> = last
            .map(|it| {
                vars.iter()
                    .zip(&it.point)
                    .map(|(v, x)| format!("{v} = {}", approx(*x)))
                    .collect()
            })
            .unwrap_or_default();
        let value = last.map_or(f64::NAN, |it| it.value);
        eprintln!(
            "{}: {} after {} at {}, f = {}",
            run.method.name().replace('_', " "),
            run.stop.describe(),
            steps(count),
            end.join(", "),
            approx(value)
        );
        latex += &format!(
            " \\\\\n\\text{{{}: {} after {} at }} {},\\ f = {}",
            run.method.name().replace('_', " "),
            run.stop.describe(),
            steps(count),
            end.join(",\\ "),
            approx(value)
        );
        json[run.method.name()] = json!({
            "stop": run.stop.describe(),
            "steps": count,
            "trajectory": run.iterates.iter().map(|it| json!({"point": it.point, "value": it.value, "gradient_norm": it.gradient_norm})).collect::<Vec<_>>(),
        });
    }
    Shown {
        text: rows.join("\n"),
        latex,
        json,
    }
}
