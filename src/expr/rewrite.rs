//! Rebuilding expressions: a node over new operands, rewrites bottom-up
//! with every shared node visited once, and substitution. All of it goes
//! through the canonical constructors, so results stay canonical.

use super::{Expr, Node};
use rustc_hash::FxHashMap;

impl Expr {
    /// This node rebuilt over new operands, through the canonical constructors.
    ///
    /// ```
    /// use symdiff::{parse, Expr};
    /// let e = parse("x + y").unwrap();
    /// let same_shape = e.with_args(vec![Expr::int(2), Expr::int(3)]);
    /// assert_eq!(same_shape, Expr::int(5));
    /// ```
    pub fn with_args(&self, args: Vec<Expr>) -> Expr {
        match self.node() {
            Node::Num(_) | Node::Const(_) | Node::Sym(_) => self.clone(),
            Node::Add(_) => Expr::add(args),
            Node::Mul(_) => Expr::mul(args),
            Node::Pow(_) => {
                let mut it = args.into_iter();
                match (it.next(), it.next()) {
                    (Some(b), Some(e)) => Expr::pow(b, e),
                    _ => self.clone(),
                }
            }
            Node::Call(f, _) => Expr::call(f.clone(), args),
        }
    }

    /// Every node of this expression rewritten bottom-up by `rewrite`, which
    /// gets each node already rebuilt over rewritten operands. Shared nodes
    /// are rewritten once; nodes `skip` accepts are kept as they are.
    ///
    /// ```
    /// use symdiff::{parse, Expr};
    /// let e = parse("sin(x) + x").unwrap();
    /// let doubled = e.rewrite(|_| false, |n| if n == Expr::symbol("x") { Expr::int(2) } else { n });
    /// assert_eq!(doubled, parse("sin(2) + 2").unwrap());
    /// ```
    pub fn rewrite(&self, skip: impl Fn(&Expr) -> bool, rewrite: impl FnMut(Expr) -> Expr) -> Expr {
        let mut out = Expr::rewrite_all(std::slice::from_ref(self), skip, rewrite);
        out.pop().unwrap_or_else(|| self.clone())
    }

    /// Several expressions rewritten as [`Expr::rewrite`] does, sharing the
    /// work on the nodes they have in common (the entries of a gradient
    /// share most of theirs).
    ///
    /// ```
    /// use symdiff::{parse, Expr};
    /// let roots = [parse("x + 1").unwrap(), parse("2*(x + 1)").unwrap()];
    /// let y = |n: Expr| if n == Expr::symbol("x") { Expr::symbol("y") } else { n };
    /// let out = Expr::rewrite_all(&roots, |_| false, y);
    /// assert_eq!(out, [parse("y + 1").unwrap(), parse("2*y + 2").unwrap()]);
    /// ```
    pub fn rewrite_all(
        roots: &[Expr],
        skip: impl Fn(&Expr) -> bool,
        mut rewrite: impl FnMut(Expr) -> Expr,
    ) -> Vec<Expr> {
        let memo: std::cell::RefCell<FxHashMap<Expr, Expr>> = Default::default();
        for root in roots {
            super::walk::postorder(
                root,
                |n| !skip(n) && !memo.borrow().contains_key(n),
                |n| {
                    let mut changed = false;
                    let args: Vec<Expr> = {
                        let memo = memo.borrow();
                        n.args()
                            .iter()
                            .map(|a| match memo.get(a) {
                                Some(new) => {
                                    changed |= new != a;
                                    new.clone()
                                }
                                None => a.clone(),
                            })
                            .collect()
                    };
                    let rebuilt = if changed {
                        n.with_args(args)
                    } else {
                        n.clone()
                    };
                    let done = rewrite(rebuilt);
                    memo.borrow_mut().insert(n.clone(), done);
                },
            );
        }
        let memo = memo.into_inner();
        roots
            .iter()
            .map(|r| memo.get(r).cloned().unwrap_or_else(|| r.clone()))
            .collect()
    }

    /// This expression with the variable `var` replaced by `value`.
    ///
    /// ```
    /// use symdiff::{parse, Expr};
    /// let e = parse("x^2 + y").unwrap();
    /// let at = e.substitute(&Expr::symbol("x"), &Expr::int(3));
    /// assert_eq!(at, parse("9 + y").unwrap());
    /// ```
    pub fn substitute(&self, var: &Expr, value: &Expr) -> Expr {
        self.rewrite(
            |n| !n.may_contain(var),
            |n| if &n == var { value.clone() } else { n },
        )
    }
}
