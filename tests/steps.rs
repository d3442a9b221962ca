//! Step-by-step derivations of the worked examples: pinned as a person
//! reads them, and each ending in exactly what `d()` returns.

mod common;

use proptest::prelude::*;
use symdiff::calculus::steps::{derivation, Rule};
use symdiff::{parse, Expr};

/// The one-variable worked examples (`../shared/examples/worked-examples.md`),
/// with the variable each is differentiated by.
const WORKED: &[(&str, &str, &str)] = &[
    ("square", "x^2", "x"),
    ("cubic_plus_cos", "x^3 + cos(x)", "x"),
    ("chain_sin", "sin(2*x^2) + 1", "x"),
    ("exp_square", "exp(x^2)", "x"),
    ("two_to_x", "2^x", "x"),
    ("x_to_x", "x^x", "x"),
    ("x_to_x_squared", "x^(x^2)", "x"),
    ("quartic", "x^4/4 - x^2 + 1/2", "x"),
    ("abs", "abs(x)", "x"),
    ("sqrt", "sqrt(x)", "x"),
    ("cbrt", "cbrt(x)", "x"),
    ("reciprocal", "1/x", "x"),
    ("tan", "tan(x)", "x"),
    ("ln", "ln(x)", "x"),
    ("product", "g(x)*h(x)", "x"),
    ("quotient", "g(x)/h(x)", "x"),
    ("composition", "g(h(x))", "x"),
    ("bernoulli", "k*ln(p) + (n - k)*ln(1 - p)", "p"),
    (
        "normal_density",
        "exp(-(x - mu)^2/(2*sigma^2))/(sigma*sqrt(2*pi))",
        "x",
    ),
    ("normal_cdf", "(1 + erf(x/sqrt(2)))/2", "x"),
];

fn derive(input: &str, var: &str) -> symdiff::calculus::steps::Derivation {
    derivation(&parse(input).unwrap(), &Expr::symbol(var))
}

#[test]
fn worked_examples_step_by_step() {
    for (name, input, var) in WORKED {
        let d = derive(input, var);
        let shown = format!("{}\n\n{}", d.to_text(), d.to_latex());
        insta::with_settings!({snapshot_path => "../snapshots", description => *input}, {
            insta::assert_snapshot!(format!("steps_{name}"), shown);
        });
    }
}

#[test]
fn every_worked_example_ends_in_the_derivative() {
    for (_, input, var) in WORKED {
        let d = derive(input, var);
        let expected = symdiff::d(input, var).unwrap();
        assert_eq!(d.result, expected, "{input}");
        assert_eq!(d.steps.last().unwrap().after, expected, "{input}");
    }
}

#[test]
fn json_names_each_rule_with_before_and_after() {
    let json = derive("x^x", "x").to_json();
    insta::with_settings!({snapshot_path => "../snapshots"}, {
        insta::assert_snapshot!("steps_x_to_x_json", serde_json::to_string_pretty(&json).unwrap());
    });
    let rules: Vec<&str> = json["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["power_rewrite", "product", "exponential"]);
}

#[test]
fn chain_rule_names_its_inner_function() {
    let d = derive("sin(2*x^2) + 1", "x");
    let sin = d.steps.iter().find(|s| s.rule == Rule::Function).unwrap();
    assert_eq!(sin.inner.as_ref().unwrap().to_string(), "2*x^2");
    assert_eq!(sin.formula(), "d(sin(u)) = cos(u)*du");
}

#[test]
fn constants_and_the_variable_itself_have_one_step() {
    assert_eq!(derive("y^2", "x").steps[0].rule, Rule::Constant);
    assert_eq!(derive("x", "x").steps[0].rule, Rule::Variable);
    assert!(derive("x", "x").result.is_one());
}

#[test]
fn deep_chains_record_without_overflow() {
    let mut e = Expr::symbol("x");
    for _ in 0..5000 {
        e = Expr::call(symdiff::Func::Sin, vec![e]);
    }
    let d = derivation(&e, &Expr::symbol("x"));
    assert_eq!(d.steps.len(), 5000);
    assert_eq!(d.steps.last().unwrap().depth, 0);
}

/// Expressions in x built from every rule the engine knows.
fn expression() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x".to_string()),
        (1i32..5).prop_map(|n| n.to_string()),
        Just("y".to_string()),
    ];
    common::expressions(leaf.boxed(), 4)
}

proptest! {
    #[test]
    fn steps_end_in_the_derivative(input in expression()) {
        let e = parse(&input);
        prop_assume!(e.is_ok(), "{} does not parse", input);
        let e = e.unwrap();
        let x = Expr::symbol("x");
        let d = derivation(&e, &x);
        prop_assert_eq!(&d.result, &e.diff(&x));
        prop_assert_eq!(&d.steps.last().unwrap().after, &d.result);
    }
}
