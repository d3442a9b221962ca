//! The reading order of terms and factors: higher degree first and numbers
//! last in sums (`x^3 - 2*x + 1`), numbers then variables then the rest in
//! products (`4*x*cos(2*x^2)`), variables in natural order (`x2 < x10`).
//!
//! The canonical order of the core is by hash, fast but unreadable; this
//! order is computed only when printing, with each node's facts cached.

use crate::expr::natural_cmp;
use crate::expr::{Expr, Node};
use rustc_hash::FxHashMap;
use std::cmp::Ordering;
use std::sync::Arc;

#[derive(Clone, Copy)]
struct Facts {
    degree: f64,
    /// The first variable in natural order, if any.
    first_name: Option<Name>,
}

/// A variable's name by its number in [`DisplayOrder`]: facts are copied
/// for every factor of every product printed, so they hold no reference
/// count, and one name compares equal to itself without reading it.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Name(u32);

/// Where a term goes in a sum: numbers last, higher degree first, then by
/// first variable, kind, and the canonical order.
struct TermKey {
    is_number: bool,
    degree: f64,
    first_name: Option<Name>,
    rank: u8,
    term: Expr,
}

/// Caches the facts that decide where a node goes in a sum or product.
#[derive(Default)]
pub(crate) struct DisplayOrder {
    facts: FxHashMap<Expr, Facts>,
    /// The variables' names met, by [`Name`].
    names: Vec<Arc<str>>,
    numbers: FxHashMap<Arc<str>, Name>,
}

impl DisplayOrder {
    fn facts(&mut self, e: &Expr) -> Facts {
        // A leaf's facts cost less to work out than to look up and keep.
        match e.node() {
            Node::Num(_) | Node::Const(_) => {
                return Facts {
                    degree: 0.0,
                    first_name: None,
                }
            }
            Node::Sym(s) => {
                return Facts {
                    degree: 1.0,
                    first_name: Some(self.name(s)),
                }
            }
            _ => {}
        }
        if let Some(&f) = self.facts.get(e) {
            return f;
        }
        let facts = super::deep(|| self.compute(e));
        self.facts.insert(e.clone(), facts);
        facts
    }

    fn compute(&mut self, e: &Expr) -> Facts {
        let mut first_name: Option<Name> = None;
        let degree = match e.node() {
            Node::Num(_) | Node::Const(_) => 0.0,
            Node::Sym(s) => {
                first_name = Some(self.name(s));
                1.0
            }
            Node::Add(terms) => {
                let mut d: f64 = 0.0;
                for t in terms.iter() {
                    let f = self.facts(t);
                    first_name = self.first(first_name, f.first_name);
                    d = d.max(f.degree);
                }
                d
            }
            Node::Mul(factors) => {
                let mut d = 0.0;
                for t in factors.iter() {
                    let f = self.facts(t);
                    first_name = self.first(first_name, f.first_name);
                    d += f.degree;
                }
                d
            }
            Node::Pow([b, x]) => {
                let f = self.facts(b);
                let of_exponent = self.facts(x).first_name;
                first_name = self.first(f.first_name, of_exponent);
                x.as_number().map_or(0.0, |n| f.degree * n.to_f64())
            }
            Node::Call(_, args) => {
                for a in args.iter() {
                    let f = self.facts(a);
                    first_name = self.first(first_name, f.first_name);
                }
                0.0
            }
        };
        Facts { degree, first_name }
    }

    /// The number of the variable name `s`, given on first sight.
    fn name(&mut self, s: &Arc<str>) -> Name {
        if let Some(&n) = self.numbers.get(s) {
            return n;
        }
        let n = Name(u32::try_from(self.names.len()).unwrap_or(u32::MAX));
        self.names.push(s.clone());
        self.numbers.insert(s.clone(), n);
        n
    }

    /// The earlier of two names in natural order.
    fn first(&self, a: Option<Name>, b: Option<Name>) -> Option<Name> {
        match self.cmp_names(a, b) {
            Ordering::Greater => b,
            _ => a,
        }
    }

    /// Natural order of names, an absent name last.
    fn cmp_names(&self, a: Option<Name>, b: Option<Name>) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) if a == b => Ordering::Equal,
            (Some(a), Some(b)) => natural_cmp(&self.names[a.0 as usize], &self.names[b.0 as usize]),
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (None, None) => Ordering::Equal,
        }
    }

    /// Sorts the terms of a sum into reading order.
    pub(crate) fn sort_terms(&mut self, terms: &mut Vec<Expr>) {
        // The terms are moved into their keys and back: no reference counting.
        let mut keyed: Vec<TermKey> = terms
            .drain(..)
            .map(|t| {
                let f = self.facts(&t);
                TermKey {
                    is_number: t.as_number().is_some(),
                    degree: f.degree,
                    first_name: f.first_name,
                    rank: rank_without_coefficient(&t),
                    term: t,
                }
            })
            .collect();
        // The last key, the canonical order, is total over distinct terms
        // (equal ones print alike), so an unstable sort prints the same.
        keyed.sort_unstable_by(|a, b| {
            a.is_number
                .cmp(&b.is_number)
                .then(b.degree.total_cmp(&a.degree))
                .then_with(|| self.cmp_names(a.first_name, b.first_name))
                .then(a.rank.cmp(&b.rank))
                // Worked out only for terms the keys before do not order:
                // a term's exponents are a list of its own.
                .then_with(|| match (exponents(&a.term), exponents(&b.term)) {
                    (Some(x), Some(y)) => lex_cmp(&x, &y, |m, n| natural_cmp(m, n)),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                })
                .then(a.term.cmp(&b.term))
        });
        terms.extend(keyed.into_iter().map(|k| k.term));
    }

    /// Sorts the factors of a product into reading order.
    pub(crate) fn sort_factors(&mut self, factors: &mut Vec<Expr>) {
        // A sum that holds a call of the product reads after it:
        // `sigmoid(x)*(1 - sigmoid(x))`, as the sum is built from the call.
        let has_sum = factors.iter().any(|f| matches!(f.node(), Node::Add(_)));
        let calls: Vec<Expr> = factors
            .iter()
            .filter(|f| has_sum && matches!(f.node(), Node::Call(..)))
            .cloned()
            .collect();
        let rank_among = |f: &Expr| match f.node() {
            Node::Add(terms)
                if terms
                    .iter()
                    .any(|t| calls.iter().any(|c| holds_factor(t, c))) =>
            {
                6
            }
            _ => rank(f),
        };
        // The factors are moved into their keys and back: no reference counting.
        let mut keyed: Vec<(u8, Option<Name>, Expr)> = factors
            .drain(..)
            .map(|f| (rank_among(&f), self.facts(&f).first_name, f))
            .collect();
        // Total over distinct factors, as in `sort_terms`.
        keyed.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| self.cmp_names(a.1, b.1))
                .then(a.2.cmp(&b.2))
        });
        factors.extend(keyed.into_iter().map(|k| k.2));
    }
}

/// Whether `factor` is `term` or one of its factors.
fn holds_factor(term: &Expr, factor: &Expr) -> bool {
    term == factor || matches!(term.node(), Node::Mul(fs) if fs.contains(factor))
}

/// Numbers, then constants (`pi`, `ln(2)`), then variables and their powers,
/// then other powers, then sums, then function calls.
fn rank(e: &Expr) -> u8 {
    let constant = |e: &Expr| e.args().iter().all(|a| a.as_number().is_some());
    match e.node() {
        Node::Num(_) => 0,
        Node::Const(_) => 1,
        Node::Call(..) if constant(e) => 1,
        Node::Sym(_) => 2,
        Node::Pow([b, _]) if b.as_symbol().is_some() => 2,
        Node::Pow(_) => 3,
        Node::Add(_) => 4,
        Node::Mul(_) => 4,
        Node::Call(..) => 5,
    }
}

/// A monomial's variables with their exponents, in natural order:
/// `3*y*x^2` is `[(x, 2), (y, 1)]`. `None` for any other term.
fn exponents(term: &Expr) -> Option<Vec<(Arc<str>, i64)>> {
    let power = |f: &Expr| match f.node() {
        Node::Sym(name) => Some((name.clone(), 1)),
        Node::Pow([b, x]) => match (b.node(), x.as_number().and_then(|n| n.to_i64())) {
            (Node::Sym(name), Some(k)) if k > 0 => Some((name.clone(), k)),
            _ => None,
        },
        _ => None,
    };
    let mut powers = match term.node() {
        Node::Mul(fs) => {
            let skip = usize::from(fs[0].as_number().is_some());
            fs[skip..].iter().map(power).collect::<Option<Vec<_>>>()?
        }
        _ => vec![power(term)?],
    };
    powers.sort_by(|a, b| natural_cmp(&a.0, &b.0));
    Some(powers)
}

/// Lexicographic order of monomials (`x^2 > x*y > y^2`): the first
/// variable where the exponents differ decides, the higher exponent first.
/// Polynomials read the way textbooks write them, and the order does not
/// depend on hashes, so `poly` can print it without building nodes.
/// Each monomial lists its variables in the order `names` compares them.
pub(crate) fn lex_cmp<N, K: Ord>(
    a: &[(N, K)],
    b: &[(N, K)],
    names: impl Fn(&N, &N) -> Ordering,
) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        let ord = names(&x.0, &y.0).then(y.1.cmp(&x.1));
        if ord != Ordering::Equal {
            return ord;
        }
    }
    b.len().cmp(&a.len())
}

/// The rank of a term as if its numeric coefficient were not there.
fn rank_without_coefficient(term: &Expr) -> u8 {
    match term.node() {
        Node::Mul(fs) if fs[0].as_number().is_some() => match &fs[1..] {
            [single] => rank(single),
            _ => 4,
        },
        _ => rank(term),
    }
}
