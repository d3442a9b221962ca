//! The polynomial path (`symdiff::calculus::poly`) against the general one: the same
//! polynomial, the same expression, the same derivative text; and every
//! input it must leave to the general parser.

use crate::common::{stdout, symdiff, symdiff_with_stdin};
use crate::properties::config;
use proptest::prelude::*;
use symdiff::calculus::diff::derivative;
use symdiff::calculus::matrix::gradient_within;
use symdiff::calculus::poly::Polynomial;
use symdiff::{d, gradient, hessian, jacobian, parse, simplify, Expr, Limits};

/// Names chosen so that natural order (`x2 < x10`) and plain order differ.
const NAMES: &[&str] = &["x", "y", "x2", "x10", "z1"];

/// A random expanded polynomial as text: signed integer coefficients
/// (often ±1 or absent), repeated variables, exponents 0 to 4 written
/// with `^` or as superscripts, like terms and constants.
fn polynomial() -> impl Strategy<Value = String> {
    let power =
        (prop::sample::select(NAMES), 0u32..5, any::<bool>()).prop_map(|(v, k, sup)| {
            match (k, sup) {
                (1, _) => v.to_string(),
                (2, true) => format!("{v}²"),
                _ => format!("{v}^{k}"),
            }
        });
    let coefficient = prop_oneof![Just(None), (-12i64..12).prop_map(Some)];
    let term = (coefficient, prop::collection::vec(power, 0..4)).prop_map(|(c, powers)| {
        let mut factors: Vec<String> = c.map(|c| c.to_string()).into_iter().collect();
        factors.extend(powers);
        if factors.is_empty() {
            "7".to_string()
        } else {
            factors.join("*")
        }
    });
    (prop::collection::vec((term, any::<bool>()), 1..12)).prop_map(|terms| {
        let mut text = String::new();
        for (i, (t, minus)) in terms.into_iter().enumerate() {
            match (i, minus) {
                (0, true) => text.push('-'),
                (0, false) => {}
                (_, true) => text.push_str(" - "),
                (_, false) => text.push_str(" + "),
            }
            text.push_str(&t);
        }
        text
    })
}

/// Reads a polynomial that the test knows is one.
fn read(text: &str) -> Polynomial {
    Polynomial::read(text, &Limits::default())
        .unwrap_or_else(|| panic!("{text} should read as a polynomial"))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn derivative_text_is_the_general_paths(text in polynomial()) {
        let p = read(&text);
        prop_assert_eq!(p.to_expr(), parse(&text).unwrap());
        prop_assert_eq!(p.to_string(), parse(&text).unwrap().to_string());
        for v in NAMES {
            let fast = p.derivative(v).unwrap();
            let general = general_derivative(&text, v);
            prop_assert_eq!(fast.to_string(), general.to_string(), "d/d{}", v);
            prop_assert_eq!(fast.to_expr(), general.clone());
            // The library's `d` takes the polynomial path: the same answer.
            prop_assert_eq!(d(&text, v).unwrap(), general);
        }
    }
}

proptest! {
    // Nine processes a case: fewer cases than the library's properties.
    #![proptest_config(ProptestConfig { cases: 48, ..config() })]

    #[test]
    fn matrices_on_the_command_line_are_the_general_paths(text in polynomial()) {
        let f = parse(&text).unwrap();
        let vars: Vec<Expr> = NAMES.iter().map(|n| Expr::symbol(n)).collect();
        let list = NAMES.join(",");
        let cases = [
            ("--grad", gradient(&f, &vars)),
            ("--hessian", hessian(&f, &vars)),
            ("--jacobian", jacobian(&[f.clone(), f.clone()], &vars)),
        ];
        for (flag, general) in cases {
            let input = match flag {
                "--jacobian" => format!("[{text}, {text}]"),
                _ => text.clone(),
            };
            for (format, printed) in [
                ("text", general.to_string()),
                ("json", general.to_json()),
                ("latex", general.to_latex()),
            ] {
                let out = symdiff(&[flag, &input, "--vars", &list, "--format", format]);
                let shown = stdout(&out);
                prop_assert_eq!(shown.trim_end(), printed, "{} {}", flag, format);
            }
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// The library's matrices take the polynomial path as the command line
    /// does: each entry is what the rules and the simplifier give.
    #[test]
    fn library_matrices_are_the_general_paths(text in polynomial()) {
        let f = parse(&text).unwrap();
        let vars: Vec<Expr> = NAMES.iter().map(|n| Expr::symbol(n)).collect();
        let by_rules = |e: &Expr, v: &Expr| derivative(e, v);
        let g = gradient(&f, &vars);
        let j = jacobian(&[f.clone(), by_rules(&f, &vars[0])], &vars);
        let h = hessian(&f, &vars);
        let limits = Limits::default();
        prop_assert_eq!(gradient_within(&f, &vars, &limits).unwrap(), g.clone());
        for (i, v) in vars.iter().enumerate() {
            let first = by_rules(&f, v);
            prop_assert_eq!(&g.entries()[i], &simplify(&first));
            let of_first = simplify(&by_rules(&by_rules(&f, &vars[0]), v));
            prop_assert_eq!(&j.entries()[vars.len() + i], &of_first);
            for (k, w) in vars.iter().enumerate() {
                let second = simplify(&by_rules(&first, w));
                prop_assert_eq!(&h.entries()[i * vars.len() + k], &second, "{} {}", v, w);
            }
        }
    }
}

/// The derivative by the general path: parsed into nodes, differentiated
/// by the rules, simplified.
fn general_derivative(text: &str, var: &str) -> Expr {
    parse(text).unwrap().diff(&Expr::symbol(var))
}

#[test]
fn reads_expanded_polynomials_only() {
    let limits = Limits::default();
    for text in [
        "x/2",
        "0.5*x",
        "x^-1",
        "x^2^3",
        "x^(2)",
        "2^x",
        "x^y",
        "sin(x)",
        "e*x",
        "pi*x",
        "π*x",
        "x(x + 1)",
        "f'(x)",
        "(x + 1)^2",
        "[x, y]",
        "x +",
        "",
        "x^4294967296",
        "x @ y",
        "x y",
    ] {
        assert!(Polynomial::read(text, &limits).is_none(), "{text}");
    }
    for (text, printed) in [
        ("2x² - x*x + 1", "x^2 + 1"),
        ("x*-y + --y*x", "0"),
        ("3 x", "3*x"),
        ("x^0 + y^1", "y + 1"),
        ("-x10 - x2", "-x2 - x10"),
        // Coefficients are exact: a sum beyond 64 bits stays exact.
        (
            "9223372036854775807*x + 9223372036854775807*x",
            "18446744073709551614*x",
        ),
    ] {
        assert_eq!(read(text).to_string(), printed, "{text}");
    }
}

#[test]
fn cancelled_variables_are_not_the_polynomials() {
    let p = read("x*y - y*x + z^2 + 1");
    assert_eq!(p.variables(), ["z"]);
    assert_eq!(p.derivative("z").unwrap().to_string(), "2*z");
    assert_eq!(
        read("x^2*y + z").derivative("x").unwrap().variables(),
        ["x", "y"]
    );
    assert!(read("x*y")
        .derivative("x")
        .unwrap()
        .derivative("y")
        .unwrap()
        .variables()
        .is_empty());
    // `x - x` has no variable to differentiate by, on either path.
    assert!(read("x - x").variables().is_empty());
    let out = symdiff_with_stdin(&["-"], "x - x\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(crate::common::stderr(&out).contains("no variable"));
}

#[test]
fn coefficients_beyond_64_bits_stay_exact() {
    let p = read("4611686018427387904*x^3");
    assert_eq!(
        p.derivative("x").unwrap().to_string(),
        "13835058055282163712*x^2"
    );
    // The command line gives the same exact coefficient.
    let out = symdiff_with_stdin(&["-", "x"], "4611686018427387904*x^3\n");
    assert_eq!(stdout(&out).trim(), "13835058055282163712*x^2");
}

#[test]
fn the_node_limit_holds_on_the_polynomial_path() {
    let small = Limits {
        max_nodes: 10,
        ..Limits::default()
    };
    let big = (1..20)
        .map(|k| format!("{k}*x^{k}"))
        .collect::<Vec<_>>()
        .join(" + ");
    assert!(Polynomial::read(&big, &small).is_none());
    assert!(Polynomial::read("x^2 + 1", &small).is_some());
    // Left to the general path, the command refuses it as it would anyway.
    let out = crate::common::symdiff(&["--max-nodes", "10", &big, "x"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(crate::common::stderr(&out).contains("limit of 10 nodes"));
}

#[test]
fn the_command_line_prints_what_the_general_path_prints() {
    let lines = "x1^2*x2 - 3*x2^3 + 5\n61*x1*x3^4 - 554*x2*x5^3 + 796*x1^2*x2^5\n";
    let out = symdiff_with_stdin(&["-", "x2"], lines);
    let general: Vec<String> = lines
        .lines()
        .map(|l| general_derivative(l, "x2").to_string())
        .collect();
    assert_eq!(stdout(&out).lines().collect::<Vec<_>>(), general);
    // LaTeX and JSON too, and the gradient's variables found as the
    // general path finds them (natural order, cancelled ones left out).
    let text = "61*x10*x3^4 - 554*x2*y^3 + y*z - z*y + 796*x2^2";
    let general = general_derivative(text, "x2");
    let latex = symdiff(&[text, "x2", "--format", "latex"]);
    assert_eq!(stdout(&latex).trim_end(), general.to_latex());
    let json = symdiff(&[text, "x2", "x2", "--format", "json"]);
    let twice = parse(text).unwrap().diff_n(&Expr::symbol("x2"), 2);
    let vars = [Expr::symbol("x2"), Expr::symbol("x2")];
    assert_eq!(
        stdout(&json).trim_end(),
        symdiff::present::print::derivative_json(text, &vars, &twice)
    );
    let f = parse(text).unwrap();
    let grad = symdiff(&["--grad", text]);
    let vars = Expr::free_symbols_of(std::slice::from_ref(&f));
    assert_eq!(stdout(&grad).trim_end(), gradient(&f, &vars).to_string());
}

#[test]
fn what_the_polynomial_matrices_leave_to_the_general_path() {
    // A bad variable, an overflow and a non-polynomial entry answer as on
    // the general path.
    let out = symdiff(&["--grad", "x^2*y", "--vars", "x,2y"]);
    assert_eq!(out.status.code(), Some(2));
    let out = symdiff(&["--hessian", "4611686018427387904*x^3"]);
    assert_eq!(stdout(&out).trim_end(), "[27670116110564327424*x]");
    let out = symdiff(&["--jacobian", "[x^2, sin(x)]"]);
    assert_eq!(stdout(&out).trim_end(), "[2*x, cos(x)]");
    let out = symdiff(&["--grad", "x - x"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        d("x^2 + y", "pi").unwrap_err().kind,
        symdiff::ErrorKind::BadVariable("pi".into())
    );
}
