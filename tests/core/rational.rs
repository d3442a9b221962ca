//! Rational normalization and the polynomial GCD, by property: `together`
//! keeps the value at random points and prints text that reads back to
//! itself, and the GCD divides both polynomials and is divided by every
//! common factor put into them.

use crate::properties::config;
use proptest::prelude::*;
use symdiff::calculus::poly::Polynomial;
use symdiff::simplify::rational::together;
use symdiff::{parse, simplify, Expr, Limits, Number};

/// A random polynomial's text in `x` and `y`: up to four terms with small
/// coefficients and exponents.
fn polynomial() -> impl Strategy<Value = String> {
    prop::collection::vec((-6i32..7, 0u32..4, 0u32..3), 1..5).prop_map(|terms| {
        let body: Vec<String> = terms
            .iter()
            .map(|(c, i, j)| format!("{c}*x^{i}*y^{j}"))
            .collect();
        body.join(" + ")
    })
}

/// Random sums, products and quotients of polynomials, some with
/// `sqrt(x^2 + 1)` or `sin(y)` in them (generators for `together`).
fn rational() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        4 => polynomial().prop_map(|p| format!("({p})")),
        1 => Just("sqrt(x^2 + 1)".to_string()),
        1 => Just("sin(y)".to_string()),
    ];
    leaf.prop_recursive(3, 12, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} + {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}*{b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}/{b})")),
            (inner, -2i32..3).prop_map(|(a, n)| format!("({a})^({n})")),
        ]
    })
}

fn read(text: &str) -> Polynomial {
    Polynomial::read(text, &Limits::default()).unwrap()
}

/// Both values finite, away from poles, and equal to rounding.
fn same_value(a: &Expr, b: &Expr, x: f64, y: f64) -> Result<(), String> {
    let at = [("x", x), ("y", y)];
    match (a.eval(&at), b.eval(&at)) {
        (Ok(u), Ok(v)) if u.is_finite() && v.is_finite() && u.abs().max(v.abs()) < 1e6 => {
            if (u - v).abs() <= 1e-7 * (1.0 + u.abs().max(v.abs())) {
                Ok(())
            } else {
                Err(format!("{a} = {u} but {b} = {v} at x = {x}, y = {y}"))
            }
        }
        _ => Ok(()),
    }
}

/// Fewer cases than the other property tests: each case runs GCDs.
fn rational_config() -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        cases: config().cases / 4,
        ..config()
    }
}

proptest! {
    #![proptest_config(rational_config())]

    #[test]
    fn together_keeps_the_value(text in rational(), x in -2.0f64..2.0, y in -2.0f64..2.0) {
        let e = parse(&text);
        prop_assume!(e.is_ok(), "{} does not parse", text);
        let e = e.unwrap();
        if let Some(t) = together(&e) {
            if let Err(why) = same_value(&e, &t, x, y) {
                prop_assert!(false, "{}", why);
            }
            let printed = t.to_string();
            let back = parse(&printed);
            prop_assert_eq!(back.as_ref(), Ok(&t), "{} printed as {}", e, printed);
        }
    }

    #[test]
    fn simplified_derivatives_of_fractions_keep_the_value_and_read_back(
        text in rational(),
        x in -2.0f64..2.0,
        y in -2.0f64..2.0,
    ) {
        let e = parse(&text);
        prop_assume!(e.is_ok(), "{} does not parse", text);
        let raw = symdiff::calculus::diff::derivative(&e.unwrap(), &Expr::symbol("x"));
        let simple = simplify(&raw);
        if let Err(why) = same_value(&raw, &simple, x, y) {
            prop_assert!(false, "{}", why);
        }
        let printed = simple.to_string();
        let back = parse(&printed);
        prop_assert_eq!(back.as_ref(), Ok(&simple), "printed as {}", printed);
    }

    #[test]
    fn gcd_divides_both_and_holds_the_common_factor(
        a in polynomial(),
        b in polynomial(),
        c in polynomial(),
    ) {
        let (a, b, c) = (read(&a), read(&b), read(&c));
        prop_assume!(!c.is_zero());
        prop_assume!(!a.is_zero() || !b.is_zero());
        let (ac, bc) = (a.mul(&c), b.mul(&c));
        let g = ac.gcd(&bc).unwrap();
        prop_assert!(ac.div_exact(&g).is_some(), "{} does not divide {}", g, ac);
        prop_assert!(bc.div_exact(&g).is_some(), "{} does not divide {}", g, bc);
        prop_assert!(g.div_exact(&c).is_some(), "{} is not a factor of the gcd {}", c, g);
    }
}

#[test]
fn gcd_of_coprime_polynomials_is_one() {
    let g = read("x^2 + y^2 + 1").gcd(&read("x*y - 1")).unwrap();
    assert_eq!(g.to_string(), "1");
    let g = read("x^2*y^2 - 1").gcd(&read("x^3*y^3 - 1")).unwrap();
    assert_eq!(g.to_string(), "x*y - 1");
}

#[test]
fn gcd_over_generators_only_one_side_has() {
    // y and z are not in x^2 - 1: its gcd with the coefficients in them.
    let (n, d) = (read("x^2*y + x*y + x*z + z"), read("x^2 - 1"));
    assert_eq!(n.gcd(&d).unwrap().to_string(), "x + 1");
    assert_eq!(d.gcd(&n).unwrap().to_string(), "x + 1");
    // The coefficient of z, a monomial, has no factor in common with it.
    let n = read("x^2*y + y + x*z");
    assert_eq!(n.gcd(&read("x^2 + 1")).unwrap().to_string(), "1");
    let n = read("2*x^2*y*z + 2*y*z + 4*x^2 + 4");
    assert_eq!(n.gcd(&read("3*x^2 + 3")).unwrap().to_string(), "x^2 + 1");
}

#[test]
fn gcd_gives_up_on_coefficients_past_its_bound() {
    // The pseudo-remainders carry 2^5000: past the 4096-bit bound, so no
    // GCD (the fraction stays as it is) rather than arithmetic on huge numbers.
    let two_to_5000 = Polynomial::constant(Number::int(2).pow(5000).unwrap());
    let huge = two_to_5000.mul(&read("x^2")).add(&read("y"));
    let small = read("x*y + 1");
    assert!(huge.gcd(&small).is_none());
    // The same shape with small coefficients still has its GCD.
    assert_eq!(read("2*x^2 + y").gcd(&small).unwrap().to_string(), "1");
}

#[test]
fn together_cancels_through_a_root() {
    let e = parse("(x/sqrt(x^2 + 1) + 1)/(x + sqrt(x^2 + 1))").unwrap();
    assert_eq!(together(&e).unwrap().to_string(), "1/sqrt(x^2 + 1)");
}
