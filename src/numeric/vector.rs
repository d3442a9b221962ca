//! Elementary functions over many values at once, written so that the
//! compiler runs them in SIMD lanes: each is straight-line arithmetic and
//! bit manipulation with no branch and no table, a polynomial after a
//! range reduction. Arguments outside a function's fast range (NaN, ±inf,
//! subnormals, overflow and underflow, huge angles) go to the standard
//! library's scalar function, value by value, so every edge case is the
//! standard library's own answer.
//!
//! A value's result depends on that value alone, not on its neighbours in
//! the slice nor on the machine: the arithmetic is IEEE double precision
//! without fused multiply-adds, so SSE2, AVX2 and AVX-512 code give the
//! same bits, and so does one value alone.
//!
//! Accuracy, against the standard library's function (the platform libm,
//! itself within about 1 ulp of the exact value), measured by
//! `tests/vector_math.rs` over millions of arguments and the edges:
//!
//! | function | differs from std by at most |
//! |---|---|
//! | [`exp`] | 1 ulp |
//! | [`ln`] | 1 ulp |
//! | [`tanh`] | 2 ulp |
//! | [`cosh`] | 2 ulp |
//! | [`sin`], [`cos`] | 1 ulp (2 ulp next to a zero, a multiple of π/2) |
//! | [`tanh_sech2`] | tanh: [`tanh`]'s bits; 1/cosh(x)^2: 6 ulp from `1/(c*c)`, `c` std's cosh |
//!
//! At each edge the result is std's bit for bit.

use crate::expr::Func;

/// A function with a vectorized kernel here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kernel {
    Exp,
    Ln,
    Tanh,
    Cosh,
    Sin,
    Cos,
}

impl Kernel {
    /// The kernel of `func`, if it has one.
    pub(crate) fn of(func: &Func) -> Option<Kernel> {
        match func {
            Func::Exp => Some(Kernel::Exp),
            Func::Ln => Some(Kernel::Ln),
            Func::Tanh => Some(Kernel::Tanh),
            Func::Cosh => Some(Kernel::Cosh),
            Func::Sin => Some(Kernel::Sin),
            Func::Cos => Some(Kernel::Cos),
            _ => None,
        }
    }

    /// `out[i] = f(xs[i])` over the shorter of the two.
    #[inline(always)]
    pub(crate) fn apply(self, xs: &[f64], out: &mut [f64]) {
        match self {
            Kernel::Exp => map(xs, out, exp_lane, exp_special, f64::exp),
            Kernel::Ln => map(xs, out, ln_lane, ln_special, f64::ln),
            Kernel::Tanh => map(xs, out, tanh_lane, |_| false, f64::tanh),
            Kernel::Cosh => map(xs, out, cosh_lane, cosh_special, f64::cosh),
            Kernel::Sin => map(xs, out, sin_lane, trig_special, f64::sin),
            Kernel::Cos => map(xs, out, cos_lane, trig_special, f64::cos),
        }
    }
}

/// `e^x` at every value of `xs`, into `out` (over the shorter of the two).
/// Within 1 ulp of `f64::exp`; std's own value where the result overflows,
/// is subnormal or zero, or `x` is NaN.
///
/// ```
/// let mut out = [0.0; 3];
/// symdiff::numeric::vector::exp(&[0.0, 1.0, f64::NEG_INFINITY], &mut out);
/// assert_eq!(out[0], 1.0);
/// assert!((out[1] - std::f64::consts::E).abs() <= f64::EPSILON * 3.0);
/// assert_eq!(out[2], 0.0);
/// ```
pub fn exp(xs: &[f64], out: &mut [f64]) {
    Kernel::Exp.apply(xs, out)
}

/// The natural logarithm at every value of `xs`, into `out`. Within 1 ulp
/// of `f64::ln`; std's own value at zero, below zero, at subnormals,
/// infinity and NaN.
///
/// ```
/// let mut out = [0.0; 3];
/// symdiff::numeric::vector::ln(&[1.0, 0.0, -1.0], &mut out);
/// assert_eq!(out[0], 0.0);
/// assert_eq!(out[1], f64::NEG_INFINITY);
/// assert!(out[2].is_nan());
/// ```
pub fn ln(xs: &[f64], out: &mut [f64]) {
    Kernel::Ln.apply(xs, out)
}

/// The hyperbolic tangent at every value of `xs`, into `out`. Within 2 ulp
/// of `f64::tanh`; ±1 beyond ±22 (as std), `x` itself where `x` is tiny,
/// ±0 kept.
///
/// ```
/// let mut out = [0.0; 3];
/// symdiff::numeric::vector::tanh(&[-0.0, 30.0, 0.5], &mut out);
/// assert!(out[0] == 0.0 && out[0].is_sign_negative());
/// assert_eq!(out[1], 1.0);
/// assert!((out[2] - 0.5f64.tanh()).abs() <= 2.0 * f64::EPSILON);
/// ```
pub fn tanh(xs: &[f64], out: &mut [f64]) {
    Kernel::Tanh.apply(xs, out)
}

/// The hyperbolic cosine at every value of `xs`, into `out`. Within 2 ulp
/// of `f64::cosh`; std's own value beyond ±708 (where it nears overflow)
/// and at NaN.
///
/// ```
/// let mut out = [0.0; 3];
/// symdiff::numeric::vector::cosh(&[0.0, -1.0, 800.0], &mut out);
/// assert_eq!(out[0], 1.0);
/// assert!((out[1] - 1f64.cosh()).abs() <= 2.0 * f64::EPSILON * out[1]);
/// assert_eq!(out[2], f64::INFINITY);
/// ```
pub fn cosh(xs: &[f64], out: &mut [f64]) {
    Kernel::Cosh.apply(xs, out)
}

/// The sine at every value of `xs`, into `out`. Within 1 ulp of `f64::sin`
/// (2 ulp at the doubles next to a multiple of π/2); std's own value for
/// `|x| >= 2^18`, infinity and NaN.
///
/// ```
/// let mut out = [0.0; 2];
/// symdiff::numeric::vector::sin(&[std::f64::consts::FRAC_PI_2, 1e6], &mut out);
/// assert_eq!(out[0], 1.0);
/// assert_eq!(out[1], 1e6f64.sin());
/// ```
pub fn sin(xs: &[f64], out: &mut [f64]) {
    Kernel::Sin.apply(xs, out)
}

/// The cosine at every value of `xs`, into `out`. Within 1 ulp of
/// `f64::cos` (2 ulp at the doubles next to a multiple of π/2); std's own value for
/// `|x| >= 2^18`, infinity and NaN.
///
/// ```
/// let mut out = [0.0; 2];
/// symdiff::numeric::vector::cos(&[0.0, std::f64::consts::PI], &mut out);
/// assert_eq!(out, [1.0, -1.0]);
/// ```
pub fn cos(xs: &[f64], out: &mut [f64]) {
    Kernel::Cos.apply(xs, out)
}

/// `fast` at every value, then `exact` where `special` holds: the first
/// loop has no branch and vectorizes, the second runs only when some value
/// needs it.
#[inline(always)]
fn map(
    xs: &[f64],
    out: &mut [f64],
    fast: impl Fn(f64) -> f64,
    special: impl Fn(f64) -> bool,
    exact: fn(f64) -> f64,
) {
    let n = xs.len().min(out.len());
    let (xs, out) = (&xs[..n], &mut out[..n]);
    let mut any = false;
    for (o, &x) in out.iter_mut().zip(xs) {
        *o = fast(x);
        any |= special(x);
    }
    if any {
        for (o, &x) in out.iter_mut().zip(xs) {
            if special(x) {
                *o = exact(x);
            }
        }
    }
}

/// 1.5 · 2^52: added to a number below 2^51 in magnitude, rounds it to an
/// integer held in the low bits of the sum.
const ROUND: f64 = 6_755_399_441_055_744.0;

/// `x` rounded to an integer, as a float and as the low bits of an integer
/// (two's complement), for `|x| < 2^51`.
#[inline(always)]
fn round_int(x: f64) -> (f64, u64) {
    let t = x + ROUND;
    (t - ROUND, t.to_bits().wrapping_sub(ROUND.to_bits()))
}

/// Horner's rule, highest coefficient first.
#[inline(always)]
fn horner(x: f64, coefficients: &[f64]) -> f64 {
    coefficients.iter().fold(0.0, |acc, &c| acc * x + c)
}

/// ln 2 in two parts: the first has 32 significant bits, so its product
/// with an exponent is exact.
const LN2_HI: f64 = 0.693_147_180_369_123_8;
const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;

/// 1/n! for n = 13 down to 2: Taylor's series of e^r - 1 - r over r².
const EXP_TAYLOR: [f64; 12] = [
    1.605_904_383_682_161_3e-10,
    2.087_675_698_786_81e-9,
    2.505_210_838_544_172e-8,
    2.755_731_922_398_589e-7,
    2.755_731_922_398_589_3e-6,
    2.480_158_730_158_73e-5,
    1.984_126_984_126_984e-4,
    1.388_888_888_888_889e-3,
    8.333_333_333_333_333e-3,
    4.166_666_666_666_666_4e-2,
    1.666_666_666_666_666_6e-1,
    0.5,
];

fn exp_special(x: f64) -> bool {
    !(-708.0..=709.0).contains(&x)
}

/// e^x for -708 <= x <= 709, where the result is a normal number:
/// x = k ln 2 + r with |r| <= ln 2 / 2, e^r by Taylor's series to r^13
/// (truncation below 2^-60), times 2^k built in the exponent bits.
#[inline(always)]
fn exp_lane(x: f64) -> f64 {
    let (k, bits) = round_int(x * std::f64::consts::LOG2_E);
    let r = (x - k * LN2_HI) - k * LN2_LO;
    let er = 1.0 + (r + r * r * horner(r, &EXP_TAYLOR));
    let scale = f64::from_bits(bits.wrapping_add(1023) << 52);
    er * scale
}

/// 2/(2k+1) for k = 10 down to 1: ln((1+s)/(1-s)) = 2s + s·R(s²).
const LN_SERIES: [f64; 10] = [
    9.523_809_523_809_523e-2,
    0.105_263_157_894_736_84,
    0.117_647_058_823_529_41,
    0.133_333_333_333_333_33,
    0.153_846_153_846_153_85,
    0.181_818_181_818_181_82,
    0.222_222_222_222_222_2,
    0.285_714_285_714_285_7,
    0.4,
    0.666_666_666_666_666_6,
];

fn ln_special(x: f64) -> bool {
    !(f64::MIN_POSITIVE..f64::INFINITY).contains(&x)
}

/// The bits of sqrt(1/2): mantissas are taken in [sqrt(1/2), sqrt(2)).
const SQRT_HALF_BITS: u64 = 0x3fe6_a09e_667f_3bcd;

/// ln x for a positive normal x: x = 2^k · m with m in [sqrt(1/2),
/// sqrt(2)), f = m - 1 exactly, s = f/(2+f), and ln m = 2 atanh(s) by its
/// series in s² to s^21 (|s| < 0.172, truncation below 2^-60).
#[inline(always)]
fn ln_lane(x: f64) -> f64 {
    let t = x
        .to_bits()
        .wrapping_add(0x3ff0_0000_0000_0000 - SQRT_HALF_BITS);
    // The exponent field as an exact float, without an integer conversion
    // (which SIMD units lack for 64-bit integers).
    let k = f64::from_bits(0x4330_0000_0000_0000 | (t >> 52)) - (4_503_599_627_370_496.0 + 1023.0);
    let m = f64::from_bits((t & 0x000f_ffff_ffff_ffff).wrapping_add(SQRT_HALF_BITS));
    let f = m - 1.0;
    let s = f / (2.0 + f);
    let z = s * s;
    let r = z * horner(z, &LN_SERIES);
    let hfsq = 0.5 * f * f;
    k * LN2_HI - ((hfsq - (s * (hfsq + r) + k * LN2_LO)) - f)
}

/// tanh x = x + x³ p(x²) on [0, 0.625]: p fitted by Chebyshev
/// interpolation of degree 11 (error below 4e-18), highest first.
const TANH_SMALL: [f64; 12] = [
    6.485_163_482_793_113e-6,
    -3.120_110_142_579_74e-5,
    9.257_116_129_556_769e-5,
    -2.375_906_496_055_562e-4,
    5.896_606_577_757_043e-4,
    -1.455_775_412_047_805_5e-3,
    3.592_121_751_154_962_2e-3,
    -8.863_235_103_240_878e-3,
    2.186_948_851_900_830_5e-2,
    -5.396_825_396_789_699e-2,
    0.133_333_333_333_330_42,
    -0.333_333_333_333_333_3,
];

/// tanh x: the polynomial for |x| <= 0.625, 1 - 2/(e^(2|x|) + 1) above,
/// the sign of x copied on (so ±0 stay ±0). NaN goes through the
/// polynomial.
#[inline(always)]
fn tanh_lane(x: f64) -> f64 {
    tanh_sech2_lane(x).0
}

/// Beyond this |x|, 1/cosh(x)^2 nears the subnormals and e^(2|x|)
/// overflow: std's functions take over.
const SECH2_FAST: f64 = 354.0;

fn tanh_sech2_special(x: f64) -> bool {
    x.abs() > SECH2_FAST
}

/// tanh x and 1/cosh(x)^2 from one exponential, for |x| <= 354 (tanh is
/// ±1 beyond 22, as std's). Above 0.625, with q = 2/(e^(2|x|) + 1) computed
/// to a few rounding errors, |tanh x| = 1 - q and 1/cosh(x)^2 = q(2 - q):
/// no cancellation, unlike 1 - tanh(x)^2 as |tanh x| nears 1. Below, 1 -
/// tanh(x)^2 is at least 0.69 and loses nothing.
#[inline(always)]
fn tanh_sech2_lane(x: f64) -> (f64, f64) {
    let a = x.abs();
    let small = a + a * (a * a) * horner(a * a, &TANH_SMALL);
    let e = exp_lane(2.0 * a.min(SECH2_FAST));
    let q = 2.0 / (e + 1.0);
    let (magnitude, sech2) = if a > 0.625 {
        (1.0 - q, q * (2.0 - q))
    } else {
        (small, 1.0 - small * small)
    };
    (magnitude.copysign(x), sech2)
}

/// 1/cosh(x)^2 as the scalar path computes it: std's cosh, squared,
/// inverted (the instructions of `cosh(x)^-2`).
pub(crate) fn sech2_exact(x: f64) -> f64 {
    let c = x.cosh();
    1.0 / (c * c)
}

/// The hyperbolic tangent and 1/cosh(x)^2 (its derivative) at every value
/// of `xs`, into `tanh` and `sech2` (over the shortest of the three), the
/// two from one exponential. `tanh` gets the bits of [`tanh`]; `sech2` is
/// within 6 ulp of `1/(c*c)` with `c = f64::cosh(x)` (the scalar path's
/// value, itself a few ulp from the exact one: the square doubles cosh's
/// error), and that value itself beyond |x| = 354 and at NaN.
///
/// ```
/// let (mut t, mut s) = ([0.0; 3], [0.0; 3]);
/// symdiff::numeric::vector::tanh_sech2(&[0.0, 2.0, 800.0], &mut t, &mut s);
/// assert_eq!((t[0], s[0]), (0.0, 1.0));
/// assert!((s[1] - 1.0 / 2f64.cosh().powi(2)).abs() <= 4.0 * f64::EPSILON * s[1]);
/// assert_eq!((t[2], s[2]), (1.0, 0.0));
/// ```
pub fn tanh_sech2(xs: &[f64], tanh: &mut [f64], sech2: &mut [f64]) {
    tanh_sech2_into(xs, tanh, sech2)
}

/// [`tanh_sech2`], inlined into the tape's copies for wider SIMD units.
#[inline(always)]
pub(crate) fn tanh_sech2_into(xs: &[f64], tanh: &mut [f64], sech2: &mut [f64]) {
    let n = xs.len().min(tanh.len()).min(sech2.len());
    let (xs, tanh, sech2) = (&xs[..n], &mut tanh[..n], &mut sech2[..n]);
    let mut any = false;
    for ((t, s), &x) in tanh.iter_mut().zip(sech2.iter_mut()).zip(xs) {
        (*t, *s) = tanh_sech2_lane(x);
        any |= tanh_sech2_special(x);
    }
    if any {
        for ((t, s), &x) in tanh.iter_mut().zip(sech2.iter_mut()).zip(xs) {
            if tanh_sech2_special(x) {
                (*t, *s) = (x.tanh(), sech2_exact(x));
            }
        }
    }
}

fn cosh_special(x: f64) -> bool {
    !(-708.0..=708.0).contains(&x)
}

/// cosh x = (e^|x| + e^-|x|)/2 for |x| <= 708: the two terms have the same
/// sign, so their sum loses nothing to cancellation.
#[inline(always)]
fn cosh_lane(x: f64) -> f64 {
    let e = exp_lane(x.abs().min(708.0));
    0.5 * e + 0.5 / e
}

/// π/2 in four parts; the first two have 33 significant bits, so their
/// products with a quadrant number below 2^18 are exact.
const PIO2_1: f64 = 1.570_796_326_734_125_6;
const PIO2_2: f64 = 6.077_100_506_303_966e-11;
const PIO2_3: f64 = 2.022_266_248_795_950_6e-21;
const PIO2_4: f64 = 1.008_585_403_587_248_3e-37;

fn trig_special(x: f64) -> bool {
    x.is_nan() || x.abs() >= 262_144.0
}

/// (-1)^n / (2n+1)! for n = 8 down to 1.
const SIN_TAYLOR: [f64; 8] = [
    2.811_457_254_345_520_6e-15,
    -7.647_163_731_819_816e-13,
    1.605_904_383_682_161_3e-10,
    -2.505_210_838_544_172e-8,
    2.755_731_922_398_589_3e-6,
    -1.984_126_984_126_984e-4,
    8.333_333_333_333_333e-3,
    -0.166_666_666_666_666_66,
];

/// (-1)^n / (2n)! for n = 9 down to 2.
const COS_TAYLOR: [f64; 8] = [
    -1.561_920_696_858_622_5e-16,
    4.779_477_332_387_385e-14,
    -1.147_074_559_772_972_5e-11,
    2.087_675_698_786_81e-9,
    -2.755_731_922_398_589e-7,
    2.480_158_730_158_73e-5,
    -1.388_888_888_888_889e-3,
    4.166_666_666_666_666_4e-2,
];

/// x = k π/2 + r for |x| < 2^18, with r as a sum hi + lo carried to about
/// 2^-100 absolute, and the quadrant k mod 4.
#[inline(always)]
fn reduce(x: f64) -> (f64, f64, u64) {
    let (k, bits) = round_int(x * std::f64::consts::FRAC_2_PI);
    // Exact: k·PIO2_1 has at most 51 bits and lies within a factor 2 of x.
    let r1 = x - k * PIO2_1;
    let t = k * PIO2_2; // exact
                        // r1 - t with its rounding error (Knuth's two-sum).
    let hi = r1 - t;
    let back = hi - r1;
    let err = (r1 - (hi - back)) - (t + back);
    let lo = err - k * PIO2_3 - k * PIO2_4;
    let r = hi + lo;
    (r, lo - (r - hi), bits & 3)
}

/// sin(r + lo) and cos(r + lo) for |r| <= π/4 + ε by Taylor's series to
/// r^17 and r^18 (truncation below 2^-60), with the first-order terms of lo.
#[inline(always)]
fn sin_cos_reduced(r: f64, lo: f64) -> (f64, f64) {
    let z = r * r;
    let s = r + (r * z * horner(z, &SIN_TAYLOR) + lo * (1.0 - 0.5 * z));
    let hz = 0.5 * z;
    let w = 1.0 - hz;
    let c = w + (((1.0 - w) - hz) + (z * z * horner(z, &COS_TAYLOR) - r * lo));
    (s, c)
}

/// `v` negated where bit 1 of `quadrant` is set.
#[inline(always)]
fn negate_if(v: f64, quadrant: u64) -> f64 {
    f64::from_bits(v.to_bits() ^ ((quadrant & 2) << 62))
}

#[inline(always)]
fn sin_lane(x: f64) -> f64 {
    let (r, lo, q) = reduce(x);
    let (s, c) = sin_cos_reduced(r, lo);
    let v = negate_if(if q & 1 == 1 { c } else { s }, q);
    // ±0 keep their sign, which the reduction's sums lose.
    if x == 0.0 {
        x
    } else {
        v
    }
}

#[inline(always)]
fn cos_lane(x: f64) -> f64 {
    let (r, lo, q) = reduce(x);
    let (s, c) = sin_cos_reduced(r, lo);
    let q = q.wrapping_add(1);
    negate_if(if q & 1 == 1 { c } else { s }, q)
}
