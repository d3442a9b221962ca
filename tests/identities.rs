//! The named identities between functions (`simplify::identities`): the
//! rows of the issue they answer, pinned; each identity keeping the value
//! at random points inside its condition; results that read back; and
//! `--steps` naming them.

mod common;

use proptest::prelude::*;
use symdiff::calculus::conditions::{self, Relation};
use symdiff::calculus::steps::derivation;
use symdiff::functions::domain::Requirement;
use symdiff::functions::identity;
use symdiff::simplify::{cost::size, simplify, simplify_recorded, Fired};
use symdiff::{d, parse, Expr};

fn pin(name: &str, shown: String) {
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!(format!("identities_{name}"), shown);
    });
}

/// `symdiff F x [--order N]` as the command line prints it.
fn derivative_shown(f: &str, order: usize) -> String {
    let vars: Vec<&str> = vec!["x"; order];
    let mut args = vec![f];
    args.extend(vars);
    let out = common::symdiff(&args);
    assert!(out.status.success(), "{f}");
    format!("d^{order}/dx^{order} {f} = {}", common::stdout(&out).trim())
}

#[test]
fn log_of_cosh_differentiates_to_tanh() {
    pin("ln_cosh", derivative_shown("ln(cosh(x))", 1));
}

#[test]
fn root_of_a_square_differentiates_to_the_sign_where_x_is_not_zero() {
    let out = common::symdiff(&["sqrt(x^2)", "x", "--conditions"]);
    assert!(out.status.success());
    pin("sqrt_square", common::stdout(&out));
}

#[test]
fn sine_times_cosine_differentiates_to_a_double_angle() {
    pin("sin_cos", derivative_shown("sin(x)*cos(x)", 1));
}

#[test]
fn second_derivative_of_cosh_squared_is_a_double_angle() {
    pin("cosh_squared_second", derivative_shown("cosh(x)^2", 2));
}

#[test]
fn tangent_of_arctangent_is_its_argument() {
    let constant = simplify(&parse("3/tan(atan(5))").unwrap());
    let slope = d("x*3/tan(atan(5))", "x").unwrap();
    pin(
        "tan_atan",
        format!("3/tan(atan(5)) = {constant}\nd/dx x*3/tan(atan(5)) = {slope}"),
    );
}

/// Derivatives that the identities of issue 14's second round shorten:
/// inverse compositions written out where their roots cancel, the
/// derivative forms of tanh and sigmoid inside products, abs and sign.
#[test]
fn identities_shorten_these_derivatives() {
    let inputs = [
        "cos(acos(2*x/3))",
        "sqrt(cos(atan(x - 5)))",
        "tan(asin(x))*sqrt(1 - x^2)",
        "asin(tanh(x))",
        "tanh(x^4)",
        "ln(tanh(x))",
        "atan(tanh(x))",
        "sigmoid(2*x^2)",
        "atan(exp(x))",
        "exp(softplus(x))",
        "softplus(ln(x))",
        "(acos(y) - y)/sigmoid(ln(x))",
        "sqrt(abs(x)/x)",
        "asin(2*x/(3*abs(x)))",
        "abs(x^2)",
        "ln(abs(tanh(x^2)))",
    ];
    let shown: Vec<String> = inputs.iter().map(|f| derivative_shown(f, 1)).collect();
    pin("shortened", shown.join("\n"));
}

#[test]
fn exp_of_ln_keeps_its_condition() {
    let out = common::symdiff(&["x*exp(ln(x))", "x", "--conditions"]);
    assert!(out.status.success());
    pin("exp_ln_conditions", common::stdout(&out));
}

#[test]
fn steps_name_the_identity_that_fired() {
    let text = derivation(&parse("ln(cosh(x))").unwrap(), &Expr::symbol("x")).to_text();
    assert!(
        text.contains("identity: sinh(u)/cosh(u) = tanh(u)\n       sinh(x)/cosh(x) = tanh(x)"),
        "{text}"
    );
    let json = derivation(&parse("exp(ln(x))*x").unwrap(), &Expr::symbol("x")).to_json();
    let named: Vec<&str> = json["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["rule"] == "identity")
        .map(|s| s["formula"].as_str().unwrap())
        .collect();
    assert_eq!(named, ["exp(ln(u)) = u, for u > 0"]);
    pin("steps_ln_cosh", text);
}

/// A left side of each declared identity, in `U`, that the simplifier
/// rewrites by that identity.
const LEFT_SIDES: &[(&str, &str)] = &[
    ("sin(asin(u)) = u", "sin(asin(U))"),
    ("cos(acos(u)) = u", "cos(acos(U))"),
    ("tan(atan(u)) = u", "tan(atan(U))"),
    (
        "sin(acos(u)) = sqrt(1 - u^2)",
        "sin(acos(U))/sqrt(1 - (U)^2)",
    ),
    (
        "cos(asin(u)) = sqrt(1 - u^2)",
        "cos(asin(U))/sqrt(1 - (U)^2)",
    ),
    (
        "tan(asin(u)) = u/sqrt(1 - u^2)",
        "tan(asin(U))*sqrt(1 - (U)^2)",
    ),
    (
        "tan(acos(u)) = sqrt(1 - u^2)/u",
        "tan(acos(U))*(U)/sqrt(1 - (U)^2)",
    ),
    (
        "sin(atan(u)) = u/sqrt(1 + u^2)",
        "sin(atan(U))*sqrt(1 + (U)^2)",
    ),
    (
        "cos(atan(u)) = 1/sqrt(1 + u^2)",
        "cos(atan(U))*sqrt(1 + (U)^2)",
    ),
    ("sin(u)/cos(u) = tan(u)", "sin(U)/cos(U)"),
    ("cos(u)/sin(u) = cot(u)", "cos(U)/sin(U)"),
    ("1/cos(u) = sec(u)", "1/cos(U)"),
    ("1/sin(u) = csc(u)", "1/sin(U)^2"),
    ("sin(u)^2 + cos(u)^2 = 1", "3*sin(U)^2 + 3*cos(U)^2"),
    ("cos(u)^2 - sin(u)^2 = cos(2*u)", "cos(U)^2 - sin(U)^2"),
    ("2*cos(u)^2 - 1 = cos(2*u)", "2*cos(U)^2 - 1"),
    ("1 - 2*sin(u)^2 = cos(2*u)", "1 - 2*sin(U)^2"),
    ("1 + tan(u)^2 = sec(u)^2", "1 + tan(U)^2"),
    ("1 + cot(u)^2 = csc(u)^2", "2 + 2*cot(U)^2"),
    ("2*sin(u)*cos(u) = sin(2*u)", "2*sin(U)*cos(U)"),
    ("sinh(asinh(u)) = u", "sinh(asinh(U))"),
    ("cosh(acosh(u)) = u", "cosh(acosh(U))"),
    ("tanh(atanh(u)) = u", "tanh(atanh(U))"),
    ("sinh(u)/cosh(u) = tanh(u)", "sinh(U)/cosh(U)"),
    ("1 - tanh(u)^2 = 1/cosh(u)^2", "y*(1 - tanh(U)^2)"),
    ("1 - tanh(u)^2 = 1/cosh(u)^2", "3*x - 3*x*tanh(U)^2"),
    (
        "cosh(u)^2*(1 + tanh(u)^2) = cosh(2*u)",
        "cosh(U)^2*(1 + tanh(U)^2)",
    ),
    ("cosh(u)^2 - sinh(u)^2 = 1", "cosh(U)^2 - sinh(U)^2"),
    (
        "cosh(u)^2 + sinh(u)^2 = cosh(2*u)",
        "2*cosh(U)^2 + 2*sinh(U)^2",
    ),
    ("2*cosh(u)^2 - 1 = cosh(2*u)", "2*cosh(U)^2 - 1"),
    ("1 + 2*sinh(u)^2 = cosh(2*u)", "1 + 2*sinh(U)^2"),
    ("2*sinh(u)*cosh(u) = sinh(2*u)", "2*sinh(U)*cosh(U)"),
    ("exp(ln(u)) = u", "exp(ln(U))"),
    ("exp(ln(u) + v) = u*exp(v)", "exp(ln(U) + y)"),
    ("exp(log1p(u)) = 1 + u", "exp(log1p(U))"),
    ("expm1(log1p(u)) = u", "expm1(log1p(U))"),
    ("log1p(expm1(u)) = u", "log1p(expm1(U))"),
    ("expm1(u) + 1 = exp(u)", "expm1(U) + 1"),
    ("abs(u) = u for u ≥ 0", "abs(exp(U))"),
    ("sign(u) = 1 for u > 0", "sign(cosh(U))"),
    ("u = sign(u)*abs(u)", "(U)*sign(U)"),
    ("u = sign(u)*abs(u)", "(U)/abs(U)"),
    ("u = sign(u)*abs(u)", "(U)^x*sign((U)^x)*y"),
    ("u = sign(u)*abs(u)", "sign(U)/abs(U)"),
    ("u = sign(u)*abs(u)", "abs(U)/(U)^2 - sign(U)/(U)"),
    ("sqrt(u^2) = abs(u)", "sqrt((U)^2)"),
    ("sign(u^2) = 1", "sign((U)^2)"),
    ("sigmoid(ln(u)) = u/(1 + u)", "sigmoid(ln(U))/(U)"),
    ("softplus(ln(u)) = ln(1 + u)", "softplus(ln(U))"),
    ("exp(softplus(u)) = 1 + exp(u)", "exp(softplus(U))"),
    (
        "sigmoid(u)*(1 + exp(u)) = exp(u)",
        "sigmoid(U)*(1 + exp(U))",
    ),
    (
        "exp(u)*sigmoid(-2*u) = 1/(2*cosh(u))",
        "exp(U)*sigmoid(-2*(U))",
    ),
    (
        "sigmoid(u)*(1 - sigmoid(u)) = 1/(4*cosh(u/2)^2)",
        "2*sigmoid(2*(U))*(1 - sigmoid(2*(U)))",
    ),
    ("exp(u)/(1 + exp(u)) = sigmoid(u)", "exp(U)/(1 + exp(U))"),
    ("1/(1 + exp(-u)) = sigmoid(u)", "1/(1 + exp(-(U)))"),
    ("ln(1 + exp(u)) = softplus(u)", "ln(1 + exp(U))"),
    ("log1p(exp(u)) = softplus(u)", "log1p(exp(U))"),
    ("u^a*u^m = u^(a + m)", "(U)*y/sqrt((U)*y)"),
    ("-u^k = (-u)^k for odd k", "-(y^3 - x^4 - (U))^3"),
    ("-f(u) = f(-u) for odd f", "-sinh(y^3 - x^4 - (U))"),
];

#[test]
fn every_declared_identity_has_a_left_side_here() {
    for id in identity::all() {
        assert!(
            LEFT_SIDES.iter().any(|(name, _)| *name == id.name),
            "no left side for {}",
            id.name
        );
    }
}

/// `u`: the variable, or a sum that is one factor (so that `u/abs(u)`
/// stays a product of `u` and `abs(u)`).
fn argument() -> impl Strategy<Value = String> {
    let a = prop::sample::select(vec![2, 3, -2, 5]);
    let b = prop::sample::select(vec![1, 2, -1, -3]);
    prop_oneof![
        Just("x".to_string()),
        b.clone().prop_map(|b| format!("x + {b}")),
        (a, b.clone()).prop_map(|(a, b)| format!("{a}*x + {b}")),
        b.prop_map(|b| format!("x^2 + {b}*y")),
    ]
}

fn value(e: &Expr, point: &[(&str, f64)]) -> Option<f64> {
    e.eval(point)
        .ok()
        .filter(|v| v.is_finite() && v.abs() < 1e6)
}

proptest! {
    #![proptest_config(common::fixed_seed(512))]

    /// Each identity fires on its left side, keeps the value at points
    /// where its condition holds, gives a result that reads back, and
    /// never a longer one.
    #[test]
    fn identities_keep_the_value_inside_their_conditions(
        which in 0..LEFT_SIDES.len(),
        u in argument(),
        points in prop::collection::vec((-2.5f64..2.5, -2.5f64..2.5), 8),
    ) {
        let (name, template) = LEFT_SIDES[which];
        let left = parse(&template.replace('U', &u)).unwrap();
        let (right, fired) = simplify_recorded(&left);
        let applied: Vec<&Fired> = fired.iter().filter(|f| f.identity.name == name).collect();
        prop_assert!(!applied.is_empty(), "{name} did not fire on {left}: {right}");
        prop_assert_eq!(parse(&right.to_string()).unwrap(), right.clone());
        prop_assert!(right.to_string().len() <= left.to_string().len(), "{left} → {right}");
        prop_assert!(size(&right).ops <= size(&left).ops, "{left} → {right}");
        let domain = conditions::of(&left);
        for (x, y) in points {
            let at = [("x", x), ("y", y)];
            let holds = |r: &Requirement| {
                let v = r.subject.eval(&at).unwrap_or(f64::NAN);
                let bound = r.bound as f64;
                match r.relation {
                    Relation::Greater => v > bound,
                    Relation::GreaterOrEqual => v >= bound,
                    Relation::Less => v < bound,
                    Relation::LessOrEqual => v <= bound,
                    Relation::NotEqual => v != bound,
                    other => panic!("no identity has the condition {other:?}"),
                }
            };
            let outside = fired.iter().filter_map(|f| f.condition.as_ref()).any(|r| !holds(r));
            if outside || domain.check(&at).is_some() {
                continue;
            }
            let Some(expected) = value(&left, &at) else { continue };
            let got = right.eval(&at).unwrap();
            // A sum such as cosh(u)^2 - sinh(u)^2 loses the digits of its
            // largest term: the tolerance is relative to that.
            let scale = left
                .args()
                .iter()
                .filter_map(|t| t.eval(&at).ok())
                .fold(expected.abs().max(1.0), |m, v| m.max(v.abs()));
            prop_assert!(
                (got - expected).abs() <= 1e-9 * scale,
                "{left} = {expected} but {right} = {got} at {at:?}"
            );
        }
    }
}
