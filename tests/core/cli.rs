//! The command line as a user meets it: arguments, stdin, formats, errors
//! and exit codes.

use crate::common::{stderr, stdout, symdiff, symdiff_with_stdin};
use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn prints_the_derivative() {
    let out = symdiff(&["x^x", "x"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "x^x*(ln(x) + 1)\n");
}

#[test]
fn successive_partials_and_orders() {
    assert_eq!(stdout(&symdiff(&["x^2*y^3", "x", "y"])), "6*x*y^2\n");
    assert_eq!(
        stdout(&symdiff(&["x^4/4 - x^2", "x", "--order", "2"])),
        "3*x^2 - 2\n"
    );
    assert_eq!(stdout(&symdiff(&["sin(x)", "x", "x", "x"])), "-cos(x)\n");
}

#[test]
fn the_only_free_variable_is_used() {
    assert_eq!(stdout(&symdiff(&["exp(t^2)"])), "2*t*exp(t^2)\n");
}

#[test]
fn several_free_variables_ask_which() {
    let out = symdiff(&["x*y"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("several variables (x, y)"));
}

#[test]
fn formats() {
    assert_eq!(
        stdout(&symdiff(&["x^x", "x", "--format", "latex"])),
        "x^{x} \\left(\\ln\\left(x\\right) + 1\\right)\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&symdiff(&["x^x", "x", "--format", "json"]))).unwrap();
    assert_eq!(json["derivative"], "x^x*(ln(x) + 1)");
    assert_eq!(json["variables"][0], "x");
}

#[test]
fn a_bad_expression_shows_a_caret_and_exits_1() {
    let out = symdiff(&["1 + $", "x"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: unexpected character '$'\n  | \n  | 1 + $\n  |     ^\n"
    );
    assert!(stdout(&out).is_empty());
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(symdiff(&["x^2", "2x"]).status.code(), Some(2));
    assert_eq!(
        symdiff(&["x^2", "x", "--format", "pdf"]).status.code(),
        Some(2)
    );
    assert_eq!(symdiff(&[]).status.code(), Some(2));
}

#[test]
fn batch_mode_goes_on_after_a_bad_line() {
    let out = symdiff_with_stdin(&["-", "x"], "x^2\nsin(\n\nx^x\n");
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<String> = stdout(&out).lines().map(String::from).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], "2*x");
    assert!(lines[1].starts_with("error: the expression ends too early"));
    assert_eq!(lines[2], "x^x*(ln(x) + 1)");
}

#[test]
fn an_unknown_function_is_undefined_with_a_suggestion() {
    let out = symdiff(&["sinn(x^2)", "x"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "2*x*sinn'(x^2)\n");
    assert!(stderr(&out).contains("not a known function, treated as undefined; did you mean sin?"));
}

#[test]
fn help_shows_examples() {
    let out = symdiff(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("symdiff \"x^x\" x"));
}

#[test]
fn unicode_as_pasted() {
    assert_eq!(
        stdout(&symdiff(&["x² + √x − π·x⁻¹", "x"])),
        stdout(&symdiff(&["x^2 + sqrt(x) - pi*x^-1", "x"]))
    );
    let out = symdiff(&["x ∑ 2", "x"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("unexpected character '∑'"));
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_symdiff"))
        .args(["-", "x"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    drop(child.stdout.take()); // the reader is gone before anything is written
    let lines: String = (1..2000).map(|k| format!("sin(x)^{k}\n")).collect();
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // The child may exit before it has read everything: that is the point.
    let _ = stdin.write_all(lines.as_bytes());
    drop(stdin);
    let out = child.wait_with_output().expect("the binary finishes");
    assert_eq!(out.status.code(), Some(0));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}
