//! What the core tests share: the data-file reader, the snapshot settings
//! and the numeric checks.

use symdiff::Expr;

/// The cases of a data file in `tests/data/`: each non-blank, non-comment
/// line split at `;` into trimmed fields, with its line number.
pub fn cases(text: &str) -> Vec<(usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(i, line)| (i + 1, line.split(';').map(str::trim).collect()))
        .collect()
}

/// Snapshots live in the top-level `snapshots/` folder, named by case.
pub fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings
}

/// A file-name-safe name for a case: its letters and digits, the rest `_`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = if c.is_ascii_alphanumeric() { c } else { '_' };
        if !(c == '_' && out.ends_with('_')) {
            out.push(c);
        }
    }
    out.trim_matches('_').chars().take(48).collect()
}

/// A file-name-safe name that tells cases apart: operators are spelled
/// out (`x^-1` is `x_pow_minus_1`), and a case by other variables than
/// `x` alone says by which (`sin_x_y_by_x_y`).
pub fn case_name(input: &str, vars: &str) -> String {
    let mut spelled = String::new();
    for c in input.chars() {
        let word = match c {
            '+' => " plus ",
            '-' | '−' => " minus ",
            '*' | '·' | '×' => " times ",
            '/' => " over ",
            '^' => " pow ",
            '\'' => " prime ",
            '²' => " sup 2 ",
            '⁻' => " sup minus ",
            '¹' => " sup 1 ",
            '√' => " root ",
            'π' => " pi ",
            _ => "",
        };
        if word.is_empty() {
            spelled.push(c);
        } else {
            spelled.push_str(word);
        }
    }
    let mut name = slug(&spelled.replace("times  times", "pow"));
    if vars != "x" {
        name = format!("{name}_by_{}", slug(vars));
    }
    name
}

/// Values for the variables other than the one varied: fixed, distinct,
/// inside every domain the tables use.
pub const FIXED: &[(&str, f64)] = &[
    ("x", 0.7),
    ("y", 0.4),
    ("z", 0.8),
    ("w", 0.3),
    ("b", 0.2),
    ("p", 0.35),
    ("k", 3.0),
    ("n", 7.0),
    ("mu", 0.25),
    ("sigma", 1.5),
];

/// Points for the varied variable: both signs, inside and outside (0, 1).
pub const SAMPLES: &[f64] = &[0.3, 0.7, 0.45, 1.3, 2.1, -0.6, -1.7];

/// `FIXED` with `var` set to `value`.
pub fn point(var: &str, value: f64) -> Vec<(&'static str, f64)> {
    FIXED
        .iter()
        .map(|&(name, v)| (name, if name == var { value } else { v }))
        .collect()
}

/// The relative error a derivative may show against the extrapolated
/// central difference (beyond the rounding noise of the difference): the
/// difference's own error is far below it where the function is smooth at
/// the step's scale.
pub const FD_TOLERANCE: f64 = 1e-6;

/// How a derivative compares with a finite difference at one point.
#[derive(Debug, PartialEq)]
pub enum Check {
    /// They agree within [`FD_TOLERANCE`].
    Agrees,
    /// The function is not finite near the point, or not smooth at the
    /// step's scale: the difference says nothing there.
    NotComparable,
    /// They disagree: the message says how.
    Disagrees(String),
}

/// Compares `df` with a Richardson-extrapolated central difference of `f`
/// in `var` at `at`.
pub fn check_derivative(f: &Expr, df: &Expr, var: &str, at: &[(&'static str, f64)]) -> Check {
    let x0 = at.iter().find(|(n, _)| *n == var).map_or(0.0, |&(_, v)| v);
    let f_at = |x: f64| -> Option<f64> {
        let moved: Vec<(&str, f64)> = at
            .iter()
            .map(|&(n, v)| (n, if n == var { x } else { v }))
            .collect();
        finite_throughout(f, &moved)
    };
    let h = 1e-4 * x0.abs().max(1.0);
    let central = |h: f64| Some((f_at(x0 + h)? - f_at(x0 - h)?) / (2.0 * h));
    let (Some(coarse), Some(fine), Some(f0)) = (central(h), central(h / 2.0), f_at(x0)) else {
        return Check::NotComparable;
    };
    // Richardson: the h^2 error terms of the two steps cancel.
    let estimate = (4.0 * fine - coarse) / 3.0;
    // Rounding in f's values, magnified by the division by h.
    let noise = 1e3 * f64::EPSILON * f0.abs() / h;
    if (coarse - fine).abs() > 1e-4 * fine.abs() + noise {
        return Check::NotComparable;
    }
    let exact = match df.eval(at) {
        Ok(v) => v,
        Err(e) => return Check::Disagrees(format!("the derivative {df} fails at {at:?}: {e}")),
    };
    let error = (exact - estimate).abs();
    if exact.is_finite() && error <= FD_TOLERANCE * (1.0 + exact.abs()) + noise {
        Check::Agrees
    } else {
        Check::Disagrees(format!(
            "d/d{var} {f} = {df} is {exact} at {at:?}, the difference says {estimate}"
        ))
    }
}

/// The value of `f` at `at` when every subexpression of `f` is finite
/// there. IEEE arithmetic can hide an undefined part (`1^NaN = 1`,
/// `x*atanh(1)^(-x) = 0`), and a function is not defined where a part of
/// it is not.
pub fn finite_throughout(f: &Expr, at: &[(&str, f64)]) -> Option<f64> {
    let finite = std::cell::Cell::new(true);
    symdiff::walk::postorder(
        f,
        |_| finite.get(),
        |sub| finite.set(finite.get() && sub.eval(at).is_ok_and(f64::is_finite)),
    );
    finite.get().then(|| f.eval(at).ok()).flatten()
}

/// Whether two expressions agree in value at every sample point where
/// both are defined, and are defined at one point at least.
pub fn same_values(a: &Expr, b: &Expr, var: &str) -> Result<(), String> {
    let mut compared = 0;
    for &x in SAMPLES {
        let at = point(var, x);
        if let (Ok(u), Ok(v)) = (a.eval(&at), b.eval(&at)) {
            if u.is_finite() && v.is_finite() {
                compared += 1;
                if (u - v).abs() > 1e-9 * (1.0 + u.abs()) {
                    return Err(format!("{a} is {u} but {b} is {v} at {at:?}"));
                }
            }
        }
    }
    if compared == 0 {
        return Err(format!("{a} and {b} have no common sample point"));
    }
    Ok(())
}

/// The variables named in a field such as `x y y`.
pub fn variables(field: &str) -> Vec<Expr> {
    field
        .split_whitespace()
        .map(|name| symdiff::variable(name).expect("the data names variables"))
        .collect()
}
