//! Compiled evaluation: expressions lowered once to a flat list of
//! instructions over registers, then run at one point or at many.
//!
//! Many points run column-wise: a register holds one value per point of a
//! block, and each instruction is a loop over the block, so the arithmetic
//! vectorizes and the instruction dispatch is paid once per block, not once
//! per point. Blocks run in parallel (rayon).

use super::vector::{self, Kernel};
use super::{power, EvalError};
use crate::expr::{Expr, Func};
use rayon::prelude::*;
use std::fmt;

/// Points per block: large enough to amortize dispatch. (Measured on the
/// W5 gradient, 490 registers, one thread: 256 and 512 run alike, 128 is
/// 15 % slower and 64 25 %, though their registers would fit in a core's
/// second-level cache and 256's do not quite; 1024 is 20 % slower.)
const BLOCK: usize = 256;

/// Blocks below which a batch is not worth splitting across threads.
const MIN_BLOCKS_PER_TASK: usize = 4;

pub(super) type Reg = u32;

#[derive(Clone, Debug)]
pub(super) enum Op {
    Load(usize),
    Add(Reg, Reg),
    Mul(Reg, Reg),
    /// A register plus a constant, the constant second as it was in the
    /// sum: no register of the block's width holds the constant, so the
    /// block's registers take less cache and the loop reads one stream.
    AddConst(Reg, f64),
    /// A register times a constant, the constant second.
    MulConst(Reg, f64),
    /// `acc + ((a*k)*b)*c`, the factors `[a, b, c]` cut to their first
    /// `len` and `acc` optional: a product and the sum that reads it,
    /// rounded at each step as their instructions would round (no fused
    /// multiply-add; `a*1` is `a`), in one pass over the block instead of
    /// one per operation, without registers between them.
    Term {
        acc: Option<Reg>,
        k: f64,
        factors: [Reg; 3],
        len: u8,
    },
    Recip(Reg),
    Sqrt(Reg),
    Pow(Reg, Reg),
    /// The function's scalar evaluation, and its vectorized kernel if it
    /// has one.
    Call(Reg, fn(f64) -> f64, Func, Option<Kernel>),
    Call2(Reg, Reg, fn(f64, f64) -> f64, Func),
    /// `tanh(a)` into the destination and `cosh(a)^-2` into the second
    /// register: in the vectorized mode from one exponential, in the
    /// scalar mode as the two calls and the power would compute them.
    TanhSech2(Reg, Reg),
    /// No value (an unknown variable or undefined function): NaN, and the
    /// reason for checked evaluation (boxed: rare, and the largest
    /// operation, it would widen every instruction of the tape).
    Missing(Box<EvalError>),
}

#[derive(Clone, Debug)]
pub(super) struct Instr {
    pub dst: Reg,
    pub op: Op,
}

/// How a tape computes the elementary functions that have vectorized
/// kernels (`exp`, `ln`, `tanh`, `cosh`, `sin`, `cos`); every other operation is
/// the same in both.
///
/// The vectorized kernels are the default: they are within 2 ulp of the
/// standard library's functions (the bounds of [`vector`](super::vector),
/// tested over millions of arguments), about the difference between two
/// platforms' libm, and they let a block of points run in SIMD lanes.
/// `tanh(u)` and the `1/cosh(u)^2` of its derivative, where both occur,
/// come from one exponential, the latter within 6 ulp of the scalar path's.
/// Ask for [`Math::Scalar`] where results must be the standard library's to
/// the bit, as [`Expr::eval`] gives them.
///
/// ```
/// use symdiff::{numeric::{compile, Math}, parse};
/// let tape = compile(&[parse("tanh(x)").unwrap()]);
/// assert_eq!(tape.math(), Math::Vector);
/// let exact = tape.with_math(Math::Scalar);
/// assert_eq!(exact.eval(&[0.7])[0].to_bits(), 0.7f64.tanh().to_bits());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Math {
    /// The vectorized kernels, within 2 ulp of std.
    #[default]
    Vector,
    /// The standard library's functions, value by value: the bits of
    /// [`Expr::eval`].
    Scalar,
}

/// Expressions compiled to straight-line code: each distinct subexpression
/// of all the outputs together is computed once, integer powers are
/// multiplications, and constant subexpressions are folded.
///
/// ```
/// use symdiff::{numeric::compile, parse};
/// let tape = compile(&[parse("sin(x)^2").unwrap(), parse("sin(x)*y").unwrap()]);
/// assert_eq!(tape.to_string().matches("sin").count(), 1); // shared
/// let v = tape.eval(&[0.5, 2.0]); // x, y: the variables in natural order
/// assert!((v[0] - 0.5f64.sin().powi(2)).abs() < 1e-15);
/// ```
#[derive(Clone, Debug)]
pub struct Tape {
    pub(super) variables: Vec<Expr>,
    pub(super) constants: Vec<(Reg, f64)>,
    pub(super) instrs: Vec<Instr>,
    pub(super) outputs: Vec<Reg>,
    pub(super) registers: usize,
    pub(super) math: Math,
}

impl Tape {
    /// The variables, in the order values are given.
    ///
    /// ```
    /// use symdiff::{numeric::compile, parse};
    /// let tape = compile(&[parse("x10 + x2").unwrap()]);
    /// let names: Vec<String> = tape.variables().iter().map(|v| v.to_string()).collect();
    /// assert_eq!(names, ["x2", "x10"]);
    /// ```
    pub fn variables(&self) -> &[Expr] {
        &self.variables
    }

    /// The tape computing its functions by `math`; every evaluation method
    /// follows it, at one point as at many.
    ///
    /// ```
    /// use symdiff::{numeric::{compile, Math}, parse};
    /// let tape = compile(&[parse("exp(x)").unwrap()]).with_math(Math::Scalar);
    /// assert_eq!(tape.eval(&[0.3])[0], 0.3f64.exp());
    /// ```
    pub fn with_math(mut self, math: Math) -> Tape {
        self.math = math;
        self
    }

    /// How the tape computes its functions.
    ///
    /// ```
    /// use symdiff::numeric::{compile, Math};
    /// assert_eq!(compile(&[]).math(), Math::Vector);
    /// ```
    pub fn math(&self) -> Math {
        self.math
    }

    /// The number of outputs.
    ///
    /// ```
    /// let tape = symdiff::numeric::compile(&[symdiff::Expr::int(1), symdiff::Expr::int(2)]);
    /// assert_eq!(tape.outputs(), 2);
    /// ```
    pub fn outputs(&self) -> usize {
        self.outputs.len()
    }

    /// The value of every output at one point, `values` given in the order
    /// of [`Tape::variables`] (missing ones are NaN). Outside the real
    /// domain an output is NaN.
    ///
    /// ```
    /// let tape = symdiff::numeric::compile(&[symdiff::parse("ln(x)").unwrap()]);
    /// assert_eq!(tape.eval(&[1.0]), vec![0.0]);
    /// assert!(tape.eval(&[-1.0])[0].is_nan());
    /// ```
    pub fn eval(&self, values: &[f64]) -> Vec<f64> {
        let mut regs = self.registers(1);
        for instr in &self.instrs {
            self.step(instr, &mut regs, |v, out| out[0] = at(values, v));
        }
        self.outputs.iter().map(|&o| regs[o as usize][0]).collect()
    }

    /// The value of every output at one point, or the first function that
    /// left its real domain there, with its argument.
    ///
    /// ```
    /// use symdiff::{numeric::compile, parse};
    /// let tape = compile(&[parse("x + ln(x - 2)").unwrap()]);
    /// let err = tape.eval_checked(&[1.0]).unwrap_err();
    /// assert_eq!(err.to_string(), "ln(-1) is undefined over the reals");
    /// assert_eq!(tape.eval_checked(&[3.0]), Ok(vec![3.0]));
    /// ```
    pub fn eval_checked(&self, values: &[f64]) -> Result<Vec<f64>, EvalError> {
        let mut regs = self.registers(1);
        for instr in &self.instrs {
            self.step(instr, &mut regs, |v, out| out[0] = at(values, v));
            let read = |r: &Reg| regs[*r as usize][0];
            let result = regs[instr.dst as usize][0];
            let domain = |func: &str, args: &[f64]| {
                if result.is_nan() && !args.iter().any(|a| a.is_nan()) {
                    Err(EvalError::Domain {
                        func: func.to_string(),
                        args: args.to_vec(),
                    })
                } else {
                    Ok(())
                }
            };
            match &instr.op {
                Op::Call(a, _, f, _) => domain(f.name(), &[read(a)])?,
                Op::Call2(a, b, _, f) => domain(f.name(), &[read(a), read(b)])?,
                Op::Sqrt(a) => domain("sqrt", &[read(a)])?,
                Op::Recip(a) if read(a) == 0.0 => return Err(EvalError::DivisionByZero),
                Op::Pow(a, b) => {
                    let (base, exp) = (read(a), read(b));
                    if base == 0.0 && exp < 0.0 {
                        return Err(EvalError::DivisionByZero);
                    }
                    if result.is_nan() && !base.is_nan() && !exp.is_nan() {
                        return Err(EvalError::Power { base, exp });
                    }
                }
                Op::Missing(why) => return Err(why.as_ref().clone()),
                Op::Load(_)
                | Op::Add(..)
                | Op::Mul(..)
                | Op::AddConst(..)
                | Op::MulConst(..)
                | Op::Term { .. }
                | Op::TanhSech2(..)
                | Op::Recip(_) => {}
            }
        }
        Ok(self.outputs.iter().map(|&o| regs[o as usize][0]).collect())
    }

    /// Every output at many points: `columns[i][p]` is the value of
    /// variable `i` at point `p`, and the result's `[k][p]` is output `k`
    /// there. The points are as many as the shortest column (none without
    /// columns); a missing column is NaN.
    ///
    /// ```
    /// use symdiff::{numeric::compile, parse};
    /// let tape = compile(&[parse("x*y").unwrap(), parse("x + y").unwrap()]);
    /// let (xs, ys) = ([1.0, 2.0, 3.0], [10.0, 20.0, 30.0]);
    /// let out = tape.eval_batch(&[&xs, &ys]);
    /// assert_eq!(out, vec![vec![10.0, 40.0, 90.0], vec![11.0, 22.0, 33.0]]);
    /// ```
    pub fn eval_batch(&self, columns: &[&[f64]]) -> Vec<Vec<f64>> {
        let n = points(columns);
        let mut out = vec![Vec::with_capacity(n); self.outputs.len()];
        let parts = self.map_blocks(columns, |block| {
            (0..block.width())
                .map(|k| block.output(k).to_vec())
                .collect::<Vec<_>>()
        });
        for part in parts {
            for (column, values) in out.iter_mut().zip(part) {
                column.extend(values);
            }
        }
        out
    }

    /// Runs `f` on each block of consecutive points (as many as the
    /// shortest column), in parallel, and collects its results in order.
    /// Use it to reduce outputs too many to keep for every point.
    ///
    /// ```
    /// use symdiff::{numeric::compile, parse};
    /// let tape = compile(&[parse("2*x").unwrap()]);
    /// let xs: Vec<f64> = (0..1000).map(f64::from).collect();
    /// let sums = tape.map_blocks(&[&xs], |b| b.output(0).iter().sum::<f64>());
    /// assert_eq!(sums.iter().sum::<f64>(), 999.0 * 1000.0);
    /// ```
    pub fn map_blocks<T: Send>(
        &self,
        columns: &[&[f64]],
        f: impl Fn(Block<'_>) -> T + Sync,
    ) -> Vec<T> {
        let n = points(columns);
        (0..n.div_ceil(BLOCK))
            .into_par_iter()
            .with_min_len(MIN_BLOCKS_PER_TASK)
            .map_init(
                || self.registers(BLOCK),
                |regs, b| {
                    let block =
                        self.run_block(regs, b * BLOCK, n, |v, start, out| match columns.get(v) {
                            Some(col) => out.copy_from_slice(&col[start..start + out.len()]),
                            None => out.fill(f64::NAN),
                        });
                    f(block)
                },
            )
            .collect()
    }

    /// Every output at many points stored row by row, as a C-ordered
    /// array of shape (points, variables) is: `input[p * variables + i]`
    /// is variable `i` at point `p`, and `out[p * outputs + k]` receives
    /// output `k` there. The points are `out.len() / outputs`; the input is
    /// read in place, without a copy, and the blocks run in parallel. A tape
    /// without outputs accepts any input and an empty `out`.
    ///
    /// ```
    /// use symdiff::{numeric::compile, parse};
    /// let tape = compile(&[parse("x*y").unwrap(), parse("x + y").unwrap()]);
    /// let points = [1.0, 10.0, 2.0, 20.0, 3.0, 30.0]; // (x, y) three times
    /// let mut out = [0.0; 6];
    /// tape.eval_rows(&points, &mut out).unwrap();
    /// assert_eq!(out, [10.0, 11.0, 40.0, 22.0, 90.0, 33.0]);
    /// assert!(tape.eval_rows(&points[..5], &mut out).is_err());
    /// ```
    pub fn eval_rows(&self, input: &[f64], out: &mut [f64]) -> Result<(), RowsError> {
        let (nvars, width) = (self.variables.len(), self.outputs.len());
        if width == 0 && out.is_empty() {
            return Ok(()); // nothing to compute, whatever the points
        }
        let n = out.len().checked_div(width).unwrap_or(0);
        if width == 0 || out.len() != n * width || input.len() != n * nvars {
            return Err(RowsError {
                variables: nvars,
                outputs: width,
                input: input.len(),
                output: out.len(),
            });
        }
        // A few tasks per thread, each with one set of registers for all
        // its blocks: a long tape's registers are megabytes, too costly to
        // allocate for every few blocks.
        let blocks = n.div_ceil(BLOCK);
        let tasks = (rayon::current_num_threads() * 4).min(blocks.div_ceil(MIN_BLOCKS_PER_TASK));
        let per_task = blocks.div_ceil(tasks.max(1)).max(1);
        out.par_chunks_mut(per_task * BLOCK * width)
            .enumerate()
            .for_each(|(t, task_rows)| {
                let mut regs = self.registers(BLOCK);
                for (b, rows) in task_rows.chunks_mut(BLOCK * width).enumerate() {
                    let start = (t * per_task + b) * BLOCK;
                    let block = self.run_block(&mut regs, start, n, |v, start, column| {
                        for (p, value) in column.iter_mut().enumerate() {
                            *value = input[(start + p) * nvars + v];
                        }
                    });
                    // Row by row, so the output is written in order, each
                    // register's cache line read for its consecutive points
                    // (column by column, every value stored lands on a
                    // different line of a block too large for L1).
                    let outputs: Vec<&[f64]> = (0..width).map(|k| block.output(k)).collect();
                    for (p, row) in rows.chunks_exact_mut(width).enumerate() {
                        for (slot, output) in row.iter_mut().zip(&outputs) {
                            *slot = output[p];
                        }
                    }
                }
            });
        Ok(())
    }

    /// Runs the instructions on the block of points from `start` (at most
    /// [`BLOCK`] of them, fewer at the end of `n`); `load(v, start, column)`
    /// fills a register with variable `v` at the block's points.
    #[allow(unsafe_code)] // calls the SIMD copies once the processor has said it can
    fn run_block<'a>(
        &'a self,
        regs: &'a mut [Vec<f64>],
        start: usize,
        n: usize,
        load: impl Fn(usize, usize, &mut [f64]),
    ) -> Block<'a> {
        let len = BLOCK.min(n - start);
        let load = |v: usize, out: &mut [f64]| load(v, start, &mut out[..len]);
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f") {
                // SAFETY: the processor has the features the function is
                // compiled for; it was just asked.
                unsafe { self.run_avx512(regs, load) };
            } else if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: as above.
                unsafe { self.run_avx2(regs, load) };
            } else {
                self.run(regs, load);
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        self.run(regs, load);
        Block {
            tape: self,
            regs,
            start,
            len,
        }
    }

    /// Every instruction over every point of the registers. Inlined into
    /// the copies below, compiled for wider SIMD units: the same
    /// operations in the same order, so the same bits, in more lanes.
    #[inline(always)]
    fn run(&self, regs: &mut [Vec<f64>], load: impl Fn(usize, &mut [f64])) {
        for instr in &self.instrs {
            self.step(instr, regs, &load);
        }
    }

    /// [`Tape::run`] in AVX-512's eight lanes.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx2,fma")]
    #[allow(unsafe_code)] // a target-feature function is unsafe to call (before Rust 1.86)
    unsafe fn run_avx512(&self, regs: &mut [Vec<f64>], load: impl Fn(usize, &mut [f64])) {
        self.run(regs, load)
    }

    /// [`Tape::run`] in AVX2's four lanes.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    #[allow(unsafe_code)] // as above
    unsafe fn run_avx2(&self, regs: &mut [Vec<f64>], load: impl Fn(usize, &mut [f64])) {
        self.run(regs, load)
    }

    /// Registers for `width` points at once, constants filled in.
    fn registers(&self, width: usize) -> Vec<Vec<f64>> {
        let mut regs = vec![vec![0.0; width]; self.registers];
        for &(r, v) in &self.constants {
            regs[r as usize].fill(v);
        }
        regs
    }

    /// Runs one instruction over every point of the registers.
    #[inline(always)]
    fn step(&self, instr: &Instr, regs: &mut [Vec<f64>], load: impl Fn(usize, &mut [f64])) {
        // The destination is moved out so the operands can be read beside
        // it; the compiler never gives a result its operand's register.
        let mut out = std::mem::take(&mut regs[instr.dst as usize]);
        let mut second = match instr.op {
            Op::TanhSech2(_, s) => std::mem::take(&mut regs[s as usize]),
            _ => Vec::new(),
        };
        let r = |k: &Reg| regs[*k as usize].as_slice();
        match &instr.op {
            Op::Load(v) => load(*v, &mut out),
            Op::Add(a, b) => binary(&mut out, r(a), r(b), |x, y| x + y),
            Op::Mul(a, b) => binary(&mut out, r(a), r(b), |x, y| x * y),
            Op::AddConst(a, c) => unary(&mut out, r(a), |x| x + c),
            Op::MulConst(a, c) => unary(&mut out, r(a), |x| x * c),
            Op::Term {
                acc,
                k,
                factors: [a, b, c],
                len,
            } => {
                let k = *k;
                match (acc, len) {
                    (None, 1) => unary(&mut out, r(a), |x| x * k),
                    (None, 2) => binary(&mut out, r(a), r(b), |x, y| x * k * y),
                    (None, _) => ternary(&mut out, r(a), r(b), r(c), |x, y, z| x * k * y * z),
                    (Some(s), 1) => binary(&mut out, r(s), r(a), |s, x| s + x * k),
                    (Some(s), 2) => ternary(&mut out, r(s), r(a), r(b), |s, x, y| s + x * k * y),
                    (Some(s), _) => {
                        let (s, a, b, c) = (r(s), r(a), r(b), r(c));
                        for ((((o, s), x), y), z) in out.iter_mut().zip(s).zip(a).zip(b).zip(c) {
                            *o = s + x * k * y * z;
                        }
                    }
                }
            }
            Op::Pow(a, b) => binary(&mut out, r(a), r(b), power),
            Op::Recip(a) => unary(&mut out, r(a), |x| 1.0 / x),
            Op::Sqrt(a) => unary(&mut out, r(a), f64::sqrt),
            Op::Call(a, _, _, Some(kernel)) if self.math == Math::Vector => {
                kernel.apply(r(a), &mut out)
            }
            Op::Call(a, f, _, _) => unary(&mut out, r(a), *f),
            Op::Call2(a, b, f, _) => binary(&mut out, r(a), r(b), *f),
            Op::TanhSech2(a, _) => match self.math {
                Math::Vector => vector::tanh_sech2_into(r(a), &mut out, &mut second),
                Math::Scalar => {
                    unary(&mut out, r(a), f64::tanh);
                    unary(&mut second, r(a), vector::sech2_exact);
                }
            },
            Op::Missing(_) => out.fill(f64::NAN),
        }
        if let Op::TanhSech2(_, s) = instr.op {
            regs[s as usize] = second;
        }
        regs[instr.dst as usize] = out;
    }
}

#[inline(always)]
fn binary(out: &mut [f64], a: &[f64], b: &[f64], f: impl Fn(f64, f64) -> f64) {
    for ((o, x), y) in out.iter_mut().zip(a).zip(b) {
        *o = f(*x, *y);
    }
}

#[inline(always)]
fn ternary(out: &mut [f64], a: &[f64], b: &[f64], c: &[f64], f: impl Fn(f64, f64, f64) -> f64) {
    for (((o, x), y), z) in out.iter_mut().zip(a).zip(b).zip(c) {
        *o = f(*x, *y, *z);
    }
}

#[inline(always)]
fn unary(out: &mut [f64], a: &[f64], f: impl Fn(f64) -> f64) {
    for (o, x) in out.iter_mut().zip(a) {
        *o = f(*x);
    }
}

fn at(values: &[f64], i: usize) -> f64 {
    values.get(i).copied().unwrap_or(f64::NAN)
}

fn points(columns: &[&[f64]]) -> usize {
    columns.iter().map(|c| c.len()).min().unwrap_or(0)
}

/// Buffers given to [`Tape::eval_rows`] that do not hold whole rows of
/// the same number of points.
///
/// ```
/// let tape = symdiff::numeric::compile(&[symdiff::parse("x + y").unwrap()]);
/// let err = tape.eval_rows(&[1.0, 2.0, 3.0], &mut [0.0; 2]).unwrap_err();
/// assert_eq!(err.to_string(), "3 input values and 2 output slots are not whole rows \
/// of the same points (variables: 2, outputs: 1)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "{input} input values and {output} output slots are not whole rows of the same points \
     (variables: {variables}, outputs: {outputs})"
)]
pub struct RowsError {
    /// Values per point in the input.
    pub variables: usize,
    /// Values per point in the output.
    pub outputs: usize,
    /// The input's length.
    pub input: usize,
    /// The output's length.
    pub output: usize,
}

/// The outputs of a tape at a block of consecutive points, as
/// [`Tape::map_blocks`] hands them over.
///
/// ```
/// use symdiff::{numeric::compile, parse};
/// let tape = compile(&[parse("x + 1").unwrap()]);
/// let xs = [1.0, 2.0];
/// let firsts = tape.map_blocks(&[&xs], |b| (b.start(), b.len(), b.output(0)[1]));
/// assert_eq!(firsts, vec![(0, 2, 3.0)]);
/// ```
pub struct Block<'a> {
    tape: &'a Tape,
    regs: &'a [Vec<f64>],
    start: usize,
    len: usize,
}

impl Block<'_> {
    /// The index of the block's first point.
    ///
    /// ```
    /// let tape = symdiff::numeric::compile(&[symdiff::parse("x").unwrap()]);
    /// let xs = vec![0.0; 600];
    /// let starts = tape.map_blocks(&[&xs], |b| b.start());
    /// assert_eq!(starts, vec![0, 256, 512]);
    /// ```
    pub fn start(&self) -> usize {
        self.start
    }

    /// The number of points in the block.
    ///
    /// ```
    /// let tape = symdiff::numeric::compile(&[symdiff::parse("x").unwrap()]);
    /// assert_eq!(tape.map_blocks(&[&[1.0, 2.0, 3.0]], |b| b.len()), vec![3]);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the block has no points (never, for blocks handed over).
    ///
    /// ```
    /// let tape = symdiff::numeric::compile(&[symdiff::parse("x").unwrap()]);
    /// assert_eq!(tape.map_blocks(&[&[1.0]], |b| b.is_empty()), vec![false]);
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The number of outputs.
    ///
    /// ```
    /// let tape = symdiff::numeric::compile(&[symdiff::parse("x").unwrap()]);
    /// assert_eq!(tape.map_blocks(&[&[1.0]], |b| b.width()), vec![1]);
    /// ```
    pub fn width(&self) -> usize {
        self.tape.outputs.len()
    }

    /// Output `k` at the block's points (empty if there is no output `k`).
    ///
    /// ```
    /// let tape = symdiff::numeric::compile(&[symdiff::parse("-x").unwrap()]);
    /// let out = tape.map_blocks(&[&[1.0, 2.0]], |b| b.output(0).to_vec());
    /// assert_eq!(out, vec![vec![-1.0, -2.0]]);
    /// ```
    pub fn output(&self, k: usize) -> &[f64] {
        match self.tape.outputs.get(k) {
            Some(&r) => &self.regs[r as usize][..self.len],
            None => &[],
        }
    }
}

impl fmt::Display for Tape {
    /// One line per constant, instruction and output:
    /// `r1 = sin(r0)`, `out0 = r1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (r, v) in &self.constants {
            writeln!(f, "r{r} = {v:?}")?;
        }
        for Instr { dst, op } in &self.instrs {
            write!(f, "r{dst} = ")?;
            match op {
                Op::Load(v) => match self.variables.get(*v) {
                    Some(name) => writeln!(f, "{name}"),
                    None => writeln!(f, "NaN"),
                },
                Op::Add(a, b) => writeln!(f, "r{a} + r{b}"),
                Op::Mul(a, b) => writeln!(f, "r{a} * r{b}"),
                Op::AddConst(a, c) => writeln!(f, "r{a} + {c:?}"),
                Op::MulConst(a, c) => writeln!(f, "r{a} * {c:?}"),
                Op::Term {
                    acc,
                    k,
                    factors,
                    len,
                } => {
                    if let Some(s) = acc {
                        write!(f, "r{s} + ")?;
                    }
                    write!(f, "r{} * {k:?}", factors[0])?;
                    for r in &factors[1..usize::from(*len)] {
                        write!(f, " * r{r}")?;
                    }
                    writeln!(f)
                }
                Op::Pow(a, b) => writeln!(f, "r{a} ^ r{b}"),
                Op::Recip(a) => writeln!(f, "1 / r{a}"),
                Op::Sqrt(a) => writeln!(f, "sqrt(r{a})"),
                Op::Call(a, _, func, _) => writeln!(f, "{func}(r{a})"),
                Op::Call2(a, b, _, func) => writeln!(f, "{func}(r{a}, r{b})"),
                Op::TanhSech2(a, s) => writeln!(f, "tanh(r{a}), r{s} = cosh(r{a})^-2"),
                Op::Missing(why) => writeln!(f, "NaN ({why})"),
            }?;
        }
        for (k, r) in self.outputs.iter().enumerate() {
            writeln!(f, "out{k} = r{r}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::{numeric::compile, parse};

    /// Rows and columns are two layouts of the same points: over several
    /// tasks of several blocks and a partial block, the same bits.
    #[test]
    fn rows_agree_with_columns() {
        let exprs = ["sin(x*y) + z", "ln(x) - y^3", "x*y*z"].map(|s| parse(s).unwrap());
        let tape = compile(&exprs);
        let n = 5000;
        let columns: Vec<Vec<f64>> = (0..3)
            .map(|i| {
                (0..n)
                    .map(|p| ((p * 7 + i * 13) % 23) as f64 - 5.0)
                    .collect()
            })
            .collect();
        let rows: Vec<f64> = (0..n)
            .flat_map(|p| columns.iter().map(move |c| c[p]))
            .collect();
        let refs: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
        let by_columns = tape.eval_batch(&refs);
        let mut out = vec![0.0; n * 3];
        tape.eval_rows(&rows, &mut out).unwrap();
        for p in 0..n {
            for k in 0..3 {
                assert_eq!(
                    out[p * 3 + k].to_bits(),
                    by_columns[k][p].to_bits(),
                    "{p} {k}"
                );
            }
        }
    }
}
