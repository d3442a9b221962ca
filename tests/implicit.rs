//! Implicit differentiation (`--implicit`, `calculus::implicit`): each case
//! pinned as text, LaTeX and JSON, and checked in value at points on the
//! curve: dy/dx against -F_x/F_y with F_x and F_y taken by central
//! differences, d²y/dx² against the textbook formula
//! -(F_xx·F_y² - 2·F_xy·F_x·F_y + F_yy·F_x²)/F_y³ with the partials by
//! the library's plain derivative, and higher orders against a central
//! difference of the order before along the curve.

mod common;

use common::{stderr, stdout, symdiff};
use symdiff::calculus::implicit::implicit;
use symdiff::{parse, parse_input, Expr, Limits, Parsed};

/// (name, equation, order, x on the curve, a guess of y there).
const CASES: &[(&str, &str, usize, f64, f64)] = &[
    ("circle", "x^2 + y^2 = 1", 1, 0.6, 0.8),
    ("circle_second", "x^2 + y^2 = 1", 2, 0.6, 0.8),
    ("circle_third", "x^2 + y^2 = 1", 3, -0.3, 0.9),
    ("ellipse", "x^2/4 + y^2/9 = 1", 1, 1.0, 2.6),
    ("ellipse_second", "x^2/4 + y^2/9 = 1", 2, 1.0, 2.6),
    ("hyperbola_second", "x^2 - y^2 = 1", 2, 2.0, 1.7),
    ("reciprocal_second", "x*y = 1", 2, 0.5, 2.0),
    ("folium", "x^3 + y^3 = 6*x*y", 1, 1.0, 2.4),
    ("folium_second", "x^3 + y^3 = 6*x*y", 2, 1.0, 2.4),
    ("sine_of_product", "sin(x*y) = x", 1, 0.5, 1.0),
    ("sine_of_product_second", "sin(x*y) = x", 2, 0.5, 1.0),
    ("exponential", "exp(y) + x*y = e", 1, 0.5, 0.8),
    ("exponential_second", "exp(y) + x*y = e", 2, 0.5, 0.8),
    ("cubic_in_y", "y^3 + y = x", 2, 2.0, 1.0),
    ("mixed_cubic", "x^2*y + y^3 = 2", 1, 1.0, 1.0),
    ("roots", "sqrt(x) + sqrt(y) = 3", 2, 4.0, 1.0),
    ("log", "ln(y) + x*y = 1", 1, 0.5, 1.3),
    ("cosine", "cos(y) = x", 2, 0.3, 1.2),
    ("elliptic_curve", "y^2 = x^3 + x", 2, 1.0, 1.4),
    ("tangent_sum", "tan(x + y) = x", 1, 0.4, -0.02),
    ("tilted_ellipse_second", "x^2 + x*y + y^2 = 7", 2, 1.0, 2.0),
    ("lemniscate", "(x^2 + y^2)^2 = 4*(x^2 - y^2)", 1, 1.2, 0.5),
    ("trig_mix", "y*sin(x) + x*cos(y) = 1", 1, 0.8, 0.5),
    ("quintic", "y^5 + x^2*y^3 = 1 + x^4*y", 1, 1.0, 1.2),
    ("exp_of_product", "exp(x*y) = x + y", 2, 0.3, 1.1),
];

fn equation(text: &str) -> (Expr, Expr) {
    match parse_input(text, &Limits::default()).unwrap().value {
        Parsed::Equation(l, r) => (l, r),
        other => panic!("{text} is not an equation: {other:?}"),
    }
}

fn at(e: &Expr, x: f64, y: f64) -> f64 {
    e.eval(&[("x", x), ("y", y)]).unwrap()
}

/// The y near `guess` with H(x, y) = 0, by Newton's method on y (the
/// slope by a central difference).
fn on_curve(h: &Expr, x: f64, guess: f64) -> f64 {
    let mut y = guess;
    for _ in 0..100 {
        let step = 1e-7;
        let slope = (at(h, x, y + step) - at(h, x, y - step)) / (2.0 * step);
        let next = y - at(h, x, y) / slope;
        if (next - y).abs() < 1e-15 {
            break;
        }
        y = next;
    }
    assert!(
        at(h, x, y).abs() < 1e-12,
        "no point of the curve near y = {guess}"
    );
    y
}

/// The derivative of each order, as the library gives it, at x near `x0`
/// on the curve (y found anew for each x).
fn along_curve(d: &[Expr], h: &Expr, x: f64, guess: f64, k: usize) -> f64 {
    let y = on_curve(h, x, guess);
    at(&d[k], x, y)
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn implicit_derivatives() {
    let (x, y) = (Expr::symbol("x"), Expr::symbol("y"));
    for &(name, text, order, x0, guess) in CASES {
        let (lhs, rhs) = equation(text);
        let d = implicit(&lhs, &rhs, &y, &x, order, &Limits::default()).unwrap();
        let record = format!(
            "{}\n{}\n{}",
            d.to_text(),
            d.to_latex(),
            serde_json::to_string_pretty(&d.to_json()).unwrap()
        );
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false, description => text}, {
            insta::assert_snapshot!(format!("implicit_{name}"), record);
        });

        let h = lhs.clone() - rhs.clone();
        let y0 = on_curve(&h, x0, guess);
        // dy/dx against -F_x/F_y, the partials by central differences.
        let step = 1e-6;
        let f_x = (at(&h, x0 + step, y0) - at(&h, x0 - step, y0)) / (2.0 * step);
        let f_y = (at(&h, x0, y0 + step) - at(&h, x0, y0 - step)) / (2.0 * step);
        let first = at(&d.derivatives[0], x0, y0);
        assert!(
            close(first, -f_x / f_y, 1e-6),
            "{name}: dy/dx {first} vs {}",
            -f_x / f_y
        );
        if order >= 2 {
            let p = |vars: &[&Expr]| {
                let v: Vec<Expr> = vars.iter().map(|e| (*e).clone()).collect();
                at(&h.diff_by(&v), x0, y0)
            };
            let (fx, fy) = (p(&[&x]), p(&[&y]));
            let (fxx, fxy, fyy) = (p(&[&x, &x]), p(&[&x, &y]), p(&[&y, &y]));
            let formula = -(fxx * fy * fy - 2.0 * fxy * fx * fy + fyy * fx * fx) / fy.powi(3);
            let second = at(&d.derivatives[1], x0, y0);
            assert!(
                close(second, formula, 1e-9),
                "{name}: d2y/dx2 {second} vs {formula}"
            );
        }
        for k in 2..order {
            // The k-th derivative's slope along the curve is the next one.
            let step = 1e-4;
            let slope = (along_curve(&d.derivatives, &h, x0 + step, y0, k - 1)
                - along_curve(&d.derivatives, &h, x0 - step, y0, k - 1))
                / (2.0 * step);
            let next = at(&d.derivatives[k], x0, y0);
            assert!(
                close(next, slope, 1e-5),
                "{name}: order {} {next} vs {slope}",
                k + 1
            );
        }
    }
}

#[test]
fn the_equation_shortens_the_second_derivative() {
    let out = symdiff(&["x^2 + y^2 = 1", "--implicit", "y", "x", "--order", "2"]);
    assert_eq!(stdout(&out), "d2y/dx2 = -1/y^3\n");
    let out = symdiff(&["x^3 + y^3 = 6*x*y", "--implicit", "y", "--order", "2"]);
    assert_eq!(stdout(&out), "d2y/dx2 = -16*x*y/(y^2 - 2*x)^3\n");
    // Parameters are constant on the curve: r^2 takes the place of x^2 + y^2.
    let out = symdiff(&["x^2 + y^2 = r^2", "--implicit", "y", "x", "--order", "2"]);
    assert_eq!(stdout(&out), "d2y/dx2 = -r^2/y^3\n");
    let out = symdiff(&["a*x^2 + b*y^2 = 1", "--implicit", "y", "x", "--order", "2"]);
    assert_eq!(stdout(&out), "d2y/dx2 = -a/(b^2*y^3)\n");
}

#[test]
fn command_line() {
    let out = symdiff(&["x^2 + y^2 = 1", "--implicit", "y", "x"]);
    assert_eq!(
        (stdout(&out).as_str(), out.status.code()),
        ("dy/dx = -x/y\n", Some(0))
    );
    let out = symdiff(&["x^2 + y^2 = 1", "--implicit", "y", "--format", "latex"]);
    assert_eq!(stdout(&out), "\\frac{dy}{dx} = -\\frac{x}{y}\n");
    let out = symdiff(&["x^2 + y^2 = 1", "--implicit", "y", "--at", "x=0.6,y=0.8"]);
    assert_eq!(stdout(&out), "-0.75\n");
    let out = symdiff(&[
        "x^2 + y^2 = 1",
        "--implicit",
        "y",
        "--at",
        "x=0.6,y=0.8",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["value"], -0.75);
    assert_eq!(json["name"], "dy/dx");
}

#[test]
fn points_without_a_slope() {
    let out = symdiff(&["x^2 + y^2 = 1", "--implicit", "y", "--at", "x=0.6,y=0.9"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: (x = 0.6, y = 0.9) is not on the curve x^2 + y^2 = 1: the left side is 1.17, the right side 1\n"
    );
    let out = symdiff(&["x^2 + y^2 = 1", "--implicit", "y", "--at", "x=1,y=0"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: vertical tangent at x = 1, y = 0: F_y = 2*y is 0 there")
    );
    // Rounded coordinates of a point on the curve are accepted.
    let out = symdiff(&[
        "x^2 + y^2 = 1",
        "--implicit",
        "y",
        "--at",
        "x=0.5,y=sqrt(3)/2",
    ]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn steps_show_the_partials_and_each_order() {
    let out = symdiff(&[
        "x^2 + y^2 = 1",
        "--implicit",
        "y",
        "--order",
        "2",
        "--steps",
    ]);
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("implicit_steps_circle", stdout(&out));
    });
    let out = symdiff(&["x*y = 1", "--implicit", "y", "--steps", "--format", "latex"]);
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("implicit_steps_hyperbola_latex", stdout(&out));
    });
    let out = symdiff(&["x*y = 1", "--implicit", "y", "--steps", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["F_x_steps"]["result"], "y");
    assert_eq!(json["derivatives"][0]["derivative"], "-y/x");
}

/// Each bad input: its message with a caret (exit 1) or a usage error (exit 2).
#[test]
fn bad_equations() {
    let cases: &[(&[&str], i32, &str)] = &[
        (&["x = 1 = y", "--implicit", "y"], 1, "error: an equation has one '='\n  | \n  | x = 1 = y\n  |       ^\n"),
        (&["(x = y)", "--implicit", "y"], 1, "error: '=' inside brackets; an equation is F = G, with '=' outside any bracket\n  | \n  | (x = y)\n  |    ^\n"),
        (&["x^2 + y", "--implicit", "y"], 1, "error: implicit differentiation needs an equation, such as x^2 + y^2 = 1\n  | \n  | x^2 + y\n  | ^^^^^^^\n"),
        (&["x^2 = 4", "--implicit", "y", "x"], 1, "error: the equation does not contain y, so it does not define y as a function of the other variable\n  | \n  | x^2 = 4\n  | ^^^^^^^\n"),
        (&["x^2 + y^2 = 1", "x"], 1, "error: an equation is not differentiated directly; use --implicit y x for dy/dx\n  | \n  | x^2 + y^2 = 1\n  |           ^\n"),
        (&["sin(y)^2 + cos(y)^2 = x", "--implicit", "y"], 1, "error: the equation's derivative by y is 0 everywhere, so it does not define y as a function of the other variable\n  | \n  | sin(y)^2 + cos(y)^2 = x\n  | ^^^^^^^^^^^^^^^^^^^^^^^\n"),
        (&["x + y + z = 1", "--implicit", "y,z", "x"], 2, "error: several dependent variables are out of scope: give one, as in --implicit y\n"),
        (&["x + y + z = 1", "--implicit", "y"], 2, "error: name the variable y depends on: symdiff EQUATION --implicit y x\n"),
        (&["x + y = 1", "--implicit", "y", "y"], 2, "error: y cannot depend on itself: name another variable\n"),
    ];
    for (args, code, message) in cases {
        let out = symdiff(args);
        assert_eq!(out.status.code(), Some(*code), "{args:?}");
        assert_eq!(stderr(&out), *message, "{args:?}");
    }
    assert!(parse("x = 1").is_err());
}

/// `--check` with `--implicit` compares on the curve: an answer that needs
/// the equation to agree is right, one right on part of the curve is not.
#[test]
fn answers_are_checked_on_the_curve() {
    let cases: &[(&[&str], &str, &str, i32)] = &[
        (&["x^2 + y^2 = 1", "--implicit", "y", "--order", "2"], "-(x^2 + y^2)/y^3", "equal\n", 0),
        (&["x^2 + y^2 = 1", "--implicit", "y"], "-x/y", "equal\n", 0),
        (&["x^3 + y^3 = 6*x*y", "--implicit", "y"], "(2y - x^2)/(y^2 - 2x)", "equal\n", 0),
        (
            &["x^2 + y^2 = 1", "--implicit", "y", "--order", "2"],
            "-x/y^3",
            "not equal: at x = 0.5, y = 0.866025… the derivative is -1.5396…, yours is -0.7698…\n",
            1,
        ),
        (
            &["x^2 + y^2 = 1", "--implicit", "y"],
            "-x/sqrt(1 - x^2)",
            "not equal: at x = 0.25, y = -0.968246… the derivative is 0.258199…, yours is -0.258199…\n",
            1,
        ),
    ];
    for (args, answer, verdict, code) in cases {
        let mut all = args.to_vec();
        all.extend(["--check", answer]);
        let out = symdiff(&all);
        assert_eq!(
            (stdout(&out).as_str(), out.status.code()),
            (*verdict, Some(*code)),
            "{answer}"
        );
    }
}
