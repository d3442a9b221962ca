//! The expression core: hash-consed, immutable expression nodes.
//!
//! Every [`Expr`] is a handle to a node in a global intern table, so two
//! structurally equal expressions are the same node: equality and hashing
//! are O(1), and a derivative that reuses a subexpression shares it. Nodes
//! are built only through the canonicalizing constructors in [`build`].

pub(crate) mod budget;
pub mod build;
mod fold;
mod grouped;
mod intern;
mod natural;
pub mod number;
mod ops;
mod rewrite;
pub mod walk;

pub use crate::functions::{Func, UndefinedFunc};
pub(crate) use build::Term;
pub use natural::natural_cmp;
pub use number::Number;

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A named mathematical constant.
///
/// ```
/// assert_eq!(symdiff::Constant::Pi.name(), "pi");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Constant {
    /// π, the ratio of a circle's circumference to its diameter.
    Pi,
    /// e, the base of the natural logarithm.
    E,
}

impl Constant {
    /// The name as written in the syntax.
    ///
    /// ```
    /// assert_eq!(symdiff::Constant::E.name(), "e");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Constant::Pi => "pi",
            Constant::E => "e",
        }
    }

    /// The value as a double.
    ///
    /// ```
    /// assert_eq!(symdiff::Constant::Pi.value(), std::f64::consts::PI);
    /// ```
    pub fn value(self) -> f64 {
        match self {
            Constant::Pi => std::f64::consts::PI,
            Constant::E => std::f64::consts::E,
        }
    }
}

/// What an expression node is. Subtraction is `a + (-1)*b` and division is
/// `a * b^-1`, so there is one form per meaning.
///
/// ```
/// use symdiff::{parse, Node};
/// let e = parse("x^2").unwrap();
/// assert!(matches!(e.node(), Node::Pow(_)));
/// ```
#[derive(Debug)]
pub enum Node {
    /// An exact rational number.
    Num(Number),
    /// A named constant.
    Const(Constant),
    /// A variable.
    Sym(Arc<str>),
    /// A sum of two or more terms; a number term, if any, comes first.
    Add(Box<[Expr]>),
    /// A product of two or more factors; a number coefficient, if any, comes first.
    Mul(Box<[Expr]>),
    /// `[base, exponent]`.
    Pow([Expr; 2]),
    /// A function applied to its arguments.
    Call(Func, Box<[Expr]>),
}

/// The largest tree size a node keeps; a larger one is kept as this.
pub(crate) const TREE_SIZE_CAP: u32 = u32::MAX;

pub(crate) struct Inner {
    hash: u64,
    /// One bit per symbol hash: a clear bit proves the symbol is absent.
    symbols: u64,
    /// The longest path to a leaf (a leaf has depth 1), kept so that depth
    /// limits cost nothing to check.
    depth: u32,
    /// The number of nodes written out as a tree (shared nodes counted
    /// each time), [`TREE_SIZE_CAP`] at most: kept so that the printed-size
    /// limit costs nothing to check. It fills the padding after `depth`.
    tree_size: u32,
    node: Node,
}

/// An immutable, cheaply clonable, hash-consed expression.
///
/// ```
/// use symdiff::parse;
/// let a = parse("x*y + 1").unwrap();
/// let b = parse("1 + y*x").unwrap();
/// assert_eq!(a, b); // one canonical node
/// ```
#[derive(Clone)]
pub struct Expr(Arc<Inner>);

impl Expr {
    /// What this node is.
    ///
    /// ```
    /// use symdiff::{Expr, Node};
    /// assert!(matches!(Expr::symbol("x").node(), Node::Sym(_)));
    /// ```
    pub fn node(&self) -> &Node {
        &self.0.node
    }

    /// The operands of this node (empty for numbers, constants and symbols).
    ///
    /// ```
    /// let e = symdiff::parse("sin(x)*y").unwrap();
    /// assert_eq!(e.args().len(), 2);
    /// ```
    pub fn args(&self) -> &[Expr] {
        match self.node() {
            Node::Add(v) | Node::Mul(v) | Node::Call(_, v) => v,
            Node::Pow(pair) => pair,
            Node::Num(_) | Node::Const(_) | Node::Sym(_) => &[],
        }
    }

    /// The exact number this is, if it is one.
    ///
    /// ```
    /// let e = symdiff::parse("6/4").unwrap();
    /// assert_eq!(e.as_number().unwrap().to_string(), "3/2");
    /// ```
    pub fn as_number(&self) -> Option<&Number> {
        match self.node() {
            Node::Num(n) => Some(n),
            _ => None,
        }
    }

    /// The variable's name, if this is a variable.
    ///
    /// ```
    /// assert_eq!(symdiff::Expr::symbol("x").as_symbol(), Some("x"));
    /// ```
    pub fn as_symbol(&self) -> Option<&str> {
        match self.node() {
            Node::Sym(s) => Some(s),
            _ => None,
        }
    }

    /// Whether this is the number zero.
    ///
    /// ```
    /// assert!(symdiff::parse("x - x").unwrap().is_zero());
    /// ```
    pub fn is_zero(&self) -> bool {
        self.as_number().is_some_and(Number::is_zero)
    }

    /// Whether this is the number one.
    ///
    /// ```
    /// assert!(symdiff::parse("x/x").unwrap().is_one());
    /// ```
    pub fn is_one(&self) -> bool {
        self.as_number().is_some_and(Number::is_one)
    }

    /// Whether `var` may occur in this expression: `false` is certain, `true`
    /// is checked exactly by [`Expr::depends_on`].
    pub(crate) fn may_contain(&self, var: &Expr) -> bool {
        self.0.symbols & var.0.symbols != 0
    }

    /// Whether the variable `var` occurs in this expression.
    ///
    /// ```
    /// use symdiff::{parse, Expr};
    /// let e = parse("sin(x) + y").unwrap();
    /// assert!(e.depends_on(&Expr::symbol("x")));
    /// assert!(!e.depends_on(&Expr::symbol("z")));
    /// ```
    pub fn depends_on(&self, var: &Expr) -> bool {
        if !self.may_contain(var) {
            return false;
        }
        let found = std::cell::Cell::new(false);
        walk::postorder(
            self,
            |e| !found.get() && e.may_contain(var),
            |e| found.set(found.get() || e == var),
        );
        found.get()
    }

    /// A number of pointer width that identifies this node while it lives.
    pub(crate) fn id(&self) -> usize {
        Arc::as_ptr(&self.0) as usize
    }
}

impl PartialEq for Expr {
    fn eq(&self, other: &Expr) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Expr {}

impl Hash for Expr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.0.hash);
    }
}

/// The canonical order of operands: by structural hash, which is stable
/// across runs and O(1). Readable order is the printers' business.
impl Ord for Expr {
    fn cmp(&self, other: &Expr) -> Ordering {
        if self == other {
            return Ordering::Equal;
        }
        self.0
            .hash
            .cmp(&other.0.hash)
            // Two live distinct nodes with one 64-bit hash: astronomically
            // rare; any fixed tie-break keeps the order total.
            .then_with(|| self.id().cmp(&other.id()))
    }
}

impl PartialOrd for Expr {
    fn partial_cmp(&self, other: &Expr) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Debug for Expr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Expr({self})")
    }
}

impl Drop for Inner {
    /// Drops deep expressions without recursion: children whose last owner
    /// this is are unlinked onto a heap stack first. Children shared with
    /// other nodes, most of them in a hash-consed DAG, only lose a count,
    /// and a node with no child of its own needs no stack at all.
    fn drop(&mut self) {
        if matches!(self.node, Node::Num(_) | Node::Const(_) | Node::Sym(_)) {
            return;
        }
        let mut stack = Vec::new();
        unlink_children(&mut self.node, &mut stack);
        while let Some(Expr(arc)) = stack.pop() {
            if let Some(mut inner) = Arc::into_inner(arc) {
                unlink_children(&mut inner.node, &mut stack);
            }
        }
    }
}

/// Empties `node`, moving onto `stack` the children it alone holds.
fn unlink_children(node: &mut Node, stack: &mut Vec<Expr>) {
    let keep = |c: Expr| {
        if Arc::strong_count(&c.0) == 1 {
            stack.push(c);
        }
    };
    // A constant is a childless node that owns nothing to free.
    match std::mem::replace(node, Node::Const(Constant::E)) {
        Node::Add(v) | Node::Mul(v) | Node::Call(_, v) => v.into_vec().into_iter().for_each(keep),
        Node::Pow(pair) => pair.into_iter().for_each(keep),
        Node::Num(_) | Node::Const(_) | Node::Sym(_) => {}
    }
}

impl Expr {
    /// The variables in this expression, in natural order (`x1 < x2 < x10`).
    ///
    /// ```
    /// let e = symdiff::parse("x10 + x2*y + x1").unwrap();
    /// let names: Vec<String> = e.free_symbols().iter().map(|v| v.to_string()).collect();
    /// assert_eq!(names, ["x1", "x2", "x10", "y"]);
    /// ```
    pub fn free_symbols(&self) -> Vec<Expr> {
        Expr::free_symbols_of(std::slice::from_ref(self))
    }

    /// The variables of all of `exprs` together, each once, in natural
    /// order: those of a vector of functions, a gradient or a Hessian.
    ///
    /// ```
    /// use symdiff::{parse, Expr};
    /// let fs = [parse("x10*y").unwrap(), parse("x2 + y").unwrap()];
    /// let names: Vec<String> = Expr::free_symbols_of(&fs).iter().map(|v| v.to_string()).collect();
    /// assert_eq!(names, ["x2", "x10", "y"]);
    /// ```
    pub fn free_symbols_of(exprs: &[Expr]) -> Vec<Expr> {
        // One walk over all of them: the entries of a gradient share most
        // of their nodes, and each node is visited once.
        let mut found = Vec::new();
        walk::postorder_all(
            exprs,
            |e| e.0.symbols != 0,
            |e| {
                if e.as_symbol().is_some() {
                    found.push(e.clone());
                }
            },
        );
        found.sort_by(|a, b| natural_cmp(a.as_symbol().unwrap_or(""), b.as_symbol().unwrap_or("")));
        found.dedup();
        found
    }
}
