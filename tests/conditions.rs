//! Domain and differentiability conditions of the worked examples, and
//! their agreement with evaluation at random points.

mod common;

use proptest::prelude::*;
use symdiff::calculus::conditions::{self, Kind};
use symdiff::{parse, Expr};

const WORKED: &[&str] = &[
    "x^2",
    "x^3 + cos(x)",
    "sin(2*x^2) + 1",
    "exp(x^2)",
    "2^x",
    "x^x",
    "x^(x^2)",
    "x^4/4 - x^2 + 1/2",
    "abs(x)",
    "sqrt(x)",
    "cbrt(x)",
    "1/x",
    "tan(x)",
    "ln(x)",
    "k*ln(p) + (n - k)*ln(1 - p)",
    "exp(-(x - mu)^2/(2*sigma^2))/(sigma*sqrt(2*pi))",
    "(1 + erf(x/sqrt(2)))/2",
    "asin(x)",
    "acosh(x)",
    "ln(x^2) + 1/x^2",
    "sqrt(x)*ln(x)",
    "sin(x*y)",
    "x*sqrt(y)",
];

#[test]
fn worked_examples_conditions() {
    let shown: Vec<String> = WORKED
        .iter()
        .map(|input| {
            let c = conditions::of(&parse(input).unwrap());
            let kinds: Vec<String> = c
                .list
                .iter()
                .map(|c| format!("{c} ({})", c.kind.message()))
                .collect();
            if c.is_empty() {
                return format!("{input}\n  holds everywhere");
            }
            format!(
                "{input}\n  where {}\n  {}\n  [{}]",
                c,
                c.to_latex(),
                kinds.join("; ")
            )
        })
        .collect();
    insta::with_settings!({snapshot_path => "../snapshots"}, {
        insta::assert_snapshot!("conditions_worked_examples", shown.join("\n"));
    });
}

/// A derivative cancelled to a simpler form keeps the condition of the
/// expression it came from: `(x^2 - 1)/(x - 1)` has the derivative 1 only
/// where `x ≠ 1`.
#[test]
fn cancelled_derivative_keeps_the_condition_of_its_expression() {
    let out = common::symdiff(&["(x^2-1)/(x-1)", "x", "--conditions"]);
    assert_eq!(common::stdout(&out), "1\nwhere x - 1 ≠ 0\n");
}

#[test]
fn simplified_as_a_person_states_them() {
    let stated = |s: &str| conditions::of(&parse(s).unwrap()).to_string();
    assert_eq!(stated("x^x"), "x > 0");
    assert_eq!(stated("ln(x^2)"), "x ≠ 0");
    assert_eq!(stated("ln(x) + ln(x) + 1/x"), "x > 0");
    assert_eq!(stated("sqrt(x^2 + 1) + ln(exp(y) + 1)"), "");
    assert_eq!(stated("ln(-2*x)"), "x < 0");
    assert_eq!(stated("asin(x)"), "abs(x) < 1");
    assert_eq!(stated("cbrt(x - 1)"), "x - 1 ≠ 0");
}

#[test]
fn violations_name_what_fails() {
    let at = |s: &str, x: f64| {
        conditions::of(&parse(s).unwrap())
            .check(&[("x", x)])
            .map(|v| v.to_string())
    };
    assert_eq!(
        at("abs(x)", 0.0).as_deref(),
        Some("not differentiable at x = 0")
    );
    assert_eq!(at("1/x", 0.0).as_deref(), Some("undefined at x = 0"));
    assert_eq!(
        at("cbrt(x)", 0.0).as_deref(),
        Some("vertical tangent at x = 0")
    );
    assert_eq!(at("x^x", -1.0).as_deref(), Some("undefined at x = -1"));
    assert_eq!(
        at("asin(x)", 1.0).as_deref(),
        Some("vertical tangent at x = 1")
    );
    assert_eq!(at("asin(x)", 2.0).as_deref(), Some("undefined at x = 2"));
    assert_eq!(
        at("tan(x)", std::f64::consts::FRAC_PI_2).as_deref(),
        Some("undefined at x = 1.5707963267948966")
    );
    assert_eq!(at("abs(x)", 0.5), None);
    let two = conditions::of(&parse("x*sqrt(y)").unwrap());
    let v = two.check(&[("x", 1.0), ("y", 0.0)]).unwrap();
    assert_eq!(v.to_string(), "vertical tangent at x = 1, y = 0");
    assert_eq!(v.condition.kind, Kind::VerticalTangent);
}

fn expression() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x".to_string()),
        (1i32..4).prop_map(|n| n.to_string()),
        Just("(x - 1)".to_string()),
    ];
    common::expressions(leaf.boxed(), 3)
}

proptest! {
    #![proptest_config(common::fixed_seed(256))]

    /// Where the conditions hold, the function and its derivative have real
    /// values; where either has none, a condition fails.
    #[test]
    fn conditions_agree_with_evaluation(input in expression(), x in -3.0f64..3.0) {
        let f = parse(&input);
        prop_assume!(f.is_ok(), "{} does not parse", input);
        let f = f.unwrap();
        let df = f.diff(&Expr::symbol("x"));
        let point = [("x", x)];
        let real = |e: &Expr| e.eval(&point).is_ok_and(|v| !v.is_nan());
        let holds = conditions::of(&f).check(&point).is_none();
        if holds {
            prop_assert!(real(&f) && real(&df), "{input} at {x}: conditions hold, no value");
        }
        if !real(&f) || !real(&df) {
            prop_assert!(!holds, "{input} at {x}: no value, conditions hold");
        }
    }
}

#[test]
fn deep_inputs_do_not_overflow() {
    let x = Expr::symbol("x");
    let mut logs = x.clone();
    let mut powers = x.clone();
    for _ in 0..5000 {
        logs = Expr::call(symdiff::Func::Ln, vec![logs]);
        powers = Expr::pow(Expr::int(2) * powers - Expr::int(1), Expr::int(2));
    }
    assert_eq!(conditions::of(&logs).list.len(), 5000);
    let c = conditions::of(&Expr::call(symdiff::Func::Ln, vec![powers]));
    assert_eq!(c.list.len(), 1);
}
