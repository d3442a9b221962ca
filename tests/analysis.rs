//! What the derivative says: critical points, tangents, Taylor polynomials
//! and gradient descent, checked against the tutorial and by evaluation.

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
            format!("{at} {} {} {}", p.value, p.second, p.nature.name())
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
