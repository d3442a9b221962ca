//! "Check my answer" (`--check`, `symdiff::equivalent`): right answers in
//! other forms, wrong answers, and answers that differ only where one side
//! is undefined. Each case's output (text and JSON) is pinned by a
//! snapshot; its verdict is asserted; the values a "not equal" reports are
//! recomputed here from the derivative and the answer.

mod common;

use common::{stdout, symdiff};
use proptest::prelude::*;
use serde_json::Value;
use symdiff::{equivalent, parse, Equivalence, Expr};

/// What a case must say.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Verdict {
    Equal,
    EqualWhere,
    NotEqual,
    Undecided,
}

use Verdict::*;

/// (name, the arguments before `--check`, the answer, the verdict).
const CASES: &[(&str, &[&str], &str, Verdict)] = &[
    // Right, in another form.
    ("x_to_x", &["x^x", "x"], "x^x*(1 + ln(x))", Equal),
    (
        "x_to_x_exp",
        &["x^x", "x"],
        "exp(x*ln(x))*(ln(x) + 1)",
        Equal,
    ),
    (
        "sin_square_double_angle",
        &["sin(x)^2", "x"],
        "sin(2x)",
        Equal,
    ),
    ("tan_identity", &["tan(x)", "x"], "1 + tan(x)^2", Equal),
    ("cube_expanded", &["(x + 1)^3", "x"], "3x^2 + 6x + 3", Equal),
    ("quotient", &["x/(x + 1)", "x"], "1/(x + 1)^2", Equal),
    ("ln_power", &["ln(x)", "x"], "x^-1", Equal),
    ("sqrt", &["sqrt(x)", "x"], "0.5*x^(-1/2)", Equal),
    (
        "product",
        &["exp(x)*sin(x)", "x"],
        "exp(x)*sin(x) + cos(x)*e^x",
        Equal,
    ),
    ("asin", &["asin(x)", "x"], "(1 - x^2)^(-1/2)", Equal),
    ("two_to_x", &["2^x", "x"], "ln(2)*exp(x*ln(2))", Equal),
    ("atan", &["atan(x)", "x"], "1/(x^2 + 1)", Equal),
    (
        "second_order",
        &["x^4/4 - x^2", "x", "--order", "2"],
        "3*(x^2 - 2/3)",
        Equal,
    ),
    ("mixed_partial", &["x^2*y^3", "x", "y"], "6*x*y^2", Equal),
    ("chain_cos", &["cos(x^2)", "x"], "-2*x*sin(x^2)", Equal),
    ("log_of_square", &["ln(x^2)", "x"], "2/x", Equal),
    // sqrt(x^2) = abs(x), whose derivative is sign(x) (x ≠ 0 is the
    // function's condition, as for abs).
    ("sqrt_square", &["sqrt(x^2)", "x"], "sign(x)", Equal),
    // Equal where the answer (or the derivative) is defined.
    (
        "removable_point",
        &["(x^2 - 1)/(x - 1)", "x"],
        "1",
        EqualWhere,
    ),
    (
        "answer_with_hole",
        &["x^2 + 2*x", "x"],
        "(2x^2 + 4x + 2)/(x + 1)",
        EqualWhere,
    ),
    ("abs_as_quotient", &["abs(x)", "x"], "abs(x)/x", EqualWhere),
    (
        "half_the_line",
        &["x^2", "x"],
        "2*exp(ln(x) + 1)/e",
        EqualWhere,
    ),
    // Wrong.
    ("x_to_x_power_rule", &["x^x", "x"], "x*x^(x - 1)", NotEqual),
    ("sign_slip", &["sin(x)", "x"], "-cos(x)", NotEqual),
    ("lost_chain_factor", &["exp(2x)", "x"], "exp(2x)", NotEqual),
    ("power_not_lowered", &["x^3", "x"], "3x^3", NotEqual),
    (
        "quotient_not_squared",
        &["x/(x + 1)", "x"],
        "1/(x + 1)",
        NotEqual,
    ),
    (
        "partial_by_wrong_variable",
        &["x^2*y", "x"],
        "x^2",
        NotEqual,
    ),
    (
        "first_instead_of_second",
        &["x^3", "x", "--order", "2"],
        "3x^2",
        NotEqual,
    ),
    // Right on part of the domain only.
    ("abs_as_one", &["abs(x)", "x"], "1", NotEqual),
    ("square_as_abs", &["x^2", "x"], "2*abs(x)", NotEqual),
    ("ln_abs_as_ln", &["ln(abs(x))", "x"], "1/abs(x)", NotEqual),
    // Undefined functions: equal only when the difference simplifies to 0.
    ("undefined_chain", &["f(x)^2", "x"], "2*f'(x)*f(x)", Equal),
    (
        "undefined_product",
        &["f(x)*g(x)", "x"],
        "f'(x)*g'(x)",
        Undecided,
    ),
    // Matrices, entry by entry.
    ("gradient", &["--grad", "x^2*y"], "[2*x*y, x^2]", Equal),
    (
        "gradient_wrong",
        &["--grad", "x^2*y"],
        "[2*x*y, x]",
        NotEqual,
    ),
    (
        "hessian",
        &["--hessian", "sin(x*y)"],
        "[[-y^2*sin(x*y), cos(x*y) - x*y*sin(x*y)], [cos(x*y) - x*y*sin(x*y), -x^2*sin(x*y)]]",
        Equal,
    ),
    (
        "hessian_wrong_mixed",
        &["--hessian", "sin(x*y)"],
        "[[-y^2*sin(x*y), cos(x*y)], [cos(x*y), -x^2*sin(x*y)]]",
        NotEqual,
    ),
    (
        "jacobian_hole",
        &["--jacobian", "[x*y, ln(x)]"],
        "[[y, x], [1/x, (x^2 - 4)/(x - 2) - x - 2]]",
        EqualWhere,
    ),
];

fn run(args: &[&str], answer: &str, json: bool) -> std::process::Output {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--check", answer]);
    if json {
        all.extend(["--format", "json"]);
    }
    symdiff(&all)
}

fn verdict_of(text: &str) -> Verdict {
    if text.starts_with("equal where") {
        EqualWhere
    } else if text.starts_with("equal") {
        Equal
    } else if text.starts_with("not equal") {
        NotEqual
    } else {
        assert!(text.starts_with("undecided"), "{text}");
        Undecided
    }
}

#[test]
fn answer_checks() {
    for &(name, args, answer, want) in CASES {
        let text = run(args, answer, false);
        let json = run(args, answer, true);
        let shown = stdout(&text);
        assert_eq!(verdict_of(&shown), want, "{name}: {shown}");
        let code = if matches!(want, Equal | EqualWhere) {
            0
        } else {
            1
        };
        assert_eq!(text.status.code(), Some(code), "{name}");
        assert_eq!(json.status.code(), Some(code), "{name}");
        let parsed: Value = serde_json::from_str(&stdout(&json)).unwrap();
        assert_eq!(parsed["equal"], Value::Bool(code == 0), "{name}");
        let record = format!(
            "$ symdiff {} --check \"{answer}\"\n{shown}exit {}\n\n{}",
            quoted(args),
            code,
            serde_json::to_string_pretty(&parsed).unwrap()
        );
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(format!("check_{name}"), record);
        });
    }
}

/// The arguments as typed in a shell.
fn quoted(args: &[&str]) -> String {
    let words: Vec<String> = args
        .iter()
        .map(
            |a| match a.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c)) {
                true => a.to_string(),
                false => format!("\"{a}\""),
            },
        )
        .collect();
    words.join(" ")
}

/// The derivative `args` asks for (one expression and its VARs, with
/// `--order`), computed with the library.
fn derivative_of(args: &[&str]) -> Option<Expr> {
    let f = parse(args.first().filter(|a| !a.starts_with("--"))?).ok()?;
    let mut vars: Vec<Expr> = Vec::new();
    let mut order = 1;
    let mut rest = args[1..].iter();
    while let Some(a) = rest.next() {
        match *a {
            "--order" => order = rest.next()?.parse().ok()?,
            a if a.starts_with("--") => return None,
            v => vars.push(Expr::symbol(v)),
        }
    }
    let seq: Vec<Expr> = (0..order).flat_map(|_| vars.clone()).collect();
    Some(f.diff_by(&seq))
}

#[test]
fn a_difference_is_reported_with_the_true_values() {
    for &(name, args, answer, want) in CASES {
        let Some(derivative) = derivative_of(args).filter(|_| want == NotEqual) else {
            continue;
        };
        let json: Value = serde_json::from_str(&stdout(&run(args, answer, true))).unwrap();
        let point: Vec<(String, f64)> = json["point"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_f64().unwrap()))
            .collect();
        let at: Vec<(&str, f64)> = point.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        let expected = derivative.eval(&at).unwrap();
        let yours = parse(answer).unwrap().eval(&at).unwrap();
        assert_eq!(json["expected"].as_f64(), Some(expected), "{name}");
        assert_eq!(json["answer"].as_f64(), Some(yours), "{name}");
        assert!(
            (expected - yours).abs() > 1e-6,
            "{name}: {expected} vs {yours}"
        );
    }
}

#[test]
fn the_issue_example() {
    let out = symdiff(&["x^x", "x", "--check", "x^x*(1 + ln(x))"]);
    assert_eq!(
        (stdout(&out).as_str(), out.status.code()),
        ("equal\n", Some(0))
    );
}

#[test]
fn a_bad_answer_is_an_error_with_a_caret() {
    let out = symdiff(&["x^3", "x", "--check", "3x^2 +"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(common::stderr(&out).ends_with("  | 3x^2 +\n  |       ^\n"));
    let out = symdiff(&["--hessian", "x*y", "--check", "[[0, 1], [1, 0]] 3"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        common::stderr(&out).starts_with("error: unexpected '3'; expected the end of the answer")
    );
    let out = symdiff(&["--hessian", "x*y", "--check", "[[0, 1], [1]]"]);
    assert!(
        common::stderr(&out).starts_with("error: the answer has 3 entries; the result has 2×2 = 4")
    );
    let out = symdiff(&["x^3", "x", "--check", "[3x^2]"]);
    assert_eq!(out.status.code(), Some(1));
    let out = symdiff(&["x^3", "x", "--check", "3x^2", "--at", "x=1"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn disjoint_domains_are_undecided_not_equal() {
    let v = equivalent(
        &parse("sqrt(x - 10)").unwrap(),
        &parse("sqrt(-x - 10)").unwrap(),
    );
    assert!(
        matches!(v, Equivalence::Undecided { compared: 0, .. }),
        "{v}"
    );
    assert!(!v.is_equal());
}

#[test]
fn constants_are_compared_once() {
    let e = |a: &str, b: &str| equivalent(&parse(a).unwrap(), &parse(b).unwrap());
    assert_eq!(e("sin(pi/6)", "1/2"), Equivalence::Equal);
    assert!(
        matches!(e("pi", "355/113"), Equivalence::NotEqual { ref point, .. } if point.is_empty())
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// An expression is equal to its simplified form and to itself plus a
    /// term that is 0; it is not equal to itself plus 1, unless nothing
    /// could be compared.
    #[test]
    fn equal_to_itself_in_other_forms(text in common::expressions(
        prop::sample::select(vec!["x".to_string(), "2".to_string(), "y".to_string(), "0.5".to_string()]).boxed(),
        3,
    )) {
        let e = parse(&text);
        prop_assume!(e.is_ok(), "{} does not parse", text);
        let e = e.unwrap();
        let rewritten = symdiff::simplify(&e);
        let v = equivalent(&e, &rewritten);
        prop_assert!(!matches!(v, Equivalence::NotEqual { .. }), "{text}: {v}");
        let shifted = equivalent(&e, &(e.clone() + Expr::int(1)));
        prop_assert!(!shifted.is_equal(), "{text}: {shifted}");
    }
}
