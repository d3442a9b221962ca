//! Entries grouped by key, in first-seen order: a key is found by a linear
//! scan while the groups are few, as in most sums and products, and
//! through a hash index once they are many, so that n entries still cost
//! O(n) and a short sum or product allocates no table.

use hashbrown::HashTable;
use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};

/// Up to how many groups a key is looked up by a scan.
const LINEAR_LIMIT: usize = 12;

/// Values grouped by key (like terms by their factors, like bases).
pub(super) struct Grouped<K, V> {
    entries: Vec<(K, V)>,
    /// The entries' positions by their keys' hashes: the keys stay in
    /// `entries` alone, never cloned.
    index: Option<HashTable<usize>>,
}

fn hash_of<K: Hash>(key: &K) -> u64 {
    let mut h = FxHasher::default();
    key.hash(&mut h);
    h.finish()
}

impl<K: Hash + Eq, V> Grouped<K, V> {
    pub(super) fn with_capacity(n: usize) -> Self {
        Grouped {
            // Room for every entry: many group alone (the terms of a
            // derivative's sum), and growing would copy them all.
            entries: Vec::with_capacity(n),
            index: None,
        }
    }

    /// Adds to `key`'s group with `merge`, or begins it with `start`.
    pub(super) fn add(&mut self, key: K, start: impl FnOnce() -> V, merge: impl FnOnce(&mut V)) {
        let Grouped { entries, index } = self;
        let hash = index.as_ref().map(|_| hash_of(&key));
        let found = match (index.as_ref(), hash) {
            (Some(index), Some(hash)) => index.find(hash, |&i| entries[i].0 == key).copied(),
            _ => entries.iter().position(|(k, _)| *k == key),
        };
        if let Some(i) = found {
            merge(&mut entries[i].1);
            return;
        }
        if let (Some(index), Some(hash)) = (index.as_mut(), hash) {
            index.insert_unique(hash, entries.len(), |&i| hash_of(&entries[i].0));
        }
        entries.push((key, start()));
        if index.is_none() && entries.len() > LINEAR_LIMIT {
            let mut table = HashTable::with_capacity(entries.len() * 2);
            for (i, (k, _)) in entries.iter().enumerate() {
                table.insert_unique(hash_of(k), i, |&j| hash_of(&entries[j].0));
            }
            *index = Some(table);
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
