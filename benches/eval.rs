//! Compiled evaluation: a whole 100×100 Hessian as one tape, run at
//! 100 000 points in parallel blocks. Criterion reports points per second.

mod common;

use common::rosenbrock;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use symdiff::numeric::compile_in;
use symdiff::{hessian, parse, Expr};

const POINTS: usize = 100_000;

/// A dense Hessian: every entry depends on every variable through s.
fn log_sum_of_squares(n: usize) -> String {
    let squares: Vec<String> = (1..=n).map(|i| format!("x{i}^2")).collect();
    format!("ln(1 + {})", squares.join(" + "))
}

fn hessians(c: &mut Criterion) {
    let vars: Vec<Expr> = (1..=100).map(|i| Expr::symbol(&format!("x{i}"))).collect();
    // Points spread over [-1.5, 1.5] in each variable, column by column.
    let columns: Vec<Vec<f64>> = (0..vars.len())
        .map(|v| {
            (0..POINTS)
                .map(|p| ((p * 7919 + v * 104_729) % 3001) as f64 / 1000.0 - 1.5)
                .collect()
        })
        .collect();
    let columns: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
    let mut group = c.benchmark_group("tape");
    group.sample_size(10);
    group.throughput(Throughput::Elements(POINTS as u64));
    for (name, text) in [
        ("Rosenbrock 100 Hessian at 100k points", rosenbrock(100)),
        (
            "ln(1 + sum x_i^2) 100 Hessian at 100k points",
            log_sum_of_squares(100),
        ),
    ] {
        let h = hessian(&parse(&text).expect("parses"), &vars);
        let tape = compile_in(h.entries(), &vars);
        assert_eq!(tape.outputs(), 10_000);
        // The trace reads 100 entries per point: mostly the evaluation.
        group.bench_function(format!("{name}, trace"), |b| {
            b.iter(|| {
                tape.map_blocks(black_box(&columns), |block| {
                    (0..100)
                        .map(|i| block.output(i * 101).iter().sum::<f64>())
                        .sum::<f64>()
                })
            })
        });
        // Every one of the 10 000 entries is read, point by point.
        group.bench_function(format!("{name}, all entries read"), |b| {
            b.iter(|| {
                tape.map_blocks(black_box(&columns), |block| {
                    let mut per_point = vec![0.0; block.len()];
                    for k in 0..block.width() {
                        for (acc, v) in per_point.iter_mut().zip(block.output(k)) {
                            *acc += v;
                        }
                    }
                    per_point.iter().sum::<f64>()
                })
            })
        });
    }
    group.finish();
}

criterion_group!(benches, hessians);
criterion_main!(benches);
