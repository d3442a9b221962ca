//! What the derivative says: critical points, tangents, Taylor polynomials
//! and gradient descent, checked against the tutorial and by evaluation.

mod common;

use proptest::prelude::*;
use symdiff::analysis::{critical_points, stationary_point, Nature};
use symdiff::{parse, Expr};

fn x() -> Expr {
    Expr::symbol("x")
}

#[test]
fn the_tutorials_quartic() {
    let f = parse("x^4/4 - x^2 + 1/2").unwrap();
    let points = critical_points(&f, &x(), (-10.0, 10.0)).unwrap();
    let shown: Vec<String> = points
        .iter()
        .map(|p| {
            let at = p.exact.as_ref().unwrap();
            format!(
                "{at} {} {} {}",
                p.value,
                p.second.as_ref().unwrap(),
                p.nature.name()
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            "-sqrt(2) -1/2 4 minimum",
            "0 1/2 -2 maximum",
            "sqrt(2) -1/2 4 minimum"
        ]
    );
}

#[test]
fn inconclusive_second_derivative_falls_back_to_the_sign_change() {
    let classify = |s: &str| {
        let points = critical_points(&parse(s).unwrap(), &x(), (-2.0, 2.0)).unwrap();
        points
            .iter()
            .map(|p| (p.nature, p.by_sign_change))
            .collect::<Vec<_>>()
    };
    assert_eq!(classify("x^3"), [(Nature::NotExtremum, true)]);
    assert_eq!(classify("x^4"), [(Nature::Minimum, true)]);
    assert_eq!(classify("-x^6 + 1"), [(Nature::Maximum, true)]);
}

#[test]
fn numeric_roots_when_no_closed_form() {
    let f = parse("sin(x) + x^2/10").unwrap();
    let points = critical_points(&f, &x(), (-10.0, 10.0)).unwrap();
    assert!(points.iter().all(|p| p.exact.is_none()));
    // f' = cos(x) + x/5 has three roots in [-10, 10].
    assert_eq!(points.len(), 3);
    for p in &points {
        let slope = parse("cos(x) + x/5").unwrap().eval(&[("x", p.x)]).unwrap();
        assert!(slope.abs() < 1e-10, "{slope}");
    }
    let kinds: Vec<Nature> = points.iter().map(|p| p.nature).collect();
    assert_eq!(kinds, [Nature::Minimum, Nature::Maximum, Nature::Minimum]);
}

#[test]
fn cardanos_formula_when_the_cubic_derivative_has_one_real_root() {
    // f' = x^3 + x + 1: no rational root, one real root.
    let f = parse("x^4/4 + x^2/2 + x").unwrap();
    let points = critical_points(&f, &x(), (-10.0, 10.0)).unwrap();
    assert_eq!(points.len(), 1);
    let p = &points[0];
    assert_eq!(
        p.exact.as_ref().unwrap().to_string(),
        "cbrt(sqrt(93)/18 - 1/2) + cbrt(-sqrt(93)/18 - 1/2)"
    );
    assert!((p.x + 0.6823278038280193).abs() < 1e-15, "{}", p.x);
    assert_eq!(p.nature, Nature::Minimum);
    let value = p.value.eval(&[]).unwrap();
    assert!((value - f.eval(&[("x", p.x)]).unwrap()).abs() < 1e-12);
    // Three real roots are out of real radicals' reach: found numerically.
    let three = critical_points(&parse("x^4/4 - 3*x^2/2 + x").unwrap(), &x(), (-3.0, 3.0)).unwrap();
    assert_eq!(three.len(), 3);
    assert!(three.iter().all(|p| p.exact.is_none()));
}

#[test]
fn corners_and_vertical_tangents_are_critical_points() {
    let classify = |s: &str| {
        let points = critical_points(&parse(s).unwrap(), &x(), (-2.0, 2.0)).unwrap();
        points
            .iter()
            .map(|p| (p.x, p.second.is_none(), p.nature))
            .collect::<Vec<_>>()
    };
    assert_eq!(classify("abs(x)"), [(0.0, true, Nature::Minimum)]);
    assert_eq!(classify("-abs(x - 1)"), [(1.0, true, Nature::Maximum)]);
    assert_eq!(classify("cbrt(x)"), [(0.0, true, Nature::NotExtremum)]);
    assert_eq!(classify("cbrt(x^2)"), [(0.0, true, Nature::Minimum)]);
}

#[test]
fn poles_of_the_derivative_are_not_critical_points() {
    let points = critical_points(&parse("ln(abs(x))").unwrap(), &x(), (-1.0, 1.5)).unwrap();
    assert!(points.is_empty(), "{points:?}");
    let points = critical_points(&parse("x + 1/x").unwrap(), &x(), (-3.0, 3.0)).unwrap();
    let xs: Vec<f64> = points.iter().map(|p| p.x).collect();
    assert_eq!(xs, [-1.0, 1.0]);
}

#[test]
fn stationary_points_by_the_hessian() {
    let vars = [Expr::symbol("x"), Expr::symbol("y")];
    let min = stationary_point(
        &parse("(x - 1)^2 + 2*(y + 3)^2").unwrap(),
        &vars,
        &[5.0, 5.0],
    )
    .unwrap();
    assert_eq!(min.nature, Nature::Minimum);
    assert!((min.point[0] - 1.0).abs() < 1e-12 && (min.point[1] + 3.0).abs() < 1e-12);
    let max = stationary_point(&parse("-x^2 - y^2 + x*y").unwrap(), &vars, &[1.0, 2.0]).unwrap();
    assert_eq!(max.nature, Nature::Maximum);
    let saddle = stationary_point(&parse("sin(x*y)").unwrap(), &vars, &[0.1, 0.2]).unwrap();
    assert_eq!(saddle.nature, Nature::Saddle);
    assert!(stationary_point(&parse("x + y").unwrap(), &vars, &[0.0, 0.0]).is_err());
}

proptest! {
    /// Every critical point found makes f' vanish, for polynomials (exact
    /// and numeric) and for transcendental functions.
    #[test]
    fn critical_points_make_the_derivative_vanish(
        c in proptest::collection::vec(-5i32..=5, 5),
        k in 1i32..4,
    ) {
        let poly = format!("{}*x^5 + {}*x^4 + {}*x^3 + {}*x^2 + {}*x", c[0], c[1], c[2], c[3], c[4]);
        for f in [poly.clone(), format!("{poly}/100 + sin({k}*x)")] {
            let f = parse(&f).unwrap();
            let df = f.diff(&x());
            for p in critical_points(&f, &x(), (-3.0, 3.0)).unwrap() {
                let slope = df.eval(&[("x", p.x)]).unwrap();
                let scale = 1.0 + p.x.abs().powi(4) * 25.0;
                prop_assert!(slope.abs() < 1e-7 * scale, "{f}: f'({}) = {slope}", p.x);
            }
        }
    }
}

#[test]
fn the_tutorials_tangent_line() {
    use symdiff::analysis::tangent;
    let f = parse("x^2").unwrap();
    let t = tangent(&f, &[x()], &[Expr::int(-1)]).unwrap();
    assert_eq!(t.slopes, [Expr::int(-2)]);
    assert_eq!(t.equation(), "y = -2*x - 1");
    let e = t.error_at(&f, &[-1.1]).unwrap();
    assert!((e.error - 0.01).abs() < 1e-12, "{e:?}");
}

#[test]
fn tangent_plane_matches_the_worked_formula() {
    use symdiff::analysis::tangent;
    // z = f(A) + (x - xA)*df/dx(A) + (y - yA)*df/dy(A), exactly.
    let vars = [Expr::symbol("x"), Expr::symbol("y")];
    let f = parse("sin(x*y)").unwrap();
    let t = tangent(&f, &vars, &[Expr::int(0), parse("pi").unwrap()]).unwrap();
    assert_eq!(t.equation(), "z = pi*x");
    let e = t.error_at(&f, &[0.01, 3.1]).unwrap();
    assert!(e.error.abs() < 1e-3, "{e:?}");
}

#[test]
fn tangents_refuse_points_outside_the_conditions() {
    use symdiff::analysis::tangent;
    let at0 = |s: &str| {
        tangent(&parse(s).unwrap(), &[x()], &[Expr::int(0)])
            .unwrap_err()
            .to_string()
    };
    assert_eq!(at0("cbrt(x)"), "vertical tangent at x = 0 (needs x ≠ 0)");
    assert_eq!(at0("1/x"), "undefined at x = 0: division by zero");
    assert_eq!(
        at0("ln(x - 1)"),
        "undefined at x = 0: ln(-1) is undefined over the reals"
    );
}

#[test]
fn taylor_polynomials_with_exact_coefficients() {
    use symdiff::analysis::taylor;
    let series = |s: &str, about: &str, n: usize| {
        taylor(&parse(s).unwrap(), &x(), &parse(about).unwrap(), n)
            .unwrap()
            .to_text()
    };
    assert_eq!(series("exp(x)", "0", 4), "1 + x + x^2/2 + x^3/6 + x^4/24");
    assert_eq!(
        series("sin(x)", "pi/2", 4),
        "1 - (x - pi/2)^2/2 + (x - pi/2)^4/24"
    );
    assert_eq!(series("sqrt(x)", "4", 2), "2 + (x - 4)/4 - (x - 4)^2/64");
    assert_eq!(series("1/(1 - x)", "0", 3), "1 + x + x^2 + x^3");
    assert_eq!(
        series("x^3", "1", 5),
        "1 + 3*(x - 1) + 3*(x - 1)^2 + (x - 1)^3"
    );
}

proptest! {
    /// The Taylor polynomial of order n is within the remainder's reach of
    /// f near the point: for exp, |R| ≤ e^|h| * |h|^(n+1)/(n+1)!.
    #[test]
    fn taylor_polynomials_approximate(a in -2i32..=2, h in -0.5f64..0.5, n in 1usize..8) {
        use symdiff::analysis::taylor;
        let f = parse("exp(x)").unwrap();
        let t = taylor(&f, &x(), &Expr::int(i64::from(a)), n).unwrap();
        let at = f64::from(a) + h;
        let approx = t.polynomial.eval(&[("x", at)]).unwrap();
        let bound = at.exp().max(f64::from(a).exp()) * h.abs().powi(n as i32 + 1)
            / (1..=n as u32 + 1).map(f64::from).product::<f64>();
        prop_assert!((approx - at.exp()).abs() <= bound * 1.0001 + 1e-12);
    }
}

#[test]
fn steepest_ascent_is_the_normalized_gradient() {
    use symdiff::analysis::steepest_ascent;
    let vars = [Expr::symbol("x"), Expr::symbol("y")];
    let a = steepest_ascent(&parse("x^2*y").unwrap(), &vars, &[1.0, 2.0]).unwrap();
    assert_eq!(a.gradient, [4.0, 1.0]);
    assert!((a.rate - 17f64.sqrt()).abs() < 1e-15);
    // No unit direction climbs faster than the gradient's own.
    for angle in (0..16).map(|k| f64::from(k) * std::f64::consts::PI / 8.0) {
        assert!(a.along(&[angle.cos(), angle.sin()]).unwrap() <= a.rate + 1e-12);
    }
    assert_eq!(a.along(&[0.0, 0.0]), None);
}

#[test]
fn descent_stops_for_a_reason() {
    use symdiff::analysis::descent::{descend, Method, Options, Stop};
    let x = [x()];
    let f = parse("x^2").unwrap();
    let run = |rate: f64, max_iterations: usize, m: Method| {
        let opts = Options {
            rate,
            max_iterations,
            tolerance: 1e-10,
        };
        descend(&f, &x, &[1.0], m, &opts).unwrap()
    };
    assert_eq!(
        run(1.5, 10_000, Method::GradientDescent).stop,
        Stop::Diverged
    );
    let limited = run(0.01, 3, Method::GradientDescent);
    assert_eq!(
        (limited.stop, limited.iterates.len()),
        (Stop::IterationLimit, 4)
    );
    let ln = descend(
        &parse("-ln(x)").unwrap(),
        &x,
        &[1.0],
        Method::GradientDescent,
        &Options::default(),
    )
    .unwrap();
    assert!(matches!(
        ln.stop,
        Stop::Diverged | Stop::Failed(_) | Stop::IterationLimit
    ));
    let flat = descend(
        &parse("x^3").unwrap(),
        &x,
        &[0.0],
        Method::Newton,
        &Options::default(),
    )
    .unwrap();
    assert_eq!(flat.stop, Stop::Converged);
    let singular = descend(
        &parse("x^3 + x").unwrap(),
        &x,
        &[0.0],
        Method::Newton,
        &Options::default(),
    )
    .unwrap();
    assert!(matches!(singular.stop, Stop::Failed(ref why) if why.contains("singular")));
}

/// The iterations evaluate compiled tapes; each iterate's value and
/// gradient length agree with evaluating the expressions directly.
#[test]
fn descent_values_agree_with_direct_evaluation() {
    use symdiff::analysis::descent::{descend, Method, Options};
    let f = parse("x^4 + 2*y^2 + sin(x*y) + exp(x/3)").unwrap();
    let vars = [Expr::symbol("x"), Expr::symbol("y")];
    let gradient: Vec<Expr> = vars.iter().map(|v| f.diff(v)).collect();
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * (1.0 + b.abs());
    for method in [Method::GradientDescent, Method::Newton] {
        let opts = Options {
            rate: 0.05,
            ..Options::default()
        };
        let t = descend(&f, &vars, &[1.5, -1.0], method, &opts).unwrap();
        assert!(t.iterates.len() > 2, "{method:?}");
        for it in &t.iterates {
            let at = [("x", it.point[0]), ("y", it.point[1])];
            let g: Vec<f64> = gradient.iter().map(|d| d.eval(&at).unwrap()).collect();
            let length = g.iter().map(|g| g * g).sum::<f64>().sqrt();
            assert!(close(it.value, f.eval(&at).unwrap()), "{method:?} {it:?}");
            assert!(close(it.gradient_norm, length), "{method:?} {it:?}");
        }
    }
    let p = stationary_point(&f, &vars, &[-0.5, 0.5]).unwrap();
    let at = [("x", p.point[0]), ("y", p.point[1])];
    assert!(close(p.value, f.eval(&at).unwrap()));
    for d in &gradient {
        assert!(d.eval(&at).unwrap().abs() <= 1e-10, "{p:?}");
    }
}

proptest! {
    /// On a convex quadratic `a*(x - p)^2 + b*(y - q)^2 + c*(x - p)*(y - q)`
    /// (positive definite), gradient descent with a small enough rate and
    /// Newton's method both reach the minimum (p, q).
    #[test]
    fn descent_reaches_the_minimum_of_a_convex_quadratic(
        a in 1i32..5, b in 1i32..5, c in -1i32..=1,
        p in -3i32..3, q in -3i32..3,
        x0 in -5.0f64..5.0, y0 in -5.0f64..5.0,
    ) {
        use symdiff::analysis::descent::{descend, Method, Options, Stop};
        let f = parse(&format!("{a}*(x - {p})^2 + {b}*(y - {q})^2 + {c}*(x - {p})*(y - {q})")).unwrap();
        let vars = [Expr::symbol("x"), Expr::symbol("y")];
        // The largest Hessian eigenvalue is below 2*max(a, b) + |c|: a rate
        // under 2/that converges.
        let rate = 1.0 / f64::from(2 * a.max(b) + 1);
        let opts = Options { rate, max_iterations: 20_000, tolerance: 1e-10 };
        for method in [Method::GradientDescent, Method::Newton] {
            let t = descend(&f, &vars, &[x0, y0], method, &opts).unwrap();
            prop_assert_eq!(&t.stop, &Stop::Converged);
            let end = &t.iterates.last().unwrap().point;
            prop_assert!((end[0] - f64::from(p)).abs() < 1e-8 && (end[1] - f64::from(q)).abs() < 1e-8);
        }
    }
}

fn any_expression() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x".to_string()),
        (-3i32..4).prop_map(|n| format!("({n})")),
        Just("pi".to_string()),
    ];
    common::expressions(leaf.boxed(), 4)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any input gives an answer or an error, never a panic; what is
    /// answered is in range and consistent.
    #[test]
    fn analyses_answer_any_input(input in any_expression(), a in -3i32..3) {
        use symdiff::analysis::{tangent, taylor};
        let f = parse(&input);
        prop_assume!(f.is_ok(), "{} does not parse", input);
        let f = f.unwrap();
        if let Ok(points) = critical_points(&f, &x(), (-4.0, 4.0)) {
            prop_assert!(points.iter().all(|p| (-4.0..=4.0).contains(&p.x)));
            prop_assert!(points.windows(2).all(|w| w[0].x < w[1].x));
        }
        let at = Expr::int(i64::from(a));
        if let Ok(t) = tangent(&f, &[x()], std::slice::from_ref(&at)) {
            let fa = f.eval(&[("x", f64::from(a))]);
            let la = t.linear.eval(&[("x", f64::from(a))]);
            if let (Ok(fa), Ok(la)) = (fa, la) {
                prop_assume!(fa.is_finite());
                prop_assert!((fa - la).abs() <= 1e-9 * (1.0 + fa.abs()), "{input}: {fa} vs {la}");
            }
        }
        let _ = taylor(&f, &x(), &at, 3);
    }
}
