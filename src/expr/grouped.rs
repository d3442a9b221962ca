//! Entries grouped by key, in first-seen order: a key is found by a linear
//! scan while the groups are few, as in most sums and products, and
//! through a hash index once they are many, so that n entries still cost
//! O(n) and a short sum or product allocates no table.

use rustc_hash::FxHashMap;
use std::hash::Hash;

/// Up to how many groups a key is looked up by a scan.
const LINEAR_LIMIT: usize = 12;

/// Values grouped by key (like terms by their factors, like bases).
pub(super) struct Grouped<K, V> {
    entries: Vec<(K, V)>,
    index: Option<FxHashMap<K, usize>>,
}

impl<K: Hash + Eq + Clone, V> Grouped<K, V> {
    pub(super) fn with_capacity(n: usize) -> Self {
        Grouped {
            entries: Vec::with_capacity(n.min(LINEAR_LIMIT)),
            index: None,
        }
    }

    /// Adds to `key`'s group with `merge`, or begins it with `start`.
    pub(super) fn add(&mut self, key: K, start: impl FnOnce() -> V, merge: impl FnOnce(&mut V)) {
        let found = match &self.index {
            Some(index) => index.get(&key).copied(),
            None => self.entries.iter().position(|(k, _)| *k == key),
        };
        if let Some(i) = found {
            merge(&mut self.entries[i].1);
            return;
        }
        if let Some(index) = &mut self.index {
            index.insert(key.clone(), self.entries.len());
        }
        self.entries.push((key, start()));
        if self.index.is_none() && self.entries.len() > LINEAR_LIMIT {
            let index = self
                .entries
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (k.clone(), i))
                .collect();
            self.index = Some(index);
        }
    }

    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The groups in the order their keys were first seen.
    pub(super) fn into_entries(self) -> Vec<(K, V)> {
        self.entries
    }
}
