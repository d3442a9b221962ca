//! Compiled evaluation: expressions lowered once to a flat list of
//! instructions over registers, then run at one point or at many.
//!
//! Many points run column-wise: a register holds one value per point of a
//! block, and each instruction is a loop over the block, so the arithmetic
//! vectorizes and the instruction dispatch is paid once per block, not once
//! per point. Blocks run in parallel (rayon).

use super::{power, EvalError};
use crate::expr::{Expr, Func};
use rayon::prelude::*;
use std::fmt;

/// Points per block: large enough to amortize dispatch, small enough that a
/// tape's live registers stay in cache.
const BLOCK: usize = 256;

/// Blocks below which a batch is not worth splitting across threads.
const MIN_BLOCKS_PER_TASK: usize = 4;

pub(super) type Reg = u32;

#[derive(Clone, Debug)]
pub(super) enum Op {
    Load(usize),
    Add(Reg, Reg),
    Mul(Reg, Reg),
    Recip(Reg),
    Sqrt(Reg),
    Pow(Reg, Reg),
    Call(Reg, fn(f64) -> f64, Func),
    Call2(Reg, Reg, fn(f64, f64) -> f64, Func),
    /// No value (an unknown variable or undefined function): NaN, and the
    /// reason for checked evaluation.
    Missing(EvalError),
}

#[derive(Clone, Debug)]
pub(super) struct Instr {
    pub dst: Reg,
    pub op: Op,
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
                Op::Call(a, _, f) => domain(f.name(), &[read(a)])?,
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
                Op::Missing(why) => return Err(why.clone()),
                Op::Load(_) | Op::Add(..) | Op::Mul(..) | Op::Recip(_) => {}
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
                    let start = b * BLOCK;
                    let len = BLOCK.min(n - start);
                    for instr in &self.instrs {
                        self.step(instr, regs, |v, out| match columns.get(v) {
                            Some(col) => out[..len].copy_from_slice(&col[start..start + len]),
                            None => out.fill(f64::NAN),
                        });
                    }
                    f(Block {
                        tape: self,
                        regs,
                        start,
                        len,
                    })
                },
            )
            .collect()
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
    fn step(&self, instr: &Instr, regs: &mut [Vec<f64>], load: impl Fn(usize, &mut [f64])) {
        // The destination is moved out so the operands can be read beside
        // it; the compiler never gives a result its operand's register.
        let mut out = std::mem::take(&mut regs[instr.dst as usize]);
        let r = |k: &Reg| regs[*k as usize].as_slice();
        match &instr.op {
            Op::Load(v) => load(*v, &mut out),
            Op::Add(a, b) => binary(&mut out, r(a), r(b), |x, y| x + y),
            Op::Mul(a, b) => binary(&mut out, r(a), r(b), |x, y| x * y),
            Op::Pow(a, b) => binary(&mut out, r(a), r(b), power),
            Op::Recip(a) => unary(&mut out, r(a), |x| 1.0 / x),
            Op::Sqrt(a) => unary(&mut out, r(a), f64::sqrt),
            Op::Call(a, f, _) => unary(&mut out, r(a), *f),
            Op::Call2(a, b, f, _) => binary(&mut out, r(a), r(b), *f),
            Op::Missing(_) => out.fill(f64::NAN),
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
                Op::Pow(a, b) => writeln!(f, "r{a} ^ r{b}"),
                Op::Recip(a) => writeln!(f, "1 / r{a}"),
                Op::Sqrt(a) => writeln!(f, "sqrt(r{a})"),
                Op::Call(a, _, func) => writeln!(f, "{func}(r{a})"),
                Op::Call2(a, b, _, func) => writeln!(f, "{func}(r{a}, r{b})"),
                Op::Missing(why) => writeln!(f, "NaN ({why})"),
            }?;
        }
        for (k, r) in self.outputs.iter().enumerate() {
            writeln!(f, "out{k} = r{r}")?;
        }
        Ok(())
    }
}
