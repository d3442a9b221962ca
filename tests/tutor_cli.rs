//! The tutorial's flags from the command line: the default action's first
//! line stays the plain derivative, the toolkit's outputs follow.

mod common;

fn symdiff(args: &[&str]) -> (String, i32) {
    let out = common::symdiff(args);
    (common::stdout(&out), out.status.code().unwrap_or(-1))
}

#[test]
fn steps_end_in_the_result() {
    let (out, code) = symdiff(&["--steps", "x^x", "x"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("d/dx x^x\n  1. rewrite: f^g = e^(g*ln(f))\n"));
    assert!(out.ends_with("result: d/dx x^x = x^x*(ln(x) + 1)\n"));
    let (latex, _) = symdiff(&["--steps", "2^x", "--format", "latex"]);
    assert!(latex.starts_with("\\begin{align*}\n") && latex.ends_with("\\end{align*}\n"));
    let (json, _) = symdiff(&["--steps", "2^x", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["steps"][0]["rule"], "exponential");
}

#[test]
fn conditions_follow_the_plain_derivative() {
    let (out, _) = symdiff(&["x^x", "x", "--conditions"]);
    assert_eq!(out, "x^x*(ln(x) + 1)\nwhere x > 0\n");
    let (plain, _) = symdiff(&["x^x", "x"]);
    assert_eq!(plain, "x^x*(ln(x) + 1)\n");
    let (json, _) = symdiff(&["1/x", "--conditions", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["where"], "x ≠ 0");
    assert_eq!(value["conditions"][0]["kind"], "domain");
}

#[test]
fn steps_need_one_variable() {
    let (_, code) = symdiff(&["--steps", "x*y"]);
    assert_eq!(code, 2);
}

#[test]
fn critical_points_of_the_tutorials_quartic() {
    let (out, code) = symdiff(&["--critical", "x^4/4 - x^2 + 1/2"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "f(x) = x^4/4 - x^2 + 1/2\nf'(x) = x^3 - 2*x\nf''(x) = 3*x^2 - 2\n\
         critical points in [-10, 10]:\n\
         \x20 x = -sqrt(2) ≈ -1.414214: f = -1/2, f'' = 4: minimum\n\
         \x20 x = 0: f = 1/2, f'' = -2: maximum\n\
         \x20 x = sqrt(2) ≈ 1.414214: f = -1/2, f'' = 4: minimum\n"
    );
    let (json, _) = symdiff(&["--critical", "x^3", "--range=-1:1", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["critical_points"][0]["nature"], "not an extremum");
    assert_eq!(value["critical_points"][0]["test"], "sign_change");
}

#[test]
fn stationary_points_from_a_start() {
    let (out, code) = symdiff(&["--critical", "x^2 - y^2", "--start", "x=1,y=2"]);
    assert_eq!(code, 0);
    assert!(
        out.ends_with("Hessian eigenvalues: -2, 2\nsaddle point\n"),
        "{out}"
    );
    let (_, code) = symdiff(&["--critical", "x^2 - y^2", "--start", "x=1"]);
    assert_eq!(code, 2);
    let (_, code) = symdiff(&["--critical", "x^2", "--range", "1:oops"]);
    assert_eq!(code, 2);
}

#[test]
fn tangent_and_taylor() {
    let (out, _) = symdiff(&["x^2", "--tangent-at", "x=-1", "--near", "x=-0.9"]);
    assert_eq!(
        out,
        "f(x) = x^2\nat x = -1: f = 1, slope = -2\ntangent line: y = -2*x - 1\n\
         near x = -0.9: f = 0.81, tangent = 0.8, error = 0.01\n"
    );
    let (out, _) = symdiff(&["x^2*y", "--tangent-at", "x=1,y=2", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["equation"], "z = 4*x + y - 4");
    let (out, code) = symdiff(&["abs(x)", "--tangent-at", "x=0"]);
    assert_eq!((out.as_str(), code), ("", 1));
    let (out, _) = symdiff(&["ln(1 + x)", "--taylor", "3"]);
    assert!(out.ends_with("about x = 0:\nx - x^2/2 + x^3/3\n"), "{out}");
}

#[test]
fn ascent_and_descent() {
    let (out, _) = symdiff(&["x^2 + 3*y^2", "--ascent", "x=1,y=1", "--along", "1,0"]);
    assert!(out.contains("gradient at x = 1, y = 1: [2, 6]\n"), "{out}");
    assert!(
        out.ends_with("along [1, 0]: directional derivative 2\n"),
        "{out}"
    );
    let (csv, code) = symdiff(&["(x - 1)^2 + y^2", "--descend", "x=0,y=1", "--rate", "0.25"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "method,t,x,y,f,grad_norm");
    assert_eq!(lines[1], "gradient_descent,0,0,1,2,2.8284271247461903");
    assert_eq!(
        lines[2],
        "gradient_descent,1,0.5,0.5,0.5,1.4142135623730951"
    );
    assert!(lines.last().unwrap().starts_with("newton,1,1,0,0,0"));
    let (_, code) = symdiff(&["x^2", "--descend", "x=1", "--rate", "-1"]);
    assert_eq!(code, 2);
}

#[test]
fn descent_picture_over_the_contours() {
    let path = std::env::temp_dir().join(format!("symdiff-descent-{}.svg", std::process::id()));
    let file = path.to_str().unwrap();
    let (_, code) = symdiff(&["x^2 + 4*y^2", "--descend", "x=2,y=1", "--descent-svg", file]);
    assert_eq!(code, 0);
    let svg = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).ok();
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
    assert_eq!(svg.matches("<polyline").count(), 2);
    assert!(svg.matches("<path").count() >= 5, "contour lines drawn");
    let (_, code) = symdiff(&["x^2", "--descend", "x=2", "--descent-svg", file]);
    assert_eq!(code, 1);
}

#[test]
fn the_tutorial_actions_exclude_each_other() {
    for pair in [
        ["--steps", "--critical"],
        ["--critical", "--taylor=2"],
        ["--tangent-at=x=1", "--ascent=x=1"],
        ["--descend=x=1", "--steps"],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_symdiff"))
            .args(["x^2"])
            .args(pair)
            .output()
            .expect("the binary runs");
        assert_eq!(out.status.code(), Some(2), "{pair:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be used with"));
    }
}

#[test]
fn the_node_limit_holds_for_every_analysis() {
    let product: Vec<String> = (1..30).map(|k| format!("(x + {k}*y)")).collect();
    let product = product.join("*");
    for action in [
        &["--critical", "--start", "x=1,y=1"][..],
        &["--descend", "x=1,y=1"],
        &["--taylor", "4", "--vars", "x"],
        &["--ascent", "x=1,y=1"],
        &["--tangent-at", "x=1,y=1"],
    ] {
        let mut argv = vec!["--max-nodes", "100"];
        argv.extend_from_slice(action);
        argv.push(&product);
        let out = common::symdiff(&argv);
        assert_eq!(out.status.code(), Some(1), "{action:?}");
        assert!(
            common::stderr(&out).contains("limit of 100 nodes"),
            "{action:?}: {}",
            common::stderr(&out)
        );
    }
    // Within the limit, the same analyses run as before.
    let (out, code) = symdiff(&["--max-nodes", "100", "--descend", "x=1,y=1", "x^2 + y^2"]);
    assert_eq!(code, 0);
    assert!(!out.is_empty());
}
