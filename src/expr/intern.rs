//! The global intern table that makes equal expressions one node.
//!
//! The table holds weak references, so expressions nobody uses are freed;
//! dead entries are swept when a shard doubles in size. Sharding keeps
//! threads (rayon over matrix rows) from queueing on one lock.

use super::{Expr, Inner, Node};
use hashbrown::HashTable;
use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, Weak};

const SHARDS: usize = 64;

struct Shard {
    table: HashTable<(u64, Weak<Inner>)>,
    sweep_at: usize,
}

/// Empty shards need no allocation, so the table is there from the start
/// instead of being built by the first expression.
static TABLE: [Mutex<Shard>; SHARDS] = [const {
    Mutex::new(Shard {
        table: HashTable::new(),
        sweep_at: 1024,
    })
}; SHARDS];

/// The one node for `node`: an existing equal node, or `node` made new.
pub(super) fn intern(node: Node) -> Expr {
    let hash = structural_hash(&node);
    intern_with(hash, node, same_shape, |node| node)
}

/// The one sum (`product` false) or product of `operands`, given in
/// canonical order. An existing node is found from the vector itself, so
/// only a new node pays for its boxed slice.
pub(super) fn intern_operands(product: bool, operands: Vec<Expr>) -> Expr {
    let mut h = FxHasher::default();
    hash_children(if product { MUL } else { ADD }, &operands, &mut h);
    let same = |n: &Node, operands: &Vec<Expr>| match n {
        Node::Mul(v) => product && v[..] == operands[..],
        Node::Add(v) => !product && v[..] == operands[..],
        _ => false,
    };
    let make = |operands: Vec<Expr>| match product {
        true => Node::Mul(operands.into_boxed_slice()),
        false => Node::Add(operands.into_boxed_slice()),
    };
    intern_with(mix(h.finish()), operands, same, make)
}

/// The node of `hash` that is the `same` as `key`, or the one `make`
/// builds from it.
fn intern_with<K>(
    hash: u64,
    key: K,
    same: impl Fn(&Node, &K) -> bool,
    make: impl FnOnce(K) -> Node,
) -> Expr {
    // hashbrown buckets by the low bits and tags by the top 7: pick the
    // shard from bits used by neither, or a shard's entries would collide.
    let mut shard = TABLE[(hash >> 32) as usize % SHARDS]
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    // One pass over the entries of this hash: each is upgraded once, and
    // the first dead one is kept for reuse. A dead entry of this hash is
    // most likely this very node, built before and dropped since: reusing
    // its slot keeps rebuilt nodes from piling up.
    let mut dead = None;
    for entry in shard.table.iter_hash_mut(hash) {
        if entry.0 != hash {
            continue;
        }
        match entry.1.upgrade() {
            Some(inner) if same(&inner.node, &key) => return Expr(inner),
            Some(_) => {}
            None => {
                if dead.is_none() {
                    dead = Some(entry);
                }
            }
        }
    }
    let node = make(key);
    let symbols = symbol_bits(&node, hash);
    let (mut depth, mut tree_size) = (0u32, 1u32);
    for c in children(&node) {
        depth = depth.max(c.0.depth);
        tree_size = tree_size.saturating_add(c.0.tree_size);
    }
    let inner = Arc::new(Inner {
        hash,
        symbols,
        depth: depth.saturating_add(1).min(u32::MAX - 1),
        tree_size,
        node,
    });
    let weak = Arc::downgrade(&inner);
    if let Some(slot) = dead {
        slot.1 = weak;
        return Expr(inner);
    }
    if shard.table.len() >= shard.sweep_at {
        shard.table.retain(|(_, weak)| weak.strong_count() > 0);
        shard.sweep_at = (shard.table.len() * 2).max(1024);
    }
    shard.table.insert_unique(hash, (hash, weak), |(h, _)| *h);
    Expr(inner)
}

/// Equality one level deep: children are already interned, so they compare
/// by identity.
fn same_shape(a: &Node, b: &Node) -> bool {
    match (a, b) {
        (Node::Num(x), Node::Num(y)) => x == y,
        (Node::Const(x), Node::Const(y)) => x == y,
        (Node::Sym(x), Node::Sym(y)) => x == y,
        (Node::Add(x), Node::Add(y)) | (Node::Mul(x), Node::Mul(y)) => x == y,
        (Node::Pow(x), Node::Pow(y)) => x == y,
        (Node::Call(f, x), Node::Call(g, y)) => f == g && x == y,
        _ => false,
    }
}

fn structural_hash(node: &Node) -> u64 {
    let mut h = FxHasher::default();
    match node {
        Node::Num(n) => {
            NUM.hash(&mut h);
            n.hash(&mut h);
        }
        Node::Const(c) => {
            CONST.hash(&mut h);
            c.hash(&mut h);
        }
        Node::Sym(s) => {
            SYM.hash(&mut h);
            s.hash(&mut h);
        }
        Node::Add(v) => hash_children(ADD, v, &mut h),
        Node::Mul(v) => hash_children(MUL, v, &mut h),
        Node::Pow(pair) => hash_children(POW, pair, &mut h),
        Node::Call(f, v) => {
            f.tag().hash(&mut h);
            if let super::Func::Undefined(u) = f {
                u.hash(&mut h);
            }
            hash_children(CALL, v, &mut h);
        }
    }
    mix(h.finish())
}

/// FxHasher's low bits are weak; its hashes end with a multiply-xorshift mix.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x
}

/// The tags that set the kinds of node apart in a node's hash.
const NUM: u8 = 0;
const CONST: u8 = 1;
const SYM: u8 = 2;
const ADD: u8 = 3;
const MUL: u8 = 4;
const POW: u8 = 5;
const CALL: u8 = 6;

fn hash_children(tag: u8, children: &[Expr], h: &mut FxHasher) {
    tag.hash(h);
    for c in children {
        c.0.hash.hash(h);
    }
}

fn children(node: &Node) -> &[Expr] {
    match node {
        Node::Add(v) | Node::Mul(v) | Node::Call(_, v) => v,
        Node::Pow(pair) => pair,
        Node::Num(_) | Node::Const(_) | Node::Sym(_) => &[],
    }
}

fn symbol_bits(node: &Node, hash: u64) -> u64 {
    match node {
        Node::Sym(_) => 1 << (hash % 64),
        _ => children(node).iter().fold(0, |b, c| b | c.0.symbols),
    }
}
