//! Every function of the registry from the command line, as a user meets
//! it: its derivative's value at a point (`--at`) and over a CSV
//! (`--eval-csv`) agrees with the library, or the point is refused with
//! the condition the library names; `--steps` and LaTeX show it. And the
//! bugs of derivatives written on a function's name stay fixed.

mod common;

use common::{stderr, stdout, symdiff};
use symdiff::calculus::conditions::{self, Kind};
use symdiff::functions::{Latex, REGISTERED};
use symdiff::fuzzing::registered_call;
use symdiff::{parse, Expr};

/// A call of every registered function on `x` and `y`, as text.
fn calls() -> Vec<(String, &'static symdiff::functions::FunctionDef)> {
    let vars = vec![Expr::symbol("x"), Expr::symbol("y")];
    REGISTERED
        .iter()
        .enumerate()
        .map(|(k, f)| {
            (
                registered_call(k, vars.clone()).to_string(),
                f.def().unwrap(),
            )
        })
        .collect()
}

const POINTS: [(f64, f64); 3] = [(0.7, 0.3), (1.9, -0.45), (-0.6, 2.5)];

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs().max(1.0)
}

#[test]
fn at_gives_the_library_value_or_the_failed_condition() {
    let x = Expr::symbol("x");
    let mut answered = 0;
    for (call, _) in calls() {
        let f = parse(&call).unwrap();
        let df = f.diff(&x);
        for (px, py) in POINTS {
            let at = format!("x={px},y={py}");
            let out = symdiff(&[&call, "x", "--at", &at]);
            let point = [("x", px), ("y", py)];
            match conditions::of(&f).check(&point) {
                None => {
                    assert!(out.status.success(), "{call} at {at}: {}", stderr(&out));
                    let shown: f64 = stdout(&out).trim().parse().expect("a number");
                    let want = df.eval(&point).unwrap();
                    assert!(
                        close(shown, want),
                        "{call} at {at}: {shown}, library {want}"
                    );
                    answered += 1;
                }
                Some(violation) => {
                    assert_eq!(out.status.code(), Some(1), "{call} at {at}");
                    assert!(
                        stderr(&out).contains(&violation.to_string()),
                        "{call} at {at}: {} does not say {violation}",
                        stderr(&out)
                    );
                }
            }
        }
    }
    // Most calls are defined at most of the points: the values are checked.
    assert!(answered >= 2 * REGISTERED.len(), "only {answered} values");
}

#[test]
fn eval_csv_gives_the_tape_values() {
    let dir = std::env::temp_dir().join(format!("symdiff-functions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("points.csv");
    let rows: Vec<String> = POINTS.iter().map(|(x, y)| format!("{x},{y}")).collect();
    std::fs::write(&csv, format!("x,y\n{}\n", rows.join("\n"))).unwrap();
    let csv = csv.to_string_lossy().into_owned();
    let x = Expr::symbol("x");
    for (call, _) in calls() {
        let f = parse(&call).unwrap();
        let df = f.diff(&x);
        let out = symdiff(&[&call, "x", "--eval-csv", &csv]);
        assert!(out.status.success(), "{call}: {}", stderr(&out));
        let text = stdout(&out);
        let values: Vec<&str> = text.lines().skip(1).collect();
        assert_eq!(values.len(), POINTS.len(), "{call}: {text}");
        for (shown, (px, py)) in values.iter().zip(POINTS) {
            let point = [("x", px), ("y", py)];
            // Where the function has no value, neither has its derivative.
            let defined = conditions::of(&f)
                .check(&point)
                .is_none_or(|v| v.condition.kind != Kind::Undefined);
            let want = df.eval(&point).ok().filter(|_| defined).unwrap_or(f64::NAN);
            let got: f64 = shown.trim().parse().unwrap_or(f64::NAN);
            assert!(
                close(got, want) || (got.is_nan() && want.is_nan()),
                "{call} at {px},{py}: {got} vs {want}"
            );
        }
    }
}

#[test]
fn steps_and_latex_show_every_function() {
    for (call, def) in calls() {
        let steps = symdiff(&[&call, "x", "--steps"]);
        assert!(steps.status.success(), "{call}: {}", stderr(&steps));
        let text = stdout(&steps);
        let derivative = symdiff(&[&call, "x"]);
        let answer = stdout(&derivative);
        assert!(
            text.trim_end().ends_with(answer.trim_end()),
            "{call}: the steps end elsewhere than the answer {answer}:\n{text}"
        );
        let marker = match def.latex {
            Latex::Operator(name) => name,
            Latex::Wrap(open, _) => open,
        };
        let own = stdout(&symdiff(&[&call, "x", "--format", "latex"]));
        assert!(!own.trim().is_empty(), "{call}: no LaTeX");
        // The function itself, printed (exp's e^{…} and the like included).
        let f = parse(&call).unwrap();
        assert!(
            f.to_latex().contains(marker),
            "{call}: {} lacks {marker}",
            f.to_latex()
        );
    }
}

#[test]
fn relu_at_its_corner_is_refused() {
    let out = symdiff(&["relu(x)", "x", "--at", "x=0"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not differentiable at x = 0"),
        "{}",
        stderr(&out)
    );
    let out = symdiff(&["max(x, y)", "x", "--at", "x=2,y=2"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not differentiable"),
        "{}",
        stderr(&out)
    );
}

/// `sqrt'(x)` read as an undefined function `sqrt'` and printed `sqrt''(x)`;
/// `sin'[1](x)` likewise, with no value at any point.
#[test]
fn derivatives_written_on_known_names_are_worked_out() {
    let out = symdiff(&["sqrt'(x)", "x"]);
    assert_eq!(stdout(&out), "-1/(4*x^(3/2))\n");
    let out = symdiff(&["sqrt'(x)", "x", "--at", "x=4"]);
    assert_eq!(stdout(&out), "-0.03125\n", "{}", stderr(&out));
    let out = symdiff(&["sin'[1](x)", "x", "--at", "x=1"]);
    let shown: f64 = stdout(&out).trim().parse().expect("a value");
    assert!(close(shown, -(1f64.sin())));
    let out = symdiff(&["sin'[1](x)", "x", "--format", "latex"]);
    assert_eq!(stdout(&out), "-\\sin\\left(x\\right)\n");
    let out = symdiff(&["atan2'[2](y, x)", "x"]);
    assert_eq!(stdout(&out), stdout(&symdiff(&["-y/(x^2 + y^2)", "x"])));
    // Still refused as the plain call would be.
    let out = symdiff(&["sqrt'(x, y)", "x"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("sqrt takes 1 argument"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn stable_values_from_the_command_line() {
    let cases = [
        ("sigmoid(x)", "x=-800", "0"),
        ("sigmoid(x)", "x=800", "1"),
        ("softplus(x)", "x=800", "800"),
        ("log1p(x)", "x=1e-20", "0.00000000000000000001"),
    ];
    for (f, at, want) in cases {
        let out = symdiff(&[f, "x", "--order", "0", "--at", at]);
        assert!(out.status.success(), "{f} at {at}: {}", stderr(&out));
        let shown: f64 = stdout(&out).trim().parse().unwrap();
        assert_eq!(shown, want.parse::<f64>().unwrap(), "{f} at {at}");
    }
    let out = symdiff(&["logsumexp(x, x)", "x", "--order", "0", "--at", "x=1000"]);
    let shown: f64 = stdout(&out).trim().parse().unwrap();
    assert_eq!(shown, 1000.0 + 2f64.ln());
}

/// README's function table is the registry's, word for word: a function
/// declared is a function documented.
#[test]
fn readme_lists_every_function() {
    let readme = include_str!("../README.md");
    let table = symdiff::present::reference::function_table();
    assert!(
        readme.contains(&table),
        "README's function table differs from the registry's; it reads:\n{table}"
    );
}
