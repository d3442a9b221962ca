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
pub fn postorder(root: &Expr, enter: impl FnMut(&Expr) -> bool, leave: impl FnMut(&Expr)) {
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
pub fn postorder_all(
    roots: &[Expr],
    mut enter: impl FnMut(&Expr) -> bool,
    mut leave: impl FnMut(&Expr),
) {
    let mut done: FxHashSet<usize> = FxHashSet::default();
    for root in roots {
        if done.contains(&root.id()) || !enter(root) {
            continue;
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
/// subexpression counted each time it occurs (saturating): how long its text
/// is, up to a small factor.
///
/// ```
/// let e = symdiff::parse("sin(x + 1)*cos(x + 1)").unwrap();
/// assert_eq!(symdiff::walk::dag_size(&e), 6);
/// assert_eq!(symdiff::walk::tree_size(&e), 9);
/// assert_eq!(symdiff::walk::tree_size(&symdiff::Expr::int(0)), 1);
/// ```
pub fn tree_size(root: &Expr) -> usize {
    // Small trees (most results, and the many 0 entries of a Jacobian) are
    // counted node by node, without the table that shared ones need.
    if root.args().is_empty() {
        return 1;
    }
    if let Some(small) = tree_size_at_most(std::slice::from_ref(root), SMALL_TREE) {
        return small;
    }
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

/// Trees up to this many nodes are counted without a table.
const SMALL_TREE: usize = 256;

/// The nodes of `roots` written out as trees, counted one by one: `None`
/// once there are more than `cap` (then the walk stops).
pub(crate) fn tree_size_at_most(roots: &[Expr], cap: usize) -> Option<usize> {
    let mut stack: Vec<&Expr> = roots.iter().collect();
    let mut nodes = 0;
    while let Some(e) = stack.pop() {
        nodes += 1;
        if nodes > cap {
            return None;
        }
        stack.extend(e.args());
    }
    Some(nodes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    #[test]
    fn counting_stops_past_the_cap() {
        let e = parse("sin(x + 1)*cos(x + 1)").unwrap();
        assert_eq!(tree_size_at_most(std::slice::from_ref(&e), 9), Some(9));
        assert_eq!(tree_size_at_most(std::slice::from_ref(&e), 8), None);
        let two = [e.clone(), parse("x").unwrap()];
        assert_eq!(tree_size_at_most(&two, 100), Some(10));
    }

    #[test]
    fn small_and_large_trees_are_counted_alike() {
        // e_{k+1} = sin(e_k) + cos(e_k): the tree grows as 3 + 2*t_k while
        // the DAG grows by three nodes, on both sides of SMALL_TREE.
        let mut e = parse("x").unwrap();
        let mut expected = 1usize;
        for _ in 0..9 {
            e = parse(&format!("sin({e}) + cos({e})")).unwrap();
            expected = 3 + 2 * expected;
            assert_eq!(tree_size(&e), expected, "{e}");
        }
        assert!(expected > SMALL_TREE);
    }
}
