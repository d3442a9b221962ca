//! SVG drawing: a frame with axes, ticks and labels shared by both kinds of
//! plot, and the curves of one variable with their legend.

use super::Curves;
use crate::analysis::Tangent;
use crate::numeric::format_value;
use std::fmt::Write;

pub(super) const FONT: &str = "font-family=\"sans-serif\" font-size=\"13\"";
pub(super) const TITLE: &str = "font-family=\"sans-serif\" font-size=\"15\" font-weight=\"bold\"";

/// Colors of f, f', f'', … and of the tangent line.
const COLORS: [&str; 5] = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b"];
const TANGENT_COLOR: &str = "#ff7f0e";

/// Text safe inside SVG elements and attributes.
pub(super) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Long formulas cut to `max` characters with an ellipsis.
pub(super) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

/// A linear map from data coordinates to the pixels of a plot area.
pub(super) struct Frame {
    /// Left, top, right, bottom of the plot area in pixels.
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    /// Data ranges shown along x and y.
    pub x: (f64, f64),
    pub y: (f64, f64),
}

impl Frame {
    pub fn px(&self, x: f64) -> f64 {
        self.left + (x - self.x.0) / (self.x.1 - self.x.0) * (self.right - self.left)
    }

    /// Far-off values are clamped a few heights out, so coordinates stay
    /// small numbers and the clip path cuts the line at the edge.
    pub fn py(&self, y: f64) -> f64 {
        let h = self.bottom - self.top;
        let p = self.bottom - (y - self.y.0) / (self.y.1 - self.y.0) * h;
        p.clamp(self.top - 4.0 * h, self.bottom + 4.0 * h)
    }

    /// Grid lines, the axes through 0, the frame, tick labels and the axis
    /// names; with a clip path `plot` for what is drawn inside.
    pub fn draw_axes(&self, out: &mut String, x_name: &str, y_name: &str) {
        let (l, t, r, b) = (self.left, self.top, self.right, self.bottom);
        let _ = writeln!(
            out,
            "<defs><clipPath id=\"plot\"><rect x=\"{l}\" y=\"{t}\" width=\"{}\" height=\"{}\"/></clipPath></defs>",
            r - l,
            b - t
        );
        for (v, label) in ticks(self.x.0, self.x.1) {
            let p = self.px(v);
            let _ = writeln!(
                out,
                "<line x1=\"{p:.1}\" y1=\"{t}\" x2=\"{p:.1}\" y2=\"{b}\" stroke=\"#e4e4e4\"/>\n<text x=\"{p:.1}\" y=\"{}\" text-anchor=\"middle\" {FONT}>{label}</text>",
                b + 18.0
            );
        }
        for (v, label) in ticks(self.y.0, self.y.1) {
            let p = self.py(v);
            let _ = writeln!(
                out,
                "<line x1=\"{l}\" y1=\"{p:.1}\" x2=\"{r}\" y2=\"{p:.1}\" stroke=\"#e4e4e4\"/>\n<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" {FONT}>{label}</text>",
                l - 6.0,
                p + 4.0
            );
        }
        if self.x.0 < 0.0 && 0.0 < self.x.1 {
            let p = self.px(0.0);
            let _ = writeln!(
                out,
                "<line x1=\"{p:.1}\" y1=\"{t}\" x2=\"{p:.1}\" y2=\"{b}\" stroke=\"#888\"/>"
            );
        }
        if self.y.0 < 0.0 && 0.0 < self.y.1 {
            let p = self.py(0.0);
            let _ = writeln!(
                out,
                "<line x1=\"{l}\" y1=\"{p:.1}\" x2=\"{r}\" y2=\"{p:.1}\" stroke=\"#888\"/>"
            );
        }
        let _ = writeln!(
            out,
            "<rect x=\"{l}\" y=\"{t}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#444\"/>",
            r - l,
            b - t
        );
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" {FONT} font-style=\"italic\">{}</text>",
            (l + r) / 2.0,
            b + 38.0,
            escape(x_name)
        );
        let (yx, yy) = (l - 48.0, (t + b) / 2.0);
        let _ = writeln!(
            out,
            "<text x=\"{yx}\" y=\"{yy:.1}\" text-anchor=\"middle\" transform=\"rotate(-90 {yx} {yy:.1})\" {FONT} font-style=\"italic\">{}</text>",
            escape(y_name)
        );
    }
}

/// Round tick positions (steps of 1, 2 or 5 times a power of ten, about
/// six of them) with their labels.
pub(super) fn ticks(lo: f64, hi: f64) -> Vec<(f64, String)> {
    let raw = (hi - lo) / 6.0;
    if !(raw > 0.0 && raw.is_finite()) {
        return Vec::new();
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let decimals = (-step.log10().floor()).max(0.0) as usize;
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last)
        .map(|k| {
            let v = k as f64 * step;
            let label = if k == 0 {
                "0".to_string()
            } else if decimals > 6 || v.abs() >= 1e6 {
                format_value(v)
            } else {
                format!("{v:.decimals$}")
            };
            (v, label.replace('-', "−"))
        })
        .collect()
}

/// The range of `values` to show: all finite values, unless a few huge
/// ones (near a pole) would flatten the rest; then the bulk, with room.
pub(super) fn value_range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let mut v: Vec<f64> = values.filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return (-1.0, 1.0);
    }
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    let (mut lo, mut hi) = (v[0], v[v.len() - 1]);
    let bulk = at(0.95) - at(0.05);
    if bulk > 0.0 && hi - lo > 8.0 * bulk {
        lo = lo.max(at(0.05) - bulk);
        hi = hi.min(at(0.95) + bulk);
    }
    if hi - lo < 1e-12 * lo.abs().max(1.0) {
        return (lo - 1.0, hi + 1.0);
    }
    let pad = 0.06 * (hi - lo);
    (lo - pad, hi + pad)
}

/// The path through the points, broken where a value is missing or where
/// it changes sign by a jump of more than half the view in one step (a
/// pole, as tan has, rather than a steep stretch).
fn path(frame: &Frame, xs: &[f64], ys: &[f64]) -> String {
    let mut d = String::new();
    let mut previous: Option<f64> = None;
    let (lo, hi) = frame.y;
    for (&x, &y) in xs.iter().zip(ys) {
        if !y.is_finite() {
            previous = None;
            continue;
        }
        let pole =
            previous.is_some_and(|p| p.signum() != y.signum() && (p - y).abs() > (hi - lo) / 2.0);
        let command = if previous.is_none() || pole { 'M' } else { 'L' };
        let _ = write!(d, "{command}{:.2},{:.2} ", frame.px(x), frame.py(y));
        previous = Some(y);
    }
    d.trim_end().to_string()
}

/// The curves of `f` and its derivatives, and a tangent line if given, as
/// an SVG picture with axes, tick labels and a legend naming each curve.
///
/// ```
/// use symdiff::{analysis::tangent, parse, present::plot::{sample, to_svg, Interval}, Expr};
/// let (f, x) = (parse("x^2").unwrap(), Expr::symbol("x"));
/// let curves = sample(&f, &Interval::new(x.clone(), -2.0, 2.0).unwrap(), 101, 1);
/// let svg = to_svg(&curves, tangent(&f, &[x], &[Expr::int(-1)]).ok().as_ref());
/// assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
/// assert!(svg.contains("f'(x) = 2*x") && svg.contains("y = -2*x - 1"));
/// ```
pub fn to_svg(curves: &Curves, tangent: Option<&Tangent>) -> String {
    const W: f64 = 720.0;
    const H: f64 = 460.0;
    let (lo, hi) = match (curves.xs.first(), curves.xs.last()) {
        (Some(&a), Some(&b)) if a < b => (a, b),
        (Some(&a), _) => (a - 1.0, a + 1.0),
        _ => (-1.0, 1.0),
    };
    let frame = Frame {
        left: 72.0,
        top: 44.0,
        right: W - 24.0,
        bottom: H - 56.0,
        x: (lo, hi),
        y: value_range(curves.series.iter().flat_map(|s| s.values.iter().copied())),
    };
    let var = curves.var.to_string();
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\">\n<rect width=\"{W}\" height=\"{H}\" fill=\"white\"/>\n"
    );
    let title = curves
        .series
        .first()
        .map_or(String::new(), |f| format!("f({var}) = {f}", f = f.expr));
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"26\" text-anchor=\"middle\" {TITLE}>{}</text>",
        W / 2.0,
        escape(&shorten(&title, 80))
    );
    frame.draw_axes(&mut out, &var, "y");
    let mut legend: Vec<(String, &str, bool)> = Vec::new();
    let mut drawn: Vec<(f64, f64)> = Vec::new();
    for (k, s) in curves.series.iter().enumerate() {
        let color = COLORS[k % COLORS.len()];
        let _ = writeln!(
            out,
            "<path d=\"{}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" clip-path=\"url(#plot)\"/>",
            path(&frame, &curves.xs, &s.values)
        );
        legend.push((format!("{}({var}) = {}", s.name, s.expr), color, false));
        drawn.extend(
            curves
                .xs
                .iter()
                .zip(&s.values)
                .map(|(&x, &y)| (frame.px(x), frame.py(y))),
        );
    }
    if let Some(t) = tangent {
        let y = |x: f64| t.height(&[x]).unwrap_or(f64::NAN);
        let at = t.point[0].eval(&[]).unwrap_or(f64::NAN);
        let (x0, x1) = frame.x;
        let _ = writeln!(
            out,
            "<path d=\"M{:.2},{:.2} L{:.2},{:.2}\" fill=\"none\" stroke=\"{TANGENT_COLOR}\" stroke-width=\"2\" stroke-dasharray=\"7 4\" clip-path=\"url(#plot)\"/>",
            frame.px(x0),
            frame.py(y(x0)),
            frame.px(x1),
            frame.py(y(x1))
        );
        let _ = writeln!(
            out,
            "<circle cx=\"{:.2}\" cy=\"{:.2}\" r=\"4.5\" fill=\"{TANGENT_COLOR}\" stroke=\"white\" clip-path=\"url(#plot)\"/>",
            frame.px(at),
            frame.py(t.value.eval(&[]).unwrap_or(f64::NAN))
        );
        // The legend should not hide the line either.
        drawn.extend((0..=50).map(|k| {
            let x = x0 + (x1 - x0) * f64::from(k) / 50.0;
            (frame.px(x), frame.py(y(x)))
        }));
        let at = format_value(at);
        legend.push((
            format!("tangent at {var} = {at}: {}", t.equation()),
            TANGENT_COLOR,
            true,
        ));
    }
    draw_legend(&mut out, &frame, &legend, &drawn);
    out.push_str("</svg>\n");
    out
}

/// A boxed legend in the corner of the plot area that hides the fewest
/// drawn points.
fn draw_legend(
    out: &mut String,
    frame: &Frame,
    entries: &[(String, &str, bool)],
    drawn: &[(f64, f64)],
) {
    const LINE: f64 = 20.0;
    let texts: Vec<String> = entries.iter().map(|(t, _, _)| shorten(t, 60)).collect();
    let longest = texts.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    let (w, h) = (
        44.0 + 7.4 * longest as f64,
        10.0 + LINE * entries.len() as f64,
    );
    let corners = [
        (frame.left + 8.0, frame.top + 8.0),
        (frame.right - 8.0 - w, frame.top + 8.0),
        (frame.left + 8.0, frame.bottom - 8.0 - h),
        (frame.right - 8.0 - w, frame.bottom - 8.0 - h),
    ];
    let hidden = |&(x, y): &(f64, f64)| {
        drawn
            .iter()
            .filter(|(px, py)| *px >= x && *px <= x + w && *py >= y && *py <= y + h)
            .count()
    };
    let (x, y) = corners
        .iter()
        .min_by_key(|c| hidden(c))
        .copied()
        .unwrap_or(corners[0]);
    let _ = writeln!(
        out,
        "<g class=\"legend\">\n<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"white\" fill-opacity=\"0.88\" stroke=\"#bbb\"/>"
    );
    for (k, ((_, color, dashed), text)) in entries.iter().zip(&texts).enumerate() {
        let ly = y + 15.0 + LINE * k as f64;
        let dash = if *dashed {
            " stroke-dasharray=\"7 4\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<line x1=\"{:.1}\" y1=\"{ly:.1}\" x2=\"{:.1}\" y2=\"{ly:.1}\" stroke=\"{color}\" stroke-width=\"2\"{dash}/>\n<text x=\"{:.1}\" y=\"{:.1}\" {FONT}>{}</text>",
            x + 8.0,
            x + 34.0,
            x + 40.0,
            ly + 4.5,
            escape(text)
        );
    }
    out.push_str("</g>\n");
}
