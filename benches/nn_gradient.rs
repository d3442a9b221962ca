//! The benchmark's W8 in the repo: the gradient of a 4-10-1 tanh network's
//! squared-error loss over 20 samples, in its 61 weights, evaluated at
//! 100 000 points. symdiff's compiled tape against a hand-written
//! backpropagation of the same loss over the same data: the physical
//! limit. Both run in parallel over blocks of points.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rayon::prelude::*;
use std::hint::black_box;
use symdiff::numeric::compile_in;
use symdiff::{gradient, parse, Expr};

const INPUTS: usize = 4;
const HIDDEN: usize = 10;
const SAMPLES: usize = 20;
const POINTS: usize = 100_000;
/// w (input i to unit j at j*INPUTS + i), b, v, c.
const WEIGHTS: usize = INPUTS * HIDDEN + 2 * HIDDEN + 1;

/// Fixed data: inputs and targets in [-1, 1] with 4 decimals, from a
/// linear congruential generator (any fixed data would do).
fn samples() -> Vec<([f64; INPUTS], f64)> {
    let mut state: u64 = 5;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) % 20_001) as f64 / 10_000.0 - 1.0
    };
    (0..SAMPLES)
        .map(|_| ([next(), next(), next(), next()], next()))
        .collect()
}

fn names() -> Vec<String> {
    let w = (1..=INPUTS * HIDDEN).map(|k| format!("w{k}"));
    let b = (1..=HIDDEN).map(|j| format!("b{j}"));
    let v = (1..=HIDDEN).map(|j| format!("v{j}"));
    w.chain(b).chain(v).chain(["c".to_string()]).collect()
}

/// The loss as symdiff reads it.
fn loss(data: &[([f64; INPUTS], f64)]) -> String {
    let squares: Vec<String> = data
        .iter()
        .map(|(x, y)| {
            let units: Vec<String> = (0..HIDDEN)
                .map(|j| {
                    let inner: Vec<String> = (0..INPUTS)
                        .map(|i| format!("{:.4}*w{}", x[i], j * INPUTS + i + 1))
                        .collect();
                    format!("v{}*tanh({} + b{})", j + 1, inner.join(" + "), j + 1)
                })
                .collect();
            format!("({} + c - {:.4})^2", units.join(" + "), y)
        })
        .collect();
    squares.join(" + ")
}

/// The gradient by hand: a forward pass, then backpropagation.
fn backprop(data: &[([f64; INPUTS], f64)], p: &[f64; WEIGHTS], grad: &mut [f64; WEIGHTS]) {
    let (w, rest) = p.split_at(INPUTS * HIDDEN);
    let (b, rest) = rest.split_at(HIDDEN);
    let (v, c) = rest.split_at(HIDDEN);
    grad.fill(0.0);
    for (x, y) in data {
        let mut t = [0.0; HIDDEN];
        let mut out = c[0] - y;
        for j in 0..HIDDEN {
            let mut s = b[j];
            for i in 0..INPUTS {
                s += x[i] * w[j * INPUTS + i];
            }
            t[j] = s.tanh();
            out += v[j] * t[j];
        }
        let delta = 2.0 * out;
        for j in 0..HIDDEN {
            let back = delta * v[j] * (1.0 - t[j] * t[j]);
            for i in 0..INPUTS {
                grad[j * INPUTS + i] += back * x[i];
            }
            grad[INPUTS * HIDDEN + j] += back;
            grad[INPUTS * HIDDEN + HIDDEN + j] += delta * t[j];
        }
        grad[WEIGHTS - 1] += delta;
    }
}

fn nn_gradient(c: &mut Criterion) {
    // The decimals the expression holds are the data backprop uses.
    let data: Vec<([f64; INPUTS], f64)> = samples()
        .into_iter()
        .map(|(x, y)| (x.map(|v| (v * 1e4).round() / 1e4), (y * 1e4).round() / 1e4))
        .collect();
    let vars: Vec<Expr> = names().iter().map(|n| Expr::symbol(n)).collect();
    let f = parse(&loss(&data)).expect("the loss parses");
    let tape = compile_in(gradient(&f, &vars).entries(), &vars);
    let columns: Vec<Vec<f64>> = (0..WEIGHTS)
        .map(|k| {
            (0..POINTS)
                .map(|p| ((p * 7919 + k * 104_729) % 2001) as f64 / 1000.0 - 1.0)
                .collect()
        })
        .collect();
    let columns: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
    let point = |p: usize| -> [f64; WEIGHTS] { std::array::from_fn(|k| columns[k][p]) };

    // Both compute the same numbers, or the comparison means nothing.
    let from_tape = tape.eval_batch(&columns[..]);
    for p in [0, 1, POINTS / 2, POINTS - 1] {
        let mut by_hand = [0.0; WEIGHTS];
        backprop(&data, &point(p), &mut by_hand);
        for (k, &h) in by_hand.iter().enumerate() {
            let t = from_tape[k][p];
            assert!(
                (t - h).abs() <= 1e-9 * (1.0 + h.abs()),
                "entry {k}: {t} vs {h}"
            );
        }
    }

    let mut group = c.benchmark_group("nn gradient (61 weights) at 100k points");
    group.sample_size(10);
    group.throughput(Throughput::Elements(POINTS as u64));
    group.bench_function("symdiff tape", |bench| {
        bench.iter(|| {
            tape.map_blocks(black_box(&columns), |block| {
                (0..block.width())
                    .map(|k| block.output(k).iter().sum::<f64>())
                    .sum::<f64>()
            })
        })
    });
    group.bench_function("hand-written backpropagation", |bench| {
        bench.iter(|| {
            (0..POINTS)
                .into_par_iter()
                .with_min_len(256)
                .map(|p| {
                    let mut grad = [0.0; WEIGHTS];
                    backprop(&data, &point(black_box(p)), &mut grad);
                    grad.iter().sum::<f64>()
                })
                .sum::<f64>()
        })
    });
    group.finish();
}

criterion_group!(benches, nn_gradient);
criterion_main!(benches);
