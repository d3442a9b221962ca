//! `--plot`: the CSV pinned by snapshots, the SVG checked for being
//! well-formed and holding the curves, the legend and the tangent.

mod common;

use common::symdiff;
use std::process::Output;

/// Standard output of a run that must succeed.
fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", common::stderr(o));
    common::stdout(o)
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("symdiff-plot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

fn snapshot(name: &str, value: &str) {
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, value);
    });
}

#[test]
fn plot_csv_of_the_tutorial_functions() {
    let quartic = symdiff(&[
        "x^4/4 - x^2 + 1/2",
        "--plot",
        "x=-2:2",
        "--points",
        "9",
        "--order",
        "2",
    ]);
    snapshot("plot_quartic_order_2", &stdout(&quartic));
    // |x| has no slope at 0, 1/x no value: those rows are NaN.
    let abs = symdiff(&["abs(x)", "x", "--plot", "x=-1:1", "--points", "5"]);
    snapshot("plot_abs", &stdout(&abs));
    let reciprocal = symdiff(&["1/x + sqrt(x + 1)", "--plot", "x=-2:1", "--points", "7"]);
    snapshot("plot_reciprocal_and_root", &stdout(&reciprocal));
}

#[test]
fn plot_csv_of_two_variables_has_the_gradient() {
    let out = stdout(&symdiff(&[
        "x^2*y",
        "--plot",
        "x=0:1,y=-1:1",
        "--points",
        "3",
    ]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "x,y,f,df/dx,df/dy");
    assert_eq!(lines.len(), 10);
    assert!(lines.contains(&"1,-1,-1,-2,1"), "{out}");
}

/// Tags balance, attributes are quoted, and nothing non-numeric leaks
/// into coordinates: enough of XML to catch what a renderer rejects.
fn assert_well_formed(svg: &str) {
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    let mut open: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').expect("every tag closes") + start;
        let tag = &rest[start + 1..end];
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "unbalanced quotes in <{tag}>"
        );
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        let mut attributes: Vec<&str> = tag
            .split('"')
            .step_by(2)
            .filter_map(|part| part.split_whitespace().last())
            .filter_map(|a| a.strip_suffix('='))
            .collect();
        let count = attributes.len();
        attributes.sort_unstable();
        attributes.dedup();
        assert_eq!(attributes.len(), count, "an attribute repeats in <{tag}>");
        if tag.starts_with('/') {
            assert_eq!(
                open.pop().as_deref(),
                Some(name.as_str()),
                "mismatched </{name}>"
            );
        } else if !tag.ends_with('/') {
            open.push(name);
        }
        rest = &rest[end + 1..];
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
    for bad in ["NaN", "inf", "&&"] {
        assert!(!svg.contains(bad), "{bad} in the SVG");
    }
}

#[test]
fn svg_holds_the_curves_legend_and_tangent() {
    let file = scratch("square.svg");
    let out = symdiff(&[
        "x^2",
        "x",
        "--plot",
        "x=-2:2",
        "--svg",
        file.to_str().unwrap(),
        "--tangent",
        "x=-1",
    ]);
    assert!(out.status.success() && out.stdout.is_empty());
    let svg = std::fs::read_to_string(&file).expect("svg written");
    assert_well_formed(&svg);
    // f, f' and the tangent: three curves with stroked paths.
    assert_eq!(svg.matches("<path d=\"M").count(), 3, "{svg}");
    for text in [
        "f(x) = x^2",
        "f'(x) = 2*x",
        "tangent at x = -1: y = -2*x - 1",
        "<circle",
    ] {
        assert!(svg.contains(text), "missing {text}");
    }
    // The curve of f has a point per sample.
    let f_path = svg.split("<path d=\"").nth(1).unwrap();
    assert_eq!(f_path.split('"').next().unwrap().matches('L').count(), 200);
}

#[test]
fn svg_of_the_quartic_with_two_derivatives_and_of_abs() {
    let file = scratch("quartic.svg");
    stdout(&symdiff(&[
        "x^4/4 - x^2 + 1/2",
        "--plot",
        "x=-2:2",
        "--order",
        "2",
        "--svg",
        file.to_str().unwrap(),
    ]));
    let svg = std::fs::read_to_string(&file).unwrap();
    assert_well_formed(&svg);
    assert!(svg.contains("f''(x) = 3*x^2 - 2"));
    let file = scratch("abs.svg");
    stdout(&symdiff(&[
        "abs(x)",
        "--plot",
        "x=-2:2",
        "--svg",
        file.to_str().unwrap(),
    ]));
    let svg = std::fs::read_to_string(&file).unwrap();
    assert_well_formed(&svg);
    // sign(x) is drawn in two pieces: the gap at 0 is a second move.
    let derivative = svg
        .split("<path d=\"")
        .nth(2)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert_eq!(derivative.matches('M').count(), 2, "{derivative}");
}

#[test]
fn svg_of_two_variables_is_a_heat_map_with_arrows() {
    let file = scratch("heat.svg");
    stdout(&symdiff(&[
        "sin(x*y)",
        "--plot",
        "x=-2:2,y=-2:2",
        "--points",
        "21",
        "--svg",
        file.to_str().unwrap(),
    ]));
    let svg = std::fs::read_to_string(&file).unwrap();
    assert_well_formed(&svg);
    assert!(svg.contains("f(x, y) = sin(x*y)"));
    assert!(svg.matches("<rect").count() >= 21 * 21);
    assert!(svg.contains("class=\"arrow\"") && svg.matches("<path").count() > 20);
}

#[test]
fn plot_errors() {
    let svg = scratch("never.svg");
    let svg = svg.to_str().unwrap();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &[
                "abs(x)",
                "--plot",
                "x=-2:2",
                "--svg",
                svg,
                "--tangent",
                "x=0",
            ],
            1,
            "not differentiable at x = 0 (needs x ≠ 0)",
        ),
        (
            &[
                "ln(x)",
                "--plot",
                "x=-2:2",
                "--svg",
                svg,
                "--tangent",
                "x=-1",
            ],
            1,
            "ln(-1) is undefined",
        ),
        (&["x*y", "--plot", "x=-2:2"], 2, "y has no range"),
        (&["x", "--plot", "x=2:-2"], 2, "not a range"),
        (&["x", "--plot", "x=-1e308:1e308"], 2, "not a range"),
        (&["x", "--plot", "x=-2:2", "--points", "1"], 2, "--points"),
        (&["x", "--plot", "x=-2:2", "--tangent", "x=1"], 2, "--svg"),
        (
            &[
                "x*y",
                "--plot",
                "x=-2:2,y=0:1",
                "--svg",
                svg,
                "--tangent",
                "x=1",
            ],
            2,
            "one variable",
        ),
    ];
    for (args, code, message) in cases {
        let out = symdiff(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(*code), "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
}
