//! The numeric kernels of the functions that neither Rust's `f64` nor C's
//! `<math.h>` has, written for stability at the edges (`sigmoid(-800) = 0`,
//! `softplus(800) = 800`, `logaddexp(1000, 1000) = 1000 + ln 2`).
//!
//! They are the evaluator's functions, and their text is what generated
//! Rust code includes (so the tape and the generated code compute the same
//! numbers); `kernels.c` holds the same functions in C.

/// `1/cos(x)`.
///
/// ```
/// assert_eq!(symdiff::functions::kernels::sec(0.0), 1.0);
/// ```
pub fn sec(x: f64) -> f64 {
    1.0 / x.cos()
}

/// `1/sin(x)`.
///
/// ```
/// assert!(symdiff::functions::kernels::csc(0.0).is_infinite());
/// ```
pub fn csc(x: f64) -> f64 {
    1.0 / x.sin()
}

/// `1/tan(x)`.
///
/// ```
/// assert!((symdiff::functions::kernels::cot(1.0) - 0.6420926159343306).abs() < 1e-15);
/// ```
pub fn cot(x: f64) -> f64 {
    1.0 / x.tan()
}

/// -1, 0 or 1; NaN stays NaN and the sign of a zero is kept.
///
/// ```
/// assert_eq!(symdiff::functions::kernels::sign(-3.0), -1.0);
/// ```
pub fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        x * 0.0
    }
}

/// 0 below 0, 1 above, and 0 at 0 (the convention of `relu`'s derivative).
///
/// ```
/// use symdiff::functions::kernels::heaviside;
/// assert_eq!((heaviside(-1.0), heaviside(0.0), heaviside(2.0)), (0.0, 0.0, 1.0));
/// ```
pub fn heaviside(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x.is_nan() {
        x
    } else {
        0.0
    }
}

/// `max(x, 0)`.
///
/// ```
/// assert_eq!(symdiff::functions::kernels::relu(-2.0), 0.0);
/// ```
pub fn relu(x: f64) -> f64 {
    if x > 0.0 || x.is_nan() {
        x
    } else {
        0.0
    }
}

/// The larger of two numbers; NaN if either is NaN.
///
/// ```
/// assert!(symdiff::functions::kernels::max(f64::NAN, 1.0).is_nan());
/// ```
pub fn max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if a >= b {
        a
    } else {
        b
    }
}

/// The smaller of two numbers; NaN if either is NaN.
///
/// ```
/// assert_eq!(symdiff::functions::kernels::min(3.0, -1.0), -1.0);
/// ```
pub fn min(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if a <= b {
        a
    } else {
        b
    }
}

/// The logistic function `1/(1 + e^-x)`, without overflow for any x.
///
/// ```
/// use symdiff::functions::kernels::sigmoid;
/// assert_eq!((sigmoid(-800.0), sigmoid(0.0), sigmoid(800.0)), (0.0, 0.5, 1.0));
/// ```
pub fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// `ln(1 + e^x)`, without overflow for any x.
///
/// ```
/// assert_eq!(symdiff::functions::kernels::softplus(800.0), 800.0);
/// ```
pub fn softplus(x: f64) -> f64 {
    relu(x) + (-x.abs()).exp().ln_1p()
}

/// `ln(e^a + e^b)`, without overflow for any a and b.
///
/// ```
/// let v = symdiff::functions::kernels::logaddexp(1000.0, 1000.0);
/// assert_eq!(v, 1000.0 + 2f64.ln());
/// ```
pub fn logaddexp(a: f64, b: f64) -> f64 {
    let top = max(a, b);
    if top.is_infinite() {
        return top;
    }
    top + (-(a - b).abs()).exp().ln_1p()
}

/// The polygamma function: the `n`-th derivative of digamma at `x`, for an
/// integer `0 ≤ n ≤ 170` (NaN otherwise, and at the poles 0, -1, -2, …).
/// Shifted up by the recurrence `ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x + 1) - (-1)ⁿ n!/xⁿ⁺¹`
/// until `x ≥ 20 + n`, then the asymptotic series with ten Bernoulli terms.
///
/// ```
/// use symdiff::functions::kernels::polygamma;
/// assert!((polygamma(0.0, 1.0) + 0.5772156649015329).abs() < 1e-15);
/// assert!((polygamma(1.0, 1.0) - std::f64::consts::PI.powi(2) / 6.0).abs() < 1e-15);
/// assert!(polygamma(1.5, 1.0).is_nan() && polygamma(0.0, -2.0).is_nan());
/// ```
pub fn polygamma(n: f64, x: f64) -> f64 {
    let pole = x <= 0.0 && x == x.floor();
    if !(0.0..=170.0).contains(&n) || n != n.floor() || x.is_nan() || pole {
        return f64::NAN;
    }
    if x.is_infinite() {
        return match (x > 0.0, n == 0.0) {
            (true, true) => f64::INFINITY,
            (true, false) => 0.0,
            (false, _) => f64::NAN,
        };
    }
    // Past this the recurrence would take too long; no pole is nearer
    // than rounding can tell apart anyway.
    if x < -1e7 {
        return f64::NAN;
    }
    let k = n as i32;
    let factorial = (1..=k).fold(1.0, |acc, i| acc * f64::from(i));
    // (-1)^(n+1)
    let sign = if k % 2 == 0 { -1.0 } else { 1.0 };
    let mut x = x;
    let mut shifted = 0.0;
    while x < 20.0 + n {
        shifted += sign * factorial / x.powi(k + 1);
        x += 1.0;
    }
    // B2, B4, ..., B20
    let bernoulli = [
        1.0 / 6.0,
        -1.0 / 30.0,
        1.0 / 42.0,
        -1.0 / 30.0,
        5.0 / 66.0,
        -691.0 / 2730.0,
        7.0 / 6.0,
        -3617.0 / 510.0,
        43867.0 / 798.0,
        -174611.0 / 330.0,
    ];
    let x2 = x * x;
    let series = if k == 0 {
        let mut s = x.ln() - 0.5 / x;
        let mut power = x2;
        for (j, b) in bernoulli.iter().enumerate() {
            s -= b / (2.0 * (j as f64 + 1.0) * power);
            power *= x2;
        }
        s
    } else {
        let nf = f64::from(k);
        let mut s = factorial / nf / x.powi(k) + factorial / (2.0 * x.powi(k + 1));
        // (2j + n - 1)!/(2j)! for j = 1, 2, ...
        let mut ratio = factorial * (nf + 1.0) / 2.0;
        let mut power = x.powi(k + 2);
        for (j, b) in bernoulli.iter().enumerate() {
            s += b * ratio / power;
            let two_j = 2.0 * (j as f64 + 1.0);
            ratio *= (two_j + nf) * (two_j + nf + 1.0) / ((two_j + 1.0) * (two_j + 2.0));
            power *= x2;
        }
        sign * s
    };
    series + shifted
}

/// The text of the kernel `name` as it is written in this file, without
/// its doc comment and `pub`, for generated Rust code; `None` for a name
/// that is not a kernel here.
pub(crate) fn rust_source(name: &str) -> Option<String> {
    source_of(include_str!("kernels.rs"), &format!("pub fn {name}("))
        .map(|s| s.trim_start_matches("pub ").to_string())
}

/// The text of the kernel `name` in `kernels.c`, for generated C code.
pub(crate) fn c_source(name: &str) -> Option<String> {
    source_of(include_str!("kernels.c"), &format!("static double {name}("))
}

/// The definition that starts with `start` at the beginning of a line and
/// ends at the first line that is a lone `}` (how both files are formatted).
fn source_of(file: &str, start: &str) -> Option<String> {
    let begin = file.find(&format!("\n{start}"))? + 1;
    let end = begin + file[begin..].find("\n}\n")? + 3;
    Some(file[begin..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kernel_named_by_the_registry_has_rust_and_c_source() {
        for f in crate::functions::REGISTERED {
            let def = f.def().unwrap();
            for name in def.rust.kernels {
                let src = rust_source(name).unwrap_or_else(|| panic!("no Rust kernel {name}"));
                assert!(src.starts_with(&format!("fn {name}(")) && src.ends_with("}\n"));
            }
            for name in def.c.kernels {
                let src = c_source(name).unwrap_or_else(|| panic!("no C kernel {name}"));
                assert!(src.starts_with("static double") && src.ends_with("}\n"));
            }
        }
        assert_eq!(rust_source("no_such_kernel"), None);
    }

    #[test]
    fn stable_at_the_edges() {
        assert_eq!(sigmoid(-800.0), 0.0);
        assert_eq!(sigmoid(800.0), 1.0);
        assert_eq!(softplus(800.0), 800.0);
        assert_eq!(softplus(-800.0), 0.0);
        assert_eq!(logaddexp(1000.0, 1000.0), 1000.0 + 2f64.ln());
        assert_eq!(logaddexp(-1000.0, -1000.0), -1000.0 + 2f64.ln());
        assert_eq!(logaddexp(f64::NEG_INFINITY, 3.0), 3.0);
        assert!(logaddexp(f64::NAN, 3.0).is_nan());
    }

    #[test]
    fn polygamma_against_known_values() {
        let euler_gamma = 0.577_215_664_901_532_9;
        let zeta3 = 1.202_056_903_159_594_3;
        let cases = [
            (0.0, 1.0, -euler_gamma),
            (0.0, 0.5, -euler_gamma - 2.0 * 2f64.ln()),
            (0.0, 10.0, 2.251_752_589_066_721),
            (0.0, -0.5, 0.036_489_973_978_576_52),
            (1.0, 0.5, std::f64::consts::PI.powi(2) / 2.0),
            (2.0, 1.0, -2.0 * zeta3),
            (3.0, 1.0, std::f64::consts::PI.powi(4) / 15.0),
        ];
        for (n, x, want) in cases {
            let got = polygamma(n, x);
            assert!(
                (got - want).abs() <= 1e-13 * want.abs().max(1.0),
                "ψ{n}({x}) = {got}, want {want}"
            );
        }
    }
}
