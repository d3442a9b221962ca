//! `--at` and `--eval-csv` from the command line: values, reports of
//! domain errors and non-differentiable points, exit codes.

mod common;

use common::{stderr, stdout, symdiff};

fn scratch_file(name: &str, contents: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("symdiff-cli-eval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write temp file");
    path
}

#[test]
fn at_prints_derivative_gradient_jacobian_and_hessian_values() {
    let cases: &[(&[&str], &str)] = &[
        (&["x^4/4 - x^2 + 1/2", "x", "--at", "x=2"], "4\n"),
        (
            &["x^4/4 - x^2 + 1/2", "x", "--order", "2", "--at", "x=0"],
            "-2\n",
        ),
        (&["sin(x*y)", "x", "y", "--at", "x=0,y=2"], "1\n"),
        (&["--grad", "x^2*y", "--at", "x=3,y=2"], "[12, 9]\n"),
        (
            &["--hessian", "x^2*y^3", "--at", "x=1,y=2"],
            "[[16, 24], [24, 12]]\n",
        ),
        (
            &["--jacobian", "[2*x^2, x*sqrt(y)]", "--at", "y=4,x=1"],
            "[[4, 0], [2, 0.25]]\n",
        ),
        (&["sin(x)", "--at", "x=pi/2"], "6.123233995736766e-17\n"),
    ];
    for (args, want) in cases {
        let out = symdiff(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), *want, "{args:?}");
    }
}

#[test]
fn at_in_latex_and_json() {
    let out = symdiff(&[
        "--hessian",
        "x^2*y^3",
        "--at",
        "x=1,y=2",
        "--format",
        "latex",
    ]);
    assert_eq!(
        stdout(&out),
        "\\begin{pmatrix} 16 & 24 \\\\ 24 & 12 \\end{pmatrix}\n"
    );
    let out = symdiff(&["x^2", "--at", "x=3", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(v["value"], 6.0);
    assert_eq!(v["at"]["x"], 3.0);
}

#[test]
fn at_reports_the_function_that_left_its_domain() {
    for (expr, at, message) in [
        (
            "ln(x)",
            "x=-1",
            "error: undefined at x = -1: ln(-1) is undefined over the reals",
        ),
        (
            "asin(x)",
            "x=2",
            "error: undefined at x = 2: asin(2) is undefined over the reals",
        ),
        ("1/x", "x=0", "error: undefined at x = 0: division by zero"),
        (
            "x*y",
            "x=1",
            "error: no value for the variable y (at x = 1)",
        ),
    ] {
        let out = symdiff(&[expr, "x", "--at", at]);
        assert_eq!(out.status.code(), Some(1), "{expr} at {at}");
        assert!(out.stdout.is_empty(), "{expr}: nothing printed as a value");
        assert_eq!(stderr(&out).trim_end(), message, "{expr} at {at}");
    }
}

#[test]
fn at_reports_points_where_the_function_is_not_differentiable() {
    for (args, message) in [
        (
            &["abs(x)", "--at", "x=0"][..],
            "error: not differentiable at x = 0 (needs x ≠ 0)",
        ),
        (
            &["cbrt(x)", "--at", "x=0"][..],
            "error: vertical tangent at x = 0 (needs x ≠ 0)",
        ),
        (
            &["cbrt(x - 1)", "--at", "x=1"][..],
            "error: vertical tangent at x = 1 (needs x - 1 ≠ 0)",
        ),
        (
            &["--grad", "abs(x - y)", "--at", "x=2,y=2"][..],
            "error: not differentiable at x = 2, y = 2 (needs x - y ≠ 0)",
        ),
        // Once differentiable, but the second derivative 3/(4*sqrt(x)) has no value.
        (
            &["x^(3/2)", "x", "--order", "2", "--at", "x=0"][..],
            "error: not differentiable at x = 0 (needs x > 0)",
        ),
    ] {
        let out = symdiff(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            out.stdout.is_empty(),
            "{args:?}: nothing printed as a value"
        );
        assert_eq!(stderr(&out).trim_end(), message, "{args:?}");
    }
    // A corner in y is no obstacle to the derivative by x.
    assert_eq!(
        stdout(&symdiff(&["x*abs(y)", "x", "--at", "x=1,y=0"])),
        "0\n"
    );
    // Once is fine for x^(3/2), and away from the kink abs has a slope.
    assert_eq!(stdout(&symdiff(&["x^(3/2)", "x", "--at", "x=0"])), "0\n");
    assert_eq!(stdout(&symdiff(&["abs(x)", "--at", "x=-3"])), "-1\n");
}

#[test]
fn at_rejects_bad_points_as_usage_errors() {
    for at in ["x", "x=foo", "x=1,x=2", "2=1"] {
        let out = symdiff(&["x^2", "--at", at]);
        assert_eq!(out.status.code(), Some(2), "--at {at}");
    }
    let out = symdiff(&["-", "x", "--at", "x=1"]);
    assert_eq!(out.status.code(), Some(2), "--at with standard input");
}

#[test]
fn eval_csv_gives_one_column_per_entry_and_nan_where_undefined() {
    let file = scratch_file("points.csv", "x,y\n1,2\n\n0,1\n-1,3\n2,-1\n");
    let out = symdiff(&[
        "--grad",
        "abs(x)*y + ln(y)",
        "--eval-csv",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "df/dx,df/dy\n2,1.5\nNaN,NaN\n-3,1.3333333333333333\nNaN,NaN\n"
    );
    assert!(stderr(&out).contains("line 4: not differentiable at x = 0, y = 1 (needs x ≠ 0)"));
    assert!(stderr(&out).contains("line 6: undefined at x = 2, y = -1 (needs y > 0)"));
    assert!(!stderr(&out).contains("line 2:"), "{}", stderr(&out));
}

#[test]
fn eval_csv_labels_hessian_entries() {
    let file = scratch_file("hess.csv", "y,x\n2,1\n");
    let out = symdiff(&["--hessian", "x^2*y^3", "--eval-csv", file.to_str().unwrap()]);
    assert_eq!(
        stdout(&out),
        "d2f/dx2,d2f/dxdy,d2f/dydx,d2f/dy2\n16,24,24,12\n"
    );
}

#[test]
fn eval_csv_reads_numbers_as_written() {
    let file = scratch_file(
        "forms.csv",
        "x , y\n 1.5 , 2\n-1e-3,+2\n.5,4.\ninf,1\nNaN,1\n",
    );
    let out = symdiff(&["x*y", "y", "--eval-csv", file.to_str().unwrap()]);
    // At x = inf the function itself has no finite value: NaN, not inf.
    assert_eq!(stdout(&out), "df/dy\n1.5\n-0.001\n0.5\nNaN\nNaN\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn eval_csv_rejects_bad_files() {
    for (name, contents) in [
        ("empty.csv", ""),
        ("short.csv", "x,y\n1\n"),
        ("word.csv", "x,y\n1,two\n"),
        ("missing.csv", "x\n1\n"),
        ("header.csv", "x,2y\n1,2\n"),
    ] {
        let file = scratch_file(name, contents);
        let out = symdiff(&["x*y", "x", "--eval-csv", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
    }
    for (name, contents, message) in [
        (
            "short2.csv",
            "x,y\n1,2\n1\n",
            "line 3: 1 values for 2 columns",
        ),
        ("long.csv", "x,y\n1,2,3\n", "line 2: 3 values for 2 columns"),
        ("word2.csv", "x,y\n1,two\n", "line 2: 'two' is not a number"),
        ("gap.csv", "x,y\n1 2,3\n", "line 2: '1 2' is not a number"),
        ("blank.csv", "x,y\n,3\n", "line 2: '' is not a number"),
        ("tail.csv", "x,y\n1,3x\n", "line 2: '3x' is not a number"),
    ] {
        let file = scratch_file(name, contents);
        let out = symdiff(&["x*y", "x", "--eval-csv", file.to_str().unwrap()]);
        assert!(stderr(&out).contains(message), "{name}: {}", stderr(&out));
    }
    let out = symdiff(&["x", "--eval-csv", "/nonexistent/file.csv"]);
    assert_eq!(out.status.code(), Some(2));
}

/// `--eval-csv --scalar` prints what `--at` prints, to the last digit;
/// without `--scalar` the vectorized functions agree to rounding.
#[test]
fn eval_csv_scalar_prints_the_values_of_at() {
    let points = [(0.3, -1.2), (1.7, 0.4), (-2.5, 2.25), (0.01, 3.0)];
    let rows: Vec<String> = points.iter().map(|(x, y)| format!("{x},{y}")).collect();
    let file = scratch_file("scalar.csv", &format!("x,y\n{}\n", rows.join("\n")));
    let f = "tanh(x*y) + exp(x)*sin(y) + ln(1 + x^2)*cos(x*y)";
    let file = file.to_str().unwrap();
    let scalar = symdiff(&["--grad", f, "--eval-csv", file, "--scalar"]);
    let vector = symdiff(&["--grad", f, "--eval-csv", file]);
    assert!(scalar.status.success(), "{}", stderr(&scalar));
    assert!(vector.status.success(), "{}", stderr(&vector));
    let (scalar, vector) = (stdout(&scalar), stdout(&vector));
    for ((x, y), (exact, fast)) in points
        .iter()
        .zip(scalar.lines().skip(1).zip(vector.lines().skip(1)))
    {
        let at = symdiff(&["--grad", f, "--at", &format!("x={x},y={y}")]);
        // --at prints a matrix, [[a], [b]]: the same numbers, in brackets.
        let numbers: Vec<String> = stdout(&at)
            .split(|c: char| !(c.is_ascii_alphanumeric() || "-.e".contains(c)))
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        assert_eq!(exact.split(',').collect::<Vec<_>>(), numbers, "at {x},{y}");
        for (a, b) in fast.split(',').zip(exact.split(',')) {
            let (a, b): (f64, f64) = (a.parse().unwrap(), b.parse().unwrap());
            assert!((a - b).abs() <= 1e-14 * b.abs().max(1.0), "{a} vs {b}");
        }
    }
    let refused = symdiff(&["x^2", "x", "--scalar"]);
    assert_eq!(
        refused.status.code(),
        Some(2),
        "--scalar without --eval-csv"
    );
}
