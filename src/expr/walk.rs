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
pub fn postorder(root: &Expr, mut enter: impl FnMut(&Expr) -> bool, mut leave: impl FnMut(&Expr)) {
    let mut done: FxHashSet<usize> = FxHashSet::default();
    if !enter(root) {
        return;
    }
    let mut stack: Vec<(Expr, bool)> = vec![(root.clone(), false)];
    while let Some((e, expanded)) = stack.pop() {
        if done.contains(&e.id()) {
            continue;
        }
        if expanded {
            done.insert(e.id());
            leave(&e);
            continue;
        }
        stack.push((e.clone(), true));
        for child in e.args().iter().rev() {
            if !done.contains(&child.id()) && enter(child) {
                stack.push((child.clone(), false));
            }
        }
    }
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
    let mut depths: rustc_hash::FxHashMap<usize, usize> = Default::default();
    postorder(
        root,
        |_| true,
        |e| {
            let d = 1 + e
                .args()
                .iter()
                .map(|c| depths.get(&c.id()).copied().unwrap_or(0))
                .max()
                .unwrap_or(0);
            depths.insert(e.id(), d);
        },
    );
    depths.get(&root.id()).copied().unwrap_or(1)
}

/// The number of nodes of `root` written out as a tree, every shared
/// subexpression counted each time it occurs (saturating): how long its text
/// is, up to a small factor.
///
/// ```
/// let e = symdiff::parse("sin(x + 1)*cos(x + 1)").unwrap();
/// assert_eq!(symdiff::walk::dag_size(&e), 6);
/// assert_eq!(symdiff::walk::tree_size(&e), 9);
/// ```
pub fn tree_size(root: &Expr) -> usize {
    let mut sizes: rustc_hash::FxHashMap<usize, usize> = Default::default();
    postorder(
        root,
        |_| true,
        |e| {
            let size = e.args().iter().fold(1usize, |total, c| {
                total.saturating_add(sizes.get(&c.id()).copied().unwrap_or(1))
            });
            sizes.insert(e.id(), size);
        },
    );
    sizes.get(&root.id()).copied().unwrap_or(1)
}
