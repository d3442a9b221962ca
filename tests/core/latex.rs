//! LaTeX input and derivative operators: every LaTeX symdiff prints reads
//! back to the same expression (a property test); the LaTeX of the
//! tutorial and of textbooks (tests/data/latex_inputs.txt) checked against
//! the same expression in the plain syntax, pinned by snapshots of what it
//! reads as and of its derivative, each derivative checked by finite
//! differences; bad LaTeX and bad operators pinned with their caret
//! messages; the operator forms against the plain derivative.

use crate::support::{cases, check_derivative, slug, snapshot_settings, Check, SAMPLES};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use symdiff::{parse, parse_as, parse_input, parse_latex, Expr, Limits, Parsed, Syntax};

const INPUTS: &str = include_str!("../data/latex_inputs.txt");

/// Random expression text over several kinds of names, numbers (whole,
/// fractional, decimal, negative), constants, undefined functions and
/// every registered function.
fn expression() -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        Just("x".to_string()),
        Just("y".to_string()),
        Just("theta".to_string()),
        Just("x1".to_string()),
        Just("x_ab".to_string()),
        Just("rate".to_string()),
        Just("pi".to_string()),
        Just("e".to_string()),
        Just("(-x)".to_string()),
        Just("0.25".to_string()),
        Just("f(x)".to_string()),
        Just("g(x, y)".to_string()),
        (1i32..12).prop_map(|n| n.to_string()),
        (1i32..9, 2i32..7).prop_map(|(n, d)| format!("({n}/{d})")),
    ];
    crate::common::expressions(leaf.boxed(), 4)
}

fn config() -> Config {
    let from_env = Config::default();
    Config {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() {
            from_env.cases
        } else {
            1024
        },
        rng_seed: match from_env.rng_seed {
            RngSeed::Random => RngSeed::Fixed(0x1a7e_c0de),
            chosen => chosen,
        },
        failure_persistence: None,
        ..from_env
    }
}

fn reads_back(e: &Expr) -> Result<(), TestCaseError> {
    let latex = e.to_latex();
    let back = parse_latex(&latex).map_err(|err| {
        TestCaseError::fail(format!("{e} printed as {latex}:\n{}", err.render(&latex)))
    })?;
    prop_assert_eq!(&back, e, "printed as {}", latex);
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn printed_latex_reads_back_to_the_same_expression(text in expression()) {
        // Inputs the parser refuses by design (1/(x - x)) are skipped.
        let Ok(f) = parse(&text) else { return Ok(()) };
        reads_back(&f)?;
        for var in ["x", "y"] {
            reads_back(&f.diff(&Expr::symbol(var)))?;
        }
    }
}

/// One line of the data: the LaTeX read, its operator's variables if it
/// has one, the plain expression it must mean, and the variables.
struct Case<'a> {
    line: usize,
    latex: &'a str,
    read: Expr,
    operator: Option<Vec<Expr>>,
    plain: Expr,
    vars: Vec<Expr>,
}

fn data() -> Vec<Case<'static>> {
    cases(INPUTS)
        .into_iter()
        .map(|(line, fields)| {
            let [latex, plain, vars] = fields[..] else {
                panic!("line {line}: expected `LaTeX ; plain ; variables`");
            };
            let out = parse_as(latex, Syntax::Latex, &Limits::default())
                .unwrap_or_else(|e| panic!("line {line}:\n{}", e.render(latex)));
            let Parsed::Scalar(read) = out.value else {
                panic!("line {line}: a vector");
            };
            Case {
                line,
                latex,
                read,
                operator: out.derivative.map(|op| op.vars),
                plain: parse(plain).unwrap_or_else(|e| panic!("line {line}: {plain}: {e}")),
                vars: crate::support::variables(vars),
            }
        })
        .collect()
}

#[test]
fn the_data_holds_sixty_inputs_or_more() {
    assert!(data().len() >= 60);
}

#[test]
fn latex_means_the_plain_expression() {
    let wrong: Vec<String> = data()
        .iter()
        .filter(|c| c.read != c.plain)
        .map(|c| {
            format!(
                "line {}: {} read as {}, not {}",
                c.line, c.latex, c.read, c.plain
            )
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_operator_says_the_variables_of_its_line() {
    for c in data() {
        if let Some(vars) = &c.operator {
            assert_eq!(vars, &c.vars, "line {}", c.line);
        }
    }
}

#[test]
fn latex_inputs_snapshots() {
    snapshot_settings().bind(|| {
        for c in data() {
            let d = c.read.diff_by(&c.vars);
            let names: Vec<String> = c.vars.iter().map(Expr::to_string).collect();
            let shown = format!(
                "{}\nreads as: {}\nd/d({}): {}\nlatex:    {}\n",
                c.latex,
                c.read,
                names.join(" "),
                d,
                d.to_latex()
            );
            insta::assert_snapshot!(format!("latex_{:03}_{}", c.line, slug(c.latex)), shown);
        }
    });
}

/// Every free variable at a fixed, distinct value, and `var` at `x`.
fn point_for(e: &Expr, var: &str, x: f64) -> Vec<(&'static str, f64)> {
    e.free_symbols()
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let name: &'static str = Box::leak(s.to_string().into_boxed_str());
            let value = if name == var {
                x
            } else {
                0.35 + 0.1 * i as f64
            };
            (name, value)
        })
        .collect()
}

/// Each successive derivative of each line against a finite difference of
/// the one before, at every sample point where that difference is
/// meaningful, and at one point at least (lines with an undefined function
/// cannot be evaluated and are left to the snapshots).
#[test]
fn latex_derivatives_agree_with_finite_differences() {
    let mut failures = Vec::new();
    for c in data() {
        let undefined = format!("{:?}", c.read).contains('\'')
            || c.read
                .eval(&point_for(&c.read, "x", 0.5))
                .is_err_and(|e| matches!(e, symdiff::EvalError::UndefinedFunction(_)));
        if undefined {
            continue;
        }
        let mut stage = c.read.clone();
        for var in &c.vars {
            let next = stage.diff(var);
            let name = var.to_string();
            let mut agreed = 0;
            for &x in SAMPLES {
                match check_derivative(&stage, &next, &name, &point_for(&c.read, &name, x)) {
                    Check::Agrees => agreed += 1,
                    Check::NotComparable => {}
                    Check::Disagrees(why) => failures.push(format!("line {}: {why}", c.line)),
                }
            }
            if agreed == 0 && !next.is_zero() {
                failures.push(format!(
                    "line {}: no sample point checks d/d{name} {stage}",
                    c.line
                ));
            }
            stage = next;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn error_snapshot(name: &str, input: &str, syntax: Syntax) {
    let err = parse_as(input, syntax, &Limits::default())
        .and_then(symdiff::expression_alone)
        .expect_err("a bad input");
    assert!(err.span.end <= input.len());
    snapshot_settings().bind(|| insta::assert_snapshot!(name, err.render(input)));
}

#[test]
fn bad_latex_is_an_error_with_a_caret() {
    let cases = [
        ("latex_error_missing_argument", r"\frac{1}"),
        ("latex_error_unclosed_fraction", r"\frac{1}{x"),
        ("latex_error_root_index", r"\sqrt[x]{2}"),
        ("latex_error_root_index_fraction", r"\sqrt[1/2]{x}"),
        ("latex_error_unknown_command", r"\foo x + 1"),
        ("latex_error_misused_command", r"\left x \right)"),
        ("latex_error_stray_ampersand", r"x & \sin x"),
        ("latex_error_unmatched_brace", r"x^{2 + 1"),
        ("latex_error_unopened_brace", r"x^{2} + 1}"),
        ("latex_error_inverse_or_reciprocal", r"\sin^{-1} x"),
        ("latex_error_two_digit_superscript", r"x^23"),
        ("latex_error_bare_bar", r"|x| + 1"),
        ("latex_error_number_after_factor", r"x 2"),
        ("latex_error_operator_orders", r"\frac{d^{2}}{dx} x^{3}"),
        ("latex_error_operator_not_first", r"1 + \frac{d}{dx} x^{2}"),
        ("latex_error_unclosed_left", r"\left( x + 1"),
        ("latex_error_division_by_zero", r"\frac{x}{0}"),
        ("latex_error_derivative_notation", r"\frac{dy}{dx}"),
        ("latex_error_partial_alone", r"\partial x"),
    ];
    for (name, input) in cases {
        error_snapshot(name, input, Syntax::Latex);
    }
}

#[test]
fn bad_operators_are_errors_with_a_caret() {
    error_snapshot("operator_error_orders", "d^2/dx x^3", Syntax::Plain);
    error_snapshot("operator_error_not_first", "x + d/dx x^2", Syntax::Plain);
    error_snapshot(
        "operator_error_where_an_expression_is_wanted",
        "d/dx x^2",
        Syntax::Plain,
    );
    // Not first, or with nothing after it, `d/dx` is a quotient, as printed.
    for (input, plain) in [("d/dx", "d*dx^-1"), ("2*d/dy + y", "2*d*dy^-1 + y")] {
        let out = parse_input(input, &Limits::default()).unwrap();
        assert!(out.derivative.is_none(), "{input}");
        assert_eq!(parse(input).unwrap(), parse(plain).unwrap(), "{input}");
    }
    let input = "d/dy y^2";
    let op = parse_input(input, &Limits::default())
        .unwrap()
        .derivative
        .unwrap();
    let err = op.agrees_with(&[Expr::symbol("x")]).unwrap_err();
    snapshot_settings()
        .bind(|| insta::assert_snapshot!("operator_error_other_variable", err.render(input)));
    let err = symdiff::d(input, "x").unwrap_err();
    assert_eq!(err.span, 0..4);
}

/// Each way of writing an operator gives the derivative the plain syntax
/// asks for with variables.
#[test]
fn operator_forms_give_the_derivative_by_their_variables() {
    let forms = [
        ("d/dx x^2", "x^2", "x"),
        ("d/dx (x^2 + 1)", "x^2 + 1", "x"),
        ("d/dx x^2 + 1", "x^2 + 1", "x"),
        ("d/dx (x^2) + x", "x^2 + x", "x"),
        ("d²/dx² sin(x)", "sin(x)", "x x"),
        ("d^2/dx^2 x^4", "x^4", "x x"),
        ("d**3/dx**3 x^5", "x^5", "x x x"),
        ("d / dt t*exp(t)", "t*exp(t)", "t"),
        ("∂/∂x (x*y)", "x*y", "x"),
        ("∂²/∂x∂y x^2*y^3", "x^2*y^3", "x y"),
        ("∂^3/∂x^2 ∂y x^3*y^2", "x^3*y^2", "x x y"),
        ("d/dx[x^2]", "x^2", "x"),
        ("d/dtheta sin(theta)", "sin(theta)", "theta"),
        ("d/dx1 x1^2*x2", "x1^2*x2", "x1"),
        (r"\frac{d}{dx} x^{2}", "x^2", "x"),
        (r"\frac{d}{dx}\left(x^{2} + 1\right)", "x^2 + 1", "x"),
        (r"\frac{d^2}{dx^2} \sin x", "sin(x)", "x x"),
        (r"\frac{d^{3}}{dx^{3}} x^{5}", "x^5", "x x x"),
        (r"\dfrac{\mathrm{d}}{\mathrm{d}x}[x^2]", "x^2", "x"),
        (
            r"\frac{\mathrm{d}^{2}}{\mathrm{d}x^{2}} e^{2x}",
            "exp(2*x)",
            "x x",
        ),
        (r"\frac{\partial}{\partial x} x y", "x*y", "x"),
        (
            r"\frac{\partial^2}{\partial x \partial y} x^{2} y^{3}",
            "x^2*y^3",
            "x y",
        ),
        (
            r"\frac{\partial^2}{\partial x^2} \sin(xy)",
            "sin(x*y)",
            "x x",
        ),
        (r"\frac{d}{d\theta} \sin\theta", "sin(theta)", "theta"),
        (
            r"\frac{\partial}{\partial x_{1}} x_{1}^{2} x_{2}",
            "x1^2*x2",
            "x1",
        ),
        (r"d/dx \sin x", "sin(x)", "x"),
    ];
    for (written, plain, vars) in forms {
        let vars = crate::support::variables(vars);
        let out = parse_input(written, &Limits::default())
            .unwrap_or_else(|e| panic!("{}", e.render(written)));
        let op = out
            .derivative
            .unwrap_or_else(|| panic!("{written}: no operator"));
        assert_eq!(op.vars, vars, "{written}");
        let expected = parse(plain).unwrap().diff_by(&vars);
        assert_eq!(symdiff::d_written(written).unwrap(), expected, "{written}");
        let Parsed::Scalar(f) = out.value else {
            panic!("{written}: a vector")
        };
        assert_eq!(f, parse(plain).unwrap(), "{written}");
    }
}

/// `d` honours an operator that agrees with its variable.
#[test]
fn d_takes_an_operator_that_agrees() {
    assert_eq!(symdiff::d("d/dx x^3", "x").unwrap().to_string(), "3*x^2");
    assert_eq!(
        symdiff::d(r"\frac{d}{dx} x^{3}", "x").unwrap().to_string(),
        "3*x^2"
    );
    assert!(symdiff::d("d²/dx² x^3", "x").is_err());
    assert!(symdiff::d_written("x^3").is_err());
}

/// A name written against a parenthesis with a space or `\cdot` is a
/// product; right against it, a call unless the name is also a variable.
#[test]
fn the_rule_for_a_name_before_parentheses() {
    let read = |s: &str| parse_latex(s).unwrap();
    assert_eq!(read("a (b + c)"), parse("a*(b + c)").unwrap());
    assert_eq!(read(r"a \cdot (b + c)"), parse("a*(b + c)").unwrap());
    assert_eq!(read("a(b + c)"), parse("a(b + c)").unwrap());
    assert_eq!(read("a(b + c) + a"), parse("a*(b + c) + a").unwrap());
    assert_eq!(read(r"2x\left(x + 1\right)"), parse("2*x*(x + 1)").unwrap());
    assert_eq!(read("xy(x)"), parse("xy(x)").unwrap());
}

/// How far a function without parentheses reaches.
#[test]
fn the_rule_for_how_far_a_function_reaches() {
    let read = |s: &str| parse_latex(s).unwrap();
    assert_eq!(read(r"\sin xy"), parse("sin(x*y)").unwrap());
    assert_eq!(read(r"\sin 2x"), parse("sin(2*x)").unwrap());
    assert_eq!(read(r"\sin x^2"), parse("sin(x^2)").unwrap());
    assert_eq!(read(r"\sin^2 x"), parse("sin(x)^2").unwrap());
    assert_eq!(read(r"\sin x \cos y"), parse("sin(x)*cos(y)").unwrap());
    assert_eq!(read(r"\sin x \cdot y"), parse("sin(x)*y").unwrap());
    assert_eq!(read(r"\sin x + y"), parse("sin(x) + y").unwrap());
    assert_eq!(read(r"\sin(x) y"), parse("sin(x)*y").unwrap());
    assert_eq!(read(r"\sin (x + 1) y"), parse("sin(x + 1)*y").unwrap());
    assert_eq!(read(r"\sin \frac{x}{2}"), parse("sin(x/2)").unwrap());
    assert_eq!(read(r"\ln \ln x"), parse("ln(ln(x))").unwrap());
    assert_eq!(read(r"2 \sin x"), parse("2*sin(x)").unwrap());
    assert_eq!(read(r"1/2x"), parse("1/(2*x)").unwrap());
}

/// The command line: the operator decides, LaTeX is recognised, and each
/// misuse has its exit code (1 a bad expression, 2 bad usage).
#[test]
fn command_line_reads_operators_and_latex() {
    use crate::common::{stderr, stdout, symdiff, symdiff_with_stdin};
    let run = |args: &[&str]| {
        let o = symdiff(args);
        (o.status.code(), stdout(&o), stderr(&o))
    };
    assert_eq!(run(&["d/dx x^2"]), (Some(0), "2*x\n".into(), String::new()));
    assert_eq!(run(&["d/dx x^2", "x"]).1, "2*x\n");
    assert_eq!(run(&["d²/dx² sin(x)"]).1, "-sin(x)\n");
    assert_eq!(
        run(&[r"\frac{x^2}{\sin x}", "x"]).1,
        "2*x*csc(x) - x^2*cot(x)/sin(x)\n"
    );
    assert_eq!(
        run(&[r"\frac{d}{dx} e^{2x}", "--format", "latex"]).1,
        "2 e^{2 x}\n"
    );
    assert_eq!(run(&["--input", "latex", "xy", "x"]).1, "y\n");
    assert_eq!(run(&["--input", "plain", "xy", "xy"]).1, "1\n");
    let (code, out, err) = run(&["d/dy y^2", "x"]);
    assert_eq!((code, out.as_str()), (Some(1), ""));
    assert!(err.contains("the operator differentiates by y, but x was asked for"));
    assert!(err.ends_with("  | ^^^^\n"), "{err}");
    let (code, _, err) = run(&[r"\sqrt[x]{2}", "x"]);
    assert_eq!(code, Some(1));
    assert!(err.ends_with("  |       ^\n"), "{err}");
    assert_eq!(run(&["d/dx x^2", "--order", "2"]).0, Some(2));
    assert_eq!(run(&["--grad", "d/dx x*y"]).0, Some(1));
    let o = symdiff_with_stdin(&["-"], "d/dx x^3\n\\sin^2 x\nd/dy y^2\n");
    assert_eq!(stdout(&o), "3*x^2\nsin(2*x)\n2*y\n");
}
