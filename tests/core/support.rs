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

pub use symdiff::fuzzing::Check;

/// The relative error a derivative may show against the extrapolated
/// central difference (beyond the rounding noise of the difference): the
/// difference's own error is far below it where the function is smooth at
/// the step's scale.
pub const FD_TOLERANCE: f64 = 1e-6;

/// The library's finite-difference check ([`symdiff::fuzzing::difference_check`])
/// at the tables' tolerance.
pub fn check_derivative(f: &Expr, df: &Expr, var: &str, at: &[(&'static str, f64)]) -> Check {
    symdiff::fuzzing::difference_check(f, df, var, at, FD_TOLERANCE)
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
