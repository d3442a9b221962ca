//! Lowering expressions to a tape: the DAG in topological order, n-ary
//! sums and products chained pairwise, integer powers as products,
//! constants folded, and registers reused once their last reader is done.

use super::tape::{Instr, Math, Op, Reg, Tape};
use super::vector::Kernel;
use super::{apply, power, EvalError, Exponent};
use crate::expr::{walk, Expr, Func, Node};
use crate::functions::Eval;
use rustc_hash::FxHashMap;

/// Compiles `outputs` over their free variables, in natural order
/// (`x1 < x2 < x10`); [`Tape::variables`] lists them.
///
/// ```
/// use symdiff::{numeric::compile, hessian, parse, Expr};
/// let vars = [Expr::symbol("x"), Expr::symbol("y")];
/// let h = hessian(&parse("x^2*y^3").unwrap(), &vars);
/// let tape = compile(h.entries()); // the whole Hessian is one tape
/// assert_eq!(tape.eval(&[1.0, 2.0]), vec![16.0, 24.0, 24.0, 12.0]);
/// ```
pub fn compile(outputs: &[Expr]) -> Tape {
    compile_in(outputs, &Expr::free_symbols_of(outputs))
}

/// Compiles `outputs` with the inputs `variables`, in that order. A
/// variable of the outputs that is not among them has no value: NaN, and
/// an [`EvalError::UnknownVariable`] from [`Tape::eval_checked`].
///
/// ```
/// use symdiff::{numeric::compile_in, parse, EvalError, Expr};
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
        math: Math::default(),
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
                None => Value::Reg(self.emit(Op::Missing(Box::new(EvalError::UnknownVariable(
                    name.to_string(),
                ))))),
            },
            // -0.0: the start of `Expr::eval`'s sum (Rust's `f64::sum`).
            Node::Add(_) => self.fold(&args, -0.0, |a, b| a + b, Op::Add, Op::AddConst),
            Node::Mul(_) => self.fold(&args, 1.0, |a, b| a * b, Op::Mul, Op::MulConst),
            Node::Pow([_, exp]) => self.power(args[0], args[1], Exponent::of(exp)),
            Node::Call(Func::Undefined(f), _) => Value::Reg(self.emit(Op::Missing(Box::new(
                EvalError::UndefinedFunction(f.display_name(e.args().len())),
            )))),
            Node::Call(f, _) => self.call(f, &args),
        }
    }

    /// A call: folded when every argument is a constant and the value is
    /// real (a NaN is left to evaluation, which says where it arose);
    /// otherwise one instruction, or a chain of them for an n-ary function.
    fn call(&mut self, f: &Func, args: &[Value]) -> Value {
        let constants: Option<Vec<f64>> = args
            .iter()
            .map(|a| match a {
                Value::Const(c) => Some(*c),
                Value::Reg(_) => None,
            })
            .collect();
        if let Some(value) = constants.map(|cs| apply(f, &cs)).filter(|v| !v.is_nan()) {
            return Value::Const(value);
        }
        let eval = f.def().map(|d| d.eval);
        match (eval, args) {
            (Some(Eval::Unary(g)), &[x]) => {
                let x = self.reg(x);
                Value::Reg(self.emit(Op::Call(x, g, f.clone(), Kernel::of(f))))
            }
            (Some(Eval::Binary(g) | Eval::Fold(g)), &[first, ref rest @ ..])
                if !rest.is_empty() =>
            {
                rest.iter().fold(first, |acc, &b| {
                    let (a, b) = (self.reg(acc), self.reg(b));
                    Value::Reg(self.emit(Op::Call2(a, b, g, f.clone())))
                })
            }
            (Some(Eval::Fold(_)), &[only]) => only,
            _ => Value::Const(f64::NAN),
        }
    }

    /// An n-ary sum or product, left to right from `unit` as
    /// [`Expr::eval`] computes it (so the scalar path gives its bits): the
    /// constants before the first variable operand folded into one, each
    /// constant the immediate operand of the instruction that takes it.
    fn fold(
        &mut self,
        args: &[Value],
        unit: f64,
        combine: fn(f64, f64) -> f64,
        op: fn(Reg, Reg) -> Op,
        op_const: fn(Reg, f64) -> Op,
    ) -> Value {
        let mut acc = Value::Const(unit);
        // Whether `acc`'s register is this fold's own, free once read.
        let mut temporary = false;
        for &a in args {
            let (instr, read) = match (acc, a) {
                (Value::Const(c), Value::Const(d)) => {
                    acc = Value::Const(combine(c, d));
                    continue;
                }
                // `unit ∘ x` is `x` to the bit: no instruction.
                (Value::Const(c), Value::Reg(r)) if c.to_bits() == unit.to_bits() => {
                    acc = Value::Reg(r);
                    continue;
                }
                // `c ∘ x` and `x ∘ c` are the same IEEE operation.
                (Value::Const(c), Value::Reg(r)) => (op_const(r, c), None),
                (Value::Reg(r), Value::Const(c)) => (op_const(r, c), Some(r)),
                (Value::Reg(r), Value::Reg(s)) => (op(r, s), Some(r)),
            };
            let dst = self.emit(instr);
            if let Some(r) = read.filter(|_| temporary) {
                self.free.push(r);
            }
            acc = Value::Reg(dst);
            temporary = true;
        }
        match acc {
            // A lone operand still gets a register of its own (`x*1`).
            Value::Reg(r) if !temporary => Value::Reg(self.emit(op_const(r, unit))),
            _ => acc,
        }
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
            Exponent::Integer(1) => Value::Reg(self.emit(Op::MulConst(b, 1.0))),
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
