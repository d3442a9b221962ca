//! The table of function identities, applied where they shorten.
//!
//! Identities are declared beside the functions they concern
//! ([`crate::functions::identity`]); this module indexes them once by what
//! they match and applies them to one node at a time, each rewrite kept
//! only when [`Cost`] finds it smaller. Every check is local: a call looks
//! at its argument, a power at its base, a product and a sum at their
//! operands through hash maps, so a pass over a DAG stays near-linear.

use super::cost::{Cost, ProductSize, Size};
use super::rational;
use crate::expr::{Expr, Func, Node, Number};
use crate::functions::domain::Requirement;
use crate::functions::identity::{self, Atom, Identity, Shape};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

/// One identity applied: the node it rewrote, and what it became.
///
/// ```
/// use symdiff::{parse, simplify::simplify_recorded};
/// let (result, fired) = simplify_recorded(&parse("sinh(x)/cosh(x)").unwrap());
/// assert_eq!(result.to_string(), "tanh(x)");
/// assert_eq!(fired[0].identity.name, "sinh(u)/cosh(u) = tanh(u)");
/// assert_eq!(fired[0].before.to_string(), "sinh(x)/cosh(x)");
/// ```
#[derive(Clone, Debug)]
pub struct Fired {
    /// The identity.
    pub identity: &'static Identity,
    /// The expression it matched.
    pub before: Expr,
    /// The expression it became.
    pub after: Expr,
    /// The identity's condition at the matched `u`, if it has one.
    pub condition: Option<Requirement>,
}

/// Where the simplifier reports the identities it applies; the silent one
/// (`ON = false`) compiles the reports out.
pub(crate) trait Witness {
    const ON: bool;
    fn fired(&mut self, fired: Fired);
}

/// Reports nothing: plain simplification.
pub(crate) struct Unwitnessed;

impl Witness for Unwitnessed {
    const ON: bool = false;
    fn fired(&mut self, _: Fired) {}
}

impl Witness for Vec<Fired> {
    const ON: bool = true;
    fn fired(&mut self, fired: Fired) {
        self.push(fired);
    }
}

/// A function of a quotient family, as exponents of the family's basis
/// (`tan` = `sin^1*cos^-1` is `[1, -1]`).
struct Member {
    func: Func,
    vector: [i64; 2],
    /// The identity that defines it, for a function that is not a basis one.
    defined_by: Option<&'static Identity>,
}

/// The identities, indexed by what they match.
struct Table {
    compositions: FxHashMap<(Func, Func), &'static Identity>,
    calls: FxHashMap<Func, Vec<&'static Identity>>,
    powers: Vec<&'static Identity>,
    products: Vec<&'static Identity>,
    /// Functions that are quotients of two basis functions, by family.
    families: Vec<Vec<Member>>,
    member_of: FxHashMap<Func, (usize, usize)>,
    /// The double-angle identity of a family, by family: the identity,
    /// the function of `2*u`, and the product's exponents in the basis.
    doubles: FxHashMap<usize, (&'static Identity, Func, [i64; 2])>,
    linear: Vec<(&'static Identity, &'static [(i64, Atom)])>,
    /// The linear relations a factor `f(…)^k` of a term may start, as
    /// `(relation, atom)`, by `(f, k)`: a factor whose power no atom has
    /// (most factors of a large product) is passed over at one lookup.
    starts: FxHashMap<(Func, i64), Vec<(usize, usize)>>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| Table::new(identity::all()));

impl Table {
    fn new(all: impl Iterator<Item = &'static Identity>) -> Table {
        let all: Vec<&'static Identity> = all.collect();
        let mut t = Table {
            compositions: FxHashMap::default(),
            calls: FxHashMap::default(),
            powers: Vec::new(),
            products: Vec::new(),
            families: Vec::new(),
            member_of: FxHashMap::default(),
            doubles: FxHashMap::default(),
            linear: Vec::new(),
            starts: FxHashMap::default(),
        };
        for &id in &all {
            match &id.shape {
                Shape::Composition { outer, inner, .. } => {
                    t.compositions.insert((outer.clone(), inner.clone()), id);
                }
                Shape::Call { func, .. } => t.calls.entry(func.clone()).or_default().push(id),
                Shape::Power(_) => t.powers.push(id),
                Shape::Product(_) => t.products.push(id),
                Shape::Quotient { func, of } => t.add_quotient(id, func, of),
                Shape::DoubleAngle { .. } => {}
                Shape::Linear(atoms) => {
                    let r = t.linear.len();
                    t.linear.push((id, atoms));
                    // Squares start a relation; of the first powers only the
                    // first atom does (`exp(u)` terms are common, `expm1`
                    // ones are not).
                    let mut first = true;
                    for (a, (_, atom)) in atoms.iter().enumerate() {
                        if let Atom::Power(f, k) = atom {
                            if *k >= 2 || first {
                                t.starts.entry((f.clone(), *k)).or_default().push((r, a));
                            }
                            first = false;
                        }
                    }
                }
            }
        }
        // After the quotients, so that each double angle finds its family.
        for id in all {
            if let Shape::DoubleAngle { of: [f, g], is } = &id.shape {
                let of = [(f.clone(), 1), (g.clone(), 1)];
                let (family, vector) = t.in_basis(id, &of);
                t.doubles.insert(family, (id, is.clone(), vector));
            }
        }
        t
    }

    /// Adds `func = Π f^k` to the family of its factors (two basis functions).
    fn add_quotient(&mut self, id: &'static Identity, func: &Func, of: &[(Func, i64)]) {
        let family = of
            .iter()
            .find_map(|(f, _)| self.member_of.get(f).map(|&(fam, _)| fam))
            .unwrap_or_else(|| {
                self.families.push(Vec::new());
                self.families.len() - 1
            });
        let mut vector = [0i64; 2];
        for (f, k) in of {
            let slot = match self.member_of.get(f) {
                Some(&(_, m)) => m,
                None => {
                    let m = self.families[family].len();
                    let mut unit = [0i64; 2];
                    if let Some(s) = unit.get_mut(m) {
                        *s = 1;
                    }
                    self.families[family].push(Member {
                        func: f.clone(),
                        vector: unit,
                        defined_by: None,
                    });
                    self.member_of.insert(f.clone(), (family, m));
                    m
                }
            };
            if let Some(s) = vector.get_mut(slot) {
                *s += k;
            }
        }
        let m = self.families[family].len();
        self.families[family].push(Member {
            func: func.clone(),
            vector,
            defined_by: Some(id),
        });
        self.member_of.insert(func.clone(), (family, m));
    }

    /// `Π f^k` in the basis of the family of its functions, which a
    /// quotient identity has declared (else identity `id` is declared
    /// wrong, which the table's tests catch).
    fn in_basis(&self, id: &Identity, of: &[(Func, i64)]) -> (usize, [i64; 2]) {
        let mut family = None;
        let mut vector = [0i64; 2];
        for (f, k) in of {
            let &(fam, m) = self
                .member_of
                .get(f)
                .unwrap_or_else(|| panic!("{}: {f:?} is in no quotient family", id.name));
            assert!(family.is_none_or(|f| f == fam), "{}: two families", id.name);
            family = Some(fam);
            for (v, b) in vector.iter_mut().zip(self.families[fam][m].vector) {
                *v += k * b;
            }
        }
        let family = family.unwrap_or_else(|| panic!("{}: no functions", id.name));
        (family, vector)
    }
}

/// Applies the table to single nodes, asking `cost` which form is smaller
/// and reporting each identity applied to `witness`.
pub(crate) struct Identities<'a, W: Witness> {
    pub cost: &'a mut Cost,
    pub witness: &'a mut W,
    pub built: &'a mut Built,
}

/// The forms the table builds to compare, kept over one simplification:
/// the terms of a sum and the factors of its products repeat the same
/// `f(u)^k` and the same cofactors many times.
#[derive(Default)]
pub(crate) struct Built {
    /// `f(u)` by `(f, u)`.
    calls: FxHashMap<(Func, Expr), Expr>,
    /// `f(u)^k` by `(f, u, k)`.
    powers: FxHashMap<(Func, Expr, i64), Expr>,
    /// Atom `a` of linear relation `r` at `u`, by `(r, a, u)`.
    atoms: FxHashMap<(usize, usize, Expr), Expr>,
    /// The product of two expressions, by the pair.
    products: FxHashMap<(Expr, Expr), Expr>,
    /// A term's other factors than factor `j` (numbers left out), by
    /// `(term, j)`: the rounds of one sum see the same terms again.
    cofactors: FxHashMap<(Expr, usize), Expr>,
    /// The best form of a family's factors beside others it does not
    /// merge with, by [`ShortestKey`].
    shortest: FxHashMap<ShortestKey, Option<Candidate>>,
}

/// What the shortest form of a family's factors in a product depends on,
/// when it merges with none of the other factors: the family, the
/// factors' exponents in its basis, their argument, the factors (each
/// member's vector and power), and the other factors' layout class
/// ([`ProductSize::class`]).
type ShortestKey = (
    usize,
    [i64; 2],
    Expr,
    Vec<([i64; 2], i64)>,
    (u64, u64, bool),
);

impl Built {
    fn call(&mut self, f: &Func, u: &Expr) -> Expr {
        self.calls
            .entry((f.clone(), u.clone()))
            .or_insert_with(|| Expr::call(f.clone(), vec![u.clone()]))
            .clone()
    }

    fn power(&mut self, f: &Func, u: &Expr, k: i64) -> Expr {
        if let Some(done) = self.powers.get(&(f.clone(), u.clone(), k)) {
            return done.clone();
        }
        let done = Expr::pow(self.call(f, u), Expr::int(k));
        self.powers.insert((f.clone(), u.clone(), k), done.clone());
        done
    }

    fn atom(&mut self, r: usize, a: usize, u: &Expr) -> Expr {
        self.atoms
            .entry((r, a, u.clone()))
            .or_insert_with(|| TABLE.linear[r].1[a].1.build(u))
            .clone()
    }

    fn cofactor(&mut self, term: &Expr, j: usize) -> Expr {
        self.cofactors
            .entry((term.clone(), j))
            .or_insert_with(|| {
                Expr::mul(
                    factors_of(term)
                        .iter()
                        .enumerate()
                        .filter(|&(k, g)| k != j && g.as_number().is_none())
                        .map(|(_, g)| g.clone()),
                )
            })
            .clone()
    }

    fn product(&mut self, a: &Expr, b: &Expr) -> Expr {
        self.products
            .entry((a.clone(), b.clone()))
            .or_insert_with(|| Expr::mul([a.clone(), b.clone()]))
            .clone()
    }
}

impl<W: Witness> Identities<'_, W> {
    /// `after` if it is smaller than `before`, the identity then reported.
    fn accept(
        &mut self,
        id: &'static Identity,
        before: &Expr,
        after: Expr,
        u: &Expr,
    ) -> Option<Expr> {
        if !self.cost.smaller(&after, before) {
            return None;
        }
        self.report(id, before, &after, u);
        Some(after)
    }

    fn report(&mut self, id: &'static Identity, before: &Expr, after: &Expr, u: &Expr) {
        if W::ON {
            self.witness.fired(Fired {
                identity: id,
                before: before.clone(),
                after: after.clone(),
                condition: id.condition.map(|c| c(u)),
            });
        }
    }

    /// A call rewritten: an inverse composition undone, or a call identity.
    pub fn call(&mut self, e: &Expr) -> Option<Expr> {
        let Node::Call(f, args) = e.node() else {
            return None;
        };
        let table = &*TABLE;
        if let [arg] = &args[..] {
            if let Node::Call(g, inner) = arg.node() {
                if let Some(id) = table.compositions.get(&(f.clone(), g.clone())) {
                    if let (Shape::Composition { result, .. }, [u]) = (&id.shape, &inner[..]) {
                        if let Some(done) = self.accept(id, e, result(u), u) {
                            return Some(done);
                        }
                    }
                }
            }
        }
        for id in table.calls.get(f).into_iter().flatten() {
            if let Shape::Call { rewrite, .. } = &id.shape {
                if let Some((after, u)) = rewrite(args) {
                    if let Some(done) = self.accept(id, e, after, &u) {
                        return Some(done);
                    }
                }
            }
        }
        None
    }

    /// A power rewritten by a power identity.
    pub fn power(&mut self, e: &Expr) -> Option<Expr> {
        let Node::Pow([base, exp]) = e.node() else {
            return None;
        };
        for id in &TABLE.powers {
            if let Shape::Power(rewrite) = &id.shape {
                if let Some((after, u)) = rewrite(base, exp) {
                    if let Some(done) = self.accept(id, e, after, &u) {
                        return Some(done);
                    }
                }
            }
        }
        None
    }

    /// A product rewritten: compositions that lengthen alone but shorten
    /// the product (`sin(acos(u))/sqrt(1 - u^2)` → `1`), its quotient
    /// families in their shortest form, then the product identities in
    /// turn, and the families again if those changed it.
    pub fn product(&mut self, e: &Expr) -> Option<Expr> {
        let expanded = self.expansions(e);
        let start = expanded.as_ref().unwrap_or(e);
        if !matches!(start.node(), Node::Mul(_) | Node::Pow(_)) {
            return expanded;
        }
        let mut current = self.quotients(start).or(expanded);
        let mut changed = false;
        for id in &TABLE.products {
            let now = current.as_ref().unwrap_or(e);
            if !matches!(now.node(), Node::Mul(_) | Node::Pow(_)) {
                break;
            }
            let factors = factors_of(now);
            if let Shape::Product(rewrite) = &id.shape {
                if let Some((after, u)) = rewrite(factors) {
                    let now = now.clone();
                    if let Some(done) = self.accept(id, &now, after, &u) {
                        current = Some(done);
                        changed = true;
                    }
                }
            }
        }
        if changed {
            if let Some(again) = current.as_ref().and_then(|now| self.quotients(now)) {
                current = Some(again);
            }
        }
        current
    }

    /// The product `e` with a factor `f(g(u))^k` written by its composition
    /// identity, when the product then gets smaller (the identity's right
    /// side, its numbers taken out of roots, merges with other factors).
    fn expansions(&mut self, e: &Expr) -> Option<Expr> {
        let table = &*TABLE;
        let factors = factors_of(e);
        for (i, f) in factors.iter().enumerate() {
            let (base, k) = match f.node() {
                Node::Pow([b, k]) => (b, Some(k)),
                _ => (f, None),
            };
            let Node::Call(outer, args) = base.node() else {
                continue;
            };
            let [arg] = &args[..] else {
                continue;
            };
            let Node::Call(inner, inner_args) = arg.node() else {
                continue;
            };
            let Some(id) = table.compositions.get(&(outer.clone(), inner.clone())) else {
                continue;
            };
            let (Shape::Composition { result, .. }, [u]) = (&id.shape, &inner_args[..]) else {
                continue;
            };
            let rest = factors
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, g)| g.clone());
            let joined = Expr::mul(rest.chain([match k {
                Some(k) => Expr::pow(result(u), k.clone()),
                None => result(u),
            }]));
            // Roots with their numbers taken out, so that `sqrt(1 - x^2/4)`
            // meets `sqrt(4 - x^2)`.
            let after = Expr::mul(
                factors_of(&joined)
                    .iter()
                    .map(|g| rational::root_content(g).unwrap_or_else(|| g.clone())),
            );
            if let Some(done) = self.accept(id, e, after, u) {
                return Some(done);
            }
        }
        None
    }

    /// The factors `f(u)^k` of one family and one argument, written with
    /// the fewest operations: `sin(u)/cos(u)` → `tan(u)`, `tan(u)*cos(u)`
    /// → `sin(u)`, `1/cos(u)^2` → `sec(u)^2`.
    fn quotients(&mut self, e: &Expr) -> Option<Expr> {
        let table = &*TABLE;
        let factors = factors_of(e);
        let mut found: Vec<(usize, &Expr, FamilyFactor)> = Vec::with_capacity(factors.len());
        for (i, f) in factors.iter().enumerate() {
            let (base, k) = match f.node() {
                Node::Pow([base, exp]) => (base, exp.as_number().and_then(Number::to_i64)),
                _ => (f, Some(1)),
            };
            let Some(k) = k else {
                continue;
            };
            let Node::Call(func, args) = base.node() else {
                continue;
            };
            let Some(&(family, m)) = table.member_of.get(func) else {
                continue;
            };
            let vector = table.families[family][m].vector;
            let member = FamilyFactor {
                position: i,
                vector,
                k,
            };
            found.push((family, &args[0], member));
        }
        // One member in a numerator alone is already its shortest.
        if let [] | [(_, _, FamilyFactor { k: 0.., .. })] = found[..] {
            return None;
        }
        // Nor is a product with no factor in a denominator and no two of
        // one family and argument (a product rule's terms: sixty sines of
        // sixty arguments), found without sorting.
        if found.iter().all(|(_, _, m)| m.k >= 0) {
            let mut seen: FxHashSet<(usize, usize)> =
                FxHashSet::with_capacity_and_hasher(found.len(), Default::default());
            if found
                .iter()
                .all(|(family, u, _)| seen.insert((*family, u.id())))
            {
                return None;
            }
        }
        // The factors grouped by family and argument (sorted, not hashed:
        // most products hold no two of one group), a group kept when it
        // may be written otherwise: two members, or one in a denominator.
        // Small keys are sorted, not the entries; `found` is in the order
        // of the factors, so each group's members stay in that order.
        let mut order: Vec<(usize, usize, usize)> = found
            .iter()
            .enumerate()
            .map(|(i, (family, u, _))| (*family, u.id(), i))
            .collect();
        order.sort_unstable();
        let mut groups: Vec<(FamilyKey, Vec<FamilyFactor>)> = order
            .chunk_by(|a, b| a.0 == b.0 && a.1 == b.1)
            .filter(|run| run.len() >= 2 || run.iter().any(|&(_, _, i)| found[i].2.k < 0))
            .map(|run| {
                let (family, u, _) = found[run[0].2];
                (
                    (family, u.clone()),
                    run.iter().map(|&(_, _, i)| found[i].2).collect(),
                )
            })
            .collect();
        if groups.is_empty() {
            return None;
        }
        groups.sort_by_key(|(_, members): &(FamilyKey, Vec<FamilyFactor>)| members[0].position);
        let mut used = vec![false; factors.len()];
        let mut replaced = Vec::new();
        for ((family, u), members) in groups {
            let fam = &table.families[family];
            let mut v = [0i64; 2];
            for m in &members {
                v[0] = v[0].checked_add(m.k.checked_mul(m.vector[0])?)?;
                v[1] = v[1].checked_add(m.k.checked_mul(m.vector[1])?)?;
            }
            // Judged in the whole product: `2*x/sin(x)` is no longer
            // than `2*x*csc(x)`, though `1/sin(x)` is longer than `csc(x)`.
            let others: Vec<Expr> = factors
                .iter()
                .enumerate()
                .filter(|(i, _)| !members.iter().any(|m| m.position == *i))
                .map(|(_, f)| f.clone())
                .collect();
            let Some((after, double)) =
                self.shortest_in_family(family, v, &u, &members, &others, e)
            else {
                continue;
            };
            if W::ON {
                let before = Expr::mul(members.iter().map(|m| factors[m.position].clone()));
                let exponents = |e: &Expr| -> Vec<(Func, Expr)> {
                    factors_of(e)
                        .iter()
                        .filter_map(|f| {
                            let (b, k) = f.as_power();
                            match b.node() {
                                Node::Call(g, _) => Some((g.clone(), k)),
                                _ => None,
                            }
                        })
                        .collect()
                };
                let (was, now) = (exponents(&before), exponents(&after));
                for member in fam {
                    let Some(id) = member.defined_by else {
                        continue;
                    };
                    let k_of = |list: &[(Func, Expr)]| {
                        list.iter()
                            .find(|(g, _)| *g == member.func)
                            .map(|(_, k)| k.clone())
                    };
                    if k_of(&was) != k_of(&now) {
                        self.report(id, &before, &after, &u);
                    }
                }
                if let Some(id) = double {
                    self.report(id, &before, &after, &u);
                }
            }
            for m in &members {
                used[m.position] = true;
            }
            replaced.push(after);
        }
        if replaced.is_empty() {
            return None;
        }
        let kept = factors
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(f, _)| f.clone());
        Some(Expr::mul(kept.chain(replaced)))
    }

    /// The product `Π f(u)^k` over at most two members of a family that
    /// equals `sin(u)^v[0]*cos(u)^v[1]` (for the trigonometric family), or
    /// the family's double angle to a power, if one makes the product
    /// `whole` (`others` times the family's factors) smaller; with the
    /// double-angle identity if that is the one.
    fn shortest_in_family(
        &mut self,
        family: usize,
        v: [i64; 2],
        u: &Expr,
        members: &[FamilyFactor],
        others: &[Expr],
        whole: &Expr,
    ) -> Option<(Expr, Option<&'static Identity>)> {
        let fam = &TABLE.families[family];
        // The other factors are counted once; a candidate adds its own.
        // Where a candidate would merge with one of them (`sqrt(cos(u))`
        // beside `cos(u)^-1`), the product is built and measured whole.
        let merges = others.iter().any(|o| match o.as_power().0.node() {
            Node::Call(g, args) => fam.iter().any(|m| m.func == *g) && args.first() == Some(u),
            _ => false,
        });
        let mut rest = ProductSize::default();
        for f in others {
            rest.push(self.cost, f);
        }
        let whole = self.cost.of(whole);
        // Unless a candidate merges with the other factors, the choice
        // depends on them only through their layout class: every size
        // compared (the whole's and each candidate's) holds theirs alike,
        // and `better_than` compares differences. So the many products of
        // one family's powers beside unlike cofactors (the terms of a high
        // derivative) are weighed once.
        let key = (!merges).then(|| {
            let factors = members.iter().map(|m| (m.vector, m.k)).collect();
            (family, v, u.clone(), factors, rest.class())
        });
        let known = key
            .as_ref()
            .and_then(|k| self.built.shortest.get(k).cloned());
        let best = match known {
            Some(best) => best,
            None => {
                let best = self.best_in_family(family, v, u, others, &rest, whole, merges);
                if let Some(key) = key {
                    self.built.shortest.insert(key, best.clone());
                }
                best
            }
        };
        best.map(|candidate| match candidate {
            Candidate::Double(e, id) => (e, Some(id)),
            Candidate::Powers(powers) => (self.powers_product(family, u, &powers), None),
        })
    }

    /// The best of the forms [`Self::shortest_in_family`] weighs, if one
    /// is smaller than the product as it is (`whole`); `rest` is the size
    /// of the `others`, and `merges` whether a form would merge with them.
    #[allow(clippy::too_many_arguments)]
    fn best_in_family(
        &mut self,
        family: usize,
        v: [i64; 2],
        u: &Expr,
        others: &[Expr],
        rest: &ProductSize,
        whole: Size,
        merges: bool,
    ) -> Option<Candidate> {
        let fam = &TABLE.families[family];
        let size_of = |this: &mut Self, candidate: &Expr| {
            if merges {
                return this.cost.of(&Expr::mul(
                    others.iter().cloned().chain([candidate.clone()]),
                ));
            }
            let mut p = rest.clone();
            for f in factors_of(candidate).iter().filter(|f| !f.is_one()) {
                p.push(this.cost, f);
            }
            p.size()
        };
        // The members' powers are weighed without building them, the
        // calls being plain (the canonical form folds none of them), and
        // only the best is built.
        let calls: Vec<Expr> = fam.iter().map(|m| self.built.call(&m.func, u)).collect();
        let plain = !merges
            && calls
                .iter()
                .zip(fam)
                .all(|(c, m)| matches!(c.node(), Node::Call(f, _) if *f == m.func));
        let weigh = |this: &mut Self, powers: &[(usize, i64)]| {
            if !plain {
                let candidate = this.powers_product(family, u, powers);
                return size_of(this, &candidate);
            }
            let mut p = rest.clone();
            for &(m, k) in powers {
                p.push_call_power(this.cost, &calls[m], k);
            }
            p.size()
        };
        let mut best: Option<(Candidate, Size)> = None;
        let mut consider = |candidate: Candidate, size: Size| {
            let against = best.as_ref().map_or(whole, |(_, s)| *s);
            if size.better_than(&against) {
                best = Some((candidate, size));
            }
        };
        if let Some((id, h, pair)) = TABLE.doubles.get(&family) {
            // v = k*pair: (f*g)^k = (h(2*u)/2)^k. Not for k ≥ 2: in a sum,
            // `sin(u)^2*cos(u)^2` terms combine with their neighbours
            // better than `sin(2*u)^2/4` ones (W3b prints longer).
            let k = if pair[0] != 0 { v[0] / pair[0] } else { 0 };
            if (k == 1 || k < 0) && k * pair[0] == v[0] && k * pair[1] == v[1] {
                let doubled = Expr::call(h.clone(), vec![Expr::int(2) * u.clone()]);
                if let Some(halves) = Number::ratio(1, 2).pow(k) {
                    let candidate =
                        Expr::mul([Expr::number(halves), Expr::pow(doubled, Expr::int(k))]);
                    let size = size_of(self, &candidate);
                    consider(Candidate::Double(candidate, id), size);
                }
            }
        }
        if v == [0, 0] {
            consider(Candidate::Powers(Vec::new()), size_of(self, &Expr::int(1)));
        }
        for (i, a) in fam.iter().enumerate() {
            // v = p*a alone.
            let (a0, a1) = (a.vector[0], a.vector[1]);
            let p = if a0 != 0 {
                v[0] / a0
            } else if a1 != 0 {
                v[1] / a1
            } else {
                0
            };
            if p != 0 && p * a0 == v[0] && p * a1 == v[1] {
                let powers = vec![(i, p)];
                let size = weigh(self, &powers);
                consider(Candidate::Powers(powers), size);
            }
            for (j, b) in fam.iter().enumerate().skip(i + 1) {
                // v = p*a + q*b.
                let (b0, b1) = (b.vector[0], b.vector[1]);
                let det = a0 * b1 - a1 * b0;
                if det == 0 {
                    continue;
                }
                let (pn, qn) = (v[0] * b1 - v[1] * b0, a0 * v[1] - a1 * v[0]);
                if pn % det != 0 || qn % det != 0 {
                    continue;
                }
                let (p, q) = (pn / det, qn / det);
                if p != 0 && q != 0 {
                    let powers = vec![(i, p), (j, q)];
                    let size = weigh(self, &powers);
                    consider(Candidate::Powers(powers), size);
                }
            }
        }
        best.map(|(candidate, _)| candidate)
    }

    /// `Π f(u)^k` over members `f` of a family, by `(member, k)`; 1 for
    /// none.
    fn powers_product(&mut self, family: usize, u: &Expr, powers: &[(usize, i64)]) -> Expr {
        let fam = &TABLE.families[family];
        let mut power = |(m, k): (usize, i64)| self.built.power(&fam[m].func, u, k);
        match *powers {
            [] => Expr::int(1),
            [a] => power(a),
            [a, b] => {
                let (pa, pb) = (power(a), power(b));
                self.built.product(&pa, &pb)
            }
            _ => Expr::mul(powers.iter().map(|&a| power(a))),
        }
    }

    /// A sum rewritten by adding multiples of the linear relations
    /// (`cos(u)^2 - sin(u)^2` → `cos(2*u)`, `1 + tan(u)^2` → `sec(u)^2`),
    /// each where it shortens the sum; a few rounds, since one relation
    /// may make room for another.
    pub fn sum(&mut self, e: &Expr) -> Option<Expr> {
        let mut current: Option<Expr> = None;
        for _ in 0..3 {
            let now = current.as_ref().unwrap_or(e);
            if !matches!(now.node(), Node::Add(_)) {
                break;
            }
            let now = now.clone();
            match self.linear_round(&now) {
                Some(next) => current = Some(next),
                None => break,
            }
        }
        current
    }

    fn linear_round(&mut self, e: &Expr) -> Option<Expr> {
        let table = &*TABLE;
        let terms = e.args();
        // The relations the terms may take part in: (relation, u, cofactor).
        let mut groups: Vec<(usize, Expr, Expr)> = Vec::new();
        let mut seen: FxHashSet<(usize, Expr, Expr)> = FxHashSet::default();
        for t in terms {
            let factors: &[Expr] = match t.node() {
                Node::Mul(fs) => fs,
                _ => std::slice::from_ref(t),
            };
            for (j, f) in factors.iter().enumerate() {
                let (base, k) = match f.node() {
                    Node::Pow([base, k]) => (base, k.as_number().and_then(Number::to_i64)),
                    _ => (f, Some(1)),
                };
                let (Node::Call(func, _), Some(k)) = (base.node(), k) else {
                    continue;
                };
                let Some(starts) = table.starts.get(&(func.clone(), k)) else {
                    continue;
                };
                // The rest of the term, built once for all the relations
                // this factor starts.
                let mut cofactor: Option<Expr> = None;
                for &(r, a) in starts {
                    let Some(u) = table.linear[r].1[a].1.argument(f) else {
                        continue;
                    };
                    let cofactor = cofactor
                        .get_or_insert_with(|| self.built.cofactor(t, j))
                        .clone();
                    let key = (r, u, cofactor);
                    if seen.insert(key.clone()) {
                        groups.push(key);
                    }
                }
            }
        }
        if groups.is_empty() {
            return None;
        }
        // Each term by its coefficient-free part.
        let mut index: FxHashMap<Rest, (usize, Number)> =
            FxHashMap::with_capacity_and_hasher(terms.len(), Default::default());
        for (i, t) in terms.iter().enumerate() {
            let (c, rest) = Rest::of_term(t);
            index.insert(rest, (i, c));
        }
        // Each relation's best multiple, then the largest savings first,
        // each term rewritten once.
        let mut options: Vec<Saving> = Vec::new();
        for (r, u, cofactor) in groups {
            if let Some(o) = self.best_multiple(r, u, &cofactor, terms, &index) {
                options.push(o);
            }
        }
        options.sort_by_key(|o| std::cmp::Reverse(o.saving));
        let mut used = vec![false; terms.len()];
        let mut added: Vec<Expr> = Vec::new();
        for o in options {
            if o.terms.iter().any(|&i| used[i]) {
                continue;
            }
            for &i in &o.terms {
                used[i] = true;
            }
            let new_terms = o
                .new_terms
                .into_iter()
                .map(|(c, key)| Expr::mul([Expr::number(c), key]));
            let start = added.len();
            added.extend(new_terms);
            if W::ON {
                let before = Expr::add(o.terms.iter().map(|&i| terms[i].clone()));
                let after = Expr::add(added[start..].iter().cloned());
                self.report(o.identity, &before, &after, &o.u);
            }
        }
        if !used.contains(&true) {
            return None;
        }
        let kept = terms
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(t, _)| t.clone());
        Some(Expr::add(kept.chain(added)))
    }

    /// The multiple of relation `r` (at `u`, times `cofactor`) whose adding
    /// shortens the sum most, if one does: it cancels one of the terms the
    /// relation finds in the sum (at least two).
    fn best_multiple(
        &mut self,
        r: usize,
        u: Expr,
        cofactor: &Expr,
        terms: &[Expr],
        index: &FxHashMap<Rest, (usize, Number)>,
    ) -> Option<Saving> {
        let (identity, atoms) = TABLE.linear[r];
        let keys: Vec<Expr> = (0..atoms.len())
            .map(|a| {
                let atom = self.built.atom(r, a, &u);
                self.built.product(cofactor, &atom)
            })
            .collect();
        let present: Vec<(usize, usize, Number)> = keys
            .iter()
            .enumerate()
            .filter_map(|(a, k)| {
                let (i, c) = index.get(&Rest::of_key(k)?)?;
                Some((a, *i, c.clone()))
            })
            .collect();
        if present.len() < 2 {
            return None;
        }
        let removed: Vec<Expr> = present.iter().map(|&(_, i, _)| terms[i].clone()).collect();
        let removed_size = self.cost.of_terms(&removed);
        // The new coefficients of the atoms, for each λ: weighed without
        // building the terms, and only the best built.
        let coefficients = |lambda: &Number| -> Vec<(usize, Number)> {
            atoms
                .iter()
                .enumerate()
                .filter_map(|(b, (coef, _))| {
                    let old = present
                        .iter()
                        .find(|&&(pb, _, _)| pb == b)
                        .map_or(Number::int(0), |(_, _, c)| c.clone());
                    let new = old + lambda.clone() * Number::int(*coef);
                    (!new.is_zero()).then_some((b, new))
                })
                .collect()
        };
        let mut best: Option<(Vec<(usize, Number)>, Size)> = None;
        for (a, _, c) in &present {
            // λ cancels atom a: λ = -c/coef_a.
            let Some(inv) = Number::int(atoms[*a].0).recip() else {
                continue;
            };
            let new = coefficients(&-(c.clone() * inv));
            let size = new.iter().fold(Size::default(), |total, (b, n)| {
                total.plus(self.cost.of_multiple(n, &keys[*b]))
            });
            let against = best.as_ref().map_or(removed_size, |(_, s)| *s);
            if size.better_than(&against) {
                best = Some((new, size));
            }
        }
        let (new, size) = best?;
        let new_terms = new.into_iter().map(|(b, n)| (n, keys[b].clone())).collect();
        let saving = (
            removed_size.ops.saturating_sub(size.ops),
            removed_size.chars.saturating_sub(size.chars),
        );
        Some(Saving {
            identity,
            u,
            terms: present.iter().map(|&(_, i, _)| i).collect(),
            new_terms,
            saving,
        })
    }
}

/// A form [`Identities::shortest_in_family`] weighs: the family's double
/// angle (built, with its identity), or a product of members' powers,
/// `(member, k)`, built only if it is the best.
#[derive(Clone)]
enum Candidate {
    Double(Expr, &'static Identity),
    Powers(Vec<(usize, i64)>),
}

/// A quotient family and the argument its functions are called on.
type FamilyKey = (usize, Expr);

/// A factor `f(u)^k` of a product, `f` a member of a quotient family.
#[derive(Clone, Copy)]
struct FamilyFactor {
    position: usize,
    /// `f` in the family's basis.
    vector: [i64; 2],
    k: i64,
}

/// A term of a sum without its coefficient, read off its factors (not
/// built): `3*x*sin(x)` → `[x, sin(x)]`; a number term is `One`.
#[derive(PartialEq, Eq, Hash)]
enum Rest<'a> {
    One,
    Factors(&'a [Expr]),
}

impl<'a> Rest<'a> {
    /// A term's coefficient and rest.
    fn of_term(t: &'a Expr) -> (Number, Rest<'a>) {
        match t.node() {
            Node::Num(n) => (n.clone(), Rest::One),
            Node::Mul(fs) => match fs[0].as_number() {
                Some(c) => (c.clone(), Rest::Factors(&fs[1..])),
                None => (Number::int(1), Rest::Factors(fs)),
            },
            _ => (Number::int(1), Rest::Factors(std::slice::from_ref(t))),
        }
    }

    /// The rest of the terms that are multiples of `key`, if `key` has no
    /// coefficient of its own (no term's rest has).
    fn of_key(key: &'a Expr) -> Option<Rest<'a>> {
        match key.node() {
            Node::Num(n) => n.is_one().then_some(Rest::One),
            Node::Mul(fs) if fs[0].as_number().is_some() => None,
            Node::Mul(fs) => Some(Rest::Factors(fs)),
            _ => Some(Rest::Factors(std::slice::from_ref(key))),
        }
    }
}

/// A relation's multiple that would shorten a sum.
struct Saving {
    identity: &'static Identity,
    u: Expr,
    /// The positions of the terms it replaces.
    terms: Vec<usize>,
    /// The terms that replace them, `(coefficient, rest)`: built only if
    /// the saving is taken (others that share a term with a larger one
    /// are not).
    new_terms: Vec<(Number, Expr)>,
    /// Operations and characters saved.
    saving: (u64, u64),
}

/// The factors of a product; any other expression is its one factor.
fn factors_of(e: &Expr) -> &[Expr] {
    match e.node() {
        Node::Mul(fs) => fs,
        _ => std::slice::from_ref(e),
    }
}
