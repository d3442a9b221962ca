//! Functions of two variables: a grid of values and gradients, drawn as a
//! heat map with gradient arrows.

use super::svg::{escape, shorten, value_range, Frame, FONT, TITLE};
use super::Interval;
use crate::expr::Expr;
use crate::numeric::{format_value, Derivatives};
use std::fmt::Write;

/// A function of two variables and its gradient sampled on a grid.
///
/// ```
/// use symdiff::{parse, present::plot::{sample_surface, Interval}, Expr};
/// let (x, y) = (Interval::new(Expr::symbol("x"), -1.0, 1.0).unwrap(), Interval::new(Expr::symbol("y"), 0.0, 1.0).unwrap());
/// let s = sample_surface(&parse("x^2 + y").unwrap(), &x, &y, 3);
/// assert_eq!(s.values.len(), 9);
/// assert_eq!(s.value(2, 1), 1.5); // at x = 1, y = 0.5
/// assert_eq!(s.gradient_at(0, 0), (-2.0, 1.0));
/// ```
#[derive(Clone, Debug)]
pub struct Surface {
    /// The function.
    pub f: Expr,
    /// Its partials by the two variables.
    pub gradient: [Expr; 2],
    /// The first variable's interval (horizontal).
    pub x: Interval,
    /// The second variable's interval (vertical).
    pub y: Interval,
    /// The grid along x.
    pub xs: Vec<f64>,
    /// The grid along y.
    pub ys: Vec<f64>,
    /// `f` at `(xs[i], ys[j])`, stored at `j * xs.len() + i`; NaN where
    /// it has no finite value.
    pub values: Vec<f64>,
    /// The partials, stored as `values`; NaN where they do not exist.
    pub partials: [Vec<f64>; 2],
}

/// `f` and its gradient on a `points` × `points` grid over `x` × `y`.
///
/// ```
/// use symdiff::{parse, present::plot::{sample_surface, Interval}, Expr};
/// let (x, y) = (Interval::new(Expr::symbol("x"), -1.0, 1.0).unwrap(), Interval::new(Expr::symbol("y"), -1.0, 1.0).unwrap());
/// let s = sample_surface(&parse("abs(x) + y").unwrap(), &x, &y, 3);
/// assert!(s.gradient_at(1, 0).0.is_nan()); // not differentiable at x = 0
/// ```
pub fn sample_surface(f: &Expr, x: &Interval, y: &Interval, points: usize) -> Surface {
    let vars = [x.var.clone(), y.var.clone()];
    let gradient = [f.diff(&vars[0]), f.diff(&vars[1])];
    let (xs, ys) = (x.grid(points), y.grid(points));
    let gx: Vec<f64> = ys.iter().flat_map(|_| xs.iter().copied()).collect();
    let gy: Vec<f64> = ys
        .iter()
        .flat_map(|&v| std::iter::repeat_n(v, xs.len()))
        .collect();
    let outputs = [
        (f.clone(), 0),
        (gradient[0].clone(), 1),
        (gradient[1].clone(), 1),
    ];
    let (mut values, _) =
        Derivatives::new(std::slice::from_ref(f), &outputs, &vars, &vars).batch(&[&gx, &gy]);
    let dy = values.pop().unwrap_or_default();
    let dx = values.pop().unwrap_or_default();
    Surface {
        f: f.clone(),
        gradient,
        x: x.clone(),
        y: y.clone(),
        xs,
        ys,
        values: values.pop().unwrap_or_default(),
        partials: [dx, dy],
    }
}

impl Surface {
    /// `f` at grid point `(i, j)`, NaN outside the grid.
    ///
    /// ```
    /// use symdiff::{parse, present::plot::{sample_surface, Interval}, Expr};
    /// let (x, y) = (Interval::new(Expr::symbol("x"), 0.0, 1.0).unwrap(), Interval::new(Expr::symbol("y"), 0.0, 1.0).unwrap());
    /// assert_eq!(sample_surface(&parse("x*y").unwrap(), &x, &y, 2).value(1, 1), 1.0);
    /// ```
    pub fn value(&self, i: usize, j: usize) -> f64 {
        self.index(i, j).map_or(f64::NAN, |k| self.values[k])
    }

    /// The gradient at grid point `(i, j)`, NaN outside the grid.
    ///
    /// ```
    /// use symdiff::{parse, present::plot::{sample_surface, Interval}, Expr};
    /// let (x, y) = (Interval::new(Expr::symbol("x"), 0.0, 1.0).unwrap(), Interval::new(Expr::symbol("y"), 0.0, 1.0).unwrap());
    /// assert_eq!(sample_surface(&parse("x*y").unwrap(), &x, &y, 2).gradient_at(1, 0), (0.0, 1.0));
    /// ```
    pub fn gradient_at(&self, i: usize, j: usize) -> (f64, f64) {
        self.index(i, j).map_or((f64::NAN, f64::NAN), |k| {
            (self.partials[0][k], self.partials[1][k])
        })
    }

    fn index(&self, i: usize, j: usize) -> Option<usize> {
        (i < self.xs.len() && j < self.ys.len()).then(|| j * self.xs.len() + i)
    }

    /// The grid as CSV: `x,y,f,df/dx,df/dy`, one row per point.
    ///
    /// ```
    /// use symdiff::{parse, present::plot::{sample_surface, Interval}, Expr};
    /// let (x, y) = (Interval::new(Expr::symbol("x"), 0.0, 1.0).unwrap(), Interval::new(Expr::symbol("y"), 0.0, 1.0).unwrap());
    /// let csv = sample_surface(&parse("x*y").unwrap(), &x, &y, 2).to_csv();
    /// assert_eq!(csv, "x,y,f,df/dx,df/dy\n0,0,0,0,0\n1,0,0,0,1\n0,1,0,1,0\n1,1,1,1,1\n");
    /// ```
    pub fn to_csv(&self) -> String {
        let (a, b) = (&self.x.var, &self.y.var);
        let mut out = format!("{a},{b},f,df/d{a},df/d{b}\n");
        for (j, y) in self.ys.iter().enumerate() {
            for (i, x) in self.xs.iter().enumerate() {
                let (gx, gy) = self.gradient_at(i, j);
                let row = [*x, *y, self.value(i, j), gx, gy].map(format_value);
                out.push_str(&row.join(","));
                out.push('\n');
            }
        }
        out
    }

    /// A heat map of `f` with a color bar, and arrows along the gradient
    /// on a coarser grid (the longest arrow is the largest gradient).
    ///
    /// ```
    /// use symdiff::{parse, present::plot::{sample_surface, Interval}, Expr};
    /// let (x, y) = (Interval::new(Expr::symbol("x"), -2.0, 2.0).unwrap(), Interval::new(Expr::symbol("y"), -2.0, 2.0).unwrap());
    /// let svg = sample_surface(&parse("sin(x*y)").unwrap(), &x, &y, 21).to_svg();
    /// assert!(svg.contains("f(x, y) = sin(x*y)") && svg.contains("class=\"arrow\""));
    /// ```
    pub fn to_svg(&self) -> String {
        const W: f64 = 690.0;
        const H: f64 = 600.0;
        let frame = Frame {
            left: 72.0,
            top: 60.0,
            right: 560.0,
            bottom: H - 56.0,
            x: (self.x.lo, self.x.hi),
            y: (self.y.lo, self.y.hi),
        };
        let (a, b) = (self.x.var.to_string(), self.y.var.to_string());
        let mut out = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\">\n<rect width=\"{W}\" height=\"{H}\" fill=\"white\"/>\n"
        );
        let title = shorten(&format!("f({a}, {b}) = {}", self.f), 80);
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"24\" text-anchor=\"middle\" {TITLE}>{}</text>\n<text x=\"{}\" y=\"44\" text-anchor=\"middle\" {FONT}>color: value of f · arrows: gradient ∇f = (∂f/∂{a}, ∂f/∂{b})</text>",
            W / 2.0,
            escape(&title),
            W / 2.0,
        );
        frame.draw_axes(&mut out, &a, &b);
        let range = value_range(self.values.iter().copied());
        self.draw_cells(&mut out, &frame, range);
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#444\"/>",
            frame.left,
            frame.top,
            frame.right - frame.left,
            frame.bottom - frame.top
        );
        self.draw_arrows(&mut out, &frame);
        color_bar(&mut out, &frame, range);
        out.push_str("</svg>\n");
        out
    }

    fn draw_cells(&self, out: &mut String, frame: &Frame, (lo, hi): (f64, f64)) {
        let half = |grid: &[f64]| match grid {
            [a, b, ..] => (b - a) / 2.0,
            _ => 0.5,
        };
        let (hx, hy) = (half(&self.xs), half(&self.ys));
        out.push_str("<g clip-path=\"url(#plot)\" shape-rendering=\"crispEdges\">\n");
        for (j, &y) in self.ys.iter().enumerate() {
            for (i, &x) in self.xs.iter().enumerate() {
                let v = self.value(i, j);
                let fill = if v.is_finite() {
                    viridis((v - lo) / (hi - lo))
                } else {
                    "#d9d9d9".to_string()
                };
                let (x0, x1) = (frame.px(x - hx), frame.px(x + hx));
                let (y0, y1) = (frame.py(y + hy), frame.py(y - hy));
                let _ = writeln!(
                    out,
                    "<rect x=\"{x0:.1}\" y=\"{y0:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\"/>",
                    x1 - x0 + 0.6,
                    y1 - y0 + 0.6
                );
            }
        }
        out.push_str("</g>\n");
    }

    fn draw_arrows(&self, out: &mut String, frame: &Frame) {
        let n = self.xs.len().max(self.ys.len());
        let stride = (n / 11).max(1);
        let cell = (frame.right - frame.left) / n as f64 * stride as f64;
        let picks: Vec<(usize, usize)> = (0..self.ys.len())
            .step_by(stride)
            .flat_map(|j| (0..self.xs.len()).step_by(stride).map(move |i| (i, j)))
            .collect();
        // Pixel vectors: the y axis points down on screen.
        let vector = |&(i, j): &(usize, usize)| {
            let (gx, gy) = self.gradient_at(i, j);
            let sx = (frame.right - frame.left) / (self.x.hi - self.x.lo);
            let sy = (frame.bottom - frame.top) / (self.y.hi - self.y.lo);
            (gx * sx, -gy * sy)
        };
        let longest = picks
            .iter()
            .map(&vector)
            .map(|(u, v)| u.hypot(v))
            .filter(|l| l.is_finite())
            .fold(0.0, f64::max);
        if longest <= 0.0 {
            return;
        }
        let scale = 0.85 * cell / longest;
        out.push_str("<g class=\"arrow\" clip-path=\"url(#plot)\">\n");
        for p in &picks {
            let (u, v) = vector(p);
            let (u, v) = (u * scale, v * scale);
            let length = u.hypot(v);
            if !length.is_finite() || length < 3.0 {
                continue;
            }
            let (x0, y0) = (frame.px(self.xs[p.0]), frame.py(self.ys[p.1]));
            let (x1, y1) = (x0 + u, y0 + v);
            let (ux, uy) = (u / length, v / length);
            let head = 5.0f64.min(0.4 * length);
            let left = (
                x1 - head * ux - 0.6 * head * uy,
                y1 - head * uy + 0.6 * head * ux,
            );
            let right = (
                x1 - head * ux + 0.6 * head * uy,
                y1 - head * uy - 0.6 * head * ux,
            );
            for (color, width) in [("white", 3.2), ("black", 1.3)] {
                let _ = writeln!(
                    out,
                    "<path d=\"M{x0:.1},{y0:.1} L{x1:.1},{y1:.1} M{:.1},{:.1} L{x1:.1},{y1:.1} L{:.1},{:.1}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{width}\" stroke-linecap=\"round\"/>",
                    left.0, left.1, right.0, right.1
                );
            }
        }
        out.push_str("</g>\n");
    }
}

/// A vertical color scale beside the plot, with its value labels.
fn color_bar(out: &mut String, frame: &Frame, (lo, hi): (f64, f64)) {
    const STEPS: usize = 40;
    let (x, w) = (frame.right + 24.0, 18.0);
    let h = (frame.bottom - frame.top) / STEPS as f64;
    for k in 0..STEPS {
        let t = (k as f64 + 0.5) / STEPS as f64;
        let y = frame.bottom - (k + 1) as f64 * h;
        let _ = writeln!(
            out,
            "<rect x=\"{x}\" y=\"{y:.1}\" width=\"{w}\" height=\"{:.1}\" fill=\"{}\"/>",
            h + 0.5,
            viridis(t)
        );
    }
    let bar = Frame {
        y: (lo, hi),
        ..*frame
    };
    for (v, label) in super::svg::ticks(lo, hi) {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{:.1}\" {FONT}>{label}</text>",
            x + w + 5.0,
            bar.py(v) + 4.0
        );
    }
    let _ = writeln!(
        out,
        "<rect x=\"{x}\" y=\"{}\" width=\"{w}\" height=\"{}\" fill=\"none\" stroke=\"#444\"/>",
        frame.top,
        frame.bottom - frame.top
    );
}

/// A perceptually even color for `t` in [0, 1] (dark violet to yellow,
/// after matplotlib's viridis, interpolated from a few of its colors).
fn viridis(t: f64) -> String {
    const STOPS: [(f64, f64, f64); 6] = [
        (68.0, 1.0, 84.0),
        (65.0, 68.0, 135.0),
        (42.0, 120.0, 142.0),
        (34.0, 168.0, 132.0),
        (122.0, 209.0, 81.0),
        (253.0, 231.0, 37.0),
    ];
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let s = t * (STOPS.len() - 1) as f64;
    let k = (s.floor() as usize).min(STOPS.len() - 2);
    let f = s - k as f64;
    let (a, b) = (STOPS[k], STOPS[k + 1]);
    let mix = |p: f64, q: f64| (p + (q - p) * f).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(a.0, b.0),
        mix(a.1, b.1),
        mix(a.2, b.2)
    )
}
