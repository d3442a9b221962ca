//! The compiled tape against exact symbolic evaluation, against plain Rust
//! closures of the same functions, and batched against single points.

use symdiff::numeric::{compile, compile_in};
use symdiff::{gradient, hessian, parse, EvalError, Expr, Func, Number};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Points(u64);

impl Points {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A rational p/q with |p/q| <= 3.
    fn rational(&mut self) -> (i64, i64) {
        let q = 1 + (self.next() % 16) as i64;
        let p = (self.next() % (6 * q as u64 + 1)) as i64 - 3 * q;
        (p, q)
    }

    fn real(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * (self.next() % 1_000_000) as f64 / 1_000_000.0
    }
}

fn close(got: f64, want: f64, tol: f64) -> bool {
    (got.is_nan() && want.is_nan()) || (got - want).abs() <= tol * want.abs().max(1.0)
}

fn xy() -> [Expr; 2] {
    [Expr::symbol("x"), Expr::symbol("y")]
}

/// Rational functions substituted with exact rationals fold to exact
/// numbers: the tape must agree with them to rounding.
#[test]
fn tape_agrees_with_exact_rational_evaluation() {
    let cases = [
        "x^3*y - 2*x*y^2 + 1/(x^2 + 1)",
        "(x - y)^5/(3 + y^2) + x^-2*y^7",
        "(1 + x*y)^12 - (x/7 + y/5)^3",
    ];
    let mut rng = Points(0x5eed);
    for case in cases {
        let f = parse(case).unwrap();
        let h = hessian(&f, &xy());
        let outputs: Vec<Expr> = std::iter::once(f.clone())
            .chain(gradient(&f, &xy()).entries().iter().cloned())
            .chain(h.entries().iter().cloned())
            .collect();
        let tape = compile(&outputs);
        for _ in 0..50 {
            let ((xp, xq), (yp, yq)) = (rng.rational(), rng.rational());
            if xp == 0 {
                continue; // x^-2 has no value there
            }
            let (xv, yv) = (
                Expr::number(Number::ratio(xp, xq)),
                Expr::number(Number::ratio(yp, yq)),
            );
            let got = tape.eval(&[xp as f64 / xq as f64, yp as f64 / yq as f64]);
            for (out, g) in outputs.iter().zip(&got) {
                let exact = out.substitute(&xy()[0], &xv).substitute(&xy()[1], &yv);
                let n = exact
                    .as_number()
                    .unwrap_or_else(|| panic!("{exact} is not a number"));
                assert!(
                    close(*g, n.to_f64(), 1e-11),
                    "{case}: {out} at x={xp}/{xq}, y={yp}/{yq}: tape {g}, exact {n}"
                );
            }
        }
    }
}

/// Transcendental functions: after exact substitution what is left is a
/// closed expression, whose tree-walking value the tape must match.
#[test]
fn tape_agrees_with_substituted_closed_forms() {
    let cases = [
        "sin(x*y) + cos(x)^3 - tan(y/4)",
        "exp(-(x - y)^2/2)/sqrt(2*pi) + erf(x)",
        "atan(x*y) + asinh(x) + cosh(y) + tanh(x*y) + sec(x/4) + csc(y + 4) + cot(x + 5)",
        "abs(x - y) + sign(y) + cbrt(x*y) + 2^(x*y) + ln(x^2 + 1)",
    ];
    let mut rng = Points(42);
    for case in cases {
        let f = parse(case).unwrap();
        let outputs: Vec<Expr> = std::iter::once(f.clone())
            .chain(hessian(&f, &xy()).entries().iter().cloned())
            .collect();
        let tape = compile(&outputs);
        for _ in 0..40 {
            let ((xp, xq), (yp, yq)) = (rng.rational(), rng.rational());
            // Where abs, sign or cbrt meet 0 the second derivatives have
            // no value: substitution folds 0*(1/0) to 0, the tape to NaN.
            if xp == 0 || yp == 0 || xp * yq == yp * xq {
                continue;
            }
            let (xv, yv) = (
                Expr::number(Number::ratio(xp, xq)),
                Expr::number(Number::ratio(yp, yq)),
            );
            let got = tape.eval(&[xp as f64 / xq as f64, yp as f64 / yq as f64]);
            for (out, g) in outputs.iter().zip(&got) {
                let closed = out.substitute(&xy()[0], &xv).substitute(&xy()[1], &yv);
                assert!(closed.free_symbols().is_empty());
                let want = closed.eval(&[]).unwrap_or(f64::NAN);
                assert!(
                    close(*g, want, 1e-9),
                    "{case}: {out} at x={xp}/{xq}, y={yp}/{yq}: tape {g}, closed form {want}"
                );
            }
        }
    }
}

type Fn2 = fn(f64, f64) -> f64;

/// Functions and their gradients written out by hand in Rust.
#[test]
fn tape_agrees_with_rust_closures() {
    let cases: [(&str, Fn2, Fn2, Fn2); 4] = [
        (
            "sin(x*y) + x^2",
            |x, y| (x * y).sin() + x * x,
            |x, y| y * (x * y).cos() + 2.0 * x,
            |x, y| x * (x * y).cos(),
        ),
        (
            "exp(-x^2)*cbrt(y)",
            |x, y| (-x * x).exp() * y.cbrt(),
            |x, y| -2.0 * x * (-x * x).exp() * y.cbrt(),
            |x, y| (-x * x).exp() / (3.0 * y.cbrt() * y.cbrt()),
        ),
        (
            "ln(1 + x^2) + atan(y/x)",
            |x, y| (1.0 + x * x).ln() + (y / x).atan(),
            |x, y| 2.0 * x / (1.0 + x * x) - y / (x * x + y * y),
            |x, y| x / (x * x + y * y),
        ),
        (
            "x^y + 100*(y - x^2)^2",
            |x, y| x.powf(y) + 100.0 * (y - x * x).powi(2),
            |x, y| y * x.powf(y - 1.0) - 400.0 * x * (y - x * x),
            |x, y| x.powf(y) * x.ln() + 200.0 * (y - x * x),
        ),
    ];
    let mut rng = Points(7);
    for (case, f, fx, fy) in cases {
        let e = parse(case).unwrap();
        let g = gradient(&e, &xy());
        let tape = compile_in(&[std::slice::from_ref(&e), g.entries()].concat(), &xy());
        for _ in 0..200 {
            let (x, y) = (rng.real(0.1, 3.0), rng.real(0.1, 3.0));
            let got = tape.eval(&[x, y]);
            let want = [f(x, y), fx(x, y), fy(x, y)];
            for (k, (g, w)) in got.iter().zip(want).enumerate() {
                assert!(
                    close(*g, w, 1e-10),
                    "{case} output {k} at ({x}, {y}): tape {g}, closure {w}"
                );
            }
        }
    }
}

/// Batches cross block boundaries and threads; every value must be the
/// single-point value bit for bit (NaN where the function is undefined).
#[test]
fn batched_equals_single_point() {
    let f = parse("ln(x)*sin(x*y)^3 + sqrt(y)/x + x^7*y^-3").unwrap();
    let h = hessian(&f, &xy());
    let tape = compile(h.entries());
    let mut rng = Points(99);
    let n = 5_000;
    let xs: Vec<f64> = (0..n).map(|_| rng.real(-2.0, 2.0)).collect();
    let ys: Vec<f64> = (0..n).map(|_| rng.real(-2.0, 2.0)).collect();
    let batch = tape.eval_batch(&[&xs, &ys]);
    assert_eq!(batch.len(), 4);
    let mut nans = 0;
    for p in 0..n {
        let single = tape.eval(&[xs[p], ys[p]]);
        for (k, s) in single.iter().enumerate() {
            let b = batch[k][p];
            assert!(
                b.to_bits() == s.to_bits() || (b.is_nan() && s.is_nan()),
                "point {p} output {k}: {b} vs {s}"
            );
            nans += usize::from(s.is_nan());
        }
    }
    assert!(
        nans > 0,
        "the batch should include points outside the domain"
    );
}

#[test]
fn shared_work_is_done_once_and_integer_powers_multiply() {
    let h = hessian(&parse("sin(x*y)").unwrap(), &xy());
    let listing = compile(h.entries()).to_string();
    assert_eq!(listing.matches("sin(").count(), 1, "{listing}");
    assert_eq!(listing.matches("cos(").count(), 1, "{listing}");
    let listing = compile(&[parse("x^13 + x^-3").unwrap()]).to_string();
    assert!(!listing.contains('^'), "{listing}");
    assert_eq!(listing.matches("1 / ").count(), 1, "{listing}");
    // Constants fold: ln(2)*sqrt(3) is one number, not two calls.
    let listing = compile(&[parse("ln(2)*sqrt(3)*x").unwrap()]).to_string();
    assert!(
        !listing.contains("ln") && !listing.contains("sqrt"),
        "{listing}"
    );
}

#[test]
fn checked_evaluation_names_the_function_and_input() {
    let one = |text: &str, x: f64| compile(&[parse(text).unwrap()]).eval_checked(&[x]);
    assert_eq!(
        one("sqrt(x) + 1", -4.0).unwrap_err().to_string(),
        "sqrt(-4) is undefined over the reals"
    );
    assert_eq!(
        one("acos(x)", 2.0).unwrap_err().to_string(),
        "acos(2) is undefined over the reals"
    );
    assert_eq!(one("1/x", 0.0), Err(EvalError::DivisionByZero));
    assert_eq!(
        one("x^x", -0.5).unwrap_err().to_string(),
        "(-0.5)^-0.5 is undefined over the reals"
    );
    assert_eq!(
        one("f(x)", 1.0),
        Err(EvalError::UndefinedFunction("f".into()))
    );
    assert_eq!(one("x^x", -1.0), Ok(vec![-1.0]));
    // Unchecked, the same points are NaN or infinite, never a panic.
    assert!(compile(&[parse("sqrt(x)").unwrap()]).eval(&[-4.0])[0].is_nan());
}

#[test]
fn very_deep_expressions_compile_and_run_without_recursion() {
    let x = Expr::symbol("x");
    let deep = (0..200_000).fold(x, |e, _| Expr::call(Func::Sin, vec![e]));
    let tape = compile(&[deep]);
    let v = tape.eval(&[1.0])[0];
    assert!(v > 0.0 && v < 0.01, "{v}");
}

/// The scalar path is the standard library's, bit for bit: a batch of
/// points through `Math::Scalar` gives what `Expr::eval` gives, one point
/// at a time.
#[test]
fn scalar_math_is_expr_eval_bit_for_bit() {
    use symdiff::numeric::Math;
    let f = parse("tanh(x*y) + exp(x - y)*cos(y) + ln(1 + x^2)*sin(x)").unwrap();
    let g = gradient(&f, &xy());
    let tape = compile_in(g.entries(), &xy()).with_math(Math::Scalar);
    let mut rng = Points(3);
    let n = 3_000;
    let xs: Vec<f64> = (0..n).map(|_| rng.real(-4.0, 4.0)).collect();
    let ys: Vec<f64> = (0..n).map(|_| rng.real(-4.0, 4.0)).collect();
    let batch = tape.eval_batch(&[&xs, &ys]);
    for p in 0..n {
        for (k, entry) in g.entries().iter().enumerate() {
            let want = entry.eval(&[("x", xs[p]), ("y", ys[p])]).unwrap();
            assert_eq!(batch[k][p].to_bits(), want.to_bits(), "point {p} entry {k}");
        }
    }
}

/// The vectorized functions change a network's gradient by rounding only:
/// every entry within a few units of the last place of the scalar path's,
/// relative to the size of the terms that make it up.
#[test]
fn vector_math_stays_within_rounding_of_scalar_math() {
    use symdiff::numeric::Math;
    let text = "(v1*tanh(0.3*w1 - 0.7*w2 + b1) + v2*tanh(-0.2*w1 + 0.9*w2 + b2) + c - 0.5)^2 \
                + (v1*tanh(0.8*w1 + 0.1*w2 + b1) + v2*tanh(0.5*w1 - 0.4*w2 + b2) + c + 0.25)^2 \
                + exp(-w1^2)*ln(1 + b2^2) + sin(v1)*cos(v2) + v2*cosh(b1)";
    let f = parse(text).unwrap();
    let vars: Vec<Expr> = ["w1", "w2", "b1", "b2", "v1", "v2", "c"]
        .iter()
        .map(|v| Expr::symbol(v))
        .collect();
    let g = gradient(&f, &vars);
    let vector = compile_in(g.entries(), &vars);
    let scalar = vector.clone().with_math(Math::Scalar);
    let mut rng = Points(11);
    let n = 20_000;
    let columns: Vec<Vec<f64>> = (0..vars.len())
        .map(|_| (0..n).map(|_| rng.real(-2.0, 2.0)).collect())
        .collect();
    let refs: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
    let (fast, exact) = (vector.eval_batch(&refs), scalar.eval_batch(&refs));
    let mut differ = 0;
    for (k, (a, b)) in fast.iter().zip(&exact).enumerate() {
        for p in 0..n {
            assert!(
                (a[p] - b[p]).abs() <= 64.0 * f64::EPSILON * b[p].abs().max(8.0),
                "entry {k} at point {p}: {} vs {}",
                a[p],
                b[p]
            );
            differ += usize::from(a[p] != b[p]);
        }
    }
    // The two paths are not the same code: some values must differ.
    assert!(differ > 0, "the vector path gave the scalar path's bits");
}

/// `tanh(u)` and the `1/cosh(u)^2` of its derivative come from one
/// instruction; the scalar path still gives `Expr::eval`'s bits, and the
/// vectorized one stays within a few ulp of them.
#[test]
fn tanh_and_its_derivative_share_one_instruction() {
    use symdiff::numeric::Math;
    let f = parse("tanh(x*y)^2 + 3*tanh(x - y)^3 + y*tanh(x + 2*y)").unwrap();
    let g = gradient(&f, &xy());
    let vector = compile_in(g.entries(), &xy());
    let listing = vector.to_string();
    assert_eq!(listing.matches("= tanh(").count(), 3, "{listing}");
    assert_eq!(listing.matches("cosh(").count(), 3, "{listing}");
    let scalar = vector.clone().with_math(Math::Scalar);
    let mut rng = Points(5);
    let n = 5_000;
    let xs: Vec<f64> = (0..n).map(|_| rng.real(-30.0, 30.0)).collect();
    let ys: Vec<f64> = (0..n).map(|_| rng.real(-3.0, 3.0)).collect();
    let (fast, exact) = (
        vector.eval_batch(&[&xs, &ys]),
        scalar.eval_batch(&[&xs, &ys]),
    );
    for p in 0..n {
        for (k, entry) in g.entries().iter().enumerate() {
            let want = entry.eval(&[("x", xs[p]), ("y", ys[p])]).unwrap();
            assert_eq!(exact[k][p].to_bits(), want.to_bits(), "point {p} entry {k}");
            assert!(
                (fast[k][p] - want).abs() <= 32.0 * f64::EPSILON * want.abs().max(8.0),
                "point {p} entry {k}: {} vs {want}",
                fast[k][p]
            );
        }
    }
}

/// A sum's or product's constant is an operand of its last instruction,
/// not a register of its own filled with copies, and the result keeps the
/// bits of `Expr::eval` (same operations, same order), at the edges too.
#[test]
fn constant_operands_are_immediate_and_keep_the_bits() {
    use symdiff::numeric::Math;
    let texts = [
        "2*x + 3",
        "0.1*x*y - 0.7",
        "x*1",
        "-x",
        "(x + 0.3)*(y - 1e-300)",
        "x + y*x + 0.3*y",
        "2.5*x*y*(x - 1) + y - x*y",
    ];
    let exprs: Vec<Expr> = texts.iter().map(|t| parse(t).unwrap()).collect();
    let tape = compile_in(&exprs, &xy()).with_math(Math::Scalar);
    let listing = tape.to_string();
    let filled = listing.lines().filter(|l| {
        l.split(" = ")
            .nth(1)
            .is_some_and(|rhs| rhs.parse::<f64>().is_ok())
    });
    assert_eq!(filled.count(), 0, "{listing}");
    let edges = [
        0.0,
        -0.0,
        1.5,
        -2.25,
        1e308,
        -1e-310,
        f64::INFINITY,
        f64::NAN,
    ];
    let (xs, ys): (Vec<f64>, Vec<f64>) = edges
        .iter()
        .flat_map(|&x| edges.iter().map(move |&y| (x, y)))
        .unzip();
    let batch = tape.eval_batch(&[&xs, &ys]);
    for p in 0..xs.len() {
        for (k, e) in exprs.iter().enumerate() {
            let want = e.eval(&[("x", xs[p]), ("y", ys[p])]).unwrap();
            let got = batch[k][p];
            assert!(
                got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()),
                "{} at ({}, {}): {got} vs {want}",
                texts[k],
                xs[p],
                ys[p]
            );
        }
    }
}
