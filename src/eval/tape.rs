//! Compiled evaluation: expressions lowered once to a flat list of
//! instructions over registers, then run at one point or at many.
//!
//! Many points run column-wise: a register holds one value per point of a
//! block, and each instruction is a loop over the block, so the arithmetic
//! vectorizes and the instruction dispatch is paid once per block, not once
//! per point. Blocks run in parallel (rayon).

use super::{power, real_function, EvalError, Exponent};
use crate::expr::{walk, Expr, Func, Node};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::fmt;

/// Points per block: large enough to amortize dispatch, small enough that a
/// tape's live registers stay in cache.
const BLOCK: usize = 256;

/// Blocks below which a batch is not worth splitting across threads.
const MIN_BLOCKS_PER_TASK: usize = 4;

type Reg = u32;

#[derive(Clone, Debug)]
enum Op {
    Load(usize),
    Add(Reg, Reg),
    Mul(Reg, Reg),
    Recip(Reg),
    Sqrt(Reg),
    Pow(Reg, Reg),
    Call(Reg, fn(f64) -> f64, Func),
    /// No value (an unknown variable or undefined function): NaN, and the
    /// reason for checked evaluation.
    Missing(EvalError),
}

#[derive(Clone, Debug)]
struct Instr {
    dst: Reg,
    op: Op,
}

/// Expressions compiled to straight-line code: each distinct subexpression
/// of all the outputs together is computed once, integer powers are
/// multiplications, and constant subexpressions are folded.
///
/// ```
/// use symdiff::{eval::compile, parse};
/// let tape = compile(&[parse("sin(x)^2").unwrap(), parse("sin(x)*y").unwrap()]);
/// assert_eq!(tape.to_string().matches("sin").count(), 1); // shared
/// let v = tape.eval(&[0.5, 2.0]); // x, y: the variables in natural order
/// assert!((v[0] - 0.5f64.sin().powi(2)).abs() < 1e-15);
/// ```
#[derive(Clone, Debug)]
pub struct Tape {
    variables: Vec<Expr>,
    constants: Vec<(Reg, f64)>,
    instrs: Vec<Instr>,
    outputs: Vec<Reg>,
    registers: usize,
}

/// Compiles `outputs` over their free variables, in natural order
/// (`x1 < x2 < x10`); [`Tape::variables`] lists them.
///
/// ```
/// use symdiff::{eval::compile, hessian, parse, Expr};
/// let vars = [Expr::symbol("x"), Expr::symbol("y")];
/// let h = hessian(&parse("x^2*y^3").unwrap(), &vars);
/// let tape = compile(h.entries()); // the whole Hessian is one tape
/// assert_eq!(tape.eval(&[1.0, 2.0]), vec![16.0, 24.0, 24.0, 12.0]);
/// ```
pub fn compile(outputs: &[Expr]) -> Tape {
    let mut vars: Vec<Expr> = Vec::new();
    for out in outputs {
        for v in out.free_symbols() {
            if !vars.contains(&v) {
                vars.push(v);
            }
        }
    }
    vars.sort_by(|a, b| {
        crate::natural_cmp(a.as_symbol().unwrap_or(""), b.as_symbol().unwrap_or(""))
    });
    compile_in(outputs, &vars)
}

/// Compiles `outputs` with the inputs `variables`, in that order. A
/// variable of the outputs that is not among them has no value: NaN, and
/// an [`EvalError::UnknownVariable`] from [`Tape::eval_checked`].
///
/// ```
/// use symdiff::{eval::compile_in, parse, EvalError, Expr};
/// let tape = compile_in(&[parse("x - y").unwrap()], &[Expr::symbol("y"), Expr::symbol("x")]);
/// assert_eq!(tape.eval(&[1.0, 5.0]), vec![4.0]);
/// let only_x = compile_in(&[parse("x - y").unwrap()], &[Expr::symbol("x")]);
/// assert_eq!(only_x.eval_checked(&[1.0]), Err(EvalError::UnknownVariable("y".into())));
/// ```
pub fn compile_in(outputs: &[Expr], variables: &[Expr]) -> Tape {
    let mut c = Compiler::default();
    let order = walk::topological(outputs);
    // An output is read by the caller after the last instruction: one use
    // that is never given back keeps its register.
    for e in order.iter().flat_map(|e| e.args()).chain(outputs) {
        *c.uses.entry(e.clone()).or_default() += 1;
    }
    for e in &order {
        let value = c.lower(e, variables);
        c.values.insert(e.clone(), value);
        for a in e.args() {
            c.used(a);
        }
    }
    let outputs = outputs
        .iter()
        .map(|o| match c.values.get(o) {
            Some(&Value::Reg(r)) => r,
            Some(&Value::Const(v)) => c.constant(v),
            None => c.constant(f64::NAN),
        })
        .collect();
    Tape {
        variables: variables.to_vec(),
        constants: c.constants,
        instrs: c.instrs,
        outputs,
        registers: c.next as usize,
    }
}

/// What a node compiled to: a number known now, or a register.
#[derive(Clone, Copy, Debug)]
enum Value {
    Const(f64),
    Reg(Reg),
}

#[derive(Default)]
struct Compiler {
    instrs: Vec<Instr>,
    constants: Vec<(Reg, f64)>,
    constant_regs: FxHashMap<u64, Reg>,
    values: FxHashMap<Expr, Value>,
    /// Uses by parents not yet compiled; at zero a register is free again.
    uses: FxHashMap<Expr, usize>,
    free: Vec<Reg>,
    next: Reg,
}

impl Compiler {
    /// A register for a new value. Operands are still held when their
    /// result is allocated, so a result never shares their register.
    fn alloc(&mut self) -> Reg {
        self.free.pop().unwrap_or_else(|| {
            self.next += 1;
            self.next - 1
        })
    }

    /// A register holding `v`, filled once per evaluation and never freed.
    fn constant(&mut self, v: f64) -> Reg {
        if let Some(&r) = self.constant_regs.get(&v.to_bits()) {
            return r;
        }
        self.next += 1;
        let r = self.next - 1;
        self.constants.push((r, v));
        self.constant_regs.insert(v.to_bits(), r);
        r
    }

    fn reg(&mut self, v: Value) -> Reg {
        match v {
            Value::Reg(r) => r,
            Value::Const(c) => self.constant(c),
        }
    }

    fn emit(&mut self, op: Op) -> Reg {
        let dst = self.alloc();
        self.instrs.push(Instr { dst, op });
        dst
    }

    /// A parent has read `e`: its register is free after the last read.
    /// (Each node's register is its own: constants live in registers of
    /// their own, and no node passes on an operand's register.)
    fn used(&mut self, e: &Expr) {
        if let Some(n) = self.uses.get_mut(e) {
            *n -= 1;
            if *n == 0 {
                if let Some(&Value::Reg(r)) = self.values.get(e) {
                    self.free.push(r);
                }
            }
        }
    }

    fn lower(&mut self, e: &Expr, variables: &[Expr]) -> Value {
        let args: Vec<Value> = e
            .args()
            .iter()
            .map(|a| {
                self.values
                    .get(a)
                    .copied()
                    .unwrap_or(Value::Const(f64::NAN))
            })
            .collect();
        match e.node() {
            Node::Num(n) => Value::Const(n.to_f64()),
            Node::Const(k) => Value::Const(k.value()),
            Node::Sym(name) => match variables.iter().position(|v| v == e) {
                Some(i) => Value::Reg(self.emit(Op::Load(i))),
                None => {
                    Value::Reg(self.emit(Op::Missing(EvalError::UnknownVariable(name.to_string()))))
                }
            },
            Node::Add(_) => self.fold(&args, 0.0, |a, b| a + b, Op::Add),
            Node::Mul(_) => self.fold(&args, 1.0, |a, b| a * b, Op::Mul),
            Node::Pow([_, exp]) => self.power(args[0], args[1], Exponent::of(exp)),
            Node::Call(Func::Undefined(f), _) => Value::Reg(self.emit(Op::Missing(
                EvalError::UndefinedFunction(f.display_name(e.args().len())),
            ))),
            Node::Call(f, _) => {
                let apply = real_function(f);
                match args.first() {
                    Some(&Value::Const(x)) if !apply(x).is_nan() => Value::Const(apply(x)),
                    Some(&x) => {
                        let x = self.reg(x);
                        Value::Reg(self.emit(Op::Call(x, apply, f.clone())))
                    }
                    None => Value::Const(f64::NAN),
                }
            }
        }
    }

    /// An n-ary sum or product: its constant operands folded into one,
    /// the rest chained pairwise.
    fn fold(
        &mut self,
        args: &[Value],
        unit: f64,
        combine: fn(f64, f64) -> f64,
        op: fn(Reg, Reg) -> Op,
    ) -> Value {
        let mut constant = unit;
        let mut regs = Vec::new();
        for a in args {
            match *a {
                Value::Const(c) => constant = combine(constant, c),
                Value::Reg(r) => regs.push(r),
            }
        }
        if regs.is_empty() {
            return Value::Const(constant);
        }
        // A lone operand still gets a register of its own (`x*1`).
        if constant != unit || regs.len() == 1 {
            regs.push(self.constant(constant));
        }
        let (&first, rest) = regs.split_first().unwrap_or((&0, &[]));
        Value::Reg(rest.iter().fold(first, |acc, &r| {
            let dst = self.emit(op(acc, r));
            if acc != first {
                self.free.push(acc);
            }
            dst
        }))
    }

    fn power(&mut self, base: Value, exp: Value, kind: Exponent) -> Value {
        if let (Value::Const(b), Value::Const(x)) = (base, exp) {
            let v = power(b, x);
            let division_by_zero = b == 0.0 && x < 0.0;
            if !v.is_nan() && !division_by_zero {
                return Value::Const(v);
            }
        }
        let b = self.reg(base);
        match kind {
            Exponent::Integer(0) => Value::Const(1.0),
            Exponent::Integer(1) => {
                let one = self.constant(1.0);
                Value::Reg(self.emit(Op::Mul(b, one)))
            }
            Exponent::Integer(-1) => Value::Reg(self.emit(Op::Recip(b))),
            Exponent::Integer(k) => {
                let positive = self.integer_power(b, k.unsigned_abs());
                if k < 0 {
                    let r = self.emit(Op::Recip(positive));
                    self.free.push(positive);
                    Value::Reg(r)
                } else {
                    Value::Reg(positive)
                }
            }
            Exponent::Sqrt => Value::Reg(self.emit(Op::Sqrt(b))),
            Exponent::RecipSqrt => {
                let s = self.emit(Op::Sqrt(b));
                let r = self.emit(Op::Recip(s));
                self.free.push(s);
                Value::Reg(r)
            }
            Exponent::Real(_) | Exponent::Symbolic => {
                let x = self.reg(exp);
                Value::Reg(self.emit(Op::Pow(b, x)))
            }
        }
    }

    /// `b^k` for `k >= 2` by repeated squaring, about `2 log2 k` products,
    /// in a register of its own.
    fn integer_power(&mut self, b: Reg, mut k: u32) -> Reg {
        // Temporaries are freed only at the end, so none is reused while
        // the squaring still reads it.
        let mut temps = Vec::new();
        let mut result: Option<Reg> = None;
        let mut square = b;
        loop {
            if k & 1 == 1 {
                result = Some(match result {
                    None => square,
                    Some(r) => {
                        let product = self.emit(Op::Mul(r, square));
                        temps.push(product);
                        product
                    }
                });
            }
            k >>= 1;
            if k == 0 {
                break;
            }
            square = self.emit(Op::Mul(square, square));
            temps.push(square);
        }
        let result = result.unwrap_or(square);
        self.free.extend(temps.into_iter().filter(|&t| t != result));
        result
    }
}

impl Tape {
    /// The variables, in the order values are given.
    ///
    /// ```
    /// use symdiff::{eval::compile, parse};
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
    /// let tape = symdiff::eval::compile(&[symdiff::Expr::int(1), symdiff::Expr::int(2)]);
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
    /// let tape = symdiff::eval::compile(&[symdiff::parse("ln(x)").unwrap()]);
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
    /// use symdiff::{eval::compile, parse};
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
            let domain = |func: &str, arg: f64| {
                if result.is_nan() && !arg.is_nan() {
                    Err(EvalError::Domain {
                        func: func.to_string(),
                        arg,
                    })
                } else {
                    Ok(())
                }
            };
            match &instr.op {
                Op::Call(a, _, f) => domain(f.name(), read(a))?,
                Op::Sqrt(a) => domain("sqrt", read(a))?,
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
    /// use symdiff::{eval::compile, parse};
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
    /// use symdiff::{eval::compile, parse};
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
/// use symdiff::{eval::compile, parse};
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
    /// let tape = symdiff::eval::compile(&[symdiff::parse("x").unwrap()]);
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
    /// let tape = symdiff::eval::compile(&[symdiff::parse("x").unwrap()]);
    /// assert_eq!(tape.map_blocks(&[&[1.0, 2.0, 3.0]], |b| b.len()), vec![3]);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the block has no points (never, for blocks handed over).
    ///
    /// ```
    /// let tape = symdiff::eval::compile(&[symdiff::parse("x").unwrap()]);
    /// assert_eq!(tape.map_blocks(&[&[1.0]], |b| b.is_empty()), vec![false]);
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The number of outputs.
    ///
    /// ```
    /// let tape = symdiff::eval::compile(&[symdiff::parse("x").unwrap()]);
    /// assert_eq!(tape.map_blocks(&[&[1.0]], |b| b.width()), vec![1]);
    /// ```
    pub fn width(&self) -> usize {
        self.tape.outputs.len()
    }

    /// Output `k` at the block's points (empty if there is no output `k`).
    ///
    /// ```
    /// let tape = symdiff::eval::compile(&[symdiff::parse("-x").unwrap()]);
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
                Op::Missing(why) => writeln!(f, "NaN ({why})"),
            }?;
        }
        for (k, r) in self.outputs.iter().enumerate() {
            writeln!(f, "out{k} = r{r}")?;
        }
        Ok(())
    }
}
