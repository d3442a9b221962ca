//! Traversals of expression DAGs that use a heap stack, never recursion,
//! so a million-deep expression walks as safely as a shallow one.

use super::Expr;
use rustc_hash::FxHashSet;

/// Visits each node reachable from `root` once, children before parents.
/// `enter(e)` says whether to visit `e` at all (and so its children);
/// `leave(e)` runs after all of `e`'s entered children have left.
///
/// ```
/// let e = symdiff::parse("sin(x) + sin(x)^2").unwrap();
/// let mut n = 0;
/// symdiff::walk::postorder(&e, |_| true, |_| n += 1);
/// assert_eq!(n, 5); // x, sin(x), 2, sin(x)^2, the sum
/// ```
pub fn postorder<'a>(
    root: &'a Expr,
    enter: impl FnMut(&'a Expr) -> bool,
    leave: impl FnMut(&'a Expr),
) {
    postorder_all(std::slice::from_ref(root), enter, leave);
}

/// [`postorder`] over several roots at once: a node shared between roots is
/// visited once, so work keyed on nodes is shared across all of them.
///
/// ```
/// use symdiff::{parse, walk};
/// let roots = [parse("sin(x) + 1").unwrap(), parse("sin(x)*y").unwrap()];
/// let mut n = 0;
/// walk::postorder_all(&roots, |_| true, |_| n += 1);
/// assert_eq!(n, 6); // x, sin(x), 1, sin(x) + 1, y, sin(x)*y
/// ```
pub fn postorder_all<'a>(
    roots: &'a [Expr],
    mut enter: impl FnMut(&'a Expr) -> bool,
    mut leave: impl FnMut(&'a Expr),
) {
    with_scratch_set(|done| {
        // The nodes borrow from the roots, which outlive the walk: the
        // stack holds references, so visiting a node costs no reference
        // counting.
        let mut stack: Vec<(&'a Expr, bool)> = Vec::new();
        for root in roots {
            if done.contains(&root.id()) || !enter(root) {
                continue;
            }
            stack.push((root, false));
            while let Some((e, expanded)) = stack.pop() {
                if expanded {
                    if done.insert(e.id()) {
                        leave(e);
                    }
                    continue;
                }
                if done.contains(&e.id()) {
                    continue;
                }
                stack.push((e, true));
                for child in e.args().iter().rev() {
                    if !done.contains(&child.id()) && enter(child) {
                        stack.push((child, false));
                    }
                }
            }
        }
    });
}

thread_local! {
    /// The visited set of the walks on this thread, kept between walks so
    /// that each does not grow a table of its own from nothing.
    static SCRATCH: std::cell::RefCell<FxHashSet<usize>> = std::cell::RefCell::default();
}

/// The most entries a kept visited set may have room for: a walk over a
/// huge DAG does not keep its memory for the rest of the run.
const SCRATCH_KEPT: usize = 1 << 16;

/// Runs `f` with an empty set: the thread's kept one, or a new one for a
/// walk begun inside another walk's callbacks.
fn with_scratch_set<R>(f: impl FnOnce(&mut FxHashSet<usize>) -> R) -> R {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut set) => {
            // Empty already, unless a callback panicked out of the last
            // walk (then its ids would be stale).
            set.clear();
            let result = f(&mut set);
            if set.capacity() > SCRATCH_KEPT {
                *set = FxHashSet::default();
            } else {
                set.clear();
            }
            result
        }
        Err(_) => f(&mut FxHashSet::default()),
    })
}

/// Every distinct node reachable from `roots`, children before parents:
/// the straight-line order in which compiled code computes them.
///
/// ```
/// use symdiff::{parse, walk};
/// let order = walk::topological(&[parse("sin(x)^2 + sin(x)").unwrap()]);
/// let shown: Vec<String> = order.iter().map(|e| e.to_string()).collect();
/// assert_eq!(shown.last().unwrap(), "sin(x)^2 + sin(x)");
/// assert_eq!(shown.iter().filter(|s| *s == "sin(x)").count(), 1);
/// ```
pub fn topological(roots: &[Expr]) -> Vec<Expr> {
    let mut order = Vec::new();
    postorder_all(roots, |_| true, |e| order.push(e.clone()));
    order
}

/// The number of distinct nodes in the DAG of `root`.
///
/// ```
/// let e = symdiff::parse("x*y + x").unwrap();
/// assert_eq!(symdiff::walk::dag_size(&e), 4); // x, y, x*y, the sum
/// ```
pub fn dag_size(root: &Expr) -> usize {
    let mut n = 0;
    postorder(root, |_| true, |_| n += 1);
    n
}

/// The depth of the deepest path from `root` to a leaf (a leaf has depth 1).
///
/// ```
/// assert_eq!(symdiff::walk::depth(&symdiff::parse("sin(sin(x))").unwrap()), 3);
/// ```
pub fn depth(root: &Expr) -> usize {
    root.0.depth as usize
}

/// The number of nodes of `root` written out as a tree, every shared
/// subexpression counted each time it occurs: how long its text is, up to
/// a small factor. Each node keeps its own, so this costs nothing; past
/// 2^32 - 1 nodes it is `usize::MAX`.
///
/// ```
/// let e = symdiff::parse("sin(x + 1)*cos(x + 1)").unwrap();
/// assert_eq!(symdiff::walk::dag_size(&e), 6);
/// assert_eq!(symdiff::walk::tree_size(&e), 9);
/// assert_eq!(symdiff::walk::tree_size(&symdiff::Expr::int(0)), 1);
/// ```
pub fn tree_size(root: &Expr) -> usize {
    match root.0.tree_size {
        super::TREE_SIZE_CAP => usize::MAX,
        n => n as usize,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::{Func, Inner, Node};

    /// `sin(e) + cos(e)`, `levels` times over `x`: a DAG of about
    /// 4*levels nodes whose tree doubles at every level.
    fn doubling(levels: usize) -> Expr {
        let mut e = Expr::symbol("x");
        for _ in 0..levels {
            let call = |f: Func| Expr::call(f, vec![e.clone()]);
            e = Expr::add([call(Func::Sin), call(Func::Cos)]);
        }
        e
    }

    /// A walk begun inside another's callback, and a walk after one whose
    /// callback panicked, each see every node: the kept visited set is
    /// neither shared with the walk around it nor left with stale nodes.
    #[test]
    fn walks_inside_walks_and_after_a_panic_see_every_node() {
        let e = doubling(3);
        let n = dag_size(&e);
        let mut inner_sizes = Vec::new();
        postorder(&e, |_| true, |_| inner_sizes.push(dag_size(&e)));
        assert_eq!(inner_sizes, vec![n; n]);
        let panicked = std::panic::catch_unwind(|| {
            let mut seen = 0;
            postorder(
                &e,
                |_| true,
                |_| {
                    seen += 1;
                    assert!(seen < 3, "stop half way");
                },
            );
        });
        assert!(panicked.is_err());
        assert_eq!(dag_size(&e), n);
    }

    #[test]
    fn tree_size_counts_shared_nodes_each_time() {
        // t(n) = 1 + 2*(1 + t(n - 1)), t(0) = 1.
        let expected = (0..10).fold(1usize, |t, _| 3 + 2 * t);
        assert_eq!(tree_size(&doubling(10)), expected);
    }

    #[test]
    fn tree_size_past_the_cap_is_the_largest() {
        assert_eq!(tree_size(&doubling(40)), usize::MAX);
    }

    #[test]
    fn the_tree_size_takes_no_room() {
        // It sits in the padding after `depth`.
        assert_eq!(
            std::mem::size_of::<Inner>(),
            16 + 8 + std::mem::size_of::<Node>()
        );
    }
}
