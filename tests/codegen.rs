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

/// `outputs` as a C program that prints them at each of `points`, compiled
/// with the machine's C compiler and run: one value per line, point by point.
fn run_c(outputs: &[Expr], vars: &[Expr], points: &[Vec<f64>], label: &str) -> Vec<f64> {
    let code = emit(outputs, vars, Language::C, "outputs");
    let rows: Vec<String> = points
        .iter()
        .map(|p| format!("{{{}}}", c_list(p)))
        .collect();
    let main = format!(
        "{code}\n#include <stdio.h>\nint main(void) {{ double in[{p}][{nv}] = {{{rows}}}; double out[{n}];\n for (int p = 0; p < {p}; p++) {{ outputs(in[p], out);\n for (int i = 0; i < {n}; i++) printf(\"%.17g\\n\", out[i]); }}\n return 0; }}\n",
        p = points.len(),
        nv = vars.len().max(1),
        rows = rows.join(", "),
        n = outputs.len()
    );
    let source = scratch(&format!("{label}.c"));
    let program = scratch(&format!("{label}-c"));
    std::fs::write(&source, main).expect("write C");
    let status = Command::new("cc")
        .args(["-O1", "-o"])
        .arg(&program)
        .arg(&source)
        .arg("-lm")
        .status()
        .expect("a C compiler (cc) is installed");
    assert!(status.success(), "{label}: generated C does not compile");
    run(&program)
}

/// Doubles as C reads them back exactly.
fn c_list(values: &[f64]) -> String {
    let parts: Vec<String> = values.iter().map(|v| format!("{v:e}")).collect();
    parts.join(", ")
}

/// `outputs` as a Rust program that prints them at each of `points`,
/// compiled with rustc (linked with the libm crate this test was built
/// with, for the functions it serves) and run.
fn run_rust(outputs: &[Expr], vars: &[Expr], points: &[Vec<f64>], label: &str) -> Vec<f64> {
    let code = emit(outputs, vars, Language::Rust, "outputs");
    let rows: Vec<String> = points
        .iter()
        .map(|p| format!("[{}]", rust_list(p)))
        .collect();
    let main = format!(
        "{code}\nfn main() {{ for p in [{rows}] {{ for v in outputs(&p) {{ println!(\"{{v:?}}\"); }} }} }}\n",
        rows = rows.join(", ")
    );
    let source = scratch(&format!("{label}.rs"));
    let program = scratch(&format!("{label}-rs"));
    std::fs::write(&source, main).expect("write Rust");
    let mut rustc = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()));
    rustc
        .args(["-O", "--edition", "2021", "-o"])
        .arg(&program)
        .arg(&source);
    if code.contains("libm::") {
        let (deps, rlib) = libm_rlib();
        rustc
            .arg("-L")
            .arg(format!("dependency={}", deps.display()));
        rustc
            .arg("--extern")
            .arg(format!("libm={}", rlib.display()));
    }
    let status = rustc.status().expect("rustc is installed");
    assert!(status.success(), "{label}: generated Rust does not compile");
    run(&program)
}

/// f64 literals Rust reads back exactly.
fn rust_list(values: &[f64]) -> String {
    let parts: Vec<String> = values.iter().map(|v| format!("{v:?}_f64")).collect();
    parts.join(", ")
}

/// The libm crate's library beside this test's own dependencies.
fn libm_rlib() -> (PathBuf, PathBuf) {
    let deps = std::env::current_exe()
        .expect("the test knows its path")
        .parent()
        .expect("the test lives in target/*/deps")
        .to_path_buf();
    let newest = std::fs::read_dir(&deps)
        .expect("deps folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            name.starts_with("liblibm-") && name.ends_with(".rlib")
        })
        .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
        .expect("the libm crate was built for the tests");
    (deps, newest)
}

fn at_point(outputs: &[Expr], vars: &[Expr], point: &[f64]) -> Vec<f64> {
    let named: Vec<(String, f64)> = vars
        .iter()
        .map(|v| v.to_string())
        .zip(point.iter().copied())
        .collect();
    let named: Vec<(&str, f64)> = named.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    outputs
        .iter()
        .map(|e| e.eval(&named).unwrap_or(f64::NAN))
        .collect()
}

#[test]
fn generated_c_computes_the_gradient() {
    for (k, case) in CASES.iter().enumerate() {
        let (outs, vars) = outputs(case);
        let got = run_c(&outs, &vars, &[POINT.to_vec()], &format!("case{k}"));
        assert_close(&got, &expected(&outs), case);
    }
}

#[test]
fn generated_rust_computes_the_gradient() {
    for (k, case) in CASES.iter().enumerate() {
        let (outs, vars) = outputs(case);
        let got = run_rust(&outs, &vars, &[POINT.to_vec()], &format!("case{k}"));
        assert_close(&got, &expected(&outs), case);
    }
}

/// Every function of the registry, with its gradient, in generated C and
/// Rust at points inside and outside its domain, against the compiled
/// tape: the generated code and the engine compute the same numbers.
#[test]
fn every_registered_function_in_generated_code_matches_the_tape() {
    let vars = vec![Expr::symbol("x"), Expr::symbol("y")];
    let points: Vec<Vec<f64>> = vec![
        vec![0.7, 0.3],
        vec![1.9, -0.45],
        vec![-0.6, 2.5],
        vec![3.5, 1.25],
    ];
    let mut outs = Vec::new();
    for k in 0..symdiff::functions::REGISTERED.len() {
        let call = symdiff::fuzzing::registered_call(k, vars.clone());
        outs.push(call.clone());
        outs.extend(gradient(&call, &vars).entries().iter().cloned());
    }
    let tape = symdiff::numeric::compile_in(&outs, &vars);
    let want: Vec<f64> = points.iter().flat_map(|p| tape.eval(p)).collect();
    let labels: Vec<String> = points
        .iter()
        .flat_map(|p| outs.iter().map(move |o| format!("{o} at {p:?}")))
        .collect();
    let compare = |got: Vec<f64>, language: &str| {
        assert_eq!(got.len(), want.len(), "{language}: number of values");
        for ((g, w), label) in got.iter().zip(&want).zip(&labels) {
            let close = (g - w).abs() <= 1e-12 * w.abs().max(1.0) || (g.is_nan() && w.is_nan());
            assert!(close, "{language}: {label} is {g}, the tape gives {w}");
        }
    };
    compare(run_c(&outs, &vars, &points, "registry"), "C");
    compare(run_rust(&outs, &vars, &points, "registry"), "Rust");
    // The one-point evaluator agrees with the tape too.
    for p in &points {
        let one = at_point(&outs, &vars, p);
        let tape_values = tape.eval(p);
        for ((a, b), o) in one.iter().zip(&tape_values).zip(&outs) {
            assert!(
                (a - b).abs() <= 1e-12 * b.abs().max(1.0) || (a.is_nan() && b.is_nan()),
                "{o} at {p:?}: {a} vs {b}"
            );
        }
    }
}

/// The kernels hold at the edges in generated code as in the engine:
/// `sigmoid(-800) = 0`, `softplus(800) = 800`, `logsumexp(1000, 1000) =
/// 1000 + ln 2`, `log1p(1e-20) = 1e-20`.
#[test]
fn generated_code_is_stable_at_the_edges() {
    let vars = vec![Expr::symbol("x"), Expr::symbol("y")];
    let outs: Vec<Expr> = ["sigmoid(x)", "softplus(x)", "logsumexp(x, x)", "log1p(y)"]
        .iter()
        .map(|t| parse(t).unwrap())
        .collect();
    let points = vec![vec![-800.0, 1e-20], vec![800.0, 1e-20], vec![1000.0, 1e-20]];
    let ln2 = 2f64.ln();
    let want = [
        0.0,
        0.0,
        -800.0 + ln2,
        1e-20,
        1.0,
        800.0,
        800.0 + ln2,
        1e-20,
        1.0,
        1000.0,
        1000.0 + ln2,
        1e-20,
    ];
    let tape = symdiff::numeric::compile_in(&outs, &vars);
    let from_tape: Vec<f64> = points.iter().flat_map(|p| tape.eval(p)).collect();
    for (language, got) in [
        ("tape", from_tape),
        ("C", run_c(&outs, &vars, &points, "edges")),
        ("Rust", run_rust(&outs, &vars, &points, "edges")),
    ] {
        assert_eq!(got, want, "{language}");
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
