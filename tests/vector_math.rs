//! The vectorized elementary functions against the standard library's:
//! millions of arguments spread over each function's whole range (every
//! binade, both signs), the edges one by one, and the promise that a
//! value's result does not depend on its neighbours.

use symdiff::numeric::vector;

type Kernel = fn(&[f64], &mut [f64]);

/// How many representable doubles lie between `a` and `b` (0 for two
/// NaNs, for +0 and -0; the most for a NaN against a number).
fn ulps(a: f64, b: f64) -> u64 {
    if a.is_nan() || b.is_nan() {
        return if a.is_nan() && b.is_nan() {
            0
        } else {
            u64::MAX
        };
    }
    // The bit patterns made monotonic: negatives below positives.
    let key = |v: f64| {
        let i = v.to_bits() as i64;
        if i < 0 {
            i64::MIN.wrapping_sub(i)
        } else {
            i
        }
    };
    key(a).abs_diff(key(b))
}

/// A xorshift generator: the same arguments on every run.
struct Random(u64);

impl Random {
    fn bits(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Uniform in [lo, hi).
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * ((self.bits() >> 11) as f64 / (1u64 << 53) as f64)
    }

    /// Uniform in the exponent: `±2^e · m` for e uniform in [lo, hi).
    fn log_uniform(&mut self, lo: i32, hi: i32) -> f64 {
        let e = lo + (self.bits() % (hi - lo) as u64) as i32;
        let m = 1.0 + (self.bits() >> 12) as f64 / (1u64 << 52) as f64;
        let sign = if self.bits() & 1 == 1 { -1.0 } else { 1.0 };
        sign * m * 2f64.powi(e)
    }
}

/// The largest distance in ulps from std over `xs`, and the argument
/// where it occurs.
fn worst(kernel: Kernel, exact: fn(f64) -> f64, xs: &[f64]) -> (u64, f64) {
    let mut out = vec![0.0; xs.len()];
    kernel(xs, &mut out);
    xs.iter()
        .zip(&out)
        .map(|(&x, &y)| (ulps(y, exact(x)), x))
        .max_by_key(|&(d, _)| d)
        .unwrap_or((0, 0.0))
}

fn assert_within(name: &str, kernel: Kernel, exact: fn(f64) -> f64, xs: &[f64], bound: u64) {
    let (d, x) = worst(kernel, exact, xs);
    assert!(
        d <= bound,
        "{name}({x:e}) is {d} ulp from std's (bound {bound})"
    );
}

const MILLION: usize = 1_000_000;

fn sample(n: usize, mut draw: impl FnMut(&mut Random) -> f64) -> Vec<f64> {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    (0..n).map(|_| draw(&mut random)).collect()
}

/// The edges every function meets: zeros, subnormals, the normal range's
/// ends, infinities, NaN, huge values.
fn edges() -> Vec<f64> {
    let mut xs = vec![
        0.0,
        -0.0,
        f64::MIN_POSITIVE,
        f64::MIN_POSITIVE / 2.0,
        f64::from_bits(1),
        f64::MAX,
        f64::INFINITY,
        f64::NAN,
        1e300,
        1e-300,
        1.0,
        f64::EPSILON,
    ];
    let negatives: Vec<f64> = xs.iter().map(|x| -x).collect();
    xs.extend(negatives);
    xs
}

/// `x` and its neighbours, `k` representable doubles each way.
fn around(x: f64, k: i64) -> Vec<f64> {
    (-k..=k)
        .map(|d| f64::from_bits((x.to_bits() as i64 + d) as u64))
        .collect()
}

/// Where the result is std's bit for bit (the fallback's arguments), and
/// the sign of a zero too.
fn assert_identical(name: &str, kernel: Kernel, exact: fn(f64) -> f64, xs: &[f64]) {
    let mut out = vec![0.0; xs.len()];
    kernel(xs, &mut out);
    for (&x, &y) in xs.iter().zip(&out) {
        let want = exact(x);
        assert!(
            y.to_bits() == want.to_bits() || (y.is_nan() && want.is_nan()),
            "{name}({x:e}) = {y:e}, std says {want:e}"
        );
    }
}

#[test]
fn exp_within_1_ulp() {
    let uniform = sample(2 * MILLION, |r| r.uniform(-708.0, 709.0));
    assert_within("exp", vector::exp, f64::exp, &uniform, 1);
    let small = sample(MILLION, |r| r.log_uniform(-60, 9));
    assert_within("exp", vector::exp, f64::exp, &small, 1);
    let mut thresholds = Vec::new();
    for x in [
        708.0,
        709.0,
        -708.0,
        709.782712893384,
        -745.1332191019411,
        -708.3964185322641,
    ] {
        thresholds.extend(around(x, 50));
    }
    thresholds.extend(edges());
    assert_within("exp", vector::exp, f64::exp, &thresholds, 1);
    // Beyond the fast range: std's own values, overflow and underflow.
    let outside: Vec<f64> = thresholds
        .iter()
        .copied()
        .filter(|x| !(-708.0..=709.0).contains(x))
        .chain(sample(100_000, |r| r.uniform(-800.0, -708.0)))
        .collect();
    assert_identical("exp", vector::exp, f64::exp, &outside);
}

#[test]
fn ln_within_1_ulp() {
    let anywhere = sample(2 * MILLION, |r| r.log_uniform(-1022, 1024).abs());
    assert_within("ln", vector::ln, f64::ln, &anywhere, 1);
    let near_one = sample(MILLION, |r| r.uniform(0.5, 2.0));
    assert_within("ln", vector::ln, f64::ln, &near_one, 1);
    let mut special = around(1.0, 100);
    special.extend(around(std::f64::consts::SQRT_2, 20));
    special.extend(around(std::f64::consts::FRAC_1_SQRT_2, 20));
    special.extend(around(f64::MIN_POSITIVE, 20));
    special.extend(edges());
    assert_within("ln", vector::ln, f64::ln, &special, 1);
    let outside: Vec<f64> = special
        .iter()
        .copied()
        .filter(|x| !(f64::MIN_POSITIVE..f64::INFINITY).contains(x))
        .collect();
    assert_identical("ln", vector::ln, f64::ln, &outside);
}

#[test]
fn tanh_within_2_ulp() {
    for xs in spread(25.0, 1.5) {
        assert_within("tanh", vector::tanh, f64::tanh, &xs, 2);
    }
    let special = around_both_signs(&[0.625, 19.0, 22.0, 1e-8, 3.7e-9]);
    assert_within("tanh", vector::tanh, f64::tanh, &special, 2);
    // Zeros keep their sign, subnormals are themselves, the rest saturates.
    assert_identical("tanh", vector::tanh, f64::tanh, &edges());
}

#[test]
fn cosh_within_2_ulp() {
    for xs in spread(708.0, 3.0) {
        assert_within("cosh", vector::cosh, f64::cosh, &xs, 2);
    }
    let mut special = around_both_signs(&[708.0, 1e-8, 0.5, 22.0]);
    special.extend(edges());
    assert_within("cosh", vector::cosh, f64::cosh, &special, 2);
    // Beyond the fast range: std's own values, up to overflow.
    let outside = beyond(&special, 708.0, 720.0);
    assert_identical("cosh", vector::cosh, f64::cosh, &outside);
}

/// Two million arguments uniform over ±`wide`, two million over
/// ±`central`, and a million log-uniform over all magnitudes up to 2^10.
fn spread(wide: f64, central: f64) -> [Vec<f64>; 3] {
    [
        sample(2 * MILLION, |r| r.uniform(-wide, wide)),
        sample(2 * MILLION, |r| r.uniform(-central, central)),
        sample(MILLION, |r| r.log_uniform(-1074, 10)),
    ]
}

/// The 50 doubles either side of each point and of its negation: where a
/// kernel changes method or its argument reduction is tightest.
fn around_both_signs(points: &[f64]) -> Vec<f64> {
    points
        .iter()
        .flat_map(|&x| around(x, 50).into_iter().chain(around(-x, 50)))
        .collect()
}

/// The arguments of `special` past a kernel's fast range (`|x| > limit`,
/// and NaN), with 10 000 more drawn from `limit` to `upto`: where a kernel
/// must give std's own value.
fn beyond(special: &[f64], limit: f64, upto: f64) -> Vec<f64> {
    special
        .iter()
        .copied()
        .filter(|x| x.is_nan() || x.abs() > limit)
        .chain(sample(10_000, |r| r.uniform(limit, upto)))
        .collect()
}

/// 1/cosh(x)^2 as the scalar path computes it.
fn sech2_exact(x: f64) -> f64 {
    let c = x.cosh();
    1.0 / (c * c)
}

fn sech2_of_tanh_sech2(xs: &[f64], out: &mut [f64]) {
    let mut tanh = vec![0.0; xs.len()];
    vector::tanh_sech2(xs, &mut tanh, out);
}

fn tanh_of_tanh_sech2(xs: &[f64], out: &mut [f64]) {
    let mut sech2 = vec![0.0; xs.len()];
    vector::tanh_sech2(xs, out, &mut sech2);
}

/// The pair's tanh is the tanh kernel's, bit for bit; its 1/cosh(x)^2,
/// from the same exponential, stays within 6 ulp of the scalar path's
/// `1/(c*c)` (where `1 - tanh(x)^2` would lose all its digits as |x|
/// grows), and is that value itself beyond |x| = 354.
#[test]
fn tanh_sech2_within_6_ulp() {
    let [uniform, central, scales] = spread(360.0, 3.0);
    let mut special = around_both_signs(&[0.625, 22.0, 354.0, 354.5, 355.0, 1e-8, 710.0]);
    special.extend(edges());
    for xs in [&uniform, &central, &scales, &special] {
        assert_within("sech2", sech2_of_tanh_sech2, sech2_exact, xs, 6);
        assert_identical(
            "tanh",
            tanh_of_tanh_sech2,
            |x| {
                let mut out = [0.0];
                vector::tanh(&[x], &mut out);
                out[0]
            },
            xs,
        );
    }
    let outside = beyond(&special, 354.0, 800.0);
    assert_identical("sech2", sech2_of_tanh_sech2, sech2_exact, &outside);
}

/// The doubles nearest to multiples of π/2, where the reduced argument is
/// smallest and the reduction's error matters most.
fn near_zeros_of_trig(count: i64) -> Vec<f64> {
    let step = 166_886 / count.max(1);
    (1..count)
        .flat_map(|k| around((k * step) as f64 * std::f64::consts::FRAC_PI_2, 2))
        .collect()
}

#[test]
fn sin_and_cos_within_1_ulp() {
    for (name, kernel, exact) in [
        ("sin", vector::sin as Kernel, f64::sin as fn(f64) -> f64),
        ("cos", vector::cos, f64::cos),
    ] {
        let uniform = sample(2 * MILLION, |r| r.uniform(-10.0, 10.0));
        assert_within(name, kernel, exact, &uniform, 1);
        let wide = sample(MILLION, |r| r.uniform(-262_000.0, 262_000.0));
        assert_within(name, kernel, exact, &wide, 1);
        let scales = sample(MILLION, |r| r.log_uniform(-1074, 18));
        assert_within(name, kernel, exact, &scales, 1);
        // Near the zeros the result is tiny and 1 ulp of it is small
        // beside the reduction's error.
        assert_within(name, kernel, exact, &near_zeros_of_trig(20_000), 2);
        let mut outside = around(262_144.0, 20);
        outside.extend(around(-262_144.0, 20));
        outside.extend(edges());
        outside.extend(sample(10_000, |r| r.log_uniform(18, 1024)));
        assert_within(name, kernel, exact, &outside, 1);
        let outside: Vec<f64> = outside
            .into_iter()
            .filter(|x| x.is_nan() || x.abs() >= 262_144.0 || *x == 0.0)
            .collect();
        assert_identical(name, kernel, exact, &outside);
    }
}

/// A value's result is the same alone as amid others, at any position in
/// the slice and beside arguments that take the scalar fallback.
#[test]
fn a_result_depends_on_its_argument_alone() {
    let kernels: [Kernel; 6] = [
        vector::exp,
        vector::ln,
        vector::tanh,
        vector::cosh,
        vector::sin,
        vector::cos,
    ];
    let mut xs = sample(1000, |r| r.uniform(-3.0, 3.0));
    xs.extend(edges());
    xs.extend(sample(1000, |r| r.log_uniform(-30, 30)));
    for kernel in kernels {
        let mut together = vec![0.0; xs.len()];
        kernel(&xs, &mut together);
        for (&x, &y) in xs.iter().zip(&together) {
            let mut alone = [0.0];
            kernel(&[x], &mut alone);
            assert!(
                alone[0].to_bits() == y.to_bits() || (y.is_nan() && alone[0].is_nan()),
                "{x:e}: {y:e} amid others, {:e} alone",
                alone[0]
            );
        }
    }
}
