//! Symbolic matrices: gradients, Jacobians and Hessians.
//!
//! Entries are computed in parallel across rows (rayon) when there is
//! enough work; the intern table is sharded, so threads build shared nodes
//! without queueing on one lock.

use crate::calculus::diff::{derivative, derivative_within};
use crate::calculus::poly::Polynomial;
use crate::error::Error;
use crate::expr::walk::tree_size;
use crate::expr::Expr;
use crate::limits::Limits;
use crate::simplify::{printable_within, simplify, simplify_all};
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::convert::Infallible;
use std::fmt;

/// A row-major matrix of expressions with a checked shape.
///
/// ```
/// use symdiff::{parse, Matrix};
/// let m = Matrix::from_rows(vec![vec![parse("x").unwrap(), parse("2").unwrap()]]).unwrap();
/// assert_eq!((m.rows(), m.cols()), (1, 2));
/// assert_eq!(m.to_string(), "[[x, 2]]");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix {
    rows: usize,
    cols: usize,
    entries: Vec<Expr>,
}

/// Rows of different lengths, or an empty row, given to [`Matrix::from_rows`].
///
/// ```
/// use symdiff::{Expr, Matrix};
/// let ragged = vec![vec![Expr::int(1)], vec![]];
/// assert!(Matrix::from_rows(ragged).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the rows of a matrix must all have the same, non-zero length")]
pub struct ShapeError;

impl Matrix {
    /// A matrix from its rows.
    ///
    /// ```
    /// use symdiff::{Expr, Matrix};
    /// let m = Matrix::from_rows(vec![vec![Expr::int(1)], vec![Expr::int(2)]]).unwrap();
    /// assert_eq!(m.rows(), 2);
    /// ```
    pub fn from_rows(rows: Vec<Vec<Expr>>) -> Result<Matrix, ShapeError> {
        let cols = rows.first().map_or(0, Vec::len);
        if cols == 0 || rows.iter().any(|r| r.len() != cols) {
            return Err(ShapeError);
        }
        Ok(Matrix {
            rows: rows.len(),
            cols,
            entries: rows.into_iter().flatten().collect(),
        })
    }

    /// A column vector (n×1).
    ///
    /// ```
    /// let v = symdiff::Matrix::column(vec![symdiff::Expr::int(1), symdiff::Expr::int(2)]);
    /// assert_eq!((v.rows(), v.cols()), (2, 1));
    /// ```
    pub fn column(entries: Vec<Expr>) -> Matrix {
        Matrix {
            rows: entries.len(),
            cols: 1,
            entries,
        }
    }

    /// The number of rows.
    ///
    /// ```
    /// assert_eq!(symdiff::Matrix::column(vec![symdiff::Expr::int(0)]).rows(), 1);
    /// ```
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The number of columns.
    ///
    /// ```
    /// assert_eq!(symdiff::Matrix::column(vec![symdiff::Expr::int(0)]).cols(), 1);
    /// ```
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The entry at `(row, col)`, if inside the matrix.
    ///
    /// ```
    /// let v = symdiff::Matrix::column(vec![symdiff::Expr::int(7)]);
    /// assert_eq!(v.get(0, 0), Some(&symdiff::Expr::int(7)));
    /// assert_eq!(v.get(1, 0), None);
    /// ```
    pub fn get(&self, row: usize, col: usize) -> Option<&Expr> {
        if row < self.rows && col < self.cols {
            self.entries.get(row * self.cols + col)
        } else {
            None
        }
    }

    /// All entries, row by row.
    ///
    /// ```
    /// let v = symdiff::Matrix::column(vec![symdiff::Expr::int(1), symdiff::Expr::int(2)]);
    /// assert_eq!(v.entries().len(), 2);
    /// ```
    pub fn entries(&self) -> &[Expr] {
        &self.entries
    }

    /// The rows as slices.
    ///
    /// ```
    /// let v = symdiff::Matrix::column(vec![symdiff::Expr::int(1), symdiff::Expr::int(2)]);
    /// assert_eq!(v.row_slices().count(), 2);
    /// ```
    pub fn row_slices(&self) -> impl Iterator<Item = &[Expr]> {
        self.entries.chunks(self.cols)
    }

    /// The transpose.
    ///
    /// ```
    /// let v = symdiff::Matrix::column(vec![symdiff::Expr::int(1), symdiff::Expr::int(2)]);
    /// assert_eq!(v.transpose().to_string(), "[[1, 2]]");
    /// ```
    pub fn transpose(&self) -> Matrix {
        let entries = (0..self.cols)
            .flat_map(|c| (0..self.rows).map(move |r| (r, c)))
            .map(|(r, c)| self.entries[r * self.cols + c].clone())
            .collect();
        Matrix {
            rows: self.cols,
            cols: self.rows,
            entries,
        }
    }

    /// Each entry mapped through `f`.
    ///
    /// ```
    /// use symdiff::{parse, simplify, Matrix};
    /// let m = Matrix::column(vec![parse("sin(x)^2 + cos(x)^2").unwrap()]);
    /// assert_eq!(m.map(simplify).to_string(), "[1]");
    /// ```
    pub fn map(&self, f: impl Fn(&Expr) -> Expr) -> Matrix {
        Matrix {
            rows: self.rows,
            cols: self.cols,
            entries: self.entries.iter().map(f).collect(),
        }
    }

    /// The matrix in LaTeX, as a `pmatrix`.
    ///
    /// ```
    /// let v = symdiff::Matrix::column(vec![symdiff::Expr::int(1), symdiff::Expr::int(2)]);
    /// assert_eq!(v.to_latex(), r"\begin{pmatrix} 1 \\ 2 \end{pmatrix}");
    /// ```
    pub fn to_latex(&self) -> String {
        let texts: Vec<String> = self.entries.iter().map(Expr::to_latex).collect();
        latex_rows(&texts, self.cols)
    }

    /// The matrix as JSON: `{"rows": [["entry", ...], ...]}` in text form.
    ///
    /// ```
    /// let v = symdiff::Matrix::column(vec![symdiff::parse("x/2").unwrap()]);
    /// assert_eq!(v.to_json(), r#"{"rows":[["x/2"]]}"#);
    /// ```
    pub fn to_json(&self) -> String {
        self.printed(Rows::json(self.cols, self.entries.len()))
    }

    /// The entries printed as text straight into `rows`.
    fn printed(&self, mut rows: Rows) -> String {
        crate::present::print::for_each_text(&self.entries, |text| rows.entry(text));
        rows.finish()
    }
}

impl fmt::Display for Matrix {
    /// Rows in brackets: `[[a, b], [c, d]]`; a column vector (a gradient)
    /// prints as one list, `[a, b]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.printed(Rows::text(self.cols, self.entries.len())))
    }
}

/// Printed entries, row-major, written one by one into the text or JSON
/// layout of a [`Matrix`].
struct Rows {
    out: String,
    cols: usize,
    written: usize,
    json: bool,
}

impl Rows {
    /// `[[a, b], [c, d]]`, or `[a, b]` for one column; room for `entries`
    /// short ones.
    fn text(cols: usize, entries: usize) -> Rows {
        let mut out = String::with_capacity(8 * entries + 2);
        out.push('[');
        Rows {
            out,
            cols,
            written: 0,
            json: false,
        }
    }

    /// `{"rows":[["a","b"],["c","d"]]}`, with room for `entries` short ones.
    fn json(cols: usize, entries: usize) -> Rows {
        let mut out = String::with_capacity(8 * entries + 12);
        out.push_str(r#"{"rows":["#);
        Rows {
            out,
            cols: cols.max(1),
            written: 0,
            json: true,
        }
    }

    /// Whether each row has brackets of its own.
    fn nested(&self) -> bool {
        self.json || self.cols > 1
    }

    fn entry(&mut self, text: &str) {
        let separator = if self.json { "," } else { ", " };
        if self.written == 0 {
            if self.nested() {
                self.out.push('[');
            }
        } else if self.nested() && self.written % self.cols == 0 {
            self.out.push(']');
            self.out.push_str(separator);
            self.out.push('[');
        } else {
            self.out.push_str(separator);
        }
        if self.json {
            json_string(&mut self.out, text);
        } else {
            self.out.push_str(text);
        }
        self.written += 1;
    }

    fn finish(mut self) -> String {
        if self.written > 0 && self.nested() {
            self.out.push(']');
        }
        self.out.push(']');
        if self.json {
            self.out.push('}');
        }
        self.out
    }
}

/// `text` as a JSON string onto `out`, escaped as serde_json escapes it;
/// printed expressions hold nothing to escape, and are copied as they are.
fn json_string(out: &mut String, text: &str) {
    if text.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
        out.push_str(&serde_json::Value::from(text).to_string());
    } else {
        out.push('"');
        out.push_str(text);
        out.push('"');
    }
}

/// Entries already printed, row-major with `cols` columns, in the text
/// layout of a [`Matrix`]: `[[a, b], [c, d]]`, or `[a, b]` for one column.
///
/// ```
/// let texts = ["1", "2", "3", "4"].map(String::from);
/// assert_eq!(symdiff::calculus::matrix::text_rows(&texts, 2), "[[1, 2], [3, 4]]");
/// assert_eq!(symdiff::calculus::matrix::text_rows(&texts, 1), "[1, 2, 3, 4]");
/// ```
pub fn text_rows(texts: &[String], cols: usize) -> String {
    let mut rows = Rows::text(cols, texts.len());
    texts.iter().for_each(|t| rows.entry(t));
    rows.finish()
}

/// Entries already printed, row-major with `cols` columns, as the JSON of
/// [`Matrix::to_json`]: `{"rows": [["a", "b"], ...]}`.
///
/// ```
/// let texts = ["1", "x/2"].map(String::from);
/// assert_eq!(symdiff::calculus::matrix::json_rows(&texts, 1), r#"{"rows":[["1"],["x/2"]]}"#);
/// ```
pub fn json_rows(texts: &[String], cols: usize) -> String {
    let mut rows = Rows::json(cols, texts.len());
    texts.iter().for_each(|t| rows.entry(t));
    rows.finish()
}

/// Entries already printed as LaTeX, row-major with `cols` columns, as a
/// `pmatrix`.
///
/// ```
/// let texts = ["1", "2"].map(String::from);
/// assert_eq!(symdiff::calculus::matrix::latex_rows(&texts, 2), r"\begin{pmatrix} 1 & 2 \end{pmatrix}");
/// ```
pub fn latex_rows(texts: &[String], cols: usize) -> String {
    let rows: Vec<String> = texts.chunks(cols.max(1)).map(|r| r.join(" & ")).collect();
    format!(r"\begin{{pmatrix}} {} \end{{pmatrix}}", rows.join(r" \\ "))
}

impl std::ops::Index<(usize, usize)> for Matrix {
    type Output = Expr;

    /// The entry at `(row, col)`; out of the shape is a bug in the caller
    /// and panics, as slices do ([`Matrix::get`] asks instead).
    ///
    /// ```
    /// use symdiff::{hessian, parse, Expr};
    /// let h = hessian(&parse("x^2*y^3").unwrap(), &[Expr::symbol("x"), Expr::symbol("y")]);
    /// assert_eq!(h[(0, 1)].to_string(), "6*x*y^2");
    /// ```
    fn index(&self, (row, col): (usize, usize)) -> &Expr {
        assert!(
            row < self.rows && col < self.cols,
            "index ({row}, {col}) outside a {}x{} matrix",
            self.rows,
            self.cols
        );
        &self.entries[row * self.cols + col]
    }
}

/// How entries are made and checked. Unbounded work cannot fail
/// ([`Infallible`]), so the unbounded public functions need no `unwrap`,
/// and they skip the walks a bound costs (the product-rule estimate before
/// each derivative, the printed size after simplifying).
trait Bound: Sync {
    type Error: Send;
    fn derivative(&self, e: &Expr, var: &Expr) -> Result<Expr, Self::Error>;
    fn printable(&self, simplified: Expr) -> Result<Expr, Self::Error>;
    /// `f` as an expanded polynomial within the bound, if it is one.
    fn polynomial(&self, f: &Expr) -> Option<Polynomial>;
}

struct Unbounded;

impl Bound for Unbounded {
    type Error = Infallible;
    fn derivative(&self, e: &Expr, var: &Expr) -> Result<Expr, Infallible> {
        Ok(derivative(e, var))
    }
    fn printable(&self, simplified: Expr) -> Result<Expr, Infallible> {
        Ok(simplified)
    }
    fn polynomial(&self, f: &Expr) -> Option<Polynomial> {
        let unbounded = Limits {
            max_nodes: usize::MAX,
            ..Limits::default()
        };
        Polynomial::from_expanded(f, &unbounded)
    }
}

/// The rules of the single-derivative path, entry by entry.
impl Bound for Limits {
    type Error = Error;
    fn derivative(&self, e: &Expr, var: &Expr) -> Result<Expr, Error> {
        derivative_within(e, var, self)
    }
    fn printable(&self, simplified: Expr) -> Result<Expr, Error> {
        printable_within(simplified, self)
    }
    fn polynomial(&self, f: &Expr) -> Option<Polynomial> {
        Polynomial::from_expanded(f, self)
    }
}

/// The partials of expanded polynomials, taken on their monomials
/// ([`Polynomial`]) as the command line's `--grad`, `--hessian` and
/// `--jacobian` take them: the general path's entries without its product
/// rules and simplification. Row-major, `depth` partials deep: by each of
/// `vars`, then (for 2) by each of those from the first one's on, the upper
/// triangle of a Hessian. `None` leaves `fs` to the general path.
fn polynomial_partials<B: Bound>(
    fs: &[Expr],
    vars: &[Expr],
    depth: usize,
    bound: &B,
) -> Option<Result<Vec<Expr>, B::Error>> {
    let names: Vec<&str> = vars.iter().map(Expr::as_symbol).collect::<Option<_>>()?;
    let mut entries = Vec::new();
    for f in fs {
        let p = bound.polynomial(f)?;
        for (i, name) in names.iter().enumerate() {
            let first = p.derivative(name)?;
            match depth {
                1 => entries.push(first),
                _ => {
                    for then in &names[i..] {
                        entries.push(first.derivative(then)?);
                    }
                }
            }
        }
    }
    Some(
        entries
            .iter()
            .map(|p| bound.printable(p.to_expr()))
            .collect(),
    )
}

/// Where the entries are computed: across rayon's threads, or all on
/// this thread when there is too little work to pay for starting them
/// (rayon starts a thread per core on first use).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Threads {
    Many,
    One,
}

/// Nodes of the functions, written out as trees, times the variables each
/// of them holds (a partial by any other is 0, without work), below which
/// the entries are computed on this thread. Each unit costs about 1 700
/// instructions: the benchmarks' 40×40 Jacobian (W6) counts 1 920 of them
/// and takes 0.5 ms on one thread, but 1.0 ms across rayon's, whose start
/// and hand-offs cost more than they share on a busy 2-core machine; so
/// about 2 ms of work, from which they pay back.
const PARALLEL_MIN_WORK: usize = 8000;

impl Threads {
    /// One thread for `fs` differentiated by `vars` when that is less work
    /// than [`PARALLEL_MIN_WORK`]; `passes` says how many times a function
    /// is differentiated per variable it holds, given the number it holds
    /// (one for a gradient, that number again for a Hessian).
    fn for_work(fs: &[Expr], vars: &[Expr], passes: impl Fn(usize) -> usize) -> Threads {
        let work = fs.iter().fold(0usize, |total, f| {
            // `may_contain` can only overcount, which errs towards threads.
            let held = vars.iter().filter(|v| f.may_contain(v)).count();
            total.saturating_add(tree_size(f).saturating_mul(passes(held)))
        });
        if work < PARALLEL_MIN_WORK {
            Threads::One
        } else {
            Threads::Many
        }
    }

    fn count(self) -> usize {
        match self {
            Threads::Many => rayon::current_num_threads(),
            Threads::One => 1,
        }
    }

    /// `f` of each of `items`, in order, or the first error.
    fn try_map<T: Sync, R: Send, E: Send>(
        self,
        items: &[T],
        f: impl Fn(&T) -> Result<R, E> + Sync + Send,
    ) -> Result<Vec<R>, E> {
        match self {
            Threads::Many => items.par_iter().map(f).collect(),
            Threads::One => items.iter().map(f).collect(),
        }
    }
}

/// Entries simplified in as many chunks as there are threads, each chunk
/// with one memo, so the subexpressions the entries share are simplified
/// once per chunk instead of once per entry.
fn simplified<B: Bound>(
    raw: Vec<Expr>,
    bound: &B,
    threads: Threads,
) -> Result<Vec<Expr>, B::Error> {
    let chunk = raw.len().div_ceil(threads.count()).max(1);
    let chunks: Vec<&[Expr]> = raw.chunks(chunk).collect();
    let done = threads.try_map(&chunks, |c| {
        simplify_all(c)
            .into_iter()
            .map(|e| bound.printable(e))
            .collect::<Result<Vec<_>, _>>()
    })?;
    Ok(done.into_iter().flatten().collect())
}

/// `∂f/∂v` for each of `vars`, and 0 without any work for the variables
/// `f` does not hold: most entries of a large Jacobian or Hessian.
fn partials<B: Bound>(
    f: &Expr,
    vars: &[Expr],
    bound: &B,
    threads: Threads,
) -> Result<Vec<Expr>, B::Error> {
    let holds: FxHashSet<Expr> = f.free_symbols().into_iter().collect();
    threads.try_map(vars, |v| {
        if holds.contains(v) {
            bound.derivative(f, v)
        } else {
            Ok(Expr::int(0))
        }
    })
}

fn gradient_by<B: Bound>(f: &Expr, vars: &[Expr], bound: &B) -> Result<Matrix, B::Error> {
    if let Some(entries) = polynomial_partials(std::slice::from_ref(f), vars, 1, bound) {
        return Ok(Matrix::column(entries?));
    }
    let threads = Threads::for_work(std::slice::from_ref(f), vars, |held| held);
    Ok(Matrix::column(simplified(
        partials(f, vars, bound, threads)?,
        bound,
        threads,
    )?))
}

fn jacobian_by<B: Bound>(fs: &[Expr], vars: &[Expr], bound: &B) -> Result<Matrix, B::Error> {
    if let Some(entries) = polynomial_partials(fs, vars, 1, bound) {
        return Ok(Matrix {
            rows: fs.len(),
            cols: vars.len(),
            entries: entries?,
        });
    }
    let threads = Threads::for_work(fs, vars, |held| held);
    let rows = threads.try_map(fs, |f| partials(f, vars, bound, threads))?;
    Ok(Matrix {
        rows: fs.len(),
        cols: vars.len(),
        entries: simplified(rows.into_iter().flatten().collect(), bound, threads)?,
    })
}

fn hessian_by<B: Bound>(f: &Expr, vars: &[Expr], bound: &B) -> Result<Matrix, B::Error> {
    let n = vars.len();
    let upper = match polynomial_partials(std::slice::from_ref(f), vars, 2, bound) {
        Some(upper) => upper?,
        None => hessian_upper(f, vars, bound)?,
    };
    // Entry (i, j >= i) sits after rows 0..i, which hold n, n-1, ... entries.
    let at = |i: usize, j: usize| i * n - i * (i + 1) / 2 + j;
    let entries = (0..n)
        .flat_map(|i| (0..n).map(move |j| (i, j)))
        .map(|(i, j)| {
            let (a, b) = if j >= i { (i, j) } else { (j, i) };
            upper[at(a, b)].clone()
        })
        .collect();
    Ok(Matrix {
        rows: n,
        cols: n,
        entries,
    })
}

/// The entries (i, j >= i) of the Hessian, row by row, by the rules.
fn hessian_upper<B: Bound>(f: &Expr, vars: &[Expr], bound: &B) -> Result<Vec<Expr>, B::Error> {
    // Each first partial is differentiated again by the later variables.
    let threads = Threads::for_work(std::slice::from_ref(f), vars, |held| held * held);
    // First partials stay in canonical form: a simplified one would carry
    // factored sums into the second product rule and swell it.
    let first = partials(f, vars, bound, threads)?;
    let rows: Vec<usize> = (0..vars.len()).collect();
    let upper = threads.try_map(&rows, |&i| partials(&first[i], &vars[i..], bound, threads))?;
    simplified(upper.into_iter().flatten().collect(), bound, threads)
}

fn laplacian_by<B: Bound>(f: &Expr, vars: &[Expr], bound: &B) -> Result<Expr, B::Error> {
    let threads = Threads::for_work(std::slice::from_ref(f), vars, |held| 2 * held);
    let seconds = threads.try_map(vars, |v| bound.derivative(&bound.derivative(f, v)?, v))?;
    bound.printable(simplify(&Expr::add(seconds)))
}

fn directional_by<B: Bound>(
    f: &Expr,
    vars: &[Expr],
    direction: &[Expr],
    bound: &B,
) -> Result<Expr, B::Error> {
    let g = gradient_by(f, vars, bound)?;
    let terms = g
        .entries()
        .iter()
        .zip(direction)
        .map(|(gi, vi)| gi.clone() * vi.clone());
    bound.printable(simplify(&Expr::add(terms.collect::<Vec<_>>())))
}

/// The gradient of `f`: the column of its partials by `vars`.
///
/// ```
/// use symdiff::{gradient, parse, Expr};
/// let vars = [Expr::symbol("x"), Expr::symbol("y")];
/// let g = gradient(&parse("x^2*y").unwrap(), &vars);
/// assert_eq!(g.to_string(), "[2*x*y, x^2]");
/// ```
pub fn gradient(f: &Expr, vars: &[Expr]) -> Matrix {
    let Ok(g) = gradient_by(f, vars, &Unbounded);
    g
}

/// [`gradient`], or [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge)
/// when a partial would grow past `limits.max_nodes`, by the rules of
/// [`derivative_within`] and [`simplify_within`](crate::simplify::simplify_within).
///
/// ```
/// use symdiff::{gradient, calculus::matrix::gradient_within, parse, ErrorKind, Expr, Limits};
/// let vars = [Expr::symbol("x"), Expr::symbol("y")];
/// let f = parse("x^2*y").unwrap();
/// assert_eq!(gradient_within(&f, &vars, &Limits::default()), Ok(gradient(&f, &vars)));
/// let small = Limits { max_nodes: 3, ..Limits::default() };
/// let err = gradient_within(&f, &vars, &small).unwrap_err();
/// assert_eq!(err.kind, ErrorKind::TooLarge { limit: 3 });
/// ```
pub fn gradient_within(f: &Expr, vars: &[Expr], limits: &Limits) -> Result<Matrix, Error> {
    gradient_by(f, vars, limits)
}

/// The Jacobian of `fs` by `vars`: row i holds the partials of `fs[i]`.
///
/// ```
/// use symdiff::{jacobian, parse_vector, Expr};
/// let fs = parse_vector("[2*x^2, x*sqrt(y)]").unwrap();
/// let j = jacobian(&fs, &[Expr::symbol("x"), Expr::symbol("y")]);
/// assert_eq!(j.to_string(), "[[4*x, 0], [sqrt(y), x/(2*sqrt(y))]]");
/// ```
pub fn jacobian(fs: &[Expr], vars: &[Expr]) -> Matrix {
    let Ok(j) = jacobian_by(fs, vars, &Unbounded);
    j
}

/// [`jacobian`], or [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge)
/// when an entry would grow past `limits.max_nodes`.
///
/// ```
/// use symdiff::{jacobian, calculus::matrix::jacobian_within, parse_vector, ErrorKind, Expr, Limits};
/// let fs = parse_vector("[2*x^2, x*sqrt(y)]").unwrap();
/// let vars = [Expr::symbol("x"), Expr::symbol("y")];
/// assert_eq!(jacobian_within(&fs, &vars, &Limits::default()), Ok(jacobian(&fs, &vars)));
/// let small = Limits { max_nodes: 3, ..Limits::default() };
/// let err = jacobian_within(&fs, &vars, &small).unwrap_err();
/// assert_eq!(err.kind, ErrorKind::TooLarge { limit: 3 });
/// ```
pub fn jacobian_within(fs: &[Expr], vars: &[Expr], limits: &Limits) -> Result<Matrix, Error> {
    jacobian_by(fs, vars, limits)
}

/// The Hessian of `f` by `vars`: symmetric, each mixed partial computed once.
///
/// ```
/// use symdiff::{hessian, parse, Expr};
/// let h = hessian(&parse("x^2*y^3").unwrap(), &[Expr::symbol("x"), Expr::symbol("y")]);
/// assert_eq!(h.to_string(), "[[2*y^3, 6*x*y^2], [6*x*y^2, 6*x^2*y]]");
/// ```
pub fn hessian(f: &Expr, vars: &[Expr]) -> Matrix {
    let Ok(h) = hessian_by(f, vars, &Unbounded);
    h
}

/// [`hessian`], or [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge)
/// when a first or second partial would grow past `limits.max_nodes`.
///
/// ```
/// use symdiff::{hessian, calculus::matrix::hessian_within, parse, ErrorKind, Expr, Limits};
/// let f = parse("x^2*y^3").unwrap();
/// let vars = [Expr::symbol("x"), Expr::symbol("y")];
/// assert_eq!(hessian_within(&f, &vars, &Limits::default()), Ok(hessian(&f, &vars)));
/// let small = Limits { max_nodes: 3, ..Limits::default() };
/// let err = hessian_within(&f, &vars, &small).unwrap_err();
/// assert_eq!(err.kind, ErrorKind::TooLarge { limit: 3 });
/// ```
pub fn hessian_within(f: &Expr, vars: &[Expr], limits: &Limits) -> Result<Matrix, Error> {
    hessian_by(f, vars, limits)
}

/// The Laplacian of `f`: the sum of its unmixed second partials.
///
/// ```
/// use symdiff::{laplacian, parse, Expr};
/// let l = laplacian(&parse("x^2 + y^3").unwrap(), &[Expr::symbol("x"), Expr::symbol("y")]);
/// assert_eq!(l.to_string(), "6*y + 2");
/// ```
pub fn laplacian(f: &Expr, vars: &[Expr]) -> Expr {
    let Ok(l) = laplacian_by(f, vars, &Unbounded);
    l
}

/// [`laplacian`], or [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge)
/// when a partial or the sum would grow past `limits.max_nodes`.
///
/// ```
/// use symdiff::{laplacian, calculus::matrix::laplacian_within, parse, ErrorKind, Expr, Limits};
/// let f = parse("x^2 + y^3").unwrap();
/// let vars = [Expr::symbol("x"), Expr::symbol("y")];
/// assert_eq!(laplacian_within(&f, &vars, &Limits::default()), Ok(laplacian(&f, &vars)));
/// let small = Limits { max_nodes: 3, ..Limits::default() };
/// let err = laplacian_within(&f, &vars, &small).unwrap_err();
/// assert_eq!(err.kind, ErrorKind::TooLarge { limit: 3 });
/// ```
pub fn laplacian_within(f: &Expr, vars: &[Expr], limits: &Limits) -> Result<Expr, Error> {
    laplacian_by(f, vars, limits)
}

/// The derivative of `f` along the vector `direction` (not normalized):
/// `∇f · direction`. Missing components count as 0.
///
/// ```
/// use symdiff::{directional, parse, Expr};
/// let vars = [Expr::symbol("x"), Expr::symbol("y")];
/// let d = directional(&parse("x*y").unwrap(), &vars, &[Expr::int(1), Expr::int(2)]);
/// assert_eq!(d.to_string(), "2*x + y");
/// ```
pub fn directional(f: &Expr, vars: &[Expr], direction: &[Expr]) -> Expr {
    let Ok(d) = directional_by(f, vars, direction, &Unbounded);
    d
}

/// [`directional`], or [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge)
/// when the gradient or the result would grow past `limits.max_nodes`.
///
/// ```
/// use symdiff::{directional, calculus::matrix::directional_within, parse, ErrorKind, Expr, Limits};
/// let vars = [Expr::symbol("x"), Expr::symbol("y")];
/// let (f, along) = (parse("x*y").unwrap(), [Expr::int(1), Expr::int(2)]);
/// let d = directional_within(&f, &vars, &along, &Limits::default());
/// assert_eq!(d, Ok(directional(&f, &vars, &along)));
/// let small = Limits { max_nodes: 3, ..Limits::default() };
/// let err = directional_within(&f, &vars, &along, &small).unwrap_err();
/// assert_eq!(err.kind, ErrorKind::TooLarge { limit: 3 });
/// ```
pub fn directional_within(
    f: &Expr,
    vars: &[Expr],
    direction: &[Expr],
    limits: &Limits,
) -> Result<Expr, Error> {
    directional_by(f, vars, direction, limits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    /// W6's functions: `x_i^2*sin(x_{i+1}) + exp(x_{i-1}*x_i) - ln(1 + x_i^2)`
    /// around a cycle of `n` variables.
    fn cyclic(n: usize) -> (Vec<Expr>, Vec<Expr>) {
        let x = |i: usize| format!("x{}", i % n);
        let fs = (0..n)
            .map(|i| {
                let (a, b, c) = (x(i + n - 1), x(i), x(i + 1));
                parse(&format!("{b}^2*sin({c}) + exp({a}*{b}) - ln(1 + {b}^2)")).unwrap()
            })
            .collect();
        (fs, (0..n).map(|i| Expr::symbol(&x(i))).collect())
    }

    /// Texts of every shape the rows are written in: none, one, a row, a
    /// column, a square; with and without characters JSON escapes.
    fn shapes() -> Vec<(Vec<String>, usize)> {
        let plain = ["x", "2*y", "-1/(x + 1)", "0"].map(String::from);
        let odd = ["a\"b", "c\\d", "e\nf", "\u{1}", "é"].map(String::from);
        let mut shapes = vec![(vec![], 1), (plain[..1].to_vec(), 1)];
        for texts in [plain.to_vec(), odd.to_vec()] {
            for cols in [1, 2, texts.len()] {
                let whole = texts.len() / cols * cols;
                shapes.push((texts[..whole].to_vec(), cols));
            }
        }
        shapes
    }

    #[test]
    fn json_rows_are_what_serde_json_writes() {
        for (texts, cols) in shapes() {
            let rows: Vec<&[String]> = texts.chunks(cols).collect();
            let expected = format!(r#"{{"rows":{}}}"#, serde_json::to_string(&rows).unwrap());
            assert_eq!(
                json_rows(&texts, cols),
                expected,
                "{texts:?} in {cols} columns"
            );
        }
    }

    #[test]
    fn text_rows_are_lists_of_lists_or_one_list() {
        for (texts, cols) in shapes() {
            let list = |items: &[String]| format!("[{}]", items.join(", "));
            let expected = match cols {
                1 => list(&texts),
                _ => list(&texts.chunks(cols).map(list).collect::<Vec<_>>()),
            };
            assert_eq!(
                text_rows(&texts, cols),
                expected,
                "{texts:?} in {cols} columns"
            );
        }
    }

    #[test]
    fn a_matrix_prints_as_its_entries_do() {
        let (fs, vars) = cyclic(3);
        let j = jacobian(&fs, &vars);
        let texts = crate::present::print::to_text_all(j.entries());
        assert_eq!(j.to_json(), json_rows(&texts, j.cols()));
        assert_eq!(j.to_string(), text_rows(&texts, j.cols()));
    }

    #[test]
    fn small_work_stays_on_this_thread_and_large_work_is_shared() {
        let (small, vars) = cyclic(2);
        assert_eq!(
            Threads::for_work(&small[..1], &vars, |held| held),
            Threads::One
        );
        let (large, vars) = cyclic(200);
        assert_eq!(Threads::for_work(&large, &vars, |held| held), Threads::Many);
    }

    #[test]
    fn work_counts_only_the_variables_a_function_holds() {
        // W6: 1 600 entries, of which 120 are not 0.
        let (fs, vars) = cyclic(40);
        assert_eq!(Threads::for_work(&fs, &vars, |held| held), Threads::One);
        // One function that holds every variable is differentiated by each.
        let sum = Expr::add(fs.clone());
        assert_eq!(Threads::for_work(&[sum], &vars, |held| held), Threads::Many);
    }

    #[test]
    fn a_shared_jacobian_has_the_rows_of_gradients_done_on_one_thread() {
        let (fs, vars) = cyclic(200);
        assert_eq!(Threads::for_work(&fs, &vars, |held| held), Threads::Many);
        let j = jacobian(&fs, &vars);
        for (r, f) in fs.iter().enumerate() {
            assert_eq!(
                Threads::for_work(std::slice::from_ref(f), &vars, |held| held),
                Threads::One
            );
            let g = gradient(f, &vars);
            for c in 0..vars.len() {
                assert_eq!(j.get(r, c), g.get(c, 0), "entry ({r}, {c})");
            }
        }
    }
}
