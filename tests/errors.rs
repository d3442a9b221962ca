//! What a student sees for each kind of bad input: the message, the input
//! and a caret under the place, pinned as snapshots (in snapshots/); and
//! the exit codes of the command (1 bad expression, 2 bad usage).

mod common;

use symdiff::{d_with_limits, Limits};

fn shown(input: &str, var: &str, limits: &Limits) -> String {
    let err = d_with_limits(input, var, limits).expect_err("a bad input");
    let message = err.render(input);
    assert!(
        !message.contains("Expr(") && !message.contains("Token") && !message.contains("Some("),
        "internal text in {message}"
    );
    message
}

fn snapshot(name: &str, input: &str, var: &str, limits: &Limits) {
    let message = shown(input, var, limits);
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!(name, message);
    });
}

fn check(name: &str, input: &str) {
    snapshot(name, input, "x", &Limits::default());
}

#[test]
fn empty() {
    check("error_empty", "   ");
}

#[test]
fn stray_character() {
    check("error_stray_char", "2*x $ 3");
}

#[test]
fn stray_unicode() {
    check("error_stray_unicode", "x² + ∂x");
}

#[test]
fn emoji_in_a_long_line() {
    let input = format!("{}🙂 + x", "x + ".repeat(40));
    check("error_stray_unicode_long_line", &input);
}

#[test]
fn unclosed_parenthesis() {
    check("error_unclosed_paren", "sin(x + 1");
}

#[test]
fn unopened_parenthesis() {
    check("error_unopened_paren", "x + 1)");
}

#[test]
fn trailing_operator() {
    check("error_trailing_operator", "x^2 +");
}

#[test]
fn two_operators() {
    check("error_two_operators", "x * / 2");
}

#[test]
fn too_deep() {
    let input = "(".repeat(50) + "x" + &")".repeat(50);
    let limits = Limits {
        max_depth: 40,
        ..Limits::default()
    };
    snapshot("error_too_deep", &input, "x", &limits);
}

#[test]
fn too_long() {
    let limits = Limits {
        max_input_len: 10,
        ..Limits::default()
    };
    snapshot("error_too_long", "x + x + x + x", "x", &limits);
}

#[test]
fn huge_number() {
    let input = format!("x + {}", "9".repeat(30_000));
    check("error_huge_number", &input);
}

#[test]
fn huge_exponent_literal() {
    check("error_huge_exponent_literal", "x*1e999999");
}

#[test]
fn arithmetic_past_the_number_limit() {
    let limits = Limits {
        max_digits: 30,
        ..Limits::default()
    };
    snapshot("error_number_arithmetic", "x + 10^40", "x", &limits);
}

#[test]
fn zero_to_a_negative_power() {
    check("error_zero_negative_power", "x + 0^-1");
}

#[test]
fn division_by_zero() {
    check("error_division_by_zero", "sin(x)/0");
}

#[test]
fn division_by_a_zero_expression() {
    check("error_division_by_zero_expression", "1/(x - x)");
}

#[test]
fn wrong_argument_count() {
    check("error_wrong_argument_count", "sin(x, 2)");
}

#[test]
fn n_ary_function_without_arguments() {
    check("error_max_without_arguments", "max()");
}

#[test]
fn two_argument_function_with_one() {
    check("error_atan2_with_one_argument", "atan2(x)");
}

#[test]
fn logarithm_to_base_one() {
    check("error_log_base_one", "log(x, 1)");
    check("error_log_negative_base", "1 + log(x, -2)");
    check("error_log_three_arguments", "log(x, 2, 3)");
}

#[test]
fn polygamma_of_a_fractional_order() {
    check("error_polygamma_fractional_order", "polygamma(1.5, x)");
    check("error_polygamma_symbolic_order", "polygamma(n, x)");
}

#[test]
fn function_without_argument() {
    check("error_function_without_argument", "2*sin + x");
}

#[test]
fn empty_call() {
    check("error_empty_call", "cos()");
}

#[test]
fn bad_variable() {
    snapshot("error_bad_variable", "x^2", "2x", &Limits::default());
}

#[test]
fn vector_where_one_expression_is_needed() {
    check("error_vector", "[x, x^2]");
}

#[test]
fn order_too_high() {
    check("error_primes_too_many", &format!("f{}(x)", "'".repeat(101)));
}

#[test]
fn bad_argument_position() {
    check("error_argument_position", "g'[3](x, y)");
}

#[test]
fn result_too_large() {
    let limits = Limits {
        max_nodes: 30,
        ..Limits::default()
    };
    snapshot(
        "error_result_too_large",
        "(x+1)*(x+2)*(x+3)*(x+4)*(x+5)*(x+6)*(x+7)",
        "x",
        &limits,
    );
}

fn symdiff(args: &[&str], stdin: &str) -> (i32, String, String) {
    let out = common::symdiff_with_stdin(args, stdin);
    let code = out.status.code().unwrap_or(-1);
    (code, common::stdout(&out), common::stderr(&out))
}

#[test]
fn bad_expression_exits_1_with_a_caret() {
    let (code, _, err) = symdiff(&["1 + $", "x"], "");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: unexpected character '$'\n  | \n  | 1 + $\n  |     ^\n"
    );
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(symdiff(&["x^2", "2x"], "").0, 2);
    assert_eq!(symdiff(&["x^2", "--max-depth", "lots"], "").0, 2);
    let (code, _, err) = symdiff(&["x^2", "x", "--order", "101"], "");
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: derivative order 101 is over the limit of 100\n"
    );
}

#[test]
fn limit_flags_are_applied() {
    let (code, _, err) = symdiff(&["((x))", "x", "--max-depth", "1"], "");
    assert_eq!(
        (code, err.lines().next()),
        (1, Some("error: nesting is deeper than the limit of 1"))
    );
    let (code, _, err) = symdiff(&["x + 1", "x", "--max-length", "3"], "");
    assert_eq!(
        (code, err.as_str()),
        (1, "error: the input is 5 bytes long, over the limit of 3\n")
    );
    let (code, _, _) = symdiff(&["x + 1000", "x", "--max-digits", "3"], "");
    assert_eq!(code, 1);
    let (code, _, err) = symdiff(&["x*(x+1)*(x+2)*(x+3)", "x", "--max-nodes", "10"], "");
    assert_eq!(
        (code, err.as_str()),
        (1, "error: the result grew past the limit of 10 nodes\n")
    );
    let (code, _, _) = symdiff(&["x^5", "x", "--order", "3", "--max-order", "2"], "");
    assert_eq!(code, 2);
    let (code, out, _) = symdiff(&["x^5", "x", "--order", "3", "--max-order", "3"], "");
    assert_eq!((code, out.as_str()), (0, "60*x^2\n"));
}

#[test]
fn matrices_obey_the_node_limit() {
    // A chain 40 deep: each partial holds the derivatives of every level.
    let chain = "sin(".repeat(40) + "x*y" + &")".repeat(40);
    let product: Vec<String> = (1..=12).map(|k| format!("(x + {k})")).collect();
    let product = product.join("*") + "*y";
    let vector = format!("[{product}, x]");
    let cases = [
        ["--grad", chain.as_str()],
        ["--hessian", product.as_str()],
        ["--jacobian", vector.as_str()],
    ];
    for [flag, input] in cases {
        let (code, out, _) = symdiff(&[flag, input], "");
        assert_eq!((code, out.is_empty()), (0, false), "{flag} {input}");
        for extra in [&[][..], &["--at", "x=1,y=2"]] {
            let args = [&[flag, input, "--max-nodes", "300"][..], extra].concat();
            let (code, out, err) = symdiff(&args, "");
            assert_eq!(
                (code, out.as_str(), err.as_str()),
                (
                    1,
                    "",
                    "error: the result grew past the limit of 300 nodes\n"
                ),
                "{args:?}"
            );
        }
    }
}

#[test]
fn batch_mode_reports_each_bad_line_and_goes_on() {
    let (code, out, err) = symdiff(&["-", "x"], "x^2\n1/0\nsin(\nx^3\n");
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "2*x\nerror: division by zero\nerror: the expression ends too early; expected a number, a name or '('\n3*x^2\n"
    );
    assert!(err.ends_with("2 line(s) could not be differentiated\n"));
}
