//! The tutorial's flags from the command line: the default action's first
//! line stays the plain derivative, the toolkit's outputs follow.

use std::process::Command;

fn symdiff(args: &[&str]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_symdiff"))
        .args(args)
        .output()
        .expect("symdiff runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
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
