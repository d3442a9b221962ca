//! Generated code is compiled with the machine's C compiler and rustc, run,
//! and its numbers compared with the library's own evaluation.

use std::path::PathBuf;
use std::process::Command;
use symdiff::numeric::codegen::{emit, Language};
use symdiff::{gradient, parse, Expr};

const CASES: &[&str] = &[
    "x^x*sin(y) + cbrt(x*y) - 3*x^-2",
    "exp(-(x - y)^2/2)/sqrt(2*pi) + sec(x) + csc(y) + cot(x*y)",
    "asin(x/2) + acos(y/3) + atan(x*y) + sinh(x) + cosh(y) + tanh(x*y)",
    "asinh(x) + acosh(y + 2) + atanh(x/2) + abs(x - y) + sign(y - x) + ln(x) + (-2)^x",
];

const POINT: [f64; 2] = [0.7, 0.3];

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("symdiff-codegen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

/// The outputs a compiled program printed, one number per line.
fn run(program: &PathBuf) -> Vec<f64> {
    let out = Command::new(program)
        .output()
        .expect("generated program runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().parse::<f64>().unwrap_or(f64::NAN))
        .collect()
}

fn expected(outputs: &[Expr]) -> Vec<f64> {
    let point = [("x", POINT[0]), ("y", POINT[1])];
    outputs
        .iter()
        .map(|e| e.eval(&point).unwrap_or(f64::NAN))
        .collect()
}

fn assert_close(got: &[f64], want: &[f64], case: &str) {
    assert_eq!(got.len(), want.len(), "{case}: number of outputs");
    for (g, w) in got.iter().zip(want) {
        let close = (g - w).abs() <= 1e-12 * w.abs().max(1.0) || (g.is_nan() && w.is_nan());
        assert!(close, "{case}: generated code gives {g}, the library {w}");
    }
}

fn outputs(case: &str) -> (Vec<Expr>, Vec<Expr>) {
    let vars = vec![Expr::symbol("x"), Expr::symbol("y")];
    let f = parse(case).expect("case parses");
    (gradient(&f, &vars).entries().to_vec(), vars)
}

#[test]
fn generated_c_computes_the_gradient() {
    for (k, case) in CASES.iter().enumerate() {
        let (outs, vars) = outputs(case);
        let code = emit(&outs, &vars, Language::C, "gradient");
        let main = format!(
            "{code}\n#include <stdio.h>\nint main(void) {{ double in[2] = {{{:?}, {:?}}}; double out[{n}];\n gradient(in, out);\n for (int i = 0; i < {n}; i++) printf(\"%.17g\\n\", out[i]);\n return 0; }}\n",
            POINT[0],
            POINT[1],
            n = outs.len()
        );
        let source = scratch(&format!("case{k}.c"));
        let program = scratch(&format!("case{k}-c"));
        std::fs::write(&source, main).expect("write C");
        let status = Command::new("cc")
            .args(["-O1", "-o"])
            .arg(&program)
            .arg(&source)
            .arg("-lm")
            .status()
            .expect("a C compiler (cc) is installed");
        assert!(status.success(), "{case}: generated C does not compile");
        assert_close(&run(&program), &expected(&outs), case);
    }
}

#[test]
fn generated_rust_computes_the_gradient() {
    for (k, case) in CASES.iter().enumerate() {
        let (outs, vars) = outputs(case);
        let code = emit(&outs, &vars, Language::Rust, "gradient");
        let main = format!(
            "{code}\nfn main() {{ for v in gradient(&[{:?}, {:?}]) {{ println!(\"{{v:?}}\"); }} }}\n",
            POINT[0], POINT[1]
        );
        let source = scratch(&format!("case{k}.rs"));
        let program = scratch(&format!("case{k}-rs"));
        std::fs::write(&source, main).expect("write Rust");
        let status = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
            .args(["-O", "--edition", "2021", "-o"])
            .arg(&program)
            .arg(&source)
            .status()
            .expect("rustc is installed");
        assert!(status.success(), "{case}: generated Rust does not compile");
        assert_close(&run(&program), &expected(&outs), case);
    }
}

#[test]
fn shared_subexpressions_are_computed_once() {
    let f = parse("sin(x*y)^2 + cos(sin(x*y))").expect("parses");
    let code = emit(
        &[f],
        &[Expr::symbol("x"), Expr::symbol("y")],
        Language::C,
        "f",
    );
    assert_eq!(code.matches("sin(").count(), 1, "{code}");
}
