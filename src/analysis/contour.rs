//! An SVG picture of descent trajectories over the contours of a function
//! of two variables: contour lines by marching squares on a grid, levels at
//! quantiles of the grid's values (so a steep bowl still shows rings near
//! its bottom), and each trajectory as a path.

use super::descent::{Method, Trajectory};
use super::{AnalysisError, Compiled};
use crate::expr::Expr;
use std::fmt::Write;

/// Grid cells per side.
const CELLS: usize = 60;
/// Contour levels drawn.
const LEVELS: usize = 12;
/// The picture's side in pixels.
const SIZE: f64 = 480.0;

/// The trajectories of `runs` drawn over the contours of `f(x, y)`.
///
/// ```
/// use symdiff::{analysis::{contour::svg, descent::{descend, Method, Options}}, parse, Expr};
/// let vars = [Expr::symbol("x"), Expr::symbol("y")];
/// let f = parse("x^2 + 4*y^2").unwrap();
/// let run = descend(&f, &vars, &[2.0, 1.0], Method::GradientDescent, &Options::default()).unwrap();
/// let picture = svg(&f, &vars, &[run]).unwrap();
/// assert!(picture.starts_with("<svg") && picture.contains("class=\"gradient_descent\""));
/// ```
pub fn svg(f: &Expr, vars: &[Expr], runs: &[Trajectory]) -> Result<String, AnalysisError> {
    if vars.len() != 2 {
        return Err(AnalysisError::NotTwoVariables(vars.len()));
    }
    let (lo, hi) = bounds(runs);
    let step = [
        (hi[0] - lo[0]) / CELLS as f64,
        (hi[1] - lo[1]) / CELLS as f64,
    ];
    let f_at = Compiled::new(std::slice::from_ref(f), vars);
    let mut grid = vec![f64::NAN; (CELLS + 1) * (CELLS + 1)];
    for j in 0..=CELLS {
        for i in 0..=CELLS {
            let p = [lo[0] + i as f64 * step[0], lo[1] + j as f64 * step[1]];
            // A point outside the domain leaves a hole in the contours.
            grid[j * (CELLS + 1) + i] = f_at.first_or_nan(&p);
        }
    }
    let to_px = |p: [f64; 2]| {
        (
            (p[0] - lo[0]) / (hi[0] - lo[0]) * SIZE,
            SIZE - (p[1] - lo[1]) / (hi[1] - lo[1]) * SIZE,
        )
    };
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{SIZE}\" height=\"{SIZE}\" viewBox=\"0 0 {SIZE} {SIZE}\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    );
    for level in levels(&grid) {
        let mut d = String::new();
        for j in 0..CELLS {
            for i in 0..CELLS {
                for (a, b) in cell_segments(&grid, i, j, level) {
                    let pa = to_px([lo[0] + a[0] * step[0], lo[1] + a[1] * step[1]]);
                    let pb = to_px([lo[0] + b[0] * step[0], lo[1] + b[1] * step[1]]);
                    let _ = write!(d, "M{:.1} {:.1}L{:.1} {:.1}", pa.0, pa.1, pb.0, pb.1);
                }
            }
        }
        if !d.is_empty() {
            let _ = writeln!(out, "<path d=\"{d}\" fill=\"none\" stroke=\"#bbb\"/>");
        }
    }
    for (k, run) in runs.iter().enumerate() {
        let (colour, label) = match run.method {
            Method::GradientDescent => ("#1f6feb", "gradient descent"),
            Method::Newton => ("#d73a49", "Newton"),
        };
        let _ = writeln!(
            out,
            "<text x=\"8\" y=\"{}\" fill=\"{colour}\" font-family=\"sans-serif\" font-size=\"14\">{label}</text>",
            20 + 18 * k
        );
        let points: Vec<String> = run
            .iterates
            .iter()
            .filter(|it| it.point.iter().all(|c| c.is_finite()))
            .map(|it| {
                let (x, y) = to_px([it.point[0], it.point[1]]);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = writeln!(
            out,
            "<polyline class=\"{}\" points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
            run.method.name(),
            points.join(" ")
        );
    }
    out += "</svg>\n";
    Ok(out)
}

/// The box the picture shows: every finite iterate, with a margin.
fn bounds(runs: &[Trajectory]) -> ([f64; 2], [f64; 2]) {
    let mut lo = [f64::INFINITY; 2];
    let mut hi = [f64::NEG_INFINITY; 2];
    for p in runs.iter().flat_map(|r| &r.iterates).map(|it| &it.point) {
        for k in 0..2 {
            if p[k].is_finite() && p[k].abs() < 1e12 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
    }
    for k in 0..2 {
        if lo[k] > hi[k] {
            (lo[k], hi[k]) = (-1.0, 1.0);
        }
        let margin = ((hi[k] - lo[k]) * 0.15).max(0.5);
        lo[k] -= margin;
        hi[k] += margin;
    }
    (lo, hi)
}

/// Contour levels at evenly spaced quantiles of the finite grid values.
fn levels(grid: &[f64]) -> Vec<f64> {
    let mut finite: Vec<f64> = grid.iter().copied().filter(|v| v.is_finite()).collect();
    finite.sort_by(f64::total_cmp);
    if finite.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<f64> = (1..=LEVELS)
        .map(|k| finite[(finite.len() - 1) * k / (LEVELS + 1)])
        .collect();
    out.dedup();
    out
}

/// The pieces of the `level` contour in cell (i, j), in grid coordinates:
/// each edge whose ends straddle the level holds a crossing, found by linear
/// interpolation, and crossings pair up in order around the cell.
fn cell_segments(grid: &[f64], i: usize, j: usize, level: f64) -> Vec<([f64; 2], [f64; 2])> {
    let at = |di: usize, dj: usize| grid[(j + dj) * (CELLS + 1) + i + di];
    let corners = [(0, 0), (1, 0), (1, 1), (0, 1)];
    let v: Vec<f64> = corners.iter().map(|&(di, dj)| at(di, dj)).collect();
    if v.iter().any(|x| !x.is_finite()) {
        return Vec::new();
    }
    let mut crossings = Vec::new();
    for k in 0..4 {
        let (a, b) = (k, (k + 1) % 4);
        if (v[a] < level) != (v[b] < level) {
            let t = (level - v[a]) / (v[b] - v[a]);
            let (ca, cb) = (corners[a], corners[b]);
            crossings.push([
                i as f64 + ca.0 as f64 + t * (cb.0 as f64 - ca.0 as f64),
                j as f64 + ca.1 as f64 + t * (cb.1 as f64 - ca.1 as f64),
            ]);
        }
    }
    crossings.chunks_exact(2).map(|c| (c[0], c[1])).collect()
}
