//! The library's stages on the benchmark workloads' shapes: parse,
//! differentiate (canonical form), simplify, print. The side-by-side table
//! against SymPy, SymEngine and Symbolica is in BENCHMARKS.md.

mod common;

use common::rosenbrock;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use symdiff::calculus::diff::derivative;
use symdiff::calculus::poly::Polynomial;
use symdiff::{gradient, hessian, parse, simplify, Expr, Limits};

/// W1: sin(sin(…sin(x))) 200 deep.
fn deep_chain() -> String {
    (0..200).fold("x".to_string(), |s, _| format!("sin({s})"))
}

/// W2: the product of sin(k*x + 1) for k = 1..60.
fn long_product() -> String {
    (1..=60)
        .map(|k| format!("sin({k}*x + 1)"))
        .collect::<Vec<_>>()
        .join("*")
}

/// W7-like: a dense polynomial in 4 variables, every exponent up to 6.
fn polynomial() -> String {
    let mut terms = Vec::new();
    for a in 0..7 {
        for b in 0..7 {
            for c in 0..7 {
                for d in 0..7 {
                    let k = 1 + (a * 343 + b * 49 + c * 7 + d) % 997;
                    terms.push(format!("{k}*x1^{a}*x2^{b}*x3^{c}*x4^{d}"));
                }
            }
        }
    }
    terms.join(" + ")
}

fn stages(c: &mut Criterion) {
    let x = Expr::symbol("x");
    let inputs = [
        ("W1 deep chain", deep_chain()),
        ("W2 long product", long_product()),
        ("W7 polynomial 2401 terms", polynomial()),
    ];
    let mut group = c.benchmark_group("stages");
    for (name, text) in &inputs {
        let var = if name.starts_with("W7") {
            Expr::symbol("x3")
        } else {
            x.clone()
        };
        group.bench_with_input(BenchmarkId::new("parse", name), text, |b, t| {
            b.iter(|| parse(black_box(t)))
        });
        let e = parse(text).expect("workload parses");
        group.bench_with_input(BenchmarkId::new("differentiate", name), &e, |b, e| {
            b.iter(|| derivative(black_box(e), &var))
        });
        let d = derivative(&e, &var);
        group.bench_with_input(BenchmarkId::new("simplify", name), &d, |b, d| {
            b.iter(|| simplify(black_box(d)))
        });
        let s = simplify(&d);
        group.bench_with_input(BenchmarkId::new("print", name), &s, |b, s| {
            b.iter(|| black_box(s).to_string())
        });
    }
    group.finish();
}

fn high_order(c: &mut Criterion) {
    let x = Expr::symbol("x");
    let cases = [
        ("W3a x^x, 8th", "x^x", 8),
        (
            "W3b exp(sin(x))/(1 + x^2), 12th",
            "exp(sin(x))/(1 + x^2)",
            12,
        ),
    ];
    let mut group = c.benchmark_group("high order");
    for (name, text, n) in cases {
        let e = parse(text).expect("parses");
        group.bench_function(name, |b| b.iter(|| black_box(&e).diff_n(&x, n).to_string()));
    }
    group.finish();
}

fn matrices(c: &mut Criterion) {
    let f = parse(&rosenbrock(100)).expect("parses");
    let vars: Vec<Expr> = (1..=100).map(|i| Expr::symbol(&format!("x{i}"))).collect();
    c.bench_function("W4 Rosenbrock 100 Hessian", |b| {
        b.iter(|| hessian(black_box(&f), &vars).to_string())
    });
}

/// The polynomial path: the W7-like polynomial read as monomials from
/// text (as `symdiff - VAR` and `--grad` do), and its gradient through the
/// library, which takes the same path from the parsed expression.
fn polynomial_path(c: &mut Criterion) {
    let text = polynomial();
    let limits = Limits::default();
    let mut group = c.benchmark_group("polynomial path");
    group.bench_function("read 2401 terms", |b| {
        b.iter(|| Polynomial::read(black_box(&text), &limits))
    });
    let f = parse(&text).expect("parses");
    let vars: Vec<Expr> = (1..=4).map(|i| Expr::symbol(&format!("x{i}"))).collect();
    group.bench_function("gradient 2401 terms", |b| {
        b.iter(|| gradient(black_box(&f), &vars).to_string())
    });
    group.finish();
}

criterion_group!(benches, stages, high_order, matrices, polynomial_path);
criterion_main!(benches);
