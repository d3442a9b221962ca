//! Fixed costs: small expressions through the library's whole path
//! (`symdiff::d`: parse, differentiate, simplify) and printed, and each
//! stage alone. The Python package and the web page call the engine once
//! per keystroke, so these are the times a user waits on.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use symdiff::calculus::diff::derivative;
use symdiff::{d, parse, simplify, Expr};

/// The inputs, each with the variable it is differentiated by. The last
/// is about 20 tokens: a polynomial term, a call of a product, a quotient.
const INPUTS: [(&str, &str); 4] = [
    ("x^2", "x"),
    ("x^x", "x"),
    ("sin(x*y)", "x"),
    ("3*x^2*y + sin(x*y)/(1 + x^2) - exp(2*x)", "x"),
];

fn small(c: &mut Criterion) {
    let mut group = c.benchmark_group("small");
    for (text, var) in INPUTS {
        group.bench_with_input(BenchmarkId::new("whole", text), text, |b, t| {
            b.iter(|| d(black_box(t), var).map(|e| e.to_string()))
        });
        group.bench_with_input(BenchmarkId::new("parse", text), text, |b, t| {
            b.iter(|| parse(black_box(t)))
        });
        let e = parse(text).expect("parses");
        let v = Expr::symbol(var);
        group.bench_with_input(BenchmarkId::new("differentiate", text), &e, |b, e| {
            b.iter(|| derivative(black_box(e), &v))
        });
        let raw = derivative(&e, &v);
        group.bench_with_input(BenchmarkId::new("simplify", text), &raw, |b, r| {
            b.iter(|| simplify(black_box(r)))
        });
        let s = simplify(&raw);
        group.bench_with_input(BenchmarkId::new("print", text), &s, |b, s| {
            b.iter(|| black_box(s).to_string())
        });
    }
    group.finish();
}

criterion_group!(benches, small);
criterion_main!(benches);
