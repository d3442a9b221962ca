//! Lowering expressions to a tape: the DAG in topological order, n-ary
//! sums and products chained pairwise, integer powers as products,
//! constants folded, and registers reused once their last reader is done.
//! A product read only by a sum is computed and added in one instruction,
//! and `tanh(u)` with the `cosh(u)^-2` of its derivative in another: the
//! block's registers are then read and written fewer times.

use super::tape::{Instr, Math, Op, Reg, Tape};
use super::vector::Kernel;
use super::{apply, power, EvalError, Exponent};
use crate::expr::{walk, Expr, Func, Node};
use crate::functions::Eval;
use rustc_hash::{FxHashMap, FxHashSet};

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
    let terms = product_terms(&order, &c.uses);
    (c.partners, c.paired_cosh) = tanh_sech2_pairs(&order);
    for e in &order {
        let value = c.lower(e, variables, terms.contains(e));
        c.values.insert(e.clone(), value);
        // A product waiting for its sum still needs its operands.
        if !matches!(value, Value::Product(_)) {
            c.release_operands(e);
        }
    }
    let outputs = outputs
        .iter()
        .map(|o| match c.values.get(o) {
            Some(&Value::Reg(r)) => r,
            Some(&Value::Const(v)) => c.constant(v),
            Some(&Value::Product(p)) => c.product(None, p),
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

/// The products read once, by a sum: each is left for the sum to compute
/// with its own addition, in one instruction ([`Op::Term`]).
fn product_terms(order: &[Expr], uses: &FxHashMap<Expr, usize>) -> FxHashSet<Expr> {
    order
        .iter()
        .filter(|e| matches!(e.node(), Node::Add(_)))
        .flat_map(|e| e.args())
        .filter(|a| matches!(a.node(), Node::Mul(_)) && uses.get(*a) == Some(&1))
        .cloned()
        .collect()
}

/// The nodes `tanh(u)` and `cosh(u)^-2` (the derivative the engine prints
/// for tanh) that both occur, each mapped to the other: one instruction
/// computes the two; and the `cosh(u)` of the pairs.
fn tanh_sech2_pairs(order: &[Expr]) -> (FxHashMap<Expr, Expr>, FxHashSet<Expr>) {
    let tanh_of: FxHashMap<&Expr, &Expr> = order
        .iter()
        .filter_map(|e| match e.node() {
            Node::Call(Func::Tanh, args) if args.len() == 1 => Some((&args[0], e)),
            _ => None,
        })
        .collect();
    let mut partners = FxHashMap::default();
    let mut cosh = FxHashSet::default();
    for e in order {
        if let Node::Pow([base, exp]) = e.node() {
            if let (Node::Call(Func::Cosh, args), Exponent::Integer(-2)) =
                (base.node(), Exponent::of(exp))
            {
                if let Some(&tanh) = args.first().and_then(|u| tanh_of.get(u)) {
                    partners.insert(tanh.clone(), e.clone());
                    partners.insert(e.clone(), tanh.clone());
                    cosh.insert(base.clone());
                }
            }
        }
    }
    (partners, cosh)
}

/// What a node compiled to: a number known now, a register, or a product
/// not yet computed, waiting for its sum (an index into
/// [`Compiler::products`]).
#[derive(Clone, Copy, Debug)]
enum Value {
    Const(f64),
    Reg(Reg),
    Product(usize),
}

/// A product of a constant and at most [`TERM_FACTORS`] registers,
/// `((a*k)*b)*c` as its fold computes it, waiting for the sum that reads
/// it: one instruction computes and adds it ([`Op::Term`]).
struct Product {
    node: Expr,
    k: f64,
    factors: Vec<Reg>,
}

/// The most register factors of a product computed in one instruction.
const TERM_FACTORS: usize = 3;

/// A fold's running value.
#[derive(Clone, Copy)]
enum Acc {
    Const(f64),
    Reg(Reg),
}

/// How an n-ary sum or product is chained.
struct Fold {
    unit: f64,
    combine: fn(f64, f64) -> f64,
    op: fn(Reg, Reg) -> Op,
    op_const: fn(Reg, f64) -> Op,
}

/// -0.0: the start of `Expr::eval`'s sum (Rust's `f64::sum`).
const SUM: Fold = Fold {
    unit: -0.0,
    combine: |a, b| a + b,
    op: Op::Add,
    op_const: Op::AddConst,
};

const PRODUCT: Fold = Fold {
    unit: 1.0,
    combine: |a, b| a * b,
    op: Op::Mul,
    op_const: Op::MulConst,
};

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
    products: Vec<Product>,
    /// [`tanh_sech2_pairs`].
    partners: FxHashMap<Expr, Expr>,
    paired_cosh: FxHashSet<Expr>,
    /// The registers of pairs' second nodes, computed with the first.
    early: FxHashMap<Expr, Reg>,
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
            Value::Product(p) => self.product(None, p),
        }
    }

    /// The waiting product `p`, plus `acc` if given, computed into a
    /// register; the product's operands have one reader less.
    fn product(&mut self, acc: Option<Reg>, p: usize) -> Reg {
        let Product { node, k, factors } = &self.products[p];
        let (node, k) = (node.clone(), *k);
        let mut regs = [factors[0]; TERM_FACTORS];
        regs[..factors.len()].copy_from_slice(factors);
        let len = factors.len() as u8;
        let r = self.emit(Op::Term {
            acc,
            k,
            factors: regs,
            len,
        });
        self.release_operands(&node);
        r
    }

    /// A product term of a sum, `k` times at most [`TERM_FACTORS`]
    /// registers after its constants, left waiting; any other product
    /// as its fold computes it.
    fn product_term(&mut self, e: &Expr, args: &[Value]) -> Value {
        let constants = args.iter().take_while(|a| matches!(a, Value::Const(_)));
        let k = constants.fold(1.0, |k, a| match a {
            Value::Const(c) => k * c,
            _ => k,
        });
        let factors: Option<Vec<Reg>> = args
            .iter()
            .skip_while(|a| matches!(a, Value::Const(_)))
            .map(|a| match a {
                Value::Reg(r) => Some(*r),
                _ => None,
            })
            .collect();
        match factors {
            Some(factors) if (1..=TERM_FACTORS).contains(&factors.len()) => {
                self.products.push(Product {
                    node: e.clone(),
                    k,
                    factors,
                });
                Value::Product(self.products.len() - 1)
            }
            _ => self.fold(args, &PRODUCT),
        }
    }

    /// `e` has been computed: each of its operands has one reader less.
    fn release_operands(&mut self, e: &Expr) {
        for a in e.args() {
            self.used(a);
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

    /// `e`'s value; a product that is a `term` of a sum may be left
    /// waiting for the sum.
    fn lower(&mut self, e: &Expr, variables: &[Expr], term: bool) -> Value {
        if let Some(r) = self.early.remove(e) {
            return Value::Reg(r);
        }
        if let Some(value) = self.tanh_sech2(e) {
            return value;
        }
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
        // Only a sum takes a waiting product as it is.
        let args: Vec<Value> = if matches!(e.node(), Node::Add(_)) {
            args
        } else {
            args.into_iter()
                .map(|a| match a {
                    Value::Product(p) => Value::Reg(self.product(None, p)),
                    other => other,
                })
                .collect()
        };
        match e.node() {
            Node::Num(n) => Value::Const(n.to_f64()),
            Node::Const(k) => Value::Const(k.value()),
            Node::Sym(name) => match variables.iter().position(|v| v == e) {
                Some(i) => Value::Reg(self.emit(Op::Load(i))),
                None => Value::Reg(self.emit(Op::Missing(Box::new(EvalError::UnknownVariable(
                    name.to_string(),
                ))))),
            },
            Node::Add(_) => self.fold(&args, &SUM),
            Node::Mul(_) if term => self.product_term(e, &args),
            Node::Mul(_) => self.fold(&args, &PRODUCT),
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
                Value::Reg(_) | Value::Product(_) => None,
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

    /// A node of a tanh-sech² pair whose argument is in a register: the
    /// instruction computing both, at the first of the two; and for
    /// `cosh(u)` read only by its pair's power, nothing (its value is
    /// never read).
    fn tanh_sech2(&mut self, e: &Expr) -> Option<Value> {
        let (u, partner) = match e.node() {
            Node::Call(Func::Cosh, args) if self.paired_cosh.contains(e) => {
                let reg_arg = matches!(self.values.get(&args[0]), Some(Value::Reg(_)));
                return (reg_arg && self.uses.get(e) == Some(&1)).then_some(Value::Const(f64::NAN));
            }
            Node::Call(Func::Tanh, args) => (&args[0], self.partners.get(e)?),
            Node::Pow(_) => {
                let tanh = self.partners.get(e)?;
                (&tanh.args()[0], tanh)
            }
            _ => return None,
        };
        let Some(&Value::Reg(x)) = self.values.get(u) else {
            return None;
        };
        let partner = partner.clone();
        let first = self.alloc();
        let second = self.alloc();
        let (t, s) = match e.node() {
            Node::Pow(_) => (second, first),
            _ => (first, second),
        };
        self.instrs.push(Instr {
            dst: t,
            op: Op::TanhSech2(x, s),
        });
        self.early.insert(partner, second);
        Some(Value::Reg(first))
    }

    /// An n-ary sum or product, left to right from the rule's unit as
    /// [`Expr::eval`] computes it (so the scalar path gives its bits): the
    /// constants before the first variable operand folded into one, each
    /// constant the immediate operand of the instruction that takes it. A
    /// sum adds a waiting product in the instruction that computes it.
    fn fold(&mut self, args: &[Value], rule: &Fold) -> Value {
        let mut acc = Acc::Const(rule.unit);
        // Whether `acc`'s register is this fold's own, free once read.
        let mut temporary = false;
        for &arg in args {
            let (instr, read, own) = match (acc, arg) {
                (Acc::Reg(r), Value::Product(p)) => {
                    let dst = self.product(Some(r), p);
                    if temporary {
                        self.free.push(r);
                    }
                    acc = Acc::Reg(dst);
                    temporary = true;
                    continue;
                }
                (Acc::Const(c), Value::Const(d)) => {
                    acc = Acc::Const((rule.combine)(c, d));
                    continue;
                }
                // `unit ∘ x` is `x` to the bit: no instruction.
                (Acc::Const(c), Value::Reg(r)) if c.to_bits() == rule.unit.to_bits() => {
                    acc = Acc::Reg(r);
                    continue;
                }
                (Acc::Const(c), Value::Product(p)) => {
                    let r = self.product(None, p);
                    if c.to_bits() == rule.unit.to_bits() {
                        acc = Acc::Reg(r);
                        temporary = true;
                        continue;
                    }
                    ((rule.op_const)(r, c), None, Some(r))
                }
                // `c ∘ x` and `x ∘ c` are the same IEEE operation.
                (Acc::Const(c), Value::Reg(r)) => ((rule.op_const)(r, c), None, None),
                (Acc::Reg(r), Value::Const(c)) => ((rule.op_const)(r, c), Some(r), None),
                (Acc::Reg(r), Value::Reg(s)) => ((rule.op)(r, s), Some(r), None),
            };
            let dst = self.emit(instr);
            if let Some(r) = read.filter(|_| temporary) {
                self.free.push(r);
            }
            self.free.extend(own);
            acc = Acc::Reg(dst);
            temporary = true;
        }
        match acc {
            // A lone operand still gets a register of its own (`x*1`).
            Acc::Reg(r) if !temporary => Value::Reg(self.emit((rule.op_const)(r, rule.unit))),
            Acc::Reg(r) => Value::Reg(r),
            Acc::Const(c) => Value::Const(c),
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
